from dataclasses import replace

from pipeline.ingest import read_release
from pipeline.release import Paragraph, Run
from pipeline.segment import decode_runs, encode_runs, rebuild, segment_release

from .conftest import EXAMPLE


def test_tags_round_trip_and_broken_tags_keep_text():
    runs = (Run("See "), Run("the report", href="https://x.org/r"), Run(" and "), Run("this", emphasis=True), Run("."))
    text, styles = encode_runs(runs)
    assert text == "See <1>the report</1> and <2>this</2>."
    assert decode_runs(text, styles) == runs
    assert decode_runs("Voir <2>ceci</2> et <1>le rapport</1>.", styles)[1] == Run("ceci", emphasis=True)
    assert "".join(r.text for r in decode_runs("Voir <1>le rapport et <2>ceci.", styles)) == "Voir le rapport et ceci."


def test_ids_are_stable_and_survive_an_inserted_paragraph():
    release = read_release(EXAMPLE)
    first = segment_release(release)
    assert first == segment_release(read_release(EXAMPLE))
    ids = [segment.id for segment in first.segments]
    assert len(ids) == len(set(ids))
    inserted = replace(release, blocks=(Paragraph((Run("A new first paragraph."),)), *release.blocks))
    second = segment_release(inserted)
    assert {s.id for s in first.segments} < {s.id for s in second.segments}


def test_duplicate_sentences_get_distinct_ids():
    release = read_release(EXAMPLE)
    doubled = replace(release, blocks=release.blocks + release.blocks[:1])
    ids = [segment.id for segment in segment_release(doubled).segments]
    assert len(ids) == len(set(ids))


def test_rebuild_with_source_text_is_identity_and_with_translations_replaces_text():
    release = read_release(EXAMPLE)
    segmentation = segment_release(release)
    assert rebuild(release, segmentation, {}, release.lang) == release
    texts = {s.id: s.text.upper() for s in segmentation.segments}
    upper = rebuild(release, segmentation, texts, "xx")
    assert upper.title == release.title.upper() and upper.lang == "xx"
    link_runs = [r for b in upper.blocks if isinstance(b, Paragraph) for r in b.runs if r.href]
    assert [r.text for r in link_runs] == ["OSCE SAFETY OF JOURNALISTS PROJECT", "OSCE DOCUMENT LIBRARY"]
    assert upper.contacts[0].name == release.contacts[0].name.upper()
    assert upper.contacts[1].name == "Jana Novak"  # people's names are not translated


def test_untranslated_sentences_are_marked_as_source_language_passages():
    release = read_release(EXAMPLE)
    segmentation = segment_release(release)
    units = [s.unit for s in segmentation.segments]
    unit = next(u for u in units if units.count(u) > 1 and segmentation.units[u].role == "body")
    same_unit = [s for s in segmentation.segments if s.unit == unit]
    texts = {s.id: "Traduit." for s in segmentation.segments if s.unit != unit}
    texts[same_unit[0].id] = "Première phrase."
    partial = rebuild(release, segmentation, texts, "fr")
    path = segmentation.units[unit].path
    runs = partial.blocks[path[1]].parts[path[2]]
    assert runs[0] == Run("Première phrase.") and runs[1] == Run(" ")
    assert runs[2:] and {r.lang for r in runs[2:]} == {"en"}
    untouched = rebuild(release, segmentation, {}, "fr")
    assert all(r.lang == "en" for b in untouched.blocks if isinstance(b, Paragraph) for r in b.runs)
