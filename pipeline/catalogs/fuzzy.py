"""Fuzzy translation-memory matches: the closest reviewed sentence, for a new or changed one.

A match is scored with rapidfuzz's `token_sort_ratio` (0–100) on the sentences
with their protected spans (URLs, e-mail addresses, phone numbers, numbers)
replaced by one placeholder token, so that "1,248 attacks in 2023" and
"1,302 attacks in 2024" differ in no word: the numbers are facts the
reviewer fills in, not wording. When both sentences have the same number of
spans, the suggestion has the old spans replaced by the new ones where they
appear verbatim ("placeholders aligned"); the score says how far to trust it.

A full scan of 100,000 units with rapidfuzz costs ~50 ms a sentence, so the
index narrows the candidates first: an inverted index from word to units,
queried with the query's rarest words only. A unit scoring 75 or more shares
most of the query's words; taking the rarest 40 % (at least 3) means a unit
is missed only when it lacks all of them, i.e. differs in 40 % of the words,
far below the threshold. Candidates are then kept by length (token_sort_ratio
≥ 75 needs lengths within a factor of 0.6) and by shared words before
rapidfuzz scores the best few.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from rapidfuzz import fuzz, process

from ..text.patterns import EMAIL, FIGURE, INLINE_TAG, LOOSE_URL

THRESHOLD = 75.0  # a lower score is a different sentence, not a suggestion worth a reviewer's time
RARE_SHARE, RARE_MIN = 0.4, 3  # which query words the index is asked about
CANDIDATES = 40  # scored by rapidfuzz, the ones sharing most words
LENGTH_RATIO = 0.6  # token_sort_ratio ≥ 75 % is impossible outside it
# URLs, e-mail addresses, and numbers standing alone ("G20" and "COVID-19" are names, not facts to align)
SPAN = re.compile("|".join([LOOSE_URL.pattern, EMAIL.pattern, FIGURE.pattern]))
WORD = re.compile(r"\w+")
SLOT = "⟦⟧"  # what every span becomes for scoring


@dataclass(frozen=True)
class FuzzyMatch:
    score: float  # 0–100
    source: str  # the remembered sentence
    target: str  # its reviewed translation, spans aligned to the new sentence when they could be
    origin: str  # where it was reviewed (release id, TMX file, aligned archive)
    aligned: bool = False  # spans were replaced by the new sentence's

    def comment(self) -> str:
        """The `#.` comment the review catalog carries (catalog.py)."""
        return f"{round(self.score)} % match, reviewed in {self.origin}: {self.target}"


def spans(text: str) -> list[str]:
    return [match.group(0).rstrip(".,;:") for match in SPAN.finditer(text)]


def normalise(text: str) -> str:
    """Lower case, spans as one placeholder token each, tags dropped: what the score compares."""
    text = INLINE_TAG.sub(" ", text)
    return " ".join(SPAN.sub(SLOT, text).casefold().split())


def align_spans(new_source: str, old_source: str, target: str) -> tuple[str, bool]:
    """The old translation with the old source's spans replaced by the new source's, in order."""
    old, new = spans(old_source), spans(new_source)
    if len(old) != len(new) or old == new:
        return target, False
    changed = False
    for before, after in zip(old, new):
        if before != after and before in target:
            target, changed = target.replace(before, after, 1), True
    return target, changed


class FuzzyIndex:
    """An in-memory index of one language's reviewed units (source, target, origin)."""

    def __init__(self, units: Iterable[tuple[str, str, str]]):
        self.units: list[tuple[str, str, str]] = []
        self.normalised: list[str] = []
        self.lengths: list[int] = []
        self.postings: dict[str, list[int]] = {}
        for source, target, origin in units:
            key = normalise(source)
            index = len(self.units)
            self.units.append((source, target, origin))
            self.normalised.append(key)
            self.lengths.append(len(key))
            for word in set(WORD.findall(key)):
                self.postings.setdefault(word, []).append(index)

    def __len__(self) -> int:
        return len(self.units)

    def candidates(self, key: str) -> list[int]:
        words = set(WORD.findall(key))
        if not words:
            return []
        rare = sorted(words, key=lambda word: len(self.postings.get(word, ())))
        rare = rare[:max(RARE_MIN, math.ceil(len(rare) * RARE_SHARE))]
        shared: Counter[int] = Counter()
        for word in rare:
            shared.update(self.postings.get(word, ()))
        low, high = len(key) * LENGTH_RATIO, len(key) / LENGTH_RATIO
        near = [(n, index) for index, n in shared.items() if low <= self.lengths[index] <= high]
        near.sort(key=lambda item: -item[0])
        return [index for _, index in near[:CANDIDATES]]

    def best(self, text: str, threshold: float = THRESHOLD) -> FuzzyMatch | None:
        """The best unit scoring at least `threshold`, other than the identical sentence."""
        key = normalise(text)
        choices = {index: self.normalised[index] for index in self.candidates(key) if self.units[index][0] != text}
        found = process.extractOne(key, choices, scorer=fuzz.token_sort_ratio, score_cutoff=threshold)
        if found is None:
            return None
        _, score, index = found
        source, target, origin = self.units[index]
        suggestion, aligned = align_spans(text, source, target)
        return FuzzyMatch(score, source, suggestion, origin, aligned)
