"""The cache folder: lint results by content, and the parsed forms of slow-to-read inputs.

Results are keyed by a hash of the file's bytes, the effective settings, the rules that ran and
the tool's version and own files, so a change in any of them misses. They are kept in packs of JSON (see "lint
results" below) written to a temporary file and renamed, so concurrent runs never see half a
pack; a pack that cannot be read is a miss. Nothing but findings is stored, and findings never
quote a spec's secrets. The folder walk's spec-or-not decisions are kept here too (discovery.py).

The folder is `.intspec-lint-cache/` at the top of the repository (the folder with `.git`), or in
the working folder outside one; `INTSPEC_LINT_CACHE_DIR` overrides it. It holds a `.gitignore`
that ignores everything in it.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from functools import lru_cache
from pathlib import Path

from . import __version__
from .output import write_atomic

NAME = ".intspec-lint-cache"
ENABLED = False  # the command line turns it on (unless --no-cache); the Python API leaves it off


def code_version() -> str:
    """The tool's version and a fingerprint of its own files (names, sizes, modification times), so
    that a source checkout whose code changed without a new version number misses the cache too."""
    return f"{__version__}+{_own_files()}"


@lru_cache(maxsize=1)
def _own_files() -> str:
    """A digest of the package's code and data files; listing some seventy files costs well under a
    millisecond."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for root in (package, package.parent / "rules"):
        if not root.is_dir():
            continue
        for path, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".yaml", ".json", ".md")):
                    stat = os.stat(os.path.join(path, name))
                    digest.update(f"{path}/{name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:12]


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


_READY: set[Path] = set()  # folders known to exist (with the .gitignore at the top) in this process


def _write(path: Path, text: str) -> None:
    try:
        try:
            _write_once(path, text)
        except FileNotFoundError:  # a folder removed since (`intspec-lint clean` in another shell)
            _READY.clear()
            _write_once(path, text)
    except OSError:
        pass  # a cache that cannot be written is only slower


def _write_once(path: Path, text: str) -> None:
    parent = path.parent
    if parent not in _READY:
        parent.mkdir(parents=True, exist_ok=True)
        ignore = folder() / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# created by intspec-lint\n*\n", encoding="utf-8")
        _READY.add(parent)
    write_atomic(path, text, durable=False)  # a temporary name of its own: concurrent runs never share one


_COUNTER = itertools.count()


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
    key = hashlib.sha256(f"{code_version()}\0{source}\0{stat.st_mtime_ns}\0{stat.st_size}".encode()).hexdigest()[:24]
    entry = folder() / "data" / f"{source.stem}-{key}.json"
    found = _read(entry)
    if found is not None:
        return found
    value = parse(source)
    _write(entry, json.dumps(value))
    return value


# -- lint results -------------------------------------------------------------------------------
# Results are kept in packs: JSON objects {key: findings}, in 16 shards by the key's first digit,
# `results/<shard>.<writer>.json`. A run reads the packs of a shard when it first needs one of its
# keys, and writes what it linted at the end (every few hundred files on long runs) as one new pack
# per shard: a few files per run instead of one per linted file (creating files is the slow part of
# a cold run). When a shard has gathered several packs, the next run that writes to it merges them
# into one and removes those it merged; packs written meanwhile by a concurrent run are left alone.
# A pack that cannot be read is a miss for its keys, and is removed at the next merge.
_MERGE_FROM = 4  # packs in a shard
_SHARD_LIMIT = 20_000  # entries a merged pack keeps at most (the last ones merged)
_FLUSH_AT = 512  # entries waiting to be written

_packs: dict[tuple[Path, str], tuple[dict, list[Path]]] = {}  # (results folder, shard) -> (entries, packs read)
_pending: dict[tuple[Path, str], dict] = {}
_pending_count = 0
_listing: dict[Path, list[str]] = {}


def result_key(content: bytes, settings_key: str, rules_key: str) -> str:
    digest = hashlib.sha256()
    for part in (code_version().encode(), settings_key.encode(), rules_key.encode(), content):
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def begin_results() -> None:
    """Forget what an earlier run in this process read or still meant to write (see `flush_results`)."""
    global _pending_count
    _packs.clear()
    _pending.clear()
    _listing.clear()
    _pending_count = 0


def forget_pending() -> None:
    """In a forked worker: the results waiting to be written are the parent's to write."""
    global _pending_count
    _pending.clear()
    _pending_count = 0


def _shard(top: Path, shard: str) -> tuple[dict, list[Path]]:
    found = _packs.get((top, shard))
    if found is None:
        names = _listing.get(top)
        if names is None:
            try:
                names = _listing[top] = sorted(os.listdir(top))
            except OSError:
                names = _listing[top] = []
        entries: dict = {}
        read: list[Path] = []
        for name in names:
            if name.startswith(f"{shard}.") and name.endswith(".json"):
                path = top / name
                pack = _read(path)
                read.append(path)
                if isinstance(pack, dict):
                    entries.update(pack)
        found = _packs[(top, shard)] = (entries, read)
    return found


def load_result(key: str) -> list[dict] | None:
    top = folder() / "results"
    waiting = _pending.get((top, key[0]))
    found = waiting.get(key) if waiting else None
    if found is None:
        found = _shard(top, key[0])[0].get(key)
    return found if isinstance(found, list) else None


def store_result(key: str, findings: list[dict]) -> None:
    global _pending_count
    _pending.setdefault((folder() / "results", key[0]), {})[key] = findings
    _pending_count += 1
    if _pending_count >= _FLUSH_AT:
        flush_results()


def flush_results(merge: bool = True) -> None:
    """Write the results waiting to be written: one new pack per shard, merged with the shard's
    packs when it has several (and `merge`)."""
    global _pending_count
    import time

    for (top, shard), waiting in list(_pending.items()):
        entries, read = _shard(top, shard)
        name = top / f"{shard}.{os.getpid()}-{time.time_ns()}-{next(_COUNTER)}.json"
        if merge and len(read) + 1 >= _MERGE_FROM:
            merged = {**entries, **waiting}
            if len(merged) > _SHARD_LIMIT:
                kept = list(merged.items())[-_SHARD_LIMIT:]  # this run's last, so they are kept
                merged = dict(kept)
            _write(name, json.dumps(merged, ensure_ascii=False))
            for old in read:
                try:
                    old.unlink()
                except OSError:
                    pass
            read[:] = [name]
        else:
            _write(name, json.dumps(waiting, ensure_ascii=False))
            read.append(name)
        entries.update(waiting)
    _pending.clear()
    _pending_count = 0


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
    key = hashlib.sha256("\0".join([code_version(), *key_parts]).encode()).hexdigest()[:24]
    entry = folder() / "data" / f"{name}-{key}.json"
    found = _read(entry)
    if found is not None:
        return found
    value = compute()
    _write(entry, json.dumps(value))
    return value
