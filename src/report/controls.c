/* SPDX-License-Identifier: ISC */
/*
 * The controls the report supports (ISO/IEC 27001:2022 A.8.13 and A.5.30,
 * NIS2 Art. 21(2)(c), NIST CSF 2.0 PR.DS-11 and RC.RP-03), each with the
 * members of the facts document that hold its evidence.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "report.h"

/* The controls the report supports, and which of its facts show it. */
static const struct control {
	const char	*id, *framework, *control;
	enum rst_msg	 title, evidence;
	const char	*facts;	/* members of the document, comma-separated */
} controls[] = {
	{ "ISO27001-A.8.13", "ISO/IEC 27001:2022", "A.8.13",
	    RST_MSG_CTL_A813, RST_MSG_EV_A813, "profiles[].backups,"
	    "profiles[].newest_good_backup,profiles[].retention,"
	    "profiles[].key_fingerprint,profiles[].drills" },
	{ "ISO27001-A.5.30", "ISO/IEC 27001:2022", "A.5.30",
	    RST_MSG_CTL_A530, RST_MSG_EV_A530, "profiles[].drills,"
	    "profiles[].rpo,profiles[].targets,profiles[].verdict" },
	{ "NIS2-21.2.c", "NIS2 (Directive (EU) 2022/2555)", "Art. 21(2)(c)",
	    RST_MSG_CTL_NIS2, RST_MSG_EV_NIS2, "profiles[].backups,"
	    "profiles[].drills,profiles[].failures,profiles[].retention,"
	    "integrity" },
	{ "NIST-CSF-PR.DS-11", "NIST CSF 2.0", "PR.DS-11",
	    RST_MSG_CTL_PRDS11, RST_MSG_EV_PRDS11, "profiles[].backups,"
	    "profiles[].key_fingerprint,integrity,profiles[].retention,"
	    "profiles[].drills" },
	{ "NIST-CSF-RC.RP-03", "NIST CSF 2.0", "RC.RP-03",
	    RST_MSG_CTL_RCRP03, RST_MSG_EV_RCRP03, "profiles[].drills,"
	    "integrity" },
};

json_t *
rst_report_controls(enum rst_lang l)
{
	json_t *a = json_array(), *facts;
	char *list, *tok, *save;
	size_t i;

	for (i = 0; i < sizeof(controls) / sizeof(controls[0]); i++) {
		facts = json_array();
		if ((list = strdup(controls[i].facts)) != NULL)
			for (tok = strtok_r(list, ",", &save); tok != NULL;
			    tok = strtok_r(NULL, ",", &save))
				json_array_append_new(facts, json_string(tok));
		free(list);
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:s, "
		    "s:o}", "id", controls[i].id, "framework",
		    controls[i].framework, "control", controls[i].control,
		    "title", rst_msg(l, controls[i].title), "evidence",
		    rst_msg(l, controls[i].evidence), "facts", facts));
	}
	return a;
}
