/*
 * kafka.h - what the Kafka source (connector_kafka.c) and sink (sink_kafka.c)
 * share: building a librdkafka configuration from a spec's properties.*
 * options, the start-up reachability check, and duration options.
 */
#ifndef WEIR_KAFKA_H
#define WEIR_KAFKA_H

#include <stdint.h>

#include <librdkafka/rdkafka.h>

#include "source.h"

/* A configuration from spec's properties.<k> options (passed as <k>), after the
 * defaults in extra (NULL-terminated key/value pairs; the user's properties
 * win); librdkafka's logging is silenced.  what: "source" or "sink", for
 * messages.  Returns WEIR_OK with *out owned by the caller, WEIR_NOMEM, or
 * WEIR_ERROR naming the bad property. */
int kafka_conf_from_spec(const SourceSpec *spec, const char *what, const char *const *extra,
                         rd_kafka_conf_t **out, WeirError *err);

/* Reads topic's metadata, waiting at most a few seconds: the check that a
 * broker answers.  Sets *nparts.  WEIR_IOERR `<what> "x": Kafka broker <servers>
 * not reachable: <reason>` or `... Kafka topic "t" not found ...`. */
int kafka_topic_meta(rd_kafka_t *rk, const SourceSpec *spec, const char *what, const char *topic,
                     int *nparts, WeirError *err);

/* A duration such as '5 s', '500 ms', '2 min', '1 h' (no unit: ms) in
 * milliseconds; -1 when malformed. */
int64_t kafka_parse_duration(const char *s);

/* Destroys a client (rd_kafka_destroy_flags(rk, flags)), waiting at most ms:
 * when librdkafka still waits on a broker that stopped answering, the rest
 * runs on a detached thread of its own and the call returns. */
void kafka_destroy_bounded(rd_kafka_t *rk, int flags, int64_t ms);

/* A monotonic clock in milliseconds, for bounded waits. */
int64_t kafka_now_ms(void);

#endif
