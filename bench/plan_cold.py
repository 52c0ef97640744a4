"""Cold `handouts plan` against a cold `handouts build` of one handout, in the same run.

    python bench/plan_cold.py            # 9 runs of each, taking turns (about 30 s)
    python bench/plan_cold.py --quick    # 3 of each, for a smoke test

A cold run is a fresh process, as a person types the command at the front desk. The two
commands take turns, so both see the same machine; the medians and their ratio go to
bench/plan_results.json and bench/PLAN_RESULTS.md. The comparison is the edition named by
--against: "summary" (one sheet) where the tool has it, else "full" (the whole guide).
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
PRACTICE = str(ROOT / "practices" / "riverside")
SLUG = "multiple-sclerosis"


def has_summary() -> bool:
    """Whether this version of the tool has the summary edition."""
    done = subprocess.run([*HANDOUTS, "build", "--help"], capture_output=True, text=True)
    return "--edition" in done.stdout or "summary" in done.stdout


def commands(out: Path, summary: bool) -> dict[str, list[str]]:
    start = (dt.date.today() + dt.timedelta(days=7)).isoformat()
    build = [*HANDOUTS, "build", SLUG, "--practice", PRACTICE, "--force", "--jobs", "1",
             "--out", str(out / "build")]  # fmt: skip
    if summary:
        build += ["--edition", "summary"]
    plan = [*HANDOUTS, "plan", SLUG, "--practice", PRACTICE, "--patient", "Alex Example",
            "--start", start, "--out", str(out / "plan" / "plan.pdf")]  # fmt: skip
    return {"plan": plan, "build": build}


def wall(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one fresh process running ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    elapsed = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str]) -> None:
    runs = 3 if "--quick" in argv else 9
    summary = has_summary()
    with tempfile.TemporaryDirectory() as tmp:
        cmds = commands(Path(tmp), summary)
        for command in cmds.values():  # warm the disk cache and .pyc files once
            wall(command)
        busy = wait_for_quiet()
        times: dict[str, list[float]] = {name: [] for name in cmds}
        cpu: dict[str, list[float]] = {name: [] for name in cmds}
        for _ in range(runs):
            for name, command in cmds.items():
                elapsed, used = wall(command)
                times[name].append(elapsed)
                cpu[name].append(used)
        busy_after = cpu_busy()
    medians = {name: statistics.median(values) for name, values in times.items()}
    cpu_medians = {name: statistics.median(values) for name, values in cpu.items()}
    ratio = medians["plan"] / medians["build"]
    # CPU time barely moves when other processes share the machine; wall time does.
    cpu_ratio = cpu_medians["plan"] / cpu_medians["build"]
    results = {
        "date": dt.date.today().isoformat(),
        "against": "summary" if summary else "full",
        "runs": runs,
        "plan_s": round(medians["plan"], 3),
        "build_s": round(medians["build"], 3),
        "ratio": round(ratio, 3),
        "plan_cpu_s": round(cpu_medians["plan"], 3),
        "build_cpu_s": round(cpu_medians["build"], 3),
        "cpu_ratio": round(cpu_ratio, 3),
        "plan_all_s": [round(v, 3) for v in times["plan"]],
        "build_all_s": [round(v, 3) for v in times["build"]],
        "cpu_busy_before": round(busy, 3),
        "cpu_busy_after": round(busy_after, 3),
    }
    (BENCH / "plan_results.json").write_text(json.dumps(results, indent=2) + "\n")
    edition = "one summary" if summary else "one full handout (the summary edition is not in "
    edition += "" if summary else "this version)"
    verdict = "met" if ratio <= 1.0 else "NOT met"
    (BENCH / "PLAN_RESULTS.md").write_text(
        "# Cold `handouts plan` against a cold `handouts build`\n\n"
        f"Measured {results['date']} by `python bench/plan_cold.py`: {runs} fresh processes "
        f"of each, taking turns, riverside practice, {SLUG}; against {edition}.\n\n"
        "| command | median wall time | median CPU time |\n|---|---|---|\n"
        f"| `handouts plan` (7-page plan) | {medians['plan']:.3f} s "
        f"| {cpu_medians['plan']:.3f} s |\n"
        f"| `handouts build --force --jobs 1` | {medians['build']:.3f} s "
        f"| {cpu_medians['build']:.3f} s |\n\n"
        f"Ratio plan / build: **{ratio:.2f}** wall (target <= 1.00: {verdict}), "
        f"{cpu_ratio:.2f} CPU. CPUs busy "
        f"before: {busy:.0%}, after: {busy_after:.0%} (other helpers share the machine).\n"
    )
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
