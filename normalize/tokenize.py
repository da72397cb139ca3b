"""A lossless tokenizer: every character of the input belongs to exactly one token.

Tokens are ``word`` (letters, with inner apostrophes), ``protected`` (URLs, e-mail
addresses, @handles, #hashtags, numbers, dates, times, money, anything with a digit, file
names, and technical tokens: Markdown code spans and fenced blocks, prompt lines, paths,
command-line flags, package specifiers, dotted names, code identifiers, hex strings, and
the computing words of ``normalize/data/technical.txt``) or
``other`` (whitespace, punctuation, symbols, emoji).  Joining the token texts
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
    r"txt|md|rst|pdf|docx?|odt|rtf|xlsx?|pptx?|csv|tsv|jsonl?|xml|html?|css|scss|py|pyi|ipynb"
    r"|js|mjs|cjs|jsx|ts|tsx|vue|sh|bash|zsh|ps1|bat|c|h|cc|cpp|hpp|rs|go|rb|java|kt|swift"
    r"|php|pl|lua|sql|sqlite|db|lock|whl|zip|gz|bz2|xz|tar|tgz|png|jpe?g|gif|svg|webp|ico"
    r"|mp[34]|wav|exe|dll|so|dylib|log|ya?ml|toml|ini|cfg|conf|env|parquet|dic|aff|tex|bib"
)
_PATH_PART = r"[\w.@+~-]+"

# Technical tokens: code spans, fenced code, shell and Python prompts, paths, command-line
# flags, package specifiers, dotted names, code identifiers, hex strings.  None of them is
# prose, so none of them is ever corrected.
_TECHNICAL = [
    # a fenced code block (when the text holds the whole of it) or a fence line alone
    r"^[ \t]*(?P<fence>```|~~~)[^\n]*\n(?:[^\n]*\n)*?[ \t]*(?P=fence)[^\n]*$",
    r"^[ \t]*(?:```|~~~)[^\n]*",
    # a line of code or tool output, recognisable on its own (a file is often corrected
    # line by line, so a line inside a fenced block must be recognised without the fence):
    # a shell or Python prompt, a diagnostic "file:12:3: ...", an import, a definition, an
    # assignment, a call or a dotted name at the start, a loop header, a comment block, an
    # indented formula continued ("    + context bonus"), a command line with "&&" or "||"
    # or with three flags or absolute paths
    r"^[ \t]*(?:\$ (?=[a-z./])|>>> |\.\.\. (?=[ #\w]+[(:=])"
    r"|[^\s:]+:\d+(?::\d+)?: |(?:from [\w.]+ )?import [\w.]+|(?:async )?def \w+\("
    r"|class \w+[(:]|[A-Za-z_][\w.]*(?:\[[^\]\n]*\])?[ \t]*[-+*/|]?=(?!=)[ \t]*\S"
    r"|[A-Za-z_]\w*(?:\.\w+)*\(|[a-z_]\w*(?:\.\w{3,})+(?=[ \t]*(?:#|,|$))"
    r"|for [\w, ]+ in \S.*:[ \t]*(?:#|$)|#[ \t]{2,}|[ \t]{4,}[+=|/](?=[ \t])"
    r"|(?=[^\n]*\S[ \t]+(?:&&|\|\|)[ \t]+\S)"
    # a command or a configuration line: three flags or absolute paths (git stream tcp4
    # nowait nobody /usr/bin/git git daemon --inetd --base-path=/var/lib /var/lib/git),
    # not prose with code spans (Run `docker run --rm -it` ...)
    r"|(?![^\n]*`)(?=(?:[^\n]*?[ \t](?:--?[A-Za-z]|/[\w.-]+/)){3})"
    # a statement of code: an indented Python keyword line, a declaration, a C-style
    # condition, a line that opens or closes a brace block
    r"|[ \t]+(?:raise|return|yield|assert|except|elif|await|del)\b"
    r"|(?:const|let|var|val)[ \t]+[\w$]+[ \t]*(?::[ \t]*[\w$<>\[\], ]+)?[ \t]*=(?!=)"
    r"|(?:function|fn|func)[ \t]+[\w$]+[ \t]*[(<]|(?:if|while|for|switch|catch)[ \t]*\("
    r"|(?=[^\n]*[^\s\w][ \t]*\{[ \t]*$)|[ \t]*\}"
    # a log line (a time stamp or a level first), a line of JSON ({"a": ..., "key": ...)
    r"|\[?\d{4}-\d\d-\d\d[ T]\d\d:\d\d|\[?\d\d:\d\d:\d\d[\].,\s]"
    r"|\[?(?:DEBUG|INFO|WARN|WARNING|ERROR|CRITICAL|FATAL|TRACE)\b[\]:]?[ \t]"
    r"|[{\[][ \t]*[\"{\[]|\"[^\"\n]*\"[ \t]*:[ \t]*(?:[\"{\[\d-]|(?:true|false|null)\b))"
    r"[^\n]*",
    # Markdown code spans: `stdin`, ``a `b` c``
    r"``[^\n]+?``|`[^`\n]+`",
    # paths: /usr/lib, ~/.cache, ./run, ../x, C:\\Users
    rf"(?<![\w/.~-])(?:~|\.{{1,2}})?/{_PATH_PART}(?:/{_PATH_PART})*/?",
    r"(?<![\w\\])[A-Za-z]:\\[^\s<>\"|?*]*",
    # relative paths that cannot be prose: a trailing slash, an underscore or a file name
    # at the end, or two slashes in lowercase (bench/, .venv/bin/pip, docs/formats.md)
    rf"(?<![\w/.-])\.?[\w-]+(?:/{_PATH_PART})*/(?![\w]|\.\w)",
    rf"(?<![\w/.-])\.?[\w.-]+(?:/{_PATH_PART})*/[\w-]+\.(?:{_FILE_EXT})\b",
    r"(?<![\w/.-])\.?[a-z0-9_-]+/[a-z0-9_.-]+/[a-z0-9_./-]*",
    r"(?<![\w/.-])[\w.-]*_[\w.-]*(?:/[\w.-]+)+/?",
    # a dotted host with a path: exmaple.xyz/pahtx
    r"(?<![\w.@/-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/[^\s<>\"“”‘’]*",
    # command-line flags: -rf, --no-user-dicts, --min-confidence=0.5
    r"(?<![\w\-'’])--?[A-Za-z][\w-]*(?:=[^\s,;)]*)?",
    # package specifiers: tqdm>=4.66, dask[distributed]>=2024.1, numpy<2
    r"(?<![\w.-])[A-Za-z][\w.-]*(?:\[[\w,-]+\])?(?:[<>]=?|[=!~]=)[\w.*+-]+",
    # file names, and a bare extension: index.tsx, data_2020.csv, .docx, .venv
    rf"(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:{_FILE_EXT})\b",
    r"(?<![\w.])\.[a-z][a-z0-9_-]*\b",
    # paths of names: std::vector, foo::bar::baz, Foo::Bar.new
    r"(?<![\w:])[A-Za-z_]\w*(?:::[A-Za-z_]\w*)+",
    # a one-letter argument before a flag: npm i -D, apt-get install x -y
    r"(?<![\w'’-])[a-z](?=[ \t]+--?[A-Za-z])",
    # dotted names: normalize.corrector, sys.stdin, os.path.join (not "end.The")
    r"(?<![\w.])[A-Za-z_]\w*(?:\.[a-z_]\w*)+",
    r"(?<![\w.])[A-Za-z_]\w*(?:\.[A-Za-z_]\w*){2,}",
    # identifiers: snake_case, _private, __init__, camelCase, $HOME, a word before ( = [
    r"(?<![\w$])_*[A-Za-z][A-Za-z0-9]*(?:_+[A-Za-z0-9]+)+_*|(?<![\w$])_+[A-Za-z0-9]\w*",
    r"(?<![\w$])[a-z]{2,}[A-Z][A-Za-z]*",
    r"\$\{?[A-Za-z_]\w*\}?",
    r"(?<![\w.])[A-Za-z_]\w*(?=\(|\[\w|=[^=\s])",
    # computing words that are no English word's typo: "reads stdin", "a docx file"
    r"(?<![\w'’])(?:std(?:in|out|err)|docx|xlsx|pptx|jsonl?|yaml|toml|tsv)(?![\w'’])",
    # hex strings without a digit (deadbeef, cafebabe); digits are protected below
    r"(?<![\w.])[a-fA-F]{8,}(?!\w)",
]

# Order matters: the first alternative that matches at a position wins.  Each pattern
# starts only where a run of its characters starts (the lookbehinds): otherwise every
# position inside a long run (``a-b-c-...`` or ``a/b/c/...`` x 10,000) would rescan the
# rest of the run, which is quadratic time on one long line.
_PROTECTED = [
    # whole code blocks, prompt lines and code spans first: a URL inside them is code too
    *_TECHNICAL[:4],
    # URLs with a scheme or www.
    r"(?<![a-zA-Z0-9+.-])(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.)[^\s<>\"“”‘’]+",
    # e-mail addresses
    r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    # @handles and #hashtags
    r"(?<![\w@#])[@#][\w]+",
    # scheme-less domains, optionally with a path: example.com/path, news.bbc.co.uk
    rf"(?<![\w.@-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:{_TLD})\b(?:/[^\s<>\"“”‘’]*)?",
    *_TECHNICAL[4:],
    # anything that contains a digit: numbers, dates, times, money, 1990s, MK41, $5bn
    r"(?<![^\s\"“”‘’()\[\]{}<>,;!?])[^\s\"“”‘’()\[\]{}<>,;!?]*\d[^\s\"“”‘’()\[\]{}<>,;!?]*",
]
_WORD = r"[^\W\d_]+(?:[" + APOSTROPHES + r"][^\W\d_]+)*"


class _LazyPattern:
    """A compiled pattern, compiled when first used: the tokenizer's pattern takes ~8 ms
    to compile, and a run whose lines are plain prose never needs it
    (:mod:`normalize.fastpath`).  After the first use, ``search``, ``match``... are the
    pattern's own bound methods, found as plain attributes."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str):
        compiled = re.compile(*self._source)
        for attr in ("search", "match", "fullmatch", "finditer", "findall", "pattern"):
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)


# the patterns that match only where a line starts (a fence, a prompt, a line of code)
_LINE_START = _LazyPattern("|".join(p.removeprefix("^") for p in _TECHNICAL[:3]), re.MULTILINE)
_TOKEN_RE = _LazyPattern(
    "|".join(f"(?P<p{i}>{p})" for i, p in enumerate(_PROTECTED)) + f"|(?P<word>{_WORD})",
    re.MULTILINE,
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


def token_at(text: str, pos: int) -> Token | None:
    """The protected token that :func:`tokenize` would give at ``pos`` of ``text`` if a
    token started there (``text`` is the whole text: looks behind and ``^`` see it), else
    None."""
    m = _TOKEN_RE.match(text, pos)
    if m is None or m.lastgroup == "word":
        return None
    end = pos + len(_trim(m.group()))
    return Token("protected", text[pos:end], pos) if end > pos else None


_TECH_WORDS: frozenset[str] | None = None


def technical_words() -> frozenset[str]:
    """The computing words of ``normalize/data/technical.txt`` (read once)."""
    global _TECH_WORDS
    if _TECH_WORDS is None:
        from . import datafiles

        text = datafiles.read_text("technical.txt")
        _TECH_WORDS = frozenset(
            w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")
        )
    return _TECH_WORDS


def is_technical_word(word: str) -> bool:
    """A computing word (``symlink``, ``Linux``, ``repo's``, ``fsynced``): never corrected."""
    words = _TECH_WORDS if _TECH_WORDS is not None else technical_words()
    key = word.lower()
    if key in words:
        return True
    if "'" in key or "\u2019" in key or "\u02bc" in key:
        key = normalize_apostrophes(key).split("'", 1)[0]
        if key in words:
            return True
    if len(key) < 6 or key[-1] not in "sdg":
        return False
    # a plural or a verb form of a longer word (symlinks, fsynced, tokenized), or a
    # daemon's name (telnetd, rsyncd); never of a short one, where "corses", "guided"
    # would pass for cors+es, guid+ed
    for suffix in ("s", "es", "ed", "d", "ing"):
        stem = key[: -len(suffix)]
        if key.endswith(suffix) and len(stem) >= 5 and stem in words:
            return suffix != "d" or not stem.endswith("e") or len(stem) >= 6
    return False


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
            kind: TokenKind = "protected" if is_technical_word(m.group()) else "word"
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


def starts_code_line(text: str, pos: int, endpos: int | None = None) -> bool:
    """Whether ``text[pos:endpos]``, read as a text of its own, would start with a token
    that only a line start allows (a fence, a prompt, a line of code)."""
    end = len(text) if endpos is None else endpos
    return _LINE_START.match(text, pos, end) is not None


_CLITICS = frozenset({"'s", "'t", "'re", "'ve", "'ll", "'d", "'m", "'"})


def split_contraction(word: str) -> tuple[str, str]:
    """``"Russia’s"`` → ``("Russia", "’s")``; words without such a suffix come back whole
    (``za'atar``, ``Qur'an``: an apostrophe inside a word is no contraction)."""
    for i, ch in enumerate(word):
        if ch in APOSTROPHES and i > 0:
            suffix = word[i:]
            if normalize_apostrophes(suffix).lower() in _CLITICS:
                return word[:i], suffix
            return word, ""
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


_FENCE = re.compile(r"^[ \t]*(```|~~~)")


class CodeFences:
    """Tracks Markdown fenced code blocks across lines, for callers that correct a file
    line by line (a line cannot tell on its own that it is inside a fence)::

        fences = CodeFences()
        for line in lines:
            text = line if fences.inside(line) else corrector.correct(line).text
    """

    def __init__(self) -> None:
        self._open: str | None = None

    def inside(self, line: str) -> bool:
        """Whether ``line`` is a fence or lies inside a fenced block (updates the state)."""
        m = _FENCE.match(line)
        if m is None:
            return self._open is not None
        if self._open is None:
            self._open = m.group(1)
        elif m.group(1) == self._open:
            self._open = None
        return True
