"""Segment-id stability (segment.py), checked with hypothesis on releases parsed from Markdown.

Adding, removing or editing one block (a paragraph, heading, list or quote)
of a release leaves every other block's segments as they were: the same
sentences with the same ids. Examples: 1,000 per property when CI is set
(tests/hypothesis_profile.py).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from pipeline.ingest import parse_release
from pipeline.release import Segmentation
from pipeline.segment import segment_release

from . import hypothesis_profile  # noqa: F401  (registers and loads the profile)

# Words that make no block look like something else to the assembler (contacts, further
# information, a mail footer, a copyright line) or like another language; a small vocabulary,
# so that sentences repeat (repeats are where ids could shift).
WORDS = ("observers", "elections", "council", "report", "budget", "minister", "reform", "agreed", "noted",
         "said", "will", "new", "the", "and", "of", "in", "on", "were", "this", "week", "rights", "law", "2024")


@st.composite
def sentences(draw) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6))
    first = draw(st.sampled_from(WORDS)).capitalize()
    styled = draw(st.sampled_from(["plain"] * 3 + ["emphasis", "link", "strong"]))
    if styled != "plain" and words:
        index = draw(st.integers(0, len(words) - 1))
        words[index] = {"emphasis": f"*{words[index]}*", "strong": f"**{words[index]}**",
                        "link": f"[{words[index]}](https://example.org/{words[index]})"}[styled]
    return " ".join([first, *words]) + draw(st.sampled_from(".!?"))


@st.composite
def blocks(draw) -> tuple[str, tuple[str, ...]]:
    """(kind, its sentences or items); rendered into Markdown by `markdown`."""
    kind = draw(st.sampled_from(["paragraph"] * 4 + ["heading", "list", "ordered", "quote"]))
    if kind == "heading":
        words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
        return kind, (" ".join(words).capitalize(),)
    return kind, tuple(draw(st.lists(sentences(), min_size=1, max_size=3 if kind == "paragraph" else 2)))


def markdown(title: str, dateline: bool, body: list[tuple[str, tuple[str, ...]]]) -> str:
    parts = [f"# {title}"]
    for position, (kind, texts) in enumerate(body):
        # Neighbouring lists get different markers, so that Markdown never merges them into one.
        if kind == "paragraph":
            parts.append(" ".join(texts))
        elif kind == "heading":
            parts.append(f"## {texts[0]}")
        elif kind == "list":
            parts.append("\n".join(f"{'-*'[position % 2]} {text}" for text in texts))
        elif kind == "ordered":
            parts.append("\n".join(f"{n}{'.)'[position % 2]} {text}" for n, text in enumerate(texts, 1)))
        else:
            parts.append("\n".join(f"> {text}" for text in texts))
    if dateline and body and body[0][0] == "paragraph":
        parts[1] = "VIENNA, 5 March 2024 – " + parts[1]
    return "\n\n".join(parts) + "\n"


@st.composite
def edits(draw):
    """(title, dateline, the blocks before, after, which blocks are untouched: (index before, index after),
    and where the edit is: the index of the block inserted, removed or replaced)."""
    title = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5))).capitalize()
    dateline = draw(st.booleans())
    before = draw(st.lists(blocks(), min_size=1, max_size=8))
    how = draw(st.sampled_from(["insert", "remove", "replace"] if len(before) > 1 else ["insert", "replace"]))
    if how == "insert":
        at = draw(st.integers(0, len(before)))
        after = [*before[:at], draw(blocks()), *before[at:]]
        kept = [(i, i if i < at else i + 1) for i in range(len(before))]
    else:
        at = draw(st.integers(0, len(before) - 1))
        after = [*before[:at], *([draw(blocks())] if how == "replace" else []), *before[at + 1:]]
        shift = 0 if how == "replace" else 1
        kept = [(i, i if i < at else i - shift) for i in range(len(before)) if i != at]
    return title, dateline, before, after, kept, at


def segments_by_block(segmentation: Segmentation) -> dict[int, list[tuple[str, str]]]:
    """Block index → [(segment id, text)], in order (body units have paths (1, block, part))."""
    out: dict[int, list[tuple[str, str]]] = {}
    for segment in segmentation.segments:
        path = segmentation.units[segment.unit].path
        if path[0] == 1:
            out.setdefault(path[1], []).append((segment.id, segment.text))
    return out


def segmented(title: str, dateline: bool, body) -> tuple[Segmentation, int]:
    release = parse_release(markdown(title, dateline, body), Path("release.md"))
    assert len(release.blocks) == len(body), "the strategy should give one block per generated block"
    return segment_release(release), len(release.blocks)


def check_stable(edit, *, repeats_too: bool) -> None:
    title, dateline, before, after, kept, _ = edit
    old, _ = segmented(title, dateline, before)
    new, _ = segmented(title, dateline, after)
    old_blocks, new_blocks = segments_by_block(old), segments_by_block(new)
    # A sentence said more than once (in either version) is numbered by its order: body.x, body.x.2 …
    repeated = {text for seg in (old, new) for text, n in Counter(s.text for s in seg.segments).items() if n > 1}
    for i, j in kept:
        was, now = old_blocks.get(i, []), new_blocks.get(j, [])
        assert [text for _, text in was] == [text for _, text in now]  # the same sentences, split the same way
        for (old_id, text), (new_id, _) in zip(was, now):
            if repeats_too or text not in repeated:
                assert old_id == new_id, (text, old_id, new_id)
    assert [s.id for s in old.segments if s.unit == 0] == [s.id for s in new.segments if s.unit == 0]  # the title


@given(edits())
def test_an_edit_elsewhere_keeps_every_other_sentences_id(edit):
    check_stable(edit, repeats_too=False)


@given(edits())
def test_an_edit_after_a_repeated_sentence_keeps_its_id(edit):
    """A sentence said more than once is numbered by its order (body.x, body.x.2, …): an edit after
    it never renumbers it. (Adding a copy *before* it does: ids come from the text alone, and two
    copies of a sentence differ only by their order. The catalog loses nothing then: see
    tests/catalogs/test_catalog.py::test_a_copy_added_before_a_reviewed_sentence_gets_its_translation.)"""
    title, dateline, before, after, kept, at = edit
    check_stable((title, dateline, before, after, [(i, j) for i, j in kept if i < at], at), repeats_too=True)


@given(edits())
def test_ids_are_unique_and_the_same_on_every_run(edit):
    title, dateline, before, *_ = edit
    first, _ = segmented(title, dateline, before)
    second, _ = segmented(title, dateline, before)
    assert first == second
    ids = [segment.id for segment in first.segments]
    assert len(ids) == len(set(ids))
