"""Line-by-line correction of files of any size with bounded memory.

A line (one paragraph) is the unit: it is read, corrected and written before the next is
read, so memory stays bounded by the longest line plus the caches, whatever the file size.
Line endings (LF, CRLF, CR) come back exactly as they came in.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, BinaryIO

from .casing import ParagraphStyles
from .errors import InputError
from .io import errors_for, input_error, sniff
from .records import Result, apply_corrections
from .tokenize import starts_code_line, token_at, tokenize

SNIFF_BYTES = 64 * 1024
#: Longest piece of a line corrected in one call.  A longer line (a whole book on one
#: line) is cut between tokens into pieces of at most this many characters (never inside
#: a word: see :func:`_cut`), so the corrector's working memory stays small; only the
#: line itself is held whole.
MAX_PIECE = 64 * 1024


@dataclass
class Source:
    """An opened input: its display name, encoding and a byte size for progress."""

    name: str
    encoding: str
    size: int | None
    lines: Iterator[tuple[str, str]]  # (line without ending, ending)
    notes: list[str] = field(default_factory=list)


def _split_ending(line: str) -> tuple[str, str]:
    if line.endswith("\r\n"):
        return line[:-2], "\r\n"
    if line.endswith(("\n", "\r")):
        return line[:-1], line[-1]
    return line, ""


def open_source(path: str, stdin: BinaryIO | None = None) -> Source:
    """Open ``path`` (``-`` is standard input) for line-by-line reading."""
    if path == "-":
        raw: BinaryIO = stdin or sys.stdin.buffer
        name = "<stdin>"
        size = None
    else:
        p = Path(path)
        name = str(p)
        if p.is_dir():
            raise InputError(f"{p}: is a directory, not a file")
        try:
            raw = open(p, "rb")  # noqa: SIM115 - closed when the iterator ends
            size = os.fstat(raw.fileno()).st_size
        except OSError as exc:
            raise input_error(p, exc) from None
    try:
        head = raw.read(SNIFF_BYTES)
        encoding, notes = sniff(head, name, final=len(head) < SNIFF_BYTES)
    except BaseException:
        raw.close()
        raise

    def lines() -> Iterator[tuple[str, str]]:
        try:
            stream = io.BufferedReader(_Prefixed(head, raw))  # type: ignore[arg-type]
            text = io.TextIOWrapper(
                stream, encoding=encoding, errors=errors_for(encoding), newline=""
            )
            pending = ""
            for line in text:
                # keep "\r\n" together even when the reader splits between them
                if pending:
                    if line.startswith("\n"):
                        yield _split_ending(pending + "\n")
                        line = line[1:]
                        if not line:
                            pending = ""
                            continue
                    else:
                        yield _split_ending(pending)
                    pending = ""
                if line.endswith("\r"):
                    pending = line
                    continue
                yield _split_ending(line)
            if pending:
                yield _split_ending(pending)
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: cannot decode as {encoding} ({exc.reason})") from None
        finally:
            raw.close()

    return Source(name, encoding, size, lines(), notes)


class _Prefixed(io.RawIOBase):
    """A raw stream that replays ``head`` and then reads on from ``rest``."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(b), len(self._head))
            b[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(b))
        n = len(data)
        b[:n] = data
        return n


@dataclass
class LineResult:
    """One corrected line: its number (1-based), its result and its line ending."""

    number: int
    result: Result
    ending: str


def correct_source(
    correct: Callable[[str], Result],
    source: Source,
    out: IO[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[LineResult]:
    """Correct ``source`` line by line, writing to ``out`` and yielding each line's result."""
    for number, (line, ending) in enumerate(source.lines, start=1):
        result = correct_line(correct, line)
        if out is not None:
            out.write(result.text)
            out.write(ending)
        if progress is not None:
            progress(len(line.encode("utf-8", "surrogateescape")) + len(ending))
        yield LineResult(number, result, ending)


#: Context carried across a cut where no sentence ends near it: a piece is corrected
#: with up to this many characters of the line on either side (see :func:`_windows`).
CONTEXT = 2 * 1024

# window edges: a sentence end between two words (nothing is read across it), another
# gap that ends in a space after punctuation (no neighbour is read across it), a space
_SENTENCE, _PUNCTUATION, _SPACE = 0, 1, 2


def _windows(
    line: str, limit: int | None = None, context: int | None = None
) -> Iterator[tuple[int, int, int, int]]:
    """``(a, b, w0, w1)``: the line in pieces ``line[a:b]`` of at most ``limit``
    characters (default :data:`MAX_PIECE`; together the whole line, in order), each
    decided by correcting the window ``line[w0:w1]`` around it and keeping what starts
    in the piece.

    The corrector reads nothing across a sentence end between two words (``word. Word``:
    no neighbour, no language-model window, a sentence start either way), so a piece
    ends at such a gap when one is in reach, and its window is the piece itself.  Where
    no sentence ends (a list on one line), the window carries up to ``context``
    characters (default :data:`CONTEXT`) on each side, to the nearest sentence end if
    there is one, so the words near the cut see what they see in the whole line.  A
    window edge is a gap that ends in whitespace or ``,;!?()[]{}<>"`` and after which no
    line-start pattern (a prompt, a line of code) matches where the whole line has none
    (:func:`_fit`), so a window is tokenized as the whole line is (where no such gap is
    in reach, inside one token thousands of characters long, the window starts at the
    nearest gap).
    """
    limit = MAX_PIECE if limit is None else limit
    context = CONTEXT if context is None else context
    n = len(line)
    a = w0 = 0
    w0_kind = _SENTENCE
    while True:
        if n - a <= limit:
            yield a, n, *_fit(line, a, n, w0, n, context)
            return
        edges, gaps = _gaps(line, w0, min(n, a + limit + context))
        sentence = [e for e, kind in edges if kind == _SENTENCE and a < e <= a + limit]
        reach = min(n, a + 2 * limit + context)  # as far as the next window could go
        b = next((e for e in reversed(sentence) if not starts_code_line(line, e, reach)), 0)
        if b:  # nothing is read across it: no context needed
            yield a, b, *_fit(line, a, b, w0, b, context)
            a, w0, w0_kind = b, b, _SENTENCE
            continue
        inside = [g for g in gaps if a < g <= a + limit]
        skip = None if inside else _long_token_end(line, w0, a, a + limit)
        if skip is not None:  # inside one protected token: nothing in it is corrected
            while a < skip:
                b = min(skip, a + limit)
                yield a, b, a, a
                a = b
            w0, w0_kind = a, _SPACE
            continue
        b = _latest_nonspace(inside, line) if inside else a + limit
        right = [(kind, -e) for e, kind in edges if b <= e <= b + context]
        if n <= b + context:  # the end of the line is the best edge of all
            right = [(_SENTENCE, -n)]
            edges.append((n, _SENTENCE))
        if right:  # the nearest sentence end, else the farthest punctuation or space
            kind, e = min(right)
            w1 = -e if kind != _SENTENCE else min(e for e, k in edges if k == kind and e >= b)
        else:
            w1 = min(n, b + context)
        yield a, b, *_fit(line, a, b, w0, w1, context)
        left = [(kind, e) for e, kind in edges if b - context <= e <= b]
        if w0 >= b - context:
            left.append((w0_kind, w0))
        left.sort(key=lambda x: (x[0], -x[1] if x[0] == _SENTENCE else x[1]))
        # the nearest sentence end, else the farthest punctuation or space, where no line
        # of code starts for a window of its own (tried in that order, so that the costly
        # check, which may read to the end of the line, runs once or twice, not per edge)
        reach = 2 * limit + context
        first = next(
            (
                (k, e)
                for k, e in left
                if e == 0 or line[e - 1] == "\n" or not starts_code_line(line, e, min(n, e + reach))
            ),
            None,
        )
        if first is not None:
            w0_kind, w0 = first
        else:  # no edge in reach (one long token): the earliest gap, else the cut
            w0_kind, w0 = _SPACE, min([g for g in gaps if b - context <= g <= b], default=b)
        a = b


def _fit(line: str, a: int, b: int, w0: int, w1: int, context: int) -> tuple[int, int]:
    """The window ``(w0, w1)`` around the piece ``(a, b)``, moved where needed so that a
    line-start pattern reading to the end of its line (``... && ...``, a line ending in
    ``{``) decides at the window's start as it does in the whole line."""
    while not _fits(line, w0, w1) and w0 < a:
        later = [e for e, _kind in _gaps(line, w0, a)[0] if w0 < e <= a]
        w0 = later[0] if later else a
    if not _fits(line, w0, w1):
        edges = [e for e, _kind in _gaps(line, b, min(len(line), b + context))[0]]
        for e in sorted({b, *edges, min(len(line), b + context)}, key=lambda e: abs(e - w1)):
            if e >= b and _fits(line, w0, e):
                return w0, e
    return w0, w1


def _fits(line: str, w0: int, w1: int) -> bool:
    """Whether ``line[w0:w1]`` read as a text of its own starts as the whole line reads."""
    if w0 > 0 and line[w0 - 1] != "\n":
        return not starts_code_line(line, w0, w1)
    eol = line.find("\n", w0)
    eol = len(line) if eol < 0 else eol
    return eol <= w1 or starts_code_line(line, w0, w1) == starts_code_line(line, w0, eol)


def _gaps(line: str, start: int, end: int) -> tuple[list[tuple[int, int]], list[int]]:
    """The gaps between tokens in ``line[start:end]`` (``start`` is a window edge), as
    offsets into ``line``: the window edges ``(offset, kind)``, and every gap end."""
    pad = min(len(line), end + 64)
    tokens = list(tokenize(line[start:pad]))
    edges: list[tuple[int, int]] = []
    gaps: list[int] = []
    for i in range(1, len(tokens) - 1):
        tok = tokens[i]
        if tok.kind != "other" or start + tok.end > end:
            continue
        at = start + tok.end
        gaps.append(at)
        if not _EDGE_END.search(tok.text):
            continue  # a window from here would not be tokenized as the whole line is
        if tok.text.strip(" \t") == "":
            edges.append((at, _SPACE))
        elif (
            tokens[i - 1].kind == "word"
            and tokens[i + 1].kind == "word"
            and _SENTENCE_GAP.search(tok.text)
        ):
            edges.append((at, _SENTENCE))
        else:
            edges.append((at, _PUNCTUATION))
    return edges, gaps


def _long_token_end(line: str, start: int, pos: int, end: int) -> int | None:
    """Where the protected token around ``pos`` ends, when it runs past ``end``
    (``start`` is a window edge before it)."""
    for tok in tokenize(line[start:end]):
        if tok.start + start <= pos < tok.end + start:
            if tok.kind != "protected" or tok.end + start < end:
                return None
            whole = token_at(line, tok.start + start)
            return None if whole is None else whole.end
    return None


def _latest_nonspace(gaps: list[int], line: str) -> int:
    """The latest gap that is not only spaces, else the latest gap."""
    for g in reversed(gaps):
        i = g - 1
        while i > 0 and line[i] in " \t":
            i -= 1
        if not line[i].isspace():
            return g
    return gaps[-1]


def _pieces(line: str, limit: int | None = None) -> Iterator[str]:
    """The pieces of :func:`_windows`."""
    for a, b, _w0, _w1 in _windows(line, limit):
        yield line[a:b]


_SENTENCE_GAP = re.compile(r"[.!?:\u2026]\s*$")
#: a gap ending in one of these stops every protected pattern's look behind as the start
#: of a text does (none of them tells these characters from "nothing before")
_EDGE_END = re.compile(r"[\s,;!?()\[\]{}<>\"\u201c\u201d]$")


class _Styles:
    """The paragraph styles of a whole line, seen from a window of it."""

    def __init__(self, styles: ParagraphStyles, offset: int) -> None:
        self._styles = styles
        self._offset = offset

    def at(self, pos: int) -> tuple[str, bool]:
        return self._styles.at(pos + self._offset)


def correct_line(correct: Callable[..., Result], line: str) -> Result:
    """``correct(line)``, with memory bounded whatever the line's length: a line longer
    than :data:`MAX_PIECE` is corrected window by window (see :func:`_windows`) and the
    results joined; the result is the one the whole line would get.  Every caller that
    corrects one line of a stream should go through here.  ``correct`` is
    ``Corrector.correct`` or takes the same ``styles`` keyword.
    """
    if len(line) <= MAX_PIECE:
        return correct(line)
    styles = ParagraphStyles(line)
    records: tuple[list, list, list] = ([], [], [])
    for a, b, w0, w1 in _windows(line):
        if w0 == w1:
            continue  # inside one long protected token
        r = correct(line[w0:w1], styles=_Styles(styles, w0))
        for bucket, items in zip(records, (r.corrections, r.flags, r.unknown), strict=True):
            bucket.extend(
                replace(x, start=x.start + w0, end=x.end + w0)
                for x in items
                if a <= x.start + w0 < b
            )
    corrections, flags, unknown = (tuple(b) for b in records)
    return Result(line, apply_corrections(line, corrections), corrections, flags, unknown)
