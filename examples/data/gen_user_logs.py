#!/usr/bin/env python3
"""gen_user_logs.py - writes user_logs.jsonl, the input of scenario 2
(examples/log_analysis.sql and tests/regress/scenario2/).

Deterministic: no randomness, the events are listed below by hand so every
job's output can be checked by hand.  Run it from anywhere; it writes beside
itself (and, with --regress, the copy in tests/regress/scenario2/).

Times are UTC; `timestamp` is epoch seconds.  What each user is for:
  user1  6 login_failed within 3 minutes -> 3 HOP alerts; a 30-minute session,
         then back two days later (a new 24-hour session)
  user2  two 30-minute sessions on day 1 (84 minutes apart), back on day 4
  user3  back after 21h47m: two 30-minute sessions but one 24-hour session;
         one record arrives 20 minutes late (dropped by the 1-minute TUMBLE,
         which has fired; still merged into the open session windows)
  user4  4 login_failed (a 5th is a malformed line): no alert
  user5  5 login_failed spread over 6 minutes: no 5-minute window holds 5
  user6  exactly 5 login_failed in [11:00, 11:05) (a 6th at 11:05:00 falls in
         the next windows): one alert; one record 10 s out of order
  user7  a record 2 s out of order across a minute boundary (not late)
Malformed lines (skipped and counted under on_error = 'skip'): not JSON, a
truncated object, a string where the epoch number belongs, a bad number, a
JSON array.  One blank line (ignored, not counted).
"""
import json
import os
import sys

DAY = 86400
D1 = 1704067200  # 2024-01-01 00:00:00 UTC


def t(day, hms):
    h, m, s = (int(x) for x in hms.split(":"))
    return D1 + (day - 1) * DAY + h * 3600 + m * 60 + s


IP = {"user1": "10.0.0.1", "user2": "10.0.0.2", "user3": "192.168.1.3", "user4": "10.0.0.4",
      "user5": "172.16.0.5", "user6": "10.0.0.66", "user7": "10.0.0.7"}
UA = {"user1": "Mozilla/5.0", "user2": "Mozilla/5.0 (Macintosh)", "user3": "curl/8.4.0",
      "user4": "Mozilla/5.0", "user5": "python-requests/2.31", "user6": "Mozilla/5.0 (X11)",
      "user7": "Mozilla/5.0 (iPhone)"}

# (user, session number, day, time, action, metadata)
EVENTS = [
    ("user1", 1, 1, "10:00:05", "login_failed", {"reason": "bad_password"}),
    ("user1", 1, 1, "10:00:35", "login_failed", {"reason": "bad_password"}),
    ("user1", 1, 1, "10:01:10", "login_failed", {"reason": "bad_password"}),
    ("user1", 1, 1, "10:01:40", "login_failed", {"reason": "bad_password"}),
    ("user1", 1, 1, "10:02:15", "login_failed", {"reason": "bad_password"}),
    ("user1", 1, 1, "10:02:50", "login_failed", {"reason": "locked"}),
    ("user1", 1, 1, "10:03:20", "login_success", {}),
    ("user1", 1, 1, "10:04:00", "view", {"page": "/home"}),
    ("user1", 1, 1, "10:05:30", "view", {"page": "/item/42"}),
    ("user1", 1, 1, "10:06:10", "purchase", {"item": "sku-42", "price": 19.99}),
    ("user1", 1, 1, "10:20:00", "view", {"page": "/orders"}),
    ("user1", 1, 1, "10:21:00", "logout", {}),
    ("user1", 2, 3, "10:30:00", "login", {}),
    ("user1", 2, 3, "10:31:00", "view", {"page": "/home"}),
    ("user1", 2, 3, "10:32:30", "purchase", {"item": "sku-7", "price": 5.0, "tags": ["gift", "sale"]}),
    ("user1", 2, 3, "10:33:00", "logout", {}),

    ("user2", 1, 1, "10:05:00", "login", {}),
    ("user2", 1, 1, "10:06:00", "view", {"page": "/home"}),
    ("user2", 1, 1, "10:07:30", "view", {"page": "/item/7"}),
    ("user2", 1, 1, "10:08:00", "purchase", {"item": "sku-7", "price": 5.0}),
    ("user2", 1, 1, "10:30:00", "download", {"file": "invoice-7.pdf"}),
    ("user2", 1, 1, "10:35:00", "purchase", {"item": "sku-9", "price": 120.5}),
    ("user2", 1, 1, "10:36:00", "logout", {}),
    ("user2", 2, 1, "12:00:00", "login", {}),
    ("user2", 2, 1, "12:10:00", "view", {"page": "/item/3"}),
    ("user2", 2, 1, "12:15:00", "purchase", {"item": "sku-3", "price": 7.25}),
    ("user2", 2, 1, "12:16:00", "purchase", {"item": "sku-4", "price": 3.0}),
    ("user2", 2, 1, "12:20:00", "logout", {}),
    ("user2", 3, 4, "09:00:00", "login", {}),
    ("user2", 3, 4, "09:05:00", "view", {"page": "/home"}),
    ("user2", 3, 4, "09:06:00", "logout", {}),

    ("user3", 1, 1, "10:10:00", "login", {}),
    ("user3", 1, 1, "10:10:30", "view", {"device": {"os": "linux", "version": 6}}),
    ("user3", 1, 1, "10:12:00", "download", {"file": "report.csv"}),
    ("user3", 1, 1, "10:13:00", "logout", {}),
    ("user3", 2, 2, "08:00:00", "login", {}),
    ("user3", 2, 2, "08:01:00", "view", {"page": "/item/42"}),
    ("user3", 2, 2, "08:02:00", "purchase", {"item": "sku-42", "price": 19.99}),

    ("user4", 1, 1, "10:40:00", "login_failed", {"reason": "bad_password"}),
    ("user4", 1, 1, "10:40:30", "login_failed", {"reason": "bad_password"}),
    ("user4", 1, 1, "10:41:00", "login_failed", {"reason": "bad_password"}),
    ("user4", 1, 1, "10:41:30", "login_failed", {"reason": "bad_password"}),
    ("user4", 1, 1, "10:42:00", "login_success", {}),
    ("user4", 1, 1, "10:43:00", "view", {"page": "/home"}),

    ("user5", 1, 1, "10:20:00", "login_failed", {"reason": "unknown_user"}),
    ("user5", 1, 1, "10:21:30", "login_failed", {"reason": "unknown_user"}),
    ("user5", 1, 1, "10:23:00", "login_failed", {"reason": "unknown_user"}),
    ("user5", 1, 1, "10:24:30", "login_failed", {"reason": "unknown_user"}),
    ("user5", 1, 1, "10:26:00", "login_failed", {"reason": "unknown_user"}),
    ("user5", 1, 1, "10:26:40", "login_success", {}),
    ("user5", 1, 1, "10:27:00", "download", {"file": "export.zip"}),

    ("user6", 1, 1, "11:00:00", "login_failed", {"reason": "bad_password"}),
    ("user6", 1, 1, "11:00:10", "login_failed", {"reason": "bad_password"}),
    ("user6", 1, 1, "11:00:20", "login_failed", {"reason": "bad_password"}),
    ("user6", 1, 1, "11:00:30", "login_failed", {"reason": "bad_password"}),
    ("user6", 1, 1, "11:04:59", "login_failed", {"reason": "bad_password"}),
    ("user6", 1, 1, "11:05:00", "login_failed", {"reason": "locked"}),
    ("user6", 1, 1, "11:06:00", "login_success", {}),
    ("user6", 1, 1, "11:07:00", "purchase", {"item": "sku-1", "price": 999.0}),

    ("user7", 1, 1, "10:59:58", "view", {"page": "/home"}),
    ("user7", 1, 1, "10:59:59", "download", {"file": "app.apk"}),
    ("user7", 1, 1, "11:00:01", "view", {"page": "/help"}),
]

# Records that arrive out of time order: (user, day, time) of the record ->
# the record it is written right after.
MOVED = {
    ("user2", 1, "10:06:00"): ("user1", 1, "10:06:10"),   # 10 s out of order
    ("user6", 1, "11:00:10"): ("user6", 1, "11:00:20"),   # 10 s out of order
    ("user7", 1, "10:59:58"): ("user6", 1, "11:00:00"),   # 2 s, across a minute boundary
    ("user3", 1, "10:10:30"): ("user2", 1, "10:30:00"),   # 20 minutes late
}

BAD = [  # (written after the good record (user, day, time), the line)
    (("user1", 1, "10:01:40"), 'this is not json'),
    (("user2", 1, "10:07:30"),
     '{"user_id":"user2","session_id":"session_2001","action":"view","timestamp":1704103'),
    (("user4", 1, "10:41:30"),
     '{"user_id":"user4","session_id":"session_4001","action":"login_failed",'
     '"timestamp":"yesterday","ip_address":"10.0.0.4","user_agent":"Mozilla/5.0","metadata":{}}'),
    (("user5", 1, "10:23:00"),
     '{"user_id":"user5","session_id":"session_5001","action":"login_failed",'
     '"timestamp":17041o3200,"ip_address":"172.16.0.5","user_agent":"x","metadata":{}}'),
    (("user6", 1, "11:05:00"), '[1, 2, 3]'),
]
BLANK_AFTER = ("user2", 1, "12:20:00")


def record(ev):
    user, sess, day, hms, action, meta = ev
    return json.dumps({
        "user_id": user,
        "session_id": "session_%s%03d" % (user[4:], sess),
        "action": action,
        "timestamp": t(day, hms),
        "ip_address": IP[user],
        "user_agent": UA[user],
        "metadata": meta,
    }, separators=(",", ":"))


def lines():
    key = lambda ev: (ev[0], ev[2], ev[3])
    movers = {k for k in MOVED}
    ordered = sorted((ev for ev in EVENTS if key(ev) not in movers),
                     key=lambda ev: (t(ev[2], ev[3]), ev[0]))
    byk = {key(ev): ev for ev in EVENTS}
    out = []
    for ev in ordered:
        out.append(record(ev))
        k = key(ev)
        for mk, anchor in MOVED.items():
            if anchor == k:
                out.append(record(byk[mk]))
        for anchor, bad in BAD:
            if anchor == k:
                out.append(bad)
        if k == BLANK_AFTER:
            out.append("")
    assert len(out) == len(EVENTS) + len(BAD) + 1
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    text = "\n".join(lines()) + "\n"
    targets = [os.path.join(here, "user_logs.jsonl")]
    if "--regress" in sys.argv:
        targets.append(os.path.join(here, "..", "..", "tests", "regress", "scenario2",
                                    "user_logs.jsonl"))
    for p in targets:
        with open(p, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
