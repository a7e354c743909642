"""Many files: worker processes give the same output as one process, and the cache is keyed right."""

import shutil
from pathlib import Path

import pytest

from intspec_lint import cache
from intspec_lint.discovery import collect
from intspec_lint.runner import PARALLEL_FROM, Options, lint_targets

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def specs(tmp_path_factory):
    """The labelled corpus, copied once for the module: enough files for worker processes to be used."""
    folder = tmp_path_factory.mktemp("specs")
    shutil.copytree(CORPUS, folder / "a", ignore=shutil.ignore_patterns("*.txt"))
    targets = collect([str(folder)]).targets
    assert len(targets) >= 2 * PARALLEL_FROM
    return targets


@pytest.fixture(scope="module")
def serial(specs):
    """The corpus linted in this process, without the cache: what every other way of running must give."""
    return lint_targets(specs, Options(cache=False), jobs=1)


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setattr(cache, "folder", lambda: folder)
    monkeypatch.setattr(cache, "ENABLED", True)
    return folder


def test_parallel_output_is_identical_to_serial(specs, serial):
    parallel = lint_targets(specs, Options(cache=False), jobs=2)
    assert serial and parallel == serial


def test_warm_cache_gives_identical_findings(specs, cache_dir):
    cold = lint_targets(specs, Options(cache=True), jobs=1)
    assert list((cache_dir / "results").rglob("*.json")), "nothing was cached"
    warm = lint_targets(specs, Options(cache=True), jobs=2)
    assert warm == cold
    assert [f.fingerprint for f in warm] == [f.fingerprint for f in cold]


def _one(tmp_path: Path, text: str):
    spec = tmp_path / "spec.md"
    spec.write_text(text, encoding="utf-8")
    return collect([str(spec)]).targets


FLAWED = (CORPUS / "markdown" / "orders-template.md").read_text(encoding="utf-8").replace("| ~500/hour peak", "| TBD")


def test_cache_misses_when_the_content_changes(tmp_path, cache_dir):
    targets = _one(tmp_path, FLAWED)
    first = lint_targets(targets, Options(cache=True), jobs=1)
    assert [f.code for f in first] == ["IS101"]
    targets[0].path.write_text(FLAWED.replace("| TBD", "| ~500/hour peak"), encoding="utf-8")
    assert lint_targets(targets, Options(cache=True), jobs=1) == []


def test_cache_misses_when_the_config_changes(tmp_path, cache_dir):
    targets = _one(tmp_path, FLAWED)
    (tmp_path / ".git").mkdir()
    assert [f.severity.value for f in lint_targets(targets, Options(cache=True), jobs=1)] == ["error"]
    (tmp_path / ".intspec-lint.yaml").write_text("rules:\n  IS101: warning\n", encoding="utf-8")
    assert [f.severity.value for f in lint_targets(targets, Options(cache=True), jobs=1)] == ["warning"]
    (tmp_path / ".intspec-lint.yaml").write_text("rules:\n  IS101: false\n", encoding="utf-8")
    assert lint_targets(targets, Options(cache=True), jobs=1) == []


def test_cache_misses_when_the_version_changes(tmp_path, cache_dir, monkeypatch):
    targets = _one(tmp_path, FLAWED)
    lint_targets(targets, Options(cache=True), jobs=1)
    entries = set((cache_dir / "results").rglob("*.json"))
    monkeypatch.setattr(cache, "__version__", "999.0.0")
    lint_targets(targets, Options(cache=True), jobs=1)
    assert set((cache_dir / "results").rglob("*.json")) > entries, "a new version must not reuse old results"


def test_cache_misses_when_the_tools_own_files_change(tmp_path, cache_dir, monkeypatch):
    """A source checkout whose code changed without a new version number must not reuse old results."""
    targets = _one(tmp_path, FLAWED)
    lint_targets(targets, Options(cache=True), jobs=1)
    entries = set((cache_dir / "results").rglob("*.json"))
    monkeypatch.setattr(cache, "_own_files", lambda: "another-fingerprint")
    lint_targets(targets, Options(cache=True), jobs=1)
    assert set((cache_dir / "results").rglob("*.json")) > entries


def test_a_corrupt_cache_entry_is_a_miss(tmp_path, cache_dir):
    targets = _one(tmp_path, FLAWED)
    expected = lint_targets(targets, Options(cache=True), jobs=1)
    for entry in (cache_dir / "results").rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert lint_targets(targets, Options(cache=True), jobs=1) == expected


def test_the_cache_never_holds_the_specs_text(tmp_path, cache_dir):
    secret = "sk_live_51HvQxRealLookingSecretKey0123456789"
    text = FLAWED.replace("Fulfillment order JSON", f"Fulfillment order JSON (key {secret})")
    lint_targets(_one(tmp_path, text), Options(cache=True), jobs=1)
    stored = "".join(p.read_text(encoding="utf-8") for p in (cache_dir / "results").rglob("*.json"))
    assert stored and secret not in stored


def test_a_worker_that_dies_leaves_its_files_to_the_main_process(specs, serial, monkeypatch):
    import os

    from intspec_lint import runner

    parent = os.getpid()
    take = runner._take_chunks

    def dying(*args):
        if os.getpid() != parent:  # in the worker: take a chunk, then die without sending anything
            os.read(args[3], 4)
            os._exit(1)
        return take(*args)

    monkeypatch.setattr(runner, "_take_chunks", dying)
    assert lint_targets(specs, Options(cache=False), jobs=2) == serial


def test_packs_of_results_are_merged_and_every_result_stays_found(tmp_path, cache_dir):
    from collections import Counter

    texts = [FLAWED.replace("| TBD", f"| TBD {n}") for n in range(64)]  # some shard is written to 4 times or more
    expected = []
    for n, text in enumerate(texts):  # one run per version of the spec, as in a pre-commit hook
        folder = tmp_path / f"v{n}"
        folder.mkdir()
        expected.append(lint_targets(_one(folder, text), Options(cache=True), jobs=1))
    shards = Counter(p.name.split(".")[0] for p in (cache_dir / "results").glob("*.json"))
    assert max(shards.values()) < cache._MERGE_FROM
    written = set((cache_dir / "results").glob("*.json"))
    for n, text in enumerate(texts):  # every result is still there: nothing is linted or written again
        assert lint_targets(_one(tmp_path / f"v{n}", text), Options(cache=True), jobs=1) == expected[n]
    assert set((cache_dir / "results").glob("*.json")) == written



TIED = """# A → B

## When things fail

- Transient errors (429, 503) are retried; after the last retry the message goes to the dead-letter queue `b.dlq`.
- Permanent errors (400, 422) are not retried; the message goes to the dead-letter queue at once.
"""

PLACED = """
import sys
from intspec_lint.document.markdown import parse_markdown
from intspec_lint.reading.statements import flatten
from intspec_lint.reading.topics import Topics, assign
from intspec_lint.reading.vocabulary import load_vocabulary
doc = parse_markdown(sys.stdin.read())
statements = flatten(doc)
assign(statements, Topics(doc, load_vocabulary()))
print([sorted(s.placed) for s in statements if s.shape == "item"])
"""


def test_a_section_voted_on_by_parts_as_often_is_placed_the_same_under_every_hash_seed():
    """Set and dict order changes with PYTHONHASHSEED: no reading may hang on it (a section whose statements
    name errors, retries and dead letters as often once went to any of the three from run to run)."""
    import os
    import subprocess
    import sys

    placed = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        run = subprocess.run([sys.executable, "-c", PLACED], input=TIED, capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": seed})
        placed.add(run.stdout.strip())
    assert placed == {"[['errors'], ['errors']]"}

def test_findings_do_not_depend_on_the_hash_seed(tmp_path):
    """Set and dict order changes with PYTHONHASHSEED: no reading may hang on it (a section voted on by two
    parts as often once went one way or the other from run to run)."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    corpus = Path(__file__).parent / "corpus"
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-m", "intspec_lint", "--no-cache", "--format", "json", str(corpus)],
                             capture_output=True, text=True, env=env, check=False)
        assert run.returncode in (0, 1), run.stderr
        findings = json.loads(run.stdout)["findings"]
        outputs.append(sorted((f["file"], f["line"], f["code"], f["message"]) for f in findings))
    assert outputs[0] and outputs[0] == outputs[1]
