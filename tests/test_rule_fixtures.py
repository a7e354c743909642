"""Every rule against its fixtures (tests/fixtures/rules/<CODE>/) and against its own metadata examples.

A fixture folder holds `bad.md`, `good.md`, `bad.yaml` and `good.yaml` (IS001, IS002 and IS007, reported by the
engine for YAML only, hold just the two YAML files). Each bad file marks every finding it must produce with
`<!-- expect: CODE -->` (Markdown) or `# expect: CODE` (YAML); `check_fixture_dir` runs the rule alone and
compares the (code, line) pairs with the markers exactly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from intspec_lint.config import Settings
from intspec_lint.engine import lint_text
from intspec_lint.registry import load_rules
from intspec_lint.testing import check_fixture_dir

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
ENGINE_RULES = ("IS001", "IS002", "IS007")  # no check of their own: the engine reports them while reading YAML
FIXTURE_FILES = ("bad.md", "good.md", "bad.yaml", "good.yaml")
ENGINE_FIXTURE_FILES = ("bad.yaml", "good.yaml")


def _builtin_rules():
    return [rule for rule in load_rules().values() if rule.source == "intspec-lint"]


def _checked_builtins():
    return [rule for rule in _builtin_rules() if rule.check is not None]


def _fixture_rules():
    """Built-in rules with a check, plus the engine-reported IS001, IS002 and IS007."""
    return _checked_builtins() + [rule for rule in _builtin_rules() if rule.code in ENGINE_RULES]


def _ids(rules):
    return [rule.code for rule in rules]


@pytest.mark.parametrize("rule", _fixture_rules(), ids=_ids(_fixture_rules()))
def test_rule_fixtures(rule):
    check_fixture_dir(rule, FIXTURES / rule.code)


def test_every_checked_builtin_rule_has_all_four_fixtures():
    missing = [
        f"{rule.code}/{name}"
        for rule in _checked_builtins()
        for name in FIXTURE_FILES
        if not (FIXTURES / rule.code / name).is_file()
    ]
    missing += [
        f"{code}/{name}" for code in ENGINE_RULES for name in ENGINE_FIXTURE_FILES
        if not (FIXTURES / code / name).is_file()
    ]
    assert not missing, "missing fixture files: " + ", ".join(missing)


def _metadata_params():
    params = []
    for rule in load_rules().values():
        if rule.check is None and rule.code not in ENGINE_RULES:
            params.append(pytest.param(rule, id=rule.code, marks=pytest.mark.skip(
                reason=f"{rule.code} has no check and is not reported while reading a spec")))
        else:
            params.append(pytest.param(rule, id=rule.code))
    return params


def _suffix(rule) -> str:
    return "md" if rule.bad_format == "markdown" else "yaml"


@pytest.mark.parametrize("rule", _metadata_params())
def test_metadata_bad_example_is_reported(rule):
    findings = lint_text(rule.bad, f"bad.{_suffix(rule)}", Settings(select=(rule.code,)))
    own = [f for f in findings if f.code == rule.code]
    assert own, f"{rule.code}'s `bad` example produces no {rule.code} finding:\n{rule.bad}"


@pytest.mark.parametrize("rule", _metadata_params())
def test_metadata_good_example_is_clean(rule):
    findings = lint_text(rule.good, f"good.{_suffix(rule)}", Settings(select=(rule.code,)))
    assert not findings, f"{rule.code}'s `good` example produces findings:\n" + "\n".join(
        f"  line {f.line}: {f.code} {f.message}" for f in findings
    )
