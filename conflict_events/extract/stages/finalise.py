"""Stage `finalise`: coded mentions become validated Event records with evidence (original
text offsets), notes, source and confidence. A mention that fails validation is dropped with
its reason, never raised: one odd sentence must not lose the article's other events."""

from __future__ import annotations

from pydantic import ValidationError

from conflict_events._version import __version__
from conflict_events.coding.notes import notes_for
from conflict_events.extract.doc import Doc
from conflict_events.extract.pipeline import register_stage
from conflict_events.schema.models import Event
from conflict_events.schema.taxonomy import CIVILIANS_TARGETED


def finalise(doc: Doc) -> None:
    article = doc.article
    events = []
    for m in doc.mentions:
        loc = m.place.location
        # plain data, validated once with the Event (an Evidence made here would be checked
        # again there)
        evidence = []
        for i in m.sentences:
            s = doc.sentences[i]
            start, end = doc.original_span(s.start, s.end)
            evidence.append({"article_id": article.article_id, "start": start, "end": end})
        notes = notes_for(
            day=m.day, precision=m.time_precision,
            actor1=m.actor1_text or m.actor1, actor2=(m.actor2_text or m.actor2),
            verb=m.verb, location=loc, relation=m.place.relation, fatalities=m.fatalities,
            sub_event_type=m.sub_event_type,
        )
        try:
            event = Event.model_validate(dict(
                event_date=m.day, time_precision=m.time_precision,
                sub_event_type=m.sub_event_type, actor1=m.actor1, assoc_actor_1=m.assoc1,
                inter1=m.inter1, actor2=m.actor2, assoc_actor_2=m.assoc2, inter2=m.inter2,
                civilian_targeting=CIVILIANS_TARGETED if m.civilian_targeting else None,
                iso=loc.iso, region=loc.region, country=loc.country, admin1=loc.admin1,
                admin2=loc.admin2, admin3=loc.admin3, location=loc.location,
                latitude=loc.latitude, longitude=loc.longitude,
                geo_precision=loc.geo_precision, source=[article.source] if article.source
                else [], notes=notes, fatalities=m.fatalities, article_ids=[article.article_id],
                evidence=evidence, confidence=m.confidence, extractor_version=__version__,
            ))
        except ValidationError as exc:
            doc.dropped.append(("invalid_event", str(exc.errors()[0].get("msg"))))
            continue
        events.append(event)
    doc.events = events


register_stage("finalise", inputs=("mentions", "sentences"), outputs=("events",))(finalise)
