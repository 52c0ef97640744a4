"""The hardening tests' Hypothesis profiles live in ../conftest.py, so that every
property test of the suite gets them, whether run alone or in the full suite."""
