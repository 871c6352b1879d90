"""Activations at work (actviz.training) against independent computations.

train: the gradient of one plain gradient-descent step against central finite differences of the
loss written out independently; the data sets' geometry; the effects the reference notes teach, on
fixed seeds (a linear activation cannot separate circles, ReLU and tanh can; a bias of −3 kills
ReLU units but not leaky ReLU or ELU units; a dead unit's weights never move); determinism.
zigzag: every update replayed from the documented rule, the loss against a direct mean, sigmoid
inputs moving both weights the same way.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

import actviz
from actviz import training
from actviz.errors import ActvizError, ParameterError
from actviz.selection import select


def _theta0(name, hidden, seed, bias_init=0.0, init="auto"):
    """The initial weights as train's docstring describes them, drawn independently."""
    act = select(name)
    chosen = ("he" if act.family in {"relu", "exponential", "softplus", "gated"} else "xavier") if init == "auto" \
        else init
    rng = np.random.default_rng([seed, 1])
    sizes = [2, *hidden, 1]
    layers = []
    for k, (i, o) in enumerate(zip(sizes[:-1], sizes[1:])):
        last = k == len(hidden)
        std = math.sqrt(2.0 / i) if chosen == "he" and not last else math.sqrt(2.0 / (i + o))
        layers.append((rng.standard_normal((i, o)) * std, np.full(o, 0.0 if last else bias_init)))
    return layers


def _flat(layers):
    return np.concatenate([np.concatenate([w.ravel(), b]) for w, b in layers])


def _unflat(theta, hidden):
    sizes = [2, *hidden, 1]
    out, k = [], 0
    for i, o in zip(sizes[:-1], sizes[1:]):
        w = theta[k:k + i * o].reshape(i, o)
        k += i * o
        out.append((w, theta[k:k + o]))
        k += o
    return out


def _loss(name, theta, hidden, x, y):
    """Mean binary cross-entropy of σ(logit), written with math.log1p/exp per sample."""
    act = actviz.get(name)
    h = x
    layers = _unflat(theta, hidden)
    for w, b in layers[:-1]:
        h = act(h @ w + b)
    w, b = layers[-1]
    logits = (h @ w).ravel() + b[0]
    total = 0.0
    for z, t in zip(logits, y):
        p = 1.0 / (1.0 + math.exp(-z))
        total += -(t * math.log(p) + (1 - t) * math.log(1 - p))
    return total / len(y)


# -- the gradient -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["tanh", "sigmoid", "elu", "gelu", "softplus", "identity"])
def test_one_gradient_step_matches_finite_differences(name):
    hidden, seed = (3, 4), 7
    (result,) = actviz.train(name, hidden=hidden, steps=1, lr=1.0, optimizer="gd", seed=seed, samples=12,
                             data="moons", noise=0.1)
    theta0 = _flat(_theta0(name, hidden, seed))
    theta1 = _flat(result.weights)
    grad = theta0 - theta1  # lr = 1: w₁ = w₀ − ∂L/∂w
    data = result.data
    h = 1e-6
    fd = np.empty_like(theta0)
    for i in range(theta0.size):
        e = np.zeros_like(theta0)
        e[i] = h
        fd[i] = (_loss(name, theta0 + e, hidden, data.x, data.y) - _loss(name, theta0 - e, hidden, data.x, data.y)) / (2 * h)
    np.testing.assert_allclose(grad, fd, rtol=1e-5, atol=1e-9)
    assert result.loss_history[0] == pytest.approx(_loss(name, theta0, hidden, data.x, data.y), rel=1e-12)
    assert result.loss_history[1] == pytest.approx(_loss(name, theta1, hidden, data.x, data.y), rel=1e-12)


def test_relu_gradient_matches_finite_differences_away_from_the_kink():
    hidden, seed = (5,), 3
    (result,) = actviz.train("leaky_relu:alpha=0.1", hidden=hidden, steps=1, lr=1.0, optimizer="gd", seed=seed,
                             samples=10, data="xor")
    theta0 = _flat(_theta0("leaky_relu", hidden, seed))
    grad = theta0 - _flat(result.weights)
    act = actviz.get("leaky_relu")

    def loss(theta):
        (w1, b1), (w2, b2) = _unflat(theta, hidden)
        z = (act(result.data.x @ w1 + b1, alpha=0.1) @ w2).ravel() + b2[0]
        return float(np.mean(np.logaddexp(0.0, z) - result.data.y * z))

    fd = np.array([(loss(theta0 + e) - loss(theta0 - e)) / 2e-6 for e in np.eye(theta0.size) * 1e-6])
    np.testing.assert_allclose(grad, fd, rtol=1e-5, atol=1e-9)


def test_adam_first_step_is_lr_times_the_sign_of_the_gradient():
    # Adam's first bias-corrected step is lr·g/(|g| + ε): lr times the gradient's sign wherever g ≠ 0
    hidden, seed = (4,), 1
    (gd,) = actviz.train("tanh", hidden=hidden, steps=1, lr=1.0, optimizer="gd", seed=seed, samples=16)
    (adam,) = actviz.train("tanh", hidden=hidden, steps=1, lr=0.01, optimizer="adam", seed=seed, samples=16)
    theta0 = _flat(_theta0("tanh", hidden, seed))
    g = theta0 - _flat(gd.weights)
    step = theta0 - _flat(adam.weights)
    np.testing.assert_allclose(step, 0.01 * g / (np.abs(g) + 1e-8), rtol=1e-9, atol=1e-15)


# -- the data sets ---------------------------------------------------------------------------------


def test_data_sets_without_noise_follow_their_definitions():
    for name in training.DATASETS:
        d = training.make_dataset(name, samples=301, noise=0.0, seed=4)
        assert d.x.shape == (301, 2) and d.y.shape == (301,)
        assert set(np.unique(d.y)) == {0.0, 1.0}
        assert np.all(np.abs(d.x) <= 1.0 + 1e-12)
    c = training.make_dataset("circles", samples=400, noise=0.0, seed=1)
    r = np.hypot(*c.x.T)
    assert np.all(r[c.y == 1] <= 0.5) and np.all((r[c.y == 0] >= 0.7) & (r[c.y == 0] <= 1.0))
    assert c.y.sum() == 200
    xor = training.make_dataset("xor", samples=400, noise=0.0, seed=1)
    assert np.array_equal(xor.y == 1, xor.x[:, 0] * xor.x[:, 1] > 0)
    assert np.all(np.abs(xor.x) >= 0.05)
    lin = training.make_dataset("linear", samples=400, noise=0.0, seed=1)
    assert np.array_equal(lin.y == 1, lin.x.sum(axis=1) > 0)
    spiral = training.make_dataset("spiral", samples=400, noise=0.0, seed=1)
    assert np.all(np.hypot(*spiral.x.T) <= 1.0)


def test_data_sets_are_deterministic_and_noise_moves_the_points():
    a = training.make_dataset("moons", samples=50, noise=0.1, seed=3)
    b = training.make_dataset("moons", samples=50, noise=0.1, seed=3)
    c = training.make_dataset("moons", samples=50, noise=0.1, seed=4)
    assert np.array_equal(a.x, b.x) and not np.array_equal(a.x, c.x)
    clean = training.make_dataset("moons", samples=50, noise=0.0, seed=3)
    assert np.array_equal(a.y, clean.y)
    assert 0.05 < np.std(a.x - clean.x) < 0.15


# -- the effects of the notes ----------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_non_linearity_makes_depth_useful(seed):
    identity, relu, tanh = actviz.train("identity", "relu", "tanh", data="circles", seed=seed)
    assert identity.accuracy < 0.75
    assert relu.accuracy > 0.95 and tanh.accuracy > 0.95
    assert identity.steps_to_95 is None and relu.steps_to_95 is not None


def test_a_linear_network_is_one_linear_map():
    # identity layers compose to x·A + c: the logit is an affine function of the input, so its
    # decision boundary is a straight line, whatever the depth
    (identity,) = actviz.train("identity", hidden=(16, 16, 16), steps=50)
    pts = np.random.default_rng(0).uniform(-1, 1, (50, 2))
    z = identity.logits(pts)
    design = np.column_stack([pts, np.ones(len(pts))])
    coef, *_ = np.linalg.lstsq(design, z, rcond=None)
    np.testing.assert_allclose(design @ coef, z, atol=1e-12)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_negative_bias_kills_relu_units_not_leaky_or_elu_units(seed):
    relu, leaky, elu = actviz.train("relu", "leaky_relu", "elu", data="spiral", bias_init=-3, seed=seed)
    assert relu.dead_fraction > leaky.dead_fraction and relu.dead_fraction > elu.dead_fraction
    assert relu.dead_fraction > 0.5
    assert leaky.dead_fraction == 0.0 and elu.dead_fraction == 0.0


def test_a_dead_first_layer_unit_never_moves():
    # f′ = 0 for every sample: no gradient reaches the unit's weights; the inputs are fixed data, so
    # with plain gradient descent the unit stays exactly as it was, dead, to the last step
    hidden, seed = (16, 16), 0
    (relu,) = actviz.train("relu", hidden=hidden, bias_init=-1.0, optimizer="gd", steps=300, seed=seed)
    (w0, b0), *_ = _theta0("relu", hidden, seed, bias_init=-1.0)
    dead = np.all(relu.data.x @ w0 + b0 <= 0.0, axis=0)
    assert dead.any() and not dead.all()
    (w1, b1), *_ = relu.weights
    assert np.array_equal(w1[:, dead], w0[:, dead]) and np.array_equal(b1[dead], b0[dead])
    assert np.any(w1[:, ~dead] != w0[:, ~dead])


def test_dead_fraction_counts_units_with_zero_slope_for_every_sample():
    (relu,) = actviz.train("relu", data="spiral", bias_init=-3, steps=20)
    h = relu.data.x
    dead = 0
    for w, b in relu.weights[:-1]:
        z = h @ w + b
        dead += int(np.sum(np.all(z <= 0.0, axis=0)))  # relu′(z) = 0 for z ≤ 0
        h = np.maximum(z, 0.0)
    assert relu.dead_fraction == dead / 32
    assert relu.zero_outputs > 0.9
    (tanh,) = actviz.train("tanh", steps=20)
    assert tanh.zero_outputs == 0.0 and tanh.dead_fraction == 0.0


def test_same_seed_same_numbers_and_independent_of_the_company():
    a = actviz.train("relu", "tanh", data="xor", steps=200, seed=5)
    b = actviz.train("tanh", "relu", data="xor", steps=200, seed=5)
    c = actviz.train("relu", data="xor", steps=200, seed=6)
    np.testing.assert_array_equal(a[0].loss_history, b[1].loss_history)
    np.testing.assert_array_equal(a[1].accuracy_history, b[0].accuracy_history)
    assert not np.array_equal(a[0].loss_history, c[0].loss_history)


def test_histories_and_to_dict():
    (r,) = actviz.train("leaky_relu:alpha=0.2", steps=30, hidden="8,4")
    assert r.hidden == (8, 4) and len(r.loss_history) == 31 == len(r.dead_history) == len(r.accuracy_history)
    data = json.loads(json.dumps(r.to_dict(), allow_nan=False))
    assert {"name", "loss", "accuracy", "dead_fraction", "steps_to_95"} <= set(data)
    assert data["params"] == {"alpha": 0.2} and data["name"] == "leaky_relu"
    assert data["loss"] == r.loss_history[-1] and data["accuracy"] == r.accuracy_history[-1]
    assert len(data["dead_per_layer"]) == 2
    probability = r.probability(r.data.x)
    assert r.accuracy == np.mean((probability > 0.5) == (r.data.y == 1))
    never = actviz.train("identity", steps=5)[0].to_dict()
    assert never["steps_to_95"] is None


def test_a_diverging_network_is_reported_not_hidden():
    (r,) = actviz.train("identity", optimizer="gd", lr=100, steps=50)
    assert r.diverged_at is not None and 0 < r.diverged_at <= 50
    assert np.all(np.isnan(r.loss_history[r.diverged_at:]))
    data = json.loads(json.dumps(r.to_dict(), allow_nan=False))
    assert data["loss"] is None and data["diverged_at"] == r.diverged_at


@pytest.mark.parametrize(
    "kwargs, word",
    [
        ({"data": "ring"}, "data"),
        ({"hidden": "16,x"}, "hidden"),
        ({"hidden": ""}, "hidden"),
        ({"hidden": (0,)}, "hidden"),
        ({"hidden": (16,) * 11}, "hidden"),
        ({"hidden": 300}, "hidden"),
        ({"hidden": 2.5}, "hidden"),
        ({"steps": 0}, "steps"),
        ({"steps": 100_001}, "steps"),
        ({"steps": 1.5}, "steps"),
        ({"lr": 0}, "lr"),
        ({"lr": -1}, "lr"),
        ({"lr": math.nan}, "lr"),
        ({"lr": 1000}, "lr"),
        ({"seed": -1}, "seed"),
        ({"optimizer": "sgd"}, "optimizer"),
        ({"init": "glorot"}, "init"),
        ({"bias_init": math.inf}, "bias_init"),
        ({"bias_init": "x"}, "bias_init"),
        ({"noise": -0.1}, "noise"),
        ({"noise": 2}, "noise"),
        ({"samples": 3}, "samples"),
        ({"samples": 20_000}, "samples"),
        ({"steps": 100_000, "samples": 10_000}, "limit"),
    ],
)
def test_bad_train_options(kwargs, word):
    with pytest.raises(ParameterError, match=word):
        actviz.train("relu", **kwargs)


def test_train_refuses_vector_activations_and_nothing():
    with pytest.raises(ActvizError, match="vector-valued"):
        actviz.train("relu", "softmax")
    with pytest.raises(ParameterError, match="at least one"):
        actviz.train()


# -- zig-zag ---------------------------------------------------------------------------------------


def test_every_update_is_minus_lr_times_the_error_times_an_input():
    (z,) = actviz.zigzag("tanh", samples=30, lr=0.3, steps=200)
    optimum = np.array(z.optimum)
    for w, dw in zip(z.path[:-1], z.updates):
        expected = -0.3 * ((w - optimum) @ z.inputs.T)[:, None] * z.inputs  # one row per possible sample
        assert np.min(np.max(np.abs(expected - dw), axis=1)) < 1e-12
    np.testing.assert_array_equal(z.inputs, np.tanh(np.random.default_rng(0).standard_normal((30, 2))))


def test_sigmoid_inputs_move_both_weights_the_same_way():
    for seed in range(5):
        sigmoid, tanh = actviz.zigzag("sigmoid", "tanh", seed=seed)
        assert sigmoid.same_sign_share == 1.0 and sigmoid.opposite_sign_share == 0.0
        assert sigmoid.same_sign_share > tanh.same_sign_share
        assert tanh.opposite_sign_share > 0.3
        assert sigmoid.steps is not None and tanh.steps is not None and sigmoid.steps > 3 * tanh.steps
        assert sigmoid.final_distance <= training.ZIGZAG_TOLERANCE
        assert min(sigmoid.input_mean) > 0.4 and max(map(abs, tanh.input_mean)) < 0.2


def test_relu_inputs_never_move_the_weights_apart():
    (relu,) = actviz.zigzag("relu")
    assert relu.opposite_sign_share == 0.0 and 0.0 < relu.same_sign_share < 1.0


def test_zigzag_loss_is_the_mean_squared_error():
    (z,) = actviz.zigzag("elu", samples=20)
    w = np.array([0.3, -2.0])
    direct = np.mean([0.5 * ((w - z.optimum) @ x) ** 2 for x in z.inputs])
    assert float(z.loss(*w)) == pytest.approx(direct, rel=1e-12)
    assert float(z.loss(*z.optimum)) == 0.0


def test_zigzag_divergence_and_no_convergence_are_reported():
    (fast,) = actviz.zigzag("relu", lr=50)
    assert fast.diverged_at is not None and fast.steps is None
    (slow,) = actviz.zigzag("sigmoid", lr=0.001, steps=50)
    assert slow.steps is None and slow.diverged_at is None and len(slow.path) == 51
    for r in (fast, slow):
        json.dumps(r.to_dict(), allow_nan=False)


def test_zigzag_is_deterministic_and_to_dict():
    a = actviz.zigzag("sigmoid", seed=3)[0]
    b = actviz.zigzag("sigmoid", seed=3)[0]
    assert np.array_equal(a.path, b.path)
    data = a.to_dict()
    assert {"name", "same_sign_share", "steps"} <= set(data) and data["steps"] == a.steps


@pytest.mark.parametrize(
    "kwargs, word",
    [({"steps": 0}, "steps"), ({"lr": 0}, "lr"), ({"lr": math.inf}, "lr"), ({"seed": -2}, "seed"),
     ({"samples": 1}, "samples"), ({"samples": 10**6}, "samples")],
)
def test_bad_zigzag_options(kwargs, word):
    with pytest.raises(ParameterError, match=word):
        actviz.zigzag("sigmoid", **kwargs)


def test_zigzag_refuses_vector_activations():
    with pytest.raises(ActvizError, match="vector-valued"):
        actviz.zigzag("log_softmax")


@pytest.mark.parametrize("spec", ["relu:alpha=1e120", "elu:alpha=1e120", "softplus:beta=1e-300", "sigmoid:a=1e-300",
                                  "threshold:value=-1e120", "hardshrink:lambd=1e9"])
def test_extreme_parameters_end_in_numbers_or_a_clear_error(spec):
    """Inputs near float64's top, or all equal: diverged, not converged or converged, never a crash."""
    for result in [*actviz.zigzag(spec, steps=100), *actviz.train(spec, steps=10, hidden=(4,))]:
        json.dumps(result.to_dict(), allow_nan=False)
    (z,) = actviz.zigzag(spec, steps=100)
    assert z.steps is not None or z.diverged_at is not None or len(z.path) == 101
