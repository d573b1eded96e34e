/*
 * test_connector_file.c - the 'file' and 'stdin' connectors (runtime/
 * connector_file.c, runtime/source.c): reading across 1 MiB buffers, records
 * straddling buffer ends, huge fields, BOM/CRLF/empty lines, on_error
 * fail/skip/dead_letter, option errors.  Files go to a fresh directory under
 * /tmp, removed at the end of each test.
 */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "format.h"

static char dir[64];
static WeirError err;

static void setup(void)
{
    strcpy(dir, "/tmp/weir_fmt_XXXXXX");
    cr_assert(mkdtemp(dir));
    err_clear(&err);
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert_eq(system(cmd), 0);
}

TestSuite(file, .init = setup, .fini = teardown);

static void write_file(const char *name, const char *data, size_t n)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    cr_assert(f);
    cr_assert_eq(fwrite(data, 1, n, f), n);
    fclose(f);
}

static char *read_back(const char *name)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "rb");
    if (!f) return NULL;
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

static const SourceColumn tx_cols[] = {
    {"id", TYPE_BIGINT}, {"name", TYPE_VARCHAR}, {"amount", TYPE_DOUBLE}};

/* A spec over tx_cols with options given as "key", "value", ..., NULL. */
typedef struct Spec {
    SourceSpec s;
    const char *keys[16], *vals[16];
} Spec;

static void spec_make(Spec *sp, const char *connector, ...)
{
    memset(sp, 0, sizeof *sp);
    sp->s.name = "tx";
    sp->s.connector = connector;
    sp->s.ncols = 3;
    sp->s.cols = tx_cols;
    sp->s.opt_keys = sp->keys;
    sp->s.opt_values = sp->vals;
    sp->s.base_dir = dir;
    va_list ap;
    va_start(ap, connector);
    const char *k;
    while ((k = va_arg(ap, const char *))) {
        sp->keys[sp->s.nopts] = k;
        sp->vals[sp->s.nopts++] = va_arg(ap, const char *);
    }
    va_end(ap);
}

/* Reads the whole source, calling check(row index, row, position) per row.
 * Returns the last status (WEIR_DONE on success). */
typedef void (*RowCheck)(int64_t i, const Value *row, int64_t pos, void *ctx);
static int read_all(Source *src, RowCheck check, void *ctx, int64_t *nrows)
{
    Batch b;
    cr_assert_eq(batch_init(&b, 3, BATCH_ROWS), WEIR_OK);
    int rc;
    *nrows = 0;
    do {
        batch_reset(&b);
        rc = src->vt->next(src, &b, &err);
        if (rc != WEIR_OK && rc != WEIR_DONE) break;
        for (int r = 0; r < b.nrows; r++) {
            cr_assert_eq(b.wm[r], TS_MIN);
            if (check) check(*nrows, batch_row(&b, r), b.pos[r], ctx);
            (*nrows)++;
        }
    } while (rc == WEIR_OK);
    batch_free(&b);
    return rc;
}

static void assert_str(const Value *v, const char *want, size_t n)
{
    cr_assert_eq(v->null, 0);
    cr_assert_eq(v->len, n, "len %u want %zu", v->len, n);
    cr_assert(memcmp(v->u.s, want, n) == 0, "got \"%.*s\"", v->len > 60 ? 60 : (int)v->len,
              v->u.s);
}

/* ---- many buffers -------------------------------------------------------- */

static void check_seq(int64_t i, const Value *row, int64_t pos, void *ctx)
{
    (void)ctx;
    char name[32];
    int n = snprintf(name, sizeof name, "name_%lld", (long long)i);
    cr_assert_eq(row[0].u.i, i);
    assert_str(&row[1], name, (size_t)n);
    cr_assert_eq(row[2].u.d, (double)i * 0.25);
    cr_assert_eq(pos, i + 2, "row %lld at line %lld", (long long)i, (long long)pos);
}

Test(file, several_buffers)
{
    const int N = 300000; /* about 8 MB */
    size_t cap = 32u << 20, n = 0;
    char *data = malloc(cap);
    n += (size_t)sprintf(data, "id,name,amount\n");
    for (int i = 0; i < N; i++)
        n += (size_t)sprintf(data + n, "%d,name_%d,%.2f\n", i, i, i * 0.25);
    cr_assert_gt(n, 3u << 20);
    write_file("tx.csv", data, n);
    free(data);
    Spec sp;
    spec_make(&sp, "file", "path", "tx.csv", NULL);
    Source *src;
    cr_assert_eq(source_open(&sp.s, &src, &err), WEIR_OK, "%s", err.msg);
    int64_t rows;
    cr_assert_eq(read_all(src, check_seq, NULL, &rows), WEIR_DONE, "%s", err.msg);
    cr_assert_eq(rows, N);
    cr_assert_eq(src->rows_read, N);
    cr_assert_eq(src->malformed, 0);
    src->vt->close(src);
}

/* Records whose bytes straddle the 1 MiB boundary in every awkward way: inside
 * a quoted field with a newline, on a "" escape, between CR and LF. */
typedef struct Straddle {
    int n;
    char want[8][64];
    int64_t pos[8];
} Straddle;

static void check_straddle(int64_t i, const Value *row, int64_t pos, void *ctx)
{
    Straddle *st = ctx;
    if (i == 0) return; /* the padding row */
    cr_assert_lt(i, st->n + 1);
    cr_assert_eq(row[0].u.i, i);
    assert_str(&row[1], st->want[i - 1], strlen(st->want[i - 1]));
    cr_assert_eq(pos, st->pos[i - 1], "row %lld", (long long)i);
}

static void straddle_at(size_t split_offset, const char *rec, const char *want, int extra_lines)
{
    /* padding record so that the boundary falls split_offset bytes into rec */
    const size_t B = 1u << 20;
    size_t plen = B - split_offset;
    char *data = malloc(B * 2);
    size_t n = (size_t)sprintf(data, "id,name,amount\n0,");
    size_t fill = plen - n - 3; /* "0," ... ",0\n" */
    memset(data + n, 'p', fill);
    n += fill;
    n += (size_t)sprintf(data + n, ",0\n");
    cr_assert_eq(n, plen);
    n += (size_t)sprintf(data + n, "%s\n2,after,2\n", rec);
    write_file("s.csv", data, n);
    free(data);
    Straddle st = {.n = 2};
    strcpy(st.want[0], want);
    strcpy(st.want[1], "after");
    st.pos[0] = 3;
    st.pos[1] = 4 + extra_lines;
    Spec sp;
    spec_make(&sp, "file", "path", "s.csv", NULL);
    Source *src;
    cr_assert_eq(source_open(&sp.s, &src, &err), WEIR_OK, "%s", err.msg);
    int64_t rows;
    cr_assert_eq(read_all(src, check_straddle, &st, &rows), WEIR_DONE, "%s", err.msg);
    cr_assert_eq(rows, 3, "split %zu", split_offset);
    src->vt->close(src);
}

Test(file, record_straddles_buffer)
{
    const char *rec = "1,\"ab\"\"c\nd,e\",1.5\r";
    for (size_t k = 1; k < strlen(rec) + 1; k++) straddle_at(k, rec, "ab\"c\nd,e", 1);
    straddle_at(3, "1,plain,1", "plain", 0);
}

Test(file, huge_field)
{
    size_t big = 1500000;
    char *data = malloc(big + 100);
    size_t n = (size_t)sprintf(data, "id,name,amount\n1,\"");
    memset(data + n, 'x', big);
    n += big;
    n += (size_t)sprintf(data + n, "\",1\n2,b,2\n");
    write_file("h.csv", data, n);
    free(data);
    Spec sp;
    spec_make(&sp, "file", "path", "h.csv", NULL);
    Source *src;
    cr_assert_eq(source_open(&sp.s, &src, &err), WEIR_OK);
    Batch b;
    batch_init(&b, 3, BATCH_ROWS);
    int64_t rows = 0;
    int rc;
    do {
        batch_reset(&b);
        rc = src->vt->next(src, &b, &err);
        cr_assert(rc == WEIR_OK || rc == WEIR_DONE, "%s", err.msg);
        for (int r = 0; r < b.nrows; r++, rows++) {
            Value *v = batch_row(&b, r);
            if (rows == 0) {
                cr_assert_eq(v[1].len, big);
                for (size_t k = 0; k < big; k += 4096) cr_assert_eq(v[1].u.s[k], 'x');
                cr_assert_eq(v[1].u.s[big - 1], 'x');
            } else {
                assert_str(&v[1], "b", 1);
            }
        }
    } while (rc == WEIR_OK);
    cr_assert_eq(rows, 2);
    batch_free(&b);
    src->vt->close(src);
}

/* ---- small files --------------------------------------------------------- */

typedef struct Collect {
    int n;
    int64_t ids[16], pos[16];
    char names[16][32];
} Collect;

static void collect(int64_t i, const Value *row, int64_t pos, void *ctx)
{
    Collect *c = ctx;
    cr_assert_lt(i, 16);
    c->ids[i] = row[0].null ? -1 : row[0].u.i;
    c->pos[i] = pos;
    snprintf(c->names[i], 32, "%.*s", row[1].null ? 4 : (int)row[1].len,
             row[1].null ? "NULL" : row[1].u.s);
    c->n++;
}

/* Opens a file source with options and reads it all into c; returns status. */
static int run(const char *file, const char *data, Collect *c, Source **keep, ...)
{
    write_file(file, data, strlen(data));
    Spec sp;
    memset(c, 0, sizeof *c);
    spec_make(&sp, "file", "path", file, NULL);
    va_list ap;
    va_start(ap, keep);
    const char *k;
    while ((k = va_arg(ap, const char *))) {
        sp.keys[sp.s.nopts] = k;
        sp.vals[sp.s.nopts++] = va_arg(ap, const char *);
    }
    va_end(ap);
    Source *src;
    int rc = source_open(&sp.s, &src, &err);
    if (rc != WEIR_OK) return rc;
    int64_t rows;
    rc = read_all(src, collect, c, &rows);
    if (keep) *keep = src;
    else src->vt->close(src);
    return rc;
}

Test(file, bom_crlf_empty_lines_no_final_newline)
{
    Collect c;
    cr_assert_eq(run("a.csv", "\xEF\xBB\xBFID,Name,Amount\r\n1,a,1\r\n\r\n\n2,\"b\r\nc\",2\r\n3,c,3",
                     &c, NULL, NULL),
                 WEIR_DONE, "%s", err.msg);
    cr_assert_eq(c.n, 3);
    cr_assert_eq(c.ids[0], 1);
    cr_assert_str_eq(c.names[0], "a");
    cr_assert_eq(c.pos[0], 2);
    cr_assert_str_eq(c.names[1], "b\r\nc");
    cr_assert_eq(c.pos[1], 5);
    cr_assert_eq(c.ids[2], 3);
    cr_assert_eq(c.pos[2], 7);
}

Test(file, no_header_custom_delimiter)
{
    Collect c;
    cr_assert_eq(run("a.csv", "1|x,y|1.5\n2||\n", &c, NULL, "csv.header", "false",
                     "csv.delimiter", "|", NULL),
                 WEIR_DONE, "%s", err.msg);
    cr_assert_eq(c.n, 2);
    cr_assert_str_eq(c.names[0], "x,y");
    cr_assert_eq(c.pos[0], 1);
    cr_assert_str_eq(c.names[1], "NULL");
}

Test(file, json_lines)
{
    Collect c;
    cr_assert_eq(run("a.json",
                     "{\"id\":1,\"name\":\"a\\u00e9\",\"amount\":1.5}\n  \n"
                     "{\"amount\":2,\"id\":2,\"extra\":{\"x\":[1]}}\r\n{\"id\":3}",
                     &c, NULL, "format", "json", NULL),
                 WEIR_DONE, "%s", err.msg);
    cr_assert_eq(c.n, 3);
    cr_assert_str_eq(c.names[0], "a\xc3\xa9");
    cr_assert_str_eq(c.names[1], "NULL");
    cr_assert_eq(c.pos[1], 3);
    cr_assert_eq(c.ids[2], 3);
    cr_assert_eq(c.pos[2], 4);
}

Test(file, empty_and_header_only)
{
    Collect c;
    cr_assert_eq(run("e.csv", "", &c, NULL, NULL), WEIR_DONE);
    cr_assert_eq(c.n, 0);
    cr_assert_eq(run("h.csv", "id,name,amount\n", &c, NULL, NULL), WEIR_DONE);
    cr_assert_eq(c.n, 0);
    cr_assert_eq(run("h2.csv", "id,name,amount", &c, NULL, NULL), WEIR_DONE);
    cr_assert_eq(c.n, 0);
    cr_assert_eq(run("e.json", "", &c, NULL, "format", "json", NULL), WEIR_DONE);
    cr_assert_eq(c.n, 0);
}

Test(file, header_missing_column)
{
    Collect c;
    cr_assert_eq(run("tx.csv", "id,amount\n1,2\n", &c, NULL, NULL), WEIR_DATA);
    cr_assert_str_eq(err.msg, "source \"tx\": tx.csv:1: header has no column \"name\"");
}

static const char *bad_file = "id,name,amount\n"
                              "1,a,1.5\n"
                              "2,b,2.5\n"
                              "\n"
                              "3,c,12x\n"
                              "4,d\n"
                              "5,e,5\n";

Test(file, on_error_fail)
{
    Collect c;
    cr_assert_eq(run("tx.csv", bad_file, &c, NULL, NULL), WEIR_DATA);
    cr_assert_str_eq(err.msg, "source \"tx\": tx.csv:5: column \"amount\": cannot read \"12x\" as DOUBLE");
}

Test(file, on_error_skip)
{
    Collect c;
    Source *src;
    cr_assert_eq(run("tx.csv", bad_file, &c, &src, "on_error", "skip", NULL), WEIR_DONE, "%s",
                 err.msg);
    cr_assert_eq(c.n, 3);
    cr_assert_eq(c.ids[0], 1);
    cr_assert_eq(c.ids[1], 2);
    cr_assert_eq(c.ids[2], 5);
    cr_assert_eq(c.pos[2], 7);
    cr_assert_eq(src->rows_read, 3);
    cr_assert_eq(src->malformed, 2);
    cr_assert_eq(src->nbad, 2);
    cr_assert_str_eq(src->bad_pos[0], "tx.csv:5");
    cr_assert_str_eq(src->bad_pos[1], "tx.csv:6");
    cr_assert_eq(src->on_error, ON_ERROR_SKIP);
    src->vt->close(src);
    cr_assert_null(read_back("bad.jsonl"));
}

Test(file, on_error_skip_keeps_first_positions)
{
    char data[4096];
    size_t n = (size_t)sprintf(data, "id,name,amount\n");
    for (int i = 0; i < 20; i++) n += (size_t)sprintf(data + n, i % 2 ? "%d,ok,1\n" : "%d,bad,x\n", i);
    Collect c;
    Source *src;
    cr_assert_eq(run("tx.csv", data, &c, &src, "on_error", "skip", NULL), WEIR_DONE);
    cr_assert_eq(c.n, 10);
    cr_assert_eq(src->malformed, 10);
    cr_assert_eq(src->nbad, SOURCE_BAD_POS_KEEP);
    cr_assert_str_eq(src->bad_pos[4], "tx.csv:10");
    src->vt->close(src);
}

Test(file, on_error_dead_letter)
{
    Collect c;
    Source *src;
    cr_assert_eq(run("tx.csv", bad_file, &c, &src, "on_error", "dead_letter", "dead_letter.path",
                     "bad.jsonl", NULL),
                 WEIR_DONE, "%s", err.msg);
    cr_assert_eq(c.n, 3);
    cr_assert_eq(src->malformed, 2);
    src->vt->close(src);
    const char *got = read_back("bad.jsonl");
    cr_assert_not_null(got);
    cr_assert_str_eq(got,
                     "{\"source\":\"tx\",\"position\":\"tx.csv:5\",\"reason\":\"column \\\"amount\\\": "
                     "cannot read \\\"12x\\\" as DOUBLE\",\"record\":\"3,c,12x\"}\n"
                     "{\"source\":\"tx\",\"position\":\"tx.csv:6\",\"reason\":\"expected 3 fields, "
                     "found 2\",\"record\":\"4,d\"}\n");
}

Test(file, bad_json_lines_skipped)
{
    Collect c;
    Source *src;
    cr_assert_eq(run("l.json", "{\"id\":1}\nnot json\n[1]\n{\"id\":2,}\n{\"id\":3}\n", &c, &src,
                     "format", "json", "on_error", "dead_letter", "dead_letter.path", "dl/x.jsonl",
                     NULL),
                 WEIR_IOERR);
    cr_assert(strstr(err.msg, "cannot open") && strstr(err.msg, "dl/x.jsonl"), "%s", err.msg);
    src->vt->close(src);
    cr_assert_eq(run("l.json", "{\"id\":1}\nnot json\n[1]\n{\"id\":2,}\n{\"id\":3}\n", &c, &src,
                     "format", "json", "on_error", "skip", NULL),
                 WEIR_DONE);
    cr_assert_eq(c.n, 2);
    cr_assert_eq(c.ids[1], 3);
    cr_assert_eq(src->malformed, 3);
    cr_assert_str_eq(src->bad_pos[2], "l.json:4");
    src->vt->close(src);
}

/* ---- opening ------------------------------------------------------------- */

static int open_err(Spec *sp)
{
    Source *src = (Source *)1;
    int rc = source_open(&sp->s, &src, &err);
    cr_assert_null(src);
    return rc;
}

Test(file, open_errors)
{
    Spec sp;
    spec_make(&sp, "file", "path", "data/tx.csv", NULL);
    cr_assert_eq(open_err(&sp), WEIR_IOERR);
    cr_assert_str_eq(err.msg, "source \"tx\": cannot open \"data/tx.csv\": No such file or directory");
    write_file("tx.csv", "id,name,amount\n", 15);

    spec_make(&sp, "kafkaa", NULL);
    sp.s.name = "x";
    cr_assert_eq(open_err(&sp), WEIR_ERROR);
    cr_assert_str_eq(err.msg, "unknown connector \"kafkaa\" for source \"x\"");

    spec_make(&sp, "file", NULL);
    cr_assert_eq(open_err(&sp), WEIR_ERROR);
    cr_assert(strstr(err.msg, "needs option 'path'"), "%s", err.msg);

    spec_make(&sp, "file", "path", "tx.csv", "format", "xml", NULL);
    cr_assert_eq(open_err(&sp), WEIR_ERROR);
    cr_assert_str_eq(err.msg, "source \"tx\": unknown format \"xml\" (expected csv or json)");

    spec_make(&sp, "file", "path", "tx.csv", "on_error", "ignore", NULL);
    cr_assert_eq(open_err(&sp), WEIR_ERROR);
    cr_assert(strstr(err.msg, "unknown on_error \"ignore\""), "%s", err.msg);

    spec_make(&sp, "file", "path", "tx.csv", "csv.delimiter", ";;", NULL);
    cr_assert_eq(open_err(&sp), WEIR_ERROR);
    cr_assert(strstr(err.msg, "csv.delimiter must be one character"), "%s", err.msg);

    spec_make(&sp, "file", "path", "tx.csv", "csv.header", "yes", NULL);
    cr_assert_eq(open_err(&sp), WEIR_ERROR);

    spec_make(&sp, "file", "path", "tx.csv", "on_error", "dead_letter", NULL);
    cr_assert_eq(open_err(&sp), WEIR_ERROR);
    cr_assert(strstr(err.msg, "dead_letter.path"), "%s", err.msg);

    spec_make(&sp, "file", "path", ".", NULL);
    sp.s.base_dir = dir;
    cr_assert_eq(open_err(&sp), WEIR_IOERR);
    cr_assert(strstr(err.msg, "Is a directory"), "%s", err.msg);

    /* absolute paths ignore base_dir */
    char abs[256];
    snprintf(abs, sizeof abs, "%s/tx.csv", dir);
    spec_make(&sp, "file", "path", abs, NULL);
    sp.s.base_dir = "/nonexistent";
    Source *src;
    cr_assert_eq(source_open(&sp.s, &src, &err), WEIR_OK, "%s", err.msg);
    src->vt->close(src);
}

Test(file, stdin_source)
{
    write_file("in.csv", "id,name,amount\n1,a,1\n2,b,2\n", 27);
    char p[256];
    snprintf(p, sizeof p, "%s/in.csv", dir);
    int fd = open(p, O_RDONLY);
    cr_assert_geq(fd, 0);
    cr_assert_eq(dup2(fd, 0), 0);
    close(fd);
    Spec sp;
    spec_make(&sp, "stdin", NULL);
    Source *src;
    cr_assert_eq(source_open(&sp.s, &src, &err), WEIR_OK, "%s", err.msg);
    Collect c;
    memset(&c, 0, sizeof c);
    int64_t rows;
    cr_assert_eq(read_all(src, collect, &c, &rows), WEIR_DONE);
    cr_assert_eq(rows, 2);
    cr_assert_str_eq(c.names[1], "b");
    src->vt->close(src);
    /* fd 0 is not closed by the source */
    cr_assert_neq(fcntl(0, F_GETFD), -1);
}
