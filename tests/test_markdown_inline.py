"""Skipping markdown-it's inline parser for content without inline markup changes no Document."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from intspec_lint.document import markdown

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
CASES = sorted(ROOT.rglob("*.md")) + sorted((SHARED / "commonmark").glob("*.md")) + sorted((SHARED / "gfm").glob("*.md"))


def reference():
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def agree(text: str, monkeypatch) -> None:
    fast = markdown.parse_markdown(text)
    with monkeypatch.context() as patch:
        patch.setattr(markdown, "_parser", reference)
        slow = markdown.parse_markdown(text)
    assert fast == slow, text


def test_same_documents_for_the_repository_and_the_commonmark_and_gfm_examples(monkeypatch):
    paths = [p for p in CASES if ".git" not in p.parts]
    assert len(paths) >= 10
    for path in paths:
        agree(path.read_text(encoding="utf-8", errors="replace"), monkeypatch)


@pytest.mark.parametrize("text", [
    "# Title\n\nplain words: a-b = c + d; 50% {x} ^y @z #w $v >u ]t\n",
    "| a | b |\n|---|---|\n| `x` | *y* |\n| <!-- c --> d | e &amp; f |\n| g\\|h | ~~i~~ |\n",
    "- [link](http://x) ![img](y) <http://z> a_b_c __d__\n- line one  \nline two\n",
    "para with <!-- comment --> and <b>html</b>\n\n[ref]: http://example.com\n\n[ref] and [ref][]\n",
    "~single tilde~ and ~~double~~\n", "~500/hour peak ~~\n\n~~ x\n",
    "| `a` | ` a ` | `a b` | `<!-- x -->` | `a\\b` | `a`b` | ``a`` | `a |\n|---|---|---|---|---|---|---|---|\n",
    "`a`\n\n` a `\n\n`&amp;`\n\n`*x*`\n\n`[x](y)`\n\n`a\n`\n",
])
def test_same_documents_on_inline_markup(text, monkeypatch):
    agree(text, monkeypatch)


PIECES = st.sampled_from(["word", " ", "\n", "`", "`a`", "` `", "*", "_", "~", "~~", "[", "]", "(", ")", "!", "<", ">", "&", ";",
                          "amp", "\\", "|", "-", "#", ":", "<!--", "-->", "http://x.y", "\t", "  \n", "[r]", "1."])


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.lists(PIECES, max_size=12).map("".join), max_size=8))
def test_same_documents_on_generated_text(lines):
    with pytest.MonkeyPatch.context() as monkeypatch:
        text = "\n".join(lines) + "\n\n[r]: http://example.com\n\n| a | b |\n|---|---|\n| " + " | ".join(lines[:2]) + " |\n"
        agree(text, monkeypatch)
