/*
 * format.h - record formats: CSV and JSON lines, decoded into Values and encoded
 * back to text.
 *
 * Every connector (file, stdin, Kafka messages, C-API pushes) frames its bytes
 * into records and hands each record to one FmtDecoder, which parses it straight
 * into a row of Values (the physical columns of a source, in declaration order).
 * Decoding allocates nothing: VARCHARs point into the record bytes, and only a
 * value that must be unescaped ("" in CSV, \n or \u00e9 in JSON) is copied into
 * an Arena the caller passes (the batch's text arena).  A bad record returns
 * WEIR_DATA with a reason in the WeirError that names the column and the value;
 * the connector adds the source and the position and applies on_error.
 *
 * The encoders write one row as a CSV record or a JSON object line into a
 * growable FmtBuf, for sinks and dead-letter files.
 *
 * Files: format_csv.c (decoder life cycle, the text-to-value parsers both formats
 * share, CSV framing/decoding/encoding, FmtBuf), format_json.c (JSON decoding and
 * encoding).  source.c holds the options and on_error handling every connector
 * shares (declared at the end of this header).
 */
#ifndef WEIR_FORMAT_H
#define WEIR_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "error.h"
#include "source.h"
#include "value.h"

typedef enum FmtKind { FMT_CSV = 0, FMT_JSON = 1 } FmtKind;

typedef struct FmtOptions {
    FmtKind kind;
    char delim;             /* CSV field delimiter (default ',') */
    bool header;            /* CSV: the first record names the fields (default true) */
    const char *ts_format;  /* NULL: ISO "YYYY-MM-DD[ T]HH:MM:SS[.fff]"; else strftime-style
                             * for time_parse_fmt.  Owned by the caller; outlives the decoder. */
} FmtOptions;

/* Defaults: CSV, ',', header, ISO timestamps. */
void fmt_options_default(FmtOptions *o);

typedef struct FmtDecoder {
    FmtOptions o;
    int ncols;
    const SourceColumn *cols;   /* the caller's; outlives the decoder */
    /* CSV: fields per record and, per field, the column it fills (-1: ignored).
     * Positional until fmt_csv_header maps it by name.  malloc'ed. */
    int nfields;
    int *field_col;
    /* JSON: strlen of each column name (malloc'ed), and the column whose key is
     * expected next (keys usually come in the same order in every record). */
    size_t *name_len;
    int json_next;
    TimeCache tcache;           /* the last ISO date parsed */
} FmtDecoder;

/* Sets up d for ncols columns.  cols and o->ts_format must outlive d.  Returns
 * WEIR_OK, WEIR_NOMEM, or WEIR_ERROR for a bad delimiter (NUL, quote or newline).
 * Free with fmt_decoder_free. */
int  fmt_decoder_init(FmtDecoder *d, const FmtOptions *o, int ncols, const SourceColumn *cols,
                      WeirError *err);
void fmt_decoder_free(FmtDecoder *d);

/* CSV: reads the header record (rec[0..n), without its line end) and maps its
 * fields to columns by name, case-insensitively; unknown fields are ignored.
 * Returns WEIR_OK, WEIR_NOMEM, or WEIR_DATA when a declared column is missing
 * (`header has no column "amount"`) or the header is malformed. */
int  fmt_csv_header(FmtDecoder *d, const char *rec, size_t n, WeirError *err);

/* Decodes one record (rec[0..n), without its line end) into row[0..ncols).
 * VARCHARs point into rec or into text (bytes that had to be unescaped); both
 * must outlive the row.  Returns WEIR_OK, WEIR_NOMEM, or WEIR_DATA with the
 * reason in err (`column "amount": cannot read "12x" as DOUBLE`,
 * `expected 3 fields, found 2`, `unterminated quoted field`,
 * `not a JSON object`, `invalid JSON at byte 17` (1-based)).  On WEIR_DATA the
 * row holds garbage. */
int  fmt_csv_decode(FmtDecoder *d, const char *rec, size_t n, Value *row, Arena *text,
                     WeirError *err);
int  fmt_json_decode(FmtDecoder *d, const char *rec, size_t n, Value *row, Arena *text,
                     WeirError *err);
static inline int fmt_decode(FmtDecoder *d, const char *rec, size_t n, Value *row, Arena *text,
                             WeirError *err)
{
    return d->o.kind == FMT_CSV ? fmt_csv_decode(d, rec, n, row, text, err)
                                : fmt_json_decode(d, rec, n, row, text, err);
}

/* ---- text to value (format_csv.c; JSON uses them for strings) -------------- */

/* Whole text as a decimal integer: optional sign, digits, no overflow. */
bool fmt_parse_i64(const char *s, size_t n, int64_t *out);
/* Whole text as a double: exact fast path for plain decimals, strtod beyond
 * what is exact; also NaN / Infinity. */
bool fmt_parse_double(const char *s, size_t n, double *out);
/* Exact powers of ten, 1e0 .. 1e22. */
extern const double fmt_pow10[23];

/* The fast paths of the decoders, which parse a plain number in the same scan
 * that finds its end.  fmt_scan_int: an optional '-' and 1 to 18 digits;
 * fmt_scan_decimal: the same with an optional '.' and fraction, when the value
 * is exact (see fmt_parse_double).  Return the first byte after the number (the
 * caller checks it ends the field), or NULL to take the general path. */
static inline const char *fmt_scan_int(const char *p, const char *end, int64_t *out)
{
    bool neg = p < end && *p == '-';
    const char *q = p + neg, *ds = q;
    uint64_t v = 0;
    while (q < end && (unsigned)(unsigned char)*q - '0' <= 9) v = v * 10 + (unsigned)(*q++ - '0');
    if (q == ds || q - ds > 18) return NULL;
    *out = neg ? -(int64_t)v : (int64_t)v;
    return q;
}

static inline const char *fmt_scan_decimal(const char *p, const char *end, double *out)
{
    bool neg = p < end && *p == '-';
    const char *q = p + neg;
    uint64_t m = 0;
    int nd = 0, frac = 0;
    while (q < end && (unsigned)(unsigned char)*q - '0' <= 9)
        m = m * 10 + (unsigned)(*q++ - '0'), nd++;
    if (q < end && *q == '.') {
        q++;
        while (q < end && (unsigned)(unsigned char)*q - '0' <= 9)
            m = m * 10 + (unsigned)(*q++ - '0'), nd++, frac++;
    }
    if (nd == 0 || nd > 18 || m > (1ULL << 53) || frac > 22) return NULL;
    double v = (double)m / fmt_pow10[frac];
    *out = neg ? -v : v;
    return q;
}

/* Reads text s[0..n) into column col of d's type (BOOLEAN true/false/1/0,
 * integers, DOUBLE, TIMESTAMP as ISO / timestamp.format / epoch ms, VARCHAR as
 * is, pointing at s).  Surrounding spaces are ignored for non-VARCHAR types;
 * empty text is NULL for them.  Returns WEIR_OK or WEIR_DATA with
 * `column "c": cannot read "v" as T`, or fmt_ts_range's reason for a TIMESTAMP
 * outside years 0000..9999. */
/* The offset of the first byte of s[0..n) that is a NUL or not valid UTF-8
 * (n when there is none). */
size_t fmt_utf8_check(const char *s, size_t n);
/* A VARCHAR field's bytes must be valid UTF-8 without NUL: WEIR_OK, or a
 * WEIR_DATA reason naming the column and the bad byte. */
int  fmt_check_text(const FmtDecoder *d, int col, const char *s, size_t n, WeirError *err);
int  fmt_text_value(FmtDecoder *d, int col, const char *s, size_t n, Value *v,
                    WeirError *err);
/* Sets err to `column "c": cannot read "v" as T` (v shortened when long). */
int  fmt_bad_value(const FmtDecoder *d, int col, const char *s, size_t n, WeirError *err);
/* Sets err to `column "c": "v" is out of range for TIMESTAMP (years 0000 to
 * 9999)`: a TIMESTAMP field that reads as a time outside ts_valid. */
int  fmt_ts_range(const FmtDecoder *d, int col, const char *s, size_t n, WeirError *err);

/* ---- framing ------------------------------------------------------------- */

typedef struct FmtFrame {
    size_t len;     /* record bytes, without the line end (LF or CRLF) */
    size_t used;    /* bytes consumed, including the line end */
    int nlines;     /* lines the record spans (CSV quoted fields may hold newlines) */
} FmtFrame;

/* Finds the end of the next record in buf[0..n).  CSV honours RFC 4180 quotes
 * (a quoted field may hold the delimiter, "" and newlines); JSON lines is one
 * record per line.  Returns 1 and fills *fr when a whole record is there; 0
 * when it needs more bytes (n == 0, or the record is cut off and !eof).  At eof
 * the rest of the buffer is the last record (no final newline needed; an
 * unterminated quote is then reported by the decoder). */
int  fmt_frame(const FmtDecoder *d, const char *buf, size_t n, bool eof, FmtFrame *fr);

/* ---- encoding ------------------------------------------------------------ */

/* A growable byte buffer.  data is malloc'ed, owned by the FmtBuf; free with
 * fmt_buf_free.  A zeroed FmtBuf is empty and valid. */
typedef struct FmtBuf {
    char *data;
    size_t len, cap;
} FmtBuf;

/* Makes room for extra more bytes.  Returns WEIR_OK or WEIR_NOMEM. */
int  fmt_buf_reserve(FmtBuf *b, size_t extra);
int  fmt_buf_append(FmtBuf *b, const char *s, size_t n);
void fmt_buf_free(FmtBuf *b);

/* Appends the column names as one CSV record and "\n". */
int  fmt_csv_encode_header(FmtBuf *out, const SourceColumn *cols, int ncols, char delim);
/* Appends row as one CSV record and "\n": RFC 4180 quoting (fields holding the
 * delimiter, a quote, CR or LF, and empty strings are quoted), NULL as an empty
 * field, TIMESTAMP as "YYYY-MM-DD HH:MM:SS.fff", DOUBLE via double_format,
 * BOOLEAN true/false.  Returns WEIR_OK or WEIR_NOMEM. */
int  fmt_csv_encode(FmtBuf *out, const SourceColumn *cols, const Value *row, int ncols,
                    char delim);
/* Appends row as one JSON object line and "\n": numbers, escaped strings, null,
 * booleans, TIMESTAMP as a string; a non-finite DOUBLE as the string "NaN",
 * "Infinity" or "-Infinity" (which the decoder reads back). */
int  fmt_json_encode(FmtBuf *out, const SourceColumn *cols, const Value *row, int ncols);
/* Writes v in decimal into buf[24] (NUL-terminated); returns the length. */
int  fmt_i64_text(int64_t v, char *buf);
/* The text of a non-NULL value of a type other than VARCHAR, as both encoders
 * write it (integers, DOUBLE via double_format, TIMESTAMP via time_format_iso,
 * true/false) into buf[40]; returns the length. */
int  fmt_scalar_text(TypeId t, const Value *v, char *buf);
/* Appends s[0..n) as a JSON string literal, quotes included. */
int  fmt_json_string(FmtBuf *out, const char *s, size_t n);

/* ---- shared by connectors (defined in source.c) ---------------------------
 * These belong beside source_open; they live here until source.h takes them. */

/* The options every connector reads: format, csv.header, csv.delimiter,
 * timestamp.format, on_error, dead_letter.path. */
typedef struct SourceCommon {
    FmtOptions fmt;
    OnError on_error;
    char *dl_path;      /* dead_letter.path resolved against base_dir (malloc'ed) or NULL */
    int dl_fd;          /* opened at the first bad record; -1 until then */
    FmtBuf dl_buf;      /* one dead-letter line at a time */
} SourceCommon;

/* Reads the common options of spec.  Returns WEIR_OK, WEIR_NOMEM, or WEIR_ERROR
 * naming the source and the bad option.  Free with source_common_free. */
int  source_common_init(const SourceSpec *spec, SourceCommon *c, WeirError *err);
void source_common_free(SourceCommon *c);

/* Connector entry points (one per connector file), for source_open's table. */
int  source_file_open(const SourceSpec *spec, Source **out, WeirError *err);  /* connector_file.c */
int  source_stdin_open(const SourceSpec *spec, Source **out, WeirError *err); /* connector_file.c */

/* base_dir + "/" + path (path itself when absolute or base_dir is empty),
 * malloc'ed (caller frees); NULL when out of memory. */
char *source_resolve_path(const SourceSpec *spec, const char *path);

/* Applies on_error to a bad record at position (e.g. "tx.csv:5") with reason.
 * fail: returns WEIR_DATA with `source "tx": tx.csv:5: <reason>`.  skip: counts
 * it in s->malformed, keeps the position in s->bad_pos, returns WEIR_OK.
 * dead_letter: as skip, and appends
 * {"source":..,"position":..,"reason":..,"record":..} to dead_letter.path
 * (WEIR_IOERR when that fails).  reason may point into err->msg. */
int  source_reject(Source *s, SourceCommon *c, const char *position, const char *reason,
                   const char *rec, size_t n, WeirError *err);

#endif
