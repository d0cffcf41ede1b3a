"""What the translate stage reads of the settings: `TranslateSettings`, built from `Config` here only.

The stage (stage.py) takes this small frozen record, not the whole `Config`:
its target languages, the engine for each, the engines' own settings (part of
every machine-translation job's key), and where the review catalogs, label
catalogs, glossaries and the translation memory are. `run`, `status` and
`speech` build it with `translate_settings(config)`; `models` and `evaluate`
need only the engines' settings (`engine_settings`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..catalogs.memory import memory_path
from ..config import Config
from . import EngineSettings


@dataclass(frozen=True)
class TranslateSettings:
    source_language: str
    languages: tuple[str, ...]  # the target languages, each once, in the configured order
    engines: tuple[tuple[str, str], ...]  # (target language, engine name) for each of them
    engine: EngineSettings  # what every engine is started with
    locales_dir: Path  # review catalogs (<lang>/releases/), label catalogs, glossaries
    memory: Path  # the translation memory (SQLite)

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
    )
