"""The root certificates the bot's HTTPS calls to Telegram and Zalo trust."""

from __future__ import annotations

import ssl
import sys
from functools import cache

import certifi


@cache
def trusted_roots() -> ssl.SSLContext | bool:
    """The system's roots where it has any (True: aiohttp's own verifying context), else
    certifi's.

    aiohttp builds its verifying context, with the system's roots, as it is imported, in every
    process; a context of certifi's roots beside it was a second copy (about 1 MB). The system
    store is also the one the operating system's updates keep current, and the one an office
    adds its own authority to when its network inspects HTTPS. certifi remains for a system
    that offers none (python.org's macOS build before "Install Certificates"). Windows gives
    its store through the API, not a path. OpenSSL's SSL_CERT_FILE and SSL_CERT_DIR point
    either choice elsewhere.
    """
    paths = ssl.get_default_verify_paths()
    if paths.cafile or paths.capath or sys.platform == "win32":
        return True
    return ssl.create_default_context(cafile=certifi.where())
