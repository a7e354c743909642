from ..findings import Hit, Severity
from ..rule import Case, rule
from ._common import label, missing

_FIELDS = (
    ("trigger", "trigger", "say what starts it (an event, a schedule, an API call)"),
    ("source", "source system", "name where the data comes from"),
    ("destination", "destination system", "name where the data goes"),
    ("payload", "payload", "name the entity or message that moves"),
    ("frequency", "frequency or volume", "give a rate such as '~500/hour peak' or 'every 5 min'"),
)


@rule(
    code="IS101",
    name="flow-incomplete",
    checklist="data-flow",
    severity=Severity.ERROR,
    summary="A data flow is missing its trigger, direction, payload or frequency (or there are no flows).",
    rationale="A flow without a trigger cannot be built, one without a direction cannot be secured, and one "
    "without a frequency cannot be sized. The checklist asks for all four on every flow, each direction of "
    "a bidirectional exchange as its own row.",
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
    for flow in spec.flows:
        subject = f"flow {label(flow.name, f'on line {flow.span.line}')}"
        for field, what, fix in _FIELDS:
            hit = missing(getattr(flow, field), flow.span, subject, what, fix)
            if hit:
                yield hit
