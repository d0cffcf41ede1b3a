"""`models`: list, install or remove the Argos packages the argos engine translates with."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..config import Config
from ..errors import PipelineError
from ..translate import argos
from ..translate.settings import engine_settings


def models_dir(config: Config) -> Path:
    return argos.models_dir(engine_settings(config))


def list_models(config: Config) -> list[argos.InstalledModel]:
    return argos.installed_models(models_dir(config))


def install_models(config: Config, source: Path | None, languages: Sequence[str]) -> list[argos.InstalledModel]:
    if source:
        return argos.install_from_path(source, models_dir(config))
    if languages:
        return argos.install_from_index(languages, models_dir(config), config.source_language)
    raise PipelineError("say what to install: language codes (from the Argos index) or --from DIR_OR_FILE")


def remove_models(config: Config, languages: Sequence[str]) -> list[argos.InstalledModel]:
    if not languages:
        raise PipelineError("say which models to remove: language codes (fr), pairs (en_fr) or package codes")
    return argos.remove(languages, models_dir(config))
