"""The files that hold the messages (``ui.json``, ``frameworks.json``, ``activations.json`` beside this
module) and their one canonical form.

A file is an object of tables (``messages``: id -> [English, Chinese]; ``translations``: id ->
[checksum of the English, Chinese]; ``chinese_names``: activation name -> Chinese name), each table a
list of sections ``{"title": ..., "note": ... (optional), "entries": {id: value, ...}}``, merged in
file and section order (README.md beside this file says what goes where).

``python -m actviz.messages.data`` rewrites every file in canonical form: two-space indents, one entry a
line, text as it reads (UTF-8) but for invisible characters (a no-break space: ``\\u00a0``); ``--check``
only lists those that are not in it (a test does the same). stdlib only.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

#: the files, in the order their tables are merged
FILES = ("ui", "frameworks", "activations")
FOLDER = os.path.dirname(os.path.abspath(__file__))
#: the keys of a section, in their canonical order ("note" optional)
SECTION = ("title", "note", "entries")
#: each table's entries: the number of texts of a value (0: a single text)
TABLES = {"messages": 2, "translations": 2, "chinese_names": 0}
COMMAND = "python -m actviz.messages.data"


def path(name: str) -> str:
    return os.path.join(FOLDER, f"{name}.json")


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        keys = [k for k, _ in pairs]
        raise ValueError(f"the key {next(k for k in keys if keys.count(k) > 1)!r} is given twice in one object")
    return out


def load(name: str) -> dict[str, list[dict[str, Any]]]:
    """The tables of file ``name`` as written (a key given twice in an object is an error)."""
    file = path(name)
    try:
        with open(file, encoding="utf-8") as f:
            return json.load(f, object_pairs_hook=_unique)
    except ValueError as e:
        raise ValueError(f"{file}: {e}") from e


def merged(*sections: list[dict[str, Any]]) -> dict[str, Any]:
    """The entries of every section of one table (or of several files' tables), in order; an id given in
    two sections is an error. A pair of texts becomes a tuple."""
    out: dict[str, Any] = {}
    count = 0
    for part in sections:
        for section in part:
            entries = section["entries"]
            count += len(entries)
            out.update({k: tuple(v) if isinstance(v, list) else v for k, v in entries.items()})
    if len(out) != count:
        ids = [k for part in sections for section in part for k in section["entries"]]
        raise ValueError(f"ids given in two sections: {sorted({k for k in ids if ids.count(k) > 1})}")
    return out


def _check(tables: Any) -> None:
    """ValueError unless ``tables`` has the shape of a file (see the module's docstring)."""
    if not isinstance(tables, dict) or not tables or set(tables) - set(TABLES):
        raise ValueError(f"a file is an object of tables, some of {', '.join(TABLES)}")
    for table, sections in tables.items():
        texts = TABLES[table]
        if not isinstance(sections, list):
            raise ValueError(f"{table}: a list of sections")
        for section in sections:
            if not isinstance(section, dict) or {"title", "entries"} - set(section) or set(section) - set(SECTION) \
                    or not all(isinstance(section.get(k, ""), str) for k in ("title", "note")) \
                    or not isinstance(section["entries"], dict):
                raise ValueError(f"{table}: a section is {{\"title\": text, \"note\": text (optional), "
                                 f"\"entries\": {{...}}}}, not {str(section)[:80]}")
            for key, value in section["entries"].items():
                ok = isinstance(value, str) if not texts else \
                    isinstance(value, (list, tuple)) and len(value) == texts and all(isinstance(v, str) for v in value)
                if not ok:
                    raise ValueError(f"{table}: {key}: " + ("a text" if not texts else f"a list of {texts} texts"))
    merged(*tables.values())  # no id twice in a table


def _text(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else json.dumps(c)[1:-1] for c in text)


def _value(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_text(v) for v in value) + "]"
    return _text(value)


def dumps(tables: dict[str, list[dict[str, Any]]]) -> str:
    """The canonical text of a file holding ``tables`` (checked first: ValueError if malformed)."""
    _check(tables)
    lines = ["{"]
    for i, (table, sections) in enumerate(tables.items()):
        lines.append(f"  {_text(table)}: [")
        for j, section in enumerate(sections):
            lines.append("    {")
            lines += [f"      {_text(k)}: {_text(section[k])}," for k in SECTION[:-1] if k in section]
            entries = list(section["entries"].items())
            lines.append('      "entries": {' + ("" if entries else "}"))
            lines += [f"        {_text(k)}: {_value(v)}" + ("," if n < len(entries) - 1 else "")
                      for n, (k, v) in enumerate(entries)]
            if entries:
                lines.append("      }")
            lines.append("    }" + ("," if j < len(sections) - 1 else ""))
        lines.append("  ]" + ("," if i < len(tables) - 1 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def dump(name: str, tables: dict[str, list[dict[str, Any]]]) -> None:
    """Write file ``name`` holding ``tables`` in canonical form: the one writer of these files."""
    text = dumps(tables)
    with open(path(name), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def untidy() -> list[str]:
    """The files not in canonical form (their content unchanged, :func:`dump` would rewrite them)."""
    out = []
    for name in FILES:
        with open(path(name), encoding="utf-8", newline="") as f:
            text = f.read()
        if text != dumps(load(name)):
            out.append(name)
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args not in ([], ["--check"]):
        print(f"usage: {COMMAND} [--check]", file=sys.stderr)
        return 2
    if args:
        names = untidy()
        for name in names:
            print(f"{path(name)} is not in canonical form: run {COMMAND}")
        return 1 if names else 0
    for name in FILES:
        dump(name, load(name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
