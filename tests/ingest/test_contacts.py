"""pipeline/ingest/contacts.py: the contacts section in every shape a press office writes it
(a unit and people, labelled phones, e-mail addresses, postal addresses; paragraphs, tables, bullets)."""

from pipeline.ingest import read_release

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
