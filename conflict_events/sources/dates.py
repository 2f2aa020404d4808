"""Publication dates as sources write them: ISO dates and timestamps, RFC 2822 (feeds, HTTP),
and the day-month-year forms of news pages ("02 February, 2016", "Feb 2, 2016",
"Tuesday 2 February 2016 14:05 GMT", "Published: 2 Feb 2016").

Deterministic and English-only on purpose: a dateline is a fixed form, not free text."""

from __future__ import annotations

import datetime as dt
import email.utils
import re

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"
_DATE_FORMS = (
    rf"{_WEEKDAY}?{_DAY}\s+{_MONTH},?\s+{_YEAR}",  # 02 February, 2016
    rf"{_WEEKDAY}?{_MONTH}\s+{_DAY},?\s+{_YEAR}",  # Feb 2, 2016
    r"(?P<iso>(?:19|20)\d\d[-/](?:0?[1-9]|1[0-2])[-/](?:0?[1-9]|[12]\d|3[01]))",  # 2016-02-02
)
_TIME = (r"(?:\s*(?:,|at|-|–|—|\||T)?\s*[0-2]?\d[:.][0-5]\d(?::[0-5]\d)?(?:\s*[ap]\.?m\.?)?"
         r"(?:\s*\(?(?:[A-Z]{2,5}|[+-]\d\d:?\d\d)\)?)?)?")
_PREFIX = (r"(?:(?:published|updated|last\s+updated|posted|first\s+published|date)"
           r"(?:\s+on)?\s*:?\s*)?")
# A line that is only a date (with an optional label and time): a dateline.
DATELINES = tuple(
    re.compile(rf"^\s*{_PREFIX}(?:{form}){_TIME}\s*$", re.IGNORECASE) for form in _DATE_FORMS
)
# A wire-style opening: "ALEPPO, Syria, Feb 2, 2016 (Reuters) - ...": the date is the
# publication date; the line is text and stays.
_AGENCY = r"(?:\((?P<agency>[^)]{1,40})\))"
WIRE_OPENINGS = tuple(
    re.compile(rf"^\s*[A-Z][A-Za-z .'-]{{1,40}}(?:,\s*[A-Z][A-Za-z .'-]{{1,30}})?,\s*(?:{form})"
               rf"\s*{_AGENCY}?\s*[-–—:]", re.IGNORECASE)
    for form in _DATE_FORMS[:2]
)
# "BEIRUT (Reuters) - ...", "KABUL, Afghanistan (AP) — ...": the agency, without a date.
WIRE_AGENCY = re.compile(r"^\s*[A-Z][A-Z .'-]{1,40}(?:,\s*[A-Z][A-Za-z .'-]{1,30})?\s*"
                         r"\((?P<agency>[A-Z][^)]{0,39})\)\s*[-–—:]")
# What may stand in the parentheses as an agency: a few capitalised words, no digits.
_AGENCY_NAME = re.compile(r"[A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*){0,3}")


def _first_date(patterns: tuple[re.Pattern[str], ...], text: str) -> dt.date | None:
    for pattern in patterns:
        match = pattern.match(text)
        if match:
            return _date_of(match)
    return None


def _date_of(match: re.Match[str]) -> dt.date | None:
    groups = {k: v for k, v in match.groupdict().items() if v}
    try:
        if "iso" in groups:
            year, month, day = (int(p) for p in re.split(r"[-/]", groups["iso"]))
            return dt.date(year, month, day)
        return dt.date(int(groups["year"]), MONTHS[groups["month"].lower()], int(groups["day"]))
    except (KeyError, ValueError):
        return None


def dateline_date(line: str) -> dt.date | None:
    """The date of a line that is only a date ("02 February, 2016", "Updated: Feb 2, 2016")."""
    if len(line) > 80:
        return None
    return _first_date(DATELINES, line)


def wire_opening_date(line: str) -> dt.date | None:
    """The date of a wire-style opening ("BEIRUT, Feb 2, 2016 (Reuters) - ...")."""
    return _first_date(WIRE_OPENINGS, line[:160])


def wire_opening_agency(line: str) -> str | None:
    """The news agency of a wire-style opening ("BEIRUT (Reuters) - ...") or None."""
    head = line[:160]
    for pattern in (*WIRE_OPENINGS, WIRE_AGENCY):
        match = pattern.match(head)
        if match and match["agency"]:
            agency = " ".join(match["agency"].split())
            if _AGENCY_NAME.fullmatch(agency) and not any(c.isdigit() for c in agency):
                return agency
    return None


def parse_date(value: object) -> dt.date | None:
    """A publication date from a metadata value, or None when it cannot be read."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    iso = re.match(r"((?:19|20)\d\d-\d\d-\d\d)(?:$|[T ]\d)", text)
    if iso:
        try:
            return dt.date.fromisoformat(iso[1])
        except ValueError:
            return None
    try:
        stamp = email.utils.parsedate_to_datetime(text)  # RFC 2822: feeds and HTTP headers
    except (TypeError, ValueError, IndexError):
        stamp = None
    if stamp is not None:
        return stamp.date()
    return dateline_date(text)
