"""Resource limits: YAML files over a sane size and templates that would render more than a
sane output size are refused with a clear error, without exhausting memory or time."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from handouts import paths
from handouts.errors import ContentError, TemplateError
from handouts.render import sandbox
from handouts.render import templates as render
from handouts.render.templates import MAX_OUTPUT_CHARS, render_template
from handouts.text import safe_files, yamlfile


def peak_memory(action: Callable[[], Any]) -> int:
    """Peak bytes Python allocated while ``action`` ran (its exception is swallowed)."""
    tracemalloc.start()
    try:
        action()
    except (ContentError, TemplateError):
        pass
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def test_a_huge_yaml_file_is_refused_without_being_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(2_000_000_000)  # 2 GB, sparse: costs no disk
    started = time.perf_counter()
    with pytest.raises(ContentError) as info:
        yamlfile.load_yaml_file(huge, "content/en/conditions/huge.yaml")
    assert str(info.value) == (
        "content/en/conditions/huge.yaml: file is 2,000,000,000 bytes; the limit is 1,000,000"
    )
    assert time.perf_counter() - started < 1
    assert peak_memory(lambda: yamlfile.load_yaml_file(huge, "x")) < 1_000_000


def test_yaml_just_under_the_limit_loads_and_just_over_is_refused() -> None:
    line = b"- " + b"x" * 97 + b"\n"  # 100 bytes
    under = line * (yamlfile.MAX_BYTES // 100)
    assert len(yamlfile.parse_yaml_bytes(under, "x.yaml").data) == yamlfile.MAX_BYTES // 100
    with pytest.raises(ContentError) as info:
        yamlfile.parse_yaml_bytes(under + b"- y\n", "x.yaml")
    assert str(info.value) == "x.yaml: file is 1,000,004 bytes; the limit is 1,000,000"


def test_an_alias_bomb_stops_at_the_node_limit_in_bounded_memory() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):  # 9**12: about 280 billion values if expanded
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    raw = ("\n".join(lines) + "\n").encode()
    started = time.perf_counter()
    peak = peak_memory(lambda: yamlfile.parse_yaml_bytes(raw, "bomb.yaml"))
    assert peak < 100_000_000
    assert time.perf_counter() - started < 10
    with pytest.raises(ContentError, match=r"more than 100,000 values \(aliases expanding\?\)"):
        yamlfile.parse_yaml_bytes(raw, "bomb.yaml")


def render_source(tmp_path: Path, source: str) -> str:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "t.rml.j2").write_text(source, encoding="utf-8")
    return render_template((folder, paths.builtin_templates_dir()), "t.rml.j2", {})


@pytest.mark.parametrize(
    "source",
    [
        "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}",  # streamed output
        "{% set s %}{% for i in range(100000) %}{{ 'y' * 1000 }}{% endfor %}{% endset %}",
        "{% macro m() %}{% for i in range(100000) %}{{ 'z' * 1000 }}{% endfor %}{% endmacro %}"
        "{% set s = m() %}",
    ],
)
def test_template_output_over_the_limit_is_refused_in_bounded_memory(
    tmp_path: Path, source: str
) -> None:
    with pytest.raises(TemplateError, match="more than 5,000,000 characters"):
        render_source(tmp_path, source)
    assert peak_memory(lambda: render_source(tmp_path, source)) < 8 * MAX_OUTPUT_CHARS


def test_template_output_at_the_limit_is_fine(tmp_path: Path) -> None:
    text = render_source(tmp_path, "{% for i in range(5000) %}{{ 'x' * 1000 }}{% endfor %}")
    assert len(text) == MAX_OUTPUT_CHARS


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ 'x' * 6000000 }}", "the number 6,000,000 is too large for a template"),
        ("{{ 'ab' * 3000000 }}", "the number 6,000,000 is too large for a template"),
        ("{{ 'abcd' * 2000000 }}", "the number 8,000,000 is too large for a template"),
        ("{{ [1, 2] * 4000000 }}", "the number 8,000,000 is too large for a template"),
        ("{{ 7 ** 100000 }}", "7 ** 100000 is too large a number for a template"),
        ("{{ 'x'.ljust(10000000000) }}", "the number 10,000,000,000 is too large"),
        ("{{ 'x'|center(10000000000) }}", "the number 10,000,000,000 is too large"),
        ("{{ '%*d' % (10000000000, 1) }}", "the number 10,000,000,000 is too large"),
    ],
)
def test_oversized_values_are_refused_before_they_are_made(
    tmp_path: Path, source: str, message: str
) -> None:
    with pytest.raises(TemplateError) as info:
        render_source(tmp_path, source)
    assert "refused by the template sandbox: " in str(info.value)
    assert message in str(info.value)


@pytest.mark.parametrize(
    "source",
    [
        "{{ range(400)|join('x' * 4000000) }}",  # 1.6 GB in one join
        "{{ ('x' * 4000000)|replace('x', 'y' * 300) }}",  # 1.2 GB in one replace
    ],
)
def test_the_memory_ceiling_catches_what_the_size_checks_miss(tmp_path: Path, source: str) -> None:
    import resource

    before = resource.getrlimit(resource.RLIMIT_AS)
    with pytest.raises(TemplateError) as info:
        render_source(tmp_path, source)
    assert (
        str(info.value)
        == f"{tmp_path}/templates/t.rml.j2:1: the template needs too much memory; refused"
    )
    assert resource.getrlimit(resource.RLIMIT_AS) == before  # the ceiling is lifted again


def test_template_recursion_is_a_clear_error_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as info:
        render_source(tmp_path, "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}")
    assert str(info.value) == (
        f"{tmp_path}/templates/t.rml.j2:1: the template recurses without end (does it extend "
        'or include itself? a practice file extends the built-in one as "builtin/t.rml.j2")'
    )
    assert sys.getrecursionlimit() == 1000  # nothing raised the limit to make this pass


def test_bombs_in_a_process_with_two_gigabytes_of_address_space(tmp_path: Path) -> None:
    """Run every bomb in a child limited to 2 GiB: had any guard failed, the child would
    die of MemoryError (or be killed) instead of printing each refusal."""
    script = textwrap.dedent(
        f"""
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))
        from pathlib import Path
        from handouts import paths
        from handouts.text import yamlfile
        from handouts.errors import HandoutsError
        from handouts.render.templates import render_template

        folder = Path({str(tmp_path)!r})
        bombs = [
            "{{{{ 'x' * 10000000000 }}}}",
            "{{{{ 10 ** 10 ** 10 }}}}",
            "{{% set ns = namespace(s='xx') %}}{{% for i in range(64) %}}"
            "{{% set ns.s = ns.s ~ ns.s %}}{{% endfor %}}",
            "{{% for i in range(100000) %}}{{{{ 'x' * 4000000 }}}}{{% endfor %}}",
            "{{% set s %}}{{% for i in range(100000) %}}{{{{ 'x' * 4000000 }}}}"
            "{{% endfor %}}{{% endset %}}",
        ]
        for i, source in enumerate(bombs):
            (folder / f"b{{i}}.j2").write_text(source)
            try:
                render_template((folder, paths.builtin_templates_dir()), f"b{{i}}.j2", {{}})
                print("rendered", i)
            except HandoutsError as exc:
                print("refused", i)
        lines = ['a0: &a0 [' + ','.join(['"lol"'] * 9) + ']']
        lines += [f'a{{i}}: &a{{i}} [' + ','.join([f'*a{{i - 1}}'] * 9) + ']' for i in range(1, 14)]
        try:
            yamlfile.parse_yaml_bytes('\\n'.join(lines).encode(), 'bomb.yaml')
        except HandoutsError:
            print("refused yaml")
        print("peak kB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:-1] == [f"refused {i}" for i in range(5)] + ["refused yaml"]
    peak_kb = int(lines[-1].split()[-1])
    assert peak_kb < 1_000_000  # well under the 2 GiB the child may use


def test_an_endless_loop_is_stopped_by_the_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nested loops of 10**10 steps make no output and no big value: only time stops them."""
    monkeypatch.setattr(sandbox, "MAX_RENDER_SECONDS", 0.5)
    started = time.perf_counter()
    with pytest.raises(TemplateError) as info:
        render_source(
            tmp_path,
            "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
        )
    assert time.perf_counter() - started < 5
    assert str(info.value) == (
        f"{tmp_path}/templates/t.rml.j2:1: the template ran for more than 0.5 seconds "
        "(an endless loop?); refused"
    )
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # no alarm left armed
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL


def test_render_limits_are_the_documented_ones() -> None:
    assert (render.MAX_OUTPUT_CHARS, safe_files.MAX_TEMPLATE_BYTES) == (5_000_000, 1_000_000)
    assert (sandbox.MAX_RENDER_MEMORY, sandbox.MAX_RENDER_SECONDS) == (1 << 30, 30.0)
    assert (yamlfile.MAX_BYTES, yamlfile.MAX_NODES) == (1_000_000, 100_000)
