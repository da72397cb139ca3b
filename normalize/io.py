"""Reading inputs and writing outputs safely.

Inputs are never modified.  Outputs are written to a temporary file in the destination
directory and renamed into place, so an interrupted run leaves the old file or the new
one, never half a file.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .errors import InputError, OutputError

_BINARY_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"PK\x03\x04",
    b"\xff\xd8\xff",
    b"GIF8",
    b"\x7fELF",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ",
    b"Rar!",
    b"7z\xbc\xaf",
)


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str], mode: str = "w", **kwargs) -> Iterator[IO]:
    """Open a temporary file beside ``path``; rename it over ``path`` on success only.

    A symlink is written through: its target is replaced, the link stays.
    """
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"cannot write {target}: directory {directory} does not exist")
    if target.is_dir():
        raise OutputError(f"cannot write {target}: it is a directory")
    import tempfile  # not at import: it costs a few ms of start-up (random, shutil)

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror}") from None
    try:
        os.chmod(tmp, _mode_for(target))
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@dataclass
class _Target:
    """One output: ``file`` is written to ``tmp`` and renamed over ``real`` at the end;
    ``stream`` (a FIFO or a character device) and ``stdout`` are written as they go."""

    path: str
    kind: str  # "file", "stream" or "stdout"
    real: str = ""
    tmp: str = ""


class Outputs:
    """Every output of one run, checked before anything is written, published together.

    >>> with Outputs(["out.txt", "report.json"], inputs=["in.txt"]) as outs:
    ...     with outs.open("out.txt", "w", encoding="utf-8") as fh:
    ...         fh.write(text)
    ...     export(outs.path("report.json"))     # a writer that wants a path
    ... # both files appear here, or (on any error, Ctrl-C, SIGTERM) neither

    Checks, in order, raising :class:`OutputError`: the same output named twice (also
    through a symlink), an output that is an input, a directory, a special file other
    than a FIFO or a character device (those are streamed, as is ``-``), a missing
    directory.  Entering creates a temporary file beside each regular output (which
    proves the directory writable); leaving renames them all into place, or removes them
    all when the block raised.  A symlink is written through: its target is replaced.
    ``created_dir`` (``-d DIR``) is made on entering and removed again if left empty.
    """

    def __init__(
        self,
        paths: Sequence[str],
        inputs: Sequence[str] = (),
        created_dir: str | None = None,
    ) -> None:
        self.created_dir = created_dir
        self._made_dir = False
        real_inputs = {os.path.realpath(p) for p in inputs if p != "-"}
        self.targets: dict[str, _Target] = {}
        seen: dict[str, str] = {}
        for path in paths:
            if path == "-":
                key = "-"
                target = _Target(path, "stdout")
            else:
                if not path:
                    raise OutputError("an output path is empty")
                key = os.path.realpath(path)
                target = self._classify(path, key, real_inputs)
            if key in seen:
                same = path if seen[key] == path else f"{seen[key]} and {path}"
                raise OutputError(f"{same}: the same output is named twice")
            seen[key] = path
            self.targets[path] = target

    def _classify(self, path: str, real: str, real_inputs: set[str]) -> _Target:
        if real in real_inputs:
            raise OutputError(f"refusing to write {path}: it is one of the inputs")
        try:
            st = os.stat(real)
        except FileNotFoundError:
            st = None
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror}") from None
        if st is not None:
            if stat.S_ISDIR(st.st_mode):
                raise OutputError(f"cannot write {path}: it is a directory")
            if stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode):
                return _Target(path, "stream", real)
            if not stat.S_ISREG(st.st_mode):
                raise OutputError(f"refusing to write {path}: not a regular file, FIFO or device")
        parent = os.path.dirname(real) or "."
        created = self.created_dir is not None and os.path.realpath(
            os.path.dirname(path) or "."
        ) == os.path.realpath(self.created_dir)
        if not created and not os.path.isdir(parent):
            raise OutputError(f"cannot write {path}: directory {parent} does not exist")
        return _Target(path, "file", real)

    def __enter__(self) -> Outputs:
        try:
            if self.created_dir is not None and not os.path.isdir(self.created_dir):
                try:
                    os.makedirs(self.created_dir)
                except OSError as exc:
                    raise OutputError(f"cannot create {self.created_dir}: {exc.strerror}") from None
                self._made_dir = True
            with _signals_held():  # a Ctrl-C now must not lose a temporary file's name
                for t in self.targets.values():
                    if t.kind == "file":
                        # a symlinked output: the created dir resolves only now
                        t.real = os.path.realpath(t.path)
                        t.tmp = _temp_beside(Path(t.real), Path(t.path))
        except BaseException:
            self._abort()
            raise
        return self

    def __exit__(self, kind: Any, exc: Any, tb: Any) -> None:
        if kind is not None:
            self._abort()
            return
        try:
            with _signals_held():  # all outputs published, or none
                for t in self.targets.values():
                    if t.kind == "file":
                        os.chmod(t.tmp, _mode_for(Path(t.real)))
                        os.replace(t.tmp, t.real)
                        t.tmp = ""
        except OSError as exc:
            self._abort()
            raise OutputError(f"cannot write {exc.filename or ''}: {exc.strerror}") from None

    def _abort(self) -> None:
        for t in self.targets.values():
            if t.tmp:
                with contextlib.suppress(OSError):
                    os.unlink(t.tmp)
                t.tmp = ""
        if self._made_dir:
            with contextlib.suppress(OSError):
                os.rmdir(self.created_dir)  # type: ignore[arg-type]

    def path(self, path: str) -> str:
        """Where a writer that wants a path writes ``path`` (a regular output only)."""
        t = self.targets[path]
        if t.kind != "file":
            raise OutputError(f"cannot write {path}: this format needs a regular file")
        return t.tmp

    def is_file(self, path: str) -> bool:
        return self.targets[path].kind == "file"

    @contextlib.contextmanager
    def open(self, path: str, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
        """``path`` opened for writing: its temporary file, the FIFO/device, or stdout."""
        t = self.targets[path]
        if t.kind == "stdout":
            binary = "b" in mode
            buffer = getattr(sys.stdout, "buffer", None)
            sys.stdout.flush()
            if binary:
                yield buffer
                buffer.flush()  # type: ignore[union-attr]
                return
            out = io.TextIOWrapper(buffer, write_through=True, **kwargs)  # type: ignore[arg-type]
            try:
                yield out
                out.flush()
            finally:
                out.detach()
            return
        where = t.tmp if t.kind == "file" else t.real
        try:
            fh = open(where, mode, **kwargs)  # noqa: SIM115 - closed below
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror}") from None
        with fh:
            yield fh
            fh.flush()
            if t.kind == "file":
                os.fsync(fh.fileno())


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP for a few system calls (delivered right after)."""
    import signal

    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, ValueError, OSError):  # pragma: no cover - not POSIX
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _temp_beside(real: Path, shown: Path) -> str:
    import tempfile

    directory = real.parent if str(real.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror}") from None
    os.close(fd)
    return tmp


def _mode_for(target: Path) -> int:
    """The existing file's mode, or what a plain ``open()`` would give (0o666 - umask)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask


def write_text_atomic(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically, without translating line endings."""
    with atomic_writer(path, "w", encoding=encoding, newline="") as fh:
        fh.write(text)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_writer(path, "wb") as fh:
        fh.write(data)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """Read an input file, turning every OS failure into one clear :class:`InputError`."""
    p = Path(path)
    try:
        return p.read_bytes()
    except OSError as exc:
        raise input_error(p, exc) from None


def input_error(path: str | os.PathLike[str], exc: OSError) -> InputError:
    """The one-line :class:`InputError` for an OS failure to open or read ``path``."""
    if isinstance(exc, FileNotFoundError):
        return InputError(f"{path}: no such file")
    if isinstance(exc, IsADirectoryError):
        return InputError(f"{path}: is a directory, not a file")
    if isinstance(exc, PermissionError):
        return InputError(f"{path}: permission denied")
    return InputError(f"{path}: cannot read ({exc.strerror})")


#: Share of NUL bytes above which data is binary even when it decodes: a few stray NULs
#: in scraped text are text, a file that is one part in ten NUL is not.
BINARY_NUL_SHARE = 0.10
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


#: The error handler every UTF-8 input is decoded with (see :func:`_western`).
UTF8_ERRORS = "redline-western"
#: Characters of Windows-1252 above 0x7F that people type as punctuation and symbols.
_TYPED_SYMBOLS = frozenset("€…‘’“”–—\u00a0£©«»°·§½¼¾¿¡")


def _word_around(data: bytes, i: int) -> bytes:
    """The run of letters (ASCII or any byte above 0x7F) around ``data[i]``."""
    start = i
    while start > 0 and (data[start - 1] > 0x7F or chr(data[start - 1]).isalpha()):
        start -= 1
    end = i + 1
    while end < len(data) and (data[end] > 0x7F or chr(data[end]).isalpha()):
        end += 1
    return data[start:end]


def _plausible_latin(data: bytes, i: int) -> str | None:
    """``data[i]`` (not valid UTF-8) read as Windows-1252, when that reading is what a
    person typed: a letter in a word that also has ASCII letters (``Caf\\xe9``,
    ``na\\xefve``, ``Z\\xfcrich``) or typed punctuation (curly quotes, dashes, €);
    else None (the byte is kept as it is)."""
    try:
        ch = data[i : i + 1].decode("cp1252")
    except UnicodeDecodeError:
        return None
    b = data[i]
    if 0x80 <= b <= 0xBF and i > 0 and data[i - 1] > 0x7F:
        return None  # a continuation byte after another high byte: broken UTF-8
    if b >= 0xC0 and i + 1 < len(data) and 0x80 <= data[i + 1] <= 0xBF:
        return None  # a lead byte before a continuation byte: broken UTF-8
    if ch in _TYPED_SYMBOLS:
        return ch
    if not ch.isalpha():
        return None
    word = _word_around(data, i)
    ascii_letters = sum(1 for b in word if b < 0x80)
    return ch if ascii_letters and ascii_letters >= len(word) - ascii_letters else None


def _western(exc: UnicodeError) -> tuple[str, int]:
    """Decoding error handler: each invalid byte of UTF-8 text becomes its Windows-1252
    character when :func:`_plausible_latin` says it was typed so (a Latin-1 line in a
    UTF-8 file), else a lone surrogate, written back as the same byte
    (``surrogateescape``).  So mixed UTF-8 and Latin-1 lines both read right, and
    nothing is ever shown that was not typed."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    data = exc.object
    out = []
    for i in range(exc.start, exc.end):
        ch = _plausible_latin(data, i)
        out.append(ch if ch is not None else chr(0xDC00 + data[i]))
    return "".join(out), exc.end


codecs.register_error(UTF8_ERRORS, _western)


def errors_for(encoding: str) -> str:
    """The error handler to decode ``encoding`` with (losslessly)."""
    return UTF8_ERRORS if encoding == "utf-8" else "surrogateescape"


def sniff(head: bytes, name: str = "<input>", final: bool = True) -> tuple[str, list[str]]:
    """The encoding of text starting with ``head``, and notes for the user.

    ``final`` is False when ``head`` is only the start of the input (a multibyte character
    may be cut at its end).  Raises :class:`InputError` for binary data: a known file
    signature (PDF, PNG, ZIP …), a share of NUL bytes above :data:`BINARY_NUL_SHARE`
    (unless it is UTF-16), or NUL in data that is not UTF-8.  The rules, in order:

    * a byte-order mark names the encoding (UTF-8, UTF-16, UTF-32);
    * NUL in every other byte is UTF-16 without a byte-order mark (noted);
    * valid UTF-8 is UTF-8, NUL and control characters included;
    * UTF-8 with some invalid bytes (valid multibyte characters, and more of them or of
      invalid bytes that read as Latin-1 letters inside words than others) is UTF-8, decoded with
      :data:`UTF8_ERRORS`: a Latin-1 letter or typed punctuation is read as Windows-1252,
      any other invalid byte is kept as it is (noted, with the counts);
    * anything else is a legacy encoding: Windows-1252 unless its reading is implausible
      for Western text and ``charset-normalizer`` recognises another (noted).
    """
    if head.startswith(_BINARY_MAGIC):
        raise InputError(f"{name}: looks like a binary file, not text")
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            notes = [] if encoding == "utf-8-sig" else [f"{name}: not UTF-8; read as {encoding}"]
            return encoding, notes
    utf16 = _utf16_without_bom(head)
    if utf16 is not None:
        return utf16, [f"{name}: no byte-order mark; read as {utf16.upper()}"]
    if head and head.count(0) / len(head) > BINARY_NUL_SHARE:
        raise InputError(f"{name}: looks like a binary file, not text")
    text = codecs.getincrementaldecoder("utf-8")("surrogateescape").decode(head, final=final)
    bad_at = []
    pos = 0
    for ch in text:  # byte offsets of the invalid bytes
        if "\udc80" <= ch <= "\udcff":
            bad_at.append(pos)
            pos += 1
        else:
            pos += len(ch.encode("utf-8", "surrogatepass"))
    if not bad_at:
        return "utf-8", []
    latin = sum(1 for i in bad_at if _plausible_latin(head, i) is not None)
    kept = len(bad_at) - latin
    good = sum(1 for ch in text if ch > "\x7f") - len(bad_at)
    if good > 0 and (good >= kept or latin > kept):  # UTF-8, with a few lines that are not
        notes = []
        if latin:
            s = "s" if latin != 1 else ""
            notes.append(f"{name}: {latin} byte{s} not UTF-8, read as cp1252 (Latin-1)")
        if kept:
            s = "s" if kept != 1 else ""
            notes.append(f"{name}: {kept} byte{s} not valid UTF-8, kept as is")
        return "utf-8", notes
    if b"\x00" in head:
        raise InputError(f"{name}: looks like a binary file, not text")
    encoding = guess_legacy_encoding(head)
    if encoding is None:
        raise InputError(f"{name}: looks like a binary file, not text")
    return encoding, [f"{name}: not UTF-8; read as {encoding}"]


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when NUL fills one byte of most pairs (Latin text
    in UTF-16 without a byte-order mark), else None."""
    sample = head[: len(head) // 2 * 2]
    if len(sample) < 4:
        return None
    pairs = len(sample) // 2
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    for encoding, zeros, others in (
        ("utf-16-le", odd_nul, even_nul),
        ("utf-16-be", even_nul, odd_nul),
    ):
        if zeros >= 0.6 * pairs and others <= 0.05 * pairs:
            try:
                codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
            except UnicodeDecodeError:
                continue
            return encoding
    return None


def decode(data: bytes, name: str = "<input>") -> tuple[str, str]:
    """Decode a whole input; returns ``(text, encoding)``.

    The encoding is chosen by :func:`sniff`.  Decoding is lossless: a byte the encoding
    cannot read becomes a lone surrogate (``surrogateescape``), which a UTF-8 writer with
    the same error handler turns back into the same byte.  Binary data, and UTF-16/32 that
    does not decode, raise :class:`InputError`.
    """
    encoding, _notes = sniff(data, name)
    body = data[3:] if encoding == "utf-8-sig" else data
    try:
        return body.decode(
            "utf-8" if encoding == "utf-8-sig" else encoding, errors=errors_for(encoding)
        ), encoding
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: cannot decode as {encoding} ({exc.reason})") from None


def western_plausible(text: str) -> bool:
    """Whether ``text`` reads as Western European: at most 40% of its letters are
    non-ASCII (French or German prose has well under a tenth; Cyrillic or Greek read
    as cp1252 is all accented letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return True
    return sum(1 for ch in letters if ch > "\x7f") <= 0.4 * len(letters)


def guess_legacy_encoding(data: bytes) -> str | None:
    """The encoding of text that is not UTF-8.

    Windows-1252 (a superset of Latin-1's printable range, and by far the most common
    legacy encoding of English) whenever its reading is plausible Western text; only
    when it is not (Cyrillic in cp1251, say) may ``charset-normalizer``'s verdict win, as
    on short text its guesses are arbitrary (``Café naïve résumé`` as cp775, ``café`` as
    cp1006).  Bytes cp1252 leaves undefined are kept as they are.
    """
    western = data.decode("cp1252", errors="surrogateescape")
    if western_plausible(western):
        return "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.coherence >= 0.2:
        return best.encoding
    return "cp1252" if best is None or best.encoding is None else best.encoding


def read_text(path: str | os.PathLike[str]) -> tuple[str, str]:
    """Read and decode a text file: ``(text, encoding)``."""
    return decode(read_bytes(path), str(path))
