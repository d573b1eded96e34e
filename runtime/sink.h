/*
 * sink.h - connectors that consume rows: the Sink vtable, its factory, and the
 * operator that ends the chain of a sink job.
 *
 * A sink job (CREATE SINK ... AS SELECT, INSERT INTO t SELECT) runs like a
 * SELECT, except that the last operator before the collector is op_sink: it
 * converts each row to the target's column types (INT -> BIGINT -> DOUBLE
 * widening) and hands it to a Sink, which encodes it (format.h's encoders) and
 * writes it somewhere; nothing reaches the collector.  At the end of input the
 * operator finishes the sink (flush, close: I/O errors surface here).
 *
 * A sink is described by a SourceSpec (source.h) like a source: name, connector,
 * the columns it writes (names and types of the target), the WITH options and the
 * base directory relative paths resolve against.  Connectors (sink_file.c):
 *   file       path = ..., format = 'csv' (a header row, then one record a row;
 *              csv.header = 'false' drops the header; csv.delimiter) | 'json'
 *              (one object a line); the file is created or truncated at start
 *   stdout     the same text on the process's standard output
 *   blackhole  counts and discards
 */
#ifndef WEIR_SINK_H
#define WEIR_SINK_H

#include "operator.h"
#include "source.h"

typedef struct Sink Sink;
typedef struct SinkVtab {
    /* Writes one row of the sink's columns (types as in the spec).  Returns
     * WEIR_OK, WEIR_NOMEM or WEIR_IOERR with err set. */
    int  (*write)(Sink *s, const Value *row, WeirError *err);
    /* The end of a batch: hands what is buffered to the target (a continuous
     * job's rows show up batch by batch, not at the end).  WEIR_OK or WEIR_IOERR. */
    int  (*flush)(Sink *s, WeirError *err);
    /* End of the job: writes what is buffered and closes the target.  Returns
     * WEIR_OK or WEIR_IOERR.  Called at most once. */
    int  (*finish)(Sink *s, WeirError *err);
    /* Frees the sink.  When finish did not run (an interrupted or failed job)
     * it still writes what is buffered, ignoring errors, then closes. */
    void (*close)(Sink *s);
    /* Checkpoints; NULL when the sink cannot rewind (stdout: at-least-once).
     * position() hands everything written so far to the target (durably) and
     * returns its length in bytes, or -1 with err set; rewind(len) is called on
     * a freshly opened sink before any write and cuts the target back to len
     * (what the last checkpoint had), so output past it is written again
     * exactly once.  WEIR_OK, or WEIR_IOERR with err set. */
    int64_t (*position)(Sink *s, WeirError *err);
    int  (*rewind)(Sink *s, int64_t len, WeirError *err);
    /* Sinks that commit with the checkpoint (Kafka transactions); NULL for
     * the others.  save appends what the sink needs to resume to the sink
     * operator's part (after position() and rows_written) as the checkpoint is
     * taken, and makes everything written so far durable (sink_kafka.c commits
     * its transaction there; its top comment says why before sqlite3); load
     * reads it back on a freshly opened sink before any write.  WEIR_OK, or an
     * error code with err set. */
    int  (*save)(Sink *s, struct SnapWriter *w, WeirError *err);
    int  (*load)(Sink *s, struct SnapReader *r, WeirError *err);
} SinkVtab;

struct Sink {
    const SinkVtab *vt;
    const char *name;          /* the SQL name (owned by the spec's owner) */
    int64_t rows_written;
};

/* Opens the connector named by spec->connector ("file", "stdout", "blackhole").
 * spec and its strings must outlive the sink.  Returns WEIR_OK, WEIR_ERROR for
 * bad options (unknown connector or format, no path), WEIR_NOMEM or WEIR_IOERR
 * (the file cannot be created). */
int sink_open(const SourceSpec *spec, Sink **out, WeirError *err);
/* Checks spec as sink_open would, without creating or writing anything (for
 * CREATE SINK / CREATE TABLE before the catalog takes them). */
int sink_check(const SourceSpec *spec, WeirError *err);
/* The kafka connector (sink_kafka.c): open connects (a broker must answer within
 * a few seconds); check validates the options only. */
int sink_kafka_open(const SourceSpec *spec, Sink **out, WeirError *err);
int sink_kafka_check(const SourceSpec *spec, WeirError *err);

/* The operator at the end of a sink job's chain.  in_types: the types of the
 * rows it receives (the query's columns); out_cols: the sink's columns, same
 * count, each either the same type or a widening of it (INT -> BIGINT/DOUBLE,
 * BIGINT -> DOUBLE; TYPE_NULL input is always NULL).  Both arrays must outlive
 * the operator.  The sink is attached later (op_sink_attach), so that the
 * target is created only once every other part of the pipeline opened.  Counts
 * written rows in exec->rows_out.  NULL when out of memory. */
Operator *op_sink_new(ExecState *ex, int ncols, const TypeId *in_types, const SourceColumn *out_cols);
/* Gives the operator its sink; the operator owns it from now on. */
void op_sink_attach(Operator *op, Sink *s);

#endif
