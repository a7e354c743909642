"""Many files: the result cache, and worker processes when there are enough files to pay for them.

The output never depends on how the work was split: findings are sorted the same way whether
one process or many produced them, with or without the cache.

The cache is looked up in this process (a hit costs less than handing the file to a worker); the
misses are linted by forked workers and by this process itself, each taking the next few files
from a shared queue until none are left. A worker that dies leaves its files to this process.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass

from .discovery import Target
from .findings import Finding, Gap, Severity

PARALLEL_FROM = 24  # fewer files to lint than this are linted in this process: starting workers costs more
_HELD_BYTES = 64 * 1024 * 1024  # file contents kept between the cache look-up and linting, at most
_MAX_CHUNKS = 2048  # 8 KB of chunk numbers: well within a pipe's buffer (64 KB on Linux, 16 KB on macOS)


@dataclass(frozen=True)
class Options:
    """What a worker needs to rebuild the run's settings (configs are read again in each worker)."""

    config: str | None = None
    no_config: bool = False
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    max_bytes: int | None = None
    cache: bool = True


@dataclass(slots=True)
class _Job:
    """A file to lint: its settings and, when the cache was looked up, its bytes and cache key (without
    settings, the cache is still to be looked up)."""

    target: Target
    settings: object = None
    data: bytes | None = None
    key: str | None = None
    whole_file: bool = False  # lint the file as it is, without the cache (not a regular file, too large...)


def lint_targets(targets: list[Target], options: Options, jobs: int | None = None, resolver=None) -> list[Finding]:
    """The sorted findings of `targets`. `resolver`, when given, is a config Resolver built from the
    same options (the one that collected the targets: it has read the configs already)."""
    jobs = jobs or os.cpu_count() or 1
    worker = _Worker(options, resolver)
    if not options.cache:
        return sorted(_lint_all(worker, targets, options, jobs))
    from . import cache

    cache.begin_results()
    try:
        return sorted(_lint_all(worker, targets, options, jobs))
    finally:
        cache.flush_results()


def _lint_all(worker: _Worker, targets: list[Target], options: Options, jobs: int) -> list[Finding]:
    parallel = jobs > 1 and len(targets) >= PARALLEL_FROM
    findings: list[Finding] = []
    todo: list[_Job] = []
    held = 0
    for position, target in enumerate(targets):
        if parallel and len(todo) >= PARALLEL_FROM:  # enough to lint for workers: they look up the rest
            todo.extend(_Job(rest) for rest in targets[position:])
            break
        found, job = worker.look_up(target)
        if found is not None:
            findings.extend(found)
            continue
        if job.data is not None:
            held += len(job.data)
            if held > _HELD_BYTES:  # the worker reads the file again
                job = _Job(target)
        todo.append(job)
    if parallel and len(todo) >= PARALLEL_FROM:
        findings.extend(_parallel(worker, todo, options, jobs))
    else:
        for job in todo:
            findings.extend(worker.run(job))
    return findings


def _parallel(worker: _Worker, todo: list[_Job], options: Options, jobs: int) -> list[Finding]:
    if hasattr(os, "fork"):
        return _forked(worker, todo, jobs)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    targets = [job.target for job in todo]
    chunk = max(1, min(64, len(targets) // (jobs * 4)))
    findings: list[Finding] = []
    context = multiprocessing.get_context("spawn")
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
    found = _WORKER.lint(target)
    if _WORKER.options.cache:  # a pool worker has no last word: its results are written at once
        from . import cache

        cache.flush_results(merge=False)
    return found


# -- forked workers -------------------------------------------------------------------------------
def _forked(worker: _Worker, todo: list[_Job], jobs: int) -> list[Finding]:
    """Lint `todo` in this process and `jobs - 1` forked ones. The work is a pipe holding the numbers
    of chunks of files (4 bytes each, written before the fork): each process reads the next number
    when it is ready for more. Each worker sends back its findings, by file, through its own pipe."""
    import pickle
    import signal
    import struct

    results: dict[int, list[Finding]] = {}
    # Lint one file of each kind here first: the readers, rules and vocabularies they load are then
    # shared with the workers by the fork instead of being loaded again in each of them.
    primed: set[bool] = set()
    for index, job in enumerate(todo):
        kind = _is_yaml(job.target)
        if kind not in primed:
            primed.add(kind)
            results[index] = worker.run(job)
    rest = [index for index in range(len(todo)) if index not in results]
    size = max(1, min(4, len(rest) // (jobs * 32)))  # small: the processes end close together
    size = max(size, -(-len(rest) // _MAX_CHUNKS))
    chunks = [rest[start:start + size] for start in range(0, len(rest), size)]
    queue_read, queue_write = os.pipe()
    try:
        numbers = memoryview(b"".join(struct.pack("<I", number) for number in range(len(chunks))))
        while numbers:  # fits in the pipe's buffer: nobody reads yet
            numbers = numbers[os.write(queue_write, numbers):]
    finally:
        os.close(queue_write)  # every reader sees the end once the chunks are taken
    children: list[tuple[int, int | None]] = []  # (pid, read end of its results pipe)
    try:
        for _ in range(jobs - 1):
            result_read, result_write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker: lint chunks until none are left, send the findings, exit
                status = 1
                try:
                    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends workers at once, quietly
                    os.close(result_read)
                    for _, other in children:
                        os.close(other)
                    from . import cache

                    cache.forget_pending()  # this process writes the results it lints, and only them
                    found = _take_chunks(worker, todo, chunks, queue_read)
                    if worker.options.cache:
                        cache.flush_results()
                    payload = pickle.dumps({index: [_row(f) for f in fs] for index, fs in found.items()},
                                           protocol=pickle.HIGHEST_PROTOCOL)
                    with os.fdopen(result_write, "wb") as stream:
                        stream.write(payload)
                    status = 0
                finally:
                    os._exit(status)
            os.close(result_write)
            children.append((pid, result_read))
        results.update(_take_chunks(worker, todo, chunks, queue_read))
        while children:
            pid, result_read = children[0]
            children[0] = (pid, None)  # the stream closes it
            with os.fdopen(result_read, "rb") as stream:
                payload = stream.read()
            os.waitpid(pid, 0)
            children.pop(0)
            try:
                sent = pickle.loads(payload)
            except Exception:  # a worker that died: its files are linted below
                continue
            for index, rows in sent.items():
                results[index] = [_from_row(row) for row in rows]
    except BaseException:
        for pid, result_read in children:
            try:
                if result_read is not None:
                    os.close(result_read)
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except OSError:
                pass
        raise
    finally:
        os.close(queue_read)
    findings: list[Finding] = []
    for index, job in enumerate(todo):
        found = results.get(index)
        findings.extend(found if found is not None else worker.run(job))
    return findings


def _take_chunks(worker: _Worker, todo: list[_Job], chunks: list[list[int]], queue: int) -> dict[int, list[Finding]]:
    import struct

    found: dict[int, list[Finding]] = {}
    while True:
        number = os.read(queue, 4)
        if len(number) < 4:
            return found
        for index in chunks[struct.unpack("<I", number)[0]]:
            found[index] = worker.run(todo[index])


def _is_yaml(target: Target) -> bool:
    from .document.source import YAML_SUFFIXES

    return target.path.suffix.lower() in YAML_SUFFIXES


def _row(finding: Finding) -> tuple:
    return (finding.file, finding.line, finding.column, finding.end_line, finding.end_column, finding.code,
            finding.severity.value, finding.message, finding.rule, finding.checklist, finding.fingerprint,
            finding.part_state, finding.gaps)


def _from_row(row: tuple) -> Finding:
    return Finding(*row[:6], Severity(row[6]), *row[7:])


# -- one file -------------------------------------------------------------------------------------
class _Worker:
    def __init__(self, options: Options, resolver=None):
        from .config import Resolver
        from .registry import VERSIONS, load_rules

        self.options = options
        self.resolver = resolver or Resolver(options.config, options.no_config, options.select, options.ignore,
                                             options.max_bytes)
        rules = load_rules()
        self.rules_key = ",".join(f"{c}:{r.source}:{VERSIONS.get(r.source, '')}:{r.severity.value}:{r.default_enabled}"
                                  for c, r in rules.items())

    def lint(self, target: Target) -> list[Finding]:
        return self.run(_Job(target))

    def look_up(self, target: Target) -> tuple[list[Finding] | None, _Job | None]:
        """(the cached findings, None) on a hit; (None, what to lint) otherwise."""
        settings = self.resolver.settings(target.path)
        if not self.options.cache:
            return None, _Job(target, settings, whole_file=True)
        from . import cache

        try:
            info = os.stat(target.path)
            if info.st_size > settings.max_bytes or not stat.S_ISREG(info.st_mode):  # as Path.is_file()
                return None, _Job(target, settings, whole_file=True)
            data = target.path.read_bytes()
        except OSError:
            return None, _Job(target, settings, whole_file=True)
        key = cache.result_key(data, settings.key(), self.rules_key)
        stored = cache.load_result(key)
        if stored is not None:
            try:
                return [_finding(entry, target.display) for entry in stored], None
            except (KeyError, TypeError, ValueError):
                pass  # an entry from elsewhere: lint again
        return None, _Job(target, settings, data, key)

    def run(self, job: _Job) -> list[Finding]:
        from .engine import lint_bytes, lint_file

        if job.whole_file:
            return lint_file(job.target.path, job.target.display, job.settings)
        if job.data is None:  # not looked up yet, or the bytes were not kept: look up now
            found, job = self.look_up(job.target)
            if found is not None:
                return found
            if job.whole_file:
                return self.run(job)
        findings = lint_bytes(job.data, job.target.display, job.settings)
        if not any(f.code == "IS003" for f in findings):  # a crash is not a result worth keeping
            from . import cache

            cache.store_result(job.key, [_entry(f) for f in findings])
        return findings


def _entry(finding: Finding) -> dict:
    entry = finding.to_dict()
    del entry["file"]
    entry["part_state"] = finding.part_state
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
        part_state=entry["part_state"],  # an entry without it (an older version's) is linted again
        gaps=tuple(Gap.from_dict(gap) for gap in entry["gaps"]),
    )
