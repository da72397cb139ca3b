"""The PDF briefing's fonts, kept in one place: which font files, registering them with
reportlab, measuring words fast, and which characters they can draw.

Every font a briefing uses is a TrueType font embedded (subset) in the PDF: the DejaVu
Sans Condensed subset shipped in ``exporters/fonts``, else a system DejaVu, else
reportlab's own Vera (Latin only).  Characters none of them has a glyph for (emoji) are
left out of the PDF and counted, the way :func:`exporters.summary.clean` counts what XML
cannot hold.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

__all__ = ["FONT_DIR", "Fonts", "font_sources", "load_fonts", "register_fonts"]

FONT_DIR = Path(__file__).parent / "fonts"
FAMILY = "RedlineSans"

# Where a system copy of DejaVu may be, should the shipped subset be missing.
_SYSTEM_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/Library/Fonts"),
    Path.home() / "Library" / "Fonts",
    Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts",
)

# Characters a renderer never draws as glyphs: line breaks and tabs are layout.
_LAYOUT = frozenset(map(ord, "\t\n\r"))


def font_sources() -> list[tuple[Path, str, str, str]]:
    """``(directory, regular, bold, italic)`` to try, best first: the shipped subset, a
    system DejaVu, then reportlab's own Vera (Latin only: Cyrillic and Greek would not
    show)."""
    import reportlab

    sources = [(FONT_DIR, "DejaVuSansCondensed")]
    sources += [
        (d, stem) for d in _SYSTEM_FONT_DIRS for stem in ("DejaVuSansCondensed", "DejaVuSans")
    ]
    out = [(d, f"{stem}.ttf", f"{stem}-Bold.ttf", f"{stem}-Oblique.ttf") for d, stem in sources]
    out.append((Path(reportlab.__file__).parent / "fonts", "Vera.ttf", "VeraBd.ttf", "VeraIt.ttf"))
    return out


class _MeasuredTTFont(TTFont):
    """A TrueType font that remembers the width of each word it has measured.

    Line breaking measures every word of every cell, again when a table splits and again
    when it draws; words repeat (Zipf), so a small cache cuts the layout time by a third.
    """

    _LIMIT = 200_000

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._widths: dict[tuple[str, float], float] = {}

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:  # noqa: N802
        key = (text, size)
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) > self._LIMIT:
                self._widths.clear()
            width = self._widths[key] = super().stringWidth(text, size, encoding)
        return width


@dataclass(frozen=True, slots=True)
class Fonts:
    """The registered family: reportlab font names, and the code points all three faces
    can draw (``None``: unknown, draw everything)."""

    regular: str
    bold: str
    italic: str
    unicode: bool  # False when only the Latin fallback could be loaded
    coverage: frozenset[int] | None = field(default=None, repr=False, compare=False)
    ascii: bool = True  # every face draws printable ASCII (the fast path)

    def can_show(self, ch: str) -> bool:
        """Whether ``ch`` has a glyph in every face (layout characters always pass)."""
        return self.coverage is None or ord(ch) in self.coverage or ord(ch) in _LAYOUT

    def showable(self, text: str) -> str:
        """``text`` without the characters the fonts cannot draw."""
        if self.coverage is None or (self.ascii and text.isascii()):
            return text
        return _undrawable(self.coverage).sub("", text)

    def missing(self, text: str) -> int:
        """How many characters of ``text`` the fonts cannot draw."""
        if self.coverage is None or (self.ascii and text.isascii()):
            return 0
        return sum(1 for _ in _undrawable(self.coverage).finditer(text))


@functools.cache
def _undrawable(coverage: frozenset[int]) -> re.Pattern[str]:
    """A pattern matching one character outside ``coverage`` (layout characters aside):
    a character class of the covered ranges, negated, so the scan runs in C."""
    points = sorted(coverage | _LAYOUT)
    ranges: list[tuple[int, int]] = []
    for cp in points:
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    parts = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    return re.compile(f"[^{parts}]")


@functools.cache
def register_fonts() -> Fonts:
    """Register the briefing's font family once and say which one it is.

    The DejaVu Sans Condensed subset shipped with Redline comes first; a system copy of
    DejaVu is the fallback; when neither loads, reportlab's bundled Vera (Latin only).
    """
    return load_fonts(font_sources())


def load_fonts(candidates: Sequence[tuple[Path, str, str, str]]) -> Fonts:
    """Register the first complete ``(directory, regular, bold, italic)`` that loads;
    Helvetica (built into every PDF reader, not embedded, Latin only) when none does."""
    for directory, regular, bold, italic in candidates:
        files = [directory / regular, directory / bold, directory / italic]
        if not all(f.is_file() for f in files):
            continue
        is_unicode = "DejaVu" in regular
        prefix = FAMILY if is_unicode else "RedlineLatin"
        names = [prefix, f"{prefix}-Bold", f"{prefix}-Italic"]
        try:
            faces = [_MeasuredTTFont(name, str(f)) for name, f in zip(names, files, strict=True)]
        except Exception:  # a damaged font file: try the next source
            continue
        coverage = frozenset.intersection(*(frozenset(f.face.charToGlyph) for f in faces))
        ascii_ok = all(c in coverage for c in range(0x20, 0x7F))
        for face in faces:
            pdfmetrics.registerFont(face)
        pdfmetrics.registerFontFamily(
            prefix, normal=names[0], bold=names[1], italic=names[2], boldItalic=names[1]
        )
        return Fonts(*names, unicode=is_unicode, coverage=coverage, ascii=ascii_ok)
    return Fonts("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", unicode=False)
