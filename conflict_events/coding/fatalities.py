"""ACLED fatality conventions.

- Only reported deaths count; injuries never do; unknown is 0, not null.
- Distinct figures in one report (different victim groups) add up, unless the report states
  a total ("3 fatalities", "the death toll rose to 5"): the total then stands alone.
- A figure attributed to another source for the same event conflicts: the lowest is kept.
- Vague quantities were already turned into numbers by the numbers stage (dozens 12,
  hundreds 100, several 3); a vague figure in a large-scale context ("heavy", "fierce",
  "massive") or a battle ("clashes", "front") counts 10 instead of 3.
- One body found is one death.
- A suicide bombing counts the bomber.
- A toll over several days (or split by the report across several events) is divided: one
  day's share, the first day taking the remainder.
- Deaths that are not this event's do not count: animals killed, deaths from illness or a
  road accident, a death "at an unspecified location", a figure lumping the dead with the
  wounded or captured ("killed, injured or captured").
- Sub-event types whose definition excludes deaths (a peaceful protest, a protest dispersed
  without lethal force, an abduction without further violence, an arrest) code 0: deaths the
  report tells with them are another event's (the killing the protest is about), and go to
  the violent event of the same day and place when it has no toll of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from conflict_events.extract.anchors import Words, fold
from conflict_events.extract.doc import EventMention, NumberMention
from conflict_events.schema.taxonomy import EventType, SubEventType

# Vague figures of a large-scale event, or of combatants killed on a front, count 10 (codebook
# 1.8: "several" is 3 or 10 depending on scale and context).
_LARGE_SCALE = re.compile(r"\b(?:heavy|fierce|massive|large-scale|intense|major|violent|"
                          r"clash\w*|front ?lines?|fronts?|fighting|battles?|offensive)\b",
                          re.IGNORECASE)


# What follows a death phrase and says the deaths are not this event's victims.
# (single spaces: it reads the normalised text, where a run of spaces is one space)
_NOT_THIS_EVENT = re.compile(
    r" ?(?<![\w-])(?:"  # (never from inside a word: a long word is read once)
    r"(?:[\w-]+ ){0,2}?(?:livestock|cattle|cows?|goats?|sheep|camels?|donkeys?|horses?|"
    r"pigs?|chickens?|dogs?|animals?)\b|"
    r"(?:\w+ ){0,3}?(?:from|of|due to|after contracting) (?:the )?(?:coronavirus|covid|"
    r"virus|illness|disease|natural causes|heart attack|cholera|malaria)|"
    r"(?:\w+ ){0,3}?in an? (?:road|traffic|car|motorcycle|vehicle) (?:accident|crash)|"
    # "killed at an unspecified location." (not "... location in the region"): elsewhere
    r"(?:\w+ ){0,3}?(?:at|in) an? (?:unspecified|unknown) (?:location|place)\b"
    r"(?! (?:in|of|near)\b)|"
    r",? ?(?:injured|wounded),? (?:or|and/or) (?:captured|arrested|detained)"
    r")",
    re.IGNORECASE,
)


def not_this_event(after: str) -> bool:
    """The text right after a death phrase says the dead are not victims of this event:
    animals ("killed 15 livestock"), illness or a road accident ("died from coronavirus"), a
    place left unknown ("one soldier was killed at an unspecified location"), or a figure
    that lumps the dead with the wounded or captured ("were killed, injured or captured")."""
    return bool(_NOT_THIS_EVENT.match(after))


# "More than 7,000 people have died since the insurgency began": a toll told in the perfect
# and counted from a past moment is a running total, the background of the story, not this
# event's dead. A weekday or a time of day after "since" dates a toll of the last days instead.
_SINCE = re.compile(
    r" ?(?:[\w,'-]+ ){0,3}?since (?!(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"yesterday|last night|this morning|dawn|morning|midnight|noon|the morning|the evening)\b)",
    re.IGNORECASE,
)
_PERFECT = re.compile(r"\b(?:have|has|had)\b", re.IGNORECASE)


def running_total(phrase: str, after: str) -> bool:
    """The death phrase, told in the perfect ("have been killed") and followed by "since" a
    past moment, is a running total of a conflict or a campaign ("At least 15 candidates have
    been killed since the campaign began"), not the toll of the event reported."""
    return bool(_PERFECT.search(phrase)) and bool(_SINCE.match(after))


# Codebook 1.2: a death makes a protest Excessive force against protesters, an abduction
# with violence an Attack, and an arrest that kills is an attack or a fight; these sub-event
# types are deathless by definition.
_DEATHLESS = frozenset({"Peaceful protest", "Protest with intervention",
                        "Abduction/forced disappearance", "Arrests"})
_VIOLENT = frozenset({EventType.BATTLES, EventType.VIOLENCE_AGAINST_CIVILIANS,
                      EventType.EXPLOSIONS_REMOTE_VIOLENCE, EventType.RIOTS})


def within_definition(sub_event_type: str, fatalities: int) -> int:
    """0 for a sub-event type whose definition excludes deaths, else the figure."""
    return 0 if sub_event_type in _DEATHLESS else fatalities


def code_deaths_to_violence(mentions: Sequence[EventMention]) -> None:
    """Deaths read with a deathless event ("The victim died and police arrested four of the
    perpetrators.") are the toll of the violent event of the same day and place when it has
    none of its own; the deathless event then codes 0."""
    for m in mentions:
        if not m.fatalities or m.sub_event_type not in _DEATHLESS:
            continue
        violent = next((o for o in mentions if o.day == m.day and o.fatalities == 0
                        and o.place.location.location == m.place.location.location
                        and SubEventType(o.sub_event_type).event_type in _VIOLENT), None)
        if violent is not None:
            violent.fatalities = m.fatalities
        m.fatalities = 0


def total(numbers: list[NumberMention], context: str = "") -> int:
    totals = [n for n in numbers if n.is_total and not n.negated]
    if totals:
        return daily_share(min(n.value for n in totals), context)
    value = 0
    for n in sorted(numbers, key=lambda n: n.start):
        figure = n.value
        if n.negated:
            continue
        if n.vague and figure == 3 and _LARGE_SCALE.search(context):
            figure = 10
        if n.conflicting and value:
            value = min(value, figure)
        else:
            value += figure
    return daily_share(value, context)


# "two female suicide bombers": a bombing by more than one bomber counts each of them
_BOMBERS = re.compile(r"\b(two|three|four|five|[2-5]) (?:[\w-]+ ){0,2}?suicide bombers\b",
                      re.IGNORECASE)


def with_bomber(fatalities: int, context: str) -> int:
    """Suicide bombings count the bomber, or each of the bombers, unless the report already
    did."""
    if re.search(r"\bincluding the (?:suicide )?(?:bombers?|attackers?)|bomber (?:was|also) killed|"
                 r"\b(?:both|two|three|four|five|[2-5]) (?:of the )?(?:suicide )?bombers "
                 r"(?:(?:were|also|later) ){0,2}(?:killed|died)\b", context, re.IGNORECASE):
        return fatalities
    bombers = _BOMBERS.search(context)
    if bombers is None:
        return fatalities + 1
    figure = bombers.group(1).lower()
    return fatalities + (int(figure) if figure.isdigit() else _WORD_COUNT[figure])


_SINGLE_DEATH = re.compile(
    r"\b(?:a|an|one)\s[^.;]{0,120}?\b(?:was|has been|had been|got)\s+"
    r"(?:(?!not\b|nearly\b|almost\b|narrowly\b)[\w-]+\s+){0,5}?"
    r"(?:killed|shot dead|shot to death|stabbed to death|beaten to death|hacked to death|burned "
    r"to death|murdered|beheaded|executed|found dead|lynched|strangled)\b|"
    r"\bthe (?:[\w-]+ )?body of (?:a|an|one)\b[^.;]{0,80}?\b(?:was|has been) (?:found|discovered|"
    r"recovered|dumped|left)\b|\b(?:resulting in|causing|"
    r"leading to|led to) (?:his|her|the) death\b|\b(?:resulting in|causing|leading to|led to) "
    r"(?:the )?(?:death|killing) of (?:a|an|one)\b|"
    r"\b(?:he|she|the victim|the man|the woman|the "
    r"officer|the soldier|the guard|the boy|the girl) (?:later |subsequently )?died\b|"
    r"\b(?:a|an|one) (?:(?!who\b|that\b)[\w'-]+ ){1,8}?(?:later |subsequently )?died\b|"
    # "opened fire on a civilian, killing him"
    r"\b(?:killed|killing|shot dead|assassinated|murdered|executed|beheaded) (?:him|her)\b(?! and)|"
    # "beat a young man to death", "tortured a villager to death"
    r"\b(?:beat|beaten|stabbed|hacked|burned|burnt|tortured|shot|stoned|lynched|hanged) (?:a|an|"
    r"one|the) (?:[\w'-]+ ){0,4}to death\b|"
    # "resulted in the death of the commander"
    r"\b(?:resulted in|resulting in|caused|causing|led to|leading to) the (?:death|killing) of "
    r"(?:a|an|one|the|their|its)\b|"
    # "the district head of intelligence was killed", "a man's body was found"
    r"\bthe (?:[\w-]+ ){1,6}?(?:was|has been) (?:shot dead|killed|murdered|assassinated|executed|"
    r"beheaded|lynched)\b|\b(?:a|an|one) (?:[\w-]+ ){0,2}(?:man|woman|person|boy|girl|child|"
    r"civilian|villager|farmer)'s (?:dead )?body (?:was|has been) (?:found|discovered|recovered)\b",
    re.IGNORECASE,
)


# Every alternative of _SINGLE_DEATH holds one of these words: a text holding none (most
# event sentences without a figure) is ruled out by one automaton pass over the text folded
# as IGNORECASE reads it, instead of the regex, whose leading "a ... was" alternative reads
# ahead from every "a". A test checks that every alternative holds one
# (tests/test_speed_shortcuts.py).
_DEATH_WORDS = ("kill", "shot", "dead", "death", "died", "murder", "behead", "execut", "lynch",
                "strangl", "body", "assassinat")
_DEATH_WORD_SCREEN = Words(_DEATH_WORDS)


def _may_report_death(text: str) -> bool:
    return _DEATH_WORD_SCREEN.any_in(fold(text))


def single_death(text: str) -> int:
    """1 when the text reports one unnamed person's death without a figure ("a former
    bodyguard ... was shot dead", "resulting in his death"), else 0."""
    if not _may_report_death(text):
        return 0
    return _read_single_death(text)


def _read_single_death(text: str) -> int:
    for m in _SINGLE_DEATH.finditer(text):
        if not not_this_event(text[m.end():m.end() + 80]):
            return 1
    return 0


_WORD_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
# A toll over several days, or one the report splits across several events (codebook 1.8:
# "12 killed over 3 days" is 4 a day; the odd remainder goes to the first).
_SPREAD = re.compile(
    r"\b(?:over|during|in|across|for|on) (?:the (?:past |last )?)?(?P<days>two|three|four|five|six|"
    r"seven|[2-7]) (?:consecutive |successive |straight )?days\b|\b(?P<days2>two|three|four|five|"
    r"six|seven|[2-7])-day (?:battle|fighting|clashes|offensive|operation|siege|assault)\b|"
    r"\bsplit (?:up )?(?:between|across|among|into|over) (?P<events>two|three|four|five|six|"
    r"seven|[2-7]) events\b",
    re.IGNORECASE,
)


def daily_share(fatalities: int, context: str) -> int:
    """The share of one day (the first) of a toll the text spreads over several days or
    events; the toll itself otherwise."""
    if fatalities <= 1:
        return fatalities
    m = _SPREAD.search(context)
    if m is None:
        return fatalities
    word = (m.group("days") or m.group("days2") or m.group("events")).lower()
    parts = _WORD_COUNT.get(word) or int(word)
    return divided(fatalities, parts)[0]


def divided(total: int, parts: int) -> list[int]:
    """`total` fatalities over `parts` days or events: as even as possible, the odd remainder
    to the first ones (20 over 3 -> 7, 7, 6; codebook 1.3, 1.8)."""
    base, remainder = divmod(total, parts)
    return [base + (1 if index < remainder else 0) for index in range(parts)]
