"""Word documents: paragraphs corrected run by run, so formatting survives."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..errors import InputError
from ..records import Result
from .base import DEFAULT_WRITE, Input, Record, WriteOptions


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

    def write(self, pairs, out, options: WriteOptions = DEFAULT_WRITE) -> None:
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
