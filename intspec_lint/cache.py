"""The cache folder: lint results by content, and the parsed forms of slow-to-read inputs.

Results are keyed by a hash of the file's bytes, the effective settings, the rules that ran and
the tool's version, so a change in any of them misses. Entries are JSON written to a temporary
file and renamed, so concurrent runs never see half an entry; an entry that cannot be read is a
miss. Nothing but findings is stored, and findings never quote a spec's secrets.

The folder is `.intspec-lint-cache/` at the top of the repository (the folder with `.git`), or in
the working folder outside one; `INTSPEC_LINT_CACHE_DIR` overrides it. It holds a `.gitignore`
that ignores everything in it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from . import __version__

NAME = ".intspec-lint-cache"
ENABLED = False  # the command line turns it on (unless --no-cache); the Python API leaves it off


@lru_cache(maxsize=1)
def folder() -> Path:
    override = os.environ.get("INTSPEC_LINT_CACHE_DIR")
    if override:
        return Path(override)
    here = Path.cwd()
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists():
            return candidate / NAME
    return here / NAME


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        top = folder()
        ignore = top / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# created by intspec-lint\n*\n", encoding="utf-8")
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError:
        pass  # a cache that cannot be written is only slower


def _read(path: Path):
    try:
        with path.open(encoding="utf-8") as stream:
            return json.load(stream)
    except (OSError, ValueError):
        return None


# -- parsed data files --------------------------------------------------------------------------
def data(source: Path, parse) -> object:
    """`parse(source)`, remembered as JSON until the source file changes."""
    if not ENABLED:
        return parse(source)
    try:
        stat = source.stat()
    except OSError:
        return parse(source)
    key = hashlib.sha256(f"{__version__}\0{source}\0{stat.st_mtime_ns}\0{stat.st_size}".encode()).hexdigest()[:24]
    entry = folder() / "data" / f"{source.stem}-{key}.json"
    found = _read(entry)
    if found is not None:
        return found
    value = parse(source)
    _write(entry, json.dumps(value))
    return value


# -- lint results -------------------------------------------------------------------------------
def result_key(content: bytes, settings_key: str, rules_key: str) -> str:
    digest = hashlib.sha256()
    for part in (__version__.encode(), settings_key.encode(), rules_key.encode(), content):
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def _result_path(key: str) -> Path:
    return folder() / "results" / key[:2] / f"{key}.json"


def load_result(key: str) -> list[dict] | None:
    found = _read(_result_path(key))
    return found if isinstance(found, list) else None


def store_result(key: str, findings: list[dict]) -> None:
    _write(_result_path(key), json.dumps(findings, ensure_ascii=False))


def clean() -> Path | None:
    """Remove the cache folder; the folder it was, or None when there was none."""
    import shutil

    top = folder()
    if not top.exists():
        return None
    shutil.rmtree(top, ignore_errors=True)
    return top


def remembered(name: str, key_parts: list[str], compute) -> object:
    """`compute()`, remembered as JSON under `name` for as long as `key_parts` stay the same."""
    if not ENABLED:
        return compute()
    key = hashlib.sha256("\0".join([__version__, *key_parts]).encode()).hexdigest()[:24]
    entry = folder() / "data" / f"{name}-{key}.json"
    found = _read(entry)
    if found is not None:
        return found
    value = compute()
    _write(entry, json.dumps(value))
    return value
