"""The Word briefing, written with python-docx.

Two shapes.  The side-by-side briefing: a title block, a summary, then one real Word table
per source (number, original, corrected; header row repeated on every page) and the
appendices.  With ``tracked_changes``: a revision document, the original paragraphs with
every correction as a Word revision by "Redline", to accept or reject one by one.

All formatting is named styles (``Redline Deleted``, ``Redline Inserted``, ``Redline
Uncertain`` …), so a user can restyle the whole document from Word's style pane.  Raw XML
lives in :mod:`exporters._ooxml`.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.shared import Mm, Pt, RGBColor

from normalize.io import atomic_writer
from normalize.records import Paragraph as Para
from normalize.records import Result

from . import _ooxml
from .options import BriefOptions
from .summary import (
    Segment,
    Summary,
    as_results,
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

NAVY = RGBColor(0x1F, 0x38, 0x64)
MUTED = RGBColor(0x5F, 0x6B, 0x7A)
DELETED = RGBColor(0xB3, 0x26, 0x1E)
INSERTED = RGBColor(0x1E, 0x7B, 0x34)
HEADER_FILL = "1F3864"
BAND_FILL = "F4F6F9"
FLAG_FILL = "FFE08A"
RULE = "C8D0DA"
FONT = "Calibri"
AUTHOR = "Redline"

# Style names: one place, so tests and users can find them.
S_TITLE = "Redline Title"
S_KICKER = "Redline Kicker"
S_SUBTITLE = "Redline Subtitle"
S_META = "Redline Meta"
S_NOTE = "Redline Note"
S_NOTICE = "Redline Notice"
S_CELL = "Redline Cell"
S_CELL_NUM = "Redline Cell Number"
S_CELL_HEAD = "Redline Cell Heading"
S_TEXT = "Redline Text"
S_TABLE = "Redline Table"
C_LABEL = "Redline Label"
C_DELETED = "Redline Deleted"
C_INSERTED = "Redline Inserted"
C_UNCERTAIN = "Redline Uncertain"
C_FIGURE = "Redline Figure"
C_ROW_LABEL = "Redline Row Label"
C_BAR = "Redline Bar"
C_COUNT = "Redline Count"
BAR_SPACES = 60


def _define_styles(doc: Any) -> dict[str, Any]:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(4)
    for name, size in (("Heading 1", 15), ("Heading 2", 12)):
        h = styles[name]
        h.font.name = FONT
        h.font.size = Pt(size)
        h.font.bold = True
        h.font.color.rgb = NAVY
        h.paragraph_format.space_before = Pt(14 if size > 12 else 10)
        h.paragraph_format.space_after = Pt(6)

    def para(
        name: str,
        size: float,
        *,
        bold: bool = False,
        color: RGBColor | None = None,
        after: float = 4,
        italic: bool = False,
        base: str = "Normal",
    ) -> Any:
        s = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        s.base_style = styles[base]
        s.font.size = Pt(size)
        s.font.bold = bold
        s.font.italic = italic
        if color is not None:
            s.font.color.rgb = color
        s.paragraph_format.space_after = Pt(after)
        s.paragraph_format.space_before = Pt(0)
        return s

    out: dict[str, Any] = {}
    para(S_KICKER, 8.5, bold=True, color=MUTED, after=2)
    para(S_TITLE, 24, bold=True, color=NAVY, after=2)
    para(S_SUBTITLE, 12, color=MUTED, after=12)
    para(S_META, 9.5, after=1)
    para(S_NOTE, 8.5, color=MUTED, after=6)
    para(S_NOTICE, 9.5, after=6, italic=True)
    para(S_TEXT, 10.5, after=8)
    cell = para(S_CELL, 9, after=0)
    cell.paragraph_format.line_spacing = 1.05
    num = para(S_CELL_NUM, 9, bold=True, color=NAVY, after=0)
    num.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    head = para(S_CELL_HEAD, 9, bold=True, color=RGBColor(0xFF, 0xFF, 0xFF), after=0)
    head.paragraph_format.keep_with_next = True

    def char(name: str, **kw: Any) -> Any:
        s = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        for k, v in kw.items():
            if k == "color":
                s.font.color.rgb = v
            else:
                setattr(s.font, k, v)
        return s

    out |= {
        S_CELL: cell,
        S_CELL_NUM: num,
        S_CELL_HEAD: head,
        S_TEXT: styles[S_TEXT],
        C_LABEL: char(C_LABEL, bold=True, color=MUTED, size=Pt(8.5)),
        C_DELETED: char(C_DELETED, color=DELETED, strike=True),
        C_INSERTED: char(C_INSERTED, color=INSERTED, bold=True),
        C_UNCERTAIN: char(C_UNCERTAIN),
        C_FIGURE: char(C_FIGURE, bold=True, color=NAVY, size=Pt(13)),
        C_ROW_LABEL: char(C_ROW_LABEL, bold=False, color=MUTED, size=Pt(7)),
        C_BAR: char(C_BAR, size=Pt(9)),
        C_COUNT: char(C_COUNT, bold=True, color=NAVY),
    }
    _ooxml.set_style_shading(out[C_BAR], HEADER_FILL)
    _ooxml.set_style_shading(out[C_UNCERTAIN], FLAG_FILL)
    table = styles.add_style(S_TABLE, WD_STYLE_TYPE.TABLE)
    table.base_style = styles["Normal Table"]
    _ooxml.define_table_style(table, RULE, HEADER_FILL, BAND_FILL)
    out[S_TABLE] = table
    return out


def _setup_section(doc: Any, options: BriefOptions, header_text: str) -> float:
    """Page size, orientation, margins, header and footer; returns the text width (mm)."""
    section = doc.sections[0]
    width, height = Mm(210), Mm(297)
    if options.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    else:
        section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = width, height
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin, section.bottom_margin = Mm(20), Mm(18)
    section.header_distance = section.footer_distance = Mm(9)
    text_width = width.mm - 36

    head = section.header.paragraphs[0]
    head.style = doc.styles[S_NOTE]
    head.paragraph_format.tab_stops.add_tab_stop(Mm(text_width), WD_TAB_ALIGNMENT.RIGHT)
    head.add_run(f"{header_text}\t{long_date(options.day)}")

    foot = section.footer.paragraphs[0]
    foot.style = doc.styles[S_NOTE]
    foot.paragraph_format.tab_stops.add_tab_stop(Mm(text_width), WD_TAB_ALIGNMENT.RIGHT)
    foot.add_run(f"Redline {clean(options.version)} · {options.day.isoformat()}\tPage ")
    _ooxml.add_field(foot, "PAGE")
    foot.add_run(" of ")
    _ooxml.add_field(foot, "NUMPAGES")
    return text_width


def _new_document(options: BriefOptions, header_text: str) -> tuple[Any, dict[str, Any], float]:
    doc = Document()
    styles = _define_styles(doc)
    width = _setup_section(doc, options, header_text)
    props = doc.core_properties
    props.title = clean(options.title)[:255]
    props.author = clean(options.author or AUTHOR)[:255]
    props.subject = clean(options.subject)[:255]
    props.comments = f"Made by {clean(options.creator)}"
    props.keywords = "Redline; correction briefing"
    props.last_modified_by = AUTHOR
    day = options.day
    props.created = _dt.datetime(day.year, day.month, day.day)
    return doc, styles, width


def _flag_comment(s: Segment) -> str:
    return (
        f"Uncertain, left unchanged. Suggestion: {s.note} "
        f"(confidence {confidence_text(s.confidence or 0.0)})"
    )


def _add_runs(
    paragraph: Any,
    segments: Sequence[Segment],
    styles: dict[str, Any],
    comments: _ooxml.CommentWriter | None,
) -> None:
    style_of = {
        "deleted": styles[C_DELETED].style_id,
        "inserted": styles[C_INSERTED].style_id,
        "flagged": styles[C_UNCERTAIN].style_id,
    }
    for s in segments:
        if not s.text:
            continue
        run = _ooxml.add_run(paragraph, s.text, style_of[s.mark] if s.mark else None)
        if comments is not None and s.mark == "flagged":
            comments.add(run, _flag_comment(s))


def _table(
    doc: Any,
    styles: dict[str, Any],
    header: Sequence[str],
    widths_mm: Sequence[float],
    numeric: frozenset[int] = frozenset(),
) -> Any:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = styles[S_TABLE]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    _ooxml.set_table_style_look(table)
    _ooxml.set_table_cell_margins(table)
    for col, w in zip(table.columns, widths_mm, strict=True):
        col.width = Mm(w)
    row = table.rows[0]
    _ooxml.mark_header_row(row)
    for i, (cell, text) in enumerate(zip(row.cells, header, strict=True)):
        cell.width = Mm(widths_mm[i])
        _ooxml.set_cell_shading(cell, HEADER_FILL)
        p = cell.paragraphs[0]
        _ooxml.set_paragraph_style(p, styles[S_CELL_HEAD].style_id)
        if i in numeric:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _ooxml.add_run(p, text)
    return table


def _add_row(table: Any, widths_mm: Sequence[float]) -> list[Any]:
    cells = table.add_row().cells
    for cell, w in zip(cells, widths_mm, strict=True):
        cell.width = Mm(w)
    return cells


def _meta_lines(
    doc: Any, results: Sequence[Result], options: BriefOptions, styles: dict[str, Any]
) -> None:
    names = ", ".join(source_name(r, i) for i, r in enumerate(results)) or "—"
    rows = [("Sources", names), ("Date", long_date(options.day))]
    if options.author:
        rows.append(("Prepared by", clean(options.author)))
    rows.append(
        ("Dictionaries", ", ".join(clean(d) for d in options.dictionaries) or "base English only")
    )
    if options.min_confidence is not None:
        rows.append(("Confidence threshold", confidence_text(options.min_confidence)))
    rows.append(("Produced with", f"Redline {clean(options.version)}"))
    for label, value in rows:
        p = doc.add_paragraph(style=S_META)
        p.paragraph_format.tab_stops.add_tab_stop(Mm(45))
        p.add_run(label.upper(), styles[C_LABEL])
        p.add_run(f"\t{value}")


def _summary(doc: Any, summary: Summary, results: Sequence[Result], styles: dict[str, Any]) -> None:
    t = summary.totals
    doc.add_heading("Summary", level=1)
    p = doc.add_paragraph(style=S_META)
    figures = [
        (t.paragraphs, "paragraphs"),
        (t.words, "words"),
        (t.corrections, "corrections"),
        (t.flags, "uncertain"),
        (t.unknown, "unknown words"),
    ]
    for i, (n, label) in enumerate(figures):
        if i:
            p.add_run("  ·  ")
        p.add_run(f"{n:,}", styles[C_FIGURE])
        p.add_run(f" {label}")
    p.paragraph_format.space_after = Pt(10)
    if not summary.empty:
        doc.add_paragraph(
            f"Redline applied {t.corrections:,} correction{'s' * (t.corrections != 1)} in "
            f"{t.changed_paragraphs:,} of {t.paragraphs:,} paragraph"
            f"{'s' * (t.paragraphs != 1)}. {t.flags:,} uncertain spot"
            f"{'s are' if t.flags != 1 else ' is'} flagged for review and left unchanged; "
            f"{t.unknown:,} word{'s are' if t.unknown != 1 else ' is'} unknown to the "
            "dictionaries (Appendix C lists them)."
        )
    for notice in summary.notices():
        doc.add_paragraph(notice, style=S_NOTICE)
    if summary.by_kind:
        p = doc.add_paragraph(style=S_META)
        p.add_run("CORRECTIONS BY KIND", styles[C_LABEL])
        top = max(n for _, n in summary.by_kind)
        for kind, n in summary.by_kind:
            # a bar chart in text: a shaded run of no-break spaces as long as the count
            q = doc.add_paragraph(style=S_META)
            q.paragraph_format.tab_stops.add_tab_stop(Mm(45))
            q.paragraph_format.left_indent = Mm(4)
            q.paragraph_format.space_after = Pt(3)
            q.add_run(f"{kind_label(kind)}\t")
            q.add_run("\u00a0" * max(1, round(BAR_SPACES * n / top)), styles[C_BAR])
            q.add_run(f" {n:,}", styles[C_COUNT])
    if len(results) > 1:
        p = doc.add_paragraph(style=S_META)
        p.paragraph_format.space_before = Pt(8)
        p.add_run("BY SOURCE", styles[C_LABEL])
        for s in summary.sources:
            q = doc.add_paragraph(style=S_META)
            q.paragraph_format.left_indent = Mm(4)
            q.add_run(s.name).bold = True
            q.add_run(
                f": {s.paragraphs:,} paragraphs, {s.words:,} words, "
                f"{s.corrections:,} corrections, {s.flags:,} uncertain, "
                f"{s.unknown:,} unknown"
            )


def _legend(doc: Any, styles: dict[str, Any]) -> None:
    p = doc.add_paragraph(style=S_NOTE)
    p.paragraph_format.keep_with_next = True
    p.add_run("How to read the comparison: ")
    p.add_run("word", styles[C_DELETED])
    p.add_run(" was replaced (original column); ")
    p.add_run("word", styles[C_INSERTED])
    p.add_run(" is its replacement (corrected column); ")
    p.add_run("word", styles[C_UNCERTAIN])
    p.add_run(" is uncertain and was left unchanged; its suggestion is in a comment.")


def _body(
    doc: Any,
    results: Sequence[Result],
    summary: Summary,
    options: BriefOptions,
    styles: dict[str, Any],
    width: float,
) -> None:
    if summary.empty:
        return
    comments = _ooxml.CommentWriter(doc, AUTHOR, "RL")
    doc.add_heading("Side-by-side text", level=1)
    _legend(doc, styles)
    labelled = any(label for r in results for label in getattr(r, "labels", ()))
    num_w = 30.0 if labelled else 14.0
    col = (width - num_w) / 2
    widths = (num_w, col, col)
    for i, (r, s) in enumerate(zip(results, summary.sources, strict=True)):
        if len(results) > 1:
            doc.add_heading(f"{i + 1}. {s.name}", level=2)
        elif r.source:
            note = doc.add_paragraph(f"Source: {s.name}", style=S_NOTE)
            note.paragraph_format.keep_with_next = True
        if is_empty(r):
            doc.add_paragraph("This source contains no text.")
            continue
        rows = list(body_rows(r, options.only_changed))
        if options.only_changed:
            doc.add_paragraph(
                "Only paragraphs with a correction or an uncertain spot are shown: "
                f"{len(rows):,} of {s.paragraphs:,}.",
                style=S_NOTE,
            )
        if not rows:
            doc.add_paragraph("No paragraph was changed or flagged.")
            continue
        table = _table(doc, styles, ("¶", "Original", "Corrected"), widths, frozenset({0}))
        for p in rows:
            _body_row(table, p, styles, widths, comments)


def _body_row(
    table: Any,
    p: Para,
    styles: dict[str, Any],
    widths: Sequence[float],
    comments: _ooxml.CommentWriter,
) -> None:
    num, orig, corr = _add_row(table, widths)
    par = num.paragraphs[0]
    _ooxml.set_paragraph_style(par, styles[S_CELL_NUM].style_id)
    _ooxml.add_run(par, str(p.index + 1))
    if p.label is not None:
        par.add_run().add_break(WD_BREAK.LINE)
        _ooxml.add_run(par, clean(p.label), styles[C_ROW_LABEL].style_id)
    for cell, segments, notes in (
        (orig, original_segments(p), None),
        (corr, corrected_segments(p), comments),  # the suggestion once, by the correction
    ):
        par = cell.paragraphs[0]
        _ooxml.set_paragraph_style(par, styles[S_CELL].style_id)
        _add_runs(par, segments, styles, notes)


def _appendices(
    doc: Any, summary: Summary, styles: dict[str, Any], width: float, several: bool
) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    count_w, conf_w, kind_w = 16.0, 25.0, 36.0
    word_w = (width - count_w - conf_w - kind_w) / 2
    widths = (word_w, word_w, kind_w, count_w, conf_w)
    for groups, title, head in (
        (summary.corrections, "Appendix A — Corrections applied", "Corrected"),
        (summary.flags, "Appendix B — Uncertain spots (left unchanged)", "Suggestion"),
    ):
        doc.add_heading(title, level=1)
        if not groups:
            doc.add_paragraph("None.")
            continue
        table = _table(
            doc,
            styles,
            ("Original", head, "Kind", "Count", "Confidence"),
            widths,
            frozenset({3, 4}),
        )
        for g in groups:
            cells = _add_row(table, widths)
            values = (
                g.original,
                g.replacement,
                kind_label(g.kind),
                f"{g.count:,}",
                confidence_text(g.min_confidence, g.max_confidence),
            )
            for j, (cell, v) in enumerate(zip(cells, values, strict=True)):
                par = cell.paragraphs[0]
                _ooxml.set_paragraph_style(par, styles[S_CELL].style_id)
                if j >= 3:
                    par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                _ooxml.add_run(par, v)
    doc.add_heading("Appendix C — Unknown words", level=1)
    if not summary.unknown:
        doc.add_paragraph("None.")
        return
    doc.add_paragraph(
        "Words no dictionary knows and that had no convincing correction: "
        "candidates for “redline dict add”."
    )
    widths = (60.0, 16.0, width - 76.0)
    table = _table(doc, styles, ("Word", "Count", "Sources"), widths, frozenset({1}))
    for u in summary.unknown:
        cells = _add_row(table, widths)
        for j, (cell, v) in enumerate(
            zip(cells, (u.word, f"{u.count:,}", ", ".join(u.sources)), strict=True)
        ):
            par = cell.paragraphs[0]
            _ooxml.set_paragraph_style(par, styles[S_CELL].style_id)
            if j == 1:
                par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _ooxml.add_run(par, v)


def _side_by_side(results: Sequence[Result], options: BriefOptions) -> Any:
    summary = summarize(results)
    doc, styles, width = _new_document(options, clean(options.title))
    doc.add_paragraph("CORRECTION BRIEFING · ORIGINAL AND CORRECTED TEXT", style=S_KICKER)
    doc.add_paragraph(clean(options.title), style=S_TITLE)
    doc.add_paragraph(clean(options.subject), style=S_SUBTITLE)
    _meta_lines(doc, results, options, styles)
    _summary(doc, summary, results, styles)
    _body(doc, results, summary, options, styles, width)
    if not summary.empty:
        _appendices(doc, summary, styles, width, several=len(results) > 1)
    return doc


# --- the revision document ----------------------------------------------------------------


def _revision_paragraph(
    doc: Any,
    p: Para,
    styles: dict[str, Any],
    rw: _ooxml.RevisionWriter,
    comments: _ooxml.CommentWriter,
) -> None:
    par = doc.add_paragraph()
    _ooxml.set_paragraph_style(par, styles[S_TEXT].style_id)
    segments = original_segments(p)
    accepted = "".join(s.note or "" if s.mark == "deleted" else s.text for s in segments)
    rejected = "".join(s.text for s in segments)
    if accepted != clean(p.corrected) or rejected != clean(p.original):
        # Records that do not replay onto this paragraph: one revision for the whole of it,
        # so that accepting still gives the corrected text and rejecting the original.
        segments = [Segment(clean(p.original), "deleted", clean(p.corrected))]
    for s in segments:
        if s.mark == "deleted":
            if s.text:
                rw.delete(par, s.text)
            if s.note:
                rw.insert(par, s.note)
        elif s.text:
            style_id = styles[C_UNCERTAIN].style_id if s.mark == "flagged" else None
            run = _ooxml.add_run(par, s.text, style_id)
            if s.mark == "flagged":
                comments.add(run, _flag_comment(s))


def _revisions(results: Sequence[Result], options: BriefOptions) -> Any:
    title = clean(options.title)
    doc, styles, _ = _new_document(options, f"{title} — revision document")
    rw = _ooxml.RevisionWriter(AUTHOR)
    comments = _ooxml.CommentWriter(doc, AUTHOR, "RL")
    # The body must stay exactly the text (accept all = corrected, reject all = original):
    # what a summary would say goes in the page header and the document properties.
    notices = summarize(results).notices()
    if notices:
        header = doc.sections[0].header
        header.add_paragraph(" ".join(notices), style=S_NOTE)
        doc.core_properties.comments = " ".join(notices)[:255]
    several = len(results) > 1
    for i, r in enumerate(results):
        if several:
            doc.add_heading(source_name(r, i), level=1)
        if is_empty(r):
            doc.add_paragraph("This source contains no text.", style=S_NOTICE)
            continue
        for p in r.paragraphs():
            _revision_paragraph(doc, p, styles, rw, comments)
    return doc


def export_docx(
    result: Result | Sequence[Result],
    path: str | os.PathLike[str],
    options: BriefOptions,
) -> None:
    """Write the DOCX briefing (or, with ``options.tracked_changes``, the revision
    document) of ``result`` (one or several) to ``path``, atomically."""
    results = as_results(result)
    doc = (
        _revisions(results, options) if options.tracked_changes else _side_by_side(results, options)
    )
    buffer = io.BytesIO()
    doc.save(buffer)
    with atomic_writer(path, "wb") as fh:
        fh.write(buffer.getvalue())
