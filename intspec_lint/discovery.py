"""Which files a run lints: every file named on the command line, and the specs found in folders.

In a folder walk a file is a spec when it is `*.intspec.yaml` / `*.intspec.yml`, a YAML file whose
top level has an `intspec:` key, or a Markdown file that declares `intspec: true` in its front
matter or whose headings name enough parts of a spec: flows, retries, dead letters, mapping and
idempotency (parts only integration specs have) count two points, contracts, auth, errors and
monitoring one, and four points make a spec. READMEs ("API", "Security", "Errors") are left
alone. Hidden folders, node_modules, virtual environments and build output are not entered.

OpenAPI, Swagger and AsyncAPI documents have no `intspec:` key (and JSON is never walked), so a walk
and `--specs-only` leave them alone like any other file that is not a spec; named on the command line
they are linted, and the engine reports each as one IS007 finding instead of reading it as a spec
(document/api_descriptions.py).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .document.source import MARKDOWN_SUFFIXES, YAML_SUFFIXES

SKIPPED_DIRS = {"node_modules", "__pycache__", "venv", "site-packages", "build", "dist"}
_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.M)
_FENCE_OPEN = re.compile(r" {0,3}(`{3,}|~{3,})")
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


def display_name(path: Path, resolved: Path | None = None, cwd: Path | None = None) -> str:
    try:
        return (resolved or path.resolve()).relative_to(cwd or Path.cwd().resolve()).as_posix()
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
    cwd = Path.cwd().resolve()
    known: _Decisions | None = None
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            known = known or _Decisions()
            for found, resolved in _walk(path, problems, resolver, known):
                _add(found, targets, seen, cwd, resolved)
        elif path.exists():
            if resolver is not None and resolver.excluded(path):
                skipped.append(f"{raw}: excluded by {resolver.effective(path).source}; not linted")
                continue
            if specs_only and not (resolver is not None and resolver.included(path)) and not (
                path.is_file() and is_spec(path)
            ):
                continue
            _add(path, targets, seen, cwd)
        elif path.is_symlink():
            problems.append(f"{raw}: broken symbolic link")
        else:
            problems.append(f"{raw}: no such file or folder")
    if known is not None:
        known.save()
    return Collected(targets, problems, skipped)


def _add(path: Path, targets: list[Target], seen: set[Path], cwd: Path, resolved: Path | None = None) -> None:
    key = resolved or path.resolve()
    if key not in seen:
        seen.add(key)
        targets.append(Target(path, display_name(path, key, cwd)))


def _scan(top: str, on_error):
    """`os.walk(top, onerror=on_error, followlinks=True)`, top-down, with the files as DirEntry objects
    (their type is known from the folder listing, without a stat)."""
    try:
        listing = os.scandir(top)
    except OSError as error:
        on_error(error)
        return
    dirs: list[str] = []
    files: dict[str, os.DirEntry] = {}
    with listing:
        while True:
            try:
                entry = next(listing)
            except StopIteration:
                break
            except OSError as error:
                on_error(error)
                return
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                dirs.append(entry.name)
            else:
                files[entry.name] = entry
    yield top, dirs, files
    for name in dirs:
        yield from _scan(os.path.join(top, name), on_error)


def _walk(top: Path, problems: list[str], resolver=None, known: _Decisions | None = None):
    """(path, resolved path) of each spec in the folder `top`."""
    visited: set[tuple[int, int]] = set()

    def on_error(error: OSError) -> None:
        problems.append(f"{error.filename}: cannot read the folder: {error.strerror}")

    for folder, dirs, files in _scan(str(top), on_error):
        stat = os.stat(folder)
        if (stat.st_dev, stat.st_ino) in visited:  # a symlink loop
            dirs[:] = []
            continue
        visited.add((stat.st_dev, stat.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        real_folder = None
        for name in sorted(files):
            entry = files[name]
            try:
                if not entry.is_file():  # regular files only: a named pipe would block the walk
                    continue
                link = entry.is_symlink()
            except OSError:
                continue
            path = Path(folder, name)
            if resolver is not None and resolver.excluded(path):
                continue
            if link:
                resolved = path.resolve()
            else:  # only the folder can hold links
                if real_folder is None:
                    real_folder = Path(os.path.realpath(folder))
                resolved = real_folder / name
            if (resolver is not None and resolver.included(path)) or is_spec(path, known, resolved, entry):
                yield path, resolved


def is_spec(path: Path, known: _Decisions | None = None, resolved: Path | None = None, entry=None) -> bool:
    name = path.name.lower()
    suffix = path.suffix.lower()
    if name.endswith((".intspec.yaml", ".intspec.yml")):
        return True
    if suffix not in YAML_SUFFIXES and suffix not in MARKDOWN_SUFFIXES:
        return False
    if known is not None and resolved is not None and entry is not None:
        return known.decide(str(resolved), entry, lambda: _sniff(path, suffix))
    return _sniff(path, suffix)


def _sniff(path: Path, suffix: str) -> bool:
    """Whether the head of a Markdown or YAML file makes it a spec."""
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
    from .reading.vocabulary import load_vocabulary

    vocab = load_vocabulary()
    parts: set[str] = set()
    for title in _headings(head):
        parts.update(vocab.section_parts(title))
    parts.discard("overview")
    parts.discard("sla")
    # "API Reference", "Security" and "Error codes" make a README, not a spec: parts that only
    # integration specs have (flows, retries, dead letters, mapping, idempotency) count double
    return len(parts) + len(parts & _DISTINCTIVE) >= _SPEC_SCORE


def _headings(text: str):
    """The titles that `_HEADING` finds in `text` once `_FENCED` has removed the fenced code blocks (a
    `# comment` in a code block is no heading), line by line: both patterns start at a line start and
    end at a line end, and only lines that start with "#", "`", "~" or a space can be part of one."""
    lines = text.split("\n")
    last = len(lines) - 1
    index = 0
    while index <= last:
        line = lines[index]
        first = line[:1]
        if first == "#":
            match = _HEADING.match(line)
            if match:
                yield match.group(1)
        elif first in ("`", "~", " ") and index < last:  # an opening fence needs a line after it
            fence = _FENCE_OPEN.match(line)
            if fence:
                closing = re.compile(" {0,3}" + re.escape(fence.group(1)) + "[ \t]*")
                index += 1
                while index <= last and not closing.fullmatch(lines[index]):
                    index += 1
        index += 1


class _Decisions:
    """The spec-or-not decisions of earlier folder walks, so that a walk reads only the files that
    changed since. Kept in the cache folder (when the cache is on) as one JSON file, keyed by the
    tool's version and the vocabulary file; an entry holds the file's size, inode, modification and
    change times. A file changed in the last seconds is read every time: a change within the same
    clock tick would keep both times."""

    _RECENT_NS = 3_000_000_000
    _LIMIT = 200_000  # entries

    def __init__(self):
        from . import cache

        self.entries: dict[str, list] = {}
        self.changed = False
        self.path = None
        if not cache.ENABLED:
            return
        import hashlib
        import time

        from .cache import code_version
        from .resources import data_path

        try:
            vocabulary = data_path("rules", "vocabulary.yaml")
            info = vocabulary.stat()
            stamp = f"{code_version()}\0{vocabulary}\0{info.st_mtime_ns}\0{info.st_size}"
        except OSError:
            return
        self.path = cache.folder() / "data" / f"specs-{hashlib.sha256(stamp.encode()).hexdigest()[:24]}.json"
        found = cache._read(self.path)
        if isinstance(found, dict):
            self.entries = found
        self.now = time.time_ns()

    def decide(self, key: str, entry, sniff) -> bool:
        if self.path is None:
            return sniff()
        try:
            info = entry.stat()
        except OSError:
            return sniff()
        stamp = [info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns]
        known = self.entries.get(key)
        if isinstance(known, list) and len(known) == 5 and known[:4] == stamp and isinstance(known[4], bool):
            return known[4]
        decision = sniff()
        if self.now - max(info.st_mtime_ns, info.st_ctime_ns) > self._RECENT_NS:
            self.entries[key] = [*stamp, decision]
            self.changed = True
        elif key in self.entries:
            del self.entries[key]
            self.changed = True
        return decision

    def save(self) -> None:
        if self.path is None or not self.changed or len(self.entries) > self._LIMIT:
            return
        from . import cache

        cache._write(self.path, json.dumps(self.entries, separators=(",", ":")))
