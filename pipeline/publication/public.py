"""The public tree: what the public sees, switched whole, never in part.

`public/` (setting `public`, `--public`) is a symbolic link to one complete
tree, `.public-trees/<version>/` beside it: the public releases' files, their pages,
the index and the feeds, built from the publication records alone. `update`
stages a new tree beside it (unchanged files are hard links), builds its
pages with the same site builder as the preview (publish/site/), syncs it,
and switches the link with one atomic rename: a kill at any instant leaves
the old public state or the new one, never a mix.

The files of every public version are kept in `outputs/.archive/<id>/<lang>/
v<N>/` (hard links, never removed): the public tree links its current and
earlier versions from there, and a withdrawn release's files stay there while
the public tree keeps only its withdrawal notices.

The build folder `outputs/` itself is the preview: every built language, each
edition that is not public marked "Draft — not published"; `serve --preview`
shows it, and nothing public links to it.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from ..checks.record import RECORDS, files_of_release, read_records, records_json, run_checks
from ..config import Config
from ..display import display
from ..errors import InputError, PipelineError
from ..fsutil import TEMPORARY_SUFFIX, atomic_write_bytes, holds_bytes, point_link, sha256_bytes
from ..publish.manifest import MANIFEST, Manifest, read_manifest, release_directories
from ..publish.site import build_site, withdrawal_page
from ..publish.site.public_site import PublicSite
from ..publish.site.statement import StatementSettings
from ..publish.writer import LOCK, OutputFolder, fsync_tree, link_or_copy
from .moments import current, parse_instant
from .record import PublicationRecord, PublicVersion, Withdrawal

TREES = "-trees"  # `.public-trees/<version>/` beside the link `public`: the public trees; the link shows one
ARCHIVE = ".archive"  # outputs/.archive/<id>/<lang>/v<N>/: every public version's files, kept
IMAGES = "images"
WITHDRAWN = "withdrawn.json"
CHECKS_PREFIX = "checks-"  # archive/<id>/<lang>/v<N>/checks-<digest of the files checked>.json
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"  # DAISY Ace, when installed (package.json)  # outputs/.archive/<id>/withdrawn.json: who, when, why
STAGING = ".staging-"


@dataclass
class PublicReport:
    path: Path  # the public link
    releases: int = 0  # releases with something public
    changed: bool = False  # the tree was switched
    new_versions: list[str] = field(default_factory=list)  # "<id> fr v2"
    withdrawn: list[str] = field(default_factory=list)


class PublicTree:
    def __init__(self, config: Config):
        self.config = config
        self.outputs = config.outputs_dir
        self.link = config.public_dir
        self.versions = self.link.parent / f".{self.link.name}{TREES}"
        self.archive = self.outputs / ARCHIVE

    def current(self) -> Path | None:
        if self.link.is_symlink():
            target = self.link.resolve()
            return target if target.is_dir() else None
        return None

    def records(self) -> dict[str, PublicationRecord]:
        """Each release's public history, from the current public tree, with the withdrawals recorded
        in the archive (`withdraw` writes one there first, so a kill before the switch loses none)."""
        tree = self.current()
        records = {}
        for directory in release_directories(tree) if tree else ():
            manifest = read_manifest(directory)
            if manifest is None:
                raise_damaged(directory / MANIFEST)
            try:
                records[directory.name] = PublicationRecord.from_dict(directory.name, manifest.publication)
            except (KeyError, TypeError, ValueError):
                raise_damaged(directory / MANIFEST)
        for path in sorted(self.archive.glob(f"*/{WITHDRAWN}")):
            release_id = path.parent.name
            try:
                raw = json.loads(path.read_bytes())
                withdrawal = Withdrawal(str(raw["by"]), str(raw["at"]), str(raw["reason"]))
            except (OSError, ValueError, KeyError, TypeError):
                raise_damaged(path)
            records[release_id] = replace(records.get(release_id, PublicationRecord(release_id)), withdrawn=withdrawal)
        return records

    def record_withdrawal(self, release_id: str, withdrawal: Withdrawal) -> None:
        """Kept in the archive, whether or not anything of the release was ever public."""
        path = self.archive / release_id / WITHDRAWN
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, (json.dumps(asdict(withdrawal), indent=2, ensure_ascii=False) + "\n").encode())

    def recover(self) -> list[str]:
        """Remove staging trees and public trees the link no longer shows (a kill mid-switch)."""
        done = []
        with OutputFolder(self.outputs).locked():
            keep = self.current()
            stale = [v for v in self.versions.iterdir() if v != keep] if self.versions.is_dir() else []
            for folder in stale:
                shutil.rmtree(folder, ignore_errors=True)
            if stale:
                done.append(f"removed {len(stale)} unfinished or old public tree(s)")
        return done

    def update(self, now: str | None, base_url: str, organisation: str, locales: list[Path]) -> PublicReport:
        """Take in what the builds made public, apply the withdrawals, and switch to the new tree if it differs."""
        report = PublicReport(self.link)
        at = current(now).isoformat(timespec="seconds")
        with OutputFolder(self.outputs).locked():
            records = self.records()
            entries = self._release_entries()
            report.withdrawn = sorted(release_id for release_id, record in records.items() if record.withdrawn)
            for directory in release_directories(self.outputs):
                manifest = read_manifest(directory)
                record = records.get(directory.name, PublicationRecord(directory.name))
                if manifest is None or record.withdrawn:
                    continue
                record = self._take_in(directory, manifest, record, at, report)
                if record.versions:
                    records[directory.name] = record
            staging = self._stage(records, entries, base_url, organisation, locales)
            report.releases = sum(1 for r in records.values() if r.versions and not r.withdrawn)
            report.changed = self._switch(staging)
        return report

    # --- taking in a build ---------------------------------------------------------------

    def _take_in(self, directory: Path, manifest: Manifest, record: PublicationRecord, at: str,
                 report: PublicReport) -> PublicationRecord:
        """Archive the files of each language the build made public; a new content hash is a new version."""
        languages = (manifest.publication or {}).get("languages", {})
        release_id = manifest.release.id
        for lang, state in sorted(languages.items()):
            if state.get("state") != "public":
                continue
            files = tuple(entry for entry in manifest.files if entry.lang == lang)
            last = record.latest(lang)
            if last is not None and last.content_hash == state["content_hash"]:
                version = replace(last, files=files)  # the same text, perhaps re-rendered
            else:
                number = last.number + 1 if last else 1
                version = PublicVersion(number, at, state["content_hash"], state.get("correction"), files)
                report.new_versions.append(f"{release_id} {lang} v{number}")
            folder = self.archive / release_id / lang / f"v{version.number}"
            for entry in files:
                _replace_link(directory / entry.path, folder / Path(entry.path).name)
            if self.config.accessibility_checks:
                self._check(directory, manifest, lang, folder, at)
            record = record.with_version(lang, version)
        images = directory / IMAGES
        if images.is_dir() and record.versions:
            for path in images.rglob("*"):
                if path.is_file():
                    _replace_link(path, self.archive / release_id / IMAGES / path.relative_to(images))
        return record

    def _check(self, directory: Path, manifest: Manifest, lang: str, folder: Path, at: str) -> None:
        """The accessibility checks of a public version's files (checks/record.py), run once per set of bytes
        and kept beside them in the archive: the public site's statements are made from them."""
        files = [file for file in files_of_release(directory, manifest) if file.lang == lang]
        checksums = {entry.path: entry.sha256 for entry in manifest.files}  # the manifest's: no file read twice
        digest = sha256_bytes("\n".join(f"{f.name} {checksums[f.name]}" for f in files).encode())[:16]
        kept = folder / f"{CHECKS_PREFIX}{digest}.json"
        if not files or kept.is_file():
            return
        records = run_checks(files, parse_instant(at), node_modules=NODE_MODULES)
        for old in folder.glob(f"{CHECKS_PREFIX}*.json"):
            old.unlink()
        atomic_write_bytes(kept, records_json(records))

    def _release_entries(self) -> dict[str, Manifest]:
        """The newest manifest of each release, to take its title and date from: the build's, else the public one's."""
        found = {}
        tree = self.current()
        for folder in ([tree] if tree else []) + [self.outputs]:
            for directory in release_directories(folder):
                manifest = read_manifest(directory)
                if manifest is not None:
                    found[directory.name] = manifest
        return found

    # --- staging and switching -----------------------------------------------------------

    def _stage(self, records: dict[str, PublicationRecord], entries: dict[str, Manifest], base_url: str,
               organisation: str, locales: list[Path]) -> Path:
        self.versions.mkdir(parents=True, exist_ok=True)
        staging = self.versions / f"{STAGING}{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        try:
            for release_id, record in sorted(records.items()):
                manifest = entries.get(release_id)
                if manifest is None or not record.versions:  # never public: nothing of it in the public tree
                    continue
                self._stage_release(staging, record, manifest)
            build_site(staging, base_url, organisation, locales, public=self._site())  # nothing public: an empty index
            for release_id, record in records.items():
                if record.withdrawn and record.versions and release_id in entries:
                    for lang in sorted(set(record.versions) | {entries[release_id].release.lang}):
                        page = withdrawal_page(entries[release_id], lang, record.withdrawn, organisation, locales)
                        _write(staging / release_id / lang / "index.html", page.encode("utf-8"))
            (staging / LOCK).unlink(missing_ok=True)  # the site builder's lock file: not part of the tree
            fsync_tree(staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return staging

    def _site(self) -> PublicSite:
        config = self.config
        return PublicSite(str(config.path(config.fonts_dir)),
                          StatementSettings(config.accessibility_contact, config.accessibility_enforcement))

    def _stage_release(self, staging: Path, record: PublicationRecord, manifest: Manifest) -> None:
        release_id = record.release_id
        target = staging / release_id
        files = []
        if not record.withdrawn:
            for lang, versions in sorted(record.versions.items()):
                for version in versions:
                    archived = self.archive / release_id / lang / f"v{version.number}"
                    for entry in version.files:
                        name = Path(entry.path).name
                        link_or_copy(archived / name, target / lang / f"v{version.number}" / name)
                latest = versions[-1]
                for entry in latest.files:
                    link_or_copy(self.archive / release_id / lang / f"v{latest.number}" / Path(entry.path).name,
                                  target / entry.path)
                files += latest.files
            images = self.archive / release_id / IMAGES
            for path in images.rglob("*") if images.is_dir() else ():
                if path.is_file():
                    link_or_copy(path, target / IMAGES / path.relative_to(images))
        public = Manifest(manifest.release, tuple(files), record.to_dict())
        _write(target / MANIFEST, public.to_json())
        if not record.withdrawn:
            records = [item for lang, versions in sorted(record.versions.items())
                       for path in (self.archive / release_id / lang / f"v{versions[-1].number}").glob(
                           f"{CHECKS_PREFIX}*.json") for item in read_records(path.read_bytes())]
            _write(target / RECORDS, records_json(records))

    def _switch(self, staging: Path) -> bool:
        """Point the public link at `staging` (renamed to a version) unless it holds what is public already."""
        now = self.current()
        if now is not None and _same_tree(now, staging):
            shutil.rmtree(staging, ignore_errors=True)
            return False
        version = self.versions / f"{time.time_ns()}"
        os.rename(staging, version)
        self.link.parent.mkdir(parents=True, exist_ok=True)
        if self.link.exists() and not self.link.is_symlink():
            raise_not_a_link(self.link)
        point_link(self.link, os.path.relpath(version, self.link.parent))  # the switch: atomic
        for old in self.versions.iterdir():
            if old != version and not old.name.startswith(STAGING):
                shutil.rmtree(old, ignore_errors=True)
        return True


def _same_tree(a: Path, b: Path) -> bool:
    """The same files with the same bytes. Editions are hard links into the archive in both trees, so
    most pairs are one inode and need no reading; the pages written anew are compared byte for byte."""
    def listing(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}

    left, right = listing(a), listing(b)
    return left.keys() == right.keys() and all(
        os.path.samefile(left[name], right[name]) or holds_bytes(left[name], right[name].read_bytes())
        for name in left)


def _replace_link(source: Path, target: Path) -> None:
    """`target` becomes a hard link to `source` (the archive keeps published files whatever the build
    does), replaced in one rename: a kill leaves the old file or the new one, never none."""
    if target.exists() and os.path.samefile(source, target):
        return
    temporary = target.parent / f".{target.name}.{os.getpid()}{TEMPORARY_SUFFIX}"
    temporary.unlink(missing_ok=True)
    link_or_copy(source, temporary)
    os.replace(temporary, target)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def raise_damaged(path: Path):
    raise InputError(path, "damaged: the public record cannot be read (restore it from a backup; nothing was changed)")


def raise_not_a_link(path: Path):
    raise PipelineError(f"{display(path)} exists and is not the public tree's link; move it away "
                        "(nothing was published)")
