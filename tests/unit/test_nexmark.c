/*
 * test_nexmark.c - the 'nexmark' connector (runtime/connector_nexmark.c),
 * driven through source_open with hand-built SourceSpecs: the Person : Auction
 * : Bid proportions, ids by the reference's lastBase0 formulas, hot auction /
 * bidder / seller rates, prices, strings and extra sizes, event time,
 * determinism across runs, batch sizes and declared columns, one consistent
 * stream across sources, save_pos / restore_pos, and the errors.
 *
 * Row positions (Batch.pos) are the event number + 1 (the connector's header
 * says so), which is how these tests know each row's event number.  The exact
 * values are checked against an independent Python model by
 * tests/nexmark/check_model.py; here the model's properties are checked.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "snapshot.h"
#include "source.h"
#include "weir.h"

#define MAXOPT 16
#define MAXCOL 10

typedef struct Spec {
    SourceSpec s;
    SourceColumn cols[MAXCOL];
    const char *keys[MAXOPT], *vals[MAXOPT];
} Spec;

/* A nexmark spec over table with ncols columns and options as key, value
 * pairs ending in NULL. */
static void spec_init(Spec *sp, const char *table, int ncols, const SourceColumn *cols, ...)
{
    memset(sp, 0, sizeof *sp);
    memcpy(sp->cols, cols, sizeof(SourceColumn) * (size_t)ncols);
    va_list ap;
    va_start(ap, cols);
    int n = 0;
    sp->keys[n] = "connector", sp->vals[n++] = "nexmark";
    if (table) sp->keys[n] = "nexmark.table", sp->vals[n++] = table;
    for (const char *k; (k = va_arg(ap, const char *));) {
        sp->keys[n] = k;
        sp->vals[n++] = va_arg(ap, const char *);
    }
    va_end(ap);
    sp->s = (SourceSpec){.name = "nx", .connector = "nexmark", .ncols = ncols, .cols = sp->cols,
                         .nopts = n, .opt_keys = sp->keys, .opt_values = sp->vals, .base_dir = ""};
}

static const SourceColumn BID[7] = {{"auction", TYPE_BIGINT}, {"bidder", TYPE_BIGINT},
                                    {"price", TYPE_BIGINT},   {"channel", TYPE_VARCHAR},
                                    {"url", TYPE_VARCHAR},    {"dateTime", TYPE_TIMESTAMP},
                                    {"extra", TYPE_VARCHAR}};
static const SourceColumn AUCTION[10] = {
    {"id", TYPE_BIGINT},         {"itemName", TYPE_VARCHAR}, {"description", TYPE_VARCHAR},
    {"initialBid", TYPE_BIGINT}, {"reserve", TYPE_BIGINT},   {"dateTime", TYPE_TIMESTAMP},
    {"expires", TYPE_TIMESTAMP}, {"seller", TYPE_BIGINT},    {"category", TYPE_BIGINT},
    {"extra", TYPE_VARCHAR}};
static const SourceColumn PERSON[8] = {
    {"id", TYPE_BIGINT},    {"name", TYPE_VARCHAR},  {"emailAddress", TYPE_VARCHAR},
    {"creditCard", TYPE_VARCHAR}, {"city", TYPE_VARCHAR}, {"state", TYPE_VARCHAR},
    {"dateTime", TYPE_TIMESTAMP}, {"extra", TYPE_VARCHAR}};

/* Rows pulled from a source: values copied (VARCHAR bytes into text), and
 * each row's event number. */
typedef struct Rows {
    int ncols, n;
    Value *v;
    int64_t *ev;
    Arena text;
    int last_rc;
} Rows;

/* Pulls at most max rows from src in batches of cap rows, to WEIR_DONE. */
static Rows pull_from(Source *src, const Spec *sp, int cap, int max)
{
    Rows r = {.ncols = sp->s.ncols};
    arena_init(&r.text);
    r.v = calloc((size_t)max * (size_t)r.ncols + 1, sizeof(Value));
    r.ev = calloc((size_t)max + 1, sizeof(int64_t));
    WeirError err = {0};
    Batch b;
    cr_assert_eq(batch_init(&b, r.ncols, cap), WEIR_OK);
    while (r.n < max) {
        batch_reset(&b);
        if (b.cap > max - r.n) b.cap = max - r.n;
        int rc = src->vt->next(src, &b, &err);
        cr_assert(rc == WEIR_OK || rc == WEIR_DONE || rc == WEIR_PENDING, "next: %d %s", rc, err.msg);
        for (int i = 0; i < b.nrows; i++, r.n++) {
            r.ev[r.n] = b.pos[i] - 1;
            for (int c = 0; c < r.ncols; c++) {
                Value v = batch_row(&b, i)[c];
                if (sp->cols[c].type == TYPE_VARCHAR) v.u.s = arena_strndup(&r.text, v.u.s, v.len);
                r.v[(size_t)r.n * (size_t)r.ncols + (size_t)c] = v;
            }
        }
        r.last_rc = rc;
        if (rc == WEIR_DONE) break;
    }
    b.cap = cap;
    batch_free(&b);
    return r;
}

static Source *open_ok(const Spec *sp)
{
    Source *src;
    WeirError err = {0};
    int rc = source_open(&sp->s, &src, &err);
    cr_assert_eq(rc, WEIR_OK, "open: %s", err.msg);
    return src;
}

static Rows pull(const Spec *sp, int cap, int max)
{
    Source *src = open_ok(sp);
    Rows r = pull_from(src, sp, cap, max);
    src->vt->close(src);
    return r;
}

static Value at(const Rows *r, int row, int col) { return r->v[(size_t)row * (size_t)r->ncols + (size_t)col]; }

static void rows_free(Rows *r)
{
    free(r->v);
    free(r->ev);
    arena_free(&r->text);
}

static bool same_rows(const Rows *a, const Rows *b, const SourceColumn *cols)
{
    if (a->n != b->n || a->ncols != b->ncols) return false;
    for (int i = 0; i < a->n; i++) {
        if (a->ev[i] != b->ev[i]) return false;
        for (int c = 0; c < a->ncols; c++) {
            Value x = at(a, i, c), y = at(b, i, c);
            if (cols[c].type == TYPE_VARCHAR) {
                if (x.len != y.len || memcmp(x.u.s, y.u.s, x.len)) return false;
            } else if (x.u.i != y.u.i) {
                return false;
            }
        }
    }
    return true;
}

/* The reference's formulas (GeneratorConfig 1:3:46), written out again. */
static int64_t last_person(int64_t n) { return n / 50; }
static int64_t last_auction(int64_t n)
{
    int64_t e = n / 50, o = n % 50;
    if (o < 1) return (e - 1) * 3 + 2;
    if (o >= 4) return e * 3 + 2;
    return e * 3 + o - 1;
}

/* Opens spec expecting WEIR_ERROR whose message contains want. */
static void open_fails(const Spec *sp, const char *want)
{
    Source *src = NULL;
    WeirError err = {0};
    int rc = source_open(&sp->s, &src, &err);
    cr_assert_eq(rc, WEIR_ERROR, "expected an error mentioning %s", want);
    cr_assert_null(src);
    cr_assert(strstr(err.msg, want), "message \"%s\" lacks \"%s\"", err.msg, want);
}

Test(nexmark, proportions_1_3_46)
{
    static const char *const tables[3] = {"person", "auction", "bid"};
    static const int per50[3] = {1, 3, 46};
    static const SourceColumn id_cols[3][1] = {{{"id", TYPE_BIGINT}}, {{"id", TYPE_BIGINT}},
                                               {{"price", TYPE_BIGINT}}};
    for (int t = 0; t < 3; t++) {
        Spec sp;
        spec_init(&sp, tables[t], 1, id_cols[t], "events", "50", NULL);
        Rows r = pull(&sp, 1024, 100000);
        cr_assert_eq(r.n, per50[t], "%s over 50 events: %d", tables[t], r.n);
        cr_assert_eq(r.last_rc, WEIR_DONE);
        rows_free(&r);
        spec_init(&sp, tables[t], 1, id_cols[t], "events", "5000", NULL);
        r = pull(&sp, 100, 100000);
        cr_assert_eq(r.n, per50[t] * 100, "%s over 5000 events: %d", tables[t], r.n);
        for (int i = 0; i < r.n; i++) {
            int64_t o = r.ev[i] % 50;
            cr_assert(t == 0 ? o == 0 : t == 1 ? o >= 1 && o <= 3 : o >= 4, "event %lld is not a %s",
                      (long long)r.ev[i], tables[t]);
        }
        rows_free(&r);
    }
    /* a cut inside an epoch: 37 events are 1 person, 3 auctions, 33 bids */
    Spec sp;
    spec_init(&sp, "bid", 1, BID, "events", "37", NULL);
    Rows r = pull(&sp, 1024, 1000);
    cr_assert_eq(r.n, 33);
    cr_assert_eq(r.ev[0], 4);
    cr_assert_eq(r.ev[32], 36);
    rows_free(&r);
}

Test(nexmark, ids_follow_last_base0)
{
    Spec sp;
    spec_init(&sp, "person", 1, PERSON, "events", "20000", NULL);
    Rows p = pull(&sp, 1024, 100000);
    cr_assert_eq(p.n, 400);
    for (int i = 0; i < p.n; i++) cr_assert_eq(at(&p, i, 0).u.i, 1000 + i);
    cr_assert_eq(p.ev[150], 7500);
    cr_assert_eq(at(&p, 150, 0).u.i, 1000 + last_person(7500));
    rows_free(&p);

    spec_init(&sp, "auction", 1, AUCTION, "events", "20000", NULL);
    Rows a = pull(&sp, 1024, 100000);
    cr_assert_eq(a.n, 1200);
    for (int i = 0; i < a.n; i++) {
        cr_assert_eq(at(&a, i, 0).u.i, 1000 + i);
        cr_assert_eq(at(&a, i, 0).u.i, 1000 + last_auction(a.ev[i]));
    }
    /* chosen events: 51, 52, 53 are auctions 1003..1005; 9953 is 1000 + 199*3 + 2 */
    cr_assert_eq(a.ev[3], 51);
    cr_assert_eq(at(&a, 5, 0).u.i, 1005);
    cr_assert_eq(a.ev[599], 9953);
    cr_assert_eq(at(&a, 599, 0).u.i, 1599);
    rows_free(&a);
    cr_assert_eq(last_auction(0), -1);
    cr_assert_eq(last_auction(4), 2);
    cr_assert_eq(last_auction(100), 5);
}

Test(nexmark, hot_rates)
{
    /* 100,000 events: 92,000 bids, 6,000 auctions */
    static const SourceColumn cols[2] = {{"auction", TYPE_BIGINT}, {"bidder", TYPE_BIGINT}};
    Spec sp;
    spec_init(&sp, "bid", 2, cols, "events", "100000", "seed", "3", NULL);
    Rows r = pull(&sp, 1024, 200000);
    cr_assert_eq(r.n, 92000);
    int hot_a = 0, hot_b = 0;
    for (int i = 0; i < r.n; i++) {
        int64_t n = r.ev[i], a = at(&r, i, 0).u.i - 1000, b = at(&r, i, 1).u.i - 1000;
        int64_t la = last_auction(n), lp = last_person(n);
        hot_a += a == la / 100 * 100;
        hot_b += b == lp / 100 * 100 + 1;
        /* cold picks: the last 100 auctions or the next 10; people likewise */
        cr_assert(a >= (la > 100 ? la - 100 : 0) && a <= la + 10, "auction %lld at event %lld",
                  (long long)a, (long long)n);
        int64_t people = lp + 1, active = people < 1000 ? people : 1000;
        cr_assert(b >= people - active && b < people + 10, "bidder %lld at event %lld", (long long)b,
                  (long long)n);
    }
    /* P(hot) = 1/2 and 3/4, plus cold picks that land on the hot id (1/111, 1/1010) */
    double ra = (double)hot_a / r.n, rb = (double)hot_b / r.n;
    cr_assert(fabs(ra - (0.5 + 0.5 / 111)) < 0.01, "hot auction rate %f", ra);
    cr_assert(fabs(rb - 0.75) < 0.01, "hot bidder rate %f", rb);
    rows_free(&r);

    static const SourceColumn scol[2] = {{"seller", TYPE_BIGINT}, {"category", TYPE_BIGINT}};
    spec_init(&sp, "auction", 2, scol, "events", "100000", "seed", "3", NULL);
    r = pull(&sp, 1024, 200000);
    cr_assert_eq(r.n, 6000);
    int hot_s = 0, cat[5] = {0};
    for (int i = 0; i < r.n; i++) {
        hot_s += at(&r, i, 0).u.i - 1000 == last_person(r.ev[i]) / 100 * 100;
        int64_t c = at(&r, i, 1).u.i;
        cr_assert(c >= 10 && c < 15, "category %lld", (long long)c);
        cat[c - 10]++;
    }
    cr_assert(fabs((double)hot_s / r.n - 0.75) < 0.03, "hot seller rate %f", (double)hot_s / r.n);
    for (int k = 0; k < 5; k++) cr_assert(cat[k] > 1000 && cat[k] < 1400, "category %d: %d", k, cat[k]);
    rows_free(&r);
}

Test(nexmark, prices_and_channels)
{
    Spec sp;
    spec_init(&sp, "bid", 7, BID, "events", "50000", "seed", "11", NULL);
    Rows r = pull(&sp, 1024, 100000);
    int below_median = 0, hot = 0, below_1k = 0;
    const char *hot_url[4] = {0};
    static const char *const hot_names[4] = {"Google", "Facebook", "Baidu", "Apple"};
    for (int i = 0; i < r.n; i++) {
        int64_t p = at(&r, i, 2).u.i;
        cr_assert(p >= 100 && p <= 100000000, "price %lld", (long long)p);
        below_median += p < 100000;   /* 10^(U*6) * 100 is below 10^3 * 100 half the time */
        below_1k += p < 1000;         /* and below 10^1 * 100 a sixth of the time */
        Value ch = at(&r, i, 3), url = at(&r, i, 4);
        cr_assert(url.len > 40 && !memcmp(url.u.s, "https://www.nexmark.com/", 24));
        int h = -1;
        for (int k = 0; k < 4; k++)
            if (ch.len == strlen(hot_names[k]) && !memcmp(ch.u.s, hot_names[k], ch.len)) h = k;
        if (h >= 0) {
            hot++;
            /* each hot channel has one url */
            if (!hot_url[h]) hot_url[h] = url.u.s;
            cr_assert(!strncmp(hot_url[h], url.u.s, url.len), "channel %s has two urls", hot_names[h]);
        } else {
            cr_assert(ch.len > 8 && !memcmp(ch.u.s, "channel-", 8));
        }
        /* the bid's extra pads 32 bytes to 100 +-20%: 54..81 */
        Value x = at(&r, i, 6);
        cr_assert(x.len >= 54 && x.len <= 81, "bid extra of %u bytes", x.len);
        for (uint32_t k = 0; k < x.len; k++) cr_assert(x.u.s[k] >= 'a' && x.u.s[k] <= 'z');
    }
    cr_assert(fabs((double)below_median / r.n - 0.5) < 0.02, "%d of %d below $1000", below_median, r.n);
    cr_assert(fabs((double)below_1k / r.n - 1.0 / 6) < 0.02, "%d of %d below $10", below_1k, r.n);
    cr_assert(fabs((double)hot / r.n - 0.5) < 0.02, "hot channel share %f", (double)hot / r.n);
    rows_free(&r);
}

Test(nexmark, auction_and_person_fields)
{
    Spec sp;
    spec_init(&sp, "auction", 10, AUCTION, "events", "30000", "seed", "5", NULL);
    Rows a = pull(&sp, 333, 100000);
    cr_assert_eq(a.n, 1800);
    for (int i = 0; i < a.n; i++) {
        Value item = at(&a, i, 1), desc = at(&a, i, 2), extra = at(&a, i, 9);
        cr_assert(item.len <= 19 && desc.len <= 99);
        if (item.len) cr_assert(item.u.s[0] != ' ' && item.u.s[item.len - 1] != ' ');
        if (desc.len) cr_assert(desc.u.s[0] != ' ' && desc.u.s[desc.len - 1] != ' ');
        int64_t ib = at(&a, i, 3).u.i, res = at(&a, i, 4).u.i;
        cr_assert(ib >= 100 && res >= ib + 100, "initialBid %lld reserve %lld", (long long)ib, (long long)res);
        /* default event time: 10 M events a second from 2015-07-15 */
        int64_t t = at(&a, i, 5).u.i, exp = at(&a, i, 6).u.i;
        cr_assert_eq(t, INT64_C(1436918400000) + (int64_t)((double)a.ev[i] * 0.1) / 1000);
        /* horizon: 1666 events = 0.17 ms, so 0 or 1 ms; expires = t + 1 + U[0, max(2h, 1)) */
        cr_assert(exp > t && exp <= t + 2, "expires %lld at %lld", (long long)exp, (long long)t);
        /* extra pads the auction's other fields (8 + name + desc + 40) to 500 +-20% */
        int want = 500 - (8 + (int)item.len + (int)desc.len + 40);
        int delta = (int)floor(want * 0.2 + 0.5);
        cr_assert((int)extra.len >= want - delta && (int)extra.len < want + delta, "extra %u for %d",
                  extra.len, want);
    }
    rows_free(&a);

    spec_init(&sp, "person", 8, PERSON, "events", "30000", "seed", "5", NULL);
    Rows p = pull(&sp, 1024, 100000);
    cr_assert_eq(p.n, 600);
    for (int i = 0; i < p.n; i++) {
        Value name = at(&p, i, 1), email = at(&p, i, 2), card = at(&p, i, 3), x = at(&p, i, 7);
        cr_assert(memchr(name.u.s, ' ', name.len));
        cr_assert(email.len >= 6 && !memcmp(email.u.s + email.len - 4, ".com", 4) &&
                  memchr(email.u.s, '@', email.len));
        cr_assert_eq(card.len, 19);
        for (int k = 0; k < 19; k++)
            cr_assert(k % 5 == 4 ? card.u.s[k] == ' ' : card.u.s[k] >= '0' && card.u.s[k] <= '9');
        cr_assert_eq(at(&p, i, 5).len, 2);
        int cur = 8 + (int)name.len + (int)email.len + 19 + (int)at(&p, i, 4).len + 2;
        int want = 200 - cur, delta = (int)floor(want * 0.2 + 0.5);
        cr_assert((int)x.len >= want - delta && (int)x.len < want + delta);
    }
    rows_free(&p);
}

Test(nexmark, event_time_rate_and_base)
{
    static const SourceColumn cols[1] = {{"DATETIME", TYPE_TIMESTAMP}};   /* names match in any case */
    Spec sp;
    spec_init(&sp, "bid", 1, cols, "events", "1000", "nexmark.event-time-rate", "400",
              "nexmark.base-time", "2024-01-01 00:00:00.250", NULL);
    Rows r = pull(&sp, 1024, 10000);
    for (int i = 0; i < r.n; i++)
        cr_assert_eq(at(&r, i, 0).u.i, INT64_C(1704067200250) + r.ev[i] * 2500 / 1000);
    rows_free(&r);
    spec_init(&sp, "bid", 1, cols, "events", "100", "nexmark.base-time", "1000", NULL);
    r = pull(&sp, 1024, 10000);
    cr_assert_eq(at(&r, 0, 0).u.i, 1000);
    rows_free(&r);
}

Test(nexmark, deterministic_across_runs_batches_and_columns)
{
    Spec sp;
    spec_init(&sp, "bid", 7, BID, "events", "4000", "seed", "99", NULL);
    Rows a = pull(&sp, 1024, 10000), b = pull(&sp, 7, 10000), c = pull(&sp, 1, 10000);
    cr_assert_eq(a.n, 3680);
    cr_assert(same_rows(&a, &b, BID) && same_rows(&a, &c, BID));
    /* another seed gives other values */
    Spec other;
    spec_init(&other, "bid", 7, BID, "events", "4000", "seed", "100", NULL);
    Rows d = pull(&other, 1024, 10000);
    cr_assert(!same_rows(&a, &d, BID));
    /* a source declaring fewer columns, in another order, sees the same values */
    static const SourceColumn two[2] = {{"extra", TYPE_VARCHAR}, {"price", TYPE_BIGINT}};
    Spec narrow;
    spec_init(&narrow, "bid", 2, two, "events", "4000", "seed", "99", NULL);
    Rows e = pull(&narrow, 100, 10000);
    cr_assert_eq(e.n, a.n);
    for (int i = 0; i < a.n; i++) {
        cr_assert_eq(at(&e, i, 1).u.i, at(&a, i, 2).u.i);
        cr_assert(at(&e, i, 0).len == at(&a, i, 6).len &&
                  !memcmp(at(&e, i, 0).u.s, at(&a, i, 6).u.s, at(&e, i, 0).len));
    }
    rows_free(&a), rows_free(&b), rows_free(&c), rows_free(&d), rows_free(&e);
}

Test(nexmark, one_stream_across_sources)
{
    /* Bids and auctions of one seed: every bid names an auction of the stream.
     * As in the reference, a cold pick may name one of the next 10 auctions
     * (AUCTION_ID_LEAD), created within 4 epochs (200 events) of the bid. */
    Spec sa, sb;
    static const SourceColumn acol[1] = {{"id", TYPE_BIGINT}};
    static const SourceColumn bcol[1] = {{"auction", TYPE_BIGINT}};
    spec_init(&sa, "auction", 1, acol, "events", "60200", "seed", "8", NULL);
    spec_init(&sb, "bid", 1, bcol, "events", "60000", "seed", "8", NULL);
    Rows a = pull(&sa, 1024, 100000), b = pull(&sb, 1024, 100000);
    int64_t *created = calloc((size_t)a.n + 2000, sizeof *created);   /* auction id - 1000 -> event */
    for (int i = 0; i < a.n; i++) created[at(&a, i, 0).u.i - 1000] = a.ev[i];
    int ahead = 0;
    for (int i = 0; i < b.n; i++) {
        int64_t id = at(&b, i, 0).u.i - 1000;
        cr_assert(id >= 0 && id < a.n, "bid at event %lld names auction %lld", (long long)b.ev[i],
                  (long long)id + 1000);
        int64_t when = created[id];
        cr_assert(when <= b.ev[i] + 200, "auction %lld created at %lld, bid at %lld", (long long)id,
                  (long long)when, (long long)b.ev[i]);
        ahead += when > b.ev[i];
    }
    /* P(ahead) = P(cold) * 10/111 */
    double r = (double)ahead / b.n;
    cr_assert(r > 0.03 && r < 0.06, "bids ahead of their auction: %f", r);
    free(created);
    rows_free(&a), rows_free(&b);
}

Test(nexmark, restore_continues_exactly)
{
    Spec sp;
    spec_init(&sp, "bid", 7, BID, "events", "30000", "seed", "4", NULL);
    Rows whole = pull(&sp, 256, 100000);

    Source *src = open_ok(&sp);
    Rows head = pull_from(src, &sp, 256, 256 * 7);
    SnapWriter w;
    snap_writer_init(&w);
    WeirError err = {0};
    cr_assert_eq(src->vt->save_pos(src, &w, &err), WEIR_OK);
    Rows tail_same = pull_from(src, &sp, 256, 100000);
    src->vt->close(src);

    src = open_ok(&sp);
    SnapReader rd;
    snap_reader_init(&rd, w.data, w.len);
    cr_assert_eq(src->vt->restore_pos(src, &rd, &err), WEIR_OK, "%s", err.msg);
    Rows tail = pull_from(src, &sp, 100, 100000);
    src->vt->close(src);
    cr_assert(same_rows(&tail, &tail_same, BID));
    cr_assert_eq(head.n + tail.n, whole.n);
    cr_assert_eq(tail.ev[0], whole.ev[head.n]);
    for (int c = 0; c < 7; c++) cr_assert_eq(at(&tail, 0, c).len, at(&whole, head.n, c).len);

    /* a blob of another table, and a short one, are refused */
    Spec ps;
    spec_init(&ps, "person", 1, PERSON, "events", "30000", "seed", "4", NULL);
    src = open_ok(&ps);
    snap_reader_init(&rd, w.data, w.len);
    cr_assert_eq(src->vt->restore_pos(src, &rd, &err), WEIR_IOERR);
    cr_assert(strstr(err.msg, "damaged checkpoint"));
    src->vt->close(src);
    src = open_ok(&sp);
    snap_reader_init(&rd, w.data, w.len - 3);
    cr_assert_eq(src->vt->restore_pos(src, &rd, &err), WEIR_IOERR);
    src->vt->close(src);
    snap_writer_free(&w);
    rows_free(&whole), rows_free(&head), rows_free(&tail_same), rows_free(&tail);
}

Test(nexmark, unbounded_and_throttled)
{
    Spec sp;
    spec_init(&sp, "person", 1, PERSON, NULL);
    Source *src = open_ok(&sp);
    cr_assert(src->unbounded);
    Rows r = pull_from(src, &sp, 1024, 3000);
    cr_assert_eq(r.n, 3000);
    cr_assert_eq(at(&r, 2999, 0).u.i, 3999);
    src->vt->close(src);
    rows_free(&r);

    /* 200 events at 2000 a second: about 0.1 s, the same rows as unthrottled */
    spec_init(&sp, "person", 1, PERSON, "events", "200", "events-per-second", "2000", NULL);
    src = open_ok(&sp);
    cr_assert(!src->unbounded);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int total = 0, guard = 0;
    while (guard++ < 100000) {
        Rows part = pull_from(src, &sp, 1024, 1);
        total += part.n;
        int rc = part.last_rc;
        rows_free(&part);
        if (rc == WEIR_DONE) break;
        if (rc == WEIR_PENDING) {
            struct timespec ts = {0, 1000000};
            nanosleep(&ts, NULL);
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double el = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    cr_assert_eq(total, 4);
    cr_assert(el > 0.08, "200 events at 2000/s took %f s", el);
    src->vt->close(src);
}

Test(nexmark, errors)
{
    Spec sp;
    spec_init(&sp, NULL, 1, BID, "events", "10", NULL);
    open_fails(&sp, "needs nexmark.table");
    spec_init(&sp, "bids", 1, BID, NULL);
    open_fails(&sp, "nexmark.table must be 'bid', 'auction' or 'person', not \"bids\"");
    spec_init(&sp, "bid", 1, BID, "event", "10", NULL);
    open_fails(&sp, "unknown nexmark option 'event'");
    spec_init(&sp, "bid", 1, BID, "events", "-1", NULL);
    open_fails(&sp, "events must be a non-negative integer");
    spec_init(&sp, "bid", 1, BID, "events-per-second", "0", NULL);
    open_fails(&sp, "events-per-second must be a positive number");
    spec_init(&sp, "bid", 1, BID, "seed", "x", NULL);
    open_fails(&sp, "seed must be an integer");
    spec_init(&sp, "bid", 1, BID, "nexmark.event-time-rate", "-3", NULL);
    open_fails(&sp, "nexmark.event-time-rate must be a positive number");
    spec_init(&sp, "bid", 1, BID, "nexmark.base-time", "yesterday", NULL);
    open_fails(&sp, "nexmark.base-time must be a timestamp");
    spec_init(&sp, "auction", 7, BID, NULL);
    open_fails(&sp, "column \"auction\" is not a column of the nexmark table auction");
    static const SourceColumn wrong[2] = {{"auction", TYPE_BIGINT}, {"price", TYPE_DOUBLE}};
    spec_init(&sp, "bid", 2, wrong, NULL);
    open_fails(&sp, "column \"price\" of the nexmark table bid is BIGINT, not DOUBLE");
    static const SourceColumn ts[1] = {{"expires", TYPE_BIGINT}};
    spec_init(&sp, "auction", 1, ts, NULL);
    open_fails(&sp, "is TIMESTAMP(3), not BIGINT");
}
