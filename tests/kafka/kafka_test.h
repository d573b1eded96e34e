/*
 * kafka_test.h - what the Kafka Criterion tests (tests/kafka/test_*.c) share:
 * librdkafka's mock cluster started in the test process, a producer for test
 * data, running weir statements through the C API (include/weir.h) and
 * collecting rows as text, reading a topic back, and the examples/kafka
 * scripts with their bootstrap servers replaced.
 *
 * Every function is static inline, so each test file uses what it needs.
 * Strings returned are malloc'ed; the caller frees them.
 */
#ifndef WEIR_TESTS_KAFKA_TEST_H
#define WEIR_TESTS_KAFKA_TEST_H

#include <criterion/criterion.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "weir.h"

/* ---- the mock cluster ------------------------------------------------------ */

typedef struct Mock {
    rd_kafka_t *host;              /* the handle the mock cluster lives in */
    rd_kafka_mock_cluster_t *mc;
    char boot[256];                /* its bootstrap servers */
    rd_kafka_t *prod;              /* a producer for the test data */
} Mock;

static inline void quiet_log(const rd_kafka_t *rk, int level, const char *fac, const char *buf)
{
    (void)rk, (void)level, (void)fac, (void)buf;
}

static inline void mock_start(Mock *m, int nbrokers)
{
    char errstr[256];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set_log_cb(conf, quiet_log);
    m->host = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    cr_assert(m->host, "%s", errstr);
    m->mc = rd_kafka_mock_cluster_new(m->host, nbrokers);
    cr_assert(m->mc);
    snprintf(m->boot, sizeof m->boot, "%s", rd_kafka_mock_cluster_bootstraps(m->mc));
    conf = rd_kafka_conf_new();
    rd_kafka_conf_set_log_cb(conf, quiet_log);
    cr_assert_eq(rd_kafka_conf_set(conf, "bootstrap.servers", m->boot, errstr, sizeof errstr), RD_KAFKA_CONF_OK);
    rd_kafka_conf_set(conf, "linger.ms", "0", errstr, sizeof errstr);
    m->prod = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    cr_assert(m->prod, "%s", errstr);
}

static inline void mock_topic(Mock *m, const char *topic, int nparts)
{
    cr_assert_eq(rd_kafka_mock_topic_create(m->mc, topic, nparts, 1), RD_KAFKA_RESP_ERR_NO_ERROR);
}

/* Queues one message for topic/partition (flushed by mock_flush). */
static inline void produce(Mock *m, const char *topic, int part, const char *payload)
{
    rd_kafka_resp_err_t e = rd_kafka_producev(m->prod, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(part),
                                              RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                                              RD_KAFKA_V_VALUE((void *)payload, strlen(payload)), RD_KAFKA_V_END);
    cr_assert_eq(e, RD_KAFKA_RESP_ERR_NO_ERROR, "%s", rd_kafka_err2str(e));
}

static inline void mock_flush(Mock *m)
{
    rd_kafka_flush(m->prod, 10000);
    cr_assert_eq(rd_kafka_outq_len(m->prod), 0, "test data not delivered to the mock cluster");
}

static inline void mock_stop(Mock *m)
{
    rd_kafka_destroy(m->prod);
    rd_kafka_mock_cluster_destroy(m->mc);
    rd_kafka_destroy(m->host);
}

/* ---- running weir ---------------------------------------------------------- */

typedef struct Res {
    char *buf;
    size_t len, cap;
    int nrows;
    int64_t late;
} Res;

static inline void res_add(Res *r, const char *s, size_t n)
{
    if (r->len + n + 1 > r->cap) {
        r->cap = (r->len + n + 1) * 2;
        r->buf = realloc(r->buf, r->cap);
        cr_assert(r->buf);
    }
    memcpy(r->buf + r->len, s, n);
    r->len += n;
    r->buf[r->len] = 0;
}

/* Appends the current row as "c0|c1|...\n". */
static inline void res_row_of(Res *r, weir_query *q)
{
    for (int i = 0; i < weir_column_count(q); i++) {
        if (i) res_add(r, "|", 1);
        const char *t = weir_column_text(q, i);
        res_add(r, t, strlen(t));
    }
    res_add(r, "\n", 1);
    r->nrows++;
}

static inline int res_row(void *ctx, weir_query *q)
{
    res_row_of(ctx, q);
    return 0;
}

static inline void res_end(void *ctx, weir_query *q, int rc)
{
    (void)rc;
    if (q) ((Res *)ctx)->late += weir_query_counter(q, WEIR_COUNTER_LATE);
}

static inline int run(weir *w, const char *sql, Res *r)
{
    weir_exec_hooks h = {.row = res_row, .end = res_end, .ctx = r};
    return weir_exec_with(w, sql, &h);
}

static inline int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The lines of s, sorted (s is changed; the result is malloc'ed). */
static inline char *sort_lines(const char *s)
{
    char *copy = strdup(s ? s : ""), **lines = NULL, *save = NULL;
    int n = 0;
    for (char *t = strtok_r(copy, "\n", &save); t; t = strtok_r(NULL, "\n", &save)) {
        lines = realloc(lines, (size_t)(n + 1) * sizeof *lines);
        lines[n++] = t;
    }
    if (n > 1) qsort(lines, (size_t)n, sizeof *lines, cmp_str);
    size_t total = strlen(s ? s : "") + 2;
    char *out = calloc(1, total), *o = out;
    for (int i = 0; i < n; i++) o += sprintf(o, "%s\n", lines[i]);
    free(lines);
    free(copy);
    return out;
}

static inline int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Steps q until it has delivered want rows, is done, fails, or ms passed;
 * returns the last status (WEIR_PENDING on a time-out). */
static inline int step_for(weir_query *q, Res *r, int want, int ms)
{
    int64_t end = now_ms() + ms;
    for (;;) {
        int rc = weir_query_step(q);
        if (rc == WEIR_ROW) {
            res_row_of(r, q);
            if (r->nrows >= want) return rc;
            continue;
        }
        if (rc != WEIR_PENDING) return rc;
        if (now_ms() >= end) return rc;
        usleep(5000);
    }
}

/* Steps q until its source has read n rows (or ms passed); the status. */
static inline int step_until_read(weir_query *q, Res *r, int64_t n, int ms)
{
    int64_t end = now_ms() + ms;
    int rc;
    do {
        rc = step_for(q, r, 1000000, 5);
    } while (rc == WEIR_PENDING && weir_query_counter(q, WEIR_COUNTER_ROWS_IN) < n && now_ms() < end);
    cr_assert_geq(weir_query_counter(q, WEIR_COUNTER_ROWS_IN), n, "not read in time");
    return rc;
}

static inline weir *engine(void)
{
    weir *w = NULL;
    cr_assert_eq(weir_open(NULL, NULL, &w), WEIR_OK);
    return w;
}

static inline void exec_ok(weir *w, const char *sql)
{
    int rc = weir_exec(w, sql, NULL, NULL);
    cr_assert_eq(rc, WEIR_OK, "%s\n-> %s", sql, weir_errmsg(w));
}

/* Reads every message of topic (all partitions, from the start, until each
 * partition's end) as "key\tvalue" lines, sorted; caller frees. */
static inline char *read_topic(Mock *m, const char *topic, int nparts, int *count)
{
    char errstr[256];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set_log_cb(conf, quiet_log);
    rd_kafka_conf_set(conf, "bootstrap.servers", m->boot, errstr, sizeof errstr);
    rd_kafka_conf_set(conf, "group.id", "reader", errstr, sizeof errstr);
    rd_kafka_conf_set(conf, "enable.partition.eof", "true", errstr, sizeof errstr);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
    cr_assert(rk, "%s", errstr);
    rd_kafka_poll_set_consumer(rk);
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(nparts);
    for (int p = 0; p < nparts; p++) rd_kafka_topic_partition_list_add(l, topic, p)->offset = RD_KAFKA_OFFSET_BEGINNING;
    cr_assert_eq(rd_kafka_assign(rk, l), 0);
    rd_kafka_topic_partition_list_destroy(l);
    Res r = {0};
    int eofs = 0;
    int64_t end = now_ms() + 10000;
    while (eofs < nparts && now_ms() < end) {
        rd_kafka_message_t *msg = rd_kafka_consumer_poll(rk, 100);
        if (!msg) continue;
        if (msg->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) eofs++;
        else if (!msg->err) {
            res_add(&r, msg->key ? (const char *)msg->key : "", msg->key_len);
            res_add(&r, "\t", 1);
            res_add(&r, msg->payload, msg->len);
            res_add(&r, "\n", 1);
            r.nrows++;
        }
        rd_kafka_message_destroy(msg);
    }
    cr_assert_eq(eofs, nparts, "topic %s not read to its end", topic);
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
    *count = r.nrows;
    char *s = sort_lines(r.buf);
    free(r.buf);
    return s;
}

/* ---- examples/kafka --------------------------------------------------------- */

/* The text of examples/kafka/<name> with localhost:9092 replaced by the mock's
 * bootstrap servers (malloc'ed). */
static inline char *example_sql(const char *name, const char *boot)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/kafka/%s", WEIR_EXAMPLES_DIR, name);
    FILE *f = fopen(path, "r");
    cr_assert(f, "%s", path);
    static char text[16384];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    Res r = {0};
    for (const char *p = text, *hit; *p; p = hit + 14) {
        hit = strstr(p, "localhost:9092");
        if (!hit) {
            res_add(&r, p, strlen(p));
            break;
        }
        res_add(&r, p, (size_t)(hit - p));
        res_add(&r, boot, strlen(boot));
    }
    return r.buf;
}

#endif
