"""Markdown Document -> Spec, in the five steps of DESIGN.md's "Reading".

1. statements: every block shape flattened, after the layout readers have turned bold-line
   headings and register tables into sections (statements.py, layouts.py);
2. topics: the parts each statement is about, by heading, table, section and its own words
   (topics.py);
3. facts: one reader per part turns the statements about it into model values, wherever they stand
   (overview, flows, contracts, auth, errors, retry, dead_letter, monitoring, mappings, idempotency);
4. scope: spec-wide facts answer for every contract or system (scope.py);
5. absence: a part counts as present where any statement stands about it, and a value that a
   statement gives evidence of but that no reader can read is loose, never missing.
"""

from __future__ import annotations

import re

from ..document.model import MarkdownDocument
from ..model import Spec
from . import (auth, contracts, dead_letter, errors, flows, idempotency, mappings, monitoring, named_values, overview,
               retry, scope)
from .absence import Testimony
from .diagrams import shows_messages
from .named_types import named_enums
from .context import Reading
from .lazy_re import lazy
from .layouts import (glyph_lists, nest_numbered_sections, promote_bold_headings, promote_numbered_headings,
                      promote_summaries, unfold_git_logs, unfold_outlines)
from .table_headers import ditto_cells, level_columns, merged_headers, system_columns
from .table_layouts import (listify_pairs, paragraphs_of_notes, tabulate_records, target_columns, transpose_tables,
                            unfold_registers)
from .text_tables import csv_tables, grid_tables
from .scan import scan
from .statements import flatten, words_of_key
from .topics import METHOD_URL, Topics, assign
from .vocabulary import Vocabulary

_EVIDENCE = 2  # statements that talk about a part in their own words, for it to count as talked about
# words of one part that another part's statement explains: an alert in the dead-letter path is that
# path's alert, not monitoring
# a heading's own words are evidence enough of its part, wherever it stands: "#### Error message schema" under
# "Data Flow" tells of a message below, "### CloudWatch metrics" under "Reporting failures" of monitoring
_HEADING_EVIDENCE = {"contracts", "auth", "errors", "retry", "dead_letter", "monitoring", "mappings", "idempotency"}
_EXPLAINED_BY = {"monitoring": {"dead_letter", "errors"}}
_KEY_NAMED = lazy(r"\b(?:is|as|are)\s+(?:the|our|its|their)\s+(?:idempotency|de-?dup(?:lication)?)\s+keys?\b"
                  r"|\b(?:idempotency|de-?dup(?:lication)?)\s+keys?\s+(?:is|=|:)\s*`?\w", re.I)
# a setting named for retries: an identifier (snake, dotted, camel) that holds retry or backoff
_RETRY_SETTING = lazy(r"(?<![\w.-])(?=[\w.-]*(?:_|\.|[a-z][A-Z]))[\w.-]*(?i:retr(?:y|ies)|backoff)[\w.-]*(?![\w.-])")
_CALL_KEY = lazy(r"^(?:method|url|path|endpoint|topic|queue|channel)$", re.I)  # what places a call or a message
_RETRY_BUDGET = lazy(r"\b(?:including|incl\.?|across|over\s+all|with)\s+(?:its\s+|the\s+)?retr(?:y|ies)\b", re.I)
# contracts first: the code blocks they take as examples are no one else's facts
_READERS = (contracts, overview, flows, auth, errors, retry, dead_letter, monitoring, mappings, idempotency)


def _evidence(statements, vocab: Vocabulary) -> dict:
    """part -> where the document gives evidence of it outside its own section. Some evidence is enough
    alone: a heading naming a message schema, an endpoint named anywhere ("GET https://.../jobs/{jobId}" in a
    runbook step), an auth key in a config block (`destination.auth.type`). Words alone count from
    _EVIDENCE statements on."""
    strong: dict[str, object] = {}
    said: dict[str, list] = {}
    for statement in statements:
        if statement.shape == "heading":  # "#### Error message schema" under "Data Flow": a message told below
            for part in (statement.topics - statement.placed) & _HEADING_EVIDENCE:
                strong.setdefault(part, statement.span)
            continue
        if statement.shape == "code-key":
            segments = statement.key.split(".")
            if any("auth" in vocab.section_parts(words_of_key(key)) for key in segments):
                strong.setdefault("auth", statement.span)
            if statement.value.strip() and any("mappings" in vocab.section_parts(words_of_key(key)) for key in segments[:-1]):
                strong.setdefault("mappings", statement.span)  # `[mapping]` over `"epc" = "chip_id : copied unchanged"`
            if _CALL_KEY.match(segments[-1]) and statement.value.strip() and \
                    any("contracts" in vocab.section_parts(words_of_key(key)) for key in segments[:-1]):
                strong.setdefault("contracts", statement.span)  # `contract "post_readings" { method = "POST" ...`
            continue
        if METHOD_URL.search(statement.text) or contracts.told(statement.text):  # "a signal `x` ... with parameters"
            strong.setdefault("contracts", statement.span)
        if _KEY_NAMED.search(statement.text):  # "task_id is the idempotency key": said once is said
            strong.setdefault("idempotency", statement.span)
        folded = statement.text.lower()  # a cheap test before the pattern: most statements name no retry
        if ("retr" in folded or "backoff" in folded) and (_RETRY_SETTING.search(statement.text)
                                                         or _RETRY_BUDGET.search(statement.text)):
            strong.setdefault("retry", statement.span)  # "`MHS_RESYNC_RETRIES` ... defaults to 20", `retry.backoff.ms`,
            # "the total timeout for a call (including retries)"
        if statement.shape == "code":
            if mappings.mapped_in_code(statement.text):  # `{"content": "Hello {{object.username}}"}`
                strong.setdefault("mappings", statement.span)
            if contracts.wire_message(statement.text):  # "MSH|^~\&|VETLOG|...", "ISA*00*...": a message shown
                strong.setdefault("contracts", statement.span)
            if shows_messages(statement.text):  # "HMPO ->> GDX: Notification of death" in a sequence diagram
                strong.setdefault("flows", statement.span)
            continue
        if statement.shape == "row" and statement.table is not None and statement.table.rows[0] is statement.row and \
                contracts.layout_table([c.text for c in statement.table.header]):
            strong.setdefault("contracts", statement.span)  # "| Pos | Len | Type | Field |": a record's layout
        if flows.told(statement.text):  # "When an event is generated, its payload is sent via POST to the URL"
            strong.setdefault("flows", statement.span)
        for part in statement.topics - statement.placed:
            if not statement.topics & _EXPLAINED_BY.get(part, set()):
                said.setdefault(part, []).append(statement)
    # touched on in one statement of its own (not a row of another part's table, "| Error rate | > 1% |"): not enough to
    # stay silent, enough not to say the document has none of it
    once = {f"{part}:once": where[0].span for part, where in said.items()
            if len(where) < _EVIDENCE and not (where[0].placed and where[0].shape == "row")}
    return {**once, **{part: where[0].span for part, where in said.items() if len(where) >= _EVIDENCE}, **strong}


def extract_markdown(doc: MarkdownDocument, vocab: Vocabulary) -> Spec:
    nest_numbered_sections(doc.root)
    unfold_git_logs(doc.root)
    grid_tables(doc.root)
    csv_tables(doc.root, vocab)
    merged_headers(doc.root)
    system_columns(doc.root)
    ditto_cells(doc.root, doc.lines)
    level_columns(doc.root)
    target_columns(doc.root)
    named_values.resolve(doc, vocab)  # "at most `RETRY_MAX_TRIES` attempts" -> "at most 6 (`RETRY_MAX_TRIES`) attempts"
    promote_numbered_headings(doc.root, doc.lines)
    promote_summaries(doc.root, doc.lines)
    promote_bold_headings(doc.root, doc.lines, vocab)
    glyph_lists(doc.root, doc.lines)
    unfold_outlines(doc.root, doc.lines)
    unfold_registers(doc.root, vocab, doc.lines)
    transpose_tables(doc.root, vocab)
    tabulate_records(doc.root, vocab)
    listify_pairs(doc.root, vocab)
    paragraphs_of_notes(doc.root)
    statements = flatten(doc)
    topics = Topics(doc, vocab)
    assign(statements, topics, {"dead_letter": dead_letter.cue, "mappings": mappings.cue, "errors": errors.cue},
           lambda text: idempotency.mentions(text) or idempotency.dedups(text))
    spec = Spec("markdown", doc.title_span)
    reading = Reading(doc, vocab, topics, statements, spec)
    for statement in statements:  # where each part is talked about: there it is not missing
        for part in statement.placed:
            spec.sections.setdefault(part, statement.section.span)
    spec.evidence.update(_evidence(statements, vocab))
    spec.testimony = Testimony(statements)
    spec.enums = named_enums(s.text for s in statements if s.shape == "code")
    for reader in _READERS:
        reader.read(reading)
    overview.systems(reading)
    spec.auth_defaults.update({name.split(".", 1)[1]: fact for name, fact in reading.shared.items()
                               if name.startswith("auth.")})
    scope.apply(spec)
    code_lines = {line for s in statements if s.shape == "code" for line in range(s.span.line, s.span.end_line + 1)}
    scan(spec, "\n".join(doc.lines), vocab, code_lines)
    return spec
