"""Facts found anywhere in the text, whatever section they stand in: pasted secrets, hand-waving,
open decisions, and (in YAML free text) the service-level numbers.

One pass of a few expressions over the whole text, so the cost stays linear on huge specs.
"""

from __future__ import annotations

import base64
import bisect
import re

from ..span import Span
from .lazy_re import lazy
from ..model import Sla, Spec, Value
from .values import enum_pairs, value

# -- secrets ------------------------------------------------------------------------------------
# (kind, expression, words): shapes that only a real credential has, each tried only on the lines
# holding one of its words (in lower case). The secret is the expression's first group.
_SHAPES = [
    ("private key", lazy(r"(-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----)"),
     ("-----begin",)),
    ("cloud access key", lazy(r"\b((?:AKIA|ASIA)[0-9A-Z]{16})\b"), ("akia", "asia")),
    ("API secret key", lazy(r"\b([rsp]k_(?:live|test)_[0-9A-Za-z]{16,})\b"), ("k_live_", "k_test_")),
    # a vendor's live key by its prefix convention: `gbx_live_4Qm7...`, `whsec_live_...`
    ("live API key", lazy(r"\b([a-z]{2,6}_live_[0-9A-Za-z]{16,})\b"), ("_live_",)),
    ("access token", lazy(r"\b(gh[pousr]_[0-9A-Za-z]{30,})\b"), ("ghp_", "gho_", "ghu_", "ghs_", "ghr_")),
    ("access token", lazy(r"\b(xox[abprs]-[0-9A-Za-z-]{10,})\b"), ("xox",)),
    ("API key", lazy(r"\b(AIza[0-9A-Za-z_-]{35})\b"), ("aiza",)),
    # a signature of a few characters ("eyJ...eyJ....c2ln") is an illustration: a real one holds 43 or more
    ("JSON Web Token", lazy(r"\b(eyJ[0-9A-Za-z_-]{8,}\.eyJ[0-9A-Za-z_-]{8,}\.[0-9A-Za-z_-]{16,})"), ("eyj",)),
    ("bearer token", lazy(r"\bBearer\s+([0-9A-Za-z._~+/-]{20,}=*)", re.I), ("bearer",)),
    ("Basic auth credential", lazy(r"\bBasic\s+([A-Za-z0-9+/]{16,}={0,2})(?![\w+/=])", re.I), ("basic",)),
    ("password in a URL", lazy(r"://[^/\s:@]+:([^/\s:@]{6,})@"), ("://",)),
]  # fmt: skip
_RANDOM_ONLY = {"bearer token", "Basic auth credential", "password in a URL"}
# The key-value form ("password: ...", "api_key=..."): an assignment of a long unspaced value is
# found first (an expression that starts with a character class runs fast), then the name before it.
_ASSIGNED = lazy(r"(?:[:=]\s*[\"'`]?|\s+`)([^\s\"'`,;|)<>]{8,})")  # "secret: x", "client_secret `x`"
_SECRET_NAME = lazy(
    r"(?<![\w-])[\"']?((?:client|app|consumer|api|shared|signing|webhook|hmac)?[_-]?secret(?:[_-]?key)?|password|passwd|"
    r"pwd|api[_-]?key|apikey|x-api-key|access[_-]?key(?:[_-]?id)?|access[_-]?token|auth[_-]?token|refresh[_-]?token|"
    r"private[_-]?key|token)[\"']?\s*$",
    re.I,
)
_NAME_WORDS = ("secret", "passw", "pwd", "key", "token")
_NOT_SECRET = lazy(
    r"[<>{}$*…]|\.\.\.|xxx|redacted|example|your|placeholder|changeme|change-me|dummy|sample|fake|masked|hidden|"
    r"secret-here|token-here|key-here|^(?:none|null|true|false|string|required|optional|bearer|basic|header|env|"
    r"vault|secrets?manager|environment|base64|sha\d+|hmac\S*)$",
    re.I,
)


def _looks_random(text: str) -> bool:
    """A value a person did not write as a word: letters and digits mixed, or long and unspaced."""
    letters = sum(c.isalpha() for c in text)
    digits = sum(c.isdigit() for c in text)
    if letters == 0:
        return False
    if len(set(text.lower())) < 5:
        return False
    return digits > 0 or len(text) >= 24 or (any(c.isupper() for c in text[1:]) and any(c.islower() for c in text))


def _secrets(text: str, lowered: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of each pasted secret, in order. A secret both named and shaped
    ("token: eyJ...") is told once, by its name."""
    found: list[tuple[str, int, int]] = []
    for kind, start, end in (*_named_secrets(text, lowered), *_shaped_secrets(text, lowered)):
        if not any(start < other_end and other_start < end for _, other_start, other_end in found):
            found.append((kind, start, end))
    return sorted(found, key=lambda secret: secret[1])


def _shaped_secrets(text: str, lowered: str):
    for kind, pattern, words in _SHAPES:
        for match in _matches(pattern, text, lowered, words):
            secret = match.group(1)
            if _NOT_SECRET.search(secret) or _redacted(text, match.end(1)) or _SAMPLE_JWT.fullmatch(secret) or \
                    _sample_pair(secret):
                continue  # "AKIAIOSFODNN7EXAMPLE", "eyJhbGciOi...<payload>", "Bearer eyJ...eyJ....kx8Qv"
            if kind in _RANDOM_ONLY and not _looks_random(secret):
                continue
            yield kind, match.start(1), match.end(1)


def _named_secrets(text: str, lowered: str):
    for match in _matches(_ASSIGNED, text, lowered, _NAME_WORDS):
        line_start = text.rfind("\n", 0, match.start()) + 1
        name = _SECRET_NAME.search(text, max(line_start, match.start() - 60), match.start())
        if name is None:
            continue
        secret = match.group(1).rstrip(".")  # "eyJhbGciOiJSUzI1NiIs...": the dots after it say it is cut short
        if _NOT_SECRET.search(secret) or _redacted(text, match.start(1) + len(secret)) or not _looks_random(secret) or \
                _sample_pair(secret):
            continue
        if _SAMPLE_JWT.fullmatch(secret) or _GROUPED_CODE.fullmatch(secret):
            continue  # "Bearer eyJhbGciOi...eyJzdWIi....Zx9": a token's shape with a signature no key could make;
            # "token": "7F3K-92QD-X4": a short code in groups, read out and typed by people, not a credential
        line_end = text.find("\n", match.end(1))
        if _DESCRIBED.match(text, match.end(1), line_end if line_end >= 0 else len(text)) and not _machine_made(secret):
            continue  # "X-Api-Key: RouteStock API key of vend-sync": what the value is, in words, not the value
        if _CODE_REFERENCE.fullmatch(secret) or _STORE_REFERENCE.match(secret):
            continue  # "token = r.sessionToken", "client_secret: vault:kv/app#secret": where it is, not what it is
        if (match.group(0).lstrip().startswith("`") or re.search(r"[-_/.:]", secret)) and not _machine_made(secret):
            continue  # "secret `billing/paystream-api-key`", "secretKey: PRINTCART_SECRET_EXPIRES_AT": a name, not a value
        yield _name_kind(name.group(1)), match.start(1), match.end(1)


# the made-up halves of a Basic credential on a page: "basicuser:basicpassword", "user:pass", "admin:admin", "foo:bar"
_SAMPLE_USER = lazy(r"^(?:basic|sample|example|test|demo|dummy|my|your|some)?(?:user|username|login|admin|foo|name)\d{0,2}$",
                    re.I)
_SAMPLE_PASSWORD = lazy(r"^(?:basic|sample|example|test|demo|dummy|my|your|some)?(?:pass|password|passwd|pwd|secret|bar|admin|"
                        r"changeme)\d{0,3}$", re.I)


def _sample_pair(secret: str) -> bool:
    """A Basic credential that decodes to words made up for the page (`YmFzaWN1c2VyOmJhc2ljcGFzc3dvcmQ=` is
    "basicuser:basicpassword"): an illustration, no leaked credential."""
    if len(secret) < 8 or len(secret) > 200 or not re.fullmatch(r"[A-Za-z0-9+/]+=*", secret):
        return False
    try:
        said = base64.b64decode(secret + "=" * (-len(secret) % 4), validate=True).decode("ascii")
    except (ValueError, UnicodeDecodeError):
        return False
    parts = said.split(":")
    return len(parts) == 2 and bool(_SAMPLE_USER.match(parts[0])) and bool(_SAMPLE_PASSWORD.match(parts[1]))


_GROUPED_CODE = lazy(r"[A-Z0-9]{2,5}(?:-[A-Z0-9]{2,5}){1,3}")
# a token's shape no issuer could make: a signature of a few characters ("eyJ....c2FsdG1hcnNo.sig"), or a payload of a
# few letters, no encoded JSON ("eyJhbGciOiJSUzI1NiJ9.lfp.Qz8v..."); not a signed token of another kind, its payload and
# signature in full ("eyJ1c2VyX2lkIjo0Mn0.ZbXk1A.pM5Q...")
_SAMPLE_JWT = lazy(r"eyJ[\w-]+\.(?:[\w-]+\.[\w-]{0,15}|(?!eyJ)[\w-]{1,4}\.[\w-]*)")
_DESCRIBED = lazy(r"(?:['’]s)?\s+[A-Za-z][\w-]*\s+[A-Za-z][\w-]*")  # more words after it ("ChoirHub's RoomBook API
# key"): a description
# a reference to a secret's place: `vault:kv/app#client_secret`, `arn:aws:secretsmanager:...`, `sm://...`, `op://...`
_STORE_REFERENCE = lazy(r"(?:vault|secretsmanager|secrets?|sm|ssm|kv|op|akv|keyvault|gcpsm|azurekv|env|file)"
                        r"(?::|://)|arn:aws:(?:secretsmanager|ssm):", re.I)
_CODE_REFERENCE = lazy(r"[A-Za-z_][A-Za-z_]*\d{0,2}(?:\.[A-Za-z_][A-Za-z_]*\d{0,2})+(?:\(\))?")
_WORDY = lazy(r"[A-Za-z]+(?:[-_/.:][A-Za-z0-9]+)*")
_NAMED_PART = lazy(r"[A-Za-z]{2,}|\d+|[A-Za-z]{1,8}\d{1,6}")  # "sftp", "2024", "ed25519", "rsa4096"


def _machine_made(value: str) -> bool:
    """Letters and digits run together as no person names a thing (`csb_Jq8vT2mX7pL4wR9zK3nY6hD1`); a name
    whose parts are words, numbers and words ending in a number (`kestrel-sftp-ed25519`) is a person's."""
    if not (re.search(r"\d", value) and re.search(r"[A-Za-z]", value)):
        return False
    if _WORDY.fullmatch(value) and sum(c.isdigit() for c in value) <= 4:
        return False
    return not all(_NAMED_PART.fullmatch(part) for part in re.split(r"[-_/.:]", value) if part)


def _name_kind(name: str) -> str:
    name = name.lower().replace("-", "_")
    if "password" in name or name in ("passwd", "pwd"):
        return "password"
    if "secret" in name:
        return "client secret"
    if "key" in name:
        return "API key"
    return "access token"


def _redacted(text: str, end: int) -> bool:
    """The secret runs into "<payload>", "..." or "***": a cut or redacted sample, not a credential."""
    return text.startswith(("...", "…", "<", "*"), end)


_QUOTES = {'"', "“", "'", "‘", "«"}
_OPEN_ITEM = lazy(r"(?<![\w-])(?:TODO|TBD|TBC|FIXME)(?![\w-])")


def _quoted(text: str, start: int, prose: bool = True) -> bool:
    """The phrase at `start` stands inside quotation marks opened earlier on its line (`prose`: in
    Markdown; in YAML a quote opens a string and quotes nothing)."""
    if not prose:
        return False
    if text[start - 1 : start] in _QUOTES:
        return True
    before = text[text.rfind("\n", 0, start) + 1 : start]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”") or before.count("«") > before.count("»")
_CLAUSE_END = lazy(r"[.;:!?|\n\"”)]|\s(?:and|but|so|because)\s")


# Words without which an expression cannot match: it runs only on the lines that hold one of them
# (finding a word with str.find costs far less than trying an expression at every position).


def _matches(pattern, text: str, lowered: str, words: tuple[str, ...]):
    """`pattern.finditer(text)`, tried only on the lines that hold one of `words` (in `lowered`)."""
    starts: set[int] = set()
    for word in words:
        at = lowered.find(word)
        while at >= 0:
            start = lowered.rfind("\n", 0, at) + 1
            starts.add(start)
            end = lowered.find("\n", at)
            at = lowered.find(word, end) if end >= 0 else -1
    for start in sorted(starts):
        end = text.find("\n", start)
        yield from pattern.finditer(text, start, len(text) if end < 0 else end)


class _Lines:
    """Offsets in the whole text to (line, column), by bisection over the line starts."""

    def __init__(self, text: str):
        self.starts = [0]
        self.starts += [m.end() for m in re.finditer("\n", text)]

    def span(self, start: int, end: int) -> Span:
        line = bisect.bisect_right(self.starts, start)
        end_line = bisect.bisect_right(self.starts, max(start, end - 1))
        return Span(line, start - self.starts[line - 1] + 1, end_line, end - self.starts[end_line - 1] + 1)


_ACRONYM = lazy(r"\b(?i:the|our)\s+(TBD|TBC|TBA)\b(?!\s*(?i:values?|placeholders?|items?|fields?|entries|parts?)\b)|\b(TBD|TBC|TBA)(?:'s|\s*\((?:[A-Z][a-z]+[\s-]*){1,4}\)"
               r"|\s+(?i:clock|system|unit|side|team|service|controller|gateway|board|message|frame|id|code)s?\b"
               # a value among codes: "`TBC`, `BTL`", "TBC = 1 (Blister card)", "TBC / BTL"
               r"|`?\s*(?:=\s*\w|[,/]\s*`?(?!TBD|TBC|TBA)[A-Z]{2,5}\b))|`(TBD|TBC|TBA)`(?!\s*(?i:placeholders?|values?)\b)")
_TOKEN = lazy(r"(?<![\w-])(TBD|TBC|TBA|TODO|FIXME|XXX)(?![\w-])", re.I)


def _acronyms(text: str) -> set[str]:
    """Placeholder words the document uses as names ("the TBC", "TBC (train-borne controller)", "TBC
    clock"): there they stand for something, everywhere in the document."""
    return {(m.group(1) or m.group(2) or m.group(3)).lower() for m in _ACRONYM.finditer(text)}


def _not_placeholders(spec: Spec, acronyms: set[str]) -> None:
    """Values marked as placeholders only for a word the document uses as a name are values."""
    import dataclasses

    stack: list = [spec]
    while stack:
        node = stack.pop()
        if isinstance(node, Value):
            if node.placeholder and {m.lower() for m in _TOKEN.findall(node.text)} <= acronyms \
                    and _TOKEN.search(node.text):
                node.placeholder = False
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif dataclasses.is_dataclass(node):
            stack.extend(getattr(node, f.name) for f in dataclasses.fields(node))


def scan(spec: Spec, text: str, vocab, code_lines: frozenset[int] | set[int] = frozenset()) -> None:
    """Fill `spec.secrets`, `spec.vague` and the service-level facts the sections did not give.

    `code_lines`: lines of code blocks, where hand-waving and prose facts are not looked for.
    Secrets are looked for everywhere, examples and tables included.
    """
    for row in spec.mappings:  # an enum translation written in the transform (YAML; Markdown's reader did)
        if row.enum_map is None and row.transform is not None:
            row.enum_map = enum_pairs(row.transform.text)
    lines = _Lines(text)
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters grow in lower case ("İ"): keep the offsets
        lowered = "".join(c if len(c.lower()) > 1 else c.lower() for c in text)
    for kind, start, end in _secrets(text, lowered):
        spec.secrets.append((kind, lines.span(start, end)))
    for match in vocab.hand_waving.finditer(lowered):
        if _quoted(text, match.start(), spec.format == "markdown"):
            continue  # quoted to be criticised: '"We'll handle errors" is not a spec'
        end = _CLAUSE_END.search(text, match.end(), match.end() + 60)
        end = end.start() if end else match.end()
        span = lines.span(match.start(), end)
        if span.line not in code_lines:
            spec.vague.append(Value(text[match.start() : end], span))
    acronyms = _acronyms(text) if "TBD" in text or "TBC" in text or "TBA" in text else set()
    if acronyms:
        _not_placeholders(spec, acronyms)
    if "TODO" in text or "TBD" in text or "TBC" in text or "FIXME" in text:
        for match in _OPEN_ITEM.finditer(text):
            if match.group(0).lower() in acronyms:
                continue
            end = text.find("\n", match.end())
            end = len(text) if end < 0 else end
            span = lines.span(match.start(), end)
            said = re.split(r"<!--|\s\|", text[match.start() : end])[0].strip()  # not a comment, not the next cell
            if span.line not in code_lines and not _quoted(text, match.start(), spec.format == "markdown"):
                spec.open_items.append(Value(said, span))
    _batches(spec, lowered, lines)
    if spec.format == "yaml":  # Markdown's readers find them statement by statement
        _service_levels(spec, text, lowered, lines)


# -- batches: where some records of one call or file can fail while the rest succeed -------------------
_BATCH = lazy(r"\b(?:(?:micro-?)?batch(?:es|ed)?|bulk|207|multi-status|partial(?:ly)?\s+(?:success|accept|fail|result)\w*|"
              r"per[- ](?:item|record|line|row|lot|entry)\s+(?:result|status|outcome|error|rejection)s?|"
              r"some\s+(?:of\s+the\s+)?(?:records|items|lines|rows|entries|lots|readings|events)\s+(?:fail|are\s+rejected))\b")
# batching denied by what is said of it ("there is no batch job", "does not batch them", "never batch-processed"), not a
# batch that fails to come ("alert if a Monday passes with no batch from TBAC", "no batch arrives by 09:00"), nor a part
# of one ("no batch-level key")
_NO_BATCH = lazy(r"\bthere\s+(?:is|are)\s+no\s+batch|\bno\s+batch(?:es|ing)?\s+(?:jobs?|calls?|transfers?|messages?|mode|"
                 r"processing|endpoints?|uploads?|runs?|here|at\s+all)\b|\b(?:never|not|don'?t|do\s+not|doesn'?t|does\s+not|"
                 r"without)\s+batch(?:es|ed|ing)?\b|\b(?:no|not|never)\s+partial|\bone\s+(?:record|message|event|item)\s+"
                 r"at\s+a\s+time\b|\baccepted\s+or\s+rejected\s+(?:whole|as\s+a\s+whole)")


def _batches(spec: Spec, lowered: str, lines: _Lines) -> None:
    """Whether the document shows an operation where part can fail (a batch, a bulk call, a 207, a file
    of records), unless it says there is none ("there are no batch messages"): only then is a partial
    error category owed."""
    if _NO_BATCH.search(lowered):
        return
    match = _BATCH.search(lowered)
    if match:
        spec.batches = lines.span(match.start(), match.end())


def _service_levels(spec: Spec, text: str, lowered: str, lines: _Lines) -> None:
    """The service-level facts free text states (uptime, deadline, TTL) that no key gave; only the
    lines holding one of their words are read."""
    from .overview import SLA_WORDS, sla_facts

    starts: set[int] = set()
    for word in SLA_WORDS:
        at = lowered.find(word)
        while at >= 0:
            starts.add(lowered.rfind("\n", 0, at) + 1)
            end = lowered.find("\n", at)
            at = lowered.find(word, end) if end >= 0 else -1
    for start in sorted(starts):
        end = text.find("\n", start)
        line = text[start : len(text) if end < 0 else end]
        for key, said, offset, kind in sla_facts(line):
            if spec.sla is None:
                spec.sla = Sla(spec.where("sla"))
            if getattr(spec.sla, key) is None:
                number = lines.span(start + offset, start + offset + 1).line
                setattr(spec.sla, key, value(said, Span(number, 1, number, 1), kind))
