#!/usr/bin/env python3
"""nexmark_model.py - an independent, obviously-written model of weir's
`nexmark` connector (runtime/connector_nexmark.c) and of the Nexmark queries
weir runs (q0, q1, q2, q11, q12), for checking weir's output.

It follows /work/shared/spec/nexmark.md (the reference generator's model) and
the connector's documented random streams: every field of event n draws from
its own splitmix64 stream started at mix(key[stream] + n * GOLDEN), the keys
being successive splitmix64 draws from the seed, in the order of STREAMS below.
Plain Python integers and floats (IEEE doubles, the same libm pow), one event
at a time: slow, and simple enough to read against the spec.

Used by check_model.py (ctest nexmark/model) and to write the expected
outputs of tests/regress/nexmark/ (`nexmark_model.py expected CASE`).
"""
import math
import sys

M64 = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15

STREAMS = ["bid_auction", "bid_bidder", "bid_price", "bid_channel", "bid_extra",
           "au_seller", "au_category", "au_price", "au_expires", "au_itemname", "au_desc",
           "au_extra", "pe_name", "pe_email", "pe_card", "pe_city", "pe_state", "pe_extra",
           "channel_url", "hot_url", "extra_text"]

HOT_CHANNELS = ["Google", "Facebook", "Baidu", "Apple"]
STATES = "AZ,CA,ID,OR,WA,WY".split(",")
CITIES = "Phoenix,Los Angeles,San Francisco,Boise,Portland,Bend,Redmond,Seattle,Kent,Cheyenne".split(",")
FIRST = "Peter,Paul,Luke,John,Saul,Vicky,Kate,Julie,Sarah,Deiter,Walter".split(",")
LAST = "Shultz,Abrams,Spencer,White,Bartels,Walton,Smith,Jones,Noris".split(",")
EXTRA_LEN = 1 << 20
DEFAULT_BASE = 1436918400000          # 2015-07-15 00:00:00 UTC

COLUMNS = {
    "person": ["id", "name", "emailAddress", "creditCard", "city", "state", "dateTime", "extra"],
    "auction": ["id", "itemName", "description", "initialBid", "reserve", "dateTime", "expires",
                "seller", "category", "extra"],
    "bid": ["auction", "bidder", "price", "channel", "url", "dateTime", "extra"],
}


def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


class Stream:
    """A splitmix64 stream."""

    def __init__(self, state):
        self.s = state

    def next(self):
        self.s = (self.s + GOLDEN) & M64
        return mix(self.s)

    def below(self, n):
        return (self.next() * n) >> 64

    def unit(self):
        return (self.next() >> 11) * 2.0 ** -53


def java_round(x):
    return math.floor(x + 0.5)


class Model:
    def __init__(self, seed=0, rate=1e7, base=DEFAULT_BASE):
        s = Stream(seed & M64)
        self.key = {name: s.next() for name in STREAMS}
        self.delay_us = 1e6 / rate
        self.base = base
        self._extra = None
        self._chan = None

    def stream(self, name, n):
        return Stream(mix((self.key[name] + n * GOLDEN) & M64))

    # -- the model of nexmark.md --
    @staticmethod
    def kind(n):
        r = n % 50
        return "person" if r < 1 else "auction" if r < 4 else "bid"

    def time(self, n):
        return self.base + int(n * self.delay_us) // 1000

    @staticmethod
    def last_person(n):
        epoch, off = divmod(n, 50)
        if off >= 1:
            off = 0
        return epoch + off

    @staticmethod
    def last_auction(n):
        epoch, off = divmod(n, 50)
        if off < 1:
            epoch, off = epoch - 1, 2
        elif off >= 4:
            off = 2
        else:
            off -= 1
        return epoch * 3 + off

    def cold_person(self, st, n):
        people = self.last_person(n) + 1
        active = min(people, 1000)
        return people - active + st.below(active + 10)

    @staticmethod
    def price(st):
        return java_round(math.pow(10.0, st.unit() * 6.0) * 100.0)

    @staticmethod
    def string(st, maxlen, special=" "):
        n = 3 + st.below(maxlen - 3)
        out = []
        for _ in range(n):
            r = st.next()
            if ((r >> 32) * 13) >> 32 == 0:
                out.append(special)
            else:
                out.append(chr(ord("a") + (((r & 0xFFFFFFFF) * 26) >> 32)))
        s = "".join(out)
        return s.strip(" ") if special == " " else s

    def extra_text(self):
        if self._extra is None:
            st = self.stream("extra_text", 0)
            chars = []
            for _ in range(EXTRA_LEN // 8):
                r = st.next()
                for _ in range(8):
                    chars.append(chr(ord("a") + (((r & 0xFF) * 26) >> 8)))
                    r >>= 8
            self._extra = "".join(chars)
        return self._extra

    def extra(self, st, cur, avg):
        if cur > avg:
            return ""
        want = avg - cur
        delta = java_round(want * 0.2)
        size = want - delta + (st.below(2 * delta) if delta else 0)
        off = st.below(EXTRA_LEN - size)
        return self.extra_text()[off:off + size]

    def base_url(self, st):
        parts = [self.string(st, 5, "_") for _ in range(3)]
        return "https://www.nexmark.com/" + "/".join(parts) + "/item.htm?query=1"

    @staticmethod
    def java_abs_reverse(i):
        r = int("{:032b}".format(i)[::-1], 2)
        if r >= 1 << 31:
            r -= 1 << 32                 # a Java int
        if r < 0 and r != -(1 << 31):
            r = -r                       # Math.abs(MIN_VALUE) stays negative
        return r

    def channel_url(self, i):
        if self._chan is None:
            self._chan = {}
        if i not in self._chan:
            st = self.stream("channel_url", i)
            url = self.base_url(st)
            if st.below(10) > 0:
                url += "&channel_id=%d" % self.java_abs_reverse(i)
            self._chan[i] = url
        return self._chan[i]

    # -- events --
    def bid(self, n):
        last_a = self.last_auction(n)
        st = self.stream("bid_auction", n)
        if st.below(2) > 0:
            auction = last_a // 100 * 100
        else:
            lo = max(last_a - 100, 0)
            auction = lo + st.below(last_a - lo + 1 + 10)
        st = self.stream("bid_bidder", n)
        if st.below(4) > 0:
            bidder = self.last_person(n) // 100 * 100 + 1
        else:
            bidder = self.cold_person(st, n)
        price = self.price(self.stream("bid_price", n))
        st = self.stream("bid_channel", n)
        if st.below(2) > 0:
            h = st.below(4)
            channel, url = HOT_CHANNELS[h], self.base_url(self.stream("hot_url", h))
        else:
            k = st.below(10000)
            channel, url = "channel-%d" % k, self.channel_url(k)
        extra = self.extra(self.stream("bid_extra", n), 32, 100)
        return {"auction": auction + 1000, "bidder": bidder + 1000, "price": price,
                "channel": channel, "url": url, "dateTime": self.time(n), "extra": extra}

    def auction(self, n):
        t = self.time(n)
        st = self.stream("au_seller", n)
        if st.below(4) > 0:
            seller = self.last_person(n) // 100 * 100
        else:
            seller = self.cold_person(st, n)
        category = 10 + self.stream("au_category", n).below(5)
        st = self.stream("au_price", n)
        initial = self.price(st)
        reserve = initial + self.price(st)
        horizon = self.time(n + 100 * 50 // 3) - t
        expires = t + 1 + self.stream("au_expires", n).below(max(2 * horizon, 1))
        item = self.string(self.stream("au_itemname", n), 20)
        desc = self.string(self.stream("au_desc", n), 100)
        extra = self.extra(self.stream("au_extra", n), 8 + len(item) + len(desc) + 40, 500)
        return {"id": self.last_auction(n) + 1000, "itemName": item, "description": desc,
                "initialBid": initial, "reserve": reserve, "dateTime": t, "expires": expires,
                "seller": seller + 1000, "category": category, "extra": extra}

    def person(self, n):
        st = self.stream("pe_name", n)
        f = st.below(len(FIRST))
        name = FIRST[f] + " " + LAST[st.below(len(LAST))]
        st = self.stream("pe_email", n)
        email = self.string(st, 7) + "@" + self.string(st, 5) + ".com"
        st = self.stream("pe_card", n)
        card = " ".join("%04d" % st.below(10000) for _ in range(4))
        city = CITIES[self.stream("pe_city", n).below(len(CITIES))]
        state = STATES[self.stream("pe_state", n).below(len(STATES))]
        cur = 8 + len(name) + len(email) + len(card) + len(city) + len(state)
        extra = self.extra(self.stream("pe_extra", n), cur, 200)
        return {"id": self.last_person(n) + 1000, "name": name, "emailAddress": email,
                "creditCard": card, "city": city, "state": state, "dateTime": self.time(n),
                "extra": extra}

    def rows(self, table, events, first=0):
        """(event number, row dict) of the table's events in [first, events)."""
        make = getattr(self, table)
        for n in range(first, events):
            if self.kind(n) == table:
                yield n, make(n)


# -- weir's CSV output --
def fmt_ts(ms):
    import datetime
    d = datetime.datetime(1970, 1, 1) + datetime.timedelta(milliseconds=ms)
    return d.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (ms % 1000)


def fmt_double(x):
    r = repr(float(x))
    return r


def csv_field(v, quote_empty):
    if isinstance(v, str):
        if (quote_empty and v == "") or any(c in v for c in ',"\n\r'):
            return '"' + v.replace('"', '""') + '"'
        return v
    return str(v)


def csv(header, rows, sink=False):
    """weir's CSV: a query's result (--format csv) or a csv sink's (sink=True,
    which writes an empty string as "")."""
    out = [",".join(header)]
    for r in rows:
        out.append(",".join(csv_field(v, sink) for v in r))
    return "\n".join(out) + "\n"


# -- the queries --
def q0(m, events):
    return [(r["auction"], r["bidder"], r["price"], fmt_ts(r["dateTime"]), r["extra"])
            for _, r in m.rows("bid", events)]


def q1(m, events):
    return [(r["auction"], r["bidder"], fmt_double(0.908 * r["price"]), fmt_ts(r["dateTime"]),
             r["extra"]) for _, r in m.rows("bid", events)]


def q2(m, events):
    return [(r["auction"], r["price"]) for _, r in m.rows("bid", events) if r["auction"] % 123 == 0]


def q14(m, events):
    rows = []
    for _, r in m.rows("bid", events):
        p = 0.908 * r["price"]
        if not (p > 1000000 and p < 50000000):
            continue
        h = r["dateTime"] // 3600000 % 24
        kind = "dayTime" if 8 <= h <= 18 else "nightTime" if h <= 6 or h >= 20 else "otherTime"
        rows.append((r["auction"], r["bidder"], fmt_double(p), kind, fmt_ts(r["dateTime"]), r["extra"],
                     r["extra"].count("c")))
    return rows


def q11(m, events, gap=10000):
    """Sessions per bidder; in-order data, so every session fires once the
    watermark passes its end and the output is sorted by (end, bidder)."""
    by = {}
    for _, r in m.rows("bid", events):
        by.setdefault(r["bidder"], []).append(r["dateTime"])
    sessions = []
    for b, ts in by.items():
        start = last = ts[0]
        count = 0
        for t in ts:
            if t - last >= gap:
                sessions.append((last + gap, b, count, start))
                start, count = t, 0
            last = t
            count += 1
        sessions.append((last + gap, b, count, start))
    sessions.sort()
    return [(b, c, fmt_ts(s), fmt_ts(e)) for e, b, c, s in sessions]


def q12(m, events, start, step, size=10000):
    """TUMBLE over simulated processing time: bid row i has start + i * step."""
    counts = {}
    for i, (_, r) in enumerate(m.rows("bid", events)):
        p = start + i * step
        ws = p - p % size
        counts[(ws + size, r["bidder"])] = counts.get((ws + size, r["bidder"]), 0) + 1
    return [(b, c, fmt_ts(e - size), fmt_ts(e)) for (e, b), c in sorted(counts.items())]


def table_csv(m, table, events, cols=None):
    cols = cols or COLUMNS[table]
    rows = []
    for _, r in m.rows(table, events):
        rows.append(tuple(fmt_ts(r[c]) if c in ("dateTime", "expires") else r[c] for c in cols))
    return rows


# The regression cases of tests/regress/nexmark/: name -> expected stdout.
def expected(case):
    h4 = ["bidder", "bid_count", "starttime", "endtime"]
    if case == "tables":
        m = Model(seed=42)
        out = ""
        for t in ("bid", "auction", "person"):
            out += csv([c.lower() if c != "dateTime" else c for c in COLUMNS[t]],
                       table_csv(m, t, 120))
        return out
    if case == "q0":
        return csv(["auction", "bidder", "price", "dateTime", "extra"], q0(Model(seed=1), 200), sink=True)
    if case == "q1":
        return csv(["auction", "bidder", "price", "dateTime", "extra"], q1(Model(seed=1), 200), sink=True)
    if case == "q2":
        return csv(["auction", "price"], q2(Model(seed=3), 20000), sink=True)
    if case == "q14":
        # bidTimeType is unquoted in the query: weir folds it to lower case
        return csv(["auction", "bidder", "price", "bidtimetype", "dateTime", "extra", "c_counts"],
                   q14(Model(seed=5, rate=0.02), 2000), sink=True)
    if case == "q11":
        return csv(h4, q11(Model(seed=7, rate=100), 3000), sink=True)
    if case == "q12":
        # debug.proctime.start 2024-05-11 10:00:00, step 10 ms
        return csv(h4, q12(Model(seed=7), 3000, 1715421600000, 10), sink=True)
    if case == "base_time":
        m = Model(seed=9, rate=1000, base=1715421600000)
        rows = [(r["id"], fmt_ts(r["dateTime"]), fmt_ts(r["expires"]))
                for _, r in m.rows("auction", 100)]
        return csv(["id", "dateTime", "expires"], rows)
    if case == "unbounded":
        rows = [(r["auction"], r["bidder"], r["price"]) for _, r in Model(seed=1).rows("bid", 9)]
        return csv(["auction", "bidder", "price"], rows)
    if case == "throttled":
        rows = [(r["id"], r["name"], r["city"]) for _, r in Model(seed=1).rows("person", 200)]
        return csv(["id", "name", "city"], rows)
    raise SystemExit("unknown case " + case)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "expected":
        sys.stdout.write(expected(sys.argv[2]))
    else:
        sys.exit("usage: nexmark_model.py expected CASE")
