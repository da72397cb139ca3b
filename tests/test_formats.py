"""Record inputs: CSV/TSV, JSON Lines, DOCX and Parquet read, corrected and written back in kind.

Every test checks that what Redline does not own comes back as it was: other columns and
fields, their order, quoting-sensitive values (embedded newlines, quotes, Unicode), JSON
number formatting and nulls, Word run formatting, Parquet types.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalize.cli import main
from normalize.formats import (
    ReadOptions,
    Record,
    WriteOptions,
    combine,
    one_line,
    open_input,
)


@pytest.fixture
def dict_args(dictionary_setup) -> list[str]:
    return dictionary_setup.cli_args


def run_main(args: list[str], input: bytes | None = None) -> tuple[int, str, str]:
    with CliRunner().isolation(input=input) as (out, err, _mixed):
        status = main(args)
        sys.stdout.flush()
        sys.stderr.flush()
        return status, out.getvalue().decode(), err.getvalue().decode()


def one_error_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("redline: error: "), stderr
    return lines[0]


def read_csv(path: Path, **kw) -> list[list[str]]:
    with open(path, encoding=kw.pop("encoding", "utf-8"), newline="") as fh:
        return list(csv.reader(fh, **kw))


# --------------------------------------------------------------------------- CSV

CSV_ROWS = [
    ["id", "author", "posted_at", "body", "score"],
    [
        "1",
        "Ann O'Neil",
        "2024-01-02T10:00",
        'Thst is a "quoted" sgrerment,\r\nover two lines',
        "1.50",
    ],
    ["2", "Zoë", "", "Signed in Budspest, naïve café ✓", ""],
    ["3", "bob", "2024-01-03", "Nothing to fix here.", "007"],
    ["4", "", "", "line one\nline two with Ciongress", "-0"],
]


def write_csv(path: Path, rows=CSV_ROWS, **kw) -> Path:
    with open(path, "w", encoding=kw.pop("encoding", "utf-8"), newline="") as fh:
        csv.writer(fh, **kw).writerows(rows)
    return path


def test_csv_round_trip_keeps_every_other_field(dict_args, tmp_path: Path) -> None:
    src = write_csv(tmp_path / "in.csv")
    before = src.read_bytes()
    out = tmp_path / "out.csv"
    status, _, err = run_main(["correct", *dict_args, str(src), "-o", str(out)])
    assert status == 0, err
    assert src.read_bytes() == before
    rows = read_csv(out)
    assert rows[0] == CSV_ROWS[0] + ["body_corrected"]
    assert [r[:-1] for r in rows] == CSV_ROWS  # every original value, byte for byte
    corrected = [r[-1] for r in rows[1:]]
    assert corrected[0] == 'That is a "quoted" agreement,\r\nover two lines'
    assert corrected[1] == "Signed in Budapest, naïve café ✓"
    assert corrected[2] == "Nothing to fix here."
    assert corrected[3] == "line one\nline two with Congress"
    # the row ends, plus the copy of the CRLF inside the first record's text
    assert out.read_bytes().count(b"\r\n") == before.count(b"\r\n") + 1


def test_csv_dialect_is_kept(dict_args, tmp_path: Path) -> None:
    rows = [["id", "text"], ["1", "Thst is it"], ["2", "a; b"]]
    src = write_csv(
        tmp_path / "in.csv", rows, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n"
    )
    out = tmp_path / "out.csv"
    status, _, err = run_main(["correct", *dict_args, str(src), "-o", str(out)])
    assert status == 0, err
    assert out.read_text(encoding="utf-8") == (
        '"id";"text";"text_corrected"\n"1";"Thst is it";"That is it"\n"2";"a; b";"a; b"\n'
    )


def test_tsv_replace_and_count(dict_args, tmp_path: Path) -> None:
    src = tmp_path / "in.tsv"
    src.write_text("id\tcomment\tn\n1\tThst is it\t3\n2\tfine\t\n", encoding="utf-8")
    out = tmp_path / "out.tsv"
    status, _, err = run_main(
        ["correct", *dict_args, str(src), "-o", str(out), "--replace", "--count-column"]
    )
    assert status == 0, err
    assert out.read_text(encoding="utf-8") == (
        "id\tcomment\tn\tcomment_corrections\n1\tThat is it\t3\t1\n2\tfine\t\t0\n"
    )


def test_csv_bom_is_kept(dict_args, tmp_path: Path) -> None:
    src = write_csv(tmp_path / "in.csv", [["text"], ["Thst is it"]], encoding="utf-8-sig")
    out = tmp_path / "out.csv"
    status, _, err = run_main(["correct", *dict_args, str(src), "-o", str(out)])
    assert status == 0, err
    assert out.read_bytes() == "\ufefftext,text_corrected\r\nThst is it,That is it\r\n".encode()


def test_csv_text_column_guess_and_unknown_column(dict_args, tmp_path: Path) -> None:
    rows = [["id", "who", "remarks"], ["1", "Ann Lee", "Thst is what we said at the time"]]
    src = write_csv(tmp_path / "in.csv", rows)
    inp = open_input(str(src))
    assert inp.text_column == "remarks"  # the wordiest column
    status, _, err = run_main(["correct", *dict_args, str(src), "--text-column", "body"])
    assert status == 6  # a data error
    line = one_error_line(err)
    assert "no column 'body'" in line and "id, who, remarks" in line


@pytest.mark.parametrize(
    ("data", "where", "what"),
    [
        ('id,text\n1,fine\n2,"bad" quote,x\n3,Thst\n', ":3:", "malformed CSV"),
        ("id,text\n1,fine\n2,one,two\n3,Thst\n", ":3:", "expected 2 fields, found 3"),
        ('id,text\n1,"multi\nline"\n2\n3,Thst\n', ":4:", "expected 2 fields, found 1"),
    ],
    ids=["quote", "too-many", "after-multiline"],
)
def test_malformed_csv_names_file_and_line(
    dict_args, tmp_path: Path, data: str, where: str, what: str
) -> None:
    src = tmp_path / "in.csv"
    src.write_text(data, encoding="utf-8", newline="")
    out = tmp_path / "out.csv"
    status, _, err = run_main(["correct", *dict_args, str(src), "-o", str(out)])
    assert status == 3
    line = one_error_line(err)
    assert f"in.csv{where}" in line and what in line
    assert not out.exists()

    status, _, err = run_main(
        ["correct", *dict_args, str(src), "-o", str(out), "--skip-bad-records"]
    )
    assert status == 0, err
    assert "skipped 1 malformed record(s)" in err and where.strip(":") in err
    rows = read_csv(out)
    assert rows[-1] == ["3", "Thst", "That"]


def test_unterminated_quote_at_end(dict_args, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text('id,text\n1,Thst\n2,"never closed\n', encoding="utf-8")
    status, _, err = run_main(["correct", *dict_args, str(src)])
    assert status == 3 and "in.csv:3: malformed CSV" in one_error_line(err)


# --------------------------------------------------------------------------- JSON Lines

JSONL = [
    '{"id": 1, "text": "Thst is it", "score": 1.50, "big": 12345678901234567890, "e": 1e5, '
    '"n": null, "ok": true, "tags": ["a", {"b": 2.0}]}',
    '{"id":2,"text":"Signed in Budspest \\u00e9 \\"q\\"","x":-0.0}',
    '{"id": 3, "text": "naïve Ciongress ✓", "when": "2024-01-02"}',
    '{"id": 4, "text": null}',
    '{"id": 5}',
]


def test_jsonl_round_trip_splices_only_the_new_field(dict_args, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(JSONL) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    status, _, err = run_main(["correct", *dict_args, str(src), "-o", str(out)])
    assert status == 0, err
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines == [
        JSONL[0][:-1] + ', "text_corrected": "That is it"}',
        JSONL[1][:-1] + ',"text_corrected":"Signed in Budapest \\u00e9 \\"q\\""}',
        JSONL[2][:-1] + ', "text_corrected": "naïve Congress ✓"}',
        '{"id": 4, "text": null, "text_corrected": null}',
        '{"id": 5, "text_corrected": null}',
    ]
    for line in lines:
        json.loads(line)


def test_jsonl_replace_and_count(dict_args, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"text": "Thst is it", "score": 1.50}\n{"text": null, "t": 1}\n', encoding="utf-8"
    )
    status, out, err = run_main(
        ["correct", *dict_args, str(src), "--replace", "--count-column", "--text-field", "text"]
    )
    assert status == 0, err
    assert out == (
        '{"text": "That is it", "score": 1.50, "text_corrections": 1}\n'
        '{"text": null, "t": 1, "text_corrections": null}\n'
    )


def test_jsonl_from_stdin(dict_args) -> None:
    status, out, err = run_main(
        ["correct", *dict_args, "--input-format", "jsonl", "-"], input=b'{"body": "Thst is it"}\n'
    )
    assert status == 0, err
    assert out == '{"body": "Thst is it", "body_corrected": "That is it"}\n'


@pytest.mark.parametrize(
    ("bad", "what"),
    [
        ('{"id": 2, "text": "unterminated}', "malformed JSON"),
        ('["not", "an", "object"]', "not a JSON object"),
        ('{"id": 2} trailing', "extra data"),
        ('{"id": 2, "text": tru}', "Expecting value"),
    ],
)
def test_malformed_jsonl_names_file_and_line(
    dict_args, tmp_path: Path, bad: str, what: str
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(f'{{"text": "fine"}}\n\n{bad}\n{{"text": "Thst"}}\n', encoding="utf-8")
    status, _, err = run_main(["correct", *dict_args, str(src)])
    assert status == 3
    line = one_error_line(err)
    assert "in.jsonl:3: " in line and what in line
    status, out, err = run_main(["correct", *dict_args, str(src), "--skip-bad-records"])
    assert status == 0, err
    assert "in.jsonl: skipped 1 malformed record(s) (line 3)" in err
    assert out.splitlines()[-1] == '{"text": "Thst", "text_corrected": "That"}'


def test_jsonl_unknown_field_lists_fields(dict_args, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "body": "x"}\n', encoding="utf-8")
    status, _, err = run_main(["correct", *dict_args, str(src), "--text-field", "text"])
    assert status == 6  # a data error
    assert "no field 'text' (available: id, body)" in one_error_line(err)


# --------------------------------------------------------------------------- DOCX


def make_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    p = d.add_paragraph("Legally binding ")
    p.add_run("sgrerment").bold = True
    p.add_run(" signed in Budspest.")
    d.add_paragraph("Thst is it", style="Heading 1")
    d.add_paragraph("")
    d.add_paragraph("Nothing to fix here.", style="Quote")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Ciongress votes"
    table.cell(0, 1).text = "fine"
    p = d.add_paragraph("across runs: Bud")
    p.add_run("spest").italic = True
    d.save(str(path))
    return path


def test_docx_round_trip_keeps_styles_and_runs(dict_args, tmp_path: Path) -> None:
    import docx

    src = make_docx(tmp_path / "in.docx")
    out = tmp_path / "out.docx"
    status, _, err = run_main(["correct", *dict_args, str(src), "-o", str(out)])
    assert status == 0, err
    d = docx.Document(str(out))
    paragraphs = d.paragraphs
    assert [(r.text, r.bold) for r in paragraphs[0].runs] == [
        ("Legally binding ", None),
        ("agreement", True),
        (" signed in Budapest.", None),
    ]
    assert (paragraphs[1].text, paragraphs[1].style.name) == ("That is it", "Heading 1")
    assert paragraphs[2].text == ""
    assert (paragraphs[3].text, paragraphs[3].style.name) == ("Nothing to fix here.", "Quote")
    assert [c.text for c in d.tables[0]._cells] == ["Congress votes", "fine"]
    # a correction across runs lands in the run where it starts; the rest is emptied
    assert [r.text for r in paragraphs[4].runs] == ["across runs: Budapest", ""]


def test_docx_needs_an_output_file(dict_args, tmp_path: Path) -> None:
    src = make_docx(tmp_path / "in.docx")
    status, _, err = run_main(["correct", *dict_args, str(src)])
    assert status == 2 and "DOCX output needs -o FILE or -d DIR" in err


def test_not_a_docx(dict_args, tmp_path: Path) -> None:
    src = tmp_path / "in.docx"
    src.write_text("plain text", encoding="utf-8")
    status, _, err = run_main(["correct", *dict_args, str(src), "-o", str(tmp_path / "o.docx")])
    assert status == 3 and "in.docx: not a Word" in one_error_line(err)


# --------------------------------------------------------------------------- Parquet


def test_parquet_round_trip(dict_args, tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import datetime

    import pyarrow.parquet as pq

    table = pa.table(
        {
            "id": pa.array([1, 2, 3], pa.int32()),
            "author": ["ann", None, "Zoë"],
            "posted_at": pa.array([datetime.datetime(2024, 1, 2), None, None]),
            "text": ["Thst is it", None, "Budspest ✓"],
            "score": pa.array([1.5, None, 2.25]),
        }
    )
    src = tmp_path / "in.parquet"
    pq.write_table(table, src, compression="zstd")
    out = tmp_path / "out.parquet"
    status, _, err = run_main(["correct", *dict_args, str(src), "-o", str(out), "--count-column"])
    assert status == 0, err
    got = pq.read_table(out)
    assert got.schema.names == table.schema.names + ["text_corrected", "text_corrections"]
    assert got.select(table.schema.names).equals(table)
    assert got.column("text_corrected").to_pylist() == ["That is it", None, "Budapest ✓"]
    assert got.column("text_corrections").to_pylist() == [1, None, 1]
    assert pq.ParquetFile(out).metadata.row_group(0).column(0).compression == "ZSTD"


def test_parquet_without_pyarrow_is_one_line(
    dict_args, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "in.parquet"
    src.write_bytes(b"PAR1")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    status, _, err = run_main(["correct", *dict_args, str(src), "-o", str(tmp_path / "o.parquet")])
    assert status == 6  # a data error
    assert "Parquet needs pyarrow: pip install 'redline[parquet]'" in one_error_line(err)


# --------------------------------------------------------------------------- many inputs


def test_output_dir_writes_each_input_in_kind(dict_args, tmp_path: Path) -> None:
    a = write_csv(tmp_path / "a.csv", [["text"], ["Thst"]])
    b = tmp_path / "b.jsonl"
    b.write_text('{"text": "Thst"}\n', encoding="utf-8")
    c = tmp_path / "c.txt"
    c.write_text("Thst\r\n", encoding="utf-8", newline="")
    outdir = tmp_path / "new" / "out"
    status, _, err = run_main(["correct", *dict_args, str(a), str(b), str(c), "-d", str(outdir)])
    assert status == 0, err
    assert (outdir / "a.csv").read_bytes() == b"text,text_corrected\r\nThst,That\r\n"
    assert (outdir / "b.jsonl").read_text(encoding="utf-8") == (
        '{"text": "Thst", "text_corrected": "That"}\n'
    )
    assert (outdir / "c.txt").read_bytes() == b"That\r\n"


def test_output_dir_glob_pattern_is_expanded(dict_args, tmp_path: Path) -> None:
    for name in ("x1.jsonl", "x2.jsonl"):
        (tmp_path / name).write_text('{"text": "Thst"}\n', encoding="utf-8")
    out = tmp_path / "out"
    status, _, err = run_main(["correct", *dict_args, str(tmp_path / "x*.jsonl"), "-d", str(out)])
    assert status == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["x1.jsonl", "x2.jsonl"]


def test_output_dir_refuses_to_overwrite_an_input(dict_args, tmp_path: Path) -> None:
    a = write_csv(tmp_path / "a.csv", [["text"], ["Thst"]])
    before = a.read_bytes()
    status, _, err = run_main(["correct", *dict_args, str(a), "-d", str(tmp_path)])
    assert status == 4 and "it is one of the inputs" in one_error_line(err)
    assert a.read_bytes() == before


def test_several_record_inputs_need_a_directory(dict_args, tmp_path: Path) -> None:
    a = write_csv(tmp_path / "a.csv", [["text"], ["x"]])
    b = write_csv(tmp_path / "b.csv", [["text"], ["y"]])
    status, _, err = run_main(["correct", *dict_args, str(a), str(b)])
    assert status == 2 and "need -d DIR" in err


# --------------------------------------------------------------------------- brief


def test_combine_gives_one_labelled_paragraph_per_record(corrector) -> None:
    records = [
        Record(1, "Thst is it", "ann · 2024-01-02"),
        Record(2, "fine", None),
        Record(3, one_line("Budspest\r\nsgrerment"), "bob"),
    ]
    result = combine(((r, corrector.correct(r.text)) for r in records), source="x.csv")
    paragraphs = list(result.paragraphs())
    assert [(p.original, p.corrected, p.label) for p in paragraphs] == [
        ("Thst is it", "That is it", "ann · 2024-01-02"),
        ("fine", "fine", None),
        ("Budspest sgrerment", "Budapest agreement", "bob"),
    ]
    assert [c.original for c in paragraphs[2].corrections] == ["Budspest", "sgrerment"]
    assert paragraphs[2].corrections[1].start == len("Budspest ")


def test_brief_shows_labels(dict_args, tmp_path: Path) -> None:
    import docx

    src = write_csv(tmp_path / "in.csv")
    out = tmp_path / "brief.docx"
    status, _, err = run_main(
        [
            "brief",
            *dict_args,
            str(src),
            "-o",
            str(out),
            "--label-column",
            "author",
            "--label-column",
            "posted_at",
        ]
    )
    assert status == 0, err
    xml = "".join(c.text for t in docx.Document(str(out)).tables for c in t._cells)
    assert "Ann O'Neil · 2024-01-02T10:00" in xml and "Zoë" in xml
    assert "over two lines" in xml


def test_brief_label_column_must_exist(dict_args, tmp_path: Path) -> None:
    src = write_csv(tmp_path / "in.csv")
    status, _, err = run_main(
        ["brief", *dict_args, str(src), "-o", str(tmp_path / "b.pdf"), "--label-column", "user"]
    )
    assert status == 6 and "no column 'user'" in one_error_line(err)


# --------------------------------------------------------------------------- library


def test_reader_is_lazy_and_writer_takes_pairs(corrector, tmp_path: Path) -> None:
    data = "text,n\r\nThst,1\r\n"
    path = tmp_path / "x.csv"
    path.write_text(data, encoding="utf-8", newline="")
    inp = open_input(str(path), ReadOptions(label_columns=("n",)))
    records = list(inp.records())
    assert records == [Record(2, "Thst", "1", ["Thst", "1"], len(data))]
    buf = io.StringIO(newline="")
    inp.write(
        ((r, corrector.correct(r.text)) for r in records), buf, WriteOptions(count_column=True)
    )
    assert buf.getvalue() == "text,n,text_corrected,text_corrections\r\nThst,1,That,1\r\n"


# --------------------------------------------------------------------------- issue 13


def test_csv_value_with_a_bare_cr_is_quoted(dict_args, tmp_path: Path) -> None:
    """Issue 13.2: a bare CR in a value was written unquoted; the row split in three."""
    src = tmp_path / "cr.csv"
    src.write_bytes(b'id,text,note\n1,"has\rbare cr wrold","a\rb"\n')
    out = tmp_path / "o.csv"
    status, _, err = run_main(["correct", *dict_args, str(src), "-o", str(out)])
    assert status == 0, err
    rows = read_csv(out)
    assert rows == [
        ["id", "text", "note", "text_corrected"],
        ["1", "has\rbare cr wrold", "a\rb", "has\rbare cr world"],
    ]


def test_csv_fields_longer_than_the_default_limit(dict_args, tmp_path: Path) -> None:
    """Issue 13.10: fields over 131,072 characters were refused as malformed."""
    long = "word " * 40_000
    src = write_csv(tmp_path / "in.csv", [["id", "text"], ["1", long + "Thst"]])
    out = tmp_path / "o.csv"
    status, _, err = run_main(["correct", *dict_args, str(src), "-o", str(out)])
    assert status == 0, err
    assert read_csv(out)[1][2] == long + "That"


def test_tsv_is_written_as_it_was_read(dict_args, tmp_path: Path) -> None:
    """Issue 13.10: TSV has no quoting: a field starting with a quote is a value, and an
    untouched field with quotes is not re-quoted."""
    data = 'id\ttext\tnote\n1\t"Thst" is it\tsays "hi"\n2\tfine\t"x\n'
    src = tmp_path / "in.tsv"
    src.write_text(data, encoding="utf-8")
    out = tmp_path / "o.tsv"
    status, _, err = run_main(["correct", *dict_args, str(src), "-o", str(out)])
    assert status == 0, err
    assert out.read_text(encoding="utf-8") == (
        'id\ttext\tnote\ttext_corrected\n1\t"Thst" is it\tsays "hi"\t"That" is it\n'
        '2\tfine\t"x\tfine\n'
    )


def test_parquet_existing_non_text_corrected_column(dict_args, tmp_path: Path) -> None:
    """Issue 13.10: an int ``text_corrected`` column crashed the writer (ArrowInvalid)."""
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"text": ["Thst is it"], "text_corrected": [7]}), src)
    out = tmp_path / "o.parquet"
    status, _, err = run_main(["correct", *dict_args, str(src), "-o", str(out)])
    assert status == 0, err
    assert pq.read_table(out).to_pylist() == [
        {"text": "Thst is it", "text_corrected": "That is it"}
    ]


def test_parquet_dictionary_encoded_strings_are_text(dict_args, tmp_path: Path) -> None:
    """Issue 13.10: dictionary-encoded string columns were not recognised as text."""
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    src = tmp_path / "in.parquet"
    body = pa.array(["Thst is it", "fine", "Thst is it"]).dictionary_encode()
    pq.write_table(pa.table({"id": [1, 2, 3], "body": body}), src)
    out = tmp_path / "o.parquet"
    status, _, err = run_main(["correct", *dict_args, str(src), "-o", str(out), "--replace"])
    assert status == 0, err
    assert pq.read_table(out).column("body").to_pylist() == ["That is it", "fine", "That is it"]
    status, _, err = run_main(["correct", *dict_args, str(src), "-o", str(out)])
    assert status == 0, err
    assert pq.read_table(out).column("body_corrected").to_pylist()[0] == "That is it"


@pytest.mark.parametrize("escape", ["\\udc80", "\\ud800", "\\udfff"])
@pytest.mark.parametrize("ascii_line", [True, False])
def test_jsonl_escaped_lone_surrogates_stay_escaped(
    dict_args, tmp_path: Path, escape: str, ascii_line: bool
) -> None:
    """Issue 13.6: an escaped lone surrogate came out as a raw byte (invalid UTF-8), or
    crashed the writer on a line with other non-ASCII text."""
    extra = "" if ascii_line else " café"
    line = '{"id": 1, "text": "Thst ' + escape + extra + '"}\n'
    src = tmp_path / "in.jsonl"
    src.write_text(line, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    status, _, err = run_main(["correct", *dict_args, str(src), "-o", str(out)])
    assert status == 0, err
    data = out.read_bytes()
    data.decode("utf-8")  # valid UTF-8
    assert data.decode("utf-8") == (
        '{"id": 1, "text": "Thst ' + escape + extra + '", '
        '"text_corrected": "That ' + escape + extra + '"}\n'
    )


def test_jsonl_stray_bytes_stay_bytes(dict_args, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes('{"text": "Thst \x81 café ✓ ✓ ✓"}\n'.encode().replace(b"\xc2\x81", b"\x81"))
    out = tmp_path / "o.jsonl"
    status, _, err = run_main(["correct", *dict_args, str(src), "-o", str(out)])
    assert status == 0, err
    assert out.read_bytes().count(b"\x81") == 2
