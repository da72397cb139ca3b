"""Sound-alike candidates beyond two edits, for long misspellings by ear."""

from __future__ import annotations

from normalize import Corrector, candidates


def test_a_long_misspelling_by_ear_finds_the_word_it_sounds_like(corrector: Corrector) -> None:
    words = [w for w, _d in candidates.sound_alikes(corrector.lexicon, "syncorization")]
    assert "synchronization" in words
    assert corrector.correct("syncorization").text == "synchronization"


def test_far_sound_alikes_are_not_suggested_when_the_spelling_is_far(
    corrector: Corrector,
) -> None:
    r = corrector.correct("majaerly")
    assert r.text in ("majaerly", "majorly")
    assert all(f.suggestion == "majorly" for f in r.flags)


def test_short_keys_get_no_far_candidates(corrector: Corrector) -> None:
    assert candidates.max_key_distance("TK") == 0
    assert candidates.sound_alikes(corrector.lexicon, "tok") == []
