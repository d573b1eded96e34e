/*
 * agg.c - COUNT, COUNT(DISTINCT), SUM, AVG, MIN, MAX (see agg.h).
 *
 * SUM over integers stays an exact int64 and never wraps: an addition (or a
 * merge of slices) whose result would leave BIGINT is refused with AGG_OVERFLOW
 * and the operator stops the query with a data error naming the aggregate (the
 * rows are valid, so on_error does not apply: dropping one would silently change
 * the total).  AVG over integers keeps the exact int64 sum while it fits and
 * switches to a DOUBLE sum when it would not (marked by a negative n, so the
 * 16-byte state and its checkpoint layout stay as they are); SUM and AVG over
 * DOUBLE add doubles in input order.  A SUM, AVG, MIN or MAX that saw no non-NULL value is NULL; COUNT
 * is 0.  COUNT(DISTINCT x) keeps the distinct values in a small open-addressing
 * set (strings copied), so the answer is exact.
 */
#include "agg.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "expr.h"
#include "weir.h"

/* ---- the set behind COUNT(DISTINCT) ------------------------------------ */

typedef struct DistinctSet {
    uint32_t n, cap;      /* cap is a power of two */
    Value *slots;         /* len field doubles as "occupied" marker via null = 2 for empty */
} DistinctSet;

#define SLOT_EMPTY 2

static DistinctSet *dset_new(void)
{
    DistinctSet *s = malloc(sizeof *s);
    if (!s) return NULL;
    s->n = 0;
    s->cap = 8;
    s->slots = malloc(s->cap * sizeof(Value));
    if (!s->slots) {
        free(s);
        return NULL;
    }
    for (uint32_t i = 0; i < s->cap; i++) s->slots[i].null = SLOT_EMPTY;
    return s;
}

static void dset_free(TypeId t, DistinctSet *s)
{
    if (!s) return;
    if (t == TYPE_VARCHAR)
        for (uint32_t i = 0; i < s->cap; i++)
            if (s->slots[i].null != SLOT_EMPTY) free((char *)s->slots[i].u.s);
    free(s->slots);
    free(s);
}

static int dset_insert_owned(TypeId t, DistinctSet *s, const Value *v, int copy);

static int dset_grow(TypeId t, DistinctSet *s)
{
    Value *old = s->slots;
    uint32_t oldcap = s->cap;
    s->cap *= 2;
    s->slots = malloc(s->cap * sizeof(Value));
    if (!s->slots) {
        s->slots = old;
        s->cap = oldcap;
        return -1;
    }
    for (uint32_t i = 0; i < s->cap; i++) s->slots[i].null = SLOT_EMPTY;
    s->n = 0;
    for (uint32_t i = 0; i < oldcap; i++)
        if (old[i].null != SLOT_EMPTY) dset_insert_owned(t, s, &old[i], 0);
    free(old);
    return 0;
}

/* Inserts v unless present; copy = 1 copies string bytes (else takes them). */
static int dset_insert_owned(TypeId t, DistinctSet *s, const Value *v, int copy)
{
    if ((s->n + 1) * 2 > s->cap && dset_grow(t, s)) return -1;
    uint32_t mask = s->cap - 1, i = (uint32_t)value_hash(t, v) & mask;
    while (s->slots[i].null != SLOT_EMPTY) {
        if (value_group_equal(t, &s->slots[i], v)) return 0;
        i = (i + 1) & mask;
    }
    Value nv = *v;
    if (t == TYPE_VARCHAR && copy) {
        char *p = malloc(v->len ? v->len : 1);
        if (!p) return -1;
        if (v->len) memcpy(p, v->u.s, v->len);
        nv.u.s = p;
    }
    nv.null = 0;
    s->slots[i] = nv;
    s->n++;
    return 0;
}

/* ---- aggregates ---------------------------------------------------------- */

TypeId agg_result_type(AggKind k, TypeId arg)
{
    switch (k) {
    case AGG_COUNT_STAR:
    case AGG_COUNT:
    case AGG_COUNT_DISTINCT: return TYPE_BIGINT;
    case AGG_SUM: return arg == TYPE_DOUBLE ? TYPE_DOUBLE : TYPE_BIGINT;
    case AGG_AVG: return TYPE_DOUBLE;
    case AGG_MIN:
    case AGG_MAX: return arg;
    }
    return TYPE_NULL;
}

const char *agg_name(AggKind k)
{
    static const char *const names[] = {"COUNT(*)", "COUNT", "COUNT DISTINCT", "SUM", "AVG", "MIN", "MAX"};
    return names[k];
}

void agg_init(const AggSpec *s, AggState *st)
{
    memset(st, 0, sizeof *st);
    if ((s->kind == AGG_MIN || s->kind == AGG_MAX) && s->arg_type == TYPE_VARCHAR) st->n = -1;
}

static int minmax_take(const AggSpec *s, AggState *st, const Value *v)
{
    if (s->arg_type == TYPE_VARCHAR) {
        if (st->n >= 0) {
            Value cur = {.u.s = st->v.s, .len = (uint32_t)st->n};
            int c = value_compare(TYPE_VARCHAR, v, &cur);
            if (s->kind == AGG_MIN ? c >= 0 : c <= 0) return 0;
        }
        char *p = realloc(st->v.s, v->len ? v->len : 1);
        if (!p) return -1;
        if (v->len) memcpy(p, v->u.s, v->len);
        st->v.s = p;
        st->n = v->len;
        return 0;
    }
    if (st->n) {
        Value cur;
        cur.u.i = st->v.i;
        int c = value_compare(s->arg_type, v, &cur);
        if (s->kind == AGG_MIN ? c >= 0 : c <= 0) return 0;
    }
    st->v.i = v->u.i; /* copies the double's bits as well */
    st->n = 1;
    return 0;
}

/* AVG over integers: n >= 0 is the count with v.i the exact sum; n < 0 is
 * minus the count with v.d a DOUBLE sum (once the exact one would overflow). */
static inline int64_t avg_count(const AggState *st) { return st->n < 0 ? -st->n : st->n; }

static void avg_to_double(AggState *st)
{
    if (st->n > 0) {
        st->v.d = (double)st->v.i;
        st->n = -st->n;
    }
}

/* Adds sum (of cnt rows) to an integer AVG state. */
static void avg_add(AggState *st, int64_t sum, int64_t cnt)
{
    int64_t r;
    if (st->n >= 0 && !__builtin_add_overflow(st->v.i, sum, &r)) {
        st->v.i = r;
        st->n += cnt;
        return;
    }
    avg_to_double(st); /* n > 0 here: adding to an empty state cannot overflow */
    st->v.d += (double)sum;
    st->n -= cnt;
}

int agg_error(const AggSpec *s, int rc, WeirError *err)
{
    if (rc == AGG_OVERFLOW)
        return err_set(err, WEIR_DATA, "integer overflow: %s is out of range for BIGINT",
                       s->sql ? s->sql : agg_name(s->kind));
    return err_set(err, WEIR_NOMEM, "out of memory");
}

int agg_add(const AggSpec *s, AggState *st, const Value *arg)
{
    if (s->kind == AGG_COUNT_STAR) {
        st->n++;
        return 0;
    }
    if (arg->null) return 0;
    switch (s->kind) {
    case AGG_COUNT: st->n++; return 0;
    case AGG_SUM:
        if (s->arg_type == TYPE_DOUBLE) st->v.d += arg->u.d;
        else {
            int64_t r;
            if (__builtin_add_overflow(st->v.i, arg->u.i, &r)) return AGG_OVERFLOW; /* state unchanged */
            st->v.i = r;
        }
        st->n++;
        return 0;
    case AGG_AVG:
        if (s->arg_type == TYPE_DOUBLE) {
            st->v.d += arg->u.d;
            st->n++;
        } else {
            avg_add(st, arg->u.i, 1);
        }
        return 0;
    case AGG_MIN:
    case AGG_MAX: return minmax_take(s, st, arg);
    case AGG_COUNT_DISTINCT:
        if (!st->v.set && !(st->v.set = dset_new())) return -1;
        return dset_insert_owned(s->arg_type, st->v.set, arg, 1);
    default: return 0;
    }
}

int agg_merge(const AggSpec *s, AggState *dst, const AggState *src)
{
    switch (s->kind) {
    case AGG_COUNT_STAR:
    case AGG_COUNT: dst->n += src->n; return 0;
    case AGG_SUM: {
        int64_t r;
        if (s->arg_type == TYPE_DOUBLE) dst->v.d += src->v.d;
        else if (__builtin_add_overflow(dst->v.i, src->v.i, &r)) return AGG_OVERFLOW;
        else dst->v.i = r;
        dst->n += src->n;
        return 0;
    }
    case AGG_AVG:
        if (s->arg_type == TYPE_DOUBLE) {
            dst->v.d += src->v.d;
            dst->n += src->n;
        } else if (src->n >= 0) {
            avg_add(dst, src->v.i, src->n);
        } else {
            avg_to_double(dst);
            dst->v.d += src->v.d;
            dst->n -= avg_count(src);
        }
        return 0;
    case AGG_MIN:
    case AGG_MAX: {
        Value v;
        agg_result(s, src, &v);
        return v.null ? 0 : minmax_take(s, dst, &v);
    }
    case AGG_COUNT_DISTINCT: {
        DistinctSet *from = src->v.set;
        if (!from) return 0;
        if (!dst->v.set && !(dst->v.set = dset_new())) return -1;
        for (uint32_t i = 0; i < from->cap; i++)
            if (from->slots[i].null != SLOT_EMPTY &&
                dset_insert_owned(s->arg_type, dst->v.set, &from->slots[i], 1))
                return -1;
        return 0;
    }
    }
    return 0;
}

void agg_result(const AggSpec *s, const AggState *st, Value *out)
{
    memset(out, 0, sizeof *out);
    switch (s->kind) {
    case AGG_COUNT_STAR:
    case AGG_COUNT: out->u.i = st->n; return;
    case AGG_COUNT_DISTINCT: out->u.i = st->v.set ? ((DistinctSet *)st->v.set)->n : 0; return;
    case AGG_SUM:
        if (!st->n) out->null = 1;
        else out->u.i = st->v.i; /* the double's bits for DOUBLE sums */
        return;
    case AGG_AVG:
        if (!st->n) out->null = 1;
        else if (s->arg_type == TYPE_DOUBLE) out->u.d = st->v.d / (double)st->n;
        else out->u.d = (st->n < 0 ? st->v.d : (double)st->v.i) / (double)avg_count(st);
        return;
    case AGG_MIN:
    case AGG_MAX:
        if (s->arg_type == TYPE_VARCHAR) {
            if (st->n < 0) out->null = 1;
            else {
                out->u.s = st->v.s;
                out->len = (uint32_t)st->n;
            }
        } else if (!st->n) {
            out->null = 1;
        } else {
            out->u.i = st->v.i;
        }
        return;
    }
}

void agg_free(const AggSpec *s, AggState *st)
{
    if (s->kind == AGG_COUNT_DISTINCT) dset_free(s->arg_type, st->v.set);
    else if ((s->kind == AGG_MIN || s->kind == AGG_MAX) && s->arg_type == TYPE_VARCHAR) free(st->v.s);
    memset(st, 0, sizeof *st);
}

/* ---- checkpoints ---------------------------------------------------------- */

#include "snapshot.h"

void agg_snapshot(const AggSpec *s, const AggState *st, SnapWriter *w)
{
    if (s->kind == AGG_COUNT_DISTINCT) {
        const DistinctSet *set = st->v.set;
        snap_put_u32(w, set ? set->n : 0);
        if (set)
            for (uint32_t i = 0; i < set->cap; i++)
                if (set->slots[i].null != SLOT_EMPTY) {
                    Value v = set->slots[i];
                    v.null = 0;
                    snap_put_value(w, s->arg_type, &v);
                }
        return;
    }
    snap_put_i64(w, st->n);
    if ((s->kind == AGG_MIN || s->kind == AGG_MAX) && s->arg_type == TYPE_VARCHAR) {
        if (st->n > 0) snap_put_bytes(w, st->v.s, (size_t)st->n);
        return;
    }
    snap_put_i64(w, st->v.i);   /* the double's bits as well */
}

int agg_restore(const AggSpec *s, AggState *st, SnapReader *r)
{
    if (s->kind == AGG_COUNT_DISTINCT) {
        uint32_t n = snap_get_u32(r);
        if (n > r->len - r->pos) r->bad = true;   /* each value takes at least a byte */
        for (uint32_t i = 0; i < n && snap_ok(r); i++) {
            Value v;
            snap_get_value(r, s->arg_type, &v);
            if (snap_ok(r) && agg_add(s, st, &v)) return -1;
        }
        return 0;
    }
    st->n = snap_get_i64(r);
    if ((s->kind == AGG_MIN || s->kind == AGG_MAX) && s->arg_type == TYPE_VARCHAR) {
        if (st->n < -1 || st->n > (int64_t)(r->len - r->pos)) {
            r->bad = true;
            st->n = -1;
            return 0;
        }
        if (st->n >= 0) {
            char *p = malloc(st->n ? (size_t)st->n : 1);
            if (!p) {
                st->n = -1;
                return -1;
            }
            snap_get_bytes(r, p, (size_t)st->n);
            st->v.s = p;
        }
        return 0;
    }
    st->v.i = snap_get_i64(r);
    return 0;
}
