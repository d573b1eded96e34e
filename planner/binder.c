/*
 * binder.c - from an AstSelect to a logical plan (see plan.h).
 *
 * Names are resolved against the catalog (sources re-parse their stored DDL
 * for computed columns and the watermark; views re-parse and bind their SELECT)
 * and every expression is compiled with its types checked, so a plan that
 * binds will run.  The shape of a query:
 *
 *   SCAN -> [COMPUTE] -> [WATERMARK] -> [FILTER where]
 *        -> (no aggregate)  PROJECT select-list
 *        -> (aggregate)     PROJECT [time, keys, args] -> WINDOW/SESSION/GROUP AGG
 *                           -> [FILTER having] -> PROJECT select-list
 *        -> [LIMIT]
 *
 * Above an aggregate the row is [window_start, window_end, window_time]
 * (windowed only), then the GROUP BY keys, then the aggregate results; the
 * `match` hook of that scope maps whole subtrees (an aggregate call, a GROUP BY
 * expression, TUMBLE_START(...)) onto those columns.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "functions.h"
#include "parser.h"
#include "plan.h"
#include "weir.h"

/* A relation while it is being built: the chain so far and its columns. */
typedef struct Rel {
    LNode *top;
    int ncols;
    PlanCol *cols;
    const char *what;          /* for messages */
    /* a window table function in FROM, applied by the aggregate */
    bool tvf;
    WindowSpec win;
    int time_col;
    const AstFrom *tvf_from;
} Rel;

static LNode *new_node(BindCtx *b, LKind kind, LNode *input, int ncols)
{
    LNode *n = arena_alloc(b->arena, sizeof *n);
    if (!n) return NULL;
    n->kind = kind;
    n->input = input;
    n->ncols = ncols;
    n->cols = arena_alloc(b->arena, sizeof(PlanCol) * (size_t)(ncols ? ncols : 1));
    n->types = arena_alloc(b->arena, sizeof(TypeId) * (size_t)(ncols ? ncols : 1));
    if (!n->cols || !n->types) return NULL;
    return n;
}

static int oom(BindCtx *b) { return err_set(b->err, WEIR_NOMEM, "out of memory"); }

static void set_types(LNode *n)
{
    for (int i = 0; i < n->ncols; i++) n->types[i] = n->cols[i].type;
}

/* True when p calls PROCTIME() anywhere (as itself or inside a larger
 * expression): the operator running it must stamp each row with the clock. */
static bool prog_reads_proctime(const ExprProg *p)
{
    for (int i = 0; p && i < p->n; i++)
        if (p->code[i].op == X_CALL && p->code[i].fn == fn_proctime) return true;
    return false;
}

/* Sets n->assigns_proctime when its filter or an expression reads PROCTIME(). */
static void mark_proctime(LNode *n)
{
    bool reads = prog_reads_proctime(n->pred);
    for (int i = 0; i < n->nexprs && !reads; i++) reads = prog_reads_proctime(&n->exprs[i]);
    n->assigns_proctime |= reads;
}

static Scope rel_scope(const Rel *r)
{
    Scope s = {.ncols = r->ncols, .cols = r->cols, .what = r->what};
    return s;
}

static const char *option_text(Arena *a, const AstNode *v)
{
    char tmp[64];
    switch (v->kind) {
    case AST_STRING: return v->str;
    case AST_INT: snprintf(tmp, sizeof tmp, "%lld", (long long)v->ival); return arena_strdup(a, tmp);
    case AST_DOUBLE: snprintf(tmp, sizeof tmp, "%g", v->dval); return arena_strdup(a, tmp);
    case AST_BOOL: return v->ival ? "true" : "false";
    default: return "";
    }
}

static const char *lower_dup(Arena *a, const char *s)
{
    char *p = arena_strdup(a, s);
    for (char *q = p; q && *q; q++)
        if (*q >= 'A' && *q <= 'Z') *q = (char)(*q - 'A' + 'a');
    return p;
}

/* ---- sources ---------------------------------------------------------------- */

/* Builds SCAN [-> COMPUTE] [-> WATERMARK] from a CREATE SOURCE statement. */
static int bind_source_stmt(BindCtx *b, const AstStmt *st, const char *name, const char *qual,
                            const char *base_dir, Rel *rel)
{
    Arena *a = b->arena;
    int ncols = st->columns ? st->columns->n : 0;
    int nphys = 0, ncomputed = 0;
    for (int i = 0; i < ncols; i++) {
        if (st->columns->items[i]->a) ncomputed++;
        else nphys++;
    }
    /* Duplicate column names. */
    for (int i = 0; i < ncols; i++)
        for (int j = 0; j < i; j++)
            if (!strcmp(st->columns->items[i]->str, st->columns->items[j]->str))
                return err_at(b->err, WEIR_ERROR, st->columns->items[i]->line, st->columns->items[i]->col,
                              "column \"%s\" is declared twice", st->columns->items[i]->str);
    SourceSpec *spec = arena_alloc(a, sizeof *spec);
    SourceColumn *scols = arena_alloc(a, sizeof(SourceColumn) * (size_t)(nphys ? nphys : 1));
    int nopts = st->options ? st->options->n : 0;
    const char **keys = arena_alloc(a, sizeof(char *) * (size_t)(nopts + 1));
    const char **vals = arena_alloc(a, sizeof(char *) * (size_t)(nopts + 1));
    if (!spec || !scols || !keys || !vals) return oom(b);
    for (int i = 0; i < nopts; i++) {
        keys[i] = lower_dup(a, st->options->items[i]->str);
        vals[i] = option_text(a, st->options->items[i]->a);
    }
    spec->name = arena_strdup(a, name);
    spec->cols = scols;
    spec->ncols = nphys;
    spec->nopts = nopts;
    spec->opt_keys = keys;
    spec->opt_values = vals;
    spec->base_dir = base_dir ? arena_strdup(a, base_dir) : "";
    spec->connector = source_option(spec, "connector");
    if (!spec->connector)
        return err_at(b->err, WEIR_ERROR, st->line, st->col, "source \"%s\" has no connector: add WITH (connector = 'file', ...)", name);

    LNode *scan = new_node(b, L_SCAN, NULL, nphys);
    if (!scan) return oom(b);
    scan->source = spec;
    for (int i = 0, k = 0; i < ncols; i++) {
        const AstNode *c = st->columns->items[i];
        if (c->a) continue;
        scols[k].name = c->str;
        scols[k].type = c->type.id;
        scan->cols[k] = (PlanCol){.name = c->str, .qual = qual, .type = c->type.id};
        k++;
    }
    set_types(scan);
    LNode *top = scan;
    char what[300];
    snprintf(what, sizeof what, "source \"%s\"", name);
    const char *what_s = arena_strdup(a, what);
    if (ncomputed) {
        LNode *comp = new_node(b, L_COMPUTE, scan, ncols);
        if (!comp) return oom(b);
        comp->nexprs = ncols;
        comp->exprs = arena_alloc(a, sizeof(ExprProg) * (size_t)ncols);
        comp->expr_sql = arena_alloc(a, sizeof(char *) * (size_t)ncols);
        if (!comp->exprs || !comp->expr_sql) return oom(b);
        Scope s = {.ncols = nphys, .cols = scan->cols, .what = what_s};
        for (int i = 0, k = 0; i < ncols; i++) {
            const AstNode *c = st->columns->items[i];
            if (!c->a) {
                if (xc_column(a, k, scan->cols[k].type, &comp->exprs[i])) return oom(b);
                comp->cols[i] = scan->cols[k];
                comp->expr_sql[i] = c->str;   /* a physical column passes through */
                k++;
                continue;
            }
            int rc = xc_compile(a, &s, c->a, &comp->exprs[i], b->err);
            if (rc) return rc;
            bool proc = c->a->kind == AST_CALL && !strcmp(c->a->str, "PROCTIME");
            comp->cols[i] = (PlanCol){.name = c->str, .qual = qual, .type = comp->exprs[i].type, .proctime = proc};
            comp->expr_sql[i] = ast_to_sql(a, c->a);
        }
        set_types(comp);
        mark_proctime(comp);
        top = comp;
    }
    if (st->wm_column) {
        int wc = -1;
        for (int i = 0; i < top->ncols; i++)
            if (!strcmp(top->cols[i].name, st->wm_column)) wc = i;
        if (wc < 0)
            return err_at(b->err, WEIR_ERROR, st->wm_line, st->wm_col, "WATERMARK FOR unknown column \"%s\"", st->wm_column);
        if (top->cols[wc].type != TYPE_TIMESTAMP)
            return err_at(b->err, WEIR_ERROR, st->wm_line, st->wm_col,
                          "WATERMARK FOR \"%s\" needs a TIMESTAMP column, not %s", st->wm_column,
                          type_name(top->cols[wc].type));
        LNode *wm = new_node(b, L_WATERMARK, top, top->ncols);
        if (!wm) return oom(b);
        memcpy(wm->cols, top->cols, sizeof(PlanCol) * (size_t)top->ncols);
        wm->cols[wc].rowtime = true;
        set_types(wm);
        Scope s = {.ncols = top->ncols, .cols = top->cols, .what = what_s};
        wm->pred = arena_alloc(a, sizeof(ExprProg));
        if (!wm->pred) return oom(b);
        int rc = xc_compile(a, &s, st->wm_expr, wm->pred, b->err);
        if (rc) return rc;
        if (wm->pred->type != TYPE_TIMESTAMP)
            return err_at(b->err, WEIR_ERROR, st->wm_expr->line, st->wm_expr->col,
                          "the WATERMARK expression must be a TIMESTAMP, not %s", type_name(wm->pred->type));
        wm->pred_sql = ast_to_sql(a, st->wm_expr);
        top = wm;
    }
    rel->top = top;
    rel->ncols = top->ncols;
    rel->cols = top->cols;
    rel->what = what_s;
    return WEIR_OK;
}

int bind_create_source(BindCtx *b, const AstStmt *st, const char *ddl, const char *base_dir, CatObject *out)
{
    Rel rel = {0};
    int rc = bind_source_stmt(b, st, st->name, st->name, base_dir, &rel);
    if (rc) return rc;
    memset(out, 0, sizeof *out);
    out->name = st->name;
    out->kind = st->obj == OBJ_TABLE ? OBJ_TABLE : OBJ_SOURCE;
    out->ddl = ddl;
    out->base_dir = base_dir ? base_dir : "";
    out->ncols = rel.ncols;
    out->cols = arena_alloc(b->arena, sizeof(CatColumn) * (size_t)(rel.ncols ? rel.ncols : 1));
    if (!out->cols) return oom(b);
    for (int i = 0; i < rel.ncols; i++) {
        out->cols[i].name = rel.cols[i].name;
        out->cols[i].type = rel.cols[i].type;
        out->cols[i].computed = st->columns->items[i]->a != NULL;
        out->cols[i].type_len = st->columns->items[i]->type.len;
    }
    LNode *scan = rel.top;
    while (scan->input) scan = scan->input;
    out->nopts = scan->source->nopts;
    out->opt_keys = (const char **)scan->source->opt_keys;
    out->opt_values = (const char **)scan->source->opt_values;
    return WEIR_OK;
}

/* ---- FROM ------------------------------------------------------------------- */

static int bind_select_rel(BindCtx *b, const AstSelect *sel, Rel *rel, bool *changelog);

/* Parses stored DDL and returns its one statement. */
static int parse_stored(BindCtx *b, const CatObject *obj, AstStmt **out)
{
    AstScript *script;
    WeirError perr;
    err_clear(&perr);
    if (parse_script(b->arena, obj->ddl, strlen(obj->ddl), &script, &perr) || script->n != 1)
        return err_set(b->err, WEIR_ERROR, "the stored definition of \"%s\" no longer parses: %s", obj->name, perr.msg);
    *out = script->stmts[0];
    return WEIR_OK;
}

static int requalify(BindCtx *b, Rel *rel, const char *qual)
{
    PlanCol *cols = arena_alloc(b->arena, sizeof(PlanCol) * (size_t)(rel->ncols ? rel->ncols : 1));
    if (!cols) return oom(b);
    for (int i = 0; i < rel->ncols; i++) {
        cols[i] = rel->cols[i];
        cols[i].qual = qual;
    }
    rel->cols = cols;
    return WEIR_OK;
}

static int64_t interval_arg(BindCtx *b, const AstNode *e, const char *what, int *rc)
{
    if (!e || e->kind != AST_INTERVAL) {
        *rc = err_at(b->err, WEIR_ERROR, e ? e->line : 0, e ? e->col : 0, "the %s must be an INTERVAL literal", what);
        return 0;
    }
    if (e->ival <= 0) {
        *rc = err_at(b->err, WEIR_ERROR, e->line, e->col, "the %s must be positive", what);
        return 0;
    }
    return e->ival;
}

#define BIND_MAX_WINDOWS_PER_ROW 100000

/* Checks a window's sizes; kind-specific rules. */
static int check_window(BindCtx *b, WindowSpec *w, const AstNode *at_size, const AstNode *at_slide)
{
    if (w->kind == WIN_HOP && w->slide > w->size)
        return err_at(b->err, WEIR_ERROR, at_slide->line, at_slide->col, "the HOP slide (%lld ms) is larger than its size (%lld ms)",
                      (long long)w->slide, (long long)w->size);
    /* each row lands in size / slide windows: a few thousand is already a
     * lot of work per row; a million would never finish */
    if ((w->kind == WIN_HOP || w->kind == WIN_CUMULATE) && w->slide > 0 &&
        w->size / w->slide > BIND_MAX_WINDOWS_PER_ROW)
        return err_at(b->err, WEIR_ERROR, at_slide->line, at_slide->col,
                      "the %s %s (%lld ms) is too small for its size (%lld ms): each row would "
                      "fall in up to %lld windows, and at most %d are allowed",
                      w->kind == WIN_HOP ? "HOP" : "CUMULATE", w->kind == WIN_HOP ? "slide" : "step",
                      (long long)w->slide, (long long)w->size, (long long)(w->size / w->slide),
                      BIND_MAX_WINDOWS_PER_ROW);
    if (w->kind == WIN_CUMULATE && w->size % w->slide != 0)
        return err_at(b->err, WEIR_ERROR, at_size->line, at_size->col,
                      "the CUMULATE size (%lld ms) must be a multiple of its step (%lld ms)", (long long)w->size,
                      (long long)w->slide);
    return WEIR_OK;
}

static int time_attribute(BindCtx *b, const Rel *rel, const char *name, int line, int col, int *out, bool *proc)
{
    AstNode c = {.kind = AST_COLUMN, .str = name, .line = line, .col = col};
    Scope s = rel_scope(rel);
    int i = scope_resolve(&s, &c, b->err);
    if (i < 0) return b->err->code;
    if (!rel->cols[i].rowtime && !rel->cols[i].proctime)
        return err_at(b->err, WEIR_ERROR, line, col,
                      "column \"%s\" is not a time attribute: declare WATERMARK FOR %s in the source, or use a PROCTIME() column",
                      name, name);
    *out = i;
    *proc = rel->cols[i].proctime;
    return WEIR_OK;
}

/* Levenshtein distance of two short names (99 when either is long). */
static int bind_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63) return 99;
    int d[64][64];
    for (size_t i = 0; i <= la; i++) d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++) d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            int c = d[i - 1][j - 1] + (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
            if (d[i - 1][j] + 1 < c) c = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < c) c = d[i][j - 1] + 1;
            d[i][j] = c;
        }
    return d[la][lb];
}

/* The error for a FROM name that is in no catalog entry, suggesting the
 * closest name (at most 2 edits, and fewer than half the name's length). */
static int bind_unknown_object(BindCtx *b, const AstFrom *f)
{
    const char **names = NULL;
    int n = 0, bestd = 3;
    const char *best = NULL;
    if (cat_list(b->cat, OBJ_NONE, b->arena, &names, &n, b->err) != WEIR_OK) n = 0;
    size_t len = strlen(f->name);
    for (int i = 0; i < n; i++) {
        int d = bind_edit_distance(names[i], f->name);
        if (d < bestd && (size_t)d * 2 < len) bestd = d, best = names[i];
    }
    if (best)
        return err_at(b->err, WEIR_ERROR, f->line, f->col,
                      "unknown source or view \"%s\"; did you mean \"%s\"?", f->name, best);
    return err_at(b->err, WEIR_ERROR, f->line, f->col, "unknown source or view \"%s\"", f->name);
}

static int bind_from(BindCtx *b, const AstFrom *f, Rel *rel)
{
    int rc;
    if (f->kind == FROM_NAME) {
        CatObject *obj;
        if ((rc = cat_get(b->cat, f->name, b->arena, &obj, b->err))) return rc;
        if (!obj) return bind_unknown_object(b, f);
        const char *qual = f->alias ? f->alias : obj->name;
        AstStmt *st = NULL;
        if ((rc = parse_stored(b, obj, &st))) return rc;
        if (obj->kind == OBJ_SOURCE || obj->kind == OBJ_TABLE) {
            if (st->kind != STMT_CREATE_SOURCE) return err_set(b->err, WEIR_ERROR, "catalog entry \"%s\" is damaged", obj->name);
            return bind_source_stmt(b, st, obj->name, qual, obj->base_dir, rel);
        }
        if (obj->kind == OBJ_VIEW) {
            if (b->depth > 32) return err_at(b->err, WEIR_ERROR, f->line, f->col, "views nest too deeply");
            b->depth++;
            bool changelog = false;
            rc = bind_select_rel(b, st->select, rel, &changelog);
            b->depth--;
            if (rc) return rc;
            if (changelog)
                return err_at(b->err, WEIR_ERROR, f->line, f->col,
                              "view \"%s\" is a changelog (non-windowed GROUP BY); reading it from another query is not supported yet",
                              obj->name);
            char what[300];
            snprintf(what, sizeof what, "view \"%s\"", obj->name);
            rel->what = arena_strdup(b->arena, what);
            return requalify(b, rel, qual);
        }
        return err_at(b->err, WEIR_ERROR, f->line, f->col, "\"%s\" is a sink: it cannot be read", f->name);
    }
    if (f->kind == FROM_SUBQUERY) {
        bool changelog = false;
        if ((rc = bind_select_rel(b, f->select, rel, &changelog))) return rc;
        if (changelog)
            return err_at(b->err, WEIR_ERROR, f->line, f->col,
                          "a subquery with a non-windowed GROUP BY (a changelog) cannot be read yet");
        rel->what = "the subquery";
        return requalify(b, rel, f->alias);
    }
    /* FROM_WINDOW */
    if ((rc = bind_from(b, f->input, rel))) return rc;
    WindowSpec w = {.kind = f->wkind};
    int nargs = f->args ? f->args->n : 0;
    static const int want[] = {0, 1, 2, 2, 1};
    static const char *const names[] = {"", "TUMBLE", "HOP", "CUMULATE", "SESSION"};
    if (nargs != want[f->wkind])
        return err_at(b->err, WEIR_ERROR, f->line, f->col, "%s takes %d interval argument%s, not %d", names[f->wkind],
                      want[f->wkind], want[f->wkind] == 1 ? "" : "s", nargs);
    rc = WEIR_OK;
    switch (f->wkind) {
    case WIN_TUMBLE: w.size = w.slide = interval_arg(b, f->args->items[0], "window size", &rc); break;
    case WIN_HOP:
        w.slide = interval_arg(b, f->args->items[0], "HOP slide", &rc);
        if (!rc) w.size = interval_arg(b, f->args->items[1], "HOP size", &rc);
        break;
    case WIN_CUMULATE:
        w.slide = interval_arg(b, f->args->items[0], "CUMULATE step", &rc);
        if (!rc) w.size = interval_arg(b, f->args->items[1], "CUMULATE size", &rc);
        break;
    case WIN_SESSION: w.gap = interval_arg(b, f->args->items[0], "session gap", &rc); break;
    default: break;
    }
    if (rc) return rc;
    if (nargs == 2 && (rc = check_window(b, &w, f->args->items[1], f->args->items[0]))) return rc;
    if (f->wkind == WIN_SESSION && f->partition_by)
        for (int i = 0; i < f->partition_by->n; i++)
            if (f->partition_by->items[i]->kind != AST_COLUMN)
                return err_at(b->err, WEIR_ERROR, f->partition_by->items[i]->line, f->partition_by->items[i]->col,
                              "PARTITION BY takes column names");
    int tc;
    bool proc;
    if ((rc = time_attribute(b, rel, f->time_col, f->time_line, f->time_col_col, &tc, &proc))) return rc;
    w.proctime = proc;
    /* The window columns: visible to the aggregate, not before it. */
    PlanCol *cols = arena_alloc(b->arena, sizeof(PlanCol) * (size_t)(rel->ncols + 3));
    if (!cols) return oom(b);
    memcpy(cols, rel->cols, sizeof(PlanCol) * (size_t)rel->ncols);
    static const char *const wnames[] = {"window_start", "window_end", "window_time"};
    for (int i = 0; i < 3; i++)
        cols[rel->ncols + i] = (PlanCol){.name = wnames[i], .qual = f->alias, .type = TYPE_TIMESTAMP,
                                         .unusable = "window columns can only be used in GROUP BY and the SELECT list of a windowed aggregate"};
    rel->cols = cols;
    rel->ncols += 3;
    rel->tvf = true;
    rel->win = w;
    rel->time_col = tc;
    rel->tvf_from = f;
    if (f->alias && (rc = requalify(b, rel, f->alias))) return rc;
    return WEIR_OK;
}

/* ---- aggregates -------------------------------------------------------------- */

typedef struct AggBind {
    BindCtx *b;
    /* pre-aggregate row: [time?], keys, args */
    const AstNode **keys;
    int nkeys;
    const AstNode **calls;      /* distinct aggregate calls */
    int ncalls, capcalls;
    /* window */
    bool windowed;
    const AstNode *group_window; /* legacy TUMBLE(...) call in GROUP BY, or NULL */
    WindowKind wkind;
    int nwin;                    /* 3 when windowed, else 0 */
    PlanCol *post_cols;          /* [window cols], keys, aggs */
    int npost;
} AggBind;

static int collect_aggs(AggBind *ab, const AstNode *e, bool inside)
{
    if (!e) return WEIR_OK;
    if (ast_is_aggregate(e)) {
        if (inside)
            return err_at(ab->b->err, WEIR_ERROR, e->line, e->col, "aggregate calls cannot be nested");
        for (int i = 0; i < ab->ncalls; i++)
            if (ast_equal(ab->calls[i], e)) return WEIR_OK;
        if (ab->ncalls == ab->capcalls) {
            int cap = ab->capcalls ? ab->capcalls * 2 : 8;
            const AstNode **p = arena_alloc(ab->b->arena, sizeof(AstNode *) * (size_t)cap);
            if (!p) return oom(ab->b);
            if (ab->ncalls) memcpy(p, ab->calls, sizeof(AstNode *) * (size_t)ab->ncalls);
            ab->calls = p;
            ab->capcalls = cap;
        }
        ab->calls[ab->ncalls++] = e;
        for (int i = 0; e->list && i < e->list->n; i++) {
            int rc = collect_aggs(ab, e->list->items[i], true);
            if (rc) return rc;
        }
        return WEIR_OK;
    }
    int rc;
    if ((rc = collect_aggs(ab, e->a, inside)) || (rc = collect_aggs(ab, e->b, inside)) ||
        (rc = collect_aggs(ab, e->c, inside)))
        return rc;
    for (int i = 0; e->list && i < e->list->n; i++)
        if ((rc = collect_aggs(ab, e->list->items[i], inside))) return rc;
    return WEIR_OK;
}

static bool has_aggregate(const AstNode *e)
{
    if (!e) return false;
    if (ast_is_aggregate(e)) return true;
    if (has_aggregate(e->a) || has_aggregate(e->b) || has_aggregate(e->c)) return true;
    for (int i = 0; e->list && i < e->list->n; i++)
        if (has_aggregate(e->list->items[i])) return true;
    return false;
}

static WindowKind group_window_kind(const AstNode *e)
{
    if (!e || e->kind != AST_CALL) return WIN_NONE;
    if (!strcmp(e->str, "TUMBLE")) return WIN_TUMBLE;
    if (!strcmp(e->str, "HOP")) return WIN_HOP;
    if (!strcmp(e->str, "SESSION")) return WIN_SESSION;
    if (!strcmp(e->str, "CUMULATE")) return WIN_CUMULATE;
    return WIN_NONE;
}

/* Post-aggregate matching: aggregate calls, GROUP BY expressions, window functions. */
static int post_match(const Scope *s, const AstNode *e, int *col, WeirError *err)
{
    AggBind *ab = s->ctx;
    if (ast_is_aggregate(e)) {
        for (int i = 0; i < ab->ncalls; i++)
            if (ast_equal(ab->calls[i], e)) {
                *col = ab->nwin + ab->nkeys + i;
                return 1;
            }
        return 0;
    }
    for (int i = 0; i < ab->nkeys; i++)
        if (ast_equal(ab->keys[i], e)) {
            *col = ab->nwin + i;
            return 1;
        }
    if (ab->group_window && e->kind == AST_CALL) {
        static const char *const kinds[] = {"", "TUMBLE", "HOP", "CUMULATE", "SESSION"};
        const char *prefix = kinds[ab->wkind];
        size_t pl = strlen(prefix);
        if (!strncmp(e->str, prefix, pl) && e->str[pl] == '_') {
            const char *suffix = e->str + pl + 1;
            int which = !strcmp(suffix, "START") ? 0 : !strcmp(suffix, "END") ? 1 : !strcmp(suffix, "ROWTIME") ? 2 : -1;
            if (which >= 0) {
                /* The arguments must be the GROUP BY window's. */
                const AstNode *g = ab->group_window;
                int n1 = e->list ? e->list->n : 0, n2 = g->list ? g->list->n : 0;
                bool same = n1 == n2;
                for (int i = 0; same && i < n1; i++) same = ast_equal(e->list->items[i], g->list->items[i]);
                if (!same)
                    return err_at(err, WEIR_ERROR, e->line, e->col, "%s must have the same arguments as the %s in GROUP BY",
                                  e->str, prefix), -1;
                *col = which;
                return 1;
            }
        }
    }
    return 0;
}

/* ---- SELECT ----------------------------------------------------------------- */

static const char *item_name(BindCtx *b, const AstNode *item, int index)
{
    if (item->str) return item->str;
    if (item->a->kind == AST_COLUMN) return item->a->str;
    return arena_printf(b->arena, "EXPR$%d", index);
}

/* Expands `*` and `t.*` into column references (skipping hidden and unusable columns). */
static int expand_items(BindCtx *b, const AstSelect *sel, const Rel *rel, AstList **out)
{
    AstList *l = arena_alloc(b->arena, sizeof *l);
    if (!l) return oom(b);
    int cap = 8;
    l->items = arena_alloc(b->arena, sizeof(AstNode *) * (size_t)cap);
    for (int i = 0; i < sel->items->n; i++) {
        AstNode *it = sel->items->items[i];
        AstNode *add[1024];
        int nadd = 0;
        if (it->a->kind == AST_STAR) {
            bool any = false;
            for (int c = 0; c < rel->ncols; c++) {
                const PlanCol *pc = &rel->cols[c];
                if (pc->hidden || pc->unusable) continue;
                if (it->a->qual && (!pc->qual || strcmp(pc->qual, it->a->qual))) continue;
                any = true;
                if (nadd == 1024) break;
                AstNode *colref = arena_alloc(b->arena, sizeof *colref);
                AstNode *item = arena_alloc(b->arena, sizeof *item);
                if (!colref || !item) return oom(b);
                *colref = (AstNode){.kind = AST_COLUMN, .line = it->line, .col = it->col, .str = pc->name, .qual = pc->qual};
                *item = (AstNode){.kind = AST_SELECT_ITEM, .line = it->line, .col = it->col, .a = colref};
                add[nadd++] = item;
            }
            if (!any && it->a->qual)
                return err_at(b->err, WEIR_ERROR, it->line, it->col, "unknown table \"%s\" in %s.*", it->a->qual, it->a->qual);
        } else {
            add[nadd++] = it;
        }
        for (int k = 0; k < nadd; k++) {
            if (l->n == cap) {
                cap *= 2;
                AstNode **p = arena_alloc(b->arena, sizeof(AstNode *) * (size_t)cap);
                if (!p) return oom(b);
                memcpy(p, l->items, sizeof(AstNode *) * (size_t)l->n);
                l->items = p;
            }
            l->items[l->n++] = add[k];
        }
    }
    *out = l;
    return WEIR_OK;
}

/* True for a select item that is exactly PROCTIME() (any alias): a
 * processing-time attribute of the view or subquery, as in Flink
 * (CREATE VIEW v AS SELECT *, PROCTIME() AS pt FROM src).  Inside a larger
 * expression PROCTIME() is a plain TIMESTAMP value. */
static bool is_bare_proctime(const AstNode *e)
{
    return e->kind == AST_CALL && !strcmp(e->str, "PROCTIME") && !(e->list && e->list->n) && !e->star;
}

/* True when the chain under n has an aggregate. */
static bool above_aggregate(const LNode *n)
{
    for (; n; n = n->input)
        if (n->kind == L_WINDOW_AGG || n->kind == L_SESSION_AGG || n->kind == L_GROUP_AGG) return true;
    return false;
}

/* Adds a PROJECT of items over scope s on top of *top.  A bare PROCTIME()
 * item becomes a processing-time attribute unless the rows come out of an
 * aggregate (there the clock is read per batch, not as the rows pass, and a
 * processing-time window would take the event-time watermark away from the
 * aggregate below: lower.c).  The projection stamps the rows
 * (assigns_proctime) unless the input already carries a processing time,
 * which PROCTIME() then reads (expr_compile.c). */
static int project(BindCtx *b, LNode **top, const Scope *s, AstList *items, LNode **out)
{
    int n = items->n;
    bool rows_pass = !s->match && !above_aggregate(*top);
    LNode *p = new_node(b, L_PROJECT, *top, n);
    if (!p) return oom(b);
    p->nexprs = n;
    p->exprs = arena_alloc(b->arena, sizeof(ExprProg) * (size_t)n);
    p->expr_sql = arena_alloc(b->arena, sizeof(char *) * (size_t)n);
    if (!p->exprs || !p->expr_sql) return oom(b);
    for (int i = 0; i < n; i++) {
        const AstNode *it = items->items[i];
        bool proc_attr = rows_pass && is_bare_proctime(it->a);
        int rc = xc_compile(b->arena, s, it->a, &p->exprs[i], b->err);
        if (rc) return rc;
        p->cols[i] = (PlanCol){.name = item_name(b, it, i), .type = p->exprs[i].type, .proctime = proc_attr};
        /* A bare time attribute stays one. */
        if (it->a->kind == AST_COLUMN && p->exprs[i].n == 1 && p->exprs[i].code[0].op == X_COL && !s->match) {
            const PlanCol *src = &s->cols[p->exprs[i].code[0].a];
            p->cols[i].rowtime = src->rowtime;
            p->cols[i].proctime = src->proctime;
        }
        p->expr_sql[i] = ast_to_sql(b->arena, it->a);
    }
    set_types(p);
    mark_proctime(p);
    *out = p;
    return WEIR_OK;
}

static int filter(BindCtx *b, LNode **top, const Scope *s, const AstNode *pred, const char *what)
{
    LNode *f = new_node(b, L_FILTER, *top, (*top)->ncols);
    if (!f) return oom(b);
    memcpy(f->cols, (*top)->cols, sizeof(PlanCol) * (size_t)(*top)->ncols);
    set_types(f);
    f->pred = arena_alloc(b->arena, sizeof(ExprProg));
    if (!f->pred) return oom(b);
    int rc = xc_compile(b->arena, s, pred, f->pred, b->err);
    if (rc) return rc;
    if (f->pred->type != TYPE_BOOLEAN && f->pred->type != TYPE_NULL)
        return err_at(b->err, WEIR_ERROR, pred->line, pred->col, "%s must be a BOOLEAN condition, not %s", what,
                      type_name(f->pred->type));
    f->pred_sql = ast_to_sql(b->arena, pred);
    mark_proctime(f);
    *top = f;
    return WEIR_OK;
}

static AggKind agg_kind_of(const AstNode *call)
{
    if (!strcmp(call->str, "COUNT")) return call->star ? AGG_COUNT_STAR : call->distinct ? AGG_COUNT_DISTINCT : AGG_COUNT;
    if (!strcmp(call->str, "SUM")) return AGG_SUM;
    if (!strcmp(call->str, "AVG")) return AGG_AVG;
    if (!strcmp(call->str, "MIN")) return AGG_MIN;
    return AGG_MAX;
}

static int bind_aggregate(BindCtx *b, const AstSelect *sel, Rel *rel, AstList *items, LNode **top, bool *changelog)
{
    AggBind ab = {.b = b};
    int rc;
    Arena *a = b->arena;
    Scope in_scope = rel_scope(rel);
    /* 1. The window and the keys from GROUP BY. */
    int ngb = sel->group_by ? sel->group_by->n : 0;
    ab.keys = arena_alloc(a, sizeof(AstNode *) * (size_t)(ngb + 1));
    bool saw_ws = false, saw_we = false;
    WindowSpec w = {0};
    int time_col = -1;
    for (int i = 0; i < ngb; i++) {
        const AstNode *g = sel->group_by->items[i];
        WindowKind k = group_window_kind(g);
        if (k != WIN_NONE) {
            if (rel->tvf || ab.group_window)
                return err_at(b->err, WEIR_ERROR, g->line, g->col, "only one window per GROUP BY");
            if (k == WIN_CUMULATE)
                return err_at(b->err, WEIR_ERROR, g->line, g->col, "CUMULATE is only available as a window table function");
            int nargs = g->list ? g->list->n : 0;
            int need = k == WIN_HOP ? 3 : 2;
            if (nargs != need)
                return err_at(b->err, WEIR_ERROR, g->line, g->col, "%s takes %d arguments: the time column and %s", g->str,
                              need, k == WIN_HOP ? "the slide and the size" : k == WIN_SESSION ? "the gap" : "the size");
            const AstNode *tc = g->list->items[0];
            if (tc->kind != AST_COLUMN)
                return err_at(b->err, WEIR_ERROR, tc->line, tc->col, "the first argument of %s must be a time column", g->str);
            bool proc;
            if ((rc = time_attribute(b, rel, tc->str, tc->line, tc->col, &time_col, &proc))) return rc;
            w.kind = k;
            w.proctime = proc;
            if (k == WIN_TUMBLE) w.size = w.slide = interval_arg(b, g->list->items[1], "window size", &rc);
            else if (k == WIN_SESSION) w.gap = interval_arg(b, g->list->items[1], "session gap", &rc);
            else {
                w.slide = interval_arg(b, g->list->items[1], "HOP slide", &rc);
                if (!rc) w.size = interval_arg(b, g->list->items[2], "HOP size", &rc);
                if (!rc) rc = check_window(b, &w, g->list->items[2], g->list->items[1]);
            }
            if (rc) return rc;
            ab.group_window = g;
            ab.wkind = k;
            continue;
        }
        if (rel->tvf && g->kind == AST_COLUMN && (!strcmp(g->str, "window_start") || !strcmp(g->str, "window_end"))) {
            if (!strcmp(g->str, "window_start")) saw_ws = true;
            else saw_we = true;
            continue;
        }
        if (rel->tvf && g->kind == AST_COLUMN && !strcmp(g->str, "window_time"))
            continue;
        if (has_aggregate(g)) return err_at(b->err, WEIR_ERROR, g->line, g->col, "aggregates are not allowed in GROUP BY");
        ab.keys[ab.nkeys++] = g;
    }
    if (rel->tvf) {
        if (!saw_ws || !saw_we)
            return err_at(b->err, WEIR_ERROR, rel->tvf_from->line, rel->tvf_from->col,
                          "a query over a window table function must GROUP BY window_start, window_end");
        w = rel->win;
        time_col = rel->time_col;
        ab.wkind = w.kind;
        /* SESSION's PARTITION BY columns must be keys. */
        const AstList *pb = rel->tvf_from->partition_by;
        for (int i = 0; pb && i < pb->n; i++) {
            bool found = false;
            for (int k = 0; k < ab.nkeys; k++) found |= ast_equal(ab.keys[k], pb->items[i]);
            if (!found)
                return err_at(b->err, WEIR_ERROR, pb->items[i]->line, pb->items[i]->col,
                              "PARTITION BY column \"%s\" must also be in GROUP BY", pb->items[i]->str);
        }
    }
    ab.windowed = w.kind != WIN_NONE;
    ab.nwin = ab.windowed ? 3 : 0;
    /* 2. Aggregate calls in SELECT and HAVING. */
    for (int i = 0; i < items->n; i++)
        if ((rc = collect_aggs(&ab, items->items[i]->a, false))) return rc;
    if (sel->having && (rc = collect_aggs(&ab, sel->having, false))) return rc;

    /* 3. The pre-aggregate projection: [time], keys, arguments. */
    int ntime = ab.windowed ? 1 : 0;
    int npre = ntime + ab.nkeys + ab.ncalls;
    LNode *pre = new_node(b, L_PROJECT, *top, npre);
    if (!pre) return oom(b);
    pre->nexprs = npre;
    pre->exprs = arena_alloc(a, sizeof(ExprProg) * (size_t)(npre ? npre : 1));
    pre->expr_sql = arena_alloc(a, sizeof(char *) * (size_t)(npre ? npre : 1));
    AggSpec *specs = arena_alloc(a, sizeof(AggSpec) * (size_t)(ab.ncalls ? ab.ncalls : 1));
    const char **agg_sql = arena_alloc(a, sizeof(char *) * (size_t)(ab.ncalls ? ab.ncalls : 1));
    TypeId *key_types = arena_alloc(a, sizeof(TypeId) * (size_t)(ab.nkeys ? ab.nkeys : 1));
    const char **key_sql = arena_alloc(a, sizeof(char *) * (size_t)(ab.nkeys ? ab.nkeys : 1));
    if (!pre->exprs || !pre->expr_sql || !specs || !agg_sql || !key_types || !key_sql) return oom(b);
    int k = 0;
    if (ab.windowed) {
        if (xc_column(a, time_col, TYPE_TIMESTAMP, &pre->exprs[0])) return oom(b);
        pre->cols[0] = (PlanCol){.name = rel->cols[time_col].name, .type = TYPE_TIMESTAMP};
        pre->expr_sql[0] = rel->cols[time_col].name;
        k = 1;
    }
    for (int i = 0; i < ab.nkeys; i++, k++) {
        if ((rc = xc_compile(a, &in_scope, ab.keys[i], &pre->exprs[k], b->err))) return rc;
        key_types[i] = pre->exprs[k].type;
        key_sql[i] = ast_to_sql(a, ab.keys[i]);
        pre->cols[k] = (PlanCol){.name = ab.keys[i]->kind == AST_COLUMN ? ab.keys[i]->str : key_sql[i], .type = key_types[i]};
        pre->expr_sql[k] = key_sql[i];
    }
    for (int i = 0; i < ab.ncalls; i++, k++) {
        const AstNode *call = ab.calls[i];
        AggKind kind = agg_kind_of(call);
        int nargs = call->list ? call->list->n : 0;
        if (kind == AGG_COUNT_STAR) {
            /* COUNT(*) needs no argument: a constant keeps the row layout simple. */
            AstNode one = {.kind = AST_INT, .ival = 1, .line = call->line, .col = call->col};
            if ((rc = xc_compile(a, &in_scope, &one, &pre->exprs[k], b->err))) return rc;
        } else {
            if (nargs != 1)
                return err_at(b->err, WEIR_ERROR, call->line, call->col, "%s takes one argument", call->str);
            if (call->distinct && kind != AGG_COUNT_DISTINCT)
                return err_at(b->err, WEIR_ERROR, call->line, call->col, "DISTINCT is only supported in COUNT for now");
            if ((rc = xc_compile(a, &in_scope, call->list->items[0], &pre->exprs[k], b->err))) return rc;
        }
        TypeId at = pre->exprs[k].type;
        if ((kind == AGG_SUM || kind == AGG_AVG) && !type_is_numeric(at) && at != TYPE_NULL)
            return err_at(b->err, WEIR_ERROR, call->line, call->col, "%s needs a number, not %s", call->str, type_name(at));
        if (at == TYPE_INT) at = TYPE_BIGINT;
        specs[i] = (AggSpec){.kind = kind, .arg_type = at, .result_type = agg_result_type(kind, at), .arg_col = k};
        specs[i].sql = agg_sql[i] = ast_to_sql(a, call);
        pre->expr_sql[k] = kind == AGG_COUNT_STAR ? "1" : ast_to_sql(a, call->list->items[0]);
        pre->cols[k] = (PlanCol){.name = pre->expr_sql[k], .type = at};
    }
    set_types(pre);
    mark_proctime(pre);
    *top = pre;

    /* 4. The aggregate and the scope above it. */
    ab.npost = ab.nwin + ab.nkeys + ab.ncalls;
    ab.post_cols = arena_alloc(a, sizeof(PlanCol) * (size_t)(ab.npost ? ab.npost : 1));
    if (!ab.post_cols) return oom(b);
    if (ab.windowed) {
        static const char *const wn[] = {"window_start", "window_end", "window_time"};
        for (int i = 0; i < 3; i++)
            ab.post_cols[i] = (PlanCol){.name = wn[i], .qual = rel->tvf_from ? rel->tvf_from->alias : NULL,
                                        .type = TYPE_TIMESTAMP, .hidden = !rel->tvf};
        /* Only the TVF form names them; the legacy form reaches them through TUMBLE_START etc. */
        if (!rel->tvf)
            for (int i = 0; i < 3; i++) ab.post_cols[i].name = "";
    }
    for (int i = 0; i < ab.nkeys; i++) {
        const AstNode *kexpr = ab.keys[i];
        ab.post_cols[ab.nwin + i] = (PlanCol){.name = kexpr->kind == AST_COLUMN ? kexpr->str : "", .qual = kexpr->qual, .type = key_types[i]};
        if (kexpr->kind == AST_COLUMN) {
            /* Keep the column's qualifier so t.k resolves too. */
            AstNode c = *kexpr;
            int ci = scope_resolve(&in_scope, &c, b->err);
            if (ci >= 0) ab.post_cols[ab.nwin + i].qual = rel->cols[ci].qual;
        }
    }
    for (int i = 0; i < ab.ncalls; i++)
        ab.post_cols[ab.nwin + ab.nkeys + i] = (PlanCol){.name = "", .type = specs[i].result_type, .hidden = true};
    Scope post = {.ncols = ab.npost, .cols = ab.post_cols, .what = rel->what, .match = post_match, .ctx = &ab,
                  .column_error = "column \"%s\" must appear in GROUP BY or be used in an aggregate function"};

    LKind kind = !ab.windowed ? L_GROUP_AGG : w.kind == WIN_SESSION ? L_SESSION_AGG : L_WINDOW_AGG;
    LNode *agg;
    if (kind == L_GROUP_AGG) {
        agg = new_node(b, kind, *top, 1 + items->n);
    } else {
        agg = new_node(b, kind, *top, ab.npost);
        if (agg) memcpy(agg->cols, ab.post_cols, sizeof(PlanCol) * (size_t)ab.npost);
    }
    if (!agg) return oom(b);
    agg->win = w;
    agg->proctime_window = w.proctime;
    agg->nkeys = ab.nkeys;
    agg->key_types = key_types;
    agg->key_sql = key_sql;
    agg->naggs = ab.ncalls;
    agg->aggs = specs;
    agg->agg_sql = agg_sql;
    if (kind == L_GROUP_AGG) {
        /* HAVING and the projection run inside the changelog operator. */
        if (sel->having) {
            agg->pred = arena_alloc(a, sizeof(ExprProg));
            if (!agg->pred) return oom(b);
            if ((rc = xc_compile(a, &post, sel->having, agg->pred, b->err))) return rc;
            if (agg->pred->type != TYPE_BOOLEAN)
                return err_at(b->err, WEIR_ERROR, sel->having->line, sel->having->col,
                              "HAVING must be a BOOLEAN condition, not %s", type_name(agg->pred->type));
            agg->pred_sql = ast_to_sql(a, sel->having);
        }
        agg->nexprs = items->n;
        agg->exprs = arena_alloc(a, sizeof(ExprProg) * (size_t)(items->n ? items->n : 1));
        agg->expr_sql = arena_alloc(a, sizeof(char *) * (size_t)(items->n ? items->n : 1));
        if (!agg->exprs || !agg->expr_sql) return oom(b);
        agg->cols[0] = (PlanCol){.name = "op", .type = TYPE_VARCHAR};
        for (int i = 0; i < items->n; i++) {
            const AstNode *it = items->items[i];
            if ((rc = xc_compile(a, &post, it->a, &agg->exprs[i], b->err))) return rc;
            agg->cols[1 + i] = (PlanCol){.name = item_name(b, it, i), .type = agg->exprs[i].type};
            agg->expr_sql[i] = ast_to_sql(a, it->a);
        }
        set_types(agg);
        *top = agg;
        *changelog = true;
        return WEIR_OK;
    }
    set_types(agg);
    *top = agg;
    if (sel->having && (rc = filter(b, top, &post, sel->having, "HAVING"))) return rc;
    LNode *proj;
    if ((rc = project(b, top, &post, items, &proj))) return rc;
    /* window_time stays an event-time attribute (Flink's rule) for a later window. */
    for (int i = 0; i < proj->ncols; i++)
        if (proj->exprs[i].n == 1 && proj->exprs[i].code[0].op == X_COL && proj->exprs[i].code[0].a == 2)
            proj->cols[i].rowtime = !w.proctime;
    *top = proj;
    return WEIR_OK;
}

static int bind_select_rel(BindCtx *b, const AstSelect *sel, Rel *rel, bool *changelog)
{
    int rc;
    *changelog = false;
    if (!sel->from) return err_at(b->err, WEIR_ERROR, sel->line, sel->col, "SELECT without FROM is not supported yet");
    if ((rc = bind_from(b, sel->from, rel))) return rc;
    LNode *top = rel->top;
    Scope s = rel_scope(rel);
    if (sel->where) {
        if (has_aggregate(sel->where)) {
            const AstNode *w = sel->where;
            return err_at(b->err, WEIR_ERROR, w->line, w->col, "aggregates are not allowed in WHERE; use HAVING");
        }
        if ((rc = filter(b, &top, &s, sel->where, "WHERE"))) return rc;
    }
    AstList *items;
    if ((rc = expand_items(b, sel, rel, &items))) return rc;
    bool any_agg = sel->having != NULL;
    for (int i = 0; i < items->n; i++) any_agg |= has_aggregate(items->items[i]->a);
    if (sel->group_by || any_agg) {
        if (sel->distinct)
            return err_at(b->err, WEIR_ERROR, sel->line, sel->col, "SELECT DISTINCT with GROUP BY is not supported yet");
        rel->top = top;
        for (int i = 0; i < items->n; i++)
            if (items->items[i]->a->kind == AST_STAR)
                return err_at(b->err, WEIR_ERROR, items->items[i]->line, items->items[i]->col, "SELECT * cannot be used with GROUP BY");
        if ((rc = bind_aggregate(b, sel, rel, items, &top, changelog))) return rc;
    } else if (sel->distinct) {
        /* SELECT DISTINCT a, b  ==  SELECT a, b ... GROUP BY a, b: a changelog of +I rows. */
        AstSelect g = *sel;
        AstList *gb = arena_alloc(b->arena, sizeof *gb);
        if (!gb) return oom(b);
        gb->n = gb->cap = items->n;
        gb->items = arena_alloc(b->arena, sizeof(AstNode *) * (size_t)(items->n ? items->n : 1));
        for (int i = 0; i < items->n; i++) gb->items[i] = items->items[i]->a;
        g.group_by = gb;
        g.distinct = false;
        rel->top = top;
        if (rel->tvf)
            return err_at(b->err, WEIR_ERROR, sel->line, sel->col, "SELECT DISTINCT over a window table function is not supported yet");
        if ((rc = bind_aggregate(b, &g, rel, items, &top, changelog))) return rc;
    } else {
        if (rel->tvf)
            return err_at(b->err, WEIR_ERROR, rel->tvf_from->line, rel->tvf_from->col,
                          "a window table function needs GROUP BY window_start, window_end (plain window assignment is not supported yet)");
        LNode *proj;
        if ((rc = project(b, &top, &s, items, &proj))) return rc;
        top = proj;
    }
    /* EMIT ON WINDOW CLOSE: what windows do anyway; anything else has no window to close. */
    if (sel->emit_line && (*changelog || !(sel->group_by || any_agg)))
        return err_at(b->err, WEIR_ERROR, sel->emit_line, sel->emit_col,
                      "EMIT ON WINDOW CLOSE needs a windowed GROUP BY (TUMBLE, HOP, CUMULATE or SESSION)");
    if (sel->limit >= 0) {
        LNode *l = new_node(b, L_LIMIT, top, top->ncols);
        if (!l) return oom(b);
        memcpy(l->cols, top->cols, sizeof(PlanCol) * (size_t)top->ncols);
        set_types(l);
        l->limit = sel->limit;
        top = l;
    }
    rel->top = top;
    rel->ncols = top->ncols;
    rel->cols = top->cols;
    rel->tvf = false;
    return WEIR_OK;
}

int bind_select(BindCtx *b, const AstSelect *sel, LNode **out, bool *changelog)
{
    Rel rel = {0};
    int rc = bind_select_rel(b, sel, &rel, changelog);
    if (rc) return rc;
    *out = rel.top;
    return WEIR_OK;
}
