"""Step 1 of reading: the Markdown Document flattened into statements.

Every block shape becomes statements with their span and heading path, so that a fact is found
whatever shape it is written in: a heading, a "key: value" line, a sentence of prose (wrapped over
lines or not), a list item (with its nested items after it), a table row (its cells keyed by their
column), a code block, and the keys and comments of a configuration block (YAML, JSON, properties,
TOML, HCL). Readers ask for statements by topic, never by block shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document.markdown import parse_markdown
from ..document.model import Code, ListBlock, ListItem, MarkdownDocument, Paragraph, Row, Section, Table
from ..span import Span
from .footnotes import with_footnotes
from .not_design import the_design
from .diagrams import diagram_statements, is_plantuml, plantuml_statements
from .scenarios import CALL_STEP, STEP_LANGUAGES, scenario_runs
from .lazy_re import lazy
from .config_keys import EXTENSION, TRAILING_COMMENT, block_prose, brace_keys, property_keys, yaml_keys
from .program_code import (COMMENT_LINE as _COMMENT_LINE, PROGRAM_LANGUAGES, SHOWN_LANGUAGES, comment_runs, hanging,
                           looks_like_program, markup_prose, program_settings)
from .text import notes_label, sentences
from .values import is_placeholder

# "Key: value", "Key — value", "key = value": a short key before a separator
# a colon between digits is a time's ("not loaded by 06:00 → warning"), no key's
KEY_VALUE = lazy(r"^\s*([^:\n]{1,60}?)\s*(?:(?<!\d):|:(?!\d)|\s[—–]\s|\s--?\s|=)\s*(.*)$", re.S)
_SENTENCE_END = re.compile(r"[a-z)][.!?]\s+[A-Z]")
_FIELD_LIST = re.compile(r"^\s*(:)[A-Za-z][^:`\n]{0,40}:\s")
_LABEL = re.compile(r"^[A-Za-z][\w /&-]{0,40}$")  # an item that only names what is nested under it
_BRACE_LANGUAGES = {"hcl", "terraform", "tf", "cue", "hocon", "jsonnet", "libsonnet"}
_CONFIG_LANGUAGES = _BRACE_LANGUAGES | {"yaml", "yml", "json", "jsonc", "properties", "props", "ini", "toml",
                     "env", "dotenv", "conf", "cfg", "config", "text", "txt", "plain", ""}
_GHERKIN_STEP = lazy(r"^(?:given|when|then|and|but)$", re.I)
# "**FD → CAPS.** FD MUST use ...", "5.1. __Retries__ — we retry ...": a bold lead is the statement's key
_BOLD_LEAD = lazy(r"^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\[[ xX]\]\s+)?(?:[^\w\s*_\[`(|<>#]{1,2}\s+)?(?:\d+(?:\.\d+)*\.?\s+)?"
                  r"(?:(?:\*\*|__)([^*_\n]{2,80}?)(?:\*\*|__)|[*_]([^*_\n]{2,80}?[.:])[*_]|"
                  r"[*_]([^*_\n]{2,60}?)[*_](?=\s*(?:\([^()\n]{1,30}\)\s*)?[:—–]))\s*"  # "*PressPerfect API.*" too, an
                  # italic name before its colon or dash ("*No point trying again* (Box 11): 400, 401"),
                  # and after an item's marker of colour or state ("- 🟦 **Try again later**: 429, 503")
                  r"(?:[:.—–-]\s*)?(\S.*)$")


_OUTLINE_NUMBER = lazy(r"^\s*\d+(?:\.\d+)*\.?\s+")  # "3.1 " of "3.1 **KeyTrack API.** API key ..."


@dataclass(slots=True, eq=False)
class Statement:
    text: str  # the words, markup stripped, code spans kept
    span: Span
    path: tuple[str, ...]  # heading texts from the title down
    shape: str  # heading | line | sentence | item | row | code | code-key | code-comment
    section: Section
    cells: dict[str, str] | None = None  # a row: column header -> cell text
    table: Table | None = None
    row: Row | None = None
    code: Code | None = None  # a code block (and the block a code key or comment stands in)
    item: ListItem | None = None
    parent: Statement | None = None  # the item a nested item, sentence or block stands under
    depth: int = 0  # list nesting
    key: str = ""  # a code key's path ("retry.max_attempts") or a "key: value" line's key
    value: str = ""  # what stands after the key
    banner: str = ""  # the title a comment ruler in its code block gives it ("# --- Retry ---")
    ref: str = ""  # the id the document gives it ("AC-13", "C-4"), taken off its words: the name others use
    placed: set[str] = field(default_factory=set)  # parts by where it stands: heading, table, section
    topics: set[str] = field(default_factory=set)  # ... and by its own words

    @property
    def heading(self) -> str:
        return self.path[-1] if self.path else ""

    def line_of(self, offset: int) -> Span:
        """The line a place in the text stands on (a sentence wrapped over lines keeps its newlines)."""
        line = self.span.line + self.text.count("\n", 0, offset)
        return Span(line, 1, line, 1) if line != self.span.line else self.span


def key_value(text: str) -> tuple[str, str] | None:
    """("Max retries", "5") of "**Max retries**: 5"; None when the text is no "key: value"."""
    first, _, more = text.partition("\n")
    field = _FIELD_LIST.match(first)  # ":Retries: 5", a field list as reStructuredText writes one
    match = KEY_VALUE.match(first[field.end(1):] if field else first)
    if not match or match.group(1).count("`") % 2:
        return None  # the colon stands inside a code span: "scopes `orders:read`"
    key = match.group(1).strip(" *_`")
    rest = match.group(2)
    if not key or rest.startswith("//") or key.lower().startswith("www.") or len(key.split()) > 8:
        return None  # "https://...": a URL, not a key
    if _SENTENCE_END.search(key):
        return None  # "Error classes. Transient: 429 ...": a sentence ends before the colon; the key is the next one's
    if key.count("(") != key.count(")") or key.count("[") != key.count("]"):
        return None  # "its device certificate (X.509, CN = VIN)": the sign stands inside brackets
    if more:
        rest = f"{rest}\n{more}"
    return key, rest.strip()


def bold_lead(raw: str) -> tuple[str, str] | None:
    """(lead, rest) of a source line that opens with bold text followed by more on the line."""
    match = _BOLD_LEAD.match(raw)
    if not match:
        return None
    lead = (match.group(1) or match.group(2) or match.group(3)).strip(" .:")
    if _GHERKIN_STEP.match(lead):
        return None  # "**Given** a full bay ... **Then** it is not retried": a scenario's step, a sentence, no key
    return lead, match.group(4)


def flatten(doc: MarkdownDocument) -> list[Statement]:
    """Every statement of the document, in document order."""
    flattener = _Flattener(doc.lines)
    flattener.section(doc.root, ())
    if doc.front_matter is not None:
        flattener.code(doc.front_matter, (), doc.root, None)
    out = [s for s in flattener.out if not (s.key and s.shape in ("line", "item") and _PAST.search(s.key))]
    out = _with_inline_maps(out)
    out = with_footnotes(out, _drop_label)
    out = the_design(out, _drop_label)
    asked = False
    for statement in out:
        if statement.key and statement.value and notes_label(statement.key):
            _drop_label(statement)  # "Speaker notes: The FDP client certificate is valid 12 months ...": what the notes
            # say, led by its own words, as a slide's bullets are
        if statement.key and statement.value and (_ID_ONLY.match(statement.key) or asked and _ANSWER.match(statement.key)):
            statement.ref = statement.key if _ID_ONLY.match(statement.key) else ""
            _drop_label(statement)  # "**AC-13** Curator authenticates ...", "Q: ...?" then "A: Transient — ...": the
            # requirement's id or the answer's label names no system and no field
        asked = asked or bool(statement.key and _QUESTION.match(statement.key)) or bool(
            statement.shape == "heading" and _ASKS.match(statement.text))  # "**Q: ...?**" made a heading
        if statement.shape in ("sentence", "line", "item") and not statement.key:
            clause = _CLAUSE_ID.match(statement.text)
            if clause:  # "IR-702 The HTU shall renew ...": the requirement's id is no part of what it says,
                statement.ref = clause.group(0).strip(" .:)")  # but the name others point at it by
                statement.text = statement.text[clause.end():]
    return out


_INLINE_MAP = re.compile(r"`((?:[A-Za-z_][\w.-]*\s*:\s*)?\{[^`{}]*:[^`{}]*\})`")  # `retry: {strategy: exp, max: 8}`


INLINE_SETTING = re.compile(r"^`([A-Za-z][\w-]*(?:\.[\w-]+)+)\s*=\s*([^`=]+)`")  # `auth.webhook.rotation_days = 365`


def _with_inline_maps(statements: list[Statement]) -> list[Statement]:
    """A settings map written in a code span ("`retry: {strategy: exponential, initial: 5s, max_attempts: 8}`"), or a
    line or item that opens with one setting ("`auth.webhook.rotation_days = 365` — rotated each January"): its keys
    as config keys, after the statement that holds it, as a code block's would be."""
    out: list[Statement] = []
    block, last = None, (None, 0)  # the settings one list gives are one block, as a file's would be; (section, line)
    for statement in statements:
        out.append(statement)
        if statement.shape not in ("item", "sentence", "line") or "{" not in statement.text and "`" not in statement.text[:2]:
            continue
        setting = INLINE_SETTING.match(statement.text) if statement.shape in ("item", "line") else None
        if setting:  # "- `auth.webhook.rotation_days = 365` — rotated each January": a setting, its key and value
            if block is None or last[0] is not statement.section or statement.span.line - last[1] > 3:
                block = Code("properties", "", statement.span, statement.span.line)
            block.text += setting.group(0).strip("`") + "\n"
            last, code = (statement.section, statement.span.line), block
            key, said = setting.group(1), setting.group(2).strip(" \"'")
            out.append(Statement(f"{key.replace('_', ' ')}: {said}", statement.span, statement.path, "code-key",
                                 statement.section, code=code, parent=statement, key=key, value=said))
        for found in _INLINE_MAP.finditer(statement.text):
            line = statement.span.line + statement.text.count("\n", 0, found.start())
            span = Span(line, 1, line, 1)
            code = Code("yaml", found.group(1), span, line)
            for _, key, value in yaml_keys(code):
                if value:
                    out.append(Statement(f"{key.replace('_', ' ')}: {value}", span, statement.path, "code-key",
                                         statement.section, code=code, parent=statement, key=key, value=value))
    return out


def _drop_label(statement: Statement) -> None:
    """The statement without its leading label: its value is what it says, keyed again by its own words."""
    statement.text = statement.value
    pair = key_value(statement.text)
    keyed = pair and len(pair[0].split()) <= 6 and not _is_sentence_start(pair[0])
    statement.key, statement.value = pair if keyed else ("", "")


_REQ_ID = r"(?:[A-Z]{1,6}-)?[A-Z]{1,6}-\d{1,4}(?:\.\d+)*[a-z]?"  # "AC-13", "REQ-004", "IR-702", "R-3.4"; not "F1"
_ID_ONLY = re.compile(rf"^{_REQ_ID}$")
_QUESTION = re.compile(r"^(?:q|question)\s*\d{0,3}$", re.I)
_ASKS = re.compile(r"^(?:q|question)\s*\d{0,3}\s*[:.]", re.I)
_ANSWER = re.compile(r"^(?:a|answer)\s*\d{0,3}$", re.I)
# a line of a deep outline: "3.2.4.1 201 application created" (three levels at least: "1.5 s" is a value)
_STRUCK = re.compile(r"~~[^~\n]+~~")
_OUTLINE_LINE = re.compile(r"^\s*(\d+(?:\.\d+){2,})\.?\s+(\S.*?)\s*$")
_CLAUSE_ID = re.compile(rf"^{_REQ_ID}[.:)]?\s+(?=[A-Z`*])")


# a lead that says what was, not what is: "**We used to:** retry forever", "Previously: ...", a dated
# incident ("*INC-2340, 2025-03-03: one static key ... was pasted*")
_PAST = re.compile(r"^(?:we\s+used\s+to|used\s+to|previously|formerly|before(?:\s+v?[\d.]+|\s+the\s+\w+)?|"
                   r"old(?:\s+(?:behaviou?r|way|design|setup))?|was|until\s+v?[\d.]+|"
                   # a known error's or an incident's account: what went wrong then, not the design now
                   r"(?:the\s+)?root\s+causes?|symptoms?|what\s+happened|workaround\s+\(historic(?:al)?\))$"
                   r"|\b\d{4}-\d\d-\d\d\b", re.I)


class _Flattener:
    def __init__(self, lines: list[str]):
        self.lines = lines
        self.out: list[Statement] = []

    def _lead(self, line: int) -> tuple[str, str] | None:
        return bold_lead(self.lines[line - 1]) if 0 < line <= len(self.lines) else None

    def section(self, section: Section, path: tuple[str, ...]) -> None:
        if section.level:
            path = path + (section.title,)
            self.out.append(Statement(section.title, section.span, path, "heading", section))
        previous = None
        for block in section.blocks:
            start = len(self.out)
            self.block(block, path, section, None)
            if isinstance(block, ListBlock) and isinstance(previous, Paragraph) and _introduces(previous.text):
                lead = previous.text.rstrip().rsplit("\n", 1)[-1].strip(" *_:")  # "Dashboards/alerts we'll both run:"
                for statement in self.out[start:]:  # over the list it introduces: its items' heading
                    statement.banner = statement.banner or lead
            previous = block
        for child in section.children:
            self.section(child, path)

    def prose(self, text: str, first_line: int, path, section: Section, parent: Statement, flat=False) -> None:
        """Markdown a code block carries (a `description: |` of an API description) read as the document's
        own: its paragraphs, lists and tables, in the block's section, each on its line (`flat`: all on the
        one line of a JSON string)."""
        inner = _Flattener(text.split("\n"))
        inner.section(parse_markdown(text).root, path)
        for said in inner.out:
            said.span = Span(first_line, 1, first_line, 1) if flat else Span(
                said.span.line + first_line - 1, said.span.column, said.span.end_line + first_line - 1,
                said.span.end_column)
            said.section, said.path, said.parent = section, path, said.parent or parent
            self.out.append(said)

    def block(self, block, path, section: Section, parent: Statement | None, depth: int = 0) -> None:
        if isinstance(block, Paragraph):
            self.paragraph(block.text, block.span.line, path, section, parent)
        elif isinstance(block, ListBlock):
            for item in block.items:
                self.item(item, path, section, parent, depth)
        elif isinstance(block, Table):
            self.table(block, path, section, parent)
        elif isinstance(block, Code):
            self.code(block, path, section, parent)

    def paragraph(self, text: str, first_line: int, path, section, parent) -> None:
        """A paragraph: its "key: value" lines one by one; the lines between them as sentences, so that
        a sentence wrapped over two lines is read whole. A paragraph that opens with a bold lead
        ("**FD → CAPS.** FD must use ...") is one statement keyed by the lead."""
        numbered = [_OUTLINE_LINE.match(line) for line in text.split("\n") if line.strip()]
        if len(numbered) >= 2 and all(numbered):  # "3.2.4.1 201 application created" line after line: a list
            for offset, line in enumerate(text.split("\n")):
                found = _OUTLINE_LINE.match(line)
                if found:
                    rest = found.group(2)
                    statement = Statement(rest, Span(first_line + offset, found.start(2) + 1, first_line + offset,
                                                     len(line) + 1), path, "item", section, parent=parent)
                    pair = key_value(rest)
                    if pair:
                        statement.key, statement.value = pair
                    self.out.append(statement)
            return
        lead = self._lead(first_line)
        if lead and not any(said.lstrip(" *_").startswith(lead[0][:12]) for said in (text, _OUTLINE_NUMBER.sub("", text, count=1))):
            lead = None  # the words after a lead that became a heading ("**12. Dead letters.** Nothing ...")
        if lead and not (key_value(text) or ("", ""))[0] == lead[0]:
            first = text.split("\n", 1)[0]
            rest = text.strip()
            at = rest.find(lead[0])
            value = rest[at + len(lead[0]):].lstrip(" .:—–-") if at >= 0 else lead[1]
            self.out.append(Statement(rest, Span(first_line, 1, first_line + text.count("\n"), 1 + len(first)), path,
                                      "line", section, parent=parent, key=lead[0], value=value))
            return
        run: list[tuple[int, str]] = []
        keyed: list[tuple[int, str]] = []  # a "key: value" line and the lines that continue its value
        for offset, line in enumerate(text.split("\n")):
            if not line.strip():
                continue
            number = first_line + offset
            pair = key_value(line)
            mid_sentence = bool(run) and run[-1][0] == number - 1 and not run[-1][1].rstrip(" *_").endswith(
                (".", "!", "?", ":", ")"))  # "... will sometimes see the same ticket twice. That⏎is safe: ..."
            mid_sentence = mid_sentence or (bool(keyed) and keyed[-1][0] == number - 1
                                            and (_WRAPPED_DASH.match(line) or line[:1].islower() and pair is not None
                                                 and ("," in pair[0] or len(pair[0].split()) > 3))
                                            and not keyed[-1][1].rstrip(" *_").endswith((".", "!", "?", ":")))
            # "... in the partner⏎console, which allows two keys: create ...": a value wrapped, no key of its own
            # "Transient errors — `429`, timeouts and connection⏎resets — must be retried": one sentence wrapped
            if pair and len(pair[0].split()) <= 6 and not _is_sentence_start(pair[0]) and not mid_sentence:
                self.sentences(run, path, section, parent)
                self.keyed(keyed, path, section, parent)
                run, keyed = [], [(number, line)]
            elif keyed and _continues_value(keyed[-1][1], line):
                keyed.append((number, line))  # "Body: `id` string; `email` string;" wrapped onto the next line
            else:
                self.keyed(keyed, path, section, parent)
                keyed = []
                run.append((number, line))
        self.keyed(keyed, path, section, parent)
        self.sentences(run, path, section, parent)

    def keyed(self, lines: list[tuple[int, str]], path, section, parent) -> None:
        """A "key: value" line (wrapped or not): its first sentence keeps the key; the sentences after it
        ("Transient failures — ... . Permanent failures — ...") are statements of their own."""
        if not lines:
            return
        text = "\n".join(line for _, line in lines)
        first_line = lines[0][0]
        said = sentences(text, keep_lines=True, semicolons=False) or [(0, text)]
        if is_placeholder(key_value(text)[0]):
            said = [(0, text)]  # "TBD: say whether ... Give the key of every write.": one prompt, owed whole
        for index, (offset, sentence) in enumerate(said):
            line = first_line + text.count("\n", 0, offset)
            span = Span(line, 1, line + sentence.rstrip().count("\n"), 1 + len(sentence.split("\n")[-1]))
            statement = Statement(sentence.strip(), span, path, "line" if index == 0 else "sentence", section,
                                  parent=parent)
            pair = key_value(sentence)
            if index == 0 and pair:
                statement.key, statement.value = pair
                self.out.append(statement)
            else:
                self.out.append(_keyed(statement))

    def sentences(self, run: list[tuple[int, str]], path, section, parent) -> None:
        if not run:
            return
        text = "\n".join(line for _, line in run)
        first = run[0][0]
        for offset, sentence in sentences(text, keep_lines=True):
            line = first + text.count("\n", 0, offset)
            last = line + sentence.rstrip().count("\n")
            self.out.append(_keyed(Statement(sentence.strip(), Span(line, 1, last, 1 + len(sentence)), path,
                                             "sentence", section, parent=parent)))

    def item(self, item: ListItem, path, section, parent, depth: int) -> None:
        first = item.text.split("\n", 1)[0]
        statement = Statement(item.text, Span(item.span.line, 1, item.span.line + item.text.count("\n"), 1 + len(first)),
                              path, "item", section, item=item, parent=parent, depth=depth)
        pair = key_value(item.text)
        lead = self._lead(item.span.line)
        if lead and not pair:
            at = item.text.find(lead[0])
            statement.key = lead[0]
            statement.value = item.text[at + len(lead[0]):].lstrip(" .:—–-") if at >= 0 else lead[1]
        elif pair:
            statement.key, statement.value = pair
        elif parent is not None and parent.shape == "item" and not parent.key and _LABEL.match(parent.text):
            statement.key, statement.value = parent.text, item.text  # "- Circuit breaker" / "  - Opens after 5"
        self.out.append(statement)
        for block in item.blocks:
            self.block(block, path, section, statement, depth + 1)

    def table(self, table: Table, path, section, parent) -> None:
        header = [cell.text for cell in table.header]
        decided = decision_column(table)
        if decided is not None:
            for row in table.rows:  # "| Decision | Rationale |": the decision is prose; its lead ("Error classes.
                said = row.cells[decided].text if decided < len(row.cells) else ""  # Transient: ...") heads it
                lead = _DECISION_LEAD.match(said)
                start = len(self.out)
                self.paragraph(said, row.span.line, path, section, parent)
                for statement in self.out[start:]:
                    statement.table, statement.row, statement.span = table, row, row.span
                    statement.banner = lead.group(1) if lead else ""
                for index, cell in enumerate(row.cells):
                    if index != decided and _BECAUSE.match(header[index].strip(" *")) and cell.text.strip():
                        self.sentences([(row.span.line, cell.text)], path, section, parent)
            return
        for row in table.rows:
            cells = {header[i] if i < len(header) else f"#{i}": cell.text for i, cell in enumerate(row.cells)}
            texts = [cell.text for cell in row.cells]
            if len(header) == 2 and len(texts) == 2:
                text, key, value = f"{texts[0]}: {texts[1]}", texts[0].strip(" *`"), texts[1]
            else:
                text, key, value = " | ".join(texts), "", ""
            self.out.append(Statement(text, row.span, path, "row", section, cells=cells, table=table, row=row,
                                      parent=parent, key=key, value=value))

    def comments(self, runs, path, section, parent) -> None:
        """A program's or a document's comments, each run a paragraph titled by the ruler or word over it."""
        for banner, lines in runs:
            start = len(self.out)
            self.paragraph(hanging(lines), lines[0][0], path, section, parent)
            for said in self.out[start:]:
                said.banner = banner

    def code(self, code: Code, path, section, parent) -> None:
        # plain text keeps its struck-through words as written ("~~freshness > 45 min → warn~~"): deleted, not said
        text = _STRUCK.sub("", code.text) if not code.info and "~~" in code.text else code.text
        statement = Statement(text, code.span, path, "code", section, code=code, parent=parent)
        self.out.append(statement)
        lines = [line for line in code.text.split("\n") if line.strip()] if not code.info else []
        if lines and _CAPITAL_LABEL.match(lines[0]) and len([line for line in lines if _CAPITAL_LABEL.match(line)]) >= 2:
            # a plain-text document's indented part ("METHOD AND URL: POST https://...", "HEADERS: ..."): labelled
            # lines of prose, whatever the indent made of them; its bodies stay the block's
            self.paragraph("\n".join(line.strip() for line in code.text.split("\n")), code.first_line, path, section,
                           statement)
            return
        if code.info in STEP_LANGUAGES and not CALL_STEP.search(code.text):
            # a Gherkin feature of rules is prose in steps; one whose steps make calls ("When A sends POST /v1/orders
            # with {...}") is a test, read for its examples
            for run in scenario_runs(code):
                self.sentences(run, path, section, statement)
            return
        if code.info == "mermaid":  # a diagram whose arrows say things: "C -- "transient: 429, 503" --> R[Retry ...]"
            for line, said in diagram_statements(code):
                self.sentences([(line, said)], path, section, statement)
            return
        if is_plantuml(code):
            for run in plantuml_statements(code):  # its notes say things; its activities draw steps
                self.sentences(run, path, section, statement)
            return
        if code.info in ("xml", "html", "xhtml") and "<!--" in code.text:  # a Spring context's header comment
            self.comments(comment_runs(code.text, code.first_line, markup_prose), path, section, statement)
            return
        program = code.info in PROGRAM_LANGUAGES
        if program or code.info not in _CONFIG_LANGUAGES | SHOWN_LANGUAGES:
            # a module whose comments say the design ("# Rotation: every 90 days"), in any language: a Bicep
            # template's `//` lines, a SQL script's `--` lines; only the languages known here give settings
            self.comments(comment_runs(code.text, code.first_line), path, section, statement)
            for offset, key, value in program_settings(code.text) if program else ():  # `MAX_ATTEMPTS = 6`
                line = code.first_line + offset
                self.out.append(Statement(f"{words_of_key(key)}: {value}", Span(line, 1, line, 1), path, "code-key",
                                          section, code=code, parent=statement, key=key, value=value))
            return
        if code.info not in _CONFIG_LANGUAGES:
            return
        if code.info in ("yaml", "yml", "json", "jsonc") or (not code.info and code.text.lstrip()[:1] in "{["):
            keys = yaml_keys(code)
        elif code.info in _BRACE_LANGUAGES:
            keys = brace_keys(code)
        else:
            keys = property_keys(code)
        extension = None  # the extensions of an API description, a block of their own beside it
        prose = block_prose(code, keys) if code.info in ("yaml", "yml", "json", "jsonc") else []
        for line, key, value in keys:
            if any(first == line + (not flat) for first, _text, flat in prose):
                value = ""  # `description: |`: its text is read below as prose, each fact on its own line
            owner = code
            if EXTENSION in key:
                key = key.replace(EXTENSION, "")
                extension = extension or Code(code.info, code.text, code.span, code.first_line)
                owner = extension
            text = f"{key.replace('_', ' ')}: {value}"
            self.out.append(Statement(text, Span(line, 1, line, 1), path, "code-key", section, code=owner,
                                      parent=statement, key=key, value=value))
        for line, text, flat in prose:
            if flat and looks_like_program(text):  # a flow export's function node: `"func": "const s = ...;\n..."`
                start = len(self.out)
                self.code(Code("script", text, Span(line, 1, line, 1), line), path, section, statement)
                for said in self.out[start:]:
                    said.span = Span(line, 1, line, 1)
            else:
                self.prose(text, line, path, section, statement, flat)
        held: tuple[int, int, Statement] | None = None  # (line, indent) of the last comment, and its statement
        for offset, raw in enumerate(code.text.split("\n")):
            comment = _COMMENT_LINE.match(raw) if not (code.info == "cue" and raw.lstrip()[:1] == "#") else None
            whole = comment is not None
            if comment is None and code.info not in ("json", "jsonc", "cue"):
                comment = TRAILING_COMMENT.search(raw)
            if comment and comment.group(1).strip():
                line = code.first_line + offset
                indent = len(comment.group(1)) - len(comment.group(1).lstrip())
                if whole and held and held[0] == line - 1 and indent > held[1] and \
                        not held[2].text.rstrip().endswith(":") and not _keyed_line(comment.group(1)):
                    # "#   permanent = 400, 404" over "#       -> sent to the DLQ": the value wrapped, one statement
                    held[2].text += " " + comment.group(1).strip()
                    held[2].span = held[2].span._replace(end_line=line)
                    held = (line, held[1], held[2])
                    continue
                said = Statement(comment.group(1).strip(), Span(line, 1, line, 1), path, "code-comment",
                                 section, code=code, parent=statement)
                self.out.append(said)
                held = (line, indent, said) if whole else None
            else:
                held = None


def _introduces(text: str) -> bool:
    """A paragraph that introduces the list below it: its last line ends in a colon, or is a short label with no
    full stop ("Monitoring on our side (Grafana, paging league-tech on-call)")."""
    last = text.rstrip().rsplit("\n", 1)[-1].strip(" *_")
    return last.endswith(":") or (len(last.split()) <= 10 and not last.endswith((".", "!", "?", ";")))


def _keyed_line(text: str) -> bool:
    """A comment line that opens a "label: value" or "label = value" of its own ("transient  = 429, 503")."""
    pair = key_value(text.strip())
    return pair is not None and len(pair[0].split()) <= 3 and not _is_sentence_start(pair[0])


# a decision log or requirement list as a table: the first column says, the second explains
_DECIDED = re.compile(r"^(?:decisions?|requirements?|rules?|statements?|what(?:\s+we\s+(?:do|decided))?|"
                      r"(?:the\s+)?decision|agreed|specification)$", re.I)
_BECAUSE = re.compile(r"^(?:rationale|reasons?|reasoning|why|justification|because|motivation|notes?|comments?)$", re.I)


_CAPITAL_LABEL = re.compile(r"^\s*[A-Z][A-Z0-9 /()&,-]{2,40}:(?:\s|$)")  # "METHOD AND URL: POST ...", "HEADERS:"
_DECISION_LEAD = re.compile(r"^\s*([^.:;]{2,60}?)[.:]\s+\S")  # "Retry policy. Submission: exponential ..."
_BESIDE = re.compile(r"^(?:#|no\.?|ids?|refs?|owners?|who|by|status|date|agreed\s+by|decided\s+by)?$", re.I)


def decision_table(table: Table) -> bool:
    """ "| Decision | Rationale |", "| # | Decision | Owner |": rows that each say one thing, as lines of prose would."""
    return decision_column(table) is not None


def decision_column(table: Table) -> int | None:
    """The column of a decision log that says the decisions; the others only number, explain or own them."""
    header = [cell.text.strip(" *") for cell in table.header]
    decided = [i for i, name in enumerate(header) if _DECIDED.match(name)]
    if len(decided) != 1 or not 2 <= len(header) <= 4:
        return None
    others = [name for i, name in enumerate(header) if i != decided[0]]
    if not all(_BECAUSE.match(name) or _BESIDE.match(name) for name in others):
        return None
    return decided[0] if len(header) > 2 or decided[0] == 0 and _BECAUSE.match(header[1]) else None


def _continues_value(previous: str, line: str) -> bool:
    """A line that goes on with the value of the line before it, rather than starting a new sentence."""
    return not previous.rstrip().endswith((".", "!", "?", ":")) or line.lstrip()[:1] in "`'\"(" or \
        line.lstrip()[:1].islower() or line.lstrip()[:1].isdigit()


def _keyed(statement: Statement) -> Statement:
    """A sentence that opens with a short label ("Response: `{...}`.") keeps the label as its key."""
    pair = key_value(statement.text)
    if pair and len(pair[0].split()) <= 3 and not _is_sentence_start(pair[0]):
        statement.key, statement.value = pair
    return statement


_WRAPPED_DASH = re.compile(r"^\s*[a-z][\w-]*\s+[—–]\s")


def _is_sentence_start(key: str) -> bool:
    """ "If the partner is down" before a colon is the start of a sentence, not a key."""
    return key.split(" ", 1)[0].lower() in ("if", "when", "whenever", "because", "since", "note", "for", "once")


def words_of_key(key: str) -> str:
    """A code key in words: `srcType` -> "src type", `max-attempts` -> "max attempts"."""
    return re.sub(r"[_\-.]+", " ", re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", key)).lower().strip()
