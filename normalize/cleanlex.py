"""A clean lexicon: which listed words are doubtful, and may be contested as typos.

The big word lists hold real rare words *and* common misspellings: wordfreq's long tail
has ``batallion`` and ``lossing``; even SCOWL's "large" list has ``heathy`` and
``medias``.  Words of the long tail (``TAIL``, ``RARE``) are always contested.  A listed
word of the ``CORE`` tier is doubted in two tiers:

* *rare* (below ``Settings.doubtful_max_count`` per billion) and one edit from a word at
  least ``doubtful_ratio`` times more frequent (``heathy`` beside ``healthy``): always
  contested;
* *uncommon* (below ``doubtful_context_max_count``) with such a neighbour: contested only
  where the words around vouch for that word and not for the typed one (``the social
  medias are``: the language model knows "social media are"), so ``o'er vales`` stays.

In a contest the error model, the priors and the context decide, and the typed word keeps
a bonus for being listed (``Settings.core_keep_bonus``), so a rare but right word
(``abseil``, ``moult``) stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .lexicon import Lexicon, WordInfo


def neighbours(
    lex: Lexicon, key: str, info: WordInfo, max_count: float, ratio: float, min_length: int
) -> tuple[str, ...]:
    """The trusted words one edit from a listed word (lowercase ``key``) rarer than
    ``max_count`` per billion that are at least ``ratio`` times more frequent."""
    if info.count >= max_count or len(key) < min_length or not key.isalpha():
        return ()
    if info.listed or info.keep_only:
        return ()
    floor = max(info.count, 1.0) * ratio
    out = []
    for cand, dist in lex.candidates(key, 1):
        if dist != 1:
            continue
        ci = lex.info(cand)
        if ci is not None and ci.trusted and not ci.keep_only and ci.count >= floor:
            out.append(cand)
    return tuple(out)


def doubtful(
    lex: Lexicon, key: str, info: WordInfo, max_count: float, ratio: float, min_length: int
) -> bool:
    """Whether a listed word (lowercase ``key``) is rare (below ``max_count`` per billion)
    and one edit from a word at least ``ratio`` times more frequent."""
    return bool(neighbours(lex, key, info, max_count, ratio, min_length))


def vouched(
    key: str, rivals: tuple[str, ...], left: tuple[str, ...], right: tuple[str, ...], margin: float
) -> bool:
    """Whether the words around vouch for one of ``rivals`` rather than for ``key``: the
    trigram model (``lm.py``) raises the rival, over its own frequency, by at least
    ``margin`` (log10) more than it raises the typed word ("the social media are" is a
    phrase; "o'er values and" is only a frequent word in an odd place)."""
    if not rivals:
        return False
    from . import lm

    model = lm.get()
    if model is None or not [w for w in left + right if w not in (lm.BOS, lm.EOS, "")]:
        return False

    def lift(word: str) -> float:
        return model.window(left, [word], right) - model.logprob(word)

    own = lift(key)
    return any(lift(r) >= own + margin for r in rivals)
