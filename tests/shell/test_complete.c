/*
 * test_complete.c - unit tests of the shell's text logic (cli/complete.c):
 * where a statement ends, and the tab-completion candidates for keywords,
 * meta-commands and catalog names (an in-memory engine with two sources and
 * a view).
 */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"

static weir *w;

static void setup(void)
{
    cr_assert_eq(weir_open(NULL, NULL, &w), WEIR_OK);
    int rc = weir_exec(w,
        "CREATE SOURCE orders (ts TIMESTAMP, amount INT, customer VARCHAR, WATERMARK FOR ts AS ts)"
        "  WITH (connector = 'file', path = 'o.csv', format = 'csv');"
        "CREATE SOURCE `odd name` (oddcol BIGINT) WITH (connector = 'file', path = 'x.csv', format = 'csv');"
        "CREATE VIEW big_orders AS SELECT amount AS amt FROM orders WHERE amount > 10;",
        NULL, NULL);
    cr_assert_eq(rc, WEIR_OK, "%s", weir_errmsg(w));
}

static void teardown(void)
{
    weir_close(w);
}

/* Asserts the candidates for `line` (cursor at its end) are exactly the
 * NULL-terminated list given, in order. */
static void cands_are(weir *eng, const char *line, ...)
{
    CliCompletion c;
    cr_assert_eq(cli_complete(eng, line, strlen(line), &c), WEIR_OK);
    va_list ap;
    va_start(ap, line);
    int i = 0;
    for (const char *want; (want = va_arg(ap, const char *)) != NULL; i++) {
        cr_assert_lt(i, c.n, "%s: too few candidates (%d), missing %s", line, c.n, want);
        cr_assert_str_eq(c.items[i], want, "%s: candidate %d", line, i);
    }
    va_end(ap);
    cr_assert_eq(c.n, i, "%s: %d candidates, want %d (first extra: %s)", line, c.n, i,
                 c.n > i ? c.items[i] : "");
    cli_completion_free(&c);
}

/* True when `word` is among the candidates for `line`. */
static bool has_cand(const char *line, const char *word)
{
    CliCompletion c;
    cr_assert_eq(cli_complete(w, line, strlen(line), &c), WEIR_OK);
    bool found = false;
    for (int i = 0; i < c.n; i++) found |= !strcmp(c.items[i], word);
    cli_completion_free(&c);
    return found;
}

TestSuite(complete, .init = setup, .fini = teardown);

Test(complete, statement_ends)
{
    cr_assert(cli_statement_ends("SELECT 1;"));
    cr_assert(cli_statement_ends("SELECT 1;  \n"));
    cr_assert(cli_statement_ends("SELECT 1; -- done\n"));
    cr_assert(cli_statement_ends("SELECT 1; /* done */"));
    cr_assert(cli_statement_ends("SELECT 'a;b''c';"));
    cr_assert_not(cli_statement_ends("SELECT 1"));
    cr_assert_not(cli_statement_ends("SELECT 1; SELECT 2"));
    cr_assert_not(cli_statement_ends("SELECT 'a;"));
    cr_assert_not(cli_statement_ends("SELECT `a;"));
    cr_assert_not(cli_statement_ends("SELECT \"a;"));
    cr_assert_not(cli_statement_ends("SELECT 1 -- ;"));
    cr_assert_not(cli_statement_ends("SELECT 1 /* ; */"));
    cr_assert_not(cli_statement_ends("SELECT 1; /* open"));
    cr_assert_not(cli_statement_ends(""));
}

Test(complete, keywords_follow_the_case_typed)
{
    cands_are(w, "SEL", "SELECT", NULL);
    cands_are(w, "sel", "select", NULL);
    cands_are(w, "Sel", "SELECT", NULL);
    cands_are(w, "SELECT * FROM orders WH", "WHEN", "WHERE", NULL);
    cands_are(w, "SELECT * FROM orders WHER", "WHERE", NULL);
    cands_are(w, "SELECT COU", "COUNT", NULL);
    cands_are(w, "SELECT zzz", NULL);
}

Test(complete, nothing_typed_gives_nothing_outside_a_name_context)
{
    cands_are(w, "SELECT ", NULL);
    cands_are(w, "", NULL);
}

Test(complete, names_after_from_describe_join)
{
    cands_are(w, "SELECT * FROM ", "big_orders", "odd name", "orders", NULL);
    cands_are(w, "SELECT * FROM o", "odd name", "orders", NULL);
    cands_are(w, "describe b", "big_orders", NULL);
    cands_are(w, "SELECT * FROM orders JOIN big", "big_orders", NULL);
    cands_are(w, "DROP VIEW ", "big_orders", "odd name", "orders", NULL);
}

Test(complete, columns)
{
    cands_are(w, "SELECT amo", "amount", NULL);
    cands_are(w, "SELECT o.cu", "customer", NULL);
    cr_assert(has_cand("SELECT am", "amt"));          /* a view's column */
    cr_assert(has_cand("SELECT odd", "oddcol"));      /* a quoted source name described */
    cr_assert(has_cand("SELECT win", "window_start"));
    /* after a dot only columns: no keyword */
    cr_assert_not(has_cand("SELECT o.S", "SELECT"));
    cr_assert(has_cand("SELECT S", "SELECT"));
}

Test(complete, word_position)
{
    const char *line = "SELECT amo FROM orders";
    CliCompletion c;
    cr_assert_eq(cli_complete(w, line, 10, &c), WEIR_OK);   /* cursor after "amo" */
    cr_assert_eq(c.start, 7);
    cr_assert_eq(c.len, 3);
    cr_assert_eq(c.n, 1);
    cr_assert_str_eq(c.items[0], "amount");
    cli_completion_free(&c);
}

Test(complete, meta_commands)
{
    cands_are(w, ".", ".help", ".mode", ".quit", ".read", ".schema", ".sources", ".timer", NULL);
    cands_are(w, ".s", ".schema", ".sources", NULL);
    cands_are(w, ".mode ", "csv", "json", "table", NULL);
    cands_are(w, ".mode j", "json", NULL);
    cands_are(w, ".timer o", "off", "on", NULL);
    cands_are(w, ".schema bi", "big_orders", NULL);
    cands_are(w, ".help x", NULL);
}

Test(complete, without_an_engine)
{
    cands_are(NULL, "SELECT * FROM ", NULL);
    cands_are(NULL, "SELECT wind", "window_end", "window_start", "window_time", NULL);
}

Test(complete, common_prefix)
{
    CliCompletion c;
    cr_assert_eq(cli_complete(w, ".s", 2, &c), WEIR_OK);
    cr_assert_eq(cli_completion_common(&c), 2);              /* ".s" */
    cli_completion_free(&c);
    cr_assert_eq(cli_complete(w, "SELECT * FROM o", 15, &c), WEIR_OK);
    cr_assert_eq(cli_completion_common(&c), 1);              /* "o" of "odd name", "orders" */
    cli_completion_free(&c);
    cr_assert_eq(cli_complete(w, "SELECT window", 13, &c), WEIR_OK);
    cr_assert_eq(cli_completion_common(&c), strlen("window_"));
    cli_completion_free(&c);
    CliCompletion empty = {0};
    cr_assert_eq(cli_completion_common(&empty), 0);
}
