"""The corrector: each kind of error on short sentences, and what must never change.

The engine is still being tuned, so these are behaviours that must hold, not today's
numbers.  The cases live in ``tests/cases/`` as data: ``must_fix.tsv`` (input and the
expected output), ``must_not_change.txt`` (text that must come back as typed) and
``known_failures.tsv`` (what the engine gets wrong today: fixes it misses, and ``keep:``
cases it changes; strict xfail, so a case that starts to pass must move to
``must_fix.tsv`` or ``must_not_change.txt``).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from normalize.records import Result, apply_corrections

CASES = Path(__file__).parent / "cases"
KINDS = {"spelling", "runon", "merge", "realword", "case", "apostrophe"}


def read_tsv(name: str) -> list[dict[str, str]]:
    with open(CASES / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_lines(name: str) -> list[str]:
    lines = (CASES / name).read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines if ln.strip() and not ln.startswith("#")]


MUST_FIX = read_tsv("must_fix.tsv")
KNOWN_FAILURES = read_tsv("known_failures.tsv")
MUST_NOT_CHANGE = read_lines("must_not_change.txt")


def assert_well_formed(r: Result) -> None:
    """Records are sorted, in bounds, faithful, and the text outside them is untouched."""
    text = r.original
    pos_in = pos_out = 0
    for c in r.corrections:
        assert pos_in <= c.start < c.end <= len(text), c
        assert text[c.start : c.end] == c.original, c
        assert c.replacement and c.replacement != c.original, c
        assert 0.0 < c.confidence <= 1.0, c
        assert c.reason.strip(), c
        assert c.kind in KINDS, c
        # everything between two corrections comes back byte for byte
        gap = text[pos_in : c.start]
        assert r.text[pos_out : pos_out + len(gap)] == gap
        pos_out += len(gap)
        assert r.text[pos_out : pos_out + len(c.replacement)] == c.replacement
        pos_out += len(c.replacement)
        pos_in = c.end
    assert r.text[pos_out:] == text[pos_in:]
    assert apply_corrections(text, r.corrections) == r.text
    for f in r.flags:
        assert text[f.start : f.end] == f.original, f
        assert 0.0 < f.confidence <= 1.0 and f.reason.strip(), f
        assert f.suggestion != f.original, f
    for u in r.unknown:
        assert text[u.start : u.end] == u.word, u


# --------------------------------------------------------------------------- data cases


def test_case_files_are_well_formed() -> None:
    assert MUST_FIX and MUST_NOT_CHANGE and KNOWN_FAILURES is not None
    for rows, cols in ((MUST_FIX, 3), (KNOWN_FAILURES, 4)):
        for row in rows:
            assert len(row) == cols and all(row.values()), row
    for row in MUST_FIX:
        assert row["input"] != row["expected"], row
    for row in KNOWN_FAILURES:  # a "keep:" case must come back unchanged
        assert (row["input"] == row["expected"]) == row["label"].startswith("keep:"), row
    labels = [r["label"] for r in MUST_FIX + KNOWN_FAILURES]
    assert len(labels) == len(set(labels)), "duplicate labels"
    inputs = {r["input"] for r in MUST_FIX}
    assert not inputs & {r["input"] for r in KNOWN_FAILURES}


@pytest.mark.parametrize("case", MUST_FIX, ids=[r["label"] for r in MUST_FIX])
def test_must_fix(corrector, case: dict[str, str]) -> None:
    r = corrector.correct(case["input"])
    assert r.text == case["expected"], r.corrections
    assert r.changed
    assert_well_formed(r)


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(r, marks=pytest.mark.xfail(strict=True, reason=r["reason"]))
        for r in KNOWN_FAILURES
    ],
    ids=[r["label"] for r in KNOWN_FAILURES],
)
def test_known_failures(corrector, case: dict[str, str]) -> None:
    assert corrector.correct(case["input"]).text == case["expected"]


@pytest.mark.parametrize("text", MUST_NOT_CHANGE)
def test_must_not_change(corrector, text: str) -> None:
    r = corrector.correct(text)
    assert r.text == text, r.corrections
    assert r.corrections == ()
    assert_well_formed(r)


@pytest.mark.parametrize(
    "word",
    [
        "favors",
        "favours",
        "signaled",
        "signalled",
        "defence",
        "defense",
        "cancelled",
        "canceled",
        "colour",
        "color",
        "organise",
        "organize",
        "travelled",
        "traveled",
    ],
)
def test_british_and_american_spellings_are_kept(corrector, word: str) -> None:
    for text in (f"They {word} it.", f"The {word} of it.", word.capitalize() + " it."):
        assert corrector.correct(text).text == text


# --------------------------------------------------------------------------- records


def test_corrections_carry_kind_and_reason(corrector) -> None:
    r = corrector.correct("There isbreally just one sgrerment.")
    kinds = {c.original: c.kind for c in r.corrections}
    assert kinds == {"isbreally": "runon", "sgrerment": "spelling"}
    assert_well_formed(r)


def test_stray_shift_reason_names_the_slip(corrector) -> None:
    (c,) = corrector.correct("Victoria zNuland and US violated it.").corrections
    assert (c.original, c.replacement) == ("zNuland", "Nuland")
    assert "capital" in c.reason


def test_acronyms_are_never_touched(corrector) -> None:
    text = "The HOMW and NATOX and UZS met the ICBMS."
    assert corrector.correct(text).text == text


def test_unknown_word_is_reported(corrector) -> None:
    text = "Then Zqxvbrt said no."
    r = corrector.correct(text)
    assert r.text == text
    assert [u.word for u in r.unknown] == ["Zqxvbrt"]
    (u,) = r.unknown
    assert text[u.start : u.end] == "Zqxvbrt"


def test_known_words_are_not_reported_unknown(corrector) -> None:
    r = corrector.correct("Victoria Nuland met NATO in Budapest about Tomahawks.")
    assert r.unknown == ()


def test_min_confidence_one_applies_nothing_but_flags(load_corrector) -> None:
    strict = load_corrector(min_confidence=1.0)
    text = "Legally binding sgrerment. Thst is the point. Ukraine borders eith Russia."
    r = strict.correct(text)
    assert r.text == text
    assert r.corrections == ()
    assert r.flags, "uncertain fixes must still be reported as flags"
    flagged = {f.original: f.suggestion for f in r.flags}
    assert flagged.get("sgrerment") == "agreement"
    assert_well_formed(r)


def test_min_confidence_zero_applies_at_least_as_much(corrector, load_corrector) -> None:
    text = "Legally binding sgrerment. Thst is the point. Victoria zNuland said so."
    default = corrector.correct(text)
    eager = load_corrector(min_confidence=0.0).correct(text)
    assert {c.start for c in default.corrections} <= {c.start for c in eager.corrections}


@pytest.mark.parametrize("bad", [-0.1, 1.5])
def test_out_of_range_min_confidence_is_refused(load_corrector, bad: float) -> None:
    with pytest.raises(ValueError, match="min_confidence"):
        load_corrector(min_confidence=bad)


def test_unknown_setting_is_refused(load_corrector) -> None:
    with pytest.raises(TypeError):
        load_corrector(no_such_knob=1)


def test_unknown_dictionary_is_refused() -> None:
    from normalize.corrector import Corrector
    from normalize.errors import DictionaryError

    with pytest.raises(DictionaryError, match="no-such-dictionary"):
        Corrector.load(dictionaries=["no-such-dictionary"], user=False)


def test_user_dictionary_is_used(redline_home: Path, dictionary_setup) -> None:
    from normalize.corrector import Corrector

    text = "We met Zqxvbrt today."
    folder = redline_home / "dictionaries"
    folder.mkdir()
    (folder / "mine.txt").write_text("## name: mine\nZqxvbrt\n", encoding="utf-8")
    kwargs = {
        "dictionaries": list(dictionary_setup.dictionaries),
        "extra": list(dictionary_setup.extra),
    }
    with_user = Corrector.load(**kwargs).correct(text)
    assert with_user.unknown == ()
    assert Corrector.load(**kwargs).correct("We met Zqxvbrr today.").text == text
    without = Corrector.load(user=False, **kwargs).correct(text)
    assert [u.word for u in without.unknown] == ["Zqxvbrt"]


# --------------------------------------------------------------------------- properties


def test_empty_and_blank_text(corrector) -> None:
    for text in ("", " ", "\n", "\r\n\r\n", "\t \t"):
        r = corrector.correct(text)
        assert r.text == text and r.corrections == () and r.unknown == ()


def test_punctuation_and_line_breaks_survive(corrector) -> None:
    text = "  «Thst» is —\r\n\r\n(sgrerment)…\t’isbreally’!  \r"
    r = corrector.correct(text)
    assert r.text == "  «That» is —\r\n\r\n(agreement)…\t’is really’!  \r"
    assert_well_formed(r)


def test_idempotent_on_the_sample(corrector, sample_text: str) -> None:
    once = corrector.correct(sample_text)
    twice = corrector.correct(once.text)
    assert twice.text == once.text
    assert twice.corrections == ()


def test_deterministic(corrector, load_corrector, sample_text: str) -> None:
    a = corrector.correct(sample_text)
    b = corrector.correct(sample_text)
    c = load_corrector().correct(sample_text)
    assert a == b == c
    assert a.to_dict() == c.to_dict()


_WORDS = [
    "the",
    "The",
    "Russia",
    "NATO",
    "US",
    "agreement",
    "treaty",
    "is",
    "really",
    "that",
    "Budapest",
    "Nuland",
    "isn’t",
    "I'll",
    "colour",
    "defense",
    "2022",
    "$5bn",
    "www.example.com",
    "sgrerment",
    "Thst",
    "isbreally",
    "agreemments",
    "surelly",
    "budspest",
    "zNuland",
    "UzS",
    "UNRECOIGNUZED",
    "wrold",
    "goverment",
    "Zqxvbrt",
]
_SEPARATORS = [" ", " ", " ", ", ", ". ", " — ", "\n", "\r\n", "’ ", " (", ") "]
_TEXT = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPARATORS)), max_size=25).map(
    lambda pairs: "".join(w + s for w, s in pairs)
)
_PROPERTY = hsettings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_PROPERTY
@given(text=_TEXT)
def test_idempotent_and_lossless_on_generated_text(corrector, text: str) -> None:
    once = corrector.correct(text)
    assert_well_formed(once)
    assert corrector.correct(once.text).text == once.text


@pytest.fixture(scope="module")
def sample_text() -> str:
    from bench.score import SAMPLE_INPUT

    return SAMPLE_INPUT.read_text(encoding="utf-8")
