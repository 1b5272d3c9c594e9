"""Every text a user sees, in Vietnamese (NFC), one module per capability."""

from handlers.texts.general import *  # noqa: F403
