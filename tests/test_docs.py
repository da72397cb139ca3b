"""Docs that cannot drift: the README against `--help`, the tree and its own examples."""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from normalize.cli import cli, main

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = README.index(f"\n## {title}")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def _commands(group: click.Group = cli, prefix: str = "") -> dict[str, click.Command]:
    out: dict[str, click.Command] = {}
    for name, command in group.commands.items():
        path = f"{prefix}{name}"
        out[path] = command
        if isinstance(command, click.Group):
            out.update(_commands(command, path + " "))
    return out


COMMANDS = _commands()


def _options(command: click.Command) -> set[str]:
    names: set[str] = set()
    for p in command.params:
        if isinstance(p, click.Option):
            names.update(o for o in p.opts + p.secondary_opts if o.startswith("--"))
    return names


@pytest.mark.parametrize("name", sorted(n for n, c in COMMANDS.items()))
def test_every_command_is_in_the_readme(name: str) -> None:
    assert f"redline {name}" in README, name


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_is_in_the_readme(name: str) -> None:
    text = _section("Command line")
    missing = [o for o in sorted(_options(COMMANDS[name])) if o not in text]
    assert not missing, f"redline {name}: {missing} not in the README's Command line"


def test_every_option_in_the_readme_exists() -> None:
    known = {"--help", "--version"}
    for command in COMMANDS.values():
        known |= _options(command)
    shown = set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", _section("Command line")))
    assert shown - known == set()


def test_help_of_every_command_runs() -> None:
    for name in COMMANDS:
        result = CliRunner().invoke(cli, [*name.split(), "--help"])
        assert result.exit_code == 0 and result.output.startswith("Usage: "), name
        assert COMMANDS[name].help, f"redline {name} has no help"


def test_architecture_names_every_module() -> None:
    text = _section("Architecture")
    for folder in ("normalize", "normalize/formats", "exporters"):
        for path in sorted((REPO / folder).glob("*.py")):
            if path.stem in ("__init__", "__main__"):
                continue
            assert f"`{path.stem}`" in text or f"{path.name}" in text, f"{folder}/{path.name}"
    for mentioned in re.findall(r"normalize/[\w/]+\.py", text):
        assert (REPO / mentioned).exists(), mentioned


def _examples() -> list[tuple[str, list[str]]]:
    """Each ``$ redline ...`` line of the README's code blocks and the output shown."""
    out = []
    for block in re.findall(r"```[a-z]*\n(.*?)```", README, re.S):
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("$ redline "):
                command, shown = line[2:], []
                rest = iter(lines[i + 1 :])
                for after in rest:
                    if command.endswith("\\"):
                        command = command[:-1] + after.strip()
                        continue
                    if after.startswith("$ "):
                        break
                    shown.append(after)
                out.append((command, shown))
    return out


@pytest.mark.parametrize(("command", "shown"), _examples())
def test_readme_examples_run(
    command: str, shown: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Every `$ redline` example runs (in a folder with the repository's seeds/) and
    prints lines of the shape shown (the exact suggestions belong to the benchmark)."""
    (tmp_path / "seeds").symlink_to(REPO / "seeds")
    monkeypatch.chdir(tmp_path)
    argv = shlex.split(command.split("|")[0])[1:]
    with CliRunner().isolation() as (out, err, _):
        status = main(argv)
        sys.stdout.flush()
        output = out.getvalue().decode()
        errors = err.getvalue().decode()
    assert status in (0, 1), errors
    got = output.splitlines()
    for line in shown:
        prefix = re.match(r"[^ ]+ ", line)
        assert prefix is None or any(g.startswith(prefix.group()) for g in got), line
