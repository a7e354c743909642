"""`--diff-only REF`: which lines changed since a git ref, so a pull request sees only its own findings."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


class DiffError(Exception):
    pass


def _git(*args: str, cwd: Path) -> str:
    try:
        done = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=cwd, capture_output=True,
                              text=True, check=False)
    except OSError as error:
        raise DiffError(f"--diff-only needs git: {error}") from None
    if done.returncode != 0:
        raise DiffError(f"git {' '.join(args[:2])} failed: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def changed_lines(ref: str, cwd: Path | None = None) -> tuple[Path, dict[str, set[int] | None]]:
    """(the repository root, path relative to it -> changed line numbers, or None for a new file)."""
    cwd = cwd or Path.cwd()
    try:
        root = Path(_git("rev-parse", "--show-toplevel", cwd=cwd).strip())
    except DiffError:
        raise DiffError("--diff-only works inside a git repository, and this folder is not in one") from None
    try:
        _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", cwd=root)
    except DiffError:
        raise DiffError(f"--diff-only: '{ref}' is not a commit, branch or tag in this repository "
                        "(in CI, fetch it first: actions/checkout with fetch-depth: 0)") from None
    changed: dict[str, set[int] | None] = {}
    current = None
    for line in _git("diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-renames", ref, "--",
                     cwd=root).splitlines():
        if line.startswith("+++ "):
            name = line[4:].rstrip("\t")  # git ends a name with spaces in it with a tab
            current = None if name == "/dev/null" else name[2:] if name.startswith("b/") else name
            if current is not None:
                changed.setdefault(current, set())
        elif current is not None:
            hunk = _HUNK.match(line)
            if hunk:
                start, count = int(hunk.group(1)), int(hunk.group(2) or "1")
                changed[current].update(range(start, start + count))
    for name in _git("ls-files", "--others", "--exclude-standard", cwd=root).splitlines():
        changed[name] = None
    return root, changed


def only_changed(findings, ref: str):
    """The findings whose lines, or the lines of one of their gaps, changed since `ref` (every finding of a file
    new since then)."""
    root, changed = changed_lines(ref)
    kept = []
    for finding in findings:
        try:
            relative = (Path.cwd() / finding.file).resolve().relative_to(root).as_posix()
        except ValueError:
            kept.append(finding)  # outside the repository: nothing to compare with
            continue
        if relative not in changed:
            continue
        lines = changed[relative]
        if lines is None or any(n in lines for n in range(finding.line, finding.end_line + 1)) \
                or any(gap.line in lines for gap in finding.gaps):  # a gap inside the object it points at
            kept.append(finding)
    return kept
