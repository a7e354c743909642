"""One module per output format, each a pure `render(findings, rules, **context) -> str`."""

from __future__ import annotations

from importlib import import_module

FORMATS = ("text", "json", "sarif", "github", "junit", "html")


def render(fmt: str, findings, rules, **context) -> str:
    module = import_module(f"{__name__}.{fmt}")
    return module.render(findings, rules, **context)
