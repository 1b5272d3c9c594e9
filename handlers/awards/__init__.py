"""Nominations, the unit's dossier and the secretariat's intake."""
