"""Layout invariance of the reader (issue 13): the same spec in another layout must get the same decisions.

Each Markdown spec of the labelled corpus (tests/corpus/**/*.md, without its expect markers) is
rewritten by each rewrite kind (tests/layouts/: heading synonyms, reordered sections, tables as
lists, the whole spec as one register table, ...). The original and each rewrite are linted and
their decisions compared: the set of (rule code, checklist item) pairs reported, not lines or
messages. A kind that cannot apply to a spec (no table to convert) skips it. Per kind, the report
gives the specs it applied to, how many held, the hold rate, and for each failure the spec and
the decisions lost and gained.

Usage:
    python scripts/layout_invariance.py                      # table of every kind over the corpus
    python scripts/layout_invariance.py --json               # the same as JSON
    python scripts/layout_invariance.py --kind wrap --kind crlf tests/corpus/markdown
    python scripts/layout_invariance.py --show tables-to-lists holdout/h-hl7-lab-orders.md

Exit status: 0 when every kind that applied holds at --min-rate or more (default 0.98), 1 when
one does not, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the rewrites live with their tests, in tests/layouts

from layouts import REWRITES  # noqa: E402
from layouts.markdown import strip_markers  # noqa: E402
from layouts.measure import CORPUS, MIN_RATE, decisions, measure, table  # noqa: E402


def _specs(paths: list[str]) -> dict[str, str]:
    """{name: text without expect markers} of the Markdown specs named or found in the folders named."""
    files: list[Path] = []
    for given in paths or [str(CORPUS)]:
        path = Path(given)
        if not path.exists() and (CORPUS / given).exists():
            path = CORPUS / given
        if path.is_dir():
            files += sorted(path.rglob("*.md"))
        elif path.is_file():
            files.append(path)
        else:
            print(f"layout_invariance: no such file or folder: {given}", file=sys.stderr)
            raise SystemExit(2)
    out = {}
    for path in files:
        resolved = path.resolve()
        name = resolved.relative_to(CORPUS).as_posix() if resolved.is_relative_to(CORPUS) else str(path)
        out[name] = path.read_text(encoding="utf-8")
    return out


def _marker_effects(raw: dict[str, str]) -> list[dict]:
    """Specs whose decisions change when their expect markers are taken out (there should be none:
    the markers are HTML comments, which the reader must not read)."""
    effects = []
    for name, text in raw.items():
        with_markers, without = decisions(text), decisions(strip_markers(text))
        if with_markers != without:
            effects.append({"spec": name, "lost": sorted(map(list, with_markers - without)),
                            "gained": sorted(map(list, without - with_markers))})
    return effects


def _show(kind: str, name: str) -> int:
    spec = _specs([name])
    if len(spec) != 1:
        print(f"layout_invariance: --show takes one spec, not {name}", file=sys.stderr)
        return 2
    (label, text), = spec.items()
    text = strip_markers(text)
    rewritten = REWRITES[kind](text)
    if rewritten is None:
        print(f"{kind} does not apply to {label}")
        return 0
    sys.stdout.writelines(difflib.unified_diff(text.splitlines(True), rewritten.splitlines(True),
                                               f"{label}", f"{label} ({kind})", n=1))
    before, after = decisions(text), decisions(rewritten)
    print(f"\ndecisions of the original: {', '.join(c for c, _ in sorted(before)) or 'none'}")
    print(f"decisions of the rewrite:  {', '.join(c for c, _ in sorted(after)) or 'none'}")
    from intspec_lint import lint_text

    for title, source, gone in (("lost", text, before - after), ("gained", rewritten, after - before)):
        for finding in lint_text(source, format="markdown"):
            if (finding.code, finding.checklist) in gone:
                print(f"  {title} {finding.code} (line {finding.line}): {finding.message}")
    return 0 if before == after else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", help="specs or folders (default: tests/corpus)")
    parser.add_argument("--kind", action="append", choices=list(REWRITES), help="only this kind (repeatable)")
    parser.add_argument("--min-rate", type=float, default=MIN_RATE, help="least hold rate per kind (default 0.98)")
    parser.add_argument("--json", action="store_true", help="print a JSON report instead of the table")
    parser.add_argument("--show", nargs=2, metavar=("KIND", "SPEC"),
                        help="print one rewrite as a diff, with the decisions it changes")
    args = parser.parse_args(argv)
    if args.show:
        if args.show[0] not in REWRITES:
            parser.error(f"unknown kind {args.show[0]!r}; kinds: {', '.join(REWRITES)}")
        return _show(*args.show)
    if not 0 <= args.min_rate <= 1:
        parser.error("--min-rate must be between 0 and 1")
    raw = _specs(args.paths)
    kinds = {k: REWRITES[k] for k in args.kind} if args.kind else REWRITES
    started = time.perf_counter()
    results = measure({name: strip_markers(text) for name, text in raw.items()}, kinds)
    elapsed = time.perf_counter() - started
    effects = _marker_effects(raw)
    passed = all(r.passes(args.min_rate) for r in results)
    if args.json:
        print(json.dumps({"specs": len(raw), "min_rate": args.min_rate, "passed": passed,
                          "seconds": round(elapsed, 1), "kinds": [r.as_json(args.min_rate) for r in results],
                          "marker_effects": effects}, indent=2))
    else:
        print(table(results, args.min_rate))
        for effect in effects:
            print(f"\nnote: the expect markers change the decisions of {effect['spec']}: "
                  f"lost {effect['lost']}, gained {effect['gained']}")
        failing = [r.kind for r in results if not r.passes(args.min_rate)]
        print(f"\n{len(raw)} specs, {len(results)} kinds, {elapsed:.1f} s. "
              + (f"Below {args.min_rate:.2f}: {', '.join(failing)}." if failing else "Every kind holds."))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
