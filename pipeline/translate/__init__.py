"""Machine translation engines behind one small protocol.

An engine translates a batch of texts from one language to another and says
who it is (name and version, for provenance in catalogs and the manifest).
Texts arrive with protected spans already masked as placeholders (`⟦3⟧`),
see `protect.py`. Register a new engine in `ENGINES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module
from pathlib import Path
from typing import Protocol, Sequence

from ..errors import PipelineError


@dataclass(frozen=True)
class EngineSettings:
    """What an engine needs to start; picklable, and part of job keys."""

    models_dir: str | None = None  # Argos packages; None: argostranslate's default
    beam_size: int = 2
    threads: int = 0  # CTranslate2 intra-op threads; 0: its default
    compute_type: str = "default"  # CTranslate2 quantisation ("int8", "float32" …): changes the output
    device: str = "cpu"  # "cpu" or "cuda"
    batch_size: int = 32  # sentences per CTranslate2 batch
    max_decoding_length: int = 256  # tokens; CTranslate2's and argostranslate's default


class Engine(Protocol):
    name: str

    def supports(self, source: str, target: str) -> bool: ...

    def version(self, source: str, target: str) -> str:
        """Engine and model versions for this pair, e.g. 'argos 1.12.1, translate-en_fr 1.9'."""
        ...

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]: ...


# The registry: engine name → "module:class", imported on first use (argos pulls CTranslate2).
# The order is the fallback order when the configured engine cannot translate a pair.
ENGINES = {"argos": "argos:ArgosEngine", "apertium": "apertium:ApertiumEngine"}
NO_ENGINE = "none"  # configured for a language that only human translators translate
ENGINE_NAMES = (*ENGINES, NO_ENGINE)  # what a setting or option may name


@lru_cache(maxsize=None)
def make_engine(name: str, settings: EngineSettings) -> Engine:
    """One engine per (name, settings) in each process: models load once per worker."""
    if name not in ENGINES:
        raise PipelineError(f"unknown translation engine {name!r} (known: {', '.join(ENGINE_NAMES)})")
    module, _, cls = ENGINES[name].partition(":")
    return getattr(import_module(f"{__name__}.{module}"), cls)(settings)


@dataclass(frozen=True)
class EngineChoice:
    name: str | None  # None: no engine can translate this pair
    version: str
    note: str  # why this engine, for the run's output ("" when it is the configured one)


def choose_engine(configured: str, settings: EngineSettings, source: str, target: str) -> EngineChoice:
    """The configured engine if it can translate the pair, else the first that can.

    With no Argos model installed this picks Apertium for the languages it
    covers (es, fr, it), and says so.
    """
    if configured == NO_ENGINE:
        return EngineChoice(None, "", "no engine configured: left for human translators")
    order = [configured, *[name for name in ENGINES if name != configured]]
    for name in order:
        engine = make_engine(name, settings)
        if engine.supports(source, target):
            note = "" if name == configured else f"no {configured} model for {source}→{target}; using {name}"
            return EngineChoice(name, engine.version(source, target), note)
    return EngineChoice(None, "", f"no engine can translate {source}→{target}: left for human translators")


def machine_translate(engine_name: str, settings: EngineSettings, source: str, target: str,
                      texts: tuple[str, ...], version: str) -> tuple[str, ...]:
    """The translate stage: one batch per language pair, run in a worker process.

    `version` (the engine's and model's) is not used here but is part of the
    job's cache key: installing a new model gives new translations.
    """
    if not texts:
        return ()
    translations = make_engine(engine_name, settings).translate(list(texts), source, target)
    if len(translations) != len(texts):
        raise PipelineError(f"{engine_name} returned {len(translations)} translations for {len(texts)} texts")
    return tuple(translations)


def warm_engines(pairs: Sequence[tuple[str, EngineSettings, str, str]]) -> None:
    """In a worker, before its first job (`Executor.warm`): start the engines of these pairs
    (engine, settings, source, target): Apertium's pipelines begin loading, an Argos model loads."""
    for name, settings, source, target in pairs:
        engine = make_engine(name, settings)
        warm = getattr(engine, "warm", None)
        if warm is not None:
            warm(source, target)


def engine_problem(name: str, settings: EngineSettings, source: str, target: str) -> str | None:
    """In a worker (`Executor.check_workers`): what it lacks to translate source→target with this
    engine, in words with the path ("no Argos model for en→de in /home/w/.local/share/…"), or None."""
    engine = make_engine(name, settings)
    if engine.supports(source, target):
        return None
    missing = getattr(engine, "missing", None)
    return missing(source, target) if missing else f"{name} cannot translate {source}→{target} here"


def default_models_dir() -> Path:
    """argostranslate's own package folder (ARGOS_PACKAGES_DIR, else under the user's data dir)."""
    from argostranslate import settings

    return Path(settings.package_data_dir)
