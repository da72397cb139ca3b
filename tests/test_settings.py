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
        ({"min_confidence": 1.5}, "min_confidence"),
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
    assert strict.correct(text).text == "The HOME and NATO met."
    assert corrector.correct(text).text == text
    strict.settings = Settings()  # replaced settings: the memo starts again
    assert strict.correct(text).text == text


def test_load_keeps_thresholds_in_order(load_corrector) -> None:
    c = load_corrector(min_confidence=0.1)  # below the default flag threshold
    assert c.settings.flag_confidence == 0.1 and c.settings.min_confidence == 0.1
