"""JSON following schemas/findings.schema.json."""

from __future__ import annotations

import json

from .. import __version__


def render(findings, rules, *, files: int = 0, scorecard=None, **_context) -> str:
    """The report; with `scorecard` (`--summary`), a `summary` block holds the checklist scorecard."""
    document = {
        "tool": {"name": "intspec-lint", "version": __version__},
        "files": files,
        "findings": [
            {**f.to_dict(), "url": rules[f.code].docs_url if f.code in rules else None} for f in findings
        ],
    }
    if scorecard is not None:
        document["summary"] = scorecard.to_dict()
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
