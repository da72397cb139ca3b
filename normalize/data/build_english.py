"""Regenerate the base English word lists shipped in this folder (run by hand, not at run time).

Source: SCOWL (Spell Checker Oriented Word Lists) as packaged by Debian:
``wamerican-large``/``wbritish-large`` (core: common and standard words, fully inflected,
American and British spellings) and ``wamerican-huge``/``wbritish-huge`` (the rest: rare
but right words).  ``propercase.txt``: the capitalised words whose lowercase form only the
large lists have, not the medium ones (``wamerican``/``wbritish``, SCOWL size 50): the
lowercase sense is rare (English, German, Geneva; not China, Polish, Turkey); and the
ISO 639-1 language names (Debian iso-codes, through ``pycountry``) whose lowercase form is
not a lowercase-only word of the small list (``wamerican-small``, SCOWL size 35): French,
Welsh (not Polish, Afar, Ewe).
Possessive forms are dropped (the tokenizer handles ``'s``).
Licence: see SCOWL-LICENSE.txt beside this file.

    apt-get install wamerican-small wamerican wbritish wamerican-large wbritish-large \
        wamerican-huge wbritish-huge && pip install pycountry
    python normalize/data/build_english.py
"""

from __future__ import annotations

import gzip
from pathlib import Path

DICT = Path("/usr/share/dict")
HERE = Path(__file__).resolve().parent


def words(*names: str) -> set[str]:
    out: set[str] = set()
    for name in names:
        for line in (DICT / name).read_text(encoding="utf-8").splitlines():
            w = line.strip()
            if w and not w.endswith("'s"):
                out.add(w)
    return out


def write(name: str, items: set[str]) -> None:
    data = "".join(f"{w}\n" for w in sorted(items)).encode("utf-8")
    with (
        open(HERE / name, "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as fh,
    ):
        fh.write(data)


def main() -> None:
    core = words("american-english-large", "british-english-large")
    huge = words("american-english-huge", "british-english-huge")
    write("en-core.txt.gz", core)
    write("en-rare.txt.gz", huge - core)
    medium = words("american-english", "british-english")
    proper = {
        w
        for w in core
        if w.isalpha() and w[:1].isupper() and w[1:].islower() and w in medium
        if w.lower() in core and w.lower() not in medium
    }
    import pycountry  # only to regenerate this file

    small = words("american-english-small")
    for lang in pycountry.languages:
        name = getattr(lang, "name", "")
        if hasattr(lang, "alpha_2") and name.isalpha() and name.lower() in core:
            if not (name.lower() in small and name not in small):
                proper.add(name)
    header = (
        "# Capitalised words whose lowercase form is rare: SCOWL large, not medium;\n"
        "# ISO 639-1 language names (iso-codes) not lowercase-only in SCOWL small\n"
    )
    (HERE / "propercase.txt").write_text(header + "".join(f"{w}\n" for w in sorted(proper)))


if __name__ == "__main__":
    main()
