"""Generated files (docs/rules/*.md, the rules index, schemas/config.schema.json) match the code.

Regenerate with `python -m intspec_lint.docs` after changing a rule."""

from pathlib import Path

from intspec_lint.docs import generated_files

ROOT = Path(__file__).resolve().parent.parent


def test_generated_docs_and_schema_have_not_drifted():
    stale = []
    for path, content in generated_files(ROOT).items():
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            stale.append(path.relative_to(ROOT).as_posix())
    assert not stale, f"out of date (run `python -m intspec_lint.docs`): {stale}"


def test_every_rule_has_a_page_and_an_index_row():
    from intspec_lint.registry import load_rules

    index = (ROOT / "docs" / "rules" / "README.md").read_text(encoding="utf-8")
    for code in load_rules():
        assert (ROOT / "docs" / "rules" / f"{code}.md").is_file(), code
        assert f"[{code}]({code}.md)" in index, code


def test_sarif_help_uri_points_at_the_generated_page():
    from intspec_lint.registry import load_rules

    for rule in load_rules().values():
        assert rule.docs_url.endswith(f"docs/rules/{rule.code}.md")


def test_a_stale_page_is_detected(tmp_path):
    files = generated_files(tmp_path)
    assert files, "nothing is generated"
    page = next(path for path in files if path.name == "IS501.md")
    assert "## Why it matters" in files[page] and "## Use instead" in files[page]
