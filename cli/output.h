/*
 * output.h - how the weir command prints result rows: csv, json or a
 * streaming table.
 *
 * The CLI's exec hooks (cli/run.c) call out_begin when a statement's columns
 * are known, out_row for each row as it arrives and out_end when the
 * statement ends.  Rows go to the writer's FILE (stdout) through stdio's
 * buffer; out_end flushes, and out_row flushes too when flush_rows is set
 * (stdout is a terminal).
 */
#ifndef WEIR_CLI_OUTPUT_H
#define WEIR_CLI_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "weir.h"

typedef enum OutFormat { OUT_TABLE, OUT_CSV, OUT_JSON } OutFormat;

#define OUT_MAX_COLS 256   /* wider results are printed, the table just uses a default width */

typedef struct OutWriter {
    OutFormat fmt;
    FILE *f;
    bool flush_rows;          /* fflush after every row */
    int ncols;
    int types[OUT_MAX_COLS];  /* WEIR_* type per column (first OUT_MAX_COLS) */
    int widths[OUT_MAX_COLS]; /* table: display width per column */
    int64_t rows;             /* rows printed by this statement */
    /* csv: a row is built here and written with one fwrite (fields too long
     * for it go straight to the FILE). */
    size_t line_len;
    char line[8192];
} OutWriter;

/* Parses "table", "csv" or "json"; returns 0, or -1 for anything else. */
int  out_parse_format(const char *s, OutFormat *fmt);
void out_init(OutWriter *w, OutFormat fmt, FILE *f, bool flush_rows);

/* The statement's columns are known: csv prints its header row, table its
 * top border, header and border; json prints nothing. */
void out_begin(OutWriter *w, weir_query *q);
/* Prints the query's current row. */
void out_row(OutWriter *w, weir_query *q);
/* The statement ended: table prints its closing border and "N rows"; flushes. */
void out_end(OutWriter *w);

/* ---- the pieces, exposed for the unit tests ---- */

/* Writes s as one CSV field (RFC 4180: quoted when it holds a comma, a
 * quote, CR or LF; inner quotes doubled). */
void out_csv_field(FILE *f, const char *s);
/* Writes s as a JSON string literal with its quotes. */
void out_json_string(FILE *f, const char *s);
/* Writes s in a table cell of `width` display columns (UTF-8 code points),
 * cut to width-3 characters plus "..." when longer; right-aligned if asked. */
void out_table_cell(FILE *f, const char *s, int width, bool right);
/* Display width of a column: the larger of its name's and its type's. */
int  out_table_width(const char *name, int type);

#endif
