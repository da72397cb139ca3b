"""Isolated words, test splits only, read two ways (``python -m bench.isolated``).

The benchmark's words part (``bench/run.py``) reads a flag's suggestion as Redline's
answer, as aspell's first suggestion is read; a user who applies Redline's fixes (and the
hidden isolated set) only gets the *applied* ones.  This prints both readings on the test
splits of ``bench/fit_errormodel.py``: Norvig set 2 (all pairs), Mitton ``aspell.dat``
and the benchmark's seeded 1000-pair ``missp.dat`` sample (``random.Random(12345)``),
without touching ``bench/results.json``.  Measure only: nothing is fitted on these.

    python -m bench.isolated [--max-pairs 1000] [SETTING=VALUE ...]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from bench.fit_errormodel import _default_eval_dir  # noqa: E402
from bench.run import load_mitton, load_norvig  # noqa: E402


def test_sets(max_pairs: int = 1000) -> dict[str, list[tuple[str, str]]]:
    ev = _default_eval_dir()
    out = {"norvig2": load_norvig(ev / "norvig" / "spell-testset2.txt")}
    for key, name in (("aspell", "aspell.dat"), ("birkbeck", "missp.dat")):
        pairs = load_mitton(ev / "mitton" / name)
        if max_pairs and len(pairs) > max_pairs:
            pairs = random.Random(12345).sample(pairs, max_pairs)
        out[key] = pairs
    return out


def score(corrector, pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """(applied-only top-1, top-1 with a flag's suggestion) over ``pairs``."""
    applied = read = 0
    for wrong, right in pairs:
        r = corrector.correct(wrong)
        fixed = r.text.strip().lower()
        guess = fixed if r.corrections or not r.flags else r.flags[0].suggestion.lower()
        applied += fixed == right.lower()
        read += guess == right.lower()
    return applied / len(pairs), read / len(pairs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--max-pairs", type=int, default=1000)
    ap.add_argument("settings", nargs="*", help="Settings overrides, NAME=VALUE")
    args = ap.parse_args(argv)
    from normalize import Corrector

    overrides = {}
    for item in args.settings:
        name, _, value = item.partition("=")
        overrides[name] = float(value) if "." in value or "e" in value else int(value)
    c = Corrector.load(**overrides)
    for key, pairs in test_sets(args.max_pairs).items():
        applied, read = score(c, pairs)
        print(f"{key:9} {len(pairs):5} pairs  applied {applied:.3f}  with flags {read:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
