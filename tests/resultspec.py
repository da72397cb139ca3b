"""Build a Result from a compact spec, for the exporter tests.

``[teh|the]`` is a correction, ``[Budspest?Budapest]`` a flag, ``[Kyiv!]`` an unknown word;
everything else is plain text.
"""

from __future__ import annotations

import re

from normalize.records import Correction, Flag, Result, Unknown, apply_corrections

_MARK = re.compile(r"\[([^\]|?!]*)(?:\|([^\]]*)|\?([^\]]*)|(!))\]")


def make(spec: str, source: str | None = "memo.txt", kind: str = "spelling") -> Result:
    parts, corrections, flags, unknown = [], [], [], []
    pos = length = 0
    for m in _MARK.finditer(spec):
        plain, word = spec[pos : m.start()], m.group(1)
        start = length + len(plain)
        end = start + len(word)
        if m.group(2) is not None:
            corrections.append(Correction(start, end, word, m.group(2), 0.9, "test", kind))
        elif m.group(3) is not None:
            flags.append(Flag(start, end, word, m.group(3), 0.55, "test"))
        else:
            unknown.append(Unknown(start, end, word))
        parts += [plain, word]
        length, pos = end, m.end()
    parts.append(spec[pos:])
    original = "".join(parts)
    text = apply_corrections(original, corrections)
    return Result(original, text, tuple(corrections), tuple(flags), tuple(unknown), source)
