"""`approve`: a person signs off one language of a release (publication/approvals.py).

Refused, listing `file:line` of each entry, while the language's catalog has
untranslated entries, blocking QA findings, or sentences whose source changed
since they were reviewed; and while the catalog lacks some of the release's
sentences (run the release first). The approval records who, when, and the
hashes of what was approved; the next `run` or `publish` makes it public.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..catalogs.catalog import catalog_path
from ..catalogs.po import read_catalog
from ..catalogs.review import review_language
from ..config import Config
from ..display import display, plural
from ..errors import PipelineError
from ..lock import ProjectLock
from ..publication.approvals import Approval, catalog_hash, source_hash, write_approval
from ..publication.decide import Occasion
from ..translate.reviewed import catalog_check
from . import find_release

# Entry states that keep a language from being approved (catalogs/review.py's STATES).
REFUSED_STATES = ("untranslated", "blocking", "source changed")


@dataclass(frozen=True)
class ApproveReport:
    approval: Approval
    path: Path
    segments: int
    machine: int  # entries approved as machine translations, not reviewed one by one


def approve(release: str, lang: str, by: str, config: Config, occasion: Occasion) -> ApproveReport:
    from ..run import parse_release_file  # the same parse as `run`, so the hashes match

    if not by.strip():
        raise PipelineError("approve: --by NAME is required: who approves")
    found = find_release(release, config)
    parsed = parse_release_file(found.source_file(), config)
    release_id, segmentation = parsed.release.id, parsed.segmentation
    path = catalog_path(config.locales_dir, lang, release_id)
    if not path.is_file():
        raise PipelineError(f"no {lang} catalog for {release_id} ({display(path)}): run the release first")
    with ProjectLock(config):
        present = {(m.context, m.id) for m in read_catalog(path) if m.id}
        missing = [s for s in segmentation.segments if (s.id, s.text) not in present]
        if missing:
            raise PipelineError(f"{display(path)} lacks {plural(len(missing), 'sentence')} of the release as it is "
                                "now: run the release first, review, then approve")
        review = review_language(path, lang, catalog_check(path, lang))
        wanted = {s.id for s in segmentation.segments}
        refused = [e for e in review.entries if e.segment_id in wanted and e.state in REFUSED_STATES]
        if refused:
            lines = "\n".join(f"  {display(path)}:{e.line}: {e.state}: {e.source[:60]}" for e in refused[:20])
            more = f"\n  … and {len(refused) - 20} more" if len(refused) > 20 else ""
            raise PipelineError(f"{lang} of {release_id} cannot be approved: {plural(len(refused), 'entry', 'entries')} "
                                f"to fix first (untranslated, blocking QA, source changed):\n{lines}{more}")
        approval = Approval(release_id, lang, by.strip(), occasion.now.isoformat(timespec="seconds"),
                            source_hash(segmentation), catalog_hash(config.locales_dir, lang, release_id, segmentation),
                            occasion.correction)
        written = write_approval(config.locales_dir, approval)
    machine = sum(1 for e in review.entries if e.segment_id in wanted and e.state == "machine")
    return ApproveReport(approval, written, len(segmentation.segments), machine)
