"""Authentication's other side: where one entry was read, is the other system's authentication told where no entry
was (a credential of another kind kept or rotated, or the auth part asking each side how it authenticates)?"""

from __future__ import annotations

import re

from .auth_words import MECHANISM, ROTATION, STORAGE, families, mechanism
from .context import Reading
from .lazy_re import lazy
from .topics import asks
from .values import is_placeholder


def other_side(r: Reading, entries):
    """The span that tells the other side's authentication, or None."""
    return _second_credential(r, entries) or _calling_back(r) or _asked_per_side(r)


# a credential said to be the other side's, for its calls the other way: "The CRM's own bearer token for calling us",
# "the key they use to call us"
_CALLING_BACK = lazy(r"(?<![\w'’-])[\w-]{1,40}(?:'s|’s)\s+own\s+(?:[\w-]+\s+){0,3}(?:tokens?|keys?|secrets?|certificates?|certs?|"
                     r"credentials?|passwords?)\b[^.]{0,60}?\b(?:for\s+calling|to\s+call|when\s+(?:it|they)\s+calls?)\s+us\b"
                     r"|\b(?:tokens?|keys?|secrets?|certificates?|certs?|credentials?|passwords?)\s+(?:that\s+|which\s+)?"
                     r"(?:it|they)\s+uses?\s+(?:to|for|when)\s+call(?:ing|s)?\s+us\b", re.I)


def _calling_back(r: Reading):
    """A credential told as the other side's, for its calls to us, kept or rotated in the same paragraph: the other
    side's authentication, whatever its kind (a bearer token both ways)."""
    for statement in r.statements:
        if "auth" in statement.topics and statement.shape not in ("heading", "code") and \
                _CALLING_BACK.search(statement.text):
            around = r.paragraph(statement)
            if (STORAGE.search(around) or ROTATION.search(around)) and not is_placeholder(around):
                return statement.span
    return None


def _second_credential(r: Reading, entries):
    """Where the document keeps or rotates a credential of another kind than the one entry's (a webhook's
    signing secret beside an OAuth client): the other side's authentication, told where no entry was read."""
    theirs = kinds(entries)
    if not theirs:
        return None
    for statement in r.statements:
        if "auth" not in statement.topics or statement.shape in ("heading", "code"):
            continue
        # a managed identity reaching the vault is how a secret is read, not another credential
        # `paystream-api-key` names a secret, not a kind; the heading a line stands under may name the credential
        # ("### Webhook signing secret (RouteVan → ProScript)" over "Rotated every 180 days")
        said = re.sub(r"`[^`]*`", " ", f"{statement.heading} {statement.text}")
        found = {next(iter(families(m.group(0))), "") for m in MECHANISM.finditer(said)} - {"", "identity"}
        # a credential of its own kind, its section saying where it is kept or how it is rotated (not a
        # header's name in a contract)
        if found and not found & theirs:
            around = " ".join(s.text for s in r.within(statement.section, own=True)) \
                if "auth" in r.topics.of(statement.section) else r.paragraph(statement)
            if (STORAGE.search(around) or ROTATION.search(around)) and not is_placeholder(around):
                return statement.span  # an open value ("rotation: TBD") is a gap to report, not evidence
    return None


def _asked_per_side(r: Reading):
    """Two questions under the auth part, each answered with a mechanism ("C1. How does the customer authenticate to
    your API?" ... OAuth; "C2. How do you authenticate requests you send to us?" ... a JWS): both sides told."""
    answered = [section.span for section in r.doc.root.walk() if section.level and asks(section.title)
                and "auth" in r.topics.of(section) and _AUTHENTICATE.search(section.title)
                and any(mechanism(s.text) for s in r.within(section, own=True) if s.shape != "heading")]
    return answered[1] if len(answered) >= 2 else None


_AUTHENTICATE = lazy(r"\bauthenticat\w*|\bsign(?:s|ed)?\b|\bcredentials?\b", re.I)


def kinds(entries) -> set[str]:
    """The families of the mechanisms `entries` name."""
    return {kind for e in entries if e.mechanism is not None for kind in families(e.mechanism.text)}
