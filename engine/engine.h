/*
 * engine.h - the insides of the public handles (weir, weir_query) shared by
 * the files of engine/: weir.c (handles, queries, rows) and statement.c (what
 * each statement does).
 */
#ifndef WEIR_ENGINE_H
#define WEIR_ENGINE_H

#include <signal.h>
#include <stdbool.h>

#include "catalog.h"
#include "error.h"
#include "parser.h"
#include "pipeline.h"
#include "plan.h"
#include "weir.h"

typedef struct Setting {
    char *key, *value;
} Setting;

/* A sink job this engine ran (SHOW JOBS); state: "running", "finished",
 * "failed" or "cancelled" (static strings).  name: malloc'ed. */
typedef struct Job {
    char *name;
    const char *state;
    int64_t cat_id;          /* its row in the catalog's jobs table, or 0 */
} Job;

struct weir {
    Catalog *cat;
    WeirError err;
    char errbuf[ERR_MSG_MAX + 32];   /* weir_errmsg's text */
    Setting *settings;
    int nsettings;
    weir_query *queries;             /* open queries, for weir_close */
    struct ApiHub *api;              /* records pushed to api sources (connector_api.h);
                                        created at the first use, freed by weir_close */
    volatile sig_atomic_t interrupted;
    bool in_exec;                    /* inside weir_exec*: interrupts apply */
    Job *jobs;                       /* sink jobs run so far (statement.c) */
    int njobs;
    char *state_path;                /* --state: checkpoints go there (malloc'ed), or NULL */
    struct StateStore *state;        /* opened at the first job (weir.c) */
    int ckpt_seq;                    /* jobs started so far: the next job's index in the store */
};

typedef enum QueryState { Q_OPEN, Q_DONE, Q_FAILED } QueryState;

struct weir_query {
    weir *w;
    weir_query *next;                /* in w->queries */
    Arena arena;                     /* plan, programs, names */
    Arena ast;                       /* the parsed text of weir_query_open */
    bool has_pipeline;
    Pipeline pipe;
    RowQueue fixed;                  /* rows of SHOW / DESCRIBE / EXPLAIN */
    bool is_fixed;
    bool changelog;
    int ncols;
    const char **names;
    const TypeId *types;
    const Value *row;                /* the current row, or NULL */
    char **text;                     /* per column: weir_column_text's buffer */
    size_t *text_cap;
    int64_t *last_ts;                /* per column: the TIMESTAMP text[i] holds */
    QueryState state;
    int pending_rc;                  /* an error to report once queued rows are read */
    WeirError pending_err;
    int64_t started_ms, elapsed_ms;
    char note[512];
    bool is_sink;                    /* a sink job: no result rows, no begin hook */
    int job;                         /* its index in w->jobs */
    struct QueryCkpt *ckpt;          /* checkpointing (weir.c), or NULL */
    const struct weir_exec_hooks *hooks; /* weir_exec_with's, while it runs the query */
    bool ckpt_on_close;              /* weir_query_open's: a last checkpoint when closed running */
};

/* Runs one parsed statement.  text: the whole script (statements keep offsets
 * into it); base_dir: where relative paths resolve.  For statements that return
 * rows, *out is an open query the caller steps and closes. */
int stmt_execute(weir *w, const char *text, const AstStmt *st, const char *base_dir, weir_query **out);

/* A query over a bound SELECT; takes ownership of the arena's contents. */
int query_from_select(weir *w, Arena *arena, const AstSelect *sel, weir_query **out);
/* A sink job: plan (bound in arena, whose contents the query takes over)
 * lowered with the sink described by sink (in that arena too) at the end of the
 * chain.  The query has no columns and yields no rows; its rows_out counter is
 * the rows written. */
int query_sink_job(weir *w, Arena *arena, LNode *plan, const SourceSpec *sink, weir_query **out);
/* Frees w->jobs (weir_close). */
void stmt_jobs_free(weir *w);
/* A sink job ended in state ("finished", "failed", "cancelled"): SHOW JOBS
 * and the catalog learn it.  job: the index job_add returned (-1: none). */
void stmt_job_ended(weir *w, int job, const char *state);

/* A query whose rows are fixed text (one VARCHAR column per name). */
weir_query *query_fixed(weir *w, int ncols, const char *const *names);
int query_fixed_row(weir_query *q, const char *const *values);

const char *setting_get(weir *w, const char *key);

#endif
