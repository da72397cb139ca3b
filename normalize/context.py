"""Bigram context: how much better a candidate fits between its neighbours than chance.

The evidence is a pointwise mutual information, ``log10(B(a,b) / E(a,b))``, where ``B`` is
the bigram count (symspellpy's bundled Google Books bigram list plus domain phrases such
as "Budapest Memorandum") and ``E`` what independence predicts from unigram counts.
Only positive evidence counts: the bigram list is truncated, so a missing pair says
little.  The bonus is capped so that context can tip a decision but not invent one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from . import lm
from .lexicon import N_TOTAL, Lexicon
from .tokenize import Token

MAX_BONUS = 2.0
BOUNDARY = ""


def pair_bonus(lex: Lexicon, a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return lex.memo(("pmi", a, b), _pair_bonus, lex, a, b)


def _pair_bonus(lex: Lexicon, a: str, b: str) -> float:
    bg = lex.bigram(a, b)
    if bg <= 0:
        return 0.0
    ga = lex.google_count(a) or lex.count(a) * lex.google_n / N_TOTAL
    gb = lex.google_count(b) or lex.count(b) * lex.google_n / N_TOTAL
    expected = max(ga, 1.0) * max(gb, 1.0) / lex.google_n
    return max(0.0, min(MAX_BONUS, math.log10(bg / max(expected, 1.0))))


def bonus(lex: Lexicon, prev: str, word: str, nxt: str) -> float:
    """Context evidence for ``word`` between ``prev`` and ``nxt`` (lowercase or "")."""
    return pair_bonus(lex, prev, word) + pair_bonus(lex, word, nxt)


def follow_logprob(lex: Lexicon, a: str, b: str) -> float:
    """log10 P(b | a): the bigram's share of ``a``'s count, or P(b) when that is larger."""
    p_b = max(lex.count(b), 1.0) / N_TOTAL
    bg = lex.bigram(a, b)
    ga = lex.google_count(a)
    if bg > 0 and ga > 0:
        p_b = max(p_b, min(1.0, bg / ga))
    return math.log10(p_b)


SENTENCE_BREAK = _SENTENCE_BREAK = re.compile(r"[.!?…:;]|\n")


def lm_word(text: str) -> str:
    """A word as the language model spells it: lowercase, straight apostrophes."""
    return text.replace("\u2019", "'").replace("\u02bc", "'").lower()


def window(
    tokens: Sequence[Token],
    words: Sequence[int],
    n: int,
    replaced: Mapping[int, str],
    size: int = 2,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Up to ``size`` words either side of word ``n`` (as corrected so far) for the
    language model, oldest first; ``<s>``/``</s>`` where a sentence or line ends and
    ``<unk>`` for a number, URL or the like.  Commas and quotes are looked through."""

    def word_at(k: int, last: bool) -> str:
        ti = words[k]
        text = replaced.get(ti, tokens[ti].text).split() or [""]
        return lm_word(text[-1] if last else text[0])

    def gap(a: int, b: int) -> str | None:
        """The marker between words a < b, or None when they are only spaced apart."""
        between = tokens[words[a] + 1 : words[b]]
        if any(t.kind == "protected" for t in between):
            return "<unk>"
        if _SENTENCE_BREAK.search("".join(t.text for t in between)):
            return ""
        return None

    left: list[str] = []
    k = n
    while len(left) < size:
        if k == 0:
            left.append(lm.BOS)
            break
        g = gap(k - 1, k)
        if g is not None:
            left.append(g or lm.BOS)
            break
        k -= 1
        left.append(word_at(k, last=True))
    right: list[str] = []
    k = n
    while len(right) < size:
        if k + 1 >= len(words):
            right.append(lm.EOS)
            break
        g = gap(k, k + 1)
        if g is not None:
            right.append(g or lm.EOS)
            break
        k += 1
        right.append(word_at(k, last=False))
    return tuple(reversed(left)), tuple(right)
