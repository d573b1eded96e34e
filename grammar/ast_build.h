/*
 * ast_build.h - what the lemon actions of grammar/parse.y use to build the AST.
 *
 * parse_driver.c feeds tokens to the generated parser with a ParseCtx as its
 * %extra_context; the rule actions call the ast_ helpers below (grammar/ast.c),
 * which allocate every node in ctx->arena.  Semantic errors (a bad interval, an
 * integer too large, DECIMAL) are recorded once in ctx->err and parsing goes on
 * harmlessly until the driver sees ctx->failed.  If the arena runs out, the
 * helpers hand back a scratch buffer instead of NULL and set ctx->nomem, so no
 * action ever dereferences NULL; the driver then discards the result.
 */
#ifndef WEIR_AST_BUILD_H
#define WEIR_AST_BUILD_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "ast.h"
#include "error.h"
#include "lexer.h"

/* A name as the grammar sees it: unquoted and (if it was not quoted) folded to
 * lower case, in the arena. s is NULL for an absent optional name. */
typedef struct AstName {
    const char *s;
    int line, col;
    bool quoted;
} AstName;

typedef struct ParseCtx {
    Arena *arena;            /* where every node goes (borrowed) */
    const char *text;        /* the whole input (borrowed) */
    WeirError *err;          /* semantic errors go here (borrowed) */
    bool failed;             /* a semantic error was recorded */
    bool syntax_error;       /* the parser rejected the lookahead token */
    bool nomem;              /* the arena failed; results are garbage */
    bool overflow;           /* the parser stack overflowed */
    int prev_end;            /* end offset of the token before the lookahead */
    int stmt_line, stmt_col; /* first token of the current statement */
    int stmt_start;          /* its byte offset */
    int sel_start, sel_end;  /* offsets of the SELECT reduced last */
    AstScript *script;       /* statements finished so far */
    /* CREATE SOURCE/TABLE body being built (column defs can't nest): */
    AstList *cols;
    const char *wm_column;
    AstNode *wm_expr;
    int wm_line, wm_col;
    /* returned instead of NULL when the arena fails */
    union { max_align_t align; char bytes[512]; } scratch;
} ParseCtx;

/* Records the first semantic error at line:col (later ones are ignored). */
void parse_fail(ParseCtx *ctx, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Zeroed arena memory of n bytes (<= 512); never NULL (see file comment). */
void *ast_alloc(ParseCtx *ctx, size_t n);
/* A new node of kind k at line:col. */
AstNode *ast_new(ParseCtx *ctx, AstKind k, int line, int col);
/* Appends n to l (creating l when NULL) and returns the list. */
AstList *ast_list_push(ParseCtx *ctx, AstList *l, AstNode *n);
/* An empty list (never NULL). */
AstList *ast_list_new(ParseCtx *ctx);

/* The name written by an identifier token: quotes removed and doubled quote
 * characters collapsed, or folded to lower case when unquoted. */
AstName ast_name(ParseCtx *ctx, Token t);
/* A copy of s in upper case (function names). */
const char *ast_upper(ParseCtx *ctx, const char *s);
/* A copy of s in lower case. */
const char *ast_lower(ParseCtx *ctx, const char *s);
/* The contents of a string-literal token, unescaped; *len gets its length. */
const char *ast_unquote_string(ParseCtx *ctx, Token t, int *len);

/* Literals.  Errors (too large, bad timestamp/interval) go to parse_fail and a
 * harmless node is returned. */
AstNode *ast_int(ParseCtx *ctx, Token t);
int64_t  ast_int_value(ParseCtx *ctx, Token t);
AstNode *ast_double(ParseCtx *ctx, Token t);
AstNode *ast_string(ParseCtx *ctx, Token t);
AstNode *ast_timestamp(ParseCtx *ctx, Token kw, Token str);
/* INTERVAL 'str' [unit]: unit is a TimeUnit or 0 when the unit is inside str. */
AstNode *ast_interval(ParseCtx *ctx, Token kw, Token str, int unit);

/* Operators: the node takes the position of pos (its first token). */
AstNode *ast_binary(ParseCtx *ctx, int op, AstNode *a, AstNode *b);
AstNode *ast_unary(ParseCtx *ctx, int op, AstNode *a, Token opt);
/* CALL name(args): name upper-cased; args may be NULL (no arguments). */
AstNode *ast_call(ParseCtx *ctx, const char *name, int line, int col, AstList *args);

/* A declared type at token t. */
AstType ast_type(TypeId id, int len, Token t);

/* A window TVF in FROM: TABLE(kind(args...)).  Checks and orders the
 * positional or named (DATA =>, TIMECOL =>, SIZE =>, ...) arguments. */
AstFrom *ast_window_from(ParseCtx *ctx, Token table_kw, WindowKind kind, Token kind_tok,
                         AstList *args);

/* A new statement of kind k (position filled in by parse_stmt_done). */
AstStmt *ast_stmt(ParseCtx *ctx, AstStmtKind k);
/* A new SELECT starting at token t (limit -1). */
AstSelect *ast_select(ParseCtx *ctx, Token t);

/* Called when a whole statement has been reduced: sets its position and text
 * range and appends it to ctx->script. */
void parse_stmt_done(ParseCtx *ctx, AstStmt *s);

#endif
