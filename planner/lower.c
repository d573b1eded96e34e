/*
 * lower.c - turns a logical plan into a running pipeline: one physical operator
 * per logical node (a FILTER directly under a PROJECT fuses into one Calc; a
 * Calc below any aggregate whose expressions read PROCTIME() stamps its rows), the
 * source opened last so a plan error never leaves a file open.  A sink job
 * (plan_lower_sink) ends its chain with op_sink, whose target is created after
 * the source opened.
 */
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "sink.h"
#include "weir.h"

/* The chain as an array, source first. */
static int chain(LNode *top, LNode ***out)
{
    int n = 0;
    for (LNode *p = top; p; p = p->input) n++;
    LNode **v = malloc(sizeof *v * (size_t)n);
    if (!v) return -1;
    int i = n;
    for (LNode *p = top; p; p = p->input) v[--i] = p;
    *out = v;
    return n;
}

/* Both entry points: sink NULL for a query whose rows go to the collector. */
static int lower(LNode *plan, const SourceSpec *sink, Pipeline *p, WeirError *err)
{
    LNode **v;
    int n = chain(plan, &v);
    if (n < 0) return err_set(err, WEIR_NOMEM, "out of memory");
    memset(p, 0, sizeof *p);
    p->err = err;
    p->ex.err = err;
    p->ex.watermark = TS_MIN;
    bool proctime_window = false;
    for (int i = 0; i < n; i++) proctime_window |= v[i]->proctime_window;
    p->proctime_window = proctime_window;
    int rc = WEIR_OK;
    ExecState *ex = &p->ex;
    bool records = true; /* rows are still the source's records (no aggregate yet) */
    bool pre_agg = true; /* no aggregate yet: a Calc reading PROCTIME() stamps its rows */
    for (int i = 1; i < n && !rc; i++) {
        LNode *l = v[i];
        Operator *op = NULL;
        if (l->kind == L_WINDOW_AGG || l->kind == L_SESSION_AGG || l->kind == L_GROUP_AGG || l->kind == L_LIMIT)
            records = false;
        if (l->kind == L_WINDOW_AGG || l->kind == L_SESSION_AGG || l->kind == L_GROUP_AGG) pre_agg = false;
        switch (l->kind) {
        case L_COMPUTE:
            op = op_calc_new(ex, NULL, l->nexprs, l->exprs, l->types, l->assigns_proctime);
            break;
        case L_WATERMARK:
            /* Processing-time windows follow the clock, not the declared watermark. */
            if (proctime_window) continue;
            op = op_watermark_new(ex, l->pred, l->ncols, l->types);
            break;
        case L_FILTER:
            if (i + 1 < n && v[i + 1]->kind == L_PROJECT) {
                LNode *pr = v[++i];
                op = op_calc_new(ex, l->pred, pr->nexprs, pr->exprs, pr->types,
                                 pre_agg && (l->assigns_proctime || pr->assigns_proctime));
            } else {
                /* The binder always puts a projection above a filter. */
                rc = err_set(err, WEIR_ERROR, "internal error: a filter without a projection");
                continue;
            }
            break;
        case L_PROJECT:
            /* A projection with PROCTIME() (a view's `*, PROCTIME() AS pt`) stamps
             * each row as it passes, as a source's PROCTIME() column does.  Above an
             * aggregate it reads the clock of the batch instead: stamping output
             * rows would move the simulated clock of tests between input rows. */
            op = op_calc_new(ex, NULL, l->nexprs, l->exprs, l->types, pre_agg && l->assigns_proctime);
            break;
        case L_WINDOW_AGG:
            op = op_window_agg_new(ex, &l->win, l->nkeys, l->key_types, l->naggs, l->aggs, l->types);
            break;
        case L_SESSION_AGG:
            op = op_session_agg_new(ex, &l->win, l->nkeys, l->key_types, l->naggs, l->aggs, l->types);
            break;
        case L_GROUP_AGG:
            op = op_group_agg_new(ex, l->nkeys, l->key_types, l->naggs, l->aggs, l->pred, l->nexprs, l->exprs, l->types);
            break;
        case L_LIMIT: op = op_limit_new(ex, l->limit, l->ncols, l->types); break;
        case L_SCAN: break;
        }
        if (op && records && op->vt->push && (l->kind == L_COMPUTE || l->kind == L_FILTER || l->kind == L_PROJECT))
            op_calc_set_record_level(op);
        if (!rc) rc = pipeline_add(p, op);
    }
    Operator *sink_op = NULL;
    if (!rc && sink) {
        if (sink->ncols != plan->ncols) {
            rc = err_set(err, WEIR_ERROR, "internal error: sink \"%s\" has %d columns, the query %d", sink->name,
                         sink->ncols, plan->ncols);
        } else {
            sink_op = op_sink_new(ex, plan->ncols, plan->types, sink->cols);
            rc = pipeline_add(p, sink_op);
        }
    }
    if (!rc) rc = pipeline_finish_chain(p, plan->ncols, plan->types);
    if (!rc && batch_init(&p->in, v[0]->ncols, BATCH_ROWS)) rc = err_set(err, WEIR_NOMEM, "out of memory");
    if (!rc) rc = source_open(v[0]->source, &p->src, err);
    if (!rc) ex->src = p->src;
    if (!rc && sink_op) {
        Sink *s;
        rc = sink_open(sink, &s, err);
        if (!rc) op_sink_attach(sink_op, s);
    }
    free(v);
    if (rc) pipeline_close(p);
    return rc;
}

int plan_lower(LNode *plan, Pipeline *p, WeirError *err) { return lower(plan, NULL, p, err); }

int plan_lower_sink(LNode *plan, const SourceSpec *sink, Pipeline *p, WeirError *err)
{
    return lower(plan, sink, p, err);
}
