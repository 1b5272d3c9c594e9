"""The outbox sender: drains messages the bot starts at each channel's limits."""
