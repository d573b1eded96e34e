/*
 * mock_broker.c - a Kafka cluster for tests that run the weir binary: starts
 * librdkafka's mock cluster (a real Kafka-protocol broker on 127.0.0.1), so a
 * test script can point `weir` at it as a user points it at Kafka.
 *
 * Where it sits: test helper only (tests/kafka/test_cli_kafka.py drives it);
 * it is not part of the library and links librdkafka alone.
 *
 *   mock_broker [-b BROKERS] [-t TOPIC:PARTITIONS]... [-p TOPIC:FILE]...
 *
 * creates the topics, produces each FILE's lines to TOPIC (line i, empty lines
 * included, to partition i % PARTITIONS, one message per line), prints the
 * bootstrap servers as one line on stdout, then reads commands on stdin, one
 * per line, and answers each with one line, "ok ..." or "error ...":
 *
 *   down ID | up ID          take broker ID (1..BROKERS) down / bring it back
 *   errors API COUNT CODE    the next COUNT requests of API key API (0 =
 *                            Produce, 1 = Fetch, 3 = Metadata) fail with Kafka
 *                            error CODE (a number, e.g. 29 =
 *                            TOPIC_AUTHORIZATION_FAILED)
 *   clear API                drops the errors still pending for API
 *   read TOPIC               prints every message of TOPIC, partition by
 *                            partition in offset order, as "P\tKEY\tVALUE"
 *                            lines (a missing key is empty), then "ok N"
 *
 * It runs until stdin closes, or SIGINT/SIGTERM.  Exit status 0, or 1 on a
 * usage or setup error (message on stderr).
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

/* librdkafka's RD_KAFKA_V_* argument macros cast integers to pointers. */
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wint-to-void-pointer-cast"
#endif

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_TOPICS 32

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

/* librdkafka's own log lines would clutter the test output. */
static void quiet_log(const rd_kafka_t *rk, int level, const char *fac, const char *buf)
{
    (void)rk, (void)level, (void)fac, (void)buf;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void die(const char *fmt, const char *arg)
{
    fprintf(stderr, "mock_broker: ");
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    exit(1);
}

typedef struct Topic {
    char name[256];
    int parts;
} Topic;

static Topic topics[MAX_TOPICS];
static int ntopics;

static int topic_parts(const char *name)
{
    for (int i = 0; i < ntopics; i++)
        if (!strcmp(topics[i].name, name)) return topics[i].parts;
    return 0;
}

/* A client of the mock cluster (producer or consumer); NULL on failure. */
static rd_kafka_t *client(rd_kafka_type_t type, const char *boot, const char *const *props)
{
    char errstr[256];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set_log_cb(conf, quiet_log);
    if (rd_kafka_conf_set(conf, "bootstrap.servers", boot, errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
        rd_kafka_conf_destroy(conf);
        return NULL;
    }
    for (int i = 0; props && props[i]; i += 2)
        if (rd_kafka_conf_set(conf, props[i], props[i + 1], errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
            rd_kafka_conf_destroy(conf);
            return NULL;
        }
    rd_kafka_t *rk = rd_kafka_new(type, conf, errstr, sizeof errstr);
    if (!rk) rd_kafka_conf_destroy(conf);
    return rk;
}

/* Produces the lines of path to topic, line i to partition i % parts; exits
 * on any failure (the test cannot go on without its data). */
static void produce_file(const char *boot, const char *topic, const char *path)
{
    int parts = topic_parts(topic);
    if (!parts) die("-p names topic \"%s\", which no -t created", topic);
    FILE *f = fopen(path, "r");
    if (!f) die("cannot open %s", path);
    static const char *const props[] = {"linger.ms", "0", NULL};
    rd_kafka_t *rk = client(RD_KAFKA_PRODUCER, boot, props);
    if (!rk) die("cannot create a producer for %s", boot);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long i = 0;
    while ((n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) n--;
        rd_kafka_resp_err_t e;
        while ((e = rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION((int32_t)(i % parts)),
                                      RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_VALUE(line, (size_t)n),
                                      RD_KAFKA_V_END)) == RD_KAFKA_RESP_ERR__QUEUE_FULL)
            rd_kafka_poll(rk, 100);
        if (e) die("produce: %s", rd_kafka_err2str(e));
        i++;
    }
    free(line);
    fclose(f);
    rd_kafka_flush(rk, 10000);
    if (rd_kafka_outq_len(rk) > 0) die("the lines of %s were not delivered", path);
    rd_kafka_destroy(rk);
}

/* The "read TOPIC" command: every message, partition by partition. */
static void read_topic(const char *boot, const char *topic)
{
    static const char *const props[] = {"group.id", "mock_broker_reader", "enable.partition.eof", "true",
                                        "enable.auto.commit", "false", NULL};
    rd_kafka_t *rk = client(RD_KAFKA_CONSUMER, boot, props);
    if (!rk) {
        printf("error cannot create a consumer\n");
        return;
    }
    rd_kafka_poll_set_consumer(rk);
    /* the partition count: the topic may have been created by the cluster */
    int parts = 0;
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, topic, NULL);
    const struct rd_kafka_metadata *md = NULL;
    if (rkt && rd_kafka_metadata(rk, 0, rkt, &md, 5000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
        if (md->topic_cnt == 1 && !md->topics[0].err) parts = md->topics[0].partition_cnt;
        rd_kafka_metadata_destroy(md);
    }
    if (rkt) rd_kafka_topic_destroy(rkt);
    if (parts < 1) {
        printf("error topic %s not found\n", topic);
        rd_kafka_destroy(rk);
        return;
    }
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(parts);
    for (int p = 0; p < parts; p++) rd_kafka_topic_partition_list_add(l, topic, p)->offset = RD_KAFKA_OFFSET_BEGINNING;
    rd_kafka_assign(rk, l);
    rd_kafka_topic_partition_list_destroy(l);
    /* per partition, the messages in offset order (one consumer queue may
     * interleave partitions: collect, then print by partition) */
    char **text = calloc((size_t)parts, sizeof *text);
    size_t *len = calloc((size_t)parts, sizeof *len);
    int eofs = 0, count = 0;
    int64_t end = now_ms() + 10000;
    while (eofs < parts && now_ms() < end) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 100);
        if (!m) continue;
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) eofs++;
        else if (!m->err && m->partition >= 0 && m->partition < parts) {
            int p = m->partition;
            size_t add = m->key_len + m->len + 32;
            char *t = realloc(text[p], len[p] + add + 1);
            if (!t) abort();
            text[p] = t;
            len[p] += (size_t)sprintf(t + len[p], "%d\t%.*s\t%.*s\n", p, (int)m->key_len,
                                      m->key ? (const char *)m->key : "", (int)m->len,
                                      m->payload ? (const char *)m->payload : "");
            count++;
        }
        rd_kafka_message_destroy(m);
    }
    for (int p = 0; p < parts; p++) {
        if (text[p]) fwrite(text[p], 1, len[p], stdout);
        free(text[p]);
    }
    free(text);
    free(len);
    if (eofs < parts) printf("error topic %s not read to its end\n", topic);
    else printf("ok %d\n", count);
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
}

/* Runs one command line; the answer goes to stdout. */
static void command(rd_kafka_mock_cluster_t *mc, const char *boot, char *line)
{
    char verb[32], arg[256];
    long a = 0, b = 0, c = 0;
    if (sscanf(line, "%31s", verb) != 1) return;
    if ((!strcmp(verb, "down") || !strcmp(verb, "up")) && sscanf(line, "%*s %ld", &a) == 1) {
        rd_kafka_resp_err_t e = !strcmp(verb, "down") ? rd_kafka_mock_broker_set_down(mc, (int32_t)a)
                                                      : rd_kafka_mock_broker_set_up(mc, (int32_t)a);
        if (e) printf("error %s\n", rd_kafka_err2str(e));
        else printf("ok\n");
    } else if (!strcmp(verb, "errors") && sscanf(line, "%*s %ld %ld %ld", &a, &b, &c) == 3 && b > 0 &&
               b <= 100000) {
        rd_kafka_resp_err_t *errs = malloc((size_t)b * sizeof *errs);
        if (!errs) abort();
        for (long i = 0; i < b; i++) errs[i] = (rd_kafka_resp_err_t)c;
        rd_kafka_mock_push_request_errors_array(mc, (int16_t)a, (size_t)b, errs);
        free(errs);
        printf("ok\n");
    } else if (!strcmp(verb, "clear") && sscanf(line, "%*s %ld", &a) == 1) {
        rd_kafka_mock_clear_request_errors(mc, (int16_t)a);
        printf("ok\n");
    } else if (!strcmp(verb, "read") && sscanf(line, "%*s %255s", arg) == 1) {
        read_topic(boot, arg);
    } else {
        printf("error unknown command: %s", line);
        if (!strchr(line, '\n')) putchar('\n');
    }
}

int main(int argc, char **argv)
{
    int nbrokers = 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-b") && i + 1 < argc) {
            nbrokers = atoi(argv[++i]);
            if (nbrokers < 1 || nbrokers > 16) die("-b wants 1..16 brokers, not %s", argv[i]);
        } else if (!strcmp(argv[i], "-t") && i + 1 < argc) {
            const char *spec = argv[++i], *colon = strrchr(spec, ':');
            if (!colon || colon == spec || (size_t)(colon - spec) >= sizeof topics[0].name || ntopics == MAX_TOPICS ||
                atoi(colon + 1) < 1)
                die("-t wants TOPIC:PARTITIONS, not \"%s\"", spec);
            snprintf(topics[ntopics].name, sizeof topics[ntopics].name, "%.*s", (int)(colon - spec), spec);
            topics[ntopics++].parts = atoi(colon + 1);
        } else if (!strcmp(argv[i], "-p") && i + 1 < argc) {
            i++;   /* produced after the topics exist, below */
        } else {
            fprintf(stderr, "usage: mock_broker [-b BROKERS] [-t TOPIC:PARTITIONS]... [-p TOPIC:FILE]...\n");
            return 1;
        }
    }

    char errstr[256];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set_log_cb(conf, quiet_log);
    rd_kafka_t *host = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!host) die("%s", errstr);
    rd_kafka_mock_cluster_t *mc = rd_kafka_mock_cluster_new(host, nbrokers);
    if (!mc) die("%s", "cannot start the mock cluster");
    char boot[1024];
    snprintf(boot, sizeof boot, "%s", rd_kafka_mock_cluster_bootstraps(mc));
    for (int i = 0; i < ntopics; i++) {
        rd_kafka_resp_err_t e = rd_kafka_mock_topic_create(mc, topics[i].name, topics[i].parts, 1);
        if (e) die("cannot create the topic: %s", rd_kafka_err2str(e));
    }
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "-p")) {
            char topic[256];
            const char *spec = argv[++i], *colon = strchr(spec, ':');
            if (!colon || (size_t)(colon - spec) >= sizeof topic) die("-p wants TOPIC:FILE, not \"%s\"", spec);
            snprintf(topic, sizeof topic, "%.*s", (int)(colon - spec), spec);
            produce_file(boot, topic, colon + 1);
        } else if (!strcmp(argv[i], "-b") || !strcmp(argv[i], "-t")) {
            i++;
        }

    /* no SA_RESTART: a signal interrupts the read below */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    printf("%s\n", boot);
    fflush(stdout);
    char line[1024];
    while (!stop_flag) {
        if (!fgets(line, sizeof line, stdin)) {
            if (ferror(stdin) && errno == EINTR && !stop_flag) {
                clearerr(stdin);
                continue;
            }
            break;
        }
        command(mc, boot, line);
        fflush(stdout);
    }
    rd_kafka_mock_cluster_destroy(mc);
    rd_kafka_destroy(host);
    return 0;
}
