"""bench/realtext: running text with real misspellings from the training split only."""

from __future__ import annotations

import random

import pytest

from bench import realtext
from bench.fit_errormodel import BENCH_SAMPLE, BENCH_SEED, _default_eval_dir
from bench.run import load_mitton, load_norvig

EVAL = _default_eval_dir()
pytestmark = pytest.mark.skipif(
    not (EVAL / "mitton" / "missp.dat").exists(), reason="no evaluation data here"
)


def _test_split() -> set[tuple[str, str]]:
    held: set[tuple[str, str]] = set()
    for name in ("spell-testset1.txt", "spell-testset2.txt"):
        held.update(load_norvig(EVAL / "norvig" / name))
    for name in ("aspell.dat", "wikipedia.dat"):
        held.update(load_mitton(EVAL / "mitton" / name))
    birkbeck = load_mitton(EVAL / "mitton" / "missp.dat")
    held.update(random.Random(BENCH_SEED).sample(birkbeck, BENCH_SAMPLE))
    return {(w.lower(), r.lower()) for w, r in held}


def test_the_parts_use_disjoint_training_pairs_only() -> None:
    dev = {(w, r) for r, ws in realtext.pairs("dev").items() for w in ws}
    held = {(w, r) for r, ws in realtext.pairs("heldout").items() for w in ws}
    assert dev and held and not dev & held
    assert not (dev | held) & _test_split()


def test_the_misspelt_text_is_reproducible_and_line_aligned() -> None:
    typed, gold = realtext.build("dev")
    assert (typed, gold) == realtext.build("dev")
    assert len(typed) == len(gold) and typed != gold
    for t, g in zip(typed, gold, strict=True):
        assert len(t.split()) == len(g.split())
