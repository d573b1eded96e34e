/*
 * pipeline.h - one running query: a source, a chain of operators and the queue
 * of result rows the consumer (weir_query_step) reads.
 *
 * pipeline_step pulls one batch from the source and pushes it through the
 * chain; rows reaching the end are copied into the queue.  The consumer drains
 * the queue, then steps again.  At the end of bounded input the chain is
 * finished (every open window fires) and the pipeline is done.
 */
#ifndef WEIR_PIPELINE_H
#define WEIR_PIPELINE_H

#include <stdbool.h>

#include "operator.h"
#include "source.h"

typedef struct RowQueue {
    int ncols;
    const TypeId *types;
    Value *rows;               /* n rows of ncols */
    size_t n, cap, next;       /* next: the row the consumer reads next */
    Arena text;                /* strings of queued rows */
} RowQueue;

typedef struct Pipeline {
    ExecState ex;
    WeirError *err;
    Source *src;
    Batch in;                  /* the source's batch */
    Operator **ops;            /* every operator, source side first */
    int nops;
    Operator *collector;       /* the last one: fills queue */
    RowQueue queue;
    bool done;
    bool proctime_window;      /* the wall clock drives windows when input is idle */
} Pipeline;

/* Appends an operator to the chain (the pipeline owns it). */
int  pipeline_add(Pipeline *p, Operator *op);
/* Adds the collector after the last operator; ncols/types: the result's. */
int  pipeline_finish_chain(Pipeline *p, int ncols, const TypeId *types);
/* Reads and pushes one batch.  Returns WEIR_OK (progress; rows may be queued),
 * WEIR_DONE, WEIR_PENDING or an error code (err set). */
int  pipeline_step(Pipeline *p);
/* Frees operators, source and queue (not the Pipeline struct). */
void pipeline_close(Pipeline *p);

int64_t clock_now_ms(void);

/* ---- checkpoints (engine/weir.c drives them; snapshot.h) ------------------- */
struct SnapWriter;
struct SnapReader;
struct SnapGroups;
/* Whether the source can save and restore its position. */
bool pipeline_can_checkpoint(const Pipeline *p);
/* A checkpoint has nops + 1 parts: 0 = counters and the source position, i =
 * the state of ops[i-1].  Each part has a global blob (key group -1; empty for
 * a stateless operator) and, for a keyed operator, blobs by key group.
 * pipeline_snapshot writes part's global blob; pipeline_snapshot_groups the
 * blobs of the key groups changed since the last committed checkpoint
 * (out->written; empty for the other parts).  Call between two pipeline_step
 * calls.  WEIR_OK or an error code with err set. */
int  pipeline_snapshot(Pipeline *p, int part, struct SnapWriter *w);
int  pipeline_snapshot_groups(Pipeline *p, int part, struct SnapGroups *out);
/* Reads a blob of part back into a freshly lowered pipeline, before the first
 * step: group -1 (the global blob) first, then each stored key group.
 * WEIR_IOERR for a damaged blob or a group blob where none can be. */
int  pipeline_restore(Pipeline *p, int part, int group, struct SnapReader *r);
/* The checkpoint just written is committed: the keyed operators forget which
 * key groups changed (Operator.dirty). */
void pipeline_committed(Pipeline *p);
/* h mixed with the chain's shape (operator names, column types, source name). */
uint64_t pipeline_fingerprint(const Pipeline *p, uint64_t h);

#endif
