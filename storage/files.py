"""The evidence file store: each distinct file kept once on disk, named by its SHA-256."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

TEMPORARY_PREFIX = ".incoming-"


@dataclass(frozen=True)
class FileStore:
    root: Path

    def path_for(self, sha256: str) -> Path:
        # Two levels of fan-out keep any one folder small on a year's worth of photos.
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, content: bytes) -> str:
        """Store the bytes (once) and return their SHA-256; the write is atomic and durable."""
        digest = hashlib.sha256(content).hexdigest()
        target = self.path_for(digest)
        if target.exists():
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=TEMPORARY_PREFIX)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return digest

    def incoming_dir(self) -> Path:
        """Where files being received are written before they are checked (same disk as the
        store, so moving one in is a rename)."""
        folder = self.root / ".incoming"
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def put_path(self, source: Path) -> str:
        """Move a received file into the store (once) and return its SHA-256, reading it in
        chunks so a large file never sits in memory."""
        digest = hashlib.sha256()
        with source.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 16), b""):
                digest.update(chunk)
            os.fsync(handle.fileno())
        sha256 = digest.hexdigest()
        target = self.path_for(sha256)
        if target.exists():
            source.unlink()
            return sha256
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        return sha256

    def read(self, sha256: str) -> bytes:
        return self.path_for(sha256).read_bytes()

    def remove_leftovers(self, *, older_than: datetime) -> int:
        """Delete the temporary files of writes a killed process left unfinished; the count.

        Only those last touched before `older_than`: another process sharing the store may be
        writing one right now.
        """
        if not self.root.is_dir():
            return 0
        removed = 0
        # Writes into the store, and files the upload page was receiving.
        unfinished = [*self.root.glob(f"*/*/{TEMPORARY_PREFIX}*"), *self.root.glob(".incoming/*")]
        for leftover in unfinished:
            if leftover.stat().st_mtime < older_than.timestamp():
                leftover.unlink(missing_ok=True)
                removed += 1
        return removed
