"""The ``redline`` command line, through click's CliRunner and once as the installed script.

Error paths go through :func:`normalize.cli.main` (what the script runs), because that is
where typed errors become one ``redline: error:`` line and an exit status.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from normalize import __version__
from normalize.cli import cli, main

REPO = Path(__file__).resolve().parent.parent

GARBLED = "Legally binding sgrerment.\nThst is it.\n"
FIXED = "Legally binding agreement.\nThat is it.\n"
CLEAN = "This is a plain sentence.\nNothing to fix here at all.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def dict_args(dictionary_setup) -> list[str]:
    return dictionary_setup.cli_args


@pytest.fixture
def garbled(tmp_path: Path) -> Path:
    path = tmp_path / "in.txt"
    path.write_text(GARBLED, encoding="utf-8", newline="")
    return path


def run_main(args: list[str], input: bytes | None = None) -> tuple[int, str, str]:
    """Run the real entry point; returns (status, stdout, stderr)."""
    with CliRunner().isolation(input=input) as (out, err, _mixed):
        status = main(args)
        sys.stdout.flush()
        sys.stderr.flush()
        return status, out.getvalue().decode(), err.getvalue().decode()


def assert_one_error_line(status: int, stderr: str, *needles: str) -> None:
    assert status not in (0, 1), stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("redline: error: "), stderr
    assert "Traceback" not in stderr
    for needle in needles:
        assert needle in lines[0]


# --------------------------------------------------------------------------- help, version


def _walk(group: click.Group, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for name, command in sorted(group.commands.items()):
        yield (*path, name)
        if isinstance(command, click.Group):
            yield from _walk(command, (*path, name))


COMMANDS = list(_walk(cli))


def test_the_expected_commands_exist() -> None:
    assert {("correct",), ("check",), ("brief",)} <= set(COMMANDS)


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(runner: CliRunner, flag: str) -> None:
    result = runner.invoke(cli, [flag])
    assert result.exit_code == 0
    assert result.output.strip() == f"redline, version {__version__}"


@pytest.mark.parametrize("path", [(), *COMMANDS], ids=lambda p: " ".join(p) or "redline")
def test_help_on_every_command(runner: CliRunner, path: tuple[str, ...]) -> None:
    result = runner.invoke(cli, [*path, "--help"], prog_name="redline")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Usage: {' '.join(('redline', *path))} ")
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    assert (command.help or "").strip(), f"{' '.join(path)} has no help text"
    assert runner.invoke(cli, [*path, "-h"], prog_name="redline").output == result.output


# --------------------------------------------------------------------------- correct


def test_correct_to_stdout(runner: CliRunner, dict_args, garbled: Path) -> None:
    result = runner.invoke(cli, ["correct", *dict_args, "--no-progress", str(garbled)])
    assert result.exit_code == 0, result.output
    assert result.stdout == FIXED
    assert result.stderr == ""


def test_correct_to_file(runner: CliRunner, dict_args, garbled: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    result = runner.invoke(cli, ["correct", *dict_args, str(garbled), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert out.read_bytes() == FIXED.encode()
    assert garbled.read_text(encoding="utf-8") == GARBLED  # the input is never touched
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "redline-home") == [
        "in.txt",
        "out.txt",
    ]


def test_correct_from_stdin(runner: CliRunner, dict_args) -> None:
    result = runner.invoke(cli, ["correct", *dict_args, "-"], input=GARBLED.encode())
    assert result.exit_code == 0, result.output
    assert result.stdout == FIXED


def test_correct_several_inputs_in_order(runner: CliRunner, dict_args, tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Thst is a.\n", encoding="utf-8")
    b.write_text("Legally binding sgrerment.", encoding="utf-8")
    result = runner.invoke(cli, ["correct", *dict_args, str(a), str(b)])
    assert result.stdout == "That is a.\nLegally binding agreement."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"Thst is\r\nfine\r\nLegally binding sgrerment\r\n",
            b"That is\r\nfine\r\nLegally binding agreement\r\n",
        ),
        (
            b"Thst is\rfine\rLegally binding sgrerment\r",
            b"That is\rfine\rLegally binding agreement\r",
        ),
        (b"Thst is\r\n\r\nfine\rsgrerment\n\n", b"That is\r\n\r\nfine\ragreement\n\n"),
        (b"no final newline, Thst", b"no final newline, That"),
    ],
    ids=["crlf", "cr", "mixed", "no-final-eol"],
)
def test_line_endings_preserved_byte_for_byte(
    runner: CliRunner, dict_args, tmp_path: Path, data: bytes, expected: bytes
) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(data)
    result = runner.invoke(cli, ["correct", *dict_args, str(src)])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == expected
    out = tmp_path / "out.txt"
    result = runner.invoke(cli, ["correct", *dict_args, str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == expected
    result = runner.invoke(cli, ["correct", *dict_args, "-"], input=data)
    assert result.stdout_bytes == expected


def test_utf8_bom_and_utf16_inputs_come_out_as_utf8(
    runner: CliRunner, dict_args, tmp_path: Path
) -> None:
    for i, data in enumerate([b"\xef\xbb\xbf" + GARBLED.encode(), GARBLED.encode("utf-16")]):
        src = tmp_path / f"in{i}.txt"
        src.write_bytes(data)
        result = runner.invoke(cli, ["correct", *dict_args, str(src)])
        assert result.exit_code == 0, result.output
        assert result.stdout_bytes == FIXED.encode()


def test_report_json(runner: CliRunner, dict_args, tmp_path: Path) -> None:
    """``correct --report`` writes redline-report/1, the schema of ``brief --report``."""
    src = tmp_path / "in.txt"
    src.write_text("Nothing here.\nThere isbreally one, said Zqxvbrt.\r\nThst is it.", "utf-8")
    report = tmp_path / "report.json"
    out = tmp_path / "out.txt"
    result = runner.invoke(
        cli, ["correct", *dict_args, str(src), "-o", str(out), "--report", str(report)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["schema"] == "redline-report/1"
    assert data["redline_version"] == __version__
    (source,) = data["sources"]
    assert source["source"] == "in.txt"
    assert source["encoding"] == "utf-8" and source["meta"]["path"] == str(src)
    assert data["command"] == "correct"
    fixes = {
        (r["paragraph"], r["original"], r["replacement"], r["kind"]) for r in source["corrections"]
    }
    assert fixes == {(2, "isbreally", "is really", "runon"), (3, "Thst", "That", "spelling")}
    assert [(u["paragraph"], u["word"]) for u in source["unknown"]] == [(2, "Zqxvbrt")]
    lines = src.read_text(encoding="utf-8").splitlines()
    starts = [sum(len(x) + 1 for x in lines[:i]) for i in range(len(lines))]
    for r in source["corrections"] + source["unknown"]:
        word = r.get("original", r.get("word"))
        at = starts[r["paragraph"] - 1]
        assert lines[r["paragraph"] - 1][r["start"] - at : r["end"] - at] == word


def test_correct_and_brief_report_the_same_corrections(dict_args, tmp_path: Path) -> None:
    """Issue 12: one report schema, the same corrections, for correct, brief and check."""
    src = tmp_path / "t.csv"
    src.write_text(
        'id,body,note\n1,"Thst is it,\r\nsgrerment",wrold\n2,Budspest,teh\n', encoding="utf-8"
    )
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    status, _, err = run_main(
        ["correct", *dict_args, str(src), "-o", str(tmp_path / "o.csv"), "--report", str(a)]
    )
    assert status == 0, err
    status, _, err = run_main(["brief", *dict_args, str(src), "-o", str(b)])
    assert status == 0, err
    status, out, err = run_main(["check", *dict_args, "--format", "json", str(src)])
    assert status == 1, err
    reports = [json.loads(p.read_text(encoding="utf-8")) for p in (a, b)] + [json.loads(out)]
    fixes = [
        [(c["paragraph"], c["original"], c["replacement"]) for c in r["sources"][0]["corrections"]]
        for r in reports
    ]
    assert fixes[0] == fixes[1] == fixes[2]
    assert fixes[0] == [
        (1, "Thst", "That"),
        (1, "sgrerment", "agreement"),
        (2, "Budspest", "Budapest"),
    ]
    assert {r["schema"] for r in reports} == {"redline-report/1"}
    assert [r["command"] for r in reports] == ["correct", "brief", "check"]
    jsonschema = pytest.importorskip("jsonschema")
    from exporters.report import report_schema

    for r in reports:
        jsonschema.validate(r, report_schema())


def test_min_confidence_option(runner: CliRunner, dict_args, garbled: Path) -> None:
    result = runner.invoke(cli, ["correct", *dict_args, "--min-confidence", "1", str(garbled)])
    assert result.exit_code == 0
    assert result.stdout == GARBLED
    bad = runner.invoke(cli, ["correct", *dict_args, "--min-confidence", "2", str(garbled)])
    assert bad.exit_code == 2
    assert "--min-confidence" in bad.output


def test_user_dictionary_and_no_user_dicts(
    runner: CliRunner, dict_args, tmp_path: Path, redline_home: Path
) -> None:
    (redline_home / "dictionaries").mkdir()
    (redline_home / "dictionaries" / "mine.txt").write_text("## name: mine\nZqxvbrt\n", "utf-8")
    src = tmp_path / "in.txt"
    src.write_text("We met Zqxvbrt today.\n", encoding="utf-8")
    with_user = runner.invoke(cli, ["check", *dict_args, "--unknown", str(src)])
    assert (with_user.exit_code, with_user.stdout) == (0, "")
    without = runner.invoke(cli, ["check", *dict_args, "--unknown", "--no-user-dicts", str(src)])
    assert without.exit_code == 1
    assert without.stdout == f"{src}:1:8: Zqxvbrt (unknown)\n"


# --------------------------------------------------------------------------- check


def test_check_lists_findings_and_exits_1(runner: CliRunner, dict_args, garbled: Path) -> None:
    result = runner.invoke(cli, ["check", *dict_args, str(garbled)])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    pattern = re.compile(rf"^{re.escape(str(garbled))}:(\d+):(\d+): (\S+) -> (\S+) \((\w+), ")
    found = [pattern.match(line).groups() for line in lines]  # type: ignore[union-attr]
    assert found == [
        ("1", "17", "sgrerment", "agreement", "spelling"),
        ("2", "1", "Thst", "That", "spelling"),
    ]
    assert garbled.read_text(encoding="utf-8") == GARBLED


def test_check_flags_are_marked(runner: CliRunner, dict_args, garbled: Path) -> None:
    result = runner.invoke(cli, ["check", *dict_args, "--min-confidence", "1", str(garbled)])
    assert result.exit_code == 1
    assert "sgrerment -> agreement? (" in result.stdout


def test_check_clean_text_exits_0(runner: CliRunner, dict_args, tmp_path: Path) -> None:
    src = tmp_path / "clean.txt"
    src.write_text(CLEAN, encoding="utf-8")
    result = runner.invoke(cli, ["check", *dict_args, str(src)])
    assert (result.exit_code, result.stdout) == (0, "")


def test_check_stdin(runner: CliRunner, dict_args) -> None:
    result = runner.invoke(cli, ["check", *dict_args, "-"], input=b"x\nThst is it\n")
    assert result.exit_code == 1
    assert result.stdout.startswith("<stdin>:2:1: Thst -> That")


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize("command", ["correct", "check"])
def test_missing_file(dict_args, tmp_path: Path, command: str) -> None:
    missing = tmp_path / "missing.txt"
    status, out, err = run_main([command, *dict_args, str(missing)])
    assert_one_error_line(status, err, str(missing), "no such file")
    assert status == 3 and out == ""


@pytest.mark.parametrize("command", ["correct", "check"])
def test_directory_input(dict_args, tmp_path: Path, command: str) -> None:
    status, _out, err = run_main([command, *dict_args, str(tmp_path)])
    assert_one_error_line(status, err, "directory")
    assert status == 3


@pytest.mark.parametrize("command", ["correct", "check"])
def test_unknown_dictionary(garbled: Path, command: str) -> None:
    status, _out, err = run_main([command, "--dict", "no-such-dictionary", str(garbled)])
    assert_one_error_line(status, err, "no-such-dictionary")
    assert status == 5


def test_missing_dictionary_file(garbled: Path, tmp_path: Path) -> None:
    status, _out, err = run_main(["correct", "--dict", str(tmp_path / "nope.txt"), str(garbled)])
    assert_one_error_line(status, err, "nope.txt")
    assert status == 5


@pytest.mark.parametrize("command", ["correct", "check"])
def test_binary_file(dict_args, tmp_path: Path, command: str) -> None:
    src = tmp_path / "paper.txt"
    src.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    status, out, err = run_main([command, *dict_args, str(src)])
    assert_one_error_line(status, err, "paper.txt", "binary")
    assert status == 3 and out == ""


@pytest.mark.parametrize("flag", ["-o", "--report"])
def test_output_over_an_input_is_refused(dict_args, garbled: Path, flag: str) -> None:
    status, _out, err = run_main(["correct", *dict_args, str(garbled), flag, str(garbled)])
    assert_one_error_line(status, err, "refusing")
    assert status == 4
    assert garbled.read_text(encoding="utf-8") == GARBLED


def test_output_over_an_input_by_another_path_is_refused(
    dict_args, garbled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(garbled.parent)
    other = f"./../{garbled.parent.name}/in.txt"
    status, _out, err = run_main(["correct", *dict_args, "in.txt", "-o", other])
    assert_one_error_line(status, err, "refusing")
    assert garbled.read_text(encoding="utf-8") == GARBLED


def test_output_into_a_missing_directory(dict_args, garbled: Path, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "dir" / "out.txt"
    status, out, err = run_main(["correct", *dict_args, str(garbled), "-o", str(target)])
    assert_one_error_line(status, err, "does not exist")
    assert status == 4 and out == ""
    assert not (tmp_path / "no").exists()


def test_failed_run_leaves_no_partial_output(dict_args, garbled: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    before = set(os.listdir(tmp_path))
    status, _o, err = run_main(
        ["correct", *dict_args, str(garbled), str(tmp_path / "missing.txt"), "-o", str(out)]
    )
    assert_one_error_line(status, err, "missing.txt")
    assert set(os.listdir(tmp_path)) == before  # no out.txt, no temporary file


def test_usage_error_is_not_a_traceback(garbled: Path) -> None:
    status, _out, err = run_main(["correct", "--no-such-option", str(garbled)])
    assert status == 2
    assert "Traceback" not in err and "no-such-option" in err


# --------------------------------------------------------------------------- installed script


def _script() -> str | None:
    found = shutil.which("redline")
    if found:
        return found
    candidate = Path(sys.executable).parent / "redline"
    return str(candidate) if candidate.exists() else None


@pytest.fixture
def script() -> str:
    path = _script()
    if path is None:
        pytest.skip("the redline script is not installed")
    return path


def test_installed_script(script: str, dict_args, tmp_path: Path) -> None:
    version = subprocess.run([script, "--version"], capture_output=True, timeout=60)
    assert version.returncode == 0
    assert version.stdout.decode().strip() == f"redline, version {__version__}"

    src = tmp_path / "in.txt"
    src.write_bytes(b"Thst is\r\nfine\rLegally binding sgrerment")
    done = subprocess.run(
        [script, "correct", *dict_args, "--no-progress", str(src)],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == b"That is\r\nfine\rLegally binding agreement"

    piped = subprocess.run(
        [script, "correct", *dict_args, "-"], input=b"Thst is\r\n", capture_output=True, timeout=120
    )
    assert piped.stdout == b"That is\r\n"

    missing = subprocess.run(
        [script, "check", *dict_args, str(tmp_path / "missing.txt")],
        capture_output=True,
        timeout=120,
    )
    assert missing.returncode == 3
    assert missing.stdout == b""
    assert_one_error_line(missing.returncode, missing.stderr.decode(), "no such file")


def test_check_reads_a_csv_by_its_text_column(dict_args, tmp_path: Path) -> None:
    """Issue 12: `check t.csv --text-column body` reports only that column (it read the
    CSV as raw lines), exit 1 on a typo."""
    src = tmp_path / "t.csv"
    src.write_text("id,body,note\n1,Thst is it,wrold\n2,fine,teh\n", encoding="utf-8")
    status, out, err = run_main(["check", *dict_args, "--text-column", "body", str(src)])
    assert status == 1, err
    assert len(out.splitlines()) == 1 and out.startswith(f"{src}:2:1: Thst -> That ("), out
    status, out, err = run_main(["check", *dict_args, "--text-column", "note", str(src)])
    assert status == 1 and "wrold" in out and "Thst" not in out
    clean = tmp_path / "c.csv"
    clean.write_text("id,body\n1,fine\n", encoding="utf-8")
    status, out, err = run_main(["check", *dict_args, str(clean), "--jobs", "2"])
    assert (status, out) == (0, "")


@pytest.mark.parametrize(
    ("error", "status"),
    [
        ("UsageError", 2),
        ("InputError", 3),
        ("OutputError", 4),
        ("DictionaryError", 5),
        ("DataError", 6),
    ],
)
def test_each_error_class_has_its_exit_status(
    monkeypatch: pytest.MonkeyPatch, error: str, status: int
) -> None:
    """Issue 12: one exit status per error class, as the README's table says."""
    import normalize.errors as errors
    import normalize.pipeline as pipeline

    def boom(*args, **kwargs):
        raise getattr(errors, error)("it went wrong")

    monkeypatch.setattr(pipeline, "expand_globs", boom)
    code, _out, err = run_main(["check", "x.txt"])
    assert code == status
    assert err == "redline: error: it went wrong\n"
    table = (REPO / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^\| {status} \|[^\n]*`{error}`", table, re.M), error


def test_a_read_failure_is_never_an_output_error(tmp_path: Path) -> None:
    """Issue 12: `except OSError: return 4` reported read failures as output errors."""
    import errno

    from normalize.cli import _is_output

    assert not _is_output(OSError(errno.EIO, "I/O error"))
    assert _is_output(OSError(errno.ENOSPC, "No space left on device"))
    status, _out, err = run_main(["check", str(tmp_path / "missing.txt")])
    assert status == 3 and err.startswith("redline: error: ")
