"""The Markdown reader's own table rule gives the same Document as markdown-it's table rule."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from intspec_lint.document import markdown as reader

ROOT = Path(__file__).resolve().parent.parent


def reference_parser():
    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    parser.core.ruler.at("inline", reader._inline)
    return parser


def both(text: str):
    ours = reader.parse_markdown(text)
    original = reader._parser
    try:
        reader._parser = reference_parser
        theirs = reader.parse_markdown(text)
    finally:
        reader._parser = original
    return ours, theirs


def agree(text: str) -> None:
    ours, theirs = both(text)
    assert ours == theirs, text


CELLS = st.sampled_from(["a", " b ", "`c|d`", "e\\\\|f", "", " ", "-", ":-:", "---", "**g**", "1", "\\\\", "<x>"])
PREFIXES = st.sampled_from(["", "|", " |", "    |", "> ", "- ", "1. "])
SUFFIXES = st.sampled_from(["", "|", " | ", "  "])
ROWS = st.tuples(PREFIXES, st.lists(CELLS, max_size=4).map("|".join), SUFFIXES).map("".join)
DELIMITERS = st.sampled_from(["|---|---|", "---|---", "|:--|--:|", "| --- |", "|-|", "- | -", "|---||---|", ":-:",
                              "|---|---|---|", "-- |"])
OTHERS = st.sampled_from(["", "# Heading", "```", "~~~", "> quote", "- item", "***", "<div>", "text", "    code"])


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(st.lists(st.one_of(ROWS, DELIMITERS, OTHERS), min_size=1, max_size=10).map("\n".join))
def test_same_document_as_markdown_it_on_generated_tables(text):
    agree(text)


def test_generated_inputs_hold_tables():
    texts = ["| a | b |\n|---|---|\n| 1 | 2 |", "a | b\n--- | ---\nc"]
    assert all(any(isinstance(block, reader.Table) for block in reader.parse_markdown(t).root.blocks) for t in texts)


def test_same_document_on_every_markdown_file_of_the_repository():
    checked = 0
    for path in sorted(ROOT.glob("tests/**/*.md")) + sorted(ROOT.glob("examples/**/*.md")) + sorted(ROOT.glob("docs/**/*.md")):
        agree(path.read_text(encoding="utf-8"))
        checked += 1
    assert checked > 100


def test_same_document_on_the_shared_markdown_corpora():
    import pytest

    corpora = ROOT.parent / "shared" / "corpora"
    if not corpora.is_dir():
        pytest.skip("../shared/corpora is not here")
    files = sorted(corpora.rglob("*.md"))[:3000]
    for path in files:
        agree(path.read_text(encoding="utf-8", errors="replace"))
    assert files
