"""YAML to a node tree with marks, through ruamel.yaml's C-accelerated safe composer."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..span import Span


class YamlSyntaxError(Exception):
    def __init__(self, message: str, span: Span):
        super().__init__(message)
        self.message = message
        self.span = span


@dataclass(slots=True)
class YamlDocument:
    lines: list[str]
    root: object | None  # a ruamel.yaml Node, None for an empty document


@lru_cache(maxsize=1)
def _yaml():
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=False)


def node_span(node) -> Span:
    start, end = node.start_mark, node.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def parse_yaml(text: str) -> YamlDocument:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    lines = text.split("\n")
    try:
        root = _yaml().compose(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        span = Span(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2) if mark else Span(1, 1, 1, 1)
        problem = error.problem or error.context or "invalid YAML"
        raise YamlSyntaxError(f"invalid YAML: {problem}", span) from None
    except YAMLError as error:
        message = str(error).splitlines()[0] if str(error) else "invalid YAML"
        raise YamlSyntaxError(f"invalid YAML: {message}", Span(1, 1, 1, 1)) from None
    return YamlDocument(lines, root)
