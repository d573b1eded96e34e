/*
 * state.h - the checkpoint store: a sqlite3 file (--state PATH) in WAL mode.
 *
 * A job is identified by its index (the n-th job the engine ran: the same
 * command gives the same numbering) and tagged with a fingerprint of its
 * statement and plan.  A checkpoint replaces all the job's parts (blobs made by
 * pipeline_snapshot: counters and source position, then one per operator) in
 * one transaction, so a crash leaves either the old checkpoint or the new one.
 * A job that ended is recorded as finished and its parts dropped.
 *
 * Tables: weir_state_meta(key, value) with format = 1; weir_job(idx,
 * fingerprint, status, ckpt, taken_ms); weir_part(idx, part, data).
 * The engine (engine/weir.c) drives it; nothing here knows about pipelines.
 */
#ifndef WEIR_STATE_H
#define WEIR_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

typedef struct StateStore StateStore;

typedef enum StateJobStatus { STATE_JOB_NONE = 0, STATE_JOB_RUNNING, STATE_JOB_FINISHED } StateJobStatus;

/* Opens (creating when absent) the state file.  reset: delete it first (and
 * its -wal/-shm), i.e. --reset-state.  A file that is not a weir state file or
 * is damaged is refused with WEIR_IOERR and a message naming the path.
 * *out is owned by the caller (state_close). */
int  state_open(const char *path, bool reset, StateStore **out, WeirError *err);
void state_close(StateStore *st);
const char *state_path(const StateStore *st);

/* What the store holds for job idx: *status, and for a job with a checkpoint
 * its fingerprint (copied into fp, fp_size bytes) and checkpoint number. */
int  state_job(StateStore *st, int idx, StateJobStatus *status, char *fp, size_t fp_size, int64_t *ckpt,
               WeirError *err);
/* Reads part `part` of job idx: *data (owned by the store, valid until the
 * next call on it) and *len; *data NULL when the part is missing. */
int  state_get_part(StateStore *st, int idx, int part, const void **data, size_t *len, WeirError *err);

/* A checkpoint: begin, put every part, commit (one transaction).  commit
 * records the job as running with this fingerprint and checkpoint number. */
int  state_begin(StateStore *st, WeirError *err);
int  state_put_part(StateStore *st, int idx, int part, const void *data, size_t len, WeirError *err);
int  state_commit(StateStore *st, int idx, const char *fp, int64_t ckpt, WeirError *err);
/* Drops an open transaction (after an error). */
void state_rollback(StateStore *st);
/* Records job idx as finished (its parts dropped), or forgets it (clear). */
int  state_finish_job(StateStore *st, int idx, const char *fp, WeirError *err);
int  state_clear_job(StateStore *st, int idx, WeirError *err);

#endif
