/*
 * test_kafka_delivery.c - a Kafka sink whose messages cannot be delivered
 * (runtime/sink_kafka.c): the job fails with WEIR_IOERR and a message naming
 * the sink, the topic and Kafka's error; a row is never lost silently.
 *
 * The mock cluster (librdkafka's, in this process) is made to refuse: Produce
 * requests answered with an error, Produce responses held back past the
 * sink's message.timeout.ms, and the only broker taken down mid-job.
 * (tests/kafka/test_cli_kafka.py checks the same through the weir binary.)
 */
#include <pthread.h>

#include "kafka_test.h"

#define API_PRODUCE 0   /* Kafka protocol request key of ProduceRequest */

/* A bounded 20-row Kafka source "src" (topic "in") and the text of a sink job
 * writing it to topic "out" with extra WITH options (sql, at least 2 KB). */
static void setup(Mock *m, weir *w, const char *extra, char *sql, size_t n)
{
    mock_topic(m, "in", 2);
    mock_topic(m, "out", 1);
    char rec[32];
    for (int i = 0; i < 20; i++) {
        snprintf(rec, sizeof rec, "%d,r%d", i, i);
        produce(m, "in", i % 2, rec);
    }
    mock_flush(m);
    snprintf(sql, n,
             "CREATE SOURCE src (id BIGINT, name VARCHAR) WITH (connector = 'kafka', topic = 'in', format = 'csv', "
             "properties.bootstrap.servers = '%s', scan.bounded.mode = 'latest-offset')",
             m->boot);
    exec_ok(w, sql);
    snprintf(sql, n,
             "CREATE SINK out_sink WITH (connector = 'kafka', topic = 'out', format = 'json', "
             "properties.bootstrap.servers = '%s'%s) AS SELECT id, name FROM src",
             m->boot, extra);
}

/* Every Produce request refused with a non-retriable error: the job fails,
 * naming the sink, the topic and the broker's error, and the topic is empty. */
Test(kafka_delivery, produce_refused_fails_the_job)
{
    Mock m;
    mock_start(&m, 1);
    weir *w = engine();
    char sql[2048];
    setup(&m, w, "", sql, sizeof sql);
    rd_kafka_resp_err_t errs[64];
    for (int i = 0; i < 64; i++) errs[i] = RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED;
    rd_kafka_mock_push_request_errors_array(m.mc, API_PRODUCE, 64, errs);
    int64_t t0 = now_ms();
    int rc = weir_exec(w, sql, NULL, NULL);
    cr_assert_eq(rc, WEIR_IOERR, "rc %d: %s", rc, weir_errmsg(w));
    const char *msg = weir_errmsg(w);
    /* "... message(s) to Kafka topic "out" not delivered: <error>", or, when
     * the failure came back before the last row was queued (the idempotent
     * producer then refuses more), "cannot queue a message for Kafka topic
     * "out": <error>" */
    cr_assert(strstr(msg, "sink \"out_sink\": "), "%s", msg);
    cr_assert(strstr(msg, "Kafka topic \"out\""), "%s", msg);
    cr_assert(strstr(msg, rd_kafka_err2str(RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED)), "%s", msg);
    cr_assert_lt(now_ms() - t0, 15000);
    rd_kafka_mock_clear_request_errors(m.mc, API_PRODUCE);
    int n = -1;
    char *got = read_topic(&m, "out", 1, &n);
    cr_assert_eq(n, 0, "%s", got);
    free(got);
    weir_close(w);
    mock_stop(&m);
}

/* Produce responses come back later than the sink's message.timeout.ms: the
 * messages time out in the producer, and the job fails with that reason. */
Test(kafka_delivery, message_timeout_fails_the_job)
{
    Mock m;
    mock_start(&m, 1);
    weir *w = engine();
    char sql[2048];
    setup(&m, w, ", properties.message.timeout.ms = '300', properties.enable.idempotence = 'false'", sql,
          sizeof sql);
    /* the next Produce requests: no error, but answered after 2 s */
    for (int i = 0; i < 8; i++)
        cr_assert_eq(rd_kafka_mock_broker_push_request_error_rtts(m.mc, 1, API_PRODUCE, 1,
                                                                  RD_KAFKA_RESP_ERR_NO_ERROR, 2000),
                     RD_KAFKA_RESP_ERR_NO_ERROR);
    int64_t t0 = now_ms();
    int rc = weir_exec(w, sql, NULL, NULL);
    cr_assert_eq(rc, WEIR_IOERR, "rc %d: %s", rc, weir_errmsg(w));
    const char *msg = weir_errmsg(w);
    cr_assert(strstr(msg, "sink \"out_sink\": "), "%s", msg);
    cr_assert(strstr(msg, "not delivered: "), "%s", msg);
    cr_assert(strstr(msg, rd_kafka_err2str(RD_KAFKA_RESP_ERR__MSG_TIMED_OUT)), "%s", msg);
    cr_assert_lt(now_ms() - t0, 15000);
    weir_close(w);
    mock_stop(&m);
}

typedef struct Downer {
    Mock *m;
    int after_ms;
} Downer;

/* Takes broker 1 down after d->after_ms (the job has started writing). */
static void *take_down(void *arg)
{
    Downer *d = arg;
    usleep((useconds_t)d->after_ms * 1000);
    rd_kafka_mock_broker_set_down(d->m->mc, 1);
    return NULL;
}

/* The only broker goes down while the job writes (a throttled datagen source,
 * so the job lasts ~2 s): what is still queued cannot be delivered within
 * message.timeout.ms and the job fails; the rows acknowledged before are in
 * the topic.  (reconnect.backoff.max.ms: with the default 10 s, the idempotent
 * producer times its messages out only ~10 s after the broker went away.) */
Test(kafka_delivery, broker_down_mid_job_fails_the_job)
{
    Mock m;
    mock_start(&m, 1);
    mock_topic(&m, "out", 1);
    weir *w = engine();
    exec_ok(w, "CREATE SOURCE g (id BIGINT) WITH (connector = 'datagen', 'number-of-rows' = '40', "
               "'rows-per-second' = '20', 'fields.id.kind' = 'sequence', 'fields.id.min' = '1', "
               "'fields.id.max' = '40')");
    char sql[1024];
    snprintf(sql, sizeof sql,
             "CREATE SINK down_sink WITH (connector = 'kafka', topic = 'out', format = 'csv', "
             "properties.bootstrap.servers = '%s', properties.message.timeout.ms = '1000', "
             "properties.linger.ms = '0', properties.reconnect.backoff.max.ms = '200') AS SELECT id FROM g",
             m.boot);
    Downer d = {&m, 700};
    pthread_t th;
    cr_assert_eq(pthread_create(&th, NULL, take_down, &d), 0);
    int64_t t0 = now_ms();
    int rc = weir_exec(w, sql, NULL, NULL);
    pthread_join(th, NULL);
    cr_assert_eq(rc, WEIR_IOERR, "rc %d: %s", rc, weir_errmsg(w));
    const char *msg = weir_errmsg(w);
    cr_assert(strstr(msg, "sink \"down_sink\": "), "%s", msg);
    cr_assert(strstr(msg, "Kafka topic \"out\" not delivered: "), "%s", msg);
    cr_assert_lt(now_ms() - t0, 15000);
    /* the broker went down mid-job: some rows were delivered, not all */
    rd_kafka_mock_broker_set_up(m.mc, 1);
    int n = 0;
    char *got = read_topic(&m, "out", 1, &n);
    cr_assert(n >= 1 && n < 40, "%d rows in the topic", n);
    free(got);
    weir_close(w);
    mock_stop(&m);
}
