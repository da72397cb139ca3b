"""The ``redline`` command line: a thin click layer over the library.

Exit statuses: 0 success; 1 ``check`` found suspected errors; 2 usage error; 3 input
error; 4 output error; 5 dictionary error; 70 internal error (a bug); 130 interrupted.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import InputError, OutputError, RedlineError

EXIT_FOUND = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70


def _corrector_options(f: Callable) -> Callable:
    """Options shared by every command that corrects text."""
    f = click.option(
        "--min-confidence",
        type=click.FloatRange(0.0, 1.0),
        default=None,
        help="Apply a correction only at or above this confidence (default 0.6); "
        "below it the word is flagged.",
    )(f)
    f = click.option(
        "--no-user-dicts",
        is_flag=True,
        help="Ignore the user's own dictionaries (see `redline dict list`).",
    )(f)
    f = click.option(
        "--dict",
        "dicts",
        multiple=True,
        metavar="NAME|PATH",
        help="A shipped dictionary by name or a dictionary file by path; repeatable. "
        "Default: geopolitics.",
    )(f)
    return f


def _load_corrector(dicts: Sequence[str], no_user_dicts: bool, min_confidence: float | None):
    from .corrector import Corrector

    names = list(dicts) or ["geopolitics"]
    return Corrector.load(dictionaries=names, user=not no_user_dicts, min_confidence=min_confidence)


def _progress(enabled: bool, total: int | None, label: str):
    if not enabled or not sys.stderr.isatty():
        return None, None
    from tqdm import tqdm

    bar = tqdm(total=total, unit="B", unit_scale=True, desc=label, file=sys.stderr, leave=False)
    return bar, bar.update


def _check_outputs_not_inputs(inputs: Sequence[str], outputs: Sequence[str]) -> None:
    real_inputs = {os.path.realpath(p) for p in inputs if p != "-"}
    for o in outputs:
        if o != "-" and os.path.realpath(o) in real_inputs:
            raise OutputError(f"refusing to write {o}: it is one of the inputs")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="redline")
def cli() -> None:
    """Repair garbled English text and publish it as briefing documents."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", default="-", metavar="FILE", help="Write here (default stdout).")
@click.option("--report", metavar="FILE.json",
              help="Write every correction, flag and unknown word.")
@click.option("--no-progress", is_flag=True, help="No progress bar on stderr.")
@_corrector_options
def correct(
    inputs: tuple[str, ...],
    output: str,
    report: str | None,
    no_progress: bool,
    dicts: tuple[str, ...],
    no_user_dicts: bool,
    min_confidence: float | None,
) -> None:
    """Correct INPUT files (`-` for stdin) and write the corrected text.

    Line structure is preserved byte for byte outside the corrected words.
    """
    from .io import atomic_writer
    from .stream import correct_source, open_source

    _check_outputs_not_inputs(inputs, [output] + ([report] if report else []))
    corrector = _load_corrector(dicts, no_user_dicts, min_confidence)
    report_sources: list[dict[str, Any]] = []

    def run(out) -> None:
        for path in inputs:
            source = open_source(path)
            for note in source.notes:
                click.echo(f"redline: note: {note}", err=True)
            bar, tick = _progress(not no_progress, source.size, Path(source.name).name)
            records: list[dict[str, Any]] = []
            try:
                for lr in correct_source(corrector.correct, source, out, tick):
                    if report:
                        records.extend(_line_records(lr.number, lr.result))
            finally:
                if bar is not None:
                    bar.close()
            report_sources.append({"source": source.name, "encoding": source.encoding,
                                   "records": records})

    if output == "-":
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # pragma: no cover - a text-only stdout
            run(sys.stdout)
            return
        sys.stdout.flush()
        out = io.TextIOWrapper(buffer, encoding="utf-8", errors="surrogateescape", newline="",
                               write_through=True)
        try:
            run(out)
            out.flush()
        finally:
            out.detach()
    else:
        with atomic_writer(output, "w", encoding="utf-8", errors="surrogateescape",
                           newline="") as fh:
            run(fh)
    if report:
        _write_json(report, {"version": __version__, "sources": report_sources})


def _line_records(number: int, result) -> list[dict[str, Any]]:
    out = []
    for kind, records in (
        ("correction", result.corrections),
        ("flag", result.flags),
        ("unknown", result.unknown),
    ):
        for r in records:
            d = r.to_dict()
            d["type"] = kind
            d["line"] = number
            d["column"] = r.start + 1
            out.append(d)
    out.sort(key=lambda d: (d["column"], d["type"]))
    return out


def _write_json(path: str, data: Any) -> None:
    from .io import atomic_writer

    with atomic_writer(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2)
        fh.write("\n")


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--no-progress", is_flag=True, help="No progress bar on stderr.")
@click.option("--unknown/--no-unknown", default=False,
              help="Also list words no dictionary knows (default: off).")
@_corrector_options
def check(
    inputs: tuple[str, ...],
    no_progress: bool,
    unknown: bool,
    dicts: tuple[str, ...],
    no_user_dicts: bool,
    min_confidence: float | None,
) -> None:
    """List suspected errors as FILE:LINE:COL: word -> suggestion; change nothing.

    Exit status 1 when anything was found, 0 when clean, 2 or more on errors.
    """
    from .stream import correct_source, open_source

    corrector = _load_corrector(dicts, no_user_dicts, min_confidence)
    found = 0
    for path in inputs:
        source = open_source(path)
        for note in source.notes:
            click.echo(f"redline: note: {note}", err=True)
        bar, tick = _progress(not no_progress, source.size, Path(source.name).name)
        try:
            for lr in correct_source(corrector.correct, source, None, tick):
                items = [(c.start, c.original, c.replacement, c.kind, c.confidence, "")
                         for c in lr.result.corrections]
                items += [(f.start, f.original, f.suggestion, f.kind, f.confidence, "?")
                          for f in lr.result.flags]
                if unknown:
                    flagged = {f.start for f in lr.result.flags}
                    items += [(u.start, u.word, "", "unknown", 0.0, "")
                              for u in lr.result.unknown if u.start not in flagged]
                for start, word, sugg, kind, conf, mark in sorted(items):
                    found += 1
                    if kind == "unknown":
                        click.echo(f"{source.name}:{lr.number}:{start + 1}: {word} (unknown)")
                    else:
                        click.echo(f"{source.name}:{lr.number}:{start + 1}: {word} -> "
                                   f"{sugg}{mark} ({kind}, {conf:.2f})")
        finally:
            if bar is not None:
                bar.close()
    if found:
        raise SystemExit(EXIT_FOUND)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", "outputs", multiple=True, required=True, metavar="OUT.pdf|OUT.docx",
              help="Output file; the format follows the extension (.pdf, .docx, .json). "
              "Repeatable.")
@click.option("--title", default="Redline briefing", show_default=True)
@click.option("--author", default="Redline", show_default=True)
@click.option("--landscape", is_flag=True, help="Landscape pages.")
@click.option("--only-changed", is_flag=True, help="Only paragraphs with changes or flags.")
@click.option("--tracked-changes", is_flag=True,
              help="DOCX as a revision document: every correction a Word revision.")
@click.option("--report", metavar="FILE.json", help="Also write the JSON report.")
@_corrector_options
def brief(
    inputs: tuple[str, ...],
    outputs: tuple[str, ...],
    title: str,
    author: str,
    landscape: bool,
    only_changed: bool,
    tracked_changes: bool,
    report: str | None,
    dicts: tuple[str, ...],
    no_user_dicts: bool,
    min_confidence: float | None,
) -> None:
    """Correct INPUT files and write a side-by-side briefing (PDF, DOCX)."""
    from .io import read_text

    all_outputs = list(outputs) + ([report] if report else [])
    _check_outputs_not_inputs(inputs, all_outputs)
    for o in all_outputs:
        if Path(o).suffix.lower() not in (".pdf", ".docx", ".json"):
            raise OutputError(f"{o}: unknown output format (use .pdf, .docx or .json)")
    corrector = _load_corrector(dicts, no_user_dicts, min_confidence)
    results = []
    for path in inputs:
        if path == "-":
            raise InputError("brief needs files, not stdin")
        text, encoding = read_text(path)
        if encoding not in ("utf-8", "utf-8-sig", "ascii"):
            click.echo(f"redline: note: {path}: not UTF-8; read as {encoding}", err=True)
        r = corrector.correct(text, source=Path(path).name)
        results.append(r)
    from exporters import BriefOptions, write_briefing

    names = list(dicts) or ["geopolitics"]
    options = BriefOptions(
        title=title,
        author=author,
        landscape=landscape,
        only_changed=only_changed,
        tracked_changes=tracked_changes,
        dictionaries=tuple(names),
        min_confidence=corrector.settings.min_confidence,
    )
    write_briefing(results, [Path(o) for o in all_outputs], options)
    for o in all_outputs:
        click.echo(f"wrote {o}", err=True)


@cli.group(name="dict")
def dict_group() -> None:
    """List, show, edit, learn and import dictionaries.

    User dictionaries live in $REDLINE_HOME/dictionaries (default: the platform's user
    data folder); every run layers them on the shipped ones.
    """


@dict_group.command(name="list")
def dict_list() -> None:
    """Every dictionary in effect, with entry counts and paths."""
    from .userdict import list_dictionaries

    for d in list_dictionaries():
        click.echo(f"{d.name}\t{d.kind}\t{d.entries}\t{d.path}")


@dict_group.command(name="show")
@click.argument("name")
@click.option("--grep", "pattern", metavar="PATTERN",
              help="Only terms matching this regular expression (case-insensitive).")
def dict_show(name: str, pattern: str | None) -> None:
    """Print the terms of dictionary NAME (shipped, user, or a path)."""
    import re

    from .userdict import load_any

    d = load_any(name)
    rx = None
    if pattern:
        try:
            rx = re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            raise click.BadParameter(f"bad pattern: {exc}", param_hint="--grep") from None
    for e in d.entries:
        if rx is None or rx.search(e.term):
            mark = "!" if e.keep_only else ""
            click.echo(f"{mark}{e.term}" + (f"\t{e.weight}" if e.weight else ""))


@dict_group.command(name="add")
@click.argument("terms", nargs=-1, required=True)
@click.option("--to", "to", default="user", show_default=True, help="User dictionary name.")
@click.option("--keep-only", is_flag=True,
              help="Accept the terms as right but never suggest them as corrections.")
def dict_add(terms: tuple[str, ...], to: str, keep_only: bool) -> None:
    """Add TERMS (in their canonical casing) to a user dictionary."""
    from .userdict import add_terms, user_path

    n = add_terms(terms, to=to, keep_only=keep_only)
    click.echo(f"added {n} term(s) to {user_path(to)}", err=True)


@dict_group.command(name="remove")
@click.argument("terms", nargs=-1, required=True)
@click.option("--from", "frm", default="user", show_default=True, help="User dictionary name.")
def dict_remove(terms: tuple[str, ...], frm: str) -> None:
    """Remove TERMS from a user dictionary."""
    from .userdict import remove_terms, user_path

    n = remove_terms(terms, frm=frm)
    click.echo(f"removed {n} term(s) from {user_path(frm)}", err=True)


@dict_group.command(name="learn")
@click.argument("files", nargs=-1, required=True)
@click.option("--min-count", type=click.IntRange(1), default=2, show_default=True,
              help="Only terms seen at least this often.")
@click.option("--apply", "apply_", is_flag=True, help="Add the candidates to --to.")
@click.option("--to", "to", default="user", show_default=True, help="User dictionary name.")
@_corrector_options
def dict_learn(files: tuple[str, ...], min_count: int, apply_: bool, to: str,
               dicts: tuple[str, ...], no_user_dicts: bool,
               min_confidence: float | None) -> None:
    """Mine candidate terms from clean text FILES: words no dictionary knows."""
    from .io import read_text
    from .userdict import add_terms, learn

    corrector = _load_corrector(dicts, no_user_dicts, min_confidence)
    texts = [(f, read_text(f)[0]) for f in files]
    found = learn(corrector.lexicon, texts, min_count=min_count)
    for c in found:
        ctx = " | ".join(c.contexts)
        click.echo(f"{c.term}\t{c.count}\t{ctx}")
    if apply_ and found:
        n = add_terms([c.term for c in found], to=to)
        click.echo(f"added {n} term(s) to {to}", err=True)


@dict_group.command(name="import")
@click.argument("file")
@click.option("--to", "to", default="user", show_default=True, help="User dictionary name.")
@click.option("--format", "fmt", type=click.Choice(["auto", "words", "freq", "hunspell"]),
              default="auto", show_default=True,
              help="words: one a line; freq: 'word count'; hunspell: a .dic file.")
def dict_import(file: str, to: str, fmt: str) -> None:
    """Import a word list, a frequency list or a Hunspell .dic into a user dictionary."""
    from .userdict import import_terms, user_path

    n = import_terms(file, to=to, fmt=fmt)  # type: ignore[arg-type]
    click.echo(f"imported {n} new term(s) into {user_path(to)}", err=True)


@dict_group.command(name="lint")
@click.argument("name")
def dict_lint(name: str) -> None:
    """Check dictionary NAME as the tests check shipped ones; exit 1 on problems."""
    from .userdict import lint_dictionary

    problems = lint_dictionary(name)
    for p in problems:
        click.echo(p)
    if problems:
        raise SystemExit(EXIT_FOUND)
    click.echo(f"{name}: ok", err=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status instead of raising (errors are one line)."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="redline",
                 standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("", err=True)
        return EXIT_INTERRUPTED
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except RedlineError as exc:
        click.echo(f"redline: error: {exc}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader went away (`redline correct big.txt | head`): not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"redline: error: {where}{exc.strerror or exc}", err=True)
        return 4
    except Exception as exc:  # a bug: one line for the user, the traceback on request
        if os.environ.get("REDLINE_DEBUG"):
            raise
        click.echo(f"redline: internal error: {type(exc).__name__}: {exc} "
                   "(set REDLINE_DEBUG=1 for the traceback)", err=True)
        return EXIT_INTERNAL
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
