"""Sentence alignment of a release and its human translation (Gale & Church, 1993).

Gale–Church aligns two sequences of sentences by their lengths alone: a
translation's length in characters is about proportional to the original's
(ratio `C`, variance `S2` per character), and most sentences map one to one.
Dynamic programming finds the cheapest sequence of "beads" (1-1, 1-0, 0-1,
2-1, 1-2, 2-2), each costing -log(prior of its kind × P(length mismatch)),
where the mismatch δ = (l2 − l1·C) / √(l1·S2) is taken as standard normal.
It needs no dictionary, works for any language pair the pipeline has, and is
robust because press releases keep their paragraph order.

A pair goes into the memory only when it is *confident*: a 1-1 bead whose
length mismatch is plausible (two-sided p ≥ `MIN_P`) and whose two sentences
play the same role in the release (a heading with a heading, body with body,
from the segment ids). 2-1 and 1-2 beads are right often enough to align the
rest, but are not sentence pairs a memory can reuse.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..ingest import read_release
from ..release import Segment
from ..segment import segment_release

C, S2 = 1.0, 6.8  # Gale & Church's values for European languages
# Prior probability of each bead kind (source sentences, target sentences), from their paper.
BEADS = {(1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089, (1, 2): 0.089, (2, 2): 0.011}
MIN_P = 0.05  # a 1-1 bead less likely than this is aligned but not trusted


@dataclass(frozen=True)
class Bead:
    source: tuple[int, ...]  # sentence indexes in the source
    target: tuple[int, ...]
    p: float  # two-sided probability of the length mismatch


@dataclass(frozen=True)
class Alignment:
    pairs: tuple[tuple[str, str], ...]  # confident (source, translation) sentence pairs
    beads: int  # all beads found
    source_sentences: int
    target_sentences: int


def _p_delta(l1: int, l2: int) -> float:
    """Two-sided probability of a length mismatch at least this large."""
    if l1 == 0 and l2 == 0:
        return 1.0
    mean = (l1 + l2 / C) / 2  # Gale & Church use the mean of both lengths
    delta = (l2 - l1 * C) / math.sqrt(max(mean, 1) * S2)
    return max(math.erfc(abs(delta) / math.sqrt(2)), 1e-12)


def gale_church(source: Sequence[int], target: Sequence[int]) -> list[Bead]:
    """The cheapest bead sequence for sentences of these lengths (characters)."""
    n, m = len(source), len(target)
    cost = [[math.inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == math.inf:
                continue
            for (di, dj), prior in BEADS.items():
                if i + di > n or j + dj > m:
                    continue
                p = _p_delta(sum(source[i:i + di]), sum(target[j:j + dj]))
                total = cost[i][j] - math.log(prior) - math.log(p)
                if total < cost[i + di][j + dj]:
                    cost[i + di][j + dj], back[i + di][j + dj] = total, (di, dj)
    beads, i, j = [], n, m
    while (i, j) != (0, 0):
        di, dj = back[i][j]
        beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j)),
                          _p_delta(sum(source[i - di:i]), sum(target[j - dj:j]))))
        i, j = i - di, j - dj
    return beads[::-1]


def role(segment: Segment) -> str:
    return segment.id.split(".")[0]


def align_segments(source: Sequence[Segment], target: Sequence[Segment]) -> Alignment:
    beads = gale_church([len(s.text) for s in source], [len(t.text) for t in target])
    pairs = tuple((source[b.source[0]].text, target[b.target[0]].text) for b in beads
                  if len(b.source) == 1 and len(b.target) == 1 and b.p >= MIN_P
                  and role(source[b.source[0]]) == role(target[b.target[0]]))
    return Alignment(pairs, len(beads), len(source), len(target))


def align_releases(source_path: Path, target_path: Path, lang: str, source_lang: str = "en") -> Alignment:
    """Read both files with the pipeline's ingest and segmentation, each in its own language
    (the translation's kind line and dateline as written in `lang`), and align their sentences."""
    source = segment_release(read_release(source_path, source_lang)).segments
    target = segment_release(read_release(target_path, lang)).segments
    return align_segments(source, target)
