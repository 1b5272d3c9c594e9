"""Every text a user sees, in Vietnamese, written in Unicode NFC (a test checks it).

One module per capability, so a reviewer reads the words of one use case in one file; the
package gathers them so that a use case writes `texts.NAME` whichever module holds it.
"""

# Star imports on purpose: this namespace is the union of the modules below, and a name
# defined twice would be caught by tests/test_texts_modules.py.
from handlers.texts.announcements import *  # noqa: F403
from handlers.texts.awards import *  # noqa: F403
from handlers.texts.common import *  # noqa: F403
from handlers.texts.console import *  # noqa: F403
from handlers.texts.council import *  # noqa: F403
from handlers.texts.documents import *  # noqa: F403
from handlers.texts.identity import *  # noqa: F403
from handlers.texts.reminders import *  # noqa: F403
from handlers.texts.reports import *  # noqa: F403
from handlers.texts.review import *  # noqa: F403
from handlers.texts.status import *  # noqa: F403
from handlers.texts.web import *  # noqa: F403
