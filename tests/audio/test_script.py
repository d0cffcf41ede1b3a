from pipeline.audio.script import spoken_script
from pipeline.localise import localise_source, localise_target
from pipeline.ingest import read_release
from pipeline.localise.labels import load_labels
from pipeline.release import TranslationStatus
from pipeline.segment import segment_release

from ..conftest import EXAMPLE


def example(lang: str = "en"):
    release = read_release(EXAMPLE)
    segmentation = segment_release(release)
    if lang == "en":
        return localise_source(release, segmentation, load_labels("en"))
    status = TranslationStatus(source=False, segments=len(segmentation.segments), untranslated=len(segmentation.segments))
    return localise_target(release, segmentation, lang, (), status, load_labels(lang))


def test_script_for_the_ear():
    sections = spoken_script(example(), "OSCE")
    assert [s.title for s in sections] == [example().title, "Recommendations", "Contacts"]
    said = [u.text for s in sections for u in s.utterances]
    assert said[:3] == ["Press release.", example().title, "Vienna, 5 March 2024."]
    assert not any("http" in text or "**" in text or "[" in text for text in said)
    assert "The links mentioned are listed in the text edition." in said
    assert said[-1] == "Published by OSCE Secretariat."
    assert "Office: +43 1 514 36 6000." in said


def test_untranslated_passages_are_read_with_the_source_voice():
    sections = spoken_script(example("de"), "OSCE")
    utterances = [u for s in sections for u in s.utterances]
    assert utterances[0].text == "Pressemitteilung." and utterances[0].lang == "de"
    assert utterances[1].lang == "en"  # the title, not translated
    assert any(u.text.startswith("Wien, 5. März 2024") and u.lang == "de" for u in utterances)
    assert sections[-1].title == "Kontakt" and utterances[-1].text == "Veröffentlicht von OSCE Secretariat."
