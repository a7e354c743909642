import re

from ..findings import Hit, Severity
from ..rule import rule
from ..spec import patterns
from ..spec.model import given
from ._common import missing


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
    if spec.format == "yaml" or overview.systems:
        yield from _declared_systems(overview, where)
    else:
        yield from _described_systems(spec, overview, where)
    if spec.format == "yaml" or spec.has("overview"):
        hit = missing(overview.purpose, where, "the overview", "business purpose",
                      "say why the two systems are connected")
        if hit:
            yield hit
    if not given(overview.pattern):
        yield Hit(where, "the overview names no integration pattern: say whether it is synchronous "
                         "request/response, asynchronous messaging, event-driven or batch ETL")


def _declared_systems(overview, where):
    if len(overview.systems) < 2:
        yield Hit(where, f"the overview names {len(overview.systems)} system(s): name both systems the integration "
                         "connects")
    for system in overview.systems:
        hit = missing(system.role, system.name.span, f"system '{system.name.text}'", "role",
                      "say whether it produces or consumes the data (producer, consumer, source, destination)")
        if hit:
            yield hit


def _described_systems(spec, overview, where):
    """A Markdown overview is prose: the systems are the ones the flows and auth entries name."""
    words = set(re.findall(r"[a-z0-9]+", overview.text.lower()))
    known = {_name(v.text) for flow in spec.flows for v in (flow.source, flow.destination) if given(v)}
    known |= {_name(a.system.text) for a in spec.auth if given(a.system)}
    known.discard("")
    if len(known) >= 2 and len({name for name in known if name in words}) < 2:
        said = " and ".join(sorted(known)[:2])
        yield Hit(where, f"the overview does not name both systems (the flows and auth name {said}): say which "
                         "two systems are connected")
    if not patterns.names_roles(overview.text):
        yield Hit(where, "the overview does not say which system produces the data and which consumes it: give "
                         "each system's role (producer/consumer, source/destination)")


_GENERIC = {"the", "a", "an", "our", "their", "topic", "queue", "api", "service", "system", "get", "post", "put",
            "patch", "delete", "http", "https", "kafka", "sqs", "s3", "sftp", "webhook", "internal", "external",
            "each", "all", "any", "both", "partner", "client", "server", "new", "legacy"}


def _name(text: str) -> str:
    """The word a sentence uses for a system: the first distinctive word of its name ("Horizon" in
    "Horizon Loyalty API")."""
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        if word not in _GENERIC and len(word) > 2 and not word.isdigit():
            return word
    return ""
