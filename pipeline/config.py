"""All settings in one place.

A project directory may configure the pipeline in `release-pipeline.toml`
(top-level keys) or in its `pyproject.toml` under `[tool.release-pipeline]`.
The command line overrides either. Keys are written in kebab-case
(`source-language`), fields are their snake_case twins.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .edition_kinds import EDITION_NAMES  # the names alone: config imports no edition
from .errors import InputError, PipelineError
from .jobs import DASK_ADDRESS, EXECUTORS, known_executor

CONFIG_FILE = "release-pipeline.toml"
DEFAULT_LANGUAGES = ("fr", "de", "it", "ru", "es")  # the OSCE official languages besides English
SPEECH_CACHE = ("release-pipeline", "speech")  # under the user's cache folder, by default


@dataclass(frozen=True)
class Config:
    project_dir: Path = Path(".")
    source_language: str = "en"
    languages: tuple[str, ...] = DEFAULT_LANGUAGES  # target languages
    editions: tuple[str, ...] = ("text", "pdf", "audio", "epub", "json")  # json: the data the site is built from
    outputs: Path = Path("outputs")
    work_dir: Path = Path(".work")  # the job cache
    # Recordings of sentences and encoded MP3 pieces, shared by projects; default: $XDG_CACHE_HOME/release-pipeline/speech.
    speech_cache: Path | None = None
    locales: Path = Path("locales")
    workers: int = 0  # 0: one per CPU core
    executor: str = "local"  # "local" (processes) or "serial"
    engine: str = "argos"  # the default translation engine
    engines: dict[str, str] = field(default_factory=dict)  # per target language, e.g. {"es": "apertium"}
    models_dir: Path | None = None  # Argos packages; default: argostranslate's data dir
    beam_size: int = 2
    threads: int = 0  # CTranslate2 intra-op threads; 0: its default
    compute_type: str = "default"  # CTranslate2 quantisation of the Argos models ("int8", "float32" …)
    device: str = "cpu"  # where Argos models run: "cpu" or "cuda"
    batch_size: int = 32  # sentences per CTranslate2 batch
    organisation: str = "OSCE"  # the publisher; the issuing office comes from each release
    paper: str = "a4"  # PDF paper size: "a4" or "us-letter"
    notes_in_audio: str = "after-paragraph"  # where the audio editions read footnotes: "after-paragraph" or "end"
    braille_grade: str = "contracted"  # the braille editions: "contracted" (where readers read it) or "uncontracted"
    braille_cells: int = 40  # the braille editions' page: cells a line …
    braille_lines: int = 25  # … and lines a page, the page number's included
    fonts_dir: Path = Path("/usr/share/fonts/truetype/dejavu")  # DejaVu, from Debian fonts-dejavu-core
    logo: Path | None = None  # an image shown on the first page of the PDF …
    logo_alt: str = ""  # … with this alternative text (required with a logo)
    base_url: str | None = None  # where outputs/ is published, e.g. "https://press.example.org/releases"
    max_release_size: int = 2_000_000  # bytes; a bigger release file is refused before any work
    config_file: Path | None = None  # where these settings came from, for messages

    def path(self, value: Path) -> Path:
        """A configured path, relative to the project directory."""
        return value if value.is_absolute() else self.project_dir / value

    @property
    def outputs_dir(self) -> Path:
        return self.path(self.outputs)

    @property
    def cache_dir(self) -> Path:
        return self.path(self.work_dir) / "cache"

    @property
    def speech_cache_dir(self) -> Path:
        """Where the audio editions keep recordings of sentences and encoded pieces (audio/record.py)."""
        if self.speech_cache is not None:
            return self.path(self.speech_cache)
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache").joinpath(*SPEECH_CACHE)

    @property
    def locales_dir(self) -> Path:
        return self.path(self.locales)

    def engine_for(self, lang: str) -> str:
        return self.engines.get(lang, self.engine)

    @property
    def all_languages(self) -> tuple[str, ...]:
        """The source language first, then each target once."""
        return (self.source_language, *[lang for lang in dict.fromkeys(self.languages) if lang != self.source_language])


FIELDS = {f.name: f for f in dataclasses.fields(Config) if f.name not in ("project_dir", "config_file")}

# argostranslate's environment variables, honoured as defaults under the settings file and the
# command line; they change the translations, so they belong in the settings (and the job keys).
ENVIRONMENT = {
    "ARGOS_COMPUTE_TYPE": "compute_type",
    "ARGOS_DEVICE_TYPE": "device",
    "ARGOS_BEAM_SIZE": "beam_size",
    "ARGOS_BATCH_SIZE": "batch_size",
    "ARGOS_INTRA_THREADS": "threads",
}


def load_config(project_dir: Path, **overrides: Any) -> Config:
    """Settings of a project directory, with command-line overrides (None means unset)."""
    project_dir = project_dir.resolve()
    values = _environment_settings()
    settings, source = _read_settings(project_dir)
    values.update(settings)
    values.update({key: value for key, value in overrides.items() if value is not None})
    editions = tuple(values.get("editions", Config.editions))
    if any(kind.startswith("audio-") for kind in editions) and "audio" not in editions:
        values["editions"] = editions = (*editions, "audio")  # the MP3 comes with other audio formats (feeds)
    if "audio" in editions and "captions" not in editions:
        values["editions"] = (*editions, "captions")  # WebVTT captions: made from the same sentence timings
    config = Config(project_dir=project_dir, config_file=source, **values)
    given = {key for key, value in overrides.items() if value is not None}
    _check(config, given)
    return config


PAPERS = ("a4", "us-letter")
NOTES_IN_AUDIO = ("after-paragraph", "end")  # audio/script.py's NOTES_IN_AUDIO (config imports no edition)
BRAILLE_GRADES = ("contracted", "uncontracted")
BRAILLE_MIN_CELLS, BRAILLE_MIN_LINES = 16, 4  # a smaller page holds no page number and text


def _check(config: Config, given: set[str]) -> None:
    """Every setting checked before anything is written; the message names where it came from."""

    def refuse(key: str, message: str) -> None:
        if key in given:
            raise PipelineError(f"--{_OPTIONS.get(key, key)}: {message}")
        raise InputError(config.config_file or config.project_dir, message)

    for key, tags in (("source_language", (config.source_language,)), ("languages", config.languages)):
        for tag in tags:
            if problem := language_problem(tag):
                refuse(key, problem)
    for kind in config.editions:
        if kind not in EDITION_NAMES:
            refuse("editions", f"unknown edition {kind!r} (known: {', '.join(EDITION_NAMES)})")
    if not known_executor(config.executor):
        refuse("executor", f"executor must be one of {', '.join(EXECUTORS)} or {DASK_ADDRESS}HOST:PORT, "
                           f"not {config.executor!r}")
    if config.base_url is not None and (problem := url_problem(config.base_url)):
        refuse("base_url", problem)
    if config.paper not in PAPERS:
        refuse("paper", f"paper must be one of {', '.join(PAPERS)}, not {config.paper!r}")
    if config.notes_in_audio not in NOTES_IN_AUDIO:
        refuse("notes_in_audio", f"notes-in-audio must be one of {', '.join(NOTES_IN_AUDIO)}, "
                                 f"not {config.notes_in_audio!r}")
    if config.braille_grade not in BRAILLE_GRADES:
        refuse("braille_grade", f"braille-grade must be one of {', '.join(BRAILLE_GRADES)}, "
                                f"not {config.braille_grade!r}")
    if config.braille_cells < BRAILLE_MIN_CELLS or config.braille_lines < BRAILLE_MIN_LINES:
        refuse("braille_cells", f"a braille page needs at least {BRAILLE_MIN_CELLS} cells a line and "
                                f"{BRAILLE_MIN_LINES} lines (braille-cells, braille-lines)")
    if config.workers < 0:
        refuse("workers", f"workers must be 0 (one per core) or more, not {config.workers}")
    if config.logo is not None:
        if not config.path(config.logo).is_file():
            raise InputError(config.path(config.logo), "the configured logo does not exist")
        if not config.logo_alt.strip():
            refuse("logo_alt", "setting 'logo' needs 'logo-alt', the logo's alternative text")


_OPTIONS = {"languages": "langs", "models_dir": "models-dir", "outputs": "out"}  # field → command-line option


def language_problem(tag: str) -> str | None:
    """Why `tag` is not a language of the language table, or None: the one check behind the
    `languages` setting, `--langs` and every command's `--lang`."""
    from .languages import LANGUAGES

    if tag in LANGUAGES:
        return None
    return (f"language {tag!r} is not in the language table "
            f"(known: {', '.join(sorted(LANGUAGES))}; see docs/localisation.md to add one)")


def url_problem(url: object) -> str | None:
    """Why `url` cannot be where the output folder is published (`base-url`, `publish --base-url`),
    or None: it must be an absolute http(s) URL with a host."""
    try:
        parts = urlsplit(url) if isinstance(url, str) and not any(c.isspace() for c in url) else None
        host = parts.hostname if parts else None
    except ValueError:  # e.g. an unclosed IPv6 bracket
        parts, host = None, None
    if parts is None or parts.scheme not in ("http", "https") or not host:
        return (f"{url!r} is not an absolute http:// or https:// URL with a host "
                "(e.g. https://press.example.org/releases)")
    return None


def _environment_settings() -> dict[str, Any]:
    values: dict[str, Any] = {}
    for variable, name in ENVIRONMENT.items():
        value = os.environ.get(variable, "").strip()
        if not value:
            continue
        if isinstance(FIELDS[name].default, int):
            if not value.isdigit():
                raise PipelineError(f"environment variable {variable}={value!r} must be a whole number")
            values[name] = int(value)
        else:
            values[name] = value
    return values


def _read_settings(project_dir: Path) -> tuple[dict[str, Any], Path | None]:
    own_file = project_dir / CONFIG_FILE
    pyproject = project_dir / "pyproject.toml"
    if own_file.exists():
        table, source = _load_toml(own_file), own_file
    elif pyproject.exists():
        table, source = _load_toml(pyproject).get("tool", {}).get("release-pipeline"), pyproject
        if table is None:
            return {}, None
    else:
        return {}, None
    return {key.replace("-", "_"): _convert(source, key, value) for key, value in table.items()}, source


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(path, f"invalid TOML: {error}") from None


def _convert(source: Path, key: str, value: Any) -> Any:
    name = key.replace("-", "_")
    if name not in FIELDS:
        allowed = ", ".join(sorted(n.replace("_", "-") for n in FIELDS))
        raise InputError(source, f"unknown setting {key!r} (known: {allowed})")
    default = FIELDS[name].default
    if isinstance(value, list):
        return tuple(str(item) for item in value)
    if name in ("outputs", "work_dir", "speech_cache", "locales", "models_dir", "fonts_dir", "logo"):
        return Path(value)
    if name == "engines":
        if not isinstance(value, dict):
            raise InputError(source, "setting 'engines' must be a table of language = engine")
        return {str(k): str(v) for k, v in value.items()}
    if isinstance(default, int) and not isinstance(value, int):
        raise InputError(source, f"setting {key!r} must be a whole number")
    return value
