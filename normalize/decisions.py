"""A person's decisions about corrections, saved to a file and replayed on later runs.

``redline review`` writes them; ``redline correct --decisions`` and ``redline brief
--decisions`` apply them.  Every decision is tied to the exact text it was made on: the
paragraph's fingerprint (SHA-256 of its text), which occurrence of that paragraph text it
was in the source, and the word's offset in it.  So a decision is never applied to
different text: when an input changed, decisions apply to its unchanged paragraphs only
and :func:`apply_decisions` says how many were left out (``result.meta["review"]``).

The file (schema ``redline-decisions/1``, UTF-8 JSON)::

    {
      "schema": "redline-decisions/1",
      "redline": "0.1.0",                      # the version that wrote it
      "updated": "2026-12-03T10:00:00+00:00",
      "settings": {"dictionaries": ["geopolitics"], "user_dicts": true,
                   "min_confidence": 0.6, "text_column": null},
      "inputs": [{"name": "thread.txt", "sha256": "…", "paragraphs": 58}],
      "decisions": [
        {"id": "5f0c…", "source": "thread.txt", "line": 40,
         "paragraph_sha256": "9a1b…", "occurrence": 0, "start": 65, "end": 74,
         "original": "sgrerment", "suggestion": "agreement", "kind": "spelling",
         "flag": false, "confidence": 0.98,
         "decision": "reject", "text": null, "decided": "2026-12-03T10:00:00+00:00"}
      ]
    }

``decision`` is ``accept`` (apply ``suggestion``), ``reject`` (keep the typed word),
``edit`` (put ``text`` instead) or ``keep`` (like reject; the word also went into the
user dictionary).  ``start``/``end`` are offsets into the paragraph; ``line`` is the
1-based line (text) or record number, for people only.  Items nobody decided are not in
the file: they follow the default (corrections applied, flags not).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from .errors import InputError, RedlineError
from .records import Correction, Flag, Result, Unknown, apply_corrections

SCHEMA = "redline-decisions/1"
DECISIONS = ("accept", "reject", "edit", "keep")
Choice = Literal["accept", "reject", "edit", "keep"]


class DecisionsError(RedlineError):
    """A decisions file is malformed, or a decision cannot be made."""

    exit_code = 3


# --------------------------------------------------------------------------- identity


def fingerprint(text: str) -> str:
    """SHA-256 (hex) of ``text`` as UTF-8 (undecodable bytes kept as they came)."""
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def source_key(source: str | None) -> str:
    """How a source is named in decisions: its file name (the same from any directory)."""
    return Path(source).name if source else "<stdin>"


def item_id(source: str, paragraph_sha: str, occurrence: int, start: int, original: str) -> str:
    """A stable id for the word at ``start`` of a paragraph: the same text gives the same
    id on every run, wherever the paragraph moved in its source."""
    key = "\x1f".join((source_key(source), paragraph_sha, str(occurrence), str(start), original))
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Spot:
    """Where a correction or flag sits: a paragraph (by content) and offsets in it."""

    source: str
    line: int  # 1-based line or record number, for people
    paragraph_sha256: str
    occurrence: int  # which copy of this paragraph text within the source (0 = first)
    start: int
    end: int
    original: str

    @property
    def id(self) -> str:
        return item_id(
            self.source, self.paragraph_sha256, self.occurrence, self.start, self.original
        )


@dataclass(frozen=True, slots=True)
class Decision:
    """What a person decided about one correction or flag."""

    spot: Spot
    suggestion: str
    kind: str
    flag: bool  # the item was a flag (not applied by default), not a correction
    confidence: float
    decision: Choice
    text: str | None = None  # the edited word, for ``edit``
    decided: str = ""  # ISO time

    @property
    def id(self) -> str:
        return self.spot.id

    @property
    def replacement(self) -> str | None:
        """The word that stands in the text after this decision (``None``: as typed)."""
        if self.decision == "accept":
            return self.suggestion
        if self.decision == "edit":
            return self.text
        return None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id}
        d.update(asdict(self.spot))
        d.update(
            suggestion=self.suggestion,
            kind=self.kind,
            flag=self.flag,
            confidence=self.confidence,
            decision=self.decision,
            text=self.text,
            decided=self.decided,
        )
        return d


@dataclass
class Decisions:
    """The contents of a decisions file (mutable: the review server edits it)."""

    settings: dict[str, Any] = field(default_factory=dict)
    inputs: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> sha256, paragraphs
    items: dict[str, Decision] = field(default_factory=dict)  # id -> decision
    version: str = ""
    updated: str = ""

    def for_source(self, source: str | None) -> list[Decision]:
        key = source_key(source)
        return [d for d in self.items.values() if d.spot.source == key]

    def to_dict(self) -> dict[str, Any]:
        from . import __version__

        return {
            "schema": SCHEMA,
            "redline": __version__,
            "updated": self.updated or now(),
            "settings": self.settings,
            "inputs": [{"name": n, **info} for n, info in self.inputs.items()],
            "decisions": [
                d.to_dict()
                for d in sorted(
                    self.items.values(),
                    key=lambda d: (d.spot.source, d.spot.line, d.spot.start),
                )
            ],
        }


def now() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()


def check_text(text: object) -> str:
    """An edited word: a non-empty string on one line, without control characters."""
    if not isinstance(text, str) or not text.strip():
        raise DecisionsError("an edit needs the new text")
    if any(ord(ch) < 32 or ch in "\x7f\u2028\u2029\x85" for ch in text):
        raise DecisionsError("the new text must be one line without control characters")
    if len(text) > 200:
        raise DecisionsError("the new text is longer than 200 characters")
    return text


# --------------------------------------------------------------------------- load / save


def load(path: str | os.PathLike[str]) -> Decisions:
    """Read a decisions file; a malformed one is one clear :class:`DecisionsError`."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DecisionsError(f"{path}: not a decisions file (bad JSON: {exc})") from None
    return from_dict(data, str(path))


def from_dict(data: Any, name: str = "decisions") -> Decisions:
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise DecisionsError(f"{name}: not a decisions file (schema {SCHEMA} expected)")
    out = Decisions(
        settings=dict(data.get("settings") or {}),
        version=str(data.get("redline", "")),
        updated=str(data.get("updated", "")),
    )
    try:
        for entry in data.get("inputs") or []:
            entry = dict(entry)
            out.inputs[str(entry.pop("name"))] = entry
    except (KeyError, TypeError, ValueError, AttributeError):
        raise DecisionsError(f"{name}: malformed inputs list") from None
    for n, d in enumerate(data.get("decisions") or [], 1):
        try:
            decision = _decision_from(d)
            if d.get("id") != decision.id:
                raise ValueError("its id does not match its source, paragraph and word")
        except (KeyError, TypeError, ValueError, AttributeError, DecisionsError) as exc:
            what = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
            raise DecisionsError(f"{name}: decision {n}: {what}") from None
        out.items[decision.id] = decision
    return out


def _decision_from(d: Mapping[str, Any]) -> Decision:
    spot = Spot(
        source=str(d["source"]),
        line=int(d["line"]),
        paragraph_sha256=str(d["paragraph_sha256"]),
        occurrence=int(d["occurrence"]),
        start=int(d["start"]),
        end=int(d["end"]),
        original=str(d["original"]),
    )
    if not 0 <= spot.start < spot.end or spot.end - spot.start != len(spot.original):
        raise ValueError("bad offsets")
    choice = d["decision"]
    if choice not in DECISIONS:
        raise ValueError(f"unknown decision {choice!r} (use {', '.join(DECISIONS)})")
    text = d.get("text")
    if choice == "edit":
        text = check_text(text)
    return Decision(
        spot=spot,
        suggestion=str(d["suggestion"]),
        kind=str(d.get("kind", "spelling")),
        flag=bool(d.get("flag", False)),
        confidence=float(d.get("confidence", 0.0)),
        decision=choice,
        text=text if choice == "edit" else None,
        decided=str(d.get("decided", "")),
    )


def save(decisions: Decisions, path: str | os.PathLike[str]) -> None:
    """Write the file atomically (temporary file + rename): never half a file."""
    from .io import atomic_writer

    decisions.updated = now()
    with atomic_writer(path, "w", encoding="utf-8", errors="backslashreplace") as fh:
        json.dump(decisions.to_dict(), fh, ensure_ascii=False, indent=1)
        fh.write("\n")


# --------------------------------------------------------------------------- spots


def spots(result: Result, lines: Iterable[int] | None = None) -> Iterable[tuple[Any, Spot]]:
    """Each correction and flag of ``result`` with its :class:`Spot` (offsets absolute in
    the records, relative to the paragraph in the spot).  ``lines`` numbers the
    paragraphs for people (default: 1, 2, 3 …)."""
    return _Walker(result.source).spots(result, lines)


class _Walker:
    """Numbers paragraph copies within one source, across calls (a stream of records)."""

    def __init__(self, source: str | None) -> None:
        self.source = source_key(source)
        self.seen: Counter[str] = Counter()

    def paragraphs(self, result: Result, lines: Iterable[int] | None = None):
        numbers = iter(lines) if lines is not None else None
        for p in result.paragraphs():
            sha = fingerprint(p.original)
            occurrence = self.seen[sha]
            self.seen[sha] += 1
            line = next(numbers, p.index + 1) if numbers is not None else p.index + 1
            yield p, sha, occurrence, line

    def spots(self, result: Result, lines: Iterable[int] | None = None):
        for p, sha, occurrence, line in self.paragraphs(result, lines):
            for r in (*p.corrections, *p.flags):
                yield (
                    _absolute(r, p.start),
                    Spot(self.source, line, sha, occurrence, r.start, r.end, r.original),
                )


def _absolute(record: Any, by: int) -> Any:
    values = {f: getattr(record, f) for f in record.__slots__}
    values["start"] += by
    values["end"] += by
    return type(record)(**values)


# --------------------------------------------------------------------------- apply


@dataclass
class ApplyStats:
    applied: int = 0  # decisions that found their text and were applied
    missing: int = 0  # decisions whose paragraph is not in the text (it changed)
    changed_paragraphs: int = 0  # paragraphs with decisions that are no longer there

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


class Applier:
    """Applies the decisions for one source to its results, in order (a whole text, or
    one record after another as ``redline correct`` streams them)."""

    def __init__(self, decisions: Decisions, source: str | None) -> None:
        self.walker = _Walker(source)
        self.by_paragraph: dict[tuple[str, int], list[Decision]] = {}
        for d in decisions.for_source(source):
            key = (d.spot.paragraph_sha256, d.spot.occurrence)
            self.by_paragraph.setdefault(key, []).append(d)
        self.found: set[tuple[str, int]] = set()
        self.applied = 0

    def apply(self, result: Result) -> Result:
        """``result`` with the decisions made on its paragraphs applied."""
        if not self.by_paragraph:
            return result
        corrections: list[Correction] = []
        flags: list[Flag] = []
        unknown: list[Unknown] = []
        touched = False
        for p, sha, occurrence, _line in self.walker.paragraphs(result):
            mine = self.by_paragraph.get((sha, occurrence), [])
            valid = _non_overlapping(
                d for d in mine if p.original[d.spot.start : d.spot.end] == d.spot.original
            )
            if mine:
                self.found.add((sha, occurrence))
            spans = [(d.spot.start, d.spot.end) for d in valid]

            def overlaps(r: Any, spans: list[tuple[int, int]] = spans) -> bool:
                return any(r.start < e and s < r.end for s, e in spans)

            keep = [c for c in p.corrections if not overlaps(c)]
            for d in valid:
                new = d.replacement
                if new is not None and new != d.spot.original:
                    verb = "accepted" if d.decision == "accept" else "edited"
                    keep.append(
                        Correction(
                            d.spot.start,
                            d.spot.end,
                            d.spot.original,
                            new,
                            d.confidence,
                            f"{verb} by reviewer",
                            d.kind,  # type: ignore[arg-type]
                        )
                    )
            kept = {(d.spot.start, d.spot.end) for d in valid if d.decision == "keep"}
            touched = touched or bool(valid)
            self.applied += len(valid)
            keep.sort(key=lambda c: c.start)
            corrections.extend(_absolute(c, p.start) for c in keep)
            flags.extend(_absolute(f, p.start) for f in p.flags if not overlaps(f))
            unknown.extend(_absolute(u, p.start) for u in p.unknown if (u.start, u.end) not in kept)
        if not touched:
            return result
        return replace(
            result,
            text=apply_corrections(result.original, corrections),
            corrections=tuple(corrections),
            flags=tuple(flags),
            unknown=tuple(unknown),
        )

    def stats(self) -> ApplyStats:
        missing = [k for k in self.by_paragraph if k not in self.found]
        return ApplyStats(
            applied=self.applied,
            missing=sum(len(self.by_paragraph[k]) for k in missing),
            changed_paragraphs=len(missing),
        )


def _non_overlapping(decisions: Iterable[Decision]) -> list[Decision]:
    """Decisions in text order, any that overlaps an earlier one left out (decisions made
    under different settings can cover the same word twice, e.g. a merge and a word)."""
    out: list[Decision] = []
    for d in sorted(decisions, key=lambda d: (d.spot.start, d.spot.end)):
        if not out or d.spot.start >= out[-1].spot.end:
            out.append(d)
    return out


def apply_decisions(result: Result, decisions: Decisions) -> Result:
    """``result`` as the reviewer decided: a rejected correction keeps the typed word, an
    edit wins, an accepted flag is applied, undecided items follow the default.

    Records stay consistent (``text == apply_corrections(original, corrections)``);
    ``result.meta["review"]`` counts the decisions applied and those left out because
    their paragraph is not in this text (the input changed since the review).
    """
    applier = Applier(decisions, result.source)
    out = applier.apply(result)
    meta = dict(result.meta)
    meta["review"] = applier.stats().to_dict()
    return replace(out, meta=meta)
