/*
 * sink_kafka.c - the 'kafka' sink connector: one message per row to a topic,
 * through a librdkafka producer; transactional, and exactly-once, when the job
 * is checkpointed (--state).
 *
 * Where it sits: op_sink (op_sink.c) hands each row to kafka_write, which
 * encodes it (format.h: a CSV record without header, or a JSON object) and the
 * key (key.fields: the listed columns' text joined by ','), and queues it with
 * rd_kafka_producev.  Delivery reports come back on our thread inside
 * rd_kafka_poll/rd_kafka_flush; the first failure is kept and returned as
 * WEIR_IOERR from the next write, flush, save or finish: a row is never lost
 * silently.  finish waits until every message is acknowledged (bounded by
 * librdkafka's message.timeout.ms).
 *
 * Options: topic, properties.bootstrap.servers, other properties.*, format
 * (csv | json, default csv), csv.delimiter, key.fields.  The producer is
 * idempotent by default (properties.enable.idempotence = 'false' turns it off),
 * so librdkafka's retries after a broker failure write nothing twice.
 *
 * Exactly-once with checkpoints.  A checkpointed job calls save (op_sink's
 * snapshot, inside the checkpoint, before the sqlite3 commit) before its first
 * row (the engine takes checkpoint 0 when a job starts afresh), or load (on
 * restore) before its first row; a job without checkpoints calls neither and
 * keeps the plain idempotent producer made at open.  (Rows written before a
 * first save, were there any, went out through the plain producer: those
 * would be at-least-once.)  The first save or load
 * replaces that producer by a transactional one: transactional.id is
 * properties.transactional.id, else "weir-<sink>-<random>" made at the job's
 * first checkpoint and kept in every checkpoint, so every restart of the job
 * uses the same id; init_transactions then fences the killed run and aborts
 * the transaction it left open.  One transaction is open between two
 * checkpoints.  Per partition of the sink topic we keep end[p], the offset
 * after our last acknowledged message (at checkpoint 0: the partition's end).
 *   save:   flush (every message of the transaction acknowledged, end[] final),
 *           write end[] (and the skip set below) into the checkpoint, COMMIT
 *           the Kafka transaction, begin the next one.  Then the engine commits
 *           sqlite3.  Kafka first, sqlite3 second: a kill between the two
 *           leaves rows committed in Kafka that the restored checkpoint does
 *           not count.
 *   load:   restore from checkpoint k: init_transactions (aborts what the
 *           killed run left open), then read the topic from end[] to its end
 *           with a read_committed consumer.  What is there was committed after
 *           checkpoint k (the transaction whose checkpoint did not commit): the
 *           replay from k produces those rows again, so they form the skip
 *           set, a multiset of (key, value); end[] moves past them.
 *   write:  while the skip set is not empty, a row whose (key, value) is in it
 *           is counted as written and not sent (and taken out of the set).
 *           Matching by content, not by "the first K rows", keeps it exact when
 *           the replay emits the same rows in another order (partitions of a
 *           Kafka source interleave differently).  The rest of the set goes
 *           into each checkpoint until it is empty.
 *   finish: flush and commit the last transaction; the engine then marks the
 *           job finished.  A kill between the two replays from the last
 *           checkpoint, and the skip set swallows the rows already committed.
 *   close:  without finish (an error, an interrupt after its last checkpoint):
 *           abort the open transaction; every wait on the broker is bounded.
 * A kill at any moment: before the Kafka commit, the transaction is aborted
 * and its rows are produced again; between the two commits, they are skipped;
 * after the sqlite3 commit, nothing is pending.  This assumes that only this
 * job writes to the sink topic (anything else found past end[] on restore
 * would be taken for our rows) and that the job is deterministic as a
 * multiset of rows from a checkpoint on (true of every weir query whose input
 * is the same, except PROCTIME and late rows that depend on how partitions
 * interleave).  librdkafka 2.0.2's mock cluster accepts transactions but
 * writes no transaction markers and does not hide aborted messages from
 * read_committed consumers: there, load skips the killed run's uncommitted
 * rows too, which keeps the topic exactly-once as well.
 * For tests, WEIR_DEBUG_KAFKA_KILL_AFTER_COMMIT=N raises SIGKILL right after
 * the N-th transaction commit of the process (between the Kafka and the
 * sqlite3 commit when it is a checkpoint's).
 *
 * Ownership: the spec (and its strings) outlive the sink; the sink owns its
 * producer, buffers, transactional id and skip set.
 */
#include <librdkafka/rdkafka.h>

/* librdkafka's RD_KAFKA_V_* argument macros cast integers to pointers. */
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wint-to-void-pointer-cast"
#endif

#include <ctype.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "format.h"
#include "kafka.h"
#include "sink.h"
#include "snapshot.h"
#include "weir.h"

#define KAFKA_TXN_MS 30000      /* the longest init/commit of a transaction may take */
#define KAFKA_ABORT_MS 2000     /* the longest close waits to abort an open transaction */
#define KAFKA_READBACK_MS 30000 /* the longest load reads the sink topic back */
/* librdkafka waits up to reconnect.backoff.max.ms (10 s) between tries to
 * reach a broker that went away, which delays the failure of a job whose
 * messages time out by as much: 1 s keeps that short (properties.* overrides). */
#define KAFKA_SINK_BACKOFF_MAX_MS "1000"
#define KAFKA_SINK_VERSION 1

/* One message already in the topic that the replay will produce again. */
typedef struct SkipMsg {
    uint64_t hash;          /* of key and value */
    size_t off;             /* key bytes then value bytes, in SkipSet.bytes */
    uint32_t klen, vlen;
    bool has_key;
    bool used;              /* matched: the replay produced it again */
} SkipMsg;

/* The skip set: a multiset of messages, sorted by hash once loaded. */
typedef struct SkipSet {
    SkipMsg *msgs;
    int n, cap;
    int left;               /* not yet matched */
    FmtBuf bytes;
} SkipSet;

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
    /* checkpointed jobs */
    bool txn;               /* the producer is transactional */
    bool in_txn;            /* a transaction is open */
    char *txn_id;           /* malloc'ed */
    int nparts;
    int64_t *end;           /* per partition: the offset after our last acknowledged message */
    SkipSet skip;
} KafkaSink;

/* Delivery report (called inside rd_kafka_poll / rd_kafka_flush, on the
 * caller's thread): counts failures and keeps the first reason; moves the
 * partition's end past an acknowledged message. */
static void kafka_dr(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
    (void)rk;
    KafkaSink *ks = opaque;
    if (!m->err) {
        int p = m->partition;
        if (!ks->end || p < 0) return;   /* not transactional */
        if (p >= ks->nparts) {
            /* a partition added while the job runs: ours from its start */
            int64_t *end = realloc(ks->end, (size_t)(p + 1) * sizeof *end);
            if (!end) {
                if (ks->failed++ == 0) snprintf(ks->fail_msg, sizeof ks->fail_msg, "out of memory");
                return;
            }
            for (int i = ks->nparts; i <= p; i++) end[i] = 0;
            ks->end = end;
            ks->nparts = p + 1;
        }
        if (m->offset + 1 > ks->end[p]) ks->end[p] = m->offset + 1;
        return;
    }
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

/* ---- the skip set ------------------------------------------------------------ */

static uint64_t skip_hash(bool has_key, const void *k, size_t klen, const void *v, size_t vlen)
{
    uint64_t h = snap_hash(SNAP_HASH_INIT, &has_key, 1);
    uint64_t kl = klen;
    h = snap_hash(h, &kl, sizeof kl);
    if (klen) h = snap_hash(h, k, klen);
    return vlen ? snap_hash(h, v, vlen) : h;
}

/* Adds a message to the set (before skip_sort).  WEIR_OK or WEIR_NOMEM. */
static int skip_add(SkipSet *s, bool has_key, const void *k, size_t klen, const void *v, size_t vlen)
{
    if (klen > UINT32_MAX || vlen > UINT32_MAX) return WEIR_NOMEM;
    if (s->n == s->cap) {
        int cap = s->cap ? s->cap * 2 : 64;
        SkipMsg *m = realloc(s->msgs, (size_t)cap * sizeof *m);
        if (!m) return WEIR_NOMEM;
        s->msgs = m;
        s->cap = cap;
    }
    SkipMsg *m = &s->msgs[s->n];
    m->hash = skip_hash(has_key, k, klen, v, vlen);
    m->off = s->bytes.len;
    m->klen = (uint32_t)klen;
    m->vlen = (uint32_t)vlen;
    m->has_key = has_key;
    m->used = false;
    if ((klen && fmt_buf_append(&s->bytes, k, klen)) || (vlen && fmt_buf_append(&s->bytes, v, vlen)))
        return WEIR_NOMEM;
    s->n++;
    s->left++;
    return WEIR_OK;
}

static int skip_cmp(const void *a, const void *b)
{
    uint64_t x = ((const SkipMsg *)a)->hash, y = ((const SkipMsg *)b)->hash;
    return x < y ? -1 : x > y;
}

static void skip_sort(SkipSet *s)
{
    if (s->n > 1) qsort(s->msgs, (size_t)s->n, sizeof *s->msgs, skip_cmp);
}

static void skip_free(SkipSet *s)
{
    free(s->msgs);
    fmt_buf_free(&s->bytes);
    memset(s, 0, sizeof *s);
}

/* Whether (key, value) is an unmatched message of the set; if so marks it. */
static bool skip_take(SkipSet *s, bool has_key, const char *k, size_t klen, const char *v, size_t vlen)
{
    uint64_t h = skip_hash(has_key, k, klen, v, vlen);
    int lo = 0, hi = s->n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (s->msgs[mid].hash < h) lo = mid + 1;
        else hi = mid;
    }
    for (int i = lo; i < s->n && s->msgs[i].hash == h; i++) {
        SkipMsg *m = &s->msgs[i];
        const char *data = s->bytes.data + m->off;
        if (m->used || m->has_key != has_key || m->klen != klen || m->vlen != vlen) continue;
        if ((klen && memcmp(data, k, klen)) || (vlen && memcmp(data + klen, v, vlen))) continue;
        m->used = true;
        if (--s->left == 0) skip_free(s);   /* all matched: the set is done */
        return true;
    }
    return false;
}

/* ---- rows ---------------------------------------------------------------------- */

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
    if (ks->skip.left > 0 &&
        skip_take(&ks->skip, ks->nkeys > 0, ks->key.data, ks->nkeys ? ks->key.len : 0, ks->val.data, len)) {
        s->rows_written++;   /* committed by the run that was killed */
        return WEIR_OK;
    }
    for (;;) {
        rd_kafka_resp_err_t e =
            rd_kafka_producev(ks->rk, RD_KAFKA_V_TOPIC(ks->topic), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                              RD_KAFKA_V_VALUE(ks->val.data, len),
                              RD_KAFKA_V_KEY(ks->nkeys ? ks->key.data : NULL, ks->nkeys ? ks->key.len : 0),
                              RD_KAFKA_V_END);
        if (e == RD_KAFKA_RESP_ERR_NO_ERROR) break;
        if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            /* An idempotent producer refuses new messages once one failed: the
             * failed delivery, when there is one, is the cause to report. */
            rd_kafka_poll(ks->rk, 0);
            if ((rc = kafka_check(ks, err))) return rc;
            return err_set(err, WEIR_IOERR, "sink \"%s\": cannot queue a message for Kafka topic \"%s\": %s",
                           s->name, ks->topic, rd_kafka_err2str(e));
        }
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
static int kafka_drain(KafkaSink *ks, WeirError *err)
{
    while (rd_kafka_outq_len(ks->rk) > 0) rd_kafka_flush(ks->rk, 1000);
    return kafka_check(ks, err);
}

/* ---- transactions ------------------------------------------------------------ */

/* WEIR_IOERR for a failed transactional call (err_obj is destroyed). */
static int kafka_txn_error(KafkaSink *ks, const char *what, rd_kafka_error_t *e, WeirError *err)
{
    int rc = err_set(err, WEIR_IOERR, "sink \"%s\": cannot %s the Kafka transaction (transactional.id %s): %s",
                     ks->base.name, what, ks->txn_id ? ks->txn_id : "?", rd_kafka_error_string(e));
    rd_kafka_error_destroy(e);
    return rc;
}

/* For tests: SIGKILL after the N-th commit (WEIR_DEBUG_KAFKA_KILL_AFTER_COMMIT). */
static void kafka_debug_kill(void)
{
    static int commits;
    const char *v = getenv("WEIR_DEBUG_KAFKA_KILL_AFTER_COMMIT");
    if (v && *v && ++commits == atoi(v)) raise(SIGKILL);
}

/* Commits the open transaction (every message acknowledged first). */
static int kafka_txn_commit(KafkaSink *ks, WeirError *err)
{
    if (!ks->in_txn) return WEIR_OK;
    rd_kafka_error_t *e = rd_kafka_commit_transaction(ks->rk, KAFKA_TXN_MS);
    if (e) return kafka_txn_error(ks, "commit", e, err);
    ks->in_txn = false;
    kafka_debug_kill();
    return WEIR_OK;
}

static int kafka_txn_begin(KafkaSink *ks, WeirError *err)
{
    rd_kafka_error_t *e = rd_kafka_begin_transaction(ks->rk);
    if (e) return kafka_txn_error(ks, "begin", e, err);
    ks->in_txn = true;
    return WEIR_OK;
}

/* A fresh transactional id: weir-<sink>-<16 random hex digits>. */
static char *kafka_new_txn_id(const char *sink)
{
    uint64_t r = 0;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0 || read(fd, &r, sizeof r) != (ssize_t)sizeof r) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        r = snap_hash(SNAP_HASH_INIT, &ts, sizeof ts) ^ (uint64_t)getpid();
    }
    if (fd >= 0) close(fd);
    size_t n = strlen(sink) + 32;
    char *id = malloc(n);
    if (id) snprintf(id, n, "weir-%s-%016llx", sink, (unsigned long long)r);
    return id;
}

/* Reads the partition count; a partition end[] does not cover yet gets `fill`,
 * or with fill < 0 its end offset read from the broker (the job's first
 * checkpoint: everything before is not ours). */
static int kafka_sink_ends(KafkaSink *ks, int64_t fill, WeirError *err)
{
    int n;
    int rc = kafka_topic_meta(ks->rk, ks->spec, "sink", ks->topic, &n, err);
    if (rc) return rc;
    if (n < ks->nparts)
        return err_set(err, WEIR_IOERR, "sink \"%s\": topic \"%s\" has %d partitions, fewer than the %d of the checkpoint",
                       ks->base.name, ks->topic, n, ks->nparts);
    int64_t *end = realloc(ks->end, (size_t)n * sizeof *end);
    if (!end) return err_set(err, WEIR_NOMEM, "out of memory");
    for (int p = ks->nparts; p < n; p++) end[p] = fill;
    ks->end = end;
    ks->nparts = n;
    for (int p = 0; p < n; p++) {
        if (end[p] >= 0) continue;
        int64_t lo, hi;
        rd_kafka_resp_err_t e = rd_kafka_query_watermark_offsets(ks->rk, ks->topic, p, &lo, &hi, KAFKA_TXN_MS);
        if (e)
            return err_set(err, WEIR_IOERR, "sink \"%s\": cannot read the end offsets of topic \"%s\": %s",
                           ks->base.name, ks->topic, rd_kafka_err2str(e));
        end[p] = hi;
    }
    return WEIR_OK;
}

/* Makes ks->rk: an idempotent producer whose delivery reports reach ks, and a
 * transactional one when txn_id is not NULL (NULL also clears a user's
 * properties.transactional.id: transactions only come with checkpoints). */
static int kafka_producer_new(KafkaSink *ks, const char *txn_id, WeirError *err)
{
    rd_kafka_conf_t *conf = NULL;
    const char *defaults[] = {"enable.idempotence", "true", "reconnect.backoff.max.ms", KAFKA_SINK_BACKOFF_MAX_MS, NULL};
    int rc = kafka_conf_from_spec(ks->spec, "sink", defaults, &conf, err);
    if (rc) return rc;
    char errstr[512];
    if (rd_kafka_conf_set(conf, "transactional.id", txn_id, errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
        rd_kafka_conf_destroy(conf);
        return err_set(err, WEIR_ERROR, "sink \"%s\": transactional.id: %s", ks->base.name, errstr);
    }
    rd_kafka_conf_set_dr_msg_cb(conf, kafka_dr);
    rd_kafka_conf_set_opaque(conf, ks);
    ks->rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!ks->rk) {
        rd_kafka_conf_destroy(conf);
        return err_set(err, WEIR_ERROR, "sink \"%s\": cannot create a%s Kafka producer: %s", ks->base.name,
                       txn_id ? " transactional" : "", errstr);
    }
    return WEIR_OK;
}

/* Replaces the plain producer by a transactional one with id (malloc'ed, taken
 * over; properties.transactional.id wins) and runs init_transactions, which
 * fences an earlier run with the same id and aborts what it left open.
 * Messages the plain producer queued are delivered first. */
static int kafka_txn_start(KafkaSink *ks, char *id, WeirError *err)
{
    const char *user = source_option(ks->spec, "properties.transactional.id");
    if (user && *user) {
        free(id);
        id = strdup(user);
    }
    if (!id) return err_set(err, WEIR_NOMEM, "out of memory");
    free(ks->txn_id);
    ks->txn_id = id;
    int rc = WEIR_OK;
    if (ks->rk) {
        rc = kafka_drain(ks, err);
        rd_kafka_destroy(ks->rk);
        ks->rk = NULL;
        if (rc) return rc;
    }
    if ((rc = kafka_producer_new(ks, id, err))) return rc;
    ks->txn = true;
    rd_kafka_error_t *e = rd_kafka_init_transactions(ks->rk, KAFKA_TXN_MS);
    if (e) return kafka_txn_error(ks, "initialise", e, err);
    return WEIR_OK;
}

/* The checkpoint is being taken (before its sqlite3 commit): flush, save the
 * transactional id, end[] and the skip set, then commit the Kafka transaction
 * and begin the next (see the top of the file). */
static int kafka_save(Sink *s, SnapWriter *w, WeirError *err)
{
    KafkaSink *ks = (KafkaSink *)s;
    int rc = WEIR_OK;
    if (!ks->txn) rc = kafka_txn_start(ks, kafka_new_txn_id(s->name), err);   /* checkpoint 0 */
    if (!rc && !ks->end) rc = kafka_sink_ends(ks, -1, err);   /* checkpoint 0: where the job starts */
    if (!rc) rc = kafka_drain(ks, err);
    if (rc) return rc;
    snap_put_u8(w, KAFKA_SINK_VERSION);
    snap_put_str(w, ks->txn_id, strlen(ks->txn_id));
    snap_put_u32(w, (uint32_t)ks->nparts);
    for (int p = 0; p < ks->nparts; p++) snap_put_i64(w, ks->end[p]);
    snap_put_u32(w, (uint32_t)ks->skip.left);
    for (int i = 0; i < ks->skip.n; i++) {
        const SkipMsg *m = &ks->skip.msgs[i];
        if (m->used) continue;
        const char *data = ks->skip.bytes.data + m->off;
        snap_put_u8(w, m->has_key);
        snap_put_str(w, data, m->klen);
        snap_put_str(w, data + m->klen, m->vlen);
    }
    if (w->oom) return err_set(err, WEIR_NOMEM, "out of memory");
    if ((rc = kafka_txn_commit(ks, err))) return rc;
    return kafka_txn_begin(ks, err);
}

/* Reads the sink topic from end[] to its end with a read_committed consumer:
 * every message there was committed after the restored checkpoint and goes
 * into the skip set; end[] moves past them. */
static int kafka_read_back(KafkaSink *ks, WeirError *err)
{
    rd_kafka_conf_t *conf = NULL;
    const char *defaults[] = {"group.id", "weir-sink-check", "enable.auto.commit", "false",
                              "isolation.level", "read_committed", "enable.partition.eof", "true", NULL};
    int rc = kafka_conf_from_spec(ks->spec, "sink", defaults, &conf, err);
    if (rc) return rc;
    char errstr[512];
    /* producer settings do not belong in a consumer */
    rd_kafka_conf_set(conf, "transactional.id", NULL, errstr, sizeof errstr);
    rd_kafka_t *c = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
    if (!c) {
        rd_kafka_conf_destroy(conf);
        return err_set(err, WEIR_ERROR, "sink \"%s\": cannot create a Kafka consumer to check the topic: %s",
                       ks->base.name, errstr);
    }
    bool *eof = calloc((size_t)ks->nparts, sizeof *eof);
    rd_kafka_topic_partition_list_t *parts = rd_kafka_topic_partition_list_new(ks->nparts);
    if (!eof || !parts) rc = err_set(err, WEIR_NOMEM, "out of memory");
    for (int p = 0; !rc && p < ks->nparts; p++)
        rd_kafka_topic_partition_list_add(parts, ks->topic, p)->offset = ks->end[p];
    rd_kafka_resp_err_t e = rc ? RD_KAFKA_RESP_ERR_NO_ERROR : rd_kafka_assign(c, parts);
    if (e) rc = err_set(err, WEIR_IOERR, "sink \"%s\": cannot read back topic \"%s\": %s", ks->base.name, ks->topic,
                        rd_kafka_err2str(e));
    int neof = 0;
    int64_t until = kafka_now_ms() + KAFKA_READBACK_MS;
    while (!rc && neof < ks->nparts) {
        if (kafka_now_ms() > until) {
            rc = err_set(err, WEIR_IOERR, "sink \"%s\": reading back topic \"%s\" did not reach its end within %d s",
                         ks->base.name, ks->topic, KAFKA_READBACK_MS / 1000);
            break;
        }
        rd_kafka_message_t *m = rd_kafka_consumer_poll(c, 100);
        if (!m) continue;
        int p = m->partition;
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            if (p >= 0 && p < ks->nparts && !eof[p]) {
                eof[p] = true;
                neof++;
                if (m->offset > ks->end[p]) ks->end[p] = m->offset;
            }
        } else if (m->err) {
            char fatal[256];
            if (rd_kafka_fatal_error(c, fatal, sizeof fatal) || m->err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC ||
                m->err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART || m->err == RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE)
                rc = err_set(err, WEIR_IOERR, "sink \"%s\": cannot read back topic \"%s\": %s", ks->base.name,
                             ks->topic, rd_kafka_message_errstr(m));
        } else if (p >= 0 && p < ks->nparts) {
            if (skip_add(&ks->skip, m->key != NULL, m->key, m->key_len, m->payload, m->payload ? m->len : 0))
                rc = err_set(err, WEIR_NOMEM, "out of memory");
            if (m->offset + 1 > ks->end[p]) ks->end[p] = m->offset + 1;
        }
        rd_kafka_message_destroy(m);
    }
    if (parts) rd_kafka_topic_partition_list_destroy(parts);
    free(eof);
    kafka_destroy_bounded(c, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE, KAFKA_ABORT_MS);
    skip_sort(&ks->skip);
    return rc;
}

/* Restore, on a freshly opened sink before any write: the same transactional
 * id (init_transactions aborts the killed run's transaction), end[] and the
 * skip set, plus what was committed past end[]; then a transaction begins. */
static int kafka_load(Sink *s, SnapReader *r, WeirError *err)
{
    KafkaSink *ks = (KafkaSink *)s;
    uint8_t version = snap_get_u8(r);
    uint32_t idlen;
    const char *id = snap_get_str(r, &idlen);
    uint32_t n = snap_get_u32(r);
    if (!snap_ok(r) || version != KAFKA_SINK_VERSION || !id || !idlen || n > 1000000)
        return err_set(err, WEIR_IOERR, "sink \"%s\": damaged checkpoint", s->name);
    free(ks->end);
    ks->end = malloc((size_t)(n ? n : 1) * sizeof *ks->end);
    if (!ks->end) return err_set(err, WEIR_NOMEM, "out of memory");
    ks->nparts = (int)n;
    for (uint32_t p = 0; p < n; p++) ks->end[p] = snap_get_i64(r);
    uint32_t nskip = snap_get_u32(r);
    for (uint32_t i = 0; i < nskip && snap_ok(r); i++) {
        uint8_t has_key = snap_get_u8(r);
        uint32_t klen, vlen;
        const char *k = snap_get_str(r, &klen);
        const char *v = snap_get_str(r, &vlen);
        if (snap_ok(r) && skip_add(&ks->skip, has_key != 0, k, klen, v, vlen))
            return err_set(err, WEIR_NOMEM, "out of memory");
    }
    if (!snap_ok(r)) return err_set(err, WEIR_IOERR, "sink \"%s\": damaged checkpoint", s->name);
    char *copy = strndup(id, idlen);
    int rc = kafka_txn_start(ks, copy, err);
    /* partitions added since the checkpoint: from their start (only this job writes there) */
    if (!rc) rc = kafka_sink_ends(ks, RD_KAFKA_OFFSET_BEGINNING, err);
    if (!rc) rc = kafka_read_back(ks, err);
    if (!rc) rc = kafka_txn_begin(ks, err);
    return rc;
}

/* End of the job: every message acknowledged, the last transaction committed. */
static int kafka_finish(Sink *s, WeirError *err)
{
    KafkaSink *ks = (KafkaSink *)s;
    ks->finished = true;
    int rc = kafka_drain(ks, err);
    if (!rc && ks->txn) rc = kafka_txn_commit(ks, err);
    return rc;
}

static void kafka_sink_close(Sink *s)
{
    KafkaSink *ks = (KafkaSink *)s;
    if (!ks) return;
    if (ks->rk) {
        if (ks->txn && ks->in_txn) {
            /* rows past the last checkpoint: they will be produced again */
            rd_kafka_error_t *e = rd_kafka_abort_transaction(ks->rk, KAFKA_ABORT_MS);
            if (e) rd_kafka_error_destroy(e);
            rd_kafka_purge(ks->rk, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
        } else if (!ks->finished && !ks->txn) {
            /* an interrupted job: hand over what is queued, for a bounded time */
            rd_kafka_flush(ks->rk, 5000);
        }
        kafka_destroy_bounded(ks->rk, 0, KAFKA_ABORT_MS);
    }
    free(ks->key_cols);
    free(ks->txn_id);
    free(ks->end);
    skip_free(&ks->skip);
    fmt_buf_free(&ks->val);
    fmt_buf_free(&ks->key);
    free(ks);
}

static const SinkVtab kafka_sink_vtab = {kafka_write, kafka_flush, kafka_finish, kafka_sink_close,
                                         NULL, NULL, kafka_save, kafka_load};

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
    /* transactional.id only once the job turns out to be checkpointed (kafka_txn_start) */
    if (!rc) rc = kafka_producer_new(ks, NULL, err);
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
