/*
 * format_json.c - JSON lines: one object per record, decoded into Values by
 * key, and rows encoded back to object lines (see format.h).
 *
 * The decoder is a single forward pass over the record: no tree is built.  For
 * each key it finds the column (trying first the column after the last one
 * matched, since producers write keys in the same order every time), then reads
 * the value straight into the row or skips it, validating as it goes.  Strings
 * without escapes point into the record; escaped ones are decoded into the
 * caller's arena.  An object or array read into a VARCHAR column keeps its exact
 * JSON text.  Keys match column names exactly, else case-insensitively;
 * duplicate keys: the last wins; missing keys and null are NULL.
 */
#include "format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define JSON_MAX_DEPTH 256

/* Defined in format_csv.c (see there); declared here until format.h takes it. */

typedef struct JsonIn {
    const char *rec;    /* start, for byte positions in messages */
    const char *p;
    const char *end;
} JsonIn;

/* `invalid JSON at byte N`, N 1-based (n + 1 when the record ends too soon). */
static int json_invalid(const JsonIn *in, const char *at, WeirError *err)
{
    return err_set(err, WEIR_DATA, "invalid JSON at byte %zu", (size_t)(at - in->rec) + 1);
}

static inline void json_ws(JsonIn *in)
{
    while (in->p < in->end &&
           (*in->p == ' ' || *in->p == '\t' || *in->p == '\n' || *in->p == '\r'))
        in->p++;
}

/* Scans a string whose opening quote is at in->p.  Leaves in->p after the
 * closing quote; *s, *n: the raw body; *esc: whether it holds backslashes. */
static int json_scan_string(JsonIn *in, const char **s, size_t *n, bool *esc, WeirError *err)
{
    const char *q = in->p + 1;
    bool high = false;
    *esc = false;
    for (;;) {
        if (q >= in->end) return json_invalid(in, q, err);
        unsigned char c = (unsigned char)*q;
        if (c == '"') break;
        high |= c >= 0x80;
        if (c == '\\') {
            *esc = true;
            if (q + 1 >= in->end || q[1] == 0 || !strchr("\"\\/bfnrtu", q[1]))
                return json_invalid(in, q + 1, err);
            q += 2;
            continue;
        }
        if (c < 0x20) return json_invalid(in, q, err);
        q++;
    }
    *s = in->p + 1;
    *n = (size_t)(q - *s);
    if (high) {
        /* JSON text is UTF-8 (RFC 8259); raw NULs were refused above */
        size_t bad = fmt_utf8_check(*s, *n);
        if (bad < *n)
            return err_set(err, WEIR_DATA, "invalid UTF-8 at byte %zu",
                           (size_t)(*s + bad - in->rec) + 1);
    }
    in->p = q + 1;
    return WEIR_OK;
}

static int hex4(const char *s, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return -1;
    }
    *out = v;
    return 0;
}

static size_t utf8_put(char *o, unsigned cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decodes the escapes of a string body s[0..n) into o (at least n bytes: the
 * result is never longer).  Surrogate pairs become one 4-byte UTF-8 sequence; a
 * lone surrogate becomes U+FFFD.  Returns the length, or -1 (and *bad, the
 * offset in s) on a bad \u escape. */
static long json_unescape(const char *s, size_t n, char *o, size_t *bad)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\') {
            o[k++] = s[i];
            continue;
        }
        char e = s[++i];
        switch (e) {
        case 'n': o[k++] = '\n'; break;
        case 't': o[k++] = '\t'; break;
        case 'r': o[k++] = '\r'; break;
        case 'b': o[k++] = '\b'; break;
        case 'f': o[k++] = '\f'; break;
        case 'u': {
            unsigned cp, lo;
            if (n - i - 1 < 4 || hex4(s + i + 1, &cp) != 0) {
                *bad = i + 1;
                return -1;
            }
            i += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF && n - i - 1 >= 6 && s[i + 1] == '\\' &&
                s[i + 2] == 'u' && hex4(s + i + 3, &lo) == 0 && lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i += 6;
            } else if (cp >= 0xD800 && cp <= 0xDFFF) {
                cp = 0xFFFD;
            }
            k += utf8_put(o + k, cp);
            break;
        }
        default: o[k++] = e; break; /* \" \\ \/ */
        }
    }
    return (long)k;
}

/* Skips one JSON value at in->p (after whitespace), validating it. */
static int json_skip(JsonIn *in, int depth, WeirError *err)
{
    if (in->p >= in->end) return json_invalid(in, in->p, err);
    if (depth > JSON_MAX_DEPTH) return json_invalid(in, in->p, err);
    char c = *in->p;
    const char *s;
    size_t n;
    bool esc;
    switch (c) {
    case '"':
        return json_scan_string(in, &s, &n, &esc, err);
    case '{':
    case '[': {
        char close = c == '{' ? '}' : ']';
        in->p++;
        json_ws(in);
        if (in->p < in->end && *in->p == close) {
            in->p++;
            return WEIR_OK;
        }
        for (;;) {
            if (c == '{') {
                if (in->p >= in->end || *in->p != '"') return json_invalid(in, in->p, err);
                if (json_scan_string(in, &s, &n, &esc, err)) return WEIR_DATA;
                json_ws(in);
                if (in->p >= in->end || *in->p != ':') return json_invalid(in, in->p, err);
                in->p++;
                json_ws(in);
            }
            if (json_skip(in, depth + 1, err)) return WEIR_DATA;
            json_ws(in);
            if (in->p < in->end && *in->p == ',') {
                in->p++;
                json_ws(in);
                continue;
            }
            if (in->p < in->end && *in->p == close) {
                in->p++;
                return WEIR_OK;
            }
            return json_invalid(in, in->p, err);
        }
    }
    case 't':
        if (in->end - in->p >= 4 && memcmp(in->p, "true", 4) == 0) return in->p += 4, WEIR_OK;
        return json_invalid(in, in->p, err);
    case 'f':
        if (in->end - in->p >= 5 && memcmp(in->p, "false", 5) == 0) return in->p += 5, WEIR_OK;
        return json_invalid(in, in->p, err);
    case 'n':
        if (in->end - in->p >= 4 && memcmp(in->p, "null", 4) == 0) return in->p += 4, WEIR_OK;
        return json_invalid(in, in->p, err);
    default: {
        /* A number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
        const char *p = in->p, *e = in->end;
        if (p < e && *p == '-') p++;
        if (p >= e || *p < '0' || *p > '9') return json_invalid(in, p, err);
        if (*p == '0') p++;
        else while (p < e && *p >= '0' && *p <= '9') p++;
        if (p < e && *p == '.') {
            p++;
            if (p >= e || *p < '0' || *p > '9') return json_invalid(in, p, err);
            while (p < e && *p >= '0' && *p <= '9') p++;
        }
        if (p < e && (*p == 'e' || *p == 'E')) {
            p++;
            if (p < e && (*p == '+' || *p == '-')) p++;
            if (p >= e || *p < '0' || *p > '9') return json_invalid(in, p, err);
            while (p < e && *p >= '0' && *p <= '9') p++;
        }
        in->p = p;
        return WEIR_OK;
    }
    }
}

/* The column named by key k[0..n), or -1.  Tries d->json_next first. */
static int json_find_col(FmtDecoder *d, const char *k, size_t n)
{
    int nc = d->ncols;
    int g = d->json_next < nc ? d->json_next : 0;
    for (int i = 0; i < nc; i++) {
        int c = g + i < nc ? g + i : g + i - nc;
        if (d->name_len[c] == n && memcmp(d->cols[c].name, k, n) == 0) return c;
    }
    for (int c = 0; c < nc; c++)
        if (d->name_len[c] == n && strncasecmp(d->cols[c].name, k, n) == 0) return c;
    return -1;
}

/* Reads the value at in->p into column c. */
static int json_value(FmtDecoder *d, JsonIn *in, int c, Value *v, Arena *text, WeirError *err)
{
    TypeId t = d->cols[c].type;
    const char *start = in->p;
    char ch = *in->p;
    if (ch == '"') {
        const char *s;
        size_t n;
        bool esc;
        if (json_scan_string(in, &s, &n, &esc, err)) {
            if (strncmp(err->msg, "invalid UTF-8", 13) == 0) {
                char why[64];
                snprintf(why, sizeof why, "%.60s", err->msg);
                err_set(err, WEIR_DATA, "column \"%s\": %s", d->cols[c].name, why);
            }
            return WEIR_DATA;
        }
        if (esc) {
            char *o = arena_alloc(text, n);
            if (!o) return err_set(err, WEIR_NOMEM, "out of memory");
            size_t bad;
            long k = json_unescape(s, n, o, &bad);
            if (k < 0) return json_invalid(in, s + bad, err);
            s = o;
            n = (size_t)k;
        }
        return fmt_text_value(d, c, s, n, v, err);
    }
    if ((ch == '-' || (ch >= '1' && ch <= '9')) &&
        (t == TYPE_BIGINT || t == TYPE_TIMESTAMP || t == TYPE_DOUBLE)) {
        /* plain numbers parsed in one scan; anything else (exponents, leading
         * zeros, long or inexact values) takes the general path below */
        const char *q = t == TYPE_DOUBLE ? fmt_scan_decimal(in->p, in->end, &v->u.d)
                                         : fmt_scan_int(in->p, in->end, &v->u.i);
        if (q && q[-1] != '.' && (unsigned)(in->p[ch == '-'] - '1') <= 8 &&
            (q == in->end || !strchr("0123456789.eE+-", *q) || *q == 0) &&
            (t != TYPE_TIMESTAMP || ts_valid(v->u.i))) { /* else the general path reports it */
            in->p = q;
            v->null = 0;
            return WEIR_OK;
        }
    }
    if (ch == 'n') {
        if (json_skip(in, 0, err)) return WEIR_DATA;
        v->null = 1;
        return WEIR_OK;
    }
    if (json_skip(in, 0, err)) return WEIR_DATA;
    const char *s = start;
    size_t n = (size_t)(in->p - start);
    v->null = 0;
    if (t == TYPE_VARCHAR) {
        /* numbers, booleans, objects and arrays keep their exact text */
        v->u.s = s;
        v->len = (uint32_t)n;
        return WEIR_OK;
    }
    if (ch == 't' || ch == 'f') {
        if (t != TYPE_BOOLEAN) return fmt_bad_value(d, c, s, n, err);
        v->u.i = ch == 't';
        return WEIR_OK;
    }
    if (ch == '{' || ch == '[') return fmt_bad_value(d, c, s, n, err);
    /* a number */
    switch (t) {
    case TYPE_DOUBLE:
        if (fmt_parse_double(s, n, &v->u.d)) return WEIR_OK;
        break;
    case TYPE_BIGINT:
    case TYPE_INT:
    case TYPE_TIMESTAMP:
        /* integral numbers, also written as 12.0 or 1e3; TIMESTAMP: epoch ms */
        return fmt_text_value(d, c, s, n, v, err);
    default:
        break;
    }
    return fmt_bad_value(d, c, s, n, err);
}

int fmt_json_decode(FmtDecoder *d, const char *rec, size_t n, Value *row, Arena *text,
                    WeirError *err)
{
    JsonIn in = {rec, rec, rec + n};
    for (int c = 0; c < d->ncols; c++) row[c].null = 1;
    json_ws(&in);
    if (in.p >= in.end || *in.p != '{') {
        if (in.p < in.end && *in.p && strchr("[\"-0123456789tfn", *in.p))
            return err_set(err, WEIR_DATA, "not a JSON object");
        return json_invalid(&in, in.p, err);
    }
    in.p++;
    json_ws(&in);
    if (in.p < in.end && *in.p == '}') {
        in.p++;
    } else {
        for (;;) {
            const char *k;
            size_t kn;
            bool esc;
            if (in.p >= in.end || *in.p != '"') return json_invalid(&in, in.p, err);
            if (json_scan_string(&in, &k, &kn, &esc, err)) return WEIR_DATA;
            char kbuf[256];
            if (esc) {
                /* a key with escapes: decode it (keys longer than kbuf match nothing) */
                size_t bad;
                long kl = kn <= sizeof kbuf ? json_unescape(k, kn, kbuf, &bad) : 0;
                if (kl < 0) return json_invalid(&in, k + bad, err);
                k = kbuf;
                kn = kn <= sizeof kbuf ? (size_t)kl : 0;
            }
            json_ws(&in);
            if (in.p >= in.end || *in.p != ':') return json_invalid(&in, in.p, err);
            in.p++;
            json_ws(&in);
            if (in.p >= in.end) return json_invalid(&in, in.p, err);
            int c = kn ? json_find_col(d, k, kn) : -1;
            if (c >= 0) {
                int rc = json_value(d, &in, c, &row[c], text, err);
                if (rc != WEIR_OK) return rc;
                d->json_next = c + 1;
            } else if (json_skip(&in, 0, err)) {
                return WEIR_DATA;
            }
            json_ws(&in);
            if (in.p < in.end && *in.p == ',') {
                in.p++;
                json_ws(&in);
                continue;
            }
            if (in.p < in.end && *in.p == '}') {
                in.p++;
                break;
            }
            return json_invalid(&in, in.p, err);
        }
    }
    json_ws(&in);
    if (in.p != in.end) return json_invalid(&in, in.p, err);
    return WEIR_OK;
}

/* ---- encoding ------------------------------------------------------------ */

/* Invalid UTF-8 is written as \ufffd (source_reject adds the exact bytes of a
 * dead letter in base64). */
int fmt_json_string(FmtBuf *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    /* worst case: every byte as \u00XX */
    if (fmt_buf_reserve(out, n * 6 + 2) != WEIR_OK) return WEIR_NOMEM;
    char *o = out->data + out->len;
    *o++ = '"';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            /* valid UTF-8 as is; any other byte as U+FFFD, so the line is
             * always valid JSON (6 output bytes at most per input byte) */
            size_t l = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            if (l <= n - i && fmt_utf8_check(s + i, l) == l) {
                memcpy(o, s + i, l);
                o += l;
                i += l - 1;
            } else {
                memcpy(o, "\\ufffd", 6);
                o += 6;
            }
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\') {
            *o++ = (char)c;
            continue;
        }
        *o++ = '\\';
        switch (c) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '\n': *o++ = 'n'; break;
        case '\r': *o++ = 'r'; break;
        case '\t': *o++ = 't'; break;
        case '\b': *o++ = 'b'; break;
        case '\f': *o++ = 'f'; break;
        default:
            *o++ = 'u';
            *o++ = '0';
            *o++ = '0';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
            break;
        }
    }
    *o++ = '"';
    out->len = (size_t)(o - out->data);
    return WEIR_OK;
}

int fmt_json_encode(FmtBuf *out, const SourceColumn *cols, const Value *row, int ncols)
{
    char tmp[40];
    if (fmt_buf_append(out, "{", 1) != WEIR_OK) return WEIR_NOMEM;
    for (int c = 0; c < ncols; c++) {
        if (c > 0 && fmt_buf_append(out, ",", 1) != WEIR_OK) return WEIR_NOMEM;
        if (fmt_json_string(out, cols[c].name, strlen(cols[c].name)) != WEIR_OK ||
            fmt_buf_append(out, ":", 1) != WEIR_OK)
            return WEIR_NOMEM;
        const Value *v = &row[c];
        int rc;
        if (v->null) {
            rc = fmt_buf_append(out, "null", 4);
        } else {
            TypeId t = cols[c].type;
            if (t == TYPE_VARCHAR) {
                rc = fmt_json_string(out, v->u.s, v->len);
            } else {
                int n = fmt_scalar_text(t, v, tmp);
                /* TIMESTAMPs are strings; so are NaN and the infinities, which
                 * are no JSON numbers */
                bool str = t == TYPE_TIMESTAMP ||
                           (t == TYPE_DOUBLE && (tmp[0] == 'N' || tmp[0] == 'I' || tmp[1] == 'I'));
                rc = str ? fmt_json_string(out, tmp, (size_t)n)
                         : fmt_buf_append(out, tmp, (size_t)n);
            }
        }
        if (rc != WEIR_OK) return WEIR_NOMEM;
    }
    return fmt_buf_append(out, "}\n", 2);
}
