/*
 * gen_events.c - writes the input of the tumbling-window benchmark.
 *
 * Where it sits: bench/run.sh runs it once per size to fill its data cache;
 * limit_tumble and weir (through tumble_count_sum.sql) then read the file.
 *
 * Output: CSV with the header `k,ts,v` and N rows:
 *   k   key0..key9999, drawn uniformly by a fixed-seed xorshift64 generator;
 *   ts  event time `YYYY-MM-DD HH:MM:SS.fff`, row i at 2024-05-11 10:00:00 + i ms,
 *       one row in four pulled back by 0..500 ms (bounded disorder, below the
 *       1-second watermark delay of the query, so no row is ever late);
 *   v   an integer 0..999.
 * The same N always gives the same bytes.
 *
 * Usage: gen_events N [OUT.csv]      (stdout when OUT is absent or "-")
 * Plain C: uses nothing from the weir library.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GEN_KEYS        10000
#define GEN_MAX_DELAY   500           /* ms of disorder at most                 */
#define GEN_BASE_MS     1715421600000LL /* 2024-05-11 10:00:00 UTC, epoch ms    */
#define GEN_SEED        0x9E3779B97F4A7C15ULL
#define GEN_BUF         (1 << 20)

/* xorshift64 (Marsaglia): fast, deterministic, good enough for test data. */
static uint64_t gen_next(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *s = x;
    return x;
}

/* Civil date from days since 1970-01-01 (Howard Hinnant's algorithm). */
static void gen_civil(int64_t days, int *y, int *m, int *d)
{
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    int64_t doe = days - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Writes `n` as exactly `w` zero-padded digits at p; returns the end. */
static char *gen_digits(char *p, unsigned n, int w)
{
    for (int i = w - 1; i >= 0; i--) {
        p[i] = (char)('0' + n % 10);
        n /= 10;
    }
    return p + w;
}

/* Writes an unsigned integer without padding at p; returns the end. */
static char *gen_uint(char *p, unsigned n)
{
    char tmp[12];
    int len = 0;
    do {
        tmp[len++] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    while (len)
        *p++ = tmp[--len];
    return p;
}

/* Writes `YYYY-MM-DD HH:MM:SS.fff` for epoch ms `ts` (ts >= 0) at p.  The date
 * part is cached: consecutive rows almost always share a day. */
static char *gen_timestamp(char *p, int64_t ts)
{
    static int64_t cached_day = -1;
    static char date[11];
    int64_t day = ts / 86400000;
    unsigned msod = (unsigned)(ts % 86400000);
    if (day != cached_day) {
        int y, m, d;
        gen_civil(day, &y, &m, &d);
        char *q = gen_digits(date, (unsigned)y, 4);
        *q++ = '-';
        q = gen_digits(q, (unsigned)m, 2);
        *q++ = '-';
        q = gen_digits(q, (unsigned)d, 2);
        *q = ' ';
        cached_day = day;
    }
    memcpy(p, date, 11);
    p += 11;
    p = gen_digits(p, msod / 3600000, 2);
    *p++ = ':';
    p = gen_digits(p, msod / 60000 % 60, 2);
    *p++ = ':';
    p = gen_digits(p, msod / 1000 % 60, 2);
    *p++ = '.';
    return gen_digits(p, msod % 1000, 3);
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: gen_events N [OUT.csv]\n");
        return 2;
    }
    char *end;
    errno = 0;
    long long rows = strtoll(argv[1], &end, 10);
    if (errno || *end || rows < 0) {
        fprintf(stderr, "gen_events: bad row count '%s'\n", argv[1]);
        return 2;
    }
    FILE *out = stdout;
    if (argc == 3 && strcmp(argv[2], "-") != 0) {
        out = fopen(argv[2], "wb");
        if (!out) {
            fprintf(stderr, "gen_events: %s: %s\n", argv[2], strerror(errno));
            return 1;
        }
    }

    /* One output buffer, flushed when less than a row's worth is left. */
    char *buf = malloc(GEN_BUF);
    if (!buf) {
        fprintf(stderr, "gen_events: out of memory\n");
        return 1;
    }
    char *p = buf;
    memcpy(p, "k,ts,v\n", 7);
    p += 7;
    uint64_t rng = GEN_SEED;
    int status = 0;
    for (long long i = 0; i < rows; i++) {
        uint64_t r = gen_next(&rng);
        unsigned key = (unsigned)(r % GEN_KEYS);
        unsigned v = (unsigned)((r >> 20) % 1000);
        int64_t delay = 0;
        if (((r >> 40) & 3) == 0)
            delay = (int64_t)((r >> 42) % (GEN_MAX_DELAY + 1));
        int64_t off = i > delay ? i - delay : 0;

        memcpy(p, "key", 3);
        p = gen_uint(p + 3, key);
        *p++ = ',';
        p = gen_timestamp(p, GEN_BASE_MS + off);
        *p++ = ',';
        p = gen_uint(p, v);
        *p++ = '\n';
        if (p - buf > GEN_BUF - 128) {
            if (fwrite(buf, 1, (size_t)(p - buf), out) != (size_t)(p - buf)) {
                status = 1;
                break;
            }
            p = buf;
        }
    }
    if (!status && p > buf && fwrite(buf, 1, (size_t)(p - buf), out) != (size_t)(p - buf))
        status = 1;
    if (fflush(out) != 0 || (out != stdout && fclose(out) != 0))
        status = 1;
    if (status)
        fprintf(stderr, "gen_events: write failed: %s\n", strerror(errno));
    free(buf);
    return status;
}
