"""The fast paths give the very same answers: tokens, results, on many texts."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import fastpath
from normalize.corrector import Corrector
from normalize.tokenize import tokenize

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted(
    p
    for pattern in ("seeds/*", "bench/heldout/*.txt", "bench/context/*.txt", "*.md", "docs/*.md")
    for p in ROOT.glob(pattern)
    if p.is_file() and p.suffix not in (".tsv",)
)
TEXTS += [ROOT / "normalize" / "tokenize.py", ROOT / "tests" / "test_technical.py"]

# the characters the protected patterns are made of, and prose
ALPHABET = "abcdefxyzABCDEFXYZ   \n\t.,;:!?'’\"“”()[]{}<>-_/\\@#$%&*+=|~`0123456789é…—"
PIECES = [
    "import os",
    "from x import y",
    "for i in range(3):",
    "class Foo:",
    "def f(x):",
    "... ",
    ">>> ",
    "$ ls",
    "```",
    "~~~",
    "www.",
    "http://",
    "e.g.",
    "file.txt",
    "stdin",
    "deadbeef",
    "camelCase",
    "snake_case",
    "--flag",
    " -x",
    "well-known",
    "a = b",
    "f(",
    "x[1]",
    "user@example.com",
    "example.com/path",
    "    + x",
    "a && b",
    "#  c",
    "don’t",
    "it's",
]


def _same(text: str) -> None:
    assert fastpath.tokenize(text) == list(tokenize(text)), repr(text[:200])


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_fast_tokens_equal_full_tokens_on_files(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    _same(text)
    for line in text.splitlines(keepends=True)[:400]:
        _same(line)


def test_fast_tokens_equal_full_tokens_on_random_text() -> None:
    rng = random.Random(14)
    for _ in range(3000):
        parts = []
        for _ in range(rng.randint(1, 12)):
            if rng.random() < 0.4:
                parts.append(rng.choice(PIECES))
            else:
                parts.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 10))))
            parts.append(rng.choice([" ", " ", "\n", "", ". ", ", "]))
        _same("".join(parts))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(ALPHABET, max_size=12)), max_size=10))
def test_fast_tokens_equal_full_tokens_property(parts: list[str]) -> None:
    _same(" ".join(parts))
    _same("\n".join(parts))


def test_plain_text_needs_no_decision(corrector: Corrector) -> None:
    """Clean prose is returned as it came, with nothing to report; a text with one typo
    or a protected token takes the full path and gives the same answer as ever."""
    clean = "The ministers met in Brussels on Tuesday and talked for two days."
    r = corrector.correct(clean)
    assert (r.text, r.corrections, r.flags, r.unknown) == (clean, (), (), ())
    assert not fastpath.is_plain_text("see example.com or call 555")
    r = corrector.correct("The minsters met in Brussels on Tuesday at 10:00.")
    assert r.text == "The ministers met in Brussels on Tuesday at 10:00."
