"""A lossless tokenizer: every character of the input belongs to exactly one token.

Tokens are ``word`` (letters, with inner apostrophes), ``protected`` (URLs, e-mail
addresses, @handles, #hashtags, numbers, dates, times, money, anything with a digit, file
names) or ``other`` (whitespace, punctuation, symbols, emoji).  Joining the token texts
gives back the input byte for byte; that is what keeps the corrector lossless.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

TokenKind = Literal["word", "protected", "other"]

APOSTROPHES = "'\u2019\u02bc"

_TLD = (
    r"com|org|net|gov|edu|mil|int|info|biz|io|co|uk|us|ru|ua|de|fr|eu|es|it|pl|nl|be|ch|at"
    r"|se|no|fi|dk|cz|hu|ro|bg|gr|tr|il|in|cn|jp|kr|au|ca|nz|za|br|mx|ar|me|tv|news|app|dev"
)
_FILE_EXT = (
    r"txt|md|pdf|docx?|xlsx?|pptx?|csv|tsv|jsonl?|xml|html?|py|js|ts|sh|zip|gz|tar|png|jpe?g"
    r"|gif|svg|mp[34]|wav|exe|dll|log|ya?ml|toml|ini|cfg|parquet"
)

# Order matters: the first alternative that matches at a position wins.  Each pattern
# starts only where a run of its characters starts (the lookbehinds): otherwise every
# position inside a long run (``a-b-c-...`` or ``a/b/c/...`` x 10,000) would rescan the
# rest of the run, which is quadratic time on one long line.
_PROTECTED = [
    # URLs with a scheme or www.
    r"(?<![a-zA-Z0-9+.-])(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.)[^\s<>\"“”‘’]+",
    # e-mail addresses
    r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    # @handles and #hashtags
    r"(?<![\w@#])[@#][\w]+",
    # scheme-less domains, optionally with a path: example.com/path, news.bbc.co.uk
    rf"(?<![\w.@-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:{_TLD})\b(?:/[^\s<>\"“”‘’]*)?",
    # file names: report.pdf, data_2020.csv
    rf"(?<![\w.-])[\w-]+\.(?:{_FILE_EXT})\b",
    # anything that contains a digit: numbers, dates, times, money, 1990s, MK41, $5bn
    r"(?<![^\s\"“”‘’()\[\]{}<>,;!?])[^\s\"“”‘’()\[\]{}<>,;!?]*\d[^\s\"“”‘’()\[\]{}<>,;!?]*",
]
_WORD = r"[^\W\d_]+(?:[" + APOSTROPHES + r"][^\W\d_]+)*"

_TOKEN_RE = re.compile(
    "|".join(f"(?P<p{i}>{p})" for i, p in enumerate(_PROTECTED)) + f"|(?P<word>{_WORD})"
)
_TRAILING = ".,;:!?)]}'\"’”…"


@dataclass(frozen=True, slots=True)
class Token:
    kind: TokenKind
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _trim(text: str) -> str:
    """Drop sentence punctuation that a URL-ish match swallowed at its end."""
    while text and text[-1] in _TRAILING:
        if text[-1] == ")" and text.count("(") >= text.count(")"):
            break
        text = text[:-1]
    return text


def tokenize(text: str) -> Iterator[Token]:
    """Yield tokens covering ``text`` exactly (``"".join(t.text ...) == text``)."""
    pos = 0
    n = len(text)
    while pos < n:
        m = _TOKEN_RE.search(text, pos)
        if m is None:
            yield Token("other", text[pos:], pos)
            return
        start = m.start()
        if m.lastgroup == "word":
            end = m.end()
            kind: TokenKind = "word"
        else:
            end = start + len(_trim(m.group()))
            kind = "protected"
            if end == start:  # only punctuation: not a token after all
                end = start + 1
                kind = "other"
        if start > pos:
            yield Token("other", text[pos:start], pos)
        yield Token(kind, text[start:end], start)
        pos = end


def split_contraction(word: str) -> tuple[str, str]:
    """``"Russia’s"`` → ``("Russia", "’s")``; words without a suffix come back whole."""
    for i, ch in enumerate(word):
        if ch in APOSTROPHES and i > 0:
            return word[:i], word[i:]
    return word, ""


def normalize_apostrophes(word: str) -> str:
    return word.replace("\u2019", "'").replace("\u02bc", "'")


def case_shape(word: str) -> Literal["lower", "title", "upper", "mixed"]:
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return "lower"
    if all(c.islower() for c in letters):
        return "lower"
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return "upper"
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return "title"
    if len(letters) == 1:
        return "title"
    return "mixed"


def apply_case(shape: str, word: str) -> str:
    """Give ``word`` (lowercase) the typed case shape."""
    if shape == "upper":
        return word.upper()
    if shape == "title":
        return word[:1].upper() + word[1:]
    return word
