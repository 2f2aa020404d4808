"""Shared fixtures. Development data lives beside the project in ../shared; tests that need it
skip with a clear reason where it is absent (a fresh clone)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conflict_events.geo.gazetteer import Gazetteer

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CONFLICT_EVENTS_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """Path under ../shared, or skip the test naming what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"development data not available: {path} is absent (it sits beside the "
                    "repository in ../shared on development machines and CI)")
    return path


def only_event(text: str, country: str, published: dt.date = dt.date(2023, 5, 4)) -> Any:
    """The one event of a text set at the made-up place in `country`; fails if there are more."""
    from conflict_events.extract.testing import fixed_place_events

    found = fixed_place_events(text, country, published)
    assert len(found) == 1, [(e.sub_event_type.value, e.actor1, e.actor2) for e in found]
    return found[0]


@pytest.fixture
def shared() -> Path:
    return shared_path()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gazetteer]:
    """The world default without any country file the developer may have added (one per test
    module: other modules reset the default)."""
    saved = os.environ.get("CONFLICT_EVENTS_DATA_DIR")
    os.environ["CONFLICT_EVENTS_DATA_DIR"] = str(tmp_path_factory.mktemp("no-country-files"))
    Gazetteer.reset_default()
    try:
        yield Gazetteer.default()
    finally:
        if saved is None:
            os.environ.pop("CONFLICT_EVENTS_DATA_DIR", None)
        else:
            os.environ["CONFLICT_EVENTS_DATA_DIR"] = saved
        Gazetteer.reset_default()
