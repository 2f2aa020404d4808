"""Rules that decide between event types where reports are easily misread: who is armed, which
weapon was used, whether a crowd turned violent. Through the real pipeline with a fixed place
per sentence (conflict_events.extract.testing)."""

from __future__ import annotations

import datetime as dt

import pytest

from conflict_events.extract.testing import fixed_place_pipeline
from conflict_events.schema.models import Article, Event

PUBLISHED = dt.date(2020, 5, 10)
_pipe = fixed_place_pipeline()


def code(text: str, country: str) -> list[Event]:
    return _pipe(Article(article_id="rule", text=text, published=PUBLISHED,
                         extra={"country": country})).events


def sub_event(text: str, country: str) -> str:
    events = code(text, country)
    assert len(events) == 1, [(e.sub_event_type, e.actor1, e.actor2) for e in events]
    return events[0].sub_event_type.value


# --- a service named after the air force is no aircraft ----------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("On 3 May 2020, gunmen shot dead two traders in Daraa. One of them was said to inform "
     "the Air Force Intelligence.", "Attack"),
    ("On 3 May 2020, members of the regime's Air Force Intelligence abducted three civilians "
     "on the road to Daraa.", "Abduction/forced disappearance"),
    ("On 3 May 2020, regime warplanes carried out air strikes on Kafr Nabl.",
     "Air/drone strike"),
])
def test_an_air_force_service_is_no_air_strike(text: str, expected: str) -> None:
    assert sub_event(text, "Syria") == expected


def test_a_force_named_with_its_unit_and_bare_is_one_perpetrator() -> None:
    text = ("On 9 May 2020, members of the regime's Air Force Intelligence at a checkpoint in "
            "Daraa opened fire at a man who had argued with them.")
    assert sub_event(text, "Syria") == "Attack"


# --- organised fighters clash; crowds brawl ----------------------------------------------------
@pytest.mark.parametrize(("text", "country"), [
    ("On 2 May 2020, inter-clan clashes broke out near Dhuusamarreeb, leaving four people "
     "dead.", "Somalia"),
    ("On 4 May 2020, clashes took place between two armed families in the town after a "
     "quarrel. Several people were injured.", "Syria"),
    ("On 2 May 2020, a shoot-out took place in the Mare community.", "Brazil"),
    ("On 3 May 2020, rival cult militias clashed in the village. One person was killed.",
     "Nigeria"),
])
def test_fighters_called_armed_or_organised_clash(text: str, country: str) -> None:
    assert sub_event(text, country) == "Armed clash"


def test_villagers_brawling_remain_a_mob() -> None:
    text = ("On 3 May 2020, villagers from two neighbouring villages clashed over a land "
            "dispute, injuring four people.")
    assert sub_event(text, "India") == "Mob violence"


def test_a_crowd_lynching_armed_robbers_is_a_mob() -> None:
    text = ("On 6 May 2020, around 100 residents lynched two armed men who had been robbing "
            "people in the neighbourhood. 2 fatalities.")
    assert sub_event(text, "Mexico") == "Mob violence"


# --- a demonstration turns violent ---------------------------------------------------------------
@pytest.mark.parametrize("text", [
    # the crowd's deed after its grievance clause
    "On 5 May 2020, residents demonstrating against the curfew vandalised a police station.",
    "On 1 May 2020, residents demonstrating against the election results burned tyres and "
    "barricaded the main roads.",
    "On 28 April 2020, inmates demonstrated setting fire to mattresses to demand their release.",
    "On 2 May 2020, demonstrators blocked the main road burning material, demanding water.",
    "On 27 April 2020, soldiers staged a demonstration at their camp and fired gunshots in "
    "the air, demanding their allowances.",
    "On 8 May 2020, people demonstrated for the release of two friends. There was a brawl "
    "between the demonstrators and the police.",
    "On 7 May 2020, police used tear gas to disperse violent demonstrations by inmates.",
    "On 4 May 2020, youths demonstrated after the killing of a journalist. The demonstrators "
    "took one of the suspects to the scene and killed him.",
])
def test_violence_by_demonstrators_is_a_violent_demonstration(text: str) -> None:
    assert sub_event(text, "Mali") == "Violent demonstration"


@pytest.mark.parametrize("text", [
    # a deed told in the grievance is not the crowd's
    "On 28 April 2020, people protested in the town for the arrest of culprits torching their "
    "stock of wheat.",
    "On 29 April 2020, teachers protested, demanding the arrest of people who set fire to "
    "wheat crops in the area.",
    "On 29 April 2020, residents protested to demand the release of two people that were "
    "arrested after a truck was looted.",
])
def test_violence_named_in_the_grievance_leaves_a_peaceful_protest(text: str) -> None:
    assert sub_event(text, "Pakistan") == "Peaceful protest"


@pytest.mark.parametrize("text", [
    "On 1 May 2020, teachers demonstrated against fuel prices. Police assaulted the "
    "demonstrators and fired tear gas at them.",
    "On 1 May 2020, soldiers dispersed the weekly march with tear gas. 6 protesters were "
    "injured by rubber bullets.",
])
def test_force_used_on_demonstrators_is_no_violence_by_them(text: str) -> None:
    events = code(text, "Sudan")
    assert events
    assert {e.sub_event_type.value for e in events} == {"Protest with intervention"}


# --- property destroyed by a crowd --------------------------------------------------
def test_community_members_burning_a_car_are_a_mob() -> None:
    text = ("On 6 May 2020, the car of a man who fed the homeless was set alight by community "
            "members who were against him.")
    assert sub_event(text, "South Africa") == "Mob violence"


def test_inmates_burning_their_cells_with_demands_are_a_violent_demonstration() -> None:
    text = ("On 5 May 2020, inmates set alight their sheets and a kitchen at the prison, "
            "demanding court dates.")
    assert sub_event(text, "South Africa") == "Violent demonstration"


def test_armed_men_burning_a_school_destroy_property() -> None:
    text = "On 4 May 2020, gunmen burned a school in the village."
    assert sub_event(text, "Burkina Faso") == "Looting/property destruction"


# --- weapons at range during a fight ------------------------------------------------------------
@pytest.mark.parametrize(("text", "country"), [
    ("On 28 April 2020, a shelling exchange took place between regime forces and Turkish "
     "forces near Tal Tamr.", "Syria"),
    ("On 9 May 2020, armed men attacked a police patrol using grenades and firearms. Three "
     "officers died.", "Mexico"),
    ("On 5 May 2020, an IED planted by IS militants exploded near a checkpoint and was "
     "followed by gunshots which left 3 soldiers dead.", "Iraq"),
    ("On 7 May 2020, Iraqi forces killed 2 IS suicide bombers near the Badush mountains.",
     "Iraq"),
    ("On 4 May 2020, an operation by Afghan special forces, backed by airstrikes, killed 18 "
     "Taliban militants.", "Afghanistan"),
    ("On 4 May 2020, Israeli warplanes struck weapons depots of regime forces near Masyaf. "
     "Several missiles fired by the warplanes were intercepted by the regime's air defences.",
     "Syria"),
])
def test_remote_violence_met_by_fire_is_an_armed_clash(text: str, country: str) -> None:
    events = code(text, country)
    assert events
    assert {e.sub_event_type.value for e in events} == {"Armed clash"}


@pytest.mark.parametrize(("text", "expected"), [
    ("On 2 May 2020, the rebel forces fired heavy machine guns and grenade launchers at the "
     "government positions near Horlivka.", "Shelling/artillery/missile attack"),
    ("On 3 May 2020, unidentified men threw a grenade at a police post.", "Grenade"),
    ("On 3 May 2020, a suicide bomber blew himself up at a checkpoint, killing 3 soldiers.",
     "Suicide bomb"),
])
def test_one_sided_remote_violence_stays_remote(text: str, expected: str) -> None:
    assert sub_event(text, "Ukraine" if "Horlivka" in text else "Afghanistan") == expected


# --- the victim test: a member of an armed force is no civilian -------------------------------
@pytest.mark.parametrize(("text", "country"), [
    ("On 8 May 2020, unidentified gunmen assassinated a member of the regime's 4th Division "
     "in Rural Damascus.", "Syria"),
    ("On 29 April 2020, unidentified gunmen killed a member of the Hadhrami Elite forces in "
     "the valley.", "Yemen"),
    ("On 1 May 2020, armed men attacked a private security guard at a warehouse. The guard "
     "died.", "Mexico"),
])
def test_an_attack_on_a_member_of_an_armed_force_is_a_fight(text: str, country: str) -> None:
    assert sub_event(text, country) == "Armed clash"


@pytest.mark.parametrize(("text", "country"), [
    ("On 5 May 2020, police assaulted a family in the Kotwali police area for violating the "
     "curfew.", "India"),
    ("On 6 May 2020, gunmen shot dead a member of the ruling party in his shop.", "Nigeria"),
])
def test_a_member_of_a_party_or_a_family_is_a_civilian(text: str, country: str) -> None:
    assert sub_event(text, country) == "Attack"


def test_private_security_guards_beating_a_man_attack_a_civilian() -> None:
    events = code("On 28 April 2020, private security guards beat up a man outside the "
                  "parliament.", "Liberia")
    assert [(e.sub_event_type.value, e.actor1, e.actor2) for e in events] == [
        ("Attack", "Private Security Forces (Liberia)", "Civilians (Liberia)")]


# --- people turning on the police ---------------------------------------------------------------
@pytest.mark.parametrize(("text", "country"), [
    ("On 9 May 2020, youths attacked a Home Guard in Sana village to take revenge on the "
     "police who had stopped their game.", "India"),
    ("On 27 April 2020, at least 5 citizens attacked police officers who had come to break up "
     "their gathering.", "Peru"),
    ("On 2 May 2020, a group of local young men severely beat up a soldier after a dispute.",
     "Central African Republic"),
])
def test_people_not_called_armed_attacking_the_police_are_a_mob(text: str,
                                                                country: str) -> None:
    assert sub_event(text, country) == "Mob violence"


@pytest.mark.parametrize(("text", "country"), [
    ("On 29 April 2020, a man attacked a police officer with a sharp weapon in the village.",
     "India"),
    ("On 2 May 2020, the men in the car opened fire at the police, injuring 4.",
     "Puerto Rico"),
])
def test_an_armed_attack_on_the_police_is_a_fight(text: str, country: str) -> None:
    assert sub_event(text, country) == "Armed clash"


# --- heavy weapons at range, ordnance left behind ----------------------------------------------
@pytest.mark.parametrize(("text", "country"), [
    ("On 2 May 2020, National Resistance forces reportedly fired machine guns, assumedly "
     "heavy, at residential areas of Hudaydah city. No fatalities reported.", "Yemen"),
    ("On 30 April 2020, the OSCE SMM observed a total of 57 shots involving heavy "
     "machineguns near Avdiivka.", "Ukraine"),
])
def test_heavy_machine_gun_fire_at_range_is_shelling(text: str, country: str) -> None:
    assert sub_event(text, country) == "Shelling/artillery/missile attack"


def test_heavy_machine_guns_with_small_arms_are_a_fight() -> None:
    text = ("On 3 May 2020, the rebel forces fired heavy machine guns and small arms at the "
            "government positions near Pisky.")
    assert sub_event(text, "Ukraine") == "Armed clash"


def test_unexploded_ordnance_from_past_fighting_is_a_device_not_a_fight() -> None:
    events = code("On 1 May 2020, a child was killed when an unexploded shell from previous "
                  "fighting exploded in a house in Busra.", "Syria")
    assert [(e.sub_event_type.value, e.actor2) for e in events] == [
        ("Remote explosive/landmine/IED", "Civilians (Syria)")]


# --- unarmed victims: off duty, in custody, party members ---------------------------------------
@pytest.mark.parametrize(("text", "country"), [
    ("On 4 May 2020, unidentified individuals shot and killed an army officer in his office "
     "in Lome.", "Togo"),
    ("On 7 May 2020, Al Shabaab militants shot and killed a soldier who was sitting in front "
     "of his house in the village.", "Somalia"),
    ("On 29 April 2020, a man from Saqba died as a result of torture in the regime's "
     "Sidnaya military prison.", "Syria"),
    ("On 6 May 2020, a local leader of Jubo League was stabbed to death by unidentified "
     "assailants in Rupganj.", "Bangladesh"),
])
def test_an_unarmed_victim_is_attacked_not_fought(text: str, country: str) -> None:
    assert sub_event(text, country) == "Attack"


def test_a_soldier_on_duty_attacked_is_a_fight() -> None:
    text = "On 4 May 2020, unidentified gunmen shot and killed a soldier at a checkpoint."
    assert sub_event(text, "Togo") == "Armed clash"


@pytest.mark.parametrize("text", [
    "On 29 April 2020, teachers went on strike and barricaded themselves into an office of "
    "the Ministry of Education to protest against unpaid salaries.",
    "On 1 May 2020, about 30 patients stormed out of the hospital and protested on the "
    "premises, demanding their release.",
    "On 29 April 2020, people protested in the town for recovery of their looted valuables.",
])
def test_words_of_violence_that_are_no_violence_leave_a_peaceful_protest(text: str) -> None:
    assert sub_event(text, "Haiti") == "Peaceful protest"


def test_a_police_station_burned_by_demonstrators_makes_a_violent_demonstration() -> None:
    text = ("On 4 May 2020, residents demonstrated against the election results. The "
            "demonstrators burned the police station. Security forces fired live rounds and "
            "an elderly man was killed.")
    events = code(text, "Mali")
    assert [e.sub_event_type.value for e in events] == ["Violent demonstration"]


def test_inmates_burning_mattresses_in_a_detention_centre_riot() -> None:
    text = ("On 6 May 2020, prisoners burned mattresses inside the Preventive Detention Centre "
            "to demand visits from relatives.")
    assert sub_event(text, "Venezuela") == "Violent demonstration"


@pytest.mark.parametrize(("text", "country"), [
    ("On 29 April 2020, security forces in an encounter with militants at Zainapora killed "
     "the chief commander of the group.", "India"),
    ("On 30 April 2020, 3 policemen were killed following attacks by Taliban militants on 3 "
     "check points on the highway.", "Afghanistan"),
    ("On 2 May 2020, Houthi forces attacked the 30th Brigade on the Al Fajir front.",
     "Yemen"),
])
def test_a_gunfight_or_an_attack_on_a_unit_is_a_fight(text: str, country: str) -> None:
    assert sub_event(text, country) == "Armed clash"


# --- three or more people, no weapon named: a mob ----------------------------------------------
@pytest.mark.parametrize("text", [
    "On 3 May 2020, five persons beat up a man with bamboo sticks over a quarrel about masks.",
    "On 6 May 2020, a local leader was beaten to death by four men after an argument over "
    "relief distribution.",
])
def test_several_people_beating_someone_are_a_mob(text: str) -> None:
    assert sub_event(text, "India") == "Mob violence"


@pytest.mark.parametrize(("text", "expected"), [
    ("On 3 May 2020, three men stabbed a trader to death in the market.", "Attack"),
    ("On 30 April 2020, five men violently beat and raped a woman they had met.",
     "Sexual violence"),
])
def test_a_blade_or_sexual_violence_keeps_the_attack(text: str, expected: str) -> None:
    assert sub_event(text, "India") == expected


def test_a_people_clashing_with_a_state_s_forces_is_a_mob() -> None:
    events = code("On 4 May 2020, clashes erupted between Palestinians and Israeli forces at "
                  "the Qalandia refugee camp. No injuries were reported.", "Palestine")
    assert [(e.sub_event_type.value, e.actor1, base_name(e.actor2)) for e in events] == [
        ("Mob violence", "Rioters (Palestine)", "Military Forces of Israel")]


def test_two_demonyms_before_forces_are_two_states() -> None:
    events = code("On 4 May 2020, Syrian and Russian warplanes struck rebel positions near "
                  "Kafr Nabl.", "Syria")
    assert events and events[0].sub_event_type.value == "Air/drone strike"


def base_name(name: str | None) -> str | None:
    return name.split(" (")[0] if name else name


@pytest.mark.parametrize(("text", "country", "expected"), [
    ("On 4 May 2020, presumed JNIM or ISGS militants attacked and burned a school in Logobou.",
     "Burkina Faso", "Looting/property destruction"),
    ("On 6 May 2020, Boko Haram/IS attacked Debiro and burnt several public buildings, among "
     "them a church.", "Nigeria", "Attack"),
])
def test_one_perpetrator_named_two_ways_is_no_fight(text: str, country: str,
                                                    expected: str) -> None:
    assert sub_event(text, country) == expected


def test_a_state_attacking_a_group_named_two_ways_keeps_its_target() -> None:
    events = code("On 5 May 2020, the Nigerian Air Force attacked Boko Haram/IS fighters in "
                  "Dumba.", "Nigeria")
    assert [(e.sub_event_type.value, base_name(e.actor1)) for e in events] == [
        ("Air/drone strike", "Military Forces of Nigeria")]
