"""The JSON report, the shared summary, ``write_briefing`` and the options."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from exporters import BriefOptions, write_briefing
from exporters.report import build_report
from exporters.summary import clean, corrected_segments, original_segments, summarize
from normalize.errors import OutputError
from normalize.records import Correction, Flag, Result, Unknown, apply_corrections


def sample(source: str | None = "memo.txt") -> Result:
    original = "Teh cat sat.\nA dgo in Budspest, Kyiv and teh sea.\n"
    corrections = (
        Correction(0, 3, "Teh", "The", 0.97, "edit distance 1", "case"),
        Correction(15, 18, "dgo", "dog", 0.81, "transposition"),
        Correction(41, 44, "teh", "the", 0.99, "transposition"),
    )
    flags = (Flag(22, 30, "Budspest", "Budapest", 0.55, "low confidence"),)
    unknown = (Unknown(32, 36, "Kyiv"),)
    return Result(
        original, apply_corrections(original, corrections), corrections, flags, unknown, source
    )


def test_segments_mark_both_columns_and_join_back():
    p = list(sample().paragraphs())[1]
    orig = original_segments(p)
    corr = corrected_segments(p)
    assert "".join(s.text for s in orig) == p.original
    assert "".join(s.text for s in corr) == p.corrected
    assert [(s.text, s.note) for s in orig if s.mark == "deleted"] == [
        ("dgo", "dog"),
        ("teh", "the"),
    ]
    assert [(s.text, s.note) for s in corr if s.mark == "inserted"] == [
        ("dog", "dgo"),
        ("the", "teh"),
    ]
    assert [(s.text, s.note) for s in corr if s.mark == "flagged"] == [("Budspest", "Budapest")]


def test_summary_counts_and_groups():
    s = summarize([sample(), sample("other.txt")])
    t = s.totals
    assert (t.paragraphs, t.changed_paragraphs, t.words) == (4, 4, 22)
    assert (t.corrections, t.flags, t.unknown, t.removed_chars) == (6, 2, 2, 0)
    assert dict(s.by_kind) == {"spelling": 4, "case": 2}
    top = s.corrections[0]
    assert (top.original, top.replacement, top.count) == ("dgo", "dog", 2)
    assert [(u.word, u.count, u.sources) for u in s.unknown] == [
        ("Kyiv", 2, ("memo.txt", "other.txt"))
    ]


def test_report_json(tmp_path):
    r = sample()
    out = tmp_path / "report.json"
    write_briefing(
        [r],
        [out],
        BriefOptions(title="T", dictionaries=["geo"], min_confidence=0.7, date=dt.date(2025, 3, 1)),
    )
    data = json.loads(out.read_text("utf-8"))
    assert data["schema"] == "redline-report/1"
    assert (data["date"], data["dictionaries"], data["min_confidence"]) == (
        "2025-03-01",
        ["geo"],
        0.7,
    )
    assert data["summary"]["corrections"] == 3 and data["summary"]["by_kind"] == {
        "case": 1,
        "spelling": 2,
    }
    src = data["sources"][0]
    assert [c["replacement"] for c in src["corrections"]] == ["The", "dog", "the"]
    assert [c["paragraph"] for c in src["corrections"]] == [1, 2, 2]
    assert src["flags"][0]["suggestion"] == "Budapest" and src["unknown"][0]["word"] == "Kyiv"
    assert data == build_report(
        [r],
        BriefOptions(title="T", dictionaries=["geo"], min_confidence=0.7, date=dt.date(2025, 3, 1)),
    )


def test_report_keeps_lone_surrogates_as_valid_json(tmp_path):
    text = "caf\udce9 \x00 ok"
    r = Result(text, text, unknown=(Unknown(0, 4, "caf\udce9"),))
    out = tmp_path / "r.json"
    write_briefing([r], [out], BriefOptions())
    raw = out.read_bytes()
    raw.decode("utf-8")  # strict UTF-8
    data = json.loads(raw)
    assert data["sources"][0]["unknown"][0]["word"] == "caf\udce9"
    assert data["summary"]["removed_chars"] == 2
    assert clean(text) == "caf  ok"


def test_write_briefing_dispatches_by_extension(tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    outs = [tmp_path / "b.pdf", tmp_path / "b.docx", tmp_path / "b.JSON"]
    write_briefing([sample()], outs, BriefOptions())
    assert outs[0].read_bytes().startswith(b"%PDF")
    assert outs[1].read_bytes().startswith(b"PK")
    assert json.loads(outs[2].read_text("utf-8"))["summary"]["words"] == 11
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.JSON", "b.docx", "b.pdf"]


def test_write_briefing_refuses_unknown_formats_before_writing(tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(OutputError, match=r"b\.txt: unknown output format \.txt"):
        write_briefing([sample()], [tmp_path / "a.pdf", tmp_path / "b.txt"], BriefOptions())
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(OutputError, match="does not exist"):
        write_briefing(
            [sample()], [tmp_path / "a.pdf", tmp_path / "missing" / "a.pdf"], BriefOptions()
        )
    folder = tmp_path.parent / "folder.pdf"
    folder.mkdir()
    with pytest.raises(OutputError, match="is a directory"):
        write_briefing([sample()], [tmp_path / "a.json", folder], BriefOptions())
    assert list(tmp_path.iterdir()) == []


def test_options_are_validated_and_immutable():
    o = BriefOptions(dictionaries=["a", "b"])
    assert o.dictionaries == ("a", "b")
    assert o.replace(landscape=True).landscape and not o.landscape
    with pytest.raises(ValueError):
        BriefOptions(min_confidence=1.5)
    with pytest.raises(TypeError):
        BriefOptions(dictionaries="geo")
    with pytest.raises(AttributeError):
        o.title = "x"  # type: ignore[misc]


def test_importing_exporters_stays_light():
    code = (
        "import sys, exporters; from exporters import BriefOptions;"
        "heavy = [m for m in ('reportlab', 'docx', 'lxml') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def _validate(document: dict) -> None:
    from jsonschema import Draft202012Validator

    from exporters import report_schema

    validator = Draft202012Validator(report_schema())
    errors = sorted(validator.iter_errors(document), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_schema_ships_in_the_package_and_is_valid():
    from importlib import resources

    from jsonschema import Draft202012Validator

    from exporters import report_schema

    assert resources.files("exporters").joinpath("report.schema.json").is_file()
    schema = report_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema"] == {"const": "redline-report/1"}


@pytest.mark.parametrize(
    "results",
    [
        [sample()],
        [sample(), sample("other.txt"), Result("", "", source="empty.txt")],
        [Result("caf\udce9 \x00 ok", "caf\udce9 \x00 ok", unknown=(Unknown(0, 4, "caf\udce9"),))],
        [Result("a\nb", "a\nb", source=None, labels=("Alice", None))],
    ],
)
def test_every_report_validates_against_the_schema(tmp_path, results):
    from exporters import report_document

    options = BriefOptions(title="T", reviewer="Ann", reviewed=3, min_confidence=0.6)
    out = tmp_path / "r.json"
    write_briefing(results, [out], options)
    _validate(json.loads(out.read_text("utf-8")))
    _validate(report_document(results, command="check"))  # no options: no title block
    bad = report_document(results, options)
    bad["summary"]["corrections"] = -1
    with pytest.raises(AssertionError):
        _validate(bad)


def test_streamed_report_equals_the_whole_one():
    from exporters import ReportBuilder, report_document

    r = sample()
    whole = report_document([r], command="correct", sources=[{"encoding": "utf-8"}])
    b = ReportBuilder(command="correct")
    b.begin("memo.txt", encoding="utf-8")
    for p in r.paragraphs():  # as `correct` sees a text file: one line at a time
        b.add(Result(p.original, p.corrected, p.corrections, p.flags, p.unknown), line=p.index + 1)
    streamed = b.document()
    for src in streamed["sources"]:
        for key in ("corrections", "flags", "unknown"):
            for d in src[key]:
                assert d.pop("line") == d["paragraph"]
    assert streamed == whole
    assert whole["command"] == "correct" and whole["title"] is None
    assert whole["sources"][0]["encoding"] == "utf-8"
    c = whole["sources"][0]["corrections"][1]
    assert (c["original"], c["start"], c["paragraph"], c["column"]) == ("dgo", 15, 2, 3)
    assert r.original[c["start"] : c["end"]] == "dgo"
    _validate(streamed)


def test_report_summary_agrees_with_the_briefing():
    from exporters import report_document

    results = [sample(), sample("b.txt"), Result("", "", source="e.txt")]
    doc = report_document(results)
    s = summarize(results)
    assert {k: doc["summary"][k] for k in ("paragraphs", "words", "corrections", "flags")} == {
        "paragraphs": s.totals.paragraphs,
        "words": s.totals.words,
        "corrections": s.totals.corrections,
        "flags": s.totals.flags,
    }
    assert doc["summary"]["by_category"] == dict(s.by_category)
    assert [(g["original"], g["count"]) for g in doc["corrections"]] == [
        (g.original, g.count) for g in s.corrections
    ]


def test_default_title_is_the_one_the_readme_documents():
    import re
    from pathlib import Path

    from exporters import DEFAULT_TITLE
    from normalize.cli import brief

    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    documented = re.search(r'^\| `title` \| `"([^"]+)"` \|', readme, re.M)
    assert documented is not None
    assert BriefOptions().title == DEFAULT_TITLE == documented.group(1)
    cli_default = next(p.default for p in brief.params if p.name == "title")
    assert cli_default in (None, DEFAULT_TITLE)


def test_reviewer_options_are_validated():
    assert BriefOptions(reviewer="Ann", reviewed=0).reviewed == 0
    with pytest.raises(ValueError):
        BriefOptions(reviewed=-1)
    with pytest.raises(TypeError):
        BriefOptions(reviewed=1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        BriefOptions(reviewed=True)
