"""A lede dated on the eve of publication but in an earlier year or a later month is a slip; a text
that dates its news in the publication's year, or a lede on another day, keeps the old date
as background."""

from __future__ import annotations

import datetime as dt

from conflict_events.extract.api import extract_doc, to_article


def _days(text: str, published: dt.date) -> list[dt.date]:
    return [e.event_date for e in extract_doc(to_article(text, published=published)).events]


def test_a_slipped_year_in_the_lede_is_read_in_the_publication_year() -> None:
    text = ("On 2 March 2019, in Valparaiso, about 40 dock workers protested against the "
            "closure of the port.")
    assert _days(text, dt.date(2021, 3, 3)) == [dt.date(2021, 3, 2)]


def test_an_earlier_year_on_another_day_stays_background() -> None:
    text = ("On 2 January 2019, in Valparaiso, about 40 dock workers protested against the "
            "closure of the port.")
    assert _days(text, dt.date(2021, 3, 3)) == []


def test_a_text_dating_its_news_in_the_publication_year_keeps_the_old_date() -> None:
    text = ("On 2 March 2019, in Valparaiso, police killed a protester. On 2 March 2021, in "
            "Valparaiso, dock workers marched to remember him.")
    assert _days(text, dt.date(2021, 3, 3)) == [dt.date(2021, 3, 2)]


def test_a_lede_dated_in_a_later_month_is_read_in_the_publication_month() -> None:
    text = "On 13 April 2021, in Kidal, gunmen abducted a trader."
    assert _days(text, dt.date(2021, 3, 15)) == [dt.date(2021, 3, 13)]
    # on another day of a later month: a future date, no event
    assert _days("On 2 April 2021, in Kidal, gunmen abducted a trader.",
                 dt.date(2021, 3, 15)) == []
