"""The words of the catalogue, kept as data: ``words.json``, one record per activation.

A record holds an activation's ``label``, ``summary``, ``formula`` and ``derivative_formula`` (mathtext,
without ``$``), ``notes`` (a list) and ``reference``, keyed by its name, in catalogue order. A formula
that is a callable of the parameters stays in the Python entry, and its record then has none.
:func:`~actviz.catalog.family.member` fills the record in when it makes the activation.

The file is read once, with the standard library's json. :func:`dump` is its one writer (the
canonical form that ``tests/test_catalog_words.py`` checks); after editing the file by hand::

    python -c "from actviz.catalog import words; words.dump(words.records(), words.PATH)"
"""

from __future__ import annotations

import functools
import json
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

__all__ = ["PATH", "FIELDS", "FORMULAS", "WordsError", "records", "of", "canonical", "dump"]

PATH = Path(__file__).with_name("words.json")

#: a record's fields, in the order the file lists them
FIELDS = ("label", "summary", "formula", "derivative_formula", "notes", "reference")
#: the fields a Python entry may give instead, as callables of the parameters
FORMULAS = ("formula", "derivative_formula")


class WordsError(LookupError):
    """words.json and the Python entries of the catalogue do not fit together (a contributor's slip)."""


@functools.cache
def records() -> dict[str, dict[str, Any]]:
    """Every record of words.json, by activation name, in the file's order."""
    with PATH.open(encoding="utf-8") as f:
        return json.load(f)


def of(name: str, given: Collection[str] = ()) -> dict[str, Any]:
    """The words of activation ``name`` as :class:`~actviz.spec.Activation` takes them (notes a tuple);
    ``given``: the keywords its Python entry gives (it may give the formulas, as callables)."""
    record = records().get(name)
    if record is None:
        raise WordsError(f"activation {name!r} has no record in {PATH}: add one, in catalogue order, with "
                         f"{', '.join(f for f in FIELDS if f not in given)}")
    for field in FIELDS:
        if field in record and field in given:
            raise WordsError(f"{name}: {field} is given both in its Python entry and in {PATH}; keep one "
                             "(plain text in the file, a callable of the parameters in Python)")
        if field not in record and field not in given:
            raise WordsError(f"activation {name!r} has no {field} in {PATH}: add it to its record")
    return {field: tuple(value) if field == "notes" else value for field, value in record.items()}


def canonical(words: Mapping[str, Mapping[str, Any]]) -> str:
    """The text of words.json holding ``words``: records in the order given, fields in :data:`FIELDS`
    order (unknown fields after them), indent 2, UTF-8 as is, a newline at the end."""
    ordered = {name: {**{f: record[f] for f in FIELDS if f in record}, **record} for name, record in words.items()}
    return json.dumps(ordered, ensure_ascii=False, indent=2) + "\n"


def dump(words: Mapping[str, Mapping[str, Any]], path: Path | str = PATH) -> None:
    """Write ``words`` to ``path`` in the canonical form (:func:`canonical`)."""
    Path(path).write_text(canonical(words), encoding="utf-8")
    if Path(path).resolve() == PATH.resolve():
        records.cache_clear()
