"""Example extraction stage for conflict_events (see docs/extending.md)."""
