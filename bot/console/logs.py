"""The console's logs: everything to a file under the data directory, warnings to the screen
only after the chat line they belong to, so that the chat stays readable."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TextIO

LOG_FILE = "console.log"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class HeldWarnings(logging.Handler):
    """Keeps warnings and errors until the console prints them, after its replies."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        self.held: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.held.append(self.format(record))

    def print_to(self, stream: TextIO) -> None:
        lines, self.held = self.held, []
        for line in lines:
            print(line, file=stream, flush=True)


def log_to_file(data_dir: Path, level: str) -> tuple[Path, HeldWarnings]:
    """Send the root logger's records to DATA_DIR/console.log; hold warnings for the screen."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOG_FILE
    to_file = logging.FileHandler(path, encoding="utf-8")
    to_file.setFormatter(logging.Formatter(FORMAT))
    held = HeldWarnings()
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(to_file)
    root.addHandler(held)
    root.setLevel(level)
    return path, held
