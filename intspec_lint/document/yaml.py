"""YAML to a node tree with marks, through ruamel.yaml's C-accelerated safe composer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ruamel.yaml.nodes import MappingNode, SequenceNode

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


@lru_cache(maxsize=1)
def _pure_yaml():
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True)


@lru_cache(maxsize=1)
def _composer():
    """A class that composes one document with ruamel.yaml's C parser and the safe loader's tag
    resolution, or None without the C extension.

    `YAML(typ="safe").compose` builds a loader class for every call, and its resolver looks up the
    YAML version for every scalar through two caught AttributeErrors; on this loader that version is
    always the default one (the C parser does not hand a `%YAML` directive to the resolver), so the
    resolution table is taken once. tests/test_yaml_compose.py checks that both build the same trees.
    """
    try:
        from _ruamel_yaml import CParser
    except ImportError:
        return None
    from ruamel.yaml.nodes import ScalarNode, SequenceNode
    from ruamel.yaml.tag import Tag

    resolver = _yaml().Resolver()
    if resolver.yaml_path_resolvers:  # path resolvers need the full protocol
        return None
    table = resolver.versioned_resolver
    extra = tuple(table.get(None, ()))
    by_start = {start: tuple(resolvers) + extra for start, resolvers in table.items() if start is not None}
    fallback = extra
    scalar, sequence, mapping = resolver.DEFAULT_SCALAR_TAG, resolver.DEFAULT_SEQUENCE_TAG, resolver.DEFAULT_MAPPING_TAG
    tags: dict[str, Tag] = {}

    class Composer(CParser):
        def descend_resolver(self, current_node, current_index) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

        def resolve(self, kind, value, implicit):
            if kind is ScalarNode:
                if implicit[0]:
                    for tag, regexp in by_start.get(value[0] if value else "", fallback):
                        if regexp.match(value):
                            found = tags.get(tag)
                            if found is None:
                                found = tags[tag] = Tag(suffix=tag)
                            return found
                return scalar
            return sequence if kind is SequenceNode else mapping

    return Composer


def compose(text: str):
    """The node tree of the one YAML document in `text` (None when it is empty), as
    `YAML(typ="safe").compose(text)` builds it."""
    composer = _composer()
    if composer is None:
        return _yaml().compose(text)
    parser = composer(text)
    try:
        return parser.get_single_node()
    finally:
        parser.dispose()


def load_data(text: str):
    """The plain data of one YAML document (dicts, lists, scalars), after parse_yaml's bounds and syntax
    checks: built from the node tree parse_yaml composed, not parsed again. Raises YamlSyntaxError."""
    from ruamel.yaml.error import YAMLError

    root = parse_yaml(text).root
    try:
        return None if root is None else _pure_yaml().constructor.construct_document(root)
    except (YAMLError, RecursionError) as error:  # a tag no plain data has (`!Ref`), nesting past the bounds
        _pure_yaml.cache_clear()  # its constructor is left half-way through that document
        raise YamlSyntaxError(f"YAML that is no plain data: {str(error).splitlines()[0]}", node_span(root)) from None


def is_map(node) -> bool:
    return isinstance(node, MappingNode)


def is_seq(node) -> bool:
    return isinstance(node, SequenceNode)


def node_span(node) -> Span:
    start, end = node.start_mark, node.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def parse_yaml(text: str) -> YamlDocument:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    lines = text.split("\n")
    try:
        try:
            root = compose(text)
        except MarkedYAMLError:
            # the C parser reads YAML 1.1, which refuses what 1.2 allows (`{at: 04:00 UTC}`, a colon inside
            # a plain scalar in a flow mapping): the pure parser reads 1.2, and has the last word
            root = _pure_yaml().compose(text)
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
    _check_directives(lines)
    if root is not None:
        _check_tree(text, lines, root)
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


# -- what libyaml lets through but YAML 1.2 forbids --------------------------------------------
# The C parser accepts a few malformed inputs (the yaml-test-suite lists them); a spec that only
# one parser reads is a spec two tools disagree on, so these are syntax errors here too.
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*#")


def _fail(message: str, line0: int, column0: int) -> None:
    raise YamlSyntaxError(f"invalid YAML: {message}", Span(line0 + 1, column0 + 1, line0 + 1, column0 + 2))


# An alias: `*name` where a node may start. Without one, every node of the tree is its own (no node is
# shared) and the bounds are the tree's size and depth.
_ALIAS = re.compile(r"(?:^|[\s\[{,:])\*[^\s\[\]{},]", re.M)


def _check_tree(text: str, lines: list[str], root) -> None:
    """`_check_bounds`, then `_check_strict`, with the same outcome, in one walk when there are no
    aliases. Checks that cannot fire are skipped: every comment check needs a `#` in the text and
    every tag check a `!`."""
    if _ALIAS.search(text):
        _check_bounds(root)
        _check_strict(text, lines, root)
        return
    try:
        nodes, deepest = _walk_strict(text, lines, root, "#" in text, "!" in text)
    except YamlSyntaxError:
        _check_bounds(root)  # a bounds error is reported first, as when the walks were separate
        raise
    if nodes > MAX_NODES or deepest > MAX_DEPTH:
        _check_bounds(root)


def _walk_strict(text: str, lines: list[str], root, comments: bool, tags: bool) -> tuple[int, int]:
    """`_check_strict` on a tree without shared nodes, in the same order; (the number of nodes, the
    depth of the deepest one)."""
    nodes = deepest = 0
    stack = [(root, -1, False, 1)]  # node, the indentation it must exceed, inside a flow collection, depth
    pop, push = stack.pop, stack.append
    while stack:
        node, indent, in_flow, depth = pop()
        nodes += 1
        if depth > deepest:
            deepest = depth
        value = node.value
        if isinstance(value, list):
            flow = node.flow_style
            if flow and not in_flow:
                start, end = node.start_mark, node.end_mark
                if comments:
                    _check_flow_text(text, start.index, end.index)
                if start.line != end.line:
                    _check_continuation(lines, start.line, end.line, indent, "flow collection")
                if comments:
                    _check_after(text, end.index, "a flow collection")
            inner = in_flow or bool(flow)
            depth += 1
            if value and isinstance(value[0], tuple):
                column = node.start_mark.column
                for key, item in value:
                    push((key, column, inner, depth))
                    push((item, key.start_mark.column, inner, depth))
            else:
                column = node.start_mark.column
                for item in value:
                    push((item, column, inner, depth))
            continue
        style = node.style
        if style or tags or (in_flow and value == "-"):
            _check_scalar(text, lines, node, indent, in_flow, style)
    return nodes, deepest


def _check_scalar(text: str, lines: list[str], node, indent: int, in_flow: bool, style) -> None:
    """The scalar checks of `_check_strict`, in its order."""
    start, end = node.start_mark, node.end_mark
    tag = node.tag or ""
    if tag.startswith("tag:yaml.org,2002:") and "," in tag[len("tag:yaml.org,2002:"):]:
        _fail(f"the tag {tag!r} is not a valid tag", start.line, start.column)
    if in_flow and not style and node.value == "-":
        _fail("'-' cannot be a plain value inside a flow collection; quote it", start.line, start.column)
    if style in ('"', "'"):
        _check_after(text, end.index, "a quoted value")
        if not in_flow:
            _check_continuation(lines, start.line, end.line, indent, "quoted value")
    elif style in ("|", ">"):
        if _BLOCK_HEADER.match(text, start.index):
            _fail("a comment must be separated from the block scalar header by a space", start.line,
                  start.column)
        _check_block_leading_lines(lines, start.line, end.line)


def _check_directives(lines: list[str]) -> None:
    for number, line in enumerate(lines):
        if line.startswith("%"):
            match = re.search(r"\S#", line)
            if match:
                _fail("a comment must be separated from the directive by a space", number, match.start() + 1)
        elif line.startswith("---") or (line.strip() and not line.startswith("#")):
            return


def _check_strict(text: str, lines: list[str], root) -> None:
    stack = [(root, -1, False)]  # node, the indentation it must exceed, inside a flow collection
    seen: set[int] = set()
    while stack:
        node, indent, in_flow = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        start, end = node.start_mark, node.end_mark
        style = getattr(node, "flow_style", None) if isinstance(node.value, list) else node.style
        if isinstance(node.value, list):
            flow = bool(node.flow_style)
            if flow and not in_flow:
                _check_flow_text(text, start.index, end.index)
                _check_continuation(lines, start.line, end.line, indent, "flow collection")
                _check_after(text, end.index, "a flow collection")
            if node.value and isinstance(node.value[0], tuple):
                for key, value in node.value:
                    stack.append((key, start.column, in_flow or flow))
                    stack.append((value, key.start_mark.column, in_flow or flow))
            else:
                for item in node.value:
                    stack.append((item, start.column, in_flow or flow))
            continue
        _check_scalar(text, lines, node, indent, in_flow, style)


def _check_after(text: str, index: int, what: str) -> None:
    if index < len(text) and text[index] == "#":
        line = text.count("\n", 0, index)
        column = index - (text.rfind("\n", 0, index) + 1)
        _fail(f"a comment after {what} must be separated by a space", line, column)


def _check_flow_text(text: str, start: int, end: int) -> None:
    quote = None
    previous = ""
    for index in range(start, min(end, len(text))):
        char = text[index]
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'" and previous in ",[{: \n\t":
            quote = char
        elif char == "#" and previous in ",[{":
            line = text.count("\n", 0, index)
            _fail("a comment must be separated by a space", line, index - (text.rfind("\n", 0, index) + 1))
        previous = char


def _check_continuation(lines: list[str], first: int, last: int, indent: int, what: str) -> None:
    """Lines that continue a flow collection or a quoted value must be indented past their parent."""
    for number in range(first + 1, min(last, len(lines) - 1) + 1):
        line = lines[number]
        if not line.strip():
            continue
        lead = len(line) - len(line.lstrip(" "))
        if line[lead:lead + 1] == "\t" and lead <= indent:
            _fail(f"a tab cannot indent a line of a {what}", number, lead)
        if lead <= indent and not line.lstrip().startswith(("]", "}")) or lead < indent:
            _fail(f"this line of a multi-line {what} must be indented more than its key", number, lead)


def _check_block_leading_lines(lines: list[str], first: int, last: int) -> None:
    """Leading empty lines of a block scalar must not hold more spaces than its first non-empty line."""
    header = lines[first] if first < len(lines) else ""
    if re.search(r"[|>][-+]?[1-9]", header):
        return
    widths = []
    for number in range(first + 1, len(lines)):
        line = lines[number]
        if line.strip():
            indentation = len(line) - len(line.lstrip(" "))
            for row, width in widths:
                if width > indentation:
                    _fail("a leading empty line of the block scalar holds more spaces than its first line", row,
                          width - 1)
            return
        widths.append((number, len(line)))
