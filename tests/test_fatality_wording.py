"""Fatality wording classes (codebook 1.8) on invented sentences: the figure read from each
way of telling deaths, the deaths that are not the event's, and the sub-event types whose
definition excludes deaths."""

from __future__ import annotations

import datetime as dt

import pytest

from conflict_events.coding.fatalities import not_this_event, single_death, within_definition
from conflict_events.extract.stages.numbers import find_numbers
from conflict_events.extract.testing import fixed_place_pipeline
from conflict_events.schema.models import Article


def _deaths(text: str) -> list[int]:
    return [n.value for n in find_numbers(text) if not n.negated]


@pytest.mark.parametrize(("text", "value"), [
    # an assassination or a fatal shooting of one person
    ("gunmen assassinated a local council member outside his home", 1),
    ("a shopkeeper fatally shot a customer during the argument", 1),
    ("unknown men shot and killed the district's deputy governor", 1),
    ("the attackers fatally stabbed two guards at the gate", 2),
    # killed "to death" with a figure between the verb and "to death"
    ("border guards shot three smugglers to death near the river", 3),
    # victims taken first and killed later
    ("4 truck drivers were kidnapped and later killed by the gang", 4),
    # two victim groups, the second without a figure
    ("Nine policemen and allied militiamen were reportedly killed in the ambush", 9),
    # the outcome told as "the killing of"
    ("the raid led to the killing of 5 insurgents", 5),
    ("the fighting resulted in the killing of 2 rebels and 1 soldier", 3),
    # a figure in quotes, a parenthetical among the victims
    ('the clashes left "dozens" dead', 12),
    ("the bombing left 4 workers (including the site manager) dead", 4),
    # bodies found
    ("the corpses of about twenty fighters were discovered in the forest", 20),
    # two victims in the active voice
    ("soldiers opened fire on a car, killing a farmer and his daughter", 2),
    # a range told as "between ... and": the lowest figure
    ("between 12 and 20 people were killed in the explosion", 12),
    # the figure before an active verb counts the killers, not the dead
    ("three gunmen shot and killed a shopkeeper in the market", 1),
    # people who fled are not among the dead
    ("two suspects managed to escape and one was killed", 1),
])
def test_death_wording_gives_the_figure(text: str, value: int) -> None:
    assert _deaths(text) == [value]


@pytest.mark.parametrize("text", [
    # animals are not fatalities
    "the raiders burned the granary and killed 30 livestock",
    # a figure lumping the dead with the wounded or captured
    "6 militants were killed, injured or captured in the operation",
    # a death whose place is not told is not the event's
    "One soldier was killed at an unspecified location.",
    # deaths from illness
    "3 inmates died from coronavirus in the prison",
    # a running total of a conflict or a campaign, told in the perfect from a past moment
    "Over 2,000 people have been killed since the rebellion started in 2012.",
    "At least 40 journalists have died since the start of the war.",
])
def test_deaths_that_are_not_the_events_count_nothing(text: str) -> None:
    assert _deaths(text) == []


def test_a_toll_since_a_weekday_is_the_days_toll() -> None:
    # "since Monday" dates the deaths of the last days, not a conflict's running total
    assert _deaths("9 people have been killed since Monday in the clashes") == [9]
    assert _deaths("4 soldiers were killed since the convoy left at dawn") == [4]


def test_further_victims_joined_by_and_are_not_the_arrested() -> None:
    assert _deaths("the police killed 2 robbers and 3 were arrested") == [2]


def test_a_death_placed_in_the_region_still_counts() -> None:
    assert _deaths("one soldier was killed at an unspecified location in the north") == [1]


def test_one_victim_told_by_a_pronoun() -> None:
    assert single_death("snipers opened fire on a farmer, killing him") == 1
    assert single_death("militants stabbed a well-known radio journalist to death") == 1
    assert single_death("a woman died from coronavirus in the camp") == 0


def test_not_this_event_reads_the_text_after_the_death_phrase() -> None:
    assert not_this_event(" in a road accident on the highway")
    assert not not_this_event(" in the attack on the checkpoint")


def test_deathless_sub_event_types_code_zero() -> None:
    assert within_definition("Peaceful protest", 2) == 0
    assert within_definition("Protest with intervention", 1) == 0
    assert within_definition("Abduction/forced disappearance", 3) == 0
    assert within_definition("Attack", 3) == 3


@pytest.fixture(scope="module")
def pipe():  # type: ignore[no-untyped-def]
    return fixed_place_pipeline()


def _events(pipe, text: str):  # type: ignore[no-untyped-def]
    article = Article(article_id="t", text=text, published=dt.date(2021, 3, 5),
                      extra={"country": "Somalia"})
    return pipe(article).events


def test_a_protest_over_a_killing_codes_no_deaths(pipe) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipe, "On 4 March 2021, traders protested peacefully in the town to "
                           "demand justice after two shopkeepers were killed by robbers.")
    protests = [e for e in events if e.sub_event_type.value == "Peaceful protest"]
    assert protests and all(e.fatalities == 0 for e in protests)


def test_deaths_told_after_the_fight_join_the_fight(pipe) -> None:  # type: ignore[no-untyped-def]
    # the second sentence's fight has no named opponent: it is the clash told before
    events = _events(pipe, "On 4 March 2021, Somali soldiers clashed with Al Shabaab "
                           "militants near the town. After a brief exchange of fire the "
                           "soldiers withdrew. Three Al Shabaab militants were killed in the "
                           "clash.")
    clashes = [e for e in events if e.sub_event_type.value == "Armed clash"]
    assert len(clashes) == 1
    assert clashes[0].fatalities == 3
    assert clashes[0].actor2 == "Al Shabaab" or clashes[0].actor1 == "Al Shabaab"


def test_deaths_told_with_an_arrest_are_the_attacks(pipe) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipe, "On 4 March 2021, armed men attacked a trader near the market. The "
                           "victim died and police officers arrested two of the attackers. "
                           "1 fatality.")
    by_type = {e.sub_event_type.value: e.fatalities for e in events}
    assert by_type.get("Attack") == 1
    assert by_type.get("Arrests", 0) == 0


def test_death_in_custody_is_an_attack_not_an_arrest(pipe) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipe, "On 4 March 2021, police arrested a young man for breaking the "
                           "curfew. Officers tortured him in custody and he died as a result.")
    assert [(e.sub_event_type.value, e.fatalities) for e in events] == [("Attack", 1)]
