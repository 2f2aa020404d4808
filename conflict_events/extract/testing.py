"""Helpers to test extraction rules without the gazetteer.

`fixed_place_pipeline()` is the default pipeline whose `places` stage is replaced by one that
puts every sentence at a made-up place in the country given in `article.extra["country"]`, so
that the coding rules can be exercised on any sentence:

    pipe = fixed_place_pipeline()
    article = Article(article_id="t", text="...", published=..., extra={"country": "Nigeria"})
    doc = pipe(article)

`fixed_place_events(text, country)` does the same for one text and returns its events.
"""

from __future__ import annotations

import datetime as dt

from conflict_events.errors import PipelineError
from conflict_events.extract.doc import Doc, PlaceMention
from conflict_events.extract.pipeline import Pipeline, register_stage
from conflict_events.schema.countries import country_by_name
from conflict_events.schema.models import Article, Event, Location
from conflict_events.schema.taxonomy import GeoPrecision, Region

FIXED_PLACE_STAGE = "fixed_place"


def fixed_place(doc: Doc) -> None:
    """One place per sentence, named 'Testville', in the article's `extra["country"]`."""
    name = doc.article.extra.get("country")
    country = country_by_name(name) if isinstance(name, str) else None
    if country is None:
        raise PipelineError(f"fixed_place needs article.extra['country'], got {name!r}")
    location = Location(
        location="Testville", admin1="Test Province", country=country.name, iso=country.iso,
        region=Region.parse(country.region), latitude=1.0, longitude=1.0,
        geo_precision=GeoPrecision.PLACE,
    )
    doc.places = [
        PlaceMention(s.end, s.end, location, name="Testville") for s in doc.sentences
    ]
    doc.countries = []
    doc.country_focus = [(country.name, 1.0)]


register_stage(
    FIXED_PLACE_STAGE, inputs=("text", "sentences"),
    outputs=("places", "countries", "country_focus"),
)(fixed_place)


def fixed_place_pipeline() -> Pipeline:
    return Pipeline.default().replace_stage("places", FIXED_PLACE_STAGE)


def fixed_place_events(text: str, country: str,
                       published: dt.date = dt.date(2023, 5, 4)) -> list[Event]:
    """The events of one text set in `country`, every sentence at the made-up place."""
    article = Article(article_id="t", text=text, published=published,
                      extra={"country": country})
    return fixed_place_pipeline()(article).events
