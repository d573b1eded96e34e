#!/usr/bin/env python3
"""
test_restart.py - a bounded job over the nexmark connector resumes exactly
from a checkpoint (ctest nexmark/restart).

The nexmark connector's values depend only on (seed, event number, field), so
its save_pos/restore_pos (runtime/connector_nexmark.c) carry just the next
event number (after the table and the events limit).  For each job below:
  1. an uninterrupted run without --state gives the reference output;
  2. the same command with --state and checkpoint.interval=20ms is SIGKILLed at
     seeded random moments and started again each time, then left to finish;
     the file sink must equal the reference byte for byte.
A restore that restarted at event 0, skipped events or lost where it stood
would double, drop or change rows, so the comparison fails.  The test checks
that at least one kill landed after a checkpoint and that the event number in
the checkpoint (part 0: five int64 counters, then u32 table, i64 events limit,
i64 next event) never went back.  The driver is tests/lib/restart_driver.py.

Jobs: q0 over every bid column (every bid reaches the sink), q11's sessions over
bids at 1000 events per second of event time (state across the restart), and a
throttled person source (events-per-second) whose resumed clock must not stall.

usage: test_restart.py WEIR [SEED]
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import restart_driver  # noqa: E402

KILLS = 4

BID = """CREATE TABLE bid (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR,
    `dateTime` TIMESTAMP(3), extra VARCHAR,
    WATERMARK FOR `dateTime` AS `dateTime` - INTERVAL '4' SECOND)
  WITH ('connector' = 'nexmark', 'nexmark.table' = 'bid', 'events' = '%d', 'seed' = '11'%s);
"""

JOBS = {
    "q0": (BID % (150_000, "")) + """
CREATE SINK out WITH (connector = 'file', path = 'out.csv', format = 'csv') AS
  SELECT auction, bidder, price, channel, url, `dateTime`, extra FROM bid;
""",
    "q11": (BID % (400_000, ", 'nexmark.event-time-rate' = '1000'")) + """
CREATE SINK out WITH (connector = 'file', path = 'out.csv', format = 'csv') AS
  SELECT B.bidder, count(*) as bid_count,
         SESSION_START(B.`dateTime`, INTERVAL '10' SECOND) as starttime,
         SESSION_END(B.`dateTime`, INTERVAL '10' SECOND) as endtime
  FROM bid B
  GROUP BY B.bidder, SESSION(B.`dateTime`, INTERVAL '10' SECOND);
""",
    "throttled": """CREATE TABLE person (id BIGINT, name VARCHAR, emailAddress VARCHAR, creditCard VARCHAR,
    city VARCHAR, state VARCHAR, `dateTime` TIMESTAMP(3), extra VARCHAR)
  WITH ('connector' = 'nexmark', 'nexmark.table' = 'person', 'events' = '20000', 'seed' = '3',
        'events-per-second' = '40000');
CREATE SINK out WITH (connector = 'file', path = 'out.csv', format = 'csv') AS
  SELECT * FROM person;
""",
}


if __name__ == "__main__":
    sys.exit(restart_driver.main(JOBS, KILLS, "event", "weir-nxrestart-", __doc__))
