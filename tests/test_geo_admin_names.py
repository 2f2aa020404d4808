"""Admin-area names: GeoNames' kind words dropped, English and local names of one area compared
equal (knowledge/geo/admin_aliases.csv), compass words in any language and position."""

from __future__ import annotations

import pytest

from conflict_events.geo.aliases import same_admin_name
from conflict_events.geo.build import area_core_name, area_name


@pytest.mark.parametrize(
    "raw,name,core",
    [
        ("Province of Maguindanao", "Maguindanao", "Maguindanao"),
        ("Province de la Tapoa", "Tapoa", "Tapoa"),
        ("Province de l'Oudalan", "Oudalan", "Oudalan"),
        ("Departement du Mono", "Mono", "Mono"),
        ("Kabupaten Gianyar", "Gianyar", "Gianyar"),
        ("Kurram District", "Kurram District", "Kurram"),
        ("Guangdong Sheng", "Guangdong Sheng", "Guangdong"),
        # the kind word is the name itself: kept
        ("Distrito Federal", "Distrito Federal", "Distrito Federal"),
        ("Comuna 1", "Comuna 1", "Comuna 1"),
    ],
)
def test_area_names_lose_geonames_kind_words(raw: str, name: str, core: str) -> None:
    assert area_name(raw) == name
    assert area_core_name(raw) == core


@pytest.mark.parametrize(
    "local,english,country",
    [
        ("Maluku Utara", "North Maluku", "ID"),
        ("Khorasan-e Shomali", "North Khorasan", "IR"),
        ("Primorsko-Goranska", "Primorje-Gorski Kotar", "HR"),
        ("Banzart", "Bizerte", "TN"),
        ("Ongtustik Qazaqstan", "Turkistan", "KZ"),
        ("Central District", "HaMerkaz", "IL"),
        ("Muhafazat Hadramawt", "Hadramout", "YE"),
        # GeoNames' Russian oblasts with y written j and zh written zj
        ("Rjazan", "Ryazan", "RU"),
        ("Voronezj", "Voronezh", "RU"),
        ("Nizjnij Novgorod", "Nizhny Novgorod", "RU"),
    ],
)
def test_local_and_english_names_of_one_area_compare_equal(local: str, english: str,
                                                           country: str) -> None:
    assert same_admin_name(local, english, country)


def test_different_areas_stay_different() -> None:
    assert not same_admin_name("North Khorasan", "South Khorasan", "IR")
    assert not same_admin_name("Istarska", "Zadarska", "HR")
