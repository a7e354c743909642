"""OpenAPI, Swagger and AsyncAPI documents beside the specs: recognised, never read as specs.

The documents in tests/fixtures/api-descriptions/ are real, complete API descriptions (each one
validates against its official JSON Schema). Named on the command line, each is one IS007 warning at
its version key; a folder walk and `--specs-only` leave them out, as they leave out every other file
that is not a spec. The runs go through click's CliRunner and a real child process (the `cli` fixture).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import COMPLIANT_YAML, FLAWED_MD, findings_of, write

from intspec_lint.document.api_descriptions import recognise
from intspec_lint.span import Span

DESCRIPTIONS = Path(__file__).parent / "fixtures" / "api-descriptions"

# file, what it is, (line, column) of its version key
DOCUMENTS = [
    ("orders.openapi.yaml", "an OpenAPI 3.1 document", (1, 1)),
    ("fulfillment.openapi.json", "an OpenAPI 3.0 document", (2, 3)),
    ("billing.swagger.json", "a Swagger 2.0 document", (7, 3)),  # after its `info` object
    ("payments.swagger.yaml", "a Swagger 2.0 document", (1, 1)),
    ("order-events.asyncapi.yaml", "an AsyncAPI 2.6 document", (1, 1)),
    ("shipment-events.asyncapi.yaml", "an AsyncAPI 3.0 document", (2, 1)),  # after a comment
]
NAMES = [name for name, _, _ in DOCUMENTS]


@pytest.fixture
def project(tmp_path) -> Path:
    """API descriptions beside two specs, as a repository keeps them."""
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    (root / "api").mkdir()
    for name in NAMES:
        shutil.copy2(DESCRIPTIONS / name, root / "api" / name)
    (root / "specs").mkdir()
    shutil.copy2(FLAWED_MD, root / "specs" / "payments.md")
    shutil.copy2(COMPLIANT_YAML, root / "specs" / "inventory.intspec.yaml")
    return root


@pytest.mark.parametrize("name, title, position", DOCUMENTS, ids=NAMES)
def test_a_named_api_description_is_one_warning_at_its_version_key(cli, project, name, title, position):
    outcome = cli(["--format", "json", f"api/{name}"], cwd=project)
    assert outcome.exit_code == 0, outcome.stderr  # a warning: the default --fail-on error passes
    assert outcome.json()["files"] == 1
    (finding,) = findings_of(outcome)
    assert (finding["file"], finding["code"], finding["rule"], finding["severity"]) == \
        (f"api/{name}", "IS007", "not-a-spec", "warning")
    assert (finding["line"], finding["column"]) == position
    assert finding["message"].startswith(f"this is {title}, not an integration spec")
    assert "an integration spec can link it" in finding["message"]


def test_the_text_report_is_one_line_per_description(cli, project):
    outcome = cli([f"api/{name}" for name in NAMES], cwd=project)
    assert outcome.exit_code == 0, outcome.stderr
    lines = [line for line in outcome.stdout.splitlines() if " IS007 " in line]
    assert len(lines) == len(NAMES)
    assert "api/orders.openapi.yaml:1:1: warning IS007 this is an OpenAPI 3.1 document" in outcome.stdout
    assert not any(code in outcome.stdout for code in ("IS001", "IS002", "IS003")), outcome.stdout


def test_fail_on_warning_fails_on_a_named_description(cli, project):
    outcome = cli(["--fail-on", "warning", "api/orders.openapi.yaml"], cwd=project)
    assert outcome.exit_code == 1
    assert "IS007" in outcome.stdout


def test_ignoring_the_rule_leaves_the_description_clean_and_still_unread(cli, project):
    outcome = cli(["--format", "json", "--ignore", "not-a-spec", "api/orders.openapi.yaml"], cwd=project)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.json()["findings"] == []  # no schema errors come back when IS007 is off


def test_sarif_and_github_annotations_carry_the_position(cli, project):
    sarif = cli(["--format", "sarif", "api/order-events.asyncapi.yaml"], cwd=project)
    assert sarif.exit_code == 0, sarif.stderr
    (result,) = json.loads(sarif.stdout)["runs"][0]["results"]
    assert (result["ruleId"], result["level"]) == ("IS007", "warning")
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (1, 1, 9)
    github = cli(["--format", "github", "api/billing.swagger.json"], cwd=project)
    assert github.exit_code == 0, github.stderr
    assert github.stdout.startswith("::warning file=api/billing.swagger.json,line=7,col=3,")
    assert github.stdout.count("\n") == 1


def test_a_folder_walk_lints_the_specs_and_skips_the_descriptions(cli, project):
    outcome = cli(["--format", "json", "."], cwd=project)
    assert outcome.exit_code == 1, outcome.stderr  # the flawed spec
    document = outcome.json()
    assert document["files"] == 2  # the two specs, not the six descriptions
    assert "specs/payments.md" in {f["file"] for f in document["findings"]}
    assert not [f for f in document["findings"] if f["file"].startswith("api/") or f["code"] == "IS007"]


def test_a_folder_of_descriptions_only_has_no_specs(cli, project):
    outcome = cli(["api"], cwd=project)
    assert outcome.exit_code == 2
    assert "no integration specs found in api" in outcome.stderr


def test_specs_only_skips_named_descriptions_silently(cli, project):
    outcome = cli(["--format", "json", "--specs-only", *[f"api/{name}" for name in NAMES],
                   "specs/payments.md"], cwd=project)
    assert outcome.exit_code == 1, outcome.stderr  # the flawed spec
    document = outcome.json()
    assert document["files"] == 1
    assert {f["file"] for f in document["findings"]} == {"specs/payments.md"}
    assert outcome.stderr == ""


def test_a_description_named_like_a_spec_is_reported_not_misread(cli, project):
    """A walk takes `*.intspec.yaml` by its name; what the file holds is then said, not misread."""
    shutil.copy2(DESCRIPTIONS / "orders.openapi.yaml", project / "specs" / "orders.intspec.yaml")
    outcome = cli(["--format", "json", "specs"], cwd=project)
    got = {(f["file"], f["code"]) for f in findings_of(outcome) if f["file"] == "specs/orders.intspec.yaml"}
    assert got == {("specs/orders.intspec.yaml", "IS007")}


@pytest.mark.parametrize("name", ["orders.openapi.yaml", "fulfillment.openapi.json"])
def test_standard_input_with_and_without_a_name(cli, name, tmp_path):
    data = (DESCRIPTIONS / name).read_bytes()
    for args in (["-", "--stdin-filename", name], ["-"]):
        outcome = cli(["--format", "json", *args], cwd=tmp_path, input=data)
        assert outcome.exit_code == 0, outcome.stderr
        assert [f["code"] for f in findings_of(outcome)] == ["IS007"], args


def test_an_intspec_key_makes_a_spec_whatever_else_the_top_level_holds(cli, tmp_path):
    write(tmp_path, "spec.yaml", "intspec: 1\ntitle: Orders to billing\nopenapi: 3.1.0\n")
    outcome = cli(["--format", "json", "--select", "IS002,IS007", "spec.yaml"], cwd=tmp_path)
    got = [(f["code"], f["line"]) for f in findings_of(outcome)]
    assert got == [("IS002", 3)], "a spec's stray `openapi` key is a schema violation, not a new format"


def test_an_inline_suppression_in_the_description_is_honoured(cli, tmp_path):
    text = (DESCRIPTIONS / "payments.swagger.yaml").read_text(encoding="utf-8")
    write(tmp_path, "payments.yaml", "# intspec-lint: disable-file=IS007 -- linted by Spectral in CI\n" + text)
    outcome = cli(["--format", "json", "payments.yaml"], cwd=tmp_path)
    assert outcome.exit_code == 0, outcome.stderr
    assert findings_of(outcome) == []


def test_the_python_api_says_the_same(tmp_path, monkeypatch):
    import intspec_lint

    text = (DESCRIPTIONS / "shipment-events.asyncapi.yaml").read_text(encoding="utf-8")
    (finding,) = intspec_lint.lint_text(text, path="events.yaml")
    assert (finding.code, finding.line) == ("IS007", 2)
    as_markdown = intspec_lint.lint_text(text, format="markdown")  # asked for Markdown: read as Markdown
    assert as_markdown and "IS007" not in {f.code for f in as_markdown}


# --- recognise(): the sniff itself ----------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("intspec: 1\nopenapi: 3.1.0\n", "a.yaml"),  # the intspec key wins
    ('{"swagger": "2.0", "info": {}, "intspec": 1}', "a.json"),
    ("openapi: ./api.yaml\n", "a.yaml"),  # not a version: some other file's key
    ("info:\n  openapi: 3.1.0\n", "a.yaml"),  # not at the top level
    ('{"info": {"openapi": "3.1.0"}}', "a.json"),
    ('[{"openapi": "3.1.0"}]', "a.json"),  # the top level is a list
    ("openapi: 3.1.0\n", "a.md"),  # Markdown is never an API description
    ("title: notes\nopenapi: 3.1.0\n", "notes"),  # an unknown suffix: the version key must come first
    ("# Orders\n\nWe publish openapi: 3.1.0 files.\n", "notes.txt"),
    ("plain: yaml\n", "a.yaml"),
])
def test_not_an_api_description(text, name):
    assert recognise(text, name) is None


@pytest.mark.parametrize("text, name, kind, version, span", [
    ("openapi: 3.0.3\n", "a.yml", "OpenAPI", "3.0", Span(1, 1, 1, 8)),
    ("%YAML 1.2\n---\n'swagger': '2.0'\n", "a.yaml", "Swagger", "2.0", Span(3, 1, 3, 10)),
    ("info: {title: x}\nasyncapi: 2.6.0  # events\n", "a.yaml", "AsyncAPI", "2.6", Span(2, 1, 2, 9)),
    ('{"asyncapi": "3.0.0"}', "events", "AsyncAPI", "3.0", Span(1, 2, 1, 12)),
    ("{openapi: 3.1.0, info: {title: x}}", "a.yaml", "OpenAPI", "3.1", Span(1, 2, 1, 9)),
    ('{\n  "info": {"openapi": "x"},\n  "swagger": "2.0"\n}', "a.json", "Swagger", "2.0", Span(3, 3, 3, 12)),
    ("# generated\nopenapi: 3.1.1\n", "<stdin>", "OpenAPI", "3.1", Span(2, 1, 2, 8)),
])
def test_an_api_description(text, name, kind, version, span):
    found = recognise(text, name)
    assert found is not None
    assert (found.kind, found.version, found.span) == (kind, version, span)


def test_the_sniff_stops_at_the_version_key():
    """The keys after the version key are never read: a document cut short is still recognised, and
    the scan does not pay for the rest of a large one."""
    body = '{"openapi": "3.1.0", "paths": {' + '"/p": {"get": {"responses": {}}}, ' * 50_000
    found = recognise(body, "big.json")
    assert found is not None and found.title == "an OpenAPI 3.1 document"


def test_an_ordinary_json_file_is_left_to_the_linter():
    assert recognise('{"name": "my-package", "version": "1.0.0"}', "package.json") is None


_FRAGMENTS = st.sampled_from(['openapi', 'swagger', 'asyncapi', 'intspec', ':', ' ', '\n', '{', '}', '[', ']', ',',
                              '"', "'", '\\', '#', '---', '3.1.0', '"2.0"', 'x', '-', '%YAML 1.2'])


_SEEDS = st.sampled_from(["", "openapi: 3.1.0\n", '{"swagger": "2.0", ', "asyncapi: '3.0.0'", '"openapi": "3.0.3"'])
_TEXTS = st.tuples(st.lists(_FRAGMENTS, max_size=20), _SEEDS, st.lists(_FRAGMENTS, max_size=20)).map(
    lambda parts: "".join(parts[0]) + parts[1] + "".join(parts[2]))


@settings(max_examples=400, deadline=None)
@given(_TEXTS, st.sampled_from(["a.yaml", "a.json", "a.md", "<stdin>"]))
def test_the_sniff_never_raises_and_points_inside_the_text(text, name):
    found = recognise(text, name)
    if found is not None:
        lines = text.split("\n")
        assert 1 <= found.span.line <= len(lines)
        key = lines[found.span.line - 1][found.span.column - 1:found.span.end_column - 1]
        assert key.strip("\"'") == found.kind.lower()
