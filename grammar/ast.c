/*
 * ast.c - building blocks for the AST (grammar/ast.h), used by the actions of
 * grammar/parse.y through grammar/ast_build.h.
 *
 * Everything is allocated in the ParseCtx's arena and lives as long as it.
 * Literal conversion (integers, doubles, strings, TIMESTAMP and INTERVAL
 * literals) and the checking of window table function arguments live here so
 * that the grammar stays a grammar.  Errors are recorded with parse_fail() and
 * a harmless node is returned; the driver stops at the first one.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ast_build.h"

void parse_fail(ParseCtx *ctx, int line, int col, const char *fmt, ...)
{
    if (ctx->failed)
        return;
    char buf[ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    ctx->failed = true;
    err_at(ctx->err, WEIR_ERROR, line, col, "%s", buf);
}

void *ast_alloc(ParseCtx *ctx, size_t n)
{
    void *p = n <= sizeof ctx->scratch.bytes ? arena_alloc(ctx->arena, n) : NULL;
    if (!p) {
        /* Out of memory: hand back scratch memory so the action can go on; the
         * driver sees nomem and throws the whole result away. */
        ctx->nomem = true;
        memset(&ctx->scratch, 0, sizeof ctx->scratch);
        p = &ctx->scratch;
    }
    return p;
}

AstNode *ast_new(ParseCtx *ctx, AstKind k, int line, int col)
{
    AstNode *n = ast_alloc(ctx, sizeof *n);
    n->kind = k;
    n->line = line;
    n->col = col;
    return n;
}

AstList *ast_list_new(ParseCtx *ctx)
{
    return ast_alloc(ctx, sizeof(AstList));
}

AstList *ast_list_push(ParseCtx *ctx, AstList *l, AstNode *n)
{
    if (!l)
        l = ast_list_new(ctx);
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 4;
        AstNode **items = arena_alloc(ctx->arena, (size_t)cap * sizeof *items);
        if (!items) {
            ctx->nomem = true;
            return l;
        }
        if (l->n)
            memcpy(items, l->items, (size_t)l->n * sizeof *items);
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] = n;
    return l;
}

/* An arena copy of z[0..n) or "" when the arena fails. */
static char *ast_strndup(ParseCtx *ctx, const char *z, size_t n)
{
    char *s = arena_strndup(ctx->arena, z, n);
    if (!s) {
        ctx->nomem = true;
        return (char *)"";
    }
    return s;
}

/* Copies the body of a quoted token (first and last byte are the quote q),
 * collapsing doubled quotes.  *len gets the result's length. */
static char *ast_unquote(ParseCtx *ctx, Token t, int *len)
{
    char q = t.z[0];
    char *s = ast_strndup(ctx, t.z + 1, (size_t)(t.n - 2));
    int j = 0;
    for (int i = 1; i < t.n - 1; i++) {
        s[j++] = t.z[i];
        if (t.z[i] == q)
            i++;            /* the lexer guarantees quotes come in pairs here */
    }
    if (t.n > 2)
        s[j] = 0;
    *len = j;
    return s;
}

AstName ast_name(ParseCtx *ctx, Token t)
{
    AstName nm = { NULL, t.line, t.col, t.quoted };
    if (t.quoted) {
        int n;
        nm.s = ast_unquote(ctx, t, &n);
    } else {
        char *s = ast_strndup(ctx, t.z, (size_t)t.n);
        for (char *p = s; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        nm.s = s;
    }
    return nm;
}

const char *ast_upper(ParseCtx *ctx, const char *s)
{
    char *u = ast_strndup(ctx, s, strlen(s));
    for (char *p = u; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    return u;
}

const char *ast_lower(ParseCtx *ctx, const char *s)
{
    char *u = ast_strndup(ctx, s, strlen(s));
    for (char *p = u; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return u;
}

const char *ast_unquote_string(ParseCtx *ctx, Token t, int *len)
{
    return ast_unquote(ctx, t, len);
}

/* ---- literals ----------------------------------------------------------- */

int64_t ast_int_value(ParseCtx *ctx, Token t)
{
    uint64_t v = 0;
    for (int i = 0; i < t.n; i++) {
        unsigned d = (unsigned)(t.z[i] - '0');
        if (v > ((uint64_t)INT64_MAX - d) / 10) {
            parse_fail(ctx, t.line, t.col, "integer literal %.*s is too large for BIGINT",
                       t.n > 40 ? 40 : t.n, t.z);
            return 0;
        }
        v = v * 10 + d;
    }
    return (int64_t)v;
}

/* 9223372036854775808 (2^63) fits BIGINT only negated: such a literal is kept
 * as INT64_MIN with `negated` set, which a unary minus over it clears
 * (ast_unary); anywhere else the compiler reports it too large. */
AstNode *ast_int(ParseCtx *ctx, Token t)
{
    AstNode *n = ast_new(ctx, AST_INT, t.line, t.col);
    if (t.n == 19 && memcmp(t.z, "9223372036854775808", 19) == 0) {
        n->ival = INT64_MIN;
        n->negated = true;
        return n;
    }
    n->ival = ast_int_value(ctx, t);
    return n;
}

AstNode *ast_double(ParseCtx *ctx, Token t)
{
    AstNode *n = ast_new(ctx, AST_DOUBLE, t.line, t.col);
    char buf[128];
    if (t.n >= (int)sizeof buf) {
        parse_fail(ctx, t.line, t.col, "numeric literal is too long");
        return n;
    }
    memcpy(buf, t.z, (size_t)t.n);
    buf[t.n] = 0;
    errno = 0;
    n->dval = strtod(buf, NULL);
    if (!isfinite(n->dval) || (errno == ERANGE && fabs(n->dval) > 1.0))
        parse_fail(ctx, t.line, t.col, "numeric literal %s is out of range", buf);
    return n;
}

AstNode *ast_string(ParseCtx *ctx, Token t)
{
    AstNode *n = ast_new(ctx, AST_STRING, t.line, t.col);
    int len;
    n->str = ast_unquote(ctx, t, &len);
    n->ival = len;
    return n;
}

AstNode *ast_timestamp(ParseCtx *ctx, Token kw, Token str)
{
    AstNode *n = ast_new(ctx, AST_TIMESTAMP, kw.line, kw.col);
    int len;
    const char *s = ast_unquote(ctx, str, &len);
    if (time_parse_iso(s, (size_t)len, &n->ival) != 0)
        parse_fail(ctx, kw.line, kw.col,
                   "invalid TIMESTAMP literal '%.60s': expected 'YYYY-MM-DD HH:MM:SS[.fff]'", s);
    return n;
}

/* Milliseconds per unit for INTERVAL, or 0 for units of varying length. */
static int64_t ast_unit_ms(int unit)
{
    switch (unit) {
    case UNIT_MILLISECOND: return 1;
    case UNIT_SECOND: return 1000;
    case UNIT_MINUTE: return 60 * 1000;
    case UNIT_HOUR: return 3600 * 1000;
    case UNIT_DAY: return 86400 * 1000;
    case UNIT_WEEK: return 7LL * 86400 * 1000;
    default: return 0;
    }
}

/* The unit word of INTERVAL '10 seconds' (case-insensitive), or 0. */
static int ast_unit_word(const char *w, size_t n)
{
    static const struct { const char *name; int unit; } words[] = {
        {"ms", UNIT_MILLISECOND}, {"millisecond", UNIT_MILLISECOND},
        {"milliseconds", UNIT_MILLISECOND}, {"msec", UNIT_MILLISECOND},
        {"msecs", UNIT_MILLISECOND},
        {"s", UNIT_SECOND}, {"sec", UNIT_SECOND}, {"secs", UNIT_SECOND},
        {"second", UNIT_SECOND}, {"seconds", UNIT_SECOND},
        {"min", UNIT_MINUTE}, {"mins", UNIT_MINUTE}, {"minute", UNIT_MINUTE},
        {"minutes", UNIT_MINUTE},
        {"h", UNIT_HOUR}, {"hr", UNIT_HOUR}, {"hrs", UNIT_HOUR}, {"hour", UNIT_HOUR},
        {"hours", UNIT_HOUR},
        {"d", UNIT_DAY}, {"day", UNIT_DAY}, {"days", UNIT_DAY},
        {"week", UNIT_WEEK}, {"weeks", UNIT_WEEK},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i].name) == n && strncasecmp(words[i].name, w, n) == 0)
            return words[i].unit;
    return 0;
}

/* Parses "[+-]digits[.digits]" at s[*i..n); returns 0 and the value, or -1. */
static int ast_parse_number(const char *s, size_t n, size_t *i, double *out)
{
    size_t j = *i, digits = 0;
    char buf[64];
    size_t k = 0;
    if (j < n && (s[j] == '+' || s[j] == '-'))
        buf[k++] = s[j++];
    while (j < n && k < sizeof buf - 1 && (isdigit((unsigned char)s[j]) || s[j] == '.')) {
        if (s[j] == '.' && memchr(buf, '.', k))
            return -1;
        if (s[j] != '.')
            digits++;
        buf[k++] = s[j++];
    }
    if (!digits || k >= sizeof buf - 1)
        return -1;
    buf[k] = 0;
    *out = strtod(buf, NULL);
    *i = j;
    return 0;
}

AstNode *ast_interval(ParseCtx *ctx, Token kw, Token str, int unit)
{
    AstNode *n = ast_new(ctx, AST_INTERVAL, kw.line, kw.col);
    int len;
    const char *s = ast_unquote(ctx, str, &len);
    size_t i = 0, end = (size_t)len;
    double v;
    while (i < end && isspace((unsigned char)s[i]))
        i++;
    while (end > i && isspace((unsigned char)s[end - 1]))
        end--;
    if (ast_parse_number(s, end, &i, &v) != 0) {
        parse_fail(ctx, kw.line, kw.col, "invalid INTERVAL literal '%.60s': expected a number", s);
        return n;
    }
    while (i < end && isspace((unsigned char)s[i]))
        i++;
    if (unit) {
        if (i != end) {
            parse_fail(ctx, kw.line, kw.col,
                       "invalid INTERVAL literal '%.60s': expected only a number before the unit", s);
            return n;
        }
    } else {
        if (i == end) {
            parse_fail(ctx, kw.line, kw.col,
                       "INTERVAL '%.60s' needs a unit, e.g. INTERVAL '%.60s' SECOND", s, s);
            return n;
        }
        unit = ast_unit_word(s + i, end - i);
        if (!unit) {
            parse_fail(ctx, kw.line, kw.col,
                       "invalid INTERVAL literal '%.60s': unknown unit '%.*s'", s,
                       (int)(end - i > 30 ? 30 : end - i), s + i);
            return n;
        }
    }
    int64_t per = ast_unit_ms(unit);
    if (!per) {
        parse_fail(ctx, kw.line, kw.col,
                   "INTERVAL in months, quarters or years is not supported; use days");
        return n;
    }
    double ms = v * (double)per;
    if (!(fabs(ms) <= (double)TS_INTERVAL_MAX)) {
        parse_fail(ctx, kw.line, kw.col,
                   "INTERVAL '%.60s' is out of range (at most 3652425 days, the span of years 0000 to 9999)", s);
        return n;
    }
    n->ival = llround(ms);
    return n;
}

/* ---- operators and calls ------------------------------------------------ */

AstNode *ast_binary(ParseCtx *ctx, int op, AstNode *a, AstNode *b)
{
    AstNode *n = ast_new(ctx, AST_BINARY, a->line, a->col);
    n->op = op;
    n->a = a;
    n->b = b;
    return n;
}

AstNode *ast_unary(ParseCtx *ctx, int op, AstNode *a, Token opt)
{
    if (op == OP_NEG && a && a->kind == AST_INT && a->negated) {
        /* -9223372036854775808: the one literal that is only valid negated */
        a->negated = false;
        a->line = opt.line;
        a->col = opt.col;
        return a;
    }
    AstNode *n = ast_new(ctx, AST_UNARY, opt.line, opt.col);
    n->op = op;
    n->a = a;
    return n;
}

AstNode *ast_call(ParseCtx *ctx, const char *name, int line, int col, AstList *args)
{
    AstNode *n = ast_new(ctx, AST_CALL, line, col);
    n->str = ast_upper(ctx, name);
    n->list = args ? args : ast_list_new(ctx);
    return n;
}

AstType ast_type(TypeId id, int len, Token t)
{
    AstType ty = { id, len, 0, t.line, t.col };
    return ty;
}

/* ---- window table functions --------------------------------------------- */

static const char *ast_win_name(WindowKind k)
{
    switch (k) {
    case WIN_TUMBLE: return "TUMBLE";
    case WIN_HOP: return "HOP";
    case WIN_CUMULATE: return "CUMULATE";
    case WIN_SESSION: return "SESSION";
    default: return "?";
    }
}

/*
 * Slots: 0 = TABLE t (DATA =>), 1 = DESCRIPTOR(ts) (TIMECOL =>), then the
 * interval arguments in ast.h's order (TUMBLE: size; HOP: slide, size;
 * CUMULATE: step, size; SESSION: gap).  Positional arguments fill the slots in
 * order; named ones (Flink's DATA => ..., SIZE => ...) by name, in any order,
 * after the positional ones.  A bare column right after `TABLE t PARTITION BY
 * k1` is another partition key (`PARTITION BY k1, k2`).
 */
AstFrom *ast_window_from(ParseCtx *ctx, Token table_kw, WindowKind kind, Token kind_tok,
                         AstList *args)
{
    static const char *const names[][2] = {
        [WIN_TUMBLE] = {"size", NULL},
        [WIN_HOP] = {"slide", "size"},
        [WIN_CUMULATE] = {"step", "size"},
        [WIN_SESSION] = {"gap", NULL},
    };
    const char *wn = ast_win_name(kind);
    int nslots = 2 + (names[kind][1] ? 2 : 1);
    AstNode *slot[4] = {0};
    int p = 0;
    bool named = false;
    AstFrom *f = ast_alloc(ctx, sizeof *f);
    f->kind = FROM_WINDOW;
    f->line = table_kw.line;
    f->col = table_kw.col;
    f->wkind = kind;

    for (int i = 0; args && i < args->n; i++) {
        AstNode *a = args->items[i];
        if (a->kind == AST_OPTION) {
            int s = -1;
            named = true;
            if (strcmp(a->str, "data") == 0)
                s = 0;
            else if (strcmp(a->str, "timecol") == 0)
                s = 1;
            else
                for (int j = 0; j < 2; j++)
                    if (names[kind][j] && strcmp(a->str, names[kind][j]) == 0)
                        s = 2 + j;
            if (s < 0) {
                parse_fail(ctx, a->line, a->col, "%s has no argument named %s", wn, a->str);
                return f;
            }
            if (slot[s]) {
                parse_fail(ctx, a->line, a->col, "argument %s of %s is given twice", a->str, wn);
                return f;
            }
            slot[s] = a->a;
            continue;
        }
        if (named) {
            parse_fail(ctx, a->line, a->col,
                       "positional argument after a named argument in %s", wn);
            return f;
        }
        if (p == 1 && a->kind == AST_COLUMN && !a->qual && slot[0] &&
            slot[0]->kind == AST_TABLE_ARG && slot[0]->list) {
            slot[0]->list = ast_list_push(ctx, slot[0]->list, a);
            continue;
        }
        if (p >= nslots) {
            parse_fail(ctx, a->line, a->col, "too many arguments for %s (expected %d)", wn, nslots);
            return f;
        }
        slot[p++] = a;
    }

    if (!slot[0] || slot[0]->kind != AST_TABLE_ARG) {
        int l = slot[0] ? slot[0]->line : kind_tok.line, c = slot[0] ? slot[0]->col : kind_tok.col;
        parse_fail(ctx, l, c, "the first argument of %s must be TABLE name", wn);
        return f;
    }
    if (!slot[1] || slot[1]->kind != AST_DESCRIPTOR) {
        int l = slot[1] ? slot[1]->line : kind_tok.line, c = slot[1] ? slot[1]->col : kind_tok.col;
        parse_fail(ctx, l, c, "the time column of %s must be DESCRIPTOR(column)", wn);
        return f;
    }
    for (int s = 2; s < nslots; s++) {
        if (!slot[s]) {
            parse_fail(ctx, kind_tok.line, kind_tok.col, "%s needs a %s argument", wn,
                       ast_upper(ctx, names[kind][s - 2]));
            return f;
        }
        if (slot[s]->kind == AST_TABLE_ARG || slot[s]->kind == AST_DESCRIPTOR) {
            parse_fail(ctx, slot[s]->line, slot[s]->col,
                       "the %s argument of %s must be an interval", ast_upper(ctx, names[kind][s - 2]), wn);
            return f;
        }
    }
    if (slot[0]->list && kind != WIN_SESSION) {
        parse_fail(ctx, slot[0]->line, slot[0]->col,
                   "PARTITION BY is only allowed in SESSION windows");
        return f;
    }

    AstFrom *in = ast_alloc(ctx, sizeof *in);
    in->kind = FROM_NAME;
    in->line = slot[0]->line;
    in->col = slot[0]->col;
    in->name = slot[0]->str;
    f->input = in;
    f->name = slot[0]->str;
    f->partition_by = slot[0]->list;
    f->time_col = slot[1]->str;
    f->time_line = slot[1]->line;
    f->time_col_col = slot[1]->col;
    f->args = ast_list_new(ctx);
    for (int s = 2; s < nslots; s++)
        f->args = ast_list_push(ctx, f->args, slot[s]);
    return f;
}

/* ---- statements ---------------------------------------------------------- */

AstStmt *ast_stmt(ParseCtx *ctx, AstStmtKind k)
{
    AstStmt *s = ast_alloc(ctx, sizeof *s);
    s->kind = k;
    return s;
}

AstSelect *ast_select(ParseCtx *ctx, Token t)
{
    AstSelect *s = ast_alloc(ctx, sizeof *s);
    s->line = t.line;
    s->col = t.col;
    s->limit = -1;
    return s;
}

void parse_stmt_done(ParseCtx *ctx, AstStmt *s)
{
    AstScript *sc = ctx->script;
    s->line = ctx->stmt_line;
    s->col = ctx->stmt_col;
    s->text_start = ctx->stmt_start;
    s->text_end = ctx->prev_end;
    if (!sc)
        return;
    if (sc->n == sc->cap) {
        int cap = sc->cap ? sc->cap * 2 : 8;
        AstStmt **v = arena_alloc(ctx->arena, (size_t)cap * sizeof *v);
        if (!v) {
            ctx->nomem = true;
            return;
        }
        if (sc->n)
            memcpy(v, sc->stmts, (size_t)sc->n * sizeof *v);
        sc->stmts = v;
        sc->cap = cap;
    }
    sc->stmts[sc->n++] = s;
}
