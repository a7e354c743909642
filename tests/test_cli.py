"""The command line, through click's CliRunner and through real `python -m intspec_lint` processes."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys

import pytest

from conftest import (
    ANSI,
    COMPLIANT,
    COMPLIANT_MD,
    COMPLIANT_YAML,
    FLAWED,
    FLAWED_MD,
    FLAWED_YAML,
    clean_env,
    findings_of,
    run_clirunner,
    run_module,
)

ALL_CODES = ("IS001", "IS002", "IS003", "IS101", "IS201", "IS202", "IS203", "IS301", "IS401", "IS501",
             "IS601", "IS701", "IS801", "IS901")
FINDING_LINE = re.compile(
    r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info) "
    r"(?P<code>[A-Z]{2,4}\d{3}) (?P<message>.+) \[(?P<name>[a-z][a-z0-9-]*)\]$"
)
SUMMARY_FOUND = re.compile(
    r"^Found (?P<total>\d+) problems? \((?P<parts>[^)]*)\) in (?P<files>\d+) files? checked\.$"
)


def _ids(paths):
    return [p.name for p in paths]


def _full_json(path, cli=run_clirunner) -> list[dict]:
    """Every finding of one file, as the JSON reporter gives them (through the same backend: the code
    may change on disk while the tests run, and a subprocess always sees the newest)."""
    outcome = cli(["--format", "json", path.name], cwd=path.parent)
    assert outcome.exit_code in (0, 1), outcome.stderr
    return findings_of(outcome)


@pytest.fixture
def flawed_md_findings(cli):
    """Every finding of the flawed Markdown example, through the backend the test uses."""
    findings = _full_json(FLAWED_MD, cli)
    assert findings, "the flawed Markdown example has no findings at all"
    return findings


# --- python -m intspec_lint ----------------------------------------------------------------------


def test_python_dash_m_runs_the_cli():
    from intspec_lint import __version__

    outcome = run_module(["--version"])
    assert outcome.exit_code == 0, outcome.stderr
    assert "intspec-lint" in outcome.stdout and __version__ in outcome.stdout


# --- exit codes ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", COMPLIANT, ids=_ids(COMPLIANT))
def test_compliant_example_exits_0(cli, path):
    outcome = cli([path.name], cwd=path.parent)
    assert outcome.exit_code == 0, outcome.stdout + outcome.stderr
    assert outcome.stdout == "No problems found (1 file checked).\n"


@pytest.mark.parametrize("path", FLAWED, ids=_ids(FLAWED))
def test_flawed_example_exits_1(cli, path):
    outcome = cli([path.name], cwd=path.parent)
    assert outcome.exit_code == 1, outcome.stdout + outcome.stderr
    lines = outcome.stdout.splitlines()
    assert len(lines) >= 2
    assert all(line.startswith(f"{path.name}:") for line in lines[:-1])
    assert lines[-1].startswith("Found ")


def test_missing_path_exits_2(cli, tmp_path):
    outcome = cli(["no-such-spec.md"], cwd=tmp_path)
    assert outcome.exit_code == 2
    assert "no-such-spec.md" in outcome.stderr and "no such file" in outcome.stderr


def test_missing_path_beside_a_real_one_still_lints_the_real_one_and_exits_2(cli, spec_copies):
    outcome = cli([FLAWED_MD.name, "missing.md"], cwd=spec_copies)
    assert outcome.exit_code == 2
    assert "missing.md" in outcome.stderr
    assert f"{FLAWED_MD.name}:" in outcome.stdout


@pytest.mark.parametrize(
    "option, typo, suggestion",
    [
        ("--select", "IS5O1", "IS501"),
        ("--select", "retry-polcy-incomplete", "retry-policy-incomplete"),
        ("--ignore", "IS9O1", "IS901"),
    ],
)
def test_unknown_rule_in_select_or_ignore_exits_2_with_a_suggestion(cli, option, typo, suggestion):
    outcome = cli([option, typo, FLAWED_MD.name], cwd=FLAWED_MD.parent)
    assert outcome.exit_code == 2
    assert f"unknown rule '{typo}'" in outcome.stderr
    assert f"did you mean {suggestion}" in outcome.stderr
    assert outcome.stdout == ""


def test_exit_zero_turns_findings_into_exit_0_but_still_reports_them(cli):
    outcome = cli(["--exit-zero", FLAWED_MD.name], cwd=FLAWED_MD.parent)
    assert outcome.exit_code == 0
    assert f"{FLAWED_MD.name}:" in outcome.stdout and "Found " in outcome.stdout


def test_exit_zero_does_not_hide_a_usage_error(cli, tmp_path):
    outcome = cli(["--exit-zero", "missing.md"], cwd=tmp_path)
    assert outcome.exit_code == 2


@pytest.mark.parametrize("fail_on", ["error", "warning", "info"])
def test_fail_on_every_level_fails_on_errors_and_passes_clean_files(cli, fail_on):
    flawed = cli(["--fail-on", fail_on, FLAWED_YAML.name], cwd=FLAWED_YAML.parent)
    clean = cli(["--fail-on", fail_on, COMPLIANT_YAML.name], cwd=COMPLIANT_YAML.parent)
    assert (flawed.exit_code, clean.exit_code) == (1, 0)


def test_fail_on_rejects_an_unknown_level(cli):
    outcome = cli(["--fail-on", "fatal", FLAWED_MD.name], cwd=FLAWED_MD.parent)
    assert outcome.exit_code == 2


@pytest.mark.parametrize(
    "severity, fail_on, expected",
    [
        ("warning", "error", 0),
        ("warning", "warning", 1),
        ("warning", "info", 1),
        ("info", "error", 0),
        ("info", "warning", 0),
        ("info", "info", 1),
    ],
)
def test_fail_on_threshold_with_lower_severity_findings(monkeypatch, severity, fail_on, expected):
    """Every built-in rule defaults to `error` and the CLI has no severity config yet, so the rule's
    default severity is lowered in the registry to get warnings and infos out of a real file."""
    from intspec_lint.findings import Severity
    from intspec_lint.registry import load_rules

    code = _full_json(FLAWED_MD)[0]["code"]
    rules = load_rules()
    monkeypatch.setitem(rules, code, dataclasses.replace(rules[code], severity=Severity(severity)))
    outcome = run_clirunner(["--select", code, "--fail-on", fail_on, "--format", "json", FLAWED_MD.name],
                            cwd=FLAWED_MD.parent)
    findings = findings_of(outcome)
    assert findings and {f["severity"] for f in findings} == {severity}
    assert outcome.exit_code == expected


# --- --select / --ignore -----------------------------------------------------------------------


def _codes(outcome):
    assert outcome.exit_code in (0, 1), outcome.stderr
    return [f["code"] for f in findings_of(outcome)]


def test_select_by_code(cli, flawed_md_findings):
    code = flawed_md_findings[0]["code"]
    expected = [f["code"] for f in flawed_md_findings if f["code"] == code]
    outcome = cli(["--format", "json", "--select", code, FLAWED_MD.name], cwd=FLAWED_MD.parent)
    assert _codes(outcome) == expected


def test_select_by_lower_case_code(cli, flawed_md_findings):
    code = flawed_md_findings[0]["code"]
    outcome = cli(["--format", "json", "--select", code.lower(), FLAWED_MD.name], cwd=FLAWED_MD.parent)
    assert _codes(outcome) == [f["code"] for f in flawed_md_findings if f["code"] == code]


def test_select_by_prefix(cli, flawed_md_findings):
    prefix = flawed_md_findings[0]["code"][:3]  # e.g. IS1: every rule of that hundred
    expected = [f["code"] for f in flawed_md_findings if f["code"].startswith(prefix)]
    outcome = cli(["--format", "json", "--select", prefix, FLAWED_MD.name], cwd=FLAWED_MD.parent)
    assert _codes(outcome) == expected


def test_select_by_name(cli, flawed_md_findings):
    finding = flawed_md_findings[-1]
    expected = [f["code"] for f in flawed_md_findings if f["rule"] == finding["rule"]]
    outcome = cli(["--format", "json", "--select", finding["rule"], FLAWED_MD.name], cwd=FLAWED_MD.parent)
    assert _codes(outcome) == expected


def test_select_several_comma_separated_and_repeated(cli, flawed_md_findings):
    codes = sorted({f["code"] for f in flawed_md_findings})
    assert len(codes) >= 3, "the flawed example should break at least three rules"
    wanted = set(codes[:3])
    rule_of = {f["code"]: f["rule"] for f in flawed_md_findings}
    args = ["--select", f"{codes[0]}, {rule_of[codes[1]]}", "--select", codes[2]]
    outcome = cli(["--format", "json", *args, FLAWED_MD.name], cwd=FLAWED_MD.parent)
    assert _codes(outcome) == [f["code"] for f in flawed_md_findings if f["code"] in wanted]


def test_ignore_by_code_prefix_and_name(cli, flawed_md_findings):
    codes = sorted({f["code"] for f in flawed_md_findings})
    by_code, by_name = codes[0], codes[-1]
    name = next(f["rule"] for f in flawed_md_findings if f["code"] == by_name)
    prefix = next((c[:3] for c in codes[1:-1] if c[:3] not in (by_code[:3], by_name[:3])), None)
    args = ["--ignore", by_code, "--ignore", name] + (["--ignore", prefix] if prefix else [])
    outcome = cli(["--format", "json", *args, FLAWED_MD.name], cwd=FLAWED_MD.parent)
    remaining = _codes(outcome)
    dropped = {by_code, by_name} | ({c for c in codes if prefix and c.startswith(prefix)})
    assert remaining == [f["code"] for f in flawed_md_findings if f["code"] not in dropped]
    assert len(remaining) < len(flawed_md_findings)


def test_ignore_everything_that_fails_gives_exit_0(cli, flawed_md_findings):
    codes = sorted({f["code"] for f in flawed_md_findings})
    outcome = cli(["--ignore", ",".join(codes), FLAWED_MD.name], cwd=FLAWED_MD.parent)
    assert outcome.exit_code == 0
    assert outcome.stdout == "No problems found (1 file checked).\n"


# --- JSON output ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", FLAWED, ids=_ids(FLAWED))
def test_json_output_has_findings_with_file_line_code(cli, path):
    outcome = cli(["--format", "json", path.name], cwd=path.parent)
    assert outcome.exit_code == 1
    document = outcome.json()
    assert document["files"] == 1
    assert document["findings"]
    for finding in document["findings"]:
        assert finding["file"] == path.name
        assert isinstance(finding["line"], int) and finding["line"] >= 1
        assert re.fullmatch(r"IS\d{3}", finding["code"])
    assert "Found " not in outcome.stdout  # the summary never pollutes machine output


def test_json_output_for_a_clean_file(cli):
    outcome = cli(["--format", "json", COMPLIANT_MD.name], cwd=COMPLIANT_MD.parent)
    assert outcome.exit_code == 0
    assert outcome.json()["findings"] == [] and outcome.json()["files"] == 1


# --- standard input ------------------------------------------------------------------------------


@pytest.mark.parametrize("source, name", [(FLAWED_MD, "x.md"), (FLAWED_YAML, "x.yaml")])
def test_stdin_with_stdin_filename(cli, source, name, tmp_path):
    from_file = [(f["code"], f["line"]) for f in _full_json(source, cli)]
    outcome = cli(["--format", "json", "--stdin-filename", name, "-"], cwd=tmp_path, input=source.read_bytes())
    assert outcome.exit_code == 1, outcome.stderr
    findings = outcome.json()["findings"]
    assert {f["file"] for f in findings} == {name}
    assert [(f["code"], f["line"]) for f in findings] == from_file


def test_stdin_filename_decides_the_format(cli, tmp_path):
    """The same YAML read as `x.yaml` and as `x.md` is parsed by different front ends."""
    data = FLAWED_YAML.read_bytes()
    as_yaml = cli(["--format", "json", "--stdin-filename", "x.yaml", "-"], cwd=tmp_path, input=data)
    as_md = cli(["--format", "json", "--stdin-filename", "x.md", "-"], cwd=tmp_path, input=data)
    yaml_findings = [(f["code"], f["line"]) for f in as_yaml.json()["findings"]]
    md_findings = [(f["code"], f["line"]) for f in as_md.json()["findings"]]
    assert yaml_findings != md_findings


def test_stdin_text_output_uses_the_stdin_filename(cli, tmp_path):
    outcome = cli(["--stdin-filename", "x.md", "-"], cwd=tmp_path, input=FLAWED_MD.read_bytes())
    assert outcome.exit_code == 1
    finding_lines = outcome.stdout.splitlines()[:-1]
    assert finding_lines and all(line.startswith("x.md:") for line in finding_lines)


# --- --output ------------------------------------------------------------------------------------


def test_output_writes_the_report_to_a_file(cli, spec_copies):
    direct = cli(["--format", "json", FLAWED_MD.name], cwd=spec_copies)
    outcome = cli(["--format", "json", "--output", "report.json", FLAWED_MD.name], cwd=spec_copies)
    assert outcome.exit_code == 1
    assert outcome.stdout == ""
    written = json.loads((spec_copies / "report.json").read_text(encoding="utf-8"))
    assert written == direct.json()
    assert "Found " in outcome.stderr  # the summary goes to stderr when the report goes to a file


def test_output_text_report_is_uncoloured_even_from_a_terminal(spec_copies):
    code, _ = _run_in_pty(["-o", "report.txt", FLAWED_MD.name], {}, cwd=spec_copies)
    text = (spec_copies / "report.txt").read_text(encoding="utf-8")
    assert code == 1
    assert text.startswith(f"{FLAWED_MD.name}:") and ANSI not in text


def test_output_into_a_missing_folder_exits_2_and_leaves_nothing(cli, spec_copies):
    before = sorted(p.name for p in spec_copies.iterdir())
    outcome = cli(["--format", "json", "-o", "no-such-folder/report.json", FLAWED_MD.name], cwd=spec_copies)
    assert outcome.exit_code == 2
    assert "cannot write" in outcome.stderr and "no-such-folder" in outcome.stderr
    assert sorted(p.name for p in spec_copies.iterdir()) == before  # no temp file, no folder


def test_output_failing_at_the_rename_leaves_no_temp_file_and_keeps_the_old_report(monkeypatch, spec_copies):
    target = spec_copies / "report.json"
    target.write_text("old report\n", encoding="utf-8")
    before = sorted(p.name for p in spec_copies.iterdir())

    def refuse(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    outcome = run_clirunner(["--format", "json", "-o", "report.json", FLAWED_MD.name], cwd=spec_copies)
    monkeypatch.undo()
    assert outcome.exit_code == 2
    assert "cannot write report.json" in outcome.stderr
    assert sorted(p.name for p in spec_copies.iterdir()) == before
    assert target.read_text(encoding="utf-8") == "old report\n"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_output_file_follows_the_umask(cli, spec_copies):
    umask = os.umask(0o027)
    try:
        outcome = cli(["--format", "json", "-o", "report.json", FLAWED_MD.name], cwd=spec_copies)
    finally:
        os.umask(umask)
    assert outcome.exit_code == 1
    assert (spec_copies / "report.json").stat().st_mode & 0o777 == 0o640  # 0666 less the umask, not 0600


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_output_over_an_existing_file_keeps_its_mode(cli, spec_copies):
    target = spec_copies / "report.json"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    outcome = cli(["--format", "json", "-o", "report.json", FLAWED_MD.name], cwd=spec_copies)
    assert outcome.exit_code == 1
    assert target.stat().st_mode & 0o777 == 0o640
    assert json.loads(target.read_text(encoding="utf-8"))["findings"]


# --- rules / explain -----------------------------------------------------------------------------


def test_rules_lists_every_code(cli):
    from intspec_lint.registry import load_rules

    outcome = cli(["rules"])
    assert outcome.exit_code == 0
    listed = [line.split()[0] for line in outcome.stdout.splitlines() if line.strip()]
    assert set(ALL_CODES) <= set(listed)
    assert listed == list(load_rules())  # every registered rule, once, in code order
    for rule in load_rules().values():
        line = next(line for line in outcome.stdout.splitlines() if line.startswith(rule.code + " "))
        assert rule.name in line and rule.checklist in line and rule.summary in line


def test_rules_json(cli):
    outcome = cli(["rules", "--format", "json"])
    assert outcome.exit_code == 0
    rules = outcome.json()
    assert [r["code"] for r in rules] == sorted(r["code"] for r in rules)
    assert set(ALL_CODES) <= {r["code"] for r in rules}
    for r in rules:
        assert r["name"] and r["checklist"] and r["severity"] in ("error", "warning", "info") and r["summary"]


@pytest.mark.parametrize("key", ["IS501", "retry-policy-incomplete", "is501"])
def test_explain_prints_the_rule_page(cli, key):
    from intspec_lint.registry import load_rules

    rule = load_rules()["IS501"]
    outcome = cli(["explain", key])
    assert outcome.exit_code == 0, outcome.stderr
    page = outcome.stdout
    assert page.startswith("# IS501 retry-policy-incomplete\n")
    assert "retry-policy" in page and rule.summary in page and rule.rationale in page
    assert "## Example" in page and "## Use instead" in page


def test_explain_by_code_and_by_name_print_the_same_page(cli):
    assert cli(["explain", "IS501"]).stdout == cli(["explain", "retry-policy-incomplete"]).stdout


def test_explain_unknown_rule_exits_2(cli):
    outcome = cli(["explain", "IS999"])
    assert outcome.exit_code == 2
    assert "unknown rule 'IS999'" in outcome.stderr
    assert outcome.stdout == ""


# --- text output ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", FLAWED, ids=_ids(FLAWED))
def test_text_output_format_and_summary(cli, path):
    expected = _full_json(path, cli)
    outcome = cli([path.name], cwd=path.parent)
    lines = outcome.stdout.splitlines()
    *finding_lines, summary = lines
    assert len(finding_lines) == len(expected)
    for line, finding in zip(finding_lines, expected):
        match = FINDING_LINE.match(line)
        assert match, f"not `path:line:col: severity CODE message [name]`: {line!r}"
        assert match["file"] == path.name
        assert (int(match["line"]), int(match["col"])) == (finding["line"], finding["column"])
        assert (match["severity"], match["code"], match["name"]) == (finding["severity"], finding["code"],
                                                                     finding["rule"])
        assert match["message"] == finding["message"]
    match = SUMMARY_FOUND.match(summary)
    assert match, summary
    assert int(match["total"]) == len(expected) and int(match["files"]) == 1
    errors = sum(f["severity"] == "error" for f in expected)
    assert f"{errors} error" in match["parts"]


def test_summary_counts_files(cli, spec_copies):
    outcome = cli(["."], cwd=spec_copies)
    assert outcome.exit_code == 1
    assert outcome.stdout.splitlines()[-1].endswith("in 4 files checked.")


# --- colour --------------------------------------------------------------------------------------


def test_color_flag_forces_ansi_escapes(cli):
    outcome = cli(["--color", FLAWED_MD.name], cwd=FLAWED_MD.parent)
    assert ANSI in outcome.stdout


@pytest.mark.parametrize("env", [{}, {"NO_COLOR": "1"}], ids=["plain", "NO_COLOR"])
def test_no_ansi_escapes_when_not_a_tty(cli, env):
    outcome = cli([FLAWED_MD.name], cwd=FLAWED_MD.parent, env=env)
    assert outcome.exit_code == 1
    assert ANSI not in outcome.stdout and ANSI not in outcome.stderr


def _run_in_pty(args, env, cwd=FLAWED_MD.parent):
    """Run `python -m intspec_lint ARGS` with stdout on a pseudo-terminal; return what it printed."""
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen([sys.executable, "-m", "intspec_lint", *args], cwd=cwd,
                                stdin=subprocess.DEVNULL, stdout=follower, stderr=subprocess.PIPE,
                                env=clean_env(env))
        os.close(follower)
        follower = None
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=60)
        proc.stderr.close()
        return proc.returncode, b"".join(chunks).decode("utf-8")
    finally:
        if follower is not None:
            os.close(follower)
        os.close(leader)


def test_colour_on_a_terminal():
    code, output = _run_in_pty([FLAWED_MD.name], {})
    assert code == 1
    assert ANSI in output


@pytest.mark.parametrize("args, env", [([], {"NO_COLOR": "1"}), (["--no-color"], {})], ids=["NO_COLOR", "--no-color"])
def test_no_colour_on_a_terminal_when_asked(args, env):
    code, output = _run_in_pty([*args, FLAWED_MD.name], env)
    assert code == 1
    assert FLAWED_MD.name in output
    assert ANSI not in output
