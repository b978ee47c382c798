/* SPDX-License-Identifier: ISC */
/*
 * What journal records say about snapshots: a verify or a drill that found
 * one missing or bad, a later one that found it intact again, and ids
 * dated in the future.  list, prune and report read the journal through
 * these rules so that they agree.
 */
#include "config.h"

#include <string.h>

#include "restorable/snapshot.h"

static bool
is(const json_t *o, const char *key, const char *want)
{
	const char *v = json_string_value(json_object_get(o, key));

	return v != NULL && strcmp(v, want) == 0;
}

static json_int_t
num(const json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_integer(v) ? json_integer_value(v) : 0;
}

int
rst_record_finding(const json_t *rec, const char **snap)
{
	const json_t *d = json_object_get(rec, "data");
	json_int_t code = num(rec, "exit");
	bool pass = is(rec, "result", "pass") && code == 0;

	*snap = json_string_value(json_object_get(d, "snapshot"));
	if (*snap == NULL || !rst_snapshot_id_valid(*snap))
		return 0;
	if (is(rec, "kind", "verify")) {
		if (code == 4)
			return 1;
		return pass && json_is_true(json_object_get(d, "deep")) ? -1 :
		    0;
	}
	if (!is(rec, "kind", "drill"))
		return 0;
	/* A failing check is not damage: only bytes that differ are. */
	if (code == 4 || num(d, "missing") > 0 || num(d, "changed") > 0 ||
	    num(d, "extra") > 0)
		return 1;
	return pass ? -1 : 0;
}

bool
rst_snapshot_id_future(const char *id, int64_t now)
{
	return rst_snapshot_id_valid(id) &&
	    rst_snapshot_id_time(id) > now + 86400;
}

static void
forget(json_t *expected, const json_t *ids)
{
	const json_t *id;
	size_t i;

	json_array_foreach(ids, i, id)
		if (json_is_string(id))
			json_object_del(expected, json_string_value(id));
}

const char *
rst_record_expect(json_t *expected, const json_t *rec)
{
	const json_t *d = json_object_get(rec, "data");
	const char *snap = json_string_value(json_object_get(d, "snapshot"));
	json_int_t code = num(rec, "exit");

	if (is(rec, "kind", "prune")) {
		forget(expected, json_object_get(d, "removed"));
		forget(expected, json_object_get(d, "intent"));
		forget(expected, json_object_get(d, "forgotten"));
		return NULL;
	}
	if (!is(rec, "kind", "backup") || snap == NULL ||
	    !rst_snapshot_id_valid(snap))
		return NULL;
	if (code == 0 || code == 1)
		json_object_set_new(expected, snap, json_true());
	return snap;
}
