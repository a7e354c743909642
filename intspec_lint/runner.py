"""Many files: the result cache, and worker processes when there are enough files to pay for them.

The output never depends on how the work was split: findings are sorted the same way whether
one process or many produced them, with or without the cache.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .discovery import Target
from .findings import Finding, Severity

PARALLEL_FROM = 24  # fewer files than this are linted in this process: starting workers costs more


@dataclass(frozen=True)
class Options:
    """What a worker needs to rebuild the run's settings (configs are read again in each worker)."""

    config: str | None = None
    no_config: bool = False
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    max_bytes: int | None = None
    cache: bool = True


def lint_targets(targets: list[Target], options: Options, jobs: int | None = None) -> list[Finding]:
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1 and len(targets) >= PARALLEL_FROM:
        return sorted(_parallel(targets, options, jobs))
    worker = _Worker(options)
    findings: list[Finding] = []
    for target in targets:
        findings.extend(worker.lint(target))
    return sorted(findings)


def _parallel(targets: list[Target], options: Options, jobs: int) -> list[Finding]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    chunk = max(1, min(64, len(targets) // (jobs * 4)))
    findings: list[Finding] = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start, initargs=(options,)) as pool:
        for found in pool.map(_lint_in_worker, targets, chunksize=chunk):
            findings.extend(found)
    return findings


_WORKER: _Worker | None = None


def _start(options: Options) -> None:
    global _WORKER
    _WORKER = _Worker(options)


def _lint_in_worker(target: Target) -> list[Finding]:
    assert _WORKER is not None
    return _WORKER.lint(target)


class _Worker:
    def __init__(self, options: Options):
        from .config import Resolver
        from .registry import VERSIONS, load_rules

        self.options = options
        self.resolver = Resolver(options.config, options.no_config, options.select, options.ignore, options.max_bytes)
        rules = load_rules()
        self.rules_key = ",".join(f"{c}:{r.source}:{VERSIONS.get(r.source, '')}:{r.severity.value}:{r.default_enabled}"
                                  for c, r in rules.items())

    def lint(self, target: Target) -> list[Finding]:
        from .engine import lint_bytes, lint_file

        settings = self.resolver.settings(target.path)
        if not self.options.cache:
            return lint_file(target.path, target.display, settings)
        from . import cache

        try:
            info = target.path.stat()
            if info.st_size > settings.max_bytes or not target.path.is_file():
                return lint_file(target.path, target.display, settings)
            data = target.path.read_bytes()
        except OSError:
            return lint_file(target.path, target.display, settings)
        key = cache.result_key(data, settings.key(), self.rules_key)
        stored = cache.load_result(key)
        if stored is not None:
            try:
                return [_finding(entry, target.display) for entry in stored]
            except (KeyError, TypeError, ValueError):
                pass  # an entry from elsewhere: lint again
        findings = lint_bytes(data, target.display, settings)
        if not any(f.code == "IS003" for f in findings):  # a crash is not a result worth keeping
            cache.store_result(key, [_entry(f) for f in findings])
        return findings


def _entry(finding: Finding) -> dict:
    entry = finding.to_dict()
    del entry["file"]
    return entry


def _finding(entry: dict, file: str) -> Finding:
    return Finding(
        file=file,
        line=entry["line"],
        column=entry["column"],
        end_line=entry["end_line"],
        end_column=entry["end_column"],
        code=entry["code"],
        severity=Severity(entry["severity"]),
        message=entry["message"],
        rule=entry["rule"],
        checklist=entry["checklist"],
        fingerprint=entry["fingerprint"],
    )
