"""Stage `places`: place mentions resolved through the gazetteer.

One geocoder call over the whole text (cheaper than one per sentence); the assembly stage
then assigns places to sentences by their spans. Country-only mentions are kept apart: ACLED
codes no event at country level, but they tell the country of generic actors."""

from __future__ import annotations

from conflict_events.extract import resources
from conflict_events.extract.doc import Doc, PlaceMention
from conflict_events.extract.pipeline import register_stage


def find_places(doc: Doc) -> None:
    geocoder = resources.geocoder()
    doc.places = []
    if geocoder is not None:
        result = geocoder.resolve(doc.text)
        doc.country_focus = list(getattr(result, "country_focus", []) or [])
        for place in result.places:
            if place.kind == "country" or place.location is None:
                continue
            doc.places.append(PlaceMention(
                start=place.start, end=place.end, location=place.location, kind=place.kind,
                relation=place.relation, name=place.name, score=float(place.score),
            ))
    doc.countries = resources.country_mentions(doc.text)


register_stage("places", inputs=("text",), outputs=("places", "countries", "country_focus"))(
    find_places
)
