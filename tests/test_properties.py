"""Properties over arbitrary Unicode text: ``correct`` and both exporters never break.

* ``correct`` never raises; keeps every character that is not part of a word (digits,
  punctuation, symbols, control characters, emoji, lone surrogates, line breaks); never
  touches a protected token (URL, number, e-mail …); its records replay onto the
  original; and correcting its output again changes nothing (idempotence).
* The DOCX briefing accepts any text, and its cells read back equal to the input minus
  the characters XML 1.0 forbids, whose count the briefing reports.
* The PDF briefing accepts any text (fewer examples: a PDF takes longer to build).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from exporters.summary import clean, count_forbidden
from normalize.records import apply_corrections, line_spans
from normalize.tokenize import APOSTROPHES, tokenize

# --------------------------------------------------------------------------- strategies

GARBLED_WORDS = [
    "sgrerment",
    "Budspest",
    "isbreally",
    "UzS",
    "Ciongress",
    "rsther",
    "teh",
    "Thst",
    "agree ment",
    "zNuland",
    "transfered",
    "bur",
    "ofthe",
    "UNRECOIGNUZED",
    "dont",
    "its",
    "the",
    "Russia",
    "NATO",
    "is",
    "a",
    "I",
    "Mr",
    "café",
    "naïve",
    "Zürich",
]
PROTECTED = [
    "https://example.org/a?b=c&d=e",
    "www.bbc.co.uk/news",
    "nuland@state.gov",
    "@nato",
    "#Budapest1994",
    "1994",
    "3.5bn",
    "$5bn",
    "12:30",
    "2014-03-18",
    "MK41",
    "1990s",
    "report.pdf",
    "example.com",
    "U.S.",
    "<b>",
    "&amp;",
    "]]>",
    "<font name=x>",
]
ODD = [
    "\x00",
    "\x01",
    "\x07",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x7f",
    "\x85",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u2028",
    "\u2029",
    "\udc80",
    "\udcff",
    "\ud800",
    "e\u0301",
    "\U0001f469\u200d\U0001f469\u200d\U0001f467",
    "\U0001f1fa\U0001f1e6",
    "\U0001f44d\U0001f3fd",
    "\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0631\u062d\u0628\u0627",
    "\U0010ffff",
    "\t",
    "\r\n",
    "\r",
    "\n",
]
SEPARATORS = [" ", " ", " ", ", ", ". ", "\n", "\r\n", "\r", "\t", " — ", "'", "’", "-"]

any_char = st.one_of(
    st.characters(),  # every code point except surrogates
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),  # lone surrogates too
)
piece = st.one_of(
    st.sampled_from(GARBLED_WORDS),
    st.sampled_from(PROTECTED),
    st.sampled_from(ODD),
    st.text(any_char, max_size=8),
    st.text(st.characters(min_codepoint=0x41, max_codepoint=0x7A), min_size=1, max_size=10),
)
texts = st.lists(st.tuples(piece, st.sampled_from(SEPARATORS)), max_size=16).map(
    lambda parts: "".join(a + b for a, b in parts)
)

PROPERTY = settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])

# --------------------------------------------------------------------------- correct()


def _is_wordish(ch: str) -> bool:
    """What a correction may add or remove: letters (and the marks that combine with
    them), apostrophes inside words, and the single spaces of splits and merges."""
    return ch.isalpha() or ch in APOSTROPHES or ch == " " or _is_mark(ch)


def _is_mark(ch: str) -> bool:
    import unicodedata

    return unicodedata.category(ch).startswith("M")


def _skeleton(text: str) -> str:
    return "".join(ch for ch in text if not _is_wordish(ch))


@PROPERTY
@given(text=texts)
@example(text="")
@example(text="\ud800 sgrerment \udcff\x00 https://example.org/sgrerment 1994 isbreally\r\n")
@example(text="agree ment\r\nagree\rment \U0001f469\u200d\U0001f467 UzS")
def test_correct_never_raises_and_loses_nothing(corrector, text: str) -> None:
    r = corrector.correct(text)
    assert r.original == text
    # every non-word character (line breaks included) survives, in order
    assert _skeleton(r.text) == _skeleton(text)
    assert len(line_spans(r.text)) == len(line_spans(text))
    # the records replay onto the original and name what they replaced
    assert apply_corrections(text, r.corrections) == r.text
    for c in r.corrections:
        assert text[c.start : c.end] == c.original
    for f in r.flags:
        assert text[f.start : f.end] == f.original
    # a protected token is never inside a correction
    for t in tokenize(text):
        if t.kind == "protected":
            for c in r.corrections:
                assert c.end <= t.start or c.start >= t.end, (t, c)


@PROPERTY
@given(text=texts)
@example(text="Thst sgrerment was signed in Budspest. There isbreally no UzS guarantee.")
@example(text="Duing ths Cold War")  # once needed a second pass: "Duing the" -> "Doing the"
@example(text="sgrerment Ist ")  # once: "agreement Ist " -> "agreement Is "
@example(text="\t. ]vyIu]Vxe^ $5bn\trsther.")  # once: "Vxe" -> "Ve", then "Ve" -> "Be"
@example(text="I iu ")  # once: "iu" -> "i", then "i" -> "I"
def test_correct_is_idempotent(corrector, text: str) -> None:
    once = corrector.correct(text).text
    assert corrector.correct(once).text == once


# --------------------------------------------------------------------------- exporters


def _docx_body(path: Path) -> list[tuple[str, str]]:
    """(original, corrected) cell text of every row of the side-by-side table."""
    import docx

    table = docx.Document(str(path)).tables[0]
    return [(row.cells[1].text, row.cells[2].text) for row in table.rows[1:]]


def _docx_paragraphs(path: Path) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
@example(text="")
@example(text="a\x00b\ufffe\uffff\ud800c \udc80 <b>&amp;</b> ]]> \t tab\x0bvt\x0cff")
@example(text="\u2028\u2029\x85 line separators that are not line breaks")
def test_docx_cells_read_back_equal_to_the_input(corrector, text: str) -> None:
    from exporters import BriefOptions, export_docx
    from exporters.summary import is_empty

    r = corrector.correct(text, source="in.txt")
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "b.docx"
        export_docx(r, path, BriefOptions())
        paragraphs = _docx_paragraphs(path)
        if is_empty(r):
            assert "no text" in paragraphs
            return
        rows = _docx_body(path)
    expected = [(clean(p.original), clean(p.corrected)) for p in r.paragraphs()]
    assert rows == expected
    removed = count_forbidden(text)
    if removed:  # what XML forbids is left out, and the briefing says how much
        assert f"{removed} character" in paragraphs
    else:
        assert "left out of this briefing" not in paragraphs


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
@example(text="\x00\ud800\ufffe <font name=x> &amp; ]]> \U0001f469\u200d\U0001f467 e\u0301")
def test_pdf_accepts_any_text(corrector, text: str) -> None:
    from exporters import BriefOptions, export_pdf

    r = corrector.correct(text, source="in.txt")
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "b.pdf"
        export_pdf(r, path, BriefOptions())
        data = path.read_bytes()
        assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
        assert [p.name for p in Path(d).iterdir()] == ["b.pdf"]  # no temporary left


@pytest.mark.parametrize("tracked", [False, True], ids=["side-by-side", "revisions"])
def test_docx_of_every_odd_character(corrector, tracked: bool) -> None:
    """Each odd character alone on a line, in both DOCX shapes: no crash."""
    from exporters import BriefOptions, export_docx

    r = corrector.correct("\n".join(f"x{c}y sgrerment" for c in ODD), source="odd.txt")
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "b.docx"
        export_docx(r, path, BriefOptions(tracked_changes=tracked))
        assert path.stat().st_size > 0
