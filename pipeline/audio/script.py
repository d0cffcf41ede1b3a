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

Tables are read a row a sentence, each cell after its header; figures by
their alt text and caption, not their credit; footnotes after the block that
refers to them or in a chapter at the end (`notes-in-audio`): docs/audio.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Iterable, Sequence

from ..languages import UNDETERMINED, language_or_default
from ..localise.labels import FIGURE_LABEL, NOTE_LABEL, NOTES_LABEL, TABLE_LABEL, N_, kind_label, notices, phone_label
from ..localise.offices import official_name
from ..localise.typography import high_punctuation_space, label_colon, labelled
from ..release import (
    BlockVisitor,
    Contact,
    Figure,
    Heading,
    Labels,
    ListBlock,
    LocalisedRelease,
    Note,
    Paragraph,
    Quote,
    Run,
    Runs,
    Table,
    plain_text,
)
from ..text.sentences import sentence_spans
from .lexicon import Lexicon
from .spoken import spoken_form

LINKS_NOTICE = N_("The links mentioned are listed in the text edition.")
CLOSING = N_("Published by %(office)s.")
QUOTE_OPENERS = "“„«‚‘\"»"  # a paragraph opening with one of these is a quotation ("»" opens in German style)
TITLE_WORDS = 6  # a chapter without a heading is named by its first words
NOTES_IN_AUDIO = ("after-paragraph", "end")  # where footnotes are read: config's `notes-in-audio`
SENTENCE_END = ".!?…"
BREAKING_SPACE = re.compile(r"[ \t\r\n\f\v]+")


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
    labels: Labels = field(default_factory=lambda: Labels("en"))
    notes: dict[str, Note] = field(default_factory=dict)  # by label, each label's first note
    notes_at_end: bool = False  # notes-in-audio = "end"
    chapters: list[tuple[str, list[Sentence]]] = field(default_factory=list)
    lead: bool = True  # no block said yet: the lead stays in the title's chapter
    after_quote: bool = False  # the block before was a quotation
    has_links: bool = False  # a link was said (the links are listed in the text edition)
    referred: list[str] = field(default_factory=list)  # notes the block being said refers to, not yet read
    read_notes: set[str] = field(default_factory=set)

    def chapter(self, title: str) -> None:
        self.chapters.append((title, []))

    def say(self, runs: Runs | str, lang: str | None = None) -> None:
        if isinstance(runs, str):
            runs = (Run(runs, lang=lang),)
        self.chapters[-1][1].extend(sentences_of(runs, self.lang, self.lexicons))

    def sections(self) -> list[Section]:
        return [Section(title, tuple(s for s in sentences if s.parts)) for title, sentences in self.chapters
                if any(s.parts for s in sentences)]

    def block(self, block) -> None:
        """Says a block, then (notes-in-audio = "after-paragraph") the notes it first refers to."""
        self.visit(block)
        referred, self.referred = self.referred, []
        if not self.notes_at_end:
            for label in referred:
                if label in self.notes and label not in self.read_notes:
                    self.read_note(self.notes[label], self.labels.gettext(NOTE_LABEL))

    def unreferenced(self, runs: Runs) -> Runs:
        """The runs without their footnote references (not read), which are kept for `block`."""
        for run in runs:
            if run.note is not None and run.note not in self.referred:
                self.referred.append(run.note)
        return tuple(run for run in runs if run.note is None)

    def read_note(self, note: Note, label: str) -> None:
        """"Note: …" (or "Note 1: …"), each paragraph of the note."""
        self.read_notes.add(note.label)
        paragraphs = [self.unreferenced(runs) for runs in note.paragraphs if runs]
        self.referred = []  # a note's own references are not followed
        if not paragraphs:
            return
        self.has_links = self.has_links or any(_is_link(run) for runs in paragraphs for run in runs)
        self.say((Run(label_colon(label, self.lang) + " "), *paragraphs[0]))
        for runs in paragraphs[1:]:
            self.say(runs)

    def remaining_notes(self) -> None:
        """The "Notes" chapter: every note not read yet (all of them with notes-in-audio = "end")."""
        left = [(n, note) for n, note in enumerate(self.notes.values(), start=1) if note.label not in self.read_notes]
        if not left:
            return
        _ = self.labels.gettext
        self.chapter(_(NOTES_LABEL))
        self.say(_(NOTES_LABEL) + ".")
        for number, note in left:
            self.read_note(note, f"{_(NOTE_LABEL)} {number}")

    def heading(self, block: Heading) -> None:
        runs = self.unreferenced(block.runs)
        self.chapter(plain_text(runs).strip())
        self.say(runs)
        self.after_quote, self.lead = False, False

    def paragraph(self, block: Paragraph) -> None:
        self._passage([block.runs], quoted=plain_text(block.runs).lstrip()[:1] in QUOTE_OPENERS)

    def quote(self, block: Quote) -> None:
        self._passage(list(block.paragraphs), quoted=True)

    def list(self, block: ListBlock) -> None:
        self._passage(list(block.items), quoted=False)

    def table(self, block: Table) -> None:
        """The caption, then a sentence per row: "Header: value, Header: value."."""
        table, caption = self.labels.gettext(TABLE_LABEL), _stripped(self.unreferenced(block.caption))
        lines = [(Run(label_colon(table, self.lang) + " "), *_ended(caption)) if caption else (Run(table + "."),)]
        header = [_stripped(self.unreferenced(cell)) for cell in block.header]
        colon = Run(high_punctuation_space(self.lang) + ": ")
        for row in block.rows:
            cells = [(*header[i], colon, *value) if i < len(header) and header[i] else value
                     for i, cell in enumerate(row) if (value := _stripped(self.unreferenced(cell)))]
            if cells:
                lines.append(_ended(tuple(run for i, cell in enumerate(cells)
                                          for run in ((Run(", "),) if i else ()) + cell)))
        self._passage(lines, quoted=False)

    def figure(self, block: Figure) -> None:
        """"Photo: alt text.", then the caption; the caption in place of missing alt text; no credit."""
        alt, caption = _stripped(self.unreferenced(block.alt)), _stripped(self.unreferenced(block.caption))
        described, caption = (alt, caption) if alt else (caption, ())
        if not described:
            return
        photo = Run(label_colon(self.labels.gettext(FIGURE_LABEL), self.lang) + " ")
        self._passage([(photo, *_ended(described)), *([caption] if caption else [])], quoted=False)

    def _passage(self, paragraphs: list[Runs], quoted: bool) -> None:
        """A quotation, and the text after one, is a chapter of its own (named by its first words)."""
        paragraphs = [self.unreferenced(runs) for runs in paragraphs]
        if paragraphs and not self.lead and (quoted or self.after_quote):
            self.chapter(first_words(plain_text(paragraphs[0])))
        self.lead, self.after_quote = False, quoted
        for runs in paragraphs:
            self.has_links = self.has_links or any(_is_link(run) for run in runs)
            self.say(runs)


def _is_link(run: Run) -> bool:
    return bool(run.href) and not run.href.startswith("mailto:")


def _stripped(runs: Runs) -> Runs:
    """The runs on one line (no-break spaces kept: "1\u202f248"), without the spaces around them."""
    out = [replace(run, text=BREAKING_SPACE.sub(" ", run.text)) for run in runs if run.text]
    while out and not out[0].text.strip(" "):
        out.pop(0)
    while out and not out[-1].text.strip(" "):
        out.pop()
    if out:
        out[0], out[-1] = replace(out[0], text=out[0].text.lstrip(" ")), replace(out[-1], text=out[-1].text.rstrip(" "))
    return tuple(out)


def _ended(runs: Runs) -> Runs:
    """The runs ending a sentence: a full stop after them unless they end with one."""
    runs = _stripped(runs)
    if runs and runs[-1].text.rstrip()[-1:] not in SENTENCE_END:
        runs = (*runs, Run(".", lang=runs[-1].lang))
    return runs


def spoken_script(release: LocalisedRelease, organisation: str, lexicons: Iterable[Lexicon] = (),
                  office_names: Sequence[tuple[str, str]] = (), notes: str = "after-paragraph") -> list[Section]:
    """The chapters and sentences the audio edition says.

    `office_names` are (source, official name in this language) pairs, from
    the glossary: an office found there is named in the edition's language,
    otherwise as written, with the source language's voice. `notes` is where
    footnotes are read (`NOTES_IN_AUDIO`): after the block that refers to them, or at the end.
    """
    if notes not in NOTES_IN_AUDIO:
        raise ValueError(f"notes-in-audio must be one of {', '.join(NOTES_IN_AUDIO)}, not {notes!r}")
    _ = release.labels.gettext
    by_label: dict[str, Note] = {}
    for note in release.notes:
        by_label.setdefault(note.label, note)
    script = _Builder(release.lang, {lexicon.lang: lexicon for lexicon in lexicons}, release.labels, by_label,
                      notes_at_end=notes == "end")
    script.chapter(release.title)
    script.say(kind_label(release.labels, release.kind) + ".")
    script.say(release.title, release.title_lang)
    for notice in notices(release.labels, release.status, release.publication):
        script.say(notice)
    if release.spoken_dateline:
        script.say(release.spoken_dateline + ".")
    script.has_links = bool(release.further_information and release.further_information.urls)
    for block in release.blocks:
        script.block(block)
    further = release.further_information
    if further and further.intro:
        intro = list(further.intro)
        intro[-1] = Run(intro[-1].text.rstrip().rstrip(":") + ".", lang=intro[-1].lang)
        script.say(tuple(intro))
    script.remaining_notes()  # a chapter of its own, after the body's last words
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
        # A passage in a language the table has no voice for ("und", a writer's {lang=sr}): the edition's.
        voice = language_or_default(run.lang).tag if run.lang else lang
        languages += [lang if voice == UNDETERMINED.tag else voice] * len(run.text)
    sentences = []
    for start, end in sentence_spans(text):
        written = text[start:end]
        stretches = _language_stretches(written, languages[start:end], lang)
        # No "|" is read: a pipe (a table's column rule written in a cell) is a pause.
        parts = tuple(Utterance(said, part_lang) for piece, part_lang in stretches
                      if (said := _without_pipes(spoken_form(piece, part_lang, lexicons.get(part_lang)))))
        sentences.append(Sentence(written, parts))
    if sentences:
        sentences[-1] = Sentence(sentences[-1].written, sentences[-1].parts, ends_paragraph=True)
    return sentences



def _without_pipes(text: str) -> str:
    if "|" in text:
        text = re.sub(r"\s*(?:\|\s*)+", ", ", text).strip(" ,")
    return text.strip()


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
                  office_names: Sequence[tuple[str, str]] = (), notes: str = "after-paragraph") -> str:
    """What `release-pipeline speech` prints: each chapter and the sentences as they will be said.

    A passage read by another language's voice is marked with its language: "[en] …".
    """
    lines = []
    for number, section in enumerate(spoken_script(localised, organisation, lexicons, office_names, notes), start=1):
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
