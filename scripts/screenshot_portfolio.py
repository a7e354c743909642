"""The README's picture of the HTML portfolio report: docs/images/portfolio.png.

    python scripts/screenshot_portfolio.py [--output docs/images/portfolio.png] [--keep FOLDER]

Copies the bundled examples, a handful of the labelled corpus's specs and a fresh `intspec-lint init`
skeleton into one temporary folder (so the report shows short paths), writes the report with
`intspec-lint --format html`, and renders it with headless Chromium (the Debian package chromium,
which .ci/run installs), through the same helper the browser tests use (tests/browser.py).
`--keep FOLDER` also keeps the specs and the report there.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # tests/browser.py: finding and driving Chromium

from browser import find_chromium, screenshot  # noqa: E402

CORPUS_SAMPLES = (
    "markdown/payroll-terse.md",
    "markdown/shipping-invalid-json.md",
    "markdown/b-iot-telemetry-monitoring-gaps.md",
    "markdown/fhir-prose.md",
    "markdown/crm-bidirectional.md",
    "yaml/ride-trip-events.intspec.yaml",
    "yaml/newsletter-email-placeholders.intspec.yaml",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "images" / "portfolio.png")
    parser.add_argument("--keep", type=Path, help="also keep the specs and the report in this folder")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=820)
    args = parser.parse_args()
    chromium = find_chromium()
    if chromium is None:
        print("no Chromium binary: install the Debian package chromium (apt-get install -y chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="intspec-portfolio-") as work:
        folder = Path(work) / "specs"
        shutil.copytree(ROOT / "examples", folder)
        for sample in CORPUS_SAMPLES:
            shutil.copy2(ROOT / "tests" / "corpus" / sample, folder / Path(sample).name)
        lint = [sys.executable, "-m", "intspec_lint"]
        subprocess.run([*lint, "init", str(folder / "new-partner-draft.md")], check=True, capture_output=True)
        report = Path(work) / "portfolio.html"
        done = subprocess.run([*lint, "--format", "html", "--no-cache", "-o", str(report), "specs"], cwd=work,
                              capture_output=True, text=True)
        if done.returncode not in (0, 1) or not report.is_file():
            print(f"intspec-lint failed ({done.returncode}): {done.stderr}", file=sys.stderr)
            return 1
        args.output.parent.mkdir(parents=True, exist_ok=True)
        shot = Path(work) / "portfolio.png"
        screenshot(chromium, report.as_uri(), shot, args.width, args.height)
        shutil.copyfile(shot, args.output)
        if args.keep:
            shutil.copytree(work, args.keep, dirs_exist_ok=True)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
