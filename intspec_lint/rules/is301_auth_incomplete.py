import re

from ..findings import Hit, Severity
from ..model import given
from ..rule import Case, rule
from ..reading.auth_words import NEVER_ROTATED, PERIOD, keyless, self_expiring
from ._common import label, missing, names_of, said_of

# ... or any period a rotation is said on ("Notify keys do not expire, so we replace it each September")
_PERIOD = re.compile(rf"\bevery\b|\b(?:weekly|daily)\b|\brotat\w*\s+(?:at|after|before)\b|\b{PERIOD}", re.I)
# what the one entry is named for is a credential or a piece of plumbing, not a system: which side it is on, and
# so whether the other is missing, cannot be told ("Webhook signing secret", `OC_WEBHOOK_SECRETS`, "Kafka", "ACLs")
_NOT_A_SIDE = re.compile(r"\b(?:secrets?|keys?|tokens?|certificates?|certs?|passwords?|credentials?|acls?|"
                         r"kafka|broker|sftp|mtls|tls|oauth2?|hmac|signing|signature)\b|^\W*[A-Z][A-Z0-9]*_[A-Z0-9_]+\W*$",
                         re.I)


def _no_side(system) -> bool:
    return system is not None and bool(_NOT_A_SIDE.search(system.text.replace("_", " ")) or
                                       _NOT_A_SIDE.search(system.text))


_FIELDS = (
    ("mechanism", "auth mechanism", "name it: API key, OAuth 2.0 client credentials, mutual TLS..."),
    ("rotation", "rotation procedure or frequency", "say how and how often the credential is rotated"),
    ("storage", "credential storage", "say where it is kept (a vault, environment variables), never in code"),
)


@rule(
    code="IS301",
    name="auth-incomplete",
    checklist="auth",
    severity=Severity.ERROR,
    summary="Authentication is missing, covers only one system, or leaves out its mechanism or rotation.",
    rationale="Both sides authenticate, and credentials expire. A spec that documents only one side, or "
    "never says how keys are rotated and where they live, ships an integration that fails on the day a "
    "token expires or leaks. A managed identity has no secret to rotate or keep, and short-lived credentials "
    "issued per lease (dynamic secrets) expire by themselves: neither is asked for a rotation. An entry whose "
    "mechanism the reader could not take is not asked for anything it does not leave open itself (a \"TBD\"): "
    "what it is cannot be told, and it is as often a runbook step or a permission note as a credential. A "
    "document that names a mechanism (OAuth 2.0, mutual TLS, an API key, HMAC...) where no entry was read is "
    "not told its authentication is undocumented. One entry named for a credential or a piece of plumbing (\"Webhook "
    "signing secret\", \"Kafka\") is not told it covers one system: which side it stands for cannot be told. Where "
    "credentials are stored is IS304's, off by default.",
    bad="## Authentication\n\n- **Order Service**: OAuth 2.0 client credentials\n",
    good="## Authentication\n\n- **Order Service**: OAuth 2.0 client credentials; secret rotated every 90 "
    "days by the platform team; stored in Vault\n- **Fulfillment API**: API key in the `X-Api-Key` header; "
    "rotated quarterly; stored in AWS Secrets Manager\n",
    cases=(
        Case(Severity.ERROR, "no authentication, or authentication for one system only",
             "Authentication covers both systems with rotation procedures documented", "quality checklist"),
        Case(Severity.ERROR, "a system without its auth mechanism", "Auth mechanism (API key, OAuth 2.0 client "
             "credentials, mutual TLS)", "template, 4. Authentication and Authorization"),
        Case(Severity.ERROR, "a system without its rotation procedure or frequency",
             "Authentication covers both systems with rotation procedures documented", "quality checklist"),
    ),
)
def auth_incomplete(spec, options):
    if not spec.auth:
        if spec.mentions("auth") and not spec.has("auth") or spec.unread("mechanism"):
            return  # auth talked about in passing, or a mechanism named, in words the reader cannot place
        what = "no mechanism is described" if spec.has("auth") else "there is no authentication section"
        yield Hit(spec.where("auth"), f"authentication is not documented ({what}): document each system's "
                                      "mechanism, rotation and credential storage")
        return
    if len(spec.auth) < 2 and "auth:sides" not in spec.evidence and not _no_side(spec.auth[0].system):
        only = label(spec.auth[0].system, "one system")  # (the other side's auth told elsewhere is evidence too)
        yield Hit(spec.where("auth"), f"authentication covers only {only}: document both systems' side")
    yield from entry_gaps(spec, [f for f in _FIELDS if f[0] != "storage"])


def entry_gaps(spec, fields):
    """The gaps of each auth entry in `fields` (name, what, fix); where credentials live is asked of the spec, not
    of each system: one says it for all, a certificate issued by a CA or a secret kept by the partner may need no
    word of its own."""
    stored = any(given(entry.storage) for entry in spec.auth) or given(spec.auth_defaults.get("storage"))
    others_said = _told_of_others(spec)
    read = {field for field, *_ in _FIELDS if any(given(getattr(entry, field)) for entry in spec.auth)}
    for entry in spec.auth:
        subject = f"auth for {label(entry.system, 'the integration')}"
        names = names_of(entry.system.text if entry.system else None)
        said = " ".join(v.text for v in (entry.mechanism, entry.storage) if v is not None)
        secretless = keyless(said)  # a managed identity: no secret to rotate or to keep
        # an entry whose mechanism nobody read is half read: a credential the reader cannot tell, or no credential
        # at all (a runbook step, a permission note); only the gaps it states itself (a "TBD") are its own
        half_read = entry.mechanism is None
        for field, what, fix in fields:
            if half_read and getattr(entry, field) is None:
                continue
            if secretless and field in ("rotation", "storage"):
                continue
            if field == "rotation" and self_expiring(said):
                continue  # "short-lived credentials from Vault's secrets engine": they expire by themselves
            if field == "storage" and stored and entry.storage is None:
                continue
            if entry.system is None and getattr(entry, field) is None and _told_by_each(spec, entry, field):
                continue  # a paragraph on the scheme for all, then a column per system that gives the rest
            hit = missing(getattr(entry, field), entry.span, subject, what, fix,
                          said=said_of(spec, field, names, entry.span, field in read,
                                       excluding=lambda entry=entry, field=field, names=names: others_said(entry, field, names)),
                          dash_is_empty=True)
            if hit:
                yield hit
            elif getattr(entry, field) is not None and field == "rotation" and NEVER_ROTATED.search(entry.rotation.text) and not _PERIOD.search(entry.rotation.text):
                # "service-user tokens are issued without expiry", and no period for them anywhere in the value
                yield Hit(entry.rotation.span, f"{subject} says the credential is never rotated "
                                               f"('{entry.rotation.text[:60]}'): {fix}")


STORAGE = [f for f in _FIELDS if f[0] == "storage"]  # IS304's


def _told_by_each(spec, entry, field: str) -> bool:
    """Every other entry names its system and gives `field`: what a system-less entry leaves out they say."""
    others = [e for e in spec.auth if e is not entry]
    return bool(others) and all(e.system is not None and given(getattr(e, field)) for e in others)


def _told_of_others(spec):
    """others(entry, field): the lines of the values of `field` that the other sides state in their own entry. A
    rotation said of another credential is no evidence of this one's ("BookWave calls HarbourGate with ...; the secret
    is rotated every 6 months"), unless it names this side too; a value the reader fetched from elsewhere for another
    entry may be said of this one. The entries' own values are gathered once, when first asked."""
    own: dict[str, list] = {}

    def others(entry, field: str, names: list[str]) -> frozenset[int]:
        if field not in own:
            own[field] = [(_side(e), value) for e in spec.auth for value in [getattr(e, field)]
                          if value is not None and e.span.line <= value.span.line and value.span.end_line <= e.span.end_line]
        side = _side(entry)
        return frozenset(line for other, value in own[field] if other != side  # (a side told in several rows is one side)
                         and not any(name.lower() in value.text.lower() for name in names)
                         for line in range(value.span.line, value.span.end_line + 1))
    return others


def _side(entry) -> str:
    return entry.system.text.strip().lower() if entry.system is not None else ""
