"""The spelling correctors Redline is compared with, each through its ordinary interface.

Every peer turns running text into corrected text by applying its *first suggestion* to each
word it flags and leaving every other byte alone, so the same edit scorer applies to all:

* ``aspell`` / ``hunspell``: the ispell pipe protocol (``aspell -a``, ``hunspell -a -d en_US``);
  each line is sent with the ``^`` escape and the first suggestion of each ``&`` result is
  spliced in at the reported offset.
* ``symspellpy``: plain ``SymSpell.lookup`` (edit distance 2, ``Verbosity.TOP``) with its
  bundled English frequency dictionary, on every word not in that dictionary.
* ``pyspellchecker``: ``SpellChecker().correction`` on every word ``unknown`` to it.
* ``autocorrect``: ``Speller(lang="en")(text)``.
* ``textblob``: ``TextBlob(text).correct()``.
* ``redline``: ``normalize.Corrector.load().correct(text).text``.

For symspellpy and pyspellchecker (which have no text interface) words are ASCII letter runs;
words with an apostrophe, digits or inside a URL are left alone; the case of the original is
carried over to the suggestion.  A peer that is not installed reports itself unavailable and
is skipped; nothing is faked.

``python -m bench.peers NAME FILE`` prints FILE corrected by peer NAME (the cold-start probe).
"""

from __future__ import annotations

import importlib.metadata as md
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

_WORD = re.compile(r"(?<![\w'’])[A-Za-z]+(?:['’][A-Za-z]+)*(?![\w'’])")


def _match_case(original: str, suggestion: str) -> str:
    if not suggestion:
        return original
    if len(original) > 1 and original.isupper():
        return suggestion.upper()
    if original[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def _skip_token(tok: str) -> bool:
    low = tok.lower()
    return "://" in low or low.startswith("www.") or "@" in low


def correct_words_in_text(text: str, fix: Callable[[str], str | None]) -> str:
    """Apply ``fix(word)`` (None or the word itself = keep) to each plain word of ``text``."""

    def fix_token(tok: str) -> str:
        if _skip_token(tok):
            return tok

        def sub(m: re.Match[str]) -> str:
            w = m.group(0)
            if "'" in w or "’" in w:
                return w
            s = fix(w)
            return w if not s else _match_case(w, s)

        return _WORD.sub(sub, tok)

    return "".join(
        fix_token(part) if not part.isspace() else part for part in re.split(r"(\s+)", text)
    )


class Peer:
    name = "peer"
    interface = ""

    def available(self) -> tuple[bool, str]:
        return True, ""

    def version(self) -> str:
        return ""

    def setup(self) -> None:
        """Load dictionaries (not timed as correction work)."""

    def correct_lines(self, lines: Sequence[str]) -> list[str]:
        raise NotImplementedError

    def correct_words(self, words: Sequence[str]) -> list[str]:
        return self.correct_lines([w for w in words])

    def cold_command(self, path: Path) -> tuple[list[str], Path | None]:
        """(argv, stdin file) for one cold run on ``path``."""
        return [sys.executable, "-m", "bench.peers", self.name, str(path)], None


# --------------------------------------------------------------------------- ispell pipe


class IspellPipe(Peer):
    argv: list[str] = []

    def available(self) -> tuple[bool, str]:
        exe = shutil.which(self.argv[0])
        if not exe:
            return False, f"`{self.argv[0]}` not installed"
        try:
            r = subprocess.run(
                self.argv, input="^hello\n", capture_output=True, text=True, timeout=30
            )
        except (OSError, subprocess.SubprocessError) as e:
            return False, f"`{' '.join(self.argv)}` failed: {e}"
        if r.returncode != 0 or "*" not in r.stdout:
            return False, f"`{' '.join(self.argv)}` failed: {r.stderr.strip()[:200]}"
        return True, ""

    def version(self) -> str:
        try:
            r = subprocess.run(self.argv, input="", capture_output=True, text=True, timeout=30)
            head = r.stdout.splitlines()[0] if r.stdout else ""
            m = re.search(r"\(but really (.*?)\)", head)
            return m.group(1) if m else head
        except (OSError, subprocess.SubprocessError, IndexError):
            return ""

    def correct_lines(self, lines: Sequence[str]) -> list[str]:
        clean = [ln.replace("\n", " ") for ln in lines]
        payload = "".join(f"^{ln}\n" for ln in clean)
        r = subprocess.run(
            self.argv, input=payload, capture_output=True, text=True, encoding="utf-8"
        )
        out_lines = r.stdout.split("\n")
        if out_lines and out_lines[0].startswith("@(#)"):
            out_lines = out_lines[1:]
        results: list[list[str]] = []
        cur: list[str] = []
        for ol in out_lines:
            if ol == "":
                results.append(cur)
                cur = []
            else:
                cur.append(ol)
        fixed: list[str] = []
        for idx, ln in enumerate(clean):
            res = results[idx] if idx < len(results) else []
            fixed.append(self._apply(ln, res))
        return fixed

    @staticmethod
    def _apply(line: str, results: Sequence[str]) -> str:
        subs: list[tuple[int, int, str]] = []
        for r in results:
            if not r.startswith("&"):
                continue
            head, _, sugg = r.partition(": ")
            parts = head.split()
            if len(parts) < 4:
                continue
            word, off = parts[1], int(parts[3]) - 1  # offsets count the ^ escape
            first = sugg.split(", ")[0].strip()
            if not first:
                continue
            if line[off : off + len(word)] != word:
                # be robust to offset conventions: nearest occurrence
                cands = [m.start() for m in re.finditer(re.escape(word), line)]
                if not cands:
                    continue
                off = min(cands, key=lambda c: abs(c - off))
            subs.append((off, off + len(word), first))
        for s, e, rep in sorted(subs, reverse=True):
            line = line[:s] + rep + line[e:]
        return line

    def cold_command(self, path: Path) -> tuple[list[str], Path | None]:
        return list(self.argv), path


class Aspell(IspellPipe):
    name = "aspell"
    interface = "`aspell -a --lang=en_US`, first suggestion"
    argv = ["aspell", "-a", "--lang=en_US", "--encoding=utf-8"]


class Hunspell(IspellPipe):
    name = "hunspell"
    interface = "`hunspell -a -d en_US`, first suggestion"
    argv = ["hunspell", "-a", "-d", "en_US", "-i", "utf-8"]


# --------------------------------------------------------------------------- python peers


def _pkg_version(dist: str) -> str:
    try:
        return md.version(dist)
    except md.PackageNotFoundError:
        return ""


class PythonPeer(Peer):
    dist = ""
    module = ""

    def available(self) -> tuple[bool, str]:
        try:
            __import__(self.module)
        except Exception as e:  # noqa: BLE001 - any import failure means "not available"
            return False, f"`{self.dist}` not installed ({type(e).__name__})"
        return True, ""

    def version(self) -> str:
        return _pkg_version(self.dist)

    def correct_lines(self, lines: Sequence[str]) -> list[str]:
        self.setup()
        return [self.correct_line(ln) for ln in lines]

    def correct_line(self, line: str) -> str:
        raise NotImplementedError


class SymSpellPy(PythonPeer):
    name = "symspellpy"
    dist = "symspellpy"
    module = "symspellpy"
    interface = "`SymSpell.lookup` (max edit distance 2, top), bundled English dictionary"

    def __init__(self) -> None:
        self._sym = None

    def setup(self) -> None:
        if self._sym is not None:
            return
        import importlib.resources

        from symspellpy import SymSpell

        sym = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
        path = importlib.resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
        sym.load_dictionary(str(path), term_index=0, count_index=1)
        self._sym = sym

    def _fix(self, w: str) -> str | None:
        from symspellpy import Verbosity

        sym = self._sym
        low = w.lower()
        if low in sym.words:  # type: ignore[union-attr]
            return None
        res = sym.lookup(low, Verbosity.TOP, max_edit_distance=2)  # type: ignore[union-attr]
        return res[0].term if res else None

    def correct_line(self, line: str) -> str:
        return correct_words_in_text(line, self._fix)

    def correct_words(self, words: Sequence[str]) -> list[str]:
        self.setup()
        return [self.correct_line(w) for w in words]


class PySpellChecker(PythonPeer):
    name = "pyspellchecker"
    dist = "pyspellchecker"
    module = "spellchecker"
    interface = "`SpellChecker().correction` on `unknown` words"

    def __init__(self) -> None:
        self._sp = None

    def setup(self) -> None:
        if self._sp is None:
            from spellchecker import SpellChecker

            self._sp = SpellChecker()

    def _fix(self, w: str) -> str | None:
        sp = self._sp
        low = w.lower()
        if low in sp:  # type: ignore[operator]
            return None
        return sp.correction(low)  # type: ignore[union-attr]

    def correct_line(self, line: str) -> str:
        return correct_words_in_text(line, self._fix)


class Autocorrect(PythonPeer):
    name = "autocorrect"
    dist = "autocorrect"
    module = "autocorrect"
    interface = '`Speller(lang="en")(text)`'

    def __init__(self) -> None:
        self._sp = None

    def setup(self) -> None:
        if self._sp is None:
            from autocorrect import Speller

            self._sp = Speller(lang="en")

    def correct_line(self, line: str) -> str:
        return self._sp(line)  # type: ignore[misc]


class TextBlobPeer(PythonPeer):
    name = "textblob"
    dist = "textblob"
    module = "textblob"
    interface = "`TextBlob(text).correct()`"

    def setup(self) -> None:
        from textblob import Word

        Word("warmup").correct()

    def correct_line(self, line: str) -> str:
        from textblob import TextBlob

        return str(TextBlob(line).correct())


# --------------------------------------------------------------------------- redline


def redline_executable() -> str | None:
    cand = Path(sys.executable).parent / "redline"
    if cand.exists():
        return str(cand)
    return shutil.which("redline")


class Redline(Peer):
    name = "redline"
    interface = "`Corrector.load().correct(text).text`; cold: `redline correct FILE`"

    def __init__(self) -> None:
        self._c = None
        self.load_seconds = 0.0

    def available(self) -> tuple[bool, str]:
        try:
            from normalize import Corrector  # noqa: F401
        except Exception as e:  # noqa: BLE001
            return False, f"normalize.Corrector not importable ({type(e).__name__}: {e})"
        return True, ""

    def version(self) -> str:
        try:
            import normalize

            v = normalize.__version__
        except Exception:  # noqa: BLE001
            v = "?"
        try:
            repo = Path(__file__).resolve().parent.parent
            sha = subprocess.run(
                ["git", "-C", str(repo), "rev-parse", "--short", "HEAD"],
                capture_output=True,
                text=True,
                timeout=10,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            sha = ""
        return f"{v} ({sha})" if sha else v

    def setup(self) -> None:
        if self._c is None:
            from normalize import Corrector

            t0 = time.perf_counter()
            self._c = Corrector.load()
            self.load_seconds = time.perf_counter() - t0

    def correct_lines(self, lines: Sequence[str]) -> list[str]:
        self.setup()
        text = self._c.correct("\n".join(lines)).text  # type: ignore[union-attr]
        out = text.split("\n")
        if len(out) == len(lines) + 1 and out[-1] == "":
            out.pop()
        return out

    def correct_words(self, words: Sequence[str]) -> list[str]:
        """Top-1 suggestion, as for aspell's first suggestion: the applied correction,
        else the suggestion of a flag (an uncertain fix Redline shows but does not apply)."""
        self.setup()
        out = []
        for w in words:
            r = self._c.correct(w)  # type: ignore[union-attr]
            out.append(r.text if r.corrections or not r.flags else r.flags[0].suggestion)
        return out

    def cold_command(self, path: Path) -> tuple[list[str], Path | None]:
        exe = redline_executable() or "redline"
        return [exe, "correct", str(path)], None

    def cold_available(self) -> tuple[bool, str]:
        exe = redline_executable()
        if not exe:
            return False, "`redline` CLI not installed"
        try:
            r = subprocess.run([exe, "--help"], capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.SubprocessError) as e:
            return False, f"`redline --help` failed: {e}"
        if r.returncode != 0:
            last = (r.stderr.strip().splitlines() or [""])[-1]
            return False, f"`redline` CLI not available ({last[:120]})"
        return True, ""


ALL_PEERS: dict[str, type[Peer]] = {
    p.name: p
    for p in (Redline, Aspell, Hunspell, SymSpellPy, PySpellChecker, Autocorrect, TextBlobPeer)
}


def get_peer(name: str) -> Peer:
    return ALL_PEERS[name]()


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2 or args[0] not in ALL_PEERS:
        print(f"usage: python -m bench.peers {{{','.join(ALL_PEERS)}}} FILE", file=sys.stderr)
        return 2
    peer = get_peer(args[0])
    ok, note = peer.available()
    if not ok:
        print(note, file=sys.stderr)
        return 3
    text = Path(args[1]).read_text(encoding="utf-8")
    lines = text.split("\n")
    trailing = bool(lines) and lines[-1] == ""
    if trailing:
        lines.pop()
    out = peer.correct_lines(lines)
    sys.stdout.write("\n".join(out) + ("\n" if trailing else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
