"""Catalog files on disk: read once, and written only over the bytes that were read.

A reviewer may save a PO file while a run works on it. The run reads the
file's bytes once (`read_existing`), merges in memory (catalog.py), and
`write_catalog` writes the new bytes, if any, only if the file still holds
what was read: a save made in between is never overwritten; the run stops
and says so.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..fsutil import atomic_write_bytes
from .catalog import CatalogUpdate


def read_existing(path: Path) -> bytes | None:
    """The file's bytes, or None when there is no file yet."""
    return path.read_bytes() if path.exists() else None


def save(path: Path, original: bytes | None, data: bytes) -> None:
    """Write `data` to `path` (atomically) if the file still holds `original` (None: no file)."""
    if read_existing(path) != original:
        raise InputError(path, "changed on disk during the run; nothing was overwritten: run again")
    atomic_write_bytes(path, data)


def write_catalog(update: CatalogUpdate) -> bool:
    """Save a merged catalog if anything changed (`CatalogUpdate.new_bytes`); returns whether it was written."""
    data = update.new_bytes()
    if data is None:
        return False
    save(update.path, update.original, data)
    return True
