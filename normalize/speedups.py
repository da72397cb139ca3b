"""The optional compiled twins of a few hot functions (``normalize/_speedups.c``).

``native()`` is the extension module when it was built (``pip install`` compiles it when
a C compiler and the Python headers are there; a failed build is skipped silently), it
was built from the ``_speedups.c`` beside this file (when that is there: a source tree)
with the ABI this code expects, and ``REDLINE_PURE`` is not set (``REDLINE_PURE=1``
forces the pure-Python originals); else None.  Both give the same answers, bit for bit
(``tests/test_speed.py``).  Loaded on the first decision, not at import.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import ModuleType

ABI = 1  # must match SPEEDUPS_ABI in _speedups.c (a build of another ABI is not used)

_loaded: list[ModuleType | None] = []


def native() -> ModuleType | None:
    """The compiled module, or None (not built, stale, or ``REDLINE_PURE=1``)."""
    if _loaded:
        return _loaded[0]
    mod = None
    if os.environ.get("REDLINE_PURE", "") in ("", "0"):
        mod = _load()
    if mod is not None:
        from . import keyboard

        keyboard.setup_native(mod)
    _loaded.append(mod)
    return mod


def _load() -> ModuleType | None:
    try:
        from . import _speedups as mod  # type: ignore[attr-defined]
    except ImportError:
        mod = _installed_copy()
    if mod is None or getattr(mod, "ABI", None) != ABI:
        return None
    source = Path(__file__).with_name("_speedups.c")
    if source.is_file():  # a source tree: the build must be of this very source
        from .lexicon import sha256

        if sha256(source.read_bytes()).hexdigest()[:16] != getattr(mod, "SOURCE", None):
            return None
    return mod


def _installed_copy() -> ModuleType | None:
    """The extension of an installed copy of the package, when this one runs from a
    source tree without a build (tests run from a checkout over ``pip install .``): the
    module stands alone, and the source check above still applies."""
    from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader
    from importlib.util import module_from_spec, spec_from_file_location

    here = Path(__file__).resolve().parent
    for entry in sys.path:
        folder = Path(entry or ".") / "normalize"
        try:
            if folder.resolve() == here:
                continue
        except OSError:
            continue
        for suffix in EXTENSION_SUFFIXES:
            path = folder / f"_speedups{suffix}"
            if path.is_file():
                name = "normalize._speedups"
                loader = ExtensionFileLoader(name, str(path))
                spec = spec_from_file_location(name, str(path), loader=loader)
                if spec is None:
                    continue
                try:
                    mod = module_from_spec(spec)
                    loader.exec_module(mod)
                except ImportError:
                    continue
                return mod
    return None


def reset() -> None:
    """Forget the choice (tests: after changing ``REDLINE_PURE``)."""
    _loaded.clear()
