"""What the user names -> bound activations: names, ``"name:key=value,..."`` specs, expressions, families.

The one selector of actviz: the Python API and every command use it, so a spec means the same
thing everywhere. A *spec* is a name or alias, a ``NAME:KEY=VALUE[,KEY=VALUE...]`` string, an
expression in x (``"x*sigmoid(b*x):b=1.702"``, see :mod:`actviz.expressions`), an
:class:`~actviz.spec.Activation` or a :class:`~actviz.spec.Bound`; keyword parameters are merged
into a single spec (``select("elu", alpha=2)``), and are an error when several are named.
With ``framework`` (``"torch"``, ``"keras"``, ``"jax"``, ``"tf"``) a name selects that framework's
definition instead (:mod:`actviz.presets`): this module is the one place where presets are applied.
Nothing here knows about command-line flags.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .catalog import REGISTRY
from .errors import ActvizError, ParameterError
from .errors import option as opt
from .registry import Registry
from .spec import Activation, Bound, Value

__all__ = ["Spec", "parse_assignment", "parse_params", "parse_spec", "lookup_name", "named", "select", "select_many",
           "family_members", "is_expression", "select_expression", "in_framework"]

Spec = str | Activation | Bound


def parse_assignment(text: str, where: str = "parameter") -> tuple[str, str]:
    """Split ``KEY=VALUE``; a missing key, '=' or value is an error naming the expected form."""
    key, sep, value = text.partition("=")
    key, value = key.strip(), value.strip()
    if not sep or not key or not value:
        raise ParameterError(f"{where} {text!r} is malformed: expected KEY=VALUE, e.g. alpha=0.1")
    return key, value


def parse_params(act: Activation, assignments: Iterable[str], where: str = "parameter") -> dict[str, Value]:
    """``["alpha=0.1", ...]`` -> validated values for ``act`` (defaults are not filled in)."""
    params: dict[str, Value] = {}
    for text in assignments:
        key, value = parse_assignment(text, where)
        if key in params:
            raise ParameterError(f"{where} {key!r} is given twice")
        params[key] = act.param(key).parse(value)
    act.resolve(params)  # relations between parameters (lower <= upper, ...)
    return params


_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")


def is_expression(text: str, registry: Registry = REGISTRY) -> bool:
    """Is the spec ``text`` an expression in x (not a registered name, and x with an operator or call)?"""
    if not isinstance(text, str):
        return False
    name, _, rest = text.partition(":")
    if _PLAIN_NAME.fullmatch(name) and not rest.startswith("="):
        return False  # a bare word (with its :k=v) is a name: the expressions package (~15 ms) is not needed
    from .expressions import looks_like_expression

    return isinstance(text, str) and looks_like_expression(text) and text.partition(":")[0] not in registry


def select_expression(text: str, params: Mapping[str, Any] | None = None) -> Bound:
    """``EXPRESSION[:KEY=VALUE,...]`` with keyword parameters -> the bound activation; every
    parameter of the expression needs a value (in the spec or as a keyword), and none twice."""
    from .expressions import compile_expression, missing_message, split_spec

    expression, rest = split_spec(text)
    act = compile_expression(expression)
    given: dict[str, Any] = {}
    if rest is not None:
        if not rest.strip():
            raise ParameterError(f"{text!r} is malformed: expected EXPRESSION:KEY=VALUE[,KEY=VALUE...], "
                                 "e.g. x*sigmoid(b*x):b=1.702")
        for item in rest.split(","):
            key, value = parse_assignment(item, where=f"in {text!r},")
            if key in given:
                raise ParameterError(f"in {text!r}, {key!r} is given twice")
            given[key] = act.param(key).parse(value)
    for key, value in (params or {}).items():
        act.param(key)  # an unknown parameter: the error names the valid ones
        if key in given:
            raise ParameterError(f"{key} is given twice (in {text!r} and as {key}=...)")
        given[key] = value
    missing = [p.name for p in act.params if p.name not in given]
    if missing:
        raise ParameterError(missing_message(act.label, missing))
    return act.bind(given)


def in_framework(act: Activation, framework: str | None) -> Activation:
    """``act`` as ``framework`` defines it (itself when ``framework`` is None); an expression, or a
    function the framework lacks, is an error naming what it does have."""
    if framework is None:
        return act
    from .presets import check_framework, preset

    key = check_framework(framework)
    if act.framework == key:
        return act
    if not act.framework and (act.name not in REGISTRY or REGISTRY[act.name] is not act):
        raise ActvizError(f"{act.name!r} is not in the catalogue, so no framework defines it: "
                          f"drop {opt('framework')}")
    return preset(act.origin, key)


def named(name: str, registry: Registry = REGISTRY, framework: str | None = None) -> Activation:
    """The activation NAME names; with ``framework``, that framework's definition of it, where NAME may
    also be one of the framework's own keys (transformers' ``gelu_new``, ``gelu_10``, ``swish``)."""
    if framework is not None:
        from .presets import check_framework, framework_key, preset

        key = check_framework(framework)
        if framework_key(name, key) is not None:
            return preset(name, key)
    return in_framework(registry[name], framework)


def parse_spec(text: str, registry: Registry = REGISTRY, framework: str | None = None) -> Bound:
    """``NAME[:KEY=VALUE[,KEY=VALUE...]]`` or ``EXPRESSION[:KEY=VALUE,...]`` -> the bound activation
    (``framework``: that framework's definition of NAME)."""
    if is_expression(text, registry):
        if framework is not None:
            raise ActvizError(f"{text!r} is an expression in x: no framework defines it; drop {opt('framework')}")
        return select_expression(text)
    name, sep, rest = text.partition(":")
    if not name.strip():
        raise ParameterError(f"empty activation name in {text!r}: expected NAME[:KEY=VALUE,...] (see 'actviz list')")
    act = named(name, registry, framework)
    if not sep:
        return act.bind()
    if not rest.strip() or ":" in rest:
        raise ParameterError(f"{text!r} is malformed: expected NAME:KEY=VALUE[,KEY=VALUE...], e.g. elu:alpha=0.5")
    return act.bind(parse_params(act, rest.split(","), where=f"in {text!r},"))


def lookup_name(text: str, registry: Registry = REGISTRY, framework: str | None = None) -> Activation:
    """The catalogue activation a NAME names (or the NAME of a ``NAME:KEY=VALUE`` spec); ``framework``:
    that framework's definition of it."""
    name = text.partition(":")[0]
    if not name.strip():
        raise ParameterError(f"the activation name is empty in {text!r}: give one such as relu (see 'actviz list')"
                             if text.strip() else "the activation name is empty: give one such as relu (see 'actviz list')")
    if framework is not None and is_expression(text, registry):
        raise ActvizError(f"{text!r} is an expression in x: no framework defines it; drop {opt('framework')}")
    return named(name, registry, framework)


def select(spec: Spec, /, params: Mapping[str, Any] | None = None, *, framework: str | None = None,
           **kwargs: Any) -> Bound:
    """One spec (name, ``"name:k=v"``, Activation or Bound) with extra keyword parameters -> Bound;
    ``framework``: that framework's definition (its defaults; parameters given stay as given).

    A parameter given both in the spec and as a keyword is an error (which one was meant?).
    """
    extra = {**(params or {}), **kwargs}
    if isinstance(spec, str) and is_expression(spec) and framework is None:
        return select_expression(spec, extra)
    if isinstance(spec, Bound):
        act = in_framework(spec.act, framework)
        base = spec if act is spec.act else act.bind(spec.non_defaults)
    elif isinstance(spec, Activation):
        base = in_framework(spec, framework).bind()
    elif isinstance(spec, str):
        base = parse_spec(spec, framework=framework)
    else:
        raise ParameterError(f"{spec!r} is not an activation: give a name such as 'relu', a spec such as "
                             "'elu:alpha=2', or an Activation")
    if not extra:
        return base
    given = set(base.non_defaults) if isinstance(spec, str) else set()
    for key in extra:
        base.act.param(key)  # an unknown parameter: the error names the valid ones
        if key in given:
            raise ParameterError(f"{key} is given twice (in {spec!r} and as {key}=...)")
    return base.bind(extra)


def family_members(family: str, registry: Registry = REGISTRY) -> list[Activation]:
    """The activations of ``family``; an unknown family is an error naming the valid ones."""
    return registry.family(family)


def select_many(specs: Sequence[Spec] = (), *, family: str | None = None, params: Mapping[str, Any] | None = None,
                registry: Registry = REGISTRY, framework: str | Sequence[str] | None = None) -> list[Bound]:
    """Several specs -> bound activations; none named: the whole catalogue (or ``family``).

    ``params`` (keyword parameters) apply to exactly one named activation. With ``family`` and
    specs, every spec must belong to that family. ``framework`` (one, or several as a list or
    ``"torch,keras"``): each spec as each framework defines it, spec by spec; with no specs, the
    functions the framework has.
    """
    members = family_members(family, registry) if family is not None else None
    params = dict(params or {})
    if params and len(specs) != 1:
        how = "none was named" if not specs else f"{len(specs)} were named"
        raise ParameterError(
            f"{opt('parameters')} ({', '.join(params)}) apply to exactly one activation, but {how}: e.g. 'elu' with alpha=2; "
            "for several, use NAME:KEY=VALUE specs such as 'elu:alpha=2 selu'"
        )
    keys: list[str | None] = [None]
    if framework is not None:
        from .presets import parse_frameworks

        keys = list(parse_frameworks(framework))
    if not specs:
        acts = members if members is not None else [registry[n] for n in registry.names()]
        if framework is None:
            return [act.bind() for act in acts]
        from .frameworks import DEFINITIONS

        found = [select(act, framework=key) for act in acts for key in keys if act.name in DEFINITIONS[key]]
        if not found:
            raise ActvizError(f"{' and '.join(k for k in keys if k)} define{'s' if len(keys) == 1 else ''} none of "
                              f"the {family} family; drop {opt('family')} or {opt('framework')}")
        return found
    bounds = [select(spec, params if i == 0 else None, framework=key) for i, spec in enumerate(specs) for key in keys]
    if members is not None:
        names = [a.name for a in members]
        outside = [b.name for b in bounds if b.act.origin not in names]
        if outside:
            raise ActvizError(f"{', '.join(dict.fromkeys(outside))} not in family {family!r}; "
                              f"its members: {', '.join(names)}")
    return bounds
