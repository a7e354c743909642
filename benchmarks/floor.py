"""The floor: read and parse files with markdown-it-py (token stream) and ruamel.yaml's C composer,
in one process, and do nothing else. No Python linter of these formats can be faster.

    python benchmarks/floor.py PATH...      (files, or folders searched for *.md and *.yaml)
"""

from __future__ import annotations

import sys
from pathlib import Path


def files(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in (".md", ".yaml", ".yml"))
        else:
            found.append(path)
    return found


def main(paths: list[str]) -> None:
    from markdown_it import MarkdownIt
    from ruamel.yaml import YAML

    markdown = MarkdownIt("commonmark").enable("table")
    yaml = YAML(typ="safe", pure=False)
    for path in files(paths):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            markdown.parse(text)
        else:
            yaml.compose(text)


if __name__ == "__main__":
    main(sys.argv[1:])
