"""The download site: a page per release and language, an index, podcast feeds.

Built from the output folder alone, so `release-pipeline publish` can refresh
it at any time; `run` refreshes it after publishing a release. `read_published`
reads each release once into a `PublishedRelease`: its manifest, typed
(publish/manifest.py: sizes, review states, each edition's details such as
the MP3's chapters and their start times), its JSON editions (what the pages
show) and its plain-text editions (the feeds' item text); pages, chapters
files and feeds are built from that alone. Pages are Jinja2 templates
(`templates/`, autoescaped) and need no JavaScript. Every fixed word is a
gettext label, in the page's language. Files are written only when their
content changed, and only by `build_site` (`run`, `publish`): `serve` serves
the folder as it is (a feed written for this machine gets the address served
in memory, `feeds.feed_as_served`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from babel import Locale
from babel.units import format_unit

from ...errors import InputError
from ...languages import language
from ...localise.labels import N_, load_labels
from ...localise.moments import format_day
from ...release import Labels
from ...text.direction import text_direction
from ..manifest import MANIFEST, FileEntry, Manifest, read_manifest
from ..writer import OutputFolder, PublishReport
from .blocks import page_text
from .chapters import SUFFIX as CHAPTERS_SUFFIX
from .chapters import chapters_json, chapters_of, chapters_path
from .cover import COVER_NAME, cover_image, cover_name
from .feeds import built_base_url, feed_as_served, is_local, served_base_url, write_feeds
from .public_site import PublicExtras, PublicSite, write_public_extras

PAGE = "index.html"
STYLESHEET = "site.css"
SAFE_SCHEMES = ("http", "https", "mailto")
EDITION_NAMES = {
    "pdf": N_("PDF"), "text": N_("plain-text"), "audio": N_("audio (MP3)"), "audio-opus": N_("audio (Opus)"),
    "audio-m4b": N_("audio (M4B audiobook)"), "json": N_("data (JSON)"), "captions": N_("captions (WebVTT)"),
    "epub": N_("EPUB (e-book)"), "braille": N_("braille (BRF)"), "pef": N_("braille (PEF)"),
    "email": N_("e-mail (EML)"),
}
REVIEW_STATES = {
    "source": N_("original text"),
    "reviewed": N_("reviewed translation"),
    "machine": N_("machine translation, not yet reviewed"),
    "partial": N_("partly translated; the rest is in English"),
    "untranslated": N_("not translated yet; the text is in English"),
}
DOWNLOAD = N_("Download the %(edition)s edition (%(language)s, %(size)s)")
# A translation that is mostly the source text says so (review state, segment counts).
DOWNLOAD_IN_ENGLISH = N_("Download the %(edition)s edition (%(language)s; mostly in English, %(size)s)")
ENGLISH = "en"  # the language DOWNLOAD_IN_ENGLISH names
DOWNLOAD_UNTRANSLATED = N_("Download the %(edition)s edition (%(language)s; mostly not translated, %(size)s)")
# Downloads in this order (issue 15): listening first, then reading; editions not named here after them.
DOWNLOAD_ORDER = ("audio", "audio-m4b", "audio-opus", "epub", "pdf", "text", "braille", "pef", "email", "captions",
                  "json")
TRANSCRIPT = N_("Transcript: the plain-text edition (%(size)s)")


@dataclass(frozen=True)
class PublishedRelease:
    """One release as the output folder has it: its manifest, its JSON edition per language,
    and the text of its plain-text edition in each language with audio (for the feeds)."""

    directory: Path
    manifest: Manifest
    data: dict[str, dict]  # lang → the JSON edition
    transcripts: dict[str, str]  # lang → the plain-text edition's text (stripped), where there is audio

    @property
    def id(self) -> str:
        return self.manifest.release.id

    @property
    def source_lang(self) -> str:
        return self.manifest.release.lang

    @property
    def date(self) -> str:
        return self.manifest.release.date or ""

    def files(self, lang: str) -> list[FileEntry]:
        return self.manifest.files_in(lang)

    def file(self, lang: str, edition: str) -> FileEntry | None:
        return next((entry for entry in self.files(lang) if entry.edition == edition), None)

    @property
    def languages(self) -> list[str]:
        ordered = [self.source_lang] + sorted(lang for lang in self.data if lang != self.source_lang)
        return [lang for lang in ordered if lang in self.data]


def read_published(outputs: Path) -> list[PublishedRelease]:
    """Every release in the output folder that has JSON editions, newest first."""
    releases = []
    for manifest_path in sorted(outputs.glob(f"*/{MANIFEST}")):
        directory = manifest_path.parent
        manifest = read_manifest(directory)
        if manifest is None:
            raise InputError(manifest_path, "not a readable manifest; run `release-pipeline run` again")
        data, transcripts = {}, {}
        with_audio = {entry.lang for entry in manifest.files if entry.edition == "audio"}
        for entry in manifest.files:
            path = directory / entry.path
            if entry.edition == "json":
                try:
                    data[entry.lang] = json.loads(path.read_text(encoding="utf-8"))
                except (OSError, json.JSONDecodeError) as error:
                    raise InputError(path, f"cannot read the JSON edition: {error}") from None
            elif entry.edition == "text" and entry.lang in with_audio and path.is_file():
                transcripts[entry.lang] = path.read_text(encoding="utf-8").strip()
        if data:
            releases.append(PublishedRelease(directory, manifest, data, transcripts))
    return sorted(releases, key=lambda r: (r.date, r.id), reverse=True)


@dataclass
class SiteReport(PublishReport):
    releases: int = 0


def build_site(outputs: Path, base_url: str, organisation: str, locales: list[Path],
               cover: Path | None = None, public: PublicSite | None = None) -> SiteReport:
    """Write every page, the stylesheet, the chapters files and the feeds; return what changed.

    `base_url`: where the output folder is (or is served); the feeds' addresses start with it.
    `cover`: the feeds' artwork (PNG or JPEG); without one the site draws its own (cover.py).
    `public`: for the public tree (publication/public.py): also the pages' metadata, text feeds,
    sitemap, cards and accessibility statements (public_site.py); without it (the preview) the
    pages ask search engines not to index them."""
    releases = read_published(outputs)
    base_url = base_url.rstrip("/") + "/"
    folder = OutputFolder(outputs)
    write = folder.write
    write(STYLESHEET, (resources.files(__package__) / STYLESHEET).read_bytes())
    chapters = write_chapters(releases, write)
    cover_path = _write_cover(releases, cover, folder)
    feeds = write_feeds(releases, base_url, organisation, locales, write, cover=cover_path, chapters=chapters)
    extras = write_public_extras(releases, base_url, organisation, locales, write, public, statement_page) \
        if public else None
    for release in releases:
        for lang in release.languages:
            html = release_page(release, lang, organisation, locales, feeds, extras)
            write(f"{release.id}/{lang}/{PAGE}", html.encode("utf-8"))
        _remove_stale_files(release, folder, chapters)
    write(PAGE, index_page(releases, organisation, locales, feeds, extras).encode("utf-8"))
    done = folder.report
    return SiteReport(done.written, done.unchanged, done.removed, releases=len(releases))


def write_chapters(releases: list[PublishedRelease], write) -> set[tuple[str, str]]:
    """The Podcasting 2.0 chapters JSON of every MP3, beside it; returns the (release id, lang) pairs."""
    written = set()
    for release in releases:
        for lang in release.languages:
            chapters = chapters_of(release, lang)
            if chapters:
                write(f"{release.id}/{chapters_path(release.id, lang)}", chapters_json(chapters))
                written.add((release.id, lang))
    return written


def _write_cover(releases: list[PublishedRelease], cover: Path | None, folder: OutputFolder) -> str | None:
    """The feeds' artwork at the site's root (only when there is a feed); its path, or None."""
    wanted = None
    if any(entry.edition == "audio" for release in releases for entry in release.manifest.files):
        data, extension = cover_image(cover)
        wanted = cover_name(data, extension)
        folder.write(wanted, data)
    for old in folder.root.glob("cover.*.*"):  # an earlier artwork (only the site's own names: cover.<hash>.png)
        if old.name != wanted and COVER_NAME.fullmatch(old.name):
            folder.remove(old.name)
    return wanted


def _remove_stale_files(release: PublishedRelease, folder: OutputFolder, chapters: set[tuple[str, str]]) -> None:
    """A language dropped from a release loses its page; an audio edition dropped loses its chapters."""
    for page in release.directory.glob(f"*/{PAGE}"):
        if page.parent.name not in release.data:
            folder.remove(f"{release.id}/{page.parent.name}/{PAGE}")
    for path in release.directory.glob(f"*/*{CHAPTERS_SUFFIX}"):
        lang = path.parent.name
        relative = chapters_path(release.id, lang)
        if path.relative_to(release.directory).as_posix() == relative and (release.id, lang) not in chapters:
            folder.remove(f"{release.id}/{relative}")


# --- pages ----------------------------------------------------------------------------


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        autoescape=True,  # everything from a release is text, never markup
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["safe_href"] = safe_href
    env.filters["text_direction"] = text_direction
    return env


def render(template: str, labels: Labels, **context) -> str:
    env = environment()
    env.install_gettext_callables(labels.gettext, labels.ngettext, newstyle=True)
    return env.get_template(template).render(**context)


def safe_href(href: str | None) -> str | None:
    """The link if it can do no harm (http, https, mailto), else None: a `javascript:` link stays text."""
    if not href:
        return None
    scheme = urlsplit(href.strip()).scheme.lower()
    return href.strip() if scheme in SAFE_SCHEMES else None


def language_name(tag: str, in_lang: str) -> str:
    """"French" in English, "français" in French: CLDR's name of `tag` in `in_lang`."""
    locale = Locale.parse(language(in_lang).locale)
    return locale.languages.get(tag) or language(tag).name


def file_size(size: int, lang: str) -> str:
    locale = language(lang).locale
    if size >= 1_000_000:
        return format_unit(round(size / 1_000_000, 1), "digital-megabyte", length="short", locale=locale)
    return format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=locale)


def duration_text(seconds: float, lang: str) -> str:
    locale = language(lang).locale
    minutes, rest = divmod(round(seconds), 60)
    parts = [format_unit(minutes, "duration-minute", length="short", locale=locale)] if minutes else []
    return " ".join(parts + [format_unit(rest, "duration-second", length="short", locale=locale)])


def download_order(entry: FileEntry) -> int:
    kind = entry.edition
    return DOWNLOAD_ORDER.index(kind) if kind in DOWNLOAD_ORDER else len(DOWNLOAD_ORDER)


def mostly_untranslated(entry: FileEntry) -> bool:
    """Whether the file's text is mostly still the source's: not translated yet, or partly
    translated with more than half of its sentences untranslated."""
    if entry.review_state == "untranslated":
        return True
    counts = entry.translation
    return entry.review_state == "partial" and counts is not None and counts.untranslated * 2 > counts.segments


def release_page(release: PublishedRelease, lang: str, organisation: str, locales: list[Path],
                 feeds: dict[str, dict], extras: PublicExtras | None = None) -> str:
    labels = load_labels(lang, locales)
    _ = labels.gettext
    data = release.data[lang]
    here = language_name(lang, lang)
    downloads, audio, transcript, captions = [], None, None, None
    for entry in sorted(release.files(lang), key=download_order):
        href = Path(entry.path).name
        size = file_size(entry.size, lang)
        edition = _(EDITION_NAMES.get(entry.edition, entry.edition))
        label = DOWNLOAD
        if mostly_untranslated(entry):
            label = DOWNLOAD_IN_ENGLISH if release.source_lang == ENGLISH else DOWNLOAD_UNTRANSLATED
        link_text = _(label) % {"edition": edition, "language": here, "size": size}
        note = duration_text(entry.duration, lang) if entry.duration is not None else ""
        downloads.append({"href": href, "media_type": entry.media_type, "link_text": link_text, "note": note})
        if entry.edition == "audio":
            audio = {"href": href, "link_text": link_text, "duration": note, "captions": None}
        if entry.edition == "captions":
            captions = href
        if entry.edition == "text":
            transcript = {"href": href, "link_text": _(TRANSCRIPT) % {"size": size}}
    if audio:
        audio["captions"] = captions  # WebVTT, shown with the player
    if audio and transcript is None:
        transcript = {"href": "#content", "link_text": _("Transcript: the text of this page")}
    others = [{"lang": other, "name": language(other).name, "href": f"../{other}/{PAGE}"}
              for other in release.languages]
    feed = feeds.get(lang)
    blocks, notes = page_text(data, release.directory, labels)  # footnotes linked, pictures found (blocks.py)
    return render(
        "release.html", labels,
        lang=lang, direction=language(lang).direction, root="../../",
        page_title=f"{data['title']} – {organisation}", site_name=organisation,
        release=data, languages=others,  # a public page's alternates are absolute, in its head (meta.py)
        alternates=[] if extras else [{"lang": o["lang"], "href": o["href"]} for o in others],
        feeds=[{"title": feed["title"], "href": f"../../{feed['path']}"}] if feed else [],
        downloads=downloads, audio=audio, transcript=transcript, language_name=here,
        blocks=blocks, notes=notes, versions=earlier_versions(release, lang, labels),
        head=extras.heads.get((release.id, lang)) if extras else None, indexed=extras is not None,
        statement=extras.statements.get((release.id, lang)) if extras else None,
        review_state=_(REVIEW_STATES.get(data["review_state"], data["review_state"])),
    )


VERSION_LABEL = N_("Version %(number)d, published %(date)s")
WITHDRAWN_NOTICE = N_("This release was withdrawn on %(date)s.")


def earlier_versions(release: PublishedRelease, lang: str, labels: Labels) -> list[dict]:
    """The language's earlier public versions (publication/record.py), each at its stable address v<N>/."""
    versions = ((release.manifest.publication or {}).get("versions") or {}).get(lang) or []
    out = []
    for version in versions[:-1]:
        label = labels.gettext(VERSION_LABEL) % {"number": version["number"],
                                                 "date": format_day(version["published"][:10], lang)}
        files = [{"href": f"v{version['number']}/{Path(item['path']).name}", "name": Path(item["path"]).name,
                  "media_type": item["media_type"]} for item in version["files"]]
        out.append({"label": label, "files": files})
    return list(reversed(out))


def withdrawal_page(manifest: Manifest, lang: str, withdrawal, organisation: str, locales: list[Path]) -> str:
    """What stays at a withdrawn release's address: the date and the reason, in the page's language."""
    labels = load_labels(lang, locales)
    notice = labels.gettext(WITHDRAWN_NOTICE) % {"date": format_day(withdrawal.at[:10], lang)}
    return render("withdrawn.html", labels, lang=lang, direction=language(lang).direction, root="../../",
                  page_title=f"{manifest.release.title} – {organisation}", site_name=organisation,
                  title=manifest.release.title, notice=notice, reason=withdrawal.reason, alternates=[], feeds=[])


def index_page(releases: list[PublishedRelease], organisation: str, locales: list[Path], feeds: dict[str, dict],
               extras: PublicExtras | None = None) -> str:
    site_lang = releases[0].source_lang if releases else "en"
    labels = load_labels(site_lang, locales)
    items = []
    for release in releases:
        source = release.data.get(release.source_lang) or next(iter(release.data.values()))
        items.append({
            "title": source["title"], "dateline": source.get("dateline") or "", "lang": None,
            "href": f"{release.id}/{source['lang']}/{PAGE}",
            "languages": [{"lang": lang, "name": language(lang).name, "href": f"{release.id}/{lang}/{PAGE}"}
                          for lang in release.languages if lang != source["lang"]],
        })
    count = labels.ngettext("%(count)d release", "%(count)d releases", len(items)) % {"count": len(items)}
    feed_links = [{"title": feed["title"], "href": feed["path"], "lang": lang} for lang, feed in feeds.items()]
    return render(
        "index.html", labels, lang=site_lang, direction=language(site_lang).direction, root="",
        page_title=f"{labels.gettext('Press releases')} – {organisation}", site_name=organisation,
        releases=items, count_text=count, alternates=[], feeds=feed_links, indexed=extras is not None,
        links=extras.index_links if extras else (),
    )


def statement_page(statement, page) -> str:
    """An accessibility statement (statement.py) as a page of the site, beside its release's page."""
    labels = load_labels(statement.lang, [])
    return render("statement.html", labels, lang=statement.lang, direction=statement.direction, root="../../",
                  page_title=f"{statement.title} – {page.title}", site_name=page.organisation,
                  statement=statement.html(level=1), alternates=[], feeds=[], indexed=True,
                  back={"href": PAGE, "title": page.title})
