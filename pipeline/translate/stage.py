"""The translate-and-review stage of every target language of a release.

Per release and language: merge the segments into the review catalog (what
is there is kept; fixed phrases come from the label catalogs), check every
reviewed translation (QA), machine-translate what has no translation yet and
what may not be published as it stands (a changed sentence's old
translation, a reviewed entry with a blocking finding), in one batch job per
language pair on the executor; tidy and check each machine result (hygiene,
QA), write the catalog, and remember reviewed entries in the translation memory.
The catalog is read and written here, in the main process, so that a
reviewer's file is never touched by two processes at once.

The stage reads its `TranslateSettings` (settings.py), not the whole `Config`,
and hands on one frozen `TranslatedLanguage` per release and language.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping, Sequence

from ..catalogs.catalog import (CatalogUpdate, Translation, catalog_path, fallback_of, is_label, reviewed_units,
                                state_of)
from ..catalogs.findings import Finding, from_comments
from ..catalogs.memory import TranslationMemory
from ..catalogs.store import read_existing, write_catalog
from ..jobs import Job, Runner
from ..localise.typography import localise_quotes
from ..release import Release, Segmentation, TranslationStatus
from ..release import Segment
from . import EngineChoice, choose_engine, machine_translate
from .boilerplate import label_translations
from .glossary import Glossary, load_glossary
from .hygiene import agree_articles, strip_unknown_marks, tidy
from .protect import Masked, mask, unmask
from .qa import Checker
from .settings import TranslateSettings

# Part of every machine-translation job's key: changes when an engine's output format changes
# (Apertium now keeps its unknown-word marks for QA), so old cached output is not reused.
ENGINE_OUTPUT = "marks-2"


@dataclass(frozen=True)
class TranslatedLanguage:
    """One release in one target language, as the stage hands it on."""

    lang: str
    translations: tuple[Translation, ...]  # one per segment, in order
    status: TranslationStatus
    engine: EngineChoice
    findings: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (segment id, QA findings) checked in this run
    catalog: Path | None = None
    catalog_written: bool = False  # the run changed the catalog file
    # One line per reviewed entry not published because of a blocking finding:
    # "locales/fr/releases/x.po:LINE: reviewed translation drops https://…" (the run exits 1).
    blocking: tuple[str, ...] = ()

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
    glossary: Glossary = Glossary()
    job: Job | None = None
    to_translate: tuple[Segment, ...] = ()  # update.pending, then update.refresh
    masked: tuple[Masked, ...] = ()  # the same segments, masked for the engine
    findings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    blocked: set[str] = field(default_factory=set)  # segment ids whose msgstr is not published
    blocked_reviewed: dict[str, list[Finding]] = field(default_factory=dict)  # reviewed ones, with why


def prepare(item: ReleaseToTranslate, settings: TranslateSettings, memory: TranslationMemory) -> list[_Work]:
    """Read every catalog, check its reviewed entries and plan the machine-translation jobs; writes nothing."""
    release, segmentation = item.release, item.segmentation
    engine_settings = settings.engine
    prepared = []
    for lang in settings.languages:
        path = catalog_path(settings.locales_dir, lang, release.id)
        labels = label_translations(lang, [settings.locales_dir])
        update = CatalogUpdate(path, read_existing(path), release, segmentation, lang, memory, labels)
        choice = choose_engine(settings.engine_for(lang), engine_settings, release.lang, lang)
        work = _Work(lang, update, choice, load_glossary(settings.locales_dir, lang))
        _check_published(work, segmentation)
        work.to_translate = tuple(update.pending) + tuple(update.refresh)
        if work.to_translate and choice.name:
            work.masked = tuple(mask(segment.text, lang, work.glossary) for segment in work.to_translate)
            work.job = Job(
                f"{item.job_prefix}translate {lang}: {len(work.masked)} segments with {choice.name}",
                machine_translate,
                (choice.name, engine_settings, release.lang, lang, tuple(m.text for m in work.masked),
                 f"{choice.version}; {ENGINE_OUTPUT}"),
            )
        prepared.append(work)
    return prepared


def _check_published(work: _Work, segmentation: Segmentation) -> None:
    """QA on what the catalog already holds and would publish: reviewed entries are checked afresh
    (the reviewer may have edited them), machine entries keep the findings of their translation."""
    update = work.update
    checker = Checker(work.lang, work.glossary)
    refresh = {segment.id for segment in update.refresh}
    pending = {segment.id for segment in update.pending}  # sets: a 1 MB release has thousands of segments
    for segment in segmentation.segments:
        message = update.message(segment)
        if message is None or segment.id in pending or segment.id in refresh:
            continue
        state = state_of(message)
        if state == "reviewed" and not is_label(message):
            findings = checker.translation(segment.text, mask(segment.text, work.lang, work.glossary), message.string)
            update.set_findings(segment, findings)
            if findings:
                work.findings[segment.id] = tuple(str(f) for f in findings)
            blocking = [f for f in findings if f.blocking]
            if blocking:
                work.blocked.add(segment.id)
                work.blocked_reviewed[segment.id] = blocking
                if not fallback_of(message):
                    update.refresh.append(segment)
            else:
                update.set_fallback(segment, None)
        elif state == "machine" and any(f.blocking for f in from_comments(message.user_comments)):
            work.blocked.add(segment.id)  # a machine text that lost a fact: the source is published


def machine_result(segment: Segment, masked: Masked, raw: str, lang: str, engine: str | None,
                   checker: Checker) -> tuple[str, list[Finding]]:
    """One engine output → (the text to keep, its findings): marks recorded and stripped,
    articles made to agree, spacing tidied, spans restored, quotation marks localised, checked."""
    marks = strip_unknown_marks(raw, segment.text) if engine == "apertium" else None
    text = marks.text if marks else raw
    articles = agree_articles(text, masked, lang, checker.glossary)
    tidied = tidy(articles.text, lang)
    final = localise_quotes(unmask(tidied.text, masked), lang)
    repairs = [*(marks.findings if marks else ()), *articles.findings, *tidied.findings]
    findings = list(dict.fromkeys(repairs + checker.machine(segment.text, masked, tidied.text, final)))
    return final, findings


def _fill(work: _Work, results: Mapping[str, tuple[str, ...]], segmentation: Segmentation) -> TranslatedLanguage:
    """Fill the catalog (in memory) from the machine output, and check each result."""
    update = work.update
    pending = {segment.id for segment in update.pending}
    if work.job is not None:
        checker = Checker(work.lang, work.glossary)
        raw_translations = results[work.job.key]
        for segment, masked, raw in zip(work.to_translate, work.masked, raw_translations):
            final, findings = machine_result(segment, masked, raw, work.lang, work.choice.name, checker)
            blocking = any(f.blocking for f in findings)
            if segment.id in pending:
                if findings:
                    work.findings[segment.id] = tuple(str(f) for f in findings)
                update.add_machine(segment, final, work.choice.version, findings)
                if blocking:
                    work.blocked.add(segment.id)
            else:  # published instead of a changed sentence's old translation or a blocked reviewed one
                update.set_fallback(segment, None if blocking else final)
    else:
        for segment in update.pending:
            update.add_untranslated(segment, work.choice.note)
    translations = update.translations(segmentation, frozenset(work.blocked))
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
                              update.path, blocking=_blocking_lines(work))


def _blocking_lines(work: _Work) -> tuple[str, ...]:
    if not work.blocked_reviewed:
        return ()
    lines = work.update.line_numbers()
    return tuple(
        f"{work.update.path}:{lines.get(segment_id, 0)}: reviewed translation "
        + "; ".join(f.summary() for f in findings)
        for segment_id, findings in sorted(work.blocked_reviewed.items(), key=lambda item: lines.get(item[0], 0))
    )


def translate_releases(items: Sequence[ReleaseToTranslate], settings: TranslateSettings,
                       runner: Runner) -> dict[str, tuple[TranslatedLanguage, ...]]:
    """The stage for several releases at once, so their jobs share the executor.

    Writes each catalog that changed and records reviewed entries in the memory.
    """
    with TranslationMemory(settings.memory, settings.source_language) as memory:
        prepared = {item.release.id: prepare(item, settings, memory) for item in items}
        results = _run_batched([work for works in prepared.values() for work in works if work.job], runner)
        translated = {item.release.id: [_fill(work, results, item.segmentation) for work in prepared[item.release.id]]
                      for item in items}
        out = {}
        for item in items:
            saved = []
            for work, language in zip(prepared[item.release.id], translated[item.release.id]):
                written = write_catalog(work.update)
                memory.record(work.lang, item.release.id, reviewed_units(work.update.catalog))
                saved.append(replace(language, catalog_written=written))
            out[item.release.id] = tuple(saved)
    return out


def _run_batched(works: Sequence[_Work], runner: Runner) -> Mapping[str, tuple[str, ...]]:
    """One machine-translation job per language pair and engine for all the releases of a run
    (a back catalogue translates in a few large batches, not one small job per release);
    returns each release's share under its own job's key, as `_fill` expects."""
    batches: dict[tuple, list[_Work]] = {}
    for work in works:
        name, settings, source, target, _, version = work.job.args
        batches.setdefault((name, settings, source, target, version), []).append(work)
    if len(batches) == len(works):  # one release per pair: its own job, as `status` plans it
        return runner.run([work.job for work in works]) if works else {}
    jobs = {}
    for (name, settings, source, target, version), group in batches.items():
        texts = tuple(text for work in group for text in work.job.args[4])
        jobs[Job(f"translate {target}: {len(texts)} segments of {len(group)} releases with {name}",
                 machine_translate, (name, settings, source, target, texts, version))] = group
    done = runner.run(list(jobs))
    results: dict[str, tuple[str, ...]] = {}
    for job, group in jobs.items():
        translations, offset = done[job], 0
        for work in group:
            count = len(work.job.args[4])
            results[work.job.key], offset = translations[offset:offset + count], offset + count
    return results


def translations_if_cached(item: ReleaseToTranslate, settings: TranslateSettings,
                           runner: Runner) -> tuple[tuple[TranslatedLanguage, ...], dict[str, int]]:
    """What the stage would hand on, from the cache alone, writing nothing (for `status`).

    Returns (the languages, {lang: segments still to machine-translate}); when
    anything is left to translate the languages are empty.
    """
    with TranslationMemory(settings.memory, settings.source_language) as memory:
        prepared = prepare(item, settings, memory)
    missing = {work.lang: len(work.update.pending) for work in prepared
               if work.job is not None and work.job.key not in runner.cache}
    if missing:
        return (), missing
    results = {work.job.key: runner.cache.load(work.job.key) for work in prepared if work.job is not None}
    return tuple(_fill(work, results, item.segmentation) for work in prepared), {}

