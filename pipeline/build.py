"""From a parsed Release to published files: the job graph of one release.

`plan_release` lays out the jobs (per language: localise → render each
edition), once the translation stage (translation.py) has filled the
catalogs; `publish` writes what they returned into
outputs/<release-id>/ with its manifest. Publishing happens only after every
job of the release succeeded, so a failed run leaves the previous outputs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import NAME, __version__
from .audio.lexicon import load_lexicon
from .config import Config
from .editions import EditionSettings, Rendered, edition, render
from .fsutil import sha256_bytes, sha256_file, write_if_changed
from .jobs import Job
from .catalog import Translation
from .localise import localise
from .localise.labels import load_labels
from .release import Labels, LocalisedRelease, Release, Segmentation, TranslationStatus
from .segment import rebuild

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Source:
    """Where a release came from, as the manifest records it."""

    path: str  # relative to the project directory when inside it
    sha256: str


@dataclass(frozen=True)
class PlannedFile:
    lang: str
    kind: str  # edition kind
    localised: Job  # → LocalisedRelease, whose status goes into the manifest
    rendered: Job  # → Rendered


@dataclass
class ReleasePlan:
    release: Release
    source: Source
    files: list[PlannedFile]

    @property
    def targets(self) -> list[Job]:
        return [job for file in self.files for job in (file.localised, file.rendered)]


def localise_source(release: Release, segmentation: Segmentation, labels: Labels) -> LocalisedRelease:
    status = TranslationStatus(source=True, segments=len(segmentation.segments))
    return localise(release, status, labels)


def localise_target(release: Release, segmentation: Segmentation, lang: str,
                    translations: tuple[Translation, ...], status: TranslationStatus,
                    labels: Labels) -> LocalisedRelease:
    """The release in `lang`, from its catalog; untranslated segments stay in the source language."""
    texts = {t.segment_id: t.text for t in translations if t.text}
    title_untranslated = any(s.unit == 0 and s.id not in texts for s in segmentation.segments)
    return localise(rebuild(release, segmentation, texts, lang), status, labels,
                    title_lang=release.lang if title_untranslated else None)


def edition_settings(config: Config) -> EditionSettings:
    logo = config.path(config.logo) if config.logo else None
    return EditionSettings(
        organisation=config.organisation, paper=config.paper, fonts_dir=str(config.path(config.fonts_dir)),
        logo=str(logo) if logo else None, logo_sha256=sha256_file(logo) if logo else None, logo_alt=config.logo_alt,
        base_url=config.base_url,
    )


def plan_release(release: Release, source: Source, segmentation: Segmentation, translated: list,
                 config: Config, name_prefix: str = "") -> ReleasePlan:
    """`translated`: the release's LanguageTranslations, after the translation stage."""
    # Label catalogs are read here, once, and go into the jobs' keys: an edited label re-renders.
    def labels(lang: str) -> Labels:
        return load_labels(lang, [config.locales_dir])

    localised = {release.lang: Job(f"{name_prefix}localise {release.lang}", localise_source,
                                   (release, segmentation, labels(release.lang)))}
    for item in translated:
        localised[item.lang] = Job(f"{name_prefix}localise {item.lang}", localise_target,
                                   (release, segmentation, item.lang, item.translations, item.status, labels(item.lang)))
    settings = edition_settings(config)
    files: list[PlannedFile] = []
    for lang, localised_job in localised.items():
        # Each language's editions see its own lexicon and the source's (for untranslated passages).
        lexicons = tuple(load_lexicon(tag, [config.locales_dir]) for tag in dict.fromkeys([lang, release.lang]))
        for kind in config.editions:
            edition(kind)  # an unknown edition fails here, before anything runs
            rendered = Job(f"{name_prefix}render {kind} {lang}", render,
                           (kind, localised_job, replace(settings, lexicons=lexicons)))
            files.append(PlannedFile(lang, kind, localised_job, rendered))
    return ReleasePlan(release, source, files)


# --- publishing ----------------------------------------------------------------


@dataclass
class PublishReport:
    directory: Path
    written: list[str]
    unchanged: list[str]
    removed: list[str]


def output_name(release_id: str, lang: str, extension: str) -> str:
    return f"{lang}/{release_id}.{lang}.{extension}"


def publish(plan: ReleasePlan, results: dict[str, Any], config: Config) -> PublishReport:
    """Write each rendered file and the manifest, touching only what changed.

    `results` maps job keys to what the runner returned for `plan.targets`.
    """
    directory = config.outputs_dir / plan.release.id
    report = PublishReport(directory, [], [], [])
    entries = []
    for file in plan.files:
        rendered: Rendered = results[file.rendered.key]
        status: TranslationStatus = results[file.localised.key].status
        spec = edition(file.kind)
        relative = output_name(plan.release.id, file.lang, spec.extension)
        _write_if_changed(directory / relative, rendered.data, relative, report)
        entry = {
            "lang": file.lang,
            "edition": file.kind,
            "path": relative,
            "media_type": spec.media_type,
            "size": len(rendered.data),
            "sha256": sha256_bytes(rendered.data),
            "review_state": status.review_state,
        }
        if not status.source:
            entry["translation"] = {
                "segments": status.segments,
                "reviewed": status.reviewed,
                "machine": status.machine,
                "untranslated": status.untranslated,
                "engines": list(status.engines),
            }
        if rendered.details:
            entry["details"] = rendered.details
        entries.append(entry)
    manifest = manifest_for(plan, entries)
    _remove_dropped_files(directory, {entry["path"] for entry in entries}, report)
    data = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    _write_if_changed(directory / MANIFEST, data, MANIFEST, report)
    return report


def manifest_for(plan: ReleasePlan, entries: list[dict]) -> dict:
    release = plan.release
    return {
        "manifest_version": 1,
        "pipeline": {"name": NAME, "version": __version__},
        "release": {
            "id": release.id,
            "kind": release.kind,
            "title": release.title,
            "lang": release.lang,
            "date": release.dateline.date.isoformat() if release.dateline else None,
            "place": release.dateline.place if release.dateline else None,
            "source": {"path": plan.source.path, "sha256": plan.source.sha256},
        },
        "files": entries,
    }


def read_manifest(directory: Path) -> dict | None:
    try:
        return json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError):
        return None


def _write_if_changed(path: Path, data: bytes, relative: str, report: PublishReport) -> None:
    (report.written if write_if_changed(path, data) else report.unchanged).append(relative)


def _remove_dropped_files(directory: Path, current: set[str], report: PublishReport) -> None:
    """Files an earlier run listed that this run no longer produces (a dropped language)."""
    previous = read_manifest(directory) or {}
    for entry in previous.get("files", []):
        path = entry.get("path", "")
        target = directory / path
        if path not in current and target.resolve().is_relative_to(directory.resolve()) and target.is_file():
            target.unlink()
            report.removed.append(path)
