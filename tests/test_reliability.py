"""Every class of bad input gets a clear answer, nothing is lost, outputs are atomic.

One test (or a few) per row of the README's table "What Redline does with each kind of
input".  Where the exit status and stderr are the point, the installed ``redline``
script runs as a real subprocess; elsewhere :func:`normalize.cli.main` runs in-process
(what the script calls).
"""

from __future__ import annotations

import builtins
import fcntl
import io
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalize.cli import main

REDLINE = Path(sys.executable).with_name("redline")
CLEAN = "This is a plain sentence.\nNothing to fix here at all.\n"
GARBLED = "Legally binding sgrerment.\r\nThst is it.\rEnd of text\n"
FIXED = "Legally binding agreement.\r\nThat is it.\rEnd of text\n"
# Clean text with accents (so that a legacy encoding matters) and every line ending.
ACCENTED = "The café serves crème brûlée to a naïve señor.\r\nA second line.\rThird line\n"


@pytest.fixture
def dict_args(dictionary_setup) -> list[str]:
    return dictionary_setup.cli_args


def redline(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    """The installed script as a subprocess (exit status, stdout and stderr as bytes)."""
    command = [str(REDLINE)] if REDLINE.exists() else [sys.executable, "-m", "normalize"]
    return subprocess.run([*command, *args], capture_output=True, timeout=timeout)


def run_main(args: list[str], input: bytes | None = None) -> tuple[int, bytes, str]:
    """:func:`main` in-process; returns (status, stdout bytes, stderr)."""
    with CliRunner().isolation(input=input) as (out, err, _mixed):
        status = main(args)
        sys.stdout.flush()
        sys.stderr.flush()
        return status, out.getvalue(), err.getvalue().decode()


def one_error_line(stderr: str | bytes) -> str:
    """The single ``redline: error:`` line of ``stderr``; fails on anything else."""
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
    lines = text.splitlines()
    assert len(lines) == 1, text
    assert lines[0].startswith("redline: error: "), text
    assert "Traceback" not in text
    return lines[0]


def leftovers(directory: Path) -> list[str]:
    """Temporary files an atomic write left behind (hidden ``.NAME.*.tmp``)."""
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("encoded", "note"),
    [
        (ACCENTED.encode("utf-8"), None),
        (b"\xef\xbb\xbf" + ACCENTED.encode("utf-8"), None),
        (ACCENTED.encode("utf-16"), "utf-16"),
        (b"\xfe\xff" + ACCENTED.encode("utf-16-be"), "utf-16"),
        (ACCENTED.encode("utf-16-le"), "UTF-16-LE"),  # no byte-order mark
        (ACCENTED.encode("utf-16-be"), "UTF-16-BE"),
        (ACCENTED.encode("cp1252"), "cp1252"),
        (ACCENTED.encode("latin-1"), "cp1252"),  # Latin-1 text is read as its superset
    ],
    ids=[
        "utf-8",
        "utf-8-bom",
        "utf-16-bom",
        "utf-16-be-bom",
        "utf-16-le-no-bom",
        "utf-16-be-no-bom",
        "cp1252",
        "latin-1",
    ],
)
def test_encodings_are_detected_and_line_endings_kept(
    dict_args, tmp_path: Path, encoded: bytes, note: str | None
) -> None:
    src = write(tmp_path / "in.txt", encoded)
    out = tmp_path / "out.txt"
    proc = redline("correct", "--no-progress", *dict_args, str(src), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == ACCENTED.encode("utf-8")  # every LF, CRLF and CR kept
    stderr = proc.stderr.decode()
    if note is None:
        assert stderr == ""
    else:
        # the assumed encoding is named, in one note line
        assert stderr.count("\n") == 1 and stderr.startswith("redline: note: ")
        assert note in stderr


def test_text_output_is_utf8_without_bom(dict_args, tmp_path: Path) -> None:
    """Whatever the input encoding, corrected text comes out as UTF-8 without a BOM."""
    src = write(tmp_path / "in.txt", b"\xef\xbb\xbf" + CLEAN.encode())
    out = tmp_path / "out.txt"
    status, _o, err = run_main(["correct", "--no-progress", *dict_args, str(src), "-o", str(out)])
    assert status == 0 and out.read_bytes() == CLEAN.encode(), err
    status, stdout, _err = run_main(["correct", "--no-progress", *dict_args, str(src)])
    assert status == 0 and stdout == CLEAN.encode()


def test_garbled_text_with_mixed_endings(dict_args, tmp_path: Path) -> None:
    src = write(tmp_path / "in.txt", GARBLED.encode())
    status, out, _err = run_main(["correct", "--no-progress", *dict_args, str(src)])
    assert status == 0 and out == FIXED.encode()


def test_stray_bytes_in_utf8_are_kept_and_noted(dict_args, tmp_path: Path) -> None:
    """Mostly UTF-8 with a few invalid bytes: read as UTF-8 (not as cp1252, which would
    turn every accent into mojibake); the invalid bytes come back byte for byte."""
    data = "The café in Zürich, the crème brûlée.\n".encode() + b"A stray \xff\xfe pair.\n"
    src = write(tmp_path / "in.txt", data)
    out = tmp_path / "out.txt"
    proc = redline("correct", "--no-progress", *dict_args, str(src), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == data
    assert b"not valid UTF-8" in proc.stderr


def test_lone_surrogates_on_stdin_round_trip(dict_args) -> None:
    """Invalid bytes (a cut sequence, an encoded surrogate) become lone surrogates on
    reading and the same bytes on writing."""
    data = "Plain words: café, naïve, Zürich, señor.\n".encode() + b"cut \xc3 and \xed\xa0\x80\n"
    status, out, _err = run_main(["correct", "--no-progress", *dict_args, "-"], input=data)
    assert status == 0 and out == data


# --------------------------------------------------------------------------- binary input


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("a.txt", "hello " * 100)
    return buffer.getvalue()


BINARIES = {
    "pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06",
    "zip": _zip_bytes(),
    "nul-heavy": b"\x00\x01\x02\x03" * 256,  # no signature, a quarter NUL
}


@pytest.mark.parametrize("kind", sorted(BINARIES))
@pytest.mark.parametrize("command", ["correct", "check", "brief"])
def test_binary_file_is_refused(dict_args, tmp_path: Path, kind: str, command: str) -> None:
    """One error line, exit 3 (the documented input-error status, not the issue's 2),
    and no output file."""
    src = write(tmp_path / "scraped.txt", BINARIES[kind])  # the extension does not matter
    target = tmp_path / ("out.pdf" if command == "brief" else "out.txt")
    args = [command, *dict_args, str(src)]
    if command != "check":
        args += ["-o", str(target)]
    proc = redline(*args)
    line = one_error_line(proc.stderr)
    assert proc.returncode == 3
    assert "scraped.txt" in line and "binary" in line
    assert proc.stdout == b""
    assert not target.exists() and leftovers(tmp_path) == []


def test_binary_file_leaves_an_old_output_alone(dict_args, tmp_path: Path) -> None:
    src = write(tmp_path / "photo.txt", BINARIES["png"])
    target = write(tmp_path / "out.txt", b"the previous output\n")
    status, _out, err = run_main(["correct", *dict_args, str(src), "-o", str(target)])
    assert status == 3 and one_error_line(err)
    assert target.read_bytes() == b"the previous output\n"


# --------------------------------------------------------------------------- odd characters


def test_nul_inside_utf8_text_is_text(dict_args, tmp_path: Path) -> None:
    """A few NUL bytes in otherwise UTF-8 text (a scraper artefact) are text, kept."""
    data = b"Plain words with a stray \x00 NUL inside them.\nAnd the sgrerment.\n"
    src = write(tmp_path / "in.txt", data)
    status, out, err = run_main(["correct", "--no-progress", *dict_args, str(src)])
    assert status == 0, err
    assert out == data.replace(b"sgrerment", b"agreement")


ODD = (
    "ctrl \x01\x07\x1b\x7f nul \x00 bom-like \ufeff \ufffe \uffff end\n"
    "zwj \U0001f469\u200d\U0001f469\u200d\U0001f467 flag \U0001f1fa\U0001f1e6 skin "
    "\U0001f44d\U0001f3fd zwnj a\u200cb\n"
    "rtl \u05e9\u05dc\u05d5\u05dd \u200f\u0645\u0631\u062d\u0628\u0627\u200e mixed\n"
    "combining e\u0301 a\u0308\u0304 \u0915\u094d\u0937 nfd Zu\u0308rich\n"
    "vertical tab\x0b form feed\x0c line sep\u2028para sep\u2029 nel\x85 end"
)


def test_odd_characters_are_kept_byte_for_byte(dict_args, tmp_path: Path) -> None:
    data = ODD.encode("utf-8") + b" surrogates \xed\xb2\x80 \xff\n"
    src = write(tmp_path / "in.txt", data)
    out = tmp_path / "out.txt"
    status, _o, err = run_main(["correct", "--no-progress", *dict_args, str(src), "-o", str(out)])
    assert status == 0, err
    assert out.read_bytes() == data


def test_odd_characters_in_a_briefing(dict_args, tmp_path: Path) -> None:
    """The exporters render or drop what a document cannot hold, and say so; no crash."""
    from docx import Document

    src = write(tmp_path / "in.txt", ODD.encode("utf-8") + b" bad \xff byte\n")
    pdf, docx = tmp_path / "b.pdf", tmp_path / "b.docx"
    status, _o, err = run_main(["brief", *dict_args, str(src), "-o", str(pdf), "-o", str(docx)])
    assert status == 0, err
    assert pdf.read_bytes().startswith(b"%PDF") and docx.stat().st_size > 0
    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "left out of this briefing" in text  # the dropped characters are reported
    cells = "\n".join(c.text for t in Document(str(docx)).tables for r in t.rows for c in r.cells)
    assert "\U0001f469\u200d\U0001f469\u200d\U0001f467" in cells
    assert "\u05e9\u05dc\u05d5\u05dd" in cells and "e\u0301" in cells


MARKUP = "a <b>bold</b> &amp; &lt; <font name=x> ]]> <![CDATA[x]]> <!-- c --> \"q\" 's' <br/>\n"


def test_markup_is_text(dict_args, tmp_path: Path) -> None:
    from docx import Document
    from pypdf import PdfReader

    src = write(tmp_path / "in.txt", MARKUP.encode())
    status, out, _err = run_main(["correct", "--no-progress", *dict_args, str(src)])
    assert status == 0 and out == MARKUP.encode()
    pdf, docx = tmp_path / "m.pdf", tmp_path / "m.docx"
    status, _o, err = run_main(["brief", *dict_args, str(src), "-o", str(pdf), "-o", str(docx)])
    assert status == 0, err
    cells = [c.text for t in Document(str(docx)).tables for r in t.rows for c in r.cells]
    assert MARKUP.rstrip("\n") in cells
    pdf_text = "".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    for piece in ("<b>bold</b>", "&amp;", "<font name=x>", "]]>"):
        assert piece in pdf_text


# --------------------------------------------------------------------------- empty input


@pytest.mark.parametrize(
    "data",
    [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\n\r\n\r"],
    ids=["empty", "bom-only", "utf-16-bom-only", "only-line-endings"],
)
def test_empty_input_gives_empty_output(dict_args, tmp_path: Path, data: bytes) -> None:
    src = write(tmp_path / "in.txt", data)
    out = tmp_path / "out.txt"
    proc = redline("correct", "--no-progress", *dict_args, str(src), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    expected = data.decode("utf-16") if data.startswith(b"\xff\xfe") else data.decode("utf-8-sig")
    assert out.read_bytes().decode("utf-8-sig") == expected


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"   \n\n"], ids=["empty", "bom", "blank"])
def test_empty_input_gives_a_briefing_that_says_so(dict_args, tmp_path: Path, data: bytes) -> None:
    from docx import Document
    from pypdf import PdfReader

    src = write(tmp_path / "in.txt", data)
    pdf, docx = tmp_path / "e.pdf", tmp_path / "e.docx"
    status, _o, err = run_main(["brief", *dict_args, str(src), "-o", str(pdf), "-o", str(docx)])
    assert status == 0, err
    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "no text" in text
    pdf_text = " ".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    assert "no text" in " ".join(pdf_text.split())


# --------------------------------------------------------------------------- unreadable


def test_missing_file(dict_args, tmp_path: Path) -> None:
    proc = redline("correct", *dict_args, str(tmp_path / "nope.txt"))
    assert proc.returncode == 3 and "nope.txt: no such file" in one_error_line(proc.stderr)


@pytest.mark.parametrize("command", ["correct", "check", "brief"])
def test_directory_as_input(dict_args, tmp_path: Path, command: str) -> None:
    args = [command, *dict_args, str(tmp_path)]
    if command == "brief":
        args += ["-o", str(tmp_path / "b.pdf")]
    proc = redline(*args)
    assert proc.returncode == 3 and "is a directory" in one_error_line(proc.stderr)
    assert not (tmp_path / "b.pdf").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(dict_args, tmp_path: Path) -> None:
    src = write(tmp_path / "secret.txt", CLEAN.encode())
    src.chmod(0)
    try:
        proc = redline("correct", *dict_args, str(src))
    finally:
        src.chmod(0o644)
    assert proc.returncode == 3 and "permission denied" in one_error_line(proc.stderr)


@pytest.mark.parametrize("command", ["correct", "brief"])
def test_unreadable_file_simulated(
    dict_args, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """The same as :func:`test_unreadable_file`, runnable as root: opening the input
    raises PermissionError as it would for a file without read permission."""
    src = write(tmp_path / "secret.txt", CLEAN.encode())
    real_open = builtins.open
    real_read_bytes = Path.read_bytes

    def guarded_open(file, *args, **kwargs):
        if os.fspath(file) == str(src):
            raise PermissionError(13, "Permission denied", str(src))
        return real_open(file, *args, **kwargs)

    def guarded_read_bytes(self: Path) -> bytes:
        if str(self) == str(src):
            raise PermissionError(13, "Permission denied", str(src))
        return real_read_bytes(self)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(Path, "read_bytes", guarded_read_bytes)
    args = [command, *dict_args, str(src)]
    if command == "brief":
        args += ["-o", str(tmp_path / "b.pdf")]
    status, out, err = run_main(args)
    assert status == 3 and "permission denied" in one_error_line(err)
    assert out == b"" and not (tmp_path / "b.pdf").exists()


# --------------------------------------------------------------------------- outputs


def test_output_into_a_missing_directory(dict_args, tmp_path: Path) -> None:
    src = write(tmp_path / "in.txt", CLEAN.encode())
    target = tmp_path / "no" / "such" / "out.txt"
    proc = redline("correct", *dict_args, str(src), "-o", str(target))
    line = one_error_line(proc.stderr)
    assert proc.returncode == 4 and "does not exist" in line
    assert not target.parent.exists()


def test_output_that_is_a_directory(dict_args, tmp_path: Path) -> None:
    src = write(tmp_path / "in.txt", CLEAN.encode())
    (tmp_path / "d").mkdir()
    proc = redline("correct", *dict_args, str(src), "-o", str(tmp_path / "d"))
    assert proc.returncode == 4 and "directory" in one_error_line(proc.stderr)


@pytest.mark.parametrize(
    "args",
    [
        ["correct", "{src}", "-o", "{src}"],
        ["correct", "{src}", "--report", "{src}"],
        ["correct", "{other}", "{src}", "-o", "{src}"],
        ["brief", "{src}", "-o", "{src}"],
        ["brief", "{src}", "-o", "{tmp}/b.pdf", "--report", "{src}"],
    ],
    ids=["correct-o", "correct-report", "second-input", "brief-o", "brief-report"],
)
def test_output_over_an_input_is_refused(dict_args, tmp_path: Path, args: list[str]) -> None:
    src = write(tmp_path / "in.txt", GARBLED.encode())
    other = write(tmp_path / "other.txt", CLEAN.encode())
    argv = [a.format(src=src, other=other, tmp=tmp_path) for a in args]
    proc = redline(argv[0], *dict_args, *argv[1:])
    assert proc.returncode == 4 and "refusing" in one_error_line(proc.stderr)
    assert src.read_bytes() == GARBLED.encode()
    assert not (tmp_path / "b.pdf").exists()


def test_output_over_an_input_through_a_symlink_is_refused(dict_args, tmp_path: Path) -> None:
    src = write(tmp_path / "in.txt", GARBLED.encode())
    (tmp_path / "link.txt").symlink_to(src)
    status, _o, err = run_main(["correct", *dict_args, str(src), "-o", str(tmp_path / "link.txt")])
    assert status == 4 and "refusing" in one_error_line(err)
    assert src.read_bytes() == GARBLED.encode()


def test_no_output_is_written_when_another_output_cannot_be(dict_args, tmp_path: Path) -> None:
    src = write(tmp_path / "in.txt", GARBLED.encode())
    out = tmp_path / "out.txt"
    status, _o, err = run_main(
        [
            "correct",
            "--no-progress",
            *dict_args,
            str(src),
            "-o",
            str(out),
            "--report",
            str(tmp_path / "missing" / "r.json"),
        ]
    )
    assert status == 4 and one_error_line(err)
    assert not out.exists()


def test_brief_writes_nothing_when_one_output_cannot_be(dict_args, tmp_path: Path) -> None:
    src = write(tmp_path / "in.txt", GARBLED.encode())
    pdf = tmp_path / "b.pdf"
    status, _o, err = run_main(
        ["brief", *dict_args, str(src), "-o", str(pdf), "-o", str(tmp_path / "missing" / "b.docx")]
    )
    assert status == 4 and one_error_line(err)
    assert not pdf.exists()


def test_report_for_a_file_name_that_is_not_utf8(dict_args, tmp_path: Path) -> None:
    src = tmp_path / os.fsdecode(b"caf\xe9.txt")
    src.write_bytes(GARBLED.encode())
    status, _o, err = run_main(
        [
            "correct",
            "--no-progress",
            *dict_args,
            str(src),
            "-o",
            str(tmp_path / "o.txt"),
            "--report",
            str(tmp_path / "r.json"),
        ]
    )
    assert status == 0, err


def test_failed_run_leaves_no_temporary_files(dict_args, tmp_path: Path) -> None:
    src = write(tmp_path / "in.txt", CLEAN.encode())
    target = tmp_path / "out.txt"
    status, _o, _e = run_main(
        ["correct", *dict_args, str(src), str(tmp_path / "nope.txt"), "-o", str(target)]
    )
    assert status == 3
    assert not target.exists() and leftovers(tmp_path) == []


def test_output_keeps_an_existing_files_mode(dict_args, tmp_path: Path) -> None:
    src = write(tmp_path / "in.txt", CLEAN.encode())
    target = write(tmp_path / "out.txt", b"old\n")
    target.chmod(0o640)
    status, _o, err = run_main(
        ["correct", "--no-progress", *dict_args, str(src), "-o", str(target)]
    )
    assert status == 0, err
    assert target.read_bytes() == CLEAN.encode() and target.stat().st_mode & 0o777 == 0o640


def test_exit_statuses_are_distinct(dict_args, tmp_path: Path) -> None:
    """usage 2, input 3, output 4, dictionary 5: one scheme for every command."""
    src = write(tmp_path / "in.txt", CLEAN.encode())
    assert redline("correct", "--no-such-option", str(src)).returncode == 2
    assert redline("correct", *dict_args, str(tmp_path / "missing")).returncode == 3
    assert redline("correct", *dict_args, str(src), "-o", str(src)).returncode == 4
    assert redline("correct", "--dict", str(tmp_path / "none.txt"), str(src)).returncode == 5


# --------------------------------------------------------------------------- large input


def _run_in_pty(args: list[str]) -> tuple[int, str]:
    """Run the script with stderr on a pseudo-terminal; returns (status, what it showed)."""
    command = [str(REDLINE)] if REDLINE.exists() else [sys.executable, "-m", "normalize"]
    leader, follower = pty.openpty()
    # a terminal 100 columns wide (a fresh pty has 0 columns, where tqdm draws nothing)
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen([*command, *args], stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    shown = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return proc.wait(timeout=60), shown.decode("utf-8", "replace")


@pytest.mark.parametrize("quiet", [False, True], ids=["bar", "no-progress"])
def test_progress_bar_only_on_a_terminal(dict_args, tmp_path: Path, quiet: bool) -> None:
    src = write(tmp_path / "in.txt", CLEAN.encode() * 2000)
    out = tmp_path / "out.txt"
    args = ["correct", *dict_args, str(src), "-o", str(out), "--jobs", "1"]
    status, shown = _run_in_pty(args + (["--no-progress"] if quiet else []))
    assert status == 0, shown
    assert ("in.txt" in shown) != quiet, shown  # the bar is labelled with the file name
    # and never when stderr is not a terminal
    assert redline(*args).stderr == b""


LONG_UNIT = "the sgrerment was signed in Budspest and Russia is rsther suspicious "
#: the piece size (``normalize.stream.MAX_PIECE``) the memory tests run the command with:
#: smaller than the real one, so that a line of a few hundred kB is already dozens of
#: pieces and the test takes seconds (the real size on a 3 MB line, which takes minutes,
#: is ``python bench/bench_stream.py --mb 3 --long-line --jobs 1``)
TEST_PIECE = 16 * 1024


def _peak_rss_mib(args: list[str], piece: int = TEST_PIECE) -> tuple[int, float]:
    """Run the command line in a fresh process with pieces of ``piece`` characters;
    (its status, its peak RSS in MiB).  It runs under a small wrapper process, whose
    children's peak is the command's: a process forked from this one (large) would
    report this one's size as its own peak, even after exec."""
    command = (
        "import sys\n"
        "import normalize.stream\n"
        "normalize.stream.MAX_PIECE = int(sys.argv[1])\n"
        "from normalize.cli import main\n"
        "sys.exit(main(sys.argv[2:]))\n"
    )
    wrapper = (
        "import resource, subprocess, sys\n"
        "status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
        "print(status, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    # a bound on a hang, not a speed test (speed is measured in bench/)
    proc = subprocess.run(
        [sys.executable, "-c", wrapper, sys.executable, "-c", command, str(piece), *args],
        capture_output=True,
        text=True,
        timeout=600,
    )
    status, kib = proc.stdout.split()
    return int(status), int(kib) / 1024


#: The README's "Memory" section: per process, a constant (the interpreter, the index
#: mappings and caches) plus up to 25 bytes per character of the longest line (the line,
#: its corrected copy and the records of its corrections; garbled text is the worst case).
BYTES_PER_CHAR = 25


def memory_bound_mib(longest_line_chars: int) -> float:
    """The bound the README's "Memory" section states for one process: 60 MiB for the
    interpreter, the index mappings and caches, plus :data:`BYTES_PER_CHAR` per character
    of the longest line."""
    return 60 + BYTES_PER_CHAR * longest_line_chars / 2**20


@pytest.mark.parametrize("command", ["check", "correct"])
def test_memory_is_bounded_by_the_longest_line(dict_args, tmp_path: Path, command: str) -> None:
    """A line of 24 pieces stays within the README's bound, and costs far less per
    character more than a line of one piece than correcting it whole would: the command
    corrects it piece by piece (normalize.stream).  (On this garbled line the records of
    the corrections alone cost about 22 bytes per character; whole, the corrector's
    working memory costs about 100: both assertions fail.)"""
    short_line = LONG_UNIT * (TEST_PIECE // len(LONG_UNIT))
    line = short_line * 24
    short = write(tmp_path / "short.txt", short_line.encode())
    src = write(tmp_path / "line.txt", line.encode())
    args = [command, "--no-progress", *dict_args]
    if command == "correct":
        args += ["--jobs", "1", "-o", str(tmp_path / "out.txt")]
    expected = 1 if command == "check" else 0  # check: typos found
    status, base = _peak_rss_mib([*args, str(short)])
    assert status == expected
    status, peak = _peak_rss_mib([*args, str(src)])
    assert status == expected
    assert peak < memory_bound_mib(len(line)), (base, peak)
    assert peak - base < 2 * BYTES_PER_CHAR * (len(line) - len(short_line)) / 2**20, (base, peak)
    if command == "correct":  # and the pieces make the line the whole line would give
        fixed = line.replace("sgrerment", "agreement").replace("Budspest", "Budapest")
        assert (tmp_path / "out.txt").read_text(encoding="utf-8") == fixed.replace(
            "rsther", "rather"
        )


def test_a_long_line_corrected_in_pieces_is_the_same_line(corrector) -> None:
    """Pieces are cut between tokens, so words are corrected as they would be whole."""
    from normalize.stream import MAX_PIECE, correct_line

    line = ("Thst sgrerment was signed in Budspest. " * (MAX_PIECE // 20))[: 3 * MAX_PIECE]
    r = correct_line(corrector.correct, line)
    assert r.original == line and len(r.text) == len(line)
    assert "sgrerment" not in r.text and r.text.count("agreement") == line.count("sgrerment")
    for c in r.corrections:
        assert line[c.start : c.end] == c.original
    from normalize.records import apply_corrections

    assert apply_corrections(line, r.corrections) == r.text


def test_unwritable_index_cache_is_one_clear_line(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x")
    env = {**os.environ, "REDLINE_CACHE": str(blocked / "cache")}
    res = subprocess.run(
        [sys.executable, "-m", "normalize", "correct", "-"],
        input="teh test\n",
        capture_output=True,
        text=True,
        env=env,
    )
    assert res.returncode == 4
    assert res.stderr.startswith("redline: error: cannot write the correction index")
    assert res.stderr.count("\n") == 1 and "Traceback" not in res.stderr


# --------------------------------------------------------------------------- issue 13


@pytest.mark.parametrize(
    "args",
    [
        ["correct", "{src}", "-o", "{tmp}/o.txt", "--report", "{tmp}/o.txt"],
        ["correct", "{src}", "-o", "{tmp}/o.txt", "--report", "{tmp}/link.txt"],
        ["brief", "{src}", "-o", "{tmp}/b.pdf", "-o", "{tmp}/b.pdf"],
        ["brief", "{src}", "-o", "{tmp}/b.json", "--report", "{tmp}/b.json"],
    ],
    ids=["report-is-o", "through-a-symlink", "two-o", "brief-report-is-o"],
)
def test_duplicate_outputs_are_refused(dict_args, tmp_path: Path, args: list[str]) -> None:
    """Issue 13.3: --report equal to -o silently overwrote the corrected text."""
    src = write(tmp_path / "in.txt", GARBLED.encode())
    (tmp_path / "link.txt").symlink_to(tmp_path / "o.txt")
    argv = [a.format(src=src, tmp=tmp_path) for a in args]
    status, _out, err = run_main([argv[0], *dict_args, *argv[1:]])
    assert status == 4
    assert "named twice" in one_error_line(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt", "link.txt", "redline-home"]


def test_output_through_a_symlink_replaces_its_target(dict_args, tmp_path: Path) -> None:
    """Issue 13.4: -o onto a symlink replaced the link with a regular file."""
    src = write(tmp_path / "in.txt", GARBLED.encode())
    real = write(tmp_path / "real.txt", b"old")
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    status, _, err = run_main(["correct", *dict_args, str(src), "-o", str(link)])
    assert status == 0, err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == FIXED.encode()
    assert real.stat().st_mode & 0o777 == 0o640
    assert leftovers(tmp_path) == []


def test_output_to_a_fifo_and_a_device_is_streamed(dict_args, tmp_path: Path) -> None:
    """Issue 13.4: -o /dev/null (as root) replaced the system's node with a file."""
    import stat
    import threading

    src = write(tmp_path / "in.txt", GARBLED.encode())
    # a null device of the test's own (never the system's /dev/null: a failing run of
    # old code would replace it with a regular file for the whole machine)
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except OSError:
        null = None  # no CAP_MKNOD: the FIFO below still proves streaming
    if null is not None:
        before = os.stat(null)
        status, _, err = run_main(["correct", *dict_args, str(src), "-o", str(null)])
        assert status == 0, err
        after = os.stat(null)
        assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    status, _, err = run_main(["correct", *dict_args, str(src), "-o", str(fifo)])
    reader.join(30)
    assert status == 0, err
    assert got == [FIXED.encode()]
    assert fifo.is_fifo()


def test_output_onto_a_socket_is_refused(dict_args, tmp_path: Path) -> None:
    import socket

    src = write(tmp_path / "in.txt", GARBLED.encode())
    path = tmp_path / "sock"
    s = socket.socket(socket.AF_UNIX)
    try:
        s.bind(str(path))
        status, _, err = run_main(["correct", *dict_args, str(src), "-o", str(path)])
    finally:
        s.close()
    assert status == 4 and "not a regular file" in one_error_line(err)


@pytest.mark.parametrize("command", ["correct", "brief"])
def test_nothing_is_written_when_a_later_output_cannot_be(
    dict_args, tmp_path: Path, command: str
) -> None:
    """Issue 13.11: the first output was written before the second failed."""
    src = write(tmp_path / "in.txt", GARBLED.encode())
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    if os.geteuid() == 0:  # root writes anywhere, but not into /proc
        locked = Path("/proc/self")
    first = tmp_path / ("o1.txt" if command == "correct" else "a.pdf")
    second = locked / ("r.json" if command == "correct" else "b.docx")
    flag = "--report" if command == "correct" else "-o"
    try:
        status, _, err = run_main(
            [command, *dict_args, str(src), "-o", str(first), flag, str(second)]
        )
    finally:
        (tmp_path / "locked").chmod(0o700)
    assert status == 4, err
    one_error_line(err)
    assert not first.exists() and leftovers(tmp_path) == [] and not second.exists()


def test_a_missing_later_input_writes_nothing(dict_args, tmp_path: Path) -> None:
    """Issue 13.11: -d out with a missing second input wrote the first."""
    src = write(tmp_path / "in.txt", GARBLED.encode())
    out = tmp_path / "out"
    status, _, err = run_main(
        ["correct", *dict_args, str(src), str(tmp_path / "missing.txt"), "-d", str(out)]
    )
    assert status == 3 and "missing.txt: no such file" in one_error_line(err)
    assert not out.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["correct", "--no-such-option", "x"],
        ["correct"],
        ["correct", "--jobs", "0", "x"],
        ["brief", "x"],
        ["check", "--format", "xml", "x"],
        ["frobnicate"],
    ],
)
def test_usage_errors_are_one_line(args: list[str]) -> None:
    """Issue 13.12: click's four-line usage block; the README promises one line."""
    status, _, err = run_main(args)
    assert status == 2
    one_error_line(err)


@pytest.mark.parametrize("flag", ["--report", "-o"])
def test_an_empty_output_path_is_refused(dict_args, tmp_path: Path, flag: str) -> None:
    """Issue 13.12: --report "" was silently ignored."""
    src = write(tmp_path / "in.txt", GARBLED.encode())
    status, _, err = run_main(["correct", *dict_args, str(src), flag, ""])
    assert status == 2 and "empty path" in one_error_line(err)


def test_brief_into_a_fifo_is_streamed(dict_args, tmp_path: Path) -> None:
    """A briefing written to a FIFO: built in a temporary file, then streamed."""
    import threading

    src = write(tmp_path / "in.txt", GARBLED.encode())
    fifo = tmp_path / "brief.pdf"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    status, _, err = run_main(["brief", *dict_args, str(src), "-o", str(fifo)])
    reader.join(60)
    assert status == 0, err
    assert got and got[0].startswith(b"%PDF") and fifo.is_fifo()


def test_a_pipe_as_input_is_read_once(dict_args, tmp_path: Path) -> None:
    """`redline correct <(zcat x.gz)`: checking the inputs first must not consume it."""
    import threading

    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(GARBLED.encode()))
    writer.start()
    status, out, err = run_main(["correct", *dict_args, str(fifo)])
    writer.join(30)
    assert status == 0, err
    assert out == FIXED.encode()
