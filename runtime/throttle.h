/*
 * throttle.h - the rate limit of the generator connectors (datagen's
 * rows-per-second, nexmark's events-per-second): items are due one every
 * 1/rate seconds of the monotonic clock, the first at once.
 *
 * A connector keeps a Throttle, asks throttle_due how many items may have been
 * produced by now before it fills a batch, and after a restore from a
 * checkpoint calls throttle_resume so that the job goes on at its rate rather
 * than catching up in a burst.
 */
#ifndef WEIR_THROTTLE_H
#define WEIR_THROTTLE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

typedef struct Throttle {
    double rate;              /* items per second; <= 0: no limit */
    struct timespec t0;       /* when item 0 was due */
    bool started;
} Throttle;

/* How many items (in all, counting the `done` already produced) are due now;
 * at least done + 1 when it returns.  When the next item is due within a
 * millisecond it sleeps until then; when later, it returns -1 (the caller
 * reports WEIR_PENDING).  The first call starts the clock.  INT64_MAX without
 * a limit. */
int64_t throttle_due(Throttle *t, int64_t done);

/* Restarts the clock as if the `done` items produced so far had been due
 * until now (a source restored from a checkpoint). */
void throttle_resume(Throttle *t, int64_t done);

#endif
