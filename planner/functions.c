/*
 * functions.c - scalar functions and casts (see functions.h).
 *
 * Run-time functions get Values of the types their check() asked for and build
 * strings in ctx->text.  NULL in gives NULL out unless SQL says otherwise.
 */
#include "functions.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "weir.h"

#define NULL_IF_ANY_NULL()                                                                        \
    do {                                                                                          \
        for (int i_ = 0; i_ < nargs; i_++)                                                        \
            if (args[i_].null) {                                                                  \
                out->null = 1;                                                                    \
                return 0;                                                                         \
            }                                                                                     \
    } while (0)

static int data_err(ExprCtx *ctx, const char *fmt, const Value *v)
{
    if (v) err_set(ctx->err, WEIR_DATA, fmt, (int)v->len, v->u.s);
    else err_set(ctx->err, WEIR_DATA, "%s", fmt);
    return -1;
}

static char *text_alloc(ExprCtx *ctx, size_t n)
{
    char *p = arena_alloc(ctx->text, n ? n : 1);
    if (!p) err_set(ctx->err, WEIR_NOMEM, "out of memory");
    return p;
}

/* ---- casts --------------------------------------------------------------- */

static int cast_i2d(ExprCtx *c, const Value *a, int n, Value *o) { (void)c; (void)n; o->null = a->null; o->u.d = (double)a->u.i; return 0; }
static int cast_d2i(ExprCtx *c, const Value *a, int n, Value *o)
{
    (void)n;
    if (a->null) return o->null = 1, 0;
    if (!(a->u.d > -9223372036854775808.0 && a->u.d < 9223372036854775808.0))
        return data_err(c, "value out of range for BIGINT", NULL);
    o->u.i = (int64_t)a->u.d;
    return 0;
}
static int cast_i2int(ExprCtx *c, const Value *a, int n, Value *o)
{
    (void)n;
    *o = *a;
    if (!a->null && (a->u.i < INT32_MIN || a->u.i > INT32_MAX)) return data_err(c, "value out of range for INT", NULL);
    return 0;
}
static int cast_d2int(ExprCtx *c, const Value *a, int n, Value *o)
{
    if (cast_d2i(c, a, n, o)) return -1;
    return cast_i2int(c, o, n, o);
}
static int cast_i2b(ExprCtx *c, const Value *a, int n, Value *o) { (void)c; (void)n; o->null = a->null; o->u.i = a->u.i != 0; return 0; }
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
    o->null = 0;
    o->u.s = p;
    o->len = (uint32_t)len;
    return 0;
}
static int cast_i2s(ExprCtx *c, const Value *a, int n, Value *o) { (void)n; return to_text(c, a, TYPE_BIGINT, o); }
static int cast_d2s(ExprCtx *c, const Value *a, int n, Value *o) { (void)n; return to_text(c, a, TYPE_DOUBLE, o); }
static int cast_b2s(ExprCtx *c, const Value *a, int n, Value *o) { (void)n; return to_text(c, a, TYPE_BOOLEAN, o); }
static int cast_t2s(ExprCtx *c, const Value *a, int n, Value *o) { (void)n; return to_text(c, a, TYPE_TIMESTAMP, o); }

/* Trims ASCII blanks around a string value. */
static void trimmed(const Value *a, const char **s, size_t *n)
{
    const char *p = a->u.s;
    size_t len = a->len;
    while (len && isspace((unsigned char)*p)) p++, len--;
    while (len && isspace((unsigned char)p[len - 1])) len--;
    *s = p;
    *n = len;
}

static int cast_s2i(ExprCtx *c, const Value *a, int n, Value *o)
{
    (void)n;
    if (a->null) return o->null = 1, 0;
    const char *s;
    size_t len;
    trimmed(a, &s, &len);
    char buf[32];
    if (len == 0 || len >= sizeof buf) return data_err(c, "cannot cast \"%.*s\" to BIGINT", a);
    memcpy(buf, s, len);
    buf[len] = 0;
    char *end;
    errno = 0;
    long long v = strtoll(buf, &end, 10);
    if (*end || errno) return data_err(c, "cannot cast \"%.*s\" to BIGINT", a);
    o->null = 0;
    o->u.i = v;
    return 0;
}
static int cast_s2int(ExprCtx *c, const Value *a, int n, Value *o)
{
    if (cast_s2i(c, a, n, o)) return -1;
    if (!o->null && (o->u.i < INT32_MIN || o->u.i > INT32_MAX)) return data_err(c, "cannot cast \"%.*s\" to INT", a);
    return 0;
}
static int cast_s2d(ExprCtx *c, const Value *a, int n, Value *o)
{
    (void)n;
    if (a->null) return o->null = 1, 0;
    const char *s;
    size_t len;
    trimmed(a, &s, &len);
    char buf[64];
    if (len == 0 || len >= sizeof buf) return data_err(c, "cannot cast \"%.*s\" to DOUBLE", a);
    memcpy(buf, s, len);
    buf[len] = 0;
    char *end;
    double v = strtod(buf, &end);
    if (*end) return data_err(c, "cannot cast \"%.*s\" to DOUBLE", a);
    o->null = 0;
    o->u.d = v;
    return 0;
}
static int cast_s2b(ExprCtx *c, const Value *a, int n, Value *o)
{
    (void)n;
    if (a->null) return o->null = 1, 0;
    const char *s;
    size_t len;
    trimmed(a, &s, &len);
    o->null = 0;
    if (len == 4 && strncasecmp(s, "true", 4) == 0) o->u.i = 1;
    else if (len == 5 && strncasecmp(s, "false", 5) == 0) o->u.i = 0;
    else return data_err(c, "cannot cast \"%.*s\" to BOOLEAN", a);
    return 0;
}
static int cast_s2t(ExprCtx *c, const Value *a, int n, Value *o)
{
    (void)n;
    if (a->null) return o->null = 1, 0;
    const char *s;
    size_t len;
    trimmed(a, &s, &len);
    int64_t t;
    if (time_parse_iso(s, len, &t)) return data_err(c, "cannot cast \"%.*s\" to TIMESTAMP", a);
    o->null = 0;
    o->u.i = t;
    return 0;
}

ExprFn func_cast(TypeId from, TypeId to)
{
    if (from == to || from == TYPE_NULL) return cast_same;
    if (to == TYPE_INTERVAL) return NULL;
    switch (from) {
    case TYPE_INT:
    case TYPE_BIGINT:
        switch (to) {
        case TYPE_INT: return cast_i2int;
        case TYPE_BIGINT: return cast_same;
        case TYPE_DOUBLE: return cast_i2d;
        case TYPE_BOOLEAN: return cast_i2b;
        case TYPE_VARCHAR: return cast_i2s;
        case TYPE_TIMESTAMP: return cast_same; /* epoch milliseconds */
        default: return NULL;
        }
    case TYPE_DOUBLE:
        switch (to) {
        case TYPE_INT: return cast_d2int;
        case TYPE_BIGINT: return cast_d2i;
        case TYPE_VARCHAR: return cast_d2s;
        default: return NULL;
        }
    case TYPE_BOOLEAN:
        switch (to) {
        case TYPE_INT:
        case TYPE_BIGINT: return cast_same;
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

/* ---- functions ------------------------------------------------------------ */

int fn_proctime(ExprCtx *ctx, const Value *args, int nargs, Value *out)
{
    (void)args;
    (void)nargs;
    out->null = 0;
    out->u.i = ctx->now_ms;
    return 0;
}

/* SQL LIKE: % any run, _ one character (bytes), optional escape character. */
static int like_match(const char *s, size_t ns, const char *p, size_t np, int esc)
{
    size_t si = 0, pi = 0, star_p = (size_t)-1, star_s = 0;
    while (si < ns) {
        if (pi < np && esc >= 0 && p[pi] == esc && pi + 1 < np) {
            if (p[pi + 1] == s[si]) {
                pi += 2;
                si++;
                continue;
            }
        } else if (pi < np && p[pi] == '%') {
            star_p = ++pi;
            star_s = si;
            continue;
        } else if (pi < np && (p[pi] == '_' || p[pi] == s[si])) {
            pi++;
            si++;
            continue;
        }
        if (star_p == (size_t)-1) return 0;
        pi = star_p;
        si = ++star_s;
    }
    while (pi < np && p[pi] == '%') pi++;
    return pi == np;
}

int fn_like(ExprCtx *ctx, const Value *args, int nargs, Value *out)
{
    NULL_IF_ANY_NULL();
    int esc = -1;
    if (nargs > 2) {
        if (args[2].len != 1) return data_err(ctx, "LIKE escape must be one character", NULL);
        esc = (unsigned char)args[2].u.s[0];
    }
    out->null = 0;
    out->u.i = like_match(args[0].u.s, args[0].len, args[1].u.s, args[1].len, esc);
    return 0;
}

static int fn_upper_lower(ExprCtx *ctx, const Value *a, Value *out, int up)
{
    if (a->null) return out->null = 1, 0;
    char *p = text_alloc(ctx, a->len);
    if (!p) return -1;
    for (uint32_t i = 0; i < a->len; i++)
        p[i] = (char)(up ? toupper((unsigned char)a->u.s[i]) : tolower((unsigned char)a->u.s[i]));
    out->null = 0;
    out->u.s = p;
    out->len = a->len;
    return 0;
}
static int fn_upper(ExprCtx *c, const Value *a, int n, Value *o) { (void)n; return fn_upper_lower(c, a, o, 1); }
static int fn_lower(ExprCtx *c, const Value *a, int n, Value *o) { (void)n; return fn_upper_lower(c, a, o, 0); }

static int fn_char_length(ExprCtx *c, const Value *a, int n, Value *o)
{
    (void)c;
    (void)n;
    if (a->null) return o->null = 1, 0;
    int64_t chars = 0;
    for (uint32_t i = 0; i < a->len; i++) chars += ((unsigned char)a->u.s[i] & 0xC0) != 0x80;
    o->null = 0;
    o->u.i = chars;
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
    out->null = 0;
    out->u.s = p;
    out->len = (uint32_t)len;
    return 0;
}

static int fn_abs_i(ExprCtx *c, const Value *a, int n, Value *o) { (void)c; (void)n; *o = *a; if (!a->null && a->u.i < 0) o->u.i = (int64_t)(0 - (uint64_t)a->u.i); return 0; }
static int fn_abs_d(ExprCtx *c, const Value *a, int n, Value *o) { (void)c; (void)n; *o = *a; if (!a->null) o->u.d = fabs(a->u.d); return 0; }

static int fn_to_timestamp_ltz(ExprCtx *ctx, const Value *args, int nargs, Value *out)
{
    (void)ctx;
    NULL_IF_ANY_NULL();
    int64_t precision = nargs > 1 ? args[1].u.i : 3;
    out->null = 0;
    out->u.i = precision == 0 ? args[0].u.i * 1000 : args[0].u.i;
    return 0;
}

static const char *check_strings(const TypeId *args, int n, TypeId *want, TypeId *result)
{
    for (int i = 0; i < n; i++) want[i] = TYPE_VARCHAR;
    (void)args;
    *result = TYPE_VARCHAR;
    return NULL;
}
static const char *check_char_length(const TypeId *args, int n, TypeId *want, TypeId *result)
{
    (void)args;
    (void)n;
    want[0] = TYPE_VARCHAR;
    *result = TYPE_BIGINT;
    return NULL;
}
static const char *check_numeric_same(const TypeId *args, int n, TypeId *want, TypeId *result)
{
    (void)n;
    (void)want;
    if (!type_is_numeric(args[0]) && args[0] != TYPE_NULL) return "expects a number";
    *result = args[0] == TYPE_NULL ? TYPE_BIGINT : args[0];
    return NULL;
}
static const char *check_to_ltz(const TypeId *args, int n, TypeId *want, TypeId *result)
{
    if (!type_is_integer(args[0]) && args[0] != TYPE_NULL) return "expects an integer epoch";
    want[0] = TYPE_BIGINT;
    if (n > 1) want[1] = TYPE_BIGINT;
    *result = TYPE_TIMESTAMP;
    return NULL;
}

static int fn_abs(ExprCtx *c, const Value *a, int n, Value *o);

static const FuncDef functions[] = {
    {"UPPER", 1, 1, check_strings, fn_upper},
    {"LOWER", 1, 1, check_strings, fn_lower},
    {"CHAR_LENGTH", 1, 1, check_char_length, fn_char_length},
    {"CHARACTER_LENGTH", 1, 1, check_char_length, fn_char_length},
    {"CONCAT", 1, 64, check_strings, fn_concat},
    {"ABS", 1, 1, check_numeric_same, fn_abs},
    {"TO_TIMESTAMP_LTZ", 1, 2, check_to_ltz, fn_to_timestamp_ltz},
};

/* ABS dispatches on the argument's type, which check() keeps. */
static int fn_abs(ExprCtx *c, const Value *a, int n, Value *o)
{
    (void)c;
    (void)n;
    (void)a;
    (void)o;
    return 0; /* replaced at compile time by fn_abs_i / fn_abs_d */
}

const FuncDef *func_lookup(const char *name)
{
    for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++)
        if (strcmp(functions[i].name, name) == 0) return &functions[i];
    return NULL;
}

/* The run-time function for a definition and its argument types. */
ExprFn func_impl(const FuncDef *f, const TypeId *args)
{
    if (f->fn == fn_abs) return args[0] == TYPE_DOUBLE ? fn_abs_d : fn_abs_i;
    return f->fn;
}
