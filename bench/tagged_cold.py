"""Cold `handouts html --tagged-pdf` against a cold plain `handouts build` of one handout.

    python bench/tagged_cold.py            # 5 runs of each, taking turns (about 1 minute)
    python bench/tagged_cold.py --quick    # 2 of each, for a smoke test

A cold run is a fresh process, as staff type the command. The commands take turns, so all
see the same machine: the tagged PDF (HTML page, WeasyPrint PDF/UA-1, structure check),
the HTML page alone, and the ReportLab build of the same full guide. Medians go to
bench/tagged_results.json and bench/TAGGED_RESULTS.md.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
from run import cpu_busy, wait_for_quiet  # noqa: E402

HANDOUTS = [sys.executable, "-m", "handouts"]
SLUG = "multiple-sclerosis"
LABELS = {
    "tagged": "`handouts html --tagged-pdf` (page, PDF/UA-1, check)",
    "html": "`handouts html` (page only)",
    "build": "`handouts build --force --jobs 1` (ReportLab)",
}


def commands(out: Path) -> dict[str, list[str]]:
    html = [*HANDOUTS, "html", SLUG, "--edition", "full", "--out"]
    build = [*HANDOUTS, "build", SLUG, "--edition", "full", "--force", "--jobs", "1", "--out"]
    return {
        "tagged": [*html, str(out / "tagged"), "--tagged-pdf"],
        "html": [*html, str(out / "html")],
        "build": [*build, str(out / "build")],
    }


def cpu_of_children() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def wall(command: list[str], cpu: list[float] | None = None) -> float:
    """Wall time of one fresh process; its CPU time (user + system) goes to ``cpu``, which a
    busy machine inflates far less than the wall time."""
    began, cpu_began = time.perf_counter(), cpu_of_children()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    if cpu is not None:
        cpu.append(cpu_of_children() - cpu_began)
    return time.perf_counter() - began


def main(argv: list[str]) -> None:
    runs = 2 if "--quick" in argv else 5
    with tempfile.TemporaryDirectory() as tmp:
        cmds = commands(Path(tmp))
        for command in cmds.values():  # warm the disk cache and .pyc files once
            wall(command)
        busy = wait_for_quiet(max_wait=30)
        times: dict[str, list[float]] = {name: [] for name in cmds}
        cpu: dict[str, list[float]] = {name: [] for name in cmds}
        for _ in range(runs):
            for name, command in cmds.items():
                times[name].append(wall(command, cpu[name]))
        busy_after = cpu_busy()
    medians = {name: statistics.median(values) for name, values in times.items()}
    results = {
        "date": dt.date.today().isoformat(),
        "runs": runs,
        **{f"{name}_s": round(value, 3) for name, value in medians.items()},
        "ratio_tagged_build": round(medians["tagged"] / medians["build"], 3),
        **{f"{name}_cpu_s": round(statistics.median(v), 3) for name, v in cpu.items()},
        **{f"{name}_all_s": [round(v, 3) for v in values] for name, values in times.items()},
        "cpu_busy_before": round(busy, 3),
        "cpu_busy_after": round(busy_after, 3),
    }
    (BENCH / "tagged_results.json").write_text(json.dumps(results, indent=2) + "\n")
    (BENCH / "TAGGED_RESULTS.md").write_text(
        "# Cold `handouts html --tagged-pdf` against a cold `handouts build`\n\n"
        f"Measured {results['date']} by `python bench/tagged_cold.py`: {runs} fresh processes "
        f"of each, taking turns, neutral profile, {SLUG}, full guide.\n\n"
        "| command | median wall time | median CPU time |\n|---|---|---|\n"
        + "".join(
            f"| {label} | {medians[name]:.3f} s | {results[f'{name}_cpu_s']:.3f} s |\n"
            for name, label in LABELS.items()
        )
        + "\n"
        f"Ratio tagged / build: **{results['ratio_tagged_build']:.2f}**. CPUs busy before: "
        f"{busy:.0%}, after: {busy_after:.0%} (other helpers share the machine).\n"
    )
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
