"""A language is one module (issue 22, item 6): a module's `LANGUAGE` is all a stage needs,
and no stage knows a language by its tag.

A Dutch module written for the tests (tests/support/dutch.py) is registered at run time and
every stage picks it up: the configuration takes it as a target, ingest detects a Dutch passage,
segmentation and localisation build its edition with its dateline, the spoken form uses its
tables, typography its quotation marks, hygiene and QA run. Catalan, which Apertium targets, has
its own module with all its tables."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from babel.dates import format_date

from pipeline.audio.spoken import CURRENCY_SIGNS, spoken_form
from pipeline.catalogs.catalog import Translation
from pipeline.config import language_problem, load_config
from pipeline.errors import PipelineError
from pipeline.ingest import read_release
from pipeline.languages import LANGUAGES, Language, language, registered
from pipeline.localise import localise_target
from pipeline.localise.labels import load_labels
from pipeline.localise.places import city_name
from pipeline.localise.typography import label_colon, localise_quotes, quote
from pipeline.release import Paragraph, TranslationStatus
from pipeline.segment import segment_release
from pipeline.translate.glossary import Glossary
from pipeline.translate.hygiene import agree_articles, tidy
from pipeline.translate.protect import mask
from pipeline.translate.qa import Checker

from .conftest import write
from .support import dutch

PACKAGE = Path(__file__).resolve().parents[1] / "pipeline"
LANGUAGE_MODULES = PACKAGE / "languages"

RELEASE = """---
place: Vienna
date: 2024-03-05
---
# OSCE supports media freedom

The OSCE opened a training course for journalists today.

Wij zullen het werk met de partners in de regio voortzetten en dat is niet eenvoudig.
"""


@pytest.fixture
def nl():
    with registered(dutch.LANGUAGE) as spec:
        yield spec


def test_a_language_registered_from_a_module_reaches_every_stage(nl, tmp_path):
    # Configuration: a target language like any other.
    assert language_problem("nl") is None
    assert load_config(tmp_path, languages=("nl",)).languages == ("nl",)

    # Ingest: a Dutch paragraph of an English release is marked Dutch (its common words).
    release = read_release(write(tmp_path / "r.md", RELEASE))
    paragraphs = [block for block in release.blocks if isinstance(block, Paragraph)]
    assert {run.lang for run in paragraphs[-1].runs} == {"nl"}

    # Segmentation and localisation: the Dutch edition, its dateline from CLDR in Dutch.
    segmentation = segment_release(release)
    translations = tuple(Translation(segment.id, f"NL {segment.text}", "machine")
                         for segment in segmentation.segments)
    status = TranslationStatus(source=False, segments=len(translations), machine=len(translations))
    localised = localise_target(release, segmentation, "nl", translations, status, load_labels("nl"))
    assert localised.lang == "nl"
    assert localised.dateline == (f"{city_name('Europe/Vienna', 'nl_NL').upper()}, "
                                  f"{format_date(dt.date(2024, 3, 5), 'long', locale='nl_NL')}")
    assert localised.title.startswith("NL ")

    # The spoken form: the module's words for an address, its currency names and scale words.
    said = spoken_form("Mail pers@osce.org of bel +43 1 514; het kost EUR 2,5 miljoen.", "nl")
    assert "pers apenstaartje osce punt org" in said
    assert "plus vier drie, één, vijf één vier" in said
    assert "twee komma vijf miljoen euro" in said

    # Typography: its quotation marks, no space before high punctuation.
    assert quote("ja", "nl") == "„ja”"
    assert localise_quotes("Hij zei “ja” en ‘nee’.", "nl") == "Hij zei „ja” en ‚nee’."
    assert label_colon("Kantoor", "nl") == "Kantoor:"

    # Hygiene and QA run with the language's rules (here the defaults: no article agreement).
    assert tidy("Dit is  fout ; goed", "nl").text == "Dit is fout; goed"
    source = "The OSCE defends the freedom of the media."
    masked = mask(source, "nl", Glossary())
    codes = [f.code for f in Checker("nl").text(source, masked, "De OSCE verdedigt de freedom van de media.")]
    assert "source-language word" in codes
    assert agree_articles("de ⟦1⟧", masked, "nl", Glossary()).text == "de ⟦1⟧"


def test_a_registered_language_leaves_the_table_with_its_registration():
    with registered(dutch.LANGUAGE):
        assert language("nl") is dutch.LANGUAGE
    assert "nl" not in LANGUAGES
    with pytest.raises(PipelineError, match="not in the language table"):
        language("nl")
    assert language_problem("nl") is not None
    assert spoken_form("5 maart 2024", "nl") == "5 maart 2024"  # an unknown language is read as written


def test_each_module_is_one_language_named_by_its_tag_with_complete_tables():
    modules = {path.stem for path in LANGUAGE_MODULES.glob("*.py")} - {"__init__", "spec"}
    assert modules == set(LANGUAGES) >= {"en", "fr", "de", "it", "ru", "es", "ca"}
    for tag, spec in LANGUAGES.items():
        assert isinstance(spec, Language) and spec.tag == tag
        assert spec.spoken is not None, f"{tag}: no spoken forms"
        assert set(spec.spoken.currencies) == set(CURRENCY_SIGNS.values()), tag
        assert all(len(forms) == 3 for forms in [spec.spoken.percent, *spec.spoken.currencies.values(),
                                                 *spec.spoken.scales.values()]), tag
        if spec.qa.pivot:
            assert language(spec.qa.pivot).qa.own_words, f"{tag}: pivot {spec.qa.pivot} lists no words of its own"


def test_catalan_has_every_table():
    ca = language("ca")
    assert (ca.locale, ca.voice, ca.iso639_2) == ("ca_ES", "roa/ca", "cat")
    assert quote("sí", "ca") == "«sí»" and quote("sí", "ca", inner=True) == "“sí”"
    assert localise_quotes("Va dir “sí” a l'OSCE.", "ca") == "Va dir «sí» a l’OSCE."
    assert spoken_form("Viena, 5 d’abril del 2024: EUR 2,5 milions, el 3,5 %; premsa@osce.org, +43 1 514.",
                       "ca") == ("Viena, cinc d’abril del dos mil vint-i-quatre: dos coma cinc milions d'euros, "
                                 "el tres coma cinc per cent; premsa arrova osce punt org, més quatre tres, un, "
                                 "cinc un quatre.")
    assert spoken_form("1 de març, el 2n i el 21è", "ca") == "primer de març, el segon i el vint-i-unè"
    glossary = Glossary(terms=(("Organization", "Organització"),), genders=(("Organització", "f"),))
    masked = mask("the Organization", "ca", glossary)
    assert agree_articles("la ⟦1⟧", masked, "ca", glossary).text == "l’⟦1⟧"
    assert load_labels("ca").gettext("Contacts") == "Contacts"  # no catalog yet: English labels


# --- no stage knows a language by its tag -----------------------------------------------------------


def _is_tag(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value in LANGUAGES


def _holds_tag(node: ast.AST) -> bool:
    return _is_tag(node) or (isinstance(node, (ast.Tuple, ast.List, ast.Set)) and any(map(_is_tag, node.elts)))


def language_specific_code(tree: ast.AST) -> list[tuple[int, str]]:
    """Per-language tables keyed by a tag, and code that asks which language it is."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict) and any(key is not None and _is_tag(key) for key in node.keys):
            found.append((node.lineno, "a table keyed by language tags"))
        elif isinstance(node, ast.Compare) and any(map(_holds_tag, [node.left, *node.comparators])):
            found.append((node.lineno, "a comparison with a language tag"))
        elif isinstance(node, ast.Subscript) and _is_tag(node.slice):
            found.append((node.lineno, "a table looked up by a language tag"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("get", "startswith", "endswith") and any(map(_holds_tag, node.args)):
            found.append((node.lineno, f"{node.func.attr}() with a language tag"))
    return found


def test_no_module_outside_the_languages_package_knows_a_language_by_its_tag():
    """What differs between languages is in pipeline/languages/; a stage reads the Language's fields.
    (English named as the language of a text the pipeline writes, or as the default source, is a
    constant: `SUMMARY_LANG = "en"`; an engine's routes are keyed by pairs, the engine's own table.)"""
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if LANGUAGE_MODULES in path.parents:
            continue
        for line, what in language_specific_code(ast.parse(path.read_text(encoding="utf-8"))):
            problems.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {what}")
    assert not problems, "\n".join(problems)


def test_the_check_sees_tables_and_branches():
    code = """
WORDS = {"fr": "point", "de": "Punkt"}
if lang == "ru" or base in ("fr", "it") or tag.startswith("de") or WORDS["en"] or WORDS.get("es"):
    pass
"""
    assert [what for _, what in language_specific_code(ast.parse(code))] == [
        "a table keyed by language tags", "a comparison with a language tag", "a comparison with a language tag",
        "startswith() with a language tag", "a table looked up by a language tag", "get() with a language tag"]
