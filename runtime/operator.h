/*
 * operator.h - the life cycle every physical operator shares.
 *
 * Operators form a chain source -> ... -> collector.  Data moves by push: an
 * operator receives a batch (push), processes it, and pushes its own output
 * batches to `next`.  Event time moves beside the data: each row carries the
 * watermark in effect after it (Batch.wm), and after every batch the pipeline
 * calls watermark() down the chain with the newest value, so an operator may
 * fire windows between two rows of a batch or between batches.  finish() means
 * the input ended: the watermark is +infinity, everything open fires, then it is
 * passed on.  The pipeline (pipeline.c) never knows which operator it drives;
 * adding an operator is adding a file.
 */
#ifndef WEIR_OPERATOR_H
#define WEIR_OPERATOR_H

#include <stdbool.h>

#include "batch.h"
#include "groupkey.h"
#include "error.h"
#include "expr.h"

struct Source;

/* What every operator of one running query shares. */
typedef struct ExecState {
    WeirError *err;          /* where data errors go */
    struct Source *src;      /* the query's source: its on_error policy for rows
                                whose values fail (op_calc) */
    int64_t late;            /* rows dropped because their windows had fired */
    int64_t rows_out;        /* rows that reached the collector */
    int64_t watermark;       /* the source's current watermark (TS_MIN: none yet) */
    int64_t now_ms;          /* processing time of the current batch (wall clock) */
    int64_t proc_step;       /* > 0: simulated processing time, advancing this much a row */
    int64_t proc_next;       /* the simulated time of the next row */
    bool stop;               /* set by LIMIT or the consumer: stop reading */
} ExecState;

/* The processing time of the next input row (PROCTIME()). */
static inline int64_t exec_next_proctime(ExecState *ex)
{
    if (!ex->proc_step) return ex->now_ms;
    int64_t t = ex->proc_next;
    ex->proc_next += ex->proc_step;
    return t;
}

typedef struct Operator Operator;
struct SnapWriter;
struct SnapReader;
struct SnapGroups;

/* Vtables are positional initialisers, as in SQLite; the optional checkpoint
 * entries at the end (snapshot/restore here, save_pos/restore_pos in source.h,
 * position/rewind in sink.h) are simply left out by stateless ones, which is
 * why the build turns off -Wmissing-field-initializers. */

typedef struct OpVtab {
    const char *name;
    /* Consumes every row of in (in stays owned by the caller and may be reused
     * after the call).  Returns WEIR_OK or an error code with exec->err set. */
    int  (*push)(Operator *op, Batch *in);
    /* Event time reached wm (monotone). */
    int  (*watermark)(Operator *op, int64_t wm);
    /* End of input. */
    int  (*finish)(Operator *op);
    /* Frees the operator and everything it owns (not `next`). */
    void (*close)(Operator *op);
    /* Checkpoints (snapshot.h); both NULL for an operator without state.
     * snapshot writes the operator's global state (watermark, slice list,
     * positions: everything not kept per key) as it is between two batches;
     * restore reads it back into a fresh operator before the first batch, and
     * before any restore_group.  Return WEIR_OK, WEIR_NOMEM, or WEIR_IOERR for
     * a damaged blob, with exec->err set. */
    int  (*snapshot)(Operator *op, struct SnapWriter *w);
    int  (*restore)(Operator *op, struct SnapReader *r);
    /* Keyed state by key group (groupkey.h), NULL for operators without it.
     * A keyed operator marks in Operator.dirty the groups it changes (all of
     * them when fresh, none after a restore); pipeline_committed clears it.
     * snapshot_groups writes the blob of each such group into out->blob[g]
     * (empty when the group now holds nothing) and puts the set in
     * out->written.  restore_group reads group g's blob back, after restore,
     * once per group the checkpoint holds; an entry of another group, or one
     * already restored, is a damaged blob (WEIR_IOERR). */
    int  (*snapshot_groups)(Operator *op, struct SnapGroups *out);
    int  (*restore_group)(Operator *op, int group, struct SnapReader *r);
} OpVtab;

struct Operator {
    const OpVtab *vt;
    Operator *next;          /* downstream; NULL for the collector */
    ExecState *exec;
    int ncols;               /* columns of the rows this operator emits */
    const TypeId *types;     /* their types (owned by the plan) */
    GkGroupSet dirty;        /* keyed operators: key groups changed since the
                                last committed checkpoint (snapshot_groups) */
};

static inline int op_push(Operator *op, Batch *b) { return op->vt->push(op, b); }
static inline int op_watermark(Operator *op, int64_t wm) { return op->vt->watermark(op, wm); }
static inline int op_finish(Operator *op) { return op->vt->finish(op); }

/* Default watermark/finish for operators without state: pass it on. */
int op_forward_watermark(Operator *op, int64_t wm);
int op_forward_finish(Operator *op);

/* Output batches: an operator appends rows to `out` and flushes it downstream
 * when full and at the end of each push/watermark/finish.  emit_flush is a no-op
 * on an empty batch. */
int op_emit_flush(Operator *op, Batch *out);

#endif
