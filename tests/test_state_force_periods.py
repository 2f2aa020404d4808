"""State forces are named by the regime period of the day: the periods of state_forces.yaml are
ordered, none lies in the future, they reach back over ACLED's coverage, and the example
sentences written in the file (with their days) give the expected period label in text."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import shared_path

from conflict_events.knowledge.actors import ActorLexicon, load_actor_lexicon
from conflict_events.schema.countries import countries

# First year of ACLED's coverage of the regions where it has covered conflict longest.
COVERAGE_START = {
    "Eastern Africa": 1997, "Middle Africa": 1997, "Northern Africa": 1997,
    "Southern Africa": 1997, "Western Africa": 1997, "South Asia": 2010, "Middle East": 2016,
}
# the first period may start later where there was no state to name before
NOT_BACKDATED = {
    "British Indian Ocean Territory": "dependent territory",
    "French Southern Territories": "dependent territory",
    "Mayotte": "dependent territory",
    "Reunion": "dependent territory",
    "Saint Helena, Ascension and Tristan da Cunha": "dependent territory",
    "South Sudan": "independent since 2011",
    "Somalia": "no central government from 1991 to the Transitional National Government (2000)",
}


@pytest.fixture(scope="module")
def lex() -> ActorLexicon:
    return load_actor_lexicon()


def test_periods_increase_and_none_starts_in_the_future(lex: ActorLexicon) -> None:
    today = dt.date.today()
    wrong = []
    for country, names in lex.state_force_names.items():
        starts = [p.start for p in names.periods]
        if starts != sorted(set(starts)):
            wrong.append(f"{country}: not increasing {starts}")
        if starts[-1] > today:
            wrong.append(f"{country}: starts in the future {starts[-1]}")
    assert not wrong, "\n".join(wrong)


def test_periods_reach_back_over_acled_coverage(lex: ActorLexicon) -> None:
    late = []
    for country in countries():
        first_year = COVERAGE_START.get(country.region)
        if first_year is None or country.name in NOT_BACKDATED:
            continue
        first = lex.state_force_names[country.name].periods[0].start
        if first > dt.date(first_year, 1, 1):
            late.append(f"{country.name} ({country.region}): first period {first}")
    assert not late, "\n".join(late)


def _examples() -> list[tuple[str, str, dt.date, str]]:
    out = []
    for country, names in load_actor_lexicon().state_force_names.items():
        for example in names.examples:
            assert example.day is not None, f"{country}: example without a day: {example.text}"
            out.append((example.country or country, example.text, example.day, example.expect))
    return out


EXAMPLES = _examples()


def test_the_examples_cover_the_regime_changes() -> None:
    # Nigeria 2015/2023, Burkina Faso 2022 twice, Sudan 2019, Mali 2020/2021 and more
    assert len(EXAMPLES) >= 75
    assert len({country for country, *_ in EXAMPLES}) >= 30


@pytest.mark.parametrize(("country", "text", "day", "expect"), EXAMPLES,
                         ids=[f"{c}-{d}" for c, _, d, _ in EXAMPLES])
def test_example_sentence_gives_the_period_of_its_day(
    lex: ActorLexicon, country: str, text: str, day: dt.date, expect: str
) -> None:
    found = [m.name for m in lex.match_state_forces(text, country, day)]
    assert expect in found, f"{text!r} on {day} in {country}: {found}"


@pytest.mark.parametrize(
    ("country", "day", "kind", "expected"),
    [
        # the day a new head takes office belongs to the new period; the day before, the old
        ("Burkina Faso", dt.date(2022, 9, 29), "military",
         "Military Forces of Burkina Faso (2022-2022)"),
        ("Burkina Faso", dt.date(2022, 9, 30), "military",
         "Military Forces of Burkina Faso (2022-)"),
        ("Sudan", dt.date(2019, 4, 10), "police", "Police Forces of Sudan (1989-2019)"),
        ("Sudan", dt.date(2019, 4, 11), "police", "Police Forces of Sudan (2019-)"),
        ("Afghanistan", dt.date(2021, 8, 14), "government",
         "Government of Afghanistan (2014-2021)"),
        ("Libya", dt.date(2010, 6, 1), "military", "Military Forces of Libya (1969-2011)"),
        ("Libya", dt.date(2013, 6, 1), "military", "Military Forces of Libya (2012-2016)"),
        ("Libya", dt.date(2022, 6, 1), "military",
         "Military Forces of Libya (2021-) Government of National Unity"),
        ("Yemen", dt.date(2011, 6, 1), "military", "Military Forces of Yemen (1978-2012)"),
        ("Niger", dt.date(2010, 6, 1), "military", "Military Forces of Niger (2010-2011)"),
        ("Guinea-Bissau", dt.date(2013, 6, 1), "military",
         "Military Forces of Guinea-Bissau (2012-2014)"),
        ("Mauritania", dt.date(2020, 6, 1), "military", "Military Forces of Mauritania (2009-)"),
        ("Zambia", dt.date(2016, 6, 1), "police", "Police Forces of Zambia (2011-2021)"),
    ],
)
def test_period_edges(lex: ActorLexicon, country: str, day: dt.date, kind: str,
                      expected: str) -> None:
    assert lex.state_forces(country, day, kind) == expected


_GOLD_STATE_FORCE = re.compile(
    r"^(Military Forces|Police Forces|Government) of (.+?) \((\d{4})-(?:\d{4})?\)(?: (.+))?$")
_KINDS = {"Military Forces": "military", "Police Forces": "police", "Government": "government"}


def period_agreement(lex: ActorLexicon, gold_csv: Path) -> tuple[int, int, Counter[str]]:
    """How many of the dev set's state-force names (actors and associated actors) carry the
    period start year state_forces.yaml gives for the event's day. Names whose suffix is
    not one of the file's units or period suffixes are separate named actors (Yemen's
    Supreme Political Council, Libya's Haftar Faction) and "Former ..." names a past regime:
    neither is counted."""
    country_of_state = {names.state: country for country, names in lex.state_force_names.items()}
    agree = total = 0
    misses: Counter[str] = Counter()
    with gold_csv.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            day = dt.date.fromisoformat(row["event_date"][:10])
            names = [row["actor1"], row["actor2"],
                     *row["assoc_actor_1"].split("; "), *row["assoc_actor_2"].split("; ")]
            for name in names:
                found = _GOLD_STATE_FORCE.match(name.strip())
                if not found or found[2] not in country_of_state:
                    continue
                country = country_of_state[found[2]]
                spec = lex.state_force_names[country]
                known = {u.name for u in spec.units} | {
                    p.suffix_for(_KINDS[found[1]]) for p in spec.periods}
                if found[4] and found[4] not in known:
                    continue
                ours = spec.name(day, _KINDS[found[1]])
                total += 1
                if f"({found[3]}-" in ours:
                    agree += 1
                else:
                    misses[f"{country} {day.year}: gold ({found[3]}-), ours {ours}"] += 1
    return agree, total, misses


def test_dev_set_period_labels_agree(lex: ActorLexicon) -> None:
    agree, total, misses = period_agreement(
        lex, shared_path("eval", "acled_2020_dev.csv"))
    print(f"\nperiod start year agrees with the dev set: {agree}/{total} = {agree / total:.4f}")
    for miss, count in misses.most_common():
        print(f"  {count} x {miss}")
    # measured 2411/2423 (2410 before the audit); the misses: Iraq's Kadhimi government
    # coded (2018-) in its first days, a Lebanese caretaker label (2019-2020), two names of
    # past or rival regimes
    assert agree / total >= 0.995, misses.most_common(5)
