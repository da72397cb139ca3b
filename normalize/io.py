"""Reading inputs and writing outputs safely.

Inputs are never modified.  Outputs are written to a temporary file in the destination
directory and renamed into place, so an interrupted run leaves the old file or the new
one, never half a file.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
import sys
import tempfile
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
    """Open a temporary file beside ``path``; rename it over ``path`` on success only."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"cannot write {target}: directory {directory} does not exist")
    if target.is_dir():
        raise OutputError(f"cannot write {target}: it is a directory")
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
            out = __import__("io").TextIOWrapper(buffer, write_through=True, **kwargs)
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


def sniff(head: bytes, name: str = "<input>", final: bool = True) -> tuple[str, list[str]]:
    """The encoding of text starting with ``head``, and notes for the user.

    ``final`` is False when ``head`` is only the start of the input (a multibyte character
    may be cut at its end).  Raises :class:`InputError` for binary data: a known file
    signature (PDF, PNG, ZIP …), a share of NUL bytes above :data:`BINARY_NUL_SHARE`
    (unless it is UTF-16), or NUL in data that is not UTF-8.  The rules, in order:

    * a byte-order mark names the encoding (UTF-8, UTF-16, UTF-32);
    * NUL in every other byte is UTF-16 without a byte-order mark (noted);
    * valid UTF-8 is UTF-8, NUL and control characters included;
    * mostly UTF-8 (more valid multibyte characters than invalid bytes) is UTF-8, the
      invalid bytes kept as they are through ``surrogateescape`` (noted);
    * anything else is a legacy encoding, Windows-1252 unless ``charset-normalizer``
      recognises another (noted).
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
    bad = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    if not bad:
        return "utf-8", []
    good = sum(1 for ch in text if ch > "\x7f") - bad
    if good >= bad:
        return "utf-8", [f"{name}: {bad} byte{'s' if bad != 1 else ''} not valid UTF-8, kept as is"]
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
            "utf-8" if encoding == "utf-8-sig" else encoding, errors="surrogateescape"
        ), encoding
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: cannot decode as {encoding} ({exc.reason})") from None


def guess_legacy_encoding(data: bytes) -> str | None:
    """The encoding of text that is not UTF-8.

    ``charset-normalizer`` decides when it recognises a language (Cyrillic in cp1251,
    say); on short or language-neutral text its guesses are arbitrary (``café`` as
    cp1006, ``crème`` as cp1250 on a tie with cp1252), so Windows-1252, a superset of
    Latin-1's printable range and by far the most common legacy encoding of English text,
    is preferred whenever it decodes and no other reading is clearly better.
    """
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    western = ("cp1252", "latin_1", "iso8859_15", "ascii", "utf_8")
    # a western reading as good as the best one wins the tie (café, not cafй or crčme)
    tie = best is not None and any(
        m.encoding in western
        and m.chaos <= best.chaos + 0.01
        and m.coherence >= best.coherence - 0.01
        for m in matches
    )
    if best is not None and best.coherence >= 0.2 and best.encoding not in western and not tie:
        return best.encoding
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        pass
    if best is not None:
        return best.encoding
    return None


def read_text(path: str | os.PathLike[str]) -> tuple[str, str]:
    """Read and decode a text file: ``(text, encoding)``."""
    return decode(read_bytes(path), str(path))
