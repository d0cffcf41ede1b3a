"""The rules the English audio's word error rate is measured by (tests/editions/test_audio.py).

They must be fair to the audio without hiding its mistakes: a spelled acronym is one word
however the transcript writes it, a letter misheard still counts, and the sentence the audio
says instead of the links is part of what it must say.
"""

from pipeline.audio.spoken import spoken_form

from ..editions.test_audio import body_as_read, normalised_words, word_error_rate


def test_a_spelled_acronym_is_one_word_however_it_is_written():
    for heard in ("ODIHR said", "O.D.I.H.R. said", "O. D. I. H. R. said", "O D I H R said"):
        assert normalised_words(heard) == ["odihr", "said"]
    assert normalised_words("the O.S.CD region") == ["the", "oscd", "region"]  # a letter misheard stays wrong
    assert word_error_rate(normalised_words("ODIHR said"), normalised_words("O.D.H.R. said")) == 0.5


def test_words_and_single_letters_are_left_alone():
    assert normalised_words("U.S. I think, plan B and A B tests") == \
        ["us", "i", "think", "plan", "b", "and", "a", "b", "tests"]
    assert normalised_words("the Office’s work, see press@osce.org [1]") == ["the", "office's", "work", "see"]


def test_the_body_is_compared_as_the_audio_reads_it():
    edition = ("OSCE Representative presents report\n\nThe report [1] is out.\n\n"
               "For further information, please visit:\nhttps://www.osce.org/fom\n\n"
               "Contacts\n\nJana Novak\n\nLinks\n[1] https://www.osce.org/fom/report")
    read = body_as_read(edition)
    assert "Jana" not in read and "osce.org" not in read and "[1]" not in read
    assert read.endswith("The links mentioned are listed in the text edition.")
    # "[1]" goes before the spoken form, which would otherwise turn it into "[one]", a word never said.
    assert "one" not in normalised_words(spoken_form(read, "en"))
    assert body_as_read("Title\n\nNo links here.\n\nContacts\n\nJana") == "Title\n\nNo links here."
