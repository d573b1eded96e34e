/*
 * source.h - connectors that produce rows: the Source vtable and its factory.
 *
 * A Source fills batches with the physical (declared, non-computed) columns of a
 * CREATE SOURCE, in declaration order.  Computed columns, the watermark and
 * everything else happen downstream.  One file per connector
 * (connector_file.c, connector_stdin.c, ...); record formats are decoded by
 * format.h so every connector shares them.
 */
#ifndef WEIR_SOURCE_H
#define WEIR_SOURCE_H

#include <stdbool.h>
#include <stdio.h>

#include "batch.h"
#include "error.h"

typedef enum OnError { ON_ERROR_FAIL = 0, ON_ERROR_SKIP, ON_ERROR_DEAD_LETTER } OnError;

/* A physical column the source must produce. */
typedef struct SourceColumn {
    const char *name;
    TypeId type;
} SourceColumn;

/* Everything a connector needs, resolved by the planner from the catalog.
 * All strings are owned by the caller and outlive the Source. */
typedef struct SourceSpec {
    const char *name;            /* the SQL source name, for messages */
    const char *connector;       /* "file", "stdin", ... */
    int ncols;
    const SourceColumn *cols;
    int nopts;                   /* every WITH option, as written (keys lower-case) */
    const char *const *opt_keys;
    const char *const *opt_values;
    const char *base_dir;        /* relative paths resolve against it ("" = cwd) */
} SourceSpec;

/* Returns the value of WITH option key, or NULL. */
const char *source_option(const SourceSpec *spec, const char *key);
/* Whether s[0..n), white space around allowed, is a decimal integer (an option
 * value such as number-of-rows or seed); stores it in *out. */
bool source_parse_int(const char *s, size_t n, int64_t *out);

#define SOURCE_BAD_POS_KEEP 5

typedef struct Source Source;
struct SnapWriter;
struct SnapReader;
/* Connectors without the checkpoint entries leave them out (see operator.h). */
typedef struct SourceVtab {
    /* Appends up to b->cap - b->nrows rows to b (b->ncols == spec ncols).
     * Returns WEIR_OK when it added rows, WEIR_DONE at the end of bounded input
     * (possibly after adding rows: check nrows), WEIR_PENDING when an unbounded
     * source has nothing now, or an error code with err set (WEIR_DATA for a bad
     * record under on_error = 'fail', WEIR_IOERR). */
    int  (*next)(Source *s, Batch *b, WeirError *err);
    void (*close)(Source *s);    /* frees the source */
    /* Checkpoints (snapshot.h); NULL when the connector cannot resume (a
     * checkpointed job over it is refused).  save_pos writes where the next
     * call to next() would read (called between batches); restore_pos moves a
     * freshly opened source there.  WEIR_OK, or WEIR_IOERR with err set. */
    int  (*save_pos)(Source *s, struct SnapWriter *w, WeirError *err);
    int  (*restore_pos)(Source *s, struct SnapReader *r, WeirError *err);
} SourceVtab;

struct Source {
    const SourceVtab *vt;
    const char *name;            /* SQL name (owned by the spec's owner) */
    int64_t rows_read;           /* good rows produced */
    int64_t malformed;           /* bad records skipped or dead-lettered */
    OnError on_error;
    bool unbounded;              /* input never ends by itself (an api source not yet
                                    closed, datagen without number-of-rows): weir_exec
                                    refuses a SELECT over it */
    int nbad;                    /* positions of the first bad records, for the summary */
    char bad_pos[SOURCE_BAD_POS_KEEP][64];
    /* For records that decode but fail later (a CAST of their value): the
     * connector's on_error state (NULL: the error stops the query) and how its
     * positions read: label and separator before the batch's pos ("tx.csv" and
     * ':' give "tx.csv:5", "push" and ' ' give "push 5"); label NULL: "line 5";
     * pos_partitioned (Kafka): pos is the offset + 1 within the row's partition,
     * read "partition 1 offset 4". */
    struct SourceCommon *common;
    const char *pos_label;
    char pos_sep;
    bool pos_partitioned;
};

/* A record that decoded but whose values failed downstream (e.g. a CAST in a
 * computed column or WHERE): applies the source's on_error policy to it.
 * part, pos: the row's Batch.part and Batch.pos (pos 0: unknown); reason: what
 * failed.  Returns WEIR_OK when the row is to be dropped (skipped or
 * dead-lettered, and counted), or WEIR_DATA with a message naming the source
 * and position. */
int source_reject_row(Source *s, int32_t part, int64_t pos, const char *reason, WeirError *err);

/* Opens the connector named by spec->connector.  Returns WEIR_OK, WEIR_ERROR for
 * bad options (unknown connector, missing path, ...) or WEIR_IOERR. */
int source_open(const SourceSpec *spec, Source **out, WeirError *err);

/* The connectors' entry points (one file each), as listed in source.c. */
int source_datagen_open(const SourceSpec *spec, Source **out, WeirError *err);
int source_kafka_open(const SourceSpec *spec, Source **out, WeirError *err);  /* connector_kafka.c */
int source_nexmark_open(const SourceSpec *spec, Source **out, WeirError *err);  /* connector_nexmark.c */

#endif
