"""Access to the knowledge other parts of the package provide: the actor lexicon and the
geocoder. Loaded once per process; each degrades to a documented fallback when its data is
not installed, so that extraction still runs (with fewer named actors or places)."""

from __future__ import annotations

import datetime as dt
import logging
import re
from functools import cache
from typing import Any

from conflict_events.errors import ConflictEventsError

log = logging.getLogger(__name__)

STATE_KIND_PREFIX = {"military": "Military Forces of", "police": "Police Forces of",
                     "government": "Government of"}


@cache
def actor_lexicon() -> Any | None:
    """The project's ActorLexicon, or None when it cannot be loaded."""
    try:
        from conflict_events.knowledge.actors import load_actor_lexicon

        return load_actor_lexicon()
    except (ImportError, ConflictEventsError, AssertionError) as exc:
        log.warning("actor lexicon unavailable (%s); only generic actors are recognised", exc)
        return None


@cache
def demonyms() -> dict[str, str]:
    """Lower-cased demonym/adjective -> ACLED country name."""
    lexicon = actor_lexicon()
    table: dict[str, tuple[str, ...]] = {}
    if lexicon is not None:
        table = dict(lexicon.country_adjectives)
    else:
        try:
            from importlib import resources

            import yaml

            path = resources.files("conflict_events.knowledge").joinpath("actors/demonyms.yaml")
            table = {k: tuple(v) for k, v in
                     yaml.safe_load(path.read_text(encoding="utf-8"))["countries"].items()}
        except (OSError, KeyError, TypeError, ValueError):
            table = {}
    out: dict[str, str] = {}
    for country, words in table.items():
        for word in words:
            out.setdefault(word.casefold(), country)
    return out


@cache
def demonym_regex() -> re.Pattern[str] | None:
    words = sorted(demonyms(), key=len, reverse=True)
    words = [w for w in words if len(w) > 3]
    if not words:
        return None
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def state_force_name(country: str, day: dt.date, kind: str = "military") -> str:
    """ACLED name of a country's state forces on a day ("Military Forces of Syria (2000-2024)");
    without the lexicon, the base name without the period."""
    lexicon = actor_lexicon()
    if lexicon is not None:
        try:
            return str(lexicon.state_forces(country, day, kind))
        except (ConflictEventsError, KeyError, ValueError):
            pass
    prefix = STATE_KIND_PREFIX.get(kind, "Military Forces of")
    needs_the = country.startswith(("Democratic Republic", "United", "Central African",
                                    "Republic of", "Philippines", "Netherlands"))
    return f"{prefix} {'the ' if needs_the else ''}{country}"


@cache
def geocoder() -> Any | None:
    """A geo.Geocoder over the default gazetteer, or None when geo is not available."""
    try:
        from conflict_events import geo

        return geo.Geocoder(geo.Gazetteer.default())
    except (ImportError, AttributeError, ConflictEventsError, OSError) as exc:
        log.warning("geocoder unavailable (%s); events cannot be located", exc)
        return None


def country_mentions(text: str) -> list[tuple[int, int, str]]:
    try:
        from conflict_events import geo

        return list(geo.country_mentions(text))
    except (ImportError, AttributeError):
        return []
