"""``redline review``: a local page to accept, reject, edit or keep each correction.

:class:`ReviewSession` holds the items and the decisions (saved on every change);
:func:`make_server` serves the page and its JSON API on 127.0.0.1 (standard library only).
"""

from __future__ import annotations

from .server import ReviewServer, make_server
from .session import Item, ReviewSession, Source

__all__ = ["Item", "ReviewServer", "ReviewSession", "Source", "make_server"]
