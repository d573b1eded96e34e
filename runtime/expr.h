/*
 * expr.h - compiled expressions: a flat register program run once per row.
 *
 * The planner binds an AST expression to types (planner/bind_expr.c) and
 * compiles it (planner/expr_compile.c) into an ExprProg: instructions over a
 * small file of Value registers.  expr_eval runs the program over one input row
 * in a tight switch loop: no tree walking, no allocation (strings made by
 * functions go into the caller's arena, normally the output batch's text).
 * NULLs follow SQL: most operators give NULL when an input is NULL; AND/OR use
 * three-valued logic.  Integer arithmetic never wraps: a result outside its
 * type (BIGINT; INT for a negated INT; TIMESTAMP/INTERVAL milliseconds in int64)
 * is a data error, like a division by zero.
 */
#ifndef WEIR_EXPR_H
#define WEIR_EXPR_H

#include <stdint.h>

#include "arena.h"
#include "error.h"
#include "value.h"

typedef enum ExprOpcode {
    X_CONST,      /* r[dst] = consts[a] */
    X_COL,        /* r[dst] = row[a] */
    X_MOVE,       /* r[dst] = r[a] */
    /* arithmetic; NULL in, NULL out */
    X_ADD_I, X_SUB_I, X_MUL_I, X_DIV_I, X_MOD_I, X_NEG_I,
    X_ADD_TS, X_SUB_TS,  /* TIMESTAMP +/- INTERVAL: the result must stay within years 0000..9999 */
    X_ADD_D, X_SUB_D, X_MUL_D, X_DIV_D, X_MOD_D, X_NEG_D,
    X_I2D,        /* r[dst] = (double) r[a] */
    X_D2I,        /* r[dst] = (int64) trunc(r[a]), range-checked */
    X_CHECK_INT32,/* data error when r[a] is outside INT's range (CAST to INT) */
    /* comparisons; r[dst] is BOOLEAN */
    X_EQ_I, X_NE_I, X_LT_I, X_LE_I, X_GT_I, X_GE_I,
    X_EQ_D, X_NE_D, X_LT_D, X_LE_D, X_GT_D, X_GE_D,
    X_EQ_S, X_NE_S, X_LT_S, X_LE_S, X_GT_S, X_GE_S,
    /* logic (three-valued) */
    X_AND, X_OR, X_NOT,
    X_IS_NULL, X_IS_NOT_NULL,
    X_IS_TRUE, X_IS_FALSE,   /* never NULL */
    /* control flow for CASE / COALESCE: targets are instruction indexes */
    X_JUMP,           /* goto a */
    X_JUMP_IF_NOT_TRUE,/* if r[b] is not TRUE goto a */
    X_JUMP_IF_NOT_NULL,/* if r[b] is not NULL goto a */
    X_NULL,           /* r[dst] = NULL */
    /* a call into the function table: r[dst] = fn(r[a .. a+b)) */
    X_CALL,
} ExprOpcode;

typedef struct ExprCtx ExprCtx;

/* A scalar function: args are nargs Values of the types the binder checked.
 * Returns 0, or -1 with a message in ctx->err for a data error. */
typedef int (*ExprFn)(ExprCtx *ctx, const Value *args, int nargs, Value *out);

typedef struct ExprInstr {
    uint8_t op;
    uint16_t dst;
    int32_t a, b;
    ExprFn fn;         /* X_CALL */
    TypeId type;       /* result type of this instruction (for casts and messages) */
} ExprInstr;

typedef struct ExprProg {
    ExprInstr *code;
    int n;
    Value *consts;
    int nconsts;
    int nregs;
    int result;        /* register holding the result */
    TypeId type;       /* result type */
} ExprProg;

/* What an evaluation may need besides the row. */
struct ExprCtx {
    Arena *text;         /* where functions put the strings they build */
    Value *regs;         /* at least prog->nregs registers (scratch) */
    int64_t now_ms;      /* processing time, for PROCTIME() */
    WeirError *err;      /* data errors (division by zero, bad CAST, integer overflow) */
};

/* Evaluates prog over row; *out is the result (strings may point into row,
 * into the program's constants or into ctx->text).  Returns 0, or -1 on a data
 * error with ctx->err set (code WEIR_DATA). */
int expr_eval(const ExprProg *prog, const Value *row, ExprCtx *ctx, Value *out);

/* True when v (BOOLEAN) is TRUE: not NULL and non-zero. */
static inline int value_is_true(const Value *v) { return !v->null && v->u.i != 0; }

/* Three-way comparison of two non-NULL values of type t (strings by bytes). */
int value_compare(TypeId t, const Value *a, const Value *b);
/* Equality as GROUP BY sees it: NULL equals NULL. */
int value_group_equal(TypeId t, const Value *a, const Value *b);
/* Hash of a value for grouping (NULL hashes to a constant). */
uint64_t value_hash(TypeId t, const Value *v);

/* Formats v of type t as its CSV text (no quoting): TIMESTAMP per time_format_iso,
 * DOUBLE per double_format, BOOLEAN true/false, NULL as "".  Writes into buf (at
 * least 64 bytes) unless the value is a VARCHAR, in which case *out points at its
 * bytes.  Returns the length. */
size_t value_to_text(TypeId t, const Value *v, char *buf, const char **out);

#endif
