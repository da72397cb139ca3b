"""Capitalisation: ``i`` -> ``I``, day and month names, names the dictionaries know in
their canonical case (``london`` -> ``London``), and case slips (``WHat`` -> ``What``).

Deliberate styles are respected: a paragraph written all in lowercase (a poem, a chat
message) or all in capitals gets no casing changes at all.
"""

from __future__ import annotations

import bisect
import re

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january february april june july september october november december"  # unambiguous
).split()
# month names that are also common words: only next to a number ("march 3", "in may 2024")
AMBIGUOUS_MONTHS = ("march", "may", "august")
_SLIP = re.compile(r"^[A-Z]{2}[a-z]+$")  # WHat, THe, THis: the shift key held too long


class ParagraphStyles:
    """:func:`paragraph_style` for every position of one text, each paragraph read once
    (a text of one very long line must not be rescanned for every word)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None
        self._cache: dict[int, tuple[str, bool]] = {}

    def at(self, pos: int) -> tuple[str, bool]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in re.finditer("\n", self._text)]
        start = self._starts[bisect.bisect_right(self._starts, pos) - 1]
        style = self._cache.get(start)
        if style is None:
            style = self._cache[start] = paragraph_style(self._text, start)
        return style


def paragraph_style(text: str, pos: int) -> tuple[str, bool]:
    """The case style of the paragraph around ``pos``: ``"lower"`` or ``"upper"`` when it
    is written all in one case, else ``"mixed"``; and whether its apostrophes are curly."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    para = text[start : end if end >= 0 else len(text)]
    has_upper = any(c.isupper() for c in para)
    has_lower = any(c.islower() for c in para)
    curly = para.count("\u2019") > para.count("'")
    if has_upper and not has_lower:
        return "upper", curly
    if has_lower and not has_upper:
        return "lower", curly
    return "mixed", curly


MONTH_PREPOSITIONS = frozenset({"in", "since", "until", "till", "during", "from"})
# "last august", "next march": a month name; "the last march", "the next may be" are not,
# so these count only when no article or word stands before them (see contextfix)
MONTH_MODIFIERS = frozenset({"last", "next", "early", "late", "mid"})


# "the end of march", "the start of august": the part of a month (never "may")
MONTH_PARTS = frozenset({"end", "start", "beginning", "middle", "rest"})


def month_part_before(left: tuple[str, ...]) -> bool:
    """Whether the words before a month name (lowercase, oldest first) read "end of",
    "start of", "beginning of", ...: "the end of march"."""
    return len(left) >= 2 and left[-1] == "of" and left[-2] in MONTH_PARTS


def month_after_modifier(left: tuple[str, ...]) -> bool:
    """Whether the words before a month name (lowercase, oldest first) read "last",
    "next", "early", ... with no article or possessive before them: "last august", not
    "the last march", "their next march"."""
    if not left or left[-1] not in MONTH_MODIFIERS:
        return False
    return len(left) < 2 or left[-2] not in _DETERMINERS


_DETERMINERS = frozenset(
    "a an the this that these those my your his her its our their whose some any no every "
    "each".split()
)


def near_number(before: str, after: str) -> bool:
    """Whether a number stands right before or after the word ("3 march", "may 2024"),
    given the text just before and just after it."""
    return bool(re.match(r"[ \t]+\d", after)) or bool(
        re.search(r"\d(?:st|nd|rd|th)?[ \t]+$", before)
    )


def case_slip(word: str) -> str | None:
    """``WHat`` -> ``What``: two capitals then lowercase (the caller checks that the
    dictionary does not know the typed form)."""
    if _SLIP.match(word) and len(word) >= 3:
        return word[0] + word[1:].lower()
    return None
