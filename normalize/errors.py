"""Typed exceptions, one exit status each.  The CLI turns each into one line on stderr.

======  ===================  ====================================================
status  exception            when
======  ===================  ====================================================
2       ``UsageError``       options that do not fit together, a bad value
3       ``InputError``       an input cannot be read: missing, a directory,
                             unreadable, binary, malformed records
4       ``OutputError``      an output cannot be written where it was asked for
5       ``DictionaryError``  a dictionary is unknown or malformed
6       ``DataError``        the data cannot be processed as asked: no text
                             column, an optional dependency missing, a Dask
                             cluster unreachable
======  ===================  ====================================================
"""

from __future__ import annotations


class RedlineError(Exception):
    """Base class for every error Redline reports to a user."""

    exit_code = 2


class UsageError(RedlineError):
    """The command line asks for something that cannot be done as asked."""

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


class DataError(RedlineError):
    """The data cannot be processed as asked (no text column, pyarrow or Dask missing,
    a cluster unreachable)."""

    exit_code = 6


#: Exit statuses of the command line besides the errors above.
EXIT_OK = 0
EXIT_FOUND = 1  # ``check`` found something
EXIT_INTERNAL = 70  # a bug
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
EXIT_HANGUP = 129  # SIGHUP
EXIT_TERMINATED = 143  # SIGTERM
