"""What the command line prints while it works: a progress bar on a terminal, plain lines elsewhere."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import struct
import subprocess
import sys
import termios

from pipeline.console import Console
from pipeline.jobs import Job

from .conftest import EXAMPLE


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def job(name: str) -> Job:
    return Job(name, print, ())


def test_on_a_terminal_a_bar_counts_jobs_and_shows_how_far_the_running_ones_are(monkeypatch):
    monkeypatch.delenv("TERM", raising=False)
    screen = Terminal()
    console = Console(stream=screen)
    assert console.bar
    console.working(["translate fr (12 of 40 segments translated)"])
    console.job_done(job("translate fr"), 1.5, 1, 3)
    console.working(["render audio fr (3 of 9 sentences, 20 s of speech)"])
    shown = screen.getvalue()
    assert "translate fr (12 of 40 segments translated)" in shown
    assert "1/3" in shown and "render audio fr (3 of 9 sentences, 20 s of speech)" in shown and "\r" in shown
    assert "[1/3] translate fr (1.50 s)" in shown  # the finished job's line stays above the bar
    console.job_done(job("render text fr"), 0.1, 2, 3)
    console.job_done(job("render audio fr"), 9.0, 3, 3)
    assert console._bar is None  # the stage is over: the bar is gone


def test_elsewhere_plain_lines_and_a_still_working_line_at_most_every_heartbeat(monkeypatch):
    log = io.StringIO()
    console = Console(stream=log)
    assert not console.bar
    console.working(["translate fr (12 of 40 segments translated)"])
    assert log.getvalue() == ""  # less than HEARTBEAT since the run began
    monkeypatch.setattr("pipeline.console.HEARTBEAT", 0.0)
    console.working(["translate fr (12 of 40 segments translated)"])
    console.job_done(job("translate fr"), 1.5, 1, 3)
    assert log.getvalue() == ("  … still working on translate fr (12 of 40 segments translated)\n"
                              "  [1/3] translate fr (1.50 s)\n")


def test_quiet_prints_no_progress():
    log = Terminal()
    console = Console(quiet=True, stream=log)
    console.working(["translate fr"])
    console.job_done(job("translate fr"), 1.5, 1, 3)
    assert log.getvalue() == ""


def test_a_run_on_a_terminal_draws_the_bar(tmp_path):
    """The real command with its stderr on a pseudo-terminal."""
    project = tmp_path / "project"
    project.mkdir()
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))  # a 120-column terminal
    env = {**os.environ, "TERM": "xterm", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "run", str(EXAMPLE), "--langs", "fr,de", "--editions", "text"],
        cwd=project, stdout=subprocess.PIPE, stderr=child, env=env)
    os.close(child)
    shown = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    out, _ = process.communicate(timeout=120)
    os.close(main)
    assert process.returncode == 0, shown.decode(errors="replace")
    text = shown.decode(errors="replace")
    assert "job/s" in text or "s/job" in text  # tqdm's rate: the bar was drawn
    assert "render text fr" in text and "Ran " in out.decode()
