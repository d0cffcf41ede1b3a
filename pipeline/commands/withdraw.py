"""`withdraw`: take a release off the public site, for good, on the record.

The withdrawal (who, when, why) is written to the archive first
(`outputs/.archive/<id>/withdrawn.json`), then the public tree is switched
to one without the release in the index, feeds or sitemap, and with a notice
page per language at its address; `serve` answers 410 Gone for its files.
Nothing is deleted from the archive.
"""

from __future__ import annotations

from ..commands.site import site_base_url
from ..config import Config
from ..errors import PipelineError
from ..lock import ProjectLock
from ..publication.decide import Occasion
from ..publication.public import PublicReport, PublicTree
from ..publication.record import Withdrawal
from . import find_release


def withdraw(release: str, reason: str, by: str, config: Config, occasion: Occasion) -> PublicReport:
    if not reason.strip() or not by.strip():
        raise PipelineError("withdraw needs --reason TEXT and --by NAME: why, and who decided")
    public = PublicTree(config)
    with ProjectLock(config):
        public.recover()  # what a killed run or withdrawal left
        records = public.records()
        release_id = release if release in records else find_release(release, config).id
        if release_id in records and records[release_id].withdrawn:
            raise PipelineError(f"release {release_id} is withdrawn already")
        public.record_withdrawal(release_id, Withdrawal(by.strip(), occasion.now.isoformat(timespec="seconds"),
                                                        reason.strip()))
        return public.update(occasion.now.isoformat(), site_base_url(config, None), config.organisation,
                             [config.locales_dir])
