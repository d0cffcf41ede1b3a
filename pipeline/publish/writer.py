"""The one writer of the output folder.

`OutputFolder` owns `outputs/`: every file the pipeline publishes (editions,
manifests, the site's pages and feeds) is written through it, only when its
bytes changed, and atomically; it keeps one `PublishReport` of what it did.

A release is published all or nothing. `outputs/<id>` is a symbolic link to
an immutable version folder, `outputs/.releases/<id>/<version>/`, that holds
the release's complete set of files and the manifest that lists them. A new
set is staged in a hidden folder beside it (unchanged files are hard links to
the current version's), renamed into place, and the link is switched with one
atomic rename: a run killed at any instant leaves either the previous complete
set or the new one. `recover()` (at the start of every run) removes what an
interrupted run left: staging folders, old versions, temporary files.

Two projects may share one output folder: every change to it (and `recover`)
happens under an exclusive `flock` on `outputs/.lock`, so their writes are
serialised and one run's recovery never removes another live run's staging
folder or temporary files (what it removes has no owner left).
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..editions import Rendered, edition
from ..display import display
from ..errors import PipelineError
from ..fsutil import holds_bytes, naming, point_link, remove_temporaries, sha256_bytes, write_if_changed
from ..release import Release, TranslationStatus
from .images import FOLDER as IMAGES
from .images import release_images
from .manifest import MANIFEST, FileEntry, Manifest, ReleaseEntry, Source, TranslationCounts, read_manifest

VERSIONS = ".releases"  # outputs/.releases/<id>/<version>/: the published sets
STAGING = ".staging-"  # a set being written, beside the versions
LOCK = ".lock"  # outputs/.lock: flocked while a process changes the output folder
_held: dict[tuple[Path, int], list] = {}  # (output folder, thread) → [its lock's fd, depth]: re-entrant


@dataclass
class PublishReport:
    """What a publishing step did, as paths relative to the output folder."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # earlier files not rebuilt this time (see --prune)


class OutputFolder:
    def __init__(self, root: Path):
        self.root = root
        self.report = PublishReport()

    @contextmanager
    def locked(self):
        """An exclusive `flock` on `outputs/.lock` for as long as this process changes the folder
        (re-entrant within a thread); another process (or thread) sharing the folder waits for it."""
        key = (self.root.absolute(), threading.get_ident())
        if key in _held:
            _held[key][1] += 1
        else:
            self.root.mkdir(parents=True, exist_ok=True)
            handle = os.open(self.root / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX)
            except BaseException:
                os.close(handle)
                raise
            _held[key] = [handle, 1]
        try:
            yield
        finally:
            _held[key][1] -= 1
            if _held[key][1] == 0:
                os.close(_held.pop(key)[0])  # closing releases the lock

    def write(self, relative: str, data: bytes) -> None:
        with self.locked():
            written = write_if_changed(self.root / relative, data)
        (self.report.written if written else self.report.unchanged).append(relative)

    def remove(self, relative: str) -> None:
        target = self.root / relative
        with self.locked():
            if target.resolve().is_relative_to(self.root.resolve()) and target.is_file():
                target.unlink()
                self.report.removed.append(relative)

    # --- releases, all or nothing ------------------------------------------------------

    def switch_release(self, release_id: str, files: dict[str, bytes], carried: dict[str, Path]) -> None:
        """Make `files` (relative path → bytes) plus `carried` (relative path → an existing
        file to keep) the complete published set of a release, atomically."""
        with self.locked():
            self._switch_release(release_id, files, carried)

    def _switch_release(self, release_id: str, files: dict[str, bytes], carried: dict[str, Path]) -> None:
        versions = self.root / VERSIONS / release_id
        versions.mkdir(parents=True, exist_ok=True)
        current = self.current_version(release_id)
        if current is not None and _holds(current, files, carried):
            self.report.unchanged += [f"{release_id}/{relative}" for relative in files]
            return  # the same complete set is published already
        staging = versions / f"{STAGING}{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        try:
            for relative, path in carried.items():
                link_or_copy(path, staging / relative)
            for relative, data in files.items():
                previous = current / relative if current else None
                if previous is not None and previous.is_file() and holds_bytes(previous, data):
                    link_or_copy(previous, staging / relative)
                    self.report.unchanged.append(f"{release_id}/{relative}")
                else:
                    _write_new(staging / relative, data)
                    self.report.written.append(f"{release_id}/{relative}")
            fsync_tree(staging)
            version = versions / f"{sha256_bytes(files[MANIFEST])[:12]}-{time.time_ns()}"
            os.rename(staging, version)
        except BaseException:
            # A full disk (or any failure) must not keep the half-written set, and its space, until the next run.
            shutil.rmtree(staging, ignore_errors=True)
            raise
        self._point(release_id, version)
        self._remove_old_versions(release_id)

    def current_version(self, release_id: str) -> Path | None:
        """The folder `outputs/<id>` shows: a version folder, or a plain folder from before versions."""
        link = self.root / release_id
        if link.is_symlink():
            target = link.resolve()
            return target if target.is_dir() else None
        return link if link.is_dir() else None

    def _point(self, release_id: str, version: Path) -> None:
        link = self.root / release_id
        if link.is_dir() and not link.is_symlink():
            # A release published before versions existed: its folder becomes a version. Between the
            # two renames `outputs/<id>` is missing; `recover` points it back if a kill falls there.
            os.rename(link, self.root / VERSIONS / release_id / f"legacy-{os.getpid()}")
        point_link(link, str(version.relative_to(self.root)))  # the switch: atomic

    def _remove_old_versions(self, release_id: str) -> None:
        current = self.current_version(release_id)
        for folder in (self.root / VERSIONS / release_id).iterdir():
            if folder != current:
                shutil.rmtree(folder, ignore_errors=True)

    def recover(self) -> list[str]:
        """Tidy what an interrupted run left; returns what was done, for the log.

        Points each release at its newest complete version when a kill fell
        between two renames, removes staging folders and versions no link
        uses, and temporary files anywhere in the output folder.
        """
        with self.locked():  # a process that shares the folder and is writing finishes first
            return self._recover()

    def _recover(self) -> list[str]:
        done: list[str] = []
        versions_root = self.root / VERSIONS
        for versions in sorted(versions_root.iterdir()) if versions_root.is_dir() else ():
            release_id = versions.name
            if self.current_version(release_id) is None:
                complete = sorted((v for v in versions.iterdir() if (v / MANIFEST).is_file()
                                   and not v.name.startswith(STAGING)), key=lambda v: v.stat().st_mtime)
                if complete:
                    self._point(release_id, complete[-1])
                    done.append(f"restored {release_id} from an interrupted run")
            stale = [v for v in versions.iterdir() if v != self.current_version(release_id)]
            for folder in stale:
                shutil.rmtree(folder, ignore_errors=True)
            if stale:
                done.append(f"removed {len(stale)} unfinished or old set(s) of {release_id}")
        # Under the lock, every temporary file has no owner left (writers hold the lock while theirs exist).
        temporaries = remove_temporaries(self.root, older_than=float("inf"))
        if temporaries:
            done.append(f"removed {len(temporaries)} temporary file(s) of an interrupted run")
        return done


def _holds(folder: Path, files: dict[str, bytes], carried: dict[str, Path]) -> bool:
    """True when `folder` already is exactly this set (nothing carried from elsewhere, nothing differs)."""
    inside = all(path.parent.resolve().is_relative_to(folder.resolve()) for path in carried.values())
    return inside and all((folder / relative).is_file() and holds_bytes(folder / relative, data)
                          for relative, data in files.items())


def _write_new(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("wb") as stream:
            stream.write(data)
    except OSError as error:  # a full disk: the one line names the file
        raise naming(error, path) from None


def link_or_copy(source: Path, target: Path) -> None:
    """Published files are never modified in place (writes replace them), so a hard link is a safe copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def fsync_tree(folder: Path) -> None:
    """Data on disk before the switch, so that a power cut cannot publish empty files."""
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as stream:
                os.fsync(stream.fileno())


@dataclass(frozen=True)
class EditionFile:
    """One rendered edition of a release in one language, ready to publish."""

    lang: str
    kind: str  # the edition's registered name: "text", "pdf" …
    rendered: Rendered
    status: TranslationStatus


def output_name(release_id: str, lang: str, extension: str) -> str:
    return f"{lang}/{release_id}.{lang}.{extension}"


def publish_release(folder: OutputFolder, release: Release, source: Source,
                    files: Sequence[EditionFile], prune: bool = False, publication: dict | None = None) -> Manifest:
    """Publish a release's editions and manifest as one complete set.

    Editions published earlier and not built this time (a run with fewer
    `--editions` or languages) stay, listed in the manifest, unless `prune`.
    """
    current = folder.current_version(release.id)
    previous = read_manifest(current) if current else None
    entries, data = [], {}
    for file in files:
        spec = edition(file.kind)
        relative = output_name(release.id, file.lang, spec.extension)
        data[relative] = file.rendered.data
        entries.append(file_entry(file, relative, spec.media_type))
    unlisted = _unlisted_editions(current, release.id, data) if current and previous is None else []
    if unlisted and not prune:
        # Without the manifest the editions not rebuilt this time cannot be listed again (their
        # review state, pages, chapters are in it): publishing would silently drop their links.
        raise PipelineError(
            f"{display(folder.root / release.id / MANIFEST)} is missing or damaged, so {len(unlisted)} file(s) "
            f"published earlier and not rebuilt this time ({', '.join(unlisted[:3])}{' …' if len(unlisted) > 3 else ''}) "
            "cannot be listed again; run with all the editions and languages published before, "
            "or with --prune to remove them")
    for relative in unlisted:  # --prune
        folder.report.removed.append(f"{release.id}/{relative}")
    data.update(release_images(release))  # the pictures the site shows (images.py), from the source every run
    carried: dict[str, Path] = {}
    built = {(entry.lang, entry.edition) for entry in entries}
    for entry in previous.files if previous else ():
        if (entry.lang, entry.edition) in built or not (current / entry.path).is_file():
            continue
        if prune:
            folder.report.removed.append(f"{release.id}/{entry.path}")
        else:
            entries.append(entry)
            carried[entry.path] = current / entry.path
            folder.report.kept.append(f"{release.id}/{entry.path}")
    if current:  # the site's pages and anything else that is not an edition stay as they are
        listed = {entry.path for entry in previous.files} if previous else set()
        for path in current.rglob("*"):
            relative = path.relative_to(current).as_posix()
            if path.is_file() and relative not in listed and relative != MANIFEST and relative not in data \
                    and relative not in unlisted and not relative.startswith(f"{IMAGES}/"):  # a picture the release no longer has goes
                carried.setdefault(relative, path)
    manifest = Manifest(release_entry(release, source), tuple(entries), publication)
    data[MANIFEST] = manifest.to_json()
    folder.switch_release(release.id, data, carried)
    return manifest


def _unlisted_editions(current: Path, release_id: str, built: dict[str, bytes]) -> list[str]:
    """Files in a release folder named as editions are (`<lang>/<id>.<lang>.<ext>`) and not in `built`."""
    pattern = re.compile(rf"([^/]+)/{re.escape(release_id)}\.\1\.[^/]+")
    return sorted(relative for path in current.rglob("*")
                  if path.is_file() and pattern.fullmatch(relative := path.relative_to(current).as_posix())
                  and relative not in built)


def file_entry(file: EditionFile, relative: str, media_type: str) -> FileEntry:
    status = file.status
    counts = None if status.source else TranslationCounts(
        status.segments, status.reviewed, status.machine, status.untranslated, tuple(status.engines))
    return FileEntry(lang=file.lang, edition=file.kind, path=relative, media_type=media_type,
                     size=len(file.rendered.data), sha256=sha256_bytes(file.rendered.data),
                     review_state=status.review_state, translation=counts, details=file.rendered.details)


def release_entry(release: Release, source: Source) -> ReleaseEntry:
    dateline = release.dateline
    return ReleaseEntry(id=release.id, kind=release.kind, title=release.title, lang=release.lang,
                        date=dateline.date.isoformat() if dateline else None,
                        place=dateline.place if dateline else None, source=source)
