"""The embargo's instant and a correction's day in each language's CLDR words."""

import pytest

from pipeline.localise.moments import format_day, format_moment
from pipeline.publication.moments import instant


@pytest.mark.parametrize("lang, expected", [("en", "5 March 2024, 10:00 CET"), ("de", "5. März 2024, 10:00 MEZ"),
                                            ("es", "5 de marzo de 2024, 10:00 CET")])
def test_an_instant_is_written_in_the_release_zone_and_the_language(lang, expected):
    assert format_moment("2024-03-05T09:00+00:00", "Europe/Vienna", lang) == expected


def test_a_day_and_an_instant_without_a_zone():
    assert format_day("2024-03-06", "fr") == "6 mars 2024"
    assert instant("2024-03-05T10:00", "Europe/Vienna") == "2024-03-05T10:00+01:00"
    with pytest.raises(ValueError, match="offset"):
        instant("2024-03-05T10:00")
