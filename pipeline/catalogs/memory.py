"""Translation memory: reviewed translations, reused for identical sentences, suggested for similar ones.

Boilerplate ("For PDF attachments or links to sources of further
information, please visit:") is reviewed once and then filled in for every
later release. The memory is an SQLite file, `locales/memory.sqlite3`; it is
fed from reviewed catalog entries after each run, can be rebuilt from all
catalogs (`release-pipeline memory rebuild`) and exported as TMX 1.4.

Identical sentences are filled in automatically (`lookup`); similar ones (a
75 % match or better) are only suggested (`suggest`, fuzzy.py), never
published. Units also come from TMX files (`import_units`, tmx.py) and from
aligned archives of past releases (align.py); when two sources give the same
sentence, the more recent one wins (`updated`, ISO 8601 in UTC).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Iterable
from xml.sax.saxutils import escape, quoteattr

from .. import NAME, __version__
from .fuzzy import FuzzyIndex, FuzzyMatch

SCHEMA = """
CREATE TABLE IF NOT EXISTS units (
    target_lang TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    release_id TEXT NOT NULL,
    segment_id TEXT NOT NULL,
    updated TEXT NOT NULL,
    PRIMARY KEY (target_lang, source)
)
"""


def memory_path(locales_dir: Path) -> Path:
    return locales_dir / "memory.sqlite3"


class TranslationMemory:
    def __init__(self, path: Path, source_lang: str = "en"):
        self.path = path
        self.source_lang = source_lang
        self._connection: sqlite3.Connection | None = None
        self._indexes: dict[str, FuzzyIndex] = {}  # per target language, built on the first suggestion

    @property
    def connection(self) -> sqlite3.Connection:
        """Opened (and the file created) on first use, so a failed run creates nothing."""
        if self._connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._connection = sqlite3.connect(self.path)
            self._connection.execute(SCHEMA)
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def lookup(self, lang: str, source: str) -> tuple[str, str] | None:
        """(translation, release id it was reviewed in) for an identical sentence."""
        if self._connection is None and not self.path.exists():
            return None
        row = self.connection.execute(
            "SELECT target, release_id FROM units WHERE target_lang = ? AND source = ?", (lang, source)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def suggest(self, lang: str, source: str) -> FuzzyMatch | None:
        """The best reviewed match of 75 % or more for a sentence that has no identical one."""
        if self._connection is None and not self.path.exists():
            return None
        if lang not in self._indexes:
            rows = self.connection.execute(
                "SELECT source, target, release_id FROM units WHERE target_lang = ?", (lang,))
            self._indexes[lang] = FuzzyIndex(rows)
        return self._indexes[lang].best(source)

    def import_units(self, lang: str, origin: str, units: Iterable[tuple[str, str, str]]) -> int:
        """Store (source, translation, ISO date) units from elsewhere (TMX, an aligned archive).

        A sentence already remembered keeps its translation unless the new one is more recent;
        returns how many units were stored or updated."""
        rows = [(lang, source, target, origin, "", updated) for source, target, updated in units if source and target]
        changed = self._store(rows, newer_only=True)
        self._indexes.pop(lang, None)
        return changed

    def record(self, lang: str, release_id: str, units: Iterable[tuple[str, str, str]]) -> int:
        """Store reviewed (segment id, source, translation) triples; returns how many."""
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        rows = [(lang, source, target, release_id, segment_id, now) for segment_id, source, target in units if target]
        if not rows:
            return 0
        self._indexes.pop(lang, None)
        self._store(rows, newer_only=False)
        return len(rows)

    def _store(self, rows: list[tuple], newer_only: bool) -> int:
        """Insert or update units; a remembered sentence takes the new translation when it differs
        (and, with `newer_only`, only when the new one is more recent). Returns how many changed."""
        newer = "excluded.updated > units.updated AND " if newer_only else ""
        with self.connection:
            before = self.connection.total_changes
            self.connection.executemany(
                "INSERT INTO units VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (target_lang, source) DO UPDATE SET "
                "target = excluded.target, release_id = excluded.release_id, "
                "segment_id = excluded.segment_id, updated = excluded.updated "
                f"WHERE {newer}units.target != excluded.target",
                rows,
            )
            return self.connection.total_changes - before

    def count(self, lang: str | None = None) -> int:
        query, args = ("SELECT COUNT(*) FROM units", ()) if lang is None else (
            "SELECT COUNT(*) FROM units WHERE target_lang = ?", (lang,))
        return self.connection.execute(query, args).fetchone()[0]

    def export_tmx(self, lang: str | None = None) -> str:
        """TMX 1.4, one translation unit per remembered sentence."""
        query = "SELECT target_lang, source, target, release_id, updated FROM units"
        rows = self.connection.execute(query + (" WHERE target_lang = ?" if lang else "") + " ORDER BY target_lang, source",
                                       (lang,) if lang else ()).fetchall()
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<tmx version="1.4">',
            f'  <header creationtool={quoteattr(NAME)} creationtoolversion={quoteattr(__version__)} '
            f'segtype="sentence" o-tmf="sqlite" adminlang="en" srclang={quoteattr(self.source_lang)} datatype="plaintext"/>',
            "  <body>",
        ]
        for target_lang, source, target, release_id, updated in rows:
            changed = updated.replace("-", "").replace(":", "").split("+")[0] + "Z"
            lines += [
                f"    <tu changedate={quoteattr(changed)}>",
                f'      <prop type="x-release">{escape(release_id)}</prop>',
                f"      <tuv xml:lang={quoteattr(self.source_lang)}><seg>{escape(source)}</seg></tuv>",
                f"      <tuv xml:lang={quoteattr(target_lang)}><seg>{escape(target)}</seg></tuv>",
                "    </tu>",
            ]
        lines += ["  </body>", "</tmx>", ""]
        return "\n".join(lines)
