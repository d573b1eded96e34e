/*
 * test_sink.c - sinks (runtime/sink_file.c, runtime/op_sink.c) and sink jobs
 * (engine/statement.c): the exact bytes a file sink writes, widening in
 * op_sink, buffered writes past 64 KiB, I/O errors, SHOW JOBS states, and a
 * sink whose job cannot start not being kept.  Files go to a fresh directory
 * under /tmp, removed after each test.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sink.h"
#include "weir.h"

static char dir[64];
static weir *w;

static void setup(void)
{
    strcpy(dir, "/tmp/weir_sink_XXXXXX");
    cr_assert(mkdtemp(dir));
    cr_assert_eq(weir_open(NULL, NULL, &w), WEIR_OK);
}

static void teardown(void)
{
    weir_close(w);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert_eq(system(cmd), 0);
}

TestSuite(sink, .init = setup, .fini = teardown);

static void write_file(const char *name, const char *data)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    cr_assert(f);
    fputs(data, f);
    fclose(f);
}

/* The whole file (malloc'ed), or NULL when it does not exist. */
static char *read_back(const char *name)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    cr_assert(s);
    cr_assert_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = 0;
    fclose(f);
    return s;
}

/* Runs sql with paths relative to dir (the script "lives" there). */
static int exec_in_dir(const char *sql)
{
    char fn[128];
    snprintf(fn, sizeof fn, "%s/script.sql", dir);
    weir_exec_hooks h = {.filename = fn};
    return weir_exec_with(w, sql, &h);
}

/* Collects the rows of a one-statement query as "a,b\n" lines. */
typedef struct Rows {
    char text[1024];
} Rows;

static int collect(void *ctx, weir_query *q)
{
    Rows *r = ctx;
    for (int i = 0; i < weir_column_count(q); i++) {
        if (i) strcat(r->text, ",");
        strcat(r->text, weir_column_text(q, i));
    }
    strcat(r->text, "\n");
    return 0;
}

static const char *TX = "id,n,amount\n"
                        "a,1,1.5\n"
                        "b,2,\n"
                        "\"c,d\",3,2\n";

#define SRC "CREATE SOURCE tx (id VARCHAR, n INT, amount DOUBLE) WITH (connector = 'file', path = 'tx.csv', format = 'csv');"

Test(sink, file_csv_bytes)
{
    write_file("tx.csv", TX);
    int rc = exec_in_dir(SRC "CREATE SINK s WITH (connector = 'file', path = 'out.csv', format = 'csv') AS "
                             "SELECT id, n * 2 AS n2, amount, n > 1 AS big FROM tx;");
    cr_assert_eq(rc, WEIR_OK, "%s", weir_errmsg(w));
    char *s = read_back("out.csv");
    cr_assert_str_eq(s, "id,n2,amount,big\n"
                        "a,2,1.5,false\n"
                        "b,4,,true\n"
                        "\"c,d\",6,2.0,true\n");
    free(s);
}

Test(sink, file_json_bytes_and_options)
{
    write_file("tx.csv", TX);
    int rc = exec_in_dir(SRC "CREATE SINK j WITH (connector = 'file', path = 'out.jsonl', format = 'json') AS "
                             "SELECT id, amount FROM tx;"
                             "CREATE SINK c WITH (connector = 'file', path = 'out.txt', csv.header = 'false', "
                             "csv.delimiter = ';') AS SELECT id, n FROM tx;");
    cr_assert_eq(rc, WEIR_OK, "%s", weir_errmsg(w));
    char *s = read_back("out.jsonl");
    cr_assert_str_eq(s, "{\"id\":\"a\",\"amount\":1.5}\n"
                        "{\"id\":\"b\",\"amount\":null}\n"
                        "{\"id\":\"c,d\",\"amount\":2.0}\n");
    free(s);
    s = read_back("out.txt");
    cr_assert_str_eq(s, "a;1\nb;2\nc,d;3\n");
    free(s);
}

Test(sink, insert_widens_int_to_double)
{
    write_file("tx.csv", TX);
    int rc = exec_in_dir(SRC "CREATE TABLE t (name VARCHAR, x DOUBLE, y BIGINT) WITH (connector = 'file', path = 'w.csv');"
                             "INSERT INTO t SELECT id, n, n FROM tx;");
    cr_assert_eq(rc, WEIR_OK, "%s", weir_errmsg(w));
    char *s = read_back("w.csv");
    cr_assert_str_eq(s, "name,x,y\na,1.0,1\nb,2.0,2\n\"c,d\",3.0,3\n");
    free(s);
}

Test(sink, insert_bigint_into_int_is_an_error)
{
    write_file("tx.csv", TX);
    int rc = exec_in_dir(SRC "CREATE TABLE t (x INT) WITH (connector = 'file', path = 'w.csv');"
                             "INSERT INTO t SELECT CAST(n AS BIGINT) FROM tx;");
    cr_assert_eq(rc, WEIR_ERROR);
    cr_assert(strstr(weir_errmsg(w), "BIGINT") && strstr(weir_errmsg(w), "\"x\""), "%s", weir_errmsg(w));
    cr_assert_null(read_back("w.csv"));
}

Test(sink, large_output_is_complete)
{
    /* 20000 rows of ~30 bytes: several 64 KiB writes, then the rest at the end */
    FILE *f;
    char p[256];
    snprintf(p, sizeof p, "%s/big.csv", dir);
    cr_assert((f = fopen(p, "w")));
    fputs("id,n,amount\n", f);
    for (int i = 0; i < 20000; i++) fprintf(f, "row-%05d,%d,%d.25\n", i, i, i);
    fclose(f);
    int rc = exec_in_dir("CREATE SOURCE big (id VARCHAR, n INT, amount DOUBLE) WITH (connector = 'file', path = 'big.csv');"
                         "CREATE SINK s WITH (connector = 'file', path = 'copy.csv') AS SELECT * FROM big;");
    cr_assert_eq(rc, WEIR_OK, "%s", weir_errmsg(w));
    char *a = read_back("big.csv"), *b = read_back("copy.csv");
    cr_assert_str_eq(a, b);
    free(a);
    free(b);
}

Test(sink, write_error_is_ioerr)
{
    if (access("/dev/full", W_OK)) cr_skip_test("no /dev/full");
    write_file("tx.csv", TX);
    int rc = exec_in_dir(SRC "CREATE SINK s WITH (connector = 'file', path = '/dev/full') AS SELECT * FROM tx;");
    cr_assert_eq(rc, WEIR_IOERR);
    cr_assert(strstr(weir_errmsg(w), "cannot write \"/dev/full\""), "%s", weir_errmsg(w));
    Rows r = {{0}};
    cr_assert_eq(weir_exec(w, "SHOW JOBS", collect, &r), WEIR_OK);
    cr_assert_str_eq(r.text, "s,failed\n");
}

Test(sink, job_that_cannot_start_is_not_kept)
{
    write_file("tx.csv", TX);
    int rc = exec_in_dir(SRC "CREATE SINK s WITH (connector = 'file', path = 'missing/out.csv') AS SELECT * FROM tx;");
    cr_assert_eq(rc, WEIR_IOERR);
    cr_assert(strstr(weir_errmsg(w), "cannot create \"missing/out.csv\""), "%s", weir_errmsg(w));
    Rows r = {{0}};
    cr_assert_eq(weir_exec(w, "SHOW SINKS; SHOW JOBS", collect, &r), WEIR_OK);
    cr_assert_str_eq(r.text, "");
}

Test(sink, data_error_fails_the_job)
{
    write_file("tx.csv", "id,n,amount\na,1,1\nb,x,2\n");
    int rc = exec_in_dir(SRC "CREATE SINK s WITH (connector = 'file', path = 'o.csv') AS SELECT id FROM tx;");
    cr_assert_eq(rc, WEIR_DATA);
    Rows r = {{0}};
    cr_assert_eq(weir_exec(w, "SHOW JOBS; SHOW SINKS", collect, &r), WEIR_OK);
    cr_assert_str_eq(r.text, "s,failed\ns\n");
    /* what came before the bad record was written */
    char *s = read_back("o.csv");
    cr_assert_str_eq(s, "id\na\n");
    free(s);
}

/* What the hooks saw of the sink job. */
typedef struct Seen {
    int begun, ended, rows;
    int64_t out, in;
    int ncols;
} Seen;

static void seen_begin(void *ctx, weir_query *q)
{
    (void)q;
    ((Seen *)ctx)->begun++;
}

static int seen_row(void *ctx, weir_query *q)
{
    (void)q;
    ((Seen *)ctx)->rows++;
    return 0;
}

static void seen_end(void *ctx, weir_query *q, int rc)
{
    Seen *s = ctx;
    cr_assert_eq(rc, WEIR_OK);
    s->ended++;
    s->out = weir_query_counter(q, WEIR_COUNTER_ROWS_OUT);
    s->in = weir_query_counter(q, WEIR_COUNTER_ROWS_IN);
    s->ncols = weir_column_count(q);
}

Test(sink, hooks_see_only_the_end_with_rows_written)
{
    write_file("tx.csv", TX);
    Seen seen = {0};
    char fn[128];
    snprintf(fn, sizeof fn, "%s/script.sql", dir);
    weir_exec_hooks h = {.filename = fn, .begin = seen_begin, .row = seen_row, .end = seen_end, .ctx = &seen};
    int rc = weir_exec_with(w, SRC "CREATE SINK s WITH (connector = 'blackhole') AS SELECT id FROM tx WHERE n > 1;", &h);
    cr_assert_eq(rc, WEIR_OK, "%s", weir_errmsg(w));
    cr_assert_eq(seen.begun, 0);
    cr_assert_eq(seen.rows, 0);
    cr_assert_eq(seen.ended, 1);
    cr_assert_eq(seen.in, 3);
    cr_assert_eq(seen.out, 2);
    cr_assert_eq(seen.ncols, 0);
}

Test(sink, op_sink_widens_and_counts)
{
    /* op_sink straight over a blackhole and a file: INT into DOUBLE, NULL type */
    char path[128];
    snprintf(path, sizeof path, "%s/direct.csv", dir);
    static const TypeId in_types[3] = {TYPE_INT, TYPE_BIGINT, TYPE_NULL};
    SourceColumn out_cols[3] = {{"a", TYPE_DOUBLE}, {"b", TYPE_DOUBLE}, {"c", TYPE_VARCHAR}};
    const char *keys[2] = {"connector", "path"}, *vals[2] = {"file", path};
    SourceSpec spec = {.name = "direct", .connector = "file", .ncols = 3, .cols = out_cols, .nopts = 2,
                       .opt_keys = keys, .opt_values = vals, .base_dir = ""};
    WeirError err;
    err_clear(&err);
    ExecState ex = {.err = &err};
    Operator *op = op_sink_new(&ex, 3, in_types, out_cols);
    cr_assert(op);
    Sink *s;
    cr_assert_eq(sink_open(&spec, &s, &err), WEIR_OK, "%s", err.msg);
    op_sink_attach(op, s);
    Batch b;
    cr_assert_eq(batch_init(&b, 3, 4), WEIR_OK);
    Value *r = batch_row(&b, 0);
    r[0] = (Value){.u.i = 7};
    r[1] = (Value){.u.i = -2};
    r[2] = (Value){.u.i = 12345};   /* garbage under a NULL-typed column */
    r = batch_row(&b, 1);
    r[0] = (Value){.null = 1};
    r[1] = (Value){.u.i = 1LL << 40};
    r[2] = (Value){.null = 1};
    b.nrows = 2;
    cr_assert_eq(op_push(op, &b), WEIR_OK);
    cr_assert_eq(ex.rows_out, 2);
    cr_assert_eq(op_finish(op), WEIR_OK);
    op->vt->close(op);
    batch_free(&b);
    char *t = read_back("direct.csv");
    cr_assert_str_eq(t, "a,b,c\n7.0,-2.0,\n,1099511627776.0,\n");
    free(t);
}

Test(sink, check_refuses_bad_options_without_creating)
{
    SourceColumn cols[1] = {{"a", TYPE_INT}};
    const char *keys[3] = {"connector", "path", "format"}, *vals[3] = {"file", "x.csv", "xml"};
    SourceSpec spec = {.name = "s", .connector = "file", .ncols = 1, .cols = cols, .nopts = 3,
                       .opt_keys = keys, .opt_values = vals, .base_dir = dir};
    WeirError err;
    err_clear(&err);
    cr_assert_eq(sink_check(&spec, &err), WEIR_ERROR);
    cr_assert(strstr(err.msg, "unknown format \"xml\""), "%s", err.msg);
    vals[2] = "csv";
    cr_assert_eq(sink_check(&spec, &err), WEIR_OK, "%s", err.msg);
    cr_assert_null(read_back("x.csv"));
    spec.connector = "kafka";   /* a known connector now (sink_kafka.c): checked, not connected */
    cr_assert_eq(sink_check(&spec, &err), WEIR_ERROR);
    cr_assert(strstr(err.msg, "the kafka connector needs a topic"), "%s", err.msg);
}
