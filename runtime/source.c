/*
 * source.c - opening sources: the connector dispatch table, WITH-option lookup,
 * and what every connector shares (format and on_error options, bad-record
 * handling and the dead-letter file).
 *
 * The planner resolves a CREATE SOURCE into a SourceSpec and calls source_open,
 * which finds the connector by name in `connectors` below.  A new connector is a
 * new file with a `source_<name>_open` function plus one line in that table.
 */
#include "connector_api.h"
#include "format.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef int (*SourceOpenFn)(const SourceSpec *spec, Source **out, WeirError *err);

static const struct {
    const char *name;
    SourceOpenFn open;
} connectors[] = {
    {"file", source_file_open},
    {"stdin", source_stdin_open},
    {"api", source_api_open},
    {"datagen", source_datagen_open},
    {"kafka", source_kafka_open},
    {"nexmark", source_nexmark_open},
};

bool source_parse_int(const char *s, size_t n, int64_t *out)
{
    while (n > 0 && isspace((unsigned char)*s)) s++, n--;
    while (n > 0 && isspace((unsigned char)s[n - 1])) n--;
    return n > 0 && fmt_parse_i64(s, n, out);
}

const char *source_option(const SourceSpec *spec, const char *key)
{
    /* the last occurrence wins, as with SET */
    for (int i = spec->nopts - 1; i >= 0; i--)
        if (strcmp(spec->opt_keys[i], key) == 0) return spec->opt_values[i];
    return NULL;
}

int source_open(const SourceSpec *spec, Source **out, WeirError *err)
{
    *out = NULL;
    const char *name = spec->connector ? spec->connector : "";
    for (size_t i = 0; i < sizeof connectors / sizeof connectors[0]; i++)
        if (strcmp(connectors[i].name, name) == 0) return connectors[i].open(spec, out, err);
    return err_set(err, WEIR_ERROR, "unknown connector \"%s\" for source \"%s\"", name,
                   spec->name);
}

int source_common_init(const SourceSpec *spec, SourceCommon *c, WeirError *err)
{
    memset(c, 0, sizeof *c);
    c->dl_fd = -1;
    fmt_options_default(&c->fmt);
    const char *v;
    if ((v = source_option(spec, "format"))) {
        if (strcmp(v, "csv") == 0) c->fmt.kind = FMT_CSV;
        else if (strcmp(v, "json") == 0) c->fmt.kind = FMT_JSON;
        else
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": unknown format \"%s\" (expected csv or json)",
                           spec->name, v);
    }
    if ((v = source_option(spec, "csv.header"))) {
        if (strcmp(v, "true") == 0) c->fmt.header = true;
        else if (strcmp(v, "false") == 0) c->fmt.header = false;
        else
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": csv.header must be 'true' or 'false', not \"%s\"",
                           spec->name, v);
    }
    if ((v = source_option(spec, "csv.delimiter"))) {
        /* one character; '\t' written out is accepted for tab */
        if (strcmp(v, "\\t") == 0) v = "\t";
        if (strlen(v) != 1 || v[0] == '"' || v[0] == '\n' || v[0] == '\r')
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": csv.delimiter must be one character (not a quote "
                           "or line end), not \"%s\"",
                           spec->name, v);
        c->fmt.delim = v[0];
    }
    c->fmt.ts_format = source_option(spec, "timestamp.format");
    if ((v = source_option(spec, "on_error"))) {
        if (strcmp(v, "fail") == 0) c->on_error = ON_ERROR_FAIL;
        else if (strcmp(v, "skip") == 0) c->on_error = ON_ERROR_SKIP;
        else if (strcmp(v, "dead_letter") == 0) c->on_error = ON_ERROR_DEAD_LETTER;
        else
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": unknown on_error \"%s\" (expected fail, skip or "
                           "dead_letter)",
                           spec->name, v);
    }
    if (c->on_error == ON_ERROR_DEAD_LETTER) {
        v = source_option(spec, "dead_letter.path");
        if (!v || !*v)
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": on_error = 'dead_letter' needs dead_letter.path",
                           spec->name);
        c->dl_path = source_resolve_path(spec, v);
        if (!c->dl_path) return err_set(err, WEIR_NOMEM, "out of memory");
    }
    return WEIR_OK;
}

void source_common_free(SourceCommon *c)
{
    if (c->dl_fd >= 0) close(c->dl_fd);
    c->dl_fd = -1;
    free(c->dl_path);
    c->dl_path = NULL;
    fmt_buf_free(&c->dl_buf);
}

char *source_resolve_path(const SourceSpec *spec, const char *path)
{
    const char *base = spec->base_dir ? spec->base_dir : "";
    if (path[0] == '/' || !*base) return strdup(path);
    size_t bl = strlen(base), pl = strlen(path);
    char *r = malloc(bl + pl + 2);
    if (!r) return NULL;
    memcpy(r, base, bl);
    size_t k = bl;
    if (base[bl - 1] != '/') r[k++] = '/';
    memcpy(r + k, path, pl + 1);
    return r;
}

/* Writes the whole buffer, retrying short writes and EINTR. */
static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Defined in format_csv.c; declared here until format.h takes it. */

static int source_base64(FmtBuf *b, const char *rec, size_t n);

/* Appends "record":"..." for a dead letter: the record as a JSON string.  A
 * record with NUL bytes or bytes that are not UTF-8 (which the decoders refuse
 * in a VARCHAR) has them as U+FFFD, so the dead-letter file reads back as a
 * source, plus "record_base64" with the exact bytes.  Returns WEIR_OK or
 * WEIR_NOMEM. */
static int source_dl_record(FmtBuf *b, const char *rec, size_t n)
{
    if (fmt_buf_append(b, ",\"record\":", 10)) return WEIR_NOMEM;
    if (fmt_utf8_check(rec, n) == n) return fmt_json_string(b, rec, n);
    /* a rare path: a copy with NULs as 0xFF, which fmt_json_string writes as
     * U+FFFD like any other invalid byte */
    char *copy = malloc(n);
    if (!copy) return WEIR_NOMEM;
    for (size_t i = 0; i < n; i++) copy[i] = rec[i] ? rec[i] : (char)0xFF;
    int rc = fmt_json_string(b, copy, n);
    free(copy);
    return rc ? rc : source_base64(b, rec, n);
}

/* Appends ,"record_base64":"..." (RFC 4648) for a record that is not valid
 * UTF-8, whose "record" string had to replace bytes: so the dead letter keeps
 * the exact bytes.  Returns WEIR_OK or WEIR_NOMEM. */
static int source_base64(FmtBuf *b, const char *rec, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *s = (const unsigned char *)rec;
    if (fmt_buf_append(b, ",\"record_base64\":\"", 18) ||
        fmt_buf_reserve(b, (n + 2) / 3 * 4 + 1))
        return WEIR_NOMEM;
    char *o = b->data + b->len;
    size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        unsigned v = (unsigned)s[i] << 16 | (unsigned)s[i + 1] << 8 | s[i + 2];
        *o++ = tab[v >> 18], *o++ = tab[(v >> 12) & 63], *o++ = tab[(v >> 6) & 63];
        *o++ = tab[v & 63];
    }
    if (i < n) {
        unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0);
        *o++ = tab[v >> 18], *o++ = tab[(v >> 12) & 63];
        *o++ = i + 1 < n ? tab[(v >> 6) & 63] : '=';
        *o++ = '=';
    }
    *o++ = '"';
    b->len = (size_t)(o - b->data);
    return WEIR_OK;
}

int source_reject(Source *s, SourceCommon *c, const char *position, const char *reason,
                  const char *rec, size_t n, WeirError *err)
{
    /* reason may live in err->msg, which err_set overwrites: copy it first */
    char why[ERR_MSG_MAX];
    snprintf(why, sizeof why, "%s", reason);
    if (c->on_error == ON_ERROR_FAIL)
        return err_set(err, WEIR_DATA, "source \"%s\": %s: %s", s->name, position, why);
    s->malformed++;
    if (s->nbad < SOURCE_BAD_POS_KEEP) snprintf(s->bad_pos[s->nbad++], 64, "%s", position);
    if (c->on_error != ON_ERROR_DEAD_LETTER) return WEIR_OK;
    if (c->dl_fd < 0) {
        c->dl_fd = open(c->dl_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (c->dl_fd < 0)
            return err_set(err, WEIR_IOERR, "source \"%s\": cannot open \"%s\": %s", s->name,
                           c->dl_path, strerror(errno));
    }
    FmtBuf *b = &c->dl_buf;
    b->len = 0;
    if (fmt_buf_append(b, "{\"source\":", 10) || fmt_json_string(b, s->name, strlen(s->name)) ||
        fmt_buf_append(b, ",\"position\":", 12) ||
        fmt_json_string(b, position, strlen(position)) ||
        fmt_buf_append(b, ",\"reason\":", 10) || fmt_json_string(b, why, strlen(why)) ||
        source_dl_record(b, rec, n) ||
        fmt_buf_append(b, "}\n", 2))
        return err_set(err, WEIR_NOMEM, "out of memory");
    if (write_all(c->dl_fd, b->data, b->len) != 0)
        return err_set(err, WEIR_IOERR, "source \"%s\": cannot write \"%s\": %s", s->name,
                       c->dl_path, strerror(errno));
    return WEIR_OK;
}

int source_reject_row(Source *s, int32_t part, int64_t pos, const char *reason, WeirError *err)
{
    char where[96];
    if (pos > 0 && s->pos_partitioned) snprintf(where, sizeof where, "partition %d offset %lld", (int)part, (long long)(pos - 1));
    else if (pos > 0 && s->pos_label) snprintf(where, sizeof where, "%s%c%lld", s->pos_label, s->pos_sep, (long long)pos);
    else if (pos > 0) snprintf(where, sizeof where, "line %lld", (long long)pos);
    else snprintf(where, sizeof where, "a record");
    if (!s->common) {
        char why[ERR_MSG_MAX];
        snprintf(why, sizeof why, "%s", reason);
        return err_set(err, WEIR_DATA, "source \"%s\": %s: %s", s->name, where, why);
    }
    /* The raw bytes are gone by now: the dead letter carries the reason. */
    return source_reject(s, s->common, where, reason, "", 0, err);
}
