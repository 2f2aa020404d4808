"""Geographic knowledge: admin-area aliases, country names and demonyms, matching rules."""
