"""Shared helpers for the CLI, reporter, discovery, packaging and API tests.

Every test here runs the real linter on real files: the examples in `examples/` (two compliant,
two flawed) or specs written into `tmp_path`. Nothing depends on /work/shared or on the
repository's `.git` folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# The command line caches results; in tests the cache goes to a temporary folder, never the repository.
os.environ.setdefault("INTSPEC_LINT_CACHE_DIR", __import__("tempfile").mkdtemp(prefix="intspec-lint-test-cache-"))

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = REPO_ROOT / "examples"

COMPLIANT_MD = EXAMPLES / "orders-fulfillment.md"
COMPLIANT_YAML = EXAMPLES / "inventory-sync.intspec.yaml"
FLAWED_MD = EXAMPLES / "payments-webhooks-flawed.md"
FLAWED_YAML = EXAMPLES / "crm-sync-flawed.intspec.yaml"
COMPLIANT = (COMPLIANT_MD, COMPLIANT_YAML)
FLAWED = (FLAWED_MD, FLAWED_YAML)

ANSI = "\x1b["
SUBPROCESS_TIMEOUT = 120


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: takes more than 20 seconds (building and installing the wheel)")


@pytest.fixture(autouse=True, scope="session")
def _temporary_files_stay_in_the_test_run(tmp_path_factory):
    """The crash reports of rules made to fail on purpose, and any other temporary file a lint writes, go where the
    test run keeps its files (and its child processes inherit it), not into the machine's temp folder."""
    import tempfile

    folder = tmp_path_factory.mktemp("tmp")
    before = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = str(folder)
    tempfile.tempdir = None  # asked again on the next use
    yield
    if before is None:
        os.environ.pop("TMPDIR", None)
    else:
        os.environ["TMPDIR"] = before
    tempfile.tempdir = None


@dataclass
class Outcome:
    exit_code: int
    stdout: str
    stderr: str

    def json(self):
        return json.loads(self.stdout)


def clean_env(extra: dict | None = None) -> dict:
    """The environment for a child process: no colour hints, no PYTHONPATH tricks, no network for pip. Bytecode
    is written, as an installed package has it: where PYTHONDONTWRITEBYTECODE is set (some CI machines), every
    child would otherwise compile the whole package again (a fresh clone's suite took 281 s instead of 249 s)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE")}
    env["PIP_NO_INDEX"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    for key, value in (extra or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run_module(args, *, cwd=None, input: bytes | None = None, env: dict | None = None,
               timeout: float = SUBPROCESS_TIMEOUT) -> Outcome:
    """`python -m intspec_lint ARGS` in a real child process."""
    proc = subprocess.run(
        [sys.executable, "-m", "intspec_lint", *map(str, args)],
        cwd=cwd,
        input=input if input is not None else b"",
        capture_output=True,
        env=clean_env(env),
        timeout=timeout,
    )
    return Outcome(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


def run_clirunner(args, *, cwd=None, input: bytes | None = None, env: dict | None = None) -> Outcome:
    """The same through click's CliRunner, in this process (exceptions are not swallowed)."""
    from click.testing import CliRunner

    from intspec_lint.cli import main

    runner = CliRunner()
    child_env = {"NO_COLOR": None, "FORCE_COLOR": None, "CLICOLOR_FORCE": None}
    child_env.update(env or {})
    with contextlib.chdir(cwd or os.getcwd()):
        result = runner.invoke(main, [str(a) for a in args], input=input, env=child_env, catch_exceptions=False)
    return Outcome(result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="session")
def intspec_wheel(tmp_path_factory) -> Path:
    """A wheel of this working tree, built offline (for the tests that install it into a venv)."""
    from environments import build_wheel

    return build_wheel(REPO_ROOT, tmp_path_factory.mktemp("wheelhouse"))


@pytest.fixture(params=["clirunner", "subprocess"])
def cli(request):
    """Run the command line both ways: click's CliRunner and `python -m intspec_lint`."""
    return run_clirunner if request.param == "clirunner" else run_module


@pytest.fixture
def spec_copies(tmp_path):
    """The four examples copied into a fresh folder (so relative names and cwd are under our control)."""
    folder = tmp_path / "specs"
    folder.mkdir()
    for path in COMPLIANT + FLAWED:
        shutil.copy2(path, folder / path.name)
    return folder


def findings_of(outcome: Outcome) -> list[dict]:
    assert outcome.stdout.strip(), f"no JSON on stdout; stderr: {outcome.stderr}"
    return outcome.json()["findings"]


def write(root: Path, relative: str, text: str) -> Path:
    """Write `text` to `root/relative`, creating folders on the way."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def new_repository(tmp_path: Path) -> Path:
    """A folder that is a repository root (it holds `.git`): configs above it are never used."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    return root


# A small Markdown spec with known gaps, and the same spec in YAML (shared by the config,
# suppression and baseline tests).
ORDERS_SPEC_MD = """\
# Orders to Billing

## Data Flows

| Flow | Source | Destination | Trigger | Payload | Frequency |
|---|---|---|---|---|---|
| Bill order | Orders | Billing | order paid call | Order JSON | 100/h |

## Retry Policy

- **Strategy**: exponential backoff with jitter.
- **Initial delay**: 1 second.
- **Max retries**: 5.

## Monitoring

| Metric | Threshold | Alert |
|---|---|---|
| Error rate | > 1% | Critical |

## Overview

The Orders service (producer) publishes paid orders; Billing (consumer) invoices them. Event-driven.

## Service levels

- **Latency**: P99 under 1 minute
- **Throughput**: 100 paid orders/hour at peak
- **Uptime**: 99.9% monthly
- **When down**: paid-order events wait on the queue and are replayed in order
"""

ORDERS_SPEC_YAML = """\
intspec: 1
title: Orders to Billing

flows:
  - name: Bill order
    source: Orders
    destination: Billing
    trigger: order paid call
    payload: Order JSON
    frequency: 100/h

retry:
  strategy: exponential backoff with jitter
  initial_delay: 1s
  max_attempts: 5

monitoring:
  - metric: Error rate
    threshold: "> 1%"
    alert: critical

overview:
  systems:
    - {name: Orders, role: producer}
    - {name: Billing, role: consumer}
  purpose: Billing invoices every paid order
  pattern: event-driven

sla:
  latency: P99 under 1 minute
  throughput: 100 paid orders/hour at peak
  uptime: 99.9% monthly
  when_down: paid-order events wait on the queue and are replayed in order
"""
