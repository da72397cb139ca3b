"""``redline review`` and the ``--decisions`` / ``--reviewer`` options of ``correct`` and
``brief``: the command-line side of :mod:`normalize.decisions` and :mod:`normalize.review`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .cli import _corrector_options, _load_kwargs, _record_input_options
from .errors import OutputError

if TYPE_CHECKING:
    from .decisions import Applier, Decisions
    from .records import Result
    from .review import Source

DEFAULT_FILE = "review.json"


def _settings(dicts: Sequence[str], no_user_dicts: bool, corrector: Any, text_column: str | None):
    return {
        "dictionaries": list(dicts) or ["geopolitics"],
        "user_dicts": not no_user_dicts,
        "min_confidence": corrector.settings.min_confidence,
        "text_column": text_column,
    }


def _refuse_input_as_output(paths: Sequence[str], output: str) -> None:
    """The decisions file must not be one of the inputs (also through a link or ``..``)."""
    if not os.path.exists(output):
        return
    for p in paths:
        if p != "-" and os.path.exists(p) and os.path.samefile(p, output):
            raise OutputError(f"refusing to write {output}: it is one of the inputs")


def _read_sources(
    paths: Sequence[str],
    corrector: Any,
    input_format: str,
    text_column: str | None,
    skip_bad_records: bool,
    label_columns: Sequence[str] = (),
) -> list[Source]:
    """Correct every input as ``brief`` does: text whole, records one paragraph each."""
    from .errors import InputError
    from .formats import ReadOptions, combine, detect_format, one_line, open_input
    from .io import read_text
    from .parallel import correct_many
    from .review import Source

    fmt = None if input_format == "auto" else input_format
    out = []
    for path in paths:
        if path == "-":
            raise InputError("review needs files, not stdin")
        kind = detect_format(path, input_format)
        if kind == "text":
            text, encoding = read_text(path)
            if encoding not in ("utf-8", "utf-8-sig", "ascii"):
                click.echo(f"redline: note: {path}: not UTF-8; read as {encoding}", err=True)
            out.append(Source(corrector.correct(text, source=Path(path).name)))
            continue
        labels = tuple(label_columns) if kind != "docx" else ()
        inp = open_input(path, ReadOptions(text_column, labels, skip_bad_records), fmt)
        for note in inp.notes:
            click.echo(f"redline: note: {note}", err=True)
        numbers: list[int] = []

        def numbered(pairs: Iterable[Any], numbers: list[int] = numbers) -> Iterator[Any]:
            for record, result in pairs:
                numbers.append(record.number)
                yield record, result

        pairs = correct_many(inp.records(), text=lambda r: one_line(r.text), corrector=corrector)
        result = combine(numbered(pairs), source=Path(path).name)
        unit = {"docx": "paragraph", "parquet": "row"}.get(kind, "line")
        out.append(Source(result, tuple(numbers), unit))
        if inp.skipped:
            click.echo(
                f"redline: note: {inp.name}: skipped {len(inp.skipped)} malformed record(s)",
                err=True,
            )
    return out


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--decisions",
    "decisions_file",
    default=DEFAULT_FILE,
    show_default=True,
    metavar="FILE",
    help="Where decisions are saved (on every change); an existing file is resumed.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@click.option("--no-browser", is_flag=True, help="Print the URL only; do not open a browser.")
@click.option(
    "--label-column",
    "label_columns",
    multiple=True,
    metavar="NAME",
    help="Record inputs: show this column or field (author, date) beside each item.",
)
@_record_input_options
@_corrector_options
def review(
    inputs: tuple[str, ...],
    decisions_file: str,
    host: str,
    port: int,
    no_browser: bool,
    label_columns: tuple[str, ...],
    input_format: str,
    text_column: str | None,
    skip_bad_records: bool,
    dicts: tuple[str, ...],
    no_user_dicts: bool,
    min_confidence: float | None,
) -> None:
    """Review the corrections of INPUT files in a local web page.

    Accept, reject or edit each correction and flag, or always keep a word (it goes
    into your user dictionary).  Decisions are saved to --decisions FILE on every
    change; `redline brief --decisions FILE` and `redline correct --decisions FILE`
    then publish exactly what was approved.  The first line on stdout is the page's
    URL with its access token; Ctrl-C stops the server.
    """
    from . import decisions as dec
    from .corrector import Corrector
    from .formats import detect_format
    from .pipeline import expand_globs
    from .review import ReviewSession, make_server

    paths = expand_globs(inputs)
    _refuse_input_as_output(paths, decisions_file)
    kinds = [detect_format(p, input_format) for p in paths]
    if label_columns and all(k in ("text", "docx") for k in kinds):
        raise click.UsageError("--label-column needs a CSV, JSONL or Parquet input")
    corrector = Corrector.load(**_load_kwargs(dicts, no_user_dicts, min_confidence))
    sources = _read_sources(
        paths, corrector, input_format, text_column, skip_bad_records, label_columns
    )
    existing = dec.load(decisions_file) if os.path.exists(decisions_file) else None
    settings = _settings(dicts, no_user_dicts, corrector, text_column)
    session = ReviewSession(sources, decisions_file, existing, settings)
    session.save()  # a file that cannot be written fails now, not at the first decision
    for note in session.notes:
        click.echo(f"redline: note: {note}", err=True)
    try:
        server = make_server(session, host, port)
    except OSError as exc:
        raise OutputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    click.echo(server.url)
    sys.stdout.flush()
    progress = session.listing()["progress"]
    click.echo(
        f"redline: {progress['total']} item(s) to review, {progress['decided']} decided; "
        f"saving to {decisions_file}; Ctrl-C stops",
        err=True,
    )
    if not no_browser:
        _open_browser(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    click.echo(f"redline: stopped; decisions are in {decisions_file}", err=True)


def _open_browser(url: str) -> None:
    """Open ``url`` in a graphical browser; without a display, say so instead (a text
    browser taking over this terminal would hide the server's messages)."""
    import webbrowser

    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        click.echo("redline: note: no display here; open the URL above in a browser", err=True)
        return
    try:
        opened = webbrowser.open(url)
    except webbrowser.Error:
        opened = False
    if not opened:
        click.echo("redline: note: could not start a browser; open the URL above", err=True)


# ----------------------------------------------------------- --decisions for correct/brief


def load_decisions(path: str | None) -> Decisions | None:
    if path is None:
        return None
    from .decisions import load

    return load(path)


def _note(decisions_file: str, decisions: Decisions, source: str, applier: Applier) -> None:
    from .decisions import source_key

    stats = applier.stats()
    name = source_key(source)
    if not decisions.for_source(source):
        held = ", ".join(sorted(decisions.inputs)) or "nothing"
        click.echo(
            f"redline: note: {decisions_file} has no decisions for {name} (it holds {held})",
            err=True,
        )
    elif stats.missing:
        click.echo(
            f"redline: note: {name} changed since the review: {stats.missing} decision(s) "
            f"for {stats.changed_paragraphs} changed paragraph(s) not applied; "
            f"{stats.applied} applied to unchanged paragraphs",
            err=True,
        )


def apply_to_results(
    decisions_file: str | None, decisions: Decisions | None, results: list[Result]
) -> tuple[list[Result], int | None]:
    """``brief``: the results with the decisions applied, and how many were applied."""
    if decisions is None or decisions_file is None:
        return results, None
    from .decisions import Applier

    out = []
    reviewed = 0
    for r in results:
        applier = Applier(decisions, r.source)
        out.append(applier.apply(r))
        reviewed += applier.applied
        _note(decisions_file, decisions, r.source or "", applier)
    return out, reviewed


def decisions_step(
    decisions_file: str | None, decisions: Decisions | None
) -> tuple[Callable[[Result], Result] | None, Callable[[], None]]:
    """``correct``: a pipeline step applying the decisions to each record's result (one
    applier per source), and the function that notes what could not be applied."""
    if decisions is None or decisions_file is None:
        return None, lambda: None
    from .decisions import Applier

    appliers: dict[str, Applier] = {}

    def step(result: Result) -> Result:
        source = result.source or "-"
        if source not in appliers:
            appliers[source] = Applier(decisions, source)
        return appliers[source].apply(result)

    def finish() -> None:
        for source, applier in appliers.items():
            _note(decisions_file, decisions, source, applier)

    return step, finish


def apply_to_pairs(
    decisions_file: str | None, decisions: Decisions | None, source: str, pairs: Iterable[Any]
) -> Iterable[Any]:
    """``correct``: the (record, result) stream with the decisions applied."""
    if decisions is None or decisions_file is None:
        return pairs
    from .decisions import Applier

    applier = Applier(decisions, source)

    def applied() -> Iterator[Any]:
        for record, result in pairs:
            yield record, applier.apply(result)
        _note(decisions_file, decisions, source, applier)

    return applied()
