/* SPDX-License-Identifier: ISC */
/*
 * Private to src/snapshot: the entries of a snapshot's index that an
 * older snapshot of its chain holds ("in"), by path, for the passes of
 * restore and verify --deep over those older snapshots.
 */
#ifndef RST_SNAPSHOT_ENTRYMAP_H
#define RST_SNAPSHOT_ENTRYMAP_H

#include <stdbool.h>

#include "restorable/snapshot.h"

struct rst_entrymap_ent {
	struct rst_index_entry	 e;	/* owned copy */
	bool			 done;	/* found in its holder */
};

struct rst_entrymap;

struct rst_entrymap *rst_entrymap_new(void);
/* Add a copy of e; a path twice is RST_EINTEGRITY. */
int	rst_entrymap_add(struct rst_entrymap *, const struct rst_index_entry *,
	    struct rst_err *) RST_MUST_CHECK;
struct rst_entrymap_ent *rst_entrymap_find(struct rst_entrymap *,
	    const char *path);
/* How many entries name holder (all when holder is NULL). */
size_t	rst_entrymap_count(const struct rst_entrymap *, const char *holder);
/* RST_EINTEGRITY naming the first entry not found in its holder. */
int	rst_entrymap_check_done(const struct rst_entrymap *, const char *top,
	    struct rst_err *) RST_MUST_CHECK;
void	rst_entrymap_free(struct rst_entrymap *);
/*
 * Whether held, an entry of an older link's index, is what wanted (an
 * entry with "in" naming that link) says: a file of the same size and
 * SHA-256, or a hard link to the same first link.
 */
bool	rst_index_same_held(const struct rst_index_entry *held,
	    const struct rst_index_entry *wanted);

#endif
