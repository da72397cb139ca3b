"""Start-up: what a run imports and what it loads (issue 14's cold start).

Each check runs a fresh interpreter and looks at ``sys.modules``: a module imported at
start-up costs every run its import time, whether the run needs it or not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = next((ROOT / "seeds").glob("000_*.txt"))

#: never imported by ``redline correct`` on plain text
HEAVY = (
    "pocketsphinx",  # the trigram model is read from the compiled table
    "numpy",  # only to compile that table, once
    "symspellpy",  # its lookup is ported (lexicon._lookup)
    "wordfreq",  # only to build the index
    "reportlab",
    "docx",
    "pyarrow",
    "dask",
    "charset_normalizer",  # only for input that is not UTF-8
    "tqdm",  # only for a progress bar on a terminal
    "filelock",  # only to build an index
    "exporters",
    "normalize.exporters",
    "importlib.resources",
    "tempfile",  # only to write a file atomically
    "hashlib",  # SHA-256 is built in (normalize.lexicon.sha256)
    "platformdirs",  # the folders are found without it on Linux
)


def _run(code: str, *args: str) -> dict:
    """Run ``code`` in a fresh interpreter; the modules it has imported then, and
    whether the tokenizer's full pattern was compiled."""
    probe = code + (
        "\nimport json, sys\n"
        "tok = sys.modules.get('normalize.tokenize')\n"
        "compiled = tok is not None and 'search' in vars(tok._TOKEN_RE)\n"
        "sys.__stdout__.write(json.dumps({'modules': sorted(sys.modules), 'compiled': compiled}))\n"
    )
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    out = subprocess.run(
        [sys.executable, "-c", probe, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=True,
    )
    return json.loads(out.stdout.splitlines()[-1])


def _heavy(mods: list[str]) -> set[str]:
    return {m for m in mods if m.split(".")[0] in HEAVY or m in HEAVY}


def test_importing_the_command_line_imports_nothing_heavy() -> None:
    mods = _run("import normalize.cli")["modules"]
    assert not _heavy(mods)
    # the corrector, the index and the language model load only when a command runs
    for lazy in ("normalize.corrector", "normalize.index", "normalize.lm", "normalize.lmtable"):
        assert lazy not in mods


def test_the_library_does_not_import_click() -> None:
    mods = _run("import normalize\nfrom normalize.corrector import Corrector")["modules"]
    assert "click" not in mods


PROSE = "I dont think its a good idea to go their tomorrow, but your welcome to try.\n" * 3


@pytest.mark.parametrize("name", ["sample", "prose"])
def test_correcting_imports_nothing_heavy(name: str, tmp_path: Path) -> None:
    """A whole ``redline correct`` run (both need the trigram model: ``its``, ``your``,
    ``their``), output to a file so that stdout carries the probe's answer."""
    src = SAMPLE
    if name == "prose":
        src = tmp_path / "prose.txt"
        src.write_text(PROSE, encoding="utf-8")
    out = tmp_path / "out.txt"
    code = (
        "import sys\nfrom normalize.cli import main\n"
        "try:\n    main(['correct', sys.argv[1], '-o', sys.argv[2]])\n"
        "except SystemExit as e:\n    assert not e.code, e.code\n"
    )
    got = _run(code, str(src), str(out))
    text = out.read_text(encoding="utf-8")
    assert _heavy(got["modules"]) <= {"tempfile", "filelock"}  # -o writes a file atomically
    assert "normalize.lmtable" in got["modules"]  # the model, from its mapped table
    if name == "prose":  # plain prose: the full tokenizer's pattern is never compiled
        assert not got["compiled"]
        assert text.startswith("I don't think it's a good idea to go there tomorrow")
    else:
        assert got["compiled"]  # the sample has numbers and dates


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"XDG_CACHE_HOME": "/x/cache", "XDG_DATA_HOME": "/x/data"},
        {"XDG_CACHE_HOME": "relative", "XDG_DATA_HOME": " "},
        {"HOME": "/home/someone"},
        {"HOME": "relative"},
    ],
)
def test_folders_are_platformdirs_answers_without_importing_it(monkeypatch, env) -> None:
    """The cache and user dictionary folders found without platformdirs on Linux are
    the ones platformdirs gives (it is asked where they might differ)."""
    import platformdirs

    from normalize import lexicon

    for name in ("REDLINE_CACHE", "REDLINE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert str(lexicon.cache_dir()) == platformdirs.user_cache_dir("redline", appauthor=False)
    want = Path(platformdirs.user_data_dir("redline", appauthor=False)) / "dictionaries"
    assert lexicon.user_dictionary_dir() == want


def test_content_keys_are_sha256() -> None:
    """The cache keys' SHA-256 (built in, not hashlib's) is SHA-256."""
    import hashlib

    from normalize.lexicon import sha256

    for data in (b"", b"redline", "naïve".encode() * 1000):
        assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    h = sha256()
    h.update(b"red")
    h.update(b"line")
    assert h.hexdigest() == hashlib.sha256(b"redline").hexdigest()
