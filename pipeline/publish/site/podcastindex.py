"""A small feedgen extension for the Podcasting 2.0 namespace (podcastindex.org).

feedgen 1.0 knows the iTunes tags but not `podcast:`; this adds the two item
tags the feeds need:

- `<podcast:transcript url=… type=… language=… rel=…/>` (one or more per item:
  the WebVTT captions, the plain-text edition);
- `<podcast:chapters url=… type="application/json+chapters"/>` (the chapters
  JSON file).

Registered on a `FeedGenerator` with `register(generator)`; every entry added
afterwards has `entry.podcastindex`.
"""

from __future__ import annotations

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.util import xml_elem

NAMESPACE = "https://podcastindex.org/namespace/1.0"
PREFIX = "podcast"
EXTENSION = "podcastindex"  # the attribute feedgen gives feeds and entries
CHAPTERS_TYPE = "application/json+chapters"


class PodcastIndexExtension(BaseExtension):
    """The feed's part: declares the namespace (feedgen collects it from the feed extension)."""

    def extend_ns(self) -> dict[str, str]:
        return {PREFIX: NAMESPACE}


class PodcastIndexEntryExtension(BaseEntryExtension):
    """The item's part: transcripts and chapters, written in the order given."""

    def __init__(self) -> None:
        self._transcripts: list[dict[str, str]] = []
        self._chapters: str | None = None

    def transcript(self, url: str, media_type: str, language: str | None = None, rel: str | None = None) -> None:
        attributes = {"url": url, "type": media_type}
        if language:
            attributes["language"] = language
        if rel:
            attributes["rel"] = rel
        self._transcripts.append(attributes)

    def chapters(self, url: str) -> None:
        self._chapters = url

    def extend_rss(self, entry):
        for attributes in self._transcripts:
            xml_elem(f"{{{NAMESPACE}}}transcript", entry).attrib.update(attributes)
        if self._chapters:
            xml_elem(f"{{{NAMESPACE}}}chapters", entry).attrib.update({"url": self._chapters, "type": CHAPTERS_TYPE})
        return entry

    def extend_atom(self, entry):
        return entry


def register(generator) -> None:
    generator.register_extension(EXTENSION, PodcastIndexExtension, PodcastIndexEntryExtension, atom=False)
