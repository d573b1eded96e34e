/*
 * parse_driver.c - runs the lexer and the lemon parser over a script.
 *
 * SQL text --lex_next--> tokens --parse_lemon (generated from parse.y)--> AST.
 * parse_script() feeds every token to the parser with a ParseCtx as extra
 * context, tracks where each statement starts (for AstStmt positions and text
 * ranges) and turns the first lexical, syntax or semantic error into a
 * WeirError with line:col.
 *
 * Lemon cannot say which tokens it would have accepted, so on a syntax error
 * the driver asks it: for every terminal it runs a fresh parser over the
 * statement's tokens up to the bad one followed by that terminal, and keeps
 * the terminals that are not rejected.  Errors are rare; the cost is fine.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast_build.h"
#include "lexer.h"
#include "parse.h"
#include "parser.h"

/* The lemon parser (generated/parse.c, %name parse_lemon). */
void *parse_lemonAlloc(void *(*mallocProc)(size_t), ParseCtx *ctx);
void parse_lemon(void *p, int major, Token minor);
void parse_lemonFree(void *p, void (*freeProc)(void *));
int parse_lemon_top_state(void *p);

/* Tokens seen so far (malloc'd, freed by parse_script). */
typedef struct TokVec {
    Token *v;
    int n, cap;
} TokVec;

static int parse_tokvec_push(TokVec *tv, Token t)
{
    if (tv->n == tv->cap) {
        int cap = tv->cap ? tv->cap * 2 : 64;
        Token *v = realloc(tv->v, (size_t)cap * sizeof *v);
        if (!v)
            return -1;
        tv->v = v;
        tv->cap = cap;
    }
    tv->v[tv->n++] = t;
    return 0;
}

/* Feeds one token; prev_end is the end offset of the token before it. */
static void parse_feed(void *p, ParseCtx *ctx, Token t, int prev_end)
{
    ctx->prev_end = prev_end;
    parse_lemon(p, t.code, t);
}

/* Runs a fresh parser over toks[from..at) followed by a token of code `code`
 * (placed where `bad` is).  Returns -1 if that token is rejected, else the
 * parser's top state afterwards (see parse_lemon_top_state in parse.y). */
static int parse_try(const char *text, const Token *toks, int from, int at, Token bad, int code)
{
    Arena tmp;
    WeirError scratch;
    ParseCtx *ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        return -1;
    arena_init(&tmp);
    err_clear(&scratch);
    ctx->arena = &tmp;
    ctx->text = text;
    ctx->err = &scratch;
    void *p = parse_lemonAlloc(malloc, ctx);
    int state = -1;
    if (p) {
        int prev_end = from < at ? toks[from].start : bad.start;
        for (int i = from; i < at && !ctx->syntax_error; i++) {
            parse_feed(p, ctx, toks[i], prev_end);
            prev_end = toks[i].start + toks[i].n;
        }
        if (!ctx->syntax_error) {
            Token t = bad;
            t.code = code;
            parse_feed(p, ctx, t, prev_end);
            if (!ctx->syntax_error && !ctx->overflow)
                state = parse_lemon_top_state(p);
        }
        parse_lemonFree(p, free);
    }
    arena_free(&tmp);
    free(ctx);
    return state;
}

/* True when the token `code` would be accepted at toks[at]. */
static bool parse_accepts(const char *text, const Token *toks, int from, int at, Token bad,
                          int code)
{
    return parse_try(text, toks, from, at, bad, code) >= 0;
}

/* Punctuation in the order "expected one of" lists it. */
static const struct { int code; const char *text; } parse_punct[] = {
    {TK_COMMA, ","}, {TK_SEMI, ";"}, {TK_LP, "("}, {TK_RP, ")"}, {TK_DOT, "."},
    {TK_STAR, "*"}, {TK_PLUS, "+"}, {TK_MINUS, "-"}, {TK_SLASH, "/"},
    {TK_PERCENT, "%"}, {TK_CONCAT, "||"}, {TK_EQ, "="}, {TK_NE, "<>"},
    {TK_LT, "<"}, {TK_LE, "<="}, {TK_GT, ">"}, {TK_GE, ">="}, {TK_ARROW, "=>"},
};
static const struct { int code; const char *text; } parse_classes[] = {
    {TK_ID, "identifier"}, {TK_ICONST, "integer"}, {TK_FCONST, "number"},
    {TK_SCONST, "string"},
};

#define PARSE_MAX_EXPECTED 12   /* entries shown before ", ..." */
#define PARSE_MAX_CANDIDATES 512
#define PARSE_MAX_REPLAY 4096   /* tokens before the error beyond which no list */

/* The terminals accepted at the error, in display order. */
typedef struct Expected {
    int n;
    const char *text[PARSE_MAX_CANDIDATES];
    bool quote[PARSE_MAX_CANDIDATES];
} Expected;

static void parse_expect(Expected *e, const char *text, bool quote)
{
    if (e->n < PARSE_MAX_CANDIDATES) {
        e->text[e->n] = text;
        e->quote[e->n++] = quote;
    }
}

/* Writes the ": expected ..." part for a syntax error at toks[at] (the
 * statement starts at toks[from]) into buf[cap]; "" when nothing fits.
 * Order: reserved keywords, names and literals, keywords that are also names
 * (types, units, ...) where the grammar has a rule for them, punctuation. */
static void parse_expected(const char *text, const Token *toks, int from, int at, Token bad,
                           char *buf, size_t cap)
{
    buf[0] = 0;
    /* each candidate replays the statement: skip the list for huge ones */
    if (at - from > PARSE_MAX_REPLAY)
        return;
    Expected *ex = calloc(1, sizeof *ex);   /* ~6 KB: off the stack */
    if (!ex)
        return;
    int nkw;
    const LexKeyword *kw = lex_keywords(&nkw);
    if (nkw > PARSE_MAX_CANDIDATES)
        nkw = PARSE_MAX_CANDIDATES;
    int id_state = parse_try(text, toks, from, at, bad, TK_ID);

    /* keywords in token-code order (parse.y's %token list sets it) */
    int order[PARSE_MAX_CANDIDATES], kstate[PARSE_MAX_CANDIDATES];
    for (int i = 0; i < nkw; i++)
        order[i] = i;
    for (int i = 1; i < nkw; i++)
        for (int j = i; j > 0 && kw[order[j]].code < kw[order[j - 1]].code; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (int i = 0; i < nkw; i++)
        kstate[i] = parse_try(text, toks, from, at, bad, kw[order[i]].code);

    for (int i = 0; i < nkw; i++)
        if (!kw[order[i]].fallback && kstate[i] >= 0)
            parse_expect(ex, kw[order[i]].name, false);
    for (size_t i = 0; i < sizeof parse_classes / sizeof parse_classes[0]; i++)
        if (parse_classes[i].code == TK_ID ? id_state >= 0
                : parse_accepts(text, toks, from, at, bad, parse_classes[i].code))
            parse_expect(ex, parse_classes[i].text, false);
    /* a fallback keyword that lands where a name would is just a name */
    for (int i = 0; i < nkw; i++)
        if (kw[order[i]].fallback && kstate[i] >= 0 && kstate[i] != id_state)
            parse_expect(ex, kw[order[i]].name, false);
    for (size_t i = 0; i < sizeof parse_punct / sizeof parse_punct[0]; i++)
        if (parse_accepts(text, toks, from, at, bad, parse_punct[i].code))
            parse_expect(ex, parse_punct[i].text, true);

    if (ex->n > 0) {
        size_t len = 0;
        int w = snprintf(buf, cap, ": expected %s", ex->n == 1 ? "" : "one of ");
        len = w > 0 && (size_t)w < cap ? (size_t)w : 0;
        for (int i = 0; i < ex->n && i <= PARSE_MAX_EXPECTED && len < cap; i++) {
            const char *sep = i ? ", " : "";
            if (i == PARSE_MAX_EXPECTED)
                w = snprintf(buf + len, cap - len, ", ...");
            else if (ex->quote[i])
                w = snprintf(buf + len, cap - len, "%s\"%s\"", sep, ex->text[i]);
            else
                w = snprintf(buf + len, cap - len, "%s%s", sep, ex->text[i]);
            if (w < 0 || (size_t)w >= cap - len)
                break;
            len += (size_t)w;
        }
    }
    free(ex);
}

/* Sets the syntax error for token toks[at] (or end of input when at_end). */
static int parse_syntax_error(WeirError *err, const char *text, const Token *toks, int from,
                              int at, Token bad, bool at_end)
{
    char exp[600];
    parse_expected(text, toks, from, at, bad, exp, sizeof exp);
    if (at_end) {
        /* point just past the last token, not at the (often empty) last line */
        int line = bad.line, col = bad.col;
        if (at > from) {
            const Token *last = &toks[at - 1];
            line = last->line;
            col = last->col;
            for (int i = 0; i < last->n; i++) {
                if (last->z[i] == '\n') line++, col = 1;
                else col++;
            }
        }
        return err_at(err, WEIR_ERROR, line, col, "syntax error at end of input%s", exp);
    }
    int n = bad.n > 40 ? 40 : bad.n;
    return err_at(err, WEIR_ERROR, bad.line, bad.col, "syntax error at \"%.*s%s\"%s", n, bad.z,
                  bad.n > 40 ? "..." : "", exp);
}

/* ---- expression depth ----------------------------------------------------
 * The grammar's left-recursive rules (a + b + c ..., x OR y OR ...) build
 * left-deep trees without growing the parser's stack, and the planner walks
 * trees recursively: a 10000-term sum would overflow the C stack there.  So
 * the finished script is measured once, without recursion, and a tree deeper
 * than PARSE_MAX_DEPTH is an error at the node where it gets too deep. */

#define PARSE_MAX_DEPTH 1000

typedef struct DepthItem {
    int what;            /* 0 AstNode, 1 AstSelect, 2 AstFrom */
    const void *p;
    int depth;
} DepthItem;

typedef struct DepthStack {
    DepthItem *v;
    int n, cap;
    bool nomem;
} DepthStack;

static void parse_depth_push(DepthStack *st, int what, const void *p, int depth)
{
    if (!p || st->nomem)
        return;
    if (st->n == st->cap) {
        int cap = st->cap ? st->cap * 2 : 256;
        DepthItem *v = realloc(st->v, (size_t)cap * sizeof *v);
        if (!v) {
            st->nomem = true;
            return;
        }
        st->v = v;
        st->cap = cap;
    }
    st->v[st->n++] = (DepthItem){what, p, depth};
}

static void parse_depth_list(DepthStack *st, const AstList *l, int depth)
{
    for (int i = 0; l && i < l->n; i++)
        parse_depth_push(st, 0, l->items[i], depth);
}

/* Returns WEIR_OK, or an error at the first node found deeper than the limit. */
static int parse_check_depth(const AstScript *sc, WeirError *err)
{
    DepthStack st = {0};
    for (int i = 0; i < sc->n; i++) {
        const AstStmt *s = sc->stmts[i];
        parse_depth_list(&st, s->columns, 1);
        parse_depth_list(&st, s->options, 1);
        parse_depth_push(&st, 0, s->wm_expr, 1);
        parse_depth_push(&st, 1, s->select, 1);
    }
    int rc = WEIR_OK;
    while (st.n > 0 && rc == WEIR_OK && !st.nomem) {
        DepthItem it = st.v[--st.n];
        int d = it.depth + 1;
        if (it.what == 0) {
            const AstNode *n = it.p;
            if (it.depth > PARSE_MAX_DEPTH) {
                rc = err_at(err, WEIR_ERROR, n->line, n->col,
                            "expression is nested too deeply (more than %d levels)",
                            PARSE_MAX_DEPTH);
                break;
            }
            /* a last, so it is walked first: the error then points at the
             * start of a left-deep chain, where the expression begins */
            parse_depth_push(&st, 1, n->subquery, d);
            parse_depth_list(&st, n->list, d);
            parse_depth_push(&st, 0, n->c, d);
            parse_depth_push(&st, 0, n->b, d);
            parse_depth_push(&st, 0, n->a, d);
        } else if (it.what == 1) {
            const AstSelect *q = it.p;
            parse_depth_list(&st, q->items, d);
            parse_depth_push(&st, 0, q->where, d);
            parse_depth_list(&st, q->group_by, d);
            parse_depth_push(&st, 0, q->having, d);
            parse_depth_push(&st, 2, q->from, d);
        } else {
            const AstFrom *f = it.p;
            parse_depth_push(&st, 1, f->select, d);
            parse_depth_push(&st, 2, f->input, d);
            parse_depth_list(&st, f->partition_by, d);
            parse_depth_list(&st, f->args, d);
        }
    }
    if (rc == WEIR_OK && st.nomem)
        rc = err_set(err, WEIR_NOMEM, "out of memory");
    free(st.v);
    return rc;
}

/* parse_script and parse_script_prefix: keep_prefix hands out, after a
 * syntax or lexical error, the statements that ended before it. */
static int parse_run(Arena *a, const char *text, size_t len, AstScript **out, WeirError *err, bool keep_prefix)
{
    *out = NULL;
    if (len > INT_MAX / 2)
        return err_set(err, WEIR_ERROR, "SQL text is too large");
    AstScript *sc = arena_alloc(a, sizeof *sc);
    ParseCtx *ctx = calloc(1, sizeof *ctx);
    void *p = ctx ? parse_lemonAlloc(malloc, ctx) : NULL;
    TokVec toks = {0};
    int rc = WEIR_OK;
    if (!sc || !ctx || !p) {
        rc = err_set(err, WEIR_NOMEM, "out of memory");
        goto done;
    }
    ctx->arena = a;
    ctx->text = text;
    ctx->err = err;
    ctx->script = sc;

    Lexer lx;
    lex_init(&lx, text, len);
    int stmt_first = 0;      /* index in toks of the current statement's first token */
    int done_n = 0;          /* statements complete before it (for parse_script_prefix) */
    int prev_end = 0;        /* end offset of the last token fed */
    for (;;) {
        Token t;
        int code = lex_next(&lx, &t);
        bool at_end = false;
        if (code == LEX_ERROR) {
            rc = err_at(err, WEIR_ERROR, t.line, t.col, "%s", lx.errmsg);
            goto prefix;
        }
        if (code == LEX_EOF) {
            if (toks.n == stmt_first)
                break;
            /* the last statement may omit its ';': feed one at the end */
            t.code = TK_SEMI;
            at_end = true;
        }
        if (parse_tokvec_push(&toks, t) != 0) {
            rc = err_set(err, WEIR_NOMEM, "out of memory");
            goto done;
        }
        if (toks.n - 1 == stmt_first && t.code != TK_SEMI) {
            ctx->stmt_start = t.start;
            ctx->stmt_line = t.line;
            ctx->stmt_col = t.col;
        }
        parse_feed(p, ctx, t, prev_end);
        if (ctx->failed) {
            rc = WEIR_ERROR;
            goto prefix;
        }
        if (ctx->nomem) {
            rc = err_set(err, WEIR_NOMEM, "out of memory");
            goto done;
        }
        if (ctx->overflow) {
            rc = err_at(err, WEIR_ERROR, t.line, t.col, "statement is nested too deeply");
            goto done;
        }
        if (ctx->syntax_error) {
            rc = parse_syntax_error(err, text, toks.v, stmt_first, toks.n - 1, t, at_end);
            goto prefix;
        }
        if (!at_end)
            prev_end = t.start + t.n;
        if (t.code == TK_SEMI) {
            stmt_first = toks.n;
            done_n = sc->n;
        }
        if (at_end)
            break;
    }
    {
        Token eof = {0};
        parse_feed(p, ctx, eof, prev_end);
        if (ctx->failed || ctx->syntax_error) {
            /* cannot happen after a ';', but never return a half-built script */
            if (!ctx->failed)
                rc = err_at(err, WEIR_ERROR, lx.line, (int)(lx.pos - lx.line_start) + 1,
                            "syntax error at end of input");
            else
                rc = WEIR_ERROR;
            goto done;
        }
        if (ctx->nomem) {
            rc = err_set(err, WEIR_NOMEM, "out of memory");
            goto done;
        }
    }
    rc = parse_check_depth(sc, err);
    if (rc == WEIR_OK)
        *out = sc;
    goto done;

prefix:
    /* Every statement reduced so far ended with a ';' before the error (a
     * statement is reduced when its ';' arrives): hand them out, if they are
     * not too deep, with the error kept in err. */
    if (keep_prefix && !ctx->nomem) {
        WeirError saved = *err;
        sc->n = done_n;
        if (parse_check_depth(sc, err) == WEIR_OK) {
            *out = sc;
            *err = saved;
        } else {
            rc = err->code;
        }
    }

done:
    if (p)
        parse_lemonFree(p, free);
    free(ctx);
    free(toks.v);
    return rc;
}

int parse_script(Arena *a, const char *text, size_t len, AstScript **out, WeirError *err)
{
    return parse_run(a, text, len, out, err, false);
}

int parse_script_prefix(Arena *a, const char *text, size_t len, AstScript **out, WeirError *err)
{
    return parse_run(a, text, len, out, err, true);
}
