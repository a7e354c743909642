"""One file through the pipeline: decode, parse, extract, run the rules, stamp and sort findings."""

from __future__ import annotations

import gc
import stat
from dataclasses import replace
from pathlib import Path

from .config import Settings
from .document.api_descriptions import recognise
from .document.source import UnreadableInput, decode, detect_format, normalize_newlines
from . import gaps
from .findings import NOT_READ, PART_ABSENT, PART_HELD, Finding, Gap, Hit
from .registry import load_rules
from .rule import Rule
from .span import Span


def lint_text(text: str, path: str = "<stdin>", settings: Settings | None = None, fmt: str | None = None) -> list[Finding]:
    """Lint a spec given as text. `fmt` is "markdown" or "yaml"; by default told from `path` and content."""
    if fmt not in (None, "markdown", "yaml"):
        raise ValueError(f"format must be 'markdown' or 'yaml', not {fmt!r}")
    settings = settings or Settings()
    return _Run(path, settings).text(text, fmt)


def lint_bytes(data: bytes, path: str, settings: Settings | None = None, fmt: str | None = None) -> list[Finding]:
    settings = settings or Settings()
    run = _Run(path, settings)
    if len(data) > settings.max_bytes:
        return run.too_large(len(data))
    try:
        text = decode(data)
    except UnreadableInput as error:
        return run.report("IS001", Hit(error.span, error.message))
    return run.text(text, fmt)


def lint_file(path: Path, display: str, settings: Settings | None = None) -> list[Finding]:
    """Lint one file; an unreadable file is a finding, not an exception."""
    settings = settings or Settings()
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return _Run(display, settings).report("IS001", Hit(Span(1, 1, 1, 1), "not a regular file: not linted"))
        size = info.st_size
        if size > settings.max_bytes:
            return _Run(display, settings).too_large(size)
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        return _Run(display, settings).report("IS001", Hit(Span(1, 1, 1, 1), f"cannot read the file: {reason}"))
    return lint_bytes(data, display, settings)


_LINE_NUMBER = __import__("re").compile(r"\bline \d+")


def _version() -> str:
    from . import __version__

    return __version__


class _Run:
    def __init__(self, path: str, settings: Settings):
        self.lines: list[str] = [""]
        self.shifts: dict[int, int] = {}
        self.path = path
        self.settings = settings
        self.rules = load_rules()
        self.absent: frozenset[str] | None = None  # the checklist items the Spec lacks; None: no Spec yet

    def text(self, text: str, fmt: str | None) -> list[Finding]:
        # The parse tree is millions of small objects with no reference cycles: the cyclic garbage
        # collector would walk them again and again for nothing (measured: half the time of a
        # 5 MB spec). Reference counting frees them; the collector is back on afterwards.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._text(text, fmt)
        finally:
            if enabled:
                gc.enable()

    def _text(self, text: str, fmt: str | None) -> list[Finding]:
        text = normalize_newlines(text)
        self.lines = text.split("\n")
        api = recognise(text, self.path, fmt)
        fmt = fmt or detect_format(self.path, text)
        findings: list[Finding] = []
        if not text.strip():
            return self.report("IS001", Hit(Span(1, 1, 1, 1), "the file is empty: there is no spec to check"))
        if api is not None:  # never read as a spec: one finding says what it is
            message = (f"this is {api.title}, not an integration spec, so it is not linted; an integration spec "
                       "can link it from its contracts")
            return self.suppress(text, "yaml", self.report("IS007", Hit(api.span, message)))  # JSON has no comments
        try:
            spec = self.spec(text, fmt, findings)
        except Exception as error:  # a bug in a reader must not take the run down
            message = f"intspec-lint failed to read this file{self.crash('reading the file', error)}"
            return findings + self.report("IS003", Hit(Span(1, 1, 1, 1), message))
        if spec is None:
            return findings
        self.absent = spec.absent_items()
        findings = [replace(f, part_state=PART_HELD) for f in findings]  # schema findings: the spec was read
        for rule in (*self.rules.values(), *self.settings.extra_rules):
            if rule.check is None or not self.settings.enabled(rule.code, rule.name, rule.default_enabled):
                continue
            options = self.settings.options.get(rule.code) or rule.options()
            try:
                hits = list(rule.run(spec, options))
            except Exception as error:  # one broken rule never takes the run down
                message = (f"rule {rule.code} {rule.name} failed on this file{self.crash(f'running {rule.code}', error)}"
                           "; the other rules still ran")
                findings += self.report("IS003", Hit(Span(1, 1, 1, 1), message))
                continue
            for group in gaps.group(hits):  # one finding per thing to fix: an object's gaps together
                findings.append(self.finding(rule, group))
        return self.suppress(text, fmt, findings)

    def suppress(self, text: str, fmt: str, findings: list[Finding]) -> list[Finding]:
        """`findings` less those the inline suppressions in `text` silence, with the suppressions' own
        findings, sorted."""
        if "intspec-lint" in text:
            from . import suppressions

            directives = suppressions.parse(text, fmt)
            if directives:
                rules = {**self.rules, **{r.code: r for r in self.settings.extra_rules}}
                findings = suppressions.apply(
                    findings, directives, rules, self.settings.require_reason, self.report,
                    lambda code: code in rules and self.settings.enabled(code, rules[code].name,
                                                                         rules[code].default_enabled),
                )
        return sorted(findings)

    def spec(self, text: str, fmt: str, findings: list[Finding]):
        """The Spec of `text`, or None when it cannot be read (the reason is added to `findings`)."""
        from .reading.vocabulary import load_vocabulary

        vocab = load_vocabulary(self.settings.vocabulary)
        if fmt == "yaml":
            from .document.yaml import YamlSyntaxError, parse_yaml
            from .reading.yaml import extract_yaml

            try:
                document = parse_yaml(text)
            except YamlSyntaxError as error:
                findings += self.report("IS001", Hit(error.span, error.message))
                return None
            spec, problems = extract_yaml(document, vocab)
            for problem in problems:
                findings += self.report("IS002", Hit(problem.span, problem.message))
            return spec
        from .document.markdown import parse_markdown
        from .reading.markdown import extract_markdown

        document = parse_markdown(text)
        self.shifts = document.shifts  # (a checklist item's blocks, moved left to be read: their columns as written)
        return extract_markdown(document, vocab)

    def crash(self, what: str, error: Exception) -> str:
        """Save the traceback for a bug report and say where it is. The error's own text stays out of the
        message: it may quote the spec, and findings must never repeat a secret."""
        import tempfile
        import traceback

        detail = "".join(traceback.format_exception(error))
        try:
            handle, path = tempfile.mkstemp(prefix="intspec-lint-crash-", suffix=".txt")
            with open(handle, "w", encoding="utf-8") as report:
                report.write(f"intspec-lint {_version()} failed on {self.path} while {what}\n\n{detail}")
            where = f", crash report in {path}"
        except OSError:
            where = ""
        return f" ({type(error).__name__}{where})"

    def clamp(self, span: Span) -> Span:
        """Keep a span inside the file (a parser's end mark may sit just past the last line), at the columns as
        written."""
        if self.shifts and (span.line in self.shifts or span.end_line in self.shifts):
            span = Span(span.line, span.column + (self.shifts.get(span.line, 0) if span.column > 1 else 0), span.end_line,
                        span.end_column + (self.shifts.get(span.end_line, 0) if span.end_column > 1 else 0))
        last = len(self.lines)
        if span.end_line <= last:
            return span
        line = min(span.line, last)
        column = span.column if span.line <= last else 1
        return Span(line, column, last, len(self.lines[-1]) + 1)

    def too_large(self, size: int) -> list[Finding]:
        limit = self.settings.max_bytes
        message = f"file is {size:,} bytes, over the {limit:,}-byte limit: not linted (raise --max-file-size to lint it)"
        return self.report("IS001", Hit(Span(1, 1, 1, 1), message))

    def report(self, code: str, hit: Hit) -> list[Finding]:
        rule = self.rules[code]
        if not self.settings.enabled(rule.code, rule.name):
            return []
        return [self.finding(rule, hit)]

    def finding(self, rule: Rule, hits: Hit | tuple[Hit, ...]) -> Finding:
        """The finding of one hit, or of the hits that name gaps of one object (gaps.group)."""
        hits = (hits,) if isinstance(hits, Hit) else hits
        span = self.clamp(gaps.where(hits))
        end_line, end_column = span.end_line, span.end_column
        if (end_line, end_column) <= (span.line, span.column):
            end_line, end_column = span.line, span.column
        found = self.gap_records(rule, hits)
        message = gaps.message(hits, rule.summary)
        return Finding(
            file=self.path,
            line=span.line,
            column=span.column,
            end_line=end_line,
            end_column=end_column,
            code=rule.code,
            severity=gaps.most_severe(gap.severity for gap in found),
            message=message,
            rule=rule.name,
            checklist=rule.checklist,
            fingerprint=found[0].fingerprint if len(found) == 1 else self.fingerprint(rule.code, message, span.line),
            gaps=found,
            part_state=NOT_READ if self.absent is None else PART_ABSENT if rule.checklist in self.absent else PART_HELD,
        )

    def gap_records(self, rule: Rule, hits: tuple[Hit, ...]) -> tuple[Gap, ...]:
        """Each gap the hits name, with its severity (the config's for the rule, else the hit's, else the
        rule's default), its place, and the fingerprint a finding of that gap alone would have."""
        forced = self.settings.severities.get(rule.code)
        found = []
        for hit in hits:
            severity = forced or hit.severity or rule.severity
            span = self.clamp(hit.span)
            for gap, alone in gaps.gap_messages(hit, rule.summary):
                found.append(Gap(gap, severity, span.line, span.column, self.fingerprint(rule.code, alone, span.line)))
        return tuple(found)

    def fingerprint(self, code: str, message: str, line: int) -> str:
        """What a finding is, without where it is: the code, the message and the text of its line."""
        import hashlib

        text = " ".join(self.lines[line - 1].split()) if 0 < line <= len(self.lines) else ""
        message = _LINE_NUMBER.sub("line", message)  # "the flow on line 8" must not move with the file
        return hashlib.sha256(f"{code}\0{message}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()[:20]
