"""The command line: `intspec-lint [PATHS]...`, `intspec-lint rules`, `intspec-lint explain CODE`."""

from __future__ import annotations

import os
import re
import sys

import click

from . import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _LintByDefault(click.Group):
    """`intspec-lint spec.md` means `intspec-lint lint spec.md`; Ctrl-C ends with status 130, quietly."""

    def parse_args(self, ctx, args):
        if not args or (args[0] not in self.commands and args[0] not in ("--version",)):
            args = ["lint", *args]
        return super().parse_args(ctx, args)

    def main(self, *args, **kwargs):
        kwargs["standalone_mode"] = False
        try:
            result = super().main(*args, **kwargs)
        except (KeyboardInterrupt, click.exceptions.Abort):
            click.echo("intspec-lint: interrupted", err=True)
            sys.exit(130)
        except click.exceptions.ClickException as error:
            error.show()
            sys.exit(EXIT_ERROR if error.exit_code == 2 else error.exit_code)
        except click.exceptions.Exit as done:
            sys.exit(done.exit_code)
        sys.exit(result if isinstance(result, int) else 0)


@click.group(cls=_LintByDefault, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="intspec-lint")
def main() -> None:
    """Lint integration specifications (Markdown or YAML)."""


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@main.command(
    "lint",
    epilog="Other commands: `intspec-lint rules` lists the rules, `intspec-lint explain CODE` documents one. "
    "Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, input or plugin errors.",
)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github", "junit", "html"]),
              default="text", show_default=True,
              help="Output format (github: workflow-command annotations for pull requests; html: a portfolio "
                   "report of every spec's checklist scorecard and findings, one self-contained file).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE (atomically).")
@click.option("--select", multiple=True, help="Only these rules: codes, code prefixes or names (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rules: codes, code prefixes or names (comma-separated).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Exit 1 when a finding is at least this severe.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--stdin-filename", help="The name to report (and to tell the format by) when PATHS is `-`.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: on a terminal, unless NO_COLOR).")
@click.option("--max-file-size", type=click.IntRange(min=1), default=None,
              help="Files larger than this many bytes are not linted (an IS001 finding says so). [default: 5 MiB]")
@click.option("--strict-internal", is_flag=True, help="Exit 2 when a rule or reader fails internally (IS003).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Use this config for every file instead of the nearest .intspec-lint.yaml / pyproject.toml.")
@click.option("--no-config", is_flag=True, help="Ignore every config file: defaults only.")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Report only findings that are not in this baseline.")
@click.option("--write-baseline", type=click.Path(dir_okay=False),
              help="Record today's findings in this file (then exit 0), to adopt the linter on existing specs.")
@click.option("--diff-only", metavar="REF",
              help="Report only findings on lines changed since the git ref REF (e.g. origin/main).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for many files. [default: the number of CPUs]")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache (.intspec-lint-cache/).")
@click.option("--specs-only", is_flag=True,
              help="Skip named files that do not look like specs, as a folder walk would (for hooks).")
@click.option("--summary", is_flag=True,
              help="After the findings, print the checklist scorecard: each of the nine checklist items per spec, "
                   "covered, partial, missing or not checked (with --format json: a `summary` block).")
def lint(paths, fmt, output, select, ignore, fail_on, exit_zero, stdin_filename, color, max_file_size,
         strict_internal, config_file, no_config, baseline, write_baseline, diff_only, jobs, no_cache,
         specs_only, summary) -> None:
    """Lint the integration specs in PATHS (files or folders; `-` reads standard input).

    A folder is searched for specs: `*.intspec.yaml`, YAML with a top-level `intspec:` key, and
    Markdown whose headings name enough parts of a spec (flows, retries, dead letters, mapping and
    idempotency count two points; contracts, authentication, errors and monitoring one; four
    points make a spec) or whose front matter says `intspec: true`. Files named explicitly are
    always linted, unless --specs-only. OpenAPI, Swagger and AsyncAPI documents are never read as
    specs: a folder walk skips them, and one named explicitly is a single IS007 warning.
    """
    from . import cache
    from .config import ConfigError, Resolver
    from .findings import Severity
    from .registry import RuleLoadError, find_rule, load_rules

    cache.ENABLED = not no_cache  # before anything reads the tool's own data: that is cached too
    try:
        rules = load_rules()
    except RuleLoadError as error:
        _fail(str(error))
    select, ignore = _split(select), _split(ignore)
    for key in select + ignore:
        if any(code.startswith(key.upper()) for code in rules) or find_rule(key) is not None:
            continue
        custom_code = re.fullmatch(r"[A-Z]{2,4}\d{0,3}", key.upper()) and not key.upper().startswith("IS")
        custom_name = re.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+", key) and not _close(key, rules)
        if not (custom_code or custom_name):  # a config's own rules have other codes and names
            _fail(f"unknown rule '{key}' in --select/--ignore {_suggest(key, rules)}")
    from .runner import Options

    options = Options(config_file, no_config, select, ignore, max_file_size, cache=not no_cache)
    try:
        resolver = Resolver(config_file, no_config, select, ignore, max_file_size)
        stdin: dict[str, bytes] = {}
        findings, linted, problems = _lint(list(paths) or ["."], resolver, stdin_filename, specs_only, options, jobs,
                                           stdin)
    except ConfigError as error:
        _fail(f"invalid configuration: {error}")
    every_finding = findings  # the scorecard is of the specs, whatever --diff-only and --baseline leave shown
    if diff_only:
        from .diff import DiffError, only_changed

        try:
            findings = only_changed(findings, diff_only)
        except DiffError as error:
            _fail(str(error))
    if write_baseline:
        from .baseline import write

        try:
            write(write_baseline, findings)
        except OSError as error:
            _fail(f"cannot write {write_baseline}: {error.strerror or error}")
        click.echo(f"intspec-lint: wrote {len(findings)} findings to {write_baseline}", err=True)
        sys.exit(EXIT_CLEAN)
    if baseline:
        from .baseline import BaselineError, subtract

        try:
            findings, known = subtract(baseline, findings)
        except BaselineError as error:
            _fail(str(error))
        if known:
            click.echo(f"intspec-lint: {known} findings are in the baseline {baseline} and not shown", err=True)
    files = len(linted)
    for problem in problems:
        click.echo(f"intspec-lint: {problem}", err=True)
    if problems and not files:
        sys.exit(EXIT_ERROR)  # nothing was linted: no report that could read as a pass
    from .reporters import render

    color_asked = color
    if color is None:
        color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    scored = {}
    if summary or fmt == "html":
        scored = _scorecard_context(every_finding, linted, resolver, rules, stdin, stdin_filename, fmt)
    extra = scored if fmt == "html" else {"scorecard": scored["scorecard"]} if summary and fmt == "json" else {}
    report = render(fmt, findings, rules, files=files, linted=linted, color=color, root=_repository_root(), **extra)
    card_text = None
    if summary and fmt != "json":
        where = "stderr" if fmt != "text" else "file" if output else "stdout"
        card_text = _scorecard_text(scored["scorecard"], scored["titles"], where, color_asked, color)
        if fmt == "text":
            report += card_text
    if output:
        from .output import write_atomic

        try:
            write_atomic(output, report)
        except OSError as error:
            _fail(f"cannot write {output}: {error.strerror or error}")
        if fmt != "text":
            from .reporters.text import summary as summary_line

            click.echo(summary_line(findings, files), err=True)
    else:
        click.echo(report, nl=False, color=color)
    if card_text is not None and fmt != "text":  # beside a machine-read report, on standard error
        click.echo(card_text, nl=False, err=True, color=True)
    if problems or (strict_internal and any(f.code == "IS003" for f in findings)):
        sys.exit(EXIT_ERROR)
    threshold = Severity(fail_on).rank
    failing = any(f.severity.rank >= threshold for f in findings)
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN)


def _lint(paths: list[str], resolver, stdin_filename: str | None, specs_only: bool, options, jobs: int | None,
          stdin: dict[str, bytes] | None = None):
    """(sorted findings, the names of the files linted, problems with the paths). `stdin`, when given,
    receives what standard input held, by its display name (reports that show source lines need it)."""
    from pathlib import Path

    from .discovery import collect

    findings = []
    linted: list[str] = []
    problems: list[str] = []
    if "-" in paths:
        from .engine import lint_bytes

        name = stdin_filename or "<stdin>"
        settings = resolver.settings(Path(stdin_filename) if stdin_filename else Path.cwd() / "stdin")
        data = sys.stdin.buffer.read()
        if stdin is not None:
            stdin[name] = data
        findings.extend(lint_bytes(data, name, settings))
        linted.append(name)
        paths = [p for p in paths if p != "-"]
        if not paths:
            return sorted(findings), linted, problems
    collected = collect(paths, resolver, specs_only)
    targets, problems = collected.targets, collected.problems
    for note in collected.skipped:
        click.echo(f"intspec-lint: {note}", err=True)
    from .runner import lint_targets

    findings.extend(lint_targets(targets, options, jobs, resolver))
    linted.extend(target.display for target in targets)
    if not targets and not problems and not linted and not collected.skipped and not specs_only:
        problems.append(f"no integration specs found in {', '.join(paths)} (see `intspec-lint --help` for what "
                        "counts as a spec; name files explicitly to lint them anyway)")
    return sorted(findings), linted, problems


def _scorecard_context(findings, linted: list[str], resolver, rules, stdin: dict[str, bytes],
                       stdin_filename: str | None, fmt: str) -> dict:
    """What the scorecard and the HTML report need: the scorecard of every linted spec, the checklist
    titles, and (HTML) the source lines of the specs."""
    from pathlib import Path

    from .registry import checklist_slugs
    from .scorecard import for_run

    stdin_path = Path(stdin_filename) if stdin_filename else Path.cwd() / "stdin"
    context = {
        "scorecard": for_run(findings, linted, resolver, rules, stdin, stdin_path),
        "titles": {slug: str(entry.get("title", slug)) for slug, entry in checklist_slugs().items()},
    }
    if fmt == "html":
        from .source_lines import SourceLines

        context["sources"] = SourceLines(stdin, lambda name: resolver.settings(Path(name)).max_bytes)
    return context


def _scorecard_text(card, titles: dict[str, str], where: str, color_asked: bool | None, color_out: bool) -> str:
    """The scorecard as text, for `where`: "stdout" (after the text report), "file" (the text report
    written with -o, UTF-8) or "stderr" (beside a machine-read report)."""
    from .reporters.scorecard_text import can_encode, render as render_card

    if where == "stderr":
        color = color_asked if color_asked is not None else sys.stderr.isatty() and not os.environ.get("NO_COLOR")
        unicode = can_encode(getattr(sys.stderr, "encoding", None))
    else:
        color = color_out
        unicode = where == "file" or can_encode(getattr(sys.stdout, "encoding", None))
    return render_card(card, titles, color=bool(color), unicode=unicode)


def _repository_root() -> str:
    from pathlib import Path

    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return str(folder)
    return str(here)


def _close(key: str, rules) -> bool:
    import difflib

    return bool(difflib.get_close_matches(key, [r.name for r in rules.values()], n=1, cutoff=0.85))


def _suggest(key: str, rules) -> str:
    import difflib

    names = list(rules) + [r.name for r in rules.values()]
    close = difflib.get_close_matches(key, names, n=1)
    return f"(did you mean {close[0]}?)" if close else "(see `intspec-lint rules`)"


def _fail(message: str):
    click.echo(f"intspec-lint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(fmt: str) -> None:
    """List every rule: code, name, checklist item, default severity and summary."""
    from .registry import RuleLoadError, load_rules

    try:
        rules = load_rules()
    except RuleLoadError as error:
        _fail(str(error))
    if fmt == "json":
        import json

        click.echo(json.dumps([
            {"code": r.code, "name": r.name, "checklist": r.checklist, "severity": r.severity.value,
             "summary": r.summary, "source": r.source, "url": r.docs_url}
            for r in rules.values()
        ], indent=2))
        return
    width = max(len(r.name) for r in rules.values())
    for r in rules.values():
        click.echo(f"{r.code}  {r.name:<{width}}  {r.checklist:<20}  {r.severity.value:<7}  {r.summary}")


@main.command("explain")
@click.argument("rule")
def explain(rule: str) -> None:
    """Show the documentation of RULE (a code such as IS501, or a name such as retry-policy-incomplete)."""
    from .docs import rule_page
    from .registry import RuleLoadError, find_rule, load_rules

    try:
        load_rules()
    except RuleLoadError as error:
        _fail(str(error))
    found = find_rule(rule)
    if found is None:
        _fail(f"unknown rule '{rule}' {_suggest(rule, load_rules())}")
    click.echo(rule_page(found), nl=False)


@main.command("init")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["md", "yaml"]), default=None,
              help="Markdown or YAML (default: from PATH's suffix, else Markdown).")
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
def init(path: str, fmt: str | None, force: bool) -> None:
    """Write a spec skeleton that follows the template to PATH (creating its missing folders).

    Every value is a TBD placeholder, which `intspec-lint` reports until it is filled in."""
    from pathlib import Path

    from .output import create_folders, remove_folders, write_atomic
    from .resources import data_path

    target = Path(path)
    fmt = fmt or ("yaml" if target.suffix.lower() in (".yaml", ".yml") else "md")
    if target.exists() and not force:
        _fail(f"{path} exists; use --force to overwrite it")
    template = data_path("rules", "templates/spec.intspec.yaml" if fmt == "yaml" else "templates/spec.md")
    try:
        created = create_folders(target.parent)
    except OSError as error:
        _fail(f"cannot create the folder {error.filename or target.parent} for {path}: {error.strerror or error}")
    try:
        write_atomic(path, template.read_text(encoding="utf-8"))
    except OSError as error:
        remove_folders(created)
        _fail(f"cannot write {path}: {error.strerror or error}")
    click.echo(f"wrote {path}: fill in every TBD, then run `intspec-lint {path}`")


@main.command("clean")
def clean() -> None:
    """Remove the cache folder (.intspec-lint-cache/)."""
    from . import cache

    removed = cache.clean()
    click.echo(f"removed {removed}" if removed else "no cache to remove")
