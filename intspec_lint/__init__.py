"""intspec-lint: a linter for integration specifications.

The Python API::

    from intspec_lint import lint_text, lint_paths
    findings = lint_text(markdown, format="markdown")
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "lint_text", "lint_paths"]


def lint_text(text: str, format: str | None = None, path: str = "<text>", settings=None):
    """Findings for one spec given as text; `format` is "markdown" or "yaml" (default: from `path`)."""
    from .engine import lint_text as _lint_text

    return _lint_text(text, path, settings, format)


def lint_paths(paths, settings=None):
    """Findings for files and folders (folders are searched for specs), sorted by file and position."""
    from .discovery import collect
    from .engine import lint_file

    targets, problems = collect([str(p) for p in paths])
    if problems:
        raise FileNotFoundError("; ".join(problems))
    findings = []
    for target in targets:
        findings.extend(lint_file(target.path, target.display, settings))
    return sorted(findings)
