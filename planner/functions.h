/*
 * functions.h - the scalar functions and casts compiled expressions call (X_CALL).
 *
 * Flow: expr_compile.c types an AST_CALL, asks func_lookup() for its FuncDef,
 * lets the entry's check() type the arguments (and ask for implicit casts),
 * then emits an X_CALL to func_impl(); at run time expr_eval() calls the ExprFn
 * once per row.  Operators with their own syntax (LIKE, TRIM, EXTRACT,
 * FLOOR/CEIL(ts TO unit), CAST) call the fn_* / func_cast entries directly.
 *
 * Every ExprFn follows SQL's NULL rule (NULL in, NULL out) unless its comment
 * says otherwise, builds strings in ctx->text (never malloc), and reports a data
 * error (a bad value in a row) by filling ctx->err with WEIR_DATA and returning -1.
 * Adding a function is adding an entry in functions.c.
 */
#ifndef WEIR_FUNCTIONS_H
#define WEIR_FUNCTIONS_H

#include <stddef.h>

#include "expr.h"

typedef struct FuncDef {
    const char *name;            /* upper case */
    int min_args, max_args;
    /* Sets *result from the argument types and may ask for implicit casts by
     * writing the wanted type into want[i] (TYPE_NULL = as is).  Returns NULL
     * when fine, or a message such as "expects a number" with *bad set to the
     * index of the offending argument (the compiler adds ", not <TYPE>"). */
    const char *(*check)(const TypeId *args, int nargs, TypeId *want, TypeId *result, int *bad);
    ExprFn fn;
} FuncDef;

/* The table entry for an upper-case function name, or NULL. */
const FuncDef *func_lookup(const char *name);
/* The known function nearest to an unknown name (for "did you mean"), or NULL. */
const char *func_suggest(const char *name);
/* The run-time function of f for these (checked, pre-cast) argument types. */
ExprFn func_impl(const FuncDef *f, const TypeId *args);

/* Casts, used by CAST and implicit conversions: from -> to. NULL if SQL does
 * not allow the cast.  A value that cannot be converted is a data error. */
ExprFn func_cast(TypeId from, TypeId to);

/* PROCTIME(): the ExprCtx's processing time (never NULL). */
int fn_proctime(ExprCtx *ctx, const Value *args, int nargs, Value *out);
/* LIKE with an optional escape (args: s, pattern[, escape]); '_' is one UTF-8
 * character.  An escape not followed by %, _ or itself is a data error. */
int fn_like(ExprCtx *ctx, const Value *args, int nargs, Value *out);
/* TRIM (args: s, chars, mode BIGINT 0 both / 1 leading / 2 trailing): removes
 * every leading/trailing character that occurs in chars. */
int fn_trim(ExprCtx *ctx, const Value *args, int nargs, Value *out);
/* EXTRACT (args: ts TIMESTAMP, unit BIGINT TimeUnit) -> BIGINT. */
int fn_extract(ExprCtx *ctx, const Value *args, int nargs, Value *out);
/* FLOOR(ts TO unit) / CEIL(ts TO unit) (args: ts, unit BIGINT) -> TIMESTAMP. */
int fn_floor_ts(ExprCtx *ctx, const Value *args, int nargs, Value *out);
int fn_ceil_ts(ExprCtx *ctx, const Value *args, int nargs, Value *out);

/* ---- helpers, public for the compiler and the unit tests ---------------- */

/* ROUND half away from zero at 10^-d, on the shortest decimal text of x (as
 * Flink rounds BigDecimal.valueOf(x)), so ROUND(2.675, 2) = 2.68. */
double func_round_double(double x, int64_t d);
/* ROUND of an integer: unchanged for d >= 0, else half away from zero.
 * Returns 0 with *out set, or -1 when the rounded value does not fit BIGINT
 * (ROUND(9223372036854775807, -1)). */
int func_round_int_checked(int64_t x, int64_t d, int64_t *out);
/* Formats ms with a Java DateTimeFormatter-style pattern (y M d H h m s S a E D
 * and 'quoted text'; other letters are errors).  Writes at most cap bytes into
 * buf and the length into *len.  Returns 0, or -1 for an unsupported pattern. */
int func_date_format(int64_t ms, const char *fmt, size_t fmt_len, char *buf, size_t cap, size_t *len);
/* Parses s with such a pattern into epoch ms.  Returns 0, or -1 when s does not
 * match or names an impossible date; -2 when the pattern is unsupported; -3
 * when the year is beyond 9999 (out of the TIMESTAMP range; *out unset). */
int func_parse_java(const char *s, size_t n, const char *fmt, size_t fmt_len, int64_t *out);
/* Parses Flink's default TO_TIMESTAMP shape "yyyy-M[M]-d[d][ H[H]:m[m]:s[s][.f*]]". */
int func_parse_default_ts(const char *s, size_t n, int64_t *out);
/* Checks a pattern without formatting: 0 when supported, -1 otherwise. */
int func_check_java_pattern(const char *fmt, size_t fmt_len);

#endif
