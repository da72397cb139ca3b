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

from pathlib import Path

from ..errors import InputError, UsageError
from .base import (
    _EXTENSIONS,
    COUNT_SUFFIX,
    DEFAULT_READ,
    FORMATS,
    LABEL_SEPARATOR,
    SUFFIX,
    TEXT_NAMES,
    Input,
    ReadOptions,
    Record,
    WriteOptions,
    combine,
    one_line,
)


def detect_format(path: str, override: str | None = None) -> str:
    """The format of ``path``: ``override`` if given, else by extension (default text)."""
    if override and override != "auto":
        if override not in FORMATS:
            raise UsageError(f"unknown input format {override!r} (use {', '.join(FORMATS)})")
        return override
    return _EXTENSIONS.get(Path(path).suffix.lower(), "text")


def open_input(path: str, options: ReadOptions = DEFAULT_READ, fmt: str | None = None) -> Input:
    """Open ``path`` (``-`` is stdin) as the format its extension (or ``fmt``) names."""
    kind = detect_format(path, fmt)
    if kind != "text" and path != "-" and Path(path).is_dir():
        raise InputError(f"{path}: is a directory, not a file")
    if kind == "text":
        if options.label_columns:
            raise UsageError(f"{path}: --label-column needs a CSV, JSONL or Parquet input")
        from .text import TextInput

        return TextInput(path)
    if kind in ("csv", "tsv"):
        from .csv import CsvInput

        return CsvInput(path, options, delimiter="\t" if kind == "tsv" else None)
    if kind == "jsonl":
        from .jsonl import JsonlInput

        return JsonlInput(path, options)
    if kind == "docx":
        if options.label_columns:
            raise UsageError(f"{path}: --label-column needs a CSV, JSONL or Parquet input")
        from .docx import DocxInput

        return DocxInput(path)
    from .parquet import ParquetInput

    return ParquetInput(path, options)


__all__ = [
    "COUNT_SUFFIX",
    "FORMATS",
    "LABEL_SEPARATOR",
    "SUFFIX",
    "TEXT_NAMES",
    "Input",
    "ReadOptions",
    "Record",
    "WriteOptions",
    "combine",
    "detect_format",
    "one_line",
    "open_input",
]
