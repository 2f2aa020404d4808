"""Stage `places`: place mentions resolved through the gazetteer.

One geocoder call over the whole text (cheaper than one per sentence); the assembly stage
then assigns places to sentences by their spans. Country-only mentions are kept apart: ACLED
codes no event at country level, but they tell the country of generic actors."""

from __future__ import annotations

import bisect
import math
from collections import Counter
from typing import TYPE_CHECKING

from conflict_events.extract import resources
from conflict_events.extract.doc import Doc, PlaceMention
from conflict_events.extract.pipeline import register_stage

if TYPE_CHECKING:
    from conflict_events.geo.geocoder import GeocodeResult


def actor_country_hint(doc: Doc) -> str | None:
    """The country the article's actors point to: named non-state groups operate mostly at
    home; state forces named by a demonym come next."""
    votes: Counter[str] = Counter()
    for a in doc.actors:
        if a.country is None:
            continue
        if a.kind == "named" and a.inter in (2, 3, 4):
            votes[a.country] += 2
        elif a.kind in ("named", "military", "police", "government"):
            votes[a.country] += 1
    return votes.most_common(1)[0][0] if votes else None


def _focus_text(doc: Doc) -> tuple[str, list[tuple[int, int]]]:
    """The focus spans joined by blank lines, with each span's offset in that string."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []  # (offset in joined text, offset in doc.text)
    position = 0
    for start, end in doc.focus:
        offsets.append((position, start))
        parts.append(doc.text[start:end])
        position += end - start + 2
    return "\n\n".join(parts), offsets


def _back(offsets: list[tuple[int, int]], index: int) -> int:
    # (index, inf) sorts after every pair starting at or before index
    k = max(0, bisect.bisect_right(offsets, (index, math.inf)) - 1)
    joined, original = offsets[k]
    return original + index - joined


def _says_where(result: GeocodeResult, hint: str) -> bool:
    """Whether the text says itself where its places are, better than who acted there: it
    writes a place's admin area ("positions at Munjuglu, Tovuz"), or it names the country of
    its first place outright ("in Zap region of Dahuk, Northern Iraq") and the actors' country
    only by a demonym ("Turkish forces")."""
    if result.names_areas_of_places():
        return True
    first = result.places[0].location if result.places else None
    return (
        first is not None
        and first.country in result.named_countries
        and hint not in result.named_countries
    )


def find_places(doc: Doc) -> None:
    geocoder = resources.geocoder()
    doc.places = []
    doc.countries = []
    if geocoder is not None and doc.focus:
        text, offsets = _focus_text(doc)
        result = geocoder.resolve(text)
        hint = actor_country_hint(doc)
        if hint is not None and not _says_where(result, hint) and not any(
            p.location is not None and p.location.country == hint for p in result.places
        ) and geocoder.could_place_in(text, hint):
            # The places read alone point elsewhere than the actors: read them again with
            # the actors' country, and keep that reading when it finds places there (it can
            # only where some name has a namesake in that country).
            again = geocoder.resolve(text, country=hint)
            if any(p.location is not None and p.location.country == hint for p in again.places):
                result = again
        doc.country_focus = list(getattr(result, "country_focus", []) or [])
        for place in result.places:
            if place.kind == "country" or place.location is None:
                continue
            doc.places.append(PlaceMention(
                start=_back(offsets, place.start), end=_back(offsets, place.end),
                location=place.location, kind=place.kind,
                relation=place.relation, name=place.name, score=float(place.score),
                located=place.located,
            ))
        # the geocoder already found the country names: no second scan of the text
        doc.countries = [(_back(offsets, s), _back(offsets, e), c)
                         for s, e, c in result.countries]


register_stage(
    "places", inputs=("text", "actors", "focus"), outputs=("places", "countries", "country_focus")
)(find_places)
