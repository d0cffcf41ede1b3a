"""YAML front matter: the release's metadata as the writer states it.

`split_front_matter` takes it off the Markdown; `apply_front_matter`
overrides what the assembler found (title, kind, date, places …) with it.

Lenient in what people write: keys in any case, `kind: Press release` (→
`press-release`), dates as `2024-03-05` or `5 March 2024`, `lang: en-GB`
(→ the language table's `en`), places in any case. A key the pipeline does
not use is a warning and is kept on the Release (`extra`) for the JSON
edition. Every refusal names the file and the line of the key.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

import yaml

from ..errors import InputError
from ..languages import LANGUAGES
from ..localise.places import canonical_zone
from ..publication.moments import instant
from ..release import Dateline, Release
from .datelines import is_date, make_places, parse_date, split_places
from .formats import no_title_message

FRONT_MATTER_KEYS = ("id", "title", "date", "place", "timezone", "kind", "lang", "office", "embargo", "correction")
RELEASE_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$")
ISO_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
SLUG_STOP_WORDS = {"a", "an", "and", "as", "at", "for", "in", "of", "on", "the", "to", "with"}


class _Refused(yaml.MarkedYAMLError):
    """Front matter that is valid YAML but that we refuse (`problem` is the whole message)."""


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text, so an impossible date gets our own message.

    Anchors and aliases (`&a`, `*a`) are refused: nothing in a release's front matter needs
    them, and an alias bomb (a few hundred bytes of nested aliases) expands to billions of
    items in whatever walks the value. A duplicate key is refused (PyYAML keeps the last one
    silently); at the top level keys are compared as the pipeline reads them, in any case."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(problem="front matter may not use YAML anchors or aliases (&name, *name)",
                           problem_mark=event.start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            self.flatten_mapping(node)
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                name = str(key).strip().lower() if node is self.root else key
                try:
                    duplicate = name in seen
                    seen.add(name)
                except TypeError:  # an unhashable key: SafeConstructor says so
                    break
                if duplicate:
                    raise _Refused(problem=f"front matter key {name!r} is given twice",
                                   problem_mark=key_node.start_mark)
        return super().construct_mapping(node, deep)


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class FrontMatter(dict):
    """The front matter's values by lower-case key, with the line each key is on."""

    def __init__(self, values: dict, lines: dict[str, int], path: Path):
        super().__init__(values)
        self.lines = lines
        self.path = path

    def line(self, key: str) -> int | None:
        return self.lines.get(key)

    def error(self, key: str, message: str) -> InputError:
        return InputError(self.path, message, self.line(key))


def split_front_matter(text: str, path: Path) -> tuple[FrontMatter, str, int]:
    """Return (metadata, the Markdown after it, how many lines it took)."""
    stripped = text.lstrip("\n")
    skipped = len(text) - len(stripped)
    if not stripped.startswith("---\n"):
        return FrontMatter({}, {}, path), text, 0
    lines = stripped.split("\n")
    for end, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            break
    else:
        raise InputError(path, "front matter opened with '---' is never closed", skipped + 1)
    source = "\n".join(lines[1:end])
    loader = _FrontMatterLoader(source)
    try:
        node = loader.root = loader.get_single_node()
        meta = (loader.construct_document(node) if node is not None else None) or {}
    except _Refused as error:
        raise InputError(path, error.problem, skipped + 2 + error.problem_mark.line) from None
    except RecursionError:
        raise InputError(path, "malformed front matter: nested too deeply", skipped + 1) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = skipped + 2 + mark.line if mark else skipped + 1
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise InputError(path, f"malformed front matter: {problem}", line) from None
    finally:
        loader.dispose()
    if not isinstance(meta, dict):
        raise InputError(path, "malformed front matter: expected 'key: value' lines", skipped + 2)
    key_lines = {str(key.value).strip().lower(): skipped + 2 + key.start_mark.line
                 for key, _ in (node.value if isinstance(node, yaml.MappingNode) else [])}
    values: dict[str, object] = {}
    for key, value in meta.items():
        name = str(key).strip().lower()
        if name in values:
            raise InputError(path, f"front matter key {name!r} is given twice", key_lines.get(name))
        values[name] = value
    consumed = skipped + end + 1
    return FrontMatter(values, key_lines, path), "\n".join(lines[end + 1 :]), consumed


def document_language(meta: dict, path: Path, default_lang: str) -> str:
    """The language the document is written in: its front matter's `lang`, else `default_lang`."""
    meta = _as_front_matter(meta, path)
    value = meta.get("lang")
    if value is None:
        return default_lang
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise meta.error("lang", "front matter 'lang' must be text")
    return _language_tag(str(value).strip() or None, meta) or default_lang


def _as_front_matter(meta: dict, path: Path) -> FrontMatter:
    if isinstance(meta, FrontMatter):
        return meta
    return FrontMatter({str(k).lower(): v for k, v in meta.items()}, {}, path)


def apply_front_matter(release: Release, meta: dict, path: Path, default_lang: str) -> Release:
    meta = _as_front_matter(meta, path)

    def text_value(key: str) -> str | None:
        value = meta.get(key)
        if value is None:
            return None
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise meta.error(key, f"front matter '{key}' must be text")
        return str(value).strip() or None

    title = text_value("title") or release.title
    if not title:
        raise InputError(path, no_title_message(path))
    lang = document_language(meta, path, default_lang)
    kind = release.kind
    if text_value("kind"):
        kind = normalise_kind(text_value("kind"))
        if not RELEASE_ID.match(kind):
            raise meta.error("kind", f"front matter 'kind' {text_value('kind')!r} is not a kind of release "
                                     "(write words, e.g. 'Press release', 'Statement', 'Media advisory')")

    dateline = release.dateline
    date = _front_matter_date(meta, path, lang)
    place = text_value("place")
    zones = _front_matter_zones(meta)
    if date or place or zones:
        if dateline is None and date is None:
            key = "place" if place else "timezone"
            raise meta.error(key, "front matter gives a place or timezone but the release has no date")
        names = split_places(place) if place else [p.name for p in dateline.places] if dateline else []
        if zones and len(zones) != len(names):
            raise meta.error("timezone", f"front matter 'timezone' has {len(zones)} entries for the dateline's "
                                         f"{len(names)} places ({' / '.join(names) or 'none'}); "
                                         "give one time zone per place")
        dateline = Dateline(make_places(names, zones), date or dateline.date)

    release_id = text_value("id")
    if release_id is None:
        release_id = make_release_id(title, dateline.date if dateline else None)
    elif not RELEASE_ID.match(release_id):
        raise meta.error(
            "id",
            f"front matter 'id' {release_id!r} is not a safe id "
            "(lowercase letters, digits and hyphens, at most 120 characters)",
        )
    office = text_value("office") or release.office
    embargo = _front_matter_embargo(meta, dateline)
    extra = tuple((key, _as_text(value)) for key, value in meta.items() if key not in FRONT_MATTER_KEYS)
    warnings = tuple(
        f"{path}:{meta.line(key) or 1}: note: front matter key {key!r} is not used by the pipeline "
        f"(known: {', '.join(FRONT_MATTER_KEYS)}); it is kept in the JSON edition"
        for key, _ in extra)
    return replace(release, id=release_id, title=title, lang=lang, kind=kind, dateline=dateline, office=office,
                   embargo=embargo, correction=text_value("correction"),
                   extra=release.extra + extra, warnings=release.warnings + warnings)


def _front_matter_embargo(meta: FrontMatter, dateline: Dateline | None) -> str | None:
    """`embargo: 2024-03-05T10:00+01:00` as an ISO instant; without an offset, in the dateline's zone."""
    value = meta.get("embargo")
    if value is None:
        return None
    zone = dateline.timezone if dateline else None
    try:
        return instant(str(value), zone)
    except ValueError as error:
        raise meta.error("embargo", f"front matter 'embargo' {value!r}: {error}") from None


def normalise_kind(text: str) -> str:
    """"Press release", "PRESS RELEASE", "press_release" → "press-release"."""
    return re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKC", text).lower()).strip("-")


def _language_tag(value: str | None, meta: FrontMatter) -> str | None:
    """"en-GB", "EN", "en_GB" → the language table's tag ("en"). A language the table does not
    have is refused here: its kind line, dates and editions could not be read or made (the run
    would fail in its localise job, after writing the catalogs)."""
    if value is None:
        return None
    tag = value.replace("_", "-")
    if not LANG_TAG.match(tag):
        raise meta.error("lang", f"front matter 'lang' {value!r} is not a BCP 47 language tag (e.g. en or en-GB)")
    for candidate in (tag, tag.split("-")[0].lower()):
        if candidate in LANGUAGES:
            return candidate
    raise meta.error("lang", f"front matter 'lang' {value!r} is not in the language table "
                             f"(known: {', '.join(sorted(LANGUAGES))}; see docs/localisation.md to add one)")


def _as_text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(_as_text(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_as_text(item)}" for key, item in value.items())
    return "" if value is None else str(value)


def _front_matter_zones(meta: FrontMatter) -> list[str]:
    """'timezone: Europe/Warsaw', or a list (or comma-separated text) for several places."""
    value = meta.get("timezone")
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).split(",")
    zones = []
    for item in items:
        if not isinstance(item, str):
            raise meta.error("timezone", "front matter 'timezone' must be a time-zone key or a list of them")
        zone = canonical_zone(item.strip())
        if zone is None:
            raise meta.error("timezone", f"front matter 'timezone' {item.strip()!r} is not a time zone known to CLDR "
                                         "(expected a key such as Europe/Warsaw)")
        zones.append(zone)
    return zones


def _front_matter_date(meta: FrontMatter, path: Path, lang: str) -> dt.date | None:
    """`2024-03-05`, `5 March 2024`, `5 Mar. 2024` or `March 5, 2024`, or as written in the
    document's language (`5 mars 2024`)."""
    value = meta.get("date")
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            if ISO_DATE.fullmatch(text):
                raise meta.error("date", f"impossible date {text!r} in front matter 'date'") from None
        if is_date(text, lang):
            try:
                return parse_date(text, lang, path, meta.line("date") or 1)
            except InputError as error:  # its words are a dateline's: say where the date is
                message = error.message.replace("dateline date", "front matter date")
                raise meta.error("date", message.replace("in dateline", "in front matter 'date'")) from None
    raise meta.error("date", f"front matter 'date' {value!r} is not a date (write 2024-03-05 or 5 March 2024)")


def make_release_id(title: str, date: dt.date | None, max_length: int = 48) -> str:
    """`2024-02-21-deteriorating-human-rights-situation-in-belarus`."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    kept: list[str] = []
    for word in words:
        if kept and len("-".join([*kept, word])) > max_length:
            break
        kept.append(word[:max_length])
    while len(kept) > 1 and kept[-1] in SLUG_STOP_WORDS:
        kept.pop()
    slug = "-".join(kept) or "release"
    return f"{date.isoformat()}-{slug}" if date else slug
