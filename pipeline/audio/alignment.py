"""Which written sentence each spoken sentence is: the alignment behind the EPUB's media overlay.

The spoken script is made for the ear (audio/script.py) and the text for
the eye (the EPUB's content document, editions/epub_xhtml.py), so they are
matched sentence by sentence, in order, by their written form (case,
spacing, " [n]" link marks and closing punctuation aside): a sentence only
written (a web or postal address, the list of links, the copyright line)
gets no clip, and a sentence only said ("The links mentioned are listed…",
"Published by …") is left out.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Sequence

from .recording import Recording

TRAILING = ".:;,!?…"
LINK_MARK = re.compile(r"\s*\[\d+\]")
NOTE_MARK = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")  # a footnote reference as the text edition writes it: not said


def match_key(text: str) -> str:
    """What a written and a spoken sentence are compared by: case, spacing, link and note marks and end
    punctuation aside."""
    text = NOTE_MARK.sub("", LINK_MARK.sub("", text))
    return " ".join(text.casefold().split()).strip(TRAILING + " ")


@dataclass(frozen=True)
class Clip:
    element: str  # the sentence's id in the content document
    begin_ms: int
    end_ms: int


def synchronise(written: Sequence[tuple[str, str]], timeline: Recording) -> list[Clip]:
    """Each written sentence that is said, with its clip: from its start to the next sentence's start.

    `written` is each written sentence's (element id, match key), in reading order.
    Matched in order by `match_key` (difflib's longest common subsequence of keys),
    so that sentences only written or only said fall out on either side.
    """
    spoken = timeline.sentences
    total = round(timeline.seconds * 1000)
    written_keys = [key for _, key in written]
    spoken_keys = [match_key(sentence.text) for sentence in spoken]
    matcher = difflib.SequenceMatcher(None, written_keys, spoken_keys, autojunk=False)
    clips = []
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            index = block.b + offset
            end = spoken[index + 1].start_ms if index + 1 < len(spoken) else total
            clips.append(Clip(written[block.a + offset][0], spoken[index].start_ms,
                              max(end, spoken[index].end_ms)))
    return clips
