/*
 * op_window_agg.c - TUMBLE, HOP and CUMULATE aggregates, computed over slices.
 *
 * The idea (as in the fastest streaming engines): cut time into slices of
 * length g - TUMBLE: the size; HOP: gcd(size, slide); CUMULATE: the step - and
 * keep aggregate state per (slice, key).  Each row updates exactly one state,
 * however many windows it belongs to.  A window is a run of consecutive slices:
 * when the watermark passes its end, its result per key is the merge of its
 * slices' states (TUMBLE: the one slice, read directly).
 *
 * Window ends lie on a lattice: e = off (mod period), period = size (TUMBLE),
 * slide (HOP) or step (CUMULATE), off = size mod slide for HOP and 0 otherwise.
 * For a slice [a, a+g):
 *   first window end  = the smallest lattice point >= a + g
 *   last window end   = TUMBLE a + size; HOP floor(a/slide)*slide + size;
 *                       CUMULATE floor(a/size)*size + size
 * A window with end e starts at e - size (CUMULATE: floor((e-1)/size)*size).
 *
 * Firing.  The operator's watermark W only grows.  A window has fired once
 * W >= its end, whether or not it held rows; so when W moves from W0 to W1 the
 * windows to emit are exactly those with end in (W0, W1] that contain a live
 * slice, taken in end order starting from the oldest slice.  A slice is freed
 * once W passes its last window end.  A row whose slice's last window has fired
 * is late: dropped and counted.  A row some of whose windows fired (HOP,
 * CUMULATE) still counts in the later ones.
 *
 * State: one KeyTab keyed by (slice end, key) with the key Values and the
 * AggStates inline; each slice chains its entries and owns an arena with their
 * key strings, freed with the slice.  Slices sit in an array sorted by end
 * (rows arrive nearly in order, so the newest slices are found first).
 *
 * Checkpoints: the global part is W and the slice ends; the entries go by the
 * key group of their key (an entry's hash keeps the key's group bits, so no
 * key is hashed again), one blob per group changed since the last committed
 * checkpoint.  A row marks its group; a slice dropped after firing marks the
 * group of each entry it frees (they are walked anyway), so after a window
 * fires exactly the groups that had rows in it are rewritten.
 */
#include <stdlib.h>
#include <string.h>

#include "groupkey.h"
#include "keytab.h"
#include "ops.h"
#include "weir.h"

typedef struct Slice {
    int64_t end;          /* slice covers [end - g, end) */
    uint32_t head;        /* first entry (KeyEntry.next chains the rest) */
    uint32_t count;
    Arena text;           /* key strings of the entries */
} Slice;

typedef struct WinAgg {
    Operator base;
    WindowSpec w;
    int64_t g;            /* slice length */
    int64_t period, off;  /* window-end lattice */
    int nkeys, naggs;
    const TypeId *key_types;
    const AggSpec *aggs;
    KeyTab tab;           /* (slice, key) -> [Value keys[nkeys], AggState aggs[naggs]] */
    Slice *slices;        /* sorted by end */
    int nslices, cap_slices;
    int64_t wm;           /* watermark (TS_MIN before the first) */
    int64_t next_fire;    /* no window fires before W reaches this */
    /* firing */
    KeyTab acc;           /* key -> merged states, for HOP/CUMULATE windows */
    uint32_t *order;      /* entry indexes being emitted */
    GkSortRec *recs;      /* the same with sort prefixes; then as many scratch records */
    uint32_t cap_order;
    Batch out;
} WinAgg;

/* Entry payload: the slice end, the key, the aggregate states. */
typedef struct WinEntry {
    int64_t slice_end;
    Value keys[];         /* nkeys Values, then naggs AggStates */
} WinEntry;

static inline WinEntry *entry_at(const KeyTab *t, uint32_t idx) { return kt_payload(t, idx); }
static inline AggState *entry_aggs(const WinAgg *wa, WinEntry *e) { return (AggState *)(e->keys + wa->nkeys); }

static int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
static int64_t floor_to(int64_t a, int64_t m) { return floor_div(a, m) * m; }

/* Times here are TIMESTAMPs (years 0000..9999), watermarks at most a bounded
 * interval below them, and sizes bounded literals, so nothing below can
 * overflow int64; the sums saturate all the same (ts_add_sat), so that no
 * input and no query can make one undefined. */

/* The smallest window end >= x on the lattice (TS_MAX when there is none
 * below it). */
static int64_t lattice_ceil(const WinAgg *wa, int64_t x)
{
    int64_t y;
    if (__builtin_sub_overflow(x, wa->off, &y) || __builtin_add_overflow(y, wa->period - 1, &y)) return TS_MAX;
    return ts_add_sat(wa->off, floor_div(y, wa->period) * wa->period);
}

static int64_t slice_last_end(const WinAgg *wa, int64_t slice_start)
{
    switch (wa->w.kind) {
    case WIN_HOP: return ts_add_sat(floor_to(slice_start, wa->w.slide), wa->w.size);
    case WIN_CUMULATE: return ts_add_sat(floor_to(slice_start, wa->w.size), wa->w.size);
    default: return ts_add_sat(slice_start, wa->w.size);
    }
}

static int64_t window_start(const WinAgg *wa, int64_t end)
{
    if (wa->w.kind == WIN_CUMULATE) return floor_to(end - 1, wa->w.size);
    return end - wa->w.size;
}

static int64_t gcd64(int64_t a, int64_t b)
{
    while (b) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* ---- slices ------------------------------------------------------------- */

/* Index of the slice with this end, or -(insertion point)-1. */
static int slice_find(const WinAgg *wa, int64_t end)
{
    int n = wa->nslices;
    if (n && wa->slices[n - 1].end == end) return n - 1;     /* the common case */
    if (!n || wa->slices[n - 1].end < end) return -n - 1;
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (wa->slices[mid].end < end) lo = mid + 1;
        else hi = mid;
    }
    if (lo < n && wa->slices[lo].end == end) return lo;
    return -lo - 1;
}

static int64_t next_window_end(const WinAgg *wa, int64_t done);

static Slice *slice_get(WinAgg *wa, int64_t end)
{
    int i = slice_find(wa, end);
    if (i >= 0) return &wa->slices[i];
    i = -i - 1;
    if (wa->nslices == wa->cap_slices) {
        int cap = wa->cap_slices ? wa->cap_slices * 2 : 16;
        Slice *p = realloc(wa->slices, (size_t)cap * sizeof *p);
        if (!p) return NULL;
        wa->slices = p;
        wa->cap_slices = cap;
    }
    memmove(&wa->slices[i + 1], &wa->slices[i], (size_t)(wa->nslices - i) * sizeof(Slice));
    wa->nslices++;
    Slice *s = &wa->slices[i];
    memset(s, 0, sizeof *s);
    s->end = end;
    arena_init(&s->text);
    if (i == 0) wa->next_fire = next_window_end(wa, wa->wm);
    return s;
}

/* Frees the oldest slice and its entries. */
static void slice_drop_first(WinAgg *wa)
{
    Slice *s = &wa->slices[0];
    uint32_t idx = s->head;
    while (idx) {
        KeyEntry *ke = kt_entry(&wa->tab, idx);
        uint32_t next = ke->next;
        gk_set_add(&wa->base.dirty, gk_group(ke->hash));
        AggState *st = entry_aggs(wa, entry_at(&wa->tab, idx));
        for (int a = 0; a < wa->naggs; a++) agg_free(&wa->aggs[a], &st[a]);
        kt_remove(&wa->tab, idx);
        idx = next;
    }
    arena_free(&s->text);
    wa->nslices--;
    memmove(&wa->slices[0], &wa->slices[1], (size_t)wa->nslices * sizeof(Slice));
}

/* ---- rows in ------------------------------------------------------------ */

/* The entry hash of (slice, key): mixed from both, with the key's group bits. */
static uint64_t slot_hash(uint64_t keyhash, int64_t slice_end)
{
    uint64_t h = keyhash ^ ((uint64_t)slice_end * 0x9e3779b97f4a7c15ULL);
    h ^= h >> 31;
    return gk_hash_keep_group(h * 0xbf58476d1ce4e5b9ULL, keyhash);
}

/* The entry of (slice end, key) whose entry hash is h, or 0. */
static inline uint32_t find_entry(const WinAgg *wa, uint64_t h, int64_t end, const Value *key)
{
    const KeyTab *tab = &wa->tab;
    for (uint32_t i = kt_first(tab, h); tab->slots[i]; i = kt_next(tab, i)) {
        uint32_t cand = tab->slots[i];
        if (kt_entry(tab, cand)->hash != h) continue;
        WinEntry *e = entry_at(tab, cand);
        if (e->slice_end == end && gk_equal(e->keys, key, wa->key_types, wa->nkeys)) return cand;
    }
    return 0;
}

/* Adds a fresh entry for (end, key) to the slice ending at end (which must
 * exist) with initialised states; 0 when memory ran out. */
static uint32_t add_entry(WinAgg *wa, Slice *s, uint64_t h, int64_t end, const Value *key)
{
    uint32_t idx = kt_insert(&wa->tab, h);
    if (!idx) return 0;
    kt_entry(&wa->tab, idx)->next = s->head;
    s->head = idx;
    s->count++;
    WinEntry *e = entry_at(&wa->tab, idx);
    e->slice_end = end;
    AggState *st = entry_aggs(wa, e);
    for (int a = 0; a < wa->naggs; a++) agg_init(&wa->aggs[a], &st[a]);
    if (gk_copy(e->keys, key, wa->key_types, wa->nkeys, &s->text)) return 0;
    return idx;
}

static int add_row(WinAgg *wa, const Value *row)
{
    ExecState *ex = wa->base.exec;
    if (row[0].null) {            /* no event time: it belongs to no window */
        ex->late++;
        return WEIR_OK;
    }
    int64_t t = row[0].u.i;
    int64_t start = floor_to(t, wa->g);
    if (wa->wm != TS_MIN && slice_last_end(wa, start) <= wa->wm) {
        ex->late++;
        return WEIR_OK;
    }
    int64_t end = ts_add_sat(start, wa->g);
    const Value *key = row + 1;
    uint64_t h = slot_hash(gk_hash(key, wa->key_types, wa->nkeys), end);
    KeyTab *tab = &wa->tab;
    uint32_t idx = find_entry(wa, h, end, key);
    if (!idx) {
        Slice *s = slice_get(wa, end);
        if (!s || !(idx = add_entry(wa, s, h, end, key))) return err_set(ex->err, WEIR_NOMEM, "out of memory");
    }
    gk_set_add(&wa->base.dirty, gk_group(h));
    AggState *st = entry_aggs(wa, entry_at(tab, idx));
    for (int a = 0; a < wa->naggs; a++) {
        int arc = agg_add(&wa->aggs[a], &st[a], &row[wa->aggs[a].arg_col]);
        if (arc) return agg_error(&wa->aggs[a], arc, ex->err);
    }
    return WEIR_OK;
}

/* ---- firing ------------------------------------------------------------- */

/* Sorting the rows of a window by key: integer prefixes first (radix), the
 * full key comparison only on ties. */
typedef struct SortCtx {
    const WinAgg *wa;
    const KeyTab *tab;
} SortCtx;

static int tie_entries(void *arg, uint32_t a, uint32_t b)
{
    const SortCtx *c = arg;
    return gk_compare(entry_at(c->tab, a)->keys, entry_at(c->tab, b)->keys, c->wa->key_types, c->wa->nkeys);
}

static int reserve_order(WinAgg *wa, uint32_t n)
{
    if (n <= wa->cap_order) return 0;
    uint32_t cap = wa->cap_order ? wa->cap_order : 256;
    while (cap < n) cap *= 2;
    uint32_t *p = realloc(wa->order, cap * sizeof *p);
    if (p) wa->order = p;
    GkSortRec *r = realloc(wa->recs, 2 * (size_t)cap * sizeof *r);
    if (r) wa->recs = r;
    if (!p || !r) return -1;
    wa->cap_order = cap;
    return 0;
}

/* Emits the rows of the entries listed in wa->order (in tab) for window [ws, we). */
static int emit_entries(WinAgg *wa, const KeyTab *tab, uint32_t n, int64_t ws, int64_t we)
{
    for (uint32_t i = 0; i < n; i++) {
        wa->recs[i].idx = wa->order[i];
        wa->recs[i].prefix = gk_sort_prefix(entry_at(tab, wa->order[i])->keys, wa->key_types, wa->nkeys);
    }
    SortCtx sc = {wa, tab};
    gk_sort(wa->recs, wa->recs + wa->cap_order, n, tie_entries, &sc);
    Batch *out = &wa->out;
    for (uint32_t i = 0; i < n; i++) {
        WinEntry *e = entry_at(tab, wa->recs[i].idx);
        Value *row = batch_row(out, out->nrows);
        memset(&row[0], 0, 3 * sizeof(Value));
        row[0].u.i = ws;
        row[1].u.i = we;
        row[2].u.i = we - 1;
        memcpy(row + 3, e->keys, (size_t)wa->nkeys * sizeof(Value));
        AggState *st = entry_aggs(wa, e);
        for (int a = 0; a < wa->naggs; a++) agg_result(&wa->aggs[a], &st[a], &row[3 + wa->nkeys + a]);
        out->wm[out->nrows] = out->wm_prev[out->nrows] = wa->wm;
        out->pos[out->nrows] = 0;
        if (++out->nrows == out->cap) {
            int rc = op_emit_flush(&wa->base, out);
            if (rc) return rc;
        }
    }
    return op_emit_flush(&wa->base, out);
}

/* Fires the window ending at we. */
static int fire_window(WinAgg *wa, int64_t we)
{
    int64_t ws = window_start(wa, we);
    if (wa->w.kind == WIN_TUMBLE) {
        int i = slice_find(wa, we);
        if (i < 0) return WEIR_OK;
        Slice *s = &wa->slices[i];
        if (reserve_order(wa, s->count)) return err_set(wa->base.exec->err, WEIR_NOMEM, "out of memory");
        uint32_t n = 0;
        for (uint32_t idx = s->head; idx; idx = kt_entry(&wa->tab, idx)->next) wa->order[n++] = idx;
        return emit_entries(wa, &wa->tab, n, ws, we);
    }
    /* HOP / CUMULATE: merge the window's slices per key into acc. */
    KeyTab *acc = &wa->acc;
    uint32_t n = 0;
    for (int i = 0; i < wa->nslices && wa->slices[i].end <= we; i++) {
        Slice *s = &wa->slices[i];
        if (s->end <= ws) continue;
        for (uint32_t idx = s->head; idx; idx = kt_entry(&wa->tab, idx)->next) {
            WinEntry *e = entry_at(&wa->tab, idx);
            uint64_t h = gk_hash(e->keys, wa->key_types, wa->nkeys);
            uint32_t aidx = 0;
            for (uint32_t j = kt_first(acc, h); acc->slots[j]; j = kt_next(acc, j)) {
                uint32_t cand = acc->slots[j];
                if (kt_entry(acc, cand)->hash == h &&
                    gk_equal(entry_at(acc, cand)->keys, e->keys, wa->key_types, wa->nkeys)) {
                    aidx = cand;
                    break;
                }
            }
            if (!aidx) {
                if (!(aidx = kt_insert(acc, h)) || reserve_order(wa, n + 1))
                    return err_set(wa->base.exec->err, WEIR_NOMEM, "out of memory");
                wa->order[n++] = aidx;
                WinEntry *ae = entry_at(acc, aidx);
                memcpy(ae->keys, e->keys, (size_t)wa->nkeys * sizeof(Value)); /* strings stay in the slice */
                AggState *ast = entry_aggs(wa, ae);
                for (int a = 0; a < wa->naggs; a++) agg_init(&wa->aggs[a], &ast[a]);
            }
            AggState *ast = entry_aggs(wa, entry_at(acc, aidx)), *st = entry_aggs(wa, e);
            for (int a = 0; a < wa->naggs; a++) {
                int arc = agg_merge(&wa->aggs[a], &ast[a], &st[a]);
                if (arc) return agg_error(&wa->aggs[a], arc, wa->base.exec->err);
            }
        }
    }
    int rc = emit_entries(wa, acc, n, ws, we);
    for (uint32_t i = 0; i < n; i++) {
        AggState *ast = entry_aggs(wa, entry_at(acc, wa->order[i]));
        for (int a = 0; a < wa->naggs; a++) agg_free(&wa->aggs[a], &ast[a]);
        kt_remove(acc, wa->order[i]);
    }
    return rc;
}

/* The end of the next window to fire: the oldest slice's first window that has
 * not fired by watermark `done`; TS_MAX when there is no slice. */
static int64_t next_window_end(const WinAgg *wa, int64_t done)
{
    if (!wa->nslices) return TS_MAX;
    int64_t e = lattice_ceil(wa, wa->slices[0].end);
    if (done != TS_MIN && e <= done) e = done == TS_MAX ? TS_MAX : lattice_ceil(wa, done + 1);
    return e;
}

/* Moves the watermark to w1, emitting every window with end in (wm, w1]. */
static int advance(WinAgg *wa, int64_t w1)
{
    if (w1 <= wa->wm) return WEIR_OK;
    if (w1 < wa->next_fire) {  /* the common case: nothing is due */
        wa->wm = w1;
        return WEIR_OK;
    }
    int64_t done = wa->wm;   /* every window with end <= done has fired */
    while (wa->nslices) {
        int64_t e = next_window_end(wa, done);
        if (e > w1) break;
        int rc = fire_window(wa, e);
        if (rc) return rc;
        done = e;
        while (wa->nslices && slice_last_end(wa, wa->slices[0].end - wa->g) <= done) slice_drop_first(wa);
    }
    wa->wm = w1;
    wa->next_fire = next_window_end(wa, w1);
    return WEIR_OK;
}

static int winagg_push(Operator *op, Batch *in)
{
    WinAgg *wa = (WinAgg *)op;
    for (int r = 0; r < in->nrows; r++) {
        const Value *row = batch_row(in, r);
        int rc;
        /* Rows dropped before this one (by WHERE) may have moved time on. */
        if (in->wm_prev[r] > wa->wm && !wa->w.proctime && (rc = advance(wa, in->wm_prev[r]))) return rc;
        rc = add_row(wa, row);
        if (rc) return rc;
        /* In processing time the clock is the watermark: the row's own time. */
        int64_t w = in->wm[r];
        if (wa->w.proctime) w = row[0].null ? wa->wm : row[0].u.i;
        if (w > wa->wm && (rc = advance(wa, w))) return rc;
    }
    return WEIR_OK;
}

static int winagg_watermark(Operator *op, int64_t wm)
{
    WinAgg *wa = (WinAgg *)op;
    int rc = advance(wa, wm);
    return rc ? rc : op_forward_watermark(op, wm);
}

static int winagg_finish(Operator *op)
{
    WinAgg *wa = (WinAgg *)op;
    int rc = advance(wa, TS_MAX);
    return rc ? rc : op_forward_finish(op);
}

static void winagg_close(Operator *op)
{
    WinAgg *wa = (WinAgg *)op;
    while (wa->nslices) slice_drop_first(wa);
    free(wa->slices);
    kt_free(&wa->tab);
    kt_free(&wa->acc);
    free(wa->order);
    free(wa->recs);
    batch_free(&wa->out);
    free(wa);
}

static int winagg_snapshot(Operator *op, struct SnapWriter *w);
static int winagg_restore(Operator *op, struct SnapReader *r);
static int winagg_snapshot_groups(Operator *op, struct SnapGroups *out);
static int winagg_restore_group(Operator *op, int group, struct SnapReader *r);

static const OpVtab winagg_vtab = {"WindowAggregate", winagg_push, winagg_watermark, winagg_finish, winagg_close,
                          winagg_snapshot, winagg_restore,
                          winagg_snapshot_groups, winagg_restore_group};

Operator *op_window_agg_new(ExecState *ex, const WindowSpec *w, int nkeys, const TypeId *key_types,
                            int naggs, const AggSpec *aggs, const TypeId *out_types)
{
    WinAgg *wa = calloc(1, sizeof *wa);
    if (!wa) return NULL;
    wa->base.vt = &winagg_vtab;
    wa->base.exec = ex;
    wa->base.ncols = 3 + nkeys + naggs;
    wa->base.types = out_types;
    wa->w = *w;
    wa->nkeys = nkeys;
    wa->naggs = naggs;
    wa->key_types = key_types;
    wa->aggs = aggs;
    wa->wm = TS_MIN;
    wa->next_fire = TS_MAX;
    gk_set_fill(&wa->base.dirty);   /* the first checkpoint writes every group */
    switch (w->kind) {
    case WIN_HOP:
        wa->g = gcd64(w->size, w->slide);
        wa->period = w->slide;
        wa->off = w->size % w->slide;
        break;
    case WIN_CUMULATE:
        wa->g = w->slide;
        wa->period = w->slide;
        wa->off = 0;
        break;
    default:
        wa->g = w->size;
        wa->period = w->size;
        wa->off = 0;
        wa->w.slide = w->size;
        break;
    }
    size_t payload = sizeof(WinEntry) + (size_t)nkeys * sizeof(Value) + (size_t)naggs * sizeof(AggState);
    if (kt_init(&wa->tab, payload) || kt_init(&wa->acc, payload) ||
        batch_init(&wa->out, wa->base.ncols, BATCH_ROWS)) {
        winagg_close(&wa->base);
        return NULL;
    }
    return &wa->base;
}

/* ---- checkpoints ---------------------------------------------------------- */

#include "snapshot.h"

/* Global part: W, the slice count and the slice ends (oldest first).  A
 * slice whose entries are all in unchanged groups must still be known before
 * they are read back, hence the ends here. */
static int winagg_snapshot(Operator *op, SnapWriter *w)
{
    WinAgg *wa = (WinAgg *)op;
    snap_put_i64(w, wa->wm);
    snap_put_u32(w, (uint32_t)wa->nslices);
    for (int i = 0; i < wa->nslices; i++) snap_put_i64(w, wa->slices[i].end);
    return w->oom ? err_set(op->exec->err, WEIR_NOMEM, "out of memory") : WEIR_OK;
}

static int winagg_restore(Operator *op, SnapReader *r)
{
    WinAgg *wa = (WinAgg *)op;
    wa->wm = snap_get_i64(r);
    uint32_t nslices = snap_get_u32(r);
    int64_t prev_end = TS_MIN;
    if (nslices > r->len / 8) r->bad = true;   /* more ends than bytes */
    for (uint32_t i = 0; i < nslices && snap_ok(r); i++) {
        int64_t end = snap_get_i64(r);
        if (!snap_ok(r) || end <= prev_end) {
            r->bad = true;
            break;
        }
        prev_end = end;
        if (!slice_get(wa, end)) return err_set(op->exec->err, WEIR_NOMEM, "out of memory");
    }
    if (!snap_ok(r)) return err_set(op->exec->err, WEIR_IOERR, "damaged checkpoint: window state");
    wa->next_fire = next_window_end(wa, wa->wm);
    gk_set_clear(&wa->base.dirty);   /* the store holds exactly this state */
    return WEIR_OK;
}


/* Per changed group, its entries in pool order: slice end, key values,
 * aggregate states. */
static int winagg_snapshot_groups(Operator *op, SnapGroups *out)
{
    WinAgg *wa = (WinAgg *)op;
    const KeyTab *tab = &wa->tab;
    for (uint32_t idx = kt_next_in(tab, 0, &wa->base.dirty); idx; idx = kt_next_in(tab, idx, &wa->base.dirty)) {
        SnapWriter *w = &out->blob[gk_group(kt_entry(tab, idx)->hash)];
        WinEntry *e = entry_at(tab, idx);
        snap_put_i64(w, e->slice_end);
        for (int k = 0; k < wa->nkeys; k++) snap_put_value(w, wa->key_types[k], &e->keys[k]);
        AggState *st = entry_aggs(wa, e);
        for (int a = 0; a < wa->naggs; a++) agg_snapshot(&wa->aggs[a], &st[a], w);
    }
    out->written = wa->base.dirty;
    return snap_groups_oom(out) ? err_set(op->exec->err, WEIR_NOMEM, "out of memory") : WEIR_OK;
}

static int winagg_restore_group(Operator *op, int group, SnapReader *r)
{
    WinAgg *wa = (WinAgg *)op;
    ExecState *ex = op->exec;
    Value *key = calloc((size_t)wa->nkeys + 1, sizeof(Value));
    if (!key) return err_set(ex->err, WEIR_NOMEM, "out of memory");
    int rc = WEIR_OK;
    while (!rc && snap_ok(r) && r->pos < r->len) {
        int64_t end = snap_get_i64(r);
        for (int k = 0; k < wa->nkeys; k++) snap_get_value(r, wa->key_types[k], &key[k]);
        int si = snap_ok(r) ? slice_find(wa, end) : -1;
        uint64_t kh = gk_hash(key, wa->key_types, wa->nkeys), h = slot_hash(kh, end);
        /* In a slice of the global part, in this group, and not seen before. */
        if (si < 0 || (int)gk_group(kh) != group || find_entry(wa, h, end, key)) {
            r->bad = true;
            break;
        }
        uint32_t idx = add_entry(wa, &wa->slices[si], h, end, key);
        if (!idx) {
            rc = err_set(ex->err, WEIR_NOMEM, "out of memory");
            break;
        }
        AggState *st = entry_aggs(wa, entry_at(&wa->tab, idx));
        for (int a = 0; a < wa->naggs && !rc; a++)
            if (agg_restore(&wa->aggs[a], &st[a], r)) rc = err_set(ex->err, WEIR_NOMEM, "out of memory");
    }
    free(key);
    if (!rc && !snap_ok(r)) rc = err_set(ex->err, WEIR_IOERR, "damaged checkpoint: window state (key group %d)", group);
    return rc;
}
