/*
 * connector_nexmark.c - the 'nexmark' connector: the Nexmark benchmark's
 * online-auction events (Person, Auction, Bid), generated in process,
 * deterministic for a seed.
 *
 * It sits where connector_datagen.c sits: source_open finds it by name and
 * the pipeline pulls batches from it.  A source is one of the three tables
 * (`nexmark.table`); it produces the physical columns it declares, matched by
 * name (case-insensitively) to the nexmark project's Flink DDL:
 *   bid      auction, bidder, price BIGINT; channel, url VARCHAR; dateTime
 *            TIMESTAMP(3); extra VARCHAR
 *   auction  id BIGINT; itemName, description VARCHAR; initialBid, reserve
 *            BIGINT; dateTime, expires TIMESTAMP(3); seller, category BIGINT;
 *            extra VARCHAR
 *   person   id BIGINT; name, emailAddress, creditCard, city, state VARCHAR;
 *            dateTime TIMESTAMP(3); extra VARCHAR
 * (VARCHAR(n) and STRING are VARCHAR; a column of another type is an error.)
 *
 * Options:
 *   nexmark.table            bid | auction | person (required)
 *   events                   total events of all three kinds; unbounded if absent
 *   events-per-second        throttle on events (of all kinds); unthrottled if absent
 *   seed                     64-bit integer, default 0
 *   nexmark.event-time-rate  events per second of event time (default 10,000,000)
 *   nexmark.base-time        event time of event 0: 'YYYY-MM-DD HH:MM:SS[.fff]' or
 *                            epoch ms (default 2015-07-15 00:00:00.000); within
 *                            years 0000..9999, or an error at open naming it
 * Event times stay TIMESTAMPs: the stream ends (as if `events` said so) before
 * the first event whose dateTime - or an auction's expires - would pass
 * 9999-12-31 23:59:59.999 (nx_time_cap).  At the default rate that is some
 * 2.5e18 events away; with a tiny event-time-rate or a late base-time it is near.
 * format and on_error are accepted and ignored (events are never malformed);
 * any other key is an error.
 *
 * The model (/work/shared/spec/nexmark.md; the reference is the nexmark
 * project's generator/model/ classes).  Event n = 0, 1, 2, ... (weir numbers from
 * 0, so event 0 is person 1000 and every id a cold pick names is one the
 * stream generates) is a Person when n % 50 < 1, an Auction when < 4, else a
 * Bid.  Its event time is base + (long)(n * 1e6/rate µs) / 1000 ms.  Ids:
 * lastBase0PersonId / lastBase0AuctionId below; hot auctions (P 1/2), hot
 * bidders and sellers (P 3/4) as in the reference; cold picks among the last
 * 100 auctions (+10 ahead: a bid may name one of the next 10 auctions, which
 * the stream creates within ~170 events) or the last 1000 people (+10 ahead);
 * log-uniform prices; hot channels; string lengths and `extra` sizes as in the
 * reference.  Where weir differs on purpose: seeded; bid.bidder is offset by
 * 1000 once (the reference adds it twice); event time from a fixed base at
 * nexmark.event-time-rate, never from the wall clock.
 *
 * Randomness is counter based: every field of event n has its own splitmix64
 * stream, started from mix(key[field] + n * golden), key[field] derived from
 * the seed.  So a value depends only on (seed, event number, field): not on
 * which other columns are declared, on batch sizes, or on where a run
 * resumed.  Several sources over the same seed (and events) therefore see one
 * event stream, each keeping its own kind, and a checkpoint needs only the
 * next event number.  tests/nexmark/nexmark_model.py is an
 * independent Python model of exactly this.
 *
 * Speed: rows are gathered as a list of event numbers first, then each
 * declared column is filled in a tight loop over them; undeclared columns
 * cost nothing.  Strings the model draws from fixed sets (channels, urls,
 * names, cities, states) and `extra` (a substring of one random 1 MiB string,
 * as the reference does) point into buffers the source owns for its whole
 * life; made-up strings (itemName, description, emailAddress, creditCard) are
 * written into the batch's text arena, one block per column per batch.
 * Nothing is allocated per row.
 *
 * Throttling and checkpoints work as in connector_datagen.c: events are due at
 * events-per-second from the first call; save_pos writes the next event
 * number, restore_pos puts it back.
 *
 * Row positions (Batch.pos, error messages "event N"): the event number + 1.
 */
#include "format.h"
#include "snapshot.h"
#include "throttle.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* ---- the model's constants (nexmark.md) ----------------------------------- */

#define NX_PERSON_PROP 1
#define NX_AUCTION_PROP 3
#define NX_TOTAL_PROP 50
#define NX_FIRST_PERSON_ID 1000
#define NX_FIRST_AUCTION_ID 1000
#define NX_FIRST_CATEGORY_ID 10
#define NX_NUM_CATEGORIES 5
#define NX_HOT_AUCTION_RATIO 2      /* config: P(hot) = 1 - 1/2 */
#define NX_HOT_BIDDERS_RATIO 4      /* config: P(hot) = 1 - 1/4 */
#define NX_HOT_SELLERS_RATIO 4
#define NX_HOT_BATCH 100            /* HOT_AUCTION_RATIO / HOT_BIDDER_RATIO / HOT_SELLER_RATIO */
#define NX_IN_FLIGHT_AUCTIONS 100
#define NX_ACTIVE_PEOPLE 1000
#define NX_ID_LEAD 10               /* AUCTION_ID_LEAD, PERSON_ID_LEAD */
#define NX_CHANNELS 10000
#define NX_HOT_CHANNELS 4
#define NX_AVG_PERSON 200
#define NX_AVG_AUCTION 500
#define NX_AVG_BID 100
#define NX_EXTRA_LEN (1 << 20)      /* the reusable extra string */
#define NX_DEFAULT_RATE 1e7
#define NX_DEFAULT_BASE INT64_C(1436918400000)   /* 2015-07-15 00:00:00.000 UTC */

static const char *const nx_hot_channels[NX_HOT_CHANNELS] = {"Google", "Facebook", "Baidu", "Apple"};
static const char *const nx_states[] = {"AZ", "CA", "ID", "OR", "WA", "WY"};
static const char *const nx_cities[] = {"Phoenix", "Los Angeles", "San Francisco", "Boise",
                                        "Portland", "Bend", "Redmond", "Seattle", "Kent",
                                        "Cheyenne"};
static const char *const nx_first[] = {"Peter", "Paul", "Luke", "John", "Saul", "Vicky",
                                       "Kate", "Julie", "Sarah", "Deiter", "Walter"};
static const char *const nx_last[] = {"Shultz", "Abrams", "Spencer", "White", "Bartels",
                                      "Walton", "Smith", "Jones", "Noris"};
#define NX_N(a) ((int)(sizeof(a) / sizeof((a)[0])))

typedef enum NxTable { NX_PERSON = 0, NX_AUCTION = 1, NX_BID = 2 } NxTable;
static const char *const nx_table_names[3] = {"person", "auction", "bid"};

/* Every column of the three tables, in the Flink DDL's order. */
typedef enum NxCol {
    PE_ID, PE_NAME, PE_EMAIL, PE_CREDITCARD, PE_CITY, PE_STATE, PE_DATETIME, PE_EXTRA,
    AU_ID, AU_ITEMNAME, AU_DESCRIPTION, AU_INITIALBID, AU_RESERVE, AU_DATETIME, AU_EXPIRES,
    AU_SELLER, AU_CATEGORY, AU_EXTRA,
    BID_AUCTION, BID_BIDDER, BID_PRICE, BID_CHANNEL, BID_URL, BID_DATETIME, BID_EXTRA,
    NX_NCOLS
} NxCol;

static const struct {
    NxTable table;
    const char *name;
    TypeId type;
} nx_cols[NX_NCOLS] = {
    {NX_PERSON, "id", TYPE_BIGINT},         {NX_PERSON, "name", TYPE_VARCHAR},
    {NX_PERSON, "emailAddress", TYPE_VARCHAR}, {NX_PERSON, "creditCard", TYPE_VARCHAR},
    {NX_PERSON, "city", TYPE_VARCHAR},      {NX_PERSON, "state", TYPE_VARCHAR},
    {NX_PERSON, "dateTime", TYPE_TIMESTAMP}, {NX_PERSON, "extra", TYPE_VARCHAR},
    {NX_AUCTION, "id", TYPE_BIGINT},        {NX_AUCTION, "itemName", TYPE_VARCHAR},
    {NX_AUCTION, "description", TYPE_VARCHAR}, {NX_AUCTION, "initialBid", TYPE_BIGINT},
    {NX_AUCTION, "reserve", TYPE_BIGINT},   {NX_AUCTION, "dateTime", TYPE_TIMESTAMP},
    {NX_AUCTION, "expires", TYPE_TIMESTAMP}, {NX_AUCTION, "seller", TYPE_BIGINT},
    {NX_AUCTION, "category", TYPE_BIGINT},  {NX_AUCTION, "extra", TYPE_VARCHAR},
    {NX_BID, "auction", TYPE_BIGINT},       {NX_BID, "bidder", TYPE_BIGINT},
    {NX_BID, "price", TYPE_BIGINT},         {NX_BID, "channel", TYPE_VARCHAR},
    {NX_BID, "url", TYPE_VARCHAR},          {NX_BID, "dateTime", TYPE_TIMESTAMP},
    {NX_BID, "extra", TYPE_VARCHAR},
};

/* The random streams: one per independent draw of an event (channel and url
 * share one, as do initialBid and reserve), plus the fixed tables. */
typedef enum NxStream {
    S_BID_AUCTION, S_BID_BIDDER, S_BID_PRICE, S_BID_CHANNEL, S_BID_EXTRA,
    S_AU_SELLER, S_AU_CATEGORY, S_AU_PRICE, S_AU_EXPIRES, S_AU_ITEMNAME, S_AU_DESC, S_AU_EXTRA,
    S_PE_NAME, S_PE_EMAIL, S_PE_CARD, S_PE_CITY, S_PE_STATE, S_PE_EXTRA,
    S_CHANNEL_URL,   /* "event" = channel number: that channel's url */
    S_HOT_URL,       /* "event" = hot channel number */
    S_EXTRA_TEXT,    /* the 1 MiB extra string */
    NX_NSTREAMS
} NxStream;

typedef struct NxSource {
    Source base;
    NxTable table;
    int ncols;
    NxCol *cols;               /* malloc'ed: the model column of each declared column */
    int64_t limit;             /* events of all kinds; -1: unbounded */
    int64_t next_ev;           /* the next event number to look at */
    Throttle thr;              /* events-per-second (rate 0: unthrottled) */
    double delay_us;           /* event time between events, µs */
    int64_t base_time;         /* event time of event 0, ms */
    int64_t time_cap;          /* events [0, time_cap) have times within year 9999 */
    uint64_t key[NX_NSTREAMS]; /* per stream, from the seed */
    int64_t *ev;               /* malloc'ed: event numbers of the rows being filled */
    int16_t *chan;             /* malloc'ed, beside ev: each bid's channel (-1-h: hot h) */
    bool has_chan;             /* channel or url is declared */
    int ev_cap;
    char *extra;               /* malloc'ed NX_EXTRA_LEN letters, or NULL when unused */
    char *chan_text;           /* malloc'ed: channel names, then urls, back to back */
    Value chan_name[NX_CHANNELS], chan_url[NX_CHANNELS];   /* point into chan_text */
    Value hot_url[NX_HOT_CHANNELS];                         /* point into chan_text */
    Value hot_name[NX_HOT_CHANNELS];                        /* the static names */
    char names[NX_N(nx_first) * NX_N(nx_last)][24];        /* "First Last" */
    uint32_t name_len[NX_N(nx_first) * NX_N(nx_last)];
} NxSource;

/* ---- the random source ------------------------------------------------------ */

#define NX_GOLDEN UINT64_C(0x9E3779B97F4A7C15)

/* splitmix64's output function: a bijective 64-bit mix. */
static inline uint64_t nx_mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* The start of stream s for event (or table entry) n. */
static inline uint64_t nx_stream(const NxSource *d, NxStream s, int64_t n)
{
    return nx_mix(d->key[s] + (uint64_t)n * NX_GOLDEN);
}

/* The next 64 random bits of a stream (splitmix64). */
static inline uint64_t nx_next(uint64_t *st) { return nx_mix(*st += NX_GOLDEN); }

/* Uniform in [0, n), n > 0 (Lemire's multiply-shift). */
static inline int64_t nx_below(uint64_t *st, uint64_t n)
{
    return (int64_t)(((unsigned __int128)nx_next(st) * n) >> 64);
}

/* Uniform in [0, 1) with 53 bits. */
static inline double nx_unit(uint64_t *st) { return (double)(nx_next(st) >> 11) * 0x1.0p-53; }

/* ---- the model ---------------------------------------------------------------- */

/* Event time of event n, ms (GeneratorConfig.timestampForEvent). */
static inline int64_t nx_time(const NxSource *d, int64_t n)
{
    return d->base_time + (int64_t)((double)n * d->delay_us) / 1000;
}

/* How many events have all their times (dateTime, and an auction's expires,
 * which reaches at most two horizons of NX_IN_FLIGHT_AUCTIONS auctions ahead)
 * within TS_VALID_MAX; INT64_MAX/2 when that is beyond reach.  Keeps nx_time's
 * double-to-int64 conversion and its sums from overflowing for any
 * event-time-rate and base-time. */
static int64_t nx_time_cap(const NxSource *d)
{
    const double k = (double)(NX_IN_FLIGHT_AUCTIONS * NX_TOTAL_PROP / NX_AUCTION_PROP);
    double horizon = k * d->delay_us / 1000 + 1;                     /* ms, rounded up */
    double room = (double)(TS_VALID_MAX - d->base_time) - 3 * horizon - 2;
    if (!(room > 0)) return 0;
    double n = floor(room * 1000 / d->delay_us);
    return n >= 4e18 ? INT64_MAX / 2 : (int64_t)n;
}

/* The last person id (base 0) generated at or before event n. */
static inline int64_t nx_last_person(int64_t n)
{
    int64_t epoch = n / NX_TOTAL_PROP, off = n % NX_TOTAL_PROP;
    if (off >= NX_PERSON_PROP) off = NX_PERSON_PROP - 1;
    return epoch * NX_PERSON_PROP + off;
}

/* The last auction id (base 0) generated at or before event n. */
static inline int64_t nx_last_auction(int64_t n)
{
    int64_t epoch = n / NX_TOTAL_PROP, off = n % NX_TOTAL_PROP;
    if (off < NX_PERSON_PROP) {
        epoch--;
        off = NX_AUCTION_PROP - 1;
    } else if (off >= NX_PERSON_PROP + NX_AUCTION_PROP) {
        off = NX_AUCTION_PROP - 1;
    } else {
        off -= NX_PERSON_PROP;
    }
    return epoch * NX_AUCTION_PROP + off;
}

/* A cold person (base 0): one of the last 1000 people or the next 10. */
static inline int64_t nx_cold_person(uint64_t *st, int64_t n)
{
    int64_t people = nx_last_person(n) + 1;
    int64_t active = people < NX_ACTIVE_PEOPLE ? people : NX_ACTIVE_PEOPLE;
    return people - active + nx_below(st, (uint64_t)(active + NX_ID_LEAD));
}

/* A price in cents, log-uniform from 100 to 100,000,000 (PriceGenerator). */
static inline int64_t nx_price(uint64_t *st)
{
    return (int64_t)floor(pow(10.0, nx_unit(st) * 6.0) * 100.0 + 0.5);
}

/* StringsGenerator.nextString(max, special) into out (room for max - 1
 * bytes): 3 + U[0, max-3) characters, each `special` with P 1/13 else a
 * letter, then trimmed of spaces.  One draw per character: its high 32 bits
 * decide special, its low 32 bits pick the letter.  Returns the length. */
static int nx_string(uint64_t *st, int max, char special, char *out)
{
    int len = 3 + (int)nx_below(st, (uint64_t)(max - 3));
    for (int i = 0; i < len; i++) {
        uint64_t r = nx_next(st);
        out[i] = ((r >> 32) * 13 >> 32) == 0 ? special : (char)('a' + (((r & 0xFFFFFFFFu) * 26) >> 32));
    }
    if (special != ' ') return len;
    int a = 0;
    while (a < len && out[a] == ' ') a++;
    while (len > a && out[len - 1] == ' ') len--;
    if (a > 0) memmove(out, out + a, (size_t)(len - a));
    return len - a;
}

/* StringsGenerator.nextExtra: a substring of the extra text whose length
 * makes the event's size avg on average (cur: the size of its other fields). */
static inline Value nx_extra(const NxSource *d, uint64_t *st, int cur, int avg)
{
    if (cur > avg) return (Value){.u.s = ""};
    int want = avg - cur;
    int delta = (int)floor(want * 0.2 + 0.5);
    int size = want - delta + (delta ? (int)nx_below(st, (uint64_t)(2 * delta)) : 0);
    int64_t off = nx_below(st, (uint64_t)(NX_EXTRA_LEN - size));
    return (Value){.u.s = d->extra + off, .len = (uint32_t)size};
}

/* The reference's url: https://www.nexmark.com/<s>/<s>/<s>/item.htm?query=1,
 * each s = nextString(5, '_').  Returns its length (out: >= 64 bytes). */
static int nx_base_url(uint64_t *st, char *out)
{
    static const char head[] = "https://www.nexmark.com/", tail[] = "item.htm?query=1";
    int k = (int)sizeof head - 1;
    memcpy(out, head, (size_t)k);
    for (int i = 0; i < 3; i++) {
        k += nx_string(st, 5, '_', out + k);
        out[k++] = '/';
    }
    memcpy(out + k, tail, sizeof tail - 1);
    return k + (int)sizeof tail - 1;
}

/* Integer.reverse then Math.abs on a Java int (abs(MIN_VALUE) stays negative). */
static int64_t nx_java_abs_reverse(uint32_t i)
{
    uint32_t r = 0;
    for (int b = 0; b < 32; b++) r |= ((i >> b) & 1u) << (31 - b);
    int32_t v = (int32_t)r;
    if (v < 0 && v != INT32_MIN) v = -v;
    return v;
}

/* Builds the channel names ("channel-i"), their urls (a base url, and
 * "&channel_id=..." with P 9/10) and the hot channels' urls into one buffer.
 * Returns WEIR_OK or WEIR_NOMEM. */
static int nx_build_channels(NxSource *d)
{
    size_t cap = (size_t)NX_CHANNELS * (16 + 96) + NX_HOT_CHANNELS * 64;
    d->chan_text = malloc(cap);
    if (!d->chan_text) return WEIR_NOMEM;
    char *p = d->chan_text;
    for (int i = 0; i < NX_CHANNELS; i++) {
        int n = snprintf(p, 16, "channel-%d", i);
        d->chan_name[i] = (Value){.u.s = p, .len = (uint32_t)n};
        p += n;
        uint64_t st = nx_stream(d, S_CHANNEL_URL, i);
        n = nx_base_url(&st, p);
        if (nx_below(&st, 10) > 0)
            n += snprintf(p + n, 32, "&channel_id=%lld", (long long)nx_java_abs_reverse((uint32_t)i));
        d->chan_url[i] = (Value){.u.s = p, .len = (uint32_t)n};
        p += n;
    }
    for (int i = 0; i < NX_HOT_CHANNELS; i++) {
        d->hot_name[i] = (Value){.u.s = nx_hot_channels[i], .len = (uint32_t)strlen(nx_hot_channels[i])};
        uint64_t st = nx_stream(d, S_HOT_URL, i);
        int n = nx_base_url(&st, p);
        d->hot_url[i] = (Value){.u.s = p, .len = (uint32_t)n};
        p += n;
    }
    return WEIR_OK;
}

/* The 1 MiB extra text: lower-case letters, 8 per draw (one per byte). */
static int nx_build_extra(NxSource *d)
{
    d->extra = malloc(NX_EXTRA_LEN);
    if (!d->extra) return WEIR_NOMEM;
    uint64_t st = nx_stream(d, S_EXTRA_TEXT, 0);
    for (int i = 0; i < NX_EXTRA_LEN; i += 8) {
        uint64_t r = nx_next(&st);
        for (int j = 0; j < 8; j++, r >>= 8) d->extra[i + j] = (char)('a' + (((r & 0xFF) * 26) >> 8));
    }
    return WEIR_OK;
}

/* ---- per-event field values (used by the column fillers) -------------------- */

/* Person name: FIRST[U11] + " " + LAST[U9], as an index into d->names. */
static inline int nx_person_name(const NxSource *d, int64_t n)
{
    uint64_t st = nx_stream(d, S_PE_NAME, n);
    int f = (int)nx_below(&st, NX_N(nx_first));
    return f * NX_N(nx_last) + (int)nx_below(&st, NX_N(nx_last));
}

/* Email nextString(7)@nextString(5).com into out (>= 16 bytes); its length. */
static int nx_person_email(const NxSource *d, int64_t n, char *out)
{
    uint64_t st = nx_stream(d, S_PE_EMAIL, n);
    int k = nx_string(&st, 7, ' ', out);
    out[k++] = '@';
    k += nx_string(&st, 5, ' ', out + k);
    memcpy(out + k, ".com", 4);
    return k + 4;
}

/* Credit card: four groups %04d, space separated (19 bytes into out). */
static void nx_person_card(const NxSource *d, int64_t n, char *out)
{
    uint64_t st = nx_stream(d, S_PE_CARD, n);
    for (int g = 0; g < 4; g++) {
        int v = (int)nx_below(&st, 10000);
        char *q = out + g * 5;
        q[0] = (char)('0' + v / 1000), q[1] = (char)('0' + v / 100 % 10);
        q[2] = (char)('0' + v / 10 % 10), q[3] = (char)('0' + v % 10);
        if (g < 3) q[4] = ' ';
    }
}

static inline int nx_person_city(const NxSource *d, int64_t n)
{
    uint64_t st = nx_stream(d, S_PE_CITY, n);
    return (int)nx_below(&st, NX_N(nx_cities));
}

static inline int nx_person_state(const NxSource *d, int64_t n)
{
    uint64_t st = nx_stream(d, S_PE_STATE, n);
    return (int)nx_below(&st, NX_N(nx_states));
}

/* itemName = nextString(20), description = nextString(100) into out. */
static inline int nx_auction_item(const NxSource *d, int64_t n, char *out)
{
    uint64_t st = nx_stream(d, S_AU_ITEMNAME, n);
    return nx_string(&st, 20, ' ', out);
}

static inline int nx_auction_desc(const NxSource *d, int64_t n, char *out)
{
    uint64_t st = nx_stream(d, S_AU_DESC, n);
    return nx_string(&st, 100, ' ', out);
}

/* ---- filling columns ------------------------------------------------------------ */

/* Fills column `col` (model column c) of rows [r0, r0+nr) of b, row i being
 * event ev[i].  Returns WEIR_OK or WEIR_NOMEM (the text arena). */
static int nx_fill(const NxSource *d, NxCol c, Batch *b, int col, int r0, int nr)
{
    const int64_t *ev = d->ev;
    int nc = b->ncols;
    Value *v = b->vals + (size_t)r0 * (size_t)nc + col;
    uint64_t st;
    char *p = NULL;
    char tmp[128];
    switch (c) {
    case BID_AUCTION:
        for (int i = 0; i < nr; i++, v += nc) {
            int64_t n = ev[i], last = nx_last_auction(n), a;
            st = nx_stream(d, S_BID_AUCTION, n);
            if (nx_below(&st, NX_HOT_AUCTION_RATIO) > 0) {
                a = last / NX_HOT_BATCH * NX_HOT_BATCH;
            } else {
                int64_t lo = last - NX_IN_FLIGHT_AUCTIONS > 0 ? last - NX_IN_FLIGHT_AUCTIONS : 0;
                a = lo + nx_below(&st, (uint64_t)(last - lo + 1 + NX_ID_LEAD));
            }
            *v = (Value){.u.i = a + NX_FIRST_AUCTION_ID};
        }
        break;
    case BID_BIDDER:
        for (int i = 0; i < nr; i++, v += nc) {
            int64_t n = ev[i], p0;
            st = nx_stream(d, S_BID_BIDDER, n);
            if (nx_below(&st, NX_HOT_BIDDERS_RATIO) > 0)
                p0 = nx_last_person(n) / NX_HOT_BATCH * NX_HOT_BATCH + 1;
            else
                p0 = nx_cold_person(&st, n);
            *v = (Value){.u.i = p0 + NX_FIRST_PERSON_ID};   /* once: see the header */
        }
        break;
    case BID_PRICE:
        for (int i = 0; i < nr; i++, v += nc) {
            st = nx_stream(d, S_BID_PRICE, ev[i]);
            *v = (Value){.u.i = nx_price(&st)};
        }
        break;
    case BID_CHANNEL:
    case BID_URL: {
        /* nx_next_batch drew each row's channel once into d->chan */
        const Value *hot = c == BID_CHANNEL ? d->hot_name : d->hot_url;
        const Value *cold = c == BID_CHANNEL ? d->chan_name : d->chan_url;
        for (int i = 0; i < nr; i++, v += nc) *v = d->chan[i] < 0 ? hot[-1 - d->chan[i]] : cold[d->chan[i]];
        break;
    }
    case BID_EXTRA:
        for (int i = 0; i < nr; i++, v += nc) {
            st = nx_stream(d, S_BID_EXTRA, ev[i]);
            *v = nx_extra(d, &st, 8 + 8 + 8 + 8, NX_AVG_BID);
        }
        break;
    case BID_DATETIME:
    case AU_DATETIME:
    case PE_DATETIME:
        for (int i = 0; i < nr; i++, v += nc) *v = (Value){.u.i = nx_time(d, ev[i])};
        break;

    case AU_ID:
        for (int i = 0; i < nr; i++, v += nc)
            *v = (Value){.u.i = nx_last_auction(ev[i]) + NX_FIRST_AUCTION_ID};
        break;
    case AU_SELLER:
        for (int i = 0; i < nr; i++, v += nc) {
            int64_t n = ev[i], p0;
            st = nx_stream(d, S_AU_SELLER, n);
            if (nx_below(&st, NX_HOT_SELLERS_RATIO) > 0)
                p0 = nx_last_person(n) / NX_HOT_BATCH * NX_HOT_BATCH;
            else
                p0 = nx_cold_person(&st, n);
            *v = (Value){.u.i = p0 + NX_FIRST_PERSON_ID};
        }
        break;
    case AU_CATEGORY:
        for (int i = 0; i < nr; i++, v += nc) {
            st = nx_stream(d, S_AU_CATEGORY, ev[i]);
            *v = (Value){.u.i = NX_FIRST_CATEGORY_ID + nx_below(&st, NX_NUM_CATEGORIES)};
        }
        break;
    case AU_INITIALBID:
    case AU_RESERVE:
        for (int i = 0; i < nr; i++, v += nc) {
            st = nx_stream(d, S_AU_PRICE, ev[i]);
            int64_t x = nx_price(&st);
            if (c == AU_RESERVE) x += nx_price(&st);
            *v = (Value){.u.i = x};
        }
        break;
    case AU_EXPIRES:
        for (int i = 0; i < nr; i++, v += nc) {
            int64_t n = ev[i], t = nx_time(d, n);
            /* the time until numInFlightAuctions more auctions: 100 * 50 / 3 events */
            int64_t horizon = nx_time(d, n + NX_IN_FLIGHT_AUCTIONS * NX_TOTAL_PROP / NX_AUCTION_PROP) - t;
            int64_t span = 2 * horizon > 1 ? 2 * horizon : 1;
            st = nx_stream(d, S_AU_EXPIRES, n);
            *v = (Value){.u.i = t + 1 + nx_below(&st, (uint64_t)span)};
        }
        break;
    case AU_ITEMNAME:
    case AU_DESCRIPTION: {
        int max = c == AU_ITEMNAME ? 20 : 100;
        if (!(p = arena_alloc(&b->text, (size_t)nr * (size_t)max))) return WEIR_NOMEM;
        for (int i = 0; i < nr; i++, v += nc) {
            int len = c == AU_ITEMNAME ? nx_auction_item(d, ev[i], p) : nx_auction_desc(d, ev[i], p);
            *v = (Value){.u.s = p, .len = (uint32_t)len};
            p += len;
        }
        break;
    }
    case AU_EXTRA:
        for (int i = 0; i < nr; i++, v += nc) {
            int64_t n = ev[i];
            int cur = 8 + nx_auction_item(d, n, tmp) + nx_auction_desc(d, n, tmp) + 8 * 5;
            st = nx_stream(d, S_AU_EXTRA, n);
            *v = nx_extra(d, &st, cur, NX_AVG_AUCTION);
        }
        break;

    case PE_ID:
        for (int i = 0; i < nr; i++, v += nc)
            *v = (Value){.u.i = nx_last_person(ev[i]) + NX_FIRST_PERSON_ID};
        break;
    case PE_NAME:
        for (int i = 0; i < nr; i++, v += nc) {
            int k = nx_person_name(d, ev[i]);
            *v = (Value){.u.s = d->names[k], .len = d->name_len[k]};
        }
        break;
    case PE_EMAIL:
        if (!(p = arena_alloc(&b->text, (size_t)nr * 16))) return WEIR_NOMEM;
        for (int i = 0; i < nr; i++, v += nc) {
            int len = nx_person_email(d, ev[i], p);
            *v = (Value){.u.s = p, .len = (uint32_t)len};
            p += len;
        }
        break;
    case PE_CREDITCARD:
        if (!(p = arena_alloc(&b->text, (size_t)nr * 19))) return WEIR_NOMEM;
        for (int i = 0; i < nr; i++, v += nc, p += 19) {
            nx_person_card(d, ev[i], p);
            *v = (Value){.u.s = p, .len = 19};
        }
        break;
    case PE_CITY:
        for (int i = 0; i < nr; i++, v += nc) {
            const char *s = nx_cities[nx_person_city(d, ev[i])];
            *v = (Value){.u.s = s, .len = (uint32_t)strlen(s)};
        }
        break;
    case PE_STATE:
        for (int i = 0; i < nr; i++, v += nc) *v = (Value){.u.s = nx_states[nx_person_state(d, ev[i])], .len = 2};
        break;
    case PE_EXTRA:
        for (int i = 0; i < nr; i++, v += nc) {
            int64_t n = ev[i];
            int cur = 8 + (int)d->name_len[nx_person_name(d, n)] + nx_person_email(d, n, tmp) + 19 +
                      (int)strlen(nx_cities[nx_person_city(d, n)]) + 2;
            st = nx_stream(d, S_PE_EXTRA, n);
            *v = nx_extra(d, &st, cur, NX_AVG_PERSON);
        }
        break;
    case NX_NCOLS:
        break;
    }
    return WEIR_OK;
}

/* Draws the channel of bids ev[0..nr) into d->chan: hot (P 1/2) -1-h for one
 * of the 4 hot channels, else one of the 10,000 others.  Channel and url
 * columns both read it. */
static void nx_channels(NxSource *d, int nr)
{
    for (int i = 0; i < nr; i++) {
        uint64_t st = nx_stream(d, S_BID_CHANNEL, d->ev[i]);
        if (nx_below(&st, 2) > 0) d->chan[i] = (int16_t)(-1 - nx_below(&st, NX_HOT_CHANNELS));
        else d->chan[i] = (int16_t)nx_below(&st, NX_CHANNELS);
    }
}

/* Source.next: the rows of the source's kind among the next events (up to
 * the free rows of b, the events limit and, throttled, the events due now). */
static int nx_next_batch(Source *src, Batch *b, WeirError *err)
{
    NxSource *d = (NxSource *)src;
    if ((d->limit >= 0 && d->next_ev >= d->limit) || d->next_ev >= d->time_cap) return WEIR_DONE;
    int want = b->cap - b->nrows;
    if (want <= 0) return WEIR_OK;
    int64_t end = d->limit >= 0 ? d->limit : INT64_MAX;   /* events to look at: [next_ev, end) */
    if (end > d->time_cap) end = d->time_cap;
    if (d->thr.rate > 0) {
        int64_t due = throttle_due(&d->thr, d->next_ev);
        if (due < 0) return WEIR_PENDING;
        if (due < end) end = due;
    }
    if (want > d->ev_cap) {
        int64_t *ev = realloc(d->ev, sizeof *ev * (size_t)want);
        if (!ev) return err_set(err, WEIR_NOMEM, "out of memory");
        d->ev = ev;
        int16_t *ch = realloc(d->chan, sizeof *ch * (size_t)want);
        if (!ch) return err_set(err, WEIR_NOMEM, "out of memory");
        d->chan = ch;
        d->ev_cap = want;
    }
    /* gather the event numbers of this batch's rows */
    int nr = 0;
    int64_t n = d->next_ev;
    int64_t rem = n % NX_TOTAL_PROP;
    int64_t lo = d->table == NX_PERSON ? 0 : d->table == NX_AUCTION ? NX_PERSON_PROP
                                                                    : NX_PERSON_PROP + NX_AUCTION_PROP;
    int64_t hi = d->table == NX_PERSON ? NX_PERSON_PROP
                 : d->table == NX_AUCTION ? NX_PERSON_PROP + NX_AUCTION_PROP
                                          : NX_TOTAL_PROP;
    while (nr < want && n < end) {
        if (rem < lo) {           /* jump to the first event of the kind in this epoch */
            int64_t step = lo - rem;
            n = end - n < step ? end : n + step;
            rem = lo;
            continue;
        }
        if (rem >= hi) {          /* jump to the next epoch */
            int64_t step = NX_TOTAL_PROP - rem;
            n = end - n < step ? end : n + step;
            rem = 0;
            continue;
        }
        d->ev[nr++] = n++;
        rem++;
    }
    d->next_ev = n;
    if (d->has_chan) nx_channels(d, nr);
    int r0 = b->nrows;
    for (int c = 0; c < d->ncols; c++)
        if (nx_fill(d, d->cols[c], b, c, r0, nr) != WEIR_OK)
            return err_set(err, WEIR_NOMEM, "out of memory");
    for (int r = 0; r < nr; r++) {
        b->pos[r0 + r] = d->ev[r] + 1;
        b->wm[r0 + r] = TS_MIN;
    }
    b->nrows += nr;
    src->rows_read += nr;
    if ((d->limit >= 0 && d->next_ev >= d->limit) || d->next_ev >= d->time_cap) return WEIR_DONE;
    if (nr == 0 && d->thr.rate > 0) return WEIR_PENDING;   /* throttled: no row of ours was due */
    return WEIR_OK;
}

static void nx_close(Source *src)
{
    NxSource *d = (NxSource *)src;
    if (!d) return;
    free(d->cols);
    free(d->ev);
    free(d->chan);
    free(d->extra);
    free(d->chan_text);
    free(d);
}

/* ---- checkpoints ------------------------------------------------------------------ */

/* Where the source stands between batches: the next event number (the values
 * of every event follow from it, the seed and the options, which the job's
 * fingerprint pins); the table and limit are written to catch a mismatch. */
static int nx_save_pos(Source *src, SnapWriter *w, WeirError *err)
{
    (void)err;
    NxSource *d = (NxSource *)src;
    snap_put_u32(w, (uint32_t)d->table);
    snap_put_i64(w, d->limit);
    snap_put_i64(w, d->next_ev);
    return WEIR_OK;
}

/* Puts a freshly opened source where nx_save_pos left one.  The throttle's
 * clock restarts as if the events so far had been due until now. */
static int nx_restore_pos(Source *src, SnapReader *r, WeirError *err)
{
    NxSource *d = (NxSource *)src;
    uint32_t table = snap_get_u32(r);
    int64_t limit = snap_get_i64(r), next = snap_get_i64(r);
    if (!snap_ok(r) || table != (uint32_t)d->table || limit != d->limit || next < 0 ||
        (d->limit >= 0 && next > d->limit))
        return err_set(err, WEIR_IOERR, "source \"%s\": damaged checkpoint position", src->name);
    d->next_ev = next;
    throttle_resume(&d->thr, next);
    return WEIR_OK;
}

static const SourceVtab nx_vtab = {nx_next_batch, nx_close, nx_save_pos, nx_restore_pos};

/* ---- options ------------------------------------------------------------------------ */

/* Reads and checks every option into d; *seed gets the seed. */
static int nx_read_options(const SourceSpec *spec, NxSource *d, uint64_t *seed, WeirError *err)
{
    static const char *const known[] = {"connector", "nexmark.table", "events", "events-per-second",
                                        "seed", "nexmark.event-time-rate", "nexmark.base-time",
                                        "format", "on_error"};
    for (int i = 0; i < spec->nopts; i++) {
        bool ok = false;
        for (size_t k = 0; k < sizeof known / sizeof known[0]; k++) ok |= !strcmp(spec->opt_keys[i], known[k]);
        if (!ok)
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": unknown nexmark option '%s' (expected nexmark.table, "
                           "events, events-per-second, seed, nexmark.event-time-rate or "
                           "nexmark.base-time)",
                           spec->name, spec->opt_keys[i]);
    }
    const char *v = source_option(spec, "nexmark.table");
    int t = -1;
    for (int k = 0; v && k < 3; k++)
        if (strcasecmp(v, nx_table_names[k]) == 0) t = k;
    if (t < 0)
        return err_set(err, WEIR_ERROR,
                       v ? "source \"%s\": nexmark.table must be 'bid', 'auction' or 'person', not \"%s\""
                         : "source \"%s\": the nexmark connector needs nexmark.table = 'bid', "
                           "'auction' or 'person'%s",
                       spec->name, v ? v : "");
    d->table = (NxTable)t;
    int64_t x;
    d->limit = -1;
    if ((v = source_option(spec, "events"))) {
        if (!source_parse_int(v, strlen(v), &x) || x < 0)
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": events must be a non-negative integer, not \"%s\"",
                           spec->name, v);
        d->limit = x;
    }
    if ((v = source_option(spec, "events-per-second"))) {
        double r;
        if (!fmt_parse_double(v, strlen(v), &r) || !(r > 0) || !isfinite(r))
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": events-per-second must be a positive number, not \"%s\"",
                           spec->name, v);
        d->thr.rate = r;
    }
    *seed = 0;
    if ((v = source_option(spec, "seed"))) {
        if (!source_parse_int(v, strlen(v), &x))
            return err_set(err, WEIR_ERROR, "source \"%s\": seed must be an integer, not \"%s\"",
                           spec->name, v);
        *seed = (uint64_t)x;
    }
    double etr = NX_DEFAULT_RATE;
    if ((v = source_option(spec, "nexmark.event-time-rate"))) {
        if (!fmt_parse_double(v, strlen(v), &etr) || !(etr > 0) || !isfinite(etr))
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": nexmark.event-time-rate must be a positive number of "
                           "events per second, not \"%s\"",
                           spec->name, v);
    }
    d->delay_us = 1e6 / etr;
    d->base_time = NX_DEFAULT_BASE;
    if ((v = source_option(spec, "nexmark.base-time"))) {
        if (time_parse_iso(v, strlen(v), &d->base_time) != 0 && !source_parse_int(v, strlen(v), &d->base_time))
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": nexmark.base-time must be a timestamp "
                           "('YYYY-MM-DD HH:MM:SS[.fff]') or epoch milliseconds, not \"%s\"",
                           spec->name, v);
        if (!ts_valid(d->base_time))
            return err_set(err, WEIR_ERROR, "source \"%s\": nexmark.base-time \"%s\" " TS_RANGE_MSG,
                           spec->name, v);
    }
    d->time_cap = nx_time_cap(d);
    return WEIR_OK;
}

/* Matches the declared columns to the table's, by name (case-insensitively)
 * and type; fills d->cols. */
static int nx_match_columns(const SourceSpec *spec, NxSource *d, WeirError *err)
{
    const char *tn = nx_table_names[d->table];
    for (int i = 0; i < spec->ncols; i++) {
        const SourceColumn *sc = &spec->cols[i];
        int m = -1;
        for (int c = 0; c < NX_NCOLS && m < 0; c++)
            if (nx_cols[c].table == d->table && strcasecmp(nx_cols[c].name, sc->name) == 0) m = c;
        if (m < 0) {
            char list[160] = "";
            size_t k = 0;
            for (int c = 0; c < NX_NCOLS; c++)
                if (nx_cols[c].table == d->table)
                    k += (size_t)snprintf(list + k, sizeof list - k, "%s%s", k ? ", " : "", nx_cols[c].name);
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": column \"%s\" is not a column of the nexmark table %s "
                           "(its columns: %s)",
                           spec->name, sc->name, tn, list);
        }
        if (sc->type != nx_cols[m].type)
            return err_set(err, WEIR_ERROR,
                           "source \"%s\": column \"%s\" of the nexmark table %s is %s, not %s",
                           spec->name, sc->name, tn, type_name(nx_cols[m].type),
                           type_name(sc->type));
        d->cols[i] = (NxCol)m;
    }
    return WEIR_OK;
}

/* Opens a nexmark source over spec.  Returns WEIR_OK with *out (freed by its
 * close), WEIR_ERROR naming the bad option or column, or WEIR_NOMEM. */
int source_nexmark_open(const SourceSpec *spec, Source **out, WeirError *err)
{
    *out = NULL;
    NxSource *d = calloc(1, sizeof *d);
    if (!d) return err_set(err, WEIR_NOMEM, "out of memory");
    d->base.vt = &nx_vtab;
    d->base.name = spec->name;
    d->base.pos_label = "event";
    d->base.pos_sep = ' ';
    d->ncols = spec->ncols;
    d->cols = calloc((size_t)(spec->ncols > 0 ? spec->ncols : 1), sizeof *d->cols);
    uint64_t seed = 0;
    int rc = d->cols ? WEIR_OK : err_set(err, WEIR_NOMEM, "out of memory");
    if (rc == WEIR_OK) rc = nx_read_options(spec, d, &seed, err);
    if (rc == WEIR_OK) rc = nx_match_columns(spec, d, err);
    if (rc == WEIR_OK) {
        /* one key per stream: splitmix64 draws from the seed */
        uint64_t s = seed;
        for (int k = 0; k < NX_NSTREAMS; k++) d->key[k] = nx_next(&s);
        bool chan = false, extra = false;
        for (int i = 0; i < d->ncols; i++) {
            chan |= d->cols[i] == BID_CHANNEL || d->cols[i] == BID_URL;
            extra |= d->cols[i] == BID_EXTRA || d->cols[i] == AU_EXTRA || d->cols[i] == PE_EXTRA;
        }
        d->has_chan = chan;
        if ((chan && nx_build_channels(d)) || (extra && nx_build_extra(d)))
            rc = err_set(err, WEIR_NOMEM, "out of memory");
        for (int f = 0; f < NX_N(nx_first); f++)
            for (int l = 0; l < NX_N(nx_last); l++) {
                int k = f * NX_N(nx_last) + l;
                d->name_len[k] = (uint32_t)snprintf(d->names[k], sizeof d->names[k], "%s %s",
                                                    nx_first[f], nx_last[l]);
            }
    }
    if (rc != WEIR_OK) {
        nx_close(&d->base);
        return rc;
    }
    d->base.unbounded = d->limit < 0;
    *out = &d->base;
    return WEIR_OK;
}
