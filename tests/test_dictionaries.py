"""The shipped dictionaries and the dictionary file format (normalize.dictfile)."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import pytest
from wordfreq import zipf_frequency

from normalize.dictfile import DictionaryFile, Entry, dumps, lint, load, parse, sort_key
from normalize.errors import DictionaryError

PACKAGE = files("redline_dictionaries")
SHIPPED = sorted(p.name for p in PACKAGE.iterdir() if p.name.endswith(".txt"))
MINIMUM_ENTRIES = {"geopolitics": 3000}


def frequency(word: str) -> float:
    return zipf_frequency(word, "en")


def shipped(name: str) -> DictionaryFile:
    return parse(PACKAGE.joinpath(name).read_text(encoding="utf-8"), name)


# --- every shipped dictionary ----------------------------------------------------------


def test_there_are_shipped_dictionaries() -> None:
    assert "geopolitics.txt" in SHIPPED


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_name_matches_file(name: str) -> None:
    assert shipped(name).name == Path(name).stem


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_is_canonical(name: str) -> None:
    """Sorted, header first, no comments: exactly what dumps() writes."""
    text = PACKAGE.joinpath(name).read_text(encoding="utf-8")
    assert dumps(parse(text, name)) == text


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_sorted_without_duplicates(name: str) -> None:
    entries = shipped(name).entries
    keys = [sort_key(e) for e in entries]
    assert keys == sorted(keys)
    terms = [e.term for e in entries]
    assert len(terms) == len(set(terms))
    folded = [t.casefold() for t in terms]
    assert len(folded) == len(set(folded)), "terms differing only in case"


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_lint_clean(name: str) -> None:
    assert lint(shipped(name), frequency) == []


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_has_header_metadata(name: str) -> None:
    meta = shipped(name).meta
    for key in ("description", "language", "licence", "source"):
        assert meta.get(key), f"{name}: no '## {key}:' header"


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_size(name: str) -> None:
    d = shipped(name)
    assert len(d.entries) >= MINIMUM_ENTRIES.get(d.name, 1)


def test_every_dictionary_registered_in_readme() -> None:
    readme = PACKAGE.joinpath("README.md").read_text(encoding="utf-8")
    section = readme.split("## Shipped dictionaries", 1)[1].split("\n## ", 1)[0]
    listed = sorted(re.findall(r"^\|\s*`([^`]+\.txt)`\s*\|", section, flags=re.MULTILINE))
    assert listed == SHIPPED


def test_geopolitics_covers_the_field() -> None:
    entries = {e.term: e for e in shipped("geopolitics.txt").entries}
    expected = """Kyiv Kiev Kharkiv Kharkov Donbas Donbass Odesa Odessa Mykolaiv Nikolaev
        Deveselu Redzikowo Ramstein Incirlik Sevastopol NATO OSCE CSTO SCO BRICS IAEA EU UN
        UNSC ASEAN INF SALT ABM CFE Tomahawk Tomahawks Kalibr Iskander Kinzhal Zircon
        Oreshnik Sarmat Avangard Poseidon Minuteman Trident Bayraktar HIMARS ATACMS Patriot
        Javelin Leopard Abrams S-400 demarche deconfliction counterforce countervalue
        denuclearization hypersonic SLBM SLBMs ICBM ICBMs MIRV Putin Zelensky Zelenskyy
        Lavrov Shoigu Gerasimov Nuland Blinken Sullivan McFaul Yeltsin Gorbachev Kissinger
        Mearsheimer Mercouris Doctorow Lauria Ritter Zaluzhnyi Syrskyi Prigozhin al-Assad
        Ukrainian Belarusian Budapest Minsk Crimea Romania Bucharest""".split()
    expected += [
        "New START",
        "START I",
        "START II",
        "SALT II",
        "Open Skies",
        "Vienna Document",
        "Budapest Memorandum",
        "Minsk II",
        "Minsk Protocol",
        "Helsinki Final Act",
        "Istanbul Document",
        "Astana Declaration",
        "Bucharest Summit",
        "MK 41",
        "Aegis Ashore",
        "Storm Shadow",
        "Vladimir Putin",
        "Michael McFaul",
    ]
    missing = [term for term in expected if term not in entries]
    assert missing == []


# --- parse -------------------------------------------------------------------------------


def test_parse_entries_weights_keep_only_and_lines() -> None:
    d = parse("## name: demo\n# a comment\n\nNATO\t90\n!Tver\nNew START\nU.S.\n", "demo.txt")
    assert d.name == "demo" and d.meta == {"name": "demo"} and d.path == "demo.txt"
    assert d.entries == (
        Entry("NATO", 90, False, 4),
        Entry("Tver", None, True, 5),
        Entry("New START", None, False, 6),
        Entry("U.S.", None, False, 7),
    )


def test_parse_metadata() -> None:
    d = parse("## name: demo\n##description:  Two words \n## licence: MIT\nX\n")
    assert d.meta == {"name": "demo", "description": "Two words", "licence": "MIT"}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("## name: d\nA\nNATO\tx\n", 3, "bad weight 'x'"),
        ("## name: d\nNATO\t0\n", 2, "bad weight '0'"),
        ("## name: d\nNATO\t-3\n", 2, "bad weight '-3'"),
        ("## name: d\nNATO\t1.5\n", 2, "bad weight '1.5'"),
        ("## name: d\nNATO\t\n", 2, "bad weight ''"),
        ("## name: d\nNATO\t1\t2\n", 2, "more than one tab"),
        ("## name: d\n\t5\n", 2, "empty term"),
        ("## name: d\n!\n", 2, "empty term"),
        ("## name: d\n!!NATO\n", 2, "starts with '!' twice"),
        ("## name: d\n---\n", 2, "no letter or digit"),
        ("## name: d\nNA\x00TO\n", 2, "U+0000"),
        ("## name: d\nNA\u200bTO\n", 2, "U+200B"),
        ("## name: d\nNew\u00a0START\n", 2, "U+00A0"),
        ("NATO\n", 1, "missing '## name: ...' header"),
        ("## name: Demo Dict\nNATO\n", 1, "bad name"),
        ("## name: d\n## name: e\n", 2, "given twice"),
        ("## name: d\nNATO\n## source: x\n", 3, "metadata line after the first entry"),
        ("## name: d\n## source:\n", 2, "has no value"),
    ],
)
def test_parse_errors_name_file_and_line(text: str, line: int, message: str) -> None:
    with pytest.raises(DictionaryError) as info:
        parse(text, "bad.txt")
    assert str(info.value).startswith(f"bad.txt:{line}: ")
    assert message in str(info.value)


def test_parse_without_path_names_a_string() -> None:
    with pytest.raises(DictionaryError, match=r"^<string>:2: "):
        parse("## name: d\nX\ty\n")


def test_parse_tolerates_whitespace_but_notes_it() -> None:
    d = parse("## name: d\r\n New  START \r\nNATO\t 5\n  \n", "w.txt")
    assert [e.term for e in d.entries] == ["New START", "NATO"]
    assert d.entries[1].weight == 5
    problems = lint(d)
    assert any("w.txt:2: stray whitespace" in p for p in problems)
    assert any("w.txt:3: whitespace around the weight" in p for p in problems)
    assert any("w.txt:4: blank line holds whitespace" in p for p in problems)
    assert any("CRLF" in p for p in problems)
    assert lint(parse("## name: d\n! Tver\n", "k.txt")) == ["k.txt:2: space after '!' in 'Tver'"]


# --- load ----------------------------------------------------------------------------


def test_load_reads_utf8(tmp_path: Path) -> None:
    path = tmp_path / "demo.txt"
    path.write_text("## name: demo\nKraków\n", encoding="utf-8")
    d = load(path)
    assert d.entries[0].term == "Kraków" and d.path == str(path)


def test_load_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="no such dictionary file"):
        load(tmp_path / "nope.txt")


def test_load_directory(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="is a directory"):
        load(tmp_path)


def test_load_not_utf8_names_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("## name: d\nNATO\nKrak\u00f3w\n".encode("latin-1"))
    with pytest.raises(DictionaryError, match=r"latin1\.txt:3: not UTF-8"):
        load(path)


# --- dumps ---------------------------------------------------------------------------

CANONICAL = (
    "## name: demo\n"
    "## description: A demo\n"
    "## licence: MIT\n"
    "## extra: kept\n"
    "\n"
    "al-Assad\n"
    "Kyiv\t250\n"
    "NATO\n"
    "New START\n"
    "!Tver\n"
    "U.S.\n"
)


def test_dumps_sorts_and_orders_header() -> None:
    messy = (
        "## licence: MIT\n## extra: kept\n## name: demo\n## description: A demo\n"
        "# comment\nNew START\nU.S.\n!Tver\n\nNATO\nKyiv\t250\nal-Assad\n"
    )
    assert dumps(parse(messy)) == CANONICAL


def test_dumps_round_trip() -> None:
    assert dumps(parse(CANONICAL)) == CANONICAL
    assert lint(parse(CANONICAL, "c.txt")) == []


def test_sort_ignores_keep_only_marker_and_case() -> None:
    d = parse("## name: d\n!Bern\nbase\nBasel\nBASE\n")
    assert [e.term for e in parse(dumps(d)).entries] == ["BASE", "base", "Basel", "Bern"]


# --- lint ------------------------------------------------------------------------------


def test_lint_reports_order_duplicates_and_case_variants() -> None:
    d = parse("## name: d\nNATO\nKyiv\nKyiv\nkyiv\n!NATO\n!Bern\t5\n", "l.txt")
    problems = lint(d)
    assert "l.txt:3: 'Kyiv' is out of order (it sorts before 'NATO')" in problems
    assert "l.txt:4: duplicate 'Kyiv' (first on line 3)" in problems
    assert any(p.startswith("l.txt:5: warning: 'kyiv' differs only in case") for p in problems)
    assert any(p.startswith("l.txt:6: 'NATO' is both keep-only and not") for p in problems)
    assert "l.txt:7: weight on keep-only 'Bern' has no effect" in problems


def test_lint_frequency_flags_likely_typos() -> None:
    d = parse("## name: d\nKyiv\nTeh\nTver\n", "f.txt")
    problems = lint(d, frequency)
    assert len(problems) == 2
    assert problems[0].startswith("f.txt:3: 'Teh' is one edit from the common word 'the'")
    assert problems[1].startswith("f.txt:4: 'Tver' is one edit from the common word 'over'")
    assert lint(d) == []  # without frequencies there is nothing to compare against


def test_lint_frequency_spares_keep_only_multiword_and_common_words() -> None:
    d = parse("## name: d\nBerlin\nNew Tver\nPatriot\n!Tver\n", "f.txt")
    assert lint(d, frequency) == []
