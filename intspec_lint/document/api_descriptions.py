"""OpenAPI, Swagger and AsyncAPI documents: API descriptions often kept beside integration specs,
recognised by their top-level version key (`openapi: 3.1.0`, `"swagger": "2.0"`, `asyncapi: 3.0.0`)
without parsing the file.

Such a document is never read as an intspec YAML spec: the schema would report every one of its keys.
A file whose top level has an `intspec:` key is a spec whatever else it holds (no OpenAPI, Swagger or
AsyncAPI document may have that key), so that key wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from ..span import Span
from .source import MARKDOWN_SUFFIXES, YAML_SUFFIXES

_KINDS = {"openapi": "OpenAPI", "swagger": "Swagger", "asyncapi": "AsyncAPI"}
# a key at the start of a line is a key of the top-level mapping in block-style YAML
_YAML_TOP_KEY = re.compile(r"""^(["']?)(openapi|swagger|asyncapi|intspec)\1[ \t]*:(?:[ \t]+(.*))?$""", re.M)
_VERSION = re.compile(r"""(["']?)v?(\d+(?:\.\d+)*)[-+.\w]*\1[ \t]*(?:#.*)?""")
_JSON_TOKEN = re.compile(r"""\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([{\[])|([}\]])|(:)|(,)|([^\s{}\[\],:"']+))""",
                         re.S)


@dataclass(frozen=True, slots=True)
class ApiDescription:
    kind: str  # "OpenAPI", "Swagger" or "AsyncAPI"
    version: str  # major.minor as written ("3.1", "2.0"), or the major alone
    span: Span  # the version key

    @property
    def title(self) -> str:
        """"an OpenAPI 3.1 document", "a Swagger 2.0 document"."""
        article = "an" if self.kind[0] in "AEIOU" else "a"
        return f"{article} {self.kind} {self.version} document"


def recognise(text: str, name: str, fmt: str | None = None) -> ApiDescription | None:
    """The API description that `text` is, or None when it is not one (or is an intspec spec).

    `fmt` is the format the caller asked for, if any; Markdown is never an API description. Files
    named `.yaml`/`.yml` (or read as YAML) are searched for the key among all their top-level keys,
    `.json` files and content that starts with `{` among the keys of the top-level object; in a file
    of any other name the key must come first, as these documents conventionally start."""
    if not ("openapi" in text or "swagger" in text or "asyncapi" in text):
        return None
    suffix = PurePath(name).suffix.lower()
    if fmt == "markdown" or (fmt is None and suffix in MARKDOWN_SUFFIXES):
        return None
    if text.lstrip("\ufeff \t\n").startswith("{"):
        return _json(text, first_only=suffix != ".json" and suffix not in YAML_SUFFIXES and fmt != "yaml")
    if fmt == "yaml" or suffix in YAML_SUFFIXES:
        return _yaml(text, first_only=False)
    if suffix == ".json":
        return None
    return _yaml(text, first_only=True)


def _described(key: str, value: str | None, span: Span) -> ApiDescription | None:
    """An ApiDescription when `value` is a version number ("3.1.0", "2.0"), as Spectral tells them."""
    match = _VERSION.fullmatch((value or "").strip())
    if match is None:
        return None
    parts = match.group(2).split(".")
    return ApiDescription(_KINDS[key], ".".join(parts[:2]), span)


def _yaml(text: str, first_only: bool) -> ApiDescription | None:
    found = None
    for match in _YAML_TOP_KEY.finditer(text):
        quote, key, value = match.group(1, 2, 3)
        if key == "intspec":
            return None
        if found is not None:
            continue
        line = text.count("\n", 0, match.start()) + 1
        found = _described(key, value, Span(line, 1, line, len(quote) * 2 + len(key) + 1))
        if found is None or (first_only and not _first_line(text, line)):
            return None
        if "intspec" not in text:
            return found
    return found


def _first_line(text: str, line: int) -> bool:
    """Whether line `line` of `text` is its first line other than blanks, comments, directives and `---`."""
    for content in text.split("\n", line)[: line - 1]:
        stripped = content.strip("\ufeff \t")
        if stripped and not stripped.startswith(("#", "%")) and stripped != "---":
            return False
    return True


def _json(text: str, first_only: bool) -> ApiDescription | None:
    """The API description in a JSON object (or a YAML flow mapping), from its top-level keys only:
    the scan stops at the version key, and reads on to the end only when the text has the word
    `intspec` somewhere (an `intspec` key makes it a spec)."""
    depth = 0
    key = candidate = None  # (name, offset, length) of a top-level key, before and after its colon
    found = None
    position = 0
    while True:
        token = _JSON_TOKEN.match(text, position)
        if token is None or token.end() == position:
            break  # the end, or something that is not JSON: judge by what was read
        position = token.end()
        opening, closing, colon, comma = token.group(3, 4, 5, 6)
        if opening:
            if depth == 0 and opening != "{":
                return None  # the top level is a list
            depth += 1
            key = candidate = None
        elif closing:
            depth -= 1
            if depth <= 0:
                break
        elif depth == 0:
            return None  # the top level is a scalar
        elif depth > 1:
            continue
        elif colon:
            name = candidate[0] if candidate else None
            if name == "intspec":
                return None
            if first_only and found is None and name not in _KINDS:
                return None
            key, candidate = candidate, None
        elif comma:
            key = candidate = None
        else:
            group = 1 if token.group(1) is not None else 2 if token.group(2) is not None else 7
            scalar = token.group(group)
            quoted = group != 7
            offset = token.start(group) - quoted
            if key is None:
                candidate = (scalar, offset, len(scalar) + 2 * quoted)
                continue
            name, key_offset, length = key
            key = None
            if found is None and name in _KINDS:
                found = _described(name, scalar, _span_at(text, key_offset, length))
                if found is not None and "intspec" not in text:
                    return found
    return found


def _span_at(text: str, offset: int, length: int) -> Span:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Span(line, column, line, column + length)
