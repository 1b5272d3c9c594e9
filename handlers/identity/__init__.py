"""Who is who: binding accounts by invite, the roster file and its import, the admin's edits."""
