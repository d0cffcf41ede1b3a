"""`review`: each language's worklist for reviewers; `review export` / `review import`: a catalog as XLIFF.

The worklist's formats (`format_text`, `to_json`) and exit status (`has_blocking`) are
catalogs/review.py's; cli.py takes them from here, the command they belong to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..display import display
from ..errors import InputError, PipelineError, read_input
from ..fsutil import read_regular_file
from ..lock import ProjectLock
from ..catalogs.catalog import catalog_path
from ..catalogs.po import read_catalog
from ..catalogs.review import LanguageReview, format_text, has_blocking, review_language, to_json
from ..translate.reviewed import catalog_check
from . import find_release

__all__ = ["ExportReport", "exchange_review", "export_review", "format_text", "has_blocking", "import_review",
           "review", "to_json"]


def review(release: str, config: Config, lang: str | None = None) -> list[LanguageReview]:
    """Each language's worklist for reviewers (catalogs/review.py), from the release's catalogs."""
    release_id = find_release(release, config).id
    reviews = []
    for tag in [lang] if lang else config.all_languages[1:]:
        path = catalog_path(config.locales_dir, tag, release_id)
        if not path.exists():
            raise PipelineError(f"no {tag} catalog for {release_id} ({path}): run the release first")
        reviews.append(review_language(path, tag, catalog_check(path, tag)))
    return reviews


# --- XLIFF round trip (imports inside the functions: translate-toolkit's XLIFF classes load only when used)


@dataclass(frozen=True)
class ExportReport:
    path: Path
    units: int
    lang: str
    version: str  # XLIFF version


def exchange_review(action: str, value: str | None, config: Config, lang: str | None, fmt: str,
                    output: Path | None):
    """`review export RELEASE` (an ExportReport) or `review import FILE` (an ImportReport)."""
    if not value:
        raise PipelineError(f"review {action} needs " + ("a release" if action == "export" else "an XLIFF file"))
    return export_review(value, config, lang, fmt, output) if action == "export" else import_review(Path(value), config)


def export_review(release: str, config: Config, lang: str | None, fmt: str, output: Path | None) -> ExportReport:
    """One language's review catalog of a release as XLIFF 2.1 or 1.2 (catalogs/xliff.py)."""
    from ..catalogs.xliff import FORMATS, export_catalog
    from ..fsutil import atomic_write_bytes

    if fmt not in FORMATS or not lang or output is None:
        raise PipelineError("review export needs --lang LANG, --format xliff (2.1) or xliff12 (1.2) and -o FILE")
    release_id = find_release(release, config).id
    path = catalog_path(config.locales_dir, lang, release_id)
    if not path.exists():
        raise PipelineError(f"no {lang} catalog for {release_id} ({path}): run the release first")
    data, units = export_catalog(read_catalog(path), release_id, lang, config.source_language, fmt)
    atomic_write_bytes(output, data)
    return ExportReport(output, units, lang, FORMATS[fmt])


def exchange_catalog(lang: str, release_id: str, config: Config, path: Path) -> Path:
    """The catalog an XLIFF file names (`file/@original`, the target language), confined to the project.

    It must be exactly `locales/<lang>/releases/<release-id>.po`, resolved (symbolic links followed),
    for a known target language and a release id of the id characters. Anything else (`..`, an
    absolute path, a link leading out, another folder) gets the same one line, whether or not the
    path it names exists, so that an import never reveals what lies outside the project."""
    from ..config import language_problem
    from ..ingest.frontmatter import RELEASE_ID

    refused = InputError(path, f"file/@original {release_id[:80]!r} (language {lang[:20]!r}) "
                               "is not a catalog of this project: nothing was imported")
    if (language_problem(lang) is not None or lang == config.source_language
            or not RELEASE_ID.fullmatch(release_id)):
        raise refused
    locales = config.locales_dir.resolve()
    expected = locales / lang / "releases" / f"{release_id}.po"
    try:
        resolved = catalog_path(config.locales_dir, lang, release_id).resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a loop of links
        resolved = None
    if resolved is None or resolved != expected or not resolved.is_relative_to(locales) or not resolved.is_file():
        if resolved is None and expected.parent.resolve() == expected.parent and not expected.is_symlink():
            # inside the project, no link on the way: saying it is missing reveals nothing outside
            raise InputError(path, f"its catalog {display(expected)} does not exist in this project: "
                                   "export from this project's run")
        raise refused
    return resolved


def import_review(path: Path, config: Config):
    """A CAT tool's XLIFF back into the PO catalog, checked by QA, never over a newer PO edit."""
    from ..catalogs.xliff import apply_exchange, read_exchange
    from ..translate.glossary import load_glossary
    from ..translate.reviewed import reviewed_check

    data = read_regular_file(path)  # a FIFO or a device is refused at once
    exchange = read_exchange(data, path)
    catalog = exchange_catalog(exchange.lang, exchange.release_id, config, path)
    check = reviewed_check(exchange.lang, load_glossary(config.locales_dir, exchange.lang), config.source_language)
    with ProjectLock(config):  # never while a run works on the same catalogs
        return apply_exchange(exchange, catalog, check)
