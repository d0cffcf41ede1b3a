"""pipeline/ingest/contacts.py: the contacts section in every shape a press office writes it
(a unit and people, labelled phones, e-mail addresses, postal addresses; paragraphs, tables, bullets)."""

import pytest

from pipeline.ingest import read_release
from pipeline.ingest.contacts import CONTACTS_HEADING, INLINE_CONTACTS_HEADING

from ..conftest import write
from .conftest import SHAPES, all_text


def test_seed_contacts_are_contacts_not_body(seed):
    release = read_release(seed)
    unit, person = release.contacts
    assert unit.kind == "unit" and unit.name.startswith("Public Affairs Unit")
    assert [(p.kind, p.number) for p in unit.phones] == [("office", "+48 22 520 06 00"), ("fax", "+48 22 520 06 05")]
    assert unit.emails == ("PublicAffairs@odihr.pl",)
    assert person.kind == "person" and person.name == "Katya Andrusz"
    assert person.address == ("Ul. Miodowa 10", "00-251 Warsaw", "Poland")
    assert [(p.kind, p.number) for p in person.phones] == [("office", "+48 22 520 0640"), ("mobile", "+48 609 522 266")]
    assert person.emails == ("Katya.Andrusz@odihr.pl",)
    body = all_text(release)
    for contact_text in ("Katya", "+48", "Miodowa", "odihr.pl"):
        assert contact_text not in body


def test_contacts_in_one_paragraph_keep_the_unit_and_its_phone():
    (contact,) = read_release(SHAPES / "contacts-one-paragraph.md").contacts
    assert contact.name.startswith("Public Affairs Unit") and contact.kind == "unit"
    assert [(p.kind, p.number) for p in contact.phones] == [("office", "+48 22 520 06 00")]
    assert contact.emails == ("PublicAffairs@odihr.pl",)


def test_several_people_inline_labels_titles_and_addresses():
    unit, jana, peter = read_release(SHAPES / "contacts-inline-several.md").contacts
    assert [(p.kind, p.number) for p in unit.phones] == [("phone", "+43 1 514 36 6000")]
    assert unit.emails == ("press@osce.org",)
    assert jana.name == "Jana Novak, Press Officer" and jana.kind == "person"
    assert [p.kind for p in jana.phones] == ["phone", "mobile", "fax"]
    assert jana.address == ("Wallnerstrasse 6, 1010 Vienna, Austria",)
    assert peter.emails == ("peter.weber@osce.org",)


def test_contacts_table_and_bullets():
    katya, ion = read_release(SHAPES / "contacts-table.md").contacts
    assert (katya.name, katya.address, katya.emails) == ("Katya Andrusz", ("Title: Spokesperson",),
                                                          ("katya.andrusz@odihr.pl",))
    assert ion.phones[0].number == "+373 22 887 809"
    (ana,) = read_release(SHAPES / "contacts-bullets.md").contacts
    assert ana.name == "Ana Petrovska, Project Officer"
    assert ana.address == ("Bulevar 8-mi Septemvri 16, 1000 Skopje",)
    assert [(p.kind, p.number) for p in ana.phones] == [("phone", "+389 2 323 4000"), ("mobile", "+389 70 123 456")]


# --- contacts as UN agencies, the EU and ODIHR write them (issue 23) ------------------------------------------

HEAD = "PRESS RELEASE\n\n# The OSCE opens a course\n\nVIENNA, 18 May 2023 – The course opened today.\n\n"


def read(tmp_path, body: str):
    return read_release(write(tmp_path / "r.md", HEAD + body))


def summary(contact) -> tuple:
    return (contact.name, contact.kind, [(p.kind, p.number) for p in contact.phones], list(contact.emails),
            list(contact.address))


@pytest.mark.parametrize("heading", [
    "For more information and media requests, please contact:", "Who to contact for further information:",
    "**Who to contact for further information:**", "**Media contacts**", "**Press contact**", "Press contacts:",
    "Contact:", "## Contact details", "For media enquiries, please contact:",
    "**For further information, please contact:**",
])
def test_a_contacts_heading_in_any_words_opens_the_section(tmp_path, heading):
    release = read(tmp_path, f"{heading}\n\nJana Novak\nTel: +43 1 514 36 6180\n")
    assert [summary(c) for c in release.contacts] == [
        ("Jana Novak", "person", [("phone", "+43 1 514 36 6180")], [], [])]
    assert all_text(release).endswith("The course opened today.")


@pytest.mark.parametrize("line", ["Contacts with civil society", "**Contacts with the authorities**",
                                  "Please contact us for details.", "For further information, please visit:"])
def test_a_line_that_only_mentions_contacts_is_no_heading(line):
    assert not CONTACTS_HEADING.match(line.strip("*"))


def test_the_heading_and_a_contact_on_one_line(tmp_path):
    inline = INLINE_CONTACTS_HEADING.match("For more information, please contact: Jana Novak, +43 1 514 36 6180")
    assert inline["heading"] == "For more information, please contact" and inline["rest"].startswith("Jana")
    release = read(tmp_path,
                   "**Contact:** Dorina Ceban, Associate Reporting Officer, ceban@unhcr.org, +373 69 123 406\n")
    assert [summary(c) for c in release.contacts] == [
        ("Dorina Ceban, Associate Reporting Officer", "person", [("phone", "+373 69 123 406")], ["ceban@unhcr.org"],
         [])]


def test_one_contact_a_line_odihr(tmp_path):
    """"Name, body: phone or e-mail", the name bold or not: each line a contact; the "or" is the editions'."""
    release = read(tmp_path, "**Media contacts:**\n\n"
                             "Jana Kowalczyk, ODIHR: +48 609 522 271 or jana.kowalczyk@odihr.pl\n"
                             "**Marek Novotný**, OSCE PA: +45 60 10 83 80 or marek.novotny@oscepa.dk\n"
                             "Claire Dubois, PACE: +33 6 50 39 29 94 or claire.dubois@coe.int\n")
    assert [summary(c) for c in release.contacts] == [
        ("Jana Kowalczyk, ODIHR", "person", [("phone", "+48 609 522 271")], ["jana.kowalczyk@odihr.pl"], []),
        ("Marek Novotný, OSCE PA", "person", [("phone", "+45 60 10 83 80")], ["marek.novotny@oscepa.dk"], []),
        ("Claire Dubois, PACE", "person", [("phone", "+33 6 50 39 29 94")], ["claire.dubois@coe.int"], []),
    ]
    assert release.office is None  # "OSCE PA" names a delegation's member, no issuing office


def test_one_contact_a_line_under_places_and_the_social_handles_ohchr(tmp_path):
    release = read(tmp_path, "For more information and media requests, please contact:\n\n"
                             "In Geneva\n"
                             "Marta Ruiz - + 41 22 917 9310 / marta.ruiz@un.org\n"
                             "Jonas Keller - + 41 22 917 9383 / jonas.keller@un.org\n\n"
                             "In Nairobi\n"
                             "Achieng Otieno - + 254 20 762 5087 / achieng.otieno@un.org\n\n"
                             "Tag and share\nTwitter: @UNHumanRights\nFacebook: unitednationshumanrights\n")
    assert [summary(c) for c in release.contacts] == [
        ("In Geneva", "unit", [], [], []),
        ("Marta Ruiz", "person", [("phone", "+ 41 22 917 9310")], ["marta.ruiz@un.org"], []),
        ("Jonas Keller", "person", [("phone", "+ 41 22 917 9383")], ["jonas.keller@un.org"], []),
        ("In Nairobi", "unit", [], [], []),
        ("Achieng Otieno", "person", [("phone", "+ 254 20 762 5087")], ["achieng.otieno@un.org"], []),
        ("Tag and share", "unit", [], [], ["Twitter: @UNHumanRights", "Facebook: unitednationshumanrights"]),
    ]
    assert release.office is None  # a place heads contacts; it is no office


def test_social_handles_on_one_line_and_under_a_person(tmp_path):
    release = read(tmp_path, "Contacts:\n\nMarta Ruiz - + 41 22 917 9310 / marta.ruiz@un.org\n\n"
                             "Tag and share: Twitter @UNHumanRights and Facebook unitednationshumanrights\n\n"
                             "Jana Novak\njana.novak@osce.org\nTwitter: @jananovak\n")
    tag, jana = release.contacts[1:]
    assert summary(tag) == ("Tag and share", "unit", [], [],
                            ["Twitter @UNHumanRights and Facebook unitednationshumanrights"])
    assert summary(jana) == ("Jana Novak", "person", [], ["jana.novak@osce.org"], ["Twitter: @jananovak"])


def test_one_contact_a_line_with_labels_unicef_who(tmp_path):
    """Haddad's e-mail is Haddad's (it used to end up under Reem Nasser); "Mob/WhatsApp:" labels a mobile,
    and "WhatsApp" stays with its number (issue 23: the editions write "Mobile:", the writer's word is kept)."""
    release = read(tmp_path, "**For more information, please contact:**\n\n"
                             "Reem Nasser, UNICEF Regional Office for the Middle East and North Africa, "
                             "Tel: +962 79 700 4570, rnasser@unicef.org\n"
                             "Omar Haddad, WHO Regional Office for the Eastern Mediterranean, "
                             "Mob/WhatsApp: +20 10 0157 4411, haddado@who.int\n")
    assert [summary(c) for c in release.contacts] == [
        ("Reem Nasser, UNICEF Regional Office for the Middle East and North Africa", "person",
         [("phone", "+962 79 700 4570")], ["rnasser@unicef.org"], []),
        ("Omar Haddad, WHO Regional Office for the Eastern Mediterranean", "person",
         [("mobile", "+20 10 0157 4411 (WhatsApp)")], ["haddado@who.int"], []),
    ]
    assert release.office == "UNICEF Regional Office for the Middle East and North Africa"  # a person's office


@pytest.mark.parametrize("line, phone", [
    ("Tel./Fax: +43 1 514 36 6000", ("phone", "+43 1 514 36 6000 (Fax)")),
    ("WhatsApp: +20 10 0157 4411", ("mobile", "+20 10 0157 4411 (WhatsApp)")),
    ("Mob./Mobile: +20 10 0157 4411", ("mobile", "+20 10 0157 4411")),  # says no more than the kind
    ("Mob: +20 10 0157 4411", ("mobile", "+20 10 0157 4411")),
])
def test_a_joined_label_keeps_what_it_says_beyond_the_phones_kind(tmp_path, line, phone):
    release = read(tmp_path, f"**Contact:**\n\nJana Novak\n{line}\n")
    (contact,) = release.contacts
    assert [(p.kind, p.number) for p in contact.phones] == [phone]


def test_details_on_the_line_under_a_name_stay_with_it(tmp_path):
    release = read(tmp_path, "**Who to contact for further information:**\n\n"
                             "Anahit Petrosyan\nRepresentative, UNICEF Armenia, Tel: +374 10 523 546\n"
                             "Email: apetrosyan@unicef.org\n\n"
                             "Sofia Lindberg, Lead Spokesperson, +32 (0) 2 29 86570, sofia.lindberg@ec.europa.eu\n"
                             "+32 (0) 460 75 12 04\nwww.eeas.europa.eu\n")
    assert [summary(c) for c in release.contacts] == [
        ("Anahit Petrosyan", "person", [("phone", "+374 10 523 546")], ["apetrosyan@unicef.org"],
         ["Representative, UNICEF Armenia"]),
        ("Sofia Lindberg, Lead Spokesperson", "person",
         [("phone", "+32 (0) 2 29 86570"), ("phone", "+32 (0) 460 75 12 04")],
         ["sofia.lindberg@ec.europa.eu"], ["www.eeas.europa.eu"]),  # a web address is no new contact
    ]
