"""Stage `actors`: actor mentions.

Three passes over the whole text, each one compiled matcher: named actors of the actor lexicon,
state forces introduced by a demonym ("Turkish forces", "Afghan soldiers"), and generic
descriptions from knowledge/generic_actors.yaml ("gunmen", "protesters", "a man", "Fulani
herdsmen"). Overlaps keep the named actor, then the longest mention. Names that depend on
the country of the event ("Civilians ({country})") are filled in by the coding rules."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import ahocorasick

from conflict_events.extract import resources
from conflict_events.extract.anchors import AnchoredAlternation, AnchoredRegex
from conflict_events.extract.doc import ActorMention, Doc
from conflict_events.extract.lexicons import community_of, generic_lexicon
from conflict_events.extract.pipeline import register_stage
from conflict_events.schema.taxonomy import Inter
from conflict_events.spans import DisjointSpans

Matcher = AnchoredRegex | AnchoredAlternation

_STATE_NOUNS = {
    "military": r"(?:armed |military |army |security |government |regime |ground |special |naval )?(?:forces?|troops|soldiers?|army|military|servicem[ae]n|navy|air ?force|warplanes?|jets|fighter jets|aircraft|helicopters?|drones?|artillery|gendarmes?|gendarmerie|national guard|border guards?|coast guard|commandos|paratroopers|marines|units?|positions?|checkpoints?|patrols?|army forces|tanks?)",  # noqa: E501
    "police": r"(?:(?:border |riot |traffic |federal )?police(?:m[ae]n)?(?: forces?| officers?)?|security (?:personnel|officers)|riot police|intelligence(?: services?)?)",  # noqa: E501
    "government": r"(?:government|authorities|officials|ministry|president)",
}



@cache
def _demonym_state_regex() -> re.Pattern[str] | None:
    words = [w for w in sorted(resources.demonyms(), key=len, reverse=True) if len(w) > 3]
    if not words:
        return None
    alternation = "|".join(re.escape(w) for w in words)
    nouns = "|".join(f"(?P<{k}>{v})" for k, v in _STATE_NOUNS.items())
    nouns += r"|(?P<event>air ?raids?|air ?strikes?|airstrikes?|aerial \w+|bombardments?|shelling|"
    nouns += r"offensive|drone strikes?|missile (?:strikes?|attacks?)|rocket attacks?)"
    return re.compile(
        rf"\b(?P<dem>{alternation})(?:-led)?(?: (?:and|,) (?P<dem2>{alternation}))? "
        rf"(?:(?:state|regime|government|army|military|security) )?"
        # the model of an aircraft between the demonym and its noun: "Russian Shahed drones"
        # (not a kind written with a capital: "Russian Reconnaissance drones" flew over)
        r"(?:(?!(?i:reconnaissance|surveillance|spy|unmanned|military|combat|attack|armed|"
        r"kamikaze|suicide|fighter|army|air)\b)(?-i:[A-Z][A-Za-z0-9-]+) "
        r"(?=(?:drones?|jets|fighter jets|warplanes?|helicopters?|aircraft)\b))?"
        rf"(?:{nouns})\b",
        re.IGNORECASE,
    )


@cache
def _demonym_automaton() -> ahocorasick.Automaton | None:
    """The demonyms of the state-forces regex, to find where it can start: Python's regex
    engine tries all 500 alternatives at every character, which costs more than the rest of
    the stage together."""
    words = [w for w in resources.demonyms() if len(w) > 3]
    if not words:
        return None
    automaton = ahocorasick.Automaton()
    for word in words:
        if word.isascii():  # the others cannot match an ASCII text, even ignoring case
            automaton.add_word(word.lower(), len(word))
    automaton.make_automaton()
    return automaton


def _demonym_matches(regex: re.Pattern[str], doc: Doc) -> Iterator[re.Match[str]]:
    """regex.finditer over the focus spans, tried only where a demonym starts. The same
    matches: every match starts with a demonym, and after a match the search resumes at
    its end, as finditer does."""
    automaton = _demonym_automaton()
    if automaton is None or not doc.text.isascii() or not len(automaton):
        yield from _in_focus(regex, doc)
        return
    lowered = doc.folded()  # ASCII: the text in lower case, what IGNORECASE compares
    for start, end in doc.focus:
        starts = sorted({last + 1 - size for last, size in automaton.iter(lowered, start, end)})
        resume = start
        for position in starts:
            if position < resume:
                continue
            m = regex.match(doc.text, position, end)
            if m is not None:
                yield m
                resume = max(m.end(), position + 1)


def _in_focus(regex: re.Pattern[str] | Matcher, doc: Doc,
              screen: str | None = None) -> Iterator[re.Match[str]]:
    """Matches in the sentences around triggers only (the rest holds no event). `screen`: a
    string every match holds, as written; a span without it is not searched."""
    spans = doc.focus
    if screen is not None:
        spans = [(start, end) for start, end in spans if doc.text.find(screen, start, end) >= 0]
    if isinstance(regex, re.Pattern):
        for start, end in spans:
            yield from regex.finditer(doc.text, start, end)
        return
    folded = doc.folded()
    for start, end in spans:
        yield from regex.finditer(doc.text, start, end, folded)


def _named(doc: Doc) -> list[ActorMention]:
    lexicon = resources.actor_lexicon()
    if lexicon is None:
        return []
    found = []
    for start, end in doc.focus:
        # context forms ("Maoists") too: the coding rules keep them only where the actor
        # operates, once the event's country is known
        for match in lexicon.match(doc.text[start:end], day=doc.published, context_forms=True):
            entry = match.entry
            found.append(ActorMention(
                start + match.start, start + match.end, "named", entry.name, int(entry.inter),
                country=entry.country, text=match.text,
            ))
    return found


_FORCES_OF = re.compile(
    r"\b(?P<kind>military|armed|police|security) forces of (?:the )?(?P<country>[A-Z][\w'-]+"
    r"(?: [A-Z][\w'-]+){0,3})"
    r"(?: and (?:of )?(?:the )?(?P<other>[A-Z][\w'-]+(?: [A-Z][\w'-]+){0,3}))?")
_FORCES_OF_MATCHER = AnchoredRegex(_FORCES_OF)


def _forces_of(doc: Doc) -> list[ActorMention]:
    """ "military forces of Azerbaijan": a state's forces named in ACLED's own wording."""
    from conflict_events.schema.countries import country_by_name

    found = []
    for m in _in_focus(_FORCES_OF_MATCHER, doc, screen="forces of"):
        words = m.group("country").split()
        for n in range(len(words), 0, -1):
            country = country_by_name(" ".join(words[:n]))
            if country is not None:
                kind = "police" if m.group("kind") == "police" else "military"
                end = m.start("country") + len(" ".join(words[:n]))
                found.append(ActorMention(m.start(), end, kind, None, int(Inter.STATE_FORCES),
                                          country=country.name, text=doc.text[m.start():end]))
                break
        other = country_by_name(m.group("other")) if m.group("other") else None
        if other is not None:
            # "military forces of India and Pakistan": both states' forces
            kind = "police" if m.group("kind") == "police" else "military"
            found.append(ActorMention(m.start("other"), m.end("other"), kind, None,
                                      int(Inter.STATE_FORCES), country=other.name,
                                      text=m.group("other")))
    return found


def _state_force_forms(doc: Doc) -> list[ActorMention]:
    """A country's own names for its forces, from state_forces.yaml ("pro-Hadi forces",
    "GNA", "Military Police"): which state they name is settled once the event's country is
    known (conflict_events.coding.actors)."""
    lexicon = resources.actor_lexicon()
    if lexicon is None:
        return []
    found = []
    for start, end in doc.focus:
        for form in lexicon.find_state_force_forms(doc.text[start:end]):
            found.append(ActorMention(start + form.start, start + form.end, form.kind, None,
                                      int(Inter.STATE_FORCES), country=form.country,
                                      text=form.text))
    return found


def _demonym_states(doc: Doc) -> list[ActorMention]:
    regex = _demonym_state_regex()
    if regex is None:
        return []
    table = resources.demonyms()
    found = []
    for m in _demonym_matches(regex, doc):
        country = table.get(m.group("dem").casefold())
        if country is None:
            continue
        if m.group("event"):
            # "Russian and Syrian air raids": the demonyms alone are the actors
            for group in ("dem", "dem2"):
                other = table.get(m.group(group).casefold()) if m.group(group) else None
                if other is not None:
                    found.append(ActorMention(m.start(group), m.end(group), "military", None,
                                              int(Inter.STATE_FORCES), country=other,
                                              text=m.group(group)))
            continue
        kind = next(k for k in _STATE_NOUNS if m.group(k))
        second = table.get(m.group("dem2").casefold()) if m.group("dem2") else None
        if second is not None and m.group("dem").casefold() in _plural_demonyms():
            # "clashes between Palestinians and Israeli forces": a people, then a state's forces
            found.append(ActorMention(m.start("dem2"), m.end(), kind, None,
                                      int(Inter.STATE_FORCES), country=second,
                                      text=doc.text[m.start("dem2"):m.end()]))
            continue
        if second is not None:
            # "Syrian and Russian warplanes": two state actors
            found.append(ActorMention(m.start(), m.end("dem"), kind, None,
                                      int(Inter.STATE_FORCES), country=country,
                                      text=m.group("dem")))
            found.append(ActorMention(m.start("dem2"), m.end(), kind, None,
                                      int(Inter.STATE_FORCES), country=second,
                                      text=doc.text[m.start("dem2"):m.end()]))
            continue
        found.append(ActorMention(m.start(), m.end(), kind, None, int(Inter.STATE_FORCES),
                                 country=country, text=m.group()))
    return found


@cache
def _plural_demonyms() -> dict[str, str]:
    """Lower-cased plural demonym -> country: a demonym in the plural names a people
    ("Palestinians"), not a state's forces ("Syrian"). The demonym table holds both forms; a
    plural is a word that is its singular plus "s"."""
    demonyms = resources.demonyms()
    return {word: country for word, country in demonyms.items()
            if word.endswith("s") and len(word) > 4 and word[:-1] in demonyms}


@cache
def _people_matcher() -> tuple[AnchoredRegex, dict[str, str]] | None:
    """Plural demonyms ("Palestinians", "Afghans"): the people of a country."""
    table = _plural_demonyms()
    if not table:
        return None
    words = "|".join(re.escape(w) for w in sorted(table, key=len, reverse=True))
    # capitalised, as a people is written; not "Palestinians' rights" followed by a noun of
    # forces ("Afghans forces" is a typo for the state's forces, read by _demonym_states)
    regex = re.compile(rf"\b(?i:(?P<people>{words}))\b(?!['’]?\s+(?:forces|troops|army)\b)")
    return AnchoredRegex(regex), table


def _peoples(doc: Doc) -> list[ActorMention]:
    """ "fired tear gas at Palestinians": a people named by its demonym is civilians of that
    country unless the text calls them something else (rioters, militants), which the
    generic patterns read and which overlap resolution prefers by length."""
    matcher = _people_matcher()
    if matcher is None:
        return []
    regex, table = matcher
    found = []
    for m in _in_focus(regex, doc):
        if not m.group("people")[:1].isupper():
            continue
        country = table.get(m.group("people").casefold())
        found.append(ActorMention(m.start(), m.end(), "civilians", None, int(Inter.CIVILIANS),
                                  country=country, template="Civilians ({country})",
                                  text=m.group()))
    return found


@cache
def _clan_matcher() -> AnchoredRegex:
    """The clan militia pattern, tried only in spans that hold what it requires after its
    capitalised name ("clan militia", "clan fighters"): it can begin at any capital."""
    return AnchoredRegex(generic_lexicon().clan_regex)


def _generic(doc: Doc) -> list[ActorMention]:
    lex = generic_lexicon()
    found = []
    for m in _in_focus(lex.community_matcher, doc):
        community = community_of(m)
        # "Pokot and Turkana herders": each community's militia, the first named alone
        second = m.group("community2")
        if second:
            sides = [(m.start(), m.end("community"), community),
                     (m.start("community2"), m.end(), second)]
        else:
            sides = [(m.start(), m.end(), community)]
        for start, end, name in sides:
            found.append(ActorMention(
                start, end, "identity_militia", None, int(Inter.IDENTITY_MILITIA),
                template=f"{name} Ethnic Militia ({{country}})", text=doc.text[start:end],
            ))
    for m in _in_focus(_clan_matcher(), doc):
        found.append(ActorMention(
            m.start(), m.end(), "identity_militia", None, int(Inter.IDENTITY_MILITIA),
            template=f"{m.group(1)} Clan Militia ({{country}})", text=m.group(),
        ))
    for m in _in_focus(lex.matcher, doc):
        group = lex.group_kind[m.lastgroup or ""]
        found.append(ActorMention(
            m.start(), m.end(), group.kind, None, group.inter, template=group.name,
            text=m.group(),
        ))
    return found


def _assoc(doc: Doc, actors: list[ActorMention]) -> None:
    """Attach associated-actor labels ("Students ({country})") to protester, rioter and
    civilian mentions from the words describing them in the same sentence."""
    lex = generic_lexicon()
    for m in _in_focus(lex.assoc_matcher, doc):
        label = lex.group_assoc[m.lastgroup or ""]
        actors.append(ActorMention(m.start(), m.end(), "assoc", None, 0, assoc=label,
                                   text=m.group()))


def resolve_overlaps(mentions: list[ActorMention]) -> list[ActorMention]:
    rank = {"named": 0, "military": 1, "police": 1, "government": 1}
    ordered = sorted(
        mentions, key=lambda a: (rank.get(a.kind, 2) if a.country is None or a.kind == "named"
                                 else 0, -(a.end - a.start), a.start)
    )
    taken = DisjointSpans()
    kept = [a for a in ordered if taken.add_if_free(a.start, a.end)]
    return sorted(kept, key=lambda a: a.start)


_HEAD_NOUN_KINDS = frozenset({"armed_group", "rebels", "military", "police", "identity_militia"})


def absorb_head_nouns(text: str, actors: list[ActorMention]) -> list[ActorMention]:
    """A named actor followed by a generic noun is one mention: "Al Shabaab militants", "NAF
    rebel forces", "Taliban fighters" are the named group, not an unidentified one."""
    out: list[ActorMention] = []
    for a in actors:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == "named" and a.kind in _HEAD_NOUN_KINDS
                and a.country is None and re.fullmatch(r"[ -]?", text[prev.end:a.start])):
            prev.end = a.end
            prev.text = text[prev.start:a.end]
            continue
        if (prev is not None and prev.kind in _GROUP_KINDS and a.kind == "named"
                and a.text.islower() and text[prev.end:a.start] == " "):
            # "the rebel coalition": a group's common-noun form ("coalition", the Saudi-led
            # one in Yemen) after a generic group word is a noun of that description
            prev.end = a.end
            prev.text = text[prev.start:a.end]
            continue
        out.append(a)
    return out


_GROUP_KINDS = frozenset({"rebels", "armed_group", "identity_militia"})


# "the soldiers", "the troops": a definite force with no state of its own
_THE_FORCE = re.compile(r"the (?:soldiers|troops)", re.IGNORECASE)


def refer_back(text: str, actors: list[ActorMention]) -> None:
    """ "the soldiers" after "Israeli troops" are the same soldiers: a definite force word
    without a state takes the state of the forces a demonym named last before it (in a story
    set elsewhere they would otherwise be read as the story country's own)."""
    last_state: str | None = None
    for a in actors:
        if a.kind == "military" and a.country is not None:
            last_state = a.country
        elif (last_state is not None and a.kind == "military" and a.country is None
              and a.name is None and _THE_FORCE.fullmatch(text[a.start:a.end])):
            a.country = last_state


def find_actors(doc: Doc) -> None:
    mentions = (_named(doc) + _forces_of(doc) + _state_force_forms(doc) + _demonym_states(doc)
                + _generic(doc) + _peoples(doc))
    actors = absorb_head_nouns(doc.text, resolve_overlaps(mentions))
    refer_back(doc.text, actors)
    assoc: list[ActorMention] = []
    _assoc(doc, assoc)
    doc.actors = sorted(actors + assoc, key=lambda a: a.start)


register_stage("actors", inputs=("text", "focus"), outputs=("actors",))(find_actors)
