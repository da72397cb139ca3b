"""The PDF briefing: the outline (:mod:`exporters.outline`) rendered with reportlab's
Platypus.

What the briefing says is decided in the outline; here is only how it looks: the title
block, a panel of key figures and a bar chart, the side-by-side tables (header row
repeated on every page, rows that move to the next page whole unless taller than a page)
and the appendices (a "(continued)" heading on every page a table continues on).  Every
font is embedded: see :mod:`exporters._pdf_fonts`.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape as _xml_escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from normalize.io import atomic_writer
from normalize.records import Result

from . import outline as ol
from ._pdf_fonts import Fonts, font_sources, load_fonts, register_fonts
from .options import BriefOptions
from .summary import Segment, as_results, clean

__all__ = ["export_pdf", "font_sources", "load_fonts", "medium", "register_fonts"]

P = ol.PALETTE
NAVY = colors.HexColor(P.navy)
INK = colors.HexColor(P.ink)
MUTED = colors.HexColor(P.muted)
RULE = colors.HexColor(P.rule)
ZEBRA = colors.HexColor(P.zebra)
PANEL = colors.HexColor(P.panel)
NOTICE = colors.HexColor(P.notice)

FONT_WARNING = (
    "The Unicode font could not be loaded: letters outside Western European scripts are left out."
)


def medium(fonts: Fonts) -> ol.Medium:
    """What a PDF drawn with ``fonts`` can hold: suggestions inline, no emoji."""
    return ol.Medium(
        "pdf",
        notes="inline",
        showable=fonts.showable if fonts.coverage is not None else None,
        missing=fonts.missing if fonts.coverage is not None else None,
        warnings=() if fonts.unicode else (FONT_WARNING,),
    )


def esc(text: str) -> str:
    """Text made safe for Paragraph markup: ``<b>`` and ``S&P`` show literally."""
    return _xml_escape(clean(text))


class _Cell(Paragraph):
    """A Paragraph that remembers its line breaks for a given width.

    A long table is measured, split and drawn, and each step wraps every cell again;
    wrapping does not depend on the height offered, so the result for a width is kept.
    """

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        cached = getattr(self, "_wrapped", None)
        if cached is not None and cached[0] == availWidth and hasattr(self, "blPara"):
            return cached[1]
        size = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, size)
        return size


# --- styles -----------------------------------------------------------------------------


class _Styles:
    def __init__(self, f: Fonts) -> None:
        def style(name: str, **kw: Any) -> ParagraphStyle:
            base: dict[str, Any] = {
                "fontName": f.regular,
                "fontSize": 9,
                "leading": 12,
                "textColor": INK,
            }
            base.update(kw)
            return ParagraphStyle(name, **base)

        self.kicker = style("kicker", fontName=f.bold, fontSize=8.5, textColor=MUTED, spaceAfter=4)
        self.title = style(
            "title", fontName=f.bold, fontSize=22, leading=27, textColor=NAVY, spaceAfter=4
        )
        self.subtitle = style("subtitle", fontSize=11, leading=15, textColor=MUTED, spaceAfter=10)
        self.h1 = style(
            "h1",
            fontName=f.bold,
            fontSize=14,
            leading=18,
            textColor=NAVY,
            spaceBefore=14,
            spaceAfter=6,
            keepWithNext=1,
        )
        self.h2 = style(
            "h2",
            fontName=f.bold,
            fontSize=11,
            leading=14,
            textColor=NAVY,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        )
        self.body = style("body", fontSize=9.5, leading=13.5, spaceAfter=6)
        self.small = style("small", fontSize=8, leading=10.5, textColor=MUTED)
        self.label = style("label", fontName=f.bold, fontSize=8.5, leading=11, textColor=MUTED)
        self.value = style("value", fontSize=9, leading=12)
        self.figure = style("figure", fontName=f.bold, fontSize=17, leading=20, textColor=NAVY)
        self.figure_label = style("figlabel", fontSize=7.5, leading=9.5, textColor=MUTED)
        self.cell = style("cell", fontSize=8.5, leading=11.2)
        self.cell_note = style(
            "cellnote", fontName=f.italic, fontSize=7.2, leading=9, textColor=MUTED, spaceBefore=3
        )
        self.num = style(
            "num", fontName=f.bold, fontSize=8.5, leading=11, textColor=NAVY, alignment=TA_RIGHT
        )
        self.head = style("head", fontName=f.bold, fontSize=8.5, leading=11, textColor=colors.white)
        self.head_num = style(
            "headnum",
            fontName=f.bold,
            fontSize=8.5,
            leading=11,
            textColor=colors.white,
            alignment=TA_RIGHT,
        )
        self.notice = style("notice", fontSize=9, leading=12.5)


# --- document template: page furniture, bookmarks, total page count ----------------------


class _Heading(Paragraph):
    """A heading that also becomes an outline entry (PDF bookmark)."""

    def __init__(self, text: str, style: ParagraphStyle, level: int, outline: str) -> None:
        super().__init__(esc(text), style)
        self.outline_level = level
        self.outline_title = outline


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut short with an ellipsis to fit ``width``."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


class _Canvas(Canvas):
    """Draws "of N" on every page through a form filled in once the page count is known.

    Every page starts in the briefing's own (embedded) font: reportlab's default initial
    font is Helvetica, which would be referenced, not embedded, on every page.
    """

    def __init__(self, *args: Any, fonts: Fonts, **kwargs: Any) -> None:
        kwargs["initialFontName"] = fonts.regular
        super().__init__(*args, **kwargs)
        self._total_font = fonts.regular

    def save(self) -> None:
        total = self.getPageNumber() - 1 if self._code == [] else self.getPageNumber()
        self.beginForm("redlinePageTotal")
        self.setFont(self._total_font, 8)
        self.setFillColor(MUTED)
        self.drawString(0, 0, str(max(total, 1)))
        self.endForm()
        super().save()


class _Doc(BaseDocTemplate):
    def __init__(self, fh: Any, doc: ol.Document, fonts: Fonts, **kw: Any) -> None:
        meta = doc.metadata
        super().__init__(
            fh,
            pagesize=landscape(A4) if doc.landscape else A4,
            leftMargin=ol.MARGIN_MM * mm,
            rightMargin=ol.MARGIN_MM * mm,
            topMargin=22 * mm,
            bottomMargin=20 * mm,
            title=meta.title,
            author=meta.author,
            subject=meta.subject,
            creator=meta.creator,
            keywords=list(meta.keywords),
            **kw,
        )
        self.meta = meta
        self.fonts = fonts
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._furniture)])
        self._bookmarks = 0

    def _furniture(self, canv: Canvas, doc: Any) -> None:
        w, h = self.pagesize
        left, right = self.leftMargin, w - self.rightMargin
        font = self.fonts.regular
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.setFont(font, 8)
        canv.setFillColor(MUTED)
        if canv.getPageNumber() > 1:
            canv.drawString(
                left, h - 13 * mm, _fit(self.meta.header_left, font, 8, right - left - 120)
            )
            canv.drawRightString(right, h - 13 * mm, self.meta.header_right)
            canv.line(left, h - 15 * mm, right, h - 15 * mm)
        canv.line(left, 14 * mm, right, 14 * mm)
        canv.drawString(left, 10 * mm, self.meta.footer_left)
        label = f"Page {canv.getPageNumber()} of "
        reserve = pdfmetrics.stringWidth("0000", font, 8)
        x = right - reserve - pdfmetrics.stringWidth(label, font, 8)
        canv.drawString(x, 10 * mm, label)
        canv.translate(right - reserve, 10 * mm)
        canv.doForm("redlinePageTotal")
        canv.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        level = getattr(flowable, "outline_level", None)
        if level is None:
            return
        self._bookmarks += 1
        key = f"h{self._bookmarks}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.outline_title, key, level=level, closed=False)


# --- building blocks ----------------------------------------------------------------------


def _markup(segments: Sequence[Segment]) -> str:
    parts = []
    for s in segments:
        if not s.text:
            continue
        t = _xml_escape(s.text)
        if s.mark == "deleted":
            parts.append(f'<font color="{P.deleted}"><strike>{t}</strike></font>')
        elif s.mark == "inserted":
            parts.append(f'<font color="{P.inserted}"><b>{t}</b></font>')
        elif s.mark == "flagged":
            parts.append(f'<span backColor="{P.flagged}">{t}</span>')
        else:
            parts.append(t)
    return "".join(parts)


_PAD = 5


def _table_style(st: _Styles, commands: list[tuple[Any, ...]]) -> TableStyle:
    """A TableStyle whose cells default to the briefing's font (reportlab's default,
    Helvetica, would be referenced on the page without being embedded)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), st.cell.fontName), *commands])


def _figures(block: ol.SummaryBlock, st: _Styles, width: float) -> Table:
    items = block.figures
    cells = [
        [Paragraph(f"{n:,}", st.figure), Paragraph(esc(label), st.figure_label)]
        for n, label in items
    ]
    table = Table([cells], colWidths=[width / len(items)] * len(items))
    table.setStyle(
        _table_style(
            st,
            [
                ("BACKGROUND", (0, 0), (-1, -1), PANEL),
                ("LINEBEFORE", (1, 0), (-1, -1), 2, colors.white),
                ("LINEABOVE", (0, 0), (-1, 0), 1.5, NAVY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ],
        )
    )
    return table


def _chart(chart: ol.Chart, fonts: Fonts, width: float) -> Drawing:
    bars = list(reversed(chart.bars))
    bar = 13
    height = len(bars) * (bar + 7) + 26
    d = Drawing(width, height)
    d.initialFontName = fonts.regular  # reportlab's default would reference Helvetica
    c = HorizontalBarChart()
    c.x, c.y = 130, 16
    c.width, c.height = width - 170, height - 22
    c.data = [[n for _, n in bars]]
    c.bars[0].fillColor = NAVY
    c.bars[0].strokeColor = None
    c.barWidth = bar
    c.groupSpacing = 7
    c.categoryAxis.categoryNames = [_fit(label, fonts.regular, 8, 122) for label, _ in bars]
    c.categoryAxis.labels.fontName = fonts.regular
    c.categoryAxis.labels.fontSize = 8
    c.categoryAxis.labels.boxAnchor = "e"
    c.categoryAxis.labels.dx = -6
    c.categoryAxis.strokeColor = RULE
    c.categoryAxis.tickLeft = 0
    c.valueAxis.valueMin = 0
    top = max(n for _, n in bars)
    c.valueAxis.valueMax = top * 1.15 if top else 1
    c.valueAxis.visible = False
    c.valueAxis.labels.fontName = fonts.regular
    c.barLabelFormat = "%d"
    c.barLabels.fontName = fonts.bold
    c.barLabels.fontSize = 8
    c.barLabels.fillColor = NAVY
    c.barLabels.boxAnchor = "w"
    c.barLabels.dx = 4
    d.add(c)
    return d


def _meta_table(block: ol.TitleBlock, st: _Styles, width: float) -> Table:
    data = [
        [Paragraph(esc(k.upper()), st.label), Paragraph(esc(v), st.value)] for k, v in block.meta
    ]
    t = Table(data, colWidths=[42 * mm, width - 42 * mm], hAlign="LEFT")
    t.setStyle(
        _table_style(
            st,
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ],
        )
    )
    return t


def _notice(text: str, st: _Styles, width: float) -> Table:
    t = Table([[Paragraph(esc(text), st.notice)]], colWidths=[width])
    t.setStyle(
        _table_style(
            st,
            [
                ("BACKGROUND", (0, 0), (-1, -1), NOTICE),
                ("LINEBEFORE", (0, 0), (0, -1), 3, colors.HexColor(P.notice_rule)),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ],
        )
    )
    return t


class _SplitTable(Table):
    """A table that breaks between rows, and inside a row only when that row could not fit
    on a page of its own (a paragraph longer than a page).

    reportlab first cuts between rows, then fits the rest into the space left on the page
    by cutting inside its first row, which repeats the header row in mid-page.  Here a row
    that fits on a page moves to the next page whole.  When the table has a ``continued``
    heading, the part on the next page opens with it.  reportlab makes the pieces with
    ``self.__class__(...)``, so the page height is a class attribute: see
    :func:`_split_table`.
    """

    page_height: float = 0.0
    continued: tuple[str, ParagraphStyle] | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._calc(availWidth, availHeight)
        heights = self._rowHeights
        n = self._getFirstPossibleSplitRowPosition(availHeight)
        header = sum(h or 0 for h in heights[: self.repeatRows])
        too_tall = n < len(heights) and header + (heights[n] or 0) > self.page_height
        parts = self._splitRows(availHeight, doInRowSplit=too_tall)
        if self.continued is None or len(parts) != 2:
            return parts
        first, rest = parts
        rest.continued = self.continued  # and on every later page
        text, style = self.continued
        # the first part fills this page: the rest opens the next one, under its heading
        return [first, PageBreak(), Paragraph(esc(text), style), rest]


@functools.cache
def _split_table(page_height: float) -> type[_SplitTable]:
    """The :class:`_SplitTable` for pages whose frame is ``page_height`` high."""
    return type("_SplitTable", (_SplitTable,), {"page_height": page_height})


def _text(text: str, style: ParagraphStyle, width: float) -> Any:
    """A table cell holding plain ``text``: a bare string (drawn in the table's own font,
    no markup parsing, no wrapping: fast) when it fits on one line, else a wrapping
    paragraph."""
    if "\n" not in text and (
        pdfmetrics.stringWidth(text, style.fontName, style.fontSize) <= width - 2 * _PAD
    ):
        return text
    return _Cell(_xml_escape(text), style)


def _grid(
    header: Sequence[str],
    rows: list[list[Any]],
    widths: list[float],
    st: _Styles,
    numeric: frozenset[int],
    *,
    page_height: float,
    bold_first: bool = False,
    bold_last: bool = False,
) -> _SplitTable:
    """A table with a navy header row repeated on every page and light banded rows.

    Bare-string cells take the font of ``st.cell``; ``numeric`` columns align right.
    """
    head = [
        Paragraph(esc(h), st.head_num if i in numeric else st.head) for i, h in enumerate(header)
    ]
    t = _split_table(page_height)(
        [head, *rows],
        colWidths=widths,
        repeatRows=1,
        hAlign="LEFT",
        splitInRow=1,
        longTableOptimize=1,
    )
    t.setStyle(
        _table_style(
            st,
            [
                ("BACKGROUND", (0, 0), (-1, 0), NAVY),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
                ("FONTNAME", (0, 1), (-1, -1), st.cell.fontName),
                ("FONTSIZE", (0, 1), (-1, -1), st.cell.fontSize),
                ("LEADING", (0, 1), (-1, -1), st.cell.leading),
                ("TEXTCOLOR", (0, 1), (-1, -1), INK),
                *[("ALIGN", (i, 1), (i, -1), "RIGHT") for i in numeric],
                *(
                    [
                        ("FONTNAME", (0, 1), (0, -1), st.num.fontName),
                        ("TEXTCOLOR", (0, 1), (0, -1), NAVY),
                    ]
                    if bold_first
                    else []
                ),
                *([("FONTNAME", (0, -1), (-1, -1), st.num.fontName)] if bold_last else []),
            ],
        )
    )
    return t


def _table(table: ol.Table, st: _Styles, width: float, page_height: float) -> _SplitTable:
    widths = [w * mm for w in table.widths_mm(width / mm)]
    rows = [[_text(v, st.cell, w) for v, w in zip(row, widths, strict=True)] for row in table.rows]
    t = _grid(
        table.header,
        rows,
        widths,
        st,
        table.numeric,
        page_height=page_height,
        bold_last=table.total,
    )
    if table.continued:
        t.continued = (table.continued, st.h1)
    return t


def _body_table(body: ol.Body, rows: Sequence[ol.Row], st: _Styles, width: float, height: float):
    num_w = body.number_width * mm
    col = (width - num_w) / 2
    data: list[list[Any]] = []
    for row in rows:
        num: Any = row.number
        if row.label is not None:
            label = f'<font name="{st.cell_note.fontName}" size="6.5">{esc(row.label)}</font>'
            num = _Cell(f"{row.number}<br/>{label}", st.num)
        corrected: Any = _Cell(_markup(row.corrected), st.cell)
        if row.note:
            corrected = [corrected, _Cell(esc(row.note), st.cell_note)]
        data.append([num, _Cell(_markup(row.original), st.cell), corrected])
    return _grid(
        body.header,
        data,
        [num_w, col, col],
        st,
        frozenset({0}),
        page_height=height,
        bold_first=True,
    )


def _legend(body: ol.Body, st: _Styles) -> Paragraph:
    return Paragraph(_markup([Segment(text, mark) for text, mark in body.legend]), st.small)


# --- the document -------------------------------------------------------------------------


def _story(doc: ol.Document, fonts: Fonts, width: float, height: float) -> list[Flowable]:
    st = _Styles(fonts)
    story: list[Flowable] = []

    # 1. Title block
    tb = doc.title_block
    story += [
        Paragraph(esc(tb.kicker), st.kicker),
        _Heading(tb.title, st.title, 0, tb.title or "Briefing"),
        Paragraph(esc(tb.subtitle), st.subtitle),
        _meta_table(tb, st, width),
        Spacer(1, 8),
    ]
    if tb.review:
        story.append(Paragraph(esc(tb.review), st.body))
    for w in tb.warnings:
        story += [_notice(w, st, width), Spacer(1, 6)]

    # 2. Summary
    sb = doc.summary
    story.append(_Heading(sb.heading, st.h1, 0, sb.heading))
    story.append(_figures(sb, st, width))
    story.append(Spacer(1, 8))
    if sb.sentence:
        story.append(Paragraph(esc(sb.sentence), st.body))
    for n in sb.notices:
        story += [_notice(n, st, width), Spacer(1, 6)]
    if sb.chart is not None:
        chart = _chart(sb.chart, fonts, min(width, 150 * mm))
        story.append(KeepTogether([Paragraph(esc(sb.chart.title), st.h2), chart]))
    if sb.by_source is not None:
        story.append(Paragraph(esc(sb.by_source_title), st.h2))
        story.append(_table(sb.by_source, st, width, height))

    # 3. Side-by-side body
    body = doc.body
    if body is not None:
        story.append(CondPageBreak(60 * mm))
        story.append(_Heading(body.heading, st.h1, 0, body.heading))
        story.append(_legend(body, st))
        story.append(Spacer(1, 6))
        for section in body.sections:
            if section.heading:
                story.append(_Heading(section.heading, st.h2, 1, section.heading))
            elif section.source_note:
                story.append(Paragraph(esc(section.source_note), st.small))
                story.append(Spacer(1, 4))
            if section.filter_note:
                story.append(Paragraph(esc(section.filter_note), st.small))
                story.append(Spacer(1, 4))
            if section.message:
                story.append(Paragraph(esc(section.message), st.body))
            if section.rows:
                story.append(_body_table(body, section.rows, st, width, height))

    # 4. Appendices
    if doc.appendices:
        story.append(PageBreak())
    for appendix in doc.appendices:
        story.append(_Heading(appendix.title, st.h1, 0, appendix.title))
        if appendix.intro:
            story.append(Paragraph(esc(appendix.intro), st.body))
        if appendix.table is None:
            story.append(Paragraph(esc(appendix.empty), st.body))
        else:
            story.append(_table(appendix.table, st, width, height))
    return story


def export_pdf(
    result: Result | Sequence[Result],
    path: str | os.PathLike[str],
    options: BriefOptions,
) -> None:
    """Write the PDF briefing of ``result`` (one or several) to ``path``, atomically."""
    results = as_results(result)
    fonts = register_fonts()
    doc = ol.build(results, options, medium(fonts))
    with atomic_writer(path, "wb") as fh:
        template = _Doc(fh, doc, fonts)
        story = _story(doc, fonts, template.width, template.height)
        template.build(story, canvasmaker=functools.partial(_Canvas, fonts=fonts))
