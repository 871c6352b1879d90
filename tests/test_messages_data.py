"""The message catalogue's JSON files (actviz/messages/*.json): in their one canonical form, so that hand
edits stay tidy (``python -m actviz.messages.data`` rewrites them), shipped in the wheel, and a malformed
file fails loudly."""

from __future__ import annotations

import ast
import json
import shutil
import sys
from pathlib import Path

import pytest

from actviz import messages
from actviz.messages import data


def test_every_file_is_in_canonical_form():
    untidy = data.untidy()
    assert untidy == [], f"not in canonical form: {', '.join(f'{n}.json' for n in untidy)} " \
                         f"(run {data.COMMAND} to reformat them)"


def test_the_files_hold_the_tables_merged_in_order():
    tables = {name: data.load(name) for name in data.FILES}
    assert {name: list(t) for name, t in tables.items()} == {
        "ui": ["messages"], "frameworks": ["messages", "translations"], "activations": ["chinese_names", "translations"]}
    assert list(messages.MESSAGES) == [k for name in ("ui", "frameworks") for s in tables[name]["messages"]
                                       for k in s["entries"]]
    assert list(messages.TRANSLATIONS) == [k for name in ("activations", "frameworks")
                                           for s in tables[name]["translations"] for k in s["entries"]]
    assert all(type(v) is tuple for v in (*messages.MESSAGES.values(), *messages.TRANSLATIONS.values()))
    assert messages.CHINESE_NAMES["relu"] == "修正线性单元"
    assert all(s["title"] for t in tables.values() for sections in t.values() for s in sections)


def test_canonical_form_one_entry_a_line_and_text_as_it_reads():
    text = Path(data.path("ui")).read_text(encoding="utf-8")
    assert '        "word.yes": ["yes", "是"],\n' in text
    assert '"train.of": ["{dead}\\u00a0of\\u00a0{units}", "{dead}/{units}"]' in text  # invisible: escaped
    tables = {"messages": [{"title": "t", "note": "n", "entries": {"a": ["x", "y"]}}, {"title": "u", "entries": {}}]}
    assert data.dumps(tables) == (
        '{\n  "messages": [\n    {\n      "title": "t",\n      "note": "n",\n      "entries": {\n'
        '        "a": ["x", "y"]\n      }\n    },\n    {\n      "title": "u",\n      "entries": {}\n    }\n  ]\n}\n')
    assert json.loads(data.dumps(tables)) == tables


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A copy of the files, which data reads and writes instead."""
    for name in data.FILES:
        shutil.copy(data.path(name), tmp_path)
    monkeypatch.setattr(data, "FOLDER", str(tmp_path))
    return tmp_path


def test_a_hand_edit_out_of_form_is_found_and_reformatted(folder, capsys):
    file = folder / "frameworks.json"
    tidy = file.read_text(encoding="utf-8")
    file.write_text(tidy.replace('"frameworks.kind.switch": ["switch", "切换"]',
                                 '"frameworks.kind.switch" :[ "switch",\n"切换" ]'), encoding="utf-8")
    assert data.untidy() == ["frameworks"]
    assert data.main(["--check"]) == 1
    assert f"run {data.COMMAND}" in capsys.readouterr().out
    assert data.main([]) == 0
    assert file.read_text(encoding="utf-8") == tidy and data.untidy() == []
    assert data.main(["--wrong"]) == 2


def test_a_malformed_file_fails_loudly(folder):
    file = folder / "ui.json"
    tidy = file.read_text(encoding="utf-8")
    file.write_text(tidy.replace('"word.no": ["no", "否"]', '"word.yes": ["no", "否"]'), encoding="utf-8")
    with pytest.raises(ValueError, match=r"ui\.json: the key 'word.yes' is given twice"):
        data.load("ui")
    file.write_text(tidy.replace('"word.no": ["no", "否"],', '"word.no": ["no", "否"]'), encoding="utf-8")  # no comma
    with pytest.raises(ValueError, match=r"ui\.json: Expecting"):
        data.load("ui")
    with pytest.raises(ValueError, match="given in two sections"):
        data.merged([{"title": "a", "entries": {"x": ["1", "2"]}}], [{"title": "b", "entries": {"x": ["1", "2"]}}])
    for bad in ({"messages": [{"title": "a", "entries": {"x": ["only English"]}}]},
                {"messages": [{"entries": {}}]}, {"words": []}, {"chinese_names": [{"title": "a", "entries": {"x": 1}}]}):
        with pytest.raises(ValueError):
            data.dumps(bad)


def test_the_files_are_packaged():
    pyproject = (Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '"actviz.messages" = ["*.json"]' in pyproject


def test_the_messages_import_the_stdlib_only():
    """Every module imports actviz.messages: it reads its files with json, nothing more."""
    for file in Path(data.FOLDER).glob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue
            assert all(n.split(".")[0] in sys.stdlib_module_names for n in names), f"{file.name}: {names}"
