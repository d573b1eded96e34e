/*
 * catalog.c - the catalog of sources, tables, views and sinks, kept in sqlite3
 * (see catalog.h).
 *
 * The binder asks the catalog for an object by name; DDL puts and drops
 * objects.  Three tables hold it:
 *
 *   objects (name PRIMARY KEY, kind, ddl, base_dir)
 *   columns (object -> objects.name ON DELETE CASCADE, position, name, type,
 *            type_len, computed)
 *   options (object -> objects.name ON DELETE CASCADE, position, key, value)
 *
 * Every statement is prepared once in cat_open and reused with bound
 * parameters.  A put writes its three parts in one transaction, so a reader
 * never sees half an object.  The catalog is ":memory:" unless a path is
 * given; a file is created with the schema when missing.
 *
 * Ownership: the Catalog owns its sqlite3 handle and statements (cat_close
 * frees them).  Objects returned by cat_get and names by cat_list live in the
 * caller's arena.
 */
#include "catalog.h"

#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define CAT_SCHEMA_VERSION 1

/* The prepared statements, indexed by CatStmt. */
enum CatStmt {
    ST_BEGIN, ST_COMMIT, ST_ROLLBACK,
    ST_PUT_OBJ, ST_PUT_COL, ST_PUT_OPT,
    ST_GET_OBJ, ST_GET_COLS, ST_GET_OPTS,
    ST_DROP, ST_LIST_ALL, ST_LIST_KIND,
    ST_JOB_START, ST_JOB_END, ST_JOB_LIST, ST_JOB_RUNNING, ST_JOB_ORPHAN,
    ST_COUNT
};

static const char *const cat_sql[ST_COUNT] = {
    [ST_BEGIN]     = "BEGIN",
    [ST_COMMIT]    = "COMMIT",
    [ST_ROLLBACK]  = "ROLLBACK",
    [ST_PUT_OBJ]   = "INSERT INTO objects(name, kind, ddl, base_dir) VALUES (?1, ?2, ?3, ?4)",
    [ST_PUT_COL]   = "INSERT INTO columns(object, position, name, type, type_len, computed)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [ST_PUT_OPT]   = "INSERT INTO options(object, position, key, value) VALUES (?1, ?2, ?3, ?4)",
    [ST_GET_OBJ]   = "SELECT kind, ddl, base_dir FROM objects WHERE name = ?1",
    [ST_GET_COLS]  = "SELECT name, type, type_len, computed FROM columns"
                     " WHERE object = ?1 ORDER BY position",
    [ST_GET_OPTS]  = "SELECT key, value FROM options WHERE object = ?1 ORDER BY position",
    [ST_DROP]      = "DELETE FROM objects WHERE name = ?1",
    [ST_LIST_ALL]  = "SELECT name FROM objects ORDER BY name",
    [ST_LIST_KIND] = "SELECT name FROM objects WHERE kind = ?1 ORDER BY name",
    [ST_JOB_START] = "INSERT INTO jobs(name, state, pid) VALUES (?1, 'running', ?2)",
    [ST_JOB_END]   = "UPDATE jobs SET state = ?2 WHERE id = ?1",
    [ST_JOB_LIST]  = "SELECT name, state FROM jobs ORDER BY id",
    [ST_JOB_RUNNING] = "SELECT id, pid FROM jobs WHERE state = 'running'",
    [ST_JOB_ORPHAN] = "UPDATE jobs SET state = 'interrupted' WHERE id = ?1",
};

static const char cat_schema[] =
    "CREATE TABLE IF NOT EXISTS objects ("
    "  name     TEXT PRIMARY KEY NOT NULL,"
    "  kind     INTEGER NOT NULL,"
    "  ddl      TEXT NOT NULL,"
    "  base_dir TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE IF NOT EXISTS columns ("
    "  object   TEXT NOT NULL REFERENCES objects(name) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  name     TEXT NOT NULL,"
    "  type     INTEGER NOT NULL,"
    "  type_len INTEGER NOT NULL DEFAULT 0,"
    "  computed INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (object, position));"
    "CREATE TABLE IF NOT EXISTS options ("
    "  object   TEXT NOT NULL REFERENCES objects(name) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  key      TEXT NOT NULL,"
    "  value    TEXT NOT NULL,"
    "  PRIMARY KEY (object, position));"
    "CREATE TABLE IF NOT EXISTS jobs ("
    "  id       INTEGER PRIMARY KEY,"
    "  name     TEXT NOT NULL,"
    "  state    TEXT NOT NULL,"       /* running, finished, failed, cancelled, interrupted */
    "  pid      INTEGER NOT NULL DEFAULT 0);";

struct Catalog {
    sqlite3 *db;
    sqlite3_stmt *st[ST_COUNT];
    char path[256];           /* for messages */
};

/* Sets err to an I/O error naming the catalog and sqlite3's reason. */
static int cat_ioerr(Catalog *c, WeirError *err, const char *what)
{
    return err_set(err, WEIR_IOERR, "catalog \"%s\": %s: %s", c->path, what,
                   c->db ? sqlite3_errmsg(c->db) : "out of memory");
}

/* Runs a statement that returns no rows (BEGIN, COMMIT, ...) and resets it. */
static int cat_step_done(Catalog *c, enum CatStmt s)
{
    int rc = sqlite3_step(c->st[s]);
    sqlite3_reset(c->st[s]);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Jobs a process left 'running' when it was killed: its pid is gone.  Marked
 * 'interrupted' (a job resumed with --state is a new row).  Best effort. */
static void cat_jobs_orphaned(Catalog *c)
{
    sqlite3_stmt *s = c->st[ST_JOB_RUNNING];
    int64_t gone[64];
    int n = 0;
    while (n < 64 && sqlite3_step(s) == SQLITE_ROW) {
        pid_t pid = (pid_t)sqlite3_column_int64(s, 1);
        if (pid != getpid() && (pid <= 0 || (kill(pid, 0) != 0 && errno == ESRCH))) gone[n++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_reset(s);
    for (int i = 0; i < n; i++) {
        sqlite3_bind_int64(c->st[ST_JOB_ORPHAN], 1, gone[i]);
        cat_step_done(c, ST_JOB_ORPHAN);
    }
}

int cat_open(const char *path, Catalog **out, WeirError *err)
{
    *out = NULL;
    Catalog *c = sqlite3_malloc(sizeof *c);
    if (!c) return err_set(err, WEIR_NOMEM, "out of memory opening the catalog");
    memset(c, 0, sizeof *c);
    const char *file = (path && *path) ? path : ":memory:";
    snprintf(c->path, sizeof c->path, "%s", file);

    int rc = sqlite3_open_v2(file, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        cat_ioerr(c, err, "cannot open");
        cat_close(c);
        return WEIR_IOERR;
    }
    sqlite3_busy_timeout(c->db, 2000);
    /* sqlite3 opens lazily: the first read below is what finds a file that is
     * not a database. */
    char *emsg = NULL;
    rc = sqlite3_exec(c->db, "PRAGMA foreign_keys = ON", NULL, NULL, &emsg);
    if (rc == SQLITE_OK) {
        sqlite3_stmt *v = NULL;
        rc = sqlite3_prepare_v2(c->db, "PRAGMA user_version", -1, &v, NULL);
        int version = 0;
        if (rc == SQLITE_OK) {
            rc = sqlite3_step(v);
            if (rc == SQLITE_ROW) {
                version = sqlite3_column_int(v, 0);
                rc = SQLITE_OK;
            }
        }
        sqlite3_finalize(v);
        if (rc == SQLITE_OK && version > CAT_SCHEMA_VERSION) {
            err_set(err, WEIR_IOERR, "catalog \"%s\": written by a newer weir (schema %d)",
                    c->path, version);
            cat_close(c);
            return WEIR_IOERR;
        }
    }
    if (rc == SQLITE_OK) rc = sqlite3_exec(c->db, cat_schema, NULL, NULL, &emsg);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(c->db, "PRAGMA user_version = 1", NULL, NULL, &emsg);
    sqlite3_free(emsg);
    if (rc != SQLITE_OK) {
        cat_ioerr(c, err, "not a usable catalog");
        cat_close(c);
        return WEIR_IOERR;
    }
    for (int i = 0; i < ST_COUNT; i++) {
        if (sqlite3_prepare_v3(c->db, cat_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                               &c->st[i], NULL) != SQLITE_OK) {
            cat_ioerr(c, err, "preparing a statement");
            cat_close(c);
            return WEIR_IOERR;
        }
    }
    cat_jobs_orphaned(c);
    *out = c;
    return WEIR_OK;
}

void cat_close(Catalog *c)
{
    if (!c) return;
    for (int i = 0; i < ST_COUNT; i++) sqlite3_finalize(c->st[i]);
    sqlite3_close(c->db);
    sqlite3_free(c);
}

/* Inserts the object row and its columns and options; the caller holds the
 * transaction.  Returns an sqlite3 code. */
static int cat_put_rows(Catalog *c, const CatObject *o)
{
    sqlite3_stmt *s = c->st[ST_PUT_OBJ];
    sqlite3_bind_text(s, 1, o->name, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 2, (int)o->kind);
    sqlite3_bind_text(s, 3, o->ddl ? o->ddl : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, o->base_dir ? o->base_dir : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (rc != SQLITE_DONE) return rc;

    s = c->st[ST_PUT_COL];
    for (int i = 0; i < o->ncols; i++) {
        const CatColumn *col = &o->cols[i];
        sqlite3_bind_text(s, 1, o->name, -1, SQLITE_STATIC);
        sqlite3_bind_int(s, 2, i);
        sqlite3_bind_text(s, 3, col->name, -1, SQLITE_STATIC);
        sqlite3_bind_int(s, 4, (int)col->type);
        sqlite3_bind_int(s, 5, col->type_len);
        sqlite3_bind_int(s, 6, col->computed ? 1 : 0);
        rc = sqlite3_step(s);
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        if (rc != SQLITE_DONE) return rc;
    }
    s = c->st[ST_PUT_OPT];
    for (int i = 0; i < o->nopts; i++) {
        sqlite3_bind_text(s, 1, o->name, -1, SQLITE_STATIC);
        sqlite3_bind_int(s, 2, i);
        sqlite3_bind_text(s, 3, o->opt_keys[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 4, o->opt_values[i] ? o->opt_values[i] : "", -1, SQLITE_STATIC);
        rc = sqlite3_step(s);
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        if (rc != SQLITE_DONE) return rc;
    }
    return SQLITE_OK;
}

int cat_put(Catalog *c, const CatObject *o, WeirError *err)
{
    if (!o->name || !*o->name) return err_set(err, WEIR_MISUSE, "catalog: an object needs a name");
    if (cat_step_done(c, ST_BEGIN) != SQLITE_OK) return cat_ioerr(c, err, "begin");
    int rc = cat_put_rows(c, o);
    if (rc != SQLITE_OK) {
        /* Read the message before ROLLBACK replaces it. */
        int ext = sqlite3_extended_errcode(c->db);
        if (ext == SQLITE_CONSTRAINT_PRIMARYKEY || ext == SQLITE_CONSTRAINT_UNIQUE) {
            cat_step_done(c, ST_ROLLBACK);
            return err_set(err, WEIR_ERROR, "an object named \"%s\" already exists", o->name);
        }
        cat_ioerr(c, err, "storing an object");
        cat_step_done(c, ST_ROLLBACK);
        return WEIR_IOERR;
    }
    if (cat_step_done(c, ST_COMMIT) != SQLITE_OK) {
        cat_ioerr(c, err, "commit");
        cat_step_done(c, ST_ROLLBACK);
        return WEIR_IOERR;
    }
    return WEIR_OK;
}

/* Copies column i of the current row into the arena ("" for NULL). */
static char *cat_text(sqlite3_stmt *s, int i, Arena *a)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    int n = sqlite3_column_bytes(s, i);
    return arena_strndup(a, t ? (const char *)t : "", t ? (size_t)n : 0);
}

/* Counts the rows a statement (already bound) yields, then resets it so it
 * can be stepped again for the copy.  Returns -1 on an sqlite3 error. */
static int cat_count_rows(sqlite3_stmt *s)
{
    int n = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) n++;
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? n : -1;
}

/* Reads the columns and options of o->name into o (allocated in a).  Returns
 * WEIR_OK, WEIR_NOMEM or -1 for an sqlite3 error. */
static int cat_get_parts(Catalog *c, CatObject *o, Arena *a)
{
    sqlite3_stmt *s = c->st[ST_GET_COLS];
    sqlite3_bind_text(s, 1, o->name, -1, SQLITE_STATIC);
    int n = cat_count_rows(s);
    if (n < 0) return -1;
    o->cols = arena_alloc(a, sizeof *o->cols * (size_t)(n ? n : 1));
    if (!o->cols) return WEIR_NOMEM;
    for (o->ncols = 0; o->ncols < n && sqlite3_step(s) == SQLITE_ROW; o->ncols++) {
        CatColumn *col = &o->cols[o->ncols];
        if (!(col->name = cat_text(s, 0, a))) return WEIR_NOMEM;
        col->type = (TypeId)sqlite3_column_int(s, 1);
        col->type_len = sqlite3_column_int(s, 2);
        col->computed = sqlite3_column_int(s, 3) != 0;
    }
    sqlite3_reset(s);

    s = c->st[ST_GET_OPTS];
    sqlite3_bind_text(s, 1, o->name, -1, SQLITE_STATIC);
    n = cat_count_rows(s);
    if (n < 0) return -1;
    o->opt_keys = arena_alloc(a, sizeof *o->opt_keys * (size_t)(n ? n : 1));
    o->opt_values = arena_alloc(a, sizeof *o->opt_values * (size_t)(n ? n : 1));
    if (!o->opt_keys || !o->opt_values) return WEIR_NOMEM;
    for (o->nopts = 0; o->nopts < n && sqlite3_step(s) == SQLITE_ROW; o->nopts++) {
        if (!(o->opt_keys[o->nopts] = cat_text(s, 0, a))) return WEIR_NOMEM;
        if (!(o->opt_values[o->nopts] = cat_text(s, 1, a))) return WEIR_NOMEM;
    }
    sqlite3_reset(s);
    return WEIR_OK;
}

int cat_get(Catalog *c, const char *name, Arena *a, CatObject **out, WeirError *err)
{
    *out = NULL;
    sqlite3_stmt *s = c->st[ST_GET_OBJ];
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) {
        sqlite3_reset(s);
        return WEIR_OK;
    }
    if (rc != SQLITE_ROW) {
        cat_ioerr(c, err, "reading an object");
        sqlite3_reset(s);
        return WEIR_IOERR;
    }
    CatObject *o = arena_alloc(a, sizeof *o);
    if (o) {
        o->name = arena_strdup(a, name);
        o->kind = (ObjKind)sqlite3_column_int(s, 0);
        o->ddl = cat_text(s, 1, a);
        o->base_dir = cat_text(s, 2, a);
    }
    sqlite3_reset(s);
    if (!o || !o->name || !o->ddl || !o->base_dir)
        return err_set(err, WEIR_NOMEM, "out of memory reading the catalog");
    /* One transaction would be tidier, but the three reads only ever race a
     * writer in another process, and a put commits all parts at once. */
    rc = cat_get_parts(c, o, a);
    if (rc == WEIR_NOMEM) return err_set(err, WEIR_NOMEM, "out of memory reading the catalog");
    if (rc != WEIR_OK) return cat_ioerr(c, err, "reading an object");
    *out = o;
    return WEIR_OK;
}

int cat_drop(Catalog *c, const char *name, bool *found, WeirError *err)
{
    sqlite3_stmt *s = c->st[ST_DROP];
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) return cat_ioerr(c, err, "dropping an object");
    if (found) *found = sqlite3_changes(c->db) > 0;
    return WEIR_OK;
}

int cat_list(Catalog *c, ObjKind kind, Arena *a, const char ***names, int *n, WeirError *err)
{
    *names = NULL;
    *n = 0;
    sqlite3_stmt *s = c->st[kind == OBJ_NONE ? ST_LIST_ALL : ST_LIST_KIND];
    if (kind != OBJ_NONE) sqlite3_bind_int(s, 1, (int)kind);
    int count = cat_count_rows(s);
    if (count < 0) return cat_ioerr(c, err, "listing objects");
    const char **v = arena_alloc(a, sizeof *v * (size_t)(count ? count : 1));
    if (!v) return err_set(err, WEIR_NOMEM, "out of memory listing the catalog");
    int i = 0;
    while (i < count && sqlite3_step(s) == SQLITE_ROW) {
        if (!(v[i] = cat_text(s, 0, a))) {
            sqlite3_reset(s);
            return err_set(err, WEIR_NOMEM, "out of memory listing the catalog");
        }
        i++;
    }
    sqlite3_reset(s);
    *names = v;
    *n = i;
    return WEIR_OK;
}

/* ---- sink jobs ------------------------------------------------------------- */

int cat_job_start(Catalog *c, const char *name, int64_t *id, WeirError *err)
{
    sqlite3_stmt *s = c->st[ST_JOB_START];
    sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)getpid());
    if (cat_step_done(c, ST_JOB_START) != SQLITE_OK) return cat_ioerr(c, err, "recording a job");
    *id = sqlite3_last_insert_rowid(c->db);
    return WEIR_OK;
}

int cat_job_end(Catalog *c, int64_t id, const char *state, WeirError *err)
{
    sqlite3_stmt *s = c->st[ST_JOB_END];
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, state, -1, SQLITE_STATIC);
    if (cat_step_done(c, ST_JOB_END) != SQLITE_OK) return cat_ioerr(c, err, "recording a job's end");
    return WEIR_OK;
}

int cat_jobs(Catalog *c, Arena *a, CatJob **out, int *n, WeirError *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = c->st[ST_JOB_LIST];
    int count = cat_count_rows(s);
    if (count < 0) return cat_ioerr(c, err, "listing jobs");
    CatJob *v = arena_alloc(a, sizeof *v * (size_t)(count ? count : 1));
    if (!v) return err_set(err, WEIR_NOMEM, "out of memory listing jobs");
    int i = 0;
    while (i < count && sqlite3_step(s) == SQLITE_ROW) {
        v[i].name = cat_text(s, 0, a);
        v[i].state = cat_text(s, 1, a);
        if (!v[i].name || !v[i].state) {
            sqlite3_reset(s);
            return err_set(err, WEIR_NOMEM, "out of memory listing jobs");
        }
        i++;
    }
    sqlite3_reset(s);
    *out = v;
    *n = i;
    return WEIR_OK;
}
