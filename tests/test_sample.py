"""The sample thread end to end: must-keep tokens, losslessness, precision and recall.

The issue's targets, precision 0.97 and recall 0.92 on the sample, are asserted as they
are (measured 1.000 / 0.932 = 69 of 74 when written; 68 of 74 would fail).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.score import (
    HELDOUT_PROSE,
    SAMPLE_AMBIGUOUS,
    SAMPLE_CLEAN_LINES,
    SAMPLE_GOLD,
    SAMPLE_INPUT,
    SAMPLE_KEEP,
    correct_lines,
    false_changes,
    read_ambiguous,
    read_keep,
    read_lines,
    score_lines,
)
from normalize.records import Result

PRECISION_FLOOR = 0.97  # the target
RECALL_FLOOR = 0.92  # the target
MAX_FALSE_CHANGES_PER_1000 = 1.0


@pytest.fixture(scope="module")
def sample() -> str:
    return SAMPLE_INPUT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def result(corrector, sample: str) -> Result:
    return corrector.correct(sample)


@pytest.fixture(scope="module")
def output_lines(result: Result) -> list[str]:
    return result.text.split("\n")


def test_line_structure_is_kept(sample: str, result: Result) -> None:
    assert result.text.count("\n") == sample.count("\n") == 58
    assert not result.text.endswith("\n")
    assert len(list(result.paragraphs())) == 59


def test_keep_tokens_are_unchanged(sample: str, output_lines: list[str]) -> None:
    keep = read_keep(SAMPLE_KEEP)
    assert len(keep) > 50
    lost = []
    for n, (inp, out) in enumerate(zip(sample.split("\n"), output_lines), start=1):
        for token in keep:
            pattern = re.compile(rf"(?<!\w){re.escape(token)}(?!\w)")
            had = len(pattern.findall(inp))
            if had and len(pattern.findall(out)) < had:
                lost.append(f"line {n}: {token}")
    assert lost == []


def test_scorer_sees_no_keep_violation(sample: str, output_lines: list[str]) -> None:
    sc = score_lines(
        sample.split("\n"),
        read_lines(SAMPLE_GOLD),
        output_lines,
        keep=read_keep(SAMPLE_KEEP),
    )
    assert [v.describe() for v in sc.keep_violations] == []


def test_text_changes_only_inside_corrections(sample: str, result: Result) -> None:
    pos_in = pos_out = 0
    for c in result.corrections:
        assert sample[c.start : c.end] == c.original
        gap = sample[pos_in : c.start]
        assert result.text[pos_out : pos_out + len(gap)] == gap
        pos_out += len(gap)
        assert result.text[pos_out : pos_out + len(c.replacement)] == c.replacement
        pos_out += len(c.replacement)
        pos_in = c.end
    assert result.text[pos_out:] == sample[pos_in:]
    assert "\n" not in "".join(c.original + c.replacement for c in result.corrections)


def test_precision_and_recall_against_gold(sample: str, output_lines: list[str]) -> None:
    sc = score_lines(
        sample.split("\n"),
        read_lines(SAMPLE_GOLD),
        output_lines,
        ambiguous=read_ambiguous(SAMPLE_AMBIGUOUS),
        keep=read_keep(SAMPLE_KEEP),
    )
    assert sc.warnings == []
    report = sc.report("sample")
    assert sc.precision >= PRECISION_FLOOR, report
    assert sc.recall >= RECALL_FLOOR, report
    assert sc.tp >= 60, report


def test_per_line_correction_matches_whole_text(corrector, sample: str) -> None:
    """Correcting line by line (as the CLI does) gives the same text as the whole text."""
    lines = sample.split("\n")
    assert [corrector.correct(line).text for line in lines] == correct_lines(corrector, lines)


def _clean_sets() -> list[tuple[str, list[str], list[str] | None]]:
    sample, gold = read_lines(SAMPLE_INPUT), read_lines(SAMPLE_GOLD)
    a, b = SAMPLE_CLEAN_LINES
    sets: list[tuple[str, list[str], list[str] | None]] = [
        (f"sample lines {a}-{b}", sample[a - 1 : b], gold[a - 1 : b])
    ]
    if Path(HELDOUT_PROSE).exists():
        sets.append(("clean_prose.txt", read_lines(HELDOUT_PROSE), None))
    return sets


@pytest.mark.parametrize("clean", _clean_sets(), ids=lambda c: c[0])
def test_clean_text_is_left_alone(corrector, clean) -> None:
    name, lines, gold = clean
    fc = false_changes(lines, correct_lines(corrector, lines), gold)
    assert fc.words > 500
    assert fc.per_1000 <= MAX_FALSE_CHANGES_PER_1000, fc.report(name)


def test_a_txt_glob_over_seeds_picks_only_the_thread() -> None:
    """Issue 13.17: `seeds/*.txt` also matched the gold and must-keep files."""
    from bench.score import SAMPLE_INPUT

    assert sorted(SAMPLE_INPUT.parent.glob("*.txt")) == [SAMPLE_INPUT]
