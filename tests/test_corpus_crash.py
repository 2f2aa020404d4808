"""kill -9 during an incremental update leaves the previous release valid, and the next run
finishes the job. A real child process is killed: at named steps (default suite) and after
random delays (slow suite, >= 50 trials)."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus_helpers import contents, corpus, write_corpus

import conflict_events as ce
from conflict_events.cli.main import main
from conflict_events.corpus.run import run
from conflict_events.corpus.update import CRASH_ENV
from conflict_events.dataset.release import release_folder
from conflict_events.dataset.validate import validate_release

DRIVER = Path(__file__).with_name("corpus_crash_driver.py")
ARTICLES = corpus(events=10, seed=11)
FIRST = [a for a in ARTICLES if not a.article_id.endswith("-3")]


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The release before the update, the update's input, and the release after it."""
    base = tmp_path_factory.mktemp("crash")
    write_corpus(base / "in1", FIRST)
    write_corpus(base / "in2", ARTICLES)
    run([base / "in1"], base / "before", workers=1)
    shutil.copytree(base / "before", base / "after")
    run([base / "in2"], update=base / "after", workers=1)
    assert contents(base / "after") != contents(base / "before")
    return {"before": base / "before", "input": base / "in2" / "articles.jsonl",
            "after": base / "after"}


def _child(releases: dict[str, Path], release: Path, writer_step: str = "",
           update_step: str = "") -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.pop(CRASH_ENV, None)
    if update_step:
        env[CRASH_ENV] = update_step
    command = [sys.executable, str(DRIVER), str(releases["input"]), str(release)]
    if writer_step:
        command.append(writer_step)
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _check_survived(releases: dict[str, Path], release: Path) -> None:
    """Valid, holding either the old or the new release; a rerun then gives the new one."""
    report = validate_release(release)
    assert report.ok, report.format()
    assert main(["validate", str(release)]) == 0  # what `conflict-events validate` runs
    found = contents(release_folder(release))
    before, after = contents(releases["before"]), contents(releases["after"])
    assert found in (before, after), {
        name: (found.get(name), before.get(name), after.get(name))
        for name in sorted({*found, *before, *after})
        if len({found.get(name), before.get(name), after.get(name)}) > 2
        or found.get(name) not in (before.get(name), after.get(name))
    }
    assert len(ce.load(release)) in (len(ce.load(releases["before"])),
                                     len(ce.load(releases["after"])))
    run([releases["input"]], update=release, workers=1)
    assert contents(release) == contents(releases["after"])
    assert validate_release(release).ok
    # Staging folders of killed writers are removed by the next write. (A backup whose
    # removal was interrupted after the swap may stay until the next write; it is stale and
    # never read while the release folder holds a datapackage.json.)
    staging = [p.name for p in release.parent.iterdir()
               if p.name.startswith(f".{release.name}.writing-")]
    assert staging == []


@pytest.mark.parametrize(("writer_step", "update_step"), [
    ("", "after_extract"),
    ("", "before_write"),
    ("staged", ""),
    ("between_renames", ""),
    ("", "after_write"),
])
def test_kill_at_a_named_step(releases: dict[str, Path], tmp_path: Path, writer_step: str,
                              update_step: str) -> None:
    release = tmp_path / "release"
    shutil.copytree(releases["before"], release)
    child = _child(releases, release, writer_step, update_step)
    _, err = child.communicate(timeout=120)
    assert child.returncode == -signal.SIGKILL, err.decode()[-2000:]
    if writer_step == "between_renames":
        assert not (release / "datapackage.json").exists()  # only the backup is left
    _check_survived(releases, release)


@pytest.mark.slow
def test_kill_after_random_delays(releases: dict[str, Path], tmp_path: Path) -> None:
    # How long an uninterrupted child takes, to spread the kills over its whole life.
    release = tmp_path / "timed"
    shutil.copytree(releases["before"], release)
    started = time.perf_counter()
    child = _child(releases, release)
    child.communicate(timeout=120)
    duration = time.perf_counter() - started
    rng = random.Random(2024)
    killed = 0
    for trial in range(60):
        release = tmp_path / f"trial-{trial}"
        shutil.copytree(releases["before"], release)
        child = _child(releases, release)
        time.sleep(rng.uniform(0, duration * 1.05))
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=120)
        killed += child.returncode == -signal.SIGKILL
        _check_survived(releases, release)
        shutil.rmtree(release)
    assert killed >= 50
