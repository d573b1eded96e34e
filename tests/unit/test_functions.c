/*
 * test_functions.c - unit tests of the scalar functions and casts
 * (planner/functions.c) and of how expr_compile.c types and folds them.
 *
 * Tricky functions are called directly (fn_like, func_round_*, func_date_format,
 * func_parse_java); the rest go through the whole path: an expression is parsed
 * from "SELECT <expr> FROM t", compiled against an empty scope and evaluated
 * once, and its text form (value_to_text, as output prints it) is compared.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "functions.h"
#include "parser.h"
#include "scope.h"

static Arena arena;
static WeirError err;

static void setup(void)
{
    arena_init(&arena);
    err_clear(&err);
}

static void teardown(void) { arena_free(&arena); }

TestSuite(functions, .init = setup, .fini = teardown);

/* Compiles expr; returns the compile status (err holds the message). */
static int compile_expr(const char *expr, ExprProg *prog)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT %s FROM t", expr);
    AstScript *script;
    int rc = parse_script(&arena, sql, strlen(sql), &script, &err);
    cr_assert_eq(rc, WEIR_OK, "parse %s: %s", sql, err.msg);
    const AstNode *e = script->stmts[0]->select->items->items[0]->a;
    Scope scope = {.ncols = 0, .cols = NULL, .what = "test"};
    return xc_compile(&arena, &scope, e, prog, &err);
}

/* Evaluates expr; returns its text ("NULL" for NULL, "ERROR: msg" on a data error). */
static const char *eval(const char *expr)
{
    ExprProg prog;
    int rc = compile_expr(expr, &prog);
    cr_assert_eq(rc, WEIR_OK, "compile %s: %s", expr, err.msg);
    Value regs[256];
    ExprCtx ctx = {.text = &arena, .regs = regs, .err = &err};
    cr_assert(prog.nregs <= 256);
    Value v;
    if (expr_eval(&prog, NULL, &ctx, &v)) return arena_printf(&arena, "ERROR: %s", err.msg);
    if (v.null) return "NULL";
    char buf[64];
    const char *s;
    size_t n = value_to_text(prog.type, &v, buf, &s);
    return arena_strndup(&arena, s, n);
}

#define EXPECT(expr, want) cr_expect_str_eq(eval(expr), want, "%s", expr)

/* ---- LIKE ---------------------------------------------------------------- */

static int like(const char *s, const char *p, const char *esc)
{
    Value a[3] = {{.u.s = s, .len = (uint32_t)strlen(s)}, {.u.s = p, .len = (uint32_t)strlen(p)},
                  {.u.s = esc, .len = esc ? (uint32_t)strlen(esc) : 0}};
    ExprCtx ctx = {.text = &arena, .err = &err};
    Value out;
    memset(&out, 0, sizeof out);
    if (fn_like(&ctx, a, esc ? 3 : 2, &out)) return -1;
    return out.null ? 2 : (int)out.u.i;
}

Test(functions, like_wildcards)
{
    cr_expect_eq(like("abc", "abc", NULL), 1);
    cr_expect_eq(like("abc", "ab", NULL), 0);
    cr_expect_eq(like("abc", "a%", NULL), 1);
    cr_expect_eq(like("abc", "%c", NULL), 1);
    cr_expect_eq(like("abc", "%b%", NULL), 1);
    cr_expect_eq(like("abc", "a_c", NULL), 1);
    cr_expect_eq(like("abc", "a__c", NULL), 0);
    cr_expect_eq(like("", "%", NULL), 1);
    cr_expect_eq(like("", "_", NULL), 0);
    /* Backtracking: the first 'a' tried by % is not the right one. */
    cr_expect_eq(like("aaab", "%ab", NULL), 1);
    cr_expect_eq(like("abcabd", "%ab_", NULL), 1);
    cr_expect_eq(like("abcabd", "%abc", NULL), 0);
    cr_expect_eq(like("xaybz", "%a%b%", NULL), 1);
    /* _ is one UTF-8 character, not one byte. */
    cr_expect_eq(like("\xc3\xbc" "x", "_x", NULL), 1);
    cr_expect_eq(like("\xc3\xbc" "x", "__x", NULL), 0);
    cr_expect_eq(like("a\xc3\xbc", "%\xc3\xbc", NULL), 1);
}

Test(functions, like_escape)
{
    cr_expect_eq(like("50%", "50!%", "!"), 1);
    cr_expect_eq(like("500", "50!%", "!"), 0);
    cr_expect_eq(like("a_b", "a!_b", "!"), 1);
    cr_expect_eq(like("axb", "a!_b", "!"), 0);
    cr_expect_eq(like("a!b", "a!!b", "!"), 1);
    cr_expect_eq(like("x%y%", "%!%", "!"), 1);
    /* An escape before an ordinary character, or at the end, is an error. */
    cr_expect_eq(like("ab", "a!b", "!"), -1);
    cr_expect(strstr(err.msg, "invalid escape") != NULL, "%s", err.msg);
    cr_expect_eq(like("a!", "a!", "!"), -1);
    cr_expect_eq(like("a", "a", "!!"), -1);
    EXPECT("'a%' LIKE 'a\\%' ESCAPE '\\'", "true");
    EXPECT("'ab' NOT LIKE 'a_'", "false");
    EXPECT("NULL LIKE 'a'", "NULL");
    EXPECT("'a' LIKE NULL", "NULL");
}

/* ---- strings ------------------------------------------------------------- */

Test(functions, substring)
{
    EXPECT("SUBSTRING('hello' FROM 2 FOR 3)", "ell");
    EXPECT("SUBSTRING('hello' FROM 2)", "ello");
    EXPECT("SUBSTRING('hello' FROM 0 FOR 2)", "he");
    EXPECT("SUBSTRING('hello' FROM -3)", "llo");
    EXPECT("SUBSTRING('hello' FROM -3 FOR 1)", "l");
    EXPECT("SUBSTRING('hello' FROM -9)", "");
    EXPECT("SUBSTRING('hello' FROM 6)", "");
    EXPECT("SUBSTRING('hello' FROM 5 FOR 100)", "o");
    EXPECT("SUBSTRING('hello' FROM 1 FOR 0)", "");
    EXPECT("SUBSTRING('hello' FROM 1 FOR -1)", "NULL");
    EXPECT("SUBSTRING('\xc3\xa9t\xc3\xa9' FROM 2 FOR 2)", "t\xc3\xa9");
    EXPECT("SUBSTRING(NULL FROM 1)", "NULL");
    EXPECT("SUBSTRING('abc', NULL)", "NULL");
    EXPECT("SUBSTR('abc', 2, 1)", "b");
}

Test(functions, trim)
{
    EXPECT("'[' || TRIM('  a b  ') || ']'", "[a b]");
    EXPECT("'[' || TRIM(LEADING FROM '  a  ') || ']'", "[a  ]");
    EXPECT("'[' || TRIM(TRAILING FROM '  a  ') || ']'", "[  a]");
    EXPECT("TRIM(BOTH 'xy' FROM 'xyxaxyy')", "a");
    EXPECT("TRIM(LEADING 'x' FROM 'xxaxx')", "axx");
    EXPECT("TRIM(TRAILING 'x' FROM 'xxaxx')", "xxa");
    EXPECT("TRIM('x' FROM 'xxxx')", "");
    EXPECT("TRIM('\xc3\xa9' FROM '\xc3\xa9" "a\xc3\xa9')", "a");
    EXPECT("TRIM('' FROM ' a ')", " a ");
    EXPECT("TRIM(NULL FROM 'a')", "NULL");
    EXPECT("TRIM('a' FROM NULL)", "NULL");
    EXPECT("LTRIM('  a ')", "a ");
    EXPECT("RTRIM(' a  ')", " a");
}

Test(functions, case_length_concat)
{
    EXPECT("UPPER('abc\xc3\xa9')", "ABC\xc3\x89");
    EXPECT("LOWER('ABC\xc3\x89')", "abc\xc3\xa9");
    EXPECT("UPPER(NULL)", "NULL");
    EXPECT("CHAR_LENGTH('h\xc3\xa9llo')", "5");
    EXPECT("CHAR_LENGTH('')", "0");
    EXPECT("CONCAT('a', 'b', 'c')", "abc");
    EXPECT("CONCAT('a', NULL)", "NULL");
    EXPECT("'a' || NULL", "NULL");
    EXPECT("CONCAT('n=', 42)", "n=42");
}

static void expect_compile_error(const char *expr, const char *msg_part, int col);

/* ---- numbers ------------------------------------------------------------- */

Test(functions, round_double)
{
    cr_expect_eq(func_round_double(2.675, 2), 2.68);
    cr_expect_eq(func_round_double(2.5, 0), 3.0);
    cr_expect_eq(func_round_double(-2.5, 0), -3.0);
    cr_expect_eq(func_round_double(2.4999, 0), 2.0);
    cr_expect_eq(func_round_double(0.125, 2), 0.13);
    cr_expect_eq(func_round_double(9.995, 2), 10.0);
    cr_expect_eq(func_round_double(99.5, 0), 100.0);
    cr_expect_eq(func_round_double(1234.5678, -2), 1200.0);
    cr_expect_eq(func_round_double(1250.0, -2), 1300.0);
    cr_expect_eq(func_round_double(49.0, -2), 0.0);
    cr_expect_eq(func_round_double(0.001, 1), 0.0);
    cr_expect_eq(func_round_double(1.5e-7, 7), 2e-7);
    cr_expect_eq(func_round_double(1.23, 5), 1.23);
    cr_expect_eq(func_round_double(1e20, -19), 1e20);
    cr_expect(isnan(func_round_double(NAN, 1)));
    cr_expect(isinf(func_round_double(INFINITY, 1)));
}

/* func_round_int_checked where the result fits (the test asserts it does). */
static int64_t func_round_int(int64_t x, int64_t d)
{
    int64_t r = 0;
    cr_assert_eq(func_round_int_checked(x, d, &r), 0, "ROUND(%lld, %lld) overflowed", (long long)x, (long long)d);
    return r;
}

Test(functions, round_int)
{
    cr_expect_eq(func_round_int(1234, 2), 1234);
    cr_expect_eq(func_round_int(1234, -2), 1200);
    cr_expect_eq(func_round_int(1250, -2), 1300);
    cr_expect_eq(func_round_int(-1250, -2), -1300);
    cr_expect_eq(func_round_int(-1249, -2), -1200);
    cr_expect_eq(func_round_int(5, -1), 10);
    cr_expect_eq(func_round_int(4, -1), 0);
    cr_expect_eq(func_round_int(123, -30), 0);
    EXPECT("ROUND(2.5)", "3.0");
    EXPECT("ROUND(7, -1)", "10");
    EXPECT("ROUND(NULL, 1)", "NULL");
    EXPECT("ROUND(2.675, 2)", "2.68");
}

Test(functions, math)
{
    EXPECT("ABS(-3)", "3");
    EXPECT("ABS(-2.5)", "2.5");
    EXPECT("FLOOR(-2.5)", "-3.0");
    EXPECT("CEIL(2.1)", "3.0");
    EXPECT("FLOOR(7)", "7");
    EXPECT("MOD(-7, 3)", "-1");
    EXPECT("MOD(7, -3)", "1");
    EXPECT("MOD(7.5, 2)", "1.5");
    /* Over constants the error comes at compile time (see compile_errors). */
    expect_compile_error("MOD(1, 1 - 1)", "division by zero", 8);
    EXPECT("POWER(2, 10)", "1024.0");
    EXPECT("POWER(2, -2)", "0.25");
    EXPECT("SQRT(16)", "4.0");
    EXPECT("SQRT(-1)", "NaN");
    EXPECT("SQRT(NULL)", "NULL");
    EXPECT("7 / 2", "3");
    EXPECT("-7 / 2", "-3");
    EXPECT("-7 % 2", "-1");
    EXPECT("1 / 0.0", "Infinity");
}

/* ---- time ---------------------------------------------------------------- */

static const char *fmt(const char *ts, const char *pattern)
{
    int64_t ms;
    cr_assert_eq(time_parse_iso(ts, strlen(ts), &ms), 0);
    static char buf[128];
    size_t len;
    if (func_date_format(ms, pattern, strlen(pattern), buf, sizeof buf - 1, &len)) return "ERROR";
    buf[len] = 0;
    return buf;
}

Test(functions, date_format)
{
    cr_expect_str_eq(fmt("2024-05-11 10:23:45.678", "yyyy-MM-dd HH:mm:ss"), "2024-05-11 10:23:45");
    cr_expect_str_eq(fmt("2024-05-11 10:23:45.678", "yyyy-MM-dd HH:mm:ss.SSS"), "2024-05-11 10:23:45.678");
    cr_expect_str_eq(fmt("2024-05-11 10:23:45.678", "yy/M/d"), "24/5/11");
    cr_expect_str_eq(fmt("2024-05-11 10:23:45.078", "S SS SSSS"), "0 07 0780");
    cr_expect_str_eq(fmt("2024-05-11 00:05:00", "h:mm a"), "12:05 AM");
    cr_expect_str_eq(fmt("2024-05-11 12:05:00", "hh:mm a"), "12:05 PM");
    cr_expect_str_eq(fmt("2024-05-11 13:05:00", "h a"), "1 PM");
    cr_expect_str_eq(fmt("2024-05-11 10:00:00", "EEE EEEE MMM MMMM"), "Sat Saturday May May");
    cr_expect_str_eq(fmt("2024-02-01 10:00:00", "MMM MMMM D DDD"), "Feb February 32 032");
    cr_expect_str_eq(fmt("2024-05-11 10:00:00", "'T'HH'h' ''yy"), "T10h '24");
    cr_expect_str_eq(fmt("2024-05-11 10:00:00", "yyyy.MM/dd-HH_mm"), "2024.05/11-10_00");
    cr_expect_str_eq(fmt("1969-12-31 23:59:59.999", "yyyy-MM-dd HH:mm:ss.SSS"), "1969-12-31 23:59:59.999");
    cr_expect_str_eq(fmt("2024-05-11 10:00:00", "yyyy QQ"), "ERROR");
    cr_expect_str_eq(fmt("2024-05-11 10:00:00", "'open"), "ERROR");
    cr_expect_eq(func_check_java_pattern("yyyy-MM-dd", 10), 0);
    cr_expect_eq(func_check_java_pattern("yyyy-MM-dd Z", 12), -1);
    EXPECT("DATE_FORMAT(TIMESTAMP '2024-05-11 10:23:45', 'dd.MM.yyyy')", "11.05.2024");
    EXPECT("DATE_FORMAT('2024-05-11 10:23:45', 'HH:mm')", "10:23");
    EXPECT("DATE_FORMAT(NULL, 'HH:mm')", "NULL");
}

static int64_t parse_j(const char *s, const char *pattern, int *rc)
{
    int64_t ms = 0;
    *rc = func_parse_java(s, strlen(s), pattern, strlen(pattern), &ms);
    return ms;
}

Test(functions, parse_java)
{
    int rc;
    int64_t want;
    time_parse_iso("2024-05-11 10:23:45.678", 23, &want);
    cr_expect_eq(parse_j("2024-05-11 10:23:45.678", "yyyy-MM-dd HH:mm:ss.SSS", &rc), want);
    cr_expect_eq(rc, 0);
    cr_expect_eq(parse_j("11/5/2024 10:23:45.678", "d/M/yyyy HH:mm:ss.SSS", &rc), want);
    cr_expect_eq(parse_j("20240511102345678", "yyyyMMddHHmmssSSS", &rc), want);
    cr_expect_eq(parse_j("May 11 24 10:23:45.678 AM", "MMM dd yy hh:mm:ss.SSS a", &rc), want);
    time_parse_iso("2024-05-11 22:00:00", 19, &want);
    cr_expect_eq(parse_j("2024-05-11 10 PM", "yyyy-MM-dd h a", &rc), want);
    parse_j("2024-02-30", "yyyy-MM-dd", &rc);
    cr_expect_eq(rc, -1);
    parse_j("2024-05-11x", "yyyy-MM-dd", &rc);
    cr_expect_eq(rc, -1);
    parse_j("2024-05", "yyyy-MM-dd", &rc);
    cr_expect_eq(rc, -1);
    parse_j("2024", "yyyy QQ", &rc);
    cr_expect_eq(rc, -2);
    EXPECT("TO_TIMESTAMP('2024-5-1 1:2:3')", "2024-05-01 01:02:03.000");
    EXPECT("TO_TIMESTAMP('2024-05-01')", "2024-05-01 00:00:00.000");
    EXPECT("TO_TIMESTAMP('2024-05-01T01:02:03')", "NULL");
    EXPECT("TO_TIMESTAMP('01.05.2024', 'dd.MM.yyyy')", "2024-05-01 00:00:00.000");
    EXPECT("TO_TIMESTAMP('nope', 'dd.MM.yyyy')", "NULL");
}

Test(functions, extract_and_floor)
{
    EXPECT("EXTRACT(YEAR FROM TIMESTAMP '2024-05-11 10:23:45.678')", "2024");
    EXPECT("EXTRACT(QUARTER FROM TIMESTAMP '2024-05-11 10:23:45.678')", "2");
    EXPECT("EXTRACT(MILLISECOND FROM TIMESTAMP '2024-05-11 10:23:45.678')", "678");
    EXPECT("EXTRACT(DOW FROM TIMESTAMP '2024-05-12 00:00:00')", "1");
    EXPECT("EXTRACT(DOW FROM TIMESTAMP '1969-12-31 23:00:00')", "4");
    EXPECT("EXTRACT(WEEK FROM TIMESTAMP '2021-01-03 00:00:00')", "53");
    EXPECT("EXTRACT(WEEK FROM TIMESTAMP '2026-12-31 00:00:00')", "53");
    EXPECT("EXTRACT(DOY FROM TIMESTAMP '2023-12-31 00:00:00')", "365");
    EXPECT("EXTRACT(EPOCH FROM TIMESTAMP '1970-01-02 00:00:01')", "86401");
    EXPECT("EXTRACT(HOUR FROM TIMESTAMP '1969-12-31 23:00:00')", "23");
    EXPECT("FLOOR(TIMESTAMP '1969-12-31 23:59:59.5' TO SECOND)", "1969-12-31 23:59:59.000");
    EXPECT("CEIL(TIMESTAMP '2024-12-31 23:59:59.999' TO QUARTER)", "2025-01-01 00:00:00.000");
    EXPECT("CEIL(TIMESTAMP '2024-02-01 00:00:00' TO MONTH)", "2024-02-01 00:00:00.000");
    EXPECT("CEIL(TIMESTAMP '2024-02-01 00:00:00.001' TO MONTH)", "2024-03-01 00:00:00.000");
    EXPECT("FLOOR(TIMESTAMP '2024-05-12 10:00:00' TO WEEK)", "2024-05-12 00:00:00.000");
    EXPECT("TO_TIMESTAMP_LTZ(1, 0)", "1970-01-01 00:00:01.000");
    EXPECT("TO_TIMESTAMP_LTZ(1500)", "1970-01-01 00:00:01.500");
}

/* ---- casts and compile-time checks -------------------------------------- */

Test(functions, casts)
{
    EXPECT("CAST(' 42 ' AS INT)", "42");
    EXPECT("CAST('12.9' AS BIGINT)", "12");
    EXPECT("CAST('-0.5' AS INT)", "0");
    EXPECT("CAST('9223372036854775807' AS BIGINT)", "9223372036854775807");
    EXPECT("CAST('1.5e2' AS DOUBLE)", "150.0");
    EXPECT("CAST('Yes' AS BOOLEAN)", "true");
    EXPECT("CAST('0' AS BOOLEAN)", "false");
    EXPECT("CAST(TRUE AS VARCHAR)", "TRUE");
    EXPECT("CAST(2.9 AS INT)", "2");
    EXPECT("CAST(-2.9 AS BIGINT)", "-2");
    EXPECT("CAST(0.0 AS BOOLEAN)", "false");
    EXPECT("CAST(TRUE AS DOUBLE)", "1.0");
    EXPECT("CAST(1.0E20 AS VARCHAR)", "1.0E20");
    EXPECT("CAST('abcdef' AS VARCHAR(3))", "abc");
    EXPECT("CAST(NULL AS TIMESTAMP)", "NULL");
    EXPECT("CAST('2024-05-11 10:00:00' AS TIMESTAMP)", "2024-05-11 10:00:00.000");
}

static void expect_compile_error(const char *expr, const char *msg_part, int col)
{
    ExprProg prog;
    err_clear(&err);
    cr_expect_eq(compile_expr(expr, &prog), WEIR_ERROR, "%s should not compile", expr);
    cr_expect(strstr(err.msg, msg_part) != NULL, "%s: message '%s' lacks '%s'", expr, err.msg, msg_part);
    if (col) cr_expect_eq(err.col, col, "%s: column %d, not %d", expr, err.col, col);
}

Test(functions, compile_errors)
{
    /* "SELECT " is 7 characters: the expression starts at column 8. */
    expect_compile_error("CAST('abc' AS INT)", "cannot cast 'abc' to INT", 8);
    expect_compile_error("1 + CAST('x' AS DOUBLE)", "cannot cast 'x' to DOUBLE", 12);
    expect_compile_error("CAST('maybe' AS BOOLEAN)", "BOOLEAN", 8);
    expect_compile_error("CAST('2024-13-01' AS TIMESTAMP)", "TIMESTAMP", 8);
    expect_compile_error("CAST(3000000000 AS INT)", "out of range", 8);
    expect_compile_error("CAST(TIMESTAMP '2024-01-01 00:00:00' AS DOUBLE)", "cannot cast TIMESTAMP(3) to DOUBLE", 8);
    expect_compile_error("SQRT('x')", "SQRT expects a number, not VARCHAR", 13);
    expect_compile_error("UPPER(1)", "UPPER expects VARCHAR, not BIGINT", 14);
    expect_compile_error("'a' + 1", "cannot apply + to VARCHAR and BIGINT", 0);
    expect_compile_error("SUBSTRING('a', 'b')", "SUBSTRING expects an integer", 0);
    expect_compile_error("ROUND(1.5, 1, 2)", "ROUND takes 1 to 2 arguments, not 3", 0);
    expect_compile_error("MOD(1)", "MOD takes 2 arguments, not 1", 0);
    expect_compile_error("EXTRACT(DAY FROM 'x')", "EXTRACT expects TIMESTAMP(3), not VARCHAR", 0);
    expect_compile_error("FLOOR(TIMESTAMP '2024-01-01 00:00:00' TO DOW)", "TO unit", 0);
    expect_compile_error("DATE_FORMAT(TIMESTAMP '2024-01-01 00:00:00', 'yyyy-ww')", "unsupported pattern", 0);
    expect_compile_error("TO_TIMESTAMP_LTZ(1, 6)", "must be 0 (seconds) or 3", 0);
    expect_compile_error("NULLIF(1)", "NULLIF takes 2 arguments", 0);
    expect_compile_error("'a' LIKE 1 = 2", "cannot compare", 0);
}

Test(functions, null_rules)
{
    EXPECT("NULLIF(1, 1)", "NULL");
    EXPECT("NULLIF(1, 2)", "1");
    EXPECT("COALESCE(NULL, NULL, 3)", "3");
    EXPECT("NULL = NULL", "NULL");
    EXPECT("NULL IS NULL", "true");
    EXPECT("1 IN (2, NULL)", "NULL");
    EXPECT("1 NOT IN (1, NULL)", "false");
    EXPECT("NULL AND FALSE", "false");
    EXPECT("NULL OR TRUE", "true");
    EXPECT("2 BETWEEN 1 AND NULL", "NULL");
    EXPECT("5 BETWEEN 1 AND NULL", "NULL");
    EXPECT("0 BETWEEN 1 AND NULL", "false");
    EXPECT("CASE WHEN NULL THEN 1 ELSE 2 END", "2");
    EXPECT("ABS(NULL)", "NULL");
    EXPECT("EXTRACT(YEAR FROM NULL)", "NULL");
    EXPECT("NULL + 1", "NULL");
}
