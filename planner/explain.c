/*
 * explain.c - EXPLAIN: the logical plan (one node a line, the source at the
 * bottom, as Flink prints it) and then the physical operators in the order rows
 * flow through them.
 */
#include <stdio.h>
#include <string.h>

#include "plan.h"
#include "weir.h"

typedef struct Lines {
    Arena *a;
    const char **v;
    int n, cap;
} Lines;

static int add(Lines *l, const char *s)
{
    if (!s) return -1;
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 32;
        const char **p = arena_alloc(l->a, sizeof(char *) * (size_t)cap);
        if (!p) return -1;
        if (l->n) memcpy(p, l->v, sizeof(char *) * (size_t)l->n);
        l->v = p;
        l->cap = cap;
    }
    l->v[l->n++] = s;
    return 0;
}

static const char *join(Arena *a, const char *const *items, int n)
{
    size_t len = 1;
    for (int i = 0; i < n; i++) len += strlen(items[i]) + 2;
    char *s = arena_alloc(a, len);
    if (!s) return "";
    for (int i = 0; i < n; i++) {
        if (i) strcat(s, ", ");
        strcat(s, items[i]);
    }
    return s;
}

static const char *ms_text(Arena *a, int64_t ms)
{
    if (ms % 86400000 == 0) return arena_printf(a, "%lld d", (long long)(ms / 86400000));
    if (ms % 3600000 == 0) return arena_printf(a, "%lld h", (long long)(ms / 3600000));
    if (ms % 60000 == 0) return arena_printf(a, "%lld min", (long long)(ms / 60000));
    if (ms % 1000 == 0) return arena_printf(a, "%lld s", (long long)(ms / 1000));
    return arena_printf(a, "%lld ms", (long long)ms);
}

static const char *window_text(Arena *a, const LNode *n)
{
    const WindowSpec *w = &n->win;
    const char *t = w->proctime ? "processing time" : "event time";
    switch (w->kind) {
    case WIN_TUMBLE: return arena_printf(a, "TUMBLE(size=%s, %s)", ms_text(a, w->size), t);
    case WIN_HOP: return arena_printf(a, "HOP(slide=%s, size=%s, %s)", ms_text(a, w->slide), ms_text(a, w->size), t);
    case WIN_CUMULATE: return arena_printf(a, "CUMULATE(step=%s, size=%s, %s)", ms_text(a, w->slide), ms_text(a, w->size), t);
    case WIN_SESSION: return arena_printf(a, "SESSION(gap=%s, %s)", ms_text(a, w->gap), t);
    default: return "";
    }
}

/* "1 key", "2 keys". */
static const char *count_of(Arena *a, int n, const char *what)
{
    return arena_printf(a, "%d %s%s", n, what, n == 1 ? "" : "s");
}

static const char *columns_text(Arena *a, const LNode *n)
{
    const char *items[256];
    int k = 0;
    for (int i = 0; i < n->ncols && k < 256; i++)
        items[k++] = arena_printf(a, "%s %s", n->cols[i].name, type_name(n->cols[i].type));
    return join(a, items, k);
}

static const char *logical_line(Arena *a, const LNode *n)
{
    switch (n->kind) {
    case L_SCAN:
        return arena_printf(a, "Scan(source=%s, connector=%s, columns=[%s])", n->source->name, n->source->connector,
                            columns_text(a, n));
    case L_COMPUTE:
    case L_PROJECT: {
        const char *items[256];
        int k = 0;
        for (int i = 0; i < n->nexprs && k < 256; i++)
            items[k++] = strcmp(n->expr_sql[i], n->cols[i].name) ? arena_printf(a, "%s AS %s", n->expr_sql[i], n->cols[i].name)
                                                                  : n->expr_sql[i];
        return arena_printf(a, "%s(%s)", n->kind == L_COMPUTE ? "Compute" : "Project", join(a, items, k));
    }
    case L_WATERMARK: return arena_printf(a, "Watermark(%s)", n->pred_sql);
    case L_FILTER: return arena_printf(a, "Filter(%s)", n->pred_sql);
    case L_WINDOW_AGG:
    case L_SESSION_AGG:
        return arena_printf(a, "WindowAggregate(window=%s, keys=[%s], aggregates=[%s])", window_text(a, n),
                            join(a, n->key_sql, n->nkeys), join(a, n->agg_sql, n->naggs));
    case L_GROUP_AGG:
        return arena_printf(a, "GroupAggregate(keys=[%s], aggregates=[%s]%s%s, select=[%s], changelog)",
                            join(a, n->key_sql, n->nkeys), join(a, n->agg_sql, n->naggs), n->pred_sql ? ", having=" : "",
                            n->pred_sql ? n->pred_sql : "", join(a, n->expr_sql, n->nexprs));
    case L_LIMIT: return arena_printf(a, "Limit(%lld)", (long long)n->limit);
    }
    return "?";
}

int plan_explain(Arena *a, const LNode *plan, const char ***lines, int *nlines)
{
    Lines l = {.a = a};
    int depth = 0;
    add(&l, "== Logical Plan ==");
    for (const LNode *n = plan; n; n = n->input, depth++) {
        const char *line = logical_line(a, n);
        char *ind = arena_alloc(a, (size_t)depth * 2 + strlen(line) + 1);
        if (!ind) return WEIR_NOMEM;
        memset(ind, ' ', (size_t)depth * 2);
        strcpy(ind + depth * 2, line);
        if (add(&l, ind)) return WEIR_NOMEM;
    }
    add(&l, "");
    add(&l, "== Physical Plan ==");
    const LNode *v[256];
    int n = 0;
    for (const LNode *p = plan; p && n < 256; p = p->input) v[n++] = p;
    bool proctime = false;
    for (int i = 0; i < n; i++) proctime |= v[i]->proctime_window;
    int step = 1;
    bool pre_agg = true;   /* below the first aggregate, a Calc reading PROCTIME() stamps rows (lower.c) */
    for (int i = n - 1; i >= 0; i--) {
        const LNode *x = v[i];
        const char *line = NULL;
        if (x->kind == L_WINDOW_AGG || x->kind == L_SESSION_AGG || x->kind == L_GROUP_AGG) pre_agg = false;
        switch (x->kind) {
        case L_SCAN:
            line = arena_printf(a, "%d. Source %s (connector %s, %s)", step, x->source->name, x->source->connector,
                                count_of(a, x->ncols, "column"));
            break;
        case L_COMPUTE:
            line = arena_printf(a, "%d. Calc (computed columns%s)", step, x->assigns_proctime ? ", stamps PROCTIME" : "");
            break;
        case L_WATERMARK:
            if (proctime) continue;
            line = arena_printf(a, "%d. WatermarkAssigner (%s)", step, x->pred_sql);
            break;
        case L_FILTER:
            if (i > 0 && v[i - 1]->kind == L_PROJECT) {
                bool stamps = pre_agg && (x->assigns_proctime || v[i - 1]->assigns_proctime);
                line = arena_printf(a, "%d. Calc (filter %s; %s%s)", step, x->pred_sql, count_of(a, v[i - 1]->ncols, "column"),
                                    stamps ? ", stamps PROCTIME" : "");
                i--;
            }
            break;
        case L_PROJECT:
            line = arena_printf(a, "%d. Calc (%s%s)", step, count_of(a, x->ncols, "column"),
                                pre_agg && x->assigns_proctime ? ", stamps PROCTIME" : "");
            break;
        case L_WINDOW_AGG:
            line = arena_printf(a, "%d. WindowAggregate %s over slices of %s, %s, %s", step,
                                window_text(a, x), ms_text(a, x->win.size), count_of(a, x->nkeys, "key"),
                                count_of(a, x->naggs, "aggregate"));
            if (x->win.kind == WIN_HOP) {
                int64_t g = x->win.size, s = x->win.slide;
                while (s) {
                    int64_t t = g % s;
                    g = s;
                    s = t;
                }
                line = arena_printf(a, "%d. WindowAggregate %s over slices of %s, %s, %s", step,
                                    window_text(a, x), ms_text(a, g), count_of(a, x->nkeys, "key"),
                                    count_of(a, x->naggs, "aggregate"));
            } else if (x->win.kind == WIN_CUMULATE) {
                line = arena_printf(a, "%d. WindowAggregate %s over slices of %s, %s, %s", step,
                                    window_text(a, x), ms_text(a, x->win.slide), count_of(a, x->nkeys, "key"),
                                    count_of(a, x->naggs, "aggregate"));
            }
            break;
        case L_SESSION_AGG:
            line = arena_printf(a, "%d. SessionAggregate %s, %s, %s", step, window_text(a, x),
                                count_of(a, x->nkeys, "key"), count_of(a, x->naggs, "aggregate"));
            break;
        case L_GROUP_AGG:
            line = arena_printf(a, "%d. GroupAggregate (changelog), %s, %s", step, count_of(a, x->nkeys, "key"),
                                count_of(a, x->naggs, "aggregate"));
            break;
        case L_LIMIT: line = arena_printf(a, "%d. Limit %lld", step, (long long)x->limit); break;
        }
        if (!line) continue;
        if (add(&l, line)) return WEIR_NOMEM;
        step++;
    }
    if (add(&l, arena_printf(a, "%d. Collect (%s)", step, count_of(a, plan->ncols, "column")))) return WEIR_NOMEM;
    *lines = l.v;
    *nlines = l.n;
    return WEIR_OK;
}
