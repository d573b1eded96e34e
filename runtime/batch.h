/*
 * batch.h - the unit of data in flight: up to BATCH_ROWS rows of Values.
 *
 * Rows are fixed-size slots, row-major: row r is vals[r*ncols .. r*ncols+ncols).
 * Beside each row the batch keeps the watermarks in effect before and after
 * that row (so operators can apply watermarks row by row while being called
 * once a batch, and a row a filter dropped still moves time at its place)
 * and the row's source position (for data errors found downstream).
 * VARCHAR values point into the source's read buffer (valid until the source's
 * next call) or into `text`, reset with the batch.  Operators that keep values
 * past a push copy the bytes into their own arena.
 */
#ifndef WEIR_BATCH_H
#define WEIR_BATCH_H

#include "arena.h"
#include "value.h"

#define BATCH_ROWS 1024

/* The partitions of a source read as several streams (Kafka): the watermark
 * assigner keeps one watermark per partition and takes the minimum over the
 * active ones (op_watermark.c).  Owned by the source; outlives its batches. */
typedef struct PartInfo {
    int n;              /* partitions, numbered 0..n-1 */
    int64_t idle_ms;    /* watermark.idle-timeout: a partition silent this long (processing
                           time) stops holding the watermark back; 0 = never */
} PartInfo;

typedef struct Batch {
    int ncols;        /* Values per row */
    int nrows;        /* rows filled */
    int cap;          /* row slots allocated */
    Value *vals;      /* cap * ncols */
    int64_t *wm;      /* per row: watermark after the row (TS_MIN when none) */
    int64_t *wm_prev; /* per row: watermark before it, i.e. after every input row
                         that came before it, including rows a filter dropped */
    int64_t *pos;     /* per row: source line (files) or offset; 0 when unknown */
    int32_t *part;    /* per row: source partition (0 unless parts is set) */
    const PartInfo *parts; /* NULL: the source is one stream; else set by the source on
                              every fill and carried along by operators that copy rows */
    Arena text;       /* bytes of VARCHARs built while filling this batch */
} Batch;

/* Allocates room for cap rows of ncols values.  Returns WEIR_OK or WEIR_NOMEM. */
int  batch_init(Batch *b, int ncols, int cap);
/* Empties the batch (nrows = 0) and forgets its text; keeps the memory. */
void batch_reset(Batch *b);
void batch_free(Batch *b);

static inline Value *batch_row(const Batch *b, int r) { return b->vals + (size_t)r * (size_t)b->ncols; }

#endif
