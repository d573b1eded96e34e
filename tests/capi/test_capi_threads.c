/*
 * test_capi_threads.c - engines share nothing: two engines on two threads run
 * queries at the same time and each gets exactly its own results.
 *
 * Each thread opens its own engine and, for a number of rounds, runs the
 * scenario-1 job over the example file (checking both alerts) and a windowed
 * aggregate over an api source it feeds with its own records (checking every
 * window's count and sum, which differ per thread).
 *
 * Under ThreadSanitizer (not part of the normal build):
 *   cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug \
 *         -DCMAKE_C_FLAGS=-fsanitize=thread -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread \
 *         -DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=thread
 *   cmake --build build-tsan -j2 --target test_capi_threads
 *   ./build-tsan/tests/capi/test_capi_threads examples
 */
#include <pthread.h>

#include "check.h"

#define ROUNDS 30
#define WINDOWS 20

typedef struct Job {
    const char *examples;
    int id;            /* 1 or 2: what this thread pushes */
    int ok;
} Job;

static void *run(void *arg)
{
    Job *job = arg;
    char sql[4096], rec[64];
    weir *w;
    CHECK_RC(NULL, weir_open(NULL, NULL, &w), WEIR_OK);
    snprintf(sql, sizeof sql,
             "CREATE SOURCE t (transaction_id VARCHAR, `timestamp` TIMESTAMP, amount DOUBLE, "
             "WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND) "
             "WITH (connector = 'file', path = '%s/data/transactions.csv', format = 'csv');"
             "CREATE SOURCE a (k VARCHAR, ts TIMESTAMP, v BIGINT, "
             "WATERMARK FOR ts AS ts) WITH (connector = 'api', format = 'csv')",
             job->examples);
    CHECK_RC(w, weir_exec(w, sql, NULL, NULL), WEIR_OK);
    for (int round = 0; round < ROUNDS; round++) {
        weir_query *q;
        CHECK_RC(w, weir_query_open(w,
                                    "SELECT transaction_id, TUMBLE_START(`timestamp`, INTERVAL '10' "
                                    "SECOND) AS ws, SUM(amount) AS total FROM t GROUP BY "
                                    "transaction_id, TUMBLE(`timestamp`, INTERVAL '10' SECOND) "
                                    "HAVING SUM(amount) > 8000",
                                    &q),
                 WEIR_OK);
        CHECK_RC(w, weir_query_step(q), WEIR_ROW);
        CHECK(strcmp(weir_column_text(q, 1), "2024-05-11 10:00:00.000") == 0);
        CHECK(weir_column_double(q, 2) == 11700.0);
        CHECK_RC(w, weir_query_step(q), WEIR_ROW);
        CHECK(strcmp(weir_column_text(q, 1), "2024-05-11 10:00:10.000") == 0);
        CHECK(weir_column_double(q, 2) == 9000.0);
        CHECK_RC(w, weir_query_step(q), WEIR_DONE);
        weir_query_close(q);

        /* the api source: per 1-second window, 10 records of value id * (window + 1) */
        CHECK_RC(w, weir_query_open(w,
                                    "SELECT k, TUMBLE_START(ts, INTERVAL '1' SECOND), COUNT(*), "
                                    "SUM(v) FROM a GROUP BY k, TUMBLE(ts, INTERVAL '1' SECOND)",
                                    &q),
                 WEIR_OK);
        int seen = 0;
        for (int win = 0; win < WINDOWS; win++) {
            for (int i = 0; i < 10; i++) {
                snprintf(rec, sizeof rec, "k%d,%lld,%d", job->id,
                         1700000000000LL + win * 1000LL + i * 100, job->id * (win + 1));
                CHECK_RC(w, weir_source_push(w, "a", rec, strlen(rec)), WEIR_OK);
            }
            int rc;
            while ((rc = weir_query_step(q)) == WEIR_ROW) {
                char k[8];
                snprintf(k, sizeof k, "k%d", job->id);
                CHECK(strcmp(weir_column_text(q, 0), k) == 0);
                CHECK(weir_column_int64(q, 1) == 1700000000000LL + seen * 1000LL);
                CHECK(weir_column_int64(q, 2) == 10);
                CHECK(weir_column_int64(q, 3) == 10LL * job->id * (seen + 1));
                seen++;
            }
            CHECK_RC(w, rc, WEIR_PENDING);
        }
        /* the first window fires once the second begins, and so on */
        CHECK(seen == WINDOWS - 1);
        weir_query_close(q);
    }
    weir_close(w);
    job->ok = 1;
    return NULL;
}

int main(int argc, char **argv)
{
    const char *ex = argc > 1 ? argv[1] : "examples";
    Job jobs[2] = {{ex, 1, 0}, {ex, 2, 0}};
    pthread_t th[2];
    for (int i = 0; i < 2; i++) CHECK(pthread_create(&th[i], NULL, run, &jobs[i]) == 0);
    for (int i = 0; i < 2; i++) CHECK(pthread_join(th[i], NULL) == 0);
    CHECK(jobs[0].ok && jobs[1].ok);
    printf("test_capi_threads: ok\n");
    return 0;
}
