/*
 * test_capi_api_source.c - the 'api' connector through the public API:
 * weir_source_push / weir_source_close feeding continuous queries
 * (runtime/connector_api.c, engine/weir.c).
 *
 * Covers: WEIR_PENDING on an empty open source, rows as soon as they are
 * pushed, WEIR_DONE after close, JSON records, every open query reading the
 * source getting every record, records pushed before the query opened, the
 * on_error policies (skip counts, fail stops with WEIR_DATA naming the push),
 * weir_exec over a closed api source, and a large volume with compaction.
 */
#include "check.h"

#include <unistd.h>

#define DDL_CSV "CREATE SOURCE tx (id VARCHAR, n BIGINT, amount DOUBLE) WITH (connector = 'api', format = 'csv')"

static void push(weir *w, const char *src, const char *rec)
{
    CHECK_RC(w, weir_source_push(w, src, rec, strlen(rec)), WEIR_OK);
}

/* Steps until not WEIR_ROW; appends "id/n/amount;" per row to out. */
static int collect(weir_query *q, char *out, size_t cap)
{
    int rc;
    while ((rc = weir_query_step(q)) == WEIR_ROW) {
        size_t l = strlen(out);
        snprintf(out + l, cap - l, "%s/%s/%s;", weir_column_text(q, 0), weir_column_text(q, 1),
                 weir_column_text(q, 2));
    }
    return rc;
}

static void test_pending_rows_done(void)
{
    weir *w;
    weir_query *q;
    CHECK_RC(NULL, weir_open(NULL, NULL, &w), WEIR_OK);
    CHECK_RC(w, weir_exec(w, DDL_CSV, NULL, NULL), WEIR_OK);
    CHECK_RC(w, weir_query_open(w, "SELECT id, n, amount FROM tx WHERE n > 1", &q), WEIR_OK);
    CHECK(weir_column_type(q, 1) == WEIR_BIGINT && weir_column_type(q, 2) == WEIR_DOUBLE);
    CHECK_RC(w, weir_query_step(q), WEIR_PENDING);
    CHECK_RC(w, weir_query_step(q), WEIR_PENDING);
    push(w, "tx", "a,1,1.5");
    push(w, "tx", "b,2,2.5\n"); /* a trailing line end is dropped */
    CHECK_RC(w, weir_query_step(q), WEIR_ROW);
    CHECK(strcmp(weir_column_text(q, 0), "b") == 0);
    CHECK(weir_column_int64(q, 1) == 2);
    CHECK(weir_column_double(q, 2) == 2.5);
    CHECK_RC(w, weir_query_step(q), WEIR_PENDING);
    push(w, "tx", "c,3,\"3.5\"\r\n");
    char out[256] = "";
    CHECK_RC(w, collect(q, out, sizeof out), WEIR_PENDING);
    CHECK(strcmp(out, "c/3/3.5;") == 0);
    CHECK_RC(w, weir_source_close(w, "tx"), WEIR_OK);
    CHECK_RC(w, weir_query_step(q), WEIR_DONE);
    CHECK(weir_query_counter(q, WEIR_COUNTER_ROWS_IN) == 3);
    CHECK(weir_query_counter(q, WEIR_COUNTER_ROWS_OUT) == 2);
    /* closed: pushes and a second close are misuse */
    CHECK_RC(w, weir_source_push(w, "tx", "d,4,4", 5), WEIR_MISUSE);
    CHECK_MSG(w, "closed");
    CHECK_RC(w, weir_source_close(w, "tx"), WEIR_MISUSE);
    CHECK_MSG(w, "already closed");
    /* a query opened after the close reads nothing and is done */
    weir_query *q2;
    CHECK_RC(w, weir_query_open(w, "SELECT id, n, amount FROM tx", &q2), WEIR_OK);
    CHECK_RC(w, weir_query_step(q2), WEIR_DONE);
    CHECK_RC(w, weir_query_close(q2), WEIR_OK);
    CHECK_RC(w, weir_query_close(q), WEIR_OK);
    weir_close(w);
}

static void test_two_queries_and_backlog(void)
{
    weir *w;
    weir_query *q1, *q2, *q3;
    CHECK_RC(NULL, weir_open(NULL, NULL, &w), WEIR_OK);
    CHECK_RC(w, weir_exec(w, DDL_CSV, NULL, NULL), WEIR_OK);
    /* pushed before any query reads the source: kept for the first reader */
    push(w, "tx", "early,1,1");
    CHECK_RC(w, weir_query_open(w, "SELECT id, n, amount FROM tx", &q1), WEIR_OK);
    CHECK_RC(w, weir_query_open(w, "SELECT id, n * 10, amount * 2 FROM tx", &q2), WEIR_OK);
    push(w, "tx", "x,2,2");
    push(w, "tx", "y,3,3");
    char o1[256] = "", o2[256] = "";
    CHECK_RC(w, collect(q1, o1, sizeof o1), WEIR_PENDING);
    CHECK(strcmp(o1, "early/1/1.0;x/2/2.0;y/3/3.0;") == 0);
    /* the second reader opened while q1 already read: it starts at what q1 has
     * not consumed, i.e. the backlog is delivered once to the first reader
     * and shared records to both */
    CHECK_RC(w, collect(q2, o2, sizeof o2), WEIR_PENDING);
    CHECK(strcmp(o2, "x/20/4.0;y/30/6.0;") == 0);
    /* a third query opened now sees only what comes next */
    CHECK_RC(w, weir_query_open(w, "SELECT id, n, amount FROM tx", &q3), WEIR_OK);
    push(w, "tx", "z,4,4");
    char o3[256] = "";
    o1[0] = o2[0] = 0;
    CHECK_RC(w, collect(q3, o3, sizeof o3), WEIR_PENDING);
    CHECK_RC(w, collect(q1, o1, sizeof o1), WEIR_PENDING);
    CHECK(strcmp(o3, "z/4/4.0;") == 0 && strcmp(o1, "z/4/4.0;") == 0);
    weir_query_close(q1); /* one reader fewer: the others go on */
    CHECK_RC(w, weir_source_close(w, "tx"), WEIR_OK);
    CHECK_RC(w, collect(q2, o2, sizeof o2), WEIR_DONE);
    CHECK(strcmp(o2, "z/40/8.0;") == 0);
    CHECK_RC(w, weir_query_step(q3), WEIR_DONE);
    weir_close(w); /* closes q2, q3 */

    /* records a closed query read are not delivered again to the next one,
     * even when it had read only part of what was queued */
    CHECK_RC(NULL, weir_open(NULL, NULL, &w), WEIR_OK);
    CHECK_RC(w, weir_exec(w, DDL_CSV, NULL, NULL), WEIR_OK);
    CHECK_RC(w, weir_query_open(w, "SELECT id, n, amount FROM tx LIMIT 100", &q1), WEIR_OK);
    for (int i = 0; i < 10; i++) push(w, "tx", "a,1,1");
    CHECK_RC(w, weir_query_step(q1), WEIR_ROW);
    weir_query_close(q1);
    push(w, "tx", "b,2,2");
    CHECK_RC(w, weir_query_open(w, "SELECT id, n, amount FROM tx", &q2), WEIR_OK);
    o2[0] = 0;
    CHECK_RC(w, collect(q2, o2, sizeof o2), WEIR_PENDING);
    CHECK(strcmp(o2, "b/2/2.0;") == 0);
    weir_close(w);
}

static void test_json_and_errors(void)
{
    weir *w;
    weir_query *q;
    CHECK_RC(NULL, weir_open(NULL, NULL, &w), WEIR_OK);
    CHECK_RC(w, weir_exec(w,
                          "CREATE SOURCE js (id VARCHAR, n BIGINT, ts TIMESTAMP) WITH (connector = "
                          "'api', format = 'json', on_error = 'skip');"
                          "CREATE SOURCE strict (id VARCHAR, n BIGINT) WITH (connector = 'api', "
                          "format = 'csv');"
                          "CREATE SOURCE f (id VARCHAR) WITH (connector = 'file', path = 'x.csv');"
                          "CREATE VIEW v AS SELECT id FROM strict",
                          NULL, NULL),
             WEIR_OK);
    CHECK_RC(w, weir_query_open(w, "SELECT id, n, ts FROM js", &q), WEIR_OK);
    push(w, "js", "{\"id\":\"a\",\"n\":5,\"ts\":\"2024-05-11 10:00:00\"}");
    push(w, "js", "{\"id\":\"b\",\"n\":\"oops\"}");
    push(w, "js", "not json");
    push(w, "js", "{\"n\":7,\"id\":\"c\",\"ts\":1715421600000}");
    CHECK_RC(w, weir_query_step(q), WEIR_ROW);
    CHECK(strcmp(weir_column_text(q, 0), "a") == 0 && weir_column_int64(q, 1) == 5);
    CHECK(weir_column_type(q, 2) == WEIR_TIMESTAMP && weir_column_int64(q, 2) == 1715421600000LL);
    CHECK_RC(w, weir_query_step(q), WEIR_ROW);
    CHECK(strcmp(weir_column_text(q, 0), "c") == 0 && weir_column_int64(q, 1) == 7);
    CHECK_RC(w, weir_query_step(q), WEIR_PENDING);
    CHECK(weir_query_counter(q, WEIR_COUNTER_MALFORMED) == 2);
    CHECK(weir_query_counter(q, WEIR_COUNTER_ROWS_IN) == 2);
    weir_query_close(q);

    /* on_error = 'fail' (the default): the bad record stops the query */
    CHECK_RC(w, weir_query_open(w, "SELECT id, n FROM strict", &q), WEIR_OK);
    push(w, "strict", "a,1");
    push(w, "strict", "b,xx");
    CHECK_RC(w, weir_query_step(q), WEIR_ROW); /* the good row before it */
    CHECK_RC(w, weir_query_step(q), WEIR_DATA);
    CHECK_MSG(w, "source \"strict\": push 2");
    CHECK_MSG(w, "xx");
    CHECK_RC(w, weir_query_step(q), WEIR_MISUSE); /* after an error */
    weir_query_close(q);

    /* misuse: unknown names, not an api source, a view */
    CHECK_RC(w, weir_source_push(w, "nope", "a", 1), WEIR_MISUSE);
    CHECK_MSG(w, "no source named \"nope\"");
    CHECK_RC(w, weir_source_push(w, "f", "a", 1), WEIR_MISUSE);
    CHECK_MSG(w, "not an api source");
    CHECK_RC(w, weir_source_close(w, "v"), WEIR_MISUSE);
    CHECK_MSG(w, "not a source");
    CHECK_RC(w, weir_source_push(w, "strict", NULL, 3), WEIR_MISUSE);
    CHECK_RC(w, weir_source_push(w, NULL, "a", 1), WEIR_MISUSE);
    CHECK_RC(w, weir_source_close(w, NULL), WEIR_MISUSE);
    /* a CSV header makes no sense for pushed records */
    CHECK_RC(w, weir_exec(w, "CREATE SOURCE h (a BIGINT) WITH (connector = 'api', `csv.header` = 'true')", NULL, NULL), WEIR_OK);
    CHECK(weir_query_open(w, "SELECT a FROM h", &q) == WEIR_ERROR);
    CHECK_MSG(w, "position");
    weir_close(w);
}

static int count_rows(void *ctx, weir_query *row)
{
    (void)row;
    (*(int *)ctx)++;
    return 0;
}

static void test_exec(void)
{
    weir *w;
    CHECK_RC(NULL, weir_open(NULL, NULL, &w), WEIR_OK);
    CHECK_RC(w, weir_exec(w, DDL_CSV, NULL, NULL), WEIR_OK);
    int n = 0;
    /* open api source: weir_exec refuses instead of waiting forever */
    CHECK_RC(w, weir_exec(w, "SELECT id FROM tx", count_rows, &n), WEIR_ERROR);
    CHECK_MSG(w, "unbounded source \"tx\"");
    CHECK_MSG(w, "weir_query_open");
    push(w, "tx", "a,1,1");
    push(w, "tx", "b,2,2");
    CHECK_RC(w, weir_source_close(w, "tx"), WEIR_OK);
    /* closed: bounded, so weir_exec runs it (the backlog is delivered) */
    CHECK_RC(w, weir_exec(w, "SELECT id FROM tx", count_rows, &n), WEIR_OK);
    CHECK(n == 2);
    weir_close(w);
}

static void test_volume(void)
{
    weir *w;
    weir_query *q;
    CHECK_RC(NULL, weir_open(NULL, NULL, &w), WEIR_OK);
    CHECK_RC(w, weir_exec(w, DDL_CSV, NULL, NULL), WEIR_OK);
    CHECK_RC(w, weir_query_open(w, "SELECT COUNT(*), SUM(n), MAX(id) FROM tx GROUP BY amount > 0", &q), WEIR_OK);
    char rec[64];
    long long sum = 0;
    /* pushes in bursts larger than a batch, read in between: exercises the
     * channel's compaction while a reader lags */
    for (int burst = 0; burst < 20; burst++) {
        for (int i = 0; i < 1500; i++) {
            int k = burst * 1500 + i;
            snprintf(rec, sizeof rec, "id%06d,%d,1.0", k, k);
            sum += k;
            push(w, "tx", rec);
        }
        int rc;
        while ((rc = weir_query_step(q)) == WEIR_ROW) {}
        CHECK_RC(w, rc, WEIR_PENDING);
    }
    CHECK_RC(w, weir_source_close(w, "tx"), WEIR_OK);
    int rc;
    while ((rc = weir_query_step(q)) == WEIR_ROW) {}
    CHECK_RC(w, rc, WEIR_DONE);
    CHECK(weir_query_counter(q, WEIR_COUNTER_ROWS_IN) == 30000);
    weir_close(w);
    /* the same records read back in order by a plain projection */
    CHECK_RC(NULL, weir_open(NULL, NULL, &w), WEIR_OK);
    CHECK_RC(w, weir_exec(w, DDL_CSV, NULL, NULL), WEIR_OK);
    CHECK_RC(w, weir_query_open(w, "SELECT id, n FROM tx", &q), WEIR_OK);
    long long got = 0, next = 0;
    for (int k = 0; k < 30000; k++) {
        snprintf(rec, sizeof rec, "id%06d,%d,1.0", k, k);
        push(w, "tx", rec);
        if (k % 777 == 0 || k == 29999)
            while ((rc = weir_query_step(q)) == WEIR_ROW) {
                snprintf(rec, sizeof rec, "id%06lld", next);
                CHECK(strcmp(weir_column_text(q, 0), rec) == 0);
                CHECK(weir_column_int64(q, 1) == next);
                got += weir_column_int64(q, 1);
                next++;
            }
    }
    CHECK(next == 30000 && got == sum);
    weir_close(w);
}

/* weir_query_open also takes a sink job: it writes as it is stepped and
 * returns WEIR_DONE once its api source is closed and drained. */
static void test_sink_job(void)
{
    weir *w;
    weir_query *q;
    char path[] = "/tmp/weir_capi_sink_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    char sql[512];
    snprintf(sql, sizeof sql,
             "CREATE SINK big WITH (connector = 'file', format = 'csv', path = '%s') AS "
             "SELECT id, n * 2 AS n2 FROM tx WHERE n > 1", path);
    CHECK_RC(NULL, weir_open(NULL, NULL, &w), WEIR_OK);
    CHECK_RC(w, weir_exec(w, DDL_CSV, NULL, NULL), WEIR_OK);
    CHECK_RC(w, weir_query_open(w, sql, &q), WEIR_OK);
    CHECK(weir_query_step(q) == WEIR_PENDING);
    push(w, "tx", "a,1,1.0");
    push(w, "tx", "b,2,1.0");
    push(w, "tx", "c,3,1.0");
    CHECK(weir_query_step(q) == WEIR_PENDING);
    CHECK_RC(w, weir_source_close(w, "tx"), WEIR_OK);
    CHECK_RC(w, weir_query_step(q), WEIR_DONE);
    CHECK(weir_query_counter(q, WEIR_COUNTER_ROWS_OUT) == 2);
    weir_query_close(q);
    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    char buf[256] = {0};
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    CHECK(strcmp(buf, "id,n2\nb,4\nc,6\n") == 0);
    unlink(path);
    weir_close(w);
}

/* WEIR_COUNTER_WATERMARK follows the source's watermark as rows arrive. */
static void test_watermark_counter(void)
{
    weir *w;
    weir_query *q;
    CHECK_RC(NULL, weir_open(NULL, NULL, &w), WEIR_OK);
    CHECK_RC(w, weir_exec(w, "CREATE SOURCE ev (k VARCHAR, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) "
                             "WITH (connector = 'api', format = 'csv')", NULL, NULL), WEIR_OK);
    CHECK_RC(w, weir_query_open(w, "SELECT k FROM ev", &q), WEIR_OK);
    CHECK(weir_query_counter(q, WEIR_COUNTER_WATERMARK) == INT64_MIN);
    push(w, "ev", "a,2024-05-11 10:00:05");
    push(w, "ev", "b,2024-05-11 10:00:03");
    while (weir_query_step(q) == WEIR_ROW) {}
    /* 10:00:05 - 2 s = 2024-05-11 10:00:03 UTC */
    CHECK(weir_query_counter(q, WEIR_COUNTER_WATERMARK) == 1715421603000LL);
    weir_query_close(q);
    weir_close(w);
}

/* A pushed record whose value fails a CAST in the query follows the source's
 * on_error: skipped and counted, and named by its push number under 'fail'. */
static void test_cast_under_on_error(void)
{
    weir *w;
    weir_query *q;
    int rc;
    CHECK_RC(NULL, weir_open(NULL, NULL, &w), WEIR_OK);
    CHECK_RC(w, weir_exec(w, "CREATE SOURCE s (id VARCHAR, n VARCHAR) WITH (connector = 'api', format = 'csv', on_error = 'skip');"
                             "CREATE SOURCE f (id VARCHAR, n VARCHAR) WITH (connector = 'api', format = 'csv')", NULL, NULL), WEIR_OK);
    CHECK_RC(w, weir_query_open(w, "SELECT id, CAST(n AS BIGINT) + 1 FROM s", &q), WEIR_OK);
    push(w, "s", "a,1");
    push(w, "s", "b,x");
    push(w, "s", "c,3");
    CHECK_RC(w, weir_source_close(w, "s"), WEIR_OK);
    char out[256] = "";
    while ((rc = weir_query_step(q)) == WEIR_ROW) {
        size_t l = strlen(out);
        snprintf(out + l, sizeof out - l, "%s/%s;", weir_column_text(q, 0), weir_column_text(q, 1));
    }
    CHECK_RC(w, rc, WEIR_DONE);
    CHECK(strcmp(out, "a/2;c/4;") == 0);
    CHECK(weir_query_counter(q, WEIR_COUNTER_MALFORMED) == 1);
    CHECK(strcmp(weir_query_source_note(q, 0), "skipped: push 2") == 0);
    weir_query_close(q);
    CHECK_RC(w, weir_query_open(w, "SELECT id, CAST(n AS BIGINT) FROM f", &q), WEIR_OK);
    push(w, "f", "a,1");
    push(w, "f", "b,x");
    CHECK_RC(w, weir_query_step(q), WEIR_ROW);
    CHECK_RC(w, weir_query_step(q), WEIR_DATA);
    CHECK(strstr(weir_errmsg(w), "source \"f\": push 2: cannot cast") != NULL);
    weir_query_close(q);
    weir_close(w);
}

/* DROP SOURCE takes the api channel with it: a source created again under the
 * name starts empty and open (even after the old one was closed, and with
 * another schema); a query still reading the dropped source gets an error
 * that says so. */
static void test_drop_and_recreate(void)
{
    weir *w;
    weir_query *q, *old;
    CHECK_RC(NULL, weir_open(NULL, NULL, &w), WEIR_OK);
    CHECK_RC(w, weir_exec(w, DDL_CSV, NULL, NULL), WEIR_OK);
    CHECK_RC(w, weir_query_open(w, "SELECT id FROM tx", &old), WEIR_OK);
    push(w, "tx", "a,1,1.5");
    push(w, "tx", "b,2,2.5");
    CHECK_RC(w, weir_source_close(w, "tx"), WEIR_OK);
    CHECK_RC(w, weir_exec(w, "DROP SOURCE tx", NULL, NULL), WEIR_OK);
    CHECK_RC(w, weir_query_step(old), WEIR_ERROR);
    CHECK(strstr(weir_errmsg(w), "was dropped while this query read it") != NULL);
    weir_query_close(old);
    CHECK_RC(w, weir_exec(w, "CREATE SOURCE tx (k BIGINT, v VARCHAR) WITH (connector = 'api', format = 'csv')", NULL,
                          NULL),
             WEIR_OK);
    CHECK_RC(w, weir_query_open(w, "SELECT k, v FROM tx", &q), WEIR_OK);
    CHECK_RC(w, weir_query_step(q), WEIR_PENDING);        /* nothing of the old source's records */
    push(w, "tx", "7,seven");                             /* open again: the push is accepted */
    CHECK_RC(w, weir_query_step(q), WEIR_ROW);
    CHECK(weir_column_int64(q, 0) == 7 && strcmp(weir_column_text(q, 1), "seven") == 0);
    CHECK_RC(w, weir_source_close(w, "tx"), WEIR_OK);
    CHECK_RC(w, weir_query_step(q), WEIR_DONE);
    weir_query_close(q);
    weir_close(w);
}

int main(void)
{
    test_drop_and_recreate();
    test_cast_under_on_error();
    test_watermark_counter();
    test_sink_job();
    test_pending_rows_done();
    test_two_queries_and_backlog();
    test_json_and_errors();
    test_exec();
    test_volume();
    printf("test_capi_api_source: ok\n");
    return 0;
}
