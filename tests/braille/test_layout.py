"""Braille on pages as a transcriber lays it out: hanging indents, centred headings, no break at a
no-break space, long addresses broken after a slash, headings kept with their text, and the
Braille Ready File's ASCII."""

from __future__ import annotations

from pipeline.braille.layout import BRAILLE_ASCII, paginate, to_ascii, to_brf, wrap
from pipeline.braille.louis import BLANK
from pipeline.braille.transcribe import BrailleBlock, Span


def span(text: str) -> Span:
    """Cells written as text: " " a blank a line may break at, "_" a no-break blank."""
    return Span(text, text.replace(" ", BLANK).replace("_", BLANK),
                glue=frozenset(i for i, c in enumerate(text) if c == "_"))


def test_list_items_hang_and_no_break_spaces_hold():
    item = BrailleBlock((span("⠁⠁⠁⠁ ⠃⠃⠃⠃ ⠉⠉⠉⠉_⠙⠙ ⠑⠑⠑⠑"),), rest=2)
    assert wrap(item, 16) == ["⠁⠁⠁⠁⠀⠃⠃⠃⠃", "⠀⠀⠉⠉⠉⠉⠀⠙⠙⠀⠑⠑⠑⠑"]


def test_paragraphs_start_in_cell_3_and_headings_are_centred():
    paragraph = BrailleBlock((span("⠁⠁⠁⠁ ⠃⠃⠃⠃ ⠉⠉⠉⠉"),), first=2)
    assert wrap(paragraph, 15) == ["⠀⠀⠁⠁⠁⠁⠀⠃⠃⠃⠃", "⠉⠉⠉⠉"]
    assert wrap(paragraph, 16) == ["⠀⠀⠁⠁⠁⠁⠀⠃⠃⠃⠃⠀⠉⠉⠉⠉"]
    assert wrap(BrailleBlock((span("⠓⠓⠓⠓"),), centred=True), 16) == [BLANK * 6 + "⠓⠓⠓⠓"]


def test_a_word_longer_than_a_line_breaks_after_a_slash_else_at_the_margin():
    address = BrailleBlock((Span("x", "⠁" * 12 + "⠃" * 10, breaks=frozenset({12})),))
    assert wrap(address, 16) == ["⠁" * 12, "⠃" * 10]
    assert wrap(BrailleBlock((Span("x", "⠁" * 20),)), 16) == ["⠁" * 16, "⠁" * 4]
    # After a label, it fills the label's line first.
    labelled = BrailleBlock((span("⠑⠍ "), Span("x", "⠁" * 10 + "⠃" * 10, breaks=frozenset({10}))))
    assert wrap(labelled, 16) == ["⠑⠍⠀" + "⠁" * 10, "⠃" * 10]


def test_the_page_number_is_at_the_top_right_and_a_heading_never_ends_a_page():
    text = BrailleBlock((Span("x", "⠭"),))
    heading = BrailleBlock((Span("h", "⠓"),), centred=True, blank_before=True, keep_with_next=True)
    pages = paginate([text, text, heading, text], 16, 5, lambda n: "⠼" + "⠁⠃"[n - 1])
    assert [page[0] for page in pages] == [BLANK * 14 + "⠼⠁", BLANK * 14 + "⠼⠃"]
    assert [len(page) for page in pages] == [3, 3]
    assert pages[1][1].strip(BLANK) == "⠓"  # no blank line opens a page


def test_brf_is_braille_ascii_with_crlf_lines_and_form_feeds_between_pages():
    assert len(BRAILLE_ASCII) == 64 and to_ascii("⠁⠃⠉⠼⠠⠀⠀") == "ABC#,"
    assert to_brf([["⠀⠀⠼⠁", "⠁"], ["⠀⠀⠼⠃"]]) == b"  #A\r\nA\r\n\f  #B\r\n"
