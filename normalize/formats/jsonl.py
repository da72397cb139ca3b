"""JSON Lines: each object re-emitted from its own line, only the target field changed."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from json.decoder import JSONDecodeError, scanstring
from typing import Any

from ..errors import DataError
from ..stream import open_source
from .base import (
    _SAMPLE,
    COUNT_SUFFIX,
    DEFAULT_WRITE,
    SUFFIX,
    Input,
    ReadOptions,
    Record,
    WriteOptions,
    _guess_text_column,
    _label,
    _missing_column,
)

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
                raise DataError(
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

    def write(self, pairs, out, options: WriteOptions = DEFAULT_WRITE) -> None:
        name = self.text_column or ""
        for record, result in pairs:
            obj: _JsonLine = record.fields
            is_text = isinstance(obj.values.get(name), str)
            edits: dict[str, str] = {}
            if options.replace:
                if is_text:
                    edits[name] = _dump(result.text, obj.ascii, obj.line)
            else:
                edits[name + SUFFIX] = (
                    _dump(result.text, obj.ascii, obj.line) if is_text else "null"
                )
            if options.count_column:
                edits[name + COUNT_SUFFIX] = str(len(result.corrections)) if is_text else "null"
            out.write(_splice(obj, edits))
            out.write("\n")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _dump(value: str, ascii_only: bool, line: str = "") -> str:
    """``value`` as a JSON string, in the line's style (ASCII escapes or UTF-8).

    A lone surrogate is written back the way it came: a stray byte of the input
    (``surrogateescape``, present in ``line`` as is) as that byte, anything else (an
    escaped ``\\udc80`` or ``\\ud800``) as its escape, so the output is valid UTF-8.
    """
    text = json.dumps(value, ensure_ascii=ascii_only)
    if ascii_only or not _SURROGATE.search(text):
        return text

    def escape(m: re.Match[str]) -> str:
        ch = m.group()
        if "\udc80" <= ch <= "\udcff" and ch in line:
            return ch
        return f"\\u{ord(ch):04x}"

    return _SURROGATE.sub(escape, text)


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
