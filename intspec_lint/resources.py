"""Where the shipped data lives: inside the wheel (`_data/`), or at the top of a source checkout."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def data_path(folder: str, name: str) -> Path:
    """Path of `schemas/<name>` or `rules/<name>`, whichever way the package was installed."""
    for base in (_PACKAGE / "_data" / folder, _PACKAGE.parent / folder):
        candidate = base / name
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"intspec-lint data file {folder}/{name} is missing from the install")


def load_yaml(path: Path):
    """A data file of ours, as plain data."""
    from ruamel.yaml import YAML

    with path.open(encoding="utf-8") as handle:
        return YAML(typ="safe").load(handle)
