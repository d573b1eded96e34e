/*
 * op_watermark.c - the watermark assigner.
 *
 * W is the largest value of the WATERMARK expression seen so far (ts - delay
 * for bounded out-of-orderness, ts for ascending, the processing time for
 * PROCTIME windows); it never decreases.  Each row leaves with the W in effect
 * after it, so a downstream window fires exactly between the row that moved W
 * past its end and the next one, however rows are batched.
 */
#include <stdlib.h>

#include "ops.h"
#include "weir.h"

typedef struct WmAssign {
    Operator base;
    const ExprProg *expr;
    Value *regs;
    int64_t wm;
    /* `col - INTERVAL c` and `col` (the usual declarations) skip the machine. */
    int fast_col;         /* -1: evaluate expr */
    int64_t fast_delay;
} WmAssign;

static int wm_push(Operator *op, Batch *in)
{
    WmAssign *w = (WmAssign *)op;
    ExprCtx ctx = {.text = &in->text, .regs = w->regs, .now_ms = op->exec->now_ms, .err = op->exec->err};
    if (w->fast_col >= 0) {
        int64_t wm = w->wm;
        for (int r = 0; r < in->nrows; r++) {
            const Value *t = &batch_row(in, r)[w->fast_col];
            in->wm_prev[r] = wm;
            if (!t->null && t->u.i - w->fast_delay > wm) wm = t->u.i - w->fast_delay;
            in->wm[r] = wm;
        }
        w->wm = wm;
        return op->next ? op_push(op->next, in) : WEIR_OK;
    }
    for (int r = 0; r < in->nrows; r++) {
        Value v;
        if (expr_eval(w->expr, batch_row(in, r), &ctx, &v)) return WEIR_DATA;
        in->wm_prev[r] = w->wm;
        if (!v.null && v.u.i > w->wm) w->wm = v.u.i;
        in->wm[r] = w->wm;
    }
    return op->next ? op_push(op->next, in) : WEIR_OK;
}

static void wm_close(Operator *op)
{
    free(((WmAssign *)op)->regs);
    free(op);
}

static const OpVtab wm_vtab = {"WatermarkAssigner", wm_push, op_forward_watermark, op_forward_finish, wm_close};

Operator *op_watermark_new(ExecState *ex, const ExprProg *wm_expr, int ncols, const TypeId *types)
{
    WmAssign *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->base.vt = &wm_vtab;
    w->base.exec = ex;
    w->base.ncols = ncols;
    w->base.types = types;
    w->expr = wm_expr;
    w->wm = TS_MIN;
    w->fast_col = -1;
    const ExprInstr *c = wm_expr->code;
    if (wm_expr->n == 1 && c[0].op == X_COL) {
        w->fast_col = c[0].a;
    } else if (wm_expr->n == 3 && c[0].op == X_COL && c[1].op == X_CONST && c[2].op == X_SUB_I &&
               c[2].a == c[0].dst && c[2].b == c[1].dst && (int)c[2].dst == wm_expr->result &&
               !wm_expr->consts[c[1].a].null && wm_expr->consts[c[1].a].u.i >= 0) {
        w->fast_col = c[0].a;
        w->fast_delay = wm_expr->consts[c[1].a].u.i;
    }
    w->regs = calloc((size_t)wm_expr->nregs + 1, sizeof(Value));
    if (!w->regs) {
        free(w);
        return NULL;
    }
    return &w->base;
}
