/*
 * output.c - result rows as csv, json or a streaming table (see output.h).
 *
 * Values come from weir_column_text, which already formats TIMESTAMP,
 * DOUBLE and BOOLEAN the way the dialect's "Output values" says; this file
 * only quotes and lays them out.
 *
 *   csv    header row of column names, then rows; RFC 4180 quoting; NULL is
 *          an empty field.
 *   json   one object per row per line; BIGINT/DOUBLE as numbers (NaN and
 *          the infinities, which JSON cannot hold, as strings), BOOLEAN as
 *          true/false, NULL as null, VARCHAR/TIMESTAMP as strings.
 *   table  a streaming table, as Flink's tableau mode: the widths are fixed
 *          when the columns are known (the larger of the name's length and
 *          the type's width: BOOLEAN 6, BIGINT 20, DOUBLE 24, TIMESTAMP 23,
 *          VARCHAR 20, the `op` column of a changelog 2), because rows are
 *          printed as they arrive and later rows cannot widen earlier ones.
 *          A longer value is cut to width-3 characters followed by "...".
 *          Widths count UTF-8 code points, not bytes.  Numbers are
 *          right-aligned, everything else left-aligned; NULL shows as
 *          <NULL>.  The end prints the closing border and "N rows".
 */
#include "output.h"

#include <math.h>
#include <string.h>

int out_parse_format(const char *s, OutFormat *fmt)
{
    if (!strcmp(s, "table")) *fmt = OUT_TABLE;
    else if (!strcmp(s, "csv")) *fmt = OUT_CSV;
    else if (!strcmp(s, "json")) *fmt = OUT_JSON;
    else return -1;
    return 0;
}

void out_init(OutWriter *w, OutFormat fmt, FILE *f, bool flush_rows)
{
    memset(w, 0, sizeof *w);
    w->fmt = fmt;
    w->f = f;
    w->flush_rows = flush_rows;
}

/* ---- csv ------------------------------------------------------------------ */

void out_csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    putc('"', f);
    for (; *s; s++) {
        if (*s == '"') putc('"', f);
        putc(*s, f);
    }
    putc('"', f);
}

/* ---- json ----------------------------------------------------------------- */

void out_json_string(FILE *f, const char *s)
{
    putc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':  fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (*p < 0x20 || *p == 0x7f) fprintf(f, "\\u%04x", *p);
            else putc(*p, f);   /* UTF-8 passes through */
        }
    }
    putc('"', f);
}

/* Writes column i of the current row as a JSON value of its declared type. */
static void out_json_value(FILE *f, weir_query *q, int i, int type)
{
    if (weir_column_is_null(q, i)) {
        fputs("null", f);
        return;
    }
    const char *text = weir_column_text(q, i);
    switch (type) {
    case WEIR_BOOLEAN:
        fputs(weir_column_int64(q, i) ? "true" : "false", f);
        break;
    case WEIR_BIGINT:
        fputs(text, f);
        break;
    case WEIR_DOUBLE:
        if (isfinite(weir_column_double(q, i))) fputs(text, f);
        else out_json_string(f, text);
        break;
    default:
        out_json_string(f, text);
    }
}

/* ---- table ---------------------------------------------------------------- */

/* Number of UTF-8 code points in s (continuation bytes are not counted). */
static int out_utf8_len(const char *s)
{
    int n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

/* Byte length of the first `chars` code points of s. */
static size_t out_utf8_prefix(const char *s, int chars)
{
    size_t i = 0;
    while (s[i]) {
        if (((unsigned char)s[i] & 0xC0) != 0x80 && chars-- == 0) break;
        i++;
    }
    return i;
}

int out_table_width(const char *name, int type)
{
    int w;
    switch (type) {
    case WEIR_BOOLEAN:   w = 6; break;   /* "<NULL>" fits */
    case WEIR_BIGINT:    w = 20; break;
    case WEIR_DOUBLE:    w = 24; break;
    case WEIR_TIMESTAMP: w = 23; break;
    case WEIR_VARCHAR:   w = 20; break;
    default:             w = 6; break;   /* "<NULL>" */
    }
    int n = out_utf8_len(name);
    return n > w ? n : w;
}

/* Writes n bytes of s with control characters (a newline inside a VARCHAR)
 * shown as spaces, so one row stays one line. */
static void out_table_text(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        putc((unsigned char)s[i] < 0x20 ? ' ' : s[i], f);
}

void out_table_cell(FILE *f, const char *s, int width, bool right)
{
    int n = out_utf8_len(s);
    if (n > width) {
        int keep = width > 3 ? width - 3 : 0;
        out_table_text(f, s, out_utf8_prefix(s, keep));
        fputs(&"..."[width >= 3 ? 0 : 3 - width], f);
        return;
    }
    if (right) fprintf(f, "%*s", width - n, "");
    out_table_text(f, s, strlen(s));
    if (!right) fprintf(f, "%*s", width - n, "");
}

/* The width and type of column i (defaults past OUT_MAX_COLS). */
static int out_col_width(const OutWriter *w, int i) { return i < OUT_MAX_COLS ? w->widths[i] : 20; }
static int out_col_type(const OutWriter *w, int i) { return i < OUT_MAX_COLS ? w->types[i] : WEIR_VARCHAR; }

/* The +-----+-----+ line. */
static void out_table_border(OutWriter *w)
{
    for (int i = 0; i < w->ncols; i++) {
        putc('+', w->f);
        for (int k = 0; k < out_col_width(w, i) + 2; k++) putc('-', w->f);
    }
    fputs("+\n", w->f);
}

/* ---- the hooks -------------------------------------------------------------- */

void out_begin(OutWriter *w, weir_query *q)
{
    w->ncols = weir_column_count(q);
    w->rows = 0;
    bool changelog = weir_query_is_changelog(q);
    for (int i = 0; i < w->ncols && i < OUT_MAX_COLS; i++) {
        w->types[i] = weir_column_type(q, i);
        w->widths[i] = out_table_width(weir_column_name(q, i),
                                       changelog && i == 0 ? WEIR_NULL : w->types[i]);
        if (changelog && i == 0 && w->widths[i] == 6) w->widths[i] = 2;   /* "op", "+I" */
    }
    switch (w->fmt) {
    case OUT_CSV:
        for (int i = 0; i < w->ncols; i++) {
            if (i) putc(',', w->f);
            out_csv_field(w->f, weir_column_name(q, i));
        }
        putc('\n', w->f);
        break;
    case OUT_TABLE:
        out_table_border(w);
        for (int i = 0; i < w->ncols; i++) {
            fputs("| ", w->f);
            out_table_cell(w->f, weir_column_name(q, i), out_col_width(w, i), false);
            putc(' ', w->f);
        }
        fputs("|\n", w->f);
        out_table_border(w);
        break;
    case OUT_JSON:
        break;
    }
    if (w->flush_rows) fflush(w->f);
}

/* ---- csv rows ---------------------------------------------------------------- */

/* Hands the row built so far to the FILE. */
static void out_line_flush(OutWriter *w)
{
    if (w->line_len) fwrite_unlocked(w->line, 1, w->line_len, w->f);
    w->line_len = 0;
}

/* Appends n bytes to the row being built. */
static void out_line_put(OutWriter *w, const char *s, size_t n)
{
    if (w->line_len + n > sizeof w->line) {
        out_line_flush(w);
        if (n > sizeof w->line) {
            fwrite_unlocked(s, 1, n, w->f);
            return;
        }
    }
    memcpy(w->line + w->line_len, s, n);
    w->line_len += n;
}

/* Appends the decimal text of v. */
static void out_line_int(OutWriter *w, int64_t v)
{
    char buf[24];
    char *p = buf + sizeof buf;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) *--p = '-';
    out_line_put(w, p, (size_t)(buf + sizeof buf - p));
}

/* Appends s as one CSV field: as is, or quoted (out_csv_field's rule). */
static void out_line_field(OutWriter *w, const char *s)
{
    size_t n = 0;
    bool quote = false;
    for (; s[n]; n++)
        if (s[n] == ',' || s[n] == '"' || s[n] == '\r' || s[n] == '\n') quote = true;
    if (!quote) {
        out_line_put(w, s, n);
        return;
    }
    out_line_flush(w);
    out_csv_field(w->f, s);
}

/* One CSV row: integers formatted here, other values through weir_column_text;
 * only text can hold a delimiter or a quote. */
static void out_csv_row(OutWriter *w, weir_query *q)
{
    for (int i = 0; i < w->ncols; i++) {
        if (i) out_line_put(w, ",", 1);
        if (weir_column_is_null(q, i)) continue;
        int t = out_col_type(w, i);
        if (t == WEIR_BIGINT) out_line_int(w, weir_column_int64(q, i));
        else if (t == WEIR_VARCHAR) out_line_field(w, weir_column_text(q, i));
        else {
            const char *s = weir_column_text(q, i);
            out_line_put(w, s, strlen(s));
        }
    }
    out_line_put(w, "\n", 1);
    out_line_flush(w);
}

void out_row(OutWriter *w, weir_query *q)
{
    int n = w->ncols;
    switch (w->fmt) {
    case OUT_CSV:
        out_csv_row(w, q);
        break;
    case OUT_JSON:
        putc('{', w->f);
        for (int i = 0; i < n; i++) {
            if (i) putc(',', w->f);
            out_json_string(w->f, weir_column_name(q, i));
            putc(':', w->f);
            out_json_value(w->f, q, i, out_col_type(w, i));
        }
        fputs("}\n", w->f);
        break;
    case OUT_TABLE:
        for (int i = 0; i < n; i++) {
            int t = out_col_type(w, i);
            bool null = weir_column_is_null(q, i);
            fputs("| ", w->f);
            out_table_cell(w->f, null ? "<NULL>" : weir_column_text(q, i), out_col_width(w, i),
                           t == WEIR_BIGINT || t == WEIR_DOUBLE);
            putc(' ', w->f);
        }
        fputs("|\n", w->f);
        break;
    }
    w->rows++;
    if (w->flush_rows) fflush(w->f);
}

void out_end(OutWriter *w)
{
    if (w->fmt == OUT_TABLE) {
        out_table_border(w);
        fprintf(w->f, "%lld %s\n", (long long)w->rows, w->rows == 1 ? "row" : "rows");
    }
    fflush(w->f);
}
