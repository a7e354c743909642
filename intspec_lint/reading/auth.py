"""Authentication: per system, its mechanism, rotation, scopes and credential storage.

One entry per system, from a table with a system column, a list item or sub-heading naming a system,
or a sentence whose subject is a system ("ShelfCloud signs its notifications with ..."). What is said
of no system in particular ("all secrets live in Secret Manager", a rotation rule for every
credential) is kept spec-wide; the scope step gives it to every entry that does not say otherwise.
"""

from __future__ import annotations

import re

from ..document.model import Section
from ..model import Auth, Value
from .context import Reading
from .lazy_re import lazy
from .statements import key_value, words_of_key
from .text import finds, said, sentences, structural, system_word
from .values import is_placeholder, value
from .vocabulary import strip_numbering

_NOTHING_STORED = r"nothing\s+is\s+stored|no\s+(?:stored\s+)?(?:secret|credential)s?\s+(?:is\s+|are\s+)?stored"
_MECHANISM = lazy(
    r"\b(oauth\s*2(?:\.0)?(?:\s+client[- ]credentials)?|oauth|client[- ]credentials|api[- ]keys?|api[- ]tokens?|"
    r"access\s+tokens?|mutual\s+tls|mtls|sasl[\w/-]*|scram[\w-]*|"
    r"m-tls|tls\s+client\s+cert\w*|(?:[\w-]+\s+)?tls\s+(?:server\s+)?certificates?|jwt|bearer\s+tokens?|basic\s+auth\w*|hmac[\w-]*|signed\s+\w+|signature|"
    r"service\s+accounts?|saml|openid\s+connect|oidc|ssh\s+keys?|sftp\s+keys?|iam\s+(?:task\s+)?roles?|"
    r"assumes?\s+(?:the\s+|an?\s+)?(?:iam\s+)?role|"
    r"sas\s+(?:tokens?|policy|policies|keys?)|shared\s+access\s+signatures?|managed\s+identit(?:y|ies)|"
    r"workload\s+identit(?:y|ies)|as2\s+certificates?|pgp\s+keys?|device\s+certificates?|x\.509\s+certificates?|"
    r"personal\s+access\s+tokens?|shared\s+secret|x\.509|client\s+certificates?|kerberos|ntlm|ws-security|"
    r"username\s+and\s+password|username/password|passwords?|dynamic\s+(?:database\s+)?(?:credentials|secrets)|"
    r"secrets\s+engine|authorization:\s*`?\s*(?:bearer|basic|token|apikey|api-key|"
    r"hmac|digest)|(?:credentials|static|opaque|issued|shared|signed)\s+tokens?|tokens?\s+(?:we|they|it)\s+issued|"
    r"sign(?:s|ing)\s+(?:each|every|all|the)?\s*\w+\s+with|private\s+keys?|key\s+pairs?|ed25519|ecdsa|rsa\s+keys?)\b",
    re.I,
)
# how the connection is protected, not a system that authenticates: "TLS: the certificate is pinned ..."
_TRANSPORT = lazy(r"^(?:tls|ssl|https|transport(?:\s+security)?|network(?:\s+security)?|encryption(?:\s+in\s+transit)?|"
                  r"ip\s+allow-?list(?:ing)?|allow-?list(?:ing)?|firewall|(?:certificate\s+)?pinning|ciphers?|"
                  r"(?:[\w-]+\s+)?server\s+certificates?(?:\s+chain)?|ca\s+(?:bundle|chain)|certificate\s+chain)$", re.I)
# a credential changed on a period, whatever the verb: "the secret is changed every six months", "generates it once a year"
_PERIOD = r"(?:every\s+(?:[\w-]+\s+){0,2}?(?:days?|weeks?|months?|years?|quarters?)|once\s+(?:a|per|each|every)\s+" \
          r"(?:year|quarter|month|week)|twice\s+a\s+year|annually|yearly|quarterly|monthly)"
_PERIODIC_CHANGE = (r"(?:chang|replac|generat|swapp?|cycl|reset|re-?creat|issu)\w*\b[^.;:]{0,60}?\b" + _PERIOD +
                    r"|" + _PERIOD + r"\b[^.;:]{0,40}?\b(?:chang|replac|generat|swapp?|cycl|reset|re-?creat|issu)\w*")
_ROTATION = lazy(
    r"\b(rotat\w+|renew\w*|re-?issu\w+|regenerat\w+|expir\w+|refresh\w*|lifetime|ttl|valid\s+for|revok\w+|"
    r"roll(?:ed|ing)?\s+over|replac\w+\s+every|roll(?:s|ed|ing)?|" + _PERIODIC_CHANGE + r")\b",
    re.I,
)
_STORAGE = lazy(
    r"\b(vault|secrets?\s+manager|key\s*vault|kms|keychain|parameter\s+store|ssm|secret\s+store|credential\s+store|"
    r"environment\s+variables?|env\s+vars?|env\b|kubernetes\s+secrets?|k8s\s+secrets?|sealed\s+secrets?|"
    r"\w*hsm|hardware\s+security\s+modules?|held\s+in\s+[\w`'-]+|secret\s+manager|1password|keystore|trust\s*store|secrets?\s+(?:engine|backend)|doppler|"
    r"key\s+store|credential\s+manager|cyberark|conjur|hard-?coded|config(?:uration)?\s+files?|"
    r"credstore(?:\.encrypted)?|systemd-creds|encrypted\s+credentials?(?:\s+files?)?|credentials_directory|"
    rf"(?:git\s+)?repo(?:sitory)?|source\s+code|properties\s+files?|appsettings|{_NOTHING_STORED}|"
    r"temporary\s+(?:sts\s+)?credentials|stored\s+(?:in|on)\s+[\w`'-]+|kept\s+in\s+[\w`'-]+|lives?\s+in\s+[\w`'-]+)\b|"
    r"\.env\b|`[\w./-]+\.(?:ya?ml|json|properties|ini|toml|env)`",
    re.I,
)
_UNSAFE_STORE = lazy(
    r"\b(?:hard-?coded|in\s+(?:the\s+)?(?:source\s+)?code|source\s+code|(?:git\s+)?repo(?:sitory)?|"
    r"config(?:uration)?\s+files?|env\s+files?|properties\s+files?|appsettings(?:\.json)?|"
    r"application\.(?:ya?ml|properties)|plain\s*-?text|spreadsheet|wiki|committed|checked\s+in)\b"
    r"|(?<![\w-])\.env\b|[\w/-]+\.(?:ya?ml|json|properties|ini|toml)\b",
    re.I,
)
_NOT_A_SECRET = lazy(r"\bpublic\s+(?:keys?|certificates?|certs?)|\bnot\s+a\s+secret|\bno\s+secrets?\b|"
                     r"\btrust\s*store\b|\bcertificates?\s+only\b|\breferences?,?\s+not\s+(?:the\s+)?secrets?\b|"
                     r"\bnothing\s+secret\b|\bnever\s+written\s+to\s+disk\b|\bnot\s+(?:the\s+)?secrets?\s+themselves\b",
                     re.I)
# key material said to be public: "JWK thumbprint (public, for checking the JWKS)", "fingerprint ... public by design"
_MATERIAL = lazy(r"\b(?:keys?|thumbprints?|fingerprints?|kid|jwks?|certificates?|certs?)\b", re.I)
# what is public by its nature: a server's host key, a fingerprint or thumbprint ("Kestrel host key (pin this)")
_PUBLIC_BY_NATURE = lazy(r"\bhost\s+keys?\b|\bfingerprints?\b|\bthumbprints?\b|\bpublic\s+keys?\b", re.I)
# a line about every call's headers ("Headers for both: ..."): no system's credential
_PINNED = lazy(r"\bpinned\b|\bpins?\b", re.I)
_FACET_LEAD = lazy(r"^\W*headers?\b", re.I)
_PUBLIC_MATERIAL = lazy(r"\b(?:thumbprints?|fingerprints?|kid|jwks?)\b(?=[^\n]*\bpublic\b)"
                        r"|\bpublic\b(?=[^\n]*\b(?:thumbprints?|fingerprints?|kid|jwks?)\b)", re.I)
_KEYLESS = lazy(rf"\b(?:managed\s+identit(?:y|ies)|workload\s+identit(?:y|ies)|jwks|{_NOTHING_STORED}|"
                r"no\s+(?:shared\s+|stored\s+|static\s+)?(?:secrets?|credentials?|keys?|passwords?)(?!\s+(?:in|on|are|is))|"
                r"assumes?\s+(?:the\s+|an?\s+)?(?:iam\s+)?role|role\s+assumption|sts\s+(?:sessions?|credentials|tokens?))\b"
                r"|\bpublic\s+keys?\s+(?:are\s+|is\s+)?published|\bkeys\s+are\s+published", re.I)
_SUBJECT = lazy(
    r"(?<![\w-])(?:the\s+|The\s+)?((?:[A-Z][\w.&-]*\s+){0,3}?[A-Z][\w.&-]*|`[\w./-]+`)\s+(?:"
    r"(?:shall|must|will|should)\s+(?:also\s+)?(?:authenticate|sign|authori[sz]e|identify|present|connect|"
    r"log\s+in|obtain)|authenticates|signs|authori[sz]es|"
    r"identifies|calls|presents|sends|uses|publishes|consumes|connects|subscribes|logs\s+in|generates|holds|obtains|"
    r"receives|is\s+(?:onboarded|issued|given|enrolled))\b"
)
_BOTH_SIDES = lazy(r"\b(?:both|each)\s+(?:sides?|systems?|gateways?|parties|partners?|ends?|directions?)\b", re.I)
# "all secrets", "each system"; not a period ("every 180 days", "each quarter") nor "all of it"
_VERB = lazy(r"\b(?:has|have|is|are|was|were|may|must|can|will|shall|does|do)\b", re.I)
_PRONOUN = lazy(r"^\W*(?:your|our|their|my|we|you|they|its|his|her)\b", re.I)
_NAME = r"((?:[A-Z][\w.&-]*\s+){0,2}?[A-Z][\w.&-]*)"
_CALLED_WITH = lazy(r"\b(?:calls?|calling|reach(?:es)?|access(?:es)?|connects?\s+to)\s+(?:the\s+)?" + _NAME +
                    r"(?:\s+API)?\s+(?:with|using|via|by\s+means\s+of)\b")
_ITS_DELIVERIES = lazy(r"^\W*(?:the\s+)?" + _NAME + r"(?:'s)?\s+(?:webhook|notification|callback|event|message)s?\b"
                       r"[^.;]{0,40}?\b(?:are|is|must\s+be|shall\s+be|will\s+be)\s+(?:signed|checked|verified|"
                       r"authenticated)\b")
_SAME_AS_BEFORE = lazy(r"(?:^|[.;]\s+)(?:the\s+)?same\s+(?:[\w-]+\s+){0,2}?(?:realm|mechanism|scheme|set-?up|provider|idp|"
                       r"tenant|issuer|authori[sz]ation\s+server|auth\w*|as\s+above)\b", re.I)
_OWNED_FIELD = lazy(r"^(.{2,40}?)\s+[—–-]\s+(.{3,40})$")
_CREDENTIAL_NAME = lazy(r"\b(?:api\s+)?(?:keys?|tokens?|certificates?|certs?|passwords?|client\s+secrets?)\W*$", re.I)
# a config block's generic container key ("Parameters", "Properties", "spec"): it names no system
_CONTAINER = lazy(r"^(?:parameters|params|properties|props|spec|config|configuration|settings|metadata|resources|values|"
                  r"data|options|args|arguments|inputs|with|env|environment|definition)$", re.I)
_OTHER_PARTS = {"errors", "retry", "dead_letter", "monitoring", "mappings", "idempotency"}  # not a system's key
_FORBIDDEN = lazy(r"[^.;]{0,80}?\b(?:fails?|are\s+rejected|is\s+rejected|(?:is|are)\s+(?:forbidden|prohibited|not\s+(?:allowed|"
                  r"permitted|accepted))|must\s+not|may\s+not|never)\b", re.I)
_EVERY = lazy(r"\b(?:all|every|each|both|any)\b(?!\s+(?:\d[\d,.]*\s*|other\s+|second\s+|third\s+|"
              r"(?:two|three|four|five|six|seven|eight|nine|ten|twelve|few)\s+)?"
              r"(?:days?|weeks?|months?|years?|quarters?|hours?|minutes?|seconds?|night|morning|time|call|request|"
              r"deploy\w*|release)\b)", re.I)
_PLURAL_SUBJECT = lazy(r"^\W*(?:the\s+|our\s+)?(?:secrets|credentials|keys|tokens|certificates|passwords)\b", re.I)
_MONITORED = lazy(r"\b(?:alert\w*|warn\w*|page[sd]?|metric|threshold|dashboard)\b", re.I)
_ROTATION_VERB = lazy(r"\b(rotat\w+|renew\w*|re-?issu\w+|regenerat\w+|roll(?:ed|ing)?\s+over|replac\w+\s+every|"
                        + _PERIODIC_CHANGE + r")\b", re.I)

def mechanism(text: str) -> str | None:
    """The first mechanism the text names, not one it denies ("no shared secret: ... assumes role ...")."""
    for match in _MECHANISM.finditer(text):
        if not _DENIED.search(text, max(0, match.start() - 12), match.start()):
            return match.group(0)
    return None


_DENIED = lazy(r"\b(?:no|without|not\s+an?|never\s+an?)\s+$", re.I)
rotation = lambda text: _first(_ROTATION, text)  # noqa: E731
storage = lambda text: _first(_STORAGE, text)  # noqa: E731
keyless = finds(_KEYLESS)
# a credential that expires by itself: each one is issued for a short time, so there is nothing to rotate by hand
_SELF_EXPIRING = lazy(r"\b(?:short[- ]lived|dynamic|ephemeral|leased|one[- ]time)\s+(?:\w+\s+)?(?:credentials?|secrets?|"
                      r"passwords?|tokens?|certificates?|keys?)\b|\blease\s+ttl\b|\b(?:pre-?signed|signed)\s+(?:urls?|links?)\b",
                      re.I)  # a pre-signed URL expires by itself: nothing to rotate
self_expiring = finds(_SELF_EXPIRING)


def _rotation_verb(text: str) -> str | None:
    return _first(_ROTATION_VERB, text)


def _first(pattern, text: str) -> str | None:
    match = pattern.search(text)
    return match.group(0) if match else None


def unsafe_storage(text: str) -> str | None:
    """Credentials kept in code, a repository or a config file; not "never in config files"."""
    if _NOT_A_SECRET.search(text):
        return None
    match = said(_UNSAFE_STORE, text)
    if match and _FORBIDDEN.match(text, match.end()):
        return None  # "Credentials in source code or configuration files ... fail certification": a rule against it
    return match.group(0).lower() if match else None


class _Reader:
    def __init__(self, r: Reading):
        self.r = r
        self.entries = r.spec.auth
        self.from_prose: set[int] = set()  # ids of entries started by a sentence
        self.taken: set[int] = set()
        self.sides: list[tuple[str, object]] = []  # systems said to authenticate outside the auth part
        self.shared: dict[str, Value] = {}

    def run(self) -> None:
        r = self.r
        for section in r.doc.root.walk():
            if "auth" not in r.topics.of(section):
                continue
            label, unit = r.vocab.label(section.title)
            if label and r.vocab.section_parts(label) == ("auth",) and self._is_system(unit) and not section.children \
                    and not self._has_table(section):
                self._from_section(section, unit)  # "## Authentication — HiveScale API (F3)": that system's
                continue
            for child in section.children:
                if not r.topics.own.get(id(child)) and self._is_system(child.title):
                    self._from_section(child)
        for statement in r.statements:
            if id(statement) in self.taken or statement.shape == "code" or id(statement.code) in r.examples:
                continue
            if statement.shape == "row":
                kind = r.topics.table(statement.table, tuple(statement.placed))
                if kind is not None and kind[0] == "auth":
                    self._row(statement, kind[1])
                    continue
            if "auth" in statement.placed:
                self._placed(statement)
                self._elsewhere(statement)
            elif "auth" in statement.topics and statement.shape != "heading":
                self._spec_wide(statement.text, statement.span)
                self._elsewhere(statement)
        self._config()
        for entry in self.entries:  # "**v1 key:** stays in Secrets Manager ...": the credential's name says what it is
            if entry.mechanism is None and entry.system is not None and _CREDENTIAL_NAME.search(entry.system.text):
                entry.mechanism = entry.system
        self._drop_strangers(r)
        named = {_caller(e.system.text) for e in self.entries if e.system is not None}
        other = next((span for subject, span in self.sides if system_word(subject) not in named), None)
        if self.entries and other is None and len(self.entries) < 2:
            other = self._second_credential(r)
        if self.entries and other is not None:
            r.spec.evidence.setdefault("auth:sides", other)  # "RandoMax generates a key pair ..." under onboarding
        r.shared.update({f"auth.{name}": fact for name, fact in self.shared.items()})
        if self.entries:
            r.mark("auth", self.entries[0].span)

    def _drop_strangers(self, r: Reading) -> None:
        """An entry that names no mechanism and keeps nothing, for something that is none of the document's
        systems ("NBC-430 Key Vault references in App Service config — Done", a ticket's sub-task): no entry."""
        named = [e for e in self.entries if e.system is not None and e.mechanism is not None]
        known = {word for flow in r.spec.flows for v in (flow.source, flow.destination) if v is not None
                 for word in _words(v.text)} | {word for e in named for word in _words(e.system.text)}
        if not known:
            return
        strangers = [e for e in self.entries if e.mechanism is None and e.storage is None and e.system is not None
                     and not _words(e.system.text) & known]
        kinds = _kinds(named)
        # a config block's credential (`KAFKA_SASL_MECHANISM: SCRAM-SHA-512`) that a named system's entry describes
        strangers += [e for e in self.entries if e.system is None and e.mechanism is not None and named
                      and set(_families(e.mechanism.text)) <= kinds]
        if strangers and len(strangers) < len(self.entries):
            self.entries[:] = [e for e in self.entries if e not in strangers]

    def _second_credential(self, r: Reading):
        """Where the document keeps or rotates a credential of another kind than the one entry's (a webhook's
        signing secret beside an OAuth client): the other side's authentication, told where no entry was read."""
        kinds = _kinds(self.entries)
        if not kinds:
            return None
        for statement in r.statements:
            if "auth" not in statement.topics or statement.shape in ("heading", "code"):
                continue
            # a managed identity reaching the vault is how a secret is read, not another credential
            said = re.sub(r"`[^`]*`", " ", statement.text)  # `paystream-api-key` names a secret, not a kind
            found = {next(iter(_families(m.group(0))), "") for m in _MECHANISM.finditer(said)} - {"", "identity"}
            # a credential of its own kind, its section saying where it is kept or how it is rotated (not a
            # header's name in a contract)
            if found and not found & kinds:
                around = " ".join(s.text for s in r.within(statement.section, own=True)) \
                    if "auth" in r.topics.of(statement.section) else statement.text
                if (_STORAGE.search(around) or _ROTATION.search(around)) and not is_placeholder(around):
                    return statement.span  # an open value ("rotation: TBD") is a gap to report, not evidence
        return None

    def _config(self) -> None:
        """Auth in configuration blocks: a list of entries (`auth: [{system: ..., mechanism: ...}]`), or
        keys under an auth key (`ledger.auth.mechanism=oauth2`, `ledger.auth.rotation-days=90`)."""
        r = self.r
        for span, fields in r.code_records("auth"):
            self.entries.append(Auth(span, **{name: value(text, where) for name, (text, where) in fields.items()}))
        groups: dict[tuple[int, str], Auth] = {}
        told = bool(self.entries)
        for statement in r.statements:
            if statement.shape != "code-key" or id(statement.code) in r.examples or "[" in statement.key:
                continue
            parts = statement.key.split(".")
            at = next((i for i, part in enumerate(parts[:-1]) if "auth" in r.vocab.section_parts(words_of_key(part))),
                      None)
            if at is None or any(set(r.vocab.section_parts(words_of_key(part))) & _OTHER_PARTS for part in parts[:at]):
                continue  # `error_classes.auth.codes`: a class of errors, not a system's credentials
            owner = ".".join(parts[: at + 1])
            container = at and _CONTAINER.match(parts[at - 1])
            if container and told:
                continue  # `PutListing.Parameters.Authentication`: a detail of a credential told in the text, no system
            entry = groups.get((id(statement.code), owner))
            if entry is None:
                system = words_of_key(parts[at - 1]) if at and not container else ""
                entry = Auth(statement.span, system=value(system, statement.span) if system else None)
                groups[(id(statement.code), owner)] = entry
            name = r.vocab.field("auth", words_of_key(".".join(parts[at + 1:])))
            if name and name != "system" and statement.value and getattr(entry, name) is None:
                setattr(entry, name, value(statement.value, statement.span))
            self._keywords(entry, statement.value, statement.span)
        self.entries.extend(entry for entry in groups.values()
                            if entry.mechanism is not None or entry.rotation is not None or entry.storage is not None)

    # -- entries ------------------------------------------------------------------------------
    def _is_system(self, title: str) -> bool:
        vocab = self.r.vocab
        return (not vocab.section_parts(title, nested=True) and vocab.field("auth", title) in (None, "system")
                and len(title) <= 60 and not _TRANSPORT.match(title.strip(" *`.:"))
                and not _PRONOUN.match(strip_numbering(title))  # "2.1 Your calls to us": a direction, no name
                and not _VERB.search(title)  # "The webhook has one permission: ...": a clause
                and not structural(title)  # "**Summary:** OAuth towards PressPerfect, ..."
                and not _UNIT_LABEL.match(strip_numbering(title).strip(" *`.:"))  # "**Flow D2**": a flow, no system
                and not _HEADER_NAME.match(title.strip(" *"))  # "`Content-Type`", "X-Request-Id": a header
                and not any(vocab.field_exactly(part, title) for part in _FIELD_PARTS))  # "Codes: 200 taken ..."

    def _has_table(self, section: Section) -> bool:
        """A table of systems under the section ("| System | Mechanism | ..."): one entry per row, not one."""
        return any(s.shape == "row" and (self.r.topics.table(s.table, ("auth",)) or ("",))[0] == "auth"
                   for s in self.r.within(section))

    def _from_section(self, section: Section, system: str = "") -> None:
        """A sub-heading naming one system, with how it authenticates below."""
        entry = Auth(section.span, system=value(system or section.title, section.span))
        statements = [s for s in self.r.within(section) if s.shape != "code"]
        for statement in statements:
            pair = key_value(statement.text) if statement.shape != "row" else (statement.key, statement.value)
            name = self.r.vocab.field("auth", pair[0]) if pair and pair[0] else None
            if name and name != "system" and pair[1].strip():
                setattr(entry, name, value(pair[1], statement.span))
            self._keywords(entry, statement.text, statement.span)
        if entry.mechanism is None and entry.rotation is None and entry.storage is None:
            return
        self.entries.append(entry)
        self.taken.update(id(s) for s in statements)

    def _row(self, statement, columns: dict[int, str]) -> None:
        cells = statement.row.cells
        fields = {name: value(cells[i].text, cells[i].span) for i, name in columns.items() if i < len(cells)}
        entry = Auth(statement.span, **fields)
        # a fact in another column ("Notes: secret in Vault, rotated yearly") belongs to the row
        for index, cell in enumerate(cells):
            if index not in columns:
                self._keywords(entry, cell.text, cell.span)
        self.entries.append(entry)

    def _placed(self, statement) -> None:
        """A statement under an auth heading: a system's entry, a field of the last entry, or prose."""
        text = statement.text
        if statement.key and structural(statement.key):  # "**Summary:** OAuth towards them; every secret in ..."
            self._spec_wide(statement.value, statement.span)  # says again what the entries below say
            return
        if statement.shape in ("item", "line") and statement.depth == 0:
            nested = [n for n in self.r.under(statement) if n.shape == "item"]
            if statement.key:
                key, rest = statement.key, statement.value
                field = self.r.vocab.field("auth", key)
                is_system = field is None or (field == "system" and not self.r.vocab.names_exactly("auth", key, "system"))
                lead_in = not nested and (not rest.strip() or rest.rstrip(" *").endswith(":"))
                if is_system and self._is_system(key) and not lead_in:  # not "**Now — per direction:**" over a table
                    if (_MATERIAL.search(key) and _PUBLIC_MATERIAL.search(text)) or _NOT_A_SECRET.search(key) or \
                            _PUBLIC_BY_NATURE.search(key) or _FACET_LEAD.match(key):
                        return  # "Not a secret: ...", "Current signing key: JWK thumbprint (public)": no credential
                    owner = self._credential_owner(key)
                    if owner is not None:  # "client secret: every 90 days": the OAuth entry's secret, no system
                        self._keywords(owner, rest, statement.span)
                        if owner.rotation is None and re.search(_PERIOD, rest, re.I):  # "...: every 90 days"
                            owner.rotation = value(rest, statement.span)
                        return
                    self._entry(key, rest, statement, nested)
                    return
            elif nested and self._nested_fields(nested) and self._is_system(text):
                self._entry(text, "", statement, nested)
                return
        if statement.depth > 0 and statement.parent is not None and id(statement.parent) in self.taken:
            return
        pair = (statement.key, statement.value) if statement.key else None
        if pair:
            owner = None
            owned = _OWNED_FIELD.match(pair[0])  # "Plant Portal — renewal": that system's field
            if owned and self.r.vocab.field("auth", owned.group(2)) not in (None, "system") and \
                    self._is_system(owned.group(1)):
                pair = (owned.group(2), pair[1])
                owner = next((e for e in self.entries if e.system is not None and e.system.text == owned.group(1)), None)
                if owner is None:
                    owner = Auth(statement.span, system=value(owned.group(1), statement.span))
                    self.entries.append(owner)
            name = self.r.vocab.field("auth", pair[0])
            if name and name != "system":
                if owner is None and not self.entries:
                    self.entries.append(Auth(self.r.spec.sections.get("auth", statement.span)))
                entry = owner or self.entries[-1]
                if pair[1].strip():
                    setattr(entry, name, value(pair[1], statement.span))
                self._keywords(entry, pair[1], statement.span)
                return
        if statement.shape in ("sentence", "item", "line", "code-comment"):
            self._prose(text, statement.span)
        elif statement.shape == "row" and statement.row is not None:  # a procedure's step: "| 6.6.1 | DSIH
            # authenticates to OrthoLoan with OAuth 2.0 ... | DSIT | QF-118 |": its sentences
            said = max((cell.text for cell in statement.row.cells), key=len, default="")
            if len(said.split()) >= 6:
                self._prose(said, statement.span)

    def _elsewhere(self, statement) -> None:
        """A sentence whose subject authenticates by a mechanism ("RandoMax generates a key pair and
        sends a CSR"): evidence of that system's side, however little else it says."""
        for _offset, sentence in sentences(statement.text):
            subject = _subject(sentence) if mechanism(sentence) else None
            if subject:
                self.sides.append((subject, statement.span))
            elif mechanism(sentence) and _BOTH_SIDES.search(sentence):  # "Both gateways sign with X.509 certificates"
                self.sides.append(("", statement.span))

    def _nested_fields(self, nested) -> bool:
        for item in nested:
            pair = key_value(item.text)
            if pair and self.r.vocab.field("auth", pair[0]) in ("mechanism", "rotation", "storage"):
                return True
        return False

    def _entry(self, system: str, rest: str, statement, nested) -> None:
        span = statement.span
        entry = self._credential_of(system)
        if entry is None:
            entry = Auth(span, system=value(system, span))
            self.entries.append(entry)
        offset = 0
        for segment in re.split(r"(;\s+|\s·\s|\n)", rest):  # "mechanism: mTLS; rotation: yearly; storage: HSM"
            pair = key_value(segment)
            name = self.r.vocab.field("auth", pair[0]) if pair else None
            if name and name != "system" and pair[1].strip() and getattr(entry, name) is None:
                setattr(entry, name, value(pair[1], _line_of(span, rest, offset)))
            offset += len(segment)
        self._keywords(entry, rest, span)
        for item in nested:
            pair = key_value(item.text)
            if pair and self.r.vocab.field("auth", pair[0]) and pair[1].strip():
                setattr(entry, self.r.vocab.field("auth", pair[0]), value(pair[1], item.span))
            self._keywords(entry, item.text, item.span)
            self.taken.add(id(item))

    def _credential_owner(self, name: str) -> Auth | None:
        """The one entry whose mechanism is of the kind a bare credential's name says ("client secret",
        "webhook signing secret", "AMQP client cert" with no system's name of its own): the credential it
        tells more of, not a system."""
        if not _CREDENTIAL_WORD.search(name) or _credential_of_named(name):
            return None
        kinds = set(_families(name)) - {"identity"}
        owners = [e for e in self.entries if e.mechanism is not None and kinds & set(_families(e.mechanism.text))]
        return owners[0] if kinds and len(owners) == 1 else None

    def _credential_of(self, name: str) -> Auth | None:
        """The entry of the system a credential's name names ("SurfaceLab client secret" after "SurfaceLab
        API"): that system's credential, not a system of its own."""
        if not _CREDENTIAL_WORD.search(name):
            return None
        own = _bare_system(name)
        return next((e for e in reversed(self.entries) if own and e.system is not None
                     and _bare_system(e.system.text) == own), None)

    def _prose(self, text: str, span) -> None:
        """Auth told in sentences. A sentence whose subject is a system starts that system's entry; the
        sentences after it complete it. A sentence about every system is spec-wide."""
        entries = self.entries
        if entries and not all(id(entry) in self.from_prose for entry in entries):
            if _EVERY.search(text) and len(entries) > 1:
                self._spec_wide(text, span)
            elif not _another_credential(entries[-1], text):
                self._keywords(entries[-1], text, span)  # prose under a table or list of systems
            return
        for offset, sentence in sentences(text):
            where = _line_of(span, text, offset)
            subject = _subject(sentence) if mechanism(sentence) else None
            named = {entry.system.text.lower() for entry in entries if entry.system is not None}
            if subject and subject.lower() not in named:
                if entries and entries[-1].system is None and entries[-1].mechanism is None:
                    entries[-1].system = value(subject, where)
                else:
                    entries.append(Auth(where, system=value(subject, where)))
                    self.from_prose.add(id(entries[-1]))
            elif not entries and mechanism(sentence):
                entries.append(Auth(where))
                self.from_prose.add(id(entries[-1]))
            elif entries and (_EVERY.search(sentence) or _PLURAL_SUBJECT.match(sentence)) and not subject:
                self._spec_wide(sentence, where)
                continue
            if entries:
                self._keywords(entries[-1], sentence, where)

    def _spec_wide(self, text: str, span) -> None:
        """Storage or rotation said of every system ("all secrets live in Secret Manager", "credentials are
        rotated every 90 days"): it holds for every entry that does not say otherwise."""
        if not (_EVERY.search(text) or _PLURAL_SUBJECT.match(text)) or _MONITORED.search(text):
            return
        for name, finder in (("storage", storage), ("rotation", _rotation_verb)):
            if name not in self.shared:
                phrase = finder(text)
                if phrase:
                    self.shared[name] = value(phrase, span)

    def _keywords(self, entry: Auth, text: str, span) -> None:
        """Mechanism, rotation and storage told by what the text says, when no key named them: the
        mechanism by its name, rotation and storage by the clause that says them ("stored in the `.env`
        file of the container"), so that what the clause says of them can be judged."""
        if entry.mechanism is None and _SAME_AS_BEFORE.search(text):  # "**TOS API (X2).** Same Keycloak realm. ..."
            before = [e for e in self.entries if e is not entry and e.mechanism is not None and e.span.line < entry.span.line]
            if before:
                entry.mechanism = before[-1].mechanism
        for name, finder in (("mechanism", mechanism), ("rotation", rotation), ("storage", storage)):
            if getattr(entry, name) is None:
                phrase = finder(text)
                if phrase:
                    at = max(0, text.find(phrase))
                    said = phrase if name == "mechanism" else _clause(text, at)
                    if name == "storage" and (_PUBLIC_BY_NATURE.search(said) or _PINNED.search(said)):
                        continue  # "the server certificate is pinned by its fingerprint in `app.toml`": nothing secret
                    setattr(entry, name, value(said, _line_of(span, text, at)))


def read(r: Reading) -> None:
    _Reader(r).run()


_CLAUSE_END = lazy(r"[;.](?:\s|$)|\s[—–]\s")


def _clause(text: str, at: int) -> str:
    """The clause of `text` around offset `at`: from the last ";" or sentence end before it to the next."""
    start = 0
    for match in _CLAUSE_END.finditer(text, 0, at):
        start = match.end()
    end = _CLAUSE_END.search(text, at)
    return text[start : end.start() if end else len(text)].strip()


def _caller(system: str) -> str:
    """Who holds an entry's credential: "Catalogue API (called by the ILS)" -> ils; "A → B" -> a."""
    called = re.search(r"\bcalled\s+by\s+(?:the\s+)?([\w.+-]+)", system, re.I)
    if called:
        return system_word(called.group(1))
    return system_word(re.split(r"\s*(?:→|->)\s*", system)[0])


def _subject(sentence: str) -> str | None:
    """The system a sentence says authenticates: "The ILS authenticates to ShelfCloud with ..." -> "ILS";
    the system called with a credential when the caller goes unnamed ("The worker must call InkBook with
    OAuth 2.0 ...", "StudioFlow webhook HMACs are checked with ...") -> that system's side."""
    match = _SUBJECT.search(sentence) or _CALLED_WITH.search(sentence) or _ITS_DELIVERIES.search(sentence)
    return match.group(1) if match else None


def _line_of(span, text: str, offset: int):
    """`span` for a place on the first line of `text`; the start of its own line for a later one."""
    extra = text.count("\n", 0, offset)
    return span if not extra else span._replace(line=span.line + extra, column=1, end_line=span.line + extra,
                                                end_column=1)


# families of mechanism: a signature and an OAuth token are two credentials, a token and a bearer one
_FAMILIES = (("signature", r"hmac|sign|signature|shared\s+secret"), ("certificate", r"tls|certificate|x\.509|mtls"),
             ("token", r"oauth|client[- ](?:credentials|secrets?)|token|jwt|oidc|openid|saml"),
             ("key", r"api[- ]key|private\s+key|key\s+pair|ssh|sftp|pgp|rsa|ecdsa|ed25519"),
             ("password", r"password|basic|kerberos|ntlm|sasl|scram"),
             ("identity", r"identit|iam|service\s+account|sas\b|shared\s+access"))


_CREDENTIAL_WORD = lazy(r"\b(?:secrets?|keys?|tokens?|credentials?|certificates?|certs?|passwords?)\b", re.I)
_NOT_THE_SYSTEM = lazy(r"\b(?:client|api|service|server|secrets?|keys?|tokens?|credentials?|certificates?|certs?|"
                       r"passwords?|access|signing|private|public|oauth2?)\b|[^\w\s]", re.I)


_FIELD_PARTS = ("contracts", "flows", "errors", "retry", "monitoring", "mappings", "dead_letter")  # whose field names no system
_HEADER_NAME = lazy(r"^`?(?:content-type|accept|authorization|idempotency-key|x-[\w-]+|[a-z]+(?:-[a-z]+)*-(?:id|key|type|"
                    r"length|encoding|signature|timestamp))`?$", re.I)
_UNIT_LABEL = lazy(r"^(?:flows?|contracts?|endpoints?|interfaces?|journeys?|steps?|stories|story|use\s+cases?|"
                   r"scenarios?|requirements?|rules?|items?|appendix|annex|section|table|figure)\s+[A-Z0-9][\w.-]{0,5}$", re.I)


_CREDENTIAL_NOUN = lazy(r"\b(?:(?:tls\s+|x\.509\s+|server\s+|client\s+)?certificates?|certs?|api[- ]keys?|client[- ]secrets?|"
                       r"passwords?|hmac|signing\s+secrets?|shared\s+secrets?|access\s+tokens?)\b", re.I)


def _another_credential(entry: Auth, text: str) -> bool:
    """Whether `text` tells of a credential of another kind than `entry`'s mechanism ("TLS uses a DigiCert
    certificate, renewed 30 days before expiry" after an API key's entry): not that entry's rotation."""
    if entry.mechanism is None:
        return False
    said = {next(iter(_families(m.group(0))), "") for m in _CREDENTIAL_NOUN.finditer(re.sub(r"`[^`]*`", " ", text))}
    said -= {""}
    own = set(_families(entry.mechanism.text))  # an identity's password or token is its own credential
    return bool(said) and bool(own) and "identity" not in own and not said & own


def _credential_of_named(name: str) -> bool:
    """Whether a credential's name also names its system ("SurfaceLab client secret"): a capitalised word
    left beside the credential words, not a protocol's ("AMQP", "HMAC-SHA256", "TLS")."""
    return any(word[:1].isupper() and not word.isupper() for word in _bare_system_words(name))


def _bare_system_words(name: str) -> list[str]:
    return _NOT_THE_SYSTEM.sub(" ", name).split()


def _bare_system(name: str) -> str:
    """A name without its credential and interface words and marks: "✅ SurfaceLab client secret" and
    "SurfaceLab API" are both "surfacelab"."""
    return " ".join(_NOT_THE_SYSTEM.sub(" ", name).lower().split())


def _families(text: str) -> list[str]:
    lowered = text.lower()
    return [name for name, words in _FAMILIES if re.search(words, lowered)]


def _kinds(entries) -> set[str]:
    """The families of the mechanisms `entries` name."""
    return {kind for e in entries if e.mechanism is not None for kind in _families(e.mechanism.text)}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]{3,}", text.lower()))
