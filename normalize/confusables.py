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
"""

from __future__ import annotations

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
        "what'd how'd where'd why'd what've when's shan't o'clock ma'am"
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
}
# after these (and a possessive) a word is a noun: "his wont", "the well", "your id"
_DETERMINERS = frozenset(
    "a an the this that these those my your his her its our their whose some any no every "
    "each either neither".split()
)
I_FORMS = frozenset({"i'm", "i've", "i'll", "i'd"})


@lru_cache(maxsize=1)
def confusion_sets() -> dict[str, tuple[str, ...]]:
    """word -> the other words of its confusion sets (``data/confusables.txt``)."""
    text = datafiles.read_text("confusables.txt")
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        for w in words:
            out.setdefault(w, []).extend(x for x in words if x != w and x not in out[w])
    return {k: tuple(v) for k, v in out.items()}


# "could of done": "of" typed for "have" (as it sounds) after a modal verb, and only there
_MODALS = frozenset(
    "could should would must might couldn't shouldn't wouldn't mustn't mightn't".split()
)


_IRREGULAR_PARTICIPLES = frozenset(
    "been had got gotten made said seen done gone known taken thought told left lost won "
    "bought brought caught felt found heard kept meant met paid put read run sent set sold "
    "spent stood taught come become given driven eaten fallen forgotten hidden ridden "
    "risen spoken stolen written chosen broken frozen woken begun drunk sung swum "
    "understood let hit cut hurt shut quit".split()
)


def _participle(word: str) -> bool:
    """Whether a word can be a past participle (what follows "could have")."""
    return word in _IRREGULAR_PARTICIPLES or (len(word) > 3 and word.endswith(("ed", "en", "wn")))


def is_confusable(key: str) -> bool:
    """Whether a word (lowercase, straight apostrophes) is one context may change."""
    return key in MISSING_APOSTROPHE or key in AMBIGUOUS_APOSTROPHE or key in confusion_sets()


@dataclass(frozen=True, slots=True)
class Choice:
    text: str  # the replacement, lowercase with a straight apostrophe
    confidence: float
    kind: str  # "apostrophe" (restored) or "realword"
    detail: str
    decisive: bool = True  # False: one side of the context speaks against it (flag only)


def decide(
    key: str,
    left: tuple[str, ...],
    right: tuple[str, ...],
    apostrophe_cost: float,
    confusion_cost: float,
    confusion_cost_both: float | None = None,
) -> Choice | None:
    """The best reading of ``key`` between ``left`` and ``right`` (lowercase words,
    ``<s>``/``</s>`` at sentence ends), or None to keep it.  The confidence is the
    posterior of the change against keeping the word.  A confusion-set word between two
    words the model knows has evidence from both sides: it is priced
    ``confusion_cost_both`` (when given) instead of ``confusion_cost``."""
    fixed = MISSING_APOSTROPHE.get(key)
    if fixed is not None:
        return Choice(fixed, 0.99, "apostrophe", f"missing apostrophe: '{fixed}'")
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
    for c in confusion_sets().get(key, ()):
        if c != AMBIGUOUS_APOSTROPHE.get(key):  # its -> it's is priced as an apostrophe
            alts.append((c, confusion_cost, "realword"))
    if not alts:
        return None
    real_left = [w for w in left if w not in (lm_module.BOS, "<unk>")]
    real_right = [w for w in right if w not in (lm_module.EOS, "<unk>")]
    if not real_left and not real_right:
        return None  # no context, no decision
    keep_own, keep_after = model.window_parts(left, (key,), right)
    best: tuple[float, str, str, bool] | None = None
    for c, cost, kind in alts:
        own, after = model.window_parts(left, (c,), right)
        sc = own + after + cost
        if best is None or sc > best[0]:
            # a real-word slip is decisive only when neither side of the context speaks
            # against the change: the words before it and the words after it both agree
            # (and a word must follow: a sentence end alone says little about "I brake.")
            both = kind != "realword" or (
                own >= keep_own and after >= keep_after and bool(real_right)
            )
            best = (sc, c, kind, both)
    assert best is not None
    diff = best[0] - (keep_own + keep_after)
    conf = 1.0 / (1.0 + 10 ** (-diff))
    if conf < 0.5:
        return None
    c, kind = best[1], best[2]
    ctx = " ".join(w for w in (*left[-2:], c, *right[:2]) if not w.startswith("<"))
    what = "missing apostrophe" if kind == "apostrophe" else "real-word slip"
    return Choice(c, conf, kind, f"{what}: '{ctx}' reads better", best[3])


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
