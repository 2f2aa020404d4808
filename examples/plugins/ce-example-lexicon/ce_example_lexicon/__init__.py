"""Example actor lexicon for a new country, for conflict_events (see docs/extending.md)."""
