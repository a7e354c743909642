"""Declarative custom rules in the config (docs/configuration.md, "Declarative rules in the config").

A declarative rule reads the Spec model, so one rule must mean the same for a Markdown spec and
for the YAML spec that says the same thing. Every test lints a pair of such specs, written into
`tmp_path`, with the real command line (CliRunner and a child process).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import COMPLIANT_MD, REPO_ROOT, findings_of, new_repository, write

SPEC_MD = """\
# Orders to Billing

## Data Flows

| Flow | Source | Destination | Trigger | Payload | Frequency |
|---|---|---|---|---|---|
| Bill order | Orders | Billing | order paid call | Order JSON | 100 per hour |
| Nightly export | Billing | Ledger | TBD | CSV file | daily |
| Sync stock | Warehouse | Billing | stock.changed event | Stock JSON | ~40/hour peak |

## API Contracts

### Create invoice

`POST https://billing.example.com/v1/invoices`

Headers: `Content-Type: application/json`, `X-Correlation-Id: <uuid>`.

### Cancel invoice

`DELETE https://billing.example.com/v1/invoices/{id}`

Headers: `Content-Type: application/json`.

### Invoice created event

**Topic**: `billing.invoice-created`

Payload: invoice JSON.
"""

SPEC_YAML = """\
intspec: 1
title: Orders to Billing

flows:
  - name: Bill order
    source: Orders
    destination: Billing
    trigger: order paid call
    payload: Order JSON
    frequency: 100 per hour
  - name: Nightly export
    source: Billing
    destination: Ledger
    trigger: TBD
    payload: CSV file
    frequency: daily
  - name: Sync stock
    source: Warehouse
    destination: Billing
    trigger: stock.changed event
    payload: Stock JSON
    frequency: ~40/hour peak

contracts:
  - name: Create invoice
    method: POST
    url: https://billing.example.com/v1/invoices
    headers:
      Content-Type: application/json
      X-Correlation-Id: <uuid>
  - name: Cancel invoice
    method: DELETE
    url: https://billing.example.com/v1/invoices/{id}
    headers:
      Content-Type: application/json
  - name: Invoice created event
    topic: billing.invoice-created
"""

FILES = ("spec.md", "spec.intspec.yaml")
CANCEL = "'DELETE https://billing.example.com/v1/invoices/{id}'"
FLOWS = {"Bill order", "Nightly export", "Sync stock"}



@pytest.fixture
def repo(tmp_path) -> Path:
    root = new_repository(tmp_path)
    write(root, "spec.md", SPEC_MD)
    write(root, "spec.intspec.yaml", SPEC_YAML)
    return root


def documented_rules() -> str:
    """The `custom_rules:` example of docs/configuration.md, verbatim."""
    text = (REPO_ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    found = re.search(r"```yaml\n(custom_rules:\n.*?)```", text, re.S)
    assert found, "docs/configuration.md has no custom_rules example"
    return found.group(1)


def rule(then: str, where: str = "", given: str = "flows", code: str = "ACME010",
         message: str = "{label}: {field} is '{value}'", extra: str = "") -> str:
    lines = ["custom_rules:", f"  - code: {code}", "    name: house-rule", f"    given: {given}"]
    if where:
        lines.append(f"    where: {where}")
    lines += [f"    then: {then}", f"    message: \"{message}\""]
    return "\n".join(lines) + "\n" + extra


def run(cli, repo: Path, *args, files=FILES):
    outcome = cli(["--format", "json", *args, *files], cwd=repo)
    assert outcome.exit_code in (0, 1), outcome.stderr
    return findings_of(outcome)


def per_format(findings: list[dict]) -> dict[str, list[tuple[str, str]]]:
    """file -> sorted (code, message): the same in both formats when the rule means the same."""
    result = {name: [] for name in FILES}
    for f in findings:
        result[f["file"]].append((f["code"], f["message"]))
    return {k: sorted(v) for k, v in result.items()}


def failing_labels(findings: list[dict], file: str) -> set[str]:
    return {re.search(r"'([^']*)'", f["message"]).group(1) for f in findings if f["file"] == file}


# -- the documented examples ----------------------------------------------------------------------
def test_documented_examples_mean_the_same_in_markdown_and_yaml(cli, repo):
    write(repo, ".intspec-lint.yaml", documented_rules())
    got = run(cli, repo, "--select", "ACME")
    by_file = per_format(got)
    assert by_file["spec.md"] == by_file["spec.intspec.yaml"]
    assert by_file["spec.md"] == sorted([
        ("ACME001", f"contract {CANCEL} does not send an X-Correlation-Id header"),
        ("ACME002", "flow 'Nightly export' states its frequency as 'daily': give it per hour"),
    ])
    for f in got:
        assert f["severity"] == "warning"
        assert f["rule"] == {"ACME001": "missing-correlation-id", "ACME002": "frequency-not-per-hour"}[f["code"]]
    assert {f["checklist"] for f in got if f["code"] == "ACME001"} == {"contract-examples"}
    assert {f["checklist"] for f in got if f["code"] == "ACME002"} == {"prose"}  # the default


def test_documented_examples_point_at_the_item(cli, repo):
    write(repo, ".intspec-lint.yaml", documented_rules())
    got = run(cli, repo, "--select", "ACME")
    lines = {(f["file"], f["code"]): f["line"] for f in got}
    md, yaml = SPEC_MD.split("\n"), SPEC_YAML.split("\n")
    assert md[lines[("spec.md", "ACME002")] - 1].startswith("| Nightly export |")
    assert "Cancel invoice" in md[lines[("spec.md", "ACME001")] - 1] or \
        "DELETE" in md[lines[("spec.md", "ACME001")] - 1]
    assert yaml[lines[("spec.intspec.yaml", "ACME002")] - 1].strip() == "frequency: daily"
    assert "Cancel invoice" in yaml[lines[("spec.intspec.yaml", "ACME001")] - 1]


def test_documented_examples_are_off_without_the_config(cli, repo):
    got = run(cli, repo)
    assert not [f for f in got if f["code"].startswith("ACME")]


def test_documented_examples_run_beside_the_built_in_rules(cli, repo):
    without = run(cli, repo)
    write(repo, ".intspec-lint.yaml", documented_rules())
    both = run(cli, repo)
    assert sorted((f["file"], f["code"], f["line"]) for f in both if not f["code"].startswith("ACME")) == \
        sorted((f["file"], f["code"], f["line"]) for f in without)
    assert sum(f["code"].startswith("ACME") for f in both) == 4


def test_documented_examples_in_pyproject(cli, repo):
    write(repo, "pyproject.toml", """\
[[tool.intspec-lint.custom_rules]]
code = "ACME001"
name = "missing-correlation-id"
severity = "error"
checklist = "contract-examples"
given = "contracts"
where = {kind = "http"}
then = {field = "headers", function = "contains", value = "X-Correlation-Id"}
message = "contract {label} does not send an X-Correlation-Id header"
""")
    outcome = cli(["--format", "json", "--select", "ACME", *FILES], cwd=repo)
    assert outcome.exit_code == 1  # severity error
    assert per_format(findings_of(outcome)) == {
        name: [("ACME001", f"contract {CANCEL} does not send an X-Correlation-Id header")] for name in FILES}


def test_documented_frequency_rule_accepts_per_h(cli, repo):
    write(repo, ".intspec-lint.yaml", documented_rules())
    write(repo, "spec.md", SPEC_MD.replace("| 100 per hour |", "| 100/h |"))
    write(repo, "spec.intspec.yaml", SPEC_YAML.replace("frequency: 100 per hour", "frequency: 100/h"))
    got = run(cli, repo, "--select", "ACME002")
    assert failing_labels(got, "spec.md") == failing_labels(got, "spec.intspec.yaml") == {"Nightly export"}


@pytest.mark.xfail(strict=True, reason="spec.markdown: request headers written as a bullet list under a "
                   "**Request headers** label (the template's layout, as in examples/orders-fulfillment.md) are "
                   "not read into Contract.headers, so the documented X-Correlation-Id rule reports contracts "
                   "that do send the header")
def test_documented_header_rule_on_template_style_headers(cli, repo):
    text = COMPLIANT_MD.read_text(encoding="utf-8").replace(
        "- `Content-Type: application/json`\n", "- `Content-Type: application/json`\n- `X-Correlation-Id: <uuid>`\n")
    assert text.count("X-Correlation-Id") == 2
    write(repo, "orders.md", text)
    write(repo, ".intspec-lint.yaml", documented_rules())
    outcome = cli(["--format", "json", "--select", "ACME001", "orders.md"], cwd=repo)
    assert findings_of(outcome) == []


def test_headers_are_the_same_list_in_both_formats(cli, repo):
    write(repo, ".intspec-lint.yaml", rule("{field: headers, function: pattern, value: \"^X-Correlation-Id$\"}",
                                           given="contracts", where="{kind: http}"))
    got = run(cli, repo, "--select", "ACME")
    assert per_format(got)["spec.md"] == per_format(got)["spec.intspec.yaml"]
    assert len(per_format(got)["spec.md"]) == 1


# -- each function, passing and failing, on both formats ------------------------------------------
FUNCTIONS = [
    # (then, where, the flows that fail)
    ("{field: trigger, function: present}", "", {"Nightly export"}),  # TBD is a placeholder: not stated
    ("{field: name, function: present}", "", set()),
    ("{field: trigger, function: absent}", "", {"Bill order", "Sync stock"}),
    ("{field: trigger, function: absent}", "{name: Nightly export}", set()),
    ("{field: frequency, function: pattern, value: \"(?i)per hour|/hour\"}", "", {"Nightly export"}),
    ("{field: frequency, function: pattern, value: \"(?i)hour|daily\"}", "", set()),
    ("{field: frequency, function: not-pattern, value: \"(?i)daily|weekly\"}", "", {"Nightly export"}),
    ("{field: frequency, function: not-pattern, value: \"(?i)monthly\"}", "", set()),
    ("{field: destination, function: enum, value: [billing, Warehouse]}", "", {"Nightly export"}),
    ("{field: source, function: enum, value: [ORDERS, billing, warehouse]}", "", set()),
    ("{field: trigger, function: enum, value: [TBD, order paid call, stock.changed event]}", "",
     {"Nightly export"}),  # a placeholder is never an allowed value
    ("{field: payload, function: contains, value: json}", "", {"Nightly export"}),
    ("{field: destination, function: contains, value: L}", "", set()),
]


@pytest.mark.parametrize("then,where,failing", FUNCTIONS, ids=[f"{t[9:40]}-{w}" for t, w, _ in FUNCTIONS])
def test_function(cli, repo, then, where, failing):
    write(repo, ".intspec-lint.yaml", rule(then, where))
    got = run(cli, repo, "--select", "ACME")
    assert failing_labels(got, "spec.md") == failing, got
    assert failing_labels(got, "spec.intspec.yaml") == failing, got
    assert per_format(got)["spec.md"] == per_format(got)["spec.intspec.yaml"]
    assert all(f["code"] == "ACME010" and f["rule"] == "house-rule" for f in got)


def test_where_filters(cli, repo):
    write(repo, ".intspec-lint.yaml", rule("{field: headers, function: contains, value: X-Correlation-Id}",
                                           given="contracts", message="contract {label}"))
    every_kind = per_format(run(cli, repo, "--select", "ACME"))
    assert every_kind["spec.md"] == every_kind["spec.intspec.yaml"] == sorted(
        [("ACME010", f"contract {CANCEL}"), ("ACME010", "contract 'Invoice created event'")])
    write(repo, ".intspec-lint.yaml", rule("{field: headers, function: contains, value: X-Correlation-Id}",
                                           given="contracts", message="contract {label}", where="{kind: message}",
                                           code="ACME011"))  # another code: see the cache test below
    messages = per_format(run(cli, repo, "--select", "ACME"))
    assert messages["spec.md"] == messages["spec.intspec.yaml"] == [("ACME011", "contract 'Invoice created event'")]


def test_where_with_several_keys_is_an_and(cli, repo):
    write(repo, ".intspec-lint.yaml", rule("{field: trigger, function: absent}",
                                           where="{destination: billing, source: Orders}"))
    got = run(cli, repo, "--select", "ACME")
    assert failing_labels(got, "spec.md") == failing_labels(got, "spec.intspec.yaml") == {"Bill order"}


def test_given_a_single_part(cli, repo):
    """`retry` is one part, not a list; a spec without one fails `present` once, at the title."""
    write(repo, ".intspec-lint.yaml", rule("{field: max_attempts, function: present}", given="retry",
                                           message="{label} has no {field}"))
    got = run(cli, repo, "--select", "ACME")
    assert per_format(got) == {name: [("ACME010", "retry has no max_attempts")] for name in FILES}
    write(repo, "spec.md", SPEC_MD + "\n## Retry Policy\n\n- **Max retries**: 5.\n")
    write(repo, "spec.intspec.yaml", SPEC_YAML + "\nretry:\n  max_attempts: 5\n")
    assert run(cli, repo, "--select", "ACME") == []


# -- selection, messages, severity ----------------------------------------------------------------
def test_select_prefix_selects_only_custom_rules(cli, repo):
    write(repo, ".intspec-lint.yaml", documented_rules())
    everything = run(cli, repo)
    assert {f["code"][:2] for f in everything} == {"IS", "AC"}
    selected = run(cli, repo, "--select", "ACME")
    assert {f["code"] for f in selected} == {"ACME001", "ACME002"}
    one = run(cli, repo, "--select", "ACME002")
    assert {f["code"] for f in one} == {"ACME002"}
    ignored = run(cli, repo, "--ignore", "ACME")
    assert not [f for f in ignored if f["code"].startswith("ACME")] and ignored


def test_select_custom_rule_by_name(cli, repo):
    write(repo, ".intspec-lint.yaml", documented_rules())
    outcome = cli(["--format", "json", "--select", "frequency-not-per-hour", *FILES], cwd=repo)
    assert outcome.exit_code == 0, outcome.stderr
    assert {f["code"] for f in findings_of(outcome)} == {"ACME002"}


def test_message_fills_label_field_and_value(cli, repo):
    write(repo, ".intspec-lint.yaml", rule("{field: frequency, function: pattern, value: \"hour\"}",
                                           message="flow {label}: {field} is '{value}' ({unknown})"))
    got = per_format(run(cli, repo, "--select", "ACME"))
    assert got["spec.md"] == got["spec.intspec.yaml"] == [
        ("ACME010", "flow 'Nightly export': frequency is 'daily' ({unknown})")]


def test_message_value_is_empty_when_the_field_is_missing(cli, repo):
    write(repo, ".intspec-lint.yaml", rule("{field: trigger, function: present}", message="{label} [{value}]"))
    write(repo, "spec.md", SPEC_MD.replace("| Nightly export | Billing | Ledger | TBD |", "| Nightly export | Billing | Ledger |  |"))
    write(repo, "spec.intspec.yaml", SPEC_YAML.replace("    trigger: TBD\n", ""))
    got = per_format(run(cli, repo, "--select", "ACME"))
    assert got["spec.md"] == got["spec.intspec.yaml"] == [("ACME010", "'Nightly export' []")]


def test_severity_decides_the_exit_status(cli, repo):
    text = rule("{field: trigger, function: present}")
    write(repo, "strict/.intspec-lint.yaml", text.replace("    given: flows\n", "    given: flows\n    severity: error\n"))
    write(repo, "strict/spec.md", SPEC_MD)
    outcome = cli(["--format", "json", "--select", "ACME", "strict/spec.md"], cwd=repo)
    assert outcome.exit_code == 1
    assert {f["severity"] for f in findings_of(outcome)} == {"error"}
    write(repo, ".intspec-lint.yaml", text)  # default: warning
    outcome = cli(["--format", "json", "--select", "ACME", *FILES], cwd=repo)
    assert outcome.exit_code == 0
    assert {f["severity"] for f in findings_of(outcome)} == {"warning"}
    assert cli(["--fail-on", "warning", "--select", "ACME", *FILES], cwd=repo).exit_code == 1


def test_custom_rules_can_be_suppressed_inline(cli, repo):
    write(repo, ".intspec-lint.yaml", documented_rules())
    write(repo, "spec.md", SPEC_MD + "\n<!-- intspec-lint-disable-file frequency-not-per-hour -- batch job -->\n")
    write(repo, "spec.intspec.yaml", SPEC_YAML + "# intspec-lint: disable-file=ACME002 -- batch job\n")
    got = run(cli, repo, "--select", "ACME")
    assert {(f["file"], f["code"]) for f in got} == {("spec.md", "ACME001"), ("spec.intspec.yaml", "ACME001")}


def test_custom_rules_are_inherited_through_extends(cli, repo):
    write(repo, "configs/house.yaml", documented_rules())
    write(repo, ".intspec-lint.yaml", "extends: ./configs/house.yaml\n")
    got = run(cli, repo, "--select", "ACME")
    assert {f["code"] for f in got} == {"ACME001", "ACME002"}


@pytest.mark.xfail(strict=True, reason="config.merging.build: per_file_ignores resolves rules with registry.find_rule, "
                   "which does not know the config's custom rules, so `per_file_ignores: {'*.md': [ACME002]}` "
                   "silently ignores nothing")
def test_per_file_ignores_of_a_custom_rule(cli, repo):
    write(repo, ".intspec-lint.yaml", documented_rules() + "per_file_ignores:\n  \"*.md\": [ACME002]\n")
    got = run(cli, repo, "--select", "ACME")
    assert ("spec.md", "ACME002") not in {(f["file"], f["code"]) for f in got}
    assert ("spec.intspec.yaml", "ACME002") in {(f["file"], f["code"]) for f in got}


@pytest.mark.parametrize("edit", ["check-and-message", "severity"])
def test_editing_a_custom_rule_is_seen_on_the_next_run(cli, repo, edit):
    write(repo, ".intspec-lint.yaml", rule("{field: payload, function: contains, value: json}",
                                           message="old {label}"))
    first = run(cli, repo, "--select", "ACME")
    assert {(f["message"], f["severity"]) for f in first} == {("old 'Nightly export'", "warning")}
    if edit == "severity":
        write(repo, ".intspec-lint.yaml", rule("{field: payload, function: contains, value: json}",
                                               message="old {label}", extra="    severity: info\n"))
        second = run(cli, repo, "--select", "ACME")
        assert {(f["message"], f["severity"]) for f in second} == {("old 'Nightly export'", "info")}
    else:
        write(repo, ".intspec-lint.yaml", rule("{field: payload, function: contains, value: csv}",
                                               message="new {label}"))
        second = run(cli, repo, "--select", "ACME")
        assert {f["message"] for f in second} == {"new 'Bill order'", "new 'Sync stock'"}


def test_editing_a_custom_rule_is_seen_without_the_cache(cli, repo):
    write(repo, ".intspec-lint.yaml", rule("{field: payload, function: contains, value: json}", message="old {label}"))
    assert {f["message"] for f in run(cli, repo, "--no-cache", "--select", "ACME")} == {"old 'Nightly export'"}
    write(repo, ".intspec-lint.yaml", rule("{field: payload, function: contains, value: csv}", message="new {label}"))
    assert {f["message"] for f in run(cli, repo, "--no-cache", "--select", "ACME")} == \
        {"new 'Bill order'", "new 'Sync stock'"}


def test_custom_rules_through_the_python_api(repo):
    import intspec_lint

    write(repo, ".intspec-lint.yaml", documented_rules())
    for name in FILES:
        path = repo / name
        by_text = sorted((f.code, f.line, f.message) for f in intspec_lint.lint_text(
            path.read_text(encoding="utf-8"), path=str(path)) if f.code.startswith("ACME"))
        by_path = sorted((f.code, f.line, f.message) for f in intspec_lint.lint_paths([path])
                         if f.code.startswith("ACME"))
        assert by_text == by_path and len(by_text) == 2


# -- errors in custom rules -----------------------------------------------------------------------
def config_error(cli, repo, text) -> str:
    config = write(repo, ".intspec-lint.yaml", text)
    outcome = cli(["spec.md"], cwd=repo)
    assert outcome.exit_code == 2, (outcome.stdout, outcome.stderr)
    assert re.search(re.escape(str(config)) + r":\d+: ", outcome.stderr), outcome.stderr
    return outcome.stderr


@pytest.mark.parametrize("then,fragment", [
    ("{field: frequency, function: pattern}", "needs `value`"),
    ("{field: frequency, function: not-pattern, value: 3}", "needs `value`"),
    ("{field: frequency, function: enum, value: daily}", "a list"),
    ("{field: frequency, function: contains}", "needs `value`"),
    ("{field: frequency, function: matches, value: x}", "matches"),
    ("{field: frequency, function: pattern, value: \"(a*)*b\"}", "nested quantifiers"),
    ("{field: frequency, function: pattern, value: \"([a-z]+){2,}\"}", "nested quantifiers"),
    ("{field: frequency, function: pattern, value: \"[unclosed\"}", "not a valid regular expression"),
])
def test_bad_then(cli, repo, then, fragment):
    assert fragment in config_error(cli, repo, rule(then))


@pytest.mark.parametrize("change,fragment", [
    (("code: ACME010", "code: IS010"), "prefix of your own"),
    (("code: ACME010", "code: acme010"), "acme010"),
    (("name: house-rule", "name: House_Rule"), "House_Rule"),
    (("given: flows", "given: flow"), "flow"),
])
def test_bad_rule_header(cli, repo, change, fragment):
    assert fragment in config_error(cli, repo, rule("{field: name, function: present}").replace(*change))


def test_unknown_field_is_a_config_error(cli, repo):
    message = config_error(cli, repo, rule("{field: frequence, function: present}"))
    assert "frequence" in message and "did you mean frequency?" in message


@pytest.mark.parametrize("message", ["flow {label} has {0}", "flow {label} uses { braces"])
def test_bad_message_template_is_caught_at_load_time(cli, repo, message):
    write(repo, ".intspec-lint.yaml", rule("{field: payload, function: contains, value: csv}", message=message))
    outcome = cli(["--format", "json", "--strict-internal", *FILES], cwd=repo)
    assert outcome.exit_code == 2 and "invalid configuration" in outcome.stderr, outcome.stdout


@pytest.mark.parametrize("second", [
    "  - code: ACME010\n    name: other-rule\n    given: flows\n    then: {field: name, function: present}\n"
    "    message: x\n",
    "  - code: ACME011\n    name: retry-policy-incomplete\n    given: flows\n    then: {field: name, function: present}\n"
    "    message: x\n",
])
def test_duplicate_custom_rule_is_a_config_error(cli, repo, second):
    message = config_error(cli, repo, rule("{field: name, function: present}") + second)
    assert "ACME010" in message or "retry-policy-incomplete" in message


def test_long_values_are_cut_before_the_pattern_sees_them(cli, repo):
    """A pattern only ever sees the first 10,000 characters of a value."""
    long_payload = "x" * 10_050 + " JSON"
    write(repo, "spec.intspec.yaml", SPEC_YAML.replace("payload: CSV file", f"payload: {long_payload}"))
    write(repo, ".intspec-lint.yaml", rule("{field: payload, function: pattern, value: JSON}"))
    got = run(cli, repo, "--select", "ACME", files=("spec.intspec.yaml",))
    assert failing_labels(got, "spec.intspec.yaml") == {"Nightly export"}
