"""The review workflow: a reviewer's correction is never lost."""

from pipeline.catalogs.catalog import catalog_path, is_label, state_of
from pipeline.catalogs.po import read_catalog
from pipeline.catalogs.review import format_text, review_language
from pipeline.translate.reviewed import catalog_check

from ..conftest import EXAMPLE, write
from .conftest import review

RELEASE_ID = "2024-03-05-osce-representative-on-freedom-of-the-media"
SENTENCE = "The full report is available in the <1>OSCE document library</1> in English and Russian."


def entry(path, msgid):
    return next(m for m in read_catalog(path) if m.id == msgid)


def test_catalog_has_segment_ids_sources_and_fuzzy_machine_output(french):
    _, path = french
    messages = [m for m in read_catalog(path) if m.id]
    assert len(messages) == 14
    assert all(m.context and m.context.split(".")[0] in ("title", "body", "heading", "further", "contact") for m in messages)
    machine = [m for m in messages if not is_label(m)]
    assert len(machine) == 13 and all(m.fuzzy and m.string for m in machine)
    assert all(any(c.startswith("machine translation: apertium") for c in m.auto_comments) for m in machine)


def test_boilerplate_comes_from_the_label_catalog_never_from_the_engine(french):
    _, path = french
    further = entry(path, "For further information, please visit:")
    assert is_label(further) and not further.fuzzy and state_of(further) == "reviewed"
    assert further.string == "Pour de plus amples informations, veuillez consulter\u202f:"


def test_correction_appears_and_entry_is_untouched(project, cli, french):
    source, path = french
    review(path, SENTENCE, "Le rapport complet se trouve dans la <1>bibliothèque de l’OSCE</1>, en anglais et en russe.")
    code, out, _ = cli("run", source)
    assert code == 0
    assert entry(path, SENTENCE).string == "Le rapport complet se trouve dans la <1>bibliothèque de l’OSCE</1>, en anglais et en russe."
    assert not [c for c in entry(path, SENTENCE).user_comments if c.startswith("QA: ")]  # the machine's findings are gone
    reviewed_file = path.read_bytes()
    assert cli("run", source)[0] == 0
    assert path.read_bytes() == reviewed_file  # nothing in the catalog changed
    (edition,) = (project / "outputs").glob("*/fr/*.txt")
    text = edition.read_text()
    assert "Le rapport complet se trouve dans la bibliothèque de l’OSCE [2], en anglais et en russe." in text
    assert "fr: 14 segments (2 reviewed, 12 machine, 0 untranslated)" in out


def test_changed_paragraph_retranslates_only_its_segments(project, cli, french):
    source, path = french
    review(path, SENTENCE, "Le rapport complet est disponible dans la <1>bibliothèque</1>.")
    before = {m.id: (m.string, m.fuzzy) for m in read_catalog(path) if m.id}
    source.write_text(source.read_text().replace(
        "The Representative calls on governments to adopt national action plans",
        "The Representative urges all governments to adopt national action plans"))
    code, out, err = cli("run", source, "--correction", "Reworded.")  # the English is public: a change is a correction
    assert code == 0
    assert "translate fr: 1 segments with apertium" in err
    after = {m.id: (m.string, m.fuzzy) for m in read_catalog(path) if m.id}
    assert after[SENTENCE] == before[SENTENCE] == ("Le rapport complet est disponible dans la <1>bibliothèque</1>.", False)
    assert len(set(after) - set(before)) == 1
    assert all(after[k] == before[k] for k in after if k in before)


def test_changed_reviewed_sentence_keeps_translation_as_fuzzy_with_previous_msgid(project, cli, french):
    source, path = french
    review(path, SENTENCE, "Le rapport complet est disponible dans la <1>bibliothèque</1>.")
    changed = SENTENCE.replace("English and Russian", "English, French and Russian")
    source.write_text(source.read_text().replace("in English and Russian", "in English, French and Russian"))
    assert cli("run", source, "--correction", "Reworded.")[0] == 0
    message = entry(path, changed)
    assert message.fuzzy and message.previous_id == [SENTENCE]
    assert message.string == "Le rapport complet est disponible dans la <1>bibliothèque</1>."
    assert f'#| msgid "{SENTENCE}"' in path.read_text()
    # …but it is not published: the edition shows a fresh machine translation, on this run and the next.
    for _ in range(2):
        (edition,) = (project / "outputs").glob("*/fr/*.txt")
        assert "Le rapport complet est disponible dans la bibliothèque" not in edition.read_text()
        assert "anglais, français et russe" in edition.read_text() or "anglais, le français et russe" in edition.read_text() \
            or "français" in edition.read_text()
        assert cli("run", source)[0] == 0


def test_po_syntax_error_is_one_line_with_file_and_line_and_nothing_is_overwritten(project, cli, french):
    source, path = french
    broken = path.read_text().replace('msgstr "', 'msgstr ', 1)
    path.write_text(broken)
    outputs = {p: p.read_bytes() for p in (project / "outputs").rglob("*") if p.is_file()}
    code, _, err = cli("run", source)
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert f"{path}:" in err and "PO syntax error" in err
    line = int(err.split(f"{path}:")[1].split(":")[0])
    assert 'msgstr ' in broken.split("\n")[line - 1] or 'msgstr ' in broken.split("\n")[line - 2]
    assert path.read_text() == broken
    assert outputs == {p: p.read_bytes() for p in (project / "outputs").rglob("*") if p.is_file()}


def test_review_command_lists_what_to_review_with_file_and_line(project, cli, french):
    source, path = french
    review(path, SENTENCE, "Le rapport complet est disponible dans la <1>bibliothèque de documents de l’OSCE</1> "
                           "en anglais et en russe.")
    code, out, _ = cli("review", source, "--lang", "fr")
    assert code == 0
    assert f"{path.relative_to(project)}:" in out and "en: " in out and "fr: " in out
    # The worklist (catalogs/review.py) checks the reviewed entry afresh: nothing left to do on it.
    worklist = review_language(path, "fr", catalog_check(path, "fr"))
    assert len(worklist.to_review) == 12 and worklist.segments == 14
    assert "Le rapport complet est disponible" not in format_text([worklist])
    code, out, _ = cli("review", RELEASE_ID, "--stats")
    assert "fr: 14 segments, 12 machine, 1 reviewed, 1 label" in out  # states in file (segment) order


def test_translation_memory_reuses_reviewed_boilerplate_and_exports_tmx(project, cli, french):
    source, path = french
    sentence = "Recommendations"
    review(path, sentence, "Recommandations")
    assert cli("run", source)[0] == 0
    other = write(project / "other.md", "# Another release\n\nVIENNA, 6 March 2024 – Text here.\n\n"
                  "## Recommendations\n\nMore text.\n")
    assert cli("run", other)[0] == 0
    reused = entry(catalog_path(project / "locales", "fr", "2024-03-06-another-release"), sentence)
    assert state_of(reused) == "reviewed" and reused.string == "Recommandations"
    code, out, _ = cli("memory", "export", "--lang", "fr")
    import xml.etree.ElementTree as ET

    units = ET.fromstring(out).findall("body/tu")
    assert [u.findall("tuv/seg")[1].text for u in units] == ["Recommandations"]  # labels are not remembered


def test_untranslatable_language_gets_empty_entries_and_an_honest_edition(project, cli):
    source = write(project / "release.md", EXAMPLE.read_text())
    code, out, _ = cli("run", source, "--langs", "ru")
    assert code == 0 and "no engine can translate en→ru" in out
    path = catalog_path(project / "locales", "ru", RELEASE_ID)
    assert all(m.string == "" for m in read_catalog(path) if m.id and not is_label(m))
    assert entry(path, "For further information, please visit:").string == "Дополнительная информация:"
    (edition,) = (project / "outputs").glob("*/ru/*.txt")
    text = edition.read_text()
    assert "13 предложений этого выпуска ещё не переведены и приводятся на английском языке." in text
    assert "Это машинный перевод" not in text


def test_a_copy_added_before_a_reviewed_sentence_gets_its_translation(tmp_path):
    """Ids of a repeated sentence are numbered by order, so a copy added before a reviewed sentence
    takes its id (body.x) and the reviewed one becomes body.x.2: both get the reviewed translation,
    from the catalog itself (the memory may not have seen the reviewer's edit yet)."""
    from pathlib import Path

    from pipeline.catalogs.catalog import CatalogUpdate
    from pipeline.catalogs.store import read_existing, write_catalog
    from pipeline.ingest import parse_release
    from pipeline.segment import segment_release

    path = tmp_path / "fr.po"
    once = parse_release("# Title\n\nObservers agreed.\n", Path("release.md"))
    first = CatalogUpdate(path, None, once, segment_release(once), "fr")
    for segment in first.pending:
        first.add_machine(segment, f"machine: {segment.text}", "test", [])
    write_catalog(first)
    review(path, "Observers agreed.", "Les observateurs sont tombés d’accord.")
    twice = parse_release("# Title\n\nObservers agreed.\n\nObservers agreed.\n", Path("release.md"))
    segmentation = segment_release(twice)
    update = CatalogUpdate(path, read_existing(path), twice, segmentation, "fr", memory=None)
    assert update.pending == []
    body = [t for t in update.translations(segmentation) if t.segment_id.startswith("body.")]
    assert [(t.text, t.state) for t in body] == [("Les observateurs sont tombés d’accord.", "reviewed")] * 2
