"""Precision and recall of intspec-lint on the labelled corpus (tests/corpus), at two levels.

- finding level: (code, line) pairs produced vs the expect markers;
- decision level: (spec, checklist slug) pairs: does the spec have a finding for that item?

Usage: python scripts/measure_corpus.py [-v] [FOLDER]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from intspec_lint.engine import lint_text
from intspec_lint.registry import load_rules
from intspec_lint.testing import expected, produced


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    folder = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "tests" / "corpus"
    rules = load_rules()
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".yaml", ".yml") and p.is_file())
    totals = Counter()
    rows = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        findings = lint_text(text, str(path))
        want, got = expected(text), produced(findings)
        # a label of a rule that is off by default (advice, `extends: strict`) is not asked of the default run
        want = Counter({key: n for key, n in want.items() if key[0] not in rules or rules[key[0]].default_enabled})
        hit = sum((want & got).values())
        totals.update(tp=hit, want=sum(want.values()), got=sum(got.values()))
        want_slugs = {(rules[c].checklist) for c, _ in want}
        got_slugs = {(rules[c].checklist) for c, _ in got}
        totals.update(stp=len(want_slugs & got_slugs), swant=len(want_slugs), sgot=len(got_slugs))
        ok = want == got
        rows.append((path.relative_to(folder).as_posix(), sum(want.values()), sum(got.values()), hit, ok))
        if verbose and not ok:
            print(f"--- {path.relative_to(folder)}")
            for (code, line), n in sorted((want - got).items(), key=lambda x: x[0][1]):
                print(f"  missed     {code} line {line} x{n}")
            for f in findings:
                if (got - want)[(f.code, f.line)]:
                    print(f"  unexpected {f.code} line {f.line}: {f.message}")
    width = max(len(r[0]) for r in rows) if rows else 10
    print(f"{'spec':<{width}}  expected  produced  matched  exact")
    for name, want_n, got_n, hit, ok in rows:
        print(f"{name:<{width}}  {want_n:>8}  {got_n:>8}  {hit:>7}  {'yes' if ok else 'NO'}")

    def ratio(a: int, b: int) -> str:
        return f"{a / b:.3f}" if b else "1.000"

    print()
    print(f"specs: {len(rows)}, exactly right: {sum(r[4] for r in rows)}")
    print(f"finding level (code, line):   precision {ratio(totals['tp'], totals['got'])}  "
          f"recall {ratio(totals['tp'], totals['want'])}  ({totals['tp']} of {totals['want']} expected, "
          f"{totals['got']} produced)")
    print(f"decision level (spec, slug):  precision {ratio(totals['stp'], totals['sgot'])}  "
          f"recall {ratio(totals['stp'], totals['swant'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
