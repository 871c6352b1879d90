"""Framework presets: an activation as PyTorch, Keras, JAX or TensorFlow define it, and where they differ.

``preset("gelu", "jax")`` is an :class:`~actviz.spec.Activation` like any other (it plots, tabulates
and analyses the same way) carrying that framework's defaults, approximations, numerical switches,
convention at the kinks and name (``jax.gelu``, titled "JAX GELU"). A parameter the framework does not
have is fixed at the value its definition implies and not offered. :func:`compare` lists, for one
function, each framework's definition and every disagreement between them. The facts come from
:mod:`actviz.frameworks`; :mod:`actviz.selection` is the one place that applies them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import numpy as np

from .catalog import REGISTRY
from .errors import ActvizError
from .errors import option as opt
from .frameworks import CHECKED, DEFINITIONS, FRAMEWORKS, KEYS, NEAREST, Definition
from .messages import language
from .spec import Activation, Bound, Value

__all__ = ["FrameworkError", "preset", "check_framework", "parse_frameworks", "one_framework", "definition",
           "compare", "Comparison", "KINDS", "preset_notes"]

#: the kinds of disagreement, in the order they are reported
KINDS = ("missing", "name", "value", "default", "approximation", "switch", "kink")


class FrameworkError(ActvizError):
    """An unknown framework, or a function the framework does not have."""


def check_framework(framework: str) -> str:
    """The framework's key (``torch``, ``keras``, ``jax``, ``tf``); anything else is an error naming them."""
    key = framework.strip().lower() if isinstance(framework, str) else framework
    aliases = {"pytorch": "torch", "tensorflow": "tf", "tf.nn": "tf", "jax.nn": "jax", "hf": "transformers",
               "huggingface": "transformers", "hugging_face": "transformers"}
    key = aliases.get(key, key)
    if key not in FRAMEWORKS:
        raise FrameworkError(f"unknown {opt('framework')} {framework!r}: valid frameworks are "
                             f"{', '.join(FRAMEWORKS)}")
    return key


def parse_frameworks(frameworks: str | Sequence[str] | None) -> list[str]:
    """``"torch,keras"`` or ``["torch", "keras"]`` -> checked keys, in order, each once."""
    if frameworks is None:
        return []
    items = frameworks.split(",") if isinstance(frameworks, str) else list(frameworks)
    keys = [check_framework(f) for f in items if not isinstance(f, str) or f.strip()]
    if not keys:
        raise FrameworkError(f"{opt('framework')} is empty: give one of {', '.join(FRAMEWORKS)}")
    return list(dict.fromkeys(keys))


def one_framework(frameworks: str | Sequence[str] | None, what: str) -> str | None:
    """The one framework ``what`` (a single-activation command or function) takes, or None; several
    are refused, pointing to compare, which overlays them."""
    if frameworks is None:
        return None
    keys = parse_frameworks(frameworks)
    if len(keys) > 1:
        raise FrameworkError(f"{what} takes one {opt('framework')}; to overlay several use compare: "
                             f"'actviz compare NAME --framework {','.join(keys)}'")
    return keys[0]


def framework_key(name: str, framework: str) -> Definition | None:
    """The definition a framework's own key selects (transformers' ``"gelu_new"``: the tanh GELU), or None
    where ``name`` is not one of its keys (then it is a catalogue name)."""
    keys = KEYS.get(check_framework(framework), {})
    return keys.get(name.strip().lower().replace("-", "_")) if isinstance(name, str) else None


def definition(name: str, framework: str) -> Definition:
    """The framework's definition of the catalogue activation ``name`` (or of the framework's own key,
    :data:`~actviz.frameworks.KEYS`), or an error naming the framework and the closest function it does have."""
    fw = check_framework(framework)
    keyed = framework_key(name, fw)
    if keyed is not None:
        return keyed
    act = REGISTRY[name]
    found = DEFINITIONS[fw].get(act.name)
    if found is None:
        keys = f" (its keys: {', '.join(KEYS[fw])})" if fw in KEYS else ""
        raise FrameworkError(f"{FRAMEWORKS[fw].title} ({FRAMEWORKS[fw].module}) has no {act.name}; "
                             f"the closest it has: {_nearest(act, fw)}{keys}")
    return found


def _nearest(act: Activation, fw: str) -> str:
    has = DEFINITIONS[fw]
    for candidate in NEAREST.get(act.name, ()):
        if candidate in has:
            return has[candidate].where
    for other in REGISTRY.family(act.family):
        if other.name in has:
            return has[other.name].where
    return has["relu"].where


def preset(name: str, framework: str) -> Activation:
    """The activation ``name`` as ``framework`` defines it (one object per definition, so analyses are
    shared); ``name`` may be one of the framework's own keys (transformers' ``gelu_new``)."""
    d = definition(name, framework)
    return _preset(d.framework, d.name, d.spelling)


@cache
def _preset(framework: str, name: str, spelling: str) -> Activation:
    d = KEYS.get(framework, {}).get(spelling) or DEFINITIONS[framework][name]
    act = REGISTRY[d.name]
    fw = FRAMEWORKS[d.framework]
    fixed = dict(d.fixed)
    defaults = {k: v for k, (_, v) in d.params.items() if v is not None}
    params = tuple(replace(p, default=defaults.get(p.name, p.default)) for p in act.params if p.name not in fixed)

    def lift(fact: Any) -> Any:
        return (lambda **p: fact(**p, **fixed)) if callable(fact) and fixed else fact

    def lift_fn(fn: Callable[..., np.ndarray]) -> Callable[..., np.ndarray]:
        return (lambda x, **p: fn(x, **p, **fixed)) if fixed else fn

    with language("en"):  # the Activation's own texts are English (preset_notes: in another language)
        notes = _framework_notes(d)
    return replace(
        act,
        name=f"{fw.key}.{d.spelling}",
        label=f"{fw.title} {d.spelling}" if d.text_name else f"{fw.title} {act.label}",
        params=params,
        fn=lift_fn(d.fn or act.fn),
        derivative_fn=lift_fn(d.derivative or act.derivative_fn),
        formula=lift(act.formula),
        derivative_formula=lift(act.derivative_formula),
        limits=lift(act.limits),
        derivative_limits=lift(act.derivative_limits),
        kinks=lift(act.kinks),
        joins=lift(act.joins),
        continuity=lift(act.continuity),
        check=None if act.check is None else (lambda **p: act.check(**p, **fixed)),  # type: ignore[misc]
        aliases=(act.name,),  # descriptive only: a preset is never registered
        notes=(*notes, *act.notes),
        framework=fw.key,
        base=act.name,
        fixed=tuple(fixed.items()),
    )


def _framework_notes(d: Definition) -> list[str]:
    """The notes a preset starts with, in the language in force: the framework's definition and the
    version checked, its convention at the kinks, a note."""
    from .messages import current, definition_text, msg
    from .text import capitalized

    fw = FRAMEWORKS[d.framework]
    notes = [msg("frameworks.definition_note", framework=fw.title, where=d.where + _signature(d), key=fw.key,
                 version=definition_text(fw.key, "", "checked", CHECKED[fw.key]))]
    if d.kink:
        notes.append(msg("frameworks.kink_note", framework=fw.title, kink=definition_text(fw.key, d.key, "kink", d.kink)))
    if d.note:
        note = definition_text(fw.key, d.key, "note", d.note)
        names = {p.name for p in REGISTRY[d.name].params} | {name for name, _ in d.params.values()}
        notes.append(msg("text.sentence", text=capitalized(note, names) if current() == "en" else note))
    return notes


def preset_notes(act: Activation) -> list[str]:
    """The notes of a preset (``act.framework`` set) in the language in force: its framework's, then those
    of the catalogue activation it is a version of (``act.notes``: the English)."""
    from .messages import activation_notes

    own = _framework_notes(definition_of(act))
    return [*own, *activation_notes(act.origin, act.notes[len(own):])]


def definition_of(act: Activation) -> Definition:
    """The framework definition a preset (``act.framework`` set) was made from."""
    spelling = act.name.partition(".")[2]
    keyed = KEYS.get(act.framework, {}).get(spelling)
    return keyed if keyed is not None else DEFINITIONS[act.framework][act.origin]


def _signature(d: Definition) -> str:
    """``(x, negative_slope=0.2)`` as the framework writes its parameters."""
    parts = []
    for name, (fw_name, default) in d.params.items():
        parts.append(fw_name if default is None else f"{fw_name}={_shown(d, name, default)}")
    return "(" + ", ".join(["x", *parts]) + ")"


def _shown(d: Definition, name: str, value: Value) -> str:
    from . import text

    return d.shown.get((name, value), text.spec_value(value))


# -- where the frameworks disagree -------------------------------------------------------------------------

#: the grid on which two definitions are compared (dense near 0, the switches at 20 and beyond)
_GRID = np.linspace(-30.0, 30.0, 6001)
_SAME = 1e-12  # values closer than this (relative to the size of f) are one definition


@dataclass(frozen=True)
class Comparison:
    """One function across the frameworks: each one's definition (None where it lacks the function)
    and the disagreements found, as (kind, text) pairs: ``kind`` one of :data:`KINDS` (a key, the same
    in every language), ``text`` in the comparison's ``lang``."""

    name: str
    definitions: Mapping[str, Definition | None]
    disagreements: tuple[tuple[str, str], ...]
    lang: str = "en"  #: the language of the texts ("en" or "zh")

    def signature(self, framework: str) -> str:
        """How the framework calls it: ``leaky_relu(x, negative_slope=0.2)``; '—' where it has none."""
        d = self.definitions[framework]
        return "—" if d is None else d.spelling + _signature(d)

    def in_language(self, lang: str) -> Comparison:
        """The same comparison with its texts in ``lang``."""
        with language(lang) as code:
            return self if code == self.lang else _comparison(self.name)

    def to_dict(self) -> dict[str, Any]:
        """As data (what ``--format json`` writes): English texts whatever the comparison's language."""
        english = self.in_language("en")
        return {
            "name": self.name,
            "frameworks": {fw: None if d is None else {
                "name": d.where, "signature": self.signature(fw), "defaults": _defaults(d),
                **({"kink_convention": d.kink} if d.kink else {}), **({"note": d.note} if d.note else {})}
                for fw, d in self.definitions.items()},
            "disagreements": [{"kind": k, "text": t} for k, t in english.disagreements],
        }


def _defaults(d: Definition) -> dict[str, Value]:
    """The values the framework's definition uses, in actviz's parameter names (fixed ones too)."""
    act = REGISTRY[d.name]
    given = {k: v for k, (_, v) in d.params.items()}
    out: dict[str, Value] = {}
    for p in act.params:
        v = d.fixed.get(p.name, given.get(p.name, p.default))
        out[p.name] = p.default if v is None else v
    return out


def compare(names: Iterable[str] = ()) -> list[Comparison]:
    """For each catalogue activation (default: every one some framework has), each framework's definition
    and where they disagree: a function one lacks (missing), another spelling (name), different values at the defaults (value),
    a default (default), an approximation (approximation), a numerical switch (switch), f′ at a kink (kink).
    The texts are in the language in force (see :mod:`actviz.messages`)."""
    wanted = [REGISTRY[n].name for n in names] or [
        n for n in REGISTRY.names() if any(n in DEFINITIONS[fw] for fw in FRAMEWORKS)]
    return [_comparison(name) for name in dict.fromkeys(wanted)]


def _comparison(name: str) -> Comparison:
    """Compare ``name`` across the frameworks, in the language in force (numbers by actviz.text)."""
    from . import text
    from .messages import current, definition_text, msg

    def grouped(groups: list[tuple[Any, list[str]]], shown: Callable[[Any, list[str]], str]) -> str:
        """``0.01 (torch, jax); 0.2 (keras, tf)``: notation, written as code is, the same in every language."""
        return "; ".join(f"{shown(v, fws)} ({', '.join(fws)})" for v, fws in groups)

    defs = {fw: DEFINITIONS[fw].get(name) for fw in FRAMEWORKS}
    have = [fw for fw, d in defs.items() if d is not None]
    out: list[tuple[str, str]] = []
    lacking = [fw for fw in FRAMEWORKS if defs[fw] is None]
    if have and lacking:
        out.append(("missing", msg("frameworks.missing", frameworks=msg("frameworks.list_sep").join(
            FRAMEWORKS[fw].title for fw in lacking))))
    spellings = _groups({fw: defs[fw].spelling for fw in have})  # type: ignore[union-attr]
    if len(spellings) > 1:
        out.append(("name", grouped(spellings, lambda s, _: s)))
    if len(have) >= 2:
        values = {fw: _defaults(defs[fw]) for fw in have}  # type: ignore[arg-type]
        act = REGISTRY[name]
        for p in act.params:
            groups = _groups({fw: values[fw][p.name] for fw in have})
            if len(groups) > 1:
                role = next((defs[fw].role.get(p.name) for fw in have if defs[fw].role.get(p.name)), "default")
                shown = grouped(groups, lambda v, fws, p=p: _shown(defs[fws[0]], p.name, v))  # type: ignore[arg-type]
                out.append((role, msg("frameworks.param", param=p.name, groups=shown)))
        bounds = {fw: preset(name, fw).bind() for fw in have}
        fx = {fw: _evaluate(b, b.act.fn) for fw, b in bounds.items()}
        groups = _groups({fw: fx[fw] for fw in have}, same=_close)
        if len(groups) > 1:
            worst = max(float(np.max(np.abs(a - b))) for (a, _), (b, _) in zip(groups, groups[1:]))
            out.append(("value", msg("frameworks.value", size=text.size(worst), lo=text.number(_GRID[0]),
                                     hi=text.number(_GRID[-1]), groups=" | ".join(", ".join(fws) for _, fws in groups))))
        kinks = sorted({k for b in bounds.values() for k in b.kinks()})
        if kinks:
            at = np.array(kinks)
            slopes = {fw: _at(b, at) for fw, b in bounds.items()}
            groups = _groups(slopes, same=lambda a, b: bool(np.array_equal(a, b)))
            if len(groups) > 1:
                shown = grouped(groups, lambda vals, _: ", ".join(_shown_value(v) for v in vals))
                out.append(("kink", msg("frameworks.kink", at=", ".join(text.number(k) for k in kinks), groups=shown)))
    for fw in have:
        d = defs[fw]
        if d.differs:  # type: ignore[union-attr]
            out.append(("value", msg("frameworks.differs", framework=FRAMEWORKS[fw].title,
                                     text=definition_text(fw, name, "differs", d.differs))))  # type: ignore[union-attr]
    order = {k: i for i, k in enumerate(KINDS)}
    return Comparison(name, defs, tuple(sorted(out, key=lambda item: order[item[0]])), current())


def _evaluate(bound: Bound, fn: Callable[..., np.ndarray]) -> np.ndarray:
    from .analysis import scalar_functions

    f, _ = scalar_functions(bound)
    with np.errstate(all="ignore"):
        return np.asarray(f(_GRID), dtype=float)


def _at(bound: Bound, x: np.ndarray) -> np.ndarray:
    from .analysis import scalar_functions

    _, df = scalar_functions(bound)
    with np.errstate(all="ignore"):
        return np.asarray(df(x), dtype=float)


def _close(a: np.ndarray, b: np.ndarray) -> bool:
    both = np.isfinite(a) & np.isfinite(b)
    if not np.array_equal(np.isfinite(a), np.isfinite(b)) or not np.array_equal(a[~both], b[~both]):
        return False
    scale = max(1.0, float(np.max(np.abs(a[both]), initial=0.0)))
    return bool(np.all(np.abs(a[both] - b[both]) <= _SAME * scale))


def _shown_value(v: float) -> str:
    """A framework's value for people: a float32 constant as the short decimal it was written as (TF's
    slope 0.20000000298023224 is 0.2, not 0.2000: the difference is a float32 rounding, named in the notes)."""
    from . import text

    v = float(v)
    if math.isfinite(v) and float(np.float32(v)) == v:
        short = np.format_float_positional(np.float32(v), trim="-")
        if len(short.lstrip("-").replace(".", "").lstrip("0")) <= 4:
            return text.number(float(short))
    return text.number(v)


def _groups(values: Mapping[str, Any], same: Callable[[Any, Any], bool] = lambda a, b: a == b
            ) -> list[tuple[Any, list[str]]]:
    """The frameworks grouped by equal values, in first-seen order: [(value, [fw, ...]), ...]."""
    groups: list[tuple[Any, list[str]]] = []
    for fw, v in values.items():
        for g in groups:
            if same(g[0], v):
                g[1].append(fw)
                break
        else:
            groups.append((v, [fw]))
    return groups
