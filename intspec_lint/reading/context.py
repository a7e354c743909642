"""What the part readers share while they read one Markdown spec."""

from __future__ import annotations

from dataclasses import dataclass, field

import re

from ..document.model import MarkdownDocument, Section
from ..model import Spec
from ..span import Span
from .statements import Statement, words_of_key
from .topics import Topics
from .vocabulary import Vocabulary


_RECORD_KEY = re.compile(r"^((?:[\w-]+\.)*[\w-]+)?(\[\d+\])\.?([\w-]+)?$")  # "flows[0].source", "[3].src"


@dataclass(slots=True)
class Reading:
    doc: MarkdownDocument
    vocab: Vocabulary
    topics: Topics
    statements: list[Statement]
    spec: Spec
    examples: set[int] = field(default_factory=set)  # ids of the code blocks that are contracts' examples
    described: dict[int, list] = field(default_factory=dict)  # id of an API description block -> its contracts
    shared: dict = field(default_factory=dict)  # spec-wide facts for the scope step: "auth.storage" -> Value
    _by_section: dict[int, list[Statement]] | None = None
    _children: dict[int, list[Statement]] | None = None

    def under(self, parent: Statement) -> list[Statement]:
        """The statements directly under `parent`: an item's nested items, a code block's keys."""
        if self._children is None:
            self._children = {}
            for statement in self.statements:
                if statement.parent is not None:
                    self._children.setdefault(id(statement.parent), []).append(statement)
        return self._children.get(id(parent), [])

    def per_table(self, name: str, table, compute):
        """What `compute()` says of `table`, worked out once in this reading: a table's rows ask it row by row."""
        key = f"{name}.{id(table)}"
        if key not in self.shared:
            self.shared[key] = compute()
        return self.shared[key]

    def about(self, part: str) -> list[Statement]:
        """The statements about `part`, where they stand or by their own words."""
        return [s for s in self.statements if part in s.topics]

    def placed(self, part: str) -> list[Statement]:
        """The statements standing under a heading, in a table or a section about `part`."""
        return [s for s in self.statements if part in s.placed]

    def within(self, section: Section, own: bool = False) -> list[Statement]:
        """The statements of a section and its sub-sections (`own`: its own blocks only), headings
        of sub-sections included, the section's own heading not."""
        if self._by_section is None:
            self._by_section = {}
            for statement in self.statements:
                self._by_section.setdefault(id(statement.section), []).append(statement)
        units = [section] if own else list(section.walk())
        found = []
        for unit in units:
            for statement in self._by_section.get(id(unit), ()):
                if statement.shape == "heading" and statement.section is section:
                    continue
                found.append(statement)
        return found

    def paragraph(self, statement: Statement) -> str:
        """The statement with the sentences after it in its paragraph: "Every webhook carries ... an HMAC-SHA256 ...
        with a shared secret. We rotate it every 180 days ..." is one credential's account."""
        own = [s for s in self.within(statement.section, own=True) if s.shape != "heading"]
        at = next((number for number, s in enumerate(own) if s is statement), len(own))
        said, last = [statement.text], statement.span.end_line
        for later in own[at + 1:]:
            if later.shape != "sentence" or later.span.line - last > 1:
                break
            said.append(later.text)
            last = later.span.end_line
        return " ".join(said)

    def code_records(self, part: str) -> list[tuple[Span, dict[str, tuple[str, Span]]]]:
        """Records of `part` in configuration blocks: each item of a list under a key that names the
        part (`flows: [{name: ..., source: ...}]`), as field -> (text, span)."""
        found: dict[tuple[int, str], tuple[Span, dict[str, tuple[str, Span]]]] = {}
        for statement in self.statements:
            if statement.shape != "code-key" or id(statement.code) in self.examples:
                continue
            match = _RECORD_KEY.match(statement.key)
            if not match:
                continue
            owner = match.group(1)
            if owner is not None and part not in self.vocab.section_parts(words_of_key(owner.split(".")[-1])):
                continue
            if owner is None and part not in statement.placed:  # a list at the top of a block under its heading
                continue
            name = self.vocab.field(part, words_of_key(match.group(3))) if match.group(3) else None
            record = found.setdefault((id(statement.code), match.group(2)), (statement.span, {}))
            if name and statement.value and name not in record[1]:
                record[1][name] = (statement.value, statement.span)
        return [record for record in found.values() if record[1]]

    def section_of(self, part: str, span: Span) -> Span:
        """Where `part` was found: its heading, else `span`."""
        return self.spec.sections.get(part, span)

    def mark(self, part: str, span: Span) -> None:
        self.spec.sections.setdefault(part, span)
