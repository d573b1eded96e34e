/*
 * test_window.c - window assignment and firing of the windowed aggregates
 * (runtime/op_window_agg.c: TUMBLE, HOP, CUMULATE over slices;
 * runtime/op_session_agg.c: SESSION), driven directly: the test builds an
 * ExecState, the operator and a capturing operator as its `next`, pushes
 * batches of [time, key, arg] rows with per-row watermarks set as the
 * watermark assigner would (wm = max(ts - delay) after the row, wm_prev before
 * it), then finish().  Checked: which windows each row lands in, exact
 * boundaries and negative times, firing only once W >= window_end, late rows
 * and ExecState.late, output order (window_end, then key), state released
 * after firing, and brute-force comparisons against a naive reference.
 *
 * Tests marked "BUG:" fail on the current code; the report names the defect.
 */
#include <criterion/criterion.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"
#include "weir.h"

/* ---- the capturing operator ------------------------------------------------ */

#define MAXC 12

typedef struct CapRow {
    Value v[MAXC];
    int step;             /* g_step when the row arrived */
} CapRow;

typedef struct Capture {
    Operator base;
    TypeId types[MAXC];
    Arena text;           /* copies of VARCHAR bytes */
    CapRow *rows;
    int n, cap;
    int store;            /* 0: count rows only */
    long total;
    int finished;
    int64_t last_wm;
} Capture;

/* Index of the input row being pushed (-1 while finishing). */
static int g_step;

/* Copies every row out of the batch (the operator reuses it after the call). */
static int cap_push(Operator *op, Batch *in)
{
    Capture *c = (Capture *)op;
    cr_assert_eq(in->ncols, c->base.ncols, "output batch has %d columns, want %d", in->ncols, c->base.ncols);
    for (int r = 0; r < in->nrows; r++) {
        c->total++;
        if (!c->store) continue;
        if (c->n == c->cap) {
            c->cap = c->cap ? c->cap * 2 : 64;
            c->rows = realloc(c->rows, (size_t)c->cap * sizeof *c->rows);
            cr_assert_not_null(c->rows);
        }
        CapRow *row = &c->rows[c->n++];
        memcpy(row->v, batch_row(in, r), (size_t)in->ncols * sizeof(Value));
        row->step = g_step;
        for (int i = 0; i < in->ncols; i++)
            if (c->types[i] == TYPE_VARCHAR && !row->v[i].null)
                row->v[i].u.s = arena_strndup(&c->text, row->v[i].u.s, row->v[i].len);
    }
    return WEIR_OK;
}

static int cap_watermark(Operator *op, int64_t wm)
{
    ((Capture *)op)->last_wm = wm;
    return WEIR_OK;
}

static int cap_finish(Operator *op)
{
    ((Capture *)op)->finished++;
    return WEIR_OK;
}

static void cap_close(Operator *op)
{
    Capture *c = (Capture *)op;
    free(c->rows);
    arena_free(&c->text);
    free(c);
}

static const OpVtab cap_vtab = {"Capture", cap_push, cap_watermark, cap_finish, cap_close};

/* ---- the harness ------------------------------------------------------------ */

typedef struct Harness {
    WeirError err;
    ExecState ex;
    Operator *op;
    Capture *cap;
    Batch in;
    int nkeys, naggs, in_ncols;
    TypeId in_types[MAXC];
    TypeId key_types[MAXC];
    AggSpec aggs[MAXC];
    TypeId out_types[MAXC];
    int64_t wm;           /* the assigner's watermark */
    int64_t delay;
    int nrows_in;
} Harness;

static Harness h;

/* Sets up an operator for kind with input [TIMESTAMP, key_type (if any), arg_type]
 * and the given aggregates over column 1 + nkeys. */
static void h_open(WindowKind kind, int64_t size, int64_t slide, int64_t gap, int nkeys, TypeId key_type,
                   TypeId arg_type, int naggs, const AggKind *kinds)
{
    memset(&h, 0, sizeof h);
    err_clear(&h.err);
    h.ex.err = &h.err;
    h.nkeys = nkeys;
    h.naggs = naggs;
    h.in_ncols = 2 + nkeys;
    h.in_types[0] = TYPE_TIMESTAMP;
    for (int k = 0; k < nkeys; k++) h.in_types[1 + k] = h.key_types[k] = key_type;
    h.in_types[1 + nkeys] = arg_type;
    for (int a = 0; a < naggs; a++)
        h.aggs[a] = (AggSpec){kinds[a], arg_type, agg_result_type(kinds[a], arg_type), 1 + nkeys};
    h.out_types[0] = h.out_types[1] = h.out_types[2] = TYPE_TIMESTAMP;
    for (int k = 0; k < nkeys; k++) h.out_types[3 + k] = key_type;
    for (int a = 0; a < naggs; a++) h.out_types[3 + nkeys + a] = h.aggs[a].result_type;
    WindowSpec w = {.kind = kind, .size = size, .slide = slide, .gap = gap, .proctime = false};
    if (kind == WIN_SESSION)
        h.op = op_session_agg_new(&h.ex, &w, nkeys, h.key_types, naggs, h.aggs, h.out_types);
    else
        h.op = op_window_agg_new(&h.ex, &w, nkeys, h.key_types, naggs, h.aggs, h.out_types);
    cr_assert_not_null(h.op);
    cr_assert_eq(h.op->ncols, 3 + nkeys + naggs);
    h.cap = calloc(1, sizeof *h.cap);
    h.cap->base.vt = &cap_vtab;
    h.cap->base.exec = &h.ex;
    h.cap->base.ncols = 3 + nkeys + naggs;
    h.cap->base.types = h.cap->types;
    h.cap->store = 1;
    memcpy(h.cap->types, h.out_types, sizeof h.out_types);
    arena_init(&h.cap->text);
    h.op->next = &h.cap->base;
    cr_assert_eq(batch_init(&h.in, h.in_ncols, BATCH_ROWS), WEIR_OK);
    h.wm = TS_MIN;
    h.delay = INT64_MAX / 4; /* no watermark until told otherwise */
    g_step = 0;
}

static void h_close(void)
{
    if (h.op) h.op->vt->close(h.op);
    if (h.cap) cap_close(&h.cap->base);
    batch_free(&h.in);
    h.op = NULL;
    h.cap = NULL;
}

/* The standard set: [time, BIGINT key, BIGINT arg] with COUNT(*), COUNT(arg),
 * SUM(arg), MIN(arg), MAX(arg). */
static const AggKind std_aggs[] = {AGG_COUNT_STAR, AGG_COUNT, AGG_SUM, AGG_MIN, AGG_MAX};
#define C_WS 0
#define C_WE 1
#define C_WT 2
#define C_KEY 3
#define C_CNT 4
#define C_CNTA 5
#define C_SUM 6
#define C_MIN 7
#define C_MAX 8

static void open_std(WindowKind kind, int64_t size, int64_t slide, int64_t gap)
{
    h_open(kind, size, slide, gap, 1, TYPE_BIGINT, TYPE_BIGINT, 5, std_aggs);
}

static Value vi(int64_t i) { return (Value){.u.i = i}; }
static Value vnull(void) { return (Value){.null = 1}; }
static Value vs(const char *s) { return (Value){.u.s = s, .len = (uint32_t)strlen(s)}; }

/* Appends a row with explicit watermarks to the input batch (not pushed yet). */
static void h_stage(const Value *vals, int64_t wm_prev, int64_t wm)
{
    int r = h.in.nrows++;
    memcpy(batch_row(&h.in, r), vals, (size_t)h.in_ncols * sizeof(Value));
    h.in.wm_prev[r] = wm_prev;
    h.in.wm[r] = wm;
    h.in.pos[r] = 0;
}

/* Pushes the staged rows as one batch, then tells the chain the newest
 * watermark, as the pipeline does after every batch. */
static void h_flush(void)
{
    if (!h.in.nrows) return;
    int64_t last = h.in.wm[h.in.nrows - 1];
    cr_assert_eq(op_push(h.op, &h.in), WEIR_OK, "push: %s", h.err.msg);
    batch_reset(&h.in);
    /* Garbage in the reused input: the operator must have copied what it keeps. */
    memset(h.in.vals, 0xa5, (size_t)h.in.cap * (size_t)h.in_ncols * sizeof(Value));
    if (last != TS_MIN) cr_assert_eq(op_watermark(h.op, last), WEIR_OK);
}

/* One row through the watermark assigner (wm = max(wm, t - delay)), pushed
 * alone.  NULL time (tnull) does not move the watermark. */
static void h_row3(Value t, Value k, Value a)
{
    Value v[3] = {t, k, a};
    int64_t prev = h.wm;
    if (!t.null && t.u.i - h.delay > h.wm) h.wm = t.u.i - h.delay;
    h_stage(v, prev, h.wm);
    h_flush();
    g_step++;
}

static void h_row(int64_t t, int64_t key, int64_t arg) { h_row3(vi(t), vi(key), vi(arg)); }

static void h_watermark(int64_t wm)
{
    cr_assert_eq(op_watermark(h.op, wm), WEIR_OK);
    if (wm > h.wm) h.wm = wm;
}

static void h_finish(void)
{
    g_step = -1;
    cr_assert_eq(op_finish(h.op), WEIR_OK, "finish: %s", h.err.msg);
    cr_assert_eq(h.cap->finished, 1, "finish must be passed on once");
}

/* Checks captured row i: [ws, we, we-1, key, count(*), ..., sum]. */
static void expect_win(int i, int64_t ws, int64_t we, int64_t key, int64_t count, int64_t sum)
{
    cr_assert_lt(i, h.cap->n, "only %d rows came out, want row %d [%lld, %lld)", h.cap->n, i, (long long)ws,
                 (long long)we);
    const Value *v = h.cap->rows[i].v;
    cr_assert(v[C_WS].u.i == ws && v[C_WE].u.i == we,
              "row %d: window [%lld, %lld), want [%lld, %lld)", i, (long long)v[C_WS].u.i,
              (long long)v[C_WE].u.i, (long long)ws, (long long)we);
    cr_assert_eq(v[C_WT].u.i, we - 1, "window_time = window_end - 1 ms");
    cr_assert(!v[C_WS].null && !v[C_WE].null && !v[C_WT].null);
    cr_assert(!v[C_KEY].null && v[C_KEY].u.i == key, "row %d [%lld, %lld): key %lld, want %lld", i, (long long)ws,
              (long long)we, (long long)v[C_KEY].u.i, (long long)key);
    cr_assert_eq(v[C_CNT].u.i, count, "row %d [%lld, %lld) key %lld: count %lld, want %lld", i, (long long)ws,
                 (long long)we, (long long)key, (long long)v[C_CNT].u.i, (long long)count);
    cr_assert_eq(v[C_SUM].u.i, sum, "row %d [%lld, %lld) key %lld: sum %lld, want %lld", i, (long long)ws,
                 (long long)we, (long long)key, (long long)v[C_SUM].u.i, (long long)sum);
}

/* ---- TUMBLE ------------------------------------------------------------------ */

Test(tumble, assignment_negative_times_and_boundaries)
{
    open_std(WIN_TUMBLE, 1000, 1000, 0);
    static const int64_t ts[] = {0, 999, 1000, -1, -1000, -1001, 1999, 2000};
    for (size_t i = 0; i < sizeof ts / sizeof ts[0]; i++) h_row(ts[i], 1, ts[i]);
    cr_assert_eq(h.cap->n, 0, "nothing fires before the watermark moves");
    h_finish();
    cr_assert_eq(h.cap->n, 5);
    expect_win(0, -2000, -1000, 1, 1, -1001);
    expect_win(1, -1000, 0, 1, 2, -1001);
    expect_win(2, 0, 1000, 1, 2, 999);
    expect_win(3, 1000, 2000, 1, 2, 2999);
    expect_win(4, 2000, 3000, 1, 1, 2000);
    cr_assert_eq(h.ex.late, 0);
    h_close();
}

Test(tumble, large_size_and_far_times)
{
    open_std(WIN_TUMBLE, 3600000, 3600000, 0);
    h_row(1715421600123LL, 1, 1);      /* 2024-05-11 10:00:00.123 */
    h_row(1715421600000LL - 1, 1, 2);  /* 09:59:59.999 */
    h_row(-3600000LL * 24 * 365 * 30 - 1, 1, 4); /* long before the epoch */
    h_finish();
    cr_assert_eq(h.cap->n, 3);
    int64_t far = -3600000LL * 24 * 365 * 30 - 1;
    int64_t fs = far - (far % 3600000 + 3600000) % 3600000;
    expect_win(0, fs, fs + 3600000, 1, 1, 4);
    expect_win(1, 1715418000000LL, 1715421600000LL, 1, 1, 2);
    expect_win(2, 1715421600000LL, 1715425200000LL, 1, 1, 1);
    h_close();
}

Test(tumble, fires_exactly_when_watermark_reaches_end)
{
    open_std(WIN_TUMBLE, 1000, 1000, 0);
    h.delay = 0;
    h_row(500, 1, 5);
    h_row(999, 1, 9);
    cr_assert_eq(h.cap->n, 0, "W = 999 < 1000: [0, 1000) must not fire");
    h_row(1000, 1, 10);
    cr_assert_eq(h.cap->n, 1, "W = 1000 >= 1000: [0, 1000) fires with the row that moved W");
    expect_win(0, 0, 1000, 1, 2, 14);
    cr_assert_eq(h.cap->rows[0].step, 2);
    h_row(1500, 1, 15);
    h_watermark(1999);
    cr_assert_eq(h.cap->n, 1);
    h_watermark(2000);
    cr_assert_eq(h.cap->n, 2);
    expect_win(1, 1000, 2000, 1, 2, 25);
    h_finish();
    cr_assert_eq(h.cap->n, 2, "nothing left to fire");
    cr_assert_eq(h.ex.late, 0);
    h_close();
}

/* Watermarks carried by the rows of one batch take effect row by row. */
Test(tumble, fires_between_rows_of_one_batch)
{
    open_std(WIN_TUMBLE, 1000, 1000, 0);
    Value r1[3] = {vi(100), vi(1), vi(1)}, r2[3] = {vi(1200), vi(1), vi(2)}, r3[3] = {vi(900), vi(1), vi(4)},
          r4[3] = {vi(1300), vi(1), vi(8)};
    h_stage(r1, TS_MIN, 100);
    h_stage(r2, 100, 1200);  /* fires [0, 1000) after this row */
    h_stage(r3, 1200, 1200); /* so this one is late */
    h_stage(r4, 1200, 1300);
    h_flush();
    cr_assert_eq(h.cap->n, 1);
    expect_win(0, 0, 1000, 1, 1, 1);
    cr_assert_eq(h.ex.late, 1);
    h_finish();
    cr_assert_eq(h.cap->n, 2);
    expect_win(1, 1000, 2000, 1, 2, 10);
    h_close();
}

/* wm_prev ahead of the previous row's wm (a filter dropped rows that moved
 * time): the operator catches up before adding the row. */
Test(tumble, wm_prev_from_dropped_rows)
{
    open_std(WIN_TUMBLE, 1000, 1000, 0);
    Value r1[3] = {vi(100), vi(1), vi(1)}, r2[3] = {vi(500), vi(1), vi(2)};
    h_stage(r1, TS_MIN, 100);
    h_stage(r2, 1000, 1000); /* rows dropped between them moved W to 1000 */
    h_flush();
    cr_assert_eq(h.ex.late, 1, "500 arrives after [0, 1000) fired");
    cr_assert_eq(h.cap->n, 1);
    expect_win(0, 0, 1000, 1, 1, 1);
    h_finish();
    cr_assert_eq(h.cap->n, 1);
    h_close();
}

Test(tumble, late_rows_are_dropped_and_counted)
{
    open_std(WIN_TUMBLE, 1000, 1000, 0);
    h.delay = 0;
    h_row(1000, 1, 1);     /* W = 1000: [0, 1000) has fired (empty) */
    h_row(999, 1, 2);      /* late */
    h_row(0, 1, 4);        /* late */
    h_row(1000, 1, 8);     /* [1000, 2000) is open */
    h_row(-5, 2, 16);      /* late */
    h_row3(vnull(), vi(1), vi(32)); /* no event time: in no window */
    h_row(1999, 1, 64);
    cr_assert_eq(h.ex.late, 4);
    cr_assert_eq(h.cap->n, 0);
    h_finish();
    cr_assert_eq(h.cap->n, 1);
    expect_win(0, 1000, 2000, 1, 3, 73);
    cr_assert_eq(h.ex.late, 4);
    h_close();
}

Test(tumble, output_order_window_end_then_key)
{
    open_std(WIN_TUMBLE, 1000, 1000, 0);
    static const int64_t k0[] = {5, 3, -7, 10, 0, INT64_MIN, INT64_MAX};
    for (size_t i = 0; i < sizeof k0 / sizeof k0[0]; i++) h_row(100 + (int64_t)i, k0[i], 1);
    h_row3(vi(50), vnull(), vi(1));
    h_row(1500, 2, 1);
    h_row(1600, 1, 1);
    h_row(-500, 4, 1);
    h_finish();
    cr_assert_eq(h.cap->n, 11);
    expect_win(0, -1000, 0, 4, 1, 1);
    const CapRow *r = h.cap->rows;
    cr_assert(r[1].v[C_KEY].null, "NULL key first");
    cr_assert_eq(r[1].v[C_WE].u.i, 1000);
    static const int64_t want[] = {INT64_MIN, -7, 0, 3, 5, 10, INT64_MAX};
    for (int i = 0; i < 7; i++) expect_win(2 + i, 0, 1000, want[i], 1, 1);
    expect_win(9, 1000, 2000, 1, 1, 1);
    expect_win(10, 1000, 2000, 2, 1, 1);
    h_close();
}

/* Thousands of random keys in one window come out sorted (the emitter sorts by
 * an integer prefix, then by the full key). */
Test(tumble, many_integer_keys_sorted)
{
    open_std(WIN_TUMBLE, 1000, 1000, 0);
    srand(3);
    enum { NK = 3000 };
    for (int i = 0; i < NK; i++) {
        int64_t k = (int64_t)(((uint64_t)rand() << 33) ^ ((uint64_t)rand() << 2) ^ (uint64_t)rand());
        if (i % 3 == 0) k = -k;
        if (i % 10 == 0) k = rand() % 50 - 25; /* some repeats */
        h_row(i % 1000, k, 1);
    }
    h_finish();
    cr_assert_gt(h.cap->n, NK / 2);
    int64_t total = 0;
    for (int i = 0; i < h.cap->n; i++) {
        total += h.cap->rows[i].v[C_CNT].u.i;
        if (i) cr_assert_lt(h.cap->rows[i - 1].v[C_KEY].u.i, h.cap->rows[i].v[C_KEY].u.i, "rows %d, %d out of order", i - 1, i);
    }
    cr_assert_eq(total, NK);
    h_close();
}

/* DOUBLE keys sort numerically, negatives first (not by bit pattern). */
Test(tumble, double_keys_order)
{
    h_open(WIN_TUMBLE, 1000, 1000, 0, 1, TYPE_DOUBLE, TYPE_BIGINT, 5, std_aggs);
    static const double k[] = {2.0, -1.5, -0.25, 0.5, -1e6, 1e6, -3.0, 0.0};
    for (int rep = 0; rep < 5; rep++)
        for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) h_row3(vi(10), (Value){.u.d = k[i] + rep * 1e-3}, vi(1));
    h_finish();
    cr_assert_eq(h.cap->n, 40);
    for (int i = 1; i < h.cap->n; i++)
        cr_assert_lt(h.cap->rows[i - 1].v[C_KEY].u.d, h.cap->rows[i].v[C_KEY].u.d, "rows %d, %d: %g then %g", i - 1, i,
                     h.cap->rows[i - 1].v[C_KEY].u.d, h.cap->rows[i].v[C_KEY].u.d);
    h_close();
}

/* Pushes a row whose VARCHAR key is copied into a scratch buffer that is
 * overwritten right after the push (as a source's read buffer is). */
static void h_row_strkey(int64_t t, const char *key, int64_t arg)
{
    static char scratch[64];
    Value k = vnull();
    if (key) {
        memcpy(scratch, key, strlen(key));
        k = (Value){.u.s = scratch, .len = (uint32_t)strlen(key)};
    }
    h_row3(vi(t), k, vi(arg));
    memset(scratch, '#', sizeof scratch);
}

static void expect_strkey(int i, const char *want)
{
    const Value *v = &h.cap->rows[i].v[C_KEY];
    if (!want) {
        cr_assert(v->null, "row %d: key should be NULL", i);
        return;
    }
    cr_assert(!v->null && v->len == strlen(want) && memcmp(v->u.s, want, v->len) == 0,
              "row %d: key \"%.*s\", want \"%s\"", i, (int)v->len, v->u.s, want);
}

Test(tumble, varchar_keys_copied_and_ordered_by_bytes)
{
    h_open(WIN_TUMBLE, 1000, 1000, 0, 1, TYPE_VARCHAR, TYPE_BIGINT, 5, std_aggs);
    static const char *keys[] = {"b", "a", "", "ab", "B", NULL, "a", "abcdefghij", "abcdefghi", "abcdefgh"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) h_row_strkey(10, keys[i], 1);
    h_finish();
    static const char *want[] = {NULL, "", "B", "a", "ab", "abcdefgh", "abcdefghi", "abcdefghij", "b"};
    cr_assert_eq(h.cap->n, 9);
    for (int i = 0; i < 9; i++) expect_strkey(i, want[i]);
    cr_assert_eq(h.cap->rows[3].v[C_CNT].u.i, 2, "\"a\" twice");
    h_close();
}

/* Many keys sharing their first 8 bytes (the sort prefix): only the full
 * comparison can order them.  BUG: gk_sort (runtime/groupkey.c) hands a run of
 * more than 32 equal prefixes back to itself unchanged (radix passes skip every
 * byte, the run is the whole input): infinite recursion, stack overflow. */
Test(tumble, many_varchar_keys_with_common_prefix)
{
    h_open(WIN_TUMBLE, 1000, 1000, 0, 1, TYPE_VARCHAR, TYPE_BIGINT, 5, std_aggs);
    enum { NK = 200 };
    int perm[NK];
    for (int i = 0; i < NK; i++) perm[i] = i;
    srand(5);
    for (int i = NK - 1; i > 0; i--) {
        int j = rand() % (i + 1), t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
    char key[32];
    for (int i = 0; i < NK; i++) {
        snprintf(key, sizeof key, "customer-%04d", perm[i]);
        h_row_strkey(10, key, 1);
        snprintf(key, sizeof key, "customer-%04d", perm[i]);
        h_row_strkey(1010, key, 1);
    }
    h_finish();
    cr_assert_eq(h.cap->n, 2 * NK);
    for (int i = 0; i < 2 * NK; i++) {
        snprintf(key, sizeof key, "customer-%04d", i % NK);
        expect_strkey(i, key);
    }
    h_close();
}

Test(tumble, no_group_keys)
{
    h_open(WIN_TUMBLE, 1000, 1000, 0, 0, TYPE_BIGINT, TYPE_BIGINT, 2, (const AggKind[]){AGG_COUNT_STAR, AGG_SUM});
    for (int i = 0; i < 10; i++) {
        Value v[2] = {vi(i * 250), vi(i)};
        h_stage(v, TS_MIN, TS_MIN);
    }
    h_flush();
    h_finish();
    cr_assert_eq(h.cap->n, 3);
    /* [0,1000): 0..3, [1000,2000): 4..7, [2000,3000): 8..9 */
    static const int64_t cnt[] = {4, 4, 2}, sum[] = {6, 22, 17};
    for (int i = 0; i < 3; i++) {
        const Value *v = h.cap->rows[i].v;
        cr_assert_eq(v[0].u.i, i * 1000);
        cr_assert_eq(v[1].u.i, i * 1000 + 1000);
        cr_assert_eq(v[3].u.i, cnt[i]);
        cr_assert_eq(v[4].u.i, sum[i]);
    }
    h_close();
}

Test(tumble, aggregate_nulls_in_windows)
{
    open_std(WIN_TUMBLE, 1000, 1000, 0);
    h_row3(vi(10), vi(1), vnull());
    h_row3(vi(20), vi(1), vnull());
    h_row3(vi(10), vi(2), vnull());
    h_row3(vi(30), vi(2), vi(-4));
    h_finish();
    cr_assert_eq(h.cap->n, 2);
    const Value *a = h.cap->rows[0].v, *b = h.cap->rows[1].v;
    cr_assert_eq(a[C_CNT].u.i, 2);
    cr_assert_eq(a[C_CNTA].u.i, 0);
    cr_assert(a[C_SUM].null && a[C_MIN].null && a[C_MAX].null, "SUM/MIN/MAX of only NULLs is NULL");
    cr_assert_eq(b[C_CNT].u.i, 2);
    cr_assert_eq(b[C_CNTA].u.i, 1);
    cr_assert(!b[C_SUM].null && b[C_SUM].u.i == -4 && b[C_MIN].u.i == -4 && b[C_MAX].u.i == -4);
    h_close();
}

/* ---- HOP ------------------------------------------------------------------------ */

Test(hop, slide_not_dividing_size)
{
    /* size 10 s, slide 4 s: slices of gcd = 2 s. */
    open_std(WIN_HOP, 10000, 4000, 0);
    h_row(0, 1, 1);    /* s in {-8000, -4000, 0} */
    h_row(5000, 1, 10); /* s in {-4000, 0, 4000} */
    h_finish();
    cr_assert_eq(h.cap->n, 4);
    expect_win(0, -8000, 2000, 1, 1, 1);
    expect_win(1, -4000, 6000, 1, 2, 11);
    expect_win(2, 0, 10000, 1, 2, 11);
    expect_win(3, 4000, 14000, 1, 1, 10);
    h_close();
}

Test(hop, boundaries)
{
    open_std(WIN_HOP, 10000, 4000, 0);
    h_row(1999, 1, 1);  /* in [-8000, 2000) (last ms), [-4000, 6000), [0, 10000) */
    h_row(2000, 2, 1);  /* not in [-8000, 2000): [-4000, 6000), [0, 10000) */
    h_row(-1, 3, 1);    /* [-8000, 2000), [-4000, 6000); not [0, 10000) */
    h_finish();
    cr_assert_eq(h.cap->n, 7);
    expect_win(0, -8000, 2000, 1, 1, 1);
    expect_win(1, -8000, 2000, 3, 1, 1);
    expect_win(2, -4000, 6000, 1, 1, 1);
    expect_win(3, -4000, 6000, 2, 1, 1);
    expect_win(4, -4000, 6000, 3, 1, 1);
    expect_win(5, 0, 10000, 1, 1, 1);
    expect_win(6, 0, 10000, 2, 1, 1);
    h_close();
}

Test(hop, slide_dividing_size)
{
    open_std(WIN_HOP, 10000, 5000, 0);
    h_row(7000, 1, 1);
    h_row(-1, 1, 2);
    h_row(5000, 1, 4);
    h_finish();
    cr_assert_eq(h.cap->n, 4);
    expect_win(0, -10000, 0, 1, 1, 2);
    expect_win(1, -5000, 5000, 1, 1, 2);
    expect_win(2, 0, 10000, 1, 2, 5);
    expect_win(3, 5000, 15000, 1, 2, 5);
    h_close();
}

/* A row some of whose windows fired still counts in the later ones (and is
 * not counted late); a row all of whose windows fired is late. */
Test(hop, partially_late_rows)
{
    open_std(WIN_HOP, 10000, 5000, 0);
    h.delay = 0;
    h_row(12000, 1, 1);   /* W = 12000: windows ending 5000, 10000 have fired */
    h_row(7000, 1, 2);    /* [0, 10000) fired; [5000, 15000) open */
    cr_assert_eq(h.ex.late, 0);
    h_row(3000, 1, 4);    /* [-5000, 5000) and [0, 10000) fired: late */
    cr_assert_eq(h.ex.late, 1);
    cr_assert_eq(h.cap->n, 0);
    h_watermark(15000);
    cr_assert_eq(h.cap->n, 1);
    expect_win(0, 5000, 15000, 1, 2, 3);
    h_finish();
    cr_assert_eq(h.cap->n, 2);
    expect_win(1, 10000, 20000, 1, 1, 1);
    h_close();
}

Test(hop, fires_each_window_at_its_end)
{
    open_std(WIN_HOP, 10000, 4000, 0);
    h.delay = 0;
    h_row(0, 1, 1);
    cr_assert_eq(h.cap->n, 0);
    h_watermark(1999);
    cr_assert_eq(h.cap->n, 0);
    h_watermark(2000);
    cr_assert_eq(h.cap->n, 1);
    expect_win(0, -8000, 2000, 1, 1, 1);
    h_watermark(5999);
    cr_assert_eq(h.cap->n, 1);
    h_watermark(6000);
    cr_assert_eq(h.cap->n, 2);
    h_watermark(100000);
    cr_assert_eq(h.cap->n, 3);
    expect_win(2, 0, 10000, 1, 1, 1);
    h_finish();
    cr_assert_eq(h.cap->n, 3);
    h_close();
}

/* ---- CUMULATE ------------------------------------------------------------------- */

Test(cumulate, windows_grow_from_period_start)
{
    open_std(WIN_CUMULATE, 6000, 2000, 0);
    h_row(0, 1, 1);
    h_row(3000, 1, 2);
    h_row(5999, 1, 4);
    h_row(-1, 1, 8);
    h_row(6000, 1, 16);
    h_finish();
    cr_assert_eq(h.cap->n, 7);
    expect_win(0, -6000, 0, 1, 1, 8);
    expect_win(1, 0, 2000, 1, 1, 1);
    expect_win(2, 0, 4000, 1, 2, 3);
    expect_win(3, 0, 6000, 1, 3, 7);
    expect_win(4, 6000, 8000, 1, 1, 16);
    expect_win(5, 6000, 10000, 1, 1, 16);
    expect_win(6, 6000, 12000, 1, 1, 16);
    h_close();
}

Test(cumulate, partially_late_rows)
{
    open_std(WIN_CUMULATE, 6000, 2000, 0);
    h.delay = 0;
    h_row(4500, 1, 1);  /* W = 4500: [0,2000) and [0,4000) fired, empty */
    cr_assert_eq(h.cap->n, 0);
    h_row(1000, 1, 2);  /* dropped from the fired windows, counts in [0, 6000) */
    cr_assert_eq(h.ex.late, 0);
    h_row(7000, 1, 4);  /* W = 7000: [0, 6000) fires */
    cr_assert_eq(h.cap->n, 1);
    expect_win(0, 0, 6000, 1, 2, 3);
    h_row(5000, 1, 8);  /* every window of its period has fired */
    cr_assert_eq(h.ex.late, 1);
    h_finish();
    cr_assert_eq(h.cap->n, 4);
    expect_win(1, 6000, 8000, 1, 1, 4);
    expect_win(2, 6000, 10000, 1, 1, 4);
    expect_win(3, 6000, 12000, 1, 1, 4);
    h_close();
}

/* ---- brute force: TUMBLE / HOP / CUMULATE ------------------------------------- */

typedef struct InRow {
    int64_t t;
    int knull;
    int64_t key;
    int anull;
    int64_t arg;
    int64_t wm_prev, wm;
} InRow;

typedef struct Contrib {
    int64_t end, start;
    int knull;
    int64_t key;
    int anull;
    int64_t arg;
} Contrib;

static int cmp_contrib(const void *x, const void *y)
{
    const Contrib *a = x, *b = y;
    if (a->end != b->end) return a->end < b->end ? -1 : 1;
    if (a->knull != b->knull) return a->knull ? -1 : 1;
    if (!a->knull && a->key != b->key) return a->key < b->key ? -1 : 1;
    return 0;
}

static int64_t ref_floor(int64_t t, int64_t m) { return t - ((t % m) + m) % m; }

/* The windows [start, end) of t, enumerated naively; returns how many. */
static int ref_windows(WindowKind kind, int64_t size, int64_t slide, int64_t t, int64_t *st, int64_t *en)
{
    int n = 0;
    if (kind == WIN_CUMULATE) {
        int64_t p = ref_floor(t, size);
        for (int64_t e = p + slide; e <= p + size; e += slide)
            if (t < e) st[n] = p, en[n++] = e;
        return n;
    }
    if (kind == WIN_TUMBLE) slide = size;
    /* every multiple of slide from well below t up to t */
    for (int64_t s = ref_floor(t - size - 2 * slide, slide); s <= t; s += slide)
        if (s <= t && t < s + size) st[n] = s, en[n++] = s + size;
    return n;
}

/* Random rows: mostly increasing times with jitter (some out of order, some
 * late), keys 0..6 or NULL, args with NULLs; watermarks as the assigner sets
 * them with the given delay.  Some rows are then dropped (as by a filter),
 * keeping the watermarks of their places. */
static int gen_rows(InRow *rows, int n, int64_t delay, int drop_some)
{
    int64_t base = -20000, wm = TS_MIN;
    int out = 0;
    for (int i = 0; i < n; i++) {
        base += rand() % 300;
        InRow r;
        int jit = rand() % 30;
        r.t = base - (jit == 0 ? rand() % 15000 : jit < 8 ? rand() % 4000 : 0);
        r.knull = rand() % 9 == 0;
        r.key = rand() % 7;
        r.anull = rand() % 6 == 0;
        r.arg = rand() % 1000 - 300;
        r.wm_prev = wm;
        if (r.t - delay > wm) wm = r.t - delay;
        r.wm = wm;
        if (drop_some && rand() % 5 == 0) continue;
        /* A kept row's wm_prev stays the wm after the input row before it, which
         * may be ahead of the previous kept row's wm. */
        rows[out++] = r;
    }
    return out;
}

static void brute_force(WindowKind kind, int64_t size, int64_t slide, int one_per_batch, int drop_some,
                        unsigned seed)
{
    srand(seed);
    enum { NR = 2500 };
    static InRow rows[NR];
    int64_t delay = 1500;
    int n = gen_rows(rows, NR, delay, drop_some);
    open_std(kind, size, slide, 0);

    /* Reference: each row contributes to its windows whose end is past the
     * watermark in effect before it; a row with no such window is late. */
    Contrib *cs = malloc(sizeof(Contrib) * (size_t)n * 16);
    int nc = 0;
    int64_t late = 0;
    for (int i = 0; i < n; i++) {
        int64_t st[64], en[64];
        int k = ref_windows(kind, size, slide, rows[i].t, st, en);
        cr_assert_gt(k, 0);
        int used = 0;
        for (int j = 0; j < k; j++) {
            if (rows[i].wm_prev != TS_MIN && en[j] <= rows[i].wm_prev) continue;
            cs[nc++] = (Contrib){en[j], st[j], rows[i].knull, rows[i].key, rows[i].anull, rows[i].arg};
            used = 1;
        }
        if (!used) late++;
    }
    qsort(cs, (size_t)nc, sizeof *cs, cmp_contrib);
    cr_assert_gt(late, 0, "the data should have late rows");

    /* Drive the operator. */
    int i = 0;
    while (i < n) {
        int m = one_per_batch ? 1 : 1 + rand() % 50;
        for (int j = 0; j < m && i < n; j++, i++) {
            Value v[3] = {vi(rows[i].t), rows[i].knull ? vnull() : vi(rows[i].key),
                          rows[i].anull ? vnull() : vi(rows[i].arg)};
            h_stage(v, rows[i].wm_prev, rows[i].wm);
        }
        g_step = i - 1;
        h_flush();
    }
    h_finish();

    /* Compare, window by window. */
    int out = 0;
    for (int a = 0; a < nc;) {
        int b = a;
        int64_t cnt = 0, cnta = 0, sum = 0, mn = INT64_MAX, mx = INT64_MIN;
        while (b < nc && cmp_contrib(&cs[a], &cs[b]) == 0) {
            cnt++;
            if (!cs[b].anull) {
                cnta++;
                sum += cs[b].arg;
                if (cs[b].arg < mn) mn = cs[b].arg;
                if (cs[b].arg > mx) mx = cs[b].arg;
            }
            b++;
        }
        cr_assert_lt(out, h.cap->n, "missing output for [%lld, %lld) key %lld", (long long)cs[a].start,
                     (long long)cs[a].end, (long long)cs[a].key);
        const CapRow *r = &h.cap->rows[out];
        const Value *v = r->v;
        cr_assert(v[C_WS].u.i == cs[a].start && v[C_WE].u.i == cs[a].end && v[C_KEY].null == cs[a].knull &&
                      (cs[a].knull || v[C_KEY].u.i == cs[a].key),
                  "output %d: [%lld, %lld) key %s%lld, want [%lld, %lld) key %s%lld", out, (long long)v[C_WS].u.i,
                  (long long)v[C_WE].u.i, v[C_KEY].null ? "NULL " : "", (long long)v[C_KEY].u.i,
                  (long long)cs[a].start, (long long)cs[a].end, cs[a].knull ? "NULL " : "", (long long)cs[a].key);
        cr_assert_eq(v[C_WT].u.i, cs[a].end - 1);
        cr_assert_eq(v[C_CNT].u.i, cnt, "[%lld, %lld) key %lld: count %lld want %lld", (long long)cs[a].start,
                     (long long)cs[a].end, (long long)cs[a].key, (long long)v[C_CNT].u.i, (long long)cnt);
        cr_assert_eq(v[C_CNTA].u.i, cnta);
        cr_assert_eq(v[C_SUM].null, cnta == 0);
        if (cnta) {
            cr_assert_eq(v[C_SUM].u.i, sum);
            cr_assert_eq(v[C_MIN].u.i, mn);
            cr_assert_eq(v[C_MAX].u.i, mx);
        }
        if (one_per_batch) {
            /* Fired with the first row whose watermark reached the end. */
            int want_step = -1;
            for (int s = 0; s < n; s++)
                if (rows[s].wm >= cs[a].end) {
                    want_step = s;
                    break;
                }
            cr_assert_eq(r->step, want_step, "[%lld, %lld) fired at row %d, want %d", (long long)cs[a].start,
                         (long long)cs[a].end, r->step, want_step);
        }
        out++;
        a = b;
    }
    cr_assert_eq(out, h.cap->n, "%d rows out, want %d", h.cap->n, out);
    cr_assert_eq(h.ex.late, late, "late %lld, want %lld", (long long)h.ex.late, (long long)late);
    free(cs);
    h_close();
}

Test(brute, tumble) { brute_force(WIN_TUMBLE, 1000, 1000, 1, 0, 1); }
Test(brute, tumble_batched_filtered) { brute_force(WIN_TUMBLE, 1000, 1000, 0, 1, 2); }
Test(brute, tumble_odd_size) { brute_force(WIN_TUMBLE, 777, 777, 1, 0, 3); }
Test(brute, hop_10_4) { brute_force(WIN_HOP, 10000, 4000, 1, 0, 4); }
Test(brute, hop_10_4_batched_filtered) { brute_force(WIN_HOP, 10000, 4000, 0, 1, 5); }
Test(brute, hop_10_5) { brute_force(WIN_HOP, 10000, 5000, 1, 0, 6); }
Test(brute, hop_3_1) { brute_force(WIN_HOP, 3000, 1000, 1, 0, 7); }
Test(brute, hop_7_3) { brute_force(WIN_HOP, 7000, 3000, 0, 0, 8); }
Test(brute, hop_5_5) { brute_force(WIN_HOP, 5000, 5000, 1, 0, 9); }
Test(brute, hop_1000_999) { brute_force(WIN_HOP, 1000, 999, 1, 0, 10); }
Test(brute, cumulate_6_2) { brute_force(WIN_CUMULATE, 6000, 2000, 1, 0, 11); }
Test(brute, cumulate_6_2_batched_filtered) { brute_force(WIN_CUMULATE, 6000, 2000, 0, 1, 12); }
Test(brute, cumulate_1_1) { brute_force(WIN_CUMULATE, 1000, 1000, 1, 0, 13); }
Test(brute, cumulate_9_1) { brute_force(WIN_CUMULATE, 9000, 1000, 1, 0, 14); }

/* ---- SESSION ----------------------------------------------------------------------- */

Test(session, chaining_and_gap_boundary)
{
    open_std(WIN_SESSION, 0, 0, 10000);
    h_row(0, 1, 1);
    h_row(5000, 1, 2);
    h_row(14000, 1, 4);    /* 9 s after 5000: chains -> [0, 24000) */
    h_row(24000, 1, 8);    /* exactly gap after 14000: a new session */
    h_row(100000, 2, 16);
    h_row(90000, 2, 32);   /* exactly gap before 100000: separate */
    h_row(200000, 3, 64);
    h_row(209999, 3, 128); /* 1 ms less than gap: chains */
    h_finish();
    cr_assert_eq(h.cap->n, 5);
    expect_win(0, 0, 24000, 1, 3, 7);
    expect_win(1, 24000, 34000, 1, 1, 8);
    expect_win(2, 90000, 100000, 2, 1, 32);
    expect_win(3, 100000, 110000, 2, 1, 16);
    expect_win(4, 200000, 219999, 3, 2, 192);
    cr_assert_eq(h.ex.late, 0);
    h_close();
}

Test(session, row_between_merges_two_sessions)
{
    open_std(WIN_SESSION, 0, 0, 10000);
    h_row(0, 1, 1);       /* [0, 10000) */
    h_row(18000, 1, 2);   /* [18000, 28000) */
    h_row(9000, 1, 4);    /* [9000, 19000) overlaps both: [0, 28000) */
    h_row(40000, 1, 8);
    h_row(35000, 1, 16);  /* extends backwards: [35000, 50000) */
    h_row(60000, 1, 32);
    h_row(80000, 1, 64);
    h_row(100000, 1, 128);
    h_row(70000, 1, 256); /* 60000, 70000 exactly gap apart, 70000, 80000 too: no merge */
    h_finish();
    cr_assert_eq(h.cap->n, 6);
    expect_win(0, 0, 28000, 1, 3, 7);
    expect_win(1, 35000, 50000, 1, 2, 24);
    expect_win(2, 60000, 70000, 1, 1, 32);
    expect_win(3, 70000, 80000, 1, 1, 256);
    expect_win(4, 80000, 90000, 1, 1, 64);
    expect_win(5, 100000, 110000, 1, 1, 128);
    h_close();
}

Test(session, merge_of_many_sessions)
{
    open_std(WIN_SESSION, 0, 0, 1500);
    for (int i = 0; i < 20; i++) h_row(i * 2000, 1, 1); /* 20 separate sessions */
    for (int i = 0; i < 19; i++) h_row(i * 2000 + 1000, 1, 1); /* the gaps filled: all chain */
    h_finish();
    cr_assert_eq(h.cap->n, 1);
    expect_win(0, 0, 39500, 1, 39, 39);
    h_close();
}

Test(session, fires_when_watermark_reaches_end)
{
    open_std(WIN_SESSION, 0, 0, 10000);
    h.delay = 0;
    h_row(0, 1, 1);
    h_row(3000, 2, 2);
    h_watermark(9999);
    cr_assert_eq(h.cap->n, 0);
    h_watermark(10000);
    cr_assert_eq(h.cap->n, 1, "[0, 10000) fires at W = 10000");
    expect_win(0, 0, 10000, 1, 1, 1);
    h_watermark(12999);
    cr_assert_eq(h.cap->n, 1);
    h_row(13000, 3, 4); /* moves W to 13000 */
    cr_assert_eq(h.cap->n, 2);
    expect_win(1, 3000, 13000, 2, 1, 2);
    h_finish();
    cr_assert_eq(h.cap->n, 3);
    expect_win(2, 13000, 23000, 3, 1, 4);
    h_close();
}

Test(session, late_rows)
{
    open_std(WIN_SESSION, 0, 0, 10000);
    h.delay = 0;
    h_row(0, 1, 1);
    h_watermark(10000);          /* [0, 10000) fired */
    cr_assert_eq(h.cap->n, 1);
    h_row(0, 1, 2);              /* [0, 10000) again: ends at W, late */
    cr_assert_eq(h.ex.late, 1);
    h_row(-5000, 2, 2);          /* new key, but [-5000, 5000) is over: late */
    cr_assert_eq(h.ex.late, 2);
    h_row3(vnull(), vi(1), vi(2)); /* no event time */
    cr_assert_eq(h.ex.late, 3);
    h_row(3000, 1, 4);           /* [3000, 13000) ends after W: a new session */
    h_row(1000, 1, 8);           /* [1000, 11000) overlaps the open one: merges */
    cr_assert_eq(h.ex.late, 3);
    h_finish();
    cr_assert_eq(h.cap->n, 2);
    expect_win(1, 1000, 13000, 1, 2, 12);
    h_close();
}

Test(session, order_end_then_key)
{
    open_std(WIN_SESSION, 0, 0, 10000);
    h_row(0, 3, 1);
    h_row(0, 1, 1);
    h_row3(vi(0), vnull(), vi(1));
    h_row(0, -2, 1);
    h_row(5000, 0, 1); /* ends 15000 */
    h_row(-5000, 9, 1); /* ends 5000 */
    h_finish();
    cr_assert_eq(h.cap->n, 6);
    expect_win(0, -5000, 5000, 9, 1, 1);
    cr_assert(h.cap->rows[1].v[C_KEY].null && h.cap->rows[1].v[C_WE].u.i == 10000, "NULL key first");
    expect_win(2, 0, 10000, -2, 1, 1);
    expect_win(3, 0, 10000, 1, 1, 1);
    expect_win(4, 0, 10000, 3, 1, 1);
    expect_win(5, 5000, 15000, 0, 1, 1);
    h_close();
}

typedef struct SRow {
    int64_t t, key, arg;
} SRow;

static int cmp_srow(const void *x, const void *y)
{
    const SRow *a = x, *b = y;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    return a->t < b->t ? -1 : a->t > b->t;
}

typedef struct RefSess {
    int64_t start, end, key, cnt, sum;
} RefSess;

static int cmp_refsess(const void *x, const void *y)
{
    const RefSess *a = x, *b = y;
    if (a->end != b->end) return a->end < b->end ? -1 : 1;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    return a->start < b->start ? -1 : a->start > b->start;
}

/* The sessions of rows: per key, sorted by time, chained while < gap apart. */
static int ref_sessions(SRow *rows, int n, int64_t gap, RefSess *out)
{
    qsort(rows, (size_t)n, sizeof *rows, cmp_srow);
    int m = 0;
    for (int i = 0; i < n; i++) {
        if (i && rows[i].key == rows[i - 1].key && rows[i].t - rows[i - 1].t < gap) {
            out[m - 1].end = rows[i].t + gap;
            out[m - 1].cnt++;
            out[m - 1].sum += rows[i].arg;
        } else {
            out[m++] = (RefSess){rows[i].t, rows[i].t + gap, rows[i].key, 1, rows[i].arg};
        }
    }
    qsort(out, (size_t)m, sizeof *out, cmp_refsess);
    return m;
}

/* Rows in random order with no watermark until the end: the sessions are the
 * chains of the whole input, however the rows arrived (merging included). */
Test(session, brute_force_any_order)
{
    srand(21);
    enum { NR = 3000 };
    static SRow rows[NR], sorted[NR];
    static RefSess want[NR];
    for (int trial = 0; trial < 4; trial++) {
        int64_t gap = trial == 0 ? 1000 : 500 + rand() % 3000;
        open_std(WIN_SESSION, 0, 0, gap);
        int n = 300 + rand() % (NR - 300);
        for (int i = 0; i < n; i++)
            rows[i] = (SRow){rand() % 400000 - 100000, rand() % 13, rand() % 100};
        if (trial == 0)
            for (int i = 0; i < n; i++) rows[i].t -= rows[i].t % 1000; /* many rows exactly gap apart */
        for (int i = 0; i < n; i++) h_row(rows[i].t, rows[i].key, rows[i].arg);
        memcpy(sorted, rows, sizeof(SRow) * (size_t)n);
        int m = ref_sessions(sorted, n, gap, want);
        h_finish();
        cr_assert_eq(h.cap->n, m, "trial %d: %d sessions, want %d", trial, h.cap->n, m);
        for (int i = 0; i < m; i++) expect_win(i, want[i].start, want[i].end, want[i].key, want[i].cnt, want[i].sum);
        cr_assert_eq(h.ex.late, 0);
        h_close();
    }
}

/* Rows in time order with a watermark: the same sessions, each emitted with
 * the first row whose watermark reached its end. */
Test(session, brute_force_in_order_firing)
{
    srand(22);
    enum { NR = 3000 };
    static SRow rows[NR];
    static RefSess want[NR];
    int64_t gap = 2000, t = -50000;
    open_std(WIN_SESSION, 0, 0, gap);
    h.delay = 700;
    int64_t wms[NR];
    for (int i = 0; i < NR; i++) {
        t += rand() % 3 == 0 ? rand() % 5000 : rand() % 200;
        rows[i] = (SRow){t, rand() % 5, rand() % 100};
        h_row(rows[i].t, rows[i].key, rows[i].arg);
        wms[i] = h.wm;
    }
    h_finish();
    int m = ref_sessions(rows, NR, gap, want);
    cr_assert_eq(h.cap->n, m);
    for (int i = 0; i < m; i++) {
        expect_win(i, want[i].start, want[i].end, want[i].key, want[i].cnt, want[i].sum);
        int step = -1;
        for (int s = 0; s < NR; s++)
            if (wms[s] >= want[i].end) {
                step = s;
                break;
            }
        cr_assert_eq(h.cap->rows[i].step, step, "session %d fired at row %d, want %d", i, h.cap->rows[i].step, step);
    }
    cr_assert_eq(h.ex.late, 0);
    h_close();
}

/* ---- strings in state, freeing ---------------------------------------------------- */

static const AggKind str_aggs[] = {AGG_COUNT_STAR, AGG_COUNT_DISTINCT, AGG_MIN, AGG_MAX};

/* VARCHAR keys and arguments from a scratch buffer that is overwritten after
 * every push: what the operators keep (keys, MIN/MAX strings, DISTINCT sets)
 * must be their own copies.  Run under ASan for use-after-free and leaks. */
static void strings_case(WindowKind kind, int64_t size, int64_t slide, int64_t gap)
{
    h_open(kind, size, slide, gap, 1, TYPE_VARCHAR, TYPE_VARCHAR, 4, str_aggs);
    static char kbuf[32], abuf[32];
    static const char *args[] = {"pear", "apple", "fig", "apple", "kiwi", ""};
    for (int i = 0; i < 60; i++) {
        int kn = snprintf(kbuf, sizeof kbuf, "user-%02d", i % 4);
        int an = snprintf(abuf, sizeof abuf, "%s", args[i % 6]);
        h_row3(vi(i * 100), (Value){.u.s = kbuf, .len = (uint32_t)kn}, (Value){.u.s = abuf, .len = (uint32_t)an});
        memset(kbuf, '#', sizeof kbuf);
        memset(abuf, '#', sizeof abuf);
    }
    h_finish();
    cr_assert_gt(h.cap->n, 0);
    for (int i = 0; i < h.cap->n; i++) {
        const Value *v = h.cap->rows[i].v;
        cr_assert(v[3].len == 7 && memcmp(v[3].u.s, "user-0", 6) == 0, "key \"%.*s\"", (int)v[3].len, v[3].u.s);
        int64_t cnt = v[4].u.i, distinct = v[5].u.i;
        cr_assert(distinct >= 1 && distinct <= 5 && distinct <= cnt);
        for (int c = 6; c <= 7; c++) {
            const Value *s = &v[c];
            int ok = 0;
            for (int a = 0; a < 6; a++)
                if (s->len == strlen(args[a]) && (!s->len || memcmp(s->u.s, args[a], s->len) == 0)) ok = 1;
            cr_assert(ok, "row %d col %d: \"%.*s\" is not an input value", i, c, (int)s->len, s->u.s);
        }
    }
    h_close();
}

Test(strings, tumble) { strings_case(WIN_TUMBLE, 1000, 1000, 0); }
Test(strings, hop) { strings_case(WIN_HOP, 1000, 300, 0); }
Test(strings, cumulate) { strings_case(WIN_CUMULATE, 3000, 1000, 0); }
Test(strings, session) { strings_case(WIN_SESSION, 0, 0, 150); }

/* Exact values for one HOP window over strings: MIN/MAX by bytes, DISTINCT
 * across merged slices. */
Test(strings, hop_exact)
{
    h_open(WIN_HOP, 4000, 2000, 0, 1, TYPE_VARCHAR, TYPE_VARCHAR, 4, str_aggs);
    h_row3(vi(500), vs("k"), vs("pear"));
    h_row3(vi(2500), vs("k"), vs("apple"));
    h_row3(vi(2600), vs("k"), vs("pear"));
    h_row3(vi(2700), vs("k"), vnull());
    h_finish();
    /* [-2000, 2000): pear; [0, 4000): pear apple pear NULL; [2000, 6000): apple pear NULL */
    cr_assert_eq(h.cap->n, 3);
    const Value *v = h.cap->rows[1].v;
    cr_assert_eq(v[0].u.i, 0);
    cr_assert_eq(v[4].u.i, 4);
    cr_assert_eq(v[5].u.i, 2);
    cr_assert(v[6].len == 5 && memcmp(v[6].u.s, "apple", 5) == 0);
    cr_assert(v[7].len == 4 && memcmp(v[7].u.s, "pear", 4) == 0);
    h_close();
}

/* ---- state is released after firing ---------------------------------------------- */

extern size_t __sanitizer_get_current_allocated_bytes(void) __attribute__((weak));

/* Bytes currently allocated on the heap (the sanitizer's count under ASan). */
static size_t heap_in_use(void)
{
    if (__sanitizer_get_current_allocated_bytes) return __sanitizer_get_current_allocated_bytes();
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

/* A long stream over many windows and keys: memory after 200k rows is about
 * what it was after 20k (fired windows, sessions and their keys are freed),
 * and nothing is left to fire at the end. */
static void bounded_state_case(WindowKind kind, int64_t size, int64_t slide, int64_t gap)
{
    open_std(kind, size, slide, gap);
    h.cap->store = 0;
    h.delay = 100;
    size_t at20k = 0;
    for (int i = 0; i < 200000; i++) {
        /* 100 keys; each key's rows 100 ms apart */
        h_row(i, i % 100 + (kind == WIN_SESSION ? (i / 20000) * 1000 : 0), 1);
        if (i == 20000) at20k = heap_in_use();
    }
    size_t at200k = heap_in_use();
    long before_finish = h.cap->total;
    h_finish();
    cr_assert_lt(h.cap->total - before_finish, 3000, "only the last windows are left at the end");
    cr_assert_lt(at200k, at20k + 256 * 1024, "state grew from %zu to %zu bytes", at20k, at200k);
    h_close();
}

Test(state, tumble_bounded) { bounded_state_case(WIN_TUMBLE, 1000, 1000, 0); }
Test(state, hop_bounded) { bounded_state_case(WIN_HOP, 1000, 300, 0); }
Test(state, cumulate_bounded) { bounded_state_case(WIN_CUMULATE, 2000, 500, 0); }
Test(state, session_bounded) { bounded_state_case(WIN_SESSION, 0, 0, 150); }
