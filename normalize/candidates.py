"""Candidates beyond two edits: words that *sound* like a long misspelling.

Misspellings by ear (``syncorization`` for ``synchronization``, ``majaerly`` for
``majorly``) are often more than two edits from the word, out of reach of the edit-based
candidate search.  Their pronunciation is closer: the Metaphone keys (via jellyfish) of
``syncorization`` and ``synchronization`` are ``SNKRSXN`` and ``SNXRNSXN``, two edits
apart.  The index keeps, for every phonetic key, the most frequent candidate words
(the ``sounds`` table); this module searches those keys for ones within a small edit
distance of the typed word's key, so a long misspelling finds the words it sounds like.

The keys are read into memory when a long unknown word first needs them, those of one
first sound and length at a time (``Lexicon.sound_keys``), once per lexicon.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from . import native_speedups as native

if TYPE_CHECKING:
    from .lexicon import Lexicon

_KEYS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _onset(code: str) -> str:
    """A key's first sound, with the vowels as one (Metaphone keeps an initial vowel)."""
    return "V" if code[:1] in "AEIOU" else code[:1]


def _bucket(lex: Lexicon, onset: str, length: int) -> list[tuple[str, str]]:
    """The phonetic keys of the index that start with ``onset`` and are ``length`` long,
    with their words, tab-separated (read once per lexicon, onset and length)."""
    got = _KEYS.setdefault(lex, {})
    bucket = got.get((onset, length))
    if bucket is None:
        bucket = got[(onset, length)] = [
            item
            for first in ("AEIOU" if onset == "V" else onset)
            for item in lex.sound_keys(first, length)
        ]
    return bucket


def max_key_distance(code: str) -> int:
    """How far a key may be from the typed word's: short keys say too little to stray."""
    if len(code) >= 7:
        return 2
    if len(code) >= 4:
        return 1
    return 0


def sound_alikes(lex: Lexicon, key: str, limit: int = 12) -> list[tuple[str, int]]:
    """Words whose phonetic key is within :func:`max_key_distance` of ``key``'s and starts
    with the same sound, as ``(word, key distance)``: nearest in sound first, then in
    spelling, then the most frequent (at most ``limit``)."""
    from .lexicon import sound_code

    code = sound_code(key)
    reach = max_key_distance(code)
    if reach == 0:
        return []
    onset = _onset(code)
    found: dict[str, int] = {}
    fast = native()  # the same scan compiled (normalize/_speedups.c), when built
    scan = fast.sound_scan if fast is not None else _scan
    for n in range(len(code) - reach, len(code) + reach + 1):
        for words, d in scan(code, _bucket(lex, onset, n), reach):
            for w in words.split("\t"):
                if w != key and d < found.get(w, 99):
                    found[w] = d
    from .corrector import _distance

    # nearest in sound, then in spelling, then the most frequent; the finer keys only for
    # words near enough in sound to reach the first ``limit`` places (the same ranking)
    items = list(found.items())
    if len(items) > limit:
        cut = sorted(d for _w, d in items)[limit - 1]
        items = [kv for kv in items if kv[1] <= cut]
    ranked = sorted(items, key=lambda kv: (kv[1], _distance(key, kv[0]), -lex.count(kv[0])))
    return ranked[:limit]


def _scan(code: str, bucket: list[tuple[str, str]], reach: int) -> list[tuple[str, int]]:
    """The ``(words, d)`` of the bucket's keys within ``reach`` of ``code`` (``d``, their
    Levenshtein distance), in the bucket's order: what ``_speedups.sound_scan`` computes."""
    from editdistpy import levenshtein

    distance = levenshtein.distance
    return [(words, d) for other, words in bucket if (d := distance(code, other, reach)) >= 0]


def everyday_rivals(lex: Lexicon, key: str, min_count: float) -> tuple[str, ...]:
    """The everyday words (at least ``min_count`` per billion) exactly two edits from a
    short word (``wif``: with; ``ouy``: you), found without a two-edit search of the whole
    lexicon (which, for a word of three letters, returns thousands); remembered per word."""
    return lex.memo(("everyday", key, min_count), _everyday_rivals, lex, key, min_count)


def _everyday_rivals(lex: Lexicon, key: str, min_count: float) -> tuple[str, ...]:
    fast = native()  # the same filter compiled (normalize/_speedups.c), when built
    if fast is not None:
        return fast.rivals(key, _everyday(lex, min_count))
    return _rivals(key, _everyday(lex, min_count))


def _rivals(key: str, words: tuple[str, ...]) -> tuple[str, ...]:
    """The ``words`` 2 to ``len(key) + 2`` long exactly two edits from ``key``, in order:
    what ``_speedups.rivals`` computes."""
    from editdistpy import damerau_osa

    n = len(key)
    return tuple(w for w in words if 1 < len(w) <= n + 2 and damerau_osa.distance(key, w, 2) == 2)


def _everyday(lex: Lexicon, min_count: float) -> tuple[str, ...]:
    """The lexicon's trusted words at least ``min_count`` per billion, taken from the head
    of symspellpy's frequency list (most frequent first; read once per lexicon)."""
    got = _EVERYDAY.setdefault(lex, {})
    if min_count not in got:
        from .index import _package_dir  # found, not imported (its import costs 40 ms)

        words = []
        res = _package_dir("symspellpy") / "frequency_dictionary_en_82_765.txt"
        with res.open("r", encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if n >= _EVERYDAY_HEAD:
                    break
                w = line.split(" ", 1)[0]
                info = lex.info(w) if w.isalpha() else None
                if info is not None and info.trusted and not info.keep_only:
                    if info.count >= min_count:
                        words.append(w)
        got[min_count] = tuple(words)
    return got[min_count]


_EVERYDAY_HEAD = 2000  # the everyday words are among the most frequent few thousand
_EVERYDAY: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
