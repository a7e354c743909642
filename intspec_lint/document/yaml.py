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
        if "another document" in problem or "single document" in str(error.context or ""):
            raise YamlSyntaxError("a YAML spec is one document, but this file has several (separated by ---)",
                                  span) from None
        raise YamlSyntaxError(f"invalid YAML: {problem}", span) from None
    except RecursionError:
        raise YamlSyntaxError(f"YAML nested deeper than {MAX_DEPTH} levels: not read", Span(1, 1, 1, 1)) from None
    except YAMLError as error:
        message = str(error).splitlines()[0] if str(error) else "invalid YAML"
        raise YamlSyntaxError(f"invalid YAML: {message}", Span(1, 1, 1, 1)) from None
    if root is not None:
        _check_bounds(root)
    return YamlDocument(lines, root)


MAX_DEPTH = 64
MAX_NODES = 100_000


def _check_bounds(root) -> None:
    """Reject what would make later stages explode: deep nesting, and aliases that expand to a huge
    tree ("billion laughs"). Sizes are counted with each shared node counted once per use."""
    expanded: dict[int, int] = {}
    stack = [(root, 1, False)]
    while stack:
        node, depth, children_done = stack.pop()
        if depth > MAX_DEPTH:
            raise YamlSyntaxError(f"YAML nested deeper than {MAX_DEPTH} levels: not read", node_span(node))
        kids = _children(node)
        if children_done or not kids:
            total = 1 + sum(expanded.get(id(kid), 1) for kid in kids)
            if total > MAX_NODES:
                raise YamlSyntaxError(
                    f"YAML expands to more than {MAX_NODES:,} nodes (aliases included): not read", node_span(node)
                )
            expanded[id(node)] = total
            continue
        if id(node) in expanded:
            continue
        stack.append((node, depth, True))
        stack.extend((kid, depth + 1, False) for kid in kids if id(kid) not in expanded)


def _children(node) -> list:
    if isinstance(node.value, list):
        if node.value and isinstance(node.value[0], tuple):
            return [part for pair in node.value for part in pair]
        return list(node.value)
    return []
