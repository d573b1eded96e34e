/*
 * test_agg.c - the aggregate functions of runtime/agg.c one by one: COUNT(*),
 * COUNT, COUNT(DISTINCT), SUM, AVG, MIN, MAX through init / add / result, their
 * NULL rules, merge (what HOP, CUMULATE and SESSION rely on: two partial states
 * merged equal one state fed every row), and agg_free (run the sanitizer build
 * to check for leaks and use-after-free of the owned strings and sets).
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"

/* ---- helpers -------------------------------------------------------------- */

static Value vi(int64_t i) { return (Value){.u.i = i}; }
static Value vd(double d) { return (Value){.u.d = d}; }
static Value vs(const char *s) { return (Value){.u.s = s, .len = (uint32_t)strlen(s)}; }
static Value vnull(void) { return (Value){.null = 1}; }

static AggSpec spec(AggKind k, TypeId arg)
{
    return (AggSpec){.kind = k, .arg_type = arg, .result_type = agg_result_type(k, arg), .arg_col = 0};
}

/* A state fed the values vals[0..n). */
static void feed(const AggSpec *s, AggState *st, const Value *vals, int n)
{
    agg_init(s, st);
    for (int i = 0; i < n; i++) cr_assert_eq(agg_add(s, st, &vals[i]), 0);
}

static Value result_of(const AggSpec *s, const Value *vals, int n, AggState *st)
{
    feed(s, st, vals, n);
    Value out;
    memset(&out, 0x5a, sizeof out); /* result must set every field that matters */
    agg_result(s, st, &out);
    return out;
}

static int64_t int_result(AggKind k, TypeId t, const Value *vals, int n)
{
    AggSpec s = spec(k, t);
    AggState st;
    Value out = result_of(&s, vals, n, &st);
    cr_assert_eq(out.null, 0, "%s unexpectedly NULL", agg_name(k));
    agg_free(&s, &st);
    return out.u.i;
}

static double dbl_result(AggKind k, TypeId t, const Value *vals, int n)
{
    AggSpec s = spec(k, t);
    AggState st;
    Value out = result_of(&s, vals, n, &st);
    cr_assert_eq(out.null, 0, "%s unexpectedly NULL", agg_name(k));
    agg_free(&s, &st);
    return out.u.d;
}

static int is_null_result(AggKind k, TypeId t, const Value *vals, int n)
{
    AggSpec s = spec(k, t);
    AggState st;
    Value out = result_of(&s, vals, n, &st);
    agg_free(&s, &st);
    return out.null == 1;
}

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---- result types ------------------------------------------------------------ */

Test(agg, result_types)
{
    static const TypeId all[] = {TYPE_BOOLEAN, TYPE_BIGINT, TYPE_DOUBLE, TYPE_VARCHAR, TYPE_TIMESTAMP, TYPE_INT};
    for (int i = 0; i < N(all); i++) {
        cr_assert_eq(agg_result_type(AGG_COUNT_STAR, all[i]), TYPE_BIGINT);
        cr_assert_eq(agg_result_type(AGG_COUNT, all[i]), TYPE_BIGINT);
        cr_assert_eq(agg_result_type(AGG_COUNT_DISTINCT, all[i]), TYPE_BIGINT);
        cr_assert_eq(agg_result_type(AGG_AVG, all[i] == TYPE_VARCHAR ? TYPE_DOUBLE : all[i]), TYPE_DOUBLE);
        cr_assert_eq(agg_result_type(AGG_MIN, all[i]), all[i]);
        cr_assert_eq(agg_result_type(AGG_MAX, all[i]), all[i]);
    }
    cr_assert_eq(agg_result_type(AGG_SUM, TYPE_BIGINT), TYPE_BIGINT);
    cr_assert_eq(agg_result_type(AGG_SUM, TYPE_INT), TYPE_BIGINT);
    cr_assert_eq(agg_result_type(AGG_SUM, TYPE_DOUBLE), TYPE_DOUBLE);
    cr_assert_eq(agg_result_type(AGG_AVG, TYPE_BIGINT), TYPE_DOUBLE);
    cr_assert_eq(agg_result_type(AGG_AVG, TYPE_INT), TYPE_DOUBLE);
    cr_assert_eq(agg_result_type(AGG_MIN, TYPE_TIMESTAMP), TYPE_TIMESTAMP);
    cr_assert_eq(agg_result_type(AGG_MAX, TYPE_VARCHAR), TYPE_VARCHAR);
}

Test(agg, names)
{
    cr_assert_str_eq(agg_name(AGG_COUNT_STAR), "COUNT(*)");
    cr_assert_str_eq(agg_name(AGG_COUNT), "COUNT");
    cr_assert_str_eq(agg_name(AGG_SUM), "SUM");
    cr_assert_str_eq(agg_name(AGG_AVG), "AVG");
    cr_assert_str_eq(agg_name(AGG_MIN), "MIN");
    cr_assert_str_eq(agg_name(AGG_MAX), "MAX");
}

/* ---- COUNT ----------------------------------------------------------------------- */

Test(agg, count_star_counts_nulls)
{
    Value v[] = {vi(1), vnull(), vi(3), vnull()};
    cr_assert_eq(int_result(AGG_COUNT_STAR, TYPE_BIGINT, v, N(v)), 4);
    cr_assert_eq(int_result(AGG_COUNT_STAR, TYPE_BIGINT, v, 0), 0);
    Value nulls[] = {vnull(), vnull()};
    cr_assert_eq(int_result(AGG_COUNT_STAR, TYPE_VARCHAR, nulls, 2), 2);
}

Test(agg, count_skips_nulls)
{
    Value v[] = {vi(1), vnull(), vi(3), vnull(), vi(0)};
    cr_assert_eq(int_result(AGG_COUNT, TYPE_BIGINT, v, N(v)), 3);
    Value s[] = {vs("a"), vnull(), vs("")};
    cr_assert_eq(int_result(AGG_COUNT, TYPE_VARCHAR, s, N(s)), 2);
    Value nulls[] = {vnull(), vnull(), vnull()};
    cr_assert_eq(int_result(AGG_COUNT, TYPE_DOUBLE, nulls, N(nulls)), 0, "COUNT of only NULLs is 0, not NULL");
    cr_assert_eq(int_result(AGG_COUNT, TYPE_DOUBLE, nulls, 0), 0);
}

Test(agg, count_distinct_integers)
{
    Value v[] = {vi(5), vi(5), vnull(), vi(-5), vi(0), vi(5), vnull(), vi(0), vi(INT64_MIN), vi(INT64_MAX)};
    cr_assert_eq(int_result(AGG_COUNT_DISTINCT, TYPE_BIGINT, v, N(v)), 5);
    Value nulls[] = {vnull(), vnull()};
    cr_assert_eq(int_result(AGG_COUNT_DISTINCT, TYPE_BIGINT, nulls, 2), 0, "NULLs are not counted");
    cr_assert_eq(int_result(AGG_COUNT_DISTINCT, TYPE_BIGINT, nulls, 0), 0);
}

/* Enough values to make the set grow several times; each is added three times
 * in different orders. */
Test(agg, count_distinct_many)
{
    AggSpec s = spec(AGG_COUNT_DISTINCT, TYPE_BIGINT);
    AggState st;
    agg_init(&s, &st);
    for (int rep = 0; rep < 3; rep++)
        for (int i = 0; i < 5000; i++) {
            Value v = vi(rep == 1 ? 4999 - i : (int64_t)i * 7919 % 5000);
            cr_assert_eq(agg_add(&s, &st, &v), 0);
        }
    Value out;
    agg_result(&s, &st, &out);
    cr_assert_eq(out.null, 0);
    cr_assert_eq(out.u.i, 5000);
    agg_free(&s, &st);
}

Test(agg, count_distinct_strings_are_copied)
{
    AggSpec s = spec(AGG_COUNT_DISTINCT, TYPE_VARCHAR);
    AggState st;
    agg_init(&s, &st);
    /* The input buffer is reused between rows, as a source's read buffer is. */
    char buf[32];
    static const char *words[] = {"apple", "pear", "apple", "", "Apple", "pear", "", "apples", "appl"};
    for (int i = 0; i < N(words); i++) {
        memset(buf, '#', sizeof buf);
        memcpy(buf, words[i], strlen(words[i]));
        Value v = {.u.s = buf, .len = (uint32_t)strlen(words[i])};
        cr_assert_eq(agg_add(&s, &st, &v), 0);
    }
    Value nul = vnull();
    cr_assert_eq(agg_add(&s, &st, &nul), 0);
    Value out;
    agg_result(&s, &st, &out);
    cr_assert_eq(out.u.i, 6, "apple pear '' Apple apples appl: got %lld", (long long)out.u.i);
    /* Many distinct strings sharing a long prefix, from one scratch buffer. */
    for (int i = 0; i < 3000; i++) {
        int n = snprintf(buf, sizeof buf, "customer-%06d", i % 1000);
        Value v = {.u.s = buf, .len = (uint32_t)n};
        cr_assert_eq(agg_add(&s, &st, &v), 0);
    }
    agg_result(&s, &st, &out);
    cr_assert_eq(out.u.i, 1006);
    agg_free(&s, &st);
}

Test(agg, count_distinct_doubles)
{
    Value v[] = {vd(0.0), vd(-0.0), vd(1.5), vd(1.5), vnull(), vd(-1.5), vd(INFINITY), vd(INFINITY)};
    cr_assert_eq(int_result(AGG_COUNT_DISTINCT, TYPE_DOUBLE, v, N(v)), 4, "0.0 and -0.0 are one value");
}

/* ---- SUM / AVG ---------------------------------------------------------------------- */

Test(agg, sum_bigint)
{
    Value v[100];
    for (int i = 0; i < 100; i++) v[i] = vi(i + 1);
    cr_assert_eq(int_result(AGG_SUM, TYPE_BIGINT, v, 100), 5050);
    Value m[] = {vi(-10), vnull(), vi(3), vi(0), vnull(), vi(4)};
    cr_assert_eq(int_result(AGG_SUM, TYPE_BIGINT, m, N(m)), -3);
    Value z[] = {vi(5), vi(-5)};
    cr_assert_eq(int_result(AGG_SUM, TYPE_BIGINT, z, 2), 0, "a sum of 0 is 0, not NULL");
    Value big[] = {vi(INT64_MAX - 10), vi(5), vi(5)};
    cr_assert_eq(int_result(AGG_SUM, TYPE_BIGINT, big, 3), INT64_MAX, "stays exact in int64");
    Value ints[] = {vi(2147483647), vi(2147483647)};
    cr_assert_eq(int_result(AGG_SUM, TYPE_INT, ints, 2), 4294967294LL, "SUM(INT) is a BIGINT");
}

Test(agg, sum_double)
{
    Value v[] = {vd(0.5), vnull(), vd(0.25), vd(-2.0)};
    cr_assert_eq(dbl_result(AGG_SUM, TYPE_DOUBLE, v, N(v)), -1.25);
    Value one[] = {vd(8000.5)};
    cr_assert_eq(dbl_result(AGG_SUM, TYPE_DOUBLE, one, 1), 8000.5);
    Value z[] = {vd(0.0)};
    cr_assert_eq(dbl_result(AGG_SUM, TYPE_DOUBLE, z, 1), 0.0);
    /* Input order: ((0.1 + 0.2) + 0.3), as documented. */
    Value o[] = {vd(0.1), vd(0.2), vd(0.3)};
    cr_assert_eq(dbl_result(AGG_SUM, TYPE_DOUBLE, o, 3), (0.1 + 0.2) + 0.3);
}

Test(agg, avg)
{
    Value v[] = {vi(1), vi(2)};
    cr_assert_eq(dbl_result(AGG_AVG, TYPE_BIGINT, v, 2), 1.5, "AVG(BIGINT) is not integer division");
    Value m[] = {vi(-1), vnull(), vi(-2), vi(-4), vnull()};
    cr_assert_eq(dbl_result(AGG_AVG, TYPE_BIGINT, m, N(m)), -7.0 / 3.0, "NULLs are not in the count");
    Value d[] = {vd(1.0), vd(2.0), vnull(), vd(4.5)};
    cr_assert_eq(dbl_result(AGG_AVG, TYPE_DOUBLE, d, N(d)), 2.5);
    Value i[] = {vi(7)};
    cr_assert_eq(dbl_result(AGG_AVG, TYPE_INT, i, 1), 7.0);
}

Test(agg, sum_avg_of_nothing_is_null)
{
    Value nulls[] = {vnull(), vnull()};
    cr_assert(is_null_result(AGG_SUM, TYPE_BIGINT, nulls, 2));
    cr_assert(is_null_result(AGG_SUM, TYPE_BIGINT, nulls, 0));
    cr_assert(is_null_result(AGG_SUM, TYPE_DOUBLE, nulls, 2));
    cr_assert(is_null_result(AGG_SUM, TYPE_DOUBLE, nulls, 0));
    cr_assert(is_null_result(AGG_AVG, TYPE_BIGINT, nulls, 2));
    cr_assert(is_null_result(AGG_AVG, TYPE_DOUBLE, nulls, 2));
    cr_assert(is_null_result(AGG_AVG, TYPE_DOUBLE, nulls, 0));
}

/* ---- MIN / MAX -------------------------------------------------------------------- */

Test(agg, minmax_bigint)
{
    Value v[] = {vi(5), vnull(), vi(-3), vi(12), vi(0), vnull()};
    cr_assert_eq(int_result(AGG_MIN, TYPE_BIGINT, v, N(v)), -3);
    cr_assert_eq(int_result(AGG_MAX, TYPE_BIGINT, v, N(v)), 12);
    /* No hidden 0 start value: all negative / all positive. */
    Value neg[] = {vi(-5), vi(-3), vi(-9)};
    cr_assert_eq(int_result(AGG_MAX, TYPE_BIGINT, neg, 3), -3);
    Value pos[] = {vi(5), vi(3), vi(9)};
    cr_assert_eq(int_result(AGG_MIN, TYPE_BIGINT, pos, 3), 3);
    Value ext[] = {vi(0), vi(INT64_MIN), vi(INT64_MAX)};
    cr_assert_eq(int_result(AGG_MIN, TYPE_BIGINT, ext, 3), INT64_MIN);
    cr_assert_eq(int_result(AGG_MAX, TYPE_BIGINT, ext, 3), INT64_MAX);
    Value zero[] = {vnull(), vi(0)};
    cr_assert_eq(int_result(AGG_MIN, TYPE_INT, zero, 2), 0);
    cr_assert_eq(int_result(AGG_MAX, TYPE_INT, zero, 2), 0);
}

Test(agg, minmax_double)
{
    Value v[] = {vd(2.5), vd(-0.5), vnull(), vd(1e10), vd(-1e-10)};
    cr_assert_eq(dbl_result(AGG_MIN, TYPE_DOUBLE, v, N(v)), -0.5);
    cr_assert_eq(dbl_result(AGG_MAX, TYPE_DOUBLE, v, N(v)), 1e10);
    Value neg[] = {vd(-2.5), vd(-1.25), vd(-7.0)};
    cr_assert_eq(dbl_result(AGG_MAX, TYPE_DOUBLE, neg, 3), -1.25);
    cr_assert_eq(dbl_result(AGG_MIN, TYPE_DOUBLE, neg, 3), -7.0);
    /* Compared as doubles, not as their bit patterns (negative bits sort high). */
    Value mix[] = {vd(-1.0), vd(0.5), vd(-3.0), vd(2.0)};
    cr_assert_eq(dbl_result(AGG_MIN, TYPE_DOUBLE, mix, 4), -3.0);
    cr_assert_eq(dbl_result(AGG_MAX, TYPE_DOUBLE, mix, 4), 2.0);
    Value inf[] = {vd(1.0), vd(-INFINITY), vd(INFINITY)};
    cr_assert_eq(dbl_result(AGG_MIN, TYPE_DOUBLE, inf, 3), -INFINITY);
    cr_assert_eq(dbl_result(AGG_MAX, TYPE_DOUBLE, inf, 3), INFINITY);
}

Test(agg, minmax_timestamp)
{
    Value v[] = {vi(1715421600000LL), vi(-1), vnull(), vi(0), vi(-86400000LL)};
    cr_assert_eq(int_result(AGG_MIN, TYPE_TIMESTAMP, v, N(v)), -86400000LL);
    cr_assert_eq(int_result(AGG_MAX, TYPE_TIMESTAMP, v, N(v)), 1715421600000LL);
}

/* Feeds VARCHARs through one scratch buffer (overwritten after each add) and
 * checks the result by bytes. */
static void expect_str_minmax(AggKind k, const char *const *words, int n, const char *want)
{
    AggSpec s = spec(k, TYPE_VARCHAR);
    AggState st;
    agg_init(&s, &st);
    char buf[64];
    for (int i = 0; i < n; i++) {
        Value v = vnull();
        if (words[i]) {
            memcpy(buf, words[i], strlen(words[i]));
            v = (Value){.u.s = buf, .len = (uint32_t)strlen(words[i])};
        }
        cr_assert_eq(agg_add(&s, &st, &v), 0);
        memset(buf, '#', sizeof buf);
    }
    Value out;
    agg_result(&s, &st, &out);
    if (!want) {
        cr_assert_eq(out.null, 1, "%s should be NULL", agg_name(k));
    } else {
        cr_assert_eq(out.null, 0);
        cr_assert_eq(out.len, strlen(want), "%s: \"%.*s\", want \"%s\"", agg_name(k), (int)out.len, out.u.s, want);
        cr_assert(out.len == 0 || memcmp(out.u.s, want, out.len) == 0, "%s: \"%.*s\", want \"%s\"", agg_name(k),
                  (int)out.len, out.u.s, want);
    }
    agg_free(&s, &st);
}

Test(agg, minmax_varchar)
{
    const char *w[] = {"pear", "apple", NULL, "banana", "apples", "Zebra"};
    expect_str_minmax(AGG_MIN, w, N(w), "Zebra"); /* bytes: 'Z' < 'a' */
    expect_str_minmax(AGG_MAX, w, N(w), "pear");
    const char *p[] = {"abc", "ab", "abcd"};
    expect_str_minmax(AGG_MIN, p, 3, "ab");       /* a prefix sorts first */
    expect_str_minmax(AGG_MAX, p, 3, "abcd");
    const char *e[] = {"x", "", "y"};
    expect_str_minmax(AGG_MIN, e, 3, "");         /* '' is a value, not NULL */
    expect_str_minmax(AGG_MAX, e, 3, "y");
    const char *only_empty[] = {NULL, ""};
    expect_str_minmax(AGG_MAX, only_empty, 2, "");
    const char *hi[] = {"a", "\xc3\xa9", "z"};         /* UTF-8 bytes compare unsigned */
    expect_str_minmax(AGG_MAX, hi, 3, "\xc3\xa9");
    expect_str_minmax(AGG_MIN, hi, 3, "a");
    const char *grow[] = {"a", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "c", "dd"};
    expect_str_minmax(AGG_MAX, grow, 4, "dd");
    expect_str_minmax(AGG_MIN, grow, 4, "a");
}

Test(agg, minmax_of_nothing_is_null)
{
    Value nulls[] = {vnull(), vnull()};
    static const TypeId types[] = {TYPE_BIGINT, TYPE_INT, TYPE_DOUBLE, TYPE_TIMESTAMP};
    for (int i = 0; i < N(types); i++) {
        cr_assert(is_null_result(AGG_MIN, types[i], nulls, 2));
        cr_assert(is_null_result(AGG_MAX, types[i], nulls, 2));
        cr_assert(is_null_result(AGG_MIN, types[i], nulls, 0));
        cr_assert(is_null_result(AGG_MAX, types[i], nulls, 0));
    }
    const char *w[] = {NULL, NULL};
    expect_str_minmax(AGG_MIN, w, 2, NULL);
    expect_str_minmax(AGG_MAX, w, 0, NULL);
}

/* ---- merge ----------------------------------------------------------------------- */

/* Every aggregate over one argument type, for the merge tests. */
typedef struct Case {
    AggKind kind;
    TypeId type;
} Case;

static const Case merge_cases[] = {
    {AGG_COUNT_STAR, TYPE_BIGINT}, {AGG_COUNT, TYPE_BIGINT},        {AGG_COUNT, TYPE_VARCHAR},
    {AGG_COUNT_DISTINCT, TYPE_BIGINT}, {AGG_COUNT_DISTINCT, TYPE_VARCHAR}, {AGG_COUNT_DISTINCT, TYPE_DOUBLE},
    {AGG_SUM, TYPE_BIGINT},        {AGG_SUM, TYPE_DOUBLE},          {AGG_AVG, TYPE_BIGINT},
    {AGG_AVG, TYPE_DOUBLE},        {AGG_MIN, TYPE_BIGINT},          {AGG_MAX, TYPE_BIGINT},
    {AGG_MIN, TYPE_DOUBLE},        {AGG_MAX, TYPE_DOUBLE},          {AGG_MIN, TYPE_VARCHAR},
    {AGG_MAX, TYPE_VARCHAR},       {AGG_MIN, TYPE_TIMESTAMP},       {AGG_MAX, TYPE_TIMESTAMP},
};

static char words[64][16];

/* A random value of type t (NULL one time in five).  Doubles are multiples of
 * 0.5 so that sums are exact whatever the order of addition. */
static Value random_value(TypeId t)
{
    if (rand() % 5 == 0) return vnull();
    int r = rand() % 64 - 32;
    switch (t) {
    case TYPE_DOUBLE: return vd(r * 0.5);
    case TYPE_VARCHAR: {
        int w = r + 32;
        return (Value){.u.s = words[w], .len = (uint32_t)strlen(words[w])};
    }
    case TYPE_TIMESTAMP: return vi((int64_t)r * 1000 - 5);
    default: return vi(r * 1000003LL);
    }
}

static void init_words(void)
{
    for (int i = 0; i < 64; i++) snprintf(words[i], sizeof words[i], "%c%d", 'a' + i % 7, i * 37 % 101);
    words[0][0] = 0; /* '' */
}

static void assert_same_result(const Case *c, const Value *a, const Value *b, const char *what)
{
    cr_assert_eq(a->null, b->null, "%s(%s) %s: null %d vs %d", agg_name(c->kind), type_name(c->type), what,
                 a->null, b->null);
    if (a->null) return;
    TypeId rt = agg_result_type(c->kind, c->type);
    if (rt == TYPE_VARCHAR) {
        cr_assert(a->len == b->len && memcmp(a->u.s, b->u.s, a->len) == 0, "%s(VARCHAR) %s: \"%.*s\" vs \"%.*s\"",
                  agg_name(c->kind), what, (int)a->len, a->u.s, (int)b->len, b->u.s);
    } else if (rt == TYPE_DOUBLE) {
        cr_assert_eq(a->u.d, b->u.d, "%s(%s) %s: %.17g vs %.17g", agg_name(c->kind), type_name(c->type), what,
                     a->u.d, b->u.d);
    } else {
        cr_assert_eq(a->u.i, b->u.i, "%s(%s) %s: %lld vs %lld", agg_name(c->kind), type_name(c->type), what,
                     (long long)a->u.i, (long long)b->u.i);
    }
}

/* Split the rows at every point (and into three parts): merging the partial
 * states equals one state fed every row; the source of a merge is unchanged
 * and may be freed without touching the destination. */
Test(agg, merge_equals_single_state)
{
    init_words();
    srand(4242);
    for (int ci = 0; ci < N(merge_cases); ci++) {
        const Case *c = &merge_cases[ci];
        AggSpec s = spec(c->kind, c->type);
        for (int trial = 0; trial < 20; trial++) {
            Value rows[40];
            int n = trial < 2 ? trial * 3 : rand() % 40;
            for (int i = 0; i < n; i++) rows[i] = random_value(c->type);
            AggState all;
            feed(&s, &all, rows, n);
            Value want;
            agg_result(&s, &all, &want);
            for (int cut = 0; cut <= n; cut++) {
                AggState a, b;
                feed(&s, &a, rows, cut);
                feed(&s, &b, rows + cut, n - cut);
                Value b_before;
                agg_result(&s, &b, &b_before);
                cr_assert_eq(agg_merge(&s, &a, &b), 0);
                Value b_after;
                agg_result(&s, &b, &b_after);
                assert_same_result(c, &b_before, &b_after, "merge source changed");
                agg_free(&s, &b); /* dst must not share memory with src */
                Value got;
                agg_result(&s, &a, &got);
                assert_same_result(c, &got, &want, "merged vs single");
                /* A merged state keeps accepting rows. */
                Value extra = random_value(c->type);
                AggState all2;
                feed(&s, &all2, rows, n);
                cr_assert_eq(agg_add(&s, &all2, &extra), 0);
                cr_assert_eq(agg_add(&s, &a, &extra), 0);
                Value w2, g2;
                agg_result(&s, &all2, &w2);
                agg_result(&s, &a, &g2);
                assert_same_result(c, &g2, &w2, "add after merge");
                agg_free(&s, &all2);
                agg_free(&s, &a);
            }
            /* Three parts, merged right to left. */
            if (n >= 3) {
                int x = n / 3, y = 2 * n / 3;
                AggState p1, p2, p3;
                feed(&s, &p1, rows, x);
                feed(&s, &p2, rows + x, y - x);
                feed(&s, &p3, rows + y, n - y);
                cr_assert_eq(agg_merge(&s, &p2, &p3), 0);
                cr_assert_eq(agg_merge(&s, &p1, &p2), 0);
                Value got;
                agg_result(&s, &p1, &got);
                assert_same_result(c, &got, &want, "three-way merge");
                agg_free(&s, &p1);
                agg_free(&s, &p2);
                agg_free(&s, &p3);
            }
            agg_free(&s, &all);
        }
    }
}

/* Merging empty states (never fed, or fed only NULLs) changes nothing, and two
 * empty states merge to an empty one (NULL for SUM/AVG/MIN/MAX, 0 for COUNTs). */
Test(agg, merge_empty_states)
{
    init_words();
    for (int ci = 0; ci < N(merge_cases); ci++) {
        const Case *c = &merge_cases[ci];
        AggSpec s = spec(c->kind, c->type);
        Value nulls[] = {vnull(), vnull()};
        for (int only_nulls = 0; only_nulls < 2; only_nulls++) {
            int nn = only_nulls ? 2 : 0;
            AggState e1, e2;
            feed(&s, &e1, nulls, nn);
            feed(&s, &e2, nulls, nn);
            cr_assert_eq(agg_merge(&s, &e1, &e2), 0);
            Value out;
            agg_result(&s, &e1, &out);
            if (c->kind == AGG_COUNT_STAR) {
                cr_assert_eq(out.null, 0);
                cr_assert_eq(out.u.i, 2 * nn);
            } else if (c->kind == AGG_COUNT || c->kind == AGG_COUNT_DISTINCT) {
                cr_assert_eq(out.null, 0, "%s of nothing is 0", agg_name(c->kind));
                cr_assert_eq(out.u.i, 0);
            } else {
                cr_assert_eq(out.null, 1, "%s(%s) of nothing is NULL", agg_name(c->kind), type_name(c->type));
            }
            agg_free(&s, &e1);
            agg_free(&s, &e2);

            /* full <- empty and empty <- full */
            Value rows[] = {random_value(c->type), random_value(c->type), random_value(c->type)};
            rows[0] = c->type == TYPE_VARCHAR ? vs("m") : c->type == TYPE_DOUBLE ? vd(1.5) : vi(17);
            AggState full, empty, want_st;
            feed(&s, &want_st, rows, 3);
            Value want;
            agg_result(&s, &want_st, &want);
            feed(&s, &full, rows, 3);
            feed(&s, &empty, nulls, nn);
            cr_assert_eq(agg_merge(&s, &full, &empty), 0);
            Value got;
            agg_result(&s, &full, &got);
            if (c->kind == AGG_COUNT_STAR) cr_assert_eq(got.u.i, want.u.i + nn);
            else assert_same_result(c, &got, &want, "full <- empty");
            agg_free(&s, &full);
            feed(&s, &full, rows, 3);
            cr_assert_eq(agg_merge(&s, &empty, &full), 0);
            agg_free(&s, &full); /* the merged copy must own its memory */
            agg_result(&s, &empty, &got);
            if (c->kind == AGG_COUNT_STAR) cr_assert_eq(got.u.i, want.u.i + nn);
            else assert_same_result(c, &got, &want, "empty <- full");
            agg_free(&s, &empty);
            agg_free(&s, &want_st);
        }
    }
}

Test(agg, merge_count_distinct_overlapping)
{
    AggSpec s = spec(AGG_COUNT_DISTINCT, TYPE_VARCHAR);
    AggState a, b;
    agg_init(&s, &a);
    agg_init(&s, &b);
    char buf[32];
    for (int i = 0; i < 600; i++) {
        int n = snprintf(buf, sizeof buf, "k%d", i);
        Value v = {.u.s = buf, .len = (uint32_t)n};
        cr_assert_eq(agg_add(&s, i < 400 ? &a : &b, &v), 0); /* a: k0..k399, b: k400..k599 */
        if (i >= 200 && i < 400) cr_assert_eq(agg_add(&s, &b, &v), 0); /* b also k200..k399 */
    }
    cr_assert_eq(agg_merge(&s, &a, &b), 0);
    agg_free(&s, &b);
    Value out;
    agg_result(&s, &a, &out);
    cr_assert_eq(out.u.i, 600);
    /* Merging the same state twice adds nothing. */
    AggState c;
    agg_init(&s, &c);
    Value v = vs("k5");
    agg_add(&s, &c, &v);
    cr_assert_eq(agg_merge(&s, &a, &c), 0);
    cr_assert_eq(agg_merge(&s, &a, &c), 0);
    agg_result(&s, &a, &out);
    cr_assert_eq(out.u.i, 600);
    agg_free(&s, &c);
    agg_free(&s, &a);
}

/* ---- free ------------------------------------------------------------------------- */

Test(agg, free_resets_and_is_safe_on_empty)
{
    for (int ci = 0; ci < N(merge_cases); ci++) {
        const Case *c = &merge_cases[ci];
        AggSpec s = spec(c->kind, c->type);
        AggState st;
        agg_init(&s, &st);
        agg_free(&s, &st); /* never fed */
        Value v = c->type == TYPE_VARCHAR ? vs("abc") : c->type == TYPE_DOUBLE ? vd(2.0) : vi(2);
        agg_init(&s, &st);
        cr_assert_eq(agg_add(&s, &st, &v), 0);
        agg_free(&s, &st);
        /* After free the state is zeroed and can be initialised again. */
        agg_init(&s, &st);
        cr_assert_eq(agg_add(&s, &st, &v), 0);
        Value out;
        agg_result(&s, &st, &out);
        cr_assert_eq(out.null, 0);
        agg_free(&s, &st);
    }
}
