"""The line-by-line heading scan of the folder walk finds exactly what the two patterns it stands for find."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from intspec_lint import discovery

ROOT = Path(__file__).resolve().parent.parent


def reference(text: str) -> list[str]:
    return [m.group(1) for m in discovery._HEADING.finditer(discovery._FENCED.sub("", text))]


def test_same_headings_in_the_repository():
    for path in ROOT.rglob("*.md"):
        if ".git" not in path.parts:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert list(discovery._headings(text)) == reference(text), path


LINES = st.sampled_from(["# A", "## Retry", "#B", "   ```", "```", "````", "~~~", " ~~~ ", "    ```", "```json", "x", "",
                         "  ", " # x", "# x #", "#######", "# ", "##  ", "\t", "``` ", "```\t", "# Flows ##", "\r",
                         "~~~~", "```~", "  ``` x"])


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(st.lists(LINES, max_size=14), st.sampled_from(["", "\n"]))
def test_same_headings_on_generated_text(lines, end):
    text = "\n".join(lines) + end
    assert list(discovery._headings(text)) == reference(text)
