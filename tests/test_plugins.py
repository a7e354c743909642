"""Rules in Python (docs/configuration.md, "Rules in Python"): plugins through the `intspec_lint.rules`
entry point group.

Real plugin distributions are written into a temporary folder, built into wheels offline
(`pip wheel --no-deps --no-build-isolation`, hatchling backend) and installed, with a wheel of this
working tree, into virtual environments whose dependencies come from the environment that runs
the tests (tests/environments.py), never from the base interpreter or the network. Every test runs
that environment's `python -m intspec_lint` in a child process: plugins load only from installed
distributions.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import Outcome, clean_env
from environments import build_wheel, install, make_venv

TIMEOUT = 120

# The plugin of docs/configuration.md, verbatim in its rule.
ACME_RULES = '''\
from dataclasses import dataclass

from intspec_lint.findings import Hit, Severity
from intspec_lint.rule import rule


@dataclass(frozen=True)
class Options:
    min_length: int = 3


@rule(
    code="ACM101",
    name="flow-unnamed",
    checklist="data-flow",
    severity=Severity.WARNING,
    summary="A data flow has no name, or a name too short to refer to.",
    rationale="Reviews, tickets and dashboards refer to flows by name; an unnamed flow cannot be discussed.",
    bad="## Data Flows\\n\\n| Flow | Source | Destination | Trigger | Payload | Frequency |\\n|---|---|---|---|---|---|\\n"
        "|  | Orders | Billing | order.paid | Order JSON | 100/h |\\n",
    good="## Data Flows\\n\\n| Flow | Source | Destination | Trigger | Payload | Frequency |\\n|---|---|---|---|---|---|\\n"
         "| Bill order | Orders | Billing | order.paid | Order JSON | 100/h |\\n",
    options=Options,
)
def flow_unnamed(spec, options):
    for flow in spec.flows:
        if flow.name is None or len(flow.name.text.strip()) < options.min_length:
            yield Hit(flow.span, "{message}")


RULES = (flow_unnamed,)
'''
MESSAGE = "this flow has no name: name it so that people can refer to it"

# A rule that is off by default: only `extends: strict` or the config's `rules:` turns it on.
OPTIONAL_RULES = '''\
from intspec_lint.findings import Hit, Severity
from intspec_lint.rule import rule


@rule(
    code="ACM201",
    name="flow-frequency-not-hourly",
    checklist="data-flow",
    severity=Severity.INFO,
    summary="A flow's frequency is not given per hour.",
    rationale="Capacity planning adds flows up per hour.",
    bad="## Data Flows\\n\\n| Flow | Source | Destination | Trigger | Payload | Frequency |\\n|---|---|---|---|---|---|\\n"
        "| Export | Billing | Ledger | cron | CSV | daily |\\n",
    good="## Data Flows\\n\\n| Flow | Source | Destination | Trigger | Payload | Frequency |\\n|---|---|---|---|---|---|\\n"
         "| Export | Billing | Ledger | cron | CSV | 1/h |\\n",
    default_enabled=False,
)
def flow_frequency_not_hourly(spec, options):
    for flow in spec.flows:
        if flow.frequency is not None and "/h" not in flow.frequency.text:
            yield Hit(flow.frequency.span, "give the frequency per hour")


RULES = [flow_frequency_not_hourly]
'''

BROKEN_RULES = '''\
import acme_dependency_that_is_not_installed  # noqa: F401  -> ImportError

RULES = ()
'''

IS_PREFIX_RULES = ACME_RULES.replace('code="ACM101"', 'code="IS950"').replace('"flow-unnamed"', '"flow-unnamed-is"')

SPEC_MD = """\
# Orders to Billing

## Data Flows

| Flow | Source | Destination | Trigger | Payload | Frequency |
|---|---|---|---|---|---|
| Bill order | Orders | Billing | order paid call | Order JSON | 100/h |
|  | Billing | Ledger | Cron 02:00 | CSV file | daily |
| Sync | Warehouse | Billing | stock.changed event | Stock JSON | 40/h |
"""
UNNAMED_LINE, SHORT_LINE = 8, 9  # '' and 'Sync' (4 characters)

SPEC_YAML = """\
intspec: 1
title: Orders to Billing

flows:
  - name: Bill order
    source: Orders
    destination: Billing
    trigger: order paid call
    payload: Order JSON
    frequency: 100/h
  - source: Billing
    destination: Ledger
    trigger: Cron 02:00
    payload: CSV file
    frequency: daily
  - name: Sync
    source: Warehouse
    destination: Billing
    trigger: stock.changed event
    payload: Stock JSON
    frequency: 40/h
"""
UNNAMED_YAML_LINE, SHORT_YAML_LINE = 11, 16


def _distribution(root: Path, name: str, module: str, source: str, version: str = "0.1.0",
                  entry: str | None = None) -> Path:
    folder = root / f"{name}-{version}"
    (folder / module).mkdir(parents=True)
    (folder / module / "__init__.py").write_text(source, encoding="utf-8")
    (folder / "pyproject.toml").write_text(textwrap.dedent(f"""\
        [build-system]
        requires = ["hatchling"]
        build-backend = "hatchling.build"

        [project]
        name = "{name}"
        version = "{version}"
        requires-python = ">=3.11"
        dependencies = ["intspec-lint"]

        [project.entry-points."intspec_lint.rules"]
        {entry or f'rules = "{module}:RULES"'}

        [tool.hatch.build.targets.wheel]
        packages = ["{module}"]
        """), encoding="utf-8")
    return folder


def _run(args, cwd=None, timeout=TIMEOUT) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=clean_env(),
                          timeout=timeout)


def _wheel(project: Path, out: Path) -> Path:
    return build_wheel(project, out)


def _venv(folder: Path, *wheels: Path, intspec: Path) -> Path:
    """A venv with this working tree's wheel and `wheels` (plugins) installed."""
    return make_venv(folder, intspec, *wheels)


@dataclass
class Plugins:
    good: Path  # python of a venv with acme-intspec-rules and acme-optional-rules
    broken: Path  # ... with acme-intspec-rules and broken-intspec-rules
    is_prefix: Path  # ... with is-prefix-intspec-rules
    wheels: dict[str, Path]
    root: Path
    intspec: Path  # the wheel of this working tree


@pytest.fixture(scope="module")
def plugins(tmp_path_factory, intspec_wheel) -> Plugins:
    root = tmp_path_factory.mktemp("plugins")
    sources, dist = root / "src", root / "dist"
    dist.mkdir()
    wheels = {
        "acme": _wheel(_distribution(sources, "acme-intspec-rules", "acme_intspec_rules",
                                     ACME_RULES.replace("{message}", MESSAGE), entry='acme = "acme_intspec_rules:RULES"'),
                       dist),
        "acme-v2": _wheel(_distribution(sources, "acme-intspec-rules", "acme_intspec_rules",
                                        ACME_RULES.replace("{message}", "a flow needs a name (v2)"), version="0.2.0",
                                        entry='acme = "acme_intspec_rules:RULES"'), dist),
        "optional": _wheel(_distribution(sources, "acme-optional-rules", "acme_optional_rules", OPTIONAL_RULES), dist),
        "broken": _wheel(_distribution(sources, "broken-intspec-rules", "broken_intspec_rules", BROKEN_RULES), dist),
        "is": _wheel(_distribution(sources, "is-prefix-intspec-rules", "is_prefix_intspec_rules",
                                   IS_PREFIX_RULES.replace("{message}", MESSAGE)), dist),
    }
    return Plugins(
        good=_venv(root / "venv-good", wheels["acme"], wheels["optional"], intspec=intspec_wheel),
        broken=_venv(root / "venv-broken", wheels["acme"], wheels["broken"], intspec=intspec_wheel),
        is_prefix=_venv(root / "venv-is", wheels["is"], intspec=intspec_wheel),
        wheels=wheels,
        root=root,
        intspec=intspec_wheel,
    )


def intspec(python: Path, *args, cwd: Path) -> Outcome:
    done = _run([python, "-m", "intspec_lint", *args], cwd=cwd)
    return Outcome(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def repo(tmp_path) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "spec.md").write_text(SPEC_MD, encoding="utf-8")
    (root / "spec.intspec.yaml").write_text(SPEC_YAML, encoding="utf-8")
    return root


def plugin_findings(outcome: Outcome, prefix: str = "ACM") -> list[tuple[str, str, int, str]]:
    assert outcome.exit_code in (0, 1), outcome.stderr
    return sorted((f["file"], f["code"], f["line"], f["severity"]) for f in outcome.json()["findings"]
                  if f["code"].startswith(prefix))


# -- the plugin is found --------------------------------------------------------------------------
def test_rules_lists_the_plugin_rule(plugins, repo):
    text = intspec(plugins.good, "rules", cwd=repo)
    assert text.exit_code == 0, text.stderr
    line = next(line for line in text.stdout.splitlines() if line.startswith("ACM101"))
    assert "flow-unnamed" in line and "data-flow" in line and "warning" in line
    listed = json.loads(intspec(plugins.good, "rules", "--format", "json", cwd=repo).stdout)
    acm = next(r for r in listed if r["code"] == "ACM101")
    assert acm["source"] == "acme-intspec-rules"
    assert {r["code"] for r in listed} >= {"IS101", "IS501", "ACM101", "ACM201"}


def test_the_plugin_is_not_seen_outside_its_environment(repo):
    """The control: the system interpreter, without the plugin, knows no ACM101."""
    done = _run([sys.executable, "-m", "intspec_lint", "rules"], cwd=repo)
    assert done.returncode == 0 and "ACM101" not in done.stdout


def test_explain_the_plugin_rule(plugins, repo):
    outcome = intspec(plugins.good, "explain", "flow-unnamed", cwd=repo)
    assert outcome.exit_code == 0, outcome.stderr
    assert "ACM101" in outcome.stdout and "Reviews, tickets and dashboards" in outcome.stdout


# -- the plugin's rule runs -----------------------------------------------------------------------
def test_plugin_rule_reports_unnamed_flows(plugins, repo):
    outcome = intspec(plugins.good, "--format", "json", "spec.md", "spec.intspec.yaml", cwd=repo)
    assert plugin_findings(outcome, "ACM101") == [
        ("spec.intspec.yaml", "ACM101", UNNAMED_YAML_LINE, "warning"),
        ("spec.md", "ACM101", UNNAMED_LINE, "warning"),
    ]
    found = [f for f in outcome.json()["findings"] if f["code"] == "ACM101"]
    assert {f["message"] for f in found} == {MESSAGE}
    assert {f["rule"] for f in found} == {"flow-unnamed"} and {f["checklist"] for f in found} == {"data-flow"}
    assert "ACM201" not in {f["code"] for f in outcome.json()["findings"]}  # off by default


def test_plugin_rule_options_from_the_config(plugins, repo):
    (repo / ".intspec-lint.yaml").write_text("rules:\n  ACM101: {min_length: 5}\n", encoding="utf-8")
    outcome = intspec(plugins.good, "--format", "json", "spec.md", "spec.intspec.yaml", cwd=repo)
    assert plugin_findings(outcome, "ACM101") == [
        ("spec.intspec.yaml", "ACM101", UNNAMED_YAML_LINE, "warning"),
        ("spec.intspec.yaml", "ACM101", SHORT_YAML_LINE, "warning"),
        ("spec.md", "ACM101", UNNAMED_LINE, "warning"),
        ("spec.md", "ACM101", SHORT_LINE, "warning"),
    ]


@pytest.mark.parametrize("config,expected", [
    ("rules:\n  flow-unnamed: {min_length: 5, severity: error}\n", {"error"}),
    ("rules:\n  ACM101: info\n", {"info"}),
    ("rules:\n  ACM101: false\n", set()),
    ("rules:\n  flow-unnamed: off\n", set()),
    ("per_file_ignores:\n  \"*.md\": [ACM101]\n", {"warning"}),
])
def test_plugin_rule_configured_like_a_built_in(plugins, repo, config, expected):
    (repo / ".intspec-lint.yaml").write_text(config, encoding="utf-8")
    outcome = intspec(plugins.good, "--format", "json", "spec.md", "spec.intspec.yaml", cwd=repo)
    found = plugin_findings(outcome, "ACM101")
    assert {severity for *_, severity in found} == expected
    if "per_file_ignores" in config:
        assert {file for file, *_ in found} == {"spec.intspec.yaml"}


def test_plugin_rule_with_pyproject_options(plugins, repo):
    (repo / "pyproject.toml").write_text("[tool.intspec-lint.rules.ACM101]\nmin_length = 5\n", encoding="utf-8")
    outcome = intspec(plugins.good, "--format", "json", "spec.md", cwd=repo)
    assert [line for _, _, line, _ in plugin_findings(outcome, "ACM101")] == [UNNAMED_LINE, SHORT_LINE]


def test_plugin_rule_select_ignore_and_suppression(plugins, repo):
    selected = intspec(plugins.good, "--format", "json", "--select", "ACM101", "spec.md", cwd=repo)
    assert {f["code"] for f in selected.json()["findings"]} == {"ACM101"}
    # selecting by prefix names the off-by-default ACM201 too, which turns it on
    prefix = intspec(plugins.good, "--format", "json", "--select", "ACM", "spec.md", cwd=repo)
    assert {f["code"] for f in prefix.json()["findings"]} == {"ACM101", "ACM201"}
    ignored = intspec(plugins.good, "--format", "json", "--ignore", "flow-unnamed", "spec.md", cwd=repo)
    assert "ACM101" not in {f["code"] for f in ignored.json()["findings"]}
    (repo / "spec.md").write_text(SPEC_MD + "\n<!-- intspec-lint-disable-file ACM101 -- named in the runbook -->\n",
                                  encoding="utf-8")
    suppressed = intspec(plugins.good, "--format", "json", "spec.md", cwd=repo)
    codes = {f["code"] for f in suppressed.json()["findings"]}
    assert "ACM101" not in codes and "IS004" not in codes


def test_strict_turns_on_an_off_by_default_plugin_rule(plugins, repo):
    def acm201(config: str | None):
        path = repo / ".intspec-lint.yaml"
        if config is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(config, encoding="utf-8")
        outcome = intspec(plugins.good, "--format", "json", "spec.md", "spec.intspec.yaml", cwd=repo)
        return plugin_findings(outcome, "ACM201")

    assert acm201(None) == []
    assert acm201("extends: default\n") == []
    on = [("spec.intspec.yaml", "ACM201", 15, "info"), ("spec.md", "ACM201", UNNAMED_LINE, "info")]
    assert acm201("extends: strict\n") == on
    assert acm201("rules:\n  ACM201: true\n") == on
    assert acm201("rules:\n  flow-frequency-not-hourly: warning\n") == [(f, c, line, "warning") for f, c, line, _ in on]
    assert acm201("extends: strict\nrules:\n  ACM201: false\n") == []
    (repo / ".intspec-lint.yaml").unlink()
    selected = intspec(plugins.good, "--format", "json", "--select", "ACM201", "spec.md", cwd=repo)
    assert plugin_findings(selected, "ACM201") == [("spec.md", "ACM201", UNNAMED_LINE, "info")]


# -- errors ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("config,fragments", [
    ("rules:\n  ACM101: {min_lenght: 5}\n", ["min_lenght", "did you mean min_length?"]),
    ("rules:\n  ACM10: warning\n", ["ACM10", "did you mean ACM101?"]),
])
def test_plugin_rule_config_errors(plugins, repo, config, fragments):
    config_file = repo / ".intspec-lint.yaml"
    config_file.write_text(config, encoding="utf-8")
    outcome = intspec(plugins.good, "spec.md", cwd=repo)
    assert outcome.exit_code == 2, outcome.stdout
    assert f"{config_file}:2: " in outcome.stderr
    for fragment in fragments:
        assert fragment in outcome.stderr, outcome.stderr


def test_plugin_rule_option_of_the_wrong_type_names_the_type(plugins, repo):
    config_file = repo / ".intspec-lint.yaml"
    config_file.write_text("rules:\n  ACM101:\n    min_length: five\n", encoding="utf-8")
    outcome = intspec(plugins.good, "spec.md", cwd=repo)
    assert outcome.exit_code == 2, outcome.stdout
    assert str(config_file) in outcome.stderr and "min_length" in outcome.stderr
    assert "integer" in outcome.stderr


def test_plugin_rule_option_of_the_wrong_type_is_an_error(plugins, repo):
    config_file = repo / ".intspec-lint.yaml"
    config_file.write_text("rules:\n  ACM101:\n    min_length: five\n", encoding="utf-8")
    outcome = intspec(plugins.good, "spec.md", cwd=repo)
    assert outcome.exit_code == 2, outcome.stdout
    assert f"{config_file}:2: " in outcome.stderr and "ACM101" in outcome.stderr


@pytest.mark.parametrize("command", [
    ("rules",), ("spec.md",), ("--format", "json", "."),
    ("explain", "IS101"),
], ids=["rules", "lint", "lint-folder", "explain"])
def test_plugin_that_fails_to_import(plugins, repo, command):
    outcome = intspec(plugins.broken, *command, cwd=repo)
    assert outcome.exit_code == 2, (outcome.stdout, outcome.stderr)
    assert "broken-intspec-rules" in outcome.stderr
    assert "acme_dependency_that_is_not_installed" in outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert outcome.stdout == ""


@pytest.mark.parametrize("command", [("rules",), ("spec.md",)])
def test_plugin_rule_with_the_is_prefix(plugins, repo, command):
    outcome = intspec(plugins.is_prefix, *command, cwd=repo)
    assert outcome.exit_code == 2, (outcome.stdout, outcome.stderr)
    assert "IS950" in outcome.stderr and "IS prefix" in outcome.stderr
    assert "is-prefix-intspec-rules" in outcome.stderr
    assert "Traceback" not in outcome.stderr


# -- the fixture harness, for plugin authors ------------------------------------------------------
HARNESS = """\
import sys
from intspec_lint.testing import check_fixture_dir
from acme_intspec_rules import flow_unnamed

try:
    check_fixture_dir(flow_unnamed, sys.argv[1])
except AssertionError as error:
    print(error)
    sys.exit(1)
print("ok")
"""

BAD_MD = """\
# Orders to Billing

## Data Flows

| Flow | Source | Destination | Trigger | Payload | Frequency |
|---|---|---|---|---|---|
|  | Orders | Billing | order.paid | Order JSON | 100/h | <!-- expect: ACM101 -->
| Bill order | Orders | Billing | order.paid | Order JSON | 100/h |
"""
GOOD_MD = BAD_MD.replace("|  | Orders", "| Refund order | Orders").replace(" <!-- expect: ACM101 -->", "")
BAD_YAML = """\
intspec: 1
title: Orders to Billing
flows:
  - source: Orders      # expect: ACM101
    destination: Billing
    trigger: order.paid
    payload: Order JSON
    frequency: 100/h
  - name: Bill order
    source: Orders
    destination: Billing
    trigger: order.paid
    payload: Order JSON
    frequency: 100/h
"""
GOOD_YAML = BAD_YAML.replace("  - source: Orders      # expect: ACM101\n", "  - name: Refund order\n    source: Orders\n")


def _harness(plugins: Plugins, folder: Path) -> subprocess.CompletedProcess:
    script = folder.parent / "check.py"
    script.write_text(HARNESS, encoding="utf-8")
    return _run([plugins.good, script, folder], cwd=folder.parent)


def _fixtures(root: Path, files: dict[str, str]) -> Path:
    folder = root / "tests" / "fixtures" / "ACM101"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("files", [
    {"bad.md": BAD_MD, "good.md": GOOD_MD},
    {"bad.md": BAD_MD, "good.md": GOOD_MD, "bad.yaml": BAD_YAML, "good.yaml": GOOD_YAML},
], ids=["markdown", "markdown-and-yaml"])
def test_check_fixture_dir_passes(plugins, tmp_path, files):
    done = _harness(plugins, _fixtures(tmp_path, files))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "ok"


@pytest.mark.parametrize("files,fragment", [
    ({"bad.md": BAD_MD.replace(" <!-- expect: ACM101 -->", ""), "good.md": GOOD_MD}, "unexpected ACM101 on line 7"),
    ({"bad.md": BAD_MD.replace("<!-- expect: ACM101 -->", "<!-- expect: ACM101@+1 -->"), "good.md": GOOD_MD},
     "missing    ACM101 on line 8"),
    ({"bad.md": BAD_MD, "good.md": BAD_MD.replace(" <!-- expect: ACM101 -->", "")}, "good.md"),
    ({"bad.md": GOOD_MD, "good.md": GOOD_MD}, "a bad fixture must produce at least one finding"),
    ({"bad.yaml": BAD_YAML.replace("# expect: ACM101", "# expect: ACM101@9")}, "missing    ACM101 on line 9"),
], ids=["marker-missing", "marker-on-the-wrong-line", "good-has-a-finding", "bad-has-none", "yaml-wrong-line"])
def test_check_fixture_dir_fails(plugins, tmp_path, files, fragment):
    done = _harness(plugins, _fixtures(tmp_path, files))
    assert done.returncode == 1, done.stdout + done.stderr
    assert fragment in done.stdout, done.stdout


def test_check_fixture_dir_with_no_fixtures(plugins, tmp_path):
    done = _harness(plugins, _fixtures(tmp_path, {"README.md": "nothing here\n"}))
    assert done.returncode == 1 and "no bad.* or good.* fixtures" in done.stdout


# -- an upgraded plugin ---------------------------------------------------------------------------
def test_upgraded_plugin_is_seen_on_the_next_run(plugins, repo):
    python = _venv(plugins.root / f"venv-upgrade-{repo.parent.name}", plugins.wheels["acme"],
                   intspec=plugins.intspec)
    first = intspec(python, "--format", "json", "--select", "ACM", "spec.md", cwd=repo)
    assert {f["message"] for f in first.json()["findings"]} == {MESSAGE}
    install(python, plugins.wheels["acme-v2"], upgrade=True)
    second = intspec(python, "--format", "json", "--select", "ACM", "spec.md", cwd=repo)
    assert {f["message"] for f in second.json()["findings"]} == {"a flow needs a name (v2)"}


def test_upgraded_plugin_is_seen_without_the_cache(plugins, repo):
    python = _venv(plugins.root / f"venv-upgrade-nc-{repo.parent.name}", plugins.wheels["acme"],
                   intspec=plugins.intspec)
    first = intspec(python, "--no-cache", "--format", "json", "--select", "ACM", "spec.md", cwd=repo)
    assert {f["message"] for f in first.json()["findings"]} == {MESSAGE}
    install(python, plugins.wheels["acme-v2"], upgrade=True)
    second = intspec(python, "--no-cache", "--format", "json", "--select", "ACM", "spec.md", cwd=repo)
    assert {f["message"] for f in second.json()["findings"]} == {"a flow needs a name (v2)"}
