"""Reports and skeletons are written whole or not at all: a temporary file beside the target, then a
rename; the folders a new file needs are created, and removed again when the write fails."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: str | Path, text: str, durable: bool = True) -> None:
    """Write `text` to `path` through a temporary file of its own, renamed over the target: readers
    see the old file or the new one, never a part. `durable`: reach the disk before the rename (a
    report); a cache file that a crash loses is only computed again."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            if durable:
                os.fchmod(stream.fileno(), _mode_for(target))
            stream.write(text)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _mode_for(target: Path) -> int:
    """The mode a file written the ordinary way would get: the target's own, else 0666 less the umask."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)  # the only way to read it; the CLI writes from one thread
    os.umask(mask)
    return mask


def create_folders(folder: str | Path) -> list[Path]:
    """Create `folder` and the folders above it that are missing; return the ones created, outermost
    first, so that a write that fails after all can remove them again (`remove_folders`). When one
    cannot be created, the ones created before it are removed and the OSError is raised."""
    missing: list[Path] = []
    folder = Path(folder)
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    created: list[Path] = []
    try:
        for path in reversed(missing):
            path.mkdir()
            created.append(path)
    except OSError:
        remove_folders(created)
        raise
    return created


def remove_folders(created: list[Path]) -> None:
    """Remove the folders `create_folders` created, innermost first, as long as they are empty."""
    for path in reversed(created):
        try:
            path.rmdir()
        except OSError:
            return
