"""What the user names -> bound activations: names, ``"name:key=value,..."`` specs, expressions, families.

The one selector of actviz: the Python API and every command use it, so a spec means the same
thing everywhere. A *spec* is a name or alias, a ``NAME:KEY=VALUE[,KEY=VALUE...]`` string, an
expression in x (``"x*sigmoid(b*x):b=1.702"``, see :mod:`actviz.expressions`), an
:class:`~actviz.spec.Activation` or a :class:`~actviz.spec.Bound`; keyword parameters are merged
into a single spec (``select("elu", alpha=2)``), and are an error when several are named.
Nothing here knows about command-line flags.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Union

from .catalog import REGISTRY
from .errors import ActvizError, ParameterError
from .errors import option as opt
from .registry import Registry
from .spec import Activation, Bound, Value

__all__ = ["Spec", "parse_assignment", "parse_params", "parse_spec", "lookup_name", "select", "select_many",
           "family_members", "is_expression", "select_expression"]

Spec = Union[str, Activation, Bound]


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


def is_expression(text: str, registry: Registry = REGISTRY) -> bool:
    """Is the spec ``text`` an expression in x (not a registered name, and x with an operator or call)?"""
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


def parse_spec(text: str, registry: Registry = REGISTRY) -> Bound:
    """``NAME[:KEY=VALUE[,KEY=VALUE...]]`` or ``EXPRESSION[:KEY=VALUE,...]`` -> the bound activation."""
    if is_expression(text, registry):
        return select_expression(text)
    name, sep, rest = text.partition(":")
    if not name.strip():
        raise ParameterError(f"empty activation name in {text!r}: expected NAME[:KEY=VALUE,...] (see 'actviz list')")
    act = registry[name]
    if not sep:
        return act.bind()
    if not rest.strip() or ":" in rest:
        raise ParameterError(f"{text!r} is malformed: expected NAME:KEY=VALUE[,KEY=VALUE...], e.g. elu:alpha=0.5")
    return act.bind(parse_params(act, rest.split(","), where=f"in {text!r},"))


def lookup_name(text: str, registry: Registry = REGISTRY) -> Activation:
    """The catalogue activation a NAME names (or the NAME of a ``NAME:KEY=VALUE`` spec)."""
    name = text.partition(":")[0]
    if not name.strip():
        raise ParameterError(f"the activation name is empty in {text!r}: give one such as relu (see 'actviz list')"
                             if text.strip() else "the activation name is empty: give one such as relu (see 'actviz list')")
    return registry[name]


def select(spec: Spec, /, params: Mapping[str, Any] | None = None, **kwargs: Any) -> Bound:
    """One spec (name, ``"name:k=v"``, Activation or Bound) with extra keyword parameters -> Bound.

    A parameter given both in the spec and as a keyword is an error (which one was meant?).
    """
    extra = {**(params or {}), **kwargs}
    if isinstance(spec, str) and is_expression(spec):
        return select_expression(spec, extra)
    if isinstance(spec, Bound):
        base = spec
    elif isinstance(spec, Activation):
        base = spec.bind()
    elif isinstance(spec, str):
        base = parse_spec(spec)
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
                registry: Registry = REGISTRY) -> list[Bound]:
    """Several specs -> bound activations; none named: the whole catalogue (or ``family``).

    ``params`` (keyword parameters) apply to exactly one named activation. With ``family`` and
    specs, every spec must belong to that family.
    """
    members = family_members(family, registry) if family is not None else None
    params = dict(params or {})
    if params and len(specs) != 1:
        how = "none was named" if not specs else f"{len(specs)} were named"
        raise ParameterError(
            f"{opt('parameters')} ({', '.join(params)}) apply to exactly one activation, but {how}: e.g. 'elu' with alpha=2; "
            "for several, use NAME:KEY=VALUE specs such as 'elu:alpha=2 selu'"
        )
    if not specs:
        acts = members if members is not None else [registry[n] for n in registry.names()]
        return [act.bind() for act in acts]
    bounds = [select(specs[0], params)] + [select(s) for s in specs[1:]]
    if members is not None:
        names = [a.name for a in members]
        outside = [b.name for b in bounds if b.name not in names]
        if outside:
            raise ActvizError(f"{', '.join(dict.fromkeys(outside))} not in family {family!r}; "
                              f"its members: {', '.join(names)}")
    return bounds
