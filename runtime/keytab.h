/*
 * keytab.h - the hash table behind every stateful operator.
 *
 * Entries are fixed-size records in one pool, addressed by a stable 1-based
 * index (0 = none), so operators can chain them in lists (a slice's entries, a
 * free list) while the table itself is an array of uint32 slots probed linearly.
 * Removal shifts the following run back (no tombstones), so probe lengths stay
 * short however many windows come and go.  The table never hashes: callers pass
 * the hash they computed once and keep in the entry's header.
 */
#ifndef WEIR_KEYTAB_H
#define WEIR_KEYTAB_H

#include <stddef.h>
#include <stdint.h>

#include "groupkey.h"

typedef struct KeyEntry {
    uint64_t hash;        /* the caller's hash of the entry's key */
    uint32_t next;        /* free for the caller (e.g. a list of a slice's entries) */
    uint32_t live;        /* 1 when in the table */
} KeyEntry;

typedef struct KeyTab {
    unsigned char *pool;  /* cap_entries records of esize bytes; index i at pool + (i-1)*esize */
    size_t esize;         /* header + payload, rounded to 16 */
    uint32_t nentries;    /* records handed out (live or free) */
    uint32_t cap_entries;
    uint32_t free_head;   /* chain of free records through KeyEntry.next */
    uint32_t count;       /* live entries */
    uint32_t *slots;      /* 0 empty, else entry index */
    uint32_t mask;        /* slot count - 1 */
} KeyTab;

/* payload: bytes after the KeyEntry header. */
int  kt_init(KeyTab *t, size_t payload);
void kt_free(KeyTab *t);

static inline KeyEntry *kt_entry(const KeyTab *t, uint32_t idx)
{
    return (KeyEntry *)(t->pool + (size_t)(idx - 1) * t->esize);
}
static inline void *kt_payload(const KeyTab *t, uint32_t idx)
{
    return (unsigned char *)kt_entry(t, idx) + sizeof(KeyEntry);
}

/* Adds an entry with this hash (the caller checked it is absent); returns its
 * index with the payload zeroed, or 0 when memory ran out.  May move the pool:
 * pointers from kt_entry/kt_payload are invalid after it. */
uint32_t kt_insert(KeyTab *t, uint64_t hash);
/* Removes entry idx and puts its record on the free list. */
void kt_remove(KeyTab *t, uint32_t idx);
/* Bytes held, for memory accounting. */
size_t kt_bytes(const KeyTab *t);

/* Walking the live entries whose hash's key group (gk_group) is in set, in
 * pool order, for checkpoints:
 * for (idx = kt_next_in(t, 0, set); idx; idx = kt_next_in(t, idx, set)) ... */
static inline uint32_t kt_next_in(const KeyTab *t, uint32_t idx, const GkGroupSet *set)
{
    while (++idx <= t->nentries) {
        const KeyEntry *e = kt_entry(t, idx);
        if (e->live && gk_set_has(set, gk_group(e->hash))) return idx;
    }
    return 0;
}

/* Probing: for (i = kt_first(t, h); t->slots[i]; i = kt_next(t, i)) { idx = t->slots[i]; ... } */
static inline uint32_t kt_first(const KeyTab *t, uint64_t hash) { return (uint32_t)hash & t->mask; }
static inline uint32_t kt_next(const KeyTab *t, uint32_t i) { return (i + 1) & t->mask; }

#endif
