"""The decision: for each word, keep, correct, flag, or report as unknown.

Each suspicious word is a noisy-channel contest between hypotheses scored in log10:

    score(c) = log P(c)                 prior: word frequency (domain terms get a floor)
             + log P(typed | c)         error model: keyboard.channel
             + context(prev, c, next)   bigram evidence: context.bonus

The typed word itself competes as "keep" with its own prior (a rare word's frequency, or a
fixed small probability for a word no list knows).  The winner's posterior among all
hypotheses is its confidence; below ``min_confidence`` it is only flagged.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import partial

from . import candidates, casing, cleanlex, context, contextfix, errormodel, fastpath, segment
from .keyboard import P_ADJACENT_SUB, P_NO_ERROR, channel, stray_shift
from .lexicon import (
    COMMON,
    CORE,
    DOMAIN,
    N_TOTAL,
    RARE,
    TAIL,
    USER,
    Lexicon,
    WordInfo,
    open_lexicon,
    sound_code,
)
from .records import Correction, Flag, Kind, Result, Unknown, apply_corrections
from .tokenize import (
    Token,
    apply_case,
    case_shape,
    normalize_apostrophes,
    split_contraction,
)

_ASCII_WORD = re.compile(r"^[A-Za-z]+$")
# what stands between a sentence's end and the next word: its stop, closing quotes or
# brackets, spaces; or a line break (a new paragraph, a heading, an item)
_SENTENCE_END = re.compile(r"[.!?:…][\"'”’)\]]*\s*$|\n\s*$")
_LINK_GAP = re.compile(r"^[ \t]+$")


@dataclass(frozen=True)
class Settings:
    """Every knob of the decision, in one immutable place (override with ``replace``).

    Scores are log10 probabilities; the defaults were tuned on the sample thread and on
    garbled copies of it and of general prose, and checked on held-out text.  The main
    weights are searched by ``bench/fit_settings.py`` on declared development data (it
    prints the values it would choose, and the held-out figures beside the dev ones).
    Every value is checked when a Settings is made (:meth:`__post_init__`): probabilities
    and costs have the right sign, counts and weights are not negative, and the
    thresholds are in order (``0 <= flag_confidence <= min_confidence <= 1``); a bad value
    raises ``ValueError`` naming the field, never a silent default.

    The keyboard error model's edit costs (``keyboard.P_*``) and the cap on context
    evidence (``context.MAX_BONUS``) live with those models.
    """

    # the decision
    min_confidence: float = 0.6  # apply a correction at or above this posterior
    flag_confidence: float = 0.3  # below min_confidence but at least this: flag it
    # priors of keeping a word as typed
    unknown_lower: float = -9.3  # an unknown lowercase word is right
    unknown_title: float = -8.3  # ... a capitalised one (names are often missing)
    unknown_upper: float = -8.5  # ... an all-caps one longer than an acronym
    long_word_penalty: float = 0.4  # ... less likely per letter beyond long_word_length
    long_word_length: int = 6
    rare_floor: float = 100.0  # count floor for a SCOWL-"huge" word kept as right
    case_mismatch_cost: float = -1.0  # "zn" typed for the symbol Zn: rarely meant
    short_word_count: float = 10**3.0  # a rarer word this short may be a slip ...
    short_word_length: int = 3  # ... (letters)
    affix_cost: float = -2.0  # a known word takes a suffix SCOWL lacks (it lists most)
    prefix_cost: float = -1.6  # ... or a prefix (un-, non-, re-, counter-)
    known_misspelling_keep: float = -1.0  # a published misspelling is rarely meant
    # the clean lexicon (normalize/cleanlex.py): a rare listed word one edit from a far
    # more frequent word is contested (heathy, medias); being listed still counts for it
    doubtful_max_count: float = 80.0  # rarer than this (per billion words) ...
    doubtful_ratio: float = 100.0  # ... with a neighbour this many times more frequent
    doubtful_min_length: int = 4  # shorter words have too many neighbours to doubt
    doubtful_context_max_count: float = 1000.0  # rarer than this, with such a neighbour:
    doubtful_context_margin: float = 2.0  # contested where the trigram model's lift of
    # that neighbour beats the typed word's by this (log10): "the social medias are"
    core_keep_bonus: float = 1.5  # log10 credit of a contested word for being listed
    max_acronym: int = 5  # all-caps words up to this length are acronyms: never touched
    # priors of candidates
    domain_boost: float = 0.5  # weight of a term the domain dictionaries list
    unknown_prior: float = -12.0  # log10 P(a word no list knows), as a candidate
    # the error model beyond keyboard.channel
    extra_edit_cost: float = -0.8  # each edit beyond the first is rarer than the first
    known_misspelling_cost: float = -1.2  # P(a published misspelling | its fix)
    sound_alike_cost: float = -3.8  # P(a spelling by ear | the word)
    far_sound_min_length: int = 7  # words this long also get sound-alikes beyond 2 edits
    far_sound_cost: float = -1.0  # ... less likely per edit between the phonetic keys
    far_sound_limit: int = 12  # ... the nearest and most frequent this many
    sound_alike_edit_share: float = 0.5  # share of extra_edit_cost per edit by ear
    known_misspelling_fix_cost: float = -0.3  # per further fix the published list gives
    stray_shift_cost: float = -1.4  # P(a lowercase slip among capitals: zNuland)
    split_cost: float = -2.0  # P(a lost or mistyped space: isbreally)
    merge_cost: float = -2.3  # P(a stray space inside a word: agree ment)
    min_split_part: float = 10**2.5  # a run-on word's short parts must be this common
    split_margin: float = 1.0  # a split must beat the best one-word fix by this, in context
    split_lm_margin: float = 0.0  # ... and, with the trigram model's reading of each in
    # place added, beat it less this (log10): "he low as encourages" is no split of lowas
    # the fitted error model (normalize/errormodel.py, fitted by bench/fit_errormodel.py):
    # a candidate's channel is the keyboard slip or the fitted edit, whichever is likelier
    error_model: bool = True  # use the fitted edits at all
    error_model_path: str | None = None  # a table of fitted edits; None = the shipped one
    error_model_offset: float = 0.5  # log10 P(edit) scale; chosen on Norvig set 1 (dev)
    error_model_floor: float = -4.0  # log10 P of an edit the fitted table lacks
    error_model_min_length: int = 4  # shorter words: keyboard slips only (nul is not null)
    fitted_confidence_margin: float = 0.2  # a fix the fitted model made needs this much more
    # confidence (fitted on real misspellings in running text: bench/fit_settings.py; a
    # slip of the mind is a bolder guess than a slip of the hand: 'libery' is flagged)
    fitted_margin_slip: float = -2.0  # ... unless a keyboard slip at least this likely
    # (log10) explains the typo as well: a neighbouring key, a letter doubled or one of a
    # double dropped (-1.8 to -2.0), or two letters swapped; a vowel for a vowel is not
    # context
    # the calibration (bench/fit_calibration.py): in running text a fix is applied only
    # when the fitted chance that it is right reaches calibrated_min, else flagged; a lone
    # lowercase word (no neighbours) is a query and gets the best guess.  A logistic model of the
    # decision's features (Corrector._features), fitted on the dev parts of
    # bench/realtext, the sample, bench/context dev and dev3 and bench/technical dev
    calibrated_min: float = 0.5  # 0 = off
    calibration_bias: float = 0.161
    calibration_confidence: float = 0.704  # per unit of log10 odds of the posterior
    calibration_short: float = 0.278  # a word of three letters or fewer
    calibration_distance: float = -0.388  # per edit between the typed word and the fix
    calibration_fitted: float = -0.093  # the fitted model (a slip of the mind) made the case
    calibration_slip: float = 0.022  # one slip of the hand explains the typo
    calibration_split: float = 0.575  # a run-on split
    calibration_unknown: float = 0.567  # no list knows the typed word
    calibration_lm: float = 0.995  # per log10 the trigram model prefers the fix to a rival
    calibration_lm_span: float = 4.0  # ... among candidates within this of it (log10)
    calibration_lm_typed: bool = True  # ... and the typed word, when a listed word
    lm_spelling_weight: float = 0.75  # a non-word's close candidates: weight of the trigram
    # model's reading of each in place (Corrector._lm_spelling); 0 = off
    lm_spelling_span: float = 2.0  # ... "close": within this of the best (log10)
    lm_spelling_max: float = 0.5  # ... at most this much taken from one (log10)
    calibration_max_length: int = 4  # only words this short are gated (longer garbles
    # are mostly slips of the hand that the rest of the decision gets right)
    context_weight: float = 1.0  # weight of the bigram evidence
    # real-word slips (bur -> but): only with unmistakable context
    realword: bool = True
    realword_cost: float = -1.5  # P(a slip that happens to make another word)
    realword_margin: float = 1.0  # the fix must beat keeping the word by this
    realword_ratio: float = 20.0  # the intended word must be this much more frequent
    realword_max_count: float = 10**4.5  # ... and the typed word no everyday word
    realword_max_channel: float = -2.5  # only a cheap slip (a neighbouring key) counts
    # context decisions by the language model (normalize/lm.py, normalize/confusables.py)
    context_lm: bool = True  # restore apostrophes and decide confusion sets by the model
    apostrophe_cost: float = -1.0  # log10 P(an apostrophe left out | the contraction)
    its_cost: float = -1.6  # ... for its/it's, where the model is least sure of itself
    confusion_cost: float = -1.5  # log10 P(a word of a confusion set typed for another)
    confusion_cost_both: float = -1.2  # ... when known words on both sides give evidence
    casing: bool = True  # i -> I, day and month names, canonical names, WHat -> What
    keep_only_cost: float = -0.5  # a keep-only term offered as a correction: rarely meant
    lm_weight: float = 0.5  # close candidates for a garble: weight of the model's verdict
    lm_rerank_margin: float = 1.0  # ... "close": within this of the best (log10)
    lm_max_penalty: float = 2.0  # ... at most this much taken from a rival
    lm_decisive: float = 2.0  # ... and only when the model prefers the leader by this
    lm_known_word_gain: float = 4.0  # a known word changed into another between two words
    # the model knows: the change must read this much better (log10), else it is flagged
    variant_margin: float = 1.0  # a garble this close to an older spelling and the current
    # one (Kiyv: Kiev, Kyiv) goes to the current one (normalize/data/spellings.txt)
    name_case_bonus: float = 1.5  # a capital mid-sentence says "a name": names gain this
    case_slip_min_count: float = 10**4.0  # WHat -> What only for words this common
    # (per billion): a rarer word typed with two capitals is a name (GLib, not Glib)
    name_min_count: float = 10**4.0  # a name no domain dictionary lists is capitalised
    # when typed lowercase only if it is at least this common (christmas, not sid)
    realword_min_context: float = 0.3  # each neighbour must vouch for the fix by more
    realword_max_length: int = 6  # longer words are not taken for real-word slips
    # search effort
    max_rounds: int = 4  # re-decide the neighbours of corrected words until stable
    skip_distance2_margin: float = 3.0  # no two-edit search when one edit wins by this
    # (fitted: bench/fit_settings.py; 2.0 before: a frequent word two edits away, "my
    # father" for "my farthar", was never looked for beside a rarer one at one edit)
    max_candidates: int = 16  # rank only the most promising candidates in full
    far_rival_min_count: float = 10**5.5  # a three-letter word also hears the words two
    # edits away that are at least this common (wif: with), lest its confidence inflate

    def __post_init__(self) -> None:
        for f in fields(self):
            v = getattr(self, f.name)
            if f.type in ("bool", bool):
                if not isinstance(v, bool):
                    raise ValueError(f"setting {f.name} must be true or false, not {v!r}")
                continue
            if f.name in _NOT_NUMBERS:
                if v is not None and not isinstance(v, str):
                    raise ValueError(f"setting {f.name} must be a path or None, not {v!r}")
                continue
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise ValueError(f"setting {f.name} must be a number, not {v!r}")
            if f.type in ("int", int) and not isinstance(v, int):
                raise ValueError(f"setting {f.name} must be a whole number, not {v!r}")
            if not math.isfinite(v):
                raise ValueError(f"setting {f.name} must be finite, not {v!r}")
            if f.name in _NEGATIVE and v > 0:
                raise ValueError(f"setting {f.name} is a log10 probability or cost: <= 0")
            if f.name not in _NEGATIVE and f.name not in _ANY_SIGN and v < 0:
                raise ValueError(f"setting {f.name} must not be negative")
        # min_confidence above 1 is allowed: no correction is applied, every one flagged
        if not 0.0 <= self.flag_confidence <= min(self.min_confidence, 1.0):
            raise ValueError(
                "settings must satisfy 0 <= flag_confidence <= min_confidence, "
                "flag_confidence <= 1 "
                f"(flag_confidence={self.flag_confidence}, min_confidence={self.min_confidence})"
            )
        for name in ("max_rounds", "max_candidates"):
            if getattr(self, name) < 1:
                raise ValueError(f"setting {name} must be at least 1")
        if self.realword_ratio < 1:
            raise ValueError("setting realword_ratio must be at least 1")
        if self.unknown_lower < self.unknown_prior:
            raise ValueError("setting unknown_lower must not be below unknown_prior")


# log10 probabilities and costs: never positive (every other number is never negative)
_NEGATIVE = frozenset(
    {
        "unknown_lower",
        "unknown_title",
        "unknown_upper",
        "case_mismatch_cost",
        "affix_cost",
        "prefix_cost",
        "known_misspelling_keep",
        "unknown_prior",
        "extra_edit_cost",
        "known_misspelling_cost",
        "sound_alike_cost",
        "known_misspelling_fix_cost",
        "stray_shift_cost",
        "split_cost",
        "merge_cost",
        "realword_cost",
        "realword_max_channel",
        "far_sound_cost",
        "fitted_margin_slip",
        "error_model_floor",
        "apostrophe_cost",
        "its_cost",
        "confusion_cost",
        "confusion_cost_both",
        "keep_only_cost",
    }
)
# the calibration's weights, in the order of Corrector._features (either sign)
CALIBRATION = (
    "calibration_confidence",
    "calibration_short",
    "calibration_distance",
    "calibration_fitted",
    "calibration_slip",
    "calibration_split",
    "calibration_unknown",
    "calibration_lm",
)
_ANY_SIGN = frozenset({*CALIBRATION, "calibration_bias"})
# settings that are not numbers (a path or None)
_NOT_NUMBERS = frozenset({"error_model_path"})


@dataclass(slots=True)
class _Decision:
    """What was decided for one word (or one merged pair)."""

    corrections: list[Correction] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    unknown: list[Unknown] = field(default_factory=list)
    # what the context decisions need: the language model's window, and the text with
    # its paragraph styles (read only when a casing or apostrophe decision needs them)
    left: tuple[str, ...] = ()
    right: tuple[str, ...] = ()
    text: str = ""
    styles: casing.ParagraphStyles | None = None
    window: Callable[[], tuple[tuple[str, ...], tuple[str, ...]]] | None = None  # lazily


_WINDOWED = _Decision()  # marks a memo key whose decision reads the model's window


@dataclass(frozen=True, slots=True)
class _Hyp:
    text: str  # lowercase replacement ("" = keep)
    score: float
    kind: Kind
    detail: str
    context: float = 0.0  # the part of ``score`` that the neighbours gave
    fitted: bool = False  # the fitted error model, not a keyboard slip, made the case
    slip: bool = False  # ... though one slip of the hand explains the typo as well


class Corrector:
    """Correct text against a lexicon; see :meth:`load` and :meth:`correct`."""

    def __init__(self, lexicon: Lexicon, settings: Settings | None = None) -> None:
        self.lexicon = lexicon
        self.settings = settings or Settings()
        # The decision memo: what depends on the settings is remembered here, per
        # Corrector, and forgotten when its settings are replaced (the lexicon keeps only
        # what depends on the lexicon alone: candidates, bigram evidence).
        self._memo: dict[str, bool] = {}
        self._decisions: dict[tuple, _Decision] = {}
        self._memo_settings: Settings | None = None
        self._trace: list | None = None  # bench/fit_settings.py: the decisions' features

    def _fresh_memo(self) -> None:
        """Forget every remembered decision when the settings were replaced."""
        if self._memo_settings is not self.settings:
            self._memo.clear()
            self._decisions.clear()
            self._memo_settings = self.settings

    @classmethod
    def load(
        cls,
        dictionaries: Sequence[str] = ("geopolitics",),
        extra: Sequence[str] = (),
        user: bool = True,
        min_confidence: float | None = None,
        **settings: object,
    ) -> Corrector:
        """Open the cached index (built on first use) for these dictionaries.

        ``dictionaries`` are shipped dictionary names or paths; ``extra`` paths and, with
        ``user=True``, the user's own dictionaries are layered on top.
        """
        names = [d for d in dictionaries if not _looks_like_path(d)]
        paths = [d for d in dictionaries if _looks_like_path(d)] + list(extra)
        s = Settings()
        if min_confidence is not None:
            if not 0.0 <= min_confidence <= 1.0:  # Settings allows more (flag everything)
                raise ValueError("min_confidence must be between 0 and 1")
            settings["min_confidence"] = min_confidence
        unknown_names = set(settings) - set(Settings.__dataclass_fields__)
        if unknown_names:
            raise TypeError(f"unknown setting(s): {', '.join(sorted(unknown_names))}")
        if min_confidence is not None and "flag_confidence" not in settings:
            # a threshold below the flag threshold: nothing is only flagged (as before)
            settings["flag_confidence"] = min(s.flag_confidence, min_confidence)
        if settings:
            s = replace(s, **settings)  # type: ignore[arg-type]
        return cls(open_lexicon(names, paths, user=user), s)

    # ------------------------------------------------------------------ public API
    def correct(
        self, text: str, source: str | None = None, *, styles: casing.ParagraphStyles | None = None
    ) -> Result:
        """Correct ``text``; everything outside the corrected spans comes back unchanged.

        Words are decided left to right with their neighbours as context.  A word next
        to one that was corrected is decided again with the corrected neighbour ("Duing
        ths" → "Duing the" → "Doing the"), until nothing changes: the result is a fixed
        point, so correcting the corrected text changes nothing.
        """
        if (
            fastpath.is_plain_text(text)
            and all(map(self._is_plain, fastpath.WORD_RE.findall(text)))
            and not contextfix.any_forced(text)  # "could of done": plain words, not right
        ):
            # the common case: no protected token and every word plainly right
            return Result(
                original=text, text=text, corrections=(), flags=(), unknown=(), source=source
            )
        tokens = fastpath.tokenize(text)  # = list(tokenize(text)), sooner
        words = [i for i, t in enumerate(tokens) if t.kind == "word"]
        order = {ti: n for n, ti in enumerate(words)}
        decided: dict[int, _Decision] = {}
        replaced: dict[int, str] = {}  # token -> the text that now stands for it
        # ``styles``: when ``text`` is a window of a longer line (normalize/stream.py),
        # the case styles of the line's paragraphs, as ``ParagraphStyles(line)`` would see
        # them from the window's positions
        styles = casing.ParagraphStyles(text) if styles is None else styles
        todo = words
        forced = contextfix.forced_words(text, tokens)  # plain words context may change
        for round_ in range(self.settings.max_rounds):
            fresh: list[int] = []
            for ti in todo:
                if ti in replaced or (ti not in forced and self._is_plain(tokens[ti].text)):
                    continue  # the common case: a right word that no context could change
                n = order[ti]
                prev_i = words[n - 1] if n > 0 else None
                next_i = words[n + 1] if n + 1 < len(words) else None
                d = _Decision()
                merged = None
                if round_ == 0:
                    if next_i is not None and next_i not in replaced:
                        merged = self._try_merge(tokens, ti, next_i)
                    if merged is None and prev_i is not None and prev_i not in replaced:
                        merged = self._try_merge(tokens, prev_i, ti)
                if merged is not None:
                    d.corrections.append(merged)
                    pair = (ti, next_i) if merged.start == tokens[ti].start else (prev_i, ti)
                    for i in pair:
                        replaced[i] = merged.replacement  # type: ignore[index]
                        decided.pop(i, None)  # type: ignore[arg-type]
                    decided[pair[0]] = d  # type: ignore[index]
                    fresh.extend(pair)  # type: ignore[arg-type]
                    continue
                prev = self._neighbour(tokens, prev_i, ti, replaced)
                nxt = self._neighbour(tokens, ti, next_i, replaced, after=True)
                sentence_start = prev_i is None or bool(
                    _SENTENCE_END.search(text[tokens[prev_i].end : tokens[ti].start])
                )
                if (
                    contextfix.needs_window(tokens[ti].text)
                    or ti in forced
                    or self._doubted(tokens[ti].text)
                ):
                    d.left, d.right = context.window(tokens, words, n, replaced)
                elif self.settings.context_lm:  # computed only if a decision asks for it
                    d.window = partial(context.window, tokens, words, n, replaced)
                d.text, d.styles = text, styles
                self._decide_memo(tokens[ti], prev, nxt, sentence_start, d)
                decided[ti] = d
                if d.corrections:
                    replaced[ti] = d.corrections[0].replacement
                    fresh.append(ti)
            if not fresh:
                break
            around = {
                words[order[i] + k]
                for i in fresh
                for k in (-2, -1, 1, 2)  # a word two away reads it in its model window
                if 0 <= order[i] + k < len(words)
            }
            todo = sorted(i for i in around if i not in replaced)
        corrections = sorted(
            (c for d in decided.values() for c in d.corrections), key=lambda c: c.start
        )
        flags = sorted((f for d in decided.values() for f in d.flags), key=lambda f: f.start)
        unknown = sorted((u for d in decided.values() for u in d.unknown), key=lambda u: u.start)
        return Result(
            original=text,
            text=apply_corrections(text, corrections),
            corrections=tuple(corrections),
            flags=tuple(flags),
            unknown=tuple(unknown),
            source=source,
        )

    # ------------------------------------------------------------------ helpers
    def _decide_memo(
        self, tok: Token, prev: str, nxt: str, sentence_start: bool, out: _Decision
    ) -> None:
        """:meth:`_decide`, remembered by everything it depends on (the word, its
        neighbours, a sentence start, the paragraph's case style, whether it stands
        alone) and moved to where the word stands.  Words whose answer depends on more
        (the language model's window, casing by the characters around, a capital
        mid-sentence) are decided afresh."""
        self._fresh_memo()
        word = tok.text
        if (
            case_shape(word) == "title"
            or contextfix.needs_window(word)
            or self._context_may_change(word)
            or self._doubted(word)  # the clean lexicon's second tier reads the window
            or out.left
            or out.right
        ):
            self._decide(tok, prev, nxt, sentence_start, out)
            return
        style = out.styles.at(tok.start) if out.styles is not None else None
        key = (word, prev, nxt, sentence_start, style, _running(out, word))
        at = tok.start
        d = self._decisions.get(key)
        if d is _WINDOWED:  # this decision reads the model's window: never remembered
            self._decide(tok, prev, nxt, sentence_start, out)
            return
        if d is None:
            fresh = _Decision(text=out.text, styles=out.styles, window=out.window)
            self._decide(tok, prev, nxt, sentence_start, fresh)
            if out.window is not None and fresh.window is None:
                self._decisions[key] = _WINDOWED  # (what comes before the window's use
                out.corrections.extend(fresh.corrections)  # depends on the key alone)
                out.flags.extend(fresh.flags)
                out.unknown.extend(fresh.unknown)
                return
            d = _Decision(
                [replace(c, start=c.start - at, end=c.end - at) for c in fresh.corrections],
                [replace(f, start=f.start - at, end=f.end - at) for f in fresh.flags],
                [replace(u, start=u.start - at, end=u.end - at) for u in fresh.unknown],
            )
            if len(self._decisions) > 20_000:
                self._decisions.clear()
            self._decisions[key] = d
            out.corrections.extend(fresh.corrections)
            out.flags.extend(fresh.flags)
            out.unknown.extend(fresh.unknown)
            return
        out.corrections.extend(
            replace(c, start=c.start + at, end=c.end + at) for c in d.corrections
        )
        out.flags.extend(replace(f, start=f.start + at, end=f.end + at) for f in d.flags)
        out.unknown.extend(replace(u, start=u.start + at, end=u.end + at) for u in d.unknown)

    def _neighbour(
        self,
        tokens: list[Token],
        a: int | None,
        b: int | None,
        replaced: dict[int, str],
        after: bool = False,
    ) -> str:
        """The neighbouring word (lowercase, as corrected so far) when only a space
        separates it, else ""."""
        if a is None or b is None:
            return ""
        gap = "".join(t.text for t in tokens[a + 1 : b])
        if not _LINK_GAP.match(gap):
            return ""
        i = b if after else a
        if i in replaced:
            parts = replaced[i].split()
            other = parts[0] if after else parts[-1]
        else:
            other = tokens[i].text
        base, _ = split_contraction(other)
        return normalize_apostrophes(base).lower()

    def _prior(self, info: WordInfo | None) -> float:
        """log10 P(word): its frequency, raised for terms of the dictionaries in use."""
        if info is None:
            return self.settings.unknown_prior
        boost = self.settings.domain_boost if info.listed else 0.0
        return math.log10(max(info.count, 1.0) / N_TOTAL) + boost

    def _is_plain(self, word: str) -> bool:
        """A word with nothing to decide whatever its neighbours (memoized per settings)."""
        if self._memo_settings is not self.settings:
            self._fresh_memo()
        memo = self._memo
        try:
            return memo[word]
        except KeyError:
            pass
        if len(memo) > 100_000:
            memo.clear()
        plain = memo[word] = self._is_plain_uncached(word)
        return plain

    def _is_plain_uncached(self, word: str) -> bool:
        s = self.settings
        if self._context_may_change(word):
            return False
        full = normalize_apostrophes(word)
        info = self.lexicon.info(full)
        if info is None or not info.trusted:
            base, _suffix = split_contraction(word)
            info = self.lexicon.info(base)
        else:
            base = word
        if len(base) < 2 or not _ASCII_WORD.match(base):
            return True
        shape = case_shape(base)
        if shape == "upper" and len(base) <= s.max_acronym:
            return True
        if info is None or shape == "mixed" or self._suspect(base, info):
            return False
        if self._rivals(base.lower(), info):
            return False  # an uncommon word that context may show to be a typo
        realword = (
            s.realword
            and shape != "upper"
            and len(base) <= s.realword_max_length
            and info.tier in (CORE, COMMON)
            and info.count <= s.realword_max_count
        )
        return not realword

    def _try_merge(self, tokens: list[Token], ti: int, next_i: int | None) -> Correction | None:
        """``agree ment`` → ``agreement``: merge when a part is unknown and the whole is not."""
        if next_i is None or next_i != ti + 2 or tokens[ti + 1].text != " ":
            return None
        a, b = tokens[ti].text, tokens[next_i].text
        if not (_ASCII_WORD.match(a) and _ASCII_WORD.match(b)):
            return None
        lex = self.lexicon
        ia, ib = lex.info(a), lex.info(b)
        weak = [i is None or i.tier in (TAIL, RARE, COMMON) for i in (ia, ib)]
        if not any(weak):  # two right words: "with out" (normalize/contextfix.py)
            return contextfix.try_compound(self, tokens, ti, next_i)
        whole = (a + b).lower()
        iw = lex.info(whole)
        if iw is None or not iw.trusted or iw.keep_only:
            return None
        s = self.settings
        merge = self._prior(iw) + s.merge_cost
        keep = self._keep_score(a, ia) + self._keep_score(b, ib)
        conf = _posterior([merge, keep])[0]
        if conf < s.min_confidence:
            return None
        replacement = self._cased(a + b, whole, iw)
        return Correction(
            tokens[ti].start,
            tokens[next_i].end,
            tokens[ti].text + " " + tokens[next_i].text,
            replacement,
            round(conf, 3),
            f"stray space: '{a} {b}' is the word '{replacement}'",
            "merge",
        )

    def _suspect(self, word: str, info: WordInfo) -> bool:
        """Whether a word the lexicon knows may still be a typo worth a contest."""
        if info.tier == RARE and self._regular_form(word.lower()):
            return False  # SCOWL "huge" lists it and it inflects a listed word: executables
        if info.tier in (TAIL, RARE, COMMON):
            return True
        if info.tier in (DOMAIN, USER) or info.keep_only:
            return False
        if case_shape(word) == "lower" and _case_mismatch(info):
            return True  # "zn" is not the element Zn, "ny" not NY
        s = self.settings
        if info.tier == CORE and cleanlex.doubtful(
            self.lexicon,
            word.lower(),
            info,
            s.doubtful_max_count,
            s.doubtful_ratio,
            s.doubtful_min_length,
        ):
            return True
        return len(word) <= s.short_word_length and info.count < s.short_word_count

    def _regular_form(self, key: str) -> bool:
        """Whether ``key`` is a regular inflection or agent noun of a word that SCOWL
        lists ("executables", "formatters", "licensors", "licensor")."""
        lex = self.lexicon
        for suffix, add in _REGULAR_FORMS:
            if key.endswith(suffix) and len(key) - len(suffix) >= 4:
                for stem in (key[: -len(suffix)] + a for a in add):
                    info = lex.info(stem)
                    if info is None or stem == key:
                        continue
                    # a plural of a listed word of either tier; other forms only of a
                    # core word that is not itself rare (not stope -> "stoped"), and not
                    # where English doubles the consonant ("stoped" is no form of stop)
                    if suffix in ("s", "es") and (
                        info.tier == CORE
                        or (info.tier == RARE and info.count >= self.settings.rare_floor)
                    ):
                        return True  # (not of a rare word itself typo-like: thig, thigs)
                    if (
                        info.tier == CORE
                        and info.count >= self.settings.rare_floor
                        and not (
                            suffix in ("ed", "ing")
                            and _CVC.search(stem)
                            and lex.info(stem + stem[-1] + suffix) is not None
                        )
                    ):
                        return True
        return False

    def _doubted(self, word: str) -> bool:
        """Whether a word is an uncommon listed word that context may show to be a typo."""
        key = word.lower()
        info = self.lexicon.info(key)
        return info is not None and bool(self._rivals(key, info))

    def _rivals(self, key: str, info: WordInfo) -> tuple[str, ...]:
        """Far more frequent neighbours of an uncommon listed word (clean lexicon, second
        tier: contested only where the context vouches for one of them)."""
        if info.tier != CORE:
            return ()
        s = self.settings
        return self.lexicon.memo(  # keyed by the settings it reads: the memo is shared
            ("rivals", key, s.doubtful_context_max_count, s.doubtful_ratio, s.doubtful_min_length),
            cleanlex.neighbours,
            self.lexicon,
            key,
            info,
            s.doubtful_context_max_count,
            s.doubtful_ratio,
            s.doubtful_min_length,
        )

    def _derived_score(self, key: str) -> float:
        """A word built from a known word and a productive affix (``noncommercially``,
        ``accessors``) is probably right: score it like its stem, less an affix cost."""
        best = -99.0
        lex = self.lexicon
        for prefix in _PREFIXES:
            if key.startswith(prefix) and len(key) - len(prefix) >= 4:
                rest = lex.info(key[len(prefix) :])
                if rest is not None and (rest.trusted or rest.tier == RARE):
                    best = max(best, self._prior(rest) + self.settings.prefix_cost)
        for suffix in _SUFFIXES:
            if key.endswith(suffix) and len(key) - len(suffix) >= 4:
                if suffix[0] in "aei" and key[-len(suffix) - 1] == "e":
                    continue  # English drops the stem's e: "voting", not "voteing"
                stem = lex.info(key[: -len(suffix)])
                if stem is not None and (stem.trusted or stem.tier == RARE):
                    best = max(best, self._prior(stem) + self.settings.affix_cost)
        return best

    def _keep_score(self, word: str, info: WordInfo | None) -> float:
        s = self.settings
        if info is None:
            shape = case_shape(word)
            longer = max(0, len(word) - s.long_word_length) * s.long_word_penalty
            if shape == "title":
                return s.unknown_title - longer
            if shape == "upper":
                return s.unknown_upper - longer
            return s.unknown_lower - longer
        count = info.count
        if info.tier == RARE or info.trusted:
            count = max(count, s.rare_floor)
        return math.log10(max(count, 1.0) / N_TOTAL) + P_NO_ERROR

    def _cased(self, typed: str, cand: str, info: WordInfo | None) -> str:
        """Casing follows the typed word unless the dictionary has a canonical form."""
        shape = case_shape(typed)
        if shape == "mixed":
            fixed = stray_shift(typed)
            shape = case_shape(fixed) if fixed else "lower"
        canon = info.canonical() if info else None
        if canon is not None:
            if shape == "upper" and len(cand) > 1:
                return canon.upper()
            return canon
        if " " in cand:
            first, rest = cand.split(" ", 1)
            return apply_case(shape, first) + " " + (rest.upper() if shape == "upper" else rest)
        return apply_case(shape, cand)

    def _decide(
        self,
        tok: Token,
        prev: str,
        nxt: str,
        sentence_start: bool,
        out: _Decision,
        depth: int = 0,
    ) -> None:
        s = self.settings
        lex = self.lexicon
        corrections, flags, unknown = out.corrections, out.flags, out.unknown
        if depth == 0 and self._context_fix(tok, out):
            return
        full = normalize_apostrophes(tok.text)
        info_full = lex.info(full)
        base, suffix = split_contraction(tok.text)
        if info_full is not None and info_full.trusted:
            base, suffix = tok.text, ""
        if len(base) < 2 or not _ASCII_WORD.match(base):
            return
        shape = case_shape(base)
        if shape == "upper" and len(base) <= s.max_acronym:
            return  # an acronym: never touched
        key = base.lower()
        info = lex.info(key) if suffix else (info_full or lex.info(key))
        stray = None
        if shape == "mixed" and (info is None or info.tier == TAIL):
            stray = stray_shift(base)  # iPad, eBay are known as typed: never "slips"
        if shape == "mixed" and stray is None:
            return  # camel-case names and brands (McFaul, iPhone) are left alone
        if (
            info is not None
            and stray is None
            and not self._suspect(base, info)
            and not cleanlex.vouched(
                key, self._rivals(key, info), out.left, out.right, s.doubtful_context_margin
            )
        ):
            if s.realword and info.tier in (CORE, COMMON) and shape != "upper":
                self._realword(tok, base, key, info, prev, nxt, corrections)
                if not corrections:  # the language model's turn (normalize/contextfix.py)
                    contextfix.lm_realword(self, tok, base, key, info, out)
                if corrections and not self._context_allows(
                    key, corrections[-1].replacement.lower(), out
                ):  # "beans and chard in": a right word, only flagged
                    c = corrections.pop()
                    flags.append(
                        Flag(
                            c.start,
                            c.end,
                            c.original,
                            c.replacement,
                            c.confidence,
                            c.reason,
                            c.kind,
                        )
                    )
            return

        keep = self._keep_hypothesis(base, key, info, shape, sentence_start, prev, nxt)
        hyps = [keep]
        if stray is not None:
            si = lex.info(stray)
            if si is not None and si.trusted and not si.keep_only:
                sc = self._prior(si) + s.stray_shift_cost
                sc += context.bonus(lex, prev, stray.lower(), nxt) * s.context_weight
                hyps.append(_Hyp(stray.lower(), sc, "spelling", "stray key before a capital"))
        known_fixes = lex.misspelling_fixes(key)
        if known_fixes:
            hyps[0] = replace(keep, score=keep.score + s.known_misspelling_keep)
        hyps.extend(self._spellings(key, hyps[0].score, known_fixes, prev, nxt))
        if len(key) >= 4:
            close: list[_Hyp] = []
            splits = segment.safe_splits(
                self._splits(key, prev, nxt),
                hyps,
                s.split_margin,
                lambda part, before, after: self._changes(part, before, after, depth),
                prev,
                nxt,
                close if depth == 0 else None,
            )
            if splits and depth == 0:
                splits = [h for h in splits if self._split_reads(h, hyps, out)]
            # ahead, but within the margin ("was abit cold": about?): taken only when the
            # trigram model's reading puts it the whole margin ahead ("was a bit cold")
            splits += [h for h in close if self._split_reads(h, hyps, out, s.split_margin)]
            hyps.extend(splits)
        if info is None:
            hyps.extend(self._keep_only_candidates(key, prev, nxt))
        if shape == "title" and s.name_case_bonus:
            hyps = self._name_case(tok, out, hyps)
        if info is None and depth == 0 and s.lm_spelling_weight:
            # a non-word only: among a listed word's candidates the model's favourite
            # would gain enough to replace a right word ("modifications and accessors")
            hyps = self._lm_spelling(hyps, out)
        hyps = self._lm_rerank(out, hyps)
        hyps = self._prefer_spellings(hyps)
        post = _posterior([h.score for h in hyps])
        best = max(range(len(hyps)), key=lambda i: hyps[i].score)
        h, conf = hyps[best], post[best]
        start, end = tok.start, tok.start + len(base)
        need = s.min_confidence
        if h.fitted and not h.slip and _running(out, base):
            # a slip of the mind is a bolder guess than a slip of the hand (in running
            # text; a lone lowercase word, a query, gets the best guess)
            need = max(need, min(0.99, need + s.fitted_confidence_margin))
        if h.text and conf >= need and info is not None and info.trusted:
            if not self._context_allows(key, h.text, out):
                need = 1.01  # a right word made another: only flagged (hob -> job?)
        if (
            h.text
            and conf >= need
            and shape == "title"
            and self._known_name(tok, key, info, h, out)
        ):
            need = 1.01  # Haaland -> Thailand, Foden -> Cohen: a name made another, flagged
        if h.text and conf >= need and len(key) <= 4 and _compound_part(out.text, tok):
            need = 1.01  # add-ons, cv-qualifiers, pinentry-fltk: a short part, flagged
        if (
            h.text
            and conf >= need
            and depth == 0
            and s.calibrated_min > 0
            and len(key) <= s.calibration_max_length
            and _running(out, base)
        ):
            # in running text, the calibrated chance that the fix is right decides
            features = self._features(key, h, conf, hyps, info, out)
            if self._trace is not None:
                self._trace.append((tok.start, key, h.text, features))
            if self._calibrated(features) < s.calibrated_min:
                need = 1.01  # likelier wrong than the text can afford: only flagged
        if h.text and conf >= need:
            replacement = self._cased(base, h.text, lex.info(h.text))
            if replacement == "i" and s.casing:
                replacement = "I"  # the pronoun, as casing would make it next time: "iu"
            reason = f"{h.detail}; confidence {conf:.2f}"
            settled = self._settle(replacement, prev, nxt, sentence_start, depth)
            if settled is not None:  # the fix would itself be fixed: take the last word
                replacement = settled.replacement
                conf = min(conf, settled.confidence)
                reason = f"{reason}; then {settled.reason}"
            corrections.append(
                Correction(start, end, base, replacement, round(conf, 3), reason, h.kind)
            )
            return
        if h.text and conf >= s.flag_confidence:
            replacement = self._cased(base, h.text, lex.info(h.text))
            reason = f"{h.detail}; confidence {conf:.2f}"
            flags.append(Flag(start, end, base, replacement, round(conf, 3), reason, h.kind))
        if info is None:
            unknown.append(Unknown(start, end, base))

    def _features(
        self,
        key: str,
        h: _Hyp,
        conf: float,
        hyps: list[_Hyp],
        info: WordInfo | None,
        out: _Decision,
    ) -> tuple[float, ...]:
        """What the calibration reads of a decision to change ``key`` into ``h.text``
        (the order of ``CALIBRATION``): the posterior as log10 odds, whether the word is
        three letters or fewer (not four), the edits between them, whether the
        fitted model (a slip of the mind) rather than the keyboard made the case, whether
        one slip of the hand explains it, whether it is a split, whether no list knows the
        word, and how much better the trigram model reads the fix than its best rival
        (:meth:`_lm_gap`)."""
        s = self.settings
        odds = math.log10(max(conf, 1e-6) / max(1.0 - conf, 1e-6))
        dist = 1 if " " in h.text else _distance(key, h.text)
        return (
            min(odds, 6.0),
            float(len(key) <= 3),
            float(dist),
            float(h.fitted),
            float(h.slip),
            float(h.kind == "runon"),
            float(info is None),
            self._lm_gap(h, hyps, out, key if info is not None and s.calibration_lm_typed else ""),
        )

    def _calibrated(self, features: tuple[float, ...]) -> float:
        """P(the fix is right) by the fitted logistic calibration (``Settings``
        ``calibration_*``, fitted by ``bench/fit_calibration.py``)."""
        s = self.settings
        z = s.calibration_bias + sum(
            getattr(s, name) * x for name, x in zip(CALIBRATION, features, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def _lm_spelling(self, hyps: list[_Hyp], out: _Decision) -> list[_Hyp]:
        """Candidates for a non-word within ``lm_spelling_span`` of the best, told apart by
        the trigram model too: each loses ``lm_spelling_weight`` times how much worse the
        model reads it in this place than the model's favourite among them, at most
        ``lm_spelling_max`` ("the plants twis a week": twice).  The typed word's own
        hypothesis is untouched."""
        s = self.settings
        cands = [i for i, h in enumerate(hyps) if h.text and " " not in h.text]
        if len(cands) < 2:
            return hyps
        top = max(hyps[i].score for i in cands)
        close = [i for i in cands if hyps[i].score >= top - s.lm_spelling_span]
        if len(close) < 2:
            return hyps
        from . import lm as lm_module

        model = lm_module.get()
        if model is None:
            return hyps
        left, right = contextfix.lm_window(out)
        if not contextfix.known_beside(model, left, right):
            return hyps  # no word the model knows beside it: nothing to read
        if not all(model.knows(hyps[i].text) for i in close):
            return hyps
        reads = {
            i: self.lexicon.memo(
                ("lmw", left, hyps[i].text, right), model.window, left, (hyps[i].text,), right
            )
            for i in close
        }
        best = max(reads.values())
        result = list(hyps)
        for i, v in reads.items():
            if v < best:
                loss = min(s.lm_spelling_max, s.lm_spelling_weight * (best - v))
                result[i] = replace(hyps[i], score=hyps[i].score - loss)
        return result

    def _split_reads(
        self, split: _Hyp, hyps: list[_Hyp], out: _Decision, ahead: float = 0.0
    ) -> bool:
        """Whether a split, its score and the trigram model's reading of it in place
        added, is at least as likely (less ``split_lm_margin``) as each one-word
        candidate within ``calibration_lm_span`` of it read the same way: "he low as
        encourages" loses to "he loves encourages"; "one of the best" beats "one other
        best".  True without a model, a one-word rival or a known word beside it."""
        s = self.settings
        rivals = [
            h
            for h in hyps
            if h.text
            and " " not in h.text
            and h.text not in split.text.split(" ")  # "within" for "withina": no rival
            and h.score >= split.score - s.calibration_lm_span
        ]
        unread = not ahead  # with ``ahead``, a split the model cannot read is not taken
        if not rivals:
            return unread
        from . import lm as lm_module

        model = lm_module.get()
        if model is None:
            return unread
        left, right = contextfix.lm_window(out)
        if not contextfix.known_beside(model, left, right):
            return unread
        words = tuple(split.text.split(" "))
        if not all(model.knows(w) for w in (*words, *(h.text for h in rivals))):
            return unread
        mine = self.lexicon.memo(("lmw", left, words, right), model.window, left, words, right)
        best = max(
            h.score
            + self.lexicon.memo(("lmw", left, h.text, right), model.window, left, (h.text,), right)
            for h in rivals
        )
        if ahead:
            return split.score + mine >= best + ahead
        return split.score + mine >= best - s.split_lm_margin

    def _lm_gap(self, h: _Hyp, hyps: list[_Hyp], out: _Decision, typed: str = "") -> float:
        """How much better (log10, within +-4) the trigram model reads the leader than
        its best rival among the one-word candidates within ``calibration_lm_span`` of it
        and ``typed``, the typed word when it is a word the model knows ("an awl" reads
        better than "an all"); 0 without a rival, a model or words on both sides."""
        s = self.settings
        if " " in h.text:
            return 0.0
        from . import lm as lm_module

        model = lm_module.get()
        if model is None:
            return 0.0
        rivals = [
            r.text
            for r in hyps
            if r.text
            and r.text != h.text
            and " " not in r.text
            and r.score >= h.score - s.calibration_lm_span
        ]
        if typed and typed != h.text and model.knows(typed):
            rivals.append(typed)
        if not rivals:
            return 0.0
        left, right = contextfix.lm_window(out)
        if not left or not right:
            return 0.0

        def read(w: str) -> float:
            return self.lexicon.memo(("lmw", left, w, right), model.window, left, (w,), right)

        gap = read(h.text) - max(read(r) for r in rivals)
        return max(-4.0, min(4.0, gap))

    def _known_name(
        self, tok: Token, key: str, info: WordInfo | None, h: _Hyp, out: _Decision
    ) -> bool:
        """Whether a capitalised word the long tail knows (a footballer, a brand, a town:
        Haaland, Foden, Peppa) must stay: the world's names fill the tail, so another
        word is only a guess; so is a capitalised word no dictionary knows (Sabella ->
        Isabella), made a name only if listed or a day or month (Ocober -> October).
        Mid-sentence, only a one-edit slip is taken (Evri is no Every), and into a
        name only when a domain or user dictionary lists it (Puttin -> Putin; not Oliva
        -> Olivia), and never split (a name is not two words); at a sentence start, where
        the capital says nothing, a slip into another name needs one edit."""
        if not out.text or h.text in _CALENDAR:
            return False  # days and months are written in every text (Munday -> Monday)
        text = out.text
        before = text[max(0, tok.start - 40) : tok.start].rstrip(" \t")
        mid = bool(before) and (before[-1].isalpha() or before[-1] in ",;")
        if info is None:  # no dictionary knows it (Sabella, Loewis): not into a new name
            if not mid or " " in h.text:
                return False
            cand = self.lexicon.info(h.text)
            if not contextfix.is_name(cand):  # into a common word: as for the tail below,
                # only a slip (DPD or Evri: not Every); in Headline Style the capital
                # says nothing (Legally Binding Sgrerment)
                prev = re.search(r"([A-Za-z]+)\W*$", before)
                headline = bool(prev) and prev.group(1)[:1].isupper()  # type: ignore[union-attr]
                return not headline and _distance(key, h.text) > 1
            return not cand.listed  # type: ignore[union-attr]
        if info.tier not in (RARE, TAIL):
            return False
        if " " in h.text:
            return mid
        cand = self.lexicon.info(h.text)
        one_edit = _distance(key, h.text) <= 1
        if not mid:
            return contextfix.is_name(cand) and not one_edit
        if not one_edit:
            return True
        # a slip into a common word is taken (Blac Sea -> Black Sea, Thst -> That); into
        # a name only when a domain or user dictionary lists it (not Oliva -> Olivia)
        return contextfix.is_name(cand) and not cand.listed  # type: ignore[union-attr]

    def _changes(self, word: str, prev: str, nxt: str, depth: int) -> bool:
        """Whether ``word``, typed between ``prev`` and ``nxt``, would be corrected."""
        if depth >= 2:
            return False
        probe = _Decision()
        self._decide(Token("word", word, 0), prev, nxt, False, probe, depth + 1)
        return bool(probe.corrections)

    def _settle(
        self, word: str, prev: str, nxt: str, sentence_start: bool, depth: int
    ) -> Correction | None:
        """Decide a chosen replacement as if it had been typed; a correction of it means
        one pass would not be final ("Vxe" -> "Ve" -> "Be"), so follow it (twice at most)."""
        if " " in word or depth >= 2:
            return None
        info = self.lexicon.info(word)
        if info is not None and not self._suspect(word, info):
            return None
        probe = _Decision()
        self._decide(Token("word", word, 0), prev, nxt, sentence_start, probe, depth + 1)
        return probe.corrections[0] if probe.corrections else None

    def _keep_hypothesis(
        self,
        base: str,
        key: str,
        info: WordInfo | None,
        shape: str,
        sentence_start: bool,
        prev: str,
        nxt: str,
    ) -> _Hyp:
        """The typed word's own case: its prior, adjusted for what it looks like."""
        s = self.settings
        score = self._keep_score(base, info)
        if info is not None and shape == "lower" and _case_mismatch(info):
            score += s.case_mismatch_cost
        elif info is not None and info.tier == CORE and len(key) >= s.doubtful_min_length:
            score += s.core_keep_bonus
        if info is None or info.tier == TAIL:
            score = max(score, self._derived_score(key))
        if shape == "title" and sentence_start and info is None:
            score = (score + s.unknown_lower) / 2  # a capital at a sentence start says less
        score += context.bonus(self.lexicon, prev, key, nxt) * s.context_weight
        return _Hyp("", score, "spelling", "keep")

    def _spellings(
        self, key: str, keep: float, known_fixes: tuple[str, ...], prev: str, nxt: str
    ) -> list[_Hyp]:
        """Single-word candidates: symspellpy's within two edits, words that sound alike,
        and the fixes a published list gives; each scored prior + channel + context."""
        s = self.settings
        lex = self.lexicon
        cands = lex.candidates(key, 1)
        if len(key) > 3 and not self._clear_winner(key, cands, keep):
            cands = lex.candidates(key, 2)
        found = {c: d for c, d in cands if d == 1 or len(c) > 3}  # 2 edits in 3 letters
        if len(key) == 3:
            # a three-letter word, never searched two edits deep, still hears the everyday
            # words there ("wif": with, "Aer": our): left out, they inflate the confidence
            for c in candidates.everyday_rivals(lex, key, s.far_rival_min_count):
                found.setdefault(c, 2)
        if len(key) >= 4:  # make another word
            for alike in lex.sound_alikes(key):
                found.setdefault(alike, _distance(key, alike))
        for fix in known_fixes:
            found.setdefault(fix, _distance(key, fix))
        pool = []
        for cand, dist in found.items():
            ci = lex.info(cand)
            if ci is None or ci.keep_only or (len(cand) == 1 and cand not in ("a", "i")):
                continue
            rough = self._prior(ci) + P_ADJACENT_SUB * dist
            pool.append((cand in known_fixes, rough, cand, dist, ci))
        pool.sort(reverse=True)  # listed fixes first, then the most promising
        out = []
        top = keep
        for _listed, _rough, cand, dist, ci in pool[: s.max_candidates + len(known_fixes)]:
            ctx = context.bonus(lex, prev, cand, nxt) * s.context_weight
            # the fitted model costs a little: only where it could change the outcome
            hopeful = self._prior(ci) + ctx + s.error_model_offset > top - 1.0
            ch = errormodel.channel(
                key,
                cand,
                dist,
                s.extra_edit_cost,
                s.error_model_offset,
                s.error_model_floor,
                s.error_model_path,
                s.error_model and len(key) >= s.error_model_min_length and hopeful,
            )
            kb = errormodel.channel(key, cand, dist, s.extra_edit_cost, 0.0, 0.0, None, False)
            fitted = ch > kb + 1e-9
            detail = f"{dist} edit{'s' * (dist > 1)} from '{cand}'"
            if dist >= 2 and sound_code(key) == sound_code(cand):
                sounded = s.sound_alike_cost + s.extra_edit_cost * s.sound_alike_edit_share * (
                    dist - 1
                )
                if sounded > ch:
                    ch, detail, fitted = sounded, f"sounds like '{cand}'", False
            if cand in known_fixes:
                listed = s.known_misspelling_cost + s.known_misspelling_fix_cost * (
                    len(known_fixes) - 1
                )
                if listed > ch:
                    ch, detail, fitted = listed, f"a common misspelling of '{cand}'", False
            slip = kb >= s.fitted_margin_slip or (dist == 1 and _swapped(key, cand))
            out.append(
                _Hyp(cand, self._prior(ci) + ch + ctx, "spelling", detail, ctx, fitted, slip)
            )
            top = max(top, out[-1].score)
        if len(key) >= s.far_sound_min_length and top <= keep:  # nothing near beats keeping
            out.extend(self._far_sound_alikes(key, {h.text for h in out}, prev, nxt, top))
        return out

    def _far_sound_alikes(
        self, key: str, seen: set[str], prev: str, nxt: str, top: float
    ) -> list[_Hyp]:
        """Long misspellings by ear, beyond two edits (``syncorization``): candidates.py."""
        s = self.settings
        lex = self.lexicon
        out = []
        sounds = lex.memo(  # the lexicon's alone: remembered for every context
            ("far sounds", key, s.far_sound_limit),
            candidates.sound_alikes,
            lex,
            key,
            s.far_sound_limit,
        )
        for cand, code_distance in sounds:
            ci = lex.info(cand)
            if cand in seen or ci is None or ci.keep_only or not ci.trusted:
                continue
            ctx = context.bonus(lex, prev, cand, nxt) * s.context_weight
            if self._prior(ci) + ctx + s.error_model_offset <= top - 1.0:
                continue  # cannot matter, whatever its spelling
            dist = _distance(key, cand)
            if s.error_model:  # the fitted edits tell a near spelling from a far one
                fitted = errormodel.fitted(key, cand, s.error_model_floor, s.error_model_path)
                ch = fitted + s.error_model_offset
            else:
                ch = s.sound_alike_cost + s.far_sound_cost * code_distance
                ch += s.extra_edit_cost * max(0, dist - 2)
            detail = f"sounds like '{cand}' ({dist} edits)"
            out.append(
                _Hyp(cand, self._prior(ci) + ch + ctx, "spelling", detail, ctx, s.error_model)
            )
        return out

    def _clear_winner(self, key: str, cands: list[tuple[str, int]], keep: float) -> bool:
        """Whether a one-edit candidate already wins so clearly that two-edit ones
        (rarer by ``extra_edit_cost`` and more costly to find) cannot matter."""
        lex = self.lexicon
        best = -99.0
        for cand, _dist in cands:
            ci = lex.info(cand)
            if ci is not None and not ci.keep_only and len(cand) > 1:
                best = max(best, self._prior(ci) + channel(key, cand))
        return best > keep + self.settings.skip_distance2_margin

    def _splits(self, key: str, prev: str, nxt: str) -> list[_Hyp]:
        """Run-on words: a lost space (``ofthe``) or a space typed as a key (``isbreally``)."""
        s = self.settings
        lex = self.lexicon
        out: list[_Hyp] = []
        best: dict[str, float] = {}
        for i in range(1, len(key)):
            for skip in (0, 1):
                a, b = key[:i], key[i + skip :]
                if not b or (skip and key[i] not in "cvbnm"):
                    continue
                ia, ib = lex.info(a), lex.info(b)
                if not _split_part_ok(a, ia, s.min_split_part) or not _split_part_ok(
                    b, ib, s.min_split_part
                ):
                    continue
                sc = self._prior(ia) + context.follow_logprob(lex, a, b) + s.split_cost
                ctx = context.pair_bonus(lex, prev, a) * s.context_weight
                ctx += context.pair_bonus(lex, b, nxt) * s.context_weight
                text = f"{a} {b}"
                if sc + ctx > best.get(text, (-1e9, 0.0))[0]:
                    best[text] = (sc + ctx, ctx)
        for text, (sc, ctx) in best.items():
            out.append(_Hyp(text, sc, "runon", f"run-on words '{text}'", ctx))
        return out

    # ------------------------------------------------------------------ context hooks
    # (the logic lives in normalize/contextfix.py)
    def _context_may_change(self, word: str) -> bool:
        return contextfix.may_change(self, word)

    def _context_fix(self, tok: Token, out: _Decision) -> bool:
        return contextfix.fix(self, tok, out)

    def _name_case(self, tok: Token, out: _Decision, hyps: list[_Hyp]) -> list[_Hyp]:
        return contextfix.name_case(self, tok, out, hyps)

    def _keep_only_candidates(self, key: str, prev: str, nxt: str) -> list[_Hyp]:
        return [
            _Hyp(c, sc, "spelling", detail, fitted=fitted)
            for c, sc, detail, fitted in contextfix.keep_only_candidates(self, key, prev, nxt)
        ]

    def _context_allows(self, typed: str, cand: str, out: _Decision) -> bool:
        return contextfix.context_allows(self, typed, cand, out)

    def _lm_rerank(self, out: _Decision, hyps: list[_Hyp]) -> list[_Hyp]:
        return contextfix.lm_rerank(self, out, hyps)

    def _prefer_spellings(self, hyps: list[_Hyp]) -> list[_Hyp]:
        return contextfix.prefer_spellings(self, hyps)

    def _realword(
        self,
        tok: Token,
        base: str,
        key: str,
        info: WordInfo,
        prev: str,
        nxt: str,
        corrections: list[Correction],
    ) -> None:
        """A right word in the wrong place (``sre`` → ``are``): only on strong context."""
        s = self.settings
        lex = self.lexicon
        if (
            not prev
            or not nxt
            or len(key) > s.realword_max_length
            or info.tier not in (CORE, COMMON)
        ):
            return
        if info.count > s.realword_max_count:
            return
        keep_ctx = context.bonus(lex, prev, key, nxt)
        if keep_ctx > 0:
            return  # a neighbour vouches for the word as typed
        keep = self._keep_score(base, info)
        best: _Hyp | None = None
        for cand, _dist in lex.candidates(key, 1):
            ci = lex.info(cand)
            if ci is None or not ci.trusted or ci.keep_only:
                continue
            if ci.count < info.count * s.realword_ratio:
                continue
            if channel(key, cand) < s.realword_max_channel:
                continue
            ctx_l = context.pair_bonus(lex, prev, cand)
            ctx_r = context.pair_bonus(lex, cand, nxt)
            if ctx_l <= s.realword_min_context or ctx_r <= s.realword_min_context:
                continue  # both neighbours must vouch for the candidate
            sc = self._prior(ci) + channel(key, cand) + s.realword_cost + ctx_l + ctx_r
            if best is None or sc > best.score:
                best = _Hyp(cand, sc, "realword", "real-word slip")
        if best is None or best.score - keep < s.realword_margin:
            return
        conf = _posterior([best.score, keep])[0]
        replacement = self._cased(base, best.text, lex.info(best.text))
        corrections.append(
            Correction(
                tok.start,
                tok.start + len(base),
                base,
                replacement,
                round(conf, 3),
                f"real-word slip: '{prev} {best.text} {nxt}' fits; confidence {conf:.2f}",
                "realword",
            )
        )


_PREFIXES = (
    "anti",
    "counter",
    "de",
    "dis",
    "inter",
    "mis",
    "multi",
    "non",
    "over",
    "post",
    "pre",
    "pro",
    "re",
    "semi",
    "sub",
    "super",
    "trans",
    "un",
    "under",
)
# suffix, and what a stem may have lost before it (agent nouns: license -> licensor;
# not -er, which turns too many short words into others: watt -> watter for water)
_REGULAR_FORMS = (
    ("s", ("",)),
    ("es", ("",)),
    ("ed", ("", "e")),
    ("ing", ("", "e")),
    ("or", ("", "e")),
    ("ors", ("", "e")),
)
_CVC = re.compile(r"(?:^|[^aeiou])[aeiou][bdgklmnprstvz]$")
_SUFFIXES = ("s", "es", "ed", "ing", "ly", "er", "ers", "ness", "ism", "ist", "ists", "ation")


def _swapped(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with two letters swapped (``sprot``, ``sport``), given that
    they are one edit apart."""
    return len(a) == len(b) and sorted(a) == sorted(b)


def _distance(a: str, b: str) -> int:
    return errormodel.osa_distance()(a, b, 9)


_CALENDAR = frozenset(casing.DAYS + tuple(casing.MONTHS) + casing.AMBIGUOUS_MONTHS)


def _compound_part(text: str | None, tok: Token) -> bool:
    """Whether ``tok`` is joined by a hyphen to a word (``add-ons``, ``cv-qualifiers``):
    a short part of a compound is a prefix, an abbreviation or a name more often than a
    slip."""
    if not text:
        return False
    a, b = tok.start, tok.start + len(tok.text)
    return (a >= 2 and text[a - 1] == "-" and text[a - 2].isalnum()) or (
        b + 1 < len(text) and text[b] == "-" and text[b + 1].isalnum()
    )


def _running(out: _Decision, word: str) -> bool:
    """Whether the word stands in running text, not alone (a query, a word list's line);
    a capitalised word alone on its line is a heading or a name: running text too."""
    return out.text.strip() != word or not word.islower()


def _case_mismatch(info: WordInfo) -> bool:
    """All the lexicon's forms are capitalised (Zn, NY, Budapest): lowercase is unusual."""
    return bool(info.forms) and not any(f.islower() for f in info.forms)


def _split_part_ok(part: str, info: WordInfo | None, floor: float) -> bool:
    if info is None or not info.trusted or info.keep_only:
        return False
    if len(part) == 1:
        return part in ("a", "i")
    if len(part) == 2:
        return info.count >= floor * 30
    if len(part) >= 5:
        return True
    return info.count >= floor


def _posterior(scores: Sequence[float]) -> list[float]:
    top = max(scores)
    weights = [10 ** (x - top) for x in scores]
    total = sum(weights)
    return [w / total for w in weights]


def _looks_like_path(name: str) -> bool:
    return "/" in name or "\\" in name or name.endswith(".txt") or name.endswith(".dic")
