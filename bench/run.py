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
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from results_text import SLUG, STAGES, median_ms, report

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
HANDOUTS = [sys.executable, "-m", "handouts"]
REFERENCE = [sys.executable, str(BENCH / "reference_platypus.py")]
FULL_SET = [*HANDOUTS, "build", "--all", "--edition", "full"]  # the full guides, as before


# -- a long-running process that builds on request -------------------------------------


def serve(kind: str) -> None:
    """Build the handout N times per request line; answer with wall and CPU seconds."""
    sys.path.insert(0, str(BENCH))
    from handouts.pipeline.build import build_handout, load_project

    project = load_project()
    if kind == "pipeline":

        def once() -> None:
            build_handout(project, SLUG)
    elif kind == "summary":  # the one-sheet summary edition of the same condition

        def once() -> None:
            build_handout(project, SLUG, "summary")
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


def wall(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure(quick: bool) -> dict[str, Any]:
    results: dict[str, Any] = {"busy": {}, "measured_at": f"{dt.datetime.now():%Y-%m-%d %H:%M}"}
    work = Path(tempfile.mkdtemp(prefix="handouts-bench-"))
    try:
        # Warm: two long-running processes take turns.
        results["busy"]["warm"] = wait_for_quiet()
        pipeline, reference = Server("pipeline"), Server("reference")
        summary = Server("summary")
        samples: dict[str, dict[str, list[float]]] = {
            "pipeline": {"wall": [], "cpu": []}, "reference": {"wall": [], "cpu": []},
            "summary": {"wall": [], "cpu": []}}  # fmt: skip
        # One build each in turn: a pair shares whatever else the machine is doing.
        for _ in range(15 if quick else 40):
            for name, server in (("pipeline", pipeline), ("reference", reference),
                                 ("summary", summary)):  # fmt: skip
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
        summary.close()

        # Cold: one handout from a fresh process, taking turns.
        results["busy"]["cold"] = wait_for_quiet()
        cold: dict[str, list[float]] = {"pipeline": [], "reference": []}
        for i in range(3 if quick else 7):
            out = work / f"cold-{i}"
            cold["pipeline"].append(
                wall([*HANDOUTS, "build", SLUG, "--edition", "full", "--out", str(out)], work)
            )
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
                command = [*FULL_SET, "--force", "--jobs", n, "--out", str(full)]
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
        results["nochange"] = [wall([*FULL_SET, "--out", str(full)], work)
                               for _ in range(3 if quick else 9)]  # fmt: skip
        booklet_started = time.perf_counter()
        subprocess.run([*FULL_SET, "--booklet", "--out", str(full)],
                       cwd=work, check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        results["booklet_run"] = time.perf_counter() - booklet_started
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


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
