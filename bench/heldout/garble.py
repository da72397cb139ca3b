"""Garble clean text the way a sloppy typist does (seeded, deterministic).

    python -m bench.heldout.garble            # clean.txt -> garbled.txt + gold.txt + edits.tsv

The typo model works on whole words of one paragraph per line:

* QWERTY-adjacent substitution (``that -> thst``), insertion of an adjacent key
  (``strength -> strebgth``), deletion, a doubled letter, a transposition;
* a lost space (``of the -> ofthe``) and a space typed as a key next to the space bar
  (``is really -> isbreally``);
* a stray letter before a capital (``Nuland -> zNuland``).

About a quarter of the paragraphs stay clean; in the others 10-15% of the words are hit.
URLs, anything with a digit and all-caps acronyms are never touched, and neither are the
apostrophes and hyphens inside words.  ``gold.txt`` is the clean text itself.  Same seed,
same output: the generated files are committed and must not be edited by hand.
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20240531

ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS: dict[str, str] = {}


def _build_neighbours() -> None:
    pos = {c: (r, i) for r, row in enumerate(ROWS) for i, c in enumerate(row)}
    for c, (r, i) in pos.items():
        near = []
        for d, (r2, i2) in pos.items():
            if d == c:
                continue
            # rows are staggered by about half a key
            dx = (i2 + 0.5 * r2) - (i + 0.5 * r)
            if abs(r2 - r) <= 1 and abs(dx) <= 1.0:
                near.append(d)
        _NEIGHBOURS[c] = "".join(sorted(near))


_build_neighbours()

SPACE_KEYS = "cvbnm"  # keys a thumb hits instead of the space bar
STRAY_BEFORE_CAPITAL = "azqsx"  # keys next to shift / the left little finger

# relative weights of the typo kinds
OPS: tuple[tuple[str, float], ...] = (
    ("substitute", 0.36),
    ("insert", 0.15),
    ("delete", 0.12),
    ("double", 0.08),
    ("transpose", 0.10),
    ("lost_space", 0.08),
    ("space_key", 0.06),
    ("stray_capital", 0.05),
)

CLEAN_SHARE = 0.25
RATE_RANGE = (0.10, 0.15)

_WORD = re.compile(r"^([^\w]*)(.*?)([^\w]*)$", re.UNICODE)


def neighbours(c: str) -> str:
    n = _NEIGHBOURS.get(c.lower(), "")
    return n.upper() if c.isupper() else n


def eligible(token: str) -> bool:
    """A whitespace token the typo model may touch."""
    if "://" in token or token.lower().startswith("www.") or "/" in token or "@" in token:
        return False
    if any(ch.isdigit() for ch in token):
        return False
    core = _WORD.match(token).group(2)  # type: ignore[union-attr]
    letters = [ch for ch in core if ch.isalpha()]
    if len(letters) < 2:
        return False
    if all(ch.isupper() for ch in letters):  # acronyms: NATO, OSCE, IAEA
        return False
    return all(ch.isascii() for ch in letters)


def _letter_positions(core: str) -> list[int]:
    return [i for i, ch in enumerate(core) if ch.isalpha() and ch.isascii()]


def _edit_core(core: str, op: str, rng: random.Random) -> str | None:
    pos = _letter_positions(core)
    if not pos:
        return None
    if op == "substitute":
        i = rng.choice(pos)
        n = neighbours(core[i])
        if not n:
            return None
        return core[:i] + rng.choice(n) + core[i + 1 :]
    if op == "insert":
        i = rng.choice(pos)
        n = neighbours(core[i])
        if not n:
            return None
        ch = rng.choice(n).lower()
        # the extra key lands just before or just after the intended one
        return (
            core[:i] + ch + core[i:] if rng.random() < 0.5 else core[: i + 1] + ch + core[i + 1 :]
        )
    if op == "delete":
        if len(pos) < 3:
            return None
        i = rng.choice(pos[1:])  # first letters are rarely dropped
        return core[:i] + core[i + 1 :]
    if op == "double":
        i = rng.choice(pos)
        return core[: i + 1] + core[i].lower() + core[i + 1 :]
    if op == "transpose":
        pairs = [i for i in pos if i + 1 in pos and core[i] != core[i + 1]]
        if not pairs:
            return None
        i = rng.choice(pairs)
        a, b = core[i], core[i + 1]
        if i == 0 and a.isupper():  # Shift stays on the first key pressed
            a, b = a.lower(), b.upper()
        return core[:i] + b + a + core[i + 2 :]
    if op == "stray_capital":
        if not core[:1].isupper() or not core[1:2].islower():
            return None
        return rng.choice(STRAY_BEFORE_CAPITAL) + core
    return None


@dataclass
class Typo:
    line: int
    original: str
    garbled: str
    op: str


def garble_line(
    line: str, rate: float, rng: random.Random, line_no: int = 0
) -> tuple[str, list[Typo]]:
    toks = line.split(" ")
    out: list[str] = []
    typos: list[Typo] = []
    names = [o for o, _ in OPS]
    weights = [w for _, w in OPS]
    i = 0
    while i < len(toks):
        tok = toks[i]
        if not tok or not eligible(tok) or rng.random() >= rate:
            out.append(tok)
            i += 1
            continue
        op = rng.choices(names, weights)[0]
        pre, core, post = _WORD.match(tok).groups()  # type: ignore[union-attr]
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if op in ("lost_space", "space_key"):
            # join with the next word: only between two plain words (no punctuation between)
            npre = _WORD.match(nxt).group(1) if nxt else ""  # type: ignore[union-attr]
            if post or npre or not nxt or not eligible(nxt) or not nxt[:1].islower():
                op = "substitute"
            else:
                sep = "" if op == "lost_space" else rng.choice(SPACE_KEYS)
                joined = tok + sep + nxt
                out.append(joined)
                typos.append(Typo(line_no, f"{tok} {nxt}", joined, op))
                i += 2
                continue
        new = None
        for attempt in (op, "substitute", "transpose", "delete"):
            new = _edit_core(core, attempt, rng)
            if new is not None and new != core:
                op = attempt
                break
        if new is None or new == core:
            out.append(tok)
            i += 1
            continue
        g = pre + new + post
        out.append(g)
        typos.append(Typo(line_no, tok, g, op))
        i += 1
    return " ".join(out), typos


def garble_text(lines: list[str], seed: int = SEED) -> tuple[list[str], list[Typo]]:
    rng = random.Random(seed)
    out: list[str] = []
    typos: list[Typo] = []
    for n, line in enumerate(lines, 1):
        if rng.random() < CLEAN_SHARE:
            out.append(line)
            continue
        rate = rng.uniform(*RATE_RANGE)
        g, t = garble_line(line, rate, rng, n)
        out.append(g)
        typos.extend(t)
    return out, typos


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.heldout.garble", description=__doc__)
    ap.add_argument("--input", type=Path, default=HERE / "clean.txt")
    ap.add_argument("--out-dir", type=Path, default=HERE)
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args(argv)
    lines = args.input.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    garbled, typos = garble_text(lines, args.seed)
    d: Path = args.out_dir
    d.mkdir(parents=True, exist_ok=True)
    (d / "garbled.txt").write_text("\n".join(garbled) + "\n", encoding="utf-8")
    (d / "gold.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = ["line\toriginal\tgarbled\top"]
    rows += [f"{t.line}\t{t.original}\t{t.garbled}\t{t.op}" for t in typos]
    (d / "typos.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    nwords = sum(len(ln.split()) for ln in lines)
    hit = sum(1 for ln, g in zip(lines, garbled, strict=True) if ln != g)
    print(
        f"{len(lines)} lines ({hit} garbled), {nwords} words, {len(typos)} typos "
        f"({100 * len(typos) / max(nwords, 1):.1f}% of all words) -> {d}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
