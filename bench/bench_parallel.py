"""``redline correct --jobs``: wall time and memory of one process against a pool.

    python -m bench.bench_parallel                     # 5M-word CSV, --jobs 1 and 2
    python -m bench.bench_parallel --words 500000 --jobs 1 2 4

The CSV (id, author, posted_at, text) is the sample thread in ``seeds/`` repeated with
seeded variations: a slip in about one word in twelve (neighbouring key, dropped, doubled
or swapped letters), so later copies are not free cache hits.  Each run is a fresh
subprocess correcting the file to a temporary output; "peak RSS/worker" is the largest
``ru_maxrss`` of the pool's worker processes (of the process itself for ``--jobs 1``).
"cpu s" is the CPU time of the run and its workers ("parent": of the run alone), and
"load" the 1-minute load average when it started: wall-time speed-up is only meaningful
on an otherwise idle machine.  The outputs of all runs must be byte-identical.  Not run by
pytest.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "seeds" / "000_931c17ec5702943e.txt"
NEIGHBOURS = {
    "a": "qwsz",
    "b": "vghn",
    "c": "xdfv",
    "d": "serfcx",
    "e": "wsdr",
    "f": "drtgvc",
    "g": "ftyhbv",
    "h": "gyujnb",
    "i": "ujko",
    "j": "huikmn",
    "k": "jiolm",
    "l": "kop",
    "m": "njk",
    "n": "bhjm",
    "o": "iklp",
    "p": "ol",
    "q": "wa",
    "r": "edft",
    "s": "awedxz",
    "t": "rfgy",
    "u": "yhji",
    "v": "cfgb",
    "w": "qase",
    "x": "zsdc",
    "y": "tghu",
    "z": "asx",
}

RUN = """
import json, resource, sys
from normalize.cli import main
status = main(sys.argv[2:])
me = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
with open(sys.argv[1], "w") as fh:
    json.dump({"status": status, "self_kb": me.ru_maxrss, "children_kb": kids.ru_maxrss,
               "cpu": cpu, "parent_cpu": me.ru_utime + me.ru_stime}, fh)
"""


def slip(word: str, rng: random.Random) -> str:
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        near = NEIGHBOURS.get(word[i].lower())
        return word[:i] + rng.choice(near) + word[i + 1 :] if near else word
    if kind == 1:
        return word[:i] + word[i + 1 :]
    if kind == 2:
        return word[:i] + word[i] + word[i:]
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def make_csv(path: Path, words: int, seed: int = 7) -> int:
    """Write the benchmark CSV; returns its number of rows."""
    rng = random.Random(seed)
    lines = [x for x in SAMPLE.read_text(encoding="utf-8").splitlines() if x.strip()]
    authors = ["ann", "bob", "Zoë", "d.kovacs", "e_smith"]
    written = rows = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "author", "posted_at", "text"])
        while written < words:
            for line in lines:
                ws = [slip(x, rng) if rng.random() < 1 / 12 else x for x in line.split(" ")]
                rows += 1
                w.writerow(
                    [rows, rng.choice(authors), f"2024-01-{rows % 28 + 1:02d}", " ".join(ws)]
                )
                written += len(ws)
                if written >= words:
                    break
    return rows


def run(csv_path: Path, out: Path, jobs: int) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as stats:
        cmd = [
            sys.executable,
            "-c",
            RUN,
            stats.name,
            "correct",
            str(csv_path),
            "-o",
            str(out),
            "--jobs",
            str(jobs),
            "--no-progress",
            "--no-user-dicts",
        ]
        t = time.perf_counter()
        subprocess.run(cmd, check=True)
        wall = time.perf_counter() - t
        data = json.loads(Path(stats.name).read_text())
    rss_kb = data["self_kb"] if jobs == 1 else data["children_kb"]
    digest = hashlib.sha256(out.read_bytes()).hexdigest()[:16]
    return {
        "jobs": jobs,
        "seconds": wall,
        "cpu": data["cpu"],
        "parent_cpu": data["parent_cpu"],
        "worker_rss_mb": rss_kb / 1024,
        "parent_rss_mb": data["self_kb"] / 1024,
        "sha256": digest,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=5_000_000)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "comments.csv"
        rows = make_csv(src, args.words)
        mb = src.stat().st_size / 1e6
        print(f"{args.words:,} words, {rows:,} rows, {mb:.1f} MB; {os.cpu_count()} cores")
        # warm the index cache so that no run pays for building it
        subprocess.run(
            [sys.executable, "-m", "normalize", "correct", "-", "--no-user-dicts"],
            input=b"warm up\n",
            check=True,
            capture_output=True,
        )
        results = []
        for j in args.jobs:
            load = os.getloadavg()[0]
            results.append(run(src, Path(tmp) / f"out{j}.csv", j))
            results[-1]["load"] = load
    base = results[0]["seconds"]
    print(
        f"{'jobs':>4} {'seconds':>8} {'speed-up':>8} {'words/s':>9} {'cpu s':>7} {'parent':>7} "
        f"{'RSS/worker':>11} {'parent RSS':>11} {'load':>5}  output"
    )
    for r in results:
        print(
            f"{r['jobs']:>4} {r['seconds']:>8.1f} {base / r['seconds']:>7.2f}x "
            f"{args.words / r['seconds']:>9,.0f} {r['cpu']:>7.1f} {r['parent_cpu']:>7.1f} "
            f"{r['worker_rss_mb']:>8.0f} MB {r['parent_rss_mb']:>8.0f} MB {r['load']:>5.1f}  "
            f"{r['sha256']}"
        )
    same = len({r["sha256"] for r in results}) == 1
    print("outputs identical" if same else "OUTPUTS DIFFER")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
