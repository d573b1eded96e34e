/*
 * functions.c - scalar functions and casts (see functions.h).
 *
 * Sits between the compiler (planner/expr_compile.c, which types calls with the
 * check() entries below) and the expression machine (runtime/expr.c, which calls
 * the ExprFn per row).  Run-time functions get Values of the types their check()
 * asked for and build strings in ctx->text (an arena reset per batch; nothing
 * here mallocs).  NULL in gives NULL out unless SQL says otherwise.  Where the
 * dialect spec is silent, behaviour follows Flink SQL; the regression cases in
 * tests/regress/functions/ pin each choice.
 */
#include "functions.h"
#include "scope.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ast.h"
#include "weir.h"

#define NULL_IF_ANY_NULL()                                                                        \
    do {                                                                                          \
        for (int i_ = 0; i_ < nargs; i_++)                                                        \
            if (args[i_].null) {                                                                  \
                out->null = 1;                                                                    \
                return 0;                                                                         \
            }                                                                                     \
    } while (0)

#define MS_PER_DAY 86400000LL

/* Sets a data error: fmt may hold one %.*s for the value v's text. */
static int data_err(ExprCtx *ctx, const char *fmt, const Value *v)
{
    if (v) err_set(ctx->err, WEIR_DATA, fmt, (int)(v->len > 200 ? 200 : v->len), v->u.s);
    else err_set(ctx->err, WEIR_DATA, "%s", fmt);
    return -1;
}

/* A TIMESTAMP result outside years 0000..9999 (base/value.h: ts_valid): a data
 * error naming what made it and the epoch milliseconds.  Cold: never taken by
 * valid data. */
static __attribute__((cold, noinline)) int ts_range_err(ExprCtx *ctx, const char *what, int64_t ms)
{
    err_set(ctx->err, WEIR_DATA, "%s: %lld (epoch milliseconds) " TS_RANGE_MSG, what, (long long)ms);
    return -1;
}

static char *text_alloc(ExprCtx *ctx, size_t n)
{
    char *p = arena_alloc(ctx->text, n ? n : 1);
    if (!p) err_set(ctx->err, WEIR_NOMEM, "out of memory");
    return p;
}

static void set_str(Value *o, const char *s, size_t n)
{
    o->null = 0;
    o->u.s = s;
    o->len = (uint32_t)n;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}

/* ---- casts --------------------------------------------------------------- */

static int cast_i2d(ExprCtx *c, const Value *a, int n, Value *o) { (void)c; (void)n; o->null = a->null; o->u.d = (double)a->u.i; return 0; }
static int cast_d2i(ExprCtx *c, const Value *a, int n, Value *o)
{
    (void)n;
    if (a->null) return o->null = 1, 0;
    if (!(a->u.d >= -9223372036854775808.0 && a->u.d < 9223372036854775808.0)) {
        char buf[32];
        double_format(a->u.d, buf);
        return err_set(c->err, WEIR_DATA, "cannot cast %s to BIGINT: out of range", buf), -1;
    }
    o->u.i = (int64_t)a->u.d;
    return 0;
}
static int cast_i2int(ExprCtx *c, const Value *a, int n, Value *o)
{
    (void)n;
    *o = *a;
    if (!a->null && (a->u.i < INT32_MIN || a->u.i > INT32_MAX))
        return err_set(c->err, WEIR_DATA, "cannot cast %lld to INT: out of range", (long long)a->u.i), -1;
    return 0;
}
static int cast_d2int(ExprCtx *c, const Value *a, int n, Value *o)
{
    if (cast_d2i(c, a, n, o)) return -1;
    return cast_i2int(c, o, n, o);
}
static int cast_i2b(ExprCtx *c, const Value *a, int n, Value *o) { (void)c; (void)n; o->null = a->null; o->u.i = a->u.i != 0; return 0; }
static int cast_d2b(ExprCtx *c, const Value *a, int n, Value *o) { (void)c; (void)n; o->null = a->null; o->u.i = a->u.d != 0; return 0; }
static int cast_b2d(ExprCtx *c, const Value *a, int n, Value *o) { (void)c; (void)n; o->null = a->null; o->u.d = a->u.i ? 1.0 : 0.0; return 0; }
static int cast_same(ExprCtx *c, const Value *a, int n, Value *o) { (void)c; (void)n; *o = *a; return 0; }

static int to_text(ExprCtx *c, const Value *a, TypeId t, Value *o)
{
    if (a->null) return o->null = 1, 0;
    char buf[64];
    const char *s;
    size_t len = value_to_text(t, a, buf, &s);
    char *p = text_alloc(c, len);
    if (!p) return -1;
    memcpy(p, s, len);
    set_str(o, p, len);
    return 0;
}
static int cast_i2s(ExprCtx *c, const Value *a, int n, Value *o) { (void)n; return to_text(c, a, TYPE_BIGINT, o); }
static int cast_d2s(ExprCtx *c, const Value *a, int n, Value *o) { (void)n; return to_text(c, a, TYPE_DOUBLE, o); }
/* BOOLEAN -> VARCHAR gives TRUE/FALSE, as Flink's cast (SELECT b shows true/false). */
static int cast_b2s(ExprCtx *c, const Value *a, int n, Value *o)
{
    (void)c;
    (void)n;
    if (a->null) return o->null = 1, 0;
    if (a->u.i) set_str(o, "TRUE", 4);
    else set_str(o, "FALSE", 5);
    return 0;
}
static int cast_t2s(ExprCtx *c, const Value *a, int n, Value *o) { (void)n; return to_text(c, a, TYPE_TIMESTAMP, o); }
/* INT/BIGINT -> TIMESTAMP: epoch milliseconds, within years 0000..9999. */
static int cast_i2t(ExprCtx *c, const Value *a, int n, Value *o)
{
    (void)n;
    *o = *a;
    if (!a->null && !ts_valid(a->u.i)) return ts_range_err(c, "CAST AS TIMESTAMP", a->u.i);
    return 0;
}

/* Flink trims blanks, tabs and newlines around text it casts. */
static int is_blank(int ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }

static void trimmed(const Value *a, const char **s, size_t *n)
{
    const char *p = a->u.s;
    size_t len = a->len;
    while (len && is_blank((unsigned char)*p)) p++, len--;
    while (len && is_blank((unsigned char)p[len - 1])) len--;
    *s = p;
    *n = len;
}

/* Flink's string -> integer: [+-]digits, optionally followed by '.' and digits
 * that are dropped (CAST('12.7' AS INT) = 12).  Returns 0 or -1. */
static int parse_int64(const char *s, size_t n, int64_t *out)
{
    size_t i = 0;
    int neg = 0;
    if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    size_t start = i;
    uint64_t v = 0, limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        unsigned d = (unsigned)(s[i++] - '0');
        if (v > (limit - d) / 10) return -1;
        v = v * 10 + d;
    }
    if (i == start) return -1;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    }
    if (i != n) return -1;
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return 0;
}

static int cast_s2int_to(ExprCtx *c, const Value *a, Value *o, int is_int)
{
    if (a->null) return o->null = 1, 0;
    const char *s;
    size_t len;
    trimmed(a, &s, &len);
    int64_t v;
    if (parse_int64(s, len, &v) || (is_int && (v < INT32_MIN || v > INT32_MAX)))
        return data_err(c, is_int ? "cannot cast '%.*s' to INT" : "cannot cast '%.*s' to BIGINT", a);
    o->null = 0;
    o->u.i = v;
    return 0;
}
static int cast_s2i(ExprCtx *c, const Value *a, int n, Value *o) { (void)n; return cast_s2int_to(c, a, o, 0); }
static int cast_s2int(ExprCtx *c, const Value *a, int n, Value *o) { (void)n; return cast_s2int_to(c, a, o, 1); }

/* Java's Double.parseDouble, minus hex and type suffixes: a decimal number,
 * NaN or [+-]Infinity. */
static int cast_s2d(ExprCtx *c, const Value *a, int n, Value *o)
{
    (void)n;
    if (a->null) return o->null = 1, 0;
    const char *s;
    size_t len;
    trimmed(a, &s, &len);
    char buf[64];
    if (len == 0 || len >= sizeof buf) return data_err(c, "cannot cast '%.*s' to DOUBLE", a);
    memcpy(buf, s, len);
    buf[len] = 0;
    const char *body = buf + (buf[0] == '+' || buf[0] == '-');
    double v;
    if (!strcmp(body, "NaN")) v = NAN;
    else if (!strcmp(body, "Infinity")) v = buf[0] == '-' ? -INFINITY : INFINITY;
    else {
        for (const char *p = body; *p; p++)
            if (!isdigit((unsigned char)*p) && *p != '.' && *p != 'e' && *p != 'E' && *p != '+' && *p != '-')
                return data_err(c, "cannot cast '%.*s' to DOUBLE", a);
        char *end;
        v = strtod(buf, &end);
        if (*end || end == buf) return data_err(c, "cannot cast '%.*s' to DOUBLE", a);
    }
    o->null = 0;
    o->u.d = v;
    return 0;
}

/* Flink's string -> BOOLEAN: t/true/y/yes/1 and f/false/n/no/0, any case. */
static int cast_s2b(ExprCtx *c, const Value *a, int n, Value *o)
{
    (void)n;
    static const char *const yes[] = {"t", "true", "y", "yes", "1"}, *const no[] = {"f", "false", "n", "no", "0"};
    if (a->null) return o->null = 1, 0;
    const char *s;
    size_t len;
    trimmed(a, &s, &len);
    for (int k = 0; k < 5; k++) {
        if (strlen(yes[k]) == len && strncasecmp(s, yes[k], len) == 0) return o->null = 0, o->u.i = 1, 0;
        if (strlen(no[k]) == len && strncasecmp(s, no[k], len) == 0) return o->null = 0, o->u.i = 0, 0;
    }
    return data_err(c, "cannot cast '%.*s' to BOOLEAN", a);
}
static int cast_s2t(ExprCtx *c, const Value *a, int n, Value *o)
{
    (void)n;
    if (a->null) return o->null = 1, 0;
    const char *s;
    size_t len;
    trimmed(a, &s, &len);
    int64_t t;
    if (time_parse_iso(s, len, &t) && func_parse_default_ts(s, len, &t))
        return data_err(c, "cannot cast '%.*s' to TIMESTAMP(3)", a);
    if (!ts_valid(t)) return ts_range_err(c, "CAST AS TIMESTAMP", t); /* four-digit years: never */
    o->null = 0;
    o->u.i = t;
    return 0;
}

/* The cast table.  Beyond Flink: INT/BIGINT <-> TIMESTAMP are epoch
 * milliseconds (weir's reading of an integer in a TIMESTAMP field). */
ExprFn func_cast(TypeId from, TypeId to)
{
    if (from == to || from == TYPE_NULL) return cast_same;
    if (to == TYPE_INTERVAL || to == TYPE_NULL) return NULL;
    switch (from) {
    case TYPE_INT:
    case TYPE_BIGINT:
        switch (to) {
        case TYPE_INT: return cast_i2int;
        case TYPE_BIGINT: return cast_same;
        case TYPE_DOUBLE: return cast_i2d;
        case TYPE_BOOLEAN: return cast_i2b;
        case TYPE_VARCHAR: return cast_i2s;
        case TYPE_TIMESTAMP: return cast_i2t; /* epoch milliseconds */
        default: return NULL;
        }
    case TYPE_DOUBLE:
        switch (to) {
        case TYPE_INT: return cast_d2int;
        case TYPE_BIGINT: return cast_d2i;
        case TYPE_BOOLEAN: return cast_d2b;
        case TYPE_VARCHAR: return cast_d2s;
        default: return NULL;
        }
    case TYPE_BOOLEAN:
        switch (to) {
        case TYPE_INT:
        case TYPE_BIGINT: return cast_same;
        case TYPE_DOUBLE: return cast_b2d;
        case TYPE_VARCHAR: return cast_b2s;
        default: return NULL;
        }
    case TYPE_VARCHAR:
        switch (to) {
        case TYPE_INT: return cast_s2int;
        case TYPE_BIGINT: return cast_s2i;
        case TYPE_DOUBLE: return cast_s2d;
        case TYPE_BOOLEAN: return cast_s2b;
        case TYPE_TIMESTAMP: return cast_s2t;
        default: return NULL;
        }
    case TYPE_TIMESTAMP:
        switch (to) {
        case TYPE_BIGINT: return cast_same;
        case TYPE_VARCHAR: return cast_t2s;
        default: return NULL;
        }
    case TYPE_INTERVAL:
        return to == TYPE_BIGINT ? cast_same : NULL;
    default: return NULL;
    }
}

/* ---- UTF-8 --------------------------------------------------------------- */

/* Byte length of the UTF-8 character starting with byte b (1 for stray bytes). */
static size_t utf8_len(unsigned char b)
{
    if (b < 0xC0) return 1;
    if (b < 0xE0) return 2;
    if (b < 0xF0) return 3;
    return 4;
}

/* Length in bytes of the character at s[i] within n, never past n. */
static size_t char_at(const char *s, size_t n, size_t i)
{
    size_t k = utf8_len((unsigned char)s[i]);
    return i + k > n ? n - i : k;
}

static int64_t utf8_count(const char *s, size_t n)
{
    int64_t chars = 0;
    for (size_t i = 0; i < n; i++) chars += ((unsigned char)s[i] & 0xC0) != 0x80;
    return chars;
}

/* Byte offset of character number k (0-based) in s, or n when past the end. */
static size_t utf8_offset(const char *s, size_t n, int64_t k)
{
    size_t i = 0;
    while (k > 0 && i < n) {
        i += char_at(s, n, i);
        k--;
    }
    return i;
}

/* ---- functions ------------------------------------------------------------ */

int fn_proctime(ExprCtx *ctx, const Value *args, int nargs, Value *out)
{
    (void)args;
    (void)nargs;
    out->null = 0;
    out->u.i = ctx->now_ms;
    return 0;
}

/* Matches s against a LIKE pattern: % any run of characters, _ one character,
 * esc (or -1) makes the next pattern character literal.  Greedy with one
 * backtrack point, so linear-ish; characters are UTF-8 sequences.
 * Returns 1/0, or -1 for an escape that is not followed by %, _ or itself. */
static int like_match(const char *s, size_t ns, const char *p, size_t np, int esc)
{
    size_t si = 0, pi = 0, star_p = (size_t)-1, star_s = 0;
    /* Validate escapes first so a bad pattern fails even when s is empty. */
    if (esc >= 0)
        for (size_t k = 0; k < np; k++)
            if ((unsigned char)p[k] == esc) {
                if (k + 1 >= np || !(p[k + 1] == '%' || p[k + 1] == '_' || (unsigned char)p[k + 1] == esc)) return -1;
                k++;
            }
    while (si < ns) {
        if (pi < np) {
            unsigned char pc = (unsigned char)p[pi];
            if (esc >= 0 && pc == esc) {
                if (p[pi + 1] == s[si]) {
                    pi += 2;
                    si++;
                    continue;
                }
            } else if (pc == '%') {
                star_p = ++pi;
                star_s = si;
                continue;
            } else if (pc == '_') {
                pi++;
                si += char_at(s, ns, si);
                continue;
            } else {
                size_t k = char_at(p, np, pi);
                if (si + k <= ns && memcmp(p + pi, s + si, k) == 0) {
                    pi += k;
                    si += k;
                    continue;
                }
            }
        }
        if (star_p == (size_t)-1) return 0;
        pi = star_p;
        star_s += char_at(s, ns, star_s);
        si = star_s;
    }
    while (pi < np && p[pi] == '%') pi++;
    return pi == np;
}

int fn_like(ExprCtx *ctx, const Value *args, int nargs, Value *out)
{
    NULL_IF_ANY_NULL();
    int esc = -1;
    if (nargs > 2) {
        if (args[2].len != 1) return data_err(ctx, "LIKE escape must be one character, not '%.*s'", &args[2]);
        esc = (unsigned char)args[2].u.s[0];
    }
    int m = like_match(args[0].u.s, args[0].len, args[1].u.s, args[1].len, esc);
    if (m < 0) return data_err(ctx, "invalid escape sequence in LIKE pattern '%.*s'", &args[1]);
    out->null = 0;
    out->u.i = m;
    return 0;
}

/* True when the character s[0..k) occurs in set. */
static int in_set(const char *s, size_t k, const Value *set)
{
    for (size_t i = 0; i < set->len;) {
        size_t m = char_at(set->u.s, set->len, i);
        if (m == k && memcmp(set->u.s + i, s, k) == 0) return 1;
        i += m;
    }
    return 0;
}

int fn_trim(ExprCtx *ctx, const Value *args, int nargs, Value *out)
{
    (void)ctx;
    NULL_IF_ANY_NULL();
    const char *s = args[0].u.s;
    size_t b = 0, e = args[0].len;
    int64_t mode = nargs > 2 ? args[2].u.i : 0;
    if (mode != 2)
        while (b < e) {
            size_t k = char_at(s, e, b);
            if (!in_set(s + b, k, &args[1])) break;
            b += k;
        }
    if (mode != 1)
        while (e > b) {
            size_t st = e - 1;
            while (st > b && ((unsigned char)s[st] & 0xC0) == 0x80) st--;
            if (!in_set(s + st, e - st, &args[1])) break;
            e = st;
        }
    set_str(out, s + b, e - b);
    return 0;
}

static int fn_ltrim(ExprCtx *c, const Value *a, int n, Value *o)
{
    Value v[3] = {a[0], n > 1 ? a[1] : (Value){.u.s = " ", .len = 1}, {.u.i = 1}};
    return fn_trim(c, v, 3, o);
}
static int fn_rtrim(ExprCtx *c, const Value *a, int n, Value *o)
{
    Value v[3] = {a[0], n > 1 ? a[1] : (Value){.u.s = " ", .len = 1}, {.u.i = 2}};
    return fn_trim(c, v, 3, o);
}

/* UPPER/LOWER: ASCII and the Latin-1 letters (U+00C0..U+00FE as UTF-8 C3 xx,
 * except the signs U+00D7 and U+00F7); other characters are kept. */
static int fn_upper_lower(ExprCtx *ctx, const Value *a, Value *out, int up)
{
    if (a->null) return out->null = 1, 0;
    char *p = text_alloc(ctx, a->len);
    if (!p) return -1;
    const unsigned char *s = (const unsigned char *)a->u.s;
    for (uint32_t i = 0; i < a->len; i++) {
        unsigned char ch = s[i];
        if (ch == 0xC3 && i + 1 < a->len) {
            unsigned char c2 = s[i + 1];
            if (up && c2 >= 0xA0 && c2 <= 0xBE && c2 != 0xB7) c2 -= 0x20;
            else if (!up && c2 >= 0x80 && c2 <= 0x9E && c2 != 0x97) c2 += 0x20;
            p[i] = (char)ch;
            p[++i] = (char)c2;
            continue;
        }
        p[i] = (char)(up ? toupper(ch) : tolower(ch));
    }
    set_str(out, p, a->len);
    return 0;
}
static int fn_upper(ExprCtx *c, const Value *a, int n, Value *o) { (void)n; return fn_upper_lower(c, a, o, 1); }
static int fn_lower(ExprCtx *c, const Value *a, int n, Value *o) { (void)n; return fn_upper_lower(c, a, o, 0); }

static int fn_char_length(ExprCtx *c, const Value *a, int n, Value *o)
{
    (void)c;
    (void)n;
    if (a->null) return o->null = 1, 0;
    o->null = 0;
    o->u.i = utf8_count(a->u.s, a->len);
    return 0;
}

/* SUBSTRING(s, from[, for]) in characters, as Flink: from > 0 counts from 1,
 * from < 0 from the end, from = 0 is the start; past the end is ''; a negative
 * length gives NULL. */
static int fn_substring(ExprCtx *ctx, const Value *args, int nargs, Value *out)
{
    (void)ctx;
    NULL_IF_ANY_NULL();
    const char *s = args[0].u.s;
    size_t n = args[0].len;
    int64_t pos = args[1].u.i, len = nargs > 2 ? args[2].u.i : INT64_MAX;
    if (len < 0) return out->null = 1, 0;
    int64_t chars = utf8_count(s, n), start;
    if (pos > 0) start = pos - 1;
    else if (pos < 0) start = chars + pos;
    else start = 0;
    if (start < 0 || start >= chars) {
        set_str(out, "", 0);
        return 0;
    }
    int64_t end = chars - start < len ? chars : start + len;
    size_t b = utf8_offset(s, n, start);
    size_t e = b + utf8_offset(s + b, n - b, end - start);
    set_str(out, s + b, e - b);
    return 0;
}

static int fn_concat(ExprCtx *ctx, const Value *args, int nargs, Value *out)
{
    NULL_IF_ANY_NULL();
    size_t len = 0;
    for (int i = 0; i < nargs; i++) len += args[i].len;
    char *p = text_alloc(ctx, len);
    if (!p) return -1;
    size_t off = 0;
    for (int i = 0; i < nargs; i++) {
        if (args[i].len) memcpy(p + off, args[i].u.s, args[i].len);
        off += args[i].len;
    }
    set_str(out, p, len);
    return 0;
}

/* ---- numbers ---------------------------------------------------------- */

/* An integer result that does not fit its type (BIGINT, or INT for an INT
 * argument): a data error naming the function and its argument. */
static __attribute__((cold, noinline)) int int_overflow(ExprCtx *c, const char *fn, const Value *a, int nargs,
                                                        TypeId t)
{
    if (nargs > 1)
        err_set(c->err, WEIR_DATA, "integer overflow: %s(%lld, %lld) is out of range for %s", fn, (long long)a[0].u.i,
                (long long)a[1].u.i, type_name(t));
    else
        err_set(c->err, WEIR_DATA, "integer overflow: %s(%lld) is out of range for %s", fn, (long long)a[0].u.i,
                type_name(t));
    return -1;
}

/* ABS of an integer: ABS(-9223372036854775808) (and ABS of INT's minimum, for
 * an INT) has no value of its type. */
static int fn_abs_i(ExprCtx *c, const Value *a, int n, Value *o)
{
    (void)n;
    *o = *a;
    if (!a->null && a->u.i < 0) {
        if (a->u.i == INT64_MIN) return int_overflow(c, "ABS", a, 1, TYPE_BIGINT);
        o->u.i = -a->u.i;
    }
    return 0;
}
static int fn_abs_int(ExprCtx *c, const Value *a, int n, Value *o)
{
    if (fn_abs_i(c, a, n, o)) return -1;
    if (!o->null && o->u.i > INT32_MAX) return int_overflow(c, "ABS", a, 1, TYPE_INT);
    return 0;
}
static int fn_abs_d(ExprCtx *c, const Value *a, int n, Value *o) { (void)c; (void)n; *o = *a; if (!a->null) o->u.d = fabs(a->u.d); return 0; }
static int fn_floor_d(ExprCtx *c, const Value *a, int n, Value *o) { (void)c; (void)n; *o = *a; if (!a->null) o->u.d = floor(a->u.d); return 0; }
static int fn_ceil_d(ExprCtx *c, const Value *a, int n, Value *o) { (void)c; (void)n; *o = *a; if (!a->null) o->u.d = ceil(a->u.d); return 0; }
static int fn_sqrt(ExprCtx *c, const Value *a, int n, Value *o) { (void)c; (void)n; *o = *a; if (!a->null) o->u.d = sqrt(a->u.d); return 0; }

static int fn_power(ExprCtx *ctx, const Value *args, int nargs, Value *out)
{
    (void)ctx;
    NULL_IF_ANY_NULL();
    out->null = 0;
    out->u.d = pow(args[0].u.d, args[1].u.d);
    return 0;
}

static int fn_mod_i(ExprCtx *ctx, const Value *args, int nargs, Value *out)
{
    NULL_IF_ANY_NULL();
    if (args[1].u.i == 0) return data_err(ctx, "division by zero", NULL);
    out->null = 0;
    out->u.i = args[1].u.i == -1 ? 0 : args[0].u.i % args[1].u.i;
    return 0;
}
static int fn_mod_d(ExprCtx *ctx, const Value *args, int nargs, Value *out)
{
    (void)ctx;
    NULL_IF_ANY_NULL();
    out->null = 0;
    out->u.d = fmod(args[0].u.d, args[1].u.d);
    return 0;
}

double func_round_double(double x, int64_t d)
{
    if (!isfinite(x) || x == 0) return x;
    if (d > 400) return x;
    int neg = x < 0;
    double ax = fabs(x);
    /* Fast path: far from a tie, x and its shortest decimal round the same way,
     * and an integer over an exact power of ten is the correctly rounded result. */
    static const double p10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    if (d >= 0 && d <= 15) {
        double y = ax * p10[d];
        if (y < 1e9) { /* small enough that y's error stays far below the 1e-6 margin */
            double fl = floor(y), f = y - fl;
            if (fabs(f - 0.5) > 1e-6) {
                double r = (f > 0.5 ? fl + 1 : fl) / p10[d];
                return r == 0 ? 0.0 : neg ? -r : r;
            }
        }
    }
    /* The shortest digits that read back to x: what Java's Double.toString shows. */
    char tmp[40];
    int prec;
    for (prec = 1; prec < 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, ax);
        if (strtod(tmp, NULL) == ax) break;
    }
    snprintf(tmp, sizeof tmp, "%.*e", prec - 1, ax);
    char digits[24];
    int nd = 0;
    char *e = strchr(tmp, 'e');
    for (char *p = tmp; p < e; p++)
        if (isdigit((unsigned char)*p)) digits[nd++] = *p;
    int exp10 = atoi(e + 1); /* value = d0.d1d2... * 10^exp10 */
    int64_t keep = (int64_t)exp10 + d + 1; /* digits at or above 10^-d */
    if (keep >= nd) return x;
    if (keep < 0) return 0.0;
    int up = digits[keep] >= '5';
    /* Round digits[0..keep) up, carrying; one extra leading digit for 9.99 -> 10.0. */
    char res[32];
    res[0] = '0';
    memcpy(res + 1, digits, (size_t)keep);
    int len = (int)keep + 1;
    if (up) {
        int k = len - 1;
        while (k >= 0 && res[k] == '9') res[k--] = '0';
        if (k >= 0) res[k]++;
    }
    char buf[64];
    /* res is the integer res * 10^(exp10 - keep + 1). */
    snprintf(buf, sizeof buf, "%s%.*se%d", neg ? "-" : "", len, res, (int)(exp10 - keep + 1));
    double r = strtod(buf, NULL);
    return r == 0 ? 0.0 : r;
}

int func_round_int_checked(int64_t x, int64_t d, int64_t *out)
{
    if (d >= 0) return *out = x, 0;
    if (d < -19) return *out = 0, 0;        /* |x| < 9.3e18 < 10^20 / 2 */
    if (d == -19) {
        /* 10^19 itself does not fit: |x| >= 5e18 rounds to it, the rest to 0 */
        if (x >= 5000000000000000000LL || x <= -5000000000000000000LL) return -1;
        return *out = 0, 0;
    }
    static const int64_t pow10[19] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
                                      1000000000, 10000000000, 100000000000, 1000000000000, 10000000000000,
                                      100000000000000, 1000000000000000, 10000000000000000,
                                      100000000000000000, 1000000000000000000};
    int64_t p = pow10[-d];
    int64_t r = x % p;
    int64_t base = x - r;
    uint64_t ar = r < 0 ? (uint64_t)0 - (uint64_t)r : (uint64_t)r;
    if (ar * 2 >= (uint64_t)p && __builtin_add_overflow(base, x < 0 ? -p : p, &base)) return -1;
    *out = base;
    return 0;
}

static int fn_round_d(ExprCtx *ctx, const Value *args, int nargs, Value *out)
{
    (void)ctx;
    NULL_IF_ANY_NULL();
    out->null = 0;
    out->u.d = func_round_double(args[0].u.d, nargs > 1 ? args[1].u.i : 0);
    return 0;
}
static int fn_round_i(ExprCtx *ctx, const Value *args, int nargs, Value *out)
{
    NULL_IF_ANY_NULL();
    out->null = 0;
    if (func_round_int_checked(args[0].u.i, nargs > 1 ? args[1].u.i : 0, &out->u.i))
        return int_overflow(ctx, "ROUND", args, nargs, TYPE_BIGINT);
    return 0;
}
/* ROUND of an INT is an INT: ROUND(2147483647, -1) does not fit. */
static int fn_round_int(ExprCtx *ctx, const Value *args, int nargs, Value *out)
{
    if (fn_round_i(ctx, args, nargs, out)) return -1;
    if (!out->null && (out->u.i > INT32_MAX || out->u.i < INT32_MIN))
        return int_overflow(ctx, "ROUND", args, nargs, TYPE_INT);
    return 0;
}

/* ---- time ------------------------------------------------------------- */

typedef struct Civil {
    int64_t days, year;           /* days since the epoch */
    unsigned month, day;
    int64_t tod;                  /* ms of the day, 0 .. 86399999 */
} Civil;

static void civil_of(int64_t ms, Civil *c)
{
    c->days = floor_div(ms, MS_PER_DAY);
    c->tod = ms - c->days * MS_PER_DAY;
    time_civil_from_days(c->days, &c->year, &c->month, &c->day);
}

static int64_t day_of_year(const Civil *c) { return c->days - time_days_from_civil(c->year, 1, 1) + 1; }
/* 1 = Sunday .. 7 = Saturday (1970-01-01 was a Thursday). */
static int64_t day_of_week(int64_t days) { return (days + 4) % 7 < 0 ? (days + 4) % 7 + 8 : (days + 4) % 7 + 1; }

/* ISO-8601 week number: weeks start on Monday, week 1 holds the year's first Thursday. */
static int64_t iso_week(int64_t days)
{
    int64_t wd = ((days + 3) % 7 + 7) % 7 + 1; /* Monday 1 .. Sunday 7 */
    int64_t thursday = days - wd + 4, y;
    unsigned m, d;
    time_civil_from_days(thursday, &y, &m, &d);
    return (thursday - time_days_from_civil(y, 1, 1)) / 7 + 1;
}

/* Calendar work (EXTRACT, FLOOR/CEIL TO, DATE_FORMAT) on ms is safe from int64
 * overflow when ms is at least a leap year and a day inside the int64 range
 * (about 292 million years either way); beyond that it is a data error. */
#define TS_CAL_MARGIN (367 * MS_PER_DAY)
static int ts_calendar_ok(ExprCtx *ctx, const char *fn, int64_t ms)
{
    if (ms > INT64_MIN + TS_CAL_MARGIN && ms < INT64_MAX - TS_CAL_MARGIN) return 1;
    err_set(ctx->err, WEIR_DATA, "%s: TIMESTAMP %lld (epoch milliseconds) is out of range", fn, (long long)ms);
    return 0;
}

int fn_extract(ExprCtx *ctx, const Value *args, int nargs, Value *out)
{
    NULL_IF_ANY_NULL();
    if (!ts_calendar_ok(ctx, "EXTRACT", args[0].u.i)) return -1;
    int64_t ms = args[0].u.i, r;
    Civil c;
    civil_of(ms, &c);
    switch ((TimeUnit)args[1].u.i) {
    case UNIT_YEAR: r = c.year; break;
    case UNIT_QUARTER: r = (c.month + 2) / 3; break;
    case UNIT_MONTH: r = c.month; break;
    case UNIT_WEEK: r = iso_week(c.days); break;
    case UNIT_DAY: r = c.day; break;
    case UNIT_HOUR: r = c.tod / 3600000; break;
    case UNIT_MINUTE: r = c.tod / 60000 % 60; break;
    case UNIT_SECOND: r = c.tod / 1000 % 60; break;
    case UNIT_MILLISECOND: r = c.tod % 1000; break;
    case UNIT_DOW: r = day_of_week(c.days); break;
    case UNIT_DOY: r = day_of_year(&c); break;
    case UNIT_EPOCH: r = ms / 1000; break;
    default: return data_err(ctx, "unsupported EXTRACT unit", NULL);
    }
    out->null = 0;
    out->u.i = r;
    return 0;
}

/* The start of the unit-long period holding ms (weeks start on Sunday, as Flink). */
static int64_t ts_floor(int64_t ms, TimeUnit u)
{
    Civil c;
    switch (u) {
    case UNIT_MILLISECOND: return ms;
    case UNIT_SECOND: return floor_div(ms, 1000) * 1000;
    case UNIT_MINUTE: return floor_div(ms, 60000) * 60000;
    case UNIT_HOUR: return floor_div(ms, 3600000) * 3600000;
    case UNIT_DAY: return floor_div(ms, MS_PER_DAY) * MS_PER_DAY;
    default: break;
    }
    civil_of(ms, &c);
    switch (u) {
    case UNIT_WEEK: return (c.days - (day_of_week(c.days) - 1)) * MS_PER_DAY;
    case UNIT_MONTH: return time_days_from_civil(c.year, c.month, 1) * MS_PER_DAY;
    case UNIT_QUARTER: return time_days_from_civil(c.year, (c.month - 1) / 3 * 3 + 1, 1) * MS_PER_DAY;
    default: return time_days_from_civil(c.year, 1, 1) * MS_PER_DAY;
    }
}

/* The first period boundary at or after ms. */
static int64_t ts_ceil(int64_t ms, TimeUnit u)
{
    int64_t f = ts_floor(ms, u);
    if (f == ms) return ms;
    Civil c;
    switch (u) {
    case UNIT_SECOND: return f + 1000;
    case UNIT_MINUTE: return f + 60000;
    case UNIT_HOUR: return f + 3600000;
    case UNIT_DAY: return f + MS_PER_DAY;
    case UNIT_WEEK: return f + 7 * MS_PER_DAY;
    default: break;
    }
    civil_of(f, &c);
    int64_t months = u == UNIT_MONTH ? 1 : u == UNIT_QUARTER ? 3 : 12;
    int64_t m0 = (int64_t)c.month - 1 + months;
    return time_days_from_civil(c.year + m0 / 12, (unsigned)(m0 % 12 + 1), 1) * MS_PER_DAY;
}

/* FLOOR/CEIL(ts TO unit): the result must stay a TIMESTAMP, or it is a data
 * error: CEIL of a time in 9999 to YEAR (or in its last week, month, quarter,
 * day...) would be 10000-01-01; FLOOR TO WEEK of 0000-01-01 (a Saturday) a
 * Sunday in year -1. */
int fn_floor_ts(ExprCtx *ctx, const Value *args, int nargs, Value *out)
{
    NULL_IF_ANY_NULL();
    if (!ts_calendar_ok(ctx, "FLOOR", args[0].u.i)) return -1;
    out->null = 0;
    out->u.i = ts_floor(args[0].u.i, (TimeUnit)args[1].u.i);
    if (!ts_valid(out->u.i)) return ts_range_err(ctx, "FLOOR", out->u.i);
    return 0;
}
int fn_ceil_ts(ExprCtx *ctx, const Value *args, int nargs, Value *out)
{
    NULL_IF_ANY_NULL();
    if (!ts_calendar_ok(ctx, "CEIL", args[0].u.i)) return -1;
    out->null = 0;
    out->u.i = ts_ceil(args[0].u.i, (TimeUnit)args[1].u.i);
    if (!ts_valid(out->u.i)) return ts_range_err(ctx, "CEIL", out->u.i);
    return 0;
}

static const char *const month_short[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const month_long[12] = {"January", "February", "March", "April", "May", "June", "July",
                                           "August", "September", "October", "November", "December"};
static const char *const day_short[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const day_long[7] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

/* Appends to buf[*len..cap); silently truncates at cap. */
static void put(char *buf, size_t cap, size_t *len, const char *s, size_t n)
{
    if (*len + n > cap) n = cap - *len;
    memcpy(buf + *len, s, n);
    *len += n;
}
static void put_num(char *buf, size_t cap, size_t *len, int64_t v, int width)
{
    char t[32];
    int n = snprintf(t, sizeof t, "%0*lld", width, (long long)v);
    put(buf, cap, len, t, (size_t)n);
}

/* Walks a Java pattern: calls back for each letter run (letter, count) and for
 * literal text.  Shared by formatting, parsing and checking. */
typedef int (*PatLetter)(void *st, char letter, int count);
typedef int (*PatText)(void *st, const char *s, size_t n);

static int pattern_walk(const char *f, size_t n, void *st, PatLetter on_letter, PatText on_text)
{
    size_t i = 0;
    while (i < n) {
        char ch = f[i];
        if (ch == '\'') {
            if (i + 1 < n && f[i + 1] == '\'') {
                if (on_text(st, "'", 1)) return -1;
                i += 2;
                continue;
            }
            size_t j = i + 1;
            /* Quoted text; '' inside is one quote. */
            while (j < n) {
                if (f[j] == '\'') {
                    if (j + 1 < n && f[j + 1] == '\'') {
                        if (on_text(st, "'", 1)) return -1;
                        j += 2;
                        continue;
                    }
                    break;
                }
                if (on_text(st, f + j, 1)) return -1;
                j++;
            }
            if (j >= n) return -2; /* unterminated quote */
            i = j + 1;
        } else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
            int cnt = 0;
            while (i < n && f[i] == ch) cnt++, i++;
            int rc = on_letter(st, ch, cnt);
            if (rc) return rc;
        } else {
            if (on_text(st, f + i, 1)) return -1;
            i++;
        }
    }
    return 0;
}

static int letter_known(char ch) { return strchr("yMdHhmsSaEDu", ch) != NULL; }

typedef struct FmtState {
    Civil c;
    char *buf;
    size_t cap, len;
} FmtState;

static int fmt_letter(void *p, char ch, int cnt)
{
    FmtState *st = p;
    const Civil *c = &st->c;
    switch (ch) {
    case 'y':
    case 'u':
        if (cnt == 2) put_num(st->buf, st->cap, &st->len, ((c->year % 100) + 100) % 100, 2);
        else put_num(st->buf, st->cap, &st->len, c->year, cnt);
        break;
    case 'M':
        if (cnt >= 4) put(st->buf, st->cap, &st->len, month_long[c->month - 1], strlen(month_long[c->month - 1]));
        else if (cnt == 3) put(st->buf, st->cap, &st->len, month_short[c->month - 1], 3);
        else put_num(st->buf, st->cap, &st->len, c->month, cnt);
        break;
    case 'd': put_num(st->buf, st->cap, &st->len, c->day, cnt); break;
    case 'D': put_num(st->buf, st->cap, &st->len, day_of_year(c), cnt); break;
    case 'H': put_num(st->buf, st->cap, &st->len, c->tod / 3600000, cnt); break;
    case 'h': {
        int64_t h = c->tod / 3600000 % 12;
        put_num(st->buf, st->cap, &st->len, h ? h : 12, cnt);
        break;
    }
    case 'm': put_num(st->buf, st->cap, &st->len, c->tod / 60000 % 60, cnt); break;
    case 's': put_num(st->buf, st->cap, &st->len, c->tod / 1000 % 60, cnt); break;
    case 'S': {
        /* Fraction of the second, cnt digits (milliseconds, then zeros). */
        char t[16];
        snprintf(t, sizeof t, "%03lld000000", (long long)(c->tod % 1000));
        put(st->buf, st->cap, &st->len, t, (size_t)(cnt > 9 ? 9 : cnt));
        break;
    }
    case 'a': put(st->buf, st->cap, &st->len, c->tod < 43200000 ? "AM" : "PM", 2); break;
    case 'E': {
        const char *name = cnt >= 4 ? day_long[day_of_week(c->days) - 1] : day_short[day_of_week(c->days) - 1];
        put(st->buf, st->cap, &st->len, name, strlen(name));
        break;
    }
    default: return -2;
    }
    return 0;
}

static int fmt_text(void *p, const char *s, size_t n)
{
    FmtState *st = p;
    put(st->buf, st->cap, &st->len, s, n);
    return 0;
}

int func_date_format(int64_t ms, const char *fmt, size_t fmt_len, char *buf, size_t cap, size_t *len)
{
    FmtState st = {.buf = buf, .cap = cap};
    civil_of(ms, &st.c);
    int rc = pattern_walk(fmt, fmt_len, &st, fmt_letter, fmt_text);
    *len = st.len;
    return rc ? -1 : 0;
}

static int chk_letter(void *p, char ch, int cnt)
{
    (void)p;
    (void)cnt;
    return letter_known(ch) ? 0 : -2;
}
static int chk_text(void *p, const char *s, size_t n)
{
    (void)p;
    (void)s;
    (void)n;
    return 0;
}

int func_check_java_pattern(const char *fmt, size_t fmt_len)
{
    return pattern_walk(fmt, fmt_len, NULL, chk_letter, chk_text) ? -1 : 0;
}

typedef struct ParseState {
    const char *s;
    size_t n, i;
    int64_t y, mo, d, h, mi, sec, ms, doy;
    int pm, has_ampm, bad;
} ParseState;

/* Reads between min and max digits. */
static int read_num(ParseState *st, int min, int max, int64_t *out)
{
    int64_t v = 0;
    int k = 0;
    while (k < max && st->i < st->n && isdigit((unsigned char)st->s[st->i])) v = v * 10 + (st->s[st->i++] - '0'), k++;
    if (k < min) return -1;
    *out = v;
    return 0;
}

static int parse_letter(void *p, char ch, int cnt)
{
    ParseState *st = p;
    int min = cnt == 1 ? 1 : cnt, max = cnt == 1 ? 2 : cnt;
    switch (ch) {
    case 'y':
    case 'u':
        if (cnt == 2) {
            if (read_num(st, 2, 2, &st->y)) return -1;
            st->y += 2000;
        } else if (read_num(st, cnt < 4 ? cnt : 4, cnt < 4 ? 9 : cnt, &st->y)) return -1;
        return 0;
    case 'M':
        if (cnt >= 3) {
            for (int k = 0; k < 12; k++) {
                const char *name = cnt == 3 ? month_short[k] : month_long[k];
                size_t l = strlen(name);
                if (st->i + l <= st->n && strncasecmp(st->s + st->i, name, l) == 0) {
                    st->mo = k + 1;
                    st->i += l;
                    return 0;
                }
            }
            return -1;
        }
        return read_num(st, min, max, &st->mo);
    case 'd': return read_num(st, min, max, &st->d);
    case 'D': return read_num(st, cnt, cnt < 3 ? 3 : cnt, &st->doy);
    case 'H': return read_num(st, min, max, &st->h);
    case 'h':
        st->has_ampm = 1;
        return read_num(st, min, max, &st->h);
    case 'm': return read_num(st, min, max, &st->mi);
    case 's': return read_num(st, min, max, &st->sec);
    case 'S': {
        int64_t v;
        size_t start = st->i;
        if (read_num(st, cnt, cnt, &v)) return -1;
        /* Keep milliseconds: the first three digits of the fraction. */
        int digits = (int)(st->i - start);
        while (digits > 3) v /= 10, digits--;
        while (digits < 3) v *= 10, digits++;
        st->ms = v;
        return 0;
    }
    case 'a':
        if (st->i + 2 <= st->n && strncasecmp(st->s + st->i, "AM", 2) == 0) st->pm = 0;
        else if (st->i + 2 <= st->n && strncasecmp(st->s + st->i, "PM", 2) == 0) st->pm = 1;
        else return -1;
        st->i += 2;
        st->has_ampm = 1;
        return 0;
    case 'E':
        for (int k = 0; k < 7; k++) {
            const char *name = cnt >= 4 ? day_long[k] : day_short[k];
            size_t l = strlen(name);
            if (st->i + l <= st->n && strncasecmp(st->s + st->i, name, l) == 0) {
                st->i += l;
                return 0;
            }
        }
        return -1;
    default: return -2;
    }
}

static int parse_text(void *p, const char *s, size_t n)
{
    ParseState *st = p;
    if (st->i + n > st->n || memcmp(st->s + st->i, s, n) != 0) return -1;
    st->i += n;
    return 0;
}

static int days_in_month(int64_t y, int64_t m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dm[m - 1];
}

int func_parse_java(const char *s, size_t n, const char *fmt, size_t fmt_len, int64_t *out)
{
    if (func_check_java_pattern(fmt, fmt_len)) return -2;
    ParseState st = {.s = s, .n = n, .y = 1970, .mo = 1, .d = 1};
    int rc = pattern_walk(fmt, fmt_len, &st, parse_letter, parse_text);
    if (rc == -2) return -2;
    if (rc || st.i != n) return -1;
    if (st.has_ampm) {
        if (st.h < 1 || st.h > 12) return -1;
        st.h = st.h % 12 + (st.pm ? 12 : 0);
    }
    if (st.mo < 1 || st.mo > 12 || st.h > 23 || st.mi > 59 || st.sec > 59) return -1;
    /* up to nine year digits: beyond 9999 is out of range, and would overflow
     * the arithmetic below */
    if (st.y > 9999) return -3;
    int64_t days;
    if (st.doy) {
        int leap = days_in_month(st.y, 2) == 29;
        if (st.doy < 1 || st.doy > 365 + leap) return -1;
        days = time_days_from_civil(st.y, 1, 1) + st.doy - 1;
    } else {
        if (st.d < 1 || st.d > days_in_month(st.y, st.mo)) return -1;
        days = time_days_from_civil(st.y, (unsigned)st.mo, (unsigned)st.d);
    }
    *out = days * MS_PER_DAY + ((st.h * 60 + st.mi) * 60 + st.sec) * 1000 + st.ms;
    return 0;
}

int func_parse_default_ts(const char *s, size_t n, int64_t *out)
{
    ParseState st = {.s = s, .n = n};
    if (read_num(&st, 4, 4, &st.y) || parse_text(&st, "-", 1) || read_num(&st, 1, 2, &st.mo) ||
        parse_text(&st, "-", 1) || read_num(&st, 1, 2, &st.d))
        return -1;
    if (st.i < n) {
        if (parse_text(&st, " ", 1) || read_num(&st, 1, 2, &st.h) || parse_text(&st, ":", 1) ||
            read_num(&st, 1, 2, &st.mi) || parse_text(&st, ":", 1) || read_num(&st, 1, 2, &st.sec))
            return -1;
        if (st.i < n && s[st.i] == '.') {
            st.i++;
            int64_t v;
            size_t start = st.i;
            if (read_num(&st, 1, 9, &v)) return -1;
            int digits = (int)(st.i - start);
            while (digits > 3) v /= 10, digits--;
            while (digits < 3) v *= 10, digits++;
            st.ms = v;
        }
    }
    if (st.i != n || st.mo < 1 || st.mo > 12 || st.d < 1 || st.d > days_in_month(st.y, st.mo) || st.h > 23 ||
        st.mi > 59 || st.sec > 59)
        return -1;
    *out = time_days_from_civil(st.y, (unsigned)st.mo, (unsigned)st.d) * MS_PER_DAY +
           ((st.h * 60 + st.mi) * 60 + st.sec) * 1000 + st.ms;
    return 0;
}

static int fn_date_format(ExprCtx *ctx, const Value *args, int nargs, Value *out)
{
    NULL_IF_ANY_NULL();
    if (!ts_calendar_ok(ctx, "DATE_FORMAT", args[0].u.i)) return -1;
    size_t cap = (size_t)args[1].len * 9 + 16, len;
    char *p = text_alloc(ctx, cap);
    if (!p) return -1;
    if (func_date_format(args[0].u.i, args[1].u.s, args[1].len, p, cap, &len))
        return data_err(ctx, "unsupported DATE_FORMAT pattern '%.*s'", &args[1]);
    set_str(out, p, len);
    return 0;
}

/* TO_TIMESTAMP(s[, fmt]): text that does not match gives NULL, as in Flink. */
static int fn_to_timestamp(ExprCtx *ctx, const Value *args, int nargs, Value *out)
{
    NULL_IF_ANY_NULL();
    int64_t t;
    int rc = nargs > 1 ? func_parse_java(args[0].u.s, args[0].len, args[1].u.s, args[1].len, &t)
                       : func_parse_default_ts(args[0].u.s, args[0].len, &t);
    if (rc == -2) return data_err(ctx, "unsupported TO_TIMESTAMP pattern '%.*s'", &args[1]);
    if (rc == -3) return data_err(ctx, "TO_TIMESTAMP: '%.*s' " TS_RANGE_MSG, &args[0]);
    if (rc) return out->null = 1, 0;
    out->null = 0;
    out->u.i = t;
    return 0;
}

/* TO_TIMESTAMP_LTZ(epoch[, 0|3]): seconds or milliseconds; outside years
 * 0000..9999 gives NULL (Flink).  weir has no time zones: the result is UTC. */
static int fn_to_timestamp_ltz(ExprCtx *ctx, const Value *args, int nargs, Value *out)
{
    NULL_IF_ANY_NULL();
    int64_t precision = nargs > 1 ? args[1].u.i : 3;
    int64_t v = args[0].u.i;
    if (precision != 0 && precision != 3)
        return err_set(ctx->err, WEIR_DATA,
                       "TO_TIMESTAMP_LTZ precision must be 0 (seconds) or 3 (milliseconds), not %lld",
                       (long long)precision),
               -1;
    if (precision == 0) {
        if (v < TS_VALID_MIN / 1000 || v > TS_VALID_MAX / 1000) return out->null = 1, 0;
        v *= 1000;
    }
    if (!ts_valid(v)) return out->null = 1, 0;
    out->null = 0;
    out->u.i = v;
    return 0;
}
static int fn_to_timestamp_ltz_d(ExprCtx *ctx, const Value *args, int nargs, Value *out)
{
    NULL_IF_ANY_NULL();
    int64_t precision = nargs > 1 ? args[1].u.i : 3;
    if (precision != 0 && precision != 3) {
        Value a[2] = {{.u.i = 0}, {.u.i = precision}};
        return fn_to_timestamp_ltz(ctx, a, 2, out);
    }
    double d = args[0].u.d * (precision == 0 ? 1000.0 : 1.0);
    if (!(d > (double)TS_VALID_MIN - 1.0 && d < (double)TS_VALID_MAX + 1.0)) return out->null = 1, 0;
    Value a[2] = {{.u.i = (int64_t)d}, {.u.i = 3}};
    return fn_to_timestamp_ltz(ctx, a, 2, out);
}

/* ---- type checks -------------------------------------------------------- */

static int is_str(TypeId t) { return t == TYPE_VARCHAR || t == TYPE_NULL; }
static int is_num(TypeId t) { return type_is_numeric(t) || t == TYPE_NULL; }
static int is_int(TypeId t) { return type_is_integer(t) || t == TYPE_NULL; }

/* Any argument types, each converted to VARCHAR (CONCAT). */
static const char *check_concat(const TypeId *args, int n, TypeId *want, TypeId *result, int *bad)
{
    (void)bad;
    for (int i = 0; i < n; i++) want[i] = args[i] == TYPE_NULL ? TYPE_NULL : TYPE_VARCHAR;
    *result = TYPE_VARCHAR;
    return NULL;
}
static const char *check_str_str(const TypeId *args, int n, TypeId *want, TypeId *result, int *bad)
{
    for (int i = 0; i < n; i++)
        if (!is_str(args[i])) return *bad = i, "expects VARCHAR";
    (void)want;
    *result = TYPE_VARCHAR;
    return NULL;
}
static const char *check_char_length(const TypeId *args, int n, TypeId *want, TypeId *result, int *bad)
{
    (void)n;
    (void)want;
    if (!is_str(args[0])) return *bad = 0, "expects VARCHAR";
    *result = TYPE_BIGINT;
    return NULL;
}
static const char *check_substring(const TypeId *args, int n, TypeId *want, TypeId *result, int *bad)
{
    if (!is_str(args[0])) return *bad = 0, "expects VARCHAR";
    for (int i = 1; i < n; i++) {
        if (!is_int(args[i])) return *bad = i, "expects an integer position and length";
        want[i] = TYPE_BIGINT;
    }
    *result = TYPE_VARCHAR;
    return NULL;
}
/* ABS, FLOOR, CEIL: a number; the result has its type. */
static const char *check_numeric_same(const TypeId *args, int n, TypeId *want, TypeId *result, int *bad)
{
    (void)n;
    (void)want;
    if (!is_num(args[0])) return *bad = 0, "expects a number";
    *result = args[0] == TYPE_NULL ? TYPE_BIGINT : args[0];
    return NULL;
}
static const char *check_round(const TypeId *args, int n, TypeId *want, TypeId *result, int *bad)
{
    if (!is_num(args[0])) return *bad = 0, "expects a number";
    if (n > 1) {
        if (!is_int(args[1])) return *bad = 1, "expects an integer number of decimal places";
        want[1] = TYPE_BIGINT;
    }
    *result = args[0] == TYPE_NULL ? TYPE_BIGINT : args[0];
    return NULL;
}
/* MOD: integers give an integer (INT when both are INT), else DOUBLE. */
static const char *check_mod(const TypeId *args, int n, TypeId *want, TypeId *result, int *bad)
{
    (void)n;
    for (int i = 0; i < 2; i++)
        if (!is_num(args[i])) return *bad = i, "expects numbers";
    if (args[0] == TYPE_DOUBLE || args[1] == TYPE_DOUBLE) {
        want[0] = want[1] = TYPE_DOUBLE;
        *result = TYPE_DOUBLE;
    } else {
        want[0] = want[1] = TYPE_BIGINT;
        *result = args[0] == TYPE_INT && args[1] == TYPE_INT ? TYPE_INT : TYPE_BIGINT;
    }
    return NULL;
}
/* POWER, SQRT: numbers in, DOUBLE out. */
static const char *check_double_math(const TypeId *args, int n, TypeId *want, TypeId *result, int *bad)
{
    for (int i = 0; i < n; i++) {
        if (!is_num(args[i])) return *bad = i, "expects a number";
        want[i] = TYPE_DOUBLE;
    }
    *result = TYPE_DOUBLE;
    return NULL;
}
static const char *check_to_ltz(const TypeId *args, int n, TypeId *want, TypeId *result, int *bad)
{
    if (!is_num(args[0])) return *bad = 0, "expects a numeric epoch";
    if (n > 1) {
        if (!is_int(args[1])) return *bad = 1, "expects a precision of 0 or 3";
        want[1] = TYPE_BIGINT;
    }
    if (args[0] != TYPE_DOUBLE) want[0] = TYPE_BIGINT;
    *result = TYPE_TIMESTAMP;
    return NULL;
}
static const char *check_date_format(const TypeId *args, int n, TypeId *want, TypeId *result, int *bad)
{
    (void)n;
    /* Flink also takes a string timestamp in the first argument. */
    if (args[0] != TYPE_TIMESTAMP && !is_str(args[0])) return *bad = 0, "expects a TIMESTAMP";
    if (!is_str(args[1])) return *bad = 1, "expects a VARCHAR pattern";
    want[0] = TYPE_TIMESTAMP;
    *result = TYPE_VARCHAR;
    return NULL;
}
static const char *check_to_timestamp(const TypeId *args, int n, TypeId *want, TypeId *result, int *bad)
{
    (void)want;
    for (int i = 0; i < n; i++)
        if (!is_str(args[i])) return *bad = i, "expects VARCHAR";
    *result = TYPE_TIMESTAMP;
    return NULL;
}

/* HOUR(ts), MINUTE(ts), ... (Flink's shorthands for EXTRACT(unit FROM ts)):
 * the unit rides as a constant second argument into fn_extract. */
static int fn_part(ExprCtx *c, const Value *a, TimeUnit u, Value *o)
{
    Value args[2] = {a[0], {.u.i = u}};
    return fn_extract(c, args, 2, o);
}
static int fn_year(ExprCtx *c, const Value *a, int n, Value *o) { (void)n; return fn_part(c, a, UNIT_YEAR, o); }
static int fn_month(ExprCtx *c, const Value *a, int n, Value *o) { (void)n; return fn_part(c, a, UNIT_MONTH, o); }
static int fn_dayofmonth(ExprCtx *c, const Value *a, int n, Value *o) { (void)n; return fn_part(c, a, UNIT_DAY, o); }
static int fn_hour(ExprCtx *c, const Value *a, int n, Value *o) { (void)n; return fn_part(c, a, UNIT_HOUR, o); }
static int fn_minute(ExprCtx *c, const Value *a, int n, Value *o) { (void)n; return fn_part(c, a, UNIT_MINUTE, o); }
static int fn_second(ExprCtx *c, const Value *a, int n, Value *o) { (void)n; return fn_part(c, a, UNIT_SECOND, o); }

static const char *check_ts_part(const TypeId *args, int n, TypeId *want, TypeId *result, int *bad)
{
    (void)n;
    (void)want;
    if (args[0] != TYPE_TIMESTAMP && args[0] != TYPE_NULL) return *bad = 0, "expects a TIMESTAMP";
    *result = TYPE_BIGINT;
    return NULL;
}

/* COUNT_CHAR(s, c): how many bytes of s equal the first byte of c (the
 * nexmark benchmark's user function, built in for its q14); 0 for a NULL s
 * or an empty c. */
static int fn_count_char(ExprCtx *c, const Value *a, int n, Value *o)
{
    (void)c;
    (void)n;
    o->null = 0;
    o->u.i = 0;
    if (a[0].null || a[1].null || a[1].len == 0) return 0;
    char ch = a[1].u.s[0];
    for (uint32_t i = 0; i < a[0].len; i++) o->u.i += a[0].u.s[i] == ch;
    return 0;
}

static const char *check_count_char(const TypeId *args, int n, TypeId *want, TypeId *result, int *bad)
{
    (void)n;
    (void)want;
    for (int i = 0; i < 2; i++)
        if (!is_str(args[i])) return *bad = i, "expects VARCHAR";
    *result = TYPE_BIGINT;
    return NULL;
}

/* Dispatchers: the real function depends on argument types (see func_impl). */
static int fn_abs(ExprCtx *c, const Value *a, int n, Value *o);
static int fn_floor(ExprCtx *c, const Value *a, int n, Value *o);
static int fn_ceil(ExprCtx *c, const Value *a, int n, Value *o);
static int fn_round(ExprCtx *c, const Value *a, int n, Value *o);
static int fn_mod(ExprCtx *c, const Value *a, int n, Value *o);
static int fn_to_ltz(ExprCtx *c, const Value *a, int n, Value *o);

static const FuncDef functions[] = {
    {"UPPER", 1, 1, check_str_str, fn_upper},
    {"LOWER", 1, 1, check_str_str, fn_lower},
    {"LTRIM", 1, 2, check_str_str, fn_ltrim},
    {"RTRIM", 1, 2, check_str_str, fn_rtrim},
    {"CHAR_LENGTH", 1, 1, check_char_length, fn_char_length},
    {"CHARACTER_LENGTH", 1, 1, check_char_length, fn_char_length},
    {"SUBSTRING", 2, 3, check_substring, fn_substring},
    {"SUBSTR", 2, 3, check_substring, fn_substring},
    {"CONCAT", 1, 64, check_concat, fn_concat},
    {"ABS", 1, 1, check_numeric_same, fn_abs},
    {"FLOOR", 1, 1, check_numeric_same, fn_floor},
    {"CEIL", 1, 1, check_numeric_same, fn_ceil},
    {"CEILING", 1, 1, check_numeric_same, fn_ceil},
    {"ROUND", 1, 2, check_round, fn_round},
    {"MOD", 2, 2, check_mod, fn_mod},
    {"POWER", 2, 2, check_double_math, fn_power},
    {"POW", 2, 2, check_double_math, fn_power},
    {"SQRT", 1, 1, check_double_math, fn_sqrt},
    {"DATE_FORMAT", 2, 2, check_date_format, fn_date_format},
    {"TO_TIMESTAMP", 1, 2, check_to_timestamp, fn_to_timestamp},
    {"TO_TIMESTAMP_LTZ", 1, 2, check_to_ltz, fn_to_ltz},
    {"YEAR", 1, 1, check_ts_part, fn_year},
    {"MONTH", 1, 1, check_ts_part, fn_month},
    {"DAYOFMONTH", 1, 1, check_ts_part, fn_dayofmonth},
    {"HOUR", 1, 1, check_ts_part, fn_hour},
    {"MINUTE", 1, 1, check_ts_part, fn_minute},
    {"SECOND", 1, 1, check_ts_part, fn_second},
    {"COUNT_CHAR", 2, 2, check_count_char, fn_count_char},
};

/* Placeholders, replaced at compile time by func_impl; never called. */
static int fn_abs(ExprCtx *c, const Value *a, int n, Value *o) { return fn_abs_i(c, a, n, o); }
static int fn_floor(ExprCtx *c, const Value *a, int n, Value *o) { return cast_same(c, a, n, o); }
static int fn_ceil(ExprCtx *c, const Value *a, int n, Value *o) { return cast_same(c, a, n, o); }
static int fn_round(ExprCtx *c, const Value *a, int n, Value *o) { return fn_round_i(c, a, n, o); }
static int fn_mod(ExprCtx *c, const Value *a, int n, Value *o) { return fn_mod_i(c, a, n, o); }
static int fn_to_ltz(ExprCtx *c, const Value *a, int n, Value *o) { return fn_to_timestamp_ltz(c, a, n, o); }

const FuncDef *func_lookup(const char *name)
{
    for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++)
        if (strcmp(functions[i].name, name) == 0) return &functions[i];
    return NULL;
}

const char *func_suggest(const char *name)
{
    static const char *const others[] = {"COALESCE", "PROCTIME", "COUNT", "SUM", "AVG", "MIN", "MAX",
                                         "TUMBLE", "HOP", "SESSION", "CUMULATE", "CAST", "EXTRACT"};
    const char *best = NULL;
    int bestd = 3;
    for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++) {
        int d = ast_edit_distance(functions[i].name, name);
        if (d < bestd) bestd = d, best = functions[i].name;
    }
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        int d = ast_edit_distance(others[i], name);
        if (d < bestd) bestd = d, best = others[i];
    }
    return best;
}

ExprFn func_impl(const FuncDef *f, const TypeId *args)
{
    int dbl = args && args[0] == TYPE_DOUBLE;
    int i32 = args && args[0] == TYPE_INT;
    if (f->fn == fn_abs) return dbl ? fn_abs_d : i32 ? fn_abs_int : fn_abs_i;
    if (f->fn == fn_floor) return dbl ? fn_floor_d : cast_same;
    if (f->fn == fn_ceil) return dbl ? fn_ceil_d : cast_same;
    if (f->fn == fn_round) return dbl ? fn_round_d : i32 ? fn_round_int : fn_round_i;
    if (f->fn == fn_mod) return dbl || (args && args[1] == TYPE_DOUBLE) ? fn_mod_d : fn_mod_i;
    if (f->fn == fn_to_ltz) return dbl ? fn_to_timestamp_ltz_d : fn_to_timestamp_ltz;
    return f->fn;
}
