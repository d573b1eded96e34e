/*
 * state.c - the sqlite3 checkpoint store (see state.h).  Statements are
 * prepared once per store; a checkpoint is BEGIN IMMEDIATE, one UPSERT (or
 * DELETE) per blob written, an UPSERT of the job row and COMMIT.
 * synchronous = FULL, so a committed checkpoint survives a power loss.
 */
#include "state.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define STATE_FORMAT "2"   /* 2: blobs by (part, key group); 1: one per part */

struct StateStore {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *get_job, *get_part, *next_group, *del_parts, *put_part, *del_part, *put_job, *del_job;
    bool in_txn;
};

/* Sets err from the database's last error; returns WEIR_IOERR. */
static int db_error(StateStore *st, const char *what, WeirError *err)
{
    return err_set(err, WEIR_IOERR, "state file \"%s\": %s: %s", st->path, what, sqlite3_errmsg(st->db));
}

static int exec_sql(StateStore *st, const char *sql, WeirError *err)
{
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK) return db_error(st, "cannot use it", err);
    return WEIR_OK;
}

/* Checks the schema of an existing file, or creates it in an empty one. */
static int setup_schema(StateStore *st, WeirError *err)
{
    sqlite3_stmt *s = NULL;
    int ntables = 0, ours = 0;
    if (sqlite3_prepare_v2(st->db, "SELECT name FROM sqlite_master WHERE type = 'table'", -1, &s, NULL) != SQLITE_OK)
        return err_set(err, WEIR_IOERR, "state file \"%s\" is damaged or not a sqlite3 file (%s); use --reset-state to start over",
                       st->path, sqlite3_errmsg(st->db));
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(s, 0);
        ntables++;
        if (name && (!strcmp(name, "weir_state_meta") || !strcmp(name, "weir_job") || !strcmp(name, "weir_part")))
            ours++;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return err_set(err, WEIR_IOERR, "state file \"%s\" is damaged or not a sqlite3 file (%s); use --reset-state to start over",
                       st->path, sqlite3_errmsg(st->db));
    if (ntables == 0)
        return exec_sql(st,
                        "BEGIN;"
                        "CREATE TABLE weir_state_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                        "INSERT INTO weir_state_meta VALUES ('format', '" STATE_FORMAT "');"
                        "CREATE TABLE weir_job(idx INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL,"
                        " status TEXT NOT NULL, ckpt INTEGER NOT NULL, taken_ms INTEGER);"
                        "CREATE TABLE weir_part(idx INTEGER NOT NULL, part INTEGER NOT NULL, grp INTEGER NOT NULL,"
                        " data BLOB NOT NULL, PRIMARY KEY (idx, part, grp));"
                        "COMMIT;",
                        err);
    if (ours != 3)
        return err_set(err, WEIR_IOERR, "\"%s\" is not a weir state file (it holds other tables); "
                       "give --state a new path or use --reset-state to overwrite it", st->path);
    const char *fmt = NULL;
    if (sqlite3_prepare_v2(st->db, "SELECT value FROM weir_state_meta WHERE key = 'format'", -1, &s, NULL) != SQLITE_OK)
        return db_error(st, "cannot read it", err);
    if (sqlite3_step(s) == SQLITE_ROW) fmt = (const char *)sqlite3_column_text(s, 0);
    bool ok = fmt && !strcmp(fmt, STATE_FORMAT);
    sqlite3_finalize(s);
    if (!ok)
        return err_set(err, WEIR_IOERR, "state file \"%s\" has an unknown format; use --reset-state to start over", st->path);
    return WEIR_OK;
}

static int prepare(StateStore *st, const char *sql, sqlite3_stmt **out, WeirError *err)
{
    if (sqlite3_prepare_v2(st->db, sql, -1, out, NULL) != SQLITE_OK) return db_error(st, "cannot use it", err);
    return WEIR_OK;
}

/* Removes path and its WAL companions (--reset-state). */
static void remove_files(const char *path)
{
    size_t n = strlen(path) + 8;
    char *p = malloc(n);
    unlink(path);
    if (!p) return;
    snprintf(p, n, "%s-wal", path);
    unlink(p);
    snprintf(p, n, "%s-shm", path);
    unlink(p);
    snprintf(p, n, "%s-journal", path);
    unlink(p);
    free(p);
}

int state_open(const char *path, bool reset, StateStore **out, WeirError *err)
{
    *out = NULL;
    StateStore *st = calloc(1, sizeof *st);
    if (!st || !(st->path = strdup(path))) {
        free(st);
        return err_set(err, WEIR_NOMEM, "out of memory");
    }
    if (reset) remove_files(path);
    int rc = WEIR_OK;
    if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
        rc = err_set(err, WEIR_IOERR, "state file \"%s\": cannot open: %s", path,
                     st->db ? sqlite3_errmsg(st->db) : "out of memory");
    if (!rc) sqlite3_busy_timeout(st->db, 5000);
    if (!rc) rc = setup_schema(st, err);
    /* The WAL grows to the largest checkpoint's size; once sqlite3 has copied
     * it into the database it is cut back to 16 MiB rather than kept at its peak. */
    if (!rc) rc = exec_sql(st, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                               "PRAGMA journal_size_limit = 16777216;", err);
    if (!rc) rc = prepare(st, "SELECT status, fingerprint, ckpt FROM weir_job WHERE idx = ?", &st->get_job, err);
    if (!rc) rc = prepare(st, "SELECT data FROM weir_part WHERE idx = ? AND part = ? AND grp = ?", &st->get_part, err);
    if (!rc)
        rc = prepare(st,
                     "SELECT grp, data FROM weir_part WHERE idx = ? AND part = ? AND grp > ? ORDER BY grp LIMIT 1",
                     &st->next_group, err);
    if (!rc) rc = prepare(st, "DELETE FROM weir_part WHERE idx = ?", &st->del_parts, err);
    if (!rc)
        rc = prepare(st,
                     "INSERT INTO weir_part(idx, part, grp, data) VALUES (?, ?, ?, ?)"
                     " ON CONFLICT(idx, part, grp) DO UPDATE SET data = excluded.data",
                     &st->put_part, err);
    if (!rc) rc = prepare(st, "DELETE FROM weir_part WHERE idx = ? AND part = ? AND grp = ?", &st->del_part, err);
    if (!rc)
        rc = prepare(st,
                     "INSERT INTO weir_job(idx, fingerprint, status, ckpt, taken_ms) VALUES (?, ?, ?, ?,"
                     " CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))"
                     " ON CONFLICT(idx) DO UPDATE SET fingerprint = excluded.fingerprint,"
                     " status = excluded.status, ckpt = excluded.ckpt, taken_ms = excluded.taken_ms",
                     &st->put_job, err);
    if (!rc) rc = prepare(st, "DELETE FROM weir_job WHERE idx = ?", &st->del_job, err);
    if (rc) {
        state_close(st);
        return rc;
    }
    *out = st;
    return WEIR_OK;
}

void state_close(StateStore *st)
{
    if (!st) return;
    if (st->in_txn) state_rollback(st);
    sqlite3_finalize(st->get_job);
    sqlite3_finalize(st->get_part);
    sqlite3_finalize(st->next_group);
    sqlite3_finalize(st->del_parts);
    sqlite3_finalize(st->put_part);
    sqlite3_finalize(st->del_part);
    sqlite3_finalize(st->put_job);
    sqlite3_finalize(st->del_job);
    sqlite3_close(st->db);
    free(st->path);
    free(st);
}

const char *state_path(const StateStore *st) { return st->path; }

int state_job(StateStore *st, int idx, StateJobStatus *status, char *fp, size_t fp_size, int64_t *ckpt,
              WeirError *err)
{
    *status = STATE_JOB_NONE;
    if (fp_size) fp[0] = 0;
    *ckpt = 0;
    sqlite3_stmt *s = st->get_job;
    sqlite3_reset(s);
    sqlite3_bind_int(s, 1, idx);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        const char *stat = (const char *)sqlite3_column_text(s, 0);
        const char *f = (const char *)sqlite3_column_text(s, 1);
        *status = stat && !strcmp(stat, "finished") ? STATE_JOB_FINISHED : STATE_JOB_RUNNING;
        if (fp_size) snprintf(fp, fp_size, "%s", f ? f : "");
        *ckpt = sqlite3_column_int64(s, 2);
        rc = SQLITE_DONE;
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? WEIR_OK : db_error(st, "cannot read it", err);
}

/* Steps a SELECT whose column col is a blob: *data and *len from its row, which
 * stays current until the statement's next reset. */
static int get_blob(StateStore *st, sqlite3_stmt *s, int col, const void **data, size_t *len, WeirError *err)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *len = (size_t)sqlite3_column_bytes(s, col);
        *data = sqlite3_column_blob(s, col);
        if (!*data) *data = "";   /* an empty blob */
        return WEIR_OK;
    }
    return rc == SQLITE_DONE ? WEIR_OK : db_error(st, "cannot read it", err);
}

int state_get_part(StateStore *st, int idx, int part, int group, const void **data, size_t *len, WeirError *err)
{
    *data = NULL;
    *len = 0;
    sqlite3_stmt *s = st->get_part;
    sqlite3_reset(s);
    sqlite3_bind_int(s, 1, idx);
    sqlite3_bind_int(s, 2, part);
    sqlite3_bind_int(s, 3, group);
    return get_blob(st, s, 0, data, len, err);
}

int state_next_group(StateStore *st, int idx, int part, int after, int *group, const void **data, size_t *len,
                     WeirError *err)
{
    *group = -1;
    *data = NULL;
    *len = 0;
    sqlite3_stmt *s = st->next_group;
    sqlite3_reset(s);
    sqlite3_bind_int(s, 1, idx);
    sqlite3_bind_int(s, 2, part);
    sqlite3_bind_int(s, 3, after);
    int rc = get_blob(st, s, 1, data, len, err);
    if (!rc && *data) {
        sqlite3_int64 g = sqlite3_column_int64(s, 0);
        *group = g >= 0 && g <= 0x7fffffff ? (int)g : 0x7fffffff;   /* the caller refuses it */
    }
    return rc;
}

int state_begin(StateStore *st, WeirError *err)
{
    sqlite3_reset(st->get_part);
    sqlite3_reset(st->next_group);
    if (exec_sql(st, "BEGIN IMMEDIATE", err)) return WEIR_IOERR;
    st->in_txn = true;
    return WEIR_OK;
}

/* Runs a prepared statement with its bindings to the end. */
static int run_stmt(StateStore *st, sqlite3_stmt *s, WeirError *err)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc == SQLITE_DONE ? WEIR_OK : db_error(st, "cannot write it", err);
}

int state_put_part(StateStore *st, int idx, int part, int group, const void *data, size_t len, WeirError *err)
{
    if (group >= 0 && len == 0) {   /* the group holds nothing now */
        sqlite3_bind_int(st->del_part, 1, idx);
        sqlite3_bind_int(st->del_part, 2, part);
        sqlite3_bind_int(st->del_part, 3, group);
        return run_stmt(st, st->del_part, err);
    }
    sqlite3_bind_int(st->put_part, 1, idx);
    sqlite3_bind_int(st->put_part, 2, part);
    sqlite3_bind_int(st->put_part, 3, group);
    sqlite3_bind_blob64(st->put_part, 4, len ? data : "", len, SQLITE_STATIC);
    return run_stmt(st, st->put_part, err);
}

/* Writes the job row with this status. */
static int put_job(StateStore *st, int idx, const char *fp, const char *status, int64_t ckpt, WeirError *err)
{
    sqlite3_bind_int(st->put_job, 1, idx);
    sqlite3_bind_text(st->put_job, 2, fp, -1, SQLITE_STATIC);
    sqlite3_bind_text(st->put_job, 3, status, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st->put_job, 4, ckpt);
    return run_stmt(st, st->put_job, err);
}

int state_commit(StateStore *st, int idx, const char *fp, int64_t ckpt, WeirError *err)
{
    if (put_job(st, idx, fp, "running", ckpt, err)) {
        state_rollback(st);
        return WEIR_IOERR;
    }
    if (exec_sql(st, "COMMIT", err)) {
        state_rollback(st);
        return WEIR_IOERR;
    }
    st->in_txn = false;
    return WEIR_OK;
}

void state_rollback(StateStore *st)
{
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    st->in_txn = false;
}

int state_finish_job(StateStore *st, int idx, const char *fp, WeirError *err)
{
    if (state_begin(st, err)) return WEIR_IOERR;
    sqlite3_bind_int(st->del_parts, 1, idx);
    int rc = run_stmt(st, st->del_parts, err);
    if (!rc) rc = put_job(st, idx, fp, "finished", 0, err);
    if (!rc) rc = exec_sql(st, "COMMIT", err);
    if (rc) state_rollback(st);
    st->in_txn = false;
    return rc;
}

int state_clear_job(StateStore *st, int idx, WeirError *err)
{
    if (state_begin(st, err)) return WEIR_IOERR;
    sqlite3_bind_int(st->del_parts, 1, idx);
    int rc = run_stmt(st, st->del_parts, err);
    if (!rc) {
        sqlite3_bind_int(st->del_job, 1, idx);
        rc = run_stmt(st, st->del_job, err);
    }
    if (!rc) rc = exec_sql(st, "COMMIT", err);
    if (rc) state_rollback(st);
    st->in_txn = false;
    return rc;
}
