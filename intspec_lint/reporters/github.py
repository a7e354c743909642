"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request's diff."""

from __future__ import annotations

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(findings, rules, **_context) -> str:
    lines = []
    for f in findings:
        properties = ",".join(
            f"{key}={_property(str(value))}"
            for key, value in (
                ("file", f.file),
                ("line", f.line),
                ("col", f.column),
                ("endLine", f.end_line),
                ("endColumn", f.end_column),
                ("title", f"{f.code} {f.rule}"),
            )
        )
        lines.append(f"::{_LEVELS[f.severity.value]} {properties}::{_data(f.message)}")
    return "".join(line + "\n" for line in lines)
