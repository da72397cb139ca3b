"""User dictionaries and `redline dict`: edits change results on the next run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalize import Corrector, DictionaryError
from normalize.cli import cli
from normalize.userdict import (
    add_terms,
    import_terms,
    learn,
    list_dictionaries,
    read_word_list,
    remove_terms,
    user_path,
)

NAME_SENTENCE = "Victoria Nulandz met Generals Zaluzhnyi and Syrskyi in Kyiv."


def _run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_add_then_remove_changes_results(redline_home: Path) -> None:
    before = Corrector.load().correct(NAME_SENTENCE)
    assert "Nuland met" in before.text  # the typed name looks like a typo of Nuland
    assert add_terms(["Nulandz"]) == 1
    after = Corrector.load().correct(NAME_SENTENCE)
    assert after.text == NAME_SENTENCE
    assert remove_terms(["Nulandz"]) == 1
    assert Corrector.load().correct(NAME_SENTENCE).text == before.text


def test_user_file_is_canonical_and_sorted(redline_home: Path) -> None:
    add_terms(["Zaluzhnyi", "Budanov", "Budanov", "!Scot"])
    text = user_path("user").read_text(encoding="utf-8")
    body = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    assert body == ["Budanov", "!Scot", "Zaluzhnyi"]
    assert text.startswith("## name: user\n")


def test_keep_only_is_never_suggested(redline_home: Path) -> None:
    add_terms(["Tomohawk"], keep_only=True)
    c = Corrector.load()
    r = c.correct("The Tomohawk and the Tomahavk.")
    assert "Tomohawk and" in r.text  # accepted as typed
    assert all(x.replacement != "Tomohawk" for x in r.corrections)


def test_dict_option_file_changes_results(tmp_path: Path) -> None:
    d = tmp_path / "names.txt"
    d.write_text("## name: names\nNulandz\n", encoding="utf-8")
    src = tmp_path / "in.txt"
    src.write_text(NAME_SENTENCE + "\n", encoding="utf-8")
    plain = _run("correct", str(src))
    assert "Nuland met" in plain.output
    res = _run("correct", "--dict", "geopolitics", "--dict", str(d), str(src))
    assert res.exit_code == 0
    assert res.output == NAME_SENTENCE + "\n"


def test_list_show_add_remove_cli(redline_home: Path) -> None:
    res = _run("dict", "add", "Syrskyi", "Budanov", "--to", "people")
    assert res.exit_code == 0, res.output
    res = _run("dict", "list")
    rows = [ln.split("\t") for ln in res.output.splitlines()]
    assert ["geopolitics", "shipped"] == rows[0][:2] and int(rows[0][2]) >= 3000
    assert ["people", "user", "2"] == rows[-1][:3]
    res = _run("dict", "show", "people", "--grep", "^bud")
    assert res.output.splitlines() == ["Budanov"]
    res = _run("dict", "remove", "Budanov", "--from", "people")
    assert res.exit_code == 0
    assert _run("dict", "show", "people").output.splitlines() == ["Syrskyi"]


def test_dict_errors_are_one_line(redline_home: Path, tmp_path: Path) -> None:
    from normalize.cli import main

    for args in (
        ["dict", "show", "nosuchdict"],
        ["dict", "remove", "x", "--from", "nosuch"],
        ["dict", "add", "a\tb\tc"],
        ["dict", "add", "x", "--to", "Bad Name"],
        ["dict", "add", "x", "--to", "geopolitics"],
    ):
        assert main(args) == DictionaryError.exit_code
    bad = tmp_path / "bad.txt"
    bad.write_text("## name: bad\nok\nterm\tnotanumber\n", encoding="utf-8")
    res = subprocess.run(
        [sys.executable, "-m", "normalize", "correct", "--dict", str(bad), "-"],
        input="text\n",
        capture_output=True,
        text=True,
    )
    assert res.returncode == DictionaryError.exit_code
    assert res.stderr.count("\n") == 1 and f"{bad}:3:" in res.stderr


def test_import_formats(tmp_path: Path, redline_home: Path) -> None:
    dic = tmp_path / "en.dic"
    dic.write_text("3\nZaporizhzhia/M\nSyrskyi\nHIMARS/S\n", encoding="utf-8")
    assert [w for w, _ in read_word_list(dic)] == ["Zaporizhzhia", "Syrskyi", "HIMARS"]
    freq = tmp_path / "freq.txt"
    freq.write_text("Budanov 120\nSyrskyi 40\n", encoding="utf-8")
    assert read_word_list(freq) == [("Budanov", 120), ("Syrskyi", 40)]
    words = tmp_path / "words.txt"
    words.write_text("# people\nBudanov\nNew START\n", encoding="utf-8")
    assert read_word_list(words) == [("Budanov", None), ("New START", None)]
    assert import_terms(freq, to="imp") == 2
    text = user_path("imp").read_text(encoding="utf-8")
    assert "Budanov\t120\n" in text
    res = _run("dict", "import", str(dic), "--to", "imp")
    assert res.exit_code == 0
    assert {"Zaporizhzhia", "HIMARS"} <= set(_run("dict", "show", "imp").output.split())


def test_learn_ranks_capitals_and_counts(tmp_path: Path) -> None:
    text = (
        "General Varlanov said the QZRTM arrived. Varlanov agreed with Osterhuys. "
        "The blorptastic plan. Varlanov again, with Osterhuys and QZRTM."
    )
    c = Corrector.load()
    found = learn(c.lexicon, [("t", text)], min_count=2)
    terms = [f.term for f in found]
    assert terms[:2] == ["Varlanov", "Osterhuys"] or terms[:2] == ["Varlanov", "QZRTM"]
    assert set(terms) == {"Varlanov", "Osterhuys", "QZRTM"}
    assert "blorptastic" not in terms  # seen once
    assert all(f.contexts for f in found)
    src = tmp_path / "clean.txt"
    src.write_text(text, encoding="utf-8")
    res = _run("dict", "learn", str(src), "--apply", "--to", "learned")
    assert res.exit_code == 0
    assert "Varlanov" in _run("dict", "show", "learned").output


def test_concurrent_adds_lose_nothing(redline_home: Path) -> None:
    code = (
        "import sys; from normalize.userdict import add_terms; "
        "add_terms([f'Term{sys.argv[1]}x{i}' for i in range(15)])"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code, str(n)]) for n in range(6)]
    assert all(p.wait(timeout=60) == 0 for p in procs)
    body = [ln for ln in user_path("user").read_text().splitlines() if ln.startswith("Term")]
    assert len(body) == 90 and len(set(body)) == 90


def test_list_reports_user_paths(redline_home: Path) -> None:
    add_terms(["Budanov"], to="team")
    infos = {d.name: d for d in list_dictionaries()}
    assert infos["team"].kind == "user" and infos["team"].entries == 1
    assert Path(infos["team"].path).parent == redline_home / "dictionaries"


@pytest.mark.parametrize("name", ["geopolitics"])
def test_lint_cli_on_shipped(name: str) -> None:
    res = _run("dict", "lint", name)
    assert res.exit_code == 0, res.output


def test_report_json_lists_unknown(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("The Zqxvbrt plan was signed in Budspest.\n", encoding="utf-8")
    rep = tmp_path / "r.json"
    res = _run("correct", str(src), "-o", str(tmp_path / "out.txt"), "--report", str(rep))
    assert res.exit_code == 0
    data = json.loads(rep.read_text())
    source = data["sources"][0]  # redline-report/1
    assert any(u["word"] == "Zqxvbrt" for u in source["unknown"])
    assert any(c["replacement"] == "Budapest" for c in source["corrections"])
