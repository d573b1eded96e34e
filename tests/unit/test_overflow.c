/*
 * test_overflow.c - unit tests of integer overflow: the expression machine
 * (runtime/expr.c), integer functions (planner/functions.c), constant folding
 * (planner/expr_compile.c) and SUM/AVG states (runtime/agg.c).
 *
 * Expressions are compiled from "SELECT <expr> FROM t" against a scope of
 * columns b (BIGINT) and i (INT) and run over a row, so the run-time path is
 * tested (a literal-only expression is folded at compile time instead; those
 * tests check the SQL error).  Aggregates are driven through agg_add /
 * agg_merge / agg_result directly, including a checkpoint round trip.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "agg.h"
#include "functions.h"
#include "parser.h"
#include "scope.h"
#include "snapshot.h"

static Arena arena;
static WeirError err;

static void setup(void)
{
    arena_init(&arena);
    err_clear(&err);
}

static void teardown(void) { arena_free(&arena); }

TestSuite(overflow, .init = setup, .fini = teardown);

static const PlanCol cols[] = {{.name = "b", .type = TYPE_BIGINT}, {.name = "i", .type = TYPE_INT}};

/* Compiles expr over the scope (b BIGINT, i INT); returns the status. */
static int compile_expr(const char *expr, ExprProg *prog)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT %s FROM t", expr);
    AstScript *script;
    int rc = parse_script(&arena, sql, strlen(sql), &script, &err);
    cr_assert_eq(rc, WEIR_OK, "parse %s: %s", sql, err.msg);
    const AstNode *e = script->stmts[0]->select->items->items[0]->a;
    Scope scope = {.ncols = 2, .cols = cols, .what = "test"};
    return xc_compile(&arena, &scope, e, prog, &err);
}

/* Runs expr over the row (b, i): its text, or "ERROR: msg" on a data error. */
static const char *eval(const char *expr, int64_t b, int64_t i)
{
    ExprProg prog;
    err_clear(&err);
    int rc = compile_expr(expr, &prog);
    cr_assert_eq(rc, WEIR_OK, "compile %s: %s", expr, err.msg);
    Value regs[256], row[2] = {{.u.i = b}, {.u.i = i}};
    ExprCtx ctx = {.text = &arena, .regs = regs, .err = &err};
    cr_assert(prog.nregs <= 256);
    Value v;
    if (expr_eval(&prog, row, &ctx, &v)) {
        cr_expect_eq(err.code, WEIR_DATA, "%s: a data error", expr);
        return arena_printf(&arena, "ERROR: %s", err.msg);
    }
    if (v.null) return "NULL";
    char buf[64];
    const char *s;
    size_t n = value_to_text(prog.type, &v, buf, &s);
    return arena_strndup(&arena, s, n);
}

#define MAX INT64_MAX
#define MIN INT64_MIN
#define EXPECT(expr, b, i, want) cr_expect_str_eq(eval(expr, b, i), want, "%s with b=%lld i=%lld", expr, (long long)(b), (long long)(i))
#define OVERFLOW(expr, b, i) cr_expect(strncmp(eval(expr, b, i), "ERROR: integer overflow", 23) == 0, "%s with b=%lld: %s", expr, (long long)(b), eval(expr, b, i))

Test(overflow, add_sub_at_the_edge)
{
    EXPECT("b + 1", MAX - 1, 0, "9223372036854775807");
    OVERFLOW("b + 1", MAX, 0);
    EXPECT("b + -1", MIN + 1, 0, "-9223372036854775808");
    OVERFLOW("b + -1", MIN, 0);
    EXPECT("b - 1", MIN + 1, 0, "-9223372036854775808");
    OVERFLOW("b - 1", MIN, 0);
    EXPECT("0 - b", MAX, 0, "-9223372036854775807");
    EXPECT("-1 - b", MAX, 0, "-9223372036854775808");
    OVERFLOW("-2 - b", MAX, 0);
    EXPECT("-1 - b", MIN + 1, 0, "9223372036854775806");
    OVERFLOW("0 - b", MIN, 0);
    /* INT + INT is BIGINT: no INT overflow */
    EXPECT("i + i", 0, INT32_MAX, "4294967294");
    EXPECT("b + i", MAX - INT32_MAX, INT32_MAX, "9223372036854775807");
    cr_expect_str_eq(eval("b + 1", MAX, 0), "ERROR: integer overflow: 9223372036854775807 + 1 is out of range for BIGINT");
}

Test(overflow, mul_div_mod_neg)
{
    EXPECT("b * b", 3037000499LL, 0, "9223372030926249001");
    OVERFLOW("b * b", 3037000500LL, 0);
    EXPECT("b * -1", MIN + 1, 0, "9223372036854775807");
    OVERFLOW("b * -1", MIN, 0);
    OVERFLOW("b * 2", MIN / 2 - 1, 0);
    EXPECT("b * 2", MIN / 2, 0, "-9223372036854775808");
    EXPECT("b / -1", MIN + 1, 0, "9223372036854775807");
    OVERFLOW("b / -1", MIN, 0);
    EXPECT("b % -1", MIN, 0, "0");
    EXPECT("MOD(b, -1)", MIN, 0, "0");
    EXPECT("-b", MIN + 1, 0, "9223372036854775807");
    OVERFLOW("-b", MIN, 0);
    /* unary minus keeps INT */
    EXPECT("-i", 0, INT32_MIN + 1, "2147483647");
    cr_expect_str_eq(eval("-i", 0, INT32_MIN), "ERROR: integer overflow: -(-2147483648) is out of range for INT");
    /* NULL in, NULL out: no overflow */
    EXPECT("b + CAST(NULL AS BIGINT)", MAX, 0, "NULL");
    EXPECT("b / 0", 1, 0, "ERROR: division by zero");
}

Test(overflow, functions)
{
    EXPECT("ABS(b)", MIN + 1, 0, "9223372036854775807");
    OVERFLOW("ABS(b)", MIN, 0);
    EXPECT("ABS(i)", 0, INT32_MIN + 1, "2147483647");
    OVERFLOW("ABS(i)", 0, INT32_MIN);
    EXPECT("ROUND(b, -1)", MAX - 3, 0, "9223372036854775800");
    OVERFLOW("ROUND(b, -1)", MAX - 2, 0);
    EXPECT("ROUND(b, -1)", MIN + 4, 0, "-9223372036854775800");
    OVERFLOW("ROUND(b, -1)", MIN + 3, 0);
    EXPECT("ROUND(b, -18)", MAX, 0, "9000000000000000000");
    EXPECT("ROUND(b, -19)", 4999999999999999999LL, 0, "0");
    OVERFLOW("ROUND(b, -19)", 5000000000000000000LL, 0);
    OVERFLOW("ROUND(b, -19)", -5000000000000000000LL, 0);
    EXPECT("ROUND(b, -20)", MAX, 0, "0");
    EXPECT("ROUND(i, -1)", 0, 2147483644, "2147483640");
    OVERFLOW("ROUND(i, -1)", 0, 2147483645);
    EXPECT("FLOOR(b)", MAX, 0, "9223372036854775807");
    EXPECT("CEIL(b)", MIN, 0, "-9223372036854775808");
    /* casts back from DOUBLE */
    EXPECT("CAST(POWER(2, b) AS BIGINT)", 62, 0, "4611686018427387904");
    cr_expect(strstr(eval("CAST(POWER(2, b) AS BIGINT)", 63, 0), "out of range"));
    EXPECT("CAST(-POWER(2, b) AS BIGINT)", 63, 0, "-9223372036854775808");
    EXPECT("CAST(b AS INT)", INT32_MAX, 0, "2147483647");
    cr_expect(strstr(eval("CAST(b AS INT)", (int64_t)INT32_MAX + 1, 0), "out of range"));
    cr_expect(strstr(eval("CAST(CAST(b AS DOUBLE) AS INT)", (int64_t)INT32_MIN - 1, 0), "out of range"));
    /* timestamps */
    /* timestamps stay within years 0000..9999 (base/value.h: ts_valid) */
    EXPECT("CAST(CAST(b AS TIMESTAMP) + INTERVAL '1' MILLISECOND AS BIGINT)", TS_VALID_MAX - 1, 0, "253402300799999");
    cr_expect(strstr(eval("CAST(b AS TIMESTAMP) + INTERVAL '1' MILLISECOND", TS_VALID_MAX, 0), "out of range for TIMESTAMP"));
    cr_expect(strstr(eval("CAST(b AS TIMESTAMP) - INTERVAL '1' SECOND", TS_VALID_MIN + 999, 0), "out of range for TIMESTAMP"));
    cr_expect(strstr(eval("CAST(b AS TIMESTAMP)", MAX, 0), "out of range for TIMESTAMP"));
    cr_expect(strstr(eval("EXTRACT(YEAR FROM CAST(b AS TIMESTAMP))", MIN, 0), "out of range"));
    cr_expect(strstr(eval("FLOOR(CAST(b AS TIMESTAMP) TO YEAR)", MIN, 0), "out of range"));
    cr_expect(strstr(eval("CEIL(CAST(b AS TIMESTAMP) TO YEAR)", MAX, 0), "out of range"));
    EXPECT("EXTRACT(YEAR FROM CAST(b AS TIMESTAMP))", 0, 0, "1970");
}

/* A literal-only expression is folded: an overflow is an SQL error at it. */
static const char *fold_error(const char *expr)
{
    ExprProg prog;
    err_clear(&err);
    int rc = compile_expr(expr, &prog);
    if (rc == WEIR_OK) return "OK";
    cr_expect_eq(rc, WEIR_ERROR);
    cr_expect_eq(err.line, 1);
    return arena_printf(&arena, "%d: %s", err.col, err.msg);
}

Test(overflow, folding)
{
    cr_expect_str_eq(fold_error("9223372036854775807 + 1"),
                     "8: integer overflow: 9223372036854775807 + 1 is out of range for BIGINT");
    cr_expect_str_eq(fold_error("b + (9223372036854775807 * 2)"),
                     "13: integer overflow: 9223372036854775807 * 2 is out of range for BIGINT");
    cr_expect_str_eq(fold_error("-(-9223372036854775807 - 1)"),
                     "8: integer overflow: -(-9223372036854775808) is out of range for BIGINT");
    cr_expect_str_eq(fold_error("ABS(-9223372036854775807 - 1)"),
                     "8: integer overflow: ABS(-9223372036854775808) is out of range for BIGINT");
    cr_expect_str_eq(fold_error("9223372036854775806 + 1"), "OK");
    /* a division by zero between literals is left for run time, as before */
    cr_expect_str_eq(fold_error("1 / 0"), "OK");
    cr_expect_str_eq(fold_error("(-9223372036854775807 - 1) % 0"), "OK");
}

/* ---- aggregates ------------------------------------------------------------ */

static AggSpec spec(AggKind k, TypeId arg)
{
    return (AggSpec){.kind = k, .arg_type = arg, .result_type = agg_result_type(k, arg), .sql = "SUM(x)"};
}

static int add(const AggSpec *s, AggState *st, int64_t v)
{
    Value x = {.u.i = v};
    return agg_add(s, st, &x);
}

Test(overflow, sum_refuses_and_keeps_state)
{
    AggSpec s = spec(AGG_SUM, TYPE_BIGINT);
    AggState st;
    agg_init(&s, &st);
    cr_expect_eq(add(&s, &st, MAX - 5), 0);
    cr_expect_eq(add(&s, &st, 5), 0);
    cr_expect_eq(add(&s, &st, 1), AGG_OVERFLOW);
    Value out;
    agg_result(&s, &st, &out);
    cr_expect_eq(out.u.i, MAX, "the state is unchanged after a refused add");
    cr_expect_eq(add(&s, &st, -1), 0);
    agg_result(&s, &st, &out);
    cr_expect_eq(out.u.i, MAX - 1);
    /* down past MIN */
    AggState lo;
    agg_init(&s, &lo);
    cr_expect_eq(add(&s, &lo, MIN + 1), 0);
    cr_expect_eq(add(&s, &lo, -1), 0);
    cr_expect_eq(add(&s, &lo, -1), AGG_OVERFLOW);
    /* merging the two: MAX - 1 + MIN = -2 fits */
    cr_expect_eq(agg_merge(&s, &st, &lo), 0);
    agg_result(&s, &st, &out);
    cr_expect_eq(out.u.i, -2);
    AggState a, b;
    agg_init(&s, &a);
    agg_init(&s, &b);
    add(&s, &a, MAX);
    add(&s, &b, 1);
    cr_expect_eq(agg_merge(&s, &a, &b), AGG_OVERFLOW);
    agg_result(&s, &a, &out);
    cr_expect_eq(out.u.i, MAX);
    cr_expect_eq(agg_error(&s, AGG_OVERFLOW, &err), WEIR_DATA);
    cr_expect_str_eq(err.msg, "integer overflow: SUM(x) is out of range for BIGINT");
    cr_expect_eq(agg_error(&s, AGG_NOMEM, &err), WEIR_NOMEM);
}

static double avg_of(const AggSpec *s, const AggState *st)
{
    Value out;
    agg_result(s, st, &out);
    cr_assert(!out.null);
    return out.u.d;
}

Test(overflow, avg_never_wraps)
{
    AggSpec s = spec(AGG_AVG, TYPE_BIGINT);
    AggState st;
    agg_init(&s, &st);
    add(&s, &st, MAX);
    cr_expect_eq(avg_of(&s, &st), 9223372036854775807.0);
    add(&s, &st, MAX);                    /* exact sum would wrap to -2 */
    cr_expect_eq(avg_of(&s, &st), 9223372036854775807.0);
    add(&s, &st, MIN);
    add(&s, &st, MIN);
    cr_expect(avg_of(&s, &st) > -1.0 && avg_of(&s, &st) < 1.0, "%g", avg_of(&s, &st));

    /* merges: exact + exact overflowing, double + exact, exact + double, empty */
    AggState a, b, e;
    agg_init(&s, &a);
    agg_init(&s, &b);
    agg_init(&s, &e);
    add(&s, &a, MAX);
    add(&s, &b, MAX);
    add(&s, &b, 1);
    cr_expect_eq(agg_merge(&s, &a, &b), 0);
    cr_expect_eq(avg_of(&s, &a), (2.0 * 9223372036854775807.0 + 1) / 3.0);
    AggState c;
    agg_init(&s, &c);
    add(&s, &c, 3);
    cr_expect_eq(agg_merge(&s, &c, &a), 0);  /* exact dst, double src */
    cr_expect_eq(avg_of(&s, &c), (2.0 * 9223372036854775807.0 + 4) / 4.0);
    cr_expect_eq(agg_merge(&s, &e, &a), 0);  /* empty dst, double src */
    cr_expect_eq(avg_of(&s, &e), avg_of(&s, &a));
    AggState small;
    agg_init(&s, &small);
    add(&s, &small, 10);
    add(&s, &small, 20);
    cr_expect_eq(avg_of(&s, &small), 15.0);

    /* a checkpoint round trip keeps the DOUBLE mode */
    SnapWriter w;
    snap_writer_init(&w);
    agg_snapshot(&s, &a, &w);
    SnapReader r;
    snap_reader_init(&r, w.data, w.len);
    AggState back;
    agg_init(&s, &back);
    cr_expect_eq(agg_restore(&s, &back, &r), 0);
    cr_expect(snap_done(&r));
    cr_expect_eq(avg_of(&s, &back), avg_of(&s, &a));
    add(&s, &back, 1);
    add(&s, &a, 1);
    cr_expect_eq(avg_of(&s, &back), avg_of(&s, &a));
    snap_writer_free(&w);
}

Test(overflow, round_int_checked)
{
    int64_t r;
    cr_expect_eq(func_round_int_checked(MAX, 0, &r), 0);
    cr_expect_eq(r, MAX);
    cr_expect_eq(func_round_int_checked(MAX - 3, -1, &r), 0);
    cr_expect_eq(r, MAX - 7);
    cr_expect_eq(func_round_int_checked(MAX - 2, -1, &r), -1);
    cr_expect_eq(func_round_int_checked(MIN, -1, &r), -1);
    cr_expect_eq(func_round_int_checked(MIN, -18, &r), 0);
    cr_expect_eq(r, -9000000000000000000LL);
    cr_expect_eq(func_round_int_checked(-4000000000000000000LL, -19, &r), 0);
    cr_expect_eq(r, 0);
    cr_expect_eq(func_round_int_checked(MIN, -30, &r), 0);
    cr_expect_eq(r, 0);
}
