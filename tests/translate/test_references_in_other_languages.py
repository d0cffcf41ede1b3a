"""`memory align` and `evaluate` take past translations as offices write them (issue 21, item 3):
the kind line and the dateline in the translation's own language ("COMMUNIQUÉ DE PRESSE",
"WIEN, 5. März 2024 –", "ВЕНА, 5 марта 2024 г. –"), through the command line."""

from __future__ import annotations

import json

import pytest

from pipeline.catalogs.memory import TranslationMemory, memory_path

from ..conftest import write

ENGLISH = """PRESS RELEASE

# OSCE supports election observers in the region

VIENNA, 5 March 2024 – The OSCE opened a training course for election observers today. Forty observers from twelve countries take part in the course.

They will learn how to assess voter registration and the counting of votes. “Independent observation builds trust in elections,” the Director said.

## Background

The course is part of a project funded by voluntary contributions. The next course will take place in the autumn.
"""

TRANSLATIONS = {
    "fr": """COMMUNIQUÉ DE PRESSE

# L’OSCE soutient les observateurs électoraux de la région

VIENNE, 5 mars 2024 – L’OSCE a ouvert aujourd’hui un cours de formation pour les observateurs électoraux. Quarante observateurs de douze pays participent au cours.

Ils apprendront à évaluer l’inscription des électeurs et le dépouillement des votes. « L’observation indépendante renforce la confiance dans les élections », a déclaré le Directeur.

## Contexte

Le cours fait partie d’un projet financé par des contributions volontaires. Le prochain cours aura lieu à l’automne.
""",
    "de": """PRESSEMITTEILUNG

# OSZE unterstützt Wahlbeobachter in der Region

WIEN, 5. März 2024 – Die OSZE hat heute einen Schulungskurs für Wahlbeobachter eröffnet. Vierzig Beobachter aus zwölf Ländern nehmen an dem Kurs teil.

Sie lernen, die Wählerregistrierung und die Stimmenauszählung zu beurteilen. „Unabhängige Beobachtung schafft Vertrauen in Wahlen“, sagte der Direktor.

## Hintergrund

Der Kurs ist Teil eines Projekts, das aus freiwilligen Beiträgen finanziert wird. Der nächste Kurs findet im Herbst statt.
""",
    "ru": """ПРЕСС-РЕЛИЗ

# ОБСЕ поддерживает наблюдателей за выборами в регионе

ВЕНА, 5 марта 2024 г. – ОБСЕ сегодня открыла учебный курс для наблюдателей за выборами. В курсе участвуют сорок наблюдателей из двенадцати стран.

Они научатся оценивать регистрацию избирателей и подсчёт голосов. «Независимое наблюдение укрепляет доверие к выборам», – сказал директор.

## Справочная информация

Курс является частью проекта, финансируемого за счёт добровольных взносов. Следующий курс состоится осенью.
""",
    "es": """COMUNICADO DE PRENSA

# La OSCE apoya a los observadores electorales de la región

VIENA, 5 de marzo de 2024 – La OSCE inauguró hoy un curso de formación para observadores electorales. Cuarenta observadores de doce países participan en el curso.

Aprenderán a evaluar el registro de votantes y el recuento de votos. «La observación independiente genera confianza en las elecciones», dijo el Director.

## Antecedentes

El curso forma parte de un proyecto financiado con contribuciones voluntarias. El próximo curso tendrá lugar en otoño.
""",
}
TITLES = {lang: text.split("\n")[2].removeprefix("# ") for lang, text in TRANSLATIONS.items()}


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_memory_align_reads_the_translation_in_its_language(project, cli, lang):
    english = write(project / "a.en.md", ENGLISH)
    translated = write(project / f"a.{lang}.md", TRANSLATIONS[lang])
    code, out, err = cli("memory", "align", english, translated, "--lang", lang)
    assert code == 0, out + err
    with TranslationMemory(memory_path(project / "locales")) as memory:
        # The title pairs with the title, and the first sentence without its dateline with its own.
        assert memory.lookup(lang, "OSCE supports election observers in the region")[0] == TITLES[lang]
        first = TRANSLATIONS[lang].split("\n")[4].split(" – ", 1)[1].split(". ")[0] + "."
        assert memory.lookup(lang, "The OSCE opened a training course for election observers today.")[0] == first


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_evaluate_reads_references_in_their_language(project, cli, tmp_path, lang):
    archive = tmp_path / "archive"
    write(archive / "observers.en.md", ENGLISH)
    write(archive / f"observers.{lang}.md", TRANSLATIONS[lang])
    code, out, err = cli("evaluate", "--references", archive, "--lang", lang, "--models-dir", tmp_path / "models",
                         "--format", "json")
    assert code == 0, out + err
    result = json.loads(out)
    assert result["releases"] == 1 and result["sentences"] >= 6


def test_a_reference_in_an_unexpected_language_is_refused_naming_the_file(project, cli, tmp_path):
    """The translation is read in --lang: a French reference given as German has no German month."""
    archive = tmp_path / "archive"
    write(archive / "observers.en.md", ENGLISH)
    reference = write(archive / "observers.de.md", TRANSLATIONS["fr"])
    code, out, err = cli("evaluate", "--references", archive, "--lang", "de", "--models-dir", tmp_path / "models")
    assert code == 2
    assert f"{reference}:5: unknown month 'mars' in dateline date '5 mars 2024' (not a month name in German or English)" in err
