"""Correct many records on all cores, in order.

>>> for record, result in correct_many(records, text=lambda r: r.text, jobs=4,
...                                    load={"dictionaries": ["geopolitics"]}):
...     ...

Records stay in this process; only their texts travel, in chunks (256 by default), to a
process pool whose workers each open the correction index once (``Corrector.load`` in
the worker initializer: the index is one read-only file of hash tables, so workers
share its pages through the OS cache).  Results come back in input order, and at most a
few chunks per worker are in flight, so memory stays bounded whatever the input size.
Correcting a text depends on that text alone, so the output is the same for any number of
jobs.

* ``jobs=1``, or an input that fits in one chunk, runs in this process, with no pool.
* Workers are forked on Linux (cheap start), or spawned where fork is unavailable or
  unsafe (the process already runs threads).
* ``executor`` swaps the pool for anything with ``submit(fn, *args)`` returning futures,
  e.g. a Dask client (see :mod:`normalize.dask`).
"""

from __future__ import annotations

import collections
import itertools
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import multiprocessing.context

from .records import Correction, Flag, Result, Unknown
from .stream import correct_line

T = TypeVar("T")
CHUNK = 256
#: Chunks in flight per worker: enough to keep every worker busy, few enough to bound memory.
WINDOW_PER_JOB = 4

Packed = tuple[str, tuple[Correction, ...], tuple[Flag, ...], tuple[Unknown, ...]]

_worker_corrector: Any = None  # the corrector of this worker process (or its load error)


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def pack(result: Result) -> Packed:
    """What travels back from a worker: the result without its (known) original."""
    return (result.text, result.corrections, result.flags, result.unknown)


def unpack(original: str, packed: Packed) -> Result:
    text, corrections, flags, unknown = packed
    return Result(original, text, corrections, flags, unknown)


def _init_worker(load: dict[str, Any]) -> None:
    global _worker_corrector
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    for name in ("SIGTERM", "SIGHUP"):  # not the parent's handler (forked): just end
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    try:
        from .corrector import Corrector

        _worker_corrector = Corrector.load(**load)
    except BaseException as exc:  # reported by the first task, not a respawn loop
        _worker_corrector = exc


def _correct_chunk(texts: list[str]) -> list[Packed]:
    c = _worker_corrector
    if isinstance(c, BaseException):
        raise c
    return [pack(correct_line(c.correct, t)) for t in texts]


def _context() -> multiprocessing.context.BaseContext:
    import multiprocessing  # only when a pool is needed: it costs start-up time

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def correct_many(
    items: Iterable[T],
    *,
    text: Callable[[T], str] = lambda item: item,  # type: ignore[assignment,return-value]
    jobs: int | None = None,
    load: dict[str, Any] | None = None,
    corrector: Any = None,
    chunk_size: int = CHUNK,
    executor: Any = None,
    task: Callable[..., list[Packed]] | None = None,
) -> Iterator[tuple[T, Result]]:
    """Yield ``(item, result)`` for each item, in order, correcting ``text(item)``.

    ``load`` are the keyword arguments of ``Corrector.load`` (each worker calls it once);
    ``corrector`` is used for in-process work (loaded from ``load`` when not given).
    ``executor`` with ``task(texts, *extra)``: run chunks there instead of in a pool.
    """
    load = dict(load or {})
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    it = iter(items)
    first = list(itertools.islice(it, chunk_size + 1))
    if executor is None and (jobs == 1 or len(first) <= chunk_size):
        if corrector is None:
            from .corrector import Corrector

            corrector = Corrector.load(**load)
        for item in itertools.chain(first, it):
            yield item, correct_line(corrector.correct, text(item))
        return
    chunks = _chunks(itertools.chain(first, it), chunk_size)
    if executor is not None:
        assert task is not None, "an executor needs its task"
        yield from _ordered(
            chunks,
            lambda texts: executor.submit(task, texts, load),
            text,
            WINDOW_PER_JOB * max(jobs, 1),
        )
        return
    pool = _pool(jobs, load)
    try:
        yield from _ordered(
            chunks, lambda texts: pool.submit(_correct_chunk, texts), text, WINDOW_PER_JOB * jobs
        )
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _pool(jobs: int, load: dict[str, Any]):
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        max_workers=jobs, mp_context=_context(), initializer=_init_worker, initargs=(load,)
    )


def _chunks(items: Iterator[T], size: int) -> Iterator[list[T]]:
    while True:
        chunk = list(itertools.islice(items, size))
        if not chunk:
            return
        yield chunk


def _ordered(
    chunks: Iterator[list[T]],
    submit: Callable[[list[str]], Any],
    text: Callable[[T], str],
    window: int,
) -> Iterator[tuple[T, Result]]:
    """Submit chunks ahead (at most ``window`` pending); yield results in input order."""
    pending: collections.deque[tuple[list[T], list[str], Any]] = collections.deque()

    def drain_one() -> Iterator[tuple[T, Result]]:
        chunk, texts, future = pending.popleft()
        for item, original, packed in zip(chunk, texts, future.result(), strict=True):
            yield item, unpack(original, packed)

    for chunk in chunks:
        texts = [text(item) for item in chunk]
        pending.append((chunk, texts, submit(texts)))
        if len(pending) >= window:
            yield from drain_one()
    while pending:
        yield from drain_one()
