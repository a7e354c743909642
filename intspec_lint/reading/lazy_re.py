"""Regular expressions compiled on first use.

The extractor knows a hundred patterns, and compiling them all costs more than reading a small
spec; a spec uses only the ones its sections need, so each is compiled when first searched.
"""

from __future__ import annotations

import re


class LazyPattern:
    def __init__(self, pattern: str, flags: int = 0):
        self._source = (pattern, flags)

    def __getattr__(self, name: str):
        compiled = re.compile(*self._source)
        for method in ("search", "match", "fullmatch", "finditer", "findall", "sub", "split"):
            setattr(self, method, getattr(compiled, method))  # later calls skip __getattr__
        self.pattern = compiled.pattern
        return getattr(compiled, name)


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
