"""ACLED fatality conventions.

- Only reported deaths count; injuries never do; unknown is 0, not null.
- Distinct figures in one report (different victim groups) add up, unless the report states
  a total ("3 fatalities", "the death toll rose to 5"): the total then stands alone.
- A figure attributed to another source for the same event conflicts: the lowest is kept.
- Vague quantities were already turned into numbers by the numbers stage (dozens 12,
  hundreds 100, several 3); a vague figure in a large-scale context ("heavy", "fierce",
  "massive") or a battle ("clashes", "front") counts 10 instead of 3.
- One body found is one death.
- A suicide bombing counts the bomber.
"""

from __future__ import annotations

import re

from conflict_events.extract.doc import NumberMention

# Vague figures of a large-scale event, or of combatants killed on a front, count 10 (codebook
# 1.8: "several" is 3 or 10 depending on scale and context).
_LARGE_SCALE = re.compile(r"\b(?:heavy|fierce|massive|large-scale|intense|major|violent|"
                          r"clash\w*|front ?lines?|fronts?|fighting|battles?|offensive)\b",
                          re.IGNORECASE)


def total(numbers: list[NumberMention], context: str = "") -> int:
    totals = [n for n in numbers if n.is_total and not n.negated]
    if totals:
        return min(n.value for n in totals)
    value = 0
    for n in sorted(numbers, key=lambda n: n.start):
        figure = n.value
        if n.negated:
            continue
        if n.vague and figure == 3 and _LARGE_SCALE.search(context):
            figure = 10
        if n.conflicting and value:
            value = min(value, figure)
        else:
            value += figure
    return value


def with_bomber(fatalities: int, context: str) -> int:
    """Suicide bombings count the bomber unless the report already did."""
    if re.search(r"\bincluding the (?:suicide )?(?:bomber|attacker)|bomber (?:was|also) killed",
                 context, re.IGNORECASE):
        return fatalities
    return fatalities + 1


_SINGLE_DEATH = re.compile(
    r"\b(?:a|an|one)\s[^.;]{0,120}?\b(?:was|has been|had been|got)\s+(?:\w+\s+)?(?:killed|shot "
    r"dead|shot to death|stabbed to death|beaten to death|hacked to death|burned to death|"
    r"murdered|beheaded|executed|found dead|lynched|strangled)\b|"
    r"\bthe (?:dead )?body of (?:a|an|one)\b[^.;]{0,80}?\b(?:was|has been) (?:found|discovered|"
    r"recovered|dumped|left)\b|\b(?:resulting in|causing|"
    r"leading to|led to) (?:his|her) death\b|\b(?:he|she|the victim|the man|the woman|the "
    r"officer|the soldier|the guard|the boy|the girl) (?:later |subsequently )?died\b",
    re.IGNORECASE,
)


def single_death(text: str) -> int:
    """1 when the text reports one unnamed person's death without a figure ("a former
    bodyguard ... was shot dead", "resulting in his death"), else 0."""
    return 1 if _SINGLE_DEATH.search(text) else 0
