"""Independent reference definitions, written from the papers in 40-digit mpmath.

They share no code with actviz: each is the textbook formula, evaluated at high precision.
``REFERENCES[name](x, **params)`` takes an mpmath number and returns one.
"""

from __future__ import annotations

import mpmath as mp

mp.mp.dps = 40

SELU_ALPHA = mp.mpf("1.6732632423543772848170429916717")
SELU_SCALE = mp.mpf("1.0507009873554804934193349852946")


def sig(t):
    return 1 / (1 + mp.exp(-t))


def leaky(x, slope):
    return x if x > 0 else slope * x


def softplus(x, beta, threshold):
    return x if beta * x > threshold else mp.log(1 + mp.exp(beta * x)) / beta


def gelu(x, approximate):
    if approximate == "tanh":
        return x / 2 * (1 + mp.tanh(mp.sqrt(2 / mp.pi) * (x + mp.mpf("0.044715") * x**3)))
    return x / 2 * (1 + mp.erf(x / mp.sqrt(2)))


def soft_exponential(x, alpha):
    return x if alpha == 0 else (mp.exp(alpha * x) - 1) / alpha + alpha


def srelu(x, t_left, a_left, t_right, a_right):
    if x >= t_right:
        return t_right + a_right * (x - t_right)
    if x <= t_left:
        return t_left + a_left * (x - t_left)
    return x


def hard_elish(x):
    h = min(max(mp.mpf(0), (x + 1) / 2), mp.mpf(1))
    return (x if x >= 0 else mp.exp(x) - 1) * h


def maxout(x, w1, b1, w2, b2):
    return max(w1 * x + b1, w2 * x + b2)


def sparse_plus(x):
    if x <= -1:
        return mp.mpf(0)
    return (x + 1) ** 2 / 4 if x < 1 else x


def xielu(x, alpha_p, alpha_n, beta, eps):
    """Huang & Schlag (2024), with transformers' expm1(min(x, ε)) on the negative side."""
    if x > 0:
        return alpha_p * x * x + beta * x
    return alpha_n * (mp.expm1(min(x, eps)) - x) + beta * x


def clipped_gelu(x, min_val, max_val):
    return min(max(gelu(x, "none"), mp.mpf(min_val)), mp.mpf(max_val))


def swigluoai(x, value, alpha, limit):
    """gpt-oss (transformers GptOssExperts._apply_gate): (clamp(up, ±L) + 1)·g·σ(αg), g = min(gate, L)."""
    g = min(x, limit)
    return (min(max(value, -limit), limit) + 1) * g * sig(alpha * g)


REFERENCES = {
    "identity": lambda x: x,
    "bent_identity": lambda x: (mp.sqrt(x * x + 1) - 1) / 2 + x,
    "soft_exponential": soft_exponential,
    "binary_step": lambda x: mp.mpf(1) if x >= 0 else mp.mpf(0),
    "sigmoid": lambda x, a: sig(a * x),
    "tanh": mp.tanh,
    "hardsigmoid": lambda x: min(max(mp.mpf(0), x / 6 + mp.mpf(1) / 2), mp.mpf(1)),
    "hardtanh": lambda x, min_val, max_val: min(max(x, mp.mpf(min_val)), mp.mpf(max_val)),
    "softsign": lambda x: x / (1 + abs(x)),
    "arctan": mp.atan,
    "isru": lambda x, alpha: x / mp.sqrt(1 + alpha * x * x),
    "logsigmoid": lambda x: mp.log(sig(x)),
    "lecun_tanh": lambda x: mp.mpf("1.7159") * mp.tanh(2 * x / 3),
    "smht": lambda x, a, b, c, d: (mp.exp(a * x) - mp.exp(-b * x)) / (mp.exp(c * x) + mp.exp(-d * x)),
    "relu": lambda x, alpha: leaky(x, alpha),
    "leaky_relu": lambda x, alpha: leaky(x, alpha),
    "prelu": lambda x, alpha: leaky(x, alpha),
    "rrelu": lambda x, lower, upper: leaky(x, (mp.mpf(lower) + upper) / 2),
    "relu6": lambda x: min(max(mp.mpf(0), x), mp.mpf(6)),
    "threshold": lambda x, threshold, value: x if x > threshold else mp.mpf(value),
    "srelu": srelu,
    "squared_relu": lambda x: max(mp.mpf(0), x) ** 2,
    "elu": lambda x, alpha: x if x > 0 else alpha * (mp.exp(x) - 1),
    "selu": lambda x: SELU_SCALE * (x if x > 0 else SELU_ALPHA * (mp.exp(x) - 1)),
    "celu": lambda x, alpha: x if x > 0 else alpha * (mp.exp(x / alpha) - 1),
    "isrlu": lambda x, alpha: x if x >= 0 else x / mp.sqrt(1 + alpha * x * x),
    "softplus": softplus,
    "squareplus": lambda x, b: (x + mp.sqrt(x * x + b)) / 2,
    "gelu": gelu,
    "quick_gelu": lambda x: x * sig(mp.mpf("1.702") * x),
    "silu": lambda x, beta: x * sig(beta * x),
    "mish": lambda x: x * mp.tanh(mp.log(1 + mp.exp(x))),
    "hardswish": lambda x: x * min(max(mp.mpf(0), x + 3), mp.mpf(6)) / 6,
    "elish": lambda x: (x if x >= 0 else mp.exp(x) - 1) * sig(x),
    "lisht": lambda x: x * mp.tanh(x),
    "tanhexp": lambda x: x * mp.tanh(mp.exp(x)),
    "softshrink": lambda x, lambd: x - lambd if x > lambd else (x + lambd if x < -lambd else mp.mpf(0)),
    "hardshrink": lambda x, lambd: x if abs(x) > lambd else mp.mpf(0),
    "tanhshrink": lambda x: x - mp.tanh(x),
    "gaussian": lambda x: mp.exp(-x * x),
    "sinusoid": mp.sin,
    "sinc": lambda x: mp.mpf(1) if x == 0 else mp.sin(mp.pi * x) / (mp.pi * x),
    "gcu": lambda x: x * mp.cos(x),
    # issue 13: the frameworks' functions and Wikipedia's
    "exponential": mp.exp,
    "sparse_sigmoid": lambda x: min(max(mp.mpf(0), (x + 1) / 2), mp.mpf(1)),
    "star_relu": lambda x, scale, bias: scale * max(mp.mpf(0), x) ** 2 + bias,
    "maxout": maxout,
    "crelu": lambda x, output: max(mp.mpf(0), x if output == "positive" else -x),
    "sparse_plus": sparse_plus,
    "logcosh": lambda x: mp.log(mp.cosh(x)),
    "hard_elish": hard_elish,
    "glu": lambda x, value: value * sig(x),
    "reglu": lambda x, value: value * max(mp.mpf(0), x),
    "geglu": lambda x, value: value * gelu(x, "none"),
    "swiglu": lambda x, value, beta: value * x * sig(beta * x),
    "snake": lambda x, alpha: x + mp.sin(alpha * x) ** 2 / alpha,
    # issue 26: transformers' functions
    "laplace": lambda x, mu, sigma: (1 + mp.erf((x - mu) / (sigma * mp.sqrt(2)))) / 2,
    "sqrtsoftplus": lambda x, threshold: mp.sqrt(softplus(x, 1, threshold)),
    "xielu": xielu,
    "clipped_gelu": clipped_gelu,
    "swigluoai": swigluoai,
}

#: a non-default parameter set per parametrised activation (domain-valid, chosen to move every branch)
OTHER_PARAMS = {
    "soft_exponential": [{"alpha": 0.0}, {"alpha": 1.5}],
    "sigmoid": [{"a": 2.5}],
    "hardtanh": [{"min_val": -2.0, "max_val": 0.5}],
    "isru": [{"alpha": 3.0}],
    "smht": [{"a": 0.7, "b": 1.2, "c": 0.9, "d": 0.4}],
    "relu": [{"alpha": 0.1}],
    "leaky_relu": [{"alpha": 0.2}],
    "prelu": [{"alpha": -0.3}],
    "rrelu": [{"lower": 0.1, "upper": 0.5}],
    "threshold": [{"threshold": 0.5, "value": -1.0}],
    "srelu": [{"t_left": -2.0, "a_left": 0.3, "t_right": 1.5, "a_right": 2.0}],
    "elu": [{"alpha": 2.0}],
    "celu": [{"alpha": 0.5}],
    "isrlu": [{"alpha": 2.0}],
    "softplus": [{"beta": 2.0, "threshold": 10.0}],
    "squareplus": [{"b": 1.0}],
    "gelu": [{"approximate": "tanh"}],
    "silu": [{"beta": 2.0}],
    "softshrink": [{"lambd": 1.2}],
    "hardshrink": [{"lambd": 1.2}],
    "star_relu": [{"scale": -0.5, "bias": 1.0}, {"scale": 0.0, "bias": 0.3}],
    "maxout": [{"w1": 0.3, "b1": 1.0, "w2": 2.0, "b2": -0.5}, {"w1": 0.0, "b1": 0.5, "w2": 0.0, "b2": -1.0},
               {"w1": -1.0, "b1": 0.0, "w2": -2.0, "b2": 1.0}],
    "crelu": [{"output": "negative"}],
    "glu": [{"value": -2.0}, {"value": 0.0}],
    "reglu": [{"value": 0.5}, {"value": -1.5}],
    "geglu": [{"value": 3.0}],
    "swiglu": [{"value": -1.0, "beta": 1.702}],
    "snake": [{"alpha": 0.3}, {"alpha": 4.0}],
    "laplace": [{"mu": -1.0, "sigma": 2.0}],
    "sqrtsoftplus": [{"threshold": 20.0}, {"threshold": 2.0}],
    "xielu": [{"alpha_p": 0.3, "alpha_n": 2.0, "beta": 0.7, "eps": -0.5}, {"alpha_p": 0.80078125, "alpha_n": 0.80078125,
              "beta": 0.5, "eps": -9.98377799987793e-07}],
    "clipped_gelu": [{"min_val": -0.5, "max_val": 1.5}],
    "swigluoai": [{"value": 8.0, "alpha": 1.702, "limit": 7.0}, {"value": -1.0, "alpha": 1.0, "limit": 3.0},
                  {"value": 0.5, "alpha": 2.5, "limit": 1.5}],
}
