"""Stage `triggers`: event trigger words from knowledge/triggers/*.yaml, one pass over the
whole text (the lexicon regex, tried where a trigger word begins). Each trigger records its
sentence, whether it is in the passive voice ("was attacked by") and whether it is framed as
something that did not happen (a plan, threat, denial or hypothetical: "vowed to attack",
"would double", "denied killing")."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import cache

from conflict_events.extract.anchors import AnchoredSearch
from conflict_events.extract.checks import check_mentions
from conflict_events.extract.doc import Doc, TriggerMention
from conflict_events.extract.lexicons import trigger_lexicon
from conflict_events.extract.pipeline import register_stage

_PASSIVE = re.compile(
    r"\b(?:was|were|been|being|be|is|are|got|get)\s+(?:\w+ly\s+)?(?:also\s+)?$", re.IGNORECASE
)
# Modality that makes the clause something that did not (yet) happen.
_UNREAL = re.compile(
    r"\b(?:prepared to|preparing to|would|will|shall|plans? to|planned to|planning to|vow(?:ed|s)? to|"  # noqa: E501
    r"threat(?:en|ened|ens) to|intends? to|intended to|aim(?:s|ed)? to|seeks? to|sought to|"
    r"could|might|(?-i:may)|should|ready to|wants? to|wanted to|promised to|pledged to|"
    r"warned (?:of|that)|denied|deny|denies|did not|didn't|has not|have not|never|"
    r"refused to|called for|calls for|urged|if|unless|would be|fear(?:ed|s)? of|"
    # a threat told with its channel ("warned in an audio message that ..."); an accusation
    # rejected; a demand ("calling on the rebels to withdraw"); an attack still being prepared
    r"warned(?: [\w'-]+){1,6} that|(?:rejected|dismissed|refuted) (?:the |an? )?(?:\w+ )?"
    r"(?:accusations?|allegations?|claims?|reports?|charges?)|call(?:ed|s|ing)? on|"
    r"(?:preparing|planning|plotting)(?= (?:an?|new|fresh|further|more) )|"
    r"attempt(?:ed)? to prevent|to prevent|in order to|threatening to|risk of)\b[^,.;]*$",
    re.IGNORECASE,
)
# A weapon named as something carried, found, seized or shown is not a weapon used.
_POSSESSION = re.compile(
    r"\b(?:armed with|carrying(?! (?:them|him|her|us|people|passengers|\w+ passengers)\b)|"
    r"carried(?! out)|possession of|possessing|equipped with|seized|"
    r"recovered|found|confiscated|cache of|supply of|stock of|smuggling|smuggled|dismantled|"
    r"defused|diffused|recovering|seizing|seizure of|showing|displaying|displayed|"
    r"paraded|(?:photos?|pictures?|images?|footage|videos?) of)\b[^.;]{0,30}$",
    re.IGNORECASE,
)
# The event word as the subject of a modal ("peace talks would only be held with groups that
# disarm", "an attack will follow"): what may come, not what happened. "may have been" is a
# doubt about a deed that happened, not a plan.
_MODAL_AFTER = re.compile(r"(?:\s+(?:in|at|with|between)(?:\s+[\w'-]+){1,3}?)?"
                          r"\s+(?:would|will|could|might|should)\s+(?!have\b)(?:only\s+|not\s+)?"
                          r"(?:be (?:held|launched|carried out|staged|organi[sz]ed|resumed)|"
                          r"take place|follow|resume|start|begin)\b", re.IGNORECASE)
WEAPON_CLASSES = frozenset({"air", "shelling", "ied", "grenade", "suicide", "chemical",
                            "explosion"})


# The event word names something else's object: "fled to escape the bombing", "victims of the
# air raids" refer to an event reported in its own right, if at all.
_REFERENCE = re.compile(
    r"\b(?:escape|escaping|flee|fleeing|fled|avoid|avoiding|victims of|wake of|aftermath of|"
    r"anniversary of|memory of|commemorat\w*|fear of|risk of|threat of|"
    # "a man suspected of theft" is background; "police are accused of assaulting" alleges
    r"(?<!is )(?<!are )(?<!was )(?<!were )(?<!been )(?:suspected|accused) of|"
    r"charged with|convicted of|arrested for|jailed for|wanted for|"
    # the ground of an arrest, a fine or a sentence: "arrested ... for participating in protests"
    r"for (?:participating|taking part|(?:their |his |her )?participation|joining|organi[sz]ing|"
    r"attending|leading)(?:\s+in)?|"
    # a cause backed ("songs in support of the protests"): the protests are reported apart
    r"in support of|"
    # "there was no fighting in the area"
    r"no|"
    # a label the speaker puts on it ("blaming what he called tribal clashes")
    r"what (?:he|she|they|it|the \w+) (?:called|termed|described as))"
    r"\s+(?:the\s+|an?\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
# What a reaction condemns ("condemned Monday's blast") is an event told elsewhere in the
# report, if at all; the condemnation is no event of its own. (Not "welcomed": a party that
# welcomes a surrender or a deal is often its other side.)
_REACTION = re.compile(
    r"\b(?:condemned|condemns|denounced|denounces|deplored|deplores|decried|decries|mourned|"
    r"mourns)\s+(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)


@cache
def _context_search() -> AnchoredSearch:
    """The cues read in the words before an event word, found in one pass."""
    return AnchoredSearch([_PASSIVE, _UNREAL, _REFERENCE, _POSSESSION, _REACTION])


Search = Callable[[re.Pattern[str]], re.Match[str] | None]  # pattern -> pattern.search(text)


def _unreal(before: str, in_before: Search | None = None) -> bool:
    """The trigger's own clause (text since the last clause break) carries a modal cue, or
    the trigger is the object of fleeing, fearing, remembering. `in_before`: the context
    search of `before` when the caller has it (the same as the tail's when that is all)."""
    tail = before[-60:]
    if in_before is not None and len(before) <= 60:
        search = in_before  # the tail is the whole of before
    else:
        search = _context_search().in_text(tail)  # pattern -> pattern.search(tail)
    return bool(search(_UNREAL)) or bool(search(_REFERENCE)) or bool(search(_REACTION))


def find_triggers(doc: Doc) -> None:
    lexicon = trigger_lexicon()
    text = doc.text
    folded = doc.folded()
    context = _context_search()
    starts = [s.start for s in doc.sentences]
    found: list[TriggerMention] = []
    for m in lexicon.matcher.finditer(text, folded=folded):
        group = m.lastgroup
        if group is None:
            continue
        entry = lexicon.group_entry[group]
        sentence = max(0, bisect.bisect_right(starts, m.start()) - 1)
        s_start = doc.sentences[sentence].start if doc.sentences else 0
        cut = max(s_start, m.start() - 80)
        before = text[cut:m.start()]
        # pattern -> pattern.search(before); fold() of a slice is the slice of the fold
        search = context.in_text(before, folded[cut:m.start()])
        passive = bool(search(_PASSIVE))
        negated = _unreal(before, search) or (
            entry.cls in WEAPON_CLASSES and bool(search(_POSSESSION))
        ) or bool(_MODAL_AFTER.match(text, m.end()))
        found.append(TriggerMention(m.start(), m.end(), entry.cls, entry.id, entry.strength,
                                    sentence, passive=passive, negated=negated))
    doc.triggers = found
    check_mentions(doc)  # before the later stages spend time on a crafted text
    doc.focus = focus_spans(doc)


def focus_spans(doc: Doc) -> list[tuple[int, int]]:
    """Merged spans of the sentences around triggers: one before, and the three after that
    an event may take as its outcome (assemble._continuation)."""
    wanted: set[int] = set()
    for t in doc.triggers:
        wanted.update(range(max(0, t.sentence - 1), min(len(doc.sentences), t.sentence + 4)))
    spans: list[tuple[int, int]] = []
    for i in sorted(wanted):
        s = doc.sentences[i]
        if spans and s.start - spans[-1][1] <= 2:
            spans[-1] = (spans[-1][0], s.end)
        else:
            spans.append((s.start, s.end))
    return spans


register_stage("triggers", inputs=("text", "sentences"), outputs=("triggers", "focus"))(
    find_triggers
)
