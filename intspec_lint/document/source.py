"""Bytes to text: encodings, BOMs, binary content and line endings, with positions for every failure."""

from __future__ import annotations

import codecs
from pathlib import PurePath

from ..span import Span

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".mkdn"}
YAML_SUFFIXES = {".yaml", ".yml"}


class UnreadableInput(Exception):
    """The input cannot become text; `span` says where the reader stopped."""

    def __init__(self, message: str, span: Span = Span(1, 1, 1, 1)):
        super().__init__(message)
        self.message = message
        self.span = span


def decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped) or UTF-16 with a BOM; CRLF and lone CR become LF."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return normalize_newlines(data.decode("utf-16"))
        except UnicodeDecodeError as error:
            raise UnreadableInput(f"invalid UTF-16 at byte {error.start}") from None
    if b"\x00" in data[:8192]:
        raise UnreadableInput("binary file (it contains NUL bytes): not a spec")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise UnreadableInput(
            f"invalid UTF-8 at byte {error.start} (0x{data[error.start]:02x}): save the file as UTF-8",
            Span(line, column, line, column + 1),
        ) from None
    return normalize_newlines(text)


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so that line numbers match what editors show."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def detect_format(name: str, text: str) -> str:
    """"markdown" or "yaml": by the file's suffix, else by its content."""
    suffix = PurePath(name).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in YAML_SUFFIXES:
        return "yaml"
    head = text.lstrip("\ufeff \n")
    return "yaml" if head.startswith(("intspec:", "%YAML")) else "markdown"
