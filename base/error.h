/*
 * error.h - the one error type of the library.
 *
 * Library code returns a status code (WEIR_OK, WEIR_ERROR, ...) and writes the
 * message and, where there is one, the position into a WeirError owned by the
 * caller (usually the engine handle).  Only the CLI prints errors and picks exit
 * codes; the library never prints and never exits.
 */
#ifndef WEIR_ERROR_H
#define WEIR_ERROR_H

#include "weir.h"

#define ERR_MSG_MAX 1024

typedef struct WeirError {
    int  code;                 /* WEIR_OK when no error is set */
    int  line, col;            /* 1-based SQL position; 0 when none */
    char file[256];            /* SQL file name, "" when none */
    char msg[ERR_MSG_MAX];     /* message without position */
} WeirError;

void err_clear(WeirError *e);
/* Sets code and message; returns code so callers can `return err_set(...)`. */
int  err_set(WeirError *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Same, with an SQL position (line, col 1-based). */
int  err_at(WeirError *e, int code, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#endif
