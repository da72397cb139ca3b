"""User dictionaries: list, show, add, remove, learn and import terms without touching code.

User dictionaries live in ``$REDLINE_HOME/dictionaries`` (default: the platform's user
data directory), one ``NAME.txt`` file each in the shipped format (see
``dictionaries/README.md``).  Every edit takes a lock and replaces the file atomically, so
concurrent ``redline dict add`` runs lose no entries.  User dictionaries are layered on
the cached index in memory at load time: an edit takes effect on the next run.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from . import dictfile
from .errors import DictionaryError, InputError
from .io import read_text, write_text_atomic
from .lexicon import TAIL, Lexicon, shipped_dictionary_names, user_dictionary_dir

ImportFormat = Literal["auto", "words", "freq", "hunspell"]
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


@dataclass(frozen=True)
class DictionaryInfo:
    name: str
    kind: Literal["shipped", "user"]
    path: str
    entries: int
    description: str = ""


@dataclass
class Candidate:
    """A term mined from clean text: how often it was seen and where."""

    term: str
    count: int
    contexts: list[str] = field(default_factory=list)

    @property
    def rank(self) -> tuple[int, int, str]:
        acronym = self.term.isupper() and len(self.term) > 1
        capital = self.term[:1].isupper()
        return (0 if acronym or capital else 1, -self.count, self.term.casefold())


def _check_name(name: str) -> str:
    if not _NAME_RE.match(name):
        raise DictionaryError(
            f"bad dictionary name {name!r}: use lowercase letters, digits, '-', '_' or '.'"
        )
    if name in shipped_dictionary_names():
        raise DictionaryError(f"{name!r} is a shipped dictionary; choose another name")
    return name


def user_path(name: str) -> Path:
    return user_dictionary_dir() / f"{_check_name(name)}.txt"


def list_dictionaries() -> list[DictionaryInfo]:
    """Every dictionary that can be in effect: shipped ones, then the user's."""
    import importlib.resources as resources

    out = []
    root = resources.files("redline_dictionaries")
    for name in shipped_dictionary_names():
        d = dictfile.parse((root / f"{name}.txt").read_text(encoding="utf-8"), f"{name}.txt")
        out.append(
            DictionaryInfo(
                name,
                "shipped",
                f"<shipped>/{name}.txt",
                len(d.entries),
                d.meta.get("description", ""),
            )
        )
    folder = user_dictionary_dir()
    if folder.is_dir():
        for p in sorted(folder.glob("*.txt")):
            d = dictfile.load(p)
            out.append(
                DictionaryInfo(
                    p.stem, "user", str(p), len(d.entries), d.meta.get("description", "")
                )
            )
    return out


def load_any(name: str) -> dictfile.DictionaryFile:
    """A shipped or user dictionary by name, or a dictionary file by path."""
    import importlib.resources as resources

    if name in shipped_dictionary_names():
        root = resources.files("redline_dictionaries")
        return dictfile.parse((root / f"{name}.txt").read_text(encoding="utf-8"), f"{name}.txt")
    if _NAME_RE.match(name):
        p = user_dictionary_dir() / f"{name}.txt"
        if p.is_file():
            return dictfile.load(p)
    p = Path(name)
    if p.is_file():
        return dictfile.load(p)
    raise DictionaryError(f"no dictionary named {name!r} (see `redline dict list`)")


def _empty(name: str) -> dictfile.DictionaryFile:
    return dictfile.DictionaryFile(name, {"description": "user dictionary"}, ())


def _edit(name: str, change) -> tuple[int, int]:
    """Apply ``change(entries) -> entries`` to user dictionary ``name`` under a lock."""
    from filelock import FileLock

    path = user_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(path) + ".lock", timeout=30):
        d = dictfile.load(path) if path.exists() else _empty(name)
        before = len(d.entries)
        entries = change(list(d.entries))
        new = dictfile.DictionaryFile(d.name, d.meta, tuple(entries), str(path))
        write_text_atomic(path, dictfile.dumps(new))
    return before, len(entries)


def _validated(term: str) -> str:
    term = term.strip()
    try:
        entry = dictfile.parse(f"## name: check\n{term}\n").entries
    except DictionaryError as exc:
        raise DictionaryError(f"bad term {term!r}: {str(exc).split(': ', 1)[-1]}") from None
    if len(entry) != 1:
        raise DictionaryError(f"bad term {term!r}")
    return term


def add_terms(
    terms: Sequence[str],
    to: str = "user",
    keep_only: bool = False,
    weights: dict[str, int] | None = None,
) -> int:
    """Add terms (canonical casing as given); returns how many were new."""
    checked = []
    for t in terms:
        t = _validated(t)
        keep = keep_only or t.startswith("!")
        checked.append((t.lstrip("!"), keep))

    def change(entries: list[dictfile.Entry]) -> list[dictfile.Entry]:
        have = {e.term for e in entries}
        for term, keep in checked:
            if term not in have:
                weight = (weights or {}).get(term)
                entries.append(dictfile.Entry(term, weight, keep))
                have.add(term)
        return entries

    before, after = _edit(to, change)
    return after - before


def remove_terms(terms: Sequence[str], frm: str = "user") -> int:
    """Remove terms (exact spelling); returns how many were removed."""
    path = user_path(frm)
    if not path.exists():
        raise DictionaryError(f"no user dictionary named {frm!r}")
    drop = {t.strip().lstrip("!") for t in terms}

    def change(entries: list[dictfile.Entry]) -> list[dictfile.Entry]:
        return [e for e in entries if e.term not in drop]

    before, after = _edit(frm, change)
    return before - after


# ------------------------------------------------------------------------ learn

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")


def learn(
    lexicon: Lexicon, texts: Iterable[tuple[str, str]], min_count: int = 2, max_contexts: int = 3
) -> list[Candidate]:
    """Mine terms no lexicon knows from clean text: ``texts`` are ``(name, text)`` pairs.

    Capitalised words and acronyms come first, then by count.
    """
    from .tokenize import split_contraction, tokenize

    counts: Counter[str] = Counter()
    contexts: dict[str, list[str]] = defaultdict(list)
    for _name, text in texts:
        for tok in tokenize(text):
            if tok.kind != "word":
                continue
            base, _suffix = split_contraction(tok.text)
            if len(base) < 2 or not base.isascii():
                continue
            info = lexicon.info(base)
            if info is not None and info.tier != TAIL:
                continue
            counts[base] += 1
            if len(contexts[base]) < max_contexts:
                s = max(0, tok.start - 40)
                e = min(len(text), tok.end + 40)
                contexts[base].append(" ".join(text[s:e].split()))
    out = [Candidate(t, c, contexts[t]) for t, c in counts.items() if c >= min_count]
    out.sort(key=lambda c: c.rank)
    return out


# ------------------------------------------------------------------------ import


def read_word_list(path: str | Path, fmt: ImportFormat = "auto") -> list[tuple[str, int | None]]:
    """Read a plain word list, a ``word count`` frequency list or a Hunspell ``.dic``."""
    text, _enc = read_text(path)
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    if fmt == "auto":
        fmt = _guess_format(Path(path), lines)
    out: list[tuple[str, int | None]] = []
    if fmt == "hunspell":
        if lines and lines[0].isdigit():
            lines = lines[1:]  # the approximate word count
        for ln in lines:
            word = re.split(r"(?<!\\)/", ln, maxsplit=1)[0].split("\t")[0].strip()
            word = word.replace("\\/", "/")
            if word and any(ch.isalpha() for ch in word):
                out.append((word, None))
    elif fmt == "freq":
        for n, ln in enumerate(lines, 1):
            parts = ln.rsplit(None, 1)
            if len(parts) != 2 or not parts[1].isdigit():
                raise InputError(f"{path}:{n}: expected 'word count', got {ln[:60]!r}")
            out.append((parts[0], int(parts[1])))
    elif fmt == "words":
        out = [(ln, None) for ln in lines]
    else:
        raise DictionaryError(f"unknown import format {fmt!r}")
    return out


def _guess_format(path: Path, lines: list[str]) -> str:
    if path.suffix.lower() == ".dic":
        return "hunspell"
    sample = lines[:50]
    if sample and all(
        len(ln.rsplit(None, 1)) == 2 and ln.rsplit(None, 1)[1].isdigit() for ln in sample
    ):
        return "freq"
    return "words"


def import_terms(path: str | Path, to: str = "user", fmt: ImportFormat = "auto") -> int:
    """Import a word list into a user dictionary; returns how many terms were new."""
    items = read_word_list(path, fmt)
    weights = {w: c for w, c in items if c is not None}
    return add_terms([w for w, _ in items], to=to, weights=weights)


def lint_dictionary(name: str) -> list[str]:
    """The checks the test-suite applies to shipped dictionaries."""
    from wordfreq import zipf_frequency

    d = load_any(name)
    return dictfile.lint(d, frequency=lambda w: zipf_frequency(w, "en"))
