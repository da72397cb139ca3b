"""Code blocks in text read line by line: fenced blocks, Markdown indented code, and
reStructuredText literal blocks are left byte for byte as they are.

A file is corrected one line at a time, and a line cannot tell on its own that it lies
inside a fenced block (a line of code is often plain words: ``print the report``), so
:func:`code_lines` reads the lines in order and marks the code lines::

    for line, ending, code in code_lines(lines, flavour_of("README.md")):
        text = line if code else corrector.correct(line).text

The rules, by the kind of text (:func:`flavour_of` tells it by the file name):

* **every text** (``.txt``, stdin, Markdown, anything): a fence line (three or more
  backticks or tildes, after any indentation; a backtick fence has no backtick after its
  info string) opens a fenced block, which ends at a fence of the same character at
  least as long with nothing after it.  Forum posts and comment threads paste code
  between fences whatever the file is called, so fences count everywhere.  A fence that
  does not close within :data:`MAX_AHEAD_LINES` lines (a stray ````` in a comment)
  protects only its own paragraph, up to the first blank line: the rest of the text is
  still corrected.
* **Markdown** (``.md``, ``.markdown``, ...): also indented code blocks, lines indented
  by four or more columns after a blank line (beyond a list item's own indentation), as
  CommonMark reads them.  Plain text uses indentation for quotes and poems, so there
  indentation alone says nothing.
* **reStructuredText** (``.rst``): literal blocks, the lines indented under a paragraph
  ending in ``::`` or under a ``code-block``/``code``/``sourcecode`` directive.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import PurePath
from typing import Literal

Flavour = Literal["text", "markdown", "rst"]

#: How far ahead a fence looks for its closing fence (lines, and characters).
MAX_AHEAD_LINES = 2000
MAX_AHEAD_CHARS = 4 * 1024 * 1024

_MARKDOWN = {".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdx", ".rmd", ".qmd"}
_RST = {".rst", ".rest"}
_OPEN = re.compile(r"^[ \t]*(`{3,}(?=[^`]*$)|~{3,})")
_CLOSE = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*$")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_RST_CODE = re.compile(r"^[ \t]*\.\.[ \t]+(?:code-block|code|sourcecode|highlight)::")
_RST_DIRECTIVE = re.compile(r"^[ \t]*\.\.[ \t]+\S+::")


def flavour_of(path: str) -> Flavour:
    """The kind of text a file name says: ``markdown``, ``rst`` or plain ``text``."""
    suffix = PurePath(path).suffix.lower()
    if suffix in _MARKDOWN:
        return "markdown"
    if suffix in _RST:
        return "rst"
    return "text"


def _columns(line: str) -> int:
    """The indentation of ``line`` in columns (a tab to the next multiple of four)."""
    col = 0
    for ch in line:
        if ch == " ":
            col += 1
        elif ch == "\t":
            col += 4 - col % 4
        else:
            break
    return col


class _Lines:
    """An iterator of ``(line, ending)`` that lines can be pushed back into."""

    def __init__(self, lines: Iterable[tuple[str, str]]) -> None:
        self._it = iter(lines)
        self._back: deque[tuple[str, str]] = deque()

    def next(self) -> tuple[str, str] | None:
        if self._back:
            return self._back.popleft()
        return next(self._it, None)

    def push_back(self, lines: list[tuple[str, str]]) -> None:
        self._back.extendleft(reversed(lines))


def code_lines(
    lines: Iterable[tuple[str, str]], flavour: Flavour = "text"
) -> Iterator[tuple[str, str, bool]]:
    """``(line, ending, is_code)`` for each ``(line, ending)``, in order (see the module
    docstring for the rules).  Memory: at most :data:`MAX_AHEAD_LINES` lines ahead."""
    src = _Lines(lines)
    markdown, rst = flavour == "markdown", flavour == "rst"
    blank_before = True  # the previous line was blank (or there was none)
    list_col: int | None = None  # Markdown: the content column of the list in effect
    indented = False  # Markdown: inside an indented code block
    literal: int | None = None  # rst: a literal block follows, deeper than this column
    in_literal = False
    while (item := src.next()) is not None:
        line, ending = item
        blank = not line.strip()
        m = None if (indented or in_literal) else _OPEN.match(line)
        if m is not None:
            yield line, ending, True
            yield from _fenced(src, m.group(1))
            blank_before, literal = False, None
            continue
        if markdown:
            col = _columns(line)
            need = (list_col or 0) + 4
            if blank:  # nothing to correct in it either way
                yield line, ending, False
                blank_before = True
                continue
            if (indented or blank_before) and col >= need:
                indented = True
                yield line, ending, True
                blank_before = False
                continue
            indented = False
            item_match = _LIST_ITEM.match(line)
            if item_match is not None:
                list_col = len(item_match.group(0).expandtabs(4))
            elif col == 0 and blank_before:
                list_col = None  # a paragraph at the margin ends the list
        elif rst:
            col = _columns(line)
            if in_literal and (blank or col > (literal or 0)):
                yield line, ending, not blank
                continue
            in_literal = False
            if literal is not None and not blank:
                if col > literal:
                    in_literal = True
                    yield line, ending, True
                    continue
                literal = None
            if _RST_CODE.match(line):
                literal = col
                yield line, ending, True
                continue
            if line.rstrip().endswith("::") and not _RST_DIRECTIVE.match(line):
                literal = col
        blank_before = blank
        yield line, ending, False


def _fenced(src: _Lines, fence: str) -> Iterator[tuple[str, str, bool]]:
    """The lines after an opening ``fence``: all of them up to the closing fence, or, when
    none comes in reach, only the rest of the fence's paragraph (the others go back)."""
    ahead: list[tuple[str, str]] = []
    size = 0
    while len(ahead) < MAX_AHEAD_LINES and size < MAX_AHEAD_CHARS:
        item = src.next()
        if item is None:
            break
        ahead.append(item)
        size += len(item[0])
        m = _CLOSE.match(item[0])
        if m is not None and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
            for line, ending in ahead:
                yield line, ending, True
            return
    k = 0
    while k < len(ahead) and ahead[k][0].strip():
        yield ahead[k][0], ahead[k][1], True
        k += 1
    if k < len(ahead):
        src.push_back(ahead[k:])
        return
    while (item := src.next()) is not None:  # a paragraph longer than the look ahead
        if not item[0].strip():
            src.push_back([item])
            return
        yield item[0], item[1], True
