/*
 * test_state.c - checkpoint state by key group, written incrementally
 * (catalog/state.h, runtime/snapshot.h SnapGroups, the keyed operators'
 * snapshot_groups/restore_group in op_window_agg.c, op_session_agg.c,
 * op_group_agg.c).
 *
 * The operators are driven directly, as in test_window.c: rows pushed with
 * their watermarks, output caught by a capturing operator as text lines.  A
 * checkpoint here is what engine/weir.c does for one part: the global blob,
 * then the blobs of the groups the operator reports changed, in one store
 * transaction, then committed().  Checked: the first checkpoint writes every
 * group, a later one only the groups whose keys changed (by the set and by the
 * bytes), groups emptied by firing are deleted, an operator restored from the
 * mix of old and new rows behaves exactly as the original from then on, a
 * restored operator has nothing to write, and damaged or misplaced group
 * blobs are refused.  Also the store itself: UPSERT, DELETE of an empty group
 * blob, iteration by group, and a format-1 file refused.
 */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "groupkey.h"
#include "ops.h"
#include "snapshot.h"
#include "state.h"
#include "weir.h"

/* ---- a capturing operator: every row as a text line ------------------------ */

typedef struct Cap {
    Operator base;
    char *text;
    size_t len, cap;
} Cap;

static void cap_append(Cap *c, const char *s, size_t n)
{
    if (c->len + n + 1 > c->cap) {
        c->cap = (c->len + n + 1) * 2;
        c->text = realloc(c->text, c->cap);
        cr_assert_not_null(c->text);
    }
    memcpy(c->text + c->len, s, n);
    c->len += n;
    c->text[c->len] = 0;
}

static int cap_push(Operator *op, Batch *in)
{
    Cap *c = (Cap *)op;
    for (int r = 0; r < in->nrows; r++) {
        const Value *row = batch_row(in, r);
        for (int i = 0; i < op->ncols; i++) {
            char buf[96];
            const char *s = buf;
            size_t n = row[i].null ? 0 : value_to_text(op->types[i], &row[i], buf, &s);
            cap_append(c, s, n);
            cap_append(c, i + 1 < op->ncols ? "," : "\n", 1);
        }
    }
    return WEIR_OK;
}

static int cap_watermark(Operator *op, int64_t wm)
{
    (void)op;
    (void)wm;
    return WEIR_OK;
}

static int cap_finish(Operator *op)
{
    (void)op;
    return WEIR_OK;
}

static void cap_close(Operator *op)
{
    free(((Cap *)op)->text);
    free(op);
}

static const OpVtab cap_vtab = {"Capture", cap_push, cap_watermark, cap_finish, cap_close};

/* Hangs a fresh capture behind op. */
static Cap *capture(Operator *op)
{
    Cap *c = calloc(1, sizeof *c);
    cr_assert_not_null(c);
    c->base.vt = &cap_vtab;
    c->base.exec = op->exec;
    c->base.ncols = op->ncols;
    c->base.types = op->types;
    op->next = &c->base;
    return c;
}

/* Empties the capture's text (what was emitted so far is forgotten). */
static void cap_clear(Cap *c)
{
    c->len = 0;
    if (c->text) c->text[0] = 0;
}

static const char *cap_str(const Cap *c) { return c->text ? c->text : ""; }

/* ---- the operators under test ------------------------------------------------ */

/* Input rows of the windowed ones: [ts, key VARCHAR, v BIGINT, note VARCHAR]. */
static const TypeId in_key_types[] = {TYPE_VARCHAR};
static const AggSpec win_aggs[] = {
    {AGG_COUNT_STAR, TYPE_BIGINT, TYPE_BIGINT, 0, NULL},
    {AGG_SUM, TYPE_BIGINT, TYPE_BIGINT, 2, NULL},
    {AGG_COUNT_DISTINCT, TYPE_VARCHAR, TYPE_BIGINT, 3, NULL},
};
static const TypeId win_out[] = {TYPE_TIMESTAMP, TYPE_TIMESTAMP, TYPE_TIMESTAMP, TYPE_VARCHAR,
                                 TYPE_BIGINT, TYPE_BIGINT, TYPE_BIGINT};

typedef struct Env {
    ExecState ex;
    WeirError err;
    Batch in;
    int64_t wm;           /* the watermark rows are pushed with */
} Env;

static void env_init(Env *e, int ncols)
{
    memset(e, 0, sizeof *e);
    err_clear(&e->err);
    e->ex.err = &e->err;
    e->ex.watermark = TS_MIN;
    e->wm = TS_MIN;
    cr_assert_eq(batch_init(&e->in, ncols, BATCH_ROWS), WEIR_OK);
}

static Operator *new_tumble(Env *e)
{
    WindowSpec w = {.kind = WIN_TUMBLE, .size = 10000, .slide = 10000};
    Operator *op = op_window_agg_new(&e->ex, &w, 1, in_key_types, 3, win_aggs, win_out);
    cr_assert_not_null(op);
    return op;
}

static Operator *new_hop(Env *e)
{
    WindowSpec w = {.kind = WIN_HOP, .size = 10000, .slide = 4000};
    Operator *op = op_window_agg_new(&e->ex, &w, 1, in_key_types, 3, win_aggs, win_out);
    cr_assert_not_null(op);
    return op;
}

static Operator *new_session(Env *e)
{
    WindowSpec w = {.kind = WIN_SESSION, .gap = 1000};
    Operator *op = op_session_agg_new(&e->ex, &w, 1, in_key_types, 3, win_aggs, win_out);
    cr_assert_not_null(op);
    return op;
}

/* GROUP BY key: input [key VARCHAR, v BIGINT]; output [op, key, COUNT(*), SUM(v)]. */
static const AggSpec grp_aggs[] = {
    {AGG_COUNT_STAR, TYPE_BIGINT, TYPE_BIGINT, 0, NULL},
    {AGG_SUM, TYPE_BIGINT, TYPE_BIGINT, 1, NULL},
};
static const TypeId grp_out[] = {TYPE_VARCHAR, TYPE_VARCHAR, TYPE_BIGINT, TYPE_BIGINT};
static ExprInstr grp_code[3] = {
    {.op = X_COL, .dst = 0, .a = 0, .type = TYPE_VARCHAR},
    {.op = X_COL, .dst = 0, .a = 1, .type = TYPE_BIGINT},
    {.op = X_COL, .dst = 0, .a = 2, .type = TYPE_BIGINT},
};
static const ExprProg grp_exprs[3] = {
    {.code = &grp_code[0], .n = 1, .nregs = 1, .result = 0, .type = TYPE_VARCHAR},
    {.code = &grp_code[1], .n = 1, .nregs = 1, .result = 0, .type = TYPE_BIGINT},
    {.code = &grp_code[2], .n = 1, .nregs = 1, .result = 0, .type = TYPE_BIGINT},
};

static Operator *new_group(Env *e)
{
    Operator *op = op_group_agg_new(&e->ex, 1, in_key_types, 2, grp_aggs, NULL, 3, grp_exprs, grp_out);
    cr_assert_not_null(op);
    return op;
}

/* Pushes one row; windowed rows are [ts, key, v, note] with W = ts - delay
 * (never going back), group rows [key, v]. */
static char keybuf[BATCH_ROWS][16], notebuf[BATCH_ROWS][16];

static void push_row(Env *e, Operator *op, int64_t ts, int key, int64_t v, int note, int64_t delay)
{
    Batch *b = &e->in;
    int r = b->nrows;
    Value *row = batch_row(b, r);
    memset(row, 0, (size_t)b->ncols * sizeof(Value));
    int len = snprintf(keybuf[r], sizeof keybuf[r], "k%d", key);
    if (b->ncols == 2) {   /* GROUP BY */
        row[0].u.s = keybuf[r];
        row[0].len = (uint32_t)len;
        row[1].u.i = v;
    } else {
        row[0].u.i = ts;
        row[1].u.s = keybuf[r];
        row[1].len = (uint32_t)len;
        row[2].u.i = v;
        int nlen = snprintf(notebuf[r], sizeof notebuf[r], "n%d", note);
        row[3].u.s = notebuf[r];
        row[3].len = (uint32_t)nlen;
    }
    b->wm_prev[r] = e->wm;
    if (delay >= 0 && ts - delay > e->wm) e->wm = ts - delay;
    b->wm[r] = e->wm;
    b->pos[r] = 0;
    b->nrows++;
    if (b->nrows == b->cap) {
        cr_assert_eq(op_push(op, b), WEIR_OK, "%s", e->err.msg);
        batch_reset(b);
    }
}

static void flush_rows(Env *e, Operator *op)
{
    if (e->in.nrows) cr_assert_eq(op_push(op, &e->in), WEIR_OK, "%s", e->err.msg);
    batch_reset(&e->in);
}

/* ---- checkpoints as engine/weir.c takes them (one part: 1) ---------------- */

typedef struct Ckpt {
    int groups;           /* key group blobs written (UPSERT or DELETE) */
    int64_t bytes;        /* bytes of all blobs written */
    GkGroupSet written;
} Ckpt;

static char g_path[128];

static StateStore *open_store(void)
{
    snprintf(g_path, sizeof g_path, "/tmp/weir-test-kg-%d.db", (int)getpid());
    WeirError err;
    err_clear(&err);
    StateStore *st = NULL;
    cr_assert_eq(state_open(g_path, true, &st, &err), WEIR_OK, "%s", err.msg);
    return st;
}

static void close_store(StateStore *st)
{
    state_close(st);
    char p[160];
    unlink(g_path);
    snprintf(p, sizeof p, "%s-wal", g_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", g_path);
    unlink(p);
}

static Ckpt checkpoint(StateStore *st, Operator *op, int64_t seq)
{
    WeirError err;
    err_clear(&err);
    Ckpt c = {0};
    SnapWriter w;
    snap_writer_init(&w);
    SnapGroups *g = malloc(sizeof *g);
    cr_assert_not_null(g);
    snap_groups_init(g);
    cr_assert_eq(state_begin(st, &err), WEIR_OK, "%s", err.msg);
    cr_assert_eq(op->vt->snapshot(op, &w), WEIR_OK);
    cr_assert_eq(state_put_part(st, 0, 1, -1, w.data, w.len, &err), WEIR_OK, "%s", err.msg);
    c.bytes += (int64_t)w.len;
    cr_assert_eq(op->vt->snapshot_groups(op, g), WEIR_OK);
    for (int i = 0; i < GK_GROUPS; i++) {
        if (!gk_set_has(&g->written, (unsigned)i)) continue;
        cr_assert_eq(state_put_part(st, 0, 1, i, g->blob[i].data, g->blob[i].len, &err), WEIR_OK, "%s", err.msg);
        c.groups++;
        c.bytes += (int64_t)g->blob[i].len;
    }
    c.written = g->written;
    cr_assert_eq(state_commit(st, 0, "fp", seq, &err), WEIR_OK, "%s", err.msg);
    gk_set_clear(&op->dirty);   /* what pipeline_committed does */
    snap_groups_free(g);
    free(g);
    snap_writer_free(&w);
    return c;
}

/* Restores op (fresh) from the store: the global blob, then every group. */
static int restore(StateStore *st, Operator *op)
{
    WeirError err;
    err_clear(&err);
    const void *data;
    size_t n;
    cr_assert_eq(state_get_part(st, 0, 1, -1, &data, &n, &err), WEIR_OK);
    cr_assert_not_null(data);
    SnapReader r;
    snap_reader_init(&r, data, n);
    int rc = op->vt->restore(op, &r);
    if (rc) return rc;
    cr_assert(snap_done(&r));
    for (int g = -1;;) {
        cr_assert_eq(state_next_group(st, 0, 1, g, &g, &data, &n, &err), WEIR_OK);
        if (g < 0) break;
        snap_reader_init(&r, data, n);
        if ((rc = op->vt->restore_group(op, g, &r))) return rc;
        cr_assert(snap_done(&r));
    }
    return WEIR_OK;
}

/* Key group rows of part 1 in the store. */
static int stored_groups(StateStore *st)
{
    WeirError err;
    err_clear(&err);
    const void *data;
    size_t n;
    int count = 0;
    for (int g = -1;;) {
        cr_assert_eq(state_next_group(st, 0, 1, g, &g, &data, &n, &err), WEIR_OK);
        if (g < 0) break;
        count++;
    }
    return count;
}

static unsigned key_group(int key)
{
    char buf[16];
    Value v = {.u.s = buf};
    v.len = (uint32_t)snprintf(buf, sizeof buf, "k%d", key);
    return gk_group(gk_hash(&v, in_key_types, 1));
}

static int64_t ts_of(int i) { return (int64_t)(i % 10000); }

/* ---- tests ------------------------------------------------------------------- */

/* 10,000 keys in one open window: the first checkpoint writes all 128 groups;
 * three keys change: the next writes only their groups; a restore from the
 * mixed rows continues exactly as the original; a window that fires empties
 * groups, whose rows are deleted. */
static void incremental_window(Operator *(*make)(Env *))
{
    Env e;
    env_init(&e, 4);
    StateStore *st = open_store();
    Operator *a = make(&e);
    Cap *ca = capture(a);
    for (int i = 0; i < 10000; i++) push_row(&e, a, ts_of(i), i, i, i % 7, 100000);
    flush_rows(&e, a);
    cr_assert_str_eq(cap_str(ca), "", "nothing may fire yet");

    Ckpt c1 = checkpoint(st, a, 1);
    cr_assert_eq(c1.groups, GK_GROUPS, "the first checkpoint writes every group (%d)", c1.groups);
    cr_assert_eq(stored_groups(st), GK_GROUPS);

    int changed[] = {7, 42, 9000};
    GkGroupSet want;
    gk_set_clear(&want);
    for (int i = 0; i < 3; i++) {
        push_row(&e, a, 5000, changed[i], 1000 + i, 99, 100000);
        gk_set_add(&want, key_group(changed[i]));
    }
    flush_rows(&e, a);
    Ckpt c2 = checkpoint(st, a, 2);
    cr_assert_eq(c2.groups, gk_set_count(&want), "wrote %d groups, %d changed", c2.groups, gk_set_count(&want));
    cr_assert(!memcmp(&c2.written, &want, sizeof want), "the groups written are those of the changed keys");
    cr_assert_lt(c2.bytes * 20, c1.bytes, "incremental %lld bytes vs full %lld", (long long)c2.bytes,
                 (long long)c1.bytes);
    /* Nothing changed: only the global blob. */
    Ckpt c2b = checkpoint(st, a, 3);
    cr_assert_eq(c2b.groups, 0);
    cr_assert_eq(stored_groups(st), GK_GROUPS);

    /* b: restored from checkpoint 1's rows and checkpoint 2's. */
    Env eb;
    env_init(&eb, 4);
    eb.wm = e.wm;
    Operator *b = make(&eb);
    Cap *cb = capture(b);
    cr_assert_eq(restore(st, b), WEIR_OK, "%s", eb.err.msg);
    Ckpt cb0 = checkpoint(st, b, 4);
    cr_assert_eq(cb0.groups, 0, "a restored operator has nothing to write");

    /* The same continuation into both: rows for 100 keys two windows on; time
     * passes every window of the first rows, which fire and are freed. */
    Env *envs[2] = {&e, &eb};
    Operator *ops[2] = {a, b};
    for (int k = 0; k < 2; k++) {
        for (int i = 0; i < 100; i++) push_row(envs[k], ops[k], 20000 + 50 * i, i, i, i % 3, 1000);
        push_row(envs[k], ops[k], 22500, 1, 1, 1, 1000);
        flush_rows(envs[k], ops[k]);
    }
    cr_assert_gt(ca->len, 0, "the first window fired");
    cr_assert_str_eq(cap_str(cb), cap_str(ca), "the restored operator fires the same rows");

    /* Firing emptied the groups without keys in the open slice: deleted. */
    GkGroupSet live;
    gk_set_clear(&live);
    for (int i = 0; i < 100; i++) gk_set_add(&live, key_group(i));
    checkpoint(st, a, 5);
    cr_assert_eq(stored_groups(st), gk_set_count(&live), "%d group rows, %d groups hold keys", stored_groups(st),
                 gk_set_count(&live));

    /* c: restored after the firing; all three finish the same. */
    Env ec;
    env_init(&ec, 4);
    Operator *c = make(&ec);
    Cap *cc = capture(c);
    cr_assert_eq(restore(st, c), WEIR_OK, "%s", ec.err.msg);
    cap_clear(ca);
    cap_clear(cb);
    cr_assert_eq(op_finish(a), WEIR_OK);
    cr_assert_eq(op_finish(b), WEIR_OK);
    cr_assert_eq(op_finish(c), WEIR_OK);
    cr_assert_gt(ca->len, 0);
    cr_assert_str_eq(cap_str(cb), cap_str(ca));
    cr_assert_str_eq(cap_str(cc), cap_str(ca));

    for (int k = 0; k < 3; k++) {
        Operator *op = k == 0 ? a : k == 1 ? b : c;
        op->next->vt->close(op->next);
        op->vt->close(op);
    }
    batch_free(&e.in);
    batch_free(&eb.in);
    batch_free(&ec.in);
    close_store(st);
}

Test(keygroups, tumble_incremental_and_restore) { incremental_window(new_tumble); }
Test(keygroups, hop_incremental_and_restore) { incremental_window(new_hop); }

/* Sessions: keys with open sessions; a few change; restore continues alike. */
Test(keygroups, session_incremental_and_restore)
{
    Env e;
    env_init(&e, 4);
    StateStore *st = open_store();
    Operator *a = new_session(&e);
    Cap *ca = capture(a);
    for (int i = 0; i < 3000; i++) push_row(&e, a, i % 500, i % 1000, i, i % 5, 100000);
    flush_rows(&e, a);
    Ckpt c1 = checkpoint(st, a, 1);
    cr_assert_eq(c1.groups, GK_GROUPS);
    push_row(&e, a, 400, 17, 5, 5, 100000);
    flush_rows(&e, a);
    Ckpt c2 = checkpoint(st, a, 2);
    cr_assert_eq(c2.groups, 1);
    cr_assert(gk_set_has(&c2.written, key_group(17)));
    cr_assert_lt(c2.bytes * 20, c1.bytes);

    Env eb;
    env_init(&eb, 4);
    eb.wm = e.wm;
    Operator *b = new_session(&eb);
    Cap *cb = capture(b);
    cr_assert_eq(restore(st, b), WEIR_OK, "%s", eb.err.msg);
    Env *envs[2] = {&e, &eb};
    Operator *ops[2] = {a, b};
    for (int k = 0; k < 2; k++) {
        /* key 3 extends its session, key 5000 is new, then time fires the rest */
        push_row(envs[k], ops[k], 900, 3, 1, 1, 100000);
        push_row(envs[k], ops[k], 950, 5000, 1, 1, 100000);
        push_row(envs[k], ops[k], 3000, 6000, 1, 1, 0);
        flush_rows(envs[k], ops[k]);
        cr_assert_eq(op_finish(ops[k]), WEIR_OK);
    }
    cr_assert_gt(ca->len, 0);
    cr_assert_str_eq(cap_str(cb), cap_str(ca));
    for (int k = 0; k < 2; k++) {
        ops[k]->next->vt->close(ops[k]->next);
        ops[k]->vt->close(ops[k]);
    }
    batch_free(&e.in);
    batch_free(&eb.in);
    close_store(st);
}

/* GROUP BY: the changelog after a restore retracts exactly what the
 * original would. */
Test(keygroups, group_by_incremental_and_restore)
{
    Env e;
    env_init(&e, 2);
    StateStore *st = open_store();
    Operator *a = new_group(&e);
    Cap *ca = capture(a);
    for (int i = 0; i < 5000; i++) push_row(&e, a, 0, i % 2000, i, 0, -1);
    flush_rows(&e, a);
    Ckpt c1 = checkpoint(st, a, 1);
    cr_assert_eq(c1.groups, GK_GROUPS);
    push_row(&e, a, 0, 11, 1, 0, -1);
    push_row(&e, a, 0, 1999, 1, 0, -1);
    flush_rows(&e, a);
    Ckpt c2 = checkpoint(st, a, 2);
    GkGroupSet want;
    gk_set_clear(&want);
    gk_set_add(&want, key_group(11));
    gk_set_add(&want, key_group(1999));
    cr_assert(!memcmp(&c2.written, &want, sizeof want));
    cr_assert_lt(c2.bytes * 20, c1.bytes);

    Env eb;
    env_init(&eb, 2);
    Operator *b = new_group(&eb);
    Cap *cb = capture(b);
    cr_assert_eq(restore(st, b), WEIR_OK, "%s", eb.err.msg);
    cap_clear(ca);
    Env *envs[2] = {&e, &eb};
    Operator *ops[2] = {a, b};
    for (int k = 0; k < 2; k++) {
        for (int i = 0; i < 50; i++) push_row(envs[k], ops[k], 0, i * 41, 7, 0, -1);
        push_row(envs[k], ops[k], 0, 777777, 7, 0, -1);
        flush_rows(envs[k], ops[k]);
    }
    /* k0 had rows 0, 2000, 4000: the update retracts exactly that */
    cr_assert(strstr(cap_str(ca), "-U,k0,3,6000\n+U,k0,4,6007\n") != NULL, "%s", cap_str(ca));
    cr_assert_str_eq(cap_str(cb), cap_str(ca));
    for (int k = 0; k < 2; k++) {
        ops[k]->next->vt->close(ops[k]->next);
        ops[k]->vt->close(ops[k]);
    }
    batch_free(&e.in);
    batch_free(&eb.in);
    close_store(st);
}

/* A group blob that is cut short, stored under another group, or read twice
 * is refused with WEIR_IOERR and a message; nothing crashes. */
Test(keygroups, damaged_group_blobs_are_refused)
{
    Env e;
    env_init(&e, 4);
    Operator *a = new_tumble(&e);
    for (int i = 0; i < 500; i++) push_row(&e, a, ts_of(i), i, i, i % 7, 100000);
    flush_rows(&e, a);
    SnapWriter w;
    snap_writer_init(&w);
    cr_assert_eq(a->vt->snapshot(a, &w), WEIR_OK);
    SnapGroups *g = malloc(sizeof *g);
    snap_groups_init(g);
    cr_assert_eq(a->vt->snapshot_groups(a, g), WEIR_OK);
    unsigned kg = key_group(0);
    SnapWriter *blob = &g->blob[kg];
    cr_assert_gt(blob->len, 8);

    for (int mode = 0; mode < 4; mode++) {
        Env eb;
        env_init(&eb, 4);
        Operator *b = new_tumble(&eb);
        SnapReader r;
        snap_reader_init(&r, w.data, w.len);
        cr_assert_eq(b->vt->restore(b, &r), WEIR_OK);
        int rc;
        if (mode == 0) {          /* cut short */
            snap_reader_init(&r, blob->data, blob->len - 3);
            rc = b->vt->restore_group(b, (int)kg, &r);
        } else if (mode == 1) {   /* in another group's row */
            snap_reader_init(&r, blob->data, blob->len);
            rc = b->vt->restore_group(b, (int)(kg + 1) % GK_GROUPS, &r);
        } else if (mode == 2) {   /* the same entries twice */
            snap_reader_init(&r, blob->data, blob->len);
            cr_assert_eq(b->vt->restore_group(b, (int)kg, &r), WEIR_OK);
            snap_reader_init(&r, blob->data, blob->len);
            rc = b->vt->restore_group(b, (int)kg, &r);
        } else {                  /* a slice end that is in no slice */
            unsigned char *copy = malloc(blob->len);
            memcpy(copy, blob->data, blob->len);
            copy[0] ^= 0x55;
            snap_reader_init(&r, copy, blob->len);
            rc = b->vt->restore_group(b, (int)kg, &r);
            free(copy);
        }
        cr_assert_eq(rc, WEIR_IOERR, "mode %d", mode);
        cr_assert(strstr(eb.err.msg, "damaged checkpoint: window state (key group"), "%s", eb.err.msg);
        b->vt->close(b);
        batch_free(&eb.in);
    }
    snap_groups_free(g);
    free(g);
    snap_writer_free(&w);
    a->vt->close(a);
    batch_free(&e.in);
}

/* The store: blobs by (part, group), UPSERT, DELETE of an empty group blob,
 * iteration in group order, a rolled-back checkpoint changing nothing. */
Test(store, groups_upsert_delete_iterate)
{
    StateStore *st = open_store();
    WeirError err;
    err_clear(&err);
    cr_assert_eq(state_begin(st, &err), WEIR_OK);
    cr_assert_eq(state_put_part(st, 0, 1, -1, "", 0, &err), WEIR_OK);   /* an empty global blob is kept */
    cr_assert_eq(state_put_part(st, 0, 1, 5, "five", 4, &err), WEIR_OK);
    cr_assert_eq(state_put_part(st, 0, 1, 90, "ninety", 6, &err), WEIR_OK);
    cr_assert_eq(state_put_part(st, 0, 1, 3, "three", 5, &err), WEIR_OK);
    cr_assert_eq(state_put_part(st, 0, 2, 4, "other part", 10, &err), WEIR_OK);
    cr_assert_eq(state_commit(st, 0, "fp", 1, &err), WEIR_OK, "%s", err.msg);

    cr_assert_eq(state_begin(st, &err), WEIR_OK);
    cr_assert_eq(state_put_part(st, 0, 1, 5, "FIVE!", 5, &err), WEIR_OK);   /* replaced */
    cr_assert_eq(state_put_part(st, 0, 1, 3, NULL, 0, &err), WEIR_OK);       /* deleted */
    cr_assert_eq(state_put_part(st, 0, 1, 7, NULL, 0, &err), WEIR_OK);       /* deleting nothing is fine */
    cr_assert_eq(state_commit(st, 0, "fp", 2, &err), WEIR_OK, "%s", err.msg);

    cr_assert_eq(state_begin(st, &err), WEIR_OK);
    cr_assert_eq(state_put_part(st, 0, 1, 90, NULL, 0, &err), WEIR_OK);
    state_rollback(st);

    const void *data;
    size_t n;
    cr_assert_eq(state_get_part(st, 0, 1, -1, &data, &n, &err), WEIR_OK);
    cr_assert(data && n == 0);
    int g = -1, seen[3], k = 0;
    const char *want[] = {"FIVE!", "ninety"};
    for (;;) {
        cr_assert_eq(state_next_group(st, 0, 1, g, &g, &data, &n, &err), WEIR_OK);
        if (g < 0) break;
        cr_assert_lt(k, 2);
        cr_assert(n == strlen(want[k]) && !memcmp(data, want[k], n));
        seen[k++] = g;
    }
    cr_assert_eq(k, 2);
    cr_assert_eq(seen[0], 5);
    cr_assert_eq(seen[1], 90);
    /* a finished job drops every blob */
    cr_assert_eq(state_finish_job(st, 0, "fp", &err), WEIR_OK);
    cr_assert_eq(state_next_group(st, 0, 2, -1, &g, &data, &n, &err), WEIR_OK);
    cr_assert_eq(g, -1);
    close_store(st);
}

/* A state file of format 1 (one blob per part) is refused. */
Test(store, format_1_is_refused)
{
    char path[128];
    snprintf(path, sizeof path, "/tmp/weir-test-kg-fmt-%d.db", (int)getpid());
    unlink(path);
    sqlite3 *db;
    cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(db,
                              "CREATE TABLE weir_state_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                              "INSERT INTO weir_state_meta VALUES ('format', '1');"
                              "CREATE TABLE weir_job(idx INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL,"
                              " status TEXT NOT NULL, ckpt INTEGER NOT NULL, taken_ms INTEGER);"
                              "CREATE TABLE weir_part(idx INTEGER NOT NULL, part INTEGER NOT NULL, data BLOB NOT NULL,"
                              " PRIMARY KEY (idx, part));",
                              NULL, NULL, NULL),
                 SQLITE_OK);
    sqlite3_close(db);
    WeirError err;
    err_clear(&err);
    StateStore *st = NULL;
    cr_assert_eq(state_open(path, false, &st, &err), WEIR_IOERR);
    cr_assert_null(st);
    cr_assert(strstr(err.msg, "has an unknown format; use --reset-state"), "%s", err.msg);
    cr_assert_eq(state_open(path, true, &st, &err), WEIR_OK, "%s", err.msg);
    state_close(st);
    unlink(path);
}
