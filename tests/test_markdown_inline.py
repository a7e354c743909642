"""The Markdown reader's fast inline path (_simple_text) gives exactly what markdown-it's inline
parser gives, whenever it answers at all."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from intspec_lint.document.markdown import _simple_text, inline_text

ROOT = Path(__file__).resolve().parent.parent
MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def parsed(content: str) -> str:
    children: list[Token] = []
    MD.inline.parse(content, MD, {}, children)
    return inline_text(Token("inline", "", 0, content=content, children=children))


def agree(content: str) -> bool:
    """Whether the fast path answered; it must agree with markdown-it when it does."""
    fast = _simple_text(content)
    if fast is None:
        return False
    assert fast.strip() == parsed(content), content
    return True


PIECES = st.sampled_from(["a", "b", "ab", " ", "  ", "*", "**", "_", "`", "``", "<", "&", "!", "[", "]", "~", "~~",
                          "\n", ".", ":", "1", "é", "\t", "(", ")", "-", "x_y", "`c d`", "` e `", "**f**", "<b>",
                          "&amp;", "\\", "«", "»", "“"])


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(st.lists(PIECES, max_size=14).map("".join))
def test_fast_inline_agrees_with_markdown_it(content):
    agree(content.strip())


def test_fast_inline_answers_for_the_usual_spec_lines():
    lines = ["**Identity Provider**: OAuth 2.0 client credentials; secret rotated every 90 days",
             "`order.updated` event to `orders-topic`", "threshold < 7 days", "the order_id and line_no fields",
             "**Dead-letter handling**: the `claim-dlq` queue\nalerts the on-call", "**`POST /v1/orders`**",
             "tabs end \t\n \tand start a line"]
    assert all(agree(line) for line in lines)


def test_fast_inline_agrees_on_every_line_of_the_corpus():
    answered = 0
    for path in sorted((ROOT / "tests").rglob("*.md")) + sorted((ROOT / "examples").rglob("*.md")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            line = line.strip().lstrip("#>-*0123456789. |").strip()
            if line:
                answered += agree(line)
    assert answered > 500
