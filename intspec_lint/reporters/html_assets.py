"""The style sheet and the script the HTML portfolio report inlines (reporters/html.py).

Both are inlined so that the report is one file that loads nothing: it opens from a CI artifact, an
e-mail or a file share, offline, and its Content-Security-Policy forbids every fetch. The script only
sorts the matrix; with scripts off, the report reads the same in its default order (by spec path).

Sorting is driven by `#sort=KEY` (or `?sort=KEY`) as well as by clicks, so that a sorted view can be
linked to and a headless browser can be asserted on: KEY is `spec`, `findings` or a checklist slug,
and a leading `-` reverses the order. A checklist column sorts worst first: missing, partial, not
checked, covered, and more findings before fewer.
"""

# Status colours are pale backgrounds with dark text of the same hue (WCAG AA contrast); every cell
# also carries its symbol and word, so nothing depends on telling the colours apart.
STATUS_COLOURS = {
    "covered": ("#d3f2dc", "#14532d"),
    "partial": ("#fdefc3", "#713f12"),
    "missing": ("#fbd5d5", "#7f1d1d"),
    "not-checked": ("#e3e6ea", "#30363d"),
}

CSS = """
:root { color-scheme: light; --line: #d0d7de; --muted: #57606a; }
* { box-sizing: border-box; }
body { margin: 0; padding: 16px 20px 40px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto,
  "Noto Sans", "DejaVu Sans", sans-serif; color: #1f2328; background: #ffffff; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 28px 0 8px; }
p { margin: 4px 0; }
.meta { color: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: 8px; margin: 10px 0 14px; padding: 0; list-style: none; }
.legend li { padding: 2px 8px; border-radius: 4px; }
.wrap { overflow-x: auto; }
table { border-collapse: collapse; }
#matrix { min-width: 100%; }
#matrix th, #matrix td { border: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: middle; }
#matrix thead th { position: sticky; top: 0; background: #f6f8fa; font-size: 12px; z-index: 1; }
#matrix thead th button { all: unset; cursor: pointer; display: block; }
#matrix thead th button:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
.js #matrix thead th[data-key] button::after { content: " \\2195"; color: var(--muted); }
.js #matrix thead th[aria-sort="ascending"] button::after { content: " \\25B2"; color: #1f2328; }
.js #matrix thead th[aria-sort="descending"] button::after { content: " \\25BC"; color: #1f2328; }
#matrix tbody th { font-weight: normal; min-width: 14em; max-width: 30em; overflow-wrap: anywhere; }
#matrix caption { text-align: left; padding: 0 0 4px; }
#matrix td.n { text-align: right; font-variant-numeric: tabular-nums; }
#matrix tfoot th, #matrix tfoot td { background: #f6f8fa; font-size: 12px; }
.cell { white-space: nowrap; font-size: 13px; }
.cell .sym { display: inline-block; width: 1.1em; font-weight: bold; text-align: center; }
.cell b { font-variant-numeric: tabular-nums; }
.tot span { display: inline-block; margin-right: 4px; padding: 0 3px; border-radius: 3px; white-space: nowrap; }
""" + "".join(
    f".s-{status} {{ background: {bg}; color: {fg}; }}\n" for status, (bg, fg) in STATUS_COLOURS.items()
) + """
details { border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; }
details > summary { cursor: pointer; padding: 6px 10px; background: #f6f8fa; border-radius: 6px; }
details[open] > summary { border-bottom: 1px solid var(--line); border-radius: 6px 6px 0 0; }
details .body { padding: 6px 10px 10px; }
summary .path { font-weight: 600; overflow-wrap: anywhere; }
summary .count { color: var(--muted); }
table.findings { width: 100%; font-size: 13px; }
table.findings th, table.findings td { border-bottom: 1px solid var(--line); padding: 3px 6px; text-align: left;
  vertical-align: top; }
table.findings td.ln { text-align: right; color: var(--muted); font-variant-numeric: tabular-nums; }
table.findings code, .src { font: 12px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono",
  monospace; }
.src { display: block; white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f8fa; padding: 1px 4px;
  border-radius: 3px; margin-top: 2px; }
.sev { font-weight: 600; white-space: nowrap; }
.sev-error { color: #b42318; }
.sev-warning { color: #8a5a00; }
.sev-info { color: #0b5cad; }
.note { color: var(--muted); font-style: italic; }
a { color: #0969da; }
"""

SCRIPT = r"""
(function () {
  "use strict";
  var table = document.getElementById("matrix");
  if (!table || !table.tHead || !table.tBodies.length) { return; }
  document.documentElement.className += " js";
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  var rows = Array.prototype.slice.call(body.rows);
  var columns = {};
  var current = null;
  Array.prototype.forEach.call(heads, function (head, index) {
    var key = head.getAttribute("data-key");
    if (!key) { return; }
    columns[key] = index;
    var button = document.createElement("button");
    button.type = "button";
    button.title = "Sort by " + head.textContent;
    while (head.firstChild) { button.appendChild(head.firstChild); }
    head.appendChild(button);
    button.addEventListener("click", function () {
      var reverse = current !== null && current.key === key && !current.reverse;
      if (sort(key, reverse)) { remember(key, reverse); }
    });
  });

  function sort(key, reverse) {
    var column = columns[key];
    if (column === undefined) { return false; }
    var keyed = rows.map(function (row) {
      var cell = row.cells[column];
      return [Number(cell.getAttribute("data-r")) || 0, -(Number(cell.getAttribute("data-n")) || 0),
              Number(row.getAttribute("data-i")) || 0, row];
    });
    keyed.sort(function (a, b) { return (a[0] - b[0]) || (a[1] - b[1]) || (a[2] - b[2]); });
    if (reverse) { keyed.reverse(); }
    var fragment = document.createDocumentFragment();
    keyed.forEach(function (entry) { fragment.appendChild(entry[3]); });
    body.appendChild(fragment);
    Array.prototype.forEach.call(heads, function (head) { head.removeAttribute("aria-sort"); });
    heads[column].setAttribute("aria-sort", reverse ? "descending" : "ascending");
    table.setAttribute("data-sorted", (reverse ? "-" : "") + key);
    current = {key: key, reverse: reverse};
    return true;
  }

  function remember(key, reverse) {
    try { history.replaceState(null, "", "#sort=" + (reverse ? "-" : "") + key); } catch (e) { /* file: URLs */ }
  }

  function requested() {
    var found = null;
    [location.hash.replace(/^#/, ""), location.search.replace(/^\?/, "")].forEach(function (part) {
      part.split("&").forEach(function (pair) {
        var at = pair.indexOf("=");
        if (at > 0 && pair.slice(0, at) === "sort" && found === null) {
          found = decodeURIComponent(pair.slice(at + 1));
        }
      });
    });
    return found;
  }

  function follow() {
    var wanted = requested();
    if (wanted) {
      var reverse = wanted.charAt(0) === "-";
      sort(reverse ? wanted.slice(1) : wanted, reverse);
      return;
    }
    var target = location.hash.length > 1 ? document.getElementById(location.hash.slice(1)) : null;
    if (target && target.tagName === "DETAILS") { target.open = true; target.scrollIntoView(); }
  }

  window.addEventListener("hashchange", follow);
  follow();
})();
"""
