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
from .glossary import Glossary

PLACEHOLDER = re.compile(r"⟦(\d+)⟧")
ANY_PLACEHOLDER = re.compile(r"⟦[^⟧]*⟧|⟦|⟧")

# Copied through byte for byte, found before the dates and numbers of localise.numbers.
VERBATIM: list[tuple[str, re.Pattern[str]]] = [
    ("tag", re.compile(r"</?\d+>")),
    ("url", re.compile(r"https?://[^\s<>⟦]+[^\s<>⟦.,;:!?)\]”’\"]|www\.[^\s<>⟦]+[^\s<>⟦.,;:!?)\]”’\"]")),
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("phone", re.compile(r"\+\d{1,3}(?:[ .-]?\(?\d+\)?)+")),
]


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
        for match in pattern.finditer(text):
            if free(match.start(), match.end()):
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


def unmask(translation: str, masked: Masked) -> str:
    """Put each span's target form back; unknown placeholders are left for QA to flag."""

    def restore(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return masked.spans[index].target if 0 <= index < len(masked.spans) else match.group(0)

    return PLACEHOLDER.sub(restore, translation)
