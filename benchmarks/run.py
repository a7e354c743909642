"""The benchmark: intspec-lint against the parse-only floor, side by side in one run.

    python benchmarks/run.py [--runs 5] [--quick] [--markdownlint] [--reports-only]

Generates the corpora (benchmarks/generate.py, fixed seed) in a temporary folder, then measures the
median wall time and the peak memory of each command over several runs, and prints the ratios
that docs/performance.md records. Absolute seconds depend on the machine; the ratios are what
to compare. `--markdownlint` also installs markdownlint-cli2 from the npm registry (into the
temporary folder) and measures it on the same Markdown corpus. The report rows compare writing the
HTML portfolio report (`--format html -o`) and the `--summary` scorecard of 1,000 specs with linting
the same specs alone (the text report) in the same run; `--reports-only` measures only those.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable


def measure(command: list[str], runs: int, env: dict | None = None, before=None) -> tuple[float, float]:
    """(median wall seconds, peak resident MB of the worst run)."""
    times, peaks = [], []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - started)
        peaks.append(usage.ru_maxrss / 1024)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed with status {process.returncode}")
    return statistics.median(times), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="fewer runs and no 5 MB files")
    parser.add_argument("--markdownlint", action="store_true", help="also measure markdownlint-cli2 (npm)")
    parser.add_argument("--reports-only", action="store_true",
                        help="only the HTML report and --summary rows (1,000 specs)")
    args = parser.parse_args()
    runs = 2 if args.quick else args.runs
    work = Path(tempfile.mkdtemp(prefix="intspec-bench-"))
    try:
        run(work, runs, args.quick, args.markdownlint, args.reports_only)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, runs: int, quick: bool, markdownlint: bool, reports_only: bool = False) -> None:
    corpus = work / "corpus"
    subprocess.run([PYTHON, str(HERE / "generate.py"), str(corpus)], check=True)
    cache = work / "cache"
    # Bytecode as an installation has it (pip compiles modules when it installs them): even where
    # PYTHONDONTWRITEBYTECODE is set, every command reads compiled modules, written by a first run.
    plain = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    env = {**plain, "INTSPEC_LINT_CACHE_DIR": str(cache)}
    lint = [PYTHON, "-m", "intspec_lint", "--exit-zero"]
    floor = [PYTHON, str(HERE / "floor.py")]
    for kind in ("md", "yaml"):
        measure(floor + [str(corpus / f"{kind}-1")], 1, plain)
        measure(lint + ["--no-cache", str(corpus / f"{kind}-1")], 1, env)

    def clear():
        shutil.rmtree(cache, ignore_errors=True)

    def clear_results():  # the pre-commit case: the spec changed, the tool's own data is cached
        shutil.rmtree(cache / "results", ignore_errors=True)

    rows: list[tuple[str, str, float, float, float, float]] = []

    def compare(name: str, ours: tuple[float, float], base: tuple[float, float], base_name: str) -> None:
        rows.append((name, base_name, ours[0], ours[1], ours[0] / base[0], ours[1] / base[1]))

    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {runs} runs each (median wall time)\n")
    if reports_only:
        _reports(corpus, work, lint, env, runs, rows)
        _print(rows)
        return
    for kind in ("md", "yaml"):
        for count in (100, 1000):
            folder = str(corpus / f"{kind}-{count}")
            base = measure(floor + [folder], runs, plain)
            cold = measure(lint + [folder], runs, env, before=clear)
            compare(f"{count} {kind} specs, cold", cold, base, "parse-only floor")
            measure(lint + [folder], 1, env)  # fill the cache
            warm = measure(lint + [folder], runs, env)
            rows.append((f"{count} {kind} specs, warm cache", "same, cold", warm[0], warm[1], warm[0] / cold[0],
                         warm[1] / cold[1]))
            serial = measure(lint + ["--no-cache", "--jobs", "1", folder], runs, env)
            compare(f"{count} {kind} specs, one process", serial, base, "parse-only floor")
    one = str(next((corpus / "md-1").iterdir()))
    startup = measure([PYTHON, "-c", "import markdown_it"], runs * 2, plain)
    first = measure(lint + [one], runs * 2, env, before=clear)
    compare("one spec, first run (empty cache)", first, startup, "python -c 'import markdown_it'")
    single = measure(lint + [one], runs * 2, env, before=clear_results)
    compare("one spec, changed (pre-commit)", single, startup, "python -c 'import markdown_it'")
    if not quick:
        for name in ("huge.md", "huge.intspec.yaml"):
            path = str(corpus / "big" / name)
            size = os.path.getsize(path) / 1e6
            base = measure(floor + [path], max(2, runs // 2), plain)
            ours = measure(lint + ["--no-cache", "--max-file-size", "10000000", path], max(2, runs // 2), env)
            compare(f"{name} ({size:.1f} MB)", ours, base, "parse-only floor")
    _reports(corpus, work, lint, env, runs, rows)
    if markdownlint:
        tool = _markdownlint(work)
        if tool:
            folder = corpus / "md-1000"
            base = measure(floor + [str(folder)], runs, plain)
            theirs = measure([tool, "--no-globs", *map(str, sorted(folder.glob("*.md")))], runs)
            compare("1000 md specs: markdownlint-cli2", theirs, base, "parse-only floor")
    _print(rows)


def _reports(corpus: Path, work: Path, lint: list[str], env: dict, runs: int, rows: list) -> None:
    """The HTML portfolio report and the --summary scorecard of 1,000 specs against linting them alone (the
    text report), each without the cache, so that every run lints every spec; the runs alternate, so
    that a machine that slows down mid-way slows both."""
    report = str(work / "portfolio.html")
    for kind in ("md", "yaml"):
        folder = str(corpus / f"{kind}-1000")
        commands = {
            "text": lint + ["--no-cache", folder],
            "html": lint + ["--no-cache", "--format", "html", "-o", report, folder],
            "summary": lint + ["--no-cache", "--summary", folder],
        }
        measure(commands["html"], 1, env)  # bytecode of the reporters, as an installation has it
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                times[name].append(measure(command, 1, env))
        median = {name: (statistics.median(t for t, _ in found), max(m for _, m in found))
                  for name, found in times.items()}
        size = os.path.getsize(report) / 1e6
        for name, label in (("html", f"HTML report, {size:.1f} MB"), ("summary", "--summary scorecard")):
            ours, base = median[name], median["text"]
            rows.append((f"1000 {kind} specs, {label}", "same, lint alone (text)", ours[0], ours[1],
                         ours[0] / base[0], ours[1] / base[1]))


def _print(rows: list) -> None:
    width = max(len(r[0]) for r in rows)
    base_width = max(len(r[1]) for r in rows)
    print(f"{'scenario':<{width}}  {'compared with':<{base_width}}  {'time':>8}  {'peak MB':>8}  "
          f"{'time ratio':>10}  {'memory ratio':>12}")
    for name, base_name, seconds, peak, time_ratio, memory_ratio in rows:
        print(f"{name:<{width}}  {base_name:<{base_width}}  {seconds:7.2f}s  {peak:8.0f}  {time_ratio:9.2f}x  "
              f"{memory_ratio:11.2f}x")


def _markdownlint(work: Path) -> str | None:
    target = work / "npm"
    target.mkdir()
    done = subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "markdownlint-cli2"], cwd=target,
                          capture_output=True, text=True)
    tool = target / "node_modules" / ".bin" / "markdownlint-cli2"
    if done.returncode != 0 or not tool.exists():
        print(f"markdownlint-cli2 could not be installed: {done.stderr.strip()[:200]}")
        return None
    return str(tool)


if __name__ == "__main__":
    main()
