"""pipeline/ingest/assemble.py: what each block of a release is; the mail export's artefacts dropped
(a long paragraph that mentions one is content) and a paragraph the export broke joined again."""

from pipeline.ingest import read_release
from pipeline.release import Paragraph, plain_text

from .conftest import all_text


def test_seed_drops_mail_artefacts_and_rejoins_broken_paragraph(seed):
    release = read_release(seed)
    text = all_text(release).lower()
    assert "unsubscribe" not in text and "forward to a friend" not in text and "subscription" not in text
    paragraphs = [plain_text(b.runs) for b in release.blocks if isinstance(b, Paragraph)]
    assert len(paragraphs) == 7
    assert any("depriving the country’s citizens and institutions from" in p for p in paragraphs)


def test_artefacts_are_not_content_but_a_long_paragraph_mentioning_them_is(tmp_path):
    path = tmp_path / "r.md"
    long = "Readers who unsubscribe " + "keep reading the news every day " * 12 + "end."
    path.write_text(f"# Title\n\nVIENNA, 5 March 2024 – Text.\n\n{long}\n\n[unsubscribe](#)\n", encoding="utf-8")
    release = read_release(path)
    assert "".join(run.text for run in release.blocks[-1].parts[0]) == long
