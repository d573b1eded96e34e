/*
 * connector_kafka.c - the 'kafka' source connector: one topic read through
 * librdkafka, one record (CSV or JSON) per message.
 *
 * Where it sits: source_open (source.c) -> source_kafka_open builds a consumer,
 * checks that a broker answers (metadata, bounded wait), learns the topic's
 * partitions and assigns all of them at the start offsets; pipeline_step ->
 * kafka_next polls messages (never blocking more than KAFKA_POLL_MS), decodes
 * each with format.h straight into the batch and tags each row with its
 * partition (Batch.part, Batch.parts) so that the watermark assigner keeps one
 * watermark per partition (op_watermark.c).
 *
 * Options: topic; properties.bootstrap.servers; properties.group.id; every
 * other properties.<k> goes to rd_kafka_conf_set as <k>; scan.startup.mode =
 * earliest-offset (default) | latest-offset | group-offsets;
 * scan.bounded.mode = latest-offset (the high watermarks of every partition
 * are read at start, and the source ends when each partition reached its own);
 * watermark.idle-timeout ('5 s', '500 ms', '1 min'); format, on_error, ... as
 * for every connector (CSV has no header in a message).
 *
 * Checkpoints (--state): save_pos writes, per partition, the next offset to
 * read (a logical RD_KAFKA_OFFSET_* while nothing was read from it yet) and,
 * in bounded mode, the end offset read at the job's first start and whether the
 * partition is done, so that a resumed job ends where the first run would have.
 * The partitions are assigned at the first next(), so restore_pos (called on a
 * freshly opened source before it) only replaces the start offsets; a
 * partition added since the checkpoint starts at the start mode's offset (in
 * bounded mode it is done: its records came after the job started).  With
 * scan.startup.mode = 'latest-offset' the start offsets are read at open, so
 * that a checkpoint taken before a partition delivered anything still resumes
 * at the same place.
 *
 * Closing never waits long on a broker that is gone or stopped answering:
 * the source only assigns partitions (no group membership to leave), so the
 * consumer is destroyed without rd_kafka_consumer_close; only when offsets are
 * auto-committed (a group.id) does a final commit run, and the whole close is
 * bounded by KAFKA_CLOSE_MS (kafka_destroy_bounded: librdkafka's destroy also
 * waits for requests in flight to the group coordinator, so what is left of it
 * then finishes on a detached thread).
 *
 * Ownership: VARCHARs point into the messages of the last call, which the
 * source holds (held[]) until the next call or close.  librdkafka's own logging
 * is silenced: the library never prints.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "format.h"
#include "kafka.h"
#include "weir.h"

#define KAFKA_CONNECT_MS 5000   /* how long a broker may take to answer at start */
#define KAFKA_POLL_MS 20        /* the longest a call waits for a message */
#define KAFKA_CLOSE_MS 2000     /* the longest close waits for the final offset commit */

typedef enum KafkaStart { KSTART_EARLIEST, KSTART_LATEST, KSTART_GROUP } KafkaStart;

typedef struct KafkaSource {
    Source base;
    SourceCommon com;
    FmtDecoder dec;
    rd_kafka_t *rk;
    const char *topic;          /* the spec's */
    PartInfo pinfo;             /* partitions and idle timeout, for op_watermark */
    bool bounded;
    bool commits;               /* offsets are auto-committed (close commits them) */
    bool assigned;              /* the partitions were assigned (first next()) */
    int64_t *next;              /* per partition, the next offset to read (or a logical
                                   RD_KAFKA_OFFSET_* until a message was read) */
    int64_t *high;              /* bounded: per partition, the end offset read at start */
    bool *done;                 /* bounded: per partition, its end was reached */
    int ndone;
    rd_kafka_message_t **held;  /* messages the last batch points into (cap entries) */
    int nheld, held_cap;
} KafkaSource;

static const SourceVtab kafka_vtab;

int64_t kafka_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* librdkafka's log lines go nowhere: the library never prints. */
static void kafka_log_quiet(const rd_kafka_t *rk, int level, const char *fac, const char *buf)
{
    (void)rk, (void)level, (void)fac, (void)buf;
}

/* Parses a duration: a non-negative integer and a unit (ms, s, sec, second(s),
 * min, minute(s), h, hour(s); none = ms), spaces allowed.  -1 when malformed. */
int64_t kafka_parse_duration(const char *s)
{
    while (isspace((unsigned char)*s)) s++;
    if (*s == '\'') s++;
    char *end;
    if (!isdigit((unsigned char)*s)) return -1;
    long long v = strtoll(s, &end, 10);
    while (isspace((unsigned char)*end)) end++;
    char unit[16] = "";
    int n = 0;
    while (isalpha((unsigned char)end[n]) && n < 15) unit[n] = (char)tolower((unsigned char)end[n]), n++;
    unit[n] = 0;
    const char *rest = end + n;
    while (isspace((unsigned char)*rest) || *rest == '\'') rest++;
    if (*rest || v < 0 || v > INT64_MAX / 3600000) return -1;
    static const struct { const char *u; int64_t ms; } units[] = {
        {"", 1}, {"ms", 1}, {"millisecond", 1}, {"milliseconds", 1}, {"s", 1000}, {"sec", 1000},
        {"second", 1000}, {"seconds", 1000}, {"min", 60000}, {"minute", 60000},
        {"minutes", 60000}, {"h", 3600000}, {"hour", 3600000}, {"hours", 3600000}};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (!strcmp(unit, units[i].u)) return (int64_t)v * units[i].ms;
    return -1;
}

/* Builds a librdkafka configuration from the properties.* options (prefix
 * removed) plus defaults (extra, NULL-terminated key/value pairs, applied first
 * so the user's properties win).  Returns WEIR_OK with *out set (caller owns),
 * or WEIR_ERROR naming the bad property.  what: "source" or "sink". */
int kafka_conf_from_spec(const SourceSpec *spec, const char *what, const char *const *extra,
                         rd_kafka_conf_t **out, WeirError *err)
{
    char errstr[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    if (!conf) return err_set(err, WEIR_NOMEM, "out of memory");
    rd_kafka_conf_set_log_cb(conf, kafka_log_quiet);
    for (int i = 0; extra && extra[i]; i += 2)
        if (rd_kafka_conf_set(conf, extra[i], extra[i + 1], errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
            rd_kafka_conf_destroy(conf);
            return err_set(err, WEIR_ERROR, "%s \"%s\": %s", what, spec->name, errstr);
        }
    for (int i = 0; i < spec->nopts; i++) {
        const char *k = spec->opt_keys[i];
        if (strncmp(k, "properties.", 11) != 0) continue;
        if (rd_kafka_conf_set(conf, k + 11, spec->opt_values[i], errstr, sizeof errstr) !=
            RD_KAFKA_CONF_OK) {
            rd_kafka_conf_destroy(conf);
            return err_set(err, WEIR_ERROR, "%s \"%s\": bad Kafka property %s: %s", what, spec->name, k,
                           errstr);
        }
    }
    *out = conf;
    return WEIR_OK;
}

/* Asks the cluster for topic's metadata within KAFKA_CONNECT_MS: the check
 * that a broker is reachable.  On success *nparts is the topic's partition
 * count.  WEIR_IOERR `<what> "x": Kafka broker <servers> not reachable: ...` or
 * `... topic "t" not found`. */
int kafka_topic_meta(rd_kafka_t *rk, const SourceSpec *spec, const char *what, const char *topic,
                     int *nparts, WeirError *err)
{
    const char *servers = source_option(spec, "properties.bootstrap.servers");
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, topic, NULL);
    if (!rkt) return err_set(err, WEIR_NOMEM, "out of memory");
    const struct rd_kafka_metadata *md = NULL;
    rd_kafka_resp_err_t e = rd_kafka_metadata(rk, 0, rkt, &md, KAFKA_CONNECT_MS);
    rd_kafka_topic_destroy(rkt);
    if (e != RD_KAFKA_RESP_ERR_NO_ERROR)
        return err_set(err, WEIR_IOERR, "%s \"%s\": Kafka broker %s not reachable: %s", what, spec->name,
                       servers ? servers : "?", rd_kafka_err2str(e));
    int rc = WEIR_OK;
    if (md->topic_cnt < 1 || md->topics[0].err != RD_KAFKA_RESP_ERR_NO_ERROR ||
        md->topics[0].partition_cnt < 1)
        rc = err_set(err, WEIR_IOERR, "%s \"%s\": Kafka topic \"%s\" not found on %s%s%s", what, spec->name,
                     topic, servers ? servers : "?", md->topic_cnt >= 1 ? ": " : "",
                     md->topic_cnt >= 1 ? rd_kafka_err2str(md->topics[0].err) : "");
    else
        *nparts = md->topics[0].partition_cnt;
    rd_kafka_metadata_destroy(md);
    return rc;
}

/* Frees the messages the previous batch pointed into. */
static void kafka_release(KafkaSource *ks)
{
    for (int i = 0; i < ks->nheld; i++) rd_kafka_message_destroy(ks->held[i]);
    ks->nheld = 0;
}

/* Marks partition p as having reached its end (bounded mode). */
static void kafka_part_done(KafkaSource *ks, int p)
{
    if (p < 0 || p >= ks->pinfo.n || ks->done[p]) return;
    ks->done[p] = true;
    ks->ndone++;
}

/* Whether a record holds only blanks (skipped in JSON, as a file's empty line). */
static bool kafka_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n') return false;
    return true;
}

/* Assigns every partition at its next offset (ks->next: the start mode's, or
 * where a checkpoint left it).  WEIR_OK or WEIR_IOERR. */
static int kafka_assign(KafkaSource *ks, WeirError *err)
{
    rd_kafka_topic_partition_list_t *parts = rd_kafka_topic_partition_list_new(ks->pinfo.n);
    if (!parts) return err_set(err, WEIR_NOMEM, "out of memory");
    for (int p = 0; p < ks->pinfo.n; p++) rd_kafka_topic_partition_list_add(parts, ks->topic, p)->offset = ks->next[p];
    rd_kafka_resp_err_t e = rd_kafka_assign(ks->rk, parts);
    rd_kafka_topic_partition_list_destroy(parts);
    if (e)
        return err_set(err, WEIR_IOERR, "source \"%s\": cannot assign the partitions of topic \"%s\": %s",
                       ks->base.name, ks->topic, rd_kafka_err2str(e));
    ks->assigned = true;
    return WEIR_OK;
}

/* Polls messages into b: WEIR_OK when rows were added, WEIR_PENDING when none
 * came within KAFKA_POLL_MS, WEIR_DONE when bounded and every partition reached
 * its end offset, WEIR_DATA for a bad message under on_error = 'fail',
 * WEIR_IOERR for a fatal client error or a missing topic. */
static int kafka_next(Source *src, Batch *b, WeirError *err)
{
    KafkaSource *ks = (KafkaSource *)src;
    kafka_release(ks);
    b->parts = &ks->pinfo;
    if (ks->bounded && ks->ndone == ks->pinfo.n) return WEIR_DONE;
    if (!ks->assigned) {
        int rc = kafka_assign(ks, err);
        if (rc) return rc;
    }
    if (ks->held_cap < b->cap) {
        rd_kafka_message_t **h = realloc(ks->held, (size_t)b->cap * sizeof *h);
        if (!h) return err_set(err, WEIR_NOMEM, "out of memory");
        ks->held = h;
        ks->held_cap = b->cap;
    }
    int added = 0;
    int wait = KAFKA_POLL_MS;
    while (b->nrows < b->cap && !(ks->bounded && ks->ndone == ks->pinfo.n)) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(ks->rk, wait);
        if (!m) break;
        wait = 0;
        int p = m->partition;
        if (m->err) {
            rd_kafka_resp_err_t e = m->err;
            if (e == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
                if (ks->bounded && p >= 0 && p < ks->pinfo.n && m->offset >= ks->high[p])
                    kafka_part_done(ks, p);
                rd_kafka_message_destroy(m);
                continue;
            }
            char why[256];
            snprintf(why, sizeof why, "%s", rd_kafka_message_errstr(m));
            rd_kafka_message_destroy(m);
            char fatal[256];
            if (rd_kafka_fatal_error(ks->rk, fatal, sizeof fatal))
                return err_set(err, WEIR_IOERR, "source \"%s\": Kafka: %s", src->name, fatal);
            if (e == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC || e == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART ||
                e == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED)
                return err_set(err, WEIR_IOERR, "source \"%s\": Kafka topic \"%s\": %s", src->name,
                               ks->topic, why);
            /* a broker down or a transport error: librdkafka retries; the job stalls */
            continue;
        }
        if (p < 0 || p >= ks->pinfo.n) {  /* partitions added after start: not assigned */
            rd_kafka_message_destroy(m);
            continue;
        }
        if (ks->bounded) {
            if (m->offset >= ks->high[p]) {   /* produced after the start: not ours */
                kafka_part_done(ks, p);
                rd_kafka_message_destroy(m);
                continue;
            }
            if (m->offset + 1 >= ks->high[p]) kafka_part_done(ks, p);
        }
        ks->next[p] = m->offset + 1;
        ks->held[ks->nheld++] = m;
        const char *rec = m->payload ? (const char *)m->payload : "";
        size_t len = m->payload ? m->len : 0;
        while (len > 0 && (rec[len - 1] == '\n' || rec[len - 1] == '\r')) len--;
        if (!m->payload || (ks->dec.o.kind == FMT_JSON && kafka_blank(rec, len))) continue;
        int row = b->nrows;
        int rc = fmt_decode(&ks->dec, rec, len, batch_row(b, row), &b->text, err);
        if (rc == WEIR_OK) {
            b->pos[row] = m->offset + 1;
            b->part[row] = p;
            b->wm[row] = TS_MIN;
            b->nrows++;
            added++;
            src->rows_read++;
            continue;
        }
        if (rc != WEIR_DATA) return rc;
        char pos[64];
        snprintf(pos, sizeof pos, "partition %d offset %lld", p, (long long)m->offset);
        rc = source_reject(src, &ks->com, pos, err->msg, rec, len, err);
        if (rc != WEIR_OK) return rc;
    }
    if (ks->bounded && ks->ndone == ks->pinfo.n) return WEIR_DONE;
    return added ? WEIR_OK : WEIR_PENDING;
}

/* A client being destroyed on a thread of its own: whoever finishes last (the
 * thread, or kafka_destroy_bounded giving up) frees it. */
typedef struct KafkaDestroy {
    rd_kafka_t *rk;
    int flags;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool done, abandoned;
} KafkaDestroy;

static void *kafka_destroy_main(void *arg)
{
    KafkaDestroy *d = arg;
    rd_kafka_destroy_flags(d->rk, d->flags);
    pthread_mutex_lock(&d->mu);
    d->done = true;
    bool abandoned = d->abandoned;
    pthread_cond_signal(&d->cv);
    pthread_mutex_unlock(&d->mu);
    if (abandoned) {
        pthread_mutex_destroy(&d->mu);
        pthread_cond_destroy(&d->cv);
        free(d);
    }
    return NULL;
}

void kafka_destroy_bounded(rd_kafka_t *rk, int flags, int64_t ms)
{
    KafkaDestroy *d = calloc(1, sizeof *d);
    pthread_t th;
    if (!d || pthread_mutex_init(&d->mu, NULL)) {
        free(d);
        rd_kafka_destroy_flags(rk, flags);   /* no memory for a thread: wait */
        return;
    }
    pthread_cond_init(&d->cv, NULL);
    d->rk = rk;
    d->flags = flags;
    if (pthread_create(&th, NULL, kafka_destroy_main, d)) {
        pthread_mutex_destroy(&d->mu);
        pthread_cond_destroy(&d->cv);
        free(d);
        rd_kafka_destroy_flags(rk, flags);
        return;
    }
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += (time_t)(ms / 1000);
    until.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) until.tv_sec++, until.tv_nsec -= 1000000000L;
    pthread_mutex_lock(&d->mu);
    while (!d->done && pthread_cond_timedwait(&d->cv, &d->mu, &until) == 0) {}
    bool done = d->done;
    if (!done) d->abandoned = true;   /* the thread frees d when librdkafka lets go */
    pthread_mutex_unlock(&d->mu);
    if (done) {
        pthread_join(th, NULL);
        pthread_mutex_destroy(&d->mu);
        pthread_cond_destroy(&d->cv);
        free(d);
    } else {
        pthread_detach(th);
    }
}

/* Destroys the consumer within KAFKA_CLOSE_MS, even when the broker is gone
 * or stopped answering (rd_kafka_consumer_close, and even rd_kafka_destroy
 * with requests in flight to the group coordinator, wait for it).  The
 * source never subscribes, so there is no group to leave; when offsets are
 * auto-committed the final commit gets what is left of the time. */
static void kafka_consumer_destroy(KafkaSource *ks)
{
    int64_t until = kafka_now_ms() + KAFKA_CLOSE_MS;
    if (ks->commits && ks->assigned) {
        rd_kafka_queue_t *q = rd_kafka_queue_new(ks->rk);
        rd_kafka_error_t *e = q ? rd_kafka_consumer_close_queue(ks->rk, q) : NULL;
        if (q && !e) {
            while (!rd_kafka_consumer_closed(ks->rk) && kafka_now_ms() < until - KAFKA_CLOSE_MS / 4) {
                rd_kafka_event_t *ev = rd_kafka_queue_poll(q, 50);
                if (ev) rd_kafka_event_destroy(ev);
            }
        }
        if (e) rd_kafka_error_destroy(e);
        if (q) rd_kafka_queue_destroy(q);
    }
    int64_t left = until - kafka_now_ms();
    kafka_destroy_bounded(ks->rk, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE, left > 100 ? left : 100);
    ks->rk = NULL;
}

/* Frees the source: held messages, the consumer (without waiting on a broker
 * that is gone), decoder and options. */
static void kafka_close(Source *src)
{
    KafkaSource *ks = (KafkaSource *)src;
    if (!ks) return;
    kafka_release(ks);
    if (ks->rk) kafka_consumer_destroy(ks);
    free(ks->held);
    free(ks->next);
    free(ks->high);
    free(ks->done);
    fmt_decoder_free(&ks->dec);
    source_common_free(&ks->com);
    free(ks);
}

/* ---- checkpoints ---------------------------------------------------------- */

#include "snapshot.h"

#define KAFKA_POS_VERSION 1

/* Called between batches, when every row handed out was consumed: per
 * partition the next offset to read, and in bounded mode its end and done. */
static int kafka_save_pos(Source *src, SnapWriter *w, WeirError *err)
{
    (void)err;
    KafkaSource *ks = (KafkaSource *)src;
    snap_put_u8(w, KAFKA_POS_VERSION);
    snap_put_u8(w, ks->bounded ? 1 : 0);
    snap_put_u32(w, (uint32_t)ks->pinfo.n);
    for (int p = 0; p < ks->pinfo.n; p++) {
        snap_put_i64(w, ks->next[p]);
        if (ks->bounded) {
            snap_put_i64(w, ks->high[p]);
            snap_put_u8(w, ks->done[p] ? 1 : 0);
        }
    }
    return WEIR_OK;
}

/* Moves a freshly opened source (not yet assigned) to the saved offsets. */
static int kafka_restore_pos(Source *src, SnapReader *r, WeirError *err)
{
    KafkaSource *ks = (KafkaSource *)src;
    uint8_t version = snap_get_u8(r), bounded = snap_get_u8(r);
    uint32_t n = snap_get_u32(r);
    if (!snap_ok(r) || version != KAFKA_POS_VERSION || bounded > 1)
        return err_set(err, WEIR_IOERR, "source \"%s\": damaged checkpoint position", src->name);
    if ((bool)bounded != ks->bounded)
        return err_set(err, WEIR_IOERR, "source \"%s\": the checkpoint was taken with another scan.bounded.mode",
                       src->name);
    if (n > (uint32_t)ks->pinfo.n)
        return err_set(err, WEIR_IOERR,
                       "source \"%s\": topic \"%s\" has %d partitions, fewer than the %u of the checkpoint",
                       src->name, ks->topic, ks->pinfo.n, n);
    if (ks->assigned) return err_set(err, WEIR_IOERR, "source \"%s\": restored after it started", src->name);
    for (uint32_t p = 0; p < n; p++) {
        int64_t next = snap_get_i64(r);
        int64_t high = ks->bounded ? snap_get_i64(r) : 0;
        uint8_t done = ks->bounded ? snap_get_u8(r) : 0;
        if (!snap_ok(r) || done > 1 || (next < 0 && next != RD_KAFKA_OFFSET_BEGINNING && next != RD_KAFKA_OFFSET_END &&
                                        next != RD_KAFKA_OFFSET_STORED))
            return err_set(err, WEIR_IOERR, "source \"%s\": damaged checkpoint position", src->name);
        ks->next[p] = next;
        if (ks->bounded) {
            ks->high[p] = high;
            ks->done[p] = done;
        }
    }
    if (ks->bounded) {
        /* partitions added since the job started hold nothing of its input */
        for (int p = (int)n; p < ks->pinfo.n; p++) ks->done[p] = true;
        ks->ndone = 0;
        for (int p = 0; p < ks->pinfo.n; p++) ks->ndone += ks->done[p];
    }
    return WEIR_OK;
}

static const SourceVtab kafka_vtab = {kafka_next, kafka_close, kafka_save_pos, kafka_restore_pos};

/* Reads the connector's own options into ks (everything but the client). */
static int kafka_options(const SourceSpec *spec, KafkaSource *ks, KafkaStart *start, WeirError *err)
{
    const char *v;
    ks->topic = source_option(spec, "topic");
    if (!ks->topic || !*ks->topic)
        return err_set(err, WEIR_ERROR, "source \"%s\": the kafka connector needs a topic: add topic = '...' to WITH",
                       spec->name);
    v = source_option(spec, "properties.bootstrap.servers");
    if (!v || !*v)
        return err_set(err, WEIR_ERROR,
                       "source \"%s\": the kafka connector needs properties.bootstrap.servers", spec->name);
    *start = KSTART_EARLIEST;
    if ((v = source_option(spec, "scan.startup.mode"))) {
        if (!strcmp(v, "earliest-offset")) *start = KSTART_EARLIEST;
        else if (!strcmp(v, "latest-offset")) *start = KSTART_LATEST;
        else if (!strcmp(v, "group-offsets")) *start = KSTART_GROUP;
        else
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": unknown scan.startup.mode \"%s\" (expected earliest-offset, "
                           "latest-offset or group-offsets)",
                           spec->name, v);
    }
    if (*start == KSTART_GROUP && !source_option(spec, "properties.group.id"))
        return err_set(err, WEIR_ERROR,
                       "source \"%s\": scan.startup.mode = 'group-offsets' needs properties.group.id",
                       spec->name);
    if ((v = source_option(spec, "scan.bounded.mode"))) {
        if (!strcmp(v, "latest-offset")) ks->bounded = true;
        else if (strcmp(v, "unbounded") != 0)
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": unknown scan.bounded.mode \"%s\" (expected latest-offset)",
                           spec->name, v);
    }
    if ((v = source_option(spec, "watermark.idle-timeout"))) {
        int64_t ms = kafka_parse_duration(v);
        if (ms < 0)
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": watermark.idle-timeout must be a duration such as '5 s' or "
                           "'500 ms', not \"%s\"",
                           spec->name, v);
        ks->pinfo.idle_ms = ms;
    }
    return WEIR_OK;
}

/* Sets the start offset of every partition; in bounded mode (or with
 * latest-offset, resolved now so that checkpoints hold real offsets) reads the
 * high watermarks, and marks the partitions with nothing to read as done. */
static int kafka_offsets(KafkaSource *ks, const SourceSpec *spec, KafkaStart start, WeirError *err)
{
    int n = ks->pinfo.n;
    ks->next = calloc((size_t)n, sizeof *ks->next);
    ks->high = calloc((size_t)n, sizeof *ks->high);
    ks->done = calloc((size_t)n, sizeof *ks->done);
    if (!ks->next || !ks->high || !ks->done) return err_set(err, WEIR_NOMEM, "out of memory");
    int64_t off = start == KSTART_EARLIEST ? RD_KAFKA_OFFSET_BEGINNING
                  : start == KSTART_LATEST ? RD_KAFKA_OFFSET_END
                                           : RD_KAFKA_OFFSET_STORED;
    for (int p = 0; p < n; p++) ks->next[p] = off;
    if (!ks->bounded && start != KSTART_LATEST) return WEIR_OK;
    for (int p = 0; p < n; p++) {
        int64_t lo, hi;
        rd_kafka_resp_err_t e = rd_kafka_query_watermark_offsets(ks->rk, ks->topic, p, &lo, &hi, KAFKA_CONNECT_MS);
        if (e)
            return err_set(err, WEIR_IOERR, "source \"%s\": cannot read the end offsets of topic \"%s\": %s",
                           spec->name, ks->topic, rd_kafka_err2str(e));
        ks->high[p] = hi;
        if (start == KSTART_LATEST) ks->next[p] = hi;
        if (ks->bounded && (hi <= lo || start == KSTART_LATEST)) kafka_part_done(ks, p);
    }
    return WEIR_OK;
}

int source_kafka_open(const SourceSpec *spec, Source **out, WeirError *err)
{
    *out = NULL;
    const char *h = source_option(spec, "csv.header");
    if (h && strcmp(h, "false") != 0)
        return err_set(err, WEIR_ERROR,
                       "source \"%s\": a Kafka message is one record without a CSV header: fields are matched "
                       "by position (csv.header = 'false')",
                       spec->name);
    KafkaSource *ks = calloc(1, sizeof *ks);
    if (!ks) return err_set(err, WEIR_NOMEM, "out of memory");
    ks->base.vt = &kafka_vtab;
    ks->base.name = spec->name;
    ks->com.dl_fd = -1;
    KafkaStart start = KSTART_EARLIEST;
    int rc = source_common_init(spec, &ks->com, err);
    if (!rc) {
        ks->com.fmt.header = false;
        ks->base.on_error = ks->com.on_error;
        ks->base.common = &ks->com;
        ks->base.pos_partitioned = true;   /* rows carry partition and offset + 1 */
        rc = fmt_decoder_init(&ks->dec, &ks->com.fmt, spec->ncols, spec->cols, err);
    }
    if (!rc) rc = kafka_options(spec, ks, &start, err);
    rd_kafka_conf_t *conf = NULL;
    if (!rc) {
        /* Without a group.id of its own the source commits nothing (offsets are
         * only kept for group-offsets, which requires one). */
        bool group = source_option(spec, "properties.group.id") != NULL;
        const char *defaults[] = {"group.id", "weir", "enable.auto.commit", group ? "true" : "false",
                                  "auto.offset.reset", "earliest",
                                  "enable.partition.eof", ks->bounded ? "true" : "false", NULL};
        rc = kafka_conf_from_spec(spec, "source", defaults, &conf, err);
        /* whether close must commit: as librdkafka itself read the setting
         * ("1", "TRUE", ... are true too) */
        char b[8];
        size_t sz = sizeof b;
        ks->commits = !rc && rd_kafka_conf_get(conf, "enable.auto.commit", b, &sz) == RD_KAFKA_CONF_OK &&
                      !strcmp(b, "true");
    }
    if (!rc) {
        char errstr[512];
        ks->rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
        if (!ks->rk) {
            rd_kafka_conf_destroy(conf);
            rc = err_set(err, WEIR_ERROR, "source \"%s\": cannot create a Kafka consumer: %s", spec->name, errstr);
        } else {
            rd_kafka_poll_set_consumer(ks->rk);
        }
    }
    if (!rc) rc = kafka_topic_meta(ks->rk, spec, "source", ks->topic, &ks->pinfo.n, err);
    if (!rc) rc = kafka_offsets(ks, spec, start, err);
    if (rc) {
        kafka_close(&ks->base);   /* nothing was assigned: no offsets to commit */
        return rc;
    }
    ks->base.unbounded = !ks->bounded;
    *out = &ks->base;
    return WEIR_OK;
}
