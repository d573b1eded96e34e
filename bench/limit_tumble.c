/*
 * limit_tumble.c - the hand-written limit for the tumbling-window benchmark.
 *
 * Where it sits: bench/run.sh runs it beside `weir --quiet --format csv
 * tumble_count_sum.sql` over the same file from gen_events.  It does the same
 * work as that query and nothing else, as fast as a single-purpose C loop
 * can, so that weir's speed reads as a fraction of what the hardware allows;
 * its output must be byte-identical to weir's, which makes it a check too.
 *
 * The query it stands for:
 *   source ev (k VARCHAR, ts TIMESTAMP, v BIGINT), watermark ts - 1 s;
 *   SELECT window_start, k, COUNT(*) AS c, SUM(v) AS s
 *   FROM TUMBLE(ev, ts, 10 s) GROUP BY window_start, window_end, k;
 *
 * The loop:
 *   - read(2) the file in 1 MiB buffers; parse only whole lines, carry the
 *     partial last line to the front of the buffer for the next read;
 *   - per line: k (bytes up to ','), ts (`YYYY-MM-DD[ T]HH:MM:SS[.f{1,3}]`
 *     to epoch ms, or a bare integer of epoch ms), v (a signed integer);
 *   - window start = floor(ts / 10 s) * 10 s; a row whose window has already
 *     fired (end <= watermark) is late: counted and dropped;
 *   - each open window has its own open-addressing (linear probing) table of
 *     key -> (count, sum); key bytes live in the window's own byte buffer;
 *   - after the row, the watermark W = max(W, ts - 1 s); every open window
 *     with end <= W fires: its entries are gathered, sorted by key (bytewise,
 *     shorter first on a tie, like memcmp over the common part), printed, and
 *     the window (table and key bytes, capacity kept) goes back to a pool;
 *   - at end of input W = +infinity: every open window fires, oldest first.
 * Memory therefore follows open windows x keys, never input length.
 *
 * Output (stdout): `window_start,k,c,s` then one line per (window, key), the
 * timestamp as `YYYY-MM-DD HH:MM:SS.fff`, keys quoted per RFC 4180 when they
 * need it — the format weir's CSV writer prints.
 *
 * Input must be well formed: header `k,ts,v`, plain (unquoted) fields, no
 * empty values; the program stops at the first malformed line (exit 3).
 *
 * Usage: limit_tumble [-v] FILE.csv    (-v: rows, late rows, windows on stderr)
 * Plain C: uses nothing from the weir library.  Memory: a handful of buffers
 * allocated at start or grown geometrically; nothing is allocated per row.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LIM_WINDOW_MS 10000       /* TUMBLE size                           */
#define LIM_DELAY_MS  1000        /* WATERMARK FOR ts AS ts - INTERVAL '1' SECOND */
#define LIM_BUF       (1 << 20)   /* read(2) size                          */
#define LIM_OUT       (1 << 20)   /* stdout buffer                         */
#define LIM_MIN_CAP   1024        /* first table capacity (power of two)   */

/* One (window, key) group.  count == 0 marks an empty slot (a live group has
 * counted at least one row). */
typedef struct {
    uint64_t hash;
    uint64_t prefix;   /* first 8 key bytes, big-endian, zero-padded: sort key */
    uint32_t off;      /* key bytes at win->keys + off                       */
    uint32_t len;
    int64_t count;
    int64_t sum;
} LimEntry;

/* One open window: its groups and the bytes of their keys. */
typedef struct {
    int64_t start;
    LimEntry *slots;   /* cap slots, cap a power of two; owned               */
    uint32_t cap, used;
    char *keys;        /* key bytes; owned, grown geometrically              */
    size_t keys_len, keys_cap;
} LimWindow;

/* What firing sorts: a group's sort prefix and its slot in the table. */
typedef struct {
    uint64_t prefix;
    uint32_t slot;
} LimItem;

/* The whole program state.  open[] is sorted by start, oldest first; pool[]
 * holds fired windows kept for reuse (their tables are already empty). */
typedef struct {
    LimWindow **open;
    size_t n_open, cap_open;
    LimWindow **pool;
    size_t n_pool, cap_pool;
    LimWindow *last;       /* the window the previous row went to         */
    int64_t watermark;
    int64_t max_ts;
    LimItem *sorted;       /* firing: cap_sorted items, then as many scratch; owned */
    size_t cap_sorted;
    char *out;             /* stdout buffer; owned                         */
    size_t out_len;
    uint64_t rows, late, windows;
    /* one-entry cache of the last date parsed: "YYYY-MM-DD" -> days */
    char date[10];
    int64_t date_days;
} Lim;

static void lim_die(const char *msg)
{
    fprintf(stderr, "limit_tumble: %s\n", msg);
    exit(3);
}

static void *lim_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q)
        lim_die("out of memory");
    return q;
}

/* ---- output ---------------------------------------------------------- */

static void lim_flush(Lim *L)
{
    size_t done = 0;
    while (done < L->out_len) {
        ssize_t n = write(1, L->out + done, L->out_len - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            lim_die("write to stdout failed");
        }
        done += (size_t)n;
    }
    L->out_len = 0;
}

/* Makes room for `n` more output bytes; returns where to write them. */
static char *lim_reserve(Lim *L, size_t n)
{
    if (L->out_len + n > LIM_OUT) {
        lim_flush(L);
        if (n > LIM_OUT)
            lim_die("output line too long");
    }
    return L->out + L->out_len;
}

/* Writes a signed integer at p; returns the end. */
static char *lim_put_int(char *p, int64_t v)
{
    char tmp[24];
    int n = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *p++ = '-';
    while (n)
        *p++ = tmp[--n];
    return p;
}

/* Writes `n` as exactly `w` zero-padded digits at p; returns the end. */
static char *lim_put_digits(char *p, unsigned n, int w)
{
    for (int i = w - 1; i >= 0; i--) {
        p[i] = (char)('0' + n % 10);
        n /= 10;
    }
    return p + w;
}

/* Civil date from days since 1970-01-01 (Howard Hinnant's algorithm). */
static void lim_civil_from_days(int64_t days, int *y, int *m, int *d)
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

/* Days since 1970-01-01 of a civil date (the inverse of the above). */
static int64_t lim_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Formats epoch ms as `YYYY-MM-DD HH:MM:SS.fff` into p (23 bytes, years
 * 0..9999); returns the end. */
static char *lim_put_timestamp(char *p, int64_t ms)
{
    int64_t days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
    unsigned msod = (unsigned)(ms - days * 86400000);
    int y, m, d;
    lim_civil_from_days(days, &y, &m, &d);
    p = lim_put_digits(p, (unsigned)y, 4);
    *p++ = '-';
    p = lim_put_digits(p, (unsigned)m, 2);
    *p++ = '-';
    p = lim_put_digits(p, (unsigned)d, 2);
    *p++ = ' ';
    p = lim_put_digits(p, msod / 3600000, 2);
    *p++ = ':';
    p = lim_put_digits(p, msod / 60000 % 60, 2);
    *p++ = ':';
    p = lim_put_digits(p, msod / 1000 % 60, 2);
    *p++ = '.';
    return lim_put_digits(p, msod % 1000, 3);
}

/* Writes a CSV field, quoted per RFC 4180 only when it holds , " CR or LF. */
static char *lim_put_field(char *p, const char *s, size_t n)
{
    int quote = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r') {
            quote = 1;
            break;
        }
    if (!quote) {
        memcpy(p, s, n);
        return p + n;
    }
    *p++ = '"';
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            *p++ = '"';
        *p++ = s[i];
    }
    *p++ = '"';
    return p;
}

/* ---- per-window hash table ------------------------------------------- */

/* Hash of the key bytes: 8 bytes at a time, multiply-xorshift mixing. */
static inline uint64_t lim_hash(const char *s, size_t n)
{
    uint64_t h = 0x243F6A8885A308D3ULL ^ n;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
        h ^= h >> 29;
        s += 8;
        n -= 8;
    }
    if (n) {
        uint64_t w = 0;
        memcpy(&w, s, n);
        h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
        h ^= h >> 29;
    }
    h *= 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 31);
}

/* The first 8 key bytes as a big-endian number, zero-padded: comparing two
 * prefixes as integers orders keys as memcmp would over those bytes, and a
 * key of at most 8 bytes is equal to another exactly when prefix and length
 * are. */
static inline uint64_t lim_prefix(const char *s, size_t n)
{
    uint64_t w = 0;
    memcpy(&w, s, n < 8 ? n : 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    return w;
}

static LimWindow *lim_window_new(void)
{
    LimWindow *w = calloc(1, sizeof *w);
    if (!w)
        lim_die("out of memory");
    w->cap = LIM_MIN_CAP;
    w->slots = calloc(w->cap, sizeof *w->slots);
    w->keys_cap = 16 * 1024;
    w->keys = malloc(w->keys_cap);
    if (!w->slots || !w->keys)
        lim_die("out of memory");
    return w;
}

static void lim_window_free(LimWindow *w)
{
    free(w->slots);
    free(w->keys);
    free(w);
}

/* Doubles a window's table and re-inserts its entries (load stays < 1/2). */
static void lim_window_grow(LimWindow *w)
{
    uint32_t ncap = w->cap * 2;
    LimEntry *ns = calloc(ncap, sizeof *ns);
    if (!ns)
        lim_die("out of memory");
    for (uint32_t i = 0; i < w->cap; i++) {
        LimEntry *e = &w->slots[i];
        if (!e->count)
            continue;
        uint32_t j = (uint32_t)e->hash & (ncap - 1);
        while (ns[j].count)
            j = (j + 1) & (ncap - 1);
        ns[j] = *e;
    }
    free(w->slots);
    w->slots = ns;
    w->cap = ncap;
}

/* Adds one row (key, v) to window w: finds or creates the key's group. */
static inline void lim_window_add(LimWindow *w, const char *k, uint32_t klen, int64_t v)
{
    uint64_t h = lim_hash(k, klen);
    uint64_t pre = lim_prefix(k, klen);
    uint32_t mask = w->cap - 1;
    uint32_t i = (uint32_t)h & mask;
    for (;;) {
        LimEntry *e = &w->slots[i];
        if (!e->count)
            break;
        if (e->hash == h && e->prefix == pre && e->len == klen &&
            (klen <= 8 || memcmp(w->keys + e->off + 8, k + 8, klen - 8) == 0)) {
            e->count++;
            e->sum += v;
            return;
        }
        i = (i + 1) & mask;
    }
    /* a new group: copy the key bytes once */
    if (w->keys_len + klen > w->keys_cap) {
        while (w->keys_len + klen > w->keys_cap)
            w->keys_cap *= 2;
        if (w->keys_cap > UINT32_MAX)
            lim_die("too many key bytes in one window");
        w->keys = lim_xrealloc(w->keys, w->keys_cap);
    }
    memcpy(w->keys + w->keys_len, k, klen);
    LimEntry *e = &w->slots[i];
    e->hash = h;
    e->prefix = pre;
    e->off = (uint32_t)w->keys_len;
    e->len = klen;
    e->count = 1;
    e->sum = v;
    w->keys_len += klen;
    if (++w->used * 2 > w->cap)
        lim_window_grow(w);
}

/* ---- firing ---------------------------------------------------------- */

/* Key order of two groups of the same window: <0, 0, >0 (bytewise, the
 * shorter key first when one is a prefix of the other, as memcmp-then-length). */
static int lim_cmp(const LimEntry *a, const LimEntry *b, const char *keys)
{
    if (a->prefix != b->prefix)
        return a->prefix < b->prefix ? -1 : 1;
    uint32_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(keys + a->off, keys + b->off, n);
    if (c)
        return c;
    return (a->len > b->len) - (a->len < b->len);
}

/* Sorts the n items of v by key, using tmp (n items) as scratch; `hist` holds
 * the 8 byte histograms of the prefixes, counted while gathering.
 * An LSD radix sort on the 8-byte prefix (a byte that is the same in every
 * prefix, such as the "key" of key0..key9999, costs no pass), then insertion
 * sort of each run of equal prefixes by the whole key: O(n) where qsort was
 * the single largest cost of this program. */
static void lim_sort(LimItem *v, LimItem *tmp, size_t n, uint32_t hist[8][256],
                     const LimWindow *w)
{
    LimItem *src = v, *dst = tmp;
    for (int b = 0; b < 8; b++) {
        uint32_t *h = hist[b];
        int shift = 8 * b;
        if (h[(src[0].prefix >> shift) & 0xFF] == n)
            continue;                          /* all the same byte */
        uint32_t pos[256], sum = 0;
        for (int c = 0; c < 256; c++) {
            pos[c] = sum;
            sum += h[c];
        }
        for (size_t i = 0; i < n; i++)
            dst[pos[(src[i].prefix >> shift) & 0xFF]++] = src[i];
        LimItem *t = src;
        src = dst;
        dst = t;
    }
    if (src != v)
        memcpy(v, src, n * sizeof *v);
    /* equal prefixes: order by the whole key */
    for (size_t i = 1; i < n; i++) {
        if (v[i].prefix != v[i - 1].prefix)
            continue;
        LimItem x = v[i];
        size_t j = i;
        while (j > 0 && v[j - 1].prefix == x.prefix &&
               lim_cmp(&w->slots[x.slot], &w->slots[v[j - 1].slot], w->keys) < 0) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

/* Fires the oldest open window: prints its groups in key order, empties its
 * table and moves it to the pool. */
static void lim_fire_oldest(Lim *L)
{
    LimWindow *w = L->open[0];
    memmove(L->open, L->open + 1, (L->n_open - 1) * sizeof *L->open);
    L->n_open--;
    if (L->last == w)
        L->last = NULL;

    if (w->used > L->cap_sorted) {
        L->cap_sorted = w->cap;
        L->sorted = lim_xrealloc(L->sorted, 2 * L->cap_sorted * sizeof *L->sorted);
    }
    static uint32_t hist[8][256];
    memset(hist, 0, sizeof hist);
    size_t n = 0;
    for (uint32_t i = 0; i < w->cap; i++) {
        if (w->slots[i].count) {
            uint64_t p = w->slots[i].prefix;
            for (int b = 0; b < 8; b++)
                hist[b][(p >> (8 * b)) & 0xFF]++;
            L->sorted[n].prefix = p;
            L->sorted[n].slot = i;
            n++;
        }
    }
    if (n)
        lim_sort(L->sorted, L->sorted + L->cap_sorted, n, hist, w);

    char ts[24];
    size_t ts_len = (size_t)(lim_put_timestamp(ts, w->start) - ts);
    for (size_t i = 0; i < n; i++) {
        LimEntry *e = &w->slots[L->sorted[i].slot];
        char *p = lim_reserve(L, ts_len + 2 * (size_t)e->len + 2 + 2 * 22 + 4);
        char *q = p;
        memcpy(q, ts, ts_len);
        q += ts_len;
        *q++ = ',';
        q = lim_put_field(q, w->keys + e->off, e->len);
        *q++ = ',';
        q = lim_put_int(q, e->count);
        *q++ = ',';
        q = lim_put_int(q, e->sum);
        *q++ = '\n';
        L->out_len += (size_t)(q - p);
        e->count = 0;                   /* the slot is empty again */
    }

    w->used = 0;
    w->keys_len = 0;
    if (L->n_pool == L->cap_pool) {
        L->cap_pool = L->cap_pool ? 2 * L->cap_pool : 4;
        L->pool = lim_xrealloc(L->pool, L->cap_pool * sizeof *L->pool);
    }
    L->pool[L->n_pool++] = w;
    L->windows++;
}

/* The open window starting at `start`, created (from the pool if it can) in
 * its place in start order when it is not open yet. */
static LimWindow *lim_window_for(Lim *L, int64_t start)
{
    if (L->last && L->last->start == start)
        return L->last;
    size_t i = L->n_open;
    while (i > 0 && L->open[i - 1]->start > start)
        i--;
    if (i > 0 && L->open[i - 1]->start == start)
        return L->last = L->open[i - 1];
    LimWindow *w = L->n_pool ? L->pool[--L->n_pool] : lim_window_new();
    w->start = start;
    if (L->n_open == L->cap_open) {
        L->cap_open = L->cap_open ? 2 * L->cap_open : 8;
        L->open = lim_xrealloc(L->open, L->cap_open * sizeof *L->open);
    }
    memmove(L->open + i + 1, L->open + i, (L->n_open - i) * sizeof *L->open);
    L->open[i] = w;
    L->n_open++;
    return L->last = w;
}

/* ---- parsing --------------------------------------------------------- */

static inline int lim_isdigit(char c)
{
    return (unsigned)(c - '0') < 10;
}

/* Parses `n` digits at p into *out; 0 when one is not a digit. */
static inline int lim_digits(const char *p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!lim_isdigit(p[i]))
            return 0;
        v = v * 10 + (p[i] - '0');
    }
    *out = v;
    return 1;
}

/* Parses a timestamp field [p, e) to epoch ms: `YYYY-MM-DD HH:MM:SS[.f{1,3}]`
 * (or 'T' between date and time), or a bare integer of epoch ms.  0 on a
 * malformed value. */
static int lim_parse_ts(Lim *L, const char *p, const char *e, int64_t *out)
{
    size_t n = (size_t)(e - p);
    if (n >= 19 && p[4] == '-' && p[7] == '-' && (p[10] == ' ' || p[10] == 'T') &&
        p[13] == ':' && p[16] == ':') {
        int64_t days;
        if (memcmp(p, L->date, 10) == 0) {
            days = L->date_days;
        } else {
            int y, mo, d;
            if (!lim_digits(p, 4, &y) || !lim_digits(p + 5, 2, &mo) || !lim_digits(p + 8, 2, &d) ||
                mo < 1 || mo > 12 || d < 1 || d > 31)
                return 0;
            days = lim_days_from_civil(y, mo, d);
            memcpy(L->date, p, 10);
            L->date_days = days;
        }
        int hh, mi, ss, ms = 0;
        if (!lim_digits(p + 11, 2, &hh) || !lim_digits(p + 14, 2, &mi) || !lim_digits(p + 17, 2, &ss) ||
            hh > 23 || mi > 59 || ss > 59)
            return 0;
        if (n > 19) {
            size_t f = n - 20;
            if (p[19] != '.' || f < 1 || f > 3 || !lim_digits(p + 20, (int)f, &ms))
                return 0;
            for (size_t i = f; i < 3; i++)
                ms *= 10;
        }
        *out = days * 86400000 + (int64_t)hh * 3600000 + mi * 60000 + ss * 1000 + ms;
        return 1;
    }
    /* epoch milliseconds */
    int neg = n > 0 && *p == '-';
    const char *q = p + neg;
    if (q == e || e - q > 18)
        return 0;
    int64_t v = 0;
    for (; q < e; q++) {
        if (!lim_isdigit(*q))
            return 0;
        v = v * 10 + (*q - '0');
    }
    *out = neg ? -v : v;
    return 1;
}

/* Reports a malformed line (1-based) and stops. */
static void lim_bad_line(uint64_t line, const char *what)
{
    fprintf(stderr, "limit_tumble: line %llu: %s\n", (unsigned long long)line, what);
    exit(3);
}

/* Window start of ts: floor(ts / size) * size, also for negative ts. */
static inline int64_t lim_window_start(int64_t ts)
{
    int64_t q = ts / LIM_WINDOW_MS;
    if (ts % LIM_WINDOW_MS < 0)
        q--;
    return q * LIM_WINDOW_MS;
}

/* Processes the whole lines in [p, end); end[-1] is '\n'.  `line` is the
 * 1-based number of the first of them. */
static void lim_lines(Lim *L, const char *p, const char *end, uint64_t line)
{
    while (p < end) {
        /* k: up to ',' */
        const char *k = p;
        while (*p != ',' && *p != '\n')
            p++;
        if (*p != ',' || p == k)
            lim_bad_line(line, "expected `k,ts,v`");
        if (*k == '"')
            lim_bad_line(line, "quoted fields are not supported");
        uint32_t klen = (uint32_t)(p - k);
        /* ts: up to ',' */
        const char *t = ++p;
        while (*p != ',' && *p != '\n')
            p++;
        if (*p != ',')
            lim_bad_line(line, "expected `k,ts,v`");
        int64_t ts;
        if (!lim_parse_ts(L, t, p, &ts))
            lim_bad_line(line, "bad timestamp");
        /* v: a signed integer up to '\n' (a CR before it is allowed) */
        p++;
        int neg = *p == '-';
        p += neg;
        if (!lim_isdigit(*p))
            lim_bad_line(line, "bad integer");
        int64_t v = 0;
        int nd = 0;
        while (lim_isdigit(*p)) {
            v = v * 10 + (*p++ - '0');
            nd++;
        }
        if (nd > 18)
            lim_bad_line(line, "integer out of range");
        if (*p == '\r')
            p++;
        if (*p != '\n')
            lim_bad_line(line, "bad integer");
        p++;
        if (neg)
            v = -v;

        L->rows++;
        line++;
        int64_t start = lim_window_start(ts);
        if (start + LIM_WINDOW_MS <= L->watermark) {
            L->late++;                  /* its window has fired */
        } else {
            lim_window_add(lim_window_for(L, start), k, klen, v);
        }
        if (ts > L->max_ts) {
            L->max_ts = ts;
            if (ts - LIM_DELAY_MS > L->watermark) {
                L->watermark = ts - LIM_DELAY_MS;
                while (L->n_open && L->open[0]->start + LIM_WINDOW_MS <= L->watermark)
                    lim_fire_oldest(L);
            }
        }
    }
}

/* Checks the header line [p, e) (without '\n'). */
static void lim_header(const char *p, const char *e)
{
    size_t n = (size_t)(e - p);
    if (n && p[n - 1] == '\r')
        n--;
    if (n != 6 || memcmp(p, "k,ts,v", 6) != 0)
        lim_bad_line(1, "expected the header `k,ts,v`");
}

int main(int argc, char **argv)
{
    int verbose = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0)
            verbose = 1;
        else if (!path)
            path = argv[i];
        else
            path = NULL, i = argc;
    }
    if (!path) {
        fprintf(stderr, "usage: limit_tumble [-v] FILE.csv\n");
        return 2;
    }
    int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY);
    if (fd < 0) {
        fprintf(stderr, "limit_tumble: %s: %s\n", path, strerror(errno));
        return 3;
    }

    Lim L;
    memset(&L, 0, sizeof L);
    L.watermark = INT64_MIN;
    L.max_ts = INT64_MIN;
    L.out = malloc(LIM_OUT);
    char *buf = malloc(LIM_BUF + 1);   /* +1: room for a '\n' after a last unterminated line */
    if (!L.out || !buf)
        lim_die("out of memory");
    memcpy(L.out, "window_start,k,c,s\n", 19);
    L.out_len = 19;

    size_t have = 0;        /* bytes in buf: the carried partial line + new data */
    uint64_t line = 1;      /* number of the first line in buf                   */
    int header = 1, eof = 0;
    while (!eof) {
        if (have == LIM_BUF)
            lim_bad_line(line, "line longer than 1 MiB");
        ssize_t n = read(fd, buf + have, LIM_BUF - have);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "limit_tumble: %s: %s\n", path, strerror(errno));
            return 3;
        }
        if (n == 0) {
            eof = 1;
            if (have == 0)
                break;
            if (buf[have - 1] != '\n')
                buf[have++] = '\n';
        }
        have += (size_t)n;
        /* parse up to the last '\n'; keep the rest for the next read */
        char *last = memrchr(buf, '\n', have);
        if (!last)
            continue;
        char *p = buf, *end = last + 1;
        if (header) {
            char *nl = memchr(p, '\n', (size_t)(end - p));
            lim_header(p, nl);
            p = nl + 1;
            line++;
            header = 0;
        }
        lim_lines(&L, p, end, line);
        line = L.rows + 2;  /* the header is line 1 */
        have -= (size_t)(end - buf);
        memmove(buf, end, have);
    }
    if (fd != 0)
        close(fd);
    if (header)
        lim_bad_line(1, "empty input: expected the header `k,ts,v`");

    /* end of input: the watermark goes to +infinity, every window fires */
    while (L.n_open)
        lim_fire_oldest(&L);
    lim_flush(&L);
    if (verbose)
        fprintf(stderr, "limit_tumble: %llu rows, %llu late, %llu windows\n",
                (unsigned long long)L.rows, (unsigned long long)L.late,
                (unsigned long long)L.windows);

    for (size_t i = 0; i < L.n_pool; i++)
        lim_window_free(L.pool[i]);
    free(L.pool);
    free(L.open);
    free(L.sorted);
    free(L.out);
    free(buf);
    return 0;
}
