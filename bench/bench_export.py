"""Export speed and memory: a 1,000-paragraph, 100,000-word briefing to PDF and to DOCX.

    python -m bench.bench_export                 # PDF, DOCX, tracked DOCX, JSON
    python -m bench.bench_export --paragraphs 200 --formats pdf

Each export runs in a fresh subprocess, so its peak RSS (``ru_maxrss``) is its own.  The
synthetic Result has a correction every ~12 words, an uncertain spot every ~60 and an
unknown word every ~90, with Cyrillic and markup-looking text mixed in.  Target: under 15 s
and 1 GB for each format.  "seconds" is wall time, "cpu s" the process's CPU time (steadier
when the machine is busy).  Not run by pytest.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from normalize.records import Correction, Flag, Result, Unknown, apply_corrections

VOCAB = (
    "the agreement was signed in Budapest by both delegations after long negotiations on "
    "security guarantees and the memorandum of 1994 which Ukraine Россия Україна refers to "
    "S&P 500 <b>markets</b> reacted while ministers met in Minsk and Vienna to discuss OSCE "
    "monitoring ceasefire lines heavy weapons withdrawal sanctions energy transit"
).split()

KINDS = ("spelling", "spelling", "spelling", "realword", "case", "runon")


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word + word[-1]
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def synthetic_result(paragraphs: int = 1000, words: int = 100, seed: int = 4) -> Result:
    """A Result of ``paragraphs`` lines of ``words`` words with synthetic records."""
    rng = random.Random(seed)
    lines, corrections, flags, unknown = [], [], [], []
    pos = 0
    for _ in range(paragraphs):
        out = []
        for j in range(words):
            word = rng.choice(VOCAB)
            roll = rng.random()
            start = pos + sum(len(w) + 1 for w in out)
            if roll < 0.08 and word.isalpha():
                typo = _typo(word, rng)
                corrections.append(
                    Correction(
                        start,
                        start + len(typo),
                        typo,
                        word,
                        rng.uniform(0.7, 1.0),
                        "synthetic",
                        rng.choice(KINDS),
                    )
                )
                word = typo
            elif roll < 0.095:
                typo = _typo(word, rng)
                flags.append(Flag(start, start + len(typo), typo, word, 0.5, "synthetic"))
                word = typo
            elif roll < 0.106:
                word = f"Zx{j}q{rng.randrange(1000)}"
                unknown.append(Unknown(start, start + len(word), word))
            out.append(word)
        line = " ".join(out)
        lines.append(line)
        pos += len(line) + 1
    original = "\n".join(lines)
    return Result(
        original,
        apply_corrections(original, corrections),
        tuple(corrections),
        tuple(flags),
        tuple(unknown),
        source="synthetic.txt",
    )


def _child(fmt: str, out: Path, paragraphs: int) -> None:
    from exporters import BriefOptions, export_docx, export_pdf, export_report

    result = synthetic_result(paragraphs)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    options = BriefOptions(
        title="Benchmark briefing", dictionaries=["geopolitics"], tracked_changes=fmt == "tracked"
    )
    export = {
        "pdf": export_pdf,
        "docx": export_docx,
        "tracked": export_docx,
        "json": export_report,
    }[fmt]
    t0, c0 = time.perf_counter(), time.process_time()
    export(result, out, options)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "format": fmt,
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu, 2),
                "peak_mb": round(peak / 1024, 1),
                "input_mb": round(before / 1024, 1),
                "output_kb": round(out.stat().st_size / 1024),
                "words": result.word_count(),
                "corrections": len(result.corrections),
            }
        )
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--paragraphs", type=int, default=1000)
    ap.add_argument("--formats", default="pdf,docx,tracked,json")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _child(args.child, Path(args.out), args.paragraphs)
        return 0
    ext = {"pdf": ".pdf", "docx": ".docx", "tracked": ".docx", "json": ".json"}
    print(
        f"{'format':<10}{'seconds':>9}{'cpu s':>8}{'peak MB':>10}{'output KB':>11}  (paragraphs="
        f"{args.paragraphs})"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.formats.split(","):
            out = Path(tmp) / f"brief-{fmt}{ext[fmt]}"
            proc = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bench.bench_export",
                    "--child",
                    fmt,
                    "--out",
                    str(out),
                    "--paragraphs",
                    str(args.paragraphs),
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if proc.returncode:
                print(f"{fmt}: failed\n{proc.stderr}", file=sys.stderr)
                return 1
            r = json.loads(proc.stdout)
            print(
                f"{fmt:<10}{r['seconds']:>9.2f}{r['cpu_seconds']:>8.2f}{r['peak_mb']:>10.1f}"
                f"{r['output_kb']:>11}  "
                f"({r['words']:,} words, {r['corrections']:,} corrections)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
