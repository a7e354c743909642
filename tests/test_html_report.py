"""The HTML portfolio report (`--format html`) as a document: self-contained, escaped, written whole or
not at all, and agreeing with the JSON findings and scorecard of the same run. What a browser makes
of it is tests/test_html_browser.py's."""

from __future__ import annotations

import os
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import EXAMPLES, REPO_ROOT, run_clirunner, run_module, write
from intspec_lint.findings import Finding, Severity
from intspec_lint.registry import load_rules
from intspec_lint.reporters import html as html_report
from intspec_lint.scorecard import ITEMS, score

CORPUS = REPO_ROOT / "tests" / "corpus"
HOSTILE_LINE = '| Refund | PSP | Billing | <script>alert("x")</script> & "quotes" | | 5/h |'
HOSTILE_SPEC = f"""\
# Payments <b>to</b> Billing

## Data Flows

| Flow | Source | Destination | Trigger | Payload | Frequency |
|---|---|---|---|---|---|
{HOSTILE_LINE}
"""


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: "Node | None"):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list["Node | str"] = []

    def text(self) -> str:
        """The text inside, whitespace folded."""
        return " ".join("".join(c if isinstance(c, str) else c.raw() for c in self.children).split())

    def raw(self) -> str:
        return "".join(c if isinstance(c, str) else c.raw() for c in self.children)

    def all(self, tag: str | None = None, **attrs: str) -> list["Node"]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if (tag is None or child.tag == tag) and all(child.attrs.get(k.replace("_", "-")) == v
                                                              for k, v in attrs.items()):
                    found.append(child)
                found += child.all(tag, **attrs)
        return found

    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()


class _Tree(HTMLParser):
    """The report as a tree of Nodes (the parser of the standard library, which never runs scripts)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.node = Node("#document", {}, None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.node)
        self.node.children.append(node)
        if tag not in _VOID:
            self.node = node

    def handle_endtag(self, tag):
        node = self.node
        while node.parent is not None and node.tag != tag:
            node = node.parent
        if node.parent is not None:
            self.node = node.parent

    def handle_data(self, data):
        self.node.children.append(data)


def _tree(text: str) -> Node:
    parser = _Tree()
    parser.feed(text)
    parser.close()
    return parser.root


class _Page:
    """What the tests read in a report: the matrix rows, its totals, and each spec's findings table."""

    def __init__(self, text: str):
        self.root = _tree(text)
        (matrix,) = self.root.all("table", id="matrix")
        (body,) = matrix.all("tbody")
        self.rows = []
        for row in body.all("tr"):
            cells = row.all("td")
            self.rows.append({
                "path": row.all("th")[0].text(),
                "cells": [(next(c[2:] for c in cell.classes() if c.startswith("s-")), int(cell.attrs["data-n"]))
                          for cell in cells[:len(ITEMS)]],
                "numbers": [cell.text() for cell in cells[len(ITEMS):]],
            })
        (foot,) = matrix.all("tfoot")
        self.totals = [cell.text() for cell in foot.all("td")]
        self.details: dict[str, list[list[str]]] = {}
        for section in self.root.all("details"):
            path = section.all("span", **{"class": "path"})[0].text()
            tables = section.all("table")
            self.details[path] = [[cell.text() for cell in row.all("td")] for row in tables[0].all("tbody")[0].all("tr")
                                  ] if tables else []

    def tags(self, tag: str) -> list[Node]:
        return self.root.all(tag)

    def attributes(self) -> list[tuple[str, str, str]]:
        return [(node.tag, name, value) for node in self.root.all() for name, value in node.attrs.items()]


def _page(text: str) -> _Page:
    return _Page(text)


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory) -> tuple[Path, str, dict]:
    """The examples and the Markdown corpus in one folder: (folder, the HTML report, the JSON report)."""
    root = tmp_path_factory.mktemp("portfolio")
    (root / ".git").mkdir()
    shutil.copytree(EXAMPLES, root / "examples")
    shutil.copytree(CORPUS / "markdown", root / "markdown")
    outcome = run_module(["--format", "html", "--no-cache", "-o", "report.html", "examples", "markdown"], cwd=root)
    assert outcome.exit_code == 1, outcome.stderr
    assert outcome.stdout == "" and "Found " in outcome.stderr
    report = (root / "report.html").read_text(encoding="utf-8")
    as_json = run_module(["--format", "json", "--summary", "--no-cache", "examples", "markdown"], cwd=root).json()
    return root, report, as_json


def test_report_is_one_self_contained_file(portfolio):
    _, report, _ = portfolio
    page = _page(report)
    assert not any(page.tags(tag) for tag in ("link", "img", "iframe", "object", "embed", "base"))
    assert len(page.tags("style")) == 1 and len(page.tags("script")) == 1
    for tag, name, value in page.attributes():
        assert name != "src", (tag, value)
        if name == "href":
            assert value.startswith("#spec-") or value.startswith("https://"), value  # anchors and rule docs
    policy = [value for tag, name, value in page.attributes() if tag == "meta" and name == "content"
              and "default-src" in value]
    assert policy == ["default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"]
    assert "@import" not in report and "url(" not in report


def test_matrix_agrees_with_the_json_scorecard(portfolio):
    _, report, as_json = portfolio
    page = _page(report)
    summary = {spec["file"]: spec for spec in as_json["summary"]["specs"]}
    assert [row["path"] for row in page.rows] == sorted(summary)  # default order: by path
    for row in page.rows:
        spec = summary[row["path"]]
        assert row["cells"] == [(spec["items"][item]["status"], spec["items"][item]["findings"]) for item in ITEMS]
        assert row["numbers"] == [str(sum(spec["other"].values())), str(spec["findings"])]
    totals = as_json["summary"]["totals"]
    symbols = {"covered": "✓", "partial": "~", "missing": "✗", "not-checked": "?"}
    for item, text in zip(ITEMS, page.totals):
        assert text == " ".join(f"{symbols[s]} {n}" for s, n in totals[item].items() if n)


def test_each_spec_lists_its_findings_with_their_source_lines(portfolio):
    root, report, as_json = portfolio
    page = _page(report)
    by_file: dict[str, list[dict]] = {}
    for finding in as_json["findings"]:
        by_file.setdefault(finding["file"], []).append(finding)
    assert set(page.details) == {spec["file"] for spec in as_json["summary"]["specs"]}
    for path, rows in page.details.items():
        found = by_file.get(path, [])
        assert len(rows) == len(found), path
        lines = (root / path).read_text(encoding="utf-8").split("\n")
        for cells, finding in zip(rows, found):
            assert cells[0] == f"{finding['line']}:{finding['column']}"
            assert cells[1] == finding["code"] and cells[2] == finding["severity"]
            assert cells[3].startswith(" ".join(finding["message"].split()))
            source = " ".join(lines[finding["line"] - 1].split())
            if source:
                assert cells[3].endswith(source[:300]) or source[:300] in cells[3], (path, finding["line"])


def test_everything_from_a_spec_or_a_path_is_escaped(tmp_path):
    name = 'pay<i>ments</i> & "co".md'
    write(tmp_path, name, HOSTILE_SPEC)
    outcome = run_module(["--format", "html", "--no-cache", name], cwd=tmp_path)
    assert outcome.exit_code == 1, outcome.stderr
    report = outcome.stdout
    assert '<script>alert("x")</script>' not in report and "<i>ments</i>" not in report
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;" in report
    assert "pay&lt;i&gt;ments&lt;/i&gt; &amp; &quot;co&quot;.md" in report
    page = _page(report)
    assert len(page.tags("script")) == 1 and not page.tags("i")
    assert len(page.tags("b")) == sum(1 for row in page.rows for _, n in row["cells"] if n)  # the counts in cells
    (cells,) = [row for row in page.details[name] if row[0].startswith("7:")][:1]
    assert cells[3].endswith(" ".join(HOSTILE_LINE.split()))


def test_unreadable_and_oddly_named_specs_still_give_a_whole_report(tmp_path):
    folder = tmp_path / "specs"
    folder.mkdir()
    shutil.copy2(EXAMPLES / "payments-webhooks-flawed.md", folder / "ok.md")
    (folder / "binary.md").write_bytes(b"\x00\x01\x02")
    (folder / "latin1.md").write_bytes("# Überweisung\n\n## Retry policy\n\nTBD\n".encode("latin-1"))
    os.mkfifo(folder / "pipe.md")  # not a regular file: reported, never opened
    odd = os.fsencode(folder) + b"/caf\xe9-\x01.md"  # not UTF-8, and a control character
    with open(odd, "wb") as handle:
        handle.write((EXAMPLES / "orders-fulfillment.md").read_bytes())
    outcome = run_module(["--format", "html", "--no-cache", "-o", "out.html", "specs/ok.md", "specs/binary.md",
                          "specs/latin1.md", "specs/pipe.md", os.fsdecode(odd)], cwd=tmp_path)
    assert outcome.exit_code == 1, outcome.stderr
    report = (tmp_path / "out.html").read_text(encoding="utf-8")  # strictly UTF-8
    assert report.rstrip().endswith("</html>")
    page = _page(report)
    assert len(page.rows) == 5
    unread = [row["path"] for row in page.rows if {status for status, _ in row["cells"]} == {"not-checked"}]
    assert sorted(unread) == ["specs/binary.md", "specs/latin1.md", "specs/pipe.md"]
    assert "caf\ufffd-\ufffd.md" in report  # shown, with what UTF-8 and HTML cannot hold replaced


def test_a_report_that_cannot_be_written_leaves_nothing_behind(tmp_path):
    write(tmp_path, "spec.md", HOSTILE_SPEC)
    (tmp_path / "old.html").write_text("the previous report", encoding="utf-8")
    missing = run_module(["--format", "html", "--no-cache", "-o", "no/such/folder/out.html", "spec.md"], cwd=tmp_path)
    assert missing.exit_code == 2 and "cannot write" in missing.stderr and "Traceback" not in missing.stderr
    assert not (tmp_path / "no").exists()
    done = run_module(["--format", "html", "--no-cache", "-o", "old.html", "spec.md"], cwd=tmp_path)
    assert done.exit_code == 1
    assert (tmp_path / "old.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.html", "spec.md"]  # no temporary file left


def test_report_of_standard_input_shows_its_source_lines(tmp_path):
    outcome = run_clirunner(["--format", "html", "--no-cache", "-", "--stdin-filename", "new.md"], cwd=tmp_path,
                            input=HOSTILE_SPEC.encode())
    page = _page(outcome.stdout)
    assert [row["path"] for row in page.rows] == ["new.md"]
    assert any(cells[3].endswith(" ".join(HOSTILE_LINE.split())) for cells in page.details["new.md"])


def test_findings_hidden_by_the_baseline_are_counted_and_said(tmp_path):
    write(tmp_path, "spec.md", HOSTILE_SPEC)
    assert run_clirunner(["--no-cache", "--write-baseline", "base.json", "spec.md"], cwd=tmp_path).exit_code == 0
    outcome = run_clirunner(["--format", "html", "--no-cache", "--baseline", "base.json", "spec.md"], cwd=tmp_path)
    page = _page(outcome.stdout)
    assert page.details["spec.md"] == []
    assert any(n for _, n in page.rows[0]["cells"])
    assert "counted in the matrix but not listed" in outcome.stdout


def _synthetic(count: int) -> tuple[list[Finding], list[str]]:
    rules = load_rules()
    codes = [code for code, rule in rules.items() if rule.checklist in ITEMS]
    findings, files = [], []
    for index in range(count):
        name = f"team-{index % 17}/spec-{index:04d}.md"
        files.append(name)
        for number in range(index % 9):
            code = codes[(index + number) % len(codes)]
            rule = rules[code]
            findings.append(Finding(name, 10 + number, 1, 10 + number, 5, code, Severity.ERROR,
                                    f"finding {number} of <{name}>", rule.name, rule.checklist))
    return sorted(findings), files


def _render_time(count: int) -> float:
    rules = load_rules()
    findings, files = _synthetic(count)
    card = score(findings, files, rules, lambda _name: frozenset(rules))
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        text = html_report.render(findings, rules, scorecard=card, sources=None, titles={})
        best = min(best, time.perf_counter() - started)
    assert text.count("<details ") == count
    return best


def test_building_the_report_grows_linearly_with_the_number_of_specs():
    small, large = _render_time(250), _render_time(2000)
    assert large < 2.0, f"{large:.2f} s for 2,000 specs"
    assert large / small < 8 * 2, f"{small:.3f} s for 250 specs, {large:.3f} s for 2,000 (8x the specs)"


def test_render_without_a_scorecard_is_a_programming_error():
    with pytest.raises(ValueError):
        html_report.render([], load_rules())
