"""The review page's web server: the standard library's threading HTTP server.

A JSON API over :class:`~normalize.review.session.ReviewSession` and three shipped static
files.  One person on one machine: no framework is needed, and nothing is installed.

Security: every request must carry the random token (``?token=`` or the
``X-Redline-Token`` header) or gets 403; when bound to a loopback address, the ``Host``
header must name it (no DNS rebinding); no path from the client is ever opened (the
static files are a fixed list); every response forbids caching and framing, and the
page's Content-Security-Policy allows only its own script and style.

API (all JSON):

* ``GET /api/items`` -> ``{"items": [...], "progress": {"decided", "total"}, "sources",
  "notes"}``; each item has ``id, source, line, unit, label, column, original, suggestion, kind,
  confidence, flag, context, at, decision, text``.
* ``POST /api/decisions`` ``{"id", "decision": "accept"|"reject"|"edit"|"keep"|"clear",
  "text"?}`` -> ``{"changed": [items], "progress"}``.  ``keep`` adds the word to the user
  dictionary and rejects every occurrence of it.
* ``POST /api/bulk`` ``{"min_confidence": 0.9}`` and/or ``{"kind": "runon"}`` -> accept
  every undecided item that matches: ``{"accepted": n, "progress"}``.
* ``GET /api/diff`` -> the whole text with the decisions applied (see
  :meth:`ReviewSession.diff`).

Errors are ``{"error": message}`` with 400 (malformed), 403 (token), 404 (unknown id or
path), 405, 411/413 (body) or 415 (not JSON).
"""

from __future__ import annotations

import hmac
import importlib.resources
import json
import secrets
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ..decisions import DecisionsError
from .session import ReviewSession

MAX_BODY = 64 * 1024
STATIC = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/app.css": ("app.css", "text/css; charset=utf-8"),
}
_LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
    "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'",
}


class _Reject(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _static(name: str, token: str) -> bytes:
    data = importlib.resources.files(__package__).joinpath("static", name).read_bytes()
    # the page links its assets with the token (a <script src> cannot send a header);
    # the token is hex, so it needs no escaping
    return data.replace(b"{{TOKEN}}", token.encode("ascii"))


class ReviewServer(ThreadingHTTPServer):
    """``ReviewServer(session, host, port)``; ``url`` is the page's address with its token."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, session: ReviewSession, host: str = "127.0.0.1", port: int = 0) -> None:
        self.session = session
        self.token = secrets.token_urlsafe(24).replace("-", "A").replace("_", "B")
        self.host = host
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, port), _Handler)
        self.port = self.server_address[1]

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/?token={self.token}"

    def start(self) -> threading.Thread:
        """Serve in a background thread (tests); ``shutdown()`` stops it."""
        t = threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True)
        t.start()
        return t


class _Handler(BaseHTTPRequestHandler):
    server: ReviewServer
    protocol_version = "HTTP/1.1"
    server_version = "redline-review"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass  # quiet: the terminal shows only the URL and notes

    # ------------------------------------------------------------------ plumbing

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in _HEADERS.items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, data: Any) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8", "backslashreplace")
        self._send(status, body, "application/json; charset=utf-8")

    def _check(self) -> tuple[str, dict[str, list[str]]]:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        if self.server.host in _LOOPBACK:
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
            if host not in _LOOPBACK:
                raise _Reject(403, "forbidden: unexpected Host header")
        given = self.headers.get("X-Redline-Token") or (query.get("token") or [""])[0]
        if not hmac.compare_digest(given.encode(), self.server.token.encode()):
            raise _Reject(403, "forbidden: a valid token is needed (open the URL printed)")
        return parts.path, query

    def _body(self) -> dict[str, Any]:
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype != "application/json":
            raise _Reject(415, "send JSON (Content-Type: application/json)")
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            raise _Reject(411, "a Content-Length is needed")
        if int(length) > MAX_BODY:
            raise _Reject(413, f"request body over {MAX_BODY} bytes")
        raw = self.rfile.read(int(length))
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise _Reject(400, f"malformed JSON: {exc}") from None
        if not isinstance(data, dict):
            raise _Reject(400, "send a JSON object")
        return data

    def _run(self, method: str) -> None:
        try:
            path, _query = self._check()
            if method == "GET":
                self._get(path)
            else:
                self._post(path)
        except _Reject as exc:
            self.close_connection = True  # an unread body must not be taken for a request
            self._json(exc.status, {"error": str(exc)})
        except DecisionsError as exc:
            self._json(400, {"error": str(exc)})
        except Exception as exc:  # a bug: answer it rather than drop the connection
            self.close_connection = True
            self._json(500, {"error": f"internal error: {type(exc).__name__}: {exc}"})

    def do_GET(self) -> None:  # noqa: N802
        self._run("GET")

    def do_HEAD(self) -> None:  # noqa: N802
        self._run("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._run("POST")

    def _not_allowed(self) -> None:
        self._json(405, {"error": f"method {self.command} not allowed"})

    do_PUT = do_DELETE = do_PATCH = _not_allowed  # noqa: N815

    # ------------------------------------------------------------------ routes

    def _get(self, path: str) -> None:
        session = self.server.session
        if path in STATIC:
            name, ctype = STATIC[path]
            self._send(200, _static(name, self.server.token), ctype)
        elif path == "/api/items":
            self._json(200, session.listing())
        elif path == "/api/diff":
            self._json(200, session.diff())
        elif path in ("/api/decisions", "/api/bulk"):
            raise _Reject(405, f"{path} takes POST")
        else:
            raise _Reject(404, f"no such page: {path}")

    def _post(self, path: str) -> None:
        session = self.server.session
        if path == "/api/decisions":
            data = self._body()
            if "id" not in data or "decision" not in data:
                raise _Reject(400, 'send {"id": ..., "decision": ...}')
            unknown = set(data) - {"id", "decision", "text"}
            if unknown:
                raise _Reject(400, f"unknown field(s): {', '.join(sorted(unknown))}")
            try:
                changed = session.decide(data["id"], data["decision"], data.get("text"))
            except KeyError:
                raise _Reject(404, f"no item with id {data['id']!r}") from None
            self._json(200, {"changed": changed, "progress": session.progress()})
        elif path == "/api/bulk":
            data = self._body()
            unknown = set(data) - {"min_confidence", "kind"}
            if unknown or not data:
                raise _Reject(400, 'send {"min_confidence": 0.9} and/or {"kind": "runon"}')
            conf = data.get("min_confidence")
            if conf is not None and (
                isinstance(conf, bool) or not isinstance(conf, int | float) or not 0 <= conf <= 1
            ):
                raise _Reject(400, "min_confidence must be a number within 0..1")
            kind = data.get("kind")
            if kind is not None and not isinstance(kind, str):
                raise _Reject(400, "kind must be a string")
            n = session.accept_all(conf, kind)
            self._json(200, {"accepted": n, "progress": session.progress()})
        elif path in STATIC or path in ("/api/items", "/api/diff"):
            raise _Reject(405, f"{path} takes GET")
        else:
            raise _Reject(404, f"no such page: {path}")


def make_server(session: ReviewSession, host: str = "127.0.0.1", port: int = 0) -> ReviewServer:
    """A server for ``session`` on ``host:port`` (0: any free port); not yet serving."""
    return ReviewServer(session, host, port)
