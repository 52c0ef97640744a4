"""Limits for the template sandbox: what a template may not make, and how long it may run.

Jinja2's sandbox stops template code from reaching Python; it does not stop ``'x' * 10**10``,
``10**10**10``, a string doubled in a loop or nested loops over ``range(100000)`` from
exhausting memory or time. Every value a template makes through an operator, a call, a
filter, an attribute or an output buffer is checked against MAX_OUTPUT_CHARS before or as
it is made; under those checks, a render may grow the process by at most
MAX_RENDER_MEMORY bytes and run for at most MAX_RENDER_SECONDS.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import jinja2
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from handouts.alarm import alarm

MAX_OUTPUT_CHARS = 5_000_000
MAX_RENDER_MEMORY = 1 << 30  # bytes a render may add to the process
MAX_RENDER_SECONDS = 30.0  # the built-in handout renders in about 0.05 s
# Largest integer a template may compute with ** (in bits): enough for any layout sum,
# far too small to stall the process computing 10**10**10.
_MAX_POWER_BITS = 10_000


class RenderTimeout(Exception):
    """A render ran past its time limit."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"the template ran for more than {seconds:g} seconds")
        self.seconds = seconds


def _too_large(value: Any) -> str:
    """Why ``value`` is too large for a template to hold, or ''."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, int) and abs(value) > MAX_OUTPUT_CHARS:
        return f"the number {value:,} is too large for a template"
    if isinstance(value, (str, list, tuple, dict)) and len(value) > MAX_OUTPUT_CHARS:
        return f"a value of {len(value):,} characters or items is too large for a template"
    return ""


def _check_args(values: Iterable[Any]) -> None:
    for value in values:
        reason = _too_large(value)
        if reason:
            raise SecurityError(f"{reason} (the limit is {MAX_OUTPUT_CHARS:,})")


def _checked(value: Any) -> Any:
    reason = _too_large(value) if not isinstance(value, int) else ""
    if reason:
        raise SecurityError(f"{reason} (the limit is {MAX_OUTPUT_CHARS:,})")
    return value


def _bounded_concat(parts: Iterable[str]) -> str:
    """Join template output (blocks, macros, {% set %} blocks), stopping at the size limit."""
    out: list[str] = []
    size = 0
    for part in parts:
        size += len(part)
        if size > MAX_OUTPUT_CHARS:
            raise SecurityError(
                f"the template built a text of more than {MAX_OUTPUT_CHARS:,} characters"
            )
        out.append(part)
    return "".join(out)


def guard_filter(func: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses huge arguments (``center(10**9)``) and huge results."""

    @functools.wraps(func)  # keeps pass_context and friends
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _check_args(args)
        _check_args(kwargs.values())
        return _checked(func(*args, **kwargs))

    return guarded


class _BoundedBuffer(list):  # type: ignore[type-arg]
    """The list a macro, ``{% set %}`` or ``{% call %}`` block collects its output in,
    refusing to grow past the output limit (Jinja2 joins it only at the end)."""

    size = 0

    def append(self, item: Any) -> None:
        self.size += len(item) if isinstance(item, str) else 0
        if self.size > MAX_OUTPUT_CHARS:
            raise SecurityError(
                f"the template built a text of more than {MAX_OUTPUT_CHARS:,} characters"
            )
        super().append(item)

    def extend(self, items: Iterable[Any]) -> None:
        for item in items:
            self.append(item)


class _BoundedCodeGenerator(CodeGenerator):
    """Jinja2's code generator, with bounded output buffers (see _BoundedBuffer)."""

    def buffer(self, frame: Frame) -> None:
        frame.buffer = self.temporary_identifier()
        self.writeline(f"{frame.buffer} = environment.output_buffer()")


class HandoutSandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, plus limits on size: the sandbox alone stops code from
    running, not ``'x' * 10**10`` or ``10**10**10`` from exhausting memory or time."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    concat = staticmethod(_bounded_concat)
    code_generator_class = _BoundedCodeGenerator

    def output_buffer(self) -> _BoundedBuffer:
        """A new bounded buffer for generated code."""
        return _BoundedBuffer()

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        _check_args((left, right) if operator != "%" else (left,))
        if operator == "%":
            _check_args(right if isinstance(right, tuple) else (right,))
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
                    _check_args((len(seq) * times,))
        if operator == "**" and isinstance(left, int) and isinstance(right, int):
            if abs(left) > 1 and right * abs(left).bit_length() > _MAX_POWER_BITS:
                raise SecurityError(f"{left} ** {right} is too large a number for a template")
        return _checked(super().call_binop(context, operator, left, right))

    def call(self, context: jinja2.runtime.Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        _check_args(args)
        _check_args(kwargs.values())
        return _checked(super().call(context, obj, *args, **kwargs))

    def getattr(self, obj: Any, attribute: str) -> Any:
        return _checked(super().getattr(obj, attribute))

    def getitem(self, obj: Any, argument: Any) -> Any:
        return _checked(super().getitem(obj, argument))


@contextmanager
def memory_ceiling(extra: int = MAX_RENDER_MEMORY) -> Iterator[None]:
    """Let the process grow by at most ``extra`` bytes while a template renders.

    The size checks above stop the usual ways a template makes huge values; this is the
    net under them (``range(5000)|join(big)``, ``replace`` ...): past the ceiling an
    allocation fails with MemoryError, which becomes a TemplateError, instead of the
    machine running out of memory. Linux only (it reads /proc); elsewhere, no ceiling.
    """
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as statm:
            in_use = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError):
        yield
        return
    ceiling = in_use + extra
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    if soft != resource.RLIM_INFINITY and soft <= ceiling:
        yield  # a tighter limit is already set
        return
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@contextmanager
def time_limit(seconds: float | None = None) -> Iterator[None]:
    """Stop a render that runs longer than ``seconds`` (default MAX_RENDER_SECONDS) with
    RenderTimeout. An alarm (handouts/alarm.py), so only in the main thread of a POSIX
    process (the CLI and every batch worker); elsewhere there is no limit."""
    limit = MAX_RENDER_SECONDS if seconds is None else seconds

    def expire() -> None:
        raise RenderTimeout(limit)

    with alarm(limit, expire):
        yield
