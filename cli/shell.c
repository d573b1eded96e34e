/*
 * shell.c - the interactive shell of the weir command (`weir` with a
 * terminal on stdin; cli.md "The shell"), and the one-line progress display
 * that run.c's hooks draw on stderr while a query runs.
 *
 * The shell reads lines with libedit (native histedit API), gathers them
 * until the text ends a statement (cli_statement_ends, complete.c), and runs
 * it with cli_run (run.c), which prints rows through the current output mode
 * and errors with the caret; an error never ends the session.
 *
 *   history      ~/.weir_history ($HOME), at most SHELL_HISTORY_MAX entries,
 *                loaded at start and saved after each statement and at exit;
 *                a multi-line statement is one entry.
 *   Ctrl-C       while editing: the tty's ISIG is off in edit mode and ^C is
 *                a key bound to shell_key_cancel, which drops the statement
 *                being typed.  A ^C typed just before libedit switched the
 *                tty to raw mode arrives as a SIGINT instead: shell_on_sigint
 *                writes to a self-pipe that shell_getc (libedit's character
 *                reader) watches beside stdin, and turns it into the ^C key,
 *                so both paths cancel the line.  While a query runs the tty is in cooked mode:
 *                SIGINT reaches run.c's handler, which calls weir_interrupt;
 *                the query stops at the next step and the prompt returns.
 *   Ctrl-D       on an empty line: leave.
 *   Tab          shell_key_complete: candidates from cli_complete.
 *   .commands    shell_meta: .help .read .mode .timer .sources .schema .quit
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include <histedit.h>

#include "cli.h"
#include "shell.h"

#define SHELL_PROMPT      "weir> "
#define SHELL_CONT        "  ..> "
#define SHELL_HISTORY_MAX 1000

/* The shell's state; the EditLine's client data. */
typedef struct Shell {
    CliRun *run;
    weir *w;
    EditLine *el;
    History *hist;
    char *hist_path;          /* malloc'ed; NULL without $HOME */
    bool timer;               /* .timer on */
    bool cancel;              /* ^C was pressed while editing */
    char *buf;                /* the statement being typed (malloc'ed) */
    size_t len, cap;
    mbstate_t mbs;            /* shell_getc's multibyte decoding state */
} Shell;

/* The self-pipe a SIGINT outside a running query writes to (shell_on_sigint);
 * -1 when not open.  Process-wide, as signal handlers are. */
static int shell_sigpipe[2] = {-1, -1};

static int64_t shell_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Columns of the terminal on fd (80 when unknown). */
static int shell_term_cols(int fd)
{
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    return 80;
}

/* ---- the progress line ------------------------------------------------------ */

void cli_progress_begin(CliProgress *p)
{
    bool enabled = p->enabled;
    memset(p, 0, sizeof *p);
    p->enabled = enabled;
    p->start_ns = p->last_ns = shell_now_ns();
}

/* Writes n with thousands separators into buf. */
static void shell_group_digits(char *buf, size_t size, int64_t n)
{
    char raw[32];
    int len = snprintf(raw, sizeof raw, "%lld", (long long)(n < 0 ? -n : n));
    size_t k = 0;
    if (n < 0 && k + 1 < size) buf[k++] = '-';
    for (int i = 0; i < len && k + 2 < size; i++) {
        if (i && (len - i) % 3 == 0) buf[k++] = ',';
        buf[k++] = raw[i];
    }
    buf[k] = 0;
}

/* Recomputes p->text from q's counters; cut to the terminal's width so the
 * line never wraps (a wrapped line could not be erased with \r). */
static void shell_progress_text(CliProgress *p, weir_query *q, int64_t now)
{
    int64_t in = weir_query_counter(q, WEIR_COUNTER_ROWS_IN);
    double secs = (double)(now - p->start_ns) / 1e9;
    double rate = secs > 0 ? (double)in / secs : 0;
    char sin[32], sout[32];
    shell_group_digits(sin, sizeof sin, in);
    shell_group_digits(sout, sizeof sout, weir_query_counter(q, WEIR_COUNTER_ROWS_OUT));
    char srate[32];
    if (rate >= 1e6) snprintf(srate, sizeof srate, "%.1fM", rate / 1e6);
    else if (rate >= 1e3) snprintf(srate, sizeof srate, "%.1fk", rate / 1e3);
    else snprintf(srate, sizeof srate, "%.0f", rate);
    char swm[40] = "";
    int64_t wm = weir_query_counter(q, WEIR_COUNTER_WATERMARK);
    if (wm != INT64_MIN) {
        time_t t = (time_t)(wm >= 0 ? wm / 1000 : (wm - 999) / 1000);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(swm, sizeof swm, ", watermark %Y-%m-%d %H:%M:%S", &tm);
    }
    snprintf(p->text, sizeof p->text,
             "-- %s rows in, %s rows/s, %s out%s, %lld late, %lld malformed, %.1fs (Ctrl-C stops)",
             sin, srate, sout, swm, (long long)weir_query_counter(q, WEIR_COUNTER_LATE),
             (long long)weir_query_counter(q, WEIR_COUNTER_MALFORMED), secs);
    int cols = shell_term_cols(STDERR_FILENO);
    if (cols > 1 && (size_t)cols - 1 < strlen(p->text)) p->text[cols - 1] = 0;
}

void cli_progress_update(CliProgress *p, weir_query *q)
{
    if (!p->enabled) return;
    int64_t now = shell_now_ns();
    if (now - p->start_ns < 300 * 1000000LL) return;
    bool redraw = !p->shown;
    if (!p->text[0] || now - p->last_ns >= 100 * 1000000LL) {
        shell_progress_text(p, q, now);
        p->last_ns = now;
        redraw = true;
    }
    if (redraw && p->text[0]) {
        fprintf(stderr, "\r%s\033[K", p->text);
        p->shown = true;
    }
}

void cli_progress_erase(CliProgress *p)
{
    if (!p->shown) return;
    fputs("\r\033[K", stderr);
    p->shown = false;
}

/* ---- libedit callbacks --------------------------------------------------------- */

static Shell *shell_of(EditLine *el)
{
    void *sh = NULL;
    el_get(el, EL_CLIENTDATA, &sh);
    return sh;
}

static char *shell_prompt(EditLine *el)
{
    return shell_of(el)->len ? SHELL_CONT : SHELL_PROMPT;
}

/* ^C while editing: drop the line and the statement typed so far. */
static unsigned char shell_key_cancel(EditLine *el, int ch)
{
    (void)ch;
    shell_of(el)->cancel = true;
    const LineInfo *li = el_line(el);
    el_cursor(el, (int)(li->lastchar - li->cursor));  /* so the newline follows the text */
    return CC_NEWLINE;
}

/* Prints the candidates below the line, in columns. */
static void shell_list(const CliCompletion *c)
{
    size_t wmax = 0;
    for (int i = 0; i < c->n; i++) {
        size_t n = strlen(c->items[i]);
        if (n > wmax) wmax = n;
    }
    int cols = shell_term_cols(STDOUT_FILENO);
    int per = (int)((size_t)cols / (wmax + 2));
    if (per < 1) per = 1;
    putchar('\n');
    for (int i = 0; i < c->n; i++) {
        bool last = (i + 1) % per == 0 || i + 1 == c->n;
        printf("%-*s%s", last ? 0 : (int)wmax + 2, c->items[i], last ? "\n" : "");
    }
    fflush(stdout);
}

/* Tab: completes the word before the cursor as far as it is unambiguous
 * (and a space after a unique SQL word), or lists the candidates. */
static unsigned char shell_key_complete(EditLine *el, int ch)
{
    (void)ch;
    Shell *sh = shell_of(el);
    const LineInfo *li = el_line(el);
    size_t n = (size_t)(li->lastchar - li->buffer);
    char *line = malloc(n + 1);
    if (!line) return CC_ERROR;
    memcpy(line, li->buffer, n);
    line[n] = 0;
    CliCompletion c;
    int rc = cli_complete(sh->w, line, (size_t)(li->cursor - li->buffer), &c);
    free(line);
    unsigned char res = CC_REFRESH_BEEP;
    if (rc == WEIR_OK && c.n > 0) {
        size_t common = cli_completion_common(&c);
        const char *typed = li->cursor - c.len;
        if (c.n == 1 || common > c.len || strncmp(typed, c.items[0], c.len) != 0) {
            char *ins = strndup(c.items[0], common);
            if (ins) {
                el_deletestr(el, (int)c.len);
                el_insertstr(el, ins);
                size_t k = strlen(ins);
                if (c.n == 1 && k && ins[k - 1] != '/') el_insertstr(el, " ");
                free(ins);
                res = CC_REFRESH;
            }
        } else {
            shell_list(&c);
            res = CC_REDISPLAY;
        }
    }
    cli_completion_free(&c);
    return res;
}

/* ---- running text ---------------------------------------------------------------- */

/* Runs a text of statements (typed, or a .read file) and reports a cancel
 * and, with .timer on, the time it took.  Never ends the session. */
static void shell_exec(Shell *sh, const char *text, const char *name, const char *filename)
{
    int64_t t0 = shell_now_ns();
    cli_run(sh->run, sh->w, text, name, filename);
    clearerr(stdout);   /* a write cut short by ^C must not poison later output */
    if (cli_interrupted) fputs("-- query cancelled\n", stderr);
    if (sh->timer)
        fprintf(stderr, "-- run time: %.3fs\n", (double)(shell_now_ns() - t0) / 1e9);
}

/* Runs one statement built from `sql` (a constant or a name to quote). */
static void shell_exec_sql(Shell *sh, const char *sql)
{
    shell_exec(sh, sql, "<shell>", NULL);
}

/* weir_exec callback: appends column 0 to a NULL-terminated list of names. */
typedef struct ShellNames {
    char **v;
    int n;
} ShellNames;

static int shell_collect(void *ctx, weir_query *q)
{
    ShellNames *s = ctx;
    const char *name = weir_column_text(q, 0);
    for (int i = 0; i < s->n; i++)
        if (!strcmp(s->v[i], name)) return 0;
    char **v = realloc(s->v, sizeof *v * (size_t)(s->n + 1));
    if (!v) return 1;
    s->v = v;
    if ((v[s->n] = strdup(name)) != NULL) s->n++;
    return 0;
}

/* weir_exec callback for SHOW CREATE: prints the statement, with its ';'. */
static int shell_print_ddl(void *ctx, weir_query *q)
{
    (void)ctx;
    printf("%s;\n", weir_column_text(q, 0));
    return 0;
}

/* Prints the statement that created name (SHOW CREATE kind `name`). */
static void shell_show_create(Shell *sh, const char *kind, const char *name)
{
    size_t n = strlen(name);
    char *sql = malloc(2 * n + 32);
    if (!sql) return;
    char *p = sql + sprintf(sql, "SHOW CREATE %s `", kind);
    for (size_t k = 0; k < n; k++) {
        if (name[k] == '`') *p++ = '`';
        *p++ = name[k];
    }
    strcpy(p, "`;");
    if (weir_exec(sh->w, sql, shell_print_ddl, NULL) != WEIR_OK) cli_print_error(sh->w, sql, "<shell>");
    fflush(stdout);
    free(sql);
}

/* What .schema walks: SHOW TABLES lists sources and tables. */
static const char *const shell_schema_shows[] = {"SHOW TABLES;", "SHOW VIEWS;", "SHOW SINKS;"};
static const char *const shell_schema_kinds[] = {"TABLE", "VIEW", "SINK"};

/* .schema [NAME]: the CREATE statements of NAME, or of every source, table,
 * view and sink in that order, as sqlite3's .schema prints them. */
static void shell_schema(Shell *sh, const char *name)
{
    bool found = false;
    for (int k = 0; k < 3; k++) {
        ShellNames s = {0};
        if (weir_exec(sh->w, shell_schema_shows[k], shell_collect, &s) == WEIR_OK)
            for (int i = 0; i < s.n; i++)
                if (!name || !strcmp(name, s.v[i])) {
                    shell_show_create(sh, shell_schema_kinds[k], s.v[i]);
                    found = true;
                }
        for (int i = 0; i < s.n; i++) free(s.v[i]);
        free(s.v);
    }
    if (!found && name) fprintf(stderr, "weir: error: .schema: unknown source, table, view or sink \"%s\"\n", name);
    else if (!found) fputs("-- no sources, tables, views or sinks\n", stderr);
}

static const char shell_help_text[] =
    "Type SQL statements ending with ';' (they may span lines).\n"
    "  .help               this help\n"
    "  .read FILE          run the statements in FILE\n"
    "  .mode table|csv|json  how result rows are printed\n"
    "  .timer on|off       print how long each statement took\n"
    "  .sources            list the sources and tables (SHOW TABLES)\n"
    "  .schema [NAME]      the CREATE statement of NAME, or of every source, table, view and sink\n"
    "  .quit               leave (Ctrl-D too)\n"
    "SHOW SOURCES|TABLES|VIEWS|SINKS|JOBS, DESCRIBE name and EXPLAIN SELECT ... work too.\n"
    "Ctrl-C stops a running query (or drops the line being typed); Tab completes.\n";

/* Handles a meta-command line (starting with '.'); returns false for .quit. */
static bool shell_meta(Shell *sh, char *line)
{
    /* the command, then the rest of the line trimmed */
    char *cmd = line + strspn(line, " \t");
    char *rest = cmd + strcspn(cmd, " \t");
    if (*rest) *rest++ = 0;
    rest += strspn(rest, " \t");
    size_t rn = strlen(rest);
    while (rn && strchr(" \t\r\n", rest[rn - 1])) rest[--rn] = 0;
    if (!strcmp(cmd, ".read")) {      /* the rest is the file name, spaces and all */
        if (!*rest) {
            fputs("weir: .read needs a file name\n", stderr);
            return true;
        }
        char *text = cli_read_file(rest, NULL);
        if (!text) {
            fprintf(stderr, "weir: %s: error: cannot read: %s\n", rest, strerror(errno));
            return true;
        }
        shell_exec(sh, text, rest, rest);
        free(text);
        return true;
    }
    char *save = NULL;
    char *arg = strtok_r(rest, " \t", &save);
    char *extra = arg ? strtok_r(NULL, " \t", &save) : NULL;
    if (!strcmp(cmd, ".quit") || !strcmp(cmd, ".exit")) return false;
    if (extra) {
        fprintf(stderr, "weir: %s: too many arguments (try .help)\n", cmd);
        return true;
    }
    if (!strcmp(cmd, ".help")) {
        fputs(shell_help_text, stdout);
    } else if (!strcmp(cmd, ".mode")) {
        static const char *const names[] = {"table", "csv", "json"};
        OutFormat f;
        if (!arg) printf("%s\n", names[sh->run->out.fmt]);
        else if (out_parse_format(arg, &f) != 0)
            fprintf(stderr, "weir: .mode: unknown mode '%s' (use table, csv or json)\n", arg);
        else sh->run->out.fmt = f;
    } else if (!strcmp(cmd, ".timer")) {
        if (!arg) printf("%s\n", sh->timer ? "on" : "off");
        else if (!strcmp(arg, "on")) sh->timer = true;
        else if (!strcmp(arg, "off")) sh->timer = false;
        else fprintf(stderr, "weir: .timer: use on or off, not '%s'\n", arg);
    } else if (!strcmp(cmd, ".sources")) {
        shell_exec_sql(sh, "SHOW TABLES;");
    } else if (!strcmp(cmd, ".schema")) {
        shell_schema(sh, arg);
    } else {
        fprintf(stderr, "weir: unknown command '%s' (try .help)\n", cmd);
    }
    fflush(stdout);
    return true;
}

/* ---- the loop ------------------------------------------------------------------- */

/* True when s is only white space. */
static bool shell_blank(const char *s)
{
    return s[strspn(s, " \t\r\n")] == 0;
}

/* The history file's path (malloc'ed; NULL without $HOME). */
static char *shell_history_path(void)
{
    const char *home = getenv("HOME");
    if (!home || !*home) return NULL;
    size_t n = strlen(home) + sizeof "/.weir_history";
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s/.weir_history", home);
    return p;
}

/* Adds an entry to the history and saves the file. */
static void shell_remember(Shell *sh, const char *entry)
{
    HistEvent ev;
    history(sh->hist, &ev, H_ENTER, entry);
    if (sh->hist_path) history(sh->hist, &ev, H_SAVE, sh->hist_path);
}

/* Appends n bytes and a newline to the statement buffer; false when out of memory. */
static bool shell_append(Shell *sh, const char *s, size_t n)
{
    if (sh->len + n + 2 > sh->cap) {
        size_t cap = (sh->len + n + 2) * 2;
        char *nb = realloc(sh->buf, cap);
        if (!nb) return false;
        sh->buf = nb;
        sh->cap = cap;
    }
    memcpy(sh->buf + sh->len, s, n);
    sh->len += n;
    sh->buf[sh->len++] = '\n';
    sh->buf[sh->len] = 0;
    return true;
}

/* SIGINT outside a running query (cli_run installs its own meanwhile), i.e.
 * a ^C typed while the tty was not in raw mode: tell shell_getc, which
 * delivers it as the ^C key.  Async-signal-safe: one write(2). */
static void shell_on_sigint(int sig)
{
    (void)sig;
    int saved = errno;
    if (shell_sigpipe[1] >= 0) {
        ssize_t n = write(shell_sigpipe[1], "c", 1);
        (void)n;   /* a full pipe already holds a pending ^C */
    }
    errno = saved;
}

/* libedit's character reader (EL_GETCFN): one character from stdin, decoded
 * from the locale's multibyte form, or ^C when shell_on_sigint fired.  Returns
 * 1, 0 at end of input, -1 on a read error (libedit's contract). */
static int shell_getc(EditLine *el, wchar_t *wc)
{
    Shell *sh = shell_of(el);
    for (;;) {
        struct pollfd fds[2] = {{.fd = STDIN_FILENO, .events = POLLIN}, {.fd = shell_sigpipe[0], .events = POLLIN}};
        if (poll(fds, shell_sigpipe[0] >= 0 ? 2 : 1, -1) < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        if (shell_sigpipe[0] >= 0 && (fds[1].revents & POLLIN)) {
            char drain[64];
            while (read(shell_sigpipe[0], drain, sizeof drain) > 0) {}
            memset(&sh->mbs, 0, sizeof sh->mbs);
            *wc = 3;   /* ^C, bound to shell_key_cancel */
            return 1;
        }
        if (!fds[0].revents) continue;
        char c;
        ssize_t n = read(STDIN_FILENO, &c, 1);
        if (n == 0) return 0;
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            return -1;
        }
        size_t k = mbrtowc(wc, &c, 1, &sh->mbs);
        if (k == (size_t)-2) continue;               /* more bytes of this character */
        if (k == (size_t)-1) {                       /* not valid here: the byte itself */
            memset(&sh->mbs, 0, sizeof sh->mbs);
            *wc = (wchar_t)(unsigned char)c;
        }
        return 1;
    }
}

/* Opens the self-pipe (non-blocking, close-on-exec); without it a ^C in the
 * raw-mode gap is ignored, as before. */
static void shell_sigpipe_open(void)
{
    if (pipe(shell_sigpipe) != 0) {
        shell_sigpipe[0] = shell_sigpipe[1] = -1;
        return;
    }
    for (int i = 0; i < 2; i++) {
        fcntl(shell_sigpipe[i], F_SETFL, fcntl(shell_sigpipe[i], F_GETFL) | O_NONBLOCK);
        fcntl(shell_sigpipe[i], F_SETFD, FD_CLOEXEC);
    }
}

static void shell_sigpipe_close(void)
{
    for (int i = 0; i < 2; i++) {
        if (shell_sigpipe[i] >= 0) close(shell_sigpipe[i]);
        shell_sigpipe[i] = -1;
    }
}

int cli_shell(CliRun *run, weir *w)
{
    Shell sh = {.run = run, .w = w, .hist_path = shell_history_path()};
    HistEvent ev;
    sh.hist = history_init();
    sh.el = el_init("weir", stdin, stdout, stderr);
    if (!sh.hist || !sh.el) {
        fputs("weir: cannot start the line editor\n", stderr);
        if (sh.el) el_end(sh.el);
        if (sh.hist) history_end(sh.hist);
        free(sh.hist_path);
        return CLI_EXIT_DATA;
    }
    history(sh.hist, &ev, H_SETSIZE, SHELL_HISTORY_MAX);
    history(sh.hist, &ev, H_SETUNIQUE, 1);
    if (sh.hist_path) history(sh.hist, &ev, H_LOAD, sh.hist_path);

    el_set(sh.el, EL_CLIENTDATA, &sh);
    el_set(sh.el, EL_EDITOR, "emacs");
    el_set(sh.el, EL_SIGNAL, 1);                  /* window resizes, ^Z in cooked mode */
    el_set(sh.el, EL_PROMPT, shell_prompt);
    el_set(sh.el, EL_GETCFN, shell_getc);
    el_set(sh.el, EL_HIST, history, sh.hist);
    el_set(sh.el, EL_SETTY, "-d", "-isig", NULL);  /* ^C is a key while editing */
    /* el_wset, not el_set: the narrow EL_ADDFN copies the names with wcsdup
     * and never frees them; the wide one keeps these static strings. */
    el_wset(sh.el, EL_ADDFN, L"weir-cancel", L"drop the statement being typed", shell_key_cancel);
    el_set(sh.el, EL_BIND, "^C", "weir-cancel", NULL);
    el_wset(sh.el, EL_ADDFN, L"weir-complete", L"complete the word", shell_key_complete);
    el_set(sh.el, EL_BIND, "^I", "weir-complete", NULL);
    el_source(sh.el, NULL);                       /* ~/.editrc, if any */

    shell_sigpipe_open();
    struct sigaction sa = {.sa_handler = shell_on_sigint}, old_int;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);

    printf("weir %s - type .help for help, .quit or Ctrl-D to leave\n", weir_version());
    for (;;) {
        sh.cancel = false;
        int count = 0;
        const char *line = el_gets(sh.el, &count);
        if (sh.cancel) {
            fputs("^C\n", stdout);
            fflush(stdout);
            sh.len = 0;
            continue;
        }
        if (!line || count <= 0) {        /* Ctrl-D (or the terminal went away) */
            putchar('\n');
            break;
        }
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) n--;
        if (!sh.len && line[strspn(line, " \t")] == '.') {
            char *copy = strndup(line, n);
            if (!copy) break;
            shell_remember(&sh, copy);
            bool go_on = shell_meta(&sh, copy);
            free(copy);
            if (!go_on) break;
            continue;
        }
        if (!sh.len && shell_blank(line)) continue;
        if (!shell_append(&sh, line, n)) {
            fputs("weir: out of memory\n", stderr);
            break;
        }
        if (!cli_statement_ends(sh.buf)) continue;

        sh.buf[sh.len - 1] = 0;           /* history holds the statement without its newline */
        shell_remember(&sh, sh.buf);
        sh.buf[sh.len - 1] = '\n';
        shell_exec(&sh, sh.buf, "<shell>", NULL);
        sh.len = 0;
        sh.buf[0] = 0;
    }
    fflush(stdout);
    if (sh.hist_path) history(sh.hist, &ev, H_SAVE, sh.hist_path);
    sigaction(SIGINT, &old_int, NULL);
    shell_sigpipe_close();
    el_end(sh.el);
    history_end(sh.hist);
    free(sh.buf);
    free(sh.hist_path);
    return CLI_EXIT_OK;
}
