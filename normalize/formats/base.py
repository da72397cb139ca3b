"""What every format shares: the record, the options, the opened input, and helpers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from ..errors import DataError, InputError
from ..records import Correction, Flag, Result, Unknown

#: Input formats by name, and the extensions that select them.
FORMATS = ("text", "csv", "tsv", "jsonl", "docx", "parquet")
_EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".docx": "docx",
    ".parquet": "parquet",
    ".pq": "parquet",
}
#: Column names taken as the text column, in this order, when none is given.
TEXT_NAMES = ("text", "comment", "comments", "body", "content", "message", "review")
SUFFIX = "_corrected"
COUNT_SUFFIX = "_corrections"
LABEL_SEPARATOR = " · "
_SAMPLE = 100  # records looked at to guess the text column
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Record:
    """One unit of input: where it is, its text, its label and the original it came from.

    ``number`` is the line the record starts on (text, CSV, JSON Lines), the paragraph
    number (DOCX) or the row number (Parquet), 1-based.  ``fields`` is the format's own
    original (a CSV row, the JSON line, a python-docx paragraph, ...), for the writer.
    """

    number: int
    text: str
    label: str | None = None
    fields: Any = None
    size: int = 0  # bytes of input it stands for, for progress bars
    code: bool = False  # a line of a code block (normalize/codeblocks.py): never corrected


@dataclass(frozen=True)
class ReadOptions:
    """How to find the text and the label in a record input."""

    text_column: str | None = None  # default: a column named like TEXT_NAMES, else the wordiest
    label_columns: tuple[str, ...] = ()
    skip_bad_records: bool = False


@dataclass(frozen=True)
class WriteOptions:
    """Where the corrected text goes in a record output."""

    replace: bool = False  # overwrite the text column instead of adding <name>_corrected
    count_column: bool = False  # also add <name>_corrections, the number of corrections


DEFAULT_READ = ReadOptions()
DEFAULT_WRITE = WriteOptions()


class Input:
    """An opened input.  ``records()`` may be iterated once; ``write`` consumes the pairs."""

    format: str = "text"
    binary_output: bool = False  # write() wants a binary file object
    text_column: str | None = None

    def __init__(self, name: str) -> None:
        self.name = name
        self.skipped: list[int] = []  # numbers of malformed records dropped
        self.notes: list[str] = []
        self.encoding = "utf-8"

    def records(self) -> Iterator[Record]:  # pragma: no cover - abstract
        raise NotImplementedError

    def close(self) -> None:
        """Release the input file (reading it to the end does too)."""
        source = getattr(self, "_source", None)
        if source is not None:
            source.lines.close()

    def write(
        self,
        pairs: Iterable[tuple[Record, Result]],
        out: IO[Any],
        options: WriteOptions = WriteOptions(),
    ) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    @property
    def output_encoding(self) -> str:
        return "utf-8-sig" if self.encoding == "utf-8-sig" else "utf-8"

    def _bad(self, number: int, message: str, skip: bool) -> None:
        if not skip:
            raise InputError(f"{self.name}:{number}: {message}")
        self.skipped.append(number)


def one_line(text: str) -> str:
    """``text`` with each line break made a space: a record stays one briefing paragraph."""
    return _LINE_BREAK.sub(" ", text)


def combine(pairs: Iterable[tuple[Record, Result]], source: str | None = None) -> Result:
    """One :class:`Result` for a whole record input: a paragraph (and a label) per record.

    The record texts must not contain line breaks (see :func:`one_line`).
    """
    originals: list[str] = []
    texts: list[str] = []
    labels: list[str | None] = []
    corrections: list[Correction] = []
    flags: list[Flag] = []
    unknown: list[Unknown] = []
    at = 0
    for record, result in pairs:
        originals.append(result.original)
        texts.append(result.text)
        labels.append(record.label)
        corrections.extend(_moved(c, at) for c in result.corrections)
        flags.extend(_moved(f, at) for f in result.flags)
        unknown.extend(_moved(u, at) for u in result.unknown)
        at += len(result.original) + 1
    return Result(
        original="\n".join(originals),
        text="\n".join(texts),
        corrections=tuple(corrections),
        flags=tuple(flags),
        unknown=tuple(unknown),
        source=source,
        labels=tuple(labels) if any(x is not None for x in labels) else (),
    )


def _moved(record: Any, by: int) -> Any:
    if not by:
        return record
    values = {f: getattr(record, f) for f in record.__slots__}
    values["start"] += by
    values["end"] += by
    return type(record)(**values)


def _label(values: Iterable[Any]) -> str | None:
    parts = [str(v) for v in values if v is not None and str(v) != ""]
    return LABEL_SEPARATOR.join(parts) if parts else None


def _guess_text_column(names: list[str], samples: list[list[Any]]) -> str | None:
    """A column named like text, else the one with the most words on average."""
    folded = {n.casefold(): n for n in reversed(names)}
    for want in TEXT_NAMES:
        if want in folded:
            return folded[want]
    best, best_words = None, 0.0
    for i, name in enumerate(names):
        values = [row[i] for row in samples if i < len(row) and isinstance(row[i], str)]
        if not values or not any(re.search(r"[^\W\d_]{2}", v) for v in values):
            continue
        words = sum(len(v.split()) for v in values) / len(samples or [1])
        if words > best_words:
            best, best_words = name, words
    return best


def _missing_column(name: str, column: str, available: Iterable[str], what: str = "column") -> None:
    listed = ", ".join(available) or "none"
    raise DataError(f"{name}: no {what} {column!r} (available: {listed})")


def _output_slots(
    header: list[str], text_idx: int, options: WriteOptions
) -> tuple[int, int | None]:
    """Where the corrected text and the count go; appends new column names to ``header``."""
    name = header[text_idx]

    def slot(column: str) -> int:
        if column in header:
            return header.index(column)
        header.append(column)
        return len(header) - 1

    target = text_idx if options.replace else slot(name + SUFFIX)
    count_at = slot(name + COUNT_SUFFIX) if options.count_column else None
    return target, count_at
