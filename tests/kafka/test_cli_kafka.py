#!/usr/bin/env python3
"""test_cli_kafka.py - the weir binary against a Kafka broker, as a user runs it.

Usage: test_cli_kafka.py WEIR MOCK_BROKER EXAMPLES_DIR

MOCK_BROKER (tests/kafka/mock_broker.c) runs librdkafka's mock cluster in a
process of its own; the examples/kafka scripts are run with `weir FILE` (only
localhost:9092 replaced by the mock's bootstrap servers), and checked by their
stdout (byte for byte), stderr and exit status; a sink's topic is read back
through the helper.  Also: a broker that is not there, and a sink whose
messages the broker refuses.  Prints one line per check; exit 1 on a failure.
"""
import os
import socket
import subprocess
import sys
import tempfile
import time

WEIR, MOCK, EXAMPLES = sys.argv[1], sys.argv[2], sys.argv[3]
TMP = tempfile.mkdtemp(prefix="weir_cli_kafka_")
failures = 0

API_PRODUCE = 0
TOPIC_AUTHORIZATION_FAILED = 29


def check(cond, what, detail=""):
    """Records one check."""
    global failures
    if cond:
        print("ok   " + what)
    else:
        failures += 1
        print("FAIL " + what + ("\n     " + detail.replace("\n", "\n     ") if detail else ""))


class Mock:
    """A mock_broker process: topics given as name:partitions, data as
    topic:file; cmd() sends one command and returns its answer lines."""

    def __init__(self, topics, data=()):
        args = [MOCK]
        for t in topics:
            args += ["-t", t]
        for d in data:
            args += ["-p", d]
        self.p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.boot = self.p.stdout.readline().strip()
        if not self.boot:
            raise SystemExit("mock_broker did not start")

    def cmd(self, line):
        self.p.stdin.write(line + "\n")
        self.p.stdin.flush()
        out = []
        while True:
            ln = self.p.stdout.readline()
            if not ln:
                raise SystemExit("mock_broker ended during: " + line)
            out.append(ln.rstrip("\n"))
            if ln.startswith("ok") or ln.startswith("error"):
                return out

    def stop(self):
        """Closes stdin (how a test ends it); returns the exit status."""
        self.p.stdin.close()
        return self.p.wait(timeout=30)


def script(name, boot):
    """examples/kafka/<name> with the bootstrap servers replaced, written to
    TMP; returns its path."""
    with open(os.path.join(EXAMPLES, "kafka", name)) as f:
        text = f.read()
    assert "localhost:9092" in text
    path = os.path.join(TMP, name)
    with open(path, "w") as f:
        f.write(text.replace("localhost:9092", boot))
    return path


def weir(*args, timeout=60):
    """Runs weir; returns (status, stdout, stderr, seconds)."""
    t0 = time.monotonic()
    r = subprocess.run([WEIR, *args], capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    return r.returncode, r.stdout, r.stderr, time.monotonic() - t0


TX_DATA = "transactions:" + os.path.join(EXAMPLES, "kafka", "transactions.jsonl")

# ---- scenario 1: transactions.sql, then alerts_to_kafka.sql and the topic read back
m = Mock(["transactions:3", "alerts:1"], [TX_DATA])
rc, out, err, _ = weir(script("transactions.sql", m.boot))
check(rc == 0, "transactions.sql exits 0", "status %d, stderr:\n%s" % (rc, err))
check(out == "transaction_id,window_start,total\n"
             "tx1,2024-05-11 10:00:00.000,19300.0\n"
             "tx1,2024-05-11 10:00:10.000,14850.0\n"
             "tx2,2024-05-11 10:00:10.000,8950.0\n"
             "tx3,2024-05-11 10:00:10.000,8500.0\n", "transactions.sql stdout", out)
check(err.startswith("-- source transactions: 24 rows read, 0 malformed\n-- 4 rows emitted, 0 late rows dropped, elapsed "),
      "transactions.sql summary", err)

rc, out, err, _ = weir(script("alerts_to_kafka.sql", m.boot))
check(rc == 0 and out == "", "alerts_to_kafka.sql exits 0, prints no rows", "status %d\n%s%s" % (rc, out, err))
got = m.cmd("read alerts")
check(got == ['0\ttx1\t{"transaction_id":"tx1","window_start":"2024-05-11 10:00:00.000","total":19300.0}',
              '0\ttx1\t{"transaction_id":"tx1","window_start":"2024-05-11 10:00:10.000","total":14850.0}',
              '0\ttx2\t{"transaction_id":"tx2","window_start":"2024-05-11 10:00:10.000","total":8950.0}',
              '0\ttx3\t{"transaction_id":"tx3","window_start":"2024-05-11 10:00:10.000","total":8500.0}',
              'ok 4'], "topic alerts holds the 4 alerts, keyed by transaction id", "\n".join(got))

# ---- a sink the broker refuses: the job fails, naming the sink and the error
check(m.cmd("errors %d 64 %d" % (API_PRODUCE, TOPIC_AUTHORIZATION_FAILED)) == ["ok"], "mock refuses Produce")
rc, out, err, secs = weir(script("alerts_to_kafka.sql", m.boot))
check(rc == 3, "refused sink: exit status 3", "status %d, stderr:\n%s" % (rc, err))
check(err.startswith("weir: ") and 'sink "alerts": ' in err and 'Kafka topic "alerts"' in err
      and "Broker: Topic authorization failed" in err, "refused sink: the error names the sink, topic and cause", err)
check(secs < 15, "refused sink: fails within 15 s", "%.1f s" % secs)
check(m.cmd("clear %d" % API_PRODUCE) == ["ok"], "mock accepts Produce again")
got = m.cmd("read alerts")
check(got[-1] == "ok 4", "refused sink: nothing more in the topic", "\n".join(got))
check(m.stop() == 0, "mock_broker ends when its stdin closes")

# ---- scenario 2: log_analysis.sql over user-logs, the same rows as the file version
m = Mock(["user-logs:3"], ["user-logs:" + os.path.join(EXAMPLES, "data", "user_logs.jsonl")])
rc, out, err, _ = weir(script("log_analysis.sql", m.boot))
check(rc == 0, "kafka/log_analysis.sql exits 0", "status %d, stderr:\n%s" % (rc, err))
frc, fout, ferr, _ = weir(os.path.join(EXAMPLES, "log_analysis.sql"))
check(frc == 0, "log_analysis.sql (file) exits 0", ferr)
# the file's one late row (per-user metrics) may be on time over 3 partitions
late_row = "2024-01-01 10:10:00.000,user3,view,1"
kafka_lines, file_lines = sorted(out.splitlines()), sorted(fout.splitlines())
check(kafka_lines == file_lines or kafka_lines == sorted(file_lines + [late_row]),
      "kafka/log_analysis.sql: the rows of the file version", out)
summaries = [ln for ln in err.splitlines() if ln.startswith("-- source user_logs: ")]
check(len(summaries) == 4 and all(s.startswith("-- source user_logs: 62 rows read, 5 malformed (skipped: partition ")
                                  for s in summaries), "kafka/log_analysis.sql: 5 malformed skipped per job", err)
m.p.terminate()
check(m.p.wait(timeout=30) == 0, "mock_broker ends on SIGTERM")
m.p.stdin.close()

# ---- no broker at the address: a clear error, in bounded time
s = socket.socket()
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
s.close()
path = script("transactions.sql", "127.0.0.1:%d" % port)
rc, out, err, secs = weir(path)
check(rc == 3, "no broker: exit status 3", "status %d" % rc)
check(out == "", "no broker: no rows", out)
check(err.startswith('weir: %s: error: source "transactions": Kafka broker 127.0.0.1:%d not reachable: ' % (path, port))
      and err.count("\n") == 1, "no broker: the error names the source and the address", err)
check(secs < 15, "no broker: fails within 15 s", "%.1f s" % secs)

print("%d failed" % failures)
sys.exit(1 if failures else 0)
