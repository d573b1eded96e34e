/*
 * op_sink.c - the operator that ends a sink job's chain (see sink.h): each row
 * is widened to the target's column types and written to the Sink; nothing is
 * passed downstream.  finish() finishes the sink (flush and close), so an I/O
 * error at the end fails the job.  Checkpoints save the sink's position
 * (bytes written, -1 for sinks that cannot rewind) and restore cuts it back.
 */
#include <stdlib.h>
#include <string.h>

#include "sink.h"
#include "weir.h"

typedef struct SinkOp {
    Operator base;
    Sink *sink;                /* owned; NULL until attached */
    const TypeId *in_types;
    const SourceColumn *out_cols;
    bool convert;              /* some column needs widening */
    bool finished;
    Value *row;                /* scratch row for widened values (ncols) */
} SinkOp;

static int sinkop_push(Operator *op, Batch *in)
{
    SinkOp *s = (SinkOp *)op;
    int n = op->ncols;
    WeirError *err = op->exec->err;
    if (!s->sink) return err_set(err, WEIR_ERROR, "internal error: a sink operator without a sink");
    for (int r = 0; r < in->nrows; r++) {
        const Value *row = batch_row(in, r);
        if (s->convert) {
            for (int i = 0; i < n; i++) {
                Value v = row[i];
                TypeId from = s->in_types[i], to = s->out_cols[i].type;
                if (from == TYPE_NULL) v.null = 1;
                else if (!v.null && to == TYPE_DOUBLE && type_is_integer(from)) v.u.d = (double)v.u.i;
                s->row[i] = v;
            }
            row = s->row;
        }
        int rc = s->sink->vt->write(s->sink, row, err);
        if (rc) return rc;
    }
    op->exec->rows_out += in->nrows;
    return in->nrows ? s->sink->vt->flush(s->sink, err) : WEIR_OK;
}

static int sinkop_watermark(Operator *op, int64_t wm)
{
    (void)op;
    (void)wm;
    return WEIR_OK;
}

static int sinkop_finish(Operator *op)
{
    SinkOp *s = (SinkOp *)op;
    if (s->finished || !s->sink) return WEIR_OK;
    s->finished = true;
    int rc = s->sink->vt->finish(s->sink, op->exec->err);
    if (rc) return rc;
    return op->next ? op_finish(op->next) : WEIR_OK;
}

static void sinkop_close(Operator *op)
{
    SinkOp *s = (SinkOp *)op;
    if (s->sink) s->sink->vt->close(s->sink);
    free(s->row);
    free(s);
}

static int sinkop_snapshot(Operator *op, struct SnapWriter *w);
static int sinkop_restore(Operator *op, struct SnapReader *r);

static const OpVtab sinkop_vtab = {"Sink", sinkop_push, sinkop_watermark, sinkop_finish, sinkop_close,
                                   sinkop_snapshot, sinkop_restore};

Operator *op_sink_new(ExecState *ex, int ncols, const TypeId *in_types, const SourceColumn *out_cols)
{
    SinkOp *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->row = calloc((size_t)(ncols ? ncols : 1), sizeof(Value));
    if (!s->row) {
        free(s);
        return NULL;
    }
    s->base.vt = &sinkop_vtab;
    s->base.exec = ex;
    s->base.ncols = ncols;
    s->base.types = in_types;
    s->in_types = in_types;
    s->out_cols = out_cols;
    for (int i = 0; i < ncols; i++)
        if (in_types[i] != out_cols[i].type) s->convert = true;
    return &s->base;
}

void op_sink_attach(Operator *op, Sink *sink) { ((SinkOp *)op)->sink = sink; }

/* ---- checkpoints ---------------------------------------------------------- */

#include "snapshot.h"

static int sinkop_snapshot(Operator *op, SnapWriter *w)
{
    SinkOp *s = (SinkOp *)op;
    int64_t pos = -1;
    if (s->sink && s->sink->vt->position && (pos = s->sink->vt->position(s->sink, op->exec->err)) < 0)
        return op->exec->err->code ? op->exec->err->code : WEIR_IOERR;
    snap_put_i64(w, pos);
    snap_put_i64(w, s->sink ? s->sink->rows_written : 0);
    if (s->sink && s->sink->vt->save) return s->sink->vt->save(s->sink, w, op->exec->err);
    return WEIR_OK;
}

static int sinkop_restore(Operator *op, SnapReader *r)
{
    SinkOp *s = (SinkOp *)op;
    int64_t pos = snap_get_i64(r), rows = snap_get_i64(r);
    if (!snap_ok(r)) return err_set(op->exec->err, WEIR_IOERR, "damaged checkpoint: sink position");
    if (!s->sink) return WEIR_OK;
    s->sink->rows_written = rows;
    if (pos >= 0 && s->sink->vt->rewind) {
        int rc = s->sink->vt->rewind(s->sink, pos, op->exec->err);
        if (rc) return rc;
    }
    if (s->sink->vt->load) return s->sink->vt->load(s->sink, r, op->exec->err);
    return WEIR_OK;
}

