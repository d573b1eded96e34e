/*
 * op_calc.c - filter and projection, the stateless operator.
 *
 * For each input row: evaluate the filter (rows where it is not TRUE are
 * dropped), then each projection expression into the output row.  Strings the
 * expressions build go into the output batch's text arena; strings copied from
 * the input keep pointing into it, which is safe because the output is pushed
 * downstream before push() returns.  The row's watermark and source position
 * travel with it.  With assigns_proctime the row is first stamped with the
 * processing time (wall clock per batch, or the simulated clock of tests).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"
#include "source.h"
#include "weir.h"

typedef struct Calc {
    Operator base;
    const ExprProg *filter;
    int nexprs;
    const ExprProg *exprs;
    int assigns_proctime;
    int record_level;     /* rows are the source's records (before any aggregate) */
    int *copy_col;        /* per expression: the input column it copies, -2 a constant, -1 other */
    Value *regs;
    Batch out;
} Calc;

/* Stops on an error, after passing on the rows before it (good rows are never
 * lost): the error set in exec->err survives the flush. */
static int calc_fail(Operator *op, Batch *out, int rc)
{
    WeirError saved = *op->exec->err;
    int frc = op_emit_flush(op, out);
    *op->exec->err = saved;
    return frc ? frc : rc;
}

static int calc_push(Operator *op, Batch *in)
{
    Calc *c = (Calc *)op;
    ExecState *ex = op->exec;
    Batch *out = &c->out;
    ExprCtx ctx = {.text = &out->text, .regs = c->regs, .now_ms = ex->now_ms, .err = ex->err};
    out->parts = in->parts;
    for (int r = 0; r < in->nrows; r++) {
        const Value *row = batch_row(in, r);
        if (c->assigns_proctime) ctx.now_ms = exec_next_proctime(ex);
        if (c->filter) {
            Value v;
            if (expr_eval(c->filter, row, &ctx, &v)) goto data_error;
            if (!value_is_true(&v)) continue;
        }
        Value *dst = batch_row(out, out->nrows);
        for (int e = 0; e < c->nexprs; e++) {
            if (c->copy_col[e] >= 0) dst[e] = row[c->copy_col[e]];
            else if (c->copy_col[e] == -2) dst[e] = c->exprs[e].consts[0];
            else if (expr_eval(&c->exprs[e], row, &ctx, &dst[e])) goto data_error;
        }
        out->wm[out->nrows] = in->wm[r];
        out->wm_prev[out->nrows] = in->wm_prev[r];
        out->pos[out->nrows] = in->pos[r];
        out->part[out->nrows] = in->part[r];
        if (++out->nrows == out->cap) {
            /* Strings built so far live in out->text: flush before reusing it. */
            int rc = op_emit_flush(op, out);
            if (rc) return rc;
        }
        continue;
    data_error:
        if (c->record_level && ex->src && ex->err->code == WEIR_DATA) {
            /* A record whose value failed: the source's on_error decides. */
            char why[ERR_MSG_MAX];
            snprintf(why, sizeof why, "%s", ex->err->msg);
            int rc = source_reject_row(ex->src, in->parts ? in->part[r] : 0, in->pos[r], why, ex->err);
            if (!rc) {
                err_clear(ex->err);
                continue;
            }
            return calc_fail(op, out, rc);
        }
        if (in->pos[r] > 0) {
            char msg[ERR_MSG_MAX];
            snprintf(msg, sizeof msg, "%s", ex->err->msg);
            if (in->parts)
                err_set(ex->err, WEIR_DATA, "%.900s (input row at partition %d offset %lld)", msg, (int)in->part[r],
                        (long long)(in->pos[r] - 1));
            else
                err_set(ex->err, WEIR_DATA, "%.900s (input row at line %lld)", msg, (long long)in->pos[r]);
        }
        return calc_fail(op, out, WEIR_DATA);
    }
    /* A batch whose last rows were filtered out still moves time forward. */
    int rc = op_emit_flush(op, out);
    if (rc) return rc;
    if (in->nrows && in->wm[in->nrows - 1] != TS_MIN && op->next)
        return op_watermark(op->next, in->wm[in->nrows - 1]);
    return WEIR_OK;
}

static void calc_close(Operator *op)
{
    Calc *c = (Calc *)op;
    free(c->regs);
    free(c->copy_col);
    batch_free(&c->out);
    free(c);
}

static const OpVtab calc_vtab = {"Calc", calc_push, op_forward_watermark, op_forward_finish, calc_close};

Operator *op_calc_new(ExecState *ex, const ExprProg *filter, int nexprs, const ExprProg *exprs,
                      const TypeId *types, int assigns_proctime)
{
    Calc *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->base.vt = &calc_vtab;
    c->base.exec = ex;
    c->base.ncols = nexprs;
    c->base.types = types;
    c->filter = filter;
    c->nexprs = nexprs;
    c->exprs = exprs;
    c->assigns_proctime = assigns_proctime;
    int nregs = filter ? filter->nregs : 1;
    for (int e = 0; e < nexprs; e++)
        if (exprs[e].nregs > nregs) nregs = exprs[e].nregs;
    c->regs = calloc((size_t)nregs + 1, sizeof(Value));
    c->copy_col = malloc(sizeof(int) * (size_t)(nexprs + 1));
    if (!c->regs || !c->copy_col || batch_init(&c->out, nexprs, BATCH_ROWS)) {
        calc_close(&c->base);
        return NULL;
    }
    for (int e = 0; e < nexprs; e++)
        c->copy_col[e] = (exprs[e].n == 1 && exprs[e].code[0].op == X_COL)     ? exprs[e].code[0].a
                         : (exprs[e].n == 1 && exprs[e].code[0].op == X_CONST) ? -2 /* consts[0] */
                                                                               : -1;
    return &c->base;
}

void op_calc_set_record_level(Operator *op)
{
    ((Calc *)op)->record_level = 1;
}
