"""Stage `numbers`: fatality figures.

Reads "5 people were killed", "killing 5", "left 5 dead", "5 fatalities", "death toll rose
to 5", "two soldiers and a civilian were killed" (3), vague quantities by ACLED's
conventions ("dozens" 12, "hundreds" 100, "tens" 10, "several"/"many"/"a number of" 3), and
explicit zeros ("no fatalities"). Injuries are not fatalities; "casualties" alone is
ambiguous and gives nothing."""

from __future__ import annotations

import re
from functools import cache

from conflict_events.coding.fatalities import not_this_event, running_total
from conflict_events.extract.anchors import AnchoredRegex, AnchoredRegexes, Words, fold
from conflict_events.extract.doc import Doc, NumberMention
from conflict_events.extract.pipeline import register_stage
from conflict_events.spans import DisjointSpans

WORDS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12,
    "dozen": 12, "both": 2, "a couple of": 2, "a pair of": 2,
}
VAGUE = {
    "dozens": 12, "dozens of": 12, "several dozen": 12, "a few dozen": 12, "hundreds": 100,
    "hundreds of": 100, "tens": 10,
    "tens of": 10, "scores": 20, "scores of": 20, "several": 3, "many": 10, "a number of": 10,
    "some": 3, "a few": 3, "few": 3, "numerous": 10, "multiple": 3, "an unknown number of": 10,
    "unknown number of": 10, "an unspecified number of": 10, "a large number of": 10,
}

MAX_DIGITS = 9
_NUMWORD = (r"(?:\d+ ?(?:-|to) ?\d+|\d{1,3}(?:,\d{3})+|\d+|a dozen|a couple of|a pair of|"
            + "|".join(sorted((w for w in WORDS if " " not in w), key=len, reverse=True))
            + r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)")
_SINGULAR = (r"(?:commander|leader|chief|member|soldier|officer|militant|fighter|civilian|man|"
             r"woman|boy|girl|child|policeman|driver|head|owner|deputy|son|daughter|brother|"
             r"father|wife|husband)")
_VAGUEWORD = "|".join(re.escape(w) for w in sorted(VAGUE, key=len, reverse=True))
# a figure the report quotes ('leaving "dozens" dead') is still the figure
_NUM = rf"(?:(?:at least|about|around|approximately|nearly|almost|some|up to|more than|over|as many as|an estimated|roughly|a total of|total of|another|further|additional|between) )?[\"']?(?P<num>{_VAGUEWORD}|{_NUMWORD})[\"']?"  # noqa: E501
# Up to four words naming the victims, never an injury word, a conjunction, a number or the
# event ("2 attacks killed"); the attackers and bombers themselves may be the dead.
_NOUNS = r"(?:(?!(?:injur|wound|hurt|and\b|or\b|but\b|while\b|by\b|\d|(?:air)?strike|attack(?!ers?\b)|raid(?!ers?\b)|blast|explosion|bomb(?!ers?\b)|clash|ambush|shell|(?:gun ?)?battles?\b|(?:gun ?|fire)?fight(?:s|ing)?\b|shoot-?outs?\b|broke\b|erupt))(?:[\w/'()-]|\.(?=\w))+ ){0,5}?"  # noqa: E501
# the first victim group of "2 soldiers and 3 civilians were killed": no verb ("three suspects
# managed to flee and one was killed" counts one)
_PRE_NOUNS = _NOUNS.replace("(?!(?:", "(?!(?:(?:was|were|had|has|have|managed|fled|flee|escaped|arrested|detained)\\b|", 1)  # noqa: E501
_KILLED = r"(?:killed|dead|died|martyred|embraced martyrdom|fatally (?:shot|stabbed|injured|wounded)|shot dead|murdered|slain|executed|beheaded|massacred|lost their lives|were killed|was killed|perished|burned to death|hacked to death|gunned down)"  # noqa: E501

_PATTERNS = [
    # "2 soldiers and a civilian were killed", "5 people were killed", "3 dead"
    rf"(?P<pre>(?:{_NUMWORD}) {_PRE_NOUNS}(?:, |and ))?{_NUM} {_NOUNS}(?:(?:were|was|have been|had been|are|is|got|being) )?(?:(?:all|reportedly|allegedly|also|later|subsequently|confirmed|found|shot and|beaten and|kidnapped and|abducted and|tortured and|stabbed and|captured and|arrested and|taken and) ){{0,2}}{_KILLED}",  # noqa: E501
    # "killing a woman and her son", "killed the father and a son": two victims
    r"(?:killing|killed|shot dead|shooting dead|murdered|murdering|executed|executing) (?P<pair>(?:a|an|one|the) (?:[\w-]+ ){1,3}?and (?:his|her|their|a|an|the) [\w-]+)(?! (?:injur|wound|hurt))",  # noqa: E501
    # "killing 5", "killed 5 civilians", "left 5 dead", "claimed the lives of 5"
    # ("beat to death a trader", "lynched two suspects": the victims after the phrase; not
    # the cause, "stabbed to death over a debt")
    rf"(?:killing|killed|kill|kills|claimed the lives of|claiming the lives of|shot dead|shooting dead|gunned down|executed|murdered|massacred|beheaded|beheading|assassinated|assassinating|(?:(?:beat|beaten|stoned|hacked|burned|burnt|stabbed) to death(?: and (?:burned|burnt))?|lynched|lynching)(?! (?:over|about|around|for)\b)|fatally (?:shot|shooting|stabbed|stabbing|assaulted|beat|beating|wounded|wounding)) {_NUM}(?! (?:injur|wound|hurt))",  # noqa: E501
    # "shot two men to death", "beat a suspect to death"
    rf"(?:shot|shooting|stabbed|stabbing|beat|beaten|beating|hacked|hacking|burned|burnt|burning|tortured|torturing|stoned|stoning|hanged|hanging|strangled|strangling) {_NUM} (?:[\w'-]+ ){{0,4}}?to death",  # noqa: E501
    # "which led to the killing of 3 militants": the outcome, not a grievance ("protested over
    # the death of a trader") or a past deed ("responsible for the killing of")
    rf"(?:led to|leading to|resulted in|resulting in|caused|causing|suffered|leaving|left) the (?:killing|deaths?) of {_NUM}(?! (?:injur|wound|hurt))",  # noqa: E501
    rf"(?:leaving|left) {_NUM} (?:[\w-]+ ){{0,3}}dead",
    rf"(?:killed|killing) (?:and|or) (?:injured|injuring|wounded|wounding) {_NUM}",
    # "3 fatalities", "2 rebel and 1 military fatality"
    rf"(?P<pre>(?:{_NUMWORD}) {_NOUNS}(?:, |and ))?{_NUM} (?:\w+ )?(?:fatalit(?:y|ies)|deaths?|bodies|corpses)",  # noqa: E501
    # "the bodies of 2 civilians were found"
    rf"(?:bodies|corpses|remains) of {_NUM}",
    # "a farmer and his brother were killed": two victims
    r"(?P<pair>(?:a|an|one) (?:[\w-]+ ){1,3}and (?:his|her|their) (?:[\w-]+ ){0,2}(?:(?:were|have been|had been) (?:\w+ )?(?:killed|shot dead|murdered|found dead|gunned down)|died))",  # noqa: E501
    # "7 soldiers and allied fighters were killed": a second victim group without a figure
    # (after the pair form, which reads "a farmer and his brother were killed" as two)
    rf"{_NUM} {_NOUNS}and (?!(?:{_NUMWORD}|{_VAGUEWORD})\b){_NOUNS}(?:were|have been|had been) (?:(?:all|reportedly|allegedly|also|later) )?(?:killed|shot dead|murdered|found dead)",  # noqa: E501
    rf"death toll (?:\w+ ){{0,3}}(?:to|at|of) {_NUM}",
    # "killed the chief commander": one named or described person
    rf"(?:killed|killing|shot dead|assassinated|assassinating|executed|beheaded|murdered|fatally shot|fatally stabbed) (?P<the>the|his|her) (?:[\w'-]+ ){{0,3}}?{_SINGULAR}\b",  # noqa: E501
    # "incurring fatalities", "resulted in several fatalities": deaths without a figure
    r"(?:incurring|incurred|resulted in|resulting in|causing|caused|suffered|suffering|inflicting|inflicted|with) (?P<plural>(?:several |many |heavy |some |an unknown number of )?(?:fatalities|deaths))",  # noqa: E501
    rf"{_NUM} (?:\w+ ){{0,2}}(?:people |persons )?(?:lost their lives|were left dead|were found dead|was found dead)",  # noqa: E501
    # "pulled 9 workers off a bus and shot them dead": the figure is the group the pronoun
    # refers back to (read in find_numbers)
    r"(?:(?:killed|killing|executed|executing|murdered|murdering|massacred|massacring|beheaded|beheading) |(?:shot|shooting) (?=them (?:all )?(?:dead|to death)\b))(?P<them>them|all of them)(?: all)?(?: dead| to death)?",  # noqa: E501
    # a side telling its own dead: "acknowledged the loss of 4 men", "the army lost 3 soldiers"
    # (last, so that the forms above keep their places)
    rf"(?:acknowledged|admitted|confirmed|announced|suffered|reported) (?:the )?loss(?:es)? of {_NUM}(?! (?:injur|wound|hurt|vehicles?|tanks?|trucks?|weapons?|positions?))",  # noqa: E501
    rf"lost {_NUM} (?:of (?:its|their) )?(?:own )?(?:men|soldiers|fighters|troops|members|officers|policemen|militants|combatants)\b",  # noqa: E501
]
_NEGATED = r"(?:no|neither|nor|without any|without) (?:reported |reports? of |immediate reports of )?(?:fatalities|deaths|casualties|one was (?:killed|hurt|injured))|no(?:body| one) (?:was|were) (?:killed|hurt|injured)|(?:no|0) fatalit(?:y|ies)"  # noqa: E501
_CONFLICT = re.compile(
    r"\b(?:according to (?:other|another|some|local)|other (?:sources|reports)|another source|"
    r"(?:others?|some|another) (?:reports?|sources?) (?:said|put|claimed|stated)|claimed|"
    r"put the (?:death )?toll|while (?:\w+ ){0,3}(?:said|reported|claimed))\b",
    re.IGNORECASE,
)
# "killing and injuring 12": a precise figure mixing dead and wounded is not a death toll;
# a vague one ("killing and injuring a number of fighters") is coded by the vague convention.
_AMBIGUOUS_BEFORE = re.compile(r"(?:killed|killing|kill)(?: and| or) (?:injured|injuring|wounded|wounding)\s*(?:\w+\s+)?$|(?:injured|wounded|injuring|wounding)(?: and| or) (?:killed|killing)\s*$", re.IGNORECASE)  # noqa: E501
_MORE_VICTIMS = re.compile(
    rf"(?: [\w/'-]+){{0,3}}? (?:and|,) (?P<more>{_NUMWORD})(?= [\w'-]+(?:[ ,.]|$))(?! (?:others? |more )?(?:were |was )?(?:injur|wound|hurt|arrest|detain|captur|abduct|kidnap|missing))",  # noqa: E501
    re.IGNORECASE,
)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s*$", re.IGNORECASE)
_PASSIVE_VERB = re.compile(r"\b(?:were|was|have been|had been|are|is|got|being)\b|dead\b|died\b|"
                           r"lost their lives|perished", re.IGNORECASE)
# an object after the death verb: the figure before it named the killers
_ACTIVE_OBJECT = re.compile(r" (?:a|an|the|his|her|their|one|two|three|four|five|\d+|several|"
                            r"many|dozens|scores)\b(?! (?:[\w-]+ )?(?:were |was )?(?:injur|wound|"
                            r"hurt))", re.IGNORECASE)
_SUBSET_BEFORE = re.compile(r"(?:including|among them|among whom|of whom|of them|,? among)\s*$",
                            re.IGNORECASE)


@cache
def _regexes() -> tuple[re.Pattern[str], ...]:
    """One compiled regex per form (they share group names), the explicit zero last."""
    return tuple(
        re.compile(rf"(?<![\w])(?:{p})(?![\w])", re.IGNORECASE)
        for p in [*_PATTERNS, f"(?P<neg>{_NEGATED})"]
    )


@cache
def _matchers() -> tuple[AnchoredRegex, ...]:
    """The forms, each tried only where one of its first words (or a digit) begins: matching
    them at every character cost more than the rest of the stage."""
    return tuple(AnchoredRegex(regex) for regex in _regexes())


@cache
def _forms() -> AnchoredRegexes:
    """The forms together: one pass finds where each can begin."""
    return AnchoredRegexes(_matchers())


# A word of death: a span without one holds no figure to read (cheap filter). Found in the
# folded text by an automaton (anchors.Words), not an IGNORECASE regex tried at every character.
_DEATH_WORDS = Words(("kill", "dead", "died", "death", "fatalit", "body", "bodies", "corpse",
                      "lives", "murder", "slain", "execut", "behead", "massacr", "perish",
                      "gunned", "casualt", "assassinat", "fatal", "lost ", "loss of",
                      "losses of", "martyr"))


def _matches(text: str, start: int = 0, end: int | None = None,
             folded: str | None = None) -> list[re.Match[str]]:
    """Matches of all forms, overlaps resolved: the earlier form, then the longer match.
    `folded` is anchors.fold(text) when the caller has it."""
    end = len(text) if end is None else end
    found: list[tuple[int, int, re.Match[str]]] = []
    if folded is None:
        folded = fold(text)
    if not _DEATH_WORDS.any_in(folded, start, end):
        return []  # no word of death: no figure to read
    for rank, matches in enumerate(_forms().finditer_each(text, start, end, folded)):
        found.extend((m.start(), rank, m) for m in matches
                     if not (rank == 0 and _counts_killers(text, m)))
    taken = DisjointSpans()
    kept = [m for _, _, m in sorted(found, key=lambda x: (x[1], x[0]))
            if taken.add_if_free(m.start(), m.end())]
    return sorted(kept, key=lambda m: m.start())


def _counts_killers(text: str, m: re.Match[str]) -> bool:
    """"two gunmen shot and killed a civilian": in the active voice, with an object after the
    verb, the figure counts the killers (the victim is read by the "killed a" form)."""
    return not _PASSIVE_VERB.search(m.group()) and bool(_ACTIVE_OBJECT.match(text, m.end()))


def number_value(text: str) -> tuple[int, bool] | None:
    """(value, vague) of a number phrase, or None."""
    t = text.lower().strip()
    if t in VAGUE:
        return VAGUE[t], True
    if t in WORDS:
        return WORDS[t], False
    span = re.fullmatch(r"(\d{1,9}) ?(?:-|to) ?\d+", t)
    if span:
        return int(span.group(1)), False  # a range: the lowest figure
    digits = t.replace(",", "")
    # More than 9 digits is no death toll (and int() refuses over 4300 digits).
    if digits.isdecimal() and len(digits) <= MAX_DIGITS:  # "¹" is a digit, not decimal
        return int(digits), False
    parts = re.split(r"[- ]", t)
    if len(parts) == 2 and parts[0] in WORDS and parts[1] in WORDS:
        return WORDS[parts[0]] + WORDS[parts[1]], False
    return None


# "5 civilians (2 men, 2 women and 1 child) were killed": the breakdown is no further victims
_BREAKDOWN = re.compile(r"\((?=[^()]*\d|\s*(?:including|among them|incl\.)\s)[^()]{1,80}\)",
                        re.IGNORECASE)


# The group a pronoun refers back to: "9 labourers", "dozens of villagers" (not "2 hours",
# "2 cars")
_ANTECEDENT = re.compile(
    rf"(?<![\w,.])(?P<num>{_VAGUEWORD}|{_NUMWORD}) (?:of )?(?:[a-z][\w-]* ){{0,2}}?"
    r"(?!(?:hours|days|weeks|months|years|minutes|times|kilometres|kilometers|miles|km|"
    r"vehicles|cars|buses|trucks|lorries|houses|homes|huts|shops|villages|rounds|shots|"
    r"bullets|rifles|guns|weapons)\b)"
    r"(?:[a-z][\w-]*(?:s|men)|men|people|children)\b", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[.;:!?]\s")


def _antecedent(text: str, start: int, end: int) -> tuple[int, bool] | None:
    """(value, vague) of the last plural group with a figure in the sentence before `end`
    ("shot them dead": the 9 labourers pulled off the bus), if any."""
    window = text[max(start, end - 200):end]
    stops = list(_CLAUSE_START.finditer(window))
    if stops:
        window = window[stops[-1].end():]
    found = None
    for m in _ANTECEDENT.finditer(window):
        parsed = number_value(m.group("num"))
        if parsed is not None and parsed[0] >= 2:
            found = parsed
    return found


def find_numbers(text: str, spans: list[tuple[int, int]] | None = None,
                 folded: str | None = None) -> list[NumberMention]:
    found: list[NumberMention] = []
    matches: list[re.Match[str]] = []
    if "(" in text:
        text = _BREAKDOWN.sub(lambda m: "_" * len(m.group()), text)  # one word, same offsets
        folded = None  # the anchors search the fold of the text as rewritten
    if folded is None:
        folded = fold(text)  # once for all spans
    for start, end in spans if spans is not None else [(0, len(text))]:
        matches.extend(_matches(text, start, end, folded))
    for m in matches:
        if "neg" in m.re.groupindex:
            found.append(NumberMention(m.start(), m.end(), 0, negated=True))
            continue
        before = text[max(0, m.start() - 40):m.start()]
        if _SUBSET_BEFORE.search(before):
            continue  # "killing 5, including 2 children": the 2 are among the 5
        if not_this_event(text[m.end():m.end() + 80]):
            continue  # "killed 15 livestock", "died from coronavirus"
        if running_total(m.group(), text[m.end():m.end() + 80]):
            continue  # "7,000 people have died since 2004"
        groups = m.groupdict()
        if groups.get("the"):
            found.append(NumberMention(m.start(), m.end(), 1))
            continue
        if groups.get("pair"):
            found.append(NumberMention(m.start(), m.end(), 2))
            continue
        if groups.get("them"):
            span_start = next((a for a, b in spans or [(0, len(text))] if a <= m.start() <= b),
                              0)
            group = _antecedent(text, span_start, m.start())
            if group is not None:
                found.append(NumberMention(m.start(), m.end(), group[0], vague=group[1]))
            continue
        if groups.get("plural"):
            # plural deaths with no figure: ACLED's convention for an unknown number (10)
            found.append(NumberMention(m.start(), m.end(), 10, vague=True))
            continue
        num = groups.get("num")
        if num is None:
            continue
        parsed = number_value(num)
        if parsed is None:
            continue
        value, vague = parsed
        if m.groupdict().get("pre"):
            first = re.match(_NUMWORD, m.group("pre"), re.IGNORECASE)
            extra = number_value(first.group()) if first else None
            if extra and _BETWEEN_BEFORE.search(before):
                value = min(value, extra[0])  # "between 43 and 52 persons": a range
            elif extra:
                value += extra[0]
        # "killing and injuring 12": the figure mixes dead and wounded.
        head = text[max(0, m.start() - 30):m.start() + 30]
        if not vague and (_AMBIGUOUS_BEFORE.search(text[max(0, m.start() - 30):m.start()])
                          or re.search(r"(?:killed|killing) (?:and|or) (?:injured|injuring|"
                                       r"wounded|wounding)", m.group() + head, re.IGNORECASE)):
            continue
        if m.group().lower().startswith(("kill", "shot", "gunned", "executed", "murdered",
                                         "massacred", "beheaded", "claim", "assassinat",
                                         "fatally", "led to", "leading to", "result",
                                         "caus", "suffer")):
            # "killing two officers and a civilian": further victims joined by "and"
            more = _MORE_VICTIMS.match(text, m.end())
            if more:
                extra = number_value(more.group("more"))
                if extra:
                    value += extra[0]
        conflicting = bool(_CONFLICT.search(text[max(0, m.start() - 80):m.start()]))
        is_total = bool(re.search(r"fatalit|death toll|deaths", m.group(), re.IGNORECASE))
        found.append(NumberMention(m.start(), m.end(), value, vague=vague,
                                   conflicting=conflicting, is_total=is_total))
    return found


def find_doc_numbers(doc: Doc) -> None:
    doc.numbers = find_numbers(doc.text, doc.focus, doc.folded())


register_stage("numbers", inputs=("text", "focus"), outputs=("numbers",))(find_doc_numbers)
