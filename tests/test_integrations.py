"""The integrations: the pre-commit hook, the GitHub Action, the README's copy-paste snippets and
`intspec-lint init`.

Every check here uses a real third-party checker (pre-commit, check-jsonschema, actionlint) or the
real command line. The pre-commit hook test builds the hook's environment the way a user's
pre-commit would (it pip-installs this project and its dependencies); it is marked slow.

The hook's environment is built offline, from wheels of the test environment's own installed
distributions (tests/environments.py), so the test needs neither the network nor the base
interpreter's packages.

The hook is tried from a snapshot of the working tree (copied, then committed in a temporary git
repository), not from the checkout itself: `pre-commit try-repo <path>` only carries *tracked*
uncommitted changes into its shadow clone (`git add -u`), so new files that are not committed yet
would be missing, and the test would pass or fail on the state of the project's git index rather
than on the code. The project's own `.git` is never touched.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import COMPLIANT_YAML, FLAWED_MD, FLAWED_YAML, REPO_ROOT, run_clirunner, run_module
from environments import wheelhouse

REPO_SLUG = "intspec-lint/intspec-lint"  # where this project lives on GitHub
ACTION = REPO_ROOT / "action.yml"
EXAMPLE_WORKFLOW = REPO_ROOT / "docs" / "examples" / "intspec-lint.yml"
MANIFEST = REPO_ROOT / ".pre-commit-hooks.yaml"
README = REPO_ROOT / "README.md"
CHECKLIST_ITEMS = ("data-flow", "contract-examples", "auth", "error-classification", "retry-policy",
                   "dead-letter", "monitoring", "data-mapping")
FINDING_LINE = re.compile(r"^\S.*?:\d+:\d+: (?:error|warning|info) [A-Z]+\d+ .*$", re.M)
TIMEOUT = 600


def _yaml_load(text: str):
    return YAML(typ="safe", pure=True).load(text)


def _run(cmd, cwd, env=None, timeout=TIMEOUT) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, env=env,
                          timeout=timeout)


def _git_env(extra: dict | None = None) -> dict:
    """Git that ignores the user's and the system's configuration, with a fixed identity."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") and k != "PYTHONPATH"}
    env.update(GIT_AUTHOR_NAME="intspec-test", GIT_AUTHOR_EMAIL="test@example.com",
               GIT_COMMITTER_NAME="intspec-test", GIT_COMMITTER_EMAIL="test@example.com",
               GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    env.update(extra or {})
    return env


def _git(*args, cwd) -> str:
    proc = _run(["git", *args], cwd=cwd, env=_git_env(), timeout=60)
    assert proc.returncode == 0, f"git {' '.join(args)}: {proc.stderr}"
    return proc.stdout


def _init_repo(folder: Path) -> None:
    _git("init", "-q", "-b", "main", cwd=folder)
    _git("add", "-A", cwd=folder)
    _git("commit", "-q", "--no-verify", "-m", "snapshot", cwd=folder)


def _check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess:
    return _run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, path], cwd=path.parent,
                timeout=120)


def _pre_commit(*args, cwd, env=None, timeout=TIMEOUT) -> subprocess.CompletedProcess:
    return _run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, timeout=timeout)


# --- pre-commit ----------------------------------------------------------------------------------


def test_pre_commit_manifest_validates():
    proc = _pre_commit("validate-manifest", MANIFEST, cwd=REPO_ROOT, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_pre_commit_validate_manifest_can_fail(tmp_path):
    broken = tmp_path / ".pre-commit-hooks.yaml"
    hooks = _yaml_load(MANIFEST.read_text(encoding="utf-8"))
    del hooks[0]["entry"]
    broken.write_text(json.dumps(hooks), encoding="utf-8")
    proc = _pre_commit("validate-manifest", broken, cwd=tmp_path, timeout=120)
    assert proc.returncode != 0


def test_pre_commit_hook_definition():
    (hook,) = [h for h in _yaml_load(MANIFEST.read_text(encoding="utf-8")) if h["id"] == "intspec-lint"]
    scripts = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    command, *options = hook["entry"].split()
    assert command in scripts, f"the hook runs {command!r}, which the package does not install"
    assert "--specs-only" in options, "without --specs-only the hook lints every Markdown file it is given"
    assert hook["language"] == "python"
    assert {"markdown", "yaml"} <= set(hook.get("types_or", []) + hook.get("types", []))


def _snapshot_of_the_working_tree(destination: Path) -> Path:
    ignore = shutil.ignore_patterns(".git", ".hypothesis", ".pytest_cache", ".benchmarks", "__pycache__", "*.pyc",
                                    "*.egg-info", "build", "dist", ".venv", "venv", "node_modules",
                                    ".intspec-lint-cache")
    shutil.copytree(REPO_ROOT, destination, ignore=ignore, symlinks=True)
    _init_repo(destination)
    return destination


@pytest.fixture(scope="module")
def hook_sandbox(tmp_path_factory):
    """(the hook repository, a user's repository with three files, the environment for pre-commit)."""
    base = tmp_path_factory.mktemp("pre-commit")
    source = _snapshot_of_the_working_tree(base / "intspec-lint")
    work = base / "project"
    work.mkdir()
    shutil.copy2(FLAWED_MD, work / FLAWED_MD.name)
    shutil.copy2(COMPLIANT_YAML, work / COMPLIANT_YAML.name)
    (work / "README.md").write_text(
        "# Billing service\n\nThe service that talks to PayStream. See `docs/` for the API reference.\n\n"
        "## Running it\n\n```sh\nmake run\n```\n", encoding="utf-8")
    _init_repo(work)
    # the hook's environment is pip-installed from the local snapshot, offline: its build backend and
    # dependencies come from wheels of the test environment's own installed distributions
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wheels = wheelhouse(project["build-system"]["requires"] + project["project"]["dependencies"], base / "wheels")
    env = _git_env({"PRE_COMMIT_HOME": str(base / "pre-commit-home"), "PRE_COMMIT_COLOR": "never",
                    "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheels), "VIRTUALENV_NO_PERIODIC_UPDATE": "1"})
    return source, work, env


def _try_repo(sandbox, *files) -> tuple[subprocess.CompletedProcess, float]:
    source, work, env = sandbox
    started = time.perf_counter()
    proc = _pre_commit("try-repo", source, "intspec-lint", "--color", "never", "--files", *files, cwd=work, env=env)
    return proc, time.perf_counter() - started


@pytest.mark.slow
def test_pre_commit_hook_fails_on_a_flawed_spec_with_the_same_findings_as_the_cli(hook_sandbox):
    proc, seconds = _try_repo(hook_sandbox, FLAWED_MD.name)
    output = proc.stdout + proc.stderr
    print(f"pre-commit try-repo (flawed spec): {seconds:.1f} s")
    assert proc.returncode == 1, output
    assert re.search(r"\bIS\d{3}\b", output), output
    hook_findings = FINDING_LINE.findall(proc.stdout)
    cli = run_module(["--no-color", FLAWED_MD.name], cwd=hook_sandbox[1])
    assert cli.exit_code == 1, cli.stderr
    assert hook_findings, output
    assert hook_findings == FINDING_LINE.findall(cli.stdout)


@pytest.mark.slow
def test_pre_commit_hook_passes_on_a_compliant_spec(hook_sandbox):
    proc, seconds = _try_repo(hook_sandbox, COMPLIANT_YAML.name)
    print(f"pre-commit try-repo (compliant spec): {seconds:.1f} s")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert re.search(r"^intspec-lint\.+Passed$", proc.stdout, re.M), f"the hook did not run on the spec:\n{output}"


@pytest.mark.slow
def test_pre_commit_hook_passes_on_a_readme_alone(hook_sandbox):
    proc, seconds = _try_repo(hook_sandbox, "README.md")
    print(f"pre-commit try-repo (README.md): {seconds:.1f} s")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    # it ran (Markdown is among its types) and let the README through (--specs-only)
    assert re.search(r"^intspec-lint\.+Passed$", proc.stdout, re.M), output
    assert not FINDING_LINE.findall(proc.stdout), output


# --- GitHub Action ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def action() -> dict:
    return _yaml_load(ACTION.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def example_workflow() -> dict:
    return _yaml_load(EXAMPLE_WORKFLOW.read_text(encoding="utf-8"))


def test_action_yml_validates_against_the_github_actions_schema():
    proc = _check_jsonschema("vendor.github-actions", ACTION)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_example_workflow_validates_against_the_github_workflows_schema():
    proc = _check_jsonschema("vendor.github-workflows", EXAMPLE_WORKFLOW)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("schema, source, breakage", [
    ("vendor.github-actions", ACTION, "runs"),
    ("vendor.github-workflows", EXAMPLE_WORKFLOW, "jobs"),
])
def test_the_github_schema_checks_can_fail(tmp_path, schema, source, breakage):
    document = _yaml_load(source.read_text(encoding="utf-8"))
    del document[breakage]
    broken = tmp_path / source.name
    broken.write_text(json.dumps(document), encoding="utf-8")
    assert _check_jsonschema(schema, broken).returncode != 0


@pytest.mark.skipif(shutil.which("actionlint") is None, reason="actionlint is not installed")
def test_example_workflow_passes_actionlint():
    proc = _run(["actionlint", "-no-color", EXAMPLE_WORKFLOW], cwd=REPO_ROOT, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_action_declares_its_inputs(action):
    assert {"paths", "config", "fail-on", "format", "diff-only", "upload-sarif"} <= set(action["inputs"])
    for name, spec in action["inputs"].items():
        assert spec.get("description"), f"input {name} has no description"


def _strings(node, key=None):
    """(key, string) for every string in a parsed YAML tree, with the mapping key it sits under."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v, key)
    elif isinstance(node, str):
        yield key, node


_EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)
_INPUT = re.compile(r"\binputs\s*(?:\.\s*([A-Za-z_][\w-]*)|\[\s*['\"]([^'\"]+)['\"]\s*\])")


def _inputs_used(node) -> set[str]:
    used = set()
    for key, text in _strings(node):
        expressions = _EXPRESSION.findall(text)
        if key == "if":  # `if:` is an expression with or without ${{ }}
            expressions.append(text)
        for expression in expressions:
            used |= {a or b for a, b in _INPUT.findall(expression)}
    return used


def test_inputs_used_finds_every_form():
    node = {"steps": [{"if": "inputs.a == 'x'", "run": "echo", "env": {"B": "${{ inputs.b }}"}},
                      {"with": {"c": "${{ format('{0}', inputs['c']) }}"}}]}
    assert _inputs_used(node) == {"a", "b", "c"}


def test_every_input_the_action_uses_is_declared(action):
    used = _inputs_used(action["runs"]) | _inputs_used(action.get("outputs", {}))
    assert used, "the action uses no inputs at all"
    assert used <= set(action["inputs"]), f"undeclared inputs: {sorted(used - set(action['inputs']))}"


def test_every_declared_input_is_used(action):
    used = _inputs_used(action["runs"]) | _inputs_used(action.get("outputs", {}))
    assert set(action["inputs"]) <= used, f"inputs that do nothing: {sorted(set(action['inputs']) - used)}"


def test_inputs_are_not_interpolated_into_run_scripts(action):
    """`${{ inputs.X }}` inside `run:` is pasted into the shell script (script injection): use env."""
    for step in action["runs"]["steps"]:
        if "run" in step:
            assert not _inputs_used({"run": step["run"]}), f"step {step.get('name')!r} pastes inputs into its script"


def test_action_input_defaults_are_values_the_cli_accepts(action):
    from intspec_lint.cli import lint

    choices = {p.name: set(p.type.choices) for p in lint.params if hasattr(p.type, "choices")}
    assert action["inputs"]["format"]["default"] in choices["fmt"]
    assert action["inputs"]["fail-on"]["default"] in choices["fail_on"]
    assert action["inputs"]["upload-sarif"]["default"] in ("true", "false")


def test_the_upload_step_sends_the_sarif_report_the_lint_step_wrote(action):
    steps = action["runs"]["steps"]
    uploads = [i for i, s in enumerate(steps) if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert len(uploads) == 1, [s.get("uses") for s in steps]
    upload = steps[uploads[0]]
    assert "inputs.upload-sarif" in upload.get("if", ""), "the upload-sarif input does not switch the upload"
    assert "always()" in upload.get("if", ""), "a failed step before it would skip the upload"
    writers = [i for i, s in enumerate(steps) if "--format sarif" in s.get("run", "")]
    assert len(writers) == 1
    writer = steps[writers[0]]
    assert writers[0] < uploads[0], "the SARIF report is uploaded before it is written"
    assert "--exit-zero" in writer["run"], "the SARIF step must not fail the job before the upload"
    output_variable = re.search(r'--output "?\$(\w+)', writer["run"]).group(1)
    assert writer["env"][output_variable] == upload["with"]["sarif_file"]


def test_example_workflow_uses_this_action_with_declared_inputs(example_workflow, action):
    steps = [s for job in example_workflow["jobs"].values() for s in job["steps"]]
    ours = [s for s in steps if s.get("uses", "").startswith(f"{REPO_SLUG}@")]
    assert ours, f"the example does not use {REPO_SLUG}"
    for step in ours:
        assert set(step.get("with", {})) <= set(action["inputs"])
        if step.get("with", {}).get("diff-only"):
            checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
            assert checkout.get("with", {}).get("fetch-depth") == 0, "--diff-only needs the base branch's history"
    assert example_workflow["permissions"].get("security-events") == "write", "upload-sarif needs it"


def test_sarif_information_uri_names_this_repository():
    from intspec_lint.registry import load_rules
    from intspec_lint.reporters import render

    log = json.loads(render("sarif", [], load_rules(), root=str(REPO_ROOT)))
    assert log["runs"][0]["tool"]["driver"]["informationUri"] == f"https://github.com/{REPO_SLUG}"


# --- README snippets -------------------------------------------------------------------------------


def _fences_under(heading_word: str, languages: tuple[str, ...]) -> list[str]:
    """The fenced blocks (of these languages) in every README section whose heading, or a parent
    heading, contains `heading_word` (case-insensitive)."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(README.read_text(encoding="utf-8"))
    stack: list[tuple[int, str]] = []
    blocks = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            level = int(token.tag[1:])
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, tokens[index + 1].content))
        elif token.type == "fence" and token.info.strip().split(" ")[0].lower() in languages:
            if any(heading_word.lower() in title.lower() for _, title in stack):
                blocks.append(token.content)
    return blocks


def test_fences_under_finds_the_quick_start_blocks():
    """The helper the README tests rely on, on a section that exists."""
    assert any("pip install" in block for block in _fences_under("Quick start", ("sh",)))
    assert _fences_under("No such heading anywhere", ("sh", "yaml")) == []


def _the_yaml_block_with(key: str, heading_word: str):
    blocks = _fences_under(heading_word, ("yaml", "yml"))
    assert blocks, f"the README has no ```yaml block under a heading containing {heading_word!r}"
    documents = [_yaml_load(block) for block in blocks]
    found = [d for d in documents if isinstance(d, dict) and key in d]
    assert found, f"no ```yaml block under {heading_word!r} has a top-level {key!r}"
    return found[0], blocks[documents.index(found[0])]


def test_readme_pre_commit_snippet(tmp_path):
    config, text = _the_yaml_block_with("repos", "pre-commit")
    entries = [r for r in config["repos"] if any(h.get("id") == "intspec-lint" for h in r.get("hooks", []))]
    assert entries, "the snippet does not use `id: intspec-lint`"
    (entry,) = entries
    assert entry["repo"].rstrip("/").removesuffix(".git") == f"https://github.com/{REPO_SLUG}"
    assert entry.get("rev"), "a pre-commit repo needs a rev"
    path = tmp_path / ".pre-commit-config.yaml"
    path.write_text(text, encoding="utf-8")
    proc = _pre_commit("validate-config", path, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_readme_github_action_snippet(tmp_path, action):
    workflow, text = _the_yaml_block_with("jobs", "GitHub Action")
    path = tmp_path / "intspec-lint.yml"
    path.write_text(text, encoding="utf-8")
    proc = _check_jsonschema("vendor.github-workflows", path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    ours = [s for s in steps if s.get("uses", "").startswith(f"{REPO_SLUG}@")]
    assert ours, f"the snippet does not use {REPO_SLUG}"
    assert all(set(s.get("with", {})) <= set(action["inputs"]) for s in ours)


def test_readme_python_api_snippet_runs(tmp_path):
    blocks = _fences_under("Python API", ("python", "py"))
    assert blocks, "the README has no ```python block under a heading containing 'Python API'"
    # the files the snippet names, as a user's repository would have them
    shutil.copy2(FLAWED_MD, tmp_path / "spec.md")
    for folder in ("docs/integrations", "specs"):
        (tmp_path / folder).mkdir(parents=True)
        shutil.copy2(FLAWED_YAML, tmp_path / folder / FLAWED_YAML.name)
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / ".intspec-lint.yaml").write_text("extends: default\n", encoding="utf-8")
    for block in blocks:
        proc = _run([sys.executable, "-c", block + "\nprint('findings:', len(findings))\n"], cwd=tmp_path,
                    timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert re.search(r"^\d+ IS\d{3} ", proc.stdout, re.M), proc.stdout
        assert re.search(r"^findings: [1-9]", proc.stdout, re.M), proc.stdout


def test_readme_documents_the_options_the_integrations_use():
    from intspec_lint.cli import lint

    text = README.read_text(encoding="utf-8")
    (formats,) = [p.type.choices for p in lint.params if p.name == "fmt"]
    missing = [f for f in formats if not re.search(rf"`--format [^`]*\b{f}\b", text)]
    missing += [o for o in ("--diff-only", "--specs-only") if o not in text]
    assert not missing, f"the README does not document: {missing}"


# --- intspec-lint init ------------------------------------------------------------------------------

TEMPLATE_MD = REPO_ROOT / "rules" / "templates" / "spec.md"
TEMPLATE_YAML = REPO_ROOT / "rules" / "templates" / "spec.intspec.yaml"


@pytest.mark.parametrize("name, args, template", [
    ("spec.md", [], TEMPLATE_MD),
    ("spec.intspec.yaml", [], TEMPLATE_YAML),
    ("spec.yml", [], TEMPLATE_YAML),
    ("spec.txt", [], TEMPLATE_MD),
    ("spec.txt", ["--format", "yaml"], TEMPLATE_YAML),
    ("spec.yaml", ["--format", "md"], TEMPLATE_MD),
])
def test_init_writes_the_skeleton(cli, tmp_path, name, args, template):
    outcome = cli(["init", name, *args], cwd=tmp_path)
    assert outcome.exit_code == 0, outcome.stderr
    assert (tmp_path / name).read_text(encoding="utf-8") == template.read_text(encoding="utf-8")
    assert name in outcome.stdout
    assert list(tmp_path.iterdir()) == [tmp_path / name], "init left something else behind"


@pytest.mark.parametrize("name", ["spec.md", "spec.intspec.yaml"])
def test_init_refuses_to_overwrite_without_force(cli, tmp_path, name):
    (tmp_path / name).write_text("my notes\n", encoding="utf-8")
    outcome = cli(["init", name], cwd=tmp_path)
    assert outcome.exit_code == 2
    assert "--force" in outcome.stderr and name in outcome.stderr
    assert (tmp_path / name).read_text(encoding="utf-8") == "my notes\n"


@pytest.mark.parametrize("name, template", [("spec.md", TEMPLATE_MD), ("spec.intspec.yaml", TEMPLATE_YAML)])
def test_init_force_overwrites(cli, tmp_path, name, template):
    (tmp_path / name).write_text("my notes\n", encoding="utf-8")
    outcome = cli(["init", "--force", name], cwd=tmp_path)
    assert outcome.exit_code == 0, outcome.stderr
    assert (tmp_path / name).read_text(encoding="utf-8") == template.read_text(encoding="utf-8")


@pytest.mark.parametrize("name, template", [("specs/new-partner.md", TEMPLATE_MD),
                                            ("docs/integrations/partners/new.intspec.yaml", TEMPLATE_YAML)])
def test_init_creates_the_missing_folders(cli, tmp_path, name, template):
    """The README's own example, `intspec-lint init specs/new-partner.md`, in a folder without specs/."""
    outcome = cli(["init", name], cwd=tmp_path)
    assert outcome.exit_code == 0, outcome.stderr
    assert (tmp_path / name).read_text(encoding="utf-8") == template.read_text(encoding="utf-8")
    assert f"wrote {name}" in outcome.stdout
    top = tmp_path / name.split("/")[0]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in top.rglob("*") if p.is_file()) == [name]


def test_init_into_an_existing_folder_keeps_its_files(cli, tmp_path):
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "billing.md").write_text("my spec\n", encoding="utf-8")
    assert cli(["init", "specs/new-partner.md"], cwd=tmp_path).exit_code == 0
    assert (tmp_path / "specs" / "billing.md").read_text(encoding="utf-8") == "my spec\n"
    assert (tmp_path / "specs" / "new-partner.md").is_file()


def test_init_in_a_new_folder_still_refuses_to_overwrite(cli, tmp_path):
    assert cli(["init", "specs/new-partner.md"], cwd=tmp_path).exit_code == 0
    (tmp_path / "specs" / "new-partner.md").write_text("my notes\n", encoding="utf-8")
    outcome = cli(["init", "specs/new-partner.md"], cwd=tmp_path)
    assert outcome.exit_code == 2
    assert "--force" in outcome.stderr
    assert (tmp_path / "specs" / "new-partner.md").read_text(encoding="utf-8") == "my notes\n"


def test_init_under_a_file_exits_2_with_a_clear_message(cli, tmp_path):
    (tmp_path / "notes.txt").write_text("not a folder\n", encoding="utf-8")
    outcome = cli(["init", "notes.txt/specs/new.md"], cwd=tmp_path)
    assert outcome.exit_code == 2
    assert "cannot create the folder notes.txt/specs for notes.txt/specs/new.md: Not a directory" in outcome.stderr
    assert "Traceback" not in outcome.stderr and outcome.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_init_where_a_folder_cannot_be_created_exits_2_and_leaves_nothing(tmp_path, monkeypatch):
    """An unwritable place (simulated: the tests may run as root, whom permissions do not stop)."""
    real_mkdir = Path.mkdir

    def mkdir(self, *args, **kwargs):
        if self.name == "partners":
            raise PermissionError(13, "Permission denied", str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    outcome = run_clirunner(["init", "specs/partners/new.md"], cwd=tmp_path)
    assert outcome.exit_code == 2
    assert "cannot create the folder specs/partners for specs/partners/new.md: Permission denied" in outcome.stderr
    assert list(tmp_path.iterdir()) == [], "the folder created before the failure was left behind"


def test_init_whose_write_fails_removes_the_folders_it_created(tmp_path, monkeypatch):
    import tempfile

    def mkstemp(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    outcome = run_clirunner(["init", "specs/new-partner.md"], cwd=tmp_path)
    assert outcome.exit_code == 2
    assert "cannot write specs/new-partner.md: No space left on device" in outcome.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes everywhere")
def test_init_in_a_read_only_folder_exits_2(cli, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        outcome = cli(["init", "locked/specs/new.md"], cwd=tmp_path)
    finally:
        locked.chmod(0o755)
    assert outcome.exit_code == 2
    assert "cannot create the folder locked/specs" in outcome.stderr and "Traceback" not in outcome.stderr
    assert list(locked.iterdir()) == []


def _skeleton_findings(cli, tmp_path, name) -> list[dict]:
    assert cli(["init", name], cwd=tmp_path).exit_code == 0
    outcome = cli(["--format", "json", name], cwd=tmp_path)
    assert outcome.exit_code == 1, outcome.stderr
    return outcome.json()["findings"]


@pytest.mark.parametrize("name", ["spec.md", "spec.intspec.yaml"])
def test_linting_the_skeleton_reports_every_checklist_item(cli, tmp_path, name):
    findings = _skeleton_findings(cli, tmp_path, name)
    missing = set(CHECKLIST_ITEMS) - {f["checklist"] for f in findings}
    assert not missing, f"the skeleton passes these checklist items although they are all TBD: {sorted(missing)}"
    assert not {f["code"] for f in findings} & {"IS001", "IS002", "IS003"}, "the skeleton itself is malformed"


@pytest.mark.parametrize("name", ["spec.md", "spec.intspec.yaml"])
def test_linting_the_skeleton_reports_its_tbd_idempotency(cli, tmp_path, name):
    findings = _skeleton_findings(cli, tmp_path, name)
    assert "idempotency" in {f["checklist"] for f in findings}


def test_the_skeletons_are_found_by_a_folder_walk(cli, tmp_path):
    for name in ("integration.md", "other.yaml"):
        assert cli(["init", name], cwd=tmp_path).exit_code == 0
    outcome = cli(["--format", "json", "."], cwd=tmp_path)
    assert outcome.exit_code == 1, outcome.stderr
    assert {f["file"] for f in outcome.json()["findings"]} == {"integration.md", "other.yaml"}
