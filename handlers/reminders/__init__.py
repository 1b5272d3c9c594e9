"""Reminders and deadline notices: when, to whom, the words; pausing them."""
