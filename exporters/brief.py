"""``write_briefing``: one briefing, written to every output asked for, by extension."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from normalize.errors import OutputError
from normalize.records import Result

from .options import BriefOptions

Exporter = Callable[[Sequence[Result], Path, BriefOptions], None]

FORMATS = (".pdf", ".docx", ".json")


def _exporter(suffix: str) -> Exporter:
    if suffix == ".pdf":
        from .pdf import export_pdf

        return export_pdf
    if suffix == ".docx":
        from .docx import export_docx

        return export_docx
    from .report import export_report

    return export_report


def write_briefing(
    results: Sequence[Result],
    outputs: Sequence[str | os.PathLike[str]],
    options: BriefOptions,
) -> None:
    """Write the briefing of ``results`` to each of ``outputs``.

    The format comes from each output's extension: ``.pdf``, ``.docx`` or ``.json``.
    Every extension is checked before anything is written; each file is written
    atomically, so a failure never leaves half a file behind.
    """
    paths = [Path(o) for o in outputs]
    if not paths:
        raise OutputError("no output given: name a .pdf, .docx or .json file")
    for p in paths:
        if p.suffix.lower() not in FORMATS:
            raise OutputError(
                f"{p}: unknown output format {p.suffix or '(no extension)'}; "
                "use .pdf, .docx or .json"
            )
        directory = p.parent if str(p.parent) else Path(".")
        if not directory.is_dir():
            raise OutputError(f"cannot write {p}: directory {directory} does not exist")
        if p.is_dir():
            raise OutputError(f"cannot write {p}: it is a directory")
    for p in paths:
        try:
            _exporter(p.suffix.lower())(results, p, options)
        except OSError as exc:  # disk full, permission denied …: one line, no traceback
            raise OutputError(f"cannot write {p}: {exc.strerror or exc}") from None
