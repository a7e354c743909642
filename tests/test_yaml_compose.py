"""The fast paths of the YAML reader change nothing: the composer builds exactly the trees of
`YAML(typ="safe").compose` and fails the same way, and the one-walk strictness check reports
exactly what the bounds check followed by the strict check reported."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from intspec_lint.document.yaml import YamlSyntaxError, _check_bounds, _check_strict, _check_tree, compose

ROOT = Path(__file__).resolve().parent.parent
SUITE = sorted((ROOT.parent / "shared" / "corpora" / "yaml-test-suite").glob("*/in.yaml"))
REFERENCE = YAML(typ="safe", pure=False)


def shape(node):
    if node is None:
        return None
    marks = (node.start_mark.index, node.start_mark.line, node.start_mark.column, node.end_mark.index,
             node.end_mark.line, node.end_mark.column)
    if isinstance(node.value, list):
        items = [tuple(shape(part) for part in item) if isinstance(item, tuple) else shape(item) for item in node.value]
        return (type(node).__name__, node.tag, node.flow_style, node.anchor, marks, items)
    return (type(node).__name__, node.tag, node.style, node.anchor, marks, node.value)


def outcome(build, text: str):
    try:
        return "ok", shape(build(text))
    except YAMLError as error:
        return "error", type(error).__name__, str(error)
    except RecursionError:
        return "recursion"


def checked(check, text: str):
    try:
        root = REFERENCE.compose(text)
    except (YAMLError, RecursionError):
        return "unreadable"
    if root is None:
        return "empty"
    try:
        check(text, text.split("\n"), root)
    except YamlSyntaxError as error:
        return error.message, error.span
    return "ok"


def separately(text, lines, root):
    _check_bounds(root)
    _check_strict(text, lines, root)


def agree(text: str) -> None:
    assert outcome(compose, text) == outcome(REFERENCE.compose, text), text
    assert checked(_check_tree, text) == checked(separately, text), text


def test_same_trees_for_every_yaml_file_in_the_repository():
    paths = [p for p in ROOT.rglob("*.y*ml") if ".git" not in p.parts and p.suffix in (".yaml", ".yml")]
    assert len(paths) >= 10
    for path in paths:
        agree(path.read_text(encoding="utf-8", errors="replace"))


@pytest.mark.skipif(not SUITE, reason="../shared/corpora is not here")
def test_same_trees_and_checks_on_the_yaml_test_suite():
    assert len(SUITE) >= 400
    for path in SUITE:
        agree(path.read_text(encoding="utf-8", errors="replace"))


@pytest.mark.parametrize("text", [
    "", "# only a comment\n", "---\n", "x", "~", "null", "[]", "{}", "- \n- \n",
    "%YAML 1.1\n---\na: yes\nb: 0o17\nc: 017\nd: 1_000\n", "%YAML 1.2\n---\na: yes\n",
    "a: &x [1, 2]\nb: *x\nc: !!str 3\nd: !custom {e: f}\ng: !<tag:yaml.org,2002:int> '4'\n",
    "a: 1\n---\nb: 2\n", "a: [1, 2\n", "a: b: c\n", "{a: 1, a: 2}", "? [a, b]\n: c\n",
    "a: |\n  text\n   more\nb: >-\n  folded\n", "a: .inf\nb: -.INF\nc: .nan\nd: 0x1F\ne: 1e3\nf: +12\ng: ''\nh:\n",
    "a: 2001-12-14t21:59:43.10-05:00\nb: 2002-12-14\nc: =\nd: <<\n", "[? a : b, : c, d]", "a: *missing\n",
    "a: [b,#c\n  d]\n", "a: {b: c}#x\n", "a: 'q'#x\n", "a: |#x\n  b\n", "a: [-, b]\n", "a: !!str,x b\n",
    "a:\n  b: [c,\n  d]\n", "a:\n  b: 'c\n  d'\n", "a: |\n   \n  b\n", "a: \"x\n\ty\"\n",
    "a: &x [b, -]\nc: *x\n", "x: " + "[" * 70 + "]" * 70 + "\n", "x: [" + "1," * 100_001 + "]\n",
    "x: [" + "1," * 100_001 + "]\ny: [-]\n", "x: " + "[" * 70 + "-" + "]" * 70 + "\n",
    "a: &a [1, 1]\nb: &b [*a, *a, *a]\nc: [*b, *b, -]\n",
])
def test_same_trees_on_edge_cases(text):
    agree(text)


SCALARS = st.sampled_from(["1", "-2", "0o7", "0x1f", "1.5", "1e3", ".inf", "-.Inf", ".NaN", "true", "False", "yes",
                           "no", "on", "null", "~", "", "'q'", '"d"', "2024-01-02", "12:30", "=", "<<", "a b",
                           "x-1", "1_000", "+1", "0", "007", "-", "|", "TBD"])
TREES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]")
                     | st.dictionaries(st.sampled_from(["a", "b", "1", "true", "~"]), inner, max_size=3)
                     .map(lambda d: "{" + ", ".join(f"{k}: {v}" for k, v in d.items()) + "}"), max_leaves=12)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c", "1", "null"]), TREES), max_size=5))
def test_same_trees_on_generated_documents(pairs):
    agree("".join(f"{key}: {value}\n" for key, value in pairs))


def test_yaml_1_2_that_the_c_parser_refuses_is_read_by_the_pure_parser():
    """libyaml reads YAML 1.1, which refuses a colon inside a plain scalar in a flow mapping; 1.2
    allows it, and a spec written that way is no syntax error."""
    from intspec_lint import lint_text
    from intspec_lint.document.yaml import parse_yaml

    text = "monitoring:\n  - {metric: nightly sync done by 04:00 UTC, kind: other, threshold: not done, alert: warning}\n"
    (item,) = parse_yaml(text).root.value[0][1].value
    assert [(k.value, v.value) for k, v in item.value][0] == ("metric", "nightly sync done by 04:00 UTC")
    spec = "intspec: 1\nname: A to B\n" + text
    assert "IS001" not in {f.code for f in lint_text(spec, "yaml")}
    with pytest.raises(YamlSyntaxError):
        parse_yaml("a: {b: [c}\n")  # invalid for both: still an error with its place


def test_plain_data_is_built_from_the_composed_tree_and_a_tag_without_data_is_an_error():
    from intspec_lint.document.yaml import load_data

    assert load_data("a: &x [1, {b: 04:00 UTC}]\nc: *x\n") == {"a": [1, {"b": "04:00 UTC"}], "c": [1, {"b": "04:00 UTC"}]}
    with pytest.raises(YamlSyntaxError):
        load_data("bucket: !Ref LogsBucket\n")  # a CloudFormation tag: no plain data
    assert load_data("after: [1]\n") == {"after": [1]}  # the loader is whole again after a failure


def test_a_breaker_told_in_the_retry_notes_is_evidence():
    from intspec_lint import lint_text
    text = ("intspec: '1.0'\ntitle: Fines\nretry:\n  strategy: exponential backoff\n  jitter: full jitter\n"
            "  initial_delay: 2s\n  max_attempts: 7\n  max_delay: 5 min\n  x-notes: |\n"
            "    Circuit breaker: after 12 consecutive failed calls the sender stops pulling for 5 minutes.\n")
    assert not [f for f in lint_text(text, "yaml") if f.code == "IS501"]
