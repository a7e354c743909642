"""The words of authentication: mechanisms, rotation, credential storage (safe and unsafe), keyless set-ups,
credentials that expire by themselves, and the subjects that name a system. The auth reader and the auth
rules share them.
"""

from __future__ import annotations

import re

from .lazy_re import lazy
from .text import finds, said, system_word

_NOTHING_STORED = r"nothing\s+is\s+stored|nothing\s+stored(?=\s*(?:$|[.;,|)]))|no\s+(?:stored\s+)?(?:secret|credential)s?\s+(?:is\s+|are\s+)?stored"
MECHANISM = lazy(
    r"\b(oauth\s*2(?:\.0)?(?:\s+client[- ]credentials)?|oauth|client[- ]credentials|api[- ]keys?|api[- ]tokens?|"
    r"access\s+tokens?|mutual\s+tls|mtls|sasl[\w/-]*|scram[\w-]*|"
    r"m-tls|tls\s+client\s+cert\w*|(?:[\w-]+\s+)?tls\s+(?:server\s+)?certificates?|jwt|bearer\s+tokens?|basic\s+auth\w*|hmac[\w-]*|signed\s+(?!(?:in|on|up|off|out|by|for|as)\b)\w+|(?:requests?|messages?|webhooks?|payloads?|calls?|events?|bod(?:y|ies)|callbacks?|notifications?|deliver(?:y|ies))\s+(?:are|is)\s+signed(?=\s*[:;,.(—–-])|signature|signing\s+keys?|"
    r"service\s+accounts?|saml|openid\s+connect|oidc|ssh\s+keys?|sftp\s+keys?|iam\s+(?:task\s+)?roles?|"
    r"assumes?\s+(?:the\s+|an?\s+)?(?:iam\s+)?role|"
    r"sas\s+(?:tokens?|policy|policies|keys?)|shared\s+access\s+signatures?|managed\s+identit(?:y|ies)|"
    r"workload\s+identit(?:y|ies)|as2\s+certificates?|pgp\s+keys?|device\s+certificates?|x\.509\s+certificates?|"
    r"personal\s+access\s+tokens?|shared\s+secret|(?:webhook|signing)\s+(?:signing\s+)?secrets?|x\.509|client\s+certificates?|kerberos|ntlm|ws-security|"
    r"username\s+and\s+password|username/password|passwords?|dynamic\s+(?:database\s+)?(?:credentials|secrets)|"
    r"secrets\s+engine|authorization:\s*`?\s*(?:bearer|basic|token|apikey|api-key|"
    r"hmac|digest)|(?:credentials|static|opaque|issued|shared|signed|integration|service|app|application|partner|"
    r"machine)\s+tokens?|tokens?\s+(?:we|they|it)\s+issued|"
    r"sign(?:s|ing)\s+(?:each|every|all|the)?\s*\w+\s+with|private\s+keys?|key\s+pairs?|ed25519|ecdsa|rsa\s+keys?)\b",
    re.I,
)
# how the connection is protected, not a system that authenticates: "TLS: the certificate is pinned ..."
TRANSPORT = lazy(r"^(?:tls|ssl|https|transport(?:\s+security)?|network(?:\s+security)?|encryption(?:\s+in\s+transit)?|"
                  r"ip\s+allow-?list(?:ing)?|allow-?list(?:ing)?|firewall|(?:certificate\s+)?pinning|ciphers?|"
                  r"(?:[\w-]+\s+)?server\s+certificates?(?:\s+chain)?|ca\s+(?:bundle|chain)|certificate\s+chain|"
                  r"listeners?|ports?|protocols?|cn|ou|dc)$", re.I)  # "Listeners: SSL on 9093", "CN=notify.example"
# a credential changed on a period, whatever the verb: "the secret is changed every six months", "generates it once a year"
PERIOD = r"(?:every\s+(?:[\w-]+\s+){0,2}?(?:days?|weeks?|months?|years?|quarters?)|once\s+(?:a|per|each|every)\s+" \
          r"(?:year|quarter|month|week)|twice\s+a\s+year|annually|yearly|quarterly|monthly|q\d{1,3}(?:d|w|mo|y)\b" \
          r"|(?:each|every)\s+(?:year|spring|summer|autumn|winter|(?-i:January|February|March|April|May|June|July|August|" \
          r"September|October|November|December))\b)"  # "rot. q90d": shorthand; "we replace it each September": yearly
# a credential changed on a period, in any words: "replaced every year", "every 90 days the on-call creates the new secret"
_CHANGE = r"(?:(?:chang|replac|generat|swapp?|cycl|reset|re-?creat|creat|mint|issu)\w*|(?:sets?|adds?)\s+(?:a\s+|the\s+)?new)"
_PERIODIC_CHANGE = (r"\b" + _CHANGE + r"\b[^.;:]{0,60}?\b" + PERIOD + r"|" + PERIOD + r"\b[^.;:]{0,40}?\b" + _CHANGE)
ROTATION = lazy(
    r"\b(rotat\w+|rot(?=\.?\s+(?:every|each|q?\d+\w*|yearly|monthly|quarterly|annually)\b)|renew\w*|re-?issu\w+|regenerat\w+|expir\w+|refresh\w*|lifetime|ttl|valid\s+for|revok\w+|"
    r"roll(?:ed|ing)?\s+over|replac\w+\s+every|roll(?:s|ed|ing)?|" + _PERIODIC_CHANGE +
    # a lifetime and its replacement told as steps: "Tokens last 365 days; make the new one ..., then delete the old"
    r"|(?:tokens?|keys?|secrets?|certificates?|certs?|passwords?)\s+last\s+\d+\s+(?:days|weeks|months|years)"
    r"|(?:make|create|issue|generate|mint)s?\s+(?:a\s+|the\s+)?new\s+(?:one|token|key|secret|certificate|cert|password)\b"
    r"[^.]{0,200}?\b(?:delete|revoke|remove|retire|disable)s?\s+the\s+old\b" +
    # changed when another credential is: "basic auth credentials we set in the console, changed with the API key"
    r"|(?:chang|rotat|renew|replac)(?:ed|es)?\s+(?:together\s+|along\s+)?with\s+the\s+(?:[\w-]+\s+){0,2}(?:key|secret|token|"
    r"certificate|cert|password)s?" +
    # "NRS publishes the next certificate 30 days before first use", "trusts both certificates during the overlap"
    r"|(?:publish\w*|issu\w+|deploy\w*|install\w*|send\w*|upload\w*|creat\w*|generat\w*|mint\w*)\s+(?:the\s+|a\s+)?"
    r"(?:next|new|second|replacement)\s+(?:client\s+)?(?:certificate|cert|key|secret|token|password|one)s?"
    # its successor made before it lapses: "IT creates the replacement in the portal 30 days ahead"; a lifetime in
    # so many units: "the client secret is valid 12 months"
    r"|(?:creat\w*|generat\w*|issu\w+|request\w*|order\w*)\s+(?:the\s+|a\s+)?replacement"
    # a new one at a period: "new integration key every 6 months"
    r"|\bnew\s+(?:[\w-]+\s+){0,2}(?:certificate|cert|key|secret|token|password)s?\s+(?:every|each)\b"
    r"|valid\s+(?:for\s+)?\d+\s*(?:days?|weeks?|months?|years?)"
    r"|both\s+(?:certificates|certs|keys|secrets|tokens)\s+(?:during|for|in)\s+(?:the\s+|an?\s+)?overlap"
    # the old and the new accepted side by side: "accepts the old and the new signature for 72 hours"
    r"|(?:old|previous|outgoing|current)\s+and\s+(?:the\s+)?(?:new|next|incoming|replacement)\s+"
    r"(?:signing\s+|client\s+|api\s+|shared\s+)?(?:signatures?|keys?|secrets?|tokens?|certificates?|certs?|passwords?|"
    r"credentials?)\b(?!\s+(?:header|name|field|format|version|endpoint|value)s?\b))\b",
    re.I,
)
# a file is the credential's store only where the text puts it in one: "kept in `secrets.yaml`", "from app.json"
_INTO = r"\b(?:in|from|inside|into|to|(?:storage|stored|store|kept|location|where)\s*:)\s+(?:the\s+|a\s+|its\s+)?"
STORAGE = lazy(
    r"\b(vault|secrets?[\s_-]?manager|key\s*vault|kms|keychain|parameter\s+store|ssm|secret\s+store|credential\s+store|"
    r"environment\s+variables?|env\s+vars?|env\b|kubernetes\s+secrets?|k8s\s+secrets?|sealed\s+secrets?|"
    r"\w*hsm|hardware\s+security\s+modules?|tpm|secure\s+enclave|held\s+in\s+[\w`'-]+|secret\s+manager|1password|keystore|trust\s*store|secrets?\s+(?:engine|backend)|doppler|"
    r"key\s+store|credential\s+manager|cyberark|conjur|hard-?coded|config(?:uration)?\s+files?|"
    r"credstore(?:\.encrypted)?|systemd-creds|encrypted\s+credentials?(?:\s+files?)?|credentials_directory|"
    rf"(?:git\s+)?repo(?:sitory)?|source\s+code|properties\s+files?|appsettings|{_NOTHING_STORED}|"
    r"temporary\s+(?:sts\s+)?credentials|stored\s+(?:in|on)\s+[\w`'-]+|kept\s+in\s+[\w`'-]+|lives?\s+in\s+[\w`'-]+)\b|"
    r"\.env\b|" + _INTO + r"`[\w./-]+\.(?:ya?ml|json|properties|ini|toml|env)`",
    re.I,
)
_UNSAFE_STORE = lazy(
    r"\b(?:hard-?coded|in\s+(?:the\s+)?(?:source\s+)?code|source\s+code|(?:git\s+)?repo(?:sitory)?|"
    r"config(?:uration)?\s+files?|env\s+files?|properties\s+files?|appsettings(?:\.json)?|"
    r"application\.(?:ya?ml|properties)|plain\s*-?text|spreadsheet|wiki|committed|checked\s+in)\b"
    r"|(?<![\w-])\.env\b|(?<![\w./-])[\w/-]+\.(?:ya?ml|json|properties|ini|toml)\b",
    re.I,
)
_FOUND_IN = lazy(r"\b(?:found|leaked|exposed|discovered|detected|spotted|pushed)\s+(?:in|to|into)\s+(?:an?\s+|the\s+|any\s+)?"
                 r"(?:public\s+|private\s+|git\s+)?$", re.I)
_KEYSTORE = lazy(r"\b(?:key|keys|certificate|cert|trust|credential)\s+$", re.I)
_OUTSIDE = lazy(r"\b(?:outside(?:\s+of)?|out\s+of|away\s+from|excluded\s+from)\s+(?:the\s+|our\s+|any\s+|its\s+|their\s+)?"
                r"(?:[\w-]+\s+)?$", re.I)
# a file of the environment kept from readers: encrypted, readable by its owner alone, kept out of version control
_GUARDED = lazy(r"\b(?:encrypted|root[- ]only|readable\s+(?:only\s+)?by\s+(?:root|the\s+service)(?:\s+only)?|"
                r"(?:chmod\s+)?0?600|not\s+(?:in|under)\s+(?:git|version\s+control|source\s+control)|"
                r"git-?ignored|never\s+committed|not\s+committed|out\s+of\s+(?:git|version\s+control))\b", re.I)
_SAME_BEFORE = lazy(r"\bsame\s+(?:[\w`'-]+\s+(?:and\s+|or\s+)?){0,3}$", re.I)
_UNGUARDED = lazy(r"\b(?:not|never|un)\s*-?\s*encrypted\b|\bencrypted\s+(?:in\s+transit|with\s+tls|over)\b", re.I)
SPEAKER = lazy(r"^(?:@[\w.-]{1,30}|[A-Z][\w.-]{1,30})$")  # one name leads a line: "Lena", "@d.hale" (a thread, an action's owner)
_INTO_FILE = lazy(_INTO + r"[`'\"]?$", re.I)
NOT_A_SECRET = lazy(r"\bpublic\s+(?:keys?|certificates?|certs?)|\bnot\s+a\s+secret|\bno\s+(?:shared\s+|client\s+)?secrets?\b|"
                     r"\btrust\s*store\b|\ballow-?list\b|\bcertificates?\s+only\b|\breferences?,?\s+not\s+(?:the\s+)?secrets?\b|"
                     r"\bnothing\s+secret\b|\bnothing\s+(?:is\s+)?stored\b|\bnever\s+written\s+to\s+disk\b|\bnot\s+(?:the\s+)?secrets?\s+themselves\b",
                     re.I)
# public material kept beside code: a CA bundle, a trust chain, "public material only"
_PUBLIC_HERE = lazy(r"\bca\s+(?:bundle|chain|certificates?|certs?)\b|\btrust\s+chain\b|\bpublic\s+(?:material|part|half)\b",
                    re.I)
# key material said to be public: "JWK thumbprint (public, for checking the JWKS)", "fingerprint ... public by design"
MATERIAL = lazy(r"\b(?:keys?|thumbprints?|fingerprints?|kid|jwks?|certificates?|certs?)\b", re.I)
# what is public by its nature: a server's host key, a fingerprint or thumbprint ("Kestrel host key (pin this)")
PUBLIC_BY_NATURE = lazy(r"\bhost\s+keys?\b|\bfingerprints?\b|\bthumbprints?\b|\bpublic\s+keys?\b", re.I)
# a line about every call's headers ("Headers for both: ..."): no system's credential
PINNED = lazy(r"\bpinned\b|\bpins?\b", re.I)
FACET_LEAD = lazy(r"^\W*headers?\b", re.I)
PUBLIC_MATERIAL = lazy(r"\b(?:thumbprints?|fingerprints?|kid|jwks?)\b(?=[^\n]*\bpublic\b)"
                        r"|\bpublic\b(?=[^\n]*\b(?:thumbprints?|fingerprints?|kid|jwks?)\b)", re.I)
_KEYLESS = lazy(rf"\b(?:managed\s+identit(?:y|ies)|workload\s+identit(?:y|ies)|jwks|{_NOTHING_STORED}|"
                r"no\s+(?:shared\s+|stored\s+|static\s+)?(?:secrets?|credentials?|keys?|passwords?)(?!\s+(?:in|on|are|is))|"
                r"assumes?\s+(?:the\s+|an?\s+)?(?:iam\s+)?role|role\s+assumption|irsa|iam\s+roles?|instance\s+profiles?|sts\s+(?:sessions?|credentials|tokens?))\b"
                r"|\bpublic\s+keys?\s+(?:are\s+|is\s+)?published|\bkeys\s+are\s+published"
                # a mechanism that opens by saying there is none: "None / optional app token owned by the consumer"
                r"|^\W*(?:none|n/a|anonymous|unauthenticated|no\s+auth\w*)\b(?!\s+(?:yet|decided|agreed|chosen))", re.I)
SUBJECT = lazy(
    r"(?<![\w-])(?:the\s+|The\s+)?((?:[A-Z][\w.&-]*\s+){0,3}?[A-Z][\w.&-]*|`[\w./-]+`)\s+(?:"
    r"(?:shall|must|will|should)\s+(?:also\s+)?(?:authenticate|sign|authori[sz]e|identify|present|connect|"
    r"log\s+in|obtain)|authenticates|signs|authori[sz]es|"
    r"identifies|calls|presents|sends|uses|publishes|consumes|connects|subscribes|logs\s+in|generates|holds|obtains|"
    r"receives|is\s+(?:onboarded|issued|given|enrolled))\b"
)
BOTH_SIDES = lazy(r"\b(?:both|each)\s+(?:sides?|systems?|gateways?|parties|partners?|ends?|directions?)\b", re.I)
# "all secrets", "each system"; not a period ("every 180 days", "each quarter") nor "all of it"
VERB = lazy(r"\b(?:has|have|is|are|was|were|may|must|can|will|shall|does|do)\b", re.I)
_NAME = r"((?:[A-Z][\w.&-]*\s+){0,2}?[A-Z][\w.&-]*)"
CALLED_WITH = lazy(r"\b(?:calls?|calling|reach(?:es)?|access(?:es)?|connects?\s+to)\s+(?:the\s+)?" + _NAME +
                    r"(?:\s+API)?\s+(?:with|using|via|by\s+means\s+of)\b")
ITS_DELIVERIES = lazy(r"^\W*(?:the\s+)?" + _NAME + r"(?:'s)?\s+(?:webhook|notification|callback|event|message)s?\b"
                       r"[^.;]{0,40}?\b(?:are|is|must\s+be|shall\s+be|will\s+be)\s+(?:signed|checked|verified|"
                       r"authenticated)\b")
# the passive voice, its agent named: "Status notifications shall be signed by the Laboratory with HMAC-SHA256"
SIGNED_BY = lazy(r"\b(?:signed|authenticated|authori[sz]ed|identified)\s+by\s+(?:the\s+)?" + _NAME +
                 r"\s+(?:with|using|via|by\s+means\s+of)\b")
SAME_AS_BEFORE = lazy(r"(?:^|[.;]\s+)(?:the\s+)?same\s+(?:[\w-]+\s+){0,2}?(?:realm|mechanism|scheme|set-?up|provider|idp|"
                       r"tenant|issuer|authori[sz]ation\s+server|auth\w*|as\s+above)\b", re.I)
OWNED_FIELD = lazy(r"^(.{2,40}?)\s+[—–-]\s+(.{3,40})$")
CREDENTIAL_NAME = lazy(r"\b(?:api\s+)?(?:keys?|tokens?|certificates?|certs?|passwords?|client\s+secrets?)\W*$", re.I)
# a config block's generic container key ("Parameters", "Properties", "spec"): it names no system
CONTAINER = lazy(r"^(?:parameters|params|properties|props|spec|config|configuration|settings|metadata|resources|values|"
                  r"data|options|args|arguments|inputs|with|env|environment|definition)$", re.I)
OTHER_PARTS = {"errors", "retry", "dead_letter", "monitoring", "mappings", "idempotency"}  # not a system's key
_FORBIDDEN = lazy(r"[^.;]{0,80}?\b(?:fails?|are\s+rejected|is\s+rejected|(?:is|are)\s+(?:forbidden|prohibited|not\s+(?:allowed|"
                  r"permitted|accepted))|must\s+not|may\s+not|never)\b", re.I)
EVERY = lazy(r"\b(?:all|every|each|both|any)\b(?!\s+(?:\d[\d,.]*\s*|other\s+|second\s+|third\s+|"
              r"(?:two|three|four|five|six|seven|eight|nine|ten|twelve|few)\s+)?"
              r"(?:days?|weeks?|months?|years?|quarters?|hours?|minutes?|seconds?|night|morning|time|call|request|"
              r"deploy\w*|release)\b)", re.I)
PLURAL_SUBJECT = lazy(r"^\W*(?:the\s+|our\s+)?(?:secrets|credentials|keys|tokens|certificates|passwords)\b", re.I)
MONITORED = lazy(r"\b(?:alert\w*|warn\w*|page[sd]?|metric|threshold|dashboard)\b", re.I)
_ROTATION_VERB = lazy(r"\b(rotat\w+|renew\w*|re-?issu\w+|regenerat\w+|roll(?:ed|ing)?\s+over|replac\w+\s+every|"
                        + _PERIODIC_CHANGE + r")\b", re.I)

def mechanism(text: str) -> str | None:
    """The first mechanism the text names, not one it denies ("no shared secret: ... assumes role ..."); "webhooks are
    signed" only where the text names no mechanism more precisely ("... signed: HMAC-SHA256 over the body")."""
    fallback = None
    for match in MECHANISM.finditer(text):
        if not _DENIED.search(text, max(0, match.start() - 30), match.start()):
            if not _SIGNED_ONLY.search(match.group(0)):
                return match.group(0)
            fallback = fallback or match.group(0)
    return fallback


_SIGNED_ONLY = lazy(r"\s(?:are|is)\s+signed$", re.I)


# a rotation value that says there is none: "issued without expiry", "never rotated", "generated at onboarding"
NEVER_ROTATED = lazy(r"\b(?:without\s+(?:an?\s+)?(?:expiry|expiration|rotation)|never\s+(?:expires?|rotated|rotates|changed?)|"
                     r"no\s+(?:expiry|expiration|rotation)|not\s+rotated|does\s+not\s+expire|do\s+not\s+expire|"
                     r"non-?expiring|perpetual|(?:issued|generated|created|set\s+up|handed\s+over|provided|shared|"
                     r"exchanged)\s+(?:only\s+)?once\b(?!\s+(?:a|per|each|every)\b)"
                     # "Key pair generated at onboarding (March 2022)": made once, at a moment, never again
                     r"|(?:issued|generated|created|set\s+up|registered|exchanged)\s+(?:at|during|on|in)\s+(?:the\s+)?"
                     r"(?:onboarding|on-boarding|set-?up|go-?live|installation|launch|project\s+start|kick-?off)\b)\b", re.I)

_DENIED = lazy(r"\b(?:no|without|not\s+an?|never\s+an?)\s+$"
               r"|\b(?:nobody|no\s+one)\s+[\w-]+\s+(?:an?\s+|the\s+|any\s+)?$", re.I)  # "Nobody types a password"
rotation = lambda text: _first(ROTATION, text)  # noqa: E731
storage = lambda text: _first(STORAGE, text)  # noqa: E731


# a managed identity that only reads the stored key from its vault ("kept in Key Vault and read by the Hub with its
# managed identity", "the Hub reads it with its managed identity"): the key is still a secret to rotate. Not a token it
# gets, nor a service it reaches, through the identity; and not every secret read so ("reads them", "reads the keys")
_READ_WITH = lazy(r"\b(?:reads?\s+(?:it|the\s+(?:api\s+)?(?:key|secret|password|certificate))|fetch(?:es|ed)?\s+(?:it|the\s+(?:api\s+)?"
                  r"(?:key|secret|password))|read|retrieved|loaded|pulled)\b(?:\s+(?:by|at|from)\s+[^.;,\n]{1,40}?)?"
                  r"\s+(?:with|by|using|via|through)\s+(?:[\w'’-]+\s+){0,3}$", re.I)


def keyless(text: str) -> bool:
    """The credential is no secret at all (a managed identity, "no shared secret", a role assumed), not merely the
    one key a managed identity reads from its store."""
    for match in _KEYLESS.finditer(text):
        reader = match.group().lower().startswith(("managed", "workload")) and \
            _READ_WITH.search(text[max(0, match.start() - 90):match.start()])
        if not reader:
            return True
    return False


# a credential that expires by itself: each one is issued for a short time, so there is nothing to rotate by hand
_SELF_EXPIRING = lazy(r"\b(?:short[- ]lived|dynamic|ephemeral|leased|one[- ]time)\s+(?:\w+\s+)?(?:credentials?|secrets?|"
                      r"passwords?|tokens?|certificates?|keys?)\b|\blease\s+ttl\b|\b(?:pre-?signed|signed)\s+(?:urls?|links?)\b"
                      # one made for each run: "a fresh 24 h certificate is signed at job start"
                      r"|\b(?:fresh|new)\s+(?:\d+\s*(?:h|hours?|min\w*|days?)\s+)?(?:certificates?|certs?|tokens?|credentials?|"
                      r"keys?|passwords?)\s+(?:is|are)\s+(?:signed|issued|minted|generated|created)\s+(?:at|for|on|per)\s+"
                      r"(?:each\s+|every\s+|the\s+)?(?:job|run|start|session|request|deploy)",
                      re.I)  # a pre-signed URL expires by itself: nothing to rotate
self_expiring = finds(_SELF_EXPIRING)


def rotation_verb(text: str) -> str | None:
    return _first(_ROTATION_VERB, text)


def _first(pattern, text: str) -> str | None:
    match = pattern.search(text)
    return match.group(0) if match else None


def _clause_around(text: str, start: int, end: int) -> str:
    """The words of the clause a match stands in, 60 characters either side at most."""
    before = text[max(0, start - 60):start]
    after = text[end:end + 40]
    return re.split(r"[.;,]\s", before)[-1] + text[start:end] + re.split(r"[.;]\s", after)[0]


def unsafe_storage(text: str) -> str | None:
    """Credentials kept in code, a repository or a config file; not "never in config files"."""
    if NOT_A_SECRET.search(text):
        return None
    match = said(_UNSAFE_STORE, text)
    if match and match.group(0).lower().startswith("repo") and _KEYSTORE.search(text, 0, match.start()):
        return None  # "the MQ key repository (`.kdb`, stash file readable by root only)": a keystore, no code repository
    if match and _OUTSIDE.search(text, max(0, match.start() - 30), match.start()):
        # "a constant in `wp-config.php` outside the repository": kept away from the place, not in it; a place named
        # after it still counts ("kept out of the repo, but hard-coded in the deploy script")
        return unsafe_storage(text[match.end():])
    if match and _PUBLIC_HERE.search(_clause_around(text, match.start(), match.end())):
        return unsafe_storage(text[match.end():])  # "keeps the CA bundle in its repo (public material only)": what
        # anyone may read, kept where anyone may read it
    if match and _FOUND_IN.search(text, max(0, match.start() - 40), match.start()):
        return unsafe_storage(text[match.end():])  # "Credentials found in a public repository are revoked": a leak
        # caught, no place they are kept
    if match and _SAME_BEFORE.search(text, max(0, match.start() - 40), match.start()):
        return unsafe_storage(text[match.end():])  # "Same Bitwarden and env file", "in the same env file": a store
        # said before, judged where it was said ("`/etc/x/secrets.env` (root-only)"), not again here
    near = text[max(0, match.start() - 40):match.end() + 40] if match else ""
    if match and match.group(0).lower().endswith(".env") and _GUARDED.search(near) and not _UNGUARDED.search(near):
        return None  # "the droplet's `.env` (root-only, not in git)", "encrypted `.env`": the environment's file, kept
        # as the template allows, not a config file anyone can read
    if match and _FORBIDDEN.match(text, match.end()):
        return None  # "Credentials in source code or configuration files ... fail certification": a rule against it
    if match and "." in match.group(0)[1:] and text[:match.start()].strip(" `'\"*-") and \
            not _INTO_FILE.search(text, max(0, match.start() - 14), match.start()):
        return None  # "Companions here: `enroll-retry-sweeper.json` ...": a file named, no credential put in it
        # (a storage field's value that opens with the file, "lexdock/config/efm.properties on ...", is its store)
    return match.group(0).lower() if match else None


DIRECTION = lazy(r"→|->|←|<-|⇄")  # "Shop → Envelope": who calls whom
CREDENTIAL_WORD = lazy(r"\b(?:secrets?|keys?|tokens?|credentials?|certificates?|certs?|passwords?)\b", re.I)
_FAMILIES = (("signature", r"hmac|sign|signature|shared\s+secret|webhook\s+secret"), ("certificate", r"tls|certificate|x\.509|mtls"),
             ("token", r"oauth|client[- ](?:credentials|secrets?)|token|jwt|oidc|openid|saml"),
             ("key", r"api[- ]key|private\s+key|key\s+pair|ssh|sftp|pgp|rsa|ecdsa|ed25519"),
             ("password", r"password|basic|kerberos|ntlm|sasl|scram"),
             ("identity", r"identit|iam|service\s+account|sas\b|shared\s+access"))


def families(text: str) -> list[str]:
    """The families of credential the text names ("signature", "certificate", "token", "key", "password", "identity")."""
    lowered = text.lower()
    return [name for name, words in _FAMILIES if re.search(words, lowered)]


def name_words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]{3,}", text.lower()))


# the words of an auth section's lines that name no system: a direction led by its arrow ("Airlog → PlayReport:"), a
# denial ("Nothing in git"), how every credential is kept ("4.3 Credential management")
ARROW_LEAD = lazy(r"(?:^|(?<=[.;:]\s)|\n)\W{0,3}([A-Z][\w.-]{1,30}(?:\s[A-Z][\w.-]{1,30})?)\s*(?:→|->)\s*"
                  r"([A-Z][\w.-]{1,30}(?:\s[A-Z][\w.-]{1,30})?)\s*:")
DENIED = lazy(r"^\W*(?:nothing|none|no|never|not)\b(?!-)", re.I)  # "Nothing in git", "No secrets in code"
LIFECYCLE_TITLE = lazy(r"\b(?:life\s*cycle|rotation|renewal|expiry|expiration)s?\b|\b(?:credentials?|secrets?|keys?|certificates?)"
                        r"\s+(?:management|handling|custody|hygiene|polic(?:y|ies))\b", re.I)  # "4.3 Credential management"


def caller(system: str) -> str:
    """Who holds an entry's credential: "Catalogue API (called by the ILS)" -> ils; "A → B" -> a."""
    called = re.search(r"\bcalled\s+by\s+(?:the\s+)?([\w.+-]+)", system, re.I)
    if called:
        return system_word(called.group(1))
    return system_word(re.split(r"\s*(?:→|->)\s*", system)[0])


def callee(system: str) -> str:
    """The side an entry's credential is presented to: the second of "A → B"; "" where the entry names one system."""
    parts = re.split(r"\s*(?:→|->)\s*", system)
    return system_word(parts[1]) if len(parts) > 1 else ""
