"""Redline's correction library.

>>> from normalize import Corrector
>>> c = Corrector.load(dictionaries=["geopolitics"])
>>> r = c.correct("Legally binding sgrerment, signed in Budspest.")
>>> r.text
'Legally binding agreement, signed in Budapest.'
"""

from __future__ import annotations

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
