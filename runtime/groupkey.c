/* groupkey.c - GROUP BY keys (see groupkey.h). */
#include "groupkey.h"

#include <stdlib.h>
#include <string.h>

uint64_t gk_hash(const Value *k, const TypeId *types, int nk)
{
    uint64_t h = 0x2545f4914f6cdd1dULL;
    for (int i = 0; i < nk; i++) h = (h ^ value_hash(types[i], &k[i])) * 0x9e3779b97f4a7c15ULL;
    return h ^ (h >> 29);
}

int gk_equal(const Value *a, const Value *b, const TypeId *types, int nk)
{
    for (int i = 0; i < nk; i++)
        if (!value_group_equal(types[i], &a[i], &b[i])) return 0;
    return 1;
}

int gk_compare(const Value *a, const Value *b, const TypeId *types, int nk)
{
    for (int i = 0; i < nk; i++) {
        if (a[i].null || b[i].null) {
            if (a[i].null != b[i].null) return a[i].null ? -1 : 1;
            continue;
        }
        int c = value_compare(types[i], &a[i], &b[i]);
        if (c) return c;
    }
    return 0;
}

int gk_copy(Value *dst, const Value *src, const TypeId *types, int nk, Arena *a)
{
    for (int i = 0; i < nk; i++) {
        dst[i] = src[i];
        if (types[i] == TYPE_VARCHAR && !src[i].null && src[i].len) {
            char *p = arena_alloc(a, src[i].len);
            if (!p) return -1;
            memcpy(p, src[i].u.s, src[i].len);
            dst[i].u.s = p;
        }
    }
    return 0;
}

size_t gk_text_bytes(const Value *k, const TypeId *types, int nk)
{
    size_t n = 0;
    for (int i = 0; i < nk; i++)
        if (types[i] == TYPE_VARCHAR && !k[i].null) n += k[i].len;
    return n;
}

uint64_t gk_sort_prefix(const Value *k, const TypeId *types, int nk)
{
    if (nk == 0 || k[0].null) return 0;
    switch (types[0]) {
    case TYPE_VARCHAR: {
        unsigned char b[8] = {0};
        memcpy(b, k[0].u.s, k[0].len < 8 ? k[0].len : 8);
        uint64_t p = 0;
        for (int i = 0; i < 8; i++) p = (p << 8) | b[i];
        return p;
    }
    case TYPE_DOUBLE: {
        uint64_t bits;
        memcpy(&bits, &k[0].u.d, sizeof bits);
        return (bits & 0x8000000000000000ULL) ? ~bits : bits | 0x8000000000000000ULL;
    }
    default:
        return (uint64_t)k[0].u.i ^ 0x8000000000000000ULL;
    }
}

typedef struct TieCtx {
    int (*tie)(void *ctx, uint32_t a, uint32_t b);
    void *ctx;
} TieCtx;

/* qsort_r's view of a run whose prefixes are all equal.  (Keys within one
 * firing are distinct, so no two records tie here.) */
static int tie_recs(const void *x, const void *y, void *arg)
{
    const GkSortRec *a = x, *b = y;
    const TieCtx *t = arg;
    return t->tie(t->ctx, a->idx, b->idx);
}

void gk_sort(GkSortRec *recs, GkSortRec *tmp, size_t n,
             int (*tie)(void *ctx, uint32_t a, uint32_t b), void *ctx)
{
    if (n < 2) return;
    if (n <= 32) {
        /* Insertion sort on small inputs: prefix, then tie-break. */
        for (size_t i = 1; i < n; i++) {
            GkSortRec x = recs[i];
            size_t j = i;
            while (j > 0 && (recs[j - 1].prefix > x.prefix ||
                             (recs[j - 1].prefix == x.prefix && tie(ctx, recs[j - 1].idx, x.idx) > 0))) {
                recs[j] = recs[j - 1];
                j--;
            }
            recs[j] = x;
        }
        return;
    }
    /* One pass per byte of the prefix, skipping bytes where all records agree. */
    GkSortRec *src = recs, *dst = tmp;
    for (int shift = 0; shift < 64; shift += 8) {
        size_t count[256] = {0};
        for (size_t i = 0; i < n; i++) count[(src[i].prefix >> shift) & 0xff]++;
        if (count[(src[0].prefix >> shift) & 0xff] == n) continue;
        size_t pos = 0;
        for (int b = 0; b < 256; b++) {
            size_t c = count[b];
            count[b] = pos;
            pos += c;
        }
        for (size_t i = 0; i < n; i++) dst[count[(src[i].prefix >> shift) & 0xff]++] = src[i];
        GkSortRec *t = src;
        src = dst;
        dst = t;
    }
    if (src != recs) memcpy(recs, src, n * sizeof *recs);
    /* Runs of equal prefixes: order them by the full key. */
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && recs[j].prefix == recs[i].prefix) j++;
        if (j - i > 32) {
            TieCtx tc = {tie, ctx};
            qsort_r(recs + i, j - i, sizeof *recs, tie_recs, &tc);
        } else if (j - i > 1) {
            gk_sort(recs + i, tmp, j - i, tie, ctx); /* n <= 32: the insertion sort */
        }
        i = j;
    }
}
