"""The error model: how people mistype on a QWERTY keyboard, as log10 probabilities.

``channel(typed, intended)`` aligns the two words with a weighted Damerau-Levenshtein
(optimal string alignment) in which each edit costs what it is likely to cost a hurried
typist: hitting a neighbouring key is common, a random letter is rare; doubling a letter
or dropping one of a double is very common; a key beside the space bar stands in for a
lost space; a stray lowercase letter before a capital (``zNuland``) is a slip of the
shift key.  The candidate *words* come from symspellpy; this only ranks them.
"""

from __future__ import annotations

from functools import lru_cache
from types import ModuleType

from . import native_speedups as native

_ROWS = ("1234567890-=", "qwertyuiop[]", "asdfghjkl;'", "zxcvbnm,./")
_OFFSETS = (0.0, 0.5, 0.75, 1.25)

_POS: dict[str, tuple[float, float]] = {}
for _r, (_row, _off) in enumerate(zip(_ROWS, _OFFSETS)):
    for _c, _ch in enumerate(_row):
        _POS[_ch] = (float(_r), _c + _off)

SPACE_NEIGHBOURS = frozenset("cvbnm")
VOWELS = frozenset("aeiouy")

# log10 costs of single edits
P_ADJACENT_SUB = -1.9
P_VOWEL_SUB = -2.1
P_OTHER_SUB = -3.2
P_DOUBLE_INS = -1.8  # typed a letter twice: "agreemment"
P_ADJACENT_INS = -2.0  # brushed a neighbouring key: "ukjraine"
P_SPACE_KEY_INS = -2.1  # a key beside the space bar at a word edge: "notb"
P_OTHER_INS = -3.0
P_DOUBLE_DEL = -1.8  # one letter of a double dropped: "transfered"
P_DEL = -2.5
P_TRANSPOSE = -2.2
P_NO_ERROR = -0.02


@lru_cache(maxsize=4096)
def adjacent(a: str, b: str) -> bool:
    """True when keys ``a`` and ``b`` touch on a QWERTY keyboard."""
    pa, pb = _POS.get(a), _POS.get(b)
    if pa is None or pb is None or a == b:
        return False
    dr, dc = abs(pa[0] - pb[0]), abs(pa[1] - pb[1])
    return dr <= 1.0 and dc <= 1.0 and (dr + dc) <= 1.5


_ADJACENT = frozenset((a, b) for a in _POS for b in _POS if adjacent(a, b))


@lru_cache(maxsize=32768)
def channel(typed: str, intended: str) -> float:
    """log10 P(typed | intended) for lowercase words; ``P_NO_ERROR`` when equal.

    A weighted optimal-string-alignment distance in which each edit costs what it costs
    a hurried typist (see the module docstring); the best alignment's log probability.
    """
    if typed == intended:
        return P_NO_ERROR
    one = _one_edit(typed, intended)
    if one is not None:
        return one
    fast = native()  # the same programme compiled (normalize/_speedups.c), when built
    return fast.alignment(typed, intended) if fast is not None else _alignment(typed, intended)


# the single edits cost between _MOST and _LEAST; two cost less than any one of them
_SINGLE = (P_ADJACENT_SUB, P_VOWEL_SUB, P_OTHER_SUB, P_DOUBLE_INS, P_ADJACENT_INS)
_SINGLE += (P_SPACE_KEY_INS, P_OTHER_INS, P_DOUBLE_DEL, P_DEL, P_TRANSPOSE)
_ONE_EDIT_EXACT = 2 * max(_SINGLE) < min(_SINGLE)


def _one_edit(typed: str, intended: str) -> float | None:
    """:func:`channel` of two words one edit apart, without the programme (None for any
    other pair).  Exact: two edits cost less than any single one (``_ONE_EDIT_EXACT``),
    so the best alignment is the best single edit, whose cost the programme adds to 0.0;
    where several positions give the same word (a letter of a run dropped or typed
    twice), each of them is next to the same letter and costs the "double" price."""
    if not _ONE_EDIT_EXACT:
        return None
    m, n = len(typed), len(intended)
    if abs(m - n) > 1:
        return None
    p = 0
    short = min(m, n)
    while p < short and typed[p] == intended[p]:
        p += 1
    if m == n:
        if typed[p + 1 :] == intended[p + 1 :]:  # one letter differs
            t, c = typed[p], intended[p]
            if (t, c) in _ADJACENT:
                return P_ADJACENT_SUB
            if t in VOWELS and c in VOWELS:
                return P_VOWEL_SUB
            return P_OTHER_SUB
        if (
            p + 1 < m
            and typed[p] == intended[p + 1]
            and typed[p + 1] == intended[p]
            and typed[p + 2 :] == intended[p + 2 :]
        ):
            return P_TRANSPOSE
        return None
    if m == n + 1:  # typed[p] typed in excess
        if typed[p + 1 :] != intended[p:]:
            return None
        t = typed[p]
        prev_t = typed[p - 1] if p > 0 else ""
        next_t = typed[p + 1] if p + 1 < m else ""
        if t == prev_t or t == next_t:
            return P_DOUBLE_INS
        if (p == m - 1 or p == 0) and t in SPACE_NEIGHBOURS:
            return P_SPACE_KEY_INS
        if (t, prev_t) in _ADJACENT or (t, next_t) in _ADJACENT:
            return P_ADJACENT_INS
        return P_OTHER_INS
    if typed[p:] != intended[p + 1 :]:  # intended[p] dropped
        return None
    c = intended[p]
    if (p > 0 and intended[p - 1] == c) or (p + 1 < n and intended[p + 1] == c):
        return P_DOUBLE_DEL
    return P_DEL


def _alignment(typed: str, intended: str) -> float:
    """:func:`channel` by the weighted alignment programme (any two words)."""
    m, n = len(typed), len(intended)
    adj = _ADJACENT
    # cost of typing typed[k] as an extra letter, and of dropping intended[j]
    ins = []
    for k, t in enumerate(typed):
        prev_t = typed[k - 1] if k > 0 else ""
        next_t = typed[k + 1] if k + 1 < m else ""
        if t == prev_t or t == next_t:
            ins.append(P_DOUBLE_INS)
        elif (k == m - 1 or k == 0) and t in SPACE_NEIGHBOURS:
            ins.append(P_SPACE_KEY_INS)
        elif (t, prev_t) in adj or (t, next_t) in adj:
            ins.append(P_ADJACENT_INS)
        else:
            ins.append(P_OTHER_INS)
    dels = []
    for j, c in enumerate(intended):
        double = (j > 0 and intended[j - 1] == c) or (j + 1 < n and intended[j + 1] == c)
        dels.append(P_DOUBLE_DEL if double else P_DEL)
    neg = -1e9
    prev2: list[float] = []
    prev = [0.0] * (n + 1)
    for j in range(1, n + 1):
        prev[j] = prev[j - 1] + dels[j - 1]
    for k in range(1, m + 1):
        tk = typed[k - 1]
        row = [prev[0] + ins[k - 1]] + [neg] * n
        for j in range(1, n + 1):
            ij = intended[j - 1]
            if tk == ij:
                best = prev[j - 1]
            elif (tk, ij) in adj:
                best = prev[j - 1] + P_ADJACENT_SUB
            elif tk in VOWELS and ij in VOWELS:
                best = prev[j - 1] + P_VOWEL_SUB
            else:
                best = prev[j - 1] + P_OTHER_SUB
            v = prev[j] + ins[k - 1]
            if v > best:
                best = v
            v = row[j - 1] + dels[j - 1]
            if v > best:
                best = v
            if k > 1 and j > 1 and tk != ij and tk == intended[j - 2] and typed[k - 2] == ij:
                v = prev2[j - 2] + P_TRANSPOSE
                if v > best:
                    best = v
            row[j] = best
        prev2, prev = prev, row
    return prev[n]


def setup_native(mod: ModuleType) -> None:
    """Give the compiled alignment (``_speedups.alignment``) this model's tables."""
    adj = bytearray(128 * 128)
    for a, b in _ADJACENT:
        if ord(a) < 128 and ord(b) < 128:
            adj[ord(a) * 128 + ord(b)] = 1
    costs = (P_ADJACENT_SUB, P_VOWEL_SUB, P_OTHER_SUB, P_DOUBLE_INS, P_ADJACENT_INS)
    costs += (P_SPACE_KEY_INS, P_OTHER_INS, P_DOUBLE_DEL, P_DEL, P_TRANSPOSE)
    mod.keyboard_setup(
        bytes(adj), "".join(sorted(VOWELS)), "".join(sorted(SPACE_NEIGHBOURS)), costs
    )


def stray_shift(word: str) -> str | None:
    """``zNuland`` → ``Nuland``, ``UzS`` → ``US``: drop one lowercase slip among capitals."""
    if len(word) >= 3 and word[0].islower() and word[1].isupper() and word[2:].islower():
        return word[1:]
    letters = [c for c in word if c.isalpha()]
    if len(letters) >= 3:
        lower = [i for i, c in enumerate(word) if c.islower()]
        if len(lower) == 1 and 0 < lower[0] < len(word) - 1 and word[0].isupper():
            return word[: lower[0]] + word[lower[0] + 1 :]
    return None
