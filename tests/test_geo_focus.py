"""Admin-area focus (knowledge/geo/focus_areas.yaml) and the country evidence a coder reads in
actors and currencies: the examples of the knowledge file, and the disambiguation rules on a
small written gazetteer (sentences invented for these tests)."""

from __future__ import annotations

import random
import re

import pytest
from geo_fixture import best_place as best
from geo_fixture import gazetteer_from_places, geonames_rows
from pydantic import ValidationError

from conflict_events import geo
from conflict_events.geo.aliases import admin_keys
from conflict_events.geo.countrynames import country_mentions, country_mentions_detailed
from conflict_events.geo.focus import FocusEntry, area_focus, focus_areas
from conflict_events.geo.gazetteer import Gazetteer
from conflict_events.geo.geocoder import actor_countries

# geonameid, name, alternates, lat, lon, feature code, country, admin1 code, population.
# Real places with rounded coordinates; the namesakes that make the rules matter are real
# too (Ukraine has many villages of each of these names) or, where marked, invented.
PLACES = [
    (700001, "Lozove", "", 48.05, 37.95, "PPL", "UA", "05", 300),  # Donetsk oblast
    (700002, "Lozove", "", 45.02, 34.10, "PPL", "UA", "11", 2500),  # Crimea
    (700003, "Kashtanove", "", 45.03, 34.02, "PPL", "UA", "11", 900),  # Crimea only
    (700004, "Zymna Voda", "Vodyane", 49.80, 23.90, "PPL", "UA", "15", 8000),  # Lviv
    (709201, "Donetsk", "", 48.02, 37.80, "PPLA", "UA", "05", 929063),
    (709202, "Kharkiv", "", 50.00, 36.23, "PPLA", "UA", "07", 1430885),
    (700005, "Khyrivka", "", 48.30, 38.90, "PPL", "UA", "14", 700),  # Luhansk oblast
    (700006, "Khyrivka", "", 49.60, 34.50, "PPL", "UA", "18", 1500),  # Poltava
    # Nigeria: a Borno town and an invented larger namesake in Kano
    (2345001, "Damboa", "", 11.15, 12.76, "PPL", "NG", "27", 23000),
    (2345002, "Damboa", "", 11.90, 8.50, "PPL", "NG", "23", 60000),
    (2345003, "Gudumbali", "", 12.95, 13.62, "PPL", "NG", "23", 900),  # invented, Kano
    # Lebanon and Libya: Tripoli, and Sidon in Lebanon and Mississippi
    (2210247, "Tripoli", "Tarabulus", 32.89, 13.19, "PPLC", "LY", "77", 1150989),
    (266826, "Tripoli", "Trablous", 34.44, 35.85, "PPLA", "LB", "09", 229398),
    (268064, "Sidon", "Saida", 33.56, 35.37, "PPLA", "LB", "06", 163554),
    (4443296, "Sidon", "", 33.41, -90.20, "PPL", "US", "MS", 4000000),  # invented size
    # Afghanistan and Greece
    (1147290, "Chora", "", 32.66, 66.11, "PPL", "AF", "32", 0),
    (264194, "Chora", "", 38.37, 26.14, "PPL", "GR", "ESYE41", 23000),
    (1147291, "Tarinkot", "Tirin Kot", 32.63, 65.88, "PPLA", "AF", "32", 71604),
    # India and Pakistan
    (1269843, "Hyderabad", "", 17.38, 78.46, "PPLA", "IN", "40", 3597816),
    (1176734, "Hyderabad", "", 25.39, 68.37, "PPL", "PK", "05", 1386330),
    (1169607, "Haveli Lakha", "Haveli", 30.45, 73.70, "PPL", "PK", "04", 20000),
    (1169278, "Muzaffarabad", "", 34.37, 73.47, "PPLA", "PK", "06", 725000),
]

ADMIN1 = {
    "UA.05": "Donetsk", "UA.07": "Kharkiv", "UA.11": "Crimea", "UA.14": "Luhansk",
    "UA.15": "Lviv", "UA.18": "Poltava", "NG.27": "Borno", "NG.23": "Kano",
    "LY.77": "Tripoli", "LB.09": "Liban-Nord", "LB.06": "Liban-Sud", "US.MS": "Mississippi",
    "AF.32": "Uruzgan", "GR.ESYE41": "North Aegean", "IN.40": "Telangana", "PK.05": "Sindh",
    "PK.04": "Punjab", "PK.06": "Azad Kashmir",
}


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    folder = tmp_path_factory.mktemp("focus")
    rows = geonames_rows([(gid, name, alts, lat, lon, "P", code, cc, a1, pop)
                          for gid, name, alts, lat, lon, code, cc, a1, pop in PLACES])
    return gazetteer_from_places(folder, rows, ADMIN1, "UA.txt")


# --- the knowledge file ------------------------------------------------------------------

EXAMPLES = [
    (entry.name, example.text, example.areas)
    for entry in focus_areas().entries
    for example in entry.examples
]


@pytest.mark.parametrize("entry,text,areas", EXAMPLES, ids=[e[1][:40] for e in EXAMPLES])
def test_focus_area_examples(entry: str, text: str, areas: list[str]) -> None:
    focus = area_focus(text)
    if not areas:
        assert focus is None or entry not in focus.entries
        return
    assert focus is not None and entry in focus.entries
    keys = {k for ks in focus.areas.values() for k in ks}
    for name in areas:
        assert admin_keys(name) & keys, name


def test_every_entry_has_provenance_and_known_countries() -> None:
    for entry in focus_areas().entries:
        assert len(entry.provenance) >= 10
        assert entry.areas and all(len(code) == 2 for code in entry.areas)


def test_a_bad_entry_is_refused() -> None:
    with pytest.raises(ValidationError):
        FocusEntry.model_validate({
            "name": "x", "cues": [["X"]], "areas": {"XX": ["Nowhere"]},
            "provenance": "invented for a test", "examples": [{"text": "X", "areas": []}],
        })
    with pytest.raises(ValidationError):
        FocusEntry.model_validate({
            "name": "x", "cues": [[]], "areas": {"UA": ["Donetsk"]},
            "provenance": "invented for a test", "examples": [{"text": "X", "areas": []}],
        })


def test_acronyms_match_in_capitals_only() -> None:
    assert area_focus("Observers of the SMM counted 40 explosions.") is not None
    assert area_focus("An smm campaign counted 40 explosions of interest.") is None
    assert area_focus("Both armies exchanged fire across the LoC.") is not None
    assert area_focus("The loc of the file was lost in two explosions.") is None


def test_all_cue_groups_must_match() -> None:
    # the SMM alone (a patrol in Lviv) is not a ceasefire report of the Donbas
    assert area_focus("The SMM visited a school in Lviv.") is None


# --- the area_focus pass ------------------------------------------------------------------

def test_ceasefire_report_prefers_the_namesake_in_the_donbas(gaz: Gazetteer) -> None:
    text = "The OSCE SMM recorded 14 explosions near Lozove."
    place = best(gaz, text)
    assert place is not None and place.location.admin1 == "Donetsk"
    result = geo.Geocoder(gaz).resolve(text)
    assert result.pass_counts["area_focus"] >= 1
    assert result.area_focus
    # without the cue the larger namesake wins, as before
    other = best(gaz, "A festival was held in Lozove.")
    assert other is not None and other.location.admin1 == "Crimea"


def test_strict_focus_keeps_a_far_namesake_out(gaz: Gazetteer) -> None:
    # Kashtanove is known only in Crimea: in an SMM ceasefire report it is a front-line
    # village the gazetteer lacks, not the Crimean one
    result = geo.Geocoder(gaz).resolve("The SMM recorded 5 shots near Kashtanove.")
    assert all(p.location.admin1 != "Crimea" for p in result.places)
    # a large city outside the areas stays: Kharkiv is not a village
    city = best(gaz, "The SMM recorded 3 explosions and later met officials in Kharkiv.")
    assert city is not None and city.location.admin1 == "Kharkiv"


def test_the_forces_of_one_republic_focus_its_oblast(gaz: Gazetteer) -> None:
    place = best(gaz, "Ukrainian forces fired at positions of the Luhansk People's Militia "
                      "near Khyrivka.")
    assert place is not None and place.location.admin1 == "Luhansk"


def test_a_loose_focus_only_breaks_ties(gaz: Gazetteer) -> None:
    place = best(gaz, "Boko Haram fighters raided Damboa at dawn.")
    assert place is not None and place.location.admin1 == "Borno"
    # not strict: a place known only outside the areas is kept (they strike elsewhere too)
    place = best(gaz, "Boko Haram fighters raided Gudumbali at dawn.")
    assert place is not None and place.location.admin1 == "Kano"


# --- admin areas written after a name -------------------------------------------------------

def test_admin_area_after_a_name_holds_for_its_later_mentions(gaz: Gazetteer) -> None:
    # Vodyane is only an alternate name of a Lviv village here: "Vodyane, Donetsk" is one the
    # gazetteer lacks, and so is the "Vodyane" of the next sentence
    result = geo.Geocoder(gaz).resolve(
        "Shelling hit Vodyane, Donetsk. Later, residents reported gunfire near Vodyane."
    )
    assert result.places
    assert all(p.location.admin1 == "Donetsk" for p in result.places)


# --- country evidence: actors and currencies ------------------------------------------------

def test_home_only_actors_count_for_their_country() -> None:
    assert actor_countries("Taliban militants attacked a checkpoint.") == ("AF",)
    assert actor_countries("Supporters of the Amal Movement blocked a road.") == ("LB",)
    # a lower-case word is no actor name, and a group active in several countries no evidence
    assert actor_countries("Residents demanded the return of their land.") == ()


def test_an_actor_places_a_name_found_abroad_too(gaz: Gazetteer) -> None:
    before = best(gaz, "Militants attacked a post in Chora.")
    assert before is not None and before.location.country == "Greece"
    place = best(gaz, "Taliban militants attacked a post in Chora.")
    assert place is not None and place.location.country == "Afghanistan"


def test_a_currency_says_where(gaz: Gazetteer) -> None:
    place = best(gaz, "Protesters in Sidon denounced the collapse of the Lebanese pound.")
    assert place is not None and place.location.country == "Lebanon"
    # the currency is not a country mention of its own, and the US dollar no evidence
    assert country_mentions("The Lebanese pound fell again.") == []
    assert [k for *_, k in country_mentions_detailed("The Lebanese pound fell.")] == ["currency"]
    assert country_mentions_detailed("The US dollar rose.") == []


# --- the phrase around a name ---------------------------------------------------------------

def test_parenthesis_after_a_country_part_locates_the_name(gaz: Gazetteer) -> None:
    result = geo.Geocoder(gaz).resolve(
        "Clashes were reported in Lozove area in eastern Ukraine (Donetsk)."
    )
    [lozove] = [d for d in result.decisions if d.mention.surface == "Lozove"]
    assert lozove.place is not None and lozove.place.admin1 == "Donetsk"
    [donetsk] = [d for d in result.decisions if d.mention.surface == "Donetsk"]
    assert donetsk.mention.context_of == result.decisions.index(lozove)


def test_a_describing_word_may_precede_the_area_cue(gaz: Gazetteer) -> None:
    result = geo.Geocoder(gaz).resolve("Airstrikes hit Donetsk border oblast.")
    [donetsk] = [d for d in result.decisions if d.mention.surface == "Donetsk"]
    assert donetsk.mention.area_cue == "oblast"


def test_an_english_word_after_a_name_is_no_arabic_article(gaz: Gazetteer) -> None:
    # "at", "as", "an" are Arabic articles only before a name ("Bab al Faraj", "Ras al-Ain")
    place = best(gaz, "Gunmen raided Damboa at dawn.")
    assert place is not None and place.name == "Damboa"
    assert best(gaz, "Gunmen raided Damboa as residents slept.") is not None
    assert best(gaz, "Gunmen raided Damboa al Kabir.") is None


def test_a_village_outside_a_strict_focus_is_placed_in_its_main_area(gaz: Gazetteer) -> None:
    # nothing else in the text locates it: the village keeps its name, the focus's main
    # area gives admin1 and the point (precision 2), instead of the namesake in Crimea
    place = best(gaz, "The SMM recorded 5 shots near Kashtanove.")
    assert place is not None
    assert place.location.location == "Kashtanove" and place.raw_name == "Kashtanove"
    assert place.location.admin1 == "Donetsk"
    assert int(place.location.geo_precision) == 2


def test_a_name_no_gazetteer_knows_is_a_village_of_a_strict_focus(gaz: Gazetteer) -> None:
    place = best(gaz, "The SMM recorded 12 explosions near Zhovtanka.")
    assert place is not None and place.location.location == "Zhovtanka"
    assert place.location.admin1 == "Donetsk"
    # the same sentence without the ceasefire report locates nothing
    assert best(gaz, "A fair was held near Zhovtanka.") is None


def test_a_stance_or_affiliation_names_a_person_or_party(gaz: Gazetteer) -> None:
    # "pro-Damboa" and "Damboa-backed" are about people or a faction named like the town
    assert best(gaz, "Pro-government and pro-Damboa fighters clashed.") is None
    assert best(gaz, "Damboa-backed gunmen clashed with rivals.") is None
    assert best(gaz, "Damboa-based activists protested.") is not None


def test_words_saying_what_a_place_is_may_stand_before_its_admin_areas(gaz: Gazetteer) -> None:
    result = geo.Geocoder(gaz).resolve("Fighting on the Lozove frontline (Donetsk) went on.")
    [lozove] = [d for d in result.decisions if d.mention.surface == "Lozove"]
    assert lozove.place is not None and lozove.place.admin1 == "Donetsk"
    [donetsk] = [d for d in result.decisions if d.mention.surface == "Donetsk"]
    assert donetsk.mention.context_of == result.decisions.index(lozove)


def test_a_state_abbreviation_closing_a_parenthesis_is_its_state(gaz: Gazetteer) -> None:
    result = geo.Geocoder(gaz).resolve("A media office was attacked in Hyderabad city "
                                       "(Hyderabad, TS).")
    [ts] = [d for d in result.decisions if d.mention.surface == "TS"]
    assert ts.place is not None and ts.place.kind == "admin1"
    assert ts.place.admin1 == "Telangana" and ts.mention.context_of is not None
    assert result.places[0].location.country == "India"
    # an abbreviation the alias table does not hold is nothing
    result = geo.Geocoder(gaz).resolve("Clashes in Hyderabad (Hyderabad, XQ).")
    assert all(d.mention.surface != "XQ" for d in result.decisions)


def test_an_area_in_a_parenthesis_lies_in_the_areas_after_it(gaz: Gazetteer) -> None:
    # "(Haveli district, AJK)": the gazetteer's Haveli is a village of Punjab, not the
    # district of Azad Kashmir, so the event is coded to Azad Kashmir
    place = best(gaz, "Troops exchanged fire at Kahuta sector area (Haveli district, AJK).")
    assert place is not None and place.location.admin1 == "Azad Kashmir"


def test_the_area_of_a_district_is_located_by_it(gaz: Gazetteer) -> None:
    # "X area of Y district, Z": Y and Z locate X as a parenthesis would
    result = geo.Geocoder(gaz).resolve(
        "Militants attacked a post in the Lozove area of Donetsk district, Donetsk."
    )
    [donetsk, *_] = [d for d in result.decisions if d.mention.surface == "Donetsk"]
    assert donetsk.mention.context_of is not None
    assert result.decisions[donetsk.mention.context_of].mention.surface == "Lozove"


def test_the_stance_check_reads_only_the_words_before_a_name(
        gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    # searched from the text's start at every "-Name" hit, a long text cost quadratic time
    from conflict_events.geo import matcher

    windows: list[int] = []
    stance = matcher._STANCE

    class Recording:
        def search(self, text: str, pos: int, endpos: int) -> object:
            windows.append(endpos - pos)
            return stance.search(text, pos, endpos)

    monkeypatch.setattr(matcher, "_STANCE", Recording())
    text = "Fighting went on. " * 200 + "Pro-government and pro-Damboa fighters clashed."
    assert best(gaz, text) is None
    assert windows and max(windows) <= len("anti-")


def test_each_cue_is_found_whatever_its_case_and_apostrophes() -> None:
    # every cue is first looked for as a plain substring of the case-folded text: that test
    # must never hide a cue its regex finds
    from conflict_events.geo.focus import _compiled, _cue_fold

    for entry in _compiled():
        for group in entry.groups:
            for cue in group:
                for text in _variants(cue.pattern.pattern):
                    if cue.pattern.search(text):
                        folded = _cue_fold(text)
                        assert all(p in folded for p in cue.pieces), (entry.name, text)


def test_each_cue_is_scanned_where_it_can_begin_as_search_finds_it() -> None:
    # the cues are tried only where they can begin (AnchoredRegex): the first match there is
    # the match search finds
    from conflict_events.geo.focus import _compiled

    for entry in _compiled():
        for group in entry.groups:
            for cue in group:
                for text in [*_variants(cue.pattern.pattern), "no cue here", *(
                        x.text for x in focus_areas().entries[0].examples)]:
                    expected = cue.pattern.search(text)
                    hit = next(cue.scan.finditer(text), None)
                    assert (hit and hit.span()) == (expected and expected.span()), text


def _variants(pattern: str) -> list[str]:
    """Texts a cue pattern matches: its words as written, upper-cased, with curly, straight
    or no apostrophes, with a dotless i, inside a sentence."""
    body = pattern.removeprefix(r"(?<![\w-])").removesuffix(r"(?![\w-])")
    plain = re.sub(r"\[\\s-\]\+", " ", body).replace("['’]?", "'").replace("\\", "")
    forms = {plain, plain.upper(), plain.replace("'", "’"), plain.replace("'", "")}
    forms |= {f.replace("i", "ı") for f in set(forms)}
    return [f"Reports said {form} were seen." for form in forms]


def test_the_entries_found_are_those_whose_cue_regexes_match() -> None:
    # the pieces are looked for once per text and shared by the cues: the entries found must
    # be exactly those every group of which has a cue whose regex matches
    from conflict_events.geo.focus import _compiled, area_focus

    texts = [text for entry in _compiled() for group in entry.groups for cue in group
             for text in _variants(cue.pattern.pattern)]
    rng = random.Random(11)
    texts += [" ".join(rng.sample(texts, 3)) for _ in range(200)]
    for text in texts:
        expected = [entry.name for entry in _compiled()
                    if all(any(cue.pattern.search(text) for cue in group)
                           for group in entry.groups)]
        found = area_focus(text)
        assert (list(found.entries) if found else []) == expected, text
