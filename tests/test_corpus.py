"""The labelled corpus: every spec produces exactly the findings its expect markers name."""

from pathlib import Path

import pytest

from intspec_lint.testing import check_text

CORPUS = Path(__file__).parent / "corpus"
# holdout3 is a blind set labelled from the rule descriptions only: it is measured by
# scripts/measure_corpus.py (figures in docs/rules/README or the closing note), not required to match.
SPECS = sorted(p for p in CORPUS.glob("*/*") if p.suffix in (".md", ".yaml", ".yml") and p.parent.name != "holdout3")


def test_corpus_is_large_and_varied():
    assert len(SPECS) >= 20
    assert {p.suffix for p in SPECS} >= {".md", ".yaml"}


@pytest.mark.parametrize("path", SPECS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_spec_findings_match_markers(path):
    check_text(path.read_text(encoding="utf-8"), str(path))
