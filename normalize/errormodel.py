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

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from . import keyboard
from . import native_speedups as native

NEG = -1e9

#: alpha -> first letter of beta ("" for a deletion) -> ((beta, log10 p), ...)
_Table = dict[str, dict[str, tuple[tuple[str, float], ...]]]


@lru_cache(maxsize=4)
def load_table(path: str | None = None) -> _Table:
    """The fitted edits, from ``path`` or the shipped ``data/errormodel.tsv``."""
    if path is None:  # parsed once, then unmarshalled from the cache (start-up)
        from . import datafiles

        return datafiles.parsed("errormodel.tsv", "1", _parse_table)
    return _parse_table(Path(path).read_text(encoding="utf-8"))


def _parse_table(text: str) -> _Table:
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


@lru_cache(maxsize=32768)
def _fitted(typed: str, intended: str, floor: float, path: str | None, least: float = NEG) -> float:
    """The fitted model's value when it is at least ``least``; else a value below
    ``least`` (never above the answer): cells below ``least`` are skipped as well."""
    if typed == intended:
        return 0.0
    a, b = f"^{intended}$", f"^{typed}$"
    low = max(_lower_bound(typed, intended, floor, path), least)
    fast = native()
    if fast is not None:  # the same programme compiled (normalize/_speedups.c)
        return fast.fitted(a, b, floor, low, _edits(path), _pieces(b, path), NEG)
    return _fitted_dp(a, b, floor, low, path)


def _fitted_dp(a: str, b: str, floor: float, low: float, path: str | None) -> float:
    """The programme of :func:`_fitted` over ``a = ^intended$`` and ``b = ^typed$``, cells
    below ``low`` skipped (the pure-Python reference of ``_speedups.fitted``)."""
    table = _edits(path)
    m, n = len(a), len(b)
    best = [[NEG] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    # Every cell's value is that of a path, and a path only loses value; so a cell below
    # the answer is on no best path, and skipping every cell below a bound that the
    # answer reaches leaves the answer exactly as it was (the cells of a best path are
    # never skipped); an answer below ``least`` may come out lower still.
    pieces = _pieces(b, path)
    for i in range(m):  # (row m, "$" consumed, starts nothing)
        row = best[i]
        ai = a[i]
        edge = ai in "^$"
        down = best[i + 1]
        down2 = best[i + 2] if i + 1 < m else None
        a_next = a[i + 1] if i + 1 < m else ""
        # the learned edits of the pieces of ``intended`` that start here
        groups = []
        for la in (1, 2, 3):
            if i + la > m:
                break
            group = table.get(a[i : i + la])
            if group is not None:
                groups.append((best[i + la], group))
        for j in range(n + 1):
            v = row[j]
            if v <= NEG or v < low:
                continue  # (speed) nothing through here can reach the best answer
            bj = b[j] if j < n else ""
            if ai == bj:
                if v > down[j + 1]:
                    down[j + 1] = v
            elif bj and bj not in "^$" and not edge and v + floor > down[j + 1]:
                down[j + 1] = v + floor  # edits the table may lack: a substitution,
            if not edge and v + floor > down[j]:
                down[j] = v + floor  # ... a deletion, an insertion, a swap
            if j < n and bj not in "^$" and i > 0 and v + floor > row[j + 1]:
                row[j + 1] = v + floor
            if (
                down2 is not None
                and j + 1 < n
                and a_next == bj
                and b[j + 1] == ai
                and ai != bj
                and v + floor > down2[j + 2]
            ):
                down2[j + 2] = v + floor
            if groups:  # the learned edits into what ``typed`` has here
                here = pieces[j]
                for target, edits in groups:
                    for beta, w in here:
                        p = edits.get(beta)
                        if p is not None and v + p > target[w]:
                            target[w] = v + p
    return best[m][n]


@lru_cache(maxsize=4)
def _edits(path: str | None) -> dict[str, dict[str, float]]:
    """alpha -> beta -> log10 p: the fitted edits by what is typed, for lookups."""
    out: dict[str, dict[str, float]] = {}
    for alpha, d in load_table(path).items():
        edits = out[alpha] = {}
        for items in d.values():
            for beta, p in items:
                edits[beta] = max(p, edits.get(beta, p))
    return out


@lru_cache(maxsize=4)
def _typed_pieces(path: str | None) -> tuple[frozenset[str], int]:
    """Every beta of the fitted edits (what an edit can have typed), and the longest."""
    betas = frozenset(beta for d in _edits(path).values() for beta in d)
    return betas, max(map(len, betas), default=0)


@lru_cache(maxsize=256)  # (the candidates of one typed word come one after another)
def _pieces(b: str, path: str | None) -> tuple[tuple[tuple[str, int], ...], ...]:
    """For each position ``j`` of ``b`` (and its end): ``(b[j:w], w)`` for every piece of
    ``b`` starting there that some fitted edit types (the empty one among them)."""
    betas, longest = _typed_pieces(path)
    n = len(b)
    return tuple(
        tuple((b[j:w], w) for w in range(j, min(n, j + longest) + 1) if b[j:w] in betas)
        for j in range(n + 1)
    )


def _lower_bound(typed: str, intended: str, floor: float, path: str | None) -> float:
    """A value the answer cannot be below, to skip hopeless cells (an exact saving):
    every cost is a log10 probability, never positive, so a path only loses value, and
    the optimal string alignment of the two words is itself a path, of ``distance``
    edits each costing ``floor``, added up in the same order as the table does."""
    if floor > 0 or _max_edit_logp(path) > 0:
        return NEG  # costs that could gain value: no bound
    low = 0.0
    for _ in range(osa_distance()(intended, typed, len(intended) + len(typed))):
        low += floor
    return low


@lru_cache(maxsize=1)
def osa_distance() -> Callable[[str, str, int], int]:
    """editdistpy's optimal string alignment distance ``(a, b, max)``, imported once: an
    import inside a function called a hundred thousand times a run costs a microsecond
    a call (``from package import module`` runs importlib's Python code each time)."""
    from editdistpy import damerau_osa

    return damerau_osa.distance


@lru_cache(maxsize=4)
def _max_edit_logp(path: str | None) -> float:
    table = load_table(path)
    return max((p for d in table.values() for items in d.values() for _b, p in items), default=0.0)


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
    # (speed) the fitted value matters only where it beats ``kb``: asked for exactly at
    # or above ``kb - offset`` (less a margin for rounding), else only known to be below
    least = kb - offset - _ROUNDING
    return max(kb, _fitted(typed, intended, floor, path, least) + offset)


_ROUNDING = 1e-6  # far above the rounding error of a sum of a few dozen costs
