"""What a Gherkin feature says in words: each scenario as one sentence ("When <given>, <then> and <and>."), as
(line, text) runs the flattener reads like sentences. A rule in Given / When / Then steps is said only whole: "Given
20 deliveries have failed / Then X pauses the subscription for 30 minutes" is a breaker, its "Then" alone is not."""

from __future__ import annotations

import re

from ..document.model import Code
from .lazy_re import lazy

STEP_LANGUAGES = {"gherkin", "feature", "cucumber", "behave"}
# a step that makes a call ("When A sends POST /v1/orders with {...}"): the feature is a test, read for its examples
CALL_STEP = lazy(r"\b(?:GET|POST|PUT|PATCH|DELETE)\s+`?/\S*`?\s[^\n{]{0,40}?\bwith\b", re.I)
_KEYWORD = lazy(r"^(?:(?:given|when|then|and|but)\b|\*\s|(?:feature|scenario(?:\s+outline)?|background|rule|"
                r"examples)\s*:)\s*", re.I)


def scenario_runs(code: Code) -> list[list[tuple[int, str]]]:
    """The runs of (line, text) a feature's steps make, one sentence a scenario's rule; a data table's row
    ("| depth of the queue | > 500 | warning |") is a run of its own, a title ("Scenario: Koha keeps failing") a
    sentence of its own; a doc string, a gap or a new condition after an outcome ends the sentence."""
    runs: list[list[tuple[int, str]]] = []
    run: list[tuple[int, str]] = []
    stage = ""

    def flush() -> None:
        nonlocal stage, run
        stage = ""
        if run:
            run[-1] = (run[-1][0], run[-1][1].rstrip(" ,.") + ".")
            runs.append(run)
            run = []

    for offset, raw in enumerate(code.text.split("\n")):
        line, stripped = code.first_line + offset, raw.strip()
        keyword = _KEYWORD.match(stripped)
        if stripped.startswith("|") or not keyword:
            flush()
            if stripped.startswith("|"):
                runs.append([(line, stripped)])
            continue
        word, step = keyword.group(0).strip(" :").lower(), stripped[keyword.end():].strip().rstrip(" .")
        if run and run[-1][0] != line - 1:
            flush()
        if word in ("given", "when"):
            if stage == "then":
                flush()
            text, stage = f"{'and' if stage == 'given' else 'When'} {step}", "given"
        elif word == "then":
            if run:
                run[-1] = (run[-1][0], run[-1][1].rstrip(" ,.") + ",")
            text, stage = step, "then"
        elif word in ("and", "but"):
            text = f"{word} {step}"
        elif word == "*":
            text = step
        else:
            flush()
            if step:
                runs.append([(line, step + ".")])
            continue
        run.append((line, text))
    flush()
    return runs
