"""normalize.pipeline: one read -> correct -> after -> write/report path."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from normalize.formats import WriteOptions
from normalize.io import Outputs
from normalize.pipeline import Pipeline, correct_to, flatten, source_result
from normalize.records import Correction, Result, apply_corrections


def test_after_steps_see_every_record_and_change_the_output(corrector, tmp_path: Path) -> None:
    """The hook for review decisions: a Result -> Result step after correction."""
    src = tmp_path / "in.txt"
    src.write_text("Thst is it.\nThe sgrerment holds.\n", encoding="utf-8")
    seen: list[tuple[str | None, int]] = []

    def reject_agreement(result: Result) -> Result:
        seen.append((result.source, result.meta["record"]))
        kept = tuple(c for c in result.corrections if c.replacement != "agreement")
        text = apply_corrections(result.original, kept)
        return dataclasses.replace(result, text=text, corrections=kept)

    pipe = Pipeline([str(src)], corrector=corrector, after=[reject_agreement])
    out = tmp_path / "out.txt"
    with Outputs([str(out)], inputs=[str(src)]) as outs:
        correct_to(pipe, [(str(out), [str(src)])], outs, WriteOptions())
    assert out.read_text(encoding="utf-8") == "That is it.\nThe sgrerment holds.\n"
    assert seen == [(str(src), 1), (str(src), 2)]


def test_flatten_moves_offsets_past_crlf() -> None:
    original = "a\r\nThst\nb"
    c = Correction(3, 7, "Thst", "That", 0.9, "r")
    r = flatten(Result(original, "a\r\nThat\nb", (c,)))
    assert r.original == "a Thst b"
    assert r.original[r.corrections[0].start : r.corrections[0].end] == "Thst"
    assert r.text == "a That b"


def test_source_result_of_a_record_input(corrector, tmp_path: Path) -> None:
    src = tmp_path / "t.csv"
    src.write_text('id,text\n1,"Thst\r\nis it"\n2,fine\n', encoding="utf-8")
    pipe = Pipeline([str(src)], corrector=corrector)
    ((inp, pairs),) = [(i, list(p)) for i, p in pipe.sources()]
    r = source_result(inp, pairs)
    assert r.original == "Thst is it\nfine" and r.text == "That is it\nfine"
    assert r.source == "t.csv"
