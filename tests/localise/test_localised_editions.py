"""End to end: every edition of a run reads as native outside the release's running text."""

import re

from pipeline.localise.labels import load_labels

from ..conftest import EXAMPLE, write
from .test_labels import LABEL_LANGUAGES, code_messages
from .test_places import seed_dateline


def editions(project, release_id_prefix: str) -> dict[str, str]:
    return {path.parent.name: path.read_text() for path in project.glob(f"outputs/{release_id_prefix}*/*/*.txt")}


def test_seed_datelines_and_labels_in_all_six_languages(project, cli, seed):
    code, out, err = cli("run", seed)
    assert code == 0, err
    texts = editions(project, "2024-02-21")
    assert sorted(texts) == sorted(["en", *LABEL_LANGUAGES])
    for lang, text in texts.items():
        assert f"\n{seed_dateline(lang)} – " in text, lang
    messages = code_messages()
    for lang in LABEL_LANGUAGES:
        labels = load_labels(lang)
        english_only = [m for m in messages if labels.gettext(m) != m and "%" not in m]
        for message in english_only:  # a label appears as a whole line (block) in the text edition
            assert not re.search(rf"^{re.escape(message)}:?$|^{re.escape(message)}: ", texts[lang], re.M), \
                (lang, message)
        assert texts[lang].startswith(labels.gettext("Press release").upper() + "\n")


def test_vienna_and_tbilisi_and_an_unknown_place(project, cli):
    vienna = EXAMPLE
    tbilisi = write(project / "tbilisi.md", "# Talks resume\n\nTBILISI, 9 February 2024 – Talks resumed.\n")
    geneva = write(project / "geneva.md", "# Talks end\n\nGENEVA, 10 February 2024 – Talks ended.\n")
    code, out, err = cli("run", vienna, tbilisi, geneva, "--langs", "fr,de,ru")
    assert code == 0, err
    assert "VIENNE, 5 mars 2024 – " in editions(project, "2024-03-05")["fr"]
    assert "WIEN, 5. März 2024 – " in editions(project, "2024-03-05")["de"]
    assert "ТБИЛИСИ, 9 февраля 2024\u202fг. – " in editions(project, "2024-02-09")["ru"]
    assert "GENEVA, 10. Februar 2024 – " in editions(project, "2024-02-10")["de"]
    assert err.count("no CLDR city is called 'GENEVA'") == 1


def test_numbers_and_dates_of_machine_translated_text_in_the_target_locale(project, cli):
    code, out, err = cli("run", EXAMPLE, "--langs", "fr,es")  # Apertium, installed by the set-up
    assert code == 0, err
    texts = editions(project, "2024-03-05")
    assert "1\u202f248" in texts["fr"] and "12,5\u00a0%" in texts["fr"] and "14 février 2024" in texts["fr"]
    assert "1.248" in texts["es"] and "41,5\u00a0%" in texts["es"] and "14 de febrero de 2024" in texts["es"]
    for text in texts.values():  # years, phone numbers and postal codes as written
        assert "2023" in text and "+43 1 514 36 6000" in text and "1010 Vienna" in text
