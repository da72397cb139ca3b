"""Per-class scores on the context set (bench/context/): ``python -m bench.bench_context``.

Each file holds comments with hand-typed errors written as ``{typed|gold}``.  Redline
corrects the typed text; every annotated error is fixed or missed, every change is right
or wrong, and the clean twin (the gold text) gives the false changes per 1,000 words.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent / "context"
SETS = {
    "dev": HERE / "dev.txt",
    "heldout": HERE / "heldout.txt",
    "heldout2": HERE / "heldout2.txt",
    "dev3": HERE / "dev3.txt",
    "heldout3": HERE / "heldout3.txt",
    "dev4": HERE / "dev4.txt",
    "heldout4": HERE / "heldout4.txt",
}
_EDIT = re.compile(r"\{([^|{}]*)\|([^|{}]*)\}")
CLASSES = ("apostrophe", "realword", "case", "name", "spelling")


@dataclass(frozen=True)
class Edit:
    start: int  # in the typed text
    end: int
    typed: str
    gold: str


def parse(annotated: str) -> tuple[str, str, list[Edit]]:
    """The typed text, the gold text and the edits (offsets in the typed text)."""
    typed: list[str] = []
    gold: list[str] = []
    edits: list[Edit] = []
    pos = 0
    n = 0
    for m in _EDIT.finditer(annotated):
        plain = annotated[pos : m.start()]
        typed.append(plain)
        gold.append(plain)
        n += len(plain)
        t, g = m.group(1), m.group(2)
        edits.append(Edit(n, n + len(t), t, g))
        typed.append(t)
        gold.append(g)
        n += len(t)
        pos = m.end()
    typed.append(annotated[pos:])
    gold.append(annotated[pos:])
    return "".join(typed), "".join(gold), edits


def edit_class(e: Edit, lexicon) -> str:
    if e.typed.lower() == e.gold.lower():
        return "case"
    if any(a in e.gold for a in "'\u2019") and re.sub(
        "['\u2019]", "", e.gold
    ).lower() == e.typed.lower().replace("'", ""):
        return "apostrophe"
    info = lexicon.info(e.typed.lower().replace("\u2019", "'"))
    if info is not None and info.trusted:
        return "realword"
    if e.gold[:1].isupper() and e.typed[:1].isupper():
        return "name"
    return "spelling"


def score(corrector, annotated: str) -> dict:
    typed, gold, edits = parse(annotated)
    result = corrector.correct(typed)
    per_class: dict[str, Counter] = {c: Counter() for c in CLASSES}
    touched: set[int] = set()
    wrong_examples: list[str] = []
    missed_examples: list[str] = []
    fixed = changes = 0
    for e in edits:
        cls = edit_class(e, corrector.lexicon)
        per_class[cls]["errors"] += 1
        over = [
            (i, c) for i, c in enumerate(result.corrections) if c.start < e.end and c.end > e.start
        ]
        touched.update(i for i, _ in over)
        out = e.typed
        for _i, c in sorted(over, key=lambda x: -x[1].start):
            a, b = max(c.start, e.start) - e.start, min(c.end, e.end) - e.start
            out = out[:a] + c.replacement + out[b:]
        if over:
            changes += 1
            per_class[cls]["changes"] += 1
        if out == e.gold:
            fixed += 1
            per_class[cls]["fixed"] += 1
        else:
            missed_examples.append(f"{cls}: {e.typed} -> {out} (gold {e.gold})")
            if over:
                wrong_examples.append(f"{cls}: {e.typed} -> {out} (gold {e.gold})")
    for i, c in enumerate(result.corrections):
        if i not in touched:
            changes += 1
            wrong_examples.append(f"false: {c.original} -> {c.replacement} ({c.reason})")
    clean = corrector.correct(gold)
    words = len(gold.split())
    return {
        "words": words,
        "errors": len(edits),
        "fixed": fixed,
        "changes": changes,
        "precision": fixed / changes if changes else 1.0,
        "recall": fixed / len(edits) if edits else 1.0,
        "per_class": {c: dict(v) for c, v in per_class.items() if v},
        "clean_changes": len(clean.corrections),
        "clean_per_1000": 1000 * len(clean.corrections) / words,
        "clean_examples": [f"{c.original} -> {c.replacement}" for c in clean.corrections],
        "wrong": wrong_examples,
        "missed": missed_examples,
        "flags": len(result.flags),
    }


def report(name: str, r: dict, verbose: bool) -> str:
    lines = [
        f"## {name}: {r['words']} words, {r['errors']} errors",
        f"precision {r['precision']:.3f}  recall {r['recall']:.3f}  "
        f"({r['fixed']} fixed, {r['changes']} changes, {r['flags']} flags); "
        f"clean twin: {r['clean_changes']} false changes "
        f"({r['clean_per_1000']:.2f} per 1,000 words)",
        "",
        "| class | errors | fixed | recall | changes | precision |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for c, v in r["per_class"].items():
        n, f, ch = v.get("errors", 0), v.get("fixed", 0), v.get("changes", 0)
        lines.append(
            f"| {c} | {n} | {f} | {f / n if n else 0:.2f} | {ch} | {f / ch if ch else 1:.2f} |"
        )
    if verbose:
        lines += ["", "wrong:"] + [f"  {w}" for w in r["wrong"]]
        lines += ["missed:"] + [f"  {w}" for w in r["missed"]]
        lines += ["clean twin:"] + [f"  {w}" for w in r["clean_examples"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sets", default="dev,heldout,heldout2,dev3,heldout3,dev4,heldout4")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument(
        "--without-context",
        action="store_true",
        help="switch the context decisions off (the language model and casing)",
    )
    args = ap.parse_args(argv)
    from normalize import Corrector

    settings = {"context_lm": False, "casing": False} if args.without_context else {}
    corrector = Corrector.load(**settings)
    for name in args.sets.split(","):
        t = time.perf_counter()
        r = score(corrector, SETS[name].read_text(encoding="utf-8"))
        print(report(name, r, args.verbose))
        print(f"({time.perf_counter() - t:.1f} s)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
