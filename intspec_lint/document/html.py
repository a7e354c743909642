"""HTML written into a Markdown spec, rewritten as the Markdown it stands for, line for line.

Specs exported from wikis and editors carry HTML: a whole document of `<h2>`, `<p>` and `<table>`, or
one `<table>` in a Markdown page. CommonMark keeps such blocks as raw HTML, which says nothing to the
reader. Here each line of them becomes the Markdown line that says the same (a heading, a table row,
a list item, a definition list's term and definitions, a fence, inline code), so that the parser builds the same Document it would from
Markdown. Line numbers stay: a finding in a converted table points at the row's own line. The one
exception is a table whose header row shares a line with `<table>` or the row after it: its delimiter
row is added on the header's line, and what follows moves down by one line.
"""

from __future__ import annotations

import html
import re

_BLOCK = re.compile(r"^\s*</?(?:h[1-6]|p|table|thead|tbody|tfoot|tr|th|td|ul|ol|li|pre|div|section|br|dl|dt|dd)\b", re.I)
_HEADING = re.compile(r"^\s*<h([1-6])\b[^>]*>(.*?)</h\1>\s*$", re.I)
_ALONE = re.compile(r"^\s*</?(?:p|table|thead|tbody|tfoot|ul|ol|div|section|caption|dl)\b[^>]*>\s*$", re.I)
# a definition list: the term a bold line over its definitions, each a list item ("**F1**", "- Direction: A → B")
_TERM = re.compile(r"^\s*<dt\b[^>]*>(.*?)(?:</dt>)?\s*$", re.I)
_DEFINITION = re.compile(r"^(\s*)<dd\b[^>]*>(.*?)(?:</dd>)?\s*$", re.I)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.I | re.S)
_CELL = re.compile(r"<(t[hd])\b[^>]*>(.*?)</t[hd]>", re.I | re.S)
_ITEM = re.compile(r"^(\s*)<li\b[^>]*>(.*?)(?:</li>)?\s*$", re.I)
_PRE_OPEN = re.compile(r"^\s*<pre\b[^>]*>\s*(?:<code\b(?:[^>]*?\bclass=\"(?:language-)?([\w+-]+)\")?[^>]*>)?(.*)$", re.I)
_PRE_CLOSE = re.compile(r"^(.*?)(?:</code>)?\s*</pre>\s*$", re.I)
_CODE = re.compile(r"<code\b[^>]*>(.*?)</code>", re.I | re.S)
_STRONG = re.compile(r"<(?:b|strong)\b[^>]*>(.*?)</(?:b|strong)>", re.I | re.S)
_EM = re.compile(r"<(?:i|em)\b[^>]*>(.*?)</(?:i|em)>", re.I | re.S)
_BREAK = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"</?[a-zA-Z][\w-]*\b[^>]*>")


def has_html_blocks(text: str) -> bool:
    return "<" in text and any(_BLOCK.match(line) for line in text.split("\n"))


def markdownize(lines: list[str]) -> list[str]:
    """The lines with their HTML blocks as Markdown; Markdown lines and fenced code are left alone."""
    blocky = sum(1 for line in lines if _BLOCK.match(line))
    whole = blocky >= 3 and sum(1 for line in lines if line.lstrip().startswith("#")) < blocky  # an HTML document
    out: list[str] = []
    fence = ""
    in_table = in_pre = False
    header_pending = False
    buffered: list[str] = []
    term = ""  # a definition list's term with one definition: said on its definition's line ("- **Term**: ...")
    for index, line in enumerate(lines):
        stripped = line.strip()
        if in_pre:
            close = _PRE_CLOSE.match(line)
            if close:
                in_pre = False
                out.append(f"{_unescape(close.group(1))}\n```" if close.group(1).strip() else "```")
            else:
                out.append(_unescape(line))
            continue
        if stripped.startswith(("```", "~~~")):
            fence = "" if fence and stripped.startswith(fence) else (fence or stripped[:3])
        if fence or stripped.startswith(("```", "~~~")):
            out.append(line)
            continue
        if re.match(r"^\s*<table\b", line, re.I):
            in_table, header_pending = True, True
            spans: dict[int, list] = {}  # column -> [rows left, text] of a cell that spans rows below it
        if in_table:
            if buffered or (re.search(r"<tr\b", line, re.I) and not re.search(r"</tr>", line, re.I)):
                buffered.append(line)  # a row written over several lines: read whole on its last line
                if not re.search(r"</tr>", line, re.I):
                    out.append("")
                    continue
                line, buffered = " ".join(buffered), []
            out.extend(_table_line(line, out, header_pending, spans))
            if _ROW.search(line):
                header_pending = False
            if re.search(r"</table>", line, re.I):
                in_table = False
            continue
        if not (whole or _BLOCK.match(line)):
            out.append(line)
            continue
        heading = _HEADING.match(line)
        pre = _PRE_OPEN.match(line)
        item = _ITEM.match(line)
        if heading:
            out.append("#" * int(heading.group(1)) + " " + _inline(heading.group(2)))
        elif pre:
            in_pre = True
            rest = pre.group(2)
            close = _PRE_CLOSE.match(rest)
            if close:  # "<pre><code>...</code></pre>" on one line
                in_pre = False
                out.append(f"```{pre.group(1) or ''}\n{_unescape(close.group(1))}\n```")
            elif rest.strip() and out and out[-1] == "":  # the fence on the blank line above: lines stay
                out[-1] = f"```{pre.group(1) or ''}"
                out.append(_unescape(rest))
            else:
                out.append(f"```{pre.group(1) or ''}" + (f"\n{_unescape(rest)}" if rest.strip() else ""))
        elif _ALONE.match(line):
            out.append("")
        elif item:
            out.append(f"{item.group(1)}- {_inline(item.group(2))}")
        elif _TERM.match(line):
            said = _inline(_TERM.match(line).group(1)).strip(" *")
            if _definitions(lines, index + 1) == 1:
                term = said
                out.append("")
            else:
                out.append(f"**{said}**")
        elif _DEFINITION.match(line):
            definition = _inline(_DEFINITION.match(line).group(2))
            out.append(f"- **{term}**: {definition}" if term else f"- {definition}")
            term = ""
        else:
            out.append(_inline(line))
    return out


def _definitions(lines: list[str], start: int) -> int:
    """How many `<dd>` lines follow a `<dt>` (blank lines aside), up to the next term or the list's end."""
    count = 0
    for line in lines[start:]:
        if _DEFINITION.match(line):
            count += 1
        elif line.strip():
            break
    return count


def _table_line(line: str, out: list[str], header_pending: bool, spans: dict[int, list] | None = None) -> list[str]:
    rows = _ROW.findall(line)
    if not rows:
        return [""]  # "<table>", "</table>", a "<tbody>" line
    texts = []
    spans = {} if spans is None else spans
    for index, row in enumerate(rows):
        cells = _spread(_CELL_SPANS.findall(row), spans)
        texts.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        if index == 0 and header_pending:
            delimiter = "|" + "|".join("---" for _ in cells) + "|"
            if out and out[-1] == "" and len(rows) == 1:  # the "<table>" line above: the header goes there
                out[-1] = texts.pop()
                texts.append(delimiter)
            else:
                texts.append(delimiter)
    return ["\n".join(texts)]


_CELL_SPANS = re.compile(r"<t[hd]\b([^>]*)>(.*?)</t[hd]>", re.I | re.S)
_SPAN = re.compile(r"\b(row|col)span\s*=\s*[\"']?(\d+)", re.I)


def _spread(cells: list[tuple[str, str]], spans: dict[int, list]) -> list[str]:
    """A row's cells in the table's columns: a cell with `colspan` fills its columns, one with `rowspan`
    also stands in the rows below it (their columns shift right past it), as the eye reads the table."""
    out: list[str] = []
    queue = list(cells)
    column = 0
    while queue or any(c >= column for c in spans):
        if column in spans:
            left = spans[column]
            out.append(left[1])
            left[0] -= 1
            if left[0] <= 0:
                del spans[column]
            column += 1
            continue
        if not queue:
            break
        attributes, content = queue.pop(0)
        text = _inline(content)
        sizes = {kind.lower(): int(number) for kind, number in _SPAN.findall(attributes)}
        for offset in range(max(1, min(sizes.get("col", 1), 20))):
            out.append(text)
            if sizes.get("row", 1) > 1:
                spans[column] = [min(sizes["row"], 200) - 1, text]
            column += 1
    return out


def _inline(text: str) -> str:
    text = _CODE.sub(lambda m: "`" + _unescape(_TAG.sub("", m.group(1))).replace("`", "'") + "`", text)
    text = _STRONG.sub(r"**\1**", text)
    text = _EM.sub(r"*\1*", text)
    text = _BREAK.sub(" ", text)
    text = _TAG.sub("", text)
    return text.replace("&nbsp;", " ").strip() if text.strip() else ""


def _unescape(text: str) -> str:
    return html.unescape(text)
