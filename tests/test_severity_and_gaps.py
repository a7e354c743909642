"""Severity by what the skill asks, and one finding per thing to fix.

An error is a spec that breaks what the skill's checklist or template asks, or contradicts itself; a
warning is the tool's own advice beyond the skill. So a spec that meets the whole checklist passes the
default `--fail-on error`, and the same spec with one checklist gap fails with one finding naming it.
An object with several gaps is one finding that names them all, keeps each gap in `gaps`, and counts
gap by gap in baselines.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import COMPLIANT_MD, COMPLIANT_YAML, REPO_ROOT, new_repository, run_clirunner, write
from intspec_lint import lint_text
from intspec_lint.config import Settings
from intspec_lint.engine import lint_text as engine_lint_text
from intspec_lint.findings import Hit, Severity
from intspec_lint.registry import checklist_slugs, load_rules
from intspec_lint.rule import Case, rule
from intspec_lint.rules._common import gap
from intspec_lint.span import Span

TEMPLATE = REPO_ROOT / "tests" / "corpus" / "markdown" / "orders-template.md"
MD = COMPLIANT_MD.read_text(encoding="utf-8")
YAML = COMPLIANT_YAML.read_text(encoding="utf-8")


def cut(old: str, new: str = ""):
    def mutate(text: str) -> str:
        assert text.count(old) == 1, old
        return text.replace(old, new)

    return mutate


def cut_pattern(pattern: str):
    def mutate(text: str) -> str:
        changed, done = re.subn(pattern, "", text, count=1, flags=re.S)
        assert done, pattern
        return changed

    return mutate


# (id, the compliant spec, one checklist gap cut from it, the rule, words the finding must name the gap with)
ONE_GAP = [
    ("md-flow-frequency", "spec.md", MD, cut("| ~500/hour peak, ~6,000/day |", "|  |"), "IS101",
     "has no frequency or volume"),
    ("md-auth-rotation", "spec.md", MD,
     cut("- **Rotation**: the signing secret is rotated every 180 days; the Order Service accepts both the old and "
         "the new secret for 48 hours while the Fulfillment API switches over.\n"), "IS301",
     "has no rotation procedure or frequency"),
    ("md-error-action", "spec.md", MD,
     cut("| Do not retry; move the message to the dead-letter queue and alert the Order Platform on-call |", "|  |"),
     "IS401", "has no action"),
    ("md-circuit-breaker", "spec.md", MD, cut_pattern(r"- \*\*Circuit breaker threshold\*\*:[^\n]*\n"), "IS501",
     "has no circuit breaker threshold"),
    ("md-token-expiry-metrics", "spec.md", MD,
     lambda t: cut("| Webhook signing secret age | > 170 days | Warning |\n")(
         cut("| OAuth client secret expiry (Fulfillment API credentials) | < 14 days / < 3 days before expiry | "
             "Warning / Critical |\n")(t)), "IS701", "has no auth token or certificate expiry metric"),
    ("md-mapping-transform", "spec.md", MD, cut("| Trim whitespace |", "|  |"), "IS801", "has no transform"),
    ("yaml-flow-frequency", "spec.intspec.yaml", YAML, cut("    frequency: ~2,000/hour peak, ~25,000/day\n"), "IS101",
     "has no frequency or volume"),
    ("yaml-example-response", "spec.intspec.yaml", YAML,
     cut("      response:\n        batch_id: 6f1c2b4e-8d3a-4b7e-9a51-0c2d7e4f9b13\n        applied: 2\n"
         "        rejected: []\n"), "IS202", "has no concrete example response"),
    ("yaml-partial-category", "spec.intspec.yaml", YAML, cut_pattern(r"  - category: partial\n.*?dead-letter topic\n"),
     "IS401", "no partial category"),
    ("yaml-dead-letter-destination", "spec.intspec.yaml", YAML,
     cut("  destination: Kafka topic wms.stock-adjusted.v1.dlq (and inventory_batch_dlq table for rejected batch "
         "items)\n"), "IS601", "has no destination"),
    ("yaml-error-rate-metric", "spec.intspec.yaml", YAML,
     cut('  - metric: Error rate of batch calls and event processing\n    kind: error-rate\n'
         '    threshold: "> 1% over 5 minutes"\n    alert: critical\n'), "IS701", "has no error rate metric"),
]


def lint(cwd: Path, *args: str):
    outcome = run_clirunner(["--no-config", "--format", "json", *args], cwd=cwd)
    assert outcome.exit_code in (0, 1), outcome.stderr
    return outcome.exit_code, json.loads(outcome.stdout)["findings"]


@pytest.mark.parametrize("path", [COMPLIANT_MD, COMPLIANT_YAML, TEMPLATE], ids=lambda p: p.name)
def test_a_spec_meeting_the_whole_checklist_exits_0_by_default(path):
    code, findings = lint(path.parent, path.name)
    assert (code, findings) == (0, [])


@pytest.mark.parametrize("name, text, mutate, code, gap", [m[1:] for m in ONE_GAP], ids=[m[0] for m in ONE_GAP])
def test_one_checklist_gap_exits_1_with_one_error_naming_it(tmp_path, name, text, mutate, code, gap):
    changed = mutate(text)
    assert changed != text
    write(tmp_path, name, changed)
    exit_code, findings = lint(tmp_path, name)
    assert exit_code == 1
    assert [(f["code"], f["severity"]) for f in findings] == [(code, "error")], findings
    assert gap in findings[0]["message"]
    assert [g["severity"] for g in findings[0]["gaps"]] == ["error"]


def test_advice_beyond_the_skill_is_off_by_default_and_warns_when_asked_for(tmp_path):
    write(tmp_path, "spec.md", cut("exponential backoff with full jitter (delay = random(0, min(cap, initial × "
                                   "2^attempt)))", "exponential backoff")(MD))
    assert lint(tmp_path, "spec.md") == (0, [])  # jitter is the tool's advice (IS503, strict), not the skill's ask
    exit_code, findings = lint(tmp_path, "--select", "IS503", "spec.md")
    assert exit_code == 0
    assert [(f["code"], f["severity"]) for f in findings] == [("IS503", "warning")]
    assert "no jitter" in findings[0]["message"]
    outcome = run_clirunner(["--no-config", "--select", "IS503", "--fail-on", "warning", "spec.md"], cwd=tmp_path)
    assert outcome.exit_code == 1


def test_the_bundled_examples_fail_together_and_the_complete_ones_pass():
    outcome = run_clirunner(["--no-config", "examples"], cwd=REPO_ROOT)
    assert outcome.exit_code == 1, outcome.stdout
    outcome = run_clirunner(["--no-config", "examples/orders-fulfillment.md", "examples/inventory-sync.intspec.yaml"],
                            cwd=REPO_ROOT)
    assert outcome.exit_code == 0, outcome.stdout


# --- one finding per object ----------------------------------------------------------------------

FLOWS = """\
## Data Flows

| Flow | Source | Destination | Trigger | Payload | Frequency |
|---|---|---|---|---|---|
| Refunds | Billing | Payments | Refund approved | | |
| Orders | Shop | Billing | Order paid | Order JSON | TBD |
"""


def test_an_object_with_several_gaps_is_one_finding_naming_them_all():
    found = [f for f in lint_text(FLOWS, format="markdown") if f.code == "IS101"]
    assert [f.line for f in found] == [5, 6]
    refunds = found[0]
    assert refunds.message.startswith("flow 'Refunds' has no payload (it is left empty) and no frequency or volume "
                                      "(it is left empty): ")
    assert [gap.text for gap in refunds.gaps] == ["no payload (it is left empty)",
                                                  "no frequency or volume (it is left empty)"]
    assert found[1].message.startswith("flow 'Orders' has no frequency or volume (only the placeholder 'TBD')")


def test_a_data_flow_document_with_many_steps_gives_at_most_one_finding_a_step():
    rows = "".join(f"| Step {n} | System {n} | System {n + 1} | | Record | |\n" for n in range(1, 80))
    text = ("## Data Flows\n\n| Flow | Source | Destination | Trigger | Payload | Frequency |\n"
            "|---|---|---|---|---|---|\n" + rows)
    found = [f for f in lint_text(text, format="markdown") if f.code == "IS101"]
    assert len(found) == 79
    assert all(len(f.gaps) == 2 for f in found)
    assert sum(len(f.gaps) for f in found) == 158


RETRY_YAML = """\
intspec: 1
title: Orders
retry:
  strategy: exponential backoff with jitter
  initial_delay: 1s
  max_attempts: 5
  max_delay: as needed
  circuit_breaker:
    threshold: TBC
    open_for: 2 min
"""


def test_several_gaps_point_at_the_object_and_each_gap_keeps_its_own_line():
    found = [f for f in lint_text(RETRY_YAML, format="yaml") if f.code == "IS501"]
    assert len(found) == 1
    assert found[0].line == 3  # `retry:`, the object
    assert found[0].message == ("the retry policy has no maximum delay cap (only the placeholder 'as needed') and no "
                                "circuit breaker threshold (only the placeholder 'TBC'): give the delay cap (e.g. 60 "
                                "seconds); give the breaker's threshold (e.g. 10 consecutive failures open the circuit "
                                "for 5 min)")
    assert [(gap.line, gap.severity) for gap in found[0].gaps] == [(7, Severity.ERROR), (9, Severity.ERROR)]
    lone = lint_text(RETRY_YAML.replace("max_delay: as needed", "max_delay: 60s"), format="yaml")
    assert [(f.code, f.line) for f in lone if f.code == "IS501"] == [("IS501", 9)]  # one gap: where it stands


TIMESTAMP = ("## Data Mapping\n\n| Source Field | Source Type | Target Field | Target Type | Transform |\n"
             "|---|---|---|---|---|\n| `created_at` | time | `creation_time` | time | Copy |\n")


def _demo_gaps(code, with_error):
    @rule(code=code, name=f"demo-{code.lower()}", checklist="prose", severity=Severity.ERROR, summary="A demo.",
          rationale="For the engine test.", bad="x", good="y",
          cases=(Case(Severity.ERROR, "a flaw"), Case(Severity.WARNING, "a hint")))
    def check(spec, options):
        if with_error:
            yield gap(Span(1, 1, 1, 2), "the demo", "no flaw-free part", "fix it", Severity.ERROR)
        yield gap(Span(1, 1, 1, 2), "the demo", "no hint", "fix it", Severity.WARNING)
    return check


def test_a_grouped_finding_is_as_severe_as_its_most_severe_gap():
    text = "# Demo\n\nsome text\n"
    found = engine_lint_text(text, "spec.md", Settings(select=("ZZ902",), extra_rules=(_demo_gaps("ZZ902", True),)))
    assert len(found) == 1
    assert found[0].severity is Severity.ERROR
    assert [(gap.text, gap.severity) for gap in found[0].gaps] == [
        ("no flaw-free part", Severity.ERROR), ("no hint", Severity.WARNING)]
    found = engine_lint_text(text, "spec.md", Settings(select=("ZZ903",), extra_rules=(_demo_gaps("ZZ903", False),)))
    assert [(f.severity, len(f.gaps)) for f in found] == [(Severity.WARNING, 1)]


def test_a_severity_in_the_config_beats_the_rules_and_the_hits_own():
    settings = Settings(select=("IS802",), severities={"IS802": Severity.INFO})
    found = engine_lint_text(TIMESTAMP, "spec.md", settings)
    assert [f.severity for f in found] == [Severity.INFO]
    assert {gap.severity for gap in found[0].gaps} == {Severity.INFO}


@rule(code="ZZ901", name="demo-rule", checklist="prose", severity=Severity.ERROR, summary="A demo.",
      rationale="For the engine test.", bad="x", good="y",
      cases=(Case(Severity.ERROR, "a flaw"), Case(Severity.WARNING, "a hint")))
def _demo(spec, options):
    yield Hit(Span(1, 1, 1, 2), "a flaw")
    yield Hit(Span(2, 1, 2, 2), "a hint", severity=Severity.WARNING)


def test_a_hit_may_set_its_own_severity_and_the_config_overrides_it():
    text = "# Demo\n\nsome text\n"
    found = engine_lint_text(text, "demo.md", Settings(select=("ZZ901",), extra_rules=(_demo,)))
    assert [(f.line, f.severity) for f in found] == [(1, Severity.ERROR), (2, Severity.WARNING)]
    forced = Settings(select=("ZZ901",), extra_rules=(_demo,), severities={"ZZ901": Severity.ERROR})
    assert {f.severity for f in engine_lint_text(text, "demo.md", forced)} == {Severity.ERROR}


# --- rule metadata -------------------------------------------------------------------------------

def _checked():
    return [r for r in load_rules().values() if r.source == "intspec-lint" and r.check is not None]


@pytest.mark.parametrize("checked", _checked(), ids=lambda r: r.code)
def test_each_rule_says_what_it_reports_at_which_severity(checked):
    assert checked.cases, f"{checked.code} has no cases"
    assert checked.severity in {case.severity for case in checked.cases}
    for case in checked.cases:
        assert case.what.strip()
        if case.severity is Severity.ERROR:  # an error enforces the skill's words, or a contradiction
            assert case.skill or "contradicts itself" in case.what, (checked.code, case.what)


def test_checklist_quotes_are_the_checklist_words():
    checklist = {entry["checklist"].rstrip(".") for entry in checklist_slugs().values()}
    quoted = [(r.code, c.skill) for r in _checked() for c in r.cases if c.where == "quality checklist"]
    assert quoted
    for code, words in quoted:
        assert any(words.rstrip(".") in line for line in checklist), (code, words)


def test_the_rule_page_and_explain_quote_the_skill():
    page = run_clirunner(["explain", "IS502"]).stdout
    assert "## Severity and the skill" in page
    assert "| unbounded retries: no maximum number of attempts | error |" in page
    assert '"Retry policy specifies strategy, delays, max attempts, and circuit breaker thresholds"' in page
    asked = run_clirunner(["explain", "IS802"]).stdout  # an error where the skill asks, a warning where it does not
    assert "| a date-time field mapped without its timezone | error |" in asked
    advice = run_clirunner(["explain", "IS808"]).stdout
    assert "| warning |" in advice and "| error |" not in advice and "off by default" in advice


# --- reports and baselines -----------------------------------------------------------------------

def test_json_keeps_every_gap(tmp_path):
    write(tmp_path, "flows.md", FLOWS)
    _, findings = lint(tmp_path, "--select", "IS101", "flows.md")
    assert [len(f["gaps"]) for f in findings] == [2, 1]
    assert set(findings[0]["gaps"][0]) == {"text", "severity", "line", "column", "fingerprint"}


def test_sarif_keeps_every_gap_and_places_each(tmp_path):
    write(tmp_path, "retry.intspec.yaml", RETRY_YAML)
    outcome = run_clirunner(["--no-config", "--format", "sarif", "--select", "IS501", "retry.intspec.yaml"],
                            cwd=tmp_path)
    result, = json.loads(outcome.stdout)["runs"][0]["results"]
    assert [gap["text"] for gap in result["properties"]["gaps"]] == [
        "no maximum delay cap (only the placeholder 'as needed')", "no circuit breaker threshold (only the "
        "placeholder 'TBC')"]
    assert [loc["physicalLocation"]["region"]["startLine"] for loc in result["relatedLocations"]] == [7, 9]


FLOW_ROW = "| Refunds | Billing | Payments | Refund approved | | |"


def test_a_baseline_counts_gaps(tmp_path):
    repo = new_repository(tmp_path)
    write(repo, "retry.intspec.yaml", RETRY_YAML)
    assert run_clirunner(["--no-config", "--select", "IS501", "--write-baseline", "b.json", "retry.intspec.yaml"],
                         cwd=repo).exit_code == 0

    def fresh(text):
        write(repo, "retry.intspec.yaml", text)
        outcome = run_clirunner(["--no-config", "--format", "json", "--select", "IS501", "--baseline", "b.json",
                                 "retry.intspec.yaml"], cwd=repo)
        return [(f["line"], len(f["gaps"])) for f in json.loads(outcome.stdout)["findings"]]

    assert fresh(RETRY_YAML) == []
    # one of the two gaps fixed: the finding moves to the other gap's line, which was known
    assert fresh(RETRY_YAML.replace("max_delay: as needed", "max_delay: 60s")) == []
    # a new gap on a known object brings its finding back, naming every gap
    assert fresh(RETRY_YAML.replace("initial_delay: 1s", "initial_delay: TBD")) == [(3, 3)]


def test_a_baseline_written_before_grouping_still_hides_its_findings(tmp_path):
    """An entry without `gaps` is one gap: its fingerprint is what a finding of that gap alone has now."""
    repo = new_repository(tmp_path)
    text = FLOWS.replace("| Orders | Shop | Billing | Order paid | Order JSON | TBD |\n", "")
    write(repo, "flows.md", text.replace(FLOW_ROW, "| Refunds | Billing | Payments | Refund approved | | 5/h |"))
    run_clirunner(["--no-config", "--select", "IS101", "--write-baseline", "old.json", "flows.md"], cwd=repo)
    document = json.loads((repo / "old.json").read_text(encoding="utf-8"))
    for entry in document["findings"]:
        del entry["gaps"]
    (repo / "old.json").write_text(json.dumps(document), encoding="utf-8")
    outcome = run_clirunner(["--no-config", "--format", "json", "--select", "IS101", "--baseline", "old.json",
                             "flows.md"], cwd=repo)
    assert json.loads(outcome.stdout)["findings"] == []
