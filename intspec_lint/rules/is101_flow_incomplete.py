import re

from ..findings import Hit, Severity
from ..rule import Case, rule
from ..model import given
from ..reading.flows import names_its_data, says_when_only
from ._common import gap, label, missing, names_of, said_of

_KNOWN = 3  # of the five fields, read for a flow whose other fields a rule may call missing when unread
_FIELDS = (  # field, what it is, the fix, the cue of it in words no reader took (reading/absence.py)
    ("trigger", "trigger", "say what starts it (an event, a schedule, an API call)", "trigger"),
    ("source", "source system", "name where the data comes from", None),
    ("destination", "destination system", "name where the data goes", None),
    ("payload", "payload", "name the entity or message that moves", "payload"),
    ("frequency", "frequency or volume", "give a rate such as '~500/hour peak' or 'every 5 min'", "frequency"),
)


@rule(
    code="IS101",
    name="flow-incomplete",
    checklist="data-flow",
    severity=Severity.ERROR,
    summary="A data flow is missing its trigger, direction, payload or frequency (or there are no flows).",
    rationale="A flow without a trigger cannot be built, one without a direction cannot be secured, and one "
    "without a frequency cannot be sized. The checklist asks for all four on every flow, each direction of "
    "a bidirectional exchange as its own row. A row of which fewer than three of the five are read is not asked "
    "for the others (it is likely no flow at all: a state machine's transition, a byte range); an empty cell or a "
    "placeholder is still reported. A flow named for the data it moves (\"Splits\", \"Crane status\") names its "
    "payload: only an empty payload cell asks for one there.",
    bad="## Data Flows\n\n| Flow | Source | Destination | Trigger | Payload | Frequency |\n"
    "|---|---|---|---|---|---|\n| Create order | Order Service | Fulfillment API | | Order JSON | |\n",
    good="## Data Flows\n\n| Flow | Source | Destination | Trigger | Payload | Frequency |\n"
    "|---|---|---|---|---|---|\n"
    "| Create order | Order Service | Fulfillment API | Order placed event | Order JSON | ~500/hour peak |\n",
    cases=(
        Case(Severity.ERROR, "a flow without its trigger, source or destination (its direction), payload or "
             "frequency; one finding a flow, naming every gap", "Every data flow has a defined trigger, direction, "
             "payload, and frequency", "quality checklist"),
        Case(Severity.ERROR, "no data flows at all", "Define each data flow as a row", "template, 2. Data Flow "
             "Diagram"),
    ),
)
def flow_incomplete(spec, options):
    if not spec.flows:
        if spec.mentions("flows"):
            return  # talked about in words no table or list gives: nothing to say is missing
        yield Hit(spec.where("flows"), "no data flows: add a table with source, destination, trigger, payload "
                                       "and frequency for each flow")
        return
    read = {field for field, *_ in _FIELDS if any(given(getattr(flow, field)) for flow in spec.flows)}
    for flow in spec.flows:
        subject = f"flow {label(flow.name, f'on line {flow.span.line}')}"
        names = lambda flow=flow: names_of(flow.name.text if flow.name else None)  # noqa: E731 (only when unread)
        known = sum(given(getattr(flow, field)) for field, *_ in _FIELDS)
        # a row the reader half-recognises as a flow, or one with no direction read (a question, a heading
        # that talks about flows): its unread values are not the spec's gaps
        unread = known < _KNOWN or (flow.source is None and flow.destination is None)
        for field, what, fix, cue in _FIELDS:
            if field == "payload" and flow.payload is None and names_its_data(flow.name):
                continue  # "**Splits (ChipLine → you).**", "Crane status": a flow named for what moves names its payload
            if field == "frequency" and says_when_only(flow.frequency) and any(
                    other is not flow and given(other.frequency) and re.search(r"\d", other.frequency.text)
                    for other in spec.flows):
                yield gap(flow.span, subject, f"no frequency or volume (only '{flow.frequency.text.strip()[:40]}', "
                          "which gives no rate or count)", fix)  # the flows beside it give a figure: the form asks one
                continue
            hit = missing(getattr(flow, field), flow.span, subject, what, fix,
                          said=(lambda: True) if unread else said_of(spec, cue, names, flow.span, field in read, inflect=True),
                          dash_is_empty=not unread and field == "frequency")  # a "—" payload: nothing moves
            if hit:
                yield hit

