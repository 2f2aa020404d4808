"""The `conflict-events` command. Each sub-command lives in its own module with a
`register(subparsers)` function; main.py lists them."""
