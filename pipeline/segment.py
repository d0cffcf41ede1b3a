"""Release → Segments (translatable sentences), and back.

Each translatable piece of a release (title, heading, paragraph, list item,
quote paragraph, further-information line, a contact unit's name) is a `Unit`.
A unit's styled runs become numbered tags in its text (`<1>link text</1>`) so
a translator sees and keeps them, and the unit is split into sentences.
`rebuild` puts translated sentences back into the same structure.

A run in another language than the release's (a French quotation inside an
English sentence, `Run.lang`) is not for the engine: it becomes an empty tag
(`<2></2>`) that engines copy through like any tag, and its text travels in
`Unit.styles`, so `rebuild` puts it back byte for byte in every language. A
unit with nothing to translate around such passages is not segmented at all.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import replace
from typing import Mapping

from .release import (
    Contact,
    FurtherInformation,
    Release,
    Run,
    Runs,
    Segment,
    Segmentation,
    Unit,
    block_kind,
    map_runs,
)
from .text.patterns import INLINE_TAG, OPENING_TAG, TAG_PAIR
from .text.sentences import split_sentences


# --- runs ⇄ tagged text ------------------------------------------------------


def is_foreign(run: Run) -> bool:
    """A run kept as written in every language (`lang` is only set on passages in another language)."""
    return run.lang is not None and bool(run.text)


def encode_runs(runs: Runs) -> tuple[str, tuple[Run, ...]]:
    """Styled runs become `<n>…</n>`, passages in another language `<n></n>` (their
    text kept in the style); returns the text and the style of each n."""
    parts: list[str] = []
    styles: list[Run] = []
    for run in runs:
        if is_foreign(run):
            styles.append(run)
            parts.append(f"<{len(styles)}></{len(styles)}>")
        elif run.styled:
            styles.append(replace(run, text=""))
            parts.append(f"<{len(styles)}>{run.text}</{len(styles)}>")
        else:
            parts.append(run.text)
    return "".join(parts), tuple(styles)


def decode_runs(text: str, styles: tuple[Run, ...], keep_missing: bool = True) -> Runs:
    """Inverse of `encode_runs`; tags a translator broke are dropped, text kept.

    A passage in another language comes back from its style, whatever the tag
    holds; one whose tag was lost is put back at the end (with
    `keep_missing`), so that no translation can drop it.
    """
    runs: list[Run] = []
    position = 0
    seen: set[int] = set()
    for match in TAG_PAIR.finditer(text):
        runs.append(Run(INLINE_TAG.sub("", text[position : match.start()])))
        number = int(match.group(1))
        inner = INLINE_TAG.sub("", match.group(2))
        style = styles[number - 1] if 0 < number <= len(styles) else Run("")
        if is_foreign(style):
            runs.append(style if number not in seen else Run(inner))
            seen.add(number)
        else:
            runs.append(replace(style, text=inner))
        position = match.end()
    runs.append(Run(INLINE_TAG.sub("", text[position:])))
    if keep_missing:
        for number, style in enumerate(styles, start=1):
            if is_foreign(style) and number not in seen:
                runs += [Run(" "), style]
    return tuple(run for run in runs if run.text)


# --- Release → Segmentation ----------------------------------------------------


def unit_runs(release: Release) -> list[tuple[str, tuple[int, ...], Runs]]:
    """Every translatable piece as (role, path, runs), in reading order.

    Paths: (0,) title; (1, b, i) part i of body block b (a heading's or
    paragraph's runs are its part 0, see `Block.parts`); (2,) the
    further-information line; (3, c) contact c's name; (4, n, i) paragraph i of
    footnote n. A table's cells and a figure's alt text, caption and credit are
    parts of their block, so each is a unit of its own (a cell is never translated
    together with its neighbours); empty parts (a figure without caption) are none.
    """
    units: list[tuple[str, tuple[int, ...], Runs]] = [("title", (0,), (Run(release.title),))]
    for b, block in enumerate(release.blocks):
        role = UNIT_ROLES.get(block_kind(block), "body")
        units += [(role, (1, b, i), runs) for i, runs in enumerate(block.parts) if runs]
    if release.further_information and release.further_information.intro:
        units.append(("further", (2,), release.further_information.intro))
    for c, contact in enumerate(release.contacts):
        if contact.kind == "unit" and contact.name:
            units.append(("contact", (3, c), (Run(contact.name),)))
    for n, note in enumerate(release.notes):
        units += [("note", (4, n, i), runs) for i, runs in enumerate(note.parts) if runs]
    return units


# A unit's role by the kind of its block (the first part of its segment ids: "cell.1a2b3c4d").
UNIT_ROLES = {"heading": "heading", "table": "cell", "figure": "figure"}


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def segment_release(release: Release) -> Segmentation:
    units: list[Unit] = []
    segments: list[Segment] = []
    seen: Counter[str] = Counter()
    for role, path, runs in unit_runs(release):
        if not any(ch.isalnum() for run in runs if not is_foreign(run) for ch in run.text):
            continue  # only passages in another language (a quote in French): kept as written, not translated
        text, styles = encode_runs(runs)
        unit_index = len(units)
        units.append(Unit(role=role, path=path, styles=styles))
        for sentence in split_sentences(text):
            digest = content_hash(sentence)
            base = f"{role}.{digest[:8]}"
            seen[base] += 1
            segment_id = base if seen[base] == 1 else f"{base}.{seen[base]}"
            segments.append(Segment(id=segment_id, unit=unit_index, text=sentence))
    return Segmentation(units=tuple(units), segments=tuple(segments))


# --- translated Segments → Release ---------------------------------------------


def rebuild(release: Release, segmentation: Segmentation, texts: Mapping[str, str], lang: str) -> Release:
    """The release with each segment's text replaced by `texts[segment.id]`.

    Segments missing from `texts` keep their source text.
    """
    pieces: dict[int, list[tuple[str, bool]]] = {}  # unit → (text, translated) per segment
    for segment in segmentation.segments:
        translated = segment.id in texts
        pieces.setdefault(segment.unit, []).append((texts[segment.id] if translated else segment.text, translated))
    by_path = {
        unit.path: unit_runs_in(pieces.get(index, []), unit.styles, release.lang if lang != release.lang else None)
        for index, unit in enumerate(segmentation.units)
    }
    blocks = [
        map_runs(block, lambda i, runs, b=b: by_path.get((1, b, i), runs))
        for b, block in enumerate(release.blocks)
    ]
    notes = tuple(map_runs(note, lambda i, runs, n=n: by_path.get((4, n, i), runs))
                  for n, note in enumerate(release.notes))
    further = release.further_information
    if further and (2,) in by_path:
        further = FurtherInformation(by_path[(2,)], further.urls)
    contacts: list[Contact] = []
    for c, contact in enumerate(release.contacts):
        name = by_path.get((3, c))
        contacts.append(replace(contact, name="".join(r.text for r in name)) if name else contact)
    title = "".join(run.text for run in by_path.get((0,), (Run(release.title),)))
    return replace(
        release, lang=lang, title=title, blocks=tuple(blocks),
        further_information=further, contacts=tuple(contacts), notes=notes,
    )


def _missing_passages(pieces: list[tuple[str, bool]], styles: tuple[Run, ...], number: int) -> Runs:
    """After the last sentence of a unit: the passages in another language no sentence holds."""
    if number != len(pieces) - 1:
        return ()
    held = {int(n) for text, _ in pieces for n in OPENING_TAG.findall(text)}
    return tuple(run for n, style in enumerate(styles, start=1) if is_foreign(style) and n not in held
                 for run in (Run(" "), style))


def unit_runs_in(pieces: list[tuple[str, bool]], styles: tuple[Run, ...], source_lang: str | None) -> Runs:
    """A unit's runs from its segments' texts; untranslated ones are marked as `source_lang`
    (if given); passages in another language keep theirs."""

    def marked(run: Run) -> Run:
        return run if run.lang else replace(run, lang=source_lang)

    if source_lang is None:
        return decode_runs(" ".join(text for text, _ in pieces), styles)
    if all(translated for _, translated in pieces) or not any(translated for _, translated in pieces):
        runs = decode_runs(" ".join(text for text, _ in pieces), styles)
        return runs if all(translated for _, translated in pieces) else tuple(map(marked, runs))
    out: list[Run] = []
    previous_translated = True
    for number, (text, translated) in enumerate(pieces):  # mixed: sentence by sentence, to know which runs are which
        if out:
            out.append(Run(" ", lang=None if translated or previous_translated else source_lang))
        # A passage whose tag is in no sentence is put back once, after the last one.
        for run in decode_runs(text, styles, keep_missing=False) + _missing_passages(pieces, styles, number):
            run = run if translated else marked(run)
            if out and replace(out[-1], text="") == replace(run, text=""):
                out[-1] = replace(run, text=out[-1].text + run.text)  # same style and language: one run
            else:
                out.append(run)
        previous_translated = translated
    return tuple(out)
