"""Mean-field signal propagation (actviz.propagation) against independent references: closed forms,
mpmath quadrature at 30 digits with the kinks as breakpoints (the activations written again in mpmath,
their derivatives by mpmath.diff), published numbers, and finite random networks."""

from __future__ import annotations

import json
import math

import mpmath
import numpy as np
import pytest

import actviz
from actviz import propagation as P
from actviz.errors import ParameterError

mpmath.mp.dps = 30
MP_INF = mpmath.inf


def bound(spec: str, **params):
    return actviz.get(spec).bind(**params)


TANH, RELU, SELU, SIGMOID = bound("tanh"), bound("relu"), bound("selu"), bound("sigmoid")


# -- reference forms in mpmath ------------------------------------------------------------------------

def _relu6(x):
    return min(max(x, 0), 6)


MP = {  # name, params -> (φ in mpmath, breakpoints)
    "relu": (lambda x: max(x, 0), [0]),
    "leaky_relu:0.1": (lambda x: x if x > 0 else mpmath.mpf("0.1") * x, [0]),
    "hardtanh": (lambda x: min(max(x, -1), 1), [-1, 1]),
    "elu": (lambda x: x if x > 0 else mpmath.expm1(x), [0]),
    "hardswish": (lambda x: x * _relu6(x + 3) / 6, [-3, 3]),
    "tanh": (mpmath.tanh, []),
    "gelu": (lambda x: x * (1 + mpmath.erf(x / mpmath.sqrt(2))) / 2, []),
    "silu": (lambda x: x / (1 + mpmath.exp(-x)), []),
    "softplus": (lambda x: mpmath.log1p(mpmath.exp(x)), []),
    "mish": (lambda x: x * mpmath.tanh(mpmath.log1p(mpmath.exp(x))), []),
    "binary_step": (lambda x: 1 if x >= 0 else 0, [0]),
    "user:x*tanh(x)": (lambda x: x * mpmath.tanh(x), []),
}


def _bound_of(key: str):
    if key == "leaky_relu:0.1":
        return bound("leaky_relu", alpha=0.1)
    if key.startswith("user:"):
        return actviz.define("mine", key[5:]).bind()
    return bound(key)


def _mp_expect(g, breaks, q):
    """E g(√q Z) at 30 digits, split at the breakpoints (in x)."""
    r = mpmath.sqrt(q)
    pts = [-MP_INF] + sorted(mpmath.mpf(b) / r for b in breaks) + [MP_INF]
    return mpmath.quad(lambda z: g(r * z) * mpmath.npdf(z), pts)


def _mp_derivative(phi, x):
    return mpmath.diff(phi, x)


@pytest.mark.parametrize("key", sorted(MP))
@pytest.mark.parametrize("q", [0.3, 1.0, 4.0])
def test_length_moments_against_mpmath(key, q):
    phi, breaks = MP[key]
    b = _bound_of(key)
    ref_v = _mp_expect(lambda x: phi(x) ** 2, breaks, q)
    v = P.length_map(b, q, 1.0, 0.0)
    assert v == pytest.approx(float(ref_v), rel=1e-12, abs=1e-14)
    d = P.chi1(b, 1.0, q)
    if key == "binary_step":
        assert d == math.inf  # φ′ holds a Dirac delta at the jump
        return
    ref_d = _mp_expect(lambda x: _mp_derivative(phi, x) ** 2, breaks, q)
    assert d == pytest.approx(float(ref_d), rel=1e-12, abs=1e-14)


def _mp_pair(phi, breaks, q, c):
    s, r = mpmath.sqrt(1 - c * c), mpmath.sqrt(q)

    def outer(z1):
        inner_pts = [-MP_INF] + sorted((mpmath.mpf(k) / r - c * z1) / s for k in breaks) + [MP_INF]
        return phi(r * z1) * mpmath.npdf(z1) * mpmath.quad(lambda z2: phi(r * (c * z1 + s * z2)) * mpmath.npdf(z2),
                                                            inner_pts, method="gauss-legendre")

    pts = sorted({mpmath.mpf(k) / r for k in breaks} | {mpmath.mpf(k) / (r * c) for k in breaks})
    return mpmath.quad(outer, [-MP_INF] + pts + [MP_INF], method="gauss-legendre")


@pytest.mark.parametrize("key, q, c", [("hardtanh", 0.7, 0.6), ("user:x*tanh(x)", 2.0, -0.3)])
def test_correlation_map_against_mpmath(key, q, c):
    phi, breaks = MP[key]
    b = _bound_of(key)
    old = mpmath.mp.dps
    mpmath.mp.dps = 13  # the nested quadrature at 30 digits takes minutes; 13 digits are plenty for 1e-11
    try:
        ref = _mp_pair(phi, breaks, mpmath.mpf(q), mpmath.mpf(c)) / _mp_expect(lambda x: phi(x) ** 2, breaks, q)
    finally:
        mpmath.mp.dps = old
    assert P.correlation_map(b, c, 1.0, 0.0, q) == pytest.approx(float(ref), rel=1e-11, abs=1e-13)


def test_relu_correlation_map_closed_form():
    """The arc-cosine kernel: E relu(u₁)relu(u₂) = q (√(1−c²) + (π − arccos c) c)/(2π)."""
    for c in (-0.9, -0.2, 0.0, 0.4, 0.95):
        ref = (math.sqrt(1 - c * c) + (math.pi - math.acos(c)) * c) / math.pi  # divided by E relu² = q/2
        assert P.correlation_map(RELU, c, 1.0, 0.0, 3.0) == pytest.approx(ref, rel=1e-13, abs=1e-15)
    # and its slope, E relu′relu′ = (π − arccos c)/(2π)
    assert P.correlation_slope(RELU, 0.3, 2.0, 1.5) == pytest.approx(2 * (math.pi - math.acos(0.3)) / (2 * math.pi),
                                                                    rel=1e-13)


# -- gains and moments -----------------------------------------------------------------------------------

def test_relu_gains():
    m = P.moments(RELU)
    assert m.gain_forward == pytest.approx(math.sqrt(2), rel=1e-13)
    assert m.gain_backward == pytest.approx(math.sqrt(2), rel=1e-13)
    assert m.gamma == pytest.approx(math.sqrt(2 / (1 - 1 / math.pi)), rel=1e-13)
    assert m.gamma == pytest.approx(1.71285855044966, abs=1e-10)
    assert m.mean == pytest.approx(1 / math.sqrt(2 * math.pi), rel=1e-14)


def test_selu_is_self_normalising():
    """E selu(Z) = 0 and E selu(Z)² = 1: to 1e-15 (what the published 16-digit α and λ allow)."""
    m = P.moments(SELU)
    assert abs(m.mean) < 1e-15
    assert abs(m.second_moment - 1) < 1e-15


def test_selu_constants_recovered_by_newton():
    """Solve E f(Z) = 0, E f(Z)² = 1 for f = λ·elu_α (SELU's definition) with a 2-D Newton on (α, λ)
    whose every function value comes from propagation.moments of ELU (catalogue selu has fixed constants)."""

    def residual(a, lam):
        m = P.moments(bound("elu", alpha=a))
        return np.array([lam * m.mean, lam * lam * m.second_moment - 1.0])

    x = np.array([1.5, 1.0])
    for _ in range(30):
        r = residual(*x)
        h = 1e-7
        jac = np.column_stack([(residual(x[0] + h, x[1]) - r) / h, (residual(x[0], x[1] + h) - r) / h])
        step = np.linalg.solve(jac, r)
        x = x - step
        if np.max(np.abs(step)) < 1e-15:
            break
    assert x[0] == pytest.approx(1.6732632423543772, abs=1e-12)
    assert x[1] == pytest.approx(1.0507009873554805, abs=1e-12)


def test_torch_gains():
    assert P.torch_gain(bound("identity")) == 1
    assert P.torch_gain(SIGMOID) == 1
    assert P.torch_gain(bound("sigmoid", a=2.0)) is None
    assert P.torch_gain(TANH) == pytest.approx(5 / 3)
    assert P.torch_gain(RELU) == pytest.approx(math.sqrt(2))
    assert P.torch_gain(bound("leaky_relu")) == pytest.approx(math.sqrt(2 / (1 + 0.01**2)))
    assert P.torch_gain(bound("leaky_relu", alpha=0.2)) == pytest.approx(math.sqrt(2 / 1.04))
    assert P.torch_gain(SELU) == 0.75
    assert P.torch_gain(bound("gelu")) is None
    assert P.torch_gain(actviz.get("tanh", framework="jax").bind()) == pytest.approx(5 / 3)
    assert P.moments(TANH).torch_gain == pytest.approx(5 / 3)


def test_zero_and_infinite_moments():
    step = P.moments(bound("binary_step"))
    assert step.derivative_second_moment == math.inf and step.gain_backward is None
    assert step.second_moment == pytest.approx(0.5, rel=1e-14)
    const = P.moments(actviz.define("one", "1 + 0*x").bind())
    assert const.variance == 0.0 and const.gamma is None and const.gain_backward is None


# -- published numbers ------------------------------------------------------------------------------------

def test_tanh_edge_of_chaos_at_sigma_b2_005():
    """Poole et al. / Schoenholz et al.'s tanh edge: σ_b² = 0.05 -> σ_w² = 1.760955, q* = 0.570048."""
    sw, q = P.critical_point(TANH, 0.05)
    assert round(sw, 6) == 1.760955
    assert round(q, 6) == 0.570048
    # at that point χ₁ = 1 and q is fixed
    assert P.fixed_point(TANH, sw, 0.05) == pytest.approx(q, rel=1e-12)
    assert P.chi1(TANH, sw, q) == pytest.approx(1.0, abs=1e-12)
    assert P.point(TANH, sw, 0.05).xi_c > 1e6


def test_selu_gain_plateau_0_2024():
    """PyTorch PR #50664 printed out.std() ≈ 0.20 through 100 SELU layers with gain 3/4 (σ_w² = 0.5625, no
    bias), settling around 0.2024: that is the RMS √E φ(√q* Z)² at the fixed point of the length map
    (q* = 0.02303); the standard deviation √Var φ at q* is 0.1996."""
    pt = P.point(SELU, 0.75**2, 0.0)
    assert round(pt.post_rms, 4) == 0.2024
    assert round(pt.post_std, 4) == 0.1996
    assert pt.q_star == pytest.approx(0.0230338, rel=1e-5)
    mf = P.mean_field(SELU, 0.5625, 0.0, 300)
    assert round(math.sqrt(mf.post_ms[-1]), 4) == 0.2024  # the iteration from q0 = 1 reaches the plateau
    assert round(mf.post_rms, 4) == 0.2024


def test_torch_gains_chi1_at_the_fixed_point():
    """The issue's χ₁ = 1.21 (tanh, gain 5/3) and 0.056 (sigmoid, gain 1) are χ₁ at q*, with σ_w² = gain²
    (PyTorch's std = gain/√fan_in) and σ_b² = 0; at q = 1 instead they would be 1.29 and 0.045."""
    assert round(P.point(TANH, (5 / 3) ** 2, 0.0).chi1, 2) == 1.21
    assert round(P.point(SIGMOID, 1.0, 0.0).chi1, 3) == 0.056
    assert round(P.chi1(TANH, (5 / 3) ** 2, 1.0), 2) == 1.29
    assert round(P.chi1(SIGMOID, 1.0, 1.0), 3) == 0.045
    assert P.point(TANH, (5 / 3) ** 2, 0.0).phase == "chaotic"
    assert P.point(SIGMOID, 1.0, 0.0).phase == "ordered"


# -- fixed points and the edge ------------------------------------------------------------------------------

def test_fixed_point_exact_cases():
    assert P.fixed_point(TANH, 1.0, 0.0) == 0.0  # the edge at σ_b² = 0: q -> 0
    assert P.fixed_point(TANH, 0.5, 0.0) == 0.0
    assert P.fixed_point(RELU, 1.5, 0.0) == 0.0
    assert P.fixed_point(RELU, 2.0, 0.0) == 1.0  # every q is fixed: the one reached from q0
    assert P.fixed_point(RELU, 2.0, 0.0, q0=3.0) == 3.0
    assert P.fixed_point(RELU, 1.0, 0.5) == pytest.approx(1.0, rel=1e-13)  # q = q/2 + 1/2
    q = P.fixed_point(TANH, 2.0, 0.1)
    assert P.length_map(TANH, q, 2.0, 0.1) == pytest.approx(q, rel=1e-14)


def test_fixed_point_divergence_names_the_options():
    with pytest.raises(ParameterError) as err:
        P.fixed_point(RELU, 3.0, 0.1)
    assert err.value.options[:2] == ("sigma_w2", "sigma_b2")
    assert "relu" in str(err.value)


def test_relu_edge_is_a_point():
    cp = P.critical_point(RELU, 0.3)
    assert cp.edge_is_point and cp.q_star is None
    assert cp.sigma_w2 == pytest.approx(2.0, rel=1e-13)
    leaky = P.critical_point(bound("leaky_relu", alpha=0.1), 0.0)
    assert leaky.edge_is_point and leaky.sigma_w2 == pytest.approx(2 / 1.01, rel=1e-13)
    sw, sb = P.edge_curve(RELU, [0.1, 1.0, 10.0])
    assert np.allclose(sw, 2.0, rtol=1e-13) and np.allclose(sb, 0.0, atol=1e-12)


def test_edge_curve_is_critical():
    qs = np.array([0.1, 0.5, 2.0])
    sw, sb = P.edge_curve(TANH, qs)
    for w, b, q in zip(sw, sb, qs):
        assert P.fixed_point(TANH, float(w), float(b)) == pytest.approx(q, rel=1e-10)
        assert P.chi1(TANH, float(w), q) == pytest.approx(1.0, rel=1e-13)


def test_chaotic_c_star_and_depth_scales():
    pt = P.point(TANH, 4.0, 0.05)
    assert 0 < pt.c_star < 1 and pt.chi1 > 1 and 0 < pt.chi_c < 1
    assert P.correlation_map(TANH, pt.c_star, 4.0, 0.05) == pytest.approx(pt.c_star, abs=1e-13)
    assert pt.xi_c == pytest.approx(-1 / math.log(pt.chi_c))
    # dL/dq by finite differences of the length map
    q, h = pt.q_star, 1e-5
    fd = (P.length_map(TANH, q + h, 4.0, 0.05) - P.length_map(TANH, q - h, 4.0, 0.05)) / (2 * h)
    assert pt.q_slope == pytest.approx(fd, rel=1e-8)
    ordered = P.point(TANH, 0.8, 0.2)
    assert ordered.c_star == 1.0 and ordered.chi_c == ordered.chi1 < 1


# -- the phase grid agrees with the accurate point --------------------------------------------------------

@pytest.mark.parametrize("name", ["tanh", "hardtanh", "erf_like"])
def test_phase_grid_matches_points(name):
    b = actviz.define("erf_like", "tanh(x) + 0.1*x*sigmoid(x)").bind() if name == "erf_like" else bound(name)
    sw = np.linspace(0.3, 4.0, 12)
    sb = np.array([0.0, 0.02, 0.3, 1.0])
    grid = P.phase_grid(b, sw, sb)
    assert grid.q_star.shape == (12, 4)
    for i in (0, 3, 7, 11):
        for j in range(4):
            try:
                pt = P.point(b, float(sw[i]), float(sb[j]))
            except ParameterError:
                assert grid.q_star[i, j] == math.inf
                continue
            assert grid.q_star[i, j] == pytest.approx(pt.q_star, rel=1e-5, abs=1e-9)
            assert grid.chi1[i, j] == pytest.approx(pt.chi1, rel=1e-5)
            assert grid.c_star[i, j] == pytest.approx(pt.c_star, abs=1e-3)


def test_phase_grid_relu_diverges_beyond_two():
    grid = P.phase_grid(RELU, [1.0, 1.9, 2.5], [0.0, 0.5])
    assert grid.q_star[0, 0] == 0.0 and grid.chi1[0, 0] == pytest.approx(0.5)
    assert grid.q_star[1, 1] == pytest.approx(0.5 / (1 - 1.9 / 2), rel=1e-6)
    assert grid.q_star[2, 1] == math.inf and math.isnan(grid.chi1[2, 1])


# -- through depth ------------------------------------------------------------------------------------------

def test_mean_field_definitions():
    mf = P.mean_field(TANH, 1.5, 0.1, 10, q0=2.0, c0=0.3)
    assert mf.q[0] == 2.0 and mf.c[0] == 0.3 and mf.depth == 10
    for layer in range(10):
        assert mf.q[layer + 1] == pytest.approx(P.length_map(TANH, float(mf.q[layer]), 1.5, 0.1), rel=1e-15)
    chis = [P.chi1(TANH, 1.5, float(q)) for q in mf.q]
    assert mf.grad_ratio[-1] == 1.0
    assert mf.grad_ratio[0] == pytest.approx(math.prod(chis[:-1]), rel=1e-13)
    d = mf.to_dict()
    assert json.loads(json.dumps(d)) == d
    assert d["name"] == "tanh" and d["layers"][0]["layer"] == 0 and set(d["layers"][3]) >= {"q", "c", "grad_ratio"}


@pytest.mark.parametrize("w, b", [(2.5, 0.05), (0.8, 0.3)])
def test_simulation_lands_on_q_star_tanh(w, b):
    """Width 1000, depth 50: the plateau (layers 25–50, averaged) within 5 % of q*, the last layer within
    15 % (one layer of one network: each bias draw alone moves q by ~√(2/1000) σ_b² ...), the post-activation
    mean square within 5 % of E φ(√q Z)² at the measured q."""
    q_star = P.fixed_point(TANH, w, b)
    sim = P.simulate(TANH, w, b, 50, 1000, seed=0)
    assert sim.q[25:].mean() == pytest.approx(q_star, rel=0.05)
    assert sim.q[-1] == pytest.approx(q_star, rel=0.15)
    for q, post in zip(sim.q, sim.post_ms):
        assert post == pytest.approx(P.length_map(TANH, float(q), 1.0, 0.0), rel=0.05)


def test_simulation_relu_at_sigma_w2_2():
    """ReLU at σ_w² = 2, σ_b² = 0: every q is fixed, so nothing pulls a finite network back: log q does a
    random walk with Var ≈ 5·depth/width (Hanin & Nica 2019): 0.25 at width 1000, depth 50 (seeds 0–5 give
    q_50 from 0.93 to 1.78). Tested: every layer inside 4 standard deviations of that walk, and each step
    q_{l+1} = σ_w² mean φ(h_l)² within 15 %."""
    sim = P.simulate(RELU, 2.0, 0.0, 50, 1000, seed=0)
    layers = np.arange(51)
    assert np.all(np.abs(np.log(sim.q)) <= 4 * np.sqrt(5 * np.maximum(layers, 1) / 1000))
    assert np.allclose(sim.q[1:], 2.0 * sim.post_ms[:-1], rtol=0.15)
    assert np.allclose(sim.post_ms, sim.q / 2, rtol=0.15)


def test_simulation_shapes_and_determinism():
    a = P.simulate(TANH, 1.5, 0.05, 5, 64, seed=3, c0=0.2)
    b = P.simulate(TANH, 1.5, 0.05, 5, 64, seed=3, c0=0.2)
    assert np.array_equal(a.q, b.q) and np.array_equal(a.grad_ratio, b.grad_ratio)
    assert a.c[0] == pytest.approx(0.2, abs=1e-12) and a.q[0] == pytest.approx(1.0, rel=1e-12)
    assert a.grad_ratio[-1] == 1.0 and a.q.shape == (6,)
    prop = P.propagation(TANH, 1.5, 0.05, 5, width=64, seed=3)
    d = prop.to_dict()
    assert json.loads(json.dumps(d)) == d
    assert {"name", "q_star", "chi1", "post_rms", "layers"} <= set(d)
    assert {"layer", "q", "sim_q", "c", "sim_c", "grad_ratio", "sim_grad_ratio"} <= set(d["layers"][2])


def test_quadrature_is_deterministic():
    first = (P.moments(bound("gelu")), P.point(bound("hardtanh"), 3.0, 0.1))
    second = (P.moments(bound("gelu")), P.point(bound("hardtanh"), 3.0, 0.1))
    assert first == second
    g1 = P.phase_grid(TANH, [1.0, 2.0], [0.0, 0.1])
    g2 = P.phase_grid(TANH, [1.0, 2.0], [0.0, 0.1])
    assert np.array_equal(g1.q_star, g2.q_star) and np.array_equal(g1.xi_c, g2.xi_c, equal_nan=True)


# -- bad input ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("call, name", [
    (lambda: P.fixed_point(TANH, 0.0, 0.1), "sigma_w2"),
    (lambda: P.fixed_point(TANH, -1.0, 0.1), "sigma_w2"),
    (lambda: P.fixed_point(TANH, 1.0, -0.1), "sigma_b2"),
    (lambda: P.fixed_point(TANH, math.nan, 0.1), "sigma_w2"),
    (lambda: P.mean_field(TANH, 1.0, 0.1, 0), "depth"),
    (lambda: P.mean_field(TANH, 1.0, 0.1, 5, c0=1.5), "c0"),
    (lambda: P.simulate(TANH, 1.0, 0.1, 0, 10), "depth"),
    (lambda: P.simulate(TANH, 1.0, 0.1, 5, 0), "width"),
    (lambda: P.simulate(TANH, 1.0, 0.1, 1000, 5000), "depth"),
    (lambda: P.simulate(TANH, 1.0, 0.1, 5, 10, seed=-1), "seed"),
    (lambda: P.critical_point(TANH, -1.0), "sigma_b2"),
    (lambda: P.phase_grid(TANH, [0.0, 1.0], [0.1]), "sigma_w2_values"),
    (lambda: P.length_map(TANH, -1.0, 1.0, 0.0), "q"),
])
def test_bad_options_name_the_option(call, name):
    with pytest.raises(ParameterError) as err:
        call()
    assert err.value.option == name
    assert "\n" not in str(err.value)


def test_huge_simulation_is_refused_with_both_options():
    with pytest.raises(ParameterError) as err:
        P.simulate(TANH, 1.0, 0.1, 1000, 5000)
    assert err.value.options == ("depth", "width")


def test_vector_activation_is_refused():
    with pytest.raises(ParameterError, match="softmax"):
        P.moments(bound("softmax"))
    with pytest.raises(ParameterError):
        P.fixed_point(bound("softmax"), 1.0, 0.0)


def test_divergent_moment_names_the_activation():
    blowup = actviz.define("blowup", "x*exp(x**2)").bind()
    with pytest.raises(ParameterError, match=r"blowup: E φ\(√q Z\)"):
        P.moments(blowup)
    half = actviz.define("halfway", "exp(x**2/8)").bind()  # E φ(√q Z)² finite only for q < 2
    assert P.length_map(half, 1.0, 1.0, 0.0) == pytest.approx(math.sqrt(2), rel=1e-12)  # 1/√(1 − q/2)
    with pytest.raises(ParameterError, match="halfway"):
        P.length_map(half, 3.0, 1.0, 0.0)
