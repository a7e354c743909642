from ..findings import Severity
from ..rule import Case, rule
from .is301_auth_incomplete import STORAGE, entry_gaps


@rule(
    code="IS304",
    name="credential-storage-unstated",
    checklist="auth",
    severity=Severity.WARNING,
    summary="The spec never says where a system's credentials are stored. Advice: only in the `strict` preset.",
    rationale="A secret with no stated home ends up in a config file or a CI variable nobody rotates. Saying "
    "once where credentials live (a vault, a secrets manager, environment variables) answers for every "
    "system; a managed identity has nothing to keep. It is off by default: the skill's template asks it, but "
    "its checklist item asks for both systems and their rotation (IS301), and specs say where secrets live "
    "in too many places (a platform page, a runbook, a deployment note) for its absence from the spec to be "
    "a gap of the spec's.",
    bad="## Authentication\n\n- **Order Service**: OAuth 2.0 client credentials; secret rotated every 90 days\n"
    "- **Fulfillment API**: API key in `X-Api-Key`; rotated quarterly\n",
    good="## Authentication\n\n- **Order Service**: OAuth 2.0 client credentials; secret rotated every 90 days\n"
    "- **Fulfillment API**: API key in `X-Api-Key`; rotated quarterly\n\nBoth secrets live in AWS Secrets "
    "Manager.\n",
    default_enabled=False,
    cases=(
        Case(Severity.WARNING, "no word on where credentials are stored: the template's ask, beyond the checklist "
             "item (both systems and their rotation, IS301)"),
    ),
)
def credential_storage_unstated(spec, options):
    yield from entry_gaps(spec, STORAGE)
