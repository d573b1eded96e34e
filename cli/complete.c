/*
 * complete.c - what the shell (cli/shell.c) knows about the text being
 * typed, without libedit: whether a text ends a statement, and the
 * candidates for tab completion (see shell.h).
 *
 * Catalog names come through the public API only: SHOW SOURCES / TABLES /
 * VIEWS / SINKS and DESCRIBE `name`, run with weir_exec on each Tab press
 * (the catalog is small and nothing runs while the user types, so nothing is
 * cached and nothing goes stale).
 */
#include "shell.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool cli_statement_ends(const char *text)
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

/* ---- word lists ------------------------------------------------------------ */

static const char *const cpl_keywords[] = {
    "ALL", "AND", "AS", "ASC", "BETWEEN", "BIGINT", "BOOLEAN", "BY", "CASE", "CAST",
    "CLOSE", "CREATE", "CUMULATE", "DAY", "DESC", "DESCRIBE", "DESCRIPTOR", "DISTINCT", "DOUBLE",
    "DROP", "ELSE", "EMIT", "END", "ENFORCED", "EXISTS", "EXPLAIN", "FALSE", "FOR", "FROM",
    "GROUP", "HAVING", "HOP", "HOUR", "IF", "IN", "INSERT", "INT", "INTERVAL", "INTO",
    "IS", "JOBS", "KEY", "LIKE", "LIMIT", "MILLISECOND", "MINUTE", "MONTH", "NOT",
    "NULL", "ON", "OR", "PRIMARY", "RESET", "SECOND", "SELECT", "SESSION", "SET", "SHOW",
    "SINK", "SINKS", "SOURCE", "SOURCES", "STRING", "TABLE", "TABLES", "THEN",
    "TIMESTAMP", "TIMESTAMP_LTZ", "TRUE", "TUMBLE", "VARCHAR", "VIEW", "VIEWS",
    "WATERMARK", "WEEK", "WHEN", "WHERE", "WITH", "YEAR",
    /* functions */
    "ABS", "AVG", "CEIL", "CHAR_LENGTH", "COALESCE", "CONCAT", "COUNT", "FLOOR",
    "LOWER", "MAX", "MIN", "SUBSTRING", "SUM", "TO_TIMESTAMP_LTZ", "TRIM", "UPPER",
};

/* Column names every windowing TVF adds. */
static const char *const cpl_window_cols[] = {"window_start", "window_end", "window_time"};

static const char *const cpl_meta_names[] = {
    ".help", ".mode", ".quit", ".read", ".schema", ".sources", ".timer",
};

/* Words after which only a source/table/view/sink name makes sense. */
static const char *const cpl_name_context[] = {
    "FROM", "JOIN", "DESCRIBE", "DESC", "SOURCE", "VIEW", "SINK", "TABLE", "INTO", "EXISTS",
};

/* ---- the candidate list ---------------------------------------------------- */

/* A growing list of candidates (CliCompletion.items). */
typedef struct CplList {
    CliCompletion *c;
    int cap;
    bool nomem;
    const char *prefix;       /* the word typed so far */
    size_t plen;
} CplList;

/* Adds s (copied) when it starts with the prefix, ignoring case. */
static void cpl_add(CplList *l, const char *s)
{
    if (l->nomem || strncasecmp(s, l->prefix, l->plen) != 0) return;
    if (l->c->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 32;
        char **p = realloc(l->c->items, sizeof *p * (size_t)cap);
        if (!p) {
            l->nomem = true;
            return;
        }
        l->c->items = p;
        l->cap = cap;
    }
    char *copy = strdup(s);
    if (!copy) {
        l->nomem = true;
        return;
    }
    l->c->items[l->c->n++] = copy;
}

/* Adds a keyword, in lower case when the prefix is typed in lower case. */
static void cpl_add_keyword(CplList *l, const char *kw)
{
    bool lower = false;
    for (size_t i = 0; i < l->plen; i++) {
        if (isupper((unsigned char)l->prefix[i])) return cpl_add(l, kw);
        if (islower((unsigned char)l->prefix[i])) lower = true;
    }
    if (!lower) return cpl_add(l, kw);
    char buf[64];
    size_t i = 0;
    for (; kw[i] && i + 1 < sizeof buf; i++) buf[i] = (char)tolower((unsigned char)kw[i]);
    buf[i] = 0;
    cpl_add(l, buf);
}

/* weir_exec callback: adds column 0 of each row. */
static int cpl_collect(void *ctx, weir_query *q)
{
    cpl_add(ctx, weir_column_text(q, 0));
    return 0;
}

/* Adds the names of the catalog's sources, tables, views and sinks. */
static void cpl_add_objects(CplList *l, weir *w)
{
    static const char *const shows[] = {"SHOW SOURCES;", "SHOW TABLES;", "SHOW VIEWS;", "SHOW SINKS;"};
    for (size_t i = 0; w && i < sizeof shows / sizeof *shows; i++) weir_exec(w, shows[i], cpl_collect, l);
}

/* Adds the column names of every catalog object (DESCRIBE each one: its
 * column 0 is the column's name) and the window TVF columns. */
static void cpl_add_columns(CplList *l, weir *w)
{
    for (size_t i = 0; i < sizeof cpl_window_cols / sizeof *cpl_window_cols; i++)
        cpl_add(l, cpl_window_cols[i]);
    if (!w) return;
    /* every object's name, whatever the prefix */
    CliCompletion objs = {0};
    CplList ol = {.c = &objs, .prefix = "", .plen = 0};
    cpl_add_objects(&ol, w);
    for (int i = 0; i < objs.n; i++) {
        const char *name = objs.items[i];
        size_t n = strlen(name);
        char *sql = malloc(2 * n + 16);
        if (!sql) {
            l->nomem = true;
            break;
        }
        char *p = sql + sprintf(sql, "DESCRIBE `");
        for (size_t k = 0; k < n; k++) {
            if (name[k] == '`') *p++ = '`';
            *p++ = name[k];
        }
        strcpy(p, "`;");
        weir_exec(w, sql, cpl_collect, l);
        free(sql);
    }
    l->nomem |= ol.nomem;
    cli_completion_free(&objs);
}

/* Adds the file names in the directory part of l->prefix. */
static void cpl_add_files(CplList *l)
{
    const char *slash = strrchr(l->prefix, '/');
    size_t dlen = slash ? (size_t)(slash - l->prefix) + 1 : 0;
    char dir[4096];
    snprintf(dir, sizeof dir, "%.*s", (int)(dlen ? dlen : 1), dlen ? l->prefix : ".");
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    char path[8192];
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' && (slash ? slash[1] : l->prefix[0]) != '.') continue;
        bool is_dir = e->d_type == DT_DIR;
        snprintf(path, sizeof path, "%.*s%s%s", (int)dlen, l->prefix, e->d_name, is_dir ? "/" : "");
        cpl_add(l, path);
    }
    closedir(d);
}

static int cpl_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts the candidates and drops duplicates. */
static void cpl_sort_unique(CliCompletion *c)
{
    if (c->n < 2) return;
    qsort(c->items, (size_t)c->n, sizeof *c->items, cpl_cmp);
    int k = 1;
    for (int i = 1; i < c->n; i++) {
        if (!strcmp(c->items[i], c->items[k - 1])) free(c->items[i]);
        else c->items[k++] = c->items[i];
    }
    c->n = k;
}

static bool cpl_word_char(char ch)
{
    return isalnum((unsigned char)ch) || ch == '_' || (unsigned char)ch >= 0x80;
}

/* The meta-command line: the command name, or its argument. */
static void cpl_meta(CplList *l, weir *w, const char *line, size_t start)
{
    const char *sp = memchr(line, ' ', start);
    if (!sp) {
        for (size_t i = 0; i < sizeof cpl_meta_names / sizeof *cpl_meta_names; i++)
            cpl_add(l, cpl_meta_names[i]);
        return;
    }
    size_t cmdlen = (size_t)(sp - line);
    if (cmdlen == 5 && !strncmp(line, ".mode", 5)) {
        cpl_add(l, "csv"), cpl_add(l, "json"), cpl_add(l, "table");
    } else if (cmdlen == 6 && !strncmp(line, ".timer", 6)) {
        cpl_add(l, "off"), cpl_add(l, "on");
    } else if (cmdlen == 7 && !strncmp(line, ".schema", 7)) {
        cpl_add_objects(l, w);
    } else if (cmdlen == 5 && !strncmp(line, ".read", 5)) {
        cpl_add_files(l);
    }
}

int cli_complete(weir *w, const char *line, size_t cursor, CliCompletion *out)
{
    memset(out, 0, sizeof *out);
    bool meta = line[strspn(line, " \t")] == '.';
    size_t start = cursor;
    if (meta) {
        /* a meta-command argument is everything after the last space */
        while (start > 0 && line[start - 1] != ' ' && line[start - 1] != '\t') start--;
    } else {
        while (start > 0 && cpl_word_char(line[start - 1])) start--;
    }
    out->start = start;
    out->len = cursor - start;
    char prefix[1024];
    snprintf(prefix, sizeof prefix, "%.*s", (int)out->len, line + start);
    CplList l = {.c = out, .prefix = prefix, .plen = strlen(prefix)};

    if (meta) {
        size_t lead = strspn(line, " \t");
        cpl_meta(&l, w, line + lead, start - lead);
    } else {
        /* what comes before the word: a '.', or the previous word */
        size_t p = start;
        while (p > 0 && (line[p - 1] == ' ' || line[p - 1] == '\t')) p--;
        size_t pend = p;
        while (p > 0 && cpl_word_char(line[p - 1])) p--;
        bool after_dot = start > 0 && line[start - 1] == '.';
        bool name_only = false;
        for (size_t i = 0; !after_dot && i < sizeof cpl_name_context / sizeof *cpl_name_context; i++) {
            size_t n = strlen(cpl_name_context[i]);
            if (pend - p == n && !strncasecmp(line + p, cpl_name_context[i], n)) name_only = true;
        }
        if (after_dot) {
            cpl_add_columns(&l, w);
        } else if (name_only) {
            cpl_add_objects(&l, w);
        } else if (l.plen > 0) {   /* everything: only once something is typed */
            for (size_t i = 0; i < sizeof cpl_keywords / sizeof *cpl_keywords; i++)
                cpl_add_keyword(&l, cpl_keywords[i]);
            cpl_add_objects(&l, w);
            cpl_add_columns(&l, w);
        }
    }
    cpl_sort_unique(out);
    return l.nomem ? WEIR_NOMEM : WEIR_OK;
}

void cli_completion_free(CliCompletion *c)
{
    for (int i = 0; i < c->n; i++) free(c->items[i]);
    free(c->items);
    memset(c, 0, sizeof *c);
}

size_t cli_completion_common(const CliCompletion *c)
{
    if (c->n == 0) return 0;
    size_t n = strlen(c->items[0]);
    for (int i = 1; i < c->n; i++) {
        size_t k = 0;
        while (k < n && c->items[i][k] &&
               tolower((unsigned char)c->items[i][k]) == tolower((unsigned char)c->items[0][k]))
            k++;
        n = k;
    }
    return n;
}
