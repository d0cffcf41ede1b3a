"""pipeline/catalogs/fuzzy.py: near matches found among thousands of units, with numbers aligned (issue 16)."""

import random

from pipeline.catalogs.fuzzy import FuzzyIndex


def test_fuzzy_index_finds_near_matches_and_aligns_numbers():
    rng = random.Random(4)
    words = [f"w{n}" for n in range(3000)]
    units = [(" ".join(rng.choices(words, k=14)) + ".", f"t{n}", f"r{n}") for n in range(5000)]
    units.append(("The mission recorded 1,248 attacks in 2023 across the region.",
                  "La mission a recensé 1 248 attaques en 2023 dans la région.", "rel-1"))
    index = FuzzyIndex(units)
    near = units[77][0].split()
    near[3] = "different"
    match = index.best(" ".join(near))
    assert match and match.target == "t77" and 75 <= match.score < 100
    assert index.best("Nothing at all like any unit here.") is None
    moved = index.best("The mission recorded 1,302 attacks in 2024 across the region.")
    assert moved.score == 100 and moved.aligned and moved.target == "La mission a recensé 1 248 attaques en 2024 dans la région."
