"""Lookup by name and alias, did-you-mean errors, and the registry's guarantees."""

from __future__ import annotations

import subprocess
import sys

import pytest

import actviz
from actviz.catalog import REGISTRY
from actviz.errors import ActvizError, UnknownActivationError
from actviz.registry import Registry


@pytest.mark.parametrize("alias, name", [
    ("swish", "silu"), ("logistic", "sigmoid"), ("linear", "identity"), ("hard_sigmoid", "hardsigmoid"),
    ("hard_swish", "hardswish"), ("log_sigmoid", "logsigmoid"),
])
def test_required_aliases(alias, name):
    assert actviz.get(alias) is actviz.get(name)


@pytest.mark.parametrize("spelling", ["Leaky_ReLU", "leaky-relu", "LEAKY-RELU", " leaky_relu "])
def test_lookup_ignores_case_dashes_and_underscores(spelling):
    assert actviz.get(spelling).name == "leaky_relu"


def test_unknown_name_suggests_the_closest():
    with pytest.raises(UnknownActivationError) as info:
        actviz.get("rellu")
    assert isinstance(info.value, KeyError) and isinstance(info.value, ActvizError)
    assert "did you mean 'relu'" in str(info.value)
    assert info.value.suggestions[0] == "relu"


def test_unknown_name_without_any_close_match_points_to_the_list():
    with pytest.raises(UnknownActivationError, match="unknown activation 'zzzz' \\(see 'actviz list'\\)"):
        actviz.get("zzzz")


def test_iteration_yields_canonical_names_in_catalogue_order():
    assert list(REGISTRY) == actviz.names() and len(REGISTRY) == len(actviz.names())
    assert "swish" in REGISTRY and "swish" not in list(REGISTRY)


def test_duplicate_names_and_aliases_are_refused():
    sig = actviz.get("sigmoid")
    reg = Registry([sig])
    with pytest.raises(ValueError, match="already taken"):
        reg.register(sig)


def test_families_and_unknown_family():
    assert actviz.names("relu")[:3] == ["relu", "leaky_relu", "prelu"]
    assert list(actviz.families())[0] == "linear"
    with pytest.raises(ActvizError, match="unknown family 'rellu'; did you mean 'relu'\\? valid families: linear"):
        actviz.names("rellu")


def test_import_actviz_is_light():
    code = "import sys, actviz; print(sorted(m for m in ('matplotlib', 'typer', 'rich', 'scipy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
