"""Reading inputs line by line: encodings are detected, lines and endings round-trip."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from normalize.errors import InputError
from normalize.records import Result
from normalize.stream import SNIFF_BYTES, correct_source, open_source

TEXT = "café naïve — “quoted”\r\nsecond line\rthird\n\nlast without ending"
LINES = [
    ("café naïve — “quoted”", "\r\n"),
    ("second line", "\r"),
    ("third", "\n"),
    ("", "\n"),
    ("last without ending", ""),
]


def read(path: Path) -> tuple[str, list[tuple[str, str]], list[str]]:
    src = open_source(str(path))
    return src.encoding, list(src.lines), src.notes


def joined(lines: list[tuple[str, str]]) -> str:
    return "".join(a + b for a, b in lines)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_unicode_encodings_round_trip(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    enc, lines, notes = read(path)
    assert enc == encoding
    assert lines == LINES
    assert joined(lines).encode(enc) == data if enc != "utf-16" else joined(lines) == TEXT
    assert bool(notes) == (enc == "utf-16")  # only a non-UTF-8 input gets a note


def test_plain_ascii(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(b"one\ntwo")
    assert read(path) == ("utf-8", [("one", "\n"), ("two", "")], [])


def test_empty_file_has_no_lines(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert read(path)[1] == []


def test_cp1252_bytes(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(b"caf\xe9 na\xefve")
    enc, lines, notes = read(path)
    assert lines == [("café naïve", "")]
    assert notes


def test_cp1252_punctuation_and_endings(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(b"the \x93quoted\x94 word \x96 dash\r\nnext\n")
    enc, lines, notes = read(path)
    assert lines == [("the “quoted” word – dash", "\r\n"), ("next", "\n")]
    assert notes and enc in notes[0]


def test_latin1(tmp_path: Path) -> None:
    text = "Straße über Ärger, señor.\nçà et là\n"
    path = tmp_path / "in.txt"
    path.write_bytes(text.encode("latin-1"))
    _enc, lines, _notes = read(path)
    assert joined(lines) == text


def test_cp1251_cyrillic(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes("Россия и Украина подписали соглашение\n".encode("cp1251"))
    enc, lines, _notes = read(path)
    assert enc == "cp1251" and lines == [("Россия и Украина подписали соглашение", "\n")]


def test_stdin(tmp_path: Path) -> None:
    src = open_source("-", stdin=io.BytesIO(b"\xef\xbb\xbfa\r\nb\rc\n"))
    assert src.name == "<stdin>" and src.size is None
    assert list(src.lines) == [("a", "\r\n"), ("b", "\r"), ("c", "\n")]


@pytest.mark.parametrize("offset", [-2, -1, 0, 1])
def test_crlf_across_a_read_boundary(tmp_path: Path, offset: int) -> None:
    """A CR at the end of one read and its LF at the start of the next stay one ending."""
    for boundary in (8192, SNIFF_BYTES):
        first = "x" * (boundary + offset)
        text = first + "\r\n" + "y\r" + "\n" * 2 + "z\r"
        path = tmp_path / "big.txt"
        path.write_bytes(text.encode())
        _enc, lines, _ = read(path)
        assert lines == [(first, "\r\n"), ("y", "\r\n"), ("", "\n"), ("z", "\r")]


# NUL marks a binary file (see test_binary_input_is_refused), so it is left out here.
_LINE = st.text(st.characters(blacklist_characters="\r\n\x00", blacklist_categories=("Cs",)))
_ENDING = st.sampled_from(["\n", "\r\n", "\r"])


@hsettings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lines=st.lists(st.tuples(_LINE, _ENDING), max_size=20),
    last=_LINE,
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_round_trip_property(tmp_path: Path, lines, last: str, encoding: str) -> None:
    text = "".join(a + b for a, b in lines) + last
    path = tmp_path / "p.txt"
    path.write_bytes(text.encode(encoding))
    _enc, got, _ = read(path)
    assert joined(got) == text
    assert got == reference_lines(text)


def reference_lines(text: str) -> list[tuple[str, str]]:
    """Lines as ``str.splitlines`` would see them if only CR, LF and CRLF counted."""
    pieces = re.findall(r"[^\r\n]*(?:\r\n|[\r\n])|[^\r\n]+$", text)
    return [(p.rstrip("\r\n"), p[len(p.rstrip("\r\n")) :]) for p in pieces]


def test_invalid_utf8_is_not_lost(tmp_path: Path) -> None:
    """Mostly UTF-8 with a stray byte: whatever the guess, every line survives."""
    path = tmp_path / "in.txt"
    path.write_bytes("Thst is café\n".encode() * 50 + b"bad \xff byte\n")
    _enc, lines, _ = read(path)
    assert len(lines) == 51
    assert all(end == "\n" for _, end in lines)


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04zip", b"abc\x00def"],
    ids=["pdf", "png", "zip", "nul"],
)
def test_binary_input_is_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match="binary"):
        open_source(str(path))


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        open_source(str(tmp_path / "missing.txt"))
    with pytest.raises(InputError, match="directory"):
        open_source(str(tmp_path))


def test_correct_source_writes_lines_with_their_endings(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(TEXT.encode())
    out = io.StringIO(newline="")
    seen: list[int] = []

    def upper(line: str) -> Result:
        return Result(line, line.upper())

    results = list(correct_source(upper, open_source(str(path)), out, seen.append))
    assert out.getvalue() == TEXT.upper()
    assert [r.number for r in results] == [1, 2, 3, 4, 5]
    assert [r.ending for r in results] == [e for _, e in LINES]
    assert sum(seen) == len(TEXT.encode())


@pytest.mark.parametrize("offset", [-2, -1, 0])
def test_multibyte_character_across_the_sniffed_head(tmp_path: Path, offset: int) -> None:
    text = "a" * (SNIFF_BYTES + offset) + "€ café\r\nend"
    path = tmp_path / "in.txt"
    path.write_bytes(text.encode())
    enc, lines, notes = read(path)
    assert (enc, notes) == ("utf-8", [])
    assert joined(lines) == text


def test_a_latin1_line_after_the_head_is_read_as_latin1(tmp_path: Path) -> None:
    """Issue 12/13.5: 64 KiB of ASCII then a Latin-1 line: the line reads as typed."""
    data = b"a" * SNIFF_BYTES + b" caf\xe9 \x93q\x94\n"
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    enc, lines, _ = read(path)
    assert enc == "utf-8"
    assert lines[0][0].endswith(" café “q”")


def test_undecodable_byte_after_the_head_survives(tmp_path: Path) -> None:
    data = b"a" * SNIFF_BYTES + b" \xff\xfe \xed\xb2\x80 \x81\n"
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    enc, lines, _ = read(path)
    assert enc == "utf-8"
    assert joined(lines).encode("utf-8", "surrogateescape") == data


# --------------------------------------------------------------------------- long lines


@pytest.mark.parametrize("joiner", [",", "\u00a0", "/", "-", ", "])
def test_a_long_line_is_never_cut_inside_a_word(corrector, joiner: str) -> None:
    """Issue 13.1: `government,` x 7000 came back with `governmentt`."""
    from normalize.stream import MAX_PIECE, correct_line

    line = ("government" + joiner) * (2 * MAX_PIECE // 10)
    r = correct_line(corrector.correct, line)
    assert r.text == line
    assert not r.corrections


# misspellings, run-ons and split words; confusables and casing the language model and
# the paragraph style decide; names, flags, paths and hosts; separators that join or part
_WORDS = [
    *("the", "agreement", "sgrerment", "thst", "signed", "budspest", "NATO", "teh", "wrold"),
    *("its", "there", "then", "your", "i", "Zorblat", "may", "monday", "Ths", "dont", "were"),
    *("to", "too", "isbreally", "agree", "ment", "x.com", "--dry", "/usr/lib"),
]
_SEPARATORS = [
    *(", ", ",", "/", "-", "\u00a0", ". ", "; ", " (", ") ", "\t-\t", " ", ": ", "! ", " = "),
]


def _same_in_pieces(corrector, line: str, limit: int, context: int) -> None:
    import normalize.stream as stream

    whole = corrector.correct(line)
    old = stream.MAX_PIECE, stream.CONTEXT
    stream.MAX_PIECE, stream.CONTEXT = limit, context
    try:
        windows = list(stream._windows(line))
        cut = stream.correct_line(corrector.correct, line)
    finally:
        stream.MAX_PIECE, stream.CONTEXT = old
    assert [a for a, *_ in windows] == [0] + [b for _, b, *_ in windows[:-1]]
    assert windows[-1][1] == len(line)
    assert all(b - a <= limit and w0 <= a and (b <= w1 or w0 == w1) for a, b, w0, w1 in windows)
    assert all(w1 - w0 <= limit + 2 * context for *_, w0, w1 in windows)
    assert cut.text == whole.text
    assert cut.corrections == whole.corrections
    assert cut.flags == whole.flags
    assert cut.unknown == whole.unknown


@hsettings(
    max_examples=120, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    groups=st.lists(
        st.tuples(
            st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3),
            st.sampled_from(_SEPARATORS),
        ),
        min_size=1,
        max_size=40,
    ),
    limit=st.integers(min_value=40, max_value=90),
)
def test_correcting_in_pieces_equals_correcting_whole(corrector, groups, limit) -> None:
    """Issue 13.1: a line cut into pieces (any limit) gives the whole line's result."""
    line = "".join(" ".join(words) + sep for words, sep in groups)
    _same_in_pieces(corrector, line, limit, 200)


@pytest.mark.parametrize(
    ("line", "limit"),
    [
        # a piece ending "wrold/" read the word as a path (a slash at the end of a text)
        ("the signed) NATO signed (thst wrold/sgrerment agreement\t-\twrold sgrerment", 40),
        # "agreement/agreement/teh" is one path in the whole line, not in a piece
        ("teh agreement/agreement/teh wrold-the the; agreement; NATO wrold thst, sgrerment", 40),
        # a window that began at "teh" lost its neighbour "signed" (confidence 1.0 -> 0.999)
        ("wrold,wrold agreement\t-\tbudspest\u00a0signed teh/NATO budspest,sgrerment signed", 41),
        # a line that starts like code ("the = ...") is one protected token: so are its pieces
        (
            "the = your (teh. thst signed then/isbreally Ths\t-\tyour teh (i there: agreement " * 3,
            41,
        ),
        # the paragraph style is the whole line's: "monday" and "i" only in a mixed line
        ("NATO. " + "wrold then monday, i signed; budspest thst, " * 4, 45),
        # a window ending "(x) { " read as a line of code (a line ending in a brace)
        ("the wrold is ok, teh agreement (x) { " * 8 + "and sgrerment, wrold " * 8, 120),
        ("teh, wrold (" + "x) { wrold, " * 20 + "end", 60),
        # "its" was decided again only when the word before it, across a sentence end,
        # was fixed (so only in the whole line); now also when a word in its window is
        ("its. wrold the the,sgrerment (monday may Ths! its there thst = ", 41),
        # a window must not start where a line of code would ("budspest = its. ...")
        ("NATO! budspest = its. x.com NATO budspest were-its the. budspest signed " * 4, 65),
        # "its" and "there" are decided by the words around them, across the cut
        ("the agreement, its signed there, " * 6 + "its wrold", 50),
    ],
)
def test_pieces_regressions(corrector, line: str, limit: int) -> None:
    _same_in_pieces(corrector, line, limit, 200)


def test_pieces_carry_context_only_where_no_sentence_ends() -> None:
    from normalize.stream import _windows

    line = "One sentence here. Another one there. " * 20
    assert all(w0 == a and w1 == b for a, b, w0, w1 in _windows(line, 60, 100))
    line = "word, " * 100
    windows = list(_windows(line, 60, 100))
    assert any(w0 < a for a, b, w0, w1 in windows[1:]) and any(w1 > b for _, b, _, w1 in windows)


def test_pieces_never_split_a_word_or_protected_token() -> None:
    from normalize.stream import _pieces
    from normalize.tokenize import tokenize

    line = "see https://example.com/a/b/c?q=1 and file_name.csv, then " * 50
    whole = {(t.start, t.end) for t in tokenize(line) if t.kind != "other"}
    at = 0
    for piece in _pieces(line, 70):
        for t in tokenize(piece):
            if t.kind != "other":
                assert (t.start + at, t.end + at) in whole
        at += len(piece)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Café naïve résumé\n".encode("latin-1"), "Café naïve résumé\n"),
        (b"Caf\xe9 \x81\n", "Caf\u00e9 \udc81\n"),
        (
            "Price “10 €” — ".encode() + "Zürich café\n".encode("latin-1"),
            "Price “10 €” — Zürich café\n",
        ),
        (
            "Line one in UTF-8: naïve “quotes”.\n".encode()
            + "Line two in Latin-1: señor, crème brûlée.\n".encode("latin-1"),
            "Line one in UTF-8: naïve “quotes”.\nLine two in Latin-1: señor, crème brûlée.\n",
        ),
    ],
    ids=["latin1-short", "undefined-byte", "mixed-in-a-line", "mixed-lines"],
)
def test_western_text_is_never_guessed_wildly(tmp_path: Path, data: bytes, text: str) -> None:
    """Issue 13.5: short Latin-1 read as cp775 (Cafķ), Latin-1 beside UTF-8 € as
    mac_latin2, Caf\\xe9 \\x81 as cp1256.  Never a character that was not typed: an
    undefined byte is kept as it is."""
    from normalize.io import decode

    path = tmp_path / "in.txt"
    path.write_bytes(data)
    assert joined(read(path)[1]) == text
    assert decode(data)[0] == text
