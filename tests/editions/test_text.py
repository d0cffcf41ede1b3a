import re
from dataclasses import replace

import pytest

from pipeline.editions.data import release_data
from pipeline.editions.text import TextEdition
from pipeline.ingest import read_release
from pipeline.localise import localise_source
from pipeline.localise.labels import load_labels
from pipeline.localise.typography import labelled, localise_quotes
from pipeline.release import Labels
from pipeline.segment import segment_release

from ..conftest import EXAMPLE


def render(path) -> str:
    release = read_release(path)
    data = TextEdition().render(localise_source(release, segment_release(release), Labels("en"))).data
    return data.decode("utf-8")


def test_seed_text_edition(seed):
    text = render(seed)
    blocks = text.split("\n\n")
    assert blocks[0] == "PRESS RELEASE"
    assert blocks[1].startswith("Deteriorating human rights situation")
    assert blocks[2].startswith("WARSAW, 21 February 2024 – The human rights situation")
    assert "unsubscribe" not in text.lower()
    assert "Contacts\n\nPublic Affairs Unit" in text
    assert "Katya Andrusz\nUl. Miodowa 10\n00-251 Warsaw\nPoland\nOffice: +48 22 520 0640\nMobile: +48 609 522 266" in text
    assert "https://www.osce.org/odihr/elections/563046" in text
    assert text.endswith("© 1995 - 2024 OSCE.\n")


def test_no_markdown_left_and_paragraphs_not_wrapped(seed):
    for path in (seed, EXAMPLE):
        text = render(path)
        assert not re.search(r"\*\*|\]\(|^#|^- |<https?:", text, re.MULTILINE)
        longest = max(len(line) for line in text.splitlines())
        assert longest > 300  # a paragraph is one line, whatever its length
        assert "\n\n\n" not in text


def test_lists_and_links_as_numbered_references():
    text = render(EXAMPLE)
    assert "• 41.5 per cent of the cases involved physical violence;\n• online harassment" in text
    assert "support the OSCE safety of journalists project [1], which" in text
    assert "in the OSCE document library [2] in English" in text
    assert text.split("\n\n")[-2] == (
        "Links\n[1] https://www.osce.org/fom/safety-of-journalists\n[2] https://www.osce.org/fom/report-2023"
    )


@pytest.mark.parametrize("lang, office, email", [
    ("fr", "Bureau\u202f: +43 1 514 36 6000", "Courriel\u202f: press@osce.org"),
    ("de", "Büro: +43 1 514 36 6000", "E-Mail: press@osce.org"),
])
def test_contact_labels_follow_the_edition_languages_typography_in_text_and_json(lang, office, email):
    """French puts a narrow no-break space before the colon, as its translated text does; German none."""
    release = replace(read_release(EXAMPLE), lang=lang)
    localised = localise_source(release, segment_release(release), load_labels(lang))
    text = TextEdition().render(localised).data.decode("utf-8")
    assert f"\n{office}\n{email}\n" in text
    contact = release_data(localised)["contacts"][0]
    phone = contact["phones"][0]
    assert f"{phone['label_colon']} {phone['number']}" == office
    assert f"{contact['email_label_colon']} {contact['emails'][0]}" == email


def test_straight_apostrophes_of_machine_text_and_labels_become_typographic():
    assert localise_quotes("l'OSCE et aujourd'hui", "fr") == "l’OSCE et aujourd’hui"
    assert localise_quotes("vedi https://x.org/l'a o scrivi a d'a@b.org", "it") == \
        "vedi https://x.org/l'a o scrivi a d'a@b.org"  # addresses keep every character
    assert labelled("Numéro d'urgence", "+33 1", "fr") == "Numéro d’urgence\u202f: +33 1"
    assert labelled("Office", "+1 2", "en") == "Office: +1 2"
