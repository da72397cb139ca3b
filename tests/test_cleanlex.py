"""The clean lexicon: typos the long word lists hold are corrected, rare right words kept."""

from __future__ import annotations

import pytest

from normalize import Corrector


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("The batallion marched.", "The battalion marched."),  # alone: flagged (0.68)
        ("aquantance", "acquaintance"),
        ("lossing", "losing"),
        ("heathy", "healthy"),
        ("a heathy diet", "a healthy diet"),
        # the plural of a rare word (thig) is no regular form that vouches for itself
        ("He washed the thigs in the sink.", "He washed the things in the sink."),
    ],
)
def test_typos_that_a_long_list_holds_are_corrected(
    corrector: Corrector, typed: str, expected: str
) -> None:
    assert corrector.correct(typed).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "abseil",
        "moult",
        "flâneur",
        "Zaporizhzhia",
        "They abseil down the cliff.",
        "Birds moult in spring.",
        "They recant their story.",
        "A flâneur in Zaporizhzhia.",
    ],
)
def test_rare_but_right_words_are_kept(corrector: Corrector, text: str) -> None:
    r = corrector.correct(text)
    assert r.text == text and not r.flags


def test_a_listed_word_is_doubted_only_beside_a_far_more_frequent_one(
    corrector: Corrector,
) -> None:
    from normalize.cleanlex import doubtful

    lex = corrector.lexicon
    s = corrector.settings
    args = (s.doubtful_max_count, s.doubtful_ratio, s.doubtful_min_length)
    assert doubtful(lex, "heathy", lex.info("heathy"), *args)
    assert not doubtful(lex, "abseil", lex.info("abseil"), *args)
    assert not doubtful(lex, "healthy", lex.info("healthy"), *args)


#: rare but right words from many fields (sport, zoology, geology, cooking, music,
#: politics, linguistics, crafts, typography, places), each in a sentence
RARE_BUT_RIGHT = [
    "They abseil down the cliff before lunch.",
    "Our cat will moult every spring.",
    "A flâneur walked the boulevards of Paris.",
    "The plant near Zaporizhzhia was shelled again.",
    "That patch is a kludge, not a fix.",
    "The eclipse was a rare syzygy of sun, moon and earth.",
    "The outcrop is banded gneiss.",
    "She wore a dirndl to the festival.",
    "The teacher explained zeugma with an example.",
    "After the storm came the smell of petrichor.",
    "Seeing faces in clouds is a kind of apophenia.",
    "The choir sang at the eisteddfod in August.",
    "He coughed up phlegm all night.",
    "They walked across the isthmus at low tide.",
    "The ship sailed into a narrow fjord.",
    "Add the quinoa and the kohlrabi to the salad.",
    "Serve the lamb with tzatziki and warm pitta.",
    "The gnocchi were soft and buttery.",
    "He played the ukulele and she played the marimba.",
    "The senator began a filibuster at noon.",
    "The map was a clear gerrymander.",
    "The manuscript is a palimpsest of older texts.",
    "The password was a shibboleth for the group.",
    "A ptarmigan turns white in winter.",
    "The axolotl can regrow its limbs.",
    "An okapi looks like a cross between a zebra and a giraffe.",
    "A narwhal surfaced near the boat.",
    "The pangolin is the most trafficked mammal.",
    "Banned poems circulated as samizdat.",
    "The Dnipro flows through Kyiv.",
    "Shelling continued in Kharkiv overnight.",
    "The talks moved to Tbilisi and then Bratislava.",
    "Brewing is applied zymurgy.",
    "It was a quixotic attempt to win.",
    "Compute each eigenvalue of the matrix.",
    "The font uses a slab serif and tight kerning.",
    "Knit one, purl one.",
    "The joint is a dovetail, not a mortise.",
    "He shaped the beam with an adze.",
    "We ate baklava and drank mint tea.",
    "A jar of sauerkraut and a gherkin.",
    "She had muesli for breakfast.",
    "The dirigible drifted over the hangar.",
    "The cwm was filled with mist.",
    "A wren sang from the hawthorn.",
    "The yurt was warm inside.",
    "The fjords and the skerries were icy.",
    "He played a bodhrán in the pub.",
]


def test_rare_but_right_words_in_running_text_are_kept(corrector: Corrector) -> None:
    text = "\n".join(RARE_BUT_RIGHT)
    assert len(RARE_BUT_RIGHT) >= 40
    r = corrector.correct(text)
    assert [(c.original, c.replacement) for c in r.corrections] == []
    assert [(f.original, f.suggestion) for f in r.flags] == []
    assert r.text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The social medias are loud.", "The social media are loud."),
        ("The news medias ignored the story.", "The news media ignored the story."),
    ],
)
def test_an_uncommon_listed_word_is_contested_where_context_vouches_for_another(
    corrector: Corrector, text: str, expected: str
) -> None:
    assert corrector.correct(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "O'er vales and hills they rode.",
        "The boat ran aground on the sandbar.",
        "A dull thud came from the attic.",
    ],
)
def test_an_uncommon_listed_word_stays_where_context_does_not_vouch(
    corrector: Corrector, text: str
) -> None:
    assert corrector.correct(text).text == text


def test_forms_of_listed_words_are_kept_and_misspelt_forms_are_not(
    corrector: Corrector,
) -> None:
    """SCOWL "huge" lists regular forms (executables, formatters, licensors) that clean
    licence texts use; a form English spells otherwise (stoped for stopped) or built on
    an obscure word (fealing from feal) is still a misspelling."""
    clean = "The licensors and the Licensor ship executables and formatters."
    assert corrector.correct(clean).text == clean
    assert corrector.correct("The bus stoped and the fealing was gone.").text == (
        "The bus stopped and the feeling was gone."
    )
