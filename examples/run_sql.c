/*
 * run_sql.c - embedding weir: run a .sql file's query and read its columns
 * with their types.
 *
 * The file's statements but the last (CREATE SOURCE, SET, ...) run with
 * weir_exec_with, which resolves relative paths against the file's directory;
 * the last statement, a SELECT, is opened with weir_query_open and stepped
 * row by row.  Each value is read with the accessor of its declared type
 * (weir_column_int64 for BIGINT, BOOLEAN and TIMESTAMP, weir_column_double for
 * DOUBLE, weir_column_text for VARCHAR) and printed.
 *
 * Usage: run_sql FILE.sql      (e.g. examples/transactions.sql)
 * Build: cc run_sql.c $(pkg-config --cflags --libs weir)
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <weir.h>

/* Reads a whole file into a NUL-terminated malloc'ed string (NULL on error). */
static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    char *s = malloc(cap);
    size_t r;
    while (s && (r = fread(s + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (cap - n - 1 == 0) {
            char *p = realloc(s, cap *= 2);
            if (!p) free(s);
            s = p;
        }
    }
    fclose(f);
    if (s) s[n] = 0;
    return s;
}

/* Returns where the last statement of sql starts: after the last ';' that is
 * outside quotes and comments and has more than blanks and comments after it. */
static size_t last_statement(const char *sql)
{
    size_t start = 0, i = 0;
    while (sql[i]) {
        char c = sql[i];
        if (c == '\'' || c == '"' || c == '`') {
            for (i++; sql[i]; i++)
                if (sql[i] == c) {
                    if (sql[i + 1] == c) i++; /* '' inside a string */
                    else break;
                }
            if (sql[i]) i++;
        } else if (c == '-' && sql[i + 1] == '-') {
            while (sql[i] && sql[i] != '\n') i++;
        } else if (c == '/' && sql[i + 1] == '*') {
            const char *e = strstr(sql + i + 2, "*/");
            i = e ? (size_t)(e - sql) + 2 : strlen(sql);
        } else if (c == ';') {
            i++;
            /* a ';' followed only by blanks/comments keeps the previous start */
            size_t j = i;
            int more = 0;
            while (sql[j]) {
                if (sql[j] == '-' && sql[j + 1] == '-') {
                    while (sql[j] && sql[j] != '\n') j++;
                } else if (sql[j] == '/' && sql[j + 1] == '*') {
                    const char *e = strstr(sql + j + 2, "*/");
                    j = e ? (size_t)(e - sql) + 2 : strlen(sql);
                } else if (sql[j] == ' ' || sql[j] == '\t' || sql[j] == '\r' || sql[j] == '\n') {
                    j++;
                } else {
                    more = 1;
                    break;
                }
            }
            if (more) start = i;
        } else {
            i++;
        }
    }
    return start;
}

static const char *type_name(int t)
{
    switch (t) {
    case WEIR_BOOLEAN: return "BOOLEAN";
    case WEIR_BIGINT: return "BIGINT";
    case WEIR_DOUBLE: return "DOUBLE";
    case WEIR_VARCHAR: return "VARCHAR";
    case WEIR_TIMESTAMP: return "TIMESTAMP";
    default: return "NULL";
    }
}

/* Prints column i of the current row, read with its type's accessor. */
static void print_value(weir_query *q, int i)
{
    if (weir_column_is_null(q, i)) {
        printf("NULL");
        return;
    }
    switch (weir_column_type(q, i)) {
    case WEIR_BOOLEAN: printf("%s", weir_column_int64(q, i) ? "true" : "false"); break;
    case WEIR_BIGINT: printf("%" PRId64, weir_column_int64(q, i)); break;
    case WEIR_DOUBLE: printf("%.2f", weir_column_double(q, i)); break;
    case WEIR_TIMESTAMP: {
        int64_t ms = weir_column_int64(q, i); /* epoch milliseconds, UTC */
        time_t secs = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
        struct tm tm;
        char buf[32];
        gmtime_r(&secs, &tm);
        strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
        printf("%s (epoch ms %" PRId64 ")", buf, ms);
        break;
    }
    default: printf("'%s'", weir_column_text(q, i)); break;
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: run_sql FILE.sql\n");
        return 2;
    }
    char *sql = read_file(argv[1]);
    if (!sql) {
        perror(argv[1]);
        return 1;
    }
    size_t last = last_statement(sql);
    char *query = strdup(sql + last);
    sql[last] = 0; /* sql: every statement before the query */

    weir *w;
    weir_query *q = NULL;
    int rc = weir_open(NULL, NULL, &w);
    weir_exec_hooks hooks = {.filename = argv[1]};
    if (rc == WEIR_OK) rc = weir_exec_with(w, sql, &hooks);
    if (rc == WEIR_OK) rc = weir_query_open(w, query, &q);
    if (rc == WEIR_OK) {
        int n = weir_column_count(q);
        for (int i = 0; i < n; i++)
            printf("%s%s %s", i ? " | " : "", weir_column_name(q, i), type_name(weir_column_type(q, i)));
        printf("\n");
        while ((rc = weir_query_step(q)) == WEIR_ROW) {
            for (int i = 0; i < n; i++) {
                if (i) printf(" | ");
                print_value(q, i);
            }
            printf("\n");
        }
        if (rc == WEIR_PENDING)
            fprintf(stderr, "run_sql: the query waits for more input (an unbounded source)\n");
        if (rc == WEIR_DONE) rc = WEIR_OK;
        printf("rows in %" PRId64 ", rows out %" PRId64 "\n",
               weir_query_counter(q, WEIR_COUNTER_ROWS_IN), weir_query_counter(q, WEIR_COUNTER_ROWS_OUT));
    }
    if (rc != WEIR_OK && rc != WEIR_PENDING) fprintf(stderr, "run_sql: %s: %s\n", argv[1], weir_errmsg(w));
    weir_query_close(q);
    weir_close(w);
    free(sql);
    free(query);
    return rc == WEIR_OK ? 0 : 1;
}
