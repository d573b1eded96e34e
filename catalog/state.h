/*
 * state.h - the checkpoint store: a sqlite3 file (--state PATH) in WAL mode.
 *
 * A job is identified by its index (the n-th job the engine ran: the same
 * command gives the same numbering) and tagged with a fingerprint of its
 * statement and plan.  Its state is a set of blobs, one per (part, key
 * group): part 0 is the counters and source position, part i the state of
 * the i-th operator (pipeline_snapshot); group -1 is a part's global blob,
 * groups 0..GK_GROUPS-1 hold a keyed operator's state by key group.  A
 * checkpoint writes every global blob and the group blobs that changed
 * (UPSERT, or DELETE for a group now empty), and the job row, in one
 * transaction: a crash leaves either the old checkpoint or the new one, and
 * the rows not rewritten are still those of the state checkpointed.  A job
 * that ended is recorded as finished and its blobs dropped.
 *
 * Tables: weir_state_meta(key, value) with format = 2; weir_job(idx,
 * fingerprint, status, ckpt, taken_ms); weir_part(idx, part, grp, data).
 * A file of another format is refused ("unknown format; use --reset-state").
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
/* Reads the blob (part, group) of job idx: *data (owned by the store, valid
 * until the next call on it) and *len; *data NULL when there is none. */
int  state_get_part(StateStore *st, int idx, int part, int group, const void **data, size_t *len,
                    WeirError *err);
/* The stored key group blob of (idx, part) with the smallest group > after
 * (after = -1: the first): *group, *data (as state_get_part) and *len;
 * *group = -1 and *data NULL when there is no more. */
int  state_next_group(StateStore *st, int idx, int part, int after, int *group, const void **data, size_t *len,
                      WeirError *err);

/* A checkpoint: begin, put the blobs, commit (one transaction).  commit
 * records the job as running with this fingerprint and checkpoint number.
 * put_part writes blob (part, group), replacing the one stored; an empty blob
 * of a key group (group >= 0) deletes the group's row instead (a global blob,
 * group -1, is kept even when empty: every part has one). */
int  state_begin(StateStore *st, WeirError *err);
int  state_put_part(StateStore *st, int idx, int part, int group, const void *data, size_t len, WeirError *err);
int  state_commit(StateStore *st, int idx, const char *fp, int64_t ckpt, WeirError *err);
/* Drops an open transaction (after an error). */
void state_rollback(StateStore *st);
/* Records job idx as finished (its parts dropped), or forgets it (clear). */
int  state_finish_job(StateStore *st, int idx, const char *fp, WeirError *err);
int  state_clear_job(StateStore *st, int idx, WeirError *err);

#endif
