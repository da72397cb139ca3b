"""The benchmark scorer (bench/score.py) follows the seeds/README.md rule edit by edit."""

from __future__ import annotations

import pytest

from bench.score import (
    SAMPLE_AMBIGUOUS,
    SAMPLE_GOLD,
    SAMPLE_INPUT,
    SAMPLE_KEEP,
    align,
    false_changes,
    read_ambiguous,
    read_keep,
    read_lines,
    score_lines,
    words,
)

INP = ["There isbreally just one thst matters.", "Signed in Budspest, by NATO."]
GOLD = ["There is really just one that matters.", "Signed in Budapest, by NATO."]


def test_gold_against_itself_is_perfect() -> None:
    sc = score_lines(INP, GOLD, GOLD)
    assert (sc.tp, sc.fp, sc.fn) == (3, 0, 0)
    assert sc.precision == sc.recall == sc.f05 == 1.0


def test_input_unchanged_has_zero_recall() -> None:
    sc = score_lines(INP, GOLD, INP)
    assert (sc.tp, sc.fp, sc.fn) == (0, 0, 3)
    assert sc.recall == 0.0
    assert sc.precision == 1.0  # convention: no edits made
    assert sc.f05 == 0.0


def test_one_wrong_fix_is_one_fp_and_one_fn() -> None:
    out = ["There is really just one this matters.", "Signed in Budapest, by NATO."]
    sc = score_lines(INP, GOLD, out)
    assert (sc.tp, sc.fp, sc.fn) == (2, 1, 1)
    ((fp, expected),) = sc.false_positives
    assert fp.line == 1 and fp.original == ("thst",) and fp.replacement == ("this",)
    assert expected is not None and expected.replacement == ("that",)
    assert sc.false_negatives[0].original == ("thst",)


def test_spurious_change_is_fp() -> None:
    out = ["There is really just one that matters.", "Signed on Budapest, by NATO."]
    sc = score_lines(INP, GOLD, out)
    assert (sc.tp, sc.fp, sc.fn) == (3, 1, 0)


def test_surrounding_punctuation_is_ignored() -> None:
    out = ["There is really just one that matters", "Signed in Budapest by NATO."]
    sc = score_lines(INP, GOLD, out)
    assert (sc.tp, sc.fp, sc.fn) == (3, 0, 0)


def test_runon_split_aligns_per_word() -> None:
    a = align(1, words("a isbreally rsther b"), words("a is really rather b"))
    got = [(e.start, e.end, e.replacement) for e in a.edits]
    assert got == [(1, 2, ("is", "really")), (2, 3, ("rather",))]


AMB_INP = ["Scot said so in Kiyv.", "Agreement in the borders in 1994."]
AMB_GOLD = ["Scott said so in Kyiv.", "Agreement on the borders in 1994."]
AMB = {1: {"Scot": ["Scott"], "Kiyv": ["Kyiv", "Kiev"]}, 2: {"in": ["on"]}}


def test_ambiguous_alternative_is_tp() -> None:
    out = ["Scott said so in Kiev.", "Agreement on the borders in 1994."]
    sc = score_lines(AMB_INP, AMB_GOLD, out, ambiguous=AMB)
    assert (sc.tp, sc.fp, sc.fn) == (3, 0, 0)


def test_ambiguous_unchanged_is_not_fn() -> None:
    sc = score_lines(AMB_INP, AMB_GOLD, AMB_INP, ambiguous=AMB)
    assert (sc.tp, sc.fp, sc.fn) == (0, 0, 0)
    assert len(sc.ambiguous_unchanged) == 3


def test_ambiguous_wrong_alternative_is_fp() -> None:
    out = ["Scat said so in Kiyv.", "Agreement in the borders on 1994."]
    sc = score_lines(AMB_INP, AMB_GOLD, out, ambiguous=AMB)
    # 'Scat' is not allowed; the *other* 'in' is not the ambiguous spot
    assert (sc.tp, sc.fp, sc.fn) == (0, 2, 0)


def test_keep_violation() -> None:
    inp = ["Nuland met Lavrov in Minsk; it isn’t over."]
    out = ["Poland met Lavrov in Mink; it isn't over."]
    sc = score_lines(inp, inp, out, keep=["Nuland", "Minsk", "isn"])
    assert sorted(v.token for v in sc.keep_violations) == ["Minsk", "Nuland"]
    assert sc.fp == 3  # the apostrophe change is still an edit


def test_false_changes_rate() -> None:
    fc = false_changes(["one two three four"], ["one too three four"])
    assert fc.words == 4 and len(fc.changes) == 1 and fc.per_1000 == 250.0


def test_sample_gold_scores_perfect() -> None:
    inp, gold = read_lines(SAMPLE_INPUT), read_lines(SAMPLE_GOLD)
    if not inp:
        pytest.skip("no sample")
    sc = score_lines(
        inp, gold, gold, ambiguous=read_ambiguous(SAMPLE_AMBIGUOUS), keep=read_keep(SAMPLE_KEEP)
    )
    assert sc.fp == 0 and sc.fn == 0 and not sc.keep_violations
    assert sc.tp == 79
    base = score_lines(inp, gold, inp, ambiguous=read_ambiguous(SAMPLE_AMBIGUOUS))
    assert base.tp == 0 and base.fp == 0 and base.fn == 74


def test_false_changes_ignore_gold_edits() -> None:
    fc = false_changes(["a Tomohawk b c"], ["a Tomahawk b see"], ["a Tomahawk b c"])
    assert [e.replacement for e in fc.changes] == [("see",)]
