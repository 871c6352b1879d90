"""The lessons' maths (actviz.lessons) against independent computations.

gradient: finite differences through an independently written network, the exact ReLU
homogeneity relation between He and Xavier, the 20-layer sigmoid/ReLU contrast, determinism.
softmax: math.exp by hand, shift invariance, temperature. loss: finite differences of the two
losses written out with math.log/math.exp.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

import actviz
from actviz import lessons, text
from actviz.errors import ActvizError, ParameterError, UnknownActivationError
from actviz.lessons import MAX_LAYERS, MAX_WIDTH, SUMMARY_Z, auto_init, softmax_example
from actviz.selection import select


def gradient_flow(spec, params=None, **options):
    """lessons.gradient_flow for a spec (name, Activation) with parameters, as the API selects it."""
    return lessons.gradient_flow(select(spec, params), **options)


def loss_gradients(spec, params=None, **options):
    return lessons.loss_gradients(select(spec, params), **options)


def spec_label(act, params=None):
    return text.spec_label(select(act, params))


# -- gradient through depth -----------------------------------------------------------------------


def _loss_from_z1(name, params, dz1, layers, width, batch, seed, init):
    """L = Σ h_N / √(batch·width) for the network of gradient_flow's docstring, with ``dz1`` added
    to the first layer's pre-activations. Written out independently, in plain numpy."""
    act = actviz.get(name)
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((batch, width))
    std = math.sqrt((1.0 if init == "xavier" else 2.0) / width)
    ws = [rng.standard_normal((width, width)) * std for _ in range(layers)]
    h = act(x @ ws[0] + dz1, **params)
    for w in ws[1:]:
        h = act(h @ w, **params)
    return float(h.sum()) / math.sqrt(batch * width)


@pytest.mark.parametrize("name, init", [("tanh", "xavier"), ("sigmoid", "xavier"), ("gelu", "he"), ("elu", "he")])
def test_first_layer_gradient_matches_finite_differences(name, init):
    layers, width, batch, seed = 4, 5, 3, 11
    flow = gradient_flow(name, layers=layers, width=width, seed=seed, init=init, batch=batch)
    h = 1e-6
    grad = np.empty((batch, width))
    for i in range(batch):
        for j in range(width):
            e = np.zeros((batch, width))
            e[i, j] = h
            up = _loss_from_z1(name, {}, e, layers, width, batch, seed, init)
            down = _loss_from_z1(name, {}, -e, layers, width, batch, seed, init)
            grad[i, j] = (up - down) / (2 * h)
    assert flow.norms[0] == pytest.approx(np.linalg.norm(grad), rel=1e-6)


def test_last_layer_gradient_is_the_unit_gradient_times_the_slope():
    layers, width, batch, seed = 3, 7, 5, 2
    flow = gradient_flow("sigmoid", layers=layers, width=width, seed=seed, init="xavier", batch=batch)
    rng = np.random.default_rng(seed)
    h = rng.standard_normal((batch, width))
    ws = [rng.standard_normal((width, width)) / math.sqrt(width) for _ in range(layers)]
    for w in ws[:-1]:
        h = 1.0 / (1.0 + np.exp(-(h @ w)))
    s = 1.0 / (1.0 + np.exp(-(h @ ws[-1])))
    expected = np.linalg.norm(s * (1.0 - s)) / math.sqrt(batch * width)
    assert flow.norms[-1] == pytest.approx(expected, rel=1e-12)


def test_twenty_layers_sigmoid_vanishes_relu_does_not():
    sigmoid = gradient_flow("sigmoid", layers=20)
    relu = gradient_flow("relu", layers=20)
    assert sigmoid.init == "gain" and relu.init == "gain"
    assert sigmoid.ratio < 1e-3
    assert relu.ratio > 1e-1
    assert relu.ratio / sigmoid.ratio > 1e6
    # the gradient shrinks at every step towards the input, by at most σ′'s bound 0.25 times ‖W‖-ish
    assert np.all(np.diff(sigmoid.log10_norms) > 0)


def test_relu_he_versus_xavier_is_exactly_sqrt2_per_layer():
    # ReLU is positively homogeneous and both inits draw the same weight directions for a seed, so
    # He's gradient at the first layer is Xavier's times √2 for each of the layers − 1 matrices Wᵀ.
    layers = 12
    he = gradient_flow("relu", layers=layers, init="he", seed=5)
    xavier = gradient_flow("relu", layers=layers, init="xavier", seed=5)
    assert he.log10_ratio - xavier.log10_ratio == pytest.approx((layers - 1) * math.log10(math.sqrt(2)), abs=1e-9)


def test_deterministic_for_a_seed_and_different_across_seeds():
    a = gradient_flow("tanh", layers=8, width=16, seed=42)
    b = gradient_flow("tanh", layers=8, width=16, seed=42)
    c = gradient_flow("tanh", layers=8, width=16, seed=43)
    np.testing.assert_array_equal(a.log10_norms, b.log10_norms)
    assert not np.array_equal(a.log10_norms, c.log10_norms)


def test_deep_sigmoid_does_not_underflow():
    flow = gradient_flow("sigmoid", layers=1000, width=16)
    assert np.all(np.isfinite(flow.log10_norms))
    assert flow.log10_ratio < -300  # far below the smallest float64: carried as a logarithm
    assert flow.ratio == 0.0
    assert len(flow.norms) == 1000


def test_zero_gradient_is_reported_not_divided_by():
    flow = gradient_flow("binary_step", layers=5, width=8)
    assert np.all(flow.log10_norms == -math.inf)
    assert flow.ratio is None
    data = json.loads(json.dumps(flow.to_dict(), allow_nan=False))
    assert data["gradient"] == [0.0] * 5 and data["log10_gradient"] == [None] * 5 and data["ratio"] is None


def test_to_dict_shape_and_params():
    flow = gradient_flow("leaky_relu", {"alpha": 0.2}, layers=3, width=4)
    data = json.loads(json.dumps(flow.to_dict(), allow_nan=False))
    assert data["name"] == "leaky_relu"
    assert data["params"] == {"alpha": 0.2}
    assert data["init"] == "gain" and data["gain"] == pytest.approx(math.sqrt(2.0 / (1.0 + 0.2**2)), rel=1e-12)
    assert len(data["gradient"]) == 3
    assert data["gradient"] == pytest.approx([10**v for v in data["log10_gradient"]])
    assert data["ratio"] == pytest.approx(data["gradient"][0] / data["gradient"][-1])
    assert "params" not in gradient_flow("relu", layers=2, width=2).to_dict()
    assert text.spec_label(flow.bound) == "leaky_relu (alpha=0.2)"


def test_auto_is_the_forward_gain_whatever_the_function_is_called():
    """issue 25: init="auto" draws std = gain/√width with the activation's own forward gain 1/√E f(Z)²:
    ReLU's is √2 (He exactly), and silu and the expression x*sigmoid(x) get the same network."""
    auto, he = gradient_flow("relu", layers=8, width=16, seed=3), gradient_flow("relu", layers=8, width=16, seed=3,
                                                                                  init="he")
    assert auto.gain == pytest.approx(math.sqrt(2.0), rel=1e-14)
    np.testing.assert_allclose(auto.log10_norms, he.log10_norms, rtol=0, atol=1e-12)
    silu = gradient_flow("silu", layers=8, width=16, seed=3)
    expr = gradient_flow("x*sigmoid(x)", layers=8, width=16, seed=3)
    assert silu.gain == pytest.approx(expr.gain, rel=1e-12)
    np.testing.assert_allclose(silu.log10_norms, expr.log10_norms, rtol=0, atol=1e-9)
    # the gain from an independent quadrature: E σ(Z)² by mpmath
    mp = pytest.importorskip("mpmath")
    mp.mp.dps = 30
    second = mp.quad(lambda z: (1 / (1 + mp.e ** (-z))) ** 2 * mp.npdf(z), [-mp.inf, 0, mp.inf])
    assert gradient_flow("sigmoid", layers=2, width=4).gain == pytest.approx(float(1 / mp.sqrt(second)), rel=1e-12)


def test_auto_init_rule():
    assert auto_init(actviz.get("relu")) == "he"
    assert auto_init(actviz.get("gelu")) == "he"
    assert auto_init(actviz.get("softplus")) == "he"
    assert auto_init(actviz.get("elu")) == "he"
    assert auto_init(actviz.get("selu")) == "xavier"  # LeCun normal for square layers
    assert auto_init(actviz.get("sigmoid")) == "xavier"
    assert auto_init(actviz.get("tanh")) == "xavier"
    assert auto_init(actviz.get("identity")) == "xavier"
    assert gradient_flow("relu", layers=2, width=3, init="xavier").init == "xavier"


def test_parameters_change_the_result():
    a = gradient_flow("leaky_relu", {"alpha": 0.01}, layers=10, width=16)
    b = gradient_flow("leaky_relu", {"alpha": 0.5}, layers=10, width=16)
    assert not np.allclose(a.log10_norms, b.log10_norms)


@pytest.mark.parametrize(
    "kwargs, word",
    [
        ({"layers": 0}, "layers"),
        ({"layers": -3}, "layers"),
        ({"layers": MAX_LAYERS + 1}, "layers"),
        ({"layers": 2.5}, "layers"),
        ({"width": 0}, "width"),
        ({"width": MAX_WIDTH + 1}, "width"),
        ({"layers": 1000, "width": 1024}, "weights"),
        ({"seed": -1}, "seed"),
        ({"init": "glorot"}, "init"),
    ],
)
def test_bad_gradient_options(kwargs, word):
    """The library names its own keywords (the command line turns them into flags)."""
    with pytest.raises(ParameterError, match=word) as info:
        gradient_flow("relu", **kwargs)
    assert "--" not in str(info.value)


def test_gradient_refuses_vector_and_unknown_activations():
    with pytest.raises(ActvizError, match="vector-valued"):
        gradient_flow("softmax")
    with pytest.raises(UnknownActivationError, match="relu"):
        gradient_flow("rellu")
    with pytest.raises(ParameterError, match="alpha"):
        gradient_flow("elu", {"alpha": -1.0})


def test_forward_overflow_is_a_clear_error():
    with pytest.raises(ActvizError, match="overflows float64 at layer"):
        gradient_flow("squared_relu", layers=30)


def test_spec_label():
    assert spec_label(actviz.get("elu")) == "elu"
    assert spec_label(actviz.get("elu"), {"alpha": 1.0}) == "elu"
    assert spec_label(actviz.get("elu"), {"alpha": 0.5}) == "elu (alpha=0.5)"


# -- softmax --------------------------------------------------------------------------------------


def test_softmax_reference_example():
    ex = softmax_example([3, 1, -3])
    raw = [math.exp(3), math.exp(1), math.exp(-3)]
    total = sum(raw)
    assert ex.probabilities == pytest.approx([r / total for r in raw], rel=1e-14)
    assert [round(p, 3) for p in ex.probabilities] == [0.879, 0.119, 0.002]
    assert [round(p, 2) for p in ex.probabilities] == [0.88, 0.12, 0.00]  # the notes' numbers
    # the notes' exponentials (20, 2.7, 0.05) are the shifted ones times e^max
    assert ex.shift == 3.0
    assert ex.exp_shifted * math.exp(ex.shift) == pytest.approx(raw, rel=1e-14)
    assert ex.exp_shifted / ex.exp_shifted.sum() == pytest.approx(ex.probabilities, rel=1e-14)


def test_softmax_is_stable_and_shift_invariant():
    big = softmax_example([1000, 1001, 999])
    small = softmax_example([1, 2, 0])
    assert big.probabilities == pytest.approx(small.probabilities, rel=1e-12)
    assert big.probabilities.sum() == pytest.approx(1.0, abs=1e-15)
    assert big.exp_shifted.max() == 1.0


def test_temperature_divides_the_logits_and_flattens_or_sharpens():
    z = [3.0, 1.0, -3.0]
    hot = softmax_example(z, temperature=2.0)
    raw = [math.exp(v / 2.0) for v in z]
    assert hot.probabilities == pytest.approx([r / sum(raw) for r in raw], rel=1e-14)
    cold = softmax_example(z, temperature=0.25)

    def entropy(p):
        return -float(np.sum(p * np.log(p)))

    base = softmax_example(z)
    assert entropy(cold.probabilities) < entropy(base.probabilities) < entropy(hot.probabilities)
    assert softmax_example(z, temperature=1e6).probabilities == pytest.approx([1 / 3] * 3, rel=1e-5)


@pytest.mark.parametrize("t", [0, 0.0, -1.0, math.nan, math.inf, "2", True])
def test_bad_temperature(t):
    with pytest.raises(ParameterError, match="temperature"):
        softmax_example([1.0, 2.0], temperature=t)


def test_bad_logits():
    with pytest.raises(ParameterError, match="at least one logit"):
        softmax_example([])
    with pytest.raises(ParameterError, match="nan"):
        softmax_example([1.0, math.nan])
    with pytest.raises(ParameterError, match="too small"):
        softmax_example([1000.0, 1.0], temperature=1e-307)


def test_softmax_to_dict():
    data = json.loads(json.dumps(softmax_example([3, 1, -3], temperature=0.5).to_dict(), allow_nan=False))
    assert set(data) == {"temperature", "shift", "logits", "exp_shifted", "probabilities"}
    assert data["temperature"] == 0.5 and data["shift"] == 6.0
    assert sum(data["probabilities"]) == pytest.approx(1.0)


# -- MSE vs cross-entropy -------------------------------------------------------------------------


def _sigma(z):
    return 1.0 / (1.0 + math.exp(-z))


def _mse(z, y):
    return 0.5 * (_sigma(z) - y) ** 2


def _bce(z, y):
    # −y ln σ(z) − (1 − y) ln(1 − σ(z)), with ln σ(z) = −ln(1 + e^−z) and ln(1 − σ(z)) = −ln(1 + e^z)
    return y * math.log1p(math.exp(-z)) + (1 - y) * math.log1p(math.exp(z))


@pytest.mark.parametrize("y", [1.0, 0.0, 0.3])
def test_sigmoid_loss_gradients_match_finite_differences(y):
    zs = np.array([-6.0, -5.0, -1.5, 0.0, 0.7, 5.0])
    lg = loss_gradients("sigmoid", target=y, z=zs)
    h = 1e-5
    for i, z in enumerate(zs):
        assert lg.mse[i] == pytest.approx((_mse(z + h, y) - _mse(z - h, y)) / (2 * h), rel=1e-6, abs=1e-12)
        assert lg.cross_entropy[i] == pytest.approx((_bce(z + h, y) - _bce(z - h, y)) / (2 * h), rel=1e-6, abs=1e-12)
        assert lg.a[i] == pytest.approx(_sigma(z), rel=1e-15)


def test_mse_vanishes_where_confidently_wrong():
    lg = loss_gradients("sigmoid", target=1.0, z=SUMMARY_Z)
    a, mse, ce = lg.a[0], lg.mse[0], lg.cross_entropy[0]  # z = −5
    assert a < 0.01  # confidently wrong
    assert abs(ce) > 0.99  # cross-entropy still pushes with almost full strength
    assert abs(ce) / abs(mse) > 100  # MSE's push is two orders of magnitude weaker
    assert abs(ce / mse) == pytest.approx(1.0 / (a * (1 - a)), rel=1e-12)


def test_general_cross_entropy_for_other_activations():
    z = np.array([-2.0, 0.5, 1.0, 2.9, 4.0])
    lg = loss_gradients("hardsigmoid", target=1.0, z=z)
    a = np.clip(z / 6 + 0.5, 0, 1)
    inside = (a > 0) & (a < 1)
    with np.errstate(invalid="ignore"):
        expected = np.where(inside, (a - 1.0) * (1 / 6) / (a * (1 - a)), np.nan)
    np.testing.assert_allclose(lg.cross_entropy, expected, rtol=1e-12)
    assert np.isnan(lg.cross_entropy[-1])
    assert text.loss_domain_note(lg) is not None and "0 < f(z) < 1" in text.loss_domain_note(lg)
    assert text.loss_domain_note(loss_gradients("sigmoid")) is None
    tanh = loss_gradients("tanh")
    assert np.all(np.isnan(tanh.cross_entropy[tanh.z <= 0]))
    assert np.all(~np.isnan(tanh.cross_entropy[tanh.z > 0.1]))


def test_loss_refusals():
    with pytest.raises(ActvizError, match="never gives one"):
        loss_gradients("binary_step")
    with pytest.raises(ActvizError, match="vector-valued"):
        loss_gradients("softmax")
    for y in (-0.1, 1.5, math.nan, math.inf):
        with pytest.raises(ParameterError, match="target"):
            loss_gradients("sigmoid", target=y)
    with pytest.raises(UnknownActivationError, match="did you mean"):
        loss_gradients("sigmiod")


# -- review fixes: sigmoid's slope, the domain from the maths, gradient verdicts -------------------


def _bce_slope(z, y, k):
    # cross-entropy of σ(kz) written with log1p/exp, independently of the catalogue
    return y * math.log1p(math.exp(-k * z)) + (1 - y) * math.log1p(math.exp(k * z))


@pytest.mark.parametrize("k", [2.0, 0.5, 3.7])
@pytest.mark.parametrize("y", [0.0, 1.0, 0.3])
def test_sigmoid_slope_cross_entropy_matches_finite_differences(k, y):
    zs = np.array([-5.0, -1.5, 0.0, 0.7, 5.0])
    lg = loss_gradients("sigmoid", {"a": k}, target=y, z=zs)
    h = 1e-6
    for i, z in enumerate(zs):
        fd = (_bce_slope(z + h, y, k) - _bce_slope(z - h, y, k)) / (2 * h)
        assert lg.cross_entropy[i] == pytest.approx(fd, rel=1e-6, abs=1e-9)


def test_sigmoid_slope_cross_entropy_is_exact_in_the_tails():
    # σ(10·8) rounds to 1 and σ(10·(−80)) is below 1e-300: k·(σ(kz) − y) is still exact there
    zs = np.array([-80.0, -8.0, 8.0, 80.0])
    for y in (0.0, 1.0):
        lg = loss_gradients("sigmoid", {"a": 10.0}, target=y, z=zs)
        sig = [1.0 / (1.0 + math.exp(-t)) if t >= 0 else math.exp(t) / (1.0 + math.exp(t)) for t in 10.0 * zs]
        expected = [10.0 * (s - y) for s in sig]
        np.testing.assert_allclose(lg.cross_entropy, expected, rtol=1e-15, atol=0)
        assert text.loss_domain_note(lg) is None  # σ is a probability everywhere


def test_domain_is_judged_on_the_plotted_range_not_on_the_summary_points():
    lg = loss_gradients("relu", z=SUMMARY_Z)  # relu(z) ∈ (0, 1) only for 0 < z < 1: no summary point
    assert np.all(np.isnan(lg.cross_entropy))
    ((start, end),) = lg.domain
    assert start == pytest.approx(0.0, abs=1e-12) and end == pytest.approx(1.0, rel=1e-12)
    assert "0 < z < 1" in text.loss_domain_note(lg)
    with pytest.raises(ActvizError, match=r"never gives one for z in \[−8, 8\]"):
        loss_gradients("binary_step", z=SUMMARY_Z)


def test_domain_ends_come_from_the_maths():
    tanh = loss_gradients("tanh")
    ((start, end),) = tanh.domain
    assert start == pytest.approx(0.0, abs=1e-12) and end == 8.0  # tanh z > 0 ⇔ z > 0
    assert text.loss_domain_text(tanh) == "z > 0 (to the end of the plotted range, z = 8)"
    hard = loss_gradients("hardsigmoid")
    ((start, end),) = hard.domain
    assert start == pytest.approx(-3.0, rel=1e-12) and end == pytest.approx(3.0, rel=1e-12)  # z/6 + ½ ∈ (0, 1)
    assert text.loss_domain_text(hard) == "−3 < z < 3"
    ((start, end),) = loss_gradients("arctan").domain
    assert end == pytest.approx(math.tan(1.0), rel=1e-12)  # arctan z < 1 ⇔ z < tan 1
    assert "0 < z < 1.55741" in text.loss_domain_text(loss_gradients("arctan"))
    # two pieces: the gaussian e^(−z²) is 1 at z = 0 only
    assert text.loss_domain_text(loss_gradients("gaussian")) == (
        "z < 0 (from the start of the plotted range, z = −8) and z > 0 (to the end of the plotted range, z = 8)"
    )


def test_no_negative_zero_in_the_gradients():
    lg = loss_gradients("hardsigmoid", target=0.5, z=SUMMARY_Z)
    assert lg.mse[0] == 0.0 and math.copysign(1.0, lg.mse[0]) == 1.0  # (0 − ½)·0 is −0 in IEEE arithmetic
    lg = loss_gradients("relu", target=1.0, z=np.array([-5.0, 0.5]))
    assert all(math.copysign(1.0, v) == 1.0 for v in lg.mse if v == 0.0)


def test_loss_formulas_name_the_slope_not_the_letter_a():
    assert text.loss_formulas(loss_gradients("sigmoid", {"a": 2.0})) == ("σ(2z)", "(a − y)·2σ′(2z)", "2(a − y)")
    assert text.loss_formulas(loss_gradients("sigmoid")) == ("σ(z)", "(a − y)·σ′(z)", "a − y")
    assert text.loss_formulas(loss_gradients("smht", {"a": 2.0}))[0] == "smht(z) (smht's parameter a = 2)"


@pytest.mark.parametrize(
    "ratio, verdict",
    [(1e-13, "vanishes"), (0.099, "vanishes"), (0.1, "passed on"), (2.27, "passed on"), (10.0, "passed on"),
     (10.5, "explodes"), (1e300, "explodes"), (None, "zero")],
)
def test_gradient_verdict_bands(ratio, verdict):
    from actviz.lessons import gradient_verdict

    assert gradient_verdict(None if ratio is None else math.log10(ratio)) == verdict


def test_twenty_layer_verdicts():
    assert gradient_flow("sigmoid").verdict == "vanishes"
    relu = gradient_flow("relu")
    assert 1.0 < relu.ratio < 10.0 and relu.verdict == "passed on"  # grows a little, does not explode
    # identity with He weights multiplies the gradient by about √2 per layer: (√2)^19 ≈ 724
    ident = gradient_flow("identity", init="he")
    assert ident.ratio > 10.0 and ident.verdict == "explodes"
    assert ident.to_dict()["verdict"] == "explodes"
