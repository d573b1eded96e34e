/*
 * throttle.c - the generator connectors' rate limit (see throttle.h).
 */
#include "throttle.h"

/* Seconds since t0 on the monotonic clock. */
static double throttle_elapsed(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) * 1e-9;
}

int64_t throttle_due(Throttle *t, int64_t done)
{
    if (t->rate <= 0) return INT64_MAX;
    if (!t->started) {
        clock_gettime(CLOCK_MONOTONIC, &t->t0);
        t->started = true;
    }
    double el = throttle_elapsed(&t->t0);
    int64_t due = (int64_t)(el * t->rate) + 1;
    if (due <= done) {
        double wait = (double)done / t->rate - el;
        if (wait > 0.001) return -1;
        struct timespec ts = {0, wait > 0 ? (long)(wait * 1e9) : 0};
        nanosleep(&ts, NULL);
        due = done + 1;
    }
    return due;
}

void throttle_resume(Throttle *t, int64_t done)
{
    if (t->rate <= 0) return;
    clock_gettime(CLOCK_MONOTONIC, &t->t0);
    double back = (double)done / t->rate;
    time_t sec = (time_t)back;
    long ns = (long)((back - (double)sec) * 1e9);
    t->t0.tv_sec -= sec;
    t->t0.tv_nsec -= ns;
    if (t->t0.tv_nsec < 0) {
        t->t0.tv_nsec += 1000000000L;
        t->t0.tv_sec--;
    }
    t->started = true;
}
