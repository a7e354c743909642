"""Lint a spec and its rewrites, compare their decisions, and report per rewrite kind.

A decision is a (rule code, checklist item) pair reported for the spec: line numbers move
legitimately when a layout changes and messages quote the words they found, so neither is compared.
A rewrite holds on a spec when the rewritten spec gets the same set of decisions as the original.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from intspec_lint import lint_text

from .markdown import strip_markers

MIN_RATE = 0.98
CORPUS = Path(__file__).resolve().parent.parent / "corpus"

Decision = tuple[str, str]
Rewrite = Callable[[str], "str | None"]

_DECIDED: dict[str, frozenset[Decision]] = {}


def decisions(text: str) -> frozenset[Decision]:
    """The (code, checklist item) pairs the linter reports for a Markdown spec."""
    found = _DECIDED.get(text)
    if found is None:
        found = frozenset((f.code, f.checklist) for f in lint_text(text, format="markdown"))
        if len(_DECIDED) < 4096:
            _DECIDED[text] = found
    return found


def corpus_specs(names: Iterable[str] | None = None, root: Path = CORPUS) -> dict[str, str]:
    """{name relative to the corpus: text without expect markers} of the Markdown specs in the corpus
    (or of those named)."""
    paths = [root / name for name in names] if names is not None else sorted(root.rglob("*.md"))
    return {p.relative_to(root).as_posix(): strip_markers(p.read_text(encoding="utf-8")) for p in paths}


@dataclass
class Outcome:
    """One rewrite of one spec that did not hold: what the original got and the rewrite did not (lost),
    and the other way round (gained)."""

    spec: str
    lost: list[Decision]
    gained: list[Decision]

    def describe(self) -> str:
        parts = [f"lost {code} {item}" for code, item in self.lost]
        parts += [f"gained {code} {item}" for code, item in self.gained]
        return ", ".join(parts)


@dataclass
class KindResult:
    kind: str
    applied: int = 0
    held: int = 0
    skipped: int = 0
    failures: list[Outcome] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        return self.held / self.applied if self.applied else None

    def passes(self, min_rate: float = MIN_RATE) -> bool:
        return self.rate is None or self.rate >= min_rate

    def as_json(self, min_rate: float = MIN_RATE) -> dict:
        return {
            "kind": self.kind,
            "applied": self.applied,
            "held": self.held,
            "skipped": self.skipped,
            "hold_rate": self.rate,
            "passes": self.passes(min_rate),
            "failures": [{"spec": f.spec, "lost": [list(d) for d in f.lost], "gained": [list(d) for d in f.gained]}
                         for f in self.failures],
        }


def run_kind(kind: str, rewrite: Rewrite, specs: dict[str, str]) -> KindResult:
    """Apply one rewrite to each spec and compare decisions. A rewrite that returns the text unchanged
    is a bug in the rewrite (it must return None when it does not apply) and raises."""
    result = KindResult(kind)
    for name, text in specs.items():
        rewritten = rewrite(text)
        if rewritten is None:
            result.skipped += 1
            continue
        if rewritten == text:
            raise AssertionError(f"rewrite {kind} returned {name} unchanged (it must return None where it "
                                 "does not apply)")
        result.applied += 1
        before, after = decisions(text), decisions(rewritten)
        if before == after:
            result.held += 1
        else:
            result.failures.append(Outcome(name, sorted(before - after), sorted(after - before)))
    return result


def measure(specs: dict[str, str], rewrites: dict[str, Rewrite]) -> list[KindResult]:
    return [run_kind(kind, rewrite, specs) for kind, rewrite in rewrites.items()]


def table(results: list[KindResult], min_rate: float = MIN_RATE) -> str:
    """The per-kind report as a text table, then the failures."""
    width = max(len("kind"), *(len(r.kind) for r in results))
    lines = [f"{'kind':<{width}}  applied  held  hold rate  skipped", "-" * (width + 36)]
    for r in results:
        rate = "n/a" if r.rate is None else f"{r.rate:.3f}"
        flag = "" if r.passes(min_rate) else "  < " + f"{min_rate:.2f}"
        lines.append(f"{r.kind:<{width}}  {r.applied:>7}  {r.held:>4}  {rate:>9}  {r.skipped:>7}{flag}")
    failing = [r for r in results if r.failures]
    for r in failing:
        lines += ["", f"{r.kind}: {len(r.failures)} of {r.applied} specs did not hold"]
        lines += [f"  {f.spec}: {f.describe()}" for f in r.failures]
    return "\n".join(lines)
