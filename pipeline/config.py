"""All settings in one place.

A project directory may configure the pipeline in `release-pipeline.toml`
(top-level keys) or in its `pyproject.toml` under `[tool.release-pipeline]`.
The command line overrides either. Keys are written in kebab-case
(`source-language`), fields are their snake_case twins.

The module is long because every setting lives here with its check, the `[email]` table's
(`EmailSettings`: the e-mail edition's headers and `send`'s SMTP server) included.
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
    # Machine translation of a batch of releases is cut into jobs of at most this many segments (whole releases
    # where they fit), so that it spreads over the workers; the cut changes no translation (docs/performance.md).
    segments_per_job: int = 500
    organisation: str = "OSCE"  # the publisher; the issuing office comes from each release
    paper: str = "a4"  # PDF paper size: "a4" or "us-letter"
    notes_in_audio: str = "after-paragraph"  # where the audio editions read footnotes: "after-paragraph" or "end"
    braille_grade: str = "contracted"  # the braille editions: "contracted" (where readers read it) or "uncontracted"
    braille_cells: int = 40  # the braille editions' page: cells a line …
    braille_lines: int = 25  # … and lines a page, the page number's included
    fonts_dir: Path = Path("/usr/share/fonts/truetype/dejavu")  # DejaVu, from Debian fonts-dejavu-core
    logo: Path | None = None  # an image shown on the first page of the PDF …
    logo_alt: str = ""  # … with this alternative text (required with a logo)
    base_url: str | None = None  # where public/ is published, e.g. "https://press.example.org/releases"
    # What becomes public (publication/decide.py): "approved" target languages only, "machine" (every
    # translation, with its notice) or "source-only"; the public tree is the link `public` (publication/public.py).
    publish: str = "approved"
    public: Path = Path("public")
    max_release_size: int = 2_000_000  # bytes; a bigger release file is refused before any work
    # The public site's accessibility statements (publication/public.py, publish/site/statement.py): check each
    # public PDF, EPUB and MP3 when it becomes public (PDF/UA-1, EPUBCheck and Ace, audio); where readers report
    # a barrier (an e-mail or web address; default: the organisation); the enforcement procedure, as worded.
    accessibility_checks: bool = True
    accessibility_contact: str | None = None
    accessibility_enforcement: str | None = None
    config_file: Path | None = None  # where these settings came from, for messages
    # The `[email]` table: the e-mail edition's headers and the SMTP server `send` uses (docs/email.md).
    email: EmailSettings = field(default_factory=lambda: EmailSettings())

    def path(self, value: Path) -> Path:
        """A configured path, relative to the project directory."""
        return value if value.is_absolute() else self.project_dir / value

    @property
    def outputs_dir(self) -> Path:
        return self.path(self.outputs)

    @property
    def public_dir(self) -> Path:
        """The public tree's link: what is deployed; `outputs/` is the build and its preview."""
        return self.path(self.public)

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
_VARIABLES = {name: variable for variable, name in ENVIRONMENT.items()}


def load_config(project_dir: Path, **overrides: Any) -> Config:
    """Settings of a project directory, with command-line overrides (None means unset)."""
    project_dir = project_dir.resolve()
    if not project_dir.is_dir():  # else a mistyped --project would start a new project there, with default settings
        raise PipelineError(f"--project: {project_dir} is not a folder")
    values = _environment_settings()
    environment = set(values)
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
    _check(config, given, environment - set(settings) - given)
    return config


PAPERS = ("a4", "us-letter")
PUBLISH_POLICIES = ("approved", "machine", "source-only")  # publication/decide.py's POLICIES (config imports none of it)
NOTES_IN_AUDIO = ("after-paragraph", "end")  # audio/script.py's NOTES_IN_AUDIO (config imports no edition)
BRAILLE_GRADES = ("contracted", "uncontracted")
DEVICES = ("cpu", "cuda", "auto")  # where CTranslate2 runs the Argos models, and its quantisations:
COMPUTE_TYPES = ("default", "auto", "int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16", "float16",
                 "bfloat16", "float32")  # a wrong one would fail only once a model is installed
BRAILLE_MIN_CELLS, BRAILLE_MIN_LINES = 16, 4  # a smaller page holds no page number and text


def _check(config: Config, given: set[str], environment: set[str] = frozenset()) -> None:
    """Every setting checked before anything is written; the message names where it came from."""
    from .translate import ENGINE_NAMES  # the registry's names (translate/__init__.py imports no engine)

    def refuse(key: str, message: str) -> None:
        if key in given:
            raise PipelineError(f"--{_OPTIONS.get(key, key)}: {message}")
        if key in environment:
            raise PipelineError(f"environment variable {_VARIABLES[key]}: {message}")
        raise InputError(config.config_file or config.project_dir, message)

    for key, tags in (("source_language", (config.source_language,)), ("languages", config.languages)):
        for tag in tags:
            if problem := language_problem(tag):
                refuse(key, problem)
    if not config.editions:
        refuse("editions", "no editions to build: name at least one (known: " + ", ".join(EDITION_NAMES) + ")")
    for key, name in (("engine", config.engine), *(("engines", name) for name in config.engines.values())):
        if name not in ENGINE_NAMES:
            refuse(key, f"unknown translation engine {name!r} (known: {', '.join(ENGINE_NAMES)})")
    for tag in config.engines:
        if problem := language_problem(tag):
            refuse("engines", f"engines: {problem}")
    for key, allowed in (("device", DEVICES), ("compute_type", COMPUTE_TYPES)):
        if getattr(config, key) not in allowed:
            refuse(key, f"{key.replace('_', '-')} must be one of {', '.join(allowed)}, not {getattr(config, key)!r}")
    for key, least in (("beam_size", 1), ("batch_size", 1), ("threads", 0), ("max_release_size", 1),
                       ("segments_per_job", 1)):
        if getattr(config, key) < least:
            refuse(key, f"{key.replace('_', '-')} must be {least} or more, not {getattr(config, key)}")
    for key in ("outputs", "work_dir", "locales"):  # folders the run writes into
        if config.path(getattr(config, key)).exists() and not config.path(getattr(config, key)).is_dir():
            refuse(key, f"{key.replace('_', '-')} {str(getattr(config, key))!r} is a file, not a folder")
    for kind in config.editions:
        if kind not in EDITION_NAMES:
            refuse("editions", f"unknown edition {kind!r} (known: {', '.join(EDITION_NAMES)})")
    if not known_executor(config.executor):
        refuse("executor", f"executor must be one of {', '.join(EXECUTORS)} or {DASK_ADDRESS}HOST:PORT, "
                           f"not {config.executor!r}")
    if config.base_url is not None and (problem := url_problem(config.base_url)):
        refuse("base_url", problem)
    public, outputs = config.public_dir.absolute(), config.outputs_dir.absolute()
    if public == outputs or public.is_relative_to(outputs) or outputs.is_relative_to(public):
        refuse("public", f"the public tree ({public}) and the output folder ({outputs}) must be apart: "
                         "set 'public' (or --public) to another folder")
    if config.publish not in PUBLISH_POLICIES:
        refuse("publish", f"publish must be one of {', '.join(PUBLISH_POLICIES)}, not {config.publish!r}")
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
    if "email" in config.editions and not config.email.sender:
        refuse("editions", "the email edition needs a From address: set `from` in the [email] table (docs/email.md)")
    if config.workers < 0:
        refuse("workers", f"workers must be 0 (one per core) or more, not {config.workers}")
    if config.logo is not None:
        if not config.path(config.logo).is_file():
            raise InputError(config.path(config.logo), "the configured logo does not exist")
        if not config.logo_alt.strip():
            refuse("logo_alt", "setting 'logo' needs 'logo-alt', the logo's alternative text")


_OPTIONS = {"languages": "langs", "models_dir": "models-dir", "outputs": "out",  # field → command-line option
            "segments_per_job": "segments-per-job"}


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
        return tomllib.loads(path.read_bytes().decode("utf-8-sig"))  # Notepad's byte-order mark is dropped
    except UnicodeDecodeError as error:
        data = path.read_bytes()
        raise InputError(path, f"not valid UTF-8 (byte 0x{data[error.start]:02x})",
                         data[: error.start].count(b"\n") + 1) from None
    except tomllib.TOMLDecodeError as error:  # "Invalid value (at line 1, column 14)": the line goes up front
        message, _, where = str(error).rpartition(" (at line ")
        line, _, column = where.rstrip(")").partition(", column ")
        if message and line.isdigit():
            raise InputError(path, f"invalid TOML: {message} (column {column})", int(line)) from None
        raise InputError(path, f"invalid TOML: {error}") from None


def _convert(source: Path, key: str, value: Any) -> Any:
    name = key.replace("-", "_")
    if name not in FIELDS:
        allowed = ", ".join(sorted(n.replace("_", "-") for n in FIELDS))
        raise InputError(source, f"unknown setting {key!r} (known: {allowed})")
    default = FIELDS[name].default
    kind = str(FIELDS[name].type)  # "tuple[str, ...]", "Path | None", "int" … (annotations are strings here)
    expected = "a list of text values" if kind.startswith("tuple") else "a whole number" if kind == "int" else "text"
    if kind == "bool" and not isinstance(value, bool):
        raise InputError(source, f"setting {key!r} must be true or false, not {value!r}")
    if (kind.startswith("tuple") and not (isinstance(value, list) and all(isinstance(v, str) for v in value))
            or kind.startswith(("Path", "str")) and not isinstance(value, str)
            or isinstance(value, bool) and kind == "int"):
        raise InputError(source, f"setting {key!r} must be {expected}, not {value!r}")
    if isinstance(value, list):
        return tuple(str(item) for item in value)
    if name in ("outputs", "public", "work_dir", "speech_cache", "locales", "models_dir", "fonts_dir", "logo"):
        return Path(value)
    if name == "email":
        return email_settings(source, value)
    if name == "engines":
        if not isinstance(value, dict):
            raise InputError(source, "setting 'engines' must be a table of language = engine")
        return {str(k): str(v) for k, v in value.items()}
    if isinstance(default, int) and not isinstance(value, int):
        raise InputError(source, f"setting {key!r} must be a whole number")
    return value


# --- the [email] table ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EmailSettings:
    """The `[email]` table (docs/email.md): the e-mail edition's headers, and the SMTP server that
    `release-pipeline send` hands it to. No password: `smtp-password-env` names the environment
    variable that holds it, read only when a message is sent."""

    sender: str = ""  # `from`: "OSCE Press Office <press@osce.org>"; the email edition needs it
    to: tuple[str, ...] = ()  # the To header, and `send`'s recipients when no --to is given
    reply_to: str = ""
    list_unsubscribe: tuple[str, ...] = ()  # mailto: and https: addresses (List-Unsubscribe, RFC 2369)
    smtp_host: str = "localhost"
    smtp_port: int = 587  # message submission (RFC 6409)
    smtp_starttls: bool = True  # false only for a server on this machine: the password would travel in clear
    smtp_user: str = ""  # none: no login
    smtp_password_env: str = "RELEASE_PIPELINE_SMTP_PASSWORD"


EMAIL_KEYS = {"from": "sender", "to": "to", "reply-to": "reply_to", "list-unsubscribe": "list_unsubscribe",
              "smtp-host": "smtp_host", "smtp-port": "smtp_port", "smtp-starttls": "smtp_starttls",
              "smtp-user": "smtp_user", "smtp-password-env": "smtp_password_env"}
UNSUBSCRIBE_SCHEMES = ("mailto:", "https://", "http://")


def email_settings(source: Path, table: Any) -> EmailSettings:
    """The `[email]` table, every value checked; an InputError names the file and the key."""
    if not isinstance(table, dict):
        raise InputError(source, "setting 'email' must be a table ([email], docs/email.md)")
    values: dict[str, Any] = {}
    for key, value in table.items():

        def refuse(message: str) -> None:
            raise InputError(source, f"[email] {key}: {message}")

        if key == "smtp-password":
            refuse("a password is never kept in the settings: put it in the environment variable that "
                   "smtp-password-env names (default RELEASE_PIPELINE_SMTP_PASSWORD)")
        if key not in EMAIL_KEYS:
            refuse(f"unknown key (known: {', '.join(EMAIL_KEYS)})")
        name = EMAIL_KEYS[key]
        if name in ("to", "list_unsubscribe"):
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
                refuse("must be a string or a list of strings")
            value = tuple(item.strip() for item in items)
        elif name == "smtp_port":
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 65535:
                refuse(f"{value!r} is not a port number (1-65535)")
        elif name == "smtp_starttls":
            if not isinstance(value, bool):
                refuse("must be true or false")
        elif not isinstance(value, str):
            refuse("must be a string")
        else:
            value = value.strip()
        problem = email_problem(name, value)
        if problem:
            refuse(problem)
        values[name] = value
    return EmailSettings(**values)


def email_problem(name: str, value: Any) -> str | None:
    """Why a value of the [email] table cannot be used, or None."""
    if name in ("sender", "reply_to") and value:
        return address_problem(value)
    if name == "to":
        return next(filter(None, map(address_problem, value)), None)
    if name == "list_unsubscribe":
        for address in value:
            if not address.lower().startswith(UNSUBSCRIBE_SCHEMES) or any(
                    char.isspace() or char in "<>," or not char.isascii() for char in address):
                return (f"{address!r} is not a mailto:, https:// or http:// address "
                        "(written out: no spaces, no < > or commas, ASCII)")
            if address.lower().startswith("mailto:"):
                problem = address_problem(address[len("mailto:"):].split("?", 1)[0])
            else:
                problem = url_problem(address)
            if problem:
                return problem
            if len(address) > 900:
                return "an address over 900 characters does not fit on a header line"
    if name == "smtp_host" and (not value or any(char.isspace() for char in value)):
        return f"{value!r} is not a host name"
    if name == "smtp_password_env" and not (value.replace("_", "a").isalnum() and value.isascii()
                                            and not value[:1].isdigit()):
        return f"{value!r} is not the name of an environment variable (letters, digits and _)"
    return None


def address_problem(value: str) -> str | None:
    """Why `value` is not one e-mail address ("Press Office <press@example.org>" or "press@example.org")."""
    from email.policy import default

    header = default.header_factory("To", value)
    if header.defects or len(header.addresses) != 1 or not header.addresses[0].domain \
            or not header.addresses[0].username:
        return f"{value!r} is not one e-mail address (e.g. Press Office <press@example.org>)"
    return None
