"""Every advice sentence of the info cards backed by a computation of its own (issue 23): for every scalar
catalogue function and a few far parameters, a sentence appears exactly where f and f′, sampled densely
and independently of actviz's analysis, show what it says (tests/test_advice_truth.py ties the zig-zag
and self-normalising sentences to the zigzag lesson and to the mean–variance map)."""

from __future__ import annotations

import re

import numpy as np
import pytest

import actviz
from actviz.advice import advice
from actviz.messages import MESSAGES, language
from actviz.selection import select

SPECS = [n for n in actviz.names() if not actviz.get(n).vector] + [
    "elu:alpha=1e-3", "softplus:beta=100", "sigmoid:a=0.01", "leaky_relu:alpha=0.5", "hardtanh:min_val=0,max_val=1e-6",
    "softshrink:lambd=1e-7", "silu:beta=1e-3", "x*tanh(x)", "relu(x) - relu(-x)", "where(x > 0, x + 1, x)"]
FAR = np.geomspace(30.0, 1e5, 60)  #: far enough for every tail to show


def _said(sentences: list[str], key: str) -> bool:
    """A sentence made from that message, its fields anything."""
    pattern = re.compile("".join(".*" if part.startswith("{") else re.escape(part)
                                 for part in re.split(r"(\{[^}]*\})", MESSAGES[key][0])) + "$", re.S)
    return any(pattern.match(s) for s in sentences)


def _sentences(spec: str) -> tuple[list[str], object]:
    bound = select(spec)
    with language("en"):
        return advice(bound.properties()), bound


@pytest.mark.parametrize("spec", SPECS)
def test_each_sentence_where_f_shows_it(spec):
    said, b = _sentences(spec)
    with np.errstate(all="ignore"):
        dl, dr = b.derivative(-FAR), b.derivative(FAR)
        x = np.linspace(-30, 30, 60001)
        fx, dx = b(x), b.derivative(x)
        # f′ = 0 on a half-line: everywhere beyond some c
        # (no underflow up to 6; a dead zone beyond 6 starts at a kink, gelu_10's at 10)
        starts = (0.5, 1.0, 2.0, 4.0, *(abs(k) + 0.5 for k in b.kinks() if abs(k) > 4))
        dead = any(bool(np.all(b.derivative(side * np.geomspace(c, max(6.0, 1.5 * c), 30)) == 0))
                   for c in starts for side in (-1.0, 1.0))
    assert (_said(said, "advice.dead_zone") or _said(said, "advice.dead_everywhere")) == dead, (spec, said)
    # f′ → 0 far out: its size at x ~ 1e5 a small share of its size at x ~ 30 (or 0 all along)
    left_sat, right_sat = (bool(np.max(np.abs(d[-20:])) <= 0.05 * np.max(np.abs(d[:10]))) for d in (dl, dr))
    if _said(said, "advice.saturates_both"):
        assert left_sat and right_sat, spec
    if _said(said, "advice.never_saturates"):
        assert not left_sat and not right_sat, spec
    if _said(said, "advice.vanishing"):  # every slope below 1/2: each layer shrinks the gradient
        assert float(np.nanmax(np.abs(dx))) < 0.5 and left_sat and right_sat, spec
    steps = np.diff(fx[np.isfinite(fx)])
    scale = 1e-12 * max(1.0, float(np.nanmax(np.abs(fx))))
    turns = bool(np.any(steps > scale) and np.any(steps < -scale))
    if turns:  # f goes up somewhere and down elsewhere: the card says it is not monotonic
        assert _said(said, "advice.not_monotonic"), (spec, said)
    h = 1e-6
    with np.errstate(all="ignore"):
        f0 = float(b(np.array([0.0]))[0])
        slopes = (b(np.array([h, 2 * h])) - b(np.array([0.0, h]))) / h, (b(np.array([-h, 0.0])) - b(np.array([-2 * h, -h]))) / h
        gap = abs(float(b(np.array([1e-12]))[0]) - float(b(np.array([-1e-12]))[0]))
    identity = abs(f0) < 1e-12 and gap < 1e-9 and all(abs(float(s[0]) - 1) < 1e-3 for s in slopes)
    assert _said(said, "advice.identity") == identity, (spec, said, slopes)


def test_vanishing_gradients_are_said_for_sigmoid_and_not_for_tanh():
    sig, _ = _sentences("sigmoid")
    tanh, _ = _sentences("tanh")
    assert _said(sig, "advice.vanishing") and not _said(tanh, "advice.vanishing")  # max σ′ = 1/4, max tanh′ = 1
