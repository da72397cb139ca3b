"""Plain text: one record per line, written back byte for byte outside the corrected words.

Lines of code blocks (fenced blocks in any text; indented code in Markdown, literal
blocks in reStructuredText: :mod:`normalize.codeblocks`) are records marked ``code``,
which the pipeline passes through untouched.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from ..codeblocks import Flavour, code_lines, flavour_of
from ..stream import Source, open_source
from .base import DEFAULT_WRITE, Input, Record, WriteOptions


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
        #: how code blocks are told (fences everywhere; Markdown and reST by their name)
        self.flavour: Flavour = flavour_of(path) if path != "-" else "text"

    @property
    def output_encoding(self) -> str:
        return "utf-8"  # text always comes out as UTF-8, as it always has

    def records(self) -> Iterator[Record]:
        if self._first is None:
            return
        lines = itertools.chain([self._first], self._source.lines)
        marked = code_lines(lines, self.flavour)
        for number, (line, ending, code) in enumerate(marked, start=1):
            size = len(line.encode("utf-8", "surrogateescape")) + len(ending)
            yield Record(number, line, None, ending, size, code)

    def write(self, pairs, out, options: WriteOptions = DEFAULT_WRITE) -> None:
        for record, result in pairs:
            out.write(result.text)
            out.write(record.fields)
