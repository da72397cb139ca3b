"""Briefing exporters: side-by-side DOCX and PDF, and a JSON report.

>>> from exporters import BriefOptions, export_pdf, write_briefing
>>> export_pdf(result, "brief.pdf", BriefOptions(title="Budapest talks"))
>>> write_briefing([result], ["brief.pdf", "brief.docx"], BriefOptions())
>>> doc = report_document([result], command="correct")  # redline-report/1, any command

Importing this package is cheap: reportlab and python-docx load only when an export runs.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .options import DEFAULT_TITLE, BriefOptions

if TYPE_CHECKING:
    from normalize.records import Result

    from .report import ReportBuilder

__all__ = [
    "DEFAULT_TITLE",
    "BriefOptions",
    "ReportBuilder",
    "export_docx",
    "export_pdf",
    "export_report",
    "report_document",
    "report_schema",
    "write_briefing",
    "write_report",
]


def export_docx(
    result: Result | Sequence[Result],
    path: str | os.PathLike[str],
    options: BriefOptions | None = None,
) -> None:
    """Write a Word briefing (side by side, or a revision document with
    ``options.tracked_changes``) for one result or several."""
    from .docx import export_docx as _export

    _export(result, path, options or BriefOptions())


def export_pdf(
    result: Result | Sequence[Result],
    path: str | os.PathLike[str],
    options: BriefOptions | None = None,
) -> None:
    """Write a PDF briefing for one result or several."""
    from .pdf import export_pdf as _export

    _export(result, path, options or BriefOptions())


def export_report(
    result: Result | Sequence[Result],
    path: str | os.PathLike[str],
    options: BriefOptions | None = None,
) -> None:
    """Write the JSON report: every correction, flag and unknown word, and the counts."""
    from .report import export_report as _export

    _export(result, path, options or BriefOptions())


def report_document(
    results: Result | Sequence[Result],
    options: BriefOptions | None = None,
    *,
    command: str | None = None,
    sources: Sequence[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The ``redline-report/1`` document of ``results`` (one per source), for any command;
    ``sources`` may give each source's ``encoding``, ``format``, ``text_column``,
    ``output``.  For streaming, see :class:`exporters.report.ReportBuilder`."""
    from .report import report_document as _document

    return _document(results, options, command=command, sources=sources)


def write_report(document: dict[str, Any], path: str | os.PathLike[str]) -> None:
    """Write a report document as UTF-8 JSON, atomically (lone surrogates escaped)."""
    from .report import write_report as _write

    _write(document, path)


def report_schema() -> dict[str, Any]:
    """The JSON Schema of ``redline-report/1`` (shipped in the package)."""
    from .report import report_schema as _schema

    return _schema()


def __getattr__(name: str) -> Any:
    if name == "ReportBuilder":
        from .report import ReportBuilder

        return ReportBuilder
    raise AttributeError(f"module 'exporters' has no attribute {name!r}")


def write_briefing(
    results: Sequence[Result],
    outputs: Sequence[str | os.PathLike[str]],
    options: BriefOptions | None = None,
) -> None:
    """Write each output in the format its extension names (.pdf, .docx, .json)."""
    from .brief import write_briefing as _write

    _write(results, outputs, options or BriefOptions())
