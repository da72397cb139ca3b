"""Correct text on a Dask cluster, partition by partition (``pip install 'redline[dask]'``).

>>> import dask.bag as db
>>> from normalize.dask import correct_bag, correct_dataframe
>>> corrected = correct_bag(db.from_sequence(texts, npartitions=8), dictionaries=["geopolitics"])
>>> df = correct_dataframe(ddf, "text", dictionaries=["geopolitics"])   # adds text_corrected

Each worker process opens the correction index once and keeps it (a module-level cache
keyed on the ``Corrector.load`` arguments), however many partitions it runs.  The index
is built on a worker the first time it is needed there (about 10 s) and cached in its
``REDLINE_CACHE``.  Shipped dictionaries are resolved by name on the worker; ``--dict``
files and the user's own dictionaries are read here and their contents travel with the
task graph (:func:`shipped_load`), so a cluster run equals a local run.

``redline correct --scheduler tcp://HOST:8786 INPUT... -d OUT/`` uses the same worker
function: the client reads each input, sends chunks of texts to the cluster and writes
the results back in order, in the input's format (:func:`connect`).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

from .errors import DataError
from .parallel import CHUNK, Packed, pack
from .stream import correct_line

_cache: dict[str, Any] = {}
_lock = threading.Lock()


def _key(load: dict[str, Any]) -> str:
    return json.dumps(load, sort_keys=True, default=repr)


def shipped_load(load: dict[str, Any]) -> dict[str, Any]:
    """``Corrector.load`` arguments that do not depend on this machine's files: every
    dictionary given by path, and (unless ``user=False``) the user's own dictionaries,
    replaced by their contents under ``"files"``, ``[(file name, bytes), ...]``, in the
    order they are layered.  :func:`get_corrector` writes them out on the worker."""
    from .corrector import _looks_like_path
    from .errors import DictionaryError
    from .lexicon import user_dictionary_dir

    load = dict(load)
    dicts = list(load.pop("dictionaries", ["geopolitics"]))
    paths = [d for d in dicts if _looks_like_path(d)] + list(load.pop("extra", ()))
    if load.pop("user", True):
        folder = user_dictionary_dir()
        if folder.is_dir():
            paths += [str(p) for p in sorted(folder.glob("*.txt"))]
    files = []
    for p in paths:
        try:
            files.append((Path(p).name, Path(p).read_bytes()))
        except OSError as exc:
            raise DictionaryError(f"{p}: cannot read ({exc.strerror})") from None
    load["dictionaries"] = [d for d in dicts if not _looks_like_path(d)]
    load["user"] = False
    load["files"] = files
    return load


def _materialize(files: list[tuple[str, bytes]]) -> list[str]:
    """Write shipped dictionary files once per content into this machine's temp folder."""
    digest = hashlib.sha256(repr(files).encode()).hexdigest()[:16]
    root = Path(tempfile.gettempdir()) / f"redline-shipped-{digest}"
    out = []
    for i, (name, data) in enumerate(files):
        path = root / str(i) / name
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)
        out.append(str(path))
    return out


def get_corrector(**load: Any):
    """This process's corrector for these ``Corrector.load`` arguments (loaded once);
    ``files`` (from :func:`shipped_load`) are written out and layered as ``extra``."""
    key = _key(load)
    c = _cache.get(key)
    if c is None:
        with _lock:  # several worker threads may ask at once
            c = _cache.get(key)
            if c is None:
                from .corrector import Corrector

                args = dict(load)
                files = args.pop("files", None)
                if files:
                    args["extra"] = list(args.get("extra", ())) + _materialize(files)
                c = _cache[key] = Corrector.load(**args)
    return c


def correct_chunk(texts: list[str], load: dict[str, Any]) -> list[Packed]:
    """The task a worker runs: correct ``texts`` (results without their originals)."""
    c = get_corrector(**load)
    return [pack(correct_line(c.correct, t)) for t in texts]


def _correct_partition(
    items: list[Any], field: str | None, replace: bool, load: dict[str, Any]
) -> list[Any]:
    c = get_corrector(**load)
    out = []
    for item in items:
        if field is None:
            out.append(correct_line(c.correct, item).text if isinstance(item, str) else item)
            continue
        value = item.get(field)
        new = dict(item)
        corrected = correct_line(c.correct, value).text if isinstance(value, str) else None
        if replace:
            if corrected is not None:
                new[field] = corrected
        else:
            new[field + "_corrected"] = corrected
        out.append(new)
    return out


def correct_bag(bag: Any, field: str | None = None, replace: bool = False, **load: Any) -> Any:
    """Correct a ``dask.bag`` of strings (to corrected strings), or of dicts by ``field``.

    With ``field``, each dict gets ``<field>_corrected`` (or ``field`` replaced with
    ``replace=True``); a value that is not a string gives ``None``.  ``load`` are the
    ``Corrector.load`` arguments.  Order within and across partitions is kept.
    """
    return bag.map_partitions(_correct_partition, field, replace, load)


def _correct_frame(pdf: Any, column: str, replace: bool, count: bool, load: dict[str, Any]) -> Any:
    import pandas as pd

    values = pdf[column]
    texts, counts = [], []
    c = get_corrector(**load) if len(values) else None
    for v in values:
        if isinstance(v, str):
            r = correct_line(c.correct, v)  # type: ignore[union-attr]
            texts.append(r.text)
            counts.append(len(r.corrections))
        else:
            texts.append(v)
            counts.append(None)
    out = pdf.copy()
    target = column if replace else column + "_corrected"
    out[target] = pd.Series(texts, index=pdf.index, dtype=values.dtype)
    if count:
        out[column + "_corrections"] = pd.Series(counts, index=pdf.index, dtype="Int64")
    return out


def correct_dataframe(
    df: Any, column: str, replace: bool = False, count: bool = False, **load: Any
) -> Any:
    """Correct ``column`` of a ``dask.dataframe``: adds ``<column>_corrected`` (or replaces).

    ``count=True`` also adds ``<column>_corrections`` (nullable integers).  Needs
    ``dask[dataframe]`` (pandas).
    """
    if column not in df.columns:
        raise DataError(f"no column {column!r} (available: {', '.join(map(str, df.columns))})")
    meta = _correct_frame(df._meta, column, replace, count, load)
    return df.map_partitions(_correct_frame, column, replace, count, load, meta=meta)


class _ClientExecutor:
    """``submit(fn, *args)`` on a Dask client, as :func:`normalize.parallel.correct_many` wants."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def submit(self, fn: Any, *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False)


def connect(address: str) -> tuple[Any, _ClientExecutor, int]:
    """Connect to the scheduler at ``address``: ``(client, executor, worker threads)``."""
    try:
        from distributed import Client
    except ImportError:
        raise DataError("--scheduler needs Dask: pip install 'redline[dask]'") from None
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise DataError(f"cannot reach the Dask scheduler at {address} ({exc})") from None
    workers = client.scheduler_info().get("workers", {})
    threads = sum(w.get("nthreads", 1) for w in workers.values()) or 1
    return client, _ClientExecutor(client), threads


__all__ = [
    "CHUNK",
    "connect",
    "correct_bag",
    "correct_chunk",
    "correct_dataframe",
    "get_corrector",
    "shipped_load",
]
