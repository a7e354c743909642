"""Layouts that stand for sections without being headed as such, rewritten into ordinary sections
so that the extractor reads them like any other spec:

- a line of bold text alone ("**Dead-letter handling**"), as Confluence exports and slide-like
  specs head their parts: it heads the blocks after it, up to the next one;
- numbered lines ("4.3. Block card (F3)") and <details><summary> folds, as headings;
- an outline list whose items are labels, as the sections it stands for.

Layouts held in tables and lists are in `table_layouts`.
"""

from __future__ import annotations

import re

from ..document.model import ListBlock, ListItem, Paragraph, Section
from ..span import Span
from .topics import asks
from .vocabulary import strip_numbering

_ASIDE = re.compile(r"(?:(?<=\*\*)|(?<=__)|(?<=\w))\s*\([^()]{1,80}\)[.:]?\s*$")  # a remark in brackets after a bold title
_TRAILING_COMMENT = re.compile(r"\s*<!--.*?-->\s*$")


_NUMBERED = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)\.?\s+([A-Z][^.:;!?|`]{1,70}?)\s*$")  # "4.3.  Block card (F3)"
_MIN_NUMBERED = 3


def promote_numbered_headings(root: Section, lines: list[str]) -> None:
    """Plain-text headings (RFC style): a line alone that opens with a section number ("4.3.  Block
    card (F3)", "7.  Retransmission") heads what follows it, nested by its number's depth, when a
    section holds three such lines or more (in place)."""
    for section in list(root.walk()):
        found = [(index, heading) for index, block in enumerate(section.blocks)
                 for heading in [_numbered(block, lines)] if heading]
        if len(found) < _MIN_NUMBERED:
            continue
        heads = dict(found)
        kept: list = []
        stack: list[tuple[int, Section]] = []  # (depth, section) of the headings open
        made: list[Section] = []
        for index, block in enumerate(section.blocks):
            if index in heads:
                depth, title, span = heads[index]
                while stack and stack[-1][0] >= depth:
                    stack.pop()
                child = Section(title, section.level + depth, span)
                child.end_line = span.end_line
                (stack[-1][1].children if stack else made).append(child)
                stack.append((depth, child))
                continue
            if stack:
                stack[-1][1].blocks.append(block)
                for _, open_section in stack:
                    open_section.end_line = max(open_section.end_line, block.span.end_line)
            else:
                kept.append(block)
        section.blocks = kept
        section.children[:0] = made


def _numbered(block, lines: list[str]) -> tuple[int, str, Span] | None:
    """(depth, title, span) of a block that is a numbered heading line, else None."""
    if isinstance(block, Paragraph) and "\n" not in block.text.strip():
        line = block.span.line
    elif isinstance(block, ListBlock) and block.ordered and len(block.items) == 1 and not block.items[0].blocks:
        line = block.items[0].span.line
    else:
        return None
    raw = lines[line - 1] if 0 < line <= len(lines) else ""
    match = _NUMBERED.match(raw)
    if not match:
        return None
    return match.group(1).count(".") + 1, match.group(2).strip(), Span(line, 1, line, len(raw) + 1)


_SUMMARY = re.compile(r"^\s*(?:<details[^>]*>\s*)?<summary[^>]*>(.*?)</summary>\s*$", re.I)
_TAG = re.compile(r"<[^>]+>")


def promote_summaries(root: Section, lines: list[str]) -> None:
    """Make each toggle's summary (`<details><summary>C3 · Result webhook</summary>`, as Notion and wiki
    exports write collapsed parts) the heading of the blocks inside the toggle (in place)."""
    for section in list(root.walk()):
        kept: list = []
        promoted: list[Section] = []
        last = section.span.line
        for block in section.blocks:
            title = None
            for number in range(last + 1, block.span.line):  # the lines between the blocks: HTML the parser skipped
                match = _SUMMARY.match(lines[number - 1]) if number <= len(lines) else None
                if match:
                    title, line = _TAG.sub("", match.group(1)).strip(), number
            if title:
                heading = Section(title, section.level + 1, Span(line, 1, line, len(lines[line - 1]) + 1))
                promoted.append(heading)
            (promoted[-1].blocks if promoted else kept).append(block)
            if promoted:
                promoted[-1].end_line = block.span.end_line
            last = block.span.end_line
        if promoted:
            section.blocks = kept
            section.children[:0] = promoted


def promote_bold_headings(root: Section, lines: list[str], vocab) -> None:
    """Make each line of bold text alone the heading of a sub-section holding the blocks after it
    (in place). A paragraph that goes on below its bold first line keeps the rest in the section. The
    first block under the title is its subtitle ("**Spec ABC-12, version 3**"), unless it names a part."""
    titled = sum(1 for child in root.children if child.level == 1) == 1  # one "# ..." is the title; many are parts
    for section in list(root.walk()):
        kept: list = []
        promoted: list[Section] = []
        for block in section.blocks:
            title = _bold_heading(block, lines)
            run_in = _run_in_part(block, lines, promoted[-1].title, vocab) if title is None and promoted else None
            title = title or run_in
            if title is not None and titled and section.level == 1 and not kept and not promoted and \
                    not vocab.section_parts(title):
                title = None
            if title is not None and promoted and _field_label(title, vocab):
                title = None  # "**Request body**" under "**3.1 Create order**": the unit's own label, not a sibling
            if title is None:
                (promoted[-1].blocks if promoted else kept).append(block)
                continue
            span = block.span
            heading = Section(title, section.level + 1, Span(span.line, 1, span.line, len(lines[span.line - 1]) + 1))
            inline = _NUMBERED_LEAD.match(lines[span.line - 1]) or run_in
            if inline:  # "**12. Dead letters.** Nothing is dropped. ...": the words after the lead stay
                at = block.text.find(title)
                rest, first = block.text[at + len(title):].lstrip(" .:—–-") if at >= 0 else block.text, span.line
            else:
                rest, first = (block.text.split("\n", 1)[1] if "\n" in block.text else ""), span.line + 1
            if rest.strip():
                heading.blocks.append(Paragraph(rest, Span(first, 1, span.end_line, span.end_column)))
            promoted.append(heading)
        if promoted:
            for heading in promoted:
                last = heading.blocks[-1].span.end_line if heading.blocks else heading.span.line
                heading.end_line = last
            section.blocks = kept
            section.children[:0] = _nest_under_groups(_nest_by_number(promoted), vocab)


_OUTLINE_NUMBER = re.compile(r"^\W*?(?:§\s*)?((?:[A-Z]|\d{1,2})(?:\.\d{1,2})*)\.?\s")  # "D.", "D.1", "3.2.1"


def nest_numbered_sections(root: Section) -> None:
    """Headings numbered as an outline but marked at one level ("## 8. Duplicates", "## 8.1 Readings"): each nested
    under the one before it whose number it extends, with its own sub-headings (in place)."""
    for section in list(root.walk()):
        if len(section.children) > 1:
            section.children = _nest_by_number(section.children)


def _nest_by_number(headings: list[Section]) -> list[Section]:
    """Headings numbered as an outline ("**D. Contracts**", "**D.1 Report-ready notification**", "## 8.1"): each
    nested under the one before it whose number it extends, as the headings they stand for were; a repeated
    number ("1." after "1.") or an unnumbered heading starts again."""
    top: list[Section] = []
    stack: list[tuple[str, Section]] = []
    for heading in headings:
        found = _OUTLINE_NUMBER.match(heading.title)
        number = found.group(1) if found else None
        while stack and (number is None or not number.startswith(stack[-1][0] + ".")):
            stack.pop()
        if stack and number is not None:
            parent = stack[-1][1]
            _deepen(heading, parent.level + 1)
            parent.children.append(heading)
            parent.end_line = max(parent.end_line, heading.end_line)
        else:
            top.append(heading)
        if number is not None:
            stack.append((number, heading))
    return top


def _nest_under_groups(headings: list[Section], vocab) -> list[Section]:
    """A bold heading that names a part and heads nothing of its own ("**Authentication**" right above
    "**Helio BSS**"): a group, and the bold headings after it that name no part are its sub-sections, as
    the headings they stand for were ("## Authentication" over "### Helio BSS")."""
    top: list[Section] = []
    group: Section | None = None
    for heading in headings:
        opens = _group_title(heading.title) and vocab.section_parts(heading.title) and not heading.blocks \
            and not heading.children
        if group is not None and not opens and not _names_part(heading.title, vocab) and \
                not _numbered_alike(heading.title, group.title):
            _deepen(heading, group.level + 1)  # "Ledgerly SCIM API" under "Authentication": a system
            group.children.append(heading)
            group.end_line = max(group.end_line, heading.end_line)
            continue
        group = heading if opens else None
        top.append(heading)
    return top


_LEAD_ID = re.compile(r"^\W*([A-Z]{0,3}[-.]?\d+(?:\.\d+)*)\b")  # "Q7.10", "3.2", "F-4"


def _numbered_alike(title: str, other: str) -> bool:
    """Both open with an id of one shape ("Q7.10" and "Q7.11", "3" and "4"): siblings in one numbering."""
    a, b = _LEAD_ID.match(title), _LEAD_ID.match(other)
    return bool(a and b) and re.sub(r"\d+", "0", a.group(1)) == re.sub(r"\d+", "0", b.group(1))


def _group_title(title: str) -> bool:
    """A heading that names what the ones after it are, as a label does ("Authentication", "3. Security"), not a
    question or an instruction ("Q7.4 Describe authentication in both directions.") that an answer follows."""
    title = strip_numbering(title).strip()
    return len(title.split()) <= 5 and not title.endswith((".", "?", ":")) and not asks(title)


def _names_part(title: str, vocab) -> bool:
    """A heading that stands for a part of its own: its strong words name one, it is a part's name alone
    ("Security"), or it asks a question as prose specs head their parts ("Who authenticates how")."""
    title = strip_numbering(title)
    return bool(vocab.section_parts(title, nested=True)) or vocab.is_part_name(title) or asks(title)


def _deepen(section: Section, level: int) -> None:
    shift = level - section.level
    for each in section.walk():
        each.level += shift


_EXAMPLE_LABEL = re.compile(r"^(?:example|sample)s?\b|\b(?:request|response)\s+(?:body|headers?|example|fields)\b|"
                            r"^(?:request|response|headers?|body|payload|status\s+codes?)$", re.I)


def _field_label(title: str, vocab) -> bool:
    """A bold line that labels a part of the unit above it ("Request body", "Example response", "Status
    codes"), not a unit of its own."""
    return bool(_EXAMPLE_LABEL.search(title.strip(" :")) or vocab.field_exactly("contracts", title.strip(" :")))


# a numbered step or clause in bold, with its text after it on the line: "**12. Dead letters.** Nothing ..."
_NUMBERED_LEAD = re.compile(r"^(\*\*|__)(\d{1,2}[.)]\s[^*_\n]{2,80}?)\1\s*\S")


# a run-in heading: a bold lead ending in a stop, its paragraph after it ("**Retries.** Exponential backoff ...")
_RUN_IN = re.compile(r"^(?:\*\*|__)([A-Za-z][^*_\n]{1,40}?)(?:[.:](?:\*\*|__)|(?:\*\*|__)[.:])\s+\S")


def _run_in_part(block, lines: list[str], before: str, vocab) -> str | None:
    """The lead of a paragraph run in after bold headings ("**Data flows**" over a table, then "**Retries.**
    Exponential backoff ..."), when it names a part of its own that the heading before it does not: a sibling
    heading, not a line of that section. A lead that names no part ("**F1.** Shop → ERP") stays in it."""
    if not isinstance(block, Paragraph) or block.span.line > len(lines):
        return None
    lead = _RUN_IN.match(lines[block.span.line - 1])
    if lead is None:
        return None
    parts = set(vocab.section_parts(lead.group(1), nested=True))
    return lead.group(1).strip() if parts and not parts & set(vocab.section_parts(before)) else None


def _bold_heading(block, lines: list[str]) -> str | None:
    """The title of a paragraph whose first line is bold text alone ("**Retries**", "__DLQ:__"), or
    opens with a numbered bold lead ("**12. Dead letters.** Nothing is dropped")."""
    if not isinstance(block, Paragraph) or block.span.line > len(lines):
        return None
    numbered = _NUMBERED_LEAD.match(lines[block.span.line - 1])
    if numbered:
        return _ASIDE.sub("", numbered.group(2)).strip(" .:`") or None
    raw = _TRAILING_COMMENT.sub("", lines[block.span.line - 1]).strip()  # "**Retries** <!-- note -->"
    raw = raw[:-1].rstrip() if raw.endswith("\\") else raw  # "**F1 latency**\": a hard line break after it
    raw = _ASIDE.sub("", raw)  # "**NCSW to ClearPath** (how ClearPath trusts what comes back)."
    if len(raw) > (160 if _QUESTION_NUMBER.match(raw.lstrip("*_")) else 80) or not raw.startswith(("**", "__")) or \
            not raw.rstrip(":").endswith(("**", "__")):
        return None  # a numbered question may run long: "**Q4.9 Describe your monitoring and alerting, ...**"
    labelled = raw.endswith(":") or raw.rstrip("*_").endswith(":")
    if labelled and "\n" in block.text and block.text.split("\n", 1)[1].strip():
        return None  # "**Method and URL**:" with its value wrapped onto the next line: a label, not a heading
    title = _ASIDE.sub("", block.text.split("\n", 1)[0].strip()).rstrip(":").strip()
    return title or None


_QUESTION_NUMBER = re.compile(r"^(?:[A-Z]{1,3}-?)?\d{1,2}(?:\.\d{1,2})+\.?\s")  # "Q4.9 ", "RFP-3.2 ", "4.1.2 "
_LABEL = re.compile(r"^(?:\*\*|__)([^*_]{1,60})(?:\*\*|__):?\s*(.*)$", re.S)  # "**Monitoring** (Grafana)"
_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")
_PLAIN_LABEL = re.compile(r"^[\w][\w &/'’()–—-]{0,50}$")  # "Transient", "Who is alerted", "F1 – Fridge readings"


def unfold_outlines(root: Section, lines: list[str]) -> None:
    """Make the items of an outline sections (in place): a list whose items with nested blocks are
    all labels ("- **Error handling**", "- Transient", "- F1 – Fridge readings") stands for headings,
    each label heading what is nested under it, as a spec written as one deep bullet list is."""
    for section in list(root.walk()):
        _unfold(section, lines)


def _unfold(section: Section, lines: list[str]) -> None:
    kept: list = []
    unfolded: list[Section] = []
    for block in section.blocks:
        labels = _outline(block, lines)
        if labels is None:
            kept.append(block)
            continue
        rest = [item for item in block.items if id(item) not in labels]
        if rest:
            kept.append(ListBlock(rest, block.ordered, block.span))
        for item in block.items:
            if id(item) not in labels:
                continue
            title, tail = labels[id(item)]
            child = Section(title, section.level + 1, item.span)
            if tail:
                child.blocks.append(Paragraph(tail, Span(item.span.line, 1, item.span.line, 1)))
            child.blocks.extend(item.blocks)
            child.end_line = item.span.end_line
            _unfold(child, lines)
            unfolded.append(child)
    if unfolded:
        section.blocks = kept
        section.children[:0] = unfolded


def _outline(block, lines: list[str]) -> dict[int, tuple[str, str]] | None:
    """{id(item): (label, the rest of its line)} when `block` is an outline list, else None."""
    if not isinstance(block, ListBlock):
        return None
    labels: dict[int, tuple[str, str]] = {}
    parents = 0
    for item in block.items:
        if not any(isinstance(inner, ListBlock) for inner in item.blocks):
            continue
        parents += 1
        raw = lines[item.span.line - 1] if item.span.line <= len(lines) else ""
        label = _label(item.text, _MARKER.sub("", _TRAILING_COMMENT.sub("", raw)))
        if label is not None:
            labels[id(item)] = label
    # mostly labels ("- Overview", "- Error handling"), beside which a keyed item ("- Document: INT-12") with
    # children may stand; a list of facts with details below them is no outline
    if len(labels) < 2 and not (labels and parents == 1) or 4 * len(labels) < 3 * parents:
        return None
    return labels if 2 * len(labels) >= len(block.items) else None


def _label(text: str, raw: str) -> tuple[str, str] | None:
    """(label, rest of the line) of an item that heads what is nested under it, else None."""
    text = text.strip()
    if "\n" in text:
        return None
    bold = _LABEL.match(raw.strip())
    if bold:
        return bold.group(1).strip(), bold.group(2).strip()
    if _PLAIN_LABEL.match(text) and len(text.split()) <= 5:
        return text, ""
    return None


# -- a `git log` pasted as the spec: each commit message is a section of the design ------------------------
_GIT_COMMIT = re.compile(r"^commit [0-9a-f]{7,40}\b")
_GIT_HEADER = re.compile(r"^(?:commit [0-9a-f]{7,40}\b|Merge:|Author:|Date:|AuthorDate:|Commit:|CommitDate:)")
_LOG_INFOS = {"", "text", "txt", "git", "log", "console", "shell", "sh"}


def unfold_git_logs(root: Section) -> None:
    """A code block holding `git log` output, whose commit messages tell the design, as the Markdown the
    messages are written in: each commit a sub-section headed by its subject line, its body dedented (an
    aligned table in it stays an indented block, read as a table), on the lines where it stands (in place)."""
    from ..document.markdown import parse_markdown
    from ..document.model import Code

    for section in list(root.walk()):
        for block in [b for b in section.blocks if isinstance(b, Code) and b.info in _LOG_INFOS]:
            if not _GIT_COMMIT.match(block.text.lstrip()):
                continue
            text = "\n" * (block.first_line - 1) + _messages(block.text, "#" * min(section.level + 1, 6))
            unfolded = parse_markdown(text).root
            at = section.blocks.index(block)
            section.blocks[at:at + 1] = unfolded.blocks
            section.children[:0] = [child for top in unfolded.children for child in _sections_of(top)]


def _sections_of(section: Section) -> list[Section]:
    """The commits' sections: a parse of "## subject" lines gives them at the top or under a preamble."""
    return [section] if section.level else section.children


def _messages(log: str, marker: str) -> str:
    """`git log` text as Markdown, line for line: headers blank, each subject a heading, bodies dedented."""
    out, subject_next = [], False
    for line in log.split("\n"):
        if _GIT_HEADER.match(line.strip()):
            out.append("")
            subject_next = subject_next or bool(_GIT_COMMIT.match(line.strip()))
            continue
        body = line[4:] if line.startswith("    ") else line.lstrip()
        if subject_next and body.strip():
            out.append(f"{marker} {body.strip()}")
            subject_next = False
            continue
        extra = len(body) - len(body.lstrip())
        out.append("    " + body[2:] if extra >= 2 else body)  # "  metric   threshold   alert": a block
    return "\n".join(out)


_GLYPH = re.compile(r"^\s*[•◦▪▫‣●○■□·*+-]\s+")  # a glyph, or a Markdown bullet a paragraph swallowed


def glyph_lists(root: Section, source: list[str]) -> None:
    """Lines that open with a bullet glyph ("• order POST latency p95 > 2 s → warn"), as chat exports and pasted
    documents write lists: a list, after the lines before it (in place)."""
    for section in root.walk():
        section.blocks = [made for block in section.blocks for made in _glyph_list(block, source)]


def _glyph_list(block, source: list[str]) -> list:
    """The paragraph as its runs of prose lines and of bulleted lines; a line indented under a bullet's text goes on
    with it, any other line ends the list ("AC6. Nothing is lost:" after the bullets of AC4)."""
    if not isinstance(block, Paragraph):
        return [block]
    lines = block.text.split("\n")
    if sum(1 for line in lines if _GLYPH.match(line)) < 2:
        return [block]
    first = block.span.line
    out: list = []
    prose: list[int] = []
    items: list[list[int]] = []
    indent = 0  # where the current list's bullets stand

    def flush_items() -> None:
        if items:
            made = [ListItem("\n".join([_GLYPH.sub("", lines[run[0]]), *(lines[i].strip() for i in run[1:])]),
                             Span(first + run[0], 1, first + run[-1], 1)) for run in items]
            out.append(ListBlock(made, False, Span(first + items[0][0], 1, first + items[-1][-1], 1)))
            items.clear()

    for number, line in enumerate(lines):
        raw = source[first + number - 1] if first + number - 1 < len(source) else line
        own = len(raw) - len(raw.lstrip(" >\t"))  # the source's indent: a paragraph's text has lost it
        if _GLYPH.match(line):
            if prose:
                out.append(Paragraph("\n".join(lines[i] for i in prose), Span(first + prose[0], 1, first + prose[-1], 1)))
                prose = []
            if not items:
                indent = own
            items.append([number])
        elif items and own > indent:
            items[-1].append(number)  # the bullet's text wrapped onto this line
        else:
            flush_items()
            prose.append(number)
    flush_items()
    if prose:
        out.append(Paragraph("\n".join(lines[i] for i in prose), Span(first + prose[0], 1, first + prose[-1], 1)))
    return out
