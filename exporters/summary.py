"""What every briefing format shows, computed once: counts, groupings and marked segments.

The DOCX, PDF and JSON exporters all read their figures from :func:`summarize` and their
marked text from :func:`original_segments` / :func:`corrected_segments`, so the formats
cannot disagree.  Nothing here re-runs correction: it only reads the result records.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from normalize.records import Paragraph, Result

Mark = Literal["deleted", "inserted", "flagged"]

# XML 1.0 allows TAB, LF, CR and everything from U+0020 except the surrogates and
# U+FFFE/U+FFFF.  Lone surrogates come from ``surrogateescape`` decoding.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# What a chart, an appendix or a reader calls each kind of fix.  The records' ``kind``
# says how a word was repaired; :func:`category` refines ``spelling`` by the reason into
# what a reader cares about (a slip of the keyboard, a stray key, a word spelled wrong
# on purpose).  Kinds not listed here get a readable label from their name.
KIND_LABELS = {
    "typo": "Typing slip",
    "straykey": "Stray key",
    "misspelling": "Misspelling",
    "spelling": "Spelling",
    "runon": "Run-on words split",
    "merge": "Split word joined",
    "split": "Split word joined",
    "realword": "Wrong word in context",
    "case": "Capitalisation",
    "apostrophe": "Missing apostrophe",
    "contraction": "Missing apostrophe",
    "confusion": "Confused word",
    "homophone": "Confused word",
}


def category(kind: str, reason: str = "") -> str:
    """The kind of a fix as a reader sees it: ``spelling`` becomes ``straykey`` (a key
    struck before a capital), ``misspelling`` (a common misspelling, or a spelling by
    ear) or ``typo`` (keyboard slips: neighbouring, doubled, dropped, swapped letters);
    every other kind is itself."""
    if kind != "spelling":
        return kind or "spelling"
    r = reason.casefold()
    if r.startswith("stray key"):
        return "straykey"
    if "misspelling" in r or "sounds like" in r:
        return "misspelling"
    return "typo"


def clean(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (control characters, lone
    surrogates, U+FFFE, U+FFFF): what a DOCX or PDF can hold."""
    return _XML_FORBIDDEN.sub("", text)


def count_forbidden(text: str) -> int:
    """How many characters :func:`clean` would drop from ``text``."""
    return sum(1 for _ in _XML_FORBIDDEN.finditer(text))


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of a paragraph's text, cleaned, with how to mark it.

    ``note`` is what the other column shows for the same spot: the replacement of a
    deleted word, the original of an inserted one, the suggestion of a flagged one.  A
    deleted segment may have empty ``text`` (a pure insertion); renderers skip empty text.
    """

    text: str
    mark: Mark | None = None
    note: str | None = None
    confidence: float | None = None


def _partition(text: str, marks: Iterable[tuple[int, int, Mark, str, float]]) -> list[Segment]:
    """Cut ``text`` into segments at the marks; the segments always join back to ``text``
    (minus forbidden characters), whatever the marks: overlapping or out-of-range marks
    are ignored rather than trusted."""
    out: list[Segment] = []
    pos = 0
    for start, end, mark, note, conf in sorted(marks, key=lambda m: (m[0], m[1])):
        if start < pos or end < start or end > len(text):
            continue
        if start > pos:
            out.append(Segment(clean(text[pos:start])))
        out.append(Segment(clean(text[start:end]), mark, clean(note), conf))
        pos = end
    if pos < len(text) or not out:
        out.append(Segment(clean(text[pos:])))
    return [s for s in out if s.text or s.mark == "deleted"]


def original_segments(p: Paragraph) -> list[Segment]:
    """The original paragraph: replaced words ``deleted``, uncertain words ``flagged``."""
    marks: list[tuple[int, int, Mark, str, float]] = [
        (c.start, c.end, "deleted", c.replacement, c.confidence) for c in p.corrections
    ]
    marks += [(f.start, f.end, "flagged", f.suggestion, f.confidence) for f in p.flags]
    return _partition(p.original, marks)


def corrected_segments(p: Paragraph) -> list[Segment]:
    """The corrected paragraph: replacements ``inserted``, uncertain words ``flagged``."""
    marks: list[tuple[int, int, Mark, str, float]] = [
        (s, e, "inserted", c.original, c.confidence)
        for c, (s, e) in zip(p.corrections, p.replacement_spans, strict=True)
        if e > s
    ]
    for f in p.flags:
        shift = sum(
            len(c.replacement) - (c.end - c.start) for c in p.corrections if c.end <= f.start
        )
        marks.append((f.start + shift, f.end + shift, "flagged", f.suggestion, f.confidence))
    return _partition(p.corrected, marks)


def source_name(result: Result, position: int) -> str:
    """How a briefing names a source: its file name, else ``Input 1``, ``Input 2`` …"""
    return clean(result.source) if result.source else f"Input {position + 1}"


def is_empty(result: Result) -> bool:
    """True when a source holds no text at all (only whitespace, or nothing)."""
    return not result.original.strip()


def paragraph_changed(p: Paragraph) -> bool:
    return bool(p.corrections or p.flags)


def body_rows(result: Result, only_changed: bool = False) -> Iterator[Paragraph]:
    """The paragraphs a briefing's side-by-side body shows for ``result``, in order."""
    if is_empty(result):
        return
    for p in result.paragraphs():
        if not only_changed or paragraph_changed(p):
            yield p


@dataclass(frozen=True, slots=True)
class SourceSummary:
    """The figures of one source (or, as :attr:`Summary.totals`, of all of them)."""

    name: str
    paragraphs: int
    changed_paragraphs: int
    words: int
    corrections: int
    flags: int
    unknown: int
    removed_chars: int


@dataclass(frozen=True, slots=True)
class CorrectionGroup:
    """Every application of one change, ``original → replacement``; ``category`` is
    :func:`category` of its first record."""

    original: str
    replacement: str
    kind: str
    count: int
    min_confidence: float
    max_confidence: float
    category: str = ""


@dataclass(frozen=True, slots=True)
class UnknownWord:
    word: str
    count: int
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    """Everything a briefing counts and groups, for all its sources."""

    sources: tuple[SourceSummary, ...]
    totals: SourceSummary
    by_kind: tuple[tuple[str, int], ...]
    by_category: tuple[tuple[str, int], ...]
    corrections: tuple[CorrectionGroup, ...]
    flags: tuple[CorrectionGroup, ...]
    unknown: tuple[UnknownWord, ...]

    @property
    def empty(self) -> bool:
        """True when no source holds any text."""
        return self.totals.words == 0

    def notices(self) -> list[str]:
        """Sentences a reader must see in the summary (removed characters, empty input)."""
        out = []
        if self.empty:
            out.append("The input contains no text: there is nothing to compare.")
        else:
            for s in self.sources:
                if s.words == 0:
                    out.append(f"{s.name} contains no text.")
        n = self.totals.removed_chars
        if n:
            out.append(
                f"{n} character{'s' if n != 1 else ''} that a document cannot hold (control "
                "characters, unpaired surrogates, U+FFFE/U+FFFF) "
                f"{'were' if n != 1 else 'was'} left out of this briefing."
            )
        return out


def _group(
    items: Iterable[tuple[str, str, str, float, str]],
) -> tuple[CorrectionGroup, ...]:
    acc: dict[tuple[str, str, str], list[float]] = {}
    reasons: dict[tuple[str, str, str], str] = {}
    for original, replacement, kind, conf, reason in items:
        key = (original, replacement, kind)
        acc.setdefault(key, []).append(conf)
        reasons.setdefault(key, reason)
    groups = [
        CorrectionGroup(
            clean(o), clean(r), k, len(cs), min(cs), max(cs), category(k, reasons[(o, r, k)])
        )
        for (o, r, k), cs in acc.items()
    ]
    groups.sort(key=lambda g: (-g.count, g.original.casefold(), g.original, g.replacement))
    return tuple(groups)


def _source_summary(result: Result, name: str) -> SourceSummary:
    if is_empty(result):
        return SourceSummary(name, 0, 0, 0, 0, 0, 0, count_forbidden(result.original))
    paragraphs = changed = 0
    for p in result.paragraphs():
        paragraphs += 1
        changed += paragraph_changed(p)
    removed_original = count_forbidden(result.original)
    removed = removed_original + max(0, count_forbidden(result.text) - removed_original)
    return SourceSummary(
        name=name,
        paragraphs=paragraphs,
        changed_paragraphs=changed,
        words=result.word_count(),
        corrections=len(result.corrections),
        flags=len(result.flags),
        unknown=len(result.unknown),
        removed_chars=removed,
    )


def summarize(results: Sequence[Result]) -> Summary:
    """Count and group the records of ``results`` (one per input file)."""
    names = [source_name(r, i) for i, r in enumerate(results)]
    sources = tuple(_source_summary(r, n) for r, n in zip(results, names, strict=True))
    totals = SourceSummary(
        "All sources",
        *(sum(getattr(s, f) for s in sources) for f in SourceSummary.__slots__[1:]),
    )
    kinds = Counter(c.kind for r in results for c in r.corrections)
    categories = Counter(category(c.kind, c.reason) for r in results for c in r.corrections)
    unknown: dict[str, list[str]] = {}
    for r, n in zip(results, names, strict=True):
        for u in r.unknown:
            unknown.setdefault(clean(u.word), []).append(n)
    return Summary(
        sources=sources,
        totals=totals,
        by_kind=tuple(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
        by_category=tuple(sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))),
        corrections=_group(
            (c.original, c.replacement, c.kind, c.confidence, c.reason)
            for r in results
            for c in r.corrections
        ),
        flags=_group(
            (f.original, f.suggestion, f.kind, f.confidence, f.reason)
            for r in results
            for f in r.flags
        ),
        unknown=tuple(
            sorted(
                (
                    UnknownWord(w, len(ns), tuple(dict.fromkeys(ns)))
                    for w, ns in unknown.items()
                    if w
                ),
                key=lambda u: (-u.count, u.word.casefold(), u.word),
            )
        ),
    )


def confidence_text(low: float, high: float | None = None) -> str:
    """``0.82`` as ``82%``; a range as ``74–91%``."""
    lo = round(low * 100)
    hi = lo if high is None else round(high * 100)
    return f"{lo}%" if lo == hi else f"{lo}–{hi}%"


def long_date(day: date) -> str:
    """``2026-03-01`` as ``1 March 2026``, the way a briefing prints dates."""
    return f"{day.day} {day:%B %Y}"


def kind_label(kind: str) -> str:
    """A reader's name for a kind or :func:`category`: ``realword`` is "Wrong word in
    context"; an unknown ``real_word-slip`` or ``missingArticle`` reads "Real word slip"
    and "Missing article"."""
    label = KIND_LABELS.get(kind)
    if label is not None:
        return label
    words = re.sub(r"(?<=[a-z])(?=[A-Z])|[_\-\s]+", " ", clean(kind)).split()
    if not words:
        return "Other"
    text = " ".join(words).lower()
    return text[0].upper() + text[1:]


def as_results(result: Result | Sequence[Result]) -> list[Result]:
    """Accept one result or a sequence of them."""
    return [result] if isinstance(result, Result) else list(result)
