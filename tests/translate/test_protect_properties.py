"""Properties of masking (translate/protect.py), checked with hypothesis.

1. With the identity "translation", every URL, e-mail address and phone
   number of the source comes back byte for byte.
2. Whatever an engine returns, no placeholder (⟦ or ⟧) is left in the text
   that goes into the catalog and from there into the editions.

Examples: 1,000 per property when CI is set (tests/hypothesis_profile.py).
"""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.translate.glossary import Glossary, load_glossary
from pipeline.translate.protect import (
    ANY_PLACEHOLDER,
    PLACEHOLDER,
    Masked,
    mask,
    unmask,
)

from .. import hypothesis_profile  # noqa: F401  (registers and loads the profile)
from ..conftest import REPO

LANGS = ("fr", "de", "it", "ru", "es")
GLOSSARIES = {lang: load_glossary(REPO / "locales", lang) for lang in LANGS}
EXTRA_TERMS = (("Permanent Council", "Conseil permanent"), ("election observation", "observation électorale"),
               ("participating States", "États participants"))

# --- the pieces of a source text ---------------------------------------------------------

WORDS = ("the", "Office", "said", "observers", "will", "report", "on", "elections", "in", "and", "a", "of",
         "Mission", "call", "write", "see", "per", "cent", "No.", "Art.", "e.g.", "—", "“quoted”", "(note)")
word = st.one_of(st.sampled_from(WORDS), st.from_regex(r"[A-Za-zÀ-ÿ]{1,10}", fullmatch=True))

label = st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True)
domain = st.builds(lambda labels, tld: ".".join([*labels, tld]),
                   st.lists(label, min_size=1, max_size=3), st.sampled_from(["org", "com", "int", "at", "co.uk", "pl"]))
path_part = st.from_regex(r"[A-Za-z0-9_~-]{1,12}|[0-9]{1,6}|%[0-9A-F]{2}[a-z]{1,4}", fullmatch=True)
query = st.from_regex(r"\?[a-z]{1,5}=[A-Za-z0-9]{1,6}(?:&[a-z]{1,5}=[A-Za-z0-9]{1,6}){0,2}", fullmatch=True)
fragment = st.from_regex(r"#[a-z0-9-]{0,5}[a-z0-9]", fullmatch=True)


@st.composite
def urls(draw) -> str:
    start = draw(st.sampled_from(["https://", "http://", "www.", "https://www."]))
    path = "".join("/" + part for part in draw(st.lists(path_part, max_size=4)))
    slash = "/" if draw(st.booleans()) else ""
    return (start + draw(domain) + path + (slash if path else "")
            + draw(st.one_of(st.just(""), query)) + draw(st.one_of(st.just(""), fragment)))


# Local parts start with a letter here; one starting with a digit right after a phone number has a
# property of its own (test_a_phone_number_before_an_email_is_kept).
emails = st.builds(lambda local, host: f"{local}@{host}",
                   st.from_regex(r"[a-z](?:[a-z0-9._+-]{0,10}[a-z0-9])?", fullmatch=True), domain)
digit_emails = st.builds(lambda local, host: f"{local}@{host}",
                         st.from_regex(r"[0-9](?:[a-z0-9._+-]{0,10}[a-z0-9])?", fullmatch=True), domain)
phones = st.from_regex(
    r"\+[1-9]\d{0,2}(?: \(0\))?(?:[ .-]\d{1,4}){1,5}|\+[1-9]\d{0,2} \(\d{1,4}\) \d{2,4}[ -]\d{2,4}", fullmatch=True)
numbers = st.one_of(
    st.integers(0, 10**9).map(str),
    st.integers(1000, 10**9).map("{:,}".format),
    st.decimals(0, 10**6, places=2, allow_nan=False, allow_infinity=False).map(str),
    st.integers(0, 100).map(lambda n: f"{n} per cent"),
    st.integers(0, 100).map(lambda n: f"{n}.5%"),
    st.integers(1, 10**6).map(lambda n: f"€{n:,}"),
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
dates = st.one_of(
    st.builds(lambda d, m, y: f"{d} {m} {y}", st.integers(1, 31), st.sampled_from(MONTHS), st.integers(1990, 2030)),
    st.builds(lambda d, m, y: f"{m} {d}, {y}", st.integers(1, 28), st.sampled_from(MONTHS), st.integers(1990, 2030)),
    st.builds(lambda m, y: f"{m} {y}", st.sampled_from(MONTHS), st.integers(1990, 2030)),
    # Days that exist in every month: "31 September" without a year has a property of its own
    # (test_an_impossible_day_and_month_is_left_as_written).
    st.builds(lambda d, m: f"{d} {m}", st.integers(1, 29), st.sampled_from(MONTHS)),
    st.builds(lambda d, m, y: f"{d} {m} {y}", st.integers(29, 31), st.sampled_from(MONTHS), st.integers(1990, 2030)),
)
SEPARATORS = (" ", " ", " ", ", ", ". ", "; ", " (", ") ", ": ", " – ", "\n")


@st.composite
def sources(draw) -> tuple[str, str, Glossary, list[str]]:
    """(text, target language, glossary, the URLs, e-mails and phones in it)."""
    lang = draw(st.sampled_from(LANGS))
    glossary = Glossary(GLOSSARIES[lang].terms + EXTRA_TERMS)
    term = st.sampled_from([source for source, _ in glossary.terms])
    kinds = st.sampled_from(["word"] * 4 + ["url", "email", "phone", "number", "date", "term", "tagged"])
    parts, protected = [], []
    for kind in draw(st.lists(kinds, min_size=1, max_size=16)):
        if kind in ("url", "email", "phone", "tagged"):
            value = draw({"url": urls(), "email": emails, "phone": phones, "tagged": urls()}[kind])
            protected.append(value)
            parts.append(f"<1>{value}</1>" if kind == "tagged" else value)
        else:
            parts.append(draw({"word": word, "number": numbers, "date": dates, "term": term}[kind]))
        parts.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(parts[:-1]) + draw(st.sampled_from(["", ".", "!", "?"])), lang, glossary, protected


# --- 1. masking round-trips -------------------------------------------------------------------


@given(sources())
@example((("Call +48 22 520 06 00 14 February 2024, write to press@osce.org or see "
           "<1>https://www.osce.org/odihr/563046</1>."), "ru", GLOSSARIES["ru"],
          ["+48 22 520 06 00", "press@osce.org", "https://www.osce.org/odihr/563046"]))
def test_identity_translation_gives_back_every_url_email_and_phone(source):
    text, lang, glossary, protected = source
    masked = mask(text, lang, glossary)
    restored = unmask(masked.text, masked)
    for value in protected:
        assert value in restored, (value, masked)
    assert not ANY_PLACEHOLDER.search(restored)
    # The verbatim kinds are copied through as they were, and nothing is lost around the spans.
    assert all(span.target == span.source for span in masked.spans if span.kind in ("url", "email", "phone", "tag"))
    assert PLACEHOLDER.sub(lambda m: masked.spans[int(m[1]) - 1].source, masked.text) == text


@given(phones, digit_emails, st.sampled_from(LANGS))
@example("+48 22 520 06 00", "2024press@osce.org", "fr").via("realistic")
@example("+1.0", "0@0.org", "fr").via("minimal: '+1.0' becomes '+1'")
def test_a_phone_number_before_an_email_is_kept(phone, email, lang):
    text = f"Call {phone} {email}"
    masked = mask(text, lang, Glossary())
    restored = unmask(masked.text, masked)
    assert phone in restored and email in restored


@given(st.integers(30, 31), st.sampled_from(MONTHS), st.sampled_from(LANGS))
@example(31, "September", "fr").via("minimal")
def test_an_impossible_day_and_month_is_left_as_written(day, month, lang):
    text = f"Results are due on {day} {month}."
    masked = mask(text, lang, Glossary())
    unmask(masked.text, masked)


@given(sources())
def test_masked_text_has_one_placeholder_per_span_in_order(source):
    text, lang, glossary, _ = source
    masked = mask(text, lang, glossary)
    assert [int(n) for n in PLACEHOLDER.findall(masked.text)] == list(range(1, len(masked.spans) + 1))


# --- 2. no placeholder ever reaches an edition ----------------------------------------------------

GARBAGE_CHARS = st.one_of(st.characters(codec="utf-8", exclude_categories=("Cs",)), st.sampled_from("⟦⟧0123456789<>/ "))


def breakages(masked: Masked) -> st.SearchStrategy[str]:
    """What an engine might make of the masked text: placeholders dropped, repeated, renumbered,
    half-copied, nested, spaced out, tags broken, or plain garbage."""
    pieces = re.split(r"(⟦\d+⟧)", masked.text)
    count = len(masked.spans)

    def mangle(piece: str, how: str, number: int) -> str:
        if not PLACEHOLDER.fullmatch(piece):
            return {"drop": "", "tag": piece + " <1>", "closing": piece + "</2>"}.get(how, piece)
        n = PLACEHOLDER.fullmatch(piece)[1]
        return {
            "keep": piece, "drop": "", "twice": piece + " " + piece, "renumber": f"⟦{number}⟧",
            "open": f"⟦{n}", "close": f"{n}⟧", "spaced": f"⟦ {n} ⟧", "nested": f"⟦{piece}⟧",
            "tag": f"<{n}>", "closing": f"</{n}>", "arabic": "⟦" + n.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")) + "⟧",
        }[how]

    hows = st.sampled_from(["keep"] * 4 + ["drop", "twice", "renumber", "open", "close", "spaced", "nested",
                                          "tag", "closing", "arabic"])
    mangled = st.lists(st.tuples(hows, st.integers(0, count + 3)), min_size=len(pieces), max_size=len(pieces)).map(
        lambda choices: "".join(mangle(p, how, n) for p, (how, n) in zip(pieces, choices)))
    garbage = st.text(GARBAGE_CHARS, max_size=60)
    shuffled = st.permutations(pieces).map("".join)
    return st.one_of(mangled, garbage, shuffled, st.tuples(mangled, garbage).map(" ".join))


@given(st.data(), sources())
@example(data=None, source=("See https://x.org.", "fr", Glossary(), ["https://x.org"])).via("unknown placeholder")
def test_no_placeholder_reaches_an_edition_whatever_the_engine_returns(data, source):
    text, lang, glossary, _ = source
    masked = mask(text, lang, glossary)
    raw = "Voir ⟦2⟧ et ⟦1." if data is None else data.draw(breakages(masked), label="engine output")
    assert not ANY_PLACEHOLDER.search(unmask(raw, masked))


@given(st.data(), sources())
@example(data=None, source=("See https://x.org.", "fr", Glossary(), ["https://x.org"])).via("huge number")
def test_unmask_never_raises(data, source):
    text, lang, glossary, _ = source
    masked = mask(text, lang, glossary)
    huge = st.integers(4000, 6000).map(lambda n: "⟦" + "1" * n + "⟧")
    raw = "⟦" + "1" * 5000 + "⟧" if data is None else data.draw(st.one_of(breakages(masked), huge))
    unmask(raw, masked)


@given(st.data(), sources())
def test_placeholders_kept_once_in_any_order_are_all_restored(data, source):
    """What does hold: an engine that keeps each placeholder exactly once, in any order, with any
    text around them (free of ⟦ ⟧), gives a text without placeholders that holds every span's target."""
    text, lang, glossary, _ = source
    masked = mask(text, lang, glossary)
    placeholders = [masked.placeholder(i) for i in range(len(masked.spans))]
    filler = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="⟦⟧"), max_size=12)
    order = data.draw(st.permutations(placeholders))
    fillers = data.draw(st.lists(filler, min_size=len(order) + 1, max_size=len(order) + 1))
    raw = fillers[0] + "".join(p + f for p, f in zip(order, fillers[1:]))
    restored = unmask(raw, masked)
    assert not ANY_PLACEHOLDER.search(restored)
    for span in masked.spans:
        assert span.target in restored
