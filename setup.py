"""Builds the optional compiled twins of a few hot functions (normalize/_speedups.c).

Everything else is declared in pyproject.toml.  The extension is optional: when it cannot
be built (no C compiler, no Python headers, any error), the build says so in one line and
goes on, and Redline runs its pure-Python originals, which give the same answers.
Set REDLINE_NO_EXTENSION=1 to skip it.
"""

import hashlib
import os
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


class OptionalBuildExt(build_ext):
    """build_ext that never fails the install: a failed extension is left out."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # noqa: BLE001 - any failure leaves the pure Python
            self._skipped(exc)

    def build_extension(self, ext: Extension) -> None:
        flags = []
        if self.compiler.compiler_type == "msvc":
            flags = ["/O2", "/fp:precise"]
        else:  # the same float operations as Python's: no fused multiply-adds
            flags = ["-O2", "-ffp-contract=off", "-fno-fast-math"]
        ext.extra_compile_args = list(ext.extra_compile_args or []) + flags
        try:
            super().build_extension(ext)
        except Exception as exc:  # noqa: BLE001
            self._skipped(exc)

    @staticmethod
    def _skipped(exc: BaseException) -> None:
        sys.stderr.write(
            f"redline: the optional compiled speed-ups were not built ({exc}); "
            "using the pure-Python code, which gives the same results\n"
        )


SOURCE = os.path.join("normalize", "_speedups.c")
extensions = []
if not os.environ.get("REDLINE_NO_EXTENSION") and os.path.exists(SOURCE):
    with open(SOURCE, "rb") as fh:  # the build remembers its source (normalize/__init__.py)
        digest = hashlib.sha256(fh.read()).hexdigest()[:16]
    extensions.append(
        Extension(
            "normalize._speedups",
            [SOURCE],
            define_macros=[("SPEEDUPS_SOURCE", f'"{digest}"')],
            optional=True,
        )
    )

setup(ext_modules=extensions, cmdclass={"build_ext": OptionalBuildExt})
