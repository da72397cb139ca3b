"""Build the technical set: ``NAME.src`` (errors written in place as ``{typed|gold}``) ->
``NAME.txt`` (what was typed) and ``NAME.gold.txt`` (the gold), line for line.

    python -m bench.technical.build
"""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
_EDIT = re.compile(r"\{([^{}|\n]*)\|([^{}|\n]*)\}")


def build(src: Path) -> tuple[str, str]:
    text = src.read_text(encoding="utf-8")
    typed = _EDIT.sub(lambda m: m.group(1), text)
    gold = _EDIT.sub(lambda m: m.group(2), text)
    return typed, gold


def main() -> None:
    for src in sorted(HERE.glob("*.src")):
        typed, gold = build(src)
        (HERE / f"{src.stem}.txt").write_text(typed, encoding="utf-8")
        (HERE / f"{src.stem}.gold.txt").write_text(gold, encoding="utf-8")
        edits = sum(1 for m in _EDIT.finditer(src.read_text(encoding="utf-8")) if m[1] != m[2])
        print(f"{src.stem}: {len(typed.splitlines())} lines, {edits} errors")


if __name__ == "__main__":
    main()
