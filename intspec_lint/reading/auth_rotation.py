"""A credential's rotation told apart from the entry of the system that uses it: under the credential's own name
("| `X-Api-Key` used by EDIS webhooks | 90 days |" beside "EDIS → Hub: API key"), in a list of them ("Rotation |
client secret 6-monthly; webhook secret 6-monthly"), or in a line elsewhere that opens with the credential ("Webhook
secret: every 6 months. We add the new one ...", "**B4** Signing secret rotation agreed: every 180 days"). Each is
the rotation of the entry whose mechanism is of that credential's family."""

from __future__ import annotations

import re

from ..model import Auth, Value
from .auth_words import CREDENTIAL_WORD, DIRECTION, PERIOD, SPEAKER, callee, caller, families, name_words

# a line that opens with a credential of one family (after an id or a mark): "Webhook secret: every 6 months"
_LEADING_CREDENTIAL = re.compile(r"^\W*(?:[A-Z]{1,3}-?\d{1,3}\W+)?(?:[\w`-]+\s+){0,3}?(?:secret|key|token|certificate|"
                                 r"cert|password)s?\b", re.I)


_LIFE_ASKED = re.compile(r"\b(?:expir\w*|rotat\w*|renew\w*|lifetime|valid\s+for)\b", re.I)
# a credential's life in so many words, and what is done before it ends, said in the next clause
_LIFETIME_SAID = re.compile(r"\b(?:valid|good|lasts?|lives?|expires?\s+after)\s+(?:for\s+)?(?:\d+|one|two|three|six|twelve)\s*"
                            r"(?:days?|weeks?|months?|years?)\b", re.I)
# ... a new one made before it ends: "we add a new one a month before expiry", "renewed 30 days ahead"
_RENEWED = re.compile(r"\b(?:(?:adds?|creates?|issues?|generates?|sends?|emails?)\s+(?:a|the)\s+new|renew\w*|rotat\w+|re-?issu\w+|"
                      r"replac\w+)\b[^.;]{0,80}?\b(?:before|ahead\s+of|prior\s+to)\b", re.I)
_LIFETIME = re.compile(r"\b\d+\s*(?:days?|weeks?|months?|years?)\b", re.I)


def lend_rotation(entries: list[Auth], statements) -> None:
    """Give each entry without a rotation the one told for its credential elsewhere (see the module's words)."""
    said = _told_with_credentials(entries)
    section_at = {statement.span.line: statement.section for statement in statements}
    for entry in entries:
        if entry.rotation is not None or entry.mechanism is None:
            continue
        kinds = set(families(entry.mechanism.text))
        near = name_words(entry.system.text) if entry.system is not None else set()
        fits = sorted((fit for fit in said if fit[0] & kinds), key=lambda fit: not fit[2] & near)
        twin = _same_credential(entry, entries, kinds, section_at)
        if twin is not None:
            entry.rotation = twin.rotation
        elif fits:
            entry.rotation = fits[0][1]
        elif kinds and sum(1 for other in entries if other.mechanism is not None
                           and kinds & set(families(other.mechanism.text))) == 1:
            entry.rotation = _told_in_a_line(kinds, entries, statements)  # the only entry of its family


def _same_credential(entry: Auth, entries: list[Auth], kinds: set[str], section_at: dict) -> Auth | None:
    """Another entry for the same credential, with its rotation: the same caller and a credential of the same family,
    told in another section ("Ledgerly calls ... with `Ledgerly-Signature`" in a flow, and "**Ledgerly → StallPlan:**
    webhook signing secret ...; changed every April" in the credentials list). Two entries of one list are two
    credentials ("**Ledgerly:** a second API key" under "**Ledgerly → StallPlan:** API key; rotated every 90 days")."""
    if entry.system is None or not kinds:
        return None
    holder = caller(entry.system.text)
    for other in entries:
        if other is entry or other.rotation is None or other.system is None or other.mechanism is None:
            continue
        if section_at.get(entry.span.line) is section_at.get(other.span.line):
            continue
        called = {callee(entry.system.text), callee(other.system.text)}
        if holder and caller(other.system.text) == holder and (len(called) == 1 or "" in called) and \
                kinds & set(families(other.mechanism.text)):
            return other  # (not "A → C: API key" beside "A → B: API key, rotated yearly": two keys of one caller)
    return None



def _told_with_credentials(entries: list[Auth]) -> list[tuple[set[str], Value, set[str]]]:
    """(families, rotation, words) of the rotations entries give under a credential's name, or list for several."""
    said: list[tuple[set[str], Value, set[str]]] = []
    for entry in entries:
        if entry.rotation is None:
            continue
        if entry.system is not None and not DIRECTION.search(entry.system.text) and \
                CREDENTIAL_WORD.search(entry.system.text):
            said.append((set(families(entry.system.text)), entry.rotation, name_words(entry.system.text)))
        pieces = re.split(r";\s+", entry.rotation.text)
        said += [(set(families(piece)), Value(piece, entry.rotation.span), name_words(piece)) for piece in pieces
                 if len(pieces) > 1 and re.search(PERIOD, piece, re.I)]
    return said


def _told_in_a_line(kinds: set[str], entries: list[Auth], statements) -> Value | None:
    """A line or sentence that opens with a credential of one of `kinds` and says a period it is rotated on."""
    taken = {entry.span.line for entry in entries}
    for number, statement in enumerate(statements):
        if statement.shape not in ("line", "item", "sentence") or statement.span.line in taken:
            continue
        after = statements[number + 1] if number + 1 < len(statements) else None
        if after is not None and after.shape == "sentence" and after.section is statement.section and \
                after.span.line - statement.span.end_line <= 1 and _LIFETIME_SAID.search(statement.text) and \
                _LEADING_CREDENTIAL.match(statement.text) and set(families(statement.text)) & kinds and \
                _RENEWED.search(after.text):  # "The client secret is valid 12 months; ... so we add a new one a
            return Value(f"{statement.text} {after.text}", statement.span)  # month before expiry": its life, its renewal
        heading = statement.heading if statement.shape != "heading" else ""
        if _LEADING_CREDENTIAL.match(heading) and set(families(heading)) & kinds and (
                re.search(PERIOD, statement.text, re.I) or _LIFE_ASKED.search(heading) and _LIFETIME.search(statement.text)):
            return Value(statement.text, statement.span)  # "Q3. Do SpaceOS API keys expire?" over "Resolved: yes, 180 days."
        # (after the one or two words that label it: "Priya: webhook secret rotated twice a year", an action's owner)
        said = statement.value if statement.value and SPEAKER.match(statement.key) and not CREDENTIAL_WORD.search(statement.key) \
            else statement.text
        pieces = re.split(r"(?<=[.;])\s+", said)
        for number, piece in enumerate(pieces):
            lead = _LEADING_CREDENTIAL.match(piece)
            if lead and set(families(lead.group(0))) & kinds:
                told = piece if re.search(PERIOD, piece, re.I) or number else said  # an item's first
                if re.search(PERIOD, told, re.I) or _LIFE_ASKED.search(told) and _LIFETIME.search(told):  # line leads,
                    # its note says: "B4 Signing secret rotation agreed.\nNote: every 180 days"; "The client certificate
                    # is valid 12 months and is renewed 30 days before expiry": a lifetime and its renewal
                    return Value(told, statement.span)
    return None
