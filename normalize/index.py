"""The compiled correction index: building it, storing it, caching it, pruning it.

Lookups live in :mod:`normalize.lexicon`; this module makes what they read.

The index is one file of read-only hash tables (``index-<key>.rlx`` in the cache
directory), memory-mapped, so opening it costs a few system calls and a lookup costs a
hash and a slice, with no per-query database round trip:

* ``words``        every word any source knows: count, tier, flags, Google count, casings;
* ``deletes``      symspellpy's delete table for the candidate vocabulary (what a typo may
                   be corrected *to*), the expensive part;
* ``bigrams``      word-pair counts (Google Books bigrams, domain phrases);
* ``misspellings`` a published list of common misspellings, with their fixes;
* ``sounds``       candidate words grouped by phonetic key.

The file's name is a hash of everything it is built from, by *content* (the package data
files are hashed once and the hashes remembered by size and modification time), so
reinstalling the same versions reuses it and any change of data or parameters builds a
new one; older indexes are removed when a new one is written.  User dictionaries and
``--dict`` files are compiled into a small *overlay* index of the same format, cached by
their content, so a dictionary of a million words costs one build, not one per run.

A file that is truncated or overwritten fails the structural checks on open (magic,
version, size, directory checksum, trailer) and is rebuilt; files are written to a temp
file, flushed to disk (fsync) and renamed into place.
"""

from __future__ import annotations

import json
import mmap
import os
import struct
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from itertools import accumulate, combinations
from pathlib import Path
from typing import NoReturn, TypeVar
from zlib import crc32

from .errors import DictionaryError, OutputError, RedlineError
from .lexicon import (
    CANDIDATE_ZIPF,
    COMMON,
    COMMON_ZIPF,
    CORE,
    DOMAIN,
    DOMAIN_DEFAULT_COUNT,
    INDEX_VERSION,
    MAX_EDIT,
    N_TOTAL,
    PREFIX,
    RARE,
    SOUND_GROUP,
    TAIL,
    TRUSTED,
    USER,
    DictionarySpec,
    _split_term,
    cache_dir,
    sha256,
    sound_code,
)

MAGIC = b"RLINDEX\x00"
TRAILER = b"RLINDEX\xff"
_HEADER = struct.Struct("<8sIIQQQI")  # magic, version, reserved, size, dir offset/length, crc
WORD = struct.Struct("<ddBB")  # count, Google count, tier, flags (1 keep-only, 2 listed)
DEFAULT_BUILD_SECONDS = 10.0

_Opened = TypeVar("_Opened")
BuildListener = Callable[[float], "Callable[[float], None] | None"]
_listener: BuildListener | None = None


def set_build_listener(listener: BuildListener | None) -> None:
    """Be told when the index is built: ``listener(estimated_seconds)`` is called before
    a build starts and may return a callback that receives the fraction done (0..1).
    The library never prints; the command line uses this for its note and progress bar."""
    global _listener
    _listener = listener


class CorruptIndex(RedlineError):
    """An index file failed its checks (truncated, overwritten, another format).  On
    open it is rebuilt; found while in use, it is removed so that the next run does."""


# --------------------------------------------------------------------------- the file


def _pad8(n: int) -> int:
    return (8 - n % 8) % 8


_Table = tuple[Sequence[str], Sequence[bytes]]
_TableSource = _Table | Callable[[], _Table]


def write_tables(
    path: Path,
    tables: Mapping[str, _TableSource],
    meta: Mapping[str, str],
) -> None:
    """Write ``{name: (keys, values)}`` as one index file at ``path``, atomically:
    temp file, fsync, rename (and fsync of the folder where the platform allows).  A
    table may be given as a function that makes it: it is then made when its turn
    comes and dropped once written, so that only one table is held at a time.

    Each table is an open-addressing hash table (crc32 of the UTF-8 key, linear probing,
    load at most one half): ``nslots`` 8-byte slots (0 = empty; else the entry's file
    offset in the low 40 bits and the key's crc32 >> 8 above, so that a probe of another
    key rarely reads its entry), then the entries, each ``<key length u16><value length
    u32><key><value>``."""
    import tempfile
    from array import array

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".index.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(b"\0" * _HEADER.size)
            pos = _HEADER.size
            directory: dict[str, object] = {"meta": dict(meta), "tables": {}}
            for name, table in tables.items():
                keys, values = table() if callable(table) else table
                kb = [k.encode("utf-8") for k in keys]
                n = len(kb)
                nslots = 8
                while nslots < n * 2:
                    nslots *= 2
                mask = nslots - 1
                blob_start = pos + 8 * nslots
                pack = _ENTRY.pack
                entries = [pack(len(k), len(v)) + k + v for k, v in zip(kb, values)]
                starts = list(accumulate(map(len, entries), initial=blob_start))
                slots = array("Q", bytes(8 * nslots))
                for start, c in zip(starts, map(crc32, kb)):
                    h = c & mask
                    while slots[h]:
                        h = (h + 1) & mask
                    slots[h] = start | (c >> 8) << 40
                fh.write(slots.tobytes())
                fh.writelines(entries)  # no joined copy: the build's peak memory
                blob_end = starts[-1]
                del entries, starts, slots, kb, keys, values
                pos = blob_end
                fh.write(b"\0" * _pad8(pos))
                pos += _pad8(pos)
                directory["tables"][name] = {
                    "n": n,
                    "slots": blob_start - 8 * nslots,
                    "nslots": nslots,
                    "end": blob_end,
                }
            dir_bytes = json.dumps(directory, sort_keys=True).encode("utf-8")
            dir_off = pos
            fh.write(dir_bytes)
            pos += len(dir_bytes)
            fh.write(TRAILER)
            pos += len(TRAILER)
            fh.seek(0)
            fh.write(
                _HEADER.pack(
                    MAGIC,
                    int(INDEX_VERSION),
                    0,
                    pos,
                    dir_off,
                    len(dir_bytes),
                    crc32(dir_bytes),
                )
            )
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_ENTRY = struct.Struct("<HI")
_SLOT = struct.Struct("<Q")
_CHUNK = 256  # bytes read per probe: the entry header, key and (mostly) the whole value


#: Bytes of slots a table may map; a larger table reads them with ``pread``.  A probe of
#: a mapped slot faults in its page and the kernel maps up to 15 neighbours with it
#: (fault-around), so random probes soon count every slot page of the table in the
#: resident size (the base's words, deletes and bigrams: 30 MB after a few thousand
#: words); a read costs about a microsecond more a lookup and nothing resident.
MAPPED_SLOTS_MAX = 1 << 20


class _ReadSlots:
    """Slots read one at a time with ``pread`` (for tables too large to map)."""

    __slots__ = ("_read", "_start")

    def __init__(self, read: Callable[[int, int], bytes], start: int) -> None:
        self._read = read
        self._start = start

    def __getitem__(self, h: int) -> int:
        return _SLOT.unpack(self._read(8, self._start + 8 * h))[0]

    def __iter__(self) -> Iterator[int]:  # pragma: no cover - tests only
        raise TypeError("read slots are not iterable")


class Table:
    """A read-only hash table in an index file: ``get(key)`` returns the value bytes.

    The slots are memory-mapped (a probe is an array index; tables with more than
    ``MAPPED_SLOTS_MAX`` bytes of slots read them with ``pread``); entries are read with one
    ``pread`` each, not mapped: scattered reads in a mapping would count a neighbourhood
    of pages in the process's resident size for every entry read.  ``get`` is the
    compiled twin of :meth:`_get` (``_speedups.table_get``) where it is built."""

    __slots__ = ("_mask", "_slots", "_read", "_owner", "get")

    def __init__(self, owner: IndexFile, info: Mapping[str, int]) -> None:
        nslots = info["nslots"]
        start = info["slots"]
        if nslots <= 0 or nslots & (nslots - 1) or start + 8 * nslots > info["end"]:
            raise CorruptIndex("bad table size")
        self._mask = nslots - 1
        if 8 * nslots <= MAPPED_SLOTS_MAX:
            self._slots = owner.view[start : start + 8 * nslots].cast("Q")
        else:  # a large table: mapped slots would fill the resident size; read them
            self._slots = _ReadSlots(owner.read, start)
        self._read = owner.read
        self._owner = owner
        self.get: Callable[[str], bytes | None] = self._get
        if owner.fd is not None:
            from . import native_speedups as native

            fast = native()
            if fast is not None:  # the same probe and read, compiled (slots read: by offset)
                where = self._slots if isinstance(self._slots, memoryview) else start
                self.get = partial(fast.table_get, where, self._mask, owner.fd, self._bad)

    def _get(self, key: str) -> bytes | None:
        kb = key.encode("utf-8")
        n = len(kb)
        mask = self._mask
        slots = self._slots
        c = crc32(kb)
        tag = c >> 8
        h = c & mask
        try:
            for _probe in range(mask + 1):
                slot = slots[h]
                if not slot:
                    return None
                if slot >> 40 == tag:
                    off = slot & 0xFFFFFFFFFF
                    chunk = self._read(_CHUNK, off)
                    kl, vl = _ENTRY.unpack_from(chunk)
                    if kl == n and chunk[6 : 6 + n] == kb:
                        end = 6 + n + vl
                        if end <= len(chunk):
                            return chunk[6 + n : end]
                        value = self._read(vl, off + 6 + n)
                        if len(value) != vl:
                            raise CorruptIndex("entry past the end")
                        return value
                h = (h + 1) & mask
            raise CorruptIndex("no empty slot")
        except (struct.error, CorruptIndex):
            self._bad()

    def _bad(self) -> NoReturn:
        """A damaged entry: remove the file (the next run rebuilds it) and say so."""
        self._owner.damaged()
        raise CorruptIndex(
            f"the correction index {self._owner.path} was damaged; it has been removed "
            "and will be rebuilt on the next run"
        ) from None


def open_mapped(path: Path, min_size: int) -> tuple[int, int, mmap.mmap]:
    """Open a cached file read-only and map it: (descriptor, size, mapping).  A missing
    file raises FileNotFoundError; one that cannot be read or is shorter than
    ``min_size`` raises :class:`CorruptIndex` (the caller removes and rebuilds it)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise CorruptIndex(str(exc)) from None
    size = os.fstat(fd).st_size
    if size < min_size:
        os.close(fd)
        raise CorruptIndex("too short")
    return fd, size, mmap.mmap(fd, 0, access=mmap.ACCESS_READ)


class IndexFile:
    """An opened index: its tables (by name) and its meta data."""

    def __init__(self, path: Path) -> None:
        self.path = path
        fd, size, mm = open_mapped(path, _HEADER.size + len(TRAILER))
        self._fd = fd
        self.view = memoryview(mm)
        self.fd: int | None = None  # the descriptor that ``read`` preads, if it does
        if hasattr(os, "pread"):
            self.read: Callable[[int, int], bytes] = partial(os.pread, fd)
            self.fd = fd
        else:  # pragma: no cover - Windows
            self.read = lambda n, off: mm[off : off + n]
        head = self.read(_HEADER.size, 0)
        magic, version, _r, total, dir_off, dir_len, dir_crc = _HEADER.unpack(head)
        if magic != MAGIC or str(version) != INDEX_VERSION:
            raise CorruptIndex("not an index of this version")
        if total != size or self.read(len(TRAILER), size - len(TRAILER)) != TRAILER:
            raise CorruptIndex("truncated or overwritten")
        if dir_off + dir_len > size:
            raise CorruptIndex("bad directory")
        dir_bytes = self.read(dir_len, dir_off)
        if crc32(dir_bytes) != dir_crc:
            raise CorruptIndex("directory checksum mismatch")
        try:
            directory = json.loads(dir_bytes)
            self.meta: dict[str, str] = directory["meta"]
            self.tables = {name: Table(self, info) for name, info in directory["tables"].items()}
        except CorruptIndex:
            raise
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            raise CorruptIndex(f"bad directory ({exc})") from None

    def damaged(self) -> None:
        """Remove a file found damaged while in use, so that the next run rebuilds it."""
        try:
            os.unlink(self.path)
        except OSError:
            pass

    def __del__(self) -> None:
        fd = getattr(self, "_fd", None)
        if fd is not None:
            try:
                os.close(fd)
            except OSError:
                pass


# --------------------------------------------------------------------------- sources


def _data_file(name: str) -> bytes:
    from . import datafiles

    return datafiles.path(name).read_bytes()


def _scowl(name: str) -> list[str]:
    import gzip

    return gzip.decompress(_data_file(name)).decode("utf-8").split()


def _package_dir(name: str) -> Path:
    """Where an installed package lives, found without importing it (wordfreq's import
    alone costs a tenth of a second)."""
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise DictionaryError(f"the package {name!r} is not installed")
    return Path(list(spec.submodule_search_locations)[0])


def _wordfreq_counts() -> dict[str, float]:
    import wordfreq

    return {w: f * N_TOTAL for w, f in wordfreq.get_frequency_dict("en", "large").items()}


def _symspell_data(name: str) -> Iterator[tuple[str, int]]:
    import importlib.resources as resources

    res = resources.files("symspellpy") / name
    with res.open("r", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 2:
                yield parts[0], int(parts[1])
            elif len(parts) == 3:
                yield f"{parts[0]} {parts[1]}", int(parts[2])


def _codespell_dictionary() -> bytes:
    return (_package_dir("codespell_lib") / "data" / "dictionary.txt").read_bytes()


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


def _sound_groups(candidates: Iterable[str], words: dict[str, list]):
    """Candidate words grouped by sound, most frequent first, a few per sound."""
    groups: dict[str, list[tuple[float, str]]] = {}
    for key in candidates:
        if len(key) >= 4 and key.isalpha():
            groups.setdefault(sound_code(key), []).append((words[key][0], key))
    for code, items in groups.items():
        items.sort(reverse=True)
        yield code, "\t".join(k for _c, k in items[:SOUND_GROUP])


def _sound_keys(sounds: Mapping[str, str]) -> tuple[list[str], list[bytes]]:
    """The ``sounds`` table again, by a key's first character and length (``"S:7"``), in
    sorted order: the codes (tab-separated), a newline, then their words (one line each,
    tab-separated) -- what :mod:`normalize.candidates` scans, read with two splits."""
    by_first: dict[str, list[str]] = {}
    for code in sorted(sounds):
        if code:
            by_first.setdefault(f"{code[0]}:{len(code)}", []).append(code)
    return list(by_first), [
        ("\t".join(codes) + "\n" + "\n".join(sounds[c] for c in codes)).encode()
        for codes in by_first.values()
    ]


def _keep_only_list(words: Mapping[str, Sequence]) -> bytes:
    """The keys of every keep-only word, tab-separated."""
    return "\t".join(k for k, rec in words.items() if rec[3]).encode()


class _Deletes:
    """symspellpy's delete table (``create_dictionary_entry`` with our parameters), made
    without its per-word recursion: the same keys, each listing its words in the order
    they were added.  Words sharing their first ``PREFIX`` letters share their deletes,
    so the deletes are made once per prefix."""

    def __init__(self) -> None:
        self.words: dict[str, int] = {}
        self._groups: dict[str, list[str]] = {}
        self.max_length = 0

    def add(self, key: str, count: int) -> None:
        if key in self.words:  # as symspellpy: a known word only gains count
            self.words[key] += count
            return
        self.words[key] = count
        if len(key) > self.max_length:
            self.max_length = len(key)
        p = key[:PREFIX]
        g = self._groups.get(p)
        if g is None:
            self._groups[p] = [key]
        else:
            g.append(key)

    @property
    def deletes(self) -> dict[str, list[str]]:
        table: dict[str, list[str]] = {}
        get = table.get
        mixed: set[str] = set()
        join = "".join
        for p, g in self._groups.items():
            n = len(p)
            if MAX_EDIT == 2 and n > 2:  # the same set, made without repeats: a third faster
                edits = {p, *map(join, combinations(p, n - 1)), *map(join, combinations(p, n - 2))}
            else:
                edits = {p}
                if n <= MAX_EDIT:
                    edits.add("")
                one = {p[:i] + p[i + 1 :] for i in range(n)}
                edits |= one
                if MAX_EDIT >= 2:
                    for w in one:
                        edits.update([w[:i] + w[i + 1 :] for i in range(len(w))])
            for d in edits:
                lst = get(d)
                if lst is None:
                    table[d] = g  # shared with other keys until it needs to grow
                elif d in mixed:
                    lst.extend(g)
                else:
                    table[d] = lst + g
                    mixed.add(d)
        if mixed:
            pos = {k: i for i, k in enumerate(self.words)}.__getitem__
            for d in mixed:
                table[d] = sorted(table[d], key=pos)
        return table


def _delete_table(sym: _Deletes) -> tuple[list[str], list[bytes]]:
    """The delete table of ``sym`` as ``(keys, values)`` for :func:`write_tables`: the keys
    and values of ``sym.deletes`` (each value its words tab-separated), made with numpy
    (twice as fast), in an order of their own (a table's order changes its
    file's layout, never a lookup).  Falls back to ``sym.deletes`` for parameters or
    alphabets the packed keys cannot hold."""
    groups = list(sym._groups)
    alphabet = sorted(set("".join(groups)))
    bits = max(1, len(alphabet)).bit_length()  # character codes 1..len(alphabet); 0 = none
    if MAX_EDIT != 2 or PREFIX * bits > 63 or not groups or max(map(len, groups)) > PREFIX:
        table = sym.deletes
        return list(table), ["\t".join(v).encode() for v in table.values()]
    import numpy as np

    code = {ch: i + 1 for i, ch in enumerate(alphabet)}
    # every (packed delete, group) pair: a prefix's deletes, by prefix length
    keys_parts: list = []
    group_parts: list = []
    by_length: dict[int, list[int]] = {}
    for gi, p in enumerate(groups):
        by_length.setdefault(len(p), []).append(gi)
    for n, ids in by_length.items():
        chars = np.array([[code[c] for c in groups[gi]] for gi in ids], dtype=np.uint64)
        ids_arr = np.array(ids, dtype=np.int64)
        kept = [tuple(range(n))]
        kept += [c for r in (n - 1, n - 2) if r >= 0 for c in combinations(range(n), r)]
        for keep in kept:
            packed = np.zeros(len(ids), dtype=np.uint64)
            for j, col in enumerate(keep):
                packed |= chars[:, col] << np.uint64(bits * j)
            keys_parts.append(packed)
            group_parts.append(ids_arr)
    pkey = np.concatenate(keys_parts)
    pgroup = np.concatenate(group_parts)
    order = np.lexsort((pgroup, pkey))
    pkey, pgroup = pkey[order], pgroup[order]
    fresh = np.ones(len(pkey), dtype=bool)
    fresh[1:] = (pkey[1:] != pkey[:-1]) | (pgroup[1:] != pgroup[:-1])
    pkey, pgroup = pkey[fresh], pgroup[fresh]  # a group once per delete
    # the keys, unpacked
    starts = np.flatnonzero(np.concatenate(([True], pkey[1:] != pkey[:-1])))
    uniq = pkey[starts]
    glyphs = np.array([0, *map(ord, alphabet)], dtype=np.uint32)
    mask = np.uint64((1 << bits) - 1)
    cols = [glyphs[((uniq >> np.uint64(bits * j)) & mask).astype(np.int64)] for j in range(PREFIX)]
    # rows of code points read as fixed-width strings (numpy drops the trailing NULs)
    keys = np.ascontiguousarray(np.stack(cols, axis=1)).view(f"<U{PREFIX}").ravel().tolist()
    # the values: a delete of one group lists its words (in the order they were added);
    # of several, their words merged in that order
    joined = ["\t".join(sym._groups[p]).encode("utf-8") for p in groups]
    ends = np.append(starts[1:], len(pkey))
    single = ends - starts == 1
    values: list[bytes] = [b""] * len(keys)
    for k, g in zip(np.flatnonzero(single).tolist(), pgroup[starts[single]].tolist()):
        values[k] = joined[g]
    # the others: every (delete, word) pair of their groups, sorted by word position
    position = {w: i for i, w in enumerate(sym.words)}
    sizes = np.array([len(sym._groups[p]) for p in groups], dtype=np.int64)
    first = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    members = np.array([position[w] for p in groups for w in sym._groups[p]], dtype=np.int64)
    multi = np.flatnonzero(~single)
    in_multi = np.repeat(~single, ends - starts)  # the pairs of those deletes
    mkey = np.repeat(np.arange(len(starts)), ends - starts)[in_multi]
    mgroup = pgroup[in_multi]
    reps = sizes[mgroup]
    pair = np.repeat(np.arange(len(mgroup)), reps)
    within = np.arange(len(pair)) - np.repeat(np.cumsum(reps) - reps, reps)
    word = members[first[mgroup][pair] + within]
    key_of = mkey[pair]
    order = np.lexsort((word, key_of))
    encoded = [w.encode("utf-8") for w in sym.words]
    listed = [encoded[i] for i in word[order].tolist()]
    key_of = key_of[order]
    cuts = np.flatnonzero(np.concatenate(([True], key_of[1:] != key_of[:-1], [True]))).tolist()
    for k, a, b in zip(multi.tolist(), cuts, cuts[1:]):
        values[k] = b"\t".join(listed[a:b])
    return keys, values


def _word_value(rec: list, gcount: float) -> bytes:
    count, tier, forms, keep_only, listed = rec
    flags = int(keep_only) | (2 * int(listed))
    return WORD.pack(float(count), float(gcount or 0.0), tier, flags) + "\t".join(forms).encode()


def decode_word(raw: bytes) -> tuple[float, float, int, int, tuple[str, ...]]:
    """``(count, google_count, tier, flags, forms)`` of a ``words`` value."""
    count, gcount, tier, flags = WORD.unpack_from(raw)
    rest = raw[WORD.size :]
    forms = tuple(f for f in rest.decode("utf-8").split("\t") if f) if rest else ()
    return count, gcount, tier, flags, forms


def build_index(
    path: Path,
    dictionaries: Sequence[DictionarySpec],
    progress: Callable[[float], None] | None = None,
) -> None:
    """Compile every source into the index file at ``path`` (atomically)."""

    def step(fraction: float) -> None:
        if progress is not None:
            progress(fraction)

    step(0.0)
    wf = _wordfreq_counts()
    wf_get = wf.get

    def freq(key: str) -> float:
        return wf_get(key, 0.0)

    b = _Builder()
    for w in _scowl("en-core.txt.gz"):
        b.add(w, freq(w.lower()), CORE)
    words = b.words
    for w in _scowl("en-rare.txt.gz"):
        if w.lower() not in words:
            b.add(w, freq(w.lower()), RARE)
    step(0.15)
    import re

    alpha = re.compile(r"^[a-z]+(?:'[a-z]+)*$").match
    common_floor = 10**COMMON_ZIPF
    for w, c in wf.items():
        if w not in words and alpha(w):
            words[w] = [c, COMMON if c >= common_floor else TAIL, [], False, False]
    for spec in dictionaries:
        b.add_dictionary(spec, freq)
    step(0.25)

    google_uni = dict(_symspell_data("frequency_dictionary_en_82_765.txt"))
    google_n = float(sum(google_uni.values()))
    bigrams = b.bigrams
    for k, c in _symspell_data("frequency_bigramdictionary_en_243_342.txt"):
        bigrams[k] = max(bigrams.get(k, 0), c)
    misspellings = _known_misspellings(words)
    step(0.35)

    # candidate vocabulary: what a typo may be corrected *to*
    sym = _Deletes()
    cand_floor = 10**CANDIDATE_ZIPF
    for key, (count, tier, _forms, keep_only, _listed) in words.items():
        if keep_only or not key.isalpha() and "'" not in key:
            continue
        if tier in (CORE, DOMAIN, USER) or (tier == COMMON and count >= cand_floor):
            sym.add(key, max(1, int(count)))
    step(0.6)
    sounds = dict(_sound_groups(sym.words, words))
    step(0.7)
    g = google_uni.get
    # made one at a time as they are written (the build's peak memory)
    tables: dict[str, _TableSource] = {
        "words": lambda: (list(words), [_word_value(r, g(k, 0.0)) for k, r in words.items()]),
        "deletes": partial(_delete_table, sym),
        "bigrams": lambda: (
            list(bigrams),
            [struct.pack("<d", float(c)) for c in bigrams.values()],
        ),
        "misspellings": lambda: (
            list(misspellings),
            ["\t".join(v).encode() for v in misspellings.values()],
        ),
        "sounds": lambda: (list(sounds), [v.encode() for v in sounds.values()]),
        "sound_keys": partial(_sound_keys, sounds),
        "lists": lambda: (["keep-only"], [_keep_only_list(words)]),
    }
    step(0.75)
    meta = {
        "version": INDEX_VERSION,
        "max_length": str(sym.max_length),
        "google_n": repr(google_n),
        "candidates": str(len(sym.words)),
    }
    write_tables(path, tables, meta)
    step(1.0)


# --------------------------------------------------------------------------- the key


def _stamps_path() -> Path:
    return cache_dir() / "content-hashes.json"


def _content_hashes(files: Sequence[Path]) -> list[str]:
    """The sha256 of each file, remembered by path, size and modification time, so that
    a reinstall of the same data (new times, same bytes) gives the same key."""
    path = _stamps_path()
    try:
        stamps = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(stamps, dict):
            stamps = {}
    except (OSError, ValueError):
        stamps = {}
    out: list[str] = []
    changed = False
    for f in files:
        try:
            st = os.stat(f)
            stamp = f"{st.st_size}:{st.st_mtime_ns}"
        except OSError:
            stamp = ""
        known = stamps.get(str(f))
        if stamp and isinstance(known, list) and len(known) == 2 and known[0] == stamp:
            out.append(str(known[1]))
            continue
        try:
            digest = sha256(Path(f).read_bytes()).hexdigest()
        except OSError:
            digest = "missing"
        out.append(digest)
        if stamp:
            stamps[str(f)] = [stamp, digest]
            changed = True
    if changed:
        try:
            from .io import write_text_atomic

            path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(path, json.dumps(stamps, indent=0, sort_keys=True))
        except Exception:  # a cache of hashes: failing to save it costs only time
            pass
    return out


def _source_files() -> list[Path]:
    data = Path(__file__).parent / "data"
    return [
        data / "en-core.txt.gz",
        data / "en-rare.txt.gz",
        _package_dir("codespell_lib") / "data" / "dictionary.txt",
        _package_dir("wordfreq") / "data" / "large_en.msgpack.gz",
        _package_dir("symspellpy") / "frequency_dictionary_en_82_765.txt",
        _package_dir("symspellpy") / "frequency_bigramdictionary_en_243_342.txt",
    ]


def index_key(dictionaries: Sequence[DictionarySpec]) -> str:
    """A key over everything the index is built from: parameters, the content of the
    package data (base word lists, wordfreq's and symspellpy's data, codespell's list)
    and of the shipped dictionaries in use."""
    h = sha256()
    h.update(
        f"v{INDEX_VERSION} e{MAX_EDIT} p{PREFIX} z{COMMON_ZIPF} {CANDIDATE_ZIPF} "
        f"s{SOUND_GROUP} d{DOMAIN_DEFAULT_COUNT}".encode()
    )
    files = _source_files()
    for f, digest in zip(files, _content_hashes(files)):
        h.update(f" {f.name}={digest}".encode())
    for spec in dictionaries:
        h.update(f"{spec.name}:{spec.tier}:{spec.digest}".encode())
    return h.hexdigest()[:20]


# --------------------------------------------------------------------------- the cache


def _estimate() -> float:
    try:
        return float((cache_dir() / "build-seconds").read_text().strip())
    except (OSError, ValueError):
        return DEFAULT_BUILD_SECONDS


def _cache_error(folder: Path, exc: OSError) -> OutputError:
    return OutputError(
        f"cannot write the correction index in {folder} ({exc.strerror or exc}); "
        "set REDLINE_CACHE to a writable folder"
    )


def open_cached(
    name: str,
    build: Callable[[Path, Callable[[float], None] | None], None],
    announce: bool = True,
    prune: str | None = None,
    opener: Callable[[Path], _Opened] = IndexFile,  # type: ignore[assignment]
    keep: int = 2,
) -> _Opened:
    """Open ``cache_dir()/name`` with ``opener`` (an :class:`IndexFile` by default),
    building it with ``build(path, progress)`` when it is missing or fails its checks
    (``opener`` raises :class:`CorruptIndex`).  ``prune`` is a glob of older files to
    remove after a new one is written, keeping ``keep`` files in all."""
    path = cache_dir() / name
    try:
        return opener(path)
    except FileNotFoundError:
        pass
    except CorruptIndex:
        pass  # rebuilt below, under the lock
    from filelock import FileLock

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(path) + ".lock"):
            try:
                return opener(path)  # another process built it meanwhile
            except (FileNotFoundError, CorruptIndex):
                pass
            progress = None
            if announce and _listener is not None:
                progress = _listener(_estimate())
            t0 = time.monotonic()
            build(path, progress)
            if announce:
                try:
                    (cache_dir() / "build-seconds").write_text(f"{time.monotonic() - t0:.0f}\n")
                except OSError:
                    pass
            if prune:
                _remove_stale(path, prune, keep)
    except OSError as exc:
        raise _cache_error(path.parent, exc) from None
    return opener(path)


def _remove_stale(current: Path, pattern: str, keep: int = 2) -> None:
    """Keep the new file and the most recently used other one (another dictionary
    set); remove older ones, their locks, and temp files left by killed builds."""
    folder = current.parent
    others = []
    for p in folder.glob(pattern):
        if p == current or p.suffix == ".lock":
            continue
        try:
            others.append((p.stat().st_atime, p.stat().st_mtime, p))
        except OSError:
            pass
    others.sort(reverse=True)
    doomed = [p for _a, _m, p in others[keep - 1 :]]
    doomed += [p for p in folder.glob("index-*.sqlite")]  # the old format
    now = time.time()
    for p in folder.glob(".index.*.tmp"):
        try:
            if now - p.stat().st_mtime > 3600:
                doomed.append(p)
        except OSError:
            pass
    for p in doomed:
        for q in (p, Path(str(p) + ".lock")):
            try:
                q.unlink()
            except OSError:
                pass


def open_base(dictionaries: Sequence[DictionarySpec]) -> IndexFile:
    """The base index for these shipped dictionaries (built once, then cached)."""
    key = index_key(dictionaries)

    def build(path: Path, progress) -> None:
        build_index(path, dictionaries, progress)
        _compile_language_model()

    return open_cached(f"index-{key}.rlx", build, prune="index-*.rlx")


def _compile_language_model() -> None:
    """Compile the trigram model's table too (:mod:`normalize.lmtable`, about half a
    second), so that the first run's one announced build covers it; if that fails, it
    is compiled when first needed."""
    try:
        from .lm import _model_path
        from .lmtable import open_model

        model = _model_path()
        if model is not None:
            open_model(model)
    except Exception:  # pragma: no cover - the table is then built on first use
        pass


# --------------------------------------------------------------------------- overlays


def overlay_key(base_key: str, specs: Sequence[DictionarySpec]) -> str:
    h = sha256(f"v{INDEX_VERSION} {base_key}".encode())
    for spec in specs:
        h.update(f" {spec.name}:{spec.tier}:{spec.digest}".encode())
    return h.hexdigest()[:20]


def build_overlay(
    path: Path,
    specs: Sequence[DictionarySpec],
    base_info: Callable[[str], tuple[float, int, tuple[str, ...]] | None],
    progress: Callable[[float], None] | None = None,
) -> None:
    """Compile user dictionaries and ``--dict`` files into an overlay index.

    ``base_info(key)`` gives ``(count, tier, forms)`` of a word the base index knows.
    The result is what layering the dictionaries over the base gives, word by word (a
    later entry for the same word replaces an earlier one)."""
    words: dict[str, tuple[float, int, tuple[str, ...], bool]] = {}
    bigrams: dict[str, float] = {}
    sym = _Deletes()
    total = max(1, len(specs))
    for n, spec in enumerate(specs):
        if progress is not None:
            progress(n / total)
        for term, weight, keep_only in spec.terms:
            parts = _split_term(term)
            for w in parts:
                key = w.lower()
                base = words.get(key)
                if base is not None:
                    b_count, b_tier, b_forms = base[0], base[1], base[2]
                    binfo: tuple[float, int, tuple[str, ...]] | None = (b_count, b_tier, b_forms)
                else:
                    binfo = base_info(key)
                if len(parts) > 1 and binfo is not None:
                    continue  # a known word inside a phrase keeps its own casing
                count = weight or max(binfo[0] if binfo else 0, DOMAIN_DEFAULT_COUNT)
                forms: tuple[str, ...] = (w,) if w[:1].isupper() else ()
                if binfo is not None:
                    forms = forms + tuple(f for f in binfo[2] if f != w)
                tier = spec.tier if binfo is None else min(spec.tier, binfo[1])
                words[key] = (float(count), tier, forms, keep_only)
                if not keep_only and key.isalpha():
                    sym.add(key, max(1, int(count)))
            for a, b in zip(parts, parts[1:]):
                bigrams[f"{a.lower()} {b.lower()}"] = 1e6
    tables = {
        "words": (
            list(words),
            [
                WORD.pack(c, 0.0, t, int(ko) | 2) + "\t".join(f).encode()
                for c, t, f, ko in words.values()
            ],
        ),
        "candidates": (list(sym.words), [struct.pack("<q", c) for c in sym.words.values()]),
        "deletes": _delete_table(sym),
        "bigrams": (list(bigrams), [struct.pack("<d", c) for c in bigrams.values()]),
        "lists": (["keep-only"], [_keep_only_list(words)]),
    }
    write_tables(path, tables, {"version": INDEX_VERSION, "max_length": str(sym.max_length)})
    if progress is not None:
        progress(1.0)


def overlay_cached(shipped: Sequence[DictionarySpec], specs: Sequence[DictionarySpec]) -> bool:
    """Whether the overlay of ``specs`` over the base index of ``shipped`` is compiled
    already (a cheap check: the file exists and its header is sound)."""
    path = cache_dir() / f"overlay-{overlay_key(index_key(shipped), specs)}.rlx"
    try:
        IndexFile(path)
    except (OSError, CorruptIndex):
        return False
    return True


def open_overlay(
    base_key: str,
    specs: Sequence[DictionarySpec],
    base_info: Callable[[str], tuple[float, int, tuple[str, ...]] | None],
) -> IndexFile:
    key = overlay_key(base_key, specs)

    def build(path: Path, progress) -> None:
        build_overlay(path, specs, base_info, progress)

    return open_cached(f"overlay-{key}.rlx", build, announce=False, prune="overlay-*.rlx")
