"""`path:line:col: severity CODE message [name]`, one finding a line, then a summary."""

from __future__ import annotations

from collections import Counter

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def render(findings, rules, *, color: bool = False, files: int = 0, **_context) -> str:
    lines = []
    for f in findings:
        severity = f.severity.value
        if color:
            lines.append(
                f"{_BOLD}{f.file}:{f.line}:{f.column}{_RESET}: {_COLOURS[severity]}{severity}{_RESET} "
                f"{_BOLD}{f.code}{_RESET} {f.message} {_DIM}[{f.rule}]{_RESET}"
            )
        else:
            lines.append(f"{f.file}:{f.line}:{f.column}: {severity} {f.code} {f.message} [{f.rule}]")
    lines.append(summary(findings, files))
    return "\n".join(lines) + "\n"


def summary(findings, files: int) -> str:
    checked = f"{files} file{'s' if files != 1 else ''} checked"
    if not findings:
        return f"No problems found ({checked})."
    counts = Counter(f.severity.value for f in findings)
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("error", "warning", "info") if counts[s]]
    total = len(findings)
    return f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) in {checked}."
