"""The batch runner: a clinic set in worker processes, incrementally, with a manifest."""

from handouts.batch.runner import BatchReport, HandoutResult, build_set

__all__ = ["BatchReport", "HandoutResult", "build_set"]
