"""The compiled index: its file format, the cache (content keys, rebuilds of damaged
files, pruning, durability) and the cached overlay of user dictionaries."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import index
from normalize.index import CorruptIndex, IndexFile, open_cached, write_tables


def _tiny(path: Path, progress=None) -> None:
    keys = [f"w{i}" for i in range(500)] + ["", "naïve"]
    values = [str(i).encode() * (i % 300) for i in range(500)] + [b"empty", b"accent"]
    write_tables(path, {"t": (keys, values), "u": (["x"], [b"y"])}, {"version": "x"})


def test_tables_round_trip(tmp_path: Path) -> None:
    _tiny(tmp_path / "a.rlx")
    ix = IndexFile(tmp_path / "a.rlx")
    t = ix.tables["t"]
    for i in range(500):
        assert t.get(f"w{i}") == str(i).encode() * (i % 300)  # values past one read
    assert t.get("") == b"empty" and t.get("naïve") == b"accent"
    assert t.get("w500") is None and t.get("naive") is None
    assert ix.tables["u"].get("x") == b"y" and ix.meta == {"version": "x"}


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b"",  # emptied
        lambda b: b"\0" * len(b),  # overwritten with zeros
        lambda b: b"garbage" + b[7:],  # header overwritten
        lambda b: b[:-3] + b"xyz",  # tail overwritten
    ],
)
def test_damaged_cache_file_is_rebuilt(tmp_path: Path, monkeypatch, damage) -> None:
    monkeypatch.setenv("REDLINE_CACHE", str(tmp_path))
    builds: list[Path] = []

    def build(path: Path, progress) -> None:
        builds.append(path)
        _tiny(path)

    open_cached("index-k.rlx", build, announce=False)
    f = tmp_path / "index-k.rlx"
    f.write_bytes(damage(f.read_bytes()))
    with pytest.raises(CorruptIndex):
        IndexFile(f)
    ix = open_cached("index-k.rlx", build, announce=False)
    assert len(builds) == 2
    assert ix.tables["t"].get("w7") == b"7" * 7


def test_damage_found_while_in_use_removes_the_file(tmp_path: Path) -> None:
    f = tmp_path / "index-k.rlx"
    _tiny(f)
    ix = IndexFile(f)
    data = bytearray(f.read_bytes())
    # every entry claims a value longer than the file: a lookup cannot read it
    for slot in ix.tables["t"]._slots:
        if slot:
            off = slot & 0xFFFFFFFFFF
            data[off + 2 : off + 6] = (2**31).to_bytes(4, "little")
    f.write_bytes(bytes(data))
    with pytest.raises(CorruptIndex, match="rebuilt on the next run"):
        ix.tables["t"].get("w1")
    assert not f.exists()


def test_index_is_written_with_fsync_before_the_rename(tmp_path: Path, monkeypatch) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(
        os, "replace", lambda a, b: (events.append("replace"), real_replace(a, b))[1]
    )
    (tmp_path / "c").mkdir()
    _tiny(tmp_path / "c" / "a.rlx")
    assert events[:2] == ["fsync", "replace"]
    assert [p.name for p in (tmp_path / "c").iterdir()] == ["a.rlx"]  # no temp file left


def test_build_listener_hears_of_a_build_once(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("REDLINE_CACHE", str(tmp_path))
    heard: list[float] = []
    fractions: list[float] = []

    def listener(estimate: float):
        heard.append(estimate)
        return fractions.append

    def build(path: Path, progress) -> None:
        progress(0.0)
        _tiny(path)
        progress(1.0)

    index.set_build_listener(listener)
    try:
        open_cached("index-k.rlx", build)
        open_cached("index-k.rlx", build)
    finally:
        index.set_build_listener(None)
    assert heard == [index.DEFAULT_BUILD_SECONDS] and fractions == [0.0, 1.0]


def test_new_index_prunes_older_ones(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("REDLINE_CACHE", str(tmp_path))
    for n, name in enumerate(["index-old1.rlx", "index-old2.rlx", "index-old3.rlx"]):
        _tiny(tmp_path / name)
        os.utime(tmp_path / name, (1000 + n, 1000 + n))
    (tmp_path / "index-legacy.sqlite").write_bytes(b"old format")
    open_cached("index-new.rlx", lambda p, _progress: _tiny(p), prune="index-*.rlx")
    left = sorted(p.name for p in tmp_path.glob("index-*") if not p.name.endswith(".lock"))
    assert left == ["index-new.rlx", "index-old3.rlx"]  # the new one + the latest other


def test_key_follows_content_not_file_times(tmp_path: Path, monkeypatch) -> None:
    """Reinstalling the same data (new modification times) reuses the index."""
    monkeypatch.setenv("REDLINE_CACHE", str(tmp_path))
    data = tmp_path / "data.txt"
    data.write_text("some words\n")
    monkeypatch.setattr(index, "_source_files", lambda: [data])
    first = index.index_key([])
    os.utime(data, (time.time() + 100, time.time() + 100))
    assert index.index_key([]) == first
    data.write_text("other words\n")
    assert index.index_key([]) != first


def test_user_dictionary_overlay_is_compiled_once(corrector, redline_home: Path, monkeypatch):
    """A user dictionary is parsed and compiled on first use only, then read from the
    cached overlay; its words are known and are correction targets."""
    from normalize import dictfile
    from normalize.corrector import Corrector

    folder = redline_home / "dictionaries"
    folder.mkdir()
    (folder / "mine.txt").write_text("## name: mine\nZorblatt\nquuxify\n", encoding="utf-8")
    c = Corrector.load(dictionaries=["geopolitics"])
    assert c.lexicon.info("zorblatt").forms == ("Zorblatt",)
    assert c.correct("we quuxifj it").text == "we quuxify it"

    def no_parse(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(dictfile, "parse", no_parse)
    again = Corrector.load(dictionaries=["geopolitics"])
    assert again.correct("we quuxifj it").text == "we quuxify it"


@pytest.mark.slow
def test_million_word_user_dictionary_costs_little_after_first_use(
    tmp_path: Path, redline_home: Path, corrector
) -> None:
    words = "\n".join(f"zq{i:07d}x" for i in range(1_000_000))
    folder = redline_home / "dictionaries"
    folder.mkdir()
    (folder / "big.txt").write_text(f"## name: big\n{words}\n", encoding="utf-8")
    src = tmp_path / "in.txt"
    src.write_text("teh zq0000001x\n")
    cmd = [sys.executable, "-m", "normalize", "correct", str(src)]
    env = {**os.environ, "REDLINE_HOME": str(redline_home)}
    subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=900)
    t = time.monotonic()
    res = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True, timeout=300)
    assert time.monotonic() - t < 3.0  # about a second idle; the suite runs in parallel
    assert res.stdout == "the zq0000001x\n"


def test_tables_too_large_to_map_read_their_slots(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(index, "MAPPED_SLOTS_MAX", 64)
    _tiny(tmp_path / "a.rlx")
    ix = IndexFile(tmp_path / "a.rlx")
    assert isinstance(ix.tables["t"]._slots, index._ReadSlots)
    assert ix.tables["t"].get("w42") == b"42" * 42 and ix.tables["t"].get("nope") is None
    assert ix.tables["u"].get("x") == b"y"  # a small table still maps them


def _reference_deletes(sym: index._Deletes) -> dict[str, bytes]:
    return {k: "\t".join(v).encode() for k, v in sym.deletes.items()}


def _deletes_of(words: list[str]) -> index._Deletes:
    sym = index._Deletes()
    for i, w in enumerate(words):
        sym.add(w, i + 1)
    return sym


#: words whose deletes collide in every way: repeated letters, shared prefixes of every
#: length, one- and two-letter words (their deletes include ""), accents, apostrophes, a
#: character outside the BMP, a word added twice
TRICKY = (
    "a i aa ab ba abc aab aaab banana bananas bandana and anderson andrew naïve naive "
    "café cafe don't dont o'clock zoë zoo 𝔘nicode aaaaaaaaa abcdefgh abcdefghij acbdefgh "
    "hello hallo hullo hell shell she he a"
).split()


def test_delete_table_is_symspells(tmp_path: Path) -> None:
    """The numpy delete table has every key and value of the reference one (the order
    of the keys may differ: it changes the file's layout, never a lookup)."""
    sym = _deletes_of(TRICKY)
    keys, values = index._delete_table(sym)
    assert len(keys) == len(set(keys))
    assert dict(zip(keys, values, strict=True)) == _reference_deletes(sym)
    # and read back from a file, every key gives the same words
    write_tables(tmp_path / "d.rlx", {"deletes": (keys, values)}, {})
    table = IndexFile(tmp_path / "d.rlx").tables["deletes"]
    for k, v in _reference_deletes(sym).items():
        assert table.get(k) == v
    assert table.get("zzzz") is None


def test_delete_table_of_a_large_alphabet_falls_back(tmp_path: Path) -> None:
    words = [chr(0x4E00 + i) * 3 for i in range(600)] + ["abc"]  # 601 letters: no packing
    sym = _deletes_of(words)
    keys, values = index._delete_table(sym)
    assert dict(zip(keys, values, strict=True)) == _reference_deletes(sym)


@given(st.lists(st.text(alphabet="abcdeé'", min_size=1, max_size=10), max_size=60))
@settings(max_examples=60)
def test_delete_table_is_symspells_for_any_words(words: list[str]) -> None:
    sym = _deletes_of(words)
    keys, values = index._delete_table(sym)
    assert dict(zip(keys, values, strict=True)) == _reference_deletes(sym)
