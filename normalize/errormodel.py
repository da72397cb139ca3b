"""The error model, P(typed | intended), as log10 probabilities.

Two views of how a word goes wrong, and the more probable one counts:

* ``keyboard.channel`` -- a hurried typist on a QWERTY keyboard (neighbouring keys,
  doubled and dropped letters, swaps): slips of the hand;
* the fitted edit model here -- Brill & Moore's (ACL 2000) string-to-string edits
  (``ph`` -> ``f``, ``ance`` -> ``ence``, a dropped ``e`` before ``$``...), learned from
  published misspellings by ``bench/fit_errormodel.py`` into ``data/errormodel.tsv``:
  slips of the mind, spellings by ear.

``channel(typed, intended)`` is the best segmentation of ``intended`` into pieces each
typed as a learned edit (or as itself), found by dynamic programming over both words;
an edit the table lacks costs ``floor``.  The fitted table is read once, lazily.
"""

from __future__ import annotations

import importlib.resources as resources
from functools import lru_cache
from pathlib import Path

from . import keyboard

NEG = -1e9

#: alpha -> first letter of beta ("" for a deletion) -> ((beta, log10 p), ...)
_Table = dict[str, dict[str, tuple[tuple[str, float], ...]]]


@lru_cache(maxsize=4)
def load_table(path: str | None = None) -> _Table:
    """The fitted edits, from ``path`` or the shipped ``data/errormodel.tsv``."""
    if path is None:
        text = (resources.files("normalize") / "data" / "errormodel.tsv").read_text("utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    grouped: dict[str, dict[str, list[tuple[str, float]]]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        alpha, beta, p = line.split("\t")
        grouped.setdefault(alpha, {}).setdefault(beta[:1], []).append((beta, float(p)))
    return {a: {k: tuple(v) for k, v in d.items()} for a, d in grouped.items()}


def fitted(typed: str, intended: str, floor: float = -4.0, path: str | None = None) -> float:
    """log10 P(typed | intended) under the fitted edit model (lowercase words)."""
    return _fitted(typed, intended, floor, path)


@lru_cache(maxsize=65536)
def _fitted(typed: str, intended: str, floor: float, path: str | None) -> float:
    if typed == intended:
        return 0.0
    table = load_table(path)
    a, b = f"^{intended}$", f"^{typed}$"
    m, n = len(a), len(b)
    best = [[NEG] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for i in range(m + 1):
        row = best[i]
        ai = a[i] if i < m else ""
        # the learned edits that rewrite a piece of the intended word starting here
        groups = [
            (i + la, g) for la in (1, 2, 3) if i + la <= m and (g := table.get(a[i : i + la]))
        ]
        for j in range(n + 1):
            v = row[j]
            if v <= NEG:
                continue
            bj = b[j] if j < n else ""
            if i < m:
                if ai == bj:
                    if v > best[i + 1][j + 1]:
                        best[i + 1][j + 1] = v
                elif bj and bj not in "^$" and ai not in "^$" and v + floor > best[i + 1][j + 1]:
                    best[i + 1][j + 1] = v + floor  # edits the table may lack: a substitution,
                if ai not in "^$" and v + floor > best[i + 1][j]:
                    best[i + 1][j] = v + floor  # ... a deletion, an insertion, a swap
                if j < n and bj not in "^$" and i > 0 and v + floor > row[j + 1]:
                    row[j + 1] = v + floor
                if (
                    i + 1 < m
                    and j + 1 < n
                    and a[i + 1] == bj
                    and b[j + 1] == ai
                    and ai != bj
                    and v + floor > best[i + 2][j + 2]
                ):
                    best[i + 2][j + 2] = v + floor
                for k, group in groups:
                    for key in (bj, ""):
                        for beta, p in group.get(key, ()):
                            if b.startswith(beta, j):
                                w = j + len(beta)
                                if v + p > best[k][w]:
                                    best[k][w] = v + p
    return best[m][n]


def channel(
    typed: str,
    intended: str,
    distance: int,
    extra_edit_cost: float,
    offset: float,
    floor: float,
    path: str | None = None,
    fitted_model: bool = True,
) -> float:
    """log10 P(typed | intended): the keyboard slip or the fitted edit, whichever is more
    probable.  ``distance`` is the edit distance (each keyboard edit beyond the first costs
    ``extra_edit_cost``); ``offset`` puts the fitted model on the keyboard model's scale."""
    kb = keyboard.channel(typed, intended) + extra_edit_cost * (max(distance, 1) - 1)
    if not fitted_model:
        return kb
    return max(kb, fitted(typed, intended, floor, path) + offset)
