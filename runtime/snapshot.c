/*
 * snapshot.c - the state blob writer and reader (see snapshot.h).  Used by the
 * operators' snapshot/restore entries, the source and sink positions and the
 * checkpoint driver in engine/weir.c.
 */
#include "snapshot.h"

#include <stdlib.h>
#include <string.h>

void snap_writer_init(SnapWriter *w) { memset(w, 0, sizeof *w); }

void snap_writer_reset(SnapWriter *w)
{
    w->len = 0;
    w->oom = false;
}

void snap_writer_free(SnapWriter *w)
{
    free(w->data);
    memset(w, 0, sizeof *w);
}

/* Makes room for n more bytes; false (and oom set) when memory ran out. */
static bool reserve(SnapWriter *w, size_t n)
{
    if (w->oom) return false;
    if (w->len + n <= w->cap) return true;
    size_t cap = w->cap ? w->cap : 4096;
    while (cap < w->len + n) cap *= 2;
    unsigned char *p = realloc(w->data, cap);
    if (!p) {
        w->oom = true;
        return false;
    }
    w->data = p;
    w->cap = cap;
    return true;
}

void snap_put_bytes(SnapWriter *w, const void *p, size_t n)
{
    if (!n || !reserve(w, n)) return;
    memcpy(w->data + w->len, p, n);
    w->len += n;
}

void snap_put_u8(SnapWriter *w, uint8_t v) { snap_put_bytes(w, &v, 1); }

void snap_put_u32(SnapWriter *w, uint32_t v)
{
    unsigned char b[4];
    for (int i = 0; i < 4; i++) b[i] = (unsigned char)(v >> (8 * i));
    snap_put_bytes(w, b, 4);
}

void snap_put_i64(SnapWriter *w, int64_t v)
{
    unsigned char b[8];
    uint64_t u = (uint64_t)v;
    for (int i = 0; i < 8; i++) b[i] = (unsigned char)(u >> (8 * i));
    snap_put_bytes(w, b, 8);
}

void snap_put_f64(SnapWriter *w, double v)
{
    int64_t bits;
    memcpy(&bits, &v, 8);
    snap_put_i64(w, bits);
}

void snap_put_str(SnapWriter *w, const char *s, size_t n)
{
    snap_put_u32(w, (uint32_t)n);
    snap_put_bytes(w, s, n);
}

void snap_put_value(SnapWriter *w, TypeId t, const Value *v)
{
    snap_put_u8(w, v->null ? 1 : 0);
    if (v->null) return;
    if (t == TYPE_VARCHAR) snap_put_str(w, v->u.s, v->len);
    else snap_put_i64(w, v->u.i);   /* a DOUBLE's bits as well */
}

void snap_groups_init(SnapGroups *g)
{
    for (int i = 0; i < GK_GROUPS; i++) snap_writer_init(&g->blob[i]);
    gk_set_clear(&g->written);
}

void snap_groups_reset(SnapGroups *g)
{
    for (int i = 0; i < GK_GROUPS; i++) snap_writer_reset(&g->blob[i]);
    gk_set_clear(&g->written);
}

void snap_groups_free(SnapGroups *g)
{
    for (int i = 0; i < GK_GROUPS; i++) snap_writer_free(&g->blob[i]);
    gk_set_clear(&g->written);
}

bool snap_groups_oom(const SnapGroups *g)
{
    for (int i = 0; i < GK_GROUPS; i++)
        if (g->blob[i].oom) return true;
    return false;
}

void snap_reader_init(SnapReader *r, const void *data, size_t len)
{
    r->data = data;
    r->len = data ? len : 0;
    r->pos = 0;
    r->bad = false;
}

/* The next n bytes, or NULL (and bad set) when fewer are left. */
static const unsigned char *take(SnapReader *r, size_t n)
{
    if (r->bad || r->len - r->pos < n) {
        r->bad = true;
        return NULL;
    }
    const unsigned char *p = r->data + r->pos;
    r->pos += n;
    return p;
}

uint8_t snap_get_u8(SnapReader *r)
{
    const unsigned char *p = take(r, 1);
    return p ? p[0] : 0;
}

uint32_t snap_get_u32(SnapReader *r)
{
    const unsigned char *p = take(r, 4);
    if (!p) return 0;
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) v |= (uint32_t)p[i] << (8 * i);
    return v;
}

int64_t snap_get_i64(SnapReader *r)
{
    const unsigned char *p = take(r, 8);
    if (!p) return 0;
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) v |= (uint64_t)p[i] << (8 * i);
    return (int64_t)v;
}

double snap_get_f64(SnapReader *r)
{
    int64_t bits = snap_get_i64(r);
    double d;
    memcpy(&d, &bits, 8);
    return d;
}

void snap_get_bytes(SnapReader *r, void *dst, size_t n)
{
    const unsigned char *p = take(r, n);
    if (p) memcpy(dst, p, n);
    else if (n) memset(dst, 0, n);
}

const char *snap_get_str(SnapReader *r, uint32_t *n)
{
    uint32_t len = snap_get_u32(r);
    const unsigned char *p = take(r, len);
    *n = p ? len : 0;
    return p ? (const char *)p : NULL;
}

void snap_get_value(SnapReader *r, TypeId t, Value *v)
{
    memset(v, 0, sizeof *v);
    uint8_t null = snap_get_u8(r);
    if (null > 1) r->bad = true;
    if (null || r->bad) {
        v->null = 1;
        return;
    }
    if (t == TYPE_VARCHAR) {
        uint32_t n;
        const char *s = snap_get_str(r, &n);
        v->u.s = s ? s : "";
        v->len = n;
    } else {
        v->u.i = snap_get_i64(r);
    }
}

uint64_t snap_hash(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}
