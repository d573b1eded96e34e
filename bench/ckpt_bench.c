/*
 * ckpt_bench.c - what a checkpoint costs with a large keyed state (issue 6,
 * item 5; bench/README.md "Checkpoints").
 *
 * Where it sits: a benchmark, not a test.  It drives the runtime directly, as
 * engine/weir.c's ckpt_take does for one operator: a TUMBLE window aggregate
 * (op_window_agg.c, COUNT(*) and SUM over a BIGINT, VARCHAR keys) holds
 * KEYS distinct keys in one window that does not close; then
 *   1. a full checkpoint: the first of a fresh job writes every key group;
 *   2. CHANGED keys get one more row each, and an incremental checkpoint
 *      writes only their key groups;
 *   3. a restore of the whole state into a fresh operator (what a restart
 *      costs before the first row).
 * Each checkpoint is one sqlite3 transaction in a state file (catalog/state.c,
 * WAL, synchronous = FULL) and is timed from the first blob serialised to the
 * commit.  Prints the times, the bytes written and the state file's size.
 *
 * Usage: ckpt_bench [KEYS [CHANGED [STATE_FILE]]]   (default 1000000 10
 *        /tmp/weir-ckpt-bench.db; the file is overwritten and removed)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "groupkey.h"
#include "ops.h"
#include "snapshot.h"
#include "state.h"
#include "weir.h"

static const TypeId key_types[] = {TYPE_VARCHAR};
static const AggSpec aggs[] = {
    {AGG_COUNT_STAR, TYPE_BIGINT, TYPE_BIGINT, 0, NULL},
    {AGG_SUM, TYPE_BIGINT, TYPE_BIGINT, 2, NULL},
};
static const TypeId out_types[] = {TYPE_TIMESTAMP, TYPE_TIMESTAMP, TYPE_TIMESTAMP, TYPE_VARCHAR,
                                   TYPE_BIGINT, TYPE_BIGINT};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what, const WeirError *err)
{
    fprintf(stderr, "ckpt_bench: %s: %s\n", what, err ? err->msg : "failed");
    exit(1);
}

/* Input rows [ts, key, v]: one batch at a time, W far behind (nothing fires). */
typedef struct Feed {
    Batch b;
    char (*keys)[16];
} Feed;

static void feed_row(Feed *f, Operator *op, int64_t ts, long key, int64_t v, WeirError *err)
{
    Batch *b = &f->b;
    int r = b->nrows;
    Value *row = batch_row(b, r);
    memset(row, 0, 3 * sizeof(Value));
    row[0].u.i = ts;
    row[1].u.s = f->keys[r];
    row[1].len = (uint32_t)snprintf(f->keys[r], sizeof f->keys[r], "key%ld", key);
    row[2].u.i = v;
    b->wm[r] = b->wm_prev[r] = TS_MIN;
    b->pos[r] = 0;
    if (++b->nrows == b->cap) {
        if (op_push(op, b)) die("push", err);
        batch_reset(b);
    }
}

static void feed_flush(Feed *f, Operator *op, WeirError *err)
{
    if (f->b.nrows && op_push(op, &f->b)) die("push", err);
    batch_reset(&f->b);
}

/* One checkpoint of op as part 1 of job 0, as ckpt_take writes it; returns
 * the bytes of blobs written and sets *groups to the key group blobs. */
static int64_t checkpoint(StateStore *st, Operator *op, SnapWriter *w, SnapGroups *g, int64_t seq, int *groups,
                          WeirError *err)
{
    int64_t bytes = 0;
    snap_writer_reset(w);
    snap_groups_reset(g);
    if (state_begin(st, err)) die("begin", err);
    if (op->vt->snapshot(op, w) || state_put_part(st, 0, 1, -1, w->data, w->len, err)) die("global blob", err);
    bytes += (int64_t)w->len;
    if (op->vt->snapshot_groups(op, g)) die("snapshot", err);
    *groups = 0;
    for (int i = 0; i < GK_GROUPS; i++) {
        if (!gk_set_has(&g->written, (unsigned)i)) continue;
        if (state_put_part(st, 0, 1, i, g->blob[i].data, g->blob[i].len, err)) die("group blob", err);
        bytes += (int64_t)g->blob[i].len;
        ++*groups;
    }
    if (state_commit(st, 0, "bench", seq, err)) die("commit", err);
    gk_set_clear(&op->dirty);   /* what pipeline_committed does */
    return bytes;
}

/* Sizes of the state file and of its write-ahead log, in MiB. */
static void file_sizes(const char *path, double *db, double *wal)
{
    struct stat sb;
    char p[4200];
    *db = stat(path, &sb) ? 0 : sb.st_size / 1048576.0;
    snprintf(p, sizeof p, "%s-wal", path);
    *wal = stat(p, &sb) ? 0 : sb.st_size / 1048576.0;
}

int main(int argc, char **argv)
{
    long nkeys = argc > 1 ? atol(argv[1]) : 1000000;
    long changed = argc > 2 ? atol(argv[2]) : 10;
    const char *path = argc > 3 ? argv[3] : "/tmp/weir-ckpt-bench.db";
    if (nkeys < 1 || changed < 0 || changed > nkeys) {
        fprintf(stderr, "usage: ckpt_bench [KEYS [CHANGED [STATE_FILE]]]\n");
        return 2;
    }
    WeirError err;
    err_clear(&err);
    ExecState ex = {.err = &err, .watermark = TS_MIN};
    WindowSpec win = {.kind = WIN_TUMBLE, .size = 3600000, .slide = 3600000};
    Operator *op = op_window_agg_new(&ex, &win, 1, key_types, 2, aggs, out_types);
    Feed f = {.keys = malloc(BATCH_ROWS * sizeof *f.keys)};
    if (!op || !f.keys || batch_init(&f.b, 3, BATCH_ROWS)) die("setup", NULL);

    double t0 = now_s();
    for (long k = 0; k < nkeys; k++) feed_row(&f, op, k % 3600000, k, k % 1000, &err);
    feed_flush(&f, op, &err);
    double t_fill = now_s() - t0;

    StateStore *st;
    if (state_open(path, true, &st, &err)) die("state file", &err);
    SnapWriter w;
    snap_writer_init(&w);
    SnapGroups *g = malloc(sizeof *g);
    if (!g) die("setup", NULL);
    snap_groups_init(g);

    int ng_full, ng_incr;
    t0 = now_s();
    int64_t b_full = checkpoint(st, op, &w, g, 1, &ng_full, &err);
    double t_full = now_s() - t0;
    double db_full, wal_full;
    file_sizes(path, &db_full, &wal_full);

    for (long i = 0; i < changed; i++) feed_row(&f, op, 1000, (i * 7919) % nkeys, 1, &err);
    feed_flush(&f, op, &err);
    t0 = now_s();
    int64_t b_incr = checkpoint(st, op, &w, g, 2, &ng_incr, &err);
    double t_incr = now_s() - t0;
    double db_incr, wal_incr;
    file_sizes(path, &db_incr, &wal_incr);

    /* Restore: what a restart reads back before its first row. */
    ExecState ex2 = {.err = &err, .watermark = TS_MIN};
    Operator *op2 = op_window_agg_new(&ex2, &win, 1, key_types, 2, aggs, out_types);
    if (!op2) die("setup", NULL);
    t0 = now_s();
    const void *data;
    size_t n;
    SnapReader r;
    if (state_get_part(st, 0, 1, -1, &data, &n, &err) || !data) die("read", &err);
    snap_reader_init(&r, data, n);
    if (op2->vt->restore(op2, &r)) die("restore", &err);
    for (int grp = -1;;) {
        if (state_next_group(st, 0, 1, grp, &grp, &data, &n, &err)) die("read", &err);
        if (grp < 0) break;
        snap_reader_init(&r, data, n);
        if (op2->vt->restore_group(op2, grp, &r)) die("restore", &err);
    }
    double t_restore = now_s() - t0;

    printf("state: %ld (window, key) groups, TUMBLE 1 h, COUNT(*) + SUM, VARCHAR keys; filled in %.2f s\n", nkeys,
           t_fill);
    printf("%-22s %10s %11s %12s %14s %10s\n", "", "time", "key groups", "bytes", "state file", "its WAL");
    printf("%-22s %8.1f ms %11d %12lld %10.1f MiB %6.1f MiB\n", "full checkpoint", t_full * 1e3, ng_full,
           (long long)b_full, db_full, wal_full);
    char what[64];
    snprintf(what, sizeof what, "after %ld keys changed", changed);
    printf("%-22s %8.1f ms %11d %12lld %10.1f MiB %6.1f MiB\n", what, t_incr * 1e3, ng_incr, (long long)b_incr,
           db_incr, wal_incr);
    printf("%-22s %8.1f ms\n", "restore (all groups)", t_restore * 1e3);

    op2->vt->close(op2);
    op->vt->close(op);
    snap_groups_free(g);
    free(g);
    snap_writer_free(&w);
    state_close(st);
    batch_free(&f.b);
    free(f.keys);
    char p[4200];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
    return 0;
}
