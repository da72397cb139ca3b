"""CSV and TSV with a header row.

CSV follows RFC 4180 as Python's ``csv`` module reads it; on output every value that
holds the delimiter, a quote, CR or LF is quoted (Python 3.11's writer leaves a bare CR
unquoted when the line terminator is LF, which splits the row for the next reader).
TSV (``.tsv``, ``.tab``, ``--input-format tsv``) has no quoting at all (IANA's
``text/tab-separated-values``): a field is everything between two tabs, and it is
written back exactly as it was read.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator

from ..errors import DataError, InputError
from ..stream import open_source
from .base import (
    _SAMPLE,
    DEFAULT_WRITE,
    Input,
    ReadOptions,
    Record,
    WriteOptions,
    _guess_text_column,
    _label,
    _missing_column,
    _output_slots,
)


class CsvInput(Input):
    """CSV or TSV with a header row; the dialect is read off the header line."""

    format = "csv"

    def __init__(self, path: str, options: ReadOptions, delimiter: str | None = None) -> None:
        _raise_field_limit()
        self._source = open_source(path)
        try:
            self._open(path, options, delimiter)
        except BaseException:
            self.close()
            raise

    def _open(self, path: str, options: ReadOptions, delimiter: str | None) -> None:
        super().__init__(self._source.name)
        self.format = "tsv" if delimiter == "\t" else "csv"
        self.encoding = self._source.encoding
        self.notes = list(self._source.notes)
        self.size = self._source.size
        self.options = options
        self._lines = self._source.lines
        first = next(self._lines, None)
        if first is None:
            raise InputError(f"{self.name}: empty file, no header row")
        head, ending = first
        self.delimiter = delimiter or _sniff_delimiter(head)
        self.lineterminator = ending or "\r\n"
        self.literal = self.format == "tsv"  # TSV: no quoting, fields as they are
        if self.literal:
            self.header = head.split("\t")
            self.quote_all = False
        else:
            try:
                self.header = next(csv.reader([head], delimiter=self.delimiter, strict=True))
            except (csv.Error, StopIteration) as exc:
                raise InputError(f"{self.name}:1: malformed header row ({exc})") from None
            quoted = self.delimiter.join('"' + h.replace('"', '""') + '"' for h in self.header)
            self.quote_all = head == quoted and bool(self.header)
        self._header_size = len(head.encode("utf-8", "surrogateescape")) + len(ending)
        for label in options.label_columns:
            if label not in self.header:
                _missing_column(self.name, label, self.header)
        self._label_idx = [self.header.index(c) for c in options.label_columns]
        self._rows = self._read_rows()
        self._buffer: list[tuple[int, list[str], int]] = []
        if options.text_column is not None:
            if options.text_column not in self.header:
                _missing_column(self.name, options.text_column, self.header)
            self.text_column = options.text_column
        else:
            for item in self._rows:
                self._buffer.append(item)
                if len(self._buffer) >= _SAMPLE:
                    break
            self.text_column = _guess_text_column(self.header, [r for _, r, _ in self._buffer])
            if self.text_column is None:
                raise DataError(
                    f"{self.name}: no text-like column; name one with --text-column "
                    f"(available: {', '.join(self.header)})"
                )
        self._text_idx = self.header.index(self.text_column)

    def _read_rows(self) -> Iterator[tuple[int, list[str], int]]:
        """``(first line, row, bytes)`` for each well-formed data row; blank lines skipped."""
        if self.literal:
            yield from self._read_tsv()
            return
        sizes: list[int] = []

        def lines() -> Iterator[str]:
            for line, ending in self._lines:
                sizes.append(len(line.encode("utf-8", "surrogateescape")) + len(ending))
                yield line + ending

        reader = csv.reader(lines(), delimiter=self.delimiter, strict=True)
        width = len(self.header)
        while True:
            start = reader.line_num + 2  # the header line was read apart
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                sizes.clear()
                self._bad(start, f"malformed CSV ({exc})", self.options.skip_bad_records)
                continue
            size = sum(sizes)
            sizes.clear()
            if not row:
                continue
            if len(row) != width:
                self._bad(
                    start,
                    f"expected {width} fields, found {len(row)}",
                    self.options.skip_bad_records,
                )
                continue
            yield start, row, size

    def _read_tsv(self) -> Iterator[tuple[int, list[str], int]]:
        width = len(self.header)
        for number, (line, ending) in enumerate(self._lines, start=2):
            if not line:
                continue
            row = line.split("\t")
            if len(row) != width:
                message = f"expected {width} fields, found {len(row)}"
                self._bad(number, message, self.options.skip_bad_records)
                continue
            yield number, row, len(line.encode("utf-8", "surrogateescape")) + len(ending)

    def records(self) -> Iterator[Record]:
        first = True
        buffered, self._buffer = self._buffer, []
        for source in (buffered, self._rows):
            for number, row, size in source:
                if first:
                    size += self._header_size
                    first = False
                label = _label(row[i] for i in self._label_idx) if self._label_idx else None
                yield Record(number, row[self._text_idx], label, row, size)

    def write(self, pairs, out, options: WriteOptions = DEFAULT_WRITE) -> None:
        header = list(self.header)
        target, count_at = _output_slots(header, self._text_idx, options)
        end = self.lineterminator
        out.write(self._format(header) + end)
        for record, result in pairs:
            row = list(record.fields)
            row += [""] * (len(header) - len(row))
            row[target] = result.text
            if count_at is not None:
                row[count_at] = str(len(result.corrections))
            out.write(self._format(row) + end)

    def _format(self, row: list[str]) -> str:
        """One row as text, without its line ending."""
        if self.literal:
            return "\t".join(row)
        d = self.delimiter
        if len(row) == 1 and not row[0]:
            return '""'  # a lone empty field must not read back as a blank line
        return d.join(
            '"' + v.replace('"', '""') + '"'
            if self.quote_all or d in v or any(c in v for c in _SPECIAL)
            else v
            for v in row
        )


_SPECIAL = '"\r\n'


def _sniff_delimiter(header_line: str) -> str:
    """The most frequent of ``, ; TAB |`` outside quotes in the header line (default comma)."""
    bare = re.sub(r'"(?:[^"]|"")*"', "", header_line)
    counts = {d: bare.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _raise_field_limit() -> None:
    """Python's csv refuses fields over 131,072 characters by default; a comment may be a
    whole document, and memory is bounded by the record anyway."""
    if csv.field_size_limit() < sys.maxsize:
        limit = sys.maxsize
        while True:  # sys.maxsize overflows a C long on some platforms
            try:
                csv.field_size_limit(limit)
                return
            except OverflowError:
                limit //= 2
