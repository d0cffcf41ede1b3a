"""`status`: what would `run` do? Each release's state, from the same `parse_release_file`,
translation and `plan_release` code as run.py, without running or writing anything; and
each language's publication state at `--now` (publication/): preview and why, approved,
stale approval, public (its version), embargoed, corrected, withdrawn."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .display import plural
from .errors import PipelineError
from .fsutil import sha256_file
from .jobs import Cache, Runner, make_executor, walk, why_stale
from .publication.decide import LanguageState, Occasion, decide_release
from .publication.moments import current
from .publication.public import PublicTree
from .publication.record import PublicationRecord
from .publish.manifest import read_manifest, release_directories
from .run import inputs_record, parse_release_file, plan_release
from .translate.settings import translate_settings
from .translate.stage import ReleaseToTranslate, translations_if_cached


@dataclass(frozen=True)
class ReleaseState:
    release_id: str
    state: str  # "up to date", "stale", "damaged", "orphaned", "broken" (manifest unreadable)
    detail: str
    languages: tuple[str, ...] = ()  # one line per language: "fr: preview (not approved yet)"


def status(config: Config, occasion: Occasion | None = None) -> list[ReleaseState]:
    """Each release's state; reads only: a damaged cache entry is reported, not removed (`run` heals it)."""
    runner = Runner(Cache(config.cache_dir, read_only=True), make_executor("serial", 1))
    records = PublicTree(config).records()
    occasion = occasion or Occasion(current(None))
    return [release_state(directory, config, runner, records, occasion)
            for directory in release_directories(config.outputs_dir)]


def release_state(directory: Path, config: Config, runner: Runner, records: dict[str, PublicationRecord],
                  occasion: Occasion) -> ReleaseState:
    record = records.get(directory.name, PublicationRecord(directory.name))
    languages: tuple[str, ...] = ()

    def state(name: str, detail: str) -> ReleaseState:
        return ReleaseState(directory.name, name, detail, languages or built_languages(directory, record))

    damaged_before = len(runner.cache.healed)

    def damaged_cache(stale: str) -> ReleaseState | None:
        found = len(runner.cache.healed) - damaged_before
        return state("damaged", f"{plural(found, 'damaged cache entry', 'damaged cache entries')}; {stale} "
                                "(the published files are intact): run again") if found else None

    manifest = read_manifest(directory)
    if manifest is None:
        return state("broken", "manifest.json unreadable: run again")
    missing = [f.path for f in manifest.files if not (directory / f.path).is_file()]
    modified = [f.path for f in manifest.files
                if f.path not in missing and sha256_file(directory / f.path) != f.sha256]
    if missing or modified:
        return state("damaged", f"{plural(len(missing), 'file')} missing, {len(modified)} changed since written: "
                                "run again")
    source = manifest.release.source
    source_path = config.path(Path(source.path))
    if not source_path.is_file():
        return state("orphaned", f"source {source.path} not found; {plural(len(manifest.files), 'file')} ok")
    if sha256_file(source_path) != source.sha256:
        return state("stale", f"source {source.path} changed since the last run")
    try:
        parsed = parse_release_file(source_path, config)
        translated, to_translate = translations_if_cached(
            ReleaseToTranslate(parsed.release, parsed.segmentation), translate_settings(config), runner)
    except PipelineError as error:
        return state("stale", f"cannot plan: {error}")
    if to_translate:
        stale = "segments to translate: " + ", ".join(f"{lang} {n}" for lang, n in to_translate.items())
        return damaged_cache(stale) or state("stale", stale)
    try:
        states = decide_release(parsed.release, parsed.segmentation, translated, config, records, occasion,
                                parsed.source.path)
    except PipelineError as error:
        return state("stale", f"cannot publish: {error}")
    languages = tuple(language_line(lang_state, record) for lang_state in states.values())
    plan = plan_release(parsed, translated, config, states)
    pending = runner.pending(plan.targets)
    total = len(walk(plan.targets))
    planned = {f"{file.lang}/{file.kind}" for file in plan.files}
    produced = {f"{f.lang}/{f.edition}" for f in manifest.files}
    if pending or planned != produced:
        record = inputs_record(config, parsed.release.id)
        reasons = "; ".join(f"{job.name} ({why_stale(job, record)})" for job in pending[:4])
        more = " …" if len(pending) > 4 else ""
        stale = f"{len(pending)} of {plural(total, 'job')} to run"
        return damaged_cache(stale) or state("stale", stale + (f": {reasons}{more}" if reasons else ""))
    return state("up to date", f"{plural(len(manifest.files), 'file')} ok, {'all ' * (total > 1)}"
                               f"{plural(total, 'job')} cached")


def language_line(state: LanguageState, record: PublicationRecord) -> str:
    """"fr: public, v2 since 2024-03-06 (corrected)", "es: preview (approval … is stale: …)"."""
    latest = record.latest(state.lang)
    public = (f"public, v{latest.number} since {latest.published[:10]}"
              + (" (corrected)" if latest.correction else "")) if latest else None
    if state.state == "withdrawn":
        return f"{state.lang}: {state.why}"
    if state.public:
        pending = latest is None or latest.content_hash != state.content_hash
        return f"{state.lang}: {state.why}; " + ("to be made public by the next run or publish" if pending else public)
    return f"{state.lang}: preview ({state.why})" + (f"; still {public}" if public else "")


def built_languages(directory: Path, record: PublicationRecord) -> tuple[str, ...]:
    """What the last run decided, when the release cannot be planned now."""
    manifest = read_manifest(directory)
    languages = ((manifest.publication or {}).get("languages") or {}) if manifest else {}
    return tuple(f"{lang}: {item.get('state')} at the last run ({item.get('why')})" for lang, item in languages.items())
