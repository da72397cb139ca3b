"""The ``redline`` command line: a thin click layer over :mod:`normalize.pipeline`.

Exit statuses (one table, in :mod:`normalize.errors` and the README): 0 success; 1
``check`` found suspected errors; 2 usage error; 3 input error; 4 output error; 5
dictionary error; 6 data error; 70 internal error (a bug); 129 hangup (SIGHUP); 130
interrupted (Ctrl-C); 143 terminated (SIGTERM).
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import (
    EXIT_FOUND,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    InputError,
    OutputError,
    RedlineError,
    UsageError,
)
from .formats import WriteOptions

#: `--decisions FILE` of correct and brief (see `redline review`).
_DECISIONS_HELP = "Apply the decisions saved by `redline review`."


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


def _load_kwargs(
    dicts: Sequence[str], no_user_dicts: bool, min_confidence: float | None
) -> dict[str, Any]:
    """The keyword arguments of ``Corrector.load`` (each worker process calls it too)."""
    _listen_for_index_builds()  # forked workers inherit it
    return {
        "dictionaries": list(dicts) or ["geopolitics"],
        "user": not no_user_dicts,
        "min_confidence": min_confidence,
    }


def _announce_index_build(estimate: float) -> Callable[[float], None] | None:
    """The one-line note (and, on a terminal, a progress bar) for the first run's build."""
    click.echo(f"redline: building the correction index once (about {estimate:.0f} s)…", err=True)
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    bar = tqdm(total=100, desc="index", unit="%", file=sys.stderr, leave=False)

    def progress(fraction: float) -> None:
        bar.update(max(0, round(fraction * 100) - bar.n))
        if fraction >= 1.0:
            bar.close()

    return progress


def _listen_for_index_builds() -> None:
    from .index import set_build_listener

    set_build_listener(_announce_index_build)


def _note(message: str) -> None:
    click.echo(f"redline: note: {message}", err=True)


def _path_option(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Refuse an empty path (``--report ""``) instead of silently ignoring it."""
    values = value if isinstance(value, tuple) else (value,)
    if any(v == "" for v in values):
        raise click.BadParameter("an empty path", ctx=ctx, param=param)
    return value


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="redline")
def cli() -> None:
    """Repair garbled English text and publish it as briefing documents."""


def _record_input_options(f: Callable) -> Callable:
    """Options that say how to read CSV, JSON Lines, DOCX and Parquet inputs."""
    f = click.option(
        "--skip-bad-records",
        is_flag=True,
        help="Drop malformed CSV rows and JSON lines (counted on stderr) instead of stopping.",
    )(f)
    f = click.option(
        "--text-column",
        "--text-field",
        "text_column",
        metavar="NAME",
        help="The column (CSV, Parquet) or field (JSONL) holding the text. Default: one "
        "named text, comment, body, content or message, else the wordiest.",
    )(f)
    f = click.option(
        "--input-format",
        type=click.Choice(["auto", "text", "csv", "tsv", "jsonl", "docx", "parquet"]),
        default="auto",
        show_default=True,
        help="Read inputs as this format instead of going by their extension.",
    )(f)
    return f


def _jobs_option(f: Callable) -> Callable:
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(1),
        default=None,
        metavar="N",
        help="Worker processes (default: all cores); output order is kept.",
    )(f)


class _RecordProgress:
    """A progress bar on stderr (records/s and ETA); nothing when stderr is not a terminal."""

    def __init__(self, enabled: bool, inp, label: str) -> None:
        self.bar = None
        if not enabled or not sys.stderr.isatty():
            return
        import time

        from tqdm import tqdm

        by_bytes = inp.format in ("text", "csv", "tsv", "jsonl")
        self.bar = tqdm(
            total=getattr(inp, "size", None),
            unit="B" if by_bytes else "rec",
            unit_scale=by_bytes,
            desc=label,
            file=sys.stderr,
            leave=False,
        )
        self.by_bytes = by_bytes
        self.clock = time.monotonic
        self.start = self.last = self.clock()
        self.count = 0

    def tick(self, record) -> None:
        if self.bar is None:
            return
        self.count += 1
        self.bar.update(record.size if self.by_bytes else 1)
        now = self.clock()
        if self.by_bytes and now - self.last > 0.5:
            self.last = now
            self.bar.set_postfix_str(f"{self.count / (now - self.start):,.0f} rec/s", refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o",
    "--output",
    default="-",
    metavar="FILE",
    callback=_path_option,
    help="Write here (default stdout). Several text inputs are concatenated.",
)
@click.option(
    "-d",
    "--output-dir",
    metavar="DIR",
    callback=_path_option,
    help="Write each input to DIR/<its name>, in its own format (DIR is created).",
)
@click.option(
    "--report",
    metavar="FILE.json",
    callback=_path_option,
    help="Also write the redline-report/1 JSON report (every correction, flag, unknown word).",
)
@_record_input_options
@click.option(
    "--replace",
    is_flag=True,
    help="Record inputs: overwrite the text column instead of adding <NAME>_corrected.",
)
@click.option(
    "--count-column",
    is_flag=True,
    help="Record inputs: also add <NAME>_corrections, the number of corrections.",
)
@_jobs_option
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Correct on this Dask cluster (tcp://host:8786; needs redline[dask]).",
)
@click.option("--no-progress", is_flag=True, help="No progress bar on stderr.")
@click.option("--decisions", "decisions_file", metavar="FILE", help=_DECISIONS_HELP)
@_corrector_options
def correct(
    inputs: tuple[str, ...],
    output: str,
    output_dir: str | None,
    report: str | None,
    input_format: str,
    text_column: str | None,
    skip_bad_records: bool,
    replace: bool,
    count_column: bool,
    jobs: int | None,
    scheduler: str | None,
    no_progress: bool,
    decisions_file: str | None,
    dicts: tuple[str, ...],
    no_user_dicts: bool,
    min_confidence: float | None,
) -> None:
    """Correct INPUT files (`-` for stdin) and write them back in the same format.

    Text: line structure is preserved byte for byte outside the corrected words.
    CSV/TSV, JSON Lines, DOCX and Parquet (by extension, or --input-format): every other
    column or field is kept as it was; the corrected text goes into a new column
    <NAME>_corrected (or replaces NAME with --replace).
    """
    from .cli_review import decisions_step, load_decisions
    from .io import Outputs
    from .pipeline import correct_to, output_targets, write_report

    step, finish = decisions_step(decisions_file, load_decisions(decisions_file))
    with _pipeline(
        inputs,
        input_format,
        text_column,
        (),
        skip_bad_records,
        jobs,
        scheduler,
        dicts,
        no_user_dicts,
        min_confidence,
        after=[step] if step is not None else (),
    ) as pipe:
        targets = output_targets(pipe.paths, pipe.kinds, output, output_dir)
        names = [t for t, _ in targets] + ([report] if report is not None else [])
        outs = Outputs(names, inputs=pipe.paths, created_dir=output_dir)
        pipe.check_inputs()
        builder = None
        if report is not None:
            from exporters.report import ReportBuilder

            builder = ReportBuilder(_report_options(pipe, dicts), command="correct")
        progress = _Progress(not no_progress)
        with outs:
            try:
                correct_to(
                    pipe,
                    targets,
                    outs,
                    WriteOptions(replace=replace, count_column=count_column),
                    progress=progress,
                    report=builder,
                )
            finally:
                progress.close()
            finish()
            if builder is not None:
                write_report(outs, report, builder.document())
    if output_dir is not None:
        for t, _ in targets:
            click.echo(f"wrote {t}", err=True)


def _pipeline(
    inputs: Sequence[str],
    input_format: str,
    text_column: str | None,
    label_columns: Sequence[str],
    skip_bad_records: bool,
    jobs: int | None,
    scheduler: str | None,
    dicts: Sequence[str],
    no_user_dicts: bool,
    min_confidence: float | None,
    after: Sequence[Callable[[Any], Any]] = (),
):
    """The command's :class:`~normalize.pipeline.Pipeline`; ``after`` are the steps run
    on every record's result after correction (recorded review decisions)."""
    from .formats import ReadOptions
    from .pipeline import Pipeline, PipelineOptions

    options = PipelineOptions(
        input_format=input_format,
        read=ReadOptions(text_column, tuple(label_columns), skip_bad_records),
        load=_load_kwargs(dicts, no_user_dicts, min_confidence),
        jobs=jobs,
        scheduler=scheduler,
    )
    return Pipeline(inputs, options, after=after, note=_note)


def _report_options(pipe, dicts: Sequence[str], **fields: Any):
    from exporters import BriefOptions

    return BriefOptions(
        dictionaries=tuple(dicts) or ("geopolitics",),
        min_confidence=pipe.corrector.settings.min_confidence,
        **fields,
    )


class _Progress:
    """One progress bar per input, each closed when the next starts or at the end."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: _RecordProgress | None = None

    def __call__(self, inp) -> Callable[[Any], None]:
        self.close()
        self.bar = _RecordProgress(self.enabled, inp, Path(inp.name).name)
        return self.bar.tick

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: FILE:LINE:COL lines; json: the redline-report/1 JSON report.",
)
@click.option(
    "--unknown/--no-unknown",
    default=False,
    help="Also list words no dictionary knows (default: off).",
)
@_record_input_options
@_jobs_option
@click.option("--no-progress", is_flag=True, help="No progress bar on stderr.")
@_corrector_options
def check(
    inputs: tuple[str, ...],
    fmt: str,
    unknown: bool,
    input_format: str,
    text_column: str | None,
    skip_bad_records: bool,
    jobs: int | None,
    no_progress: bool,
    dicts: tuple[str, ...],
    no_user_dicts: bool,
    min_confidence: float | None,
) -> None:
    """List suspected errors as FILE:LINE:COL: word -> suggestion; change nothing.

    Record inputs: only the text column (--text-column); LINE is the line the record
    starts on, COL counts from the start of its text.  Exit status 1 when anything was
    found, 0 when clean, 2 or more on errors.
    """

    from .pipeline import check_findings, report_json

    found = 0
    with _pipeline(
        inputs,
        input_format,
        text_column,
        (),
        skip_bad_records,
        jobs,
        None,
        dicts,
        no_user_dicts,
        min_confidence,
    ) as pipe:
        pipe.check_inputs()
        builder = None
        if fmt == "json":
            from exporters.report import ReportBuilder

            builder = ReportBuilder(_report_options(pipe, dicts), command="check")
        progress = _Progress(not no_progress)
        try:
            for finding in check_findings(pipe, unknown, progress, builder):
                found += 1
                if builder is None:
                    click.echo(str(finding))
        finally:
            progress.close()
        if builder is not None:
            click.echo(report_json(builder.document()).decode("utf-8"), nl=False)
    if found:
        raise SystemExit(EXIT_FOUND)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    required=True,
    metavar="OUT.pdf|OUT.docx",
    callback=_path_option,
    help="Output file; the format follows the extension (.pdf, .docx, .json). Repeatable.",
)
@click.option("--title", default="Correction briefing", show_default=True)  # = BriefOptions
@click.option("--author", default="Redline", show_default=True)
@click.option("--landscape", is_flag=True, help="Landscape pages.")
@click.option("--only-changed", is_flag=True, help="Only paragraphs with changes or flags.")
@click.option(
    "--tracked-changes",
    is_flag=True,
    help="DOCX as a revision document: every correction a Word revision.",
)
@click.option(
    "--report",
    metavar="FILE.json",
    callback=_path_option,
    help="Also write the redline-report/1 JSON report.",
)
@click.option(
    "--label-column",
    "label_columns",
    multiple=True,
    metavar="NAME",
    help="Record inputs: show this column or field (author, date) beside each row; repeatable.",
)
@_record_input_options
@_jobs_option
@click.option("--decisions", "decisions_file", metavar="FILE", help=_DECISIONS_HELP)
@click.option("--reviewer", metavar="NAME", help="Who reviewed the corrections (title block).")
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
    label_columns: tuple[str, ...],
    input_format: str,
    text_column: str | None,
    skip_bad_records: bool,
    jobs: int | None,
    decisions_file: str | None,
    reviewer: str | None,
    dicts: tuple[str, ...],
    no_user_dicts: bool,
    min_confidence: float | None,
) -> None:
    """Correct INPUT files and write a side-by-side briefing (PDF, DOCX).

    Text files: a row per line.  CSV, JSON Lines, DOCX and Parquet: a row per record
    (line breaks inside a record become spaces), labelled with --label-column.
    """
    from exporters import export_docx, export_pdf

    from .cli_review import apply_to_results, load_decisions
    from .io import Outputs
    from .pipeline import brief_results, write_report

    decisions = load_decisions(decisions_file)

    all_outputs = list(outputs) + ([report] if report is not None else [])
    with _pipeline(
        inputs,
        input_format,
        text_column,
        label_columns,
        skip_bad_records,
        jobs,
        None,
        dicts,
        no_user_dicts,
        min_confidence,
    ) as pipe:
        if label_columns and all(k in ("text", "docx") for k in pipe.kinds):
            raise UsageError("--label-column needs a CSV, JSONL or Parquet input")
        outs = Outputs(all_outputs, inputs=pipe.paths)
        for o in all_outputs:
            if Path(o).suffix.lower() not in (".pdf", ".docx", ".json"):
                raise OutputError(f"{o}: unknown output format (use .pdf, .docx or .json)")
        pipe.check_inputs()
        results, infos = brief_results(pipe)
        results, reviewed = apply_to_results(decisions_file, decisions, results)
        options = _report_options(
            pipe,
            dicts,
            title=title,
            author=author,
            landscape=landscape,
            only_changed=only_changed,
            tracked_changes=tracked_changes,
            reviewer=reviewer,
            reviewed=reviewed,
        )
        with outs:
            for o in all_outputs:
                suffix = Path(o).suffix.lower()
                if suffix == ".json":
                    from exporters.report import report_document

                    doc = report_document(results, options, command="brief", sources=infos)
                    write_report(outs, o, doc)
                    continue
                export = export_pdf if suffix == ".pdf" else export_docx
                if outs.is_file(o):
                    export(results, outs.path(o), options)
                else:  # a FIFO, a device, stdout: written through a temporary file
                    _export_streamed(outs, o, export, results, options)
    for o in all_outputs:
        click.echo(f"wrote {o}", err=True)


def _export_streamed(outs, name: str, export, results, options) -> None:
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(prefix="redline-") as tmp:
        path = os.path.join(tmp, "out" + Path(name).suffix)
        export(results, path, options)
        with open(path, "rb") as src, outs.open(name, "wb") as dst:
            shutil.copyfileobj(src, dst)


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
@click.option(
    "--grep",
    "pattern",
    metavar="PATTERN",
    help="Only terms matching this regular expression (case-insensitive).",
)
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
@click.option(
    "--keep-only",
    is_flag=True,
    help="Accept the terms as right but never suggest them as corrections.",
)
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
@click.option(
    "--min-count",
    type=click.IntRange(1),
    default=2,
    show_default=True,
    help="Only terms seen at least this often.",
)
@click.option("--apply", "apply_", is_flag=True, help="Add the candidates to --to.")
@click.option("--to", "to", default="user", show_default=True, help="User dictionary name.")
@_corrector_options
def dict_learn(
    files: tuple[str, ...],
    min_count: int,
    apply_: bool,
    to: str,
    dicts: tuple[str, ...],
    no_user_dicts: bool,
    min_confidence: float | None,
) -> None:
    """Mine candidate terms from clean text FILES: words no dictionary knows."""
    from .corrector import Corrector
    from .io import read_text
    from .userdict import add_terms, learn

    corrector = Corrector.load(**_load_kwargs(dicts, no_user_dicts, min_confidence))
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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "words", "freq", "hunspell"]),
    default="auto",
    show_default=True,
    help="words: one a line; freq: 'word count'; hunspell: a .dic file.",
)
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


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP: unwinds like Ctrl-C (workers stopped, temporary files removed)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, frame: Any) -> None:
    raise Terminated(signum)


def _install_signal_handlers() -> dict[int, Any]:
    old: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is None:  # pragma: no cover - not POSIX
            continue
        try:
            old[signum] = signal.signal(signum, _on_signal)
        except ValueError:  # not the main thread (a test runner): leave it alone
            pass
    return old


# the `review` command lives in cli_review.py
from .cli_review import review  # noqa: E402

cli.add_command(review)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status instead of raising (errors are one line)."""
    old = _install_signal_handlers()
    try:
        return _main(argv)
    finally:
        for signum, handler in old.items():
            signal.signal(signum, handler)


def _main(argv: Sequence[str] | None) -> int:
    try:
        cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="redline",
            standalone_mode=False,
        )
    except Terminated as exc:
        return 128 + exc.signum
    except click.exceptions.Abort as exc:  # click's wrapping of KeyboardInterrupt
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, Terminated):
            return 128 + cause.signum
        click.echo("", err=True)
        return EXIT_INTERRUPTED
    except click.UsageError as exc:
        hint = ""
        if exc.ctx is not None:
            hint = f" (see {exc.ctx.command_path} --help)"
        click.echo(f"redline: error: {exc.format_message()}{hint}", err=True)
        return exc.exit_code
    except click.ClickException as exc:
        click.echo(f"redline: error: {exc.format_message()}", err=True)
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
    except OSError as exc:  # outside the typed paths: say where, not which side
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"redline: error: {where}{exc.strerror or exc}", err=True)
        return OutputError.exit_code if _is_output(exc) else InputError.exit_code
    except Exception as exc:  # a bug: one line for the user, the traceback on request
        if os.environ.get("REDLINE_DEBUG"):
            raise
        click.echo(
            f"redline: internal error: {type(exc).__name__}: {exc} "
            "(set REDLINE_DEBUG=1 for the traceback)",
            err=True,
        )
        return EXIT_INTERNAL
    return 0


def _is_output(exc: OSError) -> bool:
    """An OS error while writing (disk full, quota) rather than reading."""
    import errno

    return exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
