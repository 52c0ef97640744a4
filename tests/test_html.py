"""The HTML edition: semantic, self-contained, the same words as the PDF, and guarded
like the RML when a practice overrides its template."""

from __future__ import annotations

import dataclasses
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import squash
from lxml import html as lxml_html

from handouts.cli import main
from handouts.errors import TemplateError
from handouts.pipeline.build import Project, load_project, render_html

SLUG = "multiple-sclerosis"


def parse(text: str) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(text)


@pytest.fixture(scope="module")
def ms_html(project: Project) -> str:
    return render_html(project, SLUG)


@pytest.fixture(scope="module")
def page(ms_html: str) -> lxml_html.HtmlElement:
    return parse(ms_html)


def heading_levels(page: lxml_html.HtmlElement) -> list[int]:
    return [int(h.tag[1]) for h in page.iter("h1", "h2", "h3", "h4", "h5", "h6")]


def test_document_basics(ms_html: str, page: lxml_html.HtmlElement) -> None:
    assert ms_html.startswith("<!doctype html>")
    assert page.get("lang") == "en"
    assert page.findtext(".//title") == "Low Dose Naltrexone (LDN) and multiple sclerosis"
    assert page.find(".//meta[@charset]").get("charset") == "utf-8"
    viewport = page.find(".//meta[@name='viewport']")
    assert viewport.get("content") == "width=device-width, initial-scale=1"
    h1s = page.findall(".//h1")
    assert [h.text_content() for h in h1s] == ["Low Dose Naltrexone (LDN)"]
    assert page.find(".//p[@class='subtitle']").text_content() == "Multiple sclerosis"


def test_headings_never_skip_a_level_in_any_handout(project: Project) -> None:
    for slug in project.content.conditions:
        levels = heading_levels(parse(render_html(project, slug)))
        assert levels[0] == 1 and levels.count(1) == 1, slug
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, (slug, levels)


def test_key_points_box_is_a_labelled_section_with_a_list(page: lxml_html.HtmlElement) -> None:
    box = page.find(".//section[@class='key-points']")
    label = page.get_element_by_id(box.get("aria-labelledby"))
    assert label.tag == "h2" and label.text_content() == "Key points"
    items = [squash(li.text_content()) for li in box.findall("ul/li")]
    assert (
        items[-1] == "Never take LDN with opioid medicines. If you take one now, do not stop it "
        "on your own. Read the warning box before you start."
    )
    assert items[0] == "LDN does not replace your MS medicines. Keep taking them."


def test_opioid_warning_and_off_label_sections_are_there(page: lxml_html.HtmlElement) -> None:
    warning = page.find(".//section[@class='warning']")
    assert warning.get("role") == "note"
    heading = page.get_element_by_id(warning.get("aria-labelledby"))
    assert heading.text_content() == "Important: LDN and opioid medicines"
    text = squash(warning.text_content())
    assert "Never take extra opioid to get past the block." in text
    assert "If you take an opioid now, do not stop it on your own." in text
    details = squash(page.get_element_by_id("sec-opioid-details").getparent().text_content())
    assert "Suboxone, Subutex, Zubsolv, Sublocade, and the Butrans patch or Belbuca film" in details
    assert "plain acetaminophen (Tylenol) on its own" in details
    off_label = page.get_element_by_id("sec-off-label-cost").getparent()
    assert off_label.find("h2").text_content() == "Off-label use, cost and insurance"
    assert "Insurance often does not pay for LDN" in squash(off_label.text_content())


def test_every_citation_link_has_its_reference(page: lxml_html.HtmlElement) -> None:
    targets = [a.get("href") for a in page.iter("a") if a.get("href", "").startswith("#ref-")]
    refs = page.findall(".//ol[@class='references']/li")
    assert len(refs) >= 10 and "#ref-1" in targets and f"#ref-{len(refs)}" in targets
    for href in set(targets):
        assert page.get_element_by_id(href[1:]).tag == "li"
    assert [li.get("id") for li in refs] == [f"ref-{n}" for n in range(1, len(refs) + 1)]
    doi = refs[2].find("a")
    assert doi.get("href") == "https://doi.org/10.3390/medsci6040082"


def test_schedule_is_a_table_with_caption_and_column_headers(
    page: lxml_html.HtmlElement,
) -> None:
    table = page.find(".//table[@class='schedule']")
    assert table.findtext("caption") == "Your dose schedule"
    headers = table.findall("thead/tr/th")
    assert [(th.get("scope"), th.text) for th in headers] == [
        ("col", "Weeks"),
        ("col", "Dose each day, at bedtime"),
    ]
    first = [td.text for td in table.find("tbody/tr").findall("td")]
    assert first == ["Week 1 to 2", "1.5 mg"]


def test_evidence_scale_is_text_plus_hidden_boxes(page: lxml_html.HtmlElement) -> None:
    scale = page.find(".//p[@class='scale']")
    boxes = scale.find("span[@class='boxes']")
    assert boxes.get("aria-hidden") == "true"
    assert [b.get("class") for b in boxes] == ["filled"] * 3 + [None] * 2
    words = " ".join("".join(scale.itertext()).split())
    assert words == (
        "How much research in people: 3 of 5 boxes. Small trials with a comparison group."
    )
    found = scale.getnext()
    assert " ".join("".join(found.itertext()).split()) == (
        "What it found: Helped in some studies, not in others."
    )


def test_checklist_is_a_list_without_form_fields(project: Project) -> None:
    page = parse(render_html(project, SLUG))
    lists = page.findall(".//ul[@class='checklist']")
    assert lists and all(len(ul.findall("li")) > 1 for ul in lists)
    assert page.find(".//input") is None and page.find(".//form") is None


def test_nothing_external_no_scripts(ms_html: str, page: lxml_html.HtmlElement) -> None:
    assert page.find(".//script") is None and page.find(".//link") is None
    for element in page.iter():
        if isinstance(element.tag, str):
            assert "src" not in element.attrib, element.tag
            assert not any(name.startswith("on") for name in element.attrib), element.tag
    assert "url(" not in ms_html and "@import" not in ms_html


def test_footer_has_review_version_and_disclaimer(page: lxml_html.HtmlElement) -> None:
    footer = squash(page.find(".//footer").text_content())
    assert footer == (
        "Reviewed by Clinical pharmacist, 21 November 2026. Next review 21 November 2027. "
        "Content version 2026.11. This handout is general information. It does not replace "
        "advice from your prescriber."
    )


def test_content_specials_print_as_text(project: Project) -> None:
    summary = 'Tom & Jerry\'s "LDN" <script>alert(1)</script> <b>not bold</b>'
    condition = dataclasses.replace(project.content.conditions[SLUG], summary=summary)
    conditions = {**project.content.conditions, SLUG: condition}
    changed = dataclasses.replace(
        project, content=dataclasses.replace(project.content, conditions=conditions)
    )
    text = render_html(changed, SLUG)
    page = parse(text)
    assert page.find(".//script") is None and page.find(".//b") is None
    paragraph = page.get_element_by_id("sec-condition").getnext()
    assert paragraph.text_content() == summary
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_practice_logo_is_embedded_with_alt_text() -> None:
    riverside = load_project(Path(__file__).parent.parent / "practices" / "riverside")
    page = parse(render_html(riverside, SLUG))
    logo = page.find(".//header/img")
    assert logo.get("src").startswith("data:image/png;base64,iVBOR")
    assert logo.get("alt") == f"{riverside.practice.name} logo"


# ---- the command line ------------------------------------------------------------------


def test_cli_writes_the_files(workdir: Path) -> None:
    result = CliRunner().invoke(main, ["html", "--edition", "full", SLUG, "hiv", "--out", "site"])
    assert result.exit_code == 0, result.output
    assert result.output == "wrote site/multiple-sclerosis.html\nwrote site/hiv.html\n"
    page = parse((workdir / "site" / "hiv.html").read_text(encoding="utf-8"))
    assert page.find(".//p[@class='subtitle']").text_content() == "HIV"
    assert sorted(p.name for p in (workdir / "site").iterdir()) == [
        "hiv.html",
        "multiple-sclerosis.html",
    ]


def test_cli_errors_and_exit_codes(workdir: Path) -> None:
    runner = CliRunner()
    unknown = runner.invoke(main, ["html", "multiple-sclerosi"])
    assert unknown.exit_code == 2
    assert unknown.output.startswith(
        'Error: unknown condition "multiple-sclerosi". Did you mean "multiple-sclerosis"?'
    )
    none = runner.invoke(main, ["html"])
    assert none.exit_code == 2
    assert "name one or more conditions, or use --all" in none.output
    both = runner.invoke(main, ["html", "--edition", "full", "hiv", "--all"])
    assert both.exit_code == 2
    assert "give condition names or --all, not both" in both.output
    assert not (workdir / "out").exists()


# ---- practice overrides of handout.html.j2 ---------------------------------------------


def practice_with_html(tmp_path: Path, block: str, body: str) -> Path:
    folder = tmp_path / "clinic"
    (folder / "templates").mkdir(parents=True)
    (folder / "practice.yaml").write_text("name: Test Clinic\nphone: 555-0100\n")
    template = (
        f'{{% extends "builtin/handout.html.j2" %}}\n{{% block {block} %}}{body}{{% endblock %}}\n'
    )
    (folder / "templates" / "handout.html.j2").write_text(textwrap.dedent(template))
    return folder


def refused(folder: Path) -> str:
    with pytest.raises(TemplateError) as info:
        render_html(load_project(folder), "hiv")
    return str(info.value)


def test_override_that_drops_the_opioid_warning_is_refused(tmp_path: Path) -> None:
    folder = practice_with_html(tmp_path, "opioid_warning", "")
    template = folder.absolute() / "templates" / "handout.html.j2"
    assert refused(folder) == (
        f"{template}: the required section 'opioid-warning' is missing or changed "
        '(cannot find: "Important: LDN and opioid medicines"); a practice may restyle and '
        "add to it, never drop it"
    )


def test_override_adding_a_script_is_refused(tmp_path: Path) -> None:
    folder = practice_with_html(tmp_path, "header", "<script>track()</script>")
    template = folder.absolute() / "templates" / "handout.html.j2"
    assert refused(folder) == (
        f"{template}:2: <script> is not allowed in the HTML edition: it runs code or loads "
        "another document"
    )


def test_override_adding_an_external_image_is_refused(tmp_path: Path) -> None:
    folder = practice_with_html(
        tmp_path, "header", '<img src="https://tracker.example/p.png" alt="x">'
    )
    template = folder.absolute() / "templates" / "handout.html.j2"
    assert refused(folder) == (
        f"{template}:2: <img src=...>: the HTML edition loads nothing from elsewhere; "
        "an image must be a data: URI (PNG or JPEG)"
    )


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ('<p onclick="x()">Hi</p>', '<p onclick=...>: event handler attributes run code; '
         'remove "onclick"'),
        ('<a href="javascript:alert(1)">x</a>', '<a href="javascript:alert(1)">: only https:, '
         "http:, mailto:, tel: and # links"),
        ("<style>body { background: url(https://x.example/a.png) }</style>",
         "<style>: styles may not load files (url())"),
        ('<link rel="stylesheet" href="https://x.example/a.css">',
         "<link> is not allowed in the HTML edition: it runs code or loads another document"),
    ],
)  # fmt: skip
def test_other_ways_out_are_refused(tmp_path: Path, body: str, reason: str) -> None:
    folder = practice_with_html(tmp_path, "header", body)
    template = folder.absolute() / "templates" / "handout.html.j2"
    assert refused(folder) == f"{template}:2: {reason}"


def test_override_that_restyles_a_block_renders(tmp_path: Path) -> None:
    folder = practice_with_html(tmp_path, "off_label_cost", "<p>Please read</p>{{ super() }}")
    page = parse(render_html(load_project(folder), "hiv"))
    assert "Please read Off-label use, cost and insurance" in squash(page.text_content())


def test_every_summary_page_renders_without_source_numbers(project: Project) -> None:
    # The summary lists its key sources and prints no citation numbers (depression's
    # sheet names a source that no summary section cites, which once broke the page).
    from handouts.editions import get_edition

    summary = get_edition("summary")
    for slug in project.clinic_set:
        page = lxml_html.fromstring(render_html(project, slug, summary))
        assert page.xpath("//p[@class='sources']") == [], slug
        assert page.xpath("//h2[@id='references']"), slug


def test_summary_page_has_its_own_title(project: Project) -> None:
    # content/en/summary.yaml: handout_title; the browser tab and the tagged PDF say which.
    from handouts.editions import get_edition

    page = lxml_html.fromstring(render_html(project, "lupus", get_edition("summary")))
    assert page.findtext(".//title") == "Low Dose Naltrexone (LDN) and lupus: summary"
