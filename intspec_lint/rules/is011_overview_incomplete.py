from ..findings import Hit, Severity
from ..rule import rule
from ..model import given
from ._common import label, missing


@rule(
    code="IS011",
    name="overview-incomplete",
    checklist="overview",
    severity=Severity.WARNING,
    summary="The overview does not name both systems and their roles, the purpose, or the integration pattern.",
    rationale="The overview is what a reviewer reads first and what the next engineer reads in a year. If it "
    "does not say which system produces and which consumes, why they are connected and whether the call is "
    "synchronous, event-driven or batch, every later section is read with the wrong assumption.",
    bad="# Orders to fulfillment\n\n## Overview\n\nThis integration syncs orders.\n",
    good="# Orders to fulfillment\n\n## Overview\n\nThe Order Service (producer) sends confirmed orders to the "
    "Fulfillment API (consumer) so that warehouses ship them the same day. The pattern is event-driven: an "
    "order-placed event triggers a REST call.\n",
)
def overview_incomplete(spec, options):
    overview = spec.overview
    if overview is None:
        yield Hit(spec.where("overview"), "there is no overview: name the two systems and their roles (producer, "
                                          "consumer), the business purpose and the integration pattern")
        return
    where = spec.where("overview") if spec.has("overview") else overview.span
    if overview.systems is not None:  # None: the spec itself names fewer than two systems to look for
        if len(overview.systems) < 2:
            said = "none" if not overview.systems else f"only {label(overview.systems[0].name, 'one')}"
            yield Hit(where, f"the overview names {said} of the two systems it connects: name both, with their "
                             "roles")
        roleless = [system for system in overview.systems if not given(system.role)]
        if roleless:
            names = " and ".join(label(system.name, "") for system in roleless)
            yield Hit(roleless[0].name.span, f"the overview gives no role for {names}: say which system produces "
                                             "the data and which consumes it (producer/consumer, source/destination)")
    hit = missing(overview.purpose, where, "the overview", "business purpose", "say why the two systems are connected")
    if hit:
        yield hit
    if not given(overview.pattern):
        yield Hit(where, "the overview names no integration pattern: say whether it is synchronous "
                         "request/response, asynchronous messaging, event-driven or batch ETL")
