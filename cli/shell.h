/*
 * shell.h - the pieces of the interactive shell (cli/shell.c) and of its tab
 * completion (cli/complete.c) that other files or tests use.
 *
 *   - the statement scanner: does the typed text end a statement?
 *   - completion candidates for the word before the cursor, computed from
 *     fixed keyword lists and from the catalog (SHOW / DESCRIBE through
 *     weir_exec); complete.c has no libedit dependency, so the unit test
 *     (tests/shell/test_complete.c) compiles it on its own.
 *   - the one-line progress display on stderr that run.c's hooks drive while
 *     a query runs (shell.c).
 */
#ifndef WEIR_CLI_SHELL_H
#define WEIR_CLI_SHELL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "weir.h"

/* True when text, scanned from its start, ends a statement: the last thing
 * outside quotes ('...', "...", `...`) and comments (-- to end of line,
 * slash-star ... star-slash) is a `;`. */
bool cli_statement_ends(const char *text);

/* The candidates for completing the word before the cursor. */
typedef struct CliCompletion {
    size_t start;     /* byte offset in the line where the word begins */
    size_t len;       /* its length (the cursor is at start + len) */
    int n;            /* number of candidates */
    char **items;     /* n malloc'ed strings, sorted, no duplicates (owned) */
} CliCompletion;

/* Fills *out with the completions of the word ending at byte `cursor` of
 * `line` (the line being edited; `line` need not be NUL-terminated past
 * cursor).  Meta-command lines (".xxx") complete meta-command names and
 * their arguments; SQL completes keywords and functions (in the case the
 * word is typed in: lower case when it holds lower case letters only),
 * source, table, view and sink names (after FROM, JOIN, DESCRIBE, ... only
 * these), and column names (after "x." only these).  w may be NULL (no
 * catalog names).  Matching ignores case.  Returns WEIR_OK or WEIR_NOMEM;
 * the caller frees *out with cli_completion_free either way. */
int  cli_complete(weir *w, const char *line, size_t cursor, CliCompletion *out);
void cli_completion_free(CliCompletion *c);

/* Length in bytes of the longest prefix all candidates share, compared
 * without case (the bytes are the first candidate's). */
size_t cli_completion_common(const CliCompletion *c);

/* ---- the progress line (shell.c; driven by run.c's hooks) ---------------- */

typedef struct CliProgress {
    bool enabled;            /* stderr is a terminal: draw at all */
    bool shown;              /* the line is on screen now */
    int64_t start_ns;        /* the query began (CLOCK_MONOTONIC) */
    int64_t last_ns;         /* the text was last computed */
    char text[256];          /* the line as last computed ("" none yet) */
} CliProgress;

/* A query begins: resets p (keeps `enabled`). */
void cli_progress_begin(CliProgress *p);
/* Called between rows: recomputes the line from q's counters at most every
 * 100 ms, the first time after 300 ms, and draws it when it is not shown. */
void cli_progress_update(CliProgress *p, weir_query *q);
/* Erases the line if shown (before a row is written, and at the end). */
void cli_progress_erase(CliProgress *p);

#endif
