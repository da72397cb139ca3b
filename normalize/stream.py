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

from .errors import InputError
from .io import errors_for, input_error, sniff
from .records import Result
from .tokenize import tokenize

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


def _pieces(line: str, limit: int | None = None) -> Iterator[str]:
    """``line`` in pieces of at most ``limit`` characters (default :data:`MAX_PIECE`),
    cut only between tokens, never inside a word or a protected token (see :func:`_cut`)."""
    limit = MAX_PIECE if limit is None else limit
    start = 0
    while len(line) - start > limit:
        cut = _cut(line, start, start + limit)
        yield line[start:cut]
        start = cut
    yield line[start:]


_SENTENCE_GAP = re.compile(r"[.!?:\u2026]\s*$")
_LINK_GAP = re.compile(r"^[ \t]+$")


def _cut(line: str, start: int, end: int) -> int:
    """Where to end the piece ``line[start:end]``: after a gap between tokens.

    The corrector reads a word's neighbours only across spaces and tabs, and treats a
    word after sentence punctuation as a sentence start, so a cut after a sentence end
    (``. ``) changes nothing; after any other gap that is not only spaces (``,`` ``/``
    ``-`` NBSP) it changes nothing for lowercase words; after a space it loses the
    context of two words, so that is the last resort.  Later cuts are preferred (fewer
    pieces).  A window that is one token (no gap at all) is cut at its end.
    """
    window = line[start:end]
    tokens = list(tokenize(window))
    half = len(window) // 2
    best: tuple[tuple[bool, bool, int, int], int] | None = None
    for tok in tokens[:-1]:  # the last token may go on past the window
        if tok.kind != "other":
            continue
        if _LINK_GAP.match(tok.text):
            rank = 3
        elif _SENTENCE_GAP.search(tok.text):
            rank = 1
        else:
            rank = 2
        cut = tok.end
        key = (rank == 3, cut < half, rank, -cut)
        if best is None or key < best[0]:
            best = (key, cut)
    return start + (best[1] if best is not None else len(window))


def correct_line(correct: Callable[[str], Result], line: str) -> Result:
    """``correct(line)``, with memory bounded whatever the line's length: a line longer
    than :data:`MAX_PIECE` is corrected piece by piece and the results joined (offsets
    shifted).  Every caller that corrects one line of a stream should go through here.
    """
    if len(line) <= MAX_PIECE:
        return correct(line)
    texts: list[str] = []
    records: tuple[list, list, list] = ([], [], [])
    offset = 0
    for piece in _pieces(line):
        r = correct(piece)
        texts.append(r.text)
        for bucket, items in zip(records, (r.corrections, r.flags, r.unknown), strict=True):
            bucket.extend(replace(x, start=x.start + offset, end=x.end + offset) for x in items)
        offset += len(piece)
    corrections, flags, unknown = (tuple(b) for b in records)
    return Result(line, "".join(texts), corrections, flags, unknown)
