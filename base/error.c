/* error.c - setting WeirError (see error.h). */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void err_clear(WeirError *e)
{
    e->code = WEIR_OK;
    e->line = e->col = 0;
    e->file[0] = 0;
    e->msg[0] = 0;
}

static int err_vset(WeirError *e, int code, int line, int col, const char *fmt, va_list ap)
{
    e->code = code;
    e->line = line;
    e->col = col;
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    return code;
}

int err_set(WeirError *e, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    err_vset(e, code, 0, 0, fmt, ap);
    va_end(ap);
    return code;
}

int err_at(WeirError *e, int code, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    err_vset(e, code, line, col, fmt, ap);
    va_end(ap);
    return code;
}
