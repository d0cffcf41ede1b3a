"""Argos Translate packages, driven directly for batch translation.

We use argostranslate's package format and its `Package` class (metadata,
SentencePiece/BPE tokenizer), but not its `translate()`: that splits sentences
with a model it downloads on first use, and translates one sentence at a time.
Our segments are already sentences, so we tokenise them all and call
CTranslate2's `translate_batch` once per language pair (per hop when pivoting
through English).

The distribution is `argos-translate-lt` (LibreTranslate's build of the same
`argostranslate` package): it does not import stanza/PyTorch at start-up,
which saves several GB of install and seconds of import time.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from functools import cached_property
from importlib import metadata
from pathlib import Path
from typing import Sequence

from ..errors import PipelineError
from ..jobs import progress
from . import EngineSettings, default_models_dir

PIVOT = "en"


def argos_version() -> str:
    return metadata.version("argos-translate-lt")


@dataclass(frozen=True)
class InstalledModel:
    code: str  # e.g. "translate-en_fr"
    source: str
    target: str
    version: str
    path: Path
    size: int  # bytes on disk


def models_dir(settings: EngineSettings) -> Path:
    return Path(settings.models_dir) if settings.models_dir else default_models_dir()


def installed_models(directory: Path) -> list[InstalledModel]:
    """The translation packages installed in `directory` (no other package types)."""
    models = []
    if not directory.is_dir():
        return models
    for path in sorted(directory.iterdir()):
        metadata_file = path / "metadata.json"
        if not metadata_file.is_file():
            continue
        try:
            info = json.loads(metadata_file.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
        if info.get("type", "translate") != "translate" or not info.get("from_code"):
            continue
        size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
        models.append(InstalledModel(
            code=info.get("code") or f"translate-{info['from_code']}_{info['to_code']}",
            source=info["from_code"], target=info["to_code"],
            version=str(info.get("package_version", "")), path=path, size=size,
        ))
    return models


class ArgosEngine:
    name = "argos"

    def __init__(self, settings: EngineSettings):
        self.settings = settings
        self.directory = models_dir(settings)
        self._translators: dict[Path, object] = {}

    @cached_property
    def models(self) -> dict[tuple[str, str], InstalledModel]:
        return {(m.source, m.target): m for m in installed_models(self.directory)}

    def route(self, source: str, target: str) -> list[InstalledModel] | None:
        """The direct model, or two through English (X→en→Y)."""
        if (source, target) in self.models:
            return [self.models[(source, target)]]
        first, second = self.models.get((source, PIVOT)), self.models.get((PIVOT, target))
        if first and second:
            return [first, second]
        return None

    def supports(self, source: str, target: str) -> bool:
        return self.route(source, target) is not None

    def version(self, source: str, target: str) -> str:
        hops = self.route(source, target) or []
        return f"argos {argos_version()}, " + " + ".join(f"{m.code} {m.version}" for m in hops)

    def missing(self, source: str, target: str) -> str:
        """What this machine lacks to translate source→target (when `supports` says no), in one line."""
        if not self.directory.is_dir():
            return f"the Argos models folder {self.directory} does not exist (models-dir)"
        return f"no Argos model for {source}→{target} in {self.directory} (models-dir)"

    def warm(self, source: str, target: str) -> None:
        """Load the pair's models now (a worker does it before its first job)."""
        for model in self.route(source, target) or ():
            self._translator(model.path)

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        hops = self.route(source, target)
        if hops is None:
            raise PipelineError(f"no Argos model installed for {source}→{target} in {self.directory}")
        results = list(texts)
        for hop, model in enumerate(hops):
            results = self._translate_batch(model, results, done_before=hop * len(texts), total=len(hops) * len(texts))
        return results

    def _translate_batch(self, model: InstalledModel, texts: list[str], done_before: int = 0,
                         total: int = 0) -> list[str]:
        """One CTranslate2 pass over all the texts; `translate_iterable` batches and sorts by length as
        `translate_batch` does, but hands back each result as it is done, so the job reports
        how far it is (`jobs.progress`: "1200 of 4000 segments")."""
        from argostranslate.package import Package

        package = Package(model.path)
        translator = self._translator(model.path)
        tokens = [package.tokenizer.encode(text) for text in texts]
        prefix = [[package.target_prefix]] * len(tokens) if package.target_prefix else None
        results = translator.translate_iterable(
            tokens,
            target_prefix=prefix,
            beam_size=self.settings.beam_size,
            max_batch_size=self.settings.batch_size,
            replace_unknowns=True,
            length_penalty=0.2,
            max_decoding_length=self.settings.max_decoding_length,
        )
        translations = []
        for result in results:
            text = package.tokenizer.decode(result.hypotheses[0])
            if package.target_prefix and text.startswith(package.target_prefix):
                text = text[len(package.target_prefix):]
            translations.append(text.strip())
            progress(done_before + len(translations), total or len(texts), "segments translated")
        return translations

    def _translator(self, path: Path):
        if path not in self._translators:
            import ctranslate2

            # Every option comes from the settings, which are part of the job key (config.ENVIRONMENT
            # maps argostranslate's ARGOS_* variables onto them).
            self._translators[path] = ctranslate2.Translator(
                str(path / "model"), device=self.settings.device, compute_type=self.settings.compute_type,
                inter_threads=1, intra_threads=self.settings.threads)
        return self._translators[path]


# --- model management ---------------------------------------------------------


def install_from_path(source: Path, directory: Path) -> list[InstalledModel]:
    """Install one `.argosmodel` file, or every one in a folder. No network."""
    if source.is_dir():
        files = sorted(source.glob("*.argosmodel"))
        if not files:
            raise PipelineError(f"{source}: no .argosmodel files in this folder")
    elif source.is_file():
        files = [source]
    else:
        raise PipelineError(f"{source}: no such file or folder")
    installed = []
    for file in files:
        installed.append(_install_file(file, directory))
    return installed


def _install_file(file: Path, directory: Path) -> InstalledModel:
    if not zipfile.is_zipfile(file):
        raise PipelineError(f"{file}: not an Argos package (expected a zip archive)")
    with zipfile.ZipFile(file) as archive:
        names = archive.namelist()
        roots = {name.split("/", 1)[0] for name in names}
        if len(roots) != 1 or any(".." in Path(name).parts or name.startswith("/") for name in names):
            raise PipelineError(f"{file}: not an Argos package (expected one top-level folder)")
        (root,) = roots
        if f"{root}/metadata.json" not in names or f"{root}/model/model.bin" not in names:
            raise PipelineError(f"{file}: not an Argos package (no metadata.json or model/model.bin)")
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=directory, prefix=".installing-") as scratch:
            archive.extractall(scratch)
            target = directory / root
            if target.exists():
                shutil.rmtree(target)
            os.replace(Path(scratch) / root, target)  # whole package appears at once
    (model,) = [m for m in installed_models(directory) if m.path == target]
    return model


def remove(codes: Sequence[str], directory: Path) -> list[InstalledModel]:
    """Remove models by language ("fr"), pair ("en_fr") or package code ("translate-en_fr")."""
    models = installed_models(directory)
    removed = []
    for code in codes:
        matches = [m for m in models if code in (m.target, f"{m.source}_{m.target}", m.code, m.path.name)]
        if not matches:
            raise PipelineError(f"no installed model matches {code!r} in {directory}")
        for model in matches:
            shutil.rmtree(model.path)
            removed.append(model)
    return removed


def install_from_index(languages: Sequence[str], directory: Path, source: str = PIVOT, timeout: float = 15) -> list[InstalledModel]:
    """Download and install source→lang packages from the Argos package index (needs the internet)."""
    from argostranslate import settings

    index_url = settings.remote_package_index
    try:
        with urllib.request.urlopen(index_url, timeout=timeout) as response:
            index = json.loads(response.read())
    except (urllib.error.URLError, OSError, json.JSONDecodeError) as error:
        reason = getattr(error, "reason", error)
        raise PipelineError(
            f"cannot reach the Argos package index ({reason}); "
            "offline, install from files: release-pipeline models install --from DIR"
        ) from None
    installed = []
    for lang in languages:
        candidates = [p for p in index if p.get("from_code") == source and p.get("to_code") == lang]
        if not candidates:
            raise PipelineError(f"the Argos package index has no {source}→{lang} package")
        package = candidates[-1]
        with tempfile.TemporaryDirectory() as scratch:
            file = Path(scratch) / f"translate-{source}_{lang}.argosmodel"
            for link in package.get("links", []):
                try:
                    with urllib.request.urlopen(link, timeout=timeout) as response, file.open("wb") as out:
                        shutil.copyfileobj(response, out)
                    break
                except (urllib.error.URLError, OSError):
                    continue
            else:
                raise PipelineError(f"could not download the {source}→{lang} package from any of its links")
            installed.append(_install_file(file, directory))
    return installed
