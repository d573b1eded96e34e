/*
 * snapshot.h - a compact binary writer/reader for operator state blobs.
 *
 * Checkpoints (engine/weir.c -> pipeline_snapshot -> each operator's and the
 * source's snapshot entry) serialise state into a SnapWriter; the bytes go to
 * the sqlite3 state store (catalog/state.h) as one blob.  On restore the blob
 * comes back in a SnapReader and each part reads its state back in the same
 * order.  Integers are little-endian fixed width (8 bytes for int64, 4 for
 * u32); a Value is a NULL flag then its payload (VARCHAR: u32 length + bytes).
 *
 * Keyed operators (windows, sessions, GROUP BY) write their state by key
 * group (groupkey.h) into a SnapGroups: one blob per group, and only for the
 * groups changed since the last committed checkpoint; the store keeps one row
 * per (job, part, group), so a checkpoint rewrites just those rows.  A group
 * blob is a plain sequence of entries (no count: the reader reads to its end);
 * an empty one means the group holds nothing and its row is deleted.
 *
 * The reader never reads past the end: a short or damaged blob sets `bad`,
 * after which every get returns zero, so callers check snap_ok() once at the
 * end of a section instead of after every field.
 */
#ifndef WEIR_SNAPSHOT_H
#define WEIR_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "groupkey.h"
#include "value.h"

typedef struct SnapWriter {
    unsigned char *data;   /* malloc'ed, owned by the writer; len bytes used */
    size_t len, cap;
    bool oom;              /* an allocation failed: the blob is incomplete */
} SnapWriter;

void snap_writer_init(SnapWriter *w);
/* Forgets the contents (keeps the buffer for the next checkpoint). */
void snap_writer_reset(SnapWriter *w);
void snap_writer_free(SnapWriter *w);
void snap_put_u8(SnapWriter *w, uint8_t v);
void snap_put_u32(SnapWriter *w, uint32_t v);
void snap_put_i64(SnapWriter *w, int64_t v);
void snap_put_f64(SnapWriter *w, double v);
void snap_put_bytes(SnapWriter *w, const void *p, size_t n);
/* A length-prefixed byte string (u32 length). */
void snap_put_str(SnapWriter *w, const char *s, size_t n);
/* A Value of type t (the type is not written: the reader knows it). */
void snap_put_value(SnapWriter *w, TypeId t, const Value *v);

/* One operator's keyed state in a checkpoint: blob[g] is group g's blob for
 * every g in `written` (the caller stores exactly those; an empty blob deletes
 * the group's row).  Owned by the checkpoint driver, reused from one
 * checkpoint to the next (snap_groups_reset keeps the buffers). */
typedef struct SnapGroups {
    SnapWriter blob[GK_GROUPS];
    GkGroupSet written;
} SnapGroups;

void snap_groups_init(SnapGroups *g);
/* Empties every blob and `written`. */
void snap_groups_reset(SnapGroups *g);
void snap_groups_free(SnapGroups *g);
/* True when an allocation failed in any blob. */
bool snap_groups_oom(const SnapGroups *g);

typedef struct SnapReader {
    const unsigned char *data;   /* not owned */
    size_t len, pos;
    bool bad;                    /* read past the end or an impossible length */
} SnapReader;

void     snap_reader_init(SnapReader *r, const void *data, size_t len);
uint8_t  snap_get_u8(SnapReader *r);
uint32_t snap_get_u32(SnapReader *r);
int64_t  snap_get_i64(SnapReader *r);
double   snap_get_f64(SnapReader *r);
/* Copies n bytes into dst (zeros when the blob is short). */
void     snap_get_bytes(SnapReader *r, void *dst, size_t n);
/* A length-prefixed string: returns a pointer into the blob (valid while the
 * blob lives) and its length, or NULL with *n = 0 when the blob is short. */
const char *snap_get_str(SnapReader *r, uint32_t *n);
/* A Value of type t; VARCHAR bytes point into the blob. */
void     snap_get_value(SnapReader *r, TypeId t, Value *v);
/* True when every read so far was in bounds. */
static inline bool snap_ok(const SnapReader *r) { return !r->bad; }
/* Bytes not read yet (to bound a count read from the blob before allocating). */
static inline size_t snap_left(const SnapReader *r) { return r->bad ? 0 : r->len - r->pos; }
/* True when the reader consumed the whole blob without error. */
static inline bool snap_done(const SnapReader *r) { return !r->bad && r->pos == r->len; }

/* A 64-bit FNV-1a hash, for job fingerprints. */
uint64_t snap_hash(uint64_t h, const void *p, size_t n);
#define SNAP_HASH_INIT 0xcbf29ce484222325ULL

#endif
