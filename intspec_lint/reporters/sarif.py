"""SARIF 2.1.0, ready for GitHub code scanning: one run, rules from metadata, relative URIs."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

from .. import __version__

_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_MAX_RESULTS = 25_000


def render(findings, rules, *, root: str | None = None, **_context) -> str:
    base = Path(root or ".").resolve()
    used = sorted({f.code for f in findings} | set(rules))
    index = {code: position for position, code in enumerate(used)}
    results = []
    seen: Counter = Counter()
    for f in findings[:_MAX_RESULTS]:
        key = f.fingerprint or hashlib.sha256(f"{f.code}\0{f.file}\0{f.message}".encode()).hexdigest()[:16]
        seen[key] += 1
        artifact = _artifact(f.file, base)
        result = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _LEVELS[f.severity.value],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": max(f.end_column, f.column) if f.end_line == f.line else f.end_column,
                        },
                    }
                }
            ],
            "partialFingerprints": {"primaryLocationLineHash": f"{key}:{seen[key]}"},
            # every gap a finding groups, with its own severity and place, so that tools can still count them
            "properties": {"checklist": f.checklist, "rule": f.rule, "gaps": [gap.to_dict() for gap in f.each_gap]},
        }
        if len(f.gaps) > 1:  # an object's several gaps: each where it stands, beside the object
            result["relatedLocations"] = [
                {"id": number, "message": {"text": gap.text},
                 "physicalLocation": {"artifactLocation": artifact,
                                      "region": {"startLine": gap.line, "startColumn": gap.column}}}
                for number, gap in enumerate(f.gaps)
            ]
        results.append(result)
    run = {
        "tool": {
            "driver": {
                "name": "intspec-lint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": "https://github.com/intspec-lint/intspec-lint",
                "rules": [_rule(rules[code]) if code in rules else _custom_rule(code, findings) for code in used],
            }
        },
        "automationDetails": {"id": "intspec-lint/"},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": base.as_uri() + "/"}},
        "results": results,
    }
    if len(findings) > _MAX_RESULTS:
        run["invocations"] = [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [
                    {
                        "level": "warning",
                        "message": {
                            "text": f"{len(findings)} findings; only the first {_MAX_RESULTS} are included "
                            "(GitHub code scanning's limit per run)"
                        },
                    }
                ],
            }
        ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _rule(rule) -> dict:
    skill = "".join(f"\n\n> {words}" for words in rule.skill)  # the words of the skill it enforces
    help_markdown = (
        f"**{rule.summary}**\n\n{rule.rationale}{skill}\n\nChecklist item: `{rule.checklist}`. "
        f"[Documentation]({rule.docs_url})"
    )
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": f"{rule.summary}\n\n{rule.rationale}", "markdown": help_markdown},
        "helpUri": rule.docs_url,
        "defaultConfiguration": {"level": _LEVELS[rule.severity.value]},
        "properties": {"checklist": rule.checklist, "tags": [rule.checklist, "integration-spec"]},
    }


def _custom_rule(code: str, findings) -> dict:
    """A rule declared in a config: what its findings tell of it."""
    sample = next(f for f in findings if f.code == code)
    return {
        "id": code,
        "name": sample.rule,
        "shortDescription": {"text": f"{sample.rule}: a rule declared in the project's intspec-lint config"},
        "fullDescription": {"text": f"{sample.rule}, declared in the project's intspec-lint configuration."},
        "help": {"text": "See the project's .intspec-lint.yaml (custom_rules).",
                 "markdown": "See the project's `.intspec-lint.yaml` (`custom_rules`)."},
        "defaultConfiguration": {"level": _LEVELS[sample.severity.value]},
        "properties": {"checklist": sample.checklist, "tags": [sample.checklist, "integration-spec"]},
    }


def _artifact(file: str, base: Path) -> dict:
    """A URI relative to the repository root (%SRCROOT%); an absolute file URI for files outside it."""
    path = Path(file)
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        relative = absolute.resolve().relative_to(base)
    except ValueError:
        return {"uri": absolute.resolve().as_uri()}
    return {"uri": "/".join(_quote(part) for part in relative.as_posix().split("/")), "uriBaseId": "%SRCROOT%"}


def _quote(part: str) -> str:
    from urllib.parse import quote

    return quote(part, safe="@!$&'()*+,;=-._~")
