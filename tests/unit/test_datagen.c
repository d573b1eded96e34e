/*
 * test_datagen.c - the 'datagen' connector (runtime/connector_datagen.c),
 * driven through source_open with hand-built SourceSpecs: every option, every
 * column type, determinism (same seed, same rows, whatever the batch size; golden
 * values computed independently with a Python splitmix64), the end of bounded
 * input, unbounded input, the throttle, and the error for each bad option.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "format.h"
#include "weir.h"

#define MAXOPT 16
#define MAXCOL 8

/* A spec under construction: columns and options as written. */
typedef struct Spec {
    SourceSpec s;
    SourceColumn cols[MAXCOL];
    const char *keys[MAXOPT], *vals[MAXOPT];
} Spec;

/* Builds a datagen spec over ncols columns (copied) with the options given as
 * key, value pairs ending in NULL. */
static void spec_init(Spec *sp, int ncols, const SourceColumn *cols, ...)
{
    memset(sp, 0, sizeof *sp);
    memcpy(sp->cols, cols, sizeof(SourceColumn) * (size_t)ncols);
    va_list ap;
    va_start(ap, cols);
    int n = 0;
    sp->keys[n] = "connector";
    sp->vals[n++] = "datagen";
    for (const char *k; (k = va_arg(ap, const char *));) {
        sp->keys[n] = k;
        sp->vals[n++] = va_arg(ap, const char *);
    }
    va_end(ap);
    sp->s = (SourceSpec){.name = "g", .connector = "datagen", .ncols = ncols, .cols = sp->cols,
                         .nopts = n, .opt_keys = sp->keys, .opt_values = sp->vals, .base_dir = ""};
}

/* Rows pulled from a source: values copied, VARCHAR bytes kept in `text`. */
typedef struct Rows {
    int ncols, n;
    Value *v;
    Arena text;
    int last_rc;
} Rows;

/* Opens spec (must succeed) and pulls at most max rows with batches of cap
 * rows; stops at WEIR_DONE. */
static Rows pull(const Spec *sp, int cap, int max)
{
    Rows r = {.ncols = sp->s.ncols};
    arena_init(&r.text);
    r.v = calloc((size_t)max * (size_t)r.ncols + 1, sizeof(Value));
    Source *src;
    WeirError err = {0};
    int rc = source_open(&sp->s, &src, &err);
    cr_assert_eq(rc, WEIR_OK, "open: %s", err.msg);
    Batch b;
    cr_assert_eq(batch_init(&b, r.ncols, cap), WEIR_OK);
    while (r.n < max) {
        batch_reset(&b);
        if (b.cap > max - r.n) b.cap = max - r.n;
        rc = src->vt->next(src, &b, &err);
        cr_assert(rc == WEIR_OK || rc == WEIR_DONE || rc == WEIR_PENDING, "next: %d %s", rc, err.msg);
        for (int i = 0; i < b.nrows; i++, r.n++)
            for (int c = 0; c < r.ncols; c++) {
                Value v = batch_row(&b, i)[c];
                if (sp->cols[c].type == TYPE_VARCHAR && !v.null)
                    v.u.s = arena_strndup(&r.text, v.u.s, v.len);
                r.v[(size_t)r.n * (size_t)r.ncols + (size_t)c] = v;
            }
        r.last_rc = rc;
        if (rc == WEIR_DONE) break;
    }
    b.cap = cap;
    batch_free(&b);
    src->vt->close(src);
    return r;
}

static Value at(const Rows *r, int row, int col) { return r->v[(size_t)row * (size_t)r->ncols + (size_t)col]; }

static void rows_free(Rows *r)
{
    free(r->v);
    arena_free(&r->text);
}

/* Opens spec expecting WEIR_ERROR whose message contains want. */
static void open_fails(const Spec *sp, const char *want)
{
    Source *src = NULL;
    WeirError err = {0};
    int rc = source_open(&sp->s, &src, &err);
    cr_assert_eq(rc, WEIR_ERROR, "expected an error mentioning %s", want);
    cr_assert_null(src);
    cr_assert(strstr(err.msg, want), "message \"%s\" lacks \"%s\"", err.msg, want);
}

static bool same_value(TypeId t, Value a, Value b)
{
    if (a.null || b.null) return a.null == b.null;
    if (t == TYPE_VARCHAR) return a.len == b.len && memcmp(a.u.s, b.u.s, a.len) == 0;
    if (t == TYPE_DOUBLE) return a.u.d == b.u.d;
    return a.u.i == b.u.i;
}

static const SourceColumn ALL[6] = {{"id", TYPE_BIGINT}, {"n", TYPE_INT},     {"d", TYPE_DOUBLE},
                                    {"b", TYPE_BOOLEAN}, {"s", TYPE_VARCHAR}, {"ts", TYPE_TIMESTAMP}};

Test(datagen, golden_values_of_seed_42)
{
    /* first draws of splitmix64 streams, computed by an independent Python model */
    static const SourceColumn cols[3] = {{"a", TYPE_BIGINT}, {"n", TYPE_INT}, {"c", TYPE_VARCHAR}};
    Spec sp;
    spec_init(&sp, 3, cols, "seed", "42", "number-of-rows", "5", "fields.n.min", "1",
              "fields.n.max", "6", "fields.c.values", "red,green,blue", NULL);
    Rows r = pull(&sp, 1024, 100);
    cr_assert_eq(r.n, 5);
    /* full BIGINT range: INT64_MIN + draw */
    cr_assert_eq(at(&r, 0, 0).u.i, (int64_t)((uint64_t)4440309922750773459LL + (1ULL << 63)));
    int64_t want_n[5] = {2, 4, 6, 5, 6};
    const char *want_c[5] = {"blue", "blue", "red", "green", "green"};
    for (int i = 0; i < 5; i++) {
        cr_assert_eq(at(&r, i, 1).u.i, want_n[i], "row %d", i);
        cr_assert_eq(at(&r, i, 2).len, strlen(want_c[i]));
        cr_assert(!memcmp(at(&r, i, 2).u.s, want_c[i], strlen(want_c[i])), "row %d", i);
    }
    rows_free(&r);
}

Test(datagen, golden_hex_strings)
{
    static const SourceColumn cols[2] = {{"id", TYPE_BIGINT}, {"s", TYPE_VARCHAR}};
    Spec sp;
    spec_init(&sp, 2, cols, "seed", "7", "number-of-rows", "3", "fields.s.length", "4", NULL);
    Rows r = pull(&sp, 1024, 10);
    const char *want[3] = {"8318", "d7aa", "860a"};
    cr_assert_eq(r.n, 3);
    for (int i = 0; i < 3; i++) cr_assert(at(&r, i, 1).len == 4 && !memcmp(at(&r, i, 1).u.s, want[i], 4));
    rows_free(&r);
}

Test(datagen, same_seed_same_rows_whatever_the_batch_size)
{
    Spec sp;
    spec_init(&sp, 6, ALL, "seed", "123", "number-of-rows", "3000", "fields.s.length", "7",
              "fields.n.null-rate", "0.25", NULL);
    Rows a = pull(&sp, 1024, 5000), b = pull(&sp, 7, 5000);
    cr_assert_eq(a.n, 3000);
    cr_assert_eq(b.n, 3000);
    for (int i = 0; i < a.n; i++)
        for (int c = 0; c < 6; c++)
            cr_assert(same_value(ALL[c].type, at(&a, i, c), at(&b, i, c)), "row %d col %d", i, c);
    rows_free(&a);
    rows_free(&b);
}

Test(datagen, other_seed_other_rows_and_default_seed_is_fixed)
{
    Spec s1, s2, s0;
    spec_init(&s1, 6, ALL, "seed", "1", "number-of-rows", "100", NULL);
    spec_init(&s2, 6, ALL, "seed", "2", "number-of-rows", "100", NULL);
    spec_init(&s0, 6, ALL, "number-of-rows", "100", NULL);
    Rows a = pull(&s1, 1024, 200), b = pull(&s2, 1024, 200), z1 = pull(&s0, 1024, 200),
         z2 = pull(&s0, 64, 200);
    int diff = 0;
    for (int i = 0; i < 100; i++) diff += at(&a, i, 0).u.i != at(&b, i, 0).u.i;
    cr_assert_gt(diff, 95);
    for (int i = 0; i < 100; i++) cr_assert_eq(at(&z1, i, 0).u.i, at(&z2, i, 0).u.i);
    rows_free(&a);
    rows_free(&b);
    rows_free(&z1);
    rows_free(&z2);
}

Test(datagen, a_column_does_not_depend_on_the_others)
{
    /* each column has its own stream, keyed by its position: what the other
     * columns are or draw does not change it */
    static const SourceColumn c1[2] = {{"a", TYPE_BIGINT}, {"n", TYPE_INT}};
    static const SourceColumn c2[2] = {{"a", TYPE_VARCHAR}, {"n", TYPE_INT}};
    Spec s1, s2;
    spec_init(&s1, 2, c1, "number-of-rows", "50", "seed", "9", NULL);
    spec_init(&s2, 2, c2, "number-of-rows", "50", "seed", "9", "fields.a.length", "33", NULL);
    Rows a = pull(&s1, 1024, 100), b = pull(&s2, 1024, 100);
    for (int i = 0; i < 50; i++) cr_assert_eq(at(&a, i, 1).u.i, at(&b, i, 1).u.i);
    rows_free(&a);
    rows_free(&b);
}

Test(datagen, number_of_rows_ends_the_input)
{
    Spec sp;
    spec_init(&sp, 1, ALL, "number-of-rows", "2500", NULL);
    Rows r = pull(&sp, 1024, 10000);
    cr_assert_eq(r.n, 2500);
    cr_assert_eq(r.last_rc, WEIR_DONE);
    rows_free(&r);
    spec_init(&sp, 1, ALL, "number-of-rows", "0", NULL);
    r = pull(&sp, 1024, 10);
    cr_assert_eq(r.n, 0);
    cr_assert_eq(r.last_rc, WEIR_DONE);
    rows_free(&r);
}

Test(datagen, unbounded_without_number_of_rows)
{
    Spec sp;
    spec_init(&sp, 2, ALL, NULL);
    Rows r = pull(&sp, 1024, 50000);
    cr_assert_eq(r.n, 50000);
    cr_assert_eq(r.last_rc, WEIR_OK);
    rows_free(&r);
}

Test(datagen, random_integers_stay_in_bounds_and_cover_them)
{
    Spec sp;
    spec_init(&sp, 2, ALL, "number-of-rows", "20000", "fields.id.min", "-3", "fields.id.max", "3",
              "fields.n.min", "100", "fields.n.max", "100", NULL);
    Rows r = pull(&sp, 1024, 20000);
    int seen[7] = {0};
    for (int i = 0; i < r.n; i++) {
        int64_t x = at(&r, i, 0).u.i;
        cr_assert(x >= -3 && x <= 3, "%lld", (long long)x);
        seen[x + 3]++;
        cr_assert_eq(at(&r, i, 1).u.i, 100);
        cr_assert_eq(at(&r, i, 0).null, 0);
    }
    for (int k = 0; k < 7; k++) cr_assert(seen[k] > 2500 && seen[k] < 3200, "value %d: %d", k - 3, seen[k]);
    rows_free(&r);
}

Test(datagen, int_default_range_is_32_bit)
{
    Spec sp;
    spec_init(&sp, 2, ALL, "number-of-rows", "5000", NULL);
    Rows r = pull(&sp, 1024, 5000);
    bool big = false;
    for (int i = 0; i < r.n; i++) {
        int64_t x = at(&r, i, 1).u.i;
        cr_assert(x >= INT32_MIN && x <= INT32_MAX);
        big |= x > 1000000000 || x < -1000000000;
    }
    cr_assert(big);
    rows_free(&r);
}

Test(datagen, sequences_count_up_and_end_when_used_up)
{
    static const SourceColumn cols[2] = {{"id", TYPE_BIGINT}, {"k", TYPE_INT}};
    Spec sp;
    spec_init(&sp, 2, cols, "number-of-rows", "100", "fields.id.kind", "sequence", "fields.id.min",
              "5", "fields.id.max", "9", "fields.k.kind", "sequence", "fields.k.step", "10", NULL);
    Rows r = pull(&sp, 2, 100);
    cr_assert_eq(r.n, 5);
    cr_assert_eq(r.last_rc, WEIR_DONE);
    for (int i = 0; i < 5; i++) {
        cr_assert_eq(at(&r, i, 0).u.i, 5 + i);
        cr_assert_eq(at(&r, i, 1).u.i, 10 * i);
    }
    rows_free(&r);
    /* step that does not divide the span: 0, 4, 8 within [0, 10] */
    spec_init(&sp, 1, cols, "fields.id.kind", "sequence", "fields.id.max", "10", "fields.id.step",
              "4", NULL);
    r = pull(&sp, 1024, 100);
    cr_assert_eq(r.n, 3);
    cr_assert_eq(at(&r, 2, 0).u.i, 8);
    rows_free(&r);
    /* a sequence up to the largest BIGINT does not overflow */
    spec_init(&sp, 1, cols, "fields.id.kind", "sequence", "fields.id.min", "9223372036854775805",
              NULL);
    r = pull(&sp, 1024, 100);
    cr_assert_eq(r.n, 3);
    cr_assert_eq(at(&r, 2, 0).u.i, INT64_MAX);
    rows_free(&r);
}

Test(datagen, double_random_and_sequence)
{
    static const SourceColumn cols[2] = {{"d", TYPE_DOUBLE}, {"e", TYPE_DOUBLE}};
    Spec sp;
    spec_init(&sp, 2, cols, "number-of-rows", "10000", "fields.d.min", "-2.5", "fields.d.max", "2.5",
              NULL);
    Rows r = pull(&sp, 1024, 10000);
    double lo = 9, hi = -9;
    for (int i = 0; i < r.n; i++) {
        double x = at(&r, i, 0).u.d, y = at(&r, i, 1).u.d;
        cr_assert(x >= -2.5 && x <= 2.5);
        cr_assert(y >= 0 && y < 1); /* default [0, 1) */
        lo = fmin(lo, x);
        hi = fmax(hi, x);
    }
    cr_assert(lo < -2.4 && hi > 2.4);
    rows_free(&r);
    spec_init(&sp, 1, cols, "fields.d.kind", "sequence", "fields.d.min", "0.5", "fields.d.max",
              "2", "fields.d.step", "0.5", NULL);
    r = pull(&sp, 1024, 100);
    cr_assert_eq(r.n, 4);
    for (int i = 0; i < 4; i++) cr_assert_eq(at(&r, i, 0).u.d, 0.5 + 0.5 * i);
    rows_free(&r);
}

Test(datagen, booleans_take_both_values)
{
    static const SourceColumn cols[1] = {{"b", TYPE_BOOLEAN}};
    Spec sp;
    spec_init(&sp, 1, cols, "number-of-rows", "1000", NULL);
    Rows r = pull(&sp, 1024, 1000);
    int t = 0;
    for (int i = 0; i < r.n; i++) {
        cr_assert(at(&r, i, 0).u.i == 0 || at(&r, i, 0).u.i == 1);
        t += (int)at(&r, i, 0).u.i;
    }
    cr_assert(t > 400 && t < 600, "%d", t);
    rows_free(&r);
}

Test(datagen, varchar_length_and_characters)
{
    static const SourceColumn cols[3] = {{"s", TYPE_VARCHAR}, {"e", TYPE_VARCHAR}, {"x", TYPE_VARCHAR}};
    Spec sp;
    spec_init(&sp, 3, cols, "number-of-rows", "2000", "fields.s.length", "37", "fields.e.length",
              "0", NULL);
    Rows r = pull(&sp, 1024, 2000);
    cr_assert_eq(r.n, 2000);
    for (int i = 0; i < r.n; i++) {
        Value s = at(&r, i, 0);
        cr_assert_eq(s.len, 37);
        for (uint32_t k = 0; k < s.len; k++) cr_assert(strchr("0123456789abcdef", s.u.s[k]));
        cr_assert_eq(at(&r, i, 1).len, 0);
        cr_assert_eq(at(&r, i, 1).null, 0);
        cr_assert_eq(at(&r, i, 2).len, 100); /* Flink's default length */
    }
    cr_assert(memcmp(at(&r, 0, 0).u.s, at(&r, 1, 0).u.s, 37) != 0);
    rows_free(&r);
}

Test(datagen, values_random_and_sequence_of_every_type)
{
    static const SourceColumn cols[6] = {{"v", TYPE_VARCHAR}, {"q", TYPE_VARCHAR},
                                         {"i", TYPE_INT},     {"b", TYPE_BOOLEAN},
                                         {"d", TYPE_DOUBLE},  {"t", TYPE_TIMESTAMP}};
    Spec sp;
    spec_init(&sp, 6, cols, "number-of-rows", "3000", "fields.v.values", " login , view,purchase",
              "fields.q.kind", "sequence", "fields.q.values", "a,b,c", "fields.i.values", "7, 8",
              "fields.b.kind", "sequence", "fields.b.values", "true,FALSE", "fields.d.values",
              "1.5", "fields.t.values", "2024-05-11 10:00:00, 2024-05-11 10:00:01.5", NULL);
    Rows r = pull(&sp, 100, 3000);
    int seen[3] = {0};
    const char *names[3] = {"login", "view", "purchase"};
    for (int i = 0; i < r.n; i++) {
        Value v = at(&r, i, 0);
        int k = -1;
        for (int j = 0; j < 3; j++)
            if (v.len == strlen(names[j]) && !memcmp(v.u.s, names[j], v.len)) k = j;
        cr_assert(k >= 0, "unexpected \"%.*s\"", (int)v.len, v.u.s);
        seen[k]++;
        cr_assert_eq(at(&r, i, 1).len, 1);
        cr_assert_eq(at(&r, i, 1).u.s[0], "abc"[i % 3]);
        cr_assert(at(&r, i, 2).u.i == 7 || at(&r, i, 2).u.i == 8);
        cr_assert_eq(at(&r, i, 3).u.i, i % 2 == 0);
        cr_assert_eq(at(&r, i, 4).u.d, 1.5);
        int64_t t = at(&r, i, 5).u.i;
        cr_assert(t == INT64_C(1715421600000) || t == INT64_C(1715421601500), "%lld", (long long)t);
    }
    for (int j = 0; j < 3; j++) cr_assert(seen[j] > 850, "%s: %d", names[j], seen[j]);
    rows_free(&r);
}

Test(datagen, timestamps_default_to_a_millisecond_sequence_from_2024)
{
    static const SourceColumn cols[3] = {{"ts", TYPE_TIMESTAMP}, {"r", TYPE_TIMESTAMP}, {"s", TYPE_TIMESTAMP}};
    Spec sp;
    spec_init(&sp, 3, cols, "number-of-rows", "3000", "fields.r.kind", "random", "fields.r.min",
              "2024-05-11 10:00:00", "fields.r.max", "2024-05-11 10:00:09.999", "fields.s.min",
              "2024-05-11 00:00:00", "fields.s.step", "1000", NULL);
    Rows r = pull(&sp, 1000, 3000);
    cr_assert_eq(r.n, 3000);
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (int i = 0; i < r.n; i++) {
        cr_assert_eq(at(&r, i, 0).u.i, INT64_C(1704067200000) + i);
        int64_t t = at(&r, i, 1).u.i;
        cr_assert(t >= INT64_C(1715421600000) && t <= INT64_C(1715421609999));
        lo = t < lo ? t : lo;
        hi = t > hi ? t : hi;
        cr_assert_eq(at(&r, i, 2).u.i, INT64_C(1715385600000) + 1000 * (int64_t)i);
    }
    cr_assert(lo < INT64_C(1715421600100) && hi > INT64_C(1715421609900));
    rows_free(&r);
    /* random without bounds: the year 2024 */
    spec_init(&sp, 1, cols, "number-of-rows", "1000", "fields.ts.kind", "random", NULL);
    r = pull(&sp, 1024, 1000);
    for (int i = 0; i < r.n; i++)
        cr_assert(at(&r, i, 0).u.i >= INT64_C(1704067200000) && at(&r, i, 0).u.i < INT64_C(1735689600000));
    rows_free(&r);
}

Test(datagen, null_rate)
{
    static const SourceColumn cols[2] = {{"a", TYPE_BIGINT}, {"s", TYPE_VARCHAR}};
    Spec sp;
    spec_init(&sp, 2, cols, "number-of-rows", "4000", "fields.a.null-rate", "0.5",
              "fields.s.null-rate", "1", NULL);
    Rows r = pull(&sp, 1024, 4000);
    int nulls = 0;
    for (int i = 0; i < r.n; i++) {
        nulls += at(&r, i, 0).null;
        cr_assert_eq(at(&r, i, 1).null, 1);
    }
    cr_assert(nulls > 1800 && nulls < 2200, "%d", nulls);
    rows_free(&r);
}

Test(datagen, column_names_in_options_are_case_insensitive)
{
    static const SourceColumn cols[1] = {{"UserId", TYPE_BIGINT}};
    Spec sp;
    spec_init(&sp, 1, cols, "number-of-rows", "3", "fields.userid.kind", "sequence", NULL);
    Rows r = pull(&sp, 1024, 10);
    cr_assert_eq(r.n, 3);
    cr_assert_eq(at(&r, 2, 0).u.i, 2);
    rows_free(&r);
}

Test(datagen, rows_per_second_throttles)
{
    static const SourceColumn cols[1] = {{"a", TYPE_BIGINT}};
    Spec sp;
    /* a row every 5 ms: the source returns PENDING in between rather than block */
    spec_init(&sp, 1, cols, "number-of-rows", "20", "rows-per-second", "200", NULL);
    Source *src;
    WeirError err = {0};
    cr_assert_eq(source_open(&sp.s, &src, &err), WEIR_OK);
    Batch b;
    batch_init(&b, 1, 1024);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int total = 0, pending = 0, rc;
    do {
        batch_reset(&b);
        rc = src->vt->next(src, &b, &err);
        total += b.nrows;
        if (rc == WEIR_PENDING) {
            pending++;
            cr_assert_eq(b.nrows, 0);
            nanosleep(&(struct timespec){0, 2000000}, NULL);
        }
    } while (rc != WEIR_DONE);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double el = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    cr_assert_eq(total, 20);
    cr_assert_gt(pending, 0);
    cr_assert(el >= 0.09, "20 rows at 200/s took only %.3f s", el); /* the last due at 19/200 s */
    cr_assert(el < 2.0, "took %.3f s", el);
    batch_free(&b);
    src->vt->close(src);
}

Test(datagen, bad_options_are_errors_naming_the_option)
{
    static const SourceColumn cols[4] = {{"a", TYPE_BIGINT}, {"s", TYPE_VARCHAR}, {"t", TYPE_TIMESTAMP},
                                         {"b", TYPE_BOOLEAN}};
    Spec sp;
    spec_init(&sp, 4, cols, "fields.a.kind", "rand", NULL);
    open_fails(&sp, "fields.a.kind: unknown kind \"rand\"");
    spec_init(&sp, 4, cols, "fields.a.min", "10", "fields.a.max", "1", NULL);
    open_fails(&sp, "fields.a.min (10) is greater than .max (1)");
    spec_init(&sp, 4, cols, "fields.t.min", "2024-02-01 00:00:00", "fields.t.max", "2024-01-01 00:00:00", NULL);
    open_fails(&sp, "fields.t.min");
    spec_init(&sp, 4, cols, "fields.s.kind", "sequence", NULL);
    open_fails(&sp, "fields.s.kind = 'sequence' on a VARCHAR column needs fields.s.values");
    spec_init(&sp, 4, cols, "fields.b.kind", "sequence", NULL);
    open_fails(&sp, "needs fields.b.values");
    spec_init(&sp, 4, cols, "fields.a.length", "5", NULL);
    open_fails(&sp, "fields.a.length applies to VARCHAR columns only");
    spec_init(&sp, 4, cols, "fields.s.length", "-1", NULL);
    open_fails(&sp, "fields.s.length must be an integer");
    spec_init(&sp, 4, cols, "fields.s.min", "1", NULL);
    open_fails(&sp, "fields.s.min does not apply to a VARCHAR column");
    spec_init(&sp, 4, cols, "fields.a.min", "ten", NULL);
    open_fails(&sp, "fields.a.min: cannot read \"ten\" as BIGINT");
    spec_init(&sp, 4, cols, "fields.t.max", "yesterday", NULL);
    open_fails(&sp, "fields.t.max: cannot read \"yesterday\" as TIMESTAMP");
    spec_init(&sp, 4, cols, "fields.a.values", "1,x,3", NULL);
    open_fails(&sp, "fields.a.values: cannot read \"x\" as BIGINT");
    spec_init(&sp, 4, cols, "fields.a.values", "1,2", "fields.a.min", "0", NULL);
    open_fails(&sp, "fields.a.values cannot be combined");
    spec_init(&sp, 4, cols, "fields.zz.kind", "random", NULL);
    open_fails(&sp, "option 'fields.zz.kind' names no physical column");
    spec_init(&sp, 4, cols, "fields.a.colour", "red", NULL);
    open_fails(&sp, "unknown datagen option 'fields.a.colour'");
    spec_init(&sp, 4, cols, "number_of_rows", "5", NULL);
    open_fails(&sp, "unknown datagen option 'number_of_rows'");
    spec_init(&sp, 4, cols, "number-of-rows", "-5", NULL);
    open_fails(&sp, "number-of-rows must be a non-negative integer");
    spec_init(&sp, 4, cols, "rows-per-second", "0", NULL);
    open_fails(&sp, "rows-per-second must be a positive number");
    spec_init(&sp, 4, cols, "seed", "abc", NULL);
    open_fails(&sp, "seed must be an integer");
    spec_init(&sp, 4, cols, "fields.a.step", "2", NULL);
    open_fails(&sp, "fields.a.step needs kind 'sequence'");
    spec_init(&sp, 4, cols, "fields.a.kind", "sequence", "fields.a.step", "0", NULL);
    open_fails(&sp, "fields.a.step must be a positive integer");
    spec_init(&sp, 4, cols, "fields.a.null-rate", "1.5", NULL);
    open_fails(&sp, "fields.a.null-rate must be a number from 0 to 1");
    static const SourceColumn icol[1] = {{"i", TYPE_INT}};
    spec_init(&sp, 1, icol, "fields.i.max", "3000000000", NULL);
    open_fails(&sp, "fields.i.max: cannot read \"3000000000\" as INT");
}
