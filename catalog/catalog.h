/*
 * catalog.h - the catalog of sources, tables, views and sinks, kept in sqlite3.
 *
 * Each object is a row (name, kind, DDL text, base directory) with its columns
 * and WITH options as rows of their own.  The catalog is in memory unless a path
 * is given (`--catalog PATH`), in which case a later run sees the objects an
 * earlier run created.  The binder consults only this.
 */
#ifndef WEIR_CATALOG_H
#define WEIR_CATALOG_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "ast.h"
#include "error.h"

typedef struct Catalog Catalog;

typedef struct CatColumn {
    const char *name;
    TypeId type;          /* TYPE_NULL for computed columns not yet typed */
    int type_len;         /* VARCHAR(n), TIMESTAMP(p); 0 when not given */
    bool computed;        /* defined by an expression in the DDL (incl. PROCTIME()) */
} CatColumn;

typedef struct CatObject {
    const char *name;
    ObjKind kind;         /* OBJ_SOURCE, OBJ_TABLE, OBJ_VIEW, OBJ_SINK */
    const char *ddl;      /* the CREATE statement's text, re-parsed by the binder */
    const char *base_dir; /* directory relative paths resolve against */
    int ncols;
    CatColumn *cols;
    int nopts;
    const char **opt_keys;   /* lower-case */
    const char **opt_values;
} CatObject;

/* Opens the catalog: path NULL or "" for an in-memory one.  Creates the schema
 * when missing.  Returns WEIR_OK or WEIR_IOERR (message in err). */
int  cat_open(const char *path, Catalog **out, WeirError *err);
void cat_close(Catalog *c);    /* NULL is a no-op */

/* Adds an object; WEIR_ERROR if one of that name (any kind) exists. */
int  cat_put(Catalog *c, const CatObject *o, WeirError *err);
/* Looks an object up by name (exact).  Returns WEIR_OK and *out (allocated in a,
 * freed with it), or WEIR_OK with *out = NULL when there is none, or WEIR_IOERR. */
int  cat_get(Catalog *c, const char *name, Arena *a, CatObject **out, WeirError *err);
/* Removes an object; *found tells whether it existed. */
int  cat_drop(Catalog *c, const char *name, bool *found, WeirError *err);
/* Names of every object of a kind (OBJ_NONE: all), sorted; allocated in a. */
int  cat_list(Catalog *c, ObjKind kind, Arena *a, const char ***names, int *n, WeirError *err);

/* Sink jobs (SHOW JOBS), kept in the catalog so that a persistent one lists
 * earlier runs' jobs too.  A job starts 'running' (with this process's pid)
 * and ends 'finished', 'failed' or 'cancelled'; one left 'running' by a
 * process that no longer exists is marked 'interrupted' when a catalog opens. */
typedef struct CatJob {
    const char *name, *state;
} CatJob;
int  cat_job_start(Catalog *c, const char *name, int64_t *id, WeirError *err);
int  cat_job_end(Catalog *c, int64_t id, const char *state, WeirError *err);
/* Every job, oldest first; allocated in a. */
int  cat_jobs(Catalog *c, Arena *a, CatJob **out, int *n, WeirError *err);

#endif
