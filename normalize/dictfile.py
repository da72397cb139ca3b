"""The dictionary file format: parse, write and lint Redline's domain dictionaries.

A dictionary is UTF-8 text, one entry a line, after a header of metadata lines::

    ## name: geopolitics
    ## licence: CC BY 4.0
    Budapest Memorandum
    Kyiv	250
    !Tver

``## key: value`` lines at the top are metadata (``name`` is required); other lines
starting with ``#`` are comments; blank lines are ignored.  An entry is ``TERM`` or
``TERM<TAB>WEIGHT`` with the term in its canonical casing (it may hold spaces, hyphens,
apostrophes and periods) and a positive integer weight.  A leading ``!`` marks a
keep-only term: accepted when typed, never offered as a correction.  Entries are sorted
by ``(term.casefold(), term)``; :func:`lint` reports what the parser tolerates but a
shipped file must not have.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import DictionaryError

__all__ = [
    "COMMON_ZIPF",
    "NEIGHBOUR_ZIPF",
    "DictionaryFile",
    "Entry",
    "dumps",
    "lint",
    "load",
    "parse",
    "sort_key",
    "typo_suspects",
]

#: A single-word entry at least this frequent (zipf) is a word in its own right.
COMMON_ZIPF = 3.5
#: An entry one edit away from a word at least this frequent (zipf) looks like a typo.
NEIGHBOUR_ZIPF = 4.5
#: How many of the most frequent English words :func:`lint` searches for neighbours.
_NEIGHBOUR_VOCABULARY = 50_000

#: Header keys written first, in this order; any others follow in the order read.
_META_ORDER = ("name", "description", "language", "licence", "source")
_META_RE = re.compile(r"##\s*([A-Za-z][A-Za-z0-9_-]*)\s*:(.*)")
_NAME_RE = re.compile(r"[a-z0-9][a-z0-9_.-]*")
_WEIGHT_RE = re.compile(r"[0-9]+")
_ODD_SPACE_RE = re.compile(r"^\s|\s$| {2,}|[^\S ]")


@dataclass(frozen=True, slots=True)
class Entry:
    """One term of a dictionary, with the 1-based line it was read from (0 if built)."""

    term: str
    weight: int | None = None
    keep_only: bool = False
    line: int = 0


@dataclass(frozen=True, slots=True)
class DictionaryFile:
    """A parsed dictionary: its name, header metadata and entries in file order.

    ``notes`` holds the tolerable problems the parser saw (stray whitespace, CRLF line
    ends) as ``(line, message)`` pairs; :func:`lint` reports them.
    """

    name: str
    meta: dict[str, str]
    entries: tuple[Entry, ...]
    path: str | None = None
    notes: tuple[tuple[int, str], ...] = field(default=(), compare=False)

    @property
    def label(self) -> str:
        """How messages name this dictionary: its path, else ``<name>``."""
        return self.path if self.path is not None else f"<{self.name}>"


def sort_key(entry: Entry) -> tuple[str, str]:
    """The order entries are kept in: case-insensitive first, then by exact spelling."""
    return (entry.term.casefold(), entry.term)


def _bad_character(text: str) -> str | None:
    """Describe the first control, format or unusual space character in ``text``."""
    for ch in text:
        category = unicodedata.category(ch)
        if ch == "\t" or ch == " ":
            continue
        if category in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"):
            name = unicodedata.name(ch, "control character")
            return f"U+{ord(ch):04X} ({name})"
    return None


def parse(text: str, path: str | None = None) -> DictionaryFile:
    """Parse dictionary ``text``; raise :class:`DictionaryError` naming FILE:LINE if malformed.

    >>> d = parse("## name: demo\\nNATO\\t90\\n!Tver\\nNew START\\n")
    >>> [(e.term, e.weight, e.keep_only) for e in d.entries]
    [('NATO', 90, False), ('Tver', None, True), ('New START', None, False)]
    """
    label = path if path is not None else "<string>"
    meta: dict[str, str] = {}
    entries: list[Entry] = []
    notes: list[tuple[int, str]] = []
    if text.startswith("\ufeff"):
        text = text[1:]
        notes.append((1, "byte order mark at the start of the file"))
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    elif lines:
        notes.append((len(lines), "no newline at the end of the file"))
    crlf = 0

    def fail(number: int, message: str) -> DictionaryError:
        return DictionaryError(f"{label}:{number}: {message}")

    for number, raw in enumerate(lines, start=1):
        line = raw
        if line.endswith("\r"):
            line = line[:-1]
            crlf = crlf or number
        bad = _bad_character(line)
        if bad is not None:
            raise fail(number, f"forbidden character {bad}")
        if not line.strip():
            if line:
                notes.append((number, "blank line holds whitespace"))
            continue
        if line.lstrip(" ").startswith("#"):
            match = _META_RE.fullmatch(line.strip())
            if match is None:
                continue  # a comment
            if entries:
                raise fail(number, "metadata line after the first entry")
            key, value = match.group(1).lower(), match.group(2).strip()
            if key in meta:
                raise fail(number, f"metadata key {key!r} given twice")
            if not value:
                raise fail(number, f"metadata key {key!r} has no value")
            meta[key] = value
            continue
        entries.append(_parse_entry(line, number, label, notes, fail))

    if crlf:
        notes.append((crlf, "CRLF line ends (use LF)"))
    name = meta.get("name")
    if name is None:
        raise DictionaryError(f"{label}:1: missing '## name: ...' header")
    if not _NAME_RE.fullmatch(name):
        raise DictionaryError(
            f"{label}:1: bad name {name!r} (lowercase letters, digits, '-', '_', '.')"
        )
    return DictionaryFile(name, meta, tuple(entries), path, tuple(notes))


def _parse_entry(
    line: str,
    number: int,
    label: str,
    notes: list[tuple[int, str]],
    fail: Callable[[int, str], DictionaryError],
) -> Entry:
    term, tab, weight_text = line.partition("\t")
    weight: int | None = None
    if tab and not term.strip(" !"):
        raise fail(number, "empty term before the tab")
    if tab:
        if "\t" in weight_text:
            raise fail(number, "more than one tab (expected TERM or TERM<TAB>WEIGHT)")
        stripped = weight_text.strip()
        if not _WEIGHT_RE.fullmatch(stripped) or int(stripped) <= 0:
            raise fail(number, f"bad weight {weight_text!r} (expected a positive integer)")
        if stripped != weight_text:
            notes.append((number, "whitespace around the weight"))
        weight = int(stripped)
    if _ODD_SPACE_RE.search(term):
        notes.append((number, f"stray whitespace in term {term!r}"))
        term = " ".join(term.split())
    keep_only = term.startswith("!")
    if keep_only:
        term = term[1:]
        if term.startswith(" "):
            notes.append((number, f"space after '!' in {term.strip()!r}"))
            term = term.lstrip(" ")
    if not term:
        raise fail(number, "empty term")
    if term.startswith("!"):
        raise fail(number, f"term {term!r} starts with '!' twice")
    if not any(ch.isalnum() for ch in term):
        raise fail(number, f"term {term!r} has no letter or digit")
    return Entry(term, weight, keep_only, number)


def read_text(path: str | os.PathLike[str]) -> str:
    """A dictionary file's text (UTF-8), or one clear :class:`DictionaryError`."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise DictionaryError(f"{p}: no such dictionary file") from None
    except IsADirectoryError:
        raise DictionaryError(f"{p}: is a directory, not a dictionary file") from None
    except OSError as exc:
        raise DictionaryError(f"{p}: cannot read: {exc.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DictionaryError(f"{p}:{line}: not UTF-8 (byte {exc.start})") from None


def load(path: str | os.PathLike[str]) -> DictionaryFile:
    """Read and parse the dictionary at ``path`` (UTF-8)."""
    return parse(read_text(path), str(Path(path)))


def dumps(d: DictionaryFile) -> str:
    """Serialise ``d`` canonically: header, a blank line, then entries sorted by term.

    Comments are not kept; entries keep their duplicates (``lint`` reports them).
    """
    keys = [k for k in _META_ORDER if k in d.meta]
    keys += [k for k in d.meta if k not in _META_ORDER]
    meta = {**d.meta, "name": d.name}
    if "name" not in keys:
        keys.insert(0, "name")
    out = [f"## {key}: {meta[key]}\n" for key in keys]
    out.append("\n")
    for entry in sorted(d.entries, key=sort_key):
        term = f"!{entry.term}" if entry.keep_only else entry.term
        out.append(f"{term}\t{entry.weight}\n" if entry.weight is not None else f"{term}\n")
    return "".join(out)


def lint(d: DictionaryFile, frequency: Callable[[str], float] | None = None) -> list[str]:
    """List the problems of ``d`` as ``"FILE:LINE: message"``, in line order.

    Reports stray whitespace, entries out of order, duplicates, terms that differ only in
    case, and weights on keep-only entries.  Given ``frequency`` (word -> zipf, e.g.
    ``lambda w: wordfreq.zipf_frequency(w, "en")``), it also reports each single-word
    entry that is not a common word itself but lies one edit from a far more frequent
    English word: a likely typo, unless the entry is marked keep-only.
    """
    label = d.label
    problems: list[tuple[int, str]] = []
    problems += [(number, f"{label}:{number}: {message}") for number, message in d.notes]

    def report(entry: Entry, message: str) -> None:
        problems.append((entry.line, f"{label}:{entry.line}: {message}"))

    seen: dict[str, Entry] = {}
    folded: dict[str, Entry] = {}
    previous: Entry | None = None
    for entry in d.entries:
        if previous is not None and sort_key(entry) < sort_key(previous):
            report(entry, f"{entry.term!r} is out of order (it sorts before {previous.term!r})")
        previous = entry
        first = seen.get(entry.term)
        if first is not None:
            if first.keep_only != entry.keep_only:
                report(entry, f"{entry.term!r} is both keep-only and not (line {first.line})")
            else:
                report(entry, f"duplicate {entry.term!r} (first on line {first.line})")
            continue
        seen[entry.term] = entry
        key = entry.term.casefold()
        other = folded.get(key)
        if other is not None:
            report(
                entry,
                f"warning: {entry.term!r} differs only in case from {other.term!r} "
                f"(line {other.line})",
            )
        else:
            folded[key] = entry
        if entry.keep_only and entry.weight is not None:
            report(entry, f"weight on keep-only {entry.term!r} has no effect")

    if frequency is not None:
        for entry, word, neighbour_zipf in typo_suspects(d.entries, frequency):
            report(
                entry,
                f"{entry.term!r} is one edit from the common word {word!r} "
                f"(zipf {neighbour_zipf:.1f}): a typo? fix it or mark it keep-only with '!'",
            )
    problems.sort(key=lambda item: item[0])
    return [message for _, message in problems]


def typo_suspects(
    entries: Iterable[Entry], frequency: Callable[[str], float]
) -> list[tuple[Entry, str, float]]:
    """Single-word, correctable entries one edit from a far more frequent English word."""
    from editdistpy import damerau_osa

    index = _neighbour_index()
    suspects: list[tuple[Entry, str, float]] = []
    for entry in entries:
        if entry.keep_only or " " in entry.term:
            continue
        word = entry.term.casefold()
        if frequency(word) >= COMMON_ZIPF:
            continue
        best: tuple[float, str] | None = None
        for variant in _deletes(word):
            for candidate in index.get(variant, ()):
                if candidate == word or damerau_osa.distance(word, candidate, 1) != 1:
                    continue
                zipf = frequency(candidate)
                if zipf >= NEIGHBOUR_ZIPF and (best is None or (zipf, candidate) > best):
                    best = (zipf, candidate)
        if best is not None:
            suspects.append((entry, best[1], best[0]))
    return suspects


def _deletes(word: str) -> set[str]:
    """``word`` and every string one deletion away from it."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


@lru_cache(maxsize=1)
def _neighbour_index() -> dict[str, tuple[str, ...]]:
    """Symmetric-delete index (distance 1) over wordfreq's most frequent English words."""
    from wordfreq import top_n_list

    index: dict[str, list[str]] = {}
    for word in top_n_list("en", _NEIGHBOUR_VOCABULARY):
        for variant in _deletes(word):
            index.setdefault(variant, []).append(word)
    return {variant: tuple(words) for variant, words in index.items()}
