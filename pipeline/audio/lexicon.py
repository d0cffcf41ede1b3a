"""Pronunciation lexicons: how the voices must say acronyms, names and abbreviations.

One W3C PLS 1.0 file per language, `locales/<lang>/lexicon.pls`, reviewable
like any XML file. The pipeline uses the `<alias>` form of each lexeme (what to
say instead of the written form), which works with every synthesiser:

    <lexeme><grapheme>OSCE</grapheme><alias>O S C E</alias></lexeme>

Graphemes match whole words, case-sensitively, longest first. A project's own
lexicon (in its locales/) replaces the pipeline's for that language.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..errors import InputError
from ..localise.labels import PIPELINE_LOCALES

PLS = "{http://www.w3.org/2005/01/pronunciation-lexicon}"
FILE_NAME = "lexicon.pls"


@dataclass(frozen=True)
class Lexicon:
    lang: str
    entries: tuple[tuple[str, str], ...] = ()  # (grapheme, alias), longest grapheme first

    def apply(self, text: str) -> str:
        if not self.entries:
            return text
        aliases = dict(self.entries)
        pattern = "|".join(re.escape(grapheme) for grapheme, _ in self.entries)
        return re.sub(rf"(?<!\w)(?:{pattern})(?!\w)", lambda m: aliases[m.group(0)], text)


def lexicon_path(lang: str, directories: Iterable[Path] = ()) -> Path | None:
    for directory in [*directories, PIPELINE_LOCALES]:
        path = directory / lang / FILE_NAME
        if path.is_file():
            return path
    return None


def load_lexicon(lang: str, directories: Iterable[Path] = ()) -> Lexicon:
    path = lexicon_path(lang, directories)
    if path is None:
        return Lexicon(lang)
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        raise InputError(path, f"not a valid PLS lexicon: {str(error).split(':')[0]}", error.position[0]) from None
    if root.tag != f"{PLS}lexicon":
        raise InputError(path, "not a PLS lexicon: the root element must be <lexicon> in the PLS namespace")
    entries = []
    for lexeme in root.iter(f"{PLS}lexeme"):
        alias = lexeme.find(f"{PLS}alias")
        if alias is None or not (alias.text or "").strip():
            continue  # a phoneme-only lexeme: nothing the alias form can use
        for grapheme in lexeme.iter(f"{PLS}grapheme"):
            if (grapheme.text or "").strip():
                entries.append((grapheme.text.strip(), alias.text.strip()))
    entries.sort(key=lambda entry: -len(entry[0]))
    return Lexicon(lang, tuple(entries))
