/*
 * weir.h - the public C API of weir, an embeddable streaming SQL engine.
 *
 * A program opens an engine (weir_open), runs statements (weir_exec) and opens
 * continuous queries (weir_query_open) whose rows it pulls with
 * weir_query_step, the way it would use sqlite3_prepare/sqlite3_step.
 *
 * Conventions:
 *  - Every function returns a status code (WEIR_OK, ...); the message of the last
 *    error is on the engine handle (weir_errmsg).
 *  - Strings returned by weir are owned by weir; each says how long it lives.
 *  - An engine and its queries are used from one thread at a time; different
 *    engines share nothing and may run on different threads.
 */
#ifndef WEIR_H
#define WEIR_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct weir weir;              /* an engine: catalog, state, running queries      */
typedef struct weir_query weir_query;  /* one continuous query and its current output row */

/* status codes */
#define WEIR_OK       0    /* success                                                    */
#define WEIR_ERROR    1    /* SQL error: parse, name, type (message on the handle)        */
#define WEIR_MISUSE   2    /* the API was called wrongly (NULL handle, closed query, ...)  */
#define WEIR_NOMEM    3    /* out of memory                                               */
#define WEIR_IOERR    4    /* file, Kafka or sqlite3 I/O failed                           */
#define WEIR_DATA     5    /* a bad record under on_error = 'fail'                        */
#define WEIR_ROW      100  /* weir_query_step: a result row is ready                      */
#define WEIR_DONE     101  /* weir_query_step: every source is exhausted; nothing more    */
#define WEIR_PENDING  102  /* weir_query_step: no row now; waiting for input              */

/* column types */
#define WEIR_NULL      0
#define WEIR_BOOLEAN   1
#define WEIR_BIGINT    2   /* INT and BIGINT                                             */
#define WEIR_DOUBLE    3
#define WEIR_VARCHAR   4
#define WEIR_TIMESTAMP 5   /* read with weir_column_int64: epoch milliseconds              */

/* Opens an engine.  catalog_path: a sqlite3 file holding sources, sinks and views
 * (NULL: in memory, nothing persists).  state_path: a sqlite3 file for checkpoints
 * (NULL: none): every query the engine runs over a source that can be read again
 * (file, Kafka, datagen, nexmark, stdin from a file; not api) is checkpointed there every
 * 'checkpoint.interval', and resumes from it when the same engine setup runs the
 * same query again (the n-th query started is job n; a different query in that
 * place is refused).  File and Kafka sink jobs are then exactly-once; rows handed
 * out by weir_query_step count as delivered at the next checkpoint, so a program
 * killed in between sees them again (at-least-once).  *out is set even on error so that weir_errmsg can say why; the
 * caller weir_close()s it either way (*out is NULL only when memory ran out).
 * Returns WEIR_OK, WEIR_IOERR (the catalog cannot be opened), WEIR_NOMEM, or
 * WEIR_MISUSE when out is NULL.  The engine is owned by the caller. */
int  weir_open(const char *catalog_path, const char *state_path, weir **out);

/* Closes the engine and every query still open on it (their weir_query
 * pointers become invalid), and drops records pushed to api sources that no
 * query read.  NULL is a no-op.  Returns WEIR_OK. */
int  weir_close(weir *w);

/* The last error's message: "line:col: message" for SQL errors with a position
 * (line and column in the text given to weir_exec / weir_query_open).
 * Owned by the engine, valid until the next call on it.  Never NULL (for a
 * NULL engine: a static string saying so). */
const char *weir_errmsg(weir *w);

/* Sets an engine option, as SQL `SET 'key' = 'value'`; value NULL removes it.
 * Both strings are copied.  Returns WEIR_OK, WEIR_NOMEM, or WEIR_MISUSE (NULL
 * engine or key).  Options apply to queries opened afterwards. */
int  weir_set(weir *w, const char *key, const char *value);

/* Runs every statement in sql, in order; stops at the first error.  DDL, SET,
 * SHOW, DESCRIBE and EXPLAIN run to completion (their result rows go to cb, like
 * a SELECT's).  A bare SELECT over bounded sources delivers each row to cb (cb may
 * be NULL); cb returns 0 to go on, non-zero to stop that query.  The weir_query
 * passed to cb is valid only during the call (read it with weir_column_*; do not
 * step or close it).
 * A SELECT whose source never ends by itself (an api source not yet closed with
 * weir_source_close, datagen without number-of-rows, ...) is not run: it is a
 * WEIR_ERROR ("... reads the unbounded source ...: run it with weir_query_open")
 * instead of a call that never returns.  Relative paths in CREATE SOURCE
 * resolve against the current directory (weir_exec_with can name the script).
 * Returns WEIR_OK, WEIR_ERROR (parse, name, type), WEIR_DATA, WEIR_IOERR,
 * WEIR_NOMEM, or WEIR_MISUSE (NULL engine or sql); the message is on w.
 * sql is only read during the call. */
int  weir_exec(weir *w, const char *sql,
               int (*cb)(void *ctx, weir_query *row), void *ctx);

/* Opens a continuous query over one SELECT (sql holds exactly one statement;
 * it is only read during the call).  *out is owned by the engine until
 * weir_query_close (or weir_close); it is NULL on error.  The query reads its
 * sources only when stepped; an api source it reads receives the records pushed
 * from now on (and, when no other query reads that source, the ones pushed
 * before that nobody read yet).  Returns WEIR_OK, WEIR_ERROR (not one SELECT;
 * parse, name or type errors with their position), WEIR_IOERR (a file that
 * cannot be opened), WEIR_NOMEM, or WEIR_MISUSE (NULL argument). */
int  weir_query_open(weir *w, const char *sql, weir_query **out);

/* Advances the query: WEIR_ROW (a row is ready to read with weir_column_*),
 * WEIR_DONE (every source is exhausted and every window has fired),
 * WEIR_PENDING (no row now: an api source has nothing queued and is not closed,
 * or an unbounded source has nothing new; push input or wait, then step again)
 * or an error code with the message on the engine: WEIR_DATA (a bad record
 * under on_error = 'fail', naming source, position, column and value; the rows
 * before it were delivered first), WEIR_IOERR, WEIR_NOMEM.  After WEIR_DONE or
 * an error the query is finished: stepping again returns WEIR_MISUSE.  NULL:
 * WEIR_MISUSE.  Never blocks. */
int  weir_query_step(weir_query *q);

/* Closes the query and frees its state; q is invalid afterwards.  Records its
 * api sources had not read yet stay queued for other readers.  With a state
 * file, a query still running takes a last checkpoint first (when every row it
 * produced was handed out), so that the next run resumes where it stopped; its
 * open windows are not emitted.  NULL is a no-op.  Returns WEIR_OK. */
int  weir_query_close(weir_query *q);

/* Reading the current row: i is 0-based.  With a NULL query, i out of range, or
 * no current row (before the first WEIR_ROW, after WEIR_DONE): count 0, name and
 * text NULL, type WEIR_NULL, is_null 1, int64/double 0.  Never a crash. */
int         weir_column_count(weir_query *q);
/* Owned by the query; valid until it is closed. */
const char *weir_column_name(weir_query *q, int i);
int         weir_column_type(weir_query *q, int i);      /* declared type (WEIR_BIGINT...) */
int         weir_column_is_null(weir_query *q, int i);   /* current row                    */
/* BIGINT, BOOLEAN (1/0), TIMESTAMP (epoch ms); DOUBLE truncated; VARCHAR parsed;
 * NULL gives 0. */
int64_t     weir_column_int64(weir_query *q, int i);
/* DOUBLE; integers converted; VARCHAR parsed; NULL gives 0. */
double      weir_column_double(weir_query *q, int i);
/* Any type as its CSV text (NULL gives ""); valid until the next step or close. */
const char *weir_column_text(weir_query *q, int i);
/* For a changelog query (non-windowed GROUP BY) column 0 is `op`: "+I", "-U", "+U", "-D". */

/* A source declared WITH (connector = 'api', format = 'csv' | 'json'): the host
 * pushes records in that format, one at a time, and closes it at end of input.
 *
 * weir_source_push queues one record, record[0..len) (one CSV record with its
 * fields in declaration order, no header; or one JSON object); a trailing LF or
 * CRLF is ignored.  The bytes are copied: record may be reused at once.  The
 * record is decoded when a query reading the source is stepped, and reaches
 * every query open on that source; records pushed while no query reads it are
 * kept for the first one opened.  A malformed record follows the source's
 * on_error policy when it is read (fail: that query's step returns WEIR_DATA
 * naming "push N", the record's 1-based number; skip / dead_letter: counted in
 * WEIR_COUNTER_MALFORMED).  Returns WEIR_OK, WEIR_NOMEM, or WEIR_MISUSE: NULL
 * engine, source or record (with len > 0), no source of that name, a source
 * whose connector is not 'api', or a source already closed.
 *
 * weir_source_close ends that source's input: queries read what was queued,
 * then their windows fire and they return WEIR_DONE; from then on the source is
 * bounded (weir_exec may run a SELECT over it).  Returns WEIR_OK, WEIR_NOMEM,
 * or WEIR_MISUSE (as for push, and when it is already closed).
 *
 * Like every call on an engine, both are made from the thread using it (a
 * weir_exec callback may push too). */
int  weir_source_push(weir *w, const char *source, const char *record, size_t len);
int  weir_source_close(weir *w, const char *source);

/* Counters of a query so far (0 for a NULL query or an unknown which). */
#define WEIR_COUNTER_ROWS_IN   0   /* rows read, all sources   */
#define WEIR_COUNTER_ROWS_OUT  1   /* rows emitted             */
#define WEIR_COUNTER_LATE      2   /* late rows dropped        */
#define WEIR_COUNTER_MALFORMED 3   /* malformed records        */
#define WEIR_COUNTER_WATERMARK 4   /* current event-time watermark, epoch ms;
                                      INT64_MIN before the first (beyond capi.md) */
/* Checkpoints (beyond capi.md), all 0 for a query run without a state file:
 * how many the query committed, the microseconds spent taking them (in
 * total, from the checkpoint hook to the commit), and the bytes of state
 * blobs the last one wrote (only the key groups that changed are written, so
 * this is the cost of the last checkpoint, not the size of the state). */
#define WEIR_COUNTER_CHECKPOINTS      5
#define WEIR_COUNTER_CHECKPOINT_US    6
#define WEIR_COUNTER_CHECKPOINT_BYTES 7
int64_t weir_query_counter(weir_query *q, int which);

/* ---- beyond the core contract: what the weir command itself needs -------- */

/* Where the last SQL error points: 1-based line and column in the text given to
 * weir_exec / weir_exec_hooks (0, 0 when the error has no position). */
void weir_errpos(weir *w, int *line, int *col);

/* Asks the running weir_exec/weir_exec_with to stop at the next row boundary,
 * as sqlite3_interrupt does; safe to call from a signal handler. */
void weir_interrupt(weir *w);

/* Hooks for weir_exec_with: the CLI's way to run a script. */
typedef struct weir_exec_hooks {
    const char *filename;   /* the text's file: errors name it, relative paths
                               resolve against its directory (NULL: the cwd) */
    /* A statement that returns rows is about to deliver them: its columns are
     * known (weir_column_count/name/type).  Called even when no row follows. */
    void (*begin)(void *ctx, weir_query *q);
    /* Each result row; return 0 to go on, non-zero to stop that query. */
    int  (*row)(void *ctx, weir_query *q);
    /* The statement ended with status rc; counters are final. */
    void (*end)(void *ctx, weir_query *q, int rc);
    void *ctx;
    /* With a state file: a checkpoint is about to record every row handed out
     * so far as delivered.  Write out what is buffered (the CLI flushes stdout),
     * so a killed job repeats rows (at-least-once) but never loses them. */
    void (*checkpoint)(void *ctx, weir_query *q);
} weir_exec_hooks;

/* As weir_exec, with hooks (any may be NULL). */
int  weir_exec_with(weir *w, const char *sql, const weir_exec_hooks *hooks);

/* Per-source counters of a query (the end-of-run summary). */
int         weir_query_source_count(weir_query *q);
const char *weir_query_source_name(weir_query *q, int i);     /* owned by the query */
int64_t     weir_query_source_counter(weir_query *q, int i, int which); /* ROWS_IN or MALFORMED */
/* What the source's on_error policy did, e.g. "skipped: data.csv:4, data.csv:9",
 * or NULL when nothing was malformed.  Owned by the query. */
const char *weir_query_source_note(weir_query *q, int i);
/* Milliseconds the query has run. */
int64_t     weir_query_elapsed_ms(weir_query *q);
/* True when the query is a changelog (its column 0 is `op`). */
int         weir_query_is_changelog(weir_query *q);

/* The library's version, e.g. "0.1.0".  A static string. */
const char *weir_version(void);

#ifdef __cplusplus
}
#endif
#endif
