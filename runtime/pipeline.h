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

#endif
