"""The options of a briefing: one immutable object shared by every exporter.

>>> opts = BriefOptions(title="Budapest talks", author="Desk 4")
>>> opts.replace(landscape=True).landscape
True
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

import normalize

DEFAULT_TITLE = "Correction briefing"


@dataclass(frozen=True, slots=True)
class BriefOptions:
    """What a briefing says about itself and how it is laid out.

    ``date`` defaults to today; ``dictionaries`` and ``min_confidence`` are shown in the
    title block (they describe how the results were made, the exporters never re-run
    correction).  ``reviewer`` and ``reviewed`` say who went through the results and how
    many items that person decided (accepted or rejected); the title block shows them when
    set.  ``tracked_changes`` makes a DOCX a revision document instead of the
    side-by-side table; ``only_changed`` keeps only the paragraphs with a correction or
    an uncertain spot in the side-by-side body.
    """

    title: str = DEFAULT_TITLE
    author: str | None = None
    subject: str = "Original and corrected text side by side"
    date: _dt.date | None = None
    landscape: bool = False
    only_changed: bool = False
    tracked_changes: bool = False
    dictionaries: tuple[str, ...] = ()
    min_confidence: float | None = None
    version: str = normalize.__version__
    creator: str = field(default=f"Redline {normalize.__version__}")
    reviewer: str | None = None
    reviewed: int | None = None

    def __post_init__(self) -> None:
        if isinstance(self.dictionaries, str):
            raise TypeError("dictionaries must be a sequence of names, not one string")
        if not isinstance(self.dictionaries, tuple):
            object.__setattr__(self, "dictionaries", tuple(self.dictionaries))
        if self.min_confidence is not None and not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError(f"min_confidence must be within 0..1, not {self.min_confidence}")
        if self.reviewed is not None and (
            isinstance(self.reviewed, bool) or not isinstance(self.reviewed, int)
        ):
            raise TypeError(f"reviewed must be a whole number, not {self.reviewed!r}")
        if self.reviewed is not None and self.reviewed < 0:
            raise ValueError(f"reviewed must be 0 or more, not {self.reviewed}")
        if self.date is not None and not isinstance(self.date, _dt.date):
            raise TypeError(f"date must be a datetime.date, not {type(self.date).__name__}")

    @property
    def day(self) -> _dt.date:
        """The date printed on the briefing (``date``, or today)."""
        if isinstance(self.date, _dt.datetime):
            return self.date.date()
        return self.date or _dt.date.today()

    def replace(self, **changes: Any) -> BriefOptions:
        """A copy with some fields changed: ``opts.replace(landscape=True)``."""
        return dataclasses.replace(self, **changes)
