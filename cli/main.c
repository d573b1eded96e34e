/*
 * main.c - the `weir` command: options, then one of
 *
 *   weir                           the shell (stdin is a terminal)
 *   weir FILE.sql [FILE.sql ...]   run the files' statements in order
 *   weir -f FILE.sql               the same, one file
 *   weir -c 'SQL; SQL;'            run statements given inline
 *   weir < FILE.sql                statements from stdin (not a terminal)
 *   weir --test PATH... [--update] regression cases (regress.c)
 *
 * Texts run in the order given (files and -c may be mixed); the first one
 * that fails stops the run.  Exit status: 0 ok, 1 SQL error, 2 usage,
 * 3 runtime or data error (cli.md).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define CLI_MAX_SETS 64

static const char cli_usage_text[] =
    "usage: weir [OPTIONS] [FILE.sql ...]\n"
    "       weir [OPTIONS] -f FILE.sql | -c 'SQL; ...'\n"
    "       weir --test PATH... [--update]\n"
    "\n"
    "Runs streaming SQL: the statements of each FILE, of -c, or of stdin; with no\n"
    "input and a terminal, an interactive shell.\n"
    "\n"
    "Options:\n"
    "  -f FILE               run the statements in FILE\n"
    "  -c SQL                run the statements given\n"
    "  --format FMT          output format: table, csv or json\n"
    "                        (default: table on a terminal, csv otherwise)\n"
    "  --catalog PATH        sqlite3 file holding sources, sinks and views\n"
    "                        (default: in memory)\n"
    "  --state PATH          sqlite3 file for checkpoints: a killed job run again\n"
    "                        with the same command resumes (file sinks exactly-once,\n"
    "                        stdout at-least-once); SET checkpoint.interval (10 s)\n"
    "  --reset-state         with --state: forget the saved state, start over\n"
    "  --set KEY=VALUE       set an option, as SQL SET (repeatable)\n"
    "  --quiet               no end-of-run summary\n"
    "  --test PATH...        run regression cases (NAME.sql with NAME.out, NAME.err)\n"
    "  --update              with --test: rewrite the expected files\n"
    "  --version             print the version\n"
    "  --help                print this help\n"
    "\n"
    "Exit status: 0 success, 1 SQL error, 2 usage, 3 runtime or data error.\n";

/* Prints a usage error and the hint; returns the usage exit status. */
static int cli_usage_error(const char *fmt, const char *arg)
{
    fputs("weir: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'weir --help' for more information.\n", stderr);
    return CLI_EXIT_USAGE;
}

/* One input to run, in command-line order. */
typedef struct CliInput {
    const char *text;         /* -c text, or NULL for a file */
    const char *path;         /* file path as given */
} CliInput;

typedef struct CliOptions {
    const char *format, *catalog, *state;
    const char *sets[CLI_MAX_SETS];
    int nsets;
    bool quiet, test, update, reset_state;
    int ninputs;
    CliInput *inputs;         /* argc entries, malloc'ed */
    int npaths;
    char **paths;             /* --test paths, argc entries, malloc'ed */
} CliOptions;

/* Matches `--name VALUE` and `--name=VALUE`; advances *i over the value.
 * Returns 1 matched, 0 not this option, -1 value missing. */
static int cli_opt_value(int argc, char **argv, int *i, const char *name, const char **val)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0) return 0;
    if (a[n] == '=') {
        *val = a + n + 1;
        return 1;
    }
    if (a[n] != 0) return 0;
    if (*i + 1 >= argc) return -1;
    *val = argv[++*i];
    return 1;
}

/* Parses argv into o.  Returns -1 when all is well, else the exit status
 * (0 after --help / --version, 2 for a usage error). */
static int cli_parse(int argc, char **argv, CliOptions *o)
{
    bool only_args = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *val = NULL;
        int m;
        if (only_args || a[0] != '-' || !strcmp(a, "-")) {
            if (o->test) o->paths[o->npaths++] = argv[i];
            else o->inputs[o->ninputs++] = (CliInput){NULL, a};
            continue;
        }
        if (!strcmp(a, "--")) {
            only_args = true;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(cli_usage_text, stdout);
            return CLI_EXIT_OK;
        } else if (!strcmp(a, "--version")) {
            printf("weir %s\n", weir_version());
            return CLI_EXIT_OK;
        } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
            o->quiet = true;
        } else if (!strcmp(a, "--reset-state")) {
            o->reset_state = true;
        } else if (!strcmp(a, "--test")) {
            o->test = true;
        } else if (!strcmp(a, "--update")) {
            o->update = true;
        } else if (!strcmp(a, "-f") || !strcmp(a, "-c")) {
            if (i + 1 >= argc) return cli_usage_error("option '%s' needs an argument", a);
            o->inputs[o->ninputs++] = a[1] == 'c' ? (CliInput){argv[i + 1], NULL}
                                                  : (CliInput){NULL, argv[i + 1]};
            i++;
        } else if ((m = cli_opt_value(argc, argv, &i, "--format", &val)) != 0) {
            if (m < 0) return cli_usage_error("option '%s' needs an argument", a);
            OutFormat f;
            if (out_parse_format(val, &f) != 0)
                return cli_usage_error("unknown format '%s' (use table, csv or json)", val);
            o->format = val;
        } else if ((m = cli_opt_value(argc, argv, &i, "--catalog", &val)) != 0) {
            if (m < 0) return cli_usage_error("option '%s' needs an argument", a);
            o->catalog = val;
        } else if ((m = cli_opt_value(argc, argv, &i, "--state", &val)) != 0) {
            if (m < 0) return cli_usage_error("option '%s' needs an argument", a);
            o->state = val;
        } else if ((m = cli_opt_value(argc, argv, &i, "--set", &val)) != 0) {
            if (m < 0) return cli_usage_error("option '%s' needs an argument", a);
            const char *eq = strchr(val, '=');
            if (!eq || eq == val) return cli_usage_error("--set wants KEY=VALUE, not '%s'", val);
            if (o->nsets == CLI_MAX_SETS) return cli_usage_error("too many --set options%s", "");
            o->sets[o->nsets++] = val;
        } else {
            return cli_usage_error("unknown option '%s'", a);
        }
    }
    if (o->reset_state && !o->state) return cli_usage_error("--reset-state works only with --state%s", "");
    if (o->update && !o->test) return cli_usage_error("--update works only with --test%s", "");
    if (o->test) {
        /* paths given before --test count as paths too */
        for (int k = 0; k < o->ninputs; k++) {
            if (!o->inputs[k].path) return cli_usage_error("-c cannot be used with --test%s", "");
            o->paths[o->npaths++] = (char *)o->inputs[k].path;
        }
        if (o->npaths == 0) return cli_usage_error("--test needs a directory or a .sql file%s", "");
    }
    return -1;
}

/* Applies the --set options; prints the error and returns its code on failure. */
static int cli_apply_sets(weir *w, const CliOptions *o)
{
    for (int i = 0; i < o->nsets; i++) {
        const char *eq = strchr(o->sets[i], '=');
        char key[256];
        snprintf(key, sizeof key, "%.*s", (int)(eq - o->sets[i]), o->sets[i]);
        int rc = weir_set(w, key, eq + 1);
        if (rc != WEIR_OK) {
            fprintf(stderr, "weir: --set %s: error: %s\n", o->sets[i], weir_errmsg(w));
            return rc;
        }
    }
    return WEIR_OK;
}

/* Runs the inputs in order (stdin when there are none); stops at the first
 * failure.  Returns the weir status code. */
static int cli_run_inputs(CliRun *run, weir *w, const CliOptions *o)
{
    int n = o->ninputs;
    CliInput in_stdin = {NULL, "-"};
    const CliInput *ins = n ? o->inputs : &in_stdin;
    if (!n) n = 1;
    for (int i = 0; i < n; i++) {
        const CliInput *in = &ins[i];
        int rc;
        if (in->text) {
            rc = cli_run(run, w, in->text, "<command>", NULL);
        } else {
            bool is_stdin = !strcmp(in->path, "-");
            const char *name = is_stdin ? "<stdin>" : in->path;
            char *text = cli_read_file(is_stdin ? NULL : in->path, NULL);
            if (!text) {
                fprintf(stderr, "weir: %s: error: cannot read: %s\n", name, strerror(errno));
                return WEIR_IOERR;
            }
            rc = cli_run(run, w, text, name, is_stdin ? NULL : in->path);
            free(text);
        }
        if (rc != WEIR_OK) return rc;
    }
    return WEIR_OK;
}

int main(int argc, char **argv)
{
    CliOptions o = {0};
    o.inputs = calloc((size_t)argc, sizeof *o.inputs);
    o.paths = calloc((size_t)argc, sizeof *o.paths);
    if (!o.inputs || !o.paths) {
        fputs("weir: out of memory\n", stderr);
        return CLI_EXIT_DATA;
    }
    int status = cli_parse(argc, argv, &o);
    if (status >= 0) goto out;
    if (o.test) {
        status = cli_regress(o.npaths, o.paths, o.update);
        goto out;
    }

    bool shell = o.ninputs == 0 && isatty(STDIN_FILENO);
    CliRun run = {.quiet = o.quiet, .shell = shell};
    run.progress.enabled = isatty(STDERR_FILENO);
    OutFormat fmt = isatty(STDOUT_FILENO) ? OUT_TABLE : OUT_CSV;
    if (o.format) out_parse_format(o.format, &fmt);
    out_init(&run.out, fmt, stdout, isatty(STDOUT_FILENO));

    weir *w = NULL;
    int rc = weir_open(o.catalog, o.state, &w);
    if (rc != WEIR_OK) {
        fprintf(stderr, "weir: error: %s\n", w ? weir_errmsg(w) : "cannot open the engine");
        weir_close(w);
        status = cli_exit_status(rc == WEIR_ERROR ? WEIR_IOERR : rc);
        goto out;
    }
    rc = cli_apply_sets(w, &o);
    if (rc == WEIR_OK && o.reset_state) rc = weir_set(w, "state.reset", "true");
    if (rc == WEIR_OK) {
        if (shell) {
            status = cli_shell(&run, w);
            weir_close(w);
            goto out;
        }
        rc = cli_run_inputs(&run, w, &o);
    }
    weir_close(w);
    status = cli_exit_status(rc);
out:
    free(o.inputs);
    free(o.paths);
    return status;
}
