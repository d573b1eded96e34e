/*
 * value.c - type names, timestamp parsing/formatting and number formatting.
 * Civil-date arithmetic follows Howard Hinnant's days_from_civil algorithm, so
 * it is exact for every proleptic Gregorian date and needs no time zone.
 */
#include "value.h"
#include "weir.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *type_name(TypeId t)
{
    switch (t) {
    case TYPE_NULL: return "NULL";
    case TYPE_BOOLEAN: return "BOOLEAN";
    case TYPE_BIGINT: return "BIGINT";
    case TYPE_DOUBLE: return "DOUBLE";
    case TYPE_VARCHAR: return "VARCHAR";
    case TYPE_TIMESTAMP: return "TIMESTAMP(3)";
    case TYPE_INT: return "INT";
    case TYPE_INTERVAL: return "INTERVAL";
    }
    return "?";
}

int type_public(TypeId t)
{
    switch (t) {
    case TYPE_BOOLEAN: return WEIR_BOOLEAN;
    case TYPE_INT:
    case TYPE_BIGINT:
    case TYPE_INTERVAL: return WEIR_BIGINT;
    case TYPE_DOUBLE: return WEIR_DOUBLE;
    case TYPE_VARCHAR: return WEIR_VARCHAR;
    case TYPE_TIMESTAMP: return WEIR_TIMESTAMP;
    default: return WEIR_NULL;
    }
}

int64_t time_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

void time_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int64_t y, unsigned m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dm[m - 1];
}

/* Reads exactly `width` digits at s[*i]. */
static int read_digits(const char *s, size_t n, size_t *i, int width, int64_t *out)
{
    int64_t v = 0;
    for (int k = 0; k < width; k++) {
        if (*i >= n || s[*i] < '0' || s[*i] > '9') return -1;
        v = v * 10 + (s[*i] - '0');
        (*i)++;
    }
    *out = v;
    return 0;
}

static int civil_to_ms(int64_t y, int64_t mo, int64_t d, int64_t h, int64_t mi, int64_t sec,
                       int64_t ms, int64_t *out)
{
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, (unsigned)mo)) return -1;
    if (h > 23 || mi > 59 || sec > 59 || ms > 999) return -1;
    int64_t days = time_days_from_civil(y, (unsigned)mo, (unsigned)d);
    *out = ((days * 24 + h) * 60 + mi) * 60000 + sec * 1000 + ms;
    return 0;
}

/* Parses "[ T]HH:MM:SS[.fff][Z]" (or nothing) at s[0..n) into ms of the day. */
static inline int dig2(const char *s, int64_t *v)
{
    unsigned a = (unsigned char)s[0] - '0', b = (unsigned char)s[1] - '0';
    if (a > 9 || b > 9) return -1;
    *v = a * 10 + b;
    return 0;
}

static int parse_time_of_day(const char *s, size_t n, int64_t *out)
{
    /* The usual shapes, " HH:MM:SS" and " HH:MM:SS.fff", by fixed offsets. */
    if ((n == 9 || (n == 13 && s[9] == '.')) && (s[0] == ' ' || s[0] == 'T') && s[3] == ':' && s[6] == ':') {
        int64_t h, mi, sec, ms = 0, m1, m2;
        if (dig2(s + 1, &h) || dig2(s + 4, &mi) || dig2(s + 7, &sec)) return -1;
        if (n == 13) {
            if (dig2(s + 10, &m1) || dig2(s + 11, &m2)) return -1;
            ms = m1 * 10 + m2 % 10;
        }
        if (h > 23 || mi > 59 || sec > 59) return -1;
        *out = ((h * 60 + mi) * 60 + sec) * 1000 + ms;
        return 0;
    }
    size_t i = 0;
    int64_t h = 0, mi = 0, sec = 0, ms = 0;
    if (n == 0) {
        *out = 0;
        return 0;
    }
    if (s[i] != ' ' && s[i] != 'T') return -1;
    i++;
    if (read_digits(s, n, &i, 2, &h) || i >= n || s[i++] != ':') return -1;
    if (read_digits(s, n, &i, 2, &mi) || i >= n || s[i++] != ':') return -1;
    if (read_digits(s, n, &i, 2, &sec)) return -1;
    if (i < n && s[i] == '.') {
        i++;
        int digits = 0;
        int64_t frac = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            if (digits < 3) frac = frac * 10 + (s[i] - '0');
            digits++;
            i++;
        }
        if (digits == 0 || digits > 9) return -1;
        while (digits < 3) frac *= 10, digits++;
        ms = frac;
    }
    if (i < n && s[i] == 'Z') i++;
    if (i != n || h > 23 || mi > 59 || sec > 59) return -1;
    *out = ((h * 60 + mi) * 60 + sec) * 1000 + ms;
    return 0;
}

/* Parses "YYYY-MM-DD" at s[0..10) into ms since the epoch at midnight. */
static int parse_date(const char *s, size_t n, int64_t *out)
{
    size_t i = 0;
    int64_t y, mo, d;
    if (n < 10) return -1;
    if (read_digits(s, n, &i, 4, &y) || s[i++] != '-') return -1;
    if (read_digits(s, n, &i, 2, &mo) || s[i++] != '-') return -1;
    if (read_digits(s, n, &i, 2, &d)) return -1;
    return civil_to_ms(y, mo, d, 0, 0, 0, 0, out);
}

int time_parse_iso(const char *s, size_t n, int64_t *out)
{
    int64_t day, tod;
    if (parse_date(s, n, &day) || parse_time_of_day(s + 10, n - 10, &tod)) return -1;
    *out = day + tod;
    return 0;
}

int time_parse_iso_cached(const char *s, size_t n, TimeCache *c, int64_t *out)
{
    int64_t tod;
    if (n >= 10 && c->valid && memcmp(s, c->date, 10) == 0) {
        if (parse_time_of_day(s + 10, n - 10, &tod)) return -1;
        *out = c->day_ms + tod;
        return 0;
    }
    int64_t day;
    if (parse_date(s, n, &day) || parse_time_of_day(s + 10, n - 10, &tod)) return -1;
    memcpy(c->date, s, 10);
    c->day_ms = day;
    c->valid = 1;
    *out = day + tod;
    return 0;
}

static const char *const month_abbr[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                           "jul", "aug", "sep", "oct", "nov", "dec"};

int time_parse_fmt(const char *s, size_t n, const char *fmt, int64_t *out)
{
    size_t i = 0;
    int64_t y = 1970, mo = 1, d = 1, h = 0, mi = 0, sec = 0, ms = 0, v, doy = 0, epoch = 0;
    int have_epoch = 0;
    for (const char *f = fmt; *f; f++) {
        if (*f != '%') {
            if (i >= n || s[i] != *f) return -1;
            i++;
            continue;
        }
        f++;
        switch (*f) {
        case 'Y': if (read_digits(s, n, &i, 4, &y)) return -1; break;
        case 'y': if (read_digits(s, n, &i, 2, &v)) return -1; y = 2000 + v; break;
        case 'm': if (read_digits(s, n, &i, 2, &mo)) return -1; break;
        case 'd': if (read_digits(s, n, &i, 2, &d)) return -1; break;
        case 'H': if (read_digits(s, n, &i, 2, &h)) return -1; break;
        case 'M': if (read_digits(s, n, &i, 2, &mi)) return -1; break;
        case 'S': if (read_digits(s, n, &i, 2, &sec)) return -1; break;
        case 'f': if (read_digits(s, n, &i, 3, &ms)) return -1; break;
        case 'j': if (read_digits(s, n, &i, 3, &doy) || doy < 1 || doy > 366) return -1; break;
        case 'b': {
            if (i + 3 > n) return -1;
            int k;
            for (k = 0; k < 12; k++)
                if (strncasecmp(s + i, month_abbr[k], 3) == 0) break;
            if (k == 12) return -1;
            mo = k + 1;
            i += 3;
            break;
        }
        case 's': {
            int neg = 0;
            if (i < n && s[i] == '-') neg = 1, i++;
            size_t start = i;
            while (i < n && s[i] >= '0' && s[i] <= '9' && i - start < 15) epoch = epoch * 10 + (s[i++] - '0');
            if (i == start) return -1;
            if (neg) epoch = -epoch;
            have_epoch = 1;
            break;
        }
        case '%': if (i >= n || s[i] != '%') return -1; i++; break;
        default: return -1;
        }
    }
    if (i != n) return -1;
    if (have_epoch) {
        *out = epoch * 1000 + ms;
        return 0;
    }
    if (doy) {
        /* Day of the year: from January 1st, checked against the year's length. */
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        if (doy > 365 + leap || h > 23 || mi > 59 || sec > 59) return -1;
        int64_t days = time_days_from_civil(y, 1, 1) + doy - 1;
        *out = ((days * 24 + h) * 60 + mi) * 60000 + sec * 1000 + ms;
        return 0;
    }
    return civil_to_ms(y, mo, d, h, mi, sec, ms, out);
}

int time_format_iso(int64_t ms, char *buf)
{
    int64_t days = ms / 86400000, rem = ms % 86400000;
    if (rem < 0) {
        rem += 86400000;
        days--;
    }
    int64_t y;
    unsigned m, d;
    time_civil_from_days(days, &y, &m, &d);
    unsigned h = (unsigned)(rem / 3600000), mi = (unsigned)(rem / 60000 % 60),
             s = (unsigned)(rem / 1000 % 60), f = (unsigned)(rem % 1000);
    if (y < 0 || y > 9999) {
        /* Outside four-digit years (a window bound just past the TIMESTAMP
         * range): the year in full, at least four digits after a '-'. */
        int n = snprintf(buf, 32, "%s%04lld-%02u-%02u %02u:%02u:%02u.%03u", y < 0 ? "-" : "",
                         y < 0 ? -(long long)y : (long long)y, m, d, h, mi, s, f);
        return n < 32 ? n : 31;
    }
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = ' ';
    buf[11] = (char)('0' + h / 10);
    buf[12] = (char)('0' + h % 10);
    buf[13] = ':';
    buf[14] = (char)('0' + mi / 10);
    buf[15] = (char)('0' + mi % 10);
    buf[16] = ':';
    buf[17] = (char)('0' + s / 10);
    buf[18] = (char)('0' + s % 10);
    buf[19] = '.';
    buf[20] = (char)('0' + f / 100);
    buf[21] = (char)('0' + f / 10 % 10);
    buf[22] = (char)('0' + f % 10);
    buf[23] = 0;
    return 23;
}

int double_format(double d, char *buf)
{
    if (isnan(d)) return (int)(strcpy(buf, "NaN"), 3);
    if (isinf(d)) return d > 0 ? (int)(strcpy(buf, "Infinity"), 8) : (int)(strcpy(buf, "-Infinity"), 9);
    if (d == 0) return signbit(d) ? (int)(strcpy(buf, "-0.0"), 4) : (int)(strcpy(buf, "0.0"), 3);
    /* The fewest significant digits that read back to d. */
    char tmp[40];
    int prec;
    for (prec = 1; prec < 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, d);
        if (strtod(tmp, NULL) == d) break;
    }
    snprintf(tmp, sizeof tmp, "%.*e", prec - 1, d);
    int exp10 = atoi(strchr(tmp, 'e') + 1);
    int n;
    if (exp10 >= -7 && exp10 < 16) {
        int decimals = prec - 1 - exp10;
        if (decimals < 1) decimals = 1;
        n = snprintf(buf, 32, "%.*f", decimals, d);
        /* %.*f may print more digits than needed when decimals was forced up. */
        while (n > 2 && buf[n - 1] == '0' && buf[n - 2] != '.') buf[--n] = 0;
    } else {
        /* Scientific, as Java prints it: 1.0E20, 1.5E-8. */
        char mant[32];
        memcpy(mant, tmp, (size_t)(strchr(tmp, 'e') - tmp));
        mant[strchr(tmp, 'e') - tmp] = 0;
        if (!strchr(mant, '.')) strcat(mant, ".0");
        n = snprintf(buf, 32, "%sE%d", mant, exp10);
    }
    return n;
}
