"""The keyboard error model: what a hurried typist's slips cost."""

from __future__ import annotations

import pytest

from normalize import keyboard as kb
from normalize.keyboard import adjacent, channel, stray_shift


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("a", "s"),
        ("s", "d"),
        ("q", "w"),
        ("a", "q"),
        ("a", "z"),
        ("g", "h"),
        ("g", "t"),
        ("g", "b"),
        ("k", "l"),
        ("o", "p"),
        ("m", "n"),
        ("e", "r"),
        ("i", "u"),
    ],
)
def test_neighbours_are_adjacent_both_ways(a: str, b: str) -> None:
    assert adjacent(a, b) and adjacent(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("a", "p"),
        ("q", "m"),
        ("a", "d"),
        ("z", "p"),
        ("e", "i"),
        ("t", "n"),
        ("a", "a"),
        ("a", "é"),
        ("a", "A"),
        ("", "a"),
    ],
)
def test_far_keys_same_key_and_unknown_keys_are_not_adjacent(a: str, b: str) -> None:
    assert not adjacent(a, b)


def test_no_error_is_cheapest() -> None:
    assert channel("agreement", "agreement") == kb.P_NO_ERROR
    for typed in ("sgreement", "agreemment", "agrement", "agreemnet", "agreeement"):
        assert channel(typed, "agreement") < kb.P_NO_ERROR


def test_adjacent_key_slip_beats_a_random_substitution() -> None:
    assert channel("thst", "that") == kb.P_ADJACENT_SUB  # s is beside a
    assert channel("thpt", "that") == kb.P_OTHER_SUB
    assert channel("thst", "that") > channel("thpt", "that")
    assert channel("sgreement", "agreement") > channel("pgreement", "agreement")


def test_vowel_for_vowel_sits_between() -> None:
    assert kb.P_OTHER_SUB < channel("thot", "that") == kb.P_VOWEL_SUB < kb.P_ADJACENT_SUB


def test_doubled_letter_is_cheap() -> None:
    assert channel("surelly", "surely") == kb.P_DOUBLE_INS
    assert channel("agreemments", "agreements") == kb.P_DOUBLE_INS
    assert channel("surelly", "surely") > channel("surexly", "surely")
    assert channel("surelly", "surely") > channel("surekly", "surely")  # k is beside l


def test_dropping_one_of_a_double_is_cheaper_than_another_drop() -> None:
    assert channel("transfered", "transferred") == kb.P_DOUBLE_DEL
    assert channel("transfered", "transferred") > channel("trnsferred", "transferred")


def test_brushed_neighbouring_key() -> None:
    assert channel("ukjraine", "ukraine") == kb.P_ADJACENT_INS
    assert channel("ukjraine", "ukraine") > channel("ukqraine", "ukraine")


def test_key_beside_the_space_bar_at_a_word_edge() -> None:
    assert channel("notb", "not") == kb.P_SPACE_KEY_INS
    assert channel("notb", "not") > channel("notq", "not")


def test_transposition_is_one_edit() -> None:
    assert channel("teh", "the") == kb.P_TRANSPOSE
    assert channel("wrold", "world") == kb.P_TRANSPOSE
    assert channel("teh", "the") > 2 * kb.P_OTHER_SUB


def test_more_edits_cost_more() -> None:
    one = channel("agrement", "agreement")
    two = channel("sgrement", "agreement")
    three = channel("sgrrment", "agreement")
    assert 0 > one > two > three


@pytest.mark.parametrize(
    ("typed", "intended"),
    [("thst", "that"), ("sgrerment", "agreement"), ("teh", "the"), ("", "a"), ("a", "")],
)
def test_channel_is_a_log_probability(typed: str, intended: str) -> None:
    assert -20 < channel(typed, intended) < 0


@pytest.mark.parametrize(
    ("word", "fixed"),
    [("zNuland", "Nuland"), ("aBudapest", "Budapest"), ("UzS", "US"), ("NAvTO", "NATO")],
)
def test_stray_shift_drops_the_lowercase_slip(word: str, fixed: str) -> None:
    assert stray_shift(word) == fixed


@pytest.mark.parametrize("word", ["Nuland", "NATO", "McFaul", "nuland", "US", "Us", "ab"])
def test_stray_shift_leaves_other_shapes(word: str) -> None:
    assert stray_shift(word) is None
