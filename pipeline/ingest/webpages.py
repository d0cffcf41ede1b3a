"""Web pages as content management systems export them, mended in pandoc's document tree.

pandoc (2.17) reads a page's HTML well, but two things a press office's CMS
writes come out wrong, and would be lost or printed raw:

- a `<figure>`'s picture gets its `<figcaption>` as its alt text: the real
  `<img alt>` is put back (matched by `src`), and the figcaption becomes an
  italic paragraph under the picture, which ingest reads as caption and
  credit (figures.py); `check_alt_texts` refuses a page whose alt text still
  did not reach a figure;
- footnotes written as `<sup>` links to the items of the page's last ordered
  list (or a `footnotes` section), with back-links: they become real notes
  (`[^1]`), the back-links removed; a list not every item of which is
  referred to is left as it is.

formats.py runs pandoc and calls `mend_html_tree` on its tree.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Callable

from ..errors import InputError


class PagePictures(HTMLParser):
    """The pictures of a page as written: every `<img alt>` (`alts`), and each `<figure>`'s first
    picture (`figures`: (src, alt), in order)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.alts: list[str] = []
        self.figures: list[tuple[str, str]] = []
        self.open_figures: list[bool] = []  # per open <figure>: has its picture been seen

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "figure":
            self.open_figures.append(False)
        elif tag == "img":
            values = dict(attrs)
            alt = " ".join((values.get("alt") or "").split())
            self.alts.append(alt)
            if self.open_figures and not self.open_figures[-1]:
                self.open_figures[-1] = True
                self.figures.append((values.get("src") or "", alt))

    def handle_endtag(self, tag: str) -> None:
        if tag == "figure" and self.open_figures:
            self.open_figures.pop()


def page_pictures(page: str) -> PagePictures:
    found = PagePictures()
    found.feed(page)
    found.close()
    return found


def _inlines(text: str) -> list[dict]:
    """Plain text as pandoc inlines."""
    inlines: list[dict] = []
    for word in text.split():
        inlines += [{"t": "Space"}] if inlines else []
        inlines.append({"t": "Str", "c": word})
    return inlines


def _walk(value, visit: Callable[[list], None]) -> None:
    """`visit` every list in pandoc's tree (lists of blocks, of inlines …), depth first, children first."""
    if isinstance(value, list):
        for item in value:
            _walk(item, visit)
        visit(value)
    elif isinstance(value, dict):
        _walk(value.get("c"), visit)


def mend_html_tree(tree: dict, figures: list[tuple[str, str]]) -> dict:
    """pandoc's tree of a web page with its figures' alt texts and captions apart, and a CMS's
    footnotes as notes (see the module's docstring)."""
    mend_figures(tree, list(figures))
    mend_footnotes(tree)
    return tree


def mend_figures(tree: dict, figures: list[tuple[str, str]]) -> None:
    """pandoc 2.17 reads `<figure><img alt=A src=S><figcaption>C</figcaption></figure>` as a picture
    whose alt text is C (title "fig:"): it becomes the picture with alt text A, then *C* in a paragraph."""

    def caption_inlines(inlines: list) -> list:
        # A caption is set in italics from end to end: italics inside it go (figures.py drops them anyway).
        flat = []
        for inline in inlines:
            flat += caption_inlines(inline["c"]) if inline.get("t") == "Emph" else [inline]
        return flat

    def visit(blocks: list) -> None:
        index = 0
        while index < len(blocks):
            block = blocks[index]
            image = block.get("c") if isinstance(block, dict) and block.get("t") in ("Para", "Plain") else None
            if (isinstance(image, list) and len(image) == 1 and isinstance(image[0], dict)
                    and image[0].get("t") == "Image" and image[0]["c"][2][1].startswith("fig:")):
                attr, caption, (src, title) = image[0]["c"]
                written = next((figure for figure in figures if figure[0] == src), None)
                if written is not None:
                    figures.remove(written)
                    image[0]["c"] = [attr, _inlines(written[1]), [src, title[len("fig:"):]]]
                    if caption:
                        blocks.insert(index + 1, {"t": "Para", "c": [{"t": "Emph", "c": caption_inlines(caption)}]})
                        index += 1
            index += 1

    _walk(tree.get("blocks"), visit)


BACK_LINK_TEXTS = {"↩", "↩︎", "↑", "^", "⤴", "back"}


def mend_footnotes(tree: dict) -> None:
    """A CMS's footnotes as notes: a link to "#X" in a superscript (or a superscript in a link to
    "#X"), X the id of an item of the page's last ordered list or of one in a `footnotes` section,
    is a note reference; the note is the item, without its back-links. A list becomes notes only
    when each of its items is referred to; it goes, with the rule right before it."""
    lists: list[tuple[dict, bool]] = []  # every ordered list, and whether it is in a footnotes section

    def find_lists(value, in_notes: bool) -> None:
        if isinstance(value, list):
            for item in value:
                find_lists(item, in_notes)
        elif isinstance(value, dict):
            kind, content = value.get("t"), value.get("c")
            if kind == "OrderedList":
                lists.append((value, in_notes))
            if kind == "Div":
                (ident, classes, _), children = content
                find_lists(children, in_notes or "footnotes" in classes or ident == "footnotes")
            else:
                find_lists(content, in_notes)

    find_lists(tree.get("blocks"), False)
    candidates = [found for index, (found, in_notes) in enumerate(lists) if in_notes or index == len(lists) - 1]
    items: dict[str, list] = {}  # the note's id → its blocks
    owners: dict[str, int] = {}  # the note's id → id() of its list
    for found in candidates:
        listed = {}
        for item in found["c"][1]:
            ident, blocks = _list_item_note(item)
            if not ident:
                listed = {}
                break
            listed[ident] = blocks
        for ident, blocks in listed.items():
            items[ident], owners[ident] = blocks, id(found)
    if not items:
        return

    def target(inline) -> str | None:
        """The note X a superscript link (or a link round a superscript) to "#X" refers to."""
        if not isinstance(inline, dict) or inline.get("t") not in ("Superscript", "Link"):
            return None
        inner = inline["c"] if inline["t"] == "Superscript" else inline["c"][1]
        if len(inner) != 1 or not isinstance(inner[0], dict):
            return None
        link = inline if inline["t"] == "Link" else inner[0]
        if inline["t"] == "Link" and inner[0].get("t") != "Superscript":
            return None
        if link.get("t") != "Link" or not link["c"][2][0].startswith("#"):
            return None
        ident = link["c"][2][0][1:]
        return ident if ident in items else None

    referred: dict[str, list[dict]] = {}

    def find_references(inlines: list) -> None:
        for inline in inlines:
            ident = target(inline)
            if ident:
                referred.setdefault(ident, []).append(inline)

    _walk(tree.get("blocks"), find_references)
    whole = {owner for owner in set(owners.values())
             if all(ident in referred for ident, mine in owners.items() if mine == owner)}
    back_ids = {inline_id for references in referred.values() for reference in references
                for inline_id in _ids(reference)}
    notes: dict[int, dict] = {}  # id() of the first reference → its Note
    for ident, references in referred.items():
        if owners[ident] in whole:
            notes[id(references[0])] = {"t": "Note", "c": _without_back_links(items[ident], back_ids)}

    def replace_references(blocks: list) -> None:
        for index, inline in enumerate(blocks):
            if isinstance(inline, dict) and id(inline) in notes:
                blocks[index] = notes[id(inline)]

    def remove_lists(blocks: list) -> None:
        index = 0
        while index < len(blocks):
            if isinstance(blocks[index], dict) and id(blocks[index]) in whole:
                del blocks[index]
                if index > 0 and isinstance(blocks[index - 1], dict) and blocks[index - 1].get("t") == "HorizontalRule":
                    del blocks[index - 1]
                    index -= 1
                continue
            index += 1

    _walk(tree.get("blocks"), remove_lists)
    _walk(tree.get("blocks"), replace_references)


def _ids(inline: dict) -> list[str]:
    """The ids of a reference (the link's, a superscript's link's): what a back-link points to."""
    found = []
    for node in (inline, *(inline["c"] if inline.get("t") == "Superscript" else [])):
        if isinstance(node, dict) and node.get("t") == "Link" and node["c"][0][0]:
            found.append(node["c"][0][0])
    return found


def _list_item_note(item: list) -> tuple[str, list]:
    """An ordered list's item as a note: its id (on the `<li>`, pandoc's Span or Div round its
    content) and its blocks; ("", []) when it has no id."""
    if len(item) == 1 and item[0].get("t") == "Div" and item[0]["c"][0][0]:
        return item[0]["c"][0][0], item[0]["c"][1]
    if item and item[0].get("t") in ("Plain", "Para"):
        inlines = [inline for inline in item[0]["c"] if inline.get("t") not in ("Space", "SoftBreak")]
        if len(inlines) == 1 and inlines[0].get("t") == "Span" and inlines[0]["c"][0][0]:
            return inlines[0]["c"][0][0], [{"t": "Para", "c": inlines[0]["c"][1]}, *item[1:]]
    return "", []


def _without_back_links(blocks: list, back_ids: set[str]) -> list:
    """A note's blocks without the links back to its reference at the end ("↩")."""
    blocks = [dict(block) for block in blocks]
    last = blocks[-1] if blocks else None
    if last is not None and last.get("t") in ("Para", "Plain"):
        inlines = list(last["c"])
        while inlines:
            tail = inlines[-1]
            if tail.get("t") in ("Space", "SoftBreak", "LineBreak"):
                inlines.pop()
            elif tail.get("t") == "Link" and tail["c"][2][0].startswith("#") and (
                    tail["c"][2][0][1:] in back_ids or _plain(tail["c"][1]).strip().casefold() in BACK_LINK_TEXTS):
                inlines.pop()
            else:
                break
        last["c"] = inlines
        blocks[-1] = {"t": "Para", "c": inlines}
    return blocks


def _plain(inlines: list) -> str:
    return "".join(inline.get("c", " ") if inline.get("t") == "Str" else
                   _plain(inline["c"]) if inline.get("t") in ("Emph", "Strong", "Span") else " "
                   for inline in inlines if isinstance(inline, dict))


def check_alt_texts(alt_texts: tuple[str, ...], figures_alts: list[str], path: Path) -> None:
    """Every `<img alt>` of a web page is a figure's alt text in the release: one lost in the
    conversion (which the conservation check, reading the converted Markdown, cannot see) is an
    InputError naming the file."""
    kept = [" ".join(alt.split()) for alt in figures_alts]
    for alt in alt_texts:
        if alt in kept:
            kept.remove(alt)
        else:
            raise InputError(path, f"a picture's alt text was lost in the conversion: {alt!r}")
