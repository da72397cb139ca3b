"""The tokenizer is lossless and keeps URLs, numbers, names of files and the like whole."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize.tokenize import (
    Token,
    apply_case,
    case_shape,
    normalize_apostrophes,
    split_contraction,
    tokenize,
)


def toks(text: str) -> list[Token]:
    return list(tokenize(text))


def kinds(text: str) -> list[tuple[str, str]]:
    return [(t.kind, t.text) for t in tokenize(text)]


def assert_lossless(text: str) -> None:
    tokens = toks(text)
    assert "".join(t.text for t in tokens) == text
    pos = 0
    for t in tokens:
        assert t.start == pos, f"gap or overlap before {t!r}"
        assert t.text, "empty token"
        assert t.end == t.start + len(t.text)
        assert text[t.start : t.end] == t.text
        pos = t.end
    assert pos == len(text)


# --------------------------------------------------------------------------- lossless


@given(st.text())
def test_lossless_on_any_unicode_text(text: str) -> None:
    assert_lossless(text)


_PIECES = st.sampled_from(
    [
        "word",
        "Russia’s",
        "isn't",
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\r",
        ".",
        ",",
        "…",
        "https://",
        "www.",
        ".com",
        "/",
        "@",
        "#",
        "$",
        "€",
        "5",
        "2022",
        "-",
        ":",
        "'",
        "’",
        "(",
        ")",
        '"',
        "“",
        "”",
        "é",
        "ß",
        "中文",
        "😀",
        "\u0301",
        "\u200b",
        "_",
    ]
)


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_lossless_on_text_built_from_tricky_pieces(text: str) -> None:
    assert_lossless(text)


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n", "a", "1", "’", "https://", "www.", "@", "#", "$", "...", "a\r\nb\rc"],
)
def test_lossless_edge_cases(text: str) -> None:
    assert_lossless(text)


# --------------------------------------------------------------------------- protected


@pytest.mark.parametrize(
    "item",
    [
        "https://x.org/a_b?c=1",
        "http://example.com",
        "www.example.com",
        "consortiumnews.com/2022/02/02/x",
        "https://consortiumnews.com/2022/02/02/watch-new-cn-live-a-bear-trap-in-ukraine/",
        "gilbertdoctorow.com",
        "bob@example.org",
        "bob.smith+news@example.co.uk",
        "@handle",
        "#hashtag",
        "42",
        "3.14",
        "2022-02-02",
        "02/02/2022",
        "10:30",
        "$5bn",
        "€20",
        "MK41",
        "1990s",
        "prev1953",
        "report.pdf",
        "data_2020.csv",
        "notes.docx",
        # technical tokens: never prose, never corrected
        "/usr/lib",
        "~/.cache/redline",
        "./run.sh",
        "-rf",
        "--no-user-dicts",
        "--min-confidence=0.5",
        "index.tsx",
        ".docx",
        "tqdm>=4.66",
        "dask[distributed]>=2024.1",
        "exmaple.xyz/pahtx",
        "normalize.corrector",
        "sys.stdin",
        "snake_case",
        "__init__",
        "camelCase",
        "deadbeef",
        "REDLINE_CACHE",
        "$HOME",
        "`stdin`",
        "``a `b` c``",
        "stdin",
        "bench/heldout/garble.py",
        "bench/",
        "C:\\Users\\x",
    ],
)
@pytest.mark.parametrize("frame", ["{}", "See {} now", "({})", "at {}.", "“{}”, then"])
def test_protected_tokens_are_whole(item: str, frame: str) -> None:
    text = frame.format(item)
    assert_lossless(text)
    hits = [t for t in toks(text) if t.start <= text.index(item) < t.end]
    assert hits == [Token("protected", item, text.index(item))], kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "$ echo 'Legally binding sgrerment' | redline correct -",
        ">>> c.correct('Budspest')",
        "```sh",
        "python3 -m venv .venv && mkdir -p out && redline wrold",
        "Intro\n```sh\nredline wrold\n  more wrold\n```",
    ],
)
def test_prompt_lines_and_fenced_code_are_protected(text: str) -> None:
    assert_lossless(text)
    assert "wrold" not in [t.text for t in toks(text) if t.kind == "word"]
    assert not any(t.kind == "word" and t.text in ("sgrerment", "Budspest") for t in toks(text))


@pytest.mark.parametrize(
    "text",
    ["the end.The start", "Russia/Ukraine and and/or", "a well-known e-mail", "- a list item"],
)
def test_prose_punctuation_is_not_code(text: str) -> None:
    assert all(k != "protected" for k, _ in kinds(text)), kinds(text)


def test_a_number_with_a_thousands_separator_has_no_word_in_it() -> None:
    assert {k for k, t in kinds("1,000") if k == "word"} == set()


def test_trailing_sentence_punctuation_is_not_part_of_a_url() -> None:
    assert kinds("Read www.example.com/a.") == [
        ("word", "Read"),
        ("other", " "),
        ("protected", "www.example.com/a"),
        ("other", "."),
    ]


def test_balanced_parenthesis_stays_in_a_url() -> None:
    url = "https://en.wikipedia.org/wiki/Foo_(bar)"
    assert ("protected", url) in kinds(f"(see {url}).")


# --------------------------------------------------------------------------- words


@pytest.mark.parametrize(
    "word", ["isn’t", "Russia’s", "I'll", "won’t", "they’re", "can't", "rock'n'roll"]
)
def test_contractions_are_one_word_token(word: str) -> None:
    assert kinds(f"So {word} here.") == [
        ("word", "So"),
        ("other", " "),
        ("word", word),
        ("other", " "),
        ("word", "here"),
        ("other", "."),
    ]


def test_quotes_and_trailing_apostrophes_are_not_part_of_words() -> None:
    assert kinds("'quoted' dogs'") == [
        ("other", "'"),
        ("word", "quoted"),
        ("other", "' "),
        ("word", "dogs"),
        ("other", "'"),
    ]


def test_kinds_of_a_mixed_sentence() -> None:
    text = "Thst is it: 2 ofthe €20 — see x.org!"
    assert kinds(text) == [
        ("word", "Thst"),
        ("other", " "),
        ("word", "is"),
        ("other", " "),
        ("word", "it"),
        ("other", ": "),
        ("protected", "2"),
        ("other", " "),
        ("word", "ofthe"),
        ("other", " "),
        ("protected", "€20"),
        ("other", " — "),
        ("word", "see"),
        ("other", " "),
        ("protected", "x.org"),
        ("other", "!"),
    ]


def test_non_ascii_letters_make_words() -> None:
    assert kinds("naïve Straße") == [("word", "naïve"), ("other", " "), ("word", "Straße")]


# --------------------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("Russia’s", ("Russia", "’s")),
        ("isn't", ("isn", "'t")),
        ("Moscow", ("Moscow", "")),
        ("’tis", ("’tis", "")),
    ],
)
def test_split_contraction(word: str, parts: tuple[str, str]) -> None:
    assert split_contraction(word) == parts


def test_normalize_apostrophes() -> None:
    assert normalize_apostrophes("isn’t Russiaʼs") == "isn't Russia's"


@pytest.mark.parametrize(
    ("word", "shape"),
    [
        ("word", "lower"),
        ("Word", "title"),
        ("WORD", "upper"),
        ("A", "title"),
        ("McFaul", "mixed"),
        ("zNuland", "mixed"),
        ("123", "lower"),
    ],
)
def test_case_shape(word: str, shape: str) -> None:
    assert case_shape(word) == shape


@pytest.mark.parametrize("word", ["agreement", "Agreement", "AGREEMENT"])
def test_apply_case_round_trips_the_shape(word: str) -> None:
    assert apply_case(case_shape(word), word.lower()) == word
