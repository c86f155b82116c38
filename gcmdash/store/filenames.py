"""File names as the store keeps and writes them: safe to store, show and write into a folder, and distinct."""

from __future__ import annotations

import re
import unicodedata


def safe_file_name(name: str, position: int = 1) -> str:
    """A file name made safe to store, show and write into a folder: no directories, control, reserved or
    invisible formatting characters (a right-to-left override makes "report\u202excod.exe" read "reportexe.docx")."""
    base = re.split(r"[\\/]", name)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch) != "Cf")
    base = re.sub(r'[\x00-\x1f\x7f<>:"|?*]', "_", base).strip().strip(".").strip()
    if not base:
        return f"file-{position}"
    if len(base) > 150:
        stem, dot, suffix = base.rpartition(".")
        base = stem[: 150 - len(suffix) - 1] + dot + suffix if dot and len(suffix) <= 10 else base[:150]
    return base


def distinct_file_name(name: str, taken: set[str]) -> str:
    """The name, or "name (2).ext", "name (3).ext"... if already taken (ignoring case); added to taken."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    candidate, n = name, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{stem} ({n}){dot}{suffix}"
    taken.add(candidate.lower())
    return candidate
