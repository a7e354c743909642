"""Authentication: per system, its mechanism, rotation, scopes and credential storage.

One entry per system, from a table with a system column, a list item or sub-heading naming a system,
or a sentence whose subject is a system ("ShelfCloud signs its notifications with ..."). What is said
of no system in particular ("all secrets live in Secret Manager", a rotation rule for every
credential) is kept spec-wide; the scope step gives it to every entry that does not say otherwise.
"""

from __future__ import annotations

import re

from ..document.model import ListBlock, Paragraph, Section
from ..model import Auth, Value, evidence
from .auth_rotation import lend_rotation
from .auth_sides import kinds as _kinds, other_side
from .auth_words import (ARROW_LEAD, BOTH_SIDES, CALLED_WITH, CONTAINER, CREDENTIAL_NAME, CREDENTIAL_WORD, DENIED,
                         DIRECTION, EVERY, FACET_LEAD, ITS_DELIVERIES, LIFECYCLE_TITLE, MATERIAL,
                         MONITORED, NOT_A_SECRET, OTHER_PARTS, OWNED_FIELD, PERIOD, PINNED, PLURAL_SUBJECT,
                         PUBLIC_BY_NATURE, PUBLIC_MATERIAL, SAME_AS_BEFORE, SIGNED_BY, SPEAKER, SUBJECT, TRANSPORT,
                         VERB, caller, families, mechanism, name_words, rotation, rotation_verb, storage)
from .context import Reading
from .lazy_re import lazy
from .statements import key_value, words_of_key
from .text import PRONOUN, sentences, structural, system_word
from .values import value
from .vocabulary import strip_numbering


class _Reader:
    def __init__(self, r: Reading):
        self.r = r
        self.entries = r.spec.auth
        self.from_prose: set[int] = set()  # ids of entries started by a sentence
        self.taken: set[int] = set()
        self.sides: list[tuple[str, object]] = []  # systems said to authenticate outside the auth part
        self.directions: dict[str, object] = {}  # "inbound", "our": a direction whose credential is said
        self._label: tuple | None = None  # (direction, section, line) of the sentence that named one ("... from Xero.")
        self.shared: dict[str, Value] = {}

    def run(self) -> None:
        r = self.r
        # sections the words under them place in auth, under a heading that names no part ("Who's calling whom"
        # over "**Shop → Envelope:**" and "**Envelope → Shop:**"): each names the system it tells of
        voted = {id(s.section) for s in r.statements if s.shape == "heading" and "auth" in s.placed
                 and "auth" not in r.topics.of(s.section)}
        for section in r.doc.root.walk():
            if id(section) in voted and not section.children and DIRECTION.search(section.title) and \
                    self._is_system(section.title) and \
                    not self._has_table(section) and any(id(other) in voted for other in r.topics.siblings.get(
                        id(section), ()) if other is not section):  # one system per sibling, not a lone "Keys"
                self._from_section(section)
                continue
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
                self._pointer(statement)
                self._placed(statement)
                self._elsewhere(statement)
            elif "auth" in statement.topics and statement.shape != "heading":
                self._spec_wide(statement.text, statement.span)
                self._elsewhere(statement)
        self._config()
        for entry in self.entries:  # "**v1 key:** stays in Secrets Manager ...": the credential's name says what it is
            if entry.mechanism is None and entry.system is not None and CREDENTIAL_NAME.search(entry.system.text):
                entry.mechanism = entry.system
        self._drop_strangers(r)
        lend_rotation(self.entries, r.statements)
        named = {caller(e.system.text) for e in self.entries if e.system is not None}
        other = next((span for subject, span in self.sides if system_word(subject) not in named), None)
        if self.entries and other is None and len(self.entries) < 2:
            other = other_side(r, self.entries)
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
                 for word in name_words(v.text)} | {word for e in named for word in name_words(e.system.text)}
        if not known:
            return
        strangers = [e for e in self.entries if e.mechanism is None and e.storage is None and e.system is not None
                     and not name_words(e.system.text) & known]
        kinds = _kinds(named)
        # a config block's credential (`KAFKA_SASL_MECHANISM: SCRAM-SHA-512`) that a named system's entry describes
        strangers += [e for e in self.entries if e.system is None and e.mechanism is not None and named
                      and set(families(e.mechanism.text)) <= kinds]
        # a summary named for its mechanisms ("HMAC-signed webhooks; OAuth 2.0 for inbound calls", a capability matrix's
        # cell), beside entries each named for a system: the detail it sums up is theirs
        systems = [e for e in named if not mechanism(e.system.text)]
        strangers += [e for e in named if len(systems) >= 2 and len(families(e.system.text)) >= 2
                      and not DIRECTION.search(e.system.text)]
        if strangers and len(strangers) < len(self.entries):
            self.entries[:] = [e for e in self.entries if e not in strangers]

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
            if at is None or any(set(r.vocab.section_parts(words_of_key(part))) & OTHER_PARTS for part in parts[:at]):
                continue  # `error_classes.auth.codes`: a class of errors, not a system's credentials
            below = len(parts) - at > 2 and not r.vocab.field("auth", words_of_key(parts[at + 1]))
            if below:  # `auth.stemma.method`: the system under the auth key, its fields under it
                owner = ".".join(parts[: at + 2])
            else:
                owner = ".".join(parts[: at + 1])
            container = at and CONTAINER.match(parts[at - 1])
            if container and told and not below:
                continue  # `PutListing.Parameters.Authentication`: a detail of a credential told in the text, no system
            entry = groups.get((id(statement.code), owner))
            if entry is None:
                system = words_of_key(parts[at + 1]) if below else words_of_key(parts[at - 1]) if at and not container \
                    else ""
                entry = Auth(statement.span, system=value(system, statement.span) if system else None)
                groups[(id(statement.code), owner)] = entry
            name = r.vocab.field("auth", words_of_key(".".join(parts[at + 2:] if below else parts[at + 1:])))
            if name and name != "system" and statement.value and getattr(entry, name) is None:
                setattr(entry, name, value(statement.value, statement.span))
            self._keywords(entry, statement.value, statement.span)
        self.entries.extend(entry for entry in groups.values()
                            if entry.mechanism is not None or entry.rotation is not None or entry.storage is not None)

    # -- entries ------------------------------------------------------------------------------
    def _is_system(self, title: str) -> bool:
        vocab = self.r.vocab
        return (not vocab.section_parts(title, nested=True) and vocab.field("auth", title) in (None, "system")
                and len(title) <= 60 and not TRANSPORT.match(title.strip(" *`.:"))
                and not PRONOUN.match(strip_numbering(title))  # "2.1 Your calls to us": a direction, no name
                and not VERB.search(title)  # "The webhook has one permission: ...": a clause
                and not structural(title)  # "**Summary:** OAuth towards PressPerfect, ..."
                and not _UNIT_LABEL.match(strip_numbering(title).strip(" *`.:"))  # "**Flow D2**": a flow, no system
                and not _HEADER_NAME.match(title.strip(" *"))  # "`Content-Type`", "X-Request-Id": a header
                and not any(vocab.field_exactly(part, title) for part in _FIELD_PARTS)  # "Codes: 200 taken ..."
                and not EVERY.search(title)  # "**One rule for both:**", "All secrets": said of every system, none
                and not title.strip(" *`").startswith("@")  # "**@d.hale:** Rotation?": a person's handle in a thread
                and not _CONNECTION_FIELD.match(title.strip(" *`.:"))  # "**Callback URL**:", "**Username**:": a
                # detail a subscriber supplies, no system
                and not LIFECYCLE_TITLE.search(title)  # "4.3 Credential lifecycle": how every credential is kept
                and not DENIED.match(title.strip(" *`"))  # "Nothing in git": where no credential is
                and not (len(title.split()) >= 3 and re.fullmatch(r"[a-z ,'-]+", title.strip(" *`.:"))))  # "one rule
        # for all of them": a phrase in plain lower-case words, no name

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
        title = _ASIDE.sub("", statement.section.title) if statement.depth == 0 and statement.key else ""
        heading_field = self.r.vocab.field("auth", title) if title and _FIELD_TITLE.search(title) else None
        if self._said_for_all(heading_field, text, text, statement.span):
            return  # "### Credential rotation" over "One rule for both secrets: every 180 days ..."
        if statement.key and structural(statement.key):  # "**Summary:** OAuth towards them; every secret in ..."
            return  # (a summary says again what the entries below say; a notes label is taken off in flatten)
        if statement.key and SPEAKER.match(statement.key) and _TASKS.match(statement.heading):
            self._prose(statement.value, statement.span)  # "### Actions" over "- Priya: webhook secret rotated twice a
            return  # year": a task and its owner, no system
        if statement.shape in ("item", "line") and statement.depth == 0:
            nested = [n for n in self.r.under(statement) if n.shape == "item"]
            if statement.key:
                key, rest = statement.key, statement.value
                inner = key_value(rest.split("\n", 1)[0]) if SPEAKER.match(key) else None
                if inner and inner[0] and self._credential_owner(inner[0]) is not None:
                    key, rest = inner[0], inner[1].strip()  # "**Lena:** Client secret: rotated every 90
                    # days": a reply in a review thread, its speaker's name no system
                if PRONOUN.match(key) and CREDENTIAL_WORD.search(key) and mechanism(key) and \
                        self._credential_owner(key) is None and not nested:
                    # "**Your API key**: ...", "**Our webhook signing secret**: ...": each side's credential, named by
                    # whose it is, an entry of its own
                    entry = Auth(statement.span, mechanism=value(key, statement.span))
                    self.entries.append(entry)
                    self.taken.add(id(statement))
                    self._keywords(entry, rest, statement.span)
                    return
                field = self.r.vocab.field("auth", key)
                is_system = field is None or (field == "system" and not self.r.vocab.names_exactly("auth", key, "system"))
                lead_in = not nested and (not rest.strip() or rest.rstrip(" *").endswith(":"))
                if is_system and self._is_system(key) and not lead_in:  # not "**Now — per direction:**" over a table
                    if (MATERIAL.search(key) and PUBLIC_MATERIAL.search(text)) or NOT_A_SECRET.search(key) or \
                            PUBLIC_BY_NATURE.search(key) or FACET_LEAD.match(key):
                        return  # "Not a secret: ...", "Current signing key: JWK thumbprint (public)": no credential
                    owner = self._credential_owner(key)
                    if owner is not None:  # "client secret: every 90 days": the OAuth entry's secret, no system
                        self._keywords(owner, rest, statement.span)
                        if owner.rotation is None and re.search(PERIOD, rest, re.I):  # "...: every 90 days"
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
            owned = OWNED_FIELD.match(pair[0])  # "Plant Portal — renewal": that system's field
            if owned and self.r.vocab.field("auth", owned.group(2)) not in (None, "system") and \
                    self._is_system(owned.group(1)):
                pair = (owned.group(2), pair[1])
                owner = next((e for e in self.entries if e.system is not None and e.system.text == owned.group(1)), None)
                if owner is None:
                    owner = Auth(statement.span, system=value(owned.group(1), statement.span))
                    self.entries.append(owner)
            name = self.r.vocab.field("auth", _ASIDE.sub("", pair[0]) or pair[0])
            if owner is None and self._said_for_all(name, " ".join(pair), pair[1], statement.span):
                return  # "Rotation (both credentials) | every 90 days ...": every entry's, not the last one's
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
        # "**Steady state, authentication from Xero.** Every webhook carries ... HMAC-SHA256 ...": one direction's
        # credential, named by a sentence that labels it, on the line before or the same one
        label = self._label if self._label and self._label[1] is statement.section and \
            statement.span.line - self._label[2] <= 1 else None
        directed = _DIRECTED.search(statement.text)
        way = {"to": "outbound", "from": "inbound"}[directed.group(1).lower()] if directed else ""  # as "Inbound:" says
        self._label = (way, statement.section, statement.span.end_line) if directed else label
        if self._label and (mechanism(statement.text) or CREDENTIAL_WORD.search(statement.text)):
            self.directions[self._label[0]] = statement.span
        for _offset, sentence in sentences(statement.text):
            subject = _subject(sentence) if mechanism(sentence) else None
            side = _SIDE_LABEL.match(sentence)
            if subject:
                self.sides.append((subject, statement.span))
            elif (mechanism(sentence) or CREDENTIAL_WORD.search(sentence)) and BOTH_SIDES.search(sentence):
                # "Both gateways sign with X.509 certificates", "Both parties' certificates are rotated every 12 months"
                self.sides.append(("", statement.span))
            elif side and (mechanism(sentence) or CREDENTIAL_WORD.search(sentence)):
                # "Inbound: webhook secret shared with FieldPulse", "our side: `X-Cuisto-Key` partner keys": one
                # direction's credential; two directions said so are both sides
                self.directions[side.group(1).lower().replace("-", "").split()[0]] = statement.span
            if CREDENTIAL_WORD.search(sentence):  # "the API key (our calls to them) and the signing secret (their
                for way in _WAY.finditer(sentence):  # calls to us)": each credential's direction, said in passing
                    self.directions[way.group(1).lower()] = statement.span
        # "Airlog → PlayReport: station API key ... PlayReport → Airlog: webhooks are signed ...": each direction led by
        # its arrow, with a credential before the next one
        leads = list(ARROW_LEAD.finditer(statement.text))
        for number, lead in enumerate(leads):
            told = statement.text[lead.end():leads[number + 1].start() if number + 1 < len(leads) else None]
            if mechanism(told) or CREDENTIAL_WORD.search(told):
                self.directions[f"{lead.group(1)}>{lead.group(2)}".lower()] = statement.span
        if len(self.directions) >= 2:
            self.sides.append(("", next(iter(self.directions.values()))))

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
        field = self._lead_in_field(statement)
        if field and getattr(entry, field) is None and rest.strip() and (
                re.search(PERIOD, rest, re.I) or rotation_verb(rest) if field == "rotation" else storage(rest)):
            setattr(entry, field, value(rest, span))  # "Rotation, which IT keeps in a calendar:" over "- Client
            # secret: every 90 days; add the new one, ...": what each item gives is what its list's lead-in names
        self._keywords(entry, rest, span)
        for item in nested:
            pair = key_value(item.text)
            if pair and self.r.vocab.field("auth", pair[0]) and pair[1].strip():
                setattr(entry, self.r.vocab.field("auth", pair[0]), value(pair[1], item.span))
            self._keywords(entry, item.text, item.span)
            self.taken.add(id(item))

    def _lead_in_field(self, statement) -> str | None:
        """The auth field a list's lead-in names ("Rotation, which IT keeps in a calendar:", "Storage:"), for an item
        of that list: the paragraph right before the list, ending in a colon, opening with the field's word."""
        blocks = statement.section.blocks
        for number, block in enumerate(blocks):
            if isinstance(block, ListBlock) and block.span.line <= statement.span.line <= block.span.end_line:
                before = blocks[number - 1] if number else None
                if isinstance(before, Paragraph) and before.text.rstrip(" *_").endswith(":") and \
                        not _UNSETTLED.search(before.text):  # not "Rotation has not been planned yet; today's keys:"
                    field = self.r.vocab.field("auth", re.split(r"[,:(—–]", before.text.strip(" *_"), maxsplit=1)[0])
                    return field if field in ("rotation", "storage") else None
                return None
        return None

    def _credential_owner(self, name: str) -> Auth | None:
        """The one entry whose mechanism is of the kind a bare credential's name says ("client secret",
        "webhook signing secret", "AMQP client cert" with no system's name of its own): the credential it
        tells more of, not a system."""
        if not CREDENTIAL_WORD.search(name) or _credential_of_named(name):
            return None
        kinds = set(families(name)) - {"identity"}
        owners = [e for e in self.entries if e.mechanism is not None and kinds & set(families(e.mechanism.text))]
        return owners[0] if kinds and len(owners) == 1 else None

    def _credential_of(self, name: str) -> Auth | None:
        """The entry of the system a credential's name names ("SurfaceLab client secret" after "SurfaceLab
        API"): that system's credential, not a system of its own."""
        if not CREDENTIAL_WORD.search(name):
            return None
        own = _bare_system(name)
        return next((e for e in reversed(self.entries) if own and e.system is not None
                     and _bare_system(e.system.text) == own), None)

    def _prose(self, text: str, span) -> None:
        """Auth told in sentences. A sentence whose subject is a system starts that system's entry; the
        sentences after it complete it. A sentence about every system is spec-wide."""
        entries = self.entries
        if text.rstrip(" *_").endswith("?"):
            return  # "@d.hale: Rotation?": a question asks what the answer below it tells
        if entries and not all(id(entry) in self.from_prose for entry in entries):
            said_for_all = EVERY.search(text) and len(entries) > 1 and self._spec_wide(text, span)
            if not said_for_all and not _another_credential(entries[-1], text):
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
            elif entries and (EVERY.search(sentence) or PLURAL_SUBJECT.match(sentence)) and not subject and \
                    self._spec_wide(sentence, where):
                continue  # not "... and AGW trusts both certificates during the overlap": the entry's own rotation
            if entries:
                self._keywords(entries[-1], sentence, where)

    def _pointer(self, statement) -> None:
        """"Rotation is in section 5.", "Storage: see Appendix B": the part says where the fact of every entry is told.
        Loose evidence for each entry that tells none: the reader does not follow the pointer, and says nothing."""
        for found in _POINTER.finditer(statement.text):
            word = (found.group(1) or found.group(2)).lower()
            name = "rotation" if word.startswith(("rot", "renew")) else "storage"
            self.shared.setdefault(name, evidence(statement.text, statement.span))

    def _said_for_all(self, name: str | None, said: str, fact: str, span) -> bool:
        """A rotation or storage said once for every entry ("both", "all", "each" near its start): shared, whichever
        entry came last. Whether it was."""
        if name not in ("rotation", "storage") or len(self.entries) < 2 or not fact.strip() or not EVERY.search(said[:80]):
            return False
        self.shared.setdefault(name, value(fact, span))
        return True

    def _spec_wide(self, text: str, span) -> bool:
        """Storage or rotation said of every system ("all secrets live in Secret Manager", "credentials are
        rotated every 90 days"): it holds for every entry that does not say otherwise. Whether it says one."""
        if not (EVERY.search(text) or PLURAL_SUBJECT.match(text)) or MONITORED.search(text):
            return False
        said = False
        for name, finder in (("storage", storage), ("rotation", rotation_verb)):
            phrase = finder(text)
            if phrase and name not in self.shared:  # with its clause: "No secrets in the repo ...; both come from
                self.shared[name] = value(_clause(text, max(0, text.find(phrase))), span)  # the agent": not the repo
            said = said or bool(phrase)
        return said

    def _keywords(self, entry: Auth, text: str, span) -> None:
        """Mechanism, rotation and storage told by what the text says, when no key named them: the
        mechanism by its name, rotation and storage by the clause that says them ("stored in the `.env`
        file of the container"), so that what the clause says of them can be judged."""
        if entry.mechanism is None and SAME_AS_BEFORE.search(text):  # "**TOS API (X2).** Same Keycloak realm. ..."
            before = [e for e in self.entries if e is not entry and e.mechanism is not None and e.span.line < entry.span.line]
            if before:
                entry.mechanism = before[-1].mechanism
        if _NEEDS_NONE.search(text):
            return  # "Pre-signed data URLs need no further credential; they ... expire after 24 hours": no one's rotation
        for name, finder in (("mechanism", mechanism), ("rotation", rotation), ("storage", storage)):
            if getattr(entry, name) is None:
                phrase = finder(text)
                if phrase:
                    at = max(0, text.find(phrase))
                    said = phrase if name == "mechanism" else _clause(text, at)
                    if name == "storage" and (PUBLIC_BY_NATURE.search(said) or PINNED.search(said)):
                        continue  # "the server certificate is pinned by its fingerprint in `app.toml`": nothing secret
                    setattr(entry, name, value(said, _line_of(span, text, at)))


def read(r: Reading) -> None:
    _Reader(r).run()


# where a part of every entry is told, pointed at: "Rotation is in section 5.", "Storage: see Appendix B", "see §5
# for rotation"
_UNSETTLED = lazy(r"\b(?:not|no|nobody|never|yet|tbd|tbc|open\s+question|undecided|to\s+be\s+decided)\b", re.I)
_POINTER = lazy(r"\b(rotation|renewals?|storage)\b[^.\n]{0,30}?\b(?:is|are|:)?\s*(?:in|under|see|described\s+in|covered\s+in|"
                r"told\s+in|per)\s+(?:§\s*\d|(?:section|chapter|part|appendix|annex|schedule)\s+[\w.]+)"
                r"|\bsee\s+(?:§\s*|section\s+|chapter\s+|part\s+|appendix\s+|annex\s+)[\w.]+\s+for\s+(?:the\s+|their\s+)?"
                r"(rotation|renewals?|storage)\b", re.I)
_CLAUSE_END = lazy(r"[;.](?:\s|$)|\s[—–]\s")


def _clause(text: str, at: int) -> str:
    """The clause of `text` around offset `at`: from the last ";" or sentence end before it to the next."""
    start = 0
    for match in _CLAUSE_END.finditer(text, 0, at):
        start = match.end()
    end = _CLAUSE_END.search(text, at)
    return text[start : end.start() if end else len(text)].strip()


# a line that says which way its credential goes: "Inbound: ...", "our side: ...", "Outgoing calls use ..."
_SIDE_LABEL = lazy(r"^\W*(inbound|outbound|incoming|outgoing|our\s+side|your\s+side|their\s+side|us\s*(?:→|->)|"
                   r"(?:to|from)\s+(?:us|them|you))\b", re.I)


_DIRECTED = lazy(r"\b(?:authentication|authenticating|auth|calls?|requests?)\s+(to|from)\s+(?:the\s+)?"
                 r"(?!(?:GET|POST|PUT|PATCH|DELETE)\b)(?-i:[A-Z])", re.I)
_WAY = lazy(r"\((our|their|your)\s+(?:calls?|requests?|side|pushes|deliveries)\s+to\s+(?:them|us|you)\)", re.I)


def _subject(sentence: str) -> str | None:
    """The system a sentence says authenticates: "The ILS authenticates to ShelfCloud with ..." -> "ILS";
    the system called with a credential when the caller goes unnamed ("The worker must call InkBook with
    OAuth 2.0 ...", "StudioFlow webhook HMACs are checked with ...") -> that system's side."""
    match = SUBJECT.search(sentence) or CALLED_WITH.search(sentence) or ITS_DELIVERIES.search(sentence) or \
        SIGNED_BY.search(sentence)
    return match.group(1) if match else None


def _line_of(span, text: str, offset: int):
    """`span` for a place on the first line of `text`; the start of its own line for a later one."""
    extra = text.count("\n", 0, offset)
    return span if not extra else span._replace(line=span.line + extra, column=1, end_line=span.line + extra,
                                                end_column=1)


# families of mechanism: a signature and an OAuth token are two credentials, a token and a bearer one

_NOT_THE_SYSTEM = lazy(r"\b(?:client|api|service|server|secrets?|keys?|tokens?|credentials?|certificates?|certs?|"
                       r"passwords?|access|signing|private|public|oauth2?)\b|[^\w\s]", re.I)


_FIELD_TITLE = lazy(r"\b(?:rotat\w*|renew\w*|storage|stored|kept)\b", re.I)  # a heading that is a field's own key
_ASIDE = lazy(r"\s*\([^)]*\)")  # "Rotation (both credentials)": the key without its aside
_FIELD_PARTS = ("contracts", "flows", "errors", "retry", "monitoring", "mappings", "dead_letter")  # whose field names no system
_NEEDS_NONE = lazy(r"\bneeds?\s+no\s+(?:further\s+|other\s+|additional\s+)?(?:credentials?|secrets?|auth\w*)\b|"
                  r"\bno\s+(?:further\s+|other\s+|additional\s+)?(?:credentials?|secrets?)\s+(?:is|are)\s+(?:needed|required)\b", re.I)
_HEADER_NAME = lazy(r"^`?(?:content-type|accept|authorization|idempotency-key|x-[\w-]+|[a-z]+(?:-[a-z]+)*-(?:id|key|type|"
                    r"length|encoding|signature|timestamp))`?$", re.I)
_CONNECTION_FIELD = lazy(r"^(?:callback\s+|webhook\s+|endpoint\s+|base\s+)?(?:urls?|uris?|endpoints?|hosts?|hostnames?|"
                         r"ports?|user\s*names?|usernames?|logins?|passwords?)$", re.I)
_TASKS = lazy(r"^\W*(?:actions?|action\s+(?:items?|points?)|next\s+steps|to-?dos?|follow-?ups?|tasks?)\W*$", re.I)
_UNIT_LABEL = lazy(r"^(?:flows?|contracts?|endpoints?|interfaces?|journeys?|steps?|stories|story|use\s+cases?|"
                   r"scenarios?|requirements?|rules?|items?|appendix|annex|section|table|figure)\s+[A-Z0-9][\w.-]{0,5}$", re.I)


_CREDENTIAL_NOUN = lazy(r"\b(?:(?:tls\s+|x\.509\s+|server\s+|client\s+)?certificates?|certs?|api[- ]keys?|client[- ]secrets?|"
                       r"passwords?|hmac|signing\s+secrets?|shared\s+secrets?|access\s+tokens?)\b", re.I)


def _another_credential(entry: Auth, text: str) -> bool:
    """Whether `text` tells of a credential of another kind than `entry`'s mechanism ("TLS uses a DigiCert
    certificate, renewed 30 days before expiry" after an API key's entry): not that entry's rotation."""
    if entry.mechanism is None:
        return False
    said = {next(iter(families(m.group(0))), "") for m in _CREDENTIAL_NOUN.finditer(re.sub(r"`[^`]*`", " ", text))}
    said -= {""}
    own = set(families(entry.mechanism.text))  # an identity's password or token is its own credential
    return bool(said) and bool(own) and "identity" not in own and not said & own


def _credential_of_named(name: str) -> bool:
    """Whether a credential's name also names its system ("SurfaceLab client secret"): a capitalised word
    left beside the credential words, not a protocol's ("AMQP", "HMAC-SHA256", "TLS")."""
    return any(word[:1].isupper() and not word.isupper() for word in _bare_systemname_words(name))


def _bare_systemname_words(name: str) -> list[str]:
    return _NOT_THE_SYSTEM.sub(" ", name).split()


def _bare_system(name: str) -> str:
    """A name without its credential and interface words and marks: "✅ SurfaceLab client secret" and
    "SurfaceLab API" are both "surfacelab"."""
    return " ".join(_NOT_THE_SYSTEM.sub(" ", name).lower().split())
