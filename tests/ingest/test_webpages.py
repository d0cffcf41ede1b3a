"""pipeline/ingest/webpages.py: a CMS's figures and footnotes mended in pandoc's tree."""

from __future__ import annotations

import pytest

from pipeline.errors import InputError
from pipeline.ingest import read_release, webpages
from pipeline.release import block_kind, plain_text

from ..conftest import write
from .conftest import text_edition
from .test_formats import TITLE, needs_pandoc

FIGURE_PAGE = ('<html><body><h1>{title}</h1><p>VIENNA, 5 March 2024 – Text.</p>'
               '<figure><img src="photo.jpg" alt="A woman speaks into a microphone.">'
               '<figcaption>A resident takes the floor at a public hearing.</figcaption></figure>'
               '<p>More text.</p></body></html>')


@needs_pandoc
def test_html_figure_keeps_its_alt_text_and_its_figcaption_as_caption(tmp_path):
    release = read_release(write(tmp_path / "r.html", FIGURE_PAGE.format(title=TITLE)))
    (figure,) = [block for block in release.blocks if block_kind(block) == "figure"]
    assert plain_text(figure.alt) == "A woman speaks into a microphone."
    assert plain_text(figure.caption) == "A resident takes the floor at a public hearing."


@needs_pandoc
def test_an_alt_text_lost_in_the_conversion_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(webpages, "mend_figures", lambda tree, figures: None)  # pandoc 2.17 as it is
    page = write(tmp_path / "r.html", FIGURE_PAGE.format(title=TITLE))
    with pytest.raises(InputError, match="alt text was lost.*A woman speaks") as error:
        read_release(page)
    assert "r.html" in str(error.value)


@needs_pandoc
def test_html_footnotes_of_a_cms_become_notes(tmp_path):
    page = write(tmp_path / "r.html", f'<html><body><h1>{TITLE}</h1>'
                 '<p>VIENNA, 5 March 2024 – Text.<sup><a href="#fn1" id="ref1">1</a></sup></p>'
                 '<table><tr><th>Country</th><th>Rate</th></tr>'
                 '<tr><td>Serbia<sup><a href="#fn2" id="ref2">2</a></sup></td><td>24%</td></tr></table>'
                 '<ol><li>one</li><li>two</li></ol><hr><ol class="footnotes">'
                 '<li id="fn1">First note. <a href="#ref1">↩</a></li>'
                 '<li id="fn2">Second note. <a href="#ref2">↩</a></li></ol></body></html>')
    release = read_release(page)
    assert [(note.label, plain_text(note.paragraphs[0])) for note in release.notes] == [
        ("1", "First note."), ("2", "Second note.")]
    assert [block_kind(block) for block in release.blocks] == ["paragraph", "table", "list"]
    assert "↩" not in text_edition(page)


