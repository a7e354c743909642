"""The Python API: `intspec_lint.lint_text` and `intspec_lint.lint_paths`."""

from __future__ import annotations

from pathlib import Path

import pytest

import intspec_lint
from conftest import COMPLIANT, EXAMPLES, FLAWED, FLAWED_MD, FLAWED_YAML, findings_of, run_clirunner
from intspec_lint.findings import Finding, Severity

ALL = COMPLIANT + FLAWED
FORMAT = {".md": "markdown", ".yaml": "yaml"}


def _format(path: Path) -> str:
    return FORMAT[path.suffix]


@pytest.mark.parametrize("path", FLAWED, ids=[p.name for p in FLAWED])
def test_lint_text_returns_findings(path):
    findings = intspec_lint.lint_text(path.read_text(encoding="utf-8"), format=_format(path))
    assert findings and all(isinstance(f, Finding) for f in findings)
    for f in findings:
        assert f.file == "<text>"
        assert isinstance(f.severity, Severity)
        assert f.line >= 1 and f.column >= 1 and f.code.startswith("IS") and f.rule and f.checklist and f.message
    assert findings == sorted(findings)


@pytest.mark.parametrize("path", COMPLIANT, ids=[p.name for p in COMPLIANT])
def test_lint_text_of_a_compliant_spec_is_empty(path):
    assert intspec_lint.lint_text(path.read_text(encoding="utf-8"), format=_format(path)) == []


def test_lint_text_format_is_honoured():
    text = FLAWED_YAML.read_text(encoding="utf-8")
    as_yaml = intspec_lint.lint_text(text, format="yaml")
    as_markdown = intspec_lint.lint_text(text, format="markdown")
    assert [(f.code, f.line) for f in as_yaml] != [(f.code, f.line) for f in as_markdown]


def test_lint_text_format_defaults_from_path_then_content():
    text = FLAWED_YAML.read_text(encoding="utf-8")
    as_yaml = [(f.code, f.line) for f in intspec_lint.lint_text(text, format="yaml")]
    assert [(f.code, f.line) for f in intspec_lint.lint_text(text, path="spec.yaml")] == as_yaml
    assert text.startswith("intspec:")  # content sniffing: a top-level `intspec:` key means YAML
    assert [(f.code, f.line) for f in intspec_lint.lint_text(text)] == as_yaml
    named = intspec_lint.lint_text(text, path="specs/crm.yaml")
    assert {f.file for f in named} == {"specs/crm.yaml"}


def test_lint_text_rejects_an_unknown_format():
    with pytest.raises(ValueError):
        intspec_lint.lint_text(FLAWED_YAML.read_text(encoding="utf-8"), format="yml")


def test_lint_text_never_raises_on_junk():
    for text, fmt in [("", "markdown"), ("", "yaml"), ("key: [unclosed", "yaml"), ("\x00\x01", "markdown"),
                      ("a: &a [*a]", "yaml")]:
        findings = intspec_lint.lint_text(text, format=fmt)
        assert isinstance(findings, list) and findings
        assert all(isinstance(f, Finding) for f in findings)


def test_lint_text_reports_yaml_syntax_errors_with_a_position():
    findings = intspec_lint.lint_text("intspec: 1\nflows: [\n  - a\n", format="yaml")
    assert [f.code for f in findings] == ["IS001"]
    assert findings[0].line >= 2


@pytest.mark.parametrize("path", ALL, ids=[p.name for p in ALL])
def test_lint_paths_of_one_file(path, monkeypatch):
    monkeypatch.chdir(EXAMPLES)
    findings = intspec_lint.lint_paths([path.name])
    assert all(isinstance(f, Finding) for f in findings)
    assert {f.file for f in findings} <= {path.name}
    assert bool(findings) == (path in FLAWED)


def test_lint_paths_accepts_paths_and_folders(monkeypatch):
    monkeypatch.chdir(EXAMPLES.parent)
    findings = intspec_lint.lint_paths([Path("examples")])
    assert {f.file for f in findings} == {f"examples/{p.name}" for p in FLAWED}
    assert findings == sorted(findings)
    one_by_one = sorted(f for p in sorted(EXAMPLES.iterdir()) for f in intspec_lint.lint_paths([p]))
    assert findings == one_by_one


def test_lint_paths_of_a_missing_file_raises():
    with pytest.raises(FileNotFoundError, match="no-such-spec.md"):
        intspec_lint.lint_paths(["no-such-spec.md"])


def test_lint_paths_honours_settings():
    from intspec_lint.config import Settings

    every = intspec_lint.lint_paths([FLAWED_MD])
    code = every[0].code
    only = intspec_lint.lint_paths([FLAWED_MD], settings=Settings(select=(code,)))
    assert only == [f for f in every if f.code == code]
    rest = intspec_lint.lint_paths([FLAWED_MD], settings=Settings(ignore=(code,)))
    assert rest == [f for f in every if f.code != code]


@pytest.mark.parametrize("path", ALL, ids=[p.name for p in ALL])
def test_cli_json_and_api_agree(path):
    outcome = run_clirunner(["--format", "json", path.name], cwd=path.parent)
    assert outcome.exit_code == (1 if path in FLAWED else 0), outcome.stderr
    from_cli = [(f["code"], f["line"]) for f in findings_of(outcome)]
    from_paths = [(f.code, f.line) for f in intspec_lint.lint_paths([path])]
    from_text = [(f.code, f.line) for f in intspec_lint.lint_text(path.read_text(encoding="utf-8"),
                                                                  format=_format(path))]
    assert from_cli == from_paths == from_text
    assert bool(from_cli) == (path in FLAWED)


def test_api_exports():
    assert set(intspec_lint.__all__) >= {"lint_text", "lint_paths", "__version__"}
    assert callable(intspec_lint.lint_text) and callable(intspec_lint.lint_paths)
