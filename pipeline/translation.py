"""The translate-and-review stage of every target language of a release.

Per release and language: merge the segments into the review catalog (what
is there is kept), machine-translate only what has no translation yet, in
one batch job per language pair on the executor, check each result (QA),
write the catalog, and remember reviewed entries in the translation memory.
The catalog is read and written here, in the main process, so that a
reviewer's file is never touched by two processes at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .catalog import CatalogUpdate, Translation, catalog_path, reviewed_units
from .config import Config
from .jobs import Job, Runner
from .localise.typography import localise_quotes
from .memory import TranslationMemory, memory_path
from .release import Release, Segmentation, TranslationStatus
from .translate import EngineChoice, EngineSettings, choose_engine, machine_translate
from .translate.glossary import load_glossary
from .translate.protect import Masked, mask, unmask
from .translate.qa import check


@dataclass
class LanguageTranslation:
    """One language of one release, through the stage."""

    lang: str
    update: CatalogUpdate
    choice: EngineChoice
    job: Job | None = None
    masked: tuple[Masked, ...] = ()  # the pending segments, masked for the engine
    findings: dict[str, list[str]] = field(default_factory=dict)  # segment id → QA findings
    translations: tuple[Translation, ...] = ()
    status: TranslationStatus | None = None
    catalog_written: bool = False


def engine_settings(config: Config) -> EngineSettings:
    models = str(config.path(config.models_dir)) if config.models_dir else None
    return EngineSettings(models_dir=models, beam_size=config.beam_size, threads=config.threads)


def prepare(release: Release, segmentation: Segmentation, config: Config, memory: TranslationMemory,
            name_prefix: str = "") -> list[LanguageTranslation]:
    """Read every catalog and plan the machine-translation jobs; writes nothing."""
    settings = engine_settings(config)
    prepared = []
    for lang in config.all_languages[1:]:
        path = catalog_path(config.locales_dir, lang, release.id)
        update = CatalogUpdate(path, release, segmentation, lang, memory)
        choice = choose_engine(config.engine_for(lang), settings, release.lang, lang)
        item = LanguageTranslation(lang, update, choice)
        if update.pending and choice.name:
            glossary = load_glossary(config.locales_dir, lang)
            masked = tuple(mask(segment.text, lang, glossary) for segment in update.pending)
            item.masked = masked
            item.job = Job(
                f"{name_prefix}translate {lang}: {len(masked)} segments with {choice.name}",
                machine_translate,
                (choice.name, settings, release.lang, lang, tuple(m.text for m in masked), choice.version),
            )
        prepared.append(item)
    return prepared


def fill(item: LanguageTranslation, results: dict, segmentation: Segmentation) -> None:
    """Fill the catalog (in memory) from the machine output, and check each result."""
    update = item.update
    if item.job is not None:
        raw_translations = results[item.job.key]
        for segment, masked, raw in zip(update.pending, item.masked, raw_translations):
            final = localise_quotes(unmask(raw, masked), item.lang)
            findings = check(segment.text, masked, raw, final)
            if findings:
                item.findings[segment.id] = findings
            update.add_machine(segment, final, item.choice.version, findings)
    else:
        for segment in update.pending:
            update.add_untranslated(segment, item.choice.note)
    item.translations = update.translations(segmentation)
    states = [t.state for t in item.translations]
    item.status = TranslationStatus(
        source=False,
        segments=len(states),
        reviewed=states.count("reviewed"),
        machine=states.count("machine"),
        untranslated=states.count("untranslated"),
        engines=(item.choice.version,) if item.choice.name and states.count("machine") else (),
    )


def save(item: LanguageTranslation, release: Release, memory: TranslationMemory) -> None:
    """Write the catalog if it changed, and remember its reviewed entries."""
    item.catalog_written = item.update.write()
    memory.record(item.lang, release.id, reviewed_units(item.update.catalog))


def translate_releases(plans: list[tuple[Release, Segmentation, str]], config: Config, runner: Runner) -> dict[str, list[LanguageTranslation]]:
    """The stage for several releases at once, so their jobs share the executor."""
    with TranslationMemory(memory_path(config.locales_dir), config.source_language) as memory:
        prepared = {release.id: prepare(release, segmentation, config, memory, prefix)
                    for release, segmentation, prefix in plans}
        jobs = [item.job for items in prepared.values() for item in items if item.job is not None]
        results = runner.run(jobs) if jobs else {}
        for release, segmentation, _ in plans:
            for item in prepared[release.id]:
                fill(item, results, segmentation)
        for release, _, _ in plans:
            for item in prepared[release.id]:
                save(item, release, memory)
    return prepared
