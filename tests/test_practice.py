"""practice.yaml: every field validated, every problem reported at once as file:line: field:
message; the example practices load; practice conditions merge by the one rule."""

from __future__ import annotations

import colorsys
import dataclasses
import textwrap
from pathlib import Path

import pytest

from handouts import paths
from handouts.errors import ContentError
from handouts.merge.handout import contact_blocks, merge_handout
from handouts.model import PLACEHOLDERS, Colours, Practice
from handouts.pipeline.build import load_content, load_practice
from handouts.validate.contrast import contrast_ratio, rgb, to_hex
from handouts.validate.overrides import extend_content, merge_data
from handouts.validate.practice import PRACTICE_FIELDS

EXAMPLES = Path(__file__).resolve().parent.parent / "practices"


def make_practice(folder: Path, yaml_text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "practice.yaml").write_text(textwrap.dedent(yaml_text).lstrip())
    return folder


def problems(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_practice(folder)
    return [str(p) for p in info.value.problems]


def test_riverside_example_loads() -> None:
    practice = load_practice(EXAMPLES / "riverside")
    assert (practice.slug, practice.page_size, practice.large_print) == (
        "riverside",
        "letter",
        False,
    )
    assert practice.logo == (EXAMPLES / "riverside" / "logo.png").resolve()
    assert practice.protocol.start_dose == 1.5
    assert practice.protocol.schedule() == (
        ("1 to 2", 1.5),
        ("3 to 4", 2.5),
        ("5 to 6", 3.5),
        ("7 onward", 4.5),
    )
    assert practice.sign_off is not None and practice.sign_off.role == "Medical director"


def test_northfield_example_loads() -> None:
    practice = load_practice(EXAMPLES / "northfield")
    assert (practice.page_size, practice.large_print, practice.font) == ("a4", True, "fira-sans")
    assert practice.emergency_number == "999"  # written unquoted in the YAML
    assert practice.hidden_sections == ("questions-to-ask",)
    (extra,) = practice.extra_sections
    assert (extra.section.id, extra.position, extra.anchor) == (
        "getting-ldn-here",
        "after",
        "how-to-take",
    )
    assert len(extra.section.body) == 2  # two paragraphs
    assert practice.templates_dir == (EXAMPLES / "northfield" / "templates").absolute()


def test_every_problem_at_once_with_file_line_and_did_you_mean(tmp_path: Path) -> None:
    folder = make_practice(
        tmp_path / "clinic",
        """
        name: Test Clinic
        phnoe: "555-0100"
        font: fira-sanz
        page_size: A5
        large_print: yes please
        conditions: [multiple-sclerosi]
        protocol:
          start_dose: 5
          target_dose: 4.5
          step_interval_weeks: 1.5
        sign_off:
          name: Dr A
          date: 2026-13-01
        """,
    )
    path = folder / "practice.yaml"
    assert problems(folder) == [
        f'{path}:2:8: phnoe: unknown field (did you mean "phone"?)',
        f"{path}:3:7: font: 'fira-sanz' is not one of: atkinson-hyperlegible, fira-sans "
        '(did you mean "fira-sans"?)',
        f"{path}:4:12: page_size: 'A5' is not one of: letter, a4",
        f"{path}:5:14: large_print: expected true or false, got text",
        f"{path}:6:14: conditions[0]: unknown condition 'multiple-sclerosi' "
        '(did you mean "multiple-sclerosis"?); `handouts list` shows them all',
        f"{path}:8:15: protocol.start_dose: 5 mg is more than target_dose (4.5 mg); "
        "start at or below the target",
        f"{path}:10:24: protocol.step_interval_weeks: expected a whole number, got 1.5",
        f"{path}:12:3: sign_off: missing required field 'role'",
        f"{path}:13:9: sign_off.date: '2026-13-01' is not a date; write it as YYYY-MM-DD",
    ]


def test_hidden_required_section_is_refused(tmp_path: Path) -> None:
    folder = make_practice(
        tmp_path / "clinic",
        """
        name: Test Clinic
        hidden_sections: [questions-to-ask, opioid-warning, off-label-cost, condition]
        """,
    )
    path = folder / "practice.yaml"
    assert problems(folder) == [
        f"{path}:2:37: hidden_sections[1]: 'opioid-warning' is required in every handout "
        "and cannot be hidden; a practice may restyle it or add to it, never drop it",
        f"{path}:2:53: hidden_sections[2]: 'off-label-cost' is required in every handout "
        "and cannot be hidden; a practice may restyle it or add to it, never drop it",
        f"{path}:2:69: hidden_sections[3]: 'condition' is the condition's own section "
        "and cannot be hidden",
    ]


def test_extra_section_placement_and_text_are_checked(tmp_path: Path) -> None:
    folder = make_practice(
        tmp_path / "clinic",
        """
        name: Test Clinic
        hidden_sections: [questions-to-ask]
        extra_sections:
          - title: Our hours
            text: Open every day. Ask {prescriber_name} [@nobody].
            after: how-to-tak
          - title: Our promise
            text: LDN cures pain.
            before: questions-to-ask
          - title: No place
            body: [{text: Hello.}]
        """,
    )
    path = folder / "practice.yaml"
    sections = (
        "what-is-ldn, how-it-may-work, condition, how-to-take, side-effects, "
        "opioid-warning, opioid-details, off-label-cost, when-to-get-help, questions-to-ask"
    )
    found = problems(folder)
    assert found[:2] == [
        f"{path}:5:11: extra_sections[0].text: unknown reference [@nobody]",
        f"{path}:5:11: extra_sections[0].text: unknown value {{prescriber_name}}; use one of: "
        + ", ".join(PLACEHOLDERS),
    ]
    assert found[2] == (
        f"{path}:6:12: extra_sections[0].after: unknown section 'how-to-tak' "
        f'(did you mean "how-to-take"?); sections: {sections}'
    )
    assert found[3].startswith(
        f'{path}:8:11: extra_sections[1].text: says "cures", which a handout must never say: '
    )
    assert found[4:] == [
        f"{path}:9:13: extra_sections[1].before: 'questions-to-ask' is hidden; "
        "place this next to a section that prints",
        f"{path}:10:5: extra_sections[2]: say where it goes with one of "
        "before: <section id> or after: <section id>",
    ]


def test_low_contrast_colour_names_the_nearest_passing_shade(tmp_path: Path) -> None:
    folder = make_practice(
        tmp_path / "clinic",
        """
        name: Test Clinic
        colours:
          primary: "#88bbdd"
          accent: "#667788"
          warning: #000000
        """,
    )
    path = folder / "practice.yaml"
    assert problems(folder) == [
        f'{path}:5:11: colours.warning: no colour given; write it in quotes, e.g. "#1f4e79" '
        "(in YAML an unquoted # starts a comment)",
    ]
    (folder / "practice.yaml").write_text(
        'name: Test Clinic\ncolours:\n  primary: "#88bbdd"\n  accent: "#667788"\n'
    )
    assert problems(folder) == [
        f"{path}:3:12: colours.primary: '#88bbdd' has a contrast ratio of 2.06:1 with white "
        "(#ffffff); it needs at least 4.5:1 (WCAG AA). The nearest shade that passes is "
        "'#317bad'",
        f"{path}:4:11: colours.accent: '#667788' has a contrast ratio of 4.10:1 with the text "
        "colour (#111111); it needs at least 4.5:1 (WCAG AA). The nearest shade that passes "
        "is '#6d7f91'",
    ]
    # The suggestion passes, and no shade between it and the colour given does (to within
    # the search step of 0.005 lightness): it is the nearest.
    hue, lightness, saturation = colorsys.rgb_to_hls(*rgb("#88bbdd"))
    suggested = colorsys.rgb_to_hls(*rgb("#317bad"))[1]
    between = range(round(suggested * 1000) + 5, round(lightness * 1000))
    shades = [to_hex(*colorsys.hls_to_rgb(hue, x / 1000, saturation)) for x in between]
    assert len(shades) > 100
    assert all(contrast_ratio(shade, "#ffffff") < 4.5 for shade in shades)
    assert contrast_ratio("#317bad", "#ffffff") >= 4.5
    assert contrast_ratio("#6d7f91", "#111111") >= 4.5


def test_missing_logo(tmp_path: Path) -> None:
    folder = make_practice(tmp_path / "clinic", "name: Test Clinic\nlogo: logo.png\n")
    assert problems(folder) == [
        f"{folder / 'practice.yaml'}:2:7: logo: 'logo.png' not found in the practice folder "
        f"({folder.absolute()})"
    ]


def test_missing_folder_and_file(tmp_path: Path) -> None:
    assert problems(tmp_path / "nowhere") == [
        f"{tmp_path / 'nowhere'}: no such practice folder; make one with "
        f"`handouts init {tmp_path / 'nowhere'}`"
    ]
    assert problems(tmp_path) == [
        f"{tmp_path / 'practice.yaml'}: file not found; `handouts init {tmp_path}` makes one"
    ]


def test_defaults_and_bare_numbers(tmp_path: Path) -> None:
    folder = make_practice(
        tmp_path / "My Clinic",
        'name: My Clinic\nemergency_number: 999\nsign_off:\nprescriber: ""\n'
        'protocol: {timing: ""}\n',
    )
    practice = load_practice(folder)
    assert practice.slug == "my-clinic"  # from the folder name
    assert practice.emergency_number == "999"
    assert practice.sign_off is None
    neutral = Practice()
    assert (practice.colours, practice.protocol, practice.font, practice.page_size) == (
        neutral.colours,
        neutral.protocol,
        neutral.font,
        neutral.page_size,
    )


def test_neutral_profile_gets_no_contact_lines() -> None:
    content = load_content(paths.builtin_content_dir())
    assert contact_blocks(Practice(), content.ui) == ()
    handout = merge_handout(content, "hiv", Practice())
    assert [s.body for s in handout.sections] == [s.body for s in content.sections]


def test_merge_rule_mappings_merge_scalars_and_lists_replace() -> None:
    base = {"a": 1, "m": {"x": 1, "y": [1, 2], "n": {"deep": 1, "keep": 2}}, "l": [1]}
    override = {"m": {"y": [3], "n": {"deep": 9}}, "l": [], "new": "v"}
    before = (repr(base), repr(override))
    assert merge_data(base, override) == {
        "a": 1,
        "m": {"x": 1, "y": [3], "n": {"deep": 9, "keep": 2}},
        "l": [],
        "new": "v",
    }
    assert (repr(base), repr(override)) == before  # the inputs are never changed


def _write_condition(folder: Path, slug: str, text: str) -> Path:
    target = folder / "content" / "conditions" / f"{slug}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(textwrap.dedent(text).lstrip())
    return target


def test_practice_overrides_fields_of_a_built_in_condition(tmp_path: Path) -> None:
    folder = make_practice(tmp_path / "clinic", "name: Test Clinic\n")
    _write_condition(
        folder,
        "multiple-sclerosis",
        """
        summary: Our own summary of LDN in MS. It is short.
        key_points: [Keep taking your MS medicines.]
        evidence:
          found: weak
        """,
    )
    content = load_content(paths.builtin_content_dir())
    builtin = content.conditions["multiple-sclerosis"]
    extended = extend_content(content, load_practice(folder))
    ms = extended.conditions["multiple-sclerosis"]
    assert ms.summary == "Our own summary of LDN in MS. It is short."
    assert ms.key_points == ("Keep taking your MS medicines.",)  # a list replaces
    assert ms.evidence == dataclasses.replace(builtin.evidence, found="weak")  # merges
    assert ms.cautions == builtin.cautions and ms.review == builtin.review
    assert content.conditions["multiple-sclerosis"] is builtin  # the built-in set is untouched
    assert builtin.evidence.found == "mixed"


def test_errors_point_at_the_practice_condition_file(tmp_path: Path) -> None:
    folder = make_practice(tmp_path / "clinic", "name: Test Clinic\nconditions: [gout]\n")
    override = _write_condition(folder, "lupus", "evidence:\n  reserch: case-reports\n")
    new = _write_condition(
        folder,
        "gout",
        """
        slug: gout
        name: gout
        group: pain
        summary: LDN has not been studied in gout [@nobody].
        key_points: [Ask your doctor.]
        evidence:
          research: none-in-people
          found: not-tested
          known: Little.
          not_known: Most.
          references: [livertox]
        review: {reviewed_on: 2026-11-21, next_review: 2027-11-21, reviewer: GP}
        """,
    )
    assert problems(folder) == [
        f"{new}:4:10: summary: unknown reference [@nobody]",
        f'{override}:2:12: evidence.reserch: unknown field (did you mean "research"?)',
    ]
    new.write_text(new.read_text().replace(" [@nobody]", ""))
    override.unlink()
    practice = load_practice(folder)
    extended = extend_content(load_content(paths.builtin_content_dir()), practice)
    assert extended.conditions["gout"].name == "gout"
    assert practice.conditions == ("gout",)


def test_example_yaml_of_init_lists_every_field(tmp_path: Path) -> None:
    from handouts.scaffold import init_practice
    from handouts.text.yamlfile import load_yaml_file

    written = init_practice(tmp_path / "new-clinic")
    assert [p.relative_to(tmp_path / "new-clinic").as_posix() for p in written] == [
        "practice.yaml",
        "templates/handout.rml.j2",
        "README.md",
    ]
    doc = load_yaml_file(written[0])
    assert tuple(doc.data) == PRACTICE_FIELDS
    assert doc.data["colours"] == dataclasses.asdict(Colours())
    practice = load_practice(tmp_path / "new-clinic")
    assert (practice.name, practice.slug) == ("New Clinic", "new-clinic")


def test_init_never_overwrites(tmp_path: Path) -> None:
    from handouts.errors import HandoutsError
    from handouts.scaffold import init_practice

    folder = make_practice(tmp_path / "clinic", "name: Mine\n")
    with pytest.raises(HandoutsError) as info:
        init_practice(folder)
    assert str(info.value) == (
        f"{folder / 'practice.yaml'} already exists; `handouts init` never overwrites. "
        "Edit the practice as it is, or choose a new folder"
    )
    assert (folder / "practice.yaml").read_text() == "name: Mine\n"
    assert not (folder / "templates").exists()


def test_long_name_is_refused_before_it_runs_off_the_header(tmp_path: Path) -> None:
    folder = tmp_path / "long"
    folder.mkdir()
    (folder / "practice.yaml").write_text("name: " + "Very Long Practice Name " * 3 + "\n")
    with pytest.raises(ContentError) as info:
        load_practice(folder)
    assert [str(p) for p in info.value.problems] == [
        f"{folder / 'practice.yaml'}:1:7: name: 71 characters is too long for the page header "
        "(at most 45); use a shorter form of the name"
    ]
