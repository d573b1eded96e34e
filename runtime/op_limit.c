/*
 * op_limit.c - LIMIT n: passes the first n rows, then asks the pipeline to stop
 * reading (a LIMIT over an unbounded source ends the query).
 */
#include <stdlib.h>

#include "ops.h"
#include "weir.h"

typedef struct Limit {
    Operator base;
    int64_t left;
} Limit;

static int limit_push(Operator *op, Batch *in)
{
    Limit *l = (Limit *)op;
    if (l->left <= 0) return WEIR_OK;
    if (in->nrows > l->left) in->nrows = (int)l->left;
    l->left -= in->nrows;
    if (l->left == 0) op->exec->stop = true;
    return op->next ? op_push(op->next, in) : WEIR_OK;
}

static void limit_close(Operator *op) { free(op); }

static const OpVtab limit_vtab = {"Limit", limit_push, op_forward_watermark, op_forward_finish, limit_close};

Operator *op_limit_new(ExecState *ex, int64_t limit, int ncols, const TypeId *types)
{
    Limit *l = calloc(1, sizeof *l);
    if (!l) return NULL;
    l->base.vt = &limit_vtab;
    l->base.exec = ex;
    l->base.ncols = ncols;
    l->base.types = types;
    l->left = limit;
    if (limit == 0) ex->stop = true;
    return &l->base;
}
