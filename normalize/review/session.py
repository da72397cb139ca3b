"""A review in progress: the items to decide, the decisions so far, saved on every change.

No HTTP here: :mod:`normalize.review.server` is a thin layer over :class:`ReviewSession`,
and the tests drive both.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..decisions import (
    DECISIONS,
    Decision,
    Decisions,
    DecisionsError,
    Spot,
    apply_decisions,
    check_text,
    fingerprint,
    now,
    save,
    source_key,
    spots,
)
from ..errors import RedlineError
from ..records import Correction, Flag, Result

CONTEXT_CHARS = 120  # at most this much of the sentence on each side of the word
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+")


@dataclass(frozen=True, slots=True)
class Item:
    """One correction or flag to decide."""

    spot: Spot
    suggestion: str
    kind: str
    confidence: float
    flag: bool
    context: str
    at: tuple[int, int]  # the word's offsets in ``context``

    @property
    def id(self) -> str:
        return self.spot.id


@dataclass(frozen=True, slots=True)
class Source:
    """One reviewed input: its result and the line (or record) number of each paragraph."""

    result: Result
    lines: tuple[int, ...] | None = None
    unit: str = "line"  # what ``lines`` count: line, record, paragraph, row


class ReviewSession:
    """Items of every source, their decisions, and the file they are saved to."""

    def __init__(
        self,
        sources: Sequence[Source],
        path: str | os.PathLike[str],
        decisions: Decisions | None = None,
        settings: dict[str, Any] | None = None,
        keep_word: Callable[[str], object] | None = None,
    ) -> None:
        names = [source_key(s.result.source) for s in sources]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise RedlineError(f"two inputs are named {twice[0]}: review them one at a time")
        self.sources = list(sources)
        self.path = path
        self.decisions = decisions or Decisions()
        self.notes: list[str] = []
        self.keep_word = keep_word or _add_to_user_dictionary
        self.lock = threading.Lock()
        self.items: dict[str, Item] = {}
        self.order: list[str] = []
        self.units: dict[str, str] = {}
        self.labels: dict[tuple[str, int], str] = {}  # (source, line) -> record label
        for s in self.sources:
            name = source_key(s.result.source)
            self.units[name] = s.unit
            numbers = s.lines or range(1, len(s.result.labels) + 1)
            for line, label in zip(numbers, s.result.labels):
                if label:
                    self.labels[(name, line)] = label
            for record, spot in spots(s.result, s.lines):
                item = _item(s.result, record, spot)
                self.items[item.id] = item
                self.order.append(item.id)
        self._check_resume(settings or {})
        self.decisions.settings = dict(settings or self.decisions.settings)
        for s in self.sources:
            self.decisions.inputs[source_key(s.result.source)] = {
                "sha256": fingerprint(s.result.original),
                "paragraphs": sum(1 for _ in s.result.paragraphs()),
            }

    def _check_resume(self, settings: dict[str, Any]) -> None:
        old = self.decisions
        for s in self.sources:
            name = source_key(s.result.source)
            info = old.inputs.get(name)
            if info and info.get("sha256") != fingerprint(s.result.original):
                self.notes.append(f"{name} changed since the last review")
        orphans = [d for d in old.items.values() if d.id not in self.items]
        if orphans:
            self.notes.append(
                f"{len(orphans)} earlier decision(s) are for text that is not here any more "
                "(the input changed); they stay in the file but are not shown"
            )
        if old.items and old.settings and settings and old.settings != settings:
            self.notes.append("the settings differ from the last review's")

    # ------------------------------------------------------------------ reading

    def item_dict(self, item_id: str) -> dict[str, Any]:
        it = self.items[item_id]
        d = self.decisions.items.get(item_id)
        return {
            "id": it.id,
            "source": it.spot.source,
            "line": it.spot.line,
            "unit": self.units.get(it.spot.source, "line"),
            "label": self.labels.get((it.spot.source, it.spot.line)),
            "column": it.spot.start + 1,
            "original": it.spot.original,
            "suggestion": it.suggestion,
            "kind": it.kind,
            "confidence": round(it.confidence, 4),
            "flag": it.flag,
            "context": it.context,
            "at": list(it.at),
            "decision": d.decision if d else None,
            "text": d.text if d else None,
        }

    def listing(self) -> dict[str, Any]:
        with self.lock:
            return {
                "items": [self.item_dict(i) for i in self.order],
                "progress": self._progress(),
                "sources": [source_key(s.result.source) for s in self.sources],
                "notes": list(self.notes),
            }

    def progress(self) -> dict[str, int]:
        """``{"decided": n, "total": n}``."""
        with self.lock:
            return self._progress()

    def _progress(self) -> dict[str, int]:
        decided = sum(1 for i in self.order if i in self.decisions.items)
        return {"decided": decided, "total": len(self.order)}

    def diff(self) -> dict[str, Any]:
        """The whole text of each source with the decisions applied, as segments:
        ``["same", text]``, ``["del", typed]`` + ``["ins", new]``, ``["flag", word]``."""
        with self.lock:
            out = []
            for s in self.sources:
                r = apply_decisions(s.result, self.decisions)
                rows = []
                numbers = list(s.lines) if s.lines is not None else None
                for p in r.paragraphs():
                    line = numbers[p.index] if numbers and p.index < len(numbers) else p.index + 1
                    rows.append({"line": line, "segments": _segments(p.original, p)})
                out.append({"source": source_key(s.result.source), "paragraphs": rows})
            return {"sources": out, "progress": self._progress()}

    # ------------------------------------------------------------------ deciding

    def decide(self, item_id: Any, choice: Any, text: Any = None) -> list[dict[str, Any]]:
        """Record a decision (``clear`` forgets one); returns the items that changed.

        Raises :class:`KeyError` for an unknown id and :class:`DecisionsError` for a bad
        decision; the file is saved before returning.
        """
        if not isinstance(item_id, str) or item_id not in self.items:
            raise KeyError(item_id)
        if choice not in (*DECISIONS, "clear"):
            raise DecisionsError(f"unknown decision {choice!r} (use {', '.join(DECISIONS)})")
        if choice == "edit":
            text = check_text(text)
        elif text is not None:
            raise DecisionsError(f"only an edit takes text, not {choice!r}")
        item = self.items[item_id]
        if choice == "keep":
            word = item.spot.original
            try:
                self.keep_word(word)
            except RedlineError as exc:
                raise DecisionsError(f"cannot keep {word!r}: {exc}") from None
            ids = [i for i in self.order if self.items[i].spot.original == word]
        else:
            ids = [item_id]
        with self.lock:
            for i in ids:
                if choice == "clear":
                    self.decisions.items.pop(i, None)
                else:
                    self.decisions.items[i] = _decision(self.items[i], choice, text)
            save(self.decisions, self.path)
            return [self.item_dict(i) for i in ids]

    def accept_all(self, min_confidence: float | None = None, kind: str | None = None) -> int:
        """Accept every undecided item at or above ``min_confidence`` and/or of ``kind``."""
        with self.lock:
            n = 0
            for i in self.order:
                it = self.items[i]
                if i in self.decisions.items:
                    continue
                if min_confidence is not None and it.confidence < min_confidence:
                    continue
                if kind is not None and it.kind != kind:
                    continue
                self.decisions.items[i] = _decision(it, "accept", None)
                n += 1
            if n:
                save(self.decisions, self.path)
            return n

    def save(self) -> None:
        with self.lock:
            save(self.decisions, self.path)


def _decision(item: Item, choice: str, text: str | None) -> Decision:
    return Decision(
        spot=item.spot,
        suggestion=item.suggestion,
        kind=item.kind,
        flag=item.flag,
        confidence=item.confidence,
        decision=choice,  # type: ignore[arg-type]
        text=text,
        decided=now(),
    )


def _item(result: Result, record: Correction | Flag, spot: Spot) -> Item:
    flag = isinstance(record, Flag)
    suggestion = record.suggestion if isinstance(record, Flag) else record.replacement
    context, at = _context(result.original, record.start, record.end)
    return Item(spot, suggestion, record.kind, record.confidence, flag, context, at)


def _context(text: str, start: int, end: int) -> tuple[str, tuple[int, int]]:
    """The sentence around ``text[start:end]`` (on its line), cut to CONTEXT_CHARS a side."""
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    line_end = min(
        (i for i in (text.find("\n", end), text.find("\r", end)) if i >= 0), default=len(text)
    )
    s = line_start
    for m in _SENTENCE_BREAK.finditer(text, line_start, start):
        s = m.end()
    m = _SENTENCE_BREAK.search(text, end, line_end)
    e = m.start() if m else line_end
    s = max(s, start - CONTEXT_CHARS)
    e = min(e, end + CONTEXT_CHARS)
    prefix = "…" if s > line_start else ""
    suffix = "…" if e < line_end else ""
    context = prefix + text[s:e] + suffix
    return context, (len(prefix) + start - s, len(prefix) + end - s)


def _segments(original: str, p: Any) -> list[list[str]]:
    marks = [("c", c.start, c.end, c.replacement) for c in p.corrections]
    marks += [("f", f.start, f.end, f.suggestion) for f in p.flags]
    marks.sort(key=lambda m: m[1])
    out: list[list[str]] = []
    pos = 0
    for kind, s, e, new in marks:
        if s < pos:
            continue
        if s > pos:
            out.append(["same", original[pos:s]])
        if kind == "c":
            out.append(["del", original[s:e]])
            out.append(["ins", new])
        else:
            out.append(["flag", original[s:e], new])
        pos = e
    if pos < len(original):
        out.append(["same", original[pos:]])
    return out


def _add_to_user_dictionary(word: str) -> object:
    from ..userdict import add_terms

    return add_terms([word])
