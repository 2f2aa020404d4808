import pytest

from conflict_events.schema.taxonomy import (
    EventType,
    Inter,
    Region,
    SubEventType,
    interaction_code,
    interaction_label,
    is_valid_source_scale,
    valid_interactions,
)


def test_hierarchy_counts():
    assert len(EventType) == 6
    assert len(SubEventType) == 25
    assert sum(len(e.sub_event_types) for e in EventType) == 25


def test_ranks_follow_acled_order():
    ranks = [s.rank for s in SubEventType]
    assert ranks == list(range(1, 26))
    assert SubEventType.AIR_DRONE_STRIKE.rank < SubEventType.SHELLING_ARTILLERY_MISSILE_ATTACK.rank
    assert SubEventType.GOVERNMENT_REGAINS_TERRITORY.event_type is EventType.BATTLES
    # event types are ordered as ACLED's aggregation priority
    assert EventType.BATTLES.rank < EventType.PROTESTS.rank < EventType.RIOTS.rank


def test_disorder_types():
    assert SubEventType.EXCESSIVE_FORCE_AGAINST_PROTESTERS.disorder_type == (
        "Political violence; Demonstrations"
    )
    assert SubEventType.MOB_VIOLENCE.disorder_type == "Political violence"
    assert SubEventType.VIOLENT_DEMONSTRATION.disorder_type == "Demonstrations"
    assert SubEventType.ARRESTS.disorder_type == "Strategic developments"


@pytest.mark.parametrize(
    ("a", "b", "code"), [(1, 2, 12), (2, 1, 12), (7, 1, 17), (6, 0, 60), (8, 8, 88), (3, None, 30)]
)
def test_interaction(a, b, code):
    assert interaction_code(a, b) == code
    assert code in valid_interactions()


def test_interaction_labels():
    assert interaction_label(17) == "State forces-Civilians"
    assert interaction_label(20) == "Rebel group only"
    assert Inter.from_label("External/Other forces") is Inter.EXTERNAL_OTHER_FORCES


def test_region_aliases():
    assert Region.parse("Southern Asia") is Region.SOUTH_ASIA
    with pytest.raises(ValueError):
        Region.parse("Atlantis")


@pytest.mark.parametrize(
    ("value", "ok"),
    [("National", True), ("Local partner-Other", True), ("New media-National", True),
     ("Subnational-National", True), ("national", False), ("National-", False), ("", False)],
)
def test_source_scale(value, ok):
    assert is_valid_source_scale(value) is ok
