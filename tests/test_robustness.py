"""Every input ends in findings or a clean result: never an exception, every span inside the file.

Property-based tests over both front ends and the whole pipeline, the third-party corpora in
../shared/corpora (skipped when absent), and hostile inputs with a time bound.
"""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intspec_lint.document.source import decode
from intspec_lint.engine import lint_bytes, lint_text

EXAMPLES = int(os.environ.get("INTSPEC_FUZZ_EXAMPLES", "500"))  # more for a deep run: INTSPEC_FUZZ_EXAMPLES=20000
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def assert_inside(text: str, findings) -> None:
    lines = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for f in findings:
        assert 1 <= f.line <= f.end_line <= lines, (f, lines)
        assert f.column >= 1 and f.end_column >= 1, f
        if f.line == f.end_line:
            assert f.end_column >= f.column, f


# -- strategies ---------------------------------------------------------------------------------
WORDS = ["Overview", "Data Flows", "API Contracts", "Authentication", "Error Handling", "Retry Logic",
         "Dead letters", "Monitoring", "Data Mapping", "Idempotency", "POST /v1/orders", "Topic `x.y`",
         "Transient", "Permanent", "Partial", "Reliability", "Security", "Order Service"]
CELLS = st.text(alphabet=st.characters(blacklist_characters="|\n\r"), max_size=20) | st.sampled_from(
    ["Source", "Destination", "Trigger", "Metric", "Threshold", "Alert", "Source Field", "Target Field", "TBD",
     "Category", "Action", "System", "Mechanism", "Rotation", "Storage", "> 2 s", "5", "1 s", "—", ""])


@st.composite
def markdown_blocks(draw):
    kind = draw(st.sampled_from(["heading", "table", "list", "fence", "para", "raw", "quote"]))
    if kind == "heading":
        return "#" * draw(st.integers(1, 7)) + " " + draw(st.sampled_from(WORDS) | st.text(max_size=30))
    if kind == "table":
        width = draw(st.integers(1, 6))
        rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=width + 2), max_size=6))
        header = "| " + " | ".join(draw(st.lists(CELLS, min_size=width, max_size=width))) + " |"
        body = ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join([header, "|" + "---|" * width] + body)
    if kind == "list":
        items = draw(st.lists(st.sampled_from(["**Max retries**: 5", "**Strategy**: TBD", "Initial delay: 1s",
                                               "`a` (string) → `b` (int): trim", "A → B; trigger: x"])
                              | st.text(max_size=40), max_size=6))
        indent = draw(st.integers(0, 6))
        return "\n".join(" " * (i % (indent + 1)) + "- " + item for i, item in enumerate(items))
    if kind == "fence":
        info = draw(st.sampled_from(["json", "yaml", "http", "", "csv", "ndjson"]))
        body = draw(st.sampled_from(['{"a": 1}', '{"a": ', "retry:\n  max_attempts: 5", "POST /x\n\n{]", "[", "]"])
                    | st.text(max_size=60))
        closed = draw(st.booleans())
        return f"```{info}\n{body}\n" + ("```" if closed else "")
    if kind == "quote":
        return ">" * draw(st.integers(1, 30)) + " " + draw(st.text(max_size=30))
    if kind == "raw":
        return draw(st.text(max_size=80))
    return draw(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=120))


MARKDOWN = st.lists(markdown_blocks(), max_size=12).map("\n\n".join)

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30) | \
    st.sampled_from(["TBD", "1s", "5 min", "POST", "https://x", "transient", "> 2 s", "—"])
KEYS = st.sampled_from(["intspec", "title", "flows", "contracts", "auth", "errors", "retry", "dead_letter",
                        "monitoring", "mappings", "idempotency", "name", "source", "destination", "method", "url",
                        "topic", "status_codes", "examples", "request", "response", "circuit_breaker", "threshold",
                        "open_for", "category", "action", "metric", "alert", "keys", "operation", "key", "x-a"]) | \
    st.text(max_size=12)
TREES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
                     max_leaves=25)


def yaml_text(tree) -> str:
    import io

    from ruamel.yaml import YAML

    stream = io.StringIO()
    yaml = YAML(typ="safe")
    yaml.default_flow_style = False
    yaml.dump(tree, stream)
    return stream.getvalue()


# -- properties ---------------------------------------------------------------------------------
@FUZZ
@given(MARKDOWN)
def test_markdown_front_end_never_raises(text):
    assert_inside(text, lint_text(text, "spec.md"))


@FUZZ
@given(st.dictionaries(KEYS, TREES, max_size=8))
def test_yaml_front_end_never_raises(tree):
    text = yaml_text(tree)
    assert_inside(text, lint_text(text, "spec.yaml"))


@FUZZ
@given(st.text(max_size=300))
def test_any_text_as_yaml_never_raises(text):
    assert_inside(text, lint_text(text, "spec.yaml"))


@settings(max_examples=max(EXAMPLES // 4, 50), deadline=None, derandomize=True)
@given(st.binary(max_size=400), st.sampled_from(["spec.md", "spec.yaml"]))
def test_any_bytes_never_raise(data, name):
    findings = lint_bytes(data, name)
    try:
        text = decode(data)
    except Exception:
        assert [f.code for f in findings] == ["IS001"]
        return
    assert_inside(text, findings)


# -- third-party corpora ------------------------------------------------------------------------
def corpus(folder: str, pattern: str):
    base = SHARED / folder
    return sorted(base.glob(pattern)) if base.is_dir() else []


YAML_CASES = corpus("yaml-test-suite", "*/in.yaml")
MARKDOWN_CASES = corpus("commonmark", "*.md") + corpus("gfm", "*.md")


@pytest.mark.skipif(not YAML_CASES, reason="../shared/corpora is not here")
def test_yaml_test_suite_all_cases():
    assert len(YAML_CASES) >= 400
    missed = []
    for path in YAML_CASES:
        data = path.read_bytes()
        findings = lint_bytes(data, "in.yaml", fmt="yaml")
        assert_inside(decode(data), findings)
        if (path.parent / "error").exists() and not any(f.code == "IS001" for f in findings):
            missed.append(path.parent.name)
    assert not missed, f"invalid YAML cases without a syntax finding: {missed}"


@pytest.mark.skipif(not MARKDOWN_CASES, reason="../shared/corpora is not here")
def test_commonmark_and_gfm_examples_all_cases():
    assert len(MARKDOWN_CASES) >= 1300
    for path in MARKDOWN_CASES:
        data = path.read_bytes()
        findings = lint_bytes(data, "example.md", fmt="markdown")
        assert_inside(decode(data) if data.strip() else "", findings)


# -- hostile inputs: bounded in time and memory --------------------------------------------------
BOMB = "intspec: 1\ntitle: t\na: &a [1,1,1,1,1,1,1,1,1]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")
)
HOSTILE = {
    "yaml alias bomb": ("bomb.yaml", BOMB, "IS001"),
    "yaml deep flow nesting": ("deep.yaml", "intspec: 1\ntitle: t\nx: " + "[" * 20000 + "]" * 20000 + "\n", "IS001"),
    "yaml deep block nesting": ("deep.yaml", "intspec: 1\n" + "".join("  " * i + f"k{i}:\n" for i in range(2000)),
                                "IS001"),
    "yaml huge scalar": ("big.yaml", "intspec: 1\ntitle: " + "x" * 3_000_000 + "\n", None),
    "yaml duplicate keys": ("dup.yaml", "intspec: 1\ntitle: a\ntitle: b\n", "IS002"),
    "yaml several documents": ("multi.yaml", "intspec: 1\ntitle: a\n---\nintspec: 1\n", "IS001"),
    "yaml python tag": ("tag.yaml", "intspec: 1\ntitle: !!python/object/apply:os.system ['false']\n", None),
    "markdown deep quotes": ("q.md", ">" * 100000 + " x\n", None),
    "markdown deep lists": ("l.md", "".join("  " * i + "- x\n" for i in range(2000)), None),
    "markdown thousands of headings": ("h.md", "".join(f"## Retry {i}\n- Max retries: {i}\n" for i in range(10000)),
                                       None),
    "markdown ragged table": ("t.md", "# Flows\n| Source | Destination | Trigger |\n|---|---|---|\n"
                              + "| a |\n| a | b | c | d | e |\n" * 5000, None),
    "markdown unclosed fence": ("f.md", "# Retries\n```json\n{" * 2000, None),
    "markdown html blocks": ("html.md", "<div>\n" * 5000 + "# Retry\n<!-- unclosed", None),
}


@pytest.mark.parametrize("name", HOSTILE, ids=list(HOSTILE))
def test_hostile_input_is_bounded(name):
    filename, text, code = HOSTILE[name]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()  # the CPU this process spent: a runaway pattern, not a busy shared machine
    findings = lint_bytes(text.encode(), filename)
    elapsed = time.process_time() - started
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert elapsed < 10, f"{name} took {elapsed:.1f} s of CPU"
    assert grown_mb < 1500, f"{name} grew the peak memory by {grown_mb:.0f} MB"
    assert_inside(text, findings)
    if code:
        assert code in [f.code for f in findings], findings
    assert not any(f.code == "IS003" for f in findings), findings


def test_a_long_line_costs_time_in_proportion_to_its_length():
    """A 2 MB line of words: bounded by its growth, not by seconds. The CPU of four times the line is measured against
    the CPU of the line itself on this machine (linear is 4; a pattern that backtracks over the line is 16 or more),
    so a slower machine does not fail it and a runaway does."""
    def cpu(words: int) -> float:
        text = "# T\n" + "word " * words + "\n"
        started = time.process_time()
        findings = lint_bytes(text.encode(), "long.md")
        spent = time.process_time() - started
        assert_inside(text, findings)
        assert not any(f.code == "IS003" for f in findings), findings
        return spent

    small, large = cpu(100_000), cpu(400_000)
    assert large < 7 * small + 0.5, f"four times the line took {large:.1f} s of CPU against {small:.1f} s"


def test_python_tags_are_never_constructed(tmp_path):
    marker = tmp_path / "executed"
    text = f"intspec: 1\ntitle: !!python/object/apply:os.system ['touch {marker}']\n"
    lint_text(text, "tag.yaml")
    assert not marker.exists()
