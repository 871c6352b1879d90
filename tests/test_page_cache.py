"""The shipped cache of the page's properties (actviz.page_cache): current, equal to a fresh analysis,
missed by a changed definition, and never read at the defaults (``actviz table``)."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import pytest
from cache_helpers import close_records

import actviz
from actviz import analysis, build, defaults_cache, page_cache
from actviz.analysis import ALGORITHM, analyse, cached, fresh_analysis
from actviz.catalog import REGISTRY

REGENERATE = "run 'python -m actviz.build'"


@pytest.fixture(scope="module")
def points():
    """The bound activations the page analyses beyond the defaults (recorded from the page's own code)."""
    return build.page_bounds()


@pytest.fixture
def clean():
    """analyse's memo emptied before and after: each lookup goes to the caches."""
    analyse.cache_clear()
    yield
    analyse.cache_clear()


@pytest.fixture
def spy(monkeypatch):
    """The bound activations analysed afresh (fresh_analysis still runs)."""
    calls = []

    def fresh(bound):
        calls.append(bound)
        return fresh_analysis(bound)

    monkeypatch.setattr(analysis, "fresh_analysis", fresh)
    return calls


def test_the_page_cache_is_current(points):
    """Every point of the page (its sliders' grid points, the frameworks' variants) hits, and the file holds
    nothing else."""
    assert build.stale_page_cache(points) == [], f"the page cache is stale: {REGENERATE}"
    assert {defaults_cache.key(b, ALGORITHM) for b in points} == set(page_cache.load()), REGENERATE


def test_the_points_are_the_pages(points):
    """Grid points of catalogue functions (not at their defaults) and the frameworks' variants at theirs;
    the catalogue at its defaults stays in the defaults cache."""
    assert all(b.non_defaults or b.act.framework for b in points)
    assert not any(b.name in REGISTRY and not b.non_defaults for b in points)
    elu = {b.params["alpha"] for b in points if b.name == "elu"}
    assert elu == {0.05, 0.5, 1.5, 2.0, 2.5, 3.0}  # the slider's grid, but the default 1
    assert any(b.name == "torch.gelu" for b in points)


def test_cached_entries_equal_a_fresh_analysis(points):
    """Each entry equals a fresh analysis up to rounding (the tolerance of the defaults cache's test)."""
    for bound in points:
        hit = cached(bound)
        assert hit is not None, f"{bound!r} misses: {REGENERATE}"
        assert hit.bound is bound
        diffs = close_records(defaults_cache.to_record(hit), defaults_cache.to_record(fresh_analysis(bound)))
        assert not diffs, (f"{bound!r}: the analysis now derives other facts than the page cache holds, by more "
                           f"than rounding: {'; '.join(diffs[:4])} — if the derivation changed on purpose, raise "
                           f"analysis.ALGORITHM and {REGENERATE}")


@pytest.mark.parametrize("frameworks", [False, True], ids=["gallery", "page"])
def test_the_page_analyses_nothing_afresh(frameworks, clean, spy):
    """The gallery's explore.html (no variants) and ``actviz page`` (with them) take every fact from the
    shipped caches."""
    from actviz.render.page import page_html
    from actviz.selection import select_many

    page_html(select_many(()), frameworks=frameworks)
    assert spy == [], f"analysed afresh: {spy[:5]}: {REGENERATE}"


def test_a_point_of_the_page_is_not_analysed_afresh(clean, spy):
    p = actviz.get("elu").properties(alpha=2.0)
    assert spy == [] and p.params["alpha"] == 2.0 and p.range_text == "(−2, ∞)"
    actviz.get("elu").properties(alpha=2.2)  # between grid points: not shipped
    assert [b.params["alpha"] for b in spy] == [2.2]


def test_a_changed_definition_misses_and_is_analysed_afresh(monkeypatch, clean, spy):
    """The same maths under the catalogue's name (another object) hits; other values of f or f′ miss, and
    the properties are derived afresh, through the public API as well."""
    elu = REGISTRY["elu"]
    assert cached(dataclasses.replace(elu).bind(alpha=2.0)) is not None
    shifted = dataclasses.replace(elu, fn=lambda x, alpha: elu.fn(x, alpha) * (1 + 1e-9))
    slope = dataclasses.replace(elu, derivative_fn=lambda x, alpha: elu.derivative_fn(x, alpha) * (1 + 1e-11))
    for changed in (shifted, slope):
        bound = changed.bind(alpha=2.0)
        assert defaults_cache.key(bound, ALGORITHM) == defaults_cache.key(elu.bind(alpha=2.0), ALGORITHM)
        assert cached(bound) is None
    monkeypatch.setitem(REGISTRY._items, "elu", shifted)
    p = actviz.get("elu").properties(alpha=2.0)
    assert [b.act for b in spy] == [shifted]
    assert close_records(defaults_cache.to_record(p), defaults_cache.to_record(fresh_analysis(p.bound))) == []


def test_another_fingerprint_or_algorithm_misses(monkeypatch, clean, spy):
    bound = actviz.get("elu").bind(alpha=2.0)
    real = analysis.fingerprint
    monkeypatch.setattr(analysis, "fingerprint", lambda b: [v * (1 + 1e-9) for v in real(b)])
    assert cached(bound) is None
    analyse(bound)
    assert spy == [bound]
    monkeypatch.setattr(analysis, "fingerprint", real)
    assert cached(bound) is not None
    monkeypatch.setattr(analysis, "ALGORITHM", ALGORITHM + 1)  # another derivation: another key
    assert cached(bound) is None


def test_without_the_file_everything_is_derived(monkeypatch, tmp_path, clean, spy):
    monkeypatch.setattr(page_cache, "CACHE_FILE", tmp_path / "missing.json")
    page_cache.load.cache_clear()
    try:
        assert page_cache.load() == {}
        p = actviz.get("elu").properties(alpha=2.0)
        assert spy == [p.bound] and p.range_text == "(−2, ∞)"
    finally:
        page_cache.load.cache_clear()


def test_the_file_is_read_only_beyond_the_defaults():
    """``import actviz``, ``actviz table`` and the catalogue at its defaults never import the module (so never
    read its file); the first bound beyond the defaults reads it, once."""
    code = (
        "import sys\n"
        "import actviz\n"
        "from actviz.cli import app\n"
        "try:\n    app(['table', '--format', 'csv'])\nexcept SystemExit as e:\n    assert e.code in (0, None), e.code\n"
        "[actviz.get(n).properties() for n in actviz.names()]\n"
        "print('actviz.page_cache' in sys.modules, file=sys.stderr)\n"
        "actviz.get('elu').properties(alpha=2.0)\n"
        "actviz.get('elu').properties(alpha=0.5)\n"
        "from actviz import page_cache\n"
        "print(page_cache.load.cache_info().misses, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr.split() == ["False", "1"]


def test_writing_is_deterministic_and_read_back(monkeypatch, tmp_path):
    """The same records give the same bytes, and each entry reads back as written."""
    from actviz.presets import preset

    records = build.page_records([actviz.get("elu").bind(alpha=2.0), preset("gelu", "torch").bind()])
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    page_cache.write(records, a)
    page_cache.write(dict(records), b)
    assert a.read_bytes() == b.read_bytes()
    monkeypatch.setattr(page_cache, "CACHE_FILE", a)
    page_cache.load.cache_clear()
    try:
        assert list(page_cache.load()) == list(records)
        for key, record in records.items():
            assert page_cache.entry(key) == json.loads(json.dumps(record))
        assert page_cache.entry("0123456789abcdef") is None
    finally:
        page_cache.load.cache_clear()
