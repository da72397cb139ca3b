"""Streaming benchmark: ``redline correct`` on a ~200 MB text file, wall time and peak RSS.

Not run by pytest (it takes minutes).  Usage::

    python bench/bench_stream.py                 # 200 MB in /tmp, default --jobs
    python bench/bench_stream.py --mb 50 --jobs 1 --long-line

The input is garbled paragraphs (the heldout sample, repeated with varied line endings)
written to ``/tmp/redline-bench-stream.txt``; ``--long-line`` instead writes one single
line of that size.  The peak resident set size is the largest of the command and its
worker processes, from ``/usr/bin/time -v`` when present, else ``resource``; the peak of
the whole process tree (the command plus its ``--jobs`` workers, summed) is sampled from
``/proc`` every 0.1 s on Linux.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "heldout" / "garbled.txt"


def make_input(path: Path, size: int, long_line: bool) -> None:
    """Write ``size`` bytes of garbled text to ``path`` (reused when already that size)."""
    if path.exists() and path.stat().st_size == size:
        return
    paragraphs = [p for p in SAMPLE.read_text(encoding="utf-8").splitlines() if p.strip()]
    endings = ["\n", "\r\n", "\n", "\r"]
    block = "".join(
        p + (" " if long_line else endings[i % len(endings)]) for i, p in enumerate(paragraphs)
    ).encode("utf-8")
    written = 0
    with open(path, "wb") as fh:
        while written < size:
            chunk = block[: size - written]
            fh.write(chunk)
            written += len(chunk)


def _tree_rss(root: int) -> int:
    """The summed resident set size (KiB) of ``root`` and all its descendants."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
        m = re.search(r"VmRSS:\s+(\d+)", status)
        rss[int(entry)] = int(m.group(1)) if m else 0
    tree = {root}
    grew = True
    while grew:
        more = {pid for pid, ppid in parents.items() if ppid in tree} - tree
        tree |= more
        grew = bool(more)
    return sum(rss.get(pid, 0) for pid in tree)


class TreeSampler(threading.Thread):
    """Samples the summed RSS of a process tree until stopped; ``peak`` in KiB."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.1):
            self.peak = max(self.peak, _tree_rss(self.pid))


def run(path: Path, out: Path, jobs: int | None) -> tuple[float, int | None, int, int]:
    """Run the command; returns (wall seconds, peak RSS of the largest process in KiB or
    None, peak RSS of the whole tree in KiB (0 off Linux), exit status)."""
    cmd = [sys.executable, "-m", "normalize", "correct", "--no-progress", str(path), "-o", str(out)]
    if jobs is not None:
        cmd += ["--jobs", str(jobs)]
    time_bin = shutil.which("time") or (
        "/usr/bin/time" if os.path.exists("/usr/bin/time") else None
    )
    full = [time_bin, "-v", *cmd] if time_bin else cmd
    start = time.perf_counter()
    proc = subprocess.Popen(full, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid)
    if os.path.isdir("/proc"):
        sampler.start()
    _out, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.stop.set()
    if proc.returncode:
        sys.stderr.write(err)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    largest = int(m.group(1)) if m else resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, largest, sampler.peak, proc.returncode


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=200.0, help="input size in MB (default 200)")
    ap.add_argument("--jobs", type=int, default=None, help="passed to redline correct")
    ap.add_argument("--long-line", action="store_true", help="one single line of that size")
    ap.add_argument("--keep", action="store_true", help="keep the input and output files")
    args = ap.parse_args()
    size = int(args.mb * 1_000_000)
    name = "redline-bench-stream" + ("-line" if args.long_line else "")
    path = Path("/tmp") / f"{name}.txt"
    out = Path("/tmp") / f"{name}.out.txt"
    make_input(path, size, args.long_line)
    wall, rss, tree, status = run(path, out, args.jobs)
    ok = status == 0 and out.exists() and out.stat().st_size > 0.9 * size
    mb = size / 1e6
    print(
        f"input        {mb:.0f} MB{' (one line)' if args.long_line else ''}, "
        f"jobs={args.jobs or 'default'}"
    )
    print(f"exit status  {status}{'' if ok else '  (FAILED)'}")
    print(f"wall time    {wall:.1f} s ({mb / wall:.2f} MB/s)")
    print(f"peak RSS     {rss / 1024:.0f} MiB (largest process)" if rss else "peak RSS     unknown")
    if tree:
        print(f"peak RSS     {tree / 1024:.0f} MiB (whole process tree, sampled)")
    if not args.keep:
        for p in (path, out):
            p.unlink(missing_ok=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
