"""The corrector's fast paths: the same tokens and answers as the full machinery, sooner.

:func:`tokenize` gives exactly ``list(tokenize.tokenize(text))``.  The full tokenizer
tries every protected pattern (URLs, numbers, paths, code...) at every position, which
costs about 3 µs a character; but almost every line of prose has none of the characters
those patterns need.  A line without any of them (:data:`_UNSAFE` finds them, one cheap
scan of the text) can only hold words and the gaps between them, so its words are found
by the word pattern alone; the other lines go through the full tokenizer, unchanged.

:data:`_UNSAFE` must match somewhere in every protected token (or the line it starts):
a pattern added to ``tokenize._PROTECTED`` needs one of these characters or sequences,
else a case here (``tests/test_speed.py`` compares both tokenizers on many texts).
"""

from __future__ import annotations

import re

from .tokenize import _TOKEN_RE, _WORD, Token, _trim, is_technical_word

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
    # the lines that need the full tokenizer, as merged [start, end) spans
    unsafe: list[list[int]] = []
    m = _UNSAFE.search(text)
    while m is not None:
        x = m.start()
        start = text.rfind("\n", 0, x) + 1
        end = text.find("\n", x)
        end = n if end < 0 else end + 1
        if unsafe and unsafe[-1][1] == start:
            unsafe[-1][1] = end
        else:
            unsafe.append([start, end])
        m = _UNSAFE.search(text, end) if end < n else None
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
            out.append(Token("other", text[last:s], last))
        out.append(Token(k, text[s:e], s))  # type: ignore[arg-type]
        last = e
    if last < n:
        out.append(Token("other", text[last:], last))
    return out
