"""The terminal console channel for trying the bot without a token."""
