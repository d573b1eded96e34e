/*
 * fuzz_format.h - the body shared by the record-format fuzz targets
 * (fuzz_csv.c, fuzz_json.c): runtime/format.h's framing and decoders, and the
 * file connector around them (connector_file.c, source.c's on_error handling).
 *
 * Input layout: byte 0 picks options (bit 0 csv.header, bits 1-2 the
 * delimiter, bit 3 a timestamp.format, bits 4-5 on_error), bytes 1-3 the types
 * of the three columns a, b, c; the rest is the file's content.
 *
 * Three checks per input:
 *  1. framing + decoding the bytes the way the connector does, record by
 *     record; every frame consumes bytes and stays inside the buffer;
 *  2. a round trip: every row that decodes is encoded again (fmt_csv_encode /
 *     fmt_json_encode), framed and decoded, and must come back equal;
 *  3. the real file connector over the same bytes (a memfd opened through
 *     /proc/self/fd), under the chosen on_error, dead letters to /dev/null.
 * The including file defines FUZZ_KIND (FMT_CSV or FMT_JSON).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "format.h"

#define FZ_NCOLS 3
static const TypeId fz_types[] = {TYPE_VARCHAR, TYPE_BIGINT, TYPE_INT,
                                  TYPE_DOUBLE,  TYPE_TIMESTAMP, TYPE_BOOLEAN};
static const char fz_delims[] = {',', ';', '\t', '|'};

/* Two decoded values are the same (NaN equals NaN; -0.0 equals 0.0). */
static int fz_same(TypeId t, const Value *x, const Value *y)
{
    if (x->null || y->null) return x->null == y->null;
    switch (t) {
    case TYPE_VARCHAR: return x->len == y->len && memcmp(x->u.s, y->u.s, x->len) == 0;
    case TYPE_DOUBLE: return x->u.d == y->u.d || (isnan(x->u.d) && isnan(y->u.d));
    default: return x->u.i == y->u.i;
    }
}

/* Encodes row, then frames and decodes it again with a positional decoder. */
static void fz_round_trip(const SourceColumn *cols, const FmtOptions *o, const Value *row)
{
    FmtOptions ro = *o;
    ro.header = false;
    ro.ts_format = NULL; /* the encoders write ISO timestamps */
    for (int c = 0; c < FZ_NCOLS; c++)
        if (cols[c].type == TYPE_TIMESTAMP && !row[c].null &&
            (row[c].u.i < -62135596800000LL || row[c].u.i > 253402300799999LL))
            return; /* years outside 1..9999 have no ISO text to read back */
    FmtBuf out = {0};
    int rc = o->kind == FMT_CSV ? fmt_csv_encode(&out, cols, row, FZ_NCOLS, o->delim)
                                : fmt_json_encode(&out, cols, row, FZ_NCOLS);
    if (rc != WEIR_OK) abort();
    FmtDecoder d;
    WeirError err;
    err_clear(&err);
    if (fmt_decoder_init(&d, &ro, FZ_NCOLS, cols, &err) != WEIR_OK) abort();
    FmtFrame fr;
    if (!fmt_frame(&d, out.data, out.len, true, &fr) || fr.used != out.len) abort();
    Value back[FZ_NCOLS];
    Arena text;
    arena_init(&text);
    rc = fmt_decode(&d, out.data, fr.len, back, &text, &err);
    if (rc != WEIR_OK) {
        fprintf(stderr, "round trip: %s\nrecord: %.*s\n", err.msg, (int)out.len, out.data);
        abort();
    }
    for (int c = 0; c < FZ_NCOLS; c++)
        if (!fz_same(cols[c].type, &row[c], &back[c])) {
            fprintf(stderr, "round trip changed column %s: %.*s\n", cols[c].name,
                    (int)out.len, out.data);
            abort();
        }
    arena_free(&text);
    fmt_decoder_free(&d);
    fmt_buf_free(&out);
}

/* Check 1 and 2: the decoder loop of connector_file.c over buf[0..n). */
static void fz_decode_all(const SourceColumn *cols, const FmtOptions *o, const char *buf,
                          size_t n)
{
    FmtDecoder d;
    WeirError err;
    err_clear(&err);
    if (fmt_decoder_init(&d, o, FZ_NCOLS, cols, &err) != WEIR_OK) abort();
    bool need_header = o->kind == FMT_CSV && o->header;
    Arena text;
    arena_init(&text);
    size_t at = 0;
    FmtFrame fr;
    while (at < n && fmt_frame(&d, buf + at, n - at, true, &fr)) {
        if (fr.used == 0 || fr.used > n - at || fr.len > fr.used || fr.nlines < 1) abort();
        const char *rec = buf + at;
        at += fr.used;
        if (fr.len == 0) continue;
        if (need_header) {
            need_header = false;
            int rc = fmt_csv_header(&d, rec, fr.len, &err);
            if (rc != WEIR_OK && rc != WEIR_DATA) abort();
            if (rc != WEIR_OK) {
                at = n; /* the connector stops at a bad header */
                break;
            }
            continue;
        }
        Value row[FZ_NCOLS];
        int rc = fmt_decode(&d, rec, fr.len, row, &text, &err);
        if (rc == WEIR_OK) fz_round_trip(cols, o, row);
        else if (rc != WEIR_DATA || err.msg[0] == 0) abort();
        arena_reset(&text);
    }
    if (at != n) abort(); /* at eof every byte belongs to some record */
    arena_free(&text);
    fmt_decoder_free(&d);
}

/* Check 3: the file connector over a memfd holding buf[0..n). */
static void fz_connector(const SourceColumn *cols, const uint8_t opt, const char *buf, size_t n)
{
    int fd = memfd_create("fuzz", MFD_CLOEXEC);
    if (fd < 0) abort();
    if (n && write(fd, buf, n) != (ssize_t)n) abort();
    char path[64], delim[2] = {fz_delims[(opt >> 1) & 3], 0};
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    static const char *const policies[] = {"fail", "skip", "dead_letter", "skip"};
    const char *keys[] = {"path", "format", "csv.header", "csv.delimiter", "on_error",
                          "dead_letter.path", "timestamp.format"};
    const char *vals[] = {path,
                          FUZZ_KIND == FMT_CSV ? "csv" : "json",
                          opt & 1 ? "true" : "false",
                          delim,
                          policies[(opt >> 4) & 3],
                          "/dev/null",
                          "%d/%m/%Y %H:%M:%S"};
    SourceSpec spec = {.name = "f", .connector = "file", .ncols = FZ_NCOLS, .cols = cols,
                       .nopts = (opt & 8) ? 7 : 6, .opt_keys = keys, .opt_values = vals,
                       .base_dir = ""};
    WeirError err;
    err_clear(&err);
    Source *s = NULL;
    if (source_open(&spec, &s, &err) != WEIR_OK) abort();
    Batch b;
    if (batch_init(&b, FZ_NCOLS, 64) != WEIR_OK) abort();
    int64_t rows = 0;
    for (int guard = 0;; guard++) {
        if (guard > 1000000) abort(); /* no progress: a hang */
        batch_reset(&b);
        int rc = s->vt->next(s, &b, &err);
        rows += b.nrows;
        if (rc == WEIR_DONE) break;
        if (rc != WEIR_OK) {
            if (rc != WEIR_DATA || err.msg[0] == 0) abort();
            break;
        }
    }
    if (rows != s->rows_read) abort();
    s->vt->close(s);
    batch_free(&b);
    close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4) return 0;
    static const char *const names[] = {"a", "b", "c"};
    SourceColumn cols[FZ_NCOLS];
    for (int c = 0; c < FZ_NCOLS; c++) {
        cols[c].name = names[c];
        cols[c].type = fz_types[data[1 + c] % 6];
    }
    FmtOptions o;
    fmt_options_default(&o);
    o.kind = FUZZ_KIND;
    o.header = data[0] & 1;
    o.delim = fz_delims[(data[0] >> 1) & 3];
    o.ts_format = (data[0] & 8) ? "%d/%m/%Y %H:%M:%S" : NULL;
    size_t n = size - 4;
    char *buf = malloc(n ? n : 1); /* exact size: ASan sees any read past it */
    if (!buf) abort();
    memcpy(buf, data + 4, n);
    fz_decode_all(cols, &o, buf, n);
    fz_connector(cols, data[0], buf, n);
    free(buf);
    return 0;
}
