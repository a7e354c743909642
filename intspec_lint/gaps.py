"""One finding per thing to fix: the hits of one rule that name gaps of one object become one finding.

A rule yields a Hit per gap it finds ("flow 'Refunds'" has "no payload"; it has "no frequency"); the
engine reports the hits that share their subject and anchor as one finding, "flow 'Refunds' has no
payload and no frequency: <fix>; <fix>", at the object, keeping each gap (with its own severity and
place) in `Finding.gaps`. Hits without gaps are reported one by one, as they are.
"""

from __future__ import annotations

from .findings import Hit, Severity
from .span import Span


def group(hits: list[Hit]) -> list[tuple[Hit, ...]]:
    """`hits` of one rule in groups that are one finding each, in the order of their first hit."""
    groups: dict[object, list[Hit]] = {}
    for index, hit in enumerate(hits):
        key = (hit.subject, anchor(hit)) if hit.gaps and hit.subject else index
        groups.setdefault(key, []).append(hit)
    return [tuple(found) for found in groups.values()]


def anchor(hit: Hit) -> Span:
    return hit.anchor or hit.span


def where(hits: tuple[Hit, ...]) -> Span:
    """A lone hit is reported where it stands (a placeholder's own line); several, at their object."""
    return hits[0].span if len(hits) == 1 else anchor(hits[0])


def message(hits: tuple[Hit, ...], fallback: str) -> str:
    """What a group of hits says: the object and every gap it names, then the fixes, each said once."""
    first = hits[0]
    if len(hits) == 1 and (first.message or not first.gaps):  # a lone hit's own words, when it has them
        return first.message or fallback
    gaps = [gap for hit in hits for gap in hit.gaps]
    return compose(first.subject, gaps, [hit.fix for hit in hits])


def compose(subject: str, gaps, fixes) -> str:
    """"flow 'Refunds' has no payload and no frequency: name the entity; give a rate"."""
    said = and_list(list(gaps))
    text = f"{subject} has {said}" if subject else said
    fixes = list(dict.fromkeys(fix for fix in fixes if fix))
    return f"{text}: {'; '.join(fixes)}" if fixes else text


def and_list(items: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def gap_messages(hit: Hit, fallback: str) -> list[tuple[str, str]]:
    """(gap, the message a finding of that gap alone would have) for each gap a hit names; a hit
    without gaps is one gap, its message."""
    if not hit.gaps:
        said = hit.message or fallback
        return [(said, said)]
    if hit.message and len(hit.gaps) == 1:
        return [(hit.gaps[0], hit.message)]
    return [(gap, compose(hit.subject, [gap], [hit.fix])) for gap in hit.gaps]


def most_severe(severities) -> Severity:
    return max(severities, key=lambda severity: severity.rank)
