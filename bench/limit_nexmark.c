/*
 * limit_nexmark.c - the limit for Nexmark q0, q1 and q2: the nexmark
 * generator and the query's trivial work fused into one hand-written loop,
 * with no rows, batches, operators or sink.  bench/nexmark.sh runs it beside
 * weir running examples/nexmark/q0.sql, q1.sql and q2.sql.
 *
 * It generates the bid columns each query reads exactly as
 * runtime/connector_nexmark.c does (the same counter-based splitmix64
 * streams: a value depends only on seed, event number and field; this file
 * repeats that code for the fields it needs, so that nothing but the loop is
 * measured), then:
 *   q0  folds auction, bidder, price, dateTime and the extra string (pointer
 *       and length into the 1 MiB extra text, as weir's rows hold it) into a
 *       checksum;
 *   q1  the same with 0.908 * price;
 *   q2  counts the bids with auction % 123 == 0 and sums their price: the
 *       count must equal the rows weir's q2 emits (nexmark.sh checks it).
 *
 * Usage: limit_nexmark q0|q1|q2 EVENTS [SEED]
 * Prints: "<query> events=<n> bids=<n> rows=<n> checksum=<x>".
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GOLDEN UINT64_C(0x9E3779B97F4A7C15)
#define EXTRA_LEN (1 << 20)
#define BASE_TIME INT64_C(1436918400000)

/* The connector's stream order (NxStream): the keys are successive draws. */
enum { S_BID_AUCTION, S_BID_BIDDER, S_BID_PRICE, S_BID_CHANNEL, S_BID_EXTRA, S_EXTRA_TEXT = 20, NSTREAMS = 21 };

static inline uint64_t mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}
static inline uint64_t next(uint64_t *s) { return mix(*s += GOLDEN); }
static inline uint64_t below(uint64_t *s, uint64_t n) { return (uint64_t)(((unsigned __int128)next(s) * n) >> 64); }

int main(int argc, char **argv)
{
    if (argc < 3 || (strcmp(argv[1], "q0") && strcmp(argv[1], "q1") && strcmp(argv[1], "q2"))) {
        fprintf(stderr, "usage: limit_nexmark q0|q1|q2 EVENTS [SEED]\n");
        return 2;
    }
    int q = argv[1][1] - '0';
    int64_t events = strtoll(argv[2], NULL, 10);
    uint64_t seed = argc > 3 ? (uint64_t)strtoll(argv[3], NULL, 10) : 0;
    uint64_t key[NSTREAMS], s = seed;
    for (int k = 0; k < NSTREAMS; k++) key[k] = next(&s);

    char *extra = NULL;
    if (q != 2) {   /* q2 reads no extra: weir's q2 source declares it, see nexmark.sh */
        extra = malloc(EXTRA_LEN);
        if (!extra) return 1;
        uint64_t st = mix(key[S_EXTRA_TEXT]);
        for (int i = 0; i < EXTRA_LEN; i += 8) {
            uint64_t r = next(&st);
            for (int j = 0; j < 8; j++, r >>= 8) extra[i + j] = (char)('a' + (((r & 0xFF) * 26) >> 8));
        }
    }

    uint64_t sum = 0;
    double dsum = 0;
    int64_t bids = 0, rows = 0;
    for (int64_t epoch = 0; epoch * 50 < events; epoch++) {
        int64_t last_a = epoch * 3 + 2, last_p = epoch;
        int64_t lo_a = last_a > 100 ? last_a - 100 : 0;
        int64_t people = last_p + 1, active = people < 1000 ? people : 1000;
        int64_t end = epoch * 50 + 50 < events ? epoch * 50 + 50 : events;
        for (int64_t n = epoch * 50 + 4; n < end; n++) {
            uint64_t st = mix(key[S_BID_AUCTION] + (uint64_t)n * GOLDEN);
            int64_t auction = below(&st, 2) ? last_a / 100 * 100
                                            : lo_a + (int64_t)below(&st, (uint64_t)(last_a - lo_a + 11));
            auction += 1000;
            st = mix(key[S_BID_PRICE] + (uint64_t)n * GOLDEN);
            int64_t price = (int64_t)floor(pow(10.0, (double)(next(&st) >> 11) * 0x1.0p-53 * 6.0) * 100.0 + 0.5);
            bids++;
            if (q == 2) {
                if (auction % 123 == 0) rows++, sum += (uint64_t)price;
                continue;
            }
            st = mix(key[S_BID_BIDDER] + (uint64_t)n * GOLDEN);
            int64_t bidder = below(&st, 4) ? last_p / 100 * 100 + 1
                                           : people - active + (int64_t)below(&st, (uint64_t)(active + 10));
            bidder += 1000;
            int64_t ts = BASE_TIME + (int64_t)((double)n * 0.1) / 1000;
            st = mix(key[S_BID_EXTRA] + (uint64_t)n * GOLDEN);
            int size = 54 + (int)below(&st, 28);
            const char *x = extra + below(&st, (uint64_t)(EXTRA_LEN - size));
            rows++;
            sum += (uint64_t)auction * 31 + (uint64_t)bidder * 7 + (uint64_t)ts + (uint64_t)size +
                   (unsigned char)x[0];
            if (q == 1) dsum += 0.908 * (double)price;
            else sum += (uint64_t)price;
        }
    }
    printf("q%d events=%lld bids=%lld rows=%lld checksum=%llu/%.6g\n", q, (long long)events,
           (long long)bids, (long long)rows, (unsigned long long)sum, dsum);
    free(extra);
    return 0;
}
