"""The review page end to end, in a real headless Chromium (Debian's ``chromium``, driven
by Playwright): reject one correction and edit another with the keyboard, stop the server
with Ctrl-C, brief with the decisions and read the PDF.

Skipped (with the reason) where Chromium or Playwright is missing; CI installs Chromium
with ``.ci/install-browser``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from normalize.cli import main

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "seeds" / "000_931c17ec5702943e.txt"
CHROMIUM = os.environ.get("REDLINE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install '.[test]')")
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM} (run .ci/install-browser)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def server(tmp_path: Path, dictionary_setup):
    """`redline review` as a user runs it; yields (url, process, decisions file)."""
    notes = tmp_path / "notes.txt"
    notes.write_text("<script>window.pwned = 1</script> it is rsther odd.\n", encoding="utf-8")
    decisions = tmp_path / "review.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "normalize", "review", str(SAMPLE), str(notes), "--no-browser"]
        + ["--decisions", str(decisions), *dictionary_setup.cli_args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = proc.stdout.readline().strip()  # the first line is the URL
        assert url.startswith("http://127.0.0.1:") and "?token=" in url, proc.stderr.read()
        yield url, proc, decisions
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def _go_to(page, word: str) -> None:
    """Move the selection to the row of ``word`` with j/k, as a person would."""
    words = page.locator(".item[data-id] .orig").all_inner_texts()
    target = words.index(word)
    rows = page.locator(".item[data-id]")
    current = next(i for i in range(rows.count()) if "sel" in rows.nth(i).get_attribute("class"))
    key = "j" if target > current else "k"
    for _ in range(abs(target - current)):
        page.keyboard.press(key)
    assert "sel" in rows.nth(target).get_attribute("class")


def test_review_in_the_browser_then_brief(browser, server, dictionary_setup, tmp_path) -> None:
    from playwright.sync_api import expect

    url, proc, decisions = server
    origin = url.split("/?")[0]
    page = browser.new_page(viewport={"width": 1100, "height": 800})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url)
    page.wait_for_selector(".item[data-id]")
    total = page.locator(".item[data-id]").count()
    assert page.locator("#progress").inner_text() == f"0 / {total} decided"

    _go_to(page, "sgrerment")
    page.keyboard.press("r")
    expect(page.locator("#progress")).to_have_text(f"1 / {total} decided")
    _go_to(page, "Budspest")
    page.keyboard.press("e")
    page.keyboard.press("Control+A")
    page.keyboard.type("BUDAPEST")
    page.keyboard.press("Enter")
    expect(page.locator("#progress")).to_have_text(f"2 / {total} decided")

    states = dict(
        zip(
            page.locator(".item[data-id] .orig").all_inner_texts(),
            page.locator(".item[data-id] .state").all_inner_texts(),
        )
    )
    assert states["sgrerment"] == "rejected"
    assert states["Budspest"] == "edited: BUDAPEST"
    assert states["Tomohawk"] == "undecided"

    # markup in the text is shown as text, never run
    (ctx,) = [
        c for c in page.locator(".item[data-id] .context").all_inner_texts() if "window.pwned" in c
    ]
    assert "<script>window.pwned = 1</script>" in ctx
    assert page.evaluate("typeof window.pwned") == "undefined"

    # the text view shows the decisions applied
    page.keyboard.press("v")
    page.wait_for_selector("#diff ins")
    assert "BUDAPEST" in page.locator("#diff ins").all_inner_texts()
    assert "sgrerment" not in page.locator("#diff del").all_inner_texts()
    assert all(r.startswith(origin) for r in requests), requests  # nothing from elsewhere

    proc.send_signal(signal.SIGINT)  # Ctrl-C
    assert proc.wait(timeout=20) == 0
    assert "stopped" in proc.stderr.read()

    pdf = tmp_path / "briefing.pdf"
    status = main(
        ["brief", str(SAMPLE), "-o", str(pdf), "--decisions", str(decisions)]
        + ["--reviewer", "A. Analyst", *dictionary_setup.cli_args]
    )
    assert status == 0
    import pypdf

    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(str(pdf)).pages)
    assert text.count("Legally binding sgrerment") == 2  # original and corrected columns
    assert "Legally binding agreement" not in text
    assert "BUDAPEST" in text
    assert "Tomahawk" in text  # undecided corrections follow the default
