/*
 * test_capi_loop.c - opening and closing an engine with running queries 1,000
 * times leaks nothing.  Each round declares a file source and an api source,
 * opens queries over both (a windowed aggregate mid-stream, a changelog GROUP
 * BY with pending pushes, a fixed SHOW result), steps some of them part way and
 * closes the engine without closing the queries.  Leaks are found by LSan in
 * the sanitizer build (-DWEIR_SANITIZE=ON), which runs this test too.
 */
#include "check.h"

int main(int argc, char **argv)
{
    const char *ex = argc > 1 ? argv[1] : "examples";
    char ddl[4096];
    snprintf(ddl, sizeof ddl,
             "CREATE SOURCE t (transaction_id VARCHAR, `timestamp` TIMESTAMP, amount DOUBLE, "
             "WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND) "
             "WITH (connector = 'file', path = '%s/data/transactions.csv', format = 'csv');"
             "CREATE SOURCE a (k VARCHAR, v BIGINT) WITH (connector = 'api', format = 'csv');"
             "SET 'x.y' = 'z'",
             ex);
    for (int round = 0; round < 1000; round++) {
        weir *w;
        weir_query *q1, *q2, *q3, *q4;
        CHECK_RC(NULL, weir_open(NULL, NULL, &w), WEIR_OK);
        CHECK_RC(w, weir_exec(w, ddl, NULL, NULL), WEIR_OK);
        CHECK_RC(w, weir_query_open(w,
                                    "SELECT transaction_id, TUMBLE_START(`timestamp`, INTERVAL '10' "
                                    "SECOND), SUM(amount) FROM t GROUP BY transaction_id, "
                                    "TUMBLE(`timestamp`, INTERVAL '10' SECOND)",
                                    &q1),
                 WEIR_OK);
        CHECK_RC(w, weir_query_open(w, "SELECT k, COUNT(*), SUM(v) FROM a GROUP BY k", &q2), WEIR_OK);
        CHECK_RC(w, weir_query_open(w, "SELECT k, v FROM a WHERE v > 1", &q3), WEIR_OK);
        char rec[32];
        for (int i = 0; i < 10; i++) {
            snprintf(rec, sizeof rec, "k%d,%d", i % 3, i);
            CHECK_RC(w, weir_source_push(w, "a", rec, strlen(rec)), WEIR_OK);
        }
        CHECK_RC(w, weir_query_step(q2), WEIR_ROW); /* mid-stream */
        if (round % 2) CHECK_RC(w, weir_query_step(q1), WEIR_ROW);
        if (round % 3 == 0) CHECK_RC(w, weir_source_close(w, "a"), WEIR_OK);
        if (round % 5 == 0) {
            /* a failed query left open */
            CHECK_RC(w, weir_source_push(w, "a", "bad,x", 5), round % 3 == 0 ? WEIR_MISUSE : WEIR_OK);
            int rc;
            while ((rc = weir_query_step(q3)) == WEIR_ROW) {}
            CHECK(rc == (round % 3 == 0 ? WEIR_DONE : WEIR_DATA));
        }
        CHECK_RC(w, weir_exec(w, "SHOW SOURCES", NULL, NULL), WEIR_OK);
        /* an error leaves nothing behind either */
        CHECK_RC(w, weir_query_open(w, "SELECT nope FROM t", &q4), WEIR_ERROR);
        CHECK_RC(w, weir_close(w), WEIR_OK); /* q1..q3 still open */
    }
    printf("test_capi_loop: ok\n");
    return 0;
}
