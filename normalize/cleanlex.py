"""A clean lexicon: which listed words are doubtful, and may be contested as typos.

The big word lists hold real rare words *and* common misspellings: wordfreq's long tail
has ``batallion`` and ``lossing``; even SCOWL's "large" list has ``heathy`` and
``medias``.  Words of the long tail (``TAIL``, ``RARE``) are always contested.  A listed
word of the ``CORE`` tier is contested only when it is rare and one edit away from a
far more frequent word (``heathy`` beside ``healthy``): then the error model, the
priors and the context decide, and the typed word keeps a bonus for being listed
(``Settings.core_keep_bonus``), so a rare but right word (``abseil``, ``moult``) stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .lexicon import Lexicon, WordInfo


def doubtful(
    lex: Lexicon, key: str, info: WordInfo, max_count: float, ratio: float, min_length: int
) -> bool:
    """Whether a listed word (lowercase ``key``) is rare (below ``max_count`` per billion)
    and one edit from a word at least ``ratio`` times more frequent."""
    if info.count >= max_count or len(key) < min_length or not key.isalpha():
        return False
    if info.listed or info.keep_only:
        return False
    floor = max(info.count, 1.0) * ratio
    for cand, dist in lex.candidates(key, 1):
        if dist != 1:
            continue
        ci = lex.info(cand)
        if ci is not None and ci.trusted and not ci.keep_only and ci.count >= floor:
            return True
    return False
