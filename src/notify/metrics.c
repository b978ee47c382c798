/* SPDX-License-Identifier: ISC */
/*
 * Prometheus textfile metrics (node_exporter's textfile collector): one
 * restorable-NAME.prom per profile in metrics_dir, rewritten atomically
 * from the verified journal after every journaled operation.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "restorable/journal.h"
#include "restorable/notify.h"
#include "restorable/snapshot.h"
#include "restorable/util.h"

struct facts {
	int64_t	last_backup_ok;
	int64_t	last_drill_ok;
	double	drill_rto;
	double	backup_bytes;
	int	last_exit;
	bool	any;
};

static int
facts_cb(void *arg, json_t *rec)
{
	struct facts *f = arg;
	const char *kind = "", *result = "", *ts = "";
	json_int_t exit_code = 0;
	json_t *data = json_object_get(rec, "data");
	int64_t t = 0;

	if (json_unpack(rec, "{s:s, s:s, s:s, s:I}", "kind", &kind, "result",
	    &result, "ts", &ts, "exit", &exit_code) != 0 ||
	    rst_parse_rfc3339(ts, &t) != 0)
		return 0;
	f->any = true;
	f->last_exit = (int)exit_code;
	if (strcmp(result, "pass") != 0)
		return 0;
	if (strcmp(kind, "backup") == 0) {
		f->last_backup_ok = t;
		f->backup_bytes = json_number_value(json_object_get(data,
		    "stored_bytes"));
	} else if (strcmp(kind, "drill") == 0) {
		f->last_drill_ok = t;
		f->drill_rto = json_number_value(json_object_get(data,
		    "rto_seconds"));
	}
	return 0;
}

static int
render(struct rst_buf *b, const char *name, const struct facts *f,
    size_t snapshots)
{
	static const struct { const char *metric, *help; } m[] = {
		{ "restorable_last_backup_success_timestamp_seconds",
		  "Time of the last successful backup." },
		{ "restorable_last_drill_success_timestamp_seconds",
		  "Time of the last passing restore drill." },
		{ "restorable_drill_rto_seconds",
		  "Measured restore time of the last passing drill." },
		{ "restorable_backup_size_bytes",
		  "Stored size of the last successful backup." },
		{ "restorable_snapshots", "Committed snapshots." },
		{ "restorable_last_run_exit_code",
		  "Exit code of the last journaled operation." },
	};
	double v[6];
	size_t i;

	v[0] = (double)f->last_backup_ok;
	v[1] = (double)f->last_drill_ok;
	v[2] = f->drill_rto;
	v[3] = f->backup_bytes;
	v[4] = (double)snapshots;
	v[5] = f->last_exit;
	for (i = 0; i < 6; i++)
		if (rst_buf_printf(b, "# HELP %s %s\n# TYPE %s gauge\n"
		    "%s{profile=\"%s\"} %.15g\n", m[i].metric, m[i].help,
		    m[i].metric, m[i].metric, name, v[i]) != 0)
			return RST_ENOMEM;
	return 0;
}

int
rst_metrics_write(const struct rst_profile *p, EVP_PKEY *key,
    struct rst_storage *st, struct rst_err *err)
{
	struct facts f;
	struct rst_strlist ids = { NULL, 0 };
	struct rst_buf b = RST_BUF_INIT;
	char *path = NULL;
	int r;

	if (p->metrics_dir == NULL)
		return 0;
	memset(&f, 0, sizeof(f));
	if ((r = rst_journal_foreach(p, key, facts_cb, &f, err)) != 0 ||
	    (st != NULL && (r = rst_snapshot_list(st, p->name, &ids, err)) != 0))
		return r;
	if ((r = rst_mkdir_p(p->metrics_dir, 0755, err)) != 0)
		goto out;
	if (render(&b, p->name, &f, ids.n) != 0 ||
	    (path = rst_strdupf("%s/restorable-%s.prom", p->metrics_dir,
	    p->name)) == NULL) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	r = rst_write_file_atomic(path, b.data, b.len, 0644, err);
 out:
	rst_strlist_release(&ids);
	rst_buf_release(&b);
	free(path);
	return r;
}
