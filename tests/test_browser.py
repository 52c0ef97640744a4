"""The HTML edition in a real browser: every page of the built-in set and of both example
practices opened in headless Chromium and checked with axe-core (from npm) at WCAG 2.1 AA,
plus the print styles, a browser print of each practice's MS page, and phone numbers that
stay on one line on a 320 px screen.

Needs Debian's ``chromium`` and ``npm ci --prefix tests/browser`` (``.ci/run`` installs
both). Outside CI the tests skip, saying what is missing; in CI they must run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html
from pypdf import PdfReader

from handouts.cli import main

ROOT = Path(__file__).resolve().parent.parent
BROWSER_DIR = ROOT / "tests" / "browser"
CHROMIUM = os.environ.get("HANDOUTS_CHROMIUM") or shutil.which("chromium")
NODE = shutil.which("node")
# Typed from practices/*/practice.yaml: the number each practice prints.
PHONES = {"": "", "riverside": "(217) 555-0142", "northfield": "01632 960 123"}


def _missing() -> list[str]:
    missing = []
    if not CHROMIUM:
        missing.append("Chromium (apt-get install chromium)")
    if not NODE:
        missing.append("Node.js (apt-get install nodejs npm)")
    if not (BROWSER_DIR / "node_modules" / "axe-core" / "axe.min.js").is_file():
        missing.append("axe-core and puppeteer-core (npm ci --prefix tests/browser)")
    return missing


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Build every HTML page, run the browser once over all of them; results by page."""
    missing = _missing()
    if missing:
        message = "browser tests need " + ", ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must run them: see .ci/run)")
        pytest.skip(message)
    out = tmp_path_factory.mktemp("site")
    jobs = []
    for practice in PHONES:
        args = ["html", "--all", "--out", str(out)]
        if practice:
            args += ["--practice", str(ROOT / "practices" / practice)]
        else:  # the built-in set in English and Spanish, their indexes linking each other
            args += ["--language", "en", "--language", "es"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        folder = out / practice if practice else out
        for page in sorted([*folder.glob("*.html"), *folder.glob("es/*.html")]):
            pdf = str(page.with_suffix(".pdf")) if page.stem == "multiple-sclerosis" else ""
            jobs.append({"file": str(page), "phone": PHONES[practice], "pdf": pdf})
    (out / "jobs.json").write_text(json.dumps(jobs))
    run = subprocess.run(
        [str(NODE), str(BROWSER_DIR / "check_pages.mjs"), str(CHROMIUM), str(out / "jobs.json")],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    results: dict[str, dict[str, Any]] = json.loads(run.stdout)
    by_name = {str(Path(f).relative_to(out)): r | {"file": f} for f, r in results.items()}
    # The built-in set (English and Spanish) and both practices, each in the full and the
    # summary edition, and each set's index.html.
    assert len(by_name) == len(jobs) == 2 * (15 + 15 + 4 + 4) + 4
    assert {n for n in by_name if n.endswith("index.html")} == {
        "index.html", "es/index.html", "riverside/index.html", "northfield/index.html"
    }  # fmt: skip
    return by_name


def test_zero_axe_violations_at_wcag_21_aa(pages: dict[str, dict[str, Any]]) -> None:
    found = {name: r["violations"] for name, r in pages.items() if r["violations"]}
    assert found == {}
    assert all(r["passes"] > 20 for r in pages.values())  # axe really ran its rules


def test_print_styles_keep_headings_with_text_and_the_warning_whole(
    pages: dict[str, dict[str, Any]],
) -> None:
    for name, result in pages.items():
        if name.endswith("index.html"):
            assert set(result["print"]["headings"]) == {"avoid"}, name  # no h3, no warning
            continue
        assert result["print"]["headings"], name
        assert set(result["print"]["headings"]) == {"avoid"}, name
        assert result["print"]["warning"] == ["avoid"], name


def test_the_browser_print_strands_no_heading(pages: dict[str, dict[str, Any]]) -> None:
    printed = {name: r for name, r in pages.items() if name.endswith("multiple-sclerosis.html")}
    assert len(printed) == 4  # the built-in set in English and Spanish, both practices
    for name, result in printed.items():
        page = lxml_html.parse(result["file"]).getroot()
        headings = {" ".join(h.text_content().split()) for h in page.iter("h1", "h2", "h3")}
        reader = PdfReader(Path(result["file"]).with_suffix(".pdf"))
        assert len(reader.pages) >= 2, name
        for number, pdf_page in enumerate(reader.pages, 1):
            last = " ".join(pdf_page.extract_text().strip().splitlines()[-1].split())
            assert last not in headings, f"{name}: page {number} ends with heading {last!r}"


def test_phone_numbers_stay_on_one_line(pages: dict[str, dict[str, Any]]) -> None:
    for name, result in pages.items():
        if name.startswith(("riverside/", "northfield/")) and not name.endswith("index.html"):
            assert result["phoneLines"], f"{name}: the practice's phone number is not shown"
            assert set(result["phoneLines"]) == {1}, name


def test_the_index_pages_pass_axe_and_link_to_files_that_are_there(
    pages: dict[str, dict[str, Any]],
) -> None:
    for name in ("index.html", "es/index.html", "riverside/index.html", "northfield/index.html"):
        result = pages[name]
        assert result["violations"] == [], name
        assert result["passes"] > 20, name
        page = Path(result["file"])
        hrefs = [a.get("href") for a in lxml_html.parse(page).getroot().iter("a")]
        # Each page of the set, plus the other language's index for the built-in set.
        assert len(hrefs) == {"index.html": 31, "es/index.html": 31}.get(name, 8), name
        assert all((page.parent / href).is_file() for href in hrefs), name
