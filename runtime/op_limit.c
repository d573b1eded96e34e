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

static int limit_snapshot(Operator *op, struct SnapWriter *w);
static int limit_restore(Operator *op, struct SnapReader *r);

static const OpVtab limit_vtab = {"Limit", limit_push, op_forward_watermark, op_forward_finish, limit_close,
                          limit_snapshot, limit_restore};

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

/* ---- checkpoints: the rows still to pass ------------------------------------ */

#include "snapshot.h"

static int limit_snapshot(Operator *op, SnapWriter *w)
{
    snap_put_i64(w, ((Limit *)op)->left);
    return WEIR_OK;
}

static int limit_restore(Operator *op, SnapReader *r)
{
    int64_t left = snap_get_i64(r);
    if (!snap_ok(r) || left < 0) return err_set(op->exec->err, WEIR_IOERR, "damaged checkpoint: LIMIT");
    ((Limit *)op)->left = left;
    op->exec->stop = left == 0;
    return WEIR_OK;
}
