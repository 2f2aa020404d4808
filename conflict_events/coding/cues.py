"""Textual cues the coding rules read, each a compiled case-insensitive regex."""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Force used against a crowd without serious injury (Protest with intervention).
INTERVENTION = re.compile(
    r"\b(?:dispers\w*|tear[- ]?gas\w*|water[- ]?cannons?|rubber bullets|pellets?|batons?|"
    r"lathi[- ]?charg\w*|pepper spray|arrest\w*|detain\w*|intervened|broke up|broken up|"
    r"forcibly (?:removed|evicted)|by force|baton[- ]charg\w*|stun grenades?|blocked (?:the )?"
    r"protesters|prevented (?:the |them|protesters)|beat(?:en)? (?:the )?(?:protesters|"
    r"demonstrators)|fired (?:warning|into the air)|warning shots|aerial firing|cleared|"
    r"used force|beat(?:en|ing)? up|dragged|removed|interfered|control the crowd|"
    r"forcibly|detention|evicted|pushed back|scuffle\w*)\b",
    _I,
)
# Lethal or serious force (Excessive force against protesters).
SERIOUS_FORCE = re.compile(
    r"\b(?:seriously (?:injured|wounded)|critically (?:injured|wounded)|hospitali[sz]ed|"
    r"live (?:ammunition|bullets|fire|rounds)|shot dead|opened fire (?:on|at) (?:the )?"
    r"(?:protesters|demonstrators|crowd))\b",
    _I,
)
# Violence by demonstrators (Violent demonstration).
VIOLENT_CROWD = re.compile(
    r"\b(?:burn(?:ed|ing|t) (?:car )?(?:tyres|tires)|(?:tyres|tires)(?: and [\w ]{1,20})? "
    r"(?:on fire|ablaze)|barricades?|thr(?:ew|owing|own) (?:stones|rocks|bricks|molotov\w*|"
    r"petrol bombs|projectiles|objects|bottles)|stones?|stone[- ]pelting|pelted|"
    r"vandali[sz]\w*|set (?:\w+ ){0,3}(?:on fire|ablaze|alight)|set(?:ting)? (?:fire|alight)|"
    r"torch(?:ed|ing)|"
    r"ransack\w*|"
    # "looted funds" is a grievance, not looting
    r"loot(?:ed|ing)(?! (?:funds|money|assets|public))|"
    r"burn(?:ing|ed|t) (?:objects|debris|tyres|tires|chairs|vehicles?|cars?|property|"
    r"mattress(?:es)?|materials?|belongings|sheets|furniture|rubbish|garbage|wood)|"
    r"(?:chairs|mattress(?:es)?|vehicles?|cars?|property) (?:were|was) (?:burn(?:ed|t)|set "
    r"(?:on fire|ablaze)|torched|destroyed)|"
    r"destroyed|fir(?:ed|ing) (?:their )?(?:firearms|guns|gunshots|weapons|shots) "
    r"in(?:to)? the air|"
    r"clash(?:ed|es)? with (?:the )?(?:police\w*|security|soldiers|troops|army)|smash\w*|"
    r"attack(?:ed)? (?:the )?(?:police|security|officers|a police)|brawls?|street[- ]fights?|"
    r"violent (?:demonstrations?|protests?)|(?:stormed(?! out)|tried to storm|started to storm)|"
    r"assaulted)\b",
    _I,
)
# Harm suffered, told in the passive ("protesters were injured by rubber bullets"): not harm the
# crowd did.
PASSIVE_HARM = re.compile(
    r"\b(?:were|was|been|being|got) (?:\w+ ){0,2}(?:attacked|killed|injured|wounded|shot|beaten|"
    r"assaulted|hurt|subjected)\b", _I)
# A deed of the police or soldiers against a crowd ("police assaulted the demonstrators"):
# force used against protesters, not violence by them.
FORCE_DEED = re.compile(
    r"\b(?:police(?:m[ae]n)?|officers|security forces|soldiers|troops|(?:[A-Z]\w+ )?forces|"
    r"gendarmes)\s+(?:\w+\s+)?(?:assaulted|attacked|stormed|beat|charged)\b[^.;]*", _I)
DEMONSTRATION = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|march(?:ed|es|ing)|sit-?ins?|"
    r"took to the streets|strike|denounc\w*|demand(?:ed|ing|s)?|slogans|chant\w*|"
    r"road ?blocks?|blockades?|block(?:ed|ing)|"
    # a crowd closing a business by force presses a demand (codebook: Violent demonstration)
    r"forced [^.;]{0,80}?\bto (?:close|shut)|"
    # rioters named by their cause ("anti-immigration rioters") riot for a demand
    r"anti-[\w-]+ (?:rioters|crowds?))\b",
    _I,
)
WITHOUT_FIGHT = re.compile(
    r"\b(?:without (?:a fight|any resistance|resistance|fighting|clashes|a shot|firing)|"
    r"without (?:meeting|encountering|facing) (?:any )?(?:resistance|opposition)|"
    r"peacefully|handed (?:over )?(?:control|the)|after (?:\w+ ){0,3}withdr(?:ew|awal)|"
    r"(?:had |after they |after it )?withdrawn)\b",
    _I,
)
CIVILIAN_PROPERTY = re.compile(
    r"\b(?:houses?|homes?|huts?|shops?|stores?|markets?|villages?|farms?|crops|cattle|cows|"
    r"livestock|goats|sheep|property|properties|vehicles?|cars?|motorcycles?|residents|"
    r"villagers|civilians?|trees|schools?|church\w*|mosques?|hospitals?|buildings?|offices?|"
    r"housing|compounds?|residences?|trucks?|bus(?:es)?|farmers|prisoners|detainees|inmates)\b",
    _I,
)
KILLING = re.compile(
    r"\b(?:kill\w*|lynch\w*|dead|died|death|murder\w*|shot dead|beheaded|executed|bod(?:y|ies)|"
    r"fatalit\w*|lost (?:his|her|their) li\w+)\b",
    _I,
)
INJURY = re.compile(r"\b(?:attack\w*|assault\w*|injur\w*|wound\w*|hurt|hospitali[sz]\w*|beat\w*|tortur\w*|"  # noqa: E501
                    r"stabbed|shot)\b", _I)
FEMALE_VICTIM = re.compile(r"\b(?:wom[ae]n|girls?|female|mothers?|wi(?:fe|ves)|daughters?|"
                           r"sisters?)\b", _I)
# Long-period tallies and background ("15 strikes in the month of July alone").
TALLY = re.compile(
    # (the month of Ramadan is a time of day-to-day life, not a tally's period)
    r"\b(?:in (?:just )?the (?:month|year) of(?! Ramadan)|(?:month|year) of \w+ alone|"
    r"since the (?:start|beginning) of|so far this (?:year|month)|"
    r"(?:over|in|during) the (?:past|last) (?:\w+ )?(?:months|years|decades?)|"
    r"since (?:19|20)\d\d|in recent (?:months|years)|over the years|"
    # a state that has lasted since a day ("protests have been held there since 30 March")
    r"(?:have|has) been\b[^.;]{0,60}?\bsince (?:early |late |mid-)?(?:\d{1,2} )?(?:January|"
    r"February|March|April|May|June|July|August|September|October|November|December)|"
    # a count since a turning point: "since the coup", "since the insurgency began", "since then"
    r"since (?:then|the (?:war|conflict|coup|invasion|insurgency|uprising|revolution|crisis|"
    r"takeover)\b|(?:the|its) (?:\w+ ){1,3}(?:began|started|broke out|erupted))|"
    r"in the first (?:\w+ )?(?:days?|weeks?|months?|half|quarter) of|"
    r"(?:every|each|per) (?:year|month))\b",
    _I,
)
PAST_PERFECT = re.compile(r"\bhad (?:been )?\w+ed\b", _I)
PERSONS_OBJECT = re.compile(
    r"^\s*(?:(?:at least|about|some|more than|over) )?(?:\d+|a|an|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|several|dozens of|many|scores of|a number of)\s+(?:\w+ ){0,2}"
    r"(?:militants?|fighters?|rebels?|soldiers?|members?|suspects?|insurgents?|gunmen|"
    r"terrorists?|commanders?|leaders?|people|persons|men|civilians?|policem[ae]n|officers?|"
    r"prisoners?|hostages?|jihadists?)\b",
    _I,
)
DRONE_OR_AIR = re.compile(r"\b(?:drones?|UAVs?|aircraft|planes?|helicopters?|jets?)\b", _I)
COMMUNAL = re.compile(
    r"\b(?:groups?|communit(?:y|ies)|villagers|residents|families|supporters|youths?|students|"
    r"clans?|tribes?|neighbou?rs|relatives|locals|inhabitants|mob|crowd|workers|traders)\b", _I
)
POSITIONS = re.compile(r"\b(?:positions?|checkpoints?|bases?|posts?|outposts?|towns?|villages?|"
                       r"city|district|area|areas|hills?|airport|headquarters|HQs?|camps?|"
                       r"strongholds?|hideouts?|localit(?:y|ies)|neighbou?rhoods?|territory|"
                       r"barracks|garrisons?|sites?|fronts?|mountains?|roads?)\b", _I)
# Taking control is about places, never about persons.
CONTROL = re.compile(r"\b(?:took|taken|take|taking|seized|gained|regained|assumed|wrested) "
                     r"(?:full |total |back )?control\b|\bin control of\b", _I)
# A toll that lumps the dead with the captured: the outcome of a fight, not a capture.
CASUALTY_LIST = re.compile(r"\b(?:killed|injured|wounded),? (?:injured,? |wounded,? )?(?:or|and) "
                           r"(?:(?:(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|"
                           r"several|other|more) ){0,2}(?:militants|fighters|rebels|soldiers|"
                           r"insurgents|combatants|members|others|troops|policemen|officers) "
                           r"(?:were )?)?(?:captured|arrested|detained)\b", _I)
# Ceasefire-monitor and front-line wording: unattributed explosions are long-range fire.
FRONTLINE = re.compile(r"\b(?:involving|weapons?|front ?lines?|positions|directions|"
                       r"projectiles|shells?|artillery)\b", _I)
# Fire between two sides rather than one-sided bombardment: ceasefire monitors count fire "in
# both directions" of a front line, and small-arms fire means the positions engaged directly.
DIRECT_FIRE = re.compile(r"\bin both directions\b|\bsmall[- ]arms\b", _I)
# Weapons used at range while the sides also engaged each other (codebook 1.2: two sides
# exchanging long-range fire, or remote violence during a fight, is an Armed clash): an exchange
# of fire or shelling, a blast followed by gunfire, grenades thrown alongside firearms.
ENGAGED_FIRE = re.compile(
    r"\bexchang\w* (?:of )?(?:\w+ )?(?:fire|shelling|shells|shots)\b|\bshelling exchanges?\b|"
    r"\bdirect fire\b|\bfollowed by (?:heavy )?(?:gunshots|gunfire|shooting|clashes)\b|"
    r"\b(?:opened|returned) (?:gun)?fire after\b|\b(?:hand )?grenades? and (?:fire ?arms|guns|"
    r"rifles)\b|\b(?:fire ?arms|guns|rifles) and (?:hand )?grenades?\b(?! launch)", _I)
# A suicide bomber stopped by gunfire before or as he struck: the target fought back.
BOMBER_ENGAGED = re.compile(
    r"\bkilled (?:\w+ ){0,3}suicide bombers?\b|\bsuicide bombers?\b[^.;]{0,30}\b(?:were|was) "
    r"(?:shot|killed) (?:dead )?by\b", _I)
# Air power in support of a ground operation, or met by air defences: the air strike is part of
# a fight (codebook 1.2: air attack where ground forces fire back; remote violence during a
# battle).
AIR_ENGAGED = re.compile(
    r"\b(?:supported|backed|assisted|aided) by (?:\w+ ){0,3}(?:air ?strikes?|air ?force|"
    r"air support|aircraft|warplanes|helicopters?|drones?)\b|\bair-ground\b|"
    r"\bstrikes?,? which followed an? (?:\w+ )?operation\b|"
    r"\bintercepted by (?:the )?(?:[\w'-]+ ){0,2}air defen[cs]es?\b|"
    r"\bair defen[cs]es? (?:\w+ ){0,2}(?:intercept\w*|attempted to intercept|fired at|engaged)\b",
    _I)
# Heavy weapons fired at an area or counted by monitors, without small arms or sniper fire
# alongside (codebook: Shelling/artillery/missile attack covers other heavy weapons fired at
# range): heavy machine guns, automatic grenade launchers (AGL), cannons.
HEAVY_GUNFIRE = re.compile(
    r"\bheavy (?:and medium )?machine ?guns\b|\bmachine ?guns,? (?:assumedly|reportedly|"
    r"probably|possibly) heavy\b|\bshots involving (?:heavy machine ?guns|AGL|cannons|"
    r"automatic grenade launchers|IFV|infantry fighting vehicles?)\b", _I)
DIRECT_ARMS = re.compile(r"\bsmall[- ]arms\b|\bsnipers?\b|\brifles?\b|\bin both directions\b", _I)
# The grievance of a protest: "against the arrest of ...", "demanding the release of ...".
GRIEVANCE_CLAUSE = re.compile(
    r"\b(?:against|over|demanding|denouncing|condemning|to (?:demand|protest|denounce|condemn)|"
    r"(?:for|demanding) the release of|in protest (?:of|at|over)|calling for|for (?:the )?"
    r"(?:arrest|recovery|return|punishment|prosecution) of)\b[^.;]*?"
    r"(?=,?\s+(?:and|but|before|until|when)\s+(?:were|was|then|later|eventually|police|the "
    r"police|security|they|officers)|,\s+(?:the\s+)?(?:police|security|officers|soldiers|"
    r"troops|military|gendarmes)\b|"
    # the crowd's own deed after its grievance ("demonstrating against the curfew vandalised a
    # police station", "against the results, burned tyres")
    # (not a deed told of others: "demanding the arrest of people who set fire to crops")
    r"(?<!\bwho)(?<!\bthat)(?<!\bwhich)(?<!\bwas)(?<!\bwere)(?<!\bhad)(?<!\bhave)"
    # (nor a participle before a noun: "for recovery of their looted valuables")
    r"(?<!\btheir)(?<!\bthe)(?<!\bits)(?<!\bhis)(?<!\bher)"
    r",?\s+(?:vandali[sz]ed|burn(?:ed|t)|torched|set fire|set \w+ (?:on fire|ablaze)|stormed|"
    r"attacked|looted|ransacked|smashed|threw|pelted|barricaded|clashed)\b|[.;]|$)", _I
)
# Someone's earlier arrest told as background ("activists who were detained in recent
# demonstrations", "the arrested former president"): no intervention in this protest.
PAST_ARREST = re.compile(
    r"\b(?:who|that)\s+(?:were|was|had been|have been|has been|are|is)\s+(?:\w+\s+)?"
    r"(?:detained|arrested|jailed|imprisoned)\b[^.;,]*|\b(?:the|an?)\s+(?:arrested|detained|"
    r"jailed|imprisoned)\s+\w+|\b(?:\w+\s+)?(?:detained|arrested|jailed) in (?:recent|earlier|"
    r"previous|past)\b[^.;,]*", _I)
# Members of a party or movement acting as a crowd ("BJP supporters", "members of the UDPS").
PARTISANS = re.compile(r"\b(?:supporters|members|activists|cadres|representatives|"
                       r"followers|sympathi[sz]ers)\b", _I)
# Words that make a group an armed one.
ARMED_WORDS = re.compile(r"\b(?:militia\w*|militants?|gunm[ae]n|fighters|armed|rebels?|"
                         r"insurgents?|guns?|firearms|rifles?|shot|shooting|gunfire)\b", _I)
MUTUAL = re.compile(r"\beach other\b|\bone another\b|\bbetween (?:two|rival)\b", _I)
PROPERTY_ATTACKED = re.compile(
    r"\b(?:set|setting|torched|burn\w*|vandali[sz]\w*|attack\w*|smash\w*|ransack\w*|loot\w*|"
    r"damag\w*|stoned|pelted)\b[^.;]{0,40}\b(?:banks?|shops?|stores?|houses?|homes?|"
    r"vehicles?|cars?|buses|offices?|buildings?|church\w*|mosques?|temples?|people|residents|"
    r"(?:police )?stations?|police posts?|"
    r"passers-?by|journalists?|workers)\b", _I)
# The state's or the public's property: a crowd that damages it harms no civilians ("set fire
# to a radio station building", "tried to burn the mayor's office").
PUBLIC_PROPERTY = re.compile(
    r"\b(?:public|government|state|municipal|council|mayor'?s|governor'?s|ministry|radio|"
    r"television|TV|court|parliament|party|post) (?:[\w'-]+ ){0,2}?(?:buildings?|offices?|"
    r"stations?|headquarters|premises)\b", _I)
# Groups fighting each other with firearms: organised armed groups, not a brawl.
MUTUAL_ARMED = re.compile(
    r"\b(?:firearms|guns|gunfire|gun ?shots|gunfights?|rifles|AK-?47s?|armed clash(?:es)?|"
    r"exchanged (?:gun)?fire|exchanged (?:gun )?shots)\b", _I)
# Fighters a report calls armed or organised, not a brawling crowd: clan and communal militias,
# cultists, gangs, "armed families", a shoot-out (codebook: Armed clash between identity
# militias, not Mob violence).
ORGANISED_FIGHTERS = re.compile(
    r"\b(?:inter-?clan|clan-based|(?:sub-?|sub )?clans?|militias?|militiam[ae]n|shoot-?outs?|"
    r"gangs?|cultists?|cult groups?|armed (?:famil(?:y|ies)|groups?|youths?|villagers|"
    r"residents|tribesmen|herders))\b", _I)
# Strikers locking themselves in: a sit-in, not a barricade across a road.
SELF_BARRICADE = re.compile(r"\bbarricad\w* (?:themselves|himself|herself)\b", _I)
# Inmates of a prison: destroying or burning their prison with demands is a prison riot
# (Violent demonstration), not an armed group's property destruction.
INMATES = re.compile(r"\b(?:prisoners|inmates|detainees)\b", _I)
# Barricades and burning tyres: the tactics of a crowd blocking a road.
BARRICADES = re.compile(r"\b(?:barricades?|barricaded|tyres|tires)\b", _I)
# Ordnance left from a past war that a civilian sets off by accident: no one attacked anyone.
LEGACY_ORDNANCE = re.compile(
    r"\b(?:accidentally|inadvertently|by accident)\b[^.;]{0,60}\b(?:landmines?|mines?|ordnance|"
    r"UXOs?|shells?|explosives?|grenades?|bombs?)\b|\b(?:laid|left|planted|dropped) (?:\w+ ){0,2}"
    r"(?:during|in|from) the [\w-]+(?: [\w-]+)? [Ww]ar\b|\b(?:remnants? of war|war remnants?|"
    r"left ?over from (?:the )?(?:\w+ ){0,3}war)\b", _I)
# Ordnance that failed to explode and went off later ("an unexploded shell from previous
# fighting exploded"): a victim-activated device (codebook: Remote explosive/landmine/IED
# includes UXO), the fighting named only as its origin.
UNEXPLODED = re.compile(r"\bunexploded (?:[\w-]+ )?(?:ordnance|ordinance|bombs?|shells?|mines?|"
                        r"devices?|munitions?|rockets?|mortars?|projectiles?)\b|\bUXOs?\b", _I)
# Shots fired into the air (warning shots) at no one.
AIR_SHOTS = re.compile(r"\b(?:fir(?:ed|ing)|shot) (?:\w+ ){0,4}?(?:shots?|rounds?|bullets?|"
                       r"gunfire)? ?(?:in|into) the air\b|\bwarning shots\b", _I)
HARMED = re.compile(r"\b(?:injur\w*|wound\w*|hurt|kill\w*|dead|died|death)\b", _I)
RIOTED = re.compile(r"\briot(?:ed|ing|s)?\b", _I)
# "militants attacked Namava (Macomia, Cabo Delgado)", "attacked the village of X": the
# object of the attack is a place, and so the people living there.
_PLACE_NAME = (
    r"(?:the (?:village|town|locality|settlement|hamlet|community|city) of )?"
    r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}\s*(?:\(|,|\.|$| village| town| locality| in\b| near\b)")
PLACE_OBJECT = re.compile(r"^\s*" + _PLACE_NAME)
# "militants claimed an attack in Cajembe": a place the attack happened in (not a day or a
# month), which says less of the target than a place attacked
PLACE_OF_ATTACK = re.compile(
    r"^\s*(?:in|on) (?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:January|February|"
    r"March|April|May|June|July|August|September|October|November|December)\b)" + _PLACE_NAME)
# A victim the report places in the drug trade or a gang: ACLED codes the killing as gang
# violence (an Armed clash with an Unidentified Gang), not an attack on a civilian.
GANG_VICTIM = re.compile(
    r"(?<!by )(?<!by alleged )(?<!by suspected )\b(?:an? |the )(?:alleged |suspected |reputed |"
    r"known )?(?:male |female )?(?:gang ?member|gangster|drug ?(?:dealer|trafficker|lord|pusher)|"
    r"member of (?:the |a |an )?(?:rival )?(?:[\w-]+ ){0,3}(?:gang|cartel|mara))\b|"
    r"\bcharges against (?:him|her|them) for (?:[\w, ]{0,40})?drug traffick\w*|"
    r"\b(?:convicted|accused) of (?:[\w, ]{0,20})?drug traffick\w*|\bvictims? (?:was|were) "
    r"(?:involved in|(?:a )?members? of) (?:a |the )?(?:[\w-]+ )?gangs?\b", _I)
# People driven from their homes by fighting told as the news itself (codebook: Other,
# "displacement due to fighting").
# A device someone set: "an IED planted near the school", "the bomb placed under a bridge".
PLANTED_DEVICE = re.compile(r"\b(?:planted|placed|hidden|laid|buried)\b", _I)
# A seizure of power: the coup is the event (Other), the leaders it detains its means.
COUP = re.compile(r"\b(?:(?:seiz(?:ed|ing)|took|taking|grabbed) (?:\w+ )?power|"
                  r"(?:military|army|palace) takeover)\b[^.;]{0,40}\bcoup\b|\bcoup\b[^.;]{0,40}\b"
                  r"(?:seiz(?:ed|ing)|took|taking) (?:\w+ )?power\b|\bin a (?:military )?coup\b",
                  _I)
DISPLACED = re.compile(
    r"\bforced (?:[\w,-]+ ){0,5}to (?:flee|leave their|evacuate)|\b(?:fled|evacuated|were "
    r"displaced|have been displaced|had to flee)\b[^.;]{0,80}\b(?:following|after|due to|"
    r"because of|amid|fearing)\b", _I)
# Fighting named as the background of a move ("reinforcements in connection with the ongoing
# clashes", "deployed amid recent fighting"): not the event of the sentence.
BACKGROUND_FIGHT = re.compile(
    r"\b(?:in connection (?:to|with)|amid|in the context of|due to|because of|in response to|"
    r"in anticipation of|ahead of)\s+(?:the |recent |ongoing |renewed |continued |possible )*"
    r"(?:[\w-]+ ){0,2}(?:clash(?:es)?|fighting|battles?|hostilities|confrontations?)\b", _I)
# Aid handed out ("delivered food packages to families"): a change in activity only when a
# non-state armed group does it (cartels and insurgents courting the population); a
# government or an aid agency handing out food is no political violence.
AID_HANDOUT = re.compile(
    r"\b(?:delivered|delivering|distributed|distributing|handed out|handing out|gave out|"
    r"giving out) (?:[\w-]+ ){0,2}(?:food|groceries|aid|relief|supplies|boxes|packages|parcels|"
    r"hampers)\b", _I)
# The person an attack is aimed at, when no actor is recognised in it ("fired shots at a
# former MLA", "assaulted its employees", "attacked a group of labourers"): a civilian target.
_PERSON_NOUN = (
    r"(?:man|woman|men|women|employees?|workers?|labou?rers|journalists?|reporters?|MLA|MP|"
    r"politicians?|candidates?|supporters|activists?|students?|teachers?|traders?|"
    r"shopkeepers?|vendors?|drivers?|passengers?|famil(?:y|ies)|relatives|boys?|girls?|"
    r"child(?:ren)?|mayor|council(?:l)?ors?|officials?|doctors?|nurses?|health workers?|"
    r"pastors?|priests?|imams?|herders?|fishermen|miners|migrants|refugees|prisoners?|"
    r"detainees?|inmates?|governors?|chiefs?|elders?)\b"
)
# "attacked and beat up a group of labourers": a second verb joined to the event word has the
# same object
PERSON_TARGET = re.compile(
    r"^\s*(?:and (?:\w+ly )?[a-z]+(?:ed|en|ew|ot|uck|ung) (?:up )?)?(?:(?:at|on) )?"
    r"(?:(?:a|an|the|its|his|her|their|two|three|four|five|\d+|several|"
    r"some|a group of|members of) )*(?:[\w'-]+ ){0,3}?" + _PERSON_NOUN, _I)
PERSON_MENTIONED = re.compile(r"\b" + _PERSON_NOUN, _I)
# People a report names as a group without calling them armed ("migrant workers clashed with
# police", "a group of citizens clashed against police officers").
UNARMED_GROUP = re.compile(
    r"\b(?:people|persons|citizens|residents|villagers|locals|youths?|young men|men|women|"
    r"workers|labou?rers|traders|shopkeepers|vendors|sellers|nationals|migrants|refugees|"
    r"students|farmers|fishermen|drivers|inhabitants|neighbou?rs|journalists|worshippers|"
    r"passengers|prisoners|inmates|detainees)\b", _I)
# Several people named by number ("three persons", "a group of men").
SEVERAL_PEOPLE = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+|several|"
                            r"group of|dozens of)\s+(?:\w+\s+)?(?:persons|men|people|citizens)\b",
                            _I)
# Three or more people not called armed ("five persons beat up a man", "four panchayat
# employees attacked a whistleblower"): a mob by the codebook's measure (Riots: three or more).
SEVERAL_ASSAILANTS = re.compile(
    r"\b(?:three|four|five|six|seven|eight|nine|ten|[3-9]|\d\d+|several|a group of|dozens of|"
    r"a mob of)\s+(?:[\w-]+\s+){0,2}?(?:persons|men|people|citizens|employees|villagers|youths|"
    r"relatives|accomplices|workers|volunteers|supporters|residents|neighbou?rs)\b", _I)
# The name of a force, not a sign that the other side is armed ("armed police", "Armed Forces").
ARMED_FORCE_NAME = re.compile(r"\barmed (?:police|forces?)\b", _I)
# An exchange of fire, or suspects of crime facing the police: a gunfight, not a brawl.
GUNFIGHT = re.compile(r"\b(?:shoot-?outs?|exchang\w* (?:of )?fire|gun ?fights?|fire ?fights?|"
                      r"live (?:ammunitions?|rounds|bullets)|suspects?|traffick\w*|gangs?|"
                      r"gangsters?|criminals?|robbers?|bandits?)\b", _I)
# Gunfire at someone ("opened fire at the police"), or a blade brought to the attack: the
# attacker came armed.
OPENED_FIRE = re.compile(r"\bopen(?:ed|s)? fire\b|\bfir(?:ed|ing) (?:shots )?(?:at|on)\b|"
                         r"\bsharp (?:weapons?|objects?)\b|\bkni(?:fe|ves)\b|\bswords?\b|"
                         r"\bstabb\w*|\bmachetes?\b|\bacid\b", _I)
# A gunfight named as such ("in an encounter with militants", "a firefight").
ENCOUNTER = re.compile(r"\b(?:in|during|had) an? (?:\w+ )?encounter\b|\bencounter(?:ed)? with\b|"
                       r"\bfire ?fights?\b|\bgun ?battles?\b", _I)
# One perpetrator named two ways ("JNIM or ISGS militants", "Boko Haram/IS"): the report does
# not know which group acted; the two are not sides of a fight.
ALTERNATIVE_GROUPS = re.compile(
    r"\b[A-Z][\w-]*(?: [A-Z][\w-]*)? (?:or|and/or) [A-Z][\w-]*(?: [A-Z][\w-]*)? (?:militants|"
    r"fighters|jihadists|insurgents|rebels|gunmen|members)\b|\b[A-Z][\w-]+(?: [A-Z][\w-]+)?/"
    r"[A-Z][\w-]+\b(?! (?:front|border|frontier)\b)")
# The target fired back: both sides used force, a fight (codebook 1.2: Armed clash), not a
# one-sided attack.
RETURN_FIRE = re.compile(r"\b(?:shot|fired|hit) back\b|\breturned (?:the |their )?fire\b|"
                         r"\bretaliated with gunfire\b|\bresponded with gunfire\b", _I)
# A death in the hands of the arresting force ("died in police custody", "tortured to death in
# detention").
CUSTODY_DEATH = re.compile(r"\b(?:custody|detention|tortur\w*|(?:police |prison )?cells?)\b", _I)
# Harm done to a detainee ("died under torture in a regime prison", "beaten in the
# interrogation room"): the detaining force attacked a civilian.
CUSTODY_HARM = re.compile(
    r"\b(?:under|from|as a result of|because of) (?:torture|ill[- ]treatment)|"
    r"\b(?:tortur\w*|beaten|beat)\b[^.;]{0,80}\b(?:prison|detention|custody|interrogation|cells?)\b|"
    r"\b(?:prison|detention|custody|interrogation)\b[^.;]{0,80}\b(?:tortur\w*|beaten|beat|"
    r"suffocat\w*)\b", _I)
# A soldier or police officer harmed off duty or at home: an unarmed victim, a civilian
# (codebook 1.2: unarmed victim status).
OFF_DUTY_SCENE = re.compile(
    r"\boff[- ]duty\b|\bin (?:his|her) (?:office|home|house|shop)\b|\bat (?:his|her) "
    r"(?:home|house|residence)\b|\bin front of (?:his|her) (?:home|house)\b|\bon (?:his|her) "
    r"way (?:home|to work)\b", _I)
# A party's name: its members harmed are civilians, not an armed side.
PARTY_NAME = re.compile(r"\b(?:Party|League|Congress|Alliance)\b")
# "bombed militant bases" with no aircraft named: an air strike only when a state's forces
# bomb (insurgents "bombing" a base use explosives).
BOMBED_POSITIONS = re.compile(
    r"\bbomb(?:ed|ing) (?:[\w-]+ ){0,2}(?:militants?|insurgents?|rebels?|jihadists?|bases|"
    r"positions|targets|hideouts?|camps?|strongholds?)\b", _I)
# A service or unit named after the air force ("the regime's Air Force Intelligence", "an air
# force officer"): people, not aircraft in action.
AIR_FORCE_BODY = re.compile(
    r"\bair ?force(?:'s)? (?:intelligence|security|officers?|colonel|general|commanders?|"
    r"members?|personnel|academy|base|directorate)\b", _I)
AIRCRAFT = re.compile(r"\b(?:air|aircraft|airstrikes?|air ?raids?|planes?|jets?|drones?|UAVs?|"
                      r"helicopters?|gunships?|aerial|warplanes?|air ?force)\b", _I)
# A group claiming the attack, read right after its name ("JNIM claimed responsibility", "Al
# Shabaab militants later claimed the bombing"): the perpetrator the report did not name.
CLAIMED = re.compile(
    r"\s*(?:(?:militants|fighters|insurgents|jihadists|rebels|group)\s+)?(?:has\s+|have\s+|"
    r"later\s+|quickly\s+|reportedly\s+)?claim(?:ed|s)\s+(?:responsibility|credit|the\s+"
    r"(?:attack|bombing|blast|killing|killings|assault|ambush|abduction|kidnapping))\b", _I)
# The same perpetrator named after the words that put the attack down to it ("The attack was
# attributed to Boko Haram", "officials blamed it on Al Shabaab"), read right before its name.
ATTRIBUTED = re.compile(
    r"\b(?:was|were|has been|have been|is being|being|widely|officially)\s+(?:widely\s+)?"
    r"(?:attributed\s+to|blamed\s+on)\s+(?:the\s+)?$|\bblamed\s+(?:it|the\s+(?:attack|bombing|"
    r"blast|killings?|assault|ambush))\s+on\s+(?:the\s+)?$", _I)

