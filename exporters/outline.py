"""The briefing as format-neutral blocks, built once; ``pdf.py`` and ``docx.py`` only
render them.

Every word a briefing says (kicker, title block, summary sentence and its plurals,
notices, chart bars, table headings, empty-source notes, appendix titles) and its palette
are decided here, so the PDF and the DOCX cannot disagree.  A :class:`Medium` says what
a format can hold: where a flag's suggestion goes (under the text, or in a comment) and
which characters its fonts can draw (the PDF's cannot draw emoji: they are left out and
counted, like the characters XML cannot hold).

>>> doc = build(results, BriefOptions(title="Budapest talks"), Medium("pdf"))
>>> doc.summary.sentence
'Redline applied 71 corrections in 26 of 59 paragraphs. ...'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from normalize.records import Paragraph, Result

from .options import BriefOptions
from .summary import (
    Mark,
    Segment,
    Summary,
    body_rows,
    clean,
    confidence_text,
    corrected_segments,
    is_empty,
    kind_label,
    long_date,
    original_segments,
    source_name,
    summarize,
)

__all__ = [
    "AUTHOR",
    "EMPTY_SOURCE",
    "KICKER",
    "PALETTE",
    "Appendix",
    "Body",
    "Chart",
    "Document",
    "Medium",
    "Metadata",
    "Palette",
    "Row",
    "Section",
    "SummaryBlock",
    "Table",
    "TitleBlock",
    "build",
    "comment_text",
    "metadata",
    "plural",
]

KICKER = "CORRECTION BRIEFING · ORIGINAL AND CORRECTED TEXT"
AUTHOR = "Redline"  # the document author when none is given, and the revisions' author
PAGE_MM = {False: (210.0, 297.0), True: (297.0, 210.0)}  # A4 (width, height) by landscape
MARGIN_MM = 18.0  # left and right, both formats
EMPTY_SOURCE = "This source contains no text."


@dataclass(frozen=True, slots=True)
class Palette:
    """A restrained palette (``#RRGGBB``): navy for structure, red/green for changes,
    amber for doubt."""

    navy: str = "#1F3864"
    ink: str = "#1A1A1A"
    muted: str = "#5F6B7A"
    rule: str = "#C8D0DA"
    zebra: str = "#F4F6F9"
    panel: str = "#EEF2F7"
    deleted: str = "#B3261E"
    inserted: str = "#1E7B34"
    flagged: str = "#FFE08A"
    notice: str = "#FFF6DB"
    notice_rule: str = "#D4A017"
    white: str = "#FFFFFF"


PALETTE = Palette()


@dataclass(frozen=True, slots=True)
class Medium:
    """What a format can hold.

    ``notes``: where an uncertain word's suggestion goes, ``"inline"`` (a note under the
    corrected text) or ``"comment"`` (a Word comment).  ``showable`` removes the
    characters the format cannot draw and ``missing`` counts them (``None``: it draws
    everything).  ``warnings`` are shown in the title block (e.g. a missing font).
    """

    name: str
    notes: Literal["inline", "comment"] = "inline"
    showable: Callable[[str], str] | None = None
    missing: Callable[[str], int] | None = None
    warnings: tuple[str, ...] = ()

    def text(self, s: str | None) -> str:
        """``s`` as this medium can hold it: XML-forbidden and undrawable characters out."""
        t = clean(s or "")
        return self.showable(t) if self.showable is not None else t


@dataclass(frozen=True, slots=True)
class Metadata:
    """Document properties and page furniture."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    creator: str
    header_left: str  # running header: the title
    header_right: str  # and the date
    footer_left: str  # "Redline 0.1.0 · 2026-03-01"; the page number goes right


@dataclass(frozen=True, slots=True)
class TitleBlock:
    kicker: str
    title: str
    subtitle: str
    meta: tuple[tuple[str, str], ...]  # (label, value): Sources, Date, Prepared by …
    review: str | None  # "Reviewed by NAME: N items decided by a person."
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A data table: a header row repeated on every page, then ``rows`` of plain text.

    ``widths`` are millimetres, ``None`` for columns that share what is left equally.
    ``continued`` is the heading to repeat when the table continues on a new page.
    ``total`` marks the last row as a total (bold).
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float | None, ...]
    numeric: frozenset[int] = frozenset()
    continued: str | None = None
    total: bool = False

    def widths_mm(self, text_width: float) -> list[float]:
        fixed = sum(w for w in self.widths if w is not None)
        shared = sum(1 for w in self.widths if w is None)
        rest = (text_width - fixed) / shared if shared else 0.0
        return [rest if w is None else w for w in self.widths]


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    bars: tuple[tuple[str, int], ...]  # (label, count), largest first


@dataclass(frozen=True, slots=True)
class SummaryBlock:
    heading: str
    figures: tuple[tuple[int, str], ...]  # (value, label)
    sentence: str | None
    notices: tuple[str, ...]
    chart: Chart | None
    by_source: Table | None
    by_source_title: str = "By source"


@dataclass(frozen=True, slots=True)
class Row:
    """One paragraph side by side.  ``note`` is the inline line under the corrected text
    (uncertain words and their suggestions) when the medium has inline notes."""

    number: str
    label: str | None
    original: tuple[Segment, ...]
    corrected: tuple[Segment, ...]
    note: str | None


@dataclass(frozen=True, slots=True)
class Section:
    """One source in the side-by-side body.

    ``heading`` (numbered, when there are several sources) or ``source_note`` (one named
    source); then either ``message`` (no text, nothing changed) or ``rows``.
    """

    name: str
    heading: str | None
    source_note: str | None
    filter_note: str | None
    message: str | None
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Body:
    heading: str
    legend: tuple[tuple[str, Mark | None], ...]  # text pieces, marked like the table
    header: tuple[str, str, str]
    number_width: float  # mm
    sections: tuple[Section, ...]


@dataclass(frozen=True, slots=True)
class Appendix:
    title: str
    intro: str | None
    table: Table | None
    empty: str = "None."


@dataclass(frozen=True, slots=True)
class Document:
    """The whole briefing, in reading order."""

    metadata: Metadata
    title_block: TitleBlock
    summary: SummaryBlock
    body: Body | None  # None when no source holds any text
    appendices: tuple[Appendix, ...]
    text_width: float  # mm
    page_height: float  # mm
    landscape: bool
    palette: Palette = PALETTE
    missing_glyphs: int = 0  # characters left out because the format cannot draw them


def plural(n: int, one: str, many: str) -> str:
    """``plural(1, "word is", "words are")`` is ``1 word is``; thousands get commas."""
    return f"{n:,} {one if n == 1 else many}"


def comment_text(s: Segment) -> str:
    """What a Word comment on an uncertain word says."""
    return (
        f"Uncertain, left unchanged. Suggestion: {s.note} "
        f"(confidence {confidence_text(s.confidence or 0.0)})"
    )


def _sentence(summary: Summary) -> str:
    t = summary.totals
    return (
        f"Redline applied {plural(t.corrections, 'correction', 'corrections')} in "
        f"{t.changed_paragraphs:,} of {plural(t.paragraphs, 'paragraph', 'paragraphs')}. "
        f"{plural(t.flags, 'uncertain spot is', 'uncertain spots are')} flagged for review "
        f"and left unchanged; {plural(t.unknown, 'word is', 'words are')} unknown to the "
        "dictionaries (Appendix C lists them)."
    )


def _review(options: BriefOptions, m: Medium) -> str | None:
    who = m.text(options.reviewer).strip() if options.reviewer else ""
    n = options.reviewed
    decided = None if n is None else plural(n, "item", "items") + " decided by a person"
    if who and decided:
        return f"Reviewed by {who}: {decided}."
    if who:
        return f"Reviewed by {who}."
    if decided:
        return f"Reviewed: {decided}."
    return None


def _title_block(
    results: Sequence[Result], names: list[str], options: BriefOptions, m: Medium
) -> TitleBlock:
    meta = [("Sources", ", ".join(names) or "—"), ("Date", long_date(options.day))]
    if options.author:
        meta.append(("Prepared by", m.text(options.author)))
    dicts = ", ".join(m.text(d) for d in options.dictionaries)
    meta.append(("Dictionaries", dicts or "base English only"))
    if options.min_confidence is not None:
        meta.append(("Confidence threshold", confidence_text(options.min_confidence)))
    meta.append(("Produced with", f"Redline {m.text(options.version)}"))
    return TitleBlock(
        kicker=KICKER,
        title=m.text(options.title),
        subtitle=m.text(options.subject),
        meta=tuple(meta),
        review=_review(options, m),
        warnings=m.warnings,
    )


def _missing(results: Sequence[Result], options: BriefOptions, m: Medium) -> int:
    """Characters of the sources (and the title block) the medium cannot draw: each
    source's original, plus what its corrections brought in."""
    if m.missing is None:
        return 0
    n = sum(m.missing(clean(x or "")) for x in (options.title, options.author, options.subject))
    for r in results:
        before = m.missing(clean(r.original))
        n += before + max(0, m.missing(clean(r.text)) - before)
    return n


def _summary_block(summary: Summary, names: list[str], missing: int) -> SummaryBlock:
    t = summary.totals
    notices = summary.notices()
    if missing:
        notices.append(
            f"{plural(missing, 'character', 'characters')} that the PDF's fonts cannot draw "
            f"(emoji and other symbols) {'was' if missing == 1 else 'were'} left out of this "
            "briefing."
        )
    chart = None
    if summary.by_category:
        chart = Chart(
            "Corrections by kind", tuple((kind_label(k), n) for k, n in summary.by_category)
        )
    by_source = None
    if len(names) > 1:

        def counts(s: object) -> tuple[str, ...]:
            return tuple(
                f"{getattr(s, f):,}"
                for f in ("paragraphs", "words", "corrections", "flags", "unknown")
            )

        rows = [(name, *counts(s)) for name, s in zip(names, summary.sources, strict=True)]
        rows.append(("Total", *counts(t)))
        by_source = Table(
            header=("Source", "Paragraphs", "Words", "Corrections", "Uncertain", "Unknown"),
            rows=tuple(rows),
            widths=(None, 24.0, 24.0, 24.0, 24.0, 24.0),
            numeric=frozenset({1, 2, 3, 4, 5}),
            continued="By source (continued)",
            total=True,
        )
    return SummaryBlock(
        heading="Summary",
        figures=(
            (t.paragraphs, "paragraphs"),
            (t.words, "words"),
            (t.corrections, "corrections applied"),
            (t.flags, "uncertain spots flagged"),
            (t.unknown, "unknown words"),
        ),
        sentence=None if summary.empty else _sentence(summary),
        notices=tuple(notices),
        chart=chart,
        by_source=by_source,
    )


def _segments(segments: list[Segment], m: Medium) -> tuple[Segment, ...]:
    if m.showable is None:
        return tuple(segments)
    show = m.showable
    out = []
    for s in segments:
        text = show(s.text)
        if text or s.mark == "deleted":
            note = show(s.note) if s.note else s.note
            out.append(
                s
                if text == s.text and note == s.note
                else Segment(text, s.mark, note, s.confidence)
            )
    return tuple(out)


def _row(p: Paragraph, m: Medium) -> Row:
    note = None
    if m.notes == "inline" and p.flags:
        note = "Uncertain, not changed: " + "; ".join(
            f"‘{m.text(f.original)}’ → {m.text(f.suggestion)}? ({confidence_text(f.confidence)})"
            for f in p.flags
        )
    return Row(
        number=str(p.index + 1),
        label=m.text(p.label) if p.label is not None else None,
        original=_segments(original_segments(p), m),
        corrected=_segments(corrected_segments(p), m),
        note=note,
    )


def _body(
    results: Sequence[Result], summary: Summary, names: list[str], options: BriefOptions, m: Medium
) -> Body:
    several = len(results) > 1
    sections = []
    labels: list[str] = []
    for i, (r, s, name) in enumerate(zip(results, summary.sources, names, strict=True)):
        heading = f"{i + 1}. {name}" if several else None
        source_note = f"Source: {name}" if not several and r.source else None
        if is_empty(r):
            sections.append(Section(name, heading, source_note, None, EMPTY_SOURCE, ()))
            continue
        rows = tuple(_row(p, m) for p in body_rows(r, options.only_changed))
        filter_note = None
        if options.only_changed:
            filter_note = (
                "Only paragraphs with a correction or an uncertain spot are shown: "
                f"{len(rows):,} of {s.paragraphs:,}."
            )
        message = None if rows else "No paragraph was changed or flagged."
        labels += [row.label for row in rows if row.label]
        sections.append(Section(name, heading, source_note, filter_note, message, rows))
    widest = max((len(x) for x in labels), default=0)
    number_width = min(max(14.0, 6.0 + 1.3 * widest), 40.0) if labels else 14.0
    where = (
        "with the suggestion under the corrected text."
        if m.notes == "inline"
        else "its suggestion is in a comment."
    )
    legend: tuple[tuple[str, Mark | None], ...] = (
        ("How to read the comparison: ", None),
        ("word", "deleted"),
        (" was replaced (original column); ", None),
        ("word", "inserted"),
        (" is its replacement (corrected column); ", None),
        ("word", "flagged"),
        (f" is uncertain and was left unchanged, {where}", None),
    )
    return Body(
        heading="Side-by-side text",
        legend=legend,
        header=("¶", "Original", "Corrected"),
        number_width=number_width,
        sections=tuple(sections),
    )


def _appendices(summary: Summary, several: bool, m: Medium) -> tuple[Appendix, ...]:
    out = []
    for letter, groups, what, head in (
        ("A", summary.corrections, "Corrections applied", "Corrected"),
        ("B", summary.flags, "Uncertain spots (left unchanged)", "Suggestion"),
    ):
        title = f"Appendix {letter} — {what}"
        table = None
        if groups:
            table = Table(
                header=("Original", head, "Kind", "Count", "Confidence"),
                rows=tuple(
                    (
                        m.text(g.original),
                        m.text(g.replacement),
                        kind_label(g.category or g.kind),
                        f"{g.count:,}",
                        confidence_text(g.min_confidence, g.max_confidence),
                    )
                    for g in groups
                ),
                widths=(None, None, 36.0, 16.0, 25.0),
                numeric=frozenset({3, 4}),
                continued=f"{title} (continued)",
            )
        out.append(Appendix(title, None, table))
    title = "Appendix C — Unknown words"
    if not summary.unknown:
        out.append(Appendix(title, None, None))
        return tuple(out)
    intro = (
        "Words no dictionary knows and that had no convincing correction: candidates for "
        "“redline dict add”."
    )
    continued = f"{title} (continued)"
    if several or len(summary.unknown) < 12:
        table = Table(
            header=("Word", "Count", "Sources"),
            rows=tuple(
                (m.text(u.word), f"{u.count:,}", ", ".join(u.sources)) for u in summary.unknown
            ),
            widths=(60.0, 16.0, None),
            numeric=frozenset({1}),
            continued=continued,
        )
    else:  # two word/count pairs per row keep a long list compact
        pairs = [(m.text(u.word), f"{u.count:,}") for u in summary.unknown]
        half = (len(pairs) + 1) // 2
        rows = tuple(
            pairs[i] + (pairs[half + i] if half + i < len(pairs) else ("", "")) for i in range(half)
        )
        table = Table(
            header=("Word", "Count", "Word", "Count"),
            rows=rows,
            widths=(None, 18.0, None, 18.0),
            numeric=frozenset({1, 3}),
            continued=continued,
        )
    out.append(Appendix(title, intro, table))
    return tuple(out)


def metadata(options: BriefOptions, medium: Medium) -> Metadata:
    """The document properties and page furniture of a briefing made with ``options``."""
    m = medium
    title = m.text(options.title)
    return Metadata(
        title=title,
        author=m.text(options.author) or AUTHOR,
        subject=m.text(options.subject),
        keywords=("Redline", "correction briefing"),
        creator=m.text(options.creator),
        header_left=title,
        header_right=long_date(options.day),
        footer_left=f"Redline {m.text(options.version)} · {options.day.isoformat()}",
    )


def build(results: Sequence[Result], options: BriefOptions, medium: Medium) -> Document:
    """The briefing of ``results`` (one per source) for ``medium``, ready to render."""
    summary = summarize(results)
    m = medium
    names = [m.text(source_name(r, i)) for i, r in enumerate(results)]
    missing = _missing(results, options, m)
    width, height = PAGE_MM[options.landscape]
    return Document(
        metadata=metadata(options, m),
        title_block=_title_block(results, names, options, m),
        summary=_summary_block(summary, names, missing),
        body=None if summary.empty else _body(results, summary, names, options, m),
        appendices=() if summary.empty else _appendices(summary, len(results) > 1, m),
        text_width=width - 2 * MARGIN_MM,
        page_height=height,
        landscape=options.landscape,
        missing_glyphs=missing,
    )
