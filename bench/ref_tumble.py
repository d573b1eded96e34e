#!/usr/bin/env python3
"""ref_tumble.py - an obviously-correct reference for limit_tumble (bench/).

Where it sits: `bench/run.sh --selftest` runs it on a small generated file and
compares its output byte for byte with limit_tumble's, so the limit (which in
turn checks weir) is itself checked.  No hashing tricks: a dict, sorted().

Semantics (dialect.md, "Semantics"): TUMBLE 10 s aligned to the epoch; the
watermark W is the largest ts - 1 s seen so far, raised after each row; a
window [s, e) fires when W >= e; a row whose window has fired is late and
dropped; at end of input every open window fires.  Rows that fire together
come out by window end, then key (bytewise).

Usage: ref_tumble.py FILE.csv > out.csv
"""
import datetime
import sys

SIZE = 10_000
DELAY = 1_000
EPOCH = datetime.datetime(1970, 1, 1)


def parse_ts(text):
    """ISO `YYYY-MM-DD HH:MM:SS[.fff]` (or a bare integer) to epoch ms."""
    if text.lstrip("-").isdigit():
        return int(text)
    dt = datetime.datetime.fromisoformat(text)
    delta = dt - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000


def fmt_ts(ms):
    dt = EPOCH + datetime.timedelta(milliseconds=ms)
    return dt.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (ms % 1000)


def main():
    path = sys.argv[1]
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")
    assert lines[0].rstrip(b"\r") == b"k,ts,v", "bad header"
    groups = {}          # (start, key bytes) -> [count, sum]
    open_starts = set()  # starts of the windows that have groups
    watermark = None
    out = [b"window_start,k,c,s\n"]

    def fire(limit):
        if limit is not None and not any(s + SIZE <= limit for s in open_starts):
            return
        open_starts.difference_update([s for s in open_starts if limit is None or s + SIZE <= limit])
        due = sorted(g for g in groups if limit is None or g[0] + SIZE <= limit)
        for start, key in due:
            c, s = groups.pop((start, key))
            out.append(b"%s,%s,%d,%d\n" % (fmt_ts(start).encode(), key, c, s))

    for raw in lines[1:]:
        raw = raw.rstrip(b"\r")
        if not raw:
            continue
        key, ts, v = raw.split(b",")
        ts = parse_ts(ts.decode())
        start = ts - ts % SIZE
        if watermark is None or start + SIZE > watermark:
            open_starts.add(start)
            g = groups.setdefault((start, key), [0, 0])
            g[0] += 1
            g[1] += int(v)
        if watermark is None or ts - DELAY > watermark:
            watermark = ts - DELAY
            fire(watermark)
    fire(None)
    sys.stdout.buffer.write(b"".join(out))


if __name__ == "__main__":
    main()
