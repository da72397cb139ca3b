"""The raw WordprocessingML that python-docx has no API for, kept in one place.

Repeating table header rows (``w:tblHeader``), rows kept on one page (``w:cantSplit``),
PAGE/NUMPAGES fields, cell shading, the borders and banding of a table style, tracked
changes (``w:ins``/``w:del``), and the package's extended properties (``docProps/app.xml``)
and thumbnail, which python-docx copies from its template.  Every
function takes python-docx proxy objects and edits their XML; nothing else in
``exporters`` builds XML by hand.
"""

from __future__ import annotations

import datetime as _dt
import itertools
from collections.abc import Iterator
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

__all__ = [
    "CommentWriter",
    "RevisionWriter",
    "add_run",
    "add_field",
    "define_table_style",
    "drop_thumbnail",
    "keep_row_together",
    "mark_header_row",
    "set_app_properties",
    "set_cell_shading",
    "set_paragraph_style",
    "set_style_shading",
    "set_table_cell_margins",
    "set_table_style_look",
]


def _el(tag: str, **attrs: str) -> Any:
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(k), v)
    return e


def mark_header_row(row: Any) -> None:
    """Make a table row repeat at the top of every page (``w:trPr/w:tblHeader``)."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(_el("w:tblHeader", **{"w:val": "true"}))


def keep_row_together(row: Any) -> None:
    """Keep a table row on one page (``w:trPr/w:cantSplit``): it moves to the next page
    whole instead of continuing there without its number."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is not None:
        return
    el = _el("w:cantSplit", **{"w:val": "true"})
    # the schema's order: … gridAfter, wBefore, wAfter, cantSplit, trHeight, tblHeader …
    later = [tr_pr.find(qn(f"w:{t}")) for t in ("trHeight", "tblHeader", "tblCellSpacing", "jc")]
    later = [e for e in later if e is not None]
    if later:
        later[0].addprevious(el)
    else:
        tr_pr.append(el)


def set_cell_shading(cell: Any, fill: str) -> None:
    """Give a table cell a solid background (``fill`` as ``RRGGBB``)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    for old in tc_pr.findall(qn("w:shd")):
        tc_pr.remove(old)
    tc_pr.append(_el("w:shd", **{"w:val": "clear", "w:color": "auto", "w:fill": fill}))


def add_field(paragraph: Any, instruction: str, placeholder: str = "1") -> None:
    """Append a complex field (``PAGE``, ``NUMPAGES`` …) to a paragraph, as Word writes it."""
    p = paragraph._p

    def run(*children: Any) -> None:
        r = _el("w:r")
        for c in children:
            r.append(c)
        p.append(r)

    instr = _el("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    text = _el("w:t")
    text.text = placeholder
    run(_el("w:fldChar", **{"w:fldCharType": "begin"}))
    run(instr)
    run(_el("w:fldChar", **{"w:fldCharType": "separate"}))
    run(text)
    run(_el("w:fldChar", **{"w:fldCharType": "end"}))


def define_table_style(
    style: Any, border: str, header_fill: str, band_fill: str, cell_margin_twips: int = 80
) -> None:
    """Fill in a table style made by python-docx: light horizontal rules, cell margins, a
    shaded header row and banded rows (``w:tblStylePr``)."""
    el = style.element
    tbl_pr = _el("w:tblPr")
    borders = _el("w:tblBorders")
    for side in ("top", "bottom", "insideH"):
        borders.append(
            _el(f"w:{side}", **{"w:val": "single", "w:sz": "4", "w:space": "0", "w:color": border})
        )
    tbl_pr.append(borders)
    margins = _el("w:tblCellMar")
    for side, value in (
        ("top", 45),
        ("left", cell_margin_twips),
        ("bottom", 45),
        ("right", cell_margin_twips),
    ):  # the order the schema requires
        margins.append(_el(f"w:{side}", **{"w:w": str(value), "w:type": "dxa"}))
    tbl_pr.append(margins)
    el.append(tbl_pr)
    for kind, fill in (("firstRow", header_fill), ("band2Horz", band_fill)):
        sp = _el("w:tblStylePr", **{"w:type": kind})
        if kind == "firstRow":
            rpr = _el("w:rPr")
            rpr.append(_el("w:b"))
            rpr.append(_el("w:color", **{"w:val": "FFFFFF"}))
            sp.append(rpr)
        tc_pr = _el("w:tcPr")
        tc_pr.append(_el("w:shd", **{"w:val": "clear", "w:color": "auto", "w:fill": fill}))
        sp.append(tc_pr)
        el.append(sp)


def set_table_style_look(table: Any) -> None:
    """Switch on the header-row and banded-row parts of the table's style (``w:tblLook``)."""
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblLook")):
        tbl_pr.remove(old)
    tbl_pr.append(
        _el(
            "w:tblLook",
            **{
                "w:val": "04A0",
                "w:firstRow": "1",
                "w:lastRow": "0",
                "w:firstColumn": "0",
                "w:lastColumn": "0",
                "w:noHBand": "0",
                "w:noVBand": "1",
            },
        )
    )


def _text_children(text: str, deleted: bool) -> Iterator[Any]:
    """``w:t`` (or ``w:delText``) pieces with ``w:tab``/``w:br`` between them, as Word
    stores tabs and line breaks."""
    tag = "w:delText" if deleted else "w:t"
    for i, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if i:
            yield _el("w:br")
        for j, piece in enumerate(line.split("\t")):
            if j:
                yield _el("w:tab")
            if piece:
                t = _el(tag)
                t.set(_XML_SPACE, "preserve")
                t.text = piece
                yield t


_XML_SPACE = qn("xml:space")


def _run(text: str, style_id: str | None = None, deleted: bool = False) -> Any:
    """A ``w:r`` holding ``text``, with a character style when ``style_id`` is given."""
    r = _el("w:r")
    if style_id:
        rpr = _el("w:rPr")
        rpr.append(_el("w:rStyle", **{"w:val": style_id}))
        r.append(rpr)
    for child in _text_children(text, deleted):
        r.append(child)
    return r


class RevisionWriter:
    """Appends tracked insertions and deletions to paragraphs, numbering them uniquely.

    >>> rw = RevisionWriter(author="Redline")
    >>> rw.delete(paragraph, "teh"); rw.insert(paragraph, "the")
    """

    def __init__(self, author: str = "Redline", date: _dt.datetime | None = None) -> None:
        when = date or _dt.datetime.now(_dt.UTC)
        self.author = author
        self.date = when.astimezone(_dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
        self._ids = itertools.count(1)

    def _wrap(self, tag: str) -> Any:
        return _el(
            tag, **{"w:id": str(next(self._ids)), "w:author": self.author, "w:date": self.date}
        )

    def insert(self, paragraph: Any, text: str, style_id: str | None = None) -> None:
        """Append ``text`` as a tracked insertion (``w:ins``)."""
        ins = self._wrap("w:ins")
        ins.append(_run(text, style_id))
        paragraph._p.append(ins)

    def delete(self, paragraph: Any, text: str, style_id: str | None = None) -> None:
        """Append ``text`` as a tracked deletion (``w:del`` holding ``w:delText``)."""
        d = self._wrap("w:del")
        d.append(_run(text, style_id, deleted=True))
        paragraph._p.append(d)


def set_paragraph_style(paragraph: Any, style_id: str | None) -> None:
    """Set a paragraph's style by id (``w:pStyle``).

    python-docx's ``paragraph.style = …`` looks the style up by name among all styles on
    every call, which dominates the export of a long table; the id is looked up once.
    """
    paragraph._p.style = style_id


def add_run(paragraph: Any, text: str, style_id: str | None = None) -> Any:
    """Append a run with ``text`` (tabs and breaks as python-docx writes them) and an
    optional character style id; returns the python-docx ``Run``."""
    from docx.text.run import Run

    r = _run(text, style_id)
    paragraph._p.append(r)
    return Run(r, paragraph)


class CommentWriter:
    """Adds Word comments anchored to runs, in constant time per comment.

    python-docx's ``Document.add_comment`` searches every existing comment for a free id,
    which turns thousands of flagged words into minutes; the XML written here is the same.
    """

    def __init__(self, document: Any, author: str, initials: str = "") -> None:
        self._document = document
        self._comments: Any = None  # the comments part is made on the first comment
        self._ids = itertools.count()
        self.author = author
        self.initials = initials
        self.date = _dt.datetime.now(_dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")

    def add(self, run: Any, text: str) -> int:
        """Attach a one-paragraph comment saying ``text`` to ``run``; returns its id."""
        if self._comments is None:
            self._comments = self._document.comments._comments_elm
            used = [int(x) for x in self._comments.xpath("./w:comment/@w:id")]
            self._ids = itertools.count(max(used, default=-1) + 1)
        cid = next(self._ids)
        comment = _el(
            "w:comment",
            **{
                "w:id": str(cid),
                "w:author": self.author,
                "w:initials": self.initials,
                "w:date": self.date,
            },
        )
        p = _el("w:p")
        ppr = _el("w:pPr")
        ppr.append(_el("w:pStyle", **{"w:val": "CommentText"}))
        p.append(ppr)
        ref = _el("w:r")
        rpr = _el("w:rPr")
        rpr.append(_el("w:rStyle", **{"w:val": "CommentReference"}))
        ref.append(rpr)
        ref.append(_el("w:annotationRef"))
        p.append(ref)
        body = _el("w:r")
        for child in _text_children(text, deleted=False):
            body.append(child)
        p.append(body)
        comment.append(p)
        self._comments.append(comment)
        run.mark_comment_range(run, cid)
        return cid


def set_style_shading(style: Any, fill: str) -> None:
    """Give a character style a background (``w:shd``); Word and LibreOffice both show it,
    where a highlight colour in a style is ignored by LibreOffice."""
    rpr = style.element.get_or_add_rPr()
    for old in rpr.findall(qn("w:shd")):
        rpr.remove(old)
    rpr.append(_el("w:shd", **{"w:val": "clear", "w:color": "auto", "w:fill": fill}))


def set_table_cell_margins(table: Any, left_right: int = 90, top_bottom: int = 45) -> None:
    """Cell padding for one table, in twips (``w:tblCellMar``).  The table style says the
    same, but LibreOffice reads only the table's own setting."""
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblCellMar")):
        tbl_pr.remove(old)
    margins = _el("w:tblCellMar")
    for side, value in (
        ("top", top_bottom),
        ("left", left_right),
        ("bottom", top_bottom),
        ("right", left_right),
    ):
        margins.append(_el(f"w:{side}", **{"w:w": str(value), "w:type": "dxa"}))
    # w:tblCellMar comes after w:tblLayout and before w:tblLook in w:tblPr
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)


_APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_EXTENDED = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
)


def set_app_properties(document: Any, application: str, company: str = "") -> None:
    """Replace the extended properties (``docProps/app.xml``) python-docx copies from its
    template ("Microsoft Macintosh Word", 1 page, 0 words) with the application that
    made the document; page and word counts are left to the reader's application."""
    from xml.sax.saxutils import escape

    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<Properties xmlns="{_APP_NS}">'
        f"<Application>{escape(application)}</Application>"
        "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
        f"<Company>{escape(company)}</Company>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged>"
        "</Properties>"
    ).encode()
    package = document.part.package
    for rel in package.rels.values():
        if rel.reltype == _EXTENDED and not rel.is_external:
            rel.target_part._blob = xml
            return


def drop_thumbnail(document: Any) -> None:
    """Remove the template's thumbnail (a picture of an empty page) from the package."""
    rels = document.part.package.rels
    for r_id in [k for k, rel in rels.items() if rel.reltype == _THUMBNAIL]:
        rels.pop(r_id)
