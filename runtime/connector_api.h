/*
 * connector_api.h - the 'api' connector: records the host program pushes
 * through weir_source_push / weir_source_close (include/weir.h).
 *
 * Flow: the engine (engine/weir.c) owns one ApiHub.  A push appends the record
 * to the hub's channel for that source name; every api Source reading that
 * name (one per open query, attached by the engine right after the pipeline is
 * built) keeps its own cursor into the channel and decodes records with
 * format.h when its query pulls.  Records every reader has consumed are
 * dropped.  Nothing here is global: two engines share nothing.
 *
 * Ownership: the hub owns channels and record bytes; a Source owns only its
 * decoder and cursor, and is detached from its channel when closed.  The hub
 * must outlive every Source attached to it (weir_close closes queries first).
 */
#ifndef WEIR_CONNECTOR_API_H
#define WEIR_CONNECTOR_API_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "source.h"

typedef struct ApiHub ApiHub;

/* A new empty hub (calloc'ed); NULL when out of memory.  Free with api_hub_free. */
ApiHub *api_hub_new(void);
/* Frees every channel and its records.  Sources still attached are detached
 * (they then report an error if pulled).  NULL is a no-op. */
void api_hub_free(ApiHub *h);

/* The source name was dropped: its channel (queued records, closed state) goes
 * with it, so a source created again under that name starts empty and open.
 * Queries still reading it are detached (their next pull is an error).  An
 * unknown name or a NULL hub is a no-op. */
void api_hub_forget(ApiHub *h, const char *name);

/* Whether the hub already knows a channel for name (pushed to, closed or read). */
bool api_hub_has(const ApiHub *h, const char *name);

/* Queues one record (rec[0..len), one trailing LF or CRLF is dropped; copied)
 * for every reader of source name; kept for the next reader when none reads
 * yet.  Returns WEIR_OK, WEIR_NOMEM, or WEIR_MISUSE when the source was closed
 * (message in err).  The caller checks that name is an api source. */
int api_hub_push(ApiHub *h, const char *name, const char *rec, size_t len, WeirError *err);
/* Ends the input of source name: readers return WEIR_DONE once they have read
 * what was queued.  WEIR_MISUSE when it is already closed. */
int api_hub_close_input(ApiHub *h, const char *name, WeirError *err);

/* Whether s is an api source (opened by source_api_open). */
bool source_is_api(const Source *s);
/* Connects api source s to the channel of its name in h (created if needed)
 * and sets s->unbounded while that channel is open.  A reader attached when no
 * other reader exists starts at the oldest queued record (records pushed
 * before any query read them are delivered); otherwise it starts at the next
 * record pushed.  Attaching an attached source does nothing.  Returns WEIR_OK
 * or WEIR_NOMEM. */
int api_attach(ApiHub *h, Source *s, WeirError *err);

/* source_open's entry for connector = 'api' (format csv or json; csv.header
 * must be false or absent: records are matched to columns by position). */
int source_api_open(const SourceSpec *spec, Source **out, WeirError *err);

#endif
