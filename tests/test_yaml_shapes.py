"""A YAML spec written as lists of one-key mappings is still reported by the schema check (IS002), and read for
what it says: the checklist findings are those of the same spec written as the format's mappings."""

from intspec_lint import lint_text

MAPPINGS = """intspec: 1
title: Trips to MIS
overview:
  purpose: Consent forms for school trips
  pattern: asynchronous messaging
  systems:
    - name: ConsentHub
      role: producer
    - name: ClassLedger
      role: consumer
retry:
  strategy: exponential backoff
  jitter: full jitter
  initial_delay: 5s
  max_delay: 10 min
  max_attempts: 8
  circuit_breaker: opens after 20 consecutive failures for 5 min
dead_letter:
  destination: Postgres table consent_sync_failures
  alert: email to the trips inbox on each new row
  owner: ConsentHub support
  replay: support presses Resend on the failures screen
auth:
  - system: ClassLedger
    mechanism: OAuth 2.0 client credentials
    rotation: every 12 months, new secret 30 days before expiry
    storage: AWS Secrets Manager
"""

ONE_KEY_LISTS = """intspec: 1
title: Trips to MIS
overview:
  - purpose: Consent forms for school trips
  - pattern: asynchronous messaging
  - systems:
      - ConsentHub: [{role: producer}]
      - ClassLedger: [{role: consumer}]
retry:
  - strategy: exponential backoff
  - jitter: full jitter
  - initial_delay: 5s
  - max_delay: 10 min
  - max_attempts: 8
  - circuit_breaker: opens after 20 consecutive failures for 5 min
dead_letter:
  - destination: Postgres table consent_sync_failures
  - alert: email to the trips inbox on each new row
  - owner: ConsentHub support
  - replay: support presses Resend on the failures screen
auth:
  - ClassLedger:
      - mechanism: OAuth 2.0 client credentials
      - rotation: every 12 months, new secret 30 days before expiry
      - storage: AWS Secrets Manager
"""


def _checklist(text):
    return sorted({f.code for f in lint_text(text, "yaml") if f.code not in ("IS002", "IS004")})


def test_lists_of_one_key_mappings_read_as_the_mappings_they_stand_for():
    findings = lint_text(ONE_KEY_LISTS, "yaml")
    assert any(f.code == "IS002" for f in findings)  # the format's shape is still asked for
    assert _checklist(ONE_KEY_LISTS) == _checklist(MAPPINGS)
    for part in ("IS501", "IS601"):
        assert part not in _checklist(ONE_KEY_LISTS)
    # what is really missing is still missing
    gap = ONE_KEY_LISTS.replace("  - circuit_breaker: opens after 20 consecutive failures for 5 min\n", "")
    assert "IS501" in _checklist(gap)


def test_a_key_kept_in_a_comment_at_the_mappings_indent_is_read():
    text = MAPPINGS.replace("  circuit_breaker: opens after 20 consecutive failures for 5 min\n",
                            "  # Circuit breaker: after 8 consecutive failed pushes the breaker opens for\n"
                            "  # 10 minutes, then one probe call.\n").replace(
        "    rotation: every 12 months, new secret 30 days before expiry\n",
        "    # Rotation: the installer re-issues the token every 60 days; the old one stays valid 48 hours.\n")
    assert "IS501" not in _checklist(text)
    assert not [f for f in lint_text(text, "yaml") if f.code == "IS301" and "rotation" in f.message]
    # a comment that is no key, or one at another indent, says nothing of the mapping
    assert "IS501" in _checklist(MAPPINGS.replace("  circuit_breaker: opens after 20 consecutive failures for 5 min\n",
                                                  "  # we should add a breaker one day\n"))
    assert "IS501" in _checklist(MAPPINGS.replace("  circuit_breaker: opens after 20 consecutive failures for 5 min\n",
                                                  "# Circuit breaker: after 8 consecutive failures, 10 minutes\n"))


def test_a_merge_key_takes_in_the_shared_block():
    shared = ("x-shared:\n  auth-common: &auth-common\n    rotation: every 90 days, old and new accepted for 48 hours\n"
              "    storage: Azure Key Vault kv-prod\n")
    text = MAPPINGS.replace("title: Trips to MIS\n", "title: Trips to MIS\n" + shared).replace(
        "    rotation: every 12 months, new secret 30 days before expiry\n    storage: AWS Secrets Manager\n",
        "    <<: *auth-common\n")
    findings = lint_text(text, "yaml")
    assert not [f for f in findings if f.code == "IS002" and "<<" in f.message]
    assert not [f for f in findings if f.code == "IS301" and "rotation" in f.message]
    # the mapping's own key wins over the one it takes in
    from intspec_lint.document.yaml import parse_yaml
    from intspec_lint.reading.vocabulary import load_vocabulary
    from intspec_lint.reading.yaml import extract_yaml
    own = text.replace("    <<: *auth-common\n", "    <<: *auth-common\n    rotation: yearly\n")
    spec, _problems = extract_yaml(parse_yaml(own), load_vocabulary())
    assert [(a.rotation.text, a.storage.text) for a in spec.auth] == [("yearly", "Azure Key Vault kv-prod")]


def test_a_response_said_to_be_none_is_no_example_to_parse():
    text = MAPPINGS + ("contracts:\n  - name: Vehicle position\n    kind: message\n    topic: buses/positions\n"
                       "    examples:\n      media_type: application/json\n      request: |\n        {\"vehicle_id\": \"NO-1\"}\n"
                       "      response: \"none: QoS 1 PUBACK from the broker only, no reply message\"\n")
    assert "IS203" not in [f.code for f in lint_text(text, "yaml")]
    assert "IS203" in [f.code for f in lint_text(text.replace('"none: QoS 1', '"{oops: QoS 1'), "yaml")]


def test_a_response_shown_as_a_bodiless_status_line_is_the_whole_answer():
    text = MAPPINGS + ("contracts:\n  - name: Payment events\n    kind: http\n    method: POST\n"
                       "    url: https://club.example/webhooks/payments\n"
                       "    examples:\n      media_type: application/json\n      request: |\n        {\"events\": []}\n"
                       "      response: \"HTTP/1.1 204 No Content\"\n")
    assert "IS203" not in [f.code for f in lint_text(text, "yaml")]
    # a status that carries a body is no whole answer: its text is parsed as the media type says
    assert "IS203" in [f.code for f in lint_text(text.replace("204 No Content", "200 OK"), "yaml")]
