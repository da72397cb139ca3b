"""Reading inputs and writing outputs safely.

Inputs are never modified.  Outputs are written to a temporary file in the destination
directory and renamed into place, so an interrupted run leaves the old file or the new
one, never half a file.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

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
