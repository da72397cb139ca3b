"""Readers and writers for the inputs comments arrive in: text, CSV/TSV, JSON Lines, DOCX, Parquet.

An input is opened with :func:`open_input`; it yields :class:`Record` objects lazily (one
line of text, one CSV row, one JSON object, one Word paragraph, one Parquet row) and
writes the same format back from ``(record, result)`` pairs, every other field untouched:

>>> inp = open_input("comments.csv", ReadOptions(text_column="body"))
>>> with open("out.csv", "w", encoding="utf-8", newline="") as fh:
...     inp.write(((r, corrector.correct(r.text)) for r in inp.records()), fh)

* text (``.txt``, ``.md``, anything unknown, stdin): one record per line, written back
  byte for byte outside the corrected words (the streaming path of :mod:`.stream`).
* CSV/TSV: the first row is the header.  Delimiter, quoting style (minimal or all) and line
  terminator are taken from the header line; values come back identical, the corrected
  text goes into a new last column ``<column>_corrected`` (or replaces the column).
* JSON Lines: each object is re-emitted from its original line with only the target
  field replaced or the new field spliced in after the last one, so key order, spacing,
  number formatting (``1.50``, ``1e5``) and escapes of every other field stay as they were.
* DOCX: a copy of the document with paragraph texts corrected run by run, so character
  formatting survives; see :class:`DocxInput`.
* Parquet (needs ``pyarrow``: ``pip install 'redline[parquet]'``): read and written batch
  by batch; the new column is appended to the schema.

Malformed CSV rows and JSON lines raise ``InputError("FILE:LINE: ...")`` unless
``skip_bad_records`` is set; then they are dropped and counted in ``Input.skipped``.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from json.decoder import JSONDecodeError, scanstring
from pathlib import Path
from typing import IO, Any

from .errors import InputError, RedlineError
from .records import Correction, Flag, Result, Unknown
from .stream import Source, open_source

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


def detect_format(path: str, override: str | None = None) -> str:
    """The format of ``path``: ``override`` if given, else by extension (default text)."""
    if override and override != "auto":
        if override not in FORMATS:
            raise RedlineError(f"unknown input format {override!r} (use {', '.join(FORMATS)})")
        return override
    return _EXTENSIONS.get(Path(path).suffix.lower(), "text")


def open_input(path: str, options: ReadOptions = ReadOptions(), fmt: str | None = None) -> Input:
    """Open ``path`` (``-`` is stdin) as the format its extension (or ``fmt``) names."""
    kind = detect_format(path, fmt)
    if kind != "text" and path != "-" and Path(path).is_dir():
        raise InputError(f"{path}: is a directory, not a file")
    if kind == "text":
        if options.label_columns:
            raise RedlineError(f"{path}: --label-column needs a CSV, JSONL or Parquet input")
        return TextInput(path)
    if kind in ("csv", "tsv"):
        return CsvInput(path, options, delimiter="\t" if kind == "tsv" else None)
    if kind == "jsonl":
        return JsonlInput(path, options)
    if kind == "docx":
        if options.label_columns:
            raise RedlineError(f"{path}: --label-column needs a CSV, JSONL or Parquet input")
        return DocxInput(path)
    return ParquetInput(path, options)


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
    raise RedlineError(f"{name}: no {what} {column!r} (available: {listed})")


# --------------------------------------------------------------------------- text


class TextInput(Input):
    """Plain text, one record per line; the line ending travels in ``Record.fields``."""

    format = "text"

    def __init__(self, path: str) -> None:
        self._source: Source = open_source(path)
        super().__init__(self._source.name)
        self.encoding = self._source.encoding
        self.notes = list(self._source.notes)
        self.size = self._source.size
        self._first = next(self._source.lines, None)  # started, so close() releases the file

    @property
    def output_encoding(self) -> str:
        return "utf-8"  # text always comes out as UTF-8, as it always has

    def records(self) -> Iterator[Record]:
        if self._first is None:
            return
        lines = itertools.chain([self._first], self._source.lines)
        for number, (line, ending) in enumerate(lines, start=1):
            size = len(line.encode("utf-8", "surrogateescape")) + len(ending)
            yield Record(number, line, None, ending, size)

    def write(self, pairs, out, options=WriteOptions()) -> None:
        for record, result in pairs:
            out.write(result.text)
            out.write(record.fields)


# --------------------------------------------------------------------------- CSV


class CsvInput(Input):
    """CSV or TSV with a header row; the dialect is read off the header line."""

    format = "csv"

    def __init__(self, path: str, options: ReadOptions, delimiter: str | None = None) -> None:
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
        try:
            self.header = next(csv.reader([head], delimiter=self.delimiter, strict=True))
        except (csv.Error, StopIteration) as exc:
            raise InputError(f"{self.name}:1: malformed header row ({exc})") from None
        quoted = self.delimiter.join('"' + h.replace('"', '""') + '"' for h in self.header)
        self.quoting = csv.QUOTE_ALL if head == quoted and self.header else csv.QUOTE_MINIMAL
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
                raise RedlineError(
                    f"{self.name}: no text-like column; name one with --text-column "
                    f"(available: {', '.join(self.header)})"
                )
        self._text_idx = self.header.index(self.text_column)

    def _read_rows(self) -> Iterator[tuple[int, list[str], int]]:
        """``(first line, row, bytes)`` for each well-formed data row; blank lines skipped."""
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

    def write(self, pairs, out, options=WriteOptions()) -> None:
        writer = csv.writer(
            out, delimiter=self.delimiter, quoting=self.quoting, lineterminator=self.lineterminator
        )
        header = list(self.header)
        target, count_at = _output_slots(header, self._text_idx, options)
        writer.writerow(header)
        for record, result in pairs:
            row = list(record.fields)
            row += [""] * (len(header) - len(row))
            row[target] = result.text
            if count_at is not None:
                row[count_at] = str(len(result.corrections))
            writer.writerow(row)


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


def _sniff_delimiter(header_line: str) -> str:
    """The most frequent of ``, ; TAB |`` outside quotes in the header line (default comma)."""
    bare = re.sub(r'"(?:[^"]|"")*"', "", header_line)
    counts = {d: bare.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


# --------------------------------------------------------------------------- JSON Lines

_DECODER = json.JSONDecoder()
_WS = re.compile(r"[ \t\n\r]*")


@dataclass
class _JsonLine:
    """A JSON object line and where each top-level value sits in it."""

    line: str
    values: dict[str, Any]
    spans: dict[str, tuple[int, int]]
    last_end: int  # end of the last value (or the position of "}" for {})
    key_sep: str = ": "
    item_sep: str = ", "
    ascii: bool = True


def _scan_object(line: str) -> _JsonLine:
    """Parse one JSON object, remembering the span of every top-level value."""
    i = _WS.match(line, 0).end()  # type: ignore[union-attr]
    if line[i : i + 1] != "{":
        raise ValueError("not a JSON object")
    values: dict[str, Any] = {}
    spans: dict[str, tuple[int, int]] = {}
    key_sep = item_sep = None
    i = _WS.match(line, i + 1).end()  # type: ignore[union-attr]
    last_end = i
    if line[i : i + 1] != "}":
        while True:
            if line[i : i + 1] != '"':
                raise ValueError(f"expected a key in double quotes (column {i + 1})")
            key, j = scanstring(line, i + 1)
            k = _WS.match(line, j).end()  # type: ignore[union-attr]
            if line[k : k + 1] != ":":
                raise ValueError(f"expected ':' (column {k + 1})")
            v = _WS.match(line, k + 1).end()  # type: ignore[union-attr]
            value, end = _DECODER.raw_decode(line, v)
            key_sep = key_sep if key_sep is not None else line[j:v]
            values[key] = value
            spans[key] = (v, end)
            last_end = end
            i = _WS.match(line, end).end()  # type: ignore[union-attr]
            if line[i : i + 1] == ",":
                n = _WS.match(line, i + 1).end()  # type: ignore[union-attr]
                item_sep = item_sep if item_sep is not None else line[end:n]
                i = n
                continue
            if line[i : i + 1] == "}":
                break
            raise ValueError(f"expected ',' or '}}' (column {i + 1})")
    if line[i + 1 :].strip(" \t\r\n"):
        raise ValueError(f"extra data after the object (column {i + 2})")
    if key_sep is None:
        key_sep = ": "
    if item_sep is None:
        item_sep = "," + (" " if key_sep.endswith(" ") else "")
    return _JsonLine(line, values, spans, last_end, key_sep, item_sep, line.isascii())


class JsonlInput(Input):
    """JSON Lines: one object a line; blank lines are skipped."""

    format = "jsonl"

    def __init__(self, path: str, options: ReadOptions) -> None:
        self._source = open_source(path)
        try:
            self._open(options)
        except BaseException:
            self.close()
            raise

    def _open(self, options: ReadOptions) -> None:
        super().__init__(self._source.name)
        self.encoding = self._source.encoding
        self.notes = list(self._source.notes)
        self.size = self._source.size
        self.options = options
        self._objects = self._read()
        self._buffer: list[tuple[int, _JsonLine, int]] = []
        for item in self._objects:
            self._buffer.append(item)
            if len(self._buffer) >= (1 if options.text_column else _SAMPLE):
                break
        keys: list[str] = []
        for _, obj, _ in self._buffer:
            keys += [k for k in obj.values if k not in keys]
        first_keys = list(self._buffer[0][1].values) if self._buffer else keys
        for label in options.label_columns:
            if self._buffer and label not in first_keys:
                _missing_column(self.name, label, first_keys, "field")
        if options.text_column is not None:
            if self._buffer and options.text_column not in first_keys:
                _missing_column(self.name, options.text_column, first_keys, "field")
            self.text_column = options.text_column
        elif self._buffer:
            samples = [[o.values.get(k) for k in keys] for _, o, _ in self._buffer]
            self.text_column = _guess_text_column(keys, samples)
            if self.text_column is None:
                raise RedlineError(
                    f"{self.name}: no text-like field; name one with "
                    f"--text-field (available: {', '.join(keys)})"
                )

    def _read(self) -> Iterator[tuple[int, _JsonLine, int]]:
        for number, (line, ending) in enumerate(self._source.lines, start=1):
            size = len(line.encode("utf-8", "surrogateescape")) + len(ending)
            if not line.strip():
                continue
            try:
                obj = _scan_object(line)
            except JSONDecodeError as exc:
                self._bad(
                    number,
                    f"malformed JSON ({exc.msg}, column {exc.colno})",
                    self.options.skip_bad_records,
                )
                continue
            except ValueError as exc:
                self._bad(number, f"malformed JSON ({exc})", self.options.skip_bad_records)
                continue
            yield number, obj, size

    def records(self) -> Iterator[Record]:
        buffered, self._buffer = self._buffer, []
        labels = self.options.label_columns
        for source in (buffered, self._objects):
            for number, obj, size in source:
                value = obj.values.get(self.text_column)  # type: ignore[arg-type]
                text = value if isinstance(value, str) else ""
                label = _label(obj.values.get(k) for k in labels) if labels else None
                yield Record(number, text, label, obj, size)

    def write(self, pairs, out, options=WriteOptions()) -> None:
        name = self.text_column or ""
        for record, result in pairs:
            obj: _JsonLine = record.fields
            is_text = isinstance(obj.values.get(name), str)
            edits: dict[str, str] = {}
            if options.replace:
                if is_text:
                    edits[name] = _dump(result.text, obj.ascii)
            else:
                edits[name + SUFFIX] = _dump(result.text, obj.ascii) if is_text else "null"
            if options.count_column:
                edits[name + COUNT_SUFFIX] = str(len(result.corrections)) if is_text else "null"
            out.write(_splice(obj, edits))
            out.write("\n")


def _dump(value: str, ascii_only: bool) -> str:
    return json.dumps(value, ensure_ascii=ascii_only)


def _splice(obj: _JsonLine, edits: dict[str, str]) -> str:
    """The original line with these fields' values replaced, or added after the last one."""
    line = obj.line
    replace = sorted(((obj.spans[k], v) for k, v in edits.items() if k in obj.spans), reverse=True)
    added = [(k, v) for k, v in edits.items() if k not in obj.spans]
    if added:
        text = obj.item_sep.join(_dump(k, obj.ascii) + obj.key_sep + v for k, v in added)
        at = obj.last_end
        line = line[:at] + (obj.item_sep if obj.spans else "") + text + line[at:]
    for (s, e), v in replace:  # all before last_end, right to left
        line = line[:s] + v + line[e:]
    return line


# --------------------------------------------------------------------------- DOCX


class DocxInput(Input):
    """A Word document: one record per non-empty paragraph, tables included, in order.

    The copy written back keeps every paragraph and run.  A corrected word goes into the
    run where it starts and any of its characters in later runs are removed, so bold,
    italic and the like survive wherever a correction lies within one run.  When the runs
    do not add up to the paragraph's text (fields, content controls), the corrected text
    goes into the first run and the others are emptied.
    """

    format = "docx"
    binary_output = True

    def __init__(self, path: str) -> None:
        super().__init__(path)
        from docx import Document
        from docx.opc.exceptions import PackageNotFoundError

        try:
            self.document = Document(path)
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except PackageNotFoundError:
            raise InputError(f"{path}: not a Word (.docx) document") from None
        except PermissionError:
            raise InputError(f"{path}: permission denied") from None
        except Exception as exc:  # zipfile.BadZipFile, KeyError, XML errors
            raise InputError(f"{path}: not a readable Word document ({exc})") from None

    def records(self) -> Iterator[Record]:
        number = 0
        for paragraph in _docx_paragraphs(self.document, set()):
            number += 1
            text = paragraph.text
            if text.strip():
                yield Record(number, text, None, paragraph, len(text))

    def write(self, pairs, out, options=WriteOptions()) -> None:
        for record, result in pairs:
            if result.corrections:
                _rewrite_runs(record.fields, result)
        self.document.save(out)


def _docx_paragraphs(container: Any, seen: set) -> Iterator[Any]:
    from docx.text.paragraph import Paragraph

    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block
            continue
        for row in block.rows:
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell repeats
                    continue
                seen.add(id(cell._tc))
                yield from _docx_paragraphs(cell, seen)


def _rewrite_runs(paragraph: Any, result: Result) -> None:
    runs = []
    for item in paragraph.iter_inner_content():
        runs.extend(getattr(item, "runs", None) or [item])
    if not runs:
        return
    if "".join(r.text for r in runs) != result.original:
        runs[0].text = result.text
        for r in runs[1:]:
            r.text = ""
        return
    corrections = list(result.corrections)
    pos = 0
    for n, run in enumerate(runs):
        old = run.text
        s, e = pos, pos + len(old)
        last = n == len(runs) - 1
        pieces: list[str] = []
        cursor = s
        for c in corrections:
            if c.end <= s or c.start > e or (c.start == e and not last):
                continue
            if cursor < c.start:
                pieces.append(old[cursor - s : c.start - s])
            if c.start >= s:
                pieces.append(c.replacement)
            cursor = max(cursor, min(c.end, e))
        if cursor < e:
            pieces.append(old[cursor - s :])
        new = "".join(pieces)
        if new != old:
            run.text = new
        pos = e


# --------------------------------------------------------------------------- Parquet


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise RedlineError("Parquet needs pyarrow: pip install 'redline[parquet]'") from None
    return pa, pq


class ParquetInput(Input):
    """A Parquet file, read and written in record batches; the new column goes last."""

    format = "parquet"
    binary_output = True
    batch_size = 4096

    def __init__(self, path: str, options: ReadOptions) -> None:
        super().__init__(path)
        pa, pq = _pyarrow()
        self._pa = pa
        try:
            self.file = pq.ParquetFile(path)
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except PermissionError:
            raise InputError(f"{path}: permission denied") from None
        except (pa.ArrowException, OSError) as exc:
            raise InputError(f"{path}: not a readable Parquet file ({exc})") from None
        self.schema = self.file.schema_arrow
        names = list(self.schema.names)
        self.options = options
        for label in options.label_columns:
            if label not in names:
                _missing_column(path, label, names)
        strings = [f.name for f in self.schema if _is_string(pa, f.type)]
        if options.text_column is not None:
            if options.text_column not in names:
                _missing_column(path, options.text_column, names)
            if options.text_column not in strings:
                t = self.schema.field(options.text_column).type
                raise RedlineError(f"{path}: column {options.text_column!r} is {t}, not text")
            self.text_column = options.text_column
        else:
            sample: list[list[Any]] = []
            if self.file.metadata.num_rows:
                batch = next(self.file.iter_batches(batch_size=_SAMPLE, columns=strings))
                cols = [batch.column(i).to_pylist() for i in range(len(strings))]
                sample = [list(row) for row in zip(*cols)]
            self.text_column = _guess_text_column(strings, sample)
            if self.text_column is None:
                raise RedlineError(
                    f"{path}: no text column; name one with --text-column "
                    f"(available: {', '.join(names)})"
                )
        self.size = self.file.metadata.num_rows

    def records(self) -> Iterator[Record]:
        number = 0
        labels = self.options.label_columns
        for batch in self.file.iter_batches(batch_size=self.batch_size):
            texts = batch.column(self.text_column).to_pylist()
            label_values = [batch.column(c).to_pylist() for c in labels]
            for i, text in enumerate(texts):
                number += 1
                label = _label(v[i] for v in label_values) if labels else None
                yield Record(number, text or "", label, (batch, i, text is None), 1)

    def write(self, pairs, out, options=WriteOptions()) -> None:
        pa = self._pa
        import pyarrow.parquet as pq

        names = list(self.schema.names)
        text_idx = names.index(self.text_column)
        text_type = self.schema.field(text_idx).type
        header = list(names)
        target, count_at = _output_slots(header, text_idx, options)
        fields = list(self.schema)
        if target >= len(fields):
            fields.append(pa.field(header[target], text_type))
        if count_at is not None and count_at >= len(fields):
            fields.append(pa.field(header[count_at], pa.int64()))
        schema = pa.schema(fields, metadata=self.schema.metadata)
        meta = self.file.metadata
        compression = "snappy"
        if meta.num_row_groups and meta.num_columns:
            compression = meta.row_group(0).column(0).compression.lower()
            if compression == "uncompressed":
                compression = "none"

        with pq.ParquetWriter(out, schema, compression=compression) as writer:
            batch, texts, counts = None, [], []

            def flush() -> None:
                if batch is None:
                    return
                columns = list(batch.columns) + [None] * (len(fields) - batch.num_columns)
                columns[target] = pa.array(texts, type=text_type)
                if count_at is not None:
                    columns[count_at] = pa.array(counts, type=pa.int64())
                writer.write_batch(pa.RecordBatch.from_arrays(columns, schema=schema))

            for record, result in pairs:
                b, _i, is_null = record.fields
                if b is not batch:
                    flush()
                    batch, texts, counts = b, [], []
                texts.append(None if is_null else result.text)
                counts.append(None if is_null else len(result.corrections))
            flush()


def _is_string(pa: Any, t: Any) -> bool:
    return pa.types.is_string(t) or pa.types.is_large_string(t)


__all__ = [
    "FORMATS",
    "CsvInput",
    "DocxInput",
    "Input",
    "JsonlInput",
    "ParquetInput",
    "ReadOptions",
    "Record",
    "TextInput",
    "WriteOptions",
    "combine",
    "detect_format",
    "one_line",
    "open_input",
]
