"""A YAML spec written as lists of one-key mappings, read as the mappings the format defines.

Some writers keep order by writing every mapping as a list of one-key mappings (`sla: [{latency: ...},
{throughput: ...}]`) and every record as a one-key mapping named by its key (`flows: [{"Trip published":
[{source: ...}, ...]}]`). The schema check still reports that shape (IS002); the reader reads what it says,
led by the schema: where the schema wants an object, the one-key mappings are its keys; where it wants a list of
records, a record given as `Name: {...}` is that record with its name key (the record's required key, or its
first: `name`, `system`, `metric`, `category`, `source`). The nodes keep their positions.
"""

from __future__ import annotations

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
