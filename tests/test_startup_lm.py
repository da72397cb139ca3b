"""The compiled trigram table (normalize/lmtable.py): the same scores as pocketsphinx,
rebuilt when damaged, and no model load on the way."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from normalize import lm, lmtable
from normalize.index import CorruptIndex

pocketsphinx = pytest.importorskip("pocketsphinx")


@pytest.fixture(scope="module")
def model_path() -> str:
    path = lm._model_path()
    if path is None:
        pytest.skip("the pocketsphinx model is not installed")
    return path


@pytest.fixture(scope="module")
def compiled(model_path: str, tmp_path_factory: pytest.TempPathFactory) -> lmtable.CompiledModel:
    dest = tmp_path_factory.mktemp("lm") / "model.rlm"
    assert lmtable.compile_trie(Path(model_path), dest)
    return lmtable.CompiledModel(dest)


@pytest.fixture(scope="module")
def reference(model_path: str):
    return pocketsphinx.NGramModel.readfile(model_path)


def _vocab(m: lmtable.CompiledModel) -> list[str]:
    off, blob = m._offsets, m._blob
    return [bytes(blob[off[i] : off[i + 1]]).decode("utf-8") for i in range(len(off) - 1)]


def test_compiled_table_gives_pocketsphinx_scores(compiled, reference) -> None:
    """Trigrams and bigrams the model holds, every kind of backoff, unknown words, the
    sentence marks and case: the same integer score for every query."""
    vocab = _vocab(compiled)
    rng = random.Random(14)
    queries: list[list[str]] = []
    for _ in range(3000):
        i = rng.randrange(len(compiled._bw))  # a bigram the model holds: (h1, w)
        w = vocab[_owner(compiled, i)]
        h1 = vocab[compiled._bw[i]]
        _p, _b, lo, hi = compiled.bigram_values(i)
        if lo < hi:  # a trigram it holds
            queries.append([w, h1, vocab[compiled._tw[rng.randrange(lo, hi)]]])
        queries.append([w, h1, rng.choice(vocab)])  # bigram found, trigram backed off
        queries.append([w, h1])
        queries.append([w, rng.choice(vocab), rng.choice(vocab)])  # both backed off
        queries.append([rng.choice(vocab), rng.choice(vocab)])
        queries.append([rng.choice(vocab)])
    odd = ["<s>", "</s>", "The", "zzqxv", "don't", "its", "it's", "too", "to", "kyiv", "é"]
    queries += [[a, b, c] for a in odd for b in odd for c in odd]
    queries += [[a, b] for a in odd for b in odd] + [[a] for a in odd]
    wrong = [(q, reference.prob(q), compiled.prob(q)) for q in queries]
    wrong = [x for x in wrong if x[1] != x[2]]
    assert not wrong, wrong[:5]
    # the examples of the design notes, most recent word first
    assert compiled.prob(["salty", "too"]) == reference.prob(["salty", "too"]) == -87139
    assert compiled.prob(["zzqxv"]) == lmtable.LOG_ZERO


def _owner(m: lmtable.CompiledModel, i: int) -> int:
    """The unigram whose bigram range holds middle entry ``i``."""
    from bisect import bisect_right

    return bisect_right(m._un, i) - 1


def test_language_model_uses_the_compiled_table() -> None:
    lm.get.cache_clear()
    try:
        model = lm.get()
        assert model is not None and isinstance(model._model, lmtable.CompiledModel)
        assert model._model.path.name == lmtable.table_name(Path(lm._model_path() or ""))
        assert model.logprob("salty", ["too"]) > model.logprob("salty", ["to"])
    finally:
        lm.get.cache_clear()


@pytest.mark.parametrize("damage", ["truncate", "overwrite"])
def test_a_damaged_table_is_rebuilt(monkeypatch, tmp_path, model_path, compiled, damage) -> None:
    monkeypatch.setenv("REDLINE_CACHE", str(tmp_path))
    path = tmp_path / lmtable.table_name(Path(model_path))
    data = compiled.path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    else:  # the directory at the end overwritten
        path.write_bytes(data[:-300] + b"\xff" * 200 + data[-100:])
    with pytest.raises(CorruptIndex):
        lmtable.CompiledModel(path)
    (tmp_path / "lm-0123456789abcdef0123.rlm").write_bytes(b"an older model's table")
    again = lmtable.open_model(model_path)
    assert again is not None and again.path == path
    assert again.prob(["than", "better"]) == compiled.prob(["than", "better"]) == -19316
    assert path.stat().st_size == len(data)
    assert [p.name for p in tmp_path.glob("lm-*.rlm")] == [path.name]  # older ones pruned


def test_a_model_in_another_format_is_read_by_pocketsphinx(tmp_path) -> None:
    arpa = tmp_path / "tiny.arpa"
    arpa.write_text(
        "\\data\\\nngram 1=3\n\n\\1-grams:\n"
        "-1.0 <s> 0.0\n-1.0 </s> 0.0\n-0.5 salty 0.0\n\n\\end\\\n"
    )
    assert lmtable.open_model(arpa) is None


def test_a_table_cut_short_while_in_use_is_removed(tmp_path, compiled) -> None:
    """A lookup that cannot read its values says so in one line (no traceback from
    the CLI: a RedlineError) and removes the file, so that the next run rebuilds it."""
    path = tmp_path / "model.rlm"
    path.write_bytes(compiled.path.read_bytes())
    model = lmtable.CompiledModel(path)
    with open(path, "r+b") as fh:  # keep the mapped words, lose the values after them
        fh.truncate(model._bv_at + 12)  # (the values are the last arrays)
    with pytest.raises(CorruptIndex, match="rebuilt on the next run"):
        model.prob(["than", "better"])
    assert not path.exists()
