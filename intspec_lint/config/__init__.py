"""Configuration: `.intspec-lint.yaml` or `[tool.intspec-lint]` in pyproject.toml, nearest to each file.

A config is validated against schemas/config.schema.json (generated from the rule metadata) when
it is loaded; every error names the file, the line and, where it can, the closest valid name.
The same resolver serves the CLI, the pre-commit hook and the Python API, so a file gets the same
findings whichever way it is linted.

The package, one module a step: `files` reads a config file, `schema` validates it, `merging` merges
a config with the ones it extends and builds the `Settings` of one file, and `resolver` finds the
config of each file. The names below are the ones the rest of intspec-lint imports.
"""

from __future__ import annotations

from .files import CONFIG_NAMES, ConfigSource, read_config
from .resolver import PRESETS, Resolver
from .schema import config_schema, validate
from .settings import ConfigError, Settings

__all__ = ["CONFIG_NAMES", "PRESETS", "ConfigError", "ConfigSource", "Resolver", "Settings", "config_schema",
           "read_config", "validate"]
