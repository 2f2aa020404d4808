"""Runs one incremental update in a child process, optionally killing itself (SIGKILL) inside
the release writer: `staged` (every file written, nothing swapped) or `between_renames` (the
old release moved aside, the new one not yet in place). Steps of the update itself are
chosen with $CONFLICT_EVENTS_CRASH_AT (conflict_events.corpus.update.crash_point).

    python corpus_crash_driver.py INPUT RELEASE [WRITER_STEP]
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any


def _kill() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def main() -> None:
    inputs, release = sys.argv[1], sys.argv[2]
    step = sys.argv[3] if len(sys.argv) > 3 else ""
    from conflict_events.dataset import write

    if step == "staged":
        real_fsync_tree = write._fsync_tree

        def fsync_then_die(folder: Any) -> None:
            real_fsync_tree(folder)
            _kill()

        write._fsync_tree = fsync_then_die  # type: ignore[assignment]
    elif step == "between_renames":
        real_replace = os.replace

        def replace_then_die(src: Any, dst: Any) -> None:
            real_replace(src, dst)
            if str(dst).endswith(".previous"):  # the old release was just moved aside
                _kill()

        write.os.replace = replace_then_die  # type: ignore[assignment]
    from conflict_events.corpus.run import run

    run([inputs], update=release, workers=1)


if __name__ == "__main__":
    main()
