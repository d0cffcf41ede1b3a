"""URLs, e-mail addresses, phone numbers and inline tags: each pattern written once.

Every module that looks for one of these imports it from here
(tests/test_layout.py fails on a regular expression of that shape anywhere
else). One pattern serves wherever it can; where a module needs another
boundary, it has a named variant below, built from the same parts, with a
comment saying who needs it and why. The variants are kept as the modules
had them: making two of them one would change what some text gives (a URL
followed by "»", a phone number written with no-break spaces), so they are
unified only where the outputs stay the same.
"""

from __future__ import annotations

import re

# --- the parts ---------------------------------------------------------------------------

SCHEME = r"https?://"  # what opens a web address
WWW = r"www\."  # … or what opens one written without its scheme
EMAIL_LOCAL = r"[\w.+-]+"  # an e-mail address before the "@" ("jana.novak+press")
EMAIL_DOMAIN = r"[\w-]+(?:\.[\w-]+)+"  # … and after it: at least one dot
COUNTRY_CODE = r"\+\d{1,3}"  # an international phone number opens with it
DIGIT_GROUP = r"\(?\d+\)?"  # one group of a phone number's digits, perhaps in brackets ("(0)")

# --- e-mail addresses --------------------------------------------------------------------

EMAIL = re.compile(rf"{EMAIL_LOCAL}@{EMAIL_DOMAIN}")

# --- URLs --------------------------------------------------------------------------------

# A web address in running text: no space, angle bracket, parenthesis or square bracket inside, and
# not ending with the sentence's punctuation or a closing quotation mark ("… see www.osce.org."; «https://osce.org»).
# audio/spoken.py (spelled out for the listener).
URL = re.compile(rf"(?:{SCHEME}|{WWW})[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"»”’]")

# The verbatim spans (verbatim.py: masked by translate/protect.py, placeholders in catalogs/xliff.py):
# stops before "⟦", where a masked text's placeholder begins, and before a tag's "<"; may hold brackets
# ("…/Report_(2023)" keeps its "(2023"), may end with "'" or "»". As protect.py always masked it.
VERBATIM_URL = re.compile(rf"(?:{SCHEME}|{WWW})[^\s<>⟦]+[^\s<>⟦.,;:!?)\]”’\"]")

# One word of the conservation check (ingest/conservation.py): only with its scheme ("www.osce.org" is
# three words there, in the source and in the release alike), at least two characters after it; may end with "'".
URL_WORD = re.compile(rf"{SCHEME}[^\s<>()\[\]]+[^\s<>()\[\].,;:!?\"”’»]")

# A further-information paragraph's address, written out after its intro ("… please visit: https://…"):
# ingest/assemble.py takes it to the next space, less a final ".,;:)".
BARE_URL = re.compile(rf"{SCHEME}\S+[^\s.,;:)]")

# catalogs/fuzzy.py: an address is one slot for the score, whatever it holds, up to the next space
# (fuzzy.spans strips a final ".,;:" where it lines up the spans).
LOOSE_URL = re.compile(rf"{SCHEME}\S+|{WWW}\S+")

# localise/typography.py, a word at a time: one holding "://" (any scheme) or "@", or opening with "www.",
# is an address and keeps its straight apostrophes; a loose test on purpose.
ADDRESS_MARK = re.compile(rf"://|^{WWW}|@")

# --- phone numbers -----------------------------------------------------------------------

# An international number in running text, its groups apart by a space (no-break and narrow no-break ones,
# as the French editions write them), ".", "/" or "-"; three digits at least ("+43" alone is not one).
# audio/spoken.py (said digit by digit).
PHONE = re.compile(rf"{COUNTRY_CODE}(?:[ \u00a0\u202f./-]?{DIGIT_GROUP}){{2,}}")

# The verbatim spans (verbatim.py), in the English source: groups apart by a space, "." or "-" only;
# two digits are enough ("+43"). As protect.py always masked it.
VERBATIM_PHONE = re.compile(rf"{COUNTRY_CODE}(?:[ .-]?{DIGIT_GROUP})+")

# ingest/contacts.py reads a contact line where the number stands alone, written as an office writes it:
# the country code optional ("(022) 520-06-00"), brackets, dots, slashes and hyphens between the groups.
LINE_PHONE_START = r"\+?\(?\d"
LINE_PHONE_CHARACTERS = r"[\d ()./-]"
PHONE_LINE = re.compile(rf"^{LINE_PHONE_START}{LINE_PHONE_CHARACTERS}{{4,}}\d$")  # the whole line is one
PHONE_AHEAD = rf"{LINE_PHONE_START}{LINE_PHONE_CHARACTERS}{{5,}}"  # where one begins, after a comma between fields

# catalogs/fuzzy.py: a figure standing alone, a phone number's "+" included: one slot for the score, so
# that "1,248 attacks" and "1,302 attacks" differ in no word ("G20" and "COVID-19" are names, not figures).
FIGURE = re.compile(r"(?<![\w-])\+?\d(?:[\d.,\u00a0\u202f ]*\d)?%?")

# --- inline tags -------------------------------------------------------------------------

# segment.py's styled runs in a unit's text: "<1>", "</1>". Group 1 is "/" for a closing tag, group 2 the number.
INLINE_TAG = re.compile(r"<(/?)(\d+)>")
OPENING_TAG = re.compile(r"<(\d+)>")  # group 1: the number
TAG_PAIR = re.compile(r"<(\d+)>(.*?)</\1>")  # a tag and what it holds, on one line: groups number and text

# --- characters no edition can show ------------------------------------------------------

# C0 controls but tab, newline and carriage return; DEL; C1 controls; the noncharacters U+FFFE and
# U+FFFF; lone surrogates (a converter's or a bad decoder's leftovers). Typst refuses some of them,
# so ingest refuses them in a release and QA blocks them in a translation (ingest, translate/qa.py).
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
