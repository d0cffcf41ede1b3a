"""Protected spans: masked before translation, restored after.

URLs, e-mail addresses, phone numbers, inline tags (`<1>`), dates, numbers
and glossary terms are replaced by placeholders `⟦1⟧`, `⟦2⟧` … that engines
copy through. Restoring puts back each span in its target form: numbers and
dates in the target locale's format (the rules of localise.numbers),
glossary terms in their official translation, everything else byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..languages import language
from ..localise import numbers
from ..verbatim import VERBATIM  # copied through byte for byte, found before the dates and numbers
from .glossary import Glossary

# At most six digits: no segment has a million spans, and int() of thousands of digits raises ValueError.
PLACEHOLDER = re.compile(r"⟦(\d{1,6})⟧")
ANY_PLACEHOLDER = re.compile(r"⟦[^⟧]*⟧|⟦|⟧")
# A placeholder as written, or what an engine made of one: "⟦ 3 ⟧", "⟦3", "3⟧", "⟦⟧", a lone bracket.
# Only the brackets, the digits against them and the space before go, never the words around them (the
# source's own numbers are placeholders too, so digits against a bracket are the placeholder's).
PLACEHOLDER_OR_BROKEN = re.compile(
    r"(?P<space>[^\S\n]*)(?:⟦(?P<n>\d{1,6})⟧|⟦[^\S\n]*\d*[^\S\n]*⟧|⟦[^\S\n]*\d*|\d*⟧)")


@dataclass(frozen=True)
class Span:
    kind: str  # "url", "email", "phone", "tag", "date", "number", "year", "term" …
    source: str  # as in the source text
    target: str  # what the placeholder becomes in the translation


@dataclass(frozen=True)
class Masked:
    text: str  # the source with placeholders
    spans: tuple[Span, ...]  # span n-1 is placeholder ⟦n⟧

    def placeholder(self, index: int) -> str:
        return f"⟦{index + 1}⟧"


def mask(text: str, target_lang: str, glossary: Glossary) -> Masked:
    """Replace every protected span of an English source text by a placeholder."""
    found: list[tuple[int, int, Span]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e, _ in found)

    for kind, pattern in VERBATIM:
        for match in _matches_between(pattern, text, [(s, e) for s, e, _ in found]):
            found.append((match.start(), match.end(), Span(kind, match.group(0), match.group(0))))
    taken = [(start, end) for start, end, _ in found]
    for span in numbers.find(text, language(target_lang).locale, taken):
        found.append((span.start, span.end, Span(span.kind, span.source, span.target)))
    for start, end, source, target in glossary.find(text):
        if free(start, end):
            found.append((start, end, Span("term", source, target)))
    found.sort(key=lambda item: item[0])
    parts, spans, position = [], [], 0
    for start, end, span in found:
        parts.append(text[position:start])
        spans.append(span)
        parts.append(f"⟦{len(spans)}⟧")
        position = end
    parts.append(text[position:])
    return Masked("".join(parts), tuple(spans))


def _matches_between(pattern: re.Pattern[str], text: str, taken: list[tuple[int, int]]) -> list[re.Match[str]]:
    """The matches of `pattern` in the gaps between the `taken` spans, each wholly inside one gap.

    A later kind never overlaps an earlier one, and a candidate that would run into one is
    matched again up to it instead of being dropped: "+48 22 520 06 00 2024press@osce.org"
    keeps "+48 22 520 06 00" as a phone number before the e-mail address.
    """
    matches, position = [], 0
    for start, end in sorted(taken) + [(len(text), len(text))]:
        if start > position:
            matches += pattern.finditer(text, position, start)
        position = max(position, end)
    return matches


def unmask(translation: str, masked: Masked) -> str:
    """Put each span's target form back, and remove every unknown or broken placeholder.

    No placeholder may reach an edition. What is lost is not lost silently: QA
    (qa.Checker.machine) counts the placeholders of the engine's raw output, so
    a span whose placeholder was dropped or broken is a finding ("url missing",
    "number missing" … blocking), and the sentence is not published as is.
    """

    def replace(match: re.Match[str]) -> str:
        index = int(match["n"]) - 1 if match["n"] else -1
        if 0 <= index < len(masked.spans):
            return match["space"] + masked.spans[index].target
        # Unknown or broken: removed, with the space before it where a space or punctuation follows,
        # so that "voir ⟦ 2 ⟧ et" becomes "voir et", not "voir  et".
        following = translation[match.end():match.end() + 1]
        return "" if not following or following.isspace() or following in ".,;:!?)]»" else match["space"]

    return PLACEHOLDER_OR_BROKEN.sub(replace, translation)
