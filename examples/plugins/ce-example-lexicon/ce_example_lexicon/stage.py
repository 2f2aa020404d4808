"""papua_actors: name the actors of this package's lexicon in a text.

The built-in `actors` stage reads the project's lexicon; this stage runs right after it and
adds the named actors of the YAML files in this package's actors/ folder.

    pipe = Pipeline.default().add_stage("papua_actors", after="actors")
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import yaml

from conflict_events.extract.doc import ActorMention, Doc
from conflict_events.extract.pipeline import register_stage
from conflict_events.knowledge.actors import ActorEntry, ActorLexicon


@cache
def entries() -> tuple[ActorEntry, ...]:
    """Every entry of the package's actor files, validated by the project's model."""
    found: list[ActorEntry] = []
    for item in sorted(files(__package__).joinpath("actors").iterdir(), key=lambda i: i.name):
        if not item.name.endswith(".yaml"):
            continue
        data = yaml.safe_load(item.read_text(encoding="utf-8"))
        found += [ActorEntry.model_validate({**entry, "source_file": item.name})
                  for entry in data["entries"]]
    return tuple(found)


@cache
def lexicon() -> ActorLexicon:
    return ActorLexicon(entries(), state_forces={}, country_adjectives={})


def _overlaps(a: ActorMention, b: ActorMention) -> bool:
    return a.start < b.end and b.start < a.end


def _covers(a: ActorMention, b: ActorMention) -> bool:
    return a.start <= b.start and b.end <= a.end


@register_stage("papua_actors", inputs=("text", "actors"), outputs=("actors",))
def papua_actors(doc: Doc) -> None:
    """Add this lexicon's named actors. As in the built-in stage the longer mention wins: a
    named actor here replaces every mention it covers ("Papuan separatist rebels" over
    "rebels") and gives way to a longer one that overlaps it."""
    named = [
        ActorMention(m.start, m.end, "named", m.entry.name, m.entry.inter,
                     country=m.entry.country, text=m.text)
        for m in lexicon().match(doc.text, day=doc.published)
    ]
    if not named:
        return
    kept = [a for a in doc.actors if not any(_covers(n, a) for n in named)]
    kept += [n for n in named if not any(_overlaps(n, a) for a in kept)]
    doc.actors = sorted(kept, key=lambda a: a.start)
