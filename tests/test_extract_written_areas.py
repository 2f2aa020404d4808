"""The admin area a text writes after a place outranks the country its actors suggest: the
extractor reads the places again with the actors' country only when the text does not say
itself where they are; a word that names a kind of place is not a place. Sentences are
invented for these tests."""

from __future__ import annotations

import conflict_events as ce
from conflict_events import geo

PUBLISHED = "2021-03-04"


def test_the_written_area_outranks_the_attackers_country() -> None:
    # Armenian troops fire, but "Alibeyli, Tovuz" is in Azerbaijan's Tovuz district
    text = ("On 3 March 2021, Armenian troops shelled the positions of the army of Azerbaijan "
            "near Alibeyli, Tovuz.")
    events = ce.extract(text, published=PUBLISHED)
    assert events
    assert {(e.country, e.admin1) for e in events} == {("Azerbaijan", "Tovuz")}



def test_a_country_named_outright_outranks_a_demonym_of_the_actors() -> None:
    # Turkish aircraft, but the text says the village lies in Northern Iraq
    text = ("On 3 March 2021, Turkish military forces carried out airstrikes near Kuruke village "
            "in the Haftanin region of Duhok, Northern Iraq.")
    events = ce.extract(text, published=PUBLISHED)
    assert events
    assert {e.country for e in events} == {"Iraq"}


def test_colonia_before_a_name_is_a_neighbourhood_not_a_town() -> None:
    # "Colonia" is an alternate name of towns elsewhere; in "Colonia Los Pinos" it is the
    # Spanish word for a city's neighbourhood
    names = {p.name for p in geo.geocode(
        "On 3 March 2021, in Coatepec, Veracruz, gunmen shot a man dead in Colonia Los Pinos.")}
    assert "Colonia" not in names
    assert "Coatepec" in names


def test_the_name_after_a_district_and_a_comma_is_its_province() -> None:
    # "Urozgan" is a spelling the gazetteer knows only by its tolerant key (Uruzgan)
    text = ("On 3 March 2021, Taliban fighters attacked a police post in Gizab district, "
            "Urozgan.")
    events = ce.extract(text, published=PUBLISHED)
    assert events and events[0].admin1 == "Uruzgan"  # ACLED's name (GeoNames: Oruzgan)


def test_a_clan_named_like_a_town_is_no_place() -> None:
    names = {p.name for p in geo.geocode(
        "On 3 March 2021, militias of the Saad sub-clan fought near Beledweyne.")}
    assert names == {"Beledweyne"}


def test_the_place_written_with_its_areas_is_the_events_place() -> None:
    # "in Uruapan municipality, Michoacan" is where ACLED's note style puts the event; the
    # community named later has namesakes in other states
    text = ("On 3 March 2021, in Uruapan municipality, Michoacan, gunmen clashed with soldiers "
            "in El Aguaje community.")
    events = ce.extract(text, published=PUBLISHED)
    assert events and {e.admin1 for e in events} == {"Michoacan"}
