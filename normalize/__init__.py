"""Redline's correction library.

>>> from normalize import Corrector
>>> c = Corrector.load(dictionaries=["geopolitics"])
>>> r = c.correct("Legally binding sgrerment, signed in Budspest.")
>>> r.text
'Legally binding agreement, signed in Budapest.'
"""

from __future__ import annotations

from types import ModuleType

from .errors import DictionaryError, InputError, OutputError, RedlineError
from .records import Correction, Flag, Paragraph, Result, Unknown, apply_corrections

__version__ = "0.1.0"

__all__ = [
    "Corrector",
    "Correction",
    "DictionaryError",
    "Flag",
    "InputError",
    "OutputError",
    "Paragraph",
    "RedlineError",
    "Result",
    "Unknown",
    "__version__",
    "apply_corrections",
]


def __getattr__(name: str):  # lazy: importing normalize stays cheap
    if name == "Corrector":
        from .corrector import Corrector

        return Corrector
    raise AttributeError(name)


SPEEDUPS_ABI = 1  # must match _speedups.c (a build of another ABI is not used)

_native: list[ModuleType | None] = []


def native_speedups() -> ModuleType | None:
    """The optional compiled twins of a few hot functions (``normalize/_speedups.c``),
    or None: not built (``pip install`` compiles them when a C compiler and the Python
    headers are there; a failed build is skipped silently), built from another source
    than the ``_speedups.c`` beside this file (a source tree), of another ABI, or
    ``REDLINE_PURE=1`` (which forces the pure-Python originals).  Both give the same
    answers, bit for bit (``tests/test_speed.py``).  Loaded on first use."""
    if _native:
        return _native[0]
    import os

    mod = None
    if os.environ.get("REDLINE_PURE", "") in ("", "0"):
        mod = _load_speedups()
    if mod is not None:
        from . import keyboard

        keyboard.setup_native(mod)
    _native.append(mod)
    return mod


def _load_speedups() -> ModuleType | None:
    from pathlib import Path

    try:
        from . import _speedups as mod  # type: ignore[attr-defined]
    except ImportError:
        mod = _installed_speedups()
    if mod is None or getattr(mod, "ABI", None) != SPEEDUPS_ABI:
        return None
    source = Path(__file__).with_name("_speedups.c")
    if source.is_file():  # a source tree: the build must be of this very source
        from .lexicon import sha256

        if sha256(source.read_bytes()).hexdigest()[:16] != getattr(mod, "SOURCE", None):
            return None
    return mod


def _installed_speedups() -> ModuleType | None:
    """The extension of an installed copy of the package, when this one runs from a
    source tree without a build (tests run from a checkout over ``pip install .``): the
    module stands alone, and the source check above still applies."""
    import sys
    from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader
    from importlib.util import module_from_spec, spec_from_file_location
    from pathlib import Path

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
