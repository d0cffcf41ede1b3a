"""Catalog files on disk: read once, and written only over the bytes that were read.

A reviewer may save a PO file while a run works on it. The run reads the
file's bytes once (`read_existing`), merges in memory (catalog.py), and
`write_catalog` writes the new bytes, if any, only if the file still holds
what was read: a save made in between is never overwritten; the run stops
and says so.

`save` is a compare-and-swap: the new file is written and synced to a
temporary file beside the catalog first; then, holding an `flock` on the
catalog's folder (so two writers cannot interleave), it checks again that the
catalog is the very file it started from (same inode, size and mtime_ns) and
still holds the merged-from bytes, and only then renames the temporary file
over it. An editor that saves by renaming shows as a new inode, one that
writes in place as a new size, mtime or content. What is left is the few
microseconds between that last check and `rename()` (docs/reliability.md).
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError
from ..fsutil import naming, write_temporary
from .catalog import CatalogUpdate

CHANGED = "changed on disk during the run; nothing was overwritten: run again"


def _at(stage: str) -> None:
    """Called at each step of `save` (a seam for the race tests); does nothing."""


def read_existing(path: Path) -> bytes | None:
    """The file's bytes, or None when there is no file yet."""
    return path.read_bytes() if path.exists() else None


def _snapshot(path: Path) -> tuple[tuple[int, int, int, int], bytes] | None:
    """(device, inode, size, mtime_ns) and the bytes of the file now at `path`; None when there is none.

    The identity is the open file's (fstat), the bytes are read from it, and the path must still
    name that file afterwards: a rename in between reads as a change (a different identity)."""
    try:
        with path.open("rb") as stream:
            before = os.fstat(stream.fileno())
            data = stream.read()
            after = os.fstat(stream.fileno())
    except FileNotFoundError:
        return None
    try:
        now = os.stat(path)
    except FileNotFoundError:
        now = None

    def key(st):
        return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)

    identity = key(before)
    if key(after) != identity or now is None or key(now) != identity:
        identity = (-1, -1, -1, -1)  # it changed while being read: never equal to anything read before
    return identity, data


@contextmanager
def _folder_lock(folder: Path):
    """An exclusive flock on the catalog's folder (no lock file is left beside the catalogs); yields its fd."""
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield handle
    finally:
        os.close(handle)  # releases the flock


def save(path: Path, original: bytes | None, data: bytes) -> None:
    """Write `data` to `path` if the file still holds `original` (None: no file), as a compare-and-swap.

    Raises InputError (nothing written, the temporary file removed) when the file differs from
    `original` now, or changed (identity or bytes) while the new file was being written."""
    start = _snapshot(path)
    if (start[1] if start else None) != original:
        raise InputError(path, CHANGED)
    _at("read")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        temporary = write_temporary(path, data, at=lambda stage: _at(stage))  # _at looked up at each call: tests patch it
    except OSError as error:  # a full disk: the temporary file is gone already; the one line names the catalog
        raise naming(error, path) from None
    try:
        with _folder_lock(path.parent) as folder:
            _at("locked")
            if start is None:
                # No file yet: link() never replaces one, so a file created meanwhile is never lost.
                _at("checked")
                try:
                    os.link(temporary, path)
                except FileExistsError:
                    raise InputError(path, CHANGED) from None
                except OSError:  # a file system without hard links: check, then rename
                    if _snapshot(path) is not None:
                        raise InputError(path, CHANGED) from None
                    os.replace(temporary, path)
            else:
                if _snapshot(path) != start:
                    raise InputError(path, CHANGED)
                _at("checked")
                os.replace(temporary, path)
            _at("renamed")
            os.fsync(folder)  # the rename itself reaches the disk
    finally:
        temporary.unlink(missing_ok=True)


def write_catalog(update: CatalogUpdate) -> bool:
    """Save a merged catalog if anything changed (`CatalogUpdate.new_bytes`); returns whether it was written."""
    data = update.new_bytes()
    if data is None:
        return False
    save(update.path, update.original, data)
    return True
