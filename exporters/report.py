"""The JSON report: every correction, flag and unknown word of every source, and the counts.

Offsets (``start``/``end``) are those of the records, into each source's original text;
``paragraph`` is the 1-based paragraph (line) number the briefings show.
"""

from __future__ import annotations

import dataclasses
import json
import os
from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from normalize.io import atomic_writer
from normalize.records import Result, line_spans

from .options import BriefOptions
from .summary import as_results, source_name, summarize

SCHEMA = "redline-report/1"


def _with_paragraph(records: Sequence[Any], starts: list[int]) -> list[dict[str, Any]]:
    out = []
    for r in records:
        d = r.to_dict()
        d["paragraph"] = max(bisect_right(starts, r.start), 1)
        out.append(d)
    return out


def build_report(results: Sequence[Result], options: BriefOptions) -> dict[str, Any]:
    """The report as a JSON-ready dictionary."""
    summary = summarize(results)
    sources = []
    for i, (r, s) in enumerate(zip(results, summary.sources, strict=True)):
        starts = [a for a, _ in line_spans(r.original)]
        sources.append(
            {
                "source": r.source,
                "name": source_name(r, i),
                "summary": _counts(s),
                "corrections": _with_paragraph(r.corrections, starts),
                "flags": _with_paragraph(r.flags, starts),
                "unknown": _with_paragraph(r.unknown, starts),
                "labels": list(getattr(r, "labels", ())),
                "meta": dict(r.meta),
            }
        )
    return {
        "schema": SCHEMA,
        "title": options.title,
        "author": options.author,
        "date": options.day.isoformat(),
        "redline_version": options.version,
        "dictionaries": list(options.dictionaries),
        "min_confidence": options.min_confidence,
        "summary": {
            **_counts(summary.totals),
            "sources": len(results),
            "by_kind": dict(summary.by_kind),
        },
        "sources": sources,
        "corrections": [dataclasses.asdict(g) for g in summary.corrections],
        "uncertain": [dataclasses.asdict(g) for g in summary.flags],
        "unknown_words": [
            {"word": u.word, "count": u.count, "sources": list(u.sources)} for u in summary.unknown
        ],
    }


def _counts(s: Any) -> dict[str, int]:
    d = dataclasses.asdict(s)
    d.pop("name")
    return d


def export_report(
    result: Result | Sequence[Result],
    path: str | os.PathLike[str],
    options: BriefOptions,
) -> None:
    """Write the JSON report of ``result`` (one or several) to ``path``, atomically."""
    report = build_report(as_results(result), options)
    text = json.dumps(report, ensure_ascii=False, indent=2, default=str) + "\n"
    # A lone surrogate (from surrogateescape decoding) becomes the JSON escape \udcff:
    # valid JSON that reads back to the same string.
    data = text.encode("utf-8", "backslashreplace")
    with atomic_writer(path, "wb") as fh:
        fh.write(data)
