"""intspec-lint: a linter for integration specifications.

The Python API::

    from intspec_lint import lint_text, lint_paths
    findings = lint_text(markdown, format="markdown")
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "lint_text", "lint_paths"]


def lint_text(text: str, format: str | None = None, path: str = "<text>", settings=None, config=None):
    """Findings for one spec given as text.

    `format` is "markdown" or "yaml" (default: told from `path` and the content). The config is
    `config` (a file path) if given, else the one nearest to `path` when `path` names a real place,
    else none."""
    from pathlib import Path

    from .config import Resolver
    from .engine import lint_text as _lint_text

    if settings is None:
        where = Path(path)
        use_nearest = config is not None or where.parent.is_dir() and path != "<text>"
        settings = Resolver(config, disabled=not use_nearest).settings(where)
    return _lint_text(text, path, settings, format)


def lint_paths(paths, config=None, settings=None, jobs: int = 1):
    """Findings for files and folders (folders are searched for specs), sorted by file and position.

    Each file gets the config nearest to it (or `config`, a file path, for all), as on the command
    line; `settings` replaces configs altogether."""
    from .config import Resolver
    from .discovery import collect
    from .engine import lint_file
    from .runner import Options, lint_targets

    resolver = Resolver(config)
    collected = collect([str(p) for p in paths], resolver)
    if collected.problems:
        raise FileNotFoundError("; ".join(collected.problems))
    if settings is not None:
        return sorted(f for t in collected.targets for f in lint_file(t.path, t.display, settings))
    return lint_targets(collected.targets, Options(config=config, cache=False), jobs)
