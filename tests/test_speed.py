"""The fast paths give the very same answers: tokens, results, on many texts."""

from __future__ import annotations

import random
from functools import partial as partial_type
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import fastpath
from normalize.corrector import Corrector
from normalize.tokenize import tokenize

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted(
    p
    for pattern in ("seeds/*", "bench/heldout/*.txt", "bench/context/*.txt", "*.md", "docs/*.md")
    for p in ROOT.glob(pattern)
    if p.is_file() and p.suffix not in (".tsv",)
)
TEXTS += [ROOT / "normalize" / "tokenize.py", ROOT / "tests" / "test_technical.py"]

# the characters the protected patterns are made of, and prose
ALPHABET = "abcdefxyzABCDEFXYZ   \n\t.,;:!?'’\"“”()[]{}<>-_/\\@#$%&*+=|~`0123456789é…—"
PIECES = [
    "import os",
    "from x import y",
    "for i in range(3):",
    "class Foo:",
    "def f(x):",
    "... ",
    ">>> ",
    "$ ls",
    "```",
    "~~~",
    "www.",
    "http://",
    "e.g.",
    "file.txt",
    "stdin",
    "deadbeef",
    "camelCase",
    "snake_case",
    "--flag",
    " -x",
    "well-known",
    "a = b",
    "f(",
    "x[1]",
    "user@example.com",
    "example.com/path",
    "    + x",
    "a && b",
    "#  c",
    "don’t",
    "it's",
    # technical tokens (issue 11.5): computing words, names joined by ::, lines of code
    "linux",
    "repo's",
    "symlinks",
    "std::vector",
    '"key": 1',
    "INFO ",
    "    return",
    "const x =",
    "if (",
    "fn f(",
    "x) {",
    "}",
    "npm i -D",
    # chunks (issue 14: only the chunks around such tokens go through the full tokenizer)
    "`a b c` d",
    "x `a` -y",
    "i --no",
    "f (x)",
    "(see 2)",
    "a\u00a0b",
    "v1.2 and",
    "\u2014 -",
]


def _same(text: str) -> None:
    assert fastpath.tokenize(text) == list(tokenize(text)), repr(text[:200])


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_fast_tokens_equal_full_tokens_on_files(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    _same(text)
    for line in text.splitlines(keepends=True)[:400]:
        _same(line)


def test_fast_tokens_equal_full_tokens_on_random_text() -> None:
    rng = random.Random(14)
    for _ in range(3000):
        parts = []
        for _ in range(rng.randint(1, 12)):
            if rng.random() < 0.4:
                parts.append(rng.choice(PIECES))
            else:
                parts.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 10))))
            parts.append(rng.choice([" ", " ", "\n", "", ". ", ", "]))
        _same("".join(parts))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(ALPHABET, max_size=12)), max_size=10))
def test_fast_tokens_equal_full_tokens_property(parts: list[str]) -> None:
    _same(" ".join(parts))
    _same("\n".join(parts))


def test_plain_text_needs_no_decision(corrector: Corrector) -> None:
    """Clean prose is returned as it came, with nothing to report; a text with one typo
    or a protected token takes the full path and gives the same answer as ever."""
    clean = "The ministers met in Brussels on Tuesday and talked for two days."
    r = corrector.correct(clean)
    assert (r.text, r.corrections, r.flags, r.unknown) == (clean, (), (), ())
    assert not fastpath.is_plain_text("see example.com or call 555")
    r = corrector.correct("The minsters met in Brussels on Tuesday at 10:00.")
    assert r.text == "The ministers met in Brussels on Tuesday at 10:00."


def _fitted_reference(typed: str, intended: str, floor: float) -> float:
    """errormodel._fitted as it was written first: every cell, every lookup."""
    from normalize.errormodel import NEG, load_table

    if typed == intended:
        return 0.0
    table = load_table(None)
    a, b = f"^{intended}$", f"^{typed}$"
    m, n = len(a), len(b)
    best = [[NEG] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for i in range(m + 1):
        row = best[i]
        for j in range(n + 1):
            v = row[j]
            if v <= NEG:
                continue
            bj = b[j] if j < n else ""
            if i < m:
                ai = a[i]
                if ai == bj:
                    if v > best[i + 1][j + 1]:
                        best[i + 1][j + 1] = v
                elif bj and bj not in "^$" and ai not in "^$" and v + floor > best[i + 1][j + 1]:
                    best[i + 1][j + 1] = v + floor
                if ai not in "^$" and v + floor > best[i + 1][j]:
                    best[i + 1][j] = v + floor
                if j < n and bj not in "^$" and i > 0 and v + floor > row[j + 1]:
                    row[j + 1] = v + floor
                if (
                    i + 1 < m
                    and j + 1 < n
                    and a[i + 1] == bj
                    and b[j + 1] == ai
                    and ai != bj
                    and v + floor > best[i + 2][j + 2]
                ):
                    best[i + 2][j + 2] = v + floor
                for la in (1, 2, 3):
                    if i + la > m:
                        break
                    group = table.get(a[i : i + la])
                    if group is None:
                        continue
                    for key in (bj, ""):
                        for beta, p in group.get(key, ()):
                            if b.startswith(beta, j):
                                k, w = i + la, j + len(beta)
                                if v + p > best[k][w]:
                                    best[k][w] = v + p
    return best[m][n]


def _typo_pairs(n: int = 600) -> list[tuple[str, str]]:
    """(typed, intended): words of general prose with one to four random edits, and a
    fifth of them against another word."""
    words = (ROOT / "bench" / "heldout" / "clean_prose.txt").read_text(encoding="utf-8")
    vocab = sorted({w.lower() for w in fastpath.WORD_RE.findall(words) if w.isascii()})
    rng = random.Random(11)
    pairs = [("", "a"), ("a", ""), ("ab", "ba"), ("teh", "the")]
    for _ in range(n):
        src = rng.choice(vocab)
        w = list(src)
        for _ in range(rng.randint(1, 4)):
            k = rng.randrange(len(w) + 1)
            op = rng.randrange(4)
            if op == 0 and k < len(w):
                w[k] = rng.choice("abcdefghijklmnopqrstuvwxyz")
            elif op == 1:
                w.insert(k, rng.choice("aeiouyhsc"))
            elif op == 2 and k < len(w):
                del w[k]
            elif k + 1 < len(w):
                w[k], w[k + 1] = w[k + 1], w[k]
        pairs.append(("".join(w), rng.choice(vocab) if rng.random() < 0.2 else src))
    return pairs


def test_fitted_edit_model_prunes_without_changing_a_value() -> None:
    from normalize.errormodel import _fitted

    for floor in (-4.0, -1.5):
        for typed, intended in _typo_pairs():
            got = _fitted.__wrapped__(typed, intended, floor, None)
            assert got == _fitted_reference(typed, intended, floor), (typed, intended)


def test_channel_asks_the_fitted_model_only_for_what_can_win() -> None:
    """errormodel.channel skips the fitted programme's cells below the keyboard slip's
    value: the channel is exactly the larger of the two, as if computed in full."""
    from normalize import errormodel, keyboard

    errormodel._fitted.cache_clear()
    pairs = _typo_pairs(300)
    for floor, offset, extra in ((-4.0, 0.5, -0.8), (-4.0, 0.0, 0.0), (-1.5, 2.0, -0.3)):
        for typed, intended in pairs:
            d = max(1, errormodel.osa_distance()(typed, intended, 99))
            kb = keyboard.channel(typed, intended) + extra * (d - 1)
            want = max(kb, _fitted_reference(typed, intended, floor) + offset)
            got = errormodel.channel(typed, intended, d, extra, offset, floor)
            assert got == want, (typed, intended, floor, offset)


def test_keyboard_channel_of_one_edit_is_the_programme_s() -> None:
    """keyboard.channel prices words one edit apart without the alignment programme:
    the same value as the programme, for every single edit of many words (runs of a
    letter, word edges, keys beside the space bar) and for the random typo pairs."""
    from normalize import keyboard

    words = ["aab", "abb", "book", "committee", "mississippi", "ab", "a", "vv", "cab", "nb"]
    words += sorted({w for _t, w in _typo_pairs(40) if w})
    letters = "aeiosdfghjcvbnm'"
    pairs = list(_typo_pairs(300))
    for w in words:
        for k in range(len(w) + 1):
            for c in letters:
                pairs.append((w[:k] + c + w[k:], w))  # a letter typed in excess
                if k < len(w):
                    pairs.append((w[:k] + c + w[k + 1 :], w))  # one typed for another
            if k < len(w):
                pairs.append((w[:k] + w[k + 1 :], w))  # a letter dropped
            if k + 1 < len(w):
                pairs.append((w[:k] + w[k + 1] + w[k] + w[k + 2 :], w))  # two swapped
    for typed, intended in pairs:
        if typed != intended:
            want = keyboard._alignment(typed, intended)
            assert keyboard.channel.__wrapped__(typed, intended) == want, (typed, intended)
            assert keyboard.channel.__wrapped__(intended, typed) == keyboard._alignment(
                intended, typed
            )


def test_sound_alikes_ranks_only_what_can_place(corrector: Corrector) -> None:
    """candidates.sound_alikes ranks by spelling and frequency only the words near enough
    in sound to reach the first places: the same list as ranking every word found."""
    from editdistpy import levenshtein

    from normalize import candidates
    from normalize.corrector import _distance
    from normalize.lexicon import sound_code

    lex = corrector.lexicon

    def reference(key: str, limit: int) -> list[tuple[str, int]]:
        code = sound_code(key)
        reach = candidates.max_key_distance(code)
        if reach == 0:
            return []
        found: dict[str, int] = {}
        for n in range(len(code) - reach, len(code) + reach + 1):
            for other, words in candidates._bucket(lex, candidates._onset(code), n):
                d = levenshtein.distance(code, other, reach)
                for w in words.split("\t") if d >= 0 else ():
                    if w != key and d < found.get(w, 99):
                        found[w] = d
        ranked = sorted(
            found.items(), key=lambda kv: (kv[1], _distance(key, kv[0]), -lex.count(kv[0]))
        )
        return ranked[:limit]

    for key in ("syncorization", "majaerly", "goverment", "recieving", "licensse", "wether"):
        for limit in (1, 5, 12, 40):
            assert candidates.sound_alikes(lex, key, limit) == reference(key, limit), key


# --------------------------------------------------------------------------- compiled
# normalize/_speedups.c: compiled twins of the hot functions, used when built; each must
# give its pure-Python original's value bit for bit (REDLINE_PURE=1 forces the originals).


def _compiled():
    from normalize import native_speedups

    fast = native_speedups()
    if fast is None:
        pytest.skip("the compiled speed-ups are not built here (or REDLINE_PURE is set)")
    return fast


def test_the_compiled_speedups_are_built_where_a_compiler_is() -> None:
    """``pip install`` builds the extension when a C compiler and the Python headers are
    present (a failed build is skipped silently: this says when that happened)."""
    import os
    import shutil
    import sysconfig

    from normalize import native_speedups

    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    if os.environ.get("REDLINE_PURE", "") not in ("", "0") or os.environ.get(
        "REDLINE_NO_EXTENSION"
    ):
        pytest.skip("the pure-Python code is asked for")
    if not (shutil.which("cc") or shutil.which("gcc")) or not headers.is_file():
        pytest.skip("no C compiler or Python headers here")
    assert native_speedups() is not None


def _hard_pairs() -> list[tuple[str, str]]:
    pairs = _typo_pairs(1500)
    pairs += [
        ("", ""),
        ("", "ab"),
        ("abc", ""),
        ("café", "cafe"),
        ("naïve", "naive"),
        ("über", "uber"),
        ("日本", "日本語"),
        ("x^y", "x$y"),
        ("^a$", "a"),
        ("a$", "^a"),
        ("'tis", "tis"),
        ("don't", "dont"),
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "a" * 37 + "b"),  # a large table
        ("pneumonoultramicroscopicsilicovolcanoconiosis", "pneumonoultramicroscopic"),
    ]
    return pairs


def test_compiled_fitted_programme_equals_the_pure_one() -> None:
    """``_speedups.fitted`` against ``errormodel._fitted_dp`` on random and awkward pairs
    (non-ASCII letters, the programme's own ``^``/``$`` marks, long words), for several
    floors and ``least`` bounds (the pruning must skip the very same cells)."""
    from normalize import errormodel as em

    fast = _compiled()
    edits = em._edits(None)
    for typed, intended in _hard_pairs():
        a, b = f"^{intended}$", f"^{typed}$"
        pieces = em._pieces(b, None)
        for floor in (-4.0, -1.5, -7.25):
            bound = em._lower_bound(typed, intended, floor, None)
            for least in (em.NEG, -2.0, -5.5, -9.0, 0.0):
                low = max(bound, least)
                want = em._fitted_dp(a, b, floor, low, None)
                got = fast.fitted(a, b, floor, low, edits, pieces, em.NEG)
                assert got == want, (typed, intended, floor, least)


def test_compiled_alignment_equals_the_pure_one() -> None:
    from normalize import keyboard

    fast = _compiled()
    for typed, intended in _hard_pairs():
        for t, i in ((typed, intended), (intended, typed)):
            assert fast.alignment(t, i) == keyboard._alignment(t, i), (t, i)


def test_compiled_code_rejects_bad_arguments() -> None:
    fast = _compiled()
    with pytest.raises(TypeError):
        fast.fitted("^a$", "^b$", -4.0, -1e9, {}, (), -1e9, "extra")
    with pytest.raises(ValueError):
        fast.fitted("^a$", "^b$", -4.0, -1e9, {}, ((),), -1e9)  # pieces too short
    with pytest.raises(ValueError):  # a piece that ends outside the typed word
        fast.fitted("^a$", "^b$", -4.0, -1e9, {"^": {"x": -1.0}}, ((("x", 9),),) * 4, -1e9)
    with pytest.raises(TypeError):
        fast.alignment("a", 1)


@pytest.mark.parametrize(
    "name", ["seeds/000_*.txt", "bench/heldout/garbled.txt", "bench/realtext/dev.txt"]
)
def test_compiled_and_pure_correct_texts_alike(name: str, tmp_path: Path) -> None:
    """Whole texts, corrected with the compiled code and with REDLINE_PURE=1: the very
    same output (``check --format json``: every correction, flag and unknown word)."""
    import os
    import subprocess
    import sys

    _compiled()
    path = next(ROOT.glob(name))
    outs = []
    for pure in ("0", "1"):
        env = {**os.environ, "REDLINE_PURE": pure, "PYTHONHASHSEED": "0"}
        p = subprocess.run(
            [sys.executable, "-m", "normalize", "check", "--format", "json", str(path)],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
        )
        assert p.stdout, p.stderr[-500:]
        outs.append(p.stdout)
    assert outs[0] == outs[1]


def test_compiled_table_lookup_equals_the_pure_one(corrector: Corrector, tmp_path: Path) -> None:
    """``Table.get`` (compiled) against ``Table._get`` on the real index's tables, for
    words it has and has not, and on a small file: values past one read, empty and
    non-ASCII keys, and damage (both remove the file and raise the same error)."""
    from normalize import index

    _compiled()
    words = (ROOT / "bench" / "heldout" / "garbled.txt").read_text(encoding="utf-8").split()
    keys = [w.lower().strip(".,;:!?\"'()") for w in words[:3000]]
    keys += ["", "naïve", "日本", "a b", "of the", "zzzzzz", "^"]
    keys += [k[:i] + k[i + 1 :] for k in keys[:300] for i in range(len(k))]  # delete keys
    for name, table in corrector.lexicon._base.tables.items():
        assert isinstance(table.get, partial_type), name
        for k in keys:
            assert table.get(k) == table._get(k), (name, k)

    path = tmp_path / "t.rlx"
    tkeys = [f"w{i}" for i in range(500)] + ["", "naïve"]
    values = [str(i).encode() * (i % 300) for i in range(500)] + [b"empty", b"accent"]
    index.write_tables(path, {"t": (tkeys, values)}, {"version": "x"})
    t = index.IndexFile(path).tables["t"]
    for k in tkeys + ["w500", "naive", "x" * 300]:
        assert t.get(k) == t._get(k), k
    saved = index.MAPPED_SLOTS_MAX
    index.MAPPED_SLOTS_MAX = 0  # the same table with its slots read, not mapped
    try:
        read = index.IndexFile(path).tables["t"]
    finally:
        index.MAPPED_SLOTS_MAX = saved
    assert not isinstance(read._slots, memoryview)
    assert isinstance(read.get, partial_type)
    for k in tkeys + ["w500", "naive", "x" * 300]:
        assert read.get(k) == read._get(k) == t._get(k), k
    data = bytearray(path.read_bytes())
    for slot in t._slots:  # every entry claims a value longer than the file
        if slot:
            off = slot & 0xFFFFFFFFFF
            data[off + 2 : off + 6] = (2**31).to_bytes(4, "little")
    for lookup in ("_get", "get"):
        path.write_bytes(bytes(data))
        damaged = index.IndexFile(path).tables["t"]
        with pytest.raises(index.CorruptIndex, match="rebuilt on the next run"):
            getattr(damaged, lookup)("w1")
        assert not path.exists()


def test_compiled_symspell_lookup_equals_the_pure_one(corrector: Corrector) -> None:
    """``_speedups.lookup`` against ``lexicon._lookup_py`` on the real index: the same
    candidates, distances and order, one and two edits deep, for typos of prose, short
    words, long words past the prefix, non-ASCII and empty words; and its distance is
    editdistpy's optimal string alignment, to the limit."""
    from editdistpy import damerau_osa

    from normalize import lexicon

    fast = _compiled()
    lex = corrector.lexicon
    words = {typed for typed, _i in _typo_pairs(400)}
    words |= {"", "a", "ab", "teh", "thier", "naïve", "cafè", "日本", "x'y", "licensse"}
    words |= {"internationalisation", "internatoinalization", "syncorization", "qqqqqqqqq"}
    for word in sorted(words):
        for deletes_get, count_of, max_length in lex._searches:
            for max_ed in (0, 1, 2):
                args = (word, max_ed, deletes_get, count_of, max_length)
                want = lexicon._lookup_py(*args)
                assert fast.lookup(*args, lexicon.PREFIX) == want, (word, max_ed)
    rng = random.Random(3)
    for _ in range(20000):
        a = "".join(rng.choice("abcé日'") for _ in range(rng.randint(0, 9)))
        b = "".join(rng.choice("abcé日'") for _ in range(rng.randint(0, 9)))
        for limit in (0, 1, 2, 99):
            assert fast.osa(a, b, limit) == damerau_osa.distance(a, b, limit), (a, b, limit)


def test_compiled_sound_scan_equals_the_pure_one(corrector: Corrector, monkeypatch) -> None:
    """``_speedups.sound_scan`` against ``candidates._scan`` on the index's own key
    buckets and on made-up ones (non-ASCII, empty keys), and ``sound_alikes`` with the
    compiled scan against it with the pure one, for typos of prose, long and short words,
    non-ASCII and empty words; and its distance is editdistpy's Levenshtein, to the limit."""
    from editdistpy import levenshtein

    from normalize import candidates
    from normalize.lexicon import sound_code

    fast = _compiled()
    lex = corrector.lexicon
    keys = {typed for typed, _i in _typo_pairs(150)} | {i for _t, i in _typo_pairs(150)}
    keys |= {"", "a", "teh", "naïve", "cafè", "日本", "x'y", "syncorization", "majaerly"}
    keys |= {"internatoinalization", "goverment", "recieving", "licensse", "qqqqqqqqq"}
    for key in sorted(keys):
        code = sound_code(key)
        onset = candidates._onset(code)
        for reach in (1, 2):
            for n in range(max(len(code) - reach, 0), len(code) + reach + 1):
                bucket = candidates._bucket(lex, onset, n)
                want = candidates._scan(code, bucket, reach)
                assert fast.sound_scan(code, bucket, reach) == want, (key, reach, n)
    compiled = {key: candidates.sound_alikes(lex, key, limit) for key in keys for limit in (5, 40)}
    assert sum(1 for v in compiled.values() if v) > 100  # the scan finds words
    monkeypatch.setattr(candidates, "native", lambda: None)
    pure = {key: candidates.sound_alikes(lex, key, limit) for key in keys for limit in (5, 40)}
    assert pure == compiled

    rng = random.Random(5)
    alphabet = "KNTSé日😀"
    made = [
        ("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 7))), f"w{i}\tv{i}")
        for i in range(3000)
    ]
    for code in ["", "K", "KNT", "é日", "😀KN", "KNTSKNTS"]:
        for reach in (-1, 0, 1, 2, 99):
            assert fast.sound_scan(code, made, reach) == candidates._scan(code, made, reach)
    for _ in range(20000):
        a = "".join(rng.choice("abcé日😀") for _ in range(rng.randint(0, 9)))
        b = "".join(rng.choice("abcé日😀") for _ in range(rng.randint(0, 9)))
        for limit in (0, 1, 2, 99):
            assert fast.lev(a, b, limit) == levenshtein.distance(a, b, limit), (a, b, limit)
    with pytest.raises(TypeError):
        fast.sound_scan("KN", [("KN",)], 1)
    with pytest.raises(TypeError):
        fast.sound_scan("KN", (("KN", "w"),), 1)


def test_compiled_everyday_rivals_equal_the_pure_ones(corrector: Corrector, monkeypatch) -> None:
    """``_speedups.rivals`` against ``candidates._rivals`` on the everyday words for short
    typos, words, non-ASCII and empty keys, and on made-up words (non-ASCII, one letter,
    long); and ``_everyday_rivals`` compiled against pure."""
    from normalize import candidates
    from normalize.corrector import Settings

    fast = _compiled()
    lex = corrector.lexicon
    keys = {t for t, _i in _typo_pairs(300) if len(t) <= 6} | {"", "a", "wif", "ouy", "teh"}
    keys |= {"naïve", "cafè", "日本", "x'y", "thier", "recieve", "ab", "abcdefghijkl"}
    words = candidates._everyday(lex, 1000.0)
    assert len(words) > 500
    counts = (Settings.far_rival_min_count, 1000.0)  # the corrector's and a lower one
    rng = random.Random(7)
    made = tuple(
        "".join(rng.choice("abcé日") for _ in range(rng.randint(0, 80 if i % 50 == 0 else 6)))
        for i in range(3000)
    )
    found = 0
    for key in sorted(keys) + sorted(made[:200]):
        want = candidates._rivals(key, words)
        found += len(want)
        assert fast.rivals(key, words) == want, key
        assert fast.rivals(key, made) == candidates._rivals(key, made), key
    assert found > 100
    compiled = [candidates._everyday_rivals(lex, k, c) for k in sorted(keys) for c in counts]
    monkeypatch.setattr(candidates, "native", lambda: None)
    assert [
        candidates._everyday_rivals(lex, k, c) for k in sorted(keys) for c in counts
    ] == compiled
    assert any(compiled)
    with pytest.raises(TypeError):
        fast.rivals("ab", ["ab"])
    with pytest.raises(TypeError):
        fast.rivals("ab", ("ab", 1))


def test_word_info_made_by_its_slots_is_the_dataclass_s(corrector: Corrector) -> None:
    """``Lexicon._decode`` sets the frozen ``WordInfo``'s slots directly: equal to (and
    hashed, shown and compared like) what its ``__init__`` makes, for real index words."""
    from normalize.lexicon import WordInfo

    lex = corrector.lexicon
    for word in ("the", "us", "nato", "budapest", "thst", "colour", "zzzq", "naïve", "i"):
        raw = lex._words_get(word)
        if raw is None:
            continue
        got = lex._decode(word, raw)
        want = WordInfo(got.count, got.tier, got.forms, got.keep_only, got.listed)
        assert type(got) is WordInfo
        assert (got, hash(got), repr(got)) == (want, hash(want), repr(want))
