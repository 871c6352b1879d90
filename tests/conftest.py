"""Shared fixtures and helpers for the actviz test suite."""

from __future__ import annotations

import os

os.environ.setdefault("MPLBACKEND", "Agg")
