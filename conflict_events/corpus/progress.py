"""Long runs: a progress bar, structured log lines and the final summary.

The bar (tqdm, on stderr, with rate and ETA) is shown only when stderr is a terminal and the
run is not quiet. Log lines are `event=NAME key=value ...` (logfmt), one per fact, on the
"conflict_events.corpus" logger, so they can be grepped or parsed by log collectors.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from tqdm import tqdm

LOGGER_NAME = "conflict_events.corpus"
log = logging.getLogger(LOGGER_NAME)

T = TypeVar("T")


def _value(value: Any) -> str:
    text = f"{value:.2f}" if isinstance(value, float) else str(value)
    if not text or any(ch in text for ch in ' ="'):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def logfmt(event: str, **fields: Any) -> str:
    """'event=NAME k=v ...' with values quoted where they hold spaces, '=' or quotes."""
    return " ".join([f"event={_value(event)}",
                     *(f"{key}={_value(value)}" for key, value in fields.items())])


def log_event(event: str, level: int = logging.INFO, **fields: Any) -> None:
    log.log(level, logfmt(event, **fields))


class _StderrHandler(logging.Handler):
    """Writes to whatever sys.stderr is at the time of the record (it may be replaced),
    through tqdm so that a progress bar on the terminal is redrawn below the line."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            tqdm.write(self.format(record), file=sys.stderr)
        except Exception:
            self.handleError(record)


def configure_logging(quiet: bool = False, verbose: bool = False) -> None:
    """Log lines to stderr for the command line: warnings only when quiet, debug when
    verbose, else info. Calling it again only changes the level."""
    level = logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(level)
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s level=%(levelname)s %(message)s",
                                               "%Y-%m-%dT%H:%M:%S"))
        logger.addHandler(handler)


def show_bar(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty()


def progress(items: Iterable[T], *, quiet: bool, total: int | None = None,
             unit: str = "article") -> Iterator[T]:
    """ITEMS, with a bar showing count, rate and ETA when show_bar()."""
    if not show_bar(quiet):
        yield from items
        return
    with tqdm(items, total=total, unit=unit, file=sys.stderr, dynamic_ncols=True,
              smoothing=0.1) as bar:
        yield from bar
