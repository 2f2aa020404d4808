"""ACLED names and inter codes of actor mentions, given the country and day of the event.

- Named actors keep their lexicon name and type; a state's forces acting outside their own
  country are External/Other forces (inter 8), e.g. Turkish forces in Syria.
- Generic state-force words ("regime forces", "troops", "police") name the forces of the
  country of the event, or of the country a demonym names ("Turkish troops").
- Other generic words name ACLED's country actors: "Unidentified Armed Group (Nigeria)",
  "Protesters (India)", "Rioters (Chile)", "Civilians (Mexico)", "Fulani Ethnic Militia
  (Nigeria)".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from conflict_events.coding.conventions import default_perpetrator
from conflict_events.extract import resources
from conflict_events.extract.doc import ActorMention
from conflict_events.extract.lexicons import community_of, generic_lexicon
from conflict_events.schema.taxonomy import Inter

STATE_KINDS = ("military", "police", "government")
# Civilians acting as a crowd (their violence is mob violence), not one or two persons.
_CROWD_WORDS = re.compile(
    r"\b(?:villagers|residents|locals|inhabitants|people|communit\w*|youths|neighbou?rs|"
    r"relatives|family members|dozens?|groups?|crowds?|workers|traders|students|farmers|"
    r"supporters|members)\b", re.IGNORECASE)


@dataclass(frozen=True)
class CodedActor:
    name: str
    inter: int
    kind: str
    home: str | None = None  # the state's own country, for state forces
    plural: bool = False  # a group ("villagers") rather than one person ("a man")

    @property
    def armed(self) -> bool:
        # a government (ministers, a delegation) is a state actor, not a fighting force
        return self.inter in (1, 2, 3, 4, 8) and self.kind != "government"

    @property
    def state(self) -> bool:
        return self.kind in STATE_KINDS or (self.kind == "named" and self.home is not None
                                            and self.inter in (1, 8))

    @property
    def crowd(self) -> bool:
        return self.inter in (5, 6)

    @property
    def civilian(self) -> bool:
        return self.inter == 7


def country_actor(template: str, country: str) -> str:
    return template.format(country=country)


_CRIMINAL = re.compile(
    r"\b(?:gangs?|gangland|cartels?|criminal groups?|organi[sz]ed crime|drug traffick\w*|narco\w*|"
    r"hitm[ae]n|sicarios?)\b", re.IGNORECASE)


_GANG_MOTIVE = re.compile(
    r"\b(?:rivalry|rivalries|dispute|war|feud|conflict)s? (?:between|among) (?:rival )?(?:gangs|"
    r"cartels|criminal groups)|\bgang (?:rivalry|war|feud|dispute)s?|\bdrug[- ]trafficking "
    r"(?:\w+ )?(?:dispute|war)|\b(?:territorial|turf) (?:dispute|war)s?", re.IGNORECASE)
_PRO = re.compile(r"pro-([A-Z][\w-]+)")


@lru_cache(maxsize=256)  # the coding rules ask again about the text of the event they code
def unidentified(country: str, context: str = "") -> CodedActor:
    """ACLED's unnamed perpetrator: an Unidentified Gang where the report frames the violence
    as criminal (gangs, cartels, drug trafficking), else an Unidentified Armed Group."""
    # a killing the report puts down to a gang feud is a gang's; then the country's convention
    # (its hallmarks describe the deed, while gang words may describe the victim: "the victim
    # had a record for drug trafficking")
    if context and _GANG_MOTIVE.search(context):
        return CodedActor(f"Unidentified Gang ({country})", int(Inter.POLITICAL_MILITIA), "gang")
    default = default_perpetrator(country, context) if context else None
    if default is not None:
        return CodedActor(default, int(Inter.POLITICAL_MILITIA), "gang")
    if context and _CRIMINAL.search(context):
        return CodedActor(f"Unidentified Gang ({country})", int(Inter.POLITICAL_MILITIA), "gang")
    return CodedActor(f"Unidentified Armed Group ({country})", int(Inter.POLITICAL_MILITIA),
                      "armed_group")


def civilians(country: str) -> CodedActor:
    return CodedActor(f"Civilians ({country})", int(Inter.CIVILIANS), "civilians")


def protesters(country: str) -> CodedActor:
    return CodedActor(f"Protesters ({country})", int(Inter.PROTESTERS), "protesters")


def rioters(country: str) -> CodedActor:
    return CodedActor(f"Rioters ({country})", int(Inter.RIOTERS), "rioters")


@lru_cache(maxsize=8192)  # the same forces are coded event after event (a frozen result)
def state_forces(country: str, day: dt.date, kind: str, event_country: str,
                 words: str = "") -> CodedActor:
    """The state forces of `country`. When the mention's `words` hold one of that country's
    own forms (state_forces.yaml), its kind and unit decide: "pro-Hadi forces" are the
    military, "Military Police" the unit ACLED names ("... (2019-) Military Police")."""
    form = _own_form(country, words) if words else None
    unit = None
    if form is not None and not (form == ("government", None) and kind != "government"):
        # (a government's form read in words that name its forces or weapons is those forces:
        # "Syrian government helicopters")
        kind, unit = form
    lexicon = resources.actor_lexicon()
    if unit and lexicon is not None:
        name = lexicon.state_forces(country, day, kind, unit)  # the unit replaces a suffix
    else:
        name = resources.state_force_name(country, day, kind)
    inter = Inter.STATE_FORCES if country == event_country else Inter.EXTERNAL_OTHER_FORCES
    return CodedActor(name, int(inter), kind, home=country)


@lru_cache(maxsize=4096)
def _own_form(country: str, words: str) -> tuple[str, str | None] | None:
    lexicon = resources.actor_lexicon()
    return lexicon.state_force_form_of(country, words) if lexicon is not None else None


@lru_cache(maxsize=65536)
def _lookup(text: str, name: str, country: str, day: dt.date) -> Any:
    """The lexicon entry a named mention denotes in `country` on `day` (cached: fuzzy lookups
    are slow and names repeat across articles)."""
    lexicon = resources.actor_lexicon()
    if lexicon is None:
        return None
    # the words as written first (a country branch: "Islamic State" in Iraq), but never a
    # spelling-tolerant guess from them ("HTS security forces" is not "Hamas security forces")
    found = lexicon.find(text, country=country, day=day) if lexicon.has_form(text) else None
    return found or lexicon.find(name, country=country, day=day)


@lru_cache(maxsize=4096)
def _generic_reading(text: str) -> ActorMention | None:
    """How the generic actor words read a text that named an actor only in another country's
    stories ("Fulani herdsmen" outside West Africa, "insurgents" outside Mozambique)."""
    lex = generic_lexicon()
    m = lex.community_regex.search(text)
    if m is not None:
        return ActorMention(0, len(text), "identity_militia", None, int(Inter.IDENTITY_MILITIA),
                            template=f"{community_of(m)} Ethnic Militia ({{country}})",
                            text=text)
    m = lex.clan_regex.search(text)
    if m is not None:
        return ActorMention(0, len(text), "identity_militia", None, int(Inter.IDENTITY_MILITIA),
                            template=f"{m.group(1)} Clan Militia ({{country}})", text=text)
    m = lex.regex.search(text)
    if m is not None:
        group = lex.group_kind[m.lastgroup or ""]
        return ActorMention(0, len(text), group.kind, None, group.inter, template=group.name,
                            text=text)
    return None


def _out_of_scope(mention: ActorMention, country: str, day: dt.date) -> bool:
    """The mention names its actor only by a context form, and the event is not where that
    actor operates."""
    if not _context_only(mention.text):
        return False
    return _lookup(mention.text, mention.text, country, day) is None


@lru_cache(maxsize=65536)  # asked for every named mention coded; names repeat across articles
def _context_only(text: str) -> bool:
    lexicon = resources.actor_lexicon()
    return lexicon is not None and bool(lexicon.context_only(text))


def code_actor(mention: ActorMention, country: str, day: dt.date) -> CodedActor:
    """ACLED name and inter code of a mention in an event in `country` on `day`."""
    if mention.kind == "named" and mention.name and _out_of_scope(mention, country, day):
        generic = _generic_reading(mention.text)
        return code_actor(generic, country, day) if generic is not None else unidentified(
            country)
    if mention.kind == "named" and mention.name:
        lexicon = resources.actor_lexicon()
        if lexicon is not None:
            # the same name may denote a country branch ("Islamic State" in Egypt)
            entry = _lookup(mention.text, mention.name, country, day)
            if (entry is not None and entry.country not in (None, country)
                    and mention.text.islower() and int(entry.inter) in (2, 3, 4)):
                # a common noun ("rebels") read as another country's group: a generic actor
                return unidentified(country)
            if entry is not None and entry.name != mention.name:
                mention = ActorMention(mention.start, mention.end, "named", entry.name,
                                       int(entry.inter), country=entry.country,
                                       text=mention.text)
        inter = mention.inter
        home = mention.country
        if inter == Inter.STATE_FORCES and home and home != country:
            inter = int(Inter.EXTERNAL_OTHER_FORCES)
        return CodedActor(mention.name or "", inter, "named",
                          home=home if mention.inter in (1, 8) else None)
    allegiance = _PRO.match(mention.text)
    if allegiance is not None and mention.kind == "armed_group":
        # "pro-Houthi forces": the forces of the group named
        entry = _lookup(allegiance.group(1), allegiance.group(1), country, day)
        if entry is not None and int(entry.inter) in (1, 2, 3, 8):
            return code_actor(ActorMention(mention.start, mention.end, "named", entry.name,
                                           int(entry.inter), country=entry.country,
                                           text=allegiance.group(1)), country, day)
    if mention.kind in STATE_KINDS:
        return state_forces(mention.country or country, day, mention.kind, country,
                            mention.text)
    if mention.kind == "rebels":
        lexicon = resources.actor_lexicon()
        # a country's aggregate name for its unnamed rebels, where ACLED has one
        aggregate = lexicon.by_name(f"Opposition Rebels ({country})") if lexicon else None
        if aggregate is not None:
            return CodedActor(aggregate.name, int(aggregate.inter), "named")
    if mention.template:
        return _country_group(mention.template, country, mention.inter, mention.kind,
                              mention.text)
    return unidentified(country)


@lru_cache(maxsize=8192)  # the same generic words are coded event after event (a frozen result)
def _country_group(template: str, country: str, inter: int, kind: str, text: str) -> CodedActor:
    """A generic actor of the event's country ("Protesters (India)") as the words name it."""
    return CodedActor(country_actor(template, country), inter, kind,
                      plural=bool(_CROWD_WORDS.search(text)))
