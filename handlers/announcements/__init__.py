"""Announcements: composing, sending to an audience, the delivery report."""
