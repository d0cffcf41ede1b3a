"""Where sentences end (pipeline/text/sentences.py): a unit's sentences for translation, and the spans
the audio says and the EPUB marks."""

import pytest

from pipeline.text.sentences import sentence_spans, split_sentences


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        ("J. R. Smith arrived. He left.", ["J. R. Smith arrived.", "He left."]),
        ("It grew by 3.5 per cent in 2023. Then it fell.", ["It grew by 3.5 per cent in 2023.", "Then it fell."]),
        ("See Art. 5 and No. 7 of the e.g. list. Done.", ["See Art. 5 and No. 7 of the e.g. list.", "Done."]),
        ("“It works. Really,” she said. “Yes!” he added.", ["“It works.", "Really,” she said.", "“Yes!” he added."]),
        ("“Why?” she asked. Nobody knew.", ["“Why?” she asked.", "Nobody knew."]),
        ("The U.S. delegation agreed. So did others.", ["The U.S. delegation agreed.", "So did others."]),
        ("Read <1>the report. It is long</1>. Then act.", ["Read <1>the report. It is long</1>.", "Then act."]),
        ("Ends without a stop", ["Ends without a stop"]),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A URL's dots, and the full stop after it.
        ("See https://www.osce.org/fom. Then act.", ["See https://www.osce.org/fom.", "Then act."]),
        ("Write to press@osce.org. We answer.", ["Write to press@osce.org.", "We answer."]),
        # A lower-case word after the stop, or none, ends nothing.
        ("Call at 9 a.m. tomorrow. Thanks.", ["Call at 9 a.m. tomorrow.", "Thanks."]),
        ("It rose… Then it fell!", ["It rose…", "Then it fell!"]),
        ("Ask (see Tel. 5). Done.", ["Ask (see Tel. 5).", "Done."]),
        # A sentence can open with a tag, a digit or an opening quotation mark.
        ("It ended. <1>New</1> talks start. 57 States agreed. «Oui», dit-il.",
         ["It ended.", "<1>New</1> talks start.", "57 States agreed.", "«Oui», dit-il."]),
        ("Phone +43 1 514 36 6000. Fax +43 1 514 36 6996.", ["Phone +43 1 514 36 6000.", "Fax +43 1 514 36 6996."]),
        ("", []),
        ("   ", []),
    ],
)
def test_split_sentences_around_addresses_numbers_and_tags(text, expected):
    assert split_sentences(text) == expected


def test_spans_point_at_the_text_as_written():
    text = "  First one.  Second one!\nThird "
    spans = sentence_spans(text)
    assert [text[start:end] for start, end in spans] == ["First one.", "Second one!", "Third"]
    assert spans == [(2, 12), (14, 25), (26, 31)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Wien, 5. März 2024. Die Vertreterin sprach.", ["Wien, 5. März 2024.", "Die Vertreterin sprach."]),
        ("Am 21. Februar begann es. Dann nicht.", ["Am 21. Februar begann es.", "Dann nicht."]),
        # Three digits, or a decimal, is not a day: the full stop ends the sentence.
        ("Es waren 120. Dann mehr.", ["Es waren 120.", "Dann mehr."]),
        ("Es stieg um 3.5. Dann fiel es.", ["Es stieg um 3.5.", "Dann fiel es."]),
    ],
)
def test_a_day_written_with_a_dot_does_not_end_a_spoken_sentence(text, expected):
    assert [text[start:end] for start, end in sentence_spans(text)] == expected
    if "März" in text or "Februar" in text:
        assert len(split_sentences(text)) == len(expected) + 1  # the translation segments are cut there
