from ..findings import Hit, Severity
from ..rule import Case, rule
from ..model import given
from ._common import gap, label, missing

_WHERE = "template, 1. Overview"


@rule(
    code="IS011",
    name="overview-incomplete",
    checklist="overview",
    severity=Severity.ERROR,
    summary="The overview does not name both systems and their roles, the purpose, or the integration pattern.",
    rationale="The overview is what a reviewer reads first and what the next engineer reads in a year. If it "
    "does not say which system produces and which consumes, why they are connected and whether the call is "
    "synchronous, event-driven or batch, every later section is read with the wrong assumption.",
    bad="# Orders to fulfillment\n\n## Overview\n\nThis integration syncs orders.\n",
    good="# Orders to fulfillment\n\n## Overview\n\nThe Order Service (producer) sends confirmed orders to the "
    "Fulfillment API (consumer) so that warehouses ship them the same day. The pattern is event-driven: an "
    "order-placed event triggers a REST call.\n",
    cases=(
        Case(Severity.ERROR, "no overview, or one that does not name both systems or their roles",
             "The two systems being connected and their roles (producer vs. consumer)", _WHERE),
        Case(Severity.ERROR, "an overview without the business purpose", "The business purpose of the integration",
             _WHERE),
        Case(Severity.ERROR, "an overview without the integration pattern",
             "The integration pattern: synchronous request/response, asynchronous messaging, event-driven, or "
             "batch ETL", _WHERE),
    ),
)
def overview_incomplete(spec, options):
    overview = spec.overview
    if overview is None:
        yield Hit(spec.where("overview"), "there is no overview: name the two systems and their roles (producer, "
                                          "consumer), the business purpose and the integration pattern")
        return
    where = spec.where("overview") if spec.has("overview") else overview.span
    subject = "the overview"
    if overview.systems is not None:  # None: the spec itself names fewer than two systems to look for
        if len(overview.systems) < 2:
            said = (f"only one of the two systems it connects ({label(overview.systems[0].name, 'unnamed')})"
                    if overview.systems else "no name for either of the two systems it connects")
            yield gap(where, subject, said, "name both, with their roles")
        roleless = [system for system in overview.systems if not given(system.role)]
        if roleless:
            names = " and ".join(label(system.name, "") for system in roleless)
            yield gap(roleless[0].name.span, subject, f"no role for {names}", "say which system produces the data "
                      "and which consumes it (producer/consumer, source/destination)", anchor=where)
    hit = missing(overview.purpose, where, subject, "business purpose", "say why the two systems are connected")
    if hit:
        yield hit
    if not given(overview.pattern):
        yield gap(where, subject, "no integration pattern", "say whether it is synchronous request/response, "
                  "asynchronous messaging, event-driven or batch ETL")
