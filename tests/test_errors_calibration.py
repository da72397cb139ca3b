"""The calibration of fixes in running text, and the trigram model among a non-word's
candidates (issue 11: real misspellings)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from normalize.corrector import CALIBRATION, Corrector, Settings


def test_a_short_ambiguous_fix_in_running_text_is_only_flagged(corrector: Corrector) -> None:
    # "hom": him, home, how?  The spelling says "him", the model reads "walked him after"
    # no better than its rivals: the calibrated chance is low, so it is flagged
    text = "We walked hom after school."
    r = corrector.correct(text)
    assert r.text == text and [f.original for f in r.flags] == ["hom"]
    r = corrector.correct("We had fun wif our friends.")
    assert r.text == "We had fun wif our friends." and [f.suggestion for f in r.flags] == ["if"]
    # without the calibration both were "fixed" into other words
    off = Corrector(corrector.lexicon, replace(corrector.settings, calibrated_min=0.0))
    assert off.correct(text).text == "We walked him after school."
    # a clear short fix is still applied
    assert corrector.correct("They hav a dog.").text == "They have a dog."


def test_a_lone_word_gets_the_best_guess(corrector: Corrector) -> None:
    # a query or a word list's line: no context to weigh, the best candidate is applied
    assert corrector.correct("hom").corrections


def test_the_model_tells_close_candidates_of_a_non_word_apart(corrector: Corrector) -> None:
    text = "I water the plants twis a week."
    assert corrector.correct(text).text == "I water the plants twice a week."
    blind = Corrector(corrector.lexicon, replace(corrector.settings, lm_spelling_weight=0.0))
    assert blind.correct(text).text == text  # only flagged without the model


@pytest.mark.parametrize("name", [*CALIBRATION, "calibration_bias"])
def test_calibration_weights_take_either_sign(name: str) -> None:
    assert getattr(Settings(**{name: -1.5}), name) == -1.5
    assert getattr(Settings(**{name: 1.5}), name) == 1.5


@pytest.mark.parametrize(
    ("name", "value"),
    [("calibrated_min", -0.1), ("lm_spelling_weight", -1.0), ("calibration_lm_span", -1.0)],
)
def test_calibration_thresholds_are_validated(name: str, value: float) -> None:
    with pytest.raises(ValueError, match=name):
        Settings(**{name: value})


def test_a_split_must_also_read_better_in_the_trigram_model(corrector: Corrector) -> None:
    # "forma": "for a" or "from"?  After "colleagues" and before "work", the model reads
    # "from work" far better than "for a work", which the spelling alone preferred
    text = "I would like to join some colleagues forma work."
    assert corrector.correct(text).text == "I would like to join some colleagues from work."
    blind = Corrector(corrector.lexicon, replace(corrector.settings, split_lm_margin=99.0))
    assert blind.correct(text).text == "I would like to join some colleagues for a work."
    # a lost space is still restored where it reads well
    assert corrector.correct("It was one ofthe best days.").text == "It was one of the best days."


def test_the_model_never_turns_a_listed_word_into_its_favourite(corrector: Corrector) -> None:
    # "accessors" is a rare listed word; among its candidates the model likes
    # "accessories": only a non-word's candidates are weighed by the model
    text = "This License applies to the work, including all modifications and accessors."
    assert corrector.correct(text).text == text
