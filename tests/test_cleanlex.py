"""The clean lexicon: typos the long word lists hold are corrected, rare right words kept."""

from __future__ import annotations

import pytest

from normalize import Corrector


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("batallion", "battalion"),
        ("aquantance", "acquaintance"),
        ("lossing", "losing"),
        ("heathy", "healthy"),
        ("a heathy diet", "a healthy diet"),
    ],
)
def test_typos_that_a_long_list_holds_are_corrected(
    corrector: Corrector, typed: str, expected: str
) -> None:
    assert corrector.correct(typed).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "abseil",
        "moult",
        "flâneur",
        "Zaporizhzhia",
        "They abseil down the cliff.",
        "Birds moult in spring.",
        "They recant their story.",
        "A flâneur in Zaporizhzhia.",
    ],
)
def test_rare_but_right_words_are_kept(corrector: Corrector, text: str) -> None:
    r = corrector.correct(text)
    assert r.text == text and not r.flags


def test_a_listed_word_is_doubted_only_beside_a_far_more_frequent_one(
    corrector: Corrector,
) -> None:
    from normalize.cleanlex import doubtful

    lex = corrector.lexicon
    s = corrector.settings
    args = (s.doubtful_max_count, s.doubtful_ratio, s.doubtful_min_length)
    assert doubtful(lex, "heathy", lex.info("heathy"), *args)
    assert not doubtful(lex, "abseil", lex.info("abseil"), *args)
    assert not doubtful(lex, "healthy", lex.info("healthy"), *args)
