"""The result records: what a correction pass decided, rich enough to render and replay.

Everything downstream of the corrector (exporters, reports, ``check``) works from these
records alone and never re-runs correction.  Offsets are character offsets (Python ``str``
indices) into ``Result.original``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["spelling", "runon", "merge", "realword", "case", "apostrophe"]


@dataclass(frozen=True, slots=True)
class Correction:
    """One applied change: ``original[start:end]`` became ``replacement``."""

    start: int
    end: int
    original: str
    replacement: str
    confidence: float
    reason: str
    kind: Kind = "spelling"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Flag:
    """An uncertain spot: a suggestion that was *not* applied (confidence too low)."""

    start: int
    end: int
    original: str
    suggestion: str
    confidence: float
    reason: str
    kind: Kind = "spelling"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Unknown:
    """A word that no dictionary knows and that has no convincing correction."""

    start: int
    end: int
    word: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph (one line of the input) with its records, offsets relative to it.

    ``replacement_spans`` gives, for each correction in order, its ``(start, end)`` in
    ``corrected`` so that exporters can mark the new words without recomputing anything.
    """

    index: int
    start: int
    original: str
    corrected: str
    corrections: tuple[Correction, ...]
    flags: tuple[Flag, ...]
    unknown: tuple[Unknown, ...]
    label: str | None = None

    @property
    def replacement_spans(self) -> tuple[tuple[int, int], ...]:
        spans = []
        shift = 0
        for c in self.corrections:
            s = c.start + shift
            spans.append((s, s + len(c.replacement)))
            shift += len(c.replacement) - (c.end - c.start)
        return tuple(spans)


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of correcting one text.

    >>> r.text            # the corrected text
    >>> r.corrections     # applied changes, in order of position
    >>> r.flags           # uncertain spots, not applied
    >>> r.unknown         # words no dictionary knows

    ``labels`` optionally gives each paragraph (line) a label, shown beside its row in a
    briefing: a record input's author or date (see :func:`normalize.formats.combine`).
    """

    original: str
    text: str
    corrections: tuple[Correction, ...] = ()
    flags: tuple[Flag, ...] = ()
    unknown: tuple[Unknown, ...] = ()
    source: str | None = None
    meta: dict[str, Any] = field(default_factory=dict, compare=False)
    labels: tuple[str | None, ...] = ()  # a label per paragraph (who, when), or none

    @property
    def changed(self) -> bool:
        return bool(self.corrections)

    def word_count(self) -> int:
        return len(self.original.split())

    def paragraphs(self) -> Iterator[Paragraph]:
        """Split into paragraphs at line breaks (``\\n``, ``\\r\\n`` or ``\\r``).

        Every record falls inside exactly one paragraph (corrections never span a line
        break).  Empty lines are paragraphs too, so numbering matches line numbers; a
        final line break does not open an empty last paragraph.
        """
        spans = line_spans(self.original)
        starts = [s for s, _ in spans]
        buckets: list[tuple[list[Any], list[Any], list[Any]]] = [([], [], []) for _ in spans]
        for slot, records in enumerate((self.corrections, self.flags, self.unknown)):
            for r in records:
                i = bisect_right(starts, r.start) - 1
                buckets[max(i, 0)][slot].append(r)
        shift = 0
        for index, ((s, e), (pc, pf, pu)) in enumerate(zip(spans, buckets)):
            delta = sum(len(c.replacement) - (c.end - c.start) for c in pc)
            yield Paragraph(
                index=index,
                start=s,
                original=self.original[s:e],
                corrected=self.text[s + shift : e + shift + delta],
                corrections=tuple(_shift(c, -s) for c in pc),
                flags=tuple(_shift(f, -s) for f in pf),
                unknown=tuple(_shift(u, -s) for u in pu),
                label=self.labels[index] if index < len(self.labels) else None,
            )
            shift += delta

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready report of everything decided."""
        return {
            "source": self.source,
            "corrections": [c.to_dict() for c in self.corrections],
            "flags": [f.to_dict() for f in self.flags],
            "unknown": [u.to_dict() for u in self.unknown],
            "meta": dict(self.meta),
        }


def _shift(record: Any, by: int) -> Any:
    cls = type(record)
    values = {f: getattr(record, f) for f in record.__slots__}
    values["start"] += by
    values["end"] += by
    return cls(**values)


def apply_corrections(original: str, corrections: Sequence[Correction]) -> str:
    """Replay records onto the original text (records sorted, non-overlapping)."""
    out: list[str] = []
    pos = 0
    for c in corrections:
        out.append(original[pos : c.start])
        out.append(c.replacement)
        pos = c.end
    out.append(original[pos:])
    return "".join(out)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each line, line breaks excluded; ``[(0, 0)]`` for ``""``."""
    spans = []
    pos = 0
    for m in _LINE_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text) or not spans:
        spans.append((pos, len(text)))
    return spans
