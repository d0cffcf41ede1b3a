"""`memory`: the translation memory (catalogs/memory.py): show, rebuild from the review catalogs,
export and import TMX, align past translations."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..config import Config
from ..display import display
from ..errors import PipelineError
from ..catalogs.catalog import reviewed_units
from ..catalogs.memory import TranslationMemory, memory_path
from ..catalogs.po import read_catalog


@dataclass(frozen=True)
class MemoryImport:
    source: str  # what was read, for the report
    stored: int  # units added or updated (a more recent translation already there wins)
    found: int  # pairs read (TMX) or confidently aligned
    total: int  # TMX pairs, or alignment beads
    languages: tuple[str, ...]
    aligned: bool = False  # from `memory align` (else a TMX file)


def open_memory(config: Config) -> TranslationMemory:
    return TranslationMemory(memory_path(config.locales_dir), config.source_language)


def rebuild_memory(config: Config, memory: TranslationMemory) -> int:
    """Record every reviewed entry of every review catalog; returns how many."""
    total = 0
    for path in sorted(config.locales_dir.glob("*/releases/*.po")):
        total += memory.record(path.parent.parent.name, path.stem, reviewed_units(read_catalog(path)))
    return total


def import_memory(config: Config, memory: TranslationMemory, action: str, files: Sequence[Path],
                  lang: str | None) -> MemoryImport:
    """`memory import FILE.tmx` or `memory align EN_FILE TRANSLATED_FILE --lang LANG`.

    (Imports inside: translate-toolkit's TMX classes load only when used.)
    """
    import datetime as dt

    if action == "import":
        from ..catalogs.tmx import read_tmx

        if len(files) != 1:
            raise PipelineError("memory import takes one TMX file")
        units = [u for u in read_tmx(files[0], config.source_language, config.all_languages) if not lang or u.lang == lang]
        languages = tuple(sorted({u.lang for u in units}))
        stored = sum(memory.import_units(tag, f"TMX {files[0].name}", [(u.source, u.target, u.updated)
                                                                        for u in units if u.lang == tag])
                     for tag in languages)
        return MemoryImport(display(files[0]), stored, len(units), len(units), languages)
    from ..catalogs.align import align_releases

    if len(files) != 2 or not lang:
        raise PipelineError("memory align takes EN_FILE TRANSLATED_FILE and --lang LANG")
    alignment = align_releases(files[0], files[1], lang, config.source_language)
    # Dated by the translated file: a later reviewed entry of the same sentence wins over the archive.
    when = dt.datetime.fromtimestamp(files[1].stat().st_mtime, dt.timezone.utc).isoformat(timespec="seconds")
    stored = memory.import_units(lang, f"aligned {files[1].name}", [(s, t, when) for s, t in alignment.pairs])
    return MemoryImport(f"{display(files[0])} + {display(files[1])}", stored, len(alignment.pairs),
                        alignment.beads, (lang,), aligned=True)
