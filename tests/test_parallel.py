"""``--jobs``: a process pool gives the same output, in the same order, as one process."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalize import parallel
from normalize.cli import main
from normalize.errors import DictionaryError
from normalize.parallel import correct_many

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "seeds" / "000_931c17ec5702943e.txt"


@pytest.fixture(scope="module")
def lines() -> list[str]:
    text = (
        SAMPLE.read_text(encoding="utf-8")
        if SAMPLE.exists()
        else ("Legally binding sgrerment, signed in Budspest.\nThst is it.\n" * 30)
    )
    return [line for line in text.splitlines() if line.strip()]


def load_args(dictionary_setup) -> dict:
    return {
        "dictionaries": list(dictionary_setup.dictionaries),
        "extra": list(dictionary_setup.extra),
        "user": False,
    }


def run_main(args: list[str]) -> tuple[int, str]:
    with CliRunner().isolation() as (_out, err, _mixed):
        status = main(args)
        sys.stderr.flush()
        return status, err.getvalue().decode()


def test_pool_equals_one_process_in_order(corrector, dictionary_setup, lines) -> None:
    items = [(i, line) for i, line in enumerate(lines * 3)]
    serial = [corrector.correct(t) for _, t in items]
    got = list(
        correct_many(
            items,
            text=lambda x: x[1],
            jobs=2,
            chunk_size=16,
            load=load_args(dictionary_setup),
            corrector=corrector,
        )
    )
    assert [item for item, _ in got] == items
    assert [r for _, r in got] == serial


def test_one_job_or_a_small_input_needs_no_pool(corrector, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*_a, **_k):
        raise AssertionError("a pool was started")

    monkeypatch.setattr(parallel, "_pool", no_pool)
    texts = ["Thst is it."] * 40
    assert [r.text for _, r in correct_many(texts, jobs=1, chunk_size=8, corrector=corrector)] == [
        "That is it."
    ] * 40
    assert [
        r.text for _, r in correct_many(texts[:8], jobs=4, chunk_size=8, corrector=corrector)
    ] == ["That is it."] * 8


def test_a_worker_load_error_reaches_the_caller(corrector) -> None:
    with pytest.raises(DictionaryError, match="no-such-dictionary"):
        list(
            correct_many(
                ["x"] * 20,
                jobs=2,
                chunk_size=4,
                corrector=corrector,
                load={"dictionaries": ["no-such-dictionary"], "user": False},
            )
        )


def test_spawn_when_threads_run() -> None:
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        assert parallel._context().get_start_method() == "spawn"
    finally:
        stop.set()
        t.join()
    assert parallel._context().get_start_method() in ("fork", "spawn")


@pytest.mark.parametrize("suffix", [".txt", ".csv"])
def test_cli_jobs_2_equals_jobs_1(dictionary_setup, lines, tmp_path: Path, suffix: str) -> None:
    src = tmp_path / f"in{suffix}"
    body = lines * 2  # more than one chunk of 256 records
    if suffix == ".csv":
        import csv

        with open(src, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["n", "text"])
            w.writerows([i, line] for i, line in enumerate(body * 3))
    else:
        src.write_text("\r\n".join(body * 3) + "\n", encoding="utf-8", newline="")
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}{suffix}"
        status, err = run_main(
            [
                "correct",
                *dictionary_setup.cli_args,
                "--no-user-dicts",
                str(src),
                "-o",
                str(out),
                "--jobs",
                jobs,
            ]
        )
        assert status == 0, err
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert outs[0].count(b"\n") >= 256
