"""Contracts written in a standard API description pasted into the spec: an OpenAPI (or Swagger) document
or excerpt, a RAML one (its resource types and traits applied, nested resources under their parents), or
an AsyncAPI one, in a code block.

Teams often paste the part of the provider's OpenAPI document they use, and describe the rest in prose.
Each operation under `paths` (and each OpenAPI 3.1 `webhooks` entry) is a contract: its method, its URL
(the first server's URL and the path), its header parameters, its request and response schemas (with
`$ref`s into the block's own `components` resolved) and its status codes with their descriptions. Each
AsyncAPI channel is a message contract: its address and its message payload. The block is then no
example and no other part's facts.
"""

from __future__ import annotations

import json
import re

from ..document.yaml import YamlSyntaxError, load_data
from ..model import Body, Contract, Example, StatusCode, Value, evidence
from ..span import Span
from .context import Reading
from .lazy_re import lazy
from .statements import Statement
from .values import value

_LOOKS = lazy(r"^\s*[\"']?(?:openapi|swagger|asyncapi|paths|channels)[\"']?\s*:|^\s*[\"']?/[\w{}/.-]*[\"']?\s*:\s*$", re.M)
_METHODS = ("get", "post", "put", "patch", "delete", "head", "options")
_URL = lazy(r"https?://[^\s\"'`)]+")
_MAX_REF_DEPTH = 12


def contracts(r: Reading) -> list[Contract]:
    """The contracts the document's API description blocks declare; their code blocks are marked as
    read (`r.described`: block -> its contracts), so no other reader takes them for examples or facts."""
    found: list[Contract] = []
    for statement in r.statements:
        if statement.shape != "code" or statement.code.info not in ("yaml", "yml", "json", "openapi", "asyncapi", "raml", ""):
            continue
        if not _LOOKS.search(statement.code.text):
            continue
        data = _load(statement.code.text)
        if not isinstance(data, dict):
            continue
        read = _openapi(statement, data) + _asyncapi(statement, data)
        if read:
            r.described[id(statement.code)] = read
            r.examples.add(id(statement.code))
            found += read
    return found


def _load(text: str):
    data = _parse(text)
    if data is None:  # an excerpt typed by hand: a description with a comma or a bracket in a flow mapping, an
        repaired = _LOOSE_DESCRIPTION.sub(lambda m: m.group(1) + json.dumps(m.group(2).strip()) + m.group(3), text)
        repaired = _ARRAY_TYPE.sub(lambda m: m.group(1) + json.dumps(m.group(2)), repaired)  # array type `Event[]`
        data = _parse(repaired) if repaired != text else None
    return _raml_resolved(data) if isinstance(data, dict) and ("traits" in data or "resourceTypes" in data) else data


_ARRAY_TYPE = lazy(r"(:\s*)([A-Za-z_][\w.]*\[\])(?=\s*[,}])")


def _raml_resolved(data: dict) -> dict:
    """A RAML document with its resource types and traits applied: each resource takes the methods of its
    `type` (its `<<parameters>>` filled in) and each method the responses, headers and body of the traits it
    `is`; what the resource or method says itself wins."""
    kinds = data.get("resourceTypes") if isinstance(data.get("resourceTypes"), dict) else {}
    traits = data.get("traits") if isinstance(data.get("traits"), dict) else {}

    def resolve(item: dict) -> dict:
        item = dict(item)
        kind = item.get("type")
        name, params = (next(iter(kind.items())) if isinstance(kind, dict) and kind else (kind, {}))
        template = kinds.get(name) if isinstance(name, str) else None
        if isinstance(template, dict):
            filled = _fill(template, params if isinstance(params, dict) else {})
            for key, method in filled.items():
                bare = key.rstrip("?") if isinstance(key, str) else key
                if bare in _METHODS and isinstance(method, dict) and (bare in item or not key.endswith("?")):
                    item[bare] = _merged(item.get(bare) if isinstance(item.get(bare), dict) else {}, method)
        for key in _METHODS:
            method = item.get(key)
            names = method.get("is") if isinstance(method, dict) else None
            for trait in (names if isinstance(names, list) else []):
                trait_name, params = (next(iter(trait.items())) if isinstance(trait, dict) and trait else (trait, {}))
                if isinstance(trait_name, str) and isinstance(traits.get(trait_name), dict):
                    item[key] = _merged(item[key], _fill(traits[trait_name], params if isinstance(params, dict) else {}))
        for key, child in list(item.items()):
            if isinstance(key, str) and key.startswith("/") and isinstance(child, dict):
                item[key] = resolve(child)
        return item

    return {key: resolve(item) if isinstance(key, str) and key.startswith("/") and isinstance(item, dict) else item
            for key, item in data.items()}


def _fill(node, params: dict):
    """A template with its `<<name>>` parameters replaced."""
    if isinstance(node, str):
        return re.sub(r"<<\s*(\w+)\s*>>", lambda m: str(params.get(m.group(1), m.group(0))), node)
    if isinstance(node, dict):
        return {_fill(k, params) if isinstance(k, str) else k: _fill(v, params) for k, v in node.items()}
    if isinstance(node, list):
        return [_fill(v, params) for v in node]
    return node


def _merged(own: dict, given: dict) -> dict:
    """`given` under `own`: mappings merged key by key, anything else `own`'s where it has one."""
    out = dict(given)
    for key, value_ in own.items():
        out[key] = _merged(value_, out[key]) if isinstance(value_, dict) and isinstance(out.get(key), dict) else value_
    return out


# `{description: Some recorded, others rejected (see results[].status)}`: the words, quoted
_LOOSE_DESCRIPTION = lazy(r"(\{\s*(?:description|summary)\s*:\s*)([^\"'{}\n][^{}\n]*?)(\s*\}\s*,?\s*)$", re.M)


def _parse(text: str):
    stripped = text.strip()
    if stripped.startswith("{"):
        try:
            return json.loads(stripped)
        except ValueError:
            return None
    try:
        return load_data(text)
    except (YamlSyntaxError, ValueError, TypeError):  # a tag or a key no plain data can hold
        return None


# -- OpenAPI ----------------------------------------------------------------------------------------
def _openapi(statement: Statement, data: dict) -> list[Contract]:
    paths = data.get("paths")
    if not isinstance(paths, dict):  # an excerpt of `paths` alone: "/registrations:" over "post:"; RAML's
        paths = dict(_resources(data))  # resources, each with its nested ones ("/{id}:" under "/measurements:")
    base = _server(data)
    lines = statement.code.text.split("\n")
    found = []
    for path, item in paths.items():
        if not isinstance(item, dict) or not isinstance(path, str):
            continue
        at = _path_line(lines, path)
        shared = item.get("parameters") if isinstance(item.get("parameters"), list) else []
        for method in _METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict):
                continue
            line = _line_of(lines, method, at)
            span = _span(statement, line)
            own = _server(operation) or _server(item) or base  # `servers` of the operation or its path win
            contract = Contract(span, method=value(method.upper(), span), url=value(own + path, span))
            _operation(contract, operation, shared, data, span, _text(lines, line))
            found.append(contract)
    webhooks = data.get("webhooks")
    for name, item in (webhooks.items() if isinstance(webhooks, dict) else ()):
        if not isinstance(item, dict):
            continue
        at = _line_of(lines, str(name), 0)
        for method in _METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict):
                continue
            span = _span(statement, _line_of(lines, method, at))
            said = " ".join(str(operation.get(k, "")) for k in ("summary", "description"))
            url = _URL.search(said)
            # a webhook is sent to the address each subscriber registers: evidence of one, when none is given
            address = value(url.group(0), span) if url else evidence(f"(the URL registered for '{name}')", span)
            contract = Contract(span, name=value(str(name), span), method=value(method.upper(), span), url=address)
            _operation(contract, operation, [], data, span, _text(lines, span.line - statement.code.first_line))
            found.append(contract)
    return found


def _resources(node: dict, parent: str = ""):
    """(path, item) of each resource keyed by its path, nested ones under their parent's path (RAML)."""
    for key, item in node.items():
        if isinstance(key, str) and key.startswith("/") and isinstance(item, dict):
            yield parent + key, item
            yield from _resources(item, parent + key)


def _path_line(lines: list[str], path: str) -> int:
    """The line of a path's key: the whole path, else each nested segment after its parent's (RAML)."""
    whole = _line_of(lines, path, 0)
    if whole or (lines and re.match(rf"^\s*[\"']?{re.escape(path)}[\"']?\s*:", lines[0])):
        return whole
    at = 0
    for segment in re.findall(r"/[^/]+", path):
        at = _line_of(lines, segment, at)
    return at


def _server(data: dict) -> str:
    base_uri = data.get("baseUri")  # RAML: `https://api.example/{version}`, its version given beside it
    if isinstance(base_uri, str):
        return base_uri.replace("{version}", str(data.get("version", "{version}"))).rstrip("/")
    servers = data.get("servers")
    if isinstance(servers, list) and servers and isinstance(servers[0], dict) and isinstance(servers[0].get("url"), str):
        return servers[0]["url"].rstrip("/")
    host, base = data.get("host"), data.get("basePath")  # Swagger 2
    if isinstance(host, str):
        scheme = (data.get("schemes") or ["https"])[0]
        return f"{scheme}://{host}{base if isinstance(base, str) else ''}".rstrip("/")
    return base.rstrip("/") if isinstance(base, str) else ""


def _operation(contract: Contract, operation: dict, shared: list, root: dict, span: Span, text: str) -> None:
    contract.text = text
    parameters = [p for p in shared + list(operation.get("parameters") or []) if isinstance(p, dict)]
    for parameter in parameters:
        parameter = _resolve(parameter, root)
        if isinstance(parameter, dict) and parameter.get("in") == "header" and isinstance(parameter.get("name"), str):
            contract.headers.append(value(parameter["name"], span))
        if isinstance(parameter, dict) and parameter.get("in") == "body" and isinstance(parameter.get("schema"), dict):
            _body(contract, "request", _resolve(parameter["schema"], root), span)  # Swagger 2
    request = _resolve(operation.get("requestBody"), root)
    if isinstance(request, dict):
        _body(contract, "request", _schema_of(request, root), span)
        _examples(contract, "request", request, span)
    elif isinstance(operation.get("body"), dict):  # RAML: `body: {application/json: {type: Sheet, example: ...}}`
        _raml_body(contract, "request", operation["body"], span)
    responses = operation.get("responses")
    for code, response in (responses.items() if isinstance(responses, dict) else ()):
        response = _resolve(response, root)
        match = re.fullmatch(r"([1-5])(\d\d|XX)", str(code).strip().upper())
        description = response.get("description") if isinstance(response, dict) else None
        if match and match.group(2) != "XX":
            meaning = value(str(description), span) if isinstance(description, str) and description.strip() else None
            contract.status_codes.append(StatusCode(int(str(code)), span, meaning))
        if isinstance(response, dict) and str(code).startswith("2") and isinstance(response.get("body"), dict) and \
                "content" not in response:
            _raml_body(contract, "response", response["body"], span)
            continue
        if isinstance(response, dict) and str(code).startswith("2"):
            schema = _schema_of(response, root) or _resolve(response.get("schema"), root)  # Swagger 2: on the response
            if schema is not None or str(code) in ("204", "205"):
                _body(contract, "response", schema, span)
            _examples(contract, "response", response, span)
            if schema is None and str(code) in ("204", "205") and not any(e.role == "response" for e in contract.examples):
                contract.examples.append(Example("response", "none", "", span, first_line=span.line))  # the whole answer


def _raml_body(contract: Contract, role: str, body: dict, span: Span) -> None:
    """A RAML body: its type (a named type, or properties) is the shape, its `example` the example."""
    media = next((v for k, v in body.items() if isinstance(k, str) and "/" in k and isinstance(v, dict)), body)
    declared = next((holder.get(k) for holder in (media, body) for k in ("type", "properties", "schema")
                     if holder.get(k) is not None), None)
    if declared is not None:
        properties = media.get("properties") or body.get("properties")
        _body(contract, role, {"type": "object", "properties": properties} if isinstance(properties, dict) else None, span)
        if getattr(contract, "request_shape" if role == "request" else "response_shape").text.startswith("(no body"):
            setattr(contract, "request_shape" if role == "request" else "response_shape",
                    Value(f"(type {declared} in the API description)" if isinstance(declared, str) else
                          "(schema in the API description)", span))
    data = media.get("example")
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except ValueError:
            data = None
    if isinstance(data, (dict, list)) and not any(e.role == role for e in contract.examples):
        contract.examples.append(Example(role, "application/json", json.dumps(data), span, data=data,
                                         first_line=span.line))


def _examples(contract: Contract, role: str, holder: dict, span: Span) -> None:
    """The example a request body or response carries in the description (`example:`, or the first of
    `examples:`' values), the contract's example of that side when it shows none yet."""
    if any(e.role == role for e in contract.examples):
        return
    content = holder.get("content")
    for media in (content.values() if isinstance(content, dict) else ()):
        if not isinstance(media, dict):
            continue
        data = media.get("example")
        named = media.get("examples")
        if data is None and isinstance(named, dict):
            first = next(iter(named.values()), None)
            data = first.get("value") if isinstance(first, dict) else None
        if isinstance(data, (dict, list)):
            contract.examples.append(Example(role, "application/json", json.dumps(data), span, data=data,
                                             first_line=span.line))
            return


def _schema_of(holder: dict, root: dict):
    content = holder.get("content")
    if isinstance(content, dict):
        for media in content.values():
            if isinstance(media, dict) and media.get("schema") is not None:
                return _resolve(media["schema"], root)
    return None


def _body(contract: Contract, role: str, schema, span: Span) -> None:
    shape = "request_shape" if role == "request" else "response_shape"
    if getattr(contract, shape) is not None:
        return
    setattr(contract, shape, Value("(schema in the API description)" if schema is not None else "(no body)", span))
    if isinstance(schema, dict):
        contract.bodies[role] = Body(span, schema=schema)


def _resolve(node, root: dict, depth: int = 0):
    """`node` with its `$ref`s into the same document replaced by what they name; one that cannot be
    followed (another file, too deep) is left as an open schema."""
    if depth > _MAX_REF_DEPTH:
        return {}
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            target = _follow(ref, root)
            return _resolve(target, root, depth + 1) if target is not None else {}
        return {key: _resolve(item, root, depth + 1) for key, item in node.items()}
    if isinstance(node, list):
        return [_resolve(item, root, depth + 1) for item in node]
    return node


def _follow(ref: str, root: dict):
    if not ref.startswith("#/"):
        return None
    node = root
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def rehome_examples(contracts: list[Contract]) -> None:
    """An example set down under the wrong call or role (an "Examples" section showing several calls, an
    answer block with no label) is the example of the body whose declared schema it shows: most of its
    keys are that schema's properties and few are those of the body it was given to. Only among contracts
    that declare schemas, so that it can be told."""
    shapes = _shapes(contracts)
    for contract in contracts:
        for example in list(contract.examples):
            mine = [props for c, role, props in shapes if c is contract and role == example.role]
            keys = _keys(example)
            if mine and len(keys & mine[0]) * 2 <= len(keys):
                _place(example, contract, shapes)


def place_examples(unit: Contract, declared: list[Contract]) -> None:
    """The examples of a unit that holds an API description of several operations (and names none of its
    own) go to the operations whose schemas they show."""
    shapes = _shapes(declared)
    for example in list(unit.examples):
        _place(example, unit, shapes, share=0.5)  # an example that breaks its schema is still that body's


def _shapes(contracts: list[Contract]) -> list[tuple[Contract, str, set]]:
    return [(c, role, set(_properties(body.schema))) for c in contracts for role, body in c.bodies.items()
            if body.schema is not None and _properties(body.schema)]


def _keys(example: Example) -> set:
    return set(example.data) if isinstance(example.data, dict) else set()


def _place(example: Example, holder: Contract, shapes, share: float = 0.8) -> None:
    """Move `example` to the body whose schema has the most of its keys, when that body alone has the
    most and has at least `share` of them."""
    keys = _keys(example)
    if len(keys) < 2:
        return
    scored = [(len(keys & props), c, role) for c, role, props in shapes if not (c is holder and role == example.role)]
    best = max((score for score, _, _ in scored), default=0)
    fits = [(c, role) for score, c, role in scored if score == best]
    if len(fits) == 1 and best >= share * len(keys):
        home, role = fits[0]
        holder.examples.remove(example)
        example.role = role
        home.examples.append(example)


def _properties(schema) -> dict:
    properties = schema.get("properties") if isinstance(schema, dict) else None
    return properties if isinstance(properties, dict) else {}


# -- AsyncAPI ---------------------------------------------------------------------------------------
def _asyncapi(statement: Statement, data: dict) -> list[Contract]:
    channels = data.get("channels")
    if "asyncapi" not in data or not isinstance(channels, dict):
        return []
    lines = statement.code.text.split("\n")
    found = []
    for name, channel in channels.items():
        if not isinstance(channel, dict):
            continue
        span = _span(statement, _line_of(lines, str(name), 0))
        address = channel.get("address") if isinstance(channel.get("address"), str) else str(name)
        contract = Contract(span, kind="message", topic=value(address, span))
        contract.text = _text(lines, span.line - statement.code.first_line)
        messages = []
        for operation in ("publish", "subscribe"):  # AsyncAPI 2
            if isinstance(channel.get(operation), dict):
                messages.append(_resolve(channel[operation].get("message"), data))
        if isinstance(channel.get("messages"), dict):  # AsyncAPI 3
            messages += [_resolve(m, data) for m in channel["messages"].values()]
        for message in messages:
            for one in (message.get("oneOf") if isinstance(message, dict) and isinstance(message.get("oneOf"), list)
                        else [message]):
                if isinstance(one, dict) and isinstance(one.get("payload"), dict):
                    _body(contract, "request", one["payload"], span)
        found.append(contract)
    return found


# -- positions --------------------------------------------------------------------------------------
def _line_of(lines: list[str], key: str, start: int) -> int:
    """The index of the first line at or after `start` that opens the mapping key `key`."""
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*:", re.I)
    return next((i for i in range(start, len(lines)) if pattern.match(lines[i])), start)


def _span(statement: Statement, index: int) -> Span:
    line = statement.code.first_line + index
    return Span(line, 1, line, 1)


def _text(lines: list[str], index: int) -> str:
    """The lines of the operation or channel that opens at `index`: up to the next line indented as
    little as it is."""
    if index >= len(lines):
        return ""
    indent = len(lines[index]) - len(lines[index].lstrip())
    end = next((i for i in range(index + 1, len(lines))
                if lines[i].strip() and len(lines[i]) - len(lines[i].lstrip()) <= indent), len(lines))
    return "\n".join(lines[index:end])
