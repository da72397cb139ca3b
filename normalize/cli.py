"""The ``redline`` command line: a thin click layer over the library.

Exit statuses: 0 success; 1 ``check`` found suspected errors; 2 usage error; 3 input
error; 4 output error; 5 dictionary error; 70 internal error (a bug); 130 interrupted.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

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


def _load_corrector(dicts: Sequence[str], no_user_dicts: bool, min_confidence: float | None):
    from .corrector import Corrector

    _listen_for_index_builds()
    names = list(dicts) or ["geopolitics"]
    return Corrector.load(dictionaries=names, user=not no_user_dicts, min_confidence=min_confidence)


def _progress(enabled: bool, total: int | None, label: str):
    if not enabled or not sys.stderr.isatty():
        return None, None
    from tqdm import tqdm

    bar = tqdm(total=total, unit="B", unit_scale=True, desc=label, file=sys.stderr, leave=False)
    return bar, bar.update


def _check_outputs_not_inputs(
    inputs: Sequence[str], outputs: Sequence[str], created_dir: str | None = None
) -> None:
    """Refuse, before anything is written, an output that is an input or that cannot be
    written where it was asked for (so no run leaves one output written and another not)."""
    real_inputs = {os.path.realpath(p) for p in inputs if p != "-"}
    for o in outputs:
        if o == "-":
            continue
        if os.path.realpath(o) in real_inputs:
            raise OutputError(f"refusing to write {o}: it is one of the inputs")
        if os.path.isdir(o):
            raise OutputError(f"cannot write {o}: it is a directory")
        parent = os.path.dirname(o) or "."
        if created_dir is not None and os.path.realpath(parent) == os.path.realpath(created_dir):
            continue  # -d DIR is created as needed
        if not os.path.isdir(parent):
            raise OutputError(f"cannot write {o}: directory {parent} does not exist")


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


def _load_kwargs(
    dicts: Sequence[str], no_user_dicts: bool, min_confidence: float | None
) -> dict[str, Any]:
    """What each worker passes to ``Corrector.load`` (the same as :func:`_load_corrector`)."""
    _listen_for_index_builds()  # forked workers inherit it
    return {
        "dictionaries": list(dicts) or ["geopolitics"],
        "user": not no_user_dicts,
        "min_confidence": min_confidence,
    }


def _expand_globs(inputs: Sequence[str]) -> list[str]:
    """Expand patterns the shell left alone (quoted, or on Windows); literal paths win."""
    import glob

    out: list[str] = []
    for p in inputs:
        if p != "-" and not os.path.exists(p) and glob.has_magic(p):
            matches = sorted(glob.glob(p))
            if not matches:
                raise InputError(f"{p}: no file matches")
            out.extend(matches)
        else:
            out.append(p)
    return out


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


def _note_skipped(inp) -> None:
    if inp.skipped:
        shown = ", ".join(str(n) for n in inp.skipped[:5])
        more = ", ..." if len(inp.skipped) > 5 else ""
        click.echo(
            f"redline: note: {inp.name}: skipped {len(inp.skipped)} malformed "
            f"record(s) (line {shown}{more})",
            err=True,
        )


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o",
    "--output",
    default="-",
    metavar="FILE",
    help="Write here (default stdout). Several text inputs are concatenated.",
)
@click.option(
    "-d",
    "--output-dir",
    metavar="DIR",
    help="Write each input to DIR/<its name>, in its own format (DIR is created).",
)
@click.option(
    "--report", metavar="FILE.json", help="Write every correction, flag and unknown word."
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
    from .formats import ReadOptions, WriteOptions, detect_format, open_input
    from .parallel import correct_many

    paths = _expand_globs(inputs)
    if output_dir is not None and output != "-":
        raise click.UsageError("use -o for one output or -d for a directory, not both")
    kinds = [detect_format(p, input_format) for p in paths]
    reports = [report] if report else []
    if output_dir is not None:
        if "-" in paths:
            raise click.UsageError("-d needs input files, not stdin")
        targets = [os.path.join(output_dir, Path(p).name) for p in paths]
        seen: dict[str, str] = {}
        for p, t in zip(paths, targets):
            if t in seen:
                raise OutputError(f"{seen[t]} and {p} would both be written to {t}")
            seen[t] = p
        _check_outputs_not_inputs(paths, targets + reports, created_dir=output_dir)
    else:
        if len(paths) > 1 and any(k != "text" for k in kinds):
            raise click.UsageError("several CSV, JSONL, DOCX or Parquet inputs need -d DIR")
        if output == "-" and kinds[0] in ("docx", "parquet"):
            raise click.UsageError(f"{kinds[0].upper()} output needs -o FILE or -d DIR")
        _check_outputs_not_inputs(paths, [output] + reports)
    corrector = _load_corrector(dicts, no_user_dicts, min_confidence)
    load = _load_kwargs(dicts, no_user_dicts, min_confidence)
    read_options = ReadOptions(text_column=text_column, skip_bad_records=skip_bad_records)
    write_options = WriteOptions(replace=replace, count_column=count_column)
    fmt = None if input_format == "auto" else input_format
    report_sources: list[dict[str, Any]] = []
    client = None
    extra: dict[str, Any] = {}
    if scheduler:
        from .dask import connect

        client, executor, nthreads = connect(scheduler)
        from .dask import correct_chunk

        extra = {"executor": executor, "task": correct_chunk, "jobs": nthreads}
    else:
        extra = {"jobs": jobs}

    def process(inp, out) -> None:
        for note in inp.notes:
            click.echo(f"redline: note: {note}", err=True)
        bar = _RecordProgress(not no_progress, inp, Path(inp.name).name)
        records: list[dict[str, Any]] = []

        def observed(pairs):
            for record, result in pairs:
                if report:
                    records.extend(_line_records(record.number, result))
                bar.tick(record)
                yield record, result

        try:
            pairs = correct_many(
                inp.records(), text=lambda r: r.text, load=load, corrector=corrector, **extra
            )
            inp.write(observed(pairs), out, write_options)
        finally:
            bar.close()
        _note_skipped(inp)
        entry: dict[str, Any] = {"source": inp.name, "encoding": inp.encoding}
        if inp.format != "text":
            entry["format"] = inp.format
            entry["text_column"] = inp.text_column
        entry["records"] = records
        report_sources.append(entry)

    def write_to(target: str, sources: list[str]) -> None:
        """Correct ``sources`` (opened one at a time: globs may name thousands) to ``target``."""
        inputs = (open_input(path, read_options, fmt) for path in sources)
        first = next(inputs)
        try:
            with _open_output(target, first) as out:
                process(first, out)
                first.close()
                for inp in inputs:  # several text inputs, concatenated
                    try:
                        process(inp, out)
                    finally:
                        inp.close()
        finally:
            first.close()

    try:
        if output_dir is not None:
            try:
                os.makedirs(output_dir, exist_ok=True)
            except OSError as exc:
                raise OutputError(f"cannot create {output_dir}: {exc.strerror}") from None
            for path, target in zip(paths, targets):
                write_to(target, [path])
                click.echo(f"wrote {target}", err=True)
        else:
            write_to(output, paths)
    finally:
        if client is not None:
            client.close()
    if report:
        _write_json(report, {"version": __version__, "sources": report_sources})


@contextlib.contextmanager
def _open_output(target: str, inp) -> Iterator[IO[Any]]:
    """``target`` (``-`` is stdout) opened for ``inp.write``: atomically, binary or text."""
    from .io import atomic_writer

    if target == "-":
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # pragma: no cover - a text-only stdout
            yield sys.stdout
            return
        sys.stdout.flush()
        out = io.TextIOWrapper(
            buffer, encoding="utf-8", errors="surrogateescape", newline="", write_through=True
        )
        try:
            yield out
            out.flush()
        finally:
            out.detach()
    elif inp.binary_output:
        with atomic_writer(target, "wb") as fh:
            yield fh
    else:
        with atomic_writer(
            target, "w", encoding=inp.output_encoding, errors="surrogateescape", newline=""
        ) as fh:
            yield fh


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

    # undecodable bytes (lone surrogates in file names or text) become \udcXX escapes:
    # valid JSON that reads back to the same strings
    with atomic_writer(path, "w", encoding="utf-8", errors="backslashreplace") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2)
        fh.write("\n")


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--no-progress", is_flag=True, help="No progress bar on stderr.")
@click.option(
    "--unknown/--no-unknown",
    default=False,
    help="Also list words no dictionary knows (default: off).",
)
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
                items = [
                    (c.start, c.original, c.replacement, c.kind, c.confidence, "")
                    for c in lr.result.corrections
                ]
                items += [
                    (f.start, f.original, f.suggestion, f.kind, f.confidence, "?")
                    for f in lr.result.flags
                ]
                if unknown:
                    flagged = {f.start for f in lr.result.flags}
                    items += [
                        (u.start, u.word, "", "unknown", 0.0, "")
                        for u in lr.result.unknown
                        if u.start not in flagged
                    ]
                for start, word, sugg, kind, conf, mark in sorted(items):
                    found += 1
                    if kind == "unknown":
                        click.echo(f"{source.name}:{lr.number}:{start + 1}: {word} (unknown)")
                    else:
                        click.echo(
                            f"{source.name}:{lr.number}:{start + 1}: {word} -> "
                            f"{sugg}{mark} ({kind}, {conf:.2f})"
                        )
        finally:
            if bar is not None:
                bar.close()
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
@click.option("--report", metavar="FILE.json", help="Also write the JSON report.")
@click.option(
    "--label-column",
    "label_columns",
    multiple=True,
    metavar="NAME",
    help="Record inputs: show this column or field (author, date) beside each row; repeatable.",
)
@_record_input_options
@_jobs_option
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
    dicts: tuple[str, ...],
    no_user_dicts: bool,
    min_confidence: float | None,
) -> None:
    """Correct INPUT files and write a side-by-side briefing (PDF, DOCX).

    Text files: a row per line.  CSV, JSON Lines, DOCX and Parquet: a row per record
    (line breaks inside a record become spaces), labelled with --label-column.
    """
    from .formats import ReadOptions, combine, detect_format, one_line, open_input
    from .io import read_text
    from .parallel import correct_many

    paths = _expand_globs(inputs)
    all_outputs = list(outputs) + ([report] if report else [])
    _check_outputs_not_inputs(paths, all_outputs)
    for o in all_outputs:
        if Path(o).suffix.lower() not in (".pdf", ".docx", ".json"):
            raise OutputError(f"{o}: unknown output format (use .pdf, .docx or .json)")
    kinds = [detect_format(p, input_format) for p in paths]
    if label_columns and all(k in ("text", "docx") for k in kinds):
        raise click.UsageError("--label-column needs a CSV, JSONL or Parquet input")
    corrector = _load_corrector(dicts, no_user_dicts, min_confidence)
    load = _load_kwargs(dicts, no_user_dicts, min_confidence)
    fmt = None if input_format == "auto" else input_format
    results = []
    for path, kind in zip(paths, kinds):
        if path == "-":
            raise InputError("brief needs files, not stdin")
        if kind == "text":
            text, encoding = read_text(path)
            if encoding not in ("utf-8", "utf-8-sig", "ascii"):
                click.echo(f"redline: note: {path}: not UTF-8; read as {encoding}", err=True)
            results.append(corrector.correct(text, source=Path(path).name))
            continue
        labels = label_columns if kind not in ("docx",) else ()
        inp = open_input(path, ReadOptions(text_column, labels, skip_bad_records), fmt)
        for note in inp.notes:
            click.echo(f"redline: note: {note}", err=True)
        pairs = correct_many(
            inp.records(),
            text=lambda r: one_line(r.text),
            jobs=jobs,
            load=load,
            corrector=corrector,
        )
        results.append(combine(pairs, source=Path(path).name))
        _note_skipped(inp)
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status instead of raising (errors are one line)."""
    try:
        cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="redline",
            standalone_mode=False,
        )
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
        click.echo(
            f"redline: internal error: {type(exc).__name__}: {exc} "
            "(set REDLINE_DEBUG=1 for the traceback)",
            err=True,
        )
        return EXIT_INTERNAL
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
