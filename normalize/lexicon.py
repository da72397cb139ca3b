"""The lexicon: base English + domain + user dictionaries, and the compiled, cached index.

Tiers say how much a word is trusted:

* ``CORE``   – SCOWL "large" (American and British, fully inflected): right, never changed
  except as a real-word slip with strong context.
* ``DOMAIN`` / ``USER`` – dictionary entries, with canonical casing.
* ``COMMON`` – wordfreq words with Zipf ≥ 3.2 that SCOWL lacks (``online``, ``ok``).
* ``RARE``   – SCOWL "huge" only: rare but right; kept unless the evidence is strong.
* ``TAIL``   – the rest of wordfreq's list: real rare words *and* common typos (``thst``);
  these may be corrected when a far more probable word explains them.

The expensive part (symspellpy's delete table for ~150k words) is built once into a
memory-mapped index file in the user cache directory (see :mod:`normalize.index`, which
builds, caches and prunes it); lookups here read it through read-only mappings that stand
in for symspellpy's ``_words`` and ``_deletes`` dicts.
"""

from __future__ import annotations

import os
import struct
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from . import native_speedups as native
from .errors import DictionaryError

try:  # the built-in SHA-256: hashlib's OpenSSL start-up costs every run a few ms
    from _sha2 import sha256  # Python >= 3.12
except ImportError:  # pragma: no cover - depends on the Python version
    try:
        from _sha256 import sha256  # Python 3.11
    except ImportError:
        from hashlib import sha256

CORE, DOMAIN, USER, COMMON, RARE, TAIL = range(6)
TIER_NAMES = ("core", "domain", "user", "common", "rare", "tail")
TRUSTED = frozenset({CORE, DOMAIN, USER, COMMON})

INDEX_VERSION = "11"
MAX_EDIT = 2
PREFIX = 7
N_TOTAL = 1e9  # counts are frequencies per billion words
COMMON_ZIPF = 3.2
CANDIDATE_ZIPF = 3.0
SOUND_GROUP = 12  # candidates kept per phonetic key
DOMAIN_DEFAULT_COUNT = 300  # about Zipf 2.5: a term of the field, not a household word
_WORD = struct.Struct("<ddBB")  # a words value: count, Google count, tier, flags; then forms


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


def _slot_setter(name: str):
    return WordInfo.__dict__[name].__set__


_SET_WORD_INFO = tuple(map(_slot_setter, ("count", "tier", "forms", "keep_only", "listed")))


def _word_info(
    count: float, tier: int, forms: tuple[str, ...], keep_only: bool, listed: bool
) -> WordInfo:
    """``WordInfo(count, tier, forms, keep_only, listed)``, made by setting its slots: the
    frozen dataclass's ``__init__`` (``object.__setattr__`` per field) costs twice as
    much, and the index decodes a word for every candidate it reads."""
    info = object.__new__(WordInfo)
    set_count, set_tier, set_forms, set_keep_only, set_listed = _SET_WORD_INFO
    set_count(info, count)
    set_tier(info, tier)
    set_forms(info, forms)
    set_keep_only(info, keep_only)
    set_listed(info, listed)
    return info


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


def _resources(package: str):
    """A package's data folder: the plain directory when installed as files (cheap),
    else importlib.resources' traversable (zip imports)."""
    import importlib

    mod = importlib.import_module(package)
    where = getattr(mod, "__file__", None)
    if where:
        folder = Path(where).parent
        if folder.is_dir():
            return folder
    import importlib.resources as resources

    return resources.files(package)


def shipped_dictionary_names() -> list[str]:
    root = _resources("redline_dictionaries")
    return sorted(p.name[:-4] for p in root.iterdir() if p.name.endswith(".txt"))


def _xdg_dir(variable: str, default: str) -> Path | None:
    """``platformdirs``' answer for ``redline`` on plain Linux, without importing it (a
    few milliseconds of every run): ``$VARIABLE`` when it is an absolute path, else
    ``~/<default>``.  None where it might answer otherwise (another system, Android, a
    relative ``$HOME`` or ``$VARIABLE``): ask it then."""
    if not sys.platform.startswith("linux") or os.environ.get("ANDROID_ROOT"):
        return None
    value = os.environ.get(variable, "")
    if value:
        return Path(value) / "redline" if os.path.isabs(value) else None
    home = os.environ.get("HOME", "")
    return Path(home) / default / "redline" if os.path.isabs(home) else None


def user_dictionary_dir() -> Path:
    home = os.environ.get("REDLINE_HOME")
    if home:
        return Path(home) / "dictionaries"
    found = _xdg_dir("XDG_DATA_HOME", ".local/share")
    if found is not None:
        return found / "dictionaries"
    import platformdirs

    return Path(platformdirs.user_data_dir("redline", appauthor=False)) / "dictionaries"


def cache_dir() -> Path:
    explicit = os.environ.get("REDLINE_CACHE")
    if explicit:
        return Path(explicit)
    home = os.environ.get("REDLINE_HOME")
    if home:
        return Path(home) / "cache"
    found = _xdg_dir("XDG_CACHE_HOME", ".cache")
    if found is not None:
        return found
    import platformdirs

    return Path(platformdirs.user_cache_dir("redline", appauthor=False))


def load_dictionary(name_or_path: str, tier: int = DOMAIN, lazy: bool = False) -> DictionarySpec:
    """A shipped dictionary by name, or any dictionary file by path (checked when parsed;
    files given by path are parsed at once so that a malformed one fails early, unless
    ``lazy``: then only read and hashed, and parsed when its compiled overlay is not
    cached yet, so a user dictionary of a million words costs a read per run)."""
    p = Path(name_or_path)
    if name_or_path in shipped_dictionary_names():
        res = _resources("redline_dictionaries") / f"{name_or_path}.txt"
        text = res.read_text(encoding="utf-8")
        spec = DictionarySpec(
            name_or_path,
            f"<shipped>/{name_or_path}.txt",
            tier,
            text,
            sha256(text.encode("utf-8")).hexdigest(),
        )
        return spec
    if p.suffix or os.sep in name_or_path or p.exists():
        if not p.is_file():
            raise DictionaryError(f"dictionary file {p} does not exist")
        from . import dictfile

        text = dictfile.read_text(p)
        if lazy:
            digest = sha256(text.encode("utf-8")).hexdigest()
            return DictionarySpec(p.stem, str(p), tier, text, digest)
        d = dictfile.parse(text, str(p))
        spec = DictionarySpec(d.name, str(p), tier, text, sha256(text.encode("utf-8")).hexdigest())
        spec.__dict__["terms"] = tuple((e.term, e.weight, e.keep_only) for e in d.entries)
        return spec
    known = ", ".join(shipped_dictionary_names()) or "none"
    raise DictionaryError(f"unknown dictionary {name_or_path!r} (shipped: {known})")


def user_dictionaries() -> list[DictionarySpec]:
    folder = user_dictionary_dir()
    if not folder.is_dir():
        return []
    return [load_dictionary(str(p), USER, lazy=True) for p in sorted(folder.glob("*.txt"))]


def _split_term(term: str) -> list[str]:
    from .tokenize import normalize_apostrophes, tokenize

    return [normalize_apostrophes(t.text) for t in tokenize(term) if t.kind == "word"]


def sound_code(word: str) -> str:
    """A phonetic key (Metaphone, via jellyfish): words that sound alike share it."""
    import jellyfish

    return jellyfish.metaphone(word)


# --------------------------------------------------------------------------- runtime


def _lookup(
    phrase: str,
    max_ed: int,
    deletes_get,
    count_of,
    max_length: int,
) -> list[tuple[str, int]]:
    """symspellpy's ``SymSpell.lookup(phrase, Verbosity.ALL, max_ed)`` over our tables:
    ``(term, distance)`` sorted by distance, then count (most frequent first), then the
    order found.  Compiled (``_speedups.lookup``) where built, else :func:`_lookup_py`."""
    fast = native()
    if fast is not None:
        return fast.lookup(phrase, max_ed, deletes_get, count_of, max_length, PREFIX)
    return _lookup_py(phrase, max_ed, deletes_get, count_of, max_length)


def _lookup_py(
    phrase: str,
    max_ed: int,
    deletes_get,
    count_of,
    max_length: int,
) -> list[tuple[str, int]]:
    """:func:`_lookup` in Python: a line-by-line port of symspellpy's (the same
    candidates in the same order, quirks included) without its import cost and
    per-suggestion objects."""
    from editdistpy import damerau_osa

    distance_of = damerau_osa.distance
    phrase_len = len(phrase)
    if phrase_len - max_ed > max_length or max_ed == 0:
        return []
    prefix = PREFIX
    considered_deletes: set[str] = set()
    considered_suggestions = {phrase}
    found: list[tuple[str, int, int]] = []
    found_append = found.append
    considered_add = considered_suggestions.add
    short_prefix = prefix - max_ed
    if phrase_len > prefix:
        phrase_prefix_len = prefix
        candidates = [phrase[:prefix]]
    else:
        phrase_prefix_len = phrase_len
        candidates = [phrase]
    pointer = 0
    while pointer < len(candidates):
        candidate = candidates[pointer]
        pointer += 1
        candidate_len = len(candidate)
        len_diff = phrase_prefix_len - candidate_len
        if len_diff > max_ed:
            continue
        dict_suggestions = deletes_get(candidate)
        if dict_suggestions is not None:
            for suggestion in dict_suggestions:
                # every branch below skips a suggestion already considered (the phrase
                # itself is one): test that first, it is most of them
                if suggestion in considered_suggestions:
                    continue
                suggestion_len = len(suggestion)
                if (
                    suggestion_len - phrase_len > max_ed
                    or phrase_len - suggestion_len > max_ed
                    or suggestion_len < candidate_len
                    or (suggestion_len == candidate_len and suggestion != candidate)
                ):
                    continue
                suggestion_prefix_len = suggestion_len if suggestion_len < prefix else prefix
                if (
                    suggestion_prefix_len > phrase_prefix_len
                    and suggestion_prefix_len - candidate_len > max_ed
                ):
                    continue
                if candidate_len == 0:
                    distance = phrase_len if phrase_len > suggestion_len else suggestion_len
                    if distance > max_ed:
                        continue
                elif suggestion_len == 1:
                    # symspellpy: phrase_len if phrase.index(s[0]) < 0 (never) else phrase_len - 1
                    distance = phrase_len - 1
                    if distance > max_ed:
                        continue
                else:
                    if candidate_len == short_prefix:
                        min_distance = min(phrase_len, suggestion_len) - prefix
                        if (
                            min_distance > 1
                            and phrase[phrase_len + 1 - min_distance :]
                            != suggestion[suggestion_len + 1 - min_distance :]
                        ) or (
                            min_distance > 0
                            and phrase[phrase_len - min_distance]
                            != suggestion[suggestion_len - min_distance]
                            and (
                                phrase[phrase_len - min_distance - 1]
                                != suggestion[suggestion_len - min_distance]
                                or phrase[phrase_len - min_distance]
                                != suggestion[suggestion_len - min_distance - 1]
                            )
                        ):
                            continue
                    considered_add(suggestion)
                    distance = distance_of(phrase, suggestion, max_ed)
                    if distance < 0:
                        continue
                found_append((suggestion, distance, count_of(suggestion)))
        if len_diff < max_ed and candidate_len <= prefix:
            for i in range(candidate_len):
                delete = candidate[:i] + candidate[i + 1 :]
                if delete not in considered_deletes:
                    considered_deletes.add(delete)
                    candidates.append(delete)
    if len(found) > 1:
        found.sort(key=lambda t: (t[1], -t[2]))
    return [(t, d) for t, d, _c in found]


class _TableMapping(Mapping):
    """A read-only mapping over one index table; stands in for a symspellpy dict (values
    are cached: neighbouring typos probe many of the same delete keys)."""

    _LIMIT = 20_000  # cached keys; the cache is dropped whole when it grows past this

    def __init__(self, table, convert) -> None:
        self._table_get = table.get
        self._convert = convert
        self._cache: dict[str, object] = {}

    def _get(self, key: str):
        try:
            return self._cache[key]
        except KeyError:
            pass
        raw = self._table_get(key)
        val = None if raw is None else self._convert(raw)
        if len(self._cache) >= self._LIMIT:
            self._cache.clear()
        self._cache[key] = val
        return val

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._get(key) is not None

    def get(self, key: str, default=None):  # type: ignore[override]
        val = self._get(key)
        return default if val is None else val

    def __getitem__(self, key: str):
        val = self._get(key)
        if val is None:
            raise KeyError(key)
        return val

    def __iter__(self) -> Iterator[str]:  # pragma: no cover - never used by lookup
        raise TypeError("the index is not iterable")

    def __len__(self) -> int:  # pragma: no cover
        raise TypeError("the index has no cheap length")


def _tab_list(raw: bytes) -> list[str]:
    return raw.decode("utf-8").split("\t")


_WORD_COUNT = struct.Struct("<d")


class Lexicon:
    """Answers: is this word known, how frequent, how cased; what is it close to."""

    def __init__(self, base, overlay=None, index_path: Path | None = None) -> None:
        """``base`` and ``overlay`` are opened index files (:mod:`normalize.index`)."""
        self.index_path = index_path if index_path is not None else base.path
        self._base = base
        t = base.tables
        self._words_get = t["words"].get
        self._bigrams_get = t["bigrams"].get
        self._sounds_get = t["sounds"].get
        self._missp_get = t["misspellings"].get
        self._sound_keys_get = t["sound_keys"].get if "sound_keys" in t else None
        self._overlay = overlay
        # set by open_lexicon: the shipped dictionaries and the overlay's specs
        self.shipped: tuple[DictionarySpec, ...] | None = None
        self.overlay_specs: tuple[DictionarySpec, ...] = ()
        self.google_n = float(base.meta["google_n"])
        # (deletes, counts, longest word) of the base and the overlay, for _lookup
        self._base_info = lru_cache(maxsize=50_000)(self._base_word)
        deletes = _TableMapping(t["deletes"], _tab_list)
        self._searches = [(deletes.get, self._base_count, int(base.meta["max_length"]))]
        self._ov_words_get = None
        self._ov_bigrams_get = None
        if overlay is not None:
            o = overlay.tables
            self._ov_words_get = o["words"].get
            self._ov_bigrams_get = o["bigrams"].get
            counts = _TableMapping(o["candidates"], lambda raw: struct.unpack("<q", raw)[0])
            deletes = _TableMapping(o["deletes"], _tab_list)
            self._searches.append(
                (deletes.get, counts.__getitem__, int(overlay.meta["max_length"]))
            )
        self._info = lru_cache(maxsize=50_000)(self._info_uncached)
        self._memo: dict[tuple, object] = {}

    # -- queries
    def _base_count(self, key: str) -> int:
        """symspellpy's count of a candidate word: the base index's, truncated."""
        return int(self._base_info(key).count)  # type: ignore[union-attr]

    def _base_word(self, key: str) -> WordInfo | None:
        raw = self._words_get(key)
        if raw is None:
            return None
        return self._decode(key, raw)

    @staticmethod
    def _decode(key: str, raw: bytes) -> WordInfo:
        count, _g, tier, flags = _WORD.unpack_from(raw)
        rest = raw[_WORD.size :]
        forms = tuple(f for f in rest.decode("utf-8").split("\t") if f) if rest else ()
        if forms and all(f == key for f in forms):
            forms = ()
        return _word_info(count, tier, forms, bool(flags & 1), bool(flags & 2))

    def _info_uncached(self, key: str) -> WordInfo | None:
        if self._ov_words_get is not None:
            raw = self._ov_words_get(key)
            if raw is not None:
                return self._decode(key, raw)
        return self._base_info(key)

    def info(self, word: str) -> WordInfo | None:
        """What the lexicon knows of ``word`` (looked up lowercase), or None."""
        return self._info(word.lower())

    def count(self, word: str) -> float:
        i = self._info(word.lower())
        return i.count if i else 0.0

    def google_count(self, word: str) -> float:
        raw = self._words_get(word)
        return _WORD.unpack_from(raw)[1] if raw is not None else 0.0

    def sound_alikes(self, key: str) -> tuple[str, ...]:
        """Candidate words with the same phonetic key as ``key`` (most frequent first)."""
        raw = self._sounds_get(sound_code(key))
        return tuple(w for w in raw.decode("utf-8").split("\t") if w != key) if raw else ()

    def sound_keys(self, first: str, length: int) -> list[tuple[str, str]]:
        """Every phonetic key of the index that starts with the character ``first`` and
        is ``length`` long, in sorted order, with its candidate words (most frequent
        first, tab-separated: split only those of the keys that match)."""
        get = self._sound_keys_get
        raw = get(f"{first}:{length}") if get is not None else None
        if not raw:
            return []
        codes, _, words = raw.decode("utf-8").partition("\n")
        return list(zip(codes.split("\t"), words.split("\n")))

    def keep_only_words(self) -> list[str]:
        """The keys of every keep-only word: the shipped dictionaries' (from their text
        when known, else from the index) and those of the overlay."""
        if self.shipped is not None:
            keys = [
                line[1:].split("\t")[0].lower()
                for spec in self.shipped
                for line in spec.text.splitlines()
                if line.startswith("!")
            ]
        else:
            keys = self._list(self._base, "keep-only")
        if self._overlay is not None:
            keys += self._list(self._overlay, "keep-only")
        return keys

    @staticmethod
    def _list(index_file, name: str) -> list[str]:
        table = index_file.tables.get("lists")
        raw = table.get(name) if table is not None else None
        return raw.decode("utf-8").split("\t") if raw else []

    def misspelling_fixes(self, key: str) -> tuple[str, ...]:
        """The fixes a published list of common misspellings gives for ``key``."""
        raw = self._missp_get(key)
        return tuple(raw.decode("utf-8").split("\t")) if raw else ()

    def bigram(self, a: str, b: str) -> float:
        """The count of the word pair ``a b`` (Google Books bigrams, domain phrases)."""
        k = f"{a.lower()} {b.lower()}"
        return self.memo(("bigram", k), self._bigram, k)

    def _bigram(self, k: str) -> float:
        if self._ov_bigrams_get is not None:
            raw = self._ov_bigrams_get(k)
            if raw is not None:
                return _WORD_COUNT.unpack_from(raw)[0]
        raw = self._bigrams_get(k)
        return _WORD_COUNT.unpack_from(raw)[0] if raw is not None else 0.0

    def memo(self, key: tuple, fn, *args):
        """A memo for values derived from the lexicon alone (bounded: cleared when it
        grows large).  Decisions, which depend on settings, are memoized by the
        Corrector that makes them."""
        try:
            return self._memo[key]
        except KeyError:
            pass
        if len(self._memo) > 50_000:
            self._memo.clear()
        value = self._memo[key] = fn(*args)
        return value

    def candidates(self, word: str, max_distance: int = MAX_EDIT) -> list[tuple[str, int]]:
        """Dictionary words within ``max_distance`` edits of ``word`` (lowercase)."""
        return self.memo(("cand", word.lower(), max_distance), self._candidates, word, max_distance)

    def _candidates(self, word: str, max_distance: int) -> list[tuple[str, int]]:
        key = word.lower()
        out: dict[str, int] = {}
        for deletes_get, count_of, max_length in self._searches:
            for term, distance in _lookup(key, max_distance, deletes_get, count_of, max_length):
                if term != key:
                    out[term] = min(out.get(term, 99), distance)
        return sorted(out.items(), key=lambda kv: kv[1])


def open_lexicon(
    dictionaries: Sequence[str] = ("geopolitics",),
    extra: Sequence[str] = (),
    user: bool = True,
) -> Lexicon:
    """Open (building once if needed) the index for these shipped dictionaries.

    ``extra`` are dictionary files given by path (``--dict my.txt``); they and the user's
    dictionaries are compiled into a small overlay index, cached by their content, so
    editing them never forces a rebuild of the base.
    """
    from . import index

    shipped = [load_dictionary(n, DOMAIN) for n in dictionaries]
    overlay = [load_dictionary(p, USER, lazy=True) for p in extra]
    if user:
        overlay.extend(user_dictionaries())
    if overlay and not index.overlay_cached(shipped, overlay):
        for spec in overlay:
            spec.terms  # noqa: B018 - a malformed dictionary fails before any build
    base = index.open_base(shipped)
    ov = None
    if overlay:
        base_lex = Lexicon(base)

        def base_info(key: str):
            i = base_lex._base_word(key)
            return None if i is None else (i.count, i.tier, i.forms)

        key = base.path.name.removeprefix("index-").removesuffix(".rlx")
        ov = index.open_overlay(key, overlay, base_info)
    lex = Lexicon(base, ov)
    lex.shipped = tuple(shipped)  # the domain dictionaries it was built from (context hooks)
    lex.overlay_specs = tuple(overlay)  # the user dictionaries and --dict files over it
    return lex
