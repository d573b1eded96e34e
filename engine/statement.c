/*
 * statement.c - what each statement does: DDL against the catalog, SET/RESET
 * on the engine, SHOW / DESCRIBE / EXPLAIN as small fixed results, and SELECT
 * as a continuous query.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

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
    return cat_drop(w->cat, st->name, &found, &w->err);
}

static int show(weir *w, Arena *a, const AstStmt *st, weir_query **out)
{
    static const char *const col[] = {"name"};
    const char **names;
    int n = 0;
    int rc = WEIR_OK;
    if (st->obj != OBJ_JOB && (rc = cat_list(w->cat, st->obj == OBJ_TABLE ? OBJ_NONE : st->obj, a, &names, &n, &w->err)))
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
    case STMT_CREATE_SINK:
    case STMT_INSERT:
        rc = err_at(&w->err, WEIR_ERROR, st->line, st->col, "%s is not supported yet",
                    st->kind == STMT_INSERT ? "INSERT INTO" : "CREATE SINK");
        break;
    case STMT_DROP: rc = drop(w, &a, st); break;
    case STMT_SHOW: rc = show(w, &a, st, out); break;
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
