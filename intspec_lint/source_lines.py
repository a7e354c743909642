"""The text of the lines that findings point at, for reports that show them (the HTML report).

Findings carry positions, not text: a finding never quotes more of a spec than its message does, and
the cache stores findings only. A report that shows the source line reads each file once more,
decoded and split exactly as the engine numbered it, so line N here is line N of the finding.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Callable

from .document.source import UnreadableInput, decode

DEFAULT_LIMIT = 5 * 1024 * 1024


class SourceLines:
    """Reads the lines of linted files on demand.

    `kept`: display name -> bytes already read (standard input, which cannot be read twice).
    `limit(name)`: the most bytes to read of that file (its --max-file-size); a larger file, a file
    that is gone, unreadable or not text gives None, and the report shows no source for it."""

    def __init__(self, kept: dict[str, bytes] | None = None, limit: Callable[[str], int] | None = None):
        self.kept = kept or {}
        self.limit = limit or (lambda _name: DEFAULT_LIMIT)

    def lines(self, name: str) -> list[str] | None:
        """The file's lines (line N is item N - 1), or None when they cannot be shown."""
        data = self.kept.get(name)
        if data is None:
            data = self._read(Path(name), self.limit(name))
        if data is None:
            return None
        try:
            return decode(data).split("\n")
        except UnreadableInput:
            return None

    @staticmethod
    def _read(path: Path, limit: int) -> bytes | None:
        try:
            info = os.stat(path)  # before opening: opening a named pipe would wait for a writer
            if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
                return None
            with open(path, "rb") as stream:
                data = stream.read(limit + 1)
        except OSError:
            return None
        return data if len(data) <= limit else None
