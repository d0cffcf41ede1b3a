"""Editions: one module per output format, each an `Edition`.

An edition turns a LocalisedRelease into the bytes of one file, with the
project's `EditionSettings` (paper, fonts, logo …). Register a new one in
EDITIONS; the job graph and the manifest pick it up from there.

A *recorded* edition (the MP3, its captions, the EPUB talking book) is made
from its language's narration as well: the `record <lang>` job
(editions/audio.py `record_speech`) synthesises and encodes once per
language, and the planner passes its result to each of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ..audio.lexicon import Lexicon
from ..errors import PipelineError
from ..translate.glossary import Glossary
from ..release import LocalisedRelease


@dataclass(frozen=True)
class EditionSettings:
    """What editions need of the configuration; part of every render job's key."""

    organisation: str = "OSCE"
    paper: str = "a4"
    fonts_dir: str = "/usr/share/fonts/truetype/dejavu"
    logo: str | None = None  # absolute path
    logo_sha256: str | None = None  # so that a changed logo file re-renders
    logo_alt: str = ""
    base_url: str | None = None  # where the site is published (audio comment, feeds)
    lexicons: tuple[Lexicon, ...] = ()  # pronunciation: the edition's language's and the source's
    glossary: Glossary | None = None  # the edition language's: official names (office in PDF header, audio)


@dataclass(frozen=True)
class Rendered:
    """One edition file: its bytes, and facts for the manifest (duration, voice …)."""

    data: bytes
    details: dict = field(default_factory=dict)


class Edition(Protocol):
    kind: str  # "text", "pdf", "audio"
    extension: str
    media_type: str
    # True: `render(release, settings, narration)` also takes the language's editions.audio.Narration.
    recorded: bool

    def render(self, release: LocalisedRelease, settings: EditionSettings, *narration) -> Rendered: ...


def _registry() -> dict[str, Edition]:
    from .audio import AudioEdition, M4bEdition, OpusEdition
    from .captions import CaptionsEdition
    from .data import DataEdition
    from .epub import EpubEdition
    from .pdf import PdfEdition
    from .text import TextEdition

    return {edition.kind: edition for edition in (TextEdition(), PdfEdition(), AudioEdition(), OpusEdition(),
                                                  M4bEdition(), CaptionsEdition(), DataEdition(),
                                                  EpubEdition())}


EDITIONS: dict[str, Edition] = _registry()


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
        from .audio import record_speech

        narration = record_speech(release, settings)
    return chosen.render(release, settings, narration)
