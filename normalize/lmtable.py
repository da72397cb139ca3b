"""The trigram model compiled into a memory-mapped table: no model load per run.

pocketsphinx's ``NGramModel.readfile`` reads all 27 MB of ``en-us.lm.bin`` (a bit-packed
trie) into memory on every run, a tenth of a second.  This module reads that file once
(with numpy), unpacks its trie into plain arrays and writes them to the cache folder as
``lm-<key>.rlm``, keyed by the model's content.  Later runs map the file: opening it costs
a few system calls, and a lookup is a hash probe for each word and a binary search in a
mapped array for each bigram or trigram.

:class:`CompiledModel` answers ``prob(words)`` exactly as ``NGramModel.prob`` does (the
same integer log score, base 1.0001, words most recent first), because it does the same
arithmetic: the trie's float32 probabilities and backoff weights (the same quantisation
tables), summed in float32 in the same order, truncated to an integer.  Files in another
format (ARPA, DMP, a trie of another order) are not compiled; :func:`open_model` returns
None for them and :mod:`normalize.lm` reads them through pocketsphinx.

The file: a header (magic, version, size, directory offset, length and crc32), the arrays
(8-byte aligned), a JSON directory naming them, a trailer.  A file that fails those checks
is rebuilt; files are written to a temp file and renamed into place.
"""

from __future__ import annotations

import json
import os
import struct
import sys
from bisect import bisect_left
from collections.abc import Callable, Sequence
from pathlib import Path
from zlib import crc32

from .index import CorruptIndex, open_mapped

FORMAT_VERSION = 3
MAGIC = b"RLLMTBL\x00"
TRAILER = b"RLLMTBL\xff"
_HEADER = struct.Struct("<8sIIQQQI")  # magic, version, reserved, size, dir offset/length, crc
TRIE_MAGIC = b"Trie Language Model"
LOG_ZERO = -536870912  # what pocketsphinx returns for a word it does not know
_F32 = struct.Struct("<f")
_QUANT_BITS = 16  # pocketsphinx quantises every middle/longest probability and backoff to 16 bits


def _f32(x: float) -> float:
    """``x`` rounded to float32 (a float32 sum: the exact sum of two float32 values fits in
    a double, so rounding it once gives what float32 arithmetic gives)."""
    return _F32.unpack(_F32.pack(x))[0]


def _required_bits(n: int) -> int:
    return n.bit_length()


# --------------------------------------------------------------------------- compiling


def compile_trie(src: Path, dest: Path) -> bool:
    """Compile the pocketsphinx trie ``src`` into the table file ``dest`` (atomically).
    Returns False, writing nothing, when ``src`` is not a trigram trie file."""
    import numpy as np

    raw = Path(src).read_bytes()
    if not raw.startswith(TRIE_MAGIC):
        return False
    pos = len(TRIE_MAGIC)
    order = raw[pos]
    if order != 3:
        return False
    n1, n2, n3 = struct.unpack_from("<3I", raw, pos + 1)
    pos += 1 + 12 + 4  # order, counts, a dummy int (the old quantisation type)
    table = 1 << _QUANT_BITS
    quant = np.frombuffer(raw, dtype="<f4", count=3 * table, offset=pos)
    pos += quant.nbytes
    uni = np.frombuffer(
        raw, dtype=[("p", "<f4"), ("b", "<f4"), ("n", "<u4")], count=n1 + 1, offset=pos
    )
    pos += uni.nbytes
    buf = np.frombuffer(raw, dtype=np.uint8)

    word_bits = _required_bits(n1)
    mid_total = word_bits + 2 * _QUANT_BITS + _required_bits(n3)
    long_total = word_bits + _QUANT_BITS
    mid_size = ((1 + n2) * mid_total + 7) // 8 + 8
    long_size = ((1 + n3) * long_total + 7) // 8 + 8
    mid_at, long_at = pos, pos + mid_size
    pos = long_at + long_size
    (k,) = struct.unpack_from("<i", raw, pos)
    names = raw[pos + 4 : pos + 4 + k].split(b"\0")[:-1]
    if len(names) != n1 or pos + 4 + k > len(raw):
        raise ValueError("the model's word list does not match its unigram count")

    def field(base: int, count: int, stride: int, at: int, bits: int):
        """Values of ``bits`` bits at bit ``at`` of ``count`` entries of ``stride`` bits."""
        off = np.arange(count, dtype=np.int64) * stride + (base * 8 + at)
        byte = off >> 3
        v = buf[byte].astype(np.uint32)
        for i in range(1, 4):
            v |= buf[byte + i].astype(np.uint32) << np.uint32(8 * i)
        return (v >> (off & 7).astype(np.uint32)) & np.uint32((1 << bits) - 1)

    bo_at, prob_at = word_bits, word_bits + _QUANT_BITS  # a middle entry: word, bo, prob, next
    next_at = word_bits + 2 * _QUANT_BITS
    # a bigram's values as one record, read with one pread: probability, backoff, and
    # where its trigrams start (one record more, for where the last one's end)
    bi_vals = np.zeros(n2 + 1, dtype=[("p", "<f4"), ("b", "<f4"), ("n", "<u4")])
    bi_vals["p"][:n2] = quant[:table][field(mid_at, n2, mid_total, prob_at, _QUANT_BITS)]
    bi_vals["b"][:n2] = quant[table : 2 * table][field(mid_at, n2, mid_total, bo_at, _QUANT_BITS)]
    bi_vals["n"] = field(mid_at, n2 + 1, mid_total, next_at, _required_bits(n3))
    arrays = {  # the mapped arrays first, those read with pread last
        "uni_prob": np.ascontiguousarray(uni["p"]),
        "uni_bo": np.ascontiguousarray(uni["b"]),
        "uni_next": np.ascontiguousarray(uni["n"]),
        "bi_word": field(mid_at, n2, mid_total, 0, word_bits),
        "tri_word": field(long_at, n3, long_total, 0, word_bits),
    }
    # the vocabulary: an open-addressing hash table of word ids (+1; 0 = empty) by the
    # crc32 of the UTF-8 word; the first of two equal words wins, as in pocketsphinx
    nslots = 8
    while nslots < 2 * n1:
        nslots *= 2
    mask = nslots - 1
    slots = [0] * nslots
    for i, w in enumerate(names):
        h = crc32(w) & mask
        while slots[h]:
            if names[slots[h] - 1] == w:
                break
            h = (h + 1) & mask
        else:
            slots[h] = i + 1
    lengths = np.fromiter((len(w) for w in names), dtype=np.uint32, count=n1)
    offsets = np.zeros(n1 + 1, dtype=np.uint32)
    np.cumsum(lengths, out=offsets[1:])
    arrays["vocab_slots"] = np.array(slots, dtype=np.uint32)
    arrays["vocab_offsets"] = offsets
    arrays["vocab_blob"] = np.frombuffer(b"".join(names), dtype=np.uint8)
    arrays["bi_vals"] = bi_vals
    arrays["tri_prob"] = quant[2 * table :][field(long_at, n3, long_total, word_bits, _QUANT_BITS)]
    unk = -1
    for i, w in enumerate(names):
        if w == b"<UNK>":
            unk = i
            break
    meta = {"order": 3, "counts": [n1, n2, n3], "unk": unk}
    _write(dest, arrays, meta)
    return True


def _write(dest: Path, arrays: dict, meta: dict) -> None:
    import tempfile

    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".index.lm.", suffix=".tmp", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(b"\0" * _HEADER.size)
            pos = _HEADER.size
            directory: dict[str, object] = {"meta": meta, "arrays": {}}
            for name, a in arrays.items():
                pad = (8 - pos % 8) % 8
                fh.write(b"\0" * pad)
                pos += pad
                if a.dtype.names:  # records: struct codes of their fields
                    code = "".join(a.dtype[f].char for f in a.dtype.names)
                    data = a.tobytes()
                else:
                    code = a.dtype.char
                    data = a.astype(a.dtype.newbyteorder("<"), copy=False).tobytes()
                directory["arrays"][name] = [pos, code, len(a)]
                fh.write(data)
                pos += len(data)
            dir_bytes = json.dumps(directory, sort_keys=True).encode("utf-8")
            dir_off = pos
            fh.write(dir_bytes + TRAILER)
            pos += len(dir_bytes) + len(TRAILER)
            fh.seek(0)
            fh.write(
                _HEADER.pack(
                    MAGIC, FORMAT_VERSION, 0, pos, dir_off, len(dir_bytes), crc32(dir_bytes)
                )
            )
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


# --------------------------------------------------------------------------- reading

_CAST = {"f": "f", "I": "I", "B": "B"}  # numpy dtype chars -> memoryview formats
_BI_PAIR = struct.Struct("<ffIffI")  # a bigram's record and the next one's
_TRI = struct.Struct("<f")
#: arrays read with ``pread`` rather than through the mapping: their values are read
#: once per query, scattered; mapped, every read would make a neighbourhood of pages
#: resident (the kernel maps 64 KiB around a page it faults in), and a long run would
#: keep most of the file in its resident size
_READ = {"bi_vals": "ffI", "tri_prob": "f"}


class CompiledModel:
    """``NGramModel.prob`` over a compiled table file (see the module's docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        fd, size, mm = open_mapped(path, _HEADER.size + len(TRAILER))
        self._fd = fd
        magic, version, _r, total, dir_off, dir_len, dir_crc = _HEADER.unpack_from(mm)
        if magic != MAGIC or version != FORMAT_VERSION:
            raise CorruptIndex("not a model table of this version")
        if total != size or mm[size - len(TRAILER) :] != TRAILER:
            raise CorruptIndex("truncated or overwritten")
        if dir_off + dir_len > size - len(TRAILER):
            raise CorruptIndex("bad directory")
        dir_bytes = mm[dir_off : dir_off + dir_len]
        if crc32(dir_bytes) != dir_crc:
            raise CorruptIndex("directory checksum mismatch")
        view = memoryview(mm)
        try:
            directory = json.loads(dir_bytes)
            n1, n2, n3 = directory["meta"]["counts"]
            self._unk: int = directory["meta"]["unk"]
            arrays: dict = {}
            offsets: dict[str, int] = {}
            for name, (off, code, count) in directory["arrays"].items():
                if name in _READ:
                    if code != _READ[name]:
                        raise CorruptIndex(f"bad array {name}")
                    fmt = "<" + code
                else:
                    fmt = _CAST[code]
                width = struct.calcsize(fmt)
                if off % 8 or off + width * count > dir_off:
                    raise CorruptIndex(f"bad array {name}")
                offsets[name] = off
                arrays[name] = count if name in _READ else view[off : off + width * count].cast(fmt)
            sizes = {
                "uni_prob": n1 + 1,
                "uni_bo": n1 + 1,
                "uni_next": n1 + 1,
                "bi_word": n2,
                "bi_vals": n2 + 1,
                "tri_word": n3,
                "tri_prob": n3,
                "vocab_offsets": n1 + 1,
            }
            for name, n in sizes.items():
                got = arrays[name]
                if (got if isinstance(got, int) else len(got)) != n:
                    raise CorruptIndex(f"bad array {name}")
        except CorruptIndex:
            raise
        except (ValueError, KeyError, TypeError) as exc:
            raise CorruptIndex(f"bad directory ({exc})") from None
        self._mm = mm
        self._up = arrays["uni_prob"]
        self._ub = arrays["uni_bo"]
        self._un = arrays["uni_next"]
        self._bw = arrays["bi_word"]
        self._tw = arrays["tri_word"]
        self._bv_at = offsets["bi_vals"]
        self._tp_at = offsets["tri_prob"]
        if hasattr(os, "pread"):
            self._pread = os.pread
        else:  # pragma: no cover - Windows: read through the mapping
            self._pread = lambda _fd, n, off: mm[off : off + n]
        self._slots = arrays["vocab_slots"]
        self._mask = len(self._slots) - 1
        if len(self._slots) & self._mask:
            raise CorruptIndex("bad vocabulary table")
        self._offsets = arrays["vocab_offsets"]
        self._blob = arrays["vocab_blob"]
        self._ids: dict[str, int] = {}

    def wid(self, word: str) -> int:
        """The word's id, ``<UNK>``'s for an unknown word, or -1 (pocketsphinx's
        ``ngram_wid``: case-sensitive, exact bytes)."""
        got = self._ids.get(word)
        if got is not None:
            return got
        kb = word.encode("utf-8")
        slots, offsets, blob, mask = self._slots, self._offsets, self._blob, self._mask
        h = crc32(kb) & mask
        out = self._unk
        for _probe in range(mask + 1):
            s = slots[h]
            if not s:
                break
            if blob[offsets[s - 1] : offsets[s]] == kb:
                out = s - 1
                break
            h = (h + 1) & mask
        if len(self._ids) < 200_000:
            self._ids[word] = out
        return out

    def __del__(self) -> None:
        fd = getattr(self, "_fd", None)
        if fd is not None:
            try:
                os.close(fd)
            except OSError:
                pass

    def _read(self, n: int, off: int) -> bytes:
        data = self._pread(self._fd, n, off)
        if len(data) != n:  # cut short while in use: removed, so that the next run rebuilds it
            try:
                os.unlink(self.path)
            except OSError:
                pass
            raise CorruptIndex(
                f"the language model table {self.path} was damaged; it has been removed "
                "and will be rebuilt on the next run"
            )
        return data

    def bigram_values(self, i: int) -> tuple[float, float, int, int]:
        """Middle entry ``i``'s probability and backoff, and its trigrams' range."""
        p, b, lo, _p, _b, hi = _BI_PAIR.unpack(self._read(24, self._bv_at + 12 * i))
        return p, b, lo, hi

    def trigram_prob(self, k: int) -> float:
        return _TRI.unpack(self._read(4, self._tp_at + 4 * k))[0]

    def _bigram(self, w: int, h: int) -> int:
        """The index of the middle entry for ``h`` before ``w``, or -1."""
        lo, hi = self._un[w], self._un[w + 1]
        bw = self._bw
        i = bisect_left(bw, h, lo, hi)
        return i if i < hi and bw[i] == h else -1

    def prob(self, words: Sequence[str]) -> int:
        """log P(words[0] | words[1:]) as pocketsphinx's integer score (base 1.0001),
        the words most recent first; ``LOG_ZERO`` for a word the model does not know."""
        w = self.wid(words[0])
        if w < 0:
            return LOG_ZERO
        hist: list[int] = []
        for h in words[1:3]:
            i = self.wid(h)
            if i < 0:
                break
            hist.append(i)
        up = self._up
        if not hist:
            return int(up[w])
        h1 = hist[0]
        i = self._bigram(w, h1)
        if len(hist) == 1:  # the bigram, else the unigram times h1's backoff
            if i >= 0:
                return int(self.bigram_values(i)[0])
            return int(_f32(up[w] + self._ub[h1]))
        h2 = hist[1]
        j = self._bigram(h1, h2)  # the backoff of the history "h2 h1"
        bo2 = self.bigram_values(j)[1] if j >= 0 else 0.0
        if i < 0:
            return int(_f32(_f32(up[w] + self._ub[h1]) + bo2))
        p, _b, lo, hi = self.bigram_values(i)
        tw = self._tw
        k = bisect_left(tw, h2, lo, hi)
        if k < hi and tw[k] == h2:
            return int(self.trigram_prob(k))
        return int(_f32(p + bo2))


# --------------------------------------------------------------------------- the cache


def table_name(model_path: Path) -> str:
    """The cache file name for a model: a hash of its content and of this format."""
    from .index import _content_hashes
    from .lexicon import sha256

    (digest,) = _content_hashes([model_path])
    key = sha256(f"lm v{FORMAT_VERSION} {digest}".encode()).hexdigest()[:20]
    return f"lm-{key}.rlm"


def open_model(model_path: str | Path) -> CompiledModel | None:
    """The compiled table of the model at ``model_path``, compiled once into the cache
    (a damaged table is rebuilt); None when the model is not a trigram trie file."""
    from .index import open_cached

    if sys.byteorder != "little":  # the table is little-endian, read in native order
        return None
    model_path = Path(model_path)
    with open(model_path, "rb") as fh:  # a missing model raises here, before any build
        if fh.read(len(TRIE_MAGIC) + 1) != TRIE_MAGIC + b"\x03":
            return None

    def build(path: Path, progress: Callable[[float], None] | None) -> None:
        if not compile_trie(model_path, path):
            raise CorruptIndex(f"{model_path} is not a trigram trie")

    return open_cached(
        table_name(model_path),
        build,
        announce=False,
        prune="lm-*.rlm",
        opener=CompiledModel,
        keep=1,
    )
