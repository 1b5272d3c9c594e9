"""Officers' achievement reports: the form, evidence, and the officer's own list."""
