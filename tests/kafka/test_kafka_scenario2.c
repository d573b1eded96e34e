/*
 * test_kafka_scenario2.c - scenario 2 (real-time log analysis) over Kafka:
 * examples/kafka/log_analysis.sql run unchanged but for its bootstrap servers
 * against librdkafka's mock cluster, the topic `user-logs` holding
 * examples/data/user_logs.jsonl one line a message (malformed and empty lines
 * included), line i in partition i % 3.
 *
 * Each job's rows must equal the file version's expected output
 * (tests/regress/scenario2/<job>.out, the same queries over the same lines
 * from a file), and the malformed messages must be skipped, counted and
 * named by partition and offset.
 */
#include "kafka_test.h"

#define SCENARIO2_DIR WEIR_EXAMPLES_DIR "/../tests/regress/scenario2"

/* The jobs of log_analysis.sql in script order, and their expected output. */
static const char *const JOB_OUT[] = {"security_alerts.out", "per_user_metrics.out", "sessions.out",
                                      "inactivity.out"};
#define NJOBS 4

/* user3's view at 10:10:30 comes after user2's 10:30:00 record: late in the
 * file (the watermark has passed 10:11:00), but over 3 partitions the
 * watermark is the minimum over partitions, so whether it is late depends on
 * how far the other partitions had been fetched.  Late or not, nothing else
 * changes (a partition's rows keep their file order, so the Kafka watermark is
 * never ahead of the file's: no other row can become late). */
static const char *LATE_IN_FILE_ROW = "2024-01-01 10:10:00.000,user3,view,1";

/* What one job delivered. */
typedef struct Job {
    char header[256];
    Res rows;                  /* "c0,c1,...\n" per row */
    int64_t rows_in, malformed, late;
    char note[512];            /* the source's on_error note */
    int rc;
} Job;

typedef struct Jobs {
    Job job[NJOBS + 1];
    int n;                     /* jobs begun */
} Jobs;

static void jobs_begin(void *ctx, weir_query *q)
{
    Jobs *js = ctx;
    cr_assert_lt(js->n, NJOBS, "more result sets than jobs");
    Job *j = &js->job[js->n++];
    size_t len = 0;
    for (int i = 0; i < weir_column_count(q); i++)
        len += (size_t)snprintf(j->header + len, sizeof j->header - len, "%s%s", i ? "," : "", weir_column_name(q, i));
}

static int jobs_row(void *ctx, weir_query *q)
{
    Jobs *js = ctx;
    Res *r = &js->job[js->n - 1].rows;
    for (int i = 0; i < weir_column_count(q); i++) {
        if (i) res_add(r, ",", 1);
        const char *t = weir_column_text(q, i);
        res_add(r, t, strlen(t));
    }
    res_add(r, "\n", 1);
    r->nrows++;
    return 0;
}

static void jobs_end(void *ctx, weir_query *q, int rc)
{
    Jobs *js = ctx;
    if (!q || !js->n) return;
    Job *j = &js->job[js->n - 1];
    j->rc = rc;
    j->late = weir_query_counter(q, WEIR_COUNTER_LATE);
    cr_assert_eq(weir_query_source_count(q), 1);
    j->rows_in = weir_query_source_counter(q, 0, WEIR_COUNTER_ROWS_IN);
    j->malformed = weir_query_source_counter(q, 0, WEIR_COUNTER_MALFORMED);
    const char *note = weir_query_source_note(q, 0);
    snprintf(j->note, sizeof j->note, "%s", note ? note : "");
}

/* The text of a file (malloc'ed). */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    cr_assert(f, "%s", path);
    Res r = {0};
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) res_add(&r, buf, n);
    fclose(f);
    return r.buf;
}

Test(kafka_scenario2, log_analysis_over_user_logs_topic)
{
    Mock m;
    mock_start(&m, 1);
    mock_topic(&m, "user-logs", 3);
    char path[1024];
    snprintf(path, sizeof path, "%s/data/user_logs.jsonl", WEIR_EXAMPLES_DIR);
    char *data = slurp(path);
    int nlines = 0;
    for (char *line = data, *nl; *line; line = nl + 1, nlines++) {
        nl = strchr(line, '\n');
        cr_assert(nl, "the last line of %s has no newline", path);
        *nl = 0;
        produce(&m, "user-logs", nlines % 3, line);
    }
    free(data);
    cr_assert_eq(nlines, 68);   /* 62 events, 5 malformed lines, 1 empty line */
    mock_flush(&m);

    weir *w = engine();
    char *sql = example_sql("log_analysis.sql", m.boot);
    cr_assert(strstr(sql, "topic = 'user-logs'"));
    Jobs js = {0};
    weir_exec_hooks h = {.begin = jobs_begin, .row = jobs_row, .end = jobs_end, .ctx = &js};
    cr_assert_eq(weir_exec_with(w, sql, &h), WEIR_OK, "%s", weir_errmsg(w));
    cr_assert_eq(js.n, NJOBS);

    for (int k = 0; k < NJOBS; k++) {
        Job *j = &js.job[k];
        cr_assert_eq(j->rc, WEIR_OK, "job %d", k + 1);
        /* every good line read once; the 5 malformed ones skipped, counted and
         * named: file lines 5, 15, 25, 38 and 50 are messages 4, 14, 24, 37, 49 */
        cr_assert_eq(j->rows_in, 62, "job %d read %lld rows", k + 1, (long long)j->rows_in);
        cr_assert_eq(j->malformed, 5, "job %d: %lld malformed", k + 1, (long long)j->malformed);
        static const char *const bad[] = {"partition 1 offset 1", "partition 2 offset 4", "partition 0 offset 8",
                                          "partition 1 offset 12", "partition 1 offset 16"};
        cr_assert(!strncmp(j->note, "skipped: ", 9), "job %d note: %s", k + 1, j->note);
        for (int b = 0; b < 5; b++) cr_assert(strstr(j->note, bad[b]), "job %d: %s not in %s", k + 1, bad[b], j->note);

        snprintf(path, sizeof path, "%s/%s", SCENARIO2_DIR, JOB_OUT[k]);
        char *want_all = slurp(path);
        char *nl = strchr(want_all, '\n');
        cr_assert(nl);
        *nl = 0;
        cr_assert_str_eq(j->header, want_all, "job %d (%s): columns", k + 1, JOB_OUT[k]);
        char *want = sort_lines(nl + 1);
        char *got = sort_lines(j->rows.buf);
        if (k == 1 && j->late == 0) {
            /* the file's late row was on time here: exactly that row more */
            Res plus = {0};
            res_add(&plus, nl + 1, strlen(nl + 1));
            res_add(&plus, LATE_IN_FILE_ROW, strlen(LATE_IN_FILE_ROW));
            res_add(&plus, "\n", 1);
            free(want);
            want = sort_lines(plus.buf);
            free(plus.buf);
        } else {
            cr_assert_eq(j->late, k == 1 ? 1 : 0, "job %d (%s): %lld late", k + 1, JOB_OUT[k], (long long)j->late);
        }
        cr_assert_str_eq(got, want, "job %d (%s)", k + 1, JOB_OUT[k]);
        free(want), free(got), free(want_all), free(j->rows.buf);
    }
    free(sql);
    weir_close(w);
    mock_stop(&m);
}
