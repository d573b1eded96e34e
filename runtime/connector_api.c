/*
 * connector_api.c - the 'api' connector: records pushed by the host program
 * (weir_source_push), decoded with format.h when a query pulls.
 *
 * Where it sits: engine/weir.c keeps one ApiHub per engine.  weir_source_push
 * -> api_hub_push appends the record's bytes to the channel of that source
 * name; weir_query_step -> pipeline_step -> api_next decodes the records a
 * reader has not seen yet straight into the batch (VARCHARs point into the
 * channel's buffer).  The buffer is compacted only inside api_hub_push, i.e.
 * never while a pipeline step is running, so the rows of a batch stay valid
 * for the whole step that reads them (source.h's rule).
 *
 * A channel: the bytes of its live records (buf), their offsets (recs), the
 * sequence number of recs[0] (base_seq: records before it were consumed by
 * every reader and dropped) and its readers, each with its own cursor (the
 * sequence number of the next record it reads).  Positions in messages are
 * "push N", N the 1-based number of the push to that source.
 */
#include "connector_api.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

typedef struct ApiRec {
    size_t off, len;            /* bytes of one record in the channel's buf */
} ApiRec;

typedef struct ApiSource ApiSource;

typedef struct ApiChannel {
    char *name;                 /* the source name (malloc'ed) */
    bool closed;                /* weir_source_close was called */
    char *buf;                  /* record bytes (malloc'ed) */
    size_t blen, bcap;
    ApiRec *recs;               /* live records, oldest first (malloc'ed) */
    size_t n, cap;
    uint64_t base_seq;          /* sequence number of recs[0] */
    ApiSource **readers;        /* attached sources (malloc'ed array, not owned) */
    int nreaders, rcap;
    struct ApiChannel *next;
} ApiChannel;

struct ApiHub {
    ApiChannel *chans;
};

struct ApiSource {
    Source base;
    SourceCommon com;
    FmtDecoder dec;
    ApiChannel *ch;             /* NULL until api_attach, or after the hub is freed */
    bool detached;              /* its channel was freed (the source dropped) */
    uint64_t cursor;            /* sequence number of the next record to read */
};

static const SourceVtab api_vtab;

/* ---- hub and channels ------------------------------------------------------ */

ApiHub *api_hub_new(void) { return calloc(1, sizeof(ApiHub)); }

/* Frees a channel; its readers are detached (a pull then reports an error). */
static void chan_free(ApiChannel *c)
{
    for (int i = 0; i < c->nreaders; i++) {
        c->readers[i]->ch = NULL;
        c->readers[i]->detached = true;
    }
    free(c->name);
    free(c->buf);
    free(c->recs);
    free(c->readers);
    free(c);
}

void api_hub_free(ApiHub *h)
{
    if (!h) return;
    for (ApiChannel *c = h->chans, *nx; c; c = nx) {
        nx = c->next;
        chan_free(c);
    }
    free(h);
}

void api_hub_forget(ApiHub *h, const char *name)
{
    if (!h) return;
    for (ApiChannel **pc = &h->chans; *pc; pc = &(*pc)->next) {
        if (strcmp((*pc)->name, name) != 0) continue;
        ApiChannel *c = *pc;
        *pc = c->next;
        chan_free(c);
        return;
    }
}

static ApiChannel *chan_find(const ApiHub *h, const char *name)
{
    for (ApiChannel *c = h->chans; c; c = c->next)
        if (strcmp(c->name, name) == 0) return c;
    return NULL;
}

/* The channel of name, created empty when missing; NULL when out of memory. */
static ApiChannel *chan_get(ApiHub *h, const char *name)
{
    ApiChannel *c = chan_find(h, name);
    if (c) return c;
    c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->name = strdup(name);
    if (!c->name) {
        free(c);
        return NULL;
    }
    c->next = h->chans;
    h->chans = c;
    return c;
}

bool api_hub_has(const ApiHub *h, const char *name) { return h && chan_find(h, name) != NULL; }

/* Drops the records before sequence number m.  Unless force, it does so only
 * when that frees at least half of what is held (the rest moves to the front),
 * so that a lagging reader does not make every push move bytes.  Only called
 * where no batch of a reader is in flight (see the top). */
static void chan_drop_below(ApiChannel *c, uint64_t m, bool force)
{
    size_t drop = m > c->base_seq ? (size_t)(m - c->base_seq) : 0;
    if (drop == 0) return;
    if (drop >= c->n) {
        c->base_seq += c->n;
        c->n = 0;
        c->blen = 0;
        return;
    }
    if (!force && drop < c->n / 2) return;
    size_t from = c->recs[drop].off;
    memmove(c->buf, c->buf + from, c->blen - from);
    c->blen -= from;
    memmove(c->recs, c->recs + drop, (c->n - drop) * sizeof *c->recs);
    c->n -= drop;
    for (size_t i = 0; i < c->n; i++) c->recs[i].off -= from;
    c->base_seq += drop;
}

/* Drops the records every reader has read (none when nobody reads: they wait
 * for the first reader).  Called from api_hub_push. */
static void chan_trim(ApiChannel *c)
{
    if (c->nreaders == 0 || c->n == 0) return;
    uint64_t m = UINT64_MAX;
    for (int i = 0; i < c->nreaders; i++)
        if (c->readers[i]->cursor < m) m = c->readers[i]->cursor;
    chan_drop_below(c, m, false);
}

int api_hub_push(ApiHub *h, const char *name, const char *rec, size_t len, WeirError *err)
{
    ApiChannel *c = chan_get(h, name);
    if (!c) return err_set(err, WEIR_NOMEM, "out of memory");
    if (c->closed)
        return err_set(err, WEIR_MISUSE,
                       "weir_source_push: source \"%s\" was closed (weir_source_close): no "
                       "more records can be pushed",
                       name);
    if (len > 0 && rec[len - 1] == '\n') len--;
    if (len > 0 && rec[len - 1] == '\r') len--;
    chan_trim(c);
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        ApiRec *p = realloc(c->recs, cap * sizeof *p);
        if (!p) return err_set(err, WEIR_NOMEM, "out of memory");
        c->recs = p;
        c->cap = cap;
    }
    if (c->bcap - c->blen < len) {
        size_t cap = c->bcap ? c->bcap : 4096;
        while (cap - c->blen < len) cap *= 2;
        char *p = realloc(c->buf, cap);
        if (!p) return err_set(err, WEIR_NOMEM, "out of memory");
        c->buf = p;
        c->bcap = cap;
    }
    if (len) memcpy(c->buf + c->blen, rec, len);
    c->recs[c->n].off = c->blen;
    c->recs[c->n].len = len;
    c->n++;
    c->blen += len;
    return WEIR_OK;
}

int api_hub_close_input(ApiHub *h, const char *name, WeirError *err)
{
    ApiChannel *c = chan_get(h, name);
    if (!c) return err_set(err, WEIR_NOMEM, "out of memory");
    if (c->closed)
        return err_set(err, WEIR_MISUSE, "weir_source_close: source \"%s\" is already closed",
                       name);
    c->closed = true;
    for (int i = 0; i < c->nreaders; i++) c->readers[i]->base.unbounded = false;
    return WEIR_OK;
}

/* ---- the source ----------------------------------------------------------- */

bool source_is_api(const Source *s) { return s && s->vt == &api_vtab; }

int api_attach(ApiHub *h, Source *s, WeirError *err)
{
    ApiSource *as = (ApiSource *)s;
    if (as->ch) return WEIR_OK; /* already attached */
    ApiChannel *c = chan_get(h, s->name);
    if (!c) return err_set(err, WEIR_NOMEM, "out of memory");
    if (c->nreaders == c->rcap) {
        int cap = c->rcap ? c->rcap * 2 : 4;
        ApiSource **p = realloc(c->readers, (size_t)cap * sizeof *p);
        if (!p) return err_set(err, WEIR_NOMEM, "out of memory");
        c->readers = p;
        c->rcap = cap;
    }
    as->cursor = c->nreaders == 0 ? c->base_seq : c->base_seq + c->n;
    c->readers[c->nreaders++] = as;
    as->ch = c;
    s->unbounded = !c->closed;
    return WEIR_OK;
}

/* Whether a record holds only blanks (skipped in JSON, as a file's empty line). */
static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return false;
    return true;
}

/* Decodes the records this reader has not read yet into b: WEIR_OK when it
 * added rows, WEIR_PENDING when nothing is queued and the source is open,
 * WEIR_DONE when it is closed and everything was read. */
static int api_next(Source *src, Batch *b, WeirError *err)
{
    ApiSource *as = (ApiSource *)src;
    ApiChannel *c = as->ch;
    if (!c && as->detached)
        return err_set(err, WEIR_ERROR, "source \"%s\" was dropped while this query read it", src->name);
    if (!c)
        return err_set(err, WEIR_ERROR,
                       "source \"%s\": an api source can only be read through an engine's "
                       "query (weir_query_open)",
                       src->name);
    int added = 0;
    uint64_t end = c->base_seq + c->n;
    while (b->nrows < b->cap && as->cursor < end) {
        uint64_t seq = as->cursor++;
        const ApiRec *r = &c->recs[seq - c->base_seq];
        const char *rec = c->buf + r->off;
        if (as->dec.o.kind == FMT_JSON && blank(rec, r->len)) continue;
        int row = b->nrows;
        int rc = fmt_decode(&as->dec, rec, r->len, batch_row(b, row), &b->text, err);
        if (rc == WEIR_OK) {
            b->pos[row] = (int64_t)seq + 1;
            b->wm[row] = TS_MIN;
            b->nrows++;
            added++;
            src->rows_read++;
            continue;
        }
        if (rc != WEIR_DATA) return rc;
        char pos[64];
        snprintf(pos, sizeof pos, "push %llu", (unsigned long long)seq + 1);
        rc = source_reject(src, &as->com, pos, err->msg, rec, r->len, err);
        if (rc != WEIR_OK) return rc;
    }
    if (as->cursor < end) return WEIR_OK; /* the batch is full */
    if (c->closed) return WEIR_DONE;
    return added ? WEIR_OK : WEIR_PENDING;
}

/* Detaches from the channel (its records stay for other readers) and frees.
 * Runs when a query closes, never inside a pipeline step. */
static void api_close(Source *src)
{
    ApiSource *as = (ApiSource *)src;
    if (!as) return;
    ApiChannel *c = as->ch;
    if (c) {
        for (int i = 0; i < c->nreaders; i++)
            if (c->readers[i] == as) {
                c->readers[i] = c->readers[--c->nreaders];
                break;
            }
        /* The last reader leaves: what it read was delivered and is not kept
         * for a later reader (only records nobody read are). */
        if (c->nreaders == 0) chan_drop_below(c, as->cursor, true);
    }
    fmt_decoder_free(&as->dec);
    source_common_free(&as->com);
    free(as);
}

static const SourceVtab api_vtab = {api_next, api_close};

int source_api_open(const SourceSpec *spec, Source **out, WeirError *err)
{
    *out = NULL;
    const char *h = source_option(spec, "csv.header");
    if (h && strcmp(h, "false") != 0)
        return err_set(err, WEIR_ERROR,
                       "source \"%s\": connector 'api' takes no CSV header: pushed records "
                       "are matched to columns by position (csv.header = 'false')",
                       spec->name);
    ApiSource *as = calloc(1, sizeof *as);
    if (!as) return err_set(err, WEIR_NOMEM, "out of memory");
    as->base.vt = &api_vtab;
    as->base.name = spec->name;
    as->base.unbounded = true;
    as->com.dl_fd = -1;
    int rc = source_common_init(spec, &as->com, err);
    if (rc == WEIR_OK) {
        as->com.fmt.header = false;
        as->base.on_error = as->com.on_error;
        as->base.common = &as->com;
        as->base.pos_label = "push";
        as->base.pos_sep = ' ';
        rc = fmt_decoder_init(&as->dec, &as->com.fmt, spec->ncols, spec->cols, err);
    }
    if (rc != WEIR_OK) {
        api_close(&as->base);
        return rc;
    }
    *out = &as->base;
    return WEIR_OK;
}
