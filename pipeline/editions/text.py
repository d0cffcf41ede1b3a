"""The plain-text edition: UTF-8, no markup, one line per paragraph.

Paragraphs are not hard-wrapped (readers' devices reflow them) and blocks are
separated by a blank line. Links become numbered references, listed under
"Links" at the end, so nothing of a URL interrupts the reading.
"""

from __future__ import annotations

from ..release import (
    Block,
    Contact,
    Heading,
    ListBlock,
    LocalisedRelease,
    Paragraph,
    Quote,
    Runs,
)
from ..localise.labels import kind_label, notices, phone_label
from . import EditionSettings, Rendered


class LinkNumbers:
    """Numbers each distinct link target in order of first appearance."""

    def __init__(self) -> None:
        self.targets: dict[str, int] = {}

    def number(self, href: str) -> int:
        return self.targets.setdefault(href, len(self.targets) + 1)

    def text(self, runs: Runs) -> str:
        parts = []
        for run in runs:
            parts.append(run.text)
            if run.href:
                parts.append(f" [{self.number(run.href)}]")
        return "".join(parts)


def contact_lines(contact: Contact, release: LocalisedRelease) -> list[str]:
    lines = [contact.name] if contact.name else []
    lines += contact.address
    lines += [f"{phone_label(release.labels, phone.kind)}: {phone.number}" for phone in contact.phones]
    email = release.labels.gettext("E-mail")
    lines += [f"{email}: {address}" for address in contact.emails]
    return lines


def block_text(block: Block, links: LinkNumbers) -> str:
    if isinstance(block, (Heading, Paragraph)):
        return links.text(block.runs)
    if isinstance(block, Quote):
        return "\n\n".join("    " + links.text(runs) for runs in block.paragraphs)
    if isinstance(block, ListBlock):
        markers = [f"{block.start + i}." if block.ordered else "•" for i in range(len(block.items))]
        return "\n".join(f"{marker} {links.text(item)}" for marker, item in zip(markers, block.items))
    raise TypeError(f"unknown block {block!r}")


def text_blocks(release: LocalisedRelease) -> list[str]:
    """The edition as a list of blocks, each a paragraph of the output."""
    _ = release.labels.gettext
    links = LinkNumbers()
    out = [kind_label(release.labels, release.kind).upper(), release.title]
    out += notices(release.labels, release.status)
    body = [block_text(block, links) for block in release.blocks]
    if release.dateline:
        if body and isinstance(release.blocks[0], Paragraph):
            body[0] = f"{release.dateline} – {body[0]}"
        else:
            body.insert(0, release.dateline)
    out += body
    if release.further_information:
        further = release.further_information
        out.append("\n".join([links.text(further.intro), *further.urls]).strip())
    if release.contacts:
        out.append(_("Contacts"))
        out += ["\n".join(contact_lines(contact, release)) for contact in release.contacts]
    if links.targets:
        references = [f"[{n}] {href.removeprefix('mailto:')}" for href, n in links.targets.items()]
        out.append(_("Links") + "\n" + "\n".join(references))
    if release.copyright:
        out.append(release.copyright)
    return [block for block in out if block]


class TextEdition:
    kind = "text"
    extension = "txt"
    media_type = "text/plain; charset=utf-8"

    def render(self, release: LocalisedRelease, settings: EditionSettings | None = None) -> Rendered:
        text = "\n\n".join(text_blocks(release)) + "\n"
        return Rendered(text.encode("utf-8"), {"characters": len(text)})
