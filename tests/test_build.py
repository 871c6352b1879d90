"""Every derived artefact is current: `python -m actviz.build --check` says so, and says what to run."""

from __future__ import annotations

import subprocess
import sys

from actviz import build


def test_derived_artefacts_are_current():
    stale = build.stale_cache()
    assert stale == [], f"the defaults cache is stale for {', '.join(stale)}: run python -m actviz.build"
    missing = build.missing_glyphs()
    assert missing == "", f"the Chinese font subset lacks {missing!r}: run python -m actviz.build"


def test_the_check_command_reports_and_exits():
    done = subprocess.run([sys.executable, "-m", "actviz.build", "--check"], capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""


def test_a_stale_entry_is_named(monkeypatch):
    """A changed definition makes its entry stale, and the check names it."""
    import dataclasses

    from actviz.analysis import analyse
    from actviz.catalog import REGISTRY

    relu = REGISTRY["relu"]
    monkeypatch.setitem(REGISTRY._items, "relu", dataclasses.replace(relu, fn=lambda x, alpha: relu.fn(x, alpha) * 1.001))
    analyse.cache_clear()
    try:
        assert build.stale_cache() == ["relu"]
    finally:
        analyse.cache_clear()
