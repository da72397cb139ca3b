"""Typed exceptions.  The CLI turns each into one line on stderr and an exit status."""

from __future__ import annotations


class RedlineError(Exception):
    """Base class for every error Redline reports to a user."""

    exit_code = 2


class InputError(RedlineError):
    """An input cannot be read: missing, a directory, unreadable, binary."""

    exit_code = 3


class OutputError(RedlineError):
    """An output cannot be written where it was asked for."""

    exit_code = 4


class DictionaryError(RedlineError):
    """A dictionary is unknown or malformed (the message names file and line)."""

    exit_code = 5
