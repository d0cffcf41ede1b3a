"""What the audio edition says: a script built for the ear from a LocalisedRelease.

Title, the dateline read as words ("Warsaw, 21 February 2024", not capitals),
the body, a short contacts section (no Markdown, no addresses read character by
character: "the links are listed in the text edition"), and a closing line with
the issuing office. Each section becomes a chapter; pauses separate
utterances and, longer, sections. A passage left in another language (an
untranslated sentence) is read with that language's voice.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..localise.labels import N_, kind_label, notices, phone_label
from ..release import Heading, ListBlock, LocalisedRelease, Paragraph, Quote, Runs, plain_text

LINKS_NOTICE = N_("The links mentioned are listed in the text edition.")
CLOSING = N_("Published by %(office)s.")


@dataclass(frozen=True)
class Utterance:
    text: str
    lang: str  # whose voice reads it


@dataclass(frozen=True)
class Section:
    title: str  # the chapter's name
    utterances: tuple[Utterance, ...]


def spoken_script(release: LocalisedRelease, organisation: str) -> list[Section]:
    _ = release.labels.gettext
    lang = release.lang

    def say(text: str, passage_lang: str | None = None) -> Utterance:
        return Utterance(text.strip(), passage_lang or lang)

    opening = [say(kind_label(release.labels, release.kind) + "."),
               say(release.title, release.title_lang), *map(say, notices(release.labels, release.status))]
    sections: list[tuple[str, list[Utterance]]] = [(release.title, opening)]
    first_paragraph = True
    has_links = bool(release.further_information and release.further_information.urls)
    for block in release.blocks:
        if isinstance(block, Heading):
            heading = plain_text(block.runs).strip()
            sections.append((heading, [say(heading)]))
            continue
        for runs in _block_paragraphs(block):
            text, passage_lang = plain_text(runs), runs_language(runs, lang)
            has_links = has_links or any(run.href and not run.href.startswith("mailto:") for run in runs)
            if first_paragraph and release.spoken_dateline:
                sections[-1][1].append(say(release.spoken_dateline + "."))
                first_paragraph = False
            sections[-1][1].append(say(text, passage_lang))
    if release.further_information and release.further_information.intro:
        sections[-1][1].append(say(plain_text(release.further_information.intro).strip().rstrip(":") + "."))
    if has_links:
        sections[-1][1].append(say(_(LINKS_NOTICE)))
    if release.contacts:
        contacts = [say(_("Contacts") + ".")]
        for contact in release.contacts:
            contacts += [say(line) for line in contact_lines_for_the_ear(contact, release)]
        sections.append((_("Contacts"), contacts))
    sections[-1][1].append(say(_(CLOSING) % {"office": release.office or organisation}))
    return [Section(title, tuple(u for u in utterances if u.text)) for title, utterances in sections]


def contact_lines_for_the_ear(contact, release: LocalisedRelease) -> list[str]:
    lines = [contact.name + "."] if contact.name else []
    lines += [f"{phone_label(release.labels, phone.kind)}: {phone.number}." for phone in contact.phones
              if phone.kind != "fax"]
    email = release.labels.gettext("E-mail")
    lines += [f"{email}: {address}." for address in contact.emails]
    return lines


def _block_paragraphs(block) -> list[Runs]:
    if isinstance(block, Paragraph):
        return [block.runs]
    if isinstance(block, Quote):
        return list(block.paragraphs)
    if isinstance(block, ListBlock):
        return list(block.items)
    return []


def runs_language(runs: Runs, default: str) -> str:
    """The language most of the runs' characters are in."""
    counts: Counter[str] = Counter()
    for run in runs:
        counts[run.lang or default] += len(run.text)
    return counts.most_common(1)[0][0] if counts else default


def script_words(sections: list[Section]) -> int:
    return sum(len(u.text.split()) for section in sections for u in section.utterances)
