"""What the audio edition says: a script built for the ear from a LocalisedRelease.

The script is a list of chapters (`Section`), each a list of sentences. A
sentence keeps its written form (the caption, as the text edition writes it)
and what the voices say (`parts`): its text in spoken form (audio/spoken.py:
numbers, dates, amounts, phone numbers and addresses in words, the lexicon
applied), cut where the language changes, so that every run whose `lang`
differs from the edition's (an untranslated sentence, a quotation, the
office's English name) is read with that language's voice.

Chapters: the title and lead; each heading's section; each quotation (a
quote block, or a paragraph that opens with a quotation mark) and the text
that follows it; the contacts. A chapter without a heading is named by its
first words. Sentences are the unit of synthesis, caching and captions
(audio/timeline.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from ..localise.labels import N_, kind_label, notices, phone_label
from ..localise.offices import official_name
from ..localise.typography import labelled
from ..release import (
    BlockVisitor,
    Contact,
    Heading,
    ListBlock,
    LocalisedRelease,
    Paragraph,
    Quote,
    Run,
    Runs,
    plain_text,
)
from ..text.sentences import sentence_spans
from .lexicon import Lexicon
from .spoken import spoken_form

LINKS_NOTICE = N_("The links mentioned are listed in the text edition.")
CLOSING = N_("Published by %(office)s.")
QUOTE_OPENERS = "“„«‚‘\"»"  # a paragraph opening with one of these is a quotation ("»" opens in German style)
TITLE_WORDS = 6  # a chapter without a heading is named by its first words


@dataclass(frozen=True)
class Utterance:
    text: str  # what the voice says
    lang: str  # whose voice says it


@dataclass(frozen=True)
class Sentence:
    written: str  # as written: the caption
    parts: tuple[Utterance, ...]  # one per stretch of one language, in spoken form
    ends_paragraph: bool = False  # a longer pause follows

    @property
    def spoken(self) -> str:
        return " ".join(part.text for part in self.parts)


@dataclass(frozen=True)
class Section:
    title: str  # the chapter's name
    sentences: tuple[Sentence, ...]

    @property
    def utterances(self) -> tuple[Utterance, ...]:
        return tuple(part for sentence in self.sentences for part in sentence.parts)


@dataclass
class _Builder(BlockVisitor[None]):
    """Collects chapters while the release is walked (local to one call); says each block it visits."""

    lang: str
    lexicons: dict[str, Lexicon]
    chapters: list[tuple[str, list[Sentence]]] = field(default_factory=list)
    lead: bool = True  # no block said yet: the lead stays in the title's chapter
    after_quote: bool = False  # the block before was a quotation
    has_links: bool = False  # a link was said (the links are listed in the text edition)

    def chapter(self, title: str) -> None:
        self.chapters.append((title, []))

    def say(self, runs: Runs | str, lang: str | None = None) -> None:
        if isinstance(runs, str):
            runs = (Run(runs, lang=lang),)
        self.chapters[-1][1].extend(sentences_of(runs, self.lang, self.lexicons))

    def sections(self) -> list[Section]:
        return [Section(title, tuple(s for s in sentences if s.parts)) for title, sentences in self.chapters
                if any(s.parts for s in sentences)]

    def heading(self, block: Heading) -> None:
        self.chapter(plain_text(block.runs).strip())
        self.say(block.runs)
        self.after_quote, self.lead = False, False

    def paragraph(self, block: Paragraph) -> None:
        self._passage([block.runs], quoted=plain_text(block.runs).lstrip()[:1] in QUOTE_OPENERS)

    def quote(self, block: Quote) -> None:
        self._passage(list(block.paragraphs), quoted=True)

    def list(self, block: ListBlock) -> None:
        self._passage(list(block.items), quoted=False)

    def _passage(self, paragraphs: list[Runs], quoted: bool) -> None:
        """A quotation, and the text after one, is a chapter of its own (named by its first words)."""
        if paragraphs and not self.lead and (quoted or self.after_quote):
            self.chapter(first_words(plain_text(paragraphs[0])))
        self.lead, self.after_quote = False, quoted
        for runs in paragraphs:
            self.has_links = self.has_links or any(run.href and not run.href.startswith("mailto:") for run in runs)
            self.say(runs)


def spoken_script(release: LocalisedRelease, organisation: str, lexicons: Iterable[Lexicon] = (),
                  office_names: Sequence[tuple[str, str]] = ()) -> list[Section]:
    """The chapters and sentences the audio edition says.

    `office_names` are (source, official name in this language) pairs, from
    the glossary: an office found there is named in the edition's language,
    otherwise as written, with the source language's voice.
    """
    _ = release.labels.gettext
    script = _Builder(release.lang, {lexicon.lang: lexicon for lexicon in lexicons})
    script.chapter(release.title)
    script.say(kind_label(release.labels, release.kind) + ".")
    script.say(release.title, release.title_lang)
    for notice in notices(release.labels, release.status):
        script.say(notice)
    if release.spoken_dateline:
        script.say(release.spoken_dateline + ".")
    script.has_links = bool(release.further_information and release.further_information.urls)
    for block in release.blocks:
        script.visit(block)
    further = release.further_information
    if further and further.intro:
        intro = list(further.intro)
        intro[-1] = Run(intro[-1].text.rstrip().rstrip(":") + ".", lang=intro[-1].lang)
        script.say(tuple(intro))
    if script.has_links:
        script.say(_(LINKS_NOTICE))
    if release.contacts:
        script.chapter(_("Contacts"))
        script.say(_("Contacts") + ".")
        for contact in release.contacts:
            for runs in contact_lines_for_the_ear(contact, release):
                script.say(runs)
    office, office_lang = office_name(release, organisation, office_names)
    before, _sep, after = _(CLOSING).partition("%(office)s")
    script.say((Run(before), Run(office, lang=office_lang), Run(after)))
    return script.sections()


def sentences_of(runs: Runs, lang: str, lexicons: dict[str, Lexicon]) -> list[Sentence]:
    """The runs' sentences, each cut into stretches of one language in spoken form."""
    text = plain_text(runs)
    languages: list[str] = []
    for run in runs:
        languages += [run.lang or lang] * len(run.text)
    sentences = []
    for start, end in sentence_spans(text):
        written = text[start:end]
        stretches = _language_stretches(written, languages[start:end], lang)
        parts = tuple(Utterance(said, part_lang) for piece, part_lang in stretches
                      if (said := spoken_form(piece, part_lang, lexicons.get(part_lang)).strip()))
        sentences.append(Sentence(written, parts))
    if sentences:
        sentences[-1] = Sentence(sentences[-1].written, sentences[-1].parts, ends_paragraph=True)
    return sentences



def _language_stretches(text: str, languages: list[str], default: str) -> list[tuple[str, str]]:
    """(text, lang) pieces; spaces and punctuation go with the stretch before them (no voice of their own)."""
    stretches: list[tuple[str, str]] = []
    for char, char_lang in zip(text, languages):
        if stretches and (char_lang == stretches[-1][1] or not char.isalnum()):
            stretches[-1] = (stretches[-1][0] + char, stretches[-1][1])
        elif stretches and not any(c.isalnum() for c in stretches[-1][0]):
            stretches[-1] = (stretches[-1][0] + char, char_lang)  # only punctuation so far: it takes this voice
        else:
            stretches.append((char, char_lang))
    return stretches or [(text, default)]


def contact_lines_for_the_ear(contact: Contact, release: LocalisedRelease) -> list[Runs]:
    """Name, office and mobile numbers (digit by digit), e-mail addresses; no fax, no postal address."""
    lines: list[Runs] = [(Run(contact.name + ".", lang=contact_language(contact, release)),)] if contact.name else []
    for phone in contact.phones:
        if phone.kind != "fax":
            lines.append((Run(labelled(phone_label(release.labels, phone.kind), phone.number, release.lang) + "."),))
    email = release.labels.gettext("E-mail")
    lines += [(Run(labelled(email, address, release.lang) + "."),) for address in contact.emails]
    return lines


def contact_language(contact: Contact, release: LocalisedRelease) -> str:
    """The language a contact's name is written in.

    A unit's name is translated with the release; where it was not (an
    untranslated edition, or a name in another script than the edition's),
    it is in the source language. A person's name is read by the edition's voice.
    """
    if contact.kind != "unit" or release.status.source:
        return release.lang
    source = source_language(release)
    if release.status.segments and release.status.untranslated == release.status.segments:
        return source
    if _is_cyrillic(contact.name) != _is_cyrillic(release.title):
        return source
    return release.lang


def source_language(release: LocalisedRelease) -> str:
    """The language the release was written in (for passages left as written)."""
    if release.status.source:
        return release.lang
    if release.title_lang:
        return release.title_lang
    for block in release.blocks:
        for runs in block.parts:
            for run in runs:
                if run.lang:
                    return run.lang
    return "en"  # the pipeline's default source language; a translated release does not say which it was


def office_name(release: LocalisedRelease, organisation: str,
                office_names: Sequence[tuple[str, str]] = ()) -> tuple[str, str]:
    """(the issuing office's name, the language it is in): the glossary's official name where it has one,
    as every edition writes it (localise/offices.py: in the language's typography)."""
    if not release.office:
        return organisation, release.lang
    official = official_name(release.office, release.lang, office_names)
    if official is not None:
        return official, release.lang
    if release.status.source:
        return release.office, release.lang
    return release.office, source_language(release)


def first_words(text: str, count: int = TITLE_WORDS) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def speech_script(localised: LocalisedRelease, lexicons: Iterable[Lexicon] = (), organisation: str = "OSCE",
                  office_names: Sequence[tuple[str, str]] = ()) -> str:
    """What `release-pipeline speech` prints: each chapter and the sentences as they will be said.

    A passage read by another language's voice is marked with its language: "[en] …".
    """
    lines = []
    for number, section in enumerate(spoken_script(localised, organisation, lexicons, office_names), start=1):
        lines.append(f"## {number}. {section.title}")
        for sentence in section.sentences:
            lines.append(" ".join(part.text if part.lang == localised.lang else f"[{part.lang}] {part.text}"
                                  for part in sentence.parts))
        lines.append("")
    return "\n".join(lines)


def _is_cyrillic(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return sum("\u0400" <= c <= "\u04ff" for c in letters) > len(letters) / 2


def script_words(sections: list[Section]) -> int:
    return sum(len(part.text.split()) for section in sections for part in section.utterances)
