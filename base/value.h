/*
 * value.h - SQL types and the 16-byte Value every row is made of.
 *
 * Types are static: a column's type comes from the plan, never from the value,
 * so a Value carries only its payload and a NULL flag.  BIGINT, INT, BOOLEAN and
 * TIMESTAMP (epoch milliseconds, no time zone) live in .i, DOUBLE in .d, VARCHAR
 * as (pointer, length) into a buffer someone else owns (the source's read buffer,
 * a batch's text, an operator's state arena): a row is never a malloc.
 */
#ifndef WEIR_VALUE_H
#define WEIR_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum TypeId {
    TYPE_NULL = 0,       /* the type of a bare NULL literal */
    TYPE_BOOLEAN = 1,
    TYPE_BIGINT = 2,
    TYPE_DOUBLE = 3,
    TYPE_VARCHAR = 4,
    TYPE_TIMESTAMP = 5,
    TYPE_INT = 6,        /* 32-bit in SQL, stored as int64 */
    TYPE_INTERVAL = 7,   /* milliseconds; only in expressions */
} TypeId;

typedef struct Value {
    union {
        int64_t i;       /* BOOLEAN (0/1), INT, BIGINT, TIMESTAMP, INTERVAL */
        double d;        /* DOUBLE */
        const char *s;   /* VARCHAR bytes, not NUL-terminated */
    } u;
    uint32_t len;        /* VARCHAR length in bytes */
    uint8_t null;        /* 1 when SQL NULL */
} Value;

/* Sentinels for "no watermark yet" / "end of stream": never a row's value. */
#define TS_MIN INT64_MIN
#define TS_MAX INT64_MAX

/* The range of a TIMESTAMP(3) value, as in Flink: 0000-01-01 00:00:00.000 to
 * 9999-12-31 23:59:59.999 (proleptic Gregorian, epoch ms).  Every place that
 * makes a TIMESTAMP (decoders, casts, functions, generators) refuses a value
 * outside it, so sums of a timestamp and an interval of at most
 * TS_INTERVAL_MAX can never overflow int64. */
#define TS_VALID_MIN INT64_C(-62167219200000)
#define TS_VALID_MAX INT64_C(253402300799999)
/* The largest INTERVAL literal, in ms: the span of the range (10,000 years: 3,652,425 days;
 * grammar/ast.c refuses longer ones). */
#define TS_INTERVAL_MAX (TS_VALID_MAX - TS_VALID_MIN + 1)
/* The message for a value outside the range (after "<value> "). */
#define TS_RANGE_MSG "is out of range for TIMESTAMP (years 0000 to 9999)"
static inline bool ts_valid(int64_t ms) { return ms >= TS_VALID_MIN && ms <= TS_VALID_MAX; }
/* a + b and a - b, saturated to [INT64_MIN, INT64_MAX]: for shifting sentinels and
 * timestamps by query intervals where an exact overflow check has no error
 * to report (watermarks, window bounds). */
static inline int64_t ts_add_sat(int64_t a, int64_t b)
{
    int64_t r;
    if (__builtin_add_overflow(a, b, &r)) return b > 0 ? INT64_MAX : INT64_MIN;
    return r;
}
static inline int64_t ts_sub_sat(int64_t a, int64_t b)
{
    int64_t r;
    if (__builtin_sub_overflow(a, b, &r)) return b < 0 ? INT64_MAX : INT64_MIN;
    return r;
}

/* The SQL name of a type ("BIGINT", ...). */
const char *type_name(TypeId t);
/* The public WEIR_* code of a type (INT reads as WEIR_BIGINT). */
int type_public(TypeId t);
static inline bool type_is_integer(TypeId t) { return t == TYPE_INT || t == TYPE_BIGINT; }
static inline bool type_is_numeric(TypeId t)
{
    return t == TYPE_INT || t == TYPE_BIGINT || t == TYPE_DOUBLE;
}

/* ---- time ---------------------------------------------------------------- */

/* Parses "YYYY-MM-DD[ T]HH:MM:SS[.fff]" (also "YYYY-MM-DD") into epoch ms.
 * Returns 0 on success, -1 if the text is not such a timestamp or names an
 * impossible date or time. */
int  time_parse_iso(const char *s, size_t n, int64_t *out);
/* The same, remembering the last date seen: records of one stream mostly share
 * their date, so only the time of day is parsed again. */
typedef struct TimeCache {
    char date[10];
    int valid;
    int64_t day_ms;
} TimeCache;
int  time_parse_iso_cached(const char *s, size_t n, TimeCache *c, int64_t *out);
/* Parses with a strftime-style format (%Y %m %d %H %M %S %f(ms) %y %b %j(day of
 * year) %s(epoch seconds; %f adds ms) %% and literal characters).  Returns 0 or -1.
 * With %s the result may lie outside [TS_VALID_MIN, TS_VALID_MAX] (it always fits
 * int64): the caller checks ts_valid.  time_parse_iso* read four-digit years, so
 * their results are always valid. */
int  time_parse_fmt(const char *s, size_t n, const char *fmt, int64_t *out);
/* Writes "YYYY-MM-DD HH:MM:SS.fff" (23 chars + NUL) into buf, which must hold
 * 32 bytes (a value outside the TIMESTAMP range - only a window bound just
 * past it can be one - prints its year in full: "10000-01-01 00:00:00.000",
 * "-0001-12-31 23:59:55.000");
 * returns the length. */
int  time_format_iso(int64_t ms, char *buf);
/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
int64_t time_days_from_civil(int64_t y, unsigned m, unsigned d);
void time_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);

/* ---- numbers ------------------------------------------------------------- */

/* The shortest text that reads back to the same double, with ".0" on integral
 * values ("11700.0"); "NaN", "Infinity", "-Infinity" for the rest.  buf must hold
 * 32 bytes; returns the length. */
int  double_format(double d, char *buf);

#endif
