"""How authentication is read: whose credential a statement gives, and what names no system. Each test
names the class of misreading it guards."""

from intspec_lint import lint_text

from read_spec import codes, spec_of


def test_a_credential_that_never_expires_has_no_rotation():
    text = ("# A → B\n\n## Authentication\n\n| System | Mechanism | Rotation | Storage |\n|---|---|---|---|\n"
            "| B API | OAuth 2.0 client credentials | Client secret every 90 days | Vault |\n"
            "| A API | API token of a service user | Service-user tokens are issued without expiry | Vault |\n")
    assert [f.line for f in lint_text(text, "markdown") if f.code == "IS301"] == [8]


def test_a_credential_issued_once_is_never_rotated():
    """ "Issued once at go-live" says what "never rotated" says; "issued once a year" is a period."""
    base = ("# A → B\n\n## Authentication\n\n| System | Mechanism | Rotation | Storage |\n|---|---|---|---|\n"
            "| B API | OAuth 2.0 client credentials | Client secret every 90 days | Vault |\n"
            "| A API | Bearer service token | {} | Vault |\n")
    assert [f.line for f in lint_text(base.format("Issued once by the A administrator at go-live"), "markdown")
            if f.code == "IS301"] == [8]
    assert "IS301" not in codes(base.format("Issued once a year by the A administrator"))


def test_a_value_that_opens_by_leaving_itself_open_is_a_placeholder():
    text = ("# A → B\n\n## Authentication\n\n| System | Mechanism | Rotation | Storage |\n|---|---|---|---|\n"
            "| B API | OAuth 2.0 client credentials | Client secret every 90 days | Vault |\n"
            "| A API | API key issued by A | To be agreed with A at contract renewal | Key Vault |\n")
    assert [f.line for f in lint_text(text, "markdown") if f.code == "IS301"] == [8]


def test_a_pinned_fingerprint_is_kept_nowhere_secret_and_an_encrypted_credential_store_is_storage():
    """A daemon's man page: the key lives in systemd's encrypted credential store; the server certificate's
    fingerprint pinned in a config file is public. The value wrapped onto "console, which allows two keys: ..."
    is the same entry's, not a system's."""
    text = ("# lanesyncd(8)\n\n## AUTHENTICATION\n\n*ReelSeat*: partner API key in header `X-Api-Key`. Keys are rotated "
            "every 90 days in the ReelSeat partner\nconsole, which allows two active keys: create the new key, replace\n"
            "`/etc/credstore.encrypted/reelseat-api-key` with `systemd-creds encrypt`, then revoke the old key.\n\n"
            "*GateMaster*: mutual TLS with a client certificate renewed once a year. GateMaster's server certificate is "
            "pinned by its SHA-256 fingerprint in `lanesyncd.toml`; the fingerprint is public.\n")
    spec = spec_of(text)
    assert [a.system.text for a in spec.auth] == ["ReelSeat", "GateMaster"]
    assert "credstore" in spec.auth[0].storage.text and spec.auth[1].storage is None
    assert not {"IS301", "IS302"} & set(codes(text))


def test_another_credentials_renewal_is_not_the_entrys_rotation():
    """A paragraph on the server's TLS certificate after an API key's entry renews the certificate, not the key."""
    text = ("# Seller → Buyer\n\n## Authentication\n\n**Buyer portal.** OAuth 2.0 client credentials; the client "
            "secret is rotated every 12 months and kept in Azure Key Vault.\n\n**Seller webhook.** Static API key in "
            "header `X-Api-Key`, kept in Azure Key Vault; handed to the buyer at kick-off.\n\n"
            "TLS for the webhook host uses a DigiCert certificate. The certificate is renewed 30 days before expiry.\n")
    (portal, webhook) = spec_of(text).auth
    assert portal.rotation is not None and webhook.rotation is None
    identity = ("# Lab → Shares\n\n## Authentication\n\nLIMS: OAuth 2.0 client credentials; secret in Vault, "
                "rotated every 90 days.\n\nInstrument shares: the service runs as a group managed service account. "
                "Active Directory changes its password automatically every 30 days; no password is stored.\n")
    assert "IS301" not in codes(identity)


def test_a_system_called_with_a_credential_is_that_systems_side():
    spec = spec_of("# Worker → InkBook, StudioFlow\n\n## Keys\n\n"
                   "R1. The worker must call InkBook with OAuth 2.0 client credentials; tokens last 1 hour.\n\n"
                   "R2. The worker must call StudioFlow with the API token of service user `bot`.\n\n"
                   "R3. All credentials live in Vault and are rotated every 90 days.\n")
    assert [a.system.text for a in spec.auth] == ["InkBook", "StudioFlow"]
    assert "IS301" not in codes("# Worker → InkBook, StudioFlow\n\n## Keys\n\n"
                                "The worker must call InkBook with OAuth 2.0 client credentials.\n\n"
                                "StudioFlow webhook HMACs must be checked with the webhook secret of the app.\n\n"
                                "All credentials live in Vault and are rotated every 90 days.\n", "IS301")


def test_a_table_with_a_row_per_credential_is_an_auth_table():
    spec = spec_of("# A → B\n\n## Authentication\n\n| Credential | Presented by → to | Mechanism | Rotation | Storage |\n"
                   "|---|---|---|---|---|\n| B OAuth client | A → B | OAuth 2.0 | every 90 days | Vault `kv/b` |\n"
                   "| A webhook secret | B → A | HMAC-SHA256 | every 180 days | B secrets store |\n")
    assert [a.mechanism.text for a in spec.auth] == ["OAuth 2.0", "HMAC-SHA256"]
    assert [a.storage.text for a in spec.auth] == ["Vault `kv/b`", "B secrets store"]


def test_an_auth_entry_on_the_same_realm_has_the_mechanism_said_before_it():
    spec = spec_of("# A ↔ B\n\n## Authentication\n\n**B API (called by A).** OAuth 2.0 client credentials against "
                   "Keycloak realm `obs`. Secret rotated every 90 days; stored in Vault.\n\n"
                   "**A API (called by B).** Same Keycloak realm. Client `b-push`, secret rotated every 90 days; "
                   "stored in Vault.\n")
    assert [a.mechanism.text for a in spec.auth] == ["OAuth 2.0 client credentials"] * 2


def test_a_table_of_keys_per_direction_is_auth_and_names_no_endpoint():
    spec = spec_of("# CourtBook ↔ LumaGate\n\n## 👥 Who's who & keys 🔐\n\n"
                   "| | CourtBook → LumaGate | LumaGate → CourtBook |\n|---|---|---|\n"
                   "| How | OAuth 2.0 client credentials | HMAC-SHA256 of the body |\n"
                   "| Scopes | `schedules:write` only | secret only valid for `POST /lumagate/*` hooks |\n"
                   "| Where | AWS Secrets Manager `cb/luma` | LumaGate's Vault |\n"
                   "| Rotate | every 90 d | every 180 d |\n\n"
                   "- Owners: CourtBook Platform (`#cb-platform`) · LumaGate Partner Eng.\n")
    assert spec.contracts == []
    assert [(a.mechanism.text, a.rotation.text, a.storage.text) for a in spec.auth] == [
        ("OAuth 2.0 client credentials", "every 90 d", "AWS Secrets Manager `cb/luma`"),
        ("HMAC-SHA256 of the body", "every 180 d", "LumaGate's Vault")]


def test_a_credential_named_by_its_kind_has_that_mechanism():
    spec = spec_of("# A ↔ B\n\n## Authentication\n\n**A → B.** OAuth 2.0 client credentials; secret rotated every "
                   "90 days; kept in Vault.\n\n**v1 key:** stays in AWS Secrets Manager `a/v1-key` until revoked "
                   "on 30 Nov.\n")
    assert [a.mechanism.text for a in spec.auth][-1] == "v1 key"


def test_an_example_lead_is_no_error_category_and_an_error_class_key_no_credential():
    spec = spec_of("# A → B\n\n## Contracts\n\n### `POST /v1/records`\n\nCodes: `200` ok; `207` partial.\n\n"
                   "Example partial response (one record out of range):\n\n```json\n{\"rejected\": 1}\n```\n\n"
                   "## Errors and retries\n\n```yaml\nerror_classes:\n  transient:\n    codes: [429, 503]\n"
                   "    handling: retry\n  auth:\n    codes: [401]\n    handling: renew the certificate, retry once\n```\n")
    assert "partial" not in {e.category for e in spec.errors if e.name and e.name.text.startswith("Example")}
    assert [a.system.text for a in spec.auth if a.system is not None] == []


def test_a_rule_against_credentials_in_code_says_where_they_are_not():
    ok = ("# A → B\n\n## Authentication\n\n- A secrets store for credentials — HashiCorp Vault or similar.\n"
          "  Credentials in source code or configuration files committed to a repository fail\n  certification.\n"
          "- **A**: OAuth 2.0 client credentials, rotated every 90 days.\n- **B**: HMAC signature, rotated yearly.\n")
    assert "IS302" not in codes(ok)
    assert "IS302" in codes(ok.replace("fail\n  certification", "hold them"))


def test_a_transposed_auth_table_may_name_a_row_with_code():
    spec = spec_of("# A ↔ B\n\n## Authentication\n\n| | WOD | PloughTrack |\n|---|---|---|\n"
                   "| Mechanism | AMQP PLAIN over TLS | X.509 client certificate |\n| Rotation | every 24 h | yearly |\n"
                   "| Permissions (vhost `winter`) | write `winter.dispatch` | write `winter.field` |\n"
                   "| Storage | Vault | AWS Secrets Manager |\n")
    assert [a.system.text for a in spec.auth] == ["WOD", "PloughTrack"]


def test_a_message_schema_heading_and_an_auth_config_key_are_evidence_enough():
    text = ("# Decoder service\n\n## Data flow\n\nMessages arrive on a queue and are decoded.\n\n"
            "### Error message schema\n\n```\nrequired string error_type\n```\n\n"
            "### Outbound call\n\n```json\n{\"destination\": {\"base_url\": \"https://b.example\", "
            "\"auth\": {\"type\": \"header\", \"name\": \"Authorization\"}}}\n```\n")
    found = [f.message for f in lint_text(text, "markdown")]
    assert not [m for m in found if m.startswith(("no API or message contracts", "authentication is not documented"))]


def test_a_second_credential_kept_or_rotated_elsewhere_is_the_other_sides_auth():
    text = ("# Studio → Voicehall\n\n## Authentication\n\n### Voicehall API\n\n- **Mechanism:** OAuth 2.0 client "
            "credentials\n- **Storage:** Vault `kv/voicehall`\n- **Rotation:** yearly\n\n## Webhook authentication\n\n"
            "Each webhook carries an HMAC-SHA256 signature made with your endpoint's signing secret. "
            "Store the signing secret in your secret manager and roll it every year.\n")
    assert len(spec_of(text).auth) == 1
    assert not any(f.code == "IS301" and "only" in f.message for f in lint_text(text, "markdown"))
    named_only = text.replace(" Store the signing secret in your secret manager and roll it every year.", "")
    assert any(f.code == "IS301" and "only" in f.message for f in lint_text(named_only, "markdown"))


def test_a_tickets_sub_task_is_no_systems_authentication():
    text = ("# Portal → SoundSentry\n\n## Flows\n\n| Flow | Source | Destination | Trigger | Payload | Volume |\n"
            "|---|---|---|---|---|---|\n| Limits | Portal | SoundSentry | consent issued | limits JSON | ~20/day |\n\n"
            "## Authentication\n\n| | Portal → SoundSentry | SoundSentry → Portal |\n|---|---|---|\n"
            "| Mechanism | OAuth 2.0 client credentials | HMAC-SHA256 with a shared secret |\n"
            "| Stored in | Azure Key Vault `kv-prod` | same vault |\n| Rotation | every 180 days | every 90 days |\n\n"
            "**Sub-tasks**\n\n* NBC-430 Key Vault references in App Service config — Done\n"
            "* NBC-431 Rotation runbook in Confluence — Done\n")
    assert {a.system.text for a in spec_of(text).auth} == {"Portal → SoundSentry", "SoundSentry → Portal"}


def test_a_config_blocks_credential_that_a_named_entry_describes_is_that_entry():
    text = ("# Vessel → Ingest\n\n## Flows\n\n| Flow | Source | Destination | Trigger | Payload | Volume |\n"
            "|---|---|---|---|---|---|\n| Lines | Ingest | Kafka | line closed | line JSON | ~50/day |\n\n"
            "## Authentication\n\n```yaml\nenv:\n  KAFKA_SASL_MECHANISM: SCRAM-SHA-512\n"
            "  KAFKA_SASL_PASSWORD: \"file:/vault/secrets/kafka#password\"\n```\n\n"
            "- **Ingest → Kafka.** SASL/SCRAM-SHA-512 users; passwords are rotated every 90 days by a CronJob and "
            "kept in Vault.\n- **Adapter → RabbitMQ.** Per-service users with passwords in Vault, rotated every 90 days.\n")
    entries = spec_of(text).auth
    assert all(e.system is not None for e in entries)
    assert all(e.mechanism is not None for e in entries)  # "users with passwords" names the mechanism


def test_a_credential_named_after_a_system_is_that_systems_credential():
    text = ("# Shop → Lab\n\n## Auth\n\n"
            "- SurfaceLab API: OAuth 2.0 client credentials, scopes `jobs:create`.\n"
            "- SurfaceLab client secret: stored in Azure Key Vault `kv-shop`.\n"
            "- Rotation: a new secret every 120 days; both valid for 10 days.\n")
    (entry,) = spec_of(text).auth
    assert (entry.mechanism.text, entry.storage.text[:14], entry.rotation.text[:11]) == (
        "OAuth 2.0 client credentials", "stored in Azur", "a new secre")


def test_an_auth_table_by_direction_has_an_entry_a_row():
    text = ("# Choir app ↔ Library\n\n## How do we authenticate each other?\n\n"
            "| Direction | Mechanism | Rotation | Permissions | Storage |\n|---|---|---|---|---|\n"
            "| App → Library | OAuth 2.0 client credentials | every 12 months | `sets:read` | AWS Secrets Manager |\n"
            "| Library → App | HMAC-SHA256 of the body | every 6 months | status events only | Azure Key Vault |\n")
    assert [(a.system.text, a.mechanism.text) for a in spec_of(text).auth] == [
        ("App → Library", "OAuth 2.0 client credentials"), ("Library → App", "HMAC-SHA256 of the body")]
    assert "IS301" not in codes(text)


def test_a_column_per_system_with_row_keys_in_context_and_self_expiring_credentials():
    text = ("# Cannery ↔ Plant\n\n## Security\n\nBoth applications connect to RabbitMQ with short-lived credentials "
            "from Vault's RabbitMQ secrets engine; nobody holds a static broker password.\n\n"
            "| | QualityDesk | RetortLink |\n|---|---|---|\n"
            "| Broker login | username/password, Vault role `creds/qd` | username/password, Vault role `creds/rl` |\n"
            "| Broker permissions (vhost `/plant`) | write: `qa.decisions` | write: `retort.events` |\n"
            "| Broker credential rotation | New username/password every 24 h | Same TTLs |\n"
            "| Where stored | Vault only | Vault only |\n")
    systems = [a.system.text for a in spec_of(text).auth]
    assert systems[-2:] == ["QualityDesk", "RetortLink"]  # "(vhost `/plant`)" is no path of a call
    assert spec_of(text).auth[-2].rotation.text == "New username/password every 24 h"  # a rotation, not a credential
    assert "IS301" not in codes(text)


def test_a_list_of_places_credentials_are_kept_out_of_is_no_place_they_are_kept():
    text = ("# Assessments → Health\n\n## Authentication\n\nPC authenticates to OHIS with OAuth 2.0 client credentials; "
            "OHIS authenticates to PC with a tenant API key. Neither credential appears in code, configuration files "
            "or this document.\n")
    assert "IS302" not in codes(text)
    assert "IS302" in codes(text.replace("Neither credential appears", "Both credentials are kept"))


def test_an_entry_with_no_mechanism_read_is_half_read_and_asked_only_for_what_it_leaves_open():
    """An auth entry whose mechanism no reader took (a runbook step or a permission note under the auth part,
    or a credential told in words the reader cannot place) is half read: nothing is asked of it that it does
    not leave open itself; a "TBD" it states is still its gap."""
    text = ("# Field app ↔ Registry\n\n## Authentication\n\n"
            "- **Field app → Registry**: OAuth 2.0 client credentials, scope `tests:write`; rotated every 180 "
            "days; secret in Azure Key Vault.\n"
            "- **Registry → Field app**: the registry's partner portal hands out the credential; both sides "
            "accept the old and the new one for 24 hours.\n")
    entries = spec_of(text).auth
    assert [a.mechanism is None for a in entries] == [False, True]
    assert "IS301" not in codes(text)
    owed = text.replace("the registry's partner portal hands out the credential", "mechanism: TBD")
    assert "IS301" in codes(owed)


def test_key_material_said_to_be_public_is_no_credential():
    """"Current signing key: `kid` `k-2025`, JWK thumbprint (public, for checking the JWKS)" and "Not a
    secret: ..." describe public material under the auth part: no entry asked for a rotation; a side that
    verifies with a public JWKS is still an entry."""
    text = ("# Lab ↔ Hospital\n\n## Authentication\n\n"
            "- **Lab → Hospital**: OAuth 2.0 client credentials with `private_key_jwt`; key pair rotated yearly; "
            "private key in Azure Key Vault.\n"
            "- **Hospital → Lab**: mutual TLS; certificate valid 12 months, renewed 30 days before expiry; private "
            "key in AWS Secrets Manager.\n\n"
            "Current signing key: `kid` `nlc-2025-04`, JWK thumbprint (RFC 7638; public, for checking the JWKS) "
            "`Vq3hN8eX0bR2mT6yK1cP5wZ9aD4fL7sG0jU3iO8nB2E`.\n")
    assert [a.system.text for a in spec_of(text).auth] == ["Lab → Hospital", "Hospital → Lab"]
    assert "IS301" not in codes(text)


def test_a_program_variable_assigned_to_a_token_is_no_pasted_secret():
    """"return Session(token = r.sessionToken)" in a Kotlin sample names a variable; a random literal after
    "token =" is still a pasted secret."""
    sample = ("# App → Waivers\n\n## SDK\n\n```kotlin\noverride suspend fun sessionFor(ref: String): Session {\n"
              "    val r = api.createSession(ref)\n    return Session(token = r.sessionToken, expiresAt = r.expiresAt)\n"
              "}\n```\n")
    assert "IS303" not in codes(sample)
    pasted = sample.replace("r.sessionToken", '"wk_live_9fQ2xLr7Tz81mNc4Vb6Hs3Jd"')
    assert "IS303" in codes(pasted)


def test_a_reference_to_a_secrets_place_is_no_pasted_secret():
    """`client_secret: vault:kv/coding-bridge/app#client_secret` says where the secret is kept, not what it is."""
    base = "# A → B\n\n## Config\n\n```yaml\nauth:\n  client_id: rx7-bridge\n  client_secret: {}\n```\n"
    assert "IS303" not in codes(base.format("vault:kv/coding-bridge/auditpoint#client_secret"))
    assert "IS303" not in codes(base.format("arn:aws:secretsmanager:eu-west-2:123456789012:secret:bridge-Ab12Cd"))
    assert "IS303" in codes(base.format("Qz8vT2mX7pL4wR9zK3nY6hD1sF5gJ0cB"))


def test_a_pre_signed_url_has_nothing_to_rotate():
    text = ("# Survey → Roofs\n\n## Authentication\n\n- **Reports** (F1): OAuth 2.0 client credentials; secret rotated "
            "every 90 days; kept in Key Vault.\n- **Photos** (F3): pre-signed URLs; nothing stored on our side.\n")
    assert "IS301" not in codes(text)


def test_a_header_row_of_a_calls_table_is_no_system():
    text = ("# Quay → Ice\n\n## Authentication\n\nQuayDesk calls FrostLine with OAuth 2.0 client credentials; the secret is "
            "rotated every 90 days and kept in Vault.\n\n| Fact | C1 Create order | C2 Cancel order |\n|---|---|---|\n"
            "| `Content-Type` | `application/json` | — |\n| Idempotency header | `Idempotency-Key: <ref>` | none |\n")
    assert all(a.system is None or "Content" not in a.system.text for a in spec_of(text).auth)


def test_a_file_said_to_hold_references_not_secrets_is_no_unsafe_store():
    """"The `op://` values in `.env` are references, not secrets" denies that the file holds credentials;
    "the secret is kept in `.env`" does not."""
    base = ("# Club → Bookings\n\n## Authentication\n\n### CueClock webhook\n\n- **Mechanism**: HMAC-SHA256 signature over the body\n"
            "- **Rotation**: every 90 days from the admin console\n")
    denied = base + ("- **Storage**: every secret lives in 1Password (vault `club-systems`) and reaches the container "
                     "through `op run`. The `op://` values in `.env` are references, not secrets.\n")
    assert "IS302" not in codes(denied)
    assert "IS302" in codes(base + "- **Storage**: the secret is kept in `.env` on the host.\n")


def test_an_environment_file_kept_from_readers_is_the_environment_the_template_allows():
    """A `.env` said to be root-only and out of git, or encrypted by the platform, is how the environment is set,
    not a config file anyone can read; a bare `.env` on the host, or one committed, still is."""
    base = ("# Crew → CRM\n\n## Authentication\n\n### CRM\n\n- **Mechanism**: OAuth 2.0 client credentials\n"
            "- **Rotation**: a new secret every 24 months, swapped in a month before expiry\n")
    for kept in ("the droplet's `.env` (root-only, not in git)", "Forge environment (encrypted `.env`)"):
        assert "IS302" not in codes(base + f"- **Storage**: {kept}\n"), kept
    for kept in ("the secret is kept in `.env` on the host.", "kept in `.env`, committed with the app"):
        assert "IS302" in codes(base + f"- **Storage**: {kept}\n"), kept


def test_the_other_sides_own_credential_for_calling_us_is_its_side():
    """Both directions in one section, one paragraph each: "We call the CRM with OAuth ..." and "The CRM's own bearer
    token for calling us ... kept in Key Vault ... rotated every 6 months": two sides told, though both are tokens."""
    text = ("# Crew ⇄ CRM\n\n## 10. What happens when the client secret is about to expire?\n\n"
            "We call the CRM with OAuth 2.0 client credentials. The client secret is valid for 24 months; a new one is "
            "issued a month before expiry and kept in Azure Key Vault.\n\n"
            "The CRM's own bearer token for calling us is a random string kept in Azure Key Vault. It is rotated every "
            "6 months.\n")
    assert "IS301" not in codes(text)
    one_side = text.replace("The CRM's own bearer token for calling us is", "The bearer token is")
    assert "IS301" in codes(one_side)


def test_an_adrs_context_telling_the_old_credential_and_its_consequences_are_no_entry():
    """An ADR: "### Context" tells where the old key was kept, "### Consequences" what follows. Neither heading is a
    system, and the old key, in the past, is no credential of the design."""
    text = ("# Gateway → Hub decisions\n\n## ADR-003: Authentication\n\n**Status:** Accepted\n\n### Context\n\n"
            "The old shared API key was in the agent's config file on the SD card.\n\n### Decision\n\n"
            "- **Gateway → Hub:** mutual TLS; the client certificate is renewed every 60 days by the agent; the private "
            "key lives in the Pi's TPM-backed keystore.\n- **Hub → Gateway:** none: the gateway only calls out.\n\n"
            "### Consequences\n\nNo shared secret to leak. If the Pi is offline past renewal, the certificate lapses "
            "and an engineer re-enrols it.\n")
    assert "IS302" not in codes(text)
    assert all(a.system is None or a.system.text != "Consequences" for a in spec_of(text).auth)
    current = text.replace("The old shared API key was in", "The shared API key is in")
    assert "IS302" in codes(current)


def test_a_host_key_or_a_headers_line_under_the_auth_part_is_no_credential_entry():
    """"Kestrel host key (pin this): SHA256:..." is a server's public key, and "Headers for both: ..." says
    what every call carries: neither is asked for a rotation."""
    text = ("# Pool → Depot\n\n## Authentication\n\n"
            "- **Pool → Depot**: OAuth 2.0 client credentials; secret rotated every 90 days; kept in Azure Key Vault.\n"
            "- **Depot → Pool**: SFTP with an SSH key pair, rotated yearly; private key in AWS Secrets Manager.\n"
            "- **Kestrel host key (pin this)**: `SHA256:Zq3v7x0f2nKp9cT1bY8uR4mW6sE5dH2jL0aG7iO3kQ`\n"
            "- **Headers for both**: `Authorization: Bearer <token>` and `X-Request-Id`.\n")
    assert [a.system.text for a in spec_of(text).auth] == ["Pool → Depot", "Depot → Pool"]
    assert "IS301" not in codes(text)


def test_a_credential_changed_on_a_period_is_rotated_whatever_the_verb():
    text = ("# A ↔ B\n\n## Authentication\n\n"
            "A calls B with OAuth 2.0 client credentials (scope `orders:write`). The client secret is changed every "
            "six months by B, who sends the new one through its file exchange. The secret is kept in Vault.\n\n"
            "B calls A's webhook signed with HMAC-SHA256 (scope: one path only). A generates this secret once a "
            "year, in September; B stores it in its Key Vault.\n")
    assert "IS301" not in codes(text, "IS301")
    assert "IS301" in codes(text.replace("generates this secret once a year, in September", "generates this secret"),
                            "IS301")


def test_a_config_blocks_container_key_names_no_system():
    """`PutListing.Parameters.Authentication` in a state machine, `Properties.AuthParameters` in a template: a
    detail of the credential the text tells, not a system without rotation."""
    text = ("# CMS → Hub\n\n## Authentication\n\nThe CMS calls the Hub with OAuth 2.0 client credentials (scope "
            "`listings:write`); the secret is kept in Secrets Manager and rotated every 90 days.\n\n"
            "```json\n{\"PutListing\": {\"Parameters\": {\"Authentication\": {\"ConnectionArn\": "
            "\"arn:aws:events:eu-west-2:1:connection/hub-oauth/5c\"}}}}\n```\n")
    assert [a.system.text if a.system else None for a in spec_of(text).auth] == ["CMS"]


def test_a_denied_mechanism_is_none_and_an_assumed_role_has_no_secret_to_rotate():
    text = ("# Logger → Bridge\n\n## Authentication\n\n- **Bridge API** — OAuth 2.0 client credentials; secret rotated "
            "every 90 days; kept in Secrets Manager.\n- **Logger → SQS** (C1) — no shared secret: the logger's AWS "
            "account assumes role `export-writer` (permission `sqs:SendMessage`), STS sessions of 1 h.\n")
    spec = spec_of(text)
    assert [a.mechanism.text for a in spec.auth] == ["OAuth 2.0 client credentials", "assumes role"]
    assert "IS301" not in codes(text)


def test_a_paragraph_on_the_scheme_for_all_owes_nothing_each_systems_column_gives():
    text = ("# Rigs → QA\n\n## Authentication\n\nNATS decentralised JWT authentication under operator `HMF`. Clients "
            "connect with a creds file (user JWT + nkey seed) over TLS 1.3.\n\n| | Rig edge | QA service |\n|---|---|---|\n"
            "| Permissions | pub `piling.v1.>` | pull `pileqa-logs` |\n"
            "| Lifetime and rotation | JWT expires after 90 days; a new creds file 14 days before | same 90-day JWT, "
            "renewed by the job |\n"
            "| Storage | `/etc/rig/nats.creds` on the encrypted partition | Vault `kv/qa/nats-creds` |\n")
    assert "IS301" not in codes(text)
    assert "IS301" in codes(text.replace("same 90-day JWT, renewed by the job", "—"))


def test_a_procedure_steps_sentences_under_an_auth_heading_are_read():
    text = ("# Hub ↔ Loans\n\n## 6.6 Credential management\n\n| Step | Action | Responsible | Record |\n"
            "|---|---|---|---|\n| 6.6.1 | The Hub authenticates to Loans with OAuth 2.0 client credentials, scopes "
            "`loans:write`; the client secret is rotated every 12 months and kept in Azure Key Vault. | DSIT | QF-118 |\n"
            "| 6.6.2 | Loans signs each webhook with HMAC-SHA256 using a shared secret rotated every 12 months and held in "
            "its KMS. | Loans desk | QF-118 |\n")
    assert [a.mechanism.text for a in spec_of(text).auth][:1] == ["OAuth 2.0 client credentials"]
    assert "IS301" not in codes(text)


def test_a_credential_shown_as_its_setting_or_header_is_no_undocumented_authentication():
    base = "# Kafka → Postgres\n\n## Flows\n\nThe connector writes each record to the table.\n\n## Connection\n\n"
    for said in ("The connector connects with `connection.user` and `connection.password`.",
                 "Each request carries an `X-Hub-Signature` header that the receiver checks.",
                 "The function's execution role needs `sqs:ReceiveMessage` on the queue."):
        assert "IS301" not in codes(base + said + "\n"), said
    assert "IS301" in codes(base + "The connector connects to the database URL.\n")


def test_two_directions_whose_credentials_are_said_are_both_sides():
    base = ("# Shop → Kitchen\n\n## Flows\n\nOrders go from the shop to the kitchen.\n\n## Credentials\n\n"
            "OAuth 2.0 client credentials; client secrets live 90 days and are rotated from the portal.\n\n")
    both = base + "- our side: `X-Kitchen-Key` partner keys, 60-day lifetime, rotated in the portal\n" \
                  "- your side: OAuth client credentials for the partner API\n"
    assert not [f for f in lint_text(both, "markdown") if f.code == "IS301" and "only" in f.message]
    one = base + "- our side: `X-Kitchen-Key` partner keys, 60-day lifetime, rotated in the portal\n"
    assert [f for f in lint_text(one, "markdown") if f.code == "IS301" and "only" in f.message]


def test_an_iam_role_has_no_secret_to_keep():
    text = ("# Bridge → Stores\n\n## Authentication\n\n| Connection | Mechanism | Rotation | Stored in |\n|---|---|---|---|\n"
            "| bridge → Keelson | OAuth 2.0 client credentials | every 90 days | Vault `secret/keelson` |\n"
            "| bridge → S3 | IAM role via IRSA | short-lived STS credentials | — |\n")
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS301" and "storage" in f.message]


def test_a_header_described_in_words_is_no_pasted_key_and_repeated_safely_is_idempotency():
    base = "# A → B\n\n## Contract\n\n```yaml\nheaders:\n  X-Api-Key: {}\n```\n"
    assert "IS303" not in codes(base.replace("{}", "RouteStock API key of vend-sync"))
    assert "IS303" in codes(base.replace("{}", "Qz8vT2mX7pL4wR9zK3nY6hD1sF5gJ0cB"))
    from intspec_lint.reading.idempotency import mentions
    assert mentions("Every write can be repeated safely.") and mentions("It is safe to retry any call.")
    assert not mentions("Every write is logged.")


def test_an_illustrative_jwt_and_a_short_grouped_code_are_no_pasted_secrets():
    base = "# A → B\n\n## Example\n\n```http\nPOST /v1/orders\nAuthorization: Bearer {}\n```\n"
    assert "IS303" not in codes(base.format("eyJhbGciOiJSUzI1NiJ9.eyJjbGllbnRfaWQiOiJkZXNrIn0.c2ln"))
    # a payload that encodes no JSON object ("lfp") is no token an issuer made, whatever its signature
    assert "IS303" not in codes(base.format("eyJhbGciOiJSUzI1NiJ9.lfp.sig"))
    assert "IS303" not in codes(base.format("eyJ0eXAiOiJKV1QifQ.tb.Qz8vT2mX7pL4wR9zK3nY6hD1sF5gJ0cB"))
    assert "IS303" in codes(base.format("eyJhbGciOiJSUzI1NiJ9.eyJjbGllbnRfaWQiOiJkZXNrIn0."
                                        "Qz8vT2mX7pL4wR9zK3nY6hD1sF5gJ0cBa1b2c3d4e5f6"))
    params = "# A → B\n\n## Example\n\n```json\n{\"params\": {\"token\": \"7F3K-92QD-X4\", \"site\": \"FQ412\"}}\n```\n"
    assert "IS303" not in codes(params)


def test_one_rule_for_every_credential_with_each_directions_credential_said_in_passing_covers_both_sides():
    text = ("# Gym → Waivers\n\n## Keys and secrets: one rule for all of them\n\nThere are two secrets: the SignSafe "
            "API key (our calls to them) and the webhook signing secret (their calls to us). Both live in Doppler and "
            "are rotated every 60 days, with overlap.\n")
    assert "one rule for all of them" not in {a.system.text for a in spec_of(text).auth if a.system}
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS301" and "covers only" in f.message]
    one = text.replace(" and the webhook signing secret (their calls to us)", "")
    assert [f for f in lint_text(one, "markdown") if f.code == "IS301" and "covers only" in f.message]


def test_a_rotation_told_as_a_new_credential_on_a_period_or_before_the_switch():
    """ "Every 90 days the on-call creates the new secret ... then deletes the old one"; "the party whose
    certificate is due sends the new public certificate 30 days before the switch": rotations in other words."""
    periodic = ("# Hop → Ledger\n\n## Keys\n\n- **Ledger → Hop** is mutual TLS; we reissue the client certificate every "
                "12 months.\n- **Hop → Ledger** is OAuth 2.0 client credentials; every 90 days a calendar ticket has the "
                "on-call create the new secret, put it in AWS Secrets Manager, then delete the old one.\n")
    assert "IS301" not in codes(periodic)
    assert "IS301" in codes(periodic.replace("every 90 days a calendar ticket has the on-call create the new secret, put "
                                             "it in AWS Secrets Manager, then delete the old one", "the secret is kept "
                                             "in AWS Secrets Manager"))


def test_each_side_under_a_heading_that_names_no_part_is_that_systems_authentication():
    """"**Shop → Envelope:**" and "**Envelope → Shop:**" side by side under "Who's calling whom": the words
    under the first carry the part; the second, told in fewer, is its sibling and the same part. A new key
    at a period is its rotation."""
    text = ("# Balloons\n\n## Flights\n\n| Flow | Source | Destination | Trigger | Payload | Frequency |\n"
            "|---|---|---|---|---|---|\n| Manifest | Shop | Envelope | booking | manifest | 40/day |\n\n"
            "## Who's calling whom\n\n"
            "- **Shop → Envelope:** OAuth 2.0 client credentials (Doorkeeper), scope `manifests:write`\n"
            "  - secret rotated every 3 months, 7 days overlap\n  - stored in Vault `kv/skyvoucher/envelope`\n"
            "- **Envelope → Shop:** Shopware integration (access key ID + secret → OAuth token)\n"
            "  - new integration key every 6 months; old one deleted after Envelope has switched\n"
            "  - stored in AWS SSM Parameter Store `/envelope/prod/shopware`\n")
    auth = spec_of(text).auth
    assert [a.system.text.strip(" :") for a in auth] == ["Shop → Envelope", "Envelope → Shop"]
    assert all(a.rotation is not None for a in auth)
    assert "IS301" not in codes(text, "IS301")


def test_a_terse_rot_every_period_is_a_rotation_and_days_from_a_rotation_date_an_expiry_alert():
    text = ("# Gates → Sauna\n\n## Auth\n\n- SB → GO: OAuth2 cc; client secret: rot every 90d via GO partner console; "
            "kept in GCP Secret Manager.\n- GO → SB: HMAC-SHA256 over raw body, shared secret. rot every 180d; "
            "SB verifies cur + prev secret for 24h. Secret in GCP Secret Manager.\n\n## Monitoring\n\n"
            "| Metric | Threshold | Alert |\n|---|---|---|\n| p95 latency | > 2 s | warn |\n| error rate | > 1% | page |\n"
            "| outbox depth | > 200 | warn |\n\n## Checklist\n\n- [x] Grafana alert when either secret is 14 days from its\n"
            "  rotation date (#418)\n")
    assert all(a.rotation is not None for a in spec_of(text).auth)
    assert "IS301" not in codes(text, "IS301") and "IS701" not in codes(text, "IS701")


def test_one_entry_named_for_a_credential_or_plumbing_is_no_side_to_call_the_other_missing():
    base = ("# Boxes → Farm\n\n## Security\n\n| {name} | Mechanism | Rotation |\n|---|---|---|\n"
            "| {row} | HMAC-SHA256 over the body | every 180 days |\n")
    for row in ("Webhook signing secret", "`OC_WEBHOOK_SECRETS`", "Kafka"):
        assert "IS301" not in codes(base.format(name="Credential", row=row), "IS301"), row
    assert "IS301" in codes(base.format(name="System", row="FarmDesk"), "IS301")


def test_a_rotation_said_under_the_credentials_own_name_is_the_rotation_of_the_side_using_it():
    """"| `X-Api-Key` used by EDIS webhooks | 90 days | ..." beside "EDIS → Hub: API key", or one "Rotation" row
    listing "client secret 6-monthly; webhook secret 6-monthly": the side whose mechanism is of its family."""
    sides = ("# Hub ↔ EDIS\n\n## Authentication\n\n- **Hub → EDIS:** mutual TLS with a client certificate.\n"
             "- **EDIS → Hub:** an `X-Api-Key` header on every webhook.\n\n## Rotating credentials\n\n"
             "| Credential | Lifetime | How it is rotated |\n|---|---|---|\n"
             "| Hub client certificate | 1 year | a CSR 30 days before expiry; both trusted until the old one expires |\n"
             "| `X-Api-Key` used by EDIS webhooks | 90 days | a new key is issued; the old one is accepted for 7 days |\n")
    assert [a.rotation is not None for a in spec_of(sides).auth][:2] == [True, True]
    one_key = sides.replace("| Hub client certificate | 1 year | a CSR 30 days before expiry; both trusted until the "
                            "old one expires |\n", "")
    assert [a.rotation is not None for a in spec_of(one_key).auth][:2] == [False, True]  # no certificate's rotation
    listed = ("# Lab ↔ Scans\n\n## Credentials\n\n| Facts | |\n|---|---|\n"
              "| Connector → ScanHub | OAuth 2.0 client credentials |\n| ScanHub → connector | HMAC-SHA256 webhook signature |\n"
              "| Storage | HashiCorp Vault `kv/lab/scanhub` |\n| Rotation | client secret 6-monthly; webhook secret 6-monthly |\n")
    assert [a.rotation is not None for a in spec_of(listed).auth] == [True, True]


def test_issuing_the_next_one_before_the_current_lapses_is_a_rotation():
    text = ("# Rink → City\n\n## Authentication\n\n- **Rink → City:** OAuth 2.0 client credentials. Client secrets "
            "are issued for 12 months; the platform team {does} at month 11 and deletes the old one after the switch.\n"
            "- **City → Rink:** API key in `X-RD-Key`, rotated every 90 days.\n")
    assert spec_of(text.replace("{does}", "issues the next one")).auth[0].rotation is not None
    assert spec_of(text.replace("{does}", "reviews the audit log")).auth[0].rotation is None


def test_a_place_said_of_every_credential_under_a_negation_is_no_store():
    text = ("# Library → Tutti\n\n## Credentials\n\n- **Fermata → Tutti:** OAuth 2.0 client credentials, secret rotated "
            "yearly.\n- **Tutti → Fermata:** webhooks signed with HMAC-SHA256, secret rotated yearly.\n"
            "- {said}; both come from the secrets agent at start-up.\n")
    assert "IS302" not in codes(text.replace("{said}", "No secrets in the repo or in Django settings files"))
    assert "IS302" in codes(text.replace("{said}", "Secrets sit in the repo"))


def test_a_header_value_described_in_words_with_a_possessive_is_no_pasted_key():
    text = ("# Choir → Rooms\n\n## Booking\n\n```http\nPOST /v1/bookings HTTP/1.1\nX-Api-Key: {value}\n```\n")
    assert "IS303" not in codes(text.replace("{value}", "ChoirHub's RoomBook API key"))
    assert "IS303" in codes(text.replace("{value}", "chk_9fQ2xLm7Tz4Rw8Yb3Nc6"))


def test_a_rotation_told_with_another_credential_or_in_a_line_that_opens_with_the_credential():
    """"basic auth credentials ..., changed with the API key"; "Webhook secret: every 6 months. We add the new one
    ..." under the reviewers' questions; "**B4** Signing secret rotation agreed. Note: every 180 days": the
    rotation of the one side whose credential is of that family."""
    along = ("# Beach → Relay\n\n## Authentication\n\n- Relay → BeachCall: API key, rotated every 6 months.\n"
             "- BeachCall → Relay: basic auth credentials we set in the BeachCall console, {how}.\n")
    assert all(a.rotation is not None for a in spec_of(along.replace("{how}", "changed with the API key")).auth)
    assert spec_of(along.replace("{how}", "kept in Vault")).auth[1].rotation is None
    elsewhere = ("# Kiosk → CWM\n\n## Authentication\n\n- **Gateway → CWM:** OAuth 2.0 client credentials; the secret "
                 "expires after 12 months and is renewed a month before.\n- **CWM → Gateway:** HMAC-SHA256 signature "
                 "on the webhook body with a shared secret.\n\n## Questions for reviewers\n\n{said}\n")
    told = "Webhook secret: every 6 months. We add the new one next to the old one for 72 h."
    assert spec_of(elsewhere.replace("{said}", told)).auth[1].rotation is not None
    assert spec_of(elsewhere.replace("{said}", "Webhook secret: kept in Vault.")).auth[1].rotation is None


def test_a_credential_lifecycle_sub_section_is_no_system_and_its_rule_for_all_rotates_each():
    """"#### 4.3 Credential lifecycle: All three credentials ... rotated every 120 days" after one sub-section per
    system: the lifecycle is every credential's, not a third system's."""
    text = ("# Orchard ⇄ Hives\n\n## 4. Security\n\n#### 4.1 HiveLedger API\n\nOrchardLink calls HiveLedger with "
            "OAuth 2.0 client credentials from Auth0, scope `contracts:write`.\n\n#### 4.2 OrchardLink API\n\n"
            "HiveLedger calls OrchardLink with a partner API key in `X-OL-Key`.\n\n#### 4.3 Credential lifecycle\n\n"
            "All three credentials (Auth0 client secret, OrchardLink partner key, SFTP key) are rotated every 120 "
            "days. Each party keeps its credentials in its own AWS Secrets Manager.\n")
    assert [a.system.text for a in spec_of(text).auth] == ["4.1 HiveLedger API", "4.2 OrchardLink API"]
    assert "IS301" not in codes(text)


def test_a_pointer_to_where_rotation_is_told_is_evidence_of_it():
    """"Rotation is in section 5." under the auth table: the reader does not follow it, so it says nothing of
    rotation; without the pointer each credential is still asked for it."""
    text = ("# Fuel → Fleet\n\n## Authentication\n\n| Link | Mechanism | Storage |\n|---|---|---|\n"
            "| fuel-sync → FuelLink API | OAuth 2.0 client credentials | Secrets Manager |\n"
            "| FuelLink → fuel-sync webhook | HMAC signature | Secrets Manager |\n\nRotation is in section 5.\n")
    def rotation(t):
        return [f for f in lint_text(t, "markdown") if f.code == "IS301" and "rotation" in f.message]
    assert not rotation(text)
    assert rotation(text.replace("Rotation is in section 5.\n", ""))


def test_both_parties_credentials_cover_both_sides():
    text = ("# Shipper ⇄ Customs\n\n## Security\n\nThe shipper signs each interchange with an X.509 certificate kept in "
            "Azure Key Vault.\n\nBoth parties' certificates are valid for 13 months and are rotated every 12 months, "
            "with a 30-day overlap.\n")
    assert "IS301" not in codes(text, "IS301")


def test_a_credentials_section_under_the_interface_is_auth():
    # "### Credentials" under "## Interface": the interface's part named in one word, as "### Errors" beside it is
    text = ("# Service card: pledges\n\n## Interface\n\n### Place hold — `POST https://pay.example/v3/holds`\n\n"
            "```json\n{\"amount\": 100}\n```\n\n### Credentials\n\n"
            "- **PayCo**: restricted API key with permission `holds:write`, stored in AWS Secrets Manager, rolled "
            "every 60 days.\n- **PayCo webhook signatures**: HMAC-SHA256 with the endpoint secret, in Secrets "
            "Manager.\n\n### Errors\n\n- **Transient**: 503 → retried\n")
    assert [e.system.text for e in spec_of(text).auth] == ["PayCo", "PayCo webhook signatures"]
    assert "IS301" in codes(text, "IS301")  # the signing secret is never rotated


def test_what_needs_no_credential_lends_no_rotation():
    spec = spec_of("# Station ⇄ Ops\n\n## 5. Authentication\n\n5.1 **Ops to Station.** Ops calls with an API key kept in "
                   "Vault and rotated every 180 days.\n\n5.2 **Station to Ops.** The Station authenticates each "
                   "notification with HTTP Basic authentication; it stores the password in its secrets manager.\n\n"
                   "5.3 Pre-signed download URLs need no further credential; they are read-only and expire after "
                   "24 hours.\n")
    assert [e.rotation is None for e in spec.auth] == [False, True]


def test_a_rotation_told_in_a_decision_for_a_credential_named_in_code():
    text = ("# Meters → MDM\n\n## Security\n\n- **HES → MDM**: mTLS with a client certificate issued by the City PKI, "
            "reissued every 2 years.\n- **HES → broker**: AMQPS with username `hes-alarms` and a password.\n\n"
            "## Decisions\n\n- **D4. Credential rotation.** The `hes-alarms` password is changed every 180 days; the "
            "broker accepts the new one at once.\n")
    assert "IS301" not in codes(text, "IS301")


def test_a_rotation_answered_under_a_question_about_the_key():
    text = ("# Desks → Spaces\n\n## Authentication\n\n- **Desks → Spaces**: organisation API key, stored in GCP Secret "
            "Manager.\n- **Spaces → Desks**: HMAC-SHA256 signature with the signing secret, rotated yearly, kept in "
            "Secret Manager.\n\n## Open questions\n\n**Q3. Do Spaces API keys expire?**\n\nResolved: yes, 180 days. "
            "Facilities creates a new key at day 150 and the old one is deleted a week later.\n")
    assert "IS301" not in codes(text, "IS301")


def test_nothing_stored_is_no_unsafe_storage():
    text = ("intspec: '1.0'\ntitle: Tuning\nauth:\n  - system: TuneBook\n    mechanism: Pub/Sub push with a "
            "Google-signed OIDC token\n    rotation: No secret of our own; Google rotates the signing keys\n"
            "    storage: Nothing stored; the audience and service account email are plain config in app.yaml\n")
    assert not [f for f in lint_text(text, "yaml") if f.code == "IS302"]


def test_two_questions_each_answered_with_a_mechanism_are_both_sides():
    text = ("# Couriers → Payroll\n\n## Section C — Authentication\n\n**C1. How does the customer authenticate to your "
            "API?**\n\nOAuth 2.0 client credentials; the secret is kept in GCP Secret Manager and rotated every 90 days.\n\n"
            "**C2. How do you authenticate requests you send to us?**\n\nWebhooks carry `Payroll-Signature`, a JWS (RS256) over the body; "
            "the public keys are published as a JWKS and rotated every 6 months.\n")
    assert "IS301" not in codes(text, "IS301")


def test_a_template_hint_left_in_is_a_placeholder():
    text = ("# Trips ⇄ Consent\n\n## Authentication\n\n| System | Mechanism | Rotation | Storage |\n|---|---|---|---|\n"
            "| Consent API | OAuth 2.0 client credentials | Client secret every 6 months, 7-day overlap | Key Vault |\n"
            "| Consent → Trips webhook | HMAC-SHA256 shared signing secret | _<How often, and who does it?>_ | Key Vault |\n")
    assert [f for f in lint_text(text, "markdown") if f.code == "IS301" and "placeholder" in f.message]


def test_a_party_whose_mechanism_is_none_holds_no_credential_to_rotate():
    text = ("# Parcel feed\n\n## Credentials\n\n| Link | Mechanism | Rotation | Storage |\n|---|---|---|---|\n"
            "| Courier → Hub | API key in `X-Api-Key` | every 90 days | Azure Key Vault |\n"
            "| Hub → Courier | HMAC-SHA256 signature | every 180 days | Azure Key Vault |\n"
            "| Public → Hub | None (anonymous read of the status page) | — | — |\n")
    assert "IS301" not in codes(text, "IS301")
    assert "IS301" in codes(text.replace("None (anonymous read of the status page)", "Bearer token"), "IS301")


def test_a_secret_kept_nowhere_unsafe_is_no_unsafe_storage_even_beside_a_file_in_code():
    from intspec_lint.reading.auth_words import unsafe_storage
    assert unsafe_storage("AWS Secrets Manager at `prod/feed`. Nothing is in `.env` or in the repository.") is None
    assert unsafe_storage("Kept in `config/prod.yaml` in the repository.") == "config/prod.yaml"


def test_a_reply_in_a_review_thread_tells_the_rotation_of_the_credential_it_names():
    text = ("# Club ⇄ Tunnel\n\n## 3. Is authentication covered for both sides?\n\n"
            "- **Club → Tunnel:** OAuth 2.0 client credentials, scope `plates:write`. Client secret in AWS Secrets "
            "Manager `club/tunnel-client`.\n- **Tunnel → Club:** HMAC-SHA256 with a shared secret in AWS Secrets Manager "
            "`club/tunnel-webhook`.\n\n> **@d.hale:** Rotation? Both secrets need it written down.\n"
            "> **Lena:** Client secret: a rotation Lambda every 90 days mints the new one.\n"
            "> Webhook secret: every 6 months, with Tunnel support.\n")
    assert codes(text, "IS301") == []


def test_the_other_sides_signing_key_rotated_by_them_is_that_sides_authentication():
    text = ("# Care ⇄ Cuff\n\n## Authentication\n\n- **Care → Cuff**: API key in the `X-Api-Key` header, rotated every "
            "6 months, kept in Azure Key Vault `kv-care`.\n\n## When Cuff rotates its webhook signing key\n\nNothing to do. Cuff "
            "rotates its RS256 signing key every 30 days and publishes the new `kid` in its JWKS.\n")
    assert "authentication covers only" not in " ".join(f.message for f in lint_text(text, "markdown"))


def test_a_lifetime_and_its_renewal_told_apart_is_the_certificates_rotation_and_a_key_repository_no_code_repo():
    text = ("# Crew → Hospital\n\n## 5. Security\n\n**5.1 Crew → Hospital.** Mutual TLS with a client certificate, key "
            "held in Azure Key Vault `kv-crew`.\n\n**5.2 Hospital → Crew.** OAuth 2.0 client credentials; the client secret "
            "is stored in CyberArk.\n\n**5.3 Credential lifecycle.** The client certificate is valid 12 months and is "
            "renewed 30 days before expiry. The client secret is rotated every 90 days.\n")
    assert codes(text, "IS301") == []
    from intspec_lint.reading.auth_words import unsafe_storage
    assert unsafe_storage("The queue manager's key repository (`.kdb`, stash file readable by root only).") is None
    assert unsafe_storage("Kept in the Git repository.") == "git repository"


def test_a_key_made_once_at_onboarding_is_never_rotated():
    text = ("# Billing → Bank\n\n## Security\n\n| Link | Mechanism | Credential store | Rotation |\n|---|---|---|---|\n"
            "| Jobs → Bank SFTP | SSH key (ed25519) | Vault `secret/sftp` | Key pair generated at onboarding (March 2022) |\n"
            "| Bank → Jobs | PGP signature | Vault `secret/pgp` | Yearly in May |\n")
    assert [f.line for f in lint_text(text, "markdown") if f.code == "IS301"] == [7]


def test_the_details_a_subscriber_supplies_are_no_systems():
    spec = spec_of("# Webhook notifications\n\n## Subscribing\n\nSend the team the following details:\n\n"
                   "* **Callback URL**: an `https://` endpoint, publicly reachable\n"
                   "* **Secret**: a shared secret used to sign each notification with HMAC-SHA256\n\n"
                   "If your server supports basic authorization, you can also supply:\n\n"
                   "* **Username**: optional, used for basic authorization\n* **Password**: optional\n")
    assert [a.system.text for a in spec.auth if a.system is not None] == []
    assert [a.mechanism.text for a in spec.auth if a.mechanism is not None] != []


def test_a_speakers_reply_with_a_dash_is_read_without_a_crash():
    findings = lint_text("# Club ⇄ Tunnel\n\n## Auth\n\n- **Club → Tunnel:** OAuth 2.0 client credentials.\n\n"
                         "> **Lena:** Client secret — every 90 days.\n", "markdown")
    assert "IS003" not in {f.code for f in findings}


def test_each_sides_credential_named_by_whose_it_is_is_an_entry_of_its_own():
    """A partner's page: "Your API key" and "Our webhook signing secret" are the two sides' credentials, each an entry
    with its own rotation, not one system's auth."""
    text = ("# Parcel API for shops\n\n## Keys\n\n- **Your API key** (`pk_live_...`): kept in your secrets manager; it "
            "expires after a year and we advise rotating it every 90 days from the console.\n"
            "- **Our webhook signing secret** (`wh_...`): check every delivery with it. Roll it every 180 days; "
            "during a roll both secrets sign for a day.\n")
    spec = spec_of(text)
    assert [a.mechanism.text.split(" (")[0] for a in spec.auth] == ["Your API key", "Our webhook signing secret"]
    assert all(a.rotation is not None for a in spec.auth)
    assert codes(text, "IS301") == []


def test_notes_below_the_entries_are_no_system_and_a_question_is_no_rotation():
    """A slide's speaker notes give the signing secret's rotation; a reviewer's handle and question ("@ops: Rotation?")
    name no system and say no rotation."""
    entries = ("# Clinic ⇄ Lab\n\n## Authentication\n\n- Clinic → Lab: OAuth 2.0 client credentials; client secret "
               "rotated every 90 days; stored in Key Vault\n- Lab → Clinic: HMAC-SHA256 over the body with a shared "
               "secret kept in Key Vault\n\n")
    noted = entries + "_Presenter notes:_ The signing secret is rotated every six months by the lab.\n"
    assert "IS301" not in codes(noted)
    assert [a.system.text for a in spec_of(noted).auth] == ["Clinic → Lab", "Lab → Clinic"]
    asked = entries + "> **@ops.lead:** Rotation?\n"
    assert [a.rotation for a in spec_of(asked).auth][1] is None
    assert [a.system.text for a in spec_of(asked).auth] == ["Clinic → Lab", "Lab → Clinic"]


def test_telegraphic_rotation_and_a_negated_place_with_a_slash():
    """Abbreviation-heavy notes: "rot. q90d" is a rotation; "never in repo/env files" keeps nothing in them."""
    text = ("# Orders → Routes\n\n## auth\n\n- Orders → Routes: API key (Bearer); rot. q90d, old key revoked +24h; "
            "stored AWS Secrets Manager, never in repo/env files\n- Routes → Orders: HMAC-SHA256 sig; rot. q180d; "
            "stored AWS Secrets Manager\n")
    assert codes(text, "IS301", "IS302") == []


def test_a_secret_kept_outside_the_repository_is_not_in_it():
    """"Outside the repository" names the place a secret is kept away from; "in the repository" still is unsafe."""
    from intspec_lint.reading.auth_words import unsafe_storage
    assert unsafe_storage("Stored as a constant in `wp-config.php` outside the repository.") is None
    assert unsafe_storage("Kept out of the git repository, in Vault.") is None
    assert unsafe_storage("A constant in `wp-config.php` in the repository.") is not None


def test_a_public_path_with_nothing_stored_asks_for_no_rotation():
    """A row that says there is no credential ("none: public, read-only", "nothing stored", "—") is no credential
    missing its rotation; a credential's own dash still is."""
    head = ("# Trails → Widget\n\n## Secrets\n\n| Who | What | Where | Rotation |\n|---|---|---|---|\n"
            "| Ops → Beacon | HMAC-SHA256 webhook signature | systemd credential | every 6 months |\n")
    assert codes(head + "| widget → beacon | none: public, read-only, rate-limited | nothing stored | — |\n",
                 "IS301") == []
    assert codes(head + "| Beacon → Ops | API token, scope `trails:read` | systemd credential | — |\n",
                 "IS301") == ["IS301"]


def test_an_answer_keys_labels_are_no_systems():
    """"**Model answer**" over an exam key's auth table is a label of the document, not a system."""
    text = ("# Paper 2\n\n## Q5. Authentication\n\n**Model answer**\n\n"
            "- RouteWise -> BusBuddy (webhooks): HMAC-SHA256; rotated every 180 days; stored in Secrets Manager\n"
            "- BusBuddy -> RouteWise (API): OAuth 2.0 client credentials; secret rotated yearly; stored in Secrets "
            "Manager\n")
    assert "Model answer" not in [a.system.text for a in spec_of(text).auth if a.system is not None]


def test_a_basic_credential_made_of_sample_words_is_no_leak():
    """`Authorization: Basic YmFzaWN1c2VyOmJhc2ljcGFzc3dvcmQ=` decodes to "basicuser:basicpassword": words made up
    for the page; a Basic value that decodes to something else is still a pasted credential."""
    text = ("# Notifications\n\n## Authorization header check\n\n### Example\n\nAccept only requests having the header "
            "`Authorization: Basic {value}`\n\n    auth.token.internal = \"{value}\"\n")
    import base64
    sample = base64.b64encode(b"basicuser:basicpassword").decode()
    real = base64.b64encode(b"svc-notify:Qx7!vR2mK9#pL4").decode()
    assert "IS303" not in codes(text.replace("{value}", sample), "IS303")
    assert "IS303" in codes(text.replace("{value}", real), "IS303")


def test_a_speakers_notes_label_with_the_speaker_named_is_no_system():
    """"*Notes (Joe):* yes, a volunteer society has a password manager" under a slide's auth bullets: the presenter's
    aside, not a system with a password to rotate."""
    text = ("# Plots ⇄ Council\n\n## Slide 9: Who is who\n\n- Forms → Plots: API key, stored in Key Vault, rotated every "
            "12 months.\n- Plots → Forms: OAuth 2.0 client credentials; secret rotated every 6 months; kept in a secret "
            "environment group.\n- *Notes (Joe):* yes, a volunteer society has a password manager.\n")
    assert [a.system.text for a in spec_of(text).auth] == ["Forms → Plots", "Plots → Forms"]


def test_review_a_place_after_an_outside_one_and_a_credential_nothing_stores_yet():
    """"kept out of the repo, but hard-coded in the deploy script" is hard-coded; "Nothing stored in Vault yet; ops
    paste the key by hand" is a key with no rotation, not a keyless set-up; a Basic credential with a real-looking
    password is pasted, whatever its user is called."""
    from intspec_lint.reading.auth_words import keyless, unsafe_storage
    import base64
    assert unsafe_storage("kept out of the repo, but hard-coded in the deploy script on the build server.") == "hard-coded"
    assert not keyless("Nothing stored in Vault yet; ops paste the key into the job by hand")
    text = "# A → B\n\n## Calls\n\n- `Authorization: Basic {v}` (production service account)\n"
    real = base64.b64encode(b"ordersuser:AcmeSecret2024").decode()
    assert "IS303" in codes(text.replace("{v}", real), "IS303")


def test_a_credentials_lifetime_and_its_renewal_in_the_next_clause_are_its_rotation():
    text = ("# Party bookings — RinkDesk ⇄ PartyPal: integration FAQ\n\n"
            "**Q6. And a cancellation?**\n`PATCH https://rinkdesk.example/api/v1/parties/{party_ref}`, same headers.\n\n"
            "**Q7. How do the two systems authenticate?**\n"
            "RinkDesk → PartyPal: OAuth 2.0 client credentials, token endpoint\n`https://auth.partypal.example/oauth/token`, "
            "scope `availability:write`. PartyPal →\nRinkDesk: API key in `X-RinkDesk-Key`, one key per environment.\n\n"
            "**Q8. How are the credentials rotated, and where are they kept?**\n"
            "The PartyPal client secret is valid 12 months; PartyPal's partner portal lets two secrets coexist, so we add a"
            "\nnew one a month before expiry, switch, and delete the old one. The RinkDesk API key expires after 180 days; "
            "we\nissue the new key 14 days before. Ours are in Azure Key Vault `kv-rink`.\n")
    oauth = spec_of(text).auth[0]
    assert oauth.system.text == "RinkDesk → PartyPal" and "a month before expiry" in oauth.rotation.text
    # a lifetime alone, with nothing done before it ends, is no rotation
    alone = text.replace("so we add a\nnew one a month before expiry, switch, and delete the old one", "as agreed")
    assert spec_of(alone).auth[0].rotation is None


def test_a_named_kind_of_token_is_a_mechanism_and_starts_the_callers_entry():
    text = ("# Venue ⇄ Kitchen\n\n## Credentials\n\nVenueBook calls KitchenCount with OAuth 2.0 client credentials, scope "
            "`counts:write`. The client secret lives in AWS Secrets Manager and is rotated every six months. "
            "KitchenCount calls VenueBook with a VenueBook integration token for the user `hartley-vine`. The token is "
            "replaced every 75 days and kept in their Rails encrypted credentials.\n")
    assert [a.system.text for a in spec_of(text).auth] == ["VenueBook", "KitchenCount"]
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS301" and "covers only" in f.message]


def test_each_directions_credential_told_under_its_own_lead_is_a_side():
    """"Signed in as Angela" is a login, no mechanism; a paragraph led by "authentication from Xero." whose next
    sentence names a signature is the other direction's side; a signing secret whose paragraph goes on to its
    rotation and store is a second credential."""
    from intspec_lint.reading.auth_words import mechanism
    assert mechanism("Connect, signed in as Angela, organisation Dales") is None
    assert mechanism("Each delivery is signed with HMAC-SHA256") is not None
    text = ("# Drivers → Xero\n\n### Step 2 · Connect Xero\n\n> **Steady state, authentication to Xero.** OAuth 2.0 "
            "authorisation code flow. The client secret is rotated every 12 months. Tokens are stored in AWS Secrets "
            "Manager.\n\n### Step 3 · Register the webhook\n\n> **Steady state, authentication from Xero.** Every webhook "
            "carries `x-xero-signature`, the base64 HMAC-SHA256 of the raw body with the webhook key. The webhook key "
            "is regenerated every 12 months. Key stored in Secrets Manager.\n")
    assert not [f for f in lint_text(text, "markdown") if f.code == "IS301" and "only" in f.message]
    steps = ("# Locks → Fleet\n\n## Step 1 — Get your client credentials\n\nYou call us with OAuth 2.0 client credentials. "
             "The client secret is valid for 90 days; we email a new one 14 days before expiry. Keep the secret in your "
             "secret store.\n\n## Step 2 — Register your webhook\n\nEvery webhook carries `X-LockLine-Signature`, an "
             "HMAC-SHA256 of the raw body with a shared secret that we generate. We rotate it every 180 days. Store it "
             "next to the client secret.\n")
    assert not [f for f in lint_text(steps, "markdown") if f.code == "IS301" and "only" in f.message]


def test_round_101s_shapes():
    """A key that does not expire but is replaced each September is rotated; a call "sent with an empty body" has its
    whole request told; a warning "when fewer than 30 days remain" on a credential watches its expiry."""
    never = ("# Shop → Notify\n\n## Authentication\n\n| System | Mechanism | Rotation | Storage |\n|---|---|---|---|\n"
             "| GOV.UK Notify | API key | Notify keys do not expire, so we replace it each September and revoke the old "
             "key the same day | AWS Secrets Manager |\n")
    assert not [f for f in lint_text(never, "markdown") if f.code == "IS301" and "never rotated" in f.message]
    assert [f for f in lint_text(never.replace(" each September", ""), "markdown")
            if f.code == "IS301" and "never rotated" in f.message]
    empty = ("# Hall → Ledger\n\n## Calls\n\n### Token rotation. `POST https://ledger.example/api/v1/devices/d1/token/rotate`"
             "\n\nSent with the current token, an empty body and `Idempotency-Key: rotate-2024-06-03`. Response: "
             "`{\"token\": \"sbd_9f2c\", \"expires_at\": \"2024-11-30T00:00:00Z\"}`.\n")
    assert "IS202" not in codes(empty)
    watched = ("# Council → Rounds\n\n## Step 2: Get your credentials\n\nOAuth 2.0 client credentials; the client secret is "
               "kept in Key Vault and rotated every 12 months.\n\n> **Tip:** Ashcombe calls `GET /v1/credentials/self` "
               "daily and raises a Service Desk warning when fewer than 30 days remain; the webhook secret's age is "
               "checked the same way.\n\n## Monitoring\n\n| Metric | Threshold | Alert |\n|---|---|---|\n"
               "| Latency (P95) | > 5 s | Warning |\n| Error rate | > 2% | Critical |\n| Queue depth | > 100 | Warning |\n")
    assert not [f for f in lint_text(watched, "markdown") if f.code == "IS701" and "expiry" in f.message]


def test_review_a_modal_may_and_a_later_sentence_without_a_lead_time_are_no_rotation():
    never = ("# Shop → Notify\n\n## Authentication\n\n| System | Mechanism | Rotation | Storage |\n|---|---|---|---|\n"
             "| GOV.UK Notify | API key | Notify keys do not expire; our two services each may hold one | Secrets Manager |\n")
    assert [f for f in lint_text(never, "markdown") if f.code == "IS301" and "never rotated" in f.message]
    text = ("# Party bookings — RinkDesk ⇄ PartyPal: integration FAQ\n\n"
            "**Q6. And a cancellation?**\n`PATCH https://rinkdesk.example/api/v1/parties/{party_ref}`, same headers.\n\n"
            "**Q7. How do the two systems authenticate?**\n"
            "RinkDesk → PartyPal: OAuth 2.0 client credentials, scope `availability:write`.\n\n"
            "**Q8. Where are the credentials kept?**\nThe PartyPal client secret is valid 12 months; Changes to its "
            "scopes need a ticket. It is kept in Azure Key Vault `kv-rink`.\n")
    rotation = spec_of(text).auth[0].rotation  # (the lifetime alone may stand for it; the next sentence does not)
    assert rotation is None or "scopes" not in rotation.text


def test_numbered_paragraphs_led_by_a_bold_label_are_one_system_each():
    # "3.1 **KeyTrack API.** ...", "3.2 **ResHub API.** ...": the label names the system, the paragraph is its entry
    spec = spec_of("# Campus → Keys\n\n## Schedule 3 — Security\n\n"
                   "3.1 **KeyTrack API.** API key per site in `X-KeyTrack-Key`. A new key is issued every\n"
                   "12 months; the University stores it in HashiCorp Vault.\n\n"
                   "3.2 **ResHub API.** OAuth 2.0 client credentials issued by Entra ID. Campus Access keeps the\n"
                   "client secret in AWS Secrets Manager and rotates it every 6 months.\n")
    assert [(a.system.text, a.mechanism.text) for a in spec.auth] == [
        ("KeyTrack API", "API key"), ("ResHub API", "OAuth 2.0 client credentials")]


def test_a_clause_on_credential_management_is_said_for_every_system():
    # "4.3 **Credential management.**" is how every credential is kept, not a third system without a mechanism
    text = ("# Resort → School\n\n## 4 Security\n\n4.1 **GP at SnowDesk.** OAuth 2.0 client credentials.\n\n"
            "4.2 **SnowDesk at GP.** Each call carries `X-SnowDesk-Signature`, an HMAC-SHA256 of the body.\n\n"
            "4.3 **Credential management.** All credentials are stored in HashiCorp Vault; the client secret and "
            "the signature secret are rotated every 12 months.\n")
    spec = spec_of(text)
    assert [a.system.text for a in spec.auth] == ["GP at SnowDesk", "SnowDesk at GP"]
    assert all(a.rotation is not None and a.storage is not None for a in spec.auth)
    assert "IS301" not in codes(text)


def test_a_row_that_says_where_no_credential_is_is_no_system():
    text = ("# Shed → Desk\n\n## Authentication\n\n| Topic | Decision |\n|---|---|\n"
            "| ToolLock | Mutual TLS, certificate renewed every January, stored in Bitwarden. |\n"
            "| ShedDesk | API token, regenerated every 6 months, stored in Bitwarden. |\n"
            "| Nothing in git | The repo holds only `.env.example` with empty values. |\n")
    assert [a.system.text for a in spec_of(text).auth] == ["ToolLock", "ShedDesk"]
    assert "IS302" not in codes(text)


def test_a_field_of_an_example_body_is_no_rotation_of_a_credential():
    # `expiry_date` in the message sent to TextGate says nothing of when the TextGate key is rotated
    text = ("# Surgery → Lockers\n\n## Send PIN (CollectLink → TextGate)\n\n"
            "`POST https://api.textgate.example/v2/notifications/sms`, bearer from the TextGate API key.\n\n"
            "```json\n{\"phone_number\": \"07700900881\", \"personalisation\": {\"expiry_date\": \"Tuesday 17 June\"}}\n```\n\n"
            "## Credentials\n\n- LockerHub: OAuth 2.0 client credentials; secret in Key Vault, rotated every 150 days.\n"
            "- TextGate: live API key, in Key Vault as `textgate-live-key`.\n")
    found = [f for f in lint_text(text, "markdown") if f.code == "IS301"]
    assert [f.message.split(" has ")[0] for f in found] == ["auth for 'TextGate'"]


def test_both_directions_led_by_arrows_in_one_paragraph_are_both_sides():
    text = ("# Logger → Reports\n\n## 8. Credentials\n\n**Rule.** Airlog → PlayReport: station API key (`X-Api-Key`), "
            "expires after 180 days; the station manager creates a new one when the 14-day warning fires. "
            "PlayReport → Airlog: webhooks are signed with HMAC-SHA256; the shared secret is rotated every 6 months "
            "and lives in the same credential file.\n")
    assert not any("covers only" in f.message for f in lint_text(text, "markdown") if f.code == "IS301")


def test_an_auth_configuration_written_as_json_states_its_rotation():
    text = ("# A → B\n\n## Authentication\n\n- Shop: API key, stored in Vault.\n- Warehouse: OAuth 2.0 client credentials, "
            "stored in Vault, rotated every 90 days.\n\n```json\n{\"shop\": {\"secret_rotation\": \"every 90 days\"}}\n```\n")
    assert not any("'Shop' has no rotation" in f.message for f in lint_text(text, "markdown"))


def test_a_capability_matrix_row_summing_up_the_mechanisms_is_no_entry_beside_the_detail():
    """A capability matrix's "C5 Authentication" row sums up every side's mechanisms in one cell ("HMAC-signed webhooks;
    OAuth 2.0 for inbound calls"); the C5 section gives each system's entry with its rotation. The summary asks
    nothing; with no detailed entries it is what the document says."""
    matrix = "# Pitches ⇄ Site\n\n" + MATRIX + "\n\n"
    detail = ("## C5 Authentication\n\n| System | Mechanism | Rotation | Stored in |\n|---|---|---|---|\n"
              "| PitchHub → bridge | HMAC-SHA256 signature | every 180 days | Secrets Manager |\n"
              "| bridge → PitchHub | OAuth 2.0 client credentials | client secret every 90 days | Secrets Manager |\n"
              "| bridge → SiteDesk | API key | every 60 days | Secrets Manager |\n")
    assert "IS301" not in codes(matrix + detail)
    assert [a.system.text for a in spec_of(matrix + detail).auth] == ["PitchHub → bridge", "bridge → PitchHub",
                                                                    "bridge → SiteDesk"]
    assert "IS301" in codes(matrix + detail.replace("every 60 days", "—"))


MATRIX = """| Capability | PitchHub (Partner API v3) | pitch-bridge (worker) | SiteDesk PMS 2024.2 |
|---|---|---|---|
| C1 New bookings | Fires `booking.confirmed` webhook | Verifies signature, maps, forwards | `POST /api/v2/reservations` creates the reservation |
| C2 Availability | Accepts `PUT /v3/listings/{listing_id}/availability` | Every 10 minutes (144 runs/day), diffs and pushes | `GET /api/v2/availability` serves free nights |
| C3 Cancellations | Fires `booking.cancelled` webhook | Forwards | `PUT /api/v2/reservations/{ref}/status` |
| C4 Extras | Fires `booking.extras_added` webhook | Forwards | `POST /api/v2/reservations/{ref}/extras` adds charge lines |
| C5 Authentication | HMAC-signed webhooks; OAuth 2.0 for inbound calls | Holds all secrets in AWS Secrets Manager | Static API key per integration user |
| C6 Failure handling | Retries its own webhooks 6 times over 2 h | Backoff, breaker, parking table | Returns problem+json errors |
| C7 Monitoring | Delivery log in partner dashboard | CloudWatch metrics and alarms | Audit log only |
| C8 Duplicate safety | Sends a unique `event_id` | Dedupe store in DynamoDB | `Idempotency-Key` on reservation create |

The cells below give the detail, in the order of the matrix."""


def test_settings_written_one_per_item_as_key_equals_value_are_config_keys():
    """A configuration reference lists each setting as an item opening with `key = value`: the auth keys of two
    credentials (`auth.hub.*` and `auth.webhook.*`) are both sides, each with its rotation."""
    text = ("# Board → Hub configuration reference\n\n## [auth]\n\n"
            "- `auth.hub.mechanism = \"api_key\"` — sent as `X-Api-Key`.\n"
            "- `auth.hub.key_ref = \"op://Systems/hub-api-key/credential\"` — 1Password reference, never in the repo.\n"
            "- `auth.hub.rotation_days = 180` — a second key is created, 1Password updated, the old key deleted.\n"
            "- `auth.webhook.secret_ref = \"op://Systems/hub-webhook-secret/credential\"`\n"
            "- `auth.webhook.rotation_days = 365` — rotated each January.\n")
    assert "IS301" not in codes(text)
    one = text.split("- `auth.webhook.secret_ref")[0]  # one system's keys, one block: its rotation is read, its side alone
    assert [f.message.split(":")[0] for f in lint_text(one, "markdown") if f.code == "IS301"] == [
        "authentication covers only 'hub'"]
    assert "IS301" in codes(text.replace("- `auth.webhook.rotation_days = 365` — rotated each January.\n", "")
                            .replace("- `auth.webhook.secret_ref = \"op://Systems/hub-webhook-secret/credential\"`\n", "")
                            .replace("- `auth.hub.rotation_days = 180`", "- `auth.hub.rotation_days = never`"))


def test_the_other_sides_credential_named_by_the_heading_its_lines_stand_under():
    """A sandbox/production table: "RouteVan credential" (OAuth) and "Webhook signing secret (RouteVan → ProScript)"
    rows, each with its rotation. The signing secret, named by the row that heads its cells, is the other side's."""
    text = "# ProScript PMR ⇄ RouteVan\n\n## Environments\n\n" + ENVIRONMENTS + "\n"
    assert "IS301" not in codes(text)
    signing = [line for line in ENVIRONMENTS.splitlines() if line.startswith("| Webhook signing secret")][0]
    assert "IS301" in codes(text.replace(signing + "\n", ""))


ENVIRONMENTS = """| Setting | Sandbox | Production |
|---------|---------|------------|
| RouteVan base URL | `https://sandbox.api.routevan.io/v3` | `https://api.routevan.io/v3` |
| ProScript webhook endpoint | `https://pmr-test.fellsidepharmacy.co.uk/integrations/routevan/outcomes` | `https://pmr.fellsidepharmacy.co.uk/integrations/routevan/outcomes` |
| Patient data | Synthetic patients only (NHS numbers from the 999 test range) | Real patients |
| Delivery jobs (F1) volume | Test harness sends ~50/day, Mon–Fri 09:00–12:00 | ~180/day across 3 branches; peak ~60/hour before the 12:30 run cut-off |
| Outcomes (F2) volume | ~50/day from the RouteVan driver simulator | ~180/day, mostly 13:30–18:00 |
| Cancellations (F3) volume | ~5/day | ~8/day (patient collects the bag in person) |
| RouteVan credential | OAuth 2.0 client `fellside-sandbox`, scopes `jobs:write jobs:read` | OAuth 2.0 client `fellside-prod`, scopes `jobs:write jobs:read` |
| RouteVan secret rotation | Regenerated by RouteVan at every sandbox reset (Mondays 06:00); the test harness fetches the new one from the RouteVan portal API | Every 90 days by the Superintendent Pharmacist's IT contractor; old and new secret both valid for 7 days |
| Webhook signing secret (RouteVan → ProScript) | Test secret, regenerated with each weekly sandbox reset | Rotated every 180 days; ProScript accepts the old and new secret for 48 hours |
| Where secrets live | `.env` on the test integration VM, file readable by the service account only | Azure Key Vault `kv-fellside-pmr`, read by ProScript Connect at start-up; never on branch PCs |
| Rate limit at RouteVan | 60 requests/min | 600 requests/min |
| Alerts go to | Slack `#pharmacy-it-test` | Slack `#pharmacy-ops` + SMS to the on-call IT contractor |
| Quarantine (dead-letter) table | `routevan_quarantine` in the test PMR database | `routevan_quarantine` in the production PMR database |
| Quarantine owner | IT contractor | Branch manager of the bag's branch; IT contractor for technical errors |
"""


def test_an_action_items_owner_is_no_system_and_the_task_may_tell_a_rotation():
    """Workshop notes end with "### Actions": "- Priya: webhook secret rotated twice a year, at Lent and Michaelmas."
    Priya owns the task, no system; the task is the webhook secret's rotation."""
    text = ("# HallBook ⇄ TuneRound workshop notes\n\n### Who's allowed to do what\n\n"
            "- TuneRound API: OAuth 2.0 client credentials; the client secret is reissued every 12 months.\n"
            "- HallBook's webhook endpoint: TuneRound signs every delivery with HMAC-SHA256 using a shared secret.\n"
            "- Where: both secrets live in Azure Key Vault.\n\n### Actions\n\n- Tom: sandbox credentials to Priya by 22 March.\n"
            "- Priya: {task}\n")
    rotated = text.format(task="webhook secret rotated twice a year, at Lent and Michaelmas.")
    assert "IS301" not in codes(rotated)
    assert all(a.system is None or a.system.text not in ("Priya", "Tom") for a in spec_of(rotated).auth)
    assert "IS301" in codes(text.format(task="build the dashboard."))


def test_a_rotation_said_of_one_side_is_no_evidence_for_the_other_side_it_names():
    """Each side's paragraph names both systems ("BookWave calls HarbourGate ..."); the rotation in the first belongs
    to BookWave's client secret, not to the API key HarbourGate keeps in its vault."""
    text = ("# BookWave ⇄ HarbourGate\n\n## Security\n\n"
            "BookWave calls HarbourGate with OAuth 2.0 client credentials; the client secret is rotated every 6 months.\n\n"
            "HarbourGate calls BookWave with a partner API key in `X-Partner-Key`; the key is kept in HarbourGate's "
            "Vault.\n")
    assert any("'HarbourGate' has no rotation" in f.message for f in lint_text(text, "markdown"))
    both = text.replace("Vault.\n", "Vault and replaced every 12 months.\n")
    assert not any("has no rotation" in f.message for f in lint_text(both, "markdown"))
    named = text.replace("the client secret is rotated every 6 months", "the client secret and HarbourGate's API key are "
                         "both rotated every 6 months")  # a rotation said of both sides is this side's too
    assert not any("has no rotation" in f.message for f in lint_text(named, "markdown"))


def test_a_managed_identity_that_reads_the_key_leaves_the_key_to_rotate():
    """"Kept in Key Vault and read by the Hub with its managed identity": the identity fetches the API key from the
    vault; the key is still a secret to rotate. A managed identity that is the credential, or through which a token is
    got or a service reached, asks none."""
    head = ("# Ops Hub → SurfSafe\n\n## Authentication\n\n"
            "- **TowerLog → Ops Hub**: mutual TLS; certificates renewed automatically every year; kept in Key Vault.\n")
    read = head + ("- **Ops Hub → SurfSafe**: API key sent as `X-SurfSafe-Key`, kept in Key Vault and read by the Hub with "
                   "its managed identity.\n")
    assert any("'Ops Hub → SurfSafe' has no rotation" in f.message for f in lint_text(read, "markdown"))
    for keyless in ("system-assigned managed identity; no secrets.",
                    "Entra ID access token. Nothing to keep in a vault: the Hub gets its token using its managed identity.",
                    "Entra ID access token. Key Vault is not used: the Hub accesses SurfSafe through its managed identity."):
        text = head + f"- **Ops Hub → SurfSafe**: {keyless}\n"
        assert not any("has no rotation" in f.message for f in lint_text(text, "markdown")), keyless


def test_the_old_and_the_new_accepted_side_by_side_is_a_rotation():
    """"TowerRota accepts the old and the new signature for 72 hours": the overlap
    of two credentials is a rotation's, whatever the verb. A secret with no word of its change still lacks one."""
    base = ("# A → B\n\n## Keys\n\n- **A → B:** OAuth 2.0 client credentials; the secret is kept in the vault and rotated "
            "every 90 days.\n- **B → A:** every callback is signed with HMAC-SHA256 and a shared secret kept in the "
            "vault. {}\n")
    assert "IS301" not in codes(base.format("A accepts the old and the new signature for 72 hours when it is changed."))
    assert "IS301" in codes(base.format("It was set up at onboarding."))
    assert "IS301" in codes(base.format("A accepts the old and the new signature header names until June."))


def test_a_credential_told_in_a_flow_and_again_in_the_credentials_list_is_one_credential():
    """A flow says "Ledgerly calls `POST /hooks` with `Ledgerly-Signature` (HMAC-SHA256)"; the credentials list says
    "**Ledgerly → StallPlan:** webhook signing secret ..., changed every April": one credential, rotated. Two API keys
    of one caller to two systems are two credentials: one's rotation is not the other's."""
    text = ("# StallPlan ↔ Ledgerly\n\n## Invoice paid\n\nLedgerly calls `POST https://stallplan.example/hooks` with "
            "`Ledgerly-Signature: t=<unix>,s=<hex HMAC-SHA256>` and `Ledgerly-Event-Id`.\n\nStallPlan answers `200` "
            "and clears the red £; `401` bad signature; `404` no such pitch.\n\n## Credentials\n\n"
            "- **StallPlan → Ledgerly:** OAuth 2.0; tokens refreshed automatically, the connection re-authorised every "
            "12 months; kept in the connection store.\n"
            "- **Ledgerly → StallPlan:** webhook signing secret; changed every April, with StallPlan accepting old and "
            "new for 48 hours. Kept in the vault.\n")
    assert "IS301" not in codes(text)
    two_keys = ("# A, B and C\n\n## Credentials\n\n- **A → B:** API key in `X-Api-Key`; rotated every 90 days; kept in "
                "the vault.\n- **A → C:** API key in `X-Key`; kept in the vault.\n- **B → A:** OAuth 2.0 client "
                "credentials; rotated yearly; kept in the vault.\n")
    assert "IS301" in codes(two_keys)


def test_a_credential_told_in_the_passive_voice_is_its_agents():
    """"4.2 Status notifications shall be signed by the Laboratory with HMAC-SHA256 ...": the Laboratory's entry, as
    "The Laboratory shall sign ..." would be."""
    text = ("# Customer ↔ Laboratory\n\n## 4. Authentication\n\n4.1 The Customer shall obtain tokens by the OAuth 2.0 "
            "client credentials grant; the client secret is rotated every 12 months and kept in Azure Key Vault.\n\n"
            "4.2 Status notifications shall be signed by the Laboratory with HMAC-SHA256 over the raw body, using a shared "
            "secret issued at onboarding.\n")
    entries = {(a.system.text if a.system else None): a for a in spec_of(text).auth}
    assert "Laboratory" in entries and "HMAC" in entries["Laboratory"].mechanism.text
    assert [f.line for f in lint_text(text, "markdown") if f.code == "IS301"] == [7]  # its secret is never rotated


def test_a_lists_lead_in_names_what_each_credentials_item_gives():
    """"Rotation, which IT keeps in a calendar:" over "- Fetchbook client secret: every 90 days; ... add the new one,
    update Secret Manager, redeploy, remove the old one": each item gives its credential's rotation, as a table's
    column would. Under a lead-in that names no field, the same item is not taken for a rotation."""
    text = ("# Tutorial: wiring Fetchbook into Till\n\n- **Fetchbook** (Kennelsoft, API v2) is where owners book.\n"
            "- **Till** (Paw, API v1) is the salon's till.\n\n## Step 1 — Get credentials for both sides\n\n"
            "1. In the Kennelsoft partner console, create an **API client** with scopes `bookings:read`. You get a "
            "client ID and secret for OAuth 2.0 client credentials.\n"
            "2. In the same console, under Webhooks, copy the **signing secret** for the subscription.\n"
            "3. In Till settings, create a **personal API key** for the relay user.\n\n"
            "Put all three in Google Secret Manager as `fb-client-secret`, `fb-webhook-secret` and `till-api-key`. The "
            "relay reads them at start-up; nothing goes in `.env`.\n\n"
            "Rotation, which the IT helper keeps in his calendar:\n\n"
            "- Fetchbook client secret: every 90 days; Kennelsoft allows two at once, so add the new one, update "
            "Secret Manager, redeploy, remove the old one.\n"
            "- Fetchbook webhook secret: every 6 months; Kennelsoft signs with both for 24 hours after you press "
            "\"Roll secret\".\n"
            "- Till API key: every 6 months; create the new key, swap it in, redeploy, delete the old.\n")
    assert not [f.message for f in lint_text(text, "markdown") if f.code == "IS301"]
    for lead_in in ("What each one is:", "Rotation has not been planned yet; what we have today:"):
        unnamed = text.replace("Rotation, which the IT helper keeps in his calendar:", lead_in)
        assert any("'Fetchbook client secret'" in f.message for f in lint_text(unnamed, "markdown")
                   if f.code == "IS301"), lead_in
