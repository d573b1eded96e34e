/*
 * test_watermark.c - the watermark assigner (runtime/op_watermark.c) over a
 * partitioned source (Kafka: Batch.parts set): W is the minimum of the
 * partitions' own watermarks, and a checkpoint keeps every partition's, so a
 * restored assigner moves W exactly as the original would have.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "ops.h"
#include "snapshot.h"
#include "weir.h"

/* Catches the watermark of the last row pushed downstream. */
typedef struct Last {
    Operator base;
    int64_t wm;
} Last;

static int last_push(Operator *op, Batch *in)
{
    if (in->nrows) ((Last *)op)->wm = in->wm[in->nrows - 1];
    return WEIR_OK;
}
static int last_watermark(Operator *op, int64_t wm)
{
    (void)op;
    (void)wm;
    return WEIR_OK;
}
static int last_finish(Operator *op)
{
    (void)op;
    return WEIR_OK;
}
static void last_close(Operator *op) { (void)op; }
static const OpVtab last_vtab = {"Last", last_push, last_watermark, last_finish, last_close};

static const TypeId types[] = {TYPE_TIMESTAMP};
static ExprInstr col0 = {.op = X_COL, .dst = 0, .a = 0, .type = TYPE_TIMESTAMP};
static const ExprProg wm_expr = {.code = &col0, .n = 1, .nregs = 1, .result = 0, .type = TYPE_TIMESTAMP};
static const PartInfo two_parts = {.n = 2, .idle_ms = 0};

typedef struct Env {
    ExecState ex;
    WeirError err;
    Batch in;
    Last last;
} Env;

static Operator *assigner(Env *e)
{
    Operator *op = op_watermark_new(&e->ex, &wm_expr, 1, types);
    cr_assert_not_null(op);
    e->last = (Last){.base = {.vt = &last_vtab, .exec = &e->ex, .ncols = 1, .types = types}, .wm = TS_MIN};
    op->next = &e->last.base;
    return op;
}

static void env_init(Env *e)
{
    memset(e, 0, sizeof *e);
    e->ex.err = &e->err;
    e->ex.watermark = TS_MIN;
    e->ex.now_ms = 1000;
    cr_assert_eq(batch_init(&e->in, 1, BATCH_ROWS), WEIR_OK);
}

/* Pushes one row of partition p with event time ts; returns W after it. */
static int64_t push(Env *e, Operator *op, int p, int64_t ts)
{
    Batch *b = &e->in;
    batch_reset(b);
    b->parts = &two_parts;
    Value *row = batch_row(b, 0);
    row[0] = (Value){.u.i = ts};
    b->part[0] = p;
    b->wm[0] = b->wm_prev[0] = TS_MIN;
    b->pos[0] = 0;
    b->nrows = 1;
    cr_assert_eq(op_push(op, b), WEIR_OK, "%s", e->err.msg);
    return e->last.wm;
}

Test(watermark, partitions_survive_a_checkpoint)
{
    Env a, b;
    env_init(&a);
    env_init(&b);
    Operator *orig = assigner(&a);
    cr_assert_eq(push(&a, orig, 0, 10000), TS_MIN);   /* partition 1 not heard from yet */
    cr_assert_eq(push(&a, orig, 1, 5000), 5000);       /* min(10000, 5000) */

    SnapWriter w;
    snap_writer_init(&w);
    cr_assert_eq(orig->vt->snapshot(orig, &w), WEIR_OK);
    Operator *copy = assigner(&b);
    SnapReader r;
    snap_reader_init(&r, w.data, w.len);
    cr_assert_eq(copy->vt->restore(copy, &r), WEIR_OK, "%s", b.err.msg);
    cr_assert(snap_done(&r));

    /* partition 1 moves to 20000: W is partition 0's 10000 in both */
    cr_assert_eq(push(&a, orig, 1, 20000), 10000);
    cr_assert_eq(push(&b, copy, 1, 20000), 10000);
    cr_assert_eq(push(&a, orig, 0, 30000), 20000);
    cr_assert_eq(push(&b, copy, 0, 30000), 20000);

    /* a damaged blob: a partition count larger than what follows */
    unsigned char bad[12] = {0};
    bad[8] = 0xff;
    Env c;
    env_init(&c);
    Operator *third = assigner(&c);
    snap_reader_init(&r, bad, sizeof bad);
    cr_assert_eq(third->vt->restore(third, &r), WEIR_IOERR);

    snap_writer_free(&w);
    orig->vt->close(orig);
    copy->vt->close(copy);
    third->vt->close(third);
    batch_free(&a.in);
    batch_free(&b.in);
    batch_free(&c.in);
}
