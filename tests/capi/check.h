/*
 * check.h - the tiny assertion helpers of the C API tests (tests/capi/): they
 * use only include/weir.h, like an outside program, and exit non-zero with the
 * failing line at the first wrong result.
 */
#ifndef CAPI_CHECK_H
#define CAPI_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "weir.h"

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            exit(1);                                                                  \
        }                                                                             \
    } while (0)

/* rc must equal want; prints the engine's message when not. */
#define CHECK_RC(w, rc, want)                                                              \
    do {                                                                                   \
        int rc_ = (rc), want_ = (want);                                                    \
        if (rc_ != want_) {                                                                \
            fprintf(stderr, "%s:%d: %s returned %d, expected %d (%s)\n", __FILE__, __LINE__, \
                    #rc, rc_, want_, weir_errmsg(w));                                      \
            exit(1);                                                                       \
        }                                                                                  \
    } while (0)

/* The engine's message must contain text. */
#define CHECK_MSG(w, text)                                                                 \
    do {                                                                                   \
        if (!strstr(weir_errmsg(w), (text))) {                                             \
            fprintf(stderr, "%s:%d: message \"%s\" lacks \"%s\"\n", __FILE__, __LINE__,    \
                    weir_errmsg(w), (text));                                               \
            exit(1);                                                                       \
        }                                                                                  \
    } while (0)

#endif
