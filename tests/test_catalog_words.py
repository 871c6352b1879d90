"""words.json, the words of the catalogue: one record per activation, complete, in canonical form.

Each failure says what to do. The file is rewritten in canonical form by its one writer::

    python -c "from actviz.catalog import words; words.dump(words.records(), words.PATH)"
"""

from __future__ import annotations

import json

import pytest

from actviz.catalog import REGISTRY, words
from actviz.catalog.family import member

ALL = REGISTRY.names()
REWRITE = 'python -c "from actviz.catalog import words; words.dump(words.records(), words.PATH)"'
FILE = "actviz/catalog/words.json"


def _records():
    return json.loads(words.PATH.read_text(encoding="utf-8"))


def test_every_activation_has_a_record_and_every_record_an_activation():
    records = _records()
    missing = [name for name in ALL if name not in records]
    assert not missing, f"add a record to {FILE} for each of {missing} (fields: {', '.join(words.FIELDS)})"
    orphans = [name for name in records if name not in REGISTRY]
    assert not orphans, (f"{FILE} has records for no activation: {orphans}; remove them, or rename them to "
                         "the activation's canonical name")


def test_records_are_in_catalogue_order():
    order = [name for name in _records() if name in ALL]
    for i, (got, want) in enumerate(zip(order, ALL)):
        assert got == want, (f"{FILE}: record {i} is {got!r}, the catalogue has {want!r} there; move the records "
                             "into catalogue order (that of the family modules' ACTIVATIONS, as REGISTRY lists them)")


@pytest.mark.parametrize("name", ALL)
def test_every_record_is_complete(name):
    record = _records().get(name, {})
    act = REGISTRY[name]
    for field in words.FIELDS:
        if field in words.FORMULAS and callable(getattr(act, field)):
            assert field not in record, (f"{FILE}: {name}'s {field} is a callable in its Python entry; remove "
                                         f"{field} from its record")
            continue
        value = record.get(field)
        assert value, f"{FILE}: {name}'s record has no {field} (or it is empty): write it"
        if field == "notes":
            assert isinstance(value, list) and all(isinstance(n, str) and n.strip() for n in value), \
                f"{FILE}: {name}'s notes must be a list of non-empty strings"
        else:
            assert isinstance(value, str) and value.strip(), f"{FILE}: {name}'s {field} must be a non-empty string"
    unknown = sorted(set(record) - set(words.FIELDS))
    assert not unknown, f"{FILE}: {name}'s record has unknown fields {unknown}; valid: {', '.join(words.FIELDS)}"


def test_the_file_is_in_canonical_form():
    text = words.PATH.read_text(encoding="utf-8")
    assert text == words.canonical(json.loads(text)), f"{FILE} is not in canonical form; rewrite it: {REWRITE}"


def test_the_registry_says_what_the_file_says():
    records = _records()
    for name in ALL:
        act = REGISTRY[name]
        for field, value in records[name].items():
            assert getattr(act, field) == (tuple(value) if field == "notes" else value), (name, field)


def test_dump_writes_the_canonical_form(tmp_path):
    path = tmp_path / "words.json"
    record = {"reference": "—", "notes": ["α"], "label": "X", "summary": "s", "formula": "f", "derivative_formula": "d"}
    words.dump({"x": record}, path)
    text = path.read_text(encoding="utf-8")
    assert text == words.canonical({"x": record})
    assert list(json.loads(text)["x"]) == list(words.FIELDS)
    assert "—" in text and "α" in text and text.endswith("}\n")
    assert '    "notes": [\n      "α"\n    ],\n' in text


def test_an_entry_without_a_record_is_an_error_naming_it_and_the_file():
    make = member("linear")
    with pytest.raises(words.WordsError, match=r"'no_such_unit' has no record in .*words\.json"):
        make(name="no_such_unit", fn=lambda x: x, derivative_fn=lambda x: x)


def test_a_formula_given_twice_is_an_error(monkeypatch):
    record = {"label": "X", "summary": "s", "formula": "f", "derivative_formula": "d", "notes": ["n"],
              "reference": "r"}
    monkeypatch.setattr(words, "records", lambda: {"x": record})
    make = member("linear")
    with pytest.raises(words.WordsError, match="formula is given both"):
        make(name="x", formula=lambda: "f", fn=lambda x: x, derivative_fn=lambda x: x)
    missing = {k: v for k, v in record.items() if k != "formula"}
    monkeypatch.setattr(words, "records", lambda: {"x": missing})
    with pytest.raises(words.WordsError, match="'x' has no formula in .*words.json"):
        make(name="x", fn=lambda x: x, derivative_fn=lambda x: x)
    monkeypatch.setattr(words, "records", lambda: {"x": record})
    act = make(name="x", fn=lambda x: x, derivative_fn=lambda x: x)
    assert (act.label, act.notes, act.family) == ("X", ("n",), "linear")
