"""What diagrams in a Markdown document say in words: the arrows of a Mermaid flowchart and the notes of a
PlantUML diagram, as (line, text) runs the flattener reads like sentences."""

from __future__ import annotations

import re

from ..document.model import Code
from .lazy_re import lazy

# a Mermaid node with its label: `R[Retry: backoff 2 s]`, `C{Classify}`, `DB[(Orders)]`, `M1["p95 > 2 s"]`
_NODE = lazy(r"\b([A-Za-z_][\w-]*)\s*(?:\[\[|\[\(|\(\[|\(\(|\{\{|\[|\(|\{|>)\s*\"?([^\"\]\)\}\n]*?)\"?\s*"
             r"(?:\]\]|\)\]|\]\)|\)\)|\}\}|\]|\)|\})")
_EDGE = lazy(r"^\s*([\w-]+)\s*(?:(?:--|==|-\.)\s*\"?([^\"|]+?)\"?\s*(?:-->|==>|\.->|--[xo])"
             r"|(?:-->|==>|-\.->|---)\s*(?:\|\s*\"?([^|\"]*?)\"?\s*\|)?)\s*([\w-]+)\s*;?\s*$")


def diagram_statements(code: Code) -> list[tuple[int, str]]:
    """(line, text) of what a Mermaid diagram says in words: each arrow of a flowchart as "label → target"
    ("still failing after attempt 8 → Dead letter"; an unlabelled one "source → target"). Nodes go by their
    labels; a sequence diagram's messages and notes stay its own (a note beside a call may speak of another)."""
    labels = {m.group(1): m.group(2).replace("<br/>", " ").strip() for m in _NODE.finditer(code.text) if m.group(2).strip()}
    out = []
    for offset, raw in enumerate(code.text.split("\n")):
        edge = _EDGE.match(_NODE.sub(lambda m: m.group(1), raw))
        if not edge:
            continue
        source, said, target = edge.group(1), (edge.group(2) or edge.group(3) or "").strip(), edge.group(4)
        text = f"{said or labels.get(source, source)} → {labels.get(target, target)}"
        out.append((code.first_line + offset, text.replace("<br/>", " ")))
    return out


_PLANTUML = {"plantuml", "puml", "uml"}
# a message of a sequence diagram between two participants: "HMPO ->>+ GDX: Notification of death", "A -> B : push"
_SEQUENCE = lazy(r"^\s*(?:sequenceDiagram|@startuml)\b", re.M)
_MESSAGE = lazy(r"^[ \t]*[\w\"-]+(?: [\w\"-]+)*[ \t]*(?:-{1,2}>{1,2}|-[x)]|--[x)])[+-]?[ \t]*[\w\"-]+(?: [\w\"-]+)*[ \t]*:[ \t]*\S",
                re.M)


def shows_messages(text: str) -> bool:
    """A sequence diagram whose participants send each other messages: evidence of flows, though the reader takes
    no flow's fields from it (a note or a message may speak of another call)."""
    return bool(_SEQUENCE.search(text)) and bool(_MESSAGE.search(text))


def is_plantuml(code: Code) -> bool:
    return code.info in _PLANTUML or code.text.lstrip().startswith("@startuml")


_PUML_NOTE_OPEN = lazy(r"^\s*(?:floating\s+)?note\b[^:]*$", re.I)
_PUML_NOTE_LINE = lazy(r"^\s*(?:floating\s+)?note\b[^:]*:\s*(.+)$", re.I)
_PUML_NOTE_END = lazy(r"^\s*end\s*note\b", re.I)


def plantuml_statements(code: Code) -> list[list[tuple[int, str]]]:
    """Runs of (line, text) a PlantUML diagram says in words: each note, a paragraph of its lines, markup
    (`**Transient**`) left out. Its activities and arrows draw steps and calls (`:POST /v2/enquiries;`), no
    statements of the design."""
    def clean(text: str) -> str:
        return re.sub(r"\*\*|__|<[^>]+>", "", text.replace("\\n", "; ")).strip()

    runs: list[list[tuple[int, str]]] = []
    note: list[tuple[int, str]] | None = None
    for offset, raw in enumerate(code.text.split("\n")):
        line = code.first_line + offset
        if note is not None:
            if _PUML_NOTE_END.match(raw):
                runs.append(note)
                note = None
            elif raw.strip():
                note.append((line, clean(raw)))
            continue
        if _PUML_NOTE_OPEN.match(raw):
            note = []
            continue
        found = _PUML_NOTE_LINE.match(raw)
        if found:
            runs.append([(line, clean(found.group(1)))])
    return [run for run in runs if any(text for _, text in run)]
