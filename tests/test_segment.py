"""Safe segmentation: splits only into words, never into fragments; one pass is final."""

from __future__ import annotations

import pytest

from normalize import Corrector
from normalize.corrector import _Hyp
from normalize.segment import safe_splits


@pytest.mark.parametrize(
    "typed",
    ["beliving", "thinkin", "aknowledge", "Forteen", "Washingon", "deadbeef"],
)
def test_a_misspelling_is_never_split_into_a_fragment(corrector: Corrector, typed: str) -> None:
    r = corrector.correct(typed)
    suggestions = [c.replacement for c in r.corrections] + [f.suggestion for f in r.flags]
    assert not any(" " in s for s in suggestions), suggestions


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("beliving", "believing"), ("aknowledge", "acknowledge"), ("Forteen", "Fourteen")],
)
def test_the_one_word_fix_wins_over_a_split(
    corrector: Corrector, typed: str, expected: str
) -> None:
    assert corrector.correct(typed).text == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("isbreally", "is really"),
        ("ofthe", "of the"),
        ("the agreementwith Kyiv", None),
        ("withina year", "within a year"),
    ],
)
def test_real_run_ons_are_still_split(corrector: Corrector, typed: str, expected) -> None:
    out = corrector.correct(typed).text
    assert out == (expected or typed.replace("agreementwith", "agreement with"))


@pytest.mark.parametrize(
    "text", ["the ipnthrough test", "an swardthat that", "I thinkin so", "a reportlab file"]
)
def test_correcting_a_run_on_twice_changes_nothing_more(corrector: Corrector, text: str) -> None:
    once = corrector.correct(text).text
    assert corrector.correct(once).text == once


def test_safe_splits_rules() -> None:
    word = _Hyp("fourteen", -5.5, "spelling", "", 0.0)
    close = _Hyp("for teen", -5.0, "runon", "", 0.0)
    clear = _Hyp("of the", -3.0, "runon", "", 0.0)
    by_context = _Hyp("think in", -3.0, "runon", "", 4.0)
    never = lambda *_: False  # noqa: E731
    assert safe_splits([close, clear, by_context], [word], 1.0, never) == [clear]
    assert safe_splits([clear], [word], 1.0, lambda part, *_: part == "of") == []
    assert safe_splits([close], [], 1.0, never) == [close]
