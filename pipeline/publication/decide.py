"""What becomes public: per release and language, at one instant, under the project's policy.

The policy (setting `publish`, `--publish`): `approved` (the default) makes
a target language public once approved and while its approval is fresh;
`machine` makes machine translations public with their notice; `source-only`
only the source. The source language is public when built. An embargo keeps
everything of the release out of the public tree until its instant; a
withdrawal for good. What is built and not public is a preview: its editions
say "Draft — not published" (and "EMBARGOED UNTIL …" under embargo).

A public language whose text differs from its last public version is a
correction and needs a note (`--correction`, front matter `correction:` or
`approve --correction`); without one the run is refused before any work.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Mapping, Sequence
from zoneinfo import ZoneInfo

from ..config import Config
from ..errors import InputError, PipelineError
from ..release import PublicationNotice, Release, Segmentation
from .approvals import Approval, catalog_hash, read_approval, source_hash
from .moments import instant, is_before, parse_instant
from .record import PublicationRecord



@dataclass(frozen=True)
class Occasion:
    """The instant a command acts at (`--now`) and what the command line says about the releases."""

    now: dt.datetime
    embargo: str | None = None  # --embargo: overrides the front matter's
    correction: str | None = None  # --correction: the note of a corrected public release


@dataclass(frozen=True)
class LanguageState:
    lang: str
    state: str  # "public", "preview" or "withdrawn"
    why: str  # one line, for `status` and the manifest
    content_hash: str
    approval: Approval | None = None
    notice: PublicationNotice = PublicationNotice()
    embargo: str | None = None
    correction: str | None = None  # this public version corrects the one before, with this note

    @property
    def public(self) -> bool:
        return self.state == "public"

    def to_dict(self) -> dict:
        return {"state": self.state, "why": self.why, "content_hash": self.content_hash,
                "approval": asdict(self.approval) if self.approval else None,
                "embargo": self.embargo, "correction": self.correction}


def decide(release: Release, segmentation: Segmentation, lang: str, *, policy: str, locales_dir: Path,
           record: PublicationRecord, occasion: Occasion, source: Path) -> LanguageState:
    """The language's state at `occasion.now`; raises InputError for a correction without a note."""
    source_digest = source_hash(segmentation)
    is_source = lang == release.lang
    catalog_digest = None if is_source else catalog_hash(locales_dir, lang, release.id, segmentation)
    content = source_digest if is_source else _combined(source_digest, catalog_digest)
    embargo = occasion.embargo or release.embargo
    zone = _zone(release)
    approval = None if is_source else read_approval(locales_dir, lang, release.id)
    eligible, why = _eligible(is_source, policy, approval, source_digest, catalog_digest)
    if record.withdrawn:
        withdrawn = record.withdrawn
        return LanguageState(lang, "withdrawn", f"withdrawn on {withdrawn.at[:10]} by {withdrawn.by}: "
                             f"{withdrawn.reason}", content, approval, PublicationNotice(draft=True))
    if eligible and is_before(occasion.now, embargo):
        eligible, why = False, f"embargoed until {embargo}"
    if not eligible:
        notice = PublicationNotice(draft=True, embargo=embargo if is_before(occasion.now, embargo) else None,
                                   timezone=zone)
        return LanguageState(lang, "preview", why, content, approval, notice, embargo)
    last = record.latest(lang)
    correction = None
    if last is not None and last.content_hash != content:
        correction = occasion.correction or (approval.correction if approval else None) or release.correction
        if not correction:
            raise InputError(source, f"the {lang} text of {release.id} changed since it was published on "
                             f"{last.published[:10]}; a public release is corrected with a note: give "
                             "--correction 'NOTE' (or front matter 'correction:')")
        notice = PublicationNotice(corrected=_day(occasion.now, zone), correction=correction,
                                   earlier=_versions(record.versions[lang]))
    elif last is not None and last.correction:
        notice = PublicationNotice(corrected=_day(parse_instant(last.published), zone), correction=last.correction,
                                   earlier=_versions(record.versions[lang][:-1]))
    else:
        notice = PublicationNotice()
    return LanguageState(lang, "public", why, content, approval, notice, embargo, correction)


def _eligible(is_source: bool, policy: str, approval: Approval | None, source_digest: str,
              catalog_digest: str | None) -> tuple[bool, str]:
    """Whether the language may be public under the policy, and why (not)."""
    if is_source:
        return True, "the source language"
    if policy == "source-only":
        return False, "policy source-only: only the source language is published"
    if policy == "machine":
        return True, "policy machine: published as translated, with its notice"
    if approval is None:
        return False, "not approved yet: `release-pipeline approve` signs it off"
    if approval.source_hash != source_digest:
        return False, f"approval by {approval.by} on {approval.at[:10]} is stale: the source text changed since"
    if approval.catalog_hash != catalog_digest:
        return False, f"approval by {approval.by} on {approval.at[:10]} is stale: the catalog changed since"
    return True, f"approved by {approval.by} on {approval.at[:10]}"


def _versions(versions) -> tuple[tuple[int, str], ...]:
    return tuple((version.number, version.published) for version in versions)


def _combined(source_digest: str, catalog_digest: str | None) -> str:
    return hashlib.sha256(f"{source_digest}\n{catalog_digest}".encode()).hexdigest()


def _zone(release: Release) -> str | None:
    dateline = release.dateline
    return dateline.timezone if dateline else None


def _day(when: dt.datetime, zone: str | None) -> str:
    """The date of an instant where the release is (its dateline's zone), else as given."""
    if zone:
        when = when.astimezone(ZoneInfo(zone))
    return when.date().isoformat()


def decide_release(release: Release, segmentation: Segmentation, translated: Sequence, config: Config,
                   records: Mapping[str, PublicationRecord], occasion: Occasion, source: str) -> dict[str, LanguageState]:
    """Every built language's state, the source language first (`translated`: the translate stage's
    languages; `records`: every release's public history, public.py); a correction without a note is
    refused naming the release's file."""
    record = records.get(release.id, PublicationRecord(release.id))
    if occasion.embargo:
        try:
            occasion = replace(occasion, embargo=instant(occasion.embargo, _zone(release)))
        except ValueError as error:
            raise PipelineError(f"--embargo {occasion.embargo!r}: {error}") from None
    return {lang: decide(release, segmentation, lang, policy=config.publish, locales_dir=config.locales_dir,
                         record=record, occasion=occasion, source=config.path(Path(source)))
            for lang in [release.lang, *(item.lang for item in translated)]}


def localise_arguments(states: dict[str, LanguageState]) -> dict[str, tuple[PublicationNotice, ...]]:
    """Each language's publication lines as its localise job's last argument, where it has any: a
    public language without lines keeps the job key it had before publication states existed."""
    return {lang: (state.notice,) for lang, state in states.items() if state.notice != PublicationNotice()}
