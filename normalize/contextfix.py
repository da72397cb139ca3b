"""The corrector's context decisions: restored apostrophes, confusion sets, casing, and
keep-only terms as candidates.  Called through small hooks in ``corrector.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import casing, confusables, context
from .keyboard import channel
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
        if word == "i" or key in casing.AMBIGUOUS_MONTHS:
            return True
        if casing.case_slip(word):
            return True
        if word.islower() and len(word) >= 3 and word.isalpha():
            info = corr.lexicon.info(word)
            if info is not None and info.tier in (DOMAIN, USER) and info.canonical():
                return True  # odesa -> Odesa (a domain term is never "suspect" otherwise)
    return False


def needs_window(word: str) -> bool:
    """Whether deciding ``word`` needs the words around it (the language model's window)."""
    key = context.lm_word(word)
    return confusables.is_confusable(key) or key in casing.AMBIGUOUS_MONTHS


def fix(corr: Corrector, tok: Token, out: _Decision) -> bool:
    """Decide ``tok`` by context or casing; True when decided (nothing more to do)."""
    s = corr.settings
    typed = tok.text
    key = context.lm_word(typed)
    if s.context_lm and confusables.is_confusable(key):
        if case_shape(typed) == "upper" and len(typed) <= s.max_acronym + 1:
            return True  # ITS, ID, WED: acronyms and shouting are left alone
        cost = s.its_cost if key == "its" else s.apostrophe_cost
        choice = corr.lexicon.memo(
            ("lm", key, out.left, out.right, cost, s.confusion_cost),
            confusables.decide,
            key,
            out.left,
            out.right,
            cost,
            s.confusion_cost,
        )
        if choice is not None:
            style, curly = _style(out, tok)
            repl = confusables.shape_like(typed, choice.text, style == "lower", curly)
            conf = round(choice.confidence, 3)
            reason = f"{choice.detail}; confidence {choice.confidence:.2f}"
            if choice.confidence >= s.min_confidence:
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
    if typed == "i" or typed.lower() in casing.AMBIGUOUS_MONTHS:
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
        if slip is not None and (not info.forms or slip in info.forms or not canon):
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
        if len(h.text) >= 4 and " " not in h.text and _is_name(lex.info(h.text)):
            h = replace(h, score=h.score + corr.settings.name_case_bonus)
        scored.append(h)
    return scored


def _is_name(info) -> bool:
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
) -> list[tuple[str, float, str]]:
    """Keep-only terms one edit from an unknown word (``Crimeaa`` -> Crimea): never
    offered by the index, but reachable when they are the clear best candidate."""
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
        sc = corr._prior(info) + channel(key, cand) + s.keep_only_cost
        sc += context.bonus(lex, prev, cand, nxt) * s.context_weight
        out.append((cand, sc, f"1 edit from '{cand}'"))
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
