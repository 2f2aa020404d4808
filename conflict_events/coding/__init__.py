"""ACLED coding rules: from what a sentence says (trigger, roles, cues) to a coded event.

- cues.py: the textual cues the rules read (intervention, lethal force, violent crowd, ...).
- actors.py: ACLED names and inter codes of actors in the country of the event.
- subevent.py: the sub-event decisions (territory, weapons, attack/abduction/arrest, protest
  and riot subtypes) and the roles they give the actors (the victim as actor2).
- fatalities.py: fatality conventions (lowest figure, vague quantities, unknown = 0).
- aggregate.py: one event per actor pair, place and day; the hierarchy decides the type.
- notes.py: notes text in ACLED's style.
"""
