"""Small helpers the built-in rules share."""

from __future__ import annotations

from ..findings import Hit
from ..span import Span
from ..spec.model import Value


def missing(found: Value | None, where: Span, subject: str, what: str, fix: str = "") -> Hit | None:
    """A Hit when `found` is absent, empty or a placeholder; None when it is really stated."""
    hint = f": {fix}" if fix else ""
    if found is None:
        return Hit(where, f"{subject} has no {what}{hint}")
    if not found.text.strip():
        return Hit(found.span, f"{subject} has no {what} (it is left empty){hint}")
    if found.placeholder:
        return Hit(found.span, f"{subject}: {what} is a placeholder: '{_short(found.text)}'{hint}")
    return None


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.replace("`", "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def label(found: Value | None, fallback: str) -> str:
    return f"'{_short(found.text)}'" if found is not None and found.text.strip() else fallback
