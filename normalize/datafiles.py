"""The package's data files, found and parsed cheaply (start-up matters).

:func:`path` finds ``normalize/data/NAME`` as a plain file when the package is installed
as files (it always is from a wheel), without ``importlib.resources``' machinery (a few
milliseconds of imports on every run); a zip import falls back to that machinery.

:func:`parsed` gives what a parser makes of a data file, parsed once and then read back
from the cache folder with :mod:`marshal` (a fraction of the parse), keyed by the file's
content: ``errormodel.tsv``'s 8,000 lines take ~13 ms to parse and ~3 ms to unmarshal.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

_HERE = Path(__file__).parent / "data"
_MAGIC = "redline-parsed/1"


def path(name: str) -> Any:
    """``normalize/data/<name>``: a ``Path``, or a ``Traversable`` in a zip import."""
    p = _HERE / name
    if p.is_file():
        return p
    import importlib.resources as resources

    return resources.files("normalize") / "data" / name


def read_text(name: str) -> str:
    return path(name).read_text(encoding="utf-8")


def parsed(name: str, version: str, parse: Callable[[str], Any]) -> Any:
    """``parse(read_text(name))``, cached by the data file's content and ``version``
    (change it when ``parse`` changes).  The value must be made of what :mod:`marshal`
    stores (dicts, tuples, lists, str, float, ...).  A cache that cannot be read or
    written costs only the parse."""
    src = path(name)
    if not isinstance(src, Path):
        return parse(src.read_text(encoding="utf-8"))
    from .index import _content_hashes
    from .lexicon import cache_dir

    cached: Path | None = None
    try:
        (digest,) = _content_hashes([src])
        cached = cache_dir() / f"parsed-{name}-{version}-{digest[:16]}.marshal"
        magic, value = marshal.loads(cached.read_bytes())
        if magic == _MAGIC:
            return value
    except Exception:  # missing, damaged, or a cache that cannot be read: parse
        pass
    value = parse(src.read_text(encoding="utf-8"))
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_name(f".index.{cached.name}.{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps((_MAGIC, value)))
            os.replace(tmp, cached)
            for old in cached.parent.glob(f"parsed-{name}-*.marshal"):
                if old != cached:
                    old.unlink(missing_ok=True)
        except Exception:  # a cache that cannot be written: the parse stands
            pass
    return value
