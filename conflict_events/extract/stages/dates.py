"""Stage `dates`: date mentions found with compiled regexes, resolved against the publication
date, with ACLED's time_precision (1 day, 2 week/weekend, 3 month).

Structured forms ("9 May 2020", "May 9, 2020", "2020-05-09", "May 2020", "Between 1 and 7
May 2020", "an unspecified date in early May 2020") are read directly; numeric forms such as
"09/05/2020" are handed to dateparser (only the matched string, never the whole text).
Relative forms ("yesterday", "on Tuesday", "since Monday", "last week", "over the weekend",
"earlier this month", "last month") need the publication date and are skipped without it."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import cache

from conflict_events.extract.anchors import AnchoredRegex
from conflict_events.extract.doc import DateMention, Doc
from conflict_events.extract.pipeline import register_stage

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}

_M = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"  # noqa: E501
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_D = r"(?:[012]?\d|3[01])(?:st|nd|rd|th)?"
_Y = r"(?:19|20)\d\d"
_PART = r"(?:early|mid|late|the beginning of|beginning of|the start of|start of|the end of|end of|the middle of|middle of|mid-)"  # noqa: E501

_PATTERNS: list[tuple[str, str]] = [
    ("range", rf"[Bb]etween (?P<r_d1>{_D})(?: (?P<r_m1>{_M}))?(?:,? (?P<r_y1>{_Y}))? and (?P<r_d2>{_D}) (?P<r_m2>{_M}),? (?P<r_y2>{_Y})"),  # noqa: E501
    ("unspecified", rf"[Aa]n unspecified date (?:in|of|during) (?:(?P<u_part>{_PART}) ?)?(?P<u_m>{_M}),? (?P<u_y>{_Y})"),  # noqa: E501
    ("dmy", rf"(?P<a_d>{_D}) (?:of )?(?P<a_m>{_M}),? (?P<a_y>{_Y})"),
    ("mdy", rf"(?P<b_m>{_M}) (?P<b_d>{_D}),? (?P<b_y>{_Y})"),
    ("iso", r"(?P<i_y>(?:19|20)\d\d)-(?P<i_m>[01]\d)-(?P<i_d>[0-3]\d)"),
    ("numeric", r"(?P<n>[0-3]?\d/[01]?\d/(?:19|20)\d\d)"),
    ("month_year", rf"(?:(?P<p_part>{_PART}) ?)?(?P<p_m>{_M}),? (?P<p_y>{_Y})"),
    ("dm", rf"(?P<c_d>{_D}) (?:of )?(?P<c_m>{_M})(?![\w])"),
    ("md", rf"(?P<e_m>(?:January|February|March|April|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?|May(?= [0-3]?\d(?:st|nd|rd|th)?\b)) (?P<e_d>{_D})(?![\d:])"),  # noqa: E501
    # "In February," with no day or year: the latest such month up to publication
    ("in_month", rf"(?<=\b[Ii]n )(?P<h_m>{_M})(?! ?[0-3]?\d\b|,? (?:19|20)\d\d)(?: (?P<h_last>last year))?"),  # noqa: E501
    # a year alone ("in 2009", "last year"): less precise than a month (codebook 1.7)
    ("year", r"(?<=\b[Ii]n )(?:19|20)\d\d(?!-)"),
    ("rel_year", r"(?:late |early |earlier )?last year|the previous year|earlier this year"),
    ("weekend", r"(?:over|during|at|on) the (?:past |last )?weekend|last weekend|this weekend"),
    ("last_week", r"(?:last|past|previous) week|earlier this week|this week"),
    ("this_month", r"(?:earlier|later|late|early) this month|this month|(?:last|past|previous) month"),  # noqa: E501
    ("part_month", rf"(?P<q_part>(?i:early|mid|late|the end of|the beginning of|end of|beginning of|mid-))(?: |-)?(?P<q_m>{_M})(?![\w])"),  # noqa: E501
    ("weekday", rf"(?:(?P<w_pre>(?i:since|last|this|on|early|late|until|before)) )?(?P<w_d>{_WD})(?: (?:morning|afternoon|evening|night))?"),  # noqa: E501
    ("yesterday", r"yesterday|last night|the previous day|a day earlier|(?:the )?day before"),
    ("today", r"today|tonight|this (?:morning|afternoon|evening)|earlier today"),
    ("days_ago", r"(?P<g_n>two|three|four|five|six|\d) days (?:ago|earlier)"),
]
_AROUND = re.compile(r"\b(?:around|about|circa|approximately)\s+(?:the\s+)?$", re.IGNORECASE)
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@cache
def _regex() -> re.Pattern[str]:
    # Relative expressions may start a sentence ("Yesterday, ..."): case-insensitive; month
    # and weekday names stay case-sensitive so that the verb "may" is never a month.
    loose = {"weekend", "last_week", "this_month", "yesterday", "today", "days_ago", "rel_year"}
    parts = [
        f"(?P<{name}>(?i:{pattern}))" if name in loose else f"(?P<{name}>{pattern})"
        for name, pattern in _PATTERNS
    ]
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])")


_NON_DIGITS = re.compile(r"\D")


def _int(text: str) -> int:
    return int(text if text.isdecimal() else _NON_DIGITS.sub("", text))


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_point(year: int, month: int, part: str | None) -> dt.date:
    last = calendar.monthrange(year, month)[1]
    part = (part or "").lower()
    if "beginning" in part or "start" in part or part == "early":
        return dt.date(year, month, 1)
    if "end" in part or part == "late":
        return dt.date(year, month, last)
    return dt.date(year, month, 15)


def _infer_year(month: int, day: int, published: dt.date) -> dt.date | None:
    """A date written without a year: the latest such date not after publication."""
    for year in (published.year, published.year - 1):
        found = _safe(year, month, day)
        if found and found <= published + dt.timedelta(days=1):
            return found
    return None


def _weekday_before(published: dt.date, weekday: int) -> dt.date:
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def resolve(m: re.Match[str], published: dt.date | None) -> DateMention | None:
    kind = m.lastgroup
    g = m  # the groups by name (m["name"]): cheaper than a dict of all fifty
    day: dt.date | None = None
    precision = 1
    if kind == "range":
        y2 = _int(g["r_y2"])
        m2 = _month(g["r_m2"])
        m1 = _month(g["r_m1"]) if g["r_m1"] else m2
        y1 = _int(g["r_y1"]) if g["r_y1"] else (y2 if m1 <= m2 else y2 - 1)
        first = _safe(y1, m1, _int(g["r_d1"]))
        last = _safe(y2, m2, _int(g["r_d2"]))
        if not first or not last or last < first:
            return None
        day = first + (last - first) / 2
        precision = 2 if (last - first).days <= 7 else 3
    elif kind == "unspecified":
        day = _month_point(_int(g["u_y"]), _month(g["u_m"]), g["u_part"])
        precision = 3
    elif kind == "dmy":
        day = _safe(_int(g["a_y"]), _month(g["a_m"]), _int(g["a_d"]))
    elif kind == "mdy":
        day = _safe(_int(g["b_y"]), _month(g["b_m"]), _int(g["b_d"]))
    elif kind == "iso":
        day = _safe(_int(g["i_y"]), _int(g["i_m"]), _int(g["i_d"]))
    elif kind == "numeric":
        day = _dateparser(g["n"])
    elif kind == "month_year":
        day = _month_point(_int(g["p_y"]), _month(g["p_m"]), g["p_part"])
        precision = 3
    elif published is None:
        return None
    elif kind == "dm":
        day = _infer_year(_month(g["c_m"]), _int(g["c_d"]), published)
    elif kind == "md":
        day = _infer_year(_month(g["e_m"]), _int(g["e_d"]), published)
    elif kind == "part_month":
        month = _month(g["q_m"])
        year = published.year if month <= published.month else published.year - 1
        day = _month_point(year, month, g["q_part"])
        precision = 3
    elif kind == "year":
        day = dt.date(_int(m.group()), 7, 1)
        precision = 3
    elif kind == "rel_year":
        text = m.group().lower()
        day = dt.date(published.year - (0 if "this" in text else 1), 7, 1)
        day = min(day, published)
        precision = 3
    elif kind == "in_month":
        month = _month(g["h_m"])
        year = published.year if month <= published.month else published.year - 1
        if g["h_last"]:
            year = published.year - 1
        day = min(_month_point(year, month, None), published)
        precision = 3
    elif kind == "weekend":
        text = m.group().lower()
        saturday = _weekday_before(published, 5)
        if "this" in text and published.weekday() >= 5:
            saturday = _weekday_before(published, 5)
        day = saturday
        precision = 2
    elif kind == "last_week":
        text = m.group().lower()
        if "this week" in text:
            day = max(published - dt.timedelta(days=published.weekday()),
                      published - dt.timedelta(days=3))
            day = day + (published - day) / 2
        else:
            monday = published - dt.timedelta(days=published.weekday() + 7)
            day = monday + dt.timedelta(days=3)  # the Thursday of that week
        precision = 2
    elif kind == "this_month":
        text = m.group().lower()
        if "last" in text or "previous" in text or "past" in text:
            prev = published.replace(day=1) - dt.timedelta(days=1)
            day = prev.replace(day=15)
        else:
            day = min(published.replace(day=15), published)
        precision = 3
    elif kind == "weekday":
        day = _weekday_before(published, WEEKDAYS[g["w_d"].lower()])
        if (g["w_pre"] or "").lower() == "last" and day == published:
            day -= dt.timedelta(days=7)
    elif kind == "yesterday":
        day = published - dt.timedelta(days=1)
    elif kind == "today":
        day = published
    elif kind == "days_ago":
        n = g["g_n"].lower()
        day = published - dt.timedelta(days=_NUMBER_WORDS.get(n) or int(n))
    if day is None or kind is None:
        return None
    if precision == 1 and _AROUND.search(m.string, max(0, m.start() - 10), m.start()):
        precision = 2  # "Around 9 May 2020 (as reported)": known to within days
    return DateMention(m.start(), m.end(), day, precision, kind, m.group())


@cache
def _dateparser_parse() -> object:
    import dateparser  # imported on first need: it is slow to import

    return dateparser.parse


def _dateparser(text: str) -> dt.date | None:
    parse = _dateparser_parse()
    value = parse(text, settings={"DATE_ORDER": "DMY", "STRICT_PARSING": True})  # type: ignore[operator]
    return value.date() if value is not None else None


@cache
def _matcher() -> AnchoredRegex:
    """The date regex, tried only where a date form can begin (a digit, a month or weekday
    name, "last", "yesterday"...): a 17-way alternation tried at every character cost more
    than the rest of the stage."""
    return AnchoredRegex(_regex())


def find_dates(text: str, published: dt.date | None,
               folded: str | None = None) -> list[DateMention]:
    """Date mentions of the text; `folded` is anchors.fold(text) when the caller has it."""
    found = []
    for m in _matcher().finditer(text, folded=folded):
        mention = resolve(m, published)
        if mention is not None:
            found.append(mention)
    return found


def find_doc_dates(doc: Doc) -> None:
    doc.dates = find_dates(doc.text, doc.published, doc.folded())


register_stage("dates", inputs=("text",), outputs=("dates",))(find_doc_dates)
