"""The lexicon: base English + domain + user dictionaries, and the compiled, cached index.

Tiers say how much a word is trusted:

* ``CORE``   – SCOWL "large" (American and British, fully inflected): right, never changed
  except as a real-word slip with strong context.
* ``DOMAIN`` / ``USER`` – dictionary entries, with canonical casing.
* ``COMMON`` – wordfreq words with Zipf ≥ 3.2 that SCOWL lacks (``online``, ``ok``).
* ``RARE``   – SCOWL "huge" only: rare but right; kept unless the evidence is strong.
* ``TAIL``   – the rest of wordfreq's list: real rare words *and* common typos (``thst``);
  these may be corrected when a far more probable word explains them.

The expensive part (symspellpy's delete table for ~150k words) is built once into an
SQLite file in the user cache directory, keyed on a hash of every input, and read through
read-only mappings that stand in for symspellpy's ``_words`` and ``_deletes`` dicts.
"""

from __future__ import annotations

import hashlib
import importlib.resources as resources
import os
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from .errors import DictionaryError, OutputError

CORE, DOMAIN, USER, COMMON, RARE, TAIL = range(6)
TIER_NAMES = ("core", "domain", "user", "common", "rare", "tail")
TRUSTED = frozenset({CORE, DOMAIN, USER, COMMON})

INDEX_VERSION = "6"
MAX_EDIT = 2
PREFIX = 7
N_TOTAL = 1e9  # counts are frequencies per billion words
COMMON_ZIPF = 3.2
CANDIDATE_ZIPF = 3.0
SOUND_GROUP = 12  # candidates kept per phonetic key
DOMAIN_DEFAULT_COUNT = 300  # about Zipf 2.5: a term of the field, not a household word


@dataclass(frozen=True, slots=True)
class WordInfo:
    count: float
    tier: int
    forms: tuple[str, ...]  # the casings the dictionaries give ("US", "us"); empty = any
    keep_only: bool = False
    listed: bool = False  # a domain or user dictionary lists it

    @property
    def trusted(self) -> bool:
        return self.tier in TRUSTED

    def canonical(self) -> str | None:
        """The one casing to use, when every form the dictionaries give is capitalised."""
        if not self.forms or any(f.islower() for f in self.forms):
            return None
        return self.forms[0]


@dataclass(frozen=True)
class DictionarySpec:
    """A domain or user dictionary, reduced to what the index needs.

    The text is parsed only when its terms are needed (building an index, or layering a
    user dictionary): opening a cached index needs only the content hash.
    """

    name: str
    path: str
    tier: int
    text: str = field(repr=False)
    digest: str = ""

    @cached_property
    def terms(self) -> tuple[tuple[str, int | None, bool], ...]:
        """``(term, weight, keep_only)`` for every entry."""
        from . import dictfile

        label = self.path.removeprefix("<shipped>/")
        d = dictfile.parse(self.text, path=label)
        return tuple((e.term, e.weight, e.keep_only) for e in d.entries)


# --------------------------------------------------------------------------- sources


def _data_file(name: str) -> bytes:
    return (resources.files("normalize") / "data" / name).read_bytes()


def _scowl(name: str) -> list[str]:
    import gzip  # build time only

    return gzip.decompress(_data_file(name)).decode("utf-8").split()


def shipped_dictionary_names() -> list[str]:
    root = resources.files("redline_dictionaries")
    return sorted(p.name[:-4] for p in root.iterdir() if p.name.endswith(".txt"))


def user_dictionary_dir() -> Path:
    home = os.environ.get("REDLINE_HOME")
    if home:
        return Path(home) / "dictionaries"
    import platformdirs

    return Path(platformdirs.user_data_dir("redline", appauthor=False)) / "dictionaries"


def cache_dir() -> Path:
    explicit = os.environ.get("REDLINE_CACHE")
    if explicit:
        return Path(explicit)
    home = os.environ.get("REDLINE_HOME")
    if home:
        return Path(home) / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("redline", appauthor=False))


def load_dictionary(name_or_path: str, tier: int = DOMAIN) -> DictionarySpec:
    """A shipped dictionary by name, or any dictionary file by path (checked when parsed;
    files given by path are parsed at once so that a malformed one fails early)."""
    from . import dictfile

    p = Path(name_or_path)
    if name_or_path in shipped_dictionary_names():
        res = resources.files("redline_dictionaries") / f"{name_or_path}.txt"
        text = res.read_text(encoding="utf-8")
        spec = DictionarySpec(
            name_or_path,
            f"<shipped>/{name_or_path}.txt",
            tier,
            text,
            hashlib.sha256(text.encode("utf-8")).hexdigest(),
        )
        return spec
    if p.suffix or os.sep in name_or_path or p.exists():
        if not p.is_file():
            raise DictionaryError(f"dictionary file {p} does not exist")
        d = dictfile.load(p)
        text = p.read_text(encoding="utf-8")
        spec = DictionarySpec(
            d.name, str(p), tier, text, hashlib.sha256(text.encode("utf-8")).hexdigest()
        )
        spec.__dict__["terms"] = tuple((e.term, e.weight, e.keep_only) for e in d.entries)
        return spec
    known = ", ".join(shipped_dictionary_names()) or "none"
    raise DictionaryError(f"unknown dictionary {name_or_path!r} (shipped: {known})")


def user_dictionaries() -> list[DictionarySpec]:
    folder = user_dictionary_dir()
    if not folder.is_dir():
        return []
    return [load_dictionary(str(p), USER) for p in sorted(folder.glob("*.txt"))]


# --------------------------------------------------------------------------- building


def _split_term(term: str) -> list[str]:
    from .tokenize import normalize_apostrophes, tokenize

    return [normalize_apostrophes(t.text) for t in tokenize(term) if t.kind == "word"]


class _Builder:
    """Collects words with counts, tiers and casings from all sources."""

    def __init__(self) -> None:
        # key -> [count, tier, forms (list), keep_only, listed in a dictionary]
        self.words: dict[str, list] = {}
        self.bigrams: dict[str, float] = {}

    def add(
        self, form: str, count: float, tier: int, keep_only: bool = False, cased: bool = True
    ) -> None:
        """Add a word; ``cased=False`` for sources that lowercase everything (wordfreq)."""
        key = form.lower()
        rec = self.words.get(key)
        if rec is None:
            self.words[key] = [count, tier, [form] if cased else [], keep_only, False]
            return
        rec[0] = max(rec[0], count)
        rec[1] = min(rec[1], tier)  # lower tier number = more trusted
        if cased and form not in rec[2]:
            rec[2].append(form)
        rec[3] = rec[3] or keep_only

    def add_dictionary(self, spec: DictionarySpec, freq) -> None:
        for term, weight, keep_only in spec.terms:
            parts = _split_term(term)
            if len(parts) == 1:
                w = parts[0]
                count = weight if weight else max(freq(w.lower()), DOMAIN_DEFAULT_COUNT)
                self.add(w, count, spec.tier, keep_only)
                self.words[w.lower()][4] = True
                forms = self.words[w.lower()][2]
                if w[:1].isupper():  # the dictionary's casing comes first
                    forms.remove(w)
                    forms.insert(0, w)
                continue
            for w in parts:  # words of a phrase: known only if nothing else knows them
                if w.lower() not in self.words:
                    self.add(w, max(freq(w.lower()), DOMAIN_DEFAULT_COUNT // 3), spec.tier)
                elif self.words[w.lower()][1] in (RARE, TAIL):
                    self.words[w.lower()][1] = spec.tier
            for a, b in zip(parts, parts[1:]):
                k = f"{a.lower()} {b.lower()}"
                self.bigrams[k] = max(self.bigrams.get(k, 0), 1e6)


def _wordfreq_counts() -> dict[str, float]:
    import wordfreq

    return {w: f * N_TOTAL for w, f in wordfreq.get_frequency_dict("en", "large").items()}


def _symspell_data(name: str) -> Iterator[tuple[str, int]]:
    res = resources.files("symspellpy") / name
    with res.open("r", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 2:
                yield parts[0], int(parts[1])
            elif len(parts) == 3:
                yield f"{parts[0]} {parts[1]}", int(parts[2])


_ALPHA_WORD = None


def _is_alpha_word(w: str) -> bool:
    global _ALPHA_WORD
    if _ALPHA_WORD is None:
        import re

        _ALPHA_WORD = re.compile(r"^[a-z]+(?:'[a-z]+)*$")
    return bool(_ALPHA_WORD.match(w))


def _codespell_dictionary() -> bytes:
    return (_package_dir("codespell_lib") / "data" / "dictionary.txt").read_bytes()


def _known_misspellings(words: dict[str, list]) -> dict[str, list[str]]:
    """Published common misspellings (codespell's main list, CC BY-SA 3.0, a dependency).

    Kept: lowercase single-word entries whose misspelling no trusted list knows and
    whose fixes are words we know.  They feed the error model (a listed misspelling is
    a likely slip for its fix), never a blind replacement.
    """
    out: dict[str, list[str]] = {}
    for line in _codespell_dictionary().decode("utf-8").splitlines():
        typo, _, rest = line.partition("->")
        typo = typo.strip()
        if not typo or not typo.isalpha() or not typo.islower():
            continue
        rec = words.get(typo)
        if rec is not None and rec[1] in TRUSTED:
            continue
        fixes = [f.strip() for f in rest.split(",") if f.strip()]
        fixes = [f for f in fixes if f.isalpha() and f.lower() in words]
        if fixes and len(fixes) <= 4:
            out[typo] = [f.lower() for f in fixes]
    return out


def sound_code(word: str) -> str:
    """A phonetic key (Metaphone, via jellyfish): words that sound alike share it."""
    import jellyfish

    return jellyfish.metaphone(word)


def _sound_groups(candidates: Mapping[str, int], words: dict[str, list]):
    """Candidate words grouped by sound, most frequent first, a few per sound."""
    groups: dict[str, list[tuple[float, str]]] = {}
    for key in candidates:
        if len(key) >= 4 and key.isalpha():
            groups.setdefault(sound_code(key), []).append((words[key][0], key))
    for code, items in groups.items():
        items.sort(reverse=True)
        yield code, "\t".join(k for _c, k in items[:SOUND_GROUP])


def build_index(path: Path, dictionaries: Sequence[DictionarySpec]) -> None:
    """Compile every source into the SQLite index at ``path`` (atomically)."""
    from symspellpy import SymSpell

    wf = _wordfreq_counts()

    def freq(key: str) -> float:
        return wf.get(key, 0.0)

    b = _Builder()
    for w in _scowl("en-core.txt.gz"):
        b.add(w, freq(w.lower()), CORE)
    for w in _scowl("en-rare.txt.gz"):
        if w.lower() not in b.words:
            b.add(w, freq(w.lower()), RARE)
    common_floor = 10**COMMON_ZIPF
    for w, c in wf.items():
        if not _is_alpha_word(w):
            continue
        if w not in b.words:
            b.add(w, c, COMMON if c >= common_floor else TAIL, cased=False)
    # The forms list for general English comes from SCOWL's casing; a wordfreq-only word
    # is lowercase.  Make sure a word SCOWL lists only capitalised keeps that casing.
    for spec in dictionaries:
        b.add_dictionary(spec, freq)

    google_uni = dict(_symspell_data("frequency_dictionary_en_82_765.txt"))
    google_n = float(sum(google_uni.values()))
    for k, c in _symspell_data("frequency_bigramdictionary_en_243_342.txt"):
        b.bigrams[k] = max(b.bigrams.get(k, 0), c)

    misspellings = _known_misspellings(b.words)

    # candidate vocabulary: what a typo may be corrected *to*
    sym = SymSpell(max_dictionary_edit_distance=MAX_EDIT, prefix_length=PREFIX)
    cand_floor = 10**CANDIDATE_ZIPF
    for key, (count, tier, _forms, keep_only, _listed) in b.words.items():
        if keep_only or not key.isalpha() and "'" not in key:
            continue
        if tier in (CORE, DOMAIN, USER) or (tier == COMMON and count >= cand_floor):
            sym.create_dictionary_entry(key, max(1, int(count)))

    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # build time only

    fd, tmp = tempfile.mkstemp(prefix=".index.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript(
            """
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
            CREATE TABLE words(key TEXT PRIMARY KEY, count REAL, tier INTEGER,
                               forms TEXT, keep INTEGER, gcount REAL) WITHOUT ROWID;
            CREATE TABLE deletes(key TEXT PRIMARY KEY, terms TEXT) WITHOUT ROWID;
            CREATE TABLE bigrams(key TEXT PRIMARY KEY, count REAL) WITHOUT ROWID;
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE misspellings(key TEXT PRIMARY KEY, fixes TEXT) WITHOUT ROWID;
            CREATE TABLE sounds(code TEXT PRIMARY KEY, words TEXT) WITHOUT ROWID;
            """
        )
        con.executemany(
            "INSERT INTO words VALUES (?,?,?,?,?,?)",
            (
                (k, c, t, "\t".join(f), int(ko) | (2 * int(listed)), google_uni.get(k))
                for k, (c, t, f, ko, listed) in b.words.items()
            ),
        )
        con.executemany(
            "INSERT INTO deletes VALUES (?,?)",
            ((k, "\t".join(v)) for k, v in sym._deletes.items()),
        )
        con.executemany("INSERT INTO bigrams VALUES (?,?)", b.bigrams.items())
        con.executemany("INSERT INTO sounds VALUES (?,?)", _sound_groups(sym._words, b.words))
        con.executemany(
            "INSERT INTO misspellings VALUES (?,?)",
            ((k, "\t".join(v)) for k, v in misspellings.items()),
        )
        con.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [
                ("version", INDEX_VERSION),
                ("max_length", str(sym._max_length)),
                ("google_n", str(google_n)),
                ("candidates", str(len(sym._words))),
            ],
        )
        con.commit()
        con.close()
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _package_dir(name: str) -> Path:
    """Where an installed package lives, found without importing it (wordfreq's import
    alone costs a tenth of a second)."""
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise DictionaryError(f"the package {name!r} is not installed")
    return Path(list(spec.submodule_search_locations)[0])


def _fingerprint(resource) -> str:
    """Size and modification time of a data file shipped by an installed package: it
    changes whenever the package is reinstalled or upgraded, and costs one stat()."""
    try:
        st = os.stat(str(resource))
        return f"{st.st_size}:{st.st_mtime_ns}"
    except OSError:  # not a plain file (a zip import): fall back to its content
        return hashlib.sha256(resource.read_bytes()).hexdigest()


def index_key(dictionaries: Sequence[DictionarySpec]) -> str:
    """A key over everything the index is built from: parameters, the package data
    (base word lists, wordfreq's and symspellpy's data, codespell's list) and the
    content of the shipped dictionaries in use."""
    h = hashlib.sha256()
    h.update(f"v{INDEX_VERSION} e{MAX_EDIT} p{PREFIX} z{COMMON_ZIPF} {CANDIDATE_ZIPF}".encode())
    sources = [
        resources.files("normalize") / "data" / "en-core.txt.gz",
        resources.files("normalize") / "data" / "en-rare.txt.gz",
        _package_dir("codespell_lib") / "data" / "dictionary.txt",
        _package_dir("wordfreq") / "data" / "large_en.msgpack.gz",
        _package_dir("symspellpy") / "symspellpy.py",
        _package_dir("symspellpy") / "frequency_bigramdictionary_en_243_342.txt",
    ]
    for res in sources:
        h.update(f" {res.name}={_fingerprint(res)}".encode())
    for spec in dictionaries:
        h.update(f"{spec.name}:{spec.tier}:{spec.digest}".encode())
    return h.hexdigest()[:20]


# --------------------------------------------------------------------------- runtime


def _symspell():
    """A SymSpell with our parameters and editdistpy's C distance."""
    from symspellpy import SymSpell
    from symspellpy.editdistance import DistanceAlgorithm, EditDistance

    return SymSpell(
        max_dictionary_edit_distance=MAX_EDIT,
        prefix_length=PREFIX,
        distance_comparer=EditDistance(DistanceAlgorithm.DAMERAU_OSA_FAST),
    )


class _SqlMapping(Mapping):
    """A read-only mapping over one table; stands in for a symspellpy dict (values are
    cached: neighbouring typos probe many of the same delete keys)."""

    _LIMIT = 300_000  # cached keys; the cache is dropped whole when it grows past this

    def __init__(self, con: sqlite3.Connection, sql: str, convert) -> None:
        self._con = con
        self._sql = sql
        self._convert = convert
        self._cache: dict[str, object] = {}

    def _get(self, key: str):
        try:
            return self._cache[key]
        except KeyError:
            pass
        row = self._con.execute(self._sql, (key,)).fetchone()
        val = None if row is None else self._convert(row[0])
        if len(self._cache) >= self._LIMIT:
            self._cache.clear()
        self._cache[key] = val
        return val

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._get(key) is not None

    def __getitem__(self, key: str):
        val = self._get(key)
        if val is None:
            raise KeyError(key)
        return val

    def __iter__(self) -> Iterator[str]:  # pragma: no cover - never used by lookup
        raise TypeError("the index is not iterable")

    def __len__(self) -> int:  # pragma: no cover
        raise TypeError("the index has no cheap length")


class Lexicon:
    """Answers: is this word known, how frequent, how cased; what is it close to."""

    def __init__(
        self,
        con: sqlite3.Connection,
        overlay: Sequence[DictionarySpec] = (),
        index_path: Path | None = None,
    ) -> None:

        self._con = con
        self.index_path = index_path
        meta = dict(con.execute("SELECT key, value FROM meta"))
        self.google_n = float(meta["google_n"])
        self._sym = _symspell()
        self._sym._words = _SqlMapping(con, "SELECT count FROM words WHERE key=?", int)
        self._sym._deletes = _SqlMapping(
            con, "SELECT terms FROM deletes WHERE key=?", lambda s: s.split("\t")
        )
        self._sym._max_length = int(meta["max_length"])
        self._overlay_words: dict[str, WordInfo] = {}
        self._overlay_bigrams: dict[str, float] = {}
        self._overlay_sym = None
        self._info = lru_cache(maxsize=200_000)(self._info_uncached)
        self._memo: dict[tuple, object] = {}
        if overlay:
            self._add_overlay(overlay)

    # -- overlay: user dictionaries and --dict files, small, built in memory each run
    def _add_overlay(self, specs: Sequence[DictionarySpec]) -> None:

        sym = _symspell()
        for spec in specs:
            for term, weight, keep_only in spec.terms:
                parts = _split_term(term)
                for w in parts:
                    key = w.lower()
                    base = self._info_uncached(key)
                    if len(parts) > 1 and base is not None:
                        continue  # a known word inside a phrase keeps its own casing
                    count = weight or max(base.count if base else 0, DOMAIN_DEFAULT_COUNT)
                    forms = (w,) if w[:1].isupper() else ()
                    if base is not None:
                        forms = forms + tuple(f for f in base.forms if f != w)
                    tier = spec.tier if base is None else min(spec.tier, base.tier)
                    self._overlay_words[key] = WordInfo(
                        float(count), tier, forms, keep_only, listed=True
                    )
                    if not keep_only and key.isalpha():
                        sym.create_dictionary_entry(key, max(1, int(count)))
                for a, b in zip(parts, parts[1:]):
                    self._overlay_bigrams[f"{a.lower()} {b.lower()}"] = 1e6
        self._overlay_sym = sym
        self._info.cache_clear()
        self._memo.clear()

    # -- queries
    def _info_uncached(self, key: str) -> WordInfo | None:
        ov = self._overlay_words.get(key)
        if ov is not None:
            return ov
        row = self._con.execute(
            "SELECT count, tier, forms, keep FROM words WHERE key=?", (key,)
        ).fetchone()
        if row is None:
            return None
        forms = tuple(f for f in row[2].split("\t") if f) if row[2] else ()
        if forms and all(f == key for f in forms):
            forms = ()
        flags = int(row[3])
        return WordInfo(float(row[0]), int(row[1]), forms, bool(flags & 1), bool(flags & 2))

    def info(self, word: str) -> WordInfo | None:
        """What the lexicon knows of ``word`` (looked up lowercase), or None."""
        return self._info(word.lower())

    def count(self, word: str) -> float:
        i = self._info(word.lower())
        return i.count if i else 0.0

    def google_count(self, word: str) -> float:
        row = self._con.execute("SELECT gcount FROM words WHERE key=?", (word,)).fetchone()
        return float(row[0]) if row and row[0] else 0.0

    def sound_alikes(self, key: str) -> tuple[str, ...]:
        """Candidate words with the same phonetic key as ``key`` (most frequent first)."""
        row = self._con.execute(
            "SELECT words FROM sounds WHERE code=?", (sound_code(key),)
        ).fetchone()
        return tuple(w for w in row[0].split("\t") if w != key) if row else ()

    def misspelling_fixes(self, key: str) -> tuple[str, ...]:
        """The fixes a published list of common misspellings gives for ``key``."""
        row = self._con.execute("SELECT fixes FROM misspellings WHERE key=?", (key,)).fetchone()
        return tuple(row[0].split("\t")) if row else ()

    def bigram(self, a: str, b: str) -> float:
        """The count of the word pair ``a b`` (Google Books bigrams, domain phrases)."""
        k = f"{a.lower()} {b.lower()}"
        return self.memo(("bigram", k), self._bigram, k)

    def _bigram(self, k: str) -> float:
        ov = self._overlay_bigrams.get(k)
        if ov is not None:
            return ov
        row = self._con.execute("SELECT count FROM bigrams WHERE key=?", (k,)).fetchone()
        return float(row[0]) if row else 0.0

    def memo(self, key: tuple, fn, *args):
        """A per-lexicon memo for derived values (bounded: cleared when it grows large)."""
        try:
            return self._memo[key]
        except KeyError:
            pass
        if len(self._memo) > 500_000:
            self._memo.clear()
        value = self._memo[key] = fn(*args)
        return value

    def candidates(self, word: str, max_distance: int = MAX_EDIT) -> list[tuple[str, int]]:
        """Dictionary words within ``max_distance`` edits of ``word`` (lowercase)."""
        return self.memo(("cand", word.lower(), max_distance), self._candidates, word, max_distance)

    def _candidates(self, word: str, max_distance: int) -> list[tuple[str, int]]:
        from symspellpy import Verbosity

        key = word.lower()
        out: dict[str, int] = {}
        for sym in (self._sym, self._overlay_sym):
            if sym is None:
                continue
            for s in sym.lookup(key, Verbosity.ALL, max_distance):
                if s.term != key:
                    out[s.term] = min(out.get(s.term, 99), s.distance)
        return sorted(out.items(), key=lambda kv: kv[1])


def open_lexicon(
    dictionaries: Sequence[str] = ("geopolitics",),
    extra: Sequence[str] = (),
    user: bool = True,
) -> Lexicon:
    """Open (building once if needed) the index for these shipped dictionaries.

    ``extra`` are dictionary files given by path (``--dict my.txt``); they and the user's
    dictionaries are layered on top in memory, so editing them never forces a rebuild.
    """
    shipped = [load_dictionary(n, DOMAIN) for n in dictionaries]
    overlay = [load_dictionary(p, USER) for p in extra]
    if user:
        overlay.extend(user_dictionaries())
    key = index_key(shipped)
    path = cache_dir() / f"index-{key}.sqlite"
    if not path.exists():
        from filelock import FileLock

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with FileLock(str(path) + ".lock"):
                if not path.exists():
                    build_index(path, shipped)
                    _remove_stale(path)
        except OSError as exc:
            raise OutputError(
                f"cannot write the correction index in {path.parent} ({exc.strerror or exc}); "
                "set REDLINE_CACHE to a writable folder"
            ) from None
    con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
    lex = Lexicon(con, overlay, path)
    lex.shipped = tuple(shipped)  # the domain dictionaries it was built from (context hooks)
    return lex


def _remove_stale(current: Path, keep: int = 3) -> None:
    """Keep the few most recent indexes (other dictionary sets); drop older ones."""
    others = sorted(
        (p for p in current.parent.glob("index-*.sqlite") if p != current),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for p in others[keep - 1 :]:
        for q in (p, Path(str(p) + ".lock")):
            try:
                q.unlink()
            except OSError:
                pass
