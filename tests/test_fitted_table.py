"""FittedTable draws its lines itself (no rich.table import, ~5 ms less for 61 rows): the reference is
rich's own Table with the same box, padding and widths, which it must match byte for byte: characters,
colours and the ASCII box rich substitutes where the output cannot hold the rule."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from rich import box
from rich.console import Console, Group
from rich.table import Table

import actviz
from actviz import selection
from actviz.messages import language
from actviz.terminal import FittedTable, ascii_renderable, frameworks_table, list_table, properties_table


class _Out(io.StringIO):
    encoding = "utf-8"


def rich_reference(t: FittedTable, console: Console, options) -> list:
    """What FittedTable drew with rich's Table before (the reference)."""
    out: list = []
    for n, (cols, widths) in enumerate(t.groups(console, options)):
        if n:
            out.append(actviz.terminal.Text(""))
        table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, expand=False)
        for i, w in zip(cols, widths):
            table.add_column(t.headers[i], width=w, overflow="fold", style=t.column_style[i])
        for row, section in zip(t.rows, t.sections):
            if section:
                table.add_section()
            cells = [row[i] for i in cols]
            for i, cell in zip(cols, cells):
                if t.no_wrap[i]:
                    cell.no_wrap = True
            table.add_row(*cells)
        out.append(table)
    out += [actviz.terminal.Text(note) for note in t.notes]
    return out


def printed(renderables, width, color, encoding):
    buf = _Out()
    buf.encoding = encoding
    console = Console(file=buf, width=width, color_system="truecolor" if color else None, force_terminal=color,
                      legacy_windows=False)
    console.print(Group(*renderables(console)))  # one renderable, as FittedTable is
    return buf.getvalue()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("kind", ["properties", "few columns", "list", "frameworks"])
@pytest.mark.parametrize("width", [30, 80, 200])
@pytest.mark.parametrize(("color", "encoding"), [(False, "utf-8"), (True, "utf-8"), (True, "ascii")])
def test_the_same_bytes_as_richs_table(lang, kind, width, color, encoding):
    with language(lang):
        if kind == "list":
            def make():
                return list_table([actviz.get(n) for n in actviz.names()])
        elif kind == "frameworks":
            comparisons = actviz.compare_frameworks("relu", "leaky_relu", "gelu", "softplus", "hardtanh")

            def make():
                return frameworks_table(comparisons)
        else:
            rows = [b.properties() for b in selection.select_many(
                [] if kind == "properties" else ["relu", "threshold", "hardshrink", "softmax", "elu:alpha=2"])]
            columns = None if kind == "properties" else ["name", "formula", "range", "derivative_range", "saturation",
                                                         "zero_centred", "dead_zone", "continuity", "symmetry"]

            def make():
                return properties_table(rows, columns, width=width)

        def spelled(t):
            return ascii_renderable(t, "ascii") if encoding == "ascii" else t

        ours = printed(lambda c: [spelled(make())], width, color, encoding)
        theirs = printed(lambda c: rich_reference(spelled(make()), c, c.options), width, color, encoding)
    assert ours == theirs


def test_the_consoles_no_wrap_does_not_cut_cells():
    """rich's Table wraps its cells whatever the console's no_wrap or soft_wrap says; so does FittedTable."""
    acts = [actviz.get("relu"), actviz.get("gelu")]
    for kwargs in ({"soft_wrap": True}, {"no_wrap": True}):
        buf = _Out()
        console = Console(file=buf, width=60, color_system=None, soft_wrap=kwargs.get("soft_wrap", False))
        console.print(list_table(acts), no_wrap=kwargs.get("no_wrap"))
        shown = buf.getvalue()
        assert "it becomes a leaky ReLU." in shown and "is to be kept." in shown, shown  # the summaries' ends


@pytest.mark.parametrize("width", [40, 50, 60, 80, 100, 120, 160])
def test_chinese_words_in_a_table_are_never_split(width):
    """A column that must not break words keeps 递增 and 以零为中心 whole, as rich measures words."""
    whole = actviz.table(width=250, lang="zh")
    shown = actviz.table(width=width, lang="zh")
    for word in ("递增", "以零为中心", "左侧（硬）", "双侧（软）"):
        assert shown.count(word) == whole.count(word) > 0, (word, width)


def test_a_table_command_does_not_import_rich_table():
    code = ("import sys, io; from actviz.cli import app\n"
            "try:\n    app(['table', 'relu', 'gelu'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            "print('rich.table' in sys.modules, file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr.strip().endswith("False"), out.stderr
