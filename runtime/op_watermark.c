/*
 * op_watermark.c - the watermark assigner.
 *
 * W is the largest value of the WATERMARK expression seen so far (ts - delay
 * for bounded out-of-orderness, ts for ascending, the processing time for
 * PROCTIME windows); it never decreases.  Each row leaves with the W in effect
 * after it, so a downstream window fires exactly between the row that moved W
 * past its end and the next one, however rows are batched.
 *
 * A source read as several partitions (Kafka; Batch.parts set) gets one W per
 * partition (the largest value seen in it) and the assigner's W is the minimum
 * over the active partitions, never decreasing; a partition silent for
 * PartInfo.idle_ms of processing time is not active (watermark.idle-timeout).
 * The pipeline ticks the assigner through watermark() when the source has
 * nothing new, so an idle partition releases W without new rows.
 *
 * The fast path `col - INTERVAL c` saturates (ts_sub_sat): a W below year 0000
 * (a row at 0000-01-01 minus the delay) is a valid watermark, not an error, and
 * no delay can overflow.  A general expression is checked by the expression
 * machine like any TIMESTAMP arithmetic.
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
    /* per-partition state, used once a batch comes with parts (malloc'ed) */
    const PartInfo *parts;   /* the source's, from the last batch seen */
    int nparts;
    int64_t *pmax;           /* per partition: the largest watermark value seen */
    int64_t *plast;          /* per partition: processing time of its last row */
} WmAssign;

/* Makes room for partitions 0..n-1; new ones start with no value, last seen at
 * now (so a partition that never sends holds W back for one idle timeout).
 * Returns WEIR_OK or WEIR_NOMEM. */
static int wm_parts_grow(WmAssign *w, int n, int64_t now)
{
    if (n <= w->nparts) return WEIR_OK;
    int64_t *mx = realloc(w->pmax, (size_t)n * sizeof *mx);
    if (!mx) return WEIR_NOMEM;
    w->pmax = mx;
    int64_t *ls = realloc(w->plast, (size_t)n * sizeof *ls);
    if (!ls) return WEIR_NOMEM;
    w->plast = ls;
    for (int i = w->nparts; i < n; i++) w->pmax[i] = TS_MIN, w->plast[i] = now;
    w->nparts = n;
    return WEIR_OK;
}

/* The assigner's W from the partitions' own: the minimum over the partitions
 * heard from within idle_ms of now, never below the current W (and the current
 * W when every partition is idle). */
static int64_t wm_parts_min(const WmAssign *w, int64_t now)
{
    int64_t idle = w->parts ? w->parts->idle_ms : 0;
    int64_t m = TS_MAX;
    bool any = false;
    for (int i = 0; i < w->nparts; i++) {
        if (idle > 0 && now - w->plast[i] >= idle) continue;
        any = true;
        if (w->pmax[i] < m) m = w->pmax[i];
    }
    return any && m > w->wm ? m : w->wm;
}

/* wm_push for a batch of a partitioned source: each row moves its partition's
 * maximum, then W is the minimum over the active partitions. */
static int wm_push_parts(Operator *op, Batch *in)
{
    WmAssign *w = (WmAssign *)op;
    int64_t now = op->exec->now_ms;
    ExprCtx ctx = {.text = &in->text, .regs = w->regs, .now_ms = now, .err = op->exec->err};
    w->parts = in->parts;
    if (wm_parts_grow(w, in->parts->n, now)) return err_set(op->exec->err, WEIR_NOMEM, "out of memory");
    for (int r = 0; r < in->nrows; r++) {
        Value v;
        if (w->fast_col >= 0) {
            v = batch_row(in, r)[w->fast_col];
            if (!v.null) v.u.i = ts_sub_sat(v.u.i, w->fast_delay);
        } else if (expr_eval(w->expr, batch_row(in, r), &ctx, &v)) {
            return WEIR_DATA;
        }
        int p = in->part[r] > 0 ? in->part[r] : 0;
        if (p >= w->nparts && wm_parts_grow(w, p + 1, now))
            return err_set(op->exec->err, WEIR_NOMEM, "out of memory");
        in->wm_prev[r] = w->wm;
        w->plast[p] = now;
        if (!v.null && v.u.i > w->pmax[p]) {
            w->pmax[p] = v.u.i;
            w->wm = wm_parts_min(w, now);
        }
        in->wm[r] = w->wm;
    }
    /* a partition may have gone idle since the last batch */
    if (in->nrows) {
        int64_t m = wm_parts_min(w, now);
        if (m > w->wm) in->wm[in->nrows - 1] = w->wm = m;
    }
    op->exec->watermark = w->wm;
    return op->next ? op_push(op->next, in) : WEIR_OK;
}

/* A tick from upstream (the pipeline, when the source has nothing new): with
 * partitions, an idle one may now release W; otherwise passed on unchanged. */
static int wm_watermark(Operator *op, int64_t wm)
{
    WmAssign *w = (WmAssign *)op;
    if (!w->parts) return op_forward_watermark(op, wm);
    int64_t m = wm_parts_min(w, op->exec->now_ms);
    if (m <= w->wm) return WEIR_OK;
    w->wm = m;
    op->exec->watermark = m;
    return op_forward_watermark(op, m);
}

static int wm_push(Operator *op, Batch *in)
{
    WmAssign *w = (WmAssign *)op;
    if (in->parts) return wm_push_parts(op, in);
    ExprCtx ctx = {.text = &in->text, .regs = w->regs, .now_ms = op->exec->now_ms, .err = op->exec->err};
    if (w->fast_col >= 0) {
        int64_t wm = w->wm;
        for (int r = 0; r < in->nrows; r++) {
            const Value *t = &batch_row(in, r)[w->fast_col];
            in->wm_prev[r] = wm;
            if (!t->null && ts_sub_sat(t->u.i, w->fast_delay) > wm) wm = ts_sub_sat(t->u.i, w->fast_delay);
            in->wm[r] = wm;
        }
        w->wm = wm;
        op->exec->watermark = wm;
        return op->next ? op_push(op->next, in) : WEIR_OK;
    }
    for (int r = 0; r < in->nrows; r++) {
        Value v;
        if (expr_eval(w->expr, batch_row(in, r), &ctx, &v)) return WEIR_DATA;
        in->wm_prev[r] = w->wm;
        if (!v.null && v.u.i > w->wm) w->wm = v.u.i;
        in->wm[r] = w->wm;
    }
    op->exec->watermark = w->wm;
    return op->next ? op_push(op->next, in) : WEIR_OK;
}

static void wm_close(Operator *op)
{
    WmAssign *w = (WmAssign *)op;
    free(w->regs);
    free(w->pmax);
    free(w->plast);
    free(op);
}

static int wm_snapshot(Operator *op, struct SnapWriter *w);
static int wm_restore(Operator *op, struct SnapReader *r);

static const OpVtab wm_vtab = {"WatermarkAssigner", wm_push, wm_watermark, op_forward_finish, wm_close,
                               wm_snapshot, wm_restore};

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
    } else if (wm_expr->n == 3 && c[0].op == X_COL && c[1].op == X_CONST && c[2].op == X_SUB_TS &&
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

/* ---- checkpoints: W, then each partition's largest value ------------------- */

#include "snapshot.h"

static int wm_snapshot(Operator *op, SnapWriter *w)
{
    WmAssign *a = (WmAssign *)op;
    snap_put_i64(w, a->wm);
    snap_put_u32(w, (uint32_t)a->nparts);
    for (int i = 0; i < a->nparts; i++) snap_put_i64(w, a->pmax[i]);
    return WEIR_OK;
}

/* A restored partition counts as heard from now: it holds W back for at most
 * one idle timeout, as a partition that has just been assigned does. */
static int wm_restore(Operator *op, SnapReader *r)
{
    WmAssign *a = (WmAssign *)op;
    int64_t wm = snap_get_i64(r);
    uint32_t n = snap_get_u32(r);
    if (!snap_ok(r) || n > (uint32_t)INT32_MAX || n > snap_left(r) / 8)
        return err_set(op->exec->err, WEIR_IOERR, "damaged checkpoint: watermark");
    a->wm = wm;
    if (n && wm_parts_grow(a, (int)n, op->exec->now_ms)) return err_set(op->exec->err, WEIR_NOMEM, "out of memory");
    for (uint32_t i = 0; i < n; i++) a->pmax[i] = snap_get_i64(r);
    if (!snap_ok(r)) return err_set(op->exec->err, WEIR_IOERR, "damaged checkpoint: watermark");
    return WEIR_OK;
}
