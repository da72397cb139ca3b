"""The language model used for context decisions: a word trigram model.

The model is CMU's US-English trigram model (``en-us.lm.bin``, BSD-style licence) that
ships in the ``pocketsphinx`` wheel.  It is compiled once into a memory-mapped table in
the cache (:mod:`normalize.lmtable`, the same scores as ``pocketsphinx.NGramModel``), so
opening it costs next to nothing; it is opened lazily, when a word that context must
decide (a confusable word, a missing apostrophe) first appears.  Its vocabulary is
lowercase with straight apostrophes ("don't", "it's"); ``<s>`` and ``</s>`` mark the
sentence boundaries.

Scores are log10 probabilities.  Comparing alternatives for one word only needs the
terms that the word touches: its own probability and those of the two words after it
(:func:`LanguageModel.window`).
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from functools import lru_cache

BOS, EOS = "<s>", "</s>"
_LOG10_BASE = math.log10(1.0001)  # pocketsphinx scores are integer logs, base 1.0001
_OOV = -536870912
OOV_LOGPROB = -7.0  # log10 P(a word the model does not know): about a rare word's


class LanguageModel:
    """log10 P(word | two words before it) from a pocketsphinx ``NGramModel``."""

    def __init__(self, model) -> None:
        self._model = model
        self._prob = lru_cache(maxsize=30_000)(self._prob_uncached)
        self.knows = lru_cache(maxsize=30_000)(self._knows)
        self.unigram = lru_cache(maxsize=30_000)(self._unigram)

    def _knows(self, word: str) -> bool:
        """Whether the model's vocabulary holds ``word``."""
        return self._model.prob([word]) != _OOV

    def _unigram(self, word: str) -> float:
        """log10 P(word), no history."""
        return self._prob(word, "", "")

    def _prob_uncached(self, word: str, h1: str, h2: str) -> float:
        words = [w for w in (word, h1, h2) if w]
        raw = self._model.prob(words)
        if raw == _OOV:  # an unknown word: back off to a floor
            return OOV_LOGPROB
        return raw * _LOG10_BASE

    def logprob(self, word: str, history: Sequence[str] = ()) -> float:
        """log10 P(word | history), history oldest first (only the last two count)."""
        h = [w for w in history[-2:] if w]
        h1 = h[-1] if h else ""
        h2 = h[-2] if len(h) > 1 else ""
        if h1 and not self.knows(h1):
            h1 = h2 = ""  # an unknown neighbour says nothing: use the unigram
        elif h2 and not self.knows(h2):
            h2 = ""
        return self._prob(word, h1, h2)

    def window(self, left: Sequence[str], middle: Sequence[str], right: Sequence[str]) -> float:
        """The terms of log10 P(left + middle + right) that ``middle`` changes: its own
        words' and those of up to two words after it."""
        own, after = self.window_parts(left, middle, right)
        return own + after

    def window_parts(
        self, left: Sequence[str], middle: Sequence[str], right: Sequence[str]
    ) -> tuple[float, float]:
        """:meth:`window` in two parts: the middle words' own terms (what the words
        before them say) and those of the words after them (what those say)."""
        seq = list(left[-2:]) + list(middle) + list(right[:2])
        start = len(left[-2:])
        own = after = 0.0
        for i in range(start, len(seq)):
            p = self.logprob(seq[i], seq[max(0, i - 2) : i])
            if i < start + len(middle):
                own += p
            else:
                after += p
        return own, after


def _model_path() -> str | None:
    explicit = os.environ.get("REDLINE_LM")
    if explicit:
        return explicit
    import importlib.util

    spec = importlib.util.find_spec("pocketsphinx")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = list(spec.submodule_search_locations)[0]
    path = os.path.join(root, "model", "en-us", "en-us.lm.bin")
    return path if os.path.isfile(path) else None


@lru_cache(maxsize=1)
def get() -> LanguageModel | None:
    """The shared model, loaded on first use; None when pocketsphinx is not installed
    (context decisions are then skipped, never guessed)."""
    path = _model_path()
    if path is None:
        return None
    try:
        from . import lmtable

        compiled = lmtable.open_model(path)  # mapped, compiled once into the cache
        if compiled is not None:
            return LanguageModel(compiled)
    except Exception:  # an unwritable cache, a damaged file: read the model itself
        pass
    try:
        from pocketsphinx import NGramModel

        return LanguageModel(NGramModel.readfile(path))
    except Exception:  # a broken install: no model rather than a crash
        return None
