/*
 * fuzz_sql.c - libFuzzer target for the SQL front end: lexer, parser, binder
 * and lowering (grammar/ + planner/ + engine/statement.c), never running a
 * query.
 *
 * Each input is a script.  An in-memory engine holds a small catalog (a file
 * source `t` with a watermark, a source `u` without one, a view `v`); every
 * statement of the input runs through stmt_execute as `weir FILE` would, up
 * to the first error.  A SELECT is bound and lowered into a pipeline (which
 * opens its source file but reads nothing) and closed unstepped; CREATE SINK
 * and INSERT only bind their query (running them would write files).  The
 * engine is reused until an input runs a statement that changes it.
 * The input is passed with its length, not NUL-terminated, as parse_script
 * allows.  Any crash, leak or UB is a finding.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"

static char fz_dir[64];

static const char fz_setup[] =
    "CREATE SOURCE t (id VARCHAR, ts TIMESTAMP, amount DOUBLE, n BIGINT, ok BOOLEAN,"
    "  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)"
    "  WITH (connector = 'file', path = 'data.csv', format = 'csv');"
    "CREATE SOURCE u (k VARCHAR, v INT, pt AS PROCTIME())"
    "  WITH (connector = 'file', path = 'data.csv', format = 'json');"
    "CREATE VIEW v AS SELECT id, amount FROM t WHERE amount > 0;";

/* A scratch directory with an empty data file, so lowering can open sources. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    snprintf(fz_dir, sizeof fz_dir, "/tmp/weir_fuzz_sql.XXXXXX");
    if (!mkdtemp(fz_dir)) abort();
    char path[128];
    snprintf(path, sizeof path, "%s/data.csv", fz_dir);
    FILE *f = fopen(path, "w");
    if (!f) abort();
    fputs("id,ts,amount,n,ok\n", f);
    fclose(f);
    return 0;
}

/* The engine with the catalog above; reused while inputs leave it as it was. */
static weir *fz_engine;

static weir *fz_fresh_engine(void)
{
    weir *w = NULL;
    if (weir_open(NULL, NULL, &w) != WEIR_OK) abort();
    Arena setup;
    arena_init(&setup);
    AstScript *sc = NULL;
    if (parse_script(&setup, fz_setup, sizeof fz_setup - 1, &sc, &w->err) != WEIR_OK) abort();
    for (int i = 0; i < sc->n; i++) {
        weir_query *q = NULL;
        if (stmt_execute(w, fz_setup, sc->stmts[i], fz_dir, &q) != WEIR_OK) abort();
        if (q) weir_query_close(q);
    }
    arena_free(&setup);
    return w;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fz_engine) fz_engine = fz_fresh_engine();
    weir *w = fz_engine;
    err_clear(&w->err);
    /* the input: a private copy, so reads past size are caught by ASan */
    char *text = malloc(size ? size : 1);
    if (!text) abort();
    memcpy(text, data, size);
    Arena a;
    arena_init(&a);
    AstScript *script = NULL;
    bool dirty = false;
    int rc = parse_script(&a, text, size, &script, &w->err);
    for (int i = 0; rc == WEIR_OK && i < script->n; i++) {
        const AstStmt *st = script->stmts[i];
        weir_query *q = NULL;
        switch (st->kind) {
        case STMT_SELECT:
        case STMT_SHOW:
        case STMT_DESCRIBE:
        case STMT_EXPLAIN:
            rc = stmt_execute(w, text, st, fz_dir, &q);
            break;
        case STMT_CREATE_SINK:
        case STMT_INSERT:
            /* sinks write (and truncate) files: only bind their query */
            if (st->select) {
                Arena job;
                arena_init(&job);
                BindCtx b = {.arena = &job, .cat = w->cat, .err = &w->err};
                LNode *plan;
                bool changelog;
                rc = bind_select(&b, st->select, &plan, &changelog);
                arena_free(&job);
            }
            break;
        default: /* CREATE, DROP, SET, RESET change the engine */
            dirty = true;
            rc = stmt_execute(w, text, st, fz_dir, &q);
            break;
        }
        if (q) weir_query_close(q);
    }
    /* an error must carry a message */
    if (rc != WEIR_OK && w->err.msg[0] == 0) abort();
    arena_free(&a);
    free(text);
    if (dirty) {
        weir_close(w);
        fz_engine = NULL;
    }
    return 0;
}
