"""The command line in a hostile environment, run as a separate process: bad
arguments, a terminal that only takes ASCII, closed streams, special files.
It never prints a traceback and exits with its documented status.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = str(Path(__file__).resolve().parents[1] / "src")


def run(args: list[str], *, env: dict[str, str] | None = None, timeout: float = 60, close_stdout: bool = False) -> tuple[int, str]:
    """Run ``python -m csto_timeline ARGS`` with this worktree's package; (status, stderr)."""
    environment = {**os.environ, "PYTHONPATH": SRC, **(env or {})}
    environment.pop("CSTO_TIMELINE_TRACEBACK", None)
    done = subprocess.run(
        [sys.executable, "-m", "csto_timeline", *args],
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=None if close_stdout else subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=(lambda: os.close(1)) if close_stdout else None,
        timeout=timeout,
        check=False,
    )
    stderr = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    return done.returncode, stderr


@pytest.mark.parametrize(
    "args",
    [
        ["members"],
        ["members", "2010", "--status", "nope"],
        ["status", "Narnia", "2010"],
        ["members", "\udcff"],
        ["bogus"],
        ["members", "9" * 400],
    ],
)
def test_bad_arguments_give_one_line_and_status_2(args: list[str]) -> None:
    """A user error is one line on stderr and exit status 2."""
    status, stderr = run(args)
    assert status == 2
    assert stderr.count("\n") == 1
    assert stderr.startswith("csto-timeline: error: ")


@pytest.mark.parametrize("args", [["sources", "seed-001"], ["sources", "seed-001", "--json"], ["explain", "UZB", "2013"]])
def test_a_terminal_that_takes_only_ascii_gets_the_answer_escaped(args: list[str]) -> None:
    """With PYTHONIOENCODING=ascii the answer is printed with escapes and status 0, no traceback."""
    status, _ = run(args, env={"PYTHONIOENCODING": "ascii"})
    assert status == 0


@pytest.mark.skipif(sys.platform == "win32", reason="closing a standard stream is a POSIX shell feature")
def test_a_closed_stdout_is_reported_in_one_line() -> None:
    """`csto-timeline members 2010 >&-` says it cannot write and exits 2."""
    status, stderr = run(["members", "2010"], close_stdout=True)
    assert status == 2
    assert "standard output is closed" in stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX devices")
@pytest.mark.parametrize("path", ["/dev/zero", "/dev/null"])
def test_a_device_as_data_is_refused_at_once(path: str) -> None:
    """`--data /dev/zero` is refused as not a regular file instead of reading until memory runs out."""
    status, stderr = run(["members", "2010", "--data", path], timeout=30)
    assert status == 2
    assert "not a regular file" in stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX feature")
def test_validate_on_a_fifo_returns_without_waiting(tmp_path: Path) -> None:
    """`validate` on a FIFO nobody writes to reports it within the timeout instead of hanging."""
    fifo = tmp_path / "data.toml"
    os.mkfifo(fifo)
    status, stderr = run(["validate", str(fifo)], timeout=30)
    assert status == 2
    assert stderr == ""


def test_a_reader_that_goes_away_ends_the_command_quietly() -> None:
    """A closed pipe (the reader gone, as with `| head -1`) gives status 1 and no message."""
    with subprocess.Popen(
        [sys.executable, "-m", "csto_timeline", "events"],
        env={**os.environ, "PYTHONPATH": SRC},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()  # before the command writes
        stderr = process.stderr.read().decode()
        assert process.wait(timeout=60) == 1
    assert stderr == ""
