/*
 * pipeline.c - drives one query (see pipeline.h) and holds its collector, the
 * operator at the end of every chain that copies result rows into the queue.
 */
#include "pipeline.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "weir.h"

int64_t clock_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- the collector -------------------------------------------------------- */

typedef struct Collector {
    Operator base;
    RowQueue *q;
} Collector;

static int collect_push(Operator *op, Batch *in)
{
    Collector *c = (Collector *)op;
    RowQueue *q = c->q;
    if (q->n + (size_t)in->nrows > q->cap) {
        size_t cap = q->cap ? q->cap : 1024;
        while (cap < q->n + (size_t)in->nrows) cap *= 2;
        Value *p = realloc(q->rows, cap * (size_t)q->ncols * sizeof(Value) + sizeof(Value));
        if (!p) return err_set(op->exec->err, WEIR_NOMEM, "out of memory");
        q->rows = p;
        q->cap = cap;
    }
    for (int r = 0; r < in->nrows; r++) {
        Value *dst = q->rows + q->n * (size_t)q->ncols;
        const Value *src = batch_row(in, r);
        for (int i = 0; i < q->ncols; i++) {
            dst[i] = src[i];
            if (q->types[i] == TYPE_VARCHAR && !src[i].null && src[i].len) {
                char *s = arena_alloc(&q->text, src[i].len);
                if (!s) return err_set(op->exec->err, WEIR_NOMEM, "out of memory");
                memcpy(s, src[i].u.s, src[i].len);
                dst[i].u.s = s;
            }
        }
        q->n++;
    }
    op->exec->rows_out += in->nrows;
    return WEIR_OK;
}

static int collect_watermark(Operator *op, int64_t wm)
{
    (void)op;
    (void)wm;
    return WEIR_OK;
}

static int collect_finish(Operator *op)
{
    (void)op;
    return WEIR_OK;
}

static void collect_close(Operator *op) { free(op); }

static const OpVtab collect_vtab = {"Collect", collect_push, collect_watermark, collect_finish, collect_close};

/* ---- the pipeline --------------------------------------------------------- */

int pipeline_add(Pipeline *p, Operator *op)
{
    if (!op) return err_set(p->err, WEIR_NOMEM, "out of memory");
    Operator **ops = realloc(p->ops, (size_t)(p->nops + 1) * sizeof *ops);
    if (!ops) {
        op->vt->close(op);
        return err_set(p->err, WEIR_NOMEM, "out of memory");
    }
    p->ops = ops;
    if (p->nops) p->ops[p->nops - 1]->next = op;
    p->ops[p->nops++] = op;
    return WEIR_OK;
}

int pipeline_finish_chain(Pipeline *p, int ncols, const TypeId *types)
{
    Collector *c = calloc(1, sizeof *c);
    if (!c) return err_set(p->err, WEIR_NOMEM, "out of memory");
    c->base.vt = &collect_vtab;
    c->base.exec = &p->ex;
    c->base.ncols = ncols;
    c->base.types = types;
    c->q = &p->queue;
    p->queue.ncols = ncols;
    p->queue.types = types;
    arena_init(&p->queue.text);
    p->collector = &c->base;
    return pipeline_add(p, &c->base);
}

int pipeline_step(Pipeline *p)
{
    if (p->done) return WEIR_DONE;
    Operator *head = p->ops[0];
    if (p->ex.stop) {
        /* LIMIT reached: what was emitted is the whole answer. */
        p->done = true;
        return WEIR_DONE;
    }
    batch_reset(&p->in);
    p->ex.now_ms = clock_now_ms();
    int rc = p->src->vt->next(p->src, &p->in, p->err);
    int src_rc = rc;
    if (p->in.nrows) {
        /* Good rows read before a bad record still flow (then the error stops). */
        WeirError saved = *p->err;
        for (int r = 0; r < p->in.nrows; r++) p->in.wm[r] = p->in.wm_prev[r] = TS_MIN;
        if ((rc = op_push(head, &p->in))) return rc;
        if (src_rc != WEIR_OK && src_rc != WEIR_DONE && src_rc != WEIR_PENDING) {
            *p->err = saved;
            return src_rc;
        }
        if (p->ex.stop) {
            p->done = true;
            return WEIR_OK;
        }
    }
    if (src_rc != WEIR_OK && src_rc != WEIR_DONE && src_rc != WEIR_PENDING) return src_rc;
    if (src_rc == WEIR_DONE) {
        if ((rc = op_finish(head))) return rc;
        p->done = true;
        return WEIR_OK;
    }
    if (src_rc == WEIR_PENDING) {
        /* Nothing new: processing-time windows still move with the clock. */
        if (p->proctime_window && !p->ex.proc_step && (rc = op_watermark(head, p->ex.now_ms))) return rc;
        /* A partitioned source (Kafka): a partition silent past its idle timeout
         * may release the watermark (op_watermark.c). */
        if (!p->proctime_window && p->in.parts && p->in.parts->idle_ms > 0 &&
            (rc = op_watermark(head, TS_MIN)))
            return rc;
        return WEIR_PENDING;
    }
    return WEIR_OK;
}

void pipeline_close(Pipeline *p)
{
    for (int i = 0; i < p->nops; i++) p->ops[i]->vt->close(p->ops[i]);
    free(p->ops);
    p->ops = NULL;
    p->nops = 0;
    if (p->src) p->src->vt->close(p->src);
    p->src = NULL;
    batch_free(&p->in);
    free(p->queue.rows);
    arena_free(&p->queue.text);
    memset(&p->queue, 0, sizeof p->queue);
}

/* ---- checkpoints ------------------------------------------------------------- */

#include "snapshot.h"

bool pipeline_can_checkpoint(const Pipeline *p)
{
    return p->src && p->src->vt->save_pos && p->src->vt->restore_pos;
}

int pipeline_snapshot(Pipeline *p, int part, SnapWriter *w)
{
    if (part == 0) {
        snap_put_i64(w, p->ex.late);
        snap_put_i64(w, p->ex.rows_out);
        snap_put_i64(w, p->ex.proc_next);
        snap_put_i64(w, p->src->rows_read);
        snap_put_i64(w, p->src->malformed);
        int rc = p->src->vt->save_pos(p->src, w, p->err);
        if (!rc && w->oom) rc = err_set(p->err, WEIR_NOMEM, "out of memory");
        return rc;
    }
    Operator *op = p->ops[part - 1];
    if (!op->vt->snapshot) return WEIR_OK;
    int rc = op->vt->snapshot(op, w);
    if (!rc && w->oom) rc = err_set(p->err, WEIR_NOMEM, "out of memory");
    return rc;
}

int pipeline_snapshot_groups(Pipeline *p, int part, SnapGroups *out)
{
    gk_set_clear(&out->written);
    if (part == 0) return WEIR_OK;
    Operator *op = p->ops[part - 1];
    return op->vt->snapshot_groups ? op->vt->snapshot_groups(op, out) : WEIR_OK;
}

int pipeline_restore(Pipeline *p, int part, int group, SnapReader *r)
{
    int rc = WEIR_OK;
    Operator *op = part ? p->ops[part - 1] : NULL;
    if (group >= 0) {
        if (!op || !op->vt->restore_group)
            return err_set(p->err, WEIR_IOERR, "damaged checkpoint: keyed state for part %d, which has none", part);
        rc = op->vt->restore_group(op, group, r);
    } else if (part == 0) {
        p->ex.late = snap_get_i64(r);
        p->ex.rows_out = snap_get_i64(r);
        int64_t proc_next = snap_get_i64(r);
        if (p->ex.proc_step) p->ex.proc_next = proc_next;
        p->src->rows_read = snap_get_i64(r);
        p->src->malformed = snap_get_i64(r);
        if (!snap_ok(r)) return err_set(p->err, WEIR_IOERR, "damaged checkpoint: counters");
        rc = p->src->vt->restore_pos(p->src, r, p->err);
    } else {
        if (!op->vt->restore) return r->len ? err_set(p->err, WEIR_IOERR, "damaged checkpoint: state for a stateless operator") : WEIR_OK;
        rc = op->vt->restore(op, r);
    }
    if (!rc && !snap_done(r)) rc = err_set(p->err, WEIR_IOERR, "damaged checkpoint: unexpected bytes in part %d", part);
    return rc;
}

void pipeline_committed(Pipeline *p)
{
    for (int i = 0; i < p->nops; i++) gk_set_clear(&p->ops[i]->dirty);
}

uint64_t pipeline_fingerprint(const Pipeline *p, uint64_t h)
{
    for (int i = 0; i < p->nops; i++) {
        const Operator *op = p->ops[i];
        h = snap_hash(h, op->vt->name, strlen(op->vt->name) + 1);
        h = snap_hash(h, &op->ncols, sizeof op->ncols);
        for (int c = 0; c < op->ncols && op->types; c++) h = snap_hash(h, &op->types[c], sizeof op->types[c]);
    }
    if (p->src && p->src->name) h = snap_hash(h, p->src->name, strlen(p->src->name) + 1);
    return h;
}
