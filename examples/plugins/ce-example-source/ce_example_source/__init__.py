"""Example source reader for conflict_events (see docs/extending.md)."""
