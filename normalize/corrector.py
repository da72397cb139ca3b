"""STUB (being written): the public Corrector.  Returns the text unchanged for now."""

from __future__ import annotations

from collections.abc import Sequence

from .records import Result


class Corrector:
    def __init__(self, min_confidence: float = 0.5) -> None:
        self.min_confidence = min_confidence

    @classmethod
    def load(
        cls,
        dictionaries: Sequence[str] = ("geopolitics",),
        min_confidence: float = 0.5,
        user: bool = True,
    ) -> Corrector:
        return cls(min_confidence)

    def correct(self, text: str, source: str | None = None) -> Result:
        return Result(original=text, text=text, source=source)
