/*
 * test_eos.c - exactly-once over Kafka, end to end (issues 6 and 7): the weir
 * binary, run with --state against librdkafka's mock cluster (started in this
 * process), is SIGKILLed at seeded random moments and started again until it
 * finishes; what it wrote must be exactly what an uninterrupted run writes.
 *
 * Where it sits: tests/kafka_eos (CMake passes the weir binary's path and a
 * scratch directory).  It checks runtime/connector_kafka.c (source offsets in
 * checkpoints, bounded close) and runtime/sink_kafka.c (the transactional sink
 * and its restore check), through engine/weir.c's checkpoints.
 *
 *   test_eos WEIR SCRATCH_DIR [SEED]
 *
 * Cases (each prints "ok - ..." or "FAIL - ..." and the exit status is 1 when
 * one failed):
 *   source_only   Kafka source (3 partitions, bounded) -> file sink, windowed;
 *                 killed 5 times: the file equals the reference byte for byte.
 * Kill times are seeded, drawn relative to the reference run's duration (the
 * reference: the same job into a file, without --state).
 *   kafka_to_kafka the same job into a Kafka sink topic (3 partitions): first
 *                 killed by WEIR_DEBUG_KAFKA_KILL_AFTER_COMMIT=2 right after a
 *                 Kafka commit, before the sqlite3 commit (the topic must hold
 *                 rows by then), then killed at random moments and once more
 *                 after the first commit of a restored run; the topic, read
 *                 back, holds the reference rows, none missing, none doubled.
 *   interrupted   the Kafka job stopped by SIGINT 3 times, then run to its end.
 *   close_bounded an unbounded Kafka job whose broker went down ends within a
 *                 few seconds of SIGINT.
 * librdkafka 2.0.2's mock cluster writes no transaction markers and shows
 * aborted messages to read_committed consumers, so the read-back sees the
 * killed runs' uncommitted messages too: the sink's restore check skips them
 * as well (see sink_kafka.c), so the topic must still be exact.
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

/* librdkafka's RD_KAFKA_V_* argument macros cast integers to pointers. */
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wint-to-void-pointer-cast"
#endif

#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ROWS 100000      /* input records, round-robin over 3 partitions */
#define KEYS 40
#define KILLS 5

static const char *weir_bin, *dir;
static char bootstrap[256];
static rd_kafka_t *mock_rk;
static rd_kafka_mock_cluster_t *mock;
static int failures;

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

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) && errno == EINTR) {}
}

static void check(int ok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("%s - ", ok ? "ok" : "FAIL");
    vprintf(fmt, ap);
    printf("\n");
    fflush(stdout);
    va_end(ap);
    if (!ok) failures++;
}

static void die(const char *what)
{
    fprintf(stderr, "test_eos: %s\n", what);
    exit(2);
}

static char *path_in(const char *name)
{
    static char buf[8][4096];
    static int i;
    char *p = buf[i++ % 8];
    snprintf(p, 4096, "%s/%s", dir, name);
    return p;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f)) die("cannot write a file");
}

/* Whole file (malloc'ed, NUL-terminated), or NULL. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (!s || fread(s, 1, (size_t)n, f) != (size_t)n) die("cannot read a file");
    s[n] = 0;
    fclose(f);
    if (len) *len = (size_t)n;
    return s;
}

/* ---- the cluster -------------------------------------------------------------- */

static void mock_start(void)
{
    char errstr[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set_log_cb(conf, quiet_log);
    mock_rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!mock_rk) die(errstr);
    mock = rd_kafka_mock_cluster_new(mock_rk, 1);
    if (!mock) die("cannot start the mock cluster");
    snprintf(bootstrap, sizeof bootstrap, "%s", rd_kafka_mock_cluster_bootstraps(mock));
}

static rd_kafka_t *client(rd_kafka_type_t type, const char *const *kv)
{
    char errstr[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set_log_cb(conf, quiet_log);
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap, errstr, sizeof errstr);
    for (int i = 0; kv && kv[i]; i += 2)
        if (rd_kafka_conf_set(conf, kv[i], kv[i + 1], errstr, sizeof errstr)) die(errstr);
    rd_kafka_t *rk = rd_kafka_new(type, conf, errstr, sizeof errstr);
    if (!rk) die(errstr);
    return rk;
}

/* The input: ROWS JSON records, event time 10 ms apart, record i to partition
 * i % 3 (so each partition is in event-time order and none is late).  The
 * amounts are quarters, so that sums are exact whatever order the partitions
 * interleave in (a SUM of doubles otherwise depends on it). */
static void produce_input(const char *topic)
{
    if (rd_kafka_mock_topic_create(mock, topic, 3, 1)) die("cannot create a topic");
    rd_kafka_t *p = client(RD_KAFKA_PRODUCER, NULL);
    char buf[160];
    for (int i = 0; i < ROWS; i++) {
        int64_t ms = (int64_t)i * 10;
        int n = snprintf(buf, sizeof buf,
                         "{\"id\":\"k%d\",\"ts\":\"2024-05-11 %02d:%02d:%02d.%03d\",\"amount\":%d.%02d}",
                         (i * 7) % KEYS, 10 + (int)(ms / 3600000), (int)(ms / 60000 % 60), (int)(ms / 1000 % 60),
                         (int)(ms % 1000), i % 1000, (i % 4) * 25);
        while (rd_kafka_producev(p, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(i % 3),
                                 RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_VALUE(buf, (size_t)n),
                                 RD_KAFKA_V_END) == RD_KAFKA_RESP_ERR__QUEUE_FULL)
            rd_kafka_poll(p, 10);
    }
    while (rd_kafka_outq_len(p) > 0) rd_kafka_flush(p, 1000);
    rd_kafka_destroy(p);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Every message of topic (read_committed; every partition to its end), one
 * per line, sorted: the rows as a multiset. */
static char *read_topic(const char *topic, int nparts, int *count)
{
    const char *kv[] = {"group.id", "test-eos", "enable.partition.eof", "true", "isolation.level", "read_committed",
                        NULL};
    rd_kafka_t *c = client(RD_KAFKA_CONSUMER, kv);
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(nparts);
    for (int p = 0; p < nparts; p++) rd_kafka_topic_partition_list_add(l, topic, p)->offset = RD_KAFKA_OFFSET_BEGINNING;
    rd_kafka_assign(c, l);
    rd_kafka_topic_partition_list_destroy(l);
    char **lines = NULL;
    int n = 0, cap = 0, eof = 0;
    int64_t until = now_ms() + 20000;
    while (eof < nparts && now_ms() < until) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(c, 100);
        if (!m) continue;
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) eof++;
        else if (!m->err) {
            if (n == cap) {
                cap = cap ? cap * 2 : 1024;
                lines = realloc(lines, (size_t)cap * sizeof *lines);
            }
            lines[n++] = strndup(m->payload ? m->payload : "", m->len);
        }
        rd_kafka_message_destroy(m);
    }
    rd_kafka_destroy_flags(c, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
    if (eof < nparts) die("reading a topic back timed out");
    qsort(lines, (size_t)n, sizeof *lines, cmp_str);
    size_t total = 1;
    for (int i = 0; i < n; i++) total += strlen(lines[i]) + 1;
    char *s = malloc(total), *q = s;
    for (int i = 0; i < n; i++) {
        q += sprintf(q, "%s\n", lines[i]);
        free(lines[i]);
    }
    *q = 0;
    free(lines);
    *count = n;
    return s;
}

/* The lines of a CSV file after its header, sorted, one per line. */
static char *sorted_body(const char *text, int *count)
{
    char *copy = strdup(text);
    char **lines = NULL;
    int n = 0, cap = 0;
    char *save = NULL;
    bool header = true;
    for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        if (header) {
            header = false;
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 1024;
            lines = realloc(lines, (size_t)cap * sizeof *lines);
        }
        lines[n++] = l;
    }
    qsort(lines, (size_t)n, sizeof *lines, cmp_str);
    char *s = malloc(strlen(text) + 2), *q = s;
    for (int i = 0; i < n; i++) q += sprintf(q, "%s\n", lines[i]);
    *q = 0;
    free(lines);
    free(copy);
    *count = n;
    return s;
}

/* ---- running weir ------------------------------------------------------------- */

/* Starts weir [--state STATE] SQL (stdout/stderr to files in dir); env: an
 * extra NAME=VALUE or NULL. */
static pid_t weir_start(const char *sql, const char *state, const char *env)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid == 0) {
        if (env) putenv((char *)env);
        if (!freopen(path_in("weir.out"), "a", stdout) || !freopen(path_in("weir.err"), "a", stderr)) _exit(127);
        if (state) execl(weir_bin, weir_bin, "--state", state, sql, (char *)NULL);
        else execl(weir_bin, weir_bin, sql, (char *)NULL);
        _exit(127);
    }
    return pid;
}

/* Waits for pid at most ms; returns its wait status, or -1 on timeout. */
static int weir_wait(pid_t pid, int ms)
{
    int64_t until = now_ms() + ms;
    int st;
    for (;;) {
        pid_t r = waitpid(pid, &st, WNOHANG);
        if (r == pid) return st;
        if (now_ms() > until) return -1;
        sleep_ms(5);
    }
}

/* Whether job 1 of the state file is recorded as finished. */
static bool job_finished(const char *state)
{
    sqlite3 *db;
    bool done = false;
    if (sqlite3_open_v2(state, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, "SELECT status FROM weir_job WHERE idx = 0", -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW) {
                const char *s = (const char *)sqlite3_column_text(st, 0);
                done = s && !strcmp(s, "finished");
            }
            sqlite3_finalize(st);
        }
    }
    sqlite3_close(db);
    return done;
}

/* Runs the job with --state until it finishes: the first runs are killed
 * (kills[i] > 0: SIGKILL after that many ms; < 0: killed by the sink right
 * after its -kills[i]-th Kafka commit), the last runs to its end.  Returns the
 * number of kills that hit a running job. */
static int run_killed(const char *sql, const char *state, const int *kills, int nkills, int *ms_total)
{
    int hits = 0;
    int64_t t0 = now_ms();
    for (int i = 0; i <= nkills; i++) {
        char env[64];
        const char *e = NULL;
        if (i < nkills && kills[i] < 0) {
            snprintf(env, sizeof env, "WEIR_DEBUG_KAFKA_KILL_AFTER_COMMIT=%d", -kills[i]);
            e = env;
        }
        pid_t pid = weir_start(sql, state, e);
        int st;
        if (i < nkills && kills[i] > 0) {
            st = weir_wait(pid, kills[i]);
            if (st == -1) {
                kill(pid, SIGKILL);
                st = weir_wait(pid, 10000);
            }
        } else {
            st = weir_wait(pid, 60000);
            if (st == -1) {
                kill(pid, SIGKILL);
                weir_wait(pid, 10000);
                die("weir did not end within 60 s");
            }
        }
        if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL) {
            hits++;
            if (job_finished(state)) break;   /* killed after it finished: a re-run would start over */
            continue;
        }
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            char *errs = read_file(path_in("weir.err"), NULL);
            fprintf(stderr, "weir failed (status %d):\n%s\n", st, errs ? errs : "");
            die("weir failed");
        }
        break;
    }
    *ms_total = (int)(now_ms() - t0);
    return hits;
}

static const char *SOURCE_SQL =
    "SET 'checkpoint.interval' = '50 ms';\n"
    "CREATE SOURCE tx (id VARCHAR, ts TIMESTAMP(3), amount DOUBLE,\n"
    "                  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)\n"
    "  WITH (connector = 'kafka', topic = 'tx', properties.bootstrap.servers = '%s',\n"
    "        scan.startup.mode = 'earliest-offset', scan.bounded.mode = 'latest-offset', format = 'json');\n";
static const char *QUERY_SQL =
    "  SELECT window_start, window_end, id, COUNT(*) AS c, SUM(amount) AS total\n"
    "  FROM TABLE(TUMBLE(TABLE tx, DESCRIPTOR(ts), INTERVAL '1' SECOND))\n"
    "  GROUP BY window_start, window_end, id;\n";

/* Writes a script: the source, then CREATE SINK out WITH (sink_with) AS the query. */
static void write_job(const char *path, const char *sink_with)
{
    char text[4096];
    int n = snprintf(text, sizeof text, SOURCE_SQL, bootstrap);
    snprintf(text + n, sizeof text - (size_t)n, "CREATE SINK out WITH (%s) AS\n%s", sink_with, QUERY_SQL);
    write_file(path, text);
}

/* ---- cases -------------------------------------------------------------------- */

static char *reference;   /* the uninterrupted run's file sink */
static int ref_ms;

static void make_reference(void)
{
    char with[512];
    snprintf(with, sizeof with, "connector = 'file', path = '%s', format = 'csv'", path_in("ref.csv"));
    write_job(path_in("ref.sql"), with);
    int64_t t0 = now_ms();
    pid_t pid = weir_start(path_in("ref.sql"), NULL, NULL);
    int st = weir_wait(pid, 60000);
    ref_ms = (int)(now_ms() - t0);
    if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) die("the reference run failed (see weir.err)");
    reference = read_file(path_in("ref.csv"), NULL);
    if (!reference) die("no reference output");
}

static void source_only(unsigned seed)
{
    char with[512];
    snprintf(with, sizeof with, "connector = 'file', path = '%s', format = 'csv'", path_in("src_only.csv"));
    write_job(path_in("src_only.sql"), with);
    srand(seed);
    int kills[KILLS];
    for (int i = 0; i < KILLS; i++) kills[i] = 40 + rand() % (ref_ms / 3 + 1);
    int ms;
    unlink(path_in("src_only.state"));
    int hits = run_killed(path_in("src_only.sql"), path_in("src_only.state"), kills, KILLS, &ms);
    char *out = read_file(path_in("src_only.csv"), NULL);
    check(out && !strcmp(out, reference),
          "source_only: Kafka source -> file sink killed %d times (seed %u, %d ms): output equals the "
          "uninterrupted run (%zu bytes)",
          hits, seed, ms, strlen(reference));
    free(out);
}

static void kafka_to_kafka(unsigned seed)
{
    if (rd_kafka_mock_topic_create(mock, "out", 3, 1)) die("cannot create a topic");
    char with[512];
    snprintf(with, sizeof with, "connector = 'kafka', topic = 'out', properties.bootstrap.servers = '%s', format = 'csv'",
             bootstrap);
    write_job(path_in("k2k.sql"), with);
    srand(seed * 31 + 7);
    unlink(path_in("k2k.state"));
    /* First the window itself: killed right after its 2nd Kafka commit (the
     * 1st checkpoint after checkpoint 0 commits the 1st transaction), before
     * the sqlite3 commit; the topic must hold rows by then. */
    pid_t pid = weir_start(path_in("k2k.sql"), path_in("k2k.state"), "WEIR_DEBUG_KAFKA_KILL_AFTER_COMMIT=2");
    int st = weir_wait(pid, 60000);
    int in_topic;
    free(read_topic("out", 3, &in_topic));
    check(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL && in_topic > 0,
          "kafka_to_kafka: killed between a Kafka and a sqlite3 commit, with %d rows in the topic", in_topic);
    int kills[KILLS + 1];
    int n = 0;
    for (int i = 0; i < KILLS - 1; i++) kills[n++] = 40 + rand() % (ref_ms / 3 + 1);
    kills[n++] = -1;   /* the first commit of a restored run */
    kills[n++] = 40 + rand() % (ref_ms / 3 + 1);
    int ms;
    int hits = 1 + run_killed(path_in("k2k.sql"), path_in("k2k.state"), kills, n, &ms);
    int nref, nout;
    char *want = sorted_body(reference, &nref);
    char *got = read_topic("out", 3, &nout);
    check(nref > 0 && nout == nref && !strcmp(want, got),
          "kafka_to_kafka: Kafka sink killed %d times (2 of them between the Kafka and the sqlite3 commit; seed %u, "
          "%d ms): the topic holds the %d reference rows exactly once (%d read back)",
          hits, seed, ms, nref, nout);
    if (nout != nref || strcmp(want, got)) {
        write_file(path_in("k2k_want.txt"), want);
        write_file(path_in("k2k_got.txt"), got);
    }
    free(want);
    free(got);
}

/* A clean stop (SIGINT: a last checkpoint, the open transaction aborted) and
 * a restart: the topic holds the reference rows exactly once. */
static void interrupted(void)
{
    if (rd_kafka_mock_topic_create(mock, "out2", 3, 1)) die("cannot create a topic");
    char with[512];
    snprintf(with, sizeof with, "connector = 'kafka', topic = 'out2', properties.bootstrap.servers = '%s', format = 'csv'",
             bootstrap);
    write_job(path_in("int.sql"), with);
    unlink(path_in("int.state"));
    int stops = 0;
    for (int i = 0; i < 3; i++) {
        pid_t pid = weir_start(path_in("int.sql"), path_in("int.state"), NULL);
        sleep_ms(ref_ms * (i + 1) / 3);
        kill(pid, SIGINT);
        int st = weir_wait(pid, 20000);
        if (st == -1) die("weir did not stop on SIGINT");
        if (!WIFEXITED(st)) die("weir did not exit on SIGINT");
        stops += !job_finished(path_in("int.state"));
    }
    int ms, zero[1] = {0};
    run_killed(path_in("int.sql"), path_in("int.state"), zero, 0, &ms);
    int nref, nout;
    char *want = sorted_body(reference, &nref);
    char *got = read_topic("out2", 3, &nout);
    check(nout == nref && !strcmp(want, got),
          "interrupted: stopped by SIGINT %d times, then run to its end: the topic holds the %d reference rows "
          "exactly once (%d read back)",
          stops, nref, nout);
    free(want);
    free(got);
}

static void close_bounded(void)
{
    if (rd_kafka_mock_topic_create(mock, "live", 2, 1)) die("cannot create a topic");
    rd_kafka_t *p = client(RD_KAFKA_PRODUCER, NULL);
    for (int i = 0; i < 100; i++) {
        char buf[64];
        int n = snprintf(buf, sizeof buf, "{\"id\":\"a%d\",\"n\":%d}", i, i);
        rd_kafka_producev(p, RD_KAFKA_V_TOPIC("live"), RD_KAFKA_V_PARTITION(i % 2), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                          RD_KAFKA_V_VALUE(buf, (size_t)n), RD_KAFKA_V_END);
    }
    while (rd_kafka_outq_len(p) > 0) rd_kafka_flush(p, 1000);
    rd_kafka_destroy(p);
    char sql[2048];
    snprintf(sql, sizeof sql,
             "CREATE SOURCE live (id VARCHAR, n BIGINT)\n"
             "  WITH (connector = 'kafka', topic = 'live', properties.bootstrap.servers = '%s',\n"
             "        properties.group.id = 'live-group', scan.startup.mode = 'group-offsets', format = 'json');\n"
             "CREATE SINK o WITH (connector = 'blackhole') AS SELECT id, n FROM live;\n",
             bootstrap);
    write_file(path_in("live.sql"), sql);
    pid_t pid = weir_start(path_in("live.sql"), NULL, NULL);
    sleep_ms(800);
    /* the broker stops answering (responses delayed past any timeout), then is gone */
    rd_kafka_mock_broker_set_rtt(mock, 1, 60000);
    sleep_ms(300);
    rd_kafka_mock_broker_set_down(mock, 1);
    sleep_ms(300);
    int64_t t0 = now_ms();
    kill(pid, SIGINT);
    int st = weir_wait(pid, 8000);
    int ms = (int)(now_ms() - t0);
    if (st == -1) {
        kill(pid, SIGKILL);
        weir_wait(pid, 5000);
    }
    rd_kafka_mock_broker_set_rtt(mock, 1, 0);
    rd_kafka_mock_broker_set_up(mock, 1);
    check(st != -1 && ms < 5000, "close_bounded: a job whose broker died ends %d ms after SIGINT", ms);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_eos WEIR SCRATCH_DIR [SEED]\n");
        return 2;
    }
    weir_bin = argv[1];
    dir = argv[2];
    unsigned seed = argc > 3 ? (unsigned)strtoul(argv[3], NULL, 10) : 20261126u;
    mkdir(dir, 0777);
    unlink(path_in("weir.err"));
    unlink(path_in("weir.out"));
    unlink(path_in("k2k_want.txt"));
    unlink(path_in("k2k_got.txt"));
    int64_t t0 = now_ms();
    mock_start();
    produce_input("tx");
    make_reference();
    printf("# reference run: %d ms, %zu bytes\n", ref_ms, strlen(reference));
    source_only(seed);
    kafka_to_kafka(seed);
    interrupted();
    close_bounded();
    printf("# %d ms in all\n", (int)(now_ms() - t0));
    free(reference);
    rd_kafka_mock_cluster_destroy(mock);
    rd_kafka_destroy(mock_rk);
    return failures ? 1 : 0;
}
