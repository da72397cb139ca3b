"""Technical tokens are never corrected: code spans, fenced code, flags, paths, names."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from normalize import Corrector
from normalize.tokenize import CodeFences

_CODE = re.compile(r"```.*?```|``[^\n]+?``|`[^`\n]+`", re.S)
_FLAG = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")
_PATH = re.compile(r"(?<![\w/.~-])(?:~|\.{1,2})?/[\w.@+~-]+(?:/[\w.@+~-]+)*")


def _corrected_lines(corrector: Corrector, text: str) -> str:
    """Line by line, as ``redline correct`` reads a file, skipping fenced code blocks."""
    fences = CodeFences()
    return "".join(
        line if fences.inside(line) else corrector.correct(line).text
        for line in text.splitlines(keepends=True)
    )


@pytest.mark.parametrize("pattern", [_CODE, _FLAG, _PATH], ids=["code", "flags", "paths"])
def test_the_readme_keeps_its_code_spans_flags_and_paths(
    corrector: Corrector, pattern: re.Pattern[str]
) -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    before = pattern.findall(text)
    assert before, "the README has none of these: the test proves nothing"
    for out in (corrector.correct(text).text, _corrected_lines(corrector, text)):
        assert pattern.findall(out) == before


@pytest.mark.parametrize(
    "text",
    [
        "rm -rf /usr/lib",
        "open index.tsx in the editor",
        "pip install tqdm>=4.66 first",
        "see exmaple.xyz/pahtx for it",
        "the `stdin` stream and reads stdin",
        "save it as .docx or a docx file",
        "run redline with --no-user-dicts today",
        "the hash deadbeef matched",
        "call snake_case and camelCase and normalize.corrector.Settings",
        "$ echo 'Legally binding sgrerment' | redline correct -",
        # tracebacks, prompts, diagnostics, stack traces, logs, JSON, SQL
        "Traceback (most recent call last):",
        '  File "/home/ana/proj/app.py", line 42, in <module>',
        "ModuleNotFoundError: No module named 'yaml'",
        "$ git checkout -b fix/teh-typo",
        "user@host:~/src$ make test",
        "src/app/main.rs:17:5: error: unused variable",
        "at com.example.Foo.bar(Foo.java:123)",
        "2024-03-01 12:00:01 WARN  [worker-3] retrying conection in 5s",
        "[12:00:01] ERROR cant opne teh socket",
        '{"name": "redline", "verison": "1.0"}',
        '  "verison": "1.0",',
        "SELECT usr_name, email FROM users WHERE id = 3;",
        # URLs with queries, e-mail, Windows paths, versions, hashtags, mentions
        "see https://example.com/search?q=teh+wrold&lang=en for it",
        "mail me at jhon.doe@exmaple.com please",
        "it lives in C:\\Users\\jdoe\\AppData\\Local\\Tmp",
        "upgrade to v1.2.3-rc1 or 2.0.0b1 first",
        "thanks #pyhton folks and @gvanrossum",
        # computing words the English lexicon lacks or doubts (linux -> links, repo -> report)
        "the repo uses sudo and a symlink to /opt/app",
        "I use linux and vim on my laptop, html and css for the site",
        "use kwargs and args in the func, then fsync the symlinks",
        "set PYTHONPATH and LD_LIBRARY_PATH",
        "run `npm instal` then `yarn biuld`",
        # names joined by ::, a one-letter argument before a flag
        "call foo::barr::bazz and std::vector",
        "npm i -D eslint",
        # lines of code pasted without a fence
        "    raise ValueError('bad valeu')",
        "    yield itme",
        "const usr = await fetchUsr(id);",
        "let resutl = [];",
        "  if (resutl == null) {",
        "public static void mian(String[] args) {",
        # a command or configuration line: three flags or absolute paths
        "git stream tcp4 nowait nobody /usr/bin/git git daemon --inetd --base-path=/var/lib",
        # computing words of Unix and its tools (fltk -> fuck, nss -> ass)
        "the pthread, doxygen and gnutls with nss and fltk",
        "the docstrings and scrollbars of the tkinter GUI",
    ],
)
def test_technical_tokens_are_left_alone(corrector: Corrector, text: str) -> None:
    assert corrector.correct(text).text == text


def test_prose_around_code_is_still_corrected(corrector: Corrector) -> None:
    out = corrector.correct("Run `redline --dict x` on the sgrerment first.").text
    assert out == "Run `redline --dict x` on the agreement first."
    out = corrector.correct("The repo is brokn since teh sudo upgrade.").text
    assert out == "The repo is broken since the sudo upgrade."
    # prose with code spans is no command line, whatever its flags
    out = corrector.correct("Teh fix: run `ls -la /tmp/x/` with `--all --long`.").text
    assert out == "The fix: run `ls -la /tmp/x/` with `--all --long`."


@pytest.mark.parametrize(
    "text", ["I sed it twice", "a lot todo today", "let me knwo (please)", "If (like me) you knwo"]
)
def test_everyday_slips_are_no_computing_words(corrector: Corrector, text: str) -> None:
    """Short words that are also everyday slips are left out of the computing words:
    corrected, or at least flagged ("I sed it twice": said or see? a close call in running
    text), never protected."""
    r = corrector.correct(text)
    assert r.text != text or r.flags


def test_the_computing_words_are_no_english_typos() -> None:
    from normalize.tokenize import is_technical_word, technical_words

    words = technical_words()
    assert len(words) > 400 and all(w == w.lower() and w.isascii() for w in words)
    assert is_technical_word("Linux") and is_technical_word("repo's")
    assert is_technical_word("symlinked") and is_technical_word("fsynced")
    assert not any(is_technical_word(w) for w in ("the", "teh", "sed", "todo", "report"))
    # no suffix on a short word: "guided" is no guid+ed, "corses" no cors+es
    assert not any(is_technical_word(w) for w in ("guided", "corses", "serded", "wiped"))


def test_code_fences_are_tracked_across_lines() -> None:
    fences = CodeFences()
    lines = ["prose", "```sh", "code", "~~~", "more code", "```", "prose again"]
    assert [fences.inside(x) for x in lines] == [False, True, True, True, True, True, False]


def test_redline_correct_on_the_readme_leaves_code_flags_and_paths(
    dictionary_setup, tmp_path
) -> None:
    """The command line reads the file line by line, without the fences' state."""
    from click.testing import CliRunner

    from normalize.cli import main

    out = tmp_path / "README.out"
    args = ["correct", "--no-progress", *dictionary_setup.cli_args]
    with CliRunner().isolation():
        status = main([*args, str(REPO / "README.md"), "-o", str(out)])
    assert status == 0
    text = (REPO / "README.md").read_text(encoding="utf-8")
    got = out.read_text(encoding="utf-8")
    for pattern in (_CODE, _FLAG, _PATH):
        assert pattern.findall(got) == pattern.findall(text)


# --------------------------------------------------------------------------- code blocks

_THREAD = """Re: build fials on teh CI server

I tried this and it still dosnt work:

```python
def recieve(teh_data):
    print("the reult is wrold")  # a comnent with teh typo

    return teh_data
```

Then I ran the tests agian:

~~~
$ pytest -q
E   AssertionEror: wrold != world
~~~

Any idaes? Thanks in advnace.
"""


def _run(args: list[str]) -> tuple[int, str]:
    import sys

    from click.testing import CliRunner

    from normalize.cli import main

    with CliRunner().isolation() as (out, _err, _mixed):
        status = main(args)
        sys.stdout.flush()
        return status, out.getvalue().decode("utf-8")


def _code(text: str) -> list[str]:
    """The lines of the thread's two fenced blocks, fences included."""
    lines = text.splitlines()
    return lines[4:10] + lines[13:17]


@pytest.mark.parametrize("name", ["thread.txt", "thread.md", "thread"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_fenced_blocks_are_left_byte_for_byte(dictionary_setup, tmp_path, name, jobs) -> None:
    """Any text file (a forum thread is often .txt); --jobs 2 with enough lines for a pool."""
    path = tmp_path / name
    text = _THREAD * (1 if jobs == "1" else 60)  # 60 copies: more lines than one chunk
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out.txt"
    args = ["correct", "--no-progress", "-j", jobs, *dictionary_setup.cli_args]
    status, _ = _run([*args, str(path), "-o", str(out)])
    assert status == 0
    got = out.read_text(encoding="utf-8")
    assert _code(got) == _code(text)
    assert "dosnt" not in got and "Any ideas? Thanks in advance." in got  # prose corrected
    assert got.count("wrold") == text.count("wrold")  # only in the code


def test_check_finds_nothing_in_fenced_blocks(dictionary_setup, tmp_path) -> None:
    path = tmp_path / "thread.txt"
    path.write_text(_THREAD, encoding="utf-8")
    status, out = _run(
        ["check", "--no-progress", "--unknown", *dictionary_setup.cli_args, str(path)]
    )
    assert status == 1
    lines = {int(x.split(":")[1]) for x in out.splitlines()}
    assert lines and lines.isdisjoint(range(5, 11)) and lines.isdisjoint(range(14, 18))
    assert {1, 3, 19} <= lines  # the prose around the code


def test_brief_shows_code_lines_unchanged(dictionary_setup, tmp_path) -> None:
    from normalize.pipeline import Pipeline, PipelineOptions, brief_results

    path = tmp_path / "thread.txt"
    path.write_text(_THREAD, encoding="utf-8")
    load = {
        "dictionaries": list(dictionary_setup.dictionaries),
        "extra": list(dictionary_setup.extra),
    }
    with Pipeline([str(path)], PipelineOptions(load=load, jobs=1)) as pipe:
        (result,), _ = brief_results(pipe)
    paragraphs = list(result.paragraphs())
    code = [p for i, p in enumerate(paragraphs) if 4 <= i < 10 or 13 <= i < 17]
    assert all(p.original == p.corrected and not p.corrections for p in code)
    assert not any(f.start for p in code for f in p.flags)
    assert paragraphs[0].corrections  # fials, teh


def test_a_long_line_in_a_fence_is_left_whole(corrector) -> None:
    """A fenced line longer than a piece (see normalize/stream.py) is still code."""
    from normalize.codeblocks import code_lines
    from normalize.stream import MAX_PIECE

    long = "teh wrold = recieve(" * (MAX_PIECE // 10) + ")"
    lines = [("```", "\n"), (long, "\n"), ("```", "\n"), ("teh end", "")]
    assert [code for *_, code in code_lines(lines)] == [True, True, True, False]


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        # a stray fence in a comment thread protects its own paragraph, not the rest
        (["Fix:", "```", "teh code", "and more", "", "teh rest", "", "teh end"], "01110000"),
        (["I typed ``` by mistake", "and this too", "", "teh rest", "", "```", "x"], "0000011"),
        # fences close only with the same character, at least as long, nothing after it
        (["````", "```", "~~~", "````", "prose"], "11110"),
        (["```sh", "code ```", "```", "prose"], "1110"),
        # an inline ```span``` line is no fence; a fence may be indented (in a list)
        (["use ```x``` here", "  ```", "  code", "  ```", "prose"], "01110"),
    ],
)
def test_fence_rules(lines: list[str], code: str) -> None:
    from normalize.codeblocks import code_lines

    got = "".join("1" if c else "0" for *_, c in code_lines((x, "\n") for x in lines))
    assert got == code


def test_unclosed_fence_in_reach(monkeypatch) -> None:
    import normalize.codeblocks as cb

    monkeypatch.setattr(cb, "MAX_AHEAD_LINES", 3)
    lines = ["```", "a", "b", "c", "d", "", "e", "```"]
    got = "".join("1" if c else "0" for *_, c in cb.code_lines((x, "") for x in lines))
    assert got == "11111001"  # no close in reach: the fence's paragraph only


@pytest.mark.parametrize(
    ("flavour", "lines", "code"),
    [
        # Markdown: indented code after a blank line, not a paragraph's continuation
        ("markdown", ["Text", "", "    code here", "    more", "", "Text", "    lazy"], "0011000"),
        # ... nor a list item's indented paragraph
        ("markdown", ["- item", "", "    more of the item", "", "        code"], "00001"),
        # plain text: indentation is a quote or a poem
        ("text", ["Text", "", "    indented prose"], "000"),
        # reStructuredText: literal blocks and code directives, not other directives
        ("rst", ["Example::", "", "    code", "", "Text", ".. note::", "", "   prose"], "00100000"),
        ("rst", [".. code-block:: python", "", "   x = teh", "Text"], "1010"),
    ],
)
def test_indented_code_by_flavour(flavour, lines: list[str], code: str) -> None:
    from normalize.codeblocks import code_lines

    got = "".join("1" if c else "0" for *_, c in code_lines(((x, "") for x in lines), flavour))
    assert got == code


def test_flavour_by_file_name() -> None:
    from normalize.codeblocks import flavour_of

    assert [flavour_of(p) for p in ("a.md", "B.MARKDOWN", "c.rst", "d.txt", "e")] == [
        "markdown",
        "markdown",
        "rst",
        "text",
        "text",
    ]


def test_daemon_names_are_computing_words(corrector: Corrector) -> None:
    """A daemon is its program's name and a d (telnetd was 'talented' at 1.00)."""
    text = "The telnetd and rsyncd of those packages do not use PAM."
    assert corrector.correct(text).text == text
    assert corrector.correct("The telnet servr is down.").text == "The telnet server is down."
