"""YAML front matter: the release's metadata as the writer states it.

`split_front_matter` takes it off the Markdown; `apply_front_matter`
overrides what the assembler found (title, kind, date, places …) with it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

import yaml

from ..errors import InputError
from ..localise.places import canonical_zone
from ..release import Dateline, Release
from .datelines import make_places, split_places

FRONT_MATTER_KEYS = ("id", "title", "date", "place", "timezone", "kind", "lang", "office")
RELEASE_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$")
LANG_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
SLUG_STOP_WORDS = {"a", "an", "and", "as", "at", "for", "in", "of", "on", "the", "to", "with"}


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text, so an impossible date gets our own message."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def split_front_matter(text: str, path: Path) -> tuple[dict, str, int]:
    """Return (metadata, the Markdown after it, how many lines it took)."""
    stripped = text.lstrip("\n")
    skipped = len(text) - len(stripped)
    if not stripped.startswith("---\n"):
        return {}, text, 0
    lines = stripped.split("\n")
    for end, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            break
    else:
        raise InputError(path, "front matter opened with '---' is never closed", skipped + 1)
    source = "\n".join(lines[1:end])
    try:
        meta = yaml.load(source, Loader=_FrontMatterLoader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = skipped + 2 + mark.line if mark else skipped + 1
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise InputError(path, f"malformed front matter: {problem}", line) from None
    if not isinstance(meta, dict):
        raise InputError(path, "malformed front matter: expected 'key: value' lines", skipped + 2)
    unknown = sorted(str(key) for key in meta if key not in FRONT_MATTER_KEYS)
    if unknown:
        raise InputError(
            path,
            f"unknown front matter key {unknown[0]!r} (allowed: {', '.join(FRONT_MATTER_KEYS)})",
            skipped + 1,
        )
    consumed = skipped + end + 1
    return meta, "\n".join(lines[end + 1 :]), consumed


def apply_front_matter(release: Release, meta: dict, path: Path, default_lang: str) -> Release:
    def text_value(key: str) -> str | None:
        value = meta.get(key)
        if value is None:
            return None
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise InputError(path, f"front matter '{key}' must be text")
        return str(value).strip() or None

    title = text_value("title") or release.title
    if not title:
        raise InputError(path, "no title: expected a '# Title' line or 'title:' in front matter")
    lang = text_value("lang") or default_lang
    if not LANG_TAG.match(lang):
        raise InputError(path, f"front matter 'lang' {lang!r} is not a BCP 47 language tag")
    kind = text_value("kind") or release.kind
    if not RELEASE_ID.match(kind):
        raise InputError(path, f"front matter 'kind' {kind!r} must be lowercase words joined by hyphens")

    dateline = release.dateline
    date = _front_matter_date(meta.get("date"), path)
    place = text_value("place")
    zones = _front_matter_zones(meta.get("timezone"), path)
    if date or place or zones:
        if dateline is None and date is None:
            raise InputError(path, "front matter gives a place or timezone but the release has no date")
        names = split_places(place) if place else [p.name for p in dateline.places] if dateline else []
        if zones and len(zones) != len(names):
            raise InputError(path, f"front matter 'timezone' has {len(zones)} entries for the dateline's "
                                   f"{len(names)} places ({' / '.join(names) or 'none'}); give one time zone per place")
        dateline = Dateline(make_places(names, zones), date or dateline.date)

    release_id = text_value("id")
    if release_id is None:
        release_id = make_release_id(title, dateline.date if dateline else None)
    elif not RELEASE_ID.match(release_id):
        raise InputError(
            path,
            f"front matter 'id' {release_id!r} is not a safe id "
            "(lowercase letters, digits and hyphens, at most 120 characters)",
        )
    office = text_value("office") or release.office
    return replace(release, id=release_id, title=title, lang=lang, kind=kind, dateline=dateline, office=office)


def _front_matter_zones(value: object, path: Path) -> list[str]:
    """'timezone: Europe/Warsaw', or a list (or comma-separated text) for several places."""
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).split(",")
    zones = []
    for item in items:
        if not isinstance(item, str):
            raise InputError(path, "front matter 'timezone' must be a time-zone key or a list of them")
        zone = canonical_zone(item.strip())
        if zone is None:
            raise InputError(path, f"front matter 'timezone' {item.strip()!r} is not a time zone known to CLDR "
                                   "(expected a key such as Europe/Warsaw)")
        zones.append(zone)
    return zones


def _front_matter_date(value: object, path: Path) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InputError(path, f"front matter 'date' {value!r} is not a date (write YYYY-MM-DD)")


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
