/*
 * agg.h - aggregate functions as small fixed-size states.
 *
 * Each aggregate is init / add / merge / result over a 16-byte AggState kept
 * inline in an operator's hash-table entry.  merge lets HOP and CUMULATE combine
 * per-slice states into a window's result without revisiting rows.  States of
 * VARCHAR MIN/MAX and COUNT(DISTINCT) own heap memory (a copy of the current
 * string, the set of values seen): agg_free releases it.
 */
#ifndef WEIR_AGG_H
#define WEIR_AGG_H

#include <stdint.h>

#include "value.h"

typedef enum AggKind {
    AGG_COUNT_STAR, AGG_COUNT, AGG_COUNT_DISTINCT, AGG_SUM, AGG_AVG, AGG_MIN, AGG_MAX,
} AggKind;

typedef struct AggSpec {
    AggKind kind;
    TypeId arg_type;      /* type of the argument (unused for COUNT(*)) */
    TypeId result_type;   /* COUNT: BIGINT; SUM: BIGINT or DOUBLE; AVG: DOUBLE; MIN/MAX: arg */
    int arg_col;          /* column of the argument in the operator's input row */
    const char *sql;      /* the call as written ("SUM(amount)") for messages, or NULL;
                             not owned (the plan's arena) */
} AggSpec;

typedef struct AggState {
    union {
        int64_t i;
        double d;
        char *s;          /* VARCHAR MIN/MAX: owned copy */
        void *set;        /* COUNT(DISTINCT): owned DistinctSet */
    } v;
    int64_t n;            /* rows counted; for VARCHAR MIN/MAX the length, -1 = none */
} AggState;

/* The result type of an aggregate over an argument of type arg. */
TypeId agg_result_type(AggKind k, TypeId arg);
const char *agg_name(AggKind k);

void agg_init(const AggSpec *s, AggState *st);
/* What agg_add and agg_merge return besides 0. */
#define AGG_NOMEM    (-1)   /* memory ran out */
#define AGG_OVERFLOW (-2)   /* SUM over integers would leave BIGINT: the state is unchanged */

/* Adds one input value (ignored when NULL, except by COUNT(*)).  Returns 0,
 * AGG_NOMEM or AGG_OVERFLOW.  Integer SUMs never wrap: an addition whose exact
 * result does not fit BIGINT leaves the state as it was and returns AGG_OVERFLOW.
 * AVG over integers keeps an exact sum while it fits and a DOUBLE sum after. */
int  agg_add(const AggSpec *s, AggState *st, const Value *arg);
/* dst := dst combined with src (src is left unchanged).  Returns as agg_add. */
int  agg_merge(const AggSpec *s, AggState *dst, const AggState *src);
/* Turns a failed agg_add/agg_merge's code into err: WEIR_NOMEM, or WEIR_DATA
 * "integer overflow: SUM(x) is out of range for BIGINT".  Returns the code set. */
struct WeirError;
int  agg_error(const AggSpec *s, int rc, struct WeirError *err);
/* The aggregate's current value; strings point into the state. */
void agg_result(const AggSpec *s, const AggState *st, Value *out);
void agg_free(const AggSpec *s, AggState *st);

/* Checkpoints (snapshot.h): writes the state's contents (COUNT DISTINCT's
 * values, VARCHAR MIN/MAX's string) into w; agg_restore reads them back into a
 * state fresh from agg_init.  agg_restore returns 0, or -1 when memory ran out
 * (a damaged blob sets the reader's bad flag instead). */
struct SnapWriter;
struct SnapReader;
void agg_snapshot(const AggSpec *s, const AggState *st, struct SnapWriter *w);
int  agg_restore(const AggSpec *s, AggState *st, struct SnapReader *r);

#endif
