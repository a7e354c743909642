"""The HTML portfolio report in a real browser: headless Chromium renders it, and the tests look at
the rendered page, not at the HTML text: pixel colours in a screenshot (decoded by tests/png.py),
the DOM after the script ran, and rows reordered by real mouse clicks on the column headings.

Skipped only where no Chromium binary exists; `.ci/run` installs one, and under CI a missing
browser is a failure, not a skip."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from browser import DevTools, dump_dom, find_chromium, screenshot
from conftest import EXAMPLES, REPO_ROOT, run_module, write
from intspec_lint.findings import Finding, Severity
from intspec_lint.registry import load_rules
from intspec_lint.reporters import html as html_report
from intspec_lint.reporters.html_assets import STATUS_COLOURS
from intspec_lint.scorecard import ITEMS, score
from png import decode

CHROMIUM = find_chromium()
if CHROMIUM is None:
    if os.environ.get("CI"):
        raise RuntimeError("no Chromium binary: .ci/run installs the Debian package chromium for these tests")
    pytest.skip("no Chromium binary (install the Debian package chromium, as .ci/run does)", allow_module_level=True)

RANK = {"missing": 0, "partial": 1, "not-checked": 2, "covered": 3}
TITLE_ONLY = "---\nintspec: true\n---\n# Orders to Billing\n\nNothing is written here yet.\n"  # a spec to a folder walk


def _hex(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory) -> tuple[Path, dict]:
    """A report with every status: the examples (covered, partial), a terse corpus spec (missing) and a
    title-only spec whose dead-letter rule the config turns off (not checked). (report path, JSON)."""
    root = tmp_path_factory.mktemp("browser")
    (root / ".git").mkdir()
    shutil.copytree(EXAMPLES, root / "specs")
    shutil.copy2(REPO_ROOT / "tests" / "corpus" / "markdown" / "payroll-terse.md", root / "specs")
    write(root, "specs/title-only.md", TITLE_ONLY)
    write(root, ".intspec-lint.yaml", 'per_file_ignores:\n  "specs/title-only.md": [IS601]\n')
    outcome = run_module(["--format", "html", "--no-cache", "-o", "report.html", "specs"], cwd=root)
    assert outcome.exit_code == 1, outcome.stderr
    as_json = run_module(["--format", "json", "--summary", "--no-cache", "specs"], cwd=root).json()
    statuses = {spec["items"][item]["status"] for spec in as_json["summary"]["specs"] for item in ITEMS}
    assert statuses == set(RANK), statuses
    return root / "report.html", as_json


def _expected_order(as_json: dict, key: str, reverse: bool = False) -> list[str]:
    specs = sorted(as_json["summary"]["specs"], key=lambda spec: spec["file"])
    if key == "spec":
        order = [spec["file"] for spec in specs]
    elif key == "findings":
        order = [spec["file"] for spec in sorted(specs, key=lambda s: -s["findings"])]
    else:
        order = [spec["file"] for spec in sorted(specs, key=lambda s: (RANK[s["items"][key]["status"]],
                                                                        -s["items"][key]["findings"]))]
    return order[::-1] if reverse else order


_ROWS_JS = "Array.prototype.map.call(document.querySelectorAll('#matrix tbody tr'), r => r.cells[0].textContent)"
_DOM_ROWS = re.compile(r'<tr data-i="\d+"><th scope="row" data-r="\d+"><a href="#spec-\d+">(.*?)</a></th>')


def _dom_rows(dom: str) -> list[str]:
    return [re.sub(r"<wbr>", "", row) for row in _DOM_ROWS.findall(dom)]


def test_each_cell_is_painted_in_its_status_colour(portfolio):
    """Sample the screenshot inside each matrix cell: the pixel is the status's background colour."""
    report, as_json = portfolio
    with DevTools(CHROMIUM, 1400, 1000) as page:
        page.open(report.as_uri())
        cells = page.evaluate("""Array.prototype.map.call(document.querySelectorAll('#matrix tbody td.cell'), c => {
            const box = c.getBoundingClientRect();
            return {status: c.className.match(/s-([a-z-]+)/)[1], text: c.innerText, label: c.getAttribute('aria-label'),
                    x: Math.floor(box.left) + 2, y: Math.floor(box.top) + 2, bottom: box.bottom};
        })""")
        image = decode(page.screenshot())
    assert len(cells) == len(as_json["summary"]["specs"]) * len(ITEMS)
    words = {"covered": "covered", "partial": "partial", "missing": "missing", "not-checked": "not checked"}
    seen = set()
    for cell in cells:
        assert words[cell["status"]] in cell["text"] and words[cell["status"]] in cell["label"]  # never colour alone
        if cell["bottom"] < image.height:
            assert image.pixel(cell["x"], cell["y"]) == _hex(STATUS_COLOURS[cell["status"]][0]), cell
            seen.add(cell["status"])
    assert seen == set(RANK)


def test_status_colours_appear_in_a_plain_screenshot(portfolio, tmp_path):
    """`chromium --screenshot`, as scripts/screenshot_portfolio.py takes the README's picture."""
    report, as_json = portfolio
    image = decode(screenshot(CHROMIUM, report.as_uri(), tmp_path / "shot.png", 1400, 1000))
    assert (image.width, image.height) == (1400, 1000)
    counted = {status: image.count(_hex(background)) for status, (background, _) in STATUS_COLOURS.items()}
    cells = {status: sum(1 for spec in as_json["summary"]["specs"] for item in ITEMS
                         if spec["items"][item]["status"] == status) for status in STATUS_COLOURS}
    for status, pixels in counted.items():
        assert pixels > 1500 * cells[status], (status, pixels, cells[status])  # a cell is about 90 x 35 pixels


def test_clicking_a_heading_sorts_and_clicking_again_reverses(portfolio):
    report, as_json = portfolio
    with DevTools(CHROMIUM, 1400, 1000) as page:
        page.open(report.as_uri())
        assert page.evaluate(_ROWS_JS) == _expected_order(as_json, "spec")
        for key in ("monitoring", "data-mapping", "findings", "spec"):
            x, y = page.evaluate(f"""(() => {{
                const box = document.querySelector('#matrix th[data-key="{key}"] button').getBoundingClientRect();
                return [box.left + box.width / 2, box.top + box.height / 2]; }})()""")
            page.click(x, y)
            assert page.evaluate(_ROWS_JS) == _expected_order(as_json, key), key
            assert page.evaluate(f"document.querySelector('#matrix th[data-key=\"{key}\"]').getAttribute('aria-sort')"
                                 ) == "ascending"
            assert page.evaluate("location.hash") == f"#sort={key}"
            page.click(x, y)
            assert page.evaluate(_ROWS_JS) == _expected_order(as_json, key, reverse=True), key
            assert page.evaluate("location.hash") == f"#sort=-{key}"
            sorted_headings = page.evaluate("document.querySelectorAll('#matrix th[aria-sort]').length")
            assert sorted_headings == 1


@pytest.mark.parametrize("suffix, key, reverse", [("#sort=monitoring", "monitoring", False),
                                                  ("?sort=-findings", "findings", True),
                                                  ("#sort=idempotency", "idempotency", False)])
def test_sort_asked_for_in_the_address_is_applied_at_load(portfolio, suffix, key, reverse):
    report, as_json = portfolio
    dom = dump_dom(CHROMIUM, report.as_uri() + suffix)
    assert f'data-sorted="{"-" if reverse else ""}{key}"' in dom
    assert _dom_rows(dom) == _expected_order(as_json, key, reverse)


def test_without_javascript_the_report_reads_in_path_order(portfolio):
    report, as_json = portfolio
    with DevTools(CHROMIUM) as page:
        page.call("Emulation.setScriptExecutionDisabled", {"value": True})
        page.open(report.as_uri() + "#sort=monitoring")
        dom = page.dom()
        with_script = dump_dom(CHROMIUM, report.as_uri() + "#sort=monitoring")
    assert "data-sorted" in with_script  # the same address does sort where scripts run
    assert _dom_rows(dom) == _expected_order(as_json, "spec")
    assert '<table id="matrix">' in dom and not re.search("<th[^>]*aria-sort", dom) and "<button" not in dom
    assert dom.count("<details ") == len(as_json["summary"]["specs"])


def test_a_link_to_a_spec_opens_its_section(portfolio):
    report, as_json = portfolio
    with DevTools(CHROMIUM) as page:
        page.open(report.as_uri())
        assert page.evaluate("document.querySelectorAll('details[open]').length") == 0
        x, y = page.evaluate("""(() => { // the first line of the link: a long path wraps
            const box = document.querySelector('#matrix tbody tr a').getClientRects()[0];
            return [box.left + 5, box.top + box.height / 2]; })()""")
        page.click(x, y)
        opened = page.evaluate("""new Promise(done => setTimeout(() => done(  // after the hashchange event
            Array.prototype.map.call(document.querySelectorAll('details[open]'), d => d.id)), 200))""")
        assert opened == ["spec-0"]
        assert page.evaluate("location.hash") == "#spec-0"


def test_a_thousand_specs_load_and_sort_quickly(tmp_path):
    rules = load_rules()
    codes = [code for code, rule in rules.items() if rule.checklist in ITEMS]
    findings, files = [], []
    for index in range(1000):
        name = f"team-{index % 23}/spec-{index:04d}.md"
        files.append(name)
        for number in range(index % 11):
            rule = rules[codes[(index * 7 + number) % len(codes)]]
            findings.append(Finding(name, 5 + number, 1, 5 + number, 9, rule.code, Severity.ERROR,
                                    f"gap {number}", rule.name, rule.checklist))
    card = score(sorted(findings), files, rules, lambda _name: frozenset(rules))
    path = tmp_path / "big.html"
    path.write_text(html_report.render(sorted(findings), rules, scorecard=card, titles={}), encoding="utf-8")
    with DevTools(CHROMIUM, timeout=120) as page:
        page.open(path.as_uri())
        assert page.evaluate("document.querySelectorAll('#matrix tbody tr').length") == 1000
        assert page.evaluate("document.querySelectorAll('details').length") == 1000
        took = page.evaluate("""(() => { const button = document.querySelector('#matrix th[data-key="auth"] button');
            const started = performance.now(); button.click(); return performance.now() - started; })()""")
        assert took < 1000, f"sorting 1,000 rows took {took:.0f} ms"
        column = page.evaluate("""Array.prototype.map.call(document.querySelectorAll('#matrix tbody tr'),
            row => row.cells[1 + 2].className.match(/s-([a-z-]+)/)[1])""")  # the auth column, after the spec's
        assert [RANK[status] for status in column] == sorted(RANK[status] for status in column)  # worst first
        assert sorted(column) == sorted(spec.items["auth"].status.value for spec in card.specs)
        assert len(set(column)) >= 2  # a real reordering: covered and partial rows mixed in path order
