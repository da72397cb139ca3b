"""The speed targets of one run, as ratios to aspell measured in the same run.

    python -m bench.bench_speed                       # the redline on PATH
    python -m bench.bench_speed --redline VENV/bin/redline --runs 7
    python -m bench.bench_speed --redline OLD/bin/redline --redline NEW/bin/redline

* cold start: ``redline correct SAMPLE > /dev/null`` against ``aspell -a < SAMPLE``,
  median of ``--runs`` after one untimed warm-up;
* fresh garbled prose: English prose the corrector never saw (the system's licence
  texts when present, else ``heldout/clean_prose.txt``), garbled with a new seed by
  ``bench.heldout.garble``: ``redline correct -j 1 FILE`` against ``aspell -a < FILE``,
  words per second of one process each (start-up included), median of three;
* clean prose in-process: ``Corrector.correct`` on the same prose ungarbled, words per
  second of the first pass (nothing seen before) with the corrector loaded, median of three;
* peak RSS of the garbled-prose run (GNU time ``%M`` when present, else getrusage).

Run it with the installed wheel's ``redline`` for the start-up figure (an editable
install adds its import hook).  Give ``--redline`` more than once to compare versions
in one run (before and after a change): each measure takes them in turn, so a busy
machine slows them alike.  Prints one table; nothing is written.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = next((HERE.parent / "seeds").glob("000_*.txt"))
LICENCES = Path("/usr/share/common-licenses")
LICENCE_NAMES = ("Apache-2.0", "Artistic", "GPL-3", "LGPL-3", "GFDL-1.3", "MPL-2.0", "BSD")


def prose() -> str:
    """Paragraphs of general English prose, one per line."""
    paras: list[str] = []
    for name in LICENCE_NAMES:
        p = LICENCES / name
        if p.is_file():
            for block in re.split(r"\n\s*\n", p.read_text(encoding="utf-8", errors="replace")):
                line = " ".join(block.split())
                if len(line.split()) >= 5:
                    paras.append(line)
    if not paras:
        paras = (HERE / "heldout" / "clean_prose.txt").read_text(encoding="utf-8").splitlines()
    return "\n".join(paras) + "\n"


def timed(argv: list[str], stdin: Path | None) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one process, output discarded."""
    gnu_time = shutil.which("time")
    with tempfile.NamedTemporaryFile("r") as tf:
        cmd = [gnu_time, "-f", "%M", "-o", tf.name, *argv] if gnu_time else argv
        fin = open(stdin, "rb") if stdin else subprocess.DEVNULL
        try:
            t0 = time.perf_counter()
            p = subprocess.run(cmd, stdin=fin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            wall = time.perf_counter() - t0
        finally:
            if stdin:
                fin.close()  # type: ignore[union-attr]
        if p.returncode != 0:
            raise SystemExit(f"{argv[0]} failed: {p.stderr.decode(errors='replace')[-300:]}")
        vals = [v for v in tf.read().split() if v.isdigit()] if gnu_time else []
    return wall, int(vals[-1]) if vals else 0


def _in_process(redline: str, src: Path) -> float:
    """Words per second of ``Corrector.correct`` on the text of ``src``, first pass."""
    code = (
        "import sys,time\n"
        "from normalize.corrector import Corrector\n"
        "c=Corrector.load(); text=open(sys.argv[1],encoding='utf-8').read()\n"
        "t=time.perf_counter(); c.correct(text); t=time.perf_counter()-t\n"
        "print(len(text.split())/t)\n"
    )
    python = Path(redline).with_name("python")
    py = str(python) if python.exists() else sys.executable
    out = subprocess.run([py, "-c", code, str(src)], capture_output=True, text=True)
    return float(out.stdout.strip() or 0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--redline", action="append", help="a redline to measure (repeatable)")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--seed", type=int, default=int(time.time()) % 100_000)
    args = ap.parse_args()
    from bench.heldout.garble import garble_text

    redlines = args.redline or [shutil.which("redline") or "redline"]
    names = [f"redline {k + 1}" for k in range(len(redlines))] if len(redlines) > 1 else ["redline"]
    aspell = ["aspell", "-a", "--lang=en_US", "--encoding=utf-8"]
    with tempfile.TemporaryDirectory(prefix="redline-speed-") as td:
        tmp = Path(td)
        clean = prose()
        lines, _typos = garble_text(clean.splitlines(), seed=args.seed)
        garbled = tmp / "garbled.txt"
        garbled.write_text("\n".join(lines) + "\n", encoding="utf-8")
        words = len(garbled.read_text(encoding="utf-8").split())
        starts = [("aspell", aspell, SAMPLE)]
        starts += [(n, [r, "correct", str(SAMPLE)], None) for n, r in zip(names, redlines)]
        cold: dict[str, list[float]] = {}
        for _name, argv, stdin in starts:
            timed(argv, stdin)  # warm-up
        for _ in range(args.runs):  # in turn, so that the machine's load falls alike
            for name, argv, stdin in starts:
                cold.setdefault(name, []).append(timed(argv, stdin)[0])
        runs: dict[str, list[tuple[float, int]]] = {}
        for _ in range(3):
            for name, argv, stdin in (
                ("aspell", aspell, garbled),
                *(
                    (n, [r, "correct", "-j", "1", str(garbled)], None)
                    for n, r in zip(names, redlines)
                ),
            ):
                runs.setdefault(name, []).append(timed(argv, stdin))
        speed = {n: words / statistics.median(w for w, _ in v) for n, v in runs.items()}
        rss = {n: max(k for _, k in v) / 1024 for n, v in runs.items()}
        src = tmp / "clean.txt"
        src.write_text(clean, encoding="utf-8")
        clean_wps: dict[str, list[float]] = {}
        for _ in range(3):
            for n, r in zip(names, redlines):
                clean_wps.setdefault(n, []).append(_in_process(r, src))
    med = {n: statistics.median(v) for n, v in cold.items()}
    print(f"seed {args.seed}; fresh garbled prose {words} words; cold start median of {args.runs}")
    for n, r in zip(names, redlines):
        if len(redlines) > 1:
            print(f"{n}: {r}")
    for n in names:
        print(f"\n| measure ({n}) | redline | aspell | ratio | target |")
        print("|---|---:|---:|---:|---|")
        r = med[n] / med["aspell"]
        print(f"| cold start (s) | {med[n]:.3f} | {med['aspell']:.3f} | {r:.2f}× | ≤ 3× |")
        r = speed[n] / speed["aspell"]
        print(
            f"| garbled prose, -j 1 (words/s) | {speed[n]:,.0f} | {speed['aspell']:,.0f} "
            f"| {r:.2f}× | ≥ 1.0× |"
        )
        c = statistics.median(clean_wps[n])
        print(f"| clean prose in-process (words/s) | {c:,.0f} | | | ≥ 200,000 |")
        print(f"| peak RSS, garbled run (MB) | {rss[n]:.0f} | {rss['aspell']:.0f} | | ≤ 150 |")


if __name__ == "__main__":
    main()
