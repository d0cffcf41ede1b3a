"""A release's pictures, published with it: `outputs/<id>/images/<name>`, for the site's pages.

The JSON edition names a figure's picture by its checksum and media type, never
its bytes; `publish_release` writes each picture the source holds (a file beside
the release, a picture inside a DOCX/ODT) once per release, under a name made of
the two (`image_path`), so the site, built from the output folder alone, finds
it from the JSON edition. A picture on the web is not fetched (no network at run
time). SVG is not published: served from the site's own address, a script in it
would run there (pages carry no script at all), so an SVG figure is shown as its
description, as a picture on the web is in the EPUB.
"""

from __future__ import annotations

import hashlib

from ..release import Block, Release, block_kind

FOLDER = "images"
# Pictures the site shows, by media type, with their extension (the media type `serve` sends).
IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp"}


def image_path(sha256: str | None, media_type: str | None) -> str | None:
    """Where a picture is published, relative to its release's folder: `images/<16 hex digits>.<ext>`;
    None for a picture that is not (no bytes known, or a type the site does not show)."""
    if not sha256 or media_type not in IMAGE_TYPES:
        return None
    return f"{FOLDER}/{sha256[:16]}{IMAGE_TYPES[media_type]}"


def release_images(release: Release) -> dict[str, bytes]:
    """The release's pictures to publish: path (`image_path`) → bytes."""
    images: dict[str, bytes] = {}
    for figure in _figures(release.blocks):
        if figure.data is None:
            continue
        path = image_path(figure.sha256 or hashlib.sha256(figure.data).hexdigest(), figure.media_type)
        if path is not None:
            images.setdefault(path, figure.data)
    return images


def _figures(blocks: tuple[Block, ...]):
    return (block for block in blocks if block_kind(block) == "figure")
