/*
 * sink_file.c - the sink connectors (see sink.h): file, stdout and blackhole,
 * and sink_open, which picks one by name.
 *
 * file and stdout share one writer: rows are encoded into a FmtBuf (CSV with a
 * header row, or JSON lines) and the buffer goes out at the end of every batch
 * (and whenever it passes 64 KiB); finish() writes the rest and closes.  The
 * file is created when the sink opens and truncated at the first write of the
 * job, so a job over an empty input still leaves a file (with its header).
 *
 * Checkpoints: the file sink counts the bytes it wrote; position() writes out
 * the buffer, fdatasyncs and returns that count, and rewind(len) (a restored
 * job, before its first write) cuts the file back to len instead of truncating
 * it, dropping the header in the buffer, so rows after the checkpoint are
 * written exactly once.  stdout cannot rewind: at-least-once.
 */
#include "sink.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "format.h"
#include "weir.h"

#define SINK_FLUSH_AT (64 * 1024)

typedef struct TextSink {
    Sink base;
    const SourceSpec *spec;
    FmtKind kind;
    char delim;
    bool to_stdout;
    int fd;                    /* file: the open file, -1 once closed */
    const char *display;       /* the path as written, for messages */
    FmtBuf buf;                /* encoded rows not yet written */
    bool fresh;                /* file: truncate it before the first write */
    int64_t written;           /* file: its length as this job wrote it */
} TextSink;

/* Writes the whole buffer (retrying short writes and EINTR) and empties it. */
static int text_drain(TextSink *t, WeirError *err)
{
    if (!t->buf.len) return WEIR_OK;
    if (t->to_stdout) {
        if (fwrite(t->buf.data, 1, t->buf.len, stdout) != t->buf.len)
            return err_set(err, WEIR_IOERR, "sink \"%s\": cannot write to standard output: %s", t->base.name,
                           strerror(errno));
        t->buf.len = 0;
        return WEIR_OK;
    }
    if (t->fresh) {
        if (ftruncate(t->fd, 0))
            return err_set(err, WEIR_IOERR, "sink \"%s\": cannot truncate \"%s\": %s", t->base.name, t->display,
                           strerror(errno));
        t->fresh = false;
    }
    size_t off = 0;
    while (off < t->buf.len) {
        ssize_t n = write(t->fd, t->buf.data + off, t->buf.len - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            return err_set(err, WEIR_IOERR, "sink \"%s\": cannot write \"%s\": %s", t->base.name, t->display,
                           strerror(errno));
        }
        off += (size_t)n;
        t->written += n;
    }
    t->buf.len = 0;
    return WEIR_OK;
}

static int text_write(Sink *s, const Value *row, WeirError *err)
{
    TextSink *t = (TextSink *)s;
    int rc = t->kind == FMT_CSV ? fmt_csv_encode(&t->buf, t->spec->cols, row, t->spec->ncols, t->delim)
                                : fmt_json_encode(&t->buf, t->spec->cols, row, t->spec->ncols);
    if (rc) return err_set(err, WEIR_NOMEM, "out of memory");
    s->rows_written++;
    return t->buf.len >= SINK_FLUSH_AT ? text_drain(t, err) : WEIR_OK;
}

static int text_flush(Sink *s, WeirError *err)
{
    TextSink *t = (TextSink *)s;
    int rc = text_drain(t, err);
    if (!rc && t->to_stdout && fflush(stdout))
        rc = err_set(err, WEIR_IOERR, "sink \"%s\": cannot write to standard output: %s", s->name, strerror(errno));
    return rc;
}

static int text_finish(Sink *s, WeirError *err)
{
    TextSink *t = (TextSink *)s;
    int rc = text_drain(t, err);
    if (t->to_stdout) {
        if (fflush(stdout) && !rc)
            rc = err_set(err, WEIR_IOERR, "sink \"%s\": cannot write to standard output: %s", s->name, strerror(errno));
        return rc;
    }
    if (t->fd >= 0) {
        int fd = t->fd;
        t->fd = -1;
        if (close(fd) && !rc)
            rc = err_set(err, WEIR_IOERR, "sink \"%s\": cannot write \"%s\": %s", s->name, t->display, strerror(errno));
    }
    return rc;
}

static void text_close(Sink *s)
{
    TextSink *t = (TextSink *)s;
    if (t->buf.len && (t->to_stdout || t->fd >= 0)) {
        WeirError ignored;
        text_flush(s, &ignored);
    }
    if (t->fd >= 0) close(t->fd);
    fmt_buf_free(&t->buf);
    free(t);
}

static int64_t file_position(Sink *s, WeirError *err);
static int file_rewind(Sink *s, int64_t len, WeirError *err);

static const SinkVtab text_vtab = {text_write, text_flush, text_finish, text_close, file_position, file_rewind};
/* stdout cannot be cut back: no checkpoint entries (at-least-once). */
static const SinkVtab stdout_vtab = {text_write, text_flush, text_finish, text_close};

/* Reads format, csv.delimiter and csv.header; writes the CSV header into the
 * buffer.  Shared by file and stdout. */
static int text_setup(TextSink *t, const SourceSpec *spec, WeirError *err)
{
    t->kind = FMT_CSV;
    t->delim = ',';
    bool header = true;
    const char *v;
    if ((v = source_option(spec, "format"))) {
        if (!strcmp(v, "csv")) t->kind = FMT_CSV;
        else if (!strcmp(v, "json")) t->kind = FMT_JSON;
        else return err_set(err, WEIR_ERROR, "sink \"%s\": unknown format \"%s\" (expected csv or json)", spec->name, v);
    }
    if ((v = source_option(spec, "csv.delimiter"))) {
        if (!strcmp(v, "\\t")) v = "\t";
        if (strlen(v) != 1 || v[0] == '"' || v[0] == '\n' || v[0] == '\r')
            return err_set(err, WEIR_ERROR,
                           "sink \"%s\": csv.delimiter must be one character (not a quote or line end), not \"%s\"",
                           spec->name, v);
        t->delim = v[0];
    }
    if ((v = source_option(spec, "csv.header"))) {
        if (!strcmp(v, "true")) header = true;
        else if (!strcmp(v, "false")) header = false;
        else return err_set(err, WEIR_ERROR, "sink \"%s\": csv.header must be 'true' or 'false', not \"%s\"", spec->name, v);
    }
    if (t->kind == FMT_CSV && header && fmt_csv_encode_header(&t->buf, spec->cols, spec->ncols, t->delim))
        return err_set(err, WEIR_NOMEM, "out of memory");
    return WEIR_OK;
}

static TextSink *text_new(const SourceSpec *spec)
{
    TextSink *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->base.vt = &text_vtab;
    t->base.name = spec->name;
    t->spec = spec;
    t->fd = -1;
    return t;
}

static int sink_file_open(const SourceSpec *spec, Sink **out, WeirError *err)
{
    const char *path = source_option(spec, "path");
    if (!path || !*path)
        return err_set(err, WEIR_ERROR, "sink \"%s\": the file connector needs a path: add path = '...' to WITH", spec->name);
    TextSink *t = text_new(spec);
    if (!t) return err_set(err, WEIR_NOMEM, "out of memory");
    t->display = path;
    int rc = text_setup(t, spec, err);
    char *full = rc ? NULL : source_resolve_path(spec, path);
    if (!rc && !full) rc = err_set(err, WEIR_NOMEM, "out of memory");
    if (!rc) {
        t->fd = open(full, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        /* Emptied at the first write (a restored job rewinds instead); a device
         * or FIFO is written as it is, as O_TRUNC would have left it. */
        struct stat st;
        t->fresh = t->fd >= 0 && fstat(t->fd, &st) == 0 && S_ISREG(st.st_mode);
        if (t->fd < 0) rc = err_set(err, WEIR_IOERR, "sink \"%s\": cannot create \"%s\": %s", spec->name, path, strerror(errno));
    }
    free(full);
    if (rc) {
        text_close(&t->base);
        return rc;
    }
    *out = &t->base;
    return WEIR_OK;
}

static int sink_stdout_open(const SourceSpec *spec, Sink **out, WeirError *err)
{
    TextSink *t = text_new(spec);
    if (!t) return err_set(err, WEIR_NOMEM, "out of memory");
    t->to_stdout = true;
    t->base.vt = &stdout_vtab;
    t->display = "stdout";
    int rc = text_setup(t, spec, err);
    if (rc) {
        text_close(&t->base);
        return rc;
    }
    *out = &t->base;
    return WEIR_OK;
}

/* ---- blackhole ------------------------------------------------------------ */

static int hole_write(Sink *s, const Value *row, WeirError *err)
{
    (void)row;
    (void)err;
    s->rows_written++;
    return WEIR_OK;
}

/* flush and finish: nothing to do */
static int hole_finish(Sink *s, WeirError *err)
{
    (void)s;
    (void)err;
    return WEIR_OK;
}

static void hole_close(Sink *s) { free(s); }

static const SinkVtab hole_vtab = {hole_write, hole_finish, hole_finish, hole_close};

static int sink_blackhole_open(const SourceSpec *spec, Sink **out, WeirError *err)
{
    Sink *s = calloc(1, sizeof *s);
    if (!s) return err_set(err, WEIR_NOMEM, "out of memory");
    s->vt = &hole_vtab;
    s->name = spec->name;
    *out = s;
    return WEIR_OK;
}

/* ---- the factory ---------------------------------------------------------- */

typedef int (*SinkOpenFn)(const SourceSpec *spec, Sink **out, WeirError *err);

static const struct {
    const char *name;
    SinkOpenFn open;
} sink_connectors[] = {
    {"file", sink_file_open},
    {"stdout", sink_stdout_open},
    {"print", sink_stdout_open},   /* Flink's name for it */
    {"blackhole", sink_blackhole_open},
    {"kafka", sink_kafka_open},
};

/* Validates the options without creating or writing anything. */
int sink_check(const SourceSpec *spec, WeirError *err)
{
    const char *name = spec->connector ? spec->connector : "";
    if (!strcmp(name, "blackhole")) return WEIR_OK;
    if (!strcmp(name, "kafka")) return sink_kafka_check(spec, err);
    bool file = !strcmp(name, "file");
    if (!file && strcmp(name, "stdout") && strcmp(name, "print")) {
        Sink *s;
        return sink_open(spec, &s, err);   /* the unknown-connector error */
    }
    const char *path = source_option(spec, "path");
    if (file && (!path || !*path))
        return err_set(err, WEIR_ERROR, "sink \"%s\": the file connector needs a path: add path = '...' to WITH",
                       spec->name);
    TextSink *t = text_new(spec);
    if (!t) return err_set(err, WEIR_NOMEM, "out of memory");
    int rc = text_setup(t, spec, err);
    t->buf.len = 0;   /* the header: not to be written */
    text_close(&t->base);
    return rc;
}

int sink_open(const SourceSpec *spec, Sink **out, WeirError *err)
{
    *out = NULL;
    const char *name = spec->connector ? spec->connector : "";
    for (size_t i = 0; i < sizeof sink_connectors / sizeof sink_connectors[0]; i++)
        if (!strcmp(sink_connectors[i].name, name)) return sink_connectors[i].open(spec, out, err);
    return err_set(err, WEIR_ERROR,
                   "unknown connector \"%s\" for sink \"%s\" (expected file, stdout or blackhole)", name, spec->name);
}

/* ---- checkpoints ---------------------------------------------------------- */

/* Everything encoded so far goes to the file and to disk; returns its length. */
static int64_t file_position(Sink *s, WeirError *err)
{
    TextSink *t = (TextSink *)s;
    if (t->fd < 0) return t->written;
    if (text_drain(t, err)) return -1;
    if (t->fresh) {   /* nothing written yet: the file must still be emptied */
        if (ftruncate(t->fd, 0))
            return err_set(err, WEIR_IOERR, "sink \"%s\": cannot truncate \"%s\": %s", s->name, t->display,
                           strerror(errno)), -1;
        t->fresh = false;
    }
    if (fdatasync(t->fd) && errno != EINVAL)   /* EINVAL: a device or FIFO */
        return err_set(err, WEIR_IOERR, "sink \"%s\": cannot sync \"%s\": %s", s->name, t->display,
                       strerror(errno)), -1;
    return t->written;
}

/* Cuts the file back to what the checkpoint had and writes on from there. */
static int file_rewind(Sink *s, int64_t len, WeirError *err)
{
    TextSink *t = (TextSink *)s;
    struct stat st;
    if (fstat(t->fd, &st))
        return err_set(err, WEIR_IOERR, "sink \"%s\": cannot read \"%s\": %s", s->name, t->display, strerror(errno));
    if (!S_ISREG(st.st_mode)) {   /* a device or FIFO: nothing to cut back */
        t->buf.len = 0;
        return WEIR_OK;
    }
    if (len < 0 || st.st_size < len)
        return err_set(err, WEIR_IOERR,
                       "sink \"%s\": \"%s\" is shorter (%lld bytes) than at the last checkpoint (%lld bytes): "
                       "it was changed outside the job; use --reset-state to start over",
                       s->name, t->display, (long long)st.st_size, (long long)len);
    if (ftruncate(t->fd, (off_t)len) || lseek(t->fd, (off_t)len, SEEK_SET) < 0)
        return err_set(err, WEIR_IOERR, "sink \"%s\": cannot cut \"%s\" back to %lld bytes: %s", s->name,
                       t->display, (long long)len, strerror(errno));
    t->fresh = false;
    t->written = len;
    t->buf.len = 0;   /* the header: the file has it already */
    return WEIR_OK;
}
