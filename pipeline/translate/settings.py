"""What the translate stage reads of the settings: `TranslateSettings`, built from `Config` here only.

The stage (stage.py) takes this small frozen record, not the whole `Config`:
its target languages, the engine for each, the engines' own settings (part of
every machine-translation job's key), and where the review catalogs, label
catalogs, glossaries and the translation memory are. `run`, `status` and
`speech` build it with `translate_settings(config)`; `models` and `evaluate`
need only the engines' settings (`engine_settings`).

The stage is the first to use the workers, so it also checks them: `workers_need`
is what every worker must have for the whole run (the PDF's font, a logo, the
voices of the audio editions), each a check the worker runs on itself
(`jobs.Check`); the engines add theirs (`translate.engine_problem`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..catalogs.memory import memory_path
from ..config import Config
from ..errors import PipelineError
from ..jobs import Check
from . import EngineSettings


@dataclass(frozen=True)
class TranslateSettings:
    source_language: str
    languages: tuple[str, ...]  # the target languages, each once, in the configured order
    engines: tuple[tuple[str, str], ...]  # (target language, engine name) for each of them
    engine: EngineSettings  # what every engine is started with
    locales_dir: Path  # review catalogs (<lang>/releases/), label catalogs, glossaries
    memory: Path  # the translation memory (SQLite)
    segments_per_job: int = 500  # the most segments one machine-translation job translates
    workers_need: tuple[Check, ...] = ()  # what every worker must have (checked before the first job)

    def engine_for(self, lang: str) -> str:
        return dict(self.engines)[lang]


def engine_settings(config: Config) -> EngineSettings:
    models = str(config.path(config.models_dir)) if config.models_dir else None
    return EngineSettings(models_dir=models, beam_size=config.beam_size, threads=config.threads,
                          compute_type=config.compute_type, device=config.device, batch_size=config.batch_size)


def translate_settings(config: Config) -> TranslateSettings:
    languages = config.all_languages[1:]
    return TranslateSettings(
        source_language=config.source_language,
        languages=languages,
        engines=tuple((lang, config.engine_for(lang)) for lang in languages),
        engine=engine_settings(config),
        locales_dir=config.locales_dir,
        memory=memory_path(config.locales_dir),
        segments_per_job=config.segments_per_job,
        workers_need=worker_checks(config),
    )


def worker_checks(config: Config) -> tuple[Check, ...]:
    """What every worker must have for this run's editions, as checks it runs on itself."""
    from ..editions import edition
    from ..languages import language

    checks: list[Check] = []
    if "pdf" in config.editions:
        checks.append((font_problem, (str(config.path(config.fonts_dir)),)))
    if config.logo is not None and "pdf" in config.editions:
        checks.append((path_problem, ("the logo", str(config.path(config.logo)), "logo")))
    if any(edition(kind).recorded for kind in config.editions):
        voices = {language(lang).voice: lang for lang in config.all_languages}
        checks += [(voice_problem, (voice, lang)) for voice, lang in voices.items()]
    return tuple(checks)


def path_problem(what: str, path: str, setting: str) -> str | None:
    """In a worker: `what` is missing at `path` (the setting that names it), or None."""
    return None if Path(path).exists() else f"{what} {path} does not exist ({setting})"


def font_problem(fonts_dir: str) -> str | None:
    """In a worker: the PDF's base font is missing from `fonts_dir` (editions/fonts.py says which), or None."""
    from ..editions.fonts import base_font

    try:
        base_font(fonts_dir)
    except PipelineError as error:
        return str(error)
    return None


def voice_problem(voice: str, lang: str) -> str | None:
    """In a worker: eSpeak NG lacks the voice of `lang`'s audio editions, or None."""
    from ..audio.synthesis import speech_engine

    if voice in speech_engine().voices:
        return None
    return f"eSpeak NG has no voice {voice!r} for the {lang} audio editions (Debian package espeak-ng-data)"

