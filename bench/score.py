"""Edit-by-edit scorer for corrected text (the rule of ``seeds/README.md``).

Each line of the input is split into whitespace words and aligned (per line) with the gold
line and with the output line.  The differences are *edits*: ``(line, input word span) ->
replacement words``.  Words are compared on a *key* with the surrounding punctuation
stripped (``"weardly."`` and ``"weardly"`` are the same word), but internal characters
count, so ``isn’t -> isn't`` is an edit.

* An output edit equal to a gold edit (same line, same input span, same replacement) is a
  true positive; so is an output edit at an *ambiguous* spot whose replacement is one of
  the listed alternatives.
* Any other output edit is a false positive.
* A gold edit the output did not make is a false negative, except at ambiguous spots
  (leaving those unchanged is allowed).
* Must-keep violations: a token of the ``.keep`` file in an input word that the gold leaves
  unchanged, but that the output changed so the token is gone.

Precision is 1.0 by convention when no edit is made (as in the M2 scorer).

Command line::

    python -m bench.score --output OUT.txt     # score a corrected copy of the sample
    python -m bench.score --run                # run normalize.Corrector on the sample
    python -m bench.score --heldout            # run it on bench/heldout/garbled.txt
    python -m bench.score --clean              # false changes per 1,000 words on clean text
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SAMPLE_STEM = "000_931c17ec5702943e"
SAMPLE_INPUT = SEEDS / f"{SAMPLE_STEM}.txt"
SAMPLE_GOLD = SEEDS / f"{SAMPLE_STEM}.gold"
SAMPLE_AMBIGUOUS = SEEDS / f"{SAMPLE_STEM}.ambiguous.tsv"
SAMPLE_KEEP = SEEDS / f"{SAMPLE_STEM}.keep"
HELDOUT = Path(__file__).resolve().parent / "heldout"
HELDOUT_GARBLED = HELDOUT / "garbled.txt"
HELDOUT_GOLD = HELDOUT / "gold.txt"
HELDOUT_CLEAN = HELDOUT / "clean.txt"
HELDOUT_PROSE = HELDOUT / "clean_prose.txt"
SAMPLE_CLEAN_LINES = (1, 13)  # the mostly clean news article at the top of the sample

_PUNCT = "".join(
    sorted(set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’«»„‚…—–·•¡¿")),
)
_SUBTOKEN = re.compile(r"[^\W_]+", re.UNICODE)

# Ambiguous spots: line -> {original -> alternatives}
Ambiguous = Mapping[int, Mapping[str, Sequence[str]]]


# --------------------------------------------------------------------------- reading


def read_lines(path: str | Path) -> list[str]:
    """One paragraph per line; a final newline (or none) makes no difference."""
    text = Path(path).read_text(encoding="utf-8")
    return split_lines(text)


def split_lines(text: str) -> list[str]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [ln[:-1] if ln.endswith("\r") else ln for ln in lines]


def read_ambiguous(path: str | Path | None) -> dict[int, dict[str, list[str]]]:
    """``line<TAB>original<TAB>alt1|alt2`` (a header line starting with ``line`` is skipped)."""
    out: dict[int, dict[str, list[str]]] = {}
    if path is None or not Path(path).exists():
        return out
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        parts = raw.rstrip("\n").split("\t")
        if len(parts) < 3 or not parts[0].strip().isdigit():
            continue
        line, original, alts = int(parts[0]), parts[1].strip(), parts[2]
        out.setdefault(line, {}).setdefault(original, []).extend(
            a.strip() for a in alts.split("|") if a.strip()
        )
    return out


def read_keep(path: str | Path | None) -> list[str]:
    if path is None or not Path(path).exists():
        return []
    return [w.strip() for w in Path(path).read_text(encoding="utf-8").splitlines() if w.strip()]


# --------------------------------------------------------------------------- words


def key(word: str) -> str:
    """The comparison form of a word: surrounding punctuation stripped (kept if all punct)."""
    k = word.strip(_PUNCT)
    return k if k else word


def words(line: str) -> list[str]:
    return line.split()


def _lev(a: str, b: str) -> int:
    if a == b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


_MOVES = ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (1, 0), (0, 1))


def _split_block(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int, int, int]]:
    """Split a replaced block ``a -> b`` (word keys) into small aligned pieces.

    DP over moves that take 0-3 words on each side; the cost of a move is the character
    edit distance between the joined words (spaces removed) plus a small penalty for
    anything but 1:1, so ``isbreally rsther -> is really rather`` splits into
    ``isbreally -> is really`` and ``rsther -> rather``.
    """
    n, m = len(a), len(b)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            c0 = cost[i][j]
            if c0 == inf:
                continue
            for da, db in _MOVES:
                ii, jj = i + da, j + db
                if ii > n or jj > m:
                    continue
                sa, sb = "".join(a[i:ii]), "".join(b[j:jj])
                c = _lev(sa, sb) / max(len(sa), len(sb), 1)
                if (da, db) != (1, 1):
                    c += 0.25 * (da + db - 1)
                if da == 0 or db == 0:
                    c += 0.5
                if c0 + c < cost[ii][jj]:
                    cost[ii][jj] = c0 + c
                    back[ii][jj] = (da, db)
    pieces: list[tuple[int, int, int, int]] = []
    i, j = n, m
    while i or j:
        mv = back[i][j]
        assert mv is not None
        da, db = mv
        pieces.append((i - da, i, j - db, j))
        i, j = i - da, j - db
    pieces.reverse()
    return pieces


@dataclass(frozen=True)
class Edit:
    """``input words [start:end]`` of ``line`` (1-based) became ``replacement``."""

    line: int
    start: int
    end: int
    original: tuple[str, ...]
    replacement: tuple[str, ...]

    @property
    def orig_key(self) -> str:
        return " ".join(key(w) for w in self.original)

    @property
    def repl_key(self) -> str:
        return " ".join(key(w) for w in self.replacement)

    def describe(self) -> str:
        o = " ".join(self.original) or "∅"
        r = " ".join(self.replacement) or "∅"
        return f"line {self.line}: {o} -> {r}"


@dataclass
class Alignment:
    edits: list[Edit]
    # input word index -> index of the identical word on the other side (equal blocks only)
    kept: dict[int, int]
    # input word index -> replacement words, for words inside edits
    changed: dict[int, tuple[str, ...]]


def align(line_no: int, src: Sequence[str], dst: Sequence[str]) -> Alignment:
    """Edits turning the words ``src`` into ``dst`` (one line)."""
    ka = [key(w) for w in src]
    kb = [key(w) for w in dst]
    sm = difflib.SequenceMatcher(a=ka, b=kb, autojunk=False)
    edits: list[Edit] = []
    kept: dict[int, int] = {}
    changed: dict[int, tuple[str, ...]] = {}
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            for off in range(i2 - i1):
                kept[i1 + off] = j1 + off
            continue
        for a1, a2, b1, b2 in _split_block(ka[i1:i2], kb[j1:j2]):
            s1, s2, t1, t2 = i1 + a1, i1 + a2, j1 + b1, j1 + b2
            if ka[s1:s2] == kb[t1:t2]:
                for off in range(s2 - s1):
                    kept[s1 + off] = t1 + off
                continue
            e = Edit(line_no, s1, s2, tuple(src[s1:s2]), tuple(dst[t1:t2]))
            edits.append(e)
            for i in range(s1, s2):
                changed[i] = e.replacement
    return Alignment(edits, kept, changed)


# --------------------------------------------------------------------------- scoring


@dataclass
class KeepViolation:
    line: int
    token: str
    original: str
    output: str

    def describe(self) -> str:
        return f"line {self.line}: {self.token!r} lost ({self.original} -> {self.output or '∅'})"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    words: int = 0
    lines: int = 0
    true_positives: list[Edit] = field(default_factory=list)
    false_positives: list[tuple[Edit, Edit | None]] = field(default_factory=list)
    false_negatives: list[Edit] = field(default_factory=list)
    keep_violations: list[KeepViolation] = field(default_factory=list)
    ambiguous_unchanged: list[Edit] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def f_beta(self, beta: float = 0.5) -> float:
        p, r = self.precision, self.recall
        b2 = beta * beta
        return (1 + b2) * p * r / (b2 * p + r) if p + r else 0.0

    @property
    def f05(self) -> float:
        return self.f_beta(0.5)

    @property
    def edits_made(self) -> int:
        return self.tp + self.fp

    def summary(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f0.5": round(self.f05, 4),
            "keep_violations": len(self.keep_violations),
            "words": self.words,
            "lines": self.lines,
        }

    def to_dict(self) -> dict[str, object]:
        d: dict[str, object] = dict(self.summary())
        d["false_positives"] = [
            {**asdict(e), "expected": (" ".join(g.replacement) if g else None)}
            for e, g in self.false_positives
        ]
        d["false_negatives"] = [asdict(e) for e in self.false_negatives]
        d["keep_violations_list"] = [asdict(v) for v in self.keep_violations]
        d["warnings"] = list(self.warnings)
        return d

    def report(self, title: str = "", max_items: int = 200) -> str:
        out: list[str] = []
        if title:
            out.append(title)
        out.append(
            f"TP {self.tp}  FP {self.fp}  FN {self.fn}  "
            f"P {self.precision:.3f}  R {self.recall:.3f}  F0.5 {self.f05:.3f}  "
            f"must-keep violations {len(self.keep_violations)}  "
            f"({self.lines} lines, {self.words} words)"
        )
        for w in self.warnings:
            out.append(f"WARNING: {w}")
        if self.false_positives:
            out.append(f"False positives ({len(self.false_positives)}):")
            for e, g in self.false_positives[:max_items]:
                exp = f"   [expected: {' '.join(g.replacement) or '∅'}]" if g else ""
                out.append(f"  FP {e.describe()}{exp}")
        if self.false_negatives:
            out.append(f"False negatives ({len(self.false_negatives)}):")
            for e in self.false_negatives[:max_items]:
                out.append(f"  FN {e.describe()}")
        if self.keep_violations:
            out.append(f"Must-keep violations ({len(self.keep_violations)}):")
            for v in self.keep_violations[:max_items]:
                out.append(f"  KEEP {v.describe()}")
        return "\n".join(out)


def _subtokens(word: str) -> set[str]:
    toks = set(_SUBTOKEN.findall(word))
    toks.add(word)
    toks.add(key(word))
    return toks


def _ambiguous_alts(
    amb_line: Mapping[str, Sequence[str]], e: Edit, gold: Edit | None
) -> set[str] | None:
    """Alternatives allowed at the spot of ``e`` (None if it is not an ambiguous spot)."""
    for original, alts in amb_line.items():
        if key(original) == e.orig_key or original == " ".join(e.original):
            allowed = {" ".join(key(w) for w in a.split()) for a in alts}
            if gold is not None:
                allowed.add(gold.repl_key)
            return allowed
    return None


def score_lines(
    input_lines: Sequence[str],
    gold_lines: Sequence[str],
    output_lines: Sequence[str],
    ambiguous: Ambiguous | None = None,
    keep: Iterable[str] = (),
) -> Score:
    """Score ``output_lines`` (a corrected copy of ``input_lines``) against ``gold_lines``."""
    ambiguous = ambiguous or {}
    keep_set = set(keep)
    sc = Score()
    if len(gold_lines) != len(input_lines):
        sc.warnings.append(f"gold has {len(gold_lines)} lines, input {len(input_lines)}")
    if len(output_lines) != len(input_lines):
        sc.warnings.append(f"output has {len(output_lines)} lines, input {len(input_lines)}")
    sc.lines = len(input_lines)
    for idx, inp in enumerate(input_lines):
        ln = idx + 1
        src = words(inp)
        sc.words += len(src)
        gold = words(gold_lines[idx]) if idx < len(gold_lines) else list(src)
        out = words(output_lines[idx]) if idx < len(output_lines) else []
        ga = align(ln, src, gold)
        oa = align(ln, src, out)
        gold_by_span = {(e.start, e.end): e for e in ga.edits}
        amb_line = ambiguous.get(ln, {})
        # which gold edits are ambiguous spots
        amb_gold: dict[tuple[int, int], set[str]] = {}
        for e in ga.edits:
            alts = _ambiguous_alts(amb_line, e, e)
            if alts is not None:
                amb_gold[(e.start, e.end)] = alts
        matched: set[tuple[int, int]] = set()
        for e in oa.edits:
            g = gold_by_span.get((e.start, e.end))
            if g is not None and g.repl_key == e.repl_key:
                sc.tp += 1
                sc.true_positives.append(e)
                matched.add((e.start, e.end))
                continue
            alts = amb_gold.get((e.start, e.end))
            if alts is None and g is None and amb_line:
                # an ambiguous original the gold leaves alone: any occurrence is the spot
                if not any(a.orig_key == e.orig_key for a in ga.edits):
                    alts = _ambiguous_alts(amb_line, e, None)
            if alts is not None and e.repl_key in alts:
                sc.tp += 1
                sc.true_positives.append(e)
                matched.add((e.start, e.end))
                continue
            sc.fp += 1
            overlap = g or next((x for x in ga.edits if x.start < e.end and e.start < x.end), None)
            sc.false_positives.append((e, overlap))
        for g in ga.edits:
            span = (g.start, g.end)
            if span in matched:
                continue
            if span in amb_gold:
                sc.ambiguous_unchanged.append(g)
                continue
            sc.fn += 1
            sc.false_negatives.append(g)
        if keep_set:
            for i, w in enumerate(src):
                toks = _subtokens(w) & keep_set
                if not toks or i not in ga.kept or i in oa.kept:
                    continue
                repl = oa.changed.get(i, ())
                have: set[str] = set()
                for r in repl:
                    have |= _subtokens(r)
                for t in sorted(toks - have):
                    sc.keep_violations.append(KeepViolation(ln, t, w, " ".join(repl)))
    return sc


def score_files(
    input_path: str | Path,
    gold_path: str | Path,
    output_path: str | Path,
    ambiguous_path: str | Path | None = None,
    keep_path: str | Path | None = None,
) -> Score:
    return score_lines(
        read_lines(input_path),
        read_lines(gold_path),
        read_lines(output_path),
        ambiguous=read_ambiguous(ambiguous_path),
        keep=read_keep(keep_path),
    )


def score_sample_text(output_text: str) -> Score:
    """Score a corrected copy of the sample (whole text) against its gold."""
    return score_lines(
        read_lines(SAMPLE_INPUT),
        read_lines(SAMPLE_GOLD),
        split_lines(output_text),
        ambiguous=read_ambiguous(SAMPLE_AMBIGUOUS),
        keep=read_keep(SAMPLE_KEEP),
    )


# --------------------------------------------------------------------------- false changes


@dataclass
class FalseChanges:
    words: int
    changes: list[Edit]

    @property
    def per_1000(self) -> float:
        return 1000.0 * len(self.changes) / self.words if self.words else 0.0

    def report(self, title: str, max_items: int = 50) -> str:
        out = [
            f"{title}: {len(self.changes)} changes in {self.words} words "
            f"= {self.per_1000:.2f} per 1,000 words"
        ]
        for e in self.changes[:max_items]:
            out.append(f"  {e.describe()}")
        return "\n".join(out)


def false_changes(
    clean_lines: Sequence[str],
    output_lines: Sequence[str],
    gold_lines: Sequence[str] | None = None,
) -> FalseChanges:
    """Every edit on text that needs none is a false change.

    With ``gold_lines`` (text that is *mostly* clean), edits equal to a gold edit don't count.
    """
    changes: list[Edit] = []
    n = 0
    for idx, line in enumerate(clean_lines):
        src = words(line)
        n += len(src)
        out = words(output_lines[idx]) if idx < len(output_lines) else []
        made = align(idx + 1, src, out).edits
        if gold_lines is not None and idx < len(gold_lines):
            expected = {
                (e.start, e.end, e.repl_key)
                for e in align(idx + 1, src, words(gold_lines[idx])).edits
            }
            made = [e for e in made if (e.start, e.end, e.repl_key) not in expected]
        changes.extend(made)
    return FalseChanges(n, changes)


# --------------------------------------------------------------------------- running


def load_corrector() -> object:
    from normalize import Corrector

    return Corrector.load()


def correct_text(corrector: object, text: str) -> str:
    return corrector.correct(text).text  # type: ignore[attr-defined]


def correct_lines(corrector: object, lines: Sequence[str]) -> list[str]:
    """Correct a whole text (one paragraph per line) in one call; keep the line count."""
    return split_lines(correct_text(corrector, "\n".join(lines)))


def clean_sets() -> list[tuple[str, list[str], list[str] | None]]:
    """(label, lines, gold or None): text that needs no (or, with gold, few) changes."""
    sample, gold = read_lines(SAMPLE_INPUT), read_lines(SAMPLE_GOLD)
    a, b = SAMPLE_CLEAN_LINES
    sets: list[tuple[str, list[str], list[str] | None]] = [
        (f"sample lines {a}-{b} (news article)", sample[a - 1 : b], gold[a - 1 : b])
    ]
    for name, path in (("heldout clean.txt", HELDOUT_CLEAN), ("clean_prose.txt", HELDOUT_PROSE)):
        if path.exists():
            sets.append((name, read_lines(path), None))
    return sets


def _main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.score", description=__doc__.split("\n")[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--output", type=Path, help="a corrected copy of the input to score")
    mode.add_argument("--run", action="store_true", help="run normalize.Corrector on the sample")
    mode.add_argument("--heldout", action="store_true", help="run the Corrector on held-out text")
    mode.add_argument("--clean", action="store_true", help="false changes on clean text")
    ap.add_argument("--input", type=Path, default=None, help="input (default: the sample)")
    ap.add_argument("--gold", type=Path, default=None, help="gold (default: the sample gold)")
    ap.add_argument("--ambiguous", type=Path, default=None)
    ap.add_argument("--keep", type=Path, default=None)
    ap.add_argument("--json", action="store_true", help="print JSON instead of text")
    ap.add_argument("--max-items", type=int, default=200, help="FP/FN items to list")
    args = ap.parse_args(argv)

    if args.clean:
        t0 = time.perf_counter()
        corrector = load_corrector()
        results = {}
        for name, lines, gold_lines in clean_sets():
            fc = false_changes(lines, correct_lines(corrector, lines), gold_lines)
            results[name] = fc
            if not args.json:
                print(fc.report(name, args.max_items))
        if args.json:
            print(
                json.dumps(
                    {
                        k: {
                            "words": v.words,
                            "changes": len(v.changes),
                            "per_1000": round(v.per_1000, 3),
                            "list": [e.describe() for e in v.changes],
                        }
                        for k, v in results.items()
                    },
                    indent=2,
                    ensure_ascii=False,
                )
            )
        else:
            print(f"({time.perf_counter() - t0:.1f}s)")
        return 0

    if args.heldout:
        inp = args.input or HELDOUT_GARBLED
        gold = args.gold or HELDOUT_GOLD
        amb, keep = args.ambiguous, args.keep
    else:
        inp = args.input or SAMPLE_INPUT
        gold = args.gold or SAMPLE_GOLD
        default_sample = args.input is None
        amb = args.ambiguous or (SAMPLE_AMBIGUOUS if default_sample else None)
        keep = args.keep or (SAMPLE_KEEP if default_sample else None)
    in_lines = read_lines(inp)
    if args.output is not None:
        out_lines = read_lines(args.output)
        title = f"{args.output} vs {gold}"
    else:
        t0 = time.perf_counter()
        out_lines = correct_lines(load_corrector(), in_lines)
        title = f"Corrector on {inp} ({time.perf_counter() - t0:.2f}s incl. load)"
    sc = score_lines(
        in_lines, read_lines(gold), out_lines, ambiguous=read_ambiguous(amb), keep=read_keep(keep)
    )
    if args.json:
        print(json.dumps(sc.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(sc.report(title, args.max_items))
    return 0


if __name__ == "__main__":
    sys.exit(_main())
