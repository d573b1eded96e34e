/*
 * sink_kafka.c - the 'kafka' sink connector: one message per row to a topic,
 * through a librdkafka producer.
 *
 * Where it sits: op_sink (op_sink.c) hands each row to kafka_write, which
 * encodes it (format.h: a CSV record without header, or a JSON object) and the
 * key (key.fields: the listed columns' text joined by ','), and queues it with
 * rd_kafka_producev.  Delivery reports come back on our thread inside
 * rd_kafka_poll/rd_kafka_flush; the first failure is kept and returned as
 * WEIR_IOERR from the next write, flush or finish: a row is never lost
 * silently.  finish waits until every message is acknowledged (bounded by
 * librdkafka's message.timeout.ms).
 *
 * Options: topic, properties.bootstrap.servers, other properties.*, format
 * (csv | json, default csv), csv.delimiter, key.fields.  The producer is
 * idempotent by default (properties.enable.idempotence = 'false' turns it off),
 * so librdkafka's retries after a broker failure write nothing twice.
 *
 * Ownership: the spec (and its strings) outlive the sink; the sink owns its
 * producer and buffers.
 */
#include <librdkafka/rdkafka.h>

/* librdkafka's RD_KAFKA_V_* argument macros cast integers to pointers. */
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wint-to-void-pointer-cast"
#endif

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "format.h"
#include "kafka.h"
#include "sink.h"
#include "weir.h"

typedef struct KafkaSink {
    Sink base;
    const SourceSpec *spec;
    rd_kafka_t *rk;
    const char *topic;
    FmtKind kind;
    char delim;
    int nkeys;
    int *key_cols;          /* key.fields as column indexes (malloc'ed) */
    FmtBuf val, key;        /* the message being built */
    int64_t failed;         /* delivery reports with an error */
    char fail_msg[256];     /* the first one's reason */
    bool finished;
} KafkaSink;

/* Delivery report (called inside rd_kafka_poll / rd_kafka_flush, on the
 * caller's thread): counts failures and keeps the first reason. */
static void kafka_dr(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
    (void)rk;
    KafkaSink *ks = opaque;
    if (!m->err) return;
    if (ks->failed++ == 0) snprintf(ks->fail_msg, sizeof ks->fail_msg, "%s", rd_kafka_err2str(m->err));
}

/* WEIR_IOERR when a delivery failed, else WEIR_OK. */
static int kafka_check(KafkaSink *ks, WeirError *err)
{
    if (!ks->failed) return WEIR_OK;
    return err_set(err, WEIR_IOERR, "sink \"%s\": %lld message(s) to Kafka topic \"%s\" not delivered: %s",
                   ks->base.name, (long long)ks->failed, ks->topic, ks->fail_msg);
}

/* Appends the text of one value to the key (NULL adds nothing). */
static int kafka_key_value(FmtBuf *b, TypeId t, const Value *v)
{
    if (v->null) return WEIR_OK;
    if (t == TYPE_VARCHAR) return fmt_buf_append(b, v->u.s, v->len);
    char tmp[40];
    int n = fmt_scalar_text(t, v, tmp);
    return fmt_buf_append(b, tmp, (size_t)n);
}

static int kafka_write(Sink *s, const Value *row, WeirError *err)
{
    KafkaSink *ks = (KafkaSink *)s;
    const SourceSpec *sp = ks->spec;
    ks->val.len = ks->key.len = 0;
    int rc = ks->kind == FMT_CSV ? fmt_csv_encode(&ks->val, sp->cols, row, sp->ncols, ks->delim)
                                 : fmt_json_encode(&ks->val, sp->cols, row, sp->ncols);
    for (int i = 0; i < ks->nkeys && !rc; i++) {
        if (i && fmt_buf_append(&ks->key, ",", 1)) rc = WEIR_NOMEM;
        if (!rc) rc = kafka_key_value(&ks->key, sp->cols[ks->key_cols[i]].type, &row[ks->key_cols[i]]);
    }
    if (rc) return err_set(err, WEIR_NOMEM, "out of memory");
    size_t len = ks->val.len;
    if (len && ks->val.data[len - 1] == '\n') len--;   /* one record a message */
    for (;;) {
        rd_kafka_resp_err_t e =
            rd_kafka_producev(ks->rk, RD_KAFKA_V_TOPIC(ks->topic), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                              RD_KAFKA_V_VALUE(ks->val.data, len),
                              RD_KAFKA_V_KEY(ks->nkeys ? ks->key.data : NULL, ks->nkeys ? ks->key.len : 0),
                              RD_KAFKA_V_END);
        if (e == RD_KAFKA_RESP_ERR_NO_ERROR) break;
        if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL)
            return err_set(err, WEIR_IOERR, "sink \"%s\": cannot queue a message for Kafka topic \"%s\": %s",
                           s->name, ks->topic, rd_kafka_err2str(e));
        /* the local queue is full: let deliveries drain (failures end it) */
        rd_kafka_poll(ks->rk, 100);
        if ((rc = kafka_check(ks, err))) return rc;
    }
    s->rows_written++;
    rd_kafka_poll(ks->rk, 0);
    return kafka_check(ks, err);
}

/* The end of a batch: serves delivery reports (messages go out on their own). */
static int kafka_flush(Sink *s, WeirError *err)
{
    KafkaSink *ks = (KafkaSink *)s;
    rd_kafka_poll(ks->rk, 0);
    return kafka_check(ks, err);
}

/* Waits until every queued message is acknowledged or has failed. */
static int kafka_finish(Sink *s, WeirError *err)
{
    KafkaSink *ks = (KafkaSink *)s;
    ks->finished = true;
    while (rd_kafka_outq_len(ks->rk) > 0) rd_kafka_flush(ks->rk, 1000);
    return kafka_check(ks, err);
}

static void kafka_sink_close(Sink *s)
{
    KafkaSink *ks = (KafkaSink *)s;
    if (!ks) return;
    if (ks->rk) {
        /* an interrupted job: hand over what is queued, for a bounded time */
        if (!ks->finished) rd_kafka_flush(ks->rk, 5000);
        rd_kafka_destroy(ks->rk);
    }
    free(ks->key_cols);
    fmt_buf_free(&ks->val);
    fmt_buf_free(&ks->key);
    free(ks);
}

static const SinkVtab kafka_sink_vtab = {kafka_write, kafka_flush, kafka_finish, kafka_sink_close};

/* Reads topic, format, csv.delimiter and key.fields into ks. */
static int kafka_sink_options(const SourceSpec *spec, KafkaSink *ks, WeirError *err)
{
    const char *v;
    ks->topic = source_option(spec, "topic");
    if (!ks->topic || !*ks->topic)
        return err_set(err, WEIR_ERROR, "sink \"%s\": the kafka connector needs a topic: add topic = '...' to WITH",
                       spec->name);
    v = source_option(spec, "properties.bootstrap.servers");
    if (!v || !*v)
        return err_set(err, WEIR_ERROR, "sink \"%s\": the kafka connector needs properties.bootstrap.servers",
                       spec->name);
    ks->kind = FMT_CSV;
    ks->delim = ',';
    if ((v = source_option(spec, "format"))) {
        if (!strcmp(v, "csv")) ks->kind = FMT_CSV;
        else if (!strcmp(v, "json")) ks->kind = FMT_JSON;
        else return err_set(err, WEIR_ERROR, "sink \"%s\": unknown format \"%s\" (expected csv or json)", spec->name, v);
    }
    if ((v = source_option(spec, "csv.delimiter"))) {
        if (!strcmp(v, "\\t")) v = "\t";
        if (strlen(v) != 1 || v[0] == '"' || v[0] == '\n' || v[0] == '\r')
            return err_set(err, WEIR_ERROR,
                           "sink \"%s\": csv.delimiter must be one character (not a quote or line end), not \"%s\"",
                           spec->name, v);
        ks->delim = v[0];
    }
    if ((v = source_option(spec, "key.fields")) && *v) {
        ks->key_cols = malloc(((size_t)spec->ncols + 1) * sizeof *ks->key_cols);
        if (!ks->key_cols) return err_set(err, WEIR_NOMEM, "out of memory");
        const char *p = v;
        while (*p) {
            while (isspace((unsigned char)*p)) p++;
            const char *e = p;
            while (*e && *e != ',') e++;
            const char *t = e;
            while (t > p && isspace((unsigned char)t[-1])) t--;
            size_t n = (size_t)(t - p);
            int col = -1;
            for (int i = 0; i < spec->ncols; i++)
                if (strlen(spec->cols[i].name) == n && !strncasecmp(spec->cols[i].name, p, n)) col = i;
            if (col < 0)
                return err_set(err, WEIR_ERROR, "sink \"%s\": key.fields names \"%.*s\", which is not a column",
                               spec->name, (int)n, p);
            if (ks->nkeys == spec->ncols)
                return err_set(err, WEIR_ERROR, "sink \"%s\": key.fields lists a column twice", spec->name);
            ks->key_cols[ks->nkeys++] = col;
            p = *e ? e + 1 : e;
        }
    }
    return WEIR_OK;
}

int sink_kafka_check(const SourceSpec *spec, WeirError *err)
{
    KafkaSink *ks = calloc(1, sizeof *ks);
    if (!ks) return err_set(err, WEIR_NOMEM, "out of memory");
    int rc = kafka_sink_options(spec, ks, err);
    rd_kafka_conf_t *conf = NULL;
    if (!rc) rc = kafka_conf_from_spec(spec, "sink", NULL, &conf, err);   /* the properties */
    if (conf) rd_kafka_conf_destroy(conf);
    kafka_sink_close(&ks->base);
    return rc;
}

int sink_kafka_open(const SourceSpec *spec, Sink **out, WeirError *err)
{
    *out = NULL;
    KafkaSink *ks = calloc(1, sizeof *ks);
    if (!ks) return err_set(err, WEIR_NOMEM, "out of memory");
    ks->base.vt = &kafka_sink_vtab;
    ks->base.name = spec->name;
    ks->spec = spec;
    int rc = kafka_sink_options(spec, ks, err);
    rd_kafka_conf_t *conf = NULL;
    if (!rc) {
        const char *defaults[] = {"enable.idempotence", "true", NULL};
        rc = kafka_conf_from_spec(spec, "sink", defaults, &conf, err);
    }
    if (!rc) {
        char errstr[512];
        rd_kafka_conf_set_dr_msg_cb(conf, kafka_dr);
        rd_kafka_conf_set_opaque(conf, ks);
        ks->rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
        if (!ks->rk) {
            rd_kafka_conf_destroy(conf);
            rc = err_set(err, WEIR_ERROR, "sink \"%s\": cannot create a Kafka producer: %s", spec->name, errstr);
        }
    }
    int nparts;
    if (!rc) rc = kafka_topic_meta(ks->rk, spec, "sink", ks->topic, &nparts, err);
    if (rc) {
        ks->finished = true;   /* nothing to flush */
        kafka_sink_close(&ks->base);
        return rc;
    }
    *out = &ks->base;
    return WEIR_OK;
}
