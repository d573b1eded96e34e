/*
 * groupkey.h - a GROUP BY key: nk Values with their types.  Hashing, equality
 * (NULL equals NULL, as GROUP BY groups them), copying into state (strings copied
 * once) and the order output rows are sorted in (NULLs first, then ascending).
 *
 * Key groups.  Every key belongs to one of GK_GROUPS key groups, the top
 * GK_GROUP_BITS bits of its gk_hash: the unit in which keyed operators
 * checkpoint their state (one blob per group, rewritten only when the group
 * changed; see snapshot.h) and, later, the unit a job's state is split by.
 * The count is part of the state file's format: changing it needs a new one.
 * A GkGroupSet is a bitmap of groups (an operator's "changed since the last
 * checkpoint" set): setting a bit per row is the whole cost on the hot path.
 */
#ifndef WEIR_GROUPKEY_H
#define WEIR_GROUPKEY_H

#include "arena.h"
#include "expr.h"

uint64_t gk_hash(const Value *k, const TypeId *types, int nk);

#define GK_GROUP_BITS 7
#define GK_GROUPS (1 << GK_GROUP_BITS)
#define GK_GROUP_MASK (~(~0ULL >> GK_GROUP_BITS))   /* the bits of a hash that name its group */

/* The key group of a key whose gk_hash is h (also of any hash made by
 * gk_hash_keep_group from it). */
static inline unsigned gk_group(uint64_t h) { return (unsigned)(h >> (64 - GK_GROUP_BITS)); }
/* h with its group bits replaced by those of keyhash: for tables keyed by
 * (something, key) whose entries must still tell their key group. */
static inline uint64_t gk_hash_keep_group(uint64_t h, uint64_t keyhash)
{
    return (h & ~GK_GROUP_MASK) | (keyhash & GK_GROUP_MASK);
}

typedef struct GkGroupSet {
    uint64_t bits[GK_GROUPS / 64];
} GkGroupSet;

static inline void gk_set_add(GkGroupSet *s, unsigned g) { s->bits[g >> 6] |= 1ULL << (g & 63); }
static inline int  gk_set_has(const GkGroupSet *s, unsigned g) { return (int)((s->bits[g >> 6] >> (g & 63)) & 1); }
static inline void gk_set_clear(GkGroupSet *s)
{
    for (int i = 0; i < GK_GROUPS / 64; i++) s->bits[i] = 0;
}
static inline void gk_set_fill(GkGroupSet *s)
{
    for (int i = 0; i < GK_GROUPS / 64; i++) s->bits[i] = ~0ULL;
}
/* How many groups s holds. */
static inline int  gk_set_count(const GkGroupSet *s)
{
    int n = 0;
    for (int i = 0; i < GK_GROUPS / 64; i++) n += __builtin_popcountll(s->bits[i]);
    return n;
}
int      gk_equal(const Value *a, const Value *b, const TypeId *types, int nk);
/* Total order for output: per column NULL first, then value_compare. */
int      gk_compare(const Value *a, const Value *b, const TypeId *types, int nk);
/* An unsigned 64-bit number whose order agrees with gk_compare on the first
 * key column wherever the two differ (ties need the full comparison): lets a
 * sort compare integers first. */
uint64_t gk_sort_prefix(const Value *k, const TypeId *types, int nk);
/* A row to sort: its key's prefix and whatever index the caller needs. */
typedef struct GkSortRec {
    uint64_t prefix;
    uint32_t idx;
    uint32_t pad;
} GkSortRec;

/* Sorts recs[0..n) by prefix with an LSD radix sort (tmp: n scratch records),
 * then orders runs of equal prefixes with tie(ctx, a_idx, b_idx) (< 0, 0, > 0).
 * No allocation. */
void gk_sort(GkSortRec *recs, GkSortRec *tmp, size_t n,
             int (*tie)(void *ctx, uint32_t a, uint32_t b), void *ctx);

/* dst := src with VARCHAR bytes copied into a.  Returns 0 or -1 (no memory). */
int      gk_copy(Value *dst, const Value *src, const TypeId *types, int nk, Arena *a);
/* Total bytes of the VARCHAR values of k. */
size_t   gk_text_bytes(const Value *k, const TypeId *types, int nk);

#endif
