"""Settings: every weight validated when made; the decision memo follows the settings."""

from __future__ import annotations

from dataclasses import fields, replace

import pytest

from normalize.corrector import Corrector, Settings


def test_defaults_are_valid() -> None:
    s = Settings()
    assert 0 <= s.flag_confidence <= s.min_confidence <= 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"min_confidence": -0.1}, "min_confidence"),
        ({"flag_confidence": 1.01, "min_confidence": 1.01}, "flag_confidence <= 1"),
        ({"far_sound_cost": 0.5}, "far_sound_cost"),
        ({"error_model_floor": 1.0}, "error_model_floor"),
        ({"apostrophe_cost": 0.1}, "apostrophe_cost"),
        ({"its_cost": 0.1}, "its_cost"),
        ({"confusion_cost": 0.1}, "confusion_cost"),
        ({"keep_only_cost": 0.1}, "keep_only_cost"),
        ({"error_model_path": 3}, "error_model_path"),
        ({"flag_confidence": 0.9}, "flag_confidence <= min_confidence"),
        ({"flag_confidence": -0.1}, "flag_confidence"),
        ({"split_cost": 0.5}, "split_cost"),
        ({"unknown_lower": 1.0}, "unknown_lower"),
        ({"domain_boost": -1.0}, "domain_boost"),
        ({"context_weight": float("nan")}, "context_weight"),
        ({"max_rounds": 0}, "max_rounds"),
        ({"max_candidates": 2.5}, "max_candidates"),
        ({"realword": "yes"}, "realword"),
        ({"realword_ratio": 0.5}, "realword_ratio"),
        ({"unknown_prior": -5.0}, "unknown_lower"),
    ],
)
def test_bad_settings_are_refused(change: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Settings(**change)
    with pytest.raises(ValueError, match=message):
        replace(Settings(), **change)


def test_min_confidence_above_one_flags_everything() -> None:
    """The review tests use min_confidence 1.01 to mean "apply nothing, flag all"."""
    assert Settings(min_confidence=1.01).min_confidence == 1.01
    assert Settings(error_model_path="fitted.tsv").error_model_path == "fitted.tsv"


def test_every_setting_is_documented() -> None:
    import inspect

    from normalize import corrector

    source = inspect.getsource(corrector.Settings)
    for f in fields(Settings):
        line = next(ln for ln in source.splitlines() if ln.strip().startswith(f"{f.name}:"))
        i = source.splitlines().index(line)
        nearby = " ".join(source.splitlines()[i - 1 : i + 2])
        assert "#" in nearby, f"{f.name} has no comment"


def test_memo_follows_the_settings(corrector) -> None:
    """A Corrector sharing a lexicon with another never reuses that one's decisions."""
    text = "The HOMW and NATOX met."
    assert corrector.correct(text).text == text  # five-letter all-caps: acronyms, kept
    strict = Corrector(corrector.lexicon, Settings(max_acronym=2))
    r = strict.correct(text)  # NATO reads best after "HOME and" (the trigram model)
    assert r.text == "The HOME and NATO met."
    blind = Corrector(corrector.lexicon, Settings(max_acronym=2, lm_spelling_weight=0.0))
    r = blind.correct(text)  # without it, NATOX is only flagged (the fitted error model)
    assert r.text == "The HOME and NATOX met."
    assert [(f.original, f.suggestion) for f in r.flags] == [("NATOX", "NATO")]
    assert corrector.correct(text).text == text
    strict.settings = Settings()  # replaced settings: the memo starts again
    assert strict.correct(text).text == text


def test_memo_does_not_hide_what_context_decides(corrector) -> None:
    """Words decided by more than the word and its neighbours (a capital mid-sentence,
    the language model's window, casing) are decided afresh wherever they stand."""
    for text in (
        "The HOMW and NATOX met. The HOMW and NATOX met.",
        "He said Crimeaa was far. Crimeaa was far.",
        "I think its time. Tell me if its time to go.",
        "ALL CAPS HERE WITH CAPTIAL.\nand mixed Here with captial.",
    ):
        fresh = Corrector(corrector.lexicon, corrector.settings)
        whole = fresh.correct(text)
        for line in text.split("\n"):  # each part, each by a Corrector of its own
            alone = Corrector(corrector.lexicon, corrector.settings).correct(line)
            assert alone.text in whole.text
        again = fresh.correct(text)
        assert (again.text, again.corrections, again.flags) == (
            whole.text,
            whole.corrections,
            whole.flags,
        )


def test_load_keeps_thresholds_in_order(load_corrector) -> None:
    c = load_corrector(min_confidence=0.1)  # below the default flag threshold
    assert c.settings.flag_confidence == 0.1 and c.settings.min_confidence == 0.1
