/*
 * format_csv.c - CSV records: framing, header mapping, decoding into Values and
 * encoding back (see format.h).  Also holds what both formats share: the decoder
 * life cycle, the text-to-value parsers (integers, doubles, booleans,
 * timestamps) and FmtBuf.
 *
 * Decoding is the hot path of every file benchmark, so it scans the record once,
 * parses numbers by hand and allocates nothing: a field points into the record
 * unless it held "" escapes, which are copied out into the caller's arena.
 *
 * Quotes follow RFC 4180: a quote opens a quoted field only at the start of a
 * field (elsewhere it is an ordinary byte), inside one "" is a quote, and the
 * closing quote must be followed by the delimiter or the end of the record.
 * Framing (fmt_frame) and decoding apply the same rule, so they agree on where
 * a record ends.
 */
#include "format.h"

#include <ctype.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Shared with format_json.c; declared here until format.h takes them.
 * fmt_utf8_check: the offset of the first byte of s[0..n) that is a NUL or
 * not part of valid UTF-8, or n.  fmt_show: s[0..n) as message text in
 * out[cap] (cap >= 16): at most 100 bytes, control bytes and invalid UTF-8 as
 * \xHH, "..." when cut; returns the length.  fmt_check_text: a VARCHAR value
 * must be valid UTF-8 without NUL bytes, else WEIR_DATA naming the column,
 * the byte and the value. */
size_t fmt_show(char *out, size_t cap, const char *s, size_t n);

/* ---- decoder life cycle -------------------------------------------------- */

void fmt_options_default(FmtOptions *o)
{
    o->kind = FMT_CSV;
    o->delim = ',';
    o->header = true;
    o->ts_format = NULL;
}

int fmt_decoder_init(FmtDecoder *d, const FmtOptions *o, int ncols, const SourceColumn *cols,
                     WeirError *err)
{
    memset(d, 0, sizeof *d);
    d->o = *o;
    d->ncols = ncols;
    d->cols = cols;
    if (o->kind == FMT_CSV && (o->delim == 0 || o->delim == '"' || o->delim == '\n' ||
                               o->delim == '\r'))
        return err_set(err, WEIR_ERROR, "csv.delimiter cannot be a quote or a line end");
    d->nfields = ncols;
    d->field_col = malloc(sizeof(int) * (size_t)(ncols > 0 ? ncols : 1));
    d->name_len = malloc(sizeof(size_t) * (size_t)(ncols > 0 ? ncols : 1));
    if (!d->field_col || !d->name_len) {
        fmt_decoder_free(d);
        return err_set(err, WEIR_NOMEM, "out of memory");
    }
    for (int i = 0; i < ncols; i++) {
        d->field_col[i] = i;
        d->name_len[i] = strlen(cols[i].name);
    }
    return WEIR_OK;
}

void fmt_decoder_free(FmtDecoder *d)
{
    free(d->field_col);
    free(d->name_len);
    d->field_col = NULL;
    d->name_len = NULL;
}

/* ---- text to value ------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s[0..n) (1 to 4), or 0 when it is
 * not one: overlong forms, surrogates and code points past U+10FFFF are
 * invalid (RFC 3629).  s[0] >= 0x80. */
static size_t fmt_utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len;
    unsigned lo = 0x80, hi = 0xBF; /* the range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else return 0;
    if (n < len || s[1] < lo || s[1] > hi) return 0;
    for (size_t i = 2; i < len; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    return len;
}

size_t fmt_utf8_check(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    /* ASCII without NUL, eight bytes at a time: the common case */
    while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if ((w & 0x8080808080808080ULL) ||
            ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL))
            break;
        i += 8;
    }
    while (i < n) {
        if (s[i] == 0) return i;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t l = fmt_utf8_seq(s + i, n - i);
        if (!l) return i;
        i += l;
    }
    return n;
}

size_t fmt_show(char *out, size_t cap, const char *str, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *s = (const unsigned char *)str;
    const size_t max = 100;
    size_t k = 0, i = 0;
    for (; i < n && i < max && k + 5 < cap; i++) {
        unsigned c = s[i];
        size_t l = c >= 0x80 ? fmt_utf8_seq(s + i, n - i) : 0;
        if (c >= 0x20 && c < 0x7F) {
            out[k++] = (char)c;
        } else if (l && k + l + 1 < cap) {
            memcpy(out + k, s + i, l);
            k += l;
            i += l - 1;
        } else {
            out[k++] = '\\';
            out[k++] = 'x';
            out[k++] = hex[c >> 4];
            out[k++] = hex[c & 15];
        }
    }
    if (i < n && k + 4 <= cap) memcpy(out + k, "...", 3), k += 3;
    out[k] = 0;
    return k;
}

int fmt_bad_value(const FmtDecoder *d, int col, const char *s, size_t n, WeirError *err)
{
    char shown[512];
    fmt_show(shown, sizeof shown, s, n);
    return err_set(err, WEIR_DATA, "column \"%s\": cannot read \"%s\" as %s", d->cols[col].name,
                   shown, type_name(d->cols[col].type));
}

int fmt_ts_range(const FmtDecoder *d, int col, const char *s, size_t n, WeirError *err)
{
    char shown[512];
    fmt_show(shown, sizeof shown, s, n);
    return err_set(err, WEIR_DATA, "column \"%s\": \"%s\" " TS_RANGE_MSG, d->cols[col].name, shown);
}

/* The error of fmt_check_text, out of line: the check itself stays small. */
static __attribute__((noinline)) int check_text_fail(const FmtDecoder *d, int col, const char *s, size_t n,
                                                     size_t at, WeirError *err)
{
    char shown[512];
    fmt_show(shown, sizeof shown, s, n);
    return err_set(err, WEIR_DATA, "column \"%s\": %s at byte %zu of \"%s\"", d->cols[col].name,
                   s[at] == 0 ? "NUL byte" : "invalid UTF-8", at + 1, shown);
}

int fmt_check_text(const FmtDecoder *d, int col, const char *s, size_t n, WeirError *err)
{
    /* Short ASCII fields (keys, names) are the common case: one compare a byte
     * (1..127 passes; NUL and bytes >= 0x80 go to the full check). */
    size_t i = 0;
    while (i < n && (unsigned)(unsigned char)s[i] - 1u < 0x7fu) i++;
    if (i == n) return WEIR_OK;
    size_t at = i + fmt_utf8_check(s + i, n - i);
    if (at == n) return WEIR_OK;
    return check_text_fail(d, col, s, n, at, err);
}

bool fmt_parse_i64(const char *s, size_t n, int64_t *out)
{
    size_t i = 0;
    bool neg = false;
    if (n > 0 && (s[0] == '-' || s[0] == '+')) neg = s[0] == '-', i = 1;
    if (i == n) return false;
    uint64_t v = 0;
    if (n - i <= 18) {
        /* Up to 18 digits cannot overflow: the common case, no checks. */
        for (; i < n; i++) {
            unsigned dg = (unsigned)(unsigned char)s[i] - '0';
            if (dg > 9) return false;
            v = v * 10 + dg;
        }
    } else {
        for (; i < n; i++) {
            unsigned dg = (unsigned)(unsigned char)s[i] - '0';
            if (dg > 9) return false;
            if (__builtin_mul_overflow(v, 10u, &v) || __builtin_add_overflow(v, dg, &v))
                return false;
        }
    }
    if (neg) {
        if (v > (uint64_t)INT64_MAX + 1) return false;
        *out = (int64_t)(0 - v);
    } else {
        if (v > (uint64_t)INT64_MAX) return false;
        *out = (int64_t)v;
    }
    return true;
}

const double fmt_pow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* strtod on a NUL-terminated copy; the whole text must be consumed. */
static bool parse_double_slow(const char *s, size_t n, double *out)
{
    char small[128];
    char *buf = n < sizeof small ? small : malloc(n + 1);
    if (!buf) return false;
    memcpy(buf, s, n);
    buf[n] = 0;
    char *end;
    double v = strtod(buf, &end);
    bool ok = n > 0 && end == buf + n && !isspace((unsigned char)buf[0]);
    if (buf != small) free(buf);
    if (ok) *out = v;
    return ok;
}

/* The fast path: m digits (at most 19, so m is exact) times 10^e with |e| <= 22
 * and m <= 2^53 is one correctly rounded IEEE operation on two exact values,
 * hence the same double strtod gives.  Anything else goes to strtod. */
bool fmt_parse_double(const char *s, size_t n, double *out)
{
    size_t i = 0;
    bool neg = false;
    if (n > 0 && (s[0] == '-' || s[0] == '+')) neg = s[0] == '-', i = 1;
    uint64_t m = 0;
    int ndig = 0, exp10 = 0;
    while (i < n && (unsigned)(unsigned char)s[i] - '0' <= 9) {
        m = m * 10 + (unsigned)(s[i] - '0');
        ndig++, i++;
    }
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && (unsigned)(unsigned char)s[i] - '0' <= 9) {
            m = m * 10 + (unsigned)(s[i] - '0');
            ndig++, i++, exp10--;
        }
    }
    if (ndig == 0 || ndig > 19) return parse_double_slow(s, n, out);
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        bool eneg = false;
        if (i < n && (s[i] == '-' || s[i] == '+')) eneg = s[i] == '-', i++;
        if (i == n) return false;
        int e = 0;
        while (i < n && (unsigned)(unsigned char)s[i] - '0' <= 9) {
            if (e < 100000) e = e * 10 + (s[i] - '0');
            i++;
        }
        exp10 += eneg ? -e : e;
    }
    if (i != n) return parse_double_slow(s, n, out);
    double v;
    if (m == 0) v = 0.0;
    else if (m <= (1ULL << 53) && exp10 >= -22 && exp10 <= 22)
        v = exp10 < 0 ? (double)m / fmt_pow10[-exp10] : (double)m * fmt_pow10[exp10];
    else return parse_double_slow(s, n, out);
    *out = neg ? -v : v;
    return true;
}

/* An integer column from text: plain digits, or a number that is integral
 * ("12.0", "1e3") and in range. */
static bool parse_integral(const char *s, size_t n, int64_t *out)
{
    if (fmt_parse_i64(s, n, out)) return true;
    double dv;
    if (!fmt_parse_double(s, n, &dv) || dv != floor(dv)) return false;
    if (!(dv >= -9223372036854775808.0 && dv < 9223372036854775808.0)) return false;
    *out = (int64_t)dv;
    return true;
}

int fmt_text_value(FmtDecoder *d, int col, const char *s, size_t n, Value *v,
                   WeirError *err)
{
    TypeId t = d->cols[col].type;
    v->null = 0;
    if (t == TYPE_VARCHAR) {
        v->u.s = s;
        v->len = (uint32_t)n;
        return fmt_check_text(d, col, s, n, err);
    }
    const char *os = s;
    size_t on = n;
    while (n > 0 && (s[0] == ' ' || s[0] == '\t')) s++, n--;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    if (n == 0) {
        v->null = 1;
        return WEIR_OK;
    }
    switch (t) {
    case TYPE_BIGINT:
        if (fmt_parse_i64(s, n, &v->u.i) || parse_integral(s, n, &v->u.i)) return WEIR_OK;
        break;
    case TYPE_INT:
        if ((fmt_parse_i64(s, n, &v->u.i) || parse_integral(s, n, &v->u.i)) &&
            v->u.i >= INT32_MIN && v->u.i <= INT32_MAX)
            return WEIR_OK;
        break;
    case TYPE_DOUBLE:
        if (fmt_parse_double(s, n, &v->u.d)) return WEIR_OK;
        break;
    case TYPE_BOOLEAN:
        if ((n == 4 && strncasecmp(s, "true", 4) == 0) || (n == 1 && s[0] == '1')) {
            v->u.i = 1;
            return WEIR_OK;
        }
        if ((n == 5 && strncasecmp(s, "false", 5) == 0) || (n == 1 && s[0] == '0')) {
            v->u.i = 0;
            return WEIR_OK;
        }
        break;
    case TYPE_TIMESTAMP:
        /* ISO text is always in range (four-digit years); timestamp.format's %s
         * and epoch milliseconds are checked against years 0000..9999. */
        if ((d->o.ts_format ? time_parse_fmt(s, n, d->o.ts_format, &v->u.i) == 0
                            : time_parse_iso_cached(s, n, &d->tcache, &v->u.i) == 0) ||
            fmt_parse_i64(s, n, &v->u.i)) {
            if (ts_valid(v->u.i)) return WEIR_OK;
            return fmt_ts_range(d, col, os, on, err);
        }
        break;
    default:
        break;
    }
    return fmt_bad_value(d, col, os, on, err);
}

/* ---- header -------------------------------------------------------------- */

/* Counts the fields of a record with the framing rule (error paths, header). */
static int csv_count_fields(const FmtDecoder *d, const char *p, const char *end)
{
    int nf = 1;
    bool start = true, inq = false;
    for (; p < end; p++) {
        char c = *p;
        if (inq) {
            if (c == '"') {
                if (p + 1 < end && p[1] == '"') p++;
                else inq = false;
            }
        } else if (c == d->o.delim) {
            nf++;
            start = true;
            continue;
        } else if (c == '"' && start) {
            inq = true;
        }
        start = false;
    }
    return nf;
}

/* Decodes the header as a record of VARCHARs (with a scratch decoder, so quotes
 * follow the same rules as data), then finds each declared column among the
 * names; runs once per file. */
int fmt_csv_header(FmtDecoder *d, const char *rec, size_t n, WeirError *err)
{
    int nf = csv_count_fields(d, rec, rec + n);
    SourceColumn *hc = malloc(sizeof *hc * (size_t)nf);
    Value *names = malloc(sizeof *names * (size_t)nf);
    int *map = malloc(sizeof *map * (size_t)nf);
    FmtDecoder hd;
    Arena tmp;
    arena_init(&tmp);
    memset(&hd, 0, sizeof hd);
    int rc = WEIR_OK;
    if (!hc || !names || !map) {
        rc = err_set(err, WEIR_NOMEM, "out of memory");
        goto out;
    }
    for (int f = 0; f < nf; f++) {
        hc[f].name = "header";
        hc[f].type = TYPE_VARCHAR;
        map[f] = -1;
    }
    rc = fmt_decoder_init(&hd, &d->o, nf, hc, err);
    if (rc == WEIR_OK) rc = fmt_csv_decode(&hd, rec, n, names, &tmp, err);
    if (rc != WEIR_OK) goto out;
    for (int f = 0; f < nf; f++) {
        /* names are trimmed: "id, name" is common */
        const char *s = names[f].null ? "" : names[f].u.s;
        size_t l = names[f].null ? 0 : names[f].len;
        while (l > 0 && (s[0] == ' ' || s[0] == '\t')) s++, l--;
        while (l > 0 && (s[l - 1] == ' ' || s[l - 1] == '\t')) l--;
        names[f].u.s = s;
        names[f].len = (uint32_t)l;
    }
    for (int c = 0; c < d->ncols; c++) {
        int found = -1;
        for (int f = 0; f < nf && found < 0; f++)
            if (map[f] < 0 && names[f].len == d->name_len[c] &&
                strncasecmp(names[f].u.s, d->cols[c].name, d->name_len[c]) == 0)
                found = f;
        if (found < 0) {
            rc = err_set(err, WEIR_DATA, "header has no column \"%s\"", d->cols[c].name);
            goto out;
        }
        map[found] = c;
    }
    free(d->field_col);
    d->field_col = map;
    d->nfields = nf;
    map = NULL;
out:
    fmt_decoder_free(&hd);
    arena_free(&tmp);
    free(hc);
    free(names);
    free(map);
    return rc;
}

/* ---- decoding ------------------------------------------------------------ */

/* Copies a quoted field body fs[0..n) with "" turned into " into text. */
static const char *csv_unescape(const char *fs, size_t n, Arena *text, size_t *outlen)
{
    char *o = arena_alloc(text, n ? n : 1);
    if (!o) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        o[k++] = fs[i];
        if (fs[i] == '"') i++; /* the second quote of a pair */
    }
    *outlen = k;
    return o;
}

int fmt_csv_decode(FmtDecoder *d, const char *rec, size_t n, Value *row, Arena *text,
                   WeirError *err)
{
    const char *p = rec, *end = rec + n;
    const char delim = d->o.delim;
    const int nfields = d->nfields;
    const int *map = d->field_col;
    int f = 0;
    for (;;) {
        const char *fs;
        size_t fl;
        int c = f < nfields ? map[f] : -1;
        if (p < end && *p == '"') {
            bool esc = false;
            fs = ++p;
            for (;;) {
                const char *q = memchr(p, '"', (size_t)(end - p));
                if (!q) return err_set(err, WEIR_DATA, "unterminated quoted field");
                if (q + 1 < end && q[1] == '"') {
                    esc = true;
                    p = q + 2;
                    continue;
                }
                fl = (size_t)(q - fs);
                p = q + 1;
                break;
            }
            if (p < end && *p != delim) {
                if (csv_count_fields(d, rec, end) != nfields) goto count;
                if (c >= 0)
                    return err_set(err, WEIR_DATA,
                                   "column \"%s\": unexpected text after a closing quote",
                                   d->cols[c].name);
                return err_set(err, WEIR_DATA, "field %d: unexpected text after a closing quote",
                               f + 1);
            }
            if (c >= 0) {
                if (esc) {
                    fs = csv_unescape(fs, fl, text, &fl);
                    if (!fs) return err_set(err, WEIR_NOMEM, "out of memory");
                }
                if (fl == 0 && d->cols[c].type == TYPE_VARCHAR) {
                    row[c].null = 0; /* "" is the empty string, not NULL */
                    row[c].u.s = fs;
                    row[c].len = 0;
                } else if (fmt_text_value(d, c, fs, fl, &row[c], err) != WEIR_OK) {
                    if (csv_count_fields(d, rec, end) != nfields) goto count;
                    return WEIR_DATA;
                }
            }
        } else {
            fs = p;
            if (c >= 0) {
                /* Plain numbers are parsed while the field is scanned. */
                TypeId t = d->cols[c].type;
                const char *q = NULL;
                if (t == TYPE_BIGINT) {
                    q = fmt_scan_int(p, end, &row[c].u.i);
                } else if (t == TYPE_TIMESTAMP && !d->o.ts_format) {
                    /* epoch ms; out of range: the general path reports it */
                    q = fmt_scan_int(p, end, &row[c].u.i);
                    if (q && !ts_valid(row[c].u.i)) q = NULL;
                } else if (t == TYPE_DOUBLE) {
                    q = fmt_scan_decimal(p, end, &row[c].u.d);
                }
                if (q && (q == end || *q == delim)) {
                    row[c].null = 0;
                    f++;
                    p = q;
                    if (p >= end) break;
                    p++;
                    continue;
                }
            }
            {
                const char *q = memchr(p, delim, (size_t)(end - p));   /* vectorised: fields are long */
                p = q ? q : end;
            }
            fl = (size_t)(p - fs);
            if (c >= 0) {
                Value *v = &row[c];
                TypeId t = d->cols[c].type;
                if (fl == 0) {
                    v->null = 1;
                } else if (t == TYPE_VARCHAR) {
                    v->null = 0;
                    v->u.s = fs;
                    v->len = (uint32_t)fl;
                    if (fmt_check_text(d, c, fs, fl, err) != WEIR_OK) {
                        if (csv_count_fields(d, rec, end) != nfields) goto count;
                        return WEIR_DATA;
                    }
                } else if (t == TYPE_TIMESTAMP && !d->o.ts_format && fl >= 19 && fs[0] != ' ' && fs[fl - 1] != ' ' &&
                           time_parse_iso_cached(fs, fl, &d->tcache, &v->u.i) == 0) {   /* ISO text is in range */
                    v->null = 0;   /* the usual ISO text, parsed straight (anything else: below) */
                } else if (fmt_text_value(d, c, fs, fl, v, err) != WEIR_OK) {
                    if (csv_count_fields(d, rec, end) != nfields) goto count;
                    return WEIR_DATA;
                }
            }
        }
        f++;
        if (p >= end) break;
        p++; /* the delimiter; a record ending in one has an empty last field */
    }
    if (f == nfields) return WEIR_OK;
count:
    /* A field count mismatch is reported in preference to a value error: a
     * short or long record usually shows up first as a value in the wrong
     * column. */
    return err_set(err, WEIR_DATA, "expected %d fields, found %d", nfields,
                   csv_count_fields(d, rec, end));
}

/* ---- framing ------------------------------------------------------------- */

/* Ends a record of len bytes whose line end (if any) starts at len. */
static int frame_done(const char *buf, size_t len, size_t used, int nlines, FmtFrame *fr)
{
    if (len > 0 && buf[len - 1] == '\r') len--;
    fr->len = len;
    fr->used = used;
    fr->nlines = nlines;
    return 1;
}

int fmt_frame(const FmtDecoder *d, const char *buf, size_t n, bool eof, FmtFrame *fr)
{
    if (n == 0) return 0;
    const char *nl = memchr(buf, '\n', n);
    size_t lim = nl ? (size_t)(nl - buf) : n;
    if (d->o.kind == FMT_JSON || !memchr(buf, '"', lim)) {
        if (!nl) return eof ? frame_done(buf, n, n, 1, fr) : 0;
        return frame_done(buf, lim, lim + 1, 1, fr);
    }
    /* A quote before the line end: walk the fields. */
    const char delim = d->o.delim;
    bool start = true, inq = false;
    int lines = 1;
    for (size_t i = 0; i < n; i++) {
        char c = buf[i];
        if (inq) {
            if (c == '"') {
                /* a quote as the last byte is decided by the end of the
                 * buffer: incomplete unless eof, where it closes */
                if (i + 1 < n && buf[i + 1] == '"') i++;
                else inq = false;
            } else if (c == '\n') {
                lines++;
            }
            start = false;
            continue;
        }
        if (c == '\n') return frame_done(buf, i, i + 1, lines, fr);
        if (c == delim) {
            start = true;
            continue;
        }
        if (c == '"' && start) inq = true;
        start = false;
    }
    return eof ? frame_done(buf, n, n, lines, fr) : 0;
}

/* ---- FmtBuf -------------------------------------------------------------- */

int fmt_buf_reserve(FmtBuf *b, size_t extra)
{
    if (b->cap - b->len >= extra) return WEIR_OK;
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len < extra) cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) return WEIR_NOMEM;
    b->data = p;
    b->cap = cap;
    return WEIR_OK;
}

int fmt_buf_append(FmtBuf *b, const char *s, size_t n)
{
    if (fmt_buf_reserve(b, n) != WEIR_OK) return WEIR_NOMEM;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    return WEIR_OK;
}

void fmt_buf_free(FmtBuf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

/* ---- encoding ------------------------------------------------------------ */

int fmt_i64_text(int64_t v, char *buf)
{
    char tmp[24];
    int k = 0;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[k++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    int n = 0;
    if (v < 0) buf[n++] = '-';
    while (k > 0) buf[n++] = tmp[--k];
    buf[n] = 0;
    return n;
}

int fmt_scalar_text(TypeId t, const Value *v, char *buf)
{
    switch (t) {
    case TYPE_DOUBLE: return double_format(v->u.d, buf);
    case TYPE_TIMESTAMP: return time_format_iso(v->u.i, buf);
    case TYPE_BOOLEAN: return (int)(strcpy(buf, v->u.i ? "true" : "false"), v->u.i ? 4 : 5);
    default: return fmt_i64_text(v->u.i, buf);
    }
}

/* Appends one CSV field, quoted when it must be. */
static int csv_put_text(FmtBuf *out, const char *s, size_t n, char delim)
{
    bool quote = n == 0;
    size_t nq = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '"') nq++, quote = true;
        else if (c == delim || c == '\n' || c == '\r') quote = true;
    }
    if (!quote) return fmt_buf_append(out, s, n);
    if (fmt_buf_reserve(out, n + nq + 2) != WEIR_OK) return WEIR_NOMEM;
    char *o = out->data + out->len;
    *o++ = '"';
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"') *o++ = '"';
        *o++ = s[i];
    }
    *o++ = '"';
    out->len = (size_t)(o - out->data);
    return WEIR_OK;
}

int fmt_csv_encode_header(FmtBuf *out, const SourceColumn *cols, int ncols, char delim)
{
    for (int c = 0; c < ncols; c++) {
        if (c > 0 && fmt_buf_append(out, &delim, 1) != WEIR_OK) return WEIR_NOMEM;
        if (csv_put_text(out, cols[c].name, strlen(cols[c].name), delim) != WEIR_OK)
            return WEIR_NOMEM;
    }
    return fmt_buf_append(out, "\n", 1);
}

int fmt_csv_encode(FmtBuf *out, const SourceColumn *cols, const Value *row, int ncols,
                   char delim)
{
    char tmp[40];
    for (int c = 0; c < ncols; c++) {
        if (c > 0 && fmt_buf_append(out, &delim, 1) != WEIR_OK) return WEIR_NOMEM;
        const Value *v = &row[c];
        if (v->null) continue;
        int rc;
        if (cols[c].type == TYPE_VARCHAR) {
            rc = csv_put_text(out, v->u.s, v->len, delim);
        } else {
            int n = fmt_scalar_text(cols[c].type, v, tmp);
            rc = fmt_buf_append(out, tmp, (size_t)n);
        }
        if (rc != WEIR_OK) return WEIR_NOMEM;
    }
    return fmt_buf_append(out, "\n", 1);
}
