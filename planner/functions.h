/*
 * functions.h - the table of scalar functions the compiler can call (X_CALL).
 *
 * Each entry checks and types its arguments at compile time (`check`) and runs
 * over Values at run time (`fn`).  Adding a function is adding an entry in
 * functions.c.
 */
#ifndef WEIR_FUNCTIONS_H
#define WEIR_FUNCTIONS_H

#include "expr.h"

typedef struct FuncDef {
    const char *name;            /* upper case */
    int min_args, max_args;
    /* Sets *result from the argument types (may ask for casts by writing the
     * wanted type into want[i]; TYPE_NULL = as is).  Returns NULL when fine or an
     * error message. */
    const char *(*check)(const TypeId *args, int nargs, TypeId *want, TypeId *result);
    ExprFn fn;
} FuncDef;

const FuncDef *func_lookup(const char *name);
/* The run-time function of f for these (checked) argument types. */
ExprFn func_impl(const FuncDef *f, const TypeId *args);

/* Casts, used by CAST and implicit conversions: from -> to. NULL if impossible. */
ExprFn func_cast(TypeId from, TypeId to);

/* PROCTIME(): the ExprCtx's processing time. */
int fn_proctime(ExprCtx *ctx, const Value *args, int nargs, Value *out);
/* LIKE with an optional escape (args: s, pattern[, escape]). */
int fn_like(ExprCtx *ctx, const Value *args, int nargs, Value *out);

#endif
