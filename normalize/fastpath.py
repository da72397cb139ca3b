"""The corrector's fast paths: the same tokens and answers as the full machinery, sooner.

:func:`tokenize` gives exactly ``list(tokenize.tokenize(text))``.  The full tokenizer
tries every protected pattern (URLs, numbers, paths, code...) at every position, which
costs about 3 µs a character; but almost every line of prose has none of the characters
those patterns need.  A line without any of them (:data:`_UNSAFE` finds them, one cheap
scan of the text) can only hold words and the gaps between them, so its words are found
by the word pattern alone.  In the other lines only the whitespace-separated chunks
around those characters go through the full tokenizer (the whole line where a line of
code or a fence starts it; see :func:`_regions`), unchanged.

:data:`_UNSAFE` must match somewhere in every protected token (or the line it starts),
within the token's chunk or the chunk after it: a pattern added to
``tokenize._PROTECTED`` needs one of these characters or sequences, else a case here
(``tests/test_speed.py`` compares both tokenizers on many texts).
"""

from __future__ import annotations

import re

from .tokenize import _LINE_START, _TOKEN_RE, _WORD, Token, _trim, is_technical_word

# what a protected token needs: a digit or a character prose rarely uses; a dotted name or
# file name (".x"); a call ("name("); "www."; a flag ("-x" after no letter); camelCase;
# eight hex letters; a computing word; or a line that starts like code
_UNSAFE = re.compile(
    r"[\d_`~$<>=|&+*/\\@#\[\]{}]"
    r"|\w\(|\.\w|www\.|(?<![\w'’])-|[a-z]{2}[A-Z]|[a-fA-F]{8}"
    r"|std(?:in|out|err)|docx|xlsx|pptx|json|yaml|toml|tsv"
    r"|::|\"[ \t]*:"  # std::vector, a JSON key
    r"|^[ \t]*(?:import|from|class|for|def|async|\.\.\.)[ \t]"
    # lines of code and log lines (tokenize's line-start patterns)
    r"|^[ \t]*(?:raise|return|yield|assert|except|elif|await|del|const|let|var|val"
    r"|function|fn|func|if|while|switch|catch|DEBUG|INFO|WARN|WARNING|ERROR|CRITICAL"
    r"|FATAL|TRACE)\b",
    re.MULTILINE,
)
WORD_RE = re.compile(_WORD)
_SPACE = re.compile(r"\s")


def is_plain_text(text: str) -> bool:
    """Whether ``text`` holds no protected token anywhere (its tokens are its words and
    the gaps between them): then ``WORD_RE.findall(text)`` are its word tokens (a
    computing word, :func:`normalize.tokenize.is_technical_word`, is never plainly right:
    the corrector sees it through :func:`tokenize`)."""
    return _UNSAFE.search(text) is None


def _word_kind(word: str) -> str:
    return "protected" if is_technical_word(word) else "word"


def tokenize(text: str) -> list[Token]:
    """``list(normalize.tokenize.tokenize(text))``, found faster (see the module)."""
    n = len(text)
    unsafe = _regions(text)
    spans: list[tuple[int, int, str]] = []
    add = spans.append
    p = 0
    for us, ue in unsafe:
        if p < us:
            for w in WORD_RE.finditer(text, p, us):
                add((w.start(), w.end(), _word_kind(w.group())))
            p = us
        q = p
        while q < ue:
            m = _TOKEN_RE.search(text, q)
            if m is None:
                q = n
                break
            start = m.start()
            if start >= ue:
                break
            if m.lastgroup == "word":
                end, kind = m.end(), _word_kind(m.group())
            else:
                end, kind = start + len(_trim(m.group())), "protected"
                if end == start:  # only punctuation: not a token after all
                    end, kind = start + 1, "other"
            add((start, end, kind))
            q = end
        p = max(q, ue) if q < n else n
        if p >= n:
            break
    if p < n:
        for w in WORD_RE.finditer(text, p):
            add((w.start(), w.end(), _word_kind(w.group())))
    out: list[Token] = []
    last = 0
    for s, e, k in spans:
        if s > last:
            out.append(_token("other", text[last:s], last))
        out.append(_token(k, text[s:e], s))
        last = e
    if last < n:
        out.append(_token("other", text[last:], last))
    return out


_new = object.__new__
_set_kind = Token.kind.__set__  # type: ignore[attr-defined]
_set_text = Token.text.__set__  # type: ignore[attr-defined]
_set_start = Token.start.__set__  # type: ignore[attr-defined]


def _token(kind: str, text: str, start: int) -> Token:
    """``Token(kind, text, start)`` in half the time: the frozen dataclass's ``__init__``
    sets each field through ``object.__setattr__``; this sets its slots directly."""
    t = _new(Token)
    _set_kind(t, kind)
    _set_text(t, text)
    _set_start(t, start)
    return t


def _regions(text: str) -> list[list[int]]:
    """The stretches of ``text`` that need the full tokenizer, as merged ``[start, end)``
    spans in order: a whole line where a token that only a line start allows begins
    (a fence, a prompt, a line of code); elsewhere only the whitespace-separated chunks
    that :data:`_UNSAFE` matches in, each with the chunk before it.

    Why that is enough: outside those line tokens, a protected token lies within one
    chunk that :data:`_UNSAFE` matches in (a code span starts with its backtick, which
    does), but for a one-letter argument before a flag (``npm i -D``), which lies in the
    chunk before; a chunk's start and end are places the full tokenizer passes through
    (whitespace starts no token; a code span running past a chunk is followed to its
    end); and the full tokenizer, asked to go on from such a place, finds what it would
    have found going on from its last token (its patterns look behind the start)."""
    n = len(text)
    out: list[list[int]] = []
    m = _UNSAFE.search(text)
    while m is not None:
        x = m.start()
        ls = text.rfind("\n", 0, x) + 1
        le = text.find("\n", x)
        le = n if le < 0 else le
        if _LINE_START.match(text, ls) is not None:
            spans = [[ls, le + 1 if le < n else n]]
        else:
            spans = []
            for u in _UNSAFE.finditer(text, x, le):
                a, b = u.start(), u.end()
                while a < b and text[a].isspace():  # (\s is str.isspace)
                    a += 1
                while b > a and text[b - 1].isspace():
                    b -= 1
                if a == b:  # (a match of only whitespace: the whole line)
                    spans = [[ls, le + 1 if le < n else n]]
                    break
                start = a  # the start of the chunk before the match's chunk
                while start > ls and not text[start - 1].isspace():
                    start -= 1
                while start > ls and text[start - 1].isspace():
                    start -= 1
                while start > ls and not text[start - 1].isspace():
                    start -= 1
                w = _SPACE.search(text, b, le)  # the end of the match's chunk
                end = le if w is None else w.start()
                if spans and spans[-1][1] >= start:
                    spans[-1][1] = max(spans[-1][1], end)
                else:
                    spans.append([start, end])
        for sp in spans:
            if out and out[-1][1] >= sp[0]:
                out[-1][1] = max(out[-1][1], sp[1])
            else:
                out.append(sp)
        m = _UNSAFE.search(text, le + 1) if le + 1 < n else None
    return out
