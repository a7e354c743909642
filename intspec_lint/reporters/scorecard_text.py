"""The checklist scorecard as text, printed after the findings by `--summary`.

One spec: the nine items, one a line. Many specs: one line per spec (a column per item), then a
total line per item. Each status has a symbol of its own and, with one spec, a word, so the output
reads the same without colour (`--no-color`, NO_COLOR, a file or a pipe); colour only repeats it.
"""

from __future__ import annotations

from ..scorecard import ITEMS, Scorecard, SpecScore, Status

SYMBOLS = {Status.COVERED: "✓", Status.PARTIAL: "~", Status.MISSING: "✗", Status.NOT_CHECKED: "?"}
ASCII_SYMBOLS = {Status.COVERED: "+", Status.PARTIAL: "~", Status.MISSING: "x", Status.NOT_CHECKED: "?"}
_COLOURS = {Status.COVERED: "\033[32m", Status.PARTIAL: "\033[33m", Status.MISSING: "\033[31m",
            Status.NOT_CHECKED: "\033[2m"}
_BOLD, _RESET = "\033[1m", "\033[0m"
# column heads of the many-specs table, in ITEMS order
SHORT = {"data-flow": "flow", "contract-examples": "api", "auth": "auth", "error-classification": "error",
         "retry-policy": "retry", "dead-letter": "dlq", "monitoring": "watch", "data-mapping": "map",
         "idempotency": "idem"}
_WIDTH = 6


def render(card: Scorecard, titles: dict[str, str], *, color: bool = False, unicode: bool = True) -> str:
    """The scorecard as text ending in a newline. `titles`: checklist slug -> its title. `unicode`:
    False where the output cannot encode ✓ and ✗ (they become + and x)."""
    marks = SYMBOLS if unicode else ASCII_SYMBOLS
    if not card.specs:
        return "Checklist scorecard: no spec was linted.\n"
    if len(card.specs) == 1:
        lines = _one(card.specs[0], titles, marks, color)
    else:
        lines = _many(card, marks, color)
    return "\n".join(lines) + "\n"


def _paint(text: str, status: Status, color: bool) -> str:
    return f"{_COLOURS[status]}{text}{_RESET}" if color else text


def _one(spec: SpecScore, titles: dict[str, str], marks: dict, color: bool) -> list[str]:
    lines = [_bold(f"Checklist scorecard for {spec.file}:", color)]
    if not spec.read:
        lines.append("  it was not read as a spec (see its findings above): no checklist item was checked")
        return lines
    title_width = max(len(titles.get(item, item)) for item in ITEMS)
    for item in ITEMS:
        score = spec.items[item]
        word = "not checked" if score.status is Status.NOT_CHECKED else score.status.value
        if score.findings:
            word += f" ({score.findings})"
        cell = _paint(f"{marks[score.status]} {word:<15}", score.status, color)
        note = f"  ({', '.join(score.rules_not_run)} did not run)" if score.rules_not_run else ""
        lines.append(f"  {cell} {titles.get(item, item):<{title_width}}  {item}{note}")
    if spec.other:
        said = ", ".join(f"{slug} {n}" for slug, n in spec.other.items())
        lines.append(f"  and {sum(spec.other.values())} other finding(s): {said}")
    return lines


def _cell(spec: SpecScore, item: str, marks: dict, color: bool) -> str:
    score = spec.items[item]
    text = marks[score.status] + (str(score.findings) if score.findings else "")
    return _paint(f"{text:<{_WIDTH}}", score.status, color)


def _many(card: Scorecard, marks: dict, color: bool) -> list[str]:
    legend = (f"{marks[Status.COVERED]} covered, {marks[Status.PARTIAL]}N partial, {marks[Status.MISSING]}N "
              f"missing, {marks[Status.NOT_CHECKED]} not checked; N = findings")
    lines = [_bold(f"Checklist scorecard, {len(card.specs)} specs ({legend}):", color),
             "".join(f"{SHORT[item]:<{_WIDTH}}" for item in ITEMS) + f"{'other':<{_WIDTH}} spec"]
    for spec in card.specs:
        other = str(sum(spec.other.values())) if spec.other else "-"
        note = "" if spec.read else "  (not read as a spec)"
        lines.append("".join(_cell(spec, item, marks, color) for item in ITEMS) + f"{other:<{_WIDTH}} {spec.file}{note}")
    lines.append(_bold("Specs per item (covered / partial / missing / not checked):", color))
    width = max(len(item) for item in ITEMS)
    for item, counts in card.totals().items():
        parts = [_paint(f"{marks[status]} {counts[status]:<4}", status, color) for status in Status]
        lines.append(f"  {item:<{width}}  " + " ".join(parts).rstrip())
    return lines


def _bold(text: str, color: bool) -> str:
    return f"{_BOLD}{text}{_RESET}" if color else text


def can_encode(encoding: str | None) -> bool:
    """Whether a stream of this encoding takes the scorecard's symbols (a legacy Windows console may not)."""
    try:
        "".join(SYMBOLS.values()).encode(encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True
