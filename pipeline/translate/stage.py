"""The translate-and-review stage of every target language of a release.

Per release and language: merge the segments into the review catalog (what
is there is kept), machine-translate only what has no translation yet, in
one batch job per language pair on the executor, check each result (QA),
write the catalog, and remember reviewed entries in the translation memory.
The catalog is read and written here, in the main process, so that a
reviewer's file is never touched by two processes at once.

The stage hands on one frozen `TranslatedLanguage` per release and language.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Sequence

from ..config import Config
from ..jobs import Job, Runner
from ..localise.typography import localise_quotes
from ..release import Release, Segmentation, TranslationStatus
from . import EngineChoice, EngineSettings, choose_engine, machine_translate
from .catalog import CatalogUpdate, Translation, catalog_path, reviewed_units
from .glossary import load_glossary
from .memory import TranslationMemory, memory_path
from .protect import Masked, mask, unmask
from .qa import check


@dataclass(frozen=True)
class TranslatedLanguage:
    """One release in one target language, as the stage hands it on."""

    lang: str
    translations: tuple[Translation, ...]  # one per segment, in order
    status: TranslationStatus
    engine: EngineChoice
    findings: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (segment id, QA findings) of new machine output
    catalog: Path | None = None
    catalog_written: bool = False  # the run changed the catalog file

    @property
    def finding_count(self) -> int:
        return sum(len(found) for _, found in self.findings)


@dataclass(frozen=True)
class ReleaseToTranslate:
    release: Release
    segmentation: Segmentation
    job_prefix: str = ""  # job-name prefix when a run has several releases


@dataclass
class _Work:
    """One language of one release, through the stage (mutable, private to it)."""

    lang: str
    update: CatalogUpdate
    choice: EngineChoice
    job: Job | None = None
    masked: tuple[Masked, ...] = ()  # the pending segments, masked for the engine
    findings: dict[str, tuple[str, ...]] = field(default_factory=dict)


def engine_settings(config: Config) -> EngineSettings:
    models = str(config.path(config.models_dir)) if config.models_dir else None
    return EngineSettings(models_dir=models, beam_size=config.beam_size, threads=config.threads,
                          compute_type=config.compute_type, device=config.device, batch_size=config.batch_size)


def prepare(item: ReleaseToTranslate, config: Config, memory: TranslationMemory) -> list[_Work]:
    """Read every catalog and plan the machine-translation jobs; writes nothing."""
    release, segmentation = item.release, item.segmentation
    settings = engine_settings(config)
    prepared = []
    for lang in config.all_languages[1:]:
        path = catalog_path(config.locales_dir, lang, release.id)
        update = CatalogUpdate(path, release, segmentation, lang, memory)
        choice = choose_engine(config.engine_for(lang), settings, release.lang, lang)
        work = _Work(lang, update, choice)
        if update.pending and choice.name:
            glossary = load_glossary(config.locales_dir, lang)
            work.masked = tuple(mask(segment.text, lang, glossary) for segment in update.pending)
            work.job = Job(
                f"{item.job_prefix}translate {lang}: {len(work.masked)} segments with {choice.name}",
                machine_translate,
                (choice.name, settings, release.lang, lang, tuple(m.text for m in work.masked), choice.version),
            )
        prepared.append(work)
    return prepared


def _fill(work: _Work, results: dict, segmentation: Segmentation) -> TranslatedLanguage:
    """Fill the catalog (in memory) from the machine output, and check each result."""
    update = work.update
    if work.job is not None:
        raw_translations = results[work.job.key]
        for segment, masked, raw in zip(update.pending, work.masked, raw_translations):
            final = localise_quotes(unmask(raw, masked), work.lang)
            findings = check(segment.text, masked, raw, final)
            if findings:
                work.findings[segment.id] = tuple(findings)
            update.add_machine(segment, final, work.choice.version, findings)
    else:
        for segment in update.pending:
            update.add_untranslated(segment, work.choice.note)
    translations = update.translations(segmentation)
    states = [t.state for t in translations]
    status = TranslationStatus(
        source=False,
        segments=len(states),
        reviewed=states.count("reviewed"),
        machine=states.count("machine"),
        untranslated=states.count("untranslated"),
        engines=(work.choice.version,) if work.choice.name and states.count("machine") else (),
    )
    return TranslatedLanguage(work.lang, translations, status, work.choice, tuple(work.findings.items()),
                              update.path)


def translate_releases(items: Sequence[ReleaseToTranslate], config: Config,
                       runner: Runner) -> dict[str, tuple[TranslatedLanguage, ...]]:
    """The stage for several releases at once, so their jobs share the executor.

    Writes each catalog that changed and records reviewed entries in the memory.
    """
    with TranslationMemory(memory_path(config.locales_dir), config.source_language) as memory:
        prepared = {item.release.id: prepare(item, config, memory) for item in items}
        jobs = [work.job for works in prepared.values() for work in works if work.job is not None]
        results = runner.run(jobs) if jobs else {}
        translated = {item.release.id: [_fill(work, results, item.segmentation) for work in prepared[item.release.id]]
                      for item in items}
        out = {}
        for item in items:
            saved = []
            for work, language in zip(prepared[item.release.id], translated[item.release.id]):
                written = work.update.write()
                memory.record(work.lang, item.release.id, reviewed_units(work.update.catalog))
                saved.append(replace(language, catalog_written=written))
            out[item.release.id] = tuple(saved)
    return out


def translations_if_cached(item: ReleaseToTranslate, config: Config,
                           runner: Runner) -> tuple[tuple[TranslatedLanguage, ...], dict[str, int]]:
    """What the stage would hand on, from the cache alone, writing nothing (for `status`).

    Returns (the languages, {lang: segments still to machine-translate}); when
    anything is left to translate the languages are empty.
    """
    with TranslationMemory(memory_path(config.locales_dir), config.source_language) as memory:
        prepared = prepare(item, config, memory)
    missing = {work.lang: len(work.update.pending) for work in prepared
               if work.job is not None and work.job.key not in runner.cache}
    if missing:
        return (), missing
    results = {work.job.key: runner.cache.load(work.job.key) for work in prepared if work.job is not None}
    return tuple(_fill(work, results, item.segmentation) for work in prepared), {}

