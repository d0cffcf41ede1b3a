"""The whole pipeline (issue 23, item 8): a passage in another language is byte-identical, its quotation
marks included, in every language's editions, and no mark of the engine is published (the source's own
hashtags and handles aside). Apertium translates fr, es and it (no Argos model in a test's project);
de and ru have no engine here and show the English text."""

import json
import re

from pipeline.text.patterns import EMAIL

from ..conftest import write

RELEASE = """PRESS RELEASE

# Mission welcomes the municipal reform commitment

VIENNA, 3 May 2024 – The minister said: „Wir werden die Empfehlungen umsetzen.“ The mission welcomed this.

The mayor of Dragash/Dragaš added: „Ovo je važan korak.“ The council in Prizren/Prizreni agreed.

The ambassador replied: « Nous agirons. » The Xyzzyq meeting (Qwzx) ended.

The Head of Mission quoted the motto „*Die Wahrheit ist den Menschen zumutbar*“ before the press.

Follow #MediaFreedom, #Elections and @OSCE_RFoM for updates from the Blorf-Wqqq office.

Contact: Jana Novak, jana.novak@osce.org
"""
PASSAGES = ["„Wir werden die Empfehlungen umsetzen.“", "„Ovo je važan korak.“", "« Nous agirons. »",
            "„Die Wahrheit ist den Menschen zumutbar“"]
MARKED = r"\S*[*#@]+[^\W_]\S*"  # a mark before a word, wherever it stands, and the word around it
LANGS = ("en", "fr", "de", "it", "ru", "es")


def marks_of(text: str) -> list[str]:
    """The marks before words, in order (e-mail addresses left out)."""
    return re.findall(r"[*#@]+(?=[^\W_])", EMAIL.sub("", text))


def published(project, edition):
    return {lang: path.read_text(encoding="utf-8") for lang in LANGS
            for path in project.glob(f"outputs/*/{lang}/*.{edition}")}


def test_foreign_passages_are_byte_identical_and_no_engine_mark_is_published(project, cli):
    source = write(project / "release.md", RELEASE)
    code, out, err = cli("run", source, "--langs", "fr,de,it,ru,es", "--editions", "text,json")
    assert code == 0, err
    texts, data = published(project, "txt"), published(project, "json")
    assert set(texts) == set(data) == set(LANGS)
    for lang, text in texts.items():
        for passage in PASSAGES:
            assert text.count(passage) == 1, (lang, passage)  # marks, spaces and words as written
    for lang in ("fr", "es", "it"):  # translated by Apertium, which marked the unknown words
        assert "Dragash/Dragaš" in texts[lang] and "Prizren/Prizreni" in texts[lang] and "(Qwzx)" in texts[lang]
    # Every mark before a word in a published edition is one of the source's, in the same place: the
    # English edition's hashtags and handles (Apertium translates a hashtag's word: #Elections, #Élections).
    for editions in (texts, {lang: json.dumps(json.loads(d), ensure_ascii=False) for lang, d in data.items()}):
        expected = marks_of(editions["en"])
        assert expected.count("#") == 2 and expected.count("@") == 1
        for lang, text in editions.items():
            assert marks_of(text) == expected, (lang, re.findall(MARKED, EMAIL.sub("", text)))
    assert all("#MediaFreedom" in text and "@OSCE_RFoM" in text for text in texts.values())
    catalog = next(project.glob("locales/fr/releases/*.po")).read_text(encoding="utf-8")
    assert "unknown word: Dragaš" in catalog and "Ovo je" not in catalog and "Wir werden" not in catalog
