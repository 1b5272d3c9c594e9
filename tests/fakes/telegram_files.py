"""Files known to the fake Telegram Bot API: uploads, user documents and photo sizes."""

from __future__ import annotations

import base64
import copy
import hashlib
import itertools
import threading
from dataclasses import dataclass
from pathlib import PurePosixPath

from .telegram_wire import JSON

MAX_DOWNLOAD_SIZE = 20 * 1024 * 1024
THUMBNAIL_SIDES = (90, 320)


@dataclass
class StoredFile:
    """A file the fake serves through getFile and the download route."""

    file_id: str
    file_unique_id: str
    file_path: str
    size: int
    data: bytes
    file_name: str | None = None
    mime_type: str | None = None

    def as_file(self) -> JSON:
        """Return the Bot API File object for this file."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.size,
            "file_path": self.file_path,
        }

    def as_document(self) -> JSON:
        """Return the Bot API Document object for this file."""
        document: JSON = {"file_id": self.file_id, "file_unique_id": self.file_unique_id}
        if self.file_name is not None:
            document["file_name"] = self.file_name
        if self.mime_type is not None:
            document["mime_type"] = self.mime_type
        document["file_size"] = self.size
        return document


class FileStore:
    """Thread-safe registry of files by file_id and file_path."""

    def __init__(self, lock: threading.Condition, salt: str) -> None:
        self._lock = lock
        self._salt = salt
        self._numbers = itertools.count(1)
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._photo_groups: dict[str, list[JSON]] = {}
        self._downloads: list[str] = []

    @property
    def downloads(self) -> list[str]:
        """file_path of every download served, oldest first."""
        with self._lock:
            return list(self._downloads)

    def register(
        self,
        data: bytes,
        folder: str,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        declared_size: int | None = None,
    ) -> StoredFile:
        """Store bytes under a new file_id, file_unique_id and file_path (documents/file_N.ext)."""
        with self._lock:
            number = next(self._numbers)
            digest = hashlib.sha256(f"{self._salt}:{folder}:{number}".encode()).digest()
            suffix = PurePosixPath(file_name or "").suffix if folder == "documents" else ".jpg"
            stored = StoredFile(
                # Real ids are this long; a column too narrow for them should fail in tests.
                file_id="BQACAgUAAxkBAAI" + base64.urlsafe_b64encode(digest * 2)[:57].decode(),
                file_unique_id="AgAD" + base64.urlsafe_b64encode(digest[:9]).decode(),
                file_path=f"{folder}/file_{number}{suffix}",
                size=len(data) if declared_size is None else declared_size,
                data=data,
                file_name=file_name,
                mime_type=mime_type,
            )
            self._by_id[stored.file_id] = stored
            self._by_path[stored.file_path] = stored
            return stored

    def get(self, file_id: str) -> StoredFile | None:
        """Return the stored file with this file_id."""
        with self._lock:
            return self._by_id.get(file_id)

    def download(self, file_path: str) -> bytes | None:
        """Return the bytes served at file_path, recording the download."""
        with self._lock:
            stored = self._by_path.get(file_path)
            if stored is None:
                return None
            self._downloads.append(file_path)
            self._lock.notify_all()
            return stored.data

    def register_photo(self, data: bytes, width: int, height: int) -> list[JSON]:
        """Register a photo as PhotoSize objects of increasing size; the largest holds data."""
        longest = max(width, height, 1)
        sides = [side for side in THUMBNAIL_SIDES if side < longest] or [max(1, longest // 2)]
        sizes = [self._photo_size(data, width, height, side / longest) for side in sides]
        sizes.append(self._photo_size(data, width, height, 1.0))
        with self._lock:
            for size in sizes:
                self._photo_groups[size["file_id"]] = sizes
        return copy.deepcopy(sizes)

    def photo_group(self, file_id: str) -> list[JSON] | None:
        """Return all sizes of the photo one of whose sizes has this file_id."""
        with self._lock:
            group = self._photo_groups.get(file_id)
            return copy.deepcopy(group) if group else None

    def _photo_size(self, data: bytes, width: int, height: int, scale: float) -> JSON:
        """Register one PhotoSize; a thumbnail gets a proportional prefix of the bytes."""
        w, h = max(1, round(width * scale)), max(1, round(height * scale))
        if scale < 1.0:
            data = data[: max(1, min(len(data) - 1, int(len(data) * scale * scale)))]
        stored = self.register(data, "photos")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.size,
            "width": w,
            "height": h,
        }
