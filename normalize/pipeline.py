"""Read -> correct -> write/report: the one path every command takes.

>>> pipe = Pipeline(["comments.csv"], PipelineOptions(read=ReadOptions(text_column="body")))
>>> with pipe:
...     for inp, pairs in pipe.sources():        # one opened input at a time
...         for record, result in pairs:         # corrected in order, on all cores
...             ...

Every command (``correct``, ``check``, ``brief``) reads through :class:`Pipeline`: the same
reader and the same decoding for a file whatever the command, record formats (CSV/TSV,
JSON Lines, DOCX, Parquet) and globs everywhere, ``--jobs`` and ``--scheduler`` for all.
The steps:

1. **read** — :func:`expand_globs`, :meth:`Pipeline.check_inputs` (every input before
   anything is written), :func:`normalize.formats.open_input`;
2. **correct** — :func:`normalize.parallel.correct_many` (``jobs`` processes, or a Dask
   cluster), each record through :func:`normalize.stream.correct_line`;
3. **after** — each ``Step`` in ``Pipeline(after=...)``, a function ``Result -> Result``
   applied in order to every record's result, in this process, before anything is
   written or reported (the place for recorded review decisions); the result it gets has
   ``source`` set to the input's name and ``meta["record"]`` to the record's number;
4. **write / report** — :func:`correct_to`, :func:`check_findings`, :func:`source_result`
   (the per-source :class:`Result` the report and the briefings are built from), with
   every output checked first and published together (:class:`normalize.io.Outputs`).

The library never prints: notes ("read as cp1252", skipped records) go to ``note``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DataError, InputError, UsageError
from .formats import DEFAULT_READ, Input, ReadOptions, Record, WriteOptions, combine, detect_format
from .io import Outputs, input_error
from .records import Result

#: A step after correction: gets and returns one record's result.
Step = Callable[[Result], Result]
Pairs = Generator[tuple[Record, Result], None, None]


@dataclass(frozen=True)
class PipelineOptions:
    """How to read and how to correct (every command's shared options)."""

    input_format: str = "auto"
    read: ReadOptions = DEFAULT_READ
    #: the keyword arguments of ``Corrector.load`` (each worker process calls it once)
    load: Mapping[str, Any] = field(default_factory=dict)
    jobs: int | None = None  # worker processes; None: all cores
    scheduler: str | None = None  # a Dask scheduler address


def expand_globs(inputs: Sequence[str]) -> list[str]:
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


class Pipeline:
    """The inputs of one run, read and corrected in order (see the module docstring)."""

    def __init__(
        self,
        inputs: Sequence[str],
        options: PipelineOptions = PipelineOptions(),  # noqa: B008 - frozen
        *,
        corrector: Any = None,
        after: Sequence[Step] = (),
        note: Callable[[str], None] = lambda message: None,
    ) -> None:
        self.options = options
        self.paths = expand_globs(inputs)
        fmt = options.input_format
        self.kinds = [detect_format(p, fmt) for p in self.paths]
        self.after = list(after)
        self.note = note
        self._corrector = corrector
        self._client: Any = None
        self._extra: dict[str, Any] | None = None

    # ------------------------------------------------------------------ read
    def check_inputs(self) -> None:
        """Every input exists and is a readable file (before any output is written)."""
        import stat

        for path in self.paths:
            if path == "-":
                continue
            try:
                mode = os.stat(path).st_mode
                if stat.S_ISDIR(mode):
                    raise InputError(f"{path}: is a directory, not a file")
                if stat.S_ISREG(mode):
                    with open(path, "rb"):
                        pass
                elif not os.access(path, os.R_OK):  # a pipe (<(zcat x.gz)): never opened twice
                    raise PermissionError(13, "Permission denied", path)
            except OSError as exc:
                raise input_error(path, exc) from None

    def open(self, path: str) -> Input:
        from .formats import open_input

        fmt = None if self.options.input_format == "auto" else self.options.input_format
        inp = open_input(path, self.options.read, fmt)
        for message in inp.notes:
            self.note(message)
        return inp

    # ------------------------------------------------------------------ correct
    @property
    def corrector(self) -> Any:
        """The in-process corrector (loaded on first use)."""
        if self._corrector is None:
            from .corrector import Corrector

            self._corrector = Corrector.load(**self.options.load)
        return self._corrector

    def _executor(self) -> dict[str, Any]:
        if self._extra is None:
            if self.options.scheduler:
                from .dask import connect, correct_chunk, shipped_load

                self._client, executor, nthreads = connect(self.options.scheduler)
                load = shipped_load(dict(self.options.load))
                self._extra = {"executor": executor, "task": correct_chunk, "jobs": nthreads}
                self._extra["load"] = load
            else:
                self._extra = {"jobs": self.options.jobs}
        return self._extra

    def correct(self, inp: Input, records: Iterable[Record] | None = None) -> Pairs:
        """``(record, result)`` for each record of ``inp``, in order, after every step."""
        from .parallel import correct_many

        extra = dict(self._executor())
        load = extra.pop("load", dict(self.options.load))
        corrector = self.corrector if "executor" not in extra else None
        pairs = _code_untouched(
            correct_many(
                inp.records() if records is None else records,
                text=lambda r: "" if r.code else r.text,
                load=load,
                corrector=corrector,
                **extra,
            )
        )
        try:
            if not self.after:
                yield from pairs
                return
            for record, result in pairs:
                result = dataclasses.replace(
                    result, source=inp.name, meta={"record": record.number}
                )
                for step in self.after:
                    result = step(result)
                yield record, result
        finally:
            # stop the workers here, in the thread that consumed the pairs: left to the
            # garbage collector, the pool's shutdown could run in its own manager thread
            # ("cannot join current thread" after SIGTERM)
            pairs.close()

    def sources(self) -> Iterator[tuple[Input, Pairs]]:
        """Each input opened in turn (globs may name thousands) with its corrected pairs.

        The pairs must be consumed before the next source is asked for.
        """
        for path in self.paths:
            inp = self.open(path)
            pairs = self.correct(inp)
            try:
                yield inp, pairs
            finally:
                pairs.close()
                inp.close()
            self._skipped(inp)

    def _skipped(self, inp: Input) -> None:
        if inp.skipped:
            shown = ", ".join(str(n) for n in inp.skipped[:5])
            more = ", ..." if len(inp.skipped) > 5 else ""
            self.note(
                f"{inp.name}: skipped {len(inp.skipped)} malformed record(s) (line {shown}{more})"
            )

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _code_untouched(pairs: Pairs) -> Pairs:
    """A line of a code block (``Record.code``, sent to the corrector as "") comes back
    as it was: no correction, no flag, no unknown word."""
    try:
        for record, result in pairs:
            yield record, (Result(record.text, record.text) if record.code else result)
    finally:
        pairs.close()  # the workers stop now, in this thread (not at garbage collection)


# ---------------------------------------------------------------------- results


def flatten(result: Result) -> Result:
    """``result`` with each line break (CRLF, CR, LF) a space, offsets moved to match:
    a record stays one paragraph of a briefing or report, with the same corrections."""
    original = result.original
    if "\r" not in original and "\n" not in original:
        return result
    from bisect import bisect_left

    from .formats import one_line

    crlf = [m.start() for m in re.finditer("\r\n", original)]

    def moved(r: Any) -> Any:
        shift = bisect_left(crlf, r.start)
        return dataclasses.replace(r, start=r.start - shift, end=r.end - shift) if shift else r

    return dataclasses.replace(
        result,
        original=one_line(original),
        text=one_line(result.text),
        corrections=tuple(moved(c) for c in result.corrections),
        flags=tuple(moved(f) for f in result.flags),
        unknown=tuple(moved(u) for u in result.unknown),
    )


def source_result(inp: Input, pairs: Iterable[tuple[Record, Result]]) -> Result:
    """One :class:`Result` for a whole input: a paragraph (and a label) per record.

    What the report, ``check --format json`` and the briefings are built from, so every
    command reports the same corrections for the same input.
    """
    result = combine(((r, flatten(res)) for r, res in pairs), source=Path(inp.name).name)
    result.meta["path"] = inp.name
    return result


def source_info(inp: Input, output: str | None = None) -> dict[str, Any]:
    """What the report says about a source besides its records."""
    return {
        "encoding": inp.encoding,
        "format": inp.format,
        "text_column": inp.text_column,
        "output": output,
    }


def begin_source(report: Any, inp: Input, output: str | None = None) -> None:
    """Start ``inp`` in a ``exporters.report.ReportBuilder`` (as :func:`source_result`
    names it, so every command's report names sources alike)."""
    report.begin(Path(inp.name).name, meta={"path": inp.name}, **source_info(inp, output))


def add_record(report: Any, record: Record, result: Result) -> None:
    """One record's result into a ``ReportBuilder``: a paragraph, line breaks as spaces."""
    report.add(flatten(result), line=record.number, label=record.label)


# ---------------------------------------------------------------------- correct


def output_targets(
    paths: Sequence[str], kinds: Sequence[str], output: str, output_dir: str | None
) -> list[tuple[str, list[str]]]:
    """``(target, inputs)`` for ``correct``: each input to ``DIR/<name>``, or every input
    (text only) concatenated to ``output``."""
    if output_dir is not None:
        if output != "-":
            raise UsageError("use -o for one output or -d for a directory, not both")
        if "-" in paths:
            raise UsageError("-d needs input files, not stdin")
        seen: dict[str, str] = {}
        out = []
        for p in paths:
            t = os.path.join(output_dir, Path(p).name)
            if t in seen:
                raise UsageError(f"{seen[t]} and {p} would both be written to {t}")
            seen[t] = p
            out.append((t, [p]))
        return out
    if len(paths) > 1 and any(k != "text" for k in kinds):
        raise UsageError("several CSV, JSONL, DOCX or Parquet inputs need -d DIR")
    if output == "-" and kinds[0] in ("docx", "parquet"):
        raise UsageError(f"{kinds[0].upper()} output needs -o FILE or -d DIR")
    return [(output, list(paths))]


def correct_to(
    pipe: Pipeline,
    targets: Sequence[tuple[str, Sequence[str]]],
    outs: Outputs,
    write: WriteOptions,
    progress: Callable[[Input], Callable[[Record], None]] | None = None,
    report: Any = None,
) -> None:
    """Correct every input into its target (inside ``with outs``); with ``report`` (an
    ``exporters.report.ReportBuilder``), add every record to it as it goes by."""
    for target, sources in targets:
        out_cm = None
        fh: Any = None
        try:
            for path in sources:
                inp = pipe.open(path)
                try:
                    if fh is None:
                        if inp.binary_output:
                            out_cm = outs.open(target, "wb")
                        else:
                            out_cm = outs.open(
                                target,
                                "w",
                                encoding=inp.output_encoding,
                                errors="surrogateescape",
                                newline="",
                            )
                        fh = out_cm.__enter__()
                    tick = progress(inp) if progress is not None else None
                    if report is not None:
                        begin_source(report, inp, None if target == "-" else target)
                    with contextlib.closing(pipe.correct(inp)) as pairs:
                        inp.write(_observed(pairs, tick, report), fh, write)
                finally:
                    inp.close()
                pipe._skipped(inp)
        except BaseException as exc:
            if out_cm is not None:
                out_cm.__exit__(type(exc), exc, exc.__traceback__)
            raise
        if out_cm is not None:
            out_cm.__exit__(None, None, None)


def _observed(pairs: Pairs, tick: Callable[[Record], None] | None, report: Any) -> Pairs:
    for record, result in pairs:
        if tick is not None:
            tick(record)
        if report is not None:
            add_record(report, record, result)
        yield record, result


# ---------------------------------------------------------------------- check


@dataclass(frozen=True)
class Finding:
    """One line of ``check``: where, what, and the suggestion."""

    source: str
    line: int
    column: int
    word: str
    suggestion: str
    kind: str
    confidence: float
    applied: bool  # a correction (True) or an uncertain flag (False); unknown: False

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}:{self.column}"
        if self.kind == "unknown":
            return f"{where}: {self.word} (unknown)"
        mark = "" if self.applied else "?"
        return (
            f"{where}: {self.word} -> {self.suggestion}{mark} ({self.kind}, {self.confidence:.2f})"
        )


def findings(name: str, record: Record, result: Result, unknown: bool) -> list[Finding]:
    """The findings of one record, in order of position.  Columns count from the start of
    the record's text (its line for text input)."""
    items = [
        Finding(
            name, record.number, c.start + 1, c.original, c.replacement, c.kind, c.confidence, True
        )
        for c in result.corrections
    ]
    items += [
        Finding(
            name, record.number, f.start + 1, f.original, f.suggestion, f.kind, f.confidence, False
        )
        for f in result.flags
    ]
    if unknown:
        flagged = {f.start for f in result.flags}
        items += [
            Finding(name, record.number, u.start + 1, u.word, "", "unknown", 0.0, False)
            for u in result.unknown
            if u.start not in flagged
        ]
    return sorted(items, key=lambda f: (f.column, f.word, f.kind))


def check_findings(
    pipe: Pipeline,
    unknown: bool = False,
    progress: Callable[[Input], Callable[[Record], None]] | None = None,
    report: Any = None,
) -> Iterator[Finding]:
    """Every finding of every input, as it is found; with ``report`` (a
    ``ReportBuilder``), every record is added to it too (``check --format json``)."""
    for inp, pairs in pipe.sources():
        tick = progress(inp) if progress is not None else None
        if report is not None:
            begin_source(report, inp)
        for record, result in _observed(pairs, tick, report):
            yield from findings(inp.name, record, result, unknown)


# ---------------------------------------------------------------------- brief


def brief_results(
    pipe: Pipeline, progress: Callable[[Input], Callable[[Record], None]] | None = None
) -> tuple[list[Result], list[dict[str, Any]]]:
    """One :func:`source_result` per input, for the briefings, and each source's
    :func:`source_info` (for the report)."""
    if "-" in pipe.paths:
        raise UsageError("brief needs files, not stdin")
    out, infos = [], []
    for inp, pairs in pipe.sources():
        tick = progress(inp) if progress is not None else None
        if tick is not None:
            pairs = _ticking(pairs, tick)
        out.append(source_result(inp, pairs))
        infos.append(source_info(inp))
    return out, infos


def _ticking(pairs: Pairs, tick: Callable[[Record], None]) -> Pairs:
    for record, result in pairs:
        tick(record)
        yield record, result


# ---------------------------------------------------------------------- report


def report_json(document: Mapping[str, Any]) -> bytes:
    """A report document as ``exporters.report.write_report`` writes it (UTF-8 JSON, a
    lone surrogate as its ``\\udcXX`` escape)."""
    import json

    text = json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n"
    return text.encode("utf-8", "backslashreplace")


def write_report(outs: Outputs, path: str, document: Mapping[str, Any]) -> None:
    """A ``redline-report/1`` document into ``path`` (an output of ``outs``)."""
    if outs.is_file(path):
        from exporters.report import write_report as write

        write(document, outs.path(path))
        return
    with outs.open(path, "wb") as fh:  # a FIFO, a device, stdout
        fh.write(report_json(document))


__all__ = [
    "DataError",
    "Finding",
    "Pipeline",
    "PipelineOptions",
    "Step",
    "brief_results",
    "check_findings",
    "correct_to",
    "expand_globs",
    "flatten",
    "output_targets",
    "report_json",
    "source_info",
    "source_result",
    "write_report",
]
