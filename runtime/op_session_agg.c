/*
 * op_session_agg.c - SESSION windows: per key, rows less than `gap` apart chain
 * into one window [first, last + gap).
 *
 * Per key the operator keeps its open sessions sorted by start, never
 * overlapping.  A row at t brings the interval [t, t + gap); every open session
 * of its key that overlaps it merges with it (so a late row can join two
 * sessions into one).  If the merged interval ends at or before the watermark,
 * those windows have fired: the row is late, dropped and counted, and nothing
 * merges.  A session fires when the watermark reaches its end.
 *
 * Finding what to fire: every time a session gets a new end, (end, key) goes on
 * a min-heap.  Popping the heap up to the watermark yields candidates; a
 * candidate whose key has no session with exactly that end any more (it grew or
 * merged) is stale and skipped.  Sessions that fire together are emitted
 * ordered by (end, key).
 *
 * Memory: a key's entry and its key strings (one malloc per key) live while it
 * has open sessions; sessions live in a per-key array.
 *
 * Checkpoints: the global part is W; keys and their sessions go by key group
 * (the entry hash is the key's gk_hash), one blob per group changed since
 * the last committed checkpoint: a row that changes a key's sessions marks its
 * group, and so does a session that fires and is freed.  Timers are not
 * saved: restore rebuilds them from the sessions' ends.
 */
#include <stdlib.h>
#include <string.h>

#include "groupkey.h"
#include "keytab.h"
#include "ops.h"
#include "weir.h"

typedef struct Session {
    int64_t start, end;
    int64_t fired;        /* set while the session is being emitted */
    int64_t pad;
    /* AggState aggs[naggs] follow */
} Session;

typedef struct SessKey {
    char *text;           /* owned copy of the key's strings */
    unsigned char *sess;  /* nsess sessions of sess_size bytes, sorted by start */
    int nsess, cap;
    Value keys[];         /* nkeys */
} SessKey;

typedef struct Timer {
    int64_t end;
    uint32_t key;         /* KeyTab index */
} Timer;

typedef struct Fired {
    int64_t start, end;
    uint32_t key;         /* KeyTab index */
    int sess;             /* index in the key's session array */
} Fired;

typedef struct SessAgg {
    Operator base;
    int64_t gap;
    bool proctime;
    int nkeys, naggs;
    const TypeId *key_types;
    const AggSpec *aggs;
    size_t sess_size;
    KeyTab tab;
    Timer *heap;
    size_t nheap, cap_heap;
    Fired *fired;
    size_t nfired, cap_fired;
    int64_t wm;
    Batch out;
} SessAgg;

static inline SessKey *key_at(const SessAgg *sa, uint32_t idx) { return kt_payload(&sa->tab, idx); }
static inline Session *sess_at(const SessAgg *sa, SessKey *k, int i)
{
    return (Session *)(k->sess + (size_t)i * sa->sess_size);
}
static inline AggState *sess_aggs(Session *s) { return (AggState *)(s + 1); }

/* ---- the timer heap ----------------------------------------------------- */

static int heap_push(SessAgg *sa, int64_t end, uint32_t key)
{
    if (sa->nheap == sa->cap_heap) {
        size_t cap = sa->cap_heap ? sa->cap_heap * 2 : 256;
        Timer *p = realloc(sa->heap, cap * sizeof *p);
        if (!p) return -1;
        sa->heap = p;
        sa->cap_heap = cap;
    }
    size_t i = sa->nheap++;
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (sa->heap[parent].end <= end) break;
        sa->heap[i] = sa->heap[parent];
        i = parent;
    }
    sa->heap[i] = (Timer){end, key};
    return 0;
}

static Timer heap_pop(SessAgg *sa)
{
    Timer top = sa->heap[0], last = sa->heap[--sa->nheap];
    size_t i = 0, n = sa->nheap;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && sa->heap[c + 1].end < sa->heap[c].end) c++;
        if (sa->heap[c].end >= last.end) break;
        sa->heap[i] = sa->heap[c];
        i = c;
    }
    if (n) sa->heap[i] = last;
    return top;
}

/* ---- rows in ------------------------------------------------------------ */

static uint32_t find_or_add_key(SessAgg *sa, const Value *key, int *err)
{
    uint64_t h = gk_hash(key, sa->key_types, sa->nkeys);
    KeyTab *tab = &sa->tab;
    for (uint32_t i = kt_first(tab, h); tab->slots[i]; i = kt_next(tab, i)) {
        uint32_t cand = tab->slots[i];
        if (kt_entry(tab, cand)->hash == h && gk_equal(key_at(sa, cand)->keys, key, sa->key_types, sa->nkeys))
            return cand;
    }
    uint32_t idx = kt_insert(tab, h);
    if (!idx) return *err = 1, 0;
    SessKey *k = key_at(sa, idx);
    size_t tlen = gk_text_bytes(key, sa->key_types, sa->nkeys);
    memcpy(k->keys, key, (size_t)sa->nkeys * sizeof(Value));
    if (tlen) {
        if (!(k->text = malloc(tlen))) return *err = 1, 0;
        char *p = k->text;
        for (int c = 0; c < sa->nkeys; c++) {
            if (sa->key_types[c] != TYPE_VARCHAR || key[c].null || !key[c].len) continue;
            memcpy(p, key[c].u.s, key[c].len);
            k->keys[c].u.s = p;
            p += key[c].len;
        }
    }
    return idx;
}

static void key_release(SessAgg *sa, uint32_t idx)
{
    SessKey *k = key_at(sa, idx);
    free(k->text);
    free(k->sess);
    kt_remove(&sa->tab, idx);
}

static int add_row(SessAgg *sa, const Value *row)
{
    ExecState *ex = sa->base.exec;
    if (row[0].null) {
        ex->late++;
        return WEIR_OK;
    }
    /* t is a TIMESTAMP (years 0000..9999) and the gap a bounded literal, so
     * t + gap fits; saturated all the same, so no input can overflow it */
    int64_t t = row[0].u.i, lo = t, hi = ts_add_sat(t, sa->gap);
    int oom = 0;
    uint32_t kidx = find_or_add_key(sa, row + 1, &oom);
    if (oom) return err_set(ex->err, WEIR_NOMEM, "out of memory");
    SessKey *k = key_at(sa, kidx);
    /* Sessions overlapping [t, t+gap) form a contiguous run [first, last]. */
    int first = 0;
    while (first < k->nsess && sess_at(sa, k, first)->end <= t) first++;
    int last = first;
    while (last < k->nsess && sess_at(sa, k, last)->start < hi) last++;
    last--; /* run is [first, last]; empty when last < first */
    if (last >= first) {
        if (sess_at(sa, k, first)->start < lo) lo = sess_at(sa, k, first)->start;
        if (sess_at(sa, k, last)->end > hi) hi = sess_at(sa, k, last)->end;
    }
    if (sa->wm != TS_MIN && hi <= sa->wm) {
        ex->late++;
        if (k->nsess == 0) key_release(sa, kidx);
        return WEIR_OK;
    }
    gk_set_add(&sa->base.dirty, gk_group(kt_entry(&sa->tab, kidx)->hash));
    Session *s;
    if (last >= first) {
        s = sess_at(sa, k, first);
        for (int j = first + 1; j <= last; j++) {
            Session *o = sess_at(sa, k, j);
            for (int a = 0; a < sa->naggs; a++) {
                int arc = agg_merge(&sa->aggs[a], &sess_aggs(s)[a], &sess_aggs(o)[a]);
                if (arc) return agg_error(&sa->aggs[a], arc, ex->err);
                agg_free(&sa->aggs[a], &sess_aggs(o)[a]);
            }
        }
        int removed = last - first;
        if (removed) {
            memmove(sess_at(sa, k, first + 1), sess_at(sa, k, last + 1),
                    (size_t)(k->nsess - last - 1) * sa->sess_size);
            k->nsess -= removed;
        }
    } else {
        if (k->nsess == k->cap) {
            int cap = k->cap ? k->cap * 2 : 2;
            unsigned char *p = realloc(k->sess, (size_t)cap * sa->sess_size);
            if (!p) return err_set(ex->err, WEIR_NOMEM, "out of memory");
            k->sess = p;
            k->cap = cap;
        }
        memmove(sess_at(sa, k, first + 1), sess_at(sa, k, first), (size_t)(k->nsess - first) * sa->sess_size);
        k->nsess++;
        s = sess_at(sa, k, first);
        s->fired = 0;
        for (int a = 0; a < sa->naggs; a++) agg_init(&sa->aggs[a], &sess_aggs(s)[a]);
    }
    int64_t old_end = (last >= first) ? s->end : TS_MIN;
    s->start = lo;
    s->end = hi;
    for (int a = 0; a < sa->naggs; a++) {
        int arc = agg_add(&sa->aggs[a], &sess_aggs(s)[a], &row[sa->aggs[a].arg_col]);
        if (arc) return agg_error(&sa->aggs[a], arc, ex->err);
    }
    if (hi != old_end && heap_push(sa, hi, kidx)) return err_set(ex->err, WEIR_NOMEM, "out of memory");
    return WEIR_OK;
}

/* ---- firing ------------------------------------------------------------- */

static int cmp_fired(const void *x, const void *y, void *arg)
{
    const SessAgg *sa = arg;
    const Fired *a = x, *b = y;
    if (a->end != b->end) return a->end < b->end ? -1 : 1;
    int c = gk_compare(key_at(sa, a->key)->keys, key_at(sa, b->key)->keys, sa->key_types, sa->nkeys);
    if (c) return c;
    return a->start < b->start ? -1 : a->start > b->start;
}

static int advance(SessAgg *sa, int64_t w1)
{
    if (w1 <= sa->wm) return WEIR_OK;
    sa->wm = w1;
    sa->nfired = 0;
    while (sa->nheap && sa->heap[0].end <= w1) {
        Timer tm = heap_pop(sa);
        SessKey *k = key_at(sa, tm.key);
        if (!kt_entry(&sa->tab, tm.key)->live) continue;
        for (int i = 0; i < k->nsess; i++) {
            Session *s = sess_at(sa, k, i);
            if (s->end != tm.end || s->fired) continue;
            s->fired = 1;   /* a second timer with the same end finds it taken */
            if (sa->nfired == sa->cap_fired) {
                size_t cap = sa->cap_fired ? sa->cap_fired * 2 : 256;
                Fired *p = realloc(sa->fired, cap * sizeof *p);
                if (!p) return err_set(sa->base.exec->err, WEIR_NOMEM, "out of memory");
                sa->fired = p;
                sa->cap_fired = cap;
            }
            sa->fired[sa->nfired++] = (Fired){s->start, s->end, tm.key, i};
            break;
        }
    }
    if (!sa->nfired) return WEIR_OK;
    qsort_r(sa->fired, sa->nfired, sizeof(Fired), cmp_fired, sa);
    Batch *out = &sa->out;
    int rc = WEIR_OK;
    for (size_t f = 0; f < sa->nfired && !rc; f++) {
        Fired *fd = &sa->fired[f];
        SessKey *k = key_at(sa, fd->key);
        Session *s = sess_at(sa, k, fd->sess);
        Value *row = batch_row(out, out->nrows);
        memset(row, 0, 3 * sizeof(Value));
        row[0].u.i = s->start;
        row[1].u.i = s->end;
        row[2].u.i = s->end - 1;
        memcpy(row + 3, k->keys, (size_t)sa->nkeys * sizeof(Value));
        for (int a = 0; a < sa->naggs; a++) agg_result(&sa->aggs[a], &sess_aggs(s)[a], &row[3 + sa->nkeys + a]);
        out->wm[out->nrows] = out->wm_prev[out->nrows] = w1;
        out->pos[out->nrows] = 0;
        if (++out->nrows == out->cap) rc = op_emit_flush(&sa->base, out);
    }
    if (!rc) rc = op_emit_flush(&sa->base, out);
    /* Free what fired: sessions with end <= w1 of every key that fired. */
    for (size_t f = 0; f < sa->nfired; f++) {
        uint32_t kidx = sa->fired[f].key;
        if (!kt_entry(&sa->tab, kidx)->live) continue;
        gk_set_add(&sa->base.dirty, gk_group(kt_entry(&sa->tab, kidx)->hash));
        SessKey *k = key_at(sa, kidx);
        int keep = 0;
        for (int i = 0; i < k->nsess; i++) {
            Session *s = sess_at(sa, k, i);
            if (s->end <= w1) {
                for (int a = 0; a < sa->naggs; a++) agg_free(&sa->aggs[a], &sess_aggs(s)[a]);
            } else {
                if (keep != i) memmove(sess_at(sa, k, keep), s, sa->sess_size);
                keep++;
            }
        }
        k->nsess = keep;
        if (!keep) key_release(sa, kidx);
    }
    return rc;
}

static int sess_push(Operator *op, Batch *in)
{
    SessAgg *sa = (SessAgg *)op;
    for (int r = 0; r < in->nrows; r++) {
        const Value *row = batch_row(in, r);
        int rc;
        /* Rows dropped before this one (by WHERE) may have moved time on. */
        if (in->wm_prev[r] > sa->wm && !sa->proctime && (rc = advance(sa, in->wm_prev[r]))) return rc;
        rc = add_row(sa, row);
        if (rc) return rc;
        int64_t w = in->wm[r];
        if (sa->proctime) w = row[0].null ? sa->wm : row[0].u.i;
        if (w > sa->wm && (rc = advance(sa, w))) return rc;
    }
    return WEIR_OK;
}

static int sess_watermark(Operator *op, int64_t wm)
{
    int rc = advance((SessAgg *)op, wm);
    return rc ? rc : op_forward_watermark(op, wm);
}

static int sess_finish(Operator *op)
{
    int rc = advance((SessAgg *)op, TS_MAX);
    return rc ? rc : op_forward_finish(op);
}

static void sess_close(Operator *op)
{
    SessAgg *sa = (SessAgg *)op;
    for (uint32_t idx = 1; idx <= sa->tab.nentries; idx++) {
        if (!kt_entry(&sa->tab, idx)->live) continue;
        SessKey *k = key_at(sa, idx);
        for (int i = 0; i < k->nsess; i++)
            for (int a = 0; a < sa->naggs; a++) agg_free(&sa->aggs[a], &sess_aggs(sess_at(sa, k, i))[a]);
        free(k->text);
        free(k->sess);
    }
    kt_free(&sa->tab);
    free(sa->heap);
    free(sa->fired);
    batch_free(&sa->out);
    free(sa);
}

static int sess_snapshot(Operator *op, struct SnapWriter *w);
static int sess_restore(Operator *op, struct SnapReader *r);
static int sess_snapshot_groups(Operator *op, struct SnapGroups *out);
static int sess_restore_group(Operator *op, int group, struct SnapReader *r);

static const OpVtab sess_vtab = {"SessionAggregate", sess_push, sess_watermark, sess_finish, sess_close,
                          sess_snapshot, sess_restore, sess_snapshot_groups, sess_restore_group};

Operator *op_session_agg_new(ExecState *ex, const WindowSpec *w, int nkeys, const TypeId *key_types,
                             int naggs, const AggSpec *aggs, const TypeId *out_types)
{
    SessAgg *sa = calloc(1, sizeof *sa);
    if (!sa) return NULL;
    sa->base.vt = &sess_vtab;
    sa->base.exec = ex;
    sa->base.ncols = 3 + nkeys + naggs;
    sa->base.types = out_types;
    sa->gap = w->gap;
    sa->proctime = w->proctime;
    sa->nkeys = nkeys;
    sa->naggs = naggs;
    sa->key_types = key_types;
    sa->aggs = aggs;
    sa->wm = TS_MIN;
    gk_set_fill(&sa->base.dirty);   /* the first checkpoint writes every group */
    sa->sess_size = sizeof(Session) + (size_t)naggs * sizeof(AggState);
    if (kt_init(&sa->tab, sizeof(SessKey) + (size_t)nkeys * sizeof(Value)) ||
        batch_init(&sa->out, sa->base.ncols, BATCH_ROWS)) {
        sess_close(&sa->base);
        return NULL;
    }
    return &sa->base;
}

/* ---- checkpoints ---------------------------------------------------------- */

#include "snapshot.h"

/* Global part: W. */
static int sess_snapshot(Operator *op, SnapWriter *w)
{
    snap_put_i64(w, ((SessAgg *)op)->wm);
    return w->oom ? err_set(op->exec->err, WEIR_NOMEM, "out of memory") : WEIR_OK;
}

static int sess_restore(Operator *op, SnapReader *r)
{
    SessAgg *sa = (SessAgg *)op;
    sa->wm = snap_get_i64(r);
    if (!snap_ok(r)) return err_set(op->exec->err, WEIR_IOERR, "damaged checkpoint: session state");
    gk_set_clear(&sa->base.dirty);   /* the store holds exactly this state */
    return WEIR_OK;
}


/* Per changed group, each key with open sessions: its values, the session
 * count, and each session's bounds and aggregate states. */
static int sess_snapshot_groups(Operator *op, SnapGroups *out)
{
    SessAgg *sa = (SessAgg *)op;
    const KeyTab *tab = &sa->tab;
    for (uint32_t idx = kt_next_in(tab, 0, &sa->base.dirty); idx; idx = kt_next_in(tab, idx, &sa->base.dirty)) {
        SnapWriter *w = &out->blob[gk_group(kt_entry(tab, idx)->hash)];
        SessKey *k = key_at(sa, idx);
        for (int c = 0; c < sa->nkeys; c++) snap_put_value(w, sa->key_types[c], &k->keys[c]);
        snap_put_u32(w, (uint32_t)k->nsess);
        for (int i = 0; i < k->nsess; i++) {
            Session *s = sess_at(sa, k, i);
            snap_put_i64(w, s->start);
            snap_put_i64(w, s->end);
            for (int a = 0; a < sa->naggs; a++) agg_snapshot(&sa->aggs[a], &sess_aggs(s)[a], w);
        }
    }
    out->written = sa->base.dirty;
    return snap_groups_oom(out) ? err_set(op->exec->err, WEIR_NOMEM, "out of memory") : WEIR_OK;
}

static int sess_restore_group(Operator *op, int group, SnapReader *r)
{
    SessAgg *sa = (SessAgg *)op;
    ExecState *ex = op->exec;
    Value *key = calloc((size_t)sa->nkeys + 1, sizeof(Value));
    if (!key) return err_set(ex->err, WEIR_NOMEM, "out of memory");
    int rc = WEIR_OK;
    while (!rc && snap_ok(r) && r->pos < r->len) {
        for (int c = 0; c < sa->nkeys; c++) snap_get_value(r, sa->key_types[c], &key[c]);
        uint32_t nsess = snap_get_u32(r);
        if (!snap_ok(r) || nsess == 0 || nsess > r->len - r->pos ||
            (int)gk_group(gk_hash(key, sa->key_types, sa->nkeys)) != group) {
            r->bad = true;
            break;
        }
        int oom = 0;
        uint32_t kidx = find_or_add_key(sa, key, &oom);
        SessKey *k = oom ? NULL : key_at(sa, kidx);
        if (k && k->nsess) r->bad = true;   /* the same key twice */
        if (k && !k->nsess && !(k->sess = malloc((size_t)nsess * sa->sess_size))) oom = 1;
        if (oom) {
            rc = err_set(ex->err, WEIR_NOMEM, "out of memory");
            break;
        }
        if (!snap_ok(r)) break;
        k->cap = (int)nsess;
        for (uint32_t i = 0; i < nsess && !rc && snap_ok(r); i++) {
            Session *s = sess_at(sa, k, (int)i);
            memset(s, 0, sizeof *s);
            s->start = snap_get_i64(r);
            s->end = snap_get_i64(r);
            for (int a = 0; a < sa->naggs; a++) agg_init(&sa->aggs[a], &sess_aggs(s)[a]);
            k->nsess++;
            for (int a = 0; a < sa->naggs && !rc; a++)
                if (agg_restore(&sa->aggs[a], &sess_aggs(s)[a], r)) rc = err_set(ex->err, WEIR_NOMEM, "out of memory");
            if (!rc && heap_push(sa, s->end, kidx)) rc = err_set(ex->err, WEIR_NOMEM, "out of memory");
        }
    }
    free(key);
    if (!rc && !snap_ok(r)) rc = err_set(ex->err, WEIR_IOERR, "damaged checkpoint: session state (key group %d)", group);
    return rc;
}
