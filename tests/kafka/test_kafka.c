/*
 * test_kafka.c - the Kafka source and sink (runtime/connector_kafka.c,
 * runtime/sink_kafka.c) against librdkafka's mock cluster: a real
 * Kafka-protocol broker started in this process, so no Kafka server is needed.
 *
 * Each test starts a mock cluster, creates topics, produces its data with a
 * plain librdkafka producer, runs weir statements through the C API
 * (include/weir.h) with properties.bootstrap.servers pointing at the mock, and
 * checks the rows (or reads a sink's topic back with a plain consumer).
 * The helpers for all that are in kafka_test.h; scenario 2 is in
 * test_kafka_scenario2.c, sink delivery failures in test_kafka_delivery.c.
 */
#include "kafka_test.h"

/* ---- the data: transactions over three partitions --------------------------- */

#define NTX 90

/* Transaction i: id, event time (700 ms apart from 10:00:00, i.e. interleaved
 * across partitions i % 3) and amount, as a CSV record. */
static void tx_record(int i, char *buf, size_t n)
{
    static const char *ids[] = {"tx1", "tx2", "tx3", "tx4"};
    int ms = i * 700;
    snprintf(buf, n, "%s,2024-05-11 10:%02d:%02d.%03d,%d", ids[(i * 7) % 4], ms / 60000, ms / 1000 % 60, ms % 1000,
             100 + (i * 37) % 900);
}

static const char *WINDOW_QUERY =
    "SELECT transaction_id, TUMBLE_START(ts, INTERVAL '10' SECOND) AS ws, SUM(amount) AS total, COUNT(*) AS n "
    "FROM tx GROUP BY transaction_id, TUMBLE(ts, INTERVAL '10' SECOND)";

/* A 3-partition topic where each partition holds every third transaction, and
 * partition 0 is produced (hence fetched) before 1 and 2: one watermark for
 * the whole topic would drop most rows of partitions 1 and 2 as late.  Per
 * partition watermarks give exactly the windows of the same data read in time
 * order from a file. */
Test(kafka, three_partitions_same_windows_as_file)
{
    Mock m;
    mock_start(&m, 1);
    mock_topic(&m, "tx", 3);
    char rec[128];
    for (int p = 0; p < 3; p++)
        for (int i = p; i < NTX; i += 3) {
            tx_record(i, rec, sizeof rec);
            produce(&m, "tx", p, rec);
        }
    mock_flush(&m);

    char dir[] = "/tmp/weir_kafka_XXXXXX";
    cr_assert(mkdtemp(dir));
    char path[512];
    snprintf(path, sizeof path, "%s/tx.csv", dir);
    FILE *f = fopen(path, "w");
    cr_assert(f);
    fprintf(f, "transaction_id,ts,amount\n");
    for (int i = 0; i < NTX; i++) {
        tx_record(i, rec, sizeof rec);
        fprintf(f, "%s\n", rec);
    }
    fclose(f);

    char sql[2048];
    weir *wf = engine();
    snprintf(sql, sizeof sql,
             "CREATE SOURCE tx (transaction_id VARCHAR, ts TIMESTAMP, amount BIGINT, "
             "WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (connector = 'file', path = '%s', format = 'csv')",
             path);
    exec_ok(wf, sql);
    Res rf = {0};
    cr_assert_eq(run(wf, WINDOW_QUERY, &rf), WEIR_OK, "%s", weir_errmsg(wf));
    cr_assert_eq(rf.late, 0);
    cr_assert_gt(rf.nrows, 20);

    weir *wk = engine();
    snprintf(sql, sizeof sql,
             "CREATE SOURCE tx (transaction_id VARCHAR, ts TIMESTAMP, amount BIGINT, "
             "WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (connector = 'kafka', topic = 'tx', "
             "properties.bootstrap.servers = '%s', format = 'csv', scan.startup.mode = 'earliest-offset', "
             "scan.bounded.mode = 'latest-offset')",
             m.boot);
    exec_ok(wk, sql);
    Res rk = {0};
    cr_assert_eq(run(wk, WINDOW_QUERY, &rk), WEIR_OK, "%s", weir_errmsg(wk));
    cr_assert_eq(rk.late, 0, "%lld rows late", (long long)rk.late);
    char *a = sort_lines(rf.buf), *b = sort_lines(rk.buf);
    cr_assert_str_eq(b, a);
    /* and every transaction was counted once */
    int total = 0;
    for (char *l = b; *l; l = strchr(l, '\n') + 1) {
        char *nl = strchr(l, '\n'), *bar = nl;
        while (bar > l && bar[-1] != '|') bar--;
        total += atoi(bar);
    }
    cr_assert_eq(total, NTX);
    free(a), free(b), free(rf.buf), free(rk.buf);
    weir_close(wf);
    weir_close(wk);
    unlink(path);
    rmdir(dir);
    mock_stop(&m);
}

/* scan.bounded.mode = 'latest-offset' ends at the offsets of the start: a
 * query ends by itself (weir_query_step says DONE) with exactly the messages
 * that were there; an empty topic ends at once. */
Test(kafka, bounded_mode_ends_by_itself)
{
    Mock m;
    mock_start(&m, 1);
    mock_topic(&m, "t", 2);
    mock_topic(&m, "empty", 3);
    produce(&m, "t", 0, "{\"k\":\"a\",\"v\":1}");
    produce(&m, "t", 1, "{\"k\":\"b\",\"v\":2}");
    produce(&m, "t", 1, "{\"k\":\"c\",\"v\":3}");
    mock_flush(&m);
    weir *w = engine();
    char sql[1024];
    snprintf(sql, sizeof sql,
             "CREATE SOURCE s (k VARCHAR, v BIGINT) WITH (connector = 'kafka', topic = 't', format = 'json', "
             "properties.bootstrap.servers = '%s', scan.bounded.mode = 'latest-offset')",
             m.boot);
    exec_ok(w, sql);
    snprintf(sql, sizeof sql,
             "CREATE SOURCE e (k VARCHAR, v BIGINT) WITH (connector = 'kafka', topic = 'empty', format = 'json', "
             "properties.bootstrap.servers = '%s', scan.bounded.mode = 'latest-offset')",
             m.boot);
    exec_ok(w, sql);
    weir_query *q;
    cr_assert_eq(weir_query_open(w, "SELECT k, v * 10 AS v10 FROM s", &q), WEIR_OK, "%s", weir_errmsg(w));
    /* produced after the start: not part of the bounded read */
    produce(&m, "t", 0, "{\"k\":\"late\",\"v\":9}");
    mock_flush(&m);
    Res r = {0};
    int rc = step_for(q, &r, 1000, 10000);
    cr_assert_eq(rc, WEIR_DONE, "step: %d %s", rc, weir_errmsg(w));
    char *got = sort_lines(r.buf);
    cr_assert_str_eq(got, "a|10\nb|20\nc|30\n");
    free(got), free(r.buf);
    weir_query_close(q);

    Res re = {0};
    cr_assert_eq(weir_query_open(w, "SELECT * FROM e", &q), WEIR_OK, "%s", weir_errmsg(w));
    cr_assert_eq(step_for(q, &re, 1, 5000), WEIR_DONE);
    cr_assert_eq(re.nrows, 0);
    weir_query_close(q);
    /* weir_exec refuses an unbounded Kafka source but runs a bounded one */
    Res rx = {0};
    cr_assert_eq(run(w, "SELECT COUNT(*) AS n FROM s GROUP BY k", &rx), WEIR_OK, "%s", weir_errmsg(w));
    free(rx.buf);
    weir_close(w);
    mock_stop(&m);
}

/* Produces events 0..29 (10:00:00 .. 10:00:29, partitions 0 and 1 in turn,
 * one every 40 ms, as a live topic would get them) while stepping q. */
static void feed(Mock *m, const char *topic, weir_query *q, Res *r)
{
    char rec[128];
    for (int i = 0; i < 30; i++) {
        snprintf(rec, sizeof rec, "{\"id\":%d,\"ts\":\"2024-05-11 10:00:%02d\"}", i, i);
        produce(m, topic, i % 2, rec);
        mock_flush(m);
        cr_assert_eq(step_for(q, r, 1000, 40), WEIR_PENDING);
    }
}

/* Partition 2 never sends: without watermark.idle-timeout it holds every window
 * back; with one, the windows of partitions 0 and 1 fire shortly after it.
 * (When every partition is idle W stays, as in Flink.) */
Test(kafka, idle_partition_released_after_timeout)
{
    Mock m;
    mock_start(&m, 1);
    mock_topic(&m, "ev_held", 3);
    mock_topic(&m, "ev", 3);
    weir *w = engine();
    char sql[1024];
    snprintf(sql, sizeof sql,
             "CREATE SOURCE held (id BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts) WITH (connector = 'kafka', "
             "topic = 'ev_held', format = 'json', properties.bootstrap.servers = '%s', "
             "properties.fetch.wait.max.ms = '10')",
             m.boot);
    exec_ok(w, sql);
    snprintf(sql, sizeof sql,
             "CREATE SOURCE released (id BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts) WITH (connector = 'kafka', "
             "topic = 'ev', format = 'json', properties.bootstrap.servers = '%s', "
             "'watermark.idle-timeout' = '1 s', properties.fetch.wait.max.ms = '10')",
             m.boot);
    exec_ok(w, sql);
    const char *qtext = "SELECT TUMBLE_START(ts, INTERVAL '10' SECOND) AS ws, COUNT(*) AS n FROM %s "
                        "GROUP BY TUMBLE(ts, INTERVAL '10' SECOND)";
    weir_query *q;
    snprintf(sql, sizeof sql, qtext, "held");
    cr_assert_eq(weir_query_open(w, sql, &q), WEIR_OK, "%s", weir_errmsg(w));
    Res r1 = {0};
    feed(&m, "ev_held", q, &r1);
    cr_assert_eq(step_for(q, &r1, 1, 700), WEIR_PENDING);
    cr_assert_eq(r1.nrows, 0, "a silent partition without idle timeout must hold windows back: %s", r1.buf);
    weir_query_close(q);

    snprintf(sql, sizeof sql, qtext, "released");
    cr_assert_eq(weir_query_open(w, sql, &q), WEIR_OK, "%s", weir_errmsg(w));
    Res r2 = {0};
    feed(&m, "ev", q, &r2);
    cr_assert_eq(step_for(q, &r2, 3, 700), WEIR_PENDING);
    /* [20, 30) stays open: partitions 0 and 1 reached 10:00:28 and 10:00:29 */
    cr_assert_str_eq(r2.buf, "2024-05-11 10:00:00.000|10\n2024-05-11 10:00:10.000|10\n");
    /* the silent partition wakes up with a late row: dropped and counted; being
     * active again, it holds W back (its maximum is 10:00:01) for one idle
     * timeout, while partition 0 moves on */
    Res r3 = {0};
    produce(&m, "ev", 2, "{\"id\":99,\"ts\":\"2024-05-11 10:00:01\"}");
    mock_flush(&m);
    cr_assert_eq(step_until_read(q, &r3, 31, 3000), WEIR_PENDING);
    produce(&m, "ev", 0, "{\"id\":100,\"ts\":\"2024-05-11 10:00:45\"}");
    mock_flush(&m);
    cr_assert_eq(step_until_read(q, &r3, 32, 3000), WEIR_PENDING);
    cr_assert_eq(r3.nrows, 0);
    /* partition 2 idle again, partition 0 still active: W = 10:00:45 fires [20, 30) */
    cr_assert_eq(step_for(q, &r3, 1, 5000), WEIR_ROW);
    cr_assert_str_eq(r3.buf, "2024-05-11 10:00:20.000|10\n");
    cr_assert_eq(weir_query_counter(q, WEIR_COUNTER_LATE), 1);
    weir_query_close(q);
    free(r1.buf), free(r2.buf), free(r3.buf);
    weir_close(w);
    mock_stop(&m);
}

/* A sink job into a topic: the topic read back holds exactly the expected
 * messages, keyed by key.fields; CSV and JSON. */
Test(kafka, sink_topic_holds_exactly_the_rows)
{
    Mock m;
    mock_start(&m, 1);
    mock_topic(&m, "in", 2);
    mock_topic(&m, "out", 1);
    mock_topic(&m, "out_csv", 1);
    produce(&m, "in", 0, "a,5,x");
    produce(&m, "in", 1, "b,20,y");
    produce(&m, "in", 0, "c,30,x");
    produce(&m, "in", 1, "d,1,z");
    produce(&m, "in", 0, "e,15,\"quoted, field\"");
    mock_flush(&m);
    weir *w = engine();
    char sql[2048];
    snprintf(sql, sizeof sql,
             "CREATE SOURCE src (id VARCHAR, n BIGINT, tag VARCHAR) WITH (connector = 'kafka', topic = 'in', "
             "format = 'csv', properties.bootstrap.servers = '%s', scan.bounded.mode = 'latest-offset')",
             m.boot);
    exec_ok(w, sql);
    snprintf(sql, sizeof sql,
             "CREATE SINK big WITH (connector = 'kafka', topic = 'out', format = 'json', key.fields = 'tag, id', "
             "properties.bootstrap.servers = '%s') AS SELECT id, n * 2 AS n2, tag FROM src WHERE n > 10",
             m.boot);
    exec_ok(w, sql);
    snprintf(sql, sizeof sql,
             "CREATE SINK all_csv WITH (connector = 'kafka', topic = 'out_csv', format = 'csv', "
             "properties.bootstrap.servers = '%s') AS SELECT id, n, tag FROM src",
             m.boot);
    exec_ok(w, sql);
    int n = 0;
    char *got = read_topic(&m, "out", 1, &n);
    cr_assert_eq(n, 3);
    cr_assert_str_eq(got, "quoted, field,e\t{\"id\":\"e\",\"n2\":30,\"tag\":\"quoted, field\"}\n"
                          "x,c\t{\"id\":\"c\",\"n2\":60,\"tag\":\"x\"}\n"
                          "y,b\t{\"id\":\"b\",\"n2\":40,\"tag\":\"y\"}\n");
    free(got);
    got = read_topic(&m, "out_csv", 1, &n);
    cr_assert_eq(n, 5);
    cr_assert_str_eq(got, "\ta,5,x\n\tb,20,y\n\tc,30,x\n\td,1,z\n\te,15,\"quoted, field\"\n");
    free(got);
    weir_close(w);
    mock_stop(&m);
}

/* Bad messages follow on_error and are named by partition and offset. */
Test(kafka, malformed_messages_name_partition_and_offset)
{
    Mock m;
    mock_start(&m, 1);
    mock_topic(&m, "bad", 2);
    produce(&m, "bad", 0, "{\"k\":\"a\",\"v\":1}");
    produce(&m, "bad", 1, "{\"k\":\"b\",\"v\":2}");
    produce(&m, "bad", 1, "{\"k\":\"c\",\"v\":\"many\"}");
    produce(&m, "bad", 0, "{\"k\":\"d\",\"v\":4}");
    mock_flush(&m);
    weir *w = engine();
    char sql[1024];
    snprintf(sql, sizeof sql,
             "CREATE SOURCE f (k VARCHAR, v BIGINT) WITH (connector = 'kafka', topic = 'bad', format = 'json', "
             "properties.bootstrap.servers = '%s', scan.bounded.mode = 'latest-offset')",
             m.boot);
    exec_ok(w, sql);
    snprintf(sql, sizeof sql,
             "CREATE SOURCE s (k VARCHAR, v BIGINT) WITH (connector = 'kafka', topic = 'bad', format = 'json', "
             "properties.bootstrap.servers = '%s', scan.bounded.mode = 'latest-offset', on_error = 'skip')",
             m.boot);
    exec_ok(w, sql);
    Res r = {0};
    cr_assert_eq(run(w, "SELECT k FROM f", &r), WEIR_DATA);
    cr_assert(strstr(weir_errmsg(w), "source \"f\": partition 1 offset 1: column \"v\""), "%s", weir_errmsg(w));
    free(r.buf);
    weir_query *q;
    cr_assert_eq(weir_query_open(w, "SELECT k, v FROM s", &q), WEIR_OK);
    Res rs = {0};
    cr_assert_eq(step_for(q, &rs, 100, 10000), WEIR_DONE);
    char *got = sort_lines(rs.buf);
    cr_assert_str_eq(got, "a|1\nb|2\nd|4\n");
    cr_assert_eq(weir_query_counter(q, WEIR_COUNTER_MALFORMED), 1);
    weir_query_close(q);
    free(got), free(rs.buf);
    weir_close(w);
    mock_stop(&m);
}

/* A message that decodes but whose value fails later in the query (a CAST)
 * is named by its partition and offset too, and follows on_error. */
Test(kafka, downstream_errors_name_partition_and_offset)
{
    Mock m;
    mock_start(&m, 1);
    mock_topic(&m, "late_bad", 2);
    produce(&m, "late_bad", 0, "{\"k\":\"a\",\"v\":\"1\"}");
    produce(&m, "late_bad", 1, "{\"k\":\"b\",\"v\":\"2\"}");
    produce(&m, "late_bad", 1, "{\"k\":\"c\",\"v\":\"oops\"}");
    produce(&m, "late_bad", 0, "{\"k\":\"d\",\"v\":\"4\"}");
    mock_flush(&m);
    weir *w = engine();
    char sql[1024];
    snprintf(sql, sizeof sql,
             "CREATE SOURCE f (k VARCHAR, v VARCHAR) WITH (connector = 'kafka', topic = 'late_bad', format = 'json', "
             "properties.bootstrap.servers = '%s', scan.bounded.mode = 'latest-offset')",
             m.boot);
    exec_ok(w, sql);
    snprintf(sql, sizeof sql,
             "CREATE SOURCE s (k VARCHAR, v VARCHAR) WITH (connector = 'kafka', topic = 'late_bad', format = 'json', "
             "properties.bootstrap.servers = '%s', scan.bounded.mode = 'latest-offset', on_error = 'skip')",
             m.boot);
    exec_ok(w, sql);
    Res r = {0};
    cr_assert_eq(run(w, "SELECT k, CAST(v AS BIGINT) AS n FROM f", &r), WEIR_DATA);
    cr_assert(strstr(weir_errmsg(w), "source \"f\": partition 1 offset 1: "), "%s", weir_errmsg(w));
    cr_assert(strstr(weir_errmsg(w), "oops"), "%s", weir_errmsg(w));
    free(r.buf);
    weir_query *q;
    cr_assert_eq(weir_query_open(w, "SELECT k, CAST(v AS BIGINT) AS n FROM s", &q), WEIR_OK);
    Res rs = {0};
    cr_assert_eq(step_for(q, &rs, 100, 10000), WEIR_DONE);
    char *got = sort_lines(rs.buf);
    cr_assert_str_eq(got, "a|1\nb|2\nd|4\n");
    cr_assert_eq(weir_query_counter(q, WEIR_COUNTER_MALFORMED), 1);
    weir_query_close(q);
    free(got), free(rs.buf);
    weir_close(w);
    mock_stop(&m);
}

/* No broker at the address: a clear error after a bounded wait, for the
 * source and the sink; bad options are refused before connecting. */
Test(kafka, broker_not_reachable)
{
    weir *w = engine();
    exec_ok(w, "CREATE SOURCE s (k VARCHAR) WITH (connector = 'kafka', topic = 't', format = 'json', "
               "properties.bootstrap.servers = '127.0.0.1:9')");
    int64_t t0 = now_ms();
    weir_query *q = NULL;
    int rc = weir_query_open(w, "SELECT k FROM s", &q);
    cr_assert_eq(rc, WEIR_IOERR, "rc %d", rc);
    cr_assert(strstr(weir_errmsg(w), "source \"s\": Kafka broker 127.0.0.1:9 not reachable: "), "%s",
              weir_errmsg(w));
    cr_assert_lt(now_ms() - t0, 15000);
    exec_ok(w, "CREATE SOURCE g (x BIGINT) WITH (connector = 'datagen', 'number-of-rows' = '3')");
    rc = weir_exec(w, "CREATE SINK o WITH (connector = 'kafka', topic = 'o', properties.bootstrap.servers = "
                      "'127.0.0.1:9') AS SELECT x FROM g",
                   NULL, NULL);
    cr_assert_eq(rc, WEIR_IOERR, "rc %d %s", rc, weir_errmsg(w));
    cr_assert(strstr(weir_errmsg(w), "sink \"o\": Kafka broker 127.0.0.1:9 not reachable: "), "%s", weir_errmsg(w));
    /* option errors */
    cr_assert_eq(weir_exec(w, "CREATE SOURCE a (k VARCHAR) WITH (connector = 'kafka', topic = 't', "
                              "properties.bootstrap.servers = 'x:1', scan.startup.mode = 'sometime')",
                           NULL, NULL) == WEIR_OK &&
                     weir_query_open(w, "SELECT k FROM a", &q) == WEIR_ERROR,
                 1);
    cr_assert(strstr(weir_errmsg(w), "unknown scan.startup.mode \"sometime\""), "%s", weir_errmsg(w));
    rc = weir_exec(w, "CREATE SINK o2 WITH (connector = 'kafka', topic = 'o', properties.bootstrap.servers = "
                      "'x:1', key.fields = 'nope') AS SELECT x FROM g",
                   NULL, NULL);
    cr_assert_eq(rc, WEIR_ERROR);
    cr_assert(strstr(weir_errmsg(w), "key.fields names \"nope\""), "%s", weir_errmsg(w));
    weir_close(w);
}

/* ---- examples/kafka: scenario 1 over a topic of JSON transactions ---------- */

/* Produces examples/kafka/transactions.jsonl to topic transactions, line i to
 * partition i % 3. */
static void produce_example(Mock *m)
{
    mock_topic(m, "transactions", 3);
    char path[1024], line[512];
    snprintf(path, sizeof path, "%s/kafka/transactions.jsonl", WEIR_EXAMPLES_DIR);
    FILE *f = fopen(path, "r");
    cr_assert(f, "%s", path);
    int i = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        produce(m, "transactions", i++ % 3, line);
    }
    fclose(f);
    cr_assert_eq(i, 24);
    mock_flush(m);
}

/* The windows checked by hand from transactions.jsonl: tx1 [0,10) 3200 + 1200 +
 * 4100 + 5200 + 3000 + 2600 = 19300; tx1 [10,20) 7000 + 2300 + 5100 + 450 =
 * 14850; tx2 [10,20) 4400 + 650 + 3900 = 8950; tx3 [10,20) 800 + 1500 + 6200 =
 * 8500; every other window stays at or under 8000. */
Test(kafka, example_scenario1_over_json_topic)
{
    Mock m;
    mock_start(&m, 1);
    produce_example(&m);
    weir *w = engine();
    char *sql = example_sql("transactions.sql", m.boot);
    Res r = {0};
    cr_assert_eq(run(w, sql, &r), WEIR_OK, "%s", weir_errmsg(w));
    cr_assert_eq(r.late, 0);
    char *got = sort_lines(r.buf);
    cr_assert_str_eq(got, "tx1|2024-05-11 10:00:00.000|19300.0\n"
                          "tx1|2024-05-11 10:00:10.000|14850.0\n"
                          "tx2|2024-05-11 10:00:10.000|8950.0\n"
                          "tx3|2024-05-11 10:00:10.000|8500.0\n");
    free(got), free(r.buf), free(sql);

    weir_close(w);
    w = engine();
    mock_topic(&m, "alerts", 1);
    sql = example_sql("alerts_to_kafka.sql", m.boot);
    cr_assert_eq(weir_exec(w, sql, NULL, NULL), WEIR_OK, "%s", weir_errmsg(w));
    int n = 0;
    got = read_topic(&m, "alerts", 1, &n);
    cr_assert_eq(n, 4);
    cr_assert_str_eq(got, "tx1\t{\"transaction_id\":\"tx1\",\"window_start\":\"2024-05-11 10:00:00.000\",\"total\":19300.0}\n"
                          "tx1\t{\"transaction_id\":\"tx1\",\"window_start\":\"2024-05-11 10:00:10.000\",\"total\":14850.0}\n"
                          "tx2\t{\"transaction_id\":\"tx2\",\"window_start\":\"2024-05-11 10:00:10.000\",\"total\":8950.0}\n"
                          "tx3\t{\"transaction_id\":\"tx3\",\"window_start\":\"2024-05-11 10:00:10.000\",\"total\":8500.0}\n");
    free(got), free(sql);
    weir_close(w);
    mock_stop(&m);
}

/* The broker goes down mid-run, while the query is still reading what the
 * topic held: the query stalls (no error, no rows), more messages are produced
 * meanwhile, and when the broker is back it goes on; every message is read
 * exactly once.  The consumer is kept from fetching far ahead (queued.min.
 * messages = 1; each message its own batch), so the data left when the
 * broker goes down is really still on the broker. */
#define DOWN_BEFORE 18   /* messages in the topic at the start */
#define DOWN_DURING 6    /* produced while the broker is down */
Test(kafka, broker_down_and_up_loses_nothing)
{
    Mock m;
    mock_start(&m, 1);
    mock_topic(&m, "d", 3);
    char rec[64];
    for (int i = 0; i < DOWN_BEFORE; i++) {
        snprintf(rec, sizeof rec, "%d", i);
        produce(&m, "d", i % 3, rec);
        mock_flush(&m);   /* one message a batch: a fetch returns one batch */
    }
    weir *w = engine();
    char sql[1024];
    snprintf(sql, sizeof sql,
             "CREATE SOURCE s (id BIGINT) WITH (connector = 'kafka', topic = 'd', format = 'csv', "
             "properties.bootstrap.servers = '%s', properties.fetch.wait.max.ms = '10', "
             "properties.queued.min.messages = '1', properties.reconnect.backoff.max.ms = '200')",
             m.boot);
    exec_ok(w, sql);
    weir_query *q;
    cr_assert_eq(weir_query_open(w, "SELECT id FROM s", &q), WEIR_OK, "%s", weir_errmsg(w));
    Res r = {0};
    cr_assert_eq(step_for(q, &r, 3, 5000), WEIR_ROW, "%s", weir_errmsg(w));
    cr_assert_eq(rd_kafka_mock_broker_set_down(m.mc, 1), 0);
    /* what was fetched before may still come; then nothing, and no error */
    cr_assert_eq(step_for(q, &r, DOWN_BEFORE, 1500), WEIR_PENDING, "%s", weir_errmsg(w));
    int before = r.nrows;
    cr_assert_leq(before, DOWN_BEFORE - 6, "the broker went down after the query had read %d rows", before);
    for (int i = DOWN_BEFORE; i < DOWN_BEFORE + DOWN_DURING; i++) {
        snprintf(rec, sizeof rec, "%d", i);
        produce(&m, "d", i % 3, rec);
    }
    cr_assert_eq(step_for(q, &r, before + 1, 500), WEIR_PENDING, "%s", weir_errmsg(w));
    cr_assert_eq(r.nrows, before, "rows while the broker was down");
    cr_assert_eq(rd_kafka_mock_broker_set_up(m.mc, 1), 0);
    mock_flush(&m);
    int rc = step_for(q, &r, DOWN_BEFORE + DOWN_DURING, 20000);
    cr_assert_eq(rc, WEIR_ROW, "rc %d after %d rows: %s", rc, r.nrows, weir_errmsg(w));
    cr_assert_eq(step_for(q, &r, DOWN_BEFORE + DOWN_DURING + 1, 500), WEIR_PENDING);
    /* each id once */
    int seen[DOWN_BEFORE + DOWN_DURING] = {0};
    for (char *l = r.buf; *l; l = strchr(l, '\n') + 1) {
        int id = atoi(l);
        cr_assert(id >= 0 && id < DOWN_BEFORE + DOWN_DURING);
        seen[id]++;
    }
    for (int i = 0; i < DOWN_BEFORE + DOWN_DURING; i++) cr_assert_eq(seen[i], 1, "id %d read %d times", i, seen[i]);
    cr_assert_eq(r.nrows, DOWN_BEFORE + DOWN_DURING);
    weir_query_close(q);
    free(r.buf);
    weir_close(w);
    mock_stop(&m);
}

/* group-offsets: a second run of the same group goes on where the first one
 * stopped (offsets committed when the first query closed); latest-offset reads
 * only what comes after the start. */
Test(kafka, startup_modes_group_and_latest)
{
    Mock m;
    mock_start(&m, 1);
    mock_topic(&m, "g", 2);
    char rec[64];
    for (int i = 0; i < 6; i++) {
        snprintf(rec, sizeof rec, "%d", i);
        produce(&m, "g", i % 2, rec);
    }
    mock_flush(&m);
    weir *w = engine();
    char sql[1024];
    snprintf(sql, sizeof sql,
             "CREATE SOURCE s (id BIGINT) WITH (connector = 'kafka', topic = 'g', format = 'csv', "
             "properties.bootstrap.servers = '%s', properties.group.id = 'g1', "
             "scan.startup.mode = 'group-offsets', properties.fetch.wait.max.ms = '10')",
             m.boot);
    exec_ok(w, sql);
    snprintf(sql, sizeof sql,
             "CREATE SOURCE l (id BIGINT) WITH (connector = 'kafka', topic = 'g', format = 'csv', "
             "properties.bootstrap.servers = '%s', scan.startup.mode = 'latest-offset', "
             "properties.fetch.wait.max.ms = '10')",
             m.boot);
    exec_ok(w, sql);
    weir_query *q, *ql;
    cr_assert_eq(weir_query_open(w, "SELECT id FROM s", &q), WEIR_OK, "%s", weir_errmsg(w));
    cr_assert_eq(weir_query_open(w, "SELECT id FROM l", &ql), WEIR_OK, "%s", weir_errmsg(w));
    Res r = {0}, rl = {0};
    step_for(q, &r, 6, 5000);
    cr_assert_eq(r.nrows, 6);
    /* latest-offset: let it reach its start position, then new rows only */
    cr_assert_eq(step_for(ql, &rl, 1, 1000), WEIR_PENDING);
    weir_query_close(q);
    for (int i = 6; i < 9; i++) {
        snprintf(rec, sizeof rec, "%d", i);
        produce(&m, "g", i % 2, rec);
    }
    mock_flush(&m);
    cr_assert_eq(weir_query_open(w, "SELECT id FROM s", &q), WEIR_OK, "%s", weir_errmsg(w));
    Res r2 = {0};
    step_for(q, &r2, 3, 5000);
    cr_assert_eq(step_for(q, &r2, 4, 500), WEIR_PENDING);
    char *got = sort_lines(r2.buf);
    cr_assert_str_eq(got, "6\n7\n8\n");
    free(got);
    step_for(ql, &rl, 3, 5000);
    got = sort_lines(rl.buf);
    cr_assert_str_eq(got, "6\n7\n8\n");
    free(got);
    weir_query_close(q);
    weir_query_close(ql);
    free(r.buf), free(r2.buf), free(rl.buf);
    weir_close(w);
    mock_stop(&m);
}
