"""The fitted error model: learned edits rank spellings by ear above random slips."""

from __future__ import annotations

import importlib.resources as resources

import pytest

from bench.fit_errormodel import align, edits, fit
from normalize import errormodel
from normalize.corrector import Corrector


def test_the_shipped_table_says_what_it_was_trained_on() -> None:
    head = (resources.files("normalize") / "data" / "errormodel.tsv").read_text("utf-8")
    assert "trained on: codespell" in head and "missp.dat (filtered)" in head
    assert len(errormodel.load_table()) > 100


@pytest.mark.parametrize(
    ("typed", "right", "wrong"),
    [
        ("seperate", "separate", "desperate"),
        ("definately", "definitely", "defiantly"),
        ("recieve", "receive", "relieve"),
        ("accomodate", "accommodate", "accumulate"),
    ],
)
def test_fitted_edits_prefer_the_usual_mistake(typed: str, right: str, wrong: str) -> None:
    assert errormodel.fitted(typed, right) > errormodel.fitted(typed, wrong)


def test_equal_words_cost_nothing_and_any_pair_has_a_finite_cost() -> None:
    assert errormodel.fitted("word", "word") == 0.0
    assert -40 < errormodel.fitted("xqzv", "word") < -8


def test_channel_takes_the_likelier_of_keyboard_and_fitted_model() -> None:
    kb = errormodel.channel("sgrerment", "agreement", 2, -0.8, 0.0, -4.0, fitted_model=False)
    both = errormodel.channel("sgrerment", "agreement", 2, -0.8, 0.0, -4.0)
    assert both >= kb


def test_alignment_and_edits_of_the_fitting_script() -> None:
    cols = align("^recieve$", "^receive$")
    assert ("ei", "ie") in cols and "".join(a for a, _ in cols) == "^receive$"
    got = set(edits("acomodate", "accommodate"))
    assert got == {("cc", "c"), ("mm", "m")}  # a dropped letter of a double, as such
    table = fit([("seperate", "separate")] * 3, min_count=3)
    assert ("a", "e") in table and table[("a", "e")] < 0


def test_the_fitted_model_can_be_turned_off(corrector: Corrector) -> None:
    from dataclasses import replace

    off = Corrector(corrector.lexicon, replace(corrector.settings, error_model=False))
    assert off.settings.error_model is False
    assert corrector.correct("It happend yesterday.").text == "It happened yesterday."


def test_a_confidence_margin_turns_bold_fitted_fixes_into_flags(corrector: Corrector) -> None:
    from dataclasses import replace

    # two edits by the fitted model, no telling context: a bold guess, only flagged (0.68)
    r = corrector.correct("see batallion")
    assert r.text == "see batallion" and [f.suggestion for f in r.flags] == ["battalion"]
    assert corrector.correct("The batallion marched.").text == "The battalion marched."
    bold = Corrector(corrector.lexicon, replace(corrector.settings, fitted_confidence_margin=0.0))
    assert bold.correct("see batallion").text == "see battalion"
    # a lone word (a query, a word list's line) gets the best guess: the margin is for
    # running text
    assert corrector.correct("batallion").text == "battalion"
    # ... but a capitalised word alone on its line is a heading or a name: running text
    assert corrector.correct("Batallion").text == "Batallion"
