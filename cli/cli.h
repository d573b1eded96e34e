/*
 * cli.h - what the parts of the weir command share: running a text of
 * statements with output hooks, printing errors like a compiler, the
 * end-of-run summary and the exit status of a result code.
 *
 * main.c parses options and calls cli_run for each file / -c text / stdin;
 * shell.c calls it for each statement typed; regress.c runs the binary
 * itself as a child and compares what it printed.
 */
#ifndef WEIR_CLI_H
#define WEIR_CLI_H

#include <stdbool.h>
#include <signal.h>

#include "output.h"
#include "shell.h"
#include "weir.h"

/* Exit statuses (cli.md). */
#define CLI_EXIT_OK     0
#define CLI_EXIT_SQL    1
#define CLI_EXIT_USAGE  2
#define CLI_EXIT_DATA   3

/* One run of the command: where rows go and whether to print summaries. */
typedef struct CliRun {
    OutWriter out;
    bool quiet;               /* --quiet: no end-of-run summary */
    bool shell;               /* the shell runs it: a second Ctrl-C is not fatal */
    CliProgress progress;     /* the progress line (enabled: stderr is a terminal) */
} CliRun;

/* Set by SIGINT/SIGTERM while a statement runs; the row hook stops the query. */
extern volatile sig_atomic_t cli_interrupted;

/* Runs every statement of text on w with weir_exec_with, printing rows
 * through run->out and summaries to stderr.  `name` is how errors name the
 * text ("query.sql", "<command>", "<stdin>", "<shell>"); `filename` is the
 * path handed to the engine to resolve relative paths (NULL: the cwd).
 * Prints the error, if any, to stderr.  Returns the weir status code. */
int  cli_run(CliRun *run, weir *w, const char *text, const char *name, const char *filename);

/* Prints the engine's last error to stderr as
 *   weir: NAME:LINE:COL: error: MESSAGE
 *     the offending line of text
 *     ^ under the column
 * or "weir: NAME: error: MESSAGE" when it has no position (text may be NULL). */
void cli_print_error(weir *w, const char *text, const char *name);

/* The exit status for a weir status code: 0, 1 (SQL) or 3 (everything else). */
int  cli_exit_status(int rc);

/* Reads a whole file ("-" or NULL: stdin) into a malloc'ed NUL-terminated
 * buffer (caller frees).  Returns NULL with errno set on failure. */
char *cli_read_file(const char *path, size_t *len);

/* The interactive shell (shell.c); returns the exit status. */
int  cli_shell(CliRun *run, weir *w);

/* The regression runner (regress.c): `weir --test PATH... [--update]`.
 * Returns the exit status (0 all passed, 1 some failed, 2 usage). */
int  cli_regress(int npaths, char **paths, bool update);

#endif
