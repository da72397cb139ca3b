"""The PDF briefing, laid out with reportlab's Platypus.

A title block, a summary with key figures and a chart, the side-by-side body (one table
row per paragraph, header row repeated on every page, rows that split across pages), and
appendices.  Text is embedded in a Unicode TrueType font (DejaVu Sans Condensed, shipped
in ``exporters/fonts``), so accented Latin, Greek and Cyrillic render and extract.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
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
from reportlab.pdfbase.ttfonts import TTFont
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
from normalize.records import Paragraph as Para
from normalize.records import Result

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

# A restrained palette: navy for structure, red/green for changes, amber for doubt.
NAVY = colors.HexColor("#1F3864")
INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#5F6B7A")
RULE = colors.HexColor("#C8D0DA")
ZEBRA = colors.HexColor("#F4F6F9")
PANEL = colors.HexColor("#EEF2F7")
DELETED = "#B3261E"
INSERTED = "#1E7B34"
FLAGGED = "#FFE08A"
NOTICE = colors.HexColor("#FFF6DB")

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


def _font_sources() -> list[tuple[Path, str, str, str]]:
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
    regular: str
    bold: str
    italic: str
    unicode: bool  # False when only the Latin fallback could be loaded


@functools.cache
def register_fonts() -> Fonts:
    """Register the briefing's font family once and say which one it is.

    The DejaVu Sans Condensed subset shipped with Redline comes first; a system copy of
    DejaVu is the fallback; when neither loads, reportlab's bundled Vera (Latin only).
    """
    return load_fonts(_font_sources())


def load_fonts(candidates: Sequence[tuple[Path, str, str, str]]) -> Fonts:
    """Register the first complete ``(directory, regular, bold, italic)`` that loads;
    Helvetica (built into every PDF reader, Latin only) when none does."""
    for directory, regular, bold, italic in candidates:
        files = [directory / regular, directory / bold, directory / italic]
        if not all(f.is_file() for f in files):
            continue
        is_unicode = "DejaVu" in regular
        prefix = FAMILY if is_unicode else "RedlineLatin"
        names = [prefix, f"{prefix}-Bold", f"{prefix}-Italic"]
        try:
            for name, f in zip(names, files, strict=True):
                pdfmetrics.registerFont(_MeasuredTTFont(name, str(f)))
        except Exception:  # a damaged font file: try the next source
            continue
        pdfmetrics.registerFontFamily(
            prefix, normal=names[0], bold=names[1], italic=names[2], boldItalic=names[1]
        )
        return Fonts(*names, unicode=is_unicode)
    return Fonts("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", unicode=False)


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
        self.count = style("count", fontSize=8.5, leading=11, alignment=TA_RIGHT)
        self.notice = style("notice", fontSize=9, leading=12.5)


# --- document template: page furniture, bookmarks, total page count ----------------------


class _Heading(Paragraph):
    """A heading that also becomes an outline entry (PDF bookmark)."""

    def __init__(self, text: str, style: ParagraphStyle, level: int, outline: str) -> None:
        super().__init__(text, style)
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
    """Draws "of N" on every page through a form filled in once the page count is known."""

    def __init__(
        self, *args: Any, total_font: tuple[str, float] = ("Helvetica", 8), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._total_font = total_font

    def save(self) -> None:
        total = self.getPageNumber() - 1 if self._code == [] else self.getPageNumber()
        self.beginForm("redlinePageTotal")
        self.setFont(*self._total_font)
        self.setFillColor(MUTED)
        self.drawString(0, 0, str(max(total, 1)))
        self.endForm()
        super().save()


class _Doc(BaseDocTemplate):
    def __init__(self, fh: Any, options: BriefOptions, fonts: Fonts, **kw: Any) -> None:
        pagesize = landscape(A4) if options.landscape else A4
        super().__init__(
            fh,
            pagesize=pagesize,
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=22 * mm,
            bottomMargin=20 * mm,
            title=clean(options.title),
            author=clean(options.author or ""),
            subject=clean(options.subject),
            creator=clean(options.creator),
            keywords=["Redline", "correction briefing"],
            **kw,
        )
        self.options = options
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
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        if canv.getPageNumber() > 1:
            canv.setFont(self.fonts.regular, 8)
            canv.setFillColor(MUTED)
            title = _fit(clean(self.options.title), self.fonts.regular, 8, right - left - 120)
            canv.drawString(left, h - 13 * mm, title)
            canv.drawRightString(right, h - 13 * mm, long_date(self.options.day))
            canv.line(left, h - 15 * mm, right, h - 15 * mm)
        canv.line(left, 14 * mm, right, 14 * mm)
        canv.setFont(self.fonts.regular, 8)
        canv.setFillColor(MUTED)
        canv.drawString(
            left, 10 * mm, f"Redline {self.options.version} · {self.options.day.isoformat()}"
        )
        label = f"Page {canv.getPageNumber()} of "
        reserve = pdfmetrics.stringWidth("0000", self.fonts.regular, 8)
        x = right - reserve - pdfmetrics.stringWidth(label, self.fonts.regular, 8)
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
            parts.append(f'<font color="{DELETED}"><strike>{t}</strike></font>')
        elif s.mark == "inserted":
            parts.append(f'<font color="{INSERTED}"><b>{t}</b></font>')
        elif s.mark == "flagged":
            parts.append(f'<span backColor="{FLAGGED}">{t}</span>')
        else:
            parts.append(t)
    return "".join(parts)


def _flag_notes(p: Para) -> str:
    notes = []
    for f in p.flags:
        notes.append(
            f"‘{esc(f.original)}’ → {esc(f.suggestion)}? ({confidence_text(f.confidence)})"
        )
    return "Uncertain, not changed: " + "; ".join(notes) if notes else ""


def _figures(summary: Summary, st: _Styles, width: float) -> Table:
    t = summary.totals
    items = [
        (t.paragraphs, "paragraphs"),
        (t.words, "words"),
        (t.corrections, "corrections applied"),
        (t.flags, "uncertain spots flagged"),
        (t.unknown, "unknown words"),
    ]
    cells = [
        [Paragraph(f"{n:,}", st.figure), Paragraph(esc(label), st.figure_label)]
        for n, label in items
    ]
    table = Table([cells], colWidths=[width / len(items)] * len(items))
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), PANEL),
                ("LINEBEFORE", (1, 0), (-1, -1), 2, colors.white),
                ("LINEABOVE", (0, 0), (-1, 0), 1.5, NAVY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def _kind_chart(summary: Summary, fonts: Fonts, width: float) -> Drawing | None:
    if not summary.by_kind:
        return None
    kinds = list(reversed(summary.by_kind))
    bar = 13
    height = len(kinds) * (bar + 7) + 26
    d = Drawing(width, height)
    c = HorizontalBarChart()
    c.x, c.y = 130, 16
    c.width, c.height = width - 170, height - 22
    c.data = [[n for _, n in kinds]]
    c.bars[0].fillColor = NAVY
    c.bars[0].strokeColor = None
    c.barWidth = bar
    c.groupSpacing = 7
    c.categoryAxis.categoryNames = [kind_label(k) for k, _ in kinds]
    c.categoryAxis.labels.fontName = fonts.regular
    c.categoryAxis.labels.fontSize = 8
    c.categoryAxis.labels.boxAnchor = "e"
    c.categoryAxis.labels.dx = -6
    c.categoryAxis.strokeColor = RULE
    c.categoryAxis.tickLeft = 0
    c.valueAxis.valueMin = 0
    top = max(n for _, n in kinds)
    c.valueAxis.valueMax = top * 1.15 if top else 1
    c.valueAxis.visible = False
    c.barLabelFormat = "%d"
    c.barLabels.fontName = fonts.bold
    c.barLabels.fontSize = 8
    c.barLabels.fillColor = NAVY
    c.barLabels.boxAnchor = "w"
    c.barLabels.dx = 4
    d.add(c)
    return d


def _meta_table(
    results: Sequence[Result], options: BriefOptions, st: _Styles, width: float
) -> Table:
    names = ", ".join(esc(source_name(r, i)) for i, r in enumerate(results)) or "—"
    rows = [("Sources", names), ("Date", esc(long_date(options.day)))]
    if options.author:
        rows.append(("Prepared by", esc(options.author)))
    dicts = ", ".join(esc(d) for d in options.dictionaries) or "base English only"
    rows.append(("Dictionaries", dicts))
    if options.min_confidence is not None:
        rows.append(("Confidence threshold", confidence_text(options.min_confidence)))
    rows.append(("Produced with", f"Redline {esc(options.version)}"))
    data = [[Paragraph(k.upper(), st.label), Paragraph(v, st.value)] for k, v in rows]
    t = Table(data, colWidths=[42 * mm, width - 42 * mm], hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return t


def _notice(text: str, st: _Styles, width: float) -> Table:
    t = Table([[Paragraph(text, st.notice)]], colWidths=[width])
    t.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), NOTICE),
                ("LINEBEFORE", (0, 0), (0, -1), 3, colors.HexColor("#D4A017")),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return t


_PAD = 5


class _SplitTable(Table):
    """A table that breaks between rows, and inside a row only when that row could not fit
    on a page of its own (a paragraph longer than a page).

    reportlab first cuts between rows, then fits the rest into the space left on the page
    by cutting inside its first row, which repeats the header row in mid-page.  Here a row
    that fits on a page moves to the next page whole.  reportlab makes the pieces with
    ``self.__class__(...)``, so the page height is a class attribute: see
    :func:`_split_table`.
    """

    page_height: float = 0.0

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._calc(availWidth, availHeight)
        heights = self._rowHeights
        n = self._getFirstPossibleSplitRowPosition(availHeight)
        header = sum(h or 0 for h in heights[: self.repeatRows])
        too_tall = n < len(heights) and header + (heights[n] or 0) > self.page_height
        return self._splitRows(availHeight, doInRowSplit=too_tall)


@functools.cache
def _split_table(page_height: float) -> type[_SplitTable]:
    """The :class:`_SplitTable` for pages whose frame is ``page_height`` high."""
    return type("_SplitTable", (_SplitTable,), {"page_height": page_height})


def _text(text: str, style: ParagraphStyle, width: float) -> Any:
    """A table cell holding plain ``text``: a bare string (drawn in the table's own font,
    no markup parsing, no wrapping: fast) when it fits on one line, else a wrapping
    paragraph."""
    text = clean(text)
    if "\n" not in text and (
        pdfmetrics.stringWidth(text, style.fontName, style.fontSize) <= width - 2 * _PAD
    ):
        return text
    return _Cell(_xml_escape(text), style)


def _data_table(
    header: list[str],
    rows: list[list[Any]],
    widths: list[float],
    st: _Styles,
    numeric: set[int],
    *,
    page_height: float,
    bold_first: bool = False,
) -> Table:
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
        TableStyle(
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
            ]
        )
    )
    return t


def _body_table(rows: list[Para], st: _Styles, width: float, height: float) -> Table:
    labels = [clean(p.label) for p in rows if p.label]
    widest = max((pdfmetrics.stringWidth(x, st.cell_note.fontName, 6.5) for x in labels), default=0)
    num_w = min(max(13 * mm, widest + 2 * _PAD + 2), 40 * mm)
    col = (width - num_w) / 2
    data: list[list[Any]] = []
    for p in rows:
        num: Any = f"{p.index + 1}"
        if p.label is not None:
            label = f'<font name="{st.cell_note.fontName}" size="6.5">{esc(p.label)}</font>'
            num = _Cell(f"{num}<br/>{label}", st.num)
        corrected: Any = _Cell(_markup(corrected_segments(p)), st.cell)
        notes = _flag_notes(p)
        if notes:
            corrected = [corrected, _Cell(notes, st.cell_note)]
        data.append([num, _Cell(_markup(original_segments(p)), st.cell), corrected])
    return _data_table(
        ["¶", "Original", "Corrected"],
        data,
        [num_w, col, col],
        st,
        {0},
        page_height=height,
        bold_first=True,
    )


def _legend(st: _Styles) -> Paragraph:
    return Paragraph(
        f'How to read the comparison: <font color="{DELETED}"><strike>word</strike></font> '
        "was replaced (original column); "
        f'<font color="{INSERTED}"><b>word</b></font> is its replacement (corrected column); '
        f'<span backColor="{FLAGGED}">word</span> is uncertain and was left unchanged, '
        "with the suggestion under the corrected text.",
        st.small,
    )


# --- the document -------------------------------------------------------------------------


def _story(
    results: Sequence[Result], options: BriefOptions, fonts: Fonts, width: float, height: float
) -> list[Flowable]:
    st = _Styles(fonts)
    summary = summarize(results)
    story: list[Flowable] = []

    # 1. Title block
    story += [
        Paragraph("CORRECTION BRIEFING · ORIGINAL AND CORRECTED TEXT", st.kicker),
        _Heading(esc(options.title), st.title, 0, clean(options.title) or "Briefing"),
        Paragraph(esc(options.subject), st.subtitle),
        _meta_table(results, options, st, width),
        Spacer(1, 8),
    ]
    if not fonts.unicode:
        story.append(
            _notice(
                "The Unicode font could not be loaded: letters outside "
                "Western European scripts may not show.",
                st,
                width,
            )
        )

    # 2. Summary
    t = summary.totals
    story.append(_Heading("Summary", st.h1, 0, "Summary"))
    story.append(_figures(summary, st, width))
    story.append(Spacer(1, 8))
    if not summary.empty:
        story.append(Paragraph(_summary_sentence(summary), st.body))
    for n in summary.notices():
        story += [_notice(esc(n), st, width), Spacer(1, 6)]
    chart = _kind_chart(summary, fonts, min(width, 150 * mm))
    if chart is not None:
        story.append(KeepTogether([Paragraph("Corrections by kind", st.h2), chart]))
    if len(results) > 1:
        story.append(Paragraph("By source", st.h2))
        rows = [
            [Paragraph(esc(s.name), st.cell)]
            + [
                Paragraph(f"{v:,}", st.count)
                for v in (s.paragraphs, s.words, s.corrections, s.flags, s.unknown)
            ]
            for s in summary.sources
        ]
        rows.append(
            [Paragraph("<b>Total</b>", st.cell)]
            + [
                Paragraph(f"<b>{v:,}</b>", st.count)
                for v in (t.paragraphs, t.words, t.corrections, t.flags, t.unknown)
            ]
        )
        w = 24 * mm
        story.append(
            _data_table(
                ["Source", "Paragraphs", "Words", "Corrections", "Uncertain", "Unknown"],
                rows,
                [width - 5 * w, w, w, w, w, w],
                st,
                {1, 2, 3, 4, 5},
                page_height=height,
            )
        )

    # 3. Side-by-side body
    if not summary.empty:
        story.append(CondPageBreak(60 * mm))
        story.append(_Heading("Side-by-side text", st.h1, 0, "Side-by-side text"))
        story.append(_legend(st))
        story.append(Spacer(1, 6))
        for i, (r, s) in enumerate(zip(results, summary.sources, strict=True)):
            if len(results) > 1:
                story.append(_Heading(f"{i + 1}. {esc(s.name)}", st.h2, 1, f"{i + 1}. {s.name}"))
            elif r.source:
                story.append(Paragraph(f"Source: {esc(s.name)}", st.small))
                story.append(Spacer(1, 4))
            if is_empty(r):
                story.append(Paragraph("This source contains no text.", st.body))
                continue
            rows_ = list(body_rows(r, options.only_changed))
            if options.only_changed:
                story.append(
                    Paragraph(
                        f"Only paragraphs with a correction or an uncertain spot are shown: "
                        f"{len(rows_):,} of {s.paragraphs:,}.",
                        st.small,
                    )
                )
                story.append(Spacer(1, 4))
            if rows_:
                story.append(_body_table(rows_, st, width, height))
            else:
                story.append(Paragraph("No paragraph was changed or flagged.", st.body))

    # 4. Appendices
    if not summary.empty:
        story += _appendices(summary, st, width, height, several=len(results) > 1)
    return story


def _summary_sentence(summary: Summary) -> str:
    t = summary.totals

    def n(v: int, one: str, many: str) -> str:
        return f"{v:,} {one if v == 1 else many}"

    return (
        f"Redline applied {n(t.corrections, 'correction', 'corrections')} in "
        f"{t.changed_paragraphs:,} of {n(t.paragraphs, 'paragraph', 'paragraphs')}. "
        f"{n(t.flags, 'uncertain spot is', 'uncertain spots are')} flagged for review and "
        f"left unchanged; {n(t.unknown, 'word is', 'words are')} unknown to the "
        "dictionaries (Appendix C lists them)."
    )


def _appendices(
    summary: Summary, st: _Styles, width: float, height: float, several: bool
) -> list[Flowable]:
    out: list[Flowable] = [PageBreak()]
    out.append(
        _Heading("Appendix A — Corrections applied", st.h1, 0, "Appendix A — Corrections applied")
    )
    count_w, conf_w, kind_w = 16 * mm, 25 * mm, 36 * mm
    word_w = (width - count_w - conf_w - kind_w) / 2
    cell = st.cell
    for groups, title, head in (
        (summary.corrections, None, ["Original", "Corrected"]),
        (
            summary.flags,
            "Appendix B — Uncertain spots (left unchanged)",
            ["Original", "Suggestion"],
        ),
    ):
        if title:
            out.append(_Heading(title, st.h1, 0, title))
        if not groups:
            out.append(Paragraph("None.", st.body))
            continue
        rows = [
            [
                _text(g.original, cell, word_w),
                _text(g.replacement, cell, word_w),
                _text(kind_label(g.kind), cell, kind_w),
                f"{g.count:,}",
                confidence_text(g.min_confidence, g.max_confidence),
            ]
            for g in groups
        ]
        out.append(
            _data_table(
                [*head, "Kind", "Count", "Confidence"],
                rows,
                [word_w, word_w, kind_w, count_w, conf_w],
                st,
                {3, 4},
                page_height=height,
            )
        )
    title = "Appendix C — Unknown words"
    out.append(_Heading(title, st.h1, 0, title))
    if not summary.unknown:
        out.append(Paragraph("None.", st.body))
        return out
    out.append(
        Paragraph(
            "Words no dictionary knows and that had no convincing correction: candidates for "
            "<b>redline dict add</b>.",
            st.body,
        )
    )
    if several or len(summary.unknown) < 12:
        rows = [
            [
                _text(u.word, cell, 60 * mm),
                f"{u.count:,}",
                _text(", ".join(u.sources), cell, width - 76 * mm),
            ]
            for u in summary.unknown
        ]
        out.append(
            _data_table(
                ["Word", "Count", "Sources"],
                rows,
                [60 * mm, 16 * mm, width - 76 * mm],
                st,
                {1},
                page_height=height,
            )
        )
    else:
        # Two word/count pairs per row keep a long list compact.
        pairs = [
            [_text(u.word, cell, width / 2 - 18 * mm), f"{u.count:,}"] for u in summary.unknown
        ]
        half = (len(pairs) + 1) // 2
        empty = ["", ""]
        rows = [
            pairs[i] + (pairs[half + i] if half + i < len(pairs) else empty) for i in range(half)
        ]
        w = width / 2
        out.append(
            _data_table(
                ["Word", "Count", "Word", "Count"],
                rows,
                [w - 18 * mm, 18 * mm, w - 18 * mm, 18 * mm],
                st,
                {1, 3},
                page_height=height,
            )
        )
    return out


def export_pdf(
    result: Result | Sequence[Result],
    path: str | os.PathLike[str],
    options: BriefOptions,
) -> None:
    """Write the PDF briefing of ``result`` (one or several) to ``path``, atomically."""
    results = as_results(result)
    fonts = register_fonts()
    with atomic_writer(path, "wb") as fh:
        doc = _Doc(fh, options, fonts)
        story = _story(results, options, fonts, doc.width, doc.height)
        doc.build(story, canvasmaker=functools.partial(_Canvas, total_font=(fonts.regular, 8)))
