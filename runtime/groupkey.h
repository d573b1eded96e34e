/*
 * groupkey.h - a GROUP BY key: nk Values with their types.  Hashing, equality
 * (NULL equals NULL, as GROUP BY groups them), copying into state (strings copied
 * once) and the order output rows are sorted in (NULLs first, then ascending).
 */
#ifndef WEIR_GROUPKEY_H
#define WEIR_GROUPKEY_H

#include "arena.h"
#include "expr.h"

uint64_t gk_hash(const Value *k, const TypeId *types, int nk);
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
