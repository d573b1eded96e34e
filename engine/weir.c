/*
 * weir.c - the public API (include/weir.h): engines, scripts, queries, rows.
 *
 * weir_exec_with parses a whole script, then runs its statements one by one
 * (statement.c), stopping at the first error.  A SELECT becomes a weir_query
 * whose pipeline is pulled by weir_query_step: each step hands out one queued
 * row, or runs the pipeline for another batch when the queue is empty.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <libgen.h>
#include <limits.h>

#include "connector_api.h"
#include "engine.h"
#include "snapshot.h"
#include "state.h"

const char *weir_version(void) { return "0.1.0"; }

static int api_attach_query(weir *w, weir_query *q);
static int ckpt_start(weir *w, weir_query *q, const char *text, size_t len);
static int ckpt_take(weir_query *q);
static int ckpt_start_open(weir *w, weir_query *q, const char *sql);
static int ckpt_due(weir_query *q);
static int ckpt_stop(weir_query *q);
static int ckpt_finished(weir_query *q);
static void ckpt_free(weir_query *q);
static int64_t ckpt_counter(const weir_query *q, int which);

/* ---- engines ------------------------------------------------------------------ */

int weir_open(const char *catalog_path, const char *state_path, weir **out)
{
    if (!out) return WEIR_MISUSE;
    weir *w = calloc(1, sizeof *w);
    *out = w;
    if (!w) return WEIR_NOMEM;
    err_clear(&w->err);
    /* The state file itself opens at the first job (after --reset-state). */
    if (state_path && !(w->state_path = strdup(state_path))) return err_set(&w->err, WEIR_NOMEM, "out of memory");
    int rc = cat_open(catalog_path, &w->cat, &w->err);
    return rc;
}

int weir_close(weir *w)
{
    if (!w) return WEIR_OK;
    while (w->queries) weir_query_close(w->queries);
    api_hub_free(w->api); /* after the queries: their api sources detach from it */
    stmt_jobs_free(w);
    state_close(w->state);
    free(w->state_path);
    cat_close(w->cat);
    for (int i = 0; i < w->nsettings; i++) {
        free(w->settings[i].key);
        free(w->settings[i].value);
    }
    free(w->settings);
    free(w);
    return WEIR_OK;
}

const char *weir_errmsg(weir *w)
{
    if (!w) return "no engine (NULL handle)";
    if (w->err.code == WEIR_OK) return "not an error";
    if (w->err.line > 0)
        snprintf(w->errbuf, sizeof w->errbuf, "%d:%d: %s", w->err.line, w->err.col, w->err.msg);
    else
        snprintf(w->errbuf, sizeof w->errbuf, "%s", w->err.msg);
    return w->errbuf;
}

void weir_errpos(weir *w, int *line, int *col)
{
    if (line) *line = w ? w->err.line : 0;
    if (col) *col = w ? w->err.col : 0;
}

void weir_interrupt(weir *w)
{
    if (w) w->interrupted = 1;
}

const char *setting_get(weir *w, const char *key)
{
    for (int i = 0; i < w->nsettings; i++)
        if (!strcmp(w->settings[i].key, key)) return w->settings[i].value;
    return NULL;
}

int weir_set(weir *w, const char *key, const char *value)
{
    if (!w || !key) return WEIR_MISUSE;
    for (int i = 0; i < w->nsettings; i++)
        if (!strcmp(w->settings[i].key, key)) {
            if (!value) {
                free(w->settings[i].key);
                free(w->settings[i].value);
                w->settings[i] = w->settings[--w->nsettings];
                return WEIR_OK;
            }
            char *v = strdup(value);
            if (!v) return WEIR_NOMEM;
            free(w->settings[i].value);
            w->settings[i].value = v;
            return WEIR_OK;
        }
    if (!value) return WEIR_OK;
    Setting *p = realloc(w->settings, sizeof *p * (size_t)(w->nsettings + 1));
    if (!p) return WEIR_NOMEM;
    w->settings = p;
    p[w->nsettings].key = strdup(key);
    p[w->nsettings].value = strdup(value);
    if (!p[w->nsettings].key || !p[w->nsettings].value) return WEIR_NOMEM;
    w->nsettings++;
    return WEIR_OK;
}

/* ---- scripts ------------------------------------------------------------------ */

/* The directory relative paths resolve against: the script's, else the cwd. */
static char *base_dir_of(const char *filename)
{
    char buf[PATH_MAX];
    if (filename && strcmp(filename, "-") != 0) {
        char *copy = strdup(filename);
        if (!copy) return NULL;
        char *dir = dirname(copy);
        char *abs = realpath(dir, buf);
        char *res = strdup(abs ? abs : dir);
        free(copy);
        return res;
    }
    return strdup(getcwd(buf, sizeof buf) ? buf : ".");
}

static int run_query(weir *w, weir_query *q, const weir_exec_hooks *h)
{
    /* A sink job has no result to print: only its end (the summary). */
    if (h && h->begin && !q->is_sink) h->begin(h->ctx, q);
    q->hooks = h;
    int rc;
    for (;;) {
        if (w->interrupted) {
            rc = ckpt_stop(q);
            break;
        }
        rc = weir_query_step(q);
        if (rc == WEIR_ROW) {
            if (h && h->row && h->row(h->ctx, q)) {
                rc = WEIR_OK;
                break;
            }
            continue;
        }
        if (rc == WEIR_PENDING) {
            struct timespec ts = {0, 5 * 1000 * 1000};
            nanosleep(&ts, NULL);
            continue;
        }
        if (rc == WEIR_DONE) rc = WEIR_OK;
        break;
    }
    q->hooks = NULL;
    if (h && h->end) h->end(h->ctx, q, rc);
    return rc;
}

/* Connects the query's api source, if it reads one, to the engine's channel of
 * that name (connector_api.h), so that weir_source_push reaches it.  Called as
 * soon as the pipeline is built; again is harmless. */
static int api_attach_query(weir *w, weir_query *q)
{
    if (!q->has_pipeline || !source_is_api(q->pipe.src)) return WEIR_OK;
    if (!w->api && !(w->api = api_hub_new())) return err_set(&w->err, WEIR_NOMEM, "out of memory");
    return api_attach(w->api, q->pipe.src, &w->err);
}

/* weir_exec and weir_exec_with.  bounded_only (weir_exec): a SELECT whose
 * source never ends by itself is an error instead of a loop that never
 * returns; the CLI (weir_exec_with) streams such a query until interrupted. */
static int exec_script(weir *w, const char *sql, const weir_exec_hooks *hooks, bool bounded_only)
{
    if (!w) return WEIR_MISUSE;
    if (!sql) return err_set(&w->err, WEIR_MISUSE, "no SQL text (NULL)");
    err_clear(&w->err);
    w->interrupted = 0;
    w->in_exec = true;
    Arena arena;
    arena_init(&arena);
    AstScript *script = NULL;
    /* The statements before a syntax error run first (as in sqlite3 and
     * psql); then the error stops the script. */
    int parse_rc = parse_script_prefix(&arena, sql, strlen(sql), &script, &w->err);
    WeirError parse_err = w->err;
    int rc = script ? WEIR_OK : parse_rc;
    char *base = rc ? NULL : base_dir_of(hooks ? hooks->filename : NULL);
    if (!rc && !base) rc = err_set(&w->err, WEIR_NOMEM, "out of memory");
    for (int i = 0; !rc && i < script->n && !w->interrupted; i++) {
        weir_query *q = NULL;
        rc = stmt_execute(w, sql, script->stmts[i], base, &q);
        if (!rc && q) rc = api_attach_query(w, q);
        if (!rc && q && bounded_only && q->has_pipeline && q->pipe.src && q->pipe.src->unbounded)
            rc = err_at(&w->err, WEIR_ERROR, script->stmts[i]->line, script->stmts[i]->col,
                        "weir_exec: this query reads the unbounded source \"%s\" and would never "
                        "end; run it with weir_query_open%s",
                        q->pipe.src->name,
                        source_is_api(q->pipe.src) ? " (or weir_source_close the api source first)" : "");
        if (!rc && q && w->state_path && q->has_pipeline) {
            const AstStmt *st = script->stmts[i];
            /* The fingerprint covers the script up to this statement: its sources' DDL too. */
            rc = ckpt_start(w, q, sql, (size_t)st->text_end);
        }
        if (q) {
            if (!rc) rc = run_query(w, q, hooks);
            weir_query_close(q);
        }
    }
    if (!rc && parse_rc && !w->interrupted) {
        w->err = parse_err;
        rc = parse_rc;
    }
    free(base);
    arena_free(&arena);
    w->in_exec = false;
    return rc;
}

typedef struct PlainCb {
    int (*cb)(void *, weir_query *);
    void *ctx;
} PlainCb;

static int plain_row(void *ctx, weir_query *q)
{
    PlainCb *p = ctx;
    return p->cb ? p->cb(p->ctx, q) : 0;
}

int weir_exec_with(weir *w, const char *sql, const weir_exec_hooks *hooks)
{
    return exec_script(w, sql, hooks, false);
}

int weir_exec(weir *w, const char *sql, int (*cb)(void *ctx, weir_query *row), void *ctx)
{
    PlainCb p = {cb, ctx};
    weir_exec_hooks h = {.row = plain_row, .ctx = &p};
    return exec_script(w, sql, &h, true);
}

/* ---- queries -------------------------------------------------------------------- */

static weir_query *query_new(weir *w)
{
    weir_query *q = calloc(1, sizeof *q);
    if (!q) return NULL;
    q->w = w;
    arena_init(&q->arena);
    q->next = w->queries;
    w->queries = q;
    q->started_ms = clock_now_ms();
    return q;
}

static int query_columns(weir_query *q, int ncols)
{
    q->ncols = ncols;
    q->text = calloc((size_t)ncols + 1, sizeof(char *));
    q->text_cap = calloc((size_t)ncols + 1, sizeof(size_t));
    q->last_ts = calloc((size_t)ncols + 1, sizeof(int64_t));
    return q->text && q->text_cap && q->last_ts ? WEIR_OK : WEIR_NOMEM;
}

weir_query *query_fixed(weir *w, int ncols, const char *const *names)
{
    weir_query *q = query_new(w);
    if (!q) return NULL;
    q->is_fixed = true;
    TypeId *types = arena_alloc(&q->arena, sizeof(TypeId) * (size_t)ncols);
    const char **nm = arena_alloc(&q->arena, sizeof(char *) * (size_t)ncols);
    if (!types || !nm || query_columns(q, ncols)) {
        weir_query_close(q);
        return NULL;
    }
    for (int i = 0; i < ncols; i++) {
        types[i] = TYPE_VARCHAR;
        nm[i] = arena_strdup(&q->arena, names[i]);
    }
    q->types = types;
    q->names = nm;
    q->fixed.ncols = ncols;
    q->fixed.types = types;
    arena_init(&q->fixed.text);
    return q;
}

int query_fixed_row(weir_query *q, const char *const *values)
{
    RowQueue *f = &q->fixed;
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 16;
        Value *p = realloc(f->rows, cap * (size_t)f->ncols * sizeof(Value));
        if (!p) return WEIR_NOMEM;
        f->rows = p;
        f->cap = cap;
    }
    Value *row = f->rows + f->n * (size_t)f->ncols;
    for (int i = 0; i < f->ncols; i++) {
        memset(&row[i], 0, sizeof(Value));
        if (!values[i]) {
            row[i].null = 1;
            continue;
        }
        size_t len = strlen(values[i]);
        row[i].u.s = arena_strndup(&f->text, values[i], len);
        row[i].len = (uint32_t)len;
        if (!row[i].u.s) return WEIR_NOMEM;
    }
    f->n++;
    return WEIR_OK;
}

/* Processing time for tests: SET 'debug.proctime.start' = '2024-05-11 10:00:00' and
 * 'debug.proctime.step' = '1000' (ms per row) make PROCTIME() a simulated clock. */
static int apply_clock_settings(weir *w, Pipeline *p)
{
    const char *start = setting_get(w, "debug.proctime.start");
    const char *step = setting_get(w, "debug.proctime.step");
    if (!start && !step) return WEIR_OK;
    int64_t t0 = 0, st = 1;
    if (start && time_parse_iso(start, strlen(start), &t0))
        return err_set(&w->err, WEIR_ERROR, "SET 'debug.proctime.start': not a timestamp: '%s'", start);
    if (step) {
        char *end;
        st = strtoll(step, &end, 10);
        if (*end || st <= 0 || st > 86400000)
            return err_set(&w->err, WEIR_ERROR,
                           "SET 'debug.proctime.step': not a number of milliseconds from 1 to 86400000 (a day): '%s'",
                           step);
    }
    p->ex.proc_step = st;
    p->ex.proc_next = t0;
    return WEIR_OK;
}

int query_from_select(weir *w, Arena *arena, const AstSelect *sel, weir_query **out)
{
    *out = NULL;
    weir_query *q = query_new(w);
    if (!q) return err_set(&w->err, WEIR_NOMEM, "out of memory");
    BindCtx b = {.arena = &q->arena, .cat = w->cat, .err = &w->err};
    (void)arena;
    LNode *plan;
    bool changelog;
    int rc = bind_select(&b, sel, &plan, &changelog);
    if (!rc) rc = plan_lower(plan, &q->pipe, &w->err);
    if (!rc) {
        q->has_pipeline = true;
        rc = apply_clock_settings(w, &q->pipe);
    }
    if (!rc) rc = api_attach_query(w, q);
    if (!rc) rc = query_columns(q, plan->ncols);
    if (rc) {
        weir_query_close(q);
        return rc;
    }
    const char **names = arena_alloc(&q->arena, sizeof(char *) * (size_t)(plan->ncols + 1));
    if (!names) {
        weir_query_close(q);
        return err_set(&w->err, WEIR_NOMEM, "out of memory");
    }
    for (int i = 0; i < plan->ncols; i++) names[i] = plan->cols[i].name;
    q->names = names;
    q->types = plan->types;
    q->changelog = changelog;
    q->started_ms = clock_now_ms();
    *out = q;
    return WEIR_OK;
}

int query_sink_job(weir *w, Arena *arena, LNode *plan, const SourceSpec *sink, weir_query **out)
{
    *out = NULL;
    weir_query *q = query_new(w);
    if (!q) return err_set(&w->err, WEIR_NOMEM, "out of memory");
    arena_free(&q->arena);
    q->arena = *arena;
    arena_init(arena);
    q->is_sink = true;
    q->job = -1;
    int rc = plan_lower_sink(plan, sink, &q->pipe, &w->err);
    if (!rc) {
        q->has_pipeline = true;
        rc = apply_clock_settings(w, &q->pipe);
    }
    if (!rc) rc = query_columns(q, 0);
    if (rc) {
        weir_query_close(q);
        return rc == WEIR_NOMEM && w->err.code != WEIR_NOMEM ? err_set(&w->err, rc, "out of memory") : rc;
    }
    q->started_ms = clock_now_ms();
    *out = q;
    return WEIR_OK;
}

int weir_query_open(weir *w, const char *sql, weir_query **out)
{
    if (!w || !sql || !out) return WEIR_MISUSE;
    *out = NULL;
    err_clear(&w->err);
    Arena arena;
    arena_init(&arena);
    AstScript *script;
    int rc = parse_script(&arena, sql, strlen(sql), &script, &w->err);
    if (!rc && (script->n != 1 || (script->stmts[0]->kind != STMT_SELECT && script->stmts[0]->kind != STMT_CREATE_SINK &&
                                   script->stmts[0]->kind != STMT_INSERT)))
        rc = err_set(&w->err, WEIR_ERROR,
                     "weir_query_open takes exactly one SELECT, CREATE SINK ... AS SELECT or INSERT INTO ... SELECT");
    if (!rc) {
        weir_query *q = NULL;
        rc = stmt_execute(w, sql, script->stmts[0], NULL, &q);
        if (!rc && !q) rc = err_set(&w->err, WEIR_ERROR, "the statement did not start a query (IF NOT EXISTS?)");
        if (!rc) rc = api_attach_query(w, q);
        if (!rc && w->state_path && q->has_pipeline) rc = ckpt_start_open(w, q, sql);
        if (!rc) q->ckpt_on_close = true;
        if (rc && q) {
            weir_query_close(q);
            q = NULL;
        }
        if (q) {
            /* The plan keeps names from the AST: the query owns it now. */
            q->ast = arena;
            arena_init(&arena);
        }
        *out = q;
    }
    arena_free(&arena);
    return rc;
}

static void finish_query(weir_query *q)
{
    if (q->state == Q_OPEN) q->elapsed_ms = clock_now_ms() - q->started_ms;
}

int weir_query_step(weir_query *q)
{
    if (!q) return WEIR_MISUSE;
    weir *w = q->w;
    if (q->state == Q_DONE) return err_set(&w->err, WEIR_MISUSE, "weir_query_step called after WEIR_DONE");
    if (q->state == Q_FAILED) return err_set(&w->err, WEIR_MISUSE, "weir_query_step called after an error");
    RowQueue *rq = q->is_fixed ? &q->fixed : &q->pipe.queue;
    for (;;) {
        if (rq->next < rq->n) {
            q->row = rq->rows + rq->next * (size_t)rq->ncols;
            rq->next++;
            return WEIR_ROW;
        }
        q->row = NULL;
        if (q->pending_rc) {
            /* The rows before a failure were delivered; now the failure. */
            w->err = q->pending_err;
            finish_query(q);
            q->state = Q_FAILED;
            return q->pending_rc;
        }
        if (q->is_fixed) {
            finish_query(q);
            q->state = Q_DONE;
            return WEIR_DONE;
        }
        rq->n = rq->next = 0;
        arena_reset(&rq->text);
        /* weir_interrupt: give control back even when no row is coming. */
        if (w->interrupted && w->in_exec) return WEIR_PENDING;
        /* A batch boundary with every row handed out: time for a checkpoint? */
        int rc = q->ckpt ? ckpt_due(q) : WEIR_OK;
        if (rc) {
            finish_query(q);
            q->state = Q_FAILED;
            return rc;
        }
        rc = pipeline_step(&q->pipe);
        if (rc == WEIR_OK) continue;
        if (rc == WEIR_DONE && q->ckpt) {
            int frc = ckpt_finished(q);
            if (frc != WEIR_OK) {
                finish_query(q);
                q->state = Q_FAILED;
                return frc;
            }
        }
        if (rc == WEIR_DONE) {
            finish_query(q);
            q->state = Q_DONE;
            return WEIR_DONE;
        }
        if (rc == WEIR_PENDING) {
            /* rows may have been queued on the way (a processing-time window) */
            if (rq->n > 0) continue;
            return rc;
        }
        if (rq->n > 0) {
            q->pending_rc = rc;
            q->pending_err = w->err;
            continue;
        }
        finish_query(q);
        q->state = Q_FAILED;
        return rc;
    }
}

int weir_query_close(weir_query *q)
{
    if (!q) return WEIR_OK;
    weir *w = q->w;
    for (weir_query **p = &w->queries; *p; p = &(*p)->next)
        if (*p == q) {
            *p = q->next;
            break;
        }
    if (q->ckpt_on_close) ckpt_stop(q);   /* best effort: the last periodic checkpoint stands otherwise */
    if (q->is_sink) stmt_job_ended(w, q->job, q->state == Q_DONE ? "finished" : q->state == Q_FAILED ? "failed" : "cancelled");
    if (q->has_pipeline) pipeline_close(&q->pipe);
    ckpt_free(q);
    free(q->fixed.rows);
    arena_free(&q->fixed.text);
    for (int i = 0; q->text && i < q->ncols; i++) free(q->text[i]);
    free(q->text);
    free(q->text_cap);
    free(q->last_ts);
    arena_free(&q->arena);
    arena_free(&q->ast);
    free(q);
    return WEIR_OK;
}

/* ---- rows --------------------------------------------------------------------- */

int weir_column_count(weir_query *q) { return q ? q->ncols : 0; }

const char *weir_column_name(weir_query *q, int i)
{
    return (q && i >= 0 && i < q->ncols) ? q->names[i] : NULL;
}

int weir_column_type(weir_query *q, int i)
{
    return (q && i >= 0 && i < q->ncols) ? type_public(q->types[i]) : WEIR_NULL;
}

static const Value *cell(weir_query *q, int i)
{
    if (!q || !q->row || i < 0 || i >= q->ncols) return NULL;
    return &q->row[i];
}

int weir_column_is_null(weir_query *q, int i)
{
    const Value *v = cell(q, i);
    return !v || v->null;
}

int64_t weir_column_int64(weir_query *q, int i)
{
    const Value *v = cell(q, i);
    if (!v || v->null) return 0;
    if (q->types[i] == TYPE_DOUBLE) return (int64_t)v->u.d;
    if (q->types[i] == TYPE_VARCHAR) return strtoll(weir_column_text(q, i), NULL, 10);
    return v->u.i;
}

double weir_column_double(weir_query *q, int i)
{
    const Value *v = cell(q, i);
    if (!v || v->null) return 0;
    if (q->types[i] == TYPE_DOUBLE) return v->u.d;
    if (q->types[i] == TYPE_VARCHAR) return strtod(weir_column_text(q, i), NULL);
    return (double)v->u.i;
}

const char *weir_column_text(weir_query *q, int i)
{
    const Value *v = cell(q, i);
    if (!v) return NULL;
    /* Timestamps repeat (a window's start on each of its rows): keep the last text. */
    if (q->types[i] == TYPE_TIMESTAMP && !v->null && q->text_cap[i] && q->last_ts[i] == v->u.i) return q->text[i];
    char buf[64];
    const char *s;
    size_t len = value_to_text(q->types[i], v, buf, &s);
    if (q->types[i] == TYPE_TIMESTAMP) q->last_ts[i] = v->null ? TS_MIN : v->u.i;
    if (q->text_cap[i] < len + 1) {
        size_t cap = len + 1 < 64 ? 64 : len + 1;
        char *p = realloc(q->text[i], cap);
        if (!p) return NULL;
        q->text[i] = p;
        q->text_cap[i] = cap;
    }
    if (len) memcpy(q->text[i], s, len);
    q->text[i][len] = 0;
    return q->text[i];
}

/* ---- counters ----------------------------------------------------------------- */

int64_t weir_query_counter(weir_query *q, int which)
{
    if (!q || !q->has_pipeline) return 0;
    Pipeline *p = &q->pipe;
    switch (which) {
    case WEIR_COUNTER_ROWS_IN: return p->src ? p->src->rows_read : 0;
    case WEIR_COUNTER_ROWS_OUT: return p->ex.rows_out;
    case WEIR_COUNTER_LATE: return p->ex.late;
    case WEIR_COUNTER_MALFORMED: return p->src ? p->src->malformed : 0;
    case WEIR_COUNTER_WATERMARK: return p->ex.watermark;
    case WEIR_COUNTER_CHECKPOINTS:
    case WEIR_COUNTER_CHECKPOINT_US:
    case WEIR_COUNTER_CHECKPOINT_BYTES: return ckpt_counter(q, which);
    default: return 0;
    }
}

int weir_query_source_count(weir_query *q) { return q && q->has_pipeline && q->pipe.src ? 1 : 0; }

const char *weir_query_source_name(weir_query *q, int i)
{
    return (i == 0 && weir_query_source_count(q)) ? q->pipe.src->name : NULL;
}

int64_t weir_query_source_counter(weir_query *q, int i, int which)
{
    if (i != 0 || !weir_query_source_count(q)) return 0;
    if (which == WEIR_COUNTER_ROWS_IN) return q->pipe.src->rows_read;
    if (which == WEIR_COUNTER_MALFORMED) return q->pipe.src->malformed;
    return 0;
}

const char *weir_query_source_note(weir_query *q, int i)
{
    if (i != 0 || !weir_query_source_count(q)) return NULL;
    Source *s = q->pipe.src;
    if (!s->malformed) return NULL;
    const char *what = s->on_error == ON_ERROR_DEAD_LETTER ? "dead-lettered" : "skipped";
    size_t off = (size_t)snprintf(q->note, sizeof q->note, "%s: ", what);
    for (int k = 0; k < s->nbad && off < sizeof q->note; k++)
        off += (size_t)snprintf(q->note + off, sizeof q->note - off, "%s%s", k ? ", " : "", s->bad_pos[k]);
    if (s->malformed > s->nbad && off < sizeof q->note) snprintf(q->note + off, sizeof q->note - off, ", ...");
    return q->note;
}

int64_t weir_query_elapsed_ms(weir_query *q)
{
    if (!q) return 0;
    return q->state == Q_OPEN ? clock_now_ms() - q->started_ms : q->elapsed_ms;
}

int weir_query_is_changelog(weir_query *q) { return q ? q->changelog : 0; }

/* ---- the api connector ---------------------------------------------------------- */

/* Checks that name is a source declared WITH (connector = 'api'): WEIR_OK, or
 * WEIR_MISUSE naming what is wrong.  Asked of the catalog only until the
 * engine has a channel for the name (one push or query later, it has). */
static int api_check_source(weir *w, const char *fn, const char *name)
{
    if (w->api && api_hub_has(w->api, name)) return WEIR_OK;
    Arena a;
    arena_init(&a);
    CatObject *obj = NULL;
    int rc = cat_get(w->cat, name, &a, &obj, &w->err);
    if (!rc && !obj)
        rc = err_set(&w->err, WEIR_MISUSE, "%s: no source named \"%s\"", fn, name);
    if (!rc && obj->kind != OBJ_SOURCE && obj->kind != OBJ_TABLE)
        rc = err_set(&w->err, WEIR_MISUSE, "%s: \"%s\" is not a source", fn, name);
    if (!rc) {
        const char *conn = NULL;
        for (int i = 0; i < obj->nopts; i++)
            if (!strcmp(obj->opt_keys[i], "connector")) conn = obj->opt_values[i];
        if (!conn || strcmp(conn, "api") != 0)
            rc = err_set(&w->err, WEIR_MISUSE,
                         "%s: source \"%s\" is not an api source (its connector is '%s'; "
                         "declare it WITH (connector = 'api', ...))",
                         fn, name, conn ? conn : "");
    }
    if (!rc && !w->api && !(w->api = api_hub_new())) rc = err_set(&w->err, WEIR_NOMEM, "out of memory");
    arena_free(&a);
    return rc;
}

int weir_source_push(weir *w, const char *source, const char *record, size_t len)
{
    if (!w) return WEIR_MISUSE;
    if (!source) return err_set(&w->err, WEIR_MISUSE, "weir_source_push: no source name (NULL)");
    if (!record && len) return err_set(&w->err, WEIR_MISUSE, "weir_source_push: no record (NULL)");
    int rc = api_check_source(w, "weir_source_push", source);
    if (rc) return rc;
    return api_hub_push(w->api, source, record, len, &w->err);
}

int weir_source_close(weir *w, const char *source)
{
    if (!w) return WEIR_MISUSE;
    if (!source) return err_set(&w->err, WEIR_MISUSE, "weir_source_close: no source name (NULL)");
    int rc = api_check_source(w, "weir_source_close", source);
    if (rc) return rc;
    return api_hub_close_input(w->api, source, &w->err);
}

/* ---- checkpoints ------------------------------------------------------------------ */

/*
 * With a state file (weir_open's state_path, --state), every job run by
 * weir_exec / weir_exec_with is checkpointed: at a batch boundary at least
 * 'checkpoint.interval' (default 10 s) after the last one, the pipeline's parts
 * (counters and source position, then each operator's state, the sink's
 * position among them) go to the store in one transaction: each part's global
 * blob, and the key group blobs of keyed operators (windows, sessions, GROUP
 * BY) for the groups changed since the last checkpoint only, so a checkpoint
 * costs what changed, not the whole state.  The operators forget what changed
 * only once the transaction committed (pipeline_committed).  The n-th job of
 * the engine is job n in the store, tagged with a fingerprint of the script's
 * text up to the end of its statement (so its sources' DDL) and of its plan.  On start: no record, or a finished one, runs from the start
 * (a finished record is cleared); a running record with the same fingerprint is
 * restored; another fingerprint is refused.  Result rows of a SELECT are
 * checkpointed once handed out: at-least-once on stdout; file sinks rewind, so
 * they are exactly-once.  Queries opened with weir_query_open are not
 * checkpointed.
 */

typedef struct QueryCkpt {
    int idx;                 /* the job's index in the store */
    char fp[32];             /* fingerprint, hex */
    int64_t interval_ms;
    int64_t last_ms;         /* when the last checkpoint was taken (or the job started) */
    int64_t seq;             /* the last checkpoint's number */
    SnapWriter buf;          /* reused for every part's global blob */
    SnapGroups groups;       /* reused for every part's key group blobs */
    int64_t taken;           /* checkpoints committed by this query (WEIR_COUNTER_CHECKPOINTS) */
    int64_t total_us;        /* time spent taking them */
    int64_t last_bytes;      /* bytes of blobs the last one wrote */
} QueryCkpt;

/* Parses '10s', '500ms', '10 s', '2 min', '1h' or a bare number of
 * milliseconds.  Returns 0, or -1 when it is none of these or not positive. */
static int parse_interval(const char *s, int64_t *ms)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || v <= 0) return -1;
    while (*end == ' ') end++;
    double mult = 1;
    if (!*end || !strcmp(end, "ms")) mult = 1;
    else if (!strcmp(end, "s") || !strcmp(end, "sec") || !strcmp(end, "second") || !strcmp(end, "seconds")) mult = 1000;
    else if (!strcmp(end, "min") || !strcmp(end, "m") || !strcmp(end, "minute") || !strcmp(end, "minutes")) mult = 60000;
    else if (!strcmp(end, "h") || !strcmp(end, "hour") || !strcmp(end, "hours")) mult = 3600000;
    else return -1;
    double r = v * mult;
    if (r < 1 || r > 1e15) return -1;
    *ms = (int64_t)r;
    return 0;
}

static bool setting_true(weir *w, const char *key)
{
    const char *v = setting_get(w, key);
    return v && (!strcmp(v, "true") || !strcmp(v, "1") || !strcmp(v, "on"));
}

/* Sets up checkpointing for q (text, len: the script through its statement,
 * hashed into the fingerprint with the plan's shape) and restores its
 * last checkpoint when the store has one for the same job. */
static int ckpt_start(weir *w, weir_query *q, const char *text, size_t len)
{
    int idx = w->ckpt_seq++;
    if (!pipeline_can_checkpoint(&q->pipe)) return WEIR_OK;   /* stdin, datagen: runs without */
    int64_t interval = 10000;
    const char *iv = setting_get(w, "checkpoint.interval");
    if (iv && parse_interval(iv, &interval))
        return err_set(&w->err, WEIR_ERROR,
                       "SET 'checkpoint.interval': not a positive duration: '%s' (e.g. '10 s', '500ms')", iv);
    if (!w->state) {
        bool reset = setting_true(w, "state.reset");
        int rc = state_open(w->state_path, reset, &w->state, &w->err);
        if (rc) return rc;
        if (reset) weir_set(w, "state.reset", NULL);   /* once: later jobs keep their state */
    }
    QueryCkpt *c = calloc(1, sizeof *c);
    if (!c) return err_set(&w->err, WEIR_NOMEM, "out of memory");
    q->ckpt = c;
    c->idx = idx;
    c->interval_ms = interval;
    snap_writer_init(&c->buf);
    snap_groups_init(&c->groups);
    uint64_t h = snap_hash(SNAP_HASH_INIT, text, len);
    h = pipeline_fingerprint(&q->pipe, h);
    snprintf(c->fp, sizeof c->fp, "%016llx", (unsigned long long)h);

    StateJobStatus status;
    char fp[64];
    int64_t seq;
    int rc = state_job(w->state, idx, &status, fp, sizeof fp, &seq, &w->err);
    if (!rc && status == STATE_JOB_FINISHED) rc = state_clear_job(w->state, idx, &w->err);
    if (rc || status != STATE_JOB_RUNNING) {
        c->last_ms = clock_now_ms();
        /* Checkpoint 0, before the first row: a sink that commits with the
         * checkpoints (sink_kafka.c) learns here, before it writes, that the job
         * is checkpointed, and has a checkpoint to resume from at every kill. */
        return rc ? rc : ckpt_take(q);
    }
    if (strcmp(fp, c->fp))
        return err_set(&w->err, WEIR_ERROR,
                       "state file \"%s\" holds a checkpoint of a different job as job %d (fingerprint %s, this "
                       "statement is %s): the query, its sources or the script changed; use --reset-state "
                       "to start over",
                       w->state_path, idx + 1, fp, c->fp);
    int nparts = q->pipe.nops + 1;
    for (int part = 0; part < nparts && !rc; part++) {
        const void *data;
        size_t n;
        rc = state_get_part(w->state, idx, part, -1, &data, &n, &w->err);
        if (!rc && !data)
            rc = err_set(&w->err, WEIR_IOERR, "state file \"%s\" is damaged: checkpoint %lld of job %d lacks part %d; "
                         "use --reset-state to start over", w->state_path, (long long)seq, idx + 1, part);
        SnapReader r;
        if (!rc) {
            snap_reader_init(&r, data, n);
            rc = pipeline_restore(&q->pipe, part, -1, &r);
        }
        /* then the part's key groups, in order */
        for (int g = -1; !rc;) {
            rc = state_next_group(w->state, idx, part, g, &g, &data, &n, &w->err);
            if (rc || g < 0) break;
            if (g >= GK_GROUPS) {
                rc = err_set(&w->err, WEIR_IOERR, "damaged checkpoint: part %d has a key group out of range", part);
                break;
            }
            snap_reader_init(&r, data, n);
            rc = pipeline_restore(&q->pipe, part, g, &r);
        }
        if (rc == WEIR_IOERR && strncmp(w->err.msg, "state file", 10)) {
            char why[ERR_MSG_MAX];
            snprintf(why, sizeof why, "%s", w->err.msg);
            err_set(&w->err, rc, "cannot restore job %d from state file \"%s\": %s", idx + 1, w->state_path, why);
        }
    }
    c->seq = seq;
    c->last_ms = clock_now_ms();
    return rc;
}

static int64_t clock_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Writes part's blobs into the open transaction: the global one, then the
 * key groups the part's operator changed; adds their bytes to *bytes. */
static int ckpt_put_part(weir_query *q, int part, int64_t *bytes)
{
    weir *w = q->w;
    QueryCkpt *c = q->ckpt;
    snap_writer_reset(&c->buf);
    int rc = pipeline_snapshot(&q->pipe, part, &c->buf);
    if (!rc) rc = state_put_part(w->state, c->idx, part, -1, c->buf.data, c->buf.len, &w->err);
    *bytes += (int64_t)c->buf.len;
    if (rc) return rc;
    snap_groups_reset(&c->groups);
    rc = pipeline_snapshot_groups(&q->pipe, part, &c->groups);
    for (int g = 0; g < GK_GROUPS && !rc; g++) {
        if (!gk_set_has(&c->groups.written, (unsigned)g)) continue;
        SnapWriter *b = &c->groups.blob[g];
        rc = state_put_part(w->state, c->idx, part, g, b->data, b->len, &w->err);
        *bytes += (int64_t)b->len;
    }
    return rc;
}

/* ckpt_start for weir_query_open: the statement is the whole text, so the
 * fingerprint also covers the DDL of the source it reads, from the catalog
 * (in a script, the source's DDL is part of the text before the statement). */
static int ckpt_start_open(weir *w, weir_query *q, const char *sql)
{
    Arena a;
    arena_init(&a);
    CatObject *o = NULL;
    int rc = q->pipe.src && q->pipe.src->name ? cat_get(w->cat, q->pipe.src->name, &a, &o, &w->err) : WEIR_OK;
    const char *ddl = o ? o->ddl : "";
    size_t n1 = strlen(sql), n2 = strlen(ddl);
    char *text = rc ? NULL : malloc(n1 + n2 + 2);
    if (!rc && !text) rc = err_set(&w->err, WEIR_NOMEM, "out of memory");
    if (!rc) {
        memcpy(text, ddl, n2);
        text[n2] = '\n';
        memcpy(text + n2 + 1, sql, n1 + 1);
        rc = ckpt_start(w, q, text, n1 + n2 + 1);
    }
    free(text);
    arena_free(&a);
    return rc;
}

/* Takes a checkpoint now (between two pipeline steps). */
static int ckpt_take(weir_query *q)
{
    weir *w = q->w;
    QueryCkpt *c = q->ckpt;
    if (q->pipe.done) return WEIR_OK;
    int64_t t0 = clock_us();
    if (q->hooks && q->hooks->checkpoint) q->hooks->checkpoint(q->hooks->ctx, q);
    int rc = state_begin(w->state, &w->err);
    int nparts = q->pipe.nops + 1;
    int64_t bytes = 0;
    for (int part = 0; part < nparts && !rc; part++) rc = ckpt_put_part(q, part, &bytes);
    if (rc) {
        state_rollback(w->state);
        return rc;
    }
    rc = state_commit(w->state, c->idx, c->fp, c->seq + 1, &w->err);
    if (!rc) {
        c->seq++;
        c->taken++;
        c->last_bytes = bytes;
        pipeline_committed(&q->pipe);
    }
    c->total_us += clock_us() - t0;
    c->last_ms = clock_now_ms();
    return rc;
}

/* The checkpoint counters of q (weir_query_counter): 0 without a state file. */
static int64_t ckpt_counter(const weir_query *q, int which)
{
    const QueryCkpt *c = q->ckpt;
    if (!c) return 0;
    switch (which) {
    case WEIR_COUNTER_CHECKPOINTS: return c->taken;
    case WEIR_COUNTER_CHECKPOINT_US: return c->total_us;
    case WEIR_COUNTER_CHECKPOINT_BYTES: return c->last_bytes;
    default: return 0;
    }
}

/* A clean stop of a running query (an interrupt, a close): what was handed
 * out is covered by a last checkpoint, when every row produced was handed out
 * (rows still queued would count as delivered); open windows stay open. */
static int ckpt_stop(weir_query *q)
{
    if (!q->ckpt || q->state != Q_OPEN || q->pipe.queue.next < q->pipe.queue.n) return WEIR_OK;
    return ckpt_take(q);
}

static int ckpt_due(weir_query *q)
{
    if (clock_now_ms() - q->ckpt->last_ms < q->ckpt->interval_ms) return WEIR_OK;
    return ckpt_take(q);
}

/* The job ended: recorded as finished (a re-run starts from the beginning). */
static int ckpt_finished(weir_query *q)
{
    /* Every row was handed out: it must have left the process (stdout) before
     * the record says so, or a kill in between would lose the last rows. */
    if (q->hooks && q->hooks->checkpoint) q->hooks->checkpoint(q->hooks->ctx, q);
    return state_finish_job(q->w->state, q->ckpt->idx, q->ckpt->fp, &q->w->err);
}

static void ckpt_free(weir_query *q)
{
    if (!q->ckpt) return;
    snap_writer_free(&q->ckpt->buf);
    snap_groups_free(&q->ckpt->groups);
    free(q->ckpt);
    q->ckpt = NULL;
}
