"""Fit Redline's error model, P(typed | intended), from published misspellings.

A Brill & Moore (ACL 2000) string-to-string edit model: every (misspelling, word) pair is
aligned by Damerau-Levenshtein; each primitive edit (a substitution, an insertion, a
deletion, a swap of neighbours) is recorded with no context, with one letter of context
on the left and with one on the right ("^" and "$" mark the word's ends), as an edit
``alpha -> beta`` of at most three letters a side.  ``P(alpha -> beta)`` is the edit's
count over the count of ``alpha`` in the intended words, kept when it was seen at least
``--min-count`` times.  The result is a small tab-separated table
(``normalize/data/errormodel.tsv``) read by ``normalize/errormodel.py``.

Training data (designated here, never scored as held-out; see BENCHMARKS.md):

* codespell's dictionary (``codespell_lib/data/dictionary.txt``, CC BY-SA 3.0, a
  dependency): common misspellings found in code and prose;
* Mitton's Birkbeck corpus ``missp.dat`` **minus** every pair that is in Norvig's sets 1
  and 2 (derived from Birkbeck), in ``aspell.dat``, in ``wikipedia.dat``, and in the
  benchmark's seeded sample of ``missp.dat`` (``bench/run.py``: ``random.Random(12345)``,
  1000 pairs, whose first 300 are the 300-pair sample);
* Mitton's Holbrook corpus ``holbrook-missp.dat`` (children's writing).

Development (tuning ``Settings.error_model_offset``): Norvig set 1.  Test, never fitted
nor tuned on: Norvig set 2, ``aspell.dat``, ``wikipedia.dat``, the ``missp.dat`` sample,
``bench/heldout``.

    python bench/fit_errormodel.py [--eval-data DIR] [--out normalize/data/errormodel.tsv]
    python bench/fit_errormodel.py --tune     # also: top-1 on the dev set per offset

The shipped table was made with the defaults (``--min-count 8 --prior 100``) and
``Settings.error_model_offset`` is ``--tune``'s best value (+0.5).
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.run import load_mitton, load_norvig  # noqa: E402

OUT = REPO / "normalize" / "data" / "errormodel.tsv"
BENCH_SEED, BENCH_SAMPLE = 12345, 1000


def _default_eval_dir() -> Path:
    env = os.environ.get("REDLINE_EVAL_DATA")
    return Path(env) if env else REPO.parent / "shared" / "eval-data"


def codespell_pairs() -> list[tuple[str, str]]:
    import importlib.util

    spec = importlib.util.find_spec("codespell_lib")
    assert spec and spec.submodule_search_locations, "codespell is not installed"
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "dictionary.txt"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        typo, _, rest = line.partition("->")
        fixes = [f.strip() for f in rest.split(",") if f.strip()]
        if len(fixes) == 1:  # an ambiguous entry says nothing sure about the edit
            out.append((typo.strip(), fixes[0]))
    return out


def training_pairs(eval_dir: Path) -> tuple[list[tuple[str, str]], dict[str, int]]:
    """The designated training pairs (lowercase, letters only) and how many per source."""
    mitton, norvig = eval_dir / "mitton", eval_dir / "norvig"
    held: set[tuple[str, str]] = set()
    for name in ("spell-testset1.txt", "spell-testset2.txt"):
        held.update(load_norvig(norvig / name))
    for name in ("aspell.dat", "wikipedia.dat"):
        held.update(load_mitton(mitton / name))
    birkbeck = load_mitton(mitton / "missp.dat")
    held.update(random.Random(BENCH_SEED).sample(birkbeck, BENCH_SAMPLE))
    held = {(w.lower(), r.lower()) for w, r in held}
    sources = {
        "codespell": codespell_pairs(),
        "missp.dat (filtered)": birkbeck,
        "holbrook-missp.dat": load_mitton(mitton / "holbrook-missp.dat", counted=True),
    }
    pairs: list[tuple[str, str]] = []
    counts: dict[str, int] = {}
    for name, items in sources.items():
        n = 0
        for wrong, right in items:
            w, r = wrong.lower(), right.lower()
            if (w, r) in held or w == r or not (w.isalpha() and r.isalpha()):
                continue
            pairs.append((w, r))
            n += 1
        counts[name] = n
    return pairs, counts


def align(typed: str, intended: str) -> list[tuple[str, str]]:
    """The best Damerau-Levenshtein alignment of two words as columns ``(intended part,
    typed part)``: a match ``("a", "a")``, a substitution, a deletion ``("a", "")``, an
    insertion ``("", "a")`` or a swap ``("ab", "ba")``."""
    a, b = intended, typed
    m, n = len(a), len(b)
    d = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(m + 1):
        d[i][0] = i
    for j in range(n + 1):
        d[0][j] = j
    for i in range(1, m + 1):
        for j in range(1, n + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    cols: list[tuple[str, str]] = []
    i, j = m, n
    while i > 0 or j > 0:
        if i > 0 and j > 0 and a[i - 1] == b[j - 1] and d[i][j] == d[i - 1][j - 1]:
            cols.append((a[i - 1], b[j - 1]))
            i, j = i - 1, j - 1
        elif (
            i > 1
            and j > 1
            and a[i - 1] == b[j - 2]
            and a[i - 2] == b[j - 1]
            and d[i][j] == d[i - 2][j - 2] + 1
        ):
            cols.append((a[i - 2 : i], b[j - 2 : j]))
            i, j = i - 2, j - 2
        elif i > 0 and j > 0 and d[i][j] == d[i - 1][j - 1] + 1:
            cols.append((a[i - 1], b[j - 1]))
            i, j = i - 1, j - 1
        elif i > 0 and d[i][j] == d[i - 1][j] + 1:
            cols.append((a[i - 1], ""))
            i -= 1
        else:
            cols.append(("", b[j - 1]))
            j -= 1
    return cols[::-1]


def edits(typed: str, intended: str) -> Iterable[tuple[str, str]]:
    """Brill & Moore's edits of one pair: each run of differing alignment columns as one
    edit and, when it holds several, each column alone; each bare and with one letter
    of context on either side.  An insertion carries the letter before it (``c`` ->
    ``cx``), so that every edit rewrites a piece of the intended word."""
    cols = align(f"^{typed}$", f"^{intended}$")
    k = 0
    while k < len(cols):
        if cols[k][0] == cols[k][1]:
            k += 1
            continue
        run_end = k
        while run_end < len(cols) and cols[run_end][0] != cols[run_end][1]:
            run_end += 1
        units = [(k, run_end)]
        if run_end - k > 1:
            units += [(x, x + 1) for x in range(k, run_end)]
        for lo, hi in units:
            alpha = "".join(c[0] for c in cols[lo:hi])
            beta = "".join(c[1] for c in cols[lo:hi])
            left = "".join(c[0] for c in cols[:lo])[-1:]
            right = "".join(c[0] for c in cols[hi:])[:1]
            if len(alpha) + len(beta) == 1 and (alpha or beta) in (left, right):
                # a letter of a double dropped or doubled: only the doubled form says
                # so ("ll" -> "l", "e" -> "ee"); "el" -> "e" would claim any "el" loses it
                x = alpha or beta
                yield (x + x, x) if alpha else (x, x + x)
                continue
            if not alpha:  # an insertion: rewrite the letter before it
                alpha, beta, left = left, left + beta, "".join(c[0] for c in cols[:lo])[-2:-1]
            if not alpha or len(alpha) > 3 or len(beta) > 4:
                continue
            yield alpha, beta
            if left and len(alpha) < 3:
                yield left + alpha, left + beta
            if right and len(alpha) < 3:
                yield alpha + right, beta + right
        k = run_end


def fit(
    pairs: list[tuple[str, str]], min_count: int, prior: float = 0.0
) -> dict[tuple[str, str], float]:
    """log10 P(alpha -> beta) for every edit seen at least ``min_count`` times; ``prior``
    pseudo-occurrences of every ``alpha`` keep rare contexts from looking error-prone."""
    counts: Counter[tuple[str, str]] = Counter()
    for typed, intended in pairs:
        if abs(len(typed) - len(intended)) > 3:
            continue
        counts.update(set(edits(typed, intended)))
    kept = {e: c for e, c in counts.items() if c >= min_count and e[0] != e[1]}
    contexts: Counter[str] = Counter()
    alphas = {a for a, _ in kept}
    for _typed, intended in pairs:
        w = f"^{intended}$"
        for k in (1, 2, 3):
            for i in range(len(w) - k + 1):
                s = w[i : i + k]
                if s in alphas:
                    contexts[s] += 1
    return {(a, b): math.log10(c / (max(contexts[a], c) + prior)) for (a, b), c in kept.items()}


def tune(eval_dir: Path, table: Path, offsets: list[float]) -> dict[float, float]:
    """Top-1 on the development set (Norvig set 1) for each ``error_model_offset``."""
    from normalize import Corrector

    pairs = load_norvig(eval_dir / "norvig" / "spell-testset1.txt")
    out = {}
    for offset in offsets:
        c = Corrector.load(error_model_path=str(table), error_model_offset=offset)
        hits = 0
        for wrong, right in pairs:
            r = c.correct(wrong)
            top = r.text if r.corrections or not r.flags else r.flags[0].suggestion
            hits += top.strip().lower() == right.lower()
        out[offset] = hits / len(pairs)
        print(f"offset {offset:+.1f}: Norvig set 1 top-1 {out[offset]:.1%}", file=sys.stderr)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval-data", type=Path, default=_default_eval_dir())
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--min-count", type=int, default=8)
    ap.add_argument("--prior", type=float, default=100.0, help="pseudo-count of each context")
    ap.add_argument(
        "--tune", action="store_true", help="then score offsets -1..1 on Norvig set 1 (dev)"
    )
    args = ap.parse_args(argv)
    pairs, counts = training_pairs(args.eval_data)
    table = fit(pairs, args.min_count, args.prior)
    lines = [
        "# Redline's fitted error model: log10 P(alpha -> beta), Brill & Moore (2000) edits",
        "# generated by bench/fit_errormodel.py; do not edit by hand",
        "# trained on: " + ", ".join(f"{name} ({n} pairs)" for name, n in counts.items()),
        "# sources: codespell dictionary (CC BY-SA 3.0); R. Mitton's Birkbeck (missp.dat)",
        "# and Holbrook corpora (dcs.bbk.ac.uk/~ROGER/corpora.html; cite Mitton 1985)",
        f"# min count {args.min_count}, context pseudo-count {args.prior:g};"
        " '^' and '$' mark the ends of a word",
    ]
    for (a, b), p in sorted(table.items()):
        lines.append(f"{a}\t{b}\t{p:.3f}")
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(args.out)
    print(f"{len(table)} edits from {len(pairs)} pairs -> {args.out}", file=sys.stderr)
    if args.tune:
        scores = tune(args.eval_data, args.out, [-1.0, -0.5, 0.0, 0.5, 1.0])
        best = max(scores, key=lambda k: (scores[k], -abs(k)))
        print(f"best on dev: error_model_offset = {best:+.1f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
