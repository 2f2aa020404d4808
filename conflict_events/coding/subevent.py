"""The sub-event decisions of ACLED's codebook, one function per family of triggers.

Input is a Frame: what one sentence says around its main trigger (the trigger classes present,
the agent and patient, cues in the text, fatalities). Output is a Decision: the sub-event type,
actor1/actor2 with the victim as actor2 in Violence against civilians, and civilian targeting.
Each rule cites the codebook rule it implements.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from conflict_events.coding import cues
from conflict_events.coding.actors import (
    CodedActor,
    civilians,
    protesters,
    rioters,
    state_forces,
    unidentified,
)
from conflict_events.coding.conventions import Front, front
from conflict_events.extract import resources
from conflict_events.schema.taxonomy import EventType
from conflict_events.schema.taxonomy import SubEventType as S

# Order in which a sentence's trigger classes choose the rule family: territory and battles
# first, then demonstrations, weapons (in ACLED's hierarchy), violence against civilians and
# strategic developments. A Battle absorbs remote violence that happens during it.
MAIN_ORDER: tuple[str, ...] = (
    "capture", "clash", "protest", "riot", "mob", "defuse", "chemical", "air", "suicide",
    "shelling", "ied", "grenade", "explosion", "sexual", "abduct", "attack", "kill", "wound",
    "arrest", "loot", "transfer", "base", "agreement", "change", "other", "clash_weak",
)
WEAPON_SUB: dict[str, S] = {
    "chemical": S.CHEMICAL_WEAPON, "air": S.AIR_DRONE_STRIKE, "suicide": S.SUICIDE_BOMB,
    "shelling": S.SHELLING_ARTILLERY_MISSILE_ATTACK, "ied": S.REMOTE_EXPLOSIVE_LANDMINE_IED,
    "grenade": S.GRENADE, "explosion": S.REMOTE_EXPLOSIVE_LANDMINE_IED,
}
WEAPON_ORDER = ("chemical", "air", "suicide", "shelling", "ied", "grenade")


@dataclass
class Frame:
    classes: set[str]
    main: str
    agent: CodedActor | None
    patient: CodedActor | None
    text: str  # the sentence and its continuation
    after: str  # text right after the main trigger
    country: str
    day: dt.date
    fatalities: int
    strength: float
    patient_from: CodedActor | None = None  # "took X from Y": Y
    second_side: CodedActor | None = None  # further actors named in the sentence
    assoc: list[str] = field(default_factory=list)
    civilian_mentioned: bool = False
    crowd_mentioned: CodedActor | None = None  # protesters/rioters anywhere in the sentence
    prev_text: str = ""  # the sentence before, in the same paragraph (context for cues)
    patient_direct: bool = False  # the patient is the trigger's direct object
    passive: bool = False
    # armed actors of the sentence before, in the same paragraph: who was on the scene
    prev_sides: list[CodedActor] = field(default_factory=list)
    second_allied: bool = False  # the further actor is joined to the agent ("X and Y took")
    # named groups the sentence gives members of ("PTI supporters", "members of Los Lobos"):
    # when those members are the crowd, the group is its associated actor (codebook 1.4)
    affiliated: frozenset[str] = frozenset()


@dataclass
class Decision:
    sub_event_type: S
    actor1: CodedActor
    actor2: CodedActor | None = None
    civilian_targeting: bool = False
    assoc1: list[str] = field(default_factory=list)
    assoc2: list[str] = field(default_factory=list)
    confidence: float = 0.8
    verb: str = ""
    placeholder1: bool = False  # actor1 is a default standing in for an unnamed actor
    placeholder2: bool = False  # the same for actor2


class Skip(Exception):
    """The frame is not an event (reason in args[0])."""


def _police(f: Frame) -> CodedActor:
    return state_forces(f.country, f.day, "police", f.country)


def _one_force(a: CodedActor, b: CodedActor | None) -> bool:
    """A state force and a unit of it ("... (2023-) Thai Rangers"), or the same force twice:
    one side, not two."""
    return (b is not None and a.state and b.state and a.home == b.home
            and (a.name.startswith(b.name) or b.name.startswith(a.name)))


def _organised_fight(f: Frame) -> bool:
    """A state force and a non-state armed group are the two sides and no crowd is named (a
    party's supporters are a crowd, not an armed group)."""
    if f.crowd_mentioned is not None or f.agent is None or f.patient is None:
        return False
    group = f.patient if f.agent.state else f.agent
    return (f.agent.armed and f.patient.armed and f.agent.state != f.patient.state
            and not cues.PARTY_NAME.search(group.name))


def decide(f: Frame) -> Decision:
    decision = _decide(f)
    if (decision.sub_event_type.event_type is EventType.EXPLOSIONS_REMOTE_VIOLENCE
            and _one_force(decision.actor1, decision.actor2)):
        # "a bomb hit a ranger patrol, killing two rangers": the force is the target of a
        # device nobody is named for, not its own attacker
        decision.actor1 = unidentified(f.country)
        decision.placeholder1 = True
    unnamed = f"Unidentified Armed Group ({f.country})"
    if decision.actor1.name == unnamed:
        # "armed men": the country's convention for unclaimed violence may name a gang
        decision.actor1 = unidentified(f.country, f.text)
    return decision


def _decide(f: Frame) -> Decision:
    if "air" in f.classes and cues.AIR_FORCE_BODY.search(f.text) and not cues.AIRCRAFT.search(
            cues.AIR_FORCE_BODY.sub(" ", f.text)):
        # "gunmen shot a member of the regime's Air Force Intelligence": a service's name,
        # no aircraft took part
        f.classes = f.classes - {"air"}
        if f.main == "air":
            f.main = next((c for c in MAIN_ORDER if c in f.classes), "")
    if "clash" in f.classes and cues.UNEXPLODED.search(f.text):
        # "an unexploded bomb from previous fighting exploded": a device, not a fight
        f.classes = (f.classes - {"clash", "clash_weak"}) | {"ied"}
        f.main = next(c for c in MAIN_ORDER if c in f.classes)
    named = [a for a in (f.agent, f.patient, f.second_side)
             if a is not None and a.armed and not a.state and a.kind == "named"]
    if len({a.name for a in named}) >= 2 and cues.ALTERNATIVE_GROUPS.search(f.text):
        # "presumed JNIM or ISGS militants attacked a school": one perpetrator, not two sides;
        # "the army attacked Boko Haram/IS fighters": one target
        keep = named[0] if f.agent is None or f.agent in named else f.agent
        one = keep if keep in named else (f.patient if f.patient in named else named[0])
        if f.agent is None or f.agent in named:
            f.agent = one
        elif f.patient is None or f.patient in named:
            f.patient = one
        if f.patient in named and (f.patient is not one or f.agent is one):
            f.patient = None
        if f.second_side in named and f.second_side is not one:
            f.second_side = None
    if "clash" in f.classes and {"protest", "riot"} & f.classes and _organised_fight(f):
        # "soldiers clashed with cartel gunmen, who blocked roads with burning vehicles":
        # organised forces fighting, no crowd named; the blockades are the gunmen's tactic
        f.classes = f.classes - {"protest", "riot"}
        f.main = next((c for c in MAIN_ORDER if c in f.classes), "")
    main = f.main
    if ("other" in f.classes and main in ("arrest", "transfer", "change", "agreement")
            and cues.COUP.search(f.text)):
        # "seized power in a coup, detaining the president": the coup is what happened
        main = "other"
    if "other" in f.classes and f.fatalities == 0 and cues.DISPLACED.search(f.text):
        # "fighting forced 500 villagers to flee": the displacement is what the report tells
        return Decision(S.OTHER, civilians(f.country), None, confidence=0.6,
                        verb="were displaced")
    if ("change" in f.classes and main in ("clash", "clash_weak") and f.fatalities == 0
            and cues.BACKGROUND_FIGHT.search(f.text)):
        # "reinforcements arrived amid the ongoing clashes": the move is the event
        return strategic(f, S.CHANGE_TO_GROUP_ACTIVITY, "moved or reinforced forces")
    if main == "capture":
        return territory(f)
    if main == "clash":
        return battle(f)
    if main in ("protest", "riot", "mob") or (
        f.crowd_mentioned is not None and main in ("attack", "kill", "wound", "arrest", "loot")
    ):
        return demonstration(f)
    if (main in ("attack", "clash_weak", "clash") and cues.AIR_SHOTS.search(f.text)
            and f.fatalities == 0 and not cues.HARMED.search(f.text) and f.patient is None
            and not cues.DEMONSTRATION.search(f.text) and f.crowd_mentioned is None):
        # shots fired into the air at no one: a show of force, no violent interaction
        return strategic(f, S.OTHER, "fired shots into the air")
    if (main in ("attack", "clash_weak") and f.fatalities == 0 and f.patient is None
            and cues.HEAVY_GUNFIRE.search(f.text) and not cues.DIRECT_ARMS.search(f.text)
            and not cues.ENGAGED_FIRE.search(f.text)):
        # "fired heavy machine guns at residential areas", "monitors counted 12 shots involving
        # AGL": heavy weapons fired at range, no fight
        f.classes = f.classes | {"shelling"}
        f.main = "shelling"
        return remote(f)
    if main == "defuse":
        decision = strategic(f, S.DISRUPTED_WEAPONS_USE, "prevented an attack by")
        if (decision.actor2 is None and decision.actor1.state
                and cues.PLANTED_DEVICE.search(f.text)):
            # "defused a bomb that had been planted near the school": its unnamed planter is
            # the other side
            decision.actor2 = unidentified(f.country, f.text)
            decision.placeholder2 = True
        return decision
    if main in WEAPON_SUB and main != "explosion":
        return remote(f)
    if main in ("attack", "kill", "wound") and (
            cues.RETURN_FIRE.search(f.text) or cues.ENCOUNTER.search(f.text)):
        # "gang members started shooting; the police shot back": a fight
        return battle(f)
    if main in ("sexual", "abduct", "attack", "kill", "wound"):
        return violence(f)
    if main == "arrest":
        return arrest(f)
    if main == "loot":
        if cues.BARRICADES.search(f.text) and not (f.agent is not None and f.agent.armed):
            # barricades or tyres set on fire: the tactic of a crowd (Violent demonstration)
            return demonstration(f)
        return looting(f)
    if main == "transfer":
        if cues.WITHOUT_FIGHT.search(f.text) or "handed" in f.text:
            return territory(f)
        return strategic(f, S.CHANGE_TO_GROUP_ACTIVITY, "withdrew")
    if main == "base":
        return strategic(f, S.HEADQUARTERS_OR_BASE_ESTABLISHED, "established a base")
    if main == "agreement":
        return strategic(f, S.AGREEMENT, "reached an agreement")
    if main == "change":
        if cues.AID_HANDOUT.search(f.text):
            agent = f.agent or f.second_side
            if agent is None or not agent.armed or agent.state:
                raise Skip("aid_not_by_armed_group")
            return strategic(f, S.CHANGE_TO_GROUP_ACTIVITY, "handed out aid")
        return strategic(f, S.CHANGE_TO_GROUP_ACTIVITY, "moved or reinforced forces")
    if main == "other":
        return strategic(f, S.OTHER, "were affected by a significant development")
    if main == "clash_weak":
        return battle(f)
    if main == "explosion":
        return remote(f)
    raise Skip("no_rule")


def territory(f: Frame) -> Decision:
    """Territory changes hands (codebook 1.2): by state forces -> Government regains
    territory; by non-state or foreign forces -> Non-state actor overtakes territory; without
    armed interaction -> Non-violent transfer of territory. Capturing people is an arrest
    (state) or an abduction (anyone else)."""
    if cues.CASUALTY_LIST.search(f.text):
        # "militants were killed, injured or captured during operations": a fight's toll
        return battle(f)
    # a withdrawal or an entry without a fight moves territory, never people
    persons = f.main != "transfer" and not cues.CONTROL.search(f.text) and (
        cues.PERSONS_OBJECT.search(f.after) or (
            f.patient is not None and (f.patient_direct or f.passive) and f.patient_from is None
            and not cues.POSITIONS.search(f.after[:40])))
    if persons:
        if f.agent is not None and f.agent.state and f.agent.inter == 1:
            return Decision(S.ARRESTS, f.agent, f.patient, verb="captured")
        f.main = "abduct"
        return violence(f)
    placeholder = f.agent is None
    agent = f.agent or unidentified(f.country, f.text)
    ally = f.second_side
    if (not agent.state and ally is not None and ally.state and ally.inter == 1
            and f.second_allied and ally.armed
            and ally.name not in {a.name for a in (f.patient, f.patient_from) if a}):
        # "government forces and allied militias took control of X": the state's forces
        # lead the operation (Government regains territory)
        agent, ally = ally, None
    loser = f.patient_from or (f.patient if f.patient is not None and f.patient.armed
                               else None) or ally
    if loser is not None and (loser.name == agent.name or (
            loser.home == agent.home and {loser.kind, agent.kind} == {"military", "police"})):
        loser = None  # a state's troops and police take no territory from each other
    if cues.WITHOUT_FIGHT.search(f.text) and "clash" not in f.classes:
        return Decision(S.NON_VIOLENT_TRANSFER_OF_TERRITORY, agent, loser,
                        confidence=0.7, verb="took control of")
    if loser is not None and (loser.civilian or loser.kind == "government"):
        loser = None
    if agent.state and agent.inter == 1:
        return Decision(S.GOVERNMENT_REGAINS_TERRITORY, agent, loser, verb="regained control of")
    return Decision(S.NON_STATE_ACTOR_OVERTAKES_TERRITORY, agent, loser,
                    verb="took control of", placeholder1=placeholder)


def battle(f: Frame) -> Decision:
    """Two organised armed groups fight: Armed clash. Civilians harmed in a battle are neither
    actors nor targets (codebook 1.3); crowds fighting are riots."""
    sides = [a for a in (f.agent, f.patient, f.second_side) if a is not None]
    if any(a.crowd for a in sides) or f.crowd_mentioned is not None or (
        cues.DEMONSTRATION.search(f.text) and "clash" in f.classes and not _organised_fight(f)
    ) or ("riot" in f.classes and sum(a.armed for a in sides) < 2):
        # stones, petrol bombs, vandalism: the weapons of a crowd, not of an armed group
        return demonstration(f)
    if not any(a.armed for a in sides) and cues.COMMUNAL.search(f.text):
        # Armed clash needs an organised armed group; brawling communities are a mob.
        return riot_or_mob(f)
    armed_sides = {a.name for a in sides if a.armed}
    if (any(a.civilian and a.plural for a in sides) and len(armed_sides) < 2) or (
        cues.PARTISANS.search(f.text) and not cues.ARMED_WORDS.search(f.text)
        and not any(a.inter in (1, 2, 8) for a in sides)
    ):
        # a group of civilians, or party supporters, fighting each other or the police:
        # rioters (codebook: Mob violence), not an armed clash
        return riot_or_mob(f)
    if (len(armed_sides) == 1 and all(a.state for a in sides if a.armed)
            and (cues.UNARMED_GROUP.search(f.text) or _names_a_people(f.text))
            and not cues.GUNFIGHT.search(f.text)
            and not cues.ARMED_WORDS.search(cues.ARMED_FORCE_NAME.sub("", f.text))):
        # police or soldiers against people the report does not call armed (migrant workers,
        # shopkeepers, a group of citizens): rioters, not an organised armed group; the force
        # is the rioters' counterpart
        force = next(a for a in sides if a.armed)
        if f.patient is None or f.patient.civilian:
            f.patient = force
        return riot_or_mob(f)
    armed = [a for a in sides if not a.civilian]
    if len({a.name for a in armed}) == 1:
        # "Police went to the village. A shoot-out broke out.": the force the sentence before
        # brought to the scene is a side of the fight it reports
        armed += [a for a in f.prev_sides if a.state]
    elif not armed:
        armed = list(f.prev_sides)  # both sides were named in the sentence before
    unique: list[CodedActor] = []
    for a in armed:
        if all(a.name != u.name for u in unique):
            unique.append(a)
    placeholder = not unique
    if not unique:
        if "mob" in f.classes:
            return riot_or_mob(f)
        line = front(f.country, f.day)
        if line is not None and cues.FRONTLINE.search(f.text):
            # unnamed units firing across a known front line: its two sides
            return Decision(S.ARMED_CLASH, _front_actor(f, line, 0), _front_actor(f, line, 1),
                            confidence=0.6, verb="clashed with")
        a1, a2 = unidentified(f.country, f.text), None
    else:
        a1 = unique[0]
        a2 = unique[1] if len(unique) > 1 else None
    placeholder2 = a2 is None
    if a2 is None:
        a2 = unidentified(f.country, f.text)
    return Decision(S.ARMED_CLASH, a1, a2, confidence=0.85 if len(unique) > 1 else 0.65,
                    verb="clashed with", placeholder1=placeholder, placeholder2=placeholder2)


@lru_cache(maxsize=1)
def _people_regex() -> re.Pattern[str]:
    """A people named by its demonym in the plural ("Palestinians", "Afghans")."""
    plurals = sorted((w for w in resources.demonyms() if len(w) > 4 and w.endswith("s")
                      and not w.endswith("ss")), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in plurals) + r")\b",
                      re.IGNORECASE)


def _names_a_people(text: str) -> bool:
    return bool(_people_regex().search(text))


def remote(f: Frame) -> Decision:
    """Explosions/Remote violence: the weapon decides (air beats shelling when both, per the
    hierarchy); the target is actor2; civilians as the main target set civilian targeting."""
    weapon = next((w for w in WEAPON_ORDER if w in f.classes), "explosion")
    if (weapon == "air" and cues.BOMBED_POSITIONS.search(f.text)
            and not cues.AIRCRAFT.search(f.text) and not (f.agent is not None and f.agent.state)):
        raise Skip("bombing_by_non_state")  # explosives, not aircraft: too little to code
    target_civilian = f.patient is not None and f.patient.civilian
    if not target_civilian and (
            (weapon != "air" and cues.ENGAGED_FIRE.search(f.text))
            or (weapon == "suicide" and cues.BOMBER_ENGAGED.search(f.text))
            or (weapon == "air" and cues.AIR_ENGAGED.search(f.text))):
        # the sides engaged each other: the weapons at range are part of the fight
        return battle(f)
    sub = WEAPON_SUB[weapon]
    if weapon in ("ied", "explosion", "shelling", "grenade") and cues.LEGACY_ORDNANCE.search(
            f.text):
        # a civilian set off ordnance left from a past war: no attack by anyone; ACLED
        # records it as a significant development (Other)
        sub = S.OTHER
    line = front(f.country, f.day) if f.agent is None else None
    facing = line.facing_side(f.text) if line is not None else None
    if weapon == "explosion" and ("clash_weak" in f.classes or cues.FRONTLINE.search(f.text)
                                  or facing is not None):
        # unattributed explosions on a front line, or "explosions involving heavy
        # machineguns": long-range fire (ceasefire-monitor reports)
        sub = S.SHELLING_ARTILLERY_MISSILE_ATTACK
    if (weapon in ("explosion", "shelling") and cues.DIRECT_FIRE.search(f.text)
            and not (f.patient is not None and f.patient.civilian)):
        # fire "in both directions", or small arms alongside the heavy weapons: the sides
        # are in direct contact (codebook 1.2, Armed clash), not one-sided shelling
        return battle(f)
    agent = f.agent if f.agent is not None and not f.agent.civilian else None
    target = f.patient
    if target is not None and agent is not None and target.name == agent.name:
        target = None
    if (agent is None and target is not None and not target.civilian and f.second_side
            and f.second_side.name != target.name):
        # (the target named twice, "an army truck ... 2 soldiers", is not its own attacker)
        agent = f.second_side if not f.second_side.civilian else None
    placeholder = agent is None
    if agent is None and line is not None and facing is not None:
        # unattributed fire near a settlement of a known front line came from the side facing
        # the settlement's holder (ceasefire-monitor reports)
        agent, placeholder = _front_actor(f, line, facing), False
    if agent is None:
        if sub is S.AIR_DRONE_STRIKE:
            agent = CodedActor("Unidentified Military Forces", 8, "military")
        else:
            agent = unidentified(f.country, f.text)
    if target is None and f.civilian_mentioned and not (f.second_side and f.second_side.armed):
        target = civilians(f.country)
    targeting = target is not None and target.civilian
    return Decision(sub, agent, target, civilian_targeting=targeting, confidence=0.85,
                    verb=_REMOTE_VERB[sub], placeholder1=placeholder)


# Civilians named by a nationality right after the event word: "abducted seven Indonesian crew
# members", "killed two Chinese engineers"
_FOREIGN_VICTIMS = re.compile(
    r"^\W{0,3}(?:(?:a|an|the|one|two|three|four|five|six|seven|eight|nine|ten|several|\d+)\s+)?"
    r"(?:[\w-]+\s+)?(?P<demonym>[A-Z][\w-]+)\s+(?:[\w-]+\s+)?(?:nationals?|citizens?|crew|"
    r"crew ?members?|sailors|seamen|fishermen|workers|engineers|tourists|hostages|traders|"
    r"missionaries|aid workers|truck drivers|drivers|miners|businessm[ae]n|students|journalists|"
    r"passengers|pilgrims|migrants)\b")


def _foreign_victims(f: Frame) -> CodedActor | None:
    """ACLED names civilians of another country by their own country ("Civilians
    (Indonesia)" for Indonesian sailors taken in the Sulu Sea)."""
    m = _FOREIGN_VICTIMS.match(f.after[:90])
    if m is None:
        return None
    country = resources.demonyms().get(m.group("demonym").casefold())
    if country is None or country == f.country:
        return None
    return civilians(country)


def _front_actor(f: Frame, line: Front, side: int) -> CodedActor:
    name, inter = line.sides[side], line.side_inters[side]
    if name == "state":
        return state_forces(f.country, f.day, "military", f.country)
    return CodedActor(name, inter, "named")


_REMOTE_VERB = {
    S.OTHER: "were harmed by ordnance left from a past war",
    S.CHEMICAL_WEAPON: "used chemical weapons against",
    S.AIR_DRONE_STRIKE: "carried out air strikes on",
    S.SUICIDE_BOMB: "carried out a suicide bombing against",
    S.SHELLING_ARTILLERY_MISSILE_ATTACK: "shelled",
    S.REMOTE_EXPLOSIVE_LANDMINE_IED: "detonated an explosive device against",
    S.GRENADE: "threw a grenade at",
}


def violence(f: Frame) -> Decision:
    """Attack, abduction, sexual violence (Violence against civilians, victim as actor2), or
    an Armed clash when the target is itself armed. Abduction with killing or injury is an
    Attack; a crowd attacking is Mob violence."""
    agent, patient = f.agent, f.patient
    ally = f.second_side
    if (agent is not None and not agent.state and ally is not None and ally.state
            and ally.inter == 1 and ally.armed and f.second_allied):
        # "Malian soldiers accompanied by Wagner personnel executed ...": the state's forces
        # lead, as in a joint capture (territory)
        agent = ally
    if (agent is not None and patient is not None and agent.state and patient.state
            and _same_force(agent, patient) and f.civilian_mentioned):
        # "members of the regime's intelligence ... opened fire at a man": the force named
        # twice is the perpetrator, not its own target
        patient = None
    # three or more people beating or attacking someone with no weapon named: a mob
    # (codebook: Riots, three or more people); sexual violence stays its own type
    unarmed_mob = ("sexual" not in f.classes and bool(cues.SEVERAL_ASSAILANTS.search(f.text))
                   and not cues.OPENED_FIRE.search(f.text) and not cues.GUNFIGHT.search(f.text)
                   and not cues.ARMED_WORDS.search(cues.ARMED_FORCE_NAME.sub("", f.text)))
    if agent is not None and agent.civilian:
        if agent.plural or unarmed_mob:
            # villagers, residents, a crowd of locals attacking: a mob (codebook: Mob violence)
            return riot_or_mob(f)
        # "a man shot his neighbour": a lone civilian is no organised armed actor
        agent = None
    if agent is not None and agent.crowd:
        return riot_or_mob(f)
    if patient is not None and patient.crowd:
        return demonstration(f)
    if (patient is not None and patient.state and patient.armed
            and ((agent is None and not f.passive) or (
                agent is not None and agent.civilian and (
                    agent.plural or cues.SEVERAL_PEOPLE.search(f.text))))
            and not (f.second_side is not None and f.second_side.armed
                     and not f.second_side.state)
            and cues.UNARMED_GROUP.search(f.text) and not cues.GUNFIGHT.search(f.text)
            and not cues.OPENED_FIRE.search(f.text)
            and not cues.ARMED_WORDS.search(cues.ARMED_FORCE_NAME.sub("", f.text))):
        # "youths attacked a home guard", "a policeman was beaten up by three persons": people
        # the report does not call armed turning on the police or soldiers are rioters
        # (codebook: Mob violence), not an organised armed group
        return riot_or_mob(f)
    if (patient is not None and patient.state and patient.armed
            and (agent is None or agent.civilian or agent.state)
            and cues.CUSTODY_HARM.search(f.text)):
        # "a man died under torture in a regime prison": the jailers attacked a detainee
        return Decision(S.ATTACK, agent if agent is not None and agent.state else patient,
                        civilians(f.country), True, confidence=0.7, verb="attacked")
    if agent is not None and agent.state and (patient is None or not patient.armed) and (
            f.second_side is not None and f.second_side.state
            and cues.CUSTODY_HARM.search(f.text)):
        return Decision(S.ATTACK, agent, civilians(f.country), True, confidence=0.7,
                        verb="attacked")
    if patient is not None and patient.state and cues.OFF_DUTY_SCENE.search(f.text):
        # a soldier shot at home or off duty is an unarmed victim (codebook 1.2)
        patient = civilians(f.country)
    if (patient is not None and patient.kind == "named" and not patient.state
            and cues.PARTY_NAME.search(patient.name) and f.civilian_mentioned):
        # "a local leader of Jubo League was stabbed": a party member harmed is a civilian
        patient = civilians(f.country)
    if patient is not None and patient.armed and (
        f.main not in ("abduct", "sexual") or {"attack", "kill"} & f.classes
    ):
        # armed target: a battle (an off-duty or detained combatant would be civilian)
        a1 = agent or (f.second_side if f.second_side and f.second_side.armed
                       and f.second_side.name != patient.name else None) or unidentified(
            f.country)
        if a1.name == patient.name:
            a1 = unidentified(f.country, f.text)
        return Decision(S.ARMED_CLASH, a1, patient, confidence=0.75, verb="attacked")
    if patient is None and not f.civilian_mentioned and f.fatalities == 0 and f.main in (
        "attack", "wound"
    ):
        if agent is not None and f.second_side is not None and f.second_side.armed:
            return Decision(S.ARMED_CLASH, agent, f.second_side, confidence=0.6,
                            verb="attacked")
        # in the passive voice the target is told before the event word ("a truck was
        # attacked by militants")
        before = (f.text.split(f.after, 1)[0] if f.after else f.text)[-80:]
        if not cues.CIVILIAN_PROPERTY.search(f.after[:80]) and not (
                agent is not None and agent.armed and cues.PLACE_OBJECT.match(f.after)) and not (
                # an attack "in" a place by state forces may be on anyone there
                agent is not None and agent.armed and not agent.state
                and cues.PLACE_OF_ATTACK.match(f.after)) and (
                not cues.PERSON_TARGET.match(f.after)) and not (
                f.passive and (cues.CIVILIAN_PROPERTY.search(before)
                               or cues.PERSON_MENTIONED.search(before))):
            raise Skip("no_target")
    if agent is None and f.second_side is not None and f.second_side.armed and (
        f.second_side.kind != "government"
    ):
        agent = f.second_side
    perpetrator = agent or unidentified(f.country, f.text)
    victim = _foreign_victims(f) or civilians(f.country)
    if (perpetrator.kind in ("armed_group", "gang") and f.main in ("attack", "kill", "wound")
            and cues.GANG_VICTIM.search(f.text)):
        # the victim is a gang member or drug trafficker: gang violence (Armed clash)
        return Decision(S.ARMED_CLASH, perpetrator, _gang(f.country), confidence=0.6,
                        verb="attacked", placeholder1=agent is None)
    assoc2 = [a for a in f.assoc if a.startswith("Women") or a.startswith("Journalists")]
    if "sexual" in f.classes:
        if cues.FEMALE_VICTIM.search(f.text) and f"Women ({f.country})" not in assoc2:
            assoc2.append(f"Women ({f.country})")
        return Decision(S.SEXUAL_VIOLENCE, perpetrator, victim, True, assoc2=assoc2,
                        confidence=0.85, verb="sexually assaulted")
    killed_or_hurt = f.fatalities > 0 or bool({"kill", "wound", "attack"} & f.classes)
    if "abduct" in f.classes and not killed_or_hurt:
        return Decision(S.ABDUCTION_FORCED_DISAPPEARANCE, perpetrator, victim, True,
                        assoc2=assoc2, confidence=0.85, verb="abducted")
    if "loot" in f.classes and f.fatalities == 0 and not (
        {"kill", "wound"} & f.classes
    ):
        return looting(f)
    confidence = 0.8 if agent is not None else 0.6
    return Decision(S.ATTACK, perpetrator, victim, True, assoc2=assoc2,
                    confidence=confidence, verb="attacked")


def _same_force(unit: CodedActor, force: CodedActor) -> bool:
    """A state force named twice: once with its unit ("Military Forces of Syria (2000-) Air
    Force Intelligence Directorate"), once bare ("the regime")."""
    return unit.name.startswith(force.name + " ")


def _gang(country: str) -> CodedActor:
    return CodedActor(f"Unidentified Gang ({country})", 3, "gang")


def arrest(f: Frame) -> Decision:
    """State arrests within a judicial process -> Arrests; 'arrests' by non-state groups ->
    Abduction/forced disappearance (codebook 1.2)."""
    agent = f.agent
    if agent is not None and agent.civilian:
        agent = None
    if (cues.INMATES.search(f.text) and cues.VIOLENT_CROWD.search(f.text)
            and cues.DEMONSTRATION.search(f.text)):
        # "prisoners burned mattresses inside the Detention Centre to demand visits": a
        # prison riot, not a detention
        return demonstration(f)
    if agent is None or agent.state:
        arrester = agent or _police(f)
        target = f.patient if f.patient is not None and f.patient.name != arrester.name else None
        if target is None or target.crowd:
            target = civilians(f.country)
        if f.fatalities and cues.CUSTODY_DEATH.search(f.text) and target.civilian:
            # the detainee was killed or tortured to death in custody: an attack on a
            # civilian, not an arrest (an arrest is deathless by definition)
            return Decision(S.ATTACK, arrester, target, True, confidence=0.7,
                            verb="killed in custody")
        return Decision(S.ARRESTS, arrester, target, confidence=0.75, verb="arrested")
    f.main = "abduct"
    f.classes = f.classes | {"abduct"}
    return violence(f)


def looting(f: Frame) -> Decision:
    """Looting or destroying property outside riots and clashes."""
    agent = f.agent if f.agent is not None and not f.agent.civilian else None
    if agent is not None and agent.crowd:
        return riot_or_mob(f)
    demo_context = bool(cues.DEMONSTRATION.search(f.text))
    rioting = bool(cues.VIOLENT_CROWD.search(f.text)) and not (
        f.second_side is not None and f.second_side.armed and not f.second_side.state)
    if f.agent is not None and f.agent.civilian and f.agent.plural and rioting:
        # residents or community members burning a house or a car: rioters (codebook: Mob
        # violence, or a Violent demonstration when they make a demand)
        return demonstration(f) if demo_context else riot_or_mob(f)
    if ((agent is None or agent.state) and demo_context and rioting
            and cues.INMATES.search(f.text)):
        # inmates setting their mattresses on fire to demand visits: a prison riot
        return demonstration(f)
    perpetrator = agent or unidentified(f.country, f.text)
    victim = f.patient if f.patient is not None and f.patient.name != perpetrator.name else None
    if victim is None and cues.CIVILIAN_PROPERTY.search(f.text):
        victim = civilians(f.country)
    return Decision(S.LOOTING_PROPERTY_DESTRUCTION, perpetrator, victim, confidence=0.7,
                    verb="looted or destroyed property of")


def demonstration(f: Frame) -> Decision:
    """Protest and riot subtypes (codebook 1.1/1.2): violence by the demonstrators ->
    Violent demonstration (one Riots event even if the protest began peacefully); lethal or
    serious force against peaceful protesters -> Excessive force; dispersal, arrests,
    non-lethal force -> Protest with intervention; otherwise Peaceful protest."""
    # what the protest is about ("against the arrest of ...") is no cue of what happened to it
    text = cues.GRIEVANCE_CLAUSE.sub(" ", f.text)
    # the grievance itself ("denouncing water cuts") shows there is a demonstration
    demo_context = "protest" in f.classes or bool(cues.DEMONSTRATION.search(f.text)) or bool(
        cues.DEMONSTRATION.search(f.prev_text))
    # the force's own deeds against the crowd are no violence by the crowd
    crowd_agent = f.agent is None or f.agent.crowd or (f.agent.civilian and f.agent.plural)
    crowd_text = cues.FORCE_DEED.sub(" ", text)
    rioted = "riot" in f.classes and not (
        cues.SELF_BARRICADE.search(f.text) and not cues.VIOLENT_CROWD.search(crowd_text))
    crowd_violent = rioted or bool(cues.VIOLENT_CROWD.search(crowd_text)) or (
        "clash" in f.classes
    ) or (crowd_agent and bool(cues.PROPERTY_ATTACKED.search(crowd_text))) or (
        # "demonstrators took one of the suspects and killed him"
        f.agent is not None and f.agent.crowd and not f.passive
        and bool({"attack", "kill", "wound"} & f.classes)
        and not cues.PASSIVE_HARM.search(crowd_text))
    if (crowd_violent and not demo_context and f.agent is not None and f.agent.armed
            and not f.agent.state and not f.agent.crowd
            and not ({"clash", "attack", "kill", "wound"} & f.classes)
            and not cues.RIOTED.search(f.text)):
        # militants vandalising or torching a building: property destruction, not a riot
        return looting(f)
    crowd_groups = _crowd_groups(f)
    force_user = next(
        (a for a in (f.patient, f.agent, f.second_side)
         if a is not None and a.armed and a not in crowd_groups), None
    )
    if crowd_violent and not ("protest" in f.classes and "clash" in f.classes and not
                              cues.VIOLENT_CROWD.search(crowd_text) and force_user is None):
        if not demo_context and ("mob" in f.classes or {"attack", "kill", "wound"} & f.classes
                                 or (f.patient is not None and not f.patient.crowd)
                                 or cues.KILLING.search(text) or cues.INJURY.search(text)):
            # a crowd turning on people with no demonstration behind it (codebook: Mob
            # violence); burning tyres and barricades alone are still a violent demonstration
            return riot_or_mob(f)
        actor1 = rioters(f.country)
        other = force_user
        if other is None and f.patient is not None and f.patient.civilian:
            other = f.patient
        # residents who block the roads are the crowd, not people it turned on
        crowd_of_civilians = f.agent is not None and f.agent.civilian and f.agent.plural
        damaged = cues.PROPERTY_ATTACKED.search(text)
        if damaged is not None and cues.PUBLIC_PROPERTY.search(damaged.group()):
            damaged = None  # public property is no civilian's
        if other is None and ((f.civilian_mentioned and not crowd_of_civilians) or damaged):
            other = civilians(f.country)  # the people or property the crowd turned on
        return Decision(S.VIOLENT_DEMONSTRATION, actor1, other,
                        assoc1=[*f.assoc, *(a.name for a in crowd_groups)],
                        confidence=0.8, verb="rioted")
    if "mob" in f.classes and not demo_context:
        return riot_or_mob(f)
    actor1 = protesters(f.country)
    lethal = (f.fatalities > 0 and force_user is not None) or bool(cues.SERIOUS_FORCE.search(text))
    if lethal:
        return Decision(S.EXCESSIVE_FORCE_AGAINST_PROTESTERS, actor1, force_user or _police(f),
                        civilian_targeting=True, assoc1=list(f.assoc), confidence=0.75,
                        verb="were met with lethal force by")
    present = cues.PAST_ARREST.sub(" ", text)
    if cues.INTERVENTION.search(present) or (
        "arrest" in f.classes and cues.INTERVENTION.search(text) and present == text
    ):
        return Decision(S.PROTEST_WITH_INTERVENTION, actor1, force_user or _police(f),
                        assoc1=list(f.assoc), confidence=0.8, verb="were dispersed by")
    if not demo_context:
        raise Skip("no_demonstration")
    return Decision(S.PEACEFUL_PROTEST, actor1, None, assoc1=list(f.assoc), confidence=0.85,
                    verb="protested")


def _crowd_groups(f: Frame) -> list[CodedActor]:
    """The named groups whose members are the crowd ("PTI supporters set fire to a building",
    "members of two gangs fought"): the agent, and a patient joined to it as the other
    crowd, when no crowd word names the crowd apart and the group is no rebel army. ACLED
    names such crowds Rioters or Protesters, the group an associated actor (codebook 1.4)."""
    if not f.affiliated or f.crowd_mentioned is not None:
        return []
    groups = []
    for a in (f.agent, f.patient):
        if (a is not None and a.name in f.affiliated and not a.state
                and a.inter != 2 and a not in groups):
            groups.append(a)
    return groups if f.agent in groups else []


def riot_or_mob(f: Frame) -> Decision:
    """Rioters violently interacting outside a demonstration (mobs, vigilantes, lynchings,
    communal brawls) -> Mob violence; civilians as the target set civilian targeting. Two
    communities fighting with firearms are communal militias in an Armed clash."""
    named = [a for a in (f.agent, f.patient, f.second_side) if a is not None]
    if ("mob" in f.classes or "clash" in f.classes) and (
            cues.MUTUAL_ARMED.search(f.text) or cues.ORGANISED_FIGHTERS.search(f.text)) and not (
            any(a.crowd or a.state for a in named)):
        militia = CodedActor(f"Communal Militia ({f.country})", 4, "identity_militia")
        armed = [a for a in named if a.armed]
        return Decision(S.ARMED_CLASH, armed[0] if armed else militia,
                        armed[1] if len(armed) > 1 else militia, confidence=0.6,
                        verb="clashed with")
    actor1 = rioters(f.country)
    crowd_groups = _crowd_groups(f)
    other = next((a for a in (f.patient, f.second_side, f.agent)
                  if a is not None and not a.crowd and a not in crowd_groups), None)
    assoc1, assoc2 = list(f.assoc), []
    if crowd_groups:
        assoc1.append(crowd_groups[0].name)
        assoc2 = [a.name for a in crowd_groups[1:]]
    if other is None:
        if "clash" in f.classes or cues.MUTUAL.search(f.text):
            other = rioters(f.country)  # two groups fighting each other
        elif cues.KILLING.search(f.text) or cues.INJURY.search(f.text) or f.civilian_mentioned:
            other = civilians(f.country)
        elif "mob" in f.classes:
            other = rioters(f.country)
    targeting = other is not None and other.civilian
    return Decision(S.MOB_VIOLENCE, actor1, other, civilian_targeting=targeting,
                    assoc1=assoc1, assoc2=assoc2 if other is not None and other.crowd else [],
                    confidence=0.75, verb="attacked")


def strategic(f: Frame, sub: S, verb: str) -> Decision:
    """Strategic developments: one-sided unless a counterpart is named."""
    agent = f.agent
    if agent is None and f.second_side is not None:
        agent = f.second_side
    if agent is None:
        if sub is S.OTHER:
            agent = civilians(f.country)
        elif sub is S.AGREEMENT:
            agent = state_forces(f.country, f.day, "government", f.country)
        elif sub is S.DISRUPTED_WEAPONS_USE:
            agent = state_forces(f.country, f.day, "military", f.country)
        else:
            raise Skip("no_actor")
    other = f.patient if f.patient is not None and f.patient.name != agent.name else None
    if sub in (S.CHANGE_TO_GROUP_ACTIVITY, S.HEADQUARTERS_OR_BASE_ESTABLISHED, S.OTHER):
        other = None
    return Decision(sub, agent, other, confidence=0.6, verb=verb)
