"""Hypothesis profiles for the hardening tests.

``ci`` (chosen when the CI environment variable is set, as .ci/run's runner sets it) is
derandomized: the same examples every run, so CI time and results are stable. ``dev``
explores new examples each run and keeps failures in .hypothesis/ to replay them.
Example counts are set per test (see test_hardening_properties.py), sized so the whole
suite stays well under five minutes on two cores.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Building a PDF takes 0.2 to 1 s, far over Hypothesis's per-example deadline and its
# "too slow" threshold; neither is a fault of the code under test.
_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("ci", derandomize=True, database=None, print_blob=True, **_COMMON)
settings.register_profile("dev", **_COMMON)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)
