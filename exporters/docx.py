"""The Word briefing: the outline (:mod:`exporters.outline`) rendered with python-docx.

Two shapes.  The side-by-side briefing: the title block, the summary, then one real Word
table per source (number, original, corrected; header row repeated on every page, rows
kept on one page unless taller than one) and the appendices.  With ``tracked_changes``: a
revision document, the original paragraphs with every correction as a Word revision by
"Redline", to accept or reject one by one.

All formatting is named styles (``Redline Deleted``, ``Redline Inserted``, ``Redline
Uncertain`` …), so a user can restyle the whole document from Word's style pane.  Raw XML
lives in :mod:`exporters._ooxml`.
"""

from __future__ import annotations

import datetime as _dt
import io
import math
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
from . import outline as ol
from .options import BriefOptions
from .summary import Segment, as_results, clean, is_empty, original_segments, source_name, summarize


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


P = ol.PALETTE
NAVY = _rgb(P.navy)
MUTED = _rgb(P.muted)
DELETED = _rgb(P.deleted)
INSERTED = _rgb(P.inserted)
HEADER_FILL = P.navy.lstrip("#")
BAND_FILL = P.zebra.lstrip("#")
FLAG_FILL = P.flagged.lstrip("#")
RULE = P.rule.lstrip("#")
FONT = "Calibri"
AUTHOR = ol.AUTHOR
MEDIUM = ol.Medium("docx", notes="comment")

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


def _setup_section(
    doc: Any, options: BriefOptions, header_text: str, date_text: str, footer_text: str
) -> float:
    """Page size, orientation, margins, header and footer; returns the text width (mm)."""
    section = doc.sections[0]
    width, height = Mm(210), Mm(297)
    if options.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    else:
        section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = width, height
    section.left_margin = section.right_margin = Mm(ol.MARGIN_MM)
    section.top_margin, section.bottom_margin = Mm(TOP_MM), Mm(BOTTOM_MM)
    section.header_distance = section.footer_distance = Mm(9)
    text_width = width.mm - 2 * ol.MARGIN_MM

    head = section.header.paragraphs[0]
    head.style = doc.styles[S_NOTE]
    head.paragraph_format.tab_stops.add_tab_stop(Mm(text_width), WD_TAB_ALIGNMENT.RIGHT)
    head.add_run(f"{header_text}\t{date_text}")

    foot = section.footer.paragraphs[0]
    foot.style = doc.styles[S_NOTE]
    foot.paragraph_format.tab_stops.add_tab_stop(Mm(text_width), WD_TAB_ALIGNMENT.RIGHT)
    foot.add_run(f"{footer_text}\tPage ")
    _ooxml.add_field(foot, "PAGE")
    foot.add_run(" of ")
    _ooxml.add_field(foot, "NUMPAGES")
    return text_width


def _now() -> _dt.datetime:
    """The time the document is made (UTC, whole seconds); ``SOURCE_DATE_EPOCH`` fixes it
    for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.UTC).replace(tzinfo=None)
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0, tzinfo=None)


def _new_document(
    options: BriefOptions, meta: ol.Metadata, header_text: str
) -> tuple[Any, dict[str, Any], float]:
    doc = Document()
    styles = _define_styles(doc)
    width = _setup_section(doc, options, header_text, meta.header_right, meta.footer_left)
    props = doc.core_properties
    props.title = meta.title[:255]
    props.author = meta.author[:255]
    props.subject = meta.subject[:255]
    props.comments = f"Made by {meta.creator}"[:255]
    props.keywords = "; ".join(meta.keywords)
    props.last_modified_by = AUTHOR
    props.category = ""
    props.revision = 1
    now = _now()
    props.created = props.modified = now
    _ooxml.set_app_properties(doc, "Redline")
    _ooxml.drop_thumbnail(doc)
    return doc, styles, width


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
            comments.add(run, ol.comment_text(s))


# --- rows that stay on one page -----------------------------------------------------------

TOP_MM, BOTTOM_MM = 20.0, 18.0
_PT_PER_MM = 72 / 25.4
_CELL_PT = 9.0  # the size of S_CELL
_CHAR_EM = 0.55  # a generous average character width: rows are estimated taller, not shorter
_LINE_PT = _CELL_PT * 1.05 * 1.22  # line spacing 1.05 of Calibri's 1.22 em line
_PAD_PT = 2 * 45 / 20 + 2 * 90 / 20  # cell margins (twips): top+bottom; left+right for width


def _lines(text: str, width_mm: float) -> int:
    """How many lines ``text`` takes in a cell ``width_mm`` wide, estimated high."""
    per_line = max(1, int((width_mm * _PT_PER_MM - 9) / (_CELL_PT * _CHAR_EM)))
    return sum(max(1, math.ceil(len(line) * 1.1 / per_line)) for line in text.split("\n"))


def _fits_on_a_page(texts: Sequence[str], widths_mm: Sequence[float], page_mm: float) -> bool:
    """Whether a row holding ``texts`` is (by a high estimate) shorter than a page: such a
    row is kept on one page; a taller one must be allowed to continue on the next."""
    lines = max(_lines(t, w) for t, w in zip(texts, widths_mm, strict=True))
    return lines * _LINE_PT + 4.5 < 0.85 * page_mm * _PT_PER_MM


# --- tables -------------------------------------------------------------------------------


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
    _ooxml.keep_row_together(row)
    for i, (cell, text) in enumerate(zip(row.cells, header, strict=True)):
        cell.width = Mm(widths_mm[i])
        _ooxml.set_cell_shading(cell, HEADER_FILL)
        p = cell.paragraphs[0]
        _ooxml.set_paragraph_style(p, styles[S_CELL_HEAD].style_id)
        if i in numeric:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _ooxml.add_run(p, text)
    return table


def _add_row(table: Any, widths_mm: Sequence[float], keep: bool) -> list[Any]:
    row = table.add_row()
    if keep:
        _ooxml.keep_row_together(row)
    cells = row.cells
    for cell, w in zip(cells, widths_mm, strict=True):
        cell.width = Mm(w)
    return cells


def _data_table(
    doc: Any, styles: dict[str, Any], table: ol.Table, text_width: float, page_mm: float
) -> None:
    widths = table.widths_mm(text_width)
    t = _table(doc, styles, table.header, widths, table.numeric)
    cell_style = styles[S_CELL].style_id
    last = len(table.rows) - 1
    for i, values in enumerate(table.rows):
        cells = _add_row(t, widths, _fits_on_a_page(values, widths, page_mm))
        for j, (cell, v) in enumerate(zip(cells, values, strict=True)):
            par = cell.paragraphs[0]
            _ooxml.set_paragraph_style(par, cell_style)
            if j in table.numeric:
                par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = _ooxml.add_run(par, v)
            if table.total and i == last:
                run.bold = True


# --- the side-by-side briefing ------------------------------------------------------------


def _title_block(doc: Any, block: ol.TitleBlock, styles: dict[str, Any]) -> None:
    doc.add_paragraph(block.kicker, style=S_KICKER)
    doc.add_paragraph(block.title, style=S_TITLE)
    doc.add_paragraph(block.subtitle, style=S_SUBTITLE)
    for label, value in block.meta:
        p = doc.add_paragraph(style=S_META)
        p.paragraph_format.tab_stops.add_tab_stop(Mm(45))
        p.add_run(label.upper(), styles[C_LABEL])
        p.add_run(f"\t{value}")
    if block.review:
        p = doc.add_paragraph(block.review, style=S_META)
        p.paragraph_format.space_before = Pt(6)
    for w in block.warnings:
        doc.add_paragraph(w, style=S_NOTICE)


def _summary(
    doc: Any, block: ol.SummaryBlock, styles: dict[str, Any], text_width: float, page_mm: float
) -> None:
    doc.add_heading(block.heading, level=1)
    p = doc.add_paragraph(style=S_META)
    for i, (n, label) in enumerate(block.figures):
        if i:
            p.add_run("  ·  ")
        p.add_run(f"{n:,}", styles[C_FIGURE])
        p.add_run(f" {label}")
    p.paragraph_format.space_after = Pt(10)
    if block.sentence:
        doc.add_paragraph(block.sentence)
    for notice in block.notices:
        doc.add_paragraph(notice, style=S_NOTICE)
    if block.chart is not None:
        p = doc.add_paragraph(style=S_META)
        p.paragraph_format.keep_with_next = True
        p.add_run(block.chart.title.upper(), styles[C_LABEL])
        top = max(n for _, n in block.chart.bars)
        for label, n in block.chart.bars:
            # a bar chart in text: a shaded run of no-break spaces as long as the count
            q = doc.add_paragraph(style=S_META)
            q.paragraph_format.tab_stops.add_tab_stop(Mm(45))
            q.paragraph_format.left_indent = Mm(4)
            q.paragraph_format.space_after = Pt(3)
            q.add_run(f"{label}\t")
            q.add_run("\u00a0" * max(1, round(BAR_SPACES * n / max(top, 1))), styles[C_BAR])
            q.add_run(f" {n:,}", styles[C_COUNT])
    if block.by_source is not None:
        p = doc.add_paragraph(style=S_META)
        p.paragraph_format.space_before = Pt(8)
        p.paragraph_format.keep_with_next = True
        p.add_run(block.by_source_title.upper(), styles[C_LABEL])
        _data_table(doc, styles, block.by_source, text_width, page_mm)


def _legend(doc: Any, body: ol.Body, styles: dict[str, Any]) -> None:
    p = doc.add_paragraph(style=S_NOTE)
    p.paragraph_format.keep_with_next = True
    marks = {"deleted": C_DELETED, "inserted": C_INSERTED, "flagged": C_UNCERTAIN}
    for text, mark in body.legend:
        p.add_run(text, styles[marks[mark]] if mark else None)


def _body(
    doc: Any, body: ol.Body, styles: dict[str, Any], text_width: float, page_mm: float
) -> None:
    comments = _ooxml.CommentWriter(doc, AUTHOR, "RL")
    doc.add_heading(body.heading, level=1)
    _legend(doc, body, styles)
    num_w = body.number_width
    col = (text_width - num_w) / 2
    widths = (num_w, col, col)
    for section in body.sections:
        if section.heading:
            doc.add_heading(section.heading, level=2)
        elif section.source_note:
            note = doc.add_paragraph(section.source_note, style=S_NOTE)
            note.paragraph_format.keep_with_next = True
        if section.filter_note:
            doc.add_paragraph(section.filter_note, style=S_NOTE)
        if section.message:
            doc.add_paragraph(section.message)
        if not section.rows:
            continue
        table = _table(doc, styles, body.header, widths, frozenset({0}))
        for row in section.rows:
            _body_row(table, row, styles, widths, comments, page_mm)


def _body_row(
    table: Any,
    row: ol.Row,
    styles: dict[str, Any],
    widths: Sequence[float],
    comments: _ooxml.CommentWriter,
    page_mm: float,
) -> None:
    original = "".join(s.text for s in row.original)
    corrected = "".join(s.text for s in row.corrected)
    number = row.number if row.label is None else f"{row.number}\n{row.label}"
    keep = _fits_on_a_page((number, original, corrected), widths, page_mm)
    num, orig, corr = _add_row(table, widths, keep)
    par = num.paragraphs[0]
    _ooxml.set_paragraph_style(par, styles[S_CELL_NUM].style_id)
    _ooxml.add_run(par, row.number)
    if row.label is not None:
        par.add_run().add_break(WD_BREAK.LINE)
        _ooxml.add_run(par, row.label, styles[C_ROW_LABEL].style_id)
    for cell, segments, notes in (
        (orig, row.original, None),
        (corr, row.corrected, comments),  # the suggestion once, by the correction
    ):
        par = cell.paragraphs[0]
        _ooxml.set_paragraph_style(par, styles[S_CELL].style_id)
        _add_runs(par, segments, styles, notes)


def _appendices(
    doc: Any,
    appendices: Sequence[ol.Appendix],
    styles: dict[str, Any],
    text_width: float,
    page_mm: float,
) -> None:
    if not appendices:
        return
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for appendix in appendices:
        doc.add_heading(appendix.title, level=1)
        if appendix.intro:
            doc.add_paragraph(appendix.intro)
        if appendix.table is None:
            doc.add_paragraph(appendix.empty)
        else:
            _data_table(doc, styles, appendix.table, text_width, page_mm)


def _side_by_side(results: Sequence[Result], options: BriefOptions) -> Any:
    outline = ol.build(results, options, MEDIUM)
    meta = outline.metadata
    doc, styles, width = _new_document(options, meta, meta.header_left)
    page_mm = outline.page_height - TOP_MM - BOTTOM_MM
    _title_block(doc, outline.title_block, styles)
    _summary(doc, outline.summary, styles, width, page_mm)
    if outline.body is not None:
        _body(doc, outline.body, styles, width, page_mm)
    _appendices(doc, outline.appendices, styles, width, page_mm)
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
                comments.add(run, ol.comment_text(s))


def _revisions(results: Sequence[Result], options: BriefOptions) -> Any:
    meta = ol.metadata(options, MEDIUM)
    doc, styles, _ = _new_document(options, meta, f"{meta.header_left} — revision document")
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
            doc.add_paragraph(ol.EMPTY_SOURCE, style=S_NOTICE)
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
