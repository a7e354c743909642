"""Environments that tests build: virtual environments for the wheel and for plugins, and a local
wheelhouse for pre-commit's hook environment.

Every environment here sees the packages of the environment that runs pytest, and nothing else:
not the base interpreter's site-packages (a venv made from a venv with `--system-site-packages`
sees the *base* interpreter's, which on a fresh machine lacks the dependencies), and never the
network. So the suite passes the same way in a virtual environment, in a conda or pyenv
interpreter, and on a bare system Python.
"""

from __future__ import annotations

import base64
import hashlib
import os
import site
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

from conftest import clean_env

TIMEOUT = 300


def run(args, cwd=None, env=None, timeout=TIMEOUT) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                          env=env or clean_env(), timeout=timeout)


def site_dirs() -> list[str]:
    """The folders this test run imports installed packages from: the venv's or conda env's
    site-packages, or a bare interpreter's and the user's."""
    dirs = list(site.getsitepackages())
    if site.ENABLE_USER_SITE:
        dirs.append(site.getusersitepackages())
    return [d for d in dict.fromkeys(dirs) if os.path.isdir(d)]


def executable(venv: Path, name: str) -> Path:
    folder = venv / ("Scripts" if os.name == "nt" else "bin")
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.exists():
            return candidate
    raise AssertionError(f"{name} is not installed in {folder}")


def make_venv(folder: Path, *wheels: Path) -> Path:
    """A virtual environment at `folder` with `wheels` installed in it; the dependencies come from the
    environment running the tests (a .pth file names its site folders, after the venv's own, so what
    the venv installs itself always wins). Returns the venv's python."""
    done = run([sys.executable, "-m", "venv", "--without-pip", folder])
    assert done.returncode == 0, done.stdout + done.stderr
    python = executable(folder, "python")
    done = run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
    assert done.returncode == 0, done.stderr
    purelib = Path(done.stdout.strip())
    # plain paths, not site.addsitedir: the outer environment's .pth files (an editable intspec-lint
    # among them) stay unprocessed, so the venv imports intspec-lint only from a wheel it installs
    (purelib / "_test_environment.pth").write_text("\n".join(site_dirs()) + "\n", encoding="utf-8")
    if wheels:
        install(python, *wheels)
    return python


def install(python: Path, *wheels: Path, upgrade: bool = False) -> None:
    """pip-install wheels into the venv of `python`, offline and without their dependencies.

    `--ignore-installed` keeps pip from touching the same distribution in the outer environment (an
    editable intspec-lint); `upgrade` replaces a version the venv itself holds."""
    how = ["--upgrade"] if upgrade else ["--ignore-installed"]
    done = run([python, "-m", "pip", "install", "--no-deps", "--no-index", *how, *wheels])
    assert done.returncode == 0, done.stdout + done.stderr


def build_wheel(project: Path, out: Path) -> Path:
    """A wheel of `project`, built offline with the hatchling of the test environment."""
    before = set(out.glob("*.whl"))
    done = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                "-w", out, project])
    assert done.returncode == 0, done.stdout + done.stderr
    (built,) = set(out.glob("*.whl")) - before
    return built


def wheelhouse(requirements: list[str], out: Path) -> Path:
    """A folder of wheels for `requirements` and everything they require, rebuilt from the installed
    distributions of the test environment, for `pip install --no-index --find-links out`."""
    from packaging.requirements import Requirement

    out.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    queue = [Requirement(r) for r in requirements]
    while queue:
        requirement = queue.pop()
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue
        name = requirement.name.lower().replace("_", "-").replace(".", "-")
        if name in seen:
            continue
        seen.add(name)
        dist = metadata.distribution(requirement.name)
        _repack(dist, out)
        queue += [Requirement(r) for r in dist.requires or ()]
    return out


_NOT_PACKED = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}


def _repack(dist: metadata.Distribution, out: Path) -> Path:
    """One installed distribution as a wheel: its files under site-packages and its metadata (console
    scripts are rebuilt from entry_points.txt by the installer)."""
    files = [f for f in dist.files or () if f.parts[0] != ".." and "__pycache__" not in f.parts]
    info = next(f.parts[0] for f in files if f.parts[0].endswith(".dist-info"))
    wheel_meta = Path(dist.locate_file(f"{info}/WHEEL")).read_text(encoding="utf-8")
    tag = next(line.split(":", 1)[1].strip() for line in wheel_meta.splitlines() if line.startswith("Tag:"))
    stem = info.removesuffix(".dist-info")
    target = out / f"{stem.replace('-', '_', stem.count('-') - 1)}-{tag}.whl"
    record = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as wheel:
        for file in files:
            if file.parts[0] == info and file.name in _NOT_PACKED:
                continue
            data = Path(dist.locate_file(file)).read_bytes()
            wheel.writestr(file.as_posix(), data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append(f"{file.as_posix()},sha256={digest},{len(data)}")
        record.append(f"{info}/RECORD,,")
        wheel.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return target
