"""Review decisions: the decisions file, applying it, the review API (through a real
HTTP client on 127.0.0.1) and `correct`/`brief --decisions`."""

from __future__ import annotations

import http.client
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from normalize import apply_corrections
from normalize.cli import main
from normalize.decisions import (
    Decisions,
    DecisionsError,
    apply_decisions,
    load,
    save,
    spots,
)
from normalize.review import ReviewSession, Source, make_server

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "seeds" / "000_931c17ec5702943e.txt"
TEXT = (
    "Legally binding sgrerment, signed in Budspest.\n"
    "Russia is rsther suspicious; there isbreally no plan.\n"
    "Legally binding sgrerment, signed in Budspest.\n"
)


def run_main(args: list[str]) -> tuple[int, str, str]:
    with CliRunner().isolation() as (out, err, _mixed):
        status = main(args)
        sys.stdout.flush()
        sys.stderr.flush()
        return status, out.getvalue().decode(), err.getvalue().decode()


@pytest.fixture
def result(corrector):
    return corrector.correct(TEXT, source="talks.txt")


def _by_word(session: ReviewSession, word: str) -> list[str]:
    return [i for i in session.order if session.items[i].spot.original == word]


@pytest.fixture
def session(result, tmp_path: Path) -> ReviewSession:
    return ReviewSession([Source(result)], tmp_path / "review.json", settings={"dicts": ["x"]})


# --------------------------------------------------------------------------- library


def test_item_ids_are_stable_and_distinct(corrector, result) -> None:
    first = [s.id for _, s in spots(result)]
    again = [s.id for _, s in spots(corrector.correct(TEXT, source="elsewhere/talks.txt"))]
    assert first == again  # same text, same ids, whatever directory it was read from
    assert len(set(first)) == len(first)  # the repeated line gets its own ids
    moved = corrector.correct("A new first line.\n" + TEXT, source="talks.txt")
    assert set(first) <= {s.id for _, s in spots(moved)}  # lines moved: ids kept


def test_apply_reject_edit_accept_and_default(session: ReviewSession, result) -> None:
    sgr, _sgr2 = _by_word(session, "sgrerment")
    bud = _by_word(session, "Budspest")[0]
    session.decide(sgr, "reject")
    session.decide(bud, "edit", "BUDAPEST")
    out = apply_decisions(result, session.decisions)
    lines = out.text.splitlines()
    assert lines[0] == "Legally binding sgrerment, signed in BUDAPEST."
    assert lines[1] == "Russia is rather suspicious; there is really no plan."  # undecided
    assert lines[2] == "Legally binding agreement, signed in Budapest."  # other copy
    assert out.text == apply_corrections(out.original, out.corrections)
    assert out.meta["review"] == {"applied": 2, "missing": 0, "changed_paragraphs": 0}
    edited = [c for c in out.corrections if c.replacement == "BUDAPEST"]
    assert edited and edited[0].reason == "edited by reviewer"
    assert not any(c.original == "sgrerment" and c.start < 30 for c in out.corrections)


def test_an_accepted_flag_is_applied(corrector, tmp_path: Path) -> None:
    from dataclasses import replace

    from normalize.corrector import Corrector

    # a threshold above every confidence: the fix becomes a flag, not applied
    strict = Corrector(corrector.lexicon, replace(corrector.settings, min_confidence=1.01))
    flagged = strict.correct("Russia is rsther suspicious.", source="f.txt")
    assert flagged.flags and not flagged.corrections
    s = ReviewSession([Source(flagged)], tmp_path / "d.json")
    (only,) = s.order
    assert s.item_dict(only)["flag"] is True
    assert apply_decisions(flagged, s.decisions).text == flagged.original  # default: not
    s.decide(only, "accept")
    out = apply_decisions(flagged, s.decisions)
    assert out.text == "Russia is rather suspicious."
    assert not out.flags


def test_keep_adds_to_user_dictionary_and_rejects_every_copy(
    session: ReviewSession, result, redline_home: Path
) -> None:
    changed = session.decide(_by_word(session, "Budspest")[0], "keep")
    assert len(changed) == 2 and all(c["decision"] == "keep" for c in changed)
    user = (redline_home / "dictionaries" / "user.txt").read_text(encoding="utf-8")
    assert "Budspest" in user.splitlines()
    out = apply_decisions(result, session.decisions)
    assert out.text.count("Budspest") == 2


def test_save_load_round_trip_and_resume(session: ReviewSession, result, tmp_path: Path) -> None:
    sgr = _by_word(session, "sgrerment")[0]
    session.decide(sgr, "reject")
    data = json.loads((tmp_path / "review.json").read_text(encoding="utf-8"))
    assert data["schema"] == "redline-decisions/1"
    assert data["inputs"][0]["name"] == "talks.txt"
    assert len(data["inputs"][0]["sha256"]) == 64
    (d,) = data["decisions"]
    assert (d["id"], d["decision"], d["original"], d["line"]) == (sgr, "reject", "sgrerment", 1)
    again = ReviewSession(
        [Source(result)], tmp_path / "review.json", load(tmp_path / "review.json")
    )
    assert again.item_dict(sgr)["decision"] == "reject"
    assert again.listing()["progress"]["decided"] == 1
    assert not again.notes


def test_changed_input_applies_to_unchanged_paragraphs_only(
    corrector, session: ReviewSession, tmp_path: Path
) -> None:
    for i in session.order:
        session.decide(i, "reject")
    decided = len(session.order)
    changed = TEXT.replace("Russia is rsther", "Russia is rsther very")
    new = corrector.correct(changed, source="talks.txt")
    out = apply_decisions(new, load(tmp_path / "review.json"))
    stats = out.meta["review"]
    assert stats["changed_paragraphs"] == 1 and stats["missing"] == 2
    assert stats["applied"] == decided - 2
    assert out.text.splitlines()[0] == TEXT.splitlines()[0]  # rejected, unchanged line
    assert "rather very" in out.text  # the changed line: default, not the old decision
    # reopening the review on the changed text says so and keeps the old decisions
    again = ReviewSession([Source(new)], tmp_path / "review.json", load(tmp_path / "review.json"))
    assert any("changed" in n for n in again.notes)
    again.save()
    assert len(load(tmp_path / "review.json").items) == decided


@pytest.mark.parametrize(
    "content, needle",
    [
        ("{", "bad JSON"),
        ('{"schema": "other"}', "schema"),
        ("[1]", "schema"),
        ('{"schema": "redline-decisions/1", "decisions": [{"id": "x"}]}', "decision 1"),
    ],
)
def test_malformed_decisions_file(tmp_path: Path, content: str, needle: str) -> None:
    p = tmp_path / "d.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(DecisionsError, match=needle):
        load(p)


def test_tampered_id_is_refused(session: ReviewSession, tmp_path: Path) -> None:
    session.decide(session.order[0], "reject")
    p = tmp_path / "review.json"
    data = json.loads(p.read_text(encoding="utf-8"))
    data["decisions"][0]["start"] += 1
    data["decisions"][0]["end"] += 1
    p.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DecisionsError, match="id does not match"):
        load(p)


def test_save_is_atomic(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    p = folder / "d.json"
    save(Decisions(settings={"a": 1}), p)
    before = p.read_bytes()
    with pytest.raises(TypeError):  # fails half way through writing
        save(Decisions(settings={"a": object()}), p)
    assert p.read_bytes() == before  # the old file, whole; no temporary file left
    assert [x.name for x in folder.iterdir()] == ["d.json"]
    assert load(p).settings == {"a": 1}


# --------------------------------------------------------------------------- the API


class Client:
    def __init__(self, server) -> None:
        self.port = server.port
        self.token = server.token

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        token: str | None | bool = True,
        headers: dict[str, str] | None = None,
        raw: bytes | None = None,
    ) -> tuple[int, Any, dict[str, str]]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        h = {"Content-Type": "application/json"} if (body is not None or raw) else {}
        if token is True:
            h["X-Redline-Token"] = self.token
        elif isinstance(token, str):
            h["X-Redline-Token"] = token
        h.update(headers or {})
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        conn.request(method, path, body=data, headers=h)
        resp = conn.getresponse()
        payload = resp.read()
        conn.close()
        ctype = resp.getheader("Content-Type", "")
        parsed = json.loads(payload) if ctype.startswith("application/json") else payload
        return resp.status, parsed, dict(resp.getheaders())


@pytest.fixture
def client(session: ReviewSession):
    server = make_server(session)
    server.start()
    yield Client(server)
    server.shutdown()
    server.server_close()


def test_items(client: Client) -> None:
    status, data, headers = client.request("GET", "/api/items")
    assert status == 200
    assert headers["Cache-Control"] == "no-store"
    words = [i["original"] for i in data["items"]]
    assert words.count("sgrerment") == 2 and "isbreally" in words
    item = data["items"][words.index("isbreally")]
    assert item["suggestion"] == "is really" and item["kind"] == "runon"
    assert item["line"] == 2 and item["source"] == "talks.txt" and item["decision"] is None
    assert item["context"][item["at"][0] : item["at"][1]] == "isbreally"
    assert 0 < item["confidence"] <= 1
    assert data["progress"] == {"decided": 0, "total": len(words)}


def test_every_decision(client: Client, session: ReviewSession, redline_home: Path) -> None:
    ids = {w: _by_word(session, w)[0] for w in ("sgrerment", "Budspest", "rsther", "isbreally")}
    for word, decision, text in (
        ("sgrerment", "reject", None),
        ("Budspest", "edit", "BUDAPEST"),
        ("rsther", "accept", None),
        ("isbreally", "keep", None),
    ):
        body = {"id": ids[word], "decision": decision}
        if text:
            body["text"] = text
        status, data, _ = client.request("POST", "/api/decisions", body)
        assert status == 200, data
        assert data["changed"][0]["decision"] == decision
    saved = load(session.path)
    assert {d.decision for d in saved.items.values()} == {"reject", "edit", "accept", "keep"}
    assert saved.items[ids["Budspest"]].text == "BUDAPEST"
    status, data, _ = client.request(
        "POST", "/api/decisions", {"id": ids["rsther"], "decision": "clear"}
    )
    assert status == 200 and data["changed"][0]["decision"] is None
    assert ids["rsther"] not in load(session.path).items
    _, diff, _ = client.request("GET", "/api/diff")
    first = diff["sources"][0]["paragraphs"][0]["segments"]
    assert ["ins", "BUDAPEST"] in first and ["del", "Budspest"] in first
    assert not any(s[0] == "del" and s[1] == "sgrerment" for s in first)


def test_bulk_accept(client: Client, session: ReviewSession) -> None:
    client.request("POST", "/api/decisions", {"id": session.order[0], "decision": "reject"})
    status, data, _ = client.request("POST", "/api/bulk", {"kind": "runon"})
    assert status == 200 and data["accepted"] == 1
    status, data, _ = client.request("POST", "/api/bulk", {"min_confidence": 0.0})
    assert data["accepted"] == len(session.order) - 2  # the rejected one stays rejected
    assert session.decisions.items[session.order[0]].decision == "reject"


@pytest.mark.parametrize(
    "path, body, raw, headers, status, needle",
    [
        ("/api/decisions", None, b"{", None, 400, "malformed JSON"),
        ("/api/decisions", [1], None, None, 400, "JSON object"),
        ("/api/decisions", {"id": "x"}, None, None, 400, "decision"),
        ("/api/decisions", {"id": "nope", "decision": "accept"}, None, None, 404, "nope"),
        ("/api/decisions", {"id": 5, "decision": "accept"}, None, None, 404, "no item"),
        ("/api/decisions", {"id": "ID", "decision": "maybe"}, None, None, 400, "unknown decision"),
        ("/api/decisions", {"id": "ID", "decision": "edit"}, None, None, 400, "needs the new"),
        (
            "/api/decisions",
            {"id": "ID", "decision": "edit", "text": "a\nb"},
            None,
            None,
            400,
            "one line",
        ),
        (
            "/api/decisions",
            {"id": "ID", "decision": "reject", "text": "x"},
            None,
            None,
            400,
            "only an edit",
        ),
        (
            "/api/decisions",
            {"id": "ID", "decision": "accept", "x": 1},
            None,
            None,
            400,
            "unknown field",
        ),
        ("/api/decisions", None, b"{}", {"Content-Type": "text/plain"}, 415, "JSON"),
        ("/api/decisions", None, b"x" * 70000, None, 413, "over"),
        ("/api/bulk", {"min_confidence": 2}, None, None, 400, "within 0..1"),
        ("/api/bulk", {}, None, None, 400, "min_confidence"),
        ("/api/nothing", {}, None, None, 404, "no such page"),
        ("/api/items", {}, None, None, 405, "takes GET"),
    ],
)
def test_bad_requests(client, session, path, body, raw, headers, status, needle) -> None:
    if isinstance(body, dict) and body.get("id") == "ID":
        body = dict(body, id=session.order[0])
    got, data, _ = client.request("POST", path, body, raw=raw, headers=headers)
    assert got == status, data
    assert needle in data["error"]
    assert not session.decisions.items  # nothing was decided


@pytest.mark.parametrize("path", ["/", "/app.js", "/api/items", "/api/diff"])
def test_token_is_required(client: Client, path: str) -> None:
    for token in (None, "wrong", client.token[:-1]):
        status, data, _ = client.request("GET", path, token=token)
        assert status == 403 and "token" in data["error"]
    status, _, _ = client.request("GET", f"{path}?token={client.token}", token=None)
    assert status == 200


def test_post_without_token_is_refused(client: Client, session: ReviewSession) -> None:
    body = {"id": session.order[0], "decision": "reject"}
    status, _, _ = client.request("POST", "/api/decisions", body, token=None)
    assert status == 403 and not session.decisions.items


def test_foreign_host_header_is_refused(client: Client) -> None:
    status, data, _ = client.request("GET", "/api/items", headers={"Host": "evil.example:80"})
    assert status == 403 and "Host" in data["error"]


def test_page_is_shipped_and_safe(client: Client) -> None:
    status, page, headers = client.request("GET", "/")
    assert status == 200 and b"<title>Redline review</title>" in page
    assert f"app.js?token={client.token}".encode() in page
    assert not re.search(rb"https?://", page)  # nothing from the internet
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    status, js, _ = client.request("GET", "/app.js")
    assert status == 200 and b"innerHTML" not in js and b"textContent" in js


def test_markup_in_text_is_data(corrector, tmp_path: Path) -> None:
    text = "A note: <script>alert(1)</script> is rsther odd & <b>bold</b>.\n"
    s = ReviewSession([Source(corrector.correct(text, source="x.txt"))], tmp_path / "d.json")
    server = make_server(s)
    server.start()
    try:
        _, data, headers = Client(server).request("GET", "/api/items")
        assert headers["Content-Type"].startswith("application/json")
        (item,) = [i for i in data["items"] if i["original"] == "rsther"]
        assert "<script>alert(1)</script>" in item["context"]  # as text, for textContent
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------- the CLI


@pytest.fixture
def dict_args(dictionary_setup) -> list[str]:
    return dictionary_setup.cli_args


@pytest.fixture
def sample_decisions(corrector, tmp_path: Path) -> Path:
    """What a reviewer decides on the sample: reject sgrerment's fix, Budspest -> BUDAPEST."""
    text = SAMPLE.read_text(encoding="utf-8")
    s = ReviewSession([Source(corrector.correct(text, source=SAMPLE.name))], tmp_path / "r.json")
    s.decide(_by_word(s, "sgrerment")[0], "reject")
    s.decide(_by_word(s, "Budspest")[0], "edit", "BUDAPEST")
    return tmp_path / "r.json"


def test_correct_with_decisions(dict_args, sample_decisions: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    status, _, err = run_main(
        ["correct", str(SAMPLE), "-o", str(out), "--decisions", str(sample_decisions), *dict_args]
    )
    assert status == 0, err
    text = out.read_text(encoding="utf-8")
    assert "Legally binding sgrerment," in text
    assert "Budapest" not in text.splitlines()[56] and "BUDAPEST agreement" in text
    assert "Tomahawk" in text and "Tomohawk" not in text  # undecided: the default


def test_brief_with_decisions(dict_args, sample_decisions: Path, tmp_path: Path) -> None:
    import pypdf

    pdf = tmp_path / "b.pdf"
    status, _, err = run_main(
        ["brief", str(SAMPLE), "-o", str(pdf), "--decisions", str(sample_decisions)]
        + ["--reviewer", "A. Analyst", *dict_args]
    )
    assert status == 0, err
    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(str(pdf)).pages)
    assert "BUDAPEST" in text
    # both columns show the typed word: its fix was rejected
    assert text.count("Legally binding sgrerment") == 2, text
    assert "Legally binding agreement" not in text
    try:
        import exporters.outline  # noqa: F401 - the title block that shows the reviewer
    except ImportError:
        return
    assert "A. Analyst" in text


def test_decisions_for_changed_input_are_noted(
    dict_args, sample_decisions: Path, tmp_path: Path
) -> None:
    changed = tmp_path / SAMPLE.name
    text = SAMPLE.read_text(encoding="utf-8")
    changed.write_text(text.replace("Legally binding sgrerment", "Binding sgrerment"), "utf-8")
    out = tmp_path / "out.txt"
    status, _, err = run_main(
        ["correct", str(changed), "-o", str(out), "--decisions", str(sample_decisions), *dict_args]
    )
    assert status == 0, err
    assert "changed since the review: 1 decision(s)" in err
    assert "Binding agreement" in out.read_text(encoding="utf-8")  # not applied: the default
    assert "BUDAPEST" in out.read_text(encoding="utf-8")  # its paragraph is unchanged


@pytest.mark.parametrize("content", ["{", '{"schema": "nope"}'])
def test_bad_decisions_file_is_one_error_line(dict_args, tmp_path: Path, content: str) -> None:
    bad = tmp_path / "d.json"
    bad.write_text(content, encoding="utf-8")
    status, _, err = run_main(["correct", str(SAMPLE), "--decisions", str(bad), *dict_args])
    assert status == 3
    assert err.startswith("redline: error: ") and len(err.splitlines()) == 1, err


def test_missing_decisions_file(dict_args, tmp_path: Path) -> None:
    status, _, err = run_main(
        ["brief", str(SAMPLE), "-o", str(tmp_path / "b.pdf"), "--decisions", "nope.json"]
    )
    assert status == 3 and "nope.json: no such file" in err
    assert not (tmp_path / "b.pdf").exists()


def test_records_reviewed_like_brief_apply_in_correct(corrector, dict_args, tmp_path: Path) -> None:
    """A CSV reviewed (one paragraph per record, as brief reads it) is applied by
    `correct`, which reads it one record at a time."""
    from normalize.cli_review import _read_sources

    csv = tmp_path / "posts.csv"
    csv.write_text(
        'author,text\nann,"Legally binding sgrerment, in Budspest."\n'
        'bob,"Russia is rsther suspicious."\n',
        encoding="utf-8",
    )
    sources = _read_sources([str(csv)], corrector, "auto", None, False, ["author"])
    assert sources[0].lines == (2, 3) and sources[0].unit == "line"
    s = ReviewSession(sources, tmp_path / "d.json")
    item = s.item_dict(_by_word(s, "rsther")[0])
    assert (item["line"], item["label"]) == (3, "bob")
    s.decide(_by_word(s, "sgrerment")[0], "reject")
    s.decide(_by_word(s, "rsther")[0], "edit", "RATHER")
    out = tmp_path / "out.csv"
    status, _, err = run_main(
        ["correct", str(csv), "-o", str(out), "--decisions", str(tmp_path / "d.json"), *dict_args]
    )
    assert status == 0, err
    import csv as csvmod

    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csvmod.DictReader(fh))
    assert rows[0]["text_corrected"] == "Legally binding sgrerment, in Budapest."
    assert rows[1]["text_corrected"] == "Russia is RATHER suspicious."


def test_review_refuses_bad_arguments_before_serving(tmp_path: Path) -> None:
    status, out, err = run_main(["review", str(tmp_path / "missing.txt"), "--no-browser"])
    assert status == 3 and "no such file" in err and out == ""
    status, out, err = run_main(["review", str(SAMPLE), "--decisions", str(SAMPLE), "--no-browser"])
    assert status == 4 and "it is one of the inputs" in err and out == ""
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    status, out, err = run_main(["review", str(SAMPLE), "--decisions", str(bad), "--no-browser"])
    assert status == 3 and "bad JSON" in err and out == ""
    assert bad.read_text(encoding="utf-8") == "{"  # a file we cannot read is left alone


def test_overlapping_decisions_apply_once(session: ReviewSession, result) -> None:
    from dataclasses import replace

    sgr = session.items[_by_word(session, "sgrerment")[0]]
    session.decide(sgr.id, "edit", "accord")
    # a second decision over the same word (as another run's merge could make)
    wide = replace(sgr.spot, start=sgr.spot.start - 8, original="binding sgrerment")
    other = replace(session.decisions.items[sgr.id], spot=wide, text="BINDING")
    session.decisions.items[other.id] = other
    out = apply_decisions(result, session.decisions)
    assert out.text == apply_corrections(out.original, out.corrections)
    assert out.text.splitlines()[0].startswith("Legally BINDING")


def test_review_command_serves_saves_stops_and_resumes(dictionary_setup, tmp_path: Path) -> None:
    """The real command: URL first on stdout, a decision posted, Ctrl-C exits 0, reopened
    with the same file it resumes."""
    import signal
    import subprocess
    import urllib.request

    decisions = tmp_path / "review.json"

    def start() -> tuple[subprocess.Popen, str]:
        proc = subprocess.Popen(
            [sys.executable, "-m", "normalize", "review", str(SAMPLE), "--no-browser"]
            + ["--decisions", str(decisions), *dictionary_setup.cli_args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        return proc, proc.stdout.readline().strip()

    def call(url: str, path: str, body: Any = None) -> Any:
        base, token = url.split("/?token=")
        req = urllib.request.Request(
            base + path,
            data=None if body is None else json.dumps(body).encode(),
            headers={"X-Redline-Token": token, "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.loads(resp.read())

    proc, url = start()
    try:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[A-Za-z0-9]{20,}", url), url
        items = call(url, "/api/items")["items"]
        (sgr,) = [i for i in items if i["original"] == "sgrerment"]
        call(url, "/api/decisions", {"id": sgr["id"], "decision": "reject"})
        assert load(decisions).items[sgr["id"]].decision == "reject"  # saved at once
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
        assert "stopped" in proc.stderr.read()
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    proc, url = start()
    try:
        data = call(url, "/api/items")
        assert data["progress"]["decided"] == 1
        assert [i["decision"] for i in data["items"] if i["id"] == sgr["id"]] == ["reject"]
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
