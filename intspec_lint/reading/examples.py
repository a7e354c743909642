"""Example bodies: tell the media type, parse what can be parsed, keep the error's position."""

from __future__ import annotations

import ast
import json
import re
from urllib.parse import parse_qsl

from ..span import Span
from ..model import Example

_INFO_MEDIA = {
    "json": "application/json", "jsonc": "application/jsonc", "json5": "application/json5",
    "javascript": "application/jsonc", "js": "application/jsonc",
    "yaml": "application/yaml", "yml": "application/yaml", "xml": "application/xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values", "ndjson": "application/x-ndjson",
    "jsonl": "application/x-ndjson", "http": "message/http", "form": "application/x-www-form-urlencoded",
    "urlencoded": "application/x-www-form-urlencoded", "graphql": "application/graphql",
    "text": "text/plain", "txt": "text/plain", "protobuf": "application/protobuf", "proto": "application/protobuf",
    "avro": "application/avro", "sql": "application/sql", "hl7": "x-application/hl7-v2",
}  # fmt: skip
_HTTP_REQUEST = re.compile(r"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\S+", re.I)
_HTTP_RESPONSE = re.compile(r"^HTTP/\d(?:\.\d)?\s+\d{3}")
_CONTENT_TYPE = re.compile(r"^content-type\s*:\s*([^;\s]+)", re.I | re.M)
_SHELL = re.compile(r"^\s*(\$\s*)?(curl|http|wget|grpcurl|aws|gcloud)\s", re.I)


def media_type(info: str, text: str) -> str:
    """What the fence's info string declares, else what the text looks like."""
    if info in _INFO_MEDIA:
        return _INFO_MEDIA[info]
    head = text.lstrip()[:200]
    if _HTTP_REQUEST.match(head) or _HTTP_RESPONSE.match(head):
        return "message/http"
    if _SHELL.match(head):
        return "application/x-sh"
    if head.startswith(("{", "[")):
        return "application/json"
    if head.startswith("<"):
        return "application/xml"
    if info in ("bash", "sh", "shell", "console", "shell-session"):
        return "application/x-sh"
    return "text/plain"


def is_json_schema(data) -> bool:
    return isinstance(data, dict) and (
        "$schema" in data or ("properties" in data and data.get("type") in ("object", ["object"]))
    )


_REQUEST_LINE = re.compile(r"^\s*(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\S+")
_STATUS_START = re.compile(r"^\s*(?:(?:→|->|=>)\s*`?)?(?:HTTP/\d(?:\.\d)?\s+)?[1-5]\d\d\b(?:\s+[A-Za-z][A-Za-z' -]*?)?(?=\s*[{\[]|\s*$)")


def _body_start(lines: list[str]) -> int | None:
    """The line a JSON body starts on; not a printed mapping of headers ("201 {'Idempotent-Replayed': 'true'}"
    in a notebook's output, a Python dict) above the body."""
    return next((i for i, line in enumerate(lines) if line.lstrip()[:1] in ("{", "[")
                 and not (_PRINTED_DICT.match(line) and i + 1 < len(lines) and any(l.strip() for l in lines[i + 1:]))), None)


_BINARY = re.compile(r"^\s*content-type:\s*(?!application/(?:[\w.+-]*\+)?json)(?:application|image|audio|video|text/csv)",
                     re.I | re.M)
_PRINTED_DICT = re.compile(r"^\s*\{(?:'[^']*':.*)?\}\s*$")  # "{'Idempotent-Replayed': 'true'}", "{}" (no headers)


_COMMENT_LABEL = re.compile(r"^\s*(?://|#|--|/\*)\s*(request|response|req|resp|answer)\b[^{\[]*$", re.I)


_FILE_PREAMBLE = re.compile(r"^\s*(?:#|//|@|$)")  # a request file's comments, `@variables` and `###` separators
_COMMENTED = re.compile(r"^\s*(?:#+|//)\s?(.*)$")
_COMMENTED_ANSWER = re.compile(r"^(?:example\s+)?([1-5]\d\d)\b[^{\[]*?(?:(?:->|→|=>|:)\s*([{\[].*)|:)\s*$", re.I)


def request_file(text: str) -> str | None:
    """A REST Client request (`### Send brief`, comments, then `POST {{base}}/briefs`, headers and a body) as the
    transcript it stands for, line for line: its answers are in comments ("# 200 -> {...}", "# Example 201
    body:" over a commented body), every other comment and a second request blanked. None for no such file."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if not _FILE_PREAMBLE.match(line)), None)
    if start is None or not _REQUEST_LINE.match(lines[start]) or not any(_COMMENTED.match(l) for l in lines[:start]):
        return None
    out = [""] * start + [lines[start]]
    answering = False  # inside a commented body after its label
    for line in lines[start + 1:]:
        if line.lstrip().startswith("###"):
            break  # the next request of the file
        said = _COMMENTED.match(line)
        if said is None:
            out.append(line)
            continue
        words = said.group(1).strip()
        answer = _COMMENTED_ANSWER.match(words)
        if answer:
            out.append(f"{answer.group(1)} {answer.group(2) or ''}".rstrip())
            answering = not answer.group(2)
        else:
            out.append(words if answering and words[:1] in "{[\"}]" else "")
            answering = answering and bool(words)
    return "\n".join(out + [""] * (len(lines) - len(out)))


def transcript(text: str, first_line: int) -> list[tuple[str, str, int]] | None:
    """A block that writes a call and its answer as plain text, whatever its fence says: a request
    line ("POST /v3/sessions   Idempotency-Key: ..."), header lines, the JSON body, then a status line
    ("201 {...}", "HTTP/1.1 200 OK" and a body). (role, body, first line of the body) for each part
    that has a body; None when the block is no transcript."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    labels = [(i, m.group(1).lower()) for i, line in enumerate(lines) if (m := _COMMENT_LABEL.match(line))]
    if labels and labels[0][0] == start:  # "// request" over a body, "// response 201" over the next: labelled parts
        parts = []
        for n, (at, label) in enumerate(labels):
            chunk = lines[at + 1:labels[n + 1][0] if n + 1 < len(labels) else len(lines)]
            body_at = _body_start(chunk)
            if body_at is not None:
                role = "request" if label.startswith("req") else "response"
                parts.append((role, "\n".join(chunk[body_at:]).strip(), first_line + at + 1 + body_at))
        return parts or None
    if start is not None and _STATUS_START.match(lines[start]):  # "201 Created" over the answer's body
        rest = [_STATUS_START.sub("", lines[start], count=1), *lines[start + 1:]]
        body_at = _body_start(rest)
        return [("response", "\n".join(rest[body_at:]).strip(), first_line + start + body_at)] if body_at is not None \
            else None
    if start is not None and lines[start].lstrip()[:1] in ("{", "["):  # a body, then "200 OK" and the answer's body
        answers = [i for i in range(start + 1, len(lines)) if _STATUS_START.match(lines[i])]
        if not answers:
            return None
        parts = [("request", "\n".join(lines[start:answers[0]]).strip(), first_line + start)]
        rest = [_STATUS_START.sub("", lines[answers[0]], count=1), *lines[answers[0] + 1:]]
        body_at = _body_start(rest)
        if body_at is not None:
            parts.append(("response", "\n".join(rest[body_at:]).strip(), first_line + answers[0] + body_at))
        return parts
    if start is None or not _REQUEST_LINE.match(lines[start]):
        return None
    answers = [i for i in range(start + 1, len(lines)) if _STATUS_START.match(lines[i])]  # "→ 200 {...}", "→ 422 {...}"
    if not answers and re.match(r"^\s*(?:GET|HEAD|DELETE)\b", lines[start], re.I):
        body_at = _body_start(lines[start + 1:])  # "GET /v3/visits?..." over JSON: a call with no body, then its answer
        return [("response", "\n".join(lines[start + 1 + body_at:]).strip(), first_line + start + 1 + body_at)] \
            if body_at is not None else None
    status = answers[0] if answers else len(lines)
    parts = []
    ranges = [("request", start + 1, status)]
    ranges += [("response", at, answers[n + 1] if n + 1 < len(answers) else len(lines)) for n, at in enumerate(answers)]
    for role, begin, end in ranges:
        if begin >= len(lines):
            continue
        chunk = lines[begin:end]
        if role == "response" and chunk:
            chunk = [_STATUS_START.sub("", chunk[0], count=1), *chunk[1:]]
        body_at = _body_start(chunk)
        if body_at is not None:
            parts.append((role, "\n".join(chunk[body_at:]).strip(), first_line + begin + body_at))
        elif role == "response" and _BINARY.search("\n".join(chunk)):  # "Content-Type: application/pdf": a whole
            parts.append((role, "", first_line + begin))  # answer whose body no one prints
        elif role == "request" and _HEADER_LINE.match(lines[begin] if begin < end else ""):
            parts.append((role, "", first_line + start))  # a multipart upload or a call with no body: its line and
            # headers are the concrete request
    return parts


_HEADER_LINE = re.compile(r"^\s*[A-Za-z][\w-]*:\s*\S")


_STRAY = re.compile(r"\s*[]}),:]")  # a closer or separator after a whole document: the document is broken


def _python_literal(body: str):
    """The dict or list a language prints for an object, its strings single-quoted (`{'tier': 'ADULT', 'qty': 2}`),
    or None: the display of a concrete example, not broken JSON."""
    text = body.strip()
    if not text.startswith(("{'", "[{'", "(")) or len(text) > 20_000:
        return None
    try:
        found = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    if isinstance(found, tuple):  # `(202, {'accepted': 'evt_2Hc81LwQ'})`: a status and its body
        found = next((part for part in found if isinstance(part, (dict, list))), None)
    return found if isinstance(found, (dict, list)) else None


_COMMENT_LINE = re.compile(r"^\s*(?://|#)")


def _headers_above(body: str) -> int:
    """Where the JSON starts under header lines ("Idempotency-Key: gb-1184302" then `{...}`) or comment lines ("// topic
    vend/T1a"); 0 when it does not."""
    lines = body.split("\n")
    start = _body_start(lines)
    above = lines[:start or 0]
    if not any(line.strip() for line in above) or not all(
            not line.strip() or _HEADER_LINE.match(line) or _COMMENT_LINE.match(line) for line in above):
        return 0
    return sum(len(line) + 1 for line in above)


def parse_example(role: str, info: str, text: str, span: Span, first_line: int) -> Example:
    """An Example whose `data` is the parsed body, or whose `error` says why it is not."""
    media = media_type(info, text)
    example = Example(role, media, text, span, first_line=first_line)
    body, body_line = text, first_line
    if media == "message/http":
        head = text.lstrip()
        status_first = _STATUS_START.match(head.split("\n", 1)[0])  # "200 OK" over the body: an answer, its line bare
        if _HTTP_RESPONSE.match(head) or status_first:  # the status line says which it is, whatever the label says
            example.role = "response"
        elif not role or _HTTP_REQUEST.match(head):
            example.role = "request"
        declared = _CONTENT_TYPE.search(text)
        parts = re.split(r"\n[ \t]*\n", text, maxsplit=1)
        gap = 2  # the head, a blank line, then the body
        if len(parts) < 2 and status_first and "\n" in head:
            parts, gap = head.split("\n", 1), 1  # "200 OK\n{...}": the body right under the status line
        if len(parts) < 2 or not parts[1].strip():
            return example
        body_line = first_line + parts[0].count("\n") + gap
        body = parts[1]
        media = declared.group(1).lower() if declared else media_type("", body)
        example.media_type = media
    if media == "application/json" or media.endswith("+json"):
        headed = _headers_above(body)
        if headed:  # "Idempotency-Key: gb-1184302" over the body: the request's headers, written in its block; a comment
            body_line += body.count("\n", 0, headed)
            body = body[headed:]
        try:
            example.data = json.loads(body)
        except json.JSONDecodeError as error:
            if error.msg == "Extra data" and not _STRAY.match(body, error.pos):
                # a whole JSON document, then something else in the same block (its answer, a log line, a note):
                # the block shows several things, the first of them this example
                start = len(body) - len(body.lstrip())
                example.data = json.JSONDecoder().raw_decode(body, start)[0]
                return example
            shown = _python_literal(body) if "json" not in info.lower() else None  # a ```json fence claims JSON
            if shown is not None:  # a notebook's or a REPL's display of the object: `{'event_id': 'evt_2Hc81LwQ', ...}`
                example.data = shown
                return example
            if "json" not in info.lower() and _settings_block(body):
                return example  # `services { host = localhost ... }`: a HOCON or HCL config, shown; no JSON to check
            abridged = unelided(body)
            if abridged is not None:  # `"firstNames": "",⏎ ...`: an example cut short on purpose, the rest of it JSON
                example.data = abridged
                return example
            line = body_line + error.lineno - 1
            example.error = f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno} of the example)"
            example.error_span = Span(line, error.colno, line, error.colno + 1)
    elif media == "application/x-ndjson":
        for offset, line_text in enumerate(body.split("\n")):
            if line_text.strip():
                try:
                    json.loads(line_text)
                except json.JSONDecodeError as error:
                    line = body_line + offset
                    example.error = f"line {offset + 1} of the NDJSON example is not valid JSON: {error.msg}"
                    example.error_span = Span(line, error.colno, line, error.colno + 1)
                    break
    elif media == "application/x-www-form-urlencoded":
        example.data = {key: _json_text(said) for key, said in parse_qsl(body.strip(), keep_blank_values=True)}
    return example


_BLOCK_OPEN = re.compile(r"^\s*[A-Za-z_][\w.-]*\s*\{\s*$", re.M)  # `services {`
_ASSIGNMENT = re.compile(r"^\s*[A-Za-z_][\w.-]*\s*=\s*\S", re.M)  # `host = localhost`
JSON_MEMBER = re.compile(r"^\s*\"[^\"\n]+\"\s*:", re.M)  # a JSON member, not a value


def _settings_block(body: str) -> bool:
    """A brace-nested config of `key = value` lines under named blocks (`services {`) and no JSON member: HOCON, HCL, a
    Typesafe config."""
    return len(_ASSIGNMENT.findall(body)) >= 2 and bool(_BLOCK_OPEN.search(body)) and not JSON_MEMBER.search(body)


def _json_text(said: str):
    """A form parameter's value: the JSON array or object it carries (`adds=%5B%7B...`, ArcGIS's `applyEdits`), else
    the string."""
    if said.lstrip()[:1] in ("[", "{"):
        try:
            return json.loads(said)
        except json.JSONDecodeError:
            pass
    return said


_ELIDED = r"(?:\.\.\.|…)"
# an elision where a member or an item would stand, taken out with the comma that joins it to its neighbours (a
# trailing comma the author left elsewhere is still an error): "`"a": 1,⏎  ...⏎}`", "`[{...}, ...]`", "`"b": ...,`"
_ELISIONS = (
    (re.compile(rf",\s*\"[^\"\n]*\"\s*:\s*{_ELIDED}(?=\s*[,}}])"), ""),   # `, "b": ...`
    (re.compile(rf"\"[^\"\n]*\"\s*:\s*{_ELIDED}\s*,"), ""),             # `"b": ...,`
    (re.compile(rf"\{{\s*{_ELIDED}\s*\}}"), "{}"), (re.compile(rf"\[\s*{_ELIDED}\s*\]"), "[]"),
    (re.compile(rf",\s*{_ELIDED}\s*,?(?=\s*[}}\]])"), ""),                 # `..., ...⏎}`: the last one
    (re.compile(rf",\s*{_ELIDED}(?=\s*,)"), ""),                            # `1, ..., 9`
    (re.compile(rf"(?<=[\[{{])\s*{_ELIDED}\s*,"), ""),                      # `[..., 3]`
)


def unelided(body: str):
    """The data of a JSON example abridged with "..." where members or items would stand, once its elisions are taken
    out; None when it has none there, or is not JSON without them either."""
    text = body
    for pattern, replacement in _ELISIONS:
        text = pattern.sub(replacement, text)
    if text == body:
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return None


# -- an example against its contract's declared body ---------------------------------------------
_JSON_TYPES = (
    ("boolean", re.compile(r"\b(?:bool|boolean)\b", re.I)),
    ("integer", re.compile(r"\b(?:int|integer|int32|int64|long|short|smallint|bigint)\b", re.I)),
    ("number", re.compile(r"\b(?:number|decimal|float|double|numeric|money)\b", re.I)),
    ("array", re.compile(r"\b(?:array|list)\b|\[\]", re.I)),
    ("object", re.compile(r"\b(?:object|map|dict|struct)\b", re.I)),
    ("string", re.compile(r"\b(?:string|str|text|varchar|char|uuid|email|url|uri|date|datetime|date-time|"
                          r"iso[- ]?8601|rfc[- ]?3339|enum)\b", re.I)),
)
_NAMES = {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "an array",
          dict: "an object", type(None): "null"}  # fmt: skip


def _json_type(declared: str) -> str | None:
    """The JSON type a field table's type names ("integer", "ISO 8601 string"...), None when unclear."""
    if re.search(r"\bnull(?:able)?\b|\bor\b|\|", declared, re.I):
        return None  # "string or null", "int | string": more than one type
    if re.search(r"\b(?:decimal|numeric|number|integer|int)\s+string\b", declared, re.I):
        return "string"  # "decimal string": a number written as a string
    if "[]" in declared:
        return "array"  # "string[]"
    shape = declared.strip(" `")
    if shape[:1] in ("{", "["):
        return "object" if shape[0] == "{" else "array"  # "`{earliest: integer, latest: integer}`"
    found = [(m.start(), name) for name, pattern in _JSON_TYPES for m in [pattern.search(declared)] if m]
    if found and min(found)[1] == "number" and re.search(r"\b(?:decimal|numeric|money)\b", declared, re.I):
        return None  # a decimal is as often sent as a string ("175.45") as as a number
    return min(found)[1] if found else None  # the first type word: "array of string" is an array


def _fits(value, json_type: str) -> bool:
    if json_type == "boolean":
        return isinstance(value, bool)
    if json_type == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if json_type == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if json_type == "array":
        return isinstance(value, list)
    if json_type == "object":
        return isinstance(value, dict)
    return isinstance(value, str)


def _at(data, parts: list[str], path: str = ""):
    """(path, value) for each place a dotted field name ("lines[].sku") reaches in `data`."""
    if not parts:
        yield path, data
        return
    head, rest = parts[0], parts[1:]
    many = head.endswith("[]")
    key = head[:-2] if many else head
    if not isinstance(data, dict) or key not in data:
        yield f"{path}.{key}" if path else key, _MISSING
        return
    inner = f"{path}.{key}" if path else key
    if rest and isinstance(data[key], list):
        for index, item in enumerate(data[key]):
            yield from _at(item, rest, f"{inner}[{index}]")
    else:
        yield from _at(data[key], rest, inner)


_MISSING = object()


def _nested(data, key: str, path: str = "", depth: int = 0):
    """(path, value) of each place below the top where `key` stands."""
    if depth > 20:
        return
    if isinstance(data, dict):
        for name, inner in data.items():
            inner_path = f"{path}.{name}" if path else str(name)
            if name == key and depth:
                yield inner_path, inner
            yield from _nested(inner, key, inner_path, depth + 1)
    elif isinstance(data, list):
        for index, inner in enumerate(data[:50]):
            yield from _nested(inner, key, f"{path}[{index}]", depth + 1)


def schema_problems(body, data) -> list[tuple[str, str, bool]]:
    """(field path, what is wrong, whether the field is missing) for an example against its body.

    The value itself is never quoted: an example may hold a secret."""
    if body.schema is not None:
        return _json_schema_problems(body.schema, data)
    if not _same_body(body.fields, data):
        return []  # the table describes another body (another event's fields, the envelope's data): no verdict
    problems = []
    # a name the table declares twice with two types (a success body's `status` string, the error body's `status`
    # integer): which of the two an example shows cannot be told, so neither type is held against it
    typed: dict[str, set] = {}
    for declared in body.fields:
        typed.setdefault(declared.name.strip("`* "), set()).add(_json_type(declared.type))
    for declared in body.fields:
        parts = [p for p in re.split(r"\.", declared.name.strip("`* ")) if p]
        if not parts:
            continue
        places = list(_at(data, parts))
        if len(parts) == 1 and all(found is _MISSING for _, found in places):
            # a field listed without its parent ("`iswc`" under "`claims[]` of ..."): where it stands nested
            places = list(_nested(data, parts[0].removesuffix("[]"))) or places
        for path, found in places:
            if found is _MISSING:
                parent_missing = path.count(".") + 1 < len(parts)
                if declared.required and not parent_missing:
                    problems.append((path, "is required by the field table but missing", True))
                continue
            json_type = _json_type(declared.type) if len(typed[declared.name.strip("`* ")]) == 1 else None
            if json_type and found is not None and not _fits(found, json_type):
                problems.append((path, f"is {_NAMES.get(type(found), 'a value')} where the field table says "
                                       f"{declared.type.strip() or json_type}", False))
            allowed = declared.values
            if allowed and isinstance(found, (str, int)) and not isinstance(found, bool) and not _allows(allowed, str(found)):
                problems.append((path, f"is not one of the values the field table allows ({', '.join(allowed)})",
                                 False))
    return problems


def _keys(data, depth: int = 0) -> set[str]:
    """Every key of a JSON value, at any depth (lists through their items)."""
    if depth > 6:
        return set()
    if isinstance(data, dict):
        return {str(k).lower() for k in data} | {k for v in data.values() for k in _keys(v, depth + 1)}
    if isinstance(data, list):
        return {k for v in data[:20] for k in _keys(v, depth + 1)}
    return set()


def _same_body(fields, data) -> bool:
    """Whether a field table and an example describe one body: most of the example's keys are fields the
    table declares. An example of another event under the same URL, or an envelope whose payload the
    table describes one level down, shares a key or two by chance: judging it by the table is a misread."""
    declared = {part.removesuffix("[]").lower() for f in fields for part in f.name.strip("`* ").split(".") if part}
    keys = _keys(data)
    if not keys or not declared:
        return True
    return len(keys & declared) >= 0.5 * len(keys)


_SLOT = re.compile(r"<[^<>\n]{1,40}>|\{[^{}\n]{1,40}\}")  # "Patient/<id>", "ORD-{n}": a value's variable part


def _allows(allowed: list[str], found: str) -> bool:
    """`found` is one of the values, or fits one written as a pattern with a placeholder ("Patient/<id>")."""
    if found in allowed:
        return True
    patterns = [value for value in allowed if _SLOT.search(value)]
    return any(re.fullmatch(".+".join(re.escape(part) for part in _SLOT.split(value)), found) for value in patterns)


def _json_schema_problems(schema: dict, data) -> list[tuple[str, str, bool]]:
    from .schema_check import is_valid

    if is_valid(schema, data, remember=False):
        return []  # most examples fit: jsonschema runs only to say why one does not
    from jsonschema import validators
    from jsonschema.exceptions import SchemaError

    try:
        cls = validators.validator_for(schema)
        cls.check_schema(schema)
    except SchemaError:
        return []
    problems = []
    for error in sorted(cls(schema).iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        path = _path(error.absolute_path)
        if error.validator == "required":
            name = next((p for p in error.validator_value if isinstance(error.instance, dict) and p not in error.instance),
                        "")
            problems.append((f"{path}.{name}" if path else name, "is required by the schema but missing", True))
        elif error.validator == "type":
            problems.append((path, f"is {_NAMES.get(type(error.instance), 'a value')} where the schema says "
                                   f"{error.validator_value}", False))
        elif error.validator == "enum":
            allowed = ", ".join(map(str, error.validator_value))[:80]
            problems.append((path, f"is not one of the values the schema allows ({allowed})", False))
        elif error.validator == "additionalProperties":
            problems.append((path, "has a property the schema does not allow", False))
        else:
            problems.append((path, f"breaks the schema's '{error.validator}' constraint", False))
    return problems


def _path(parts) -> str:
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def locate(example, path: str, missing: bool = False):
    """Where field `path` stands in the example: the line of its key, else the example itself."""
    if missing or not path:
        return example.span
    if example.key_spans is not None:
        while path:
            if path in example.key_spans:
                return example.key_spans[path]
            path = re.sub(r"(?:\.[^.\[]+|\[\d+\])$", "", path)
        return example.span
    position = 0
    found = -1
    skip = 0  # "lines[2].sku": the third "sku" after "lines"
    for key in re.findall(r"[^.\[\]]+", path):
        if key.isdigit():
            skip = int(key)
            continue
        at = example.text.find(f'"{key}"', position)
        for _ in range(skip):
            if at < 0:
                break
            at = example.text.find(f'"{key}"', at + 1)
        skip = 0
        if at < 0:
            break
        found = position = at
    if found < 0:
        return example.span
    line = (example.first_line or example.span.line + 1) + example.text.count("\n", 0, found)
    return Span(line, 1, line, 1)


_REJECTED = frozenset({"rejected", "failed", "invalid", "error", "refused", "declined"})
_FIRST_INDEX = re.compile(r"^[\w$-]+\[(\d+)\]")


def sent_bad_on_purpose(examples, path: str) -> bool:
    """A problem in an item of a batch's request example that the example response turns down ("results": [{"status":
    "stored"}, {"status": "rejected", "error": "UNKNOWN_BARN"}]): the example sends a bad item on purpose, to show the
    partial answer. `path` is the problem's place in the request ("readings[1].barn"); the item is its top list's."""
    first = _FIRST_INDEX.match(path)
    if first is None:
        return False
    at = int(first.group(1))
    for example in examples:
        if example.role != "response" or not isinstance(example.data, dict):
            continue
        for items in example.data.values():
            if isinstance(items, list) and len(items) > 1 and at < len(items) and all(isinstance(i, dict) for i in items):
                item = items[at]
                if str(item.get("status", "")).lower() in _REJECTED or item.get("error") or item.get("errors"):
                    return True
    return False
