/*
 * run.c - running a text of statements for the weir command (see cli.h):
 * the exec hooks that print rows and the end-of-run summary, the
 * compiler-style error message, exit statuses, and reading files.
 *
 * The summary goes to stderr after each statement that read sources and
 * ended without error (a failed statement's error says what happened):
 *   -- source transactions: 4 rows read, 0 malformed
 *   -- 2 rows emitted, 0 late rows dropped, elapsed 0.004s
 */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

volatile sig_atomic_t cli_interrupted;

/* The engine cli_run is running statements on, for the signal handler. */
static weir *volatile cli_running;

/* Per-text state the hooks see. */
typedef struct CliHookCtx {
    CliRun *run;
    bool begun;               /* begin() ran for the current statement */
} CliHookCtx;

static void cli_hook_begin(void *ctx, weir_query *q)
{
    CliHookCtx *h = ctx;
    out_begin(&h->run->out, q);
    cli_progress_begin(&h->run->progress);
    h->begun = true;
}

static int cli_hook_row(void *ctx, weir_query *q)
{
    CliHookCtx *h = ctx;
    if (cli_interrupted) return 1;
    /* rows and the progress line share the screen when stdout is a terminal */
    if (h->run->out.flush_rows) cli_progress_erase(&h->run->progress);
    out_row(&h->run->out, q);
    cli_progress_update(&h->run->progress, q);
    return 0;
}

/* A checkpoint is about to count the rows printed so far as delivered: they
 * must have left the process (stdout is at-least-once, never lossy). */
static void cli_hook_checkpoint(void *ctx, weir_query *q)
{
    CliHookCtx *h = ctx;
    (void)q;
    fflush(h->run->out.f);
}

/* Prints the end-of-run summary of q to stderr. */
static void cli_summary(weir_query *q)
{
    int n = weir_query_source_count(q);
    for (int i = 0; i < n; i++) {
        const char *note = weir_query_source_note(q, i);
        fprintf(stderr, "-- source %s: %lld rows read, %lld malformed%s%s%s\n",
                weir_query_source_name(q, i),
                (long long)weir_query_source_counter(q, i, WEIR_COUNTER_ROWS_IN),
                (long long)weir_query_source_counter(q, i, WEIR_COUNTER_MALFORMED),
                note ? " (" : "", note ? note : "", note ? ")" : "");
    }
    int64_t ms = weir_query_elapsed_ms(q);
    fprintf(stderr, "-- %lld rows emitted, %lld late rows dropped, elapsed %lld.%03llds\n",
            (long long)weir_query_counter(q, WEIR_COUNTER_ROWS_OUT),
            (long long)weir_query_counter(q, WEIR_COUNTER_LATE),
            (long long)(ms / 1000), (long long)(ms % 1000));
    int64_t nck = weir_query_counter(q, WEIR_COUNTER_CHECKPOINTS);
    if (nck > 0) {
        double avg_ms = (double)weir_query_counter(q, WEIR_COUNTER_CHECKPOINT_US) / 1000.0 / (double)nck;
        double last = (double)weir_query_counter(q, WEIR_COUNTER_CHECKPOINT_BYTES);
        const char *unit = "bytes";
        if (last >= 1024 * 1024) last /= 1024 * 1024, unit = "MiB";
        else if (last >= 1024) last /= 1024, unit = "KiB";
        fprintf(stderr, "-- %lld checkpoint%s, %.1f ms each on average, last wrote %.*f %s\n", (long long)nck,
                nck == 1 ? "" : "s", avg_ms, strcmp(unit, "bytes") ? 1 : 0, last, unit);
    }
}

static void cli_hook_end(void *ctx, weir_query *q, int rc)
{
    CliHookCtx *h = ctx;
    cli_progress_erase(&h->run->progress);
    if (h->begun) out_end(&h->run->out);
    else fflush(h->run->out.f);
    h->begun = false;
    if (q && rc == WEIR_OK && !h->run->quiet && weir_query_source_count(q) > 0) cli_summary(q);
}

/* SIGINT / SIGTERM while a statement runs: the first asks the engine (and
 * the row hook) to stop the query, even one that emits no rows; a second
 * one, if the query does not stop, is fatal (a third in the shell). */
static volatile sig_atomic_t cli_fatal_at = 1;
static void cli_on_signal(int sig)
{
    if (cli_interrupted >= cli_fatal_at) {
        signal(sig, SIG_DFL);
        raise(sig);
    }
    cli_interrupted++;
    weir *w = cli_running;
    if (w) weir_interrupt(w);
}

int cli_run(CliRun *run, weir *w, const char *text, const char *name, const char *filename)
{
    CliHookCtx h = {.run = run};
    weir_exec_hooks hooks = {
        .filename = filename,
        .begin = cli_hook_begin,
        .row = cli_hook_row,
        .end = cli_hook_end,
        .ctx = &h,
        .checkpoint = cli_hook_checkpoint,
    };
    struct sigaction sa = {.sa_handler = cli_on_signal}, old_int, old_term;
    sigemptyset(&sa.sa_mask);
    cli_interrupted = 0;
    cli_fatal_at = run->shell ? 2 : 1;
    cli_running = w;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    int rc = weir_exec_with(w, text, &hooks);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    cli_running = NULL;
    fflush(run->out.f);
    if (rc != WEIR_OK) cli_print_error(w, text, name);
    return rc;
}

/* The message without a leading "L:C: " the engine puts before SQL errors. */
static const char *cli_strip_pos(const char *msg)
{
    const char *p = msg;
    if (!isdigit((unsigned char)*p)) return msg;
    while (isdigit((unsigned char)*p)) p++;
    if (*p++ != ':' || !isdigit((unsigned char)*p)) return msg;
    while (isdigit((unsigned char)*p)) p++;
    if (*p++ != ':') return msg;
    while (*p == ' ') p++;
    return p;
}

void cli_print_error(weir *w, const char *text, const char *name)
{
    int line = 0, col = 0;
    weir_errpos(w, &line, &col);
    const char *msg = cli_strip_pos(weir_errmsg(w));
    if (line <= 0) {
        fprintf(stderr, "weir: %s: error: %s\n", name, msg);
        return;
    }
    fprintf(stderr, "weir: %s:%d:%d: error: %s\n", name, line, col, msg);
    if (!text) return;
    /* find the line */
    const char *p = text;
    for (int l = 1; l < line && p; l++) {
        p = strchr(p, '\n');
        if (p) p++;
    }
    if (!p) return;
    size_t len = strcspn(p, "\n");
    if (len && p[len - 1] == '\r') len--;
    fprintf(stderr, "  %.*s\n  ", (int)len, p);
    /* the caret: tabs kept so it lines up, one space per character (columns
     * count bytes; UTF-8 continuation bytes take no space on screen) */
    for (int i = 0; i < col - 1; i++) {
        if ((size_t)i >= len) putc(' ', stderr);
        else if (p[i] == '\t') putc('\t', stderr);
        else if (((unsigned char)p[i] & 0xC0) != 0x80) putc(' ', stderr);
    }
    fputs("^\n", stderr);
}

int cli_exit_status(int rc)
{
    switch (rc) {
    case WEIR_OK:    return CLI_EXIT_OK;
    case WEIR_ERROR: return CLI_EXIT_SQL;
    default:         return CLI_EXIT_DATA;
    }
}

char *cli_read_file(const char *path, size_t *len)
{
    FILE *f = (!path || !strcmp(path, "-")) ? stdin : fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n + 1 >= cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                errno = ENOMEM;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - 1 - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                int e = errno ? errno : EIO;
                free(buf);
                buf = NULL;
                errno = e;
            }
            break;
        }
    }
    if (f != stdin) fclose(f);
    if (!buf) return NULL;
    buf[n] = 0;
    if (len) *len = n;
    return buf;
}
