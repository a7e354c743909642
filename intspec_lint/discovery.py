"""Which files a run lints: every file named on the command line, and the specs found in folders.

In a folder walk a file is a spec when it is `*.intspec.yaml` / `*.intspec.yml`, a YAML file whose
top level has an `intspec:` key, or a Markdown file that declares `intspec: true` in its front
matter or whose headings name enough parts of a spec: flows, retries, dead letters, mapping and
idempotency (parts only integration specs have) count two points, contracts, auth, errors and
monitoring one, and four points make a spec. READMEs ("API", "Security", "Errors") are left
alone. Hidden folders, node_modules, virtual environments and build output are not entered.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .document.source import MARKDOWN_SUFFIXES, YAML_SUFFIXES

SKIPPED_DIRS = {"node_modules", "__pycache__", "venv", "site-packages", "build", "dist"}
_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.M)
_FENCED = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\1[ \t]*$|\Z)", re.M | re.S)
_YAML_KEY = re.compile(r"^intspec[ \t]*:", re.M)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*$", re.M | re.S)
_FLAG = re.compile(r"^intspec[ \t]*:[ \t]*(?:true|yes|1)[ \t]*$", re.M | re.I)
_SNIFF_BYTES = 65536
_DISTINCTIVE = {"flows", "retry", "dead_letter", "mappings", "idempotency"}
_SPEC_SCORE = 4


@dataclass(frozen=True, slots=True)
class Target:
    path: Path
    display: str  # as reported: relative to the working folder when inside it, POSIX separators


class PathProblem(Exception):
    pass


def display_name(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass
class Collected:
    targets: list[Target]
    problems: list[str]  # paths that could not be used: exit status 2
    skipped: list[str]  # named files a config excludes: said, not an error


def collect(paths: list[str], resolver=None, specs_only: bool = False) -> Collected:
    """The files to lint, in a stable order, the problems with paths that could not be used, and the
    named files that a config excludes.

    With a config `resolver`, its `exclude` globs drop files (named ones too) and its `include`
    globs add files that a folder walk would not take for specs. With `specs_only`, named files are
    held to the same test as files found in a folder (for hooks, which name every changed file)."""
    targets: list[Target] = []
    problems: list[str] = []
    skipped: list[str] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path, problems, resolver):
                _add(found, targets, seen)
        elif path.exists():
            if resolver is not None and resolver.excluded(path):
                skipped.append(f"{raw}: excluded by {resolver.effective(path).source}; not linted")
                continue
            if specs_only and not (resolver is not None and resolver.included(path)) and not (
                path.is_file() and is_spec(path)
            ):
                continue
            _add(path, targets, seen)
        elif path.is_symlink():
            problems.append(f"{raw}: broken symbolic link")
        else:
            problems.append(f"{raw}: no such file or folder")
    return Collected(targets, problems, skipped)


def _add(path: Path, targets: list[Target], seen: set[Path]) -> None:
    key = path.resolve()
    if key not in seen:
        seen.add(key)
        targets.append(Target(path, display_name(path)))


def _walk(top: Path, problems: list[str], resolver=None):
    visited: set[tuple[int, int]] = set()

    def on_error(error: OSError) -> None:
        problems.append(f"{error.filename}: cannot read the folder: {error.strerror}")

    for folder, dirs, files in os.walk(top, onerror=on_error, followlinks=True):
        stat = os.stat(folder)
        if (stat.st_dev, stat.st_ino) in visited:  # a symlink loop
            dirs[:] = []
            continue
        visited.add((stat.st_dev, stat.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        for name in sorted(files):
            path = Path(folder, name)
            if not path.is_file():  # regular files only: a named pipe would block the walk
                continue
            if resolver is not None and resolver.excluded(path):
                continue
            if (resolver is not None and resolver.included(path)) or is_spec(path):
                yield path


def is_spec(path: Path) -> bool:
    name = path.name.lower()
    suffix = path.suffix.lower()
    if name.endswith((".intspec.yaml", ".intspec.yml")):
        return True
    if suffix not in YAML_SUFFIXES and suffix not in MARKDOWN_SUFFIXES:
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES).decode("utf-8", "replace")
    except OSError:
        return True  # let the linter report why it cannot be read
    if suffix in YAML_SUFFIXES:
        return bool(_YAML_KEY.search(head))
    front_matter = _FRONT_MATTER.match(head)
    if front_matter and _FLAG.search(front_matter.group(1)):
        return True
    from .spec.vocabulary import load_vocabulary

    vocab = load_vocabulary()
    parts: set[str] = set()
    for match in _HEADING.finditer(_FENCED.sub("", head)):  # a `# comment` in a code block is no heading
        parts.update(vocab.section_parts(match.group(1)))
    parts.discard("overview")
    parts.discard("sla")
    # "API Reference", "Security" and "Error codes" make a README, not a spec: parts that only
    # integration specs have (flows, retries, dead letters, mapping, idempotency) count double
    return len(parts) + len(parts & _DISTINCTIVE) >= _SPEC_SCORE
