"""Files are written whole or not at all: a temporary file, then a rename."""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from pathlib import Path
from typing import Callable

from .errors import InputError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


TEMPORARY_SUFFIX = ".tmp"


def make_temporary(path: Path) -> tuple[int, Path]:
    """A new temporary file beside `path`, named the one way the pipeline names them:
    `.<name>.<random>.tmp` (`remove_temporaries` finds them). Returns its open fd and its path."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent)
    return handle, Path(temporary)


def remove_temporaries(folder: Path, older_than: float) -> list[Path]:
    """Delete the temporary files (`.*.tmp`) under `folder` last modified before `older_than`
    (a time.time()): what a killed run left. Call it under the lock that its writers hold, with
    the time the lock was taken, so that no live writer's file is touched."""
    removed = []
    for path in folder.rglob(f".*{TEMPORARY_SUFFIX}") if folder.is_dir() else ():
        try:
            status = path.lstat()  # a link (the writer's `.<id>.link-….tmp`) is removed itself, never followed
            if not stat.S_ISDIR(status.st_mode) and status.st_mtime < older_than:
                path.unlink()
                removed.append(path)
        except FileNotFoundError:
            pass
    return removed


def naming(error: OSError, path: Path) -> OSError:
    """`error` with the file it is about, so that its one line names it (`No space left on device: '…'`)."""
    if error.filename is None and error.errno is not None:
        return type(error)(error.errno, error.strerror, str(path))
    return error


def write_temporary(path: Path, data: bytes, at: Callable[[str], None] = lambda stage: None) -> Path:
    """`data` in a new temporary file beside `path` (`make_temporary`), readable as a published file
    is and synced to disk; removed again if anything fails. `at(stage)` is called after "temporary",
    "written" and "synced" (the catalog store's race tests step in there)."""
    handle, temporary = make_temporary(path)
    try:
        at("temporary")
        # mkstemp makes the file private (0600); published files are meant to be read (0644 by default).
        os.fchmod(handle, 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            at("written")
            os.fsync(stream.fileno())
        at("synced")
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        temporary = write_temporary(path, data)
    except OSError as error:  # a full disk: the temporary file is gone, the message names the file
        raise naming(error, path) from None
    try:
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise naming(error, path) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def read_regular_file(path: Path) -> bytes:
    """The bytes of a file the user named (a TMX, an XLIFF), or an InputError naming it: only a
    regular file is read (links followed, checked on the open file, opened without blocking), so
    that a FIFO (which waits for a writer for ever) or /dev/zero (endless) ends at once."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise InputError(path, error.strerror or str(error)) from None
    mode = os.fstat(handle).st_mode
    if not stat.S_ISREG(mode):
        os.close(handle)
        raise InputError(path, "is a directory" if stat.S_ISDIR(mode) else "is not a regular file (a FIFO, a device…)")
    if hasattr(os, "set_blocking"):
        os.set_blocking(handle, True)
    with open(handle, "rb", closefd=True) as stream:
        try:
            return stream.read()
        except OSError as error:
            raise InputError(path, error.strerror or str(error)) from None


def point_link(link: Path, target: str) -> None:
    """Make `link` a symbolic link to `target` in one rename (a temporary link beside it first), so that
    whoever follows it sees the old target or the new one, never none."""
    temporary = link.parent / f".{link.name}.link-{os.getpid()}{TEMPORARY_SUFFIX}"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(target)
    os.replace(temporary, link)


def holds_bytes(path: Path, data: bytes) -> bool:
    """The file holds exactly `data` (its size first: a file of another size is not read)."""
    return path.stat().st_size == len(data) and path.read_bytes() == data


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` unless the file already holds exactly that; True when it was written."""
    if path.exists() and holds_bytes(path, data):
        return False
    atomic_write_bytes(path, data)
    return True


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class DamagedEntry(Exception):
    """A cache file whose checksum does not match its data, or that cannot be read."""


class ChecksummedFiles:
    """A cache of byte strings on disk, one file per key: `<key><suffix>` (with `sharded`, in a
    folder named by the key's first two characters), holding the SHA-256 of the data then the data.
    The job cache (jobs.Cache) and the speech caches (sentences, encoded pieces) are made of it.

    A damaged file (its checksum does not match, or it cannot be read) is found before it is used:
    `get` counts it as a miss, `read` raises `DamagedEntry`. Files are written to a temporary name
    and renamed, so concurrent workers never read half a file. A `durable` cache (the job cache)
    syncs each file to disk and raises write errors; otherwise a write that fails is ignored, as a
    cache that cannot be written only costs time. Without a directory nothing is kept.
    """

    def __init__(self, directory: Path | None, suffix: str, sharded: bool = False, durable: bool = False):
        self.directory = directory
        self.suffix = suffix
        self.sharded = sharded
        self.durable = durable

    def path(self, key: str) -> Path:
        if self.directory is None:
            raise ValueError("a cache without a directory has no files")
        folder = self.directory / key[:2] if self.sharded else self.directory
        return folder / f"{key}{self.suffix}"

    def read(self, key: str) -> bytes | None:
        """The data stored under `key`; None when there is none. Raises DamagedEntry."""
        if self.directory is None:
            return None
        try:
            stored = self.path(key).read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            raise DamagedEntry(key) from None
        digest, data = stored[:32], stored[32:]
        if len(stored) < 32 or hashlib.sha256(data).digest() != digest:
            raise DamagedEntry(key)
        return data

    def get(self, key: str) -> bytes | None:
        """The data stored under `key`; None when there is none or it is damaged."""
        try:
            return self.read(key)
        except DamagedEntry:
            return None

    def exists(self, key: str) -> bool:
        return self.directory is not None and self.path(key).exists()

    def put(self, key: str, data: bytes) -> None:
        if self.directory is None:
            return
        stored = hashlib.sha256(data).digest() + data
        if self.durable:
            atomic_write_bytes(self.path(key), stored)
            return
        try:
            folder = self.path(key).parent
            folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = make_temporary(self.path(key))
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(stored)
                os.replace(temporary, self.path(key))
            except BaseException:
                temporary.unlink(missing_ok=True)
                raise
        except OSError:
            pass

    def remove(self, key: str) -> None:
        if self.directory is not None:
            self.path(key).unlink(missing_ok=True)
