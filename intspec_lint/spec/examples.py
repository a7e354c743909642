"""Example bodies: tell the media type, parse what can be parsed, keep the error's position."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl

from ..span import Span
from .model import Example

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


def parse_example(role: str, info: str, text: str, span: Span, first_line: int) -> Example:
    """An Example whose `data` is the parsed body, or whose `error` says why it is not."""
    media = media_type(info, text)
    example = Example(role, media, text, span)
    body, body_line = text, first_line
    if media == "message/http":
        head = text.lstrip()
        if not role:
            example.role = "response" if _HTTP_RESPONSE.match(head) else "request"
        declared = _CONTENT_TYPE.search(text)
        parts = re.split(r"\n[ \t]*\n", text, maxsplit=1)
        if len(parts) < 2 or not parts[1].strip():
            return example
        body_line = first_line + parts[0].count("\n") + 2
        body = parts[1]
        media = declared.group(1).lower() if declared else media_type("", body)
        example.media_type = media
    if media == "application/json" or media.endswith("+json"):
        try:
            example.data = json.loads(body)
        except json.JSONDecodeError as error:
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
        example.data = dict(parse_qsl(body.strip(), keep_blank_values=True))
    return example
