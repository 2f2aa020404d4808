"""crowd_size: tag demonstration events with ACLED's crowd-size tag.

ACLED records the size of a demonstration in `tags` as `crowd size=...`, using the words of
the report ("dozens", "hundreds", "thousands") or a number, and `crowd size=no report` when
the sources give none. This stage reads each protest or riot event's evidence sentences and
adds that tag. It runs after the built-in stages:

    pipe = Pipeline.default().add_stage("crowd_size", after="finalise")
"""

from __future__ import annotations

import re

from conflict_events.extract.doc import Doc
from conflict_events.extract.pipeline import register_stage
from conflict_events.schema.taxonomy import EventType

CROWD_EVENT_TYPES = {EventType.PROTESTS, EventType.RIOTS}
# "hundreds of protesters", "thousands of people", "about 300 demonstrators"
CROWD = re.compile(
    r"\b(?P<size>dozens|scores|hundreds|thousands|tens of thousands|\d[\d,]*)\s+"
    r"(?:of\s+)?(?:people|protesters|protestors|demonstrators|residents|students|workers|"
    r"supporters|women|farmers|traders)\b",
    re.IGNORECASE,
)
TAG = "crowd size="


def crowd_size_of(sentence: str) -> str | None:
    """The size phrase of the first crowd the sentence mentions, as ACLED writes it."""
    match = CROWD.search(sentence)
    if match is None:
        return None
    size = match.group("size").lower()
    return size.replace(",", "") if size[0].isdigit() else size


@register_stage("crowd_size", inputs=("events",), outputs=("events",))
def crowd_size(doc: Doc) -> None:
    """Add 'crowd size=...' to the tags of protest and riot events."""
    for event in doc.events:
        if event.event_type not in CROWD_EVENT_TYPES:
            continue
        if any(tag.startswith(TAG) for tag in event.tags):
            continue
        size = None
        for span in event.evidence:
            if span.article_id == doc.article.article_id:
                size = crowd_size_of(doc.original[span.start:span.end])
                if size:
                    break
        event.tags.append(TAG + (size or "no report"))
