"""Reviewers' tools: the XLIFF round trip with a CAT tool, the fuzzy memory, TMX import,
aligning past releases, and scoring engines (issue 16). Real translate-toolkit, rapidfuzz,
sacrebleu, Apertium and a test-built Argos model; nothing stands in for them."""

import json
import random

from lxml import etree
from translate.storage.tmx import tmxfile
from translate.storage.xliff import xlifffile
from translate.storage.xliff2 import Xliff2File

from pipeline.translate.align import gale_church
from pipeline.translate.catalog import SUGGESTION, catalog_path, state_of
from pipeline.translate.fuzzy import FuzzyIndex
from pipeline.translate.memory import TranslationMemory, memory_path
from pipeline.translate.po import read_catalog

from ..conftest import EXAMPLE, write
from ..support.synthetic_argos import build_argosmodel

RELEASE_ID = "2024-03-05-osce-representative-on-freedom-of-the-media"
PLAIN = "Participating States have committed themselves to protect those who report the news, and these commitments must be honoured,” the Representative said."
TAGGED = "The full report is available in the <1>OSCE document library</1> in English and Russian."
NUMBERS = "The Representative calls on governments"  # the start of the sentence with EUR 2.5 million
XLIFF2 = "{urn:oasis:names:tc:xliff:document:2.0}"

ENGLISH = """# OSCE supports election observers in the region

The OSCE opened a training course for election observers in Vienna today. Forty observers from twelve countries take part in the course.

They will learn how to assess voter registration and the counting of votes. “Independent observation builds trust in elections,” the Director said.

## Background

The course is part of a project funded by voluntary contributions. The next course will take place in the autumn.
"""
FRENCH = """# L’OSCE soutient les observateurs électoraux de la région

L’OSCE a ouvert aujourd’hui à Vienne un cours de formation pour les observateurs électoraux. Quarante observateurs de douze pays participent au cours.

Ils apprendront à évaluer l’inscription des électeurs et le dépouillement des votes. « L’observation indépendante renforce la confiance dans les élections », a déclaré le Directeur.

## Contexte

Le cours fait partie d’un projet financé par des contributions volontaires. Le prochain cours aura lieu à l’automne.
"""


def entry(path, start):
    return next(m for m in read_catalog(path) if m.id and m.id.startswith(start))


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


# --- XLIFF ----------------------------------------------------------------------------


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

    from pipeline.translate.xliff import export_catalog, read_exchange

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


# --- translation memory ------------------------------------------------------------------


def tmx(path, units):
    store = tmxfile(sourcelanguage="en-GB")
    for source, target, date in units:
        store.addtranslation(source, "en-GB", target, "fr-FR")
        store.units[-1].xmlelement.set("changedate", date)
    path.write_bytes(bytes(store))
    return path


def test_tmx_import_then_a_fuzzy_suggestion_with_its_score(project, cli):
    write(project / "release-pipeline.toml", 'engine = "apertium"\nlanguages = ["fr"]\neditions = ["text"]\n')
    units = [("The full report is available in the <1>OSCE document library</1> in English and French.",
              "Le rapport complet est disponible dans la <1>bibliothèque de l’OSCE</1> en anglais et en français.",
              "20240101T000000Z"),
             ("Contacts", "Contacts", "20240101T000000Z"),
             ("The Representative said.", "Le Représentant a dit (ancien).", "20230101T000000Z"),
             ("The Representative said.", "Le Représentant a déclaré.", "20240201T000000Z")]
    code, out, err = cli("memory", "import", tmx(project / "old.tmx", units))
    assert code == 0 and "3/3 pairs read; 3 stored" in out and "(fr;" in out, out + err
    with TranslationMemory(memory_path(project / "locales")) as memory:
        assert memory.count("fr") == 3 and memory.lookup("fr", "The Representative said.")[0] == "Le Représentant a déclaré."
    older = [("The Representative said.", "Plus ancien.", "20220101T000000Z")]
    assert "0 stored" in cli("memory", "import", tmx(project / "older.tmx", older))[1]  # the newer one stays
    code, _, err = cli("run", write(project / "release.md", EXAMPLE.read_text()))
    assert code == 0, err
    suggested = entry(catalog_path(project / "locales", "fr", RELEASE_ID), "The full report")
    (comment,) = [c for c in suggested.auto_comments if c.startswith(SUGGESTION)]
    assert "% match, reviewed in TMX old.tmx: Le rapport complet est disponible" in comment
    assert 75 <= int(comment[len(SUGGESTION):].split(" %")[0]) < 100
    assert suggested.fuzzy and not suggested.string.startswith("Le rapport complet est")  # msgstr stays the MT


def test_fuzzy_index_finds_near_matches_and_aligns_numbers():
    rng = random.Random(4)
    words = [f"w{n}" for n in range(3000)]
    units = [(" ".join(rng.choices(words, k=14)) + ".", f"t{n}", f"r{n}") for n in range(5000)]
    units.append(("The mission recorded 1,248 attacks in 2023 across the region.",
                  "La mission a recensé 1 248 attaques en 2023 dans la région.", "rel-1"))
    index = FuzzyIndex(units)
    near = units[77][0].split()
    near[3] = "different"
    match = index.best(" ".join(near))
    assert match and match.target == "t77" and 75 <= match.score < 100
    assert index.best("Nothing at all like any unit here.") is None
    moved = index.best("The mission recorded 1,302 attacks in 2024 across the region.")
    assert moved.score == 100 and moved.aligned and moved.target == "La mission a recensé 1 248 attaques en 2024 dans la région."


def test_align_an_archived_release_into_the_memory(project, cli):
    english, french = write(project / "a.en.md", ENGLISH), write(project / "a.fr.md", FRENCH)
    code, out, err = cli("memory", "align", english, french, "--lang", "fr")
    assert code == 0 and "6/7 pairs aligned with confidence; 6 stored" in out, out + err
    with TranslationMemory(memory_path(project / "locales")) as memory:
        assert memory.lookup("fr", "Background") == ("Contexte", "aligned a.fr.md")
        assert memory.lookup("fr", "The next course will take place in the autumn.")[0] == \
            "Le prochain cours aura lieu à l’automne."


def test_gale_church_prefers_one_to_one_and_finds_a_merge():
    beads = gale_church([40, 80, 30, 50], [44, 115, 55])
    assert [(len(b.source), len(b.target)) for b in beads] == [(1, 1), (2, 1), (1, 1)]


# --- evaluation --------------------------------------------------------------------------


def test_evaluate_scores_apertium_and_an_argos_model(project, cli, tmp_path):
    archive = tmp_path / "archive"
    write(archive / "observers.en.md", ENGLISH)
    write(archive / "observers.fr.md", FRENCH)
    write(archive / "unpaired.en.md", ENGLISH)
    models = tmp_path / "models"
    build_argosmodel(tmp_path / "packages", "en", "fr")
    assert cli("models", "install", "--from", tmp_path / "packages", "--models-dir", models)[0] == 0
    code, out, err = cli("evaluate", "--references", archive, "--lang", "fr", "--models-dir", models)
    assert code == 0, err
    assert "6 aligned sentences from 1 release" in out
    rows = {line.split()[0]: line.split() for line in out.splitlines()[2:]}
    assert {"argos", "apertium"} <= set(rows) and float(rows["apertium"][1]) > float(rows["argos"][1])
    code, out, _ = cli("evaluate", "--references", archive, "--lang", "fr", "--models-dir", models, "--format", "json")
    scores = {s["engine"]: s for s in json.loads(out)["scores"]}
    assert scores["apertium"]["chrf"] > 20 and 0 <= scores["argos"]["chrf"] < scores["apertium"]["chrf"]
    assert 0 <= scores["argos"]["findings"] <= 1
