"""Editions: one module per output format, each an `Edition`.

An edition turns a LocalisedRelease into the bytes of one file, with the
project's `EditionSettings` (paper, fonts, logo …). Register a new one in
pipeline/edition_kinds.py; `EDITIONS` imports its module the first time it is
used, and the job graph and the manifest pick it up from there.

A *recorded* edition (the MP3, its captions, the EPUB talking book) is made
from its language's narration as well: the `record <lang>` job
(audio/record.py `record_speech`) synthesises and encodes once per
language, and the planner passes its result to each of them.

Each edition tells the manifest what it knows of its file (pages, duration,
chapters …) in `Rendered.details`, typed (pipeline/details.py).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from ..audio.lexicon import Lexicon
from ..details import Details
from ..edition_kinds import EDITION_CLASSES
from ..errors import PipelineError
from ..translate.glossary import Glossary
from ..release import LocalisedRelease

if TYPE_CHECKING:
    from .fonts import FallbackFont


@dataclass(frozen=True)
class EditionSettings:
    """What editions need of the configuration; part of every render job's key."""

    organisation: str = "OSCE"
    paper: str = "a4"
    fonts_dir: str = "/usr/share/fonts/truetype/dejavu"
    # The PDF's fonts after DejaVu Sans, for the scripts it lacks (Hebrew, Arabic, CJK, emoji): None is
    # editions/fonts.py's FALLBACK_FONTS (Debian's Noto, WenQuanYi and Symbola fonts).
    fallback_fonts: tuple[FallbackFont, ...] | None = None
    logo: str | None = None  # absolute path
    logo_sha256: str | None = None  # so that a changed logo file re-renders
    logo_alt: str = ""
    base_url: str | None = None  # where the site is published (audio comment, feeds)
    lexicons: tuple[Lexicon, ...] = ()  # pronunciation: the edition's language's and the source's
    glossary: Glossary | None = None  # the edition language's: official names (office in PDF header, audio)
    # Recordings of sentences and encoded MP3 pieces (config.Config.speech_cache_dir); None: none kept.
    speech_cache: str | None = None
    notes_in_audio: str = "after-paragraph"  # where the spoken script reads footnotes: or "end" (config.py)
    # The braille editions (BRF, PEF): contracted braille where the language's readers read it, and the page.
    braille_grade: str = "contracted"  # or "uncontracted"
    braille_cells: int = 40  # cells a line
    braille_lines: int = 25  # lines a page, the page number's included
    # The e-mail edition's headers (config.EmailSettings, the [email] table): From, To, Reply-To, List-Unsubscribe.
    email_from: str = ""
    email_to: tuple[str, ...] = ()
    email_reply_to: str = ""
    list_unsubscribe: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rendered:
    """One edition file: its bytes, and facts for the manifest (pages, duration, chapters …)."""

    data: bytes
    details: Details | None = None  # its edition's type, details.DETAILS
    # What the run should tell the user about this file, one line each: e.g. a character the PDF's
    # fonts cannot show ("PDF edition of ID (en): no font has 🥲 (U+1F972 …): shown as […]").
    warnings: tuple[str, ...] = ()


class Edition(Protocol):
    kind: str  # "text", "pdf", "audio"
    extension: str
    media_type: str
    # True: `render(release, settings, narration)` also takes the language's audio.record.Narration.
    recorded: bool

    def render(self, release: LocalisedRelease, settings: EditionSettings, *narration) -> Rendered: ...


class _Registry(MutableMapping[str, Edition]):
    """Edition by kind, each made the first time it is looked up (its module imported then):
    listing the kinds, or testing one, imports no edition."""

    def __init__(self, classes: Mapping[str, str]) -> None:
        self._entries: dict[str, str | Edition] = dict(classes)  # "module:Class" until made

    def __getitem__(self, kind: str) -> Edition:
        entry = self._entries[kind]
        if isinstance(entry, str):
            module, _, name = entry.partition(":")
            entry = self._entries[kind] = getattr(importlib.import_module(f".{module}", __name__), name)()
        return entry

    def __setitem__(self, kind: str, value: Edition) -> None:
        self._entries[kind] = value

    def __delitem__(self, kind: str) -> None:
        del self._entries[kind]

    def __contains__(self, kind: object) -> bool:
        return kind in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


EDITIONS: MutableMapping[str, Edition] = _Registry(EDITION_CLASSES)


def edition(kind: str) -> Edition:
    try:
        return EDITIONS[kind]
    except KeyError:
        raise PipelineError(f"unknown edition {kind!r} (known: {', '.join(EDITIONS)})") from None


def render(kind: str, release: LocalisedRelease, settings: EditionSettings = EditionSettings(),
           narration=None) -> Rendered:
    """The render stage: a module-level function so it runs in worker processes.

    A recorded edition takes the `record` job's narration; without one (a single
    edition rendered on its own) it records the speech itself."""
    chosen = edition(kind)
    if not chosen.recorded:
        return chosen.render(release, settings)
    if narration is None:
        from ..audio.record import record_speech

        narration = record_speech(release, settings)
    return chosen.render(release, settings, narration)
