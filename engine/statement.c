/*
 * statement.c - what each statement does: DDL against the catalog, SET/RESET
 * on the engine, SHOW / DESCRIBE / EXPLAIN as small fixed results, SELECT as a
 * continuous query, and sink jobs: CREATE SINK ... AS SELECT and INSERT INTO
 * table SELECT become a query whose chain ends in a sink (runtime/sink.h)
 * instead of the collector; weir_exec runs it to completion like a SELECT and
 * the jobs run are listed by SHOW JOBS.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connector_api.h"
#include "engine.h"
#include "sink.h"

static const char *kind_word(ObjKind k)
{
    switch (k) {
    case OBJ_SOURCE: return "source";
    case OBJ_TABLE: return "table";
    case OBJ_VIEW: return "view";
    case OBJ_SINK: return "sink";
    case OBJ_JOB: return "job";
    default: return "object";
    }
}

static int create_source(weir *w, Arena *a, const char *text, const AstStmt *st, const char *base_dir)
{
    CatObject *existing;
    int rc = cat_get(w->cat, st->name, a, &existing, &w->err);
    if (rc) return rc;
    if (existing) {
        if (st->if_not_exists) return WEIR_OK;
        return err_at(&w->err, WEIR_ERROR, st->name_line, st->name_col, "%s \"%s\" already exists",
                      kind_word(existing->kind), st->name);
    }
    const char *ddl = arena_strndup(a, text + st->text_start, (size_t)(st->text_end - st->text_start));
    BindCtx b = {.arena = a, .cat = w->cat, .err = &w->err};
    CatObject obj;
    if ((rc = bind_create_source(&b, st, ddl, base_dir, &obj))) return rc;
    return cat_put(w->cat, &obj, &w->err);
}

static int create_view(weir *w, Arena *a, const char *text, const AstStmt *st)
{
    CatObject *existing;
    int rc = cat_get(w->cat, st->name, a, &existing, &w->err);
    if (rc) return rc;
    if (existing) {
        if (st->if_not_exists) return WEIR_OK;
        return err_at(&w->err, WEIR_ERROR, st->name_line, st->name_col, "%s \"%s\" already exists",
                      kind_word(existing->kind), st->name);
    }
    BindCtx b = {.arena = a, .cat = w->cat, .err = &w->err};
    LNode *plan;
    bool changelog;
    if ((rc = bind_select(&b, st->select, &plan, &changelog))) return rc;
    CatObject obj = {.name = st->name, .kind = OBJ_VIEW, .base_dir = ""};
    obj.ddl = arena_strndup(a, text + st->text_start, (size_t)(st->text_end - st->text_start));
    obj.ncols = plan->ncols;
    obj.cols = arena_alloc(a, sizeof(CatColumn) * (size_t)(plan->ncols ? plan->ncols : 1));
    if (!obj.ddl || !obj.cols) return err_set(&w->err, WEIR_NOMEM, "out of memory");
    for (int i = 0; i < plan->ncols; i++) {
        obj.cols[i].name = plan->cols[i].name;
        obj.cols[i].type = plan->cols[i].type;
    }
    return cat_put(w->cat, &obj, &w->err);
}

static int drop(weir *w, Arena *a, const AstStmt *st)
{
    CatObject *existing;
    int rc = cat_get(w->cat, st->name, a, &existing, &w->err);
    if (rc) return rc;
    if (!existing) {
        if (st->if_exists) return WEIR_OK;
        return err_at(&w->err, WEIR_ERROR, st->name_line, st->name_col, "%s \"%s\" does not exist", kind_word(st->obj), st->name);
    }
    bool kind_ok = existing->kind == st->obj ||
                   (st->obj == OBJ_TABLE && existing->kind == OBJ_SOURCE) ||
                   (st->obj == OBJ_SOURCE && existing->kind == OBJ_TABLE);
    if (!kind_ok)
        return err_at(&w->err, WEIR_ERROR, st->name_line, st->name_col, "\"%s\" is a %s, not a %s", st->name,
                      kind_word(existing->kind), kind_word(st->obj));
    bool found;
    rc = cat_drop(w->cat, st->name, &found, &w->err);
    /* An api source's pushed records and closed state go with it. */
    if (!rc && (existing->kind == OBJ_SOURCE || existing->kind == OBJ_TABLE)) api_hub_forget(w->api, st->name);
    return rc;
}

/* ---- sink jobs ------------------------------------------------------------- */

void stmt_jobs_free(weir *w)
{
    for (int i = 0; i < w->njobs; i++) free(w->jobs[i].name);
    free(w->jobs);
    w->jobs = NULL;
    w->njobs = 0;
}

/* Records a job that starts now; returns its index, or -1 when out of memory
 * (the job still runs; SHOW JOBS misses it). */
static int job_add(weir *w, const char *name)
{
    Job *p = realloc(w->jobs, sizeof *p * (size_t)(w->njobs + 1));
    if (!p) return -1;
    w->jobs = p;
    char *nm = strdup(name);
    if (!nm) return -1;
    p[w->njobs].name = nm;
    p[w->njobs].state = "running";
    p[w->njobs].cat_id = 0;
    WeirError ignored;     /* SHOW JOBS is bookkeeping: a catalog that cannot record it does not stop the job */
    cat_job_start(w->cat, name, &p[w->njobs].cat_id, &ignored);
    return w->njobs++;
}

void stmt_job_ended(weir *w, int job, const char *state)
{
    if (job < 0 || job >= w->njobs) return;
    w->jobs[job].state = state;
    WeirError ignored;
    if (w->jobs[job].cat_id) cat_job_end(w->cat, w->jobs[job].cat_id, state, &ignored);
}

/* The text of a WITH option's value, as the binder stores it for sources. */
static const char *option_text(Arena *a, const AstNode *v)
{
    switch (v->kind) {
    case AST_STRING: return arena_strdup(a, v->str);
    case AST_INT: return arena_printf(a, "%lld", (long long)v->ival);
    case AST_DOUBLE: return arena_printf(a, "%g", v->dval);
    case AST_BOOL: return v->ival ? "true" : "false";
    default: return "";
    }
}

/* The source a plan reads (phase 1: one). */
static const SourceSpec *plan_source(const LNode *plan)
{
    while (plan->input) plan = plan->input;
    return plan->source;
}

/* Lower-cased copies of a WITH list's keys and their values, in a. */
static int copy_options(Arena *a, const AstList *options, int *nopts, const char ***keys, const char ***vals)
{
    int n = options ? options->n : 0;
    const char **k = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
    const char **v = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
    if (!k || !v) return WEIR_NOMEM;
    for (int i = 0; i < n; i++) {
        char *key = arena_strdup(a, options->items[i]->str);
        if (!key) return WEIR_NOMEM;
        for (char *q = key; *q; q++)
            if (*q >= 'A' && *q <= 'Z') *q = (char)(*q - 'A' + 'a');
        k[i] = key;
        v[i] = option_text(a, options->items[i]->a);
        if (!v[i]) return WEIR_NOMEM;
    }
    *nopts = n;
    *keys = k;
    *vals = v;
    return WEIR_OK;
}

/* A sink's option error points at the statement's object name. */
static int at_name(weir *w, const AstStmt *st, int rc)
{
    if (rc == WEIR_ERROR && w->err.line <= 0) {
        w->err.line = st->name_line;
        w->err.col = st->name_col;
    }
    return rc;
}

/* Starts the job: the query whose chain ends in the sink.  job: its arena
 * (plan and spec), which the query takes over. */
static int start_job(weir *w, Arena *job, LNode *plan, const SourceSpec *spec, const char *name, weir_query **out)
{
    weir_query *q;
    int rc = query_sink_job(w, job, plan, spec, &q);
    if (rc) return rc;
    q->job = job_add(w, name);
    *out = q;
    return WEIR_OK;
}

/* Where to point at the i-th column of a SELECT in a message: its item when the
 * list has no `*`, else the SELECT. */
static void item_pos(const AstSelect *sel, int i, int *line, int *col)
{
    *line = sel->line;
    *col = sel->col;
    const AstList *items = sel->items;
    if (!items || i >= items->n) return;
    for (int k = 0; k < items->n; k++)
        if (items->items[k]->a && items->items[k]->a->kind == AST_STAR) return;
    *line = items->items[i]->line;
    *col = items->items[i]->col;
}

/* CREATE SINK name WITH (...) AS SELECT: stored in the catalog (its columns are
 * the query's, `op` first for a changelog), then run. */
static int create_sink(weir *w, Arena *a, const char *text, const AstStmt *st, const char *base_dir, weir_query **out)
{
    CatObject *existing;
    int rc = cat_get(w->cat, st->name, a, &existing, &w->err);
    if (rc) return rc;
    if (existing) {
        if (st->if_not_exists) return WEIR_OK;
        return err_at(&w->err, WEIR_ERROR, st->name_line, st->name_col, "%s \"%s\" already exists",
                      kind_word(existing->kind), st->name);
    }
    Arena job;
    arena_init(&job);
    BindCtx b = {.arena = &job, .cat = w->cat, .err = &w->err};
    LNode *plan;
    bool changelog;
    SourceSpec *spec = arena_alloc(&job, sizeof *spec);
    SourceColumn *cols = arena_alloc(&job, sizeof(SourceColumn) * 1);
    if (!spec || !cols) rc = err_set(&w->err, WEIR_NOMEM, "out of memory");
    if (!rc) rc = bind_select(&b, st->select, &plan, &changelog);
    if (!rc) {
        cols = arena_alloc(&job, sizeof(SourceColumn) * (size_t)(plan->ncols ? plan->ncols : 1));
        spec->name = arena_strdup(&job, st->name);
        spec->base_dir = arena_strdup(&job, base_dir ? base_dir : "");
        const char **keys = NULL, **vals = NULL;
        if (!cols || !spec->name || !spec->base_dir || copy_options(&job, st->options, &spec->nopts, &keys, &vals))
            rc = err_set(&w->err, WEIR_NOMEM, "out of memory");
        spec->opt_keys = keys;
        spec->opt_values = vals;
    }
    if (!rc) {
        for (int i = 0; i < plan->ncols; i++) cols[i] = (SourceColumn){plan->cols[i].name, plan->types[i]};
        /* The file's header (or JSON keys) must name each column once. */
        for (int i = 0; i < plan->ncols && !rc; i++)
            for (int j = 0; j < i && !rc; j++)
                if (!strcmp(cols[i].name, cols[j].name)) {
                    int line, col;
                    item_pos(st->select, i, &line, &col);
                    rc = err_at(&w->err, WEIR_ERROR, line, col,
                                "sink \"%s\": column \"%s\" appears twice; give it another name with AS", st->name,
                                cols[i].name);
                }
        spec->cols = cols;
        spec->ncols = plan->ncols;
        spec->connector = source_option(spec, "connector");
        if (!rc && !spec->connector)
            rc = err_at(&w->err, WEIR_ERROR, st->name_line, st->name_col,
                        "sink \"%s\" has no connector: add WITH (connector = 'file' | 'stdout' | 'blackhole', ...)", st->name);
    }
    if (!rc) rc = at_name(w, st, sink_check(spec, &w->err));
    if (!rc) {
        CatObject obj = {.name = st->name, .kind = OBJ_SINK, .base_dir = spec->base_dir, .ncols = plan->ncols};
        obj.ddl = arena_strndup(a, text + st->text_start, (size_t)(st->text_end - st->text_start));
        obj.cols = arena_alloc(a, sizeof(CatColumn) * (size_t)(plan->ncols ? plan->ncols : 1));
        if (!obj.ddl || !obj.cols) rc = err_set(&w->err, WEIR_NOMEM, "out of memory");
        for (int i = 0; !rc && i < plan->ncols; i++) {
            obj.cols[i].name = cols[i].name;
            obj.cols[i].type = cols[i].type;
        }
        obj.nopts = spec->nopts;
        obj.opt_keys = (const char **)spec->opt_keys;     /* cat_put only reads them */
        obj.opt_values = (const char **)spec->opt_values;
        if (!rc) rc = cat_put(w->cat, &obj, &w->err);
    }
    if (!rc && (rc = start_job(w, &job, plan, spec, st->name, out))) {
        /* The job never started (e.g. its file cannot be created): as with a
         * failed CREATE TABLE AS, the sink is not kept. */
        bool found;
        WeirError keep = w->err;
        cat_drop(w->cat, st->name, &found, &w->err);
        w->err = keep;
    }
    arena_free(&job);
    return rc;
}

/* May a query column of type from be written into a column of type to? */
static bool widens_to(TypeId from, TypeId to)
{
    if (from == to || from == TYPE_NULL) return true;
    if (from == TYPE_INT) return to == TYPE_BIGINT || to == TYPE_DOUBLE;
    if (from == TYPE_BIGINT) return to == TYPE_DOUBLE;
    return false;
}

/* INSERT INTO table SELECT: the table's physical columns must match the query's
 * (count, and types up to widening); rows are written with the table's names
 * through its connector (`op` first when the query is a changelog). */
static int insert_into(weir *w, Arena *a, const AstStmt *st, weir_query **out)
{
    CatObject *t;
    int rc = cat_get(w->cat, st->name, a, &t, &w->err);
    if (rc) return rc;
    if (!t) return err_at(&w->err, WEIR_ERROR, st->name_line, st->name_col, "unknown table \"%s\"", st->name);
    if (t->kind != OBJ_TABLE && t->kind != OBJ_SOURCE)
        return err_at(&w->err, WEIR_ERROR, st->name_line, st->name_col,
                      "cannot INSERT INTO \"%s\": it is a %s; INSERT INTO needs a table (CREATE TABLE ... WITH (connector = ...))",
                      st->name, kind_word(t->kind));
    int nphys = 0;
    for (int i = 0; i < t->ncols; i++) nphys += !t->cols[i].computed;
    Arena job;
    arena_init(&job);
    BindCtx b = {.arena = &job, .cat = w->cat, .err = &w->err};
    LNode *plan = NULL;
    bool changelog = false;
    rc = bind_select(&b, st->select, &plan, &changelog);
    const SourceSpec *src = rc ? NULL : plan_source(plan);
    if (!rc && src && src->name && !strcmp(src->name, t->name))
        rc = err_at(&w->err, WEIR_ERROR, st->name_line, st->name_col,
                    "INSERT INTO \"%s\" reads \"%s\" too: a job cannot write the table it reads", st->name, t->name);
    int off = changelog ? 1 : 0;
    if (!rc && plan->ncols - off != nphys) {
        int line, col;
        item_pos(st->select, 0, &line, &col);
        rc = err_at(&w->err, WEIR_ERROR, line, col, "table \"%s\" has %d column%s, but the query gives %d", st->name,
                    nphys, nphys == 1 ? "" : "s", plan->ncols - off);
    }
    SourceSpec *spec = rc ? NULL : arena_alloc(&job, sizeof *spec);
    SourceColumn *cols = rc ? NULL : arena_alloc(&job, sizeof(SourceColumn) * (size_t)(plan->ncols ? plan->ncols : 1));
    if (!rc && (!spec || !cols)) rc = err_set(&w->err, WEIR_NOMEM, "out of memory");
    if (!rc && changelog) cols[0] = (SourceColumn){plan->cols[0].name, plan->types[0]};
    for (int i = 0, k = off; !rc && i < t->ncols; i++) {
        const CatColumn *c = &t->cols[i];
        if (c->computed) continue;
        TypeId from = plan->types[k];
        if (!widens_to(from, c->type)) {
            int line, col;
            item_pos(st->select, k - off, &line, &col);
            rc = err_at(&w->err, WEIR_ERROR, line, col,
                        "column %d of the query is %s, but column \"%s\" of table \"%s\" is %s", k - off + 1,
                        type_name(from), c->name, st->name, type_name(c->type));
            break;
        }
        cols[k].name = arena_strdup(&job, c->name);
        cols[k].type = c->type;
        if (!cols[k].name) rc = err_set(&w->err, WEIR_NOMEM, "out of memory");
        k++;
    }
    if (!rc) {
        const char **keys = arena_alloc(&job, sizeof(char *) * (size_t)(t->nopts + 1));
        const char **vals = arena_alloc(&job, sizeof(char *) * (size_t)(t->nopts + 1));
        if (!keys || !vals) rc = err_set(&w->err, WEIR_NOMEM, "out of memory");
        for (int i = 0; !rc && i < t->nopts; i++) {
            keys[i] = arena_strdup(&job, t->opt_keys[i]);
            vals[i] = arena_strdup(&job, t->opt_values[i]);
            if (!keys[i] || !vals[i]) rc = err_set(&w->err, WEIR_NOMEM, "out of memory");
        }
        if (!rc) {
            spec->name = arena_strdup(&job, t->name);
            spec->base_dir = arena_strdup(&job, t->base_dir ? t->base_dir : "");
            spec->ncols = plan->ncols;
            spec->cols = cols;
            spec->nopts = t->nopts;
            spec->opt_keys = keys;
            spec->opt_values = vals;
            spec->connector = source_option(spec, "connector");
            if (!spec->name || !spec->base_dir) rc = err_set(&w->err, WEIR_NOMEM, "out of memory");
        }
    }
    if (!rc) rc = at_name(w, st, sink_check(spec, &w->err));
    if (!rc) rc = start_job(w, &job, plan, spec, st->name, out);
    arena_free(&job);
    return rc;
}

/* SHOW JOBS: the sink jobs run with this catalog (this engine's, and earlier
 * runs' when the catalog is a file), in order, with their state. */
static int show_jobs(weir *w, Arena *a, weir_query **out)
{
    static const char *const cols[] = {"name", "state"};
    CatJob *jobs;
    int n;
    int rc = cat_jobs(w->cat, a, &jobs, &n, &w->err);
    if (rc) return rc;
    weir_query *q = query_fixed(w, 2, cols);
    if (!q) return err_set(&w->err, WEIR_NOMEM, "out of memory");
    for (int i = 0; i < n; i++) {
        const char *v[2] = {jobs[i].name, jobs[i].state};
        if (query_fixed_row(q, v)) {
            weir_query_close(q);
            return err_set(&w->err, WEIR_NOMEM, "out of memory");
        }
    }
    *out = q;
    return WEIR_OK;
}

static int show(weir *w, Arena *a, const AstStmt *st, weir_query **out)
{
    static const char *const col[] = {"name"};
    const char **names;
    int n = 0;
    int rc = WEIR_OK;
    if (st->obj == OBJ_JOB) return show_jobs(w, a, out);
    if ((rc = cat_list(w->cat, st->obj == OBJ_TABLE ? OBJ_NONE : st->obj, a, &names, &n, &w->err)))
        return rc;
    weir_query *q = query_fixed(w, 1, col);
    if (!q) return err_set(&w->err, WEIR_NOMEM, "out of memory");
    for (int i = 0; i < n && !rc; i++) {
        if (st->obj == OBJ_TABLE) {
            /* SHOW TABLES lists what Flink calls tables: sources and tables. */
            CatObject *o;
            if ((rc = cat_get(w->cat, names[i], a, &o, &w->err))) break;
            if (!o || (o->kind != OBJ_SOURCE && o->kind != OBJ_TABLE)) continue;
        }
        const char *v[1] = {names[i]};
        rc = query_fixed_row(q, v);
    }
    if (rc) {
        weir_query_close(q);
        return rc;
    }
    *out = q;
    return WEIR_OK;
}

/* SHOW CREATE kind name: the statement that created it, as it was written
 * (one row, column "ddl").  SOURCE and TABLE name the same objects here (both
 * are read by queries); VIEW and SINK must match. */
static int show_create(weir *w, Arena *a, const AstStmt *st, weir_query **out)
{
    CatObject *o;
    int rc = cat_get(w->cat, st->name, a, &o, &w->err);
    if (rc) return rc;
    static const char *const kind_names[] = {"", "source", "table", "view", "sink", "job"};
    if (!o) return err_at(&w->err, WEIR_ERROR, st->name_line, st->name_col, "unknown %s \"%s\"", kind_names[st->obj], st->name);
    bool source_like = st->obj == OBJ_SOURCE || st->obj == OBJ_TABLE;
    bool is_source_like = o->kind == OBJ_SOURCE || o->kind == OBJ_TABLE;
    if (source_like ? !is_source_like : o->kind != st->obj)
        return err_at(&w->err, WEIR_ERROR, st->name_line, st->name_col, "\"%s\" is a %s, not a %s; use SHOW CREATE %s %s",
                      st->name, kind_names[o->kind], kind_names[st->obj], o->kind == OBJ_VIEW ? "VIEW" : o->kind == OBJ_SINK ? "SINK" : "TABLE",
                      st->name);
    static const char *const col[] = {"ddl"};
    weir_query *q = query_fixed(w, 1, col);
    if (!q) return err_set(&w->err, WEIR_NOMEM, "out of memory");
    const char *v[1] = {o->ddl};
    if ((rc = query_fixed_row(q, v))) {
        weir_query_close(q);
        return rc;
    }
    *out = q;
    return WEIR_OK;
}

/* DESCRIBE: one row a column: name, type, and what defines it. */
static int describe(weir *w, Arena *a, const AstStmt *st, weir_query **out)
{
    CatObject *o;
    int rc = cat_get(w->cat, st->name, a, &o, &w->err);
    if (rc) return rc;
    if (!o) return err_at(&w->err, WEIR_ERROR, st->name_line, st->name_col, "unknown source, table, view or sink \"%s\"", st->name);
    AstStmt *ddl = NULL;
    AstScript *script;
    WeirError perr;
    if (parse_script(a, o->ddl, strlen(o->ddl), &script, &perr) == WEIR_OK && script->n == 1) ddl = script->stmts[0];
    static const char *const cols[] = {"name", "type", "extra"};
    weir_query *q = query_fixed(w, 3, cols);
    if (!q) return err_set(&w->err, WEIR_NOMEM, "out of memory");
    for (int i = 0; i < o->ncols && !rc; i++) {
        const char *extra = NULL;
        if (ddl && ddl->kind == STMT_CREATE_SOURCE && ddl->columns && i < ddl->columns->n) {
            const AstNode *c = ddl->columns->items[i];
            if (c->a) extra = arena_printf(a, "AS %s", ast_to_sql(a, c->a));
            if (ddl->wm_column && !strcmp(ddl->wm_column, c->str)) {
                const char *wm = arena_printf(a, "WATERMARK AS %s", ast_to_sql(a, ddl->wm_expr));
                extra = extra ? arena_printf(a, "%s; %s", extra, wm) : wm;
            }
        }
        const char *type = type_name(o->cols[i].type);
        if (o->cols[i].type == TYPE_VARCHAR && o->cols[i].type_len > 0)
            type = arena_printf(a, "VARCHAR(%d)", o->cols[i].type_len);
        const char *v[3] = {o->cols[i].name, type, extra ? extra : ""};
        rc = query_fixed_row(q, v);
    }
    if (rc) {
        weir_query_close(q);
        return err_set(&w->err, WEIR_NOMEM, "out of memory");
    }
    *out = q;
    return WEIR_OK;
}

static int explain(weir *w, Arena *a, const AstStmt *st, weir_query **out)
{
    BindCtx b = {.arena = a, .cat = w->cat, .err = &w->err};
    LNode *plan;
    bool changelog;
    int rc = bind_select(&b, st->select, &plan, &changelog);
    if (rc) return rc;
    const char **lines;
    int n;
    if ((rc = plan_explain(a, plan, &lines, &n))) return err_set(&w->err, rc, "out of memory");
    static const char *const col[] = {"plan"};
    weir_query *q = query_fixed(w, 1, col);
    if (!q) return err_set(&w->err, WEIR_NOMEM, "out of memory");
    for (int i = 0; i < n && !rc; i++) {
        const char *v[1] = {lines[i]};
        rc = query_fixed_row(q, v);
    }
    if (rc) {
        weir_query_close(q);
        return err_set(&w->err, WEIR_NOMEM, "out of memory");
    }
    *out = q;
    return WEIR_OK;
}

int stmt_execute(weir *w, const char *text, const AstStmt *st, const char *base_dir, weir_query **out)
{
    *out = NULL;
    Arena a;
    arena_init(&a);
    int rc = WEIR_OK;
    switch (st->kind) {
    case STMT_SELECT: rc = query_from_select(w, &a, st->select, out); break;
    case STMT_CREATE_SOURCE: rc = create_source(w, &a, text, st, base_dir); break;
    case STMT_CREATE_VIEW: rc = create_view(w, &a, text, st); break;
    case STMT_CREATE_SINK: rc = create_sink(w, &a, text, st, base_dir, out); break;
    case STMT_INSERT: rc = insert_into(w, &a, st, out); break;
    case STMT_DROP: rc = drop(w, &a, st); break;
    case STMT_SHOW: rc = show(w, &a, st, out); break;
    case STMT_SHOW_CREATE: rc = show_create(w, &a, st, out); break;
    case STMT_DESCRIBE: rc = describe(w, &a, st, out); break;
    case STMT_EXPLAIN: rc = explain(w, &a, st, out); break;
    case STMT_SET:
        rc = weir_set(w, st->key, st->value);
        if (rc) err_set(&w->err, rc, "SET failed");
        break;
    case STMT_RESET:
        if (st->key) rc = weir_set(w, st->key, NULL);
        else
            while (w->nsettings && !rc) rc = weir_set(w, w->settings[0].key, NULL);
        break;
    }
    arena_free(&a);
    return rc;
}
