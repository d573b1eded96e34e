/* groupkey.c - GROUP BY keys (see groupkey.h). */
#include "groupkey.h"

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
