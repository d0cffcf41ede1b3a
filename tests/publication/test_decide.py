"""Who sees what, decided per language at one instant: policy, approval, embargo, correction, withdrawal."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from pipeline.catalogs.po import po_bytes
from pipeline.errors import InputError
from pipeline.ingest import read_release
from pipeline.publication.approvals import Approval, catalog_hash, source_hash, write_approval
from pipeline.publication.decide import Occasion, decide
from pipeline.publication.record import PublicationRecord, PublicVersion, Withdrawal
from pipeline.segment import segment_release

from ..conftest import EXAMPLE

NOW = dt.datetime(2024, 3, 5, 9, tzinfo=dt.timezone(dt.timedelta(hours=1)))


@pytest.fixture
def parsed():
    release = read_release(EXAMPLE, "en")
    return release, segment_release(release)


def write_catalog(locales: Path, release, segmentation, fuzzy=False) -> None:
    catalog = Catalog(locale="es")
    for segment in segmentation.segments:
        catalog.add(segment.text, f"ES {segment.text}", context=segment.id, flags=("fuzzy",) if fuzzy else ())
    path = locales / "es" / "releases" / f"{release.id}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(po_bytes(catalog))


def state(parsed, locales, lang="es", policy="approved", record=None, occasion=None):
    release, segmentation = parsed
    return decide(release, segmentation, lang, policy=policy, locales_dir=locales,
                  record=record or PublicationRecord(release.id), occasion=occasion or Occasion(NOW),
                  source=EXAMPLE)


def approve(locales: Path, parsed, **changes) -> Approval:
    release, segmentation = parsed
    approval = Approval(release.id, "es", "Ana", NOW.isoformat(), source_hash(segmentation),
                        catalog_hash(locales, "es", release.id, segmentation), **changes)
    write_approval(locales, approval)
    return approval


def test_the_source_is_public_and_a_target_only_once_approved(parsed, tmp_path):
    write_catalog(tmp_path, *parsed)
    assert state(parsed, tmp_path, "en").public
    draft = state(parsed, tmp_path)
    assert draft.state == "preview" and draft.notice.draft and "not approved" in draft.why
    approve(tmp_path, parsed)
    approved = state(parsed, tmp_path)
    assert approved.public and approved.why == "approved by Ana on 2024-03-05" and not approved.notice.draft


def test_the_policies(parsed, tmp_path):
    write_catalog(tmp_path, *parsed)
    assert state(parsed, tmp_path, policy="machine").public
    assert state(parsed, tmp_path, policy="source-only").state == "preview"
    approve(tmp_path, parsed)
    assert state(parsed, tmp_path, policy="source-only").state == "preview"


def test_a_changed_catalog_entry_makes_the_approval_stale(parsed, tmp_path):
    release, segmentation = parsed
    write_catalog(tmp_path, *parsed)
    approve(tmp_path, parsed)
    write_catalog(tmp_path, *parsed, fuzzy=True)  # every entry back to "machine"
    stale = state(parsed, tmp_path)
    assert stale.state == "preview" and "is stale: the catalog changed since" in stale.why


def test_a_changed_source_sentence_makes_the_approval_stale(parsed, tmp_path):
    write_catalog(tmp_path, *parsed)
    approve(tmp_path, parsed)
    release, _ = parsed
    other = segment_release(replace(release, title="Another title"))
    stale = decide(release, other, "es", policy="approved", locales_dir=tmp_path, record=PublicationRecord(release.id),
                   occasion=Occasion(NOW), source=EXAMPLE)
    assert "is stale: the source text changed since" in stale.why


def test_an_embargo_keeps_every_language_in_the_preview_with_its_line(parsed, tmp_path):
    occasion = Occasion(NOW, embargo="2024-03-05T10:00+01:00")
    embargoed = state(parsed, tmp_path, "en", occasion=occasion)
    assert embargoed.state == "preview" and embargoed.notice.embargo == "2024-03-05T10:00+01:00"
    assert embargoed.notice.timezone == "Europe/Vienna"
    after = state(parsed, tmp_path, "en", occasion=Occasion(NOW + dt.timedelta(hours=1), embargo=occasion.embargo))
    assert after.public and after.notice.embargo is None


def test_a_public_text_that_changes_needs_a_correction_note(parsed, tmp_path):
    release, _ = parsed
    version = PublicVersion(1, "2024-03-04T12:00:00+01:00", "0" * 64, None, ())
    record = PublicationRecord(release.id, {"en": (version,)})
    with pytest.raises(InputError, match="--correction"):
        state(parsed, tmp_path, "en", record=record)
    corrected = state(parsed, tmp_path, "en", record=record, occasion=Occasion(NOW, correction="Figure fixed."))
    assert corrected.correction == "Figure fixed." and corrected.notice.corrected == "2024-03-05"
    assert corrected.notice.earlier == ((1, "2024-03-04T12:00:00+01:00"),)


def test_a_withdrawn_release_is_never_public(parsed, tmp_path):
    release, _ = parsed
    record = PublicationRecord(release.id, withdrawn=Withdrawal("Press Office", NOW.isoformat(), "In error."))
    assert state(parsed, tmp_path, "en", record=record).state == "withdrawn"
