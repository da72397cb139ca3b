"""The Word briefing, read back with python-docx and by walking its XML."""

from __future__ import annotations

import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from resultspec import make

from exporters import BriefOptions, export_docx
from exporters.summary import clean
from normalize.records import Correction, Result, apply_corrections

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

SAMPLE = (
    "[Teh|The] [legaly|legally] binding [sgrerment|agreement] was signed in "
    "[Budspest?Budapest].\n"
    "Prices of S&P 500 <b>rose</b>, [avaliable|available] at https://example.org/x.\n"
    "\n"
    "Представители Украины (Україна) и России (Россия) [agreemnt|agreement], ő ű, [Kyiv!]."
)


def body_table(path):
    d = docx.Document(str(path))
    return d, d.tables[0]


def test_table_has_one_row_per_paragraph_and_exact_cell_text(tmp_path):
    r = make(SAMPLE)
    out = tmp_path / "brief.docx"
    export_docx(r, out, BriefOptions(title="Talks"))
    d, table = body_table(out)
    paragraphs = list(r.paragraphs())
    assert len(table.rows) == len(paragraphs) + 1
    assert [c.text for c in table.rows[0].cells] == ["¶", "Original", "Corrected"]
    for p, row in zip(paragraphs, table.rows[1:], strict=True):
        assert row.cells[0].text == str(p.index + 1)
        assert row.cells[1].text == p.original
        assert row.cells[2].text == p.corrected


def test_marks_are_named_styles_and_flags_carry_a_comment(tmp_path):
    r = make(SAMPLE)
    out = tmp_path / "brief.docx"
    export_docx(r, out, BriefOptions())
    d, table = body_table(out)
    runs = [run for row in table.rows[1:] for cell in row.cells for run in cell.paragraphs[0].runs]
    by_style: dict[str, list[str]] = {}
    for run in runs:
        if run.style is not None and run.style.name.startswith("Redline"):
            by_style.setdefault(run.style.name, []).append(run.text)
    assert by_style["Redline Deleted"] == ["Teh", "legaly", "sgrerment", "avaliable", "agreemnt"]
    assert by_style["Redline Inserted"] == ["The", "legally", "agreement", "available", "agreement"]
    assert by_style["Redline Uncertain"] == ["Budspest", "Budspest"]
    # no direct formatting pasted onto the runs
    assert not any(run.bold or run.font.color.rgb for run in runs)
    comments = list(d.comments)
    assert len(comments) == 1 and "Budapest" in comments[0].text


def test_header_row_repeats_footer_has_page_field_landscape(tmp_path):
    out = tmp_path / "brief.docx"
    export_docx(make(SAMPLE), out, BriefOptions(landscape=True))
    d, table = body_table(out)
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.style.name == "Redline Table"
    section = d.sections[0]
    assert section.page_width > section.page_height
    footer = etree.tostring(section.footer._element).decode()
    assert "PAGE" in footer and "NUMPAGES" in footer


def _revision_text(path, accept: bool) -> list[str]:
    """Each body paragraph's text with every revision accepted (or rejected)."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out = []
    for p in root.iter(f"{W}p"):
        text = []
        for el in p.iter(f"{W}t", f"{W}delText", f"{W}tab"):
            inside_ins = any(a.tag == f"{W}ins" for a in el.iterancestors())
            if el.tag == f"{W}tab":
                deleted = any(a.tag == f"{W}del" for a in el.iterancestors())
                if (accept and not deleted) or (not accept and not inside_ins):
                    text.append("\t")
            elif el.tag == f"{W}delText":
                if not accept:
                    text.append(el.text or "")
            elif accept or not inside_ins:
                text.append(el.text or "")
        out.append("".join(text))
    return out


def test_tracked_changes_accept_all_is_corrected_reject_all_is_original(tmp_path):
    r = make(SAMPLE + "\n[Teh|The]\tend [wrd|] [x|y z]")
    out = tmp_path / "revisions.docx"
    export_docx(r, out, BriefOptions(tracked_changes=True))
    assert _revision_text(out, accept=True) == [p.corrected for p in r.paragraphs()]
    assert _revision_text(out, accept=False) == [p.original for p in r.paragraphs()]
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert xml.count("<w:del ") == len(r.corrections)
    assert 'w:author="Redline"' in xml and "w:date=" in xml
    assert len(list(docx.Document(str(out)).comments)) == 1


def test_tracked_changes_survive_records_that_do_not_replay(tmp_path):
    # corrected text disagreeing with the records: still accept -> text, reject -> original
    bad = Result("abc def", "abc XYZ", (Correction(0, 3, "abc", "ABC", 0.9, "t"),))
    out = tmp_path / "revisions.docx"
    export_docx(bad, out, BriefOptions(tracked_changes=True))
    assert _revision_text(out, accept=True) == ["abc XYZ"]
    assert _revision_text(out, accept=False) == ["abc def"]


HOSTILE = (
    "nul\x00 bell\x07 vt\x0b ff\x0c esc\x1b bad\udcff byte \ufffe\uffff end\n"
    "RTL: שלום עולם مرحبا، combining: e\u0301 a\u0308 emoji: 🇺🇦 👍🏽\n"
    "<font name=x> ]]> &amp; &lt; <![CDATA[ x ]]> \u200b\u2028 tab\there"
)


@pytest.mark.parametrize("tracked", [False, True])
def test_hostile_text_never_crashes_and_reads_back_minus_forbidden(tmp_path, tracked):
    corrections = (
        Correction(HOSTILE.index("bad"), HOSTILE.index("bad") + 3, "bad", "good", 0.9, "t"),
    )
    r = Result(HOSTILE, apply_corrections(HOSTILE, corrections), corrections, source="x\x00.txt")
    out = tmp_path / "hostile.docx"
    export_docx(r, out, BriefOptions(title="T\x01itle", author="A\udcffB", tracked_changes=tracked))
    d = docx.Document(str(out))
    if tracked:
        assert _revision_text(out, accept=True) == [clean(p.corrected) for p in r.paragraphs()]
        header = "\n".join(p.text for p in d.sections[0].header.paragraphs)
        assert "8 characters that a document cannot hold" in header
        return
    rows = d.tables[0].rows[1:]
    for p, row in zip(r.paragraphs(), rows, strict=True):
        assert row.cells[1].text == clean(p.original)
        assert row.cells[2].text == clean(p.corrected)
    text = "\n".join(p.text for p in d.paragraphs)
    assert "8 characters that a document cannot hold" in text


def test_empty_input_says_so(tmp_path):
    out = tmp_path / "empty.docx"
    export_docx(Result("", ""), out, BriefOptions())
    d = docx.Document(str(out))
    assert "no text" in "\n".join(p.text for p in d.paragraphs)
    assert all(t.rows[0].cells[0].text != "¶" for t in d.tables)


def test_several_sources_and_only_changed(tmp_path):
    a = make("clean line\n[teh|the] cat\nanother clean line", source="a.txt")
    b = make("[Budspest?Budapest] again\nnothing", source="b.txt")
    out = tmp_path / "two.docx"
    export_docx([a, b], out, BriefOptions(only_changed=True))
    d = docx.Document(str(out))
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 2"]
    assert headings == ["1. a.txt", "2. b.txt"]
    by_source, first, second = d.tables[0], d.tables[1], d.tables[2]
    assert [[c.text for c in r.cells] for r in by_source.rows] == [
        ["Source", "Paragraphs", "Words", "Corrections", "Uncertain", "Unknown"],
        ["a.txt", "3", "7", "1", "0", "0"],
        ["b.txt", "2", "3", "0", "1", "0"],
        ["Total", "5", "10", "1", "1", "0"],
    ]
    assert [r.cells[0].text for r in first.rows[1:]] == ["2"]
    assert [r.cells[1].text for r in first.rows[1:]] == ["teh cat"]
    assert [r.cells[2].text for r in second.rows[1:]] == ["Budspest again"]


_words = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\n\r")
    | st.sampled_from("\x00\ud800\udcff\x0c"),
    max_size=40,
)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(pieces=st.lists(st.tuples(_words, _words, st.booleans()), min_size=1, max_size=6))
def test_any_text_round_trips(tmp_path, pieces):
    original, corrections = "", []
    for before, word, fix in pieces:
        original += before
        start = len(original)
        original += word + " "
        if fix and word:
            corrections.append(
                Correction(start, start + len(word), word, word[::-1] + "x", 0.8, "t")
            )
    r = Result(original, apply_corrections(original, corrections), tuple(corrections))
    out = tmp_path / "any.docx"
    export_docx(r, out, BriefOptions())
    d = docx.Document(str(out))
    if not original.strip():
        return
    rows = d.tables[0].rows[1:]
    for p, row in zip(r.paragraphs(), rows, strict=True):
        assert row.cells[1].text == clean(p.original)
        assert row.cells[2].text == clean(p.corrected)


def test_row_labels_show_beside_the_number(tmp_path):
    r = make("[teh|the] first\nsecond")
    r = Result(
        r.original, r.text, r.corrections, source="a.csv", labels=("Alice · 2024-03-01", None)
    )
    out = tmp_path / "labels.docx"
    export_docx(r, out, BriefOptions())
    _, table = body_table(out)
    assert [row.cells[0].text for row in table.rows[1:]] == ["1\nAlice · 2024-03-01", "2"]
    assert table.rows[1].cells[1].text == "teh first"


def test_core_and_app_properties_come_from_the_run(tmp_path):
    import datetime as dt

    out = tmp_path / "props.docx"
    before = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    export_docx(make(SAMPLE), out, BriefOptions(title="Minsk talks", author="Desk 4"))
    after = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    props = docx.Document(str(out)).core_properties
    assert (props.title, props.author, props.last_modified_by) == (
        "Minsk talks",
        "Desk 4",
        "Redline",
    )
    for when in (props.created, props.modified):
        assert before <= when.replace(tzinfo=None) <= after
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        app = etree.fromstring(z.read("docProps/app.xml"))
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("_rels/.rels").decode()
    ns = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
    assert app.findtext(f"{ns}Application") == "Redline"
    assert app.find(f"{ns}Pages") is None and app.find(f"{ns}AppVersion") is None
    assert "Microsoft" not in etree.tostring(app).decode()
    assert not any("thumbnail" in n for n in names)
    assert "thumbnail" not in rels and "jpeg" not in types


def test_core_properties_follow_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    out = tmp_path / "repro.docx"
    export_docx(make(SAMPLE), out, BriefOptions(tracked_changes=True))
    props = docx.Document(str(out)).core_properties
    assert props.created.replace(tzinfo=None).isoformat() == "2023-11-14T22:13:20"
    assert props.modified == props.created


def _cant_split(row) -> bool:
    tr_pr = row._tr.trPr
    return tr_pr is not None and tr_pr.find(qn("w:cantSplit")) is not None


def test_body_rows_stay_on_one_page_unless_taller_than_a_page(tmp_path):
    huge = " ".join(f"word{i}" for i in range(2500))  # ~20,000 characters: pages long
    r = make(f"[teh|the] short\n{huge}\n" + "a line of ordinary length, " * 30 + "\nend")
    out = tmp_path / "rows.docx"
    export_docx(r, out, BriefOptions())
    d = docx.Document(str(out))
    rows = d.tables[0].rows
    assert [_cant_split(row) for row in rows[1:]] == [True, False, True, True]
    # the schema's order inside w:trPr: cantSplit before tblHeader
    tags = [el.tag.split("}")[1] for el in rows[0]._tr.trPr]
    assert tags == ["cantSplit", "tblHeader"]
    for table in d.tables[1:]:  # appendix rows are short: all kept whole
        assert all(_cant_split(row) for row in table.rows)


def test_reviewer_and_the_chart_in_words(tmp_path):
    out = tmp_path / "reviewed.docx"
    r = make("[zNuland|Nuland] [teh|the] [wrold|world]")
    r = Result(
        r.original,
        r.text,
        (r.corrections[0].__class__(**{**r.corrections[0].to_dict(), "reason": "stray key"}),)
        + r.corrections[1:],
    )
    export_docx(r, out, BriefOptions(reviewer="Ann Lee", reviewed=1))
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Reviewed by Ann Lee: 1 item decided by a person." in text
    assert "Typing slip\t" in text and "Stray key\t" in text and "Spelling" not in text
