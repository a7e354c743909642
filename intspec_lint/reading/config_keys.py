"""The keys of configuration blocks pasted into a spec, as (line, dotted key path, value): YAML and JSON by
their parse, properties, TOML and INI by their lines, and brace-nested configuration (HCL, CUE, HOCON, Jsonnet)
by its blocks and one-line objects. The statements step makes each a code key the readers route by its path."""

from __future__ import annotations

import re

from ..document.model import Code
from .lazy_re import lazy
from .program_code import COMMENT_LINE as _COMMENT_LINE, CONSTRAINT as _CONSTRAINT, object_pairs

TRAILING_COMMENT = lazy(r"\s(?:#|//)\s?(.*)$")  # "retries: 5  # then the DLQ": the comment
EXTENSION = "\x00"  # marks a key under an `x-` extension while the block's keys are listed

_HCL_BLOCK = lazy(r"^\s*([A-Za-z_][\w-]*)((?:\s+\"[^\"]*\")*)\s*\{\s*$")
# a labelled block on one line, its attributes side by side: `monitor "dlq_depth" { threshold = "> 0"  alert = "warning" }`
_HCL_LINE_BLOCK = lazy(r"^\s*([A-Za-z_][\w-]*)((?:\s+\"[^\"]*\")+)\s*\{(.*)\}\s*$")
_HCL_ATTRIBUTE = lazy(r"([A-Za-z_][\w-]*)\s*=\s*(\"[^\"]*\"|[^\s\"{}]+)")
_SECTION_HEADER = lazy(r"^\s*\[([^\]]+)\]\s*$")
_PROPERTY = lazy(r"^\s*(?:export\s+)?([A-Za-z_][\w.\-\[\]/]*|\"[^\"\n=]{1,80}\")\s*(?:=|:(?!//))\s*(.*?)\s*$")  # TOML quotes a key
# that is no bare word: `"from_t/to_t (rewind)" = "..."`
_JSONC_COMMENT = lazy(r"(?m)^(\s*)//.*$|(?<=[,{\[\s])//[^\n\"]*$")


def yaml_keys(code: Code) -> list[tuple[int, str, str]]:
    """(line, dotted key path, value) of each scalar leaf of a YAML or JSON block (JSONC comments
    blanked out first, so lines keep their numbers)."""
    from ..document.yaml import YamlSyntaxError, is_map, is_seq, parse_yaml

    text = code.text
    if code.info in ("jsonc", "json5", "json") and "//" in text:
        text = _JSONC_COMMENT.sub(lambda m: " " * len(m.group(0)), text)
    try:
        root = parse_yaml(text).root
    except YamlSyntaxError:
        return property_keys(code) if code.info not in ("json", "jsonc") else []
    found: list[tuple[int, str, str]] = []
    stack = [(root, "", 0, code.first_line)]
    while stack and len(found) < 2000:
        node, prefix, depth, first_line = stack.pop()
        if node is None or depth > 12:
            continue
        if is_map(node):
            for key_node, value_node in reversed(node.value):
                # an API description's extension (`x-retry:`): its key says what its name says, and it is
                # kept apart (`EXTENSION`) from the description, whose keys are read as its operations
                name = str(key_node.value)
                if name.startswith("x-") and len(name) > 2:
                    name = EXTENSION + name[2:]
                key = f"{prefix}.{name}" if prefix else name
                if is_map(value_node) or is_seq(value_node):
                    found.append((first_line + key_node.start_mark.line, key, ""))
                    stack.append((value_node, key, depth + 1, first_line))
                else:
                    text = "" if value_node.value is None else str(value_node.value)
                    found.append((first_line + key_node.start_mark.line, key, text))
                    embedded = _embedded_document(value_node, text)
                    if embedded is not None:  # a ConfigMap's `policy.yaml: |`: a file of its own, its keys read as one
                        stack.append((embedded, "", depth + 1, first_line + value_node.start_mark.line + 1))
        elif is_seq(node):
            for index, item in reversed(list(enumerate(node.value))):
                if is_map(item) or is_seq(item):
                    stack.append((item, f"{prefix}[{index}]", depth + 1, first_line))
                elif item.value is not None:
                    found.append((first_line + item.start_mark.line, prefix, str(item.value)))
    found.sort(key=lambda entry: entry[0])
    return found


def _embedded_document(node, text: str):
    """The mapping a literal block scalar holds when it is a YAML document itself (a ConfigMap's `data:` entry,
    a Helm value carrying a file), or None."""
    from ..document.yaml import YamlSyntaxError, is_map, parse_yaml

    if getattr(node, "style", None) not in ("|", ">") or text.count("\n") < 2 or ":" not in text:
        return None
    try:
        root = parse_yaml(text).root
    except YamlSyntaxError:
        return None
    return root if is_map(root) else None


def property_keys(code: Code) -> list[tuple[int, str, str]]:
    """`retry.max-attempts=5`, `MAX_RETRIES: 5`, TOML/INI keys under their [section]."""
    found: list[tuple[int, str, str]] = []
    prefix = ""
    for offset, raw in enumerate(code.text.split("\n")):
        if _COMMENT_LINE.match(raw):
            continue
        header = _SECTION_HEADER.match(raw)
        if header:
            prefix = header.group(1).strip()
            continue
        printed = _PRINTED_OBJECT.match(raw)
        if printed:  # a program's printed settings: "RetryPolicy(strategy='exponential', max_attempts=5)"
            for argument in _ARGUMENT.finditer(printed.group(2)):
                found.append((code.first_line + offset, f"{printed.group(1)}.{argument.group(1)}",
                              argument.group(2).strip().strip("\"'")))
            continue
        match = _PROPERTY.match(TRAILING_COMMENT.sub("", raw))
        if match:
            name = match.group(1).strip('"')
            key = f"{prefix}.{name}" if prefix else name
            said = match.group(2).strip()
            inner = _ASSIGNMENTS.findall(said) if name.lower() == "environment" else []
            for name, value in inner:  # systemd's `Environment=RETRY_MAX_DELAY=80 "A=1"`: the variables it sets
                found.append((code.first_line + offset, f"{prefix}.{name}" if prefix else name, value.strip("\"'")))
            if not inner:
                found.append((code.first_line + offset, key, said.strip("\"'")))
            if said.startswith("{") and said.endswith("}"):  # `backoff: {strategy: exponential, maxDelaySeconds: 120}`
                found += [(code.first_line + offset, ".".join([key, *path]), value)
                          for path, value in object_pairs(said[1:-1])]
    return found


_ASSIGNMENTS = lazy(r"\"?([A-Za-z_][\w.]*)=(\"[^\"]*\"|'[^']*'|[^\s\"]*)\"?")


_PRINTED_OBJECT = lazy(r"^\s*([A-Za-z_]\w*)\((\s*[A-Za-z_]\w*\s*=.*)\)\s*$")
_ARGUMENT = lazy(r"([A-Za-z_]\w*)\s*=\s*('[^']*'|\"[^\"]*\"|[^,()]+)")


# brace-nested configuration: HCL blocks (`resource "aws_sqs_queue" "orders" {`), CUE and HOCON fields, chained
# (`retry: default: #Retry & {`) or one-line objects (`transient: {codes: [429, 503], action: "retry"}`)
_FIELDS_OPEN = lazy(r"^((?:[#\w\"'$-]+\s*[:=]\s*)+)(?:#?[\w.]+\s*&\s*)?\{(.*?)(\})?$")
_SLASH_COMMENT = lazy(r"(?:^|\s)//.*$")


def brace_keys(code: Code) -> list[tuple[int, str, str]]:
    """Keys of a brace-nested block with their path: a block's or a field's name opens a scope, a one-line object
    gives each of its fields, a type or constraint (a schema's, not a value) gives none."""
    found: list[tuple[int, str, str]] = []
    stack: list[list[str]] = []
    hashes = code.info not in ("cue", "jsonnet", "libsonnet")  # in CUE, `#Retry` names a definition
    for offset, raw in enumerate(code.text.split("\n")):
        line = _SLASH_COMMENT.sub("", TRAILING_COMMENT.sub("", raw) if hashes else raw).strip().rstrip(",")
        number = code.first_line + offset
        closers = len(line) - len(line.lstrip("}])"))
        if closers:
            del stack[max(0, len(stack) - closers):]
            line = line[closers:].strip(" ,")
            if not line:
                continue
        one_line = _HCL_LINE_BLOCK.match(line)
        if one_line:
            path = [part for scope in stack for part in scope] + [one_line.group(1)] + \
                re.findall(r'"([^"]*)"', one_line.group(2))
            found += [(number, ".".join(path + [key]), said.strip('"')) for key, said in
                      _HCL_ATTRIBUTE.findall(one_line.group(3))]
            continue
        block = _HCL_BLOCK.match(line)
        if block:
            stack.append([block.group(1), *(label.strip('"') for label in block.group(2).split())])
            continue
        fields = _FIELDS_OPEN.match(line)
        if fields:
            names = [name.strip("\"'#") for name in re.split(r"\s*[:=]\s*", fields.group(1)) if name.strip()]
            path = [part for scope in stack for part in scope] + names
            if fields.group(3) is None and not fields.group(2).strip():
                stack.append(names)  # `errors: {` over its fields
            else:  # `partial: {codes: [207], action: "..."}`: the object on its line
                found += [(number, ".".join(path + key), said) for key, said in object_pairs(fields.group(2))]
            continue
        match = _PROPERTY.match(line)
        if match and not _CONSTRAINT.match(match.group(2).strip()):
            prefix = ".".join(part for scope in stack for part in scope)
            name = match.group(1).strip('"')
            key = f"{prefix}.{name}" if prefix else name
            found.append((number, key, match.group(2).strip().rstrip("{").strip().strip("\"'")))
    return found


_BLOCK_SCALAR = lazy(r":\s*\|[-+]?\d*\s*(?:#.*)?$")  # "description: |", "notes: |-": a literal block follows
_PROSE = lazy(r"[A-Za-z]{2,}[,;]?\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}")  # words in a row, not a list of values


def block_prose(code: Code, keys: list[tuple[int, str, str]]) -> list[tuple[int, str, bool]]:
    """(line of its first line, text, whether it stands on one line) of each string that holds prose: a YAML
    literal block scalar (an API description's `description: |`, CommonMark by the OpenAPI and AsyncAPI
    specifications, a manifest's notes), line for line; a JSON string with escaped newlines (a flow export's
    `"info": "...\\n| Flow | ...\\n"`), all on its own line. The statements step reads each as Markdown."""
    lines = code.text.split("\n")
    found = []
    for line, _key, value in keys:
        raw = lines[line - code.first_line] if 0 <= line - code.first_line < len(lines) else ""
        escaped = raw.count("\\n") >= 2  # a one-line JSON string that holds a document of its own
        if value.count("\n") >= 1 and (escaped or _BLOCK_SCALAR.search(raw)) and _PROSE.search(value) and \
                not value.lstrip().startswith(("{", "[", "<")):
            found.append((line, value, True) if escaped else (line + 1, value, False))
    return found

