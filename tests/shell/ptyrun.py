"""ptyrun.py - a tiny pseudo-terminal driver for the shell tests (standard
library only): runs a program on a pty as its controlling terminal, sends
keys, and waits for text to appear on the screen stream (stdout and stderr
both go to the pty; escape sequences are stripped before matching).
"""
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time

ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]|\x07")


class Pty:
    """One child process on a pseudo-terminal."""

    def __init__(self, argv, env=None, cwd=None, cols=120, rows=40):
        pid, fd = pty.fork()
        if pid == 0:  # the child: the pty is its stdin, stdout, stderr
            try:
                if cwd:
                    os.chdir(cwd)
                os.execve(argv[0], argv, env if env is not None else os.environ)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.raw = b""       # everything read so far
        self.mark = 0        # expect() looks at raw[mark:] (stripped)
        self.status = None

    def _read(self, timeout):
        """Reads what is available within timeout; False at end of output."""
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            return False
        if not data:
            return False
        self.raw += data
        return True

    def text(self, start=0):
        """The screen stream from raw offset start, escapes stripped, CR dropped."""
        return ANSI.sub(b"", self.raw[start:]).replace(b"\r", b"").decode("utf-8", "replace")

    def send(self, s):
        if isinstance(s, str):
            s = s.encode()
        os.write(self.fd, s)

    def wait_raw(self, timeout=5):
        """Waits until the line editor has put the terminal in raw (non-canonical)
        mode, i.e. it is reading keys.  Before that a Ctrl-C is a signal the
        shell may not be handling yet and a Ctrl-D an end-of-file the editor
        never sees; tests call this before sending such keys at a prompt.  On
        Linux tcgetattr on the master reports the pair's (the slave's) modes."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            lflag = termios.tcgetattr(self.fd)[3]
            if not (lflag & termios.ICANON):
                return
            self._read(0.02)
        raise AssertionError("the terminal never left canonical mode; screen:\n"
                             + self.text()[-3000:])

    def send_key_at_prompt(self, key):
        """Sends a control key (Ctrl-C, Ctrl-D) once the editor is reading."""
        self.wait_raw()
        self.send(key)

    def expect(self, pattern, timeout=10):
        """Waits until pattern (a regex) appears after the mark; moves the mark
        past the match and returns the match.  Raises AssertionError on
        timeout, with what was seen."""
        rx = re.compile(pattern, re.S)
        deadline = time.time() + timeout
        while True:
            m = rx.search(self.text(self.mark))
            if m:
                # move the mark to the end of the raw bytes read so far
                self.mark = len(self.raw)
                return m
            left = deadline - time.time()
            if left <= 0 or not self._read(min(left, 0.2)):
                if not rx.search(self.text(self.mark)):
                    raise AssertionError("timed out waiting for %r; screen since mark:\n%s"
                                         % (pattern, self.text(self.mark)[-3000:]))

    def drain(self, seconds):
        """Reads (and keeps) output for the given time."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            if not self._read(0.05):
                break

    def wait(self, timeout=10):
        """Waits for the child to exit; returns its exit status (or -signal)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            self._read(0.05)
            pid, st = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(st)
                return self.status
        raise AssertionError("the child did not exit; screen:\n" + self.text()[-3000:])

    def kill(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
        try:
            os.close(self.fd)
        except OSError:
            pass
