"""The corrector's context decisions: restored apostrophes, confusion sets, casing, and
keep-only terms as candidates.  Called through small hooks in ``corrector.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from . import casing, confusables, context, datafiles, errormodel
from . import lm as lm_module
from .lexicon import CORE, DOMAIN, USER
from .records import Correction, Flag
from .tokenize import Token, case_shape

if TYPE_CHECKING:
    from .corrector import Corrector, _Decision

_CASE_CONFIDENCE = 0.99


def may_change(corr: Corrector, word: str) -> bool:
    """Whether context or casing may change a word that is otherwise plainly right."""
    s = corr.settings
    key = context.lm_word(word)
    if s.context_lm and confusables.is_confusable(key):
        return True
    if s.casing:
        if word == "i" or key in casing.AMBIGUOUS_MONTHS or _i_form(word):
            return True
        if casing.case_slip(word):
            return True
        if word.islower() and len(word) >= 3 and word.isalpha():
            info = corr.lexicon.info(word)
            if info is not None and info.tier in (DOMAIN, USER) and info.canonical():
                return True  # odesa -> Odesa (a domain term is never "suspect" otherwise)
    return False


_MODAL_OF = re.compile(
    r"\b(?:could|should|would|must|might)(?:n['\u2019]?t)?[ \t]+(of)\b", re.IGNORECASE
)


_MODAL_BEFORE = re.compile(
    r"\b(?:could|should|would|must|might)(?:n['\u2019]?t)?[ \t]*$", re.IGNORECASE
)


def any_forced(text: str) -> bool:
    """Whether :func:`forced_words` can find anything in ``text`` (the fast path's check:
    every " of" is found by ``str.find`` and only the few characters before it are read)."""
    i = text.find(" of")
    while i >= 0:
        after = text[i + 3 : i + 4]
        if not (after.isalnum() or after == "_") and _MODAL_BEFORE.search(
            text, max(0, i - 12), i + 1
        ):
            return True
        i = text.find(" of", i + 3)
    return False


def forced_words(text: str, tokens: Sequence[Token]) -> set[int]:
    """Tokens of plain words that context may still change, found by one scan of the
    text: ``of`` after a modal verb ("could of done")."""
    if "of" not in text:
        return set()
    starts = {m.start(1) for m in _MODAL_OF.finditer(text)}
    if not starts:
        return set()
    return {i for i, t in enumerate(tokens) if t.start in starts and t.kind == "word"}


def _window(out: _Decision) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The model's window around the word, computed on first use."""
    if out.window is not None:
        out.left, out.right = out.window()
        out.window = None
    return out.left, out.right


# a comma, colon, semicolon, dash or bracket right after the word: the model looks
# through it, but the words after it say little about the word ("contested too, keeping")
_PAUSE_AFTER = re.compile(r"\s*(?:[,;:)\]}]|\s[-\u2013\u2014]\s)")


def needs_window(word: str) -> bool:
    """Whether deciding ``word`` needs the words around it (the language model's window)."""
    key = context.lm_word(word)
    return confusables.is_confusable(key) or key in casing.AMBIGUOUS_MONTHS


def fix(corr: Corrector, tok: Token, out: _Decision) -> bool:
    """Decide ``tok`` by context or casing; True when decided (nothing more to do)."""
    s = corr.settings
    typed = tok.text
    key = context.lm_word(typed)
    if s.context_lm and (confusables.is_confusable(key) or key == "of"):
        if case_shape(typed) == "upper" and len(typed) <= s.max_acronym + 1:
            return True  # ITS, ID, WED: acronyms and shouting are left alone
        cost = s.its_cost if key == "its" else s.apostrophe_cost
        choice = corr.lexicon.memo(
            ("lm", key, out.left, out.right, cost, s.confusion_cost, s.confusion_cost_both),
            confusables.decide,
            key,
            out.left,
            out.right,
            cost,
            s.confusion_cost,
            s.confusion_cost_both,
        )
        if choice is not None:
            style, curly = _style(out, tok)
            repl = confusables.shape_like(typed, choice.text, style == "lower", curly)
            conf = round(choice.confidence, 3)
            reason = f"{choice.detail}; confidence {choice.confidence:.2f}"
            decisive = (
                choice.decisive
                and not (
                    (choice.kind == "realword" and _PAUSE_AFTER.match(out.text, tok.end))
                    # "its changed paragraphs" / "it's changed": a participle after its reads
                    # both ways (its + adjective, it has + participle); the model cannot tell
                    or (key == "its" and out.right[:1] and out.right[0].endswith("ed"))
                )
            )
            if choice.confidence >= s.min_confidence and decisive:
                out.corrections.append(
                    Correction(tok.start, tok.end, typed, repl, conf, reason, choice.kind)
                )
            elif choice.confidence >= s.flag_confidence:
                out.flags.append(Flag(tok.start, tok.end, typed, repl, conf, reason, choice.kind))
            return True
        if key in confusables.MISSING_APOSTROPHE or key in confusables.AMBIGUOUS_APOSTROPHE:
            _fix_case(corr, tok, out)
            return True  # never split or turned into another word
        return _fix_case(corr, tok, out)
    return _fix_case(corr, tok, out)


def _fix_case(corr: Corrector, tok: Token, out: _Decision) -> bool:
    s = corr.settings
    if not s.casing:
        return False
    typed = tok.text
    if _i_form(typed):
        fixed = "I" + typed[1:]  # i'm -> I'm, i've -> I've
    elif typed == "i" or typed.lower() in casing.AMBIGUOUS_MONTHS:
        fixed = _cased(corr, typed, out, tok)
    else:  # the rest depends on the word alone
        fixed = corr.lexicon.memo(("cased", typed), _cased, corr, typed, out, tok)
    if fixed is None or fixed == typed or _style(out, tok)[0] != "mixed":
        return False
    out.corrections.append(
        Correction(
            tok.start,
            tok.end,
            typed,
            fixed,
            _CASE_CONFIDENCE,
            f"capitalisation: '{fixed}'",
            "case",
        )
    )
    return True


def _i_form(word: str) -> bool:
    """``i'm``, ``i've``, ``i'll``, ``i'd`` typed with a small i."""
    return word[:1] == "i" and context.lm_word(word) in confusables.I_FORMS


def _style(out: _Decision, tok: Token) -> tuple[str, bool]:
    """The paragraph's case style and whether its apostrophes are curly."""
    if out.styles is None:
        return "mixed", False
    return out.styles.at(tok.start)


def _around(out: _Decision, tok: Token) -> tuple[str, str]:
    """A few characters before the word and after it."""
    return out.text[max(0, tok.start - 8) : tok.start], out.text[tok.end : tok.end + 3]


def _cased(corr: Corrector, typed: str, out: _Decision, tok: Token) -> str | None:
    if typed == "i":
        return "I" if _pronoun_i(*_around(out, tok)) else None
    shape = case_shape(typed)
    key = typed.lower()
    if not key.isalpha():
        return None
    if shape == "lower":
        if key in casing.DAYS or key in casing.MONTHS or key[:-1] in casing.DAYS:
            return key.capitalize()  # also "mondays"
        if key in casing.AMBIGUOUS_MONTHS:
            if casing.near_number(*_around(out, tok)) or (
                out.left[-1:] and out.left[-1] in casing.MONTH_PREPOSITIONS
            ):
                return key.capitalize()
            return None
        info = corr.lexicon.info(key)
        if info is None or info.keep_only:
            return None
        canon = info.canonical()
        if canon is None or len(canon) < 3 or canon.isupper():
            return None
        if info.listed:
            return canon  # a name a dictionary lists: london -> London
        if info.tier == CORE and info.count >= corr.settings.name_min_count:
            if canon[1:].islower():
                return canon  # christmas -> Christmas; "sid" (rarer) is more likely "said"
        return None
    if shape == "mixed":
        info = corr.lexicon.info(key)
        if info is None or not info.trusted or typed in info.forms:
            return None
        canon = info.canonical()
        if canon is not None and len(key) >= 4 and not canon.isupper() and canon.lower() == key:
            return canon  # iPHone -> iPhone (yB is no slip for the symbol Yb)
        slip = casing.case_slip(typed)
        if slip is None or info.count < corr.settings.case_slip_min_count:
            return None
        if not info.forms or slip in info.forms or not canon:
            return slip
        return None
    if shape == "title":
        info = corr.lexicon.info(key)
        if info is None or not info.trusted:
            return None
        canon = info.canonical()
        if canon is not None and case_shape(canon) == "mixed" and canon.lower() == key:
            return canon  # Mcfaul -> McFaul
    return None


def _pronoun_i(before: str, after: str) -> bool:
    """``i`` as the pronoun: not ``i.e.``, not a list label ``(i)`` or ``i)``."""
    if after[:1] == "." and after[1:2].isalpha():
        return False
    return not (after[:1] == ")" or before[-1:] == "(")


def name_case(corr: Corrector, tok: Token, out: _Decision, hyps: list) -> list:
    """A capitalised word mid-sentence is most likely a name: candidates the dictionaries
    give only capitalised (Crimea, Kyiv) gain ``name_case_bonus`` over common words."""
    from dataclasses import replace

    before = out.text[max(0, tok.start - 40) : tok.start].rstrip(" \t")
    if not before or not (before[-1].isalpha() or before[-1] in ",;"):
        return hyps  # a sentence start, a quote, a heading: a capital says little
    lex = corr.lexicon
    scored = []
    for h in hyps:
        if len(h.text) >= 4 and " " not in h.text and is_name(lex.info(h.text)):
            h = replace(h, score=h.score + corr.settings.name_case_bonus)
        scored.append(h)
    return scored


def is_name(info) -> bool:
    """Capitalised in every dictionary form, or first in a domain dictionary; acronyms
    (AU, NATO) are not names here: "Zu" is no slip for "AU"."""
    if info is None:
        return False
    canon = info.canonical()
    if canon is not None:
        return not canon.isupper()
    return bool(info.listed and info.forms and info.forms[0][:1].isupper())


def keep_only_candidates(
    corr: Corrector, key: str, prev: str, nxt: str
) -> list[tuple[str, float, str, bool]]:
    """Keep-only terms one edit from an unknown word (``Crimeaa`` -> Crimea): never
    offered by the index, but reachable when they are the clear best candidate.  They
    are scored like every other candidate (the same channel: keyboard slip or fitted
    edit), less ``keep_only_cost``.  Returns (term, score, detail, fitted)."""
    if len(key) < 5 or not key.isalpha():
        return []
    lex = corr.lexicon
    s = corr.settings
    table = lex.memo(("keep-only deletes",), _keep_only_deletes, lex)
    found = set()
    for variant in {key} | _deletes1(key):
        found.update(table.get(variant, ()))
    out = []
    for cand in sorted(found):
        if cand == key or _distance(key, cand) != 1:
            continue
        info = lex.info(cand)
        if info is None or not info.keep_only or not info.listed:
            continue
        use_fitted = s.error_model and len(key) >= s.error_model_min_length
        ch = errormodel.channel(
            key,
            cand,
            1,
            s.extra_edit_cost,
            s.error_model_offset,
            s.error_model_floor,
            s.error_model_path,
            use_fitted,
        )
        kb = errormodel.channel(key, cand, 1, s.extra_edit_cost, 0.0, 0.0, None, False)
        sc = corr._prior(info) + ch + s.keep_only_cost
        sc += context.bonus(lex, prev, cand, nxt) * s.context_weight
        out.append((cand, sc, f"1 edit from '{cand}'", ch > kb + 1e-9))
    return out


def _keep_only_deletes(lex) -> dict[str, tuple[str, ...]]:
    """Every keep-only term (and each one-letter deletion of it) -> the terms."""
    keys = lex.keep_only_words()
    table: dict[str, list[str]] = {}
    for k in keys:
        if len(k) >= 4 and k.isalpha():
            for variant in {k} | _deletes1(k):
                table.setdefault(variant, []).append(k)
    return {k: tuple(v) for k, v in table.items()}


def _deletes1(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _distance(a: str, b: str) -> int:
    from editdistpy import damerau_osa

    return damerau_osa.distance(a, b, 2)


# ---------------------------------------------------------------- preferred spellings


@lru_cache(maxsize=1)
def preferred_spellings() -> dict[str, str]:
    """variant -> preferred spelling (lowercase), from ``data/spellings.txt``."""
    text = datafiles.read_text("spellings.txt")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        names = [n.strip().lower() for n in line.split("\t") if n.strip()]
        for variant in names[1:]:
            out[variant] = names[0]
    return out


def _user_words(lex) -> frozenset[str]:
    """The words of the user's own dictionaries and ``--dict`` files (lowercase)."""
    return frozenset(
        w.lower()
        for spec in getattr(lex, "overlay_specs", ())
        for term, _weight, _keep in spec.terms
        for w in term.split()
    )


def prefer_spellings(corr: Corrector, hyps: list) -> list:
    """A garble about as close to an older spelling as to the current one (``Kiyv``:
    Kiev or Kyiv) names the same place either way: the current spelling takes both
    hypotheses' probability.  "About as close": the variant is no more than
    ``variant_margin`` (log10) likelier than the preferred spelling; a garble plainly of
    the variant (``Kievv``) stays with it, and a variant typed as it is never competes."""
    table = preferred_spellings()
    if not any(h.text in table for h in hyps):
        return hyps
    import math
    from dataclasses import replace

    where = {h.text: i for i, h in enumerate(hyps)}
    mine = corr.lexicon.memo(("user words",), _user_words, corr.lexicon)  # theirs win
    out = list(hyps)
    for i, h in enumerate(hyps):
        j = where.get(table.get(h.text, ""))
        if j is None or out[j].score < h.score - corr.settings.variant_margin:
            continue
        if h.text in mine and out[j].text not in mine:
            continue  # the user listed the older spelling: theirs is the preferred one
        pooled = out[j].score + math.log10(1.0 + 10 ** (h.score - out[j].score))
        detail = f"{out[j].detail} (the current spelling of '{h.text}')"
        out[j] = replace(out[j], score=pooled, detail=detail)
        out[i] = replace(h, score=-99.0)
    return out


# ---------------------------------------------------------------- context between candidates


def lm_rerank(corr: Corrector, out: _Decision, hyps: list) -> list:
    """Close candidates for one garble (``Crimeaa``: Crimea or Crimean?) told apart by the
    language model on the words around them.  When the model agrees with the spelling
    evidence on the leader, each rival loses what the model says it is less likely in
    this place (``lm_weight`` times the log10 ratio, at most ``lm_max_penalty``): the
    leader's confidence rises.  When they disagree nothing changes (the neighbours may be
    garbled too).  Only when every such candidate is a single word the model knows and a
    real word stands on at least one side; the typed word's own hypothesis is never
    touched, so context can settle a choice but never invent or overturn one."""
    s = corr.settings
    if not s.context_lm or s.lm_weight <= 0:
        return hyps
    cands = [i for i, h in enumerate(hyps) if h.text and " " not in h.text]
    if len(cands) < 2:
        return hyps
    top = max(hyps[i].score for i in cands)
    close = [i for i in cands if hyps[i].score >= top - s.lm_rerank_margin]
    if len(close) < 2:
        return hyps
    left, right = _window(out)
    model = lm_module.get()
    if model is None or not left or not right:
        return hyps
    if not (_real(model, left[-1]) and _real(model, right[0])):
        return hyps  # evidence on both sides, from words the model knows
    if not all(model.knows(hyps[i].text) for i in close):
        return hyps
    lms = {
        i: corr.lexicon.memo(
            ("lmw", left, hyps[i].text, right), model.window, left, (hyps[i].text,), right
        )
        for i in close
    }
    best = max(lms.values())
    leader = max(close, key=lambda i: hyps[i].score)
    runner_up = max(v for i, v in lms.items() if i != leader)
    if lms[leader] < best or best - runner_up < s.lm_decisive:
        return hyps  # the model disagrees with the spelling evidence, or barely prefers it
    from dataclasses import replace

    result = list(hyps)
    for i, v in lms.items():
        penalty = min(s.lm_max_penalty, s.lm_weight * (best - v))
        if penalty > 0:
            result[i] = replace(hyps[i], score=hyps[i].score - penalty)
    return result


def _real(model, word: str) -> bool:
    return bool(word) and not word.startswith("<") and model.knows(word)


def context_allows(corr: Corrector, typed: str, cand: str, out: _Decision) -> bool:
    """Whether a known word may be changed into another word (``cafe`` -> ``care``) as
    far as context goes: when the model knows both words and real words stand on both
    sides, the candidate must read better by ``lm_known_word_gain`` (log10); otherwise the
    change is only flagged.  Without such context, the spelling evidence decides."""
    s = corr.settings
    if not s.context_lm or " " in cand:
        return True
    left, right = _window(out)
    model = lm_module.get()
    if model is None or not left or not right:
        return True
    if not (_real(model, left[-1]) and _real(model, right[0])):
        return True
    if not (model.knows(typed) and model.knows(cand)):
        return True
    gain = model.window(left, (cand,), right) - model.window(left, (typed,), right)
    return gain >= s.lm_known_word_gain
