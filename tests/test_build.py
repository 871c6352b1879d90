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


def test_a_stale_page_entry_is_named(monkeypatch, capsys):
    """A changed definition makes the page cache's entries of its grid points stale too, and the check names
    each as a spec (the defaults cache's entry as before), and exits 1."""
    import dataclasses

    from actviz.analysis import analyse
    from actviz.catalog import REGISTRY

    points = build.page_bounds()  # before the change: the frameworks' variants are made once and kept
    relu = REGISTRY["relu"]
    changed = dataclasses.replace(relu, fn=lambda x, alpha: relu.fn(x, alpha) * 1.001)
    monkeypatch.setitem(REGISTRY._items, "relu", changed)
    monkeypatch.setattr(build, "page_bounds", lambda: [changed.bind(b.params) if b.act is relu else b for b in points])
    analyse.cache_clear()
    try:
        assert build.main(["--check"]) == 1
    finally:
        analyse.cache_clear()
    grid = [f"relu:alpha={b.params['alpha']}" for b in points if b.act is relu]
    assert grid[:2] == ["relu:alpha=-1.0", "relu:alpha=-0.8"]  # the slider's positions
    assert capsys.readouterr().out.splitlines() == [
        "defaults cache: stale for relu", f"page cache: stale for {len(grid)} entries: {', '.join(grid)}"]


def test_a_page_entry_no_longer_wanted_is_named(monkeypatch, tmp_path):
    """An entry of the file that no point of the page uses is stale, named from its record."""
    import actviz
    from actviz import page_cache

    elu = actviz.get("elu")
    monkeypatch.setattr(page_cache, "CACHE_FILE", tmp_path / "cache.json")
    page_cache.write(build.page_records([elu.bind(alpha=2.0), elu.bind(alpha=2.2)]), page_cache.CACHE_FILE)
    try:
        assert build.stale_page_cache([elu.bind(alpha=2.0), elu.bind(alpha=0.5)]) == [
            "elu:alpha=0.5", "elu:alpha=2.2 (no longer on the page)"]
    finally:
        page_cache.load.cache_clear()
