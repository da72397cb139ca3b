"""Safe segmentation: when a run-on word may be split, and when it may not.

A lost or mistyped space (``ofthe``, ``isbreally``) is common; so are misspellings that
happen to contain two words (``beliving`` is not ``be living``, ``aknowledge`` not
``a knowledge``, ``Forteen`` not ``For teen``).  A split is kept as a hypothesis only when

* it beats the best one-word correction by ``margin`` (log10) with its context, and is at
  least as probable without it (the prior and the error model alone): context may tip a
  close call towards a split, not invent one (a one-word fix that is one of the split's
  parts, ``within`` for ``withina``, is no rival: it only drops the other part);
* each of its parts is final: a part that would itself be corrected in its place
  (``ip through`` -> ``up``, ``an sward that`` -> ``award``) makes the split a fragment,
  and correcting the corrected text again would change it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar


class Hypothesis(Protocol):
    text: str
    score: float
    context: float


H = TypeVar("H", bound=Hypothesis)


def safe_splits(
    splits: Sequence[H],
    others: Sequence[Hypothesis],
    margin: float,
    changes: Callable[[str, str, str], bool],
    prev: str = "",
    nxt: str = "",
    close: list[H] | None = None,
) -> list[H]:
    """The ``splits`` that may compete with the one-word hypotheses ``others``.

    ``changes(part, before, after)`` says whether a part would be corrected between its
    neighbours; it is asked only of splits that pass the cheaper tests.  Splits that pass
    every test but the margin (ahead of every rival, with and without context, by less
    than ``margin``) are put in ``close`` when it is given: a caller with a stronger
    reading of the context (the trigram model) may still take them.
    """
    words = [h for h in others if h.text and " " not in h.text]
    out = []
    for h in sorted(splits, key=lambda h: -h.score):
        parts = h.text.split(" ")
        # a one-word fix that is a part of the split ("within" for "withina") only says
        # that the other part was typed by mistake: it is no rival explanation
        rivals = [w for w in words if w.text not in parts]
        best = max((w.score for w in rivals), default=None)
        bare = max((w.score - w.context for w in rivals), default=None)
        near = False
        if best is not None and bare is not None:
            if h.score - h.context < bare or h.score < best:
                continue
            near = h.score < best + margin
            if near and close is None:
                continue
        first, second = h.text.split(" ", 1)
        if changes(first, prev, second) or changes(second, first, nxt):
            continue
        (close if near else out).append(h)  # type: ignore[union-attr]
    return out
