"""A command run to its end under a time and a memory limit, with its wall time and peak RSS.

``run`` starts the command in its own process group and looks at it every ``TICK`` seconds:
past the time limit, or once the process and its descendants hold more resident memory than
allowed, the whole group is killed. The peak RSS comes from ``wait4`` for that one child —
``getrusage(RUSAGE_CHILDREN)`` would give the largest of all children reaped so far.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TICK = 0.05
"""Seconds between looks at a running command: the resolution of its wall time."""
GIB = 1024**3


@dataclass
class Step:
    """One command run to its end, or killed."""

    seconds: float
    peak_rss: int
    """Bytes: the process's maximum resident set size (``ru_maxrss``)."""
    code: int
    output: str
    """Its stdout and stderr, interleaved."""
    killed: str | None = None
    """Why it was killed, if it was."""

    def failure(self) -> str | None:
        """Why the step gave nothing usable; exit code 1 means some plans were rejected, not none."""
        if self.killed:
            return self.killed
        return (
            f"exit code {self.code}: {self.output.strip()[-500:]}"
            if self.code not in (0, 1)
            else None
        )


def proc_bytes(pid: int, key: str) -> int:
    """``VmRSS``, ``VmHWM`` … of a live process, in bytes; 0 once it has gone."""
    with contextlib.suppress(FileNotFoundError, ProcessLookupError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{key}:"):
                return int(line.split()[1]) * 1024
    return 0


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants, now."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += proc_bytes(current, "VmRSS")
        for children in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(FileNotFoundError, ProcessLookupError):
                todo += [int(child) for child in children.read_text().split()]
    return total


def run(
    command: list[str],
    *,
    cwd: Path,
    timeout: float,
    max_rss: int,
    on_tick: Callable[[float], None] | None = None,
) -> Step:
    """Run ``command`` to its end, or kill its process group past ``timeout`` seconds or
    ``max_rss`` bytes; ``on_tick(seconds so far)`` is called at every look."""
    env = {**os.environ, "COLUMNS": "300"}  # rich: one line per message
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        killed = None
        try:
            while True:
                pid, status, usage = os.wait4(process.pid, os.WNOHANG)
                if pid:
                    break
                elapsed = time.perf_counter() - start
                if killed is None:
                    if elapsed > timeout:
                        killed = f"killed after the {timeout:g} s timeout"
                    elif (rss := tree_rss(process.pid)) > max_rss:
                        killed = f"killed at {rss / GIB:.1f} GiB RSS, over the {max_rss / GIB:g} GiB limit"
                    if killed:
                        os.killpg(process.pid, signal.SIGKILL)
                if on_tick:
                    on_tick(elapsed)
                time.sleep(TICK)
        except BaseException:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            raise
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        log.seek(0)
        output = log.read().decode(errors="replace")
    return Step(seconds, usage.ru_maxrss * 1024, process.returncode, output, killed)
