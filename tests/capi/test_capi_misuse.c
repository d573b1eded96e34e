/*
 * test_capi_misuse.c - calling the API wrongly gives WEIR_MISUSE (or a clear
 * error) and never crashes: NULL handles everywhere, steps after WEIR_DONE
 * and after an error, bad column indexes, weir_exec over an unbounded source,
 * weir_query_open with something other than one SELECT.
 */
#include "check.h"

static int stop_at_first(void *ctx, weir_query *row)
{
    (void)row;
    (*(int *)ctx)++;
    return 1;
}

int main(int argc, char **argv)
{
    /* NULL handles */
    CHECK(weir_open(NULL, NULL, NULL) == WEIR_MISUSE);
    CHECK(weir_close(NULL) == WEIR_OK);
    CHECK(weir_errmsg(NULL) != NULL);
    CHECK(weir_set(NULL, "a", "b") == WEIR_MISUSE);
    CHECK(weir_exec(NULL, "SELECT 1", NULL, NULL) == WEIR_MISUSE);
    CHECK(weir_exec_with(NULL, "SELECT 1", NULL) == WEIR_MISUSE);
    weir_query *q = (weir_query *)0x1;
    CHECK(weir_query_open(NULL, "SELECT 1", &q) == WEIR_MISUSE);
    CHECK(weir_query_step(NULL) == WEIR_MISUSE);
    CHECK(weir_query_close(NULL) == WEIR_OK);
    CHECK(weir_column_count(NULL) == 0);
    CHECK(weir_column_name(NULL, 0) == NULL);
    CHECK(weir_column_type(NULL, 0) == WEIR_NULL);
    CHECK(weir_column_is_null(NULL, 0));
    CHECK(weir_column_int64(NULL, 0) == 0);
    CHECK(weir_column_double(NULL, 0) == 0);
    CHECK(weir_column_text(NULL, 0) == NULL);
    CHECK(weir_query_counter(NULL, WEIR_COUNTER_ROWS_IN) == 0);
    CHECK(weir_source_push(NULL, "tx", "a", 1) == WEIR_MISUSE);
    CHECK(weir_source_close(NULL, "tx") == WEIR_MISUSE);
    CHECK(weir_version() && strcmp(weir_version(), "0.1.0") >= 0);

    weir *w;
    CHECK_RC(NULL, weir_open(NULL, NULL, &w), WEIR_OK);
    CHECK(weir_exec(w, NULL, NULL, NULL) == WEIR_MISUSE);
    CHECK(weir_query_open(w, NULL, &q) == WEIR_MISUSE);
    CHECK(weir_query_open(w, "SELECT 1", NULL) == WEIR_MISUSE);
    CHECK(weir_set(w, NULL, "x") == WEIR_MISUSE);

    /* a bounded query: step after DONE, columns out of range */
    char ddl[4096];
    snprintf(ddl, sizeof ddl,
             "CREATE SOURCE t (transaction_id VARCHAR, `timestamp` TIMESTAMP, amount DOUBLE) "
             "WITH (connector = 'file', path = '%s/data/transactions.csv', format = 'csv')",
             argc > 1 ? argv[1] : "examples");
    CHECK_RC(w, weir_exec(w, ddl, NULL, NULL), WEIR_OK);
    CHECK_RC(w, weir_query_open(w, "SELECT transaction_id, amount FROM t", &q), WEIR_OK);
    CHECK(weir_column_count(q) == 2);
    CHECK(weir_column_name(q, 2) == NULL && weir_column_name(q, -1) == NULL);
    CHECK(weir_column_text(q, 0) == NULL);   /* no current row yet */
    CHECK(weir_column_is_null(q, 0));
    int n = 0, rc;
    while ((rc = weir_query_step(q)) == WEIR_ROW) {
        CHECK(weir_column_text(q, 5) == NULL && weir_column_int64(q, 5) == 0);
        n++;
    }
    CHECK_RC(w, rc, WEIR_DONE);
    CHECK(n == 4);
    CHECK_RC(w, weir_query_step(q), WEIR_MISUSE);
    CHECK_MSG(w, "after WEIR_DONE");
    CHECK_RC(w, weir_query_step(q), WEIR_MISUSE);
    CHECK(weir_column_text(q, 0) == NULL); /* no row after the end */
    CHECK_RC(w, weir_query_close(q), WEIR_OK);

    /* weir_query_open wants exactly one SELECT */
    CHECK_RC(w, weir_query_open(w, "SELECT 1; SELECT 2", &q), WEIR_ERROR);
    CHECK(q == NULL);
    CHECK_RC(w, weir_query_open(w, "CREATE VIEW v AS SELECT 1", &q), WEIR_ERROR);
    CHECK_RC(w, weir_query_open(w, "SELEKT", &q), WEIR_ERROR);
    CHECK(q == NULL);
    CHECK_RC(w, weir_query_open(w, "SELECT nope FROM t", &q), WEIR_ERROR);
    CHECK_MSG(w, "nope");

    /* a callback stopping early */
    n = 0;
    CHECK_RC(w, weir_exec(w, "SELECT amount FROM t", stop_at_first, &n), WEIR_OK);
    CHECK(n == 1);

    /* a SELECT over unbounded sources given to weir_exec: a clear error, at once */
    CHECK_RC(w, weir_exec(w, "CREATE SOURCE a (x BIGINT) WITH (connector = 'api', format = 'csv')", NULL, NULL), WEIR_OK);
    CHECK_RC(w, weir_exec(w, "SELECT x FROM a", NULL, NULL), WEIR_ERROR);
    CHECK_MSG(w, "unbounded source \"a\"");
    CHECK_MSG(w, "1:1: ");
    /* the same through a view, and after other statements in one script */
    CHECK_RC(w, weir_exec(w, "CREATE VIEW va AS SELECT x * 2 AS y FROM a;\nSELECT y FROM va", NULL, NULL), WEIR_ERROR);
    CHECK_MSG(w, "2:1: ");

    /* push to a closed source */
    CHECK_RC(w, weir_source_close(w, "a"), WEIR_OK);
    CHECK_RC(w, weir_source_push(w, "a", "1", 1), WEIR_MISUSE);
    CHECK_MSG(w, "closed");
    CHECK_RC(w, weir_exec(w, "SELECT y FROM va", NULL, NULL), WEIR_OK); /* bounded now */

    /* closing the engine with a query still open (and mid-stream) is fine */
    CHECK_RC(w, weir_query_open(w, "SELECT transaction_id FROM t", &q), WEIR_OK);
    CHECK_RC(w, weir_query_step(q), WEIR_ROW);
    CHECK_RC(w, weir_close(w), WEIR_OK);
    printf("test_capi_misuse: ok\n");
    return 0;
}
