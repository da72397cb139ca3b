"""Result records: paragraphs split at every kind of line break, with relative offsets."""

from __future__ import annotations

import pytest

from normalize.records import (
    Correction,
    Flag,
    Result,
    Unknown,
    apply_corrections,
    line_spans,
)


def make_result(original: str, edits: list[tuple[str, str]], **extra) -> Result:
    """A Result that replaces the first occurrence (after the previous) of each word."""
    corrections = []
    pos = 0
    for old, new in edits:
        start = original.index(old, pos)
        corrections.append(Correction(start, start + len(old), old, new, 0.9, "test"))
        pos = start + len(old)
    return Result(original, apply_corrections(original, corrections), tuple(corrections), **extra)


LINES = ["Thst is it", "", "sgrerment and isbreally", "nothing here", "zNuland"]
EDITS = [
    ("Thst", "That"),
    ("sgrerment", "agreement"),
    ("isbreally", "is really"),
    ("zNuland", "Nuland"),
]
CORRECTED = ["That is it", "", "agreement and is really", "nothing here", "Nuland"]


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("final", [True, False])
def test_paragraphs_split_at_every_line_ending(eol: str, final: bool) -> None:
    text = eol.join(LINES) + (eol if final else "")
    r = make_result(text, EDITS)
    paras = list(r.paragraphs())
    assert [p.index for p in paras] == list(range(len(LINES)))
    assert [p.original for p in paras] == LINES
    assert [p.corrected for p in paras] == CORRECTED
    for p in paras:
        assert text[p.start : p.start + len(p.original)] == p.original
        for c in p.corrections:
            assert p.original[c.start : c.end] == c.original
        assert apply_corrections(p.original, p.corrections) == p.corrected
        for (s, e), c in zip(p.replacement_spans, p.corrections):
            assert p.corrected[s:e] == c.replacement
    assert sum(len(p.corrections) for p in paras) == len(r.corrections)


def test_mixed_line_endings() -> None:
    text = "Thst\r\nsgrerment\risbreally\n\nzNuland"
    r = make_result(text, EDITS)
    assert [p.corrected for p in r.paragraphs()] == ["That", "agreement", "is really", "", "Nuland"]


def test_replacement_spans_shift_with_earlier_replacements() -> None:
    r = make_result(
        "isbreally ok, Thst sgrerment",
        [("isbreally", "is really"), ("Thst", "That"), ("sgrerment", "agreement")],
    )
    (p,) = r.paragraphs()
    assert p.corrected == "is really ok, That agreement"
    assert [p.corrected[s:e] for s, e in p.replacement_spans] == ["is really", "That", "agreement"]


def test_flags_and_unknown_land_in_their_paragraph() -> None:
    text = "one\ntwo Zqx\nthree wrd"
    r = Result(
        text,
        text,
        flags=(Flag(18, 21, "wrd", "word", 0.4, "1 edit"),),
        unknown=(Unknown(8, 11, "Zqx"),),
    )
    paras = list(r.paragraphs())
    assert [len(p.flags) for p in paras] == [0, 0, 1]
    assert [len(p.unknown) for p in paras] == [0, 1, 0]
    (f,) = paras[2].flags
    assert paras[2].original[f.start : f.end] == "wrd"
    (u,) = paras[1].unknown
    assert paras[1].original[u.start : u.end] == "Zqx" == u.word


def test_empty_text_is_one_empty_paragraph() -> None:
    (p,) = Result("", "").paragraphs()
    assert (p.original, p.corrected, p.corrections) == ("", "", ())


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("", [(0, 0)]),
        ("a", [(0, 1)]),
        ("a\n", [(0, 1)]),
        ("a\r\nb", [(0, 1), (3, 4)]),
        ("a\r\rb\r", [(0, 1), (2, 2), (3, 4)]),
        ("\n\n", [(0, 0), (1, 1)]),
    ],
)
def test_line_spans(text: str, spans: list[tuple[int, int]]) -> None:
    assert line_spans(text) == spans


def test_apply_corrections_replays_a_result(corrector) -> None:
    text = "Legally binding sgrerment.\r\nThere isbreally just one, Thst is all."
    r = corrector.correct(text)
    assert len(r.corrections) >= 3
    assert apply_corrections(r.original, r.corrections) == r.text
    # records survive a round trip through their dict form
    again = [Correction(**c.to_dict()) for c in r.corrections]
    assert apply_corrections(text, again) == r.text
    # a subset replays too: only the chosen records change the text
    first = r.corrections[:1]
    partial = apply_corrections(text, first)
    assert partial.startswith(text[: first[0].start] + first[0].replacement)
    assert partial.endswith(text[first[0].end :])


def test_apply_no_corrections_is_identity() -> None:
    assert apply_corrections("unchanged\r\n", []) == "unchanged\r\n"


def test_result_to_dict_is_json_ready(corrector) -> None:
    import json

    r = corrector.correct("Thst Zqxvbrt", source="x.txt")
    d = json.loads(json.dumps(r.to_dict()))
    assert d["source"] == "x.txt"
    assert d["corrections"][0]["original"] == "Thst"
    assert d["corrections"][0]["replacement"] == "That"
    assert {u["word"] for u in d["unknown"]} == {"Zqxvbrt"}
    assert r.changed and r.word_count() == 2
