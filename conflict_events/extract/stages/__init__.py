"""The built-in extraction stages. Importing this package registers them by name."""

from conflict_events.extract.stages import (  # noqa: F401  (imported to register)
    actors,
    assemble,
    dates,
    finalise,
    merge,
    normalise,
    numbers,
    places,
    sentences,
    triggers,
)
