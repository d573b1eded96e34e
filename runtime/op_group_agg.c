/*
 * op_group_agg.c - non-windowed GROUP BY: a continuous aggregate that emits a
 * changelog.
 *
 * For every input row the group's aggregates are updated, and the visible row
 * (HAVING applied, SELECT list projected) before and after is compared:
 *   absent  -> present   +I new
 *   present -> present   -U old, +U new   (only when the projected row changed)
 *   present -> absent    -D old           (HAVING stopped holding)
 * Output rows are [op, projected columns...].  Rows are processed one at a
 * time so the changelog is the same whatever the batching.  State is one entry
 * per group, for as long as the query runs (the input is unbounded).
 *
 * Checkpoints: no global state; the groups go by key group (the entry hash is
 * the key's gk_hash), one blob per key group that a row touched since the last
 * committed checkpoint.
 */
#include <stdlib.h>
#include <string.h>

#include "groupkey.h"
#include "keytab.h"
#include "ops.h"
#include "weir.h"

typedef struct GroupAgg {
    Operator base;
    int nkeys, naggs;
    const TypeId *key_types;
    const AggSpec *aggs;
    const ExprProg *having;
    int nexprs;
    const ExprProg *exprs;
    KeyTab tab;            /* key -> [Value keys[nkeys], AggState aggs[naggs]] */
    Arena keytext;         /* key strings: groups are never freed */
    Value *regs;
    Value *agg_row;        /* scratch: [keys..., results...] */
    Value *old_row, *new_row; /* projected rows (ncols - 1 each) */
    Arena scratch_old, scratch_new;
    Batch out;
} GroupAgg;

static inline Value *g_keys(GroupAgg *g, uint32_t idx) { return kt_payload(&g->tab, idx); }
static inline AggState *g_aggs(GroupAgg *g, uint32_t idx) { return (AggState *)(g_keys(g, idx) + g->nkeys); }

/* Projects group idx into dst; *present = HAVING holds. */
static int visible_row(GroupAgg *g, uint32_t idx, Value *dst, Arena *text, int *present)
{
    ExecState *ex = g->base.exec;
    memcpy(g->agg_row, g_keys(g, idx), (size_t)g->nkeys * sizeof(Value));
    for (int a = 0; a < g->naggs; a++) agg_result(&g->aggs[a], &g_aggs(g, idx)[a], &g->agg_row[g->nkeys + a]);
    ExprCtx ctx = {.text = text, .regs = g->regs, .now_ms = ex->now_ms, .err = ex->err};
    *present = 1;
    if (g->having) {
        Value v;
        if (expr_eval(g->having, g->agg_row, &ctx, &v)) return WEIR_DATA;
        *present = value_is_true(&v);
        if (!*present) return WEIR_OK;
    }
    for (int e = 0; e < g->nexprs; e++)
        if (expr_eval(&g->exprs[e], g->agg_row, &ctx, &dst[e])) return WEIR_DATA;
    /* The row may point into aggregate states that the next add reallocates. */
    if (gk_copy(dst, dst, g->base.types + 1, g->nexprs, text))
        return err_set(ex->err, WEIR_NOMEM, "out of memory");
    return WEIR_OK;
}

/* The group of key (whose gk_hash is h), or 0. */
static inline uint32_t find_group(const GroupAgg *g, uint64_t h, const Value *key)
{
    for (uint32_t i = kt_first(&g->tab, h); g->tab.slots[i]; i = kt_next(&g->tab, i)) {
        uint32_t cand = g->tab.slots[i];
        if (kt_entry(&g->tab, cand)->hash == h && gk_equal(kt_payload(&g->tab, cand), key, g->key_types, g->nkeys))
            return cand;
    }
    return 0;
}

static int emit(GroupAgg *g, const char *op, const Value *proj, int64_t wm)
{
    Batch *out = &g->out;
    Value *row = batch_row(out, out->nrows);
    memset(&row[0], 0, sizeof(Value));
    row[0].u.s = op;
    row[0].len = 2;
    /* Copy strings into the batch: proj may point into scratch arenas reused next row. */
    for (int e = 0; e < g->nexprs; e++) {
        row[1 + e] = proj[e];
        if (g->base.types[1 + e] == TYPE_VARCHAR && !proj[e].null && proj[e].len) {
            char *p = arena_alloc(&out->text, proj[e].len);
            if (!p) return err_set(g->base.exec->err, WEIR_NOMEM, "out of memory");
            memcpy(p, proj[e].u.s, proj[e].len);
            row[1 + e].u.s = p;
        }
    }
    out->wm[out->nrows] = out->wm_prev[out->nrows] = wm;
    out->pos[out->nrows] = 0;
    if (++out->nrows == out->cap) return op_emit_flush(&g->base, out);
    return WEIR_OK;
}

static int rows_equal(GroupAgg *g, const Value *a, const Value *b)
{
    return gk_equal(a, b, g->base.types + 1, g->nexprs);
}

static int group_push(Operator *op, Batch *in)
{
    GroupAgg *g = (GroupAgg *)op;
    ExecState *ex = op->exec;
    int rc;
    for (int r = 0; r < in->nrows; r++) {
        const Value *row = batch_row(in, r);
        uint64_t h = gk_hash(row, g->key_types, g->nkeys);
        uint32_t idx = find_group(g, h, row);
        gk_set_add(&g->base.dirty, gk_group(h));
        int was = 0;
        arena_reset(&g->scratch_old);
        arena_reset(&g->scratch_new);
        if (idx) {
            if ((rc = visible_row(g, idx, g->old_row, &g->scratch_old, &was))) goto failed;
        } else {
            if (!(idx = kt_insert(&g->tab, h))) {
                rc = err_set(ex->err, WEIR_NOMEM, "out of memory");
                goto failed;
            }
            if (gk_copy(g_keys(g, idx), row, g->key_types, g->nkeys, &g->keytext)) {
                rc = err_set(ex->err, WEIR_NOMEM, "out of memory");
                goto failed;
            }
            for (int a = 0; a < g->naggs; a++) agg_init(&g->aggs[a], &g_aggs(g, idx)[a]);
        }
        for (int a = 0; a < g->naggs; a++) {
            int arc = agg_add(&g->aggs[a], &g_aggs(g, idx)[a], &row[g->aggs[a].arg_col]);
            if (arc) {
                rc = agg_error(&g->aggs[a], arc, ex->err);
                goto failed;
            }
        }
        int is = 0;
        if ((rc = visible_row(g, idx, g->new_row, &g->scratch_new, &is))) goto failed;
        int64_t wm = in->wm[r];
        if (!was && is) rc = emit(g, "+I", g->new_row, wm);
        else if (was && !is) rc = emit(g, "-D", g->old_row, wm);
        else if (was && is && !rows_equal(g, g->old_row, g->new_row)) {
            if (!(rc = emit(g, "-U", g->old_row, wm))) rc = emit(g, "+U", g->new_row, wm);
        }
        if (rc) return rc;
    }
    return op_emit_flush(op, &g->out);

failed:
    /* The changes emitted for the rows before the failing one still go out
     * (good rows are never lost), then the error. */
    if (g->out.nrows) {
        WeirError saved = *ex->err;
        if (op_emit_flush(op, &g->out) == WEIR_OK) *ex->err = saved;
        else rc = ex->err->code;
    }
    return rc;
}

static void group_close(Operator *op)
{
    GroupAgg *g = (GroupAgg *)op;
    for (uint32_t idx = 1; idx <= g->tab.nentries; idx++)
        if (kt_entry(&g->tab, idx)->live)
            for (int a = 0; a < g->naggs; a++) agg_free(&g->aggs[a], &g_aggs(g, idx)[a]);
    kt_free(&g->tab);
    arena_free(&g->keytext);
    arena_free(&g->scratch_old);
    arena_free(&g->scratch_new);
    free(g->regs);
    free(g->agg_row);
    free(g->old_row);
    free(g->new_row);
    batch_free(&g->out);
    free(g);
}

static int group_snapshot(Operator *op, struct SnapWriter *w);
static int group_restore(Operator *op, struct SnapReader *r);
static int group_snapshot_groups(Operator *op, struct SnapGroups *out);
static int group_restore_group(Operator *op, int group, struct SnapReader *r);

static const OpVtab group_vtab = {"GroupAggregate", group_push, op_forward_watermark, op_forward_finish, group_close,
                          group_snapshot, group_restore, group_snapshot_groups,
                          group_restore_group};

Operator *op_group_agg_new(ExecState *ex, int nkeys, const TypeId *key_types, int naggs,
                           const AggSpec *aggs, const ExprProg *having, int nexprs,
                           const ExprProg *exprs, const TypeId *out_types)
{
    GroupAgg *g = calloc(1, sizeof *g);
    if (!g) return NULL;
    g->base.vt = &group_vtab;
    g->base.exec = ex;
    g->base.ncols = 1 + nexprs;
    g->base.types = out_types;
    g->nkeys = nkeys;
    g->naggs = naggs;
    g->key_types = key_types;
    g->aggs = aggs;
    g->having = having;
    g->nexprs = nexprs;
    g->exprs = exprs;
    gk_set_fill(&g->base.dirty);   /* the first checkpoint writes every group */
    int nregs = having ? having->nregs : 1;
    for (int e = 0; e < nexprs; e++)
        if (exprs[e].nregs > nregs) nregs = exprs[e].nregs;
    g->regs = calloc((size_t)nregs + 1, sizeof(Value));
    g->agg_row = calloc((size_t)(nkeys + naggs) + 1, sizeof(Value));
    g->old_row = calloc((size_t)nexprs + 1, sizeof(Value));
    g->new_row = calloc((size_t)nexprs + 1, sizeof(Value));
    if (!g->regs || !g->agg_row || !g->old_row || !g->new_row ||
        kt_init(&g->tab, (size_t)nkeys * sizeof(Value) + (size_t)naggs * sizeof(AggState)) ||
        batch_init(&g->out, 1 + nexprs, BATCH_ROWS)) {
        group_close(&g->base);
        return NULL;
    }
    return &g->base;
}

/* ---- checkpoints ---------------------------------------------------------- */

#include "snapshot.h"

/* Global part: nothing (an empty blob). */
static int group_snapshot(Operator *op, SnapWriter *w)
{
    (void)op;
    (void)w;
    return WEIR_OK;
}

static int group_restore(Operator *op, SnapReader *r)
{
    (void)r;
    gk_set_clear(&op->dirty);   /* the store holds exactly this state */
    return WEIR_OK;
}


/* Per changed key group, each group's key values and aggregate states (what
 * was emitted follows from them, so a restored group's next update retracts
 * the right row). */
static int group_snapshot_groups(Operator *op, SnapGroups *out)
{
    GroupAgg *g = (GroupAgg *)op;
    const KeyTab *tab = &g->tab;
    for (uint32_t idx = kt_next_in(tab, 0, &g->base.dirty); idx; idx = kt_next_in(tab, idx, &g->base.dirty)) {
        SnapWriter *w = &out->blob[gk_group(kt_entry(tab, idx)->hash)];
        for (int k = 0; k < g->nkeys; k++) snap_put_value(w, g->key_types[k], &g_keys(g, idx)[k]);
        for (int a = 0; a < g->naggs; a++) agg_snapshot(&g->aggs[a], &g_aggs(g, idx)[a], w);
    }
    out->written = g->base.dirty;
    return snap_groups_oom(out) ? err_set(op->exec->err, WEIR_NOMEM, "out of memory") : WEIR_OK;
}

static int group_restore_group(Operator *op, int group, SnapReader *r)
{
    GroupAgg *g = (GroupAgg *)op;
    ExecState *ex = op->exec;
    Value *key = calloc((size_t)g->nkeys + 1, sizeof(Value));
    if (!key) return err_set(ex->err, WEIR_NOMEM, "out of memory");
    int rc = WEIR_OK;
    while (!rc && snap_ok(r) && r->pos < r->len) {
        for (int k = 0; k < g->nkeys; k++) snap_get_value(r, g->key_types[k], &key[k]);
        uint64_t h = gk_hash(key, g->key_types, g->nkeys);
        if (!snap_ok(r) || (int)gk_group(h) != group || find_group(g, h, key)) {
            r->bad = true;   /* another group's key, or a key seen before */
            break;
        }
        uint32_t idx = kt_insert(&g->tab, h);
        if (!idx || gk_copy(g_keys(g, idx), key, g->key_types, g->nkeys, &g->keytext)) {
            rc = err_set(ex->err, WEIR_NOMEM, "out of memory");
            break;
        }
        for (int a = 0; a < g->naggs; a++) agg_init(&g->aggs[a], &g_aggs(g, idx)[a]);
        for (int a = 0; a < g->naggs && !rc; a++)
            if (agg_restore(&g->aggs[a], &g_aggs(g, idx)[a], r)) rc = err_set(ex->err, WEIR_NOMEM, "out of memory");
    }
    free(key);
    if (!rc && !snap_ok(r)) rc = err_set(ex->err, WEIR_IOERR, "damaged checkpoint: group state (key group %d)", group);
    return rc;
}
