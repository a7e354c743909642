"""Footnotes: a note is said where it is cited ("... with `private_key_jwt`[^5]" and at the page's foot "[^5]: The signing
key pair is rotated every 180 days."), and a short note cited in a table's cell is that cell's value."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Callable

from ..document.model import Cell

if TYPE_CHECKING:
    from .statements import Statement


_FOOTNOTE = re.compile(r"^\[\^([^\]\s]{1,20})\]:\s*")  # "[^5]: The signing key pair is rotated every 180 days."
_CITED = re.compile(r"\[\^([^\]\s]{1,20})\](?!:)")


def with_footnotes(statements: list[Statement], relabel: Callable[[Statement], None]) -> list[Statement]:
    """A footnote is said where it is first cited: "... with `private_key_jwt`[^5]" and at the page's foot "[^5]: The
    signing key pair is rotated every 180 days." The note's statements stand after the citing one, in its section
    (whatever section the foot of the page falls in, a list of alternatives weighed for one), once; a note nobody cites
    stays where it is."""
    notes: dict[str, list[Statement]] = {}
    member: set[int] = set()
    current: list[Statement] | None = None
    for statement in statements:
        found = _FOOTNOTE.match(statement.text) if statement.shape in ("line", "sentence", "item") else None
        if found:
            statement.value = statement.text[found.end():]
            relabel(statement)
            current = notes.setdefault(found.group(1), [])
            current.append(statement)
            member.add(id(statement))
        elif current and statement.shape == "sentence" and statement.section is current[-1].section and \
                statement.span.line <= current[-1].span.end_line + 1:
            current.append(statement)  # the note's next sentence, on its line or the line it wraps onto
            member.add(id(statement))
        else:
            current = None
    if not notes:
        return statements
    cited = {label for s in statements if id(s) not in member and s.shape != "code" and "[^" in s.text
             for label in _CITED.findall(s.text) if label in notes}
    moved = {id(note) for label in cited for note in notes[label]}
    out: list[Statement] = []
    placed: set[str] = set()
    for statement in statements:
        if id(statement) in member:
            if id(statement) not in moved:
                out.append(statement)  # a note nobody cites, where it stands
            continue
        out.append(statement)
        if statement.shape == "code" or "[^" not in statement.text:
            continue
        if statement.shape == "row" and statement.row is not None:
            _noted_cells(statement, notes)  # "| Door list pull | ... | On recital days[^5] |": the note is the cell's
        for label in dict.fromkeys(_CITED.findall(statement.text)):
            if label in notes and label not in placed:
                placed.add(label)
                out += [replace(note, path=statement.path, section=statement.section, parent=statement.parent,
                                depth=statement.depth) for note in notes[label]]
    return out


_SHORT_NOTE = 300  # characters of a note a cell takes in; a longer one is said once, after the first row citing it


def _noted_cells(statement: Statement, notes: dict[str, list[Statement]]) -> None:
    """A row whose cells cite short notes, with each note's words in the cell that cites it, every time it is cited:
    "On recital days (Every 60 minutes from 08:00 to 19:00 ...)", as the row's readers and the table's see it."""
    def noted(match: re.Match) -> str:
        said = " ".join(note.text for note in notes.get(match.group(1), ()))
        return f" ({said})" if said and len(said) <= _SHORT_NOTE else match.group(0)

    statement.row.cells = [Cell(_CITED.sub(noted, cell.text), cell.span) if "[^" in cell.text else cell
                           for cell in statement.row.cells]
    if statement.cells:
        statement.cells = {header: _CITED.sub(noted, text) for header, text in statement.cells.items()}
    statement.text, statement.value = _CITED.sub(noted, statement.text), _CITED.sub(noted, statement.value)
