"""Config files: their names, and reading one (`.intspec-lint.yaml` or `[tool.intspec-lint]` in
pyproject.toml) into plain data with the line of every key, for error messages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .settings import ConfigError

CONFIG_NAMES = (".intspec-lint.yaml", ".intspec-lint.yml")


@dataclass
class ConfigSource:
    """A config file's data, with the line of each key path for error messages."""

    path: Path
    data: dict
    lines: dict[tuple, int]

    def line(self, where: tuple) -> int | None:
        while where:
            if where in self.lines:
                return self.lines[where]
            where = where[:-1]
        return None


def read_config(path: Path) -> ConfigSource | None:
    """The intspec-lint config in `path`, or None when a pyproject.toml has no [tool.intspec-lint]."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read the config: {error}", str(path)) from None
    if path.name == "pyproject.toml":
        import tomllib

        try:
            document = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            found = re.search(r"at line (\d+)", str(error))
            raise ConfigError(f"invalid TOML: {error}", str(path), int(found.group(1)) if found else 1) from None
        data = document.get("tool", {}).get("intspec-lint")
        if data is None:
            return None
        return ConfigSource(path, data, _toml_lines(text, data))
    return _read_yaml_config(path, text)


def _read_yaml_config(path: Path, text: str) -> ConfigSource:
    from ..document.yaml import YamlSyntaxError, parse_yaml

    try:
        root = parse_yaml(text).root
    except YamlSyntaxError as error:
        raise ConfigError(error.message, str(path), error.span.line) from None
    if root is None:
        return ConfigSource(path, {}, {})
    lines: dict[tuple, int] = {}

    def plain(node, where: tuple):
        from ..document.yaml import is_map, is_seq

        lines[where] = node.start_mark.line + 1
        if is_map(node):
            result = {}
            for key, value in node.value:
                name = str(key.value)
                lines[where + (name,)] = key.start_mark.line + 1
                result[name] = plain(value, where + (name,))
                lines[where + (name,)] = key.start_mark.line + 1
            return result
        if is_seq(node):
            return [plain(item, where + (index,)) for index, item in enumerate(node.value)]
        from ..reading.yaml import _scalar

        return _scalar(node)

    data = plain(root, ())
    if not isinstance(data, dict):
        raise ConfigError("the config must be a mapping of keys (extends, rules, ...)", str(path), 1)
    return ConfigSource(path, data, lines)


def _toml_lines(text: str, data: dict) -> dict[tuple, int]:
    """Approximate lines for keys of [tool.intspec-lint] (TOML parsers keep no positions)."""
    lines: dict[tuple, int] = {}
    raw = text.split("\n")

    def find(key: str, after: int) -> int:
        pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=|^\[tool\.intspec-lint\.{re.escape(key)}\]")
        for number in range(after, len(raw)):
            if pattern.search(raw[number]):
                return number + 1
        return after + 1

    start = next((i for i, line in enumerate(raw) if line.strip().startswith("[tool.intspec-lint")), 0)

    def walk(value, where: tuple, after: int):
        if isinstance(value, dict):
            for key, inner in value.items():
                line = find(str(key), after)
                lines[where + (key,)] = line
                walk(inner, where + (key,), line - 1)

    lines[()] = start + 1
    walk(data, (), start)
    return lines


def extends_line(path: Path) -> int:
    """The line of the `extends` key in the config file `path` (1 when it cannot be found)."""
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            if re.match(r"\s*extends\s*[:=]", line):
                return number
    except OSError:
        pass
    return 1
