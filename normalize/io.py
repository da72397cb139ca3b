"""Reading inputs and writing outputs safely.

Inputs are never modified.  Outputs are written to a temporary file in the destination
directory and renamed into place, so an interrupted run leaves the old file or the new
one, never half a file.
"""

from __future__ import annotations

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
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{p}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{p}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from None


def decode(data: bytes, name: str = "<input>") -> tuple[str, str]:
    """Decode input bytes; returns ``(text, encoding)``.

    UTF-8 (with or without BOM) and UTF-16 with BOM are taken as they are; anything else
    goes to ``charset-normalizer``.  Binary data raises :class:`InputError`.
    """
    if data.startswith(_BINARY_MAGIC):
        raise InputError(f"{name}: looks like a binary file, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="surrogateescape"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError(f"{name}: invalid UTF-16 text") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not text")
    enc = guess_legacy_encoding(data)
    if enc is None:
        raise InputError(f"{name}: looks like a binary file, not text")
    return data.decode(enc, errors="replace"), enc


def guess_legacy_encoding(data: bytes) -> str | None:
    """The encoding of text that is not UTF-8.

    ``charset-normalizer`` decides when it recognises a language (Cyrillic in cp1251,
    say); on short or language-neutral text its guesses are arbitrary (``café`` as
    cp1006), so Windows-1252, a superset of Latin-1's printable range and by far the
    most common legacy encoding of English text, is preferred whenever it decodes.
    """
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    western = ("cp1252", "latin_1", "iso8859_15", "ascii", "utf_8")
    if best is not None and best.coherence >= 0.2 and best.encoding not in western:
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
