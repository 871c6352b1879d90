"""Issue 21 §2: facts that do not depend on a timeout.

A limit at ±∞ of an expression has three states: a number, none (it oscillates), or undecided (sympy
had no time, failed or is missing). With a budget of zero, an expression whose limits need sympy is
reported as undecided, in Python, in every table format and in the info card, and nothing resting on
those limits (range, f′ values, saturation, asymptotes, advice) is stated as a fact; with an ample
budget the same expressions get their true limits (checked against mpmath at 50 digits); a limit
proved not to exist is still "none".
"""

from __future__ import annotations

import csv
import io
import json

import mpmath
import pytest
from typer.testing import CliRunner

import actviz
import actviz.advice
import actviz.analysis
import actviz.expressions
import actviz.expressions.numeric
from actviz import defaults_cache
from actviz.cli import app
from actviz.expressions.grammar import parse
from actviz.expressions.limits import keeps_oscillating, limit, rule_limit, symbolic_limit
from actviz.properties import UNDECIDED_VALUE
from actviz.render.sampling import asymptotes
from actviz.spec import UNDECIDED, Undecided, undecided

runner = CliRunner()

# expressions the exact rules cannot decide at one side or both, but sympy can, with their mpmath form
CASES = {
    "x/sqrt(1+x**2)": lambda x: x / mpmath.sqrt(1 + x**2),
    "(exp(x)-1)/(exp(x)+1)": lambda x: (mpmath.exp(x) - 1) / (mpmath.exp(x) + 1),
    "log(1+exp(x))-x": lambda x: mpmath.log(1 + mpmath.exp(x)) - x,
    "(x**2+1)/(x**2+2)": lambda x: (x**2 + 1) / (x**2 + 2),
}
SIDES = (-1.0, 1.0)


def _clear() -> None:
    """Forget every limit computed so far (an expression's facts are memoised per text)."""
    actviz.expressions._expression.cache_clear()
    actviz.expressions._COMPILED.clear()
    actviz.expressions.limits._FAR_LIMITS.clear()
    actviz.analysis.analyse.cache_clear()


@pytest.fixture
def starved(monkeypatch):
    """sympy gets no time at all (the rules still decide what they can)."""
    _clear()
    monkeypatch.setattr(actviz.expressions, "SYMPY_SECONDS", 0.0)
    monkeypatch.setattr(actviz.expressions, "SYMPY_BUDGET", 0.0)
    yield
    _clear()  # nothing undecided is left behind for the tests that give sympy time


@pytest.fixture
def ample():
    """conftest gives sympy ample time; start from nothing memoised."""
    _clear()
    yield
    _clear()


def _reference(fn, side: float) -> tuple[float, float]:
    """lim f and lim f′ at side·∞ from mpmath at 50 digits: f far out, f′ by mpmath.diff far out."""
    with mpmath.workdps(50):
        far = float(fn(mpmath.mpf(side) * mpmath.mpf(10) ** 30))
        slope = float(mpmath.diff(fn, mpmath.mpf(side) * mpmath.mpf(10) ** 12))
    return far, slope


def _rules_leave_something_open(text: str) -> bool:
    from actviz.expressions.calculus import derivative

    tree = parse(text)
    return any(rule_limit(t, side, {}) is None for t in (tree, derivative(tree)) for side in SIDES)


@pytest.mark.parametrize("text", CASES)
def test_the_cases_need_sympy(text):
    assert _rules_leave_something_open(text)


# -- the representation -----------------------------------------------------------------------------


def test_undecided_is_its_own_state():
    assert undecided(UNDECIDED) and undecided(Undecided(1.0)) and not undecided(None) and not undecided(1.0)
    assert UNDECIDED != None and UNDECIDED == Undecided()  # noqa: E711 - the point: it is not None
    assert repr(UNDECIDED) == "UNDECIDED" and "estimate=1.0" in repr(Undecided(1.0))


def test_no_time_no_sympy_or_a_failure_is_undecided(monkeypatch):
    tree = parse("x/sqrt(1+x**2)")
    assert limit(tree, 1.0, {}, seconds=0.0) is UNDECIDED
    assert limit(parse("x*sigmoid(x)"), -1.0, {}, seconds=0.0) == 0.0  # the rules need no time
    from actviz.expressions import limits

    monkeypatch.setattr(limits, "bounded", lambda fn, seconds: (False, None))  # sympy crashed, or no fork
    assert symbolic_limit(tree, 1.0, {}, seconds=5.0) is UNDECIDED
    monkeypatch.setitem(__import__("sys").modules, "sympy", None)  # sympy missing
    assert symbolic_limit(tree, 1.0, {}, seconds=5.0) is UNDECIDED


@pytest.mark.parametrize("text", ["sin(x)", "x*sin(x)"])
def test_a_proved_oscillation_is_none(text):
    for side in SIDES:
        assert symbolic_limit(parse(text), side, {}, seconds=15.0) is None


def test_an_interval_the_values_do_not_bear_out_is_undecided(monkeypatch):
    # sympy's interval arithmetic: sin²x + cos²x -> AccumBounds(0, 2) at ∞, though it is 1 everywhere;
    # simplified first, sympy decides it
    tree = parse("sin(x)**2 + cos(x)**2 + x/(1+abs(x))")
    assert symbolic_limit(tree, 1.0, {}, seconds=15.0) == 2.0
    assert symbolic_limit(parse("cos(x)**2 + sin(x)**2"), -1.0, {}, seconds=15.0) == 1.0
    assert not keeps_oscillating(tree, 1.0, {}) and not keeps_oscillating(parse("x/sqrt(1+x**2)"), -1.0, {})
    assert keeps_oscillating(parse("x*sin(x)"), 1.0, {}) and keeps_oscillating(parse("sin(x)"), -1.0, {})
    from actviz.expressions import limits

    # where sympy still answers with an interval, the values far out must bear the oscillation out
    monkeypatch.setattr(limits, "bounded", lambda fn, seconds: (True, limits._OSCILLATES))
    assert symbolic_limit(tree, 1.0, {}, seconds=5.0) is UNDECIDED
    assert symbolic_limit(parse("x*sin(x)"), 1.0, {}, seconds=5.0) is None


# -- starved: undecided, never a fact --------------------------------------------------------------------


@pytest.mark.parametrize("text", CASES)
def test_starved_python_properties_are_undecided(starved, text):
    p = actviz.properties(text)
    tree = parse(text)
    for side, v in zip(SIDES, p.limits):
        if rule_limit(tree, side, {}) is None:
            assert isinstance(v, Undecided), (text, p.limits)  # not None ("no limit"), not a number
    assert not p.range_decided
    assert p.range_text == "undecided" and p.range_min is UNDECIDED and p.range_max is UNDECIDED
    assert p.bounded == "undecided"
    row = p.to_dict()
    for key in ("range", "range_min", "range_max", "range_min_closed", "range_max_closed", "range_set", "argmin",
                "argmax"):
        assert row[key] == UNDECIDED_VALUE, key
    if not p.derivative_range_decided:
        for key in ("derivative_range", "derivative_set", "min_derivative", "max_derivative"):
            assert row[key] == UNDECIDED_VALUE, key
    for side, dv, sat in zip(SIDES, p.derivative_limits, (p.saturation_left, p.saturation_right)):
        assert (sat == "undecided") == isinstance(dv, Undecided), (text, side, dv, sat)
    # an asymptote only where the limit is decided: (exp(x)−1)/(exp(x)+1) keeps its −1 at −∞
    assert asymptotes(p.bound) == [v for v in p.limits if isinstance(v, float) and abs(v) < float("inf")]
    advice = " ".join(actviz.advice.advice(p))
    assert "undecided" in advice and "Never saturates" not in advice and "Saturates on both" not in advice


def test_starved_example_of_the_issue(starved):
    p = actviz.properties("x/sqrt(1+x**2)")
    assert all(isinstance(v, Undecided) for v in (*p.limits, *p.derivative_limits))
    # the estimates far out are there, as evidence only
    assert [v.estimate for v in p.limits] == [-1.0, 1.0]
    assert p.range_evidence == "(−1, 1)"
    assert p.saturation == p.saturation_left == p.saturation_right == "undecided"
    assert p.min_derivative is UNDECIDED and p.max_derivative is UNDECIDED
    assert asymptotes(p.bound) == []
    assert (p.bound(float("inf")) != p.bound(float("inf")))  # f(∞) is NaN: no limit to answer with


def test_starved_one_side_decided_the_other_not(starved):
    p = actviz.properties("log(1+exp(x))-x")  # at −∞ the rules say ∞; at +∞ (→ 0) they cannot
    assert p.limits[0] == float("inf") and isinstance(p.limits[1], Undecided)
    assert p.derivative_limits == (-1.0, 0.0)  # f′ = σ(x) − 1: decided by the rules
    assert p.saturation_right == "soft" and p.derivative_range_decided and not p.range_decided
    assert p.derivative_range_text == "(−1, 0)"


def test_starved_exactly_constant_tail_decides_its_limit(starved):
    # the condition defeats the rules, but f is exactly 1 beyond 1/√3 (its outermost piece): a fact
    p = actviz.properties("where(x/sqrt(1+x**2) > 0.5, 1, x)")
    assert isinstance(p.limits[0], Undecided) and p.limits[1] == 1.0
    assert p.derivative_limits == (1.0, 0.0) and p.saturation_right == "hard" and p.dead_zone


def test_starved_python_table_every_format(starved):
    text = "x/sqrt(1+x**2)"
    (row,) = json.loads(actviz.table(text, format="json"))
    assert row["range"] == row["range_min"] == row["saturation"] == row["max_derivative"] == "undecided"
    (line,) = list(csv.DictReader(io.StringIO(actviz.table(text, format="csv"))))
    assert line["range_min"] == line["range_max"] == line["range_min_closed"] == line["saturation_left"] == "undecided"
    md = actviz.table(text, format="markdown")
    assert "| undecided | undecided | undecided |" in md and "(−1, 1)" not in md and "soft" not in md
    tex = actviz.table(text, format="latex", columns="name,range,range_min,derivative_range,ranges,saturation")
    assert "$undecided$" not in tex and tex.count("undecided") == 6, tex
    rich = actviz.table(text, format="rich", width=100)
    assert "undecided" in rich and "(−1, 1)" not in rich and "soft" not in rich
    zh = actviz.table(text, format="markdown", lang="zh")
    assert "未确定" in zh and "undecided" not in zh


def test_starved_cli_info_and_table(starved):
    text = "x/sqrt(1+x**2)"
    info = runner.invoke(app, ["info", text])
    assert info.exit_code == 0, info.output
    out = info.stdout
    assert "≈ −1 (numerical, undecided), ≈ 1 (numerical, undecided)" in out
    assert "≈ (−1, 1) (numerical, undecided)" in out  # the range: evidence, said to be no more
    assert "none (oscillates)" not in out and "both (soft)" not in out and "Never saturates" not in out
    for fmt in ("json", "csv", "markdown", "latex"):
        result = runner.invoke(app, ["table", text, "--format", fmt])
        assert result.exit_code == 0, result.output
        assert "undecided" in result.stdout and "(−1, 1)" not in result.stdout, (fmt, result.stdout)
    (row,) = json.loads(runner.invoke(app, ["table", text, "--format", "json"]).stdout)
    assert row["range_min"] == "undecided" and row["saturation"] == "undecided"
    zh = runner.invoke(app, ["info", text, "--lang", "zh"])
    assert zh.exit_code == 0 and "≈ 1（数值估计，未确定）" in zh.stdout and "双侧" not in zh.stdout


def test_undecided_properties_survive_the_cache_record(starved):
    p = actviz.properties("x/sqrt(1+x**2)")
    record = json.loads(json.dumps(defaults_cache.to_record(p)))
    assert record["limits"] == [{"undecided": -1.0}, {"undecided": 1.0}]
    back = defaults_cache.from_record(record, p.bound)
    assert back == p and not back.range_decided


# -- ample: the true limits, then the facts -----------------------------------------------------------


@pytest.mark.parametrize("text", CASES)
def test_ample_budget_gives_the_true_limits(ample, text):
    p = actviz.properties(text)
    assert p.range_decided and p.derivative_range_decided
    for i, side in enumerate(SIDES):
        far, slope = _reference(CASES[text], side)
        assert isinstance(p.limits[i], float) and isinstance(p.derivative_limits[i], float)
        if abs(far) > 1e20:
            assert p.limits[i] == mpmath.sign(far) * float("inf"), (text, side)
        else:
            assert p.limits[i] == pytest.approx(far, rel=1e-12, abs=1e-12), (text, side)
        assert p.derivative_limits[i] == pytest.approx(slope, abs=1e-9), (text, side)
    assert "undecided" not in json.dumps(p.to_dict())


def test_ample_budget_states_the_facts(ample):
    p = actviz.properties("x/sqrt(1+x**2)")
    assert p.limits == (-1.0, 1.0) and p.derivative_limits == (0.0, 0.0)
    assert p.range_text == "(−1, 1)" and p.derivative_range_text == "(0, 1]" and p.saturation == "both"
    assert asymptotes(p.bound) == [-1.0, 1.0]
    (row,) = json.loads(actviz.table("x/sqrt(1+x**2)", format="json"))
    assert (row["range_min"], row["range_max"], row["range_min_closed"], row["saturation"]) == (-1.0, 1.0, False, "both")
    info = runner.invoke(app, ["info", "x/sqrt(1+x**2)"])
    assert info.exit_code == 0 and "Limits at −∞, +∞  −1, 1 " in info.stdout and "(−1, 1)" in info.stdout
    assert "numerical, undecided" not in info.stdout and "Some of its limits" not in info.stdout


@pytest.mark.parametrize("text", ["sin(x)", "x*sin(x)"])
def test_ample_budget_none_is_still_no_limit(ample, text):
    p = actviz.properties(text)
    assert p.limits == (None, None) and p.range_decided
    assert "undecided" not in json.dumps(p.to_dict())
    info = runner.invoke(app, ["info", text])
    assert info.exit_code == 0 and "none (oscillates), none (oscillates)" in info.stdout
