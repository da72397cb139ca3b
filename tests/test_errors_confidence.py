"""The threshold between fixing and flagging: slips of the mind need more confidence."""

from __future__ import annotations

from dataclasses import replace

import pytest

from normalize.corrector import _SENTENCE_END, Corrector


@pytest.mark.parametrize(
    ("gap", "start"),
    [(" ", False), (", ", False), (" (", False), (". ", True), ('." ', True), ("?) ", True)]
    + [("\n", True), (".\n\n", True), (": ", True)],
)
def test_a_sentence_starts_after_its_stop_or_a_line_break(gap: str, start: bool) -> None:
    # the gap between two words is whitespace: it alone starts no sentence
    assert bool(_SENTENCE_END.search(gap)) is start


def test_a_far_guess_by_the_fitted_model_is_only_flagged(corrector: Corrector) -> None:
    r = corrector.correct("I went to the libery. It was closed.")
    assert r.text == "I went to the libery. It was closed."
    assert [f.original for f in r.flags] == ["libery"]
    # without the margin (and without the trigram model, which doubts "liberty" here)
    # the guess is applied
    eager = Corrector(
        corrector.lexicon,
        replace(corrector.settings, fitted_confidence_margin=0, lm_spelling_weight=0.0),
    )
    assert eager.correct("I went to the libery. It was closed.").corrections


@pytest.mark.parametrize(
    ("typed", "fixed"),
    [
        ("We play sprot every weekend.", "We play sport every weekend."),  # two swapped
        ("The smel of bread filled the room.", "The smell of bread filled the room."),
    ],
)
def test_a_slip_of_the_hand_needs_no_extra_confidence(
    corrector: Corrector, typed: str, fixed: str
) -> None:
    assert corrector.correct(typed).text == fixed
