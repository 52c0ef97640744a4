"""Practices end to end: the two examples (golden text), template overrides (search order,
sandbox, guard, required sections) and `handouts init` followed by a build."""

from __future__ import annotations

import io
import os
import textwrap
from collections import Counter
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner
from helpers import pdf_text, squash

from handouts import paths
from handouts.cli import main
from handouts.errors import ContentError, TemplateError
from handouts.pipeline.build import (
    BuiltHandout,
    Project,
    build_handout,
    load_project,
    output_folder,
    render_rml,
)
from handouts.render.templates import template_files

EXAMPLES = Path(__file__).resolve().parent.parent / "practices"
BUILTIN = paths.builtin_templates_dir()


@pytest.fixture(scope="module")
def riverside() -> Project:
    return load_project(EXAMPLES / "riverside")


@pytest.fixture(scope="module")
def northfield() -> Project:
    return load_project(EXAMPLES / "northfield")


@pytest.fixture(scope="module")
def riverside_ms(riverside: Project) -> BuiltHandout:
    return build_handout(riverside, "multiple-sclerosis")


@pytest.fixture(scope="module")
def northfield_fibro(northfield: Project) -> BuiltHandout:
    return build_handout(northfield, "fibromyalgia")


def page_size(pdf: bytes) -> tuple[int, int]:
    box = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def test_riverside_golden(riverside_ms: BuiltHandout) -> None:
    text = squash(pdf_text(riverside_ms.pdf))
    # pypdf reads the page graphics (header, then footer) before the story.
    assert text.startswith(f"Riverside Family Medicine Page 1 of {riverside_ms.pages} ")
    assert "Low Dose Naltrexone (LDN) Multiple sclerosis" in text
    for expected in (
        "Take LDN just as your Riverside prescriber tells you.",
        "1. Start with 1.5 mg once a day, at bedtime.",
        "2. Go up by 1 mg after 2 weeks on each dose, as long as side effects stay mild.",
        "3. Once you reach 4.5 mg, stay at that dose.",
        "Dose each day, at bedtime Week 1 to 2 1.5 mg Week 3 to 4 2.5 mg "
        "Week 5 to 6 3.5 mg Week 7 onward 4.5 mg",
        "Clinic: Riverside Family Medicine, (217) 555-0142, 210 River Road, Springfield, "
        "IL 62701, riverside-family.example.org",
        "Pharmacy: Riverside Compounding Pharmacy, (217) 555-0188",
        "Emergency: 911",
        "Signed off by Dr. Maria Alvarez, Medical director, 21 November 2026.",
        "Never take LDN with opioid medicines.",
        # The practice's own protocol is its plan, not "a common plan" (ldn-facts.md 4.3).
        "This is your plan. Follow what your Riverside prescriber tells you.",
    ):
        assert expected in text, expected
    assert page_size(riverside_ms.pdf) == (612, 792)


def test_riverside_header_draws_the_logo(riverside_ms: BuiltHandout) -> None:
    first = pypdf.PdfReader(io.BytesIO(riverside_ms.pdf)).pages[0]
    images = list(first.images)
    assert len(images) == 1
    assert images[0].image is not None and images[0].image.size == (200, 200)


def test_northfield_golden(northfield_fibro: BuiltHandout) -> None:
    text = squash(pdf_text(northfield_fibro.pdf))
    assert text.startswith(
        f"Northfield Health Centre Phone 01632 960 123 Page 1 of {northfield_fibro.pages} "
    )
    for expected in (
        "1. Start with 1 mg once a day, at night.",
        "2. Go up by 1 mg after 2 weeks on each dose, as long as side effects stay mild.",
        "Week 1 to 2 1 mg Week 3 to 4 2 mg Week 5 to 6 3 mg Week 7 onward 4 mg",
        "Emergency: 999",
        "Pharmacy: Mill Lane Pharmacy, 01632 960 456",
        "Ring us on 01632 960 123 if you have not heard from the pharmacy within a week.",
        "Signed off by Dr. Tom Hale, GP partner, 24 November 2026.",
    ):
        assert expected in text, expected
    # The extra section sits after "How to take LDN"; the hidden section is gone.
    assert (
        text.index("How to take LDN")
        < text.index("Getting your LDN at Northfield")
        < text.index("Side effects and what to do")
    )
    assert "Questions to ask" not in text
    assert page_size(northfield_fibro.pdf) == (595, 842)


def test_northfield_is_large_print_in_fira_sans(northfield_fibro: BuiltHandout) -> None:
    sizes: Counter[float] = Counter()
    fonts: set[str] = set()

    def visit(text: str, cm: object, tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes[round(size * tm[0], 1)] += len(text)
            if isinstance(font, dict):
                fonts.add(str(font.get("/BaseFont")))

    for page in pypdf.PdfReader(io.BytesIO(northfield_fibro.pdf)).pages:
        page.extract_text(visitor_text=visit)
    body_size = sizes.most_common(1)[0][0]
    assert body_size >= 16
    assert fonts and all("FiraSans" in font for font in fonts), fonts


def test_northfield_header_comes_from_its_override(northfield: Project) -> None:
    files = template_files(northfield.search_path, "handout.rml.j2")
    assert files == (
        str(EXAMPLES.absolute() / "northfield" / "templates" / "handout.rml.j2"),
        str(BUILTIN / "handout.rml.j2"),
        str(BUILTIN / "macros.rml.j2"),
    )


def test_output_goes_to_the_practice_folder(riverside: Project, tmp_path: Path) -> None:
    assert output_folder(riverside, tmp_path) == tmp_path / "riverside"
    assert riverside.clinic_set == (
        "multiple-sclerosis",
        "fibromyalgia",
        "crohns-disease",
        "chronic-pain",
    )


# ---- template overrides in a practice of our own ---------------------------------------


def practice_with(tmp_path: Path, templates: dict[str, str]) -> Path:
    folder = tmp_path / "clinic"
    (folder / "templates").mkdir(parents=True)
    (folder / "practice.yaml").write_text("name: Test Clinic\nphone: 555-0100\n")
    for name, text in templates.items():
        (folder / "templates" / name).write_text(textwrap.dedent(text).lstrip())
    return folder


def refused(folder: Path) -> str:
    project = load_project(folder)
    with pytest.raises(TemplateError) as info:
        build_handout(project, "hiv")
    return str(info.value)


def extending(block: str, body: str) -> dict[str, str]:
    return {
        "handout.rml.j2": '{% extends "builtin/handout.rml.j2" %}\n'
        f"{{% block {block} %}}{body}{{% endblock %}}\n"
    }


def test_override_order_practice_first_builtin_prefix_reaches_the_builtin(
    tmp_path: Path,
) -> None:
    folder = practice_with(
        tmp_path,
        {
            "handout.rml.j2": """
                {% extends "builtin/handout.rml.j2" %}
                {% block title %}
                <para style="title">PRACTICE TITLE</para>{{ super() }}
                {% endblock %}
            """,
            # The built-in handout imports macros.rml.j2: the practice's file wins there too.
            "macros.rml.j2": """
                {% import "builtin/macros.rml.j2" as base with context %}
                {% macro heading(text, key, style="h2") -%}
                <para style="{{ style }}">PRACTICE HEADING {{ text }}</para>
                {%- endmacro %}
                {% macro subheading(text) %}{{ base.subheading(text) }}{% endmacro %}
                {% macro bullets(texts, style="bullet") %}
                {{ base.bullets(texts, style) }}{% endmacro %}
                {% macro checklist(texts) %}{{ base.checklist(texts) }}{% endmacro %}
                {% macro blocks(body, para_style="body") %}
                {{ base.blocks(body, para_style) }}{% endmacro %}
                {% macro sources(keys) %}{{ base.sources(keys) }}{% endmacro %}
            """,
        },
    )
    project = load_project(folder)
    _, rml, files = render_rml(project, "hiv")
    practice_templates = folder.absolute() / "templates"
    assert files == (
        str(practice_templates / "handout.rml.j2"),
        str(BUILTIN / "handout.rml.j2"),
        str(practice_templates / "macros.rml.j2"),
        str(BUILTIN / "macros.rml.j2"),
    )
    assert '<para style="title">PRACTICE TITLE</para>' in rml
    assert '<para style="title">Low Dose Naltrexone (LDN)</para>' in rml  # super()
    assert '<para style="h2">PRACTICE HEADING What is LDN?</para>' in rml
    text = squash(pdf_text(build_handout(project, "hiv").pdf))
    assert "PRACTICE TITLE Low Dose Naltrexone (LDN)" in text


def test_sandbox_refuses_class_attribute(tmp_path: Path) -> None:
    folder = practice_with(tmp_path, extending("title", "{{ ''.__class__.__mro__ }}"))
    template = folder.absolute() / "templates" / "handout.rml.j2"
    assert refused(folder) == (
        f"{template}:2: refused by the template sandbox: "
        "access to attribute '__class__' of 'str' object is unsafe."
    )


def test_sandbox_refuses_globals(tmp_path: Path) -> None:
    folder = practice_with(tmp_path, extending("title", "{{ lipsum.__globals__['os'] }}"))
    template = folder.absolute() / "templates" / "handout.rml.j2"
    assert refused(folder) == (
        f"{template}:2: refused by the template sandbox: "
        "access to attribute '__globals__' of 'function' object is unsafe."
    )


def test_plugin_tag_is_refused(tmp_path: Path) -> None:
    folder = practice_with(
        tmp_path,
        extending("title", '<plugInFlowable module="os" function="system" params="id"/>'),
    )
    template = folder.absolute() / "templates" / "handout.rml.j2"
    assert refused(folder) == (
        f"{template}:2: <plugInFlowable> is not allowed: it would run Python code"
    )


def test_image_outside_the_folder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    image = '<image file="{}" x="0" y="0" width="10" height="10"/>'
    folder = practice_with(tmp_path, extending("header", image.format("../secret.png")))
    (tmp_path / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    template = folder.absolute() / "templates" / "handout.rml.j2"
    monkeypatch.chdir(folder)  # z3c.rml reads a relative name from the working folder
    assert refused(folder.absolute()) == (
        f"{template}:2: <image file=...>: the file ../secret.png is "
        f"{(tmp_path / 'secret.png').resolve()}, outside the practice folder; the PDF library "
        "reads a relative name from the folder the command runs in, so give a practice "
        "file by its full path (as {{ logo.file }} does)"
    )


def test_relative_image_is_read_from_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hole the old guard had: x.png inside the practice folder is not what z3c.rml
    opens when the command runs elsewhere."""
    folder = practice_with(tmp_path, extending("header", '<image file="x.png" x="0" y="0"/>'))
    (folder / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    monkeypatch.chdir(elsewhere)
    message = refused(folder.absolute())
    assert f"the file x.png is {elsewhere.resolve() / 'x.png'}, outside the practice" in message


def test_symlinked_image_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n")
    link = (tmp_path / "clinic" / "logo.png").absolute()
    folder = practice_with(tmp_path, extending("header", f'<image file="{link}" x="0" y="0"/>'))
    os.symlink(outside, folder / "logo.png")
    # The folder scan refuses the link before any template runs.
    with pytest.raises(ContentError) as info:
        load_project(folder)
    assert str(info.value) == (
        f"{folder / 'logo.png'}: a link to {outside.resolve()}, outside the practice folder; "
        "copy the file in instead"
    )


def test_url_image_is_refused(tmp_path: Path) -> None:
    folder = practice_with(
        tmp_path, extending("header", '<image file="https://example.org/x.png" x="0" y="0"/>')
    )
    template = folder.absolute() / "templates" / "handout.rml.j2"
    assert refused(folder) == (
        f"{template}:2: <image file=...>: a URL (https://example.org/x.png) would be fetched; "
        "use a file in the practice folder"
    )


def test_override_that_drops_the_opioid_warning_is_refused(tmp_path: Path) -> None:
    folder = practice_with(tmp_path, extending("opioid_warning", ""))
    template = folder.absolute() / "templates" / "handout.rml.j2"
    assert refused(folder) == (
        f"{template}: the required section 'opioid-warning' is missing or changed "
        '(cannot find: "Important: LDN and opioid medicines"); a practice may restyle and '
        "add to it, never drop it"
    )


def test_override_that_restyles_the_off_label_section_builds(tmp_path: Path) -> None:
    folder = practice_with(
        tmp_path,
        extending(
            "off_label_cost",
            '<para style="h3">Please read</para>{{ super() }}',
        ),
    )
    text = squash(pdf_text(build_handout(load_project(folder), "hiv").pdf))
    assert "Please read Off-label use, cost and insurance" in text


# ---- the command line: init, then build ------------------------------------------------


def test_init_then_build_the_clinic_set(workdir: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["init", "practices/my-clinic"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "wrote practices/my-clinic/practice.yaml",
        "wrote practices/my-clinic/templates/handout.rml.j2",
        "wrote practices/my-clinic/README.md",
        "Next: edit practices/my-clinic/practice.yaml, then run "
        "`handouts build --practice practices/my-clinic --all`",
    ]
    config = workdir / "practices" / "my-clinic" / "practice.yaml"
    text = config.read_text()
    for old, new in (
        ('phone: ""', 'phone: "555-0100"'),
        ("conditions: []", "conditions: [hiv, lupus]"),
        ("  start_dose: 1.5", "  start_dose: 0.5"),
    ):
        assert old in text, old
        text = text.replace(old, new)
    config.write_text(text)
    # Use the commented example header of the scaffolded override.
    override = workdir / "practices" / "my-clinic" / "templates" / "handout.rml.j2"
    lines = override.read_text().splitlines()
    lines = [line for line in lines if line not in ("{#- EXAMPLE", "END OF EXAMPLE -#}")]
    assert len(lines) == len(override.read_text().splitlines()) - 2
    override.write_text("\n".join(lines) + "\n")

    result = runner.invoke(
        main, ["build", "--edition", "full", "--practice", "practices/my-clinic", "--all"]
    )
    assert result.exit_code == 0, result.output
    wrote = sorted(line for line in result.output.splitlines() if line.startswith("wrote "))
    assert wrote == ["wrote out/my-clinic/hiv.pdf", "wrote out/my-clinic/lupus.pdf"]
    assert sorted(p.name for p in (workdir / "out" / "my-clinic").glob("*.pdf")) == [
        "hiv.pdf",
        "lupus.pdf",
    ]
    text = squash(pdf_text((workdir / "out" / "my-clinic" / "hiv.pdf").read_bytes()))
    assert text.startswith("My Clinic 555-0100 Page 1 of ")
    assert "1. Start with 0.5 mg once a day, at bedtime." in text
    assert "Week 1 to 2 0.5 mg Week 3 to 4 2 mg Week 5 to 6 3.5 mg Week 7 onward 4.5 mg" in text

    again = runner.invoke(main, ["init", "practices/my-clinic"])
    assert again.exit_code == 1
    assert "already exist; `handouts init` never overwrites" in again.output


def test_practice_problems_exit_1_without_a_traceback(workdir: Path) -> None:
    (workdir / "clinic").mkdir()
    (workdir / "clinic" / "practice.yaml").write_text(
        "name: Test\nhidden_sections: [opioid-warning]\nlogo: logo.png\n"
    )
    result = CliRunner().invoke(main, ["build", "--edition", "full", "--practice", "clinic", "hiv"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "Error: clinic/practice.yaml:2:19: hidden_sections[0]: 'opioid-warning' is required "
        "in every handout and cannot be hidden; a practice may restyle it or add to it, "
        "never drop it",
        f"clinic/practice.yaml:3:7: logo: 'logo.png' not found in the practice folder "
        f"({workdir / 'clinic'})",
        "2 problems found; fix them and run again.",
    ]
    assert not (workdir / "out").exists()
