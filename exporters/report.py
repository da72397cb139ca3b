"""The JSON report, ``redline-report/1``: one schema for every command.

Every correction, flag and unknown word of every source, with the counts and the
groupings a briefing shows.  The schema ships beside this module
(``report.schema.json``, see :func:`report_schema`).

Offsets (``start``/``end``) are character offsets into each source's text (for a record
input: its records' texts joined by line breaks, as :func:`normalize.formats.combine`
does); ``paragraph`` is the 1-based paragraph (row) a briefing shows, ``column`` the
1-based character position in it, ``line`` the input's own line or row number when the
reader gave one.

Two ways to make one: :func:`report_document` from whole results (``brief``), or a
:class:`ReportBuilder` fed paragraph by paragraph, so that a streaming command
(``correct``, ``check``) never holds a whole file.  Both give the same document.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from normalize.io import atomic_writer
from normalize.records import Result

from .options import BriefOptions
from .summary import (
    _group,
    as_results,
    category,
    clean,
    count_forbidden,
    source_name,
)

__all__ = [
    "SCHEMA",
    "ReportBuilder",
    "build_report",
    "export_report",
    "report_document",
    "report_schema",
    "write_report",
]

SCHEMA = "redline-report/1"
SOURCE_FIELDS = ("encoding", "format", "text_column", "output")


@functools.cache
def _schema_text() -> str:
    from importlib import resources

    return resources.files("exporters").joinpath("report.schema.json").read_text("utf-8")


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``redline-report/1``, shipped in the package."""
    return json.loads(_schema_text())


def _ranked(counts: Counter[str]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _fields(record: Any) -> dict[str, Any]:
    """A record's ``to_dict()``, without ``dataclasses.asdict``'s deep copies (its fields
    are plain values)."""
    return {f: getattr(record, f) for f in record.__slots__}


class _Source:
    """What a report holds about one source, filled paragraph by paragraph."""

    def __init__(self, position: int, source: str | None, name: str | None, info: Mapping) -> None:
        self.source = source
        self.name = (
            name if name is not None else source_name(Result("", "", source=source), position)
        )
        self.info = {k: info[k] for k in SOURCE_FIELDS if info.get(k) is not None}
        self.meta: dict[str, Any] = dict(info.get("meta") or {})
        self.paragraphs = self.changed = self.words = self.removed = 0
        self.has_text = False
        self.offset = 0  # where the next paragraph starts, when the caller does not say
        self.corrections: list[dict[str, Any]] = []
        self.flags: list[dict[str, Any]] = []
        self.unknown: list[dict[str, Any]] = []
        self.labels: list[str | None] = []
        self.records: list[tuple[str, str, str, float, str]] = []  # for the groupings
        self.flag_records: list[tuple[str, str, str, float, str]] = []
        self.unknown_words: list[str] = []

    def add(
        self, r: Result, paragraph: int, offset: int, line: int | None, label: str | None
    ) -> None:
        self.paragraphs += 1
        self.changed += bool(r.corrections or r.flags)
        self.words += r.word_count()
        self.has_text = self.has_text or bool(r.original.strip())
        before = count_forbidden(r.original)
        self.removed += before + max(0, count_forbidden(r.text) - before)
        self.labels.append(label)
        for records, out in ((r.corrections, self.corrections), (r.flags, self.flags)):
            for c in records:
                d = _fields(c)
                d["start"] += offset
                d["end"] += offset
                d["category"] = category(c.kind, c.reason)
                d["paragraph"] = paragraph
                d["column"] = c.start + 1
                if line is not None:
                    d["line"] = line
                out.append(d)
        for u in r.unknown:
            d = _fields(u)
            d["start"] += offset
            d["end"] += offset
            d["paragraph"] = paragraph
            d["column"] = u.start + 1
            if line is not None:
                d["line"] = line
            self.unknown.append(d)
            self.unknown_words.append(clean(u.word))
        self.records += [
            (c.original, c.replacement, c.kind, c.confidence, c.reason) for c in r.corrections
        ]
        self.flag_records += [
            (f.original, f.suggestion, f.kind, f.confidence, f.reason) for f in r.flags
        ]

    def summary(self) -> dict[str, int]:
        empty = not self.has_text
        return {
            "paragraphs": 0 if empty else self.paragraphs,
            "changed_paragraphs": self.changed,
            "words": self.words,
            "corrections": len(self.corrections),
            "flags": len(self.flags),
            "unknown": len(self.unknown),
            "removed_chars": self.removed,
        }

    def document(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "name": self.name,
            **self.info,
            "summary": self.summary(),
            "corrections": self.corrections,
            "flags": self.flags,
            "unknown": self.unknown,
            "labels": self.labels if any(x is not None for x in self.labels) else [],
            "meta": self.meta,
        }


class ReportBuilder:
    """A ``redline-report/1`` document built source by source, paragraph by paragraph.

    >>> b = ReportBuilder(options, command="correct")
    >>> b.begin("memo.txt", encoding="utf-8")
    >>> for number, result in enumerate(results_per_line, 1):
    ...     b.add(result, line=number)
    >>> write_report(b.document(), "report.json")

    Each :meth:`add` takes the :class:`Result` of one paragraph (offsets relative to it).
    ``offset`` is where that paragraph starts in the source's text; by default the
    paragraphs are taken to be joined by one line break each.
    """

    def __init__(self, options: BriefOptions | None = None, command: str | None = None) -> None:
        self.options = options
        self.command = command
        self._sources: list[_Source] = []

    def begin(
        self,
        source: str | None,
        *,
        name: str | None = None,
        encoding: str | None = None,
        format: str | None = None,
        text_column: str | None = None,
        output: str | None = None,
        meta: Mapping[str, Any] | None = None,
    ) -> None:
        """Start a new source (a file, or ``None`` for text given directly)."""
        info = {
            "encoding": encoding,
            "format": format,
            "text_column": text_column,
            "output": output,
            "meta": meta,
        }
        self._sources.append(_Source(len(self._sources), source, name, info))

    def add(
        self,
        result: Result,
        *,
        offset: int | None = None,
        line: int | None = None,
        label: str | None = None,
    ) -> None:
        """Add the next paragraph (record) of the current source."""
        if not self._sources:
            self.begin(result.source)
        s = self._sources[-1]
        at = s.offset if offset is None else offset
        s.add(result, s.paragraphs + 1, at, line, label)
        s.offset = at + len(result.original) + 1

    def add_result(self, result: Result, **info: Any) -> None:
        """Add a whole source: ``result``'s paragraphs, with their labels."""
        self.begin(result.source, meta=result.meta, **info)
        for p in result.paragraphs():
            sub = Result(p.original, p.corrected, p.corrections, p.flags, p.unknown)
            self.add(sub, offset=p.start, label=p.label)

    def document(self) -> dict[str, Any]:
        """The report as a JSON-ready dictionary."""
        o = self.options
        sources = [s.document() for s in self._sources]
        totals = {k: sum(s["summary"][k] for s in sources) for k in _COUNTS}
        kinds: Counter[str] = Counter()
        categories: Counter[str] = Counter()
        for s in sources:
            for c in s["corrections"]:
                kinds[c["kind"]] += 1
                categories[c["category"]] += 1
        unknown: dict[str, list[str]] = {}
        for s in self._sources:
            for w in s.unknown_words:
                unknown.setdefault(w, []).append(s.name)
        groups = sorted(
            ((w, len(ns), list(dict.fromkeys(ns))) for w, ns in unknown.items() if w),
            key=lambda u: (-u[1], u[0].casefold(), u[0]),
        )
        doc: dict[str, Any] = {"schema": SCHEMA}
        if self.command:
            doc["command"] = self.command
        doc |= {
            "title": o.title if o else None,
            "author": o.author if o else None,
            "date": (o or BriefOptions()).day.isoformat(),
            "redline_version": (o or BriefOptions()).version,
            "dictionaries": list(o.dictionaries) if o else [],
            "min_confidence": o.min_confidence if o else None,
            "reviewer": o.reviewer if o else None,
            "reviewed": o.reviewed if o else None,
            "summary": {
                **totals,
                "sources": len(sources),
                "by_kind": _ranked(kinds),
                "by_category": _ranked(categories),
            },
            "sources": sources,
            "corrections": [
                dataclasses.asdict(g) for g in _group(r for s in self._sources for r in s.records)
            ],
            "uncertain": [
                dataclasses.asdict(g)
                for g in _group(r for s in self._sources for r in s.flag_records)
            ],
            "unknown_words": [{"word": w, "count": n, "sources": ns} for w, n, ns in groups],
        }
        return doc


_COUNTS = (
    "paragraphs",
    "changed_paragraphs",
    "words",
    "corrections",
    "flags",
    "unknown",
    "removed_chars",
)


def report_document(
    results: Result | Sequence[Result],
    options: BriefOptions | None = None,
    *,
    command: str | None = None,
    sources: Sequence[Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """The ``redline-report/1`` document of ``results`` (one per source).

    ``sources`` optionally gives, per result, what the reader knew about it:
    ``encoding``, ``format``, ``text_column``, ``output``.
    """
    results = as_results(results)
    b = ReportBuilder(options, command)
    for i, r in enumerate(results):
        info = dict(sources[i]) if sources is not None and i < len(sources) else {}
        b.add_result(r, **{k: info.get(k) for k in SOURCE_FIELDS})
    return b.document()


def build_report(results: Sequence[Result], options: BriefOptions) -> dict[str, Any]:
    """The report of a briefing (kept for 0.1 callers; see :func:`report_document`)."""
    return report_document(results, options)


def write_report(document: Mapping[str, Any], path: str | os.PathLike[str]) -> None:
    """Write a report document to ``path`` as UTF-8 JSON, atomically.

    A lone surrogate (from ``surrogateescape`` decoding) becomes the JSON escape
    ``\\udcff``: valid JSON that reads back to the same string.
    """
    text = json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n"
    data = text.encode("utf-8", "backslashreplace")
    with atomic_writer(path, "wb") as fh:
        fh.write(data)


def export_report(
    result: Result | Sequence[Result],
    path: str | os.PathLike[str],
    options: BriefOptions,
) -> None:
    """Write the JSON report of ``result`` (one or several) to ``path``, atomically."""
    write_report(report_document(result, options), path)
