"""Crash safety of `conflict-events extract`: a real child process is killed with SIGKILL at
random points while it replaces a release, and a full disk interrupts a write.

After every kill the folder holds a valid release - the previous one or the new one, never a
mix - that `conflict-events validate` accepts and ce.load reads; a re-run then gives exactly
the release an uninterrupted run gives (no event lost, none duplicated). Kills inside an
incremental update (`run(update=...)`) are covered by tests/test_corpus_crash.py."""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus_helpers import contents, corpus, write_corpus

import conflict_events as ce
from conflict_events.cli.main import main
from conflict_events.dataset import write as write_module
from conflict_events.dataset.validate import validate_release
from conflict_events.errors import DatasetError, ReleaseWriteError

# One article per invented event (ids "inv-NUMBER-OUTLET"): a small corpus whose release
# changes with every article added.
ARTICLES = list({a.article_id.split("-")[1]: a for a in corpus(events=12, seed=21)}.values())
OLD = ARTICLES[: len(ARTICLES) // 2]


def _extract_command(inputs: Path, output: Path) -> list[str]:
    return [sys.executable, "-m", "conflict_events.cli.main", "extract", str(inputs), "-o",
            str(output), "--workers", "1", "--no-progress"]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("robust-crash")
    # Not articles.jsonl: the extract command reads a folder's articles.jsonl as a sidecar.
    old_input = write_corpus(base / "old", OLD, name="corpus.jsonl")
    new_input = write_corpus(base / "new", ARTICLES, name="corpus.jsonl")
    for name, given in (("before", old_input), ("after", new_input)):
        assert main(["extract", str(given), "-o", str(base / name), "--workers", "1",
                     "--no-progress"]) == 0
    assert contents(base / "before") != contents(base / "after")
    return {"before": base / "before", "after": base / "after", "input": new_input}


def _event_ids(release: Path) -> list[str]:
    return list(ce.load(release, columns=["event_id"])["event_id"])


def _kill_after(runs: dict[str, Path], release: Path, delay: float) -> int:
    child = subprocess.Popen(_extract_command(runs["input"], release),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=300)
    return child.returncode


def _check_survived(runs: dict[str, Path], release: Path) -> str:
    """The release is the old or the new one, valid and loadable; a re-run completes it."""
    assert validate_release(release).ok, validate_release(release).format()
    assert main(["validate", str(release)]) == 0
    found = contents(release)
    state = "old" if found == contents(runs["before"]) else "new"
    assert found in (contents(runs["before"]), contents(runs["after"]))
    ids = _event_ids(release)
    assert len(ids) == len(set(ids))
    assert main(["extract", str(runs["input"]), "-o", str(release), "--workers", "1",
                 "--no-progress"]) == 0
    assert contents(release) == contents(runs["after"])
    assert sorted(_event_ids(release)) == sorted(_event_ids(runs["after"]))  # none lost/doubled
    leftovers = [p.name for p in release.parent.iterdir() if p.name.startswith(".")]
    assert not [name for name in leftovers if ".writing-" in name], leftovers
    return state


@pytest.fixture(scope="module")
def duration(runs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> float:
    """Seconds an uninterrupted child takes, to spread the kills over its whole life."""
    release = tmp_path_factory.mktemp("timed") / "release"
    shutil.copytree(runs["before"], release)
    started = time.perf_counter()
    subprocess.run(_extract_command(runs["input"], release), check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


@pytest.mark.parametrize("fraction", [0.5, 0.8, 0.95])
def test_kill_of_extract_keeps_a_valid_release(runs: dict[str, Path], duration: float,
                                               tmp_path: Path, fraction: float) -> None:
    release = tmp_path / "release"
    shutil.copytree(runs["before"], release)
    _kill_after(runs, release, duration * fraction)
    _check_survived(runs, release)


@pytest.mark.slow
def test_kill_of_extract_at_random_points(runs: dict[str, Path], duration: float,
                                          tmp_path: Path) -> None:
    rng = random.Random(66)
    killed = trials = 0
    states: dict[str, int] = {"old": 0, "new": 0}
    # A child's run time varies with the machine's load, so a kill meant for the end may come
    # after it: trials go on until 50 kills have landed (every trial is checked either way).
    while killed < 50 and trials < 120:
        release = tmp_path / f"trial-{trials}"
        shutil.copytree(runs["before"], release)
        # Most kills in the last third, where the release is written.
        delay = rng.uniform(duration * 0.4, duration * 1.02)
        killed += _kill_after(runs, release, delay) == -signal.SIGKILL
        states[_check_survived(runs, release)] += 1
        shutil.rmtree(release)
        trials += 1
    print(f"kill -9 trials: {trials}, {killed} killed, {trials - killed} finished first; "
          f"left the old release {states['old']}, the new one {states['new']}")
    assert killed >= 50


# --- a full disk ----------------------------------------------------------------------------

@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs when this process may mount one (root on Linux), else skip."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root); "
                    "test_full_disk_error_is_typed covers the same path with a patched write")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_full_tmpfs_gives_a_typed_error(small_disk: Path) -> None:
    from _events import make_event, many_events

    release = small_disk / "release"
    ce.write_dataset(many_events(10), release)
    before = contents(release)
    # Notes of ~5 kB make 400 events well over the disk's 1 MB.
    huge = [make_event(notes=f"{i} " + "x" * 5000, location=f"Invented Place {i}")
            for i in range(400)]
    with pytest.raises(ReleaseWriteError, match=r"No space left on device.*unchanged") as caught:
        ce.write_dataset(huge, release)
    assert isinstance(caught.value, DatasetError)
    assert contents(release) == before
    assert validate_release(release).ok
    assert len(ce.load(release)) == 10
    assert [p.name for p in small_disk.iterdir()] == ["release"]  # staging removed


@pytest.mark.parametrize("step", ["_write_parquet", "write_csv", "_fsync_tree"])
def test_full_disk_error_is_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  step: str) -> None:
    from _events import many_events

    release = tmp_path / "release"
    ce.write_dataset(many_events(6), release)
    before = contents(release)

    def no_space(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(write_module, step, no_space)
    with pytest.raises(ReleaseWriteError, match="No space left on device"):
        ce.write_dataset(many_events(20), release)
    assert contents(release) == before
    assert validate_release(release).ok
    assert [p.name for p in tmp_path.iterdir()] == ["release"]


def test_full_disk_in_the_cli_is_one_error_line(runs: dict[str, Path], tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    release = tmp_path / "release"
    shutil.copytree(runs["before"], release)

    def no_space(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(write_module, "write_csv", no_space)
    assert main(["extract", str(runs["input"]), "-o", str(release), "--workers", "1",
                 "--no-progress"]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert contents(release) == contents(runs["before"])
