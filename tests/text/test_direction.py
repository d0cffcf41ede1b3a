"""pipeline/text/direction.py: which way text runs, from each character's bidirectional class."""

from pipeline.text.direction import has_explicit_direction, has_right_to_left, opposite_runs, text_direction


def spans(text: str, base: str = "ltr") -> list[str]:
    return [text[start:end] for start, end in opposite_runs(text, base)]


def test_a_text_is_right_to_left_where_most_strong_characters_are():
    assert text_direction("The minister met Yael Cohen (יעל כהן).") == "ltr"
    assert text_direction("«نحن هنا من أجل الحوار»") == "rtl"
    # Most, not the first strong character (HTML's dir="auto"): a Hebrew quotation after a Latin name.
    assert text_direction("Cohen: שלום לכולם, אנחנו כאן") == "rtl"
    assert text_direction("Follow us 📢 #OSCEMC24") == "ltr"
    assert text_direction("📢 2024 – ✅") is None and text_direction("") is None
    assert text_direction("田中 由紀") == "ltr"  # CJK is written left to right


def test_the_runs_a_left_to_right_paragraph_sets_right_to_left():
    # Neutral characters between two right-to-left letters are inside the run, those at its edges are not.
    assert spans("met Yael Cohen (יעל כהן), Director") == ["יעל כהן"]
    assert spans("“שלום לכולם, אנחנו כאן”, said Ms Cohen") == ["שלום לכולם, אנחנו כאן"]
    assert spans("Haddad (عمر حداد) and Cohen (יעל כהן)") == ["عمر حداد", "יעל כהן"]
    # Digits after Arabic or Hebrew belong to its run (UAX #9: W2, N1).
    assert spans("in عام 2024 and more") == ["عام 2024"]
    assert spans("No right-to-left text at all, 2024.") == []
    assert spans("") == []


def test_the_runs_a_right_to_left_paragraph_sets_left_to_right():
    assert spans("«نحن هنا» said Mr Haddad in 2024: «شكرا»", "rtl") == ["said Mr Haddad in 2024"]
    assert spans("שלום", "rtl") == []


def test_explicit_direction_controls_are_seen():
    assert has_explicit_direction("a \u202eevil\u202c b") and has_explicit_direction("\u2067x\u2069")
    assert not has_explicit_direction("plain text, שלום")
    assert has_right_to_left("a \u202eb") and has_right_to_left("שלום") and not has_right_to_left("田中 📢 abc")
