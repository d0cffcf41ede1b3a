"""Sign-off: who approved a release in one language, when, and exactly what.

An approval is a small JSON file beside the language's review catalog,
`locales/<lang>/releases/<id>.approval.json`, so that it survives kills and
re-runs as reviewers' edits do (written whole, then renamed). It records two
hashes: of the release's source segments and of the catalog entries the
language's editions are made from. Any later change to a source sentence or a
catalog entry gives other hashes: the approval is then *stale* and the
language returns to the preview until it is approved again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from ..catalogs.catalog import catalog_path
from ..catalogs.po import read_catalog
from ..errors import InputError
from ..fsutil import atomic_write_bytes
from ..release import Segmentation

SUFFIX = ".approval.json"


@dataclass(frozen=True)
class Approval:
    release_id: str
    lang: str
    by: str
    at: str  # ISO 8601 with its offset
    source_hash: str
    catalog_hash: str
    correction: str | None = None  # a correction note given with the approval (publication/decide.py)

    def matches(self, source_hash: str, catalog_hash: str) -> bool:
        return (self.source_hash, self.catalog_hash) == (source_hash, catalog_hash)

    def to_json(self) -> bytes:
        return (json.dumps(asdict(self), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def approval_path(locales_dir: Path, lang: str, release_id: str) -> Path:
    return catalog_path(locales_dir, lang, release_id).with_suffix(SUFFIX)


def read_approval(locales_dir: Path, lang: str, release_id: str) -> Approval | None:
    """The language's approval, None when there is none; a damaged file is an error naming it."""
    path = approval_path(locales_dir, lang, release_id)
    try:
        raw = json.loads(path.read_bytes())
        return Approval(**{key: raw.get(key) for key in Approval.__dataclass_fields__})
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, AttributeError) as error:
        raise InputError(path, f"not a readable approval ({error}); approve the language again") from None


def write_approval(locales_dir: Path, approval: Approval) -> Path:
    path = approval_path(locales_dir, approval.lang, approval.release_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, approval.to_json())
    return path


def source_hash(segmentation: Segmentation) -> str:
    """What the release says: its segments, in order, with their ids."""
    return _digest([(segment.id, segment.text) for segment in segmentation.segments])


def catalog_hash(locales_dir: Path, lang: str, release_id: str, segmentation: Segmentation) -> str:
    """What the language's catalog says about this release's segments: each entry's text and state."""
    path = catalog_path(locales_dir, lang, release_id)
    entries = {}
    if path.is_file():
        entries = {(m.context, m.id): m for m in read_catalog(path) if m.id}
    facts = []
    for segment in segmentation.segments:
        message = entries.get((segment.id, segment.text))
        facts.append((segment.id, message.string, message.fuzzy, bool(message.previous_id))
                     if message else (segment.id, None))
    return _digest(facts)


def now_iso(now: dt.datetime) -> str:
    return now.isoformat(timespec="seconds")


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode("utf-8")).hexdigest()
