/*
 * push_transactions.c - embedding weir: scenario 1 (transaction anomaly
 * detection) over records the program itself pushes.
 *
 * The program declares an `api` source, opens the seed job as a continuous
 * query, then pushes transactions one at a time (weir_source_push) and, after
 * each push, steps the query until it says WEIR_PENDING (nothing more until
 * new input), printing every alert the moment the job emits it.  At the end it
 * closes the source (weir_source_close): the input is then bounded, so the
 * last windows fire and the query ends with WEIR_DONE.
 *
 * Usage: push_transactions [FILE.csv]
 *   FILE.csv: transaction_id,timestamp,amount records with a header line
 *   (e.g. examples/data/transactions.csv); without it, a built-in stream.
 * Build: cc push_transactions.c $(pkg-config --cflags --libs weir)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <weir.h>

static const char *DDL =
    "CREATE SOURCE transactions (\n"
    "  transaction_id VARCHAR,\n"
    "  `timestamp`    TIMESTAMP,\n"
    "  amount         DOUBLE,\n"
    "  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND\n"
    ") WITH (connector = 'api', format = 'csv');";

/* The seed job of scenario 1 (examples/transactions.sql). */
static const char *JOB =
    "SELECT transaction_id,\n"
    "       TUMBLE_START(`timestamp`, INTERVAL '10' SECOND) AS window_start,\n"
    "       SUM(amount) AS total\n"
    "FROM transactions\n"
    "GROUP BY transaction_id, TUMBLE(`timestamp`, INTERVAL '10' SECOND)\n"
    "HAVING SUM(amount) > 8000";

/* Used when no file is given: alerts fire mid-stream as the watermark passes
 * the end of each 10-second window. */
static const char *BUILTIN[] = {
    "tx1,2024-05-11 10:00:00,3200", "tx2,2024-05-11 10:00:03,500",
    "tx1,2024-05-11 10:00:05,6000", "tx1,2024-05-11 10:00:09,2500",
    "tx1,2024-05-11 10:00:10,9000", "tx2,2024-05-11 10:00:12,8500",
    "tx3,2024-05-11 10:00:15,100",  "tx1,2024-05-11 10:00:21,10",
    NULL,
};

/* Steps q until it has nothing more for now; prints each alert.  Returns
 * WEIR_PENDING or WEIR_DONE, or an error code. */
static int drain(weir_query *q, int *alerts)
{
    int rc;
    while ((rc = weir_query_step(q)) == WEIR_ROW) {
        printf("  ALERT %s window %s total %s\n", weir_column_text(q, 0), weir_column_text(q, 1),
               weir_column_text(q, 2));
        (*alerts)++;
    }
    return rc;
}

/* Pushes one record and prints what fired. */
static int push(weir *w, weir_query *q, const char *rec, int *alerts)
{
    printf("push %s\n", rec);
    if (weir_source_push(w, "transactions", rec, strlen(rec)) != WEIR_OK) return -1;
    return drain(q, alerts) == WEIR_PENDING ? 0 : -1;
}

int main(int argc, char **argv)
{
    weir *w;
    weir_query *q = NULL;
    int alerts = 0, failed = 0;
    if (weir_open(NULL, NULL, &w) != WEIR_OK || weir_exec(w, DDL, NULL, NULL) != WEIR_OK ||
        weir_query_open(w, JOB, &q) != WEIR_OK) {
        fprintf(stderr, "push_transactions: %s\n", weir_errmsg(w));
        weir_close(w);
        return 1;
    }
    if (argc > 1) {
        FILE *f = fopen(argv[1], "r");
        if (!f) {
            perror(argv[1]);
            weir_close(w);
            return 1;
        }
        char line[4096];
        int n = 0;
        while (!failed && fgets(line, sizeof line, f)) {
            line[strcspn(line, "\r\n")] = 0;
            if (n++ == 0 || !line[0]) continue; /* the header line; blank lines */
            failed = push(w, q, line, &alerts);
        }
        fclose(f);
    } else {
        for (int i = 0; !failed && BUILTIN[i]; i++) failed = push(w, q, BUILTIN[i], &alerts);
    }
    if (!failed) {
        printf("close\n");
        failed = weir_source_close(w, "transactions") != WEIR_OK || drain(q, &alerts) != WEIR_DONE;
    }
    if (failed) fprintf(stderr, "push_transactions: %s\n", weir_errmsg(w));
    else printf("%d alerts\n", alerts);
    weir_close(w); /* closes q too */
    return failed ? 1 : 0;
}
