"""Baselines (docs/configuration.md, "Baselines"): `--write-baseline FILE`, then `--baseline FILE`.

Each test writes real specs into `tmp_path`, records a baseline with the real command line (through
CliRunner and as a child process), edits the specs and checks which findings come back.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import FLAWED_MD, FLAWED_YAML, ORDERS_SPEC_YAML, findings_of, new_repository, write

SPEC_MD = """\
# Orders to Billing

## Data Flows

| Flow | Source | Destination | Trigger | Payload | Frequency |
|---|---|---|---|---|---|
| Bill order | Orders | Billing | order paid call | Order JSON | 100/h |
| Refund | Billing | Orders |  | Refund JSON | 5/h |

## Retry Policy

- **Strategy**: exponential backoff with jitter.
- **Initial delay**: 1 second.
- **Max retries**: 5.

## Monitoring

| Metric | Threshold | Alert |
|---|---|---|
| Error rate | > 1% | Critical |
"""
REFUND_ROW = "| Refund | Billing | Orders |  | Refund JSON | 5/h |"

SPEC_YAML = ORDERS_SPEC_YAML



@pytest.fixture
def repo(tmp_path) -> Path:
    root = new_repository(tmp_path)
    return root


def record(cli, repo: Path, *paths, baseline: str = "baseline.json", extra=()) -> dict:
    outcome = cli(["--write-baseline", baseline, *extra, *paths], cwd=repo)
    assert outcome.exit_code == 0, outcome.stderr
    assert f"to {baseline}" in outcome.stderr
    return json.loads((repo / baseline).read_text(encoding="utf-8"))


def against(cli, repo: Path, *paths, baseline: str = "baseline.json", extra=()):
    outcome = cli(["--format", "json", "--baseline", baseline, *extra, *paths], cwd=repo)
    assert outcome.exit_code in (0, 1), outcome.stderr
    return outcome, [(f["file"], f["code"], f["line"]) for f in findings_of(outcome)]


def plain(cli, repo: Path, *paths) -> list[dict]:
    outcome = cli(["--format", "json", *paths], cwd=repo)
    return findings_of(outcome)


def test_write_then_baseline_hides_everything(cli, repo):
    write(repo, "specs/orders.md", SPEC_MD)
    write(repo, "specs/orders.intspec.yaml", SPEC_YAML)
    shutil.copy2(FLAWED_MD, repo / "specs" / FLAWED_MD.name)
    shutil.copy2(FLAWED_YAML, repo / "specs" / FLAWED_YAML.name)
    before = plain(cli, repo, "specs")
    assert len(before) > 30
    document = record(cli, repo, "specs")
    assert document["format"] == 1 and document["tool"] == "intspec-lint"
    assert len(document["findings"]) == len(before)
    assert {(e["file"], e["code"]) for e in document["findings"]} == {(f["file"], f["code"]) for f in before}
    assert all("line" not in e for e in document["findings"])  # never by line number
    outcome, new = against(cli, repo, "specs")
    assert outcome.exit_code == 0
    assert new == []
    assert f"{len(before)} findings are in the baseline" in outcome.stderr


def test_write_baseline_exits_zero_and_prints_no_report(cli, repo):
    write(repo, "orders.md", SPEC_MD)
    outcome = cli(["--write-baseline", "b.json", "orders.md"], cwd=repo)
    assert outcome.exit_code == 0
    assert outcome.stdout == ""
    assert (repo / "b.json").is_file()


def shifted_md(text: str) -> str:
    """Unrelated lines above everything: every finding moves down by six lines."""
    return "<!-- owner: billing team -->\n\n<!-- reviewed 2024-06 -->\n\n\n\n" + text


def test_shifting_every_line_brings_nothing_back_markdown(cli, repo):
    write(repo, "orders.md", SPEC_MD)
    before = plain(cli, repo, "orders.md")
    record(cli, repo, "orders.md")
    write(repo, "orders.md", shifted_md(SPEC_MD).replace("## Monitoring", "## Monitoring\n\nSee the dashboards.\n"))
    after = plain(cli, repo, "orders.md")
    assert sorted(f["line"] for f in after) != sorted(f["line"] for f in before)  # every finding moved
    assert all(a["line"] >= b["line"] + 6 for a, b in zip(sorted(after, key=lambda f: (f["line"], f["code"])),
                                                       sorted(before, key=lambda f: (f["line"], f["code"]))))
    outcome, new = against(cli, repo, "orders.md")
    assert new == [] and outcome.exit_code == 0


def test_shifting_inside_a_yaml_spec_brings_nothing_back(cli, repo):
    write(repo, "orders.intspec.yaml", SPEC_YAML)
    record(cli, repo, "orders.intspec.yaml")
    text = SPEC_YAML.replace("flows:\n", "x-notes: reviewed by the billing team\n\nflows:\n")
    text = text.replace("retry:\n", "# the SDK's defaults\n\nretry:\n")
    write(repo, "orders.intspec.yaml", text)
    outcome, new = against(cli, repo, "orders.intspec.yaml")
    assert new == [] and outcome.exit_code == 0


def test_comment_lines_at_the_top_of_a_yaml_spec_bring_nothing_back(cli, repo):
    write(repo, "orders.intspec.yaml", SPEC_YAML)
    record(cli, repo, "orders.intspec.yaml")
    write(repo, "orders.intspec.yaml", "# Owner: billing team\n# Reviewed 2024-06\n\n" + SPEC_YAML)
    outcome, new = against(cli, repo, "orders.intspec.yaml")
    assert new == []


def test_shifting_an_unnamed_flow_brings_nothing_back(cli, repo):
    text = SPEC_MD.replace("| Refund |", "|  |")
    write(repo, "orders.md", text)
    assert any("on line" in f["message"] for f in plain(cli, repo, "orders.md"))
    record(cli, repo, "orders.md")
    write(repo, "orders.md", shifted_md(text))
    outcome, new = against(cli, repo, "orders.md")
    assert new == []


def test_a_new_defect_is_reported(cli, repo):
    write(repo, "orders.md", SPEC_MD)
    write(repo, "orders.intspec.yaml", SPEC_YAML)
    record(cli, repo, "orders.md", "orders.intspec.yaml")
    md = shifted_md(SPEC_MD).replace("| Order JSON | 100/h |", "| Order JSON |  |")  # frequency removed
    write(repo, "orders.md", md)
    write(repo, "orders.intspec.yaml", SPEC_YAML.replace("    frequency: 100/h\n", ""))
    outcome, new = against(cli, repo, "orders.md", "orders.intspec.yaml")
    assert outcome.exit_code == 1
    md_line = md.split("\n").index("| Bill order | Orders | Billing | order paid call | Order JSON |  |") + 1
    assert new == [("orders.intspec.yaml", "IS101", 5), ("orders.md", "IS101", md_line)]
    messages = [f["message"] for f in findings_of(outcome)]
    assert all("'Bill order'" in m and "frequency" in m for m in messages)


def test_a_second_identical_defect_is_still_new(cli, repo):
    write(repo, "orders.md", SPEC_MD)
    record(cli, repo, "orders.md")
    text = SPEC_MD.replace(REFUND_ROW, REFUND_ROW + "\n" + REFUND_ROW)
    write(repo, "orders.md", text)
    all_now = [f for f in plain(cli, repo, "orders.md") if f["code"] == "IS101"]
    assert len(all_now) == 2 and all_now[0]["fingerprint"] == all_now[1]["fingerprint"]
    outcome, new = against(cli, repo, "orders.md")
    assert outcome.exit_code == 1
    assert [(code, line) for _, code, line in new] == [("IS101", 9)]  # one of the two is known, one is new


def test_a_second_identical_defect_in_yaml_is_still_new(cli, repo):
    text = SPEC_YAML.replace("    trigger: order paid call\n", "")
    write(repo, "orders.intspec.yaml", text)
    record(cli, repo, "orders.intspec.yaml")
    flow = text[text.index("  - name: Bill order"):text.index("\nretry:")]
    write(repo, "orders.intspec.yaml", text.replace("\nretry:", flow + "\nretry:"))
    outcome, new = against(cli, repo, "orders.intspec.yaml")
    assert [code for _, code, _ in new] == ["IS101"]


def test_fixing_a_finding_makes_it_disappear_from_the_count(cli, repo):
    write(repo, "orders.md", SPEC_MD)
    document = record(cli, repo, "orders.md")
    total = len(document["findings"])
    write(repo, "orders.md", SPEC_MD.replace(REFUND_ROW, "| Refund | Billing | Orders | refund.requested | Refund JSON | 5/h |"))
    outcome, new = against(cli, repo, "orders.md")
    assert new == [] and outcome.exit_code == 0
    assert f"{total - 1} findings are in the baseline" in outcome.stderr


def test_a_fixed_then_reintroduced_defect_elsewhere_in_the_file_is_known(cli, repo):
    """The key is the text of the line, not its place: the same row moved to the end of the table is known."""
    write(repo, "orders.md", SPEC_MD)
    record(cli, repo, "orders.md")
    moved = SPEC_MD.replace(REFUND_ROW + "\n", "").replace(
        "| Bill order | Orders | Billing | order paid call | Order JSON | 100/h |",
        "| Bill order | Orders | Billing | order paid call | Order JSON | 100/h |\n"
        "| Cancel | Orders | Billing | order.cancelled | Order id | 1/h |\n" + REFUND_ROW)
    write(repo, "orders.md", moved)
    outcome, new = against(cli, repo, "orders.md")
    assert new == []


def test_baseline_survives_a_severity_change(cli, repo):
    write(repo, "orders.md", SPEC_MD)
    record(cli, repo, "orders.md")
    write(repo, ".intspec-lint.yaml", "rules:\n  IS501: warning\n")
    outcome, new = against(cli, repo, "orders.md")
    assert new == [] and outcome.exit_code == 0


def test_baseline_applies_per_file(cli, repo):
    """A known finding in one file does not hide the same finding in another file."""
    write(repo, "a.md", SPEC_MD)
    record(cli, repo, "a.md")
    write(repo, "b.md", SPEC_MD)
    outcome, new = against(cli, repo, "a.md", "b.md")
    assert new and {file for file, _, _ in new} == {"b.md"}
    assert len(new) == len(plain(cli, repo, "b.md"))


def test_baseline_with_select_and_fail_on(cli, repo):
    write(repo, "orders.md", SPEC_MD)
    record(cli, repo, "orders.md", extra=("--select", "IS5"))
    write(repo, "orders.md", SPEC_MD.replace("| Order JSON | 100/h |", "| Order JSON |  |"))
    outcome, new = against(cli, repo, "orders.md", extra=("--select", "IS1,IS5"))
    assert sorted(code for _, code, _ in new) == ["IS101", "IS101"]  # the IS101 of Refund was never recorded
    outcome = cli(["--baseline", "baseline.json", "--select", "IS5", "orders.md"], cwd=repo)
    assert outcome.exit_code == 0


# -- a baseline that cannot be used ---------------------------------------------------------------
def test_missing_baseline(cli, repo):
    write(repo, "orders.md", SPEC_MD)
    outcome = cli(["--baseline", "nowhere.json", "orders.md"], cwd=repo)
    assert outcome.exit_code == 2
    assert "nowhere.json" in outcome.stderr and "does not exist" in outcome.stderr
    assert "--write-baseline" in outcome.stderr
    assert outcome.stdout == ""


@pytest.mark.parametrize("content", [
    "not json at all",
    "",
    "[]",
    "{}",
    '{"findings": 3}',
    '{"findings": null}',
    '{"findings": [1, 2]}',
    '{"findings": [{"file": "orders.md", "code": "IS501"}]}',
    '{"tool": "intspec-lint", "findings": [',
])
def test_corrupt_baseline(cli, repo, content):
    write(repo, "orders.md", SPEC_MD)
    write(repo, "baseline.json", content)
    outcome = cli(["--baseline", "baseline.json", "orders.md"], cwd=repo)
    assert outcome.exit_code == 2, (outcome.stdout, outcome.stderr)
    assert "baseline.json" in outcome.stderr and "cannot be read" in outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert outcome.stdout == ""


def test_baseline_of_an_unknown_format_is_refused(cli, repo):
    write(repo, "orders.md", SPEC_MD)
    record(cli, repo, "orders.md")
    document = json.loads((repo / "baseline.json").read_text(encoding="utf-8"))
    document["format"] = 99
    (repo / "baseline.json").write_text(json.dumps(document), encoding="utf-8")
    outcome = cli(["--baseline", "baseline.json", "orders.md"], cwd=repo)
    assert outcome.exit_code == 2
    assert "format" in outcome.stderr


def test_baseline_that_is_a_folder(cli, repo):
    write(repo, "orders.md", SPEC_MD)
    (repo / "base").mkdir()
    outcome = cli(["--baseline", "base", "orders.md"], cwd=repo)
    assert outcome.exit_code == 2
    assert "base" in outcome.stderr


def test_write_baseline_into_a_missing_folder(cli, repo):
    write(repo, "orders.md", SPEC_MD)
    outcome = cli(["--write-baseline", "no/such/folder/b.json", "orders.md"], cwd=repo)
    assert outcome.exit_code == 2
    assert "cannot write" in outcome.stderr and "no/such/folder/b.json" in outcome.stderr


def test_example_specs_baseline_roundtrip_after_edit(cli, tmp_path):
    """On the bundled flawed examples: record, break one more thing, and only that comes back."""
    root = new_repository(tmp_path)
    md = root / FLAWED_MD.name
    shutil.copy2(FLAWED_MD, md)
    record(cli, root, md.name)
    text = md.read_text(encoding="utf-8")
    broken = text.replace("- **Max retries**: 6.", "- **Max retries**: TBD")
    assert broken != text
    md.write_text("<!-- edited -->\n\n" + broken, encoding="utf-8")
    outcome, new = against(cli, root, md.name)
    assert outcome.exit_code == 1
    assert [code for _, code, _ in new] == ["IS501"]
    assert "TBD" in findings_of(outcome)[0]["message"] or "attempt" in findings_of(outcome)[0]["message"]
