"""The wheel: what it contains, and that it works installed on its own, away from the source tree.

No network: the wheel is built without build isolation (hatchling comes from the test extras) and
installed with --no-deps --no-index into a venv whose dependencies come from the environment that
runs the tests (tests/environments.py). The whole module takes about 5 seconds, so it is not
marked slow.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import COMPLIANT_MD, FLAWED_MD, FLAWED_YAML, REPO_ROOT, clean_env
from environments import executable, make_venv

DATA_FILES = (
    "intspec_lint/_data/schemas/intspec.schema.json",
    "intspec_lint/_data/rules/vocabulary.yaml",
    "intspec_lint/_data/rules/catalogue.yaml",
)


def _run(cmd, cwd, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, env=clean_env(),
                          timeout=timeout)


@pytest.fixture(scope="module")
def wheel(intspec_wheel) -> Path:
    return intspec_wheel


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("venv") / "env"
    make_venv(root, wheel)
    return root


@pytest.fixture
def workdir(tmp_path) -> Path:
    """A working folder outside the repository holding copies of a compliant and two flawed specs."""
    assert REPO_ROOT not in tmp_path.resolve().parents
    for source in (COMPLIANT_MD, FLAWED_MD, FLAWED_YAML):
        shutil.copy2(source, tmp_path / source.name)
    return tmp_path


def test_wheel_ships_the_data_files(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for name in DATA_FILES:
            assert name in names, f"{name} is missing from {wheel.name}"
            assert archive.read(name).strip(), f"{name} is empty"
        import json

        json.loads(archive.read(DATA_FILES[0]))  # the schema is JSON


def test_wheel_declares_the_script_and_the_rules_entry_point(wheel):
    with zipfile.ZipFile(wheel) as archive:
        (entry_points,) = [n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")]
        text = archive.read(entry_points).decode("utf-8")
        assert "intspec_lint/__main__.py" in archive.namelist()
    assert "[console_scripts]" in text and "intspec-lint = intspec_lint.cli:main" in text
    assert "[intspec_lint.rules]" in text


def test_installed_package_comes_from_the_venv(venv, workdir):
    proc = _run([executable(venv, "python"), "-c", "import intspec_lint, sys; print(intspec_lint.__file__)"], cwd=workdir)
    assert proc.returncode == 0, proc.stderr
    location = Path(proc.stdout.strip()).resolve()
    assert venv.resolve() in location.parents, location
    proc = _run([executable(venv, "python"), "-c", "from intspec_lint.resources import data_path; "
                 "print(data_path('rules', 'vocabulary.yaml'))"], cwd=workdir)
    assert proc.returncode == 0, proc.stderr
    assert venv.resolve() in Path(proc.stdout.strip()).resolve().parents


@pytest.mark.parametrize("name, expected", [(COMPLIANT_MD.name, 0), (FLAWED_MD.name, 1), (FLAWED_YAML.name, 1)])
def test_installed_cli_lints(venv, workdir, name, expected):
    proc = _run([executable(venv, "intspec-lint"), name], cwd=workdir)
    assert proc.returncode == expected, proc.stdout + proc.stderr
    if expected:
        assert proc.stdout.startswith(f"{name}:") and "Found " in proc.stdout
    else:
        assert proc.stdout == "No problems found (1 file checked).\n"


def test_installed_cli_knows_every_rule_and_module_entry(venv, workdir):
    rules = _run([executable(venv, "intspec-lint"), "rules"], cwd=workdir)
    assert rules.returncode == 0, rules.stderr
    codes = [line.split()[0] for line in rules.stdout.splitlines() if line.strip()]
    assert {"IS001", "IS101", "IS501", "IS901"} <= set(codes) and len(codes) == len(set(codes))
    explain = _run([executable(venv, "python"), "-m", "intspec_lint", "explain", "IS501"], cwd=workdir)
    assert explain.returncode == 0, explain.stderr
    assert explain.stdout.startswith("# IS501 retry-policy-incomplete")
