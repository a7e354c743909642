"""Rule documentation rendered from metadata: `intspec-lint explain` and docs/rules/ use the same pages."""

from __future__ import annotations

import dataclasses

from .rule import Rule


def rule_page(rule: Rule) -> str:
    from .registry import checklist_slugs

    item = checklist_slugs().get(rule.checklist, {})
    fence = "yaml" if rule.bad_format == "yaml" else "markdown"
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        f"Checklist item: `{rule.checklist}` ({item.get('title', rule.checklist)}) · "
        f"Default severity: {rule.severity.value} · Status: {rule.status}",
        "",
        "## What it checks",
        "",
        rule.summary,
        "",
        "## Why it matters",
        "",
        rule.rationale,
    ]
    if item.get("checklist"):
        lines += ["", f"> Checklist: {item['checklist']}"]
    lines += ["", "## Options", ""]
    fields = dataclasses.fields(rule.options)
    if fields:
        lines += ["| Option | Type | Default |", "|---|---|---|"]
        for field in fields:
            kind = field.type if isinstance(field.type, str) else getattr(field.type, "__name__", str(field.type))
            lines.append(f"| `{field.name}` | {kind} | `{field.default!r}` |")
    else:
        lines.append("None.")
    if rule.check is not None:
        lines += ["", "## Example", "", f"```{fence}", rule.bad.rstrip("\n"), "```"]
        lines += ["", "## Use instead", "", f"```{fence}", rule.good.rstrip("\n"), "```"]
    elif rule.bad.strip():
        lines += ["", "## Example", "", f"```{fence}", rule.bad.rstrip("\n"), "```"]
    return "\n".join(lines) + "\n"
