"""Dask: on a LocalCluster with two worker processes, the output equals one process's."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("distributed")

from normalize.cli import main  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "seeds" / "000_931c17ec5702943e.txt"


@pytest.fixture(scope="module")
def lines() -> list[str]:
    text = (
        SAMPLE.read_text(encoding="utf-8")
        if SAMPLE.exists()
        else ("Legally binding sgrerment, signed in Budspest.\nThst is it.\n" * 30)
    )
    return [line for line in text.splitlines() if line.strip()] * 3


@pytest.fixture(scope="module")
def cluster(redline_env):
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as c,
        Client(c) as client,
    ):
        yield c, client


@pytest.fixture
def load(dictionary_setup) -> dict:
    return {
        "dictionaries": list(dictionary_setup.dictionaries),
        "extra": list(dictionary_setup.extra),
        "user": False,
    }


@pytest.mark.slow  # a two-process LocalCluster: seconds to start
def test_bag_equals_one_process(cluster, corrector, load, lines) -> None:
    import dask.bag as db

    from normalize.dask import correct_bag

    _, client = cluster
    bag = db.from_sequence(lines, npartitions=6)
    got = client.compute(correct_bag(bag, **load)).result()
    assert got == [corrector.correct(t).text for t in lines]
    records = [{"id": i, "text": t, "n": None} for i, t in enumerate(lines[:50])]
    got = client.compute(
        correct_bag(db.from_sequence(records, npartitions=3), field="text", **load)
    ).result()
    assert got == [dict(r, text_corrected=corrector.correct(r["text"]).text) for r in records]


@pytest.mark.slow
def test_dataframe_equals_one_process(cluster, corrector, load, lines) -> None:
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")

    from normalize.dask import correct_dataframe

    _, client = cluster
    pdf = pd.DataFrame({"id": range(len(lines)), "text": lines})
    df = correct_dataframe(dd.from_pandas(pdf, npartitions=4), "text", count=True, **load)
    got = client.compute(df).result()
    assert list(got.columns) == ["id", "text", "text_corrected", "text_corrections"]
    assert got["id"].tolist() == pdf["id"].tolist()
    expected = [corrector.correct(t) for t in lines]
    assert got["text_corrected"].tolist() == [r.text for r in expected]
    assert got["text_corrections"].tolist() == [len(r.corrections) for r in expected]


@pytest.mark.slow
def test_cli_scheduler_equals_local(cluster, dictionary_setup, lines, tmp_path: Path) -> None:
    c, _ = cluster
    data = tmp_path / "data"
    data.mkdir()
    for part in range(2):
        with open(data / f"part{part}.jsonl", "w", encoding="utf-8") as fh:
            for i, t in enumerate(lines):
                fh.write(json.dumps({"id": i, "part": part, "text": t, "x": 1.50}) + "\n")
    args = [
        "correct",
        *dictionary_setup.cli_args,
        "--no-user-dicts",
        "--no-progress",
        str(data / "*.jsonl"),
    ]
    outputs = {}
    for name, extra in (("local", ["--jobs", "1"]), ("dask", ["--scheduler", c.scheduler_address])):
        with CliRunner().isolation() as (_out, err, _mixed):
            status = main([*args, "-d", str(tmp_path / name), *extra])
            sys.stderr.flush()
            assert status == 0, err.getvalue().decode()
        outputs[name] = {p.name: p.read_bytes() for p in (tmp_path / name).iterdir()}
    assert sorted(outputs["dask"]) == ["part0.jsonl", "part1.jsonl"]
    assert outputs["dask"] == outputs["local"]


def test_dict_files_and_user_dictionaries_travel_with_the_task(
    tmp_path: Path, redline_home: Path, dictionary_setup
) -> None:
    """Issue 13.18: --dict files and user dictionaries were resolved on the worker, where
    they may not exist; their contents now ship with the task graph."""
    from normalize.dask import _cache, correct_chunk, shipped_load
    from normalize.userdict import add_terms

    extra = tmp_path / "team.txt"
    extra.write_text("## name: team\nZyxwvan\n", encoding="utf-8")
    add_terms(["Qorvath"], to="user")
    load = {
        "dictionaries": [*dictionary_setup.dictionaries, str(extra)],
        "extra": list(dictionary_setup.extra),
        "user": True,
    }
    shipped = shipped_load(load)
    assert shipped["user"] is False and str(extra) not in shipped["dictionaries"]
    json.dumps({k: v for k, v in shipped.items() if k != "files"})
    extra.unlink()  # the worker's machine does not have the files
    for p in (redline_home / "dictionaries").glob("*.txt"):
        p.unlink()
    _cache.clear()
    (text, corrections, _flags, unknown), *_ = correct_chunk(["Zyxwvan met Qorvath."], shipped)
    assert text == "Zyxwvan met Qorvath."
    assert not corrections and not unknown
