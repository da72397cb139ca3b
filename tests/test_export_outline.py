"""The format-neutral outline: what a briefing says, decided once for PDF and DOCX."""

from __future__ import annotations

import docx
import pypdf
from resultspec import make

from exporters import BriefOptions, export_docx, export_pdf
from exporters import outline as ol
from exporters.summary import category, kind_label
from normalize.records import Result

PDF = ol.Medium("pdf", notes="inline")
DOCX = ol.Medium("docx", notes="comment")


def test_summary_sentence_counts_in_the_singular_and_the_plural():
    one = ol.build([make("[teh|the] [Budspest?Budapest] [Kyiv!]")], BriefOptions(), PDF)
    assert one.summary.sentence == (
        "Redline applied 1 correction in 1 of 1 paragraph. 1 uncertain spot is flagged for "
        "review and left unchanged; 1 word is unknown to the dictionaries (Appendix C lists "
        "them)."
    )
    many = ol.build(
        [make("[teh|the] [adn|and]\nclean\n[Budspest?Budapest] [Budspest?Budapest]")],
        BriefOptions(),
        PDF,
    )
    assert many.summary.sentence.startswith(
        "Redline applied 2 corrections in 2 of 3 paragraphs. 2 uncertain spots are flagged"
    )
    assert "0 words are unknown" in many.summary.sentence
    empty = ol.build([Result("", "")], BriefOptions(), PDF)
    assert empty.summary.sentence is None and empty.body is None and empty.appendices == ()
    assert empty.summary.notices == ("The input contains no text: there is nothing to compare.",)


def test_title_block_and_review_line():
    options = BriefOptions(
        title="Talks\x01", author="Desk 4", dictionaries=["geo"], min_confidence=0.6
    )
    block = ol.build([make("x", source="a.txt")], options, DOCX).title_block
    assert block.title == "Talks"
    assert dict(block.meta)["Prepared by"] == "Desk 4"
    assert [k for k, _ in block.meta] == [
        "Sources",
        "Date",
        "Prepared by",
        "Dictionaries",
        "Confidence threshold",
        "Produced with",
    ]
    assert block.review is None
    review = {
        (None, 2): "Reviewed: 2 items decided by a person.",
        ("Ann", None): "Reviewed by Ann.",
        ("Ann", 1): "Reviewed by Ann: 1 item decided by a person.",
        ("Ann", 1200): "Reviewed by Ann: 1,200 items decided by a person.",
    }
    for (who, n), want in review.items():
        got = ol.build([make("x")], BriefOptions(reviewer=who, reviewed=n), PDF).title_block
        assert got.review == want


def test_kinds_get_readable_labels():
    assert category("spelling", "stray key before a capital") == "straykey"
    assert category("spelling", "a common misspelling of 'x'") == "misspelling"
    assert category("spelling", "sounds like 'x'") == "misspelling"
    assert category("spelling", "2 edits from 'x'") == "typo"
    assert category("realword", "anything") == "realword"
    labels = {k: kind_label(k) for k in ("typo", "runon", "apostrophe", "case", "realword")}
    assert labels == {
        "typo": "Typing slip",
        "runon": "Run-on words split",
        "apostrophe": "Missing apostrophe",
        "case": "Capitalisation",
        "realword": "Wrong word in context",
    }
    assert kind_label("missing_article") == "Missing article"
    assert kind_label("wordOrder") == "Word order"
    assert kind_label("") == "Other"


def test_medium_drops_what_it_cannot_draw_and_counts_it():
    no_emoji = ol.Medium(
        "pdf",
        showable=lambda s: "".join(c for c in s if c != "🙂"),
        missing=lambda s: s.count("🙂"),
    )
    r = make("smile 🙂 [teh|the] 🙂")
    doc = ol.build([r], BriefOptions(title="T🙂"), no_emoji)
    assert doc.missing_glyphs == 3
    assert doc.title_block.title == "T"
    assert any("3 characters that the PDF's fonts cannot draw" in n for n in doc.summary.notices)
    row = doc.body.sections[0].rows[0]
    assert "".join(s.text for s in row.original) == "smile  teh "


def _pdf_words(path) -> str:
    reader = pypdf.PdfReader(str(path))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def _docx_words(path) -> str:
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return " ".join(" ".join(parts).split())


def test_pdf_and_docx_say_every_word_of_the_outline(tmp_path):
    a = make("[teh|the] cat [Kyiv!]\n[Budspest?Budapest] here", source="a.txt")
    b = make("[sre|are] [Kyiv!]", source="b.txt", kind="realword")
    options = BriefOptions(title="Both", author="Desk", reviewer="Ann", reviewed=2)
    results = [a, b]
    export_pdf(results, tmp_path / "b.pdf", options)
    export_docx(results, tmp_path / "b.docx", options)
    rendered = {"pdf": _pdf_words(tmp_path / "b.pdf"), "docx": _docx_words(tmp_path / "b.docx")}
    for name, medium in (("pdf", PDF), ("docx", DOCX)):
        doc = ol.build(results, options, medium)
        tb, sb = doc.title_block, doc.summary
        said = [tb.kicker, tb.title, tb.subtitle, tb.review, sb.heading, sb.sentence]
        said += [v for _, v in tb.meta] + [label for label, _ in sb.chart.bars]
        said += [cell for row in sb.by_source.rows for cell in row]
        said += [doc.body.heading] + [s.heading for s in doc.body.sections]
        for appendix in doc.appendices:
            said += [appendix.title, appendix.intro or appendix.table.header[0]]
            said += [cell for row in appendix.table.rows for cell in row if cell]
        for text in said:
            assert " ".join(text.split()) in rendered[name], (name, text)
