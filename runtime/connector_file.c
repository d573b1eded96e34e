/*
 * connector_file.c - the 'file' and 'stdin' connectors: records read from a file
 * descriptor, decoded by format.h into batches.
 *
 * Both are one reader over an fd: read(2) 1 MiB at a time into a buffer, frame
 * records in place (fmt_frame) and decode each straight into the next batch row.
 * VARCHARs point into the buffer, so the buffer is only compacted or refilled at
 * the start of a call that has produced no row yet: a call that runs out of
 * whole records after adding rows returns them and reads on the next call
 * (rows of the previous call are no longer valid then, as source.h says).  A
 * record cut off by the end of the buffer moves to its front and the read goes
 * on behind it; a record larger than half the buffer doubles the buffer.  So
 * memory is one buffer (about the largest record, at least 1 MiB) plus the
 * batch, whatever the file size.
 *
 * Checkpoints save the byte offset of the next unframed record, its line
 * number and whether the CSV header is still to come; restore seeks there
 * (stdin redirected from a file resumes too; from a pipe, which cannot seek,
 * a restore is refused with a message that says so).
 *
 * Positions are line numbers, 1-based, counting the header and empty lines; a
 * CSV record with quoted newlines is at its first line.
 */
#include "format.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FILE_READ_SIZE (1u << 20)
/* The buffer never grows past this: a longer record is almost always a stray
 * quote that would otherwise pull the rest of the file into memory. */
#define FILE_MAX_BUFFER ((size_t)512 << 20)

typedef struct FileSource {
    Source base;
    SourceCommon com;
    FmtDecoder dec;
    int fd;
    bool own_fd;             /* close fd on close (not stdin) */
    const char *display;     /* the path as written in the options, or "stdin" */
    char *buf;               /* malloc'ed read buffer; bytes [start, end) not yet framed */
    size_t cap, start, end;
    int64_t buf_off;         /* file offset of buf[0] (checkpoint positions) */
    bool eof;
    bool at_start;           /* nothing framed yet: a UTF-8 BOM may come first */
    bool need_header;        /* CSV with csv.header: the first record names fields */
    int64_t line;            /* line number of the next record */
} FileSource;

/* Moves the unframed tail to the front, grows the buffer when that tail is a
 * large part of it, and reads once.  Sets eof on end of input. */
static int file_fill(FileSource *fs, WeirError *err)
{
    size_t rest = fs->end - fs->start;
    if (fs->start > 0) {
        fs->buf_off += (int64_t)fs->start;
        memmove(fs->buf, fs->buf + fs->start, rest);
        fs->start = 0;
        fs->end = rest;
    }
    if (rest > fs->cap / 2) {
        if (fs->cap * 2 > FILE_MAX_BUFFER)
            return err_set(err, WEIR_DATA,
                           "source \"%s\": %s:%lld: record longer than %zu MiB (an unterminated "
                           "quoted field?)",
                           fs->base.name, fs->display, (long long)fs->line,
                           FILE_MAX_BUFFER / 2 >> 20);
        char *nb = realloc(fs->buf, fs->cap * 2);
        if (!nb) return err_set(err, WEIR_NOMEM, "out of memory");
        fs->buf = nb;
        fs->cap *= 2;
    }
    for (;;) {
        ssize_t r = read(fs->fd, fs->buf + fs->end, fs->cap - fs->end);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0)
            return err_set(err, WEIR_IOERR, "source \"%s\": cannot read \"%s\": %s",
                           fs->base.name, fs->display, strerror(errno));
        if (r == 0) fs->eof = true;
        fs->end += (size_t)r;
        return WEIR_OK;
    }
}

/* Whether a record holds only blanks (skipped like an empty line in JSON). */
static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return false;
    return true;
}

/* Adds a source name and position to the reason left in err by the decoder. */
static int file_header_error(FileSource *fs, int rc, int64_t line, WeirError *err)
{
    if (rc == WEIR_NOMEM) return rc;
    char why[ERR_MSG_MAX];
    snprintf(why, sizeof why, "%s", err->msg);
    return err_set(err, rc, "source \"%s\": %s:%lld: %s", fs->base.name, fs->display,
                   (long long)line, why);
}

static int file_next(Source *src, Batch *b, WeirError *err)
{
    FileSource *fs = (FileSource *)src;
    int added = 0;
    for (;;) {
        if (fs->at_start && (fs->end - fs->start >= 3 || fs->eof)) {
            if (fs->end - fs->start >= 3 && memcmp(fs->buf + fs->start, "\xEF\xBB\xBF", 3) == 0)
                fs->start += 3;
            fs->at_start = false;
        }
        while (!fs->at_start && b->nrows < b->cap) {
            FmtFrame fr;
            if (!fmt_frame(&fs->dec, fs->buf + fs->start, fs->end - fs->start, fs->eof, &fr))
                break;
            const char *rec = fs->buf + fs->start;
            int64_t line = fs->line;
            fs->start += fr.used;
            fs->line += fr.nlines;
            if (fr.len == 0 || (fs->dec.o.kind == FMT_JSON && blank(rec, fr.len))) continue;
            if (fs->need_header) {
                fs->need_header = false;
                int rc = fmt_csv_header(&fs->dec, rec, fr.len, err);
                if (rc != WEIR_OK) return file_header_error(fs, rc, line, err);
                continue;
            }
            int r = b->nrows;
            int rc = fmt_decode(&fs->dec, rec, fr.len, batch_row(b, r), &b->text, err);
            if (rc == WEIR_OK) {
                b->pos[r] = line;
                b->wm[r] = TS_MIN;
                b->nrows++;
                added++;
                src->rows_read++;
                continue;
            }
            if (rc != WEIR_DATA) return rc;
            char pos[64];
            snprintf(pos, sizeof pos, "%s:%lld", fs->display, (long long)line);
            rc = source_reject(src, &fs->com, pos, err->msg, rec, fr.len, err);
            if (rc != WEIR_OK) return rc;
        }
        if (b->nrows >= b->cap) return WEIR_OK;
        if (fs->eof && fs->start == fs->end) return WEIR_DONE;
        if (added > 0) return WEIR_OK; /* refilling would move the bytes those rows use */
        int rc = file_fill(fs, err);
        if (rc != WEIR_OK) return rc;
    }
}

static void file_close(Source *src)
{
    FileSource *fs = (FileSource *)src;
    if (!fs) return;
    if (fs->own_fd && fs->fd >= 0) close(fs->fd);
    free(fs->buf);
    fmt_decoder_free(&fs->dec);
    source_common_free(&fs->com);
    free(fs);
}

static int file_save_pos(Source *src, struct SnapWriter *w, WeirError *err);
static int file_restore_pos(Source *src, struct SnapReader *r, WeirError *err);

static const SourceVtab file_vtab = {file_next, file_close, file_save_pos, file_restore_pos};

/* Builds the reader over fd (owned when own_fd), reading spec's options.  On
 * error fd is closed when owned. */
static int file_source_new(const SourceSpec *spec, int fd, bool own_fd, const char *display,
                           Source **out, WeirError *err)
{
    FileSource *fs = calloc(1, sizeof *fs);
    if (!fs) {
        if (own_fd) close(fd);
        return err_set(err, WEIR_NOMEM, "out of memory");
    }
    fs->base.vt = &file_vtab;
    fs->base.name = spec->name;
    fs->fd = fd;
    fs->own_fd = own_fd;
    fs->display = display;
    fs->line = 1;
    fs->at_start = true;
    fs->com.dl_fd = -1;
    int rc = source_common_init(spec, &fs->com, err);
    if (rc == WEIR_OK) {
        fs->base.on_error = fs->com.on_error;
        fs->base.common = &fs->com;
        fs->base.pos_label = fs->display;
        fs->base.pos_sep = ':';
        fs->need_header = fs->com.fmt.kind == FMT_CSV && fs->com.fmt.header;
        rc = fmt_decoder_init(&fs->dec, &fs->com.fmt, spec->ncols, spec->cols, err);
    }
    if (rc == WEIR_OK) {
        fs->cap = FILE_READ_SIZE;
        fs->buf = malloc(fs->cap);
        if (!fs->buf) rc = err_set(err, WEIR_NOMEM, "out of memory");
    }
    if (rc != WEIR_OK) {
        file_close(&fs->base);
        return rc;
    }
    *out = &fs->base;
    return WEIR_OK;
}

int source_file_open(const SourceSpec *spec, Source **out, WeirError *err)
{
    *out = NULL;
    const char *path = source_option(spec, "path");
    if (!path || !*path)
        return err_set(err, WEIR_ERROR, "source \"%s\": connector 'file' needs option 'path'",
                       spec->name);
    char *full = source_resolve_path(spec, path);
    if (!full) return err_set(err, WEIR_NOMEM, "out of memory");
    int fd = open(full, O_RDONLY | O_CLOEXEC);
    int e = errno;
    free(full);
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        fd = -1;
        e = EISDIR;
    }
    if (fd < 0)
        return err_set(err, WEIR_IOERR, "source \"%s\": cannot open \"%s\": %s", spec->name, path,
                       strerror(e));
    return file_source_new(spec, fd, true, path, out, err);
}

int source_stdin_open(const SourceSpec *spec, Source **out, WeirError *err)
{
    *out = NULL;
    return file_source_new(spec, 0, false, "stdin", out, err);
}

/* ---- checkpoints ---------------------------------------------------------- */

#include "snapshot.h"

/* Called between batches: every row handed out was consumed, so the position
 * is that of the first unframed byte. */
static int file_save_pos(Source *src, SnapWriter *w, WeirError *err)
{
    (void)err;
    FileSource *fs = (FileSource *)src;
    snap_put_i64(w, fs->buf_off + (int64_t)fs->start);
    snap_put_i64(w, fs->line);
    snap_put_u8(w, fs->need_header ? 1 : 0);
    snap_put_u8(w, fs->at_start ? 1 : 0);
    return WEIR_OK;
}

/* Seeks a freshly opened source to a saved position. */
static int file_restore_pos(Source *src, SnapReader *r, WeirError *err)
{
    FileSource *fs = (FileSource *)src;
    int64_t off = snap_get_i64(r), line = snap_get_i64(r);
    uint8_t need_header = snap_get_u8(r), at_start = snap_get_u8(r);
    if (!snap_ok(r) || off < 0 || line < 1 || need_header > 1 || at_start > 1)
        return err_set(err, WEIR_IOERR, "source \"%s\": damaged checkpoint position", src->name);
    struct stat st;
    if (fstat(fs->fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size < off)
        return err_set(err, WEIR_IOERR,
                       "source \"%s\": \"%s\" is shorter (%lld bytes) than the checkpointed position %lld: "
                       "the input changed; use --reset-state to start over",
                       src->name, fs->display, (long long)st.st_size, (long long)off);
    if (lseek(fs->fd, (off_t)off, SEEK_SET) < 0) {
        if (errno == ESPIPE)
            return err_set(err, WEIR_IOERR,
                           "source \"%s\": cannot resume \"%s\" at byte %lld: it is a pipe, whose input cannot "
                           "be read again; use --reset-state to start over (stdin redirected from a file can resume)",
                           src->name, fs->display, (long long)off);
        return err_set(err, WEIR_IOERR, "source \"%s\": cannot resume \"%s\" at byte %lld: %s", src->name,
                       fs->display, (long long)off, strerror(errno));
    }
    fs->buf_off = off;
    fs->start = fs->end = 0;
    fs->eof = false;
    fs->line = line;
    fs->need_header = need_header;
    fs->at_start = at_start;
    return WEIR_OK;
}
