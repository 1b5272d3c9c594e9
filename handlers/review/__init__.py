"""Unit heads confirm or return their members' reports."""
