"""What a contract says about its bodies: declared fields (a field table, "`id` string required;
`qty` integer", a nested list of typed fields), JSON Schemas, and examples (fenced blocks, YAML
contract blocks, JSON in inline code or after an arrow). A message shown whole with no body to print is
bodiless.py's."""

from __future__ import annotations

import json
import re

from ..model import Body, Contract, Example, Field, StatusCode, Value
from ..span import Span
from .context import Reading
from .examples import JSON_MEMBER, is_json_schema, parse_example, request_file, transcript
from .lazy_re import lazy
from .statements import Statement
from .status_codes import STATUS_ANY
from .values import enum_values, is_enum_type, value
from .vocabulary import normalize


_FORM_EXAMPLE = lazy(r"^\W*(?:example|sample)\b[^:]{0,40}:\s*(?:`[\w.\[\]-]+=[^`]*`[,;\s]*(?:and\s+)?){2,}", re.I)
_INLINE_XML = lazy(r"`(<([\w:.-]+)[^`]*>[^`]*</\2>)`")
_CONSTANT = lazy(r"\(\s*[\"'`]([^\"'`,]{1,40})[\"'`]\s*\)\s*$")
_ARROW_STATUS = lazy(r"^\s*(?:→|->|=>)\s*`?[1-5]\d\d\b", re.M)
# the call, then its answer: "HTTP/1.1 200 OK", or a bare "200 OK" (or "201 {...}") after a blank line
_ANSWER_AFTER_CALL = lazy(r"\A\s*(?:GET|POST|PUT|PATCH|DELETE)\s+\S+[^\n]*\n(?:.*\n)*?\s*(?:HTTP/\d(?:\.\d)?\s+[1-5]\d\d\b"
                          r"|\n[ \t]*[1-5]\d\d(?:[ \t]+[A-Za-z][A-Za-z' -]*)?[ \t]*(?:\n|[{\[]))", re.I)  # or "201 {...}"
# a format, not a value: "YYYY-MM-DD", "RN-YYYYMMDD-nnn", "DC-YYYY-nnnn", "INV-xxxxxx"
_FORMAT = lazy(r"^(?=.*(?:YYYY|yyyy|HH|hh|MM|DD|dd))[YyMDdHhmsSTZz:./ +-]+$|YYYY|yyyy|(?<![A-Za-z])(?:n{3,}|N{3,}|x{3,}|X{3,}|#{3,})(?![A-Za-z])")
_ELIDED = lazy(r",\s*(?:…|\.\.\.)\s*(?=[\]}])")  # ", …]": the rest of a list left out
_INLINE_JSON = lazy(r"`([^`{\[]{0,40}?)(\s*[\[{][^`]*?[\]}]\s*)`")  # "`{...}`", "`Response 201: {...}`", "`202 {...}`"


# "GET /v3/visits?..." over a JSON body: a call that sends none, so the body is its answer
# (its answer's body right under it, or under its bare status line: "GET /v2/lockers?...⏎200 OK⏎{...}")
_BODYLESS_CALL = lazy(r"\A\s*(?:GET|HEAD|DELETE)\s+\S+[^\n]*\n(?:[ \t]*[\w-]+:[^\n]*\n)*"
                      r"(?:[ \t]*[1-5]\d\d(?:[ \t]+[A-Za-z][A-Za-z' -]*)?[ \t]*\n)?\s*[{\[]", re.I)
_ARROW_JSON = lazy(r"(?:→|->|=>)\s*`?([1-5]\d\d)?[^{\[`\n]{0,30}`?\s*([{\[].*[}\]])`?\s*$")




_YES = {"yes", "y", "true", "required", "mandatory", "✓", "✔", "x", "always", "must", "req"}


_NO = {"no", "n", "false", "optional", "opt", "-", "—", "nullable", "conditional"}


# blocks that are no body: settings (TOML, INI, HCL), program code and SQL ("def enqueue_webhook(...)", "CREATE TABLE")
_SETTINGS = {"toml", "ini", "properties", "props", "hcl", "terraform", "tf", "conf", "env", "dotenv",
             "python", "py", "sql", "java", "kotlin", "go", "golang", "csharp", "cs", "ruby", "rb", "php", "rust", "scala",
             "systemd", "smithy", "cue", "hocon", "jsonnet"}  # (a `js` block is often JSON with comments: an example)


def read_code(r: Reading, contract: Contract, statement: Statement, label: str) -> None:
    code = statement.code
    if code.info in _SETTINGS and not role_of(label):
        return  # `config/retry.toml` or the worker's code pasted under a call: no body, nothing to judge as one
    if installs(code.text):
        return  # "npm install svix", a Maven `<dependency>`: how to get a library, no message
    if JSON_MEMBER.match(code.text):  # `"triggers": {...}`: a piece cut from a larger definition, no body; a
        schema = _schema_within(code.text)  # schema inside it is the contract's shape
        if schema is not None and contract.request_shape is None:
            contract.request_shape = Value("(JSON Schema)", code.span)
            contract.bodies.setdefault("request", Body(code.span)).schema = schema
        return
    r.examples.add(id(code))
    role = role_of(label)
    if code.info in ("yaml", "yml") and not role:
        _yaml_block(r, contract, code)
        return
    stripped = code.text.strip()
    if not stripped or code.info in _TYPED_LANGUAGES and _declarations(contract, code, role):
        return
    if stripped.startswith("{"):
        try:
            data = json.loads(stripped)
        except ValueError:
            data = None
        if is_json_schema(data):
            shape = "response_shape" if role == "response" else "request_shape"
            if getattr(contract, shape) is None:
                setattr(contract, shape, Value("(JSON Schema)", code.span))
            contract.bodies.setdefault(role or "request", Body(code.span)).schema = data
            return
    if code.info in ("mermaid", "plantuml", "dot", "ascii", "diagram"):
        return
    # a transcript whatever the fence; an "http" block too when it holds a whole exchange, the call and then
    # its answer ("→ 201 {...}" or "HTTP/1.1 200 OK")
    written = code.info in ("", "json", "text", "txt", "bash", "sh", "shell", "console") or (
        code.info == "http" and (_ARROW_STATUS.search(code.text) or _ANSWER_AFTER_CALL.search(code.text)
                                 or _BODYLESS_CALL.match(code.text)))
    filed = request_file(code.text) if code.info in ("http", "rest", "") else None
    parts = transcript(filed or code.text, code.first_line) if written or filed else None
    if parts:  # "POST /v3/sessions" + JSON, then "201 {...}": a call and its answer in one block
        for part_role, body, line in parts:
            example = parse_example(part_role, "json" if body else "text", body, code.span, line)
            if not _typed_shape(contract, example):
                contract.examples.append(example)
        return
    pair = _two_documents(code.text) if code.info in ("", "json", "jsonc") and not role else None
    if pair:  # a request body and then its answer's, printed one after the other in one block
        for part_role, (body, offset) in zip(("request", "response"), pair):
            line = code.first_line + code.text.count("\n", 0, offset)
            contract.examples.append(parse_example(part_role, "json", body, code.span, line))
        return
    example = parse_example(role, code.info, code.text, code.span, code.first_line)
    if _typed_shape(contract, example):
        return
    if example.media_type == "application/x-sh":
        example.role = example.role or "request"
        _curl_address(contract, code)
    if not example.role:
        roles = {e.role for e in contract.examples}
        wants_request = contract.method is None or contract.method.text.upper() in ("POST", "PUT", "PATCH")
        example.role = "request" if wants_request and "request" not in roles else "response"
    contract.examples.append(example)


# a package manager's command or a build file's dependency (`npm install svix`, `implementation "com.x:y:1.0"`), or
# an operator's command line (`vault kv put ...`, `kubectl rollout restart ...`): how to set things up, no message
_INSTALL_LINE = lazy(r"^\s*(?:\$\s*)?(?:(?:sudo\s+)?(?:npm|yarn|pnpm|pip3?|pipx|poetry|gem|brew|go|cargo|dotnet|composer|apt(?:-get)?|"
                     r"scoop|choco|nuget|bundle|conda|mvn|gradle)\s+(?:install|add|i|get|require|package|tap)\b|"
                     r"(?:sudo\s+)?(?:vault|kubectl|helm|systemctl|terraform|docker|podman|git)\s+[a-z][\w-]*\b|"
                     r"implementation\s+[\"'(]|compile\s+[\"']|<\/?(?:dependency|groupId|artifactId|version|dependencies)>|"
                     r"[\w-]+\s*=\s*\"[\d.*x-]+\"\s*$|<PackageReference\b)")


def installs(text: str) -> bool:
    """A block whose every command installs a library, declares it as a dependency or runs an operator's tool (a
    line that ends in `\\` goes on in the next)."""
    lines, carried = [], False
    for line in text.split("\n"):
        if line.strip() and not line.strip().startswith("#") and not carried:
            lines.append(line)
        carried = line.rstrip().endswith("\\")
    return bool(lines) and all(_INSTALL_LINE.match(line) for line in lines)




def _schema_within(text: str):
    """The first JSON Schema inside a member cut from a larger JSON document, or None."""
    try:
        data = json.loads("{" + text.strip().rstrip(",") + "}")
    except ValueError:
        return None
    stack = [data]
    while stack:
        node = stack.pop(0)
        if is_json_schema(node):
            return node
        if isinstance(node, dict):
            stack.extend(v for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend(v for v in node if isinstance(v, (dict, list)))
    return None


def _two_documents(text: str) -> list[tuple[str, int]] | None:
    """The two JSON documents a block prints one after the other (text, offset), or None for any other block."""
    decoder, found, at = json.JSONDecoder(), [], 0
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at >= len(text):
            break
        if text[at] not in "{[" or len(found) == 2:
            return None
        try:
            _data, end = decoder.raw_decode(text, at)
        except ValueError:
            return None
        found.append((text[at:end], at))
        at = end
    return found if len(found) == 2 else None


_CURL = lazy(r"^\s*(?:\$\s*)?curl\b(?P<args>(?:[^\n]*\\\n)*[^\n]*)", re.M)
_CURL_METHOD = lazy(r"(?:-X|--request)\s*['\"]?([A-Za-z]+)")
_CURL_URL = lazy(r"['\"]?(https?://[^\s'\"]+)")
_CURL_DATA = lazy(r"\s(?:-d|--data(?:-raw|-binary|-urlencode)?|-F|--form|--json|-T|--upload-file)\b")


def _curl_address(contract: Contract, code) -> None:
    """A curl command is the call written out: its method (-X, else POST when it sends data, else GET)
    and URL are the contract's when the contract names neither."""
    if contract.method is not None or contract.url is not None:
        return
    call = _CURL.search(code.text)
    url = _CURL_URL.search(call.group("args")) if call else None
    if not url:
        return
    args = call.group("args")
    method = _CURL_METHOD.search(args)
    verb = method.group(1).upper() if method else ("POST" if _CURL_DATA.search(args) else "GET")
    line = code.first_line + code.text[:call.start()].count("\n")
    span = Span(line, 1, line, 1)
    contract.method, contract.url = value(verb, span), value(url.group(1), span)


_TYPED_LANGUAGES = {"ts", "typescript", "tsx"}
_DECLARATION = lazy(r"^\s*(?:export\s+)?(?:interface|type)\s+(\w+)[^\n]*", re.M)
_STATUS_COMMENT = lazy(r"^\s*//\s*(?:→|->)?\s*[1-5]\d\d\b|//[^\n]*\b[1-5]\d\d\b")
_ANSWER_NAME = lazy(r"(?:Response|Reply|Result|Created|Accepted|Ack|Answer|Receipt|Confirmation|Error)s?$")
_CALL_COMMENT = lazy(r"^\s*//\s*(GET|POST|PUT|PATCH|DELETE)\s")
_MEMBER = lazy(r"^\s*(?:readonly\s+)?[\"']?([A-Za-z_$][\w$]*)[\"']?(\??)\s*:\s*(.+?)\s*,?\s*$", re.S)


def _declarations(contract: Contract, code, role: str) -> bool:
    """Typed declarations under a call (TypeScript `interface HaulSubmission {...}`): the shapes of its
    bodies, with their members as fields. One named as an answer, or after or beside a comment with a
    status code ("// 202 Accepted"), is the response; the first other is the request of a call that
    sends one (all a GET's are what it answers)."""
    found = list(_DECLARATION.finditer(code.text))
    if not found:
        return False
    call = _CALL_COMMENT.match(code.text)
    method = call.group(1) if call else contract.method.text.upper() if contract.method else None
    sends = role != "response" and method in (None, "POST", "PUT", "PATCH")
    previous = 0
    for number, match in enumerate(found):
        between = code.text[previous:match.start()].split("\n")
        status = any(_STATUS_COMMENT.match(line) for line in between[1:] if line.strip().startswith("//")) or \
            bool(_STATUS_COMMENT.search(match.group(0)))
        answer = status or bool(_ANSWER_NAME.search(match.group(1))) or not sends or role == "response"
        previous = match.end()
        line = code.first_line + code.text.count("\n", 0, match.start())
        kind = "response" if answer else "request"
        if getattr(contract, f"{kind}_shape") is None:
            setattr(contract, f"{kind}_shape", Value(f"(declared as {match.group(1)})", Span(line, 1, line, 1)))
            end = found[number + 1].start() if number + 1 < len(found) else len(code.text)
            fields = _members(code.text[match.start():end], line)
            if fields and kind not in contract.bodies:
                contract.bodies[kind] = Body(Span(line, 1, line, 1), fields=fields)
        sends = sends and answer  # one request body: the declarations after it answer
    return True


def _members(text: str, line: int) -> list[Field]:
    """The top-level members of one declaration: `bags: number;`, `note?: string | null`,
    `kind: 'general' | 'glass'` (the values it allows), on lines of their own or on one line."""
    text = re.sub(r"/\*.*?\*/|//[^\n]*", "", text, flags=re.S)  # comments say things, not members
    opened = text.find("{")
    if opened < 0:
        return []
    fields, depth, piece, at = [], 0, "", line + text.count("\n", 0, opened)
    for char in text[opened + 1:] + ";":
        if depth == 0 and char in ";\n}":
            member = _MEMBER.match(piece)
            if member:
                fields.append(_member(member, at - piece.count("\n")))
            piece = ""
            if char == "}":
                break
        else:
            piece += char
        at += char == "\n"
        depth += (char in "{<([") - (char in "}>)]")
    return fields


def _member(member, line: int) -> Field:
    kind = member.group(3).strip()
    literals = [a or b for a, b in re.findall(r"'([^']*)'|\"([^\"]*)\"", kind)] if "|" in kind else []
    if kind.startswith("Array<") or kind.endswith("[]"):
        base, literals = "array", []
    else:
        base = "string" if literals else "object" if kind.startswith("{") else kind.split("|")[0].strip()
    return Field(member.group(1), Span(line, 1, line, 1), base, member.group(2) != "?", literals)


# a body written with type names for values: `{ "counted_on": string required, "items": [...] }`
_TYPED_SHAPE = lazy(r"[\"']?\w+[\"']?\s*:\s*(?:string|integer|int|number|decimal|boolean|bool|array|object|date|"
                    r"date-?time|uuid|timestamp)\b(?!\s*[\"'])", re.I)


def _typed_shape(contract: Contract, example: Example) -> bool:
    """Whether `example` does not parse because it is a shape written with type names for values: then it
    declares the body's shape (the contract's, when it has none) and is no example to judge."""
    if example.error is None or not _TYPED_SHAPE.search(example.text):
        return False
    shape = "response_shape" if example.role == "response" else "request_shape"
    if getattr(contract, shape) is None:
        setattr(contract, shape, Value("(shape with types)", example.span))
    return True


def _yaml_block(r: Reading, contract: Contract, code) -> None:
    """A contract written as a YAML block: method, url, headers, request, response, status codes."""
    from ..document.yaml import YamlSyntaxError, is_map, is_seq, parse_yaml

    try:
        root = parse_yaml(code.text).root
    except YamlSyntaxError:
        return
    if root is None or not is_map(root):
        return
    for key_node, node in root.value:
        line = code.first_line + key_node.start_mark.line
        span = Span(line, 1, line, 1)
        field = r.vocab.field("contracts", str(key_node.value).replace("_", " "))
        text = node.value if isinstance(node.value, str) else ""
        if field == "method" and text and contract.method is None:
            contract.method = value(text, span)
        elif field == "url" and text and contract.url is None:
            contract.url = value(text, span)
        elif field == "topic" and text and contract.topic is None:
            contract.topic = value(text, span)
        elif field == "headers" and is_map(node):
            contract.headers += [value(str(k.value), span) for k, _ in node.value]
        elif field == "headers" and is_seq(node):
            contract.headers += [value(str(item.value), span) for item in node.value if isinstance(item.value, str)]
        elif field in ("request_shape", "response_shape") and getattr(contract, field) is None:
            setattr(contract, field, value(text or "(YAML block)", span))
        elif field == "status_codes" and isinstance(node.value, list):
            for item in node.value:
                key = item[0] if isinstance(item, tuple) else item
                match = STATUS_ANY.fullmatch(str(key.value).strip())
                if match:
                    item_line = code.first_line + key.start_mark.line
                    contract.status_codes.append(StatusCode(int(match.group(1)), Span(item_line, 1, item_line, 1)))


_SENTENCE_START = lazy(r"[.;]\s+(?=[A-Z])")


def inline_examples(contract: Contract, statement: Statement) -> None:
    """JSON written inline: "Response `201`: `{"id": 7}`", "→ 200 {"status": "ok"}"."""
    text = statement.text
    if _FORM_EXAMPLE.match(text) and "{" not in text:  # "Example request (form parts): `file=@x.tif`, `caption=...`"
        role = role_of(text.split(":")[0]) or "request"
        contract.examples.append(Example(role, "multipart/form-data", text.split(":", 1)[1].strip(), statement.span,
                                         first_line=statement.span.line))
        return
    for xml in _INLINE_XML.finditer(text):  # "Example request body: `<ncsw:GetNotificationsRequest>...`"
        lead = text[: xml.start()]
        role = role_of(lead[-40:]) or role_of(statement.key) or (
            "request" if "request" not in {e.role for e in contract.examples} else "response")
        contract.examples.append(Example(role, "application/xml", xml.group(1), statement.span,
                                         first_line=statement.span.line))
    if "{" not in text and "[" not in text:
        return
    found: list[tuple[str, str, str]] = []  # (the text before the body, the words since the last body, the body)
    end = 0
    for match in _INLINE_JSON.finditer(text):
        if re.search(r"[\w\]]$", match.group(1)) and match.group(2)[:1] == "[":
            continue  # "`tee_times[]`", "`items[0]`": a field's path, no body
        # the first body's words are those of its own sentence: "Response 200: `id` (string). Example: `PUT
        # .../x` with `{...}`" shows the call, whatever the sentence before it described
        since = text[end:match.start()] if end else _SENTENCE_START.split(text[:match.start()])[-1]
        found.append((text[: match.start()] + " " + match.group(1), since + " " + match.group(1), match.group(2)))
        end = match.end()
    if not found:
        arrow = _ARROW_JSON.search(text)
        if arrow:
            found.append((text[: arrow.start()] + " response", "response", arrow.group(2)))
    for before, since, body in found:
        try:
            data = json.loads(body)
        except ValueError:
            try:  # "`{"patients": [{"id": "LW-1"}, …]}`": an example that elides the rest of a list is still one
                data = json.loads(_ELIDED.sub("", body)) if body.lstrip().startswith("{") and (
                    "…" in body or "..." in body) else None
            except ValueError:
                data = None
            if data is None:
                continue  # a placeholder object or a fragment: no example to judge
        if not isinstance(data, (dict, list)) or _is_shape(data):
            continue
        lead = _SENTENCE_START.split(before[-200:])[-1][-60:]  # in the body's own sentence
        near = before[-12:]  # "→ `201 {...}`": an arrow or a status right before the body says it is the answer
        # "Request to `/v2/x`: `{...}`; response `{...}`": the words since the body before name this one's role
        later = role_of(since) if len(found) > 1 else ""
        role = ("response" if re.search(r"(?:→|->|=>|\b[1-5]\d\d\b)", near) else "") or later or \
            role_of(statement.key) or role_of(lead) or ("response" if re.search(r"(?:→|->|=>|\b[2-5]\d\d\b)", lead) else "")
        if not data and role != "response":
            continue  # "`{}`" is a whole answer ("`200 OK` with body `{}`"), but no request to judge
        if not role:
            role = "request" if "request" not in {e.role for e in contract.examples} else "response"
        example = Example(role, "application/json", body, statement.span, data=data, first_line=statement.span.line)
        contract.examples.append(example)


# a response told by its status and what it carries back, concrete without a body of its own: the resource it
# changed ("response `200` with the updated dog", "→ `200` with the assignment"), or an acknowledgement ("answers `202`")


def _is_shape(data) -> bool:
    """`{"error": "<code>"}`: a body's shape with placeholders for its values, not an example of it."""
    leaves = list(_leaves(data))
    return bool(leaves) and all(isinstance(v, str) and (v.startswith("<") or v in ("...", "…", "string")) for v in leaves)


def _leaves(data, depth: int = 0):
    if depth > 20:
        return
    if isinstance(data, dict):
        for inner in data.values():
            yield from _leaves(inner, depth + 1)
    elif isinstance(data, list):
        for inner in data[:50]:
            yield from _leaves(inner, depth + 1)
    else:
        yield data


_INLINE_FIELD = lazy(r"^\s*`([\w.\[\]-]+)`\s*(.*?)\s*$", re.S)


_REQUIRED_WORD = lazy(r"\b(required|mandatory|optional)\b(?!\s+(?:when|if|for|unless|only))", re.I)


# a field made of fields listed after it: "array of objects: `a` string, `b` integer", "object with `a` string"
_OBJECTS_OF = lazy(r"^\s*\(?\s*(?:an?\s+)?(?:array|list)\s+of\s+objects?\s*(?::|with\b)\s*(.+?)\)?\s*$"
                   r"|^\s*\(?\s*(?:an?\s+)?object\s*(?::|with\b)\s*(`.+?)\)?\s*$", re.I | re.S)
# a type given by its values alone: "`a.done` or `a.gone`", "`A`, `B` or `C`"
_VALUES_ONLY = lazy(r"^\s*`[^`]+`(?:\s*(?:,|\bor\b|\||/)\s*`[^`]+`)+\s*$")


_NO_TYPE_LEAD = lazy(r"^\s*(?:plus|and|with|also|as|same|see|like|then)\b", re.I)


def inline_fields(text: str, span: Span) -> list[Field]:
    """Fields declared in one line, `name` then type: "`event_id` string required; `period` integer"."""
    fields = []
    text = re.sub(r"\s[·•]\s", ", ", text)  # "`run_id` string · `items[]`: ...": a dot between fields is a comma
    pieces = _top_level(text, ";")  # not "`verdict` (string enum `pass`, `fail`; required)": one field's brackets
    if len(pieces) < 2:
        pieces = _top_level(text, ",")  # "`production_id` string, `version` int, `speaker` string or null"
    for piece in pieces:
        match = _INLINE_FIELD.match(piece)
        if not match:
            continue
        if fields and not match.group(2).strip(" ,.;") and (fields[-1].values or "enum" in fields[-1].type.lower()):
            if not fields[-1].values:  # "`status` string enum `VALID`": the first value stands in its type
                fields[-1].values = re.findall(r"`([^`]+)`", fields[-1].type)
            fields[-1].values.append(match.group(1))  # "`status` string enum `VALID`, `SPOILED`": one more value
            continue
        inner = _OBJECTS_OF.match(match.group(2))
        if inner:  # "`results` array of objects: `bottle_barcode` string, `sample_status` string enum `VALID`, ..."
            fields.append(Field(match.group(1), span, "array" if "array" in inner.group(0).lower() else "object"))
            prefix = match.group(1) + ("[]." if "array" in inner.group(0).lower() else ".")
            fields += [Field(prefix + f.name, f.span, f.type, f.required, f.values)
                       for f in inline_fields(inner.group(1) or inner.group(2), span)]
            continue
        rest = match.group(2).strip("() ").lstrip("—–-: ")  # "`year_made` — integer, nullable"
        said = _REQUIRED_WORD.search(rest)
        kind = (rest[: said.start()] if said else re.split(r"[(,]", rest)[0]).strip(" (,")
        required = None if said is None else said.group(1).lower() != "optional"
        listed = _VALUES_ONLY.match(rest)
        values = re.findall(r"`([^`]+)`", listed.group(0)) if listed else []
        if values:
            kind = "string"  # "`event_type` (`assessment.completed` or `assessment.cancelled`)": one of these
        elif re.match(r"\s*\(?\s*`[\w.]+`\s+\w", match.group(2)):
            kind = "object"  # "`lead_player` (`first_name` string, `last_name` string)": its own fields inside
        if _NO_TYPE_LEAD.match(kind):
            kind = ""  # "`return_id` plus `results[]` of `serial`": the field again, with more beside it; no type
        name = match.group(1)
        if name.isdigit():
            continue  # "`400` body is not valid JSON or misses a required field": a status, no field
        if name.endswith("[]") and "array" not in kind.lower() and "[]" not in kind:
            kind = f"array of {kind}" if kind else "array"  # "`meters[]` (string)": the type of each item
        constant = _CONSTANT.search(match.group(2))  # `formType` string, required ("IR1"): its one value
        if constant and _FORMAT.search(constant.group(1)):
            constant = None  # "`fixture_date` string (`YYYY-MM-DD`)": the format, not the value
        fields.append(Field(name, span, kind, required,
                            values or enum_values(rest) or ([constant.group(1)] if constant else [])))
    return fields


def _top_level(text: str, separator: str) -> list[str]:
    """Pieces of a field list split at the separators outside brackets and code spans; a comma only where
    a new field starts."""
    pieces, depth, code, start = [], 0, False, 0
    for at, char in enumerate(text):
        if char == "`":
            code = not code
        elif not code and char in "([{":
            depth += 1
        elif not code and char in ")]}":
            depth = max(0, depth - 1)
        elif char == separator and not code and depth == 0 and (
                separator != "," or text[at + 1 :].lstrip().startswith("`")):
            pieces.append(text[start:at])
            start = at + 1
    pieces.append(text[start:])
    return pieces


def field_rows(statement: Statement, columns: dict[int, str], table) -> list[Field]:
    """A field table's row as declared fields: one, or one per name in a cell that names several of
    one type ("`gross_kg` / `tare_kg` / `net_kg` | integer")."""
    index = next((i for i, name in columns.items() if name == "field"), None)
    cells = statement.row.cells
    names = re.findall(r"`([^`\s]+)`", cells[index].text) if index is not None and index < len(cells) else []
    rest = _LIST_SEPARATORS.sub("", cells[index].text) if names else ""
    if len(names) >= 2 and not rest.strip():
        return [f for name in names for f in [field_row(statement, columns, table, name)] if f is not None]
    found = field_row(statement, columns, table)
    return [found] if found is not None else []


_LIST_SEPARATORS = re.compile(r"`[^`\s]+`|[\s/,;]|\band\b|&")


def field_row(statement: Statement, columns: dict[int, str], table, name: str = "") -> Field | None:
    """A field table's row as a declared field: name, type, and whether it is required."""
    by_name = {name: index for index, name in columns.items()}
    cells = statement.row.cells

    def cell(name: str) -> str:
        index = by_name.get(name)
        return cells[index].text.strip() if index is not None and index < len(cells) else ""

    name = name or cell("field").strip("`* ")
    if not name or " " in name:
        return None
    kind = cell("type")
    said = normalize(cell("required")).split(" ")[0] if cell("required") else ""
    required = True if said in _YES else False if said in _NO else None
    if required is not None and by_name.get("required") is not None and \
            normalize(table.header[by_name["required"]].text) == "optional":
        required = not required
    if required is None:
        lowered = f"{kind} {cell('description')}".lower()
        required = True if "required" in lowered else False if "optional" in lowered else None
    values = enum_values(kind) or enum_values(cell("description"))
    if not values and is_enum_type(kind):  # "| severity | enum | yes | `minor`, `moderate`, `severe` |"
        spans = re.findall(r"`([^`\s]{1,40})`", cell("description"))
        values = spans if len(spans) >= 2 else []
    if not values and _ONLY_VALUES.fullmatch(cell("description")):  # "| state | string | `queued`, `failed`, ... |":
        values = re.findall(r"`([^`\s]{1,40})`", cell("description"))  # a cell that is nothing but the values
    return Field(name, statement.span, kind, required, values)


_ONLY_VALUES = lazy(r"\s*`[^`\s]{1,40}`(?:\s*(?:,|\||/|\bor\b)\s*`[^`\s]{1,40}`){2,}\s*\.?\s*")


_CLAUSES = lazy(r"(?<!\s)\s+[—–]\s+|;\s+")
_REPEAT_CLAUSE = lazy(r"\b(?:repeat(?:ed|s)?|again|duplicate\w*|same\s+key|already)\b", re.I)
# a call line led by the operation's name: "**Acknowledgement:** `PUT /alarms/{id}/ack`" names the call, no role
_NAMED_CALL = lazy(r"^\W*(?!(?:example\s+)?(?:request|response|reply|answer|payload|body|message)\b)[A-Za-z][\w '/&-]{0,60}?[*_]*"
                   r"\s*[:—–]\s*[*_]*(?=`?(?-i:GET|POST|PUT|PATCH|DELETE)\s+`?(?:/|https?:))", re.I)


def role_of(text: str) -> str:
    text = _NAMED_CALL.sub("", text, count=1)
    clauses = _CLAUSES.split(text)
    if len(clauses) > 1:  # "`POST .../credits` with `Idempotency-Key: <id>` — TapLedger
        # returns the original credit for a repeated key — RB": what a repeat gets back, said of the call, no word on
        # the block below (a clause that introduces the block, "... for a repeated key:", is kept whatever it says)
        text = " ".join(clause for clause in clauses if clause.rstrip(" *_`").endswith(":") or
                        not _REPEAT_CLAUSE.search(clause))
    lowered = re.sub(r"`[^`]*`|https?://\S+", " ", text).lower()  # not the words of a path (`/v3/returns`)
    # the arrow ends the line itself, not only once its code is gone: "**Booking webhook** → `POST /events`" names
    # the call the block below is sent to
    bare = re.sub(r"`([1-5]\d\d)`", r"\1", text.lower())  # "→ `207`:" is a status, not a call in code
    if re.search(r"(?:→|->|=>)\s*(?:[1-5]\d\d(?:\s+[a-z]+){0,2})?\s*:?\s*$", re.sub(r"`[^`]*`", " code ", bare)):
        return "response"  # "Example: `PUT /v3/returns/RT-1` with the body above →", "... with `{...}` → 200": what comes back
    if re.search(r"\b(response|resp|rsp|reply|returns|returned|answers?|ack(?:nowledge?ment)?|errors?\s+(?:body|bodies|shape|"
                 r"payload|object))\b", lowered):
        return "response"
    if re.match(r"^\W*(?:http/\d(?:\.\d)?\s+)?[1-5](?:\d\d|xx)\b(?:\s+[a-z-]+){0,3}\s+(?:body|payload|json|shape)\b", lowered):
        return "response"  # "200 body: `report_id` string; ...": what a status comes back with
    if re.search(r"\bstatus(?:\s+code)?\s*[:=]?\s*[1-5]\d\d\b", lowered):
        return "response"  # "HTTP Status: 200 (OK) with a body similar to the following:": a status's body
    if re.search(r"\b(request|req|message|event|payload|call|body|sample record|record|row|file)\b", lowered):
        return "request"
    return ""
