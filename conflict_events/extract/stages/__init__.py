"""The built-in extraction stages. Importing this package registers them by name."""

from importlib import import_module

STAGE_MODULES = (
    "normalise", "sentences", "dates", "actors", "places", "numbers", "triggers", "assemble",
    "merge", "finalise",
)

for _module in STAGE_MODULES:
    import_module(f"{__name__}.{_module}")
