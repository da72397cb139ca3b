"""Interrupted runs: a killed or interrupted ``redline`` never leaves half a file.

Every output is written to a hidden temporary file beside the target (``.NAME.*.tmp``)
and renamed into place only when complete.  So:

* SIGKILL mid-write: the target does not exist, or an old file there is untouched.  The
  temporary file may remain: a killed process cannot clean up after itself.  That is
  accepted: it is hidden, never has the target's name, and the next successful run
  writes a fresh one beside it (see the README, "Outputs are atomic").
* SIGINT (Ctrl-C, sent to the whole process group as a terminal does): exit 130, no
  traceback, no output and no temporary file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

REDLINE = Path(sys.executable).with_name("redline")
PARAGRAPH = (
    "The agreement was signed in Budapest and the delegations met again in Vienna to "
    "discuss the guarantees, the schedule and the verification of the withdrawal."
)


@pytest.fixture
def dict_args(dictionary_setup) -> list[str]:
    return dictionary_setup.cli_args


@pytest.fixture
def big_input(tmp_path: Path) -> Path:
    """Enough text that writing the PDF takes seconds (clean text corrects fast)."""
    src = tmp_path / "in" / "big.txt"
    src.parent.mkdir()
    src.write_text((PARAGRAPH + "\n") * 4000, encoding="utf-8")
    return src


def start(*args: str) -> subprocess.Popen[bytes]:
    command = [str(REDLINE)] if REDLINE.exists() else [sys.executable, "-m", "normalize"]
    # a session of its own: the test can signal the whole group, as a terminal does
    return subprocess.Popen(
        [*command, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )


def temporaries(directory: Path, target: str) -> list[Path]:
    return sorted(directory.glob(f".{target}.*.tmp"))


def wait_for_temporary(
    proc: subprocess.Popen[bytes],
    directory: Path,
    target: str,
    min_size: int = 0,
    timeout: float = 120,
) -> Path:
    """Wait until the run is writing ``target``'s temporary file (with ``min_size``
    bytes in it); fails if the run ends first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [p for p in temporaries(directory, target) if _size(p) >= min_size]
        if found:
            return found[0]
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(
                f"finished before the write could be interrupted: {proc.returncode} "
                f"{err.decode(errors='replace')}"
            )
        time.sleep(0.01)
    proc.kill()
    pytest.fail("no temporary file appeared")


def _size(p: Path) -> int:
    try:
        return p.stat().st_size
    except FileNotFoundError:
        return -1


def stop(proc: subprocess.Popen[bytes], sig: signal.Signals) -> tuple[int, bytes]:
    os.killpg(proc.pid, sig)
    _out, err = proc.communicate(timeout=60)
    return proc.returncode, err


@pytest.mark.parametrize("old", [False, True], ids=["no-old-file", "old-file"])
def test_sigkill_during_brief_leaves_no_partial_output(
    dict_args, big_input: Path, tmp_path: Path, old: bool
) -> None:
    outdir = tmp_path / "out"
    outdir.mkdir()
    target = outdir / "brief.pdf"
    if old:
        target.write_bytes(b"%PDF-1.4 the previous briefing\n%%EOF\n")
    before = target.read_bytes() if old else None
    proc = start("brief", *dict_args, str(big_input), "-o", str(target))
    wait_for_temporary(proc, outdir, target.name)
    status, _err = stop(proc, signal.SIGKILL)
    assert status == -signal.SIGKILL
    if old:
        assert target.read_bytes() == before  # the old file, untouched
    else:
        assert not target.exists()
    # Only hidden temporaries may remain (a killed process cannot remove them).
    for p in outdir.iterdir():
        assert p == target or (p.name.startswith(f".{target.name}.") and p.suffix == ".tmp")


def test_run_after_a_kill_succeeds(dict_args, big_input: Path, tmp_path: Path) -> None:
    """A temporary left by a killed run does not stand in the way of the next run."""
    outdir = tmp_path / "out"
    outdir.mkdir()
    target = outdir / "brief.docx"
    stale = outdir / f".{target.name}.stale.tmp"
    stale.write_bytes(b"half a file")
    small = tmp_path / "small.txt"
    small.write_text(PARAGRAPH + "\n", encoding="utf-8")
    command = [str(REDLINE)] if REDLINE.exists() else [sys.executable, "-m", "normalize"]
    proc = subprocess.run(
        [*command, "brief", *dict_args, str(small), "-o", str(target)],
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert target.read_bytes()[:2] == b"PK"
    assert stale.read_bytes() == b"half a file"  # never mistaken for the output


@pytest.mark.parametrize("command", ["brief", "correct"])
def test_sigint_exits_130_quietly_and_leaves_nothing(
    dict_args, big_input: Path, tmp_path: Path, command: str
) -> None:
    outdir = tmp_path / "out"
    outdir.mkdir()
    name = "brief.pdf" if command == "brief" else "big.txt"
    target = outdir / name
    args = [command, *dict_args, str(big_input), "-o", str(target)]
    if command == "correct":
        # several worker processes (the default): Ctrl-C reaches all of them
        big_input.write_text((PARAGRAPH + " Thst sgrerment.\n") * 20000, encoding="utf-8")
        args += ["--no-progress", "--jobs", "2"]
    proc = start(*args)
    wait_for_temporary(proc, outdir, name, min_size=1 if command == "correct" else 0)
    status, err = stop(proc, signal.SIGINT)
    assert status == 130, err
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err, err
    assert err.strip() == b"", err  # quietly
    assert not target.exists()
    assert temporaries(outdir, name) == []  # an interrupted run cleans up after itself
    assert list(outdir.iterdir()) == []


def test_sigterm_leaves_no_partial_output(dict_args, big_input: Path, tmp_path: Path) -> None:
    """``kill`` (SIGTERM) is like SIGKILL for the target: never half a file."""
    outdir = tmp_path / "out"
    outdir.mkdir()
    target = outdir / "brief.pdf"
    proc = start("brief", *dict_args, str(big_input), "-o", str(target))
    wait_for_temporary(proc, outdir, target.name)
    status, err = stop(proc, signal.SIGTERM)
    assert status != 0
    assert b"Traceback" not in err
    assert not target.exists()


def _children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        out |= {int(x) for x in task.read_text().split()}
    return out


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (OSError, IndexError):
        return False
    return status != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
@pytest.mark.parametrize(("sig", "status"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_sigterm_and_sighup_stop_the_workers_and_clean_up(
    dict_args, big_input: Path, tmp_path: Path, sig: signal.Signals, status: int
) -> None:
    """Issue 13.9: SIGTERM to the parent alone left the --jobs workers running (holding
    stderr open, so `| tee` hung) and the temporary file behind."""
    outdir = tmp_path / "out"
    outdir.mkdir()
    target = outdir / "big.txt"
    big_input.write_text((PARAGRAPH + " Thst sgrerment.\n") * 20000, encoding="utf-8")
    proc = start("correct", *dict_args, str(big_input), "-o", str(target), "--jobs", "2")
    wait_for_temporary(proc, outdir, target.name, min_size=1)
    workers = _children(proc.pid)
    assert workers, "no worker processes"
    os.kill(proc.pid, sig)  # the parent only, as `kill PID` does
    _out, err = proc.communicate(timeout=60)  # returns only once stderr is closed
    assert proc.returncode == status, err
    assert b"Traceback" not in err, err
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers)
    assert list(outdir.iterdir()) == []
