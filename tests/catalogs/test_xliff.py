"""pipeline/catalogs/xliff.py: a release's catalog as XLIFF 2.1 and 1.2 for CAT tools, and back (issue 16):
the round trip reaches the PO file and the edition, an import never overwrites a newer PO edit and runs
the same QA, protected spans are placeholders. Real translate-toolkit and Apertium; nothing stands in."""

import pytest
from lxml import etree
from translate.storage.xliff import xlifffile
from translate.storage.xliff2 import Xliff2File

from pipeline.catalogs.catalog import state_of

from ..conftest import write
from .conftest import RELEASE_ID, entry

NUMBERS = "The Representative calls on governments"  # the start of the sentence with EUR 2.5 million
XLIFF2 = "{urn:oasis:names:tc:xliff:document:2.0}"


def cat_tool_edit(xlf, segment_id, text):
    """What a CAT tool does, through translate-toolkit: a new target, marked final.

    (translate-toolkit 3.20's `set_state_n` leaves a 2.x segment `translated` and `markapproved`
    says `reviewed`; `final` is set on the toolkit's segment element.)"""
    store = Xliff2File.parsefile(str(xlf))
    unit = next(u for u in store.units if u.getid() == segment_id)
    target = unit.getlanguageNodes()[1]
    for code in list(target):  # the toolkit's `target =` keeps inline codes; a CAT tool replaces all
        target.remove(code)
    unit.target = text
    unit.markapproved(True)
    unit.xmlelement.set("state", "final")
    xlf.write_bytes(bytes(store))


def test_xliff21_round_trip_reaches_the_edition_and_the_po(project, cli, french):
    source, po = french
    xlf = project / "fr.xlf"
    code, out, err = cli("review", "export", RELEASE_ID, "--lang", "fr", "--format", "xliff", "-o", xlf)
    assert code == 0 and "as XLIFF 2.1" in out, err
    root = etree.parse(str(xlf)).getroot()
    assert root.get("version") == "2.1" and root.get("trgLang") == "fr"
    assert not root.findall(f".//{XLIFF2}segment/{XLIFF2}notes")  # notes belong to <unit> in 2.x
    tagged = next(u for u in root.iter(f"{XLIFF2}unit") if "".join(u.find(f".//{XLIFF2}source").itertext()).startswith("The full"))
    assert tagged.find(f".//{XLIFF2}source/{XLIFF2}pc").get("id") == "1"
    assert tagged.find(f".//{XLIFF2}target/{XLIFF2}pc") is not None
    plain = entry(po, "Participating States")
    cat_tool_edit(xlf, plain.context, "Les États participants se sont engagés à protéger ceux qui rapportent "
                                      "l’actualité, et ces engagements doivent être honorés, a déclaré le Représentant.")
    code, out, err = cli("review", "import", xlf)
    assert code == 0 and "1 imported (1 reviewed)" in out and "0 conflict" in out, out + err
    edited = entry(po, "Participating States")
    assert state_of(edited) == "reviewed" and edited.string.startswith("Les États participants")
    assert state_of(entry(po, "The full report")) == "machine"  # untouched units stay as they were
    code, _, err = cli("run", source)
    assert code == 0, err
    (edition,) = (project / "outputs").glob("*/fr/*.txt")
    assert "ces engagements doivent être honorés" in edition.read_text()
    assert state_of(entry(po, "Participating States")) == "reviewed"


def test_import_never_overwrites_a_newer_po_edit(project, cli, french):
    _, po = french
    xlf = project / "fr.xlf"
    assert cli("review", "export", RELEASE_ID, "--lang", "fr", "--format", "xliff", "-o", xlf)[0] == 0
    text = po.read_text()
    machine = entry(po, "Participating States").string
    po.write_text(text.replace(f'msgstr "{machine}"', 'msgstr "Corrigé dans Poedit."'))  # a reviewer, meanwhile
    cat_tool_edit(xlf, entry(po, "Participating States").context, "Corrigé dans le CAT.")
    code, out, err = cli("review", "import", xlf)
    assert code == 1 and "conflict" in err and "changed in the PO file since the export" in err
    assert entry(po, "Participating States").string == "Corrigé dans Poedit."


def test_import_runs_the_same_qa_as_a_po_edit(project, cli, french):
    _, po = french
    xlf = project / "fr.xlf"
    assert cli("review", "export", RELEASE_ID, "--lang", "fr", "--format", "xliff", "-o", xlf)[0] == 0
    cat_tool_edit(xlf, entry(po, NUMBERS).context, "Le Représentant appelle les gouvernements à agir.")
    code, out, err = cli("review", "import", xlf)
    assert code == 1 and "number missing: 2,5" in out and "will not be published" in err, out + err
    assert any(c.startswith("QA: number missing") for c in entry(po, NUMBERS).user_comments)


def test_protected_spans_are_placeholders_and_come_back():
    from babel.messages.catalog import Catalog

    from pipeline.catalogs.xliff import export_catalog, read_exchange

    catalog = Catalog(locale="fr")
    source = "Write to <1>press@osce.org</1> or see https://www.osce.org/fom today."
    target = "Écrivez à <1>press@osce.org</1> ou voyez https://www.osce.org/fom aujourd’hui."
    catalog.add(source, target, context="body.1", flags={"fuzzy"})
    for fmt in ("xliff", "xliff12"):
        data, units = export_catalog(catalog, "r-1", "fr", "en", fmt)
        root = etree.fromstring(data)
        phs = [e for e in root.iter() if etree.QName(e).localname == "ph"]
        assert units == 1 and len(phs) == 4  # e-mail and URL, in source and target, same ids
        assert {e.get("id") for e in phs} == {"p1", "p2"}
        (unit,) = read_exchange(data, None).units
        assert (unit.source, unit.target, unit.reviewed) == (source, target, False)


def test_xliff12_round_trip(project, cli, french):
    _, po = french
    xlf = project / "fr.xlf"
    assert cli("review", "export", RELEASE_ID, "--lang", "fr", "--format", "xliff12", "-o", xlf)[0] == 0
    store = xlifffile.parsefile(str(xlf))
    assert store.document.getroot().get("version") == "1.2"
    unit = next(u for u in store.units if u.source.startswith("The full report"))
    assert "<g id=\"1\">" in etree.tostring(unit.getlanguageNodes()[1], encoding="unicode")
    target = unit.getlanguageNodes()[1]
    target.text = "Le rapport complet se trouve dans la "
    target[0].text = "bibliothèque de l’OSCE"
    target[0].tail = ", en anglais et en russe."
    unit.markapproved(True)
    xlf.write_bytes(bytes(store))
    code, out, err = cli("review", "import", xlf)
    assert code == 0, out + err
    assert entry(po, "The full report").string == \
        "Le rapport complet se trouve dans la <1>bibliothèque de l’OSCE</1>, en anglais et en russe."
    assert state_of(entry(po, "The full report")) == "reviewed"


# --- hostile files (issue 24, item 3): an import writes only this project's catalogs ---------------------------


def hostile_xliff(path, original, lang="fr"):
    """A valid export of a one-entry catalog whose file/@original and language are `original` and `lang`,
    its one segment changed and confirmed: without the confinement, the import would write it."""
    from babel.messages.catalog import Catalog

    from pipeline.catalogs.xliff import export_catalog

    catalog = Catalog(locale="fr")
    catalog.add("Hello.", "Bonjour.", context="body.1", flags={"fuzzy"})
    data, _ = export_catalog(catalog, "r-1", "fr", "en", "xliff")
    root = etree.fromstring(data)
    root.set("trgLang", lang)
    root.find(f"{XLIFF2}file").set("original", original)
    root.find(f".//{XLIFF2}segment").set("state", "final")
    root.find(f".//{XLIFF2}target").text = "Écrasé."
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return path


def victim_po(path):
    """The catalog the hostile XLIFF aims at: the entry it was 'exported' from, so it would apply."""
    from babel.messages.catalog import Catalog

    from pipeline.catalogs.po import po_bytes

    catalog = Catalog(locale="fr")
    catalog.add("Hello.", "Bonjour.", context="body.1", flags={"fuzzy"})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(po_bytes(catalog))
    return path


HOSTILE = {  # name → (file/@original, XLIFF language, catalog it aims at relative to the scratch folder)
    "traversal": ("../../../../other/locales/fr/releases/x", "fr", "other/locales/fr/releases/x.po"),
    "absolute": (None, "fr", "other/locales/fr/releases/x.po"),  # the outside path itself, absolute
    "symlink": ("linked", "fr", "other/locales/fr/releases/x.po"),  # locales/fr/releases/linked.po → outside
    "folder link": ("x", "fr", "other/locales/fr/releases/x.po"),  # locales/fr/releases → outside folder
    "other language": ("../../de/releases/x", "fr", "project/locales/de/releases/x.po"),
    "language traversal": ("x", "../../../other/locales/fr", "other/locales/fr/releases/x.po"),
    "id with a slash": ("sub/x", "fr", "project/locales/fr/releases/sub/x.po"),
    "source language": ("x", "en", "project/locales/en/releases/x.po"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_an_import_writes_only_this_projects_catalogs(project, cli, case):
    original, lang, aimed = HOSTILE[case]
    write(project / "release-pipeline.toml", 'engine = "none"\nlanguages = ["fr", "de"]\neditions = ["text"]\n')
    target = project.parent / aimed
    if original is None:
        original = str(target.with_suffix(""))
    releases = project / "locales" / "fr" / "releases"
    if case == "symlink":
        releases.mkdir(parents=True)
        (releases / "linked.po").symlink_to(target)
    elif case == "folder link":
        releases.parent.mkdir(parents=True)
        releases.symlink_to(target.parent, target_is_directory=True)
    xlf = hostile_xliff(project / "hostile.xlf", original, lang)
    errors = []
    for exists in (True, False):  # the same answer whether or not the aimed-at file exists
        if exists:
            before = victim_po(target).read_bytes()
        else:
            target.unlink()
        code, out, err = cli("review", "import", xlf)
        assert code == 2 and not out, out + err
        assert err.count("\n") == 1 and "hostile.xlf" in err and "is not a catalog of this project" in err, err
        assert "exist" not in err and str(target.parent) not in err.replace(original, ""), err
        if exists:
            assert target.read_bytes() == before  # untouched
        else:
            assert not target.exists()
        errors.append(err)
    assert errors[0] == errors[1]


def test_an_xliff_with_entities_is_refused_and_nothing_is_written(project, cli):
    write(project / "release-pipeline.toml", 'engine = "none"\nlanguages = ["fr"]\neditions = ["text"]\n')
    po = victim_po(project / "locales" / "fr" / "releases" / "r-1.po")
    before = po.read_bytes()
    xlf = hostile_xliff(project / "entity.xlf", "r-1")
    data = xlf.read_bytes().replace(b"?>", b'?>\n<!DOCTYPE xliff [<!ENTITY ext SYSTEM "file:///etc/hostname">]>', 1)
    xlf.write_bytes(data.replace("Écrasé.".encode(), b"&ext;"))
    code, out, err = cli("review", "import", xlf)
    assert code == 2 and err.count("\n") == 1 and "entity.xlf" in err and "entities" in err, out + err
    assert po.read_bytes() == before
    # the same file without the entity is imported: the refusal is the entity's, nothing else
    xlf.write_bytes(hostile_xliff(project / "entity.xlf", "r-1").read_bytes())
    code, out, err = cli("review", "import", xlf)
    assert code == 0 and "1 imported" in out, out + err
    assert entry(po, "Hello.").string == "Écrasé."
