/*
 * scope.h - what names mean while an expression is compiled.
 *
 * A Scope lists the columns of the row an expression will run over (name,
 * qualifier, type, time attribute).  Above an aggregation the row is
 * [window columns, GROUP BY keys, aggregate results], and whole subtrees
 * (an aggregate call, a GROUP BY expression, TUMBLE_START(...)) stand for one
 * column: the `match` hook resolves those before the compiler looks inside.
 */
#ifndef WEIR_SCOPE_H
#define WEIR_SCOPE_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "error.h"
#include "expr.h"

typedef struct PlanCol {
    const char *name;
    const char *qual;       /* table name or alias that qualifies it (may be NULL) */
    TypeId type;
    bool rowtime;           /* an event-time attribute (has a watermark) */
    bool proctime;          /* a processing-time attribute */
    bool hidden;            /* not part of SELECT * (still resolvable) */
    const char *unusable;   /* non-NULL: using it is an error with this message */
} PlanCol;

typedef struct Scope Scope;
struct Scope {
    int ncols;
    const PlanCol *cols;
    const char *what;       /* for messages: `source "transactions"` */
    /* Returns 1 and sets *col when e as a whole is a column of the row, 0 when
     * not, -1 on an error (err set). */
    int (*match)(const Scope *s, const AstNode *e, int *col, WeirError *err);
    void *ctx;
    /* When set, a bare column that neither match nor the column list resolves is
     * an error with this message (e.g. not in GROUP BY). */
    const char *column_error;
};

/* Compiles e into *out (allocated in a).  Returns WEIR_OK or WEIR_ERROR with a
 * positioned message.  Programs own copies of their string constants. */
int xc_compile(Arena *a, const Scope *scope, const AstNode *e, ExprProg *out, WeirError *err);

/* Resolves a column reference (AST_COLUMN) in scope: returns the index or -1
 * with a message (unknown, ambiguous, did-you-mean). */
int scope_resolve(const Scope *s, const AstNode *col, WeirError *err);

/* Edit distance of two short names (99 when either is longer than 63). */
int ast_edit_distance(const char *a, const char *b);

/* Structural equality of two expressions (positions ignored). */
bool ast_equal(const AstNode *a, const AstNode *b);
/* True for COUNT/SUM/AVG/MIN/MAX calls. */
bool ast_is_aggregate(const AstNode *e);
/* SQL text of an expression, for EXPLAIN and column names. */
const char *ast_to_sql(Arena *a, const AstNode *e);

/* A program that returns a constant / a column. */
int xc_column(Arena *a, int col, TypeId type, ExprProg *out);

#endif
