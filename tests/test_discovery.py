"""Which files a folder walk lints, and which ones it leaves alone."""

from __future__ import annotations

import os
import subprocess

import pytest

from conftest import COMPLIANT_YAML, FLAWED_MD, findings_of, run_module

# Each spec below is incomplete on purpose, so every file that is linted shows up in the findings.
NAMED_SPEC = "title: named by its suffix only\n"  # no `intspec:` key: the name is enough
KEYED_YAML = "intspec: 1\ntitle: a YAML spec with an ordinary name\n"
PLAIN_YAML = "services:\n  web:\n    image: nginx\n"
HEADINGS_MD = "# Orders to billing\n\n## Retry logic\n\nTBD\n\n## Monitoring\n\nTBD\n\n## Idempotency\n\nTBD\n"
TWO_HEADINGS_MD = "# Notes\n\n## Retry logic\n\nTBD\n\n## Monitoring\n\nTBD\n"
FRONT_MATTER_MD = "---\ntitle: Orders to billing\nintspec: true\n---\n\n# Orders to billing\n\nWork in progress.\n"
README_MD = ("# mytool\n\nA command line tool.\n\n## Installation\n\n    pip install mytool\n\n## Usage\n\n"
             "Run it.\n\n## Configuration\n\nNone.\n\n## Contributing\n\nPull requests welcome.\n\n## License\n\nMIT\n")


def _write(root, relative, text):
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _linted(outcome) -> tuple[set[str], int]:
    """The files that got findings, and how many files the run says it checked."""
    assert outcome.exit_code in (0, 1), outcome.stderr
    document = outcome.json()
    return {f["file"] for f in document["findings"]}, document["files"]


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "project"
    _write(root, "specs/orders.intspec.yaml", NAMED_SPEC)
    _write(root, "specs/orders.intspec.yml", NAMED_SPEC)
    _write(root, "specs/billing.yaml", KEYED_YAML)
    _write(root, "specs/nested/deeper/shipping.md", HEADINGS_MD)
    _write(root, "specs/draft.md", FRONT_MATTER_MD)
    _write(root, "docker-compose.yml", PLAIN_YAML)
    _write(root, "README.md", README_MD)
    _write(root, "docs/notes.md", TWO_HEADINGS_MD)
    _write(root, "notes.txt", HEADINGS_MD)
    for hidden in (".git/x.intspec.yaml", ".git/objects/spec.md", ".venv/lib/y.intspec.yaml",
                   "node_modules/pkg/z.intspec.yaml", "node_modules/pkg/docs/spec.md", "venv/w.intspec.yaml",
                   "__pycache__/v.intspec.yaml"):
        _write(root, hidden, HEADINGS_MD if hidden.endswith(".md") else NAMED_SPEC)
    return root


EXPECTED = {
    "specs/orders.intspec.yaml",
    "specs/orders.intspec.yml",
    "specs/billing.yaml",
    "specs/nested/deeper/shipping.md",
    "specs/draft.md",
}


def test_folder_walk_picks_specs_and_skips_the_rest(cli, tree):
    files, count = _linted(cli(["--format", "json", "."], cwd=tree))
    assert files == EXPECTED
    assert count == len(EXPECTED)


def test_folder_walk_with_the_folder_named(cli, tree):
    files, count = _linted(cli(["--format", "json", "project"], cwd=tree.parent))
    assert files == {f"project/{name}" for name in EXPECTED}
    assert count == len(EXPECTED)


def test_folder_walk_through_the_api(tree, monkeypatch):
    import intspec_lint

    monkeypatch.chdir(tree)
    assert {f.file for f in intspec_lint.lint_paths(["."])} == EXPECTED


@pytest.mark.parametrize("name", ["README.md", "docs/notes.md", "notes.txt", "docker-compose.yml",
                                  ".git/x.intspec.yaml", "node_modules/pkg/docs/spec.md"])
def test_files_named_explicitly_are_always_linted(cli, tree, name):
    files, count = _linted(cli(["--format", "json", name], cwd=tree))
    assert files == {name}
    assert count == 1


def test_explicit_file_and_folder_overlapping_lint_each_file_once(cli, tree):
    outcome = cli(["--format", "json", "specs", "specs/billing.yaml", "./specs/billing.yaml"], cwd=tree)
    files, count = _linted(outcome)
    assert count == 5 and len(files) == 5
    keys = [(f["file"], f["line"], f["column"], f["code"], f["message"]) for f in findings_of(outcome)]
    assert len(keys) == len(set(keys))


def test_hidden_folder_named_explicitly_is_walked(cli, tree):
    files, _ = _linted(cli(["--format", "json", ".git"], cwd=tree))
    assert files == {".git/x.intspec.yaml", ".git/objects/spec.md"}


def test_symlink_loop_does_not_hang(tmp_path):
    root = tmp_path / "loop"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / "c.intspec.yaml").write_bytes(COMPLIANT_YAML.read_bytes())
    (root / "flawed.md").write_bytes(FLAWED_MD.read_bytes())
    try:
        os.symlink("..", root / "a" / "b" / "up")  # a/b/up -> a
        os.symlink(str(root), root / "a" / "top")  # an absolute link back to the top
    except (OSError, NotImplementedError):
        pytest.skip("symbolic links are not available")
    try:
        outcome = run_module(["--format", "json", "loop"], cwd=tmp_path, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("a symbolic link loop made the folder walk hang")
    files, count = _linted(outcome)
    assert count == 2  # each real file once, however many paths lead to it
    assert files == {"loop/flawed.md"}


def test_empty_folder_exits_2_with_a_clear_message(cli, tmp_path):
    (tmp_path / "empty").mkdir()
    outcome = cli(["empty"], cwd=tmp_path)
    assert outcome.exit_code == 2
    assert "no integration specs found in empty" in outcome.stderr


def test_folder_without_specs_exits_2(cli, tmp_path):
    _write(tmp_path, "docs/README.md", README_MD)
    outcome = cli(["docs"], cwd=tmp_path)
    assert outcome.exit_code == 2
    assert "no integration specs found in docs" in outcome.stderr


def test_empty_folder_does_not_claim_success(cli, tmp_path):
    (tmp_path / "empty").mkdir()
    outcome = cli(["empty"], cwd=tmp_path)
    assert outcome.exit_code == 2
    assert "No problems found" not in outcome.stdout


def test_front_matter_flag_must_be_inside_the_front_matter(cli, tmp_path):
    _write(tmp_path, "docs/page.md", "---\ntitle: How to write a spec\n---\n\n# How to\n\nStart the YAML with:\n\n"
           "```yaml\nintspec: true\n```\n")
    _write(tmp_path, "docs/real.intspec.yaml", NAMED_SPEC)
    files, _ = _linted(cli(["--format", "json", "docs"], cwd=tmp_path))
    assert files == {"docs/real.intspec.yaml"}


def test_comments_in_code_blocks_are_not_headings(cli, tmp_path):
    _write(tmp_path, "docs/deploy.md", "# Deploying\n\n```bash\n# Authentication\nexport TOKEN=$(vault read x)\n"
           "# Retry logic\nretry --times 3 ./deploy.sh\n# Monitoring\ncurl localhost:9090/metrics\n```\n")
    _write(tmp_path, "docs/real.intspec.yaml", NAMED_SPEC)
    files, _ = _linted(cli(["--format", "json", "docs"], cwd=tmp_path))
    assert files == {"docs/real.intspec.yaml"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_in_a_folder_does_not_hang(tmp_path):
    root = tmp_path / "specs"
    root.mkdir()
    (root / "c.intspec.yaml").write_bytes(COMPLIANT_YAML.read_bytes())
    os.mkfifo(root / "pipe.md")
    try:
        outcome = run_module(["--format", "json", "specs"], cwd=tmp_path, timeout=4)
    except subprocess.TimeoutExpired:
        pytest.fail("a named pipe made the folder walk hang")
    assert outcome.exit_code in (0, 1)
    assert outcome.json()["files"] == 1


def test_spec_detection_is_content_based_not_name_based(cli, tmp_path):
    """The same Markdown is a spec with three part headings and not a spec with two."""
    _write(tmp_path, "a/three.md", HEADINGS_MD)
    _write(tmp_path, "a/two.md", TWO_HEADINGS_MD)
    _write(tmp_path, "a/flagged.md", "---\nintspec: true\n---\n\nNothing else.\n")
    _write(tmp_path, "a/keyed.yml", KEYED_YAML)
    _write(tmp_path, "a/unkeyed.yml", "title: no intspec key\n")
    files, count = _linted(cli(["--format", "json", "a"], cwd=tmp_path))
    assert files == {"a/three.md", "a/flagged.md", "a/keyed.yml"}
    assert count == 3
