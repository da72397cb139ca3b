"""Shared fixtures: an isolated environment and one corrector for the whole session.

* ``REDLINE_CACHE`` points at one directory for the whole run, so the compiled index
  (about 10 s to build) is built once per session; set ``REDLINE_TEST_CACHE`` to a
  directory of your own to keep it between runs.
* ``REDLINE_HOME`` is a fresh directory for every test, so the user's own dictionaries
  never leak into a test.
* ``corrector`` loads the shipped ``geopolitics`` dictionary when it exists, otherwise a
  small test dictionary with the names the tests rely on.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from normalize.lexicon import shipped_dictionary_names

settings.register_profile("redline", database=None, deadline=None, print_blob=True)
settings.load_profile("redline")

REPO = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "cases"

# ``bench`` (the scorer) lives in the repository, not in the installed package.
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

#: The names and acronyms the tests need a dictionary to know.
TEST_TERMS = ("Budapest", "Nuland", "NATO", "OSCE", "Tomahawk", "Tomahawks")


@dataclass(frozen=True)
class DictionarySetup:
    """How to load the domain dictionary: for the library and for the command line."""

    dictionaries: tuple[str, ...]
    extra: tuple[str, ...]

    @property
    def cli_args(self) -> list[str]:
        args: list[str] = []
        for d in self.dictionaries + self.extra:
            args += ["--dict", d]
        return args


@pytest.fixture(scope="session", autouse=True)
def redline_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One index cache for the session; a neutral REDLINE_HOME for session fixtures."""
    explicit = os.environ.get("REDLINE_TEST_CACHE")
    if explicit:
        cache = Path(explicit)
    elif os.environ.get("PYTEST_XDIST_WORKER"):
        # pytest-xdist workers share one cache (the index build is file-locked)
        cache = tmp_path_factory.getbasetemp().parent / "redline-cache"
    else:
        cache = tmp_path_factory.mktemp("redline-cache")
    cache.mkdir(parents=True, exist_ok=True)
    mp = pytest.MonkeyPatch()
    mp.setenv("REDLINE_CACHE", str(cache))
    mp.setenv("REDLINE_HOME", str(tmp_path_factory.mktemp("redline-session-home")))
    yield cache
    mp.undo()


@pytest.fixture(autouse=True)
def redline_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty REDLINE_HOME for every test."""
    home = tmp_path / "redline-home"
    home.mkdir()
    monkeypatch.setenv("REDLINE_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def dictionary_setup(
    redline_env: Path, tmp_path_factory: pytest.TempPathFactory
) -> DictionarySetup:
    if "geopolitics" in shipped_dictionary_names():
        return DictionarySetup(("geopolitics",), ())
    path = tmp_path_factory.mktemp("dicts") / "test.txt"
    path.write_text("## name: test\n" + "\n".join(TEST_TERMS) + "\n", encoding="utf-8")
    return DictionarySetup((), (str(path),))


@pytest.fixture(scope="session")
def corrector(dictionary_setup: DictionarySetup):
    """The corrector every engine test shares (the index is opened once)."""
    from normalize.corrector import Corrector

    return Corrector.load(
        dictionaries=list(dictionary_setup.dictionaries),
        extra=list(dictionary_setup.extra),
        user=False,
    )


@pytest.fixture(scope="session")
def load_corrector(dictionary_setup: DictionarySetup):
    """Load a corrector with other settings (``load_corrector(min_confidence=1.0)``)."""
    from normalize.corrector import Corrector

    def load(**overrides: object):
        return Corrector.load(
            dictionaries=list(dictionary_setup.dictionaries),
            extra=list(dictionary_setup.extra),
            user=False,
            **overrides,
        )

    return load
