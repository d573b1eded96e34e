/*
 * shell.c - the minimal interactive shell of the weir command: libedit line
 * editing, a history file (~/.weir_history), statements that span lines
 * until one ends with `;` outside quotes and comments, `.quit` / `.help`,
 * Ctrl-D to leave.  Errors are printed (naming `<shell>`) and the shell goes
 * on.  The full shell (.mode, .read, .schema, ...) is a later step.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <editline/readline.h>

#include "cli.h"

#define SHELL_PROMPT "weir> "
#define SHELL_CONT   "  ...> "

/* True when text, scanned from its start, ends a statement: the last thing
 * outside quotes ('...', "...", `...`) and comments (-- to end of line,
 * slash-star ... star-slash) is a `;`. */
static bool shell_complete(const char *text)
{
    char quote = 0;
    bool line_comment = false, block_comment = false, ends = false;
    for (const char *p = text; *p; p++) {
        if (line_comment) {
            if (*p == '\n') line_comment = false;
        } else if (block_comment) {
            if (p[0] == '*' && p[1] == '/') block_comment = false, p++;
        } else if (quote) {
            if (*p == quote) quote = 0;   /* a doubled quote re-opens at once */
        } else if (*p == '\'' || *p == '"' || *p == '`') {
            quote = *p;
            ends = false;
        } else if (p[0] == '-' && p[1] == '-') {
            line_comment = true, p++;
        } else if (p[0] == '/' && p[1] == '*') {
            block_comment = true, p++;
        } else if (*p == ';') {
            ends = true;
        } else if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') {
            ends = false;
        }
    }
    return ends && !quote && !block_comment;
}

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

/* Handles a meta-command line (starting with '.'); returns false for .quit. */
static bool shell_meta(const char *line)
{
    char cmd[32] = "";
    sscanf(line, "%31s", cmd);
    if (!strcmp(cmd, ".quit") || !strcmp(cmd, ".exit")) return false;
    if (!strcmp(cmd, ".help")) {
        fputs("Type SQL statements ending with ';'.\n"
              ".help   this help\n"
              ".quit   leave (Ctrl-D too)\n", stdout);
    } else {
        fprintf(stderr, "weir: unknown command '%s' (try .help)\n", cmd);
    }
    return true;
}

int cli_shell(CliRun *run, weir *w)
{
    char *hist = shell_history_path();
    using_history();
    if (hist) read_history(hist);
    printf("weir %s - type .help for help, .quit or Ctrl-D to leave\n", weir_version());

    char *buf = NULL;               /* the statement being typed */
    size_t len = 0;
    for (;;) {
        char *line = readline(len ? SHELL_CONT : SHELL_PROMPT);
        if (!line) {                /* Ctrl-D */
            putchar('\n');
            break;
        }
        if (!len && line[0] == '.') {
            add_history(line);
            bool go_on = shell_meta(line);
            free(line);
            if (!go_on) break;
            continue;
        }
        if (!len && shell_blank(line)) {
            free(line);
            continue;
        }
        size_t n = strlen(line);
        char *nb = realloc(buf, len + n + 2);
        if (!nb) {
            free(line);
            fputs("weir: out of memory\n", stderr);
            break;
        }
        buf = nb;
        memcpy(buf + len, line, n);
        len += n;
        buf[len++] = '\n';
        buf[len] = 0;
        free(line);
        if (!shell_complete(buf)) continue;

        buf[len - 1] = 0;           /* history holds the statement without its newline */
        add_history(buf);
        buf[len - 1] = '\n';
        cli_run(run, w, buf, "<shell>", NULL);
        len = 0;
        buf[0] = 0;
    }
    free(buf);
    if (hist) write_history(hist);
    free(hist);
    return CLI_EXIT_OK;
}
