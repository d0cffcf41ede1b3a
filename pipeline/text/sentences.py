"""Where sentences end, without any downloaded model.

Two questions, two functions:

- `split_sentences`: the sentences of a unit's text (with its inline tags,
  `<1>…</1>`), each a translation segment (segment.py);
- `sentence_spans`: where each sentence of a written text is, as the audio
  edition says them (audio/script.py) and the EPUB marks them for its media
  overlay (editions/epub_xhtml.py). It is `split_sentences` with one more
  rule: a day or ordinal written with a dot ("Wien, 5. März 2024.") does not
  end a sentence.
"""

from __future__ import annotations

import re

from .patterns import INLINE_TAG

# Words that end with a full stop without ending the sentence (lower case).
ABBREVIATIONS = frozenset(
    """mr mrs ms mx dr prof st no nos art arts para paras vol vols fig figs pp p
    e.g i.e cf vs approx amb h.e gen col lt sgt capt adm rev hon jr sr
    inc ltd co corp dept est ul str ave blvd tel ext
    jan feb mar apr jun jul aug sep sept oct nov dec
    a.m p.m u.s u.k u.n e.u""".split()
)
CLOSERS = "\"”’»)]"
OPENERS = "\"“‘«(["
# A sentence ends at . ! ? or … (and any closing quotes or brackets), then space.
BOUNDARY = re.compile(r"[.!?…]+[" + re.escape(CLOSERS) + r"]*\s+")
OPENING = re.compile("[" + re.escape(OPENERS) + "]*")


def split_sentences(text: str) -> list[str]:
    """Split running text into sentences without any downloaded model.

    A boundary needs the next sentence to start with a capital, a digit or an
    opening quote; it is not taken after a known abbreviation, an initial
    ("J. Smith"), or inside a tagged link.

    Linear in the length of the text: each candidate boundary looks only at
    the word before it and a few characters after it, and the tags opened
    since the sentence's start are counted as the scan goes (a paragraph of
    a megabyte splits in proportion to its length).
    """
    sentences: list[str] = []
    start = 0
    depth, scanned = 0, 0  # tags opened minus closed in text[start:scanned]
    for match in BOUNDARY.finditer(text):
        stop, end = match.start(), match.end()
        for tag in INLINE_TAG.finditer(text, scanned, stop):
            depth += -1 if tag.group(1) else 1
        scanned = stop
        if depth == 0 and _is_boundary(text, start, stop, end):
            sentences.append(text[start:end].strip())
            start = scanned = end
            depth = 0
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


WORD_BREAK = frozenset(" \t\n\r\f\v(“\"‘«")  # what ends the word before a full stop looking back


def _is_boundary(text: str, start: int, stop: int, next_start: int) -> bool:
    """Whether the punctuation at text[stop:next_start] ends the sentence begun at `start`
    (the caller has checked that no tag is open); reads only the words around it."""
    following = OPENING.match(text, next_start).end()
    ahead = text[following:following + 12]
    ahead = INLINE_TAG.sub("", ahead) if ahead.startswith("<") else ahead
    if not ahead or not (ahead[0].isupper() or ahead[0].isdigit()):
        return False
    if text[stop] == ".":
        word_start = stop
        while word_start > start and text[word_start - 1] not in WORD_BREAK and not text[word_start - 1].isspace():
            word_start -= 1
        word = INLINE_TAG.sub("", text[word_start:stop]).lower()
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            return False
    return True


ORDINAL_DOT = re.compile(r"(?<![\d.,])\d{1,2}\.$")  # a day or ordinal written with a dot, not a sentence's end


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where the sentences of a text are: (start, end) of each, as the script says them and the EPUB marks them."""
    spans: list[tuple[int, int]] = []
    position = 0
    for written in split_sentences(text):
        start = max(text.find(written, position), position)  # split_sentences only strips
        position = start + len(written)
        if spans and ORDINAL_DOT.search(text[spans[-1][0]:spans[-1][1]]):
            spans[-1] = (spans[-1][0], position)  # "Wien, 5." + "März 2024.": a German ordinal, one sentence
        else:
            spans.append((start, position))
    return spans
