"""Which config applies to each file: `--config FILE` for all, `--no-config`, or the nearest
`.intspec-lint.yaml` / pyproject.toml (up to the repository's root), with its `extends` chain loaded."""

from __future__ import annotations

from pathlib import Path

from .files import CONFIG_NAMES, extends_line, read_config
from .merging import Effective, apply, build, compile_glob, merge
from .schema import validate
from .settings import ConfigError, Settings

PRESETS = ("default", "strict")


class Resolver:
    """The settings for each file: `--config FILE` for all, `--no-config`, or the nearest config."""

    def __init__(self, explicit: str | None = None, disabled: bool = False, select=(), ignore=(),
                 max_bytes: int | None = None):
        self.explicit = Path(explicit) if explicit else None
        self.disabled = disabled
        self.select, self.ignore, self.max_bytes = tuple(select), tuple(ignore), max_bytes
        self._by_folder: dict[Path, Effective | None] = {}
        self._by_path: dict[Path, Effective | None] = {}  # a run asks for each file several times
        self._resolved: dict[Path, Path] = {}  # folder -> the folder with links resolved
        self._loaded: dict[Path, Effective] = {}
        if self.explicit is not None and not self.explicit.is_file():
            raise ConfigError(f"config file {self.explicit} does not exist")

    def effective(self, path: Path) -> Effective | None:
        if self.disabled:
            return None
        try:
            return self._by_path[path]
        except KeyError:
            pass
        if self.explicit is not None:
            found = self._load(self.explicit.resolve())
        elif path.is_dir():
            found = self._nearest(path.resolve())
        else:
            parent = path.parent
            folder = self._resolved.get(parent)
            if folder is None:
                folder = self._resolved[parent] = parent.resolve()
            found = self._nearest(folder)
        self._by_path[path] = found
        return found

    def _nearest(self, folder: Path) -> Effective | None:
        if folder in self._by_folder:
            return self._by_folder[folder]
        found = None
        for name in (*CONFIG_NAMES, "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file():
                found = self._load(candidate)
                if found is not None:
                    break
        if found is None and not (folder / ".git").exists() and folder.parent != folder:
            found = self._nearest(folder.parent)
        self._by_folder[folder] = found
        return found

    def _load(self, path: Path, chain: tuple = ()) -> Effective | None:
        if path in self._loaded:
            return self._loaded[path]
        if path in chain:
            raise ConfigError("`extends` goes round in a circle: " + " -> ".join(map(str, chain + (path,))),
                              str(chain[-1]), extends_line(chain[-1]))
        source = read_config(path)
        if source is None:
            return None
        validate(source)
        effective = Effective(path.parent, str(path))
        effective.digest = _digest(path)
        extends = source.data.get("extends", [])
        for parent in [extends] if isinstance(extends, str) else extends:
            if parent in PRESETS:
                effective.strict = effective.strict or parent == "strict"
                continue
            target = (path.parent / parent).resolve()
            if not target.is_file():
                raise ConfigError(f"`extends: {parent}` is neither a preset ({', '.join(PRESETS)}) nor an existing "
                                  "file", str(path), source.line(("extends",)))
            inherited = self._load(target, chain + (path,))
            if inherited is not None:
                merge(effective, inherited)
        apply(effective, source)
        self._loaded[path] = effective
        return effective

    def settings(self, path: Path) -> Settings:
        """The Settings for the file at `path`."""
        effective = self.effective(path)
        return self._settings(effective, _relative(path, effective))

    def excluded(self, path: Path) -> bool:
        return self._listed(path, "exclude")

    def included(self, path: Path) -> bool:
        return self._listed(path, "include")

    def _listed(self, path: Path, key: str) -> bool:
        """`path` matches a glob of the `include` or `exclude` list of the configuration that governs it."""
        effective = self.effective(path)
        patterns = getattr(effective, key) if effective is not None else None
        if not patterns:
            return False
        relative = _relative(path, effective)
        return relative is not None and any(compile_glob(p).match(relative) for p in patterns)

    def _settings(self, effective: Effective | None, relative: str | None) -> Settings:
        max_bytes = self.max_bytes or (effective.max_file_size if effective else None) or 5 * 1024 * 1024
        if effective is None:
            return Settings(select=self.select, ignore=self.ignore, max_bytes=max_bytes)
        return build(effective, relative, self.select, self.ignore, max_bytes)


def _digest(path: Path) -> str:
    import hashlib

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except OSError:
        return ""


def _relative(path: Path, effective: Effective | None) -> str | None:
    if effective is None:
        return None
    try:
        return path.resolve().relative_to(effective.base).as_posix()
    except ValueError:
        return None
