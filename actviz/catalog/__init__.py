"""The catalogue: every activation, defined once, grouped by family.

Each family module exports a tuple ``ACTIVATIONS``; this module builds the one :data:`REGISTRY`
from them, in this order. The Python entries hold the maths and the facts; their words (label,
summary, formulas, notes, reference) are data, in ``words.json`` (:mod:`~actviz.catalog.words`).
"""

from __future__ import annotations

from ..registry import Registry
from . import exponential, gated, glu, linear, rectifier, shrink, sigmoidal, softmax, softplus, wave

#: family name -> heading shown in figures and tables, in catalogue order
FAMILIES = {
    "linear": "Linear and near-linear",
    "sigmoid": "Sigmoid and squashing",
    "relu": "Rectifiers (ReLU family)",
    "exponential": "Exponential linear units",
    "softplus": "Smooth rectifiers",
    "gated": "Self-gated (x·g(x))",
    "glu": "Gated linear units (v·g(x): gate x, value half v held fixed)",
    "shrink": "Shrinkage",
    "wave": "Bumps and waves",
    "softmax": "Vector-valued (softmax)",
}

#: headings of families that are not the catalogue's (activations you define from an expression)
OTHER_FAMILIES = {"expression": "Your expressions"}


_MODULES = (linear, sigmoidal, rectifier, exponential, softplus, gated, glu, shrink, wave, softmax)

REGISTRY = Registry(act for module in _MODULES for act in module.ACTIVATIONS)
REGISTRY.protect()

assert REGISTRY.families() == list(FAMILIES), "FAMILIES must list every family in catalogue order"
