"""Briefing exporters: side-by-side DOCX and PDF, and a JSON report.

>>> from exporters import BriefOptions, export_pdf, write_briefing
>>> export_pdf(result, "brief.pdf", BriefOptions(title="Budapest talks"))
>>> write_briefing([result], ["brief.pdf", "brief.docx"], BriefOptions())

Importing this package is cheap: reportlab and python-docx load only when an export runs.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .options import BriefOptions

if TYPE_CHECKING:
    from normalize.records import Result

__all__ = ["BriefOptions", "export_docx", "export_pdf", "export_report", "write_briefing"]


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


def write_briefing(
    results: Sequence[Result],
    outputs: Sequence[str | os.PathLike[str]],
    options: BriefOptions | None = None,
) -> None:
    """Write each output in the format its extension names (.pdf, .docx, .json)."""
    from .brief import write_briefing as _write

    _write(results, outputs, options or BriefOptions())
