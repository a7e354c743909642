"""Small helpers the built-in rules share."""

from __future__ import annotations

import re
from functools import lru_cache

from ..findings import Hit, Severity
from ..span import Span
from ..model import Value, given
from ..reading.absence import leading_id, names_of
from ..reading.mappings import no_field, not_kept
from ..reading.named_types import enum_named_in
from ..reading.values import enum_values

__all__ = ["names_of"]


_DASHES = {"—", "–", "-", "--"}  # not "n/a": "not applicable" is said on purpose


def missing(found: Value | None, where: Span, subject: str, what: str, fix: str = "",
            severity: Severity | None = None, said=None, dash_is_empty: bool = False) -> Hit | None:
    """A gap of `subject` (at `where`, its object) when `found` is absent, empty or a placeholder; None
    when it is really stated. An empty or placeholder value is pointed at where it stands. `said()`, asked
    only of a value no reader found, is true when the document speaks of it in a shape none took
    (Spec.speaks_of): then nothing is reported, as an empty cell or a "TBD" still is. With `dash_is_empty`, a
    cell holding only a dash is empty too."""
    if found is None:
        if said is not None and said():
            return None
        return gap(where, subject, f"no {what}", fix, severity)
    if not found.text.strip() or dash_is_empty and found.text.strip().strip("*_`").strip() in _DASHES:
        # "| — |" in a flow's frequency or a credential's rotation: nothing stated (a mapping's "—" transform is a copy)
        return gap(found.span, subject, f"no {what} (it is left empty)", fix, severity, anchor=where)
    if found.placeholder:
        return gap(found.span, subject, f"no {what} (only the placeholder '{short(found.text)}')", fix, severity,
                   anchor=where)
    return None


def said_of(spec, cue: str | None, names, at: Span, siblings: bool, elsewhere: bool = False, inflect: bool = False,
            excluding=frozenset):
    """`missing`'s `said` for one object's value: whether the document speaks of it (`cue`) where it names
    the object, or anywhere in the object's own section when no object of its kind has the value read
    (`siblings` false: this document says it in a shape the reader does not know); with `elsewhere`, not
    in the object's own statement; with `inflect`, naming it as its words inflect (a flow's, an event's name); not on
    the lines `excluding()` gives (other objects' own values), worked out only when asked."""
    if cue is None:
        return None
    # `names` may be a function: worked out only for a value no reader found (thousands of rows have theirs)
    return lambda: spec.speaks_of(cue, names() if callable(names) else names, at, nearby=not siblings,
                                  elsewhere=elsewhere, inflect=inflect, excluding=excluding())


def contract_namer(spec):
    """names(contract): what the document calls a contract: its name, its URL's path (with its method where
    another operation shares the path), its queue or topic, the id its table row opens with ("E1"). The
    paths are counted once per spec."""
    paths: dict[str, int] = {}
    for contract in spec.contracts:
        if contract.url is not None:
            for path in names_of(contract.url.text)[:1]:
                paths[path] = paths.get(path, 0) + 1

    known: dict[int, list[str]] = {}  # a contract asked about by several rules or facets is named once
    outer: dict[str, int] = {}  # the id of the heading above a contract's -> the contracts under it
    for contract in spec.contracts:
        for name in spec.outer_heading_ids_at(contract.span.line)[:1]:
            outer[name] = outer.get(name, 0) + 1

    def names(contract) -> list[str]:
        if id(contract) not in known:
            known[id(contract)] = _names(contract)
        return known[id(contract)]

    def _names(contract) -> list[str]:
        found = names_of(*(v.text for v in (contract.name, contract.url, contract.topic) if v is not None))
        found += [name for name in spec.ids_at(contract.span.line) if name not in found]
        if contract.name is None and not spec.ids_at(contract.span.line):  # "**F2: availability webhook**" over the
            # call's block: the label that leads it (a table row has its own id; the row above is another's)
            found += [name for back in (1, 2) for name in spec.ids_at(contract.span.line - back) if name not in found]
        # the section it stands in, by the id its heading opens with: "IF-02 is an upsert" of the calls under
        # "### IF-02 Upsert supporter and adoption"
        # (not the id of a heading over it when it has its own below that one: "A.2" over "A.2.3 Allocations")
        found += [name for name in spec.heading_ids_at(contract.span.line) if name not in found
                  and not any(own.startswith(f"{name}.") for own in found)]
        # ... or of a heading further up where it is the only contract under it: "Card 1" over "### Back" over the call
        found += [name for name in spec.outer_heading_ids_at(contract.span.line)[:1] if name not in found
                  and outer[name] == 1]
        # the resource its path ends in, in words: "stock receipts are unique on `reference`" of `/v2/stock/receipts`
        found += [words for words in _resource_words(contract.url.text if contract.url is not None else "")
                  if words not in found]
        # the id of the flow it is named as: "F3" of "| F3 Casting decisions | ..." for "**Casting decisions.** `POST ...`"
        if contract.name is not None:
            found += [flow_id for flow_id in _flow_ids_named(spec, contract.name.text) if flow_id not in found]
        # a clause its own text points at for the rest ("TeachStudio's answer (C-4): ...", "per RQ-34")
        found += [ref for pair in _REFERENCED.findall(contract.text) for ref in pair if ref and ref not in found]
        if contract.method is not None and contract.url is not None:
            path = names_of(contract.url.text)[:1]
            if path and paths.get(path[0], 0) > 1:  # "GET /ports/{id}" beside "DELETE /ports/{id}"
                found = [f"{contract.method.text.upper()} {name}" if name == path[0] else name for name in found]
        return found

    return names


def contract_heads(spec, names):
    """heads(contract): the last word of each of its names (`names` is contract_namer's) of several words, where no
    other contract's name or path has it, as one of it: "reading" of "Post readings", "posting" of
    `.../transferPostings`; and what its request lists ("its readings"). Too common a word to find the contract in just
    any statement, it finds it where a dedup rule is said in so many words or in the idempotency part's own section
    ("## 8.1 Readings" under "## 8. Duplicates"; absence.py, "keyed")."""
    owners: dict[str, set[int]] = {}
    for contract in spec.contracts:
        for said in (contract.name, contract.url, contract.topic):
            for word in (_words(said.text) if said is not None else ()):
                owners.setdefault(word.lower(), set()).add(id(contract))
        for word in _request_lists(contract):
            owners.setdefault(word.lower(), set()).add(id(contract))

    def heads(contract) -> list[str]:
        found = []
        for name in [*names(contract), *(f"its {word}" for word in _request_lists(contract))]:
            words = [word for word in _words(name) if not word.lower().endswith(("ed", "ing"))]  # "equipment returned",
            # "booking confirmed": the thing, not what happened to it
            head = words[-1].lower() if len(words) > 1 or len(words) == 1 and len(_words(name)) > 1 else ""
            if len(head) >= 5 and head not in _NOT_NAMES and owners.get(head) == {id(contract)}:
                head = head[:-3] + "y" if head.endswith("ies") else head[:-1] if head.endswith("s") and \
                    not head.endswith("ss") else head
                found += [head] if head not in found else []
        return found

    return heads


def _request_lists(contract) -> list[str]:
    """What a request's example carries as a list at its top ("readings" of `{"shipment_id": ..., "readings": [...]}`):
    the things a call sends, by which the document may name it ("sensor readings are keyed by logger")."""
    return [key for example in contract.examples if example.role != "response" and isinstance(example.data, dict)
            for key, held in example.data.items() if isinstance(key, str) and isinstance(held, list) and held]


def _words(text: str) -> list[str]:
    """The words of a name or a path, a path's "transferPostings" as "transfer" and "Postings"."""
    return re.findall(r"[A-Za-z]+", re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text))


_NOT_NAMES = {"contract", "contracts", "endpoint", "request", "requests", "response", "message", "messages", "event",
              "events", "webhook", "webhooks", "callback", "update", "create", "batch", "items", "records", "status",
              "details", "result", "results", "notification", "notifications", "upload", "data", "https"}


def _resource_words(url: str) -> list[str]:
    """The last two named segments of a URL's path as words ("stock receipts", "metered export"); none for one
    word, an id or a version."""
    path = names_of(url)[:1]
    segments = [seg for seg in (path[0].split("/") if path else []) if seg]
    named = [bool(seg) and "{" not in seg and "<" not in seg and ":" not in seg and not _GENERIC_SEGMENT.fullmatch(seg)
             for seg in segments]
    if not segments or not named[-1] or len(segments[-1]) < 5:
        return []
    words = segments[-2:] if len(segments) > 1 and named[-2] else segments[-1:]  # "stock/receipts", not "sites/<id>/x"
    name = re.sub(r"[-_.]+", " ", " ".join(words)).strip()
    return [name] if " " in name else []  # one word alone ("profile", "refunds") is too common to name one call


_GENERIC_SEGMENT = re.compile(r"v\d+(?:\.\d+)?|api|apis|rest|http|https|hooks?|webhooks?|events?|ingest|partner|"
                              r"services?|public|internal|(?-i:[A-Z0-9-]{3,})|\d+", re.I)  # `GD-SITE-0442`: an id, no resource
def _flow_ids_named(spec, name: str) -> list[str]:
    """The ids of the flows whose name, after their id, is `name`: "F3" of "F3 Casting decisions"."""
    def words(text: str) -> str:
        return " ".join(text.strip(" *_.:·—–-").lower().split())
    named = [(leading_id(flow.name.text), flow.name.text.strip().strip("`*_ ")) for flow in spec.flows if flow.name is not None]
    return [found for found, text in named if found and words(text[len(found):]) == words(name)]
_REFERENCED = re.compile(r"\((?:see\s+|clause\s+|per\s+)?([A-Z]{1,4}-\d{1,3})\)|\b(?:per|see)\s+([A-Z]{1,4}-\d{1,3})\b")


def absent(spec, part: str, noun: str, fix: str, where: Span | None = None, named: str = "") -> Hit:
    """The finding for a part the spec lacks: "there is no X" where the document says nothing of it; where one
    statement touches it in passing ("Provide retry for notifications that have failed"), that X is named on that
    line and never described (DESIGN.md, "Absence": a gap, not an absence)."""
    once = spec.evidence.get(f"{part}:once")
    if once is not None:  # (reported where the absence would be, so a suppression or a baseline entry still finds it)
        return Hit(where or spec.title, f"{named or noun} is mentioned on line {once.line} but never described: {fix}")
    return Hit(where or spec.title, f"there is no {noun}: {fix}")


def gap(span: Span, subject: str, what: str, fix: str = "", severity: Severity | None = None,
        anchor: Span | None = None) -> Hit:
    """A Hit naming one gap of an object: "`subject` has `what`: `fix`". The engine makes the gaps one
    rule finds in one object (same subject and anchor) a single finding."""
    return Hit(span, severity=severity, gaps=(what,), subject=subject, fix=fix, anchor=anchor)


def short(text: str, limit: int = 40) -> str:
    text = " ".join(text.replace("`", "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_CONDITION = re.compile(r"\b(?:if|when|unless|while)\b", re.I)


def label(found: Value | None, fallback: str) -> str:
    return f"'{short(found.text)}'" if found is not None and found.text.strip() else fallback


def mapped_rows(spec):
    """(row, subject) of each mapping row whose target is mapped: "| `poleId` | | (none) | | Logging only |" and
    fields said not to be kept are no rows to ask of."""
    for row in spec.mappings:
        target = row.target_field.text.replace("`", "").strip().lower() if row.target_field is not None else ""
        if target and (no_field(target) or not_kept(target)):
            continue
        if not target and row.target_type is not None and not_kept(row.target_type.text) and \
                not _CONDITION.search(row.target_type.text):  # (not "ignored if blank": kept otherwise)
            continue  # "`form_id` → (not stored)": the bracket a type would stand in says it is kept nowhere
        yield row, f"mapping of {label(row.source_field, label(row.target_field, f'line {row.span.line}'))}"


def row_text(row) -> str:
    """Everything a mapping row says, for the rules that look for a word anywhere in it."""
    return " ".join(v.text for v in (row.source_field, row.source_type, row.target_field, row.target_type,
                                     row.transform, row.default, row.nullable) if v is not None)


@lru_cache(maxsize=4096)
def leaf(name: str) -> str:
    """The last segment of a field path, folded: `order.lines[].SKU` -> "sku"."""
    last = re.split(r"[.\[\]/]+", name.strip("`*\" ").rstrip("[]"))
    last = [part for part in last if part and not part.isdigit()]
    return last[-1].lower().replace("_", "").replace("-", "") if last else ""


def given_beside(items, item, field: str, lines: int = 12) -> bool:
    """Whether an object next to `item` (the rows of its table, the entries of its block or list, within `lines`
    lines) has `field` given: then the document's form asks it, and `item`'s silence is a gap. A table's row is
    asked only by the rows of its own table: an SLO table's rows are not asked the alert of the alerts table below."""
    group = getattr(item, "group", None)
    return any(other is not item and given(getattr(other, field)) and abs(other.span.line - item.span.line) <= lines
               and (group is None or getattr(other, "group", None) == group) for other in items)


def source_values(spec, row) -> list[str]:
    """Every value the spec declares for a mapping row's source field: its type's enum, or a schema or
    field table enum for a field of that name. Only what is sent
    counts (request bodies, messages): a response's `status` is another field than a webhook's."""
    values: list[str] = []
    if row.source_type is not None:
        values += enum_values(row.source_type.text) or enum_named_in(row.source_type.text, spec.enums)
    name = leaf(row.source_field.text) if row.source_field is not None else ""
    if not name or values:  # the row's own enum is the source's domain; a same-named field elsewhere is not
        return _unique(values)
    if name in _groups(spec)[1]:  # two fields go by this name: which one a contract declares cannot be told
        return []
    for contract in _source_contracts(spec, row):
        for role, body in contract.bodies.items():
            if role == "response":
                continue
            for declared in body.fields:
                if _same_field(declared.name, row.source_field.text):
                    values += declared.values
            if body.schema is not None:
                values += [str(v) for v in _schema_enums(body.schema, name)]
    # the declared values are the domain; an example's value is one instance (a code the lookup rejects, an
    # id), never the list the mapping must cover
    return _unique(values)


def _source_contracts(spec, row) -> list:
    """The contracts whose payload the row's table maps: those declaring most of its rows' source fields
    (a KeyWave-to-Lodgix table's `type` is the webhook's, not the stay event's); every contract when no
    declaration tells."""
    sources = _groups(spec)[0].get(row.group, set())
    if not row.group or len(sources) < 2:
        return list(spec.contracts)
    scored = [(len(sources & {leaf(f.name) for b in c.bodies.values() for f in b.fields}), c) for c in spec.contracts]
    best = max((score for score, _ in scored), default=0)
    return [c for score, c in scored if score == best] if best >= 2 else list(spec.contracts)


_LAST: list = [None, ({}, set())]  # the spec last asked about and what its mappings say: once per spec, not per row


def _groups(spec) -> tuple[dict, set]:
    """The source fields of each mapping group, and the names that stand for two fields in the mappings:
    a source `kind` and another row's enum target `kind`, or the sources `kind` and `mw.kind`."""
    if _LAST[0] is not spec:
        groups: dict = {}
        paths: dict = {}
        for m in spec.mappings:
            if m.source_field:
                groups.setdefault(m.group, set()).add(leaf(m.source_field.text))
                paths.setdefault(_named(m.source_field.text), set()).add(field_path(m.source_field.text))
        # (a row mapping `status` to `status` makes no second field of the name: both ends are the row's)
        targets = {leaf(m.target_field.text) for m in spec.mappings if m.enum_map and m.target_field and not (
            m.source_field and leaf(m.source_field.text) == leaf(m.target_field.text))}
        ambiguous = {name for name, seen in paths.items() if len(seen) > 1 or name in targets}
        _LAST[:] = [spec, (groups, ambiguous)]
    return _LAST[1]


def _named(text: str) -> str:
    """The field a mapping cell names, without its aside: "status (entry validation status)", "gate change
    `status` (enum)" -> "status"."""
    text = re.sub(r"\s+\(.*", "", text)
    code = re.search(r"`([^`]+)`", text)
    return leaf(code.group(1) if code else text)


def field_path(text: str) -> str:
    """A mapping cell's field as a path, without its marks, its aside or its case: "`fired_at` (console)" -> "fired_at"."""
    return re.sub(r"\s*\(.*", "", text.replace("[]", "")).strip("`* ").lower()


def _same_field(declared: str, source: str) -> bool:
    """A declared field is the mapped source: by its whole path when the source gives one (`parties[].role`
    is not `filer.role`), by its last name otherwise."""
    path = lambda text: text.strip("`* ").replace("[]", "").lower()  # noqa: E731
    if "." in source:  # the declared path, or its end: `event.state` is the event's `state`; a bare top-level
        mine, theirs = path(source).split("."), path(declared).split(".")  # `status` is not `zones[].status`
        if len(theirs) == 1 and "[]" in source.split(".")[-2]:
            return False
        return len(theirs) <= len(mine) and mine[-len(theirs):] == theirs
    return leaf(declared) == leaf(source)


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v.strip()))


def _schema_enums(schema, name: str, depth: int = 0):
    if depth > 20 or not isinstance(schema, dict):
        return
    for key, inner in (schema.get("properties") or {}).items():
        if isinstance(inner, dict):
            if leaf(key) == name and isinstance(inner.get("enum"), list):
                yield from (v for v in inner["enum"] if isinstance(v, (str, int)))
            yield from _schema_enums(inner, name, depth + 1)
    if isinstance(schema.get("items"), dict):
        yield from _schema_enums(schema["items"], name, depth + 1)


def example_leaves(data, path: str = "", depth: int = 0):
    """The leaf fields of an example body: (path, name) for each key whose value is not an object."""
    if depth > 20:
        return
    if isinstance(data, dict):
        for key, inner in data.items():
            inner_path = f"{path}.{key}" if path else str(key)
            if isinstance(inner, dict) and inner:
                yield from example_leaves(inner, inner_path, depth + 1)
            elif isinstance(inner, list) and inner and isinstance(inner[0], dict):
                yield from example_leaves(inner[0], f"{inner_path}[]", depth + 1)
            else:
                yield inner_path, str(key)
    elif isinstance(data, list) and data and isinstance(data[0], dict):
        yield from example_leaves(data[0], f"{path}[]" if path else "", depth + 1)


def placeholder_lines(spec) -> set[int]:
    """Lines of the placeholders the spec's parts hold ("Max attempts: TBD"): their rules report them."""
    import dataclasses

    from ..model import Value

    lines: set[int] = set()
    stack = [spec]
    while stack:
        node = stack.pop()
        if isinstance(node, Value):
            if node.placeholder:
                lines.update(range(node.span.line, node.span.end_line + 1))
        elif isinstance(node, (list, tuple)):  # records; not statements (a list of Values), which no rule checks
            stack.extend(item for item in node if not isinstance(item, Value))
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif dataclasses.is_dataclass(node):
            stack.extend(getattr(node, f.name) for f in dataclasses.fields(node) if f.name != "open_items")
    return lines
