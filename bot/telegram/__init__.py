"""The Telegram channel: PTB application, polling, the aiohttp Bot API request."""
