/*
 * plan.h - logical plans and their lowering to a running pipeline.
 *
 * A phase-1 query is a chain: one source, then computed columns, the watermark,
 * filters and projections, at most one aggregation, HAVING, the SELECT list and
 * LIMIT.  The binder (binder.c) turns an AstSelect into such a chain of LNodes
 * with names resolved and types checked; lower.c turns the chain into physical
 * operators (runtime/ops.h) wired to a Source; explain.c prints both.
 * Everything here is allocated in the query's arena.
 */
#ifndef WEIR_PLAN_H
#define WEIR_PLAN_H

#include "agg.h"
#include "catalog.h"
#include "ops.h"
#include "pipeline.h"
#include "scope.h"
#include "source.h"

typedef enum LKind {
    L_SCAN,          /* read a source: its physical columns */
    L_COMPUTE,       /* add computed columns (PROCTIME(), expressions) */
    L_WATERMARK,     /* event time: the WATERMARK expression */
    L_FILTER,        /* WHERE / HAVING */
    L_PROJECT,       /* expressions -> columns */
    L_WINDOW_AGG,    /* TUMBLE / HOP / CUMULATE */
    L_SESSION_AGG,   /* SESSION */
    L_GROUP_AGG,     /* non-windowed GROUP BY: changelog (HAVING + projection inside) */
    L_LIMIT,
} LKind;

typedef struct LNode LNode;
struct LNode {
    LKind kind;
    LNode *input;
    int ncols;                 /* output columns */
    PlanCol *cols;
    TypeId *types;             /* ncols types (operators keep a pointer) */
    /* L_SCAN */
    SourceSpec *source;
    /* L_COMPUTE, L_PROJECT, L_GROUP_AGG (projection after HAVING) */
    int nexprs;
    ExprProg *exprs;
    const char **expr_sql;
    bool assigns_proctime;
    /* L_FILTER (pred), L_WATERMARK (pred = watermark expression), L_GROUP_AGG (HAVING) */
    ExprProg *pred;
    const char *pred_sql;
    /* aggregates: input rows are [time?, keys..., args...] */
    WindowSpec win;
    bool proctime_window;
    int nkeys;
    TypeId *key_types;
    const char **key_sql;
    int naggs;
    AggSpec *aggs;
    const char **agg_sql;
    /* L_LIMIT */
    int64_t limit;
};

typedef struct BindCtx {
    Arena *arena;              /* the query's arena: plan, programs, strings */
    Catalog *cat;
    WeirError *err;
    int depth;                 /* view nesting, to refuse cycles */
} BindCtx;

/* Binds a SELECT into a logical plan.  *changelog tells whether the output is a
 * changelog (first column `op`). */
int bind_select(BindCtx *b, const AstSelect *sel, LNode **out, bool *changelog);

/* Binds a CREATE SOURCE/TABLE statement: checks it and fills the catalog object
 * (columns with their types, options lower-cased).  base_dir: where relative
 * paths resolve. */
int bind_create_source(BindCtx *b, const AstStmt *st, const char *ddl, const char *base_dir, CatObject *out);

/* Builds the running pipeline for a plan.  The pipeline owns the operators and
 * the source; the plan (in the arena) must outlive it. */
int plan_lower(LNode *plan, Pipeline *p, WeirError *err);
/* The same for a sink job: the rows go to the sink described by sink (its
 * columns: as many as the plan's, each the same type or a widening; see
 * runtime/sink.h) instead of the collector.  sink must outlive the pipeline. */
int plan_lower_sink(LNode *plan, const SourceSpec *sink, Pipeline *p, WeirError *err);

/* EXPLAIN: the logical plan, then the physical operators, as text lines
 * (allocated in a). */
int plan_explain(Arena *a, const LNode *plan, const char ***lines, int *nlines);

#endif
