"""Running text with real misspellings (``python -m bench.realtext [-v]``).

``dev.txt`` and ``heldout.txt`` are clean everyday prose written for this benchmark
(travel, cooking, school, sport; a town, a letter of complaint, language learning, the
environment); ``dev2.txt`` and ``heldout2.txt`` were added later for a larger set (dev2:
moving house, a job interview, gardening, the doctor, a football match, a birthday party,
the library, weather and climate, shopping, a dog, learning to drive; heldout2: a school
trip, the guitar, public transport, a grandmother's village, hospital volunteering).
Real misspellings are put into them at run time, never stored here: a word
of the text that a *training* corpus lists misspellings of is replaced, with probability
``RATE`` (seeded), by one of those misspellings.  The corpora are the error model's
training split (``bench/fit_errormodel.py``): Mitton's Birkbeck ``missp.dat`` minus every
pair of Norvig's sets, ``aspell.dat``, ``wikipedia.dat`` and the benchmark's seeded
``missp.dat`` sample, and the Holbrook corpus.  No test-split pair is ever used.

Which misspellings: non-words (not in SCOWL "large", the ``CORE`` list shipped in
``normalize/data``) within ``MAX_DISTANCE`` edits (Damerau; one fewer for words of five
letters or less) of words of at least ``MIN_LENGTH`` letters, lowercase letters only, each
used once; codespell's list is left out (typos found in code, not learners' errors).  The
pairs are split in two by a hash of the pair: ``dev.txt`` only takes pairs of the first
half, ``heldout.txt`` of the second, so the held-out part shares neither text nor
misspelling with the dev part (``HALF``: ``dev2`` takes the first half too,
``heldout2`` the second).  Tune on ``dev`` and ``dev2``; report ``heldout`` and
``heldout2``, which nothing is ever fitted on.  With ``--seeds N`` each part is misspelt
``N`` times (seeds ``SEED`` .. ``SEED + N - 1``) and the edits pooled: the development
set of ``bench/fit_calibration.py`` is ``dev`` + ``dev2`` with ``SEEDS`` seeds (about 730
misspellings), its held-out report ``heldout`` + ``heldout2`` (about 470).

Scored edit by edit with ``bench/score.py``; the clean text is the gold and also the
clean twin (false changes per 1,000 words).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARTS = {
    "dev": HERE / "dev.txt",
    "heldout": HERE / "heldout.txt",
    "dev2": HERE / "dev2.txt",
    "heldout2": HERE / "heldout2.txt",
}
#: which half of the training pairs misspells each part (dev parts: the dev half only)
HALF = {"dev": "dev", "heldout": "heldout", "dev2": "dev", "heldout2": "heldout"}
#: the larger development set: seeds of ``dev2`` (and ``dev``) pooled; ``heldout2`` is
#: measured with as many seeds and never tuned on
SEEDS = 5
RATE = 0.2
SEED = 20261203
MAX_DISTANCE = 3
MIN_LENGTH = 3  # words of one or two letters are left as they are
_WORD = re.compile(r"[A-Za-z]+")


def _half(wrong: str, right: str) -> str:
    h = hashlib.sha1(f"{wrong}\t{right}".encode()).digest()[0]
    return "dev" if h % 2 == 0 else "heldout"


def _core_words() -> set[str]:
    root = HERE.parent.parent / "normalize" / "data" / "en-core.txt.gz"
    return {w.lower() for w in gzip.decompress(root.read_bytes()).decode("utf-8").split()}


@functools.cache
def pairs(half: str, eval_dir: Path | None = None) -> dict[str, list[str]]:
    """intended word -> its training misspellings of one half, "dev" or "heldout"
    (sorted)."""
    from editdistpy import damerau_osa

    sys.path.insert(0, str(HERE.parent.parent))
    from bench.fit_errormodel import _default_eval_dir, codespell_pairs, training_pairs

    train, _counts = training_pairs(eval_dir or _default_eval_dir())
    core = _core_words()
    # learners' misspellings only: codespell's list (typos found in code) is left out
    typos = {(w.lower(), r.lower()) for w, r in codespell_pairs()}
    out: dict[str, set[str]] = {}
    for wrong, right in train:
        if (wrong, right) in typos or wrong in core or _half(wrong, right) != half:
            continue
        if len(right) < MIN_LENGTH:
            continue
        reach = MAX_DISTANCE if len(right) > 5 else MAX_DISTANCE - 1
        if damerau_osa.distance(wrong, right, reach) < 0:
            continue
        out.setdefault(right, set()).add(wrong)
    return {k: sorted(v) for k, v in out.items()}


def build(
    part: str, eval_dir: Path | None = None, seed: int | None = None
) -> tuple[list[str], list[str]]:
    """(misspelt lines, gold lines) of one part; ``seed`` (default ``SEED``) picks which
    words are misspelt and how (more seeds: more misspellings of the same half)."""
    gold = PARTS[part].read_text(encoding="utf-8").splitlines()
    table = pairs(HALF[part], eval_dir)
    rng = random.Random(f"{SEED if seed is None else seed}-{part}")
    typed = []
    used: set[str] = set()
    for line in gold:

        def swap(m: re.Match[str]) -> str:
            w = m.group(0)
            options = [o for o in table.get(w.lower(), ()) if o not in used]
            if not options or rng.random() >= RATE:
                return w
            wrong = rng.choice(options)
            used.add(wrong)  # each misspelling once: no word's quirks weigh twice
            if w[:1].isupper():
                wrong = wrong[:1].upper() + wrong[1:]
            return wrong

        typed.append(_WORD.sub(swap, line))
    return typed, gold


def evaluate(
    corrector: object, part: str, verbose: bool = False, seed: int | None = None
) -> dict[str, object]:
    from bench import score as S

    typed, gold = build(part, seed=seed)
    out = S.correct_lines(corrector, typed)
    sc = S.score_lines(typed, gold, out)
    fc = S.false_changes(gold, S.correct_lines(corrector, gold))
    if verbose:
        print(sc.report(f"realtext {part}", 300))
        print(fc.report(f"realtext {part} clean twin"))
    res: dict[str, object] = dict(sc.summary())
    res["clean_changes"] = len(fc.changes)
    res["clean_words"] = fc.words
    return res


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(
        prog="python -m bench.realtext", description=__doc__.split("\n")[0]
    )
    ap.add_argument("--part", choices=sorted(PARTS), action="append")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss and wrong change")
    ap.add_argument("--show", action="store_true", help="print the misspelt text and stop")
    ap.add_argument("--seeds", type=int, default=1, help="misspell each part this many times")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(HERE.parent.parent))
    corrector = None
    for part in args.part or ["dev", "heldout"]:
        if args.show:
            print("\n".join(build(part)[0]))
            continue
        from normalize import Corrector

        corrector = corrector or Corrector.load()
        pooled = {"tp": 0, "fp": 0, "fn": 0, "clean_changes": 0}
        for k in range(args.seeds):
            res = evaluate(corrector, part, args.verbose, seed=SEED + k)
            for name in pooled:
                pooled[name] += int(res[name])  # type: ignore[call-overload]
            if args.seeds == 1:
                print(part, res)
        if args.seeds > 1:
            tp, fp, fn = pooled["tp"], pooled["fp"], pooled["fn"]
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            print(f"{part} ({args.seeds} seeds) {pooled} precision {p:.3f} recall {r:.3f}")
    return 0
