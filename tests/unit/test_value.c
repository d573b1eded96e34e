/*
 * test_value.c - value text forms (base/value.c, runtime/expr.c): ISO and
 * strftime-style timestamp parsing, timestamp formatting (negative epochs,
 * leap years, round trips), shortest round-trip DOUBLE formatting, and
 * value_to_text for every type.  These are the texts every sink prints, so a
 * change here changes every expected output.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "value.h"

/* ---- helpers -------------------------------------------------------------- */

/* Parses the NUL-terminated s; returns the status and stores the result in *ms. */
static int iso(const char *s, int64_t *ms)
{
    *ms = 12345; /* a sentinel: failures must not matter, successes must overwrite */
    return time_parse_iso(s, strlen(s), ms);
}

static void expect_iso(const char *s, int64_t want)
{
    int64_t ms;
    cr_assert_eq(iso(s, &ms), 0, "time_parse_iso(\"%s\") failed", s);
    cr_assert_eq(ms, want, "time_parse_iso(\"%s\") = %lld, want %lld", s, (long long)ms, (long long)want);
}

static void expect_iso_bad(const char *s)
{
    int64_t ms;
    cr_assert_eq(iso(s, &ms), -1, "time_parse_iso(\"%s\") accepted (%lld)", s, (long long)ms);
}

static void expect_fmt(const char *s, const char *fmt, int64_t want)
{
    int64_t ms = 12345;
    int rc = time_parse_fmt(s, strlen(s), fmt, &ms);
    cr_assert_eq(rc, 0, "time_parse_fmt(\"%s\", \"%s\") failed", s, fmt);
    cr_assert_eq(ms, want, "time_parse_fmt(\"%s\", \"%s\") = %lld, want %lld", s, fmt, (long long)ms,
                 (long long)want);
}

static void expect_fmt_bad(const char *s, const char *fmt)
{
    int64_t ms = 12345;
    cr_assert_eq(time_parse_fmt(s, strlen(s), fmt, &ms), -1, "time_parse_fmt(\"%s\", \"%s\") accepted (%lld)", s,
                 fmt, (long long)ms);
}

static void expect_tsfmt(int64_t ms, const char *want)
{
    char buf[64];
    memset(buf, 'x', sizeof buf);
    int n = time_format_iso(ms, buf);
    cr_assert_str_eq(buf, want, "time_format_iso(%lld)", (long long)ms);
    cr_assert_eq(n, 23);
    cr_assert_eq((size_t)n, strlen(buf));
}

static void expect_dbl(double d, const char *want)
{
    char buf[64];
    memset(buf, 'x', sizeof buf);
    int n = double_format(d, buf);
    cr_assert_str_eq(buf, want, "double_format(%.17g)", d);
    cr_assert_eq((size_t)n, strlen(buf), "double_format(%.17g) returned %d for \"%s\"", d, n, buf);
}

#define DAY_MS 86400000LL

/* ---- time_parse_iso ---------------------------------------------------------- */

Test(time_parse_iso, basic_forms)
{
    expect_iso("1970-01-01 00:00:00", 0);
    expect_iso("1970-01-01", 0);
    expect_iso("1970-01-02", DAY_MS);
    expect_iso("2024-05-11 10:00:00", 1715421600000LL);
    expect_iso("2024-05-11T10:00:00", 1715421600000LL);
    expect_iso("2024-05-11T10:00:00Z", 1715421600000LL);
    expect_iso("2024-05-11", 1715421600000LL - 10 * 3600000LL);
    expect_iso("2024-02-29 12:34:56.789", 1709210096789LL);
    expect_iso("1970-01-01 23:59:59", DAY_MS - 1000);
}

Test(time_parse_iso, fractions)
{
    expect_iso("1970-01-01 00:00:00.5", 500);
    expect_iso("1970-01-01 00:00:00.05", 50);
    expect_iso("1970-01-01 00:00:00.12", 120);
    expect_iso("1970-01-01 00:00:00.123", 123);
    expect_iso("1970-01-01 00:00:00.000", 0);
    expect_iso("1970-01-01 00:00:01.999", 1999);
    /* More than milliseconds: the rest is cut off (TIMESTAMP(3)), not rounded. */
    expect_iso("1970-01-01 00:00:00.123456", 123);
    expect_iso("1970-01-01 00:00:00.999999999", 999);
    expect_iso("1970-01-01T00:00:00.250Z", 250);
    expect_iso_bad("1970-01-01 00:00:00.");          /* no digits */
    expect_iso_bad("1970-01-01 00:00:00.1234567890"); /* over nanoseconds */
    expect_iso_bad("1970-01-01 00:00:00.12a");
}

Test(time_parse_iso, before_epoch_and_extremes)
{
    expect_iso("1969-12-31 23:59:59.999", -1);
    expect_iso("1969-12-31", -DAY_MS);
    expect_iso("1960-06-15 08:30:00", -301246200000LL);
    expect_iso("0001-01-01 00:00:00", -62135596800000LL);
    expect_iso("9999-12-31 23:59:59.999", 253402300799999LL);
    expect_iso("1900-03-01", -2203891200000LL);
}

Test(time_parse_iso, leap_years)
{
    int64_t ms;
    cr_assert_eq(iso("2024-02-29", &ms), 0);             /* divisible by 4 */
    cr_assert_eq(iso("2000-02-29", &ms), 0);             /* divisible by 400 */
    cr_assert_eq(ms, 951782400000LL);
    expect_iso_bad("2023-02-29");                         /* not divisible by 4 */
    expect_iso_bad("1900-02-29");                         /* divisible by 100, not 400 */
    expect_iso_bad("2100-02-29");
    expect_iso("2024-03-01", 1709251200000LL);
    /* The day after Feb 28 of a common year is Mar 1. */
    int64_t feb28, mar1;
    cr_assert_eq(iso("2023-02-28", &feb28), 0);
    cr_assert_eq(iso("2023-03-01", &mar1), 0);
    cr_assert_eq(mar1 - feb28, DAY_MS);
    cr_assert_eq(iso("2024-02-28", &feb28), 0);
    cr_assert_eq(iso("2024-03-01", &mar1), 0);
    cr_assert_eq(mar1 - feb28, 2 * DAY_MS);
}

Test(time_parse_iso, impossible_dates_and_times)
{
    expect_iso_bad("2024-02-30");
    expect_iso_bad("2024-02-30 00:00:00");
    expect_iso_bad("2024-04-31");
    expect_iso_bad("2024-06-31 10:00:00");
    expect_iso_bad("2024-13-01");
    expect_iso_bad("2024-00-10");
    expect_iso_bad("2024-01-00");
    expect_iso_bad("2024-01-32");
    expect_iso_bad("2024-01-01 24:00:00");
    expect_iso_bad("2024-01-01 23:60:00");
    expect_iso_bad("2024-01-01 23:59:60");
    expect_iso("2024-12-31 23:59:59.999", 1735689599999LL);
}

Test(time_parse_iso, malformed)
{
    expect_iso_bad("");
    expect_iso_bad("2024");
    expect_iso_bad("2024-1-01");
    expect_iso_bad("2024-01-1");
    expect_iso_bad("24-01-01");
    expect_iso_bad("2024/01/01");
    expect_iso_bad("2024-01-01 10:00");       /* seconds are required */
    expect_iso_bad("2024-01-01 1:00:00");
    expect_iso_bad("2024-01-01T");
    expect_iso_bad("2024-01-01 ");
    expect_iso_bad("2024-01-01x10:00:00");
    expect_iso_bad("2024-01-01 10:00:00 ");   /* trailing blank */
    expect_iso_bad("2024-01-01 10:00:00ZZ");
    expect_iso_bad("2024-01-01 10:00:00+01:00");
    expect_iso_bad(" 2024-01-01");
    expect_iso_bad("abcd-ef-gh");
}

/* The text is (pointer, length), not NUL-terminated: bytes past n are never read. */
Test(time_parse_iso, respects_length)
{
    const char *s = "2024-05-11 10:00:00.123garbage";
    int64_t ms = 0;
    cr_assert_eq(time_parse_iso(s, 23, &ms), 0);
    cr_assert_eq(ms, 1715421600123LL);
    cr_assert_eq(time_parse_iso(s, 19, &ms), 0);
    cr_assert_eq(ms, 1715421600000LL);
    cr_assert_eq(time_parse_iso(s, 10, &ms), 0);
    cr_assert_eq(ms, 1715385600000LL);
    cr_assert_eq(time_parse_iso(s, 24, &ms), -1);
    cr_assert_eq(time_parse_iso(s, 9, &ms), -1);
    cr_assert_eq(time_parse_iso(s, 0, &ms), -1);
    /* A buffer exactly as long as the text, with no NUL after it (ASan checks). */
    char *exact = malloc(19);
    memcpy(exact, "2024-05-11 10:00:00", 19);
    cr_assert_eq(time_parse_iso(exact, 19, &ms), 0);
    cr_assert_eq(ms, 1715421600000LL);
    for (size_t n = 0; n < 19; n++)
        if (n != 10) cr_assert_eq(time_parse_iso(exact, n, &ms), -1, "prefix of %zu bytes accepted", n);
    free(exact);
}

/* ---- time_parse_fmt ---------------------------------------------------------- */

Test(time_parse_fmt, numeric_fields)
{
    expect_fmt("2024-05-11 10:00:00", "%Y-%m-%d %H:%M:%S", 1715421600000LL);
    expect_fmt("11/05/2024 10:00", "%d/%m/%Y %H:%M", 1715421600000LL);
    expect_fmt("20240511100000123", "%Y%m%d%H%M%S%f", 1715421600123LL);
    expect_fmt("2024-05-11 10:00:00.007", "%Y-%m-%d %H:%M:%S.%f", 1715421600007LL);
    expect_fmt("24-05-11", "%y-%m-%d", 1715385600000LL);
    /* Fields not in the format default to 1970-01-01 00:00:00. */
    expect_fmt("10:30", "%H:%M", (10 * 60 + 30) * 60000LL);
    expect_fmt("2024", "%Y", 1704067200000LL);
    expect_fmt("1969-12-31 23:59:59", "%Y-%m-%d %H:%M:%S", -1000);
}

Test(time_parse_fmt, month_names_and_percent)
{
    expect_fmt("11 May 2024", "%d %b %Y", 1715385600000LL);
    expect_fmt("11 MAY 2024", "%d %b %Y", 1715385600000LL);
    expect_fmt("11-may-2024", "%d-%b-%Y", 1715385600000LL);
    expect_fmt("01 Dec 2023", "%d %b %Y", 1701388800000LL);
    expect_fmt_bad("11 Mai 2024", "%d %b %Y");
    expect_fmt_bad("11 Ma", "%d %b");
    expect_fmt("2024%05", "%Y%%%m", 1714521600000LL);
    expect_fmt_bad("2024x05", "%Y%%%m");
}

Test(time_parse_fmt, epoch_seconds)
{
    expect_fmt("1715421600", "%s", 1715421600000LL);
    expect_fmt("0", "%s", 0);
    expect_fmt("-1", "%s", -1000);
    expect_fmt_bad("", "%s");
    expect_fmt_bad("-", "%s");
    expect_fmt_bad("12x", "%s");
}

Test(time_parse_fmt, rejects)
{
    expect_fmt_bad("2024-02-30", "%Y-%m-%d");          /* impossible date */
    expect_fmt_bad("2023-02-29", "%Y-%m-%d");
    expect_fmt_bad("2024-01-01 24:00", "%Y-%m-%d %H:%M");
    expect_fmt_bad("2024-01-01", "%Y/%m/%d");          /* literal mismatch */
    expect_fmt_bad("2024-01-01x", "%Y-%m-%d");         /* input left over */
    expect_fmt_bad("2024-01", "%Y-%m-%d");             /* input too short */
    expect_fmt_bad("2024-1-01", "%Y-%m-%d");           /* fixed widths */
    expect_fmt_bad("2024", "%Q");                      /* unknown directive */
    expect_fmt_bad("2024", "%Y%");                     /* dangling % */
    expect_fmt("2024-02-29", "%Y-%m-%d", 1709164800000LL);
}

/* %j, day of the year (once documented but missing: every format using it
 * was rejected). */
Test(time_parse_fmt, day_of_year)
{
    expect_fmt("2024-060", "%Y-%j", 1709164800000LL);  /* day 60 of 2024 = Feb 29 */
    expect_fmt("2023-001", "%Y-%j", 1672531200000LL);
}

/* %s is followed by the rest of the format (it used to return as soon as its
 * digits ended: "%s.%f" never matched and "%s!" accepted "5"). */
Test(time_parse_fmt, epoch_seconds_then_more_format)
{
    expect_fmt_bad("5", "%s!");
    expect_fmt("1715421600.250", "%s.%f", 1715421600250LL);
}

/* ---- time_format_iso --------------------------------------------------------- */

Test(time_format_iso, fixed_points)
{
    expect_tsfmt(0, "1970-01-01 00:00:00.000");
    expect_tsfmt(1, "1970-01-01 00:00:00.001");
    expect_tsfmt(1715421600123LL, "2024-05-11 10:00:00.123");
    expect_tsfmt(1709210096789LL, "2024-02-29 12:34:56.789");
    expect_tsfmt(253402300799999LL, "9999-12-31 23:59:59.999");
    expect_tsfmt(-62135596800000LL, "0001-01-01 00:00:00.000");
}

Test(time_format_iso, negative_epochs)
{
    expect_tsfmt(-1, "1969-12-31 23:59:59.999");
    expect_tsfmt(-999, "1969-12-31 23:59:59.001");
    expect_tsfmt(-1000, "1969-12-31 23:59:59.000");
    expect_tsfmt(-DAY_MS + 1, "1969-12-31 00:00:00.001");
    expect_tsfmt(-DAY_MS, "1969-12-31 00:00:00.000");
    expect_tsfmt(-DAY_MS - 1, "1969-12-30 23:59:59.999");
    expect_tsfmt(-301246200000LL, "1960-06-15 08:30:00.000");
    expect_tsfmt(-2203891200000LL, "1900-03-01 00:00:00.000");
    expect_tsfmt(-2203891200000LL - 1, "1900-02-28 23:59:59.999"); /* 1900 is no leap year */
}

Test(time_format_iso, leap_years)
{
    expect_tsfmt(951782400000LL, "2000-02-29 00:00:00.000");
    expect_tsfmt(951782400000LL + DAY_MS, "2000-03-01 00:00:00.000");
    expect_tsfmt(1709164800000LL - 1, "2024-02-28 23:59:59.999");
    expect_tsfmt(1709164800000LL, "2024-02-29 00:00:00.000");
    expect_tsfmt(1709251200000LL, "2024-03-01 00:00:00.000");
    expect_tsfmt(1735603200000LL, "2024-12-31 00:00:00.000"); /* day 366 */
    expect_tsfmt(1735689600000LL, "2025-01-01 00:00:00.000");
}

/* Every day from 1600 to 2400 (plus a random time of day) prints as a text that
 * parses back to the same instant, and consecutive days print consecutive dates. */
Test(time_format_iso, round_trip_every_day)
{
    int64_t first, last;
    cr_assert_eq(iso("1600-01-01", &first), 0);
    cr_assert_eq(iso("2400-12-31", &last), 0);
    srand(7);
    char buf[64], prev[64] = "";
    for (int64_t day = first; day <= last; day += DAY_MS) {
        int64_t ms = day + (int64_t)(rand() % 86400) * 1000 + rand() % 1000;
        cr_assert_eq(time_format_iso(ms, buf), 23);
        int64_t back;
        cr_assert_eq(time_parse_iso(buf, 23, &back), 0, "%s does not parse", buf);
        cr_assert_eq(back, ms, "%lld -> %s -> %lld", (long long)ms, buf, (long long)back);
        cr_assert_eq(time_format_iso(day, buf), 23);
        cr_assert_str_eq(buf + 10, " 00:00:00.000");
        if (prev[0]) cr_assert_gt(strcmp(buf, prev), 0, "%s after %s", buf, prev);
        strcpy(prev, buf);
    }
}

Test(time_format_iso, civil_days_agree)
{
    int64_t y;
    unsigned m, d;
    for (int64_t z = -800000; z <= 800000; z += 7) {
        time_civil_from_days(z, &y, &m, &d);
        cr_assert_eq(time_days_from_civil(y, m, d), z);
    }
    cr_assert_eq(time_days_from_civil(1970, 1, 1), 0);
    cr_assert_eq(time_days_from_civil(2000, 3, 1), 11017);
    time_civil_from_days(-1, &y, &m, &d);
    cr_assert(y == 1969 && m == 12 && d == 31);
}

/* Years outside 0000-9999 print in full, with the fraction; the returned
 * length must still be the length of what is in the buffer. */
Test(time_format_iso, out_of_range_years_length)
{
    static const int64_t cases[] = {
        -62135596800000LL - DAY_MS * 366 * 3, /* a negative year */
        253402300800000LL,                    /* 10000-01-01 */
        253402300800000LL * 1000,             /* year ~ 10 million */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[64];
        int n = time_format_iso(cases[i], buf);
        cr_assert_eq((size_t)n, strlen(buf), "time_format_iso(%lld) returned %d for \"%s\"",
                     (long long)cases[i], n, buf);
    }
    char buf[64];
    time_format_iso(253402300800000LL, buf);
    cr_assert_str_eq(buf, "10000-01-01 00:00:00.000");
}

/* The largest timestamp (a 9-digit year) needs 24 characters; the returned
 * length must be what is in the buffer (it used to be truncated into 24 bytes
 * while 24 was returned, so the NUL went out as data). */
Test(time_format_iso, int64_max_length)
{
    char buf[64];
    memset(buf, 0, sizeof buf);
    int n = time_format_iso(INT64_MAX, buf);
    cr_assert_eq((size_t)n, strlen(buf), "returned %d for \"%s\" (%zu chars)", n, buf, strlen(buf));
    cr_assert_str_eq(buf, "292278994-08-17 07:12:55.807");
}

/* INT64_MIN formats without signed overflow (it used to compute -ms +
 * 86399999: undefined behaviour, UBSan aborts on it). */
Test(time_format_iso, int64_min_no_overflow)
{
    char buf[64];
    memset(buf, 0, sizeof buf);
    int n = time_format_iso(INT64_MIN, buf);
    cr_assert_eq((size_t)n, strlen(buf), "returned %d for \"%s\"", n, buf);
    cr_assert_str_eq(buf, "-292275055-05-16 16:47:04.192");
}

/* ---- double_format ------------------------------------------------------------- */

Test(double_format, integral_values_get_dot_zero)
{
    expect_dbl(0.0, "0.0");
    expect_dbl(1.0, "1.0");
    expect_dbl(-1.0, "-1.0");
    expect_dbl(11700.0, "11700.0");
    expect_dbl(100.0, "100.0");
    expect_dbl(123456789.0, "123456789.0");
    expect_dbl(-42.0, "-42.0");
}

Test(double_format, shortest_round_trip)
{
    expect_dbl(0.1, "0.1");
    expect_dbl(0.5, "0.5");
    expect_dbl(-2.5, "-2.5");
    expect_dbl(8000.5, "8000.5");
    expect_dbl(0.1 + 0.2, "0.30000000000000004");
    expect_dbl(1.0 / 3.0, "0.3333333333333333");
    expect_dbl(2.0 / 3.0, "0.6666666666666666");
    expect_dbl(3.14159, "3.14159");
    expect_dbl(123.456, "123.456");
    expect_dbl(0.001, "0.001");
    expect_dbl(9007199254740993.0, "9007199254740992.0"); /* rounds to 2^53 on input */
}

Test(double_format, exponents)
{
    expect_dbl(1e20, "1.0E20");
    expect_dbl(1.5e-8, "1.5E-8");
    expect_dbl(-1.5e-8, "-1.5E-8");
    expect_dbl(1.25e100, "1.25E100");
    expect_dbl(1e-100, "1.0E-100");
    expect_dbl(1.7976931348623157e308, "1.7976931348623157E308");
    expect_dbl(-1.7976931348623157e308, "-1.7976931348623157E308");
    expect_dbl(2.2250738585072014e-308, "2.2250738585072014E-308");
    expect_dbl(4.9e-324, "5.0E-324"); /* smallest denormal: one digit reads back */
    expect_dbl(1e300 * 10, "1.0E301");
}

Test(double_format, special_values)
{
    expect_dbl(-0.0, "-0.0");
    expect_dbl(NAN, "NaN");
    expect_dbl(-NAN, "NaN");
    expect_dbl(INFINITY, "Infinity");
    expect_dbl(-INFINITY, "-Infinity");
}

/* Counts the significant digits of a formatted number ("11700.0" has 3). */
static int sig_digits(const char *s)
{
    char digits[64];
    int n = 0;
    for (const char *p = s; *p && *p != 'E'; p++)
        if (*p >= '0' && *p <= '9') digits[n++] = *p;
    int lo = 0;
    while (lo < n && digits[lo] == '0') lo++;
    while (n > lo && digits[n - 1] == '0') n--;
    return n - lo;
}

/* The fewest significant digits with which %e reads back to d. */
static int min_digits(double d)
{
    char tmp[64];
    for (int p = 1; p <= 17; p++) {
        snprintf(tmp, sizeof tmp, "%.*e", p - 1, d);
        if (strtod(tmp, NULL) == d) return p;
    }
    return 17;
}

/* Random bit patterns and random "human" numbers: the text reads back to the
 * same double (sign included), uses no more digits than needed, has a '.', and
 * an integral value in plain notation ends in ".0". */
Test(double_format, random_round_trip)
{
    srand(12345);
    char buf[64];
    for (int i = 0; i < 200000; i++) {
        double d;
        if (i % 2) {
            uint64_t bits = ((uint64_t)rand() << 62) ^ ((uint64_t)rand() << 31) ^ (uint64_t)rand();
            memcpy(&d, &bits, sizeof d);
            if (!isfinite(d)) continue;
        } else {
            d = (double)(rand() % 2000001 - 1000000) / pow(10, rand() % 8);
        }
        memset(buf, 'x', sizeof buf);
        int n = double_format(d, buf);
        cr_assert_eq((size_t)n, strlen(buf));
        cr_assert_lt(n, 32);
        char *end;
        double back = strtod(buf, &end);
        cr_assert_eq(*end, 0, "\"%s\" is not all number", buf);
        cr_assert(back == d && signbit(back) == signbit(d), "%.17g -> \"%s\" -> %.17g", d, buf, back);
        cr_assert_not_null(strchr(buf, '.'), "\"%s\" has no '.'", buf);
        if (d != 0) cr_assert_eq(sig_digits(buf), min_digits(d), "%.17g -> \"%s\" is not shortest", d, buf);
        if (!strchr(buf, 'E') && d == floor(d))
            cr_assert(n >= 2 && buf[n - 2] == '.' && buf[n - 1] == '0', "integral %.17g -> \"%s\"", d, buf);
    }
}

/* ---- value_to_text --------------------------------------------------------------- */

static const char *to_text(TypeId t, Value v, char *buf, size_t *len)
{
    const char *out = NULL;
    *len = value_to_text(t, &v, buf, &out);
    return out;
}

#define TXT(t, v, want)                                                                       \
    do {                                                                                      \
        char buf_[64];                                                                        \
        size_t len_;                                                                          \
        const char *s_ = to_text((t), (v), buf_, &len_);                                      \
        cr_assert_eq(len_, strlen(want), "%s: length %zu, want %zu", #v, len_, strlen(want)); \
        cr_assert(memcmp(s_, (want), len_) == 0, "%s: \"%.*s\", want \"%s\"", #v, (int)len_, s_, (want)); \
    } while (0)

static Value vi(int64_t i) { return (Value){.u.i = i}; }
static Value vd(double d) { return (Value){.u.d = d}; }
static Value vnull(void) { return (Value){.null = 1}; }

Test(value_to_text, integers)
{
    TXT(TYPE_BIGINT, vi(0), "0");
    TXT(TYPE_BIGINT, vi(7), "7");
    TXT(TYPE_BIGINT, vi(-7), "-7");
    TXT(TYPE_BIGINT, vi(1234567890123LL), "1234567890123");
    TXT(TYPE_BIGINT, vi(INT64_MAX), "9223372036854775807");
    TXT(TYPE_BIGINT, vi(INT64_MIN), "-9223372036854775808");
    TXT(TYPE_INT, vi(-2147483648LL), "-2147483648");
    TXT(TYPE_INT, vi(42), "42");
    TXT(TYPE_INTERVAL, vi(10000), "10000");
}

Test(value_to_text, integers_nul_terminated)
{
    char buf[64];
    memset(buf, 'x', sizeof buf);
    const char *out;
    Value v = vi(-120);
    size_t n = value_to_text(TYPE_BIGINT, &v, buf, &out);
    cr_assert_eq(out, buf);
    cr_assert_eq(n, 4);
    cr_assert_str_eq(buf, "-120");
}

Test(value_to_text, other_types)
{
    TXT(TYPE_BOOLEAN, vi(1), "true");
    TXT(TYPE_BOOLEAN, vi(0), "false");
    TXT(TYPE_DOUBLE, vd(2.5), "2.5");
    TXT(TYPE_DOUBLE, vd(11700), "11700.0");
    TXT(TYPE_DOUBLE, vd(-0.0), "-0.0");
    TXT(TYPE_DOUBLE, vd(NAN), "NaN");
    TXT(TYPE_DOUBLE, vd(1e20), "1.0E20");
    TXT(TYPE_TIMESTAMP, vi(1715421600123LL), "2024-05-11 10:00:00.123");
    TXT(TYPE_TIMESTAMP, vi(-1), "1969-12-31 23:59:59.999");
}

Test(value_to_text, null_is_empty_for_every_type)
{
    static const TypeId types[] = {TYPE_BOOLEAN, TYPE_BIGINT, TYPE_DOUBLE, TYPE_VARCHAR,
                                   TYPE_TIMESTAMP, TYPE_INT, TYPE_INTERVAL, TYPE_NULL};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        char buf[64];
        memset(buf, 'x', sizeof buf);
        const char *out = NULL;
        Value v = vnull();
        v.u.s = "not me";
        v.len = 6;
        cr_assert_eq(value_to_text(types[i], &v, buf, &out), 0, "%s", type_name(types[i]));
        cr_assert_not_null(out);
    }
}

Test(value_to_text, varchar_points_at_bytes)
{
    const char *text = "hello, world";
    Value v = {.u.s = text, .len = 5};
    char buf[64];
    const char *out = NULL;
    cr_assert_eq(value_to_text(TYPE_VARCHAR, &v, buf, &out), 5);
    cr_assert_eq(out, text, "VARCHAR must not be copied");
    Value empty = {.u.s = text, .len = 0};
    cr_assert_eq(value_to_text(TYPE_VARCHAR, &empty, buf, &out), 0);
    /* Bytes that are not text (NUL inside) come back as they are. */
    Value bin = {.u.s = "a\0b", .len = 3};
    cr_assert_eq(value_to_text(TYPE_VARCHAR, &bin, buf, &out), 3);
    cr_assert(memcmp(out, "a\0b", 3) == 0);
}

/* The length value_to_text returns must match the bytes written for every type
 * (a sink writes exactly len bytes). */
Test(value_to_text, length_matches_buffer)
{
    srand(99);
    for (int i = 0; i < 20000; i++) {
        char buf[64];
        const char *out;
        int64_t r = ((int64_t)rand() << 32) ^ rand();
        Value v = vi(r % 400000000000000LL);
        size_t n = value_to_text(TYPE_TIMESTAMP, &v, buf, &out);
        cr_assert_eq(n, strlen(buf));
        v = vi(r);
        n = value_to_text(TYPE_BIGINT, &v, buf, &out);
        cr_assert_eq(n, strlen(buf));
        char want[32];
        snprintf(want, sizeof want, "%lld", (long long)r);
        cr_assert_str_eq(buf, want);
    }
}

/* ---- the TIMESTAMP range (ts_valid, TS_VALID_MIN/MAX) ------------------------ */

/* The range's edges are 0000-01-01 00:00:00.000 and 9999-12-31 23:59:59.999:
 * they parse to TS_VALID_MIN / TS_VALID_MAX, print back, and one millisecond
 * beyond either is not valid. */
Test(ts_range, edges_parse_print_and_bound)
{
    int64_t ms;
    cr_assert_eq(iso("0000-01-01 00:00:00.000", &ms), 0);
    cr_assert_eq(ms, TS_VALID_MIN);
    cr_assert_eq(iso("9999-12-31 23:59:59.999", &ms), 0);
    cr_assert_eq(ms, TS_VALID_MAX);
    expect_tsfmt(TS_VALID_MIN, "0000-01-01 00:00:00.000");
    expect_tsfmt(TS_VALID_MAX, "9999-12-31 23:59:59.999");
    cr_assert(ts_valid(TS_VALID_MIN));
    cr_assert(ts_valid(TS_VALID_MAX));
    cr_assert(ts_valid(0));
    cr_assert(!ts_valid(TS_VALID_MIN - 1));
    cr_assert(!ts_valid(TS_VALID_MAX + 1));
    cr_assert(!ts_valid(INT64_MIN));
    cr_assert(!ts_valid(INT64_MAX));
    /* the longest INTERVAL literal is 10,000 years of 365.2425 days */
    cr_assert_eq(TS_INTERVAL_MAX, INT64_C(3652425) * 86400000);
}

/* A valid TIMESTAMP plus or minus the longest INTERVAL literal fits int64 with
 * a wide margin: the bound is what keeps time arithmetic from overflowing. */
Test(ts_range, sums_with_the_longest_interval_fit)
{
    int64_t r;
    cr_assert(!__builtin_add_overflow(TS_VALID_MAX, TS_INTERVAL_MAX, &r));
    cr_assert(!__builtin_sub_overflow(TS_VALID_MIN, TS_INTERVAL_MAX, &r));
    cr_assert(r > INT64_MIN / 1000);
}

/* ts_add_sat / ts_sub_sat are exact when the result fits, and clamp to the
 * int64 bound on the side they overflow. */
Test(ts_range, saturating_sums)
{
    cr_assert_eq(ts_add_sat(5, -7), -2);
    cr_assert_eq(ts_sub_sat(5, 7), -2);
    cr_assert_eq(ts_add_sat(INT64_MAX - 1, 1), INT64_MAX);
    cr_assert_eq(ts_add_sat(INT64_MAX, 1), INT64_MAX);
    cr_assert_eq(ts_add_sat(INT64_MIN, -1), INT64_MIN);
    cr_assert_eq(ts_add_sat(INT64_MIN, INT64_MAX), -1);
    cr_assert_eq(ts_sub_sat(INT64_MIN, 1), INT64_MIN);
    cr_assert_eq(ts_sub_sat(INT64_MIN + 1, 1), INT64_MIN);
    cr_assert_eq(ts_sub_sat(0, INT64_MIN), INT64_MAX);
    cr_assert_eq(ts_sub_sat(INT64_MAX, -1), INT64_MAX);
    cr_assert_eq(ts_sub_sat(-1, INT64_MAX), INT64_MIN);
}

/* timestamp.format's %s reaches beyond the range: time_parse_fmt returns the
 * exact value (no overflow) and leaves the range check to the caller. */
Test(ts_range, fmt_epoch_seconds_beyond_range)
{
    int64_t ms = 0;
    cr_assert_eq(time_parse_fmt("253402300799", 12, "%s", &ms), 0);
    cr_assert(ts_valid(ms));
    cr_assert_eq(time_parse_fmt("253402300800", 12, "%s", &ms), 0);
    cr_assert_eq(ms, TS_VALID_MAX + 1);
    cr_assert(!ts_valid(ms));
    cr_assert_eq(time_parse_fmt("-999999999999999", 16, "%s", &ms), 0);
    cr_assert_eq(ms, INT64_C(-999999999999999000));
}

/* Just outside the range (window bounds can be) the year prints in full with
 * four digits at least, and the milliseconds. */
static void expect_wide(int64_t ms, const char *want)
{
    char buf[32];
    int n = time_format_iso(ms, buf);
    cr_assert_str_eq(buf, want, "time_format_iso(%lld)", (long long)ms);
    cr_assert_eq((size_t)n, strlen(buf));
}

Test(ts_range, beyond_the_range_prints_full_years)
{
    expect_wide(TS_VALID_MIN - 5000, "-0001-12-31 23:59:55.000");
    expect_wide(TS_VALID_MAX + 1, "10000-01-01 00:00:00.000");
    expect_wide(TS_VALID_MAX + 1 + 9999, "10000-01-01 00:00:09.999");
}
