"""Words that context must decide: missing apostrophes and confusion sets.

* A contraction typed without its apostrophe (``dont``, ``thats``, ``Im``) is restored;
  when the bare form is not an English word it is restored whatever the context, and it
  is never split or turned into another word.
* When the bare form is a word too (``its``, ``were``, ``ill``, ``wont``, ``well``,
  ``shell``, ``lets``, ``cant``, ``id``, ``wed``), the language model decides.
* Real-word slips from published confusion sets (``data/confusables.txt``: then/than,
  your/you're, to/too, lose/loose ...) are decided by the language model on both sides of
  the word, with a prior against changing what was typed: applied only when the evidence
  is decisive, flagged when it is only suggestive.  ``of`` typed for ``have`` ("could of
  done") is considered only between a modal verb and a past participle.
* Some slips are settled by grammar, by the word next to them, before the model is asked
  (:func:`grammar_fix`: "don't loose", "I'm suppose to", "it's own"); a possessive
  cannot stand before a word no noun phrase begins with ("your a star", "its not").
* Two confusable words side by side are read together (:func:`decide_pair`: "your to
  old"), as neither change alone reads better than what was typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import datafiles
from . import lm as lm_module

# bare form -> contraction, where the bare form is no English word of its own
MISSING_APOSTROPHE: dict[str, str] = {
    w.replace("'", ""): w
    for w in (
        "aren't couldn't didn't doesn't don't hadn't hasn't haven't isn't mightn't "
        "mustn't needn't shouldn't wasn't weren't wouldn't ain't "
        "i'm i've you're you've you'll you'd they're they've they'll they'd we've "
        "he's she's he'd it'll that'll that's what's where's who's there's here's how's "
        "what're who've should've would've could've y'all "
        "must've might've mightn't who'd it'd that'd there'd there'll what'll who'll "
        "what'd how'd where'd why'd what've when's shan't o'clock ma'am "
        # the possessive of an indefinite pronoun: "everyones welcome"
        "everyone's someone's anyone's everybody's somebody's anybody's nobody's"
    ).split()
}
# bare form -> contraction, where the bare form is a word too: context decides
AMBIGUOUS_APOSTROPHE: dict[str, str] = {
    "its": "it's",
    "were": "we're",
    "ill": "i'll",
    "wont": "won't",
    "well": "we'll",
    "shell": "she'll",
    "lets": "let's",
    "cant": "can't",
    "id": "i'd",
    "wed": "we'd",
    "hell": "he'll",
    "shed": "she'd",
}
# after these (and a possessive) a word is a noun: "his wont", "the well", "your id"
_DETERMINERS = frozenset(
    "a an the this that these those my your his her its our their whose some any no every "
    "each either neither".split()
)
I_FORMS = frozenset({"i'm", "i've", "i'll", "i'd"})
# possessive determiners whose confusion-set rivals are verb phrases (you're, they're,
# there): followed by a word of NOT_AFTER_POSSESSIVE they cannot be possessives
POSSESSIVES = frozenset({"your", "their"})  # and "its", whose rival is it's alone
# words that never follow a possessive determiner ("your a star", "their is no way",
# "your not", "your in trouble"); unless joined by a hyphen ("your in-laws", checked by
# the caller).  Not those that can be nouns or adjectives: will, can, might, must, do,
# still, just ("against their will", "their just reward"); nor "being" ("your being
# late"), nor adverbs that can modify an adjective in the noun phrase ("your really old
# car", "its nearly new tyres", "your already full diary")
NOT_AFTER_POSSESSIVE = frozenset(
    "a an the this these those my your his her our their its not never always also "
    "been is was are were has had have would could should does did gonna for in on at "
    "with from about by into of".split()
)
# words that never begin what follows the possessive "its" (a noun phrase: "its tail",
# "its own", "its very best", "its most famous"): articles and other determiners,
# pronouns, auxiliaries, prepositions, adverbs of time, degree and negation.  After one of
# them "its" is read as "it's" at the price of any other missing apostrophe, not the
# higher price of its/it's ("its still raining", "its for my sister", "its been ages")
NO_NOUN_PHRASE = frozenset(
    "a an the this these those my your his her our their its not no never still just "
    "really always also already even ever so too quite rather because if when as what "
    "how why where who which that there here then than been being be is was are were "
    "has had have will would can could should might must do does did gonna going getting "
    "raining snowing got for in on at with from about like by into onto of off out up "
    "down nearly almost probably definitely actually literally totally honestly "
    "basically".split()
)


@lru_cache(maxsize=1)
def confusion_sets() -> dict[str, tuple[str, ...]]:
    """word -> the other words of its confusion sets (``data/confusables.txt`` and the
    pairs taken from LanguageTool, ``data/confusables-languagetool.txt``)."""
    text = datafiles.read_text("confusables.txt")
    text += "\n" + datafiles.read_text("confusables-languagetool.txt")
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        for w in words:
            out.setdefault(w, []).extend(x for x in words if x != w and x not in out[w])
    for word, others in ONE_WAY.items():
        out.setdefault(word, []).extend(others)
    return {k: tuple(v) for k, v in out.items()}


# slips considered one way only: "fell of the wall" is "off"; but "off" is never made
# "of" ("a disaster off the coast").  "of" is so common that it is decided only where
# a verb that takes "off" stands before it (contextfix.forced_words)
ONE_WAY: dict[str, tuple[str, ...]] = {"of": ("off",)}


# "could of done": "of" typed for "have" (as it sounds) after a modal verb, and only there
_MODALS = frozenset(
    "could should would must might couldn't shouldn't wouldn't mustn't mightn't "
    "i'd you'd he'd she'd we'd they'd".split()
)


_IRREGULAR_PARTICIPLES = frozenset(
    "been had got gotten made said seen done gone known taken thought told left lost won "
    "bought brought caught felt found heard kept meant met paid put read run sent set sold "
    "spent stood taught come become given driven eaten fallen forgotten hidden ridden "
    "risen spoken stolen written chosen broken frozen woken begun drunk sung swum "
    "understood let hit cut hurt shut quit worn torn sworn born borne sunk stuck struck "
    "hung won spun dug fought sought held led fed fled slept swept wept built lent bent "
    "dealt shot sat lit slid rung stung swung clung shrunk".split()
)


def _participle(word: str) -> bool:
    """Whether a word can be a past participle (what follows "could have")."""
    return word in _IRREGULAR_PARTICIPLES or (len(word) > 3 and word.endswith(("ed", "en", "wn")))


# log10 units: how far one side of the context may speak against a real-word change, and
# the evidence (after the change's cost) that makes such a change, or one before a
# sentence end, decisive
SIDE_SLACK = 0.5
# ... when the only word before it is the sentence start, which says little about the
# word but how often sentences begin with it ("There customer service was great")
SIDE_SLACK_START = 1.0
STRONG_EVIDENCE = 1.5
# log10: what the words before a real-word slip must say alone (after its cost) when a
# comma or a dash follows it, so the words after say little ("catch my breathe, the")
PAUSE_EVIDENCE = 3.0


# log10: "than" after a comparative earlier in the clause
COMPARATIVE_BONUS = 1.5
_COMPARATIVES = frozenset(
    "more less rather other better worse fewer larger smaller bigger higher lower cheaper "
    "easier harder faster slower longer shorter older younger quicker stronger weaker "
    "greater sooner nicer warmer colder thinner thicker hotter wetter drier darker "
    "lighter heavier cleaner louder quieter richer poorer busier safer wider deeper "
    "taller happier brighter healthier tougher softer smarter further farther earlier "
    "cheaper dearer fresher sweeter stronger tighter looser newer".split()
)
_CLAUSE = re.compile(r"[^,;:.!?()\n]*$")


def comparative_before(text: str, start: int) -> bool:
    """Whether a comparative ("more", "better", ...) stands among the six words before
    ``start`` in the same clause, and the word right before it is no conjunction ("and
    then", "but then")."""
    clause = _CLAUSE.search(text, max(0, start - 80), start)
    words = clause.group().lower().split()[-6:] if clause else []
    if not words or words[-1] in ("and", "but", "or", "so", "even", "just", "since", "until"):
        return False
    return any(w in _COMPARATIVES for w in words)


# bare forms that, first in a sentence and followed by a word, can only be the
# contraction: the noun or adjective (cant, wont, lets, id) needs a word before it
_START_CONTRACTIONS = frozenset({"cant", "wont", "lets", "id"})


def _were_ing(key: str, left: tuple[str, ...], right: tuple[str, ...]) -> bool:
    """``Were going to ...`` at a sentence start: a question would need a subject after
    "were" ("Were you going"), so a verb in -ing right after it makes it "we're"."""
    return (
        key == "were"
        and left[-1:] == (lm_module.BOS,)
        and bool(right)
        and len(right[0]) >= 5
        and right[0].endswith("ing")
        and right[0].isalpha()
    )


def _bonus(word: str, comparative: bool) -> float:
    return COMPARATIVE_BONUS if comparative and word == "than" else 0.0


# the word before a slip that settles it by grammar alone: a verb must follow "to", a
# modal verb or "don't" ("don't loose your ticket"); an adjective follows "come", "break",
# "cut" or "too" ("came lose"); "supposed to" after a form of "be" ("I'm suppose to")
_VERB_NEXT = frozenset(
    "to don't didn't doesn't won't will would could can can't cannot couldn't might may "
    "should shall must gonna".split()
)
_BE = frozenset("am is are was were be been i'm you're we're they're he's she's it's".split())
_LOOSE_BEFORE = frozenset(
    "come came comes coming break broke breaking cut let hang hanging too very".split()
)


# a noun follows these, never a verb: "the affect on", "side affects" (not "this" or
# "that": "the things that affect us")
_NOUN_NEXT = frozenset(
    "a an the no any side positive negative big huge little major minor knock".split()
)
# after "have", "has", "had": a participle ("I have past the test")
_HAVE = frozenset("have has had i've you've we've they've he's she's".split())
_OBJECT_START = frozenset("the my your his her our their a an it them me him this that".split())
# "weather" before a subject, after a word that asks a question or at a sentence start:
# a clause follows ("know weather we can"); not "the weather we had", "bad weather you"
_SUBJECTS = frozenset("i you we they he she it".split())
_WHETHER_BEFORE = frozenset(
    "<s> know knows knew wonder wondering wondered ask asked asking decide decided "
    "deciding sure check checking see tell matter unclear doubt".split()
)
# words after which "form" can only be "from" (not nouns: "the refund form", "a lift form")
_FROM_BEFORE = frozenset(
    "away apart far aside came come comes coming ordered bought borrowed heard".split()
)
# "it's own", "they're own": only a possessive stands before "own"
_OWN = {"it's": "its", "you're": "your", "they're": "their", "there": "their"}
# a verb after "to", a modal verb or "don't" ("can't breath", "I would advice")
_VERB_OF = {"loose": "lose", "breath": "breathe", "advice": "advise"}


def grammar_fix(key: str, left: tuple[str, ...], right: tuple[str, ...]) -> str | None:
    """The word ``key`` must be, by the one word before it (and after it), or None."""
    before = left[-1] if left else ""
    if key in _VERB_OF and before in _VERB_NEXT and (key != "advice" or before != "to"):
        return _VERB_OF[key]  # (not "listen to advice")
    if key in _OWN and right[:1] == ("own",) and before not in ("over", "on", "in", "out"):
        return _OWN[key]
    if key in ("affect", "affects") and before in _NOUN_NEXT:
        return "e" + key[1:]
    if key == "past" and before in _HAVE and right[:1] and right[0] in _OBJECT_START:
        return "passed"  # "I have past my test"; not "I have past experience"
    if key == "bare" and right[:2] == ("with", "me"):
        return "bear"
    if key == "form" and before in _FROM_BEFORE:
        return "from"  # "far away form home", "I ordered form Amazon"
    if key == "thought" and before == "even" and right[:1] and right[0] in _SUBJECTS:
        return "though"  # "even thought it was raining"
    if key == "weather" and right[:1] and right[0] in _SUBJECTS and before in _WHETHER_BEFORE:
        return "whether"  # "I don't know weather we", "Weather you like it or not"
    if key == "lose" and before in _LOOSE_BEFORE:
        return "loose"
    if key == "suppose" and before in _BE and right[:1] == ("to",):
        return "supposed"
    return None


_GRAMMAR_WORDS = frozenset({"suppose", "affects", "form"})


def is_confusable(key: str) -> bool:
    """Whether a word (lowercase, straight apostrophes) is one context may change."""
    return (
        key in MISSING_APOSTROPHE
        or key in AMBIGUOUS_APOSTROPHE
        or (key in confusion_sets() and key not in ONE_WAY)  # "of": where a scan finds it
        or key in _GRAMMAR_WORDS
    )


@dataclass(frozen=True, slots=True)
class Choice:
    text: str  # the replacement, lowercase with a straight apostrophe
    confidence: float
    kind: str  # "apostrophe" (restored) or "realword"
    detail: str
    decisive: bool = True  # False: one side of the context speaks against it (flag only)
    left_gain: float = 0.0  # log10: what the words before it alone say for the change


def decide(
    key: str,
    left: tuple[str, ...],
    right: tuple[str, ...],
    apostrophe_cost: float,
    confusion_cost: float,
    confusion_cost_both: float | None = None,
    comparative: bool = False,
    closed: bool = False,
) -> Choice | None:
    """The best reading of ``key`` between ``left`` and ``right`` (lowercase words,
    ``<s>``/``</s>`` at sentence ends), or None to keep it.  The confidence is the
    posterior of the change against keeping the word.  A confusion-set word between two
    words the model knows has evidence from both sides: it is priced
    ``confusion_cost_both`` (when given) instead of ``confusion_cost``.  ``comparative``:
    a comparative stands earlier in the clause ("more about speed then about dinner"),
    which the model's two words cannot see; "than" costs :data:`COMPARATIVE_BONUS` less.
    ``closed``: the word after it is one no noun phrase begins with
    (:data:`NOT_AFTER_POSSESSIVE`), so a possessive "your" or "their" cannot stand: its
    other readings cost what a missing apostrophe costs, and the grammar makes the best of
    them decisive ("your a star", "their is no way")."""
    fixed = MISSING_APOSTROPHE.get(key)
    if fixed is not None:
        meant = grammar_fix(fixed, left, right)  # "theyre own" is "their own"
        if meant is not None:
            return Choice(meant, 0.97, "realword", f"real-word slip: '{meant}'")
        return Choice(fixed, 0.99, "apostrophe", f"missing apostrophe: '{fixed}'")
    if _were_ing(key, left, right):
        return Choice("we're", 0.99, "apostrophe", "missing apostrophe: 'we're' + -ing verb")
    if key in _START_CONTRACTIONS and left[-1:] == (lm_module.BOS,) and right[:1]:
        if right[0].isalpha():  # "Cant believe it", "Lets go": no sentence starts with the noun
            fixed = AMBIGUOUS_APOSTROPHE[key]
            return Choice(fixed, 0.97, "apostrophe", f"missing apostrophe: '{fixed}' first")
    fixed = grammar_fix(key, left, right)
    if fixed is not None:
        ctx = " ".join(w for w in (*left[-1:], fixed) if not w.startswith("<"))
        return Choice(fixed, 0.97, "realword", f"real-word slip: '{ctx}'")
    model = lm_module.get()
    if model is None:
        return None
    if (
        confusion_cost_both is not None
        and left
        and right
        and not left[-1].startswith("<")
        and not right[0].startswith("<")
        and model.knows(left[-1])
        and model.knows(right[0])
    ):
        confusion_cost = confusion_cost_both
    alts: list[tuple[str, float, str]] = []
    after_det = bool(left) and (left[-1] in _DETERMINERS or left[-1].endswith("'s"))
    if key in AMBIGUOUS_APOSTROPHE and left and not after_det:
        c = AMBIGUOUS_APOSTROPHE[key]
        alts.append((c, apostrophe_cost, "apostrophe"))
    if key == "of" and left and left[-1] in _MODALS and right and _participle(right[0]):
        alts.append(("have", confusion_cost, "realword"))
    grammar = closed and key in POSSESSIVES
    if closed and key == "its" and left and not after_det:
        # "its a", "its not", "its for": no possessive; the grammar decides
        return Choice("it's", 0.97, "apostrophe", "missing apostrophe: 'it's' before a verb phrase")
    for c in confusion_sets().get(key, ()):
        if c != AMBIGUOUS_APOSTROPHE.get(key):  # its -> it's is priced as an apostrophe
            bonus = COMPARATIVE_BONUS if comparative and c == "than" else 0.0
            alts.append((c, (apostrophe_cost if grammar else confusion_cost) + bonus, "realword"))
    if not alts:
        return None
    real_left = [w for w in left if w not in (lm_module.BOS, "<unk>")]
    real_right = [w for w in right if w not in (lm_module.EOS, "<unk>")]
    if not real_left and not real_right:
        return None  # no context, no decision
    keep_own, keep_after = model.window_parts(left, (key,), right)
    slack = SIDE_SLACK_START if left[-1:] == (lm_module.BOS,) else SIDE_SLACK
    best: tuple[float, str, str, bool, bool, float] | None = None
    for c, cost, kind in alts:
        own, after = model.window_parts(left, (c,), right)
        sc = own + after + cost
        if comparative and c == "than":
            own += COMPARATIVE_BONUS  # the comparative is evidence from before the word
        if best is None or sc > best[0]:
            # a real-word slip is decisive only when neither side of the context speaks
            # against the change: the words before it and the words after it both agree
            # (and a word must follow: a sentence end alone says little about "I brake.")
            # the words before speak against it only beyond what the two words' own
            # frequencies explain ("was to" is commoner than "was too" only as "to" is)
            lift = (own - model.unigram(c)) - (keep_own - model.unigram(key))
            agree = lift >= 0 and after >= keep_after
            near = min(lift, after - keep_after) >= -slack
            best = (sc, c, kind, agree, near, own - keep_own + cost - _bonus(c, comparative))
    assert best is not None
    diff = best[0] - (keep_own + keep_after)
    # a real-word slip is decisive when both sides of the context agree and a word follows;
    # when the evidence is strong (STRONG_EVIDENCE), one side may be a little against it
    # ("was to low to": "was to" is common, "to low" is not) or the sentence may end
    # ("come back latter.")
    strong = diff >= STRONG_EVIDENCE
    decisive = (
        best[2] != "realword"
        or grammar
        or ((best[3] or (best[4] and strong)) and (bool(real_right) or strong))
        # "too" last in the sentence ("Thanks, you to."), both sides for it: the words
        # before it speak for "too" only where no verb wants "to" ("want to.", "spoke to.")
        or (key == "to" and best[1] == "too" and best[3] and right[:1] == (lm_module.EOS,))
    )
    conf = 1.0 / (1.0 + 10 ** (-diff))
    if conf < 0.5:
        return None
    c, kind = best[1], best[2]
    ctx = " ".join(w for w in (*left[-2:], c, *right[:2]) if not w.startswith("<"))
    what = "missing apostrophe" if kind == "apostrophe" else "real-word slip"
    return Choice(c, conf, kind, f"{what}: '{ctx}' reads better", decisive, best[5])


# log10: what two slips side by side must gain together, after both changes' costs,
# over the text as typed ("your to old" -> "you're too old")
PAIR_EVIDENCE = STRONG_EVIDENCE


def _readings(key: str, left: tuple[str, ...], apostrophe_cost: float, confusion_cost: float):
    """The other readings of ``key`` after ``left``: (word, cost, kind)."""
    out: list[tuple[str, float, str]] = []
    after_det = bool(left) and (left[-1] in _DETERMINERS or left[-1].endswith("'s"))
    if key in AMBIGUOUS_APOSTROPHE and left and not after_det:
        out.append((AMBIGUOUS_APOSTROPHE[key], apostrophe_cost, "apostrophe"))
    for c in confusion_sets().get(key, ()):
        if c != AMBIGUOUS_APOSTROPHE.get(key):
            out.append((c, confusion_cost, "realword"))
    return out


def decide_pair(
    key: str,
    nxt: str,
    left: tuple[str, ...],
    rest: tuple[str, ...],
    apostrophe_cost: float,
    confusion_cost: float,
) -> Choice | None:
    """Two confusable words side by side, each wrong in a way that hides the other
    ("your to old", "its to expensive": "you're to" and "your too" read no better than
    what was typed): the pair read together.  The first word's reading is returned when
    the best pair changes both words, reads better than every other pair, and gains
    :data:`PAIR_EVIDENCE` (after both changes' costs) over the words as typed, with a
    word after the pair; the second word is then decided again next to the new first."""
    if not left or not rest or rest[0].startswith("<"):
        return None
    if key in MISSING_APOSTROPHE or nxt in MISSING_APOSTROPHE:
        return None
    model = lm_module.get()
    if model is None or not model.knows(rest[0]):
        return None
    first = _readings(key, left, apostrophe_cost, confusion_cost)
    if not first:
        return None
    keep = model.window(left, (key, nxt), rest)
    scored: list[tuple[float, str, str, bool]] = []
    for c1, cost1, kind in [(key, 0.0, ""), *first]:
        second = _readings(nxt, (*left, c1), apostrophe_cost, confusion_cost)
        for c2, cost2, _k in [(nxt, 0.0, ""), *second]:
            if c1 == key and c2 == nxt:
                continue
            sc = model.window(left, (c1, c2), rest) + cost1 + cost2
            scored.append((sc, c1, kind, c1 != key and c2 != nxt))
    if not scored:
        return None
    scored.sort(reverse=True)
    sc, c, kind, both = scored[0]
    diff = sc - keep
    if not both or diff < PAIR_EVIDENCE:
        return None
    conf = 1.0 / (1.0 + 10 ** (-diff))
    what = "missing apostrophe" if kind == "apostrophe" else "real-word slip"
    return Choice(c, conf, kind, f"{what}: read with the word after it", True)


def shape_like(typed: str, fixed: str, lowercase_text: bool, curly: bool) -> str:
    """``fixed`` (lowercase, straight apostrophe) in the typed word's case and the text's
    apostrophe style; I'm/I'll keep their capital unless the whole text is lowercase."""
    if typed.isupper() and len(typed) > 1:
        out = fixed.upper()
    elif typed[:1].isupper() or (fixed in I_FORMS and not lowercase_text):
        out = fixed[:1].upper() + fixed[1:]
    else:
        out = fixed
    return out.replace("'", "\u2019") if curly else out
