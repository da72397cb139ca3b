"""The PDF briefing: its text extracted with pypdf, its metadata, outline and fonts."""

from __future__ import annotations

import shutil
import subprocess

import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from resultspec import make

from exporters import BriefOptions, export_pdf
from normalize.records import Correction, Result, apply_corrections

SAMPLE = (
    "[Teh|The] [legaly|legally] binding [sgrerment|agreement] was signed in "
    "[Budspest?Budapest] by the [delegatons|delegations] of both [coutries|countries].\n"
    "Prices of S&P 500 and <b>bold</b> claims where 0.1 <A <0.9 holds; ]]> &amp; stays.\n"
    "\n"
    "Представители Украины (Україна) и России (Россия) [vstretilis|встретились]; "
    "Ελλάδα; hosszú ő ű, [Kyiv!]."
)


def pdf_text(path) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(str(path))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def assert_in_order(words: list[str], text: str) -> None:
    tokens = text.split()
    i = 0
    for w in words:
        while i < len(tokens) and tokens[i] != w:
            i += 1
        assert i < len(tokens), f"{w!r} missing or out of order"
        i += 1


def test_every_word_of_both_columns_is_present_in_order(tmp_path):
    r = make(SAMPLE)
    out = tmp_path / "brief.pdf"
    export_pdf(r, out, BriefOptions(title="Talks"))
    _, text = pdf_text(out)
    expected = []
    for p in r.paragraphs():
        expected += p.original.split() + p.corrected.split()
    assert_in_order(expected, text)  # row by row: original, then corrected
    for literal in (
        "Україна",
        "Россия",
        "ő",
        "ű",
        "Ελλάδα",
        "<b>bold</b>",
        "S&P",
        "<A",
        "<0.9",
        "]]>",
        "&amp;",
    ):
        assert literal in text


def test_metadata_outline_fonts_and_page_numbers(tmp_path):
    out = tmp_path / "brief.pdf"
    export_pdf(make(SAMPLE), out, BriefOptions(title="Minsk talks", author="Desk 4"))
    reader, text = pdf_text(out)
    meta = reader.metadata
    assert meta.title == "Minsk talks" and meta.author == "Desk 4"
    assert meta.subject and meta.creator.startswith("Redline")
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles[:3] == ["Minsk talks", "Summary", "Side-by-side text"]
    assert "Appendix C — Unknown words" in titles
    fonts = {
        str(f["/BaseFont"]) for page in reader.pages for f in page["/Resources"]["/Font"].values()
    }
    assert any(f.endswith("+DejaVuSansCondensed") for f in fonts)  # embedded subset
    n = len(reader.pages)
    for i, page in enumerate(reader.pages, 1):
        assert f"Page {i} of {n}" in " ".join(page.extract_text().split())


def test_summary_and_appendices(tmp_path):
    out = tmp_path / "brief.pdf"
    export_pdf(make(SAMPLE), out, BriefOptions(dictionaries=["geopolitics"]))
    _, text = pdf_text(out)
    flat = " ".join(text.split())
    assert "geopolitics" in flat
    assert "Redline applied 6 corrections in 2 of 4 paragraphs" in flat
    assert "‘Budspest’ → Budapest?" in flat  # the suggestion under the corrected text
    assert "Appendix A — Corrections applied" in flat and "Kyiv" in flat


def test_long_paragraph_splits_across_pages_and_long_tokens_wrap(tmp_path):
    words = [f"word{i}" for i in range(2500)]
    huge = " ".join(words)  # ~22,000 characters in one paragraph
    url = "https://example.org/" + "a" * 400
    r = make(f"[teh|the] start {huge} end\n{url} [nxt|next]")
    out = tmp_path / "long.pdf"
    export_pdf(r, out, BriefOptions(landscape=True))
    reader, text = pdf_text(out)
    assert len(reader.pages) > 4
    # a row split across pages interleaves the columns page by page: check each column
    assert_in_order(["teh", "start", *words, "end"], text)
    assert_in_order(["the", "start", *words, "end"], text)
    assert "next" in text


def test_hostile_text_and_empty_input(tmp_path):
    hostile = (
        "nul\x00 bad\udcff \ufffe end <font name=x> ]]> &amp; RTL שלום مرحبا e\u0301 🇺🇦 👍🏽\n"
        "tab\there\x0c"
    )
    r = Result(hostile, hostile, source="x\udcff.txt")
    out = tmp_path / "hostile.pdf"
    export_pdf(r, out, BriefOptions(title="<b>T</b>\x01", author="A\udcff"))
    _, text = pdf_text(out)
    flat = " ".join(text.split())
    assert "<font name=x> ]]> &amp;" in flat
    assert "4 characters that a document cannot hold" in flat
    out = tmp_path / "empty.pdf"
    export_pdf([Result("", "", source="e.txt")], out, BriefOptions())
    _, text = pdf_text(out)
    assert "The input contains no text" in " ".join(text.split())


@pytest.mark.parametrize("only_changed", [False, True])
def test_several_sources(tmp_path, only_changed):
    a = make("clean line\n[teh|the] cat", source="a.txt")
    b = make("[Budspest?Budapest] again\nnothing here", source="b.txt")
    out = tmp_path / "two.pdf"
    export_pdf([a, b], out, BriefOptions(only_changed=only_changed))
    reader, text = pdf_text(out)
    flat = " ".join(text.split())
    assert "1. a.txt" in flat and "2. b.txt" in flat
    assert ("clean line" in flat) is not only_changed
    outline = reader.outline
    assert any(isinstance(o, list) for o in outline)  # sources nest under the body


def test_row_labels_show_beside_the_number(tmp_path):
    r = make("[teh|the] first\nsecond")
    r = Result(r.original, r.text, r.corrections, source="a.csv", labels=("Alice 2024-03-01", None))
    out = tmp_path / "labels.pdf"
    export_pdf(r, out, BriefOptions())
    _, text = pdf_text(out)
    assert_in_order(
        ["1", "Alice", "2024-03-01", "teh", "first", "the", "first", "2", "second"], text
    )


def test_font_fallback_is_latin_and_says_so(tmp_path, monkeypatch):
    from reportlab.pdfbase import pdfmetrics

    from exporters import _pdf_fonts, pdf

    fonts = _pdf_fonts.load_fonts(_pdf_fonts.font_sources()[-1:])  # only reportlab's own Vera
    assert not fonts.unicode
    assert pdfmetrics.getFont(fonts.regular).face.name  # registered, usable
    monkeypatch.setattr(pdf, "register_fonts", lambda: fonts)
    out = tmp_path / "latin.pdf"
    export_pdf(make("[teh|the] Україна"), out, BriefOptions())
    _, text = pdf_text(out)
    assert "The Unicode font could not be loaded" in " ".join(text.split())
    assert "7 characters that the PDF's fonts cannot draw" in " ".join(text.split())
    nothing = _pdf_fonts.load_fonts([(tmp_path, "a.ttf", "b.ttf", "c.ttf")])
    assert nothing.regular == "Helvetica" and not nothing.unicode


_any_text = st.text(
    alphabet=st.characters(codec="utf-8") | st.sampled_from("\x00\ud800\udcff\x0c<>&;]"),
    max_size=60,
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=_any_text, fix=st.booleans())
def test_any_text_exports(tmp_path, text, fix):
    corrections = (Correction(0, 1, text[0], "<&>", 0.9, "t"),) if fix and text else ()
    r = Result(text, apply_corrections(text, corrections), corrections, source=text[:8])
    out = tmp_path / "any.pdf"
    export_pdf(r, out, BriefOptions(title=text[:20] or "t", author=text[-5:]))
    assert pypdf.PdfReader(str(out)).pages


def test_header_row_opens_every_body_page_and_only_there(tmp_path):
    # rows of many heights, some with a note under the text: reportlab's own split would
    # fit part of the next row under a repeated header in mid-page
    words = "[Teh|The] delegation [mett|met] in [Viena?Vienna] on Monday"
    r = make("\n".join(" ".join([words] * (3 + (i * 7) % 11)) for i in range(40)))
    out = tmp_path / "rows.pdf"
    export_pdf(r, out, BriefOptions())
    reader = pypdf.PdfReader(str(out))
    body = [p.extract_text() for p in reader.pages if "delegation" in p.extract_text()]
    assert len(body) > 3
    for text in body:
        lines = text.split("\n")
        assert sum(1 for a, b in zip(lines, lines[1:]) if (a, b) == ("Original", "Corrected")) == 1


def _font_dicts(reader: pypdf.PdfReader) -> list:
    """Every font dictionary a page uses, directly or through a form XObject."""
    out, seen = [], set()

    def walk(resources) -> None:
        resources = resources.get_object() if resources is not None else {}
        for font in resources.get("/Font", {}).values():
            out.append(font.get_object())
        for xobject in resources.get("/XObject", {}).values():
            x = xobject.get_object()
            key = id(x)
            if key not in seen:
                seen.add(key)
                walk(x.get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return out


def _embedded(font) -> bool:
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    d = descriptor.get_object()
    return any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_every_font_used_is_embedded(tmp_path):
    # a chart, a by-source table, notices, appendices: every part that draws text
    a = make("[teh|the] cat [Kyiv!]\nx\x00y", source="a.txt")
    b = make("[Budspest?Budapest] [sre|are] here", source="b.txt", kind="realword")
    out = tmp_path / "fonts.pdf"
    export_pdf([a, b], out, BriefOptions(title="Fonts", min_confidence=0.6, landscape=True))
    reader = pypdf.PdfReader(str(out))
    fonts = _font_dicts(reader)
    names = {str(f["/BaseFont"]) for f in fonts}
    assert fonts and all(_embedded(f) for f in fonts), names
    assert not any("Helvetica" in n for n in names)
    if shutil.which("pdffonts"):  # poppler-utils: the check a publisher runs
        listing = subprocess.run(
            ["pdffonts", str(out)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert listing and all(line.split()[-5] == "yes" for line in listing), listing


def test_emoji_are_left_out_and_counted(tmp_path):
    # 🇺🇦 is two code points, 👍🏽 two more: the embedded font has none of them
    r = make("Flags 🇺🇦 and [thumbz|thumbs] 👍🏽 up, Україна stays.")
    out = tmp_path / "emoji.pdf"
    export_pdf(r, out, BriefOptions())
    _, text = pdf_text(out)
    flat = " ".join(text.split())
    assert "4 characters that the PDF's fonts cannot draw (emoji and other symbols)" in flat
    assert "Україна" in flat and "thumbs" in flat
    assert "🇺" not in text and "👍" not in text
    assert "cannot draw" not in " ".join(pdf_text(_export(make("plain"), tmp_path))[1].split())


def _export(r: Result, tmp_path, **kw) -> str:
    out = tmp_path / "x.pdf"
    export_pdf(r, out, BriefOptions(**kw))
    return str(out)


def test_appendix_tables_continue_under_a_continued_heading(tmp_path):
    spec = " ".join(f"[tpyo{i:03d}|typo{i:03d}]" for i in range(160))
    out = tmp_path / "long.pdf"
    export_pdf(make(spec), out, BriefOptions())
    reader = pypdf.PdfReader(str(out))
    pages = [p.extract_text() for p in reader.pages]
    first = next(i for i, t in enumerate(pages) if "Appendix A — Corrections applied" in t)
    last = next(i for i, t in enumerate(pages) if "Appendix B — Uncertain spots" in t)
    assert last - first >= 2  # the table runs over at least two more pages
    assert "(continued)" not in pages[first]
    for text in pages[first + 1 : last + 1]:
        flat = " ".join(text.split())
        assert "Appendix A — Corrections applied (continued)" in flat
        # the heading comes first, then the repeated header row
        assert flat.index("(continued)") < flat.index("Original Corrected Kind")
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert not any("continued" in t for t in titles)


def test_chart_shows_the_kinds_readers_care_about(tmp_path):
    from exporters import BriefOptions as Options

    corrections = []
    text = ""
    for word, fix, kind, reason in (
        ("zNuland", "Nuland", "spelling", "stray key before a capital"),
        ("transfered", "transferred", "spelling", "a common misspelling of 'transferred'"),
        ("wrold", "world", "spelling", "1 edit from 'world'"),
        ("wrold", "world", "spelling", "1 edit from 'world'"),
        ("isbreally", "is really", "runon", "run-on words 'is really'"),
        ("agree ment", "agreement", "merge", "stray space"),
        ("bur", "but", "realword", "real-word slip"),
        ("nato", "NATO", "case", "capitalisation"),
        ("dont", "don't", "apostrophe", "missing apostrophe"),
        ("fooo", "foo", "sound_alike-guess", "new kind"),
    ):
        start = len(text)
        text += word + " "
        corrections.append(Correction(start, start + len(word), word, fix, 0.9, reason, kind))
    r = Result(text, apply_corrections(text, corrections), tuple(corrections))
    out = tmp_path / "kinds.pdf"
    export_pdf(r, out, Options())
    _, pdf = pdf_text(out)
    flat = " ".join(pdf.split())
    chart = flat[flat.index("Corrections by kind") : flat.index("Side-by-side text")]
    for label in (
        "Typing slip",
        "Stray key",
        "Misspelling",
        "Run-on words split",
        "Split word joined",
        "Wrong word in context",
        "Capitalisation",
        "Missing apostrophe",
        "Sound alike guess",
    ):
        assert label in chart, label
    assert "Spelling" not in chart


def test_reviewer_is_named_in_the_title_block(tmp_path):
    out = tmp_path / "reviewed.pdf"
    export_pdf(make("[teh|the]"), out, BriefOptions(reviewer="Ann Lee", reviewed=12))
    _, text = pdf_text(out)
    assert "Reviewed by Ann Lee: 12 items decided by a person." in " ".join(text.split())
    export_pdf(make("[teh|the]"), out, BriefOptions())
    assert "Reviewed" not in pdf_text(out)[1]
