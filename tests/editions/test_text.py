import re
from dataclasses import replace

import pytest

from pipeline.editions.data import release_data
from pipeline.editions.text import LINE_WIDTH, TextEdition, _Text, display_width, note_mark
from pipeline.ingest import read_release
from pipeline.localise import localise_source
from pipeline.localise.labels import load_labels
from pipeline.localise.typography import labelled, localise_quotes
from pipeline.release import Labels, Note, Run, Table
from pipeline.segment import segment_release

from ..conftest import EXAMPLE
from ..support.blocks import PHOTO_URL, TEXTS, example_with_blocks


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


# --- tables, figures and footnotes (issue 23) ------------------------------------------------


def text_of(localised) -> str:
    return TextEdition().render(localised).data.decode("utf-8")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_narrow_table_is_aligned_columns_under_its_caption(lang):
    texts = TEXTS[lang]
    blocks = text_of(example_with_blocks(lang)).split("\n\n")
    table = next(block for block in blocks if block.startswith(texts["caption"]))
    lines = table.splitlines()
    assert lines[0] == texts["caption"]
    assert lines[1].split() == [word for cell in texts["header"] for word in cell.split()]
    assert set(lines[2]) == {"-", " "}  # the rule under the header
    assert all(len(line) <= LINE_WIDTH for line in lines[1:])
    # Quantities are right-aligned: every row's last cell ends where the rule does.
    assert [len(line) for line in lines[3:]] == [len(lines[2])] * 3
    for line, row in zip(lines[3:], texts["rows"]):
        for cell in row:
            assert cell in line
    assert "|" not in table
    assert lines[-1].split("  ")[0] == texts["rows"][2][0] + "²"  # the reference inside a cell


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_wide_table_is_a_header_value_line_per_cell(lang):
    texts = TEXTS[lang]
    text = text_of(example_with_blocks(lang, wide=True))
    header = texts["wide header"]
    first = "\n".join(labelled(label, value, lang) for label, value in zip(header, texts["rows"][0]))
    assert f"{texts['caption']}\n{first}\n\n" in text
    assert labelled(header[0], texts["rows"][2][0] + "²", lang) in text
    assert "-----" not in text


def test_the_table_layout_follows_the_line_width():
    narrow = Table(header=((Run("Name"),), (Run("Votes"),)), rows=(((Run("A"),), (Run("10"),)),))
    assert _Text(example_with_blocks()).table(narrow) == "Name  Votes\n----  -----\nA        10"
    wide = replace(narrow, rows=(((Run("x" * 70),), (Run("10"),)),))
    assert _Text(example_with_blocks()).table(wide) == f"Name: {'x' * 70}\nVotes: 10"
    headless = replace(wide, header=())
    assert _Text(example_with_blocks()).table(headless) == f"{'x' * 70}; 10"
    assert display_width("東京") == 4 and display_width("é") == 1  # a CJK character takes two columns


@pytest.mark.parametrize("lang, photo", [("en", "Photo:"), ("fr", "Photo\u202f:")])
def test_figures_are_described_with_their_caption_below(lang, photo):
    texts = TEXTS[lang]
    text = text_of(example_with_blocks(lang))
    # The French credit's own "Photo :" is not repeated; the picture on the web is the first link.
    assert f"\n\n[{photo} {texts['alt']} — OSCE/Micky Kroell] [1]\n{texts['photo caption']}\n\n" in text
    assert f"\n\n[Photo]\n{texts['chart caption']}\n\n" in text  # no alt text, no credit
    links = text.split("\n\n")[-2].splitlines()
    assert links[1] == f"[1] {PHOTO_URL}"
    assert "attacks-by-region.png" not in text  # a file beside the release is not published: not a link


@pytest.mark.parametrize("lang, photo, notes", [("de", "[Foto: ", "Anmerkungen"), ("it", "[Foto: ", "Note"),
                                                ("ru", "[Фото: ", "Примечания"), ("es", "[Foto: ", "Notas")])
def test_the_figure_and_notes_labels_are_the_editions_language(lang, photo, notes):
    localised = replace(example_with_blocks(), lang=lang, labels=load_labels(lang))
    text = text_of(localised)
    assert f"\n\n{photo}{TEXTS['en']['alt']} — OSCE/Micky Kroell] [1]\n" in text
    assert f"\n\n{notes}\n¹ " in text


@pytest.mark.parametrize("lang, heading", [("en", "Notes"), ("fr", "Notes")])
def test_footnote_references_are_superscripts_listed_under_notes(lang, heading):
    texts = TEXTS[lang]
    text = text_of(example_with_blocks(lang))
    assert "previous year.¹\n" in text
    assert "[^" not in text  # the mark as written is not shown: the note's number is
    blocks = text.split("\n\n")
    notes = blocks.index(next(b for b in blocks if b.startswith(heading + "\n")))
    assert blocks[notes] == "\n".join([
        heading,
        "¹ " + texts["notes"][0][1][0],
        "² " + texts["notes"][1][1][0],
        "  " + texts["notes"][1][1][1],
    ])
    # After the body, before the further-information lines and the contacts.
    assert blocks[notes - 1].startswith("The full report is available")
    assert blocks[notes + 1].startswith("For further information")
    # The link numbers and the note numbers never meet: "[n]" is a link, a superscript a note.
    assert not re.search(r"\[\d+\]\s*[¹²]|[¹²]\s*\[\d+\]", text)


def test_notes_are_numbered_in_order_whatever_their_labels_and_links_in_them_are_numbered():
    localised = example_with_blocks()
    link = Run("the database", href="https://www.osce.org/fom/database")
    first = Note("sources", ((Run("See "), link, Run("."),),))
    text = text_of(replace(localised, notes=(first, localised.notes[1])))
    assert "¹ See the database [4]." in text  # after the body's three links
    assert text.split("\n\n")[-2].endswith("[4] https://www.osce.org/fom/database")
    assert note_mark("12") == "¹²"


def test_the_text_edition_of_a_release_without_the_new_blocks_is_unchanged():
    text = render(EXAMPLE)
    assert "Notes" not in text and "[Photo" not in text and "¹" not in text
