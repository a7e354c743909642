"""A YAML spec in shapes of its own, read as the mappings the format defines: lists of one-key mappings, and keys
kept in comments.

Some writers keep order by writing every mapping as a list of one-key mappings (`sla: [{latency: ...},
{throughput: ...}]`) and every record as a one-key mapping named by its key (`flows: [{"Trip published":
[{source: ...}, ...]}]`). The schema check still reports that shape (IS002); the reader reads what it says,
led by the schema: where the schema wants an object, the one-key mappings are its keys; where it wants a list of
records, a record given as `Name: {...}` is that record with its name key (the record's required key, or its
first: `name`, `system`, `metric`, `category`, `source`). The nodes keep their positions.
"""

from __future__ import annotations

import re

from ruamel.yaml.error import StreamMark
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode


def folded(node, schema: dict, root_schema: dict | None = None):
    """`node` with each list of one-key mappings that stands where `schema` wants an object turned into that object,
    and each record written as `Name: {...}` turned into the record it names."""
    root_schema = root_schema or schema
    schema = _resolved(schema, root_schema)
    wants = schema.get("type")
    if isinstance(node, SequenceNode) and wants == "object" and _one_key_maps(node):
        node = MappingNode(node.tag.replace("seq", "map") if isinstance(node.tag, str) else "tag:yaml.org,2002:map",
                           [pair for item in node.value for pair in item.value], node.start_mark, node.end_mark)
    if isinstance(node, MappingNode):
        properties = schema.get("properties", {})
        return _like(node, [(key, folded(value, properties.get(_key(key), {}), root_schema) if _key(key) in properties
                                 else value) for key, value in node.value])
    if isinstance(node, SequenceNode) and wants == "array":
        items = _resolved(schema.get("items", {}), root_schema)
        return _like(node, [folded(_named(item, items), items, root_schema) for item in node.value])
    return node


def _named(item, schema: dict):
    """A record written as `Name: {...}` or `Name: [{key: ...}, ...]` as the record with its name key."""
    properties = schema.get("properties", {})
    if schema.get("type") != "object" or not properties or not isinstance(item, MappingNode) or len(item.value) != 1:
        return item
    key, value = item.value[0]
    if _key(key) in properties or not isinstance(key, ScalarNode):
        return item
    if isinstance(value, SequenceNode) and _one_key_maps(value):
        value = MappingNode("tag:yaml.org,2002:map", [pair for one in value.value for pair in one.value],
                            value.start_mark, value.end_mark)
    if not isinstance(value, MappingNode) or not any(_key(k) in properties for k, _ in value.value):
        return item
    name = (schema.get("required") or list(properties))[0]
    if any(_key(k) == name for k, _ in value.value):
        return item
    label = ScalarNode("tag:yaml.org,2002:str", name, key.start_mark, key.end_mark)
    return MappingNode("tag:yaml.org,2002:map", [(label, key), *value.value], item.start_mark, item.end_mark)


def _one_key_maps(node: SequenceNode) -> bool:
    keys = [_key(item.value[0][0]) for item in node.value if isinstance(item, MappingNode) and len(item.value) == 1]
    return bool(node.value) and len(keys) == len(node.value) and len(set(keys)) == len(keys)


def _resolved(schema: dict, root: dict) -> dict:
    reference = schema.get("$ref", "")
    if reference.startswith("#/$defs/"):
        return root.get("$defs", {}).get(reference.rsplit("/", 1)[1], {})
    return schema


def _like(node, value):
    copy = type(node)(node.tag, value, node.start_mark, node.end_mark)
    copy.anchor = getattr(node, "anchor", None)
    return copy


def _key(node) -> str:
    return str(node.value) if isinstance(node, ScalarNode) else ""


_COMMENT_FIELD = re.compile(r"^(\s*)#\s*([A-Za-z][A-Za-z _-]{1,30}?)\s*:\s+(\S.*)$")  # "    # Rotation: every 60 days"
_COMMENT_MORE = re.compile(r"^(\s*)#\s?(.*)$")


def commented(node, lines: list[str]):
    """`node` with each mapping given the keys its own comments state in the shape of one ("    # Rotation: the
    installer re-issues the token every 60 days ..." among an auth entry's keys, at their indent), where it does not
    have them: a policy kept in a comment is still the document's word."""
    if isinstance(node, SequenceNode):
        items = [commented(item, lines) for item in node.value]
        return node if all(a is b for a, b in zip(items, node.value)) else _like(node, items)
    if not isinstance(node, MappingNode) or not node.value:
        return node
    pairs = [(key, commented(value, lines)) for key, value in node.value]
    changed = any(a[1] is not b[1] for a, b in zip(pairs, node.value))
    column = node.value[0][0].start_mark.column
    have = {_key(key) for key, _ in pairs}
    line, end = node.start_mark.line, min(node.end_mark.line, len(lines) - 1)
    while line <= end:
        found = _COMMENT_FIELD.match(lines[line])
        if not found or len(found.group(1)) != column:
            line += 1
            continue
        key = re.sub(r"[\s-]+", "_", found.group(2).strip().lower())
        words, first = [found.group(3).strip()], line
        line += 1
        while line <= end and (more := _COMMENT_MORE.match(lines[line])) and len(more.group(1)) == column \
                and not _COMMENT_FIELD.match(lines[line]) and more.group(2).strip():
            words.append(more.group(2).strip())
            line += 1
        if key in have:
            continue
        have.add(key)
        start = StreamMark("", 0, first, column)
        stop = StreamMark("", 0, line - 1, len(lines[line - 1]))
        pairs.append((ScalarNode("tag:yaml.org,2002:str", key, start, start),
                      ScalarNode("tag:yaml.org,2002:str", " ".join(words), start, stop)))
        changed = True
    return _like(node, pairs) if changed else node


def merged(node, depth: int = 0):
    """`node` with each merge key (`<<: *auth-common`) replaced by the keys of the mapping it names, the mapping's own
    keys first (YAML's merge key: the shared block written once and taken in)."""
    if depth > 100:
        return node
    if isinstance(node, SequenceNode):
        return _like(node, [merged(item, depth + 1) for item in node.value])
    if not isinstance(node, MappingNode):
        return node
    own = [(key, merged(value, depth + 1)) for key, value in node.value if _key(key) != "<<"]
    if len(own) == len(node.value):
        return _like(node, own)
    have = {_key(key) for key, _ in own}
    taken = []
    for key, value in node.value:
        if _key(key) != "<<":
            continue
        for source in (value.value if isinstance(value, SequenceNode) else [value]):
            for pair in (merged(source, depth + 1).value if isinstance(source, MappingNode) else ()):
                if _key(pair[0]) not in have:
                    have.add(_key(pair[0]))
                    taken.append(pair)
    return _like(node, own + taken)
