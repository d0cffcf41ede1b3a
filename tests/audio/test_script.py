import re

import pytest

from pipeline.audio.lexicon import load_lexicon
from pipeline.audio.script import spoken_script, speech_script
from pipeline.localise import localise_source, localise_target
from pipeline.ingest import read_release
from pipeline.localise.labels import load_labels
from pipeline.release import TranslationStatus
from pipeline.segment import segment_release
from pipeline.translate.glossary import Glossary

from ..conftest import EXAMPLE

LANGUAGES = ["en", "fr", "de", "it", "ru", "es"]
DOT = {"en": "dot", "fr": "point", "de": "Punkt", "it": "punto", "ru": "точка", "es": "punto"}


def example(lang: str = "en"):
    release = read_release(EXAMPLE)
    segmentation = segment_release(release)
    if lang == "en":
        return localise_source(release, segmentation, load_labels("en"))
    status = TranslationStatus(source=False, segments=len(segmentation.segments), untranslated=len(segmentation.segments))
    return localise_target(release, segmentation, lang, (), status, load_labels(lang))


def lexicons(lang: str):
    return [load_lexicon(lang), load_lexicon("en")]


def test_script_for_the_ear():
    sections = spoken_script(example(), "OSCE", lexicons("en"))
    assert [s.title for s in sections] == [example().title, "“Every attack on a journalist is…",
                                           "The report, prepared with the support…", "Recommendations", "Contacts"]
    written = [s.written for section in sections for s in section.sentences]
    said = [s.spoken for section in sections for s in section.sentences]
    assert written[:3] == ["Press release.", example().title, "Vienna, 5 March 2024."]
    assert said[2] == "Vienna, the fifth of March two thousand and twenty-four."
    assert not any("http" in text or "**" in text or "[" in text or "@" in text for text in said)
    assert "The links mentioned are listed in the text edition." in said
    assert said[-1] == "Published by O S C E Secretariat."
    assert "Office: plus four three, one, five one four, three six, six zero zero zero." in said
    assert "E-mail: Jana dot Novak at o s c e dot org." in said
    assert any("two point five million euros" in text for text in said)


def test_untranslated_passages_are_read_with_the_source_voice():
    sections = spoken_script(example("de"), "OSCE", lexicons("de"))
    utterances = [u for s in sections for u in s.utterances]
    assert utterances[0].text == "Pressemitteilung." and utterances[0].lang == "de"
    assert utterances[1].lang == "en"  # the title, not translated
    assert any(u.text == "Wien, fünfter März zweitausendvierundzwanzig." and u.lang == "de" for u in utterances)
    assert sections[-1].title == "Kontakt"
    contacts = sections[-1].utterances
    # The unit's name and the office in the closing line stay English: the English voice reads them.
    assert contacts[1].text.startswith("Press and Public Information Section") and contacts[1].lang == "en"
    assert [(u.text, u.lang) for u in contacts[-2:]] == [("Veröffentlicht von", "de"), ("O S C E Secretariat.", "en")]
    # The further-information line, untranslated, is English too.
    assert any(u.text == "For further information, please visit." and u.lang == "en" for u in utterances)


def test_the_office_comes_from_the_glossary():
    glossary = Glossary((("OSCE Secretariat", "Secrétariat de l’OSCE"),))
    sections = spoken_script(example("fr"), "OSCE", lexicons("fr"), glossary.terms)
    last = sections[-1].sentences[-1]
    assert last.written == "Publié par Secrétariat de l’OSCE." and {u.lang for u in last.parts} == {"fr"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_speech_script_reads_addresses_and_phone_numbers(lang):
    script = speech_script(example(lang), lexicons(lang))
    assert "@" not in script
    contacts = script.split("\n## 5. ")[1]
    # Each e-mail address is said with the language's word for "dot" (press@osce.org, Jana.Novak@osce.org).
    assert contacts.count(f" {DOT[lang]} ") >= 3
    # No phone number is read as a number of thousands: only single digits between the pauses.
    for line in contacts.splitlines():
        if re.search(r"\bplus\b|\bpiù\b|\bmás\b|\bплюс\b", line):
            assert not re.search(r"\d", line)
            groups = re.split(r",\s*", line.split(": ", 1)[1].rstrip("."))
            assert len(groups) >= 4
    assert not re.search(r"\d", script.split("\n## 5. ")[1])
