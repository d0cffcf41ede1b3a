"""Hypothesis settings for the property tests: 1,000 examples per property in CI.

Import this module from a property test file (`from . import hypothesis_profile`);
it registers and loads the profile once. `CI` set: the "ci" profile (1,000
examples, derandomised so that a CI failure reproduces); otherwise "dev"
(100 examples), or whatever `HYPOTHESIS_PROFILE` names. No example database
is kept; hypothesis's own caches go to `.hypothesis/`, which ignores itself
(it writes its own `.gitignore`).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

COMMON = {"deadline": None, "database": None, "suppress_health_check": [HealthCheck.too_slow]}

settings.register_profile("ci", max_examples=1000, derandomize=True, print_blob=True, **COMMON)
settings.register_profile("dev", max_examples=100, **COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))
