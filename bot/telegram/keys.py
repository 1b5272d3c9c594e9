"""Names the Telegram channel's modules share: the channel's name and the application's keys."""

CHANNEL = "telegram"
# Where build_application keeps the core, its runner and the settings in bot_data.
CORE_KEY = "core"
RUNNER_KEY = "core_runner"
SETTINGS_KEY = "settings"
# The channel's one sending pace, shared by the replies and the outbox (bot/outbox/pace.py).
PACE_KEY = "pace"
