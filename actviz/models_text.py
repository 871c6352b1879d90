"""What ``actviz resolve`` says: the activations a config selects, in words, with their look-alikes measured.

The outer ring of :mod:`actviz.models` (which holds the data and rules and says nothing): a
:class:`Resolved` per activation found, with its function bound, its formula, the warnings of the traps
that apply and its look-alikes with their :class:`~actviz.models.Distance`, in the language in force;
``to_dict()`` is the data ``--format json`` writes (English texts in every language). The errors of a
config (invalid JSON, no activation field, an unknown string) become one-line :class:`ActvizError`
messages naming the field and what would be valid.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ActvizError, closest
from .messages import current, language, msg
from .models import ConfigError, Distance, Found, distance, find, resolve_name
from .spec import Bound

__all__ = ["Resolved", "resolve", "read_config", "config_error", "is_config_path"]


@dataclass(frozen=True, repr=False)
class Resolved:
    """One activation a config (or a name) selects: what was found (:class:`~actviz.models.Found`), the
    function that runs (``bound``), its formula, the warnings, and (spec, bound, distance) per look-alike."""

    found: Found
    bound: Bound
    formula: str
    warnings: tuple[str, ...]
    lookalikes: tuple[tuple[str, Bound, Distance], ...]
    lang: str = "en"

    @property
    def name(self) -> str:
        return self.found.path or self.found.value

    def __repr__(self) -> str:
        where = f"{self.found.path} = {self.found.value!r}" if self.found.path else repr(self.found.value)
        return f"<Resolved {where}: runs {self.found.spec}{', gated' if self.found.gated else ''}>"

    def in_language(self, lang: str) -> Resolved:
        with language(lang) as code:
            return self if code == self.lang else _describe(self.found, self.lookalikes)

    def to_dict(self) -> dict[str, Any]:
        """What ``--format json`` writes: path, value, spec, gated, formula, warnings, lookalikes (English)."""
        en = self.in_language("en")
        f = self.found
        out: dict[str, Any] = {"path": f.path or None, "value": f.value, "spec": f.spec, "gated": f.gated,
                               "formula": en.formula, "warnings": list(en.warnings),
                               "lookalikes": [{"name": spec, **d.to_dict()} for spec, _, d in self.lookalikes]}
        out["field"] = f.field or None
        out["model_type"] = f.model_type
        out["transformers_key"] = f.key or None
        if f.two_input:
            out["two_input"] = f.two_input
        if f.frameworks:
            out["frameworks"] = dict(f.frameworks)
        return out


def is_config_path(target: str) -> bool:
    """Is ``target`` meant as a file (it exists, or it names a .json file or a path) rather than a name?"""
    p = Path(target)
    return p.exists() or target.lower().endswith(".json") or "/" in target or "\\" in target


def read_config(path: str) -> Any:
    """The parsed JSON of ``path``; a missing, unreadable or invalid file is a one-line :class:`ActvizError`."""
    p = Path(path)
    if not p.is_file():
        raise ActvizError(f"no such config file: {path!r}; give a model's config.json or an activation name "
                          "such as gelu_new")
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ActvizError(f"cannot read {path!r} as UTF-8 text ({type(exc).__name__}); give a model's "
                          "config.json") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ActvizError(f"{path!r} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}; "
                          "give a model's config.json") from None


def config_error(exc: ConfigError, where: str) -> ActvizError:
    """A :class:`~actviz.models.ConfigError` as one line naming the field and what would be valid."""
    if exc.kind == "not_object":
        return ActvizError(f"{where} is not a config: its JSON is not an object ({{...}}); give a model's config.json")
    if exc.kind == "no_field":
        return ActvizError(f"{where} sets no activation: none of the fields {', '.join(exc.known)} is in it "
                           "(nested configs such as text_config included)")
    if exc.kind == "unknown_name":
        near = closest(exc.value, exc.known)
        hint = f"did you mean {_quoted(near)}?" if near else "see 'actviz list' and 'actviz frameworks'"
        return ActvizError(f"unknown activation {exc.value!r}: {hint}")
    near = closest(exc.value, exc.known)
    hint = f"did you mean {_quoted(near)}? " if near else ""
    value = exc.value if exc.kind == "not_string" else repr(exc.value)
    return ActvizError(f"{where}: {exc.field} = {value} is not an activation transformers knows; {hint}"
                       f"its keys: {', '.join(exc.known)}")


def _quoted(words: list[str]) -> str:
    quoted = [repr(w) for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def resolve(target: str) -> list[Resolved]:
    """A config file's activations, or a bare name's, as :class:`Resolved` records (texts in the language in
    force); errors as one-line :class:`ActvizError` messages."""
    if is_config_path(target):
        config = read_config(target)
        try:
            found = find(config)
        except ConfigError as exc:
            raise config_error(exc, target) from None
    else:
        try:
            found = [resolve_name(target)]
        except ConfigError as exc:
            raise config_error(exc, target) from None
    return [_describe(f) for f in found]


def _describe(found: Found, measured: tuple[tuple[str, Bound, Distance], ...] | None = None) -> Resolved:
    from .selection import select
    from .text import plain_formula

    bound = select(found.spec)
    if measured is None:
        measured = tuple((spec, b, distance(bound, b)) for spec in found.lookalikes for b in [select(spec)])
    warnings = [msg(f"resolve.trap.{t}") for t in found.traps]
    if found.key == "gelu_fast":
        warnings.append(msg("resolve.gelu_fast"))
    if found.path and found.gated is None:
        warnings.append(msg("resolve.gated_unknown", model_type=found.model_type or "?"))
    formula = plain_formula(bound.act.formula_at(**bound.params))
    return Resolved(found, bound, formula, tuple(warnings), measured, current())
