"""The checklist scorecard (`--summary`, the JSON `summary` block): derived from the findings and from
what the Spec held of each part, never a second judgement; agreeing with the findings on the
examples and the labelled corpus; honest about rules that did not run."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter

import pytest
from jsonschema.validators import validator_for

from conftest import ANSI, EXAMPLES, REPO_ROOT, run_clirunner, run_module, write
from intspec_lint.config import Settings
from intspec_lint.engine import _Run, lint_text
from intspec_lint.findings import NOT_READ, PART_ABSENT, PART_HELD
from intspec_lint.model import CHECKLIST_PARTS
from intspec_lint.registry import load_rules
from intspec_lint.reporters.scorecard_text import SHORT, can_encode, render
from intspec_lint.scorecard import ABSENCE_RULES, ITEMS, Status, score
from intspec_lint.testing import expected

CORPUS = REPO_ROOT / "tests" / "corpus"
LABELLED = sorted(p for p in CORPUS.glob("*/*") if p.suffix in (".md", ".yaml", ".yml")
                  and p.parent.name not in {"holdout3", "holdout4"})  # as test_corpus.py: labels that must hold
ALL_SPECS = sorted([*EXAMPLES.glob("*.md"), *EXAMPLES.glob("*.yaml"),
                    *(p for p in CORPUS.glob("*/*") if p.suffix in (".md", ".yaml", ".yml"))])
TITLE_ONLY = "# Orders to Billing\n\nNothing is written here yet.\n"
DROPS = """\
# Orders to Billing

## Error handling

| Category | Examples | Action |
|---|---|---|
| Transient | 503, timeouts | retry |
| Permanent | 400, 422 | the message is dropped and logged |
| Partial | 207 | failed items are dropped |
"""


def _summary(args, cwd) -> dict:
    outcome = run_clirunner(["--format", "json", "--summary", "--no-cache", *args], cwd=cwd)
    assert outcome.exit_code in (0, 1), outcome.stderr
    return outcome.json()


def _by_file(document: dict) -> dict[str, dict]:
    return {spec["file"]: spec for spec in document["summary"]["specs"]}


# --- derived from the model ----------------------------------------------------------------------
def test_every_absence_rule_reports_an_empty_specs_part_absent():
    found = lint_text(TITLE_ONLY, "spec.md", Settings())
    stamped = {(f.code, f.checklist): f.part_state for f in found}
    for item, code in ABSENCE_RULES.items():
        assert stamped.get((code, item)) == PART_ABSENT, f"{code} should report {item} absent: {found}"


def test_absence_rules_belong_to_their_items_and_run_by_default():
    rules = load_rules()
    assert set(ABSENCE_RULES) == set(ITEMS) == set(CHECKLIST_PARTS)
    for item, code in ABSENCE_RULES.items():
        assert rules[code].checklist == item and rules[code].default_enabled


@pytest.mark.parametrize("path", ALL_SPECS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_part_state_is_what_the_spec_model_holds(path):
    """Each finding of one of the nine items is stamped absent exactly when the Spec holds nothing for
    its part (the model the rules read, built again here)."""
    text = path.read_text(encoding="utf-8")
    fmt = "yaml" if path.suffix in (".yaml", ".yml") else "markdown"
    spec = _Run(str(path), Settings()).spec(text, fmt, [])
    assert spec is not None
    for finding in lint_text(text, str(path), Settings(), fmt):
        part = CHECKLIST_PARTS.get(finding.checklist)
        if part is None:
            assert finding.part_state == PART_HELD
        else:
            assert finding.part_state == (PART_HELD if spec.holds(part) else PART_ABSENT), finding


def test_files_not_read_as_specs_are_stamped_and_never_scored():
    rules = load_rules()
    for text, name in (("", "empty.md"), ("intspec: 1\ntitle: [broken\n", "broken.intspec.yaml")):
        found = lint_text(text, name, Settings())
        assert found and all(f.part_state == NOT_READ for f in found)
        card = score(found, [name], rules, lambda _name: frozenset(rules))
        assert not card.specs[0].read
        assert {s.status for s in card.specs[0].items.values()} == {Status.NOT_CHECKED}


def test_a_contract_with_its_examples_covers_the_checklist_item_whatever_the_template_still_asks():
    text = ("# Shop → Ledger\n\n## API contracts\n\n### Post an entry\n\n`POST https://ledger.example/v1/entries`\n\n"
            "Example request:\n\n```json\n{\"amount\": 1250}\n```\n\nExample response:\n\n```json\n{\"id\": 7}\n```\n")
    rules = load_rules()
    found = lint_text(text, "spec.md", Settings())
    assert {f.checklist for f in found if f.code == "IS201"} == {"api-contracts"}  # no status codes: the template's
    card = score(found, ["spec.md"], rules, lambda _name: frozenset(rules))
    assert card.specs[0].items["contract-examples"].status == Status.COVERED


def test_a_schema_violation_does_not_make_a_yaml_spec_unread():
    found = lint_text("intspec: 1\ntitle: Orders\nretry:\n  max_attemps: 5\n", "a.intspec.yaml", Settings())
    assert "IS002" in {f.code for f in found}
    assert all(f.part_state != NOT_READ for f in found)


# --- agreement with the findings -------------------------------------------------------------------
@pytest.fixture(scope="module")
def all_specs_report(tmp_path_factory) -> dict:
    """One run over copies of the examples and the whole corpus (paths relative to the copy)."""
    root = tmp_path_factory.mktemp("portfolio")
    (root / ".git").mkdir()
    shutil.copytree(EXAMPLES, root / "examples")
    shutil.copytree(CORPUS, root / "corpus")
    names = ["examples"] + [str(p.relative_to(CORPUS.parent)) for p in ALL_SPECS if p.is_relative_to(CORPUS)]
    return _summary(names, root)


def test_covered_iff_no_findings_and_counts_match_on_examples_and_corpus(all_specs_report):
    findings = Counter((f["file"], f["checklist"]) for f in all_specs_report["findings"])
    specs = all_specs_report["summary"]["specs"]
    assert len(specs) == all_specs_report["files"] == len(ALL_SPECS)
    statuses = Counter()
    for spec in specs:
        assert spec["read"], spec["file"]
        assert spec["findings"] == sum(n for (file, _), n in findings.items() if file == spec["file"])
        for item in ITEMS:
            entry = spec["items"][item]
            statuses[entry["status"]] += 1
            assert entry["findings"] == findings[(spec["file"], item)], (spec["file"], item)
            assert (entry["status"] == "covered") == (entry["findings"] == 0), (spec["file"], item, entry)
        other = {slug: n for (file, slug), n in findings.items() if file == spec["file"] and slug not in ITEMS}
        assert spec["other"] == other
    assert statuses["covered"] and statuses["partial"] and statuses["missing"], statuses  # all three are exercised


def test_totals_add_up(all_specs_report):
    summary = all_specs_report["summary"]
    for item in ITEMS:
        counted = Counter(spec["items"][item]["status"] for spec in summary["specs"])
        assert summary["totals"][item] == {status: counted[status] for status in
                                           ("covered", "partial", "missing", "not-checked")}


@pytest.mark.parametrize("path", LABELLED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_scorecard_agrees_with_the_corpus_labels(path, all_specs_report):
    """A labelled spec's item is covered exactly when no expect marker names a rule of that item."""
    rules = load_rules()
    name = str(path.relative_to(CORPUS.parent))
    wanted = expected(path.read_text(encoding="utf-8"))
    got = Counter((f["code"], f["line"]) for f in all_specs_report["findings"] if f["file"] == name)
    if got != wanted:
        pytest.skip("the findings differ from the labels: tests/test_corpus.py reports it for this spec")
    labelled = {rules[code].checklist for code, _ in wanted if code in rules}
    spec = _by_file(all_specs_report)[name]
    for item in ITEMS:
        assert (spec["items"][item]["status"] == "covered") == (item not in labelled), item


def test_text_scorecard_shows_the_json_statuses(spec_copies):
    document = _summary([spec_copies], spec_copies.parent)
    outcome = run_clirunner(["--summary", "--no-cache", "--no-color", spec_copies], cwd=spec_copies.parent)
    table = outcome.stdout.split("Checklist scorecard, 4 specs", 1)[1].splitlines()
    header = table[1].split()
    assert header == [SHORT[item] for item in ITEMS] + ["other", "spec"]
    marks = {"covered": "✓", "partial": "~", "missing": "✗", "not-checked": "?"}
    for line in table[2:6]:
        cells = line.split()
        spec = _by_file(document)[cells[-1]]
        for item, cell in zip(ITEMS, cells):
            entry = spec["items"][item]
            assert cell == marks[entry["status"]] + (str(entry["findings"]) if entry["findings"] else "")


# --- rules that did not run -----------------------------------------------------------------------
def test_an_ignored_absence_rule_makes_its_item_not_checked(tmp_path):
    write(tmp_path, "spec.md", TITLE_ONLY)
    spec = _by_file(_summary(["--ignore", "IS601", "spec.md"], tmp_path))["spec.md"]
    assert spec["items"]["dead-letter"] == {"status": "not-checked", "findings": 0, "rules_not_run": ["IS601"]}
    assert spec["items"]["retry-policy"]["status"] == "missing"


def test_findings_of_other_rules_still_score_an_item_whose_absence_rule_is_off(tmp_path):
    write(tmp_path, "spec.md", DROPS)
    spec = _by_file(_summary(["--ignore", "IS601", "spec.md"], tmp_path))["spec.md"]
    assert spec["items"]["dead-letter"]["status"] == "missing"  # IS602: dropped, and no dead-letter part
    assert spec["items"]["dead-letter"]["findings"] >= 1
    assert spec["items"]["error-classification"]["status"] in ("covered", "partial")


def test_a_rule_turned_off_by_the_config_is_not_run_for_that_file(tmp_path):
    write(tmp_path, ".intspec-lint.yaml", "rules:\n  IS901: false\n")
    write(tmp_path, "spec.md", TITLE_ONLY)
    spec = _by_file(_summary(["spec.md"], tmp_path))["spec.md"]
    assert spec["items"]["idempotency"]["status"] == "not-checked"
    assert spec["items"]["idempotency"]["rules_not_run"] == ["IS901"]


def test_selecting_one_item_leaves_the_others_not_checked(tmp_path):
    write(tmp_path, "spec.md", TITLE_ONLY)
    spec = _by_file(_summary(["--select", "IS5", "spec.md"], tmp_path))["spec.md"]
    assert spec["items"]["retry-policy"]["status"] == "missing"
    assert {spec["items"][item]["status"] for item in ITEMS if item != "retry-policy"} == {"not-checked"}


@pytest.mark.parametrize("select", [[], ["--select", "IS5"]], ids=["all-rules", "IS001-off"])
def test_an_unreadable_file_is_never_scored_covered(tmp_path, select):
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02 not text")
    spec = _by_file(_summary([*select, "binary.md"], tmp_path))["binary.md"]
    assert spec["read"] is False
    assert {entry["status"] for entry in spec["items"].values()} == {"not-checked"}


def test_a_rule_that_fails_leaves_its_item_not_checked(tmp_path, monkeypatch):
    from intspec_lint.rule import Rule

    original = Rule.run

    def run(self, spec, options):
        if self.code == "IS501":
            raise RuntimeError("boom")
        return original(self, spec, options)

    monkeypatch.setattr(Rule, "run", run)
    write(tmp_path, "spec.md", TITLE_ONLY)
    document = _summary(["spec.md"], tmp_path)
    assert any(f["code"] == "IS003" and "IS501" in f["message"] for f in document["findings"])
    spec = _by_file(document)["spec.md"]
    assert spec["items"]["retry-policy"]["status"] == "not-checked"
    assert spec["items"]["retry-policy"]["rules_not_run"] == ["IS501"]
    assert spec["items"]["dead-letter"]["status"] == "missing"


# --- the same whatever the run's machinery ---------------------------------------------------------
def test_scorecard_is_the_same_from_the_cache_and_from_workers(tmp_path):
    """part_state survives the result cache and the worker processes' pipes."""
    folder = tmp_path / "specs"
    folder.mkdir()
    for index in range(14):  # 28 files: enough for worker processes
        for source in (EXAMPLES / "payments-webhooks-flawed.md", EXAMPLES / "crm-sync-flawed.intspec.yaml"):
            shutil.copy2(source, folder / f"{index:02d}-{source.name}")
    write(folder, "00-title-only.md", TITLE_ONLY + "\n## Retry policy\n\nWe retry.\n")
    env = {"INTSPEC_LINT_CACHE_DIR": str(tmp_path / "cache")}
    runs = []
    for args in (["--no-cache", "-j", "1"], ["-j", "2"], ["-j", "2"]):  # alone, cold cache + workers, warm cache
        outcome = run_module(["--format", "json", "--summary", *args, "specs"], cwd=tmp_path, env=env)
        assert outcome.exit_code == 1, outcome.stderr
        runs.append(outcome.json()["summary"])
    assert runs[0] == runs[1] == runs[2]
    assert runs[0]["totals"]["retry-policy"]["missing"] == 0  # the title-only spec talks about retries
    assert runs[0]["totals"]["retry-policy"]["partial"] + runs[0]["totals"]["retry-policy"]["missing"] >= 1


def test_the_scorecard_counts_findings_the_baseline_hides(tmp_path):
    write(tmp_path, "spec.md", TITLE_ONLY)
    assert run_clirunner(["--no-cache", "--write-baseline", "base.json", "spec.md"], cwd=tmp_path).exit_code == 0
    document = _summary(["--baseline", "base.json", "spec.md"], tmp_path)
    assert document["findings"] == []
    assert _by_file(document)["spec.md"]["items"]["auth"]["status"] == "missing"


def test_standard_input_is_scored_under_its_name(tmp_path):
    outcome = run_clirunner(["--format", "json", "--summary", "--no-cache", "-", "--stdin-filename", "new.md"],
                            cwd=tmp_path, input=TITLE_ONLY.encode())
    spec = _by_file(outcome.json())["new.md"]
    assert spec["read"] and spec["items"]["monitoring"]["status"] == "missing"


# --- JSON schema -----------------------------------------------------------------------------------
def _schema() -> dict:
    return json.loads((REPO_ROOT / "schemas" / "findings.schema.json").read_text(encoding="utf-8"))


def _with_summary(report: dict) -> dict:
    """The report's summary in a report of no findings (the findings' own shape is test_reporters.py's)."""
    return {"tool": report["tool"], "files": report["files"], "findings": [], "summary": report["summary"]}


def test_summary_block_validates_against_the_findings_schema(all_specs_report):
    schema = _schema()
    validator = validator_for(schema)
    validator.check_schema(schema)
    assert list(validator(schema).iter_errors(_with_summary(all_specs_report))) == []


def test_schema_rejects_a_summary_with_an_unknown_status(all_specs_report):
    broken = json.loads(json.dumps(_with_summary(all_specs_report)))
    broken["summary"]["specs"][0]["items"]["auth"]["status"] = "fine"
    del broken["summary"]["totals"]["auth"]
    schema = _schema()
    errors = list(validator_for(schema)(schema).iter_errors(broken))
    assert len(errors) == 2


def test_json_without_summary_has_no_summary_block(spec_copies):
    outcome = run_clirunner(["--format", "json", "--no-cache", spec_copies], cwd=spec_copies.parent)
    assert "summary" not in outcome.json()


# --- text ------------------------------------------------------------------------------------------
def test_one_spec_lists_the_nine_items_with_symbol_and_word(tmp_path):
    write(tmp_path, "spec.md", TITLE_ONLY)
    outcome = run_clirunner(["--summary", "--no-cache", "--ignore", "IS601", "spec.md"], cwd=tmp_path)
    text = outcome.stdout
    assert text.index("Found ") < text.index("Checklist scorecard for spec.md:")
    lines = text.split("Checklist scorecard for spec.md:\n", 1)[1].splitlines()
    rows = {next(item for item in ITEMS if item in line.split()): line for line in lines[:9]}
    assert set(rows) == set(ITEMS)
    assert re.match(r"^  ✗ missing \(1\) +Authentication +auth$", rows["auth"])
    assert re.match(r"^  \? not checked +Dead-letter handling +dead-letter  \(IS601 did not run\)$", rows["dead-letter"])


@pytest.mark.parametrize("args, env", [(["--no-color"], {}), ([], {"NO_COLOR": "1"}), ([], {})],
                         ids=["--no-color", "NO_COLOR", "pipe"])
def test_scorecard_has_no_colour_unless_asked(spec_copies, args, env):
    outcome = run_module(["--summary", "--no-cache", *args, spec_copies], cwd=spec_copies.parent, env=env)
    assert "Checklist scorecard, 4 specs" in outcome.stdout
    assert ANSI not in outcome.stdout


def test_color_flag_colours_the_scorecard_and_keeps_its_symbols(spec_copies):
    outcome = run_module(["--summary", "--no-cache", "--color", spec_copies], cwd=spec_copies.parent)
    card = outcome.stdout.split("Checklist scorecard", 1)[1]
    assert "\x1b[32m✓" in card and "\x1b[33m~" in card
    plain = re.sub(r"\x1b\[[0-9;]*m", "", card)
    assert "✓" in plain and "~" in plain


def test_scorecard_goes_to_standard_error_beside_a_machine_read_format(spec_copies):
    outcome = run_module(["--format", "sarif", "--summary", "--no-cache", spec_copies], cwd=spec_copies.parent)
    json.loads(outcome.stdout)  # stdout stays valid SARIF
    assert "Checklist scorecard, 4 specs" in outcome.stderr


def test_text_report_written_with_output_holds_the_scorecard(spec_copies):
    outcome = run_module(["--summary", "--no-cache", "-o", "report.txt", spec_copies], cwd=spec_copies.parent)
    assert outcome.stdout == ""
    written = (spec_copies.parent / "report.txt").read_text(encoding="utf-8")
    assert "Checklist scorecard, 4 specs" in written and ANSI not in written


def test_ascii_symbols_where_the_output_cannot_encode_them():
    assert can_encode("utf-8") and not can_encode("ascii") and not can_encode("no-such-codec")
    rules = load_rules()
    flawed = EXAMPLES / "payments-webhooks-flawed.md"
    findings = [*lint_text(TITLE_ONLY, "draft.md", Settings()),
                *lint_text(flawed.read_text(encoding="utf-8"), "flawed.md", Settings())]
    card = score(findings, ["draft.md", "flawed.md"], rules, lambda _name: frozenset(rules))
    unicode, ascii_only = render(card, {}), render(card, {}, unicode=False)
    assert ascii_only.isascii() and not unicode.isascii()
    assert ascii_only == unicode.replace("✓", "+").replace("✗", "x")
    assert "x1" in ascii_only and "~" in ascii_only
