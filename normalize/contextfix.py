"""The corrector's context decisions: restored apostrophes, confusion sets, casing, and
keep-only terms as candidates.  Called through small hooks in ``corrector.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from . import casing, confusables, context, datafiles, errormodel, keyboard
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
        base = _possessor(word)
        if base is not None:
            return _cased_possessor(corr, base) is not None  # monday's -> Monday's
        if word.islower() and len(word) >= 3 and word.isalpha():
            info = corr.lexicon.info(word)
            if info is not None and info.tier in (DOMAIN, USER) and info.canonical():
                return True  # odesa -> Odesa (a domain term is never "suspect" otherwise)
            if info is not None and _lower_name(corr, word, info) is not None:
                return True  # english -> English, bluetooth -> Bluetooth
    return False


_MODAL = (
    r"(?:(?:could|should|would|must|might)(?:n['\u2019]?t)?|(?:i|you|he|she|we|they)['\u2019]d)"
)
_MODAL_OF = re.compile(rf"\b{_MODAL}[ \t]+(of)\b", re.IGNORECASE)


# "fell of the ladder", "took it of the shelf": "of" after a verb that takes "off" (and
# perhaps a pronoun) may be "off"; the language model decides (confusables.ONE_WAY)
_OFF_VERBS = (
    "fall|falls|fell|fallen|falling|take|takes|took|taken|taking|get|gets|got|getting|"
    "jump|jumps|jumped|come|comes|came|coming|turn|turns|turned|turning|switch|switched|"
    "log|logged|sign|signed|drop|dropped|kick|kicked|knock|knocked|wipe|wiped|pull|pulled|"
    "rip|ripped|pay|paid|call|called|head|headed|go|goes|went|gone|going|tip|tipped|"
    "clean|cleaned|wash|washed|peel|peeled|scrape|scraped|shake|shook|brush|brushed|"
    "lift|lifted|slip|slipped|rub|rubbed|blow|blew|tear|tore|torn|tick|ticked|pop|popped|"
    "sell|sold|wear|wore|worn|pick|picked|hop|hopped|climb|climbed|step|stepped|run|ran|"
    "cut|put|set|see|saw|seen|show|showed|finish|finished|start|started|write|wrote|"
    "written|lay|laid|let|nod|nodded|doze|dozed|cool|cooled|cross|crossed|fend|fended"
)
_OFF_OF = re.compile(
    rf"\b(?:{_OFF_VERBS})(?:[ \t]+(?:it|them|him|her|me|us|you|this|that))?[ \t]+(of)\b",
    re.IGNORECASE,
)


_MODAL_BEFORE = re.compile(rf"\b{_MODAL}[ \t]*$", re.IGNORECASE)


# closed compounds of common words that people type split in two ("with out", "what
# ever", "some one"); the language model decides whether the pair is the one word
# (not those whose two words are as good English: "every one of", "any body of water",
# "no body was found", "can not only")
SPLIT_COMPOUNDS = frozenset(
    "without within whatever whenever wherever however anything anywhere someone "
    "something somewhere everything everywhere nothing myself yourself himself herself "
    "itself ourselves themselves throughout".split()
)
# log10: how much likelier the compound must read, in its place, than the two words
COMPOUND_GAIN = 1.5
# pronouns whose two words are English too ("any one of them", "pick any one you like",
# "every one of them"): only when the pronoun reads far likelier ("does any one know")
SPLIT_PRONOUNS = frozenset({"anyone", "everyone", "anybody", "everybody"})
PRONOUN_GAIN = 2.5


@lru_cache(maxsize=1)
def _compound_pairs() -> frozenset[tuple[str, str]]:
    """``("with", "out")``, ``("what", "ever")``, ...: every split of a compound into two
    parts of two letters or more."""
    return frozenset(
        (w[:i], w[i:]) for w in SPLIT_COMPOUNDS | SPLIT_PRONOUNS for i in range(2, len(w) - 1)
    )


_JOINERS = "-'\u2019"
_EDGE_PUNCT = "\"'\u2018\u2019\u201c\u201d([{)]}.,;:!?"


def _maybe_compound(text: str) -> bool:
    """Whether two words of ``text`` side by side might make a split compound (a cheap
    superset of what :func:`forced_words` finds)."""
    pairs = _compound_pairs()
    words = [w.strip(_EDGE_PUNCT) for w in text.lower().split()]
    return any((a, b) in pairs for a, b in zip(words, words[1:]))


# "my mums birthday", "the dogs bed": a plural after a determiner and before another word
# may be a possessive typed without its apostrophe (the language model decides)
_POSSESSIVE = re.compile(
    r"\b(?:[Mm]y|[Yy]our|[Hh]is|[Hh]er|[Oo]ur|[Tt]heir|[Tt]he)[ \t]+"
    r"([a-z]{2,}[a-rt-z])s(?=[ \t]+[a-z])"
)
_POSSESSORS = frozenset("my your his her our their the".split())
# log10: how much likelier the possessive must read than the plural, in its place, with
# the words on both sides (after the price of a left-out apostrophe); half of it flags
POSSESSIVE_GAIN = 1.0


def any_forced(text: str) -> bool:
    """Whether :func:`forced_words` can find anything in ``text`` (the fast path's check:
    every " of" is found by ``str.find`` and only the few characters before it are read)."""
    if " " in text and _maybe_compound(text):
        return True
    if " " in text and _POSSESSIVE.search(text):
        return True
    i = text.find(" of")
    while i >= 0:
        after = text[i + 3 : i + 4]
        if not (after.isalnum() or after == "_") and (
            _MODAL_BEFORE.search(text, max(0, i - 12), i + 1)
            or _OFF_OF.search(text, max(0, i - 20), i + 4)
        ):
            return True
        i = text.find(" of", i + 3)
    return False


def forced_words(text: str, tokens: Sequence[Token]) -> set[int]:
    """Tokens of plain words that context may still change, found by one scan of the
    text: ``of`` after a modal verb ("could of done")."""
    found: set[int] = set()
    if " " in text and _maybe_compound(text):
        pairs = _compound_pairs()
        for i in range(len(tokens) - 2):
            a, gap, b = tokens[i], tokens[i + 1], tokens[i + 2]
            if a.kind == "word" and b.kind == "word" and gap.text == " ":
                joined = (i > 0 and tokens[i - 1].text[-1:] in _JOINERS) or (
                    i + 3 < len(tokens) and tokens[i + 3].text[:1] in _JOINERS
                )  # "some one-off" is no "someone"
                if not joined and (a.text.lower(), b.text.lower()) in pairs:
                    found.add(i)
    starts = {m.start(1) for m in _POSSESSIVE.finditer(text)} if " " in text else set()
    if "of" in text:
        starts |= {m.start(1) for m in _MODAL_OF.finditer(text)}
        starts |= {m.start(1) for m in _OFF_OF.finditer(text)}
    if starts:
        found.update(i for i, t in enumerate(tokens) if t.start in starts and t.kind == "word")
    return found


def _possessive(corr: Corrector, tok: Token, out: _Decision) -> bool:
    """``mums`` in "my mums birthday": the possessive ``mum's`` when the language model
    reads it likelier than the plural by :data:`POSSESSIVE_GAIN` (log10, after the price
    of a left-out apostrophe), both sides agreeing; flagged when only half as likely.
    "the sales team", "my friends came" stay."""
    typed = tok.text
    if not (typed.isalpha() and typed.islower() and typed.endswith("s") and len(typed) >= 4):
        return False
    left, right = out.left, out.right
    if not left or left[-1] not in _POSSESSORS or not right or not right[0].isalpha():
        return False
    if out.text[tok.end : tok.end + 1] == "-":
        return False
    model = lm_module.get()
    fixed = typed[:-1] + "'s"
    if model is None or not model.knows(fixed) or not real_word(model, right[0]):
        return False
    keep_own, keep_after = model.window_parts(left, (typed,), right)
    own, after = model.window_parts(left, (fixed,), right)
    gain = own + after - keep_own - keep_after + corr.settings.apostrophe_cost
    if gain < POSSESSIVE_GAIN / 2:
        return False
    style, curly = _style(out, tok)
    repl = fixed.replace("'", "\u2019") if curly else fixed
    conf = round(1.0 / (1.0 + 10**-gain), 3)
    reason = (
        f"missing apostrophe: '{left[-1]} {fixed} {right[0]}' reads better; confidence {conf:.2f}"
    )
    if gain >= POSSESSIVE_GAIN and own >= keep_own and after >= keep_after:
        out.corrections.append(
            Correction(tok.start, tok.end, typed, repl, conf, reason, "apostrophe")
        )
    else:
        out.flags.append(Flag(tok.start, tok.end, typed, repl, conf, reason, "apostrophe"))
    return True


def try_compound(corr: Corrector, tokens: Sequence[Token], ti: int, ni: int) -> Correction | None:
    """``with out`` -> ``without``: two right words that make a closed compound
    (:data:`SPLIT_COMPOUNDS`) are merged when the language model reads the compound
    better in its place by :data:`COMPOUND_GAIN` (log10), with a real word after it:
    "what ever happened to" and "every one of them" stay."""
    if not corr.settings.context_lm:
        return None
    a, b = tokens[ti].text, tokens[ni].text
    whole = (a + b).lower()
    if whole not in SPLIT_COMPOUNDS | SPLIT_PRONOUNS or not a.isalpha() or not b.isalpha():
        return None
    if (a.isupper() and len(a) > 1) or not b.islower():
        return None  # shouting, or a name ("Some One")
    model = lm_module.get()
    if model is None:
        return None
    left, right = _words_around(tokens, ti, ni)
    if not right or not real_word(model, right[0]):
        return None
    key = (context.lm_word(a), context.lm_word(b))
    gain = corr.lexicon.memo(
        ("compound", left, key, right),
        lambda: model.window(left, (whole,), right) - model.window(left, key, right),
    )
    if gain < (PRONOUN_GAIN if whole in SPLIT_PRONOUNS else COMPOUND_GAIN):
        return None
    conf = 1.0 / (1.0 + 10**-gain)
    repl = whole.capitalize() if a[:1].isupper() else whole
    return Correction(
        tokens[ti].start,
        tokens[ni].end,
        f"{a} {b}",
        repl,
        round(conf, 3),
        f"split word: '{a} {b}' reads as '{repl}'; confidence {conf:.2f}",
        "merge",
    )


def _words_around(
    tokens: Sequence[Token], ti: int, ni: int, size: int = 2
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The language model's words before token ``ti`` and after token ``ni``."""

    def walk(j: int, step: int, edge: str) -> list[str]:
        out: list[str] = []
        while 0 <= j < len(tokens) and len(out) < size:
            tok = tokens[j]
            if tok.kind == "word":
                out.append(context.lm_word(tok.text))
            elif tok.kind == "protected":
                out.append("<unk>")
                break
            elif context.SENTENCE_BREAK.search(tok.text):
                out.append(edge)
                break
            j += step
        if len(out) < size and not (0 <= j < len(tokens)):
            out.append(edge)
        return out

    left = walk(ti - 1, -1, lm_module.BOS)
    right = walk(ni + 1, 1, lm_module.EOS)
    return tuple(reversed(left)), tuple(right)


def lm_window(out: _Decision) -> tuple[tuple[str, ...], tuple[str, ...]]:
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
        if (
            key == "thought"
            and _END_THOUGH.match(out.text, tok.end)
            and (out.text[max(0, tok.start - 2) : tok.start] == ", ")
        ):
            style, curly = _style(out, tok)
            repl = confusables.shape_like(typed, "though", style == "lower", curly)
            reason = "real-word slip: ', though.' ends the sentence; confidence 0.97"
            out.corrections.append(
                Correction(tok.start, tok.end, typed, repl, 0.97, reason, "realword")
            )
            return True
        if key == "your" and _YOUR_WELCOME.match(out.text, tok.end) and _clause_start(out, tok):
            style, curly = _style(out, tok)
            repl = confusables.shape_like(typed, "you're", style == "lower", curly)
            reason = "real-word slip: 'you're welcome' (a reply); confidence 0.97"
            out.corrections.append(
                Correction(tok.start, tok.end, typed, repl, 0.97, reason, "realword")
            )
            return True
        nxt_word = out.right[0] if out.right and not _JOINED_AFTER.match(out.text, tok.end) else ""
        cost = s.apostrophe_cost
        if key == "its" and nxt_word not in confusables.NO_NOUN_PHRASE:
            cost = s.its_cost  # "its" may be the possessive: it's/its cost more to tell apart
        closed = nxt_word in confusables.NOT_AFTER_POSSESSIVE
        cmp = (
            key == "then"
            and out.right[:1] not in ((), (lm_module.EOS,), ("than",))
            and confusables.comparative_before(out.text, tok.start)
        )
        args = (key, out.left, out.right, cost, s.confusion_cost, s.confusion_cost_both)
        args += (cmp, closed)
        choice = corr.lexicon.memo(("lm", *args), confusables.decide, *args)
        if (choice is None or not choice.decisive) and out.right[:1]:
            nxt = out.right[0]
            if nxt in confusables.AMBIGUOUS_APOSTROPHE or nxt in confusables.confusion_sets():
                rest = _words_after(out.text, tok.end, 3)[1:] or out.right[1:]
                pair = corr.lexicon.memo(
                    ("lm pair", key, nxt, out.left, rest, cost, s.confusion_cost),
                    confusables.decide_pair,
                    key,
                    nxt,
                    out.left,
                    rest,
                    cost,
                    s.confusion_cost,
                )
                if pair is not None and not _PAUSE_AFTER.match(out.text, tok.end):
                    choice = pair
        if choice is not None:
            style, curly = _style(out, tok)
            repl = confusables.shape_like(typed, choice.text, style == "lower", curly)
            conf = round(choice.confidence, 3)
            reason = f"{choice.detail}; confidence {choice.confidence:.2f}"
            if choice.kind == "realword" and (
                out.text[tok.start - 1 : tok.start] == "-" or out.text[tok.end : tok.end + 1] == "-"
            ):
                return True  # part of a compound ("mid-write", "write-tree"): as typed
            paused = choice.kind == "realword" and _PAUSE_AFTER.match(out.text, tok.end)
            if paused:
                # a comma or dash after it: the words after say little, so only the words
                # before it can make the change ("catch my breathe, it was": breath)
                decisive = choice.left_gain >= confusables.PAUSE_EVIDENCE
            else:
                # "its changed paragraphs" / "it's changed": a participle after its reads
                # both ways (its + adjective, it has + participle); the model cannot tell
                decisive = choice.decisive and not (
                    key == "its" and out.right[:1] and out.right[0].endswith("ed")
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
    if s.context_lm and _possessive(corr, tok, out):
        return True
    return _fix_case(corr, tok, out)


# "Your welcome!", "No problem, your welcome.": a reply, not a noun phrase (which would
# go on: "your welcome pack", "thanks for your welcome")
_YOUR_WELCOME = re.compile(r"[ \t]+welcome[ \t]*(?:[.!,;)]|$)", re.IGNORECASE | re.MULTILINE)


# "I'd still use him again, thought.": "though" after a comma, last in the sentence
_END_THOUGH = re.compile(r"[ \t]*(?:[.!?]|$)", re.MULTILINE)


def _clause_start(out: _Decision, tok: Token) -> bool:
    """Whether ``tok`` begins a sentence or follows a comma or dash."""
    before = out.text[max(0, tok.start - 4) : tok.start].rstrip(" \t")
    return not before or before[-1] in '.!?,;:-\n\u2013\u2014("\u201c'


# the next word is joined to the one after it by a hyphen: "your in-laws", "its by-products"
_JOINED_AFTER = re.compile(r"\s+[A-Za-z']+-[A-Za-z]")
_WORD_OR_STOP = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*|[.!?\u2026:;\n0-9]")


def _words_after(text: str, pos: int, n: int) -> tuple[str, ...]:
    """Up to ``n`` words after ``pos`` for the language model, as :func:`context.window`
    reads them (commas looked through), ending at a sentence end, number or symbol."""
    out: list[str] = []
    for m in _WORD_OR_STOP.finditer(text, pos, min(len(text), pos + 80)):
        w = m.group()
        if not w[0].isalpha():
            break
        out.append(context.lm_word(w))
        if len(out) == n:
            break
    return tuple(out)


def _fix_case(corr: Corrector, tok: Token, out: _Decision) -> bool:
    s = corr.settings
    if not s.casing:
        return False
    typed = tok.text
    possessor = _possessor(typed)
    if possessor is not None:
        cased = corr.lexicon.memo(("cased 's", possessor), _cased_possessor, corr, possessor)
        fixed = None if cased is None else cased + typed[len(possessor) :]
    elif _i_form(typed):
        fixed = "I" + typed[1:]  # i'm -> I'm, i've -> I've
    elif typed == "i" or typed.lower() in casing.AMBIGUOUS_MONTHS:
        fixed = _cased(corr, typed, out, tok)
    else:  # the rest depends on the word alone
        fixed = corr.lexicon.memo(("cased", typed), _cased, corr, typed, out, tok)
    if fixed is None and (_lowercase_acronym(corr, typed) or _lowercase_brand(corr, typed)):
        return True  # usa, gps, wifi typed in lowercase: never made another word (use, wife)
    if fixed is None or fixed == typed:
        return False
    if _style(out, tok)[0] != "mixed":  # a lowercase poem, a notice in capitals: as typed
        return fixed.lower() == typed.lower() and typed.islower() and not _i_form(typed)
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


def _possessor(word: str) -> str | None:
    """``monday`` in ``monday's`` (a lowercase word and a possessive 's), else None."""
    if len(word) > 4 and word[-2] in "'\u2019" and word[-1] == "s" and word[:-2].isalpha():
        return word[:-2] if word[:-2].islower() else None
    return None


def _cased_possessor(corr: Corrector, key: str) -> str | None:
    """The capitalised form of a possessor that depends on the word alone (a day, a
    month other than march/may/august, a name the dictionaries know), or None."""
    if key in casing.DAYS or key in casing.MONTHS:
        return key.capitalize()
    info = corr.lexicon.info(key)
    return None if info is None or len(key) < 3 else _lower_name(corr, key, info)


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
            if key != "may" and (
                casing.month_after_modifier(out.left) or casing.month_part_before(out.left)
            ):
                return key.capitalize()  # "last august", "the end of march"; never "next may"
            return None
        info = corr.lexicon.info(key)
        if info is None or info.keep_only:
            return None
        return _lower_name(corr, key, info)
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


def _lowercase_acronym(corr: Corrector, typed: str) -> bool:
    """Whether ``typed`` is a common acronym (GPS, DVD, USA) typed in lowercase."""
    if not (typed.isalpha() and typed.islower() and len(typed) >= 2):
        return False
    info = corr.lexicon.info(typed)
    if info is None or info.keep_only or info.tier not in (CORE, DOMAIN, USER):
        return False
    canon = info.canonical()
    # two letters only when very common (tv, ok, uk): "ot" is "to", "un" is "in"
    need = _LONG_NAME_MIN_COUNT if len(typed) >= 3 else _SHORT_ACRONYM_MIN_COUNT
    return bool(canon and canon.isupper() and info.count >= need)


def _lowercase_brand(corr: Corrector, typed: str) -> bool:
    """Whether ``typed`` is a common term the dictionaries give in mixed case only (WiFi,
    eBay, PayPal, iPhone) typed in lowercase: written so often that it is kept as typed,
    never made another word ("wifi password" is no "wife password")."""
    if not (typed.isalpha() and typed.islower() and len(typed) >= 4):
        return False
    info = corr.lexicon.info(typed)
    if info is None or info.keep_only or not info.trusted or info.tier != CORE:
        return False
    canon = info.canonical()
    if canon and case_shape(canon) == "title" and len(typed) >= _LONG_NAME_LENGTH:
        # a name the dictionaries know only capitalised, too rare to be recased with
        # confidence, is still no other word typed ("argos" is no "areas")
        return info.count >= _LOWER_NAME_KEEP_COUNT
    return bool(canon and case_shape(canon) == "mixed" and info.count >= _LONG_NAME_MIN_COUNT)


def _lower_name(corr: Corrector, key: str, info) -> str | None:
    """The capitalised form of a lowercase word that is a name in lowercase, or None."""
    if info.keep_only:
        return None
    canon = info.canonical()
    if canon is None and info.listed and key.capitalize() in proper_case():
        if info.count >= corr.settings.name_min_count:  # a common name; not "paid in rand"
            return key.capitalize()  # english -> English ("english", spin, is rare)
        return None
    if canon is None or len(canon) < 2:
        return None
    if canon.isupper():  # usa -> USA, nato -> NATO: an acronym a dictionary lists
        return canon if info.listed and key.isalpha() and len(key) >= 3 else None  # "un" is "in"
    if len(canon) < 3:
        return None
    if info.listed:
        return canon  # a name a dictionary lists: london -> London
    if info.tier == CORE and canon[1:].islower():
        if info.count >= corr.settings.name_min_count:
            return canon  # christmas -> Christmas; "sid" (rarer) is more likely "said"
        if len(key) >= _LONG_NAME_LENGTH and info.count >= _LONG_NAME_MIN_COUNT:
            return canon  # cornwall -> Cornwall, bluetooth -> Bluetooth (not "blue tooth")
    return None


# a lowercase word of this length or more that the dictionaries know only capitalised
# (and that common: about a rare word's count) is the name typed in lowercase
_LONG_NAME_LENGTH = 5
_LONG_NAME_MIN_COUNT = 3000.0
_SHORT_ACRONYM_MIN_COUNT = 100_000.0
_LOWER_NAME_KEEP_COUNT = 1000.0  # ... a name this common typed in lowercase is kept as typed


@lru_cache(maxsize=1)
def proper_case() -> frozenset[str]:
    """Capitalised words whose lowercase homograph is rare (``data/propercase.txt``:
    SCOWL's large lists have the lowercase form, its medium lists do not): English,
    German, Geneva; not China, Polish or Turkey.  Used for names a dictionary lists."""
    text = datafiles.read_text("propercase.txt")
    return frozenset(w for w in text.split() if not w.startswith("#") and w.isalpha())


def _pronoun_i(before: str, after: str) -> bool:
    """``i`` as the pronoun: not ``i.e.``, not a list label ``(i)`` or ``i)``."""
    if after[:1] == "." and after[1:2].isalpha():
        return False
    return not (after[:1] == ")" or before[-1:] == "(")


def name_case(corr: Corrector, tok: Token, out: _Decision, hyps: list) -> list:
    """A capitalised word mid-sentence is most likely a name: candidates the dictionaries
    give only capitalised (Crimea, Kyiv) gain ``name_case_bonus``, unless the typed word
    is the name without its first letter; so does a split whose first word is a name
    (Lavrov dismissed).  Common words lose as much (twice as much when the frequency list
    knows the typed word: Lidl, Aldi), a split into common words twice as much
    ("A field" for Anfield), and the word as typed (perhaps a name no dictionary has:
    Monzo, Strava) gains three quarters of it; not in Headline Style, where only names
    gain.  Only a name one edit away gains, mid-sentence: Haaland is no Thailand."""
    from dataclasses import replace

    before = out.text[max(0, tok.start - 40) : tok.start].rstrip(" \t")
    if not before or not (before[-1].isalpha() or before[-1] in ",;"):
        return hyps  # a sentence start, a quote, a heading: a capital says little
    lex = corr.lexicon
    typed = tok.text.lower()
    # a common word for a capitalised one: less likely still when the word is known as
    # typed (a shop, a brand the frequency list has: Lidl, Aldi)
    bonus = corr.settings.name_case_bonus
    penalty = bonus * (2.0 if lex.info(typed) is not None else 1.0)
    prev = re.search(r"([A-Za-z]+)\W*$", before)
    if prev and prev.group(1)[:1].isupper() and not is_name(lex.info(prev.group(1).lower())):
        penalty = 0.0  # Headline Style ("Legally Binding Sgrerment"): only names gain
    scored = []
    for h in hyps:
        # a name is not typed without its first letter: "Strava" is an unknown name, not
        # "Ostrava" garbled
        if (
            len(h.text) >= 4
            and " " not in h.text
            and h.text[1:] != typed
            and is_name(lex.info(h.text))
            and (penalty == 0.0 or _distance(typed, h.text) == 1)  # Haaland is no Thailand
        ):
            h = replace(h, score=h.score + bonus)
        elif not penalty:
            pass
        elif " " in h.text:  # "Lavrov dismissed", not "A field"
            named = is_name(lex.info(h.text.split()[0]))
            h = replace(h, score=h.score + (bonus if named else -2 * bonus))
        elif h.text and not is_name(lex.info(h.text)):
            # "Lidl" is no "Life"; and two edits from a common word, "Evri" is a name
            far = _distance(typed, h.text.lower()) >= 2
            h = replace(h, score=h.score - penalty * (2.0 if far else 1.0))
        elif not h.text:
            h = replace(h, score=h.score + 0.75 * bonus)
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
    leader's confidence rises.  When the model plainly disagrees (by ``lm_decisive``)
    the leader is only as likely as the model's favourite: a doubt, flagged, never an
    overturn (the neighbours may be garbled too; "stop barkign at": parking or barking?).
    Only when every such candidate is a single word the model knows and a real word
    stands on both sides; the typed word's own hypothesis is never
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
    left, right = lm_window(out)
    model = lm_module.get()
    if model is None or not left or not right:
        return hyps
    if not (real_word(model, left[-1]) and real_word(model, right[0])):
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
    from dataclasses import replace

    if lms[leader] < best:
        favourite = max(close, key=lambda i: lms[i])
        if best - lms[leader] < s.lm_decisive:
            return hyps  # the model barely disagrees with the spelling evidence
        # the model plainly disagrees: a doubt, not a choice (flagged, never overturned)
        result = list(hyps)
        result[leader] = replace(hyps[leader], score=hyps[favourite].score + 1e-6)
        return result
    if best - runner_up < s.lm_decisive:
        return hyps  # the model barely prefers the leader

    result = list(hyps)
    for i, v in lms.items():
        penalty = min(s.lm_max_penalty, s.lm_weight * (best - v))
        if penalty > 0:
            result[i] = replace(hyps[i], score=hyps[i].score - penalty)
    return result


# log10 P(word | the two words before it) below which a rare right word is worth a search
_SURPRISE = -4.5


def lm_realword(corr: Corrector, tok: Token, base: str, key: str, info, out: _Decision) -> None:
    """A rare right word one edit from a far commoner one (``carpet fro weeks``) that the
    bigram list could not vouch for: the language model decides, on both sides.  The
    commoner word must read better before the word and after it, and by
    ``lm_known_word_gain`` (log10) in all, the bar every change of a right word into
    another must clear (:func:`context_allows`).  Only a word the model finds surprising
    after the words before it (:data:`_SURPRISE`) is searched."""
    s = corr.settings
    if not s.context_lm or len(key) > s.realword_max_length or info.count > s.realword_max_count:
        return
    left, right = lm_window(out)
    if not left or not right or left[-1].startswith("<") or right[0].startswith("<"):
        return
    lex = corr.lexicon
    model = lm_module.get()
    if model is None or not model.knows(key):
        return
    if not (real_word(model, left[-1]) and real_word(model, right[0])):
        return
    keep_own, keep_after = model.window_parts(left, (key,), right)
    if keep_own > _SURPRISE:
        return  # the word reads plausibly after the words before it: no search
    best: tuple[float, str] | None = None
    for cand, _dist in lex.candidates(key, 1):
        ci = lex.info(cand)
        if ci is None or not ci.trusted or ci.keep_only or not model.knows(cand):
            continue
        if ci.count < info.count * s.realword_ratio:
            continue
        if keyboard.channel(key, cand) < s.realword_max_channel:
            continue
        own, after = model.window_parts(left, (cand,), right)
        gain = own + after - keep_own - keep_after
        if own >= keep_own and after >= keep_after and gain >= s.lm_known_word_gain:
            if best is None or gain > best[0]:
                best = (gain, cand)
    if best is None:
        return
    gain, cand = best
    conf = 1.0 / (1.0 + 10 ** -(gain + s.realword_cost))
    if conf < s.min_confidence:
        return
    repl = corr._cased(base, cand, lex.info(cand))
    ctx = " ".join(w for w in (*left[-2:], cand, *right[:2]) if not w.startswith("<"))
    out.corrections.append(
        Correction(
            tok.start,
            tok.start + len(base),
            base,
            repl,
            round(conf, 3),
            f"real-word slip: '{ctx}' reads better; confidence {conf:.2f}",
            "realword",
        )
    )


def known_beside(model, left: tuple[str, ...], right: tuple[str, ...]) -> bool:
    """Whether words stand on both sides and the model knows at least one of the two."""
    return bool(left and right) and (real_word(model, left[-1]) or real_word(model, right[0]))


def real_word(model, word: str) -> bool:
    """A word the language model knows, not a sentence mark or ``<unk>``."""
    return bool(word) and not word.startswith("<") and model.knows(word)


def context_allows(corr: Corrector, typed: str, cand: str, out: _Decision) -> bool:
    """Whether a known word may be changed into another word (``cafe`` -> ``care``) as
    far as context goes: when the model knows both words and real words stand on both
    sides, the candidate must read better by ``lm_known_word_gain`` (log10); otherwise the
    change is only flagged.  Without such context, the spelling evidence decides."""
    s = corr.settings
    if not s.context_lm or " " in cand:
        return True
    left, right = lm_window(out)
    model = lm_module.get()
    if model is None or not left or not right:
        return True
    if not (real_word(model, left[-1]) and real_word(model, right[0])):
        return True
    if not (model.knows(typed) and model.knows(cand)):
        return True
    gain = model.window(left, (cand,), right) - model.window(left, (typed,), right)
    return gain >= s.lm_known_word_gain
