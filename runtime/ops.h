/*
 * ops.h - constructors of the physical operators, one file each:
 *
 *   op_calc.c         filter + projection (stateless; also computed columns)
 *   op_watermark.c    assigns each row the watermark in effect after it
 *   op_window_agg.c   TUMBLE / HOP / CUMULATE aggregates over slices
 *   op_session_agg.c  SESSION aggregates, per key, merging
 *   op_group_agg.c    non-windowed GROUP BY as a changelog (+I -U +U -D)
 *   op_limit.c        LIMIT n
 *   op_collect.c      the end of the chain: rows for the consumer
 *
 * Every constructor returns NULL only when memory ran out.  Programs and type
 * arrays passed in are owned by the plan and must outlive the operator.
 */
#ifndef WEIR_OPS_H
#define WEIR_OPS_H

#include "agg.h"
#include "ast.h"
#include "operator.h"

/* filter may be NULL.  When assigns_proctime, the operator stamps each row's
 * processing time before evaluating (PROCTIME() computed columns). */
Operator *op_calc_new(ExecState *ex, const ExprProg *filter, int nexprs, const ExprProg *exprs,
                      const TypeId *types, int assigns_proctime);

/* Marks a Calc whose input rows are still the source's records: a row whose
 * values fail (a CAST, a division by zero) then goes to the source's on_error
 * policy instead of stopping the query. */
void op_calc_set_record_level(Operator *op);

/* wm_expr gives the watermark candidate of a row (NULL rows do not advance it). */
Operator *op_watermark_new(ExecState *ex, const ExprProg *wm_expr, int ncols, const TypeId *types);

typedef struct WindowSpec {
    WindowKind kind;
    int64_t size;     /* TUMBLE, HOP, CUMULATE */
    int64_t slide;    /* HOP: slide; CUMULATE: step; TUMBLE: size */
    int64_t gap;      /* SESSION */
    bool proctime;    /* processing time: the row's time is the clock, W follows it */
} WindowSpec;

/* Input rows: [time, key_0 .. key_{nk-1}, aggregate arguments ...] (aggs[i].arg_col
 * indexes this row).  Output rows: [window_start, window_end, window_time, keys..., results...]
 * (window_time = window_end - 1 ms),
 * emitted when the watermark passes window_end, ordered by (window_end, keys). */
Operator *op_window_agg_new(ExecState *ex, const WindowSpec *w, int nkeys, const TypeId *key_types,
                            int naggs, const AggSpec *aggs, const TypeId *out_types);
Operator *op_session_agg_new(ExecState *ex, const WindowSpec *w, int nkeys, const TypeId *key_types,
                             int naggs, const AggSpec *aggs, const TypeId *out_types);

/* Input rows: [key_0 .. key_{nk-1}, aggregate arguments ...].  For every input
 * row the group's new values [keys..., results...] are filtered by having (may
 * be NULL) and projected by exprs; the output is [op, projected...] with op one
 * of +I -U +U -D, nothing when the visible row did not change. */
Operator *op_group_agg_new(ExecState *ex, int nkeys, const TypeId *key_types, int naggs,
                           const AggSpec *aggs, const ExprProg *having, int nexprs,
                           const ExprProg *exprs, const TypeId *out_types);

Operator *op_limit_new(ExecState *ex, int64_t limit, int ncols, const TypeId *types);

#endif
